"""Which way round the harm in a message goes, learned: naive Bayes over words and word pairs, trained
on the role lines of the dev halves of the blind held-out splits (tests/nlu/held_out_v*.yml whose name
does not say "final"; the finals are never learned from, so they stay an honest measure).

It fills one gap the role rules (bot.nlu.roles) leave: a message they read no harm in, but which the
classifier heard as a disclosure. It is a guess, never a confident reading: it only chooses between
the two disclosures ("experiencing" or "causing"), and the concern it leads to is confirmed with one
tap. Classifiers trained on the intents learn pronouns and gender; this one learns from lines written
in both directions for every gender and relationship.

The weights are built, not written: ``make direction-model`` rebuilds
data/roles/direction_model.json from the dev halves, and a test checks the shipped file is that build.
Nothing here keeps or logs text.
"""
from __future__ import annotations

import json
import math
from collections import Counter
from functools import lru_cache
from pathlib import Path

import yaml

from .normalise import normalise

MODEL_FILE = Path(__file__).resolve().parents[2] / "data" / "roles" / "direction_model.json"
SPLITS_DIR = Path(__file__).resolve().parents[2] / "tests" / "nlu"
_SMOOTHING = 0.5      # added to every count, so a word seen once in one direction is not decisive
_MIN_SEEN = 2         # words and pairs seen fewer times are left out of the shipped model
_WORDS = 200          # words of a message read (a long message's opening holds its point)


def features(norm: str) -> set[str]:
    """The words of a normalised message, each pair of neighbours, and each pair one word apart."""
    w = norm.split()[:_WORDS]
    return set(w) | {f"{a}_{b}" for a, b in zip(w, w[1:])} | {f"{a}__{c}" for a, c in zip(w, w[2:])}


@lru_cache(maxsize=1)
def _model() -> dict:
    return json.loads(MODEL_FILE.read_text(encoding="utf-8"))


def direction(norm: str) -> str:
    """"causing" or "experiencing": which way round the harm in a normalised message goes, by its words."""
    model = _model()
    log_odds = model["prior"] + sum(model["weights"].get(f, 0.0) for f in features(norm))
    return "causing" if log_odds > 0 else "experiencing"


# --- building the model ---------------------------------------------------------------------------

def dev_halves(directory: Path = SPLITS_DIR) -> list[Path]:
    """The held-out splits the model may learn from: every one whose name does not say "final"."""
    return [p for p in sorted(directory.glob("held_out_v*.yml")) if "final" not in p.name]


def build(files: list[Path]) -> dict:
    """The model learned from the role lines of these splits (staff lines count by direction)."""
    counts = {True: Counter(), False: Counter()}
    lines = {True: 0, False: 0}
    for path in files:
        split = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for concern, texts in (split.get("roles") or {}).items():
            if concern != "none":
                causing = concern.endswith("causing")
                lines[causing] += len(texts)
                for text in texts:
                    counts[causing].update(features(normalise(text)))
    vocabulary = counts[True].keys() | counts[False].keys()
    totals = {y: sum(counts[y].values()) + _SMOOTHING * len(vocabulary) for y in (True, False)}
    weights = {f: round(math.log((counts[True][f] + _SMOOTHING) / totals[True])
                        - math.log((counts[False][f] + _SMOOTHING) / totals[False]), 3)
               for f in sorted(vocabulary) if counts[True][f] + counts[False][f] >= _MIN_SEEN}
    return {"built_from": [p.name for p in files], "prior": round(math.log(lines[True] / lines[False]), 3),
            "weights": weights}


def main() -> None:
    files = dev_halves()
    model = build(files)
    MODEL_FILE.write_text(json.dumps(model, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"built {MODEL_FILE.name} from the role lines of {len(files)} dev halves: {len(model['weights'])} features")


if __name__ == "__main__":
    main()
