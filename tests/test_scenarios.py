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

from bot import cli
from bot.backend import EmbeddedBackend
from bot.scenarios import default_scenario_dir, run

SCENARIO_DIR = default_scenario_dir()
SCENARIOS = sorted(SCENARIO_DIR.glob("*.yml"))
OUTCOME_KEYS = {"risk", "score", "marac", "marac_reasons", "emergency", "referral_kinds", "asked"}
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


def test_cli_json_exit_0_when_all_pass(tmp_path: Path, capsys) -> None:
    _write(tmp_path, "good.yml", STANDARD_CASE.replace("risk: high", "risk: standard"))
    assert cli.main(["scenario", "run", "--json", str(tmp_path)]) == 0
    [line] = capsys.readouterr().out.splitlines()
    assert json.loads(line)["passed"] is True
