"""Counts ("three times", "none") and area names ("nortdale") in a message."""
from __future__ import annotations

import re
from typing import Sequence

from rapidfuzz import fuzz, process

from .normalise import NON_WORD, normalise

MAX_CHARS = 500          # the classification limit: counts and areas are read from this much

_NUMBER_WORDS = {
    "zero": 0, "nought": 0, "one": 1, "once": 1, "two": 2, "twice": 2, "couple": 2, "three": 3,
    "thrice": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "dozen": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
}
_TIME_UNIT = (r"(?! (?:months?|mths?|years?|yrs?|weeks?|wks?|days?|hours?|hrs?|mins?|minutes?|seconds?"
              r"|am|pm|oclock|percent|kg|mg|mcg|ml|cm|mm)\b)")
_COUNT_RE = re.compile(r"\b(\d{1,3}|" + "|".join(_NUMBER_WORDS) + r")\b" + _TIME_UNIT)
_ZERO_RE = re.compile(
    r"\b(?:none|nil|zero|nought|never|not once|not any|no one|nobody|no (?:police |previous |prior )?"
    r"(?:call ?outs?|callouts?|calls?|times?|incidents?|reports?|attendances?|police|maracs?|referrals?"
    r"|occasions?|convictions?))\b"
)


def parse_number(text: str) -> int | None:
    """A small count in the text ("3", "three", "five times", "none" -> 0), else None."""
    return number_in(normalise(text[:MAX_CHARS]))


def number_in(norm: str) -> int | None:
    zero = _ZERO_RE.search(norm)
    counts = [
        int(m) if m.isdigit() else _NUMBER_WORDS[m]
        for m in _COUNT_RE.findall(_ZERO_RE.sub(" ", norm) if zero else norm)
    ]
    if counts:
        return max(counts)      # "3 or 4" -> 4: the higher count is the safer reading for risk
    return 0 if zero else None



def match_area(text: str, areas: Sequence[str], cutoff: float = 80) -> str | None:
    """The area id (as given, lower-cased) a message names, allowing typos and split words; else None."""
    words = normalise(text[:MAX_CHARS]).split()
    candidates = words + [a + b for a, b in zip(words, words[1:])]
    if not candidates:
        return None
    best, best_score = None, 0.0
    for area in areas:
        key = NON_WORD.sub("", area.lower())
        if not key:
            continue
        hit = process.extractOne(key, candidates, scorer=fuzz.ratio, score_cutoff=cutoff)
        if hit and hit[1] > best_score:
            best, best_score = area.lower(), hit[1]
    return best
