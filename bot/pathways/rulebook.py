"""The rules commissioners own, read from pathway files: referral rules with ids (national.yml sets them;
an area file may add its own, change one or switch one off), the DASH risk bands and the four MARAC
criteria. bot/rules.py and bot/risk.py only evaluate what is read here."""
from __future__ import annotations

from ..yaml_source import show
from .checks import Checker, suggest
from .floor import FLOOR_RULES, floor_rule_problem
from .format import CHECKLIST_THEMES, ID, MARAC_REASONS, RISK_BANDS_SCORED, RULE_KEYS, RULE_REQUIRED
from .model import Rule
from .parts import read_conditions, read_range


def read_referral_rules(c: Checker, raw_rules: list, base: tuple[Rule, ...] | None) -> tuple[Rule, ...]:
    """The rules of a file on top of the national ones (`base`, None when reading national.yml): a new id adds a
    rule, a national id changes that rule (the keys given replace the national ones), `switch_off: true` switches it off."""
    national = {r.id: r for r in base or ()}
    changed: dict[str, Rule | None] = {}      # national id -> its replacement, or None when switched off
    added: list[Rule] = []
    seen: set = set()
    for i, raw in enumerate(raw_rules or []):
        path = ("referral_rules", i)
        if not c.keys(raw, path, RULE_KEYS, "a referral rule", RULE_REQUIRED):
            continue
        rid = raw.get("id")
        if rid in (None, ""):
            continue                          # reported as missing
        if not (isinstance(rid, str) and ID.match(rid)):
            c.ident(rid, path + ("id",), "a referral rule id", "children_to_mash")
            continue
        if rid in seen:
            c.add(path + ("id",), f'the referral rule id "{rid}" is used twice in this file: keep one')
            continue
        seen.add(rid)
        off = c.boolean(raw.get("switch_off"), path + ("switch_off",), "switch_off")
        if base is None and "switch_off" in raw:
            c.add(path + ("switch_off", "<key>"), "switch_off is for a national rule in an area file: in national.yml, "
                                                  "delete the rule instead")
            continue
        if rid in national:
            if rid in FLOOR_RULES:
                c.add(path + ("id",), floor_rule_problem(rid, "switch off" if off else "change"))
                continue
            if off:
                changed[rid] = None
                continue
            rule = _rule(c, raw, path, rid, national[rid], True)
            if rule is not None:
                changed[rid] = rule
            continue
        if off:
            c.add(path + ("id",), f'there is no national referral rule "{show(rid)}" to switch off.'
                                  + suggest(rid, national))
            continue
        missing = [k for k in ("when", "kinds", "why") if raw.get(k) in (None, "")]
        if missing:
            close = suggest(rid, national) if base is not None else ""
            c.add(path, f'the referral rule "{rid}" is missing "{missing[0]}"' + (
                f' (a new rule needs when, kinds and why; to change a national rule, use its id.{close})'
                if close else ""))
            continue
        rule = _rule(c, raw, path, rid, None, base is not None)
        if rule is not None:
            added.append(rule)
    rules = [changed.get(r.id, r) for r in base or ()]
    return tuple(r for r in rules if r is not None) + tuple(added)


def _rule(c: Checker, raw: dict, path: tuple, rid: str, national: Rule | None, local: bool) -> Rule | None:
    """A rule from its entry; a national rule's when, kinds or why where the entry does not give them."""
    when = national.when if national and raw.get("when") is None else read_conditions(c, raw.get("when"), path + ("when",))
    if national and raw.get("kinds") is None:
        kinds = national.kinds
    else:
        kinds = c.kinds(raw.get("kinds"), path + ("kinds",))
        if not raw.get("kinds"):
            c.add(path + ("kinds",), "a referral rule needs at least one kind, or it never offers anything")
    why = national.why if national and raw.get("why") is None else c.text(raw.get("why"), path + ("why",), "why", True)
    if not when or not kinds or not why:
        return None
    return Rule(rid, when, kinds, why, local)


def read_risk_bands(c: Checker, raw, path: tuple) -> dict:
    """The DASH bands as score ranges, lowest first, covering every score from 0 to 24 with no gap or overlap:
    standard: {at_most: 9}, medium: {at_least: 10, at_most: 13}, high: {at_least: 14}."""
    if not c.keys(raw, path, set(RISK_BANDS_SCORED), "risk_bands", RISK_BANDS_SCORED):
        return {}
    bands: dict = {}
    for band in RISK_BANDS_SCORED:
        value = raw.get(band)
        if value is None:
            continue
        if not isinstance(value, dict):
            c.add(path + (band,), f"the {band} band should be a score range, e.g. {{at_least: 10, at_most: 13}}")
            continue
        test = read_range(c, value, path + (band,), band)
        if test is not None and any(isinstance(b, str) for b in (test.at_least, test.at_most)):
            c.add(path + (band,), "risk bands are written with numbers, not setting names")
            test = None
        if test is not None:
            bands[band] = test
    if len(bands) < len(RISK_BANDS_SCORED):
        return {}
    expected_low = 0
    for band in RISK_BANDS_SCORED:
        low, high = bands[band].at_least or 0, bands[band].at_most
        last = band == RISK_BANDS_SCORED[-1]
        if low != expected_low:
            c.add(path + (band,), f"the {band} band should start at {expected_low} (right after the band below), "
                                  f"not {low}: the bands must cover every score with no gap or overlap")
            return {}
        if last and high not in (None, CHECKLIST_THEMES):
            c.add(path + (band,), f"the {band} band should run to the top score ({CHECKLIST_THEMES}): leave out at_most")
            return {}
        if not last and high is None:
            c.add(path + (band,), f"the {band} band needs at_most, where the next band starts")
            return {}
        expected_low = (high or CHECKLIST_THEMES) + 1
    return bands


def read_marac_criteria(c: Checker, raw, path: tuple) -> dict:
    """The four SafeLives MARAC criteria, each a condition (a bound may name a setting, e.g. marac_threshold)."""
    if not c.keys(raw, path, set(MARAC_REASONS), "marac_criteria"):
        return {}
    criteria = {}
    for reason in MARAC_REASONS:
        if raw.get(reason) is None:
            c.add(path, f'marac_criteria is missing "{reason}": a MARAC referral is made on any one of the four '
                        "criteria (visible high risk, professional judgement, escalation, repeat)")
            continue
        criteria[reason] = read_conditions(c, raw[reason], path + (reason,))
    return criteria if len(criteria) == len(MARAC_REASONS) else {}

