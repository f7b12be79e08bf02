"""The pathway as a picture (bot/diagram.py) and `pathbot pathways render --format svg|dot`."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest

from bot import diagram
from bot.pathways import load_pathways

DOT = shutil.which("dot")


@pytest.fixture(scope="module")
def pathway():
    return load_pathways().get("exampleshire")


def test_source_has_stages_questions_branches_emergency_and_rules(pathway):
    src = diagram.source(pathway)
    assert src.startswith("digraph pathway {")
    for step in pathway.steps:
        if step.asks and not step.checklist:
            assert f'id="step_{step.id}"' in src, step.id
    assert src.count('id="step_checklist"') == 1                 # 24 themes drawn as one node
    assert "Risk checklist: 24 themes" in src
    assert '"n_alone" -> "n_summary" [label="no", style=dashed' in src    # a branch that ends early
    assert '"n_concern" -> "n_harm_intro"' in src                 # a branch that diverts
    assert '"n_immediate_danger" -> "n_emergency" [label="yes", style=bold' in src
    assert f"({len(pathway.rules)} referral rules decide which services)" in src
    for title in ("1. Safe enquiry", "2. Immediate safety", "If the person discloses causing harm"):
        assert title in src


def test_node_for_the_conversation(pathway):
    assert diagram.node_for(pathway, "alone") == "alone"
    assert diagram.node_for(pathway, "strangulation") == "checklist"
    assert diagram.node_for(pathway, "alone", done=True) == "summary"
    assert diagram.node_for(pathway, "no_such_step") is None


def test_hostile_wording_stays_inside_its_label(pathway):
    from dataclasses import replace
    bad = replace(pathway.steps[1], ask='He said "x" \\"; } digraph evil { a -> b <script>alert(1)</script>')
    hostile = replace(pathway, steps=(pathway.steps[0], bad) + pathway.steps[2:])
    src = diagram.source(hostile)
    label = re.search(r'id="step_alone".*', src).group()
    assert 'label="He said \\"x\\" \\\\\\"; } digraph evil' in label
    if DOT:
        svg = diagram.svg(hostile)
        assert "<script" not in svg and "&lt;script&gt;" in svg


@pytest.mark.skipif(DOT is None, reason="Graphviz (dot) is not installed: make graphviz installs it")
def test_svg_drawn_by_graphviz(pathway):
    svg = diagram.svg(pathway)
    assert svg.startswith("<svg") and 'id="step_concern"' in svg and 'id="step_emergency"' in svg


def test_missing_dot_said_plainly(pathway, monkeypatch):
    monkeypatch.setattr(diagram.shutil, "which", lambda name: None)
    with pytest.raises(diagram.DotMissing, match="Graphviz is not installed"):
        diagram.svg(pathway)


def test_cli_render_svg_and_dot(tmp_path):
    out = subprocess.run([sys.executable, "-m", "bot.cli", "pathways", "render", "northdale", "--format", "dot"],
                         capture_output=True, text=True, check=True).stdout
    assert out.startswith("digraph pathway {") and "Northdale" in out
    result = subprocess.run([sys.executable, "-m", "bot.cli", "pathways", "render", "northdale", "--format", "svg",
                             "-o", str(tmp_path / "n.svg")], capture_output=True, text=True,
                            env={"PATH": "/nonexistent" if DOT is None else "/usr/bin:/bin"})
    if DOT:
        assert result.returncode == 0 and (tmp_path / "n.svg").read_text().startswith("<svg")
    else:
        assert result.returncode == 1 and "Graphviz is not installed" in result.stderr


def test_cli_render_svg_without_dot_says_so():
    result = subprocess.run([sys.executable, "-m", "bot.cli", "pathways", "render", "northdale", "--format", "svg"],
                            capture_output=True, text=True, env={"PATH": "/nonexistent"})
    assert result.returncode == 1 and "Graphviz is not installed" in result.stderr and "Traceback" not in result.stderr
