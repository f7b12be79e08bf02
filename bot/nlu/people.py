"""Who is who in a message: the relationship and patient phrases of a clause ("her husband", "his
mother in law", "the patient", "she"), and which person each "he" or "she" stands for.

Grammar only, never a guess at who harms whom: `bot.nlu.roles` reads the harm between the people
found here. Nothing here keeps or logs the text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA

from ..english_words import english_words


# Relationship words -> the role label reported. Read after normalise() (no hyphens or apostrophes).
RELATION = {
    **dict.fromkeys("partner partners husband husbands wife wives spouse spouses boyfriend boyfriends "
                    "girlfriend girlfriends fiance fiancee bf gf lover missus hubby".split(), "partner"),
    **dict.fromkeys("ex exes".split(), "ex"),
    **dict.fromkeys("son sons daughter daughters child children kid kids stepson stepdaughter grandson "
                    "grandsons granddaughter granddaughters grandchild grandchildren teenager teen toddler toddlers baby babies "
                    "infant newborn "
                    "stepchild stepkids grandkids grandkid".split(), "child"),
    **dict.fromkeys("mum mom mother father dad parent parents stepdad stepmum stepfather stepmother "
                    "nan nana gran grandma grandmother grandad grandpa grandfather grandparent "
                    "grandparents mam daddy mummy".split(), "parent"),
    **dict.fromkeys("brother brothers sister sisters sibling siblings stepbrother stepsister".split(), "sibling"),
    **dict.fromkeys("carer carers caregiver worker workers".split(), "carer"),   # support/care/key worker
    **dict.fromkeys("family relative relatives uncle uncles aunt aunts auntie aunties cousin cousins nephew nephews niece nieces "
                    "housemate flatmate lodger landlord landlady".split(), "relative"),
}
# Words that name a relationship only when someone owns them ("her lad", "his fella", "ma wean"):
# "the lad" or "a man" is the person the message is about.
_OWNED_ONLY = {**dict.fromkeys("lad lads boy girl wean weans bairn bairns".split(), "child"),
               **dict.fromkeys("fella feller man bloke lass".split(), "partner"),
               **dict.fromkeys("pa pas".split(), "carer")}      # "her PA": a personal assistant (or, in Scots, her father)
_AGE = re.compile(r"^(?:\d+(?:yo|y|yr|yrs|yro|m|mo|months?)?|yo|year|years|yr|yrs|old|month)$")
# The pronoun a word takes ("his mum ... she"), to tell which person a later "he" or "she" is. Grammar
# for matching pronouns to people, never a guess at who harms whom.
_SHE = frozenset("wife wives girlfriend girlfriends gf fiancee missus mum mom mother mam mummy stepmum stepmother nan "
                 "nana gran grandma grandmother daughter daughters stepdaughter granddaughter sister sisters "
                 "stepsister aunt auntie niece woman lady girl female".split())
_HE = frozenset("husband husbands boyfriend boyfriends bf fiance hubby father dad daddy stepdad stepfather grandad "
                "grandpa grandfather son sons stepson grandson grandsons brother brothers stepbrother uncle "
                "nephew man gentleman gent guy lad bloke boy male".split())


_LONG_RELATIONS = tuple(w for w in RELATION if len(w) >= 6)


def spelt(word: str) -> str:
    """A misspelt relationship word as the word ("husbnad" -> "husband", "girlfreind"): one edit (a swap
    of two letters counts as one) for words of up to seven letters, two for longer, same first letter,
    and never an English word ("brothel", "sitter" stay themselves). Not cached: a cache would keep the
    words of messages in memory."""
    if len(word) < 6 or word in RELATION or word in english_words()[0]:
        return word
    near = [w for w in _LONG_RELATIONS if w[0] == word[0] and abs(len(w) - len(word)) <= 1]
    hit = process.extractOne(word, near, scorer=OSA.distance, score_cutoff=1 if len(word) <= 7 else 2)
    return hit[0] if hit else word


def _gender(words: list[str]) -> str | None:
    """The pronoun the first gendered word of a phrase takes: "her ex husband" -> "he"."""
    for w in words:
        if w in _SHE or w[-1:] == "s" and w[:-1] in _SHE:     # "his mums money"
            return "she"
        if w in _HE or w[-1:] == "s" and w[:-1] in _HE:
            return "he"
    return None


_BODY_WORDS = frozenset("nose jaw arm arms rib ribs wrist wrists face eye eyes lip lips teeth tooth finger fingers thumb "
                        "cheekbone collarbone leg legs skull head neck throat hair hand hands back chest stomach "
                        "shoulder shoulders ankle ankles foot toe toes ear ears cheek fist fists".split())
_AGED = re.compile(r"^\d+(?:yo|yro|yr|yrs|y|m|f)$")
_CO_PARENT = frozenset("father mother dad mum".split())
_CHILD_WORDS = frozenset("baby babies child children kids kid son daughter unborn".split())
_PATIENT_NOUNS = frozenset("patient patients client user woman man lady gentleman gent person girl boy guy lad "
                           "bloke female male customer".split())     # "customer": at the pharmacy counter
# words before "patient" that say she is, or has just been, pregnant: "pregnant pt says he ..." is about her
_PREGNANT = frozenset("pregnant antenatal postnatal perinatal postpartum maternity primip multip primigravida "
                      "multigravida booking".split())
_CARES_FOR = frozenset(("cares for", "care for", "looks after", "look after", "supports", "lives with"))
_EX_NOT_A_PARTNER = frozenset("forces army military navy raf soldier soldiers serviceman marine marines squaddie con "
                               "convict offender prisoner smoker drinker user addict police policeman services".split())
_STAFF_NOUNS = frozenset("colleague colleagues coworker coworkers workmate workmates".split())
PRONOUN = {"she": "she", "her": "she", "herself": "she", "he": "he", "him": "he", "his": "he",
            "himself": "he", "they": "they", "them": "they", "their": "they", "themselves": "they",
            # the one typing about themself ("i lose my temper with my wife", "my husband hits me")
            "i": "i", "me": "i", "my": "i", "myself": "i"}
_FAMILY_THINGS = frozenset("shop business home house car dog cat friend friends meal meals holiday party court doctor gp "
                           "member members name farm restaurant takeaway firm planning events event wedding".split())
_CHILDRENS_SERVICES = frozenset("ae ed ward wards hospital services service centre center unit social nurse nurses home "
                                "homes hospice department clinic team act outpatients".split())
_DEVICE_BEFORE = frozenset("car cars van vans phone phones a via through by tracking tracker sat".split())
_SERVICE = frozenset("army forces military navy raf marine marines service reservist soldiers".split())   # "army wife, says ..."
_SOMEONES = re.compile(r"^[a-z]{4,}s$")          # "farmers wife, says ...": the wife of someone named by a job
_NOTICING = frozenset("see saw noticed notice notices found find spotted reported report".split())
_SEEING_NOUNS = frozenset("lad man guy boy bloke fella feller chap girl woman lass lady someone somebody person".split())
# v49 dev: also "the fella she lives with", "someone she met online", "whoever she is with now"
_SEEING = re.compile(r"(?:who |that |whom )?(?:she|he|they) (?:is |was |has been |had been |were |are )?"
                     r"(?:seeing|dating|going out with|with|lives? with|living with|stays? with|staying with|met)\b")
# "the man who pays her rent", "the woman whose flat he rents a room in": a landlord, a relationship
# v50 dev: "the chap she works for", "the man she cleans for", "the man who does her shopping"
_HOUSING = re.compile(r"(?:who|that) (?:pays|paid|owns|owned|rents out|lets) (?:her|his|their) (?:rent|flat|room|house|bills)\b"
                      r"|(?:who |that )?(?:she|he|they) (?:rents?|rented|lodges?|lodged) (?:a room )?(?:from|with|off)\b"
                      r"|(?:who |that )?(?:she|he|they) (?:works?|worked|cleans?|cleaned|cooks?|cares?|babysits?) for\b"
                      r"|(?:who |that )?(?:she|he|they) (?:lives?|lived) (?:above|below|next door to|downstairs from|upstairs from)\b"
                      r"|(?:who|that) (?:does|did|helps with|sorts) (?:her|his|their) (?:shopping|cleaning|garden|money|banking|bills|care|meds|medication|post)\b")
_CHAINS = frozenset("husband wife partner boyfriend girlfriend".split())
_CHAINED = frozenset("brother sister mother father mum dad son daughter cousin uncle".split())
_TO_A_PLACE = frozenset("round to at from outside over near past by into".split())
_OWN = frozenset(("his", "her", "their", "my"))    # possessive pronouns: a person only when no relationship follows
# Staff named by job ("a junior doctor on our team", "one of our nurses"): the person the message is about.
_JOB_NOUNS = frozenset("nurse nurses doctor doctors gp gps receptionist receptionists locum locums hca hcas "
                       "porter porters midwife midwives paramedic paramedics consultant consultants registrar "
                       "registrars pharmacist pharmacists physio physios therapist therapists cleaner cleaners assistant assistants "
                       "manager managers".split())
# "his wife's been shoving him" arrives as "his wifes been shoving him": "wifes" is the wife.
_AFTER_S = frozenset("been got gone always never just started become becomes taken had".split())
POSSESSIVE = frozenset("her his their my our your whose the a an".split())
_MODIFIERS = frozenset("adult teenage old older elderly young younger new former current abusive same sex male female "
                       "two three four five several both little big twin disabled pregnant vulnerable frail poorly "
                       "older own step late second first previous estranged violent long term grown".split())
_THINGS = frozenset("nose jaw arm arms ribs rib wrist face eye eyes lip teeth fingers cheekbone skull neck "
                    "phone phones money pension benefit benefits allowance card cards bank passport passports keys car wages map "
                    "snapchat whatsapp whatsapps instagram facebook icloud id dinner cooking meals "
                    "medication tablets account accounts documents messages texts mobile laptop savings "
                    "purse wallet handbag handbags bag email emails letters post diary laptop computer social media "
                    "dose doses methadone script prescription rota photos pictures hearing "
                    "antidepressants pills painkillers "
                    "food clothes temper anger moods mood behaviour reactions reaction outbursts rages drinking "
                    "violence location whereabouts pill contraception contraceptive contraceptives implant coil inhaler insulin "
                    "glasses walker walking mobility stick scooter wheelchair frame key password passwords pin sim meds medicine medicines wage salary "
                    "door window windows tv telly fridge address rota visa papers binder tea drink drinks coffee record records bedroom "
                    "house flat home place school nursery college work workplace office".split())
# Whoever speaks ("the gentleman says ..."): a verb after "and" belongs to someone after these words.
REPORTING = frozenset("says said told tells reports reported disclosed discloses admits admitted explains "
                       "explained mentioned mentions states stated thinks feels whispered whispers confided confides bragged "
                       "brags boasted boasts".split())

# The patient named by a relationship after it ("the husband is our patient", "the grandson we have got in resus").
_IS_PATIENT_AFTER = re.compile(r"^(?:our patient|the patient|patient|is (?:our|the|my) patient|(?:who|that) (?:we have got|"
                               r"we have|we are seeing|i am seeing|i saw|we saw|is in)|we have got|we are seeing|"
                               r"i am seeing|in (?:resus|majors|minors|cubicle|bay|bed|side room)|on (?:the )?(?:\w+ ){0,2}?ward)\b")
_PATIENT_IS = re.compile(r"\bpatient is $")
# "mum of a 6 week old told the health visitor ...": a parent opening the message is the patient
_PARENT_OF = re.compile(r"^(?:the |a )?(?:mum|mom|mam|mother|dad|father|stepdad|stepmum|parent)s? of\b")
# a group of people ("her family") is never "he" or "she", and is who someone is kept from
GROUP_WORDS = frozenset("family families relatives friends mates".split())
_PRONOUN_IS_PATIENT = re.compile(r"\b(she|he) is (?:our|the|my) patient\b")


@dataclass
class Person:
    start: int          # token index
    end: int
    kind: str           # "relation" | "patient"
    label: str          # role label
    pronoun: str | None  # she / he / they, for matching pronouns
    gender: str | None = None   # "she" / "he" when the word itself says ("mum", "husband", "woman")



def place_people(clauses: list[tuple[list[str], list["Person"]]], named: list[str]) -> list[list["Person"]]:
    """Each clause's people with (1) a relationship that is the patient made the patient ("pt (dad)",
    "the husband is our patient") and (2) "he" or "she" made the one person they can stand for: a
    pronoun that is not the patient's own is the relationship that takes it ("his mum ... she"), by
    the grammar of the words, never by a guess at who harms whom."""
    out = []
    for words, people in clauses:
        marked = []
        for p in people:
            # any relationship word of the phrase ("the baby's dad, who is our pt": dad, not baby)
            heads = {w for w in words[p.start:p.end] if w in RELATION or w[:-1] in RELATION}
            if p.kind == "relation" and (
                    _IS_PATIENT_AFTER.match(" ".join(words[p.end:p.end + 5])) or heads & set(named) or
                    _PATIENT_IS.search(" ".join(words[:p.start]) + " ")):
                p = Person(p.start, p.end, "patient", "patient", None, p.gender)
            marked.append(p)
        out.append(marked)
    for g in {g for words, _ in clauses for g in _PRONOUN_IS_PATIENT.findall(" ".join(words))}:
        # "... hit mum, she is our patient": the one relationship of that gender, in every clause
        if len({p.label for people in out for p in people if p.kind == "relation" and p.gender == g}) == 1:
            out = [[Person(p.start, p.end, "patient", "patient", None, g) if p.kind == "relation" and p.gender == g
                    else p for p in people] for people in out]
    everyone = [p for people in out for p in people]
    if everyone and not any(p.kind == "patient" and p.label == "patient" for p in everyone) and \
            not any(w in ("patient", "patients", "client", "clients") for words, _ in clauses for w in words):
        # "mum told the hv she hits the 15yo": a relationship word opening the message and reporting,
        # with no patient named, is the patient (a midwife's "mum", a health visitor's "dad")
        k, ((words, _), people) = next((k, (c, ps)) for k, (c, ps) in enumerate(zip(clauses, out)) if ps)
        p = people[0]
        after = words[p.end:p.end + 1] or (clauses[k + 1][0][:1] if k + 1 < len(clauses) else [])
        if p.kind == "relation" and p.start == 0 and words[0] not in _OWN and (
                re.match(r"\d", words[0]) or after and re.match(r"\d", after[0])) or \
                p.kind == "relation" and p.start == 1 and p.end == 2 and (_SOMEONES.match(words[0]) or words[0] in _SERVICE) and \
                words[0] not in REPORTING and words[0][:-1] not in RELATION and words[0] not in POSSESSIVE and not k or \
                p.kind == "relation" and p.label == "parent" and words[p.start] not in _OWN and words[p.end:p.end + 1] and (
                (_reports(words, p.end) or " ".join(words[p.end:p.end + 2]) in _CARES_FOR or words[p.end] == "caring")
                and words[p.end + 1:p.end + 2] not in (["her"], ["him"], ["them"], ["me"])
                or p.start == 0 and _PARENT_OF.match(" ".join(words))):
            # ("mum caring for her disabled son admits ...": the parent caring is the patient)
            # (and a clinical note opening with an age: "76 year old father hit by his adult son", "mother, 38, ...")
            people[0] = Person(p.start, p.end, "patient", "patient", None, p.gender)
            everyone = [p for people in out for p in people]
    relations = [p for p in everyone if p.kind == "relation"]
    patient = {p.gender for p in everyone if p.kind == "patient" and p.label == "patient" and p.gender}
    for (words, _), people in zip(clauses, out):       # "pt says he only shoves her": he is the patient
        for p in people:
            # "pt says he ...", "pt on scene admits he ...": a reporting word within four words, nobody between
            told = next((k for k in range(p.end, min(p.end + 4, len(words))) if words[k] in REPORTING), None)
            if p.kind == "patient" and p.label == "patient" and told is not None and \
                    not any(p.end <= q.start < told for q in people):
                # "pt told crew that he ...": the first he or she within three words, with no relationship
                # between ("pt says bf says he will kill himself": he is the boyfriend)
                g = next((words[k] for k in range(told + 1, min(told + 4, len(words))) if words[k] in ("he", "she")), None)
                if g and any(q.kind == "relation" and told < q.start < words.index(g, told + 1) for q in people):
                    g = None
                if g in ("he", "she") and p.gender in (None, g):     # "woman says he ...": he is not her
                    patient.add(g)
    patient |= {o.pronoun for (words, _), people in zip(clauses, out) for p in people
                if p.kind == "relation" and (o := owner(words, p)) and o.pronoun in ("he", "she")}
    if any(words[p.start] == "my" for (words, _), people in zip(clauses, out) for p in people if p.kind == "relation"):
        patient = {"i"}     # "my husband ... he said": the patient is the one typing
    if not patient:
        # nothing says the patient's gender: with one pronoun gender in the message, that is the
        # patient's ("the patient's fiance strangled him"); with "he" and "she" both, the one no
        # relationship takes ("mum says he pushed her": "her" is mum, so "he" is the patient)
        said = {p.pronoun for p in everyone if p.label == "pronoun" and p.pronoun in ("he", "she")}
        free = said - {r.gender for r in relations}
        patient = free if len(said) == 2 and len(free) == 1 else said
        if len(patient) == 2 and not relations and any(p.label == "patient" for p in everyone):
            # "patient at the booking visit, she says he took her passport": she, telling, is the patient
            # (with no patient named, "she says he hits her" stays a reading of word order alone)
            words, first = next((w, p) for (w, _), people in zip(clauses, out) for p in people
                                if p.label == "pronoun" and p.pronoun in ("he", "she"))
            if words[first.end:first.end + 1] and words[first.end] in REPORTING:
                patient = {first.pronoun}
    # "he has banned her from seeing her family": a group is never "he" or "she"
    groups = [p for (words, _), people in zip(clauses, out) for p in people
              if p.kind == "relation" and words[p.end - 1] in GROUP_WORDS]
    resolved = []
    for ci, people in enumerate(out):
        row = []
        for p in people:
            g = p.pronoun if p.label == "pronoun" else None
            if g in ("he", "she") and g not in patient:
                same = [r for r in relations if r.gender == g]
                if len(same) > 1:       # "whose wife has dementia ... slapping her ... the daughter": the one named before
                    before = [r for cj, rs in enumerate(out[:ci + 1]) for r in rs if r.kind == "relation"
                              and r.gender == g and (cj < ci or r.end <= p.start)]
                    same = before if len({r.label for r in before}) == 1 else same
                unknown = [r for r in relations if r.gender is None and r not in groups]
                to = same[0] if len({r.label for r in same}) == 1 else (   # "wife ... wife ... she": one person
                    unknown[0] if not same and len(unknown) == 1 and patient else None)
                if len(patient) != 1:
                    to = None       # whose is whose is not clear: leave the pronoun as it was
                elif not relations and p.pronoun != next(iter(patient)):
                    p = Person(p.start, p.end, "relation", "other", None, g)    # "pt says he shoves her"
                    row.append(p)
                    continue
                if to:
                    p = Person(p.start, p.end, "relation", to.label, None, g)
            row.append(p)
        resolved.append(row)
    return resolved


def _a_stranger(words: list[str], i: int) -> bool:
    """"by an older man", "from a lad", "mum of a young man", "says a man ...", "the man of the house" (where
    a child or lodger lives): someone unnamed, not the patient."""
    j = i - 1
    while j >= 0 and (words[j] in _MODIFIERS or _AGE.match(words[j])):
        j -= 1
    return j >= 1 and words[j] in ("a", "an", "some", "another") and (words[j - 1] in ("by", "from", "of", "off") or _told(words, j)) \
        or words[i + 1:i + 3] in (["of", "the"], ["of", "that"]) and words[i + 3:i + 4] in (["house"], ["household"]) \
        and words[i - 2:i - 1] not in (["is"], ["am"], ["im"], ["as"], ["be"], ["hes"])     # "he is the man of the house"


# "says someone has to sort her out": a call for someone to do it, made by the one who says it
_CALLS_FOR = re.compile(r"(?:has to|needs to|ought to|will have to|should|must)\b")


def _told(words: list[str], i: int) -> bool:
    """Just after a reporting word ("says a man ...", "told me someone ..."): a person told of, not the teller."""
    return words[i - 1] in REPORTING or i >= 2 and words[i - 1] in ("me", "us", "her", "him", "them") and words[i - 2] in REPORTING


def _pregnant_after(words: list[str], i: int) -> bool:
    """A gestation after a patient noun: "pt 36/40" (read "36 40"), "pt 20wks", "pt 12 weeks"."""
    return bool(words[i:i + 1]) and (words[i].isdigit() and words[i + 1:i + 2] in (["40"], ["wks"], ["weeks"], ["wk"])
                                     or re.fullmatch(r"\d{1,2}(?:wks?|weeks|w|\+\d)", words[i]) is not None)


def _reports(words: list[str], i: int) -> bool:
    """A reporting word at i, or after a place ("mum at clinic says", "dad in ED today told")."""
    return words[i] in REPORTING or words[i] in ("at", "in", "on") and any(
        w in REPORTING for w in words[i + 1:i + 4])


def find_people(words: list[str]) -> list[Person]:
    """Relationship and patient phrases in a clause, in order."""
    people: list[Person] = []
    i = 0
    while i < len(words):
        w = words[i]
        if w == "co" and words[i + 1:i + 2] in (["worker"], ["workers"]):
            people.append(Person(i, i + 2, "patient", "patient", None))      # "a co-worker": staff, not a carer
            i += 2
            continue
        person = _relation_at(words, i)
        if person and words[person.start] in ("carers", "the") and words[person.end - 1] == "carers" and \
                words[person.end:person.end + 1] and words[person.end] in _NOTICING:
            i = person.end      # "the carers noticed bruising ...": care staff reporting, not a relationship
            continue
        if person and person.start >= 2 and words[person.start - 2] in ("a", "an") and words[person.start] not in POSSESSIVE \
                and words[person.start - 1] not in _MODIFIERS and (not words[person.start - 1].endswith("s") or
                                                                   words[person.start - 3:person.start - 2] in (["is"], ["was"])) \
                and not (person.start >= 3 and (words[person.start - 3] in REPORTING or words[person.start - 3] in _JOB_NOUNS)):
            # "tells her she is a useless mother", "she is a farmers wife": a description, not a person
            # (but "told the hca a night carer pinches her": someone told of)
            i = person.end
            continue
        if person and words[person.end - 1] in ("children", "childrens", "kids") and words[person.start] not in _OWN and \
                words[person.end:person.end + 1] and words[person.end] in _CHILDRENS_SERVICES:
            i = person.end      # "in childrens ED", "children's services": a service, not a person
            continue
        if person and words[person.end:person.end + 1] and words[person.end] in ("beater", "beaters", "basher", "batterer"):
            i = person.end + 1      # "he is not a wife beater": a word for what someone is, not a person
            continue
        if person and words[person.end - 1] == "family" and words[person.end:person.end + 1] and words[person.end] in _FAMILY_THINGS:
            i = person.end      # "the family shop", "a family friend": a describing word, not a person
            continue
        if person:
            people.append(person)
            i = person.end
            continue
        base = w[:-1] if w.endswith("s") and len(w) > 3 else w
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if base != w and (base in _PATIENT_NOUNS or base in _STAFF_NOUNS or base in _JOB_NOUNS or base in RELATION) and \
                (_relation_at(words, i + 1) or nxt in _THINGS):
            # "the patients carer", "my colleagues wife": a possessor, not a person of its own -
            # unless what follows is a thing ("his dads pension": the dad is the one harmed)
            if nxt in _THINGS and base in RELATION:
                people.append(Person(i, i + 1, "relation", RELATION[base], None, _gender([base])))
            i += 1
            continue
        seeing = _SEEING.match(" ".join(words[i + 1:i + 6])) if w in _SEEING_NOUNS or w == "whoever" else None
        housing = _HOUSING.match(" ".join(words[i + 1:i + 7])) if w in _SEEING_NOUNS and not seeing else None
        k = i - 1 if i >= 2 and words[i - 1] in _MODIFIERS else i      # "the older guy he is seeing"
        if (seeing or housing) and (words[k - 1:k] in (["the"], ["a"], ["this"]) or w in ("whoever", "someone", "somebody")):
            # "the lad she is seeing", "the boy she was seeing": a partner, not the patient (the clause
            # is his description, its "she" is not a person of its own); "the man who pays her rent"
            end = i + 1 + len((seeing or housing)[0].split())
            start = k - 1 if words[k - 1:k] in (["the"], ["a"], ["this"]) else i
            people.append(Person(start, end, "relation", "partner" if seeing else "relative", None, _gender([w])))
            i = end
            continue
        if w in _PATIENT_NOUNS and words[i + 1:i + 2] and words[i + 1] in PRONOUN and \
                " ".join(words[i + 2:i + 4]) in _CARES_FOR:
            # "the man he cares for": the person cared for, a relationship of the patient's
            people.append(Person(i, i + 4, "relation", "relative", None))
            i += 4
            continue
        if _AGED.match(w) and i > 0 and words[i - 1] not in _OWN | {"the", "a", "an", "of"} \
                and words[i - 1] not in RELATION and words[i - 1] not in _PATIENT_NOUNS \
                and nxt not in RELATION and nxt not in _PATIENT_NOUNS:
            people.append(Person(i, i + 1, "relation", "child", None))      # "mum (pt) hits 14yo with a slipper"
            i += 1
            continue
        if _AGED.match(w) and (i == 0 or words[i - 1] not in _OWN | {"the", "a", "an", "of"}) and nxt not in RELATION \
                and nxt not in _PATIENT_NOUNS and nxt not in ("old", "year", "years"):
            people.append(Person(i, i + 1, "patient", "patient", None))     # "15yo admits shoving his sister"
            i += 1
            continue
        if w in ("teen", "teenager", "toddler") and nxt in _PATIENT_NOUNS:
            i += 1          # "teen boy hits his mum": an age, the boy is the person
            continue
        if w in ("client", "clients", "resident", "residents") and words[i - 1:i] in (["her"], ["his"], ["their"]):
            if people and people[-1].start == i - 1:
                people.pop()            # "her" was the owner, not a person of its own
            people.append(Person(i - 1, i + 1, "relation", "relative", None))   # "locks her client in": one she cares for
        elif w in ("resident", "residents") and words[i - 1:i] in (["a"], ["another"], ["other"]):
            people.append(Person(i - 1, i + 1, "relation", "relative", None))   # "rough with a resident": one cared for
        elif w == "gps" and words[i - 1:i] and words[i - 1] in _DEVICE_BEFORE:
            pass        # "tracks her through the cars gps": satellite navigation, not doctors
        elif w in ("girl", "boy") and words[i - 2:i] in (["having", "a"], ["had", "a"], ["has", "a"], ["expecting", "a"], ["to", "a"]):
            people.append(Person(i - 1, i + 1, "relation", "child", None, _gender([w])))   # "blamed for having a girl" (v44 dev)
        elif w in ("someone", "somebody", "stranger", "strangers") and i and (_told(words, i) or words[i - 1] in ("a", "by", "from")) \
                and not _CALLS_FOR.match(" ".join(words[i + 1:i + 4])):
            # "pt says someone hit her" (v49 dev); not "says someone has to sort her out", a call he makes
            people.append(Person(i, i + 1, "relation", "other", None))
        elif w in _PATIENT_NOUNS and _a_stranger(words, i):
            people.append(Person(i, i + 1, "relation", "other", None, _gender([w])))   # "groomed by an older man"
        elif w in _PATIENT_NOUNS or w in _STAFF_NOUNS or w in _JOB_NOUNS:
            pregnant = w in _PATIENT_NOUNS and (i > 0 and words[i - 1] in _PREGNANT or _pregnant_after(words, i + 1))   # "antenatal pt says he ...", "pt 36/40 says he ..."
            people.append(Person(i, i + 1, "patient", "patient", None, "she" if pregnant else _gender([w])))
        elif w in _OWN and nxt in _MODIFIERS and not _relation_at(words, i + 1):
            pass        # "from her first marriage": a possessive, not a person
        elif w == "my" and (nxt in _BODY_WORDS or nxt in _THINGS):
            people.append(Person(i, i + 1, "patient", "pronoun", "i"))      # "squeezes my neck", "tracks my location"
        elif w == "my":
            pass        # "my patient", "my temper": the one typing owns it; only "my husband" (a relationship) counts
        elif w in PRONOUN and w not in _OWN or w in _OWN and not _relation_at(words, i + 1):
            people.append(Person(i, i + 1, "patient", "pronoun", PRONOUN[w]))
        i += 1
    return people


def _relation_at(words: list[str], i: int, owned: bool = False) -> Person | None:
    """A relationship phrase starting at word i: [possessive] [modifiers] [ex] RELATION [in law(s)].
    owned: a relationship's own ("her mums new fella"), so "fella" or "lad" names a relationship too."""
    j = i
    if j < len(words) and words[j] in POSSESSIVE:
        j += 1
    while j < len(words) and (words[j] in _MODIFIERS or words[j] == "step" or _AGE.match(words[j]) or
                              words[j] == "up" and words[j - 1] == "grown" or
                              words[j] in ("last", "past") and any(w in RELATION for w in words[j + 1:j + 3])):
        j += 1          # "her adult son", "her 15yo daughter", "his 3 year old son"
    if j > i and words[i] in _OWN | {"the"} and (_AGED.match(words[j - 1]) or words[j - 2:j] in (["year", "old"], ["yr", "old"], ["yrs", "old"], ["years", "old"])) \
            and not (j < len(words) and (words[j] in RELATION or words[j] == "ex")):
        return Person(i, j, "relation", "child", None, None)        # "she hits her 15yo", "the 3 year old"
    label, head = None, i
    if j < len(words) and words[j] in ("ex", "exs") and words[j + 1:j + 2] and words[j + 1] in _EX_NOT_A_PARTNER:
        return None     # "ex forces", "ex smoker": what someone used to be, not an ex-partner
    if j < len(words) and words[j] in ("ex", "exs"):          # "her ex", "my exs house"
        label, j = "ex", j + 1
        if j < len(words) and (words[j] in RELATION and RELATION[words[j]] == "partner" or words[j] == "p"):
            j += 1      # "her ex partner", "her ex-p"
    elif j < len(words) and words[j] in ("exp", "exps") and j > i and words[i] in _OWN:
        label, j = "ex", j + 1                              # "her exp"
    elif j < len(words) and words[j] in ("in", "inlaws") and words[j:j + 2] in (["in", "laws"], ["inlaws"]):
        label, j = "in-law", j + (2 if words[j] == "in" else 1)
    elif j < len(words) and (words[j][:-1] in RELATION or words[j] in _CHAINS and words[j + 1:j + 2] and
                             words[j + 1] in _CHAINED) and (chained := _relation_at(words, j + 1, owned=True)):
        # ("her husband brother", as some write "her husband's brother")
        label, j, head = chained.label, chained.end, chained.start   # "her exs new partner": the new partner
    elif j < len(words) and words[j][:-1] in RELATION and words[j + 1:j + 2] and words[j + 1] in _AFTER_S:
        label, j = RELATION[words[j][:-1]], j + 1          # "his wifes been shoving him": the wife
    elif j < len(words) and words[j][:-1] in RELATION and words[j + 1:j + 2] and (
            words[j + 1] in _THINGS or words[j + 1] in _BODY_WORDS or
            words[j + 1] in ("new", "own") and words[j + 2:j + 3] and words[j + 2] in _THINGS):
        label, j = RELATION[words[j][:-1]], j + 1          # "his mums pension": the mum is harmed
    elif j < len(words) and words[j] in _CO_PARENT and words[j + 1:j + 2] == ["of"] and \
            words[j + 2:j + 3] and words[j + 2] in _OWN and words[j + 3:j + 4] and words[j + 3] in _CHILD_WORDS:
        label, j = "partner", j + 4                          # "the father of her baby": a partner or ex
    elif j < len(words) and words[j] in RELATION:
        label, j = RELATION[words[j]], j + 1
        if words[j:j + 2] in (["in", "law"], ["in", "laws"]):
            label, j = "in-law", j + 2
    elif j < len(words) and words[j] == "other" and words[j + 1:j + 2] == ["half"]:
        label, j = "partner", j + 2
    elif (j > i and words[i] in _OWN or owned) and j < len(words) and words[j] in _OWNED_ONLY:
        label, j = _OWNED_ONLY[words[j]], j + 1             # "her lad", "her fella"
    if label is None or j == i:
        return None
    if words[j:j + 1] == ["of"] and (of := _relation_at(words, j + 1)) and of.kind == "relation":
        j = of.end          # "the new girlfriend of her ex": one person, a relationship of hers
    if i < len(words) and words[i] in ("a", "an") and label != "in-law" and words[i - 1:i] != ["of"] and \
            not any(w in REPORTING for w in words[max(0, i - 3):i]):
        # "a dad with dementia": the patient (not "told the hca a night carer pinches her": one told of)
        return Person(i, j, "patient", "patient", None, _gender(words[head:j]))
    return Person(i, j, "relation", label, None, _gender(words[head:j]))


def owns_a_thing(words: list[str], p: Person) -> bool:
    """A relationship in the possessive before a thing ("girlfriends phone", "exs house") or standing for
    a home ("went round his exs", "outside her mams"): it owns the thing and does nothing in the sentence
    ("his wife texts him" is not possessive)."""
    head = words[p.end - 1]
    return p.kind == "relation" and head.endswith("s") and (head[:-1] in RELATION or head == "exs") \
        and (words[p.end:p.end + 1] != [] and words[p.end] in _THINGS or p.start > 0 and words[p.start - 1] in _TO_A_PLACE
             and (head not in RELATION or words[p.end:p.end + 1] in ([], ["every"], ["each"], ["last"], ["most"], ["again"])))


def owner(words: list[str], person: Person) -> Person | None:
    """Whose relationship it is: "her husband" -> she (the person the message is about)."""
    w = words[person.start] if person.kind == "relation" else ""
    return Person(person.start, person.start, "patient", "pronoun", PRONOUN[w]) if w in PRONOUN else None
