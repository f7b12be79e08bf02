"""The import map of bot/ (and actions/): layers, no circles, no private names across modules.

Layers, lowest first. A module may import from its own layer or a lower one, never a higher one:

    reading    YAML reading, the shared vocabulary, the channel-neutral message types
    pathways   the pathway model and loading, and what is computed from a pathway alone
               (risk bands, referral rules, verification dates, the printable document)
    core       understanding (NLU, privacy guard, interpreting an answer) and the engine
    turn       the turn pipeline and the backends that serve it (embedded, Rasa)
    channels   terminal, Telegram, Teams, web; the Rasa action server
    tools      the command line, scenario runner, benchmarks, NLU evaluation, Rasa components

A new module is placed by the longest prefix in LAYERS below; one that matches none fails the
test with a message saying where to add it. File sizes are printed (-s) but never fail the test.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ORDER = ("reading", "pathways", "core", "turn", "channels", "tools")
LAYERS = {
    "bot.yaml_source": "reading", "bot.vocab": "reading", "bot.messages": "reading", "bot.english_words": "reading",
    "bot.pathways": "pathways", "bot.risk": "pathways", "bot.rules": "pathways", "bot.verification": "pathways",
    "bot.registry": "pathways", "bot.schema": "pathways", "bot.gaps": "pathways", "bot.render": "pathways",
    "bot.newarea": "pathways", "bot.diagram": "pathways",
    "bot.nlu": "core", "bot.privacy": "core", "bot.interpret": "core", "bot.engine": "core", "bot.summary": "core",
    "bot.record": "core", "bot.questions": "core", "bot.results": "core", "bot.faq_answers": "core",
    "bot.referrals": "core",
    "bot.turn": "turn", "bot.backend": "turn", "bot.rasa_turn": "turn", "bot.rasa_backend": "turn",
    "bot.store": "turn",
    "bot.channels": "channels", "actions": "channels",
    "bot.cli": "tools", "bot.scenarios": "tools", "bot.bench": "tools", "bot.reliability_bench": "tools", "bot.nlu_eval": "tools",
    "bot.rasa_intent": "tools", "bot.rasa_tracker_store": "tools", "bot.__main__": "tools",
    # the trainers' web chat plays vignettes with the scenario runner (scenario mode), so it sits with the tools
    "bot.channels.web": "tools",
}
# Only the turn pipeline guards the door; `pathbot privacy check` (the CLI) shows the guard's verdicts.
PRIVACY_USERS = {"bot.turn", "bot.cli", "bot.nlu_eval"}   # nlu_eval measures the guard on held-out identifiers
LARGE = 500


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer(module: str) -> str | None:
    if module == "bot":
        return "reading"            # the package itself: an empty __init__
    best = max((p for p in LAYERS if module == p or module.startswith(p + ".")), key=len, default=None)
    return LAYERS[best] if best else None


def sources() -> dict[str, Path]:
    files = sorted((ROOT / "bot").rglob("*.py")) + sorted((ROOT / "actions").rglob("*.py"))
    return {module_name(f): f for f in files}


MODULES = sources()


def resolve(module: str, path: Path, node: ast.ImportFrom) -> str:
    """The absolute module a `from ... import` names."""
    if not node.level:
        return node.module or ""
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    base = package[: len(package) - node.level + 1]
    return ".".join(base + ([node.module] if node.module else []))


def imports(module: str) -> list[tuple[str, list[str], int]]:
    """(imported project module, names taken from it, line) for every import, at any depth (lazy ones too)."""
    path = MODULES[module]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(a.name, [], node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            target = resolve(module, path, node)
            names = [a.name for a in node.names]
            # `from . import engine` names a module, not an attribute of the package
            subs = [n for n in names if f"{target}.{n}" in MODULES]
            found += [(f"{target}.{n}", [], node.lineno) for n in subs]
            rest = [n for n in names if n not in subs]
            if rest:
                found.append((target, rest, node.lineno))
    return [(t, n, line) for t, n, line in found if t in MODULES]


GRAPH = {m: imports(m) for m in MODULES}


def test_every_module_has_a_layer():
    missing = sorted(m for m in MODULES if layer(m) is None)
    assert not missing, f"place these modules in a layer (LAYERS in {Path(__file__).name}): {missing}"


def test_no_import_goes_up_a_layer():
    upward = []
    for module, found in GRAPH.items():
        here = layer(module)
        for target, _, line in found:
            there = layer(target)
            if here and there and ORDER.index(there) > ORDER.index(here):
                upward.append(f"{MODULES[module].relative_to(ROOT)}:{line} ({here}) imports {target} ({there})")
    assert not upward, "imports from a higher layer:\n" + "\n".join(upward)


def test_no_circles():
    """No module reaches itself through its imports. A package's __init__ that re-exports its own
    modules is not a circle with them (they never import the package itself here)."""
    edges = {m: {t for t, _, _ in found if t != m and not (m.startswith(t + ".") and MODULES[t].name == "__init__.py")}
             for m, found in GRAPH.items()}
    circles, state = [], {}

    def visit(m: str, stack: list[str]) -> None:
        state[m] = "open"
        stack.append(m)
        for t in sorted(edges[m]):
            if state.get(t) == "open":
                circles.append(" -> ".join(stack[stack.index(t):] + [t]))
            elif t not in state:
                visit(t, stack)
        stack.pop()
        state[m] = "done"

    for m in sorted(edges):
        if m not in state:
            visit(m, [])
    assert not circles, "import circles:\n" + "\n".join(circles)


def test_no_private_names_imported_across_modules():
    private = [f"{MODULES[m].relative_to(ROOT)}:{line} takes {', '.join(n for n in names if n.startswith('_'))} from {t}"
               for m, found in GRAPH.items() for t, names, line in found
               if any(n.startswith("_") for n in names)]
    assert not private, "private names imported across modules:\n" + "\n".join(private)


def test_only_the_turn_pipeline_calls_the_privacy_guard():
    """Channels never call the guard themselves: typed text meets it in bot/turn.py."""
    callers = sorted({m for m, found in GRAPH.items() for t, _, _ in found if t == "bot.privacy"} - PRIVACY_USERS)
    assert not callers, f"the privacy guard is the turn pipeline's door (bot.turn.screen); also called by {callers}"


@pytest.mark.parametrize("module", ["bot.engine", "bot.interpret", "bot.nlu"])
def test_understanding_and_the_engine_know_no_channel_and_no_pipeline(module):
    """The engine is handed its library, and interpreting is handed the question: neither reaches up."""
    reached = {t for m, found in GRAPH.items() if m == module or m.startswith(module + ".") for t, _, _ in found}
    assert not {t for t in reached if layer(t) in ("turn", "channels", "tools")}


def test_file_sizes_are_reported(capsys):
    """Files over ~500 lines are candidates to split (reported, never failed: others are splitting them)."""
    sizes = sorted(((len(p.read_text(encoding="utf-8").splitlines()), m) for m, p in MODULES.items()), reverse=True)
    with capsys.disabled():
        large = [f"{m} ({n})" for n, m in sizes if n > LARGE]
        print(f"\nimport map: {len(MODULES)} modules; over {LARGE} lines: {', '.join(large) or 'none'}")
    assert sizes
