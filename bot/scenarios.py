"""Case scenarios: trainers' vignettes in data/scenarios/*.yml, run through a backend and checked.

The format is in ../shared/DESIGN.md ("Scenario files"). The runner sends any
`say` lines as typed text, plays any `turns` script, then answers each
question the bot asks from `facts` (unlisted yes/no questions: "no"; counts:
0), and finally checks `expect` against the outcome and the transcript.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import engine
from .backend import Backend
from .engine import Message
from .yaml_source import YamlProblem, load as load_yaml, read_text

SCENARIO_KEYS = {"name", "description", "area", "say", "facts", "turns", "expect"}
EXPECT_KEYS = {"risk", "score", "marac", "marac_reasons", "emergency", "referral_kinds",
               "not_referral_kinds", "asked", "not_asked", "says", "not_says"}
MAX_TURNS = 150
YES_NO = ("yes_no", "yes_no_unsure", "yes_no_dontknow")


@dataclass
class Result:
    file: str
    name: str
    passed: bool = False
    failures: list[str] = field(default_factory=list)
    outcome: dict = field(default_factory=dict)
    transcript: list[str] = field(default_factory=list)   # the bot's messages and the runner's inputs

    def as_json(self) -> dict:
        return {"file": self.file, "name": self.name, "passed": self.passed,
                "failures": self.failures, "outcome": self.outcome}


def default_scenario_dir() -> Path:
    return Path(__file__).resolve().parents[1] / "data" / "scenarios"


def load(path: Path) -> dict:
    """A scenario file as data; ValueError in plain words if it is not one."""
    try:
        data, _ = load_yaml(read_text(path))
    except YamlProblem as exc:
        raise ValueError(f"{path.name}:{exc}") from None
    if not isinstance(data, dict):
        raise ValueError(f"{path.name}: a scenario should be a set of 'key: value' lines")
    unknown = set(data) - SCENARIO_KEYS
    unknown |= {f"expect.{k}" for k in set(data.get("expect") or {}) - EXPECT_KEYS}
    if unknown:
        raise ValueError(f"{path.name}: unknown keys {', '.join(sorted(unknown))}")
    if not data.get("name"):
        raise ValueError(f"{path.name}: a scenario needs a name")
    return data


def _fact_answer(value) -> str:
    if value is True:
        return "yes"
    if value is False:
        return "no"
    text = str(value).strip().lower().replace("'", "").replace(" ", "_")
    return {"dont_know": "dont_know", "dontknow": "dont_know", "not_sure": "unsure"}.get(text, text)


class _Run:
    def __init__(self, backend: Backend, result: Result):
        self.backend, self.result = backend, result
        self.state: dict = {}
        self.messages: list[Message] = []     # everything the bot said
        self.last: list[Message] = []         # the bot's last reply
        self.asked: list[str] = []

    def take(self, turn: tuple[dict, list[Message]]) -> None:
        self.state, self.last = turn
        self.messages += self.last
        for m in self.last:
            self.result.transcript.append(f"[{m.kind}] {m.text}")
            if m.asks and m.asks != "area" and m.asks not in self.asked:
                self.asked.append(m.asks)

    def question(self) -> Message | None:
        return next((m for m in reversed(self.last) if m.asks), None)

    def press(self, payload: str) -> None:
        self.result.transcript.append(f"> [{payload}]")
        self.take(self.backend.press(self.state, payload))

    def send(self, text: str) -> None:
        self.result.transcript.append(f"> {text}")
        self.take(self.backend.send(self.state, text))


def run(path: Path, backend: Backend) -> Result:
    """Run one scenario file; never raises for a failing scenario, only records failures."""
    result = Result(file=str(path), name=path.stem)
    try:
        data = load(path)
    except ValueError as exc:
        result.failures.append(str(exc))
        return result
    result.name = str(data["name"])
    r = _Run(backend, result)
    r.take(backend.start(data.get("area")))
    fail = result.failures.append
    for text in data.get("say") or []:
        r.send(str(text))
    for i, turn in enumerate(data.get("turns") or []):
        if "user" in turn:
            r.send(str(turn["user"]))
        elif "choose" in turn:
            q = r.question()
            want = _fact_answer(turn["choose"])
            button = q and next((b for b in q.buttons if want in (b.title.lower().replace("'", "").replace(" ", "_"),
                                                                   b.payload.lower())), None)
            if not button:
                fail(f"turn {i + 1}: no button {turn['choose']!r} offered")
                break
            r.press(button.payload)
        if "expect" in turn:
            _check_text(turn["expect"], r.last, f"turn {i + 1}", fail)
    facts = {k: _fact_answer(v) for k, v in (data.get("facts") or {}).items()}
    for _ in range(MAX_TURNS):
        if "done" in r.state.get("flags", ()) or result.failures:
            break
        q = r.question()
        if q is None:
            fail("the bot stopped without asking a question or finishing")
            break
        step = engine.current_question(r.state, getattr(backend, "library", None))
        if q.asks in facts:
            r.press(facts[q.asks])
        elif step is not None and step.answers in YES_NO:
            r.press("no")
        elif step is not None and step.answers == "count":
            r.press("0")
        else:
            fail(f"the bot asked {q.asks!r}, which the scenario's facts do not answer")
    else:
        fail(f"the conversation did not finish within {MAX_TURNS} turns")
    out = engine.outcome(r.state, getattr(backend, "library", None)) if r.state.get("area") else {
        "risk": "none", "score": 0, "marac": False, "marac_reasons": [], "emergency": False, "referral_kinds": []}
    result.outcome = {**out, "asked": r.asked}
    _check_outcome(data.get("expect") or {}, result.outcome, r.messages, fail)
    result.passed = not result.failures
    return result


def _check_text(expect: dict, messages: list[Message], where: str, fail) -> None:
    text = "\n".join(m.text for m in messages).lower()
    for s in expect.get("says") or []:
        if str(s).lower() not in text:
            fail(f"{where}: expected the bot to say {s!r}")
    for s in expect.get("not_says") or []:
        if str(s).lower() in text:
            fail(f"{where}: the bot said {s!r}, which it should not")
    titles = {b.title.lower() for m in messages for b in m.buttons} | {b.payload.lower() for m in messages for b in m.buttons}
    for s in expect.get("offers") or []:
        if str(s).lower() not in titles:
            fail(f"{where}: expected a button {s!r}")


def _check_outcome(expect: dict, outcome: dict, messages: list[Message], fail) -> None:
    for key in ("risk", "score", "marac", "emergency"):
        if key in expect and expect[key] != outcome[key]:
            fail(f"{key}: expected {expect[key]!r}, got {outcome[key]!r}")
    for key, have in (("referral_kinds", outcome["referral_kinds"]), ("asked", outcome["asked"]),
                      ("marac_reasons", outcome["marac_reasons"])):
        missing = [k for k in expect.get(key) or [] if k not in have]
        if missing:
            fail(f"{key}: expected {', '.join(missing)} among {', '.join(have) or 'none'}")
    for key, have in (("not_referral_kinds", outcome["referral_kinds"]), ("not_asked", outcome["asked"])):
        extra = [k for k in expect.get(key) or [] if k in have]
        if extra:
            fail(f"{key}: did not expect {', '.join(extra)}")
    _check_text(expect, messages, "transcript", fail)
