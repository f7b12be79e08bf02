"""The British English word list (data/privacy/english_words.txt, SCOWL; its notice is in the file's
header) with the clinical words it lacks (data/privacy/clinical_words.txt), read once on first need: the privacy guard asks whether an unknown word is a name, the role
reading whether a misspelt word is a relationship ("husbnad") or an English word ("brothel")."""
from __future__ import annotations

from functools import cache
from pathlib import Path

WORD_FILE = Path(__file__).resolve().parents[1] / "data" / "privacy" / "english_words.txt"
CLINICAL_FILE = WORD_FILE.with_name("clinical_words.txt")


@cache
def english_words() -> tuple[frozenset[str], dict[tuple[str, int], list[str]]]:
    """Every English word, and the words by (first letter, length) a typo could be of."""
    words = [w for path in (WORD_FILE, CLINICAL_FILE) for line in path.read_text(encoding="utf-8").splitlines()
             if not line.startswith("#") for w in line.split()]
    buckets: dict[tuple[str, int], list[str]] = {}
    for w in words:
        buckets.setdefault((w[0], len(w)), []).append(w)
    return frozenset(words), buckets
