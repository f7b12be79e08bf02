"""What the YAML parser says about a syntax error, in words for someone editing a pathway file."""
from __future__ import annotations

import yaml

from .problems import show

# What the YAML parser says, and what it means for someone editing a pathway file.
_SYNTAX = (
    ("'\\t'", "a tab is used to indent this line: YAML needs spaces for indenting, so replace the tab with spaces"),
    ("could not find expected ':'", "this line is not in 'key: value' form: a colon is missing, or the line is "
                                    "indented differently from the lines around it"),
    ("mapping values are not allowed", "there is a ': ' inside a value here: put the whole value in quotes, "
                                       "or check the indentation"),
    ("did not find expected key", "this line is not indented like the lines around it: check the spaces at "
                                  "the start of the line (and that every quote is closed)"),
    ("did not find expected '-' indicator", "this list entry is indented differently from the entries before it"),
    ("did not find expected ',' or ']'", "a list in [ ] is not closed properly: check the brackets, commas and quotes"),
    ("did not find expected ',' or '}'", "a mapping in { } is not closed properly: check the braces, commas and "
                                         "quotes"),
    ("found unexpected end of stream", "the file ends in the middle of a value: a quote or bracket is not closed"),
    ("found unknown escape character", "a backslash in double quotes starts a code YAML does not know: use single "
                                       "quotes, or write \\\\ for a backslash"),
    ("block sequence entries are not allowed", "a '- ' list entry is not allowed here: check the indentation, or "
                                               "put the value in quotes"),
    ("cannot start any token", "a value cannot start with this character (@, ` or %): put the value in quotes"),
    ("expected alphabetic or numeric character", "a value cannot start with & or *: put the value in quotes"),
    ("found undefined tag handle", "a value cannot start with !: put the value in quotes"),
    ("expected <document start>", "this line does not fit: check its indentation, or put the value above in quotes"),
    ("expected a single document", "a second document starts here (a line with ---): a pathway file is one "
                                   "document"),
    ("found unexpected ':'", "there is a ':' here that YAML cannot place: put the value in quotes"),
    ("found a document separator", "a quoted value runs into a --- line: close the quote"),
)


def syntax_message(exc: yaml.MarkedYAMLError, text: str = ""):
    """Plain words for a YAML syntax error, and the mark to report it at."""
    said = f"{exc.problem or ''} {exc.context or ''}"
    mark = exc.problem_mark or exc.context_mark
    if mark is not None and "\t" in _char_at(text, mark.line, mark.column - 1, mark.column + 1):
        return _SYNTAX[0][1], mark
    if "flow sequence" in (exc.context or "") and exc.context_mark:
        return "a list opened here with [ is not closed properly: check the brackets, commas and quotes", exc.context_mark
    if "flow mapping" in (exc.context or "") and exc.context_mark:
        return "a mapping opened here with { is not closed properly: check the braces, commas and quotes", exc.context_mark
    if "quoted scalar" in (exc.context or "") and exc.context_mark:
        return "a quote opened here is never closed (or a backslash inside double quotes is wrong)", exc.context_mark
    if "'\\t'" in said or "tab character" in said:
        return _SYNTAX[0][1], mark
    for words, meaning in _SYNTAX:
        if words in said:
            return meaning, mark
    return (f"YAML syntax error: {show(exc.problem or exc.context or 'the file cannot be read', 120)} (check the "
            "indentation and the quotes on this line and the one above)"), mark


def _char_at(text: str, line: int, start: int, end: int) -> str:
    """The characters of one line (0-based) between two columns, or ""."""
    begin = 0
    for _ in range(line):
        begin = text.find("\n", begin) + 1
        if begin == 0:
            return ""
    stop = text.find("\n", begin)
    return text[begin:stop if stop >= 0 else len(text)][max(start, 0):end]
