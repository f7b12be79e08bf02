"""A problem in a pathway file (where, and why in plain words), and how a value is quoted in one."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

# Characters that have no place in a pathway file: C0/C1 controls (tab and newline are fine),
# and invisible characters that change how the text around them looks or hide text: bidi
# embeddings, overrides and isolates, zero-width space, word joiner and invisible operators,
# a byte-order mark inside the text, line/paragraph separators, Unicode tag characters.
# (Zero-width joiner and non-joiner are left alone: some scripts and emoji need them.)
BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u180e\u200b\u2028\u2029\u202a-\u202e"
                       "\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb\ufffe\uffff\U000e0000-\U000e007f]")
# the ones YAML itself cannot read (U+FFFE and U+FFFF are "noncharacters", never text)
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
MAX_CHAR_REPORTS = 5

Position = tuple  # path of keys/indexes inside the document


@dataclass
class YamlProblem(Exception):
    """A file that cannot be read as a pathway, with where and why in plain words.

    `others` holds problems found before this one (e.g. invisible characters) so that
    the caller can report them all."""
    line: int
    column: int
    message: str
    others: list = field(default_factory=list)

    def __str__(self) -> str:
        return f"{self.line}:{self.column}: {self.message}"


@dataclass
class Parsed:
    """The data, where each value is (`marks`), and problems that do not stop reading."""
    data: object
    marks: dict
    problems: list


def describe_char(ch: str) -> str:
    """'U+202E RIGHT-TO-LEFT OVERRIDE': a character named so a person can find it."""
    name = unicodedata.name(ch, "") or {"\t": "TAB", "\n": "NEW LINE", "\r": "CARRIAGE RETURN",
                                        "\x1b": "ESCAPE", "\x00": "NUL", "\x7f": "DELETE",
                                        "\ufffe": "NONCHARACTER", "\uffff": "NONCHARACTER"}.get(ch, "CONTROL CHARACTER")
    return f"U+{ord(ch):04X} {name}"


def show(value, limit: int = 60) -> str:
    """A value quoted in a message: control and invisible characters made visible, long text cut."""
    text = value if isinstance(value, str) else str(value)
    if len(text) > limit:
        text = text[:limit] + "..."
    return BAD_CHARS.sub(lambda m: f"<U+{ord(m.group()):04X}>", text).replace("\n", " ").replace("\t", " ")
