"""Pathway files: the shipped ones load cleanly; bad and hostile files give plain, positioned errors."""
import datetime as dt
import shutil
import time
from pathlib import Path

import pytest

from bot import vocab
from bot.cli import main
from bot.pathways import default_pathway_dir, load_pathways

TODAY = dt.date(2026, 11, 21)
SHIPPED = default_pathway_dir()


def area_file(folder: Path, body: str, name="testarea") -> Path:
    path = folder / f"{name}.yml"
    path.write_text(f"format: 1\narea: {name}\ntitle: Test area\nowner: tests\nreview_due: 2027-06-01\n"
                    f"extends: national\n{body}")
    return path


SERVICE = """services:
  - id: test_idva
    name: Test IDVA
    kinds: [idva]
    phone: "0113 496 0000"
    referral: Phone the duty worker.
    last_verified: 2026-10-01
"""


def problems_for(folder, path):
    lib = load_pathways(folder, TODAY, files=[path])
    return [str(p) for p in lib.problems if p.file == path.name], lib


def test_shipped_pathways_load_without_errors():
    lib = load_pathways(SHIPPED, TODAY)
    assert lib.errors == []
    assert lib.areas() == ["exampleshire", "northdale", "sir_enghraifft"]


@pytest.mark.parametrize("area", ["exampleshire", "northdale"])
def test_each_demo_area_has_a_local_service_of_every_kind_and_is_marked_demo(area):
    pathway = load_pathways(SHIPPED, TODAY).get(area)
    assert pathway.demo
    local = {k for s in pathway.services if s.local for k in s.kinds}
    assert set(vocab.SERVICE_KINDS) - {"emergency"} <= local
    assert "DEMO" in pathway.title


def test_every_shipped_service_carries_a_verification_date_and_every_file_a_review_date():
    import yaml
    for path in SHIPPED.glob("*.yml"):
        data = yaml.safe_load(path.read_text())
        assert isinstance(data["review_due"], dt.date), path.name
        for service in data.get("services", []):
            assert "last_verified" in service, f"{path.name}: {service['id']}"
            assert service["last_verified"] is None or isinstance(service["last_verified"], dt.date)


def test_area_settings_override_the_national_baseline():
    lib = load_pathways(SHIPPED, TODAY)
    assert lib.get("exampleshire").settings["marac_threshold"] == 14
    assert lib.get("exampleshire").settings["escalation_callouts"] == 3
    assert lib.get("northdale").settings["marac_threshold"] == 17
    assert lib.get("northdale").settings["escalation_callouts"] == 5
    # every case with children to the MASH is an ordinary Northdale referral rule, not a setting
    assert "children_to_mash" not in lib.get("northdale").settings
    assert [r.kinds for r in lib.get("northdale").rules if r.id == "northdale_children_to_mash"] == [("mash",)]
    assert not any(r.id.startswith("northdale_") for r in lib.get("exampleshire").rules)


@pytest.mark.parametrize("body, line, words", [
    (SERVICE.replace("    referral:", "    refferal:"), 12, 'unknown key "refferal" in a service. Did you mean "referral"?'),
    (SERVICE.replace("kinds: [idva]", "kinds: [idvaa]"), 10, '"idvaa" is not a service kind. Did you mean "idva"?'),
    (SERVICE.replace('    phone: "0113 496 0000"\n', '    phone: "0113 496 00"\n'), 11, "cannot be a UK phone number"),
    (SERVICE + '    email: "duty at example.org"\n', 14, "not a valid email address"),
    (SERVICE.replace("    name: Test IDVA\n", ""), 8, 'a service is missing "name"'),
    (SERVICE + SERVICE.replace("services:\n", ""), 14, 'the service id "test_idva" is used twice'),
    ("settings:\n  marac_threshold: 40\n" + SERVICE, 8, "marac_threshold should be a whole number from 1 to 24"),
    ("settings:\n  marac_treshold: 14\n" + SERVICE, 8, 'Did you mean "marac_threshold"?'),
    (SERVICE.replace("last_verified: 2026-10-01", "last_verified: 01/10/2026"), 13, "YYYY-MM-DD"),
    (SERVICE.replace("kinds: [idva]", "kinds: []"), 10, "needs at least one kind"),
    ("steps: []\n" + SERVICE, 7, '"steps" can only be set in the national pathway'),
])
def test_errors_name_the_line_and_say_what_is_wrong(folder, body, line, words):
    path = area_file(folder, body)
    found, lib = problems_for(folder, path)
    hits = [p for p in found if words in p]
    assert hits, found
    assert hits[0].startswith(f"testarea.yml:{line}:")
    assert "testarea" not in lib.pathways        # a file with errors is not loaded


def test_warnings_for_unverified_services_and_overdue_review(folder):
    body = SERVICE.replace("last_verified: 2026-10-01", "last_verified: null")
    path = area_file(folder, body)
    path.write_text(path.read_text().replace("review_due: 2027-06-01", "review_due: 2025-01-01"))
    found, lib = problems_for(folder, path)
    assert any("warning: the service \"test_idva\" has never been verified" in p for p in found)
    assert any("review of this file was due on 2025-01-01" in p for p in found)
    assert "testarea" in lib.pathways            # warnings do not stop loading


def test_national_flow_errors_broken_references_and_unreachable_steps(tmp_path):
    text = (SHIPPED / "national.yml").read_text()
    text = text.replace("        next: summary\n    sources: [ph50, qs116, dhsc2017]",
                        "        next: sumary\n    sources: [ph50, qs116, dhsc2017]", 1)
    text = text.replace("  - id: harm_intro\n", "  - id: harm_intro_orphan\n", 1)
    (tmp_path / "national.yml").write_text(text)
    found = [str(p) for p in load_pathways(tmp_path, TODAY).problems]
    assert any('"sumary" is not a step in this pathway. Did you mean "summary"?' in p for p in found), found
    assert any('"harm_intro" is not a step' in p for p in found)
    assert any('"harm_intro_orphan" can never be reached' in p for p in found)


@pytest.mark.parametrize("content, words", [
    ("a: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n", "anchors and aliases"),
    ("area: !!python/object/apply:os.system ['echo hacked']\n", "is not allowed"),
    ("x: " + "[" * 5000 + "]" * 5000 + "\n", "nested more than"),
    ("format: 1\narea: [unclosed\n", "a list opened here with [ is not closed"),
    ("- just\n- a list\n", "should be a set of 'key: value' lines"),
])
def test_hostile_or_broken_files_are_refused_quickly_and_never_executed(folder, content, words):
    path = folder / "testarea.yml"
    path.write_text(content)
    started = time.perf_counter()
    found, lib = problems_for(folder, path)
    assert time.perf_counter() - started < 2
    assert any(words in p for p in found), found
    assert "testarea" not in lib.pathways


def test_binary_and_huge_files_are_refused(folder):
    (folder / "binary.yml").write_bytes(b"\x00\x01\x02 PK zip")
    (folder / "huge.yml").write_text("notes: " + "x" * 2_000_000)
    lib = load_pathways(folder, TODAY)
    found = [str(p) for p in lib.problems]
    assert any(p.startswith("binary.yml:1:1: this looks like a binary file") for p in found)
    assert any(p.startswith("huge.yml:1:1:") and "must be under" in p for p in found)


def test_validate_command_exit_codes_and_output(folder, capsys):
    assert main(["pathways", "validate", str(SHIPPED)]) == 0
    bad = area_file(folder, SERVICE.replace("kinds: [idva]", "kinds: [idvaa]"))
    assert main(["pathways", "validate", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "testarea.yml:10:" in out and "Did you mean" in out
    with pytest.raises(SystemExit) as exc:
        main(["pathways", "validate", "--no-such-flag"])
    assert exc.value.code == 2
    assert main(["pathways", "validate", str(folder / "missing.yml")]) == 2


def test_strict_turns_warnings_into_failure(folder):
    path = area_file(folder, SERVICE.replace("last_verified: 2026-10-01", "last_verified: null"))
    assert main(["pathways", "validate", str(path)]) == 0
    assert main(["pathways", "validate", "--strict", str(path)]) == 1


def test_a_folder_and_a_file_from_another_folder_are_both_checked(tmp_path, capsys):
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(default_pathway_dir() / "national.yml", other / "national.yml")
    (other / "broken.yml").write_text("format: 1\narea: broken\nextends: national\ntitle: Broken\n")
    code = main(["pathways", "validate", str(other), str(default_pathway_dir() / "exampleshire.yml")])
    out, err = capsys.readouterr()
    assert code == 1, "the folder named first is checked too"
    assert "broken.yml:1:1:" in out and "review_due" in out
    assert "1 area(s) loaded" in err                      # exampleshire; the broken area is not loaded
