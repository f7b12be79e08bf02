"""Every trainer's scenario in data/scenarios/ runs as its own test, plus checks that the runner can fail.

    .venv/bin/python -m pytest tests/test_scenarios.py -q

Each scenario file is one vignette (format in ../shared/DESIGN.md, "Scenario files"). A failing
case prints the runner's failures and the end of the transcript, so a trainer or developer can see
where the conversation went differently from the expectation.
"""
from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from bot import cli, engine
from bot.scenarios import default_scenario_dir, run
from bot.turn import EmbeddedBackend

SCENARIO_DIR = default_scenario_dir()
SCENARIOS = sorted(SCENARIO_DIR.glob("*.yml"))
OUTCOME_KEYS = {"risk", "score", "marac", "marac_reasons", "emergency", "referral_kinds", "asked", "screens"}
TAIL = 12


@pytest.fixture(scope="module")
def backend() -> EmbeddedBackend:
    """One embedded backend for the whole module: loading pathways and NLU data once."""
    return EmbeddedBackend()


def _report(result) -> str:
    tail = "\n".join(result.transcript[-TAIL:])
    return (f"{result.name} ({Path(result.file).name}) failed:\n  - " + "\n  - ".join(result.failures)
            + f"\n--- last {TAIL} lines of the transcript ---\n{tail}")


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_scenario(path: Path, backend: EmbeddedBackend) -> None:
    result = run(path, backend)
    assert result.passed, _report(result)


def test_folder_holds_enough_scenarios() -> None:
    assert len(SCENARIOS) >= 15, f"only {len(SCENARIOS)} scenarios in {SCENARIO_DIR}"


STANDARD_CASE = """\
    name: Standard-risk case with a deliberately wrong expectation
    area: exampleshire
    facts:
      concern: experiencing
      alone: yes
      safe_to_talk: yes
      disclosure: yes
      frightened: yes
      controlling: yes
    expect:
      risk: high
      marac: false
    """


def test_wrong_expectation_fails(tmp_path: Path, backend: EmbeddedBackend) -> None:
    result = run(_write(tmp_path, "wrong.yml", STANDARD_CASE), backend)
    assert result.passed is False
    assert result.outcome["risk"] == "standard"
    assert any("risk" in f for f in result.failures), result.failures


def test_right_expectation_of_the_same_case_passes(tmp_path: Path, backend: EmbeddedBackend) -> None:
    """The control for the test above: only the expectation differs."""
    result = run(_write(tmp_path, "right.yml", STANDARD_CASE.replace("risk: high", "risk: standard")), backend)
    assert result.passed, _report(result)


@pytest.mark.parametrize("limit, words", [("ten", "expected a whole number of screens"), ("0", "whole number"),
                                          ("2", "screens: expected at most 2")])
def test_screens_at_most_is_checked_and_a_bad_value_is_one_clear_line(tmp_path: Path, backend, limit, words):
    case = STANDARD_CASE.replace("risk: high", "risk: standard").replace(
        "marac: false", f"marac: false\n      screens_at_most: {limit}")
    result = run(_write(tmp_path, "screens.yml", case), backend)
    assert result.passed is False and any(words in f for f in result.failures), result.failures


def test_missing_choice_fact_fails_naming_the_question(tmp_path: Path, backend: EmbeddedBackend) -> None:
    path = _write(tmp_path, "no-concern.yml", """\
        name: Facts without the concern
        area: northdale
        facts:
          alone: yes
          disclosure: yes
        expect:
          risk: standard
        """)
    result = run(path, backend)
    assert result.passed is False
    assert any("concern" in f for f in result.failures), result.failures


def test_cli_json_one_object_per_scenario_and_exit_1_on_failure(tmp_path: Path, capsys) -> None:
    good = _write(tmp_path, "a-good.yml", STANDARD_CASE.replace("risk: high", "risk: standard"))
    bad = _write(tmp_path, "b-bad.yml", STANDARD_CASE)
    code = cli.main(["scenario", "run", "--json", str(tmp_path)])
    lines = [line for line in capsys.readouterr().out.splitlines() if line.strip()]
    assert code == 1
    assert len(lines) == 2
    objects = [json.loads(line) for line in lines]
    for obj in objects:
        assert set(obj) == {"file", "name", "passed", "failures", "outcome"}
        assert set(obj["outcome"]) == OUTCOME_KEYS
        assert isinstance(obj["outcome"]["score"], int)
        assert isinstance(obj["failures"], list)
    assert [Path(o["file"]).name for o in objects] == [good.name, bad.name]
    assert [o["passed"] for o in objects] == [True, False]
    assert objects[0]["outcome"]["risk"] == "standard"
    assert objects[0]["outcome"]["score"] == 2
    assert "concern" in objects[0]["outcome"]["asked"]
    # groups put several questions on one screen: never more screens than questions
    assert 0 < objects[0]["outcome"]["screens"] <= len(objects[0]["outcome"]["asked"])


def test_cli_json_exit_0_when_all_pass(tmp_path: Path, capsys) -> None:
    _write(tmp_path, "good.yml", STANDARD_CASE.replace("risk: high", "risk: standard"))
    assert cli.main(["scenario", "run", "--json", str(tmp_path)]) == 0
    [line] = capsys.readouterr().out.splitlines()
    assert json.loads(line)["passed"] is True


def test_a_folder_runs_yaml_files_of_either_extension_and_an_empty_folder_is_a_usage_error(tmp_path: Path, capsys) -> None:
    _write(tmp_path, "one.yml", STANDARD_CASE.replace("risk: high", "risk: standard"))
    _write(tmp_path, "two.yaml", STANDARD_CASE.replace("risk: high", "risk: standard"))
    assert cli.main(["scenario", "run", "--json", str(tmp_path)]) == 0
    assert [Path(json.loads(line)["file"]).name for line in capsys.readouterr().out.splitlines()] == ["one.yml", "two.yaml"]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert cli.main(["scenario", "run", str(empty)]) == 2
    assert "no scenario files" in capsys.readouterr().err


# --- how trainers really write YAML: understood, or a clear failure line, never a traceback ------

def test_yaml_booleans_spellings_case_and_string_numbers_are_understood(tmp_path: Path, backend) -> None:
    path = _write(tmp_path, "spellings.yml", """\
        name: Written the way trainers type
        area: Exampleshire
        facts:
          Concern: experiencing
          ALONE: on
          safe-to-talk: true
          disclosure: "Yes"
          Injury: yes
          frightened: "Don't know"
          fears: dont know
          isolation: unknown
          depression: unsure
          police callouts 12m: "3"
          previous_marac_12m: not sure
          consent: y
        expect:
          risk: Standard
          score: "1"
          marac: "yes"
          marac_reasons: escalation
          referral_kinds: marac
        """)
    result = run(path, backend)
    assert result.passed, _report(result)
    assert result.outcome["score"] == 1 and result.outcome["marac_reasons"] == ["escalation"]


def test_counts_as_words_and_concern_by_title(tmp_path: Path, backend) -> None:
    path = _write(tmp_path, "words.yml", """\
        name: Counts in words
        area: northdale
        facts:
          concern: A patient may be experiencing abuse
          alone: yes
          safe_to_talk: yes
          disclosure: yes
          police_callouts_12m: five times
        expect: {marac: true, marac_reasons: [escalation]}
        """)
    result = run(path, backend)
    assert result.passed, _report(result)


def test_choose_by_title_in_any_case_or_by_payload(tmp_path: Path, backend) -> None:
    path = _write(tmp_path, "choose.yml", """\
        name: Buttons by title
        area: exampleshire
        turns:
          - choose: "a PATIENT may be experiencing ABUSE"
          - choose: YES
          - choose: no
            expect: {asks: safe_to_talk, offers: ["yes", "No"]}
          - choose: "no"
        expect: {risk: none, says: ["Do not press"]}
        """)
    result = run(path, backend)
    assert result.passed, _report(result)


BROKEN = {
    "typo-fact.yml": ("name: t\\narea: exampleshire\\nfacts: {concern: experiencing, stranglation: yes}\\nexpect: {risk: high}\\n",
                      "unknown question id 'stranglation', did you mean 'strangulation'?"),
    "unknown-expect.yml": ("name: t\\narea: exampleshire\\nfacts: {concern: experiencing}\\nexpect: {risk_band: high}\\n",
                           "unknown key 'expect.risk_band', did you mean 'risk'?"),
    "unknown-area.yml": ("name: t\\narea: northdal\\nfacts: {concern: experiencing}\\nexpect: {risk: none}\\n",
                         "unknown area 'northdal', did you mean 'northdale'?"),
    "no-expect.yml": ("name: t\\narea: northdale\\nfacts: {concern: experiencing, alone: no}\\n", "no 'expect:' section"),
    "a-list.yml": ("- just\\n- a list\\n", "should be a set of 'key: value' lines"),
    "yaml-error.yml": ("name: bad\\narea: [exampleshire\\nfacts: {\\n", "yaml-error.yml:"),
    "empty.yml": ("", "the file is empty"),
    "bad-answer.yml": ("name: t\\narea: exampleshire\\nfacts: {concern: experiencing, alone: maybe}\\nexpect: {risk: none}\\n",
                       "alone: 'maybe' is not an answer to this question (it takes yes or no)"),
    "bad-count.yml": ("name: t\\narea: exampleshire\\nfacts: {concern: experiencing, police_callouts_12m: lots}\\n"
                      "expect: {risk: none}\\n", "it takes a whole number"),
    "bad-kind.yml": ("name: t\\narea: exampleshire\\nfacts: {concern: experiencing}\\nexpect: {referral_kinds: [idvaa]}\\n",
                     "unknown service kind 'idvaa', did you mean 'idva'?"),
    "bad-band.yml": ("name: t\\narea: exampleshire\\nfacts: {concern: experiencing}\\nexpect: {risk: severe}\\n",
                     "'severe' is not a risk band"),
    "facts-list.yml": ("name: t\\narea: exampleshire\\nfacts:\\n  - concern: experiencing\\nexpect: {risk: none}\\n",
                       "'facts' should be a set of 'key: value' lines"),
    "bare-turn.yml": ("name: t\\narea: exampleshire\\nturns:\\n  - yes\\nexpect: {risk: none}\\n",
                      "turn 1: write each turn as 'user: ...'"),
    "no-button.yml": ("name: t\\narea: exampleshire\\nturns:\\n  - choose: A patient is a victim\\nexpect: {risk: none}\\n",
                      "turn 1: no button 'A patient is a victim' offered (buttons: A patient may be experiencing abuse"),
    "no-area.yml": ("name: t\\nfacts: {concern: experiencing}\\nexpect: {risk: none}\\n", "no area was chosen"),
    "no-concern.yml": ("name: t\\narea: northdale\\nfacts: {alone: yes}\\nexpect: {risk: none}\\n",
                       "add 'concern: experiencing'"),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_broken_scenario_fails_with_one_clear_line(name: str, tmp_path: Path, backend) -> None:
    text, expected = BROKEN[name]
    result = run(_write(tmp_path, name, text.encode().decode("unicode_escape")), backend)
    assert result.passed is False
    assert any(expected in f for f in result.failures), result.failures
    assert set(result.outcome) == OUTCOME_KEYS


def test_cli_reports_every_broken_file_without_a_traceback(tmp_path: Path, capsys) -> None:
    for name, (text, _) in BROKEN.items():
        (tmp_path / name).write_text(text.encode().decode("unicode_escape"), encoding="utf-8")
    (tmp_path / "binary.yml").write_bytes(b"\x00\x01")
    assert cli.main(["scenario", "run", str(tmp_path)]) == 1
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    assert f"0 of {len(BROKEN) + 1} scenarios passed" in out.out
    assert cli.main(["scenario", "run", "--json", str(tmp_path)]) == 1
    objects = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(objects) == len(BROKEN) + 1
    assert all(o["passed"] is False and o["failures"] and set(o["outcome"]) == OUTCOME_KEYS for o in objects)


def test_an_answer_the_bot_keeps_refusing_fails_at_once_not_after_150_turns(tmp_path: Path) -> None:
    class Forgetful(EmbeddedBackend):
        """Rejects every answer to 'alone', as a broken backend might."""
        def press(self, state, payload):
            if engine.current_question(state, self.library).asks == "alone":
                return state, engine.repeat(state, self.library)
            return super().press(state, payload)

    path = _write(tmp_path, "stuck.yml", STANDARD_CASE.replace("risk: high", "risk: standard"))
    result = run(path, Forgetful())
    # the three safe-enquiry checks share a screen, so the refused answer is the group's one payload
    assert result.failures[0].startswith("the bot did not accept '/set alone=yes;")
    assert result.failures[0].endswith("as an answer to 'alone' and asked again")


def test_a_crash_inside_the_bot_is_one_failure_line(tmp_path: Path) -> None:
    class Broken(EmbeddedBackend):
        def press(self, state, payload):
            raise KeyError("boom")

    result = run(_write(tmp_path, "crash.yml", STANDARD_CASE), Broken())
    assert result.passed is False
    assert len(result.failures) == 1 and "internal error (KeyError" in result.failures[0]


def test_short_of_time_stops_the_checklist_at_its_first_question(tmp_path: Path, backend: EmbeddedBackend) -> None:
    case = STANDARD_CASE.replace("risk: high", "risk: standard")
    full = run(_write(tmp_path, "full.yml", case), backend)
    short = run(_write(tmp_path, "short.yml", "short_of_time: true\n" + textwrap.dedent(case)), backend)
    assert full.passed and "criminal_history" in full.outcome["asked"]
    assert "criminal_history" not in short.outcome["asked"]
    assert short.outcome["screens"] < full.outcome["screens"]
    assert any("Checklist stopped after" in line for line in short.transcript)
