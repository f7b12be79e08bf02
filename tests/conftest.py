"""Fixtures shared by the pathway tests."""
import shutil

import pytest

from bot.pathways import default_pathway_dir


@pytest.fixture
def folder(tmp_path):
    """An empty pathways folder holding only the shipped national.yml, for area files under test."""
    shutil.copy(default_pathway_dir() / "national.yml", tmp_path / "national.yml")
    return tmp_path
