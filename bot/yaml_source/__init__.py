"""Read a pathway YAML file safely, keeping the line and column of every value.

Pathway files are edited by hand and may arrive from anywhere, so reading is
defensive, and every refusal is a `YamlProblem` with a line, a column and plain words:

- only ordinary files are read (never a pipe, a device or a folder, so nothing can
  hang), at most MAX_BYTES of them, and only UTF-8 text (a UTF-8 byte-order mark is
  fine; UTF-16, Latin-1 and binary files are named as such);
- control characters and invisible characters that change how text looks (right-to-left
  overrides, zero-width spaces) are reported where they are;
- the data is built straight from the parser's event stream, in one iterative pass (no
  recursion, so no nesting can crash it): nesting deeper than MAX_DEPTH, more than
  MAX_NODES values, anchors and aliases (the "billion laughs" bomb), merge keys (`<<:`),
  tags other than the plain ones (e.g. `!!python/object`), keys that are lists or
  mappings and a second document are refused; nothing is ever constructed but text,
  numbers, true/false, null, dates, lists and mappings;
- a key given twice in the same mapping (YAML would silently keep the last one) and a
  value YAML cannot turn into what it looks like (`2026-13-45`) are reported, and
  reading carries on so that every other problem is found too.
"""
from __future__ import annotations

import yaml

from .building import MAX_DEPTH, MAX_NODES, Builder, build, normalise_line_ends, scan_characters
from .files import MAX_BYTES, decode, read_text
from .problems import BAD_CHARS, CONTROL, Parsed, Position, YamlProblem, describe_char, show
from .syntax import syntax_message

__all__ = ["BAD_CHARS", "MAX_BYTES", "MAX_DEPTH", "MAX_NODES", "Loader", "Parsed", "Position", "YamlProblem",
           "decode", "describe_char", "load", "parse", "position", "raw_text", "read_text", "show", "syntax_message"]

# libyaml's C parser when present (10x faster); it only parses: values are built here.
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse(text: str) -> Parsed:
    """Parse YAML text into plain data, a map from value path to (line, column), and the problems
    that did not stop reading. Raises YamlProblem when the text cannot be read at all."""
    text = normalise_line_ends(text)
    problems, lines = scan_characters(text)
    if CONTROL.search(text):      # YAML cannot read past a control character: stop at the first
        first = next(p for p in problems if p.message.startswith("there is a control"))
        raise YamlProblem(first.line, first.column, first.message, [p for p in problems if p is not first])
    return _parse_with(Loader, text, problems, lines)


def _parse_with(loader_class, text: str, problems: list, lines) -> Parsed:
    builder = Builder(lines)
    loader = loader_class(text)
    try:
        data = build(loader, builder)
    except YamlProblem as exc:
        exc.others = problems + builder.problems
        raise
    except yaml.MarkedYAMLError as exc:
        if loader_class is not yaml.SafeLoader and "maximum nesting depth" in str(exc.problem):
            # libyaml 0.2.6+ (PyYAML 6.0.4+) refuses deep nesting itself, in its own words and at
            # its own place, before our MAX_DEPTH check is reached. The Python parser has no such
            # limit and reads lazily, so reading again with it gives the commissioner the same
            # line, column and message whatever libyaml a machine has (only bad files pay for it).
            return _parse_with(yaml.SafeLoader, text, problems, lines)
        message, mark = syntax_message(exc, text)
        where = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise YamlProblem(*where, message, problems + builder.problems) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(1, 1, f"the file cannot be read as YAML ({show(exc, 120)})",
                          problems + builder.problems) from None
    finally:
        loader.dispose()
    return Parsed(data, builder.marks, problems + builder.problems)


def load(text: str) -> tuple[object, dict]:
    """Parse YAML text into plain data and a map from value path to (line, column); any problem is raised."""
    parsed = parse(text)
    if parsed.problems:
        first = parsed.problems[0]
        raise YamlProblem(first.line, first.column, first.message, parsed.problems[1:])
    return parsed.data, parsed.marks


def position(marks: dict, path: tuple) -> tuple[int, int]:
    """The line and column of a value, or of its nearest enclosing value."""
    while path and path not in marks:
        path = path[:-1]
    return marks.get(path, (1, 1))


def raw_text(marks: dict, path: tuple) -> str | None:
    """How an unquoted number, date, true/false or null was written in the file (None for text)."""
    return marks.get(("<raw>",) + path)
