"""The record summary (bot/record.py): plain words a clinician can paste into the notes.

Every shipped scenario is played to its end and its record read as a clinician would: no internal
id (question, step, service kind, answer value, pathway version), no instruction text, nothing the
user typed, and what actually happened. The record's words are checked like any other message."""
import datetime as dt
import re
from pathlib import Path

import pytest

from bot import scenarios
from bot.pathways import default_pathway_dir, load_pathways
from bot.turn import TurnPipeline

TODAY = dt.date(2026, 11, 21)
LIB = load_pathways(default_pathway_dir(), TODAY)
FILES = sorted(scenarios.default_scenario_dir().glob("*.yml"))
SNAKE = re.compile(r"\b[a-z0-9]+_[a-z0-9_]+\b")     # how every internal id is written


def record_of(path: Path) -> tuple[str, str, dict]:
    """(the record, the guidance shown just before it, the scenario) for one scenario file."""
    result = scenarios.run(path, TurnPipeline(LIB, today=TODAY))
    said = [t for t in result.transcript if t.startswith("[info] Summary for the record")]
    assert said, f"{path.name} never reached the record"
    i = result.transcript.index(said[-1])
    return said[-1], result.transcript[i - 1], scenarios.load(path)


def internal_ids() -> set[str]:
    p = LIB.get("exampleshire")
    ids = {s.id for s in p.steps} | {s.asks for s in p.steps if s.asks} | {r.id for r in p.rules}
    ids |= {k for s in p.services for k in s.kinds} | {"dont_know", "not_asked", "staff_causing", "staff_experiencing"}
    return {i for i in ids if "_" in i}     # an id in one plain word ("injury") reads as that word


@pytest.mark.parametrize("path", FILES, ids=[f.stem for f in FILES])
def test_a_record_has_no_internal_id_no_instruction_and_nothing_typed(path):
    record, guidance, data = record_of(path)
    text = record.split("Based on:")[0]                  # the sources' titles are quoted as published
    assert not SNAKE.findall(text), f"internal ids in the record: {SNAKE.findall(text)}"
    words = set(re.findall(r"[a-z0-9_]+", text.lower()))
    leaked = sorted(i for i in internal_ids() if i in words)
    assert not leaked, f"internal ids in the record: {leaked}"
    for version in {LIB.get(a).version for a in LIB.areas()}:
        assert version not in record
    for instruction in ("Copy it", "Copy the summary", "Do NOT record", "Record:", "hand-held"):
        assert instruction not in record
    typed = [t["user"] for t in data.get("turns") or [] if isinstance(t, dict) and isinstance(t.get("user"), str)]
    say = data.get("say") or []
    typed += [s for s in (say if isinstance(say, list) else [say]) if isinstance(s, str)]
    for line in typed:
        if len(line.split()) >= 3:                        # a phrase, not a one-word answer like "yes"
            assert line.lower() not in record.lower(), f"typed text in the record: {line!r}"
    assert "Copy the summary below" in guidance


def test_the_record_says_what_happened_after_emergency_advice():
    path = scenarios.default_scenario_dir() / "strangled-last-night-at-checklist-advice-and-answer-kept.yml"
    record, _, _ = record_of(path)
    assert "Emergency advice shown (999; Silent Solution 999 then 55); immediate danger: no." in record
    assert "Immediate danger reported" not in record
    assert "Red flags: strangulation" in record and "Answered yes:" in record and "strangulation or choking" in record
    assert "risk band STANDARD (DASH bands: medium from 10, high from 14; this area's MARAC threshold: 14)" in record
    assert "Consent to referral and sharing: yes." in record


def test_an_area_rewords_the_record(tmp_path):
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "national.yml").write_text((default_pathway_dir() / "national.yml").read_text(encoding="utf-8"))
    area = (default_pathway_dir() / "exampleshire.yml").read_text(encoding="utf-8")
    area = area.replace("\nservices:", '\nmessages:\n  record_consent: "Agreed to referral and sharing: {answer}."\n'
                                        "\nservices:", 1)
    assert "record_consent" in area
    (folder / "exampleshire.yml").write_text(area)
    lib = load_pathways(folder, TODAY)
    assert not [p for p in lib.problems if p.severity == "error"], lib.problems
    result = scenarios.run(scenarios.default_scenario_dir() / "strangulation-score-14-marac-exampleshire.yml",
                           TurnPipeline(lib, today=TODAY))
    assert any("Agreed to referral and sharing: yes." in t for t in result.transcript)


@pytest.mark.parametrize("change, expected", [
    (("    threats_to_kill: threats to kill\n    weapons:", "    threats_to_kil: threats to kill\n    weapons:"),
     '"threats_to_kil" is not a question in this pathway. Did you mean "threats_to_kill"?'),
    (("  record_labels:\n", "  record_lables:\n"), '"record_lables" is not a message the record uses. Did you mean "record_labels"?'),
    (("    threats_to_kill: threats to kill\n    strangulation: strangulation or choking",
      "    threats_to_kil: threats to kill\n    strangulation: strangulation or choking"),
     "record_labels has no plain words for the question 'threats_to_kill'"),
    (("    unsure: not sure\n    dont_know: not known\n", "    unsure: not sure\n    dont_knw: not known\n"),
     '"dont_knw" is not an answer the record words'),
    (("    refuge: refuge\n", "    refugee: refuge\n"), '"refugee" is not a kind of service the record words'),
    (("    weapons: weapons or objects used to hurt\n    threats_to_kill: threats to kill\n    strangulation: strangulation or choking",
      "    threats_to_kill: threats to kill\n    strangulation: strangulation or choking"),
     "record_labels has no plain words for the question 'weapons'"),
    (('  record_marac_no: "MARAC referral: criteria not met."\n', ""), 'the message "record_marac_no" is missing'),
    (('  record_needs: "Needs noted: {needs}."', '  record_needs: "Needs noted: {need}."'), "{need}"),
])
def test_mistakes_in_the_record_words_are_refused_in_plain_words(tmp_path, change, expected):
    text = (default_pathway_dir() / "national.yml").read_text(encoding="utf-8")
    old, new = change
    assert old in text
    (tmp_path / "national.yml").write_text(text.replace(old, new, 1))
    found = [str(p) for p in load_pathways(tmp_path, TODAY).problems]
    assert any(expected in p for p in found), found
