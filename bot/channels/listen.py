"""Starting a channel's web server: a port out of range, an address in use or not on this machine is
one plain line and an exit code, never a traceback (`pathbot web`, `pathbot teams`)."""
from __future__ import annotations

import sys

from aiohttp import web


def url_host(host: str) -> str:
    """An IPv6 address in a URL goes in brackets: http://[::1]:8080/."""
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def port_problem(command: str, port) -> str | None:
    if isinstance(port, bool) or not isinstance(port, int) or not 1 <= port <= 65535:
        return f"pathbot {command}: --port should be a number from 1 to 65535, not {port}"
    return None


def run_app(command: str, app, host: str, port: int, **options) -> int:
    """web.run_app, with the two ways it fails at start (the port, the address) said in one line: exit 2
    for a port that cannot be, 1 for one that cannot be used now."""
    problem = port_problem(command, port)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    try:
        web.run_app(app, host=host, port=port, **options)
    except OSError as exc:       # in use, not an address of this machine, a name that does not resolve
        reason = exc.strerror or str(exc)
        if "address already in use" in str(exc).lower():
            reason = "the address is already in use (is pathbot already running?)"
        print(f"pathbot {command}: cannot listen on {url_host(host)}:{port}: {reason}", file=sys.stderr)
        return 1
    return 0
