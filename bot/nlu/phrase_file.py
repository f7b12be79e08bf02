"""Reading a reviewable phrase file (the danger net's, the role reading's harm forms): YAML lists of
regular expressions, compiled when the bot starts; if one does not compile (or matches empty text),
each is checked on its own so the error names the file, section and line, never at a user.
`{name}` in a phrase stands for the `fragments` list `name`."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Callable, TypeVar

import yaml

from ..yaml_source import Loader

_FRAGMENT = re.compile(r"\{([a-z_]+)\}")
T = TypeVar("T")


class PhraseFileError(ValueError):
    """A phrase file is missing, malformed, or has a pattern that does not compile."""


def read_yaml(path: Path, what: str, error: type[PhraseFileError] = PhraseFileError):
    """The parsed file, or `error` naming the file and line."""
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)     # libyaml when present
    except OSError as exc:
        raise error(f"{path}: cannot read the {what} ({exc.strerror})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        raise error(f"{path.name}{where}: not valid YAML ({getattr(exc, 'problem', None) or exc.__class__.__name__})") from None


def compile_checked(name: str, doc, known: set[str], build: Callable[["PhraseFile"], tuple[T, list[re.Pattern]]],
                    error: type[PhraseFileError] = PhraseFileError, table: type["PhraseFile"] | None = None) -> T:
    """`build` compiles the file's patterns and returns (what it built, the patterns). Each pattern is
    compiled once (start-up time); only if one fails, or one can match empty text, is the file built
    again phrase by phrase, so that the error names the phrase."""
    table = table or PhraseFile
    try:
        built, patterns = build(table(name, doc, known, error))
        if not any((m := p.match("zq")) is not None and m.end() == 0 for p in patterns):
            return built
    except re.error:
        pass
    build(table(name, doc, known, error, strict=True))
    raise error(f"{name}: the phrases do not compile together (a bracket left open across two phrases?)")


class PhraseFile:
    """One parsed phrase file: its sections checked against `known`, its fragments expanded."""

    def __init__(self, name: str, doc, known: set[str], error: type[PhraseFileError] = PhraseFileError,
                 strict: bool = False):
        self.name, self.error, self.strict = name, error, strict
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
        """A non-empty list of phrases, fragments expanded; when strict, each compiled on its own."""
        if not isinstance(items, list) or not items:
            self.fail(where, "expected a non-empty list of phrases")
        out = []
        for i, item in enumerate(items, 1):
            if not isinstance(item, str) or not item.strip():
                self.fail(f"{where}[{i}]", "a phrase must be non-empty text")
            phrase = self.expand(f"{where}[{i}]", item) if expand else item
            if self.strict:
                try:
                    re.compile(phrase)
                except re.error as exc:
                    self.fail(f"{where}[{i}]", f"{item!r} is not a valid pattern ({exc.msg} at position {exc.pos})")
                if expand and re.fullmatch(phrase, ""):     # a fragment is only part of a phrase
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
