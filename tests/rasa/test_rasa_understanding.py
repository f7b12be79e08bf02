"""Rasa's understanding on the blind held-out split v3 (the smaller check `make test` runs; the full
per-split report for both backends is `make nlu-eval`): who harms whom, danger now versus not, and
intents, through the product's reading (`RasaBackend.parse`: privacy guard, Rasa's ranking, the
shared reading rules and danger net). Marked `rasa`: skipped unless the servers are up, a failure
under `make rasa-test` (PATHBOT_RASA_REQUIRED=1)."""
import os
from pathlib import Path

import pytest
import yaml

from bot.nlu_eval import concern_question, split_scores
from bot.rasa_backend import DEFAULT_URL, RasaBackend, RasaUnavailable

pytestmark = pytest.mark.rasa

SPLIT = yaml.safe_load((Path(__file__).resolve().parents[1] / "nlu" / "held_out_v3.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def scores():
    rasa = RasaBackend(os.environ.get("PATHBOT_RASA_URL", DEFAULT_URL), timeout=30.0, retry_after=0.0)
    try:
        rasa.parse("hello")
    except RasaUnavailable:
        message = "the Rasa server is not running on 127.0.0.1 (make rasa-up)"
        if os.environ.get("PATHBOT_RASA_REQUIRED"):
            pytest.fail(message)
        pytest.skip(message)
    return split_scores(rasa, SPLIT, concern_question())


def test_rasa_never_misses_danger_now_and_rarely_raises_a_false_alarm(scores):
    assert scores["danger-now recall"][0] == 1.0
    assert scores["false-alarm rate"][0] <= 0.02


def test_rasa_reads_who_harms_whom_and_the_intent_as_well_as_the_targets_ask(scores):
    assert scores["role/concern accuracy"][0] >= 0.95
    assert scores["intent accuracy"][0] >= 0.95
