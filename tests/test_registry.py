"""Live reload: edits are picked up, broken edits never take an area down, conversations keep their version."""
import datetime as dt
import logging
import os
import shutil

import pytest

from bot import engine
from bot.pathways import default_pathway_dir
from bot.registry import PathwayRegistry
from bot.turn import EmbeddedBackend

TODAY = dt.date(2026, 11, 21)


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


@pytest.fixture
def setup(tmp_path):
    for name in ("national.yml", "exampleshire.yml"):
        shutil.copy(default_pathway_dir() / name, tmp_path / name)
    clock = Clock()
    registry = PathwayRegistry(tmp_path, check_every=2.0, clock=clock, today=TODAY)
    return tmp_path, clock, registry


def edit(path, old, new):
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))   # a visibly newer file


def test_an_edit_is_served_within_seconds(setup):
    folder, clock, registry = setup
    assert registry.library().get("exampleshire").settings["marac_threshold"] == 14
    edit(folder / "exampleshire.yml", "marac_threshold: 14", "marac_threshold: 16")
    clock.now += 1
    assert registry.library().get("exampleshire").settings["marac_threshold"] == 14   # not looked yet
    clock.now += 2
    assert registry.library().get("exampleshire").settings["marac_threshold"] == 16


def test_a_broken_edit_is_not_loaded_and_the_last_good_version_keeps_serving(setup, caplog):
    folder, clock, registry = setup
    good = registry.library().get("exampleshire")
    edit(folder / "exampleshire.yml", "kinds: [idva", "kinds: [idvaa")
    clock.now += 5
    with caplog.at_level(logging.ERROR, logger="pathbot.pathways"):
        library = registry.library()
    assert library.get("exampleshire") is good
    assert "exampleshire.yml" in caplog.text and "idvaa" in caplog.text and "last good version" in caplog.text


def test_a_conversation_in_progress_keeps_the_version_it_started_with(setup):
    folder, clock, registry = setup
    backend = EmbeddedBackend(registry=registry, today=TODAY)
    state, said = backend.start("exampleshire")
    started_with = state["version"]
    edit(folder / "exampleshire.yml", "escalation_callouts: 3", "escalation_callouts: 7")
    clock.now += 5
    state, said = backend.press(state, "experiencing")
    assert state["version"] == started_with
    assert engine.pathway_of(state, registry.library()).settings["escalation_callouts"] == 3
    fresh, _ = backend.start("exampleshire")
    assert engine.pathway_of(fresh, registry.library()).settings["escalation_callouts"] == 7


def test_a_new_area_file_appears_without_restart(setup):
    folder, clock, registry = setup
    text = (folder / "exampleshire.yml").read_text().replace("area: exampleshire", "area: westmarch")
    text = text.replace("title: Exampleshire", "title: Westmarch")        # each area has a title of its own
    (folder / "westmarch.yml").write_text(text)
    clock.now += 5
    assert "westmarch" in registry.library().areas()
