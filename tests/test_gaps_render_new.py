"""Commissioners' tools: the gap report, the printable pathway, the new-area template, and loading at scale."""
import datetime as dt
import json
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from bot import vocab
from bot.bench import load_many_areas
from bot.cli import main
from bot.gaps import gaps
from bot.pathways import SETTINGS, default_pathway_dir, load_pathways
from bot.render import as_html

TODAY = dt.date(2026, 11, 21)
SHIPPED = default_pathway_dir()
ROOT = Path(__file__).resolve().parents[1]
STAGES = ("1. Safe enquiry", "2. Immediate safety and risk identification", "3. Referral",
          "If the person discloses causing harm")


@pytest.fixture(scope="module")
def shipped():
    return load_pathways(SHIPPED, TODAY)


def write_area(folder: Path, services: str, name="testarea", review_due="2027-06-01", title="Test area") -> Path:
    path = folder / f"{name}.yml"
    path.write_text(f"format: 1\narea: {name}\ntitle: {title}\nowner: tests\nreview_due: {review_due}\n"
                    f"extends: national\nservices:\n{services}", encoding="utf-8")
    return path


def service(sid, kinds, verified="2026-10-01", name=None, referral="Phone the duty worker."):
    return (f"  - id: {sid}\n    name: {name or sid.replace('_', ' ').title()}\n    kinds: [{', '.join(kinds)}]\n"
            f"    phone: \"0113 496 0000\"\n    referral: {referral}\n    last_verified: {verified}\n")


def run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


# --- gap report -------------------------------------------------------------------------

@pytest.mark.parametrize("area, stale", [
    ("exampleshire", {"exampleshire_later_life": "older_than_max_age", "exampleshire_lgbt": "never_verified",
                      "exampleshire_migrant_advice": "older_than_max_age"}),
    ("northdale", {"northdale_mens_project": "older_than_max_age", "northdale_council_nrpf": "never_verified",
                   "northdale_drug_alcohol": "older_than_max_age"}),
])
def test_demo_areas_have_every_kind_locally_except_emergency_and_list_their_stale_entries(shipped, area, stale):
    report = gaps(shipped.get(area), TODAY)
    assert list(report.kinds) == list(vocab.SERVICE_KINDS)
    assert report.kinds.pop("emergency") == "national_only"
    assert set(report.kinds.values()) == {"local"}
    assert {o.service: o.reason for o in report.out_of_date} == stale
    assert not report.review_overdue


def test_an_area_missing_kinds_is_told_which_and_stale_or_overdue_entries_are_listed(folder, capsys):
    write_area(folder, service("test_idva", ["idva"]) + service("test_refuge", ["refuge"], verified="2024-01-10")
               + service("test_new", ["housing"], verified="null"), review_due="2026-09-30")
    code, out, _ = run(capsys, "pathways", "gaps", "testarea", "--dir", str(folder), "--format", "json",
                       "--today", TODAY.isoformat())
    assert code == 0
    [report] = json.loads(out)
    kinds = report["kinds"]
    assert kinds["idva"] == kinds["refuge"] == kinds["housing"] == "local"
    assert kinds["police"] == kinds["mash"] == kinds["emergency"] == "national_only"   # national services only
    assert kinds["marac"] == kinds["safeguarding_lead"] == kinds["maternity"] == "missing"
    assert report["review_due"] == "2026-09-30" and report["review_overdue"] is True
    assert report["out_of_date"] == [
        {"service": "test_idva", "name": "Test Idva", "last_verified": "2026-10-01", "reason": "file_review_overdue"},
        {"service": "test_refuge", "name": "Test Refuge", "last_verified": "2024-01-10", "reason": "older_than_max_age"},
        {"service": "test_new", "name": "Test New", "last_verified": None, "reason": "never_verified"},
    ]
    code, out, _ = run(capsys, "pathways", "gaps", "testarea", "--dir", str(folder), "--today", TODAY.isoformat())
    assert "Missing (" in out and "marac" in out and "OVERDUE" in out
    assert "test_refuge (Test Refuge): last verified 2024-01-10, more than 365 days ago" in out
    assert "test_new (Test New): never verified" in out


def test_gap_report_json_has_the_documented_shape_for_every_area(capsys):
    code, out, _ = run(capsys, "pathways", "gaps", "--format", "json", "--today", TODAY.isoformat())
    reports = json.loads(out)
    assert code == 0 and [r["area"] for r in reports] == ["exampleshire", "northdale", "sir_enghraifft"]
    for r in reports:
        assert set(r) == {"area", "title", "today", "kinds", "out_of_date", "review_due", "review_overdue"}
        assert list(r["kinds"]) == list(vocab.SERVICE_KINDS)
        assert set(r["kinds"].values()) <= {"local", "national_only", "missing"}
        for o in r["out_of_date"]:
            assert set(o) == {"service", "name", "last_verified", "reason"}
            assert o["reason"] in ("never_verified", "older_than_max_age", "file_review_overdue")


def test_gap_report_markdown_is_a_table_and_names_its_basis(capsys):
    code, out, _ = run(capsys, "pathways", "gaps", "exampleshire", "--format", "md", "--today", TODAY.isoformat())
    assert code == 0
    assert out.startswith("# ") and "NICE PH50 recommendation 1" in out and "Coordinated Community Response" in out
    assert "| Service kind | Coverage | Services |" in out
    assert "| `emergency` | national only |" in out and "| `idva` | local service |" in out
    assert "| `exampleshire_lgbt` | Rainbow Safety Exampleshire (demo) | never | never verified |" in out
    assert len([line for line in out.splitlines() if line.startswith("| `")]) == len(vocab.SERVICE_KINDS) + 3


def test_gap_report_as_of_a_later_day_flags_the_overdue_review(capsys):
    code, out, _ = run(capsys, "pathways", "gaps", "northdale", "--format", "json", "--today", "2027-04-01")
    [r] = json.loads(out)
    assert r["review_overdue"] is True
    assert {o["reason"] for o in r["out_of_date"]} >= {"file_review_overdue", "never_verified"}


def test_gaps_unknown_area_or_bad_date_is_a_usage_error(capsys):
    code, _, err = run(capsys, "pathways", "gaps", "examplshire")
    assert code == 2 and 'Did you mean "exampleshire"?' in err
    with pytest.raises(SystemExit) as exc:
        main(["pathways", "gaps", "--today", "21/11/2026"])
    assert exc.value.code == 2


def test_gaps_says_which_files_were_not_reported_because_of_errors(folder, capsys):
    write_area(folder, service("good_idva", ["idva"]), name="goodarea")
    (folder / "brokenarea.yml").write_text("format: 1\narea: brokenarea\ntitle: [\n")
    code, out, err = run(capsys, "pathways", "gaps", "--dir", str(folder), "--format", "json")
    assert code == 0 and [r["area"] for r in json.loads(out)] == ["goodarea"]
    assert "brokenarea.yml" in err
    code, _, err = run(capsys, "pathways", "gaps", "brokenarea", "--dir", str(folder))
    assert code == 1 and "has errors" in err


# --- printable pathway ------------------------------------------------------------------

def test_markdown_pathway_has_every_stage_service_and_verification_date(shipped, capsys):
    code, md, _ = run(capsys, "pathways", "render", "exampleshire", "--format", "md", "--today", TODAY.isoformat())
    assert code == 0
    pathway = shipped.get("exampleshire")
    text = md.replace("\\", "")          # Markdown escapes
    assert text.index("DEMO DATA") < text.index("# Exampleshire")
    assert "Exampleshire Domestic Abuse Partnership coordinator" in text and "2027-05-31" in text
    positions = [text.index(f"## {stage}") for stage in STAGES]
    assert positions == sorted(positions)
    for s in pathway.services:
        assert f"#### {s.name}" in text
        assert (f"Last verified {s.last_verified}" if s.last_verified else "Never verified") in text
    assert text.index("#### Exampleshire Police Domestic Abuse Unit") < text.index("#### Police non-emergency line")
    assert "not verified since 2025-03-01" in text and "NOT VERIFIED: check this contact before use" in text
    # the checklist: 24 numbered themes, paraphrased from DASH, in the pathway's order
    assert "paraphrased from SafeLives DASH" in text
    checklist = [s.ask for s in pathway.steps if s.checklist]
    assert len(checklist) == 24
    for i, ask in enumerate(checklist, 1):
        assert f"\n{i}. {ask}\n" in text
    # questions appear in the order the assistant asks them
    asks = [s.ask for s in pathway.steps if s.ask and not s.checklist and s.stage in ("enquiry", "safety")]
    found = [text.index(a) for a in asks]
    assert found == sorted(found)
    assert "| Risk checklist: \"yes\" answers from which visible high risk means a MARAC referral is made | 14 |" in text
    for source in pathway.sources.values():
        assert f"- {source}" in text


def test_each_area_prints_its_own_thresholds(capsys):
    _, md, _ = run(capsys, "pathways", "render", "northdale", "--format", "md", "--today", TODAY.isoformat())
    assert "a MARAC referral is made | 17 |" in md and "escalation criterion | 5 |" in md
    assert "This area refers every domestic abuse case with children to the MASH." in md     # a Northdale rule
    assert "police callouts (12 months): 3 or more" in md                                   # a numeric condition


HOSTILE = "<script>alert('x')</script> & \"Co\""


def test_pathway_text_is_escaped_in_html_and_markdown(folder, capsys):
    quoted = "'" + HOSTILE.replace("'", "''") + "'"          # a YAML single-quoted string
    write_area(folder, service("evil_idva", ["idva"], name=quoted, referral='"Phone <img src=x onerror=alert(1)> now"'),
               title='"Evil <b>area</b>"')
    assert load_pathways(folder, TODAY).get("testarea").services[-1].name == HOSTILE
    out = folder / "evil.html"
    code, _, _ = run(capsys, "pathways", "render", "testarea", "--dir", str(folder), "--format", "html", "-o", str(out))
    page = out.read_text(encoding="utf-8")
    assert code == 0
    assert "<script" not in page and "<img" not in page and "<b>area" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;Co&quot;" in page
    assert "Phone &lt;img src=x onerror=alert(1)&gt; now" in page
    assert "Evil &lt;b&gt;area&lt;/b&gt;" in page
    code, md, _ = run(capsys, "pathways", "render", "testarea", "--dir", str(folder), "--format", "md")
    assert "<script" not in md and "<img" not in md


def test_html_is_one_self_contained_file_that_fetches_nothing(shipped):
    page = as_html(shipped.get("exampleshire"), TODAY)
    assert page.startswith("<!DOCTYPE html>") and page.count("<style>") == 1
    assert not re.search(r"<(script|link|img|iframe|object)\b", page)
    assert not re.search(r"(src|href)=\"(?!#)", page)        # only links within the page
    assert "default-src 'none'" in page
    assert "@page" in page and "size: A4" in page and "break-before: page" in page
    for tag in ("<header>", "<main>", "<section", "<article", "<nav", "<h1>"):
        assert tag in page


def test_render_unknown_area_is_a_usage_error(capsys):
    code, _, err = run(capsys, "pathways", "render", "northdail", "--format", "html")
    assert code == 2 and 'Did you mean "northdale"?' in err


# --- the printed page in a real browser ----------------------------------------------------

def _chromium() -> str | None:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None and shutil.which("make"):
        subprocess.run(["make", "-s", "chromium"], cwd=ROOT, timeout=900, check=False)   # installs it if it can
        found = shutil.which("chromium") or shutil.which("chromium-browser")
    return found


def _png_facts(path: Path) -> tuple[int, int, int]:
    """(width, height, distinct byte values in the image data) from the PNG itself."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, size = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            size = struct.unpack(">II", body[:8])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    return size[0], size[1], len(set(zlib.decompress(idat)))


def test_exampleshire_renders_in_headless_chromium_as_a_real_page(shipped, tmp_path):
    chromium = _chromium()
    if chromium is None:
        pytest.skip("chromium is not installed and could not be installed (make chromium)")
    page = tmp_path / "exampleshire.html"
    page.write_text(as_html(shipped.get("exampleshire"), TODAY), encoding="utf-8")
    png = tmp_path / "exampleshire.png"
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp_path / 'profile'}"]
    subprocess.run([chromium, *flags, f"--screenshot={png}", "--window-size=1200,2000", page.as_uri()],
                   capture_output=True, timeout=120, check=False)
    assert png.exists() and png.stat().st_size > 30_000
    width, height, distinct = _png_facts(png)
    assert (width, height) == (1200, 2000)
    assert distinct > 50, "the screenshot is (nearly) a single colour"
    dom = subprocess.run([chromium, *flags, "--dump-dom", page.as_uri()], capture_output=True, text=True,
                         timeout=120, check=False).stdout
    assert "<h1>Exampleshire (DEMO - fictional area)</h1>" in dom
    for s in shipped.get("exampleshire").services:
        assert s.name.replace("&", "&amp;") in dom


# --- new area from the template -----------------------------------------------------------

def test_new_area_file_explains_itself_and_validates_as_written(folder, capsys):
    code, out, _ = run(capsys, "pathways", "new", "north_yorkshire", "--dir", str(folder))
    path = folder / "north_yorkshire.yml"
    assert code == 0 and path.exists() and f"created {path}" in out
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    for key in SETTINGS:
        assert re.search(rf"^  # {key}: \S+ +# ", text, re.M), key      # commented, with its default and a note
    for key in ("id", "name", "kinds", "phone", "out_of_hours_phone", "email", "secure_email", "hours",
                "referral", "consent", "eligibility", "languages", "last_verified", "notes", "source"):
        assert re.search(rf"^ +(# )?(- )?{key}: .*# ", text, re.M), key      # every service field explained
    lib = load_pathways(folder, TODAY, files=[path])
    assert lib.errors == []
    pathway = lib.get("north_yorkshire")
    assert pathway.title == "North Yorkshire" and pathway.demo
    [example] = [s for s in pathway.services if s.local]
    assert example.last_verified is None
    assert any("never been verified" in str(p) for p in lib.problems)


def test_new_area_schema_line_points_at_the_schema_from_the_shipped_folder(tmp_path):
    from bot.newarea import template_text
    text = template_text("york", SHIPPED, TODAY)
    assert text.startswith("# yaml-language-server: $schema=../../docs/pathway.schema.json\n")


def test_new_area_never_overwrites_and_refuses_bad_ids(folder, capsys):
    existing = write_area(folder, service("test_idva", ["idva"]))
    before = existing.read_text()
    code, _, err = run(capsys, "pathways", "new", "testarea", "--dir", str(folder))
    assert code == 1 and "already exists" in err and existing.read_text() == before
    for bad in ("North-Yorks", "1area", "national", "../escape", ""):
        code, _, err = run(capsys, "pathways", "new", bad, "--dir", str(folder))
        assert code == 2 and "area" in err
    assert sorted(p.name for p in folder.iterdir()) == ["national.yml", "testarea.yml"]


# --- scale ---------------------------------------------------------------------------------

def test_350_areas_load_and_memory_holds_one_pathway_per_area():
    result = load_many_areas(350, repeats=1)
    assert result["errors"] == 0 and result["areas_loaded"] == 350 and result["pathways_in_memory"] == 351
    # how long it takes is measured by `make bench` (target 1 s), not asserted here: a timing assertion
    # failed once under load (5.3 s) and proved nothing about the code
