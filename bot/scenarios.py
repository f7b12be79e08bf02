"""Case scenarios: trainers' vignettes in data/scenarios/*.yml, run through a backend and checked.

The format is in ../shared/DESIGN.md ("Scenario files"). The runner sends any
`say` lines as typed text, plays any `turns` script, then answers each
question the bot asks from `facts` (unlisted yes/no questions: "no"; counts:
0), and finally checks `expect` against the outcome and the transcript.

Trainers write these files by hand, so the runner reads them the way a person
means them: YAML booleans (yes, no, true, on) are answers, "Yes", "don't know",
"dont know", "unknown" and "not sure" are understood, counts may be "3",
"3 times" or "three", question ids and areas may be in any case, and a button
is chosen by its title in any case or by its payload. Anything it cannot read
(a question id that does not exist, an answer a question does not take, an
unknown `expect` key or area, a broken file) fails the scenario with one plain
line saying what to change: a typo must never let a vignette pass by being
ignored. `run` never raises.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from . import engine, vocab
from .messages import Message
from .nlu import parse_number
from .pathways import Library, Pathway, Step
from .turn import Backend
from .yaml_source import YamlProblem, load as load_yaml, read_text

SCENARIO_KEYS = {"name", "description", "area", "say", "facts", "turns", "then", "expect", "short_of_time"}
EXPECT_KEYS = {"risk", "score", "marac", "marac_reasons", "emergency", "referral_kinds",
               "not_referral_kinds", "asked", "not_asked", "says", "not_says", "says_in_order", "screens_at_most"}
TURN_KEYS = {"user", "choose", "expect"}
TURN_ALIASES = {"say": "user", "text": "user", "press": "choose", "button": "choose"}
TURN_EXPECT_KEYS = {"says", "not_says", "offers", "asks"}
MARAC_REASONS = ("visible_high_risk", "professional_judgement", "escalation", "repeat")
MAX_TURNS = 150
YES_NO = ("yes_no", "yes_no_unsure", "yes_no_dontknow")
_YES = {"yes", "y", "true", "on"}
_NO = {"no", "n", "false", "off"}
_DONT_KNOW = {"dont_know", "dontknow", "do_not_know", "dont_knows", "unknown", "not_known", "unsure",
              "not_sure", "dunno", "?"}


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


# --- reading the file ---------------------------------------------------------------------

def _did_you_mean(word, choices) -> str:
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f", did you mean {close[0]!r}?" if close else ""


def _key(text) -> str:
    """A question id, area or choice as typed by a person: 'Police callouts 12m' -> 'police_callouts_12m'."""
    return str(text).strip().lower().replace("'", "").replace("-", "_").replace(" ", "_")


def _as_list(value) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def load(path: Path) -> dict:
    """A scenario file as data; ValueError in plain words if it cannot be one."""
    try:
        data, _ = load_yaml(read_text(path))
    except YamlProblem as exc:
        raise ValueError(f"{path.name}:{exc}") from None
    if data is None:
        raise ValueError(f"{path.name}: the file is empty; a scenario needs at least name, area, facts and expect")
    if not isinstance(data, dict):
        raise ValueError(f"{path.name}: a scenario should be a set of 'key: value' lines "
                         f"(name, area, facts, expect ...), not a {type(data).__name__}")
    problems = []
    for k in data:
        if k not in SCENARIO_KEYS:
            problems.append(f"unknown key {str(k)!r}{_did_you_mean(k, SCENARIO_KEYS)}")
    shapes = {"facts": dict, "expect": dict, "turns": list, "then": list}
    for k, want in shapes.items():
        if data.get(k) is not None and not isinstance(data[k], want):
            what = "a set of 'key: value' lines" if want is dict else "a list of '- ...' lines"
            problems.append(f"{k!r} should be {what}")
    if isinstance(data.get("expect"), dict):
        for k in data["expect"]:
            if k not in EXPECT_KEYS:
                problems.append(f"unknown key 'expect.{k}'{_did_you_mean(k, EXPECT_KEYS)}")
    if problems:
        raise ValueError(f"{path.name}: " + "; ".join(problems))
    return data


# --- understanding what the trainer wrote -------------------------------------------------

def _fact_answer(value) -> str:
    """An answer as a trainer writes it, in the engine's vocabulary where it plainly is one."""
    if value is True:
        return "yes"
    if value is False:
        return "no"
    text = _key(value)
    if text in _YES:
        return "yes"
    if text in _NO:
        return "no"
    if text in _DONT_KNOW:
        return "dont_know"
    return text


def _answer_for(step: Step, value) -> str | None:
    """The payload that answers `step` with what the trainer wrote, or None if it does not answer it."""
    if step.answers == "count":
        if isinstance(value, bool) or value is None:
            return None
        if isinstance(value, int):
            return str(value) if 0 <= value < 1000 else None
        if _fact_answer(value) == "dont_know":
            return "dont_know"
        n = parse_number(str(value))
        return str(n) if n is not None else None
    if step.answers == "choice":
        want = _key(value)
        return next((o.value for o in step.options if want in (_key(o.value), _key(o.title))), None)
    answer = _fact_answer(value)
    if answer == "dont_know" and step.answers == "yes_no_unsure":
        answer = "unsure"
    return answer if answer in vocab.ANSWER_TYPES.get(step.answers, ()) else None


def _accepts(step: Step) -> str:
    if step.answers == "count":
        return "a whole number, or \"don't know\""
    if step.answers == "choice":
        return "one of " + ", ".join(o.value for o in step.options)
    return " or ".join(engine.ANSWER_TITLES[v].lower() for v in vocab.ANSWER_TYPES[step.answers])


def _question_ids(library: Library) -> set[str]:
    return set(vocab.QUESTIONS) | {s.asks for p in library.pathways.values() for s in p.steps if s.asks}


def _area(data: dict, library: Library) -> tuple[str | None, str | None]:
    """(area id or None, a failure or None). No area is allowed: the scenario may choose it in `say`."""
    raw = data.get("area")
    if raw is None and isinstance(data.get("facts"), dict):
        raw = next((v for k, v in data["facts"].items() if _key(k) == "area"), None)
    if raw is None:
        return None, None
    areas = library.areas()
    want = _key(raw)
    for area in areas:
        if want in (area, _key(library.get(area).title)):
            return area, None
    return None, f"unknown area {str(raw)!r}{_did_you_mean(want, areas)} (areas: {', '.join(areas)})"


def _read_facts(data: dict, pathway: Pathway, library: Library, fail) -> dict:
    """Facts by question id, checked against the questions this pathway asks."""
    known = _question_ids(library)
    steps = {}
    for s in pathway.steps:
        if s.asks:
            steps.setdefault(s.asks, s)
    facts = {}
    for raw_key, value in (data.get("facts") or {}).items():
        qid = _key(raw_key)
        if qid == "area":
            continue
        if qid not in known:
            fail(f"facts: unknown question id {str(raw_key)!r}{_did_you_mean(qid, sorted(known))}")
            continue
        step = steps.get(qid)
        if step is not None and _answer_for(step, value) is None:
            fail(f"facts: {str(raw_key)}: {value!r} is not an answer to this question (it takes {_accepts(step)})")
            continue
        facts[qid] = value
    return facts


def _check_expect_values(expect: dict, library: Library, fail) -> None:
    """Expectations that can never be met because of a typo fail here, by name."""
    if "risk" in expect and _key(expect["risk"]) not in vocab.RISK_BANDS:
        fail(f"expect.risk: {expect['risk']!r} is not a risk band ({', '.join(vocab.RISK_BANDS)})")
    for key in ("marac", "emergency"):
        if key in expect and _fact_answer(expect[key]) not in ("yes", "no"):
            fail(f"expect.{key}: {expect[key]!r} should be true or false")
    if "score" in expect and (isinstance(expect["score"], bool) or parse_number(str(expect["score"])) is None):
        fail(f"expect.score: {expect['score']!r} should be a whole number from 0 to 24")
    checks = (("referral_kinds", vocab.SERVICE_KINDS, "service kind"),
              ("not_referral_kinds", vocab.SERVICE_KINDS, "service kind"),
              ("marac_reasons", MARAC_REASONS, "MARAC reason"),
              ("asked", sorted(_question_ids(library)), "question id"),
              ("not_asked", sorted(_question_ids(library)), "question id"))
    for key, allowed, what in checks:
        for item in _as_list(expect.get(key)):
            if _key(item) not in allowed:
                fail(f"expect.{key}: unknown {what} {str(item)!r}{_did_you_mean(_key(item), allowed)}")


# --- playing the conversation -------------------------------------------------------------

class _Run:
    def __init__(self, backend: Backend, result: Result):
        self.backend, self.result = backend, result
        self.state: dict = {}
        self.messages: list[Message] = []     # everything the bot said
        self.last: list[Message] = []         # the bot's last reply
        self.asked: list[str] = []
        self.screens = 0                      # bot turns that ended waiting for an answer

    def take(self, turn: tuple[dict, list[Message]]) -> None:
        self.state, self.last = turn
        self.messages += self.last
        if any(m.asks for m in self.last):
            self.screens += 1
        for m in self.last:
            self.result.transcript.append(f"[{m.kind}] {m.text}")
            for qid in [m.asks] + [i.id for i in m.items]:     # every question a group shows is asked
                if qid and qid != "area" and qid not in self.asked:
                    self.asked.append(qid)

    def question(self) -> Message | None:
        return next((m for m in reversed(self.last) if m.asks), None)

    def press(self, payload: str) -> None:
        self.result.transcript.append(f"> [{payload}]")
        self.take(self.backend.press(self.state, payload))

    def send(self, text: str) -> None:
        self.result.transcript.append(f"> {text}")
        self.take(self.backend.send(self.state, text))


def _library(backend: Backend) -> Library:
    return backend.library      # both backends serve a library (a fixed one, or the registry's)


def run(path: Path, backend: Backend) -> Result:
    """Run one scenario file; never raises, only records failures."""
    result = Result(file=str(path), name=path.stem, outcome=_empty_outcome())
    try:
        data = load(path)
    except ValueError as exc:
        result.failures.append(str(exc))
        return result
    return play(data, backend, result)


def play(data: dict, backend: Backend, result: Result | None = None) -> Result:
    """Run a scenario already read (a file's data, or a case built in code such as `make bench`)."""
    result = result or Result(file="", name="", outcome=_empty_outcome())
    if data.get("name"):
        result.name = str(data["name"])
    try:
        _play(data, backend, result)
    except Exception as exc:     # a broken backend or engine must still give one line, not a traceback
        result.failures.append(f"the run stopped on an internal error ({type(exc).__name__}: {exc}); "
                               "this is a fault in the bot, not the scenario")
        result.outcome = result.outcome or _empty_outcome()
    result.passed = not result.failures
    return result


def _empty_outcome() -> dict:
    return {"risk": "none", "score": 0, "marac": False, "marac_reasons": [], "emergency": False,
            "referral_kinds": [], "asked": [], "screens": 0}


def _play(data: dict, backend: Backend, result: Result) -> None:
    fail = result.failures.append
    library = _library(backend)
    area, problem = _area(data, library)
    if problem:
        fail(problem)
        return
    result.outcome = _empty_outcome()
    facts = _read_facts(data, library.get(area or "national"), library, fail)
    expect = data.get("expect") or {}
    _check_expect_values(expect, library, fail)
    if result.failures:
        return
    r = _Run(backend, result)
    r.take(backend.start(area))
    for text in _as_list(data.get("say")):
        r.send(str(text))
    scripted = all(_play_turn(r, turn, i, fail) for i, turn in enumerate(data.get("turns") or [], 1))
    if scripted:      # a failed check inside a turn does not stop the run; a turn that cannot be played does
        _answer_from_facts(r, facts, library, fail, short=_fact_answer(data.get("short_of_time")) == "yes")
        for i, turn in enumerate(data.get("then") or [], 1):    # after the end: e.g. choose More services
            if not _play_turn(r, turn, i, fail, "then, turn"):
                break
    out = engine.outcome(r.state, library) if r.state.get("area") else _empty_outcome()
    result.outcome = {**out, "asked": r.asked, "screens": r.screens}
    _check_outcome(expect, result.outcome, r.messages, fail)
    if not expect:    # still run, so the outcome shows what to write
        fail("no 'expect:' section: say what the case should conclude (risk, marac, referral_kinds ...)")


def _play_turn(r: _Run, turn, i: int, fail, where: str = "turn") -> bool:
    """One scripted turn; False (after recording why) if the script cannot go on. A button is looked for
    on the question waiting, else on any message of the bot's last reply (More services, Restart)."""
    if not isinstance(turn, dict):
        fail(f"{where} {i}: write each turn as 'user: ...', 'choose: ...' or 'expect: ...', not {turn!r}")
        return False
    turn = {TURN_ALIASES.get(_key(k), _key(k)): v for k, v in turn.items()}
    unknown = [k for k in turn if k not in TURN_KEYS]
    if unknown or not turn:
        fail(f"{where} {i}: unknown key {unknown[0] if unknown else '(none)'!r}"
             f"{_did_you_mean(unknown[0], TURN_KEYS) if unknown else ''} (a turn has user, choose or expect)")
        return False
    if "user" in turn and "choose" in turn:
        fail(f"{where} {i}: give either 'user' (typed text) or 'choose' (a button), not both")
        return False
    if "user" in turn:
        r.send(str(turn["user"]))
    elif "choose" in turn:
        q = r.question()
        want = _key(_fact_answer(turn["choose"]))
        buttons = q.buttons if q else tuple(b for m in r.last for b in m.buttons)
        button = next((b for b in buttons if want in (_key(b.title), _key(b.payload), _key(_fact_answer(b.title)))),
                      None)
        if not button:
            offered = ", ".join(b.title for b in buttons) or "none: no question is waiting"
            fail(f"{where} {i}: no button {turn['choose']!r} offered (buttons: {offered})")
            return False
        r.press(button.payload)
    if "expect" in turn:
        exp = turn["expect"]
        if not isinstance(exp, dict):
            fail(f"{where} {i}: expect should be a set of 'key: value' lines (says, not_says, offers, asks)")
            return False
        bad = [k for k in exp if k not in TURN_EXPECT_KEYS]
        if bad:
            fail(f"{where} {i}: unknown key 'expect.{bad[0]}'{_did_you_mean(bad[0], TURN_EXPECT_KEYS)}")
            return False
        _check_text(exp, r.last, f"{where} {i}", fail)
    return True


def _answer_from_facts(r: _Run, facts: dict, library: Library, fail, short: bool = False) -> None:
    """Answer each question from `facts`; `short` (short_of_time: true) stops the risk checklist at
    its first question, as a clinician short of time does."""
    for _ in range(MAX_TURNS):
        if "done" in r.state.get("flags", ()):
            return
        q = r.question()
        if q is None:
            fail("the bot stopped without asking a question or finishing")
            return
        if q.asks == "area":
            fail(f"no area was chosen: add 'area:' with one of {', '.join(library.areas())}")
            return
        step = engine.current_question(r.state, library)
        if step is None:
            fail(f"the bot asked {q.asks!r}, which is not a pathway question the runner can answer")
            return
        if short and step.checklist and "checklist_stopped" not in r.state.get("flags", ()):
            r.press(engine.SKIP)
            continue
        if q.select and q.items:          # a group on one screen: one payload answers all of it
            steps = {s.asks: s for s in engine.pathway_of(r.state, library).steps if s.asks}
            parts = []
            for item in q.items:
                answer = _fact_or_default(steps[item.id], facts, fail)
                if answer is None:
                    return
                if q.select == "each" or answer == "yes":
                    parts.append(f"{item.id}={answer}")
            answer = (engine.SET + " " + ";".join(parts)).strip()
        else:
            proposed = (r.state.get("pending") or {}).get("value")
            if q.asks not in facts and any(o.value == proposed for o in step.options):
                answer = proposed      # the bot confirms what it read from a 'say' line: the scenario meant it
            else:
                answer = _fact_or_default(step, facts, fail)
                if answer is None:
                    return
        r.press(answer)
        again = r.question()
        if again is not None and again.asks == q.asks and "done" not in r.state.get("flags", ()):
            fail(f"the bot did not accept {answer!r} as an answer to {q.asks!r} and asked again")
            return
    fail(f"the conversation did not finish within {MAX_TURNS} turns")


def _fact_or_default(step: Step, facts: dict, fail) -> str | None:
    """The payload answering `step` from the facts (unlisted: no, or 0), or None after saying why not."""
    qid = step.asks
    if qid in facts:
        answer = _answer_for(step, facts[qid])
        if answer is None:
            fail(f"facts: {qid}: {facts[qid]!r} is not an answer to this question (it takes {_accepts(step)})")
        return answer
    if step.answers in YES_NO:
        return "no"
    if step.answers == "count":
        return "0"
    example = step.options[0].value if step.options else "..."
    fail(f"the bot asked {qid!r}, which the scenario's facts do not answer "
         f"(add '{qid}: {example}'; it takes {_accepts(step)})")
    return None


# --- checking ------------------------------------------------------------------------------

def _check_text(expect: dict, messages: list[Message], where: str, fail) -> None:
    text = "\n".join(m.text for m in messages).lower()
    for s in _as_list(expect.get("says")):
        if str(s).lower() not in text:
            fail(f"{where}: expected the bot to say {s!r}")
    for s in _as_list(expect.get("not_says")):
        if str(s).lower() in text:
            fail(f"{where}: the bot said {s!r}, which it should not")
    at, before = 0, None                    # says_in_order: each one after the one before (MASH before helpline)
    for s in _as_list(expect.get("says_in_order")):
        found = text.find(str(s).lower(), at)
        if found < 0:
            fail(f"{where}: expected the bot to say {s!r}" + (f" after {before!r}" if before else ""))
            break
        at, before = found + len(str(s)), s
    buttons = [b for m in messages for b in m.buttons]
    titles = {_key(b.title) for b in buttons} | {_key(b.payload) for b in buttons}
    for s in _as_list(expect.get("offers")):
        if _key(s) not in titles:
            fail(f"{where}: expected a button {s!r}")
    if "asks" in expect:
        asking = next((m.asks for m in reversed(messages) if m.asks), None)
        if _key(expect["asks"]) != asking:
            fail(f"{where}: expected the bot to ask {expect['asks']!r}, but it asked {asking!r}")


def _same(key: str, want, have) -> bool:
    if key == "risk":
        return _key(want) == have
    if key in ("marac", "emergency"):
        return (_fact_answer(want) == "yes") == have
    if key == "score":
        return parse_number(str(want)) == have
    return want == have


def _check_outcome(expect: dict, outcome: dict, messages: list[Message], fail) -> None:
    for key in ("risk", "score", "marac", "emergency"):
        if key in expect and not _same(key, expect[key], outcome[key]):
            fail(f"{key}: expected {expect[key]!r}, got {outcome[key]!r}")
    for key, have in (("referral_kinds", outcome["referral_kinds"]), ("asked", outcome["asked"]),
                      ("marac_reasons", outcome["marac_reasons"])):
        missing = [str(k) for k in _as_list(expect.get(key)) if _key(k) not in have]
        if missing:
            fail(f"{key}: expected {', '.join(missing)} among {', '.join(have) or 'none'}")
    for key, have in (("not_referral_kinds", outcome["referral_kinds"]), ("not_asked", outcome["asked"])):
        extra = [str(k) for k in _as_list(expect.get(key)) if _key(k) in have]
        if extra:
            fail(f"{key}: did not expect {', '.join(extra)}")
    limit = expect.get("screens_at_most")
    if limit is not None and (not isinstance(limit, int) or isinstance(limit, bool) or limit < 1):
        fail(f"screens_at_most: expected a whole number of screens, e.g. 10, not {limit!r}")
    elif limit is not None and outcome["screens"] > limit:
        fail(f"screens: expected at most {limit}, got {outcome['screens']}")
    _check_text(expect, messages, "transcript", fail)
