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

import errno
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

MAX_BYTES = 512 * 1024
MAX_DEPTH = 12
MAX_NODES = 50_000
# libyaml's C parser when present (10x faster); it only parses: values are built here.
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Y = "tag:yaml.org,2002:"
_STR, _MAP, _SEQ, _NULL, _BOOL, _INT, _FLOAT, _TIME = (
    _Y + t for t in ("str", "map", "seq", "null", "bool", "int", "float", "timestamp"))
_PLAIN_TAGS = {_STR, _MAP, _SEQ, _NULL, _BOOL, _INT, _FLOAT, _TIME}

# Characters that have no place in a pathway file: C0/C1 controls (tab and newline are fine),
# and invisible characters that change how the text around them looks or hide text: bidi
# embeddings, overrides and isolates, zero-width space, word joiner and invisible operators,
# a byte-order mark inside the text, line/paragraph separators, Unicode tag characters.
# (Zero-width joiner and non-joiner are left alone: some scripts and emoji need them.)
BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u180e\u200b\u2028\u2029\u202a-\u202e"
                       "\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb\U000e0000-\U000e007f]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")   # the ones YAML itself cannot read
MAX_CHAR_REPORTS = 5

Position = tuple  # path of keys/indexes inside the document


@dataclass
class YamlProblem(Exception):
    """A file that cannot be read as a pathway, with where and why in plain words.

    `others` holds problems found before this one (e.g. invisible characters) so that
    the caller can report them all."""
    line: int
    column: int
    message: str
    others: list = field(default_factory=list)

    def __str__(self) -> str:
        return f"{self.line}:{self.column}: {self.message}"


@dataclass
class Parsed:
    """The data, where each value is (`marks`), and problems that do not stop reading."""
    data: object
    marks: dict
    problems: list


def describe_char(ch: str) -> str:
    """'U+202E RIGHT-TO-LEFT OVERRIDE': a character named so a person can find it."""
    name = unicodedata.name(ch, "") or {"\t": "TAB", "\n": "NEW LINE", "\r": "CARRIAGE RETURN",
                                        "\x1b": "ESCAPE", "\x00": "NUL", "\x7f": "DELETE"}.get(ch, "CONTROL CHARACTER")
    return f"U+{ord(ch):04X} {name}"


def show(value, limit: int = 60) -> str:
    """A value quoted in a message: control and invisible characters made visible, long text cut."""
    text = value if isinstance(value, str) else str(value)
    if len(text) > limit:
        text = text[:limit] + "..."
    return BAD_CHARS.sub(lambda m: f"<U+{ord(m.group()):04X}>", text).replace("\n", " ").replace("\t", " ")


# --- reading the file ---------------------------------------------------------------------

_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a device"),
          (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"))


def _os_problem(exc: OSError) -> YamlProblem:
    why = {errno.ENOENT: "the file does not exist (or is a link to a file that does not exist)",
           errno.EACCES: "pathbot is not allowed to read this file: check its permissions",
           errno.EPERM: "pathbot is not allowed to read this file: check its permissions",
           errno.ELOOP: "this is a link that leads round in a circle (a link to itself)",
           errno.EISDIR: "this is a folder, not a pathway file",
           errno.ENAMETOOLONG: "the file name is too long"}.get(exc.errno)
    return YamlProblem(1, 1, why or f"cannot read the file ({exc.strerror or exc})")


def read_text(path: Path) -> str:
    """The file as text, refusing anything but a modest UTF-8 text file, without ever blocking."""
    try:
        # O_NONBLOCK: opening a named pipe must not wait for a writer; it is refused just below.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise _os_problem(exc) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            what = next((name for test, name in _KINDS if test(st.st_mode)), "not an ordinary file")
            raise YamlProblem(1, 1, f"this is {what}, not a pathway file: give the path of a .yml text file")
        if st.st_size > MAX_BYTES:
            raise YamlProblem(1, 1, f"the file is {st.st_size // 1024} KB; a pathway file must be under "
                                    f"{MAX_BYTES // 1024} KB")
        chunks, size = [], 0
        while size <= MAX_BYTES:       # the file may grow while it is read: never take more than this
            chunk = os.read(fd, MAX_BYTES + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise _os_problem(exc) from None
    finally:
        os.close(fd)
    raw = b"".join(chunks)
    if len(raw) > MAX_BYTES:
        raise YamlProblem(1, 1, f"the file is over {MAX_BYTES // 1024} KB; a pathway file must be under "
                                f"{MAX_BYTES // 1024} KB")
    return decode(raw)


def decode(raw: bytes) -> str:
    """UTF-8 text (with or without a byte-order mark); any other encoding is named and refused."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or (b"\x00" in raw[:200] and _looks_utf16(raw)):
        raise YamlProblem(1, 1, "the file is saved as UTF-16 or UTF-32 (\"Unicode\" in some editors): "
                                "save it as UTF-8")
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise YamlProblem(line, 1, "this looks like a binary file (it contains NUL bytes), not a YAML text file")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        start = exc.start + (3 if raw.startswith(b"\xef\xbb\xbf") else 0)
        line_start = raw.rfind(b"\n", 0, start) + 1
        column = len(raw[line_start:start].decode("utf-8", "replace")) + 1
        line = raw[:start].count(b"\n") + 1
        bad = sum(1 for b in raw if b >= 0x80)
        hint = ("it may have been saved as Windows or Latin-1 text, e.g. an accented letter, a pound sign or a "
                "curly quote" if bad < len(raw) // 4 else "this may be a binary file rather than text")
        raise YamlProblem(line, column, f"the file is not UTF-8 text (byte 0x{raw[start]:02X} here; {hint}): "
                                        "save it as UTF-8") from None


def _looks_utf16(raw: bytes) -> bool:
    head = raw[:200]
    return head[1::2].count(0) > len(head) // 4 or head[0::2].count(0) > len(head) // 4


# --- parsing ------------------------------------------------------------------------------

def _normalise(text: str) -> str:
    """Windows and old-Mac line ends become plain newlines (YAML reads them the same), so every
    line number counts the same lines a text editor does."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _scan_characters(text: str) -> tuple[list, set]:
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
    if _CONTROL.match(ch):
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


class _Builder:
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
                self.problem(event, f"this text contains {'a control' if _CONTROL.match(ch) else 'an invisible'} "
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


def _build(loader, builder: _Builder):
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


def parse(text: str) -> Parsed:
    """Parse YAML text into plain data, a map from value path to (line, column), and the problems
    that did not stop reading. Raises YamlProblem when the text cannot be read at all."""
    text = _normalise(text)
    problems, lines = _scan_characters(text)
    if _CONTROL.search(text):      # YAML cannot read past a control character: stop at the first
        first = next(p for p in problems if p.message.startswith("there is a control"))
        raise YamlProblem(first.line, first.column, first.message, [p for p in problems if p is not first])
    return _parse_with(Loader, text, problems, lines)


def _parse_with(loader_class, text: str, problems: list, lines) -> Parsed:
    builder = _Builder(lines)
    loader = loader_class(text)
    try:
        data = _build(loader, builder)
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


def position(marks: dict, path: tuple) -> tuple[int, int]:
    """The line and column of a value, or of its nearest enclosing value."""
    while path and path not in marks:
        path = path[:-1]
    return marks.get(path, (1, 1))


def raw_text(marks: dict, path: tuple) -> str | None:
    """How an unquoted number, date, true/false or null was written in the file (None for text)."""
    return marks.get(("<raw>",) + path)
