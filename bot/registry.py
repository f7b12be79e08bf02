"""Live reload: a running bot picks up edited pathway files within seconds.

A file that fails validation is not loaded: the last good version of that area
keeps serving and the failure is logged for the operator (file, line, problem;
never anything a clinician typed). Conversations already under way keep the
version they started with (engine state carries the version id).
"""
from __future__ import annotations

import logging
import os
import threading
import time
from pathlib import Path

from .pathways import Library, default_pathway_dir, load_pathways

log = logging.getLogger("pathbot.pathways")
KEEP_OLD_VERSIONS = 4    # per area: enough for conversations started before a few quick edits


class PathwayRegistry:
    def __init__(self, folder: Path | None = None, check_every: float = 2.0, clock=time.monotonic, today=None):
        self.folder = Path(folder or default_pathway_dir())
        self.check_every, self.clock, self.today = check_every, clock, today
        self._lock = threading.Lock()
        self._cache: dict = {}      # unchanged area files are not read again on a reload
        self._stamp = self._fingerprint()
        self._checked = clock()
        self._library = load_pathways(self.folder, today, cache=self._cache)
        for p in self._library.errors:
            log.error("pathway not loaded: %s", p)
        if "national" not in self._library.pathways:
            raise ValueError(f"the national pathway in {self.folder} has errors: run pathbot pathways validate")

    def _fingerprint(self) -> tuple:
        """Name, change time and size of every file in the folder (a .yaml file too, so its warning is logged)."""
        stamps = []
        try:
            paths = sorted(self.folder.iterdir())
        except OSError:
            paths = []
        for path in paths:
            if path.suffix.lower() not in (".yml", ".yaml"):
                continue
            try:
                st = path.stat()
            except OSError:
                stamps.append((path.name, None, None))     # a broken link: still a change worth a look
                continue
            stamps.append((path.name, st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino))
        return tuple(stamps)

    def library(self) -> Library:
        """The current library, reloading first if any file changed since the last look."""
        if self.clock() - self._checked >= self.check_every:
            self.reload_if_changed()
        return self._library

    def reload_if_changed(self) -> bool:
        with self._lock:
            self._checked = self.clock()
            stamp = self._fingerprint()
            if stamp == self._stamp:
                return False
            self._stamp = stamp
            try:
                self._library = self._merge(load_pathways(self.folder, self.today, cache=self._cache))
            except Exception:       # never let a bad edit (or a bug) take the bot down: keep serving
                log.exception("pathways not reloaded, the last good versions are still serving")
                return False
            return True

    def _merge(self, new: Library) -> Library:
        """Keep the last good version of anything that failed, and recent old versions for live conversations."""
        old = self._library
        for p in new.errors:
            log.error("pathway edit rejected, last good version still serving: %s", p)
        if "national" not in new.pathways:
            new.pathways = dict(old.pathways)
        for area, pathway in old.pathways.items():
            if area not in new.pathways and os.path.lexists(self.folder / f"{area}.yml"):
                new.pathways[area] = pathway
        by_area: dict[str, list] = {}
        for version, pathway in list(old.versions.items()) + list(new.versions.items()):
            if version not in by_area.setdefault(pathway.area, []):
                by_area[pathway.area].append(version)
        for area, versions in by_area.items():
            for version in versions[-(KEEP_OLD_VERSIONS + 1):]:
                new.versions[version] = old.versions.get(version) or new.versions[version]
        for pathway in new.pathways.values():
            new.versions[pathway.version] = pathway
        changed = sorted(a for a, p in new.pathways.items()
                         if a not in old.pathways or old.pathways[a].version != p.version)
        if changed:
            log.info("pathways reloaded: %s", ", ".join(changed))
        return new
