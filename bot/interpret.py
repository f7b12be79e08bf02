"""Free text read as an answer to the question waiting: "no, never" to a yes/no question, "three
times" to a count, "she says her partner hits her" to the concern question.

The turn pipeline (bot/turn.py) hands in the question explicitly: this module knows pathway steps
and readings, never the conversation state or the engine.
"""
from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from .nlu import DANGER_INTENT, Parse, guess_concern
from .nlu.danger import checklist_hints
from .nlu.normalise import normalise
from .nlu.staff import PATIENT_SPEAKS, about_the_typer, names_a_colleague
from .pathways import Step
from .vocab import ASK_WHICH_COLLEAGUE, SKIP_CHECKLIST

SET = "/set"          # the engine's payload for a group answered at once (bot/engine.py)

# A member of staff: the word itself, or someone the clinician works with named by their job ("one of
# our HCAs", "my fellow nurse", "a porter here", "he works on our ward") - a job title alone is not
# enough ("the nurse says the patient ..."), it needs "our", "my" or where they work.
_JOBS = (r"(?:nurse|doctor|dr|hca|healthcare assistant|health ?care assistant|care assistant|support worker|porter"
         r"|midwi(?:fe|ves)|receptionist|consultant|registrar|physio\w*|paramedic|gp|locum|junior|ward sister|matron"
         r"|cleaner|manager|pharmacist|therapist|student|surgeon|practitioner|technician|health visitor|carer)s?")
# "a nurse here" is staff; "midwife here, ..." opening a message is the clinician saying who they are
_BY_JOB = re.compile(rf"\b((?:our|my|fellow) (?:\w+ )?{_JOBS}|(?:a|an|the|one of (?:the|our)) (?:\w+ )?{_JOBS} here"
                     rf"|{_JOBS} (?:on (?:our|my) \w+|in (?:our|my) \w+)"
                     r"|works? (?:here|with (?:me|us)|(?:on|in) (?:our|my|this) (?:ward|team|practice|department|unit|clinic"
                     r"|surgery)))\b", re.I)
_STAFF = re.compile(r"\b(colleague|staff|co-?worker|member of (the )?team|workmate|employee)\b|" + _BY_JOB.pattern, re.I)
_INTENT_ANSWERS = {"affirm": "yes", "deny": "no"}
_LEADING_YES = re.compile(r"\s*(yes+|yeah|yep|yup|yse|yeh|ys)\b(?!\s*(and|or)\s+no\b)", re.I)
# "no" opens an answer when it stands apart ("no, he's at work") or a statement follows it ("no she's 81",
# "no he's at work", "no the children are at school"); "no idea", "no one" stay unclear.
_LEADING_NO = re.compile(r"\s*(no+|nope|nah+|n)\b\s*([,.;:!-]|$|(?=(she|he|they|i|we|it|there|not|never|the|his|her|their)\b))",
                         re.I)
# What makes a "not sure" reading an answer of "don't know": words of doubt. Without them an answer the
# reader took for unsure ("she isn't hurt" at the fear question) is not taken at all, never recorded
# as "not known".
_DOUBT = re.compile(r"\b(sure|unsure|know|knows|known|knowing|unknown|dunno|idk|dk|idea|clue|maybe|possibly|perhaps"
                    r"|might|could|unclear|clear|certain|uncertain|tell|say|says|said|ask|asked|info|understood|guess"
                    r"|think)\b|\bn/?k\b|50/50|\?", re.I)
# Typed instead of pressing "Short of time" at the checklist.
_NO_TIME = re.compile(r"\b(short of time|no time|out of time|running out of time|(?:haven'?t|have not|not) got (?:the )?time"
                      r"|stop the checklist|skip (?:the )?(?:rest|checklist)|rushed|in a rush|no more time)\b", re.I)
_QUESTION = re.compile(r"\?\s*$|^\s*(what|why|how|when|where|who|which|can|could|should|shall|do|does|is|are|will|would|must)\b"
                       r".{6,}", re.I)      # a question, not a stray word or an answer
# Harm described in an answer ("bruising on her arm", "he choked her once") answers the question
# about that harm - but never when the message denies, doubts or asks something.
_NOT_PLAIN = re.compile(r"\b(?:no|not|never|none|nothing|nobody|without|den(?:y|ies|ied)|maybe|might|perhaps|possibly"
                        r"|unsure|unclear|dont|didnt|doesnt|isnt|wasnt|hasnt|havent|cant|wont)\b|n't\b|\?"
                        r"|^\s*(?:if|whether|what|how|when|should|do|does|can|could)\b",   # "if she has bruises, do I ..."
                        re.I)
# A "no" to a checklist theme lowers the risk score, so a reading of "no" there needs a word that says no.
_SAYS_NO = re.compile(r"\b(?:no+|nope|nah+|not|never|none|nothing|neither|nor|den(?:y|ies|ied)|fine|ok|okay|unharmed)\b"
                      r"|n't\b|\b(?:dont|didnt|doesnt|isnt|wasnt|hasnt|havent|hadnt|aint)\b", re.I)
_WORD = re.compile(r"[^\W\d_]{4,}")      # a word long enough to name a topic ("idva", "dash", "police")
FAQ_SURE = 0.45         # below this a FAQ topic is not answered: the nearest topic may be the wrong one
_CLEAR_ROLE = 0.45      # below this, "a colleague ..." is asked about (experiencing or causing), not guessed


def faq_reading(parse: Parse, text: str, answer: str | None = None) -> str:
    """The intent to act on: a question read as a FAQ topic with little confidence, or a question
    nothing fits, becomes "faq/" (no topic), which the engine answers by saying it has no good answer
    (rather than another topic's answer, or "I did not catch that")."""
    if parse.intent.startswith("faq/") and not _WORD.search(text) and "?" not in text:
        return "out_of_scope"       # "to" (a typo at a count question) names no topic: not caught, asked again
    if parse.intent.startswith("faq/") and parse.confidence < FAQ_SURE:
        return "faq/"
    if parse.intent == "out_of_scope" and answer is None and not parse.danger and _QUESTION.search(text):
        return "faq/"
    return parse.intent


def interpret(text: str, parse: Parse, question: Step | None) -> str | None:
    """The answer `text` gives to `question` (a step that asks), or None if it does not answer it."""
    if question is None or not question.asks:
        return None
    if question.answers == "choice":
        return _choose(text, parse, question)
    if question.answers == "count":
        if parse.number is not None:
            return str(parse.number)
        return {"unsure": "dont_know", "deny": "0"}.get(parse.intent)
    if question.checklist and _NO_TIME.search(text):
        return SKIP_CHECKLIST
    if parse.intent == "unsure" and _DOUBT.search(text):
        return {"yes_no_unsure": "unsure", "yes_no_dontknow": "dont_know"}.get(question.answers)
    if parse.intent == "unsure":      # read as unsure but says no doubt: an answer only if it plainly says one
        return _leading_yes_no(text) or _harm_described(text, question)
    if parse.intent == "disclose_abuse" and question.asks == "disclosure":
        return "yes"
    if parse.intent in _INTENT_ANSWERS and question.checklist and _about_other_harm(text, question):
        return _leading_yes_no(text)      # "she isn't hurt" at the fear question answers another question
    if parse.intent == "deny" and question.checklist and not _SAYS_NO.search(text):
        return _leading_yes_no(text) or _harm_described(text, question)   # "he's at work" says nothing of injury
    return _INTENT_ANSWERS.get(parse.intent) or _leading_yes_no(text) or _harm_described(text, question)


def _about_other_harm(text: str, question: Step) -> bool:
    """The message names checklist harm, but not the harm this question asks about: a yes or no read
    from it (by either backend's classifier) belongs to another question."""
    hints = checklist_hints(text)
    return bool(hints) and question.asks not in hints


def _harm_described(text: str, question: Step) -> str | None:
    """'yes' when the message plainly describes the harm this question asks about (the danger table's
    checklist_hints, data/safety/danger.yml), past or present: "bruising on her arm" at the injury
    question. Whether it is also danger now is the danger net's decision, made apart from this.
    'no' when every part of the message that names that harm denies it ("no injuries", "he has never
    choked her") and nothing in it doubts or asks."""
    named = [c for c in _PARTS.split(text) if c and question.asks in checklist_hints(c)]
    if not named:
        return None
    if not _NOT_PLAIN.search(text):
        return "yes"
    if all(_SAYS_NO.search(c) for c in named) and not _DOUBT.search(text) and not _QUESTION.search(text):
        return "no"
    return None


_PARTS = re.compile(r"[,;.]|\b(?:but|and|though|although|however)\b", re.I)     # one message's clauses


def mentioned(text: str, parse: Parse) -> tuple[str, ...]:
    """Checklist themes a message plainly names, at whatever question it was typed ("his boyfriend
    strangled him last night" at the concern question): remembered by theme id so that a red flag the
    checklist never reached (short of time, no disclosure) is still put to the clinician. Nothing from
    a message that denies, doubts or asks ("what counts as strangulation?")."""
    if _NOT_PLAIN.search(text) or _QUESTION.search(text) or parse.intent.startswith("faq/"):
        return ()
    return checklist_hints(text)


def ticked(text: str, parse: Parse, items: list[Step]) -> str | None:
    """A tick-all-that-apply list answered in words: the numbers of the lines that apply ("1 3 5",
    "2,4") or none ("none", "0", "no"), as one "/set" payload. Anything else, or a number not on the
    list, is not an answer."""
    numbers = [int(n) for n in re.findall(r"\d+", text)]
    words = re.sub(r"[\d\s,;.&+]|\band\b", "", text.lower())
    if not numbers:
        none = words in ("none", "noneofthese", "nothing", "no", "nope") or parse.intent == "deny"
        return SET if none else None
    if numbers == [0] and not words:
        return SET
    if words or not all(1 <= n <= len(items) for n in numbers):
        return None
    return SET + " " + ";".join(f"{items[n - 1].asks}=yes" for n in sorted(set(numbers)))


def _leading_yes_no(text: str) -> str | None:
    """'yes two kids, and he's outside now': the answer the message opens with is kept whatever else
    it says (a danger phrase gets the emergency advice as well). 'no' counts only when it stands apart
    ('no, he's at work'), so 'no idea' stays unclear."""
    if _LEADING_YES.match(text):
        return "yes"
    return "no" if _LEADING_NO.match(text) else None


def _choose(text: str, parse: Parse, step: Step) -> str | None:
    """An option named by its value or (nearly) its title first: the clinician's own choice beats
    a guess at the intent. Then, for the concern question, who discloses what."""
    cleaned = " ".join(text.strip().lower().rstrip(".!").split())[:200]
    exact = next((o.value for o in step.options if cleaned in (o.value, o.title.lower())), None)
    if exact:
        return exact
    titles = {o.title.lower(): o.value for o in step.options}
    match = process.extractOne(cleaned, list(titles), scorer=fuzz.token_sort_ratio, score_cutoff=90)
    if match:
        return titles[match[0]]
    values = {o.value for o in step.options}
    norm = normalise(text[:1000])
    if parse.concern in values:     # who harms whom, read confidently (bot.nlu.roles)
        # "one of our nurses says ..." is a colleague, unless a patient is the one telling ("... says the
        # man in bay 2 admitted ...")
        by_job = parse.concern in ("experiencing", "causing") and _BY_JOB.search(text) and not PATIENT_SPEAKS.search(norm)
        return "staff_" + parse.concern if by_job and "staff_" + parse.concern in values else parse.concern
    # a colleague named, or the one typing is staff writing about their own relationship
    # (the role reading's colleague cues count for a disclosure: "the new F2 was arrested for ...")
    disclosure = parse.intent in ("disclose_abuse", "disclose_perpetrating")
    staff = (_STAFF.search(text) or disclosure and names_a_colleague(norm) or about_the_typer(norm)) \
        and {"staff_experiencing", "staff_causing"} <= values
    if staff and (parse.intent not in ("disclose_abuse", "disclose_perpetrating") or parse.confidence < _CLEAR_ROLE):
        return ASK_WHICH_COLLEAGUE      # "a colleague", but which way round is not clear: ask
    if parse.intent in ("disclose_abuse", "disclose_perpetrating") and {"experiencing", "causing"} <= values:
        kind = "experiencing" if parse.intent == "disclose_abuse" else "causing"
        return ("staff_" + kind) if staff else kind
    if parse.intent == DANGER_INTENT and {"experiencing", "causing"} <= values:
        # danger now and who harms whom in one message: the alarm is raised and the concern still read
        # (to confirm with one tap after the emergency advice)
        concern = guess_concern(text)
        return concern.removeprefix("staff_") if concern and concern not in values else concern
    match = process.extractOne(cleaned, list(titles), scorer=fuzz.token_set_ratio, score_cutoff=80)
    return titles[match[0]] if match else None
