"""Checking values in a pathway file, with messages in plain words for a commissioner: each problem at the
line and column of the value concerned, with "Did you mean ...?" for a near miss."""
from __future__ import annotations

import datetime as dt
import re

from rapidfuzz import fuzz, process

from .. import vocab
from ..yaml_source import describe_char, position, raw_text, show
from .format import DATE, EMAIL, ID, MAX_ID, MAX_PROBLEMS_PER_FILE, MAX_TEXT, SHORT_NUMBERS
from .model import Problem


# Other ways people write a nation, and the name a pathway file uses.
NATION_ALIASES = {"uk_wide": "uk", "united_kingdom": "uk", "the_uk": "uk", "all": "uk", "cymru": "wales",
                  "ni": "northern_ireland", "n_ireland": "northern_ireland"}


def norm(value):
    """YAML 1.1 reads yes/no as booleans; answers are the strings 'yes'/'no'."""
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return value


def suggest(word, choices) -> str:
    """' Did you mean "x"?' for the closest choice, the same every run (ties go to the most similar whole word)."""
    word = str(word)[:100]
    matches = process.extract(word, sorted(map(str, choices)), limit=5, score_cutoff=70)
    if not matches:
        return ""
    best = max(matches, key=lambda m: (m[1], fuzz.ratio(word, m[0]), -len(m[0])))
    return f' Did you mean "{best[0]}"?'


def kind_of(value) -> str:
    """What a value is, in the words a commissioner would use."""
    if isinstance(value, dict):
        return "a set of 'key: value' lines"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, dt.date):
        return "a date"
    if value is None:
        return "empty"
    return "text"


def odd_letters(text) -> str:
    """A note naming characters in an id or key that are not plain English letters, digits or _."""
    if not isinstance(text, str):
        return ""
    odd = [ch for ch in dict.fromkeys(text) if not (ch.isascii() and (ch.isalnum() or ch in "_-"))]
    if not odd:
        return ""
    named = ", ".join(describe_char(ch) for ch in odd[:3])
    looks = any(not ch.isascii() and ch.isalpha() for ch in odd)
    return (f" It contains {named}" + (", which only looks like an English letter" if looks else "")
            + ": retype it using plain letters a-z, digits and _.")


class Checker:
    """Collects problems for one file, each at the line and column of the value concerned."""

    def __init__(self, name: str, marks: dict, today: dt.date):
        self.name, self.marks, self.today = name, marks, today
        self.problems: list[Problem] = []
        self.read_spots: set = set()     # where the reader already reported a problem
        self.conditions: list = []       # (path, question id, answers) of every condition, checked once steps are known

    def add(self, path: tuple, message: str, severity: str = "error") -> None:
        line, col = position(self.marks, path)
        if severity == "error" and (line, col) in self.read_spots:
            return       # the reader has already said what is wrong with this value
        self.problems.append(Problem(self.name, line, col, message, severity))

    def written(self, value, path: tuple) -> str:
        """A value as the editor wrote it (the raw text of an unquoted number or date), for messages."""
        raw = raw_text(self.marks, path)
        return show(raw if raw is not None else value)

    def keys(self, mapping, path: tuple, allowed: set, what: str, required=()) -> bool:
        if not isinstance(mapping, dict):
            self.add(path, f"{what} should be a set of 'key: value' lines, not {kind_of(mapping)}")
            return False
        for key in mapping:
            name = str(norm(key))
            if name not in allowed:
                shown = self.written(name, path + (name, "<key>"))
                hint = (suggest(name, allowed) if isinstance(key, str) and len(self.problems) < MAX_PROBLEMS_PER_FILE
                        else "")
                self.add(path + (name, "<key>"), f'unknown key "{shown}" in {what}.' + hint + odd_letters(name))
        for key in required:
            if mapping.get(key) in (None, "") and not (key == "last_verified" and key in mapping):
                self.add(path, f'{what} is missing "{key}"')
        return True

    def text(self, value, path: tuple, what: str, required: bool = False) -> str | None:
        if value is None:
            if required:
                self.add(path, f"{what} is missing")
            return None
        if isinstance(value, str):
            if len(value) > MAX_TEXT:
                self.add(path, f"{what} is {len(value):,} characters long: keep it under {MAX_TEXT:,} (a chat "
                               "message must fit on a phone screen; put the detail in a document and give its address)")
                return None
            if value.strip():
                return " ".join(value.split())
            self.add(path, f"{what} is empty")
            return None
        if isinstance(value, (list, dict)):
            self.add(path, f"{what} should be text, not {kind_of(value)}")
            return None
        # YAML turns unquoted 9:30 into 570, yes/no into true/false and 2026-01-01 into a date
        why = ("YAML reads yes, no, on, off, true and false as true/false" if isinstance(value, bool)
               else f"without quotes YAML reads it as {kind_of(value)}")
        self.add(path, f'{what} should be text: put it in quotes, e.g. "{self.written(value, path)}" ({why})')
        return None

    def ident(self, value, path: tuple, what: str, example: str) -> str | None:
        if isinstance(value, str) and ID.match(value):
            return value
        if isinstance(value, str) and re.match(r"[a-z][a-z0-9_]*\Z", value):
            self.add(path, f'{what} "{show(value)}" is {len(value):,} characters long: an id can have at most {MAX_ID}')
            return None
        if value is None or value == "":
            self.add(path, f"{what} is missing")
        else:
            self.add(path, f'{what} should be lower-case letters, digits and _ (e.g. {example}), not '
                           f'"{self.written(value, path)}".' + odd_letters(value))
        return None

    def boolean(self, value, path: tuple, what: str) -> bool:
        if value is None or isinstance(value, bool):
            return bool(value)
        self.add(path, f'{what} should be true or false, not "{self.written(value, path)}"')
        return False

    def date(self, value, path: tuple, what: str) -> dt.date | None:
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str) and DATE.match(value.strip()):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                self.add(path, f'{what} "{show(value)}" is not a real date: check the month (01 to 12) and the day')
                return None
        found = kind_of(value) if isinstance(value, (list, dict)) else f'"{self.written(value, path)}"'
        self.add(path, f"{what} should be a date written as YYYY-MM-DD, e.g. 2026-03-31, not {found}")
        return None

    def kinds(self, value, path: tuple) -> tuple[str, ...]:
        if value is None:
            return ()
        if isinstance(value, dict):
            self.add(path, "kinds should be a list of service kinds, e.g. [idva, outreach], not a set of 'key: value' lines")
            return ()
        items = value if isinstance(value, list) else [value]
        good = []
        for i, kind in enumerate(items):
            where = path + (i,) if isinstance(value, list) else path
            if isinstance(kind, str) and kind in vocab.SERVICE_KINDS:
                good.append(kind)
            elif isinstance(kind, (list, dict)):
                self.add(where, f"each service kind should be a single word such as idva, not {kind_of(kind)}")
            else:
                self.add(where, f'"{self.written(kind, where)}" is not a service kind.' + suggest(kind, vocab.SERVICE_KINDS))
        return tuple(good)

    def nation(self, value, path: tuple, allowed: tuple, what: str) -> str | None:
        """One nation from `allowed` (lower case, e.g. wales), with "Did you mean" for Wales, Englnd or
        "Northern Ireland"; None after a problem."""
        if isinstance(value, str) and value in allowed:
            return value
        if value is None or isinstance(value, (list, dict, bool)):
            self.add(path, f"{what} should be one of {', '.join(allowed)}, not {kind_of(value)}")
            return None
        guess = " ".join(str(value).split()).lower().replace(" ", "_").replace("-", "_")
        guess = NATION_ALIASES.get(guess, guess)
        hint = f' Did you mean "{guess}"?' if guess in allowed else suggest(guess, allowed)
        if not hint and guess in ("gb", "great_britain", "britain"):
            hint = " Great Britain leaves out Northern Ireland: list the nations, e.g. [england, wales, scotland]."
        self.add(path, f'"{self.written(value, path)}" is not {what}: write one of {", ".join(allowed)}.' + hint)
        return None

    def phone(self, value, path: tuple) -> str | None:
        if isinstance(value, bool):
            self.add(path, f'a phone number should be written in quotes, e.g. {path[-1]}: "01632 960123", not '
                           f'{self.written(value, path)} (YAML reads yes, no, on, off, true and false as true/false)')
            return None
        if isinstance(value, (int, float)):
            written = raw_text(self.marks, path) or str(value)
            if written in SHORT_NUMBERS:
                return written
            self.add(path, f'put the phone number in quotes: {path[-1]}: "{show(written)}" (without quotes YAML '
                           "reads it as a number, which can drop a leading 0 or +)")
            return None
        text = self.text(value, path, "a phone number")
        if text is None:
            return None
        if not re.fullmatch(r"\+?[0-9 ()-]+", text):
            odd = next(ch for i, ch in enumerate(text) if not (ch in "0123456789 ()-" or ch == "+" and i == 0))
            what = f'"{odd}"' if odd.isascii() and odd.isprintable() else describe_char(odd)
            self.add(path, f'the phone number "{show(text)}" has {what} in it, which a phone number cannot have: '
                           "use only digits, spaces, brackets, - and a + at the start")
            return text
        digits = re.sub(r"\D", "", text)
        if digits in SHORT_NUMBERS:
            return text
        if text.startswith("+44"):
            digits = "0" + digits[2:]
        if text.startswith("+") and not text.startswith("+44"):
            if not 8 <= len(digits) <= 15:
                self.add(path, f'the international number "{show(text)}" has the wrong number of digits')
        elif not (digits.startswith("0") and len(digits) in (10, 11)):
            self.add(path, f'"{show(text)}" cannot be a UK phone number: it should start with 0 and have 10 or 11 digits')
        return text

    def email(self, value, path: tuple) -> str | None:
        text = self.text(value, path, "an email address")
        if text is not None and not EMAIL.match(text):
            self.add(path, f'"{show(text)}" is not a valid email address')
        return text

    def step_ref(self, value, path: tuple) -> str | None:
        """A `next:` step id: text or nothing."""
        if value is None or isinstance(value, str):
            return value
        self.add(path, f'"next" should be the id of a step, not {kind_of(value)}')
        return None

    def id_list(self, value, path: tuple, what: str) -> tuple:
        """A list of ids (e.g. sources: [ph50, qs116]); a single id is accepted too."""
        if value is None:
            return ()
        items = value if isinstance(value, list) else [value]
        good = []
        for i, item in enumerate(items):
            where = path + (i,) if isinstance(value, list) else path
            if isinstance(item, str):
                good.append(item)
            else:
                self.add(where, f"{what} should be a list of ids, e.g. [ph50, qs116]")
        return tuple(good)

