"""Who may use the assistant in Teams: the configured tenant(s), personal chats only, and, when a
staff list is configured, only the staff on it.

    PATHBOT_TEAMS_TENANTS=<tenant id>[,<tenant id>...]      # required: your organisation's Entra tenant(s)
    pathbot teams staff add <aadObjectId> --admin "A. Lead, safeguarding lead" [--staff teams-staff.yml]

The staff file (YAML, mode 0600) holds only HMAC-SHA256 pseudonyms of Entra object ids, made with
PATHBOT_SESSION_SECRET (bot/channels/access.py's `pseudonym`), each with when it was added and by
whom. Without a staff file everyone in the configured tenant(s) may use the assistant.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..access import SetupError, pseudonym

log = logging.getLogger(__name__)

TENANTS_ENV = "PATHBOT_TEAMS_TENANTS"
STAFF_ENV = "PATHBOT_TEAMS_STAFF"
_GUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_HEADER = """\
# pathbot Teams staff list. Written by `pathbot teams staff add`.
# It holds only HMAC-SHA256 pseudonyms of Entra object ids (made with PATHBOT_SESSION_SECRET).
# To remove someone, delete their entry under `staff:`. Keep this file mode 0600.
"""

OK, STRANGER, GROUP = "ok", "stranger", "group"


def tenants_from(value: str) -> frozenset[str]:
    """Tenant ids from PATHBOT_TEAMS_TENANTS (commas or spaces between them). Entra tenant ids are
    GUIDs; anything else (a domain name, say) is allowed but warned about, since no activity will
    carry it and everyone would be refused."""
    ids = frozenset(t.strip().lower() for t in re.split(r"[,\s]+", value or "") if t.strip())
    if not ids:
        raise SetupError(f"{TENANTS_ENV} is not set: give your organisation's Entra tenant id "
                         "(Entra admin centre, Overview, Tenant ID)")
    odd = sorted(t for t in ids if not _GUID.match(t))
    if odd:
        log.warning("%s: %d value(s) are not shaped like Entra tenant ids (GUIDs such as "
                    "72f988bf-86f1-41af-91ab-2d7cd011db47); activities from them will be refused unless they match",
                    TENANTS_ENV, len(odd))
    return ids


class StaffList:
    """The optional allow-list of Entra object ids, kept as pseudonyms; re-read when the file changes."""

    def __init__(self, path: str | os.PathLike, secret: bytes):
        self.path, self.secret = Path(path), secret
        self._seen: tuple | None = None
        self._staff: frozenset[str] = frozenset()
        self.refresh()

    def user_hash(self, aad_object_id: str) -> str:
        return pseudonym(self.secret, "teams-user", str(aad_object_id).strip().lower())

    def refresh(self) -> None:
        try:
            st = self.path.stat()
        except FileNotFoundError:
            self._seen, self._staff = None, frozenset()
            return
        seen = (st.st_ino, st.st_mtime_ns, st.st_size)
        if seen != self._seen:
            self._seen = seen
            self._staff = frozenset(str(e.get("user")) for e in self._read() if isinstance(e, dict))

    def has(self, aad_object_id: str) -> bool:
        try:
            self.refresh()
        except SetupError:
            pass                           # a broken edit: the last good list stays in force
        return self.user_hash(aad_object_id) in self._staff

    def __len__(self) -> int:
        self.refresh()
        return len(self._staff)

    def _read(self) -> list:
        if self.path.stat().st_mode & 0o077:
            raise SetupError(f"{self.path} can be read by other users: run  chmod 600 {self.path}")
        try:
            raw = yaml.safe_load(self.path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise SetupError(f"{self.path} is not valid YAML ({type(exc).__name__})") from None
        staff = raw.get("staff") if isinstance(raw, dict) else None
        if not isinstance(staff, list):
            raise SetupError(f"{self.path} should hold a `staff:` list")
        return staff

    def add(self, aad_object_id: str, admin: str) -> bool:
        """Put someone on the list (their pseudonym only); False if they were on it already."""
        aad = str(aad_object_id).strip().lower()
        if not _GUID.match(aad):
            raise SetupError("the Entra object id looks like 00000000-0000-0000-0000-000000000000 "
                             "(Entra admin centre, Users, the person, Object ID)")
        admin = " ".join(str(admin).split())
        if not admin or len(admin) > 120:
            raise SetupError('--admin needs the administrator\'s name and role, e.g. "A. Lead, safeguarding lead"')
        staff = self._read() if self.path.exists() else []
        user = self.user_hash(aad)
        if any(isinstance(e, dict) and e.get("user") == user for e in staff):
            return False
        when = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        staff.append({"user": user, "added": when, "added_by": admin})
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".teams-staff-", dir=self.path.parent)   # created 0600
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(_HEADER + yaml.safe_dump({"staff": staff}, sort_keys=False, default_flow_style=False))
        os.replace(tmp, self.path)
        self.refresh()
        return True


@dataclass(frozen=True)
class Gate:
    """The decision for one activity: OK, STRANGER (the short refusal) or GROUP (personal chats only)."""
    tenants: frozenset[str]
    staff: StaffList | None = None

    def admit(self, activity) -> str:
        conversation = activity.conversation
        data = activity.channel_data if isinstance(activity.channel_data, dict) else {}
        from_tenant = (data.get("tenant") or {}).get("id") if isinstance(data.get("tenant"), dict) else None
        named = {str(t).lower() for t in (conversation.tenant_id, from_tenant) if t}
        if len(named) != 1 or not named <= self.tenants:
            return STRANGER
        aad = getattr(activity.from_property, "aad_object_id", None) if activity.from_property else None
        if not who(activity) or (self.staff is not None and not (aad and self.staff.has(aad))):
            return STRANGER
        if conversation.is_group or (conversation.conversation_type or "personal") != "personal":
            return GROUP
        return OK


def who(activity) -> str | None:
    """The clinician: their Entra object id, which Teams sends with every message from a person.
    Only hand-made activities (tests, the Bot Framework Emulator) leave it out; then the channel account id
    stands in (a staff list, when configured, still needs the Entra id)."""
    sender = activity.from_property
    if sender is None:
        return None
    return getattr(sender, "aad_object_id", None) or getattr(sender, "id", None) or None
