"""Wait until Rasa (/status) and the action server (/health) answer on 127.0.0.1, then warm them up.

    python rasa-env/ready.py [--timeout 180] [--log .rasa-run/rasa.log]
    python rasa-env/ready.py --ports-free      # exit 1 if something already listens on either port
    python rasa-env/ready.py --free-ports      # print "RASA_PORT=... ACTIONS_PORT=..." (two unused ports)

Exit 0 when both are up and one throwaway conversation went through the whole stack (so the
first real message is not slowed by TensorFlow building its graph); 1 otherwise. Refuses (exit 1)
if the server log shows Rasa fell back to a plain tracker store, which would keep user text.
The servers are found at PATHBOT_RASA_URL and PATHBOT_ACTIONS_URL (make sets both from RASA_PORT
and ACTIONS_PORT; 5005 and 5055 by default). Standard library only: runs in either virtualenv.
"""
from __future__ import annotations

import argparse
import json
import os
import socket
import sys
import time
import urllib.request
from pathlib import Path

RASA = os.environ.get("PATHBOT_RASA_URL", "http://127.0.0.1:5005").rstrip("/")
ACTIONS = os.environ.get("PATHBOT_ACTIONS_URL", "http://127.0.0.1:5055").rstrip("/")
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))
STORE_FALLBACK = "Using `InMemoryTrackerStore` instead"


def get(url: str, body: dict | None = None, timeout: float = 5.0):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    with OPENER.open(request, timeout=timeout) as response:
        return json.loads(response.read().decode() or "null")


def up(url: str) -> bool:
    try:
        get(url, timeout=2.0)
        return True
    except (OSError, ValueError):
        return False


def port(url: str) -> int:
    return int(url.rsplit(":", 1)[1].split("/")[0])


def listening(number: int) -> bool:
    with socket.socket() as s:
        s.settimeout(1.0)
        return s.connect_ex(("127.0.0.1", number)) == 0


def free_ports() -> tuple[int, int]:
    """Two ports nothing listens on now, chosen by the system (for a test stack beside any other)."""
    sockets = [socket.socket() for _ in range(2)]
    try:
        for s in sockets:
            s.bind(("127.0.0.1", 0))
        return sockets[0].getsockname()[1], sockets[1].getsockname()[1]
    finally:
        for s in sockets:
            s.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--timeout", type=float, default=180.0)
    parser.add_argument("--log", type=Path, action="append", default=[])
    parser.add_argument("--ports-free", action="store_true")
    parser.add_argument("--free-ports", action="store_true")
    args = parser.parse_args()
    if args.free_ports:
        print("RASA_PORT=%d ACTIONS_PORT=%d" % free_ports())
        return 0
    if args.ports_free:
        busy = [url for url in (RASA, ACTIONS) if listening(port(url))]
        for url in busy:
            print(f"rasa-up: port {port(url)} is already in use (servers from another checkout? run `make rasa-down` "
                  "there, or choose other ports: make rasa-up RASA_PORT=... ACTIONS_PORT=...)", file=sys.stderr)
        return 1 if busy else 0
    began = time.monotonic()
    while not (up(RASA + "/status") and up(ACTIONS + "/health")):
        if time.monotonic() - began > args.timeout:
            print(f"rasa-up: servers not answering after {args.timeout:.0f} s; see the logs in .rasa-run/",
                  file=sys.stderr)
            return 1
        time.sleep(1.0)
    for log in args.log:
        if log.exists() and STORE_FALLBACK in log.read_text(errors="replace"):
            print(f"rasa-up: Rasa could not load the redacting tracker store ({log}); stopping", file=sys.stderr)
            return 1
    get(RASA + "/model/parse", {"text": "hello"}, timeout=60.0)
    warm = get(RASA + "/webhooks/rest/webhook", {"sender": "warm-up", "message": '/start{"area":"exampleshire"}'},
               timeout=60.0)
    if not any(isinstance(i.get("custom"), dict) and "pathway_state" in i["custom"] for i in warm or ()):
        print("rasa-up: Rasa answered but the action server did not run the pathway; see .rasa-run/", file=sys.stderr)
        return 1
    print(f"rasa-up: Rasa and the action server are up on 127.0.0.1:{port(RASA)} and :{port(ACTIONS)} "
          f"({time.monotonic() - began:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
