"""Names: introduced as names, after titles and role words, and first names in name positions."""
from __future__ import annotations

import re
from pathlib import Path

from .text import FUNCTION_WORDS, STOP, WORD, stopword

_WORD_ANY = r"[^\W\d_]+(?:['\-][^\W\d_]+)*"         # one word of letters (any script)
_W = rf"({_WORD_ANY})"
_NAME_IS = re.compile(
    r"(?<![^\W\d_])(?:(?:first|last|full|given|middle|maiden|family|christian|real|pet) ?|sur|fore|nick)?"
    rf"names?(?: (?:is|was|are|were|as) |'s | ?[:=] ?| - ?)(?:actually |probably |maybe |just )?{_W}")
_NAME_BARE = re.compile(
    rf"(?<![^\W\d_])(?:(?:first|last|full|given|middle|maiden|family) ?names?|surname|forename|names?) {_W}")
_CALLED = re.compile(
    r"(?<![^\W\d_])(?:called|named|nicknamed|known (?:to (?:us|services|the police|police|the team|them) )?as|goes by|go by"
    r"|calls (?:herself|himself|themselves)|(?:goes|go|went|going|known) (?:under|by) the name(?: of)?|by the name of)"
    rf" {_W}(?: {_W})?")
_CALLED_WORDS = frozenset("called named nicknamed known goes go calls".split())
_TITLE = re.compile(rf"(?<![^\W\d_])(mrs|mr|ms|mx|miss)(?![^\W\d_])\.? ?{_W}")
_TITLE_WORDS = frozenset("mrs mr ms mx miss".split())
_KIN = ("son daughter partner husband wife boyfriend girlfriend mum mom mother dad father sister brother "
        "child baby stepdad stepfather stepmum stepmother stepson stepdaughter").split()
_ROLES = _KIN + ("patient pt client victim survivor woman lady man gentleman girl boy ex perpetrator "
                 "perp abuser suspect fella bloke hubby fiance fiancee spouse carer kid toddler teenager "
                 "twin niece nephew cousin aunt auntie uncle nan nana gran granny grandma grandad "
                 "grandmother grandfather bf gf friend neighbour lodger flatmate housemate mate pal "
                 "boss").split()
# A role word, then (after "is", ":", ",", "(", "-" or nothing) a capitalised word: "her husband John",
# "partner (Dave)", "the patient, Jane Doe,", "pt J. Bloggs"; "mother of Jane"; "re: Jane Doe".
_ROLE_IS = re.compile(
    rf"(?<![^\W\d_])(?:(?:{'|'.join(_KIN)}) of|(?P<role>(?:ex-|step-)?(?:{'|'.join(_ROLES)}))(?![^\W\d_])"
    rf"(?P<sep> is| was| ?[:=,(]| -)?|re ?[:\-]|fao:?|attn:?)(?: called| named)? ?"
    rf"(?P<w1>{_WORD_ANY})(?:\.? (?P<w2>{_WORD_ANY}))?")
_SENTENCE_END = frozenset(".!?;\n")
_LONG_WORD = re.compile(r"[A-Za-z]{3,}")
_ROLE_WORDS = frozenset(_ROLES) | {"re", "fao", "attn"}
_ROLE_PAREN = re.compile(rf"\((?:{'|'.join(_ROLES)})\)")          # "Sarah (patient)", "Dave (partner)"
_LAST_WORD = re.compile(rf"{_W} ?$")

_SERVICE_WORDS = frozenset("""
police constabulary mash marac council hospital services service refuge team hub unit centre center
trust nhs ccg icb borough county city health helpline aid project line women's womens women men's
domestic abuse safeguarding social children's childrens adult rape sexual housing mental crisis
law scheme act order notice protocol programme program model approach tool checklist form
assessment meeting conference referral pathway clinic ward practice surgery advice uk
protection safety liaison transport experience advocate advocacy loss guard app
resident residents based area registered born speaking speaker citizen origin heritage descent
""".split())


def _weak_name(word: str, nxt: str | None, stop: frozenset[str] = STOP) -> bool:
    """A word after a weak cue ("called", "the patient is") counts as a name when it looks like one:
    capitalised, not an acronym ("MASH"), not a common word, not followed by a service word."""
    return (word[:1].isupper() and not (len(word) > 1 and word.isupper())
            and not stopword(word, stop) and word.lower().rsplit("-", 1)[-1] not in _SERVICE_WORDS
            and (nxt is None or nxt.lower() not in _SERVICE_WORDS))


def _title_case(s: str) -> bool:
    """Every word of 3+ letters capitalised (at least three of them): capitals say nothing about names."""
    long_words = _LONG_WORD.findall(s)
    return len(long_words) >= 3 and all(w[0].isupper() for w in long_words)


def scan_names(s: str, low: str, words: set[str]) -> bool:
    """Names introduced as names. `s` keeps the original case for capitalisation checks."""
    def word(m: re.Match, i: int | str) -> str | None:
        a, b = m.span(i)
        return s[a:b] if a >= 0 else None

    if "name" in low:
        for m in _NAME_IS.finditer(low):
            if not stopword(word(m, 1)):
                return True
    if not words.isdisjoint(_TITLE_WORDS):
        for m in _TITLE.finditer(low):
            title, w = word(m, 1), word(m, 2)
            # "Mrs" in any case, and "Mr"/"Ms" written as titles, take any following word; the rest
            # ("MR scan", "MS fatigue", "Mx plan", "miss her appointment") need a capitalised one.
            if title.lower() == "miss" and title != "Miss":
                continue
            strict = title.lower() == "mrs" or title in ("Mr", "Ms", "mr", "ms")
            if (strict and not stopword(w, FUNCTION_WORDS)) or _weak_name(w, None, FUNCTION_WORDS):
                return True
    if ")" in s and not words.isdisjoint(_ROLE_WORDS):
        for m in _ROLE_PAREN.finditer(low):    # "Sarah (patient)": first word of the message too
            before = _LAST_WORD.search(s, max(0, m.start() - 40), m.start())
            if before and _weak_name(before[1], None):
                return True
    if s[1:] == s[1:].lower():                 # every remaining rule needs a capitalised word
        return False
    if "name" in low:
        for m in _NAME_BARE.finditer(low):
            if _weak_name(word(m, 1), None):
                return True
    if not words.isdisjoint(_CALLED_WORDS):
        for m in _CALLED.finditer(low):
            if _weak_name(word(m, 1), word(m, 2)):
                return True
    if not words.isdisjoint(_ROLE_WORDS):
        # Try the rule only where a role word starts (several times faster than scanning every position).
        for start in (w.start() for w in WORD.finditer(low) if w[0] in _ROLE_WORDS):
            m = _ROLE_IS.match(low, start)
            if not m:
                continue
            a = m.start("role")
            if a >= 0 and m["sep"] is None and s[a].isupper() and (
                    s[:a].rstrip()[-1:] not in ("", *_SENTENCE_END) or _title_case(s)):
                continue             # "the Child Death Overview Panel", "Husband Took Her Phone"
            first, second = word(m, "w1"), word(m, "w2")
            if len(first) == 1:      # an initial counts only before a surname: "pt J Bloggs", not "Child A"
                if second and _weak_name(second, None):
                    return True
            elif _weak_name(first, second):
                return True
    return False


# Version 2: identifiers without a capital or a number cue -------------------------------------
# Lower-case names, only where the position says a name comes next: after "called"/"named"/"goes
# by", or straight after a role word ("her boyfriend kyle", "wife sandra hits him"). The word must
# be in the first-names list (data/privacy/first_names.txt); names that are also everyday words
# ("will", "may", "mark") count only after "called"/"named" or set off by a comma or bracket.
def _load_first_names() -> tuple[frozenset[str], frozenset[str]]:
    path = Path(__file__).resolve().parents[2] / "data" / "privacy" / "first_names.txt"
    plain, ambiguous = set(), set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("~"):
            ambiguous.update(line[1:].split())
        elif line and not line.startswith("#"):
            plain.update(line.split())
    return frozenset(plain - ambiguous - STOP), frozenset(ambiguous | (plain & STOP))


_NAMES, _NAMES_AMBIGUOUS = _load_first_names()
_CALLED_LOWER = re.compile(
    r"(?<![a-z])(?:called|named|nicknamed|known as|goes by|go by|calls (?:herself|himself|themselves))"
    r" ([a-z]+)(?:'s)?(?![a-z])(?: ([a-z]+))?")


# Phrases that only ever introduce a name: whatever word follows (not a function word) is one,
# listed or not, everyday word or not ("goes by the name of smudge", "calling himself dazza",
# "known as big mick"); "known as a heavy drinker", "goes by her maiden name" pass.
_NAMING = re.compile(
    r"(?<![a-z])(?:(?:goes|go|going|went) by the (?:nick ?)?name(?: of)?|by the (?:nick ?)?name of|(?P<self>(?:calls|calling|called|call)"
    r" (?:herself|himself|themselves|itself)(?: the)?)|known (?:to (?:us|services|the police|police|the team|them) )?as|nicknamed|(?:nick ?name|username|user name) is"
    r"|(?:knows?|knew) (?:him|her|them) as) ([a-z]+)(?:'s)?(?![a-z])(?: ([a-z]+))?")
# "name ellie", "patient name ellie": a listed first name straight after the word "name"
_NAME_LOWER = re.compile(r"(?<![a-z])(?:first |full |given )?names? ([a-z]+)(?![a-z])")
_NAMING_WORDS = frozenset("name herself himself themselves known nicknamed nickname username him her them".split())
# Names that are also everyday words count straight after a role word ("her sister april came"),
# unless they are the modal or verb a role word is often followed by ("her partner may come",
# "her husband will be there", "her son can drive").
_AFTER_ROLE_NOT_NAMES = frozenset("will may can must might shall would could should did does do has had drew".split())


def scan_lower_names(low: str, words: set[str]) -> bool:
    """A first name in a name position, in any case (see _NAMES)."""
    if not words.isdisjoint(_NAMING_WORDS):
        for m in _NAMING.finditer(low):
            if m[2] not in FUNCTION_WORDS and m[2] not in STOP and m[3] not in _SERVICE_WORDS:  # not "Clare's Law"
                return True
    if "name" in low:
        for m in _NAME_LOWER.finditer(low):
            if m[1] in _NAMES:
                return True
    if not words.isdisjoint(_CALLED_WORDS):
        for m in _CALLED_LOWER.finditer(low):
            if (m[1] in _NAMES or m[1] in _NAMES_AMBIGUOUS) and m[2] not in _SERVICE_WORDS:
                return True         # not "known as Clare's Law"
    if not words.isdisjoint(_ROLE_WORDS) or "-" in low:
        for start in (w.start() for w in WORD.finditer(low) if w[0] in _ROLE_WORDS or w[0] in ("ex", "step")):
            m = _ROLE_IS.match(low, start)
            if not m or m.start("w1") < 0:
                continue
            w1 = m["w1"].split("'")[0]
            sep = (m["sep"] or "").strip()
            if w1 in _NAMES or (w1 in _NAMES_AMBIGUOUS and (sep in (",", "(", ":", "-", "=") or (
                    not sep and m["role"] in _KIN and w1 not in _AFTER_ROLE_NOT_NAMES))):
                return True
    return False
