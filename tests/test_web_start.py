"""Starting `pathbot web` and `pathbot teams` from the command line, as an outside tester would: a port that
cannot be, one already in use, an address not on this machine are one plain line and an exit code, never
a traceback (all three were tracebacks before)."""
import os
import socket
import subprocess
import sys

import pytest

ENV = {**os.environ, "PATHBOT_TEAMS_DEV": "1", "PATHBOT_TEAMS_TENANTS": "tenant-a",
       "PATHBOT_SESSION_SECRET": "0123456789abcdef" * 4, "PATHBOT_WEB_PASSCODE": ""}


def pathbot(*args, env=ENV):
    return subprocess.run([sys.executable, "-m", "bot.cli", *args], capture_output=True, text=True, timeout=60,
                          env=env)


@pytest.fixture
def busy_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        yield s.getsockname()[1]


@pytest.mark.parametrize("command", ["web", "teams"])
def test_a_port_in_use_is_one_plain_line(command, busy_port, tmp_path):
    extra = ["--store", str(tmp_path / "t.db")] if command == "teams" else []
    done = pathbot(command, "--host", "127.0.0.1", "--port", str(busy_port), *extra)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr + done.stdout
    assert f"pathbot {command}: cannot listen on 127.0.0.1:{busy_port}: the address is already in use" in done.stderr


@pytest.mark.parametrize("port", ["99999", "-1", "0"])
def test_a_port_out_of_range_is_refused_before_anything_starts(port):
    done = pathbot("web", "--port", port)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert f"--port should be a number from 1 to 65535, not {port}" in done.stderr


def test_an_address_not_on_this_machine_is_one_plain_line():
    done = pathbot("web", "--host", "192.0.2.7", "--port", "18999", env={**ENV, "PATHBOT_WEB_PASSCODE": "a passcode"})
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "pathbot web: cannot listen on 192.0.2.7:18999:" in done.stderr
