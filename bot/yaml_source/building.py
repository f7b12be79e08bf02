"""Building plain data from the YAML parser's events in one iterative pass, with the line and
column of every value, refusing what a pathway file never needs (anchors, tags, deep nesting, ...)."""
from __future__ import annotations

import yaml

from .problems import BAD_CHARS, CONTROL, MAX_CHAR_REPORTS, YamlProblem, describe_char, show

MAX_DEPTH = 12
MAX_NODES = 50_000
_Y = "tag:yaml.org,2002:"
_STR, _MAP, _SEQ, _NULL, _BOOL, _INT, _FLOAT, _TIME = (
    _Y + t for t in ("str", "map", "seq", "null", "bool", "int", "float", "timestamp"))
_PLAIN_TAGS = {_STR, _MAP, _SEQ, _NULL, _BOOL, _INT, _FLOAT, _TIME}


def normalise_line_ends(text: str) -> str:
    """Windows and old-Mac line ends become plain newlines (YAML reads them the same), so every
    line number counts the same lines a text editor does."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def scan_characters(text: str) -> tuple[list, set]:
    """Every control or invisible character in the text, where it is; and the lines they are on."""
    problems, lines, found, line, counted = [], set(), 0, 1, 0
    for match in BAD_CHARS.finditer(text):
        i = match.start()
        line += text.count("\n", counted, i)      # counted from the last one: linear even for a file full of them
        counted = i
        lines.add(line)
        found += 1
        if found <= MAX_CHAR_REPORTS:
            column = i - text.rfind("\n", 0, i)
            problems.append(YamlProblem(line, column, _char_message(match.group())))
    extra = found - MAX_CHAR_REPORTS
    if extra > 0:
        problems[-1].message += f" (and {extra} more such characters in this file)"
    return problems, lines


def _char_message(ch: str) -> str:
    if CONTROL.match(ch):
        return (f"there is a control character here ({describe_char(ch)}), which a text file should not "
                "contain: delete it")
    return (f"there is an invisible character here ({describe_char(ch)}): delete it. Characters like this "
            "can make text look different on screen from what it really says")


_IMPLICIT = {first: tuple(resolvers) for first, resolvers in yaml.resolver.Resolver.yaml_implicit_resolvers.items()}
_BOOLS = yaml.constructor.SafeConstructor.bool_values
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_BUILD = {_INT: _CONSTRUCTOR.construct_yaml_int, _FLOAT: _CONSTRUCTOR.construct_yaml_float,
          _TIME: _CONSTRUCTOR.construct_yaml_timestamp}
_WHAT = {_INT: "a whole number", _FLOAT: "a number", _TIME: "a date", _BOOL: "true or false", _NULL: "null"}


def _resolve(value: str) -> str:
    """The type YAML 1.1 gives an unquoted value, exactly as PyYAML's resolver does."""
    for tag, regexp in _IMPLICIT.get(value[:1], ()):
        if regexp.match(value):
            return tag
    return _STR


def _norm_key(key) -> str:
    """The name a key goes by in paths: yes/no/true/false keys read as "yes"/"no", as the checker reads them."""
    if key is True:
        return "yes"
    if key is False:
        return "no"
    return key if isinstance(key, str) else str(key)


class Builder:
    """Builds plain data, marks and problems from parser events, iteratively."""

    def __init__(self, escaped_lines: set):
        self.marks: dict = {}
        self.problems: list = []
        self.skip_lines = escaped_lines   # lines whose bad characters were already reported

    def scalar(self, event, path: tuple | None):
        """The value of one scalar: text, number, true/false, null or date (its raw text kept in marks)."""
        value, tag = event.value, event.tag
        if tag is None:
            tag = _resolve(value) if event.implicit[0] else _STR
        elif tag == "!":
            tag = _STR
        if tag == _STR:
            if event.style == '"' and BAD_CHARS.search(value) and event.start_mark.line + 1 not in self.skip_lines:
                ch = BAD_CHARS.search(value).group()
                self.problem(event, f"this text contains {'a control' if CONTROL.match(ch) else 'an invisible'} "
                                    f"character ({describe_char(ch)}), written with a backslash: remove it")
            return value
        if tag == _Y + "merge":
            raise _refusal(event, "merge keys (<<) are not allowed in pathway files: write each value out "
                                  "(put << in quotes if you mean the text)")
        if tag == _Y + "value" or tag == _Y + "yaml":
            return value      # '=' and the like: PyYAML cannot build them; they are only text
        if path is not None:
            self.marks[("<raw>",) + path] = value
        if tag == _NULL:
            return None
        try:
            if tag == _BOOL:
                return _BOOLS[value.lower()]
            if tag in _BUILD:
                return _BUILD[tag](yaml.ScalarNode(tag, value))
        except Exception as exc:   # ValueError, KeyError, OverflowError ...: never a traceback
            self.problem(event, _bad_value(value, tag, exc))
            return value
        raise _refusal(event, f"the tag {_tag_name(event.tag)!r} does not fit a single value")

    def problem(self, event, message: str) -> None:
        mark = event.start_mark
        self.problems.append(YamlProblem(mark.line + 1, mark.column + 1, message))


def _bad_value(value: str, tag: str, exc: Exception) -> str:
    if tag == _TIME:
        said = str(exc) if isinstance(exc, ValueError) else ""
        why = ("has an impossible time zone" if "offset" in said else
               "is not a real date: that month has no such day" if "day is out of range" in said else
               "is not a real date: the month must be 01 to 12" if "month" in said else
               "is not a real date: the year is out of range" if "year" in said else
               "is not a real date or time" if said else "is not a date")
        return f'"{show(value)}" {why}. Write dates as YYYY-MM-DD, e.g. 2026-03-31'
    if tag == _INT and "digits" in str(exc):
        return "this number has far too many digits"
    return f'"{show(value)}" cannot be read as {_WHAT.get(tag, "a value")}'


def _refusal(event, message: str) -> YamlProblem:
    mark = event.start_mark
    return YamlProblem(mark.line + 1, mark.column + 1, message)


def _refuse_structure(event) -> YamlProblem:
    """An anchor, alias or non-plain tag: refused with where it is."""
    if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
        return _refusal(event, "anchors and aliases (& and *) are not allowed in pathway files: write each value "
                               "out (put the value in quotes if it starts with & or *)")
    return _refusal(event, f"the tag {_tag_name(event.tag)!r} is not allowed: pathway files hold plain text, "
                           "numbers, lists and mappings (put the value in quotes if it starts with !)")


def _tag_name(tag: str) -> str:
    """A tag as it is written in the file (!!python/object rather than tag:yaml.org,2002:python/object)."""
    return show("!!" + tag[len(_Y):] if tag.startswith(_Y) else tag, 40)


_NO_KEY = object()


def build(loader, builder: Builder):
    """One pass over the events; a frame is [container, path, is_mapping, key, key path]."""
    get_event = loader.get_event
    marks, stack, root, documents, nodes = builder.marks, [], None, 0, 0
    Scalar, MapStart, SeqStart = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
    while True:
        event = get_event()
        if event is None:
            break
        cls = event.__class__
        if cls is Scalar or cls is MapStart or cls is SeqStart:
            nodes += 1
            if nodes > MAX_NODES:
                raise _refusal(event, "the file has too many values to be a pathway file")
            tag = event.tag
            if event.anchor or (tag is not None and tag != "!" and tag not in _PLAIN_TAGS):
                raise _refuse_structure(event)
            mark = event.start_mark
            where = (mark.line + 1, mark.column + 1)
            if stack:
                frame = stack[-1]
                if frame[2] and frame[3] is _NO_KEY:            # a key in a mapping
                    if cls is not Scalar:
                        raise _refusal(event, "a key here is a list or a mapping: a key must be a plain name "
                                              "followed by a colon, such as phone:")
                    key = event.value
                    if tag is not None or event.style or (event.implicit[0] and key[:1] in _IMPLICIT):
                        key = builder.scalar(event, None)      # (plain words, the usual key, skip this)
                    name = _norm_key(key)
                    key_path = frame[1] + (name,)
                    if key in frame[0]:
                        first = marks.get(key_path + ("<key>",), where)[0]
                        builder.problem(event, f'the key "{show(name)}" is repeated here (it is also on line {first}): '
                                               "YAML quietly keeps only the last one, so the value above would be "
                                               "lost. Delete one of them, or merge the two")
                    marks[key_path + ("<key>",)] = where
                    if not isinstance(key, str):
                        marks[("<raw>",) + key_path + ("<key>",)] = event.value
                    frame[3], frame[4] = key, key_path
                    continue
                path = frame[4] if frame[2] else frame[1] + (len(frame[0]),)
            else:
                path = ()
            marks[path] = where
            if cls is Scalar:
                value = event.value
                if tag is not None or event.style == '"' or (event.implicit[0] and value[:1] in _IMPLICIT):
                    value = builder.scalar(event, path)    # (plain or quoted text without escapes skips this)
            else:
                if len(stack) >= MAX_DEPTH:
                    raise _refusal(event, f"nested more than {MAX_DEPTH} levels deep: a pathway file is never "
                                          "this deep (check the indentation)")
                is_map = cls is MapStart
                if tag not in (None, "!", _MAP if is_map else _SEQ):
                    raise _refusal(event, f"the tag {_tag_name(tag)!r} does not fit a "
                                          f"{'mapping' if is_map else 'list'}")
                value = {} if is_map else []
            if stack:
                frame = stack[-1]
                if frame[2]:
                    frame[0][frame[3]] = value
                    frame[3] = _NO_KEY
                else:
                    frame[0].append(value)
            else:
                root = value
            if cls is not Scalar:
                stack.append([value, path, cls is MapStart, _NO_KEY, None])
        elif cls is yaml.MappingEndEvent or cls is yaml.SequenceEndEvent:
            stack.pop()
        elif cls is yaml.AliasEvent:
            raise _refuse_structure(event)
        elif cls is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise _refusal(event, "a second document starts here (a line with ---): a pathway file is one "
                                      "document, so delete this line, or move what follows into its own file")
    return root
