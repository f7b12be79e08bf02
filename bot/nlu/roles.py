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
   Then each is placed (`place_people`): a relationship the message says is the patient becomes the
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

from .normalise import i_will, normalise
from .people import (GROUP_WORDS, POSSESSIVE, PRONOUN, RELATION, REPORTING, Person, find_people, owner,
                     owns_a_thing, place_people, spelt)
from .phrase_file import PhraseFile, compile_checked, read_yaml
from .staff import ABOUT_ME, STAFF_RELATION, TYPER_IS_STAFF, names_a_colleague

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

# Harm phrases (data/roles/harm_forms.yml, read after normalise()), one named group per section.
_HARM_SECTIONS = ("passive", "fear", "self", "claim", "order", "breach", "blame", "barred", "active")


HARM_FILE = Path(__file__).resolve().parents[2] / "data" / "roles" / "harm_forms.yml"


def load_harm_forms(path: Path | None = None) -> re.Pattern:
    """The harm phrase table compiled as one pattern: a group per section, tried in the order above
    (passive before active, so "was hit by" is passive). `PhraseFileError` says what is wrong where."""
    path = Path(path) if path else HARM_FILE

    def build(table: PhraseFile):
        groups = "|".join(f"(?P<{s}>{'|'.join(table.phrases(s, table.doc.get(s)))})" for s in _HARM_SECTIONS)
        harm = re.compile(rf"\b(?:{groups})\b")
        defence = re.compile(rf"\b(?:{'|'.join(table.phrases('defence', table.doc.get('defence') or ['(?!x)x']))})\b")
        return (harm, defence), [harm, defence]
    return compile_checked(path.name, read_yaml(path, "harm phrase file"), {"fragments", "defence", *_HARM_SECTIONS}, build)


_HARM_RE, _DEFENCE_RE = load_harm_forms()
# "threatening to take the baby": the baby is taken, the parent harmed
_TO_TAKE = re.compile(r"^to (?:take|keep|have|get|snatch|remove) ")
_ASKING = (["is", "that"], ["is", "this"], ["is", "it"], ["was", "that"], ["was", "it"])    # "is that controlling?"
_ASKED_TO = frozenset("want wants wanted told tells asked asks expect expects expected pressure pressures "
                       "pressured pressuring forced forcing made getting got".split())
# "the kids saw him hit her", "she makes him hit her": the one seen or made to do it does it
_SEEN_OR_MADE = frozenset("saw seen see sees watched watch heard hear witnessed makes made make making describes "
                           "described drew draws drawn drawing".split())
_OBJECT_CASE = frozenset("him her them me us".split())
_ADMITS = frozenset("admits admitted admitting confessed confesses denies denied".split())
_AND_RE = re.compile(r"\b(?:and|then|but|or|by) (?:also |then |has |had |is |was |have |will |has been |had been"
                     r"|keeps |kept |always |sometimes |often |even )*$")
_CLAUSE_RE = re.compile(r"[,;:.!?()\n]+| - ")
_PLACES = frozenset("school nursery college work workplace office house flat home place".split())
_WHO_CLAUSE = re.compile(r"^(?:who|which) (?:is|was|are|were|has|had) ")
# An aside between commas or brackets (", also a woman,", "(who is older)") is dropped and the
# clause around it kept whole: "her partner, also a woman, hits her" is "her partner hits her".
_ASIDE_RE = re.compile(r"[,(]\s*(?:who|which|also|both|aged|a|an|themselves|herself|himself)\b[^,;.()]*[,)]|\(\s*(?:male|female|m|f)\s*\)|\(\s*\d{1,3}\s*(?:yo|y|yrs|years|[mfMF])?\s*\)|\(\s*[A-Za-z]+\s*\)(?=\s+(?:in|out|into|off|from|to|up|down|with|when|and)\b)")


# "his right as her husband", "in her role as his carer": the role a pronoun holds, not another person (v57 dev)
_AS_ROLE = re.compile(r"(?:(?<=right )|(?<=rights )|(?<=role )|(?<=duty )|(?<=place )|(?<=capacity )|(?<=position ))as (?:her|his|their) (?:husband|wife|partner|boyfriend|girlfriend|carer|dad|father|mum|mother)\b", re.I)


# A relative clause naming where someone lives, dropped so its pronoun is not read as the agent.
_LIVES_WITH = re.compile(
    rf"\b({'|'.join(sorted(RELATION, key=len, reverse=True))}) (?:that |who |whom )?(?:he|she|they|i) "
    r"(?:lives?|lived|living|stays?|stayed|is staying|lodges?|lodged) with\b"
    rf"|\b({'|'.join(sorted(RELATION, key=len, reverse=True))}) (?:who|that) (?:lives?|lived|is living|stays?|is staying) "
    r"with (?:her|him|them|me)\b")


# The patient named by a relationship ("pt (stepdad)", "the son, our patient", "pt is the mum", "the husband is our
# patient", "the grandson we have got in resus"): that person is the patient, whatever the word.
_PT_IS = re.compile(r"\b(?:pt|patient|client)\s*\(\s*(?:the |her |his |their )?(?:\d+\s*(?:yo|y/o|yrs?)?\s*)?([a-z]+)[^)]{0,20}\)"
                    r"|\b([a-z]+)(?:\s+in (?:his|her|their) \w+|\s+\d+)?\s*[(,]\s*(?:our |the |my )?(?:pt|patient)\s*[),]"    # "son in his 30s, my pt,"
                    r"|\b(?:pt|patient) is the ([a-z]+)\b"          # "pt is the mum, her 12 yr old says ..."
                    # "the baby's dad, who is our pt, ...", "the pt, her mother, ..." (v47 dev)
                    r"|\b([a-z]+)\s*,\s*who(?:'s|’s| is)\s+(?:also\s+)?(?:our |the |my )?(?:pt|patient)\b"
                    r"|\b(?:pt|patient)\s*,\s*(?:her|his|their|the) ([a-z]+)\s*,")
# "wife of the pt" is "the patient's wife"
_OF_THE_PATIENT = re.compile(r"\b(wife|husband|partner|boyfriend|girlfriend|son|daughter|mother|father|mum|dad|carer|brother"
                             r"|sister|ex) of (?:the|our|my) (?:patient|client)\b")
# "her carers allowance", "the child benefit": a benefit, not a carer or a child
_CARERS_ALLOWANCE = re.compile(r"\bcarers? allowance\b|\bchild (?:benefit|tax credits?|maintenance)\b")
# "pt tearful, he hits her": a patient named without a pronoun, then shown upset, is the one harmed when
# the harm that follows is between two pronouns (the conversation confirms: word order alone says so)
_UPSET = re.compile(r"^(?:(?:is|was|looks|looked|seems|seemed|appears|very|v|quite|really|visibly|and|in)\s+){0,2}"
                    r"(?:tearful|crying|upset|scared|frightened|terrified|anxious|distressed|shaken|withdrawn|quiet"
                    r"|low|teary|tears|sobbing|jumpy|on edge|nervous|petrified|afraid)\b")
# "an order against him, taken out by his ex": the comma is dropped so who took it out is read with the order
_TAKEN_OUT_BY = re.compile(r"(?:(?<=against him)|(?<=against her)|(?<=against them))\s*,(?=\s*(?:taken out|applied for|obtained|got|granted) by\b)", re.I)
# Scots "ma wife" is "my wife" ("her ma" stays her mother)
_MA = re.compile(r"\bme (?=own\b)|(?<!\bher )(?<!\bhis )\bma (?=(?:wife|husband|man|partner|boyfriend|girlfriend|missus|wean|weans|bairn|bairns|son|daughter|lad|lass|kids|fella)\b)")

def read_roles(text: str) -> Roles:
    """Who does the harm a message describes, to whom, and so the concern (see the module docstring)."""
    text = _AS_ROLE.sub(" ", i_will(_TAKEN_OUT_BY.sub(" ", text[:1000])))     # a bounded read: the first 1,000 characters
    clauses = [" ".join(map(spelt, _OF_THE_PATIENT.sub(r"the patients \1", _MA.sub("my ", _CARERS_ALLOWANCE.sub("allowance", normalise(c)))).split()))
               for c in _CLAUSE_RE.split(_ASIDE_RE.sub(" ", text))]
    clauses = [c for c in clauses if c and not _WHO_CLAUSE.match(c)]   # ", who is also a woman," says no harm
    clauses = [_LIVES_WITH.sub(lambda m: m.group(1) or m.group(2), c) for c in clauses]          # "the brother he lives with pushes him"
    # a colleague named (the aside "our cleaner, who is her son" is dropped from the clauses, so the
    # one harming being staff is looked for in the whole message)
    whole = normalise(text)
    staff = names_a_colleague(" ".join(clauses), whole)
    first: Person | None = None    # the patient: the first person named, "i" only when nobody else is
    first_i: Person | None = None
    owners: set[str] = set()      # pronouns that own a relationship ("his wife": "he" is the patient)
    readings: list[tuple[float, str, str | None, str | None]] = []
    upset = False     # the patient, named with no pronoun, shown upset ("pt tearful, ...")
    last_person: Person | None = None
    parsed = [(clause, clause.split()) for clause in clauses]
    named = [next(filter(None, groups)) for groups in _PT_IS.findall(text.lower())]
    crowd = place_people([(words, find_people(words)) for _, words in parsed], named)
    relation_people = [p for people in crowd for p in people if p.kind == "relation"]
    for (clause, words), people in zip(parsed, crowd):
        owners.update(o.pronoun for p in people if p.kind == "relation" and p.end - p.start > 1 and (o := owner(words, p)))
        if first is None:
            first = next((p for p in people if p.kind == "patient" and p.pronoun != "i"), None) or \
                next((o for p in people if (o := owner(words, p)) and o.pronoun != "i"), None)
            upset = bool(first and first.label == "patient" and not (first.pronoun or first.gender)
                         and _UPSET.match(" ".join(words[first.end:first.end + 4])))
        first_i = first_i or next((p for p in people if p.kind == "patient"), None) or \
            next((owner(words, p) for p in people if owner(words, p)), None)
        offsets = _offsets(words)
        previous_agent: Person | None = None
        previous_end = -1
        subjectless = False     # "checks gf's phone daily, takes her wages": a note with no subject
        for m in _HARM_RE.finditer(clause):
            at = offsets.index(m.start()) if m.start() in offsets else None
            if at is None or m.group("active") and ("never" in words[max(at - 2, 0):at] or words[max(at - 2, 0):at] in _ASKING):
                continue        # "he has never hurt her": no harm done ("he didn't rape her, she just lay there" is denial);
                                # "is that controlling?" asks about an act named elsewhere
            end = at + len(m.group(0).split())
            before = [p for p in people if p.end <= at]
            after = [p for p in people if p.start >= end and p.start - end <= 6]
            # "him", "them", "me" (and "her" standing alone) are objects: never the one doing a harm
            subjects_before = [p for p in before if not (p.end - p.start == 1 and words[p.start] in _OBJECT_CASE
                                                         and not (p.start and words[p.start - 1] in _SEEN_OR_MADE))]
            named_one = m.group("self") or m.group("claim")     # the one who is it, or said to have started it
            before = subjects_before if m.group("active") or named_one else before
            if m.group("active") or named_one:      # "checks gf's phone and takes her card": the gf owns a thing, does nothing
                before = [p for p in before if not owns_a_thing(words, p)]
            agent = before[-1] if before else last_person     # no subject of its own: the one before
            if at >= 3 and words[at - 1] == "to" and words[at - 2] in _OBJECT_CASE and words[at - 3] in _ASKED_TO:
                # "family want him to sort out his sister": the one asked to do it does it
                agent = next((p for p in people if p.start == at - 2), agent)
            # two doing it together: "pt and his brothers are ...", "she and her brother beat ..." (a plural
            # verb; "my girlfriend slaps me" after "I'm a man and" is hers alone)
            plural = agent and (agent.end == at and not re.match(r"\w+[^s]s$", words[at]) or
                                words[agent.end:agent.end + 1] in (["are"], ["were"], ["have"], ["both"], ["all"]))
            together = plural and len(before) > 1 and words[agent.start - 1:agent.start] == ["and"] \
                and before[-2].end == agent.start - 1
            if together and agent.kind == "relation" and before[-2].kind == "patient":
                agent = before[-2]      # "pt and his brothers are pressuring her": the patient is one of them
            together = (before[-2], agent) if together else ()
            told = max((k for k in range(at) if words[k] in REPORTING), default=-1)
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
                blamer = PRONOUN[m.group("blamer") or m.group("self_")]
                if agent and (agent.pronoun == blamer or agent.label == "patient"):   # "she (pt) says it is her own fault"
                    readings.append((PRONOUNS_ONLY if agent.label == "pronoun" and not owners else PATIENT_NOUN,
                                     "experiencing", "other", "patient"))
                continue
            if m.group("breach") and not m.group(0).startswith(("order", "injunction", "bail")):
                owned = [p for p in before if not owns_a_thing(words, p)]
                if agent in before and owned and agent not in owned:
                    agent = owned[-1]        # "going round to his ex's house despite the order": he breaks it
                reading = _judge_self(agent, first or first_i, owners)     # the one breaking it harms
                if reading:
                    readings.append(reading)
                continue
            if named_one:
                reading = _judge_self(agent, first or first_i, owners)
                if reading and m.group("claim"):     # a claim of who started it weighs less than a harm done
                    reading = (min(reading[0], PRONOUNS_ONLY), *reading[1:])
                if reading:
                    readings.append(reading)
                continue
            victim = after[0] if after else None
            if victim and agent and agent.kind == victim.kind == "relation" and owns_a_thing(words, victim) \
                    and words[victim.end:victim.end + 1] and words[victim.end] in _PLACES:
                victim = None       # "her ex turns up at the kids school": the school is the kids', she is harmed
            if victim and agent and agent.kind == victim.kind == "relation" and words[victim.end - 1] in GROUP_WORDS:
                victim = None       # "partner won't let her family visit": she is kept from them (v29 dev)
            if victim is None and m.group("active"):
                # "i threw her phone at the wall": the owner named inside the phrase is the one harmed
                victim = next((p for p in people if at < p.start < end and p is not agent), None)
            if victim and victim.kind == "relation" and words[victim.start] in ("her", "him") and \
                    victim.label in {p.label for p in together if p.kind == "relation"}:
                # "mother in law and husband both hit her": "her" cannot be one of those hitting
                victim = Person(victim.start, victim.end, "patient", "pronoun", PRONOUN[words[victim.start]])
            if agent and victim and agent.kind == victim.kind == "relation" and agent.label == victim.label and (
                    words[victim.start:victim.end] == words[agent.start:agent.end] or words[victim.start:victim.end] in (["his"], ["their"])
                    or victim.end - victim.start == 1 and words[victim.start] in ("he", "she", "they")):
                # "her wife ... her wife has the key", "his car", "husband forces sex when he is drunk": the agent again
                victim = next((p for p in after[1:] if p.label != agent.label), None)
            if agent and victim and agent.label == victim.label == "pronoun" and agent.pronoun == victim.pronoun \
                    and agent.pronoun in ("he", "she") and words[victim.start] in _OBJECT_CASE:
                same = [r for r in relation_people if r.gender == agent.pronoun]
                if len(same) == 1:      # "pt admits she won't let her out": "her" is not "she", so the mother in law
                    victim = Person(victim.start, victim.end, "relation", same[0].label, None, agent.pronoun)
            if victim and victim.label == "child" and _TO_TAKE.match(" ".join(words[end:victim.start + 1])):
                victim = None       # "threatening to take the baby": the baby is taken, the parent harmed
            if m.group("order"):
                reading = _judge_order(agent, victim)
                if reading:
                    readings.append(reading)
                continue
            if m.group("passive") and not people:
                readings.append((PRONOUNS_ONLY, "experiencing", "other", "patient"))   # "victim of domestic violence"
                continue
            if m.group("passive") or m.group("fear") or m.group("active") and _DEFENCE_RE.search(clause, m.end()):
                agent, victim = victim, agent   # harm done back in self-defence: the other one harms (`defence`)
            reading = _judge(agent, victim, first or first_i, bool(m.group("fear")), owners, upset)
            if reading:
                readings.append(reading)
            if m.group("active") or m.group("passive"):
                previous_agent, previous_end = (agent if not m.group("passive") else None), end
                subjectless = subjectless or (agent is None and m.group("active") is not None)
        # "husband locks the fridge, weighs her food, takes her card": the one doing the last harm
        told_at = max((k for k in range(len(words)) if words[k] in REPORTING), default=-1)
        reported = [p for p in people if p.start > told_at]
        if people and people[-1].kind == "relation" and words[people[-1].start] == "whose":
            reported = [people[-1]]      # "a man whose son moved back in, takes his pension": the son goes on
            told_at = max(told_at, 0)
        last_person = previous_agent or (None if subjectless else   # the next clause goes on without one
                                         reported[0] if told_at >= 0 and reported else people[0] if people else last_person)
    if not readings:
        return NO_ROLES
    confidence, concern, agent, victim = max(readings, key=lambda r: r[0])   # first of the surest
    if concern == "experiencing" and STAFF_RELATION.search(whole):
        return Roles("staff_causing", confidence, "colleague", victim)     # the one harming her is staff
    about_me = bool(ABOUT_ME.search(" ".join(clauses)))
    # "pharmacist here, i keep telling her ...": the one typing, staff, is a person of the message and no
    # patient or relationship is named
    named = [(words[p.start], p) for (_, words), people in zip(parsed, crowd) for p in people]
    typer_harms = any(p.pronoun == "i" for _, p in named) and not any(
        p.kind == "relation" and not (w == "the" and p.label == "child")      # "leave with the kids"
        or w in ("patient", "patients", "pt", "pts", "client") for w, p in named)
    if staff or TYPER_IS_STAFF.search(" ".join(clauses)) and (typer_harms or any(
            words[p.start] == "my" or about_me and words[p.start] not in POSSESSIVE
            for (_, words), people in zip(parsed, crowd) for p in people if p.kind == "relation")):
        # "midwife here, my husband goes through my phone": the one typing is staff and, with
        # "my <relationship>" (or, after "this is about me", "bf hit me"), the one the message is about
        concern = "staff_" + concern
        agent, victim = ("colleague" if a == "patient" else a for a in (agent, victim))
    return Roles(concern, confidence, agent, victim)


def _judge_self(agent: Person | None, first: Person | None = None, owners: set[str] = frozenset()):
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


def _judge_order(holder: Person | None, against: Person | None):
    """A court order: against a relationship, the patient is protected; against "him" after a person
    with no pronoun or the same one ("our locum GP ... against him"), the patient is restrained."""
    if holder is None or against is None:
        return None
    if against.kind == "relation" and holder.kind == "patient":
        return SURE, "experiencing", against.label, "patient"
    if holder.kind == "relation" and against.kind == "patient":
        return SURE, "causing", "patient", holder.label         # "his ex has a non-mol against him"
    if against.pronoun == "i" and holder.pronoun != "i":
        return PATIENT_NOUN, "causing", "patient", None       # "she has a non-mol against me"
    if holder.kind == against.kind == "patient" and against.pronoun:
        if holder.pronoun == against.pronoun:
            return PATIENT_NOUN, "causing", "patient", None
        if holder.pronoun is None:      # "the patient has an order against him": restrained or protected?
            return PRONOUNS_ONLY, "causing", "patient", None
        return PATIENT_NOUN, "experiencing", "other", "patient"
    return None


def _judge(agent: Person | None, victim: Person | None, first: Person | None, fear: bool,
           owners: set[str] = frozenset(), upset: bool = False):
    """(confidence, concern, agent label, victim label) for one harm phrase, or None."""
    if agent and agent.kind == "relation" and (victim is None or victim.kind == "patient"):
        return (FEAR if fear else SURE), "experiencing", agent.label, "patient"
    if victim and victim.kind == "relation" and (agent is None or agent.kind == "patient"):
        if agent is None and not fear:
            # a note with no subject ("shoved his mum into the wall", "checks gf's phone daily"): the
            # patient did it, but only word order says so (the conversation confirms)
            return PRONOUNS_ONLY, "causing", "patient", victim.label
        return (FEAR if fear else SURE), "causing", "patient", victim.label
    if agent and victim and agent.kind == victim.kind == "relation" and victim.label == "parent" and \
            agent.label in ("parent", "partner", "ex") and agent.gender and victim.gender and agent.gender != victim.gender:
        # "says dad hits mum": one parent harming the other, the child who lives with it is harmed too
        # (a child who sees or hears domestic abuse is a victim of it: Domestic Abuse Act 2021, s.3)
        return PRONOUNS_ONLY, "experiencing", agent.label, "patient"
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
        # the first person named takes its pronoun by grammar: "bloke ... says he went to sort her out"
        said = first and (first.pronoun or first.gender)
        if agent.pronoun and victim.pronoun and agent.pronoun != victim.pronoun and said:
            causing = agent.pronoun == said
            return PRONOUNS_ONLY, "causing" if causing else "experiencing", \
                "patient" if causing else "other", "other" if causing else "patient"
        if agent.pronoun in ("he", "she") and victim.pronoun in ("he", "she") and agent.pronoun != victim.pronoun and upset:
            return PRONOUNS_ONLY, "experiencing", "other", "patient"     # "pt tearful, he hits her"
    return None


def _offsets(words: list[str]) -> list[int]:
    """Character offset of each word in " ".join(words)."""
    out, at = [], 0
    for w in words:
        out.append(at)
        at += len(w) + 1
    return out
