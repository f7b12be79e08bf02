"""Floors on the held-out split v4 (issue #10), written blind by wt-blind before reading any rule:
- tests/nlu/held_out_v4.yml, the DEV split: its failing lines were read and the rules fixed by
  concept (never by copying a line); the floors are the figures reached on it.
- tests/nlu/held_out_v4_final.yml, the FINAL split: never read, measured at the start and at the
  end only; the floors are what it measured at the end (honest: some are below the issue's
  targets, see docs/nlu.md). Its assertions print counts only, never its lines.

Counts are (hits, total) through `bot.nlu_eval.split_scores` on the embedded backend, the same
figures `make nlu-eval` prints; `python -m bot.nlu_eval --failing held_out_v4.yml` lists dev failures.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.nlu import EmbeddedNLU
from bot.nlu_eval import concern_question, main, split_scores

HERE = Path(__file__).parent

# measure -> the fewest right (for rates where more is better) or the most wrong (false alarms and
# false refusals), as counts on each split.
DEV_FLOORS = {
    "intent accuracy": 43,          # of 44 (41 at the first pass)
    "role/concern accuracy": 58,    # of 60 (47)
    "role reading": 59,             # of 60 (41)
    "danger-now recall": 50,        # of 50: never lower
    "identifier recall": 50,        # of 50 (48)
}
DEV_CEILINGS = {"false-alarm rate": 0, "false-refusal rate": 0}     # of 91 (23 at the first pass) and 84

FINAL_FLOORS = {
    "intent accuracy": 44,          # of 44
    "role/concern accuracy": 47,    # of 60 (45 at the first pass)
    "role reading": 46,             # of 60 (41)
    "danger-now recall": 49,        # of 50 (one missed at the first pass, still missed)
    "identifier recall": 46,        # of 50 (45)
}
FINAL_CEILINGS = {"false-alarm rate": 11, "false-refusal rate": 0}   # of 91 (22 at the first pass) and 84


def _counts(name: str) -> dict[str, tuple[int, int]]:
    split = yaml.safe_load((HERE / name).read_text(encoding="utf-8"))
    scores = split_scores(EmbeddedNLU(), split, concern_question())
    return {m: (round(rate * total), total) for m, (rate, total) in scores.items()}


@pytest.fixture(scope="module")
def dev() -> dict[str, tuple[int, int]]:
    return _counts("held_out_v4.yml")


@pytest.fixture(scope="module")
def final() -> dict[str, tuple[int, int]]:
    return _counts("held_out_v4_final.yml")


def test_dev_split_never_misses_danger_now(dev):
    hits, total = dev["danger-now recall"]
    assert hits == total


@pytest.mark.parametrize("measure", sorted(DEV_FLOORS))
def test_dev_split_stays_at_or_above_its_floor(dev, measure):
    assert dev[measure][0] >= DEV_FLOORS[measure], dev[measure]


@pytest.mark.parametrize("measure", sorted(DEV_CEILINGS))
def test_dev_split_errors_stay_at_or_below_their_ceiling(dev, measure):
    assert dev[measure][0] <= DEV_CEILINGS[measure], dev[measure]


@pytest.mark.parametrize("measure", sorted(FINAL_FLOORS))
def test_final_split_stays_at_or_above_its_floor(final, measure):
    assert final[measure][0] >= FINAL_FLOORS[measure], f"{measure}: {final[measure][0]}/{final[measure][1]}"


@pytest.mark.parametrize("measure", sorted(FINAL_CEILINGS))
def test_final_split_errors_stay_at_or_below_their_ceiling(final, measure):
    assert final[measure][0] <= FINAL_CEILINGS[measure], f"{measure}: {final[measure][0]}/{final[measure][1]}"


def _lines(doc: dict) -> list[str]:
    return [t for section in doc.values()
            for texts in (section.values() if isinstance(section, dict) else [section]) for t in texts]


def test_the_evaluation_shows_dev_failures_but_never_a_final_splits_lines(capsys):
    final_lines = _lines(yaml.safe_load((HERE / "held_out_v4_final.yml").read_text(encoding="utf-8")))
    assert main(["--failing", "held_out_v4_final.yml"]) == 2
    assert "final split" in capsys.readouterr().out
    assert main(["--failing", "held_out_v4.yml"]) == 0
    out = capsys.readouterr().out
    assert "danger-now missed:" in out and "false alarm:" in out
    assert not [t for t in final_lines if len(t) > 12 and t in out]
