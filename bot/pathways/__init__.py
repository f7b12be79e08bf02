"""Pathway files: national.yml and one file per area, read into the model the engine walks.

    format.py   the keys each part of a file may have, settings and their ranges
    model.py    the loaded pathway (steps, services, referral rules, settings) and Problem/Library
    checks.py   checking single values, with plain messages for a commissioner ("Did you mean ...?")
    parts.py    reading steps, services, conditions, messages and FAQ answers; how the steps hang together
    loading.py  reading a folder, merging each area onto the national baseline, load_pathways()

Everything a caller needs is importable from `bot.pathways` directly.
"""
from .checks import suggest
from .format import (CONSENT_RULES, FILE_KEYS, ID, MARAC_REASONS, MESSAGE_KINDS, SETTINGS, SHORT_NUMBERS, STAGES)
from .loading import default_pathway_dir, load_pathways
from .model import Branch, Library, Option, Pathway, Problem, Range, Rule, Service, Step

__all__ = ["Branch", "CONSENT_RULES", "FILE_KEYS", "ID", "Library", "MARAC_REASONS", "MESSAGE_KINDS", "Option",
           "Pathway", "Problem", "Range", "Rule", "SETTINGS", "SHORT_NUMBERS", "STAGES", "Service", "Step",
           "default_pathway_dir", "load_pathways", "suggest"]
