"""The Teams app package: `manifest.json` (schema v1.25), `color.png` (192x192) and `outline.png`
(32x32, white on transparent), zipped flat, as Teams expects for upload.

    pathbot teams package --app-id <bot app id> -o pathbot-teams.zip

The icons are drawn here (three stops joined by a path: enquiry, safety, referral), so no outside
art is needed. The manifest is checked against Microsoft's JSON schema from the npm package
`@microsoft/app-manifest` (`make teams-schema` caches it in .cache/; the check then runs offline),
and the icons against the sizes Teams needs, which the schema does not say.
"""
from __future__ import annotations

import io
import json
import re
import struct
import zipfile
import zlib
from pathlib import Path

import yaml

from ..access import SetupError

MANIFEST_VERSION = "1.25"
SCHEMA_URL = f"https://developer.microsoft.com/en-us/json-schemas/teams/v{MANIFEST_VERSION}/MicrosoftTeams.schema.json"
ROOT = Path(__file__).resolve().parents[3]
SCHEMA_FILE = ROOT / ".cache" / "app-manifest" / f"v{MANIFEST_VERSION}" / "MicrosoftTeams.schema.json"
WORDING_FILE = ROOT / "data" / "channels" / "teams.yml"
ICON_SIZES = {"color.png": 192, "outline.png": 32}
ACCENT = "#00695C"
_GUID = re.compile(r"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")
_SEMVER = re.compile(r"^\d+\.\d+\.\d+$")

SHORT = "Domestic abuse: safe enquiry, risk and local referral, for health staff"
FULL = ("Decision support for GPs, nurses, midwives and A&E staff when a patient may be experiencing "
        "domestic abuse, or discloses causing harm: safe enquiry, immediate safety and risk (emergency "
        "advice at any step), and the local services to refer to, ending with a summary to copy into "
        "the record. It is not a replacement for your safeguarding policy, your safeguarding lead or "
        "your clinical judgement. Never type patient identifiers: messages holding names, NHS numbers, "
        "dates of birth, addresses or phone numbers are refused, but the bot cannot delete them from "
        "Teams, so delete them yourself. If anyone is in danger now, call 999.")


# --- icons -----------------------------------------------------------------------------------------

def png(pixels: list[list[tuple[int, int, int, int]]]) -> bytes:
    """A minimal RGBA PNG (no dependencies)."""
    height, width = len(pixels), len(pixels[0])
    raw = b"".join(b"\x00" + bytes(c for px in row for c in px) for row in pixels)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def png_size(data: bytes) -> tuple[int, int]:
    """(width, height) of a PNG, read from its header; ValueError if it is not a PNG."""
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        raise ValueError("not a PNG")
    return struct.unpack(">II", data[16:24])


def _mark(x: float, y: float) -> bool:
    """The mark on a unit square: three stops on a rising path, joined by a thick line."""
    stops = [(0.22, 0.72), (0.5, 0.5), (0.78, 0.28)]
    if any((x - sx) ** 2 + (y - sy) ** 2 <= 0.11 ** 2 for sx, sy in stops):
        return True
    (ax, ay), (bx, by) = stops[0], stops[-1]
    t = max(0.0, min(1.0, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)))
    return (x - ax - t * (bx - ax)) ** 2 + (y - ay - t * (by - ay)) ** 2 <= 0.035 ** 2


def icon(size: int, background: tuple[int, int, int] | None) -> bytes:
    """The mark in white, on `background` (the colour icon) or on transparent (the outline icon),
    with 4x4 supersampling for smooth edges."""
    n = 4
    rows = []
    for py in range(size):
        row = []
        for px in range(size):
            cover = sum(_mark((px + (i + 0.5) / n) / size, (py + (j + 0.5) / n) / size)
                        for i in range(n) for j in range(n)) / (n * n)
            if background is None:
                row.append((255, 255, 255, round(255 * cover)))
            else:
                row.append(tuple(round(c + (255 - c) * cover) for c in background) + (255,))
        rows.append(row)
    return png(rows)


# --- manifest --------------------------------------------------------------------------------------

def manifest(app_id: str, *, name: str = "pathbot", developer: str = "Your organisation",
             website: str = "https://www.example.com/pathbot", privacy_url: str = "https://www.example.com/pathbot/privacy",
             terms_url: str = "https://www.example.com/pathbot/terms", version: str = "1.0.0") -> dict:
    """The app manifest: one bot, personal scope only, with the help / restart / emergency commands."""
    if not _GUID.match(app_id or ""):
        raise SetupError("--app-id is the bot's Microsoft App ID, a GUID like 00000000-0000-0000-0000-000000000000")
    if not _SEMVER.match(version):
        raise SetupError("--version looks like 1.0.0 (raise it for every new upload)")
    for label, url in (("--website", website), ("--privacy-url", privacy_url), ("--terms-url", terms_url)):
        if not url.startswith("https://"):
            raise SetupError(f"{label} must be an https:// address")
    commands = (yaml.safe_load(WORDING_FILE.read_text(encoding="utf-8")) or {})["commands"]
    return {
        "$schema": SCHEMA_URL,
        "manifestVersion": MANIFEST_VERSION,
        "version": version,
        "id": app_id.lower(),
        "developer": {"name": developer[:32], "websiteUrl": website, "privacyUrl": privacy_url,
                      "termsOfUseUrl": terms_url},
        "name": {"short": name[:30], "full": "pathbot: domestic abuse pathway for health staff"},
        "description": {"short": SHORT[:80], "full": FULL},
        "icons": {"color": "color.png", "outline": "outline.png"},
        "accentColor": ACCENT,
        "bots": [{"botId": app_id.lower(), "scopes": ["personal"], "supportsFiles": False,
                  "isNotificationOnly": False,
                  "commandLists": [{"scopes": ["personal"],
                                    "commands": [{"title": t, "description": " ".join(str(d).split())}
                                                 for t, d in commands.items()]}]}],
        "permissions": ["identity"],
        "validDomains": [],
    }


def schema(path: Path = SCHEMA_FILE) -> dict | None:
    """Microsoft's manifest schema, if `make teams-schema` has cached it."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None


def problems(files: dict[str, bytes], manifest_schema: dict | None) -> list[str]:
    """What is wrong with a package's files: the manifest against the schema, the icons' sizes."""
    out = []
    try:
        data = json.loads(files["manifest.json"])
    except (KeyError, ValueError):
        return ["manifest.json is missing or not JSON"]
    if manifest_schema is not None:
        from jsonschema import Draft7Validator     # draft-04 schema; draft 7 also checks its `const`s
        for error in sorted(Draft7Validator(manifest_schema).iter_errors(data), key=lambda e: list(e.path)):
            where = "/".join(str(p) for p in error.path) or "(top)"
            out.append(f"manifest.json {where}: {error.message}")
    for name, size in ICON_SIZES.items():
        try:
            got = png_size(files[name])
        except (KeyError, ValueError):
            out.append(f"{name} is missing or not a PNG")
            continue
        if got != (size, size):
            out.append(f"{name} is {got[0]}x{got[1]}; Teams needs {size}x{size}")
    for key in ("color", "outline"):
        if data.get("icons", {}).get(key) not in files:
            out.append(f"manifest icons.{key} names a file that is not in the package")
    return out


def build(app_id: str, **options) -> dict[str, bytes]:
    return {"manifest.json": json.dumps(manifest(app_id, **options), indent=2).encode(),
            "color.png": icon(192, (0x00, 0x69, 0x5C)),
            "outline.png": icon(32, None)}


def write_package(output: str | Path, app_id: str, **options) -> Path:
    """Build, check and write the zip (files at its top level); refuse to write a package that fails."""
    files = build(app_id, **options)
    found = problems(files, schema())
    if found:
        raise SetupError("the package does not validate: " + "; ".join(found[:5]))
    output = Path(output)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(name, data)
    output.write_bytes(buffer.getvalue())
    return output
