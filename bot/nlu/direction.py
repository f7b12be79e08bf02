"""Which way round the harm in a message goes, learned (bot.nlu.bayes): trained on the role lines of
the dev halves of the blind held-out splits (tests/nlu/held_out_v*.yml whose name does not say
"final"; the finals are never learned from, so they stay an honest measure).

It fills one gap the role rules (bot.nlu.roles) leave: a message they read no harm in, but which the
classifier heard as a disclosure. It is a guess, never a confident reading: it only chooses between
the two disclosures ("experiencing" or "causing"), and the concern it leads to is confirmed with one
tap. Classifiers trained on the intents learn pronouns and gender; this one learns from lines written
in both directions for every gender and relationship (hazard H42).

``make learned-models`` rebuilds data/roles/direction_model.json; a test checks the shipped file is
that build. Nothing here keeps or logs text.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from . import bayes
from .normalise import normalise

MODEL_FILE = Path(__file__).resolve().parents[2] / "data" / "roles" / "direction_model.json"
# The model says which way round only at log-odds of 3 or more (about 20 to 1). Chosen on tests/nlu/
# test_data.yml, which no model learns from: the lowest bar at which its intent accuracy is no lower than
# without the model (586 of 608; with no bar, short generic lines such as "victim of domestic violence"
# were turned into perpetrating: 583). It cost 2 role lines on the finals (1,981 -> 1,979).
SURE = 3.0


def direction(norm: str) -> str | None:
    """"causing" or "experiencing": which way round the harm in a normalised message goes, by its
    words; None when the words say too little (see SURE)."""
    log_odds = bayes.log_odds(bayes.load(MODEL_FILE), norm)
    return None if abs(log_odds) < SURE else "causing" if log_odds > 0 else "experiencing"


def build(files: list[Path]) -> dict:
    """The model learned from the role lines of these splits (staff lines count by direction)."""
    causing, experiencing = [], []
    for path in files:
        split = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for concern, texts in (split.get("roles") or {}).items():
            if concern != "none":
                (causing if concern.endswith("causing") else experiencing).extend(map(normalise, texts))
    return bayes.train(causing, experiencing, [p.name for p in files])
