"""The reading rules shared by both backends: a classifier's ranking plus the danger net -> `Parse`.

`decide` serves the embedded classifier and Rasa's ranking alike (bot/rasa_turn.py), so the two
backends agree on when danger is raised, when a weak reading gives way, and who harms whom.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from . import danger
from .danger import DEFUSED, EVENT, SITUATION
from .direction import direction
from .normalise import normalise
from .numbers import MAX_CHARS, number_in
from .people import RELATION
from .roles import CONFIDENT, read_roles

THRESHOLD = 0.3          # below this confidence the intent is out_of_scope
DANGER_CONFIRM = 0.75    # the classifier alone raises danger only this sure (the net needs no confirming):
                         # on every held-out split the net alone found all danger-now lines, while
                         # class-balanced classifiers put 0.5-0.7 on plain facts ("he drinks a lot")
COMMAND_CONFIRM = 0.4    # commands that move the conversation need this much; weaker ones give way
COMMANDS = frozenset({"restart", "back", "help", "goodbye"})
SITUATION_MARGIN = 0.1   # danger here now ("he's in reception") beats a reading at most this much surer
DANGER_INTENT = "immediate_danger"
OUT_OF_SCOPE = "out_of_scope"
DISCLOSURES = frozenset({"disclose_abuse", "disclose_perpetrating"})


@dataclass(frozen=True)
class Parse:
    """What the NLU understood from one message (never the message itself)."""

    intent: str
    confidence: float
    danger: bool
    number: int | None
    concern: str | None = None   # who harms whom, when read confidently (bot.nlu.roles); else None

    def as_json(self) -> dict:
        """The CLI contract: exactly intent, confidence (2 dp) and danger."""
        return {"intent": self.intent, "confidence": round(self.confidence, 2), "danger": self.danger}


def decide(text: str, ranked: list[tuple[str, float]], plain_words: frozenset[str] = frozenset(),
           norm: str | None = None) -> Parse:
    """A message's `Parse` from a classifier's readings (best first) and the danger net.

    The danger net decides on its own. The classifier's ``immediate_danger`` counts too when it
    is at least ``DANGER_CONFIRM`` sure; a weaker one (the largest intent attracts plain facts
    such as "she has two children") gives way to the next reading, as do weak ``COMMANDS``
    ("three times this year" must not restart or go back) and any fuzzy command in a message the
    net flags. The classifier may not raise danger in a message the net found only negated or
    historical ("not in danger", "two years ago"). When the net finds danger in the situation now
    (abuser here, can't go home, trapped), ``immediate_danger`` wins over a reading at most
    ``SITUATION_MARGIN`` surer ("perp is in the building" is not a question about perpetrators).
    A message the net flags but the classifier cannot place is read as ``immediate_danger``; that
    intent always has danger. A confident role reading (`bot.nlu.roles`) chooses between
    ``disclose_abuse`` and ``disclose_perpetrating`` and sets `Parse.concern`.
    """
    norm = normalise(text[:MAX_CHARS]) if norm is None else norm
    reading = danger.net_reading(norm if len(text) <= MAX_CHARS else normalise(text), plain_words, text)
    net = reading in (SITUATION, EVENT) or danger.learned_alarm(norm, reading)   # the model only adds alarms
    intent, confidence = next(
        ((i, c) for i, c in ranked if c >= THRESHOLD and c >= _needed(i, reading)), (OUT_OF_SCOPE, 1.0)
    )
    if reading == SITUATION and intent != DANGER_INTENT:
        score = next((c for i, c in ranked if i == DANGER_INTENT), 0.0)
        if score >= confidence - SITUATION_MARGIN:
            intent, confidence = DANGER_INTENT, max(score, THRESHOLD)
    if net and intent == OUT_OF_SCOPE:
        intent, confidence = DANGER_INTENT, THRESHOLD
    # Who harms whom comes from the role reading, not the classifier: classifiers learn pronouns and
    # gender ("she hits her boyfriend" looks like a woman being hit). A confident reading decides
    # between the two disclosures, and names a disclosure the classifier could not place.
    roles = read_roles(text)
    concern = roles.concern if roles.confidence >= CONFIDENT else None
    if concern and (intent in DISCLOSURES or intent == OUT_OF_SCOPE):
        intent, confidence = roles.intent, max(confidence if intent in DISCLOSURES else 0.0, THRESHOLD)
    elif roles.concern and (intent in DISCLOSURES or intent == OUT_OF_SCOPE):
        # "she says he hits her": word order is a weak guess, but a better one than gender (and than
        # "not understood": a typed concern is always confirmed with one tap); the concern stays
        # unread (None)
        intent, confidence = roles.intent, confidence if intent in DISCLOSURES else THRESHOLD
    elif intent in DISCLOSURES and (guessed := direction(norm)):
        # the rules read no harm, but the classifier heard a disclosure: which way round comes from
        # the learned model (bot.nlu.direction) when it is sure, not from the classifier's pronouns
        intent = "disclose_perpetrating" if guessed == "causing" else "disclose_abuse"
    return Parse(intent, confidence, net or intent == DANGER_INTENT, number_in(norm), concern)


def guess_concern(text: str) -> str | None:
    """Who harms whom in a message the classifier read as danger now, however unsure (at the concern
    question): the role rules' reading, else - when it names a relationship ("her son", "his wife") -
    the learned model's direction. "He is in reception with a knife" names nobody's harm: None."""
    reading = read_roles(text).concern
    if reading:
        return reading
    norm = normalise(text[:MAX_CHARS])
    return direction(norm) if RELATION.keys() & set(norm.split()) else None


def _needed(intent: str, reading: str) -> float:
    """Confidence the classifier needs before its reading is acted on."""
    if intent == DANGER_INTENT:
        if reading == DEFUSED:
            return math.inf     # "not in danger", "two years ago": only the net may say danger
        return 0.0 if reading else DANGER_CONFIRM
    if intent in COMMANDS:      # a danger message must not also restart or step back ("daren't go back")
        return 1.0 if reading in (SITUATION, EVENT) else COMMAND_CONFIRM
    return 0.0
