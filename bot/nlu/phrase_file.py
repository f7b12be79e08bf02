"""Reading a reviewable phrase file (the danger net's, the role reading's harm forms): YAML lists of
regular expressions, each checked and compiled on its own so a bad one is named by file, section and
line when the bot starts, never at a user. `{name}` in a phrase stands for the `fragments` list `name`."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

_FRAGMENT = re.compile(r"\{([a-z_]+)\}")


class PhraseFileError(ValueError):
    """A phrase file is missing, malformed, or has a pattern that does not compile."""


def read_yaml(path: Path, what: str, error: type[PhraseFileError] = PhraseFileError):
    """The parsed file, or `error` naming the file and line."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise error(f"{path}: cannot read the {what} ({exc.strerror})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        raise error(f"{path.name}{where}: not valid YAML ({getattr(exc, 'problem', None) or exc.__class__.__name__})") from None


class PhraseFile:
    """One parsed phrase file: its sections checked against `known`, its fragments expanded."""

    def __init__(self, name: str, doc, known: set[str], error: type[PhraseFileError] = PhraseFileError):
        self.name, self.error = name, error
        if not isinstance(doc, dict):
            self.fail("", f"expected a mapping with sections {', '.join(sorted(known))}")
        self.doc = doc
        unknown = sorted(set(doc) - known)
        if unknown:
            self.fail("", f"unknown section {unknown[0]!r} (expected one of: {', '.join(sorted(known))})")
        self.fragments: dict[str, str] = {}
        for key, items in (doc.get("fragments") or {}).items():
            self.fragments[str(key)] = "(?:" + "|".join(self.phrases(f"fragments.{key}", items, expand=False)) + ")"

    def fail(self, where: str, message: str):
        raise self.error(f"{self.name}: {where + ': ' if where else ''}{message}")

    def phrases(self, where: str, items, expand: bool = True) -> list[str]:
        """A non-empty list of phrases, each compiled on its own so an error names the phrase."""
        if not isinstance(items, list) or not items:
            self.fail(where, "expected a non-empty list of phrases")
        out = []
        for i, item in enumerate(items, 1):
            if not isinstance(item, str) or not item.strip():
                self.fail(f"{where}[{i}]", "a phrase must be non-empty text")
            phrase = self.expand(f"{where}[{i}]", item) if expand else item
            try:
                re.compile(phrase)
            except re.error as exc:
                self.fail(f"{where}[{i}]", f"{item!r} is not a valid pattern ({exc.msg} at position {exc.pos})")
            if re.fullmatch(phrase, ""):
                self.fail(f"{where}[{i}]", f"{item!r} matches empty text, so it would fire on every message")
            out.append(phrase)
        return out

    def expand(self, where: str, phrase: str) -> str:
        def fragment(m: re.Match) -> str:
            if m.group(1) not in self.fragments:
                self.fail(where, f"unknown fragment {{{m.group(1)}}} (known: {', '.join(sorted(self.fragments))})")
            return self.fragments[m.group(1)]
        return _FRAGMENT.sub(fragment, phrase)

    def words(self, key: str) -> list[str]:
        value = self.doc.get(key) or ""
        if not isinstance(value, str):
            self.fail(key, "expected words separated by spaces")
        return value.split()
