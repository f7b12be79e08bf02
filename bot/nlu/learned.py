"""``make learned-models``: rebuild the learned models (bot.nlu.direction, bot.nlu.danger_model) from
the dev halves of the blind held-out splits and data/nlu, after adding a split or changing the intents."""
from __future__ import annotations

from . import bayes, danger_model, direction


def main() -> None:
    files = bayes.dev_halves()
    for module in (direction, danger_model):
        model = module.build(files)
        bayes.save(model, module.MODEL_FILE)
        print(f"built {module.MODEL_FILE.name} from {len(files)} dev halves: {len(model['weights'])} features")


if __name__ == "__main__":
    main()
