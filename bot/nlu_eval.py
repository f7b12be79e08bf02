"""Score the embedded NLU, and Rasa when it is running, on the held-out examples training never sees.

Run: ``python -m bot.nlu_eval [TEST_FILE]`` (default ``tests/nlu/test_data.yml``). Prints, side by side
for the embedded backend and Rasa:
1. on TEST_FILE: per-intent F1, accuracy and danger recall (share of held-out ``immediate_danger``
   examples whose parse sets the danger flag);
2. on each held-out split (tests/nlu/held_out_v*.yml), separately: intent accuracy (when the split
   has intents), role/concern accuracy (the concern the conversation would choose from the typed
   message: `bot.interpret.interpret` on the national pathway's concern question, so a confident
   role reading or else the disclosure intent), danger recall on danger-now messages and the
   false-alarm rate on past harm, general fear and plain facts; role reading alone (`read_roles`,
   the same for both backends), identifier recall and the false-refusal rate of the privacy guard
   (the guard runs before either backend, so these two are the same for both).
Prints scores and counts only, never example text.

``python -m bot.nlu_eval --failing held_out_v4.yml`` prints the failing lines of one DEV split
(embedded backend), to fix rules by concept. It refuses any split whose name says ``final``: a final
split is measured, never read (counts only).

Rasa is read through the running server's /model/parse (``make rasa-up``; ``PATHBOT_RASA_URL``) by
`RasaBackend.parse`, under the same rules as the product: the privacy guard first (refused text is
read by the embedded NLU and never sent), then Rasa's intent, with the danger net run on every
message, so Rasa's danger flag is the net OR intent ``immediate_danger``. When Rasa is not running
it says so and scores the embedded backend only.
"""
from __future__ import annotations

import os
import sys
import tempfile
from collections import Counter
from pathlib import Path

import yaml

from bot import privacy
from bot.nlu import DANGER_INTENT, EmbeddedNLU, load_examples, read_roles

DEFAULT_TEST_FILE = Path(__file__).resolve().parents[1] / "tests" / "nlu" / "test_data.yml"
HELD_OUT_DIR = DEFAULT_TEST_FILE.parent


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


def held_out_files() -> list[Path]:
    """The held-out splits with roles, danger-now and not-danger sections, oldest first."""
    return sorted(HELD_OUT_DIR.glob("held_out_v*.yml"))


def concern_question():
    """The national pathway's concern question (what a typed disclosure is matched against)."""
    from bot.pathways import load_pathways

    return next(s for s in load_pathways().pathways["national"].steps if s.asks == "concern")


def split_scores(nlu, split: dict, question) -> dict:
    """Intent accuracy, role/concern accuracy, danger recall and false-alarm rate on one split."""
    from bot.interpret import interpret

    def ratio(hits: int, total: int) -> tuple[float, int]:
        return (hits / total if total else 1.0), total

    out: dict[str, tuple[float, int]] = {}
    intents = [(i, t) for i, texts in (split.get("intents") or {}).items() for t in texts]
    if intents:
        out["intent accuracy"] = ratio(sum(nlu.parse(t).intent == i for i, t in intents), len(intents))
    roles = [(None if c == "none" else c, t) for c, texts in (split.get("roles") or {}).items() for t in texts]
    if roles:
        out["role/concern accuracy"] = ratio(
            sum(interpret(t, nlu.parse(t), question) == c for c, t in roles), len(roles))
    if roles:
        out["role reading"] = ratio(sum(read_roles(t).concern == c for c, t in roles), len(roles))
    now, not_now = split.get("danger_now") or [], split.get("not_danger") or []
    if now:
        out["danger-now recall"] = ratio(sum(nlu.parse(t).danger for t in now), len(now))
    if not_now:
        out["false-alarm rate"] = ratio(sum(nlu.parse(t).danger for t in not_now), len(not_now))
    identifiers, clean = split.get("identifiers") or [], split.get("clean") or []
    if identifiers:
        out["identifier recall"] = ratio(sum(privacy.check(t).blocked for t in identifiers), len(identifiers))
    if clean:
        out["false-refusal rate"] = ratio(sum(privacy.check(t).blocked for t in clean), len(clean))
    return out


def failing_lines(nlu, split: dict, question) -> dict[str, list]:
    """The lines of one dev split each measure gets wrong (for fixing rules by concept)."""
    from bot.interpret import interpret

    intents = [(i, t) for i, texts in (split.get("intents") or {}).items() for t in texts]
    roles = [(None if c == "none" else c, t) for c, texts in (split.get("roles") or {}).items() for t in texts]
    return {
        "intent": [(i, nlu.parse(t).intent, t) for i, t in intents if nlu.parse(t).intent != i],
        "role/concern": [(c, interpret(t, nlu.parse(t), question), t) for c, t in roles
                         if interpret(t, nlu.parse(t), question) != c],
        "role reading": [(c, read_roles(t).concern, t) for c, t in roles if read_roles(t).concern != c],
        "danger-now missed": [t for t in split.get("danger_now") or [] if not nlu.parse(t).danger],
        "false alarm": [t for t in split.get("not_danger") or [] if nlu.parse(t).danger],
        "identifier missed": [t for t in split.get("identifiers") or [] if not privacy.check(t).blocked],
        "false refusal": [t for t in split.get("clean") or [] if privacy.check(t).blocked],
    }


def held_out_results(nlu, files: list[Path] | None = None) -> dict[str, dict]:
    """split_scores for every held-out split, by file name."""
    question = concern_question()
    return {f.name: split_scores(nlu, yaml.safe_load(f.read_text(encoding="utf-8")), question)
            for f in (held_out_files() if files is None else files)}


def held_out_table(results: dict[str, dict[str, dict]]) -> list[str]:
    """One block per split: each measure, its count, and each backend's figure."""
    names = list(results)
    lines = [f"{'':<28}{'n':>8}" + "".join(f"{n:>20}" for n in names)]
    for split, scores in results[names[0]].items():
        lines.append(split)
        for measure, (_, total) in scores.items():
            lines.append(f"  {measure:<26}{total:>8}" + "".join(
                f"{_count(*results[n][split][measure]):>20}" for n in names))
    return lines


def _count(rate: float, total: int) -> str:
    """'0.966 (28/29)': the rate and the count it comes from."""
    return f"{rate:.3f} ({round(rate * total)}/{total})"


def rasa_backend(url: str):
    """A RasaBackend on `url` if it answers, else None and why not."""
    from bot.rasa_backend import RasaBackend, RasaUnavailable

    rasa = RasaBackend(url, timeout=30.0, retry_after=0.0)
    try:
        rasa._post("/model/parse", {"text": "hello"})        # is it up (and warm)?
    except RasaUnavailable:
        return None, f"Rasa is not running at {url} (make rasa-up): embedded only"
    return rasa, f"Rasa: the model served at {url}"


def rasa_result(test_file: Path, url: str) -> tuple[dict | None, str]:
    """Rasa's scores through the server at `url`, or None and why not."""
    from bot.rasa_backend import RasaUnavailable

    rasa, note = rasa_backend(url)
    if rasa is None:
        return None, note
    try:
        return evaluate(rasa, test_file), note
    except RasaUnavailable:
        return None, f"Rasa stopped answering at {url} during the evaluation: embedded only"


def table(results: dict[str, dict]) -> list[str]:
    """Per-intent F1 for each backend, then accuracy and danger recall."""
    names = list(results)
    first = results[names[0]]
    intents = sorted(set().union(*(r["per_intent"] for r in results.values())))
    lines = [f"{'':<28}{'support':>8}" + "".join(f"{n + ' F1':>14}" for n in names)]
    for intent in intents:
        support = first["per_intent"].get(intent, {}).get("support", 0)
        lines.append(f"{intent:<28}{support:>8}" + "".join(
            f"{r['per_intent'].get(intent, {}).get('f1', 0.0):>14.3f}" for r in results.values()))
    lines.append("")
    lines.append(f"{'accuracy':<28}{first['examples']:>8}" + "".join(f"{r['accuracy']:>14.3f}" for r in results.values()))
    lines.append(f"{'danger recall':<28}{first['per_intent'].get(DANGER_INTENT, {}).get('support', 0):>8}"
                 + "".join(f"{r['danger_recall']:>14.3f}" for r in results.values()))
    return lines


def main(argv: list[str] | None = None) -> int:
    """Print the evaluation as a plain-text table: embedded, and Rasa when it is running."""
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["--failing"]:
        return show_failing(args[1:])
    if args and args[0] not in ("-h", "--help") and not Path(args[0]).is_file():
        print(f"No such test file: {args[0]}")
        return 2
    if len(args) > 1 or args[:1] in (["-h"], ["--help"]):
        print("usage: python -m bot.nlu_eval [TEST_FILE.yml]   (default tests/nlu/test_data.yml)\n"
              "       python -m bot.nlu_eval --failing held_out_vN.yml")
        return 0 if args[:1] in (["-h"], ["--help"]) else 2
    test_file = Path(args[0]) if args else DEFAULT_TEST_FILE
    from bot.rasa_backend import DEFAULT_URL

    from bot.rasa_backend import RasaUnavailable

    embedded = EmbeddedNLU()
    results = {"embedded": evaluate(embedded, test_file)}
    held = {"embedded": held_out_results(embedded)}
    url = os.environ.get("PATHBOT_RASA_URL", DEFAULT_URL)
    rasa, note = rasa_backend(url)
    if rasa is not None:
        try:
            results["rasa"], held["rasa"] = evaluate(rasa, test_file), held_out_results(rasa)
        except RasaUnavailable:
            results.pop("rasa", None)
            note = f"Rasa stopped answering at {url} during the evaluation: embedded only"
    print(f"Held-out split: {test_file.name}, {results['embedded']['examples']} examples. {note}.")
    print("\n".join(table(results)))
    print()
    print("Held-out splits (tests/nlu/held_out_v*.yml): intents, who harms whom, danger now versus not")
    print("\n".join(held_out_table(held)))
    return 0


def show_failing(args: list[str]) -> int:
    """Print the failing lines of one dev split (embedded backend); never a final split's."""
    if len(args) != 1:
        print("usage: python -m bot.nlu_eval --failing held_out_vN.yml")
        return 2
    path = Path(args[0]) if Path(args[0]).exists() else HELD_OUT_DIR / args[0]
    if not path.is_file():
        print(f"No such split: {args[0]} (the splits are tests/nlu/held_out_v*.yml)")
        return 2
    if "final" in path.name:
        print(f"{path.name} is a final split: measured (counts only), never read. Use its dev split.")
        return 2
    split = yaml.safe_load(path.read_text(encoding="utf-8"))
    for measure, lines in failing_lines(EmbeddedNLU(), split, concern_question()).items():
        print(f"{measure}: {len(lines)}")
        for line in lines:
            print(f"  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
