"""Language understanding: what a typed message says, without keeping the message.

One module per job, so a newcomer finds each by name:

    normalise.py   lower case, punctuation, contractions and abbreviations ("he's" -> "he is")
    training.py    the training examples in data/nlu/ (Rasa 3 format; the same files Rasa trains on)
    classifier.py  the embedded intent classifier (nearest examples vote)
    danger.py      the immediate-danger safety net; its phrases live in data/safety/danger.yml
    reading.py     the reading rules both backends share: ranking + danger net + roles -> `Parse`
    roles.py       who harms whom (agent, victim) and so the concern: `read_roles(text) -> Roles`
    bayes.py       naive Bayes over words and word pairs: the learned models' one method
    direction.py   which way round harm goes, learned, where the role rules read no harm
    danger_model.py  danger now, learned: adds an alarm the net missed, never takes one away
    learned.py     `make learned-models`: rebuilds both from the dev halves and data/nlu
    people.py      who is who in a clause: relationships, the patient, which person a pronoun is
    staff.py       whether the message is about a member of staff (a colleague, or the one typing)
    numbers.py     counts ("three times") and area names ("nortdale")

    >>> nlu = EmbeddedNLU()
    >>> nlu.parse("yep").as_json()
    {'intent': 'affirm', 'confidence': 1.0, 'danger': False}
"""
from __future__ import annotations

from .classifier import EmbeddedNLU
from .danger import DangerTableError, is_danger, load_danger_net
from .normalise import normalise
from .numbers import MAX_CHARS, match_area, parse_number
from .reading import (
    COMMAND_CONFIRM,
    COMMANDS,
    DANGER_CONFIRM,
    DANGER_INTENT,
    OUT_OF_SCOPE,
    SITUATION_MARGIN,
    THRESHOLD,
    Parse,
    decide,
    guess_concern,
)
from .roles import Roles, read_roles
from .training import default_nlu_dir, load_examples

__all__ = [
    "COMMAND_CONFIRM", "COMMANDS", "DANGER_CONFIRM", "DANGER_INTENT", "MAX_CHARS", "OUT_OF_SCOPE",
    "SITUATION_MARGIN", "THRESHOLD", "DangerTableError", "EmbeddedNLU", "Parse", "decide", "guess_concern",
    "default_nlu_dir", "is_danger", "load_danger_net", "load_examples", "match_area", "normalise",
    "parse_number", "read_roles", "Roles",
]
