"""`make bench`: speed and memory figures, printed as JSON. A benchmark, not a test.

- turn latency p50/p99 over simulated sessions (privacy guard + NLU + engine for typed
  turns, engine alone for button presses), target p99 < 1 ms;
- the store and Telegram (bot/reliability_bench.py): turns per second through the store (SQLite
  and Redis) with 10,000 sessions stored, and p99 turn time; the bytes one stored session takes
  (target < 2 KB); restart of `pathbot telegram` to its first reply; turns per second through the
  real Telegram Application against a fake Bot API on 127.0.0.1, target 150;
- cold start of `pathbot chat` to its first prompt, target < 0.5 s;
- Teams (bot/channels/teams/bench.py): turns per second and p99 reply time through the real Agents
  SDK against a fake Bot Connector on 127.0.0.1, target p99 < 50 ms at 50 turns/s on one core;
- validating and loading 350 area files (copies of Exampleshire), target < 1 s. Memory grows
  with the number of areas (one Pathway each, sharing the national steps), never with the
  number of conversations times areas: conversations hold only a small state;
- the length of the conversation (`--pathway-only` prints just these): screens (bot turns that
  waited for an answer; a grouped or tick-all-that-apply question is one) for a full high-risk
  case, target <= 20, and for the short-of-time path (checklist stopped at once), target <= 10;
  and the lines in the first view of a high-risk referral list, target <= 25;
- the privacy guard (`--privacy-only` prints just these): typical time per typed message (median
  and p99 over the held-out and training messages, clean and with identifiers), target ~30 us, and
  the worst case over hostile inputs up to the 4,000-character limit (long runs of digits, cue
  words, role words, handles, capitals, unicode), which must stay bounded (target < 20 ms).
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import scenarios
from .channels.terminal import render
from .messages import Message
from .turn import EmbeddedBackend

TYPED = {"yes": ["yes", "yeah", "y", "she said yes", "yep he does"], "no": ["no", "nope", "n", "not really", "no she isn't"],
         "dont_know": ["don't know", "not sure", "dunno"], "unsure": ["not sure"]}
CONTINUE = {"alone": "yes", "family_interpreter": "no", "safe_to_talk": "yes", "disclosure": "yes"}
COUNT = ["0", "1", "two", "3 times", "five", "don't know"]


def simulate(backend: EmbeddedBackend, rng: random.Random, area: str, timings: list[float]) -> dict:
    """One conversation to the end with random answers, half typed and half pressed."""
    state, said = backend.start(area)
    for _ in range(200):
        if "done" in state["flags"]:
            break
        q = next(m for m in reversed(said) if m.asks)
        answers = [b.payload for b in q.buttons if not b.payload.startswith("/")]
        if not answers:                  # only navigation left (e.g. "More services" on the referral list)
            break
        payload = rng.choice(answers)
        if q.asks == "concern":
            payload = rng.choice(["experiencing"] * 4 + ["causing", "staff_experiencing", "staff_causing"])
        elif q.asks in CONTINUE and rng.random() < 0.9:   # most conversations get past safe enquiry
            payload = CONTINUE[q.asks]
        started = time.perf_counter()
        if rng.random() < 0.5 and (payload in TYPED or q.asks == "police_callouts_12m"):
            text = rng.choice(COUNT) if q.asks == "police_callouts_12m" else rng.choice(TYPED[payload])
            state, said = backend.send(state, text)
        else:
            state, said = backend.press(state, payload)
        timings.append(time.perf_counter() - started)
    return state


# A full high-risk case: a woman seen alone in Exampleshire, children at home, 16 of 24 themes yes.
HIGH_RISK_CASE = {
    "name": "bench: full high-risk case", "area": "exampleshire",
    "facts": {"concern": "experiencing", "alone": "yes", "family_interpreter": "no", "safe_to_talk": "yes",
              "disclosure": "yes", "immediate_danger": "no", "children": "yes", "pregnant": "no",
              **{q: "yes" for q in ("injury", "frightened", "fears", "isolation", "depression", "separation",
                                    "stalking", "more_often", "getting_worse", "controlling", "weapons",
                                    "threats_to_kill", "strangulation", "financial", "abuser_substance_mh",
                                    "criminal_history")},
              "professional_concern": "yes", "police_callouts_12m": 2, "previous_marac_12m": "no",
              "mental_health": "yes", "consent": "yes"},
    "expect": {"risk": "high", "marac": True},
}
SHORT_OF_TIME_CASE = {**HIGH_RISK_CASE, "name": "bench: short of time (checklist stopped at once)",
                      "short_of_time": True, "expect": {"marac": True}}


def pathway_figures(backend: EmbeddedBackend) -> dict:
    """Screens for a full case and for the short-of-time path, and the first view of its referral list."""
    full = scenarios.play(HIGH_RISK_CASE, backend)
    short = scenarios.play(SHORT_OF_TIME_CASE, backend)
    heading = backend.library.get("national").messages["referrals_heading"].split("(")[0]
    referral = next((t for t in full.transcript if heading in t), "")
    text = referral.split("] ", 1)[-1]
    return {
        "screens_full_high_risk": {"value": full.outcome["screens"], "target": 20, "passed": full.passed,
                                   "failures": full.failures},
        "screens_short_of_time": {"value": short.outcome["screens"], "target": 10, "passed": short.passed,
                                  "failures": short.failures},
        "referral_list_first_view_lines": {"value": len(text.split("\n")), "target": 25,
                                           "terminal_lines_78_columns": len(render(Message(text)).split("\n"))},
    }


def cold_start() -> float:
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "bot.cli", "chat", "--area", "exampleshire"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    seen = ""
    while "you> " not in seen:
        ch = proc.stdout.read(1)
        if not ch:
            break
        seen += ch
    elapsed = time.perf_counter() - started
    proc.communicate("quit\n", timeout=10)
    return elapsed


def load_many_areas(n: int = 350, repeats: int = 3) -> dict:
    """Validate and load `n` area files (Exampleshire under different area ids) plus national,
    from a temporary folder; the best of `repeats` runs."""
    from .pathways import default_pathway_dir, load_pathways
    shipped = default_pathway_dir()
    text = (shipped / "exampleshire.yml").read_text(encoding="utf-8")
    assert "\narea: exampleshire\n" in text
    folder = Path(tempfile.mkdtemp(prefix="pathbot-bench-"))
    try:
        shutil.copy(shipped / "national.yml", folder / "national.yml")
        for i in range(n):
            area = f"area{i:04d}"
            (folder / f"{area}.yml").write_text(text.replace("\narea: exampleshire\n", f"\narea: {area}\n")
                                                .replace("\ntitle: Exampleshire", f"\ntitle: {area} Exampleshire"),
                                                encoding="utf-8")       # each area has a title of its own
        times = []
        for _ in range(repeats):
            started = time.perf_counter()
            library = load_pathways(folder)
            times.append(time.perf_counter() - started)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return {"seconds": min(times), "areas_loaded": len(library.areas()),
            "pathways_in_memory": len(library.pathways), "errors": len(library.errors)}


def _typical_messages() -> list[str]:
    """Messages a clinician types: the held-out splits and the training examples (synthetic)."""
    import yaml

    from .nlu import default_nlu_dir, load_examples

    root = Path(__file__).resolve().parents[1]
    texts = [t for ex in load_examples(default_nlu_dir()).values() for t in ex]
    for f in sorted((root / "tests" / "nlu").glob("held_out_v*.yml")):
        doc = yaml.safe_load(f.read_text(encoding="utf-8"))
        for section in ("danger_now", "not_danger", "identifiers", "clean"):
            texts += [str(t) for t in doc.get(section) or ()]
    return texts


GUARD_LIMIT = 4000      # the privacy guard's MAX_CHARS: longer messages are refused outright, unread


def _hostile_messages(limit: int) -> dict[str, str]:
    """Inputs built to make pattern rules work hard, each just under the guard's length limit."""
    def fill(unit: str) -> str:
        return (unit * (limit // len(unit) + 1))[:limit - 1]
    return {
        "digits and spaces": fill("1 2 3 4 5 6 7 8 9 0 "),
        "digit runs": fill("0123456789" * 3 + " "),
        "O for zero": fill("O7O O9O "),
        "dates and slashes": fill("12/12/ 1/1/1 "),
        "called without a name": fill("called called named known as "),
        "role words": fill("her husband her partner the ex his wife "),
        "capitals": fill("Husband Called Lives At The Old "),
        "lives at": fill("lives at the old lives at flat 9 "),
        "handles": fill("@a_ @b. insta tiktok is "),
        "emails": fill("a@b.c@d.e@ "),
        "postcode-like": fill("ab1 2cd ef3 "),
        "plates": fill("AB12 CD AB1 "),
        "one long word": fill("a"),
        "unicode": fill("\u0661\u0662\u0663 \u200b\u00ad\uff11 "),
    }


def privacy_figures() -> dict:
    """Typical and worst-case time of the privacy guard per message (see the module docstring),
    through the turn pipeline's door (`bot.turn.screen`, the guard's only caller)."""
    from .turn import screen

    typical = _typical_messages()
    for text in typical[:200]:            # warm up (compiled patterns, caches of the interpreter)
        screen(text)
    per_message = []
    for _ in range(3):
        for text in typical:
            t0 = time.perf_counter()
            screen(text)
            per_message.append(time.perf_counter() - t0)
    per_message.sort()
    worst: dict[str, float] = {}
    for name, text in _hostile_messages(GUARD_LIMIT).items():
        best_of = []
        for _ in range(3):
            t0 = time.perf_counter()
            screen(text)
            best_of.append(time.perf_counter() - t0)
        worst[name] = min(best_of)       # least disturbed by other processes on the machine
    slowest = max(worst, key=worst.get)
    return {"privacy_guard": {
        "messages": len(typical),
        "typical_us": {"median": round(statistics.median(per_message) * 1e6, 1),
                       "p99": round(per_message[int(len(per_message) * 0.99)] * 1e6, 1), "target": 30},
        "hostile_worst_ms": {"value": round(worst[slowest] * 1000, 2), "input": slowest,
                             "chars": GUARD_LIMIT - 1, "target": 20},
    }}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", type=int, default=10_000)
    parser.add_argument("--pathway-only", action="store_true", help="only the screens and referral-list figures")
    parser.add_argument("--privacy-only", action="store_true", help="only the privacy guard's figures")
    args = parser.parse_args()
    if args.privacy_only:
        print(json.dumps(privacy_figures(), indent=2))
        return
    backend = EmbeddedBackend()
    pathway = pathway_figures(backend)
    if args.pathway_only:
        print(json.dumps(pathway, indent=2))
        return
    rng = random.Random(7)
    timings: list[float] = []
    areas = backend.library.areas()
    for i in range(args.sessions):
        simulate(backend, rng, areas[i % len(areas)], timings)
        if (i + 1) % 1000 == 0:
            print(f"... {i + 1} sessions", file=sys.stderr)
    timings.sort()
    starts = sorted(cold_start() for _ in range(5))
    many = load_many_areas(350)
    try:    # the Teams channel through the real Agents SDK and a fake connector (its own module)
        from .channels.teams.bench import teams_figures
        teams = {"teams": teams_figures()}
    except ImportError:
        teams = {}
    from .reliability_bench import reliability_figures     # the store and Telegram (#13)
    reliability = reliability_figures(backend)
    print(json.dumps({
        "sessions": args.sessions,
        "turns": len(timings),
        "turn_latency_ms": {"p50": round(statistics.median(timings) * 1000, 3),
                            "p99": round(timings[int(len(timings) * 0.99)] * 1000, 3),
                            "max": round(timings[-1] * 1000, 3), "target_p99": 1.0},
        "cold_start_s": {"median": round(starts[2], 3), "target": 0.5},
        "load_350_areas_s": {"value": round(many["seconds"], 3), "target": 1.0,
                             "areas_loaded": many["areas_loaded"], "pathways_in_memory": many["pathways_in_memory"],
                             "errors": many["errors"]},
        **pathway,
        **privacy_figures(),
        **teams,
        **reliability,
    }, indent=2))


if __name__ == "__main__":
    main()
