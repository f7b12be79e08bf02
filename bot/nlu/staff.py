"""Whether a message is about a member of staff (a colleague, or the one typing) rather than a patient:
the concern then becomes staff_experiencing or staff_causing. The cues are a reviewable table,
data/roles/staff_cues.yml. Nothing here keeps or logs the text."""
from __future__ import annotations

import re
from pathlib import Path

from .people import RELATION
from .phrase_file import PhraseFile, compile_checked, read_yaml

CUES_FILE = Path(__file__).resolve().parents[2] / "data" / "roles" / "staff_cues.yml"
_SECTIONS = ("colleague", "about_me", "typer_is_staff", "relation_is_staff", "patient_speaks")
_REL_WORDS = "|".join(sorted(RELATION, key=len, reverse=True))


def load_staff_cues(path: Path | None = None) -> dict[str, re.Pattern]:
    """Each section of the cue table compiled as one pattern on whole words; `about_me` counts as a
    `typer_is_staff` cue too. `PhraseFileError` says what is wrong where."""
    path = Path(path) if path else CUES_FILE

    def build(table: PhraseFile):
        table.fragments["relation"] = f"(?:{_REL_WORDS})"
        lines = {s: table.phrases(s, table.doc.get(s)) for s in _SECTIONS}
        lines["typer_is_staff"] += lines["about_me"]
        cues = {s: re.compile(rf"\b(?:{'|'.join(lines[s])})\b") for s in _SECTIONS}
        return cues, list(cues.values())
    return compile_checked(path.name, read_yaml(path, "staff cue file"), {"fragments", *_SECTIONS}, build)


_CUES = load_staff_cues()
STAFF_RE = _CUES["colleague"]                  # a member of staff, wherever in the message
ABOUT_ME = _CUES["about_me"]                   # the one typing says the message is about them
TYPER_IS_STAFF = _CUES["typer_is_staff"]       # the one typing says they are staff
STAFF_RELATION = _CUES["relation_is_staff"]    # the one harming the patient is staff
PATIENT_SPEAKS = _CUES["patient_speaks"]       # a patient is the one telling; staff only pass it on
_MY_RELATION = re.compile(rf"\bmy (?:own |\w+ )?(?:{_REL_WORDS})\b")


def names_a_colleague(norm: str, whole: str | None = None) -> bool:
    """A member of staff is named, and not only as the one passing on what a patient said ("HCA says the
    lady in bed 14 told her ..."), unless the one harming her is staff ("our cleaner, who is her son"),
    looked for in ``whole`` (the message with its asides) when given."""
    return bool(STAFF_RE.search(norm)) and not (
        PATIENT_SPEAKS.search(norm) and not STAFF_RELATION.search(norm if whole is None else whole))


def about_the_typer(norm: str) -> bool:
    """The one typing is staff and writes about their own relationship ("I'm a neonatal nurse and my
    partner ..."), so the concern is a staff one even when no harm is read."""
    return bool(TYPER_IS_STAFF.search(norm) and _MY_RELATION.search(norm))
