"""Names on no list: a word that is no English word, role or listed name, in a position where a
name stands ("<word> says ...", "seen with <word>", "pt <name> <surname>")."""
from __future__ import annotations

import re

from .names import (ALL_NAMES, INSULTS, NAMES, PLACE_AFTER_NAME, SERVICE_WORDS, VERB_SHAPE, double_barrelled,
                    near_role, no_name_candidate, short_surname, unknown_word)
from .text import STOP

# A word in a name position that is no English word (data/privacy/english_words.txt), no near-miss of
# one (a typo: "pateint says"), no role or clinical short form and at least four letters long is taken
# as a name: "<name> says the husband locks her in", "seen with <name> today", "name of <name> <name>",
# "the kids are called <name> and <name>", "her daughter <name> goes to ...", "<name> <name> 33 ...".
# The word list is read the first time such a position is seen (it adds nothing to start-up).
_UNKNOWN_START = re.compile(
    r"^(?:re:? |fao:? )?([a-z][a-z'\-]{3,})(?: ([a-z][a-z'\-]{3,}))?(?P<place>(?: (?:at|from|in|on) (?:the )?[a-z0-9]+(?: [a-z0-9]+)?){1,2})? (?:says|said|told|tells|rang|rung|phoned|called|texted"
    r"|reports|reported|disclosed|mentioned|was the one|is the one|is her|is his|is their|has been|came in|attended"
    r"|is the (?:pt|patient|client|mum|dad|mother|father|victim))\b")
# v47 dev: a name opening the message and telling ("<name> says her uncle ..."); a name that is also an
# everyday word counts here, and a word on no list that is near an English word too ("abena" is one
# letter from "arena"), unless it is a typo of a role ("pateint says", "husbnd said")
_TELLS = re.compile(r"(?:says|said|told|tells|rang|rung|phoned|texted|reports|reported|disclosed|mentioned)$")
_NOT_NAMES_OPENING = frozenset("guy junior sunny rich star angel".split())    # "guy says" is a bloke
# "spoke to <name> at the pharmacy", "spoke w <name> today": a person spoken with, named
_SPOKE_TO = re.compile(r"(?<![a-z])(?:(?:spoke|speaking|spoken|talked|talking|chatted|chatting) (?:to|with|w)|saw|seen|met|visited)"
                       r"(?: young| little)? ([a-z][a-z'\-]{2,})(?: ([a-z][a-z'\-]{2,}))?"
                       r"(?= (?:at|in|on|today|this|yesterday|about|who|earlier|re|and|on the phone)\b|,|$)")
_UNKNOWN_WITH = re.compile(r"(?<![a-z])(?:seen|came|come|attended|arrived|here|in|brought in) (?:with|w) ([a-z][a-z'\-]{3,})(?![a-z])")
_LITTLE_CUE = re.compile(r"little|young|baby")          # cheap gates: most messages have neither
_SPOKE_CUE = re.compile(r"spok|speak|talk|chat|saw|seen|met|visited")
# a listed first name, then a surname (a listed name or a word on no list), anywhere in the message
_SURNAME_SHAPE = re.compile(r"[a-z][a-z'\-]{3,}")
_HAD_IN = re.compile(r"(?<![a-z])had ([a-z]{3,}) (?:in|back in|round|over) (?:today|this morning|this afternoon|earlier|clinic"
                     r"|surgery|yesterday|again|for)\b")
# a listed first name after "little"/"young"/"baby" ("little <name>-<name> <surname> has been quiet")
_LITTLE_NAME = re.compile(r"(?<![a-z])(?:little|young|baby)(?: ones?)? ([a-z]{3,}(?:-[a-z]{2,})?)(?: ([a-z][a-z'\-]{3,}))?(?![a-z])")
_UNKNOWN_NAME_OF = re.compile(r"(?<![a-z])(?:name of|named|(?:is|are|was|were|be|been|being) called) ([a-z][a-z'\-]{3,})"
                              r"(?: and ([a-z][a-z'\-]{2,}))?(?![a-z])(?! (?:police|council|services?|hospital|surgery|practice|trust))")
# v48 dev: "her ex, a guy called <name>": a person called a word on no list
_PERSON_CALLED = re.compile(r"(?<![a-z])(?:guy|bloke|fella|fellow|man|woman|lady|girl|boy|lad|lass|chap|someone|somebody|person)"
                            r" called ([a-z][a-z'\-]{3,})(?![a-z])")
# "patient ayomide says", "her partner oluwaseun hits her": a word on no list between a role and a verb
_UNKNOWN_AFTER_ROLE = re.compile(
    r"(?<![a-z])(?:patient|pt|client|(?:her|his|their|my) (?:sister|brother|partner|husband|wife|boyfriend|girlfriend"
    r"|son|daughter|mum|dad|mother|father|ex|fiance|fiancee|carer|cousin|uncle|aunt|auntie)) ([a-z][a-z'\-]{3,})"
    r" (?:says|said|told|tells|is|was|has|had|hits|hit|pushed|keeps|kept|came|rang|reports|reported|disclosed|admits|admitted)\b")
_ROLE_THEN_TWO = re.compile(r"(?<![a-z])(?:patient|pt|client|mum|dad)(?P<comma>,)? (?P<first>[a-z]{3,}) (?P<surname>[a-z][a-z'\-]{3,})(?(comma),)(?![a-z])")
_ROLE_THEN_TWO_WORDS = frozenset("patient pt client mum dad".split())     # a cheap gate for the pattern above
# "pt <name> <surname> 19 says": a role, a listed first name, any surname and an age
_ROLE_NAME_AGE = re.compile(r"(?<![a-z])(?:patient|pt|client)(?:,)? ([a-z]{3,}) [a-z][a-z'\-]{2,},? [0-9]{1,2}(?![0-9])")
_SET_OFF_NAME = re.compile(r", ([a-z]{3,}) ([a-z][a-z'\-]{2,}),")
_SET_OFF_ONE = re.compile(r"(?:, | - )([a-z]{3,})(?:,| -)")    # "works at the pharmacy, <name>, and ...", "ward 22 - <name> -" (v59 dev)
# A person named by where they lie: "<name> in bay 4 says", "its <name> from ward 12"
_NAME_IN_BED = re.compile(r"^(?:its |it is |this is )?([a-z][a-z'\-]{2,}) (?:from|in|on) (?:bay|bed|room|cubicle|side room|ward) [0-9a-z]+\b")
# Being called something names a person: "he's called wren", "she is named <word>"; a patient "called
# <word>" only beside "real name" (otherwise "pt called ambulance" is a phone call)
_IS_CALLED = re.compile(r"(?<![a-z])(?:(?:(?:he|she|they|patient|pt|client|who)(?: is|'s| s| was| are| were| goes by| prefers to be)|hes|shes|theyre) (?:called|named)"
                        r"|(?:pt|patient|client|man|woman|lady|boy|girl|lad|gentleman) named"
                        r"|(?:called|named) (?=[a-z]+ \(?(?:that is|thats|that's|its|it's|it is|is) (?:her|his|their) real name))"
                        r" ?([a-z][a-z'\-]{2,})(?![a-z])")
_REPORTS = frozenset("says said told tells rang phoned reports reported disclosed admits admitted".split())
_NOT_A_NAME_AFTER_CALLED = frozenset("names back in out up round over away off home".split())
# "<name> 31 from the needle exchange says", "<Name> the receptionist at ...": a listed first name opening
# the message with an age or a role after it
_NAME_THEN_AGE = re.compile(r"^([a-z]{3,})(,?) (?P<is>is |aged |age )?[0-9]{1,2}(?:,|(?: and| from| at| in| says| said| is| has| with| who)\b| ?wks?\b| weeks\b|/40)")
_MONTH_OR_WORD = frozenset("may will june april august march hope miles".split())   # "may, 3 weeks after ..."
_NAME_THE_ROLE = re.compile(r"^([a-z]{3,}),? (?:(?:the|our|my|a) (?:\w+ )?(?:receptionist|nurse|manager|cleaner|carer|teacher|hca|midwife"
                            r"|doctor|gp|pharmacist|student|patient|pt|mum|dad|wife|husband|girlfriend|boyfriend)"
                            r"|(?:on|at|behind) (?:the )?(?:reception|front desk|desk|tills?|counter|checkouts?|door|bar|pumps))\b")   # "<name> on reception at ..."
_UNKNOWN_AGE = re.compile(r"^([b-hj-z]\.?|[a-z][a-z'\-]{3,}) ([a-z][a-z'\-]{3,}),? [0-9]{1,3}(?![0-9])")   # or "k <surname>, 67"
# "pt rose (88) says": a listed or unknown word with an age in brackets after it
_AGE_IN_BRACKETS = re.compile(r"(?<![a-z])([a-z][a-z'\-]{2,}) \([0-9]{1,3}\)")
# "<name> <surname> (they/them) disclosed ...": pronouns in brackets follow a person's name
_PRONOUNS_AFTER = re.compile(r"(?<![a-z])(?:([a-z][a-z'\-]{1,}) )?([a-z][a-z'\-]{1,}) \((?:she|he|they|ze|xe)/(?:her|him|them|hers|his|theirs|zir|hir|xem|it)(?:/[a-z]+)?\)")
_GENDER_WORDS = frozenset("enby nb nonbinary agender genderfluid genderqueer trans transmasc transfem queer".split())
# "the okonjo-hales": a family named by a hyphenated surname
_FAMILY_NAME = re.compile(r"(?<![a-z])the ([a-z]{3,})-([a-z]{3,})s(?![a-z])")


def scan_unknown_names(low: str, words: set[str]) -> bool:
    """A word on no list in a name position (see above)."""
    m = _IS_CALLED.search(low) if "called" in low or "named" in low else None
    if m and m[1] not in STOP and m[1] not in INSULTS and m[1] not in SERVICE_WORDS \
            and m[1] not in _NOT_A_NAME_AFTER_CALLED:
        return True                # "he's called wren", "my patient called bramble (that's her real name)"
    for m in (_PRONOUNS_AFTER.finditer(low) if "/" in low else ()):
        if m[2] not in STOP and m[2] not in _GENDER_WORDS and (
                m[2] in ALL_NAMES or unknown_word(m[2]) or m[2].startswith("o'") or m[1] in ALL_NAMES):
            return True         # "<surname> (they/them)", "<name> o'<surname> (she/her)", "<name> <smith> (he/him)"
    if no_name_candidate(low, words):
        return False            # every other position needs a listed name or a word on no list
    m = _UNKNOWN_START.match(low)
    if m and not m[2] and not m["place"] and _TELLS.search(m[0]) and (
            m[1] in ALL_NAMES and m[1] not in _NOT_NAMES_OPENING or unknown_word(m[1], typos=False) and not near_role(m[1])):
        return True             # "<grace> says ...", "<abena> said ...": someone named, opening the message and telling
    if m and (unknown_word(m[1]) or m[1] in ALL_NAMES and (m[2] and unknown_word(m[2], typos=False) or m["place"] and not m[2])):
        return True             # "<name> says ...", "summer <surname> says ...", "<robin> from the feed merchants says"
    m = _NAME_THEN_AGE.match(low)
    if m and (m[1] in NAMES or (m[2] or m["is"]) and m[1] in ALL_NAMES and m[1] not in _MONTH_OR_WORD):
        return True             # "<name> 31 from the needle exchange", "<amber>, 19 wks, says ...", "<brook> is 23 and ..."
    m = _NAME_THE_ROLE.match(low)
    if m and m[1] in NAMES:
        return True             # "<name> the receptionist at ..."
    m = _UNKNOWN_AGE.match(low)
    if m and (len(m[1]) <= 2 or unknown_word(m[1]) or m[1] in ALL_NAMES) and unknown_word(m[2]):
        return True             # "<name> <surname>, 32, says", "k <surname>, 67, ..."
    for m in (_AGE_IN_BRACKETS.finditer(low) if "(" in low else ()):
        if m[1] not in STOP and (m[1] in ALL_NAMES or unknown_word(m[1])):
            return True
    m = _FAMILY_NAME.search(low) if "-" in low else None
    if m and unknown_word(m[1], typos=False):
        return True
    for m in _UNKNOWN_AFTER_ROLE.finditer(low):
        if unknown_word(m[1]):
            return True
    for m in (_UNKNOWN_WITH.finditer(low) if "with" in words or "w" in words else ()):
        if m[1] in NAMES or unknown_word(m[1]):
            return True
    for m in (_ROLE_NAME_AGE.finditer(low) if not words.isdisjoint(_ROLE_THEN_TWO_WORDS) else ()):
        if m[1] in ALL_NAMES and m[1] not in STOP:
            return True
    for m in (_ROLE_THEN_TWO.finditer(low) if not words.isdisjoint(_ROLE_THEN_TWO_WORDS) else ()):     # "pt grace <surname>", "the pt, <word> <surname>,"
        if (m["first"] in ALL_NAMES or m["comma"] or unknown_word(m["first"])) and m["first"] not in STOP \
                and (unknown_word(m["surname"], typos=False) or m["surname"] in NAMES):     # or two words on no list
            return True
    if ("," in low or " - " in low) and any(m[1] in NAMES for m in _SET_OFF_ONE.finditer(low)):
        return True             # ", <listed name>,": a first name set off by commas
    m = _NAME_IN_BED.match(low)
    if m and (m[1] in ALL_NAMES or unknown_word(m[1])):
        return True             # "<name> in bay 4 says ...", "its <name> from ward 12"
    for m in (_SET_OFF_NAME.finditer(low) if "," in low else ()):   # ", rita <surname>,": set off by commas
        if m[1] in NAMES and m[2] not in STOP and m[2] not in SERVICE_WORDS and not VERB_SHAPE.match(m[2]) \
                or m[1] in ("big", "little", "young", "old", "wee") and m[2] in ALL_NAMES:   # ", big mick,"
            return True
    parts = low.split()
    if len(parts) > 1 and parts[0] in ALL_NAMES and unknown_word(parts[1].rstrip(".,;:!?)"), typos=False):
        return True             # opening the message, a name that is also a word: "<summer> <surname> in year 9 ..."
    if len(parts) > 2 and parts[0] in NAMES and short_surname(parts[1].rstrip(",;:")) and (
            parts[1].endswith(",") or parts[2] in _REPORTS):
        return True             # "<name> <orr>, LD, at ...", "<name> <fox> says": a three-letter surname
    if "-" in low and any("-" in w and double_barrelled(w.strip(".,;:!?()"), NAMES) for w in parts):
        return True             # "<poppy-mae> at st hilda's": a hyphenated name with a listed part
    for at, (first, second) in enumerate(zip(parts, parts[1:]) if not words.isdisjoint(NAMES) else ()):
        if first in NAMES:      # "midwife here, amira hussain 28 weeks"
            second = second.rstrip(".,;:!?)")
            # opening the message, a surname near an English word counts too ("<name> forbes out of prison")
            aged = parts[at + 2:at + 3] and (parts[at + 2][:1].isdigit()     # "<name> <surname>, 15": no typo
                                             or parts[at + 2] in ("from", "at", "who") and not second.endswith(","))
            if _SURNAME_SHAPE.fullmatch(second) and second not in PLACE_AFTER_NAME and (
                    second in NAMES or unknown_word(second, typos=at > 0 and not aged)):
                return True
    m = _HAD_IN.search(low) if "had" in low else None
    if m and m[1] in ALL_NAMES:             # "had summer in today": a patient seen, named
        return True
    for m in (_LITTLE_NAME.finditer(low) if _LITTLE_CUE.search(low) else ()):
        if m[1] in NAMES or double_barrelled(m[1], ALL_NAMES):
            return True
    for m in (_SPOKE_TO.finditer(low) if _SPOKE_CUE.search(low) else ()):
        if m[1] in NAMES or unknown_word(m[1]) or m[1] in ALL_NAMES and m[2] and unknown_word(m[2], typos=False):
            return True         # "saw <bill> <surname> today": a name that is also a word, then a surname
    for m in (_UNKNOWN_NAME_OF.finditer(low) if "name" in low or "called" in low else ()):
        if unknown_word(m[1]) or (m[2] and unknown_word(m[2])):
            return True
    for m in (_PERSON_CALLED.finditer(low) if "called" in low else ()):
        if unknown_word(m[1], typos=False):
            return True         # "a guy called <deano>": a person called something, even one letter from a word
    return False
