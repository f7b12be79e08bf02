"""The pathway file format: the keys each part of a file may have, the settings and their ranges, and the
messages the engine looks up. The checks (checks.py, parts.py), the loader and the JSON Schema (bot/schema.py)
all read these lists, so they cannot drift apart."""
from __future__ import annotations

import re

FILE_KEYS = {"format", "area", "title", "owner", "review_due", "extends", "demo", "nation", "settings",
             "sources", "messages", "faq", "groups", "steps", "referral_rules", "services"}
FILE_REQUIRED = ("format", "area", "title", "owner", "review_due")
NATIONAL_ONLY = ("steps", "groups")
SETTINGS = {  # the numbers an area may set: name: (lowest, highest) allowed
    "marac_threshold": (1, 24), "escalation_callouts": (1, 20), "verification_max_age_days": (1, 3650),
}
# Settings only national.yml holds: the DASH risk bands (SafeLives, the same everywhere, so an area's MARAC
# threshold never relabels the risk) and the four MARAC criteria as conditions.
NATIONAL_SETTINGS = ("risk_bands", "marac_criteria")
RISK_BANDS_SCORED = ("standard", "medium", "high")      # the bands a checklist score falls in, lowest first
CHECKLIST_THEMES = 24
# Settings that used to exist, and what to do instead (an old file gets this, not "unknown key").
RETIRED_SETTINGS = {
    "medium_threshold": "the risk bands are the national DASH bands (SafeLives: medium from 10, high from 14), "
                        "the same in every area: delete this line (set marac_threshold for your MARAC)",
    "children_to_mash": 'sending every case with children to the MASH is now a referral rule: delete this line and '
                        'add under referral_rules: "- id: children_to_mash, when: {children: \"yes\"}, kinds: '
                        '[mash], why: ..." (see docs/pathway-format.md)',
}
# A numeric test in a condition: {at_least: 3}, {at_most: 9} or both for a range. A bound is a whole
# number or the name of a numeric setting (so the area's own threshold is used).
NUMERIC_TESTS = ("at_least", "at_most")
NUMERIC_FACTS = ("score",)      # facts that are numbers, besides questions answered with a count
STEP_KEYS = {"id", "asks", "stage", "kind", "ask", "say", "answers", "options", "branches", "next",
             "route", "do", "checklist", "skip_if", "assume", "help", "sources", "group", "item"}
STAGES = ("enquiry", "safety", "risk", "needs", "referral", "harm", "end")
MESSAGE_KINDS = ("info", "question", "warning", "emergency")
OPTION_KEYS = {"value", "title", "next"}
# A group puts consecutive question steps on one screen: "many" (tick all that apply, yes/no questions)
# or "each" (a themed group, each answered with its own choices); channels that cannot show a group
# ask its questions one by one.
GROUP_KEYS = {"select", "ask"}
GROUP_SELECTS = ("many", "each")
BRANCH_KEYS = {"say", "kind", "next"}
ROUTE_KEYS = {"when", "next"}
RULE_KEYS = {"id", "when", "kinds", "why", "switch_off"}   # (not "off": YAML reads off as false)
RULE_REQUIRED = ("id",)
SERVICE_KEYS = {"id", "name", "kinds", "phone", "out_of_hours_phone", "email", "secure_email", "hours",
                "referral", "consent", "eligibility", "languages", "last_verified", "notes", "source", "nations",
                "first_when", "not_for"}
SERVICE_REQUIRED = ("id", "name", "kinds", "referral", "last_verified")
# Where a service serves: an area is in one nation; a service serves one or more nations, or the whole UK.
# An area's referral list shows only services for its own nation or the whole UK (docs/pathway-format.md).
NATIONS = ("england", "wales", "scotland", "northern_ireland")
UK_WIDE = "uk"
SERVICE_NATIONS = (*NATIONS, UK_WIDE)
CONSENT_RULES = ("required", "not_if_high_risk", "not_required")
FAQ_TOPICS = ("marac", "idva", "mash", "consent", "documenting", "dash", "perpetrator_services")
SHORT_NUMBERS = {"999", "112", "101", "111", "116123", "18000", "55"}
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\Z")
ID = re.compile(r"[a-z][a-z0-9_]{0,63}\Z")     # at most MAX_ID characters
DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
# Messages the engine looks up by name (national.yml must define them), and the {fields} each
# message that is filled in may use; any other {...} would stop the bot mid-conversation.
MESSAGES_NEEDED = (
    "welcome", "choose_area", "area_not_found", "not_understood", "number_needed", "help", "help_why",
    "back_at_start", "restarted", "finished", "continue", "emergency", "demo_notice", "stale_never", "stale_since",
    "file_overdue", "referrals_heading", "no_service_for_kind", "risk_result", "band_raised", "marac_yes",
    "marac_no", "marac_reasons", "callouts_unknown", "summary_heading", "summary_sources", "summary_emergency",
    "summary_record", "confirm_concern", "which_colleague", "choose_concern", "danger_check",
    "answer_kept", "count_noted", "summary_emergency_shown", "red_flags", "red_flags_found",
    "red_flags_not_referred", "faq_no_match", "tick_hint", "none_apply", "more_services", "more_services_note",
    "more_services_heading", "more_services_none", "nation_unknown", "service_listed_above", "red_flags_mentioned")
# The record summary's lines (bot/record.py) and the {fields} each fills in; with the mappings below
# they are all the record says, so national.yml must define every one.
RECORD_FIELDS = {"record_pathway": ("area", "date"), "record_concern": ("concern",),
                 "record_safe_enquiry": ("answers",), "record_immediate_danger": ("answer",),
                 "record_answer": ("question", "answer"),
                 "record_checklist": ("score", "total", "band", "medium", "high", "marac"),
                 "record_checklist_not_done": ("total", "band", "medium", "high", "marac"),
                 "record_answered_yes": ("themes",), "record_not_known": ("themes",),
                 "record_checklist_stopped": ("asked", "total"), "record_red_flags": ("flags",),
                 "record_red_flags_mentioned": ("flags",),
                 "record_marac_criteria": ("answers",), "record_marac_yes": ("reasons",), "record_marac_no": (),
                 "record_needs": ("needs",), "record_other_answers": ("answers",), "record_consent": ("answer",),
                 "record_referrals": ("services",), "record_referral": ("kind", "service"),
                 "record_no_service": ("kind",), "record_verified": ("date",), "record_no_referrals": ()}
RECORD_MAPPINGS = ("record_labels", "record_answers", "record_kinds")
RECORD_ANSWERS = ("yes", "no", "unsure", "dont_know", "not_asked")     # record_answers: each answer in words
MESSAGES_NEEDED += tuple(RECORD_FIELDS) + RECORD_MAPPINGS
MESSAGE_FIELDS = {"stale_since": ("date",), "file_overdue": ("date",), "referrals_heading": ("area",),
                  "more_services_note": ("count",), "more_services_heading": ("area",),
                  "service_listed_above": ("name",), "red_flags_mentioned": ("flags",),
                  "confirm_concern": ("choice",), "answer_kept": ("answer",), "count_noted": ("count",),
                  "summary_emergency_shown": ("answer",), "red_flags_found": ("flags",),
                  "red_flags_not_referred": ("flags",),
                  "no_service_for_kind": ("kind",), "risk_result": ("score", "band", "medium", "high", "marac"),
                  "checklist_unknown": ("unknown",), "checklist_stopped": ("asked", "score"), **RECORD_FIELDS}
MESSAGE_MAPPINGS = ("red_flags", "record_labels", "record_answers", "record_kinds")   # key: plain words
QUESTION_MAPPINGS = ("red_flags", "record_labels")     # mappings whose keys are question ids
MARAC_REASONS = ("visible_high_risk", "professional_judgement", "escalation", "repeat")
MARAC_REASON_FIELDS = ("score", "threshold", "callouts")
# Sections of a file and the shape each must have.
SECTION_TYPES = {"settings": dict, "sources": dict, "messages": dict, "faq": dict, "groups": dict, "steps": list,
                 "referral_rules": list, "services": list}
REVIEW_HORIZON_DAYS = 3 * 366      # a review date further away than this is most likely a mistyped year
# The longest text one value may hold: the longest national text is under 800 characters, and a chat
# message must fit on a phone (Telegram refuses more than 4,096 in one message, with the buttons' text).
MAX_TEXT = 2000
MAX_ID = 64          # ids are names a person types and reads (the longest in use is about 30)
MAX_PROBLEMS_PER_FILE = 100
