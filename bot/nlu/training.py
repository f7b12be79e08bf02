"""The training examples: Rasa 3 NLU files in ``data/nlu/`` (the same files Rasa trains on)."""
from __future__ import annotations

import os
import re
from pathlib import Path

import yaml

from ..yaml_source import Loader

_ANNOTATION = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\{[^}]*\})")


def default_nlu_dir() -> Path:
    """``$PATHBOT_NLU_DIR`` if set, else the repository's ``data/nlu``."""
    env = os.environ.get("PATHBOT_NLU_DIR")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "data" / "nlu"


def load_examples(nlu_dir: Path) -> dict[str, list[str]]:
    """Intent -> examples from every ``*.yml`` in ``nlu_dir`` (Rasa 3 format, entity markup removed)."""
    examples: dict[str, list[str]] = {}
    files = sorted(Path(nlu_dir).glob("*.yml")) + sorted(Path(nlu_dir).glob("*.yaml"))
    for path in files:
        try:
            doc = yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)    # libyaml when present
        except yaml.YAMLError as exc:
            raise ValueError(f"{path.name}: not valid YAML ({exc.__class__.__name__})") from None
        if doc is None:
            continue
        if not isinstance(doc, dict):
            raise ValueError(f"{path.name}: expected a mapping with an 'nlu' list")
        items = doc.get("nlu") or []
        if not isinstance(items, list):
            raise ValueError(f"{path.name}: 'nlu' must be a list")
        for i, item in enumerate(items):
            if not isinstance(item, dict) or "intent" not in item:
                continue  # synonyms, regexes and lookups are Rasa's business
            intent, block = item.get("intent"), item.get("examples")
            if not isinstance(intent, str) or not intent or not isinstance(block, str):
                raise ValueError(f"{path.name}: nlu item {i + 1} needs an intent name and an examples block")
            for line in block.splitlines():
                line = line.strip()
                if not line:
                    continue
                if not line.startswith("- "):
                    raise ValueError(f"{path.name}: intent {intent}: example lines must start with '- '")
                example = _ANNOTATION.sub(r"\1", line[2:]).strip()
                if example:
                    examples.setdefault(intent, []).append(example)
    return examples
