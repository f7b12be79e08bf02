"""The full Rasa stack (make rasa-up): scenario parity with the embedded backend, and privacy.

Marked `rasa`: skipped when the servers on 127.0.0.1 are not running, so `make test` stays green
without Rasa; `make rasa-test` sets PATHBOT_RASA_REQUIRED=1, which turns the skip into a failure.
"""
import datetime as dt
import json
import os
import secrets
import string
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from bot import privacy
from bot.cli import main
from bot.rasa_backend import DEFAULT_URL, NOTICE, NOTICE_KEY, SENDER_KEY, RasaBackend, engine_part
from bot.scenarios import default_scenario_dir, run
from bot.turn import EmbeddedBackend

pytestmark = pytest.mark.rasa

ROOT = Path(__file__).resolve().parents[2]
RUN_DIR = Path(os.environ.get("PATHBOT_RASA_RUN", ROOT / ".rasa-run"))     # make sets it
RASA_URL = os.environ.get("PATHBOT_RASA_URL", DEFAULT_URL)
ACTIONS_URL = os.environ.get("PATHBOT_ACTIONS_URL", "http://127.0.0.1:5055")
TODAY = dt.date(2026, 11, 21)
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))
SKIP_DIRS = {".git", ".venv", ".venv-rasa", "node_modules", "__pycache__"}


def get(url: str, timeout: float = 5.0):
    with OPENER.open(url, timeout=timeout) as response:
        return json.loads(response.read().decode())


def servers_up() -> bool:
    try:
        get(RASA_URL + "/status", 2.0)
        get(ACTIONS_URL + "/health", 2.0)
        return True
    except (OSError, ValueError):
        return False


@pytest.fixture(scope="module")
def stack():
    if not servers_up():
        message = "the Rasa servers are not running on 127.0.0.1 (make rasa-up)"
        if os.environ.get("PATHBOT_RASA_REQUIRED"):
            pytest.fail(message)
        pytest.skip(message)
    embedded = EmbeddedBackend(today=TODAY)
    return embedded, RasaBackend(RASA_URL, timeout=15.0, fallback=embedded, today=TODAY)


@pytest.mark.parametrize("path", sorted(default_scenario_dir().glob("*.yml")), ids=lambda p: p.stem)
def test_every_scenario_has_the_same_outcome_through_rasa(stack, path):
    embedded, rasa = stack
    want, got = run(path, embedded), run(path, rasa)
    assert not any(NOTICE in line for line in got.transcript), "Rasa did not answer every turn"
    assert got.outcome == want.outcome
    assert got.passed == want.passed, got.failures


def files_written_since(started: float, *roots: Path):
    for root in roots:
        for folder, dirs, files in os.walk(root):
            dirs[:] = [d for d in dirs if d not in SKIP_DIRS]
            for name in files:
                path = Path(folder, name)
                try:
                    if path.stat().st_mtime >= started and path.is_file():
                        yield path
                except OSError:
                    continue


def test_no_user_text_is_kept_by_rasa_its_logs_or_any_file(stack, capsys):
    embedded, rasa = stack
    started = time.time() - 1
    # a made-up word in every message; letters only, as a run of digits could read as a hospital number
    canary = "quokka" + "".join(secrets.choice(string.ascii_lowercase) for _ in range(8))
    ordinary = [f"she mentioned the {canary} clinic", f"he is outside the {canary} with a knife",
                f"what is a marac {canary}", f"yes she is alone {canary}"]
    identifiers = [f"her NHS number is 999 123 4560, {canary}", f"she lives at ZZ99 3WZ {canary}",
                   f"her name is Jane {canary}, call 07700 900123"]   # synthetic identifiers (test ranges)
    assert not any(privacy.check(text).blocked for text in ordinary), "the ordinary messages go to Rasa"
    state, _ = rasa.start("exampleshire")
    for text in ordinary + identifiers:
        state, said = rasa.send(state, text)
        assert said
    assert not state.get(NOTICE_KEY), "Rasa answered every turn"
    assert main(["nlu", "parse", "--backend", "rasa", "--json", f"is it {canary} yes"]) == 0
    assert canary not in capsys.readouterr().out

    tracker = get(f"{RASA_URL}/conversations/{state[SENDER_KEY]}/tracker")
    users = [e for e in tracker["events"] if e["event"] == "user"]
    assert len(users) == 1 + len(ordinary), "identifier-bearing messages never reach Rasa"
    assert all(e["text"] == "" and e["parse_data"].get("text", "") == "" for e in users)
    assert {e["parse_data"]["intent"]["name"] for e in users} >= {"start", "faq"}, "the reading is kept"
    assert canary not in json.dumps(tracker)
    assert json.loads(tracker["slots"]["pathway_state"])["area"] == "exampleshire"

    logs = sorted(RUN_DIR.glob("*.log"))
    assert logs, "the server logs are in .rasa-run/"
    for log in logs:
        text = log.read_text(errors="replace")
        assert canary not in text, f"user text in {log.name}"
        assert "999 123 4560" not in text and "ZZ99" not in text
    home_config = Path.home() / ".config" / "rasa"
    roots = [ROOT, Path(tempfile.gettempdir())] + ([home_config] if home_config.exists() else [])
    leaked = [p for p in files_written_since(started, *roots) if canary.encode() in p.read_bytes()]
    assert not leaked, f"user text written to {leaked}"


def test_rasa_goes_on_from_its_tracker_and_takes_over_turns_it_missed(stack):
    embedded, rasa = stack
    state, _ = rasa.start("exampleshire")
    state, _ = rasa.press(state, "experiencing")
    state, said = rasa.press(state, "yes")                      # from Rasa's slot: no state sent
    assert state["answers"] == {"concern": "experiencing", "alone": "yes"}
    tracker = get(f"{RASA_URL}/conversations/{state[SENDER_KEY]}/tracker")
    assert json.loads(tracker["slots"]["pathway_state"]) == engine_part(state), "the tracker holds the case"
    sent = [e.get("metadata") or {} for e in tracker["events"] if e["event"] == "user"]
    assert sent and all("pathway_state" not in m for m in sent), "the client sent no state"
    missed, missed_said = embedded.press(engine_part(state), "no")     # a turn Rasa never saw (it was down, say)
    payload = missed_said[-1].buttons[0].payload
    state, said = rasa.press({**state, **missed}, payload)               # handed over once, then Rasa's again
    want, want_said = embedded.press(missed, payload)
    assert engine_part(state) == want and [m.as_json() for m in said] == [m.as_json() for m in want_said]
    assert not state.get(NOTICE_KEY)


def test_rasa_reads_the_held_out_split_at_least_as_well_as_the_embedded_nlu_did(stack):
    """`make nlu-eval`'s Rasa column: the product's reading (privacy guard, then Rasa's intent, the
    danger net on every message) on examples training never saw. Measured 0.962-0.971 on the
    584-example split (the embedded NLU: 0.974); the floor leaves room for training noise."""
    from bot.nlu_eval import DEFAULT_TEST_FILE, evaluate

    embedded, rasa = stack
    result = evaluate(rasa, DEFAULT_TEST_FILE)
    assert result["danger_recall"] == 1.0
    assert result["accuracy"] >= 0.95
