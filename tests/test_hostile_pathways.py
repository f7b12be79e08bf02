"""Hostile and clumsy pathway files: each is refused quickly, in plain words, at the right line and
column; never a traceback, a hang or a silent acceptance; a running registry keeps the last good version.

Every case here was a traceback, a hang, a silent acceptance or an unclear message before it was fixed.
"""
import datetime as dt
import errno
import os
import shutil
import time
from pathlib import Path

import pytest

from bot.pathways import loading as pathways_module
from bot.cli import main
from bot.pathways import default_pathway_dir, load_pathways
from bot.registry import PathwayRegistry
from bot.yaml_source import YamlProblem

TODAY = dt.date(2026, 11, 21)
SHIPPED = default_pathway_dir()

AREA = """format: 1
area: testarea
title: Test area
owner: tests
review_due: 2027-06-01
extends: national
services:
  - id: test_idva
    name: Test IDVA
    kinds: [idva]
    phone: "0113 496 0000"
    referral: Phone the duty worker.
    last_verified: 2026-10-01
"""
#  line 8: "  - id: test_idva", 11: phone, 13: last_verified


def check(folder: Path, content, name="testarea.yml"):
    """Load one area file (text or bytes) next to national.yml: its problems as text, and the library."""
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    started = time.perf_counter()
    lib = load_pathways(folder, TODAY, files=[path])
    assert time.perf_counter() - started < 10.0, "a hostile file must not hang the loader"
    # the template says no nation (the line numbers here rest on it): that warning is tested elsewhere
    return [str(p) for p in lib.problems if p.file == path.name and "no nation:" not in str(p)], lib


def edit(old: str, new: str, text: str = AREA) -> str:
    assert old in text
    return text.replace(old, new, 1)


def assert_refused(found, lib, line, words, area="testarea"):
    hits = [p for p in found if words in p]
    assert hits, found
    if line is not None:
        assert any(p.startswith(f"testarea.yml:{line}:") for p in hits), hits
    assert area not in lib.pathways


def test_the_template_itself_loads(folder):
    found, lib = check(folder, AREA)
    assert found == [] and "testarea" in lib.pathways


# --- what YAML quietly does wrong: repeated keys, merge keys, tags, odd values --------------------

@pytest.mark.parametrize("content, line, words", [
    (edit('    phone: "0113 496 0000"\n', '    phone: "0113 496 0000"\n    phone: "0113 496 0001"\n'),
     12, 'the key "phone" is repeated here (it is also on line 11)'),
    (edit('    phone: "0113 496 0000"\n', '    phone: "0113 496 0000"\n    "phone": "0113 496 0001"\n'),
     12, 'the key "phone" is repeated here'),
    (edit("review_due: 2027-06-01\n", "review_due: 2027-06-01\nreview_due: 2028-06-01\n"), 6, 'key "review_due" is repeated'),
    (AREA + "services:\n  - id: test_two\n", 14, 'the key "services" is repeated here (it is also on line 7)'),
    (edit("  - id: test_idva\n", '  - <<: {phone: "0113 496 0999"}\n    id: test_idva\n'), 8, "merge keys (<<) are not allowed"),
    (edit("title: Test area", "title: !!python/object/apply:os.system ['echo hacked']"), 3, "'!!python/object/apply:os.system' is not allowed"),
    (edit("title: Test area", "title: !!binary aGVsbG8="), 3, "'!!binary' is not allowed"),
    (edit("title: Test area", "title: !secret x"), 3, "'!secret' is not allowed"),
    (edit("title: Test area", "title: !!set {a, b}"), 3, "'!!set' is not allowed"),
    (AREA + "demo: !!bool maybe\n", 14, '"maybe" cannot be read as true or false'),
    (AREA + "settings:\n  marac_threshold: !!int fourteen\n", 15, '"fourteen" cannot be read as a whole number'),
    (edit("review_due: 2027-06-01", "review_due: !!timestamp 'next year'"), 5, '"next year" is not a date'),
    (AREA + "settings:\n  marac_threshold: " + "9" * 5000 + "\n", 15, "far too many digits"),
    (AREA + "? [a, b]\n: 1\n", 14, "a key here is a list or a mapping"),
    (AREA + "---\nformat: 1\n", 14, "a second document starts here"),
])
def test_what_yaml_would_silently_get_wrong_is_an_error_at_the_line(folder, content, line, words):
    assert_refused(*check(folder, content), line, words)


def test_nothing_in_a_file_is_ever_run(folder, tmp_path):
    target = tmp_path / "pwned"
    check(folder, AREA.replace("title: Test area", f"title: !!python/object/apply:os.system ['touch {target}']"))
    check(folder, AREA + f"x: !!python/object/new:os.system ['touch {target}']\n")
    assert not target.exists()


# --- dates ---------------------------------------------------------------------------------

@pytest.mark.parametrize("value, words", [
    ("2026-13-45", '"2026-13-45" is not a real date: the month must be 01 to 12'),
    ("2026-02-30", '"2026-02-30" is not a real date: that month has no such day'),
    ("0000-01-01", "the year is out of range"),
    ("2026-10-02T10:00:00+25:00", "impossible time zone"),
    ("'2 Oct 2026'", 'should be a date written as YYYY-MM-DD, e.g. 2026-03-31, not "2 Oct 2026"'),
    ("01/10/2026", 'not "01/10/2026"'),
    ("20261001", 'not "20261001"'),
    ("2026-1-5", 'not "2026-1-5"'),
    ("'2026-02-30'", "is not a real date"),
    ("[2026-10-01]", "not a list"),
    ("2030-10-02", "last_verified 2030-10-02 is in the future"),
])
def test_impossible_odd_and_future_verification_dates_are_errors(folder, value, words):
    assert_refused(*check(folder, edit("last_verified: 2026-10-01", f"last_verified: {value}")), 13, words)


@pytest.mark.parametrize("value, words", [("next spring", 'not "next spring"'), ("2026", 'not "2026"'), ("yes", 'not "yes"')])
def test_review_due_must_be_a_date(folder, value, words):
    assert_refused(*check(folder, edit("review_due: 2027-06-01", f"review_due: {value}")), 5, words)


def test_a_review_date_years_away_is_a_warning_about_the_year(folder):
    found, lib = check(folder, edit("review_due: 2027-06-01", "review_due: 2207-06-01"))
    assert any("testarea.yml:5:" in p and "warning: review_due 2207-06-01 is more than three years away" in p for p in found)
    assert "testarea" in lib.pathways


# --- wrong types, each explained ---------------------------------------------------------------

@pytest.mark.parametrize("old, new, line, words", [
    ('phone: "0113 496 0000"', "phone: yes", 11, 'e.g. phone: "01632 960123", not yes (YAML reads yes, no, on, off'),
    ('phone: "0113 496 0000"', "phone: on", 11, "not on (YAML reads yes"),
    ('phone: "0113 496 0000"', "phone: +441134960000", 11, 'put the phone number in quotes: phone: "+441134960000"'),
    ('phone: "0113 496 0000"', "phone: 01134567000", 11, 'put the phone number in quotes: phone: "01134567000"'),
    ('phone: "0113 496 0000"', "phone: 0113.4960000", 11, 'phone: "0113.4960000"'),
    ('phone: "0113 496 0000"', 'phone: ["0113 496 0000"]', 11, "a phone number should be text, not a list"),
    ('phone: "0113 496 0000"', 'phone: "O113 496 0000"', 11, 'has "O" in it, which a phone number cannot have'),
    ('phone: "0113 496 0000"', 'phone: "0113 496 \uff10000"', 11, "has U+FF10 FULLWIDTH DIGIT ZERO in it"),
    ("    referral: Phone the duty worker.", "    referral: Phone.\n    hours: 9:30", 13, 'put it in quotes, e.g. "9:30"'),
    ("name: Test IDVA", "name: 12345", 9, 'put it in quotes, e.g. "12345"'),
    ("name: Test IDVA", "name: {a: b}", 9, "the service name should be text, not a set of 'key: value' lines"),
    ("kinds: [idva]", "kinds: {idva: 1}", 10, "kinds should be a list of service kinds"),
    ("kinds: [idva]", "kinds: [[idva]]", 10, "each service kind should be a single word"),
    ("kinds: [idva]", "kinds: [idva]\n    source: [a]", 11, "source should be the id of one of the sources, not a list"),
    ("kinds: [idva]", "kinds: [idva]\n    consent: [required]", 11, "consent should be one of required, not_if_high_risk, not_required, not a list"),
    ("kinds: [idva]", "kinds: [idva]\n    languages: 0", 11, "languages should be a list"),
    ("title: Test area", "title: [a, b]", 3, "title should be text, not a list"),
    ("owner: tests", "owner: yes", 4, 'owner should be text: put it in quotes, e.g. "yes"'),
    ("extends: national", "extends: national\ndemo: 'no'", 7, 'demo should be true or false, not "no"'),
    ("format: 1", "format: '1'", 1, "format should be the number 1 (without quotes)"),
    ("extends: national", "extends: national\nsettings: [marac_threshold: 14]", 7, "settings should be a set of 'key: value' lines, not a list"),
    ("extends: national", "extends: national\nsettings: lots", 7, "settings should be a set of 'key: value' lines, not text"),
    ("extends: national", "extends: national\nsettings: {marac_threshold: yes}", 7, 'marac_threshold should be a whole number from 1 to 24, not "yes"'),
    ("extends: national", "extends: national\nsettings: {medium_threshold: ten}", 7, "medium_threshold is no longer a setting: the risk bands are the national DASH bands"),
    ("extends: national", "extends: national\nsources: [a, b]", 7, "sources should be a set of 'key: value' lines, not a list"),
    ("extends: national", "extends: national\nsources: {local: [1, 2]}", 7, 'the source "local" should be text, not a list'),
    ("extends: national", "extends: national\nmessages: [a]", 7, "messages should be a set of 'key: value' lines, not a list"),
    ("extends: national", "extends: national\nfaq: [a]", 7, "faq should be a set of 'key: value' lines, not a list"),
    ("extends: national", "extends: national\nfaq: {marac: just text}", 7, 'the FAQ answer "marac" should be a set of'),
    ("extends: national", "extends: national\nsteps: {a: 1}", 7, "steps should be a list"),
    ("services:\n  - id: test_idva", "services:\n  - just a string\n  - id: test_idva", 8, "a service should be a set of 'key: value' lines, not text"),
])
def test_wrong_types_everywhere_are_explained_in_plain_words(folder, old, new, line, words):
    assert_refused(*check(folder, edit(old, new)), line, words)


def test_a_phone_number_with_a_leading_zero_is_fine_quoted_or_not_when_yaml_keeps_it_as_text(folder):
    found, lib = check(folder, edit('phone: "0113 496 0000"', "phone: 07700900123"))   # not a valid octal: text
    assert found == [] and lib.get("testarea").services[-1].phone == "07700900123"


@pytest.mark.parametrize("message, words", [
    ("stale_since: 'not verified since {0}'", '"stale_since" uses "{0}", which the bot cannot fill in: it may only use {date}'),
    ("stale_since: 'since {date.__class__}'", "which the bot cannot fill in"),
    ("referrals_heading: 'Options {area'", "does not pair up"),
    ("risk_result: [1]", '"risk_result" should be text, not a list'),
    ("emergency: call someone", "the emergency message should be a set of 'key: value' lines"),
    ("welcome:", 'the message "welcome" is missing'),
])
def test_messages_that_would_crash_the_bot_mid_conversation_are_errors(folder, message, words):
    assert_refused(*check(folder, AREA + f"messages:\n  {message}\n"), 15, words)


# --- invisible and look-alike characters -------------------------------------------------------

@pytest.mark.parametrize("old, new, line, column, words", [
    ("name: Test IDVA", "name: Test \u202e0000 694 3110", 9, 16, "U+202E RIGHT-TO-LEFT OVERRIDE"),
    ("name: Test IDVA", 'name: "Test \\u202e0000"', 9, 11, "U+202E RIGHT-TO-LEFT OVERRIDE), written with a backslash"),
    ("title: Test area", 'title: "\\e[2J\\e[31mHACKED"', 3, 8, "U+001B ESCAPE"),
    ("id: test_idva", "id: test\u200b_idva", 8, 13, "U+200B ZERO WIDTH SPACE"),
    ("id: test_idva", "id: t\u0435st_idva", 8, 9, "U+0435 CYRILLIC SMALL LETTER IE, which only looks like an English letter"),
    ("id: test_idva", 'id: "test_idva\\n"', 8, 9, "U+000A NEW LINE"),
    ('    phone: "0113', '    \u0440hone: "0113', 11, 5, 'unknown key "\u0440hone" in a service. Did you mean "phone"?'),
    ("area: testarea", "area: t\u0435starea", 2, 7, "CYRILLIC SMALL LETTER IE"),
    ("format: 1", "format: 1  # \u202e hidden", 1, 14, "U+202E"),
    ("title: Test area", "title: Test\x07area", 3, 12, "control character here (U+0007"),
])
def test_invisible_and_look_alike_characters_are_found_where_they_are(folder, old, new, line, column, words):
    found, lib = check(folder, edit(old, new))
    assert any(p.startswith(f"testarea.yml:{line}:{column}:") and words in p for p in found), found
    assert "testarea" not in lib.pathways
    assert not any("\x1b" in p or "\u202e" in p for p in found)      # shown as <U+...>, never raw


def test_file_names_and_values_are_printed_with_control_characters_made_visible(folder):
    name = "bad\x1b[2Jname.yml"
    found, _ = check(folder, AREA.replace("kinds: [idva]", 'kinds: ["\\e[31midva"]'), name=name)
    assert found and not any("\x1b" in p for p in found)
    assert all(p.startswith("bad<U+001B>[2Jname.yml:") for p in found)


# --- encodings, line ends, tabs, empty and non-mapping files ----------------------------------

@pytest.mark.parametrize("content, line, words", [
    (AREA.encode("utf-16"), 1, "saved as UTF-16"),
    (AREA.encode("utf-16-be"), 1, "saved as UTF-16"),
    (AREA.replace("Test IDVA", "Test IDVA café").encode("latin-1"), 9, "not UTF-8 text (byte 0xE9 here; it may have been saved as Windows or Latin-1"),
    (AREA.encode()[:100] + b"\x00" + AREA.encode()[100:], AREA[:100].count("\n") + 1, "binary file"),
    (bytes(range(128, 256)) * 50, 1, "not UTF-8 text"),
    (AREA.replace("    name: Test IDVA", "\tname: Test IDVA"), 9, "a tab is used to indent this line"),
    ("", 1, "this file is empty"),
    ("# only a comment\n", 1, "this file is empty"),
    ("null\n", 1, "this file is empty"),
    ("- a\n- b\n", 1, "this file is a list"),
    ("just some text\n", 1, "this file is text"),
    ("42\n", 1, "this file is a number"),
    ("format: 1\narea: [unclosed\n", 2, "a list opened here with [ is not closed"),
    ('format: 1\ntitle: "unclosed\narea: x\n', 2, "a quote opened here is never closed"),
    ("format: 1\ntitle: a: b\n", 2, "there is a ': ' inside a value here: put the whole value in quotes"),
])
def test_wrong_encodings_and_broken_yaml_are_named(folder, content, line, words):
    assert_refused(*check(folder, content), line, words)


@pytest.mark.parametrize("ending", [b"\r\n", b"\r"])
def test_windows_and_old_mac_line_ends_give_the_same_line_numbers(folder, ending):
    text = AREA.replace("kinds: [idva]", "kinds: [idvaa]").encode().replace(b"\n", ending)
    found, _ = check(folder, text)
    assert found == ['testarea.yml:10:13: "idvaa" is not a service kind. Did you mean "idva"?']


def test_a_utf8_byte_order_mark_is_fine(folder):
    found, lib = check(folder, b"\xef\xbb\xbf" + AREA.encode())
    assert found == [] and "testarea" in lib.pathways


# --- bombs and sizes ---------------------------------------------------------------------------

@pytest.mark.parametrize("content, words", [
    (AREA + "x:\n" + "- " * 10_000 + "1\n", "nested more than 12 levels deep"),
    (AREA + "x: " + "{a: " * 10_000 + "1" + "}" * 10_000 + "\n", "nested more than 12 levels deep"),
    ("x: " + "[" * 100_000 + "\n", "nested more than 12 levels deep"),
    (AREA + "x: [" + ",".join(["1"] * 60_000) + "]\n", "too many values"),
    (AREA + "# " + "x" * 600_000 + "\n", "a pathway file must be under 512 KB"),
])
def test_bombs_and_huge_files_are_refused_fast(folder, content, words):
    assert_refused(*check(folder, content), None, words)


def test_a_long_line_is_fine_a_value_too_long_for_a_chat_is_refused_and_never_echoed_whole(folder):
    found, lib = check(folder, edit("referral: Phone the duty worker.", "referral: " + "word " * 390))
    assert found == [] and "testarea" in lib.pathways
    # 300,000 characters could never be sent in one chat message (Telegram's limit is 4,096)
    found, _ = check(folder, edit("referral: Phone the duty worker.", "referral: " + "word " * 60_000))
    assert len(found) == 1 and "characters long: keep it under 2,000" in found[0] and len(found[0]) < 400
    found, _ = check(folder, edit('phone: "0113 496 0000"', 'phone: "' + "0" * 200_000 + '"'))
    assert found and all(len(p) < 400 for p in found)


def test_a_file_with_thousands_of_problems_lists_the_first_hundred(folder):
    found, _ = check(folder, AREA + "".join(f"junk{i}: {i}\n" for i in range(5000)))
    assert len(found) == 101 and "4900 more errors: fix the ones above first" in found[-1]


# --- extends ------------------------------------------------------------------------------------

@pytest.mark.parametrize("value, words", [
    ("northdale", 'area files can only extend "national", not "northdale"'),
    ("testarea", 'a file cannot extend itself: write "extends: national"'),
    ("../../etc/passwd", 'not a file or a folder: write "extends: national", not "../../etc/passwd"'),
    ("national.yml", 'write "extends: national", not "national.yml"'),
    ("National", 'not "National"'),
    ("", 'extends should say national'),
])
def test_extends_anything_but_national_is_an_error_and_no_file_is_opened(folder, value, words):
    assert_refused(*check(folder, edit("extends: national", f"extends: {value}")), 6, words)


def test_an_extends_cycle_is_two_plain_errors(folder):
    a = edit("extends: national", "extends: other")
    b = edit("extends: national", "extends: testarea").replace("area: testarea", "area: other").replace("test_idva", "other_idva")
    (folder / "testarea.yml").write_text(a)
    (folder / "other.yml").write_text(b)
    found = [str(p) for p in load_pathways(folder, TODAY).problems if p.severity == "error"]
    assert found == ['other.yml:6:10: area files can only extend "national", not "testarea": every area builds on '
                     "the national pathway (copy any services you need from another area into this file)",
                     'testarea.yml:6:10: area files can only extend "national", not "other": every area builds on '
                     "the national pathway (copy any services you need from another area into this file)"]


def test_national_cannot_extend_anything(folder):
    text = (folder / "national.yml").read_text()
    (folder / "national.yml").write_text(text.replace("\narea: national\n", "\narea: national\nextends: testarea\n", 1))
    found = [str(p) for p in load_pathways(folder, TODAY).problems]
    assert any("national.yml is the baseline every area builds on: it cannot extend another file" in p for p in found)


# --- what PATH can be: folders, links, pipes, devices, unreadable, missing --------------------

def test_a_pipe_a_device_a_folder_and_bad_links_in_the_folder_never_hang_or_crash(folder):
    (folder / "testarea.yml").write_text(AREA)
    os.mkfifo(folder / "pipe.yml")
    (folder / "folder.yml").mkdir()
    os.symlink("/dev/zero", folder / "zero.yml")
    os.symlink(folder / "loop.yml", folder / "loop.yml")
    os.symlink(folder / "missing-target.yml", folder / "dangling.yml")
    started = time.perf_counter()
    lib = load_pathways(folder, TODAY)
    assert time.perf_counter() - started < 2
    found = [str(p) for p in lib.errors]
    assert "pipe.yml:1:1: this is a named pipe, not a pathway file: give the path of a .yml text file" in found
    assert "folder.yml:1:1: this is a folder, not a pathway file: give the path of a .yml text file" in found
    assert "zero.yml:1:1: this is a device, not a pathway file: give the path of a .yml text file" in found
    assert "loop.yml:1:1: this is a link that leads round in a circle (a link to itself)" in found
    assert any(p.startswith("dangling.yml:1:1: the file does not exist") for p in found)
    assert "testarea" in lib.pathways


def test_the_validate_command_on_a_pipe_answers_at_once(folder, capsys):
    os.mkfifo(folder / "pipe.yml")
    assert main(["pathways", "validate", str(folder / "pipe.yml")]) == 1
    assert "pipe.yml:1:1: this is a named pipe" in capsys.readouterr().out


def test_an_unreadable_file_is_a_plain_problem(folder, monkeypatch):
    path = folder / "testarea.yml"
    path.write_text(AREA)
    real_open = os.open

    def refuse(p, *args, **kwargs):
        if Path(p) == path:
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_open(p, *args, **kwargs)
    monkeypatch.setattr(os, "open", refuse)
    found = [str(p) for p in load_pathways(folder, TODAY, files=[path]).problems]
    assert found == ["testarea.yml:1:1: pathbot is not allowed to read this file: check its permissions"]


def test_missing_national_and_misnamed_files_are_explained(tmp_path, capsys):
    (tmp_path / "testarea.yml").write_text(AREA)
    found = [str(p) for p in load_pathways(tmp_path, TODAY).problems]
    assert found == [f"national.yml:1:1: there is no national.yml in {tmp_path}: area files build on it, so it must "
                     "be in the same folder as them"]
    shutil.copy(SHIPPED / "national.yml", tmp_path / "national.yml")
    (tmp_path / "testarea.yml").rename(tmp_path / "testarea.yaml")
    found = [str(p) for p in load_pathways(tmp_path, TODAY).errors]
    assert found == ['testarea.yaml:1:1: this file is never read: pathway files must end in ".yml", so rename it to '
                     "testarea.yml"]
    lib = load_pathways(tmp_path, TODAY, files=[tmp_path / "testarea.yaml"])
    assert any('warning: the assistant only reads files ending in ".yml"' in str(p) for p in lib.problems)


def test_the_same_area_from_two_folders_is_a_clash(folder, tmp_path_factory):
    other = tmp_path_factory.mktemp("other")
    (folder / "testarea.yml").write_text(AREA)
    (other / "testarea.yml").write_text(AREA)
    lib = load_pathways(folder, TODAY, files=[folder / "testarea.yml", other / "testarea.yml"])
    assert [str(p) for p in lib.errors] == [f'testarea.yml:2:7: the area "testarea" is also declared by '
                                            f'{folder / "testarea.yml"}: each area has one file']


def test_four_hundred_files_named_on_the_command_line_load_fast(folder):
    paths = []
    for i in range(400):
        path = folder / f"area{i:03d}.yml"
        path.write_text(AREA.replace("area: testarea", f"area: area{i:03d}").replace("title: Test area",
                                                                                   f"title: Test area {i}"))
        paths.append(path)
    started = time.perf_counter()
    lib = load_pathways(folder, TODAY, files=paths + paths[:50])      # the same file twice is checked once
    assert time.perf_counter() - started < 2.5
    assert lib.errors == [] and len(lib.areas()) == 400


# --- the national pathway: wrong shapes deep inside, and rules that could never fire ------------

@pytest.mark.parametrize("old, new, words, at", [
    ("    options:\n", "    options: 5\n    old_options:\n", "options should be a list of options", None),
    ("    branches:\n", "    branches: [1]\n    old_branches:\n", "branches should be a set of 'answer: ...' lines, not a list", None),
    ("    route:\n", "    route: {a: 1}\n    old_route:\n", "route should be a list of routes", None),
    ("    when: {risk: high}\n", "    when: {risk: hihg}\n", '"hihg" is not an answer to "risk", so this can never match; '
                                                              'the answers are none, standard, medium, high. Did you mean "high"?', None),
    ("    when: {risk: high}\n    kinds: [", "    when: {risk: high}\n    kinds: []\n    old_kinds: [", "needs at least one kind", None),
    ("  stale_since:", "  stale_since_old:", 'the message "stale_since" is missing: the bot needs it', "\nmessages:\n"),
    ('"not verified since {date}', '"not verified since {day}', '"stale_since" uses "{day}"', None),
])
def test_national_errors_deep_inside_are_plain_and_never_a_traceback(folder, old, new, words, at):
    text = (folder / "national.yml").read_text()
    assert old in text
    (folder / "national.yml").write_text(text.replace(old, new, 1))
    line = text[: text.index(at or old)].count("\n") + 1 + (at is not None)
    lib = load_pathways(folder, TODAY)
    found = [str(p) for p in lib.problems if words in str(p)]
    assert found and all(p.startswith("national.yml:") for p in found), [str(p) for p in lib.errors]
    assert any(abs(int(p.split(":")[1]) - line) <= 2 for p in found), (line, found)
    assert "national" not in lib.pathways


def test_a_bug_in_the_checks_is_reported_as_a_problem_never_a_traceback(folder, monkeypatch, capsys):
    real_build = pathways_module._build

    def broken(data, c, base, version):
        if base is not None:
            raise KeyError("a bug")
        return real_build(data, c, base, version)
    monkeypatch.setattr(pathways_module, "_build", broken)
    (folder / "testarea.yml").write_text(AREA)
    assert main(["pathways", "validate", str(folder / "testarea.yml")]) == 1
    out = capsys.readouterr()
    assert "could not finish checking this file (KeyError), so it is not loaded" in out.out
    assert "Traceback" not in out.out + out.err


def test_the_reader_alone_keeps_every_position_and_problem():
    from bot.yaml_source import parse
    parsed = parse("a: 1\nb:\n  - x\n  - {c: 2026-13-01}\na: 2\n")
    assert parsed.data == {"a": 2, "b": ["x", {"c": "2026-13-01"}]}
    assert parsed.marks[("b", 1, "c")] == (4, 9) and parsed.marks[("a", "<key>")] == (5, 1)
    assert [str(p) for p in parsed.problems] == [
        '4:9: "2026-13-01" is not a real date: the month must be 01 to 12. Write dates as YYYY-MM-DD, e.g. 2026-03-31',
        '5:1: the key "a" is repeated here (it is also on line 1): YAML quietly keeps only the last one, so the value '
        "above would be lost. Delete one of them, or merge the two"]
    with pytest.raises(YamlProblem, match="anchors and aliases"):
        parse("a: &x 1\nb: *x\n")


# --- the live registry keeps serving the last good version ------------------------------------

HOSTILE_EDITS = {
    "repeated key": lambda p: p.write_text(p.read_text().replace("marac_threshold: 14", "marac_threshold: 14\n  marac_threshold: 20")),
    "merge key": lambda p: p.write_text(p.read_text().replace("settings:\n", "settings:\n  <<: {marac_threshold: 20}\n")),
    "binary": lambda p: p.write_bytes(b"\x00\x01" * 100),
    "utf-16": lambda p: p.write_bytes(p.read_text().encode("utf-16")),
    "impossible date": lambda p: p.write_text(p.read_text().replace("review_due: 2027-05-31", "review_due: 2027-13-31")),
    "python tag": lambda p: p.write_text(p.read_text().replace("title:", "title: !!python/name:os.system\nx:")),
    "billion laughs": lambda p: p.write_text(p.read_text() + "a: &a [1, 1]\nb: [*a, *a]\n"),
    "named pipe": lambda p: (p.unlink(), os.mkfifo(p)),
    "folder": lambda p: (p.unlink(), p.mkdir()),
    "link loop": lambda p: (p.unlink(), os.symlink(p, p)),
    "huge": lambda p: p.write_text("# " + "x" * 600_000),
}


@pytest.mark.parametrize("name", HOSTILE_EDITS)
def test_a_hostile_edit_leaves_the_last_good_version_serving(tmp_path, name):
    for f in ("national.yml", "exampleshire.yml"):
        shutil.copy(SHIPPED / f, tmp_path / f)
    now = [0.0]
    registry = PathwayRegistry(tmp_path, check_every=2.0, clock=lambda: now[0], today=TODAY)
    good = registry.library().get("exampleshire")
    HOSTILE_EDITS[name](tmp_path / "exampleshire.yml")
    now[0] += 5
    started = time.perf_counter()
    library = registry.library()
    assert time.perf_counter() - started < 1
    assert library.get("exampleshire") is good
    assert library.errors and all(p.file == "exampleshire.yml" for p in library.errors)


def test_a_broken_national_or_a_crash_while_reloading_keeps_everything_serving(tmp_path, monkeypatch):
    for f in ("national.yml", "exampleshire.yml"):
        shutil.copy(SHIPPED / f, tmp_path / f)
    now = [0.0]
    registry = PathwayRegistry(tmp_path, check_every=2.0, clock=lambda: now[0], today=TODAY)
    before = dict(registry.library().pathways)
    national = tmp_path / "national.yml"
    national.write_text(national.read_text() + "messages: {}\n")       # a repeated section
    now[0] += 5
    assert registry.library().pathways == before
    monkeypatch.setattr("bot.registry.load_pathways", lambda *a, **k: 1 / 0)
    (tmp_path / "exampleshire.yml").write_text("anything")
    now[0] += 5
    assert registry.library().pathways == before


def test_a_reload_reads_only_the_files_that_changed(tmp_path, monkeypatch):
    shutil.copy(SHIPPED / "national.yml", tmp_path / "national.yml")
    for i in range(30):
        (tmp_path / f"area{i:02d}.yml").write_text(AREA.replace("area: testarea", f"area: area{i:02d}")
                                                   .replace("title: Test area", f"title: Test area {i}"))
    now = [0.0]
    registry = PathwayRegistry(tmp_path, check_every=2.0, clock=lambda: now[0], today=TODAY)
    before = registry.library().get("area07")
    read = []
    real = pathways_module._read_file
    monkeypatch.setattr(pathways_module, "_read_file", lambda path, *a, **k: read.append(path.name) or real(path, *a, **k))
    (tmp_path / "area07.yml").write_text(AREA.replace("area: testarea", "area: area07").replace("Test IDVA", "New IDVA")
                                         .replace("title: Test area", "title: Test area 7"))
    (tmp_path / "area08.yml").unlink()
    now[0] += 5
    library = registry.library()
    assert sorted(read) == ["area07.yml", "national.yml"]
    assert library.get("area07") is not before and library.get("area07").services[-1].name == "New IDVA"
    assert library.get("area09") is not None and "area08" not in library.pathways
