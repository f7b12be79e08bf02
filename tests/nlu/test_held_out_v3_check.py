"""Floors on the held-out check set after the v3 fixes (tests/nlu/held_out_v3_check.yml, never used for
training; written after the v3 fixes and before running anything on it, to see whether they
generalise; then fixed by concept where it failed: a regression floor now, see docs/nlu.md).

Prints no example text in its messages beyond the failing lines' count and the lines themselves
(synthetic). See docs/nlu.md for how these figures were reached."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot import privacy
from bot.nlu import EmbeddedNLU, read_roles

HELD_OUT = yaml.safe_load((Path(__file__).with_name("held_out_v3_check.yml")).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def nlu() -> EmbeddedNLU:
    return EmbeddedNLU()


def test_danger_now_always_raises_the_alarm(nlu):
    missed = [t for t in HELD_OUT["danger_now"] if not nlu.parse(t).danger]
    assert not missed


def test_false_alarms_on_past_harm_and_plain_facts_are_two_percent_or_fewer(nlu):
    alarms = [t for t in HELD_OUT["not_danger"] if nlu.parse(t).danger]
    assert len(alarms) <= 0.02 * len(HELD_OUT["not_danger"]), alarms


def test_role_reading_is_right_at_least_95_percent_of_the_time():
    cases = [(None if c == "none" else c, t) for c, texts in HELD_OUT["roles"].items() for t in texts]
    wrong = [(c, t) for c, t in cases if read_roles(t).concern != c]
    assert len(wrong) <= 0.05 * len(cases), wrong


def test_every_held_out_identifier_is_refused_and_few_clean_messages_are():
    missed = [t for t in HELD_OUT["identifiers"] if not privacy.check(t).blocked]
    refused = [t for t in HELD_OUT["clean"] if privacy.check(t).blocked]
    assert not missed
    assert len(refused) <= 0.05 * len(HELD_OUT["clean"]), refused
