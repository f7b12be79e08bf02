"""Loading pathway files: read and check each file, build the national baseline, merge each area onto it,
and return a Library of the areas that loaded cleanly with every problem found."""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import gc
import hashlib
import os
from pathlib import Path

from ..yaml_source import YamlProblem, parse as parse_yaml, position, read_text, show
from .checks import Checker, kind_of, norm, odd_letters, suggest
from .floor import check_area_floor, check_national_floor, floor_key_problem
from .format import (FILE_KEYS, FILE_REQUIRED, ID, MAX_PROBLEMS_PER_FILE, MESSAGES_NEEDED, NATIONAL_ONLY,
                     NATIONAL_SETTINGS, NATIONS, RETIRED_SETTINGS, REVIEW_HORIZON_DAYS, SECTION_TYPES, SETTINGS,
                     UK_WIDE)
from .model import Library, Pathway, Problem
from .parts import (check_answers, check_faq, check_flow, check_message, check_record_words, extends_problem, read_groups,
                    read_service, read_step)
from .rulebook import read_marac_criteria, read_referral_rules, read_risk_bands


def default_pathway_dir() -> Path:
    return Path(os.environ.get("PATHBOT_PATHWAYS") or Path(__file__).resolve().parents[2] / "data" / "pathways")



def _read_file(path: Path, today: dt.date, national: bool = False) -> tuple[dict | None, Checker, str]:
    c = Checker(path.name, {}, today)
    try:
        text = read_text(path)
        parsed = parse_yaml(text)
    except YamlProblem as exc:
        for p in exc.others + [exc]:
            c.problems.append(Problem(path.name, p.line, p.column, p.message))
        return None, c, ""
    data, c.marks = parsed.data, parsed.marks
    for p in parsed.problems:
        c.problems.append(Problem(path.name, p.line, p.column, p.message))
        c.read_spots.add((p.line, p.column))
    if not isinstance(data, dict):
        what = "empty" if data is None else kind_of(data)
        c.add((), f"a pathway file should be a set of 'key: value' lines (format, area, title, ...); this file is {what}")
        return None, c, ""
    data = _checked_top(c, data, path, today, national)
    return data, c, hashlib.sha256(text.encode()).hexdigest()[:12]


def _checked_top(c: Checker, data: dict, path: Path, today: dt.date, national: bool) -> dict:
    """Check the top of a file (format, area, title, dates, sections' shapes) and return a copy of the data
    in which a section of the wrong shape is left out, so the rest of the checks can run on it."""
    floor_keys = {k for k in data if isinstance(k, str) and k not in FILE_KEYS and floor_key_problem(k)}
    c.keys(data, (), FILE_KEYS | floor_keys, "the pathway file", FILE_REQUIRED)
    for key in floor_keys:
        c.add((key, "<key>"), floor_key_problem(key))
    data = dict(data)
    for key, shape in SECTION_TYPES.items():
        if data.get(key) is not None and not isinstance(data[key], shape):
            lines = "a list, each entry starting with '- '" if shape is list else "a set of 'key: value' lines"
            c.add((key,), f"{key} should be {lines}, not {kind_of(data[key])}")
            data[key] = None
    fmt = data.get("format")
    if fmt not in (None, 1) or isinstance(fmt, bool):
        c.add(("format",), "format should be the number 1 (without quotes)" if fmt == "1"
              else "this version of pathbot reads format 1 files: write format: 1")
    area = data.get("area")
    if area not in (None, ""):
        if c.ident(area, ("area",), "area", "exampleshire") and area != path.stem:
            c.add(("area",), f'the area "{show(area)}" should match the file name ({show(area)}.yml), but this file is called '
                             f'{show(path.name)}.' + odd_letters(path.stem).replace(" It contains", " The file name contains"))
    for key in ("title", "owner"):
        if data.get(key) not in (None, ""):
            c.text(data[key], (key,), key)
    if "demo" in data:
        c.boolean(data["demo"], ("demo",), "demo")
    due = c.date(data.get("review_due"), ("review_due",), "review_due")
    if due and due < today:
        c.add(("review_due",), f"the review of this file was due on {due}: check every entry and set a new review_due", "warning")
    elif due and (due - today).days > REVIEW_HORIZON_DAYS:
        c.add(("review_due",), f"review_due {due} is more than three years away: check the year", "warning")
    if national and "extends" in data:
        c.add(("extends", "<key>"), "national.yml is the baseline every area builds on: it cannot extend another "
                                    "file, so delete the extends line")
    elif not national:
        why = extends_problem(data.get("extends", "national"), area)
        if why:
            c.add(("extends",), why)
    settings = data.get("settings") or {}
    allowed = set(SETTINGS) | set(NATIONAL_SETTINGS) | set(RETIRED_SETTINGS)
    if c.keys(settings, ("settings",), allowed | {k for k in settings if floor_key_problem(str(k))}, "settings"):
        for key, value in settings.items():
            where = ("settings", str(norm(key)))
            if key in SETTINGS:
                lo, hi = SETTINGS[key]
                if not isinstance(value, int) or isinstance(value, bool) or not lo <= value <= hi:
                    c.add(where, f'{key} should be a whole number from {lo} to {hi}, not "{c.written(value, where)}"')
            elif key in RETIRED_SETTINGS:
                c.add(where + ("<key>",), f"{key} is no longer a setting: {RETIRED_SETTINGS[key]}")
            elif key in NATIONAL_SETTINGS and not national:
                c.add(where + ("<key>",), f"{key} can only be set in national.yml: the DASH risk bands and the MARAC "
                                          "criteria are the same in every area, and professional judgement can raise "
                                          "the risk but never lower it (the safety floor). An area sets its own "
                                          "marac_threshold and escalation_callouts")
            elif key not in allowed and floor_key_problem(str(key)):
                c.add(where + ("<key>",), floor_key_problem(str(key)))
        if national:
            for key in (*SETTINGS, *NATIONAL_SETTINGS):
                if key not in settings:
                    c.add(("settings",), f'the national pathway needs the setting "{key}"')
    for key, value in (data.get("sources") or {}).items():
        if not isinstance(key, str) or not ID.match(key):
            c.add(("sources", str(norm(key)), "<key>"), f'"{show(key)}" is not a valid source id: use lower-case '
                                                          "letters, digits and _")
        else:
            c.text(value, ("sources", key), f'the source "{key}"', required=True)
    return data


def whole_number(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


# An area setting above the national one means fewer cases meet a MARAC criterion: allowed (MARACs agree their
# own thresholds), but said, so it is a decision and never a slip. Hazard log H43.
ABOVE_NATIONAL = {
    "marac_threshold": 'a case with {low} to {high} "yes" answers will not meet visible high risk for MARAC on the score '
                       "alone (professional judgement still can)",
    "escalation_callouts": "{low} to {high} police call-outs in 12 months will not meet the escalation criterion",
}


def _above_national(c: Checker, settings: dict, national: dict) -> None:
    for key, consequence in ABOVE_NATIONAL.items():
        value, usual = settings.get(key), national.get(key)
        if whole_number(value) and whole_number(usual) and value > usual and value <= SETTINGS[key][1]:
            c.add(("settings", key), f"{key} {value} is higher than the national {usual}: "
                                     + consequence.format(low=usual, high=value - 1)
                                     + ". Check this is the threshold your MARAC has agreed", "warning")


def _build(data: dict, c: Checker, base: Pathway | None, version: str) -> Pathway | None:
    """Turn one checked file into a Pathway, on top of the national baseline when it extends it."""
    if base is None:
        for key in ("messages", "faq", "steps", "referral_rules", "services", "sources"):
            if not data.get(key):
                c.add((), f'the national pathway needs a "{key}" section')
    else:
        for key in NATIONAL_ONLY:
            if key in data:
                c.add((key, "<key>"), f'"{key}" can only be set in the national pathway: the questions, and the '
                                      "safe-enquiry stops among them, are part of the safety floor. Area files add "
                                      "services, settings and referral rules")
        check_area_floor(c, data, base)
    sources = dict((base.sources if base else {}) | (data.get("sources") or {}))
    raw_settings = data.get("settings") or {}
    settings = dict(base.settings if base else {})
    settings.update({k: v for k, v in raw_settings.items() if k in SETTINGS})
    if base is not None:
        _above_national(c, raw_settings, base.settings)
    if base is None:
        if raw_settings.get("risk_bands") is not None:
            settings["risk_bands"] = read_risk_bands(c, raw_settings["risk_bands"], ("settings", "risk_bands"))
        if raw_settings.get("marac_criteria") is not None:
            settings["marac_criteria"] = read_marac_criteria(c, raw_settings["marac_criteria"],
                                                             ("settings", "marac_criteria"))
    given = data.get("messages") or {}
    messages = dict((base.messages if base else {}) | given)
    for name, value in given.items():
        if base is not None and name not in base.messages and not str(name).startswith(("record_", "summary_")):
            # an area rewords national messages; a new name would never be shown (record_/summary_: below)
            c.add(("messages", str(norm(name)), "<key>"), f'"{show(name)}" is not a message the bot shows, so it '
                  "would never be used: an area file can only reword the messages in national.yml."
                  + suggest(str(name), base.messages))
            continue
        check_message(c, name, value, ("messages", str(norm(name))), sources)
    if base is None and data.get("messages"):
        for name in MESSAGES_NEEDED:
            if name not in messages:
                c.add(("messages",), f'the message "{name}" is missing: the bot needs it')
    if "summary_heading_harm" in messages and "summary_record_harm" not in messages:
        c.add(("messages",), 'the message "summary_record_harm" is missing: the bot needs it with summary_heading_harm')
    faq = dict((base.faq if base else {}) | (data.get("faq") or {}))
    check_faq(c, data.get("faq") or {}, sources)
    steps, paths = list(base.steps) if base else [], {}
    if base is None:
        for i, raw in enumerate(data.get("steps") or []):
            step = read_step(c, raw, ("steps", i))
            if step is None:
                continue
            if step.id in paths:
                c.add(("steps", i, "id"), f'the step id "{step.id}" is used twice')
                continue
            paths[step.id] = ("steps", i)
            steps.append(step)
        if paths:      # (with no steps at all, "needs a steps section" says it all)
            check_flow(c, steps, paths, sources)
    groups = dict(base.groups) if base else read_groups(c, data.get("groups"), steps, paths)
    check_record_words(c, given if isinstance(given, dict) else {}, messages, steps, base is None)
    rules = read_referral_rules(c, data.get("referral_rules") or [], base.rules if base else None)
    if base is None:
        check_national_floor(c, data, rules, settings.get("marac_criteria") or {})
    if base is None and paths:
        check_answers(c, steps, paths)
    elif base is not None:
        check_answers(c, steps, {})      # the area's own rules against the national questions
    nation = _nation(c, data, national=base is None)
    services = [s for s in base.services if serves(s, nation)] if base else []
    ids = {s.id for s in base.services} if base else set()
    max_age = settings.get("verification_max_age_days", 365)
    max_age = max_age if whole_number(max_age) else 365
    for i, raw in enumerate(data.get("services") or []):
        svc = read_service(c, raw, ("services", i), base is not None, max_age)
        if svc is None:
            continue
        if svc.id in ids:
            c.add(("services", i, "id"), f'the service id "{svc.id}" is used twice')
            continue
        svc = _placed(c, svc, ("services", i), nation, national=base is None)
        if svc.source is not None and svc.source not in sources:
            c.add(("services", i, "source"), f'"{show(svc.source)}" is not listed under sources.' + suggest(svc.source, sources))
        ids.add(svc.id)
        services.append(svc)
    if any(p.severity == "error" for p in c.problems):
        return None
    return Pathway(
        area=data["area"], title=" ".join(data["title"].split()), owner=" ".join(data["owner"].split()),
        review_due=c.date(data["review_due"], ("review_due",), "review_due"), demo=bool(data.get("demo")),
        settings=settings, sources=sources, messages=messages, faq=faq, steps=tuple(steps),
        rules=tuple(rules), services=tuple(services), groups=groups, nation=nation,
        version=(base.version + "+" if base else "") + version,
    )


def serves(service, nation: str | None) -> bool:
    """Whether a national service belongs on the lists of an area in `nation` (None: not said, so UK-wide only)."""
    return UK_WIDE in service.nations or (nation is not None and nation in service.nations)


def _nation(c: Checker, data: dict, national: bool) -> str | None:
    """The area's nation. national.yml has none (it serves every nation: each service says where);
    an area that does not say gets only UK-wide national services, its referral list says so, and
    `validate` warns the commissioner (hazard log, services by nation)."""
    if national:
        if "nation" in data:
            c.add(("nation", "<key>"), "national.yml serves every nation: delete this line and say where each "
                                       "national service serves with nations: (e.g. nations: [england] or [uk])")
        return None
    if data.get("nation") is None:     # the referral list says so too (messages.nation_unknown)
        c.add(("nation",), f"no nation: this area is offered only the UK-wide national services, none of the "
                           f"helplines for one nation. Add nation: with one of {', '.join(NATIONS)}", "warning")
        return None
    return c.nation(data["nation"], ("nation",), NATIONS, "a nation an area can be in")


def _placed(c: Checker, svc, path: tuple, nation: str | None, national: bool):
    """A service with the nations it serves: a national one must say; a local one serves its area's nation
    unless it says otherwise, and one that could never be shown in its own area is refused."""
    if national and not svc.nations:
        c.add(path, f'the national service "{svc.id}" needs nations: where it serves, e.g. nations: [england] '
                    "or nations: [uk], so no area is offered a service for another nation")
    elif not national and not svc.nations:
        return dataclasses.replace(svc, nations=(nation,)) if nation else svc
    elif not national and nation and not serves(svc, nation):
        c.add(path + ("nations",), f'the service "{svc.id}" serves {", ".join(svc.nations)}, but this area is in '
                                   f"{nation}: it would never be offered. Add {nation} to its nations, or remove it")
    return svc


def _gc_paused(load):
    """Loading builds many small objects and almost no reference cycles: the cyclic collector only slows it
    (about 10% for 350 areas), so it is paused while loading and restored after."""
    @functools.wraps(load)
    def wrapper(*args, **kwargs):
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return load(*args, **kwargs)
        finally:
            if was_enabled:
                gc.enable()
    return wrapper


def _load_one(path: Path, today: dt.date, base: Pathway | None) -> tuple[Pathway | None, list[Problem], dict]:
    """Check and build one file. Never raises: whatever is in the file, the result is problems, not a crash."""
    marks: dict = {}
    try:
        data, c, version = _read_file(path, today, national=base is None)
        marks = c.marks
        pathway = _build(data, c, base, version) if data is not None else None
        problems = c.problems
    except Exception as exc:    # a bug in pathbot, not the file's fault: report it as a problem, never a traceback
        pathway, problems = None, [Problem(path.name, 1, 1, f"pathbot could not finish checking this file "
                                                            f"({type(exc).__name__}), so it is not loaded: please "
                                                            "report this to the pathbot maintainers")]
    errors = [p for p in problems if p.severity == "error"]
    if len(errors) > MAX_PROBLEMS_PER_FILE:
        problems = [p for p in problems if p.severity != "error"] + errors[:MAX_PROBLEMS_PER_FILE]
        last = errors[MAX_PROBLEMS_PER_FILE - 1]
        problems.append(Problem(path.name, last.line, last.column,
                                f"... and {len(errors) - MAX_PROBLEMS_PER_FILE} more errors: fix the ones above first"))
    return pathway, problems, marks


def _stamp(path: Path):
    """What changes when a file is edited or replaced (None when it cannot be looked at)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino, st.st_dev


def _same_file(a: Path, b: Path) -> bool:
    return os.path.realpath(a) == os.path.realpath(b)      # never raises, even for a link loop


def _name(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def _name_clash(pathway: Pathway | None, names: dict, age: dict) -> str | None:
    """Staff choose an area by its id or its title: a title that is another area's id or title would start a
    case in the wrong area (its services, its thresholds). A title that is another area's id is refused; of
    files sharing one title the oldest is kept and the newer refused, so a copied or hostile file added
    later never takes an area down."""
    if pathway is None:
        return None
    title = _name(pathway.title)
    for other in names.get(title, ()):
        if other is pathway:
            continue
        if title == _name(other.area) or age[id(other)] < age[id(pathway)]:
            return (f'the title "{show(pathway.title)}" is also the {"id" if title == _name(other.area) else "title"} '
                    f'of the area "{other.area}": staff choose an area by its name, so each area needs a title of '
                    "its own")
    return None


@_gc_paused
def load_pathways(folder: Path | None = None, today: dt.date | None = None,
                  files: list[Path] | None = None, cache: dict | None = None) -> Library:
    """Load national.yml and every area file in `folder` (or just `files`, with national from their folder).

    `cache` (a dict kept by the caller between loads, as the live registry does) skips re-reading an area
    file that has not changed since the last load, with the same national pathway and day."""
    folder = Path(folder or default_pathway_dir())
    today = today or dt.date.today()
    library = Library({}, [])
    national_path = folder / "national.yml"
    if files is None:
        try:
            listing = sorted(folder.iterdir())
        except OSError:
            listing = []
        chosen = [p for p in listing if p.suffix == ".yml" and p.name != "national.yml"]
        for p in listing:
            if p.suffix.lower() in (".yml", ".yaml") and p.suffix != ".yml":
                library.problems.append(Problem(p.name, 1, 1, f'this file is never read: pathway files must end in '
                                                              f'".yml", so rename it to {show(p.stem)}.yml'))
    else:
        chosen, seen = [], set()
        for p in map(Path, files):
            if os.path.realpath(p) not in seen:     # the same file given twice is checked once
                seen.add(os.path.realpath(p))
                chosen.append(p)
    national, problems, _ = _load_one(national_path, today, None)
    if not os.path.lexists(national_path):
        library.problems.append(Problem(national_path.name, 1, 1, f"there is no national.yml in "
                                        f"{show(str(folder), 200)}: area files build on it, so it must be in the "
                                        "same folder as them"))
    elif files is None or any(_same_file(f, national_path) for f in files):
        library.problems.extend(problems)
    elif national is None:
        library.problems.append(Problem(national_path.name, 1, 1,
                                        "the national pathway has errors: run pathbot pathways validate on it"))
    if national is None:
        return library
    library.pathways["national"] = national
    library.versions[national.version] = national
    declared: dict[str, Path] = {}
    loaded: list = []
    for path in chosen:
        path = Path(path)
        if _same_file(path, national_path):
            continue
        stamp = _stamp(path)
        key = (national.version, today, stamp)
        if cache is not None and stamp is not None and cache.get(os.path.realpath(path), (None,))[0] == key:
            pathway, problems, marks = cache[os.path.realpath(path)][1]
            problems = list(problems)
        else:
            pathway, problems, marks = _load_one(path, today, national)
            if cache is not None and stamp is not None:
                cache[os.path.realpath(path)] = (key, (pathway, list(problems), marks))
        if files is not None and path.suffix != ".yml":
            problems.append(Problem(path.name, 1, 1, f'the assistant only reads files ending in ".yml" from the '
                                                     f'pathways folder: rename this file to {show(path.stem)}.yml',
                                    "warning"))
        if pathway is not None and pathway.area in declared:
            problems.append(Problem(path.name, *position(marks, ("area",)), f'the area "{pathway.area}" is also declared by '
                                                     f'{show(str(declared[pathway.area]), 200)}: each area has one file'))
            pathway = None
        if pathway is not None:
            declared[pathway.area] = path
        loaded.append((path, pathway, problems, marks))
    names: dict[str, list] = {}           # a name staff may choose an area by: the areas it names
    age: dict[int, tuple] = {}            # oldest first: (modified, area)
    for path, pathway, _, _ in loaded:
        if pathway is not None:
            for name in {_name(pathway.area), _name(pathway.title)}:
                names.setdefault(name, []).append(pathway)
            try:
                age[id(pathway)] = (os.stat(path).st_mtime, pathway.area)
            except OSError:
                age[id(pathway)] = (float("inf"), pathway.area)
    for path, pathway, problems, marks in loaded:
        clash = _name_clash(pathway, names, age)
        if clash:
            problems.append(Problem(path.name, *position(marks, ("title",)), clash))
            pathway = None
        if pathway is not None:
            library.pathways[pathway.area] = pathway
            library.versions[pathway.version] = pathway
        library.problems.extend(problems)
    if cache is not None and files is None:
        kept = {os.path.realpath(p) for p in chosen}
        for gone in [k for k in cache if k not in kept]:      # a deleted or renamed file
            del cache[gone]
    return library

