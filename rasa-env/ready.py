"""Wait until Rasa (/status) and the action server (/health) answer on 127.0.0.1, then warm them up.

    python rasa-env/ready.py [--timeout 180] [--log .rasa-run/rasa.log]

Exit 0 when both are up and one throwaway conversation went through the whole stack (so the
first real message is not slowed by TensorFlow building its graph); 1 otherwise. Refuses (exit 1)
if the server log shows Rasa fell back to a plain tracker store, which would keep user text.
Standard library only: runs in either virtualenv.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
import urllib.request
from pathlib import Path

RASA, ACTIONS = "http://127.0.0.1:5005", "http://127.0.0.1:5055"
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


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--timeout", type=float, default=180.0)
    parser.add_argument("--log", type=Path, action="append", default=[])
    args = parser.parse_args()
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
    print(f"rasa-up: Rasa and the action server are up on 127.0.0.1 ({time.monotonic() - began:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
