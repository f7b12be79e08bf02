"""Who harms whom: the agent and the victim of the harm a message describes, and so the concern.

Read from syntax and relationship words, never from gender: "his wife hits him" and "she hits her
girlfriend" are read the same way for every gender and relationship. The person the message is
about (the patient, or a colleague) is whoever is *not* named by a relationship word: in "her
husband hits her" the husband is the relationship ("her husband"), so she is the patient and is
experiencing harm; in "he admits he pushed his wife" the wife is the relationship, so he is causing it.

    >>> read_roles("he says his wife hits him").concern
    'experiencing'
    >>> read_roles("she admitted she pushed her girlfriend").concern
    'causing'
    >>> read_roles("a colleague says her son takes her pension").concern
    'staff_experiencing'

How a message is read (one pass, no model):
1. People are found: relationship phrases ("her husband", "his mother in law", "the ex", "whose son")
   and patient phrases ("she", "him", "the patient", "an older man", "my colleague").
   Then each is placed (`_resolve`): a relationship the message says is the patient becomes the
   patient ("pt (dad)", "the husband is our patient"); "he"/"she" are matched to the one person whose
   word takes them ("his mum rang: she says he pushes her" - she is mum), only when one match is possible.
2. Harm phrases are found (data/roles/harm_forms.yml: hitting, controlling, threatening, taking money,
   "won't let her", "is violent to", ...). For each, the agent is the nearest person before it in the same
   clause (a verb after "and" keeps the previous agent), the victim the nearest after it. Passive
   ("is hit by", "abused by") and fear ("scared of", "terrified of") swap the two. An object pronoun
   ("him") never does the harm; a clause with no subject keeps the one before. Some harm is judged by
   who does it alone (`self`: threats to out someone, children kept from a parent) or who suffers it
   ("not allowed to").
3. A relationship as agent means the patient experiences harm; a relationship as victim means the
   patient causes it. When both are pronouns ("she says he hits her"), the patient is the first
   person the message mentions, with low confidence (the conversation confirms).
4. "staff_" when the person is a colleague ("a colleague", "member of staff", "one of our nurses").

Nothing here keeps or logs the text; `Roles` holds only labels and a confidence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import OSA

from ..english_words import english_words
from .normalise import normalise
from .phrase_file import PhraseFile, compile_checked, read_yaml

SURE = 0.9          # a relationship word names one side of the harm
PATIENT_NOUN = 0.8  # "the patient hits ..." / "... hits the patient"
FEAR = 0.85         # "she is scared of her son"
COREFERENCE = 0.8  # "his wife ... he hits her": the pronoun that owns the relationship is the patient
PRONOUNS_ONLY = 0.55  # "she says he hits her": who the patient is rests on word order alone
CONFIDENT = 0.8     # the reading rules act on a reading at least this sure


@dataclass(frozen=True)
class Roles:
    """The reading: `concern` is one of the pathway's concern values, or None when no harm is read.
    `agent` and `victim` are role labels ("patient", "colleague", "partner", "ex", "child", "parent",
    "sibling", "in-law", "carer", "relative"), never words from the message."""

    concern: str | None
    confidence: float
    agent: str | None = None
    victim: str | None = None

    @property
    def intent(self) -> str | None:
        """The disclosure intent this reading stands for."""
        if self.concern is None:
            return None
        return "disclose_perpetrating" if self.concern.endswith("causing") else "disclose_abuse"


NO_ROLES = Roles(None, 0.0)

# ----------------------------------------------------------------------------- words

# Relationship words -> the role label reported. Read after normalise() (no hyphens or apostrophes).
_RELATION = {
    **dict.fromkeys("partner partners husband husbands wife wives spouse spouses boyfriend boyfriends "
                    "girlfriend girlfriends fiance fiancee bf gf lover missus hubby".split(), "partner"),
    **dict.fromkeys("ex exes".split(), "ex"),
    **dict.fromkeys("son sons daughter daughters child children kid kids stepson stepdaughter grandson "
                    "grandsons granddaughter granddaughters grandchild grandchildren teenager teen toddler toddlers baby babies "
                    "infant newborn "
                    "stepchild stepkids grandkids grandkid".split(), "child"),
    **dict.fromkeys("mum mom mother father dad parent parents stepdad stepmum stepfather stepmother "
                    "nan nana gran grandma grandmother grandad grandpa grandfather grandparent "
                    "grandparents mam".split(), "parent"),
    **dict.fromkeys("brother brothers sister sisters sibling siblings stepbrother stepsister".split(), "sibling"),
    **dict.fromkeys("carer carers caregiver worker workers".split(), "carer"),   # support/care/key worker
    **dict.fromkeys("family relative relatives uncle aunt auntie cousin cousins nephew niece "
                    "housemate flatmate lodger landlord landlady".split(), "relative"),
}
# Words that name a relationship only when someone owns them ("her lad", "his fella", "ma wean"):
# "the lad" or "a man" is the person the message is about.
_OWNED_ONLY = {**dict.fromkeys("lad lads boy girl wean weans bairn bairns".split(), "child"),
               **dict.fromkeys("fella feller man bloke lass".split(), "partner")}
_AGE = re.compile(r"^(?:\d+(?:yo|y|yr|yrs|yro|m|mo|months?)?|yo|year|years|yr|yrs|old|month)$")
# The pronoun a word takes ("his mum ... she"), to tell which person a later "he" or "she" is. Grammar
# for matching pronouns to people, never a guess at who harms whom.
_SHE = frozenset("wife wives girlfriend girlfriends gf fiancee missus mum mom mother mam stepmum stepmother nan "
                 "nana gran grandma grandmother daughter daughters stepdaughter granddaughter sister sisters "
                 "stepsister aunt auntie niece woman lady girl female".split())
_HE = frozenset("husband husbands boyfriend boyfriends bf fiance hubby father dad stepdad stepfather grandad "
                "grandpa grandfather son sons stepson grandson grandsons brother brothers stepbrother uncle "
                "nephew man gentleman gent guy lad bloke boy male".split())


_LONG_RELATIONS = tuple(w for w in _RELATION if len(w) >= 6)


def _spelt(word: str) -> str:
    """A misspelt relationship word as the word ("husbnad" -> "husband", "girlfreind"): one edit (a swap
    of two letters counts as one) for words of up to seven letters, two for longer, same first letter,
    and never an English word ("brothel", "sitter" stay themselves). Not cached: a cache would keep the
    words of messages in memory."""
    if len(word) < 6 or word in _RELATION or word in english_words()[0]:
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


_BODY_WORDS = frozenset("nose jaw arm arms rib ribs wrist wrists face eye eyes lip lips teeth fingers cheekbone "
                        "collarbone leg legs skull head neck throat hair hand hands back chest stomach".split())
_AGED = re.compile(r"^\d+(?:yo|yro|yr|yrs|y|m|f)$")
_CO_PARENT = frozenset("father mother dad mum".split())
_CHILD_WORDS = frozenset("baby babies child children kids kid son daughter unborn".split())
_PATIENT_NOUNS = frozenset("patient patients client user woman man lady gentleman gent person girl boy guy lad "
                           "bloke female male".split())
_CARES_FOR = frozenset(("cares for", "care for", "looks after", "look after", "supports", "lives with"))
_STAFF_NOUNS = frozenset("colleague colleagues coworker coworkers workmate workmates".split())
_PRONOUN = {"she": "she", "her": "she", "herself": "she", "he": "he", "him": "he", "his": "he",
            "himself": "he", "they": "they", "them": "they", "their": "they", "themselves": "they",
            # the one typing about themself ("i lose my temper with my wife", "my husband hits me")
            "i": "i", "me": "i", "my": "i", "myself": "i"}
_OWN = frozenset(("his", "her", "their", "my"))    # possessive pronouns: a person only when no relationship follows
# Staff named by job ("a junior doctor on our team", "one of our nurses"): the person the message is about.
_JOB_NOUNS = frozenset("nurse nurses doctor doctors gp gps receptionist receptionists locum locums hca hcas "
                       "porter porters midwife midwives paramedic paramedics consultant consultants registrar "
                       "registrars pharmacist pharmacists physio physios therapist therapists cleaner cleaners assistant assistants "
                       "manager managers".split())
# "his wife's been shoving him" arrives as "his wifes been shoving him": "wifes" is the wife.
_AFTER_S = frozenset("been got gone always never just started become becomes taken had".split())
_POSSESSIVE = frozenset("her his their my our your whose the a an".split())
_MODIFIERS = frozenset("adult teenage old older elderly young younger new former current abusive same sex male female "
                       "two three four five several both little big twin disabled "
                       "older own step late second first previous estranged violent long term grown".split())
_THINGS = frozenset("nose jaw arm arms ribs rib wrist face eye eyes lip teeth fingers cheekbone skull neck "
                    "phone phones money pension benefits card cards bank passport passports keys car wages "
                    "medication tablets account accounts documents messages texts mobile laptop savings "
                    "purse wallet handbag handbags bag email emails letters post diary laptop computer social media "
                    "dose doses methadone script prescription rota photos pictures hearing "
                    "food clothes temper anger moods mood behaviour reactions reaction outbursts rages drinking "
                    "violence location whereabouts pill contraception contraceptive contraceptives implant coil inhaler insulin "
                    "glasses walker wheelchair frame password passwords pin sim meds medicine medicines wage salary "
                    "door window windows tv telly fridge address rota visa papers binder tea drink drinks coffee record records "
                    "house flat home place".split())
_JOBS = (r"nurses?|doctors?|gps?|hcas?|(?:health ?care|care) assistants?|receptionists?|porters?|midwi(?:fe|ves)"
         r"|paramedics?|consultants?|registrars?|pharmacists?|physios?|therapists?|health visitors?|dentists?"
         r"|support workers?|cleaners?|locums?|managers?|students?|trainees?|phlebotomists?|dispensers?"
         r"|dispensary assistants?|(?:staff|student|agency|bank|senior|junior|band \d+) nurses?|junior doctors?"
         r"|(?:physician|nursing) associates?|apprentices?|secretar(?:y|ies)|administrators?|ward clerks?"
         r"|sonographers?|radiographers?|paramedic practitioners?|gp partners?|hcsws?|(?:pharmacy )?techs?|technicians?"
         r"|practice receptionists?|volunteers?|drivers?|(?:practice|ward|deputy|assistant|site) managers?|call handlers?"
         r"|regs?|band \d+|theatre (?:nurses?|staff)|scrub nurses?|cpns?|social prescribers?|care coordinators?"
         r"|(?:safeguarding|reception|team|clinical|nurse|ward) leads?|named (?:nurses?|midwi(?:fe|ves)|gps?)")
# A staff member, wherever in the message: the concern becomes staff_experiencing / staff_causing.
_STAFF_RE = re.compile(
    # the patient's own colleagues ("her work colleagues have seen them") are not ours
    r"\b(?:(?<!her )(?<!his )(?<!their )(?<!her work )(?<!his work )(?<!their work )(?:colleagues?|co ?workers?|workmates?)"
    r"|member of (?:the )?(?:staff|team)|staff member"
    r"|one of (?:our|my|the) (?:\w+ ){0,2}(?:nurses|doctors|gps|staff|team|receptionists|assistants|hcas|locums|trainees|students"
    r"|partners at the practice|gp partners|partners|call handlers|phlebotomists|health visitors|secretaries|admin staff|domestics"
    r"|midwives|colleagues|paramedics|porters|cleaners|managers|consultants|registrars|pharmacists|therapists)"
    r"|(?:at|in|on|from) (?:our|my) (?:practice|surgery|team|ward|unit|department|clinic|trust)"
    r"|^(?:a|an|our|one of (?:our|the|my)) (?:male |female |junior |senior |student |trainee |new |practice |district "
    r"|community |staff |ward |bank |agency |locum |dental |charge |lead |specialist )?"
    r"(?:nurses?|doctors?|gps?|hcas?|(?:health ?care|care) assistants?|receptionists?|porters?|midwi(?:fe|ves)"
    r"|paramedics?|consultants?|registrars?|pharmacists?|physios?|therapists?|health visitors?"
    r"|practice managers?|support workers?|cleaners?|locums?(?: gps?| doctors?)?|gp registrars?|trainees?|students?"
    r"|phlebotomists?|apprentices?|secretar(?:y|ies))"
    r"(?= (?:on|in|at|from|told|says|said|disclosed|admitted|confessed|has|is|was|who))"
    r"|(?:our|my) (?:practice manager|ward manager|team leader|line manager|manager|boss|supervisor)"
    r"|as (?:her|his|their) (?:line )?(?:manager|supervisor|team leader|clinical supervisor|educational supervisor)"
    r"|on (?:the|our|my) (?:rota|shift|team rota)"
    # "a doctor I work with", "someone who works on our ward", "I manage a midwife", "one of my team"
    r"|(?:" + _JOBS + r"|someone|somebody) (?:i|we) work with|(?:who|that) works (?:with me|with us|here|in our|on our|at our)"
    r"|i (?:manage|supervise|line manage)|(?:one|member|members) of my (?:team|staff)"
    r"|i am (?:a|an|the) (?:\w+ ){0,2}(?:" + _JOBS + r"|gp registrar|ward sister|sister)|i work (?:here |on the ward |in the practice )?as (?:a|an)"
    r"|^as (?:a|an) (?:\w+ )?(?:" + _JOBS + r")\b"
    r"|^(?:" + _JOBS + r") (?=(?:was|is|has|had|mentioned|admitted|told|says|said|disclosed|on|from|in|at|keeps?|came|comes|gets"
    r"|seen|crying|upset|tearful|in tears|screams|shouts|boasts|hits|takes|tracks|checks|controls"
    r"|wife|husband|partner|girlfriend|boyfriend)\b)"
    r"|^(?:me|myself|its me|it is me)\W+(?:a |an |the )?(?:\w+ )?(?:" + _JOBS + r")\b"
    # a job with a word before it ("theatre nurse", "senior reg") reports on a patient when it "says";
    # it is the staff member when it admits, discloses, keeps doing or comes in with something
    r"|^(?:\w+ ){1,2}(?:" + _JOBS + r") (?=(?:admitted|admits|disclosed|discloses|confided|keeps?|came|comes|has been|was seen"
    r"|on (?:nights|days|our|the|my|placement))\b)"
    r"|(?:a|an|the|another|one of the|one of our) (?:\w+ )?(?:" + _JOBS + r") (?:here|on (?:our|the|my|her|his) (?:team|ward|rota|unit))"
    # a staff member's relationship opening the message: "locum pharmacists ex wife came in ..."
    r"|^(?:(?:a|an|the|our|one of our) )?(?:\w+ )?(?:" + _JOBS + r")s (?=(?:ex|wife|husband|partner|girlfriend|boyfriend|son|daughter|mum|dad)\b)"
    r"|crew ?mates?|fellow (?:" + _JOBS + r"|staff members?))\b"
    r"|^(?:hr|human resources|occupational health|occ health|(?:staff )?wellbeing(?: team)?|staff support)\b"
    r"|\b(?:hr|occ health|occupational health|wellbeing team) (?:here|query|case|referral)\b"
    r"|^(?:\w+ ){0,3}?our (?:\w+ )?(?:" + _JOBS + r"|ward sister|charge nurse|matron|domestics?)\b"
    r"|^(?:the|our|a|an) (?:registrar|consultant|f1|f2|fy1|fy2|sho|reg|ward sister|charge nurse|matron|staff nurse)\b"
    r"|\b(?:a|an|one of the|one of our) (?:\w+ )?(?:" + _JOBS + r"|f1|f2|fy1|fy2|sho) (?:on|in|from) (?:ward|unit|bay) \w+"
    # a role only staff hold in a practice or on a ward: "the receptionist told me ...", "our locum GP"
    r"|^(?:the|our) (?:new |junior |senior |student |trainee |bank |agency |practice |surgery |ward )?(?:receptionists?|locum(?: gp| doctor)?|hcas?|(?:health ?care|care) assistants?|practice (?:nurse|manager)"
    r"|junior doctors?|porters?|ward clerks?)s?\b")

# The one typing says they are staff, or that the message is about them and not a patient
_ABOUT_ME = re.compile(r"\basking for (?:myself|me)\b|\bfor myself\b|\b(?:about|is|its|it is) me\b"
                       r"|\bnot (?:about )?(?:a|the|one of my|my) (?:patient|client)s?\b")
_TYPER_IS_STAFF = re.compile(
    r"^(?:\w+ ){0,2}?(?:" + _JOBS + r"|ae|ed|a and e|hv|dn|mh nurse|mental health nurse|district nurse)(?: here)?\b"
    r"|" + _ABOUT_ME.pattern +
    r"|\bi (?:work|am working|do shifts|do nights|do days)\b|\b(?:i am|im) (?:a|an|the) (?:\w+ ){0,2}?(?:" + _JOBS + r")\b"
    r"|\b(?:i am|im|i'm) (?:on|working) (?:nights|shift|lates|earlies|days|a late|an early)\b"
    r"|\b(?:back on|a run of|doing|after) (?:nights|lates|earlies|shifts|night shifts)\b|\bmy (?:shift|rota|shifts)\b"
    r"|\breport\w* me to (?:the )?(?:nmc|gmc|hcpc|gdc|gphc|my manager|work|my employer)\b"
    r"|\b(?:we )?both work (?:at|in|on) (?:the|this|our) (?:surgery|practice|ward|hospital|unit|department|pharmacy)\b"
    r"|\bpatient (?:stuff|notes|records|details|data|information|info) on my\b")
_REL_WORDS = "|".join(sorted(_RELATION, key=len, reverse=True))
_STAFF_RELATION = re.compile(
    rf"\b(?:{_REL_WORDS}) (?:who |that |he |she )?(?:works|is working|also works) (?:on|in|at|for) (?:our|the) "
    r"(?:reception|ward|practice|team|surgery|department|unit|clinic|pharmacy|dispensary)"
    rf"|\b(?:{_REL_WORDS}) (?:(?:he|she|who) )?is (?:one of our|a|an|our) (?:\w+ ){{0,2}}?(?:" + _JOBS + r")\b"
    rf"|\bour (?:" + _JOBS + rf") who is (?:her|his|their) (?:{_REL_WORDS})\b")

# Harm phrases (data/roles/harm_forms.yml, read after normalise()), one named group per section.
_HARM_SECTIONS = ("passive", "fear", "self", "order", "breach", "blame", "barred", "active")


HARM_FILE = Path(__file__).resolve().parents[2] / "data" / "roles" / "harm_forms.yml"


def load_harm_forms(path: Path | None = None) -> re.Pattern:
    """The harm phrase table compiled as one pattern: a group per section, tried in the order above
    (passive before active, so "was hit by" is passive). `PhraseFileError` says what is wrong where."""
    path = Path(path) if path else HARM_FILE

    def build(table: PhraseFile):
        groups = "|".join(f"(?P<{s}>{'|'.join(table.phrases(s, table.doc.get(s)))})" for s in _HARM_SECTIONS)
        harm = re.compile(rf"\b(?:{groups})\b")
        return harm, [harm]
    return compile_checked(path.name, read_yaml(path, "harm phrase file"), {"fragments", *_HARM_SECTIONS}, build)


_HARM_RE = load_harm_forms()
# Whoever speaks ("the gentleman says ..."): a verb after "and" belongs to someone after these words.
_REPORTING = frozenset("says said told tells reports reported disclosed discloses admits admitted explains "
                       "explained mentioned mentions states stated thinks feels".split())
_TO_TAKE = re.compile(r"^to (?:take|keep|have|get|snatch|remove) ")
_OBJECT_CASE = frozenset("him her them me us".split())
_ADMITS = frozenset("admits admitted admitting confessed confesses denies denied".split())
_AND_RE = re.compile(r"\b(?:and|then|but|or|by) (?:also |then |has |had |is |was |have |will |has been |had been"
                     r"|keeps |kept |always |sometimes |often |even )*$")
_CLAUSE_RE = re.compile(r"[,;:.!?()\n]+| - ")
_WHO_CLAUSE = re.compile(r"^(?:who|which) (?:is|was|are|were|has|had) ")
# An aside between commas or brackets (", also a woman,", "(who is older)") is dropped and the
# clause around it kept whole: "her partner, also a woman, hits her" is "her partner hits her".
_ASIDE_RE = re.compile(r"[,(]\s*(?:who|which|also|both|aged|a|an|themselves|herself|himself)\b[^,;.()]*[,)]|\(\s*(?:male|female|m|f)\s*\)")


# A relative clause naming where someone lives, dropped so its pronoun is not read as the agent.
_LIVES_WITH = re.compile(
    rf"\b({'|'.join(sorted(_RELATION, key=len, reverse=True))}) (?:that |who |whom )?(?:he|she|they|i) "
    r"(?:lives?|lived|living|stays?|stayed|is staying|lodges?|lodged) with\b"
    rf"|\b({'|'.join(sorted(_RELATION, key=len, reverse=True))}) (?:who|that) (?:lives?|lived|is living|stays?|is staying) "
    r"with (?:her|him|them|me)\b")


# The patient named by a relationship ("pt (stepdad)", "the son, our patient", "the husband is our
# patient", "the grandson we have got in resus"): that person is the patient, whatever the word.
_PT_IS = re.compile(r"\b(?:pt|patient|client)\s*\(\s*(?:the |her |his |their )?(?:\d+\s*(?:yo|y/o|yrs?)?\s*)?([a-z]+)[^)]{0,20}\)"
                    r"|\b([a-z]+)\s*[(,]\s*(?:our |the |my )?(?:pt|patient)\s*[),]")
_IS_PATIENT_AFTER = re.compile(r"^(?:our patient|the patient|patient|is (?:our|the|my) patient|(?:who|that) (?:we have got|"
                               r"we have|we are seeing|i am seeing|i saw|we saw|is in)|we have got|we are seeing|"
                               r"i am seeing|in (?:resus|majors|minors|cubicle|bay|bed|side room)|on (?:the )?(?:\w+ ){0,2}?ward)\b")
_PATIENT_IS = re.compile(r"\bpatient is $")
# "wife of the pt" is "the patient's wife"
_OF_THE_PATIENT = re.compile(r"\b(wife|husband|partner|boyfriend|girlfriend|son|daughter|mother|father|mum|dad|carer|brother"
                             r"|sister|ex) of (?:the|our|my) (?:patient|client)\b")
# Scots "ma wife" is "my wife" ("her ma" stays her mother)
_MA = re.compile(r"(?<!\bher )(?<!\bhis )\bma (?=(?:wife|husband|man|partner|boyfriend|girlfriend|missus|wean|weans|bairn|bairns|son|daughter|lad|lass|kids|fella)\b)")
# "mum of a 6 week old told the health visitor ...": a parent opening the message is the patient
_PARENT_OF = re.compile(r"^(?:the |a )?(?:mum|mom|mam|mother|dad|father|stepdad|stepmum|parent)s? of\b")
_PRONOUN_IS_PATIENT = re.compile(r"\b(she|he) is (?:our|the|my) patient\b")


def _resolve(clauses: list[tuple[list[str], list["_Person"]]], named: list[str]) -> list[list["_Person"]]:
    """Each clause's people with (1) a relationship that is the patient made the patient ("pt (dad)",
    "the husband is our patient") and (2) "he" or "she" made the one person they can stand for: a
    pronoun that is not the patient's own is the relationship that takes it ("his mum ... she"), by
    the grammar of the words, never by a guess at who harms whom."""
    out = []
    for words, people in clauses:
        marked = []
        for p in people:
            head = next((w for w in words[p.start:p.end] if w in _RELATION or w[:-1] in _RELATION), None)
            if p.kind == "relation" and (
                    _IS_PATIENT_AFTER.match(" ".join(words[p.end:p.end + 5])) or head in named or
                    _PATIENT_IS.search(" ".join(words[:p.start]) + " ")):
                p = _Person(p.start, p.end, "patient", "patient", None, p.gender)
            marked.append(p)
        for g in _PRONOUN_IS_PATIENT.findall(" ".join(words)):      # "... hit mum, she is our patient"
            matching = [k for k, p in enumerate(marked) if p.kind == "relation" and p.gender == g]
            if len(matching) == 1:
                k = matching[0]
                marked[k] = _Person(marked[k].start, marked[k].end, "patient", "patient", None, g)
        out.append(marked)
    everyone = [p for people in out for p in people]
    if everyone and not any(p.kind == "patient" and p.label == "patient" for p in everyone) and \
            not any(w in ("patient", "patients", "client") for words, _ in clauses for w in words):
        # "mum told the hv she hits the 15yo": a relationship word opening the message and reporting,
        # with no patient named, is the patient (a midwife's "mum", a health visitor's "dad")
        k, ((words, _), people) = next((k, (c, ps)) for k, (c, ps) in enumerate(zip(clauses, out)) if ps)
        p = people[0]
        after = words[p.end:p.end + 1] or (clauses[k + 1][0][:1] if k + 1 < len(clauses) else [])
        if p.kind == "relation" and p.start == 0 and words[0] not in _OWN and (
                re.match(r"\d", words[0]) or after and re.match(r"\d", after[0])) or \
                p.kind == "relation" and p.label == "parent" and words[p.start] not in _OWN and words[p.end:p.end + 1] and (
                words[p.end] in _REPORTING and words[p.end + 1:p.end + 2] not in (["her"], ["him"], ["them"], ["me"])
                or p.start == 0 and _PARENT_OF.match(" ".join(words))):
            # (and a clinical note opening with an age: "76 year old father hit by his adult son", "mother, 38, ...")
            people[0] = _Person(p.start, p.end, "patient", "patient", None, p.gender)
            everyone = [p for people in out for p in people]
    relations = [p for p in everyone if p.kind == "relation"]
    patient = {p.gender for p in everyone if p.kind == "patient" and p.label == "patient" and p.gender}
    for (words, _), people in zip(clauses, out):       # "pt says he only shoves her": he is the patient
        for p in people:
            # "pt says he ...", "pt on scene admits he ...": a reporting word within four words, nobody between
            told = next((k for k in range(p.end, min(p.end + 4, len(words))) if words[k] in _REPORTING), None)
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
                if p.kind == "relation" and (o := _owner(words, p)) and o.pronoun in ("he", "she")}
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
            if words[first.end:first.end + 1] and words[first.end] in _REPORTING:
                patient = {first.pronoun}
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
                unknown = [r for r in relations if r.gender is None]
                to = same[0] if len({r.label for r in same}) == 1 else (   # "wife ... wife ... she": one person
                    unknown[0] if not same and len(unknown) == 1 and patient else None)
                if len(patient) != 1:
                    to = None       # whose is whose is not clear: leave the pronoun as it was
                elif not relations and p.pronoun != next(iter(patient)):
                    p = _Person(p.start, p.end, "relation", "other", None, g)    # "pt says he shoves her"
                    row.append(p)
                    continue
                if to:
                    p = _Person(p.start, p.end, "relation", to.label, None, g)
            row.append(p)
        resolved.append(row)
    return resolved


@dataclass
class _Person:
    start: int          # token index
    end: int
    kind: str           # "relation" | "patient"
    label: str          # role label
    pronoun: str | None  # she / he / they, for matching pronouns
    gender: str | None = None   # "she" / "he" when the word itself says ("mum", "husband", "woman")


def read_roles(text: str) -> Roles:
    """Who does the harm a message describes, to whom, and so the concern (see the module docstring)."""
    clauses = [" ".join(map(_spelt, _OF_THE_PATIENT.sub(r"the patients \1", _MA.sub("my ", normalise(c))).split()))
               for c in _CLAUSE_RE.split(_ASIDE_RE.sub(" ", text[:1000]))]
    clauses = [c for c in clauses if c and not _WHO_CLAUSE.match(c)]   # ", who is also a woman," says no harm
    clauses = [_LIVES_WITH.sub(lambda m: m.group(1) or m.group(2), c) for c in clauses]          # "the brother he lives with pushes him"
    staff = bool(_STAFF_RE.search(" ".join(clauses)))
    first: _Person | None = None    # the patient: the first person named, "i" only when nobody else is
    first_i: _Person | None = None
    owners: set[str] = set()      # pronouns that own a relationship ("his wife": "he" is the patient)
    readings: list[tuple[float, str, str | None, str | None]] = []
    last_person: _Person | None = None
    parsed = [(clause, clause.split()) for clause in clauses]
    named = [a or b for a, b in _PT_IS.findall(text[:1000].lower())]
    crowd = _resolve([(words, _people(words)) for _, words in parsed], named)
    relation_people = [p for people in crowd for p in people if p.kind == "relation"]
    for (clause, words), people in zip(parsed, crowd):
        owners.update(o.pronoun for p in people if p.kind == "relation" and p.end - p.start > 1 and (o := _owner(words, p)))
        first = first or next((p for p in people if p.kind == "patient" and p.pronoun != "i"), None) or \
            next((o for p in people if (o := _owner(words, p)) and o.pronoun != "i"), None)
        first_i = first_i or next((p for p in people if p.kind == "patient"), None) or \
            next((_owner(words, p) for p in people if _owner(words, p)), None)
        offsets = _offsets(words)
        previous_agent: _Person | None = None
        previous_end = -1
        subjectless = False     # "checks gf's phone daily, takes her wages": a note with no subject
        for m in _HARM_RE.finditer(clause):
            at = offsets.index(m.start()) if m.start() in offsets else None
            if at is None or m.group("active") and "never" in words[max(at - 2, 0):at]:
                continue        # "he has never hurt her": no harm done ("he didn't rape her, she just lay there" is denial)
            end = at + len(m.group(0).split())
            before = [p for p in people if p.end <= at]
            after = [p for p in people if p.start >= end and p.start - end <= 6]
            # "him", "them", "me" (and "her" standing alone) are objects: never the one doing a harm
            subjects_before = [p for p in before if not (p.end - p.start == 1 and words[p.start] in _OBJECT_CASE)]
            before = subjects_before if m.group("active") or m.group("self") else before
            if m.group("active") or m.group("self"):      # "checks gf's phone and takes her card": the gf owns a thing, does nothing
                before = [p for p in before if not _owns_a_thing(words, p)]
            agent = before[-1] if before else last_person     # no subject of its own: the one before
            # two doing it together: "pt and his brothers are ...", "she and her brother beat ..." (a plural
            # verb; "my girlfriend slaps me" after "I'm a man and" is hers alone)
            plural = agent and (agent.end == at and not re.match(r"\w+[^s]s$", words[at]) or
                                words[agent.end:agent.end + 1] in (["are"], ["were"], ["have"], ["both"], ["all"]))
            together = plural and len(before) > 1 and words[agent.start - 1:agent.start] == ["and"] \
                and before[-2].end == agent.start - 1
            if together and agent.kind == "relation" and before[-2].kind == "patient":
                agent = before[-2]      # "pt and his brothers are pressuring her": the patient is one of them
            together = (before[-2], agent) if together else ()
            told = max((k for k in range(at) if words[k] in _REPORTING), default=-1)
            subjects = [p for p in before if p.start > told] or before
            if told >= 0 and told == at - 1 and words[told] in _ADMITS:
                agent = next((p for p in before if p.end <= told), agent)   # "pt ... admits shouting at him"
            if _AND_RE.search(clause[:m.start()]) and (agent is None or agent.end <= max(previous_end, 0)
                                                        or not subjects or agent is not subjects[0]):
                # "... and hits her": the verb after "and" keeps the clause's subject, not the
                # object of the verb before ("the ex keeps messaging him and threatening him"), nor
                # the one reporting it ("the gentleman says his grandson steals from him and hits him")
                agent = previous_agent or (subjects[0] if subjects else agent)
            if m.group("barred"):
                # the one not allowed is harmed: the patient, or ("the kids have to ask his permission") a relationship
                barred = before[-1] if before else agent
                if barred and barred.kind == "relation":
                    readings.append((PATIENT_NOUN, "causing", "patient", barred.label))
                elif barred and barred.kind == "patient":
                    readings.append((PRONOUNS_ONLY if barred.label == "pronoun" else PATIENT_NOUN,
                                     "experiencing", "other", "patient"))
                continue
            if m.group("blame"):
                blamer = _PRONOUN[m.group("blamer") or m.group("self_")]
                if agent and (agent.pronoun == blamer or agent.label == "patient"):   # "she (pt) says it is her own fault"
                    readings.append((PRONOUNS_ONLY if agent.label == "pronoun" and not owners else PATIENT_NOUN,
                                     "experiencing", "other", "patient"))
                continue
            if m.group("breach") and not m.group(0).startswith(("order", "injunction", "bail")):
                owned = [p for p in before if not _owns_a_thing(words, p)]
                if agent in before and owned and agent not in owned:
                    agent = owned[-1]        # "going round to his ex's house despite the order": he breaks it
                reading = _judge_self(agent, first or first_i, owners)     # the one breaking it harms
                if reading:
                    readings.append(reading)
                continue
            if m.group("self"):
                reading = _judge_self(agent, first or first_i, owners)
                if reading:
                    readings.append(reading)
                continue
            victim = after[0] if after else None
            if victim and victim.kind == "relation" and words[victim.start] in ("her", "him") and \
                    victim.label in {p.label for p in together if p.kind == "relation"}:
                # "mother in law and husband both hit her": "her" cannot be one of those hitting
                victim = _Person(victim.start, victim.end, "patient", "pronoun", _PRONOUN[words[victim.start]])
            if agent and victim and agent.kind == victim.kind == "relation" and agent.label == victim.label and (
                    words[victim.start:victim.end] == words[agent.start:agent.end] or words[victim.start:victim.end] in (["his"], ["their"])):
                victim = next((p for p in after[1:] if p.label != agent.label), None)   # "her wife ... her wife has the key", "his car"
            if agent and victim and agent.label == victim.label == "pronoun" and agent.pronoun == victim.pronoun \
                    and agent.pronoun in ("he", "she") and words[victim.start] in _OBJECT_CASE:
                same = [r for r in relation_people if r.gender == agent.pronoun]
                if len(same) == 1:      # "pt admits she won't let her out": "her" is not "she", so the mother in law
                    victim = _Person(victim.start, victim.end, "relation", same[0].label, None, agent.pronoun)
            if victim and victim.label == "child" and _TO_TAKE.match(" ".join(words[end:victim.start + 1])):
                victim = None       # "threatening to take the baby": the baby is taken, the parent harmed
            if m.group("order"):
                reading = _judge_order(agent, victim)
                if reading:
                    readings.append(reading)
                continue
            if m.group("passive") or m.group("fear"):
                agent, victim = victim, agent
            reading = _judge(agent, victim, first or first_i, bool(m.group("fear")), owners)
            if reading:
                readings.append(reading)
            if m.group("active") or m.group("passive"):
                previous_agent, previous_end = (agent if not m.group("passive") else None), end
                subjectless = subjectless or (agent is None and m.group("active") is not None)
        # "husband locks the fridge, weighs her food, takes her card": the one doing the last harm
        told_at = max((k for k in range(len(words)) if words[k] in _REPORTING), default=-1)
        reported = [p for p in people if p.start > told_at]
        last_person = previous_agent or (None if subjectless else   # the next clause goes on without one
                                         reported[0] if told_at >= 0 and reported else people[0] if people else last_person)
    if not readings:
        return NO_ROLES
    confidence, concern, agent, victim = max(readings, key=lambda r: r[0])   # first of the surest
    if concern == "experiencing" and _STAFF_RELATION.search(normalise(text[:1000])):
        return Roles("staff_causing", confidence, "colleague", victim)     # the one harming her is staff
    about_me = bool(_ABOUT_ME.search(" ".join(clauses)))
    if staff or _TYPER_IS_STAFF.search(" ".join(clauses)) and any(
            words[p.start] == "my" or about_me and words[p.start] not in _POSSESSIVE
            for (_, words), people in zip(parsed, crowd) for p in people if p.kind == "relation"):
        # "midwife here, my husband goes through my phone": the one typing is staff and, with
        # "my <relationship>" (or, after "this is about me", "bf hit me"), the one the message is about
        concern = "staff_" + concern
        agent, victim = ("colleague" if a == "patient" else a for a in (agent, victim))
    return Roles(concern, confidence, agent, victim)


def _judge_self(agent: _Person | None, first: _Person | None = None, owners: set[str] = frozenset()):
    """"he is the abusive one": the patient named as the one who harms, or a relationship named so;
    "pt and his wife ... she is the one who hits": a pronoun other than the one owning the
    relationship is the relationship; "she says he is the abusive one": someone other than the
    first person named (not sure)."""
    if agent and agent.kind == "relation":
        return SURE, "experiencing", agent.label, "patient"
    if agent and agent.pronoun == "i":
        return PATIENT_NOUN, "causing", "patient", None      # the one typing names themself
    owners = owners & {"he", "she"}        # "their dad" says nothing of who "she" is
    if agent and agent.pronoun and agent.pronoun != "i" and owners and agent.pronoun not in owners:
        return COREFERENCE, "experiencing", "other", "patient"
    if agent and agent.pronoun and agent.pronoun in owners and len(owners) == 1:
        return COREFERENCE, "causing", "patient", "other"
    if agent and agent.pronoun and first and first.pronoun and agent.pronoun != first.pronoun:
        return PRONOUNS_ONLY, "experiencing", "other", "patient"
    if agent and agent.kind == "patient":
        return PATIENT_NOUN, "causing", "patient", None
    if agent is None:
        return PRONOUNS_ONLY, "causing", "patient", None     # "on probation for DV, wants help": a note about the patient
    return None


def _judge_order(holder: _Person | None, against: _Person | None):
    """A court order: against a relationship, the patient is protected; against "him" after a person
    with no pronoun or the same one ("our locum GP ... against him"), the patient is restrained."""
    if holder is None or against is None:
        return None
    if against.kind == "relation" and holder.kind == "patient":
        return SURE, "experiencing", against.label, "patient"
    if against.pronoun == "i" and holder.pronoun != "i":
        return PATIENT_NOUN, "causing", "patient", None       # "she has a non-mol against me"
    if holder.kind == against.kind == "patient" and against.pronoun:
        if holder.pronoun == against.pronoun:
            return PATIENT_NOUN, "causing", "patient", None
        if holder.pronoun is None:      # "the patient has an order against him": restrained or protected?
            return PRONOUNS_ONLY, "causing", "patient", None
        return PATIENT_NOUN, "experiencing", "other", "patient"
    return None


def _judge(agent: _Person | None, victim: _Person | None, first: _Person | None, fear: bool,
           owners: set[str] = frozenset()):
    """(confidence, concern, agent label, victim label) for one harm phrase, or None."""
    if agent and agent.kind == "relation" and (victim is None or victim.kind == "patient"):
        return (FEAR if fear else SURE), "experiencing", agent.label, "patient"
    if victim and victim.kind == "relation" and (agent is None or agent.kind == "patient"):
        if agent is None and not fear:
            # a note with no subject ("shoved his mum into the wall", "checks gf's phone daily"): the
            # patient did it, but only word order says so (the conversation confirms)
            return PRONOUNS_ONLY, "causing", "patient", victim.label
        return (FEAR if fear else SURE), "causing", "patient", victim.label
    if agent and victim and agent.kind == victim.kind == "patient" and "i" in (agent.pronoun, victim.pronoun) \
            and agent.pronoun != victim.pronoun:
        # the one typing names themself: "i lock her phone away" (causing), "he hits me" (experiencing)
        causing = agent.pronoun == "i"
        return PATIENT_NOUN, "causing" if causing else "experiencing", \
            "patient" if causing else "other", "other" if causing else "patient"
    if agent and victim and agent.kind == victim.kind == "patient":
        if agent.label == "patient" and victim.label != "patient":
            return PATIENT_NOUN, "causing", "patient", "other"
        if victim.label == "patient" and agent.label != "patient":
            return PATIENT_NOUN, "experiencing", "other", "patient"
        if agent.pronoun and victim.pronoun and agent.pronoun != victim.pronoun and \
                (agent.pronoun in owners) != (victim.pronoun in owners):
            # "he cares for his wife ... he hits her": the one who owns the relationship is the
            # patient, the other pronoun is the relationship (pronouns told apart, not genders)
            causing = agent.pronoun in owners
            return COREFERENCE, "causing" if causing else "experiencing", \
                "patient" if causing else "other", "other" if causing else "patient"
        if agent.pronoun and victim.pronoun and agent.pronoun != victim.pronoun and first and first.pronoun:
            causing = agent.pronoun == first.pronoun
            return PRONOUNS_ONLY, "causing" if causing else "experiencing", \
                "patient" if causing else "other", "other" if causing else "patient"
    return None


def _people(words: list[str]) -> list[_Person]:
    """Relationship and patient phrases in a clause, in order."""
    people: list[_Person] = []
    i = 0
    while i < len(words):
        w = words[i]
        if w == "co" and words[i + 1:i + 2] in (["worker"], ["workers"]):
            people.append(_Person(i, i + 2, "patient", "patient", None))      # "a co-worker": staff, not a carer
            i += 2
            continue
        person = _relation_at(words, i)
        if person:
            people.append(person)
            i = person.end
            continue
        base = w[:-1] if w.endswith("s") and len(w) > 3 else w
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if base != w and (base in _PATIENT_NOUNS or base in _STAFF_NOUNS or base in _JOB_NOUNS or base in _RELATION) and \
                (_relation_at(words, i + 1) or nxt in _THINGS):
            # "the patients carer", "my colleagues wife": a possessor, not a person of its own -
            # unless what follows is a thing ("his dads pension": the dad is the one harmed)
            if nxt in _THINGS and base in _RELATION:
                people.append(_Person(i, i + 1, "relation", _RELATION[base], None, _gender([base])))
            i += 1
            continue
        if w in _PATIENT_NOUNS and words[i + 1:i + 2] and words[i + 1] in _PRONOUN and \
                " ".join(words[i + 2:i + 4]) in _CARES_FOR:
            # "the man he cares for": the person cared for, a relationship of the patient's
            people.append(_Person(i, i + 4, "relation", "relative", None))
            i += 4
            continue
        if _AGED.match(w) and i > 0 and words[i - 1] not in _OWN | {"the", "a", "an", "of"} \
                and words[i - 1] not in _RELATION and words[i - 1] not in _PATIENT_NOUNS \
                and nxt not in _RELATION and nxt not in _PATIENT_NOUNS:
            people.append(_Person(i, i + 1, "relation", "child", None))      # "mum (pt) hits 14yo with a slipper"
            i += 1
            continue
        if _AGED.match(w) and (i == 0 or words[i - 1] not in _OWN | {"the", "a", "an", "of"}) and nxt not in _RELATION \
                and nxt not in _PATIENT_NOUNS and nxt not in ("old", "year", "years"):
            people.append(_Person(i, i + 1, "patient", "patient", None))     # "15yo admits shoving his sister"
            i += 1
            continue
        if w in ("teen", "teenager", "toddler") and nxt in _PATIENT_NOUNS:
            i += 1          # "teen boy hits his mum": an age, the boy is the person
            continue
        if w in ("client", "clients", "resident", "residents") and words[i - 1:i] in (["her"], ["his"], ["their"]):
            if people and people[-1].start == i - 1:
                people.pop()            # "her" was the owner, not a person of its own
            people.append(_Person(i - 1, i + 1, "relation", "relative", None))   # "locks her client in": one she cares for
        elif w in _PATIENT_NOUNS or w in _STAFF_NOUNS or w in _JOB_NOUNS:
            people.append(_Person(i, i + 1, "patient", "patient", None, _gender([w])))
        elif w in _OWN and nxt in _MODIFIERS and not _relation_at(words, i + 1):
            pass        # "from her first marriage": a possessive, not a person
        elif w == "my" and (nxt in _BODY_WORDS or nxt in _THINGS):
            people.append(_Person(i, i + 1, "patient", "pronoun", "i"))      # "squeezes my neck", "tracks my location"
        elif w == "my":
            pass        # "my patient", "my temper": the one typing owns it; only "my husband" (a relationship) counts
        elif w in _PRONOUN and w not in _OWN or w in _OWN and not _relation_at(words, i + 1):
            people.append(_Person(i, i + 1, "patient", "pronoun", _PRONOUN[w]))
        i += 1
    return people


def _relation_at(words: list[str], i: int) -> _Person | None:
    """A relationship phrase starting at word i: [possessive] [modifiers] [ex] RELATION [in law(s)]."""
    j = i
    if j < len(words) and words[j] in _POSSESSIVE:
        j += 1
    while j < len(words) and (words[j] in _MODIFIERS or words[j] == "step" or _AGE.match(words[j]) or
                              words[j] == "up" and words[j - 1] == "grown" or
                              words[j] in ("last", "past") and any(w in _RELATION for w in words[j + 1:j + 3])):
        j += 1          # "her adult son", "her 15yo daughter", "his 3 year old son"
    if j > i and words[i] in _OWN | {"the"} and (_AGED.match(words[j - 1]) or words[j - 2:j] == ["year", "old"]) \
            and not (j < len(words) and (words[j] in _RELATION or words[j] == "ex")):
        return _Person(i, j, "relation", "child", None, None)        # "she hits her 15yo", "the 3 year old"
    label, head = None, i
    if j < len(words) and words[j] in ("ex", "exs"):          # "her ex", "my exs house"
        label, j = "ex", j + 1
        if j < len(words) and (words[j] in _RELATION and _RELATION[words[j]] == "partner" or words[j] == "p"):
            j += 1      # "her ex partner", "her ex-p"
    elif j < len(words) and words[j] in ("exp", "exps") and j > i and words[i] in _OWN:
        label, j = "ex", j + 1                              # "her exp"
    elif j < len(words) and words[j] in ("in", "inlaws") and words[j:j + 2] in (["in", "laws"], ["inlaws"]):
        label, j = "in-law", j + (2 if words[j] == "in" else 1)
    elif j < len(words) and words[j][:-1] in _RELATION and (chained := _relation_at(words, j + 1)):
        label, j, head = chained.label, chained.end, chained.start   # "her exs new partner": the new partner
    elif j < len(words) and words[j][:-1] in _RELATION and words[j + 1:j + 2] and words[j + 1] in _AFTER_S:
        label, j = _RELATION[words[j][:-1]], j + 1          # "his wifes been shoving him": the wife
    elif j < len(words) and words[j][:-1] in _RELATION and words[j + 1:j + 2] and (
            words[j + 1] in _THINGS or words[j + 1] in _BODY_WORDS or
            words[j + 1] in ("new", "own") and words[j + 2:j + 3] and words[j + 2] in _THINGS):
        label, j = _RELATION[words[j][:-1]], j + 1          # "his mums pension": the mum is harmed
    elif j < len(words) and words[j] in _CO_PARENT and words[j + 1:j + 2] == ["of"] and \
            words[j + 2:j + 3] and words[j + 2] in _OWN and words[j + 3:j + 4] and words[j + 3] in _CHILD_WORDS:
        label, j = "partner", j + 4                          # "the father of her baby": a partner or ex
    elif j < len(words) and words[j] in _RELATION:
        label, j = _RELATION[words[j]], j + 1
        if words[j:j + 2] in (["in", "law"], ["in", "laws"]):
            label, j = "in-law", j + 2
    elif j < len(words) and words[j] == "other" and words[j + 1:j + 2] == ["half"]:
        label, j = "partner", j + 2
    elif j > i and words[i] in _OWN and j < len(words) and words[j] in _OWNED_ONLY:
        label, j = _OWNED_ONLY[words[j]], j + 1             # "her lad", "her fella"
    if label is None or j == i:
        return None
    if words[j:j + 1] == ["of"] and (of := _relation_at(words, j + 1)) and of.kind == "relation":
        j = of.end          # "the new girlfriend of her ex": one person, a relationship of hers
    if i < len(words) and words[i] in ("a", "an") and label != "in-law":
        return _Person(i, j, "patient", "patient", None, _gender(words[head:j]))   # "a dad with dementia": the patient
    return _Person(i, j, "relation", label, None, _gender(words[head:j]))


def _owns_a_thing(words: list[str], p: _Person) -> bool:
    """A relationship in the possessive before a thing ("girlfriends phone", "exs house"): it owns the
    thing and does nothing in the sentence ("his wife texts him" is not possessive)."""
    head = words[p.end - 1]
    return p.kind == "relation" and head.endswith("s") and (head[:-1] in _RELATION or head == "exs") \
        and words[p.end:p.end + 1] != [] and words[p.end] in _THINGS


def _owner(words: list[str], person: _Person) -> _Person | None:
    """Whose relationship it is: "her husband" -> she (the person the message is about)."""
    w = words[person.start] if person.kind == "relation" else ""
    return _Person(person.start, person.start, "patient", "pronoun", _PRONOUN[w]) if w in _PRONOUN else None


def _offsets(words: list[str]) -> list[int]:
    """Character offset of each word in " ".join(words)."""
    out, at = [], 0
    for w in words:
        out.append(at)
        at += len(w) + 1
    return out
