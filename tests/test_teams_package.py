"""The Teams app package: manifest v1.25 checked offline against Microsoft's schema (cached by
`make teams-schema` from the npm package @microsoft/app-manifest), the icons' sizes, a flat zip."""
from __future__ import annotations

import json
import stat
import zipfile

import pytest

from bot import cli
from bot.channels.access import SetupError
from bot.channels.teams import package

APP_ID = "00000000-0000-4000-8000-000000000a11"


@pytest.fixture(scope="module")
def schema():
    found = package.schema()
    if found is None:   # `make test` fetches it first (and fails if it cannot); a bare pytest run may not have it
        pytest.skip(f"{package.SCHEMA_FILE} is not cached: run `make teams-schema` once (it needs npm)")
    return found


@pytest.fixture(scope="module")
def files():
    return package.build(APP_ID)


def test_the_package_validates_against_microsofts_schema_and_the_icon_sizes(schema, files):
    assert package.problems(files, schema) == []
    data = json.loads(files["manifest.json"])
    assert data["manifestVersion"] == "1.25" and data["id"] == APP_ID
    (bot,) = data["bots"]
    assert bot["botId"] == APP_ID and bot["scopes"] == ["personal"]
    assert [c["title"] for c in bot["commandLists"][0]["commands"]] == ["help", "restart", "emergency"]
    assert package.png_size(files["color.png"]) == (192, 192)
    assert package.png_size(files["outline.png"]) == (32, 32)


def test_the_outline_icon_is_white_on_transparent(files):
    import zlib
    data = files["outline.png"]
    raw = zlib.decompress(data[data.index(b"IDAT") + 4:data.index(b"IEND") - 8])
    pixels = [raw[r * (1 + 32 * 4) + 1:(r + 1) * (1 + 32 * 4)] for r in range(32)]
    colours = {tuple(row[i:i + 3]) for row in pixels for i in range(0, len(row), 4)}
    alphas = {row[i + 3] for row in pixels for i in range(0, len(row), 4)}
    assert colours == {(255, 255, 255)} and 0 in alphas and 255 in alphas


def test_a_wrong_manifest_or_icon_is_caught(schema, files):
    bad = json.loads(files["manifest.json"])
    bad["bots"][0]["scopes"] = ["personal", "everywhere"]
    bad["manifestVersion"] = "1.2"
    found = package.problems({**files, "manifest.json": json.dumps(bad).encode()}, schema)
    assert any("bots/0/scopes" in p for p in found) and any("manifestVersion" in p for p in found)
    found = package.problems({**files, "color.png": package.icon(96, (0, 0, 0))}, schema)
    assert found == ["color.png is 96x96; Teams needs 192x192"]
    assert package.problems({k: v for k, v in files.items() if k != "outline.png"}, schema)


def test_pathbot_teams_package_writes_a_flat_zip(tmp_path, schema, capsys):
    out = tmp_path / "pathbot-teams.zip"
    assert cli.main(["teams", "package", "--app-id", APP_ID, "-o", str(out)]) == 0
    with zipfile.ZipFile(out) as z:
        assert sorted(z.namelist()) == ["color.png", "manifest.json", "outline.png"]
        assert package.problems({n: z.read(n) for n in z.namelist()}, schema) == []
    assert cli.main(["teams", "package", "--app-id", "not-a-guid", "-o", str(out)]) == 2
    assert "GUID" in capsys.readouterr().err
    with pytest.raises(SetupError):
        package.manifest(APP_ID, website="http://example.com")


def test_pathbot_teams_staff_add_keeps_only_a_pseudonym(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PATHBOT_SESSION_SECRET", "teams-test-secret-abcdefghijklmnopqrstuvwxyz")
    staff = tmp_path / "teams-staff.yml"
    user = "00000000-0000-4000-8000-0000000000C7"
    args = ["teams", "--staff", str(staff), "staff", "add", user, "--admin", "A. Lead, safeguarding lead"]
    assert cli.main(args) == 0
    assert cli.main(args) == 0 and "already on" in capsys.readouterr().out
    text = staff.read_text()
    assert user.lower() not in text.lower() and "A. Lead" in text
    assert stat.S_IMODE(staff.stat().st_mode) == 0o600
    assert cli.main(["teams", "--staff", str(staff), "staff", "add", "someone", "--admin", "A. Lead"]) == 2
