"""Evaluating the rules commissioners own: a condition from a pathway file against the facts of a case,
and the referral rules a case meets. The rules themselves are read from YAML (bot/pathways/rulebook.py);
this module only evaluates them, for the engine (routes, skip_if, referrals) and bot/risk.py."""
from __future__ import annotations

from .pathways.model import Range, Rule


def case_facts(answers: dict, flags, band: str, marac: bool, score: int) -> dict:
    """What a condition can test: the answers by question id, and the facts worked out from them."""
    facts = dict(answers)
    facts.update(risk=band, marac="yes" if marac else "no", score=score,
                 emergency_advice="yes" if "emergency" in flags else "no")
    return facts


def _bound(value, settings: dict):
    return settings.get(value) if isinstance(value, str) else value


def holds(test, value, settings: dict) -> bool:
    """One test: a tuple of answers (any of them), or a Range over a number ("dont_know" never matches)."""
    if isinstance(test, Range):
        if not isinstance(value, int) or isinstance(value, bool):
            return False
        low, high = _bound(test.at_least, settings), _bound(test.at_most, settings)
        return (low is None or value >= low) and (high is None or value <= high)
    return str(value) in test


def matches(conditions: dict, facts: dict, settings: dict) -> bool:
    """Every test of a condition holds (an empty condition always does)."""
    return all(holds(test, facts.get(key), settings) for key, test in conditions.items())


def referrals(rules: tuple[Rule, ...], facts: dict, settings: dict) -> list[tuple[str, str]]:
    """(service kind, why) for every referral rule the case meets, in rule order, each kind once with
    every reason that brought it in."""
    whys: dict[str, list[str]] = {}
    for rule in rules:
        if matches(rule.when, facts, settings):
            for kind in rule.kinds:
                whys.setdefault(kind, [])
                if rule.why not in whys[kind]:
                    whys[kind].append(rule.why)
    return [(kind, " ".join(reasons)) for kind, reasons in whys.items()]
