"""What the guard decides about one message, and the plain words the clinician is told."""
from __future__ import annotations

from dataclasses import dataclass

KINDS = ("nhs_number", "postcode", "address", "phone_number", "email", "date_of_birth", "ni_number",
         "hospital_number", "name", "social_media", "vehicle_registration")

MAX_CHARS = 4000

_KIND_WORDS = {
    "nhs_number": "an NHS number",
    "postcode": "a postcode",
    "address": "a home address",
    "phone_number": "a phone number",
    "email": "an email address",
    "date_of_birth": "a date of birth or other full date",
    "ni_number": "a National Insurance number",
    "hospital_number": "a hospital, record or reference number (or a long number that looks like one)",
    "name": "a person's name",
    "social_media": "a social media name or handle",
    "vehicle_registration": "a vehicle registration",
}

_TIP_NAME = "call people by their role, such as 'the patient' or 'her partner', not by name"
_TIP_DATE = ("give an age or age range ('a woman in her 30s', 'aged 67') instead of a date of "
             "birth, and relative times ('last week') instead of full dates")
_TIP_NUMBER = ("leave out NHS, hospital, National Insurance, reference and vehicle registration numbers; "
               "I don't need them")
_TIP_CONTACT = ("leave out phone numbers, email addresses, social media names, postcodes and home addresses; "
                "saying which area you work in is enough")
_KIND_TIP = {
    "name": _TIP_NAME, "date_of_birth": _TIP_DATE, "nhs_number": _TIP_NUMBER,
    "hospital_number": _TIP_NUMBER, "ni_number": _TIP_NUMBER, "phone_number": _TIP_CONTACT,
    "email": _TIP_CONTACT, "postcode": _TIP_CONTACT, "address": _TIP_CONTACT,
    "social_media": _TIP_CONTACT, "vehicle_registration": _TIP_NUMBER,
}
_TIP_ORDER = (_TIP_NAME, _TIP_DATE, _TIP_NUMBER, _TIP_CONTACT)


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


@dataclass(frozen=True)
class Verdict:
    """The guard's decision on one message: whether it is refused and which kinds were seen."""

    blocked: bool
    kinds: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        kinds = tuple(sorted(set(self.kinds)))
        unknown = [k for k in kinds if k not in KINDS]
        if unknown:
            raise ValueError(f"unknown identifier kind(s): {unknown}")
        object.__setattr__(self, "kinds", kinds)
        object.__setattr__(self, "blocked", bool(self.blocked or kinds))

    def as_json(self) -> dict:
        """The CLI contract: {"blocked": bool, "kinds": [...]}."""
        return {"blocked": self.blocked, "kinds": list(self.kinds)}

    def explain(self) -> str:
        """Plain English for the clinician; never quotes the message. Empty when not blocked."""
        if not self.blocked:
            return ""
        if not self.kinds:
            return (f"I haven't kept that message: it is longer than {MAX_CHARS:,} characters, "
                    "too long for me to check safely for patient details. Nothing from it has "
                    "been stored or passed on. Please send a shorter message, without names, "
                    "dates of birth, addresses, phone numbers or NHS and hospital numbers.")
        found = _join([_KIND_WORDS[k] for k in self.kinds])
        wanted = {_KIND_TIP[k] for k in self.kinds}
        tips = "; ".join(t for t in _TIP_ORDER if t in wanted)
        return (f"I haven't kept that message because it looks like it contains {found}. "
                "Nothing from it has been stored or passed on. Please describe the situation "
                f"again without identifying details: {tips}. For example: 'a woman in her 30s, "
                "20 weeks pregnant, says her partner hit her last night'.")


CLEAR = Verdict(False, ())
TOO_LONG = Verdict(True, ())
