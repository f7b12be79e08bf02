"""Score the embedded NLU on the held-out examples that training never sees.

Run: ``python -m bot.nlu_eval [TEST_FILE]`` (default ``tests/nlu/test_data.yml``). Prints accuracy,
per-intent precision / recall / F1 and danger recall (share of held-out ``immediate_danger`` examples
whose parse sets the danger flag). Prints counts only, never example text.
"""
from __future__ import annotations

import sys
import tempfile
from collections import Counter
from pathlib import Path

from bot.nlu import DANGER_INTENT, EmbeddedNLU, load_examples

DEFAULT_TEST_FILE = Path(__file__).resolve().parents[1] / "tests" / "nlu" / "test_data.yml"


def load_test_file(test_file: Path) -> dict[str, list[str]]:
    """Intent -> examples from one Rasa NLU file (load_examples reads a directory)."""
    test_file = Path(test_file)
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / test_file.name).write_text(test_file.read_text(encoding="utf-8"), encoding="utf-8")
        return load_examples(Path(tmp))


def evaluate(nlu: EmbeddedNLU, test_file: Path = DEFAULT_TEST_FILE) -> dict:
    """Accuracy, per-intent precision/recall/F1/support and danger recall on a held-out file."""
    cases = [(intent, text) for intent, texts in load_test_file(test_file).items() for text in texts]
    true_pos: Counter[str] = Counter()
    predicted: Counter[str] = Counter()
    support: Counter[str] = Counter()
    danger_hits = danger_total = 0
    for expected, text in cases:
        parse = nlu.parse(text)
        support[expected] += 1
        predicted[parse.intent] += 1
        true_pos[expected] += parse.intent == expected
        if expected == DANGER_INTENT:
            danger_total += 1
            danger_hits += parse.danger
    per_intent = {}
    for intent in sorted(set(support) | set(predicted)):
        p = true_pos[intent] / predicted[intent] if predicted[intent] else 0.0
        r = true_pos[intent] / support[intent] if support[intent] else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        per_intent[intent] = {"precision": p, "recall": r, "f1": f1, "support": support[intent]}
    return {
        "examples": len(cases),
        "accuracy": sum(true_pos.values()) / len(cases) if cases else 0.0,
        "per_intent": per_intent,
        "danger_recall": danger_hits / danger_total if danger_total else 1.0,
    }


def main(argv: list[str] | None = None) -> int:
    """Print the evaluation as a plain-text table."""
    args = sys.argv[1:] if argv is None else argv
    result = evaluate(EmbeddedNLU(), Path(args[0]) if args else DEFAULT_TEST_FILE)
    print(f"{'intent':<28}{'precision':>10}{'recall':>8}{'f1':>8}{'support':>9}")
    for intent, m in result["per_intent"].items():
        print(f"{intent:<28}{m['precision']:>10.2f}{m['recall']:>8.2f}{m['f1']:>8.2f}{m['support']:>9}")
    print(f"\naccuracy {result['accuracy']:.3f} on {result['examples']} held-out examples")
    print(f"danger recall {result['danger_recall']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
