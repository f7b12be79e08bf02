"""The JSON Schema editors use agrees with the loader, and every shipped file carries the modeline."""
import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from bot.pathways import default_pathway_dir
from bot.schema import schema

ROOT = Path(__file__).resolve().parents[1]
FILES = sorted(default_pathway_dir().glob("*.yml"))


def as_json_data(value):
    """What the YAML language server sees: dates as strings, yes/no keys as text."""
    if isinstance(value, dict):
        return {({True: "yes", False: "no"}.get(k, k)): as_json_data(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json_data(v) for v in value]
    return value.isoformat() if isinstance(value, dt.date) else value


def test_committed_schema_is_the_generated_one():
    committed = json.loads((ROOT / "docs" / "pathway.schema.json").read_text())
    assert committed == schema(), "run: python -m bot.schema > docs/pathway.schema.json"


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_shipped_files_match_the_schema_and_carry_the_modeline(path):
    assert path.read_text().startswith("# yaml-language-server: $schema=../../docs/pathway.schema.json")
    jsonschema.validate(as_json_data(yaml.safe_load(path.read_text())), schema())


def test_the_schema_rejects_what_the_loader_rejects():
    data = as_json_data(yaml.safe_load((default_pathway_dir() / "exampleshire.yml").read_text()))
    data["services"][0]["kinds"] = ["idvaa"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema())
    data = as_json_data(yaml.safe_load((default_pathway_dir() / "exampleshire.yml").read_text()))
    data["services"][0]["refferal"] = "typo"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema())
