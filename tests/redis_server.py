"""A real redis-server for the tests: started on a free loopback port in a temporary folder, with
no persistence, and stopped at the end of the test session. `make redis-server` installs the
Debian package; without it the Redis tests skip with the reason."""
from __future__ import annotations

import atexit
import shutil
import socket
import subprocess
import tempfile
import time

_server: dict = {}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start() -> str:
    """The URL of a running redis-server of our own (started once per test session)."""
    if "url" in _server:
        return _server["url"]
    if "error" in _server:
        raise RuntimeError(_server["error"])
    binary = shutil.which("redis-server") or ("/usr/bin/redis-server" if shutil.os.path.exists("/usr/bin/redis-server") else None)
    if binary is None:
        _server["error"] = "redis-server is not installed (make redis-server installs the Debian package)"
        raise RuntimeError(_server["error"])
    folder = tempfile.mkdtemp(prefix="pathbot-redis-")
    port = _free_port()
    proc = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                             "--dir", folder, "--protected-mode", "yes"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2) as s:
                s.sendall(b"PING\r\n")
                if s.recv(16).startswith(b"+PONG"):
                    break
        except OSError:
            time.sleep(0.05)
    else:
        proc.kill()
        _server["error"] = "redis-server did not start within 10 s"
        raise RuntimeError(_server["error"])
    _server.update(url=f"redis://127.0.0.1:{port}/0", proc=proc, folder=folder, port=port)
    atexit.register(stop)
    return _server["url"]


def stop() -> None:
    proc = _server.pop("proc", None)
    if proc is not None:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(_server.pop("folder", ""), ignore_errors=True)
        _server.pop("url", None)


def redis_url_or_skip(request=None) -> str:
    import pytest
    try:
        return start()
    except RuntimeError as exc:
        pytest.skip(str(exc))
