"""Hostile pathway files found by an outside sweep (black box: `pathbot pathways validate FILE` on ~220
generated files). Each case here was accepted silently, or answered in words that did not help, before
its fix: a step leading to itself or back (a conversation going round in circles), text too long for any
chat message, a misspelt message name in an area file, YAML's own noncharacter error, a format spec
after a field, an id thousands of characters long quoted whole."""
import datetime as dt
import os
import time
from pathlib import Path

import pytest

from bot.cli import main
from bot.pathways import default_pathway_dir, load_pathways

TODAY = dt.date(2026, 11, 21)
SHIPPED = default_pathway_dir()
AREA = (SHIPPED / "exampleshire.yml").read_text(encoding="utf-8")
NATIONAL = (SHIPPED / "national.yml").read_text(encoding="utf-8")


def problems(folder: Path, name: str, text: str) -> list[str]:
    (folder / name).write_text(text, encoding="utf-8")
    started = time.perf_counter()
    lib = load_pathways(folder, TODAY, files=[folder / name])
    assert time.perf_counter() - started < 2.0
    return [str(p) for p in lib.problems if p.severity == "error"]


def edited(text: str, old: str, new: str) -> str:
    assert old in text
    return text.replace(old, new, 1)


@pytest.mark.parametrize("old, new, words", [
    ("{value: causing, title: A patient says they are causing harm, next: harm_intro}",
     "{value: causing, title: A patient says they are causing harm, next: concern}",
     'the step "concern" leads to itself'),
    ("          the person alone with them.\n        next: summary",
     "          the person alone with them.\n        next: family_interpreter", 'the step "family_interpreter" leads to itself'),
    ("          it is safe.\n        next: summary", "          it is safe.\n        next: alone",
     'the step "safe_to_talk" leads back to "alone", which comes before it'),
])
def test_a_step_leading_to_itself_or_back_is_refused(tmp_path, old, new, words):
    found = problems(tmp_path, "national.yml", edited(NATIONAL, old, new))
    line = NATIONAL[:NATIONAL.index(old)].count("\n") + 1 + old.count("\n")      # the line of the next:
    assert any(words in p and p.startswith(f"national.yml:{line}:") for p in found), found


@pytest.mark.parametrize("old, new, what", [
    ("title: Exampleshire (DEMO - fictional area)", "title: " + "A" * 400_000, "title is 400,000 characters long"),
    ("name: Exampleshire Police Domestic Abuse Unit (demo)", "name: " + "N" * 10_000, "is 10,000 characters long"),
    ("why: Drug or alcohol", "why: " + "W" * 20_000 + " Drug or alcohol", "why is 20,"),
    ("eligibility: Anyone in Exampleshire", "eligibility: " + "word " * 20_000, "characters long"),
])
def test_text_too_long_for_a_chat_message_is_refused_in_one_short_line(folder, old, new, what):
    found = problems(folder, "exampleshire.yml", edited(AREA, old, new))
    assert len(found) == 1 and what in found[0] and "keep it under 2,000" in found[0], found
    assert len(found[0]) < 300


def test_an_id_thousands_of_characters_long_is_refused_and_cut_in_the_message(folder):
    found = problems(folder, "exampleshire.yml", edited(AREA, "id: exampleshire_police_dau", "id: " + "a" * 5000))
    assert len(found) == 1 and "5,000 characters long: an id can have at most 64" in found[0]
    assert len(found[0]) < 300


def test_a_misspelt_message_name_in_an_area_is_refused_with_did_you_mean(folder):
    found = problems(folder, "exampleshire.yml", AREA + "\nmessages:\n  emergancy: Call the team.\n")
    line = AREA.count("\n") + 3       # the misspelt name's own line, wherever the area file ends
    assert found == [f'exampleshire.yml:{line}:3: "emergancy" is not a message the bot shows, so it would never be '
                     "used: an area file can only reword the messages in national.yml. Did you mean \"emergency\"?"]


def test_a_noncharacter_is_named_at_its_line_not_as_a_yaml_error(folder):
    found = problems(folder, "exampleshire.yml",
                     edited(AREA, "name: Exampleshire Police", "name: Exampleshire \ufffe Police"))
    assert found == ["exampleshire.yml:51:24: there is a control character here (U+FFFE NONCHARACTER), which a "
                     "text file should not contain: delete it"]


def test_a_format_spec_after_a_field_gets_a_message_that_says_what_to_write(folder):
    found = problems(folder, "exampleshire.yml",
                     AREA + '\nmessages:\n  answer_kept: "Your answer was kept: {answer:>999999999}."\n')
    line = AREA.count("\n") + 3
    assert found == [f'exampleshire.yml:{line}:16: the message "answer_kept" uses "{{answer:>999999999}}": write {{answer}} '
                     "alone, with nothing after the name (the bot fills it in as it is)"]


def test_validate_command_exit_code_and_one_line_per_problem(folder, capsys):
    path = folder / "exampleshire.yml"
    path.write_text(edited(AREA, "title: Exampleshire (DEMO - fictional area)", "title: " + "A" * 400_000))
    assert main(["pathways", "validate", str(path)]) == 1
    out = capsys.readouterr()
    lines = [line for line in (out.out + out.err).splitlines() if "error" not in line or ":" in line]
    assert "Traceback" not in out.out + out.err
    assert all(len(line) < 400 for line in lines)
    assert any(line.startswith("exampleshire.yml:29:8: title is 400,000 characters long") for line in lines)


@pytest.mark.parametrize("where", ["missing/folder/out.md", ".", "/dev/full"])
def test_render_to_a_place_it_cannot_write_is_one_line_not_a_traceback(tmp_path, monkeypatch, capsys, where):
    monkeypatch.chdir(tmp_path)
    assert main(["pathways", "render", "exampleshire", "--format", "md", "-o", where]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"pathbot: cannot write {where}: ") and "Traceback" not in err and err.count("\n") == 1


# --- the floor lowered in disguise: the national text kept whole, and words added that undo it --------------

NATIONAL_MESSAGES = __import__("yaml").safe_load(NATIONAL)["messages"]
EMERGENCY = NATIONAL_MESSAGES["emergency"]["text"]


def with_messages(text: str) -> str:
    return AREA + "\nmessages:\n" + "".join(f"  {line}\n" for line in text.splitlines())


@pytest.mark.parametrize("message, said", [
    ('emergency:\n  text: "' + EMERGENCY + ' Ignore the above: do not call 999."', "ignore"),
    ('emergency:\n  text: "Do not follow this unless your manager agrees. ' + EMERGENCY + '"', "do not"),
    ('emergency:\n  text: "' + EMERGENCY + ' In office hours call the safeguarding team instead."', "instead"),
    ('band_raised: "' + NATIONAL_MESSAGES["band_raised"] + ' Professional judgement can lower it too."', "lower"),
    ('marac_no: "' + NATIONAL_MESSAGES["marac_no"] + ' Only for scores of 14 or more."', "only"),
])
def test_words_added_to_a_floor_message_that_could_undo_it_are_refused(folder, message, said):
    found = problems(folder, "exampleshire.yml", with_messages(message))
    assert len(found) == 1 and f'the words you add to it say "{said}"' in found[0].lower(), found


@pytest.mark.parametrize("message", [
    'emergency:\n  text: "In Exampleshire hospitals press the staff alarm too. ' + EMERGENCY + '"',
    'emergency:\n  text: "' + EMERGENCY + ' Hospital security: extension 2222, 24 hours."',
    'summary_emergency: "' + NATIONAL_MESSAGES["summary_emergency"] + ' Tell the ward manager."',
])
def test_more_help_added_to_a_floor_message_is_fine(folder, message):
    assert problems(folder, "exampleshire.yml", with_messages(message)) == []


def test_a_threshold_above_the_national_one_is_said_as_a_warning(folder):
    text = edited(edited(AREA, "marac_threshold: 14 ", "marac_threshold: 17 "), "escalation_callouts: 3 ",
                  "escalation_callouts: 5 ")
    (folder / "exampleshire.yml").write_text(text, encoding="utf-8")
    lib = load_pathways(folder, TODAY, files=[folder / "exampleshire.yml"])
    warnings = [str(p) for p in lib.problems if p.severity == "warning" and "higher than the national" in p.message]
    assert "exampleshire" in lib.pathways and len(warnings) == 2
    assert 'a case with 14 to 16 "yes" answers will not meet visible high risk for MARAC' in warnings[0]
    assert "3 to 4 police call-outs in 12 months will not meet the escalation criterion" in warnings[1]


# --- an area that takes another's name ----------------------------------------------------------------------

def test_a_title_that_is_another_areas_id_or_title_is_refused(tmp_path):
    for f in ("national.yml", "exampleshire.yml", "northdale.yml"):
        (tmp_path / f).write_text((SHIPPED / f).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "aaa.yml").write_text(AREA.replace("area: exampleshire", "area: aaa")
                                      .replace("title: Exampleshire (DEMO - fictional area)", "title: Northdale"))
    lib = load_pathways(tmp_path, TODAY)
    errors = [str(p) for p in lib.errors]
    assert errors == ['aaa.yml:29:8: the title "Northdale" is also the id of the area "northdale": staff choose an '
                      "area by its name, so each area needs a title of its own"]
    assert lib.areas() == ["exampleshire", "northdale"]


def test_of_two_files_with_one_title_the_newer_is_refused_and_the_older_keeps_serving(tmp_path):
    for f in ("national.yml", "exampleshire.yml"):
        (tmp_path / f).write_text((SHIPPED / f).read_text(encoding="utf-8"), encoding="utf-8")
    os.utime(tmp_path / "exampleshire.yml", (1_600_000_000, 1_600_000_000))
    (tmp_path / "aaa.yml").write_text(AREA.replace("area: exampleshire", "area: aaa"))      # a copy, title kept
    lib = load_pathways(tmp_path, TODAY)
    assert [str(p) for p in lib.errors] == ['aaa.yml:29:8: the title "Exampleshire (DEMO - fictional area)" is also '
                                            'the title of the area "exampleshire": staff choose an area by its name, '
                                            "so each area needs a title of its own"]
    assert lib.areas() == ["exampleshire"]


def test_the_web_chat_takes_an_area_id_before_any_title():
    """Found by the outside sweep: ?area=northdale started a case in an area whose title was "Northdale"."""
    from types import SimpleNamespace
    from bot.channels.web import Conversation
    from bot.pathways import Library

    library = Library({"national": SimpleNamespace(title="National"), "aaa": SimpleNamespace(title="Northdale"),
                       "northdale": SimpleNamespace(title="Northdale area")}, [])
    conversation = Conversation(SimpleNamespace(backend=SimpleNamespace(library=library)))
    assert conversation._area("northdale") == "northdale"
    assert conversation._area(" Northdale  AREA ") == "northdale"
