"""Turn times through Rasa: one server in memory, one on Redis, two on Redis taking turns about.

    .venv/bin/python tests/rasa/bench_replicas.py [N_SCENARIOS]    # after make test (.venv-rasa, a model)

Starts its own servers (test_rasa_replicas.Replica) and redis-server on free ports, plays the first
N scenarios (12) through each set-up and prints the median and p95 time of a turn; stops them all.
Not part of `make bench`: it needs the Rasa stack, about two minutes of both cores.
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent), str(HERE.parents[1])]

import test_rasa_replicas as stack  # noqa: E402
from bot.scenarios import default_scenario_dir, run  # noqa: E402
from bot.turn import EmbeddedBackend  # noqa: E402


class Timed(stack.Alternating):
    """Alternating replicas, timing every start, send and press."""

    def __init__(self, *backends):
        super().__init__(*backends)
        self.times: list[float] = []

    def _timed(self, method: str, *args):
        began = time.perf_counter()
        out = getattr(self._next(), method)(*args)
        self.times.append(time.perf_counter() - began)
        return out

    def start(self, area=None):
        return self._timed("start", area)

    def send(self, state, text):
        return self._timed("send", state, text)

    def press(self, state, payload):
        return self._timed("press", state, payload)


def main(count: int = 12) -> int:
    store = stack.start_redis()
    folder = Path(tempfile.mkdtemp(prefix="pathbot-bench-"))
    a, b, memory = stack.Replica("a", store, folder), stack.Replica("b", store, folder), stack.Replica("m", "", folder)
    servers = [a, b, memory]
    try:
        for r in servers:
            r.start_actions()
            r.start_rasa()
        for r in servers:
            r.wait()
        embedded = EmbeddedBackend(today=stack.TODAY)
        paths = sorted(default_scenario_dir().glob("*.yml"))[:count]
        for label, replicas in (("in memory, one server", [memory]), ("Redis, one server", [a]),
                                ("Redis, two servers taking turns", [a, b])):
            timed = Timed(*[stack.client(r, embedded) for r in replicas])
            for path in paths:
                run(path, timed)
            times = sorted(timed.times)
            print(f"{label}: {len(times)} turns, median {statistics.median(times) * 1000:.0f} ms, "
                  f"p95 {times[int(len(times) * 0.95)] * 1000:.0f} ms")
    finally:
        for r in servers:
            r.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 12))
