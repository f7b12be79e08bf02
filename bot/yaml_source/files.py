"""Reading a pathway file: only a modest, ordinary UTF-8 text file, without ever blocking."""
from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from .problems import YamlProblem

MAX_BYTES = 512 * 1024

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
