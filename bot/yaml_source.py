"""Read a pathway YAML file safely, keeping the line and column of every value.

Pathway files are edited by hand and may arrive from anywhere, so reading is
defensive: size and nesting are capped, anchors/aliases (the "billion laughs"
bomb) and non-standard tags (e.g. python objects) are refused before anything
is built, and only yaml.SafeLoader constructs values.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

MAX_BYTES = 512 * 1024
MAX_DEPTH = 12
MAX_NODES = 50_000
# libyaml's C parser when present (10x faster); the constructors are the safe ones either way.
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_PLAIN_TAGS = {"tag:yaml.org,2002:" + t for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")}

Position = tuple  # path of keys/indexes inside the document


@dataclass
class YamlProblem(Exception):
    """A file that cannot be read as a pathway, with where and why in plain words."""
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.line}:{self.column}: {self.message}"


def read_text(path: Path) -> str:
    """The file as text, refusing huge or binary files."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise YamlProblem(1, 1, f"cannot read the file ({exc.strerror or exc})") from None
    if size > MAX_BYTES:
        raise YamlProblem(1, 1, f"the file is {size // 1024} KB; a pathway file must be under {MAX_BYTES // 1024} KB")
    raw = path.read_bytes()
    if b"\x00" in raw:
        raise YamlProblem(1, 1, "this looks like a binary file, not a YAML text file")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlProblem(line, 1, "the file is not UTF-8 text: save it as UTF-8") from None


def _check_events(text: str) -> None:
    """Walk the event stream (iterative, cheap) and refuse dangerous structure early."""
    depth = nodes = 0
    try:
        for event in yaml.parse(text, Loader=Loader):
            mark = event.start_mark
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise YamlProblem(mark.line + 1, mark.column + 1,
                                  "anchors and aliases (& and *) are not allowed in pathway files: write each value out")
            tag = getattr(event, "tag", None)
            if tag and tag != "!" and tag not in _PLAIN_TAGS:
                raise YamlProblem(mark.line + 1, mark.column + 1,
                                  f"the tag {tag[:40]!r} is not allowed: pathway files hold plain text, numbers, lists and mappings")
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise YamlProblem(mark.line + 1, mark.column + 1, f"nested more than {MAX_DEPTH} levels deep")
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
            nodes += 1
            if nodes > MAX_NODES:
                raise YamlProblem(mark.line + 1, mark.column + 1, "the file has too many values to be a pathway file")
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise YamlProblem(*where, f"YAML syntax error: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise YamlProblem(1, 1, f"YAML error: {exc}") from None


def _marks(node: yaml.Node, path: tuple, out: dict) -> None:
    out[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value
            out[path + (key, "<key>")] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            _marks(value_node, path + (key,), out)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _marks(item, path + (index,), out)


def load(text: str) -> tuple[object, dict]:
    """Parse YAML text into plain data and a map from value path to (line, column)."""
    _check_events(text)
    loader = Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise YamlProblem(*where, f"YAML error: {exc.problem or exc.context}") from None
    finally:
        loader.dispose()
    marks: dict = {}
    _marks(node, (), marks)
    return data, marks


def position(marks: dict, path: tuple) -> tuple[int, int]:
    """The line and column of a value, or of its nearest enclosing value."""
    while path and path not in marks:
        path = path[:-1]
    return marks.get(path, (1, 1))
