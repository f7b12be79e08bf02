"""Names: introduced as names, after titles and role words, and first names in name positions."""
from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from ..english_words import english_words
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
    rf" ['\"]?{_W}(?: {_W})?")
_CALLED_WORDS = frozenset("called named nicknamed known goes go calls registered".split())
_TITLE = re.compile(rf"(?<![^\W\d_])(mrs|mr|ms|mx|miss)(?![^\W\d_])\.? ?{_W}")
_TITLE_WORDS = frozenset("mrs mr ms mx miss".split())
_TITLE_INITIAL = re.compile(r"(?<![A-Za-z])(?:Mrs|Mr|Ms|Mx|Miss|MRS|MR|MS)\.? [A-Z]\.? [A-Z][a-z'\-]{2,}")
# Professional and rank titles before a surname: "Dr Example", "dr example", "Prof. Example", "PC Example".
# Abbreviations that are only ever titles (dr, prof, revd, cllr, sgt) take a lower-case surname too;
# spelled-out titles (Doctor, Professor, Inspector) and police ranks (PC, DC, DS, DI) need capitals.
_TITLE2 = re.compile(rf"(?<![^\W\d_])(dr|prof|professor|rev|revd|reverend|cllr|councillor|sgt|sergeant|insp|inspector"
                     rf"|doctor|pc|dc|ds|di|dci|dsgt|cpl|lcpl|corporal|pte|capt|captain|lt|lieutenant|maj|col|colonel"
                     rf"|ssgt|cpo|flt)(?![^\W\d_])\.? ?['\"]?{_W}(?: {_W})?")
_TITLE2_WORDS = frozenset("dr prof professor rev revd reverend cllr councillor sgt sergeant insp inspector doctor "
                          "pc dc ds di dci dsgt cpl lcpl corporal pte capt captain lt lieutenant maj col colonel ssgt "
                          "cpo flt".split())      # and forces ranks: "Cpl Example", "LCpl Example", "Capt Example"
_TITLE2_ANY_CASE = frozenset("dr prof revd cllr sgt cpl lcpl pte capt ssgt".split())
_TITLE2_UPPER = frozenset("pc dc ds di dci".split())
# Words that follow "dr" or "the doctor" and are not a surname: what the doctor did or what is theirs.
_AFTER_TITLE_NOT_NAMES = frozenset("""
said says say told tells tell asked asks ask thinks think thought wants want gave gives give saw sees see
seen rang rings phoned called calls came comes come went goes go will would could should may might can
must did does do has had have is was are were isn't wasn't won't hasn't didn't doesn't wouldn't feels felt
knows knew reckons reckoned believes believed writes wrote emails needs needed agrees advises recommends
suggests explains mentions notices finds prescribes refers reviews visits reports seems keeps makes made
takes took lets puts gets got spoke speaks talks checks examines arranges books documents worries
appointment appointments appt appts app letter letters note notes surgery surgeries visit visits report
reports review reviews office room list lists rota team teams notes record records clinic clinics
referral referrals request requests cert certificate sick fit line letter's advice opinion today
tomorrow yesterday later recently also already just first last next soon asap again who
here there please because cos coz bc re aware happy unsure unavailable busy asap urgent ok okay
prescription prescriptions meds medication medicine tablets pills exam examination consultation consult
call phone phonecall telephone followup handover summary discharge result results bloods scan scans
practice rota cover shift without within
martens marten pepper google oetker seuss foster's
""".split())
VERB_SHAPE = re.compile(r"[a-z]{2,}(?:ed|ing|ly)$")
_KIN = ("son daughter partner husband wife boyfriend girlfriend mum mom mother dad father sister brother "
        "child baby stepdad stepfather stepmum stepmother stepson stepdaughter").split()
# Wider family and in-laws: like kin, a name that is also an everyday word may follow them directly
# ("her auntie pat", "brother in law frank"); "in law" may be spelled with spaces or hyphens.
_IN_LAW = [f"{k}[ -]in[ -]law" for k in "brother sister mother father son daughter".split()]
_FAMILY = ("twin niece nephew cousin aunt auntie aunty uncle nan nana nanny nanna gran granny grandma grandad "
           "granddad grandmother grandfather grandson granddaughter grandchild mil fil bil sil").split()
# Jobs and roles a person holds: "our receptionist <name>", "her social worker <name>" (the last word
# of a two-word job is enough: "visitor", "worker").
_JOBS = ("receptionist colleague manager nurse midwife hv visitor worker sw doctor gp consultant registrar "
         "teacher tutor headteacher senco supervisor employer coworker workmate cleaner porter hca pharmacist "
         "paramedic officer therapist counsellor psychologist psychiatrist interpreter translator solicitor "
         "lawyer landlord landlady caretaker childminder babysitter chaplain vicar priest imam rabbi pastor "
         "student trainee apprentice matron advocate keyworker member").split()
_ROLES = _KIN + _FAMILY + _JOBS + ("patient pt client victim survivor woman lady man gentleman girl boy ex "
                                   "perpetrator perp abuser suspect fella bloke hubby fiance fiancee spouse carer "
                                   "kid toddler teenager bf gf friend neighbour lodger flatmate housemate mate pal "
                                   "boss eldest youngest oldest ap lad lass bride groom bridegroom widow widower").split()
_KIN_LIKE = frozenset(_KIN + _FAMILY) | {f"{k}{sep}in{sep}law" for k in "brother sister mother father son daughter".split()
                                         for sep in " -"}
_ROLE_ALTS = "|".join(sorted(_IN_LAW + _ROLES, key=len, reverse=True))   # longest first: "brother in law"
# A role word, then (after "is", ":", ",", "(", "-" or nothing) a capitalised word: "her husband John",
# "partner (Dave)", "the patient, Jane Doe,", "pt J. Bloggs"; "mother of Jane"; "re: Jane Doe".
_ROLE_IS = re.compile(
    rf"(?<![^\W\d_])(?:(?:{'|'.join(_KIN)}) of|(?P<role>(?:ex-|step-)?(?:{_ROLE_ALTS}))(?![^\W\d_])"
    rf"(?P<sep> is| was|'s| ?[:=,(]| -)?|re ?[:\-]|fao:?|attn:?)(?: called| named)? ?['\"]?"
    rf"(?P<w1>{_WORD_ANY})(?:\.? (?P<w2>{_WORD_ANY}))?")
_SENTENCE_END = frozenset(".!?;\n")
_SUBJECTS = frozenset("she he they i we you it shes hes theyre im its that this everything all things".split())
_FIRST_CAPITAL = re.compile(r"(?<![^\W\d_])(?:(?P<is>(?:she|he|patient|pt|daughter|son|child|girl|boy|woman|man|lady)"
                            r"(?: is|'s| was) ))?(?P<first>[A-Z][a-z]{2,})(?![^\W\d_])"
                            r"(?: (?P<second>[A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?![^\W\d_]))?")
# Capitalised words after a first name that make it a place or a building, not a person's surname
PLACE_AFTER_NAME = frozenset("""
road street avenue lane close drive crescent terrace grove way court house ward wing unit suite building
centre center hospital hospice surgery practice clinic school academy college university station park
square gardens place hall bridge estate town city united rovers athletic wanderers albion county
infirmary general memorial royal community district
""".split())
_LONG_WORD = re.compile(r"[A-Za-z]{3,}")
_ROLE_WORDS = frozenset(_ROLES) | {"re", "fao", "attn"}
_ROLE_PAREN = re.compile(rf"\((?:{'|'.join(_ROLES)})\)")          # "Sarah (patient)", "Dave (partner)"
_LAST_WORD = re.compile(rf"{_W} ?$")

SERVICE_WORDS = frozenset("""
waterlow gillick braden glasgow apgar bishop bishops wells centor caldicott barthel norton bristol
edinburgh mallampati rockall guidelines guideline competence competency competent criteria score scale
principles
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
    capitalised, not an acronym ("MASH", "OD'd", "GP's"), not a common word, not followed by a service word."""
    base = word.split("'")[0]
    return (word[:1].isupper() and not (len(base) > 1 and base.isupper())
            and not stopword(word, stop) and word.lower().rsplit("-", 1)[-1] not in SERVICE_WORDS
            and (nxt is None or nxt.lower() not in SERVICE_WORDS))


def _titled_surname(title: str, w: str, nxt: str | None) -> bool:
    """After a professional title: a capitalised word that is not a common word or a service
    ("Dr Example", not "Dr Said" or "Dr Gray's Hospital"); after dr/prof/revd/cllr/sgt also a lower-case
    word that is not something the doctor did or has ("dr example", not "dr said", "dr appt",
    "dr visiting")."""
    t = title.lower()
    if t in _TITLE2_UPPER and not title.isupper():
        return False                          # "pc", "ds", "di" in lower case are everyday abbreviations
    key = w.lower().split("'")[0]
    if key in _AFTER_TITLE_NOT_NAMES:
        return False
    if w[:1].isupper():
        return _weak_name(w, nxt)
    return (t in _TITLE2_ANY_CASE and len(key) >= 3 and not stopword(w) and not VERB_SHAPE.match(key)
            and (nxt is None or nxt.lower() not in SERVICE_WORDS))


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
    if not words.isdisjoint(_TITLE_WORDS) and _TITLE_INITIAL.search(s):
        return True                           # "Ms A Kowalczyk": a title, an initial and a surname
    if "." in s and any(unknown_word(m[1].lower(), typos=False) for m in _INITIALS_SURNAME.finditer(s)):
        return True                           # "J.P. <Surname> is the partner": initials and a surname (v50 dev)
    if any(any(unknown_word(w.lower(), typos=False) for w in m[1].split()) for m in _CAPITALS_NAME_AGE.finditer(s)):
        return True                           # "EXAMPLE PERSON 34F" pasted from a triage note (v67 dev)
    if not words.isdisjoint(_TITLE_WORDS):
        for m in _TITLE.finditer(low):
            title, w = word(m, 1), word(m, 2)
            # "Mrs" in any case, and "Mr"/"Ms" written as titles, take any following word; the rest
            # ("MR scan", "MS fatigue", "Mx plan", "miss her appointment") need a capitalised one.
            if title.lower() == "miss" and title != "Miss":
                continue
            strict = title.lower() == "mrs" or title in ("Mr", "Ms", "mr", "ms")
            lower_verb = w.islower() and w in _AFTER_TITLE_NOT_NAMES     # "mrs came in about her sugars"
            if (strict and not stopword(w, FUNCTION_WORDS) and not lower_verb) or _weak_name(w, None, FUNCTION_WORDS):
                return True
    if not words.isdisjoint(_TITLE2_WORDS):
        for m in _TITLE2.finditer(low):
            if _titled_surname(word(m, 1), word(m, 2), word(m, 3)):
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
    if not _title_case(s):
        # a listed first name, capitalised, then a capitalised surname ("Mohammed Al-Rashid brought
        # his wife", "staff member Chloe Example"), or after "is" ("she's Aisha at ..."); names that
        # are everyday words ("Will", "Rose") and a surname that is a service ("Grace Hospital") pass
        spellings = 3       # at most three near-name searches a message (about 0.15 ms each)
        for m in _FIRST_CAPITAL.finditer(s):
            first, second = m["first"].lower(), m["second"]
            after = s[m.end():m.end() + 12].lower().split()       # "Florence Nightingale ward", "Clare's Law"
            if s.startswith("'s", m.end()) or after and after[0] in PLACE_AFTER_NAME:
                continue
            if first in _NAMES_AMBIGUOUS and second and s[:m.start()].rstrip().endswith(",") \
                    and s[m.end():].lstrip()[:1] in ("", ",", ".", ";") and not stopword(second) \
                    and second.lower() not in SERVICE_WORDS and second.lower() not in PLACE_AFTER_NAME:
                return True         # ", Dale Example,": a full name set off by commas, even a name that is a word
            if first not in NAMES:
                # a spelling of a listed name ("Wiktoria", "Mohamad") before a surname on no list
                if second and spellings and unknown_word(second.lower()):
                    spellings -= 1
                    if _spelling_of_a_name(first):
                        return True
                continue
            if s[max(0, m.start() - 6):m.start()].rstrip().lower().endswith(("st", "st.", "saint")):
                continue                                           # "St Thomas", "St Helens": places
            after = s[m.end("first"):m.end("first") + 24].split(None, 1)
            if m["is"] and not (after and after[0].strip(".,;:").lower() in SERVICE_WORDS) \
                    or second and not stopword(second) and second.lower() not in SERVICE_WORDS \
                    and second.lower() not in PLACE_AFTER_NAME and second.lower() not in english_words()[0]:
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
# first_names_world.txt adds about 10,000 names of many languages with every everyday English word
# left out, so a name from any community is seen in a name position ("her partner dariusz").
def _load_first_names() -> tuple[frozenset[str], frozenset[str]]:
    folder = Path(__file__).resolve().parents[2] / "data" / "privacy"
    plain, ambiguous = set(), set()
    for name in ("first_names.txt", "first_names_world.txt"):
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line.startswith("~"):
                ambiguous.update(line[1:].split())
            elif line and not line.startswith("#"):
                plain.update(line.split())
    return frozenset(plain - ambiguous - STOP), frozenset(ambiguous | (plain & STOP))


NAMES, _NAMES_AMBIGUOUS = _load_first_names()
ALL_NAMES = NAMES | _NAMES_AMBIGUOUS
_NAMES_BY_LENGTH: dict[int, list[str]] = {}
for _n in sorted(NAMES):
    _NAMES_BY_LENGTH.setdefault(len(_n), []).append(_n)
_CALLED_LOWER = re.compile(
    r"(?<![a-z])(?:called|named|nicknamed|known as|goes by|go by|calls (?:herself|himself|themselves)|registered (?:as|under))"
    r" ([a-z]+)(?:'s)?(?![a-z])(?: ([a-z]+))?")


# Initials with points, then a capitalised word on no list: "J.P. <Surname>" (not "as did I. Then ...")
_INITIALS_SURNAME = re.compile(r"(?<![A-Za-z.])(?:[A-Z]\. ?){1,3}([A-Z][a-z]{2,}(?:-[A-Z][a-z]+)?)(?![A-Za-z])")
# v67 dev: a name in capitals before an age and sex, as triage notes are pasted ("EXAMPLE PERSON 34F")
_CAPITALS_NAME_AGE = re.compile(r"(?<![A-Za-z])((?:[A-Z]{3,} ){1,2}[A-Z]{3,}),? [0-9]{1,3} ?[MF](?![A-Za-z0-9])")
# Phrases that only ever introduce a name: whatever word follows (not a function word) is one,
# listed or not, everyday word or not ("goes by the name of smudge", "calling himself dazza",
# "known as big mick", "known round the estate as tank"); "known as a heavy drinker", "goes by her maiden name" pass.
_NAMING = re.compile(
    r"(?<![a-z])(?:(?:goes|go|going|went) by the (?:nick ?)?name(?: of)?|by the (?:nick ?)?name of|(?P<self>(?:calls|calling|called|call)"
    r" (?:herself|himself|themselves|itself)(?: the)?)|known (?:(?:to|round|around|across|on|in|at|by) (?:the |his |her |their )?[a-z]+ )?as|nicknamed|(?:nick ?name|username|user name) is"
    r"|(?:knows?|knew) (?:him|her|them) as) ([a-z]+)(?:'s)?(?![a-z])(?: ([a-z]+))?")
# "name ellie", "patient name ellie": a listed first name straight after the word "name"
_NAME_LOWER = re.compile(r"(?<![a-z])(?:first |full |given )?names? ([a-z]+)(?![a-z])")
_HER_NAME_IS = re.compile(r"(?<![a-z])(?:her|his|their|my|pts?|patients?|clients?) (?:first |full |real )?(?:names?|name is|name's|name was)"
                          r" ([a-z][a-z'\-]{2,})(?![a-z])")
# every phrase of _NAMING has one of these words (a cheap gate: most messages have none)
_NAMING_WORDS = frozenset("name herself himself themselves itself known knows knew nicknamed nickname nick username".split())
# Names that are also everyday words count straight after a role word ("her sister april came"),
# unless they are the modal or verb a role word is often followed by ("her partner may come",
# "her husband will be there", "her son can drive").
_NICKNAME_OPENERS = frozenset("big little lil wee young old fat mad posh".split())
_AFTER_ROLE_NOT_NAMES = frozenset("will may can must might shall would could should did does do has had drew".split())


def double_barrelled(word: str, names: frozenset[str]) -> bool:
    """A hyphenated first name with a listed part: "example-ann", "lily-example"."""
    parts = word.split("-")
    return (len(parts) > 1 and any(p in names for p in parts)
            and all(len(p) > 1 and not stopword(p) for p in parts))   # not "x-ray", "mum-to-be"


def _nickname(word: str) -> bool:
    """A listed first name made a nickname with "o" ("deano", "robbo", "jonno"): after a role word it is a
    name even when it is one letter from an English word ("dean" -> "deans")."""
    return len(word) >= 4 and word.endswith("o") and (
        word[:-1] in ALL_NAMES or word[-2] == word[-3] and word[:-2] in ALL_NAMES)


# Between commas after a role or an age ("her son, example, is ...", "her 7 yo, example, ...") a single
# word is a name unless it is a common word, an adverb or a describing word ("her son, sadly, ...",
# "her partner, drunk, ...", "her 2 yo, unharmed, ...", "her mum, though, ...").
_NOT_APPOSED = frozenset("""
after before though tho however meanwhile therefore moreover furthermore anyway anyhow also too likewise instead
otherwise besides regardless nonetheless nevertheless btw bless ok okay asleep awake unhurt unharmed safe
sick ill poorly tired hungry quiet shy small young little older younger elder eldest youngest bright
clever naughty clingy thin underweight overweight tall short big ill deaf blind nonverbal verbal mute
suicidal physical emotional mental medical critical stable fine well unwell vulnerable frail elderly
teenage adult infant newborn premature prem disabled twins twin both together home
sometimes often always never since once twice perhaps maybe again already then still inside outside
abroad away upstairs downstairs nearby elsewhere overseas himself herself themselves yourself myself
adhd asd sen send ehcp cla lac cin cp nb etc aged alone
one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
seventeen eighteen nineteen twenty
""".split())
INSULTS = frozenset("""
stupid useless fat ugly worthless lazy thick pathetic mental crazy psycho slag slut whore bitch cow tart
liar loser idiot moron retard retarded fatty fatso pig dog scum trash rubbish nothing nobody mad nuts
insane hysterical selfish evil dirty disgusting horrible frigid weak nasty stupid thick dumb
""".split())
_ADJECTIVE_SHAPE = re.compile(r"[a-z]{2,}(?:ly|ing|ed|ful|less|ous|ive|ish|able|ible|ical|ary|ory|est|ness)$")


def _apposed_name(word: str) -> bool:
    w = word.split("'")[0]
    return (len(w) >= 2 and w not in FUNCTION_WORDS and not stopword(w) and w not in _NOT_APPOSED
            and w not in _AFTER_ROLE_NOT_NAMES and (w in NAMES or w in _NAMES_AMBIGUOUS
                                                    or not _ADJECTIVE_SHAPE.match(w)))


# An age, then a word set off by commas: "her 11 yo, example, is ...", "a 3 year old, example, ...".
_AGE_APPOSITION = re.compile(
    r"(?<![a-z0-9])[0-9]{1,2} ?(?:-| )?(?:yo|y/o|y\.o\.?|yrs?(?: |-)old|years?(?: |-)old|months?(?: |-)old|mo"
    r"|weeks?(?: |-)old|wk(?: |-)old)(?: (?:son|daughter|boy|girl|child|kid|baby|toddler|twin|grandson|granddaughter))?"
    r" ?, ?['\"]?([a-z][a-z'\-]*)['\"]? ?,")
# Relationship words a name can own or follow ("dean's mum", "her boyfriend 'tank'")
_RELATION_WORDS = _KIN + _FAMILY + "ex carer fiance fiancee bf gf fella bloke missus hubby".split()
# A nickname in quotes after a naming cue: "goes by 'the example'", "known as \"example\"", "aka 'ex'".
_QUOTED_NAME = re.compile(
    r"(?<![a-z])(?:goes by|go by|going by|went by|known (?:to (?:us|services|the police|police|the team|them) )?as"
    r"|aka|a\.k\.a\.?|nicknamed|nick ?name(?: is| was)?|calls (?:herself|himself|themselves)"
    r"|(?:they|we|everyone|everybody|people|folk|all) (?:all )?calls? (?:him |her |them )?) ?[:\-]? ?['\"] ?[a-z]")
# v58 dev: a nickname in quotes straight after a relationship, as the subject of what follows
# ("her boyfriend 'tank' has been messaging her"; not "her husband 'lost it' and ...")
_RELATION_QUOTED = re.compile(
    rf"(?<![a-z])(?:her|his|their|my|the) (?:{'|'.join(_RELATION_WORDS)})"
    r" ['\"]([a-z][a-z\-]*)(?: [a-z][a-z\-]*)?['\"],? (?:has|have|had|is|was|keeps|kept|says|said|sends|sent|texts|texted|messages"
    r"|messaged|rings|rang|calls|called|hits|takes|took|will|wont|does|did|never|always|came|comes|been|who|turns|turned)(?![a-z])")
# "he goes by <word>": a nickname, unless the word is how or when one travels or judges ("goes by bus",
# "goes by instinct") or time is what goes by ("as the weeks go by quickly").
_GOES_BY = re.compile(r"(?<![a-z])(?:(?P<before>[a-z]+) )?(?:goes|go|going|went|gone) by ([a-z][a-z'\-]*)")
_GOES_BY_NOT = frozenset("""
bus buses car cars train trains taxi taxis cab coach tram tube metro plane boat ferry bike bicycle foot road
rail air sea post mail email text phone quickly fast slowly unnoticed without instinct feel rules rule
numbers appearances looks gut memory ear default unchecked unreported unpunished regardless
ambulance ambulances helicopter van lorry underground uber lift minibus himself herself themselves
mistake accident chance car's day night
""".split())
_TIME_PASSING = frozenset("time times day days week weeks month months year years hour hours minute minutes "
                          "moment moments life seasons nights".split())
# What one person calls another: "she calls him example", "calls her partner big example". A listed
# first name (or one after "big", "little", ...), not an insult ("he calls her stupid", "called her back").
_CALLS_SOMEONE = re.compile(
    rf"(?<![a-z])(?:calls|called|call|calling) (?:(?:her|his|their|the) (?:{_ROLE_ALTS})|him|her|them)"
    r" (?:(?P<pre>big|little|lil|old|young|mad|wee|fat|posh) )?(?P<w>[a-z]+)(?![a-z])"
    # "her ex, who everyone calls big jonno": what everyone calls someone, with a nickname's "big"
    r"|(?:everyone|everybody|people|they|his mates|her mates|his friends|her friends) (?:calls|call) (?P<pre2>big|little|lil|wee|mad|fat|posh) (?P<w2>[a-z]+)(?![a-z])")
_QUOTE_CUE_WORDS = frozenset("goes go going went known aka nicknamed nickname name calls call".split())


def _spelling_of_a_name(word: str) -> bool:
    """One letter from a listed first name of five letters or more ("wiktoria" - "viktoria"), and no
    English word."""
    if len(word) < 5 or word in english_words()[0]:
        return False
    near = [n for k in (len(word) - 1, len(word), len(word) + 1) for n in _NAMES_BY_LENGTH.get(k, ())]
    return process.extractOne(word, near, scorer=Levenshtein.distance, score_cutoff=1) is not None


# v54 dev: the one typing names themself in a greeting or sign-off, and children named after a plural word
_SIGN_OFF_WORDS = frozenset("thanks thank thx cheers ta regards best".split())
_SELF_NAMED = re.compile(r"(?<![a-z])(?:(?:it is|its|it's|this is) |(?=[a-z]+ here from\b))([a-z]+)"
                         r"(?= (?:here|from|on|at)\b| ?[,.!]| ?$)")
_SIGN_OFF = re.compile(r"(?<![a-z])(?:thanks|thank you|thx|cheers|ta|many thanks|best wishes|kind regards|regards|best)"
                       r"(?: (?:for|again)(?: [a-z]+){0,3})?[ ,!]+([a-z]+)(?= ?\(| ?[.!]* ?$)")
_CHILDREN_WORDS = frozenset("girls boys kids children twins sons daughters grandkids grandchildren".split())
_CHILDREN_NAMED = re.compile(r"(?<![a-z])(?:her|his|their|my) (?:girls|boys|kids|children|twins|sons|daughters|grandkids|grandchildren)"
                             r",? ([a-z]+)(?:,? (?:and|&) ([a-z]+))?")
# v55 dev: a first name owning a relationship ("ayesha's in-laws", "dean's mum"): the owner is a person
_NAME_OWNS_KIN = re.compile(rf"(?<![a-z'])([a-z]+)(?:'s|') (?:(?:ex|step|new|former|late|own) ?-?)?"
                            rf"(?:{'|'.join(sorted(_IN_LAW + _RELATION_WORDS + ['inlaws', 'in[ -]laws'], key=len, reverse=True))})(?![a-z])")
# v56 dev: a listed first name straight after a verb of getting in touch ("texted kayleigh earlier", "tell jo")
_CONTACT_WORDS = frozenset("texted text txt txted rang ring called call phoned phone messaged message emailed email "
                           "tell told saw see asked ask chased chase spoke speak spoken talked talk".split())
_CONTACTED = re.compile(r"(?<![a-z'])(?:texted|text|txt|txted|rang|ring|called|call|phoned|phone|messaged|message|emailed"
                        r"|email|tell|told|saw|see|asked|ask|chased|chase|(?:spoke|speak|spoken|talked|talk) to) ([a-z]+)(?![a-z'\-])")
_CONTRACTIONS = frozenset("shell hell ill well wed id hed shed youll theyll its lets".split())
# v56 dev: a word that is also a name, after a role and before "says" ("pt ruby says ...")
_SAYS = frozenset("says said told tells reports reported disclosed discloses admits admitted".split())
# v60 dev: an initial and a surname opening the message, then an age ("j smith, 42, ...") or a double-barrelled
# surname ("a. example-example, ..."); not "a lady, 42" (the article) nor "x ray" or "c section"
_INITIAL_SURNAME = re.compile(r"^(?:[b-hj-wyz]\.? [a-z][a-z'\-]{2,}, ?[0-9]{1,3}(?![0-9])(?! ?(?:days?|d|weeks?|wks?|w|months?|hours?|hrs?|h|mins?|am|pm|mg|ml|kg)\b)|[a-z]\. [a-z]{2,}-[a-z]{2,}(?![a-z]))")
# v51/v52 dev: a person placed in a bed, bay or cubicle by name ("ada in bay 4", "saw milo in cubicle 2")
_BED_WORDS = frozenset("bay bed cubicle cubical room resus".split())
_IN_A_BED = re.compile(r"(?<![a-z'])([a-z]+) (?:is )?in (?:bay|bed|cubicle|cubical|side room|room|resus) ?(?:[0-9]|[a-z]\b|one|two|three|four|five|six|seven|eight|nine|ten)")


def scan_lower_names(low: str, words: set[str]) -> bool:
    """A first name in a name position, in any case (see NAMES)."""
    if not words.isdisjoint(_NAMING_WORDS):
        for m in _NAMING.finditer(low):
            if m[2] not in FUNCTION_WORDS and m[2] not in STOP and m[3] not in SERVICE_WORDS:  # not "Clare's Law"
                return True
    if "name" in low:
        for m in _NAME_LOWER.finditer(low):
            if m[1] in NAMES:
                return True
        for m in _HER_NAME_IS.finditer(low):        # "her name's hope", "his name is <word on no list>"
            if m[1] in ALL_NAMES or unknown_word(m[1]):
                return True
    if not words.isdisjoint(_CALLED_WORDS):
        for m in _CALLED_LOWER.finditer(low):
            if (m[1] in NAMES or m[1] in _NAMES_AMBIGUOUS) and m[2] not in SERVICE_WORDS:
                return True         # not "known as Clare's Law"
            if low.startswith("-", m.end(1)):              # "called example-ann": a double-barrelled name
                hyphened = re.match(r"[a-z]+(?:-[a-z]+)+", low[m.start(1):m.start(1) + 40])
                if hyphened and double_barrelled(hyphened[0], ALL_NAMES):
                    return True
    if "by" in words and not words.isdisjoint(("goes", "go", "going", "went", "gone")):
        for m in _GOES_BY.finditer(low):
            w = m[2].split("'")[0]
            if (m["before"] not in _TIME_PASSING and w not in _GOES_BY_NOT and not stopword(w)
                    and not VERB_SHAPE.match(w) and len(w) >= 2):
                return True
    if not words.isdisjoint(("calls", "called", "call", "calling")):
        for m in _CALLS_SOMEONE.finditer(low):
            w = m["w"] or m["w2"]
            if w in NAMES or m["pre2"] and _nickname(w) or ((m["pre"] or m["pre2"]) and w in _NAMES_AMBIGUOUS and w not in _AFTER_ROLE_NOT_NAMES):
                return True
    # "hi it's dawn from the surgery", "cheers, priya (HV)": each pattern only where its words are
    introduced = "its" in words or "is" in words and ("it" in words or "this" in words) or \
        "it" in words and "s" in words or "here" in words and "from" in words
    signed = not words.isdisjoint(_SIGN_OFF_WORDS)
    for rx in [_SELF_NAMED] * introduced + [_SIGN_OFF] * signed:
        for m in rx.finditer(low):
            # a word that is also a name ("june", "hope") only where the words after say a person
            if m[1] in NAMES or m[1] in _NAMES_AMBIGUOUS and low.startswith((" here", " from"), m.end()):
                return True
    if not words.isdisjoint(_CHILDREN_WORDS):
        for m in _CHILDREN_NAMED.finditer(low):   # "her girls amelia and grace"
            if m[1] in NAMES or m[2] in NAMES or m[2] and m[1] in _NAMES_AMBIGUOUS and m[2] in _NAMES_AMBIGUOUS:
                return True
    if not words.isdisjoint(_CONTACT_WORDS):
        english = english_words()[0]
        for m in _CONTACTED.finditer(low):
            # not an English word, nor one with its apostrophe or final "g" dropped ("told shell", "rang sayin")
            if m[1] in NAMES and m[1] not in _ROLE_WORDS and not stopword(m[1]) and m[1] not in english \
                    and m[1] + "g" not in english and m[1] not in _CONTRACTIONS:
                return True
    if "'" in low:
        for m in _NAME_OWNS_KIN.finditer(low):
            if m[1] in ALL_NAMES and m[1] not in _ROLE_WORDS and not stopword(m[1]):
                return True
    if _INITIAL_SURNAME.match(low):
        return True
    if not words.isdisjoint(_BED_WORDS):
        for m in _IN_A_BED.finditer(low):       # "it's about ada in bay 4": a listed name where a bed is given
            if m[1] in NAMES:
                return True
    if ("'" in low or '"' in low) and not words.isdisjoint(_QUOTE_CUE_WORDS):
        if _QUOTED_NAME.search(low):
            return True
    if "'" in low or '"' in low:
        for m in _RELATION_QUOTED.finditer(low):
            if _apposed_name(m[1]):        # not "his ex 'a few' messages", "her partner 'never' hits her"
                return True
    if "," in low and ("yo" in words or "old" in words or "o" in words or "mo" in words):
        for m in _AGE_APPOSITION.finditer(low):
            if _apposed_name(m[1]):
                return True
    if not words.isdisjoint(_ROLE_WORDS) or "-" in low:
        for start in (w.start() for w in WORD.finditer(low) if w[0] in _ROLE_WORDS or w[0] in ("ex", "step")):
            m = _ROLE_IS.match(low, start)
            if not m or m.start("w1") < 0:
                continue
            w1 = m["w1"].split("'")[0]
            sep = (m["sep"] or "").strip()
            if w1 in SERVICE_WORDS or (m["w2"] or "") in SERVICE_WORDS:
                continue                # "Fraser guidelines", "Waterlow score": a clinical eponym
            if w1 in _NAMES_AMBIGUOUS and sep == "," and (m["w2"] or "") in _SUBJECTS:
                continue                # "went home with her sister, hope she is ok": a verb, not a name
            w2 = (m["w2"] or "").split("'")[0]
            if w1 in _NICKNAME_OPENERS and (w2 in NAMES or w2 in _NAMES_AMBIGUOUS and w2 not in _AFTER_ROLE_NOT_NAMES
                                            or _nickname(w2)):
                return True             # "her fella, big Tam from the chippy", "his brother little mikey"
            if w1 in NAMES or (w1 in _NAMES_AMBIGUOUS and (sep in (",", "(", ":", "-", "=") or (
                    not sep and (m["role"] in _KIN_LIKE or w2 in _SAYS) and w1 not in _AFTER_ROLE_NOT_NAMES))):
                return True
            if "-" in w1 and double_barrelled(w1, NAMES):    # "her daughter lily-example"
                return True
            if not sep and (m["role"] in _KIN_LIKE and unknown_word(w1) or _nickname(w1)):   # "her brother-in-law <name>"
                return True             # (or, after any role, "her fella deano")
            # "the ex is called <word>", "her mum was named <word>": a person called something is named,
            # unless it is an insult or a common word ("her son is called names", "she is called stupid")
            if sep in ("is", "was", "'s") and "ed" in low[m.end("sep"):m.start("w1")] and _apposed_name(w1) \
                    and w1 not in INSULTS and (m["w2"] or "") not in SERVICE_WORDS:
                return True
            # A word set off by commas straight after a role: "her son, example, is ..." (an unlisted name)
            if sep == "," and low.startswith(",", m.end("w1")) and _apposed_name(w1):
                return True
    return False


# Version 3 (names on no list in a name position) is bot/privacy/unknown_names.py; the test of
# "a word on no list" is here because the role-word positions above use it too.
_SHORT_FORMS = frozenset("""
doesnt dont didnt cant wont isnt wasnt hasnt havent hadnt wouldnt couldnt shouldnt arent werent aint
theyre youre theyve weve youve shes hes thats whats theres
pt pts gf bf hv sw dn sn hca hcp gp ed ae oh mil fil bil sil dil idva isva marac mash dash caada maasic
bsl esl hcas gps rmn rgn rn ccg icb nhs pcn ooh sdec amu cdu paeds obs gynae ortho resus triage
""".split())


def short_surname(word: str) -> bool:
    """A three-letter word on no list ("orr", "nku"): a surname where the position says so."""
    return len(word) == 3 and word.isalpha() and word not in STOP and word not in FUNCTION_WORDS \
        and word not in _SHORT_FORMS and word not in _ROLE_WORDS and word not in english_words()[0]


@cache
def _known_words() -> frozenset[str]:
    """Words `unknown_word` is never true of: English, short forms, roles, services, insults."""
    return english_words()[0] | STOP | FUNCTION_WORDS | _SHORT_FORMS | _ROLE_WORDS | _KIN_LIKE | SERVICE_WORDS \
        | INSULTS | _NOT_APPOSED


def no_name_candidate(low: str, words: set[str]) -> bool:
    """No listed name and no word on no list in the message, so no name position can hold a name (a
    cheap test that lets most messages skip the name-position patterns; `words` are its letter runs,
    and a hyphenated word is always looked at)."""
    if "-" in low or not words.isdisjoint(ALL_NAMES):
        return False
    known, english = _known_words(), english_words()[0]
    return all(len(w) < 4 or w in known or w[-1] == "s" and w[:-1] in english for w in words)


# roles, kin and health jobs that open a message and report ("physio says ...")
_MORE_JOBS = frozenset("""physio physios ot ots salt dietitian dietician podiatrist chiropodist phlebotomist sonographer
radiographer optometrist optician dentist locum locums crew reg sho matron dispenser technician tech anaesthetist
surgeon obstetrician paediatrician psych security reception triage admin""".split()) | _ROLE_WORDS | _KIN_LIKE


def near_role(word: str) -> bool:
    """A role, kin or health job word, or a typo of one ("pateint", "husbnd", "daugter")."""
    return word in _MORE_JOBS or process.extractOne(word, _MORE_JOBS, scorer=Levenshtein.distance,
                                                    score_cutoff=1 if len(word) <= 6 else 2) is not None


def unknown_word(word: str, typos: bool = True) -> bool:
    """No English word, role, short form or listed name, and (with ``typos``) not a typo of one."""
    w = word.split("'")[0].strip("-")
    if len(w) < 4 or w[0].isdigit() or w in STOP or w in FUNCTION_WORDS or w in _SHORT_FORMS or w in _ROLE_WORDS \
            or w in _KIN_LIKE or w in SERVICE_WORDS or w in INSULTS or w in _NOT_APPOSED:
        return False
    english, buckets = english_words()
    if w in english or (w.endswith("s") and w[:-1] in english) or "-" in w and all(p in english for p in w.split("-")):
        return False
    if not typos:
        return True
    # a typo is one edit away from an English word of about the same length (two for longer words:
    # "pateint", "hsuband"); "mehmet" is two from "helmet", so it is taken as a name
    near = [e for n in (len(w) - 1, len(w), len(w) + 1) for e in buckets.get((w[0], n), ())]
    return process.extractOne(w, near, scorer=Levenshtein.distance, score_cutoff=1 if len(w) <= 6 else 2) is None
