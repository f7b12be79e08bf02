"""Start a new area's pathway file from the commented template (data/templates/area.yml).

    pathbot pathways new AREA [--dir data/pathways]

The file explains every field for a non-programmer, lists the settings with the
national defaults (commented out), and holds one example service with
`last_verified: null`. It validates as written (with warnings: the example has
never been verified) and says `demo: true` until the commissioner has filled it in,
so nobody mistakes the example for a real service.
"""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from .pathways import ID, SETTINGS

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "data" / "templates" / "area.yml"
SCHEMA = ROOT / "docs" / "pathway.schema.json"
DEFAULTS = {"marac_threshold": 14, "escalation_callouts": 3, "verification_max_age_days": 365}
RESERVED = {"national"}


class AreaExists(Exception):
    """There is already a file for this area: never overwritten."""


def check_area_id(area: str) -> str | None:
    """Why `area` cannot be an area id, or None if it can."""
    if not ID.match(area or ""):
        return (f'"{area}" cannot be an area id: use lower-case letters, digits and _, '
                "starting with a letter (for example north_yorkshire)")
    if area in RESERVED:
        return f'"{area}" is the national baseline, not an area'
    return None


def title_for(area: str) -> str:
    return " ".join(w.capitalize() for w in area.split("_") if w)


def template_text(area: str, folder: Path, today: dt.date, settings: dict | None = None) -> str:
    """The template filled in for `area`, to be written into `folder`."""
    values = {**DEFAULTS, **{k: v for k, v in (settings or {}).items() if k in SETTINGS}}
    review_due = today.replace(year=today.year + 1) if not (today.month == 2 and today.day == 29) \
        else dt.date(today.year + 1, 2, 28)
    fill = {"AREA": area, "TITLE": title_for(area), "REVIEW_DUE": review_due.isoformat(),
            "SCHEMA": Path(os.path.relpath(SCHEMA, Path(folder).resolve())).as_posix()}
    fill.update({k: ("true" if v else "false") if isinstance(v, bool) else str(v) for k, v in values.items()})
    text = TEMPLATE.read_text(encoding="utf-8")
    for key, value in fill.items():
        text = text.replace(f"__{key}__", value)
    return text


def create(area: str, folder: Path, today: dt.date | None = None, settings: dict | None = None) -> Path:
    """Write `folder/AREA.yml` from the template. Raises ValueError for a bad id, AreaExists if present."""
    problem = check_area_id(area)
    if problem:
        raise ValueError(problem)
    folder = Path(folder)
    path = folder / f"{area}.yml"
    text = template_text(area, folder, today or dt.date.today(), settings)
    folder.mkdir(parents=True, exist_ok=True)
    try:
        with open(path, "x", encoding="utf-8") as f:     # "x": fails if the file exists, even in a race
            f.write(text)
    except FileExistsError:
        raise AreaExists(f"{path} already exists: edit it, or choose another area id") from None
    return path
