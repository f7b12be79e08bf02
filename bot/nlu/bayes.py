"""Naive Bayes over words and word pairs: the learned models' one method (bot.nlu.direction,
bot.nlu.danger_model). A model is plain data, built from labelled lines and shipped as JSON, so a test
can check that the shipped file is exactly what its lines give. Nothing here keeps or logs text."""
from __future__ import annotations

import json
import math
from collections import Counter
from functools import lru_cache
from pathlib import Path

SPLITS_DIR = Path(__file__).resolve().parents[2] / "tests" / "nlu"
_SMOOTHING = 0.5      # added to every count, so a word seen once on one side is not decisive
_MIN_SEEN = 2         # words and pairs seen fewer times are left out of the shipped model
_WORDS = 200          # words of a message read (a long message's opening holds its point)


def features(norm: str) -> set[str]:
    """The words of a normalised message, each pair of neighbours, and each pair one word apart."""
    w = norm.split()[:_WORDS]
    return set(w) | {f"{a}_{b}" for a, b in zip(w, w[1:])} | {f"{a}__{c}" for a, c in zip(w, w[2:])}


def train(yes: list[str], no: list[str], built_from: list[str]) -> dict:
    """A model from normalised lines on each side: a weight (log-odds) per feature and a prior."""
    counts = {True: Counter(), False: Counter()}
    for label, lines in ((True, yes), (False, no)):
        for norm in lines:
            counts[label].update(features(norm))
    vocabulary = counts[True].keys() | counts[False].keys()
    totals = {y: sum(counts[y].values()) + _SMOOTHING * len(vocabulary) for y in (True, False)}
    weights = {f: round(math.log((counts[True][f] + _SMOOTHING) / totals[True])
                        - math.log((counts[False][f] + _SMOOTHING) / totals[False]), 3)
               for f in sorted(vocabulary) if counts[True][f] + counts[False][f] >= _MIN_SEEN}
    return {"built_from": built_from, "prior": round(math.log(len(yes) / len(no)), 3), "weights": weights}


def log_odds(model: dict, norm: str) -> float:
    """How much likelier the "yes" side is than the "no" side for a normalised message (log-odds)."""
    weights = model["weights"]
    return model["prior"] + sum(weights.get(f, 0.0) for f in features(norm))


@lru_cache(maxsize=None)
def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def save(model: dict, path: Path) -> None:
    path.write_text(json.dumps(model, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")


def dev_halves(directory: Path = SPLITS_DIR) -> list[Path]:
    """The held-out splits a model may learn from: every one whose name does not say "final"."""
    return [p for p in sorted(directory.glob("held_out_v*.yml")) if "final" not in p.name]
