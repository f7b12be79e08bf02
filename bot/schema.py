"""The JSON Schema of pathway files, generated from the loader's own field lists so the two cannot drift.

Editors with the YAML language server read it through the modeline at the top of each
pathway file. Regenerate with `python -m bot.schema > docs/pathway.schema.json`; a test
fails when the committed copy differs.
"""
from __future__ import annotations

import json

from .pathways import format as p
from . import vocab

_TEXT = {"type": "string", "minLength": 1}
_DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_IDS = {"type": "string", "pattern": "^[a-z][a-z0-9_]*$"}
_ANSWER = {"type": ["string", "boolean", "integer"]}
# A numeric test: {at_least: 3}, {at_most: 9} or both; a bound is a number or a numeric setting's name.
_BOUND = {"anyOf": [{"type": "integer", "minimum": 0, "maximum": 1000}, {"enum": sorted(p.SETTINGS)}]}
_RANGE = {"type": "object", "minProperties": 1, "additionalProperties": False,
          "properties": {t: _BOUND for t in p.NUMERIC_TESTS}}
_CONDITIONS = {"type": "object", "propertyNames": {"enum": [*vocab.QUESTIONS, *vocab.RULE_FACTS]},
               "additionalProperties": {"anyOf": [_ANSWER, {"type": "array", "items": _ANSWER}, _RANGE]}}
_SCORE_RANGE = {"type": "object", "minProperties": 1, "additionalProperties": False,
                "properties": {t: {"type": "integer", "minimum": 0, "maximum": p.CHECKLIST_THEMES}
                               for t in p.NUMERIC_TESTS}}
_KINDS = {"type": "array", "minItems": 1, "items": {"enum": list(vocab.SERVICE_KINDS)}}
# A phone number in quotes; unquoted, only the short numbers (999, 101 ...) survive YAML's reading as a number.
_PHONE = {"anyOf": [{"type": "string", "pattern": r"^\+?[0-9 ()-]+$"},
                    {"enum": sorted(int(n) for n in p.SHORT_NUMBERS)}]}

FIELD_TYPES = {
    "format": {"const": 1}, "area": _IDS, "title": _TEXT, "owner": _TEXT, "review_due": _DATE,
    "extends": {"const": "national"}, "demo": {"type": "boolean"}, "nation": {"enum": list(p.NATIONS)},
    "sources": {"type": "object", "additionalProperties": _TEXT},
    "messages": {"type": "object"}, "faq": {"type": "object"},
    # steps
    "id": _IDS, "asks": _IDS, "stage": {"enum": list(p.STAGES)}, "kind": {"enum": list(p.MESSAGE_KINDS)},
    "ask": _TEXT, "say": _TEXT, "answers": {"enum": list(vocab.ANSWER_TYPES)}, "next": _IDS,
    "do": {"enum": list(vocab.ACTIONS)}, "checklist": {"type": "boolean"}, "skip_if": _CONDITIONS,
    "assume": _ANSWER, "help": _TEXT, "value": {"type": ["string", "boolean"]}, "group": _IDS, "item": _TEXT,
    # services and rules
    "name": _TEXT, "kinds": _KINDS, "phone": _PHONE, "out_of_hours_phone": _PHONE,
    "email": {"type": "string", "format": "email"}, "secure_email": {"type": "string", "format": "email"},
    "hours": _TEXT, "referral": _TEXT, "consent": {"enum": list(p.CONSENT_RULES)}, "eligibility": _TEXT,
    "languages": {"type": "array", "items": _TEXT}, "last_verified": {"anyOf": [_DATE, {"type": "null"}]},
    "notes": _TEXT, "source": _IDS,
    "nations": {"anyOf": [{"enum": list(p.SERVICE_NATIONS)},
                          {"type": "array", "minItems": 1, "items": {"enum": list(p.SERVICE_NATIONS)}}]}, "when": _CONDITIONS, "why": _TEXT, "switch_off": {"type": "boolean"},
}


def _object(keys, required=(), overrides=None) -> dict:
    props = {k: (overrides or {}).get(k, FIELD_TYPES.get(k, {})) for k in sorted(keys)}
    out = {"type": "object", "additionalProperties": False, "properties": props}
    if required:
        out["required"] = list(required)
    return out


def schema() -> dict:
    branch = _object(p.BRANCH_KEYS)
    step = _object(p.STEP_KEYS, ("id",), {
        "options": {"type": "array", "items": _object(p.OPTION_KEYS, ("value", "title"))},
        "branches": {"type": "object", "additionalProperties": branch},
        "route": {"type": "array", "items": _object(p.ROUTE_KEYS, ("when", "next"))},
        "sources": {"type": "array", "items": _IDS},
    })
    settings = {"type": "object", "additionalProperties": False, "properties": {
        **{k: {"type": "integer", "minimum": lo, "maximum": hi} for k, (lo, hi) in p.SETTINGS.items()},
        # national.yml only (the loader refuses them in an area file: the safety floor)
        "risk_bands": {"type": "object", "additionalProperties": False, "required": list(p.RISK_BANDS_SCORED),
                       "properties": {band: _SCORE_RANGE for band in p.RISK_BANDS_SCORED}},
        "marac_criteria": {"type": "object", "additionalProperties": False, "required": list(p.MARAC_REASONS),
                           "properties": {reason: _CONDITIONS for reason in p.MARAC_REASONS}}}}
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "pathbot pathway file",
        "description": "A local domestic abuse pathway: national.yml, or an area file that extends it. See docs/pathway-format.md.",
        **_object(p.FILE_KEYS, p.FILE_REQUIRED, {
            "settings": settings,
            "groups": {"type": "object", "propertyNames": _IDS, "additionalProperties": {
                "type": "object", "additionalProperties": False, "required": ["select", "ask"],
                "properties": {"select": {"enum": list(p.GROUP_SELECTS)}, "ask": _TEXT}}},
            "steps": {"type": "array", "items": step},
            "referral_rules": {"type": "array", "items": _object(p.RULE_KEYS, p.RULE_REQUIRED)},
            "services": {"type": "array", "items": _object(p.SERVICE_KEYS, p.SERVICE_REQUIRED)},
        }),
    }


if __name__ == "__main__":
    print(json.dumps(schema(), indent=2))
