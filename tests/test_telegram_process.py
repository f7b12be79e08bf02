"""`pathbot telegram` as a real process, against a fake Bot API over real HTTP on 127.0.0.1
(bot/channels/fake_bot_api.py): killed mid-case (SIGKILL) and started again, the case carries on
from the store (SQLite); two replicas on one real redis-server continue each other's cases, never
advancing one conversation at once; a rejected token leaves no secret in any output; an
unreachable Bot API at start-up is waited for, not a crash.

Each process takes a few seconds to start on a loaded machine, so the time limits are generous:
they only stop a test that would hang, they measure nothing.
"""
from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
import yaml

from bot.channels.access import pseudonym
from bot.channels.fake_bot_api import FakeBotAPI
from bot.store import open_store

from redis_server import redis_url_or_skip

PATHBOT = str(Path(sys.executable).with_name("pathbot"))
TOKEN = "123456789:AAProcessTestTokenNeverReal_q7Zx4Kd9"
SECRET = "process-test-deployment-secret-0123456789abcdef"
HOOK_SECRET = "webhook-secret-for-tests_0123456789"
STAFF = 1001
WAIT = 60.0                      # seconds: only ever reached when something is broken
WORDING = yaml.safe_load((Path(__file__).resolve().parents[1] / "data/channels/telegram.yml").read_text())
STALE = " ".join(WORDING["stale_button"].split())
ENDED = " ".join(WORDING["ended_button"].split())


def _env(store: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PATHBOT_", "TELEGRAM_"))}
    env.update(TELEGRAM_BOT_TOKEN=TOKEN, PATHBOT_SESSION_SECRET=SECRET, PATHBOT_STORE=store,
               TELEGRAM_WEBHOOK_SECRET=HOOK_SECRET, PYTHONUNBUFFERED="1")
    return env


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class BotProcess:
    """One `pathbot telegram` process; its output (stdout and stderr, the logs included) kept in files."""
    count = 0

    def __init__(self, folder: Path, store: str, *args: str):
        BotProcess.count += 1
        self.out = folder / f"bot{BotProcess.count}.out"
        self.err = folder / f"bot{BotProcess.count}.err"
        with open(self.out, "wb") as out, open(self.err, "wb") as err:
            self.proc = subprocess.Popen([PATHBOT, "telegram", *args], cwd=folder, env=_env(store),
                                         stdout=out, stderr=err, stdin=subprocess.DEVNULL)

    def output(self) -> str:
        return self.out.read_text(errors="replace") + self.err.read_text(errors="replace")

    def kill(self) -> None:
        """SIGKILL: no clean-up of any kind, as when a machine or a container dies."""
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=WAIT)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


@pytest.fixture
def processes():
    started: list[BotProcess] = []
    yield started
    for p in started:
        p.stop()


def invite(folder: Path, store: str) -> str:
    done = subprocess.run([PATHBOT, "telegram", "invite", "--admin", "Test admin, safeguarding lead"], cwd=folder,
                          env=_env(store), capture_output=True, text=True, timeout=WAIT)
    assert done.returncode == 0, done.stderr
    return re.search(r"/start (\S+)", done.stdout).group(1)


def answered(api: FakeBotAPI, count: int) -> bool:
    """`count` keyboards sent to the clinician so far."""
    return len([p for p in api.to(STAFF) if p.get("reply_markup")]) >= count


def keyboards(api: FakeBotAPI) -> int:
    return len([p for p in api.to(STAFF) if p.get("reply_markup")])


def button(buttons: list[dict], payload: str) -> str:
    """The callback data of the button that answers `payload`."""
    return next(b["callback_data"] for b in buttons if b["callback_data"].split(":", 1)[-1] == payload)


def session(store: str) -> dict | None:
    s = open_store(store)
    try:
        return s.sessions.load(pseudonym(SECRET.encode(), "telegram-chat", STAFF))
    finally:
        s.close()


def no_secrets(text: str) -> None:
    for secret in (TOKEN, TOKEN.split(":")[1], SECRET, HOOK_SECRET):
        assert secret not in text
    assert "Traceback" not in text


def settle(api: FakeBotAPI, edits_before: int) -> None:
    """Wait until the last press's turn is saved: the old keyboard is removed only after the save."""
    assert api.wait_for(lambda: len(api.to(STAFF, "editMessageReplyMarkup")) > edits_before, WAIT)
    assert api.wait_for(api.all_confirmed, WAIT)


def test_killed_mid_case_and_started_again_the_case_continues(tmp_path, processes):
    store = str(tmp_path / "pathbot.db")
    api = FakeBotAPI().start()
    try:
        code = invite(tmp_path, store)
        processes.append(BotProcess(tmp_path, store, "--api-url", api.url))
        api.push(api.text(STAFF, f"/start {code}"))
        assert api.wait_for(lambda: answered(api, 1), WAIT), processes[0].output()
        for n, payload in ((2, "exampleshire"), (3, "experiencing")):     # the area, then the concern
            message_id, buttons = api.keyboard(STAFF)
            edits = len(api.to(STAFF, "editMessageReplyMarkup"))
            api.push(api.press(STAFF, button(buttons, payload), message_id))
            assert api.wait_for(lambda: answered(api, n), WAIT)
            settle(api, edits)
        before = session(store)
        waiting = api.texts(STAFF)[-1]

        processes[0].kill()
        # the clinician answers while the bot is down: Telegram keeps the update until it is back
        message_id, buttons = api.keyboard(STAFF)
        edits = len(api.to(STAFF, "editMessageReplyMarkup"))
        api.push(api.press(STAFF, button(buttons, "yes"), message_id))      # seen alone: yes
        processes.append(BotProcess(tmp_path, store, "--api-url", api.url))
        assert api.wait_for(lambda: answered(api, 4), WAIT), processes[1].output()
        settle(api, edits)

        assert api.toasts()[-1] is None                    # taken as the answer: not "an earlier question"
        assert ENDED not in " ".join(api.texts(STAFF)) and api.texts(STAFF)[-1] != waiting
        after = session(store)
        assert after["state"]["area"] == before["state"]["area"]
        assert len(after["state"]["answers"]) == len(before["state"]["answers"]) + 1
        for p in processes:
            p.stop()
            no_secrets(p.output())
    finally:
        api.stop()


# --- replicas on one Redis ---------------------------------------------------------------------------

def _post(port: int, update: dict) -> int:
    request = urllib.request.Request(f"http://127.0.0.1:{port}/pathbot", data=json.dumps(update).encode(),
                                     headers={"Content-Type": "application/json",
                                              "X-Telegram-Bot-Api-Secret-Token": HOOK_SECRET})
    with urllib.request.urlopen(request, timeout=WAIT) as reply:
        return reply.status


def _listening(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def _replica(folder: Path, store: str, api: FakeBotAPI) -> tuple[BotProcess, int]:
    port = _free_port()
    p = BotProcess(folder, store, "--api-url", api.url, "--webhook", "https://bot.example.org/pathbot",
                   "--listen", "127.0.0.1", "--port", str(port))
    deadline = time.monotonic() + WAIT
    while not _listening(port):
        assert p.proc.poll() is None and time.monotonic() < deadline, p.output()
        time.sleep(0.1)
    return p, port


def test_two_replicas_on_one_redis_continue_each_others_cases(tmp_path, processes):
    """Updates reach either replica (as behind a load balancer); one is killed mid-case and the other
    carries on; two presses at once on the two replicas are taken one after the other, never both
    as answers to the same question."""
    store = redis_url_or_skip()
    api = FakeBotAPI(send_delay=0.2).start()           # slow sends: a turn takes a while, so turns overlap
    try:
        code = invite(tmp_path, store)
        a, port_a = _replica(tmp_path, store, api)
        b, port_b = _replica(tmp_path, store, api)
        processes += [a, b]
        ports = [port_a, port_b]

        _post(port_a, api.number(api.text(STAFF, f"/start {code}")))
        assert api.wait_for(lambda: answered(api, 1), WAIT), a.output()
        for n, payload in ((2, "exampleshire"), (3, "experiencing"), (4, "yes")):   # alternating replicas
            message_id, buttons = api.keyboard(STAFF)
            edits = len(api.to(STAFF, "editMessageReplyMarkup"))
            _post(ports[n % 2], api.number(api.press(STAFF, button(buttons, payload), message_id)))
            assert api.wait_for(lambda: answered(api, n), WAIT), a.output() + b.output()
            assert api.wait_for(lambda: len(api.to(STAFF, "editMessageReplyMarkup")) > edits, WAIT)
            assert api.toasts()[-1] is None            # each replica took the other's question as waiting
        before = session(store)

        # "No" (a family member interpreting?) tapped twice at once, and each tap reaches another replica
        message_id, buttons = api.keyboard(STAFF)
        presses = [api.number(api.press(STAFF, button(buttons, "no"), message_id)) for _ in ports]
        posts = [threading.Thread(target=_post, args=(port, press)) for port, press in zip(ports, presses)]
        for t in posts:
            t.start()
        for t in posts:
            t.join()
        assert api.wait_for(lambda: len(api.toasts()) >= 5 and answered(api, 6), WAIT)
        assert sorted(api.toasts()[-2:], key=str) == sorted([None, STALE], key=str)   # one answer, one repeat
        assert api.wait_for(lambda: len(api.to(STAFF, "editMessageReplyMarkup")) >= 5, WAIT)
        middle = session(store)
        assert len(middle["state"]["answers"]) == len(before["state"]["answers"]) + 1
        assert middle["state"]["answers"]["family_interpreter"] == "no"

        # replica A dies (between turns, or in the middle of one: its lease then runs out by itself);
        # B carries the case on
        a.kill()
        message_id, buttons = api.keyboard(STAFF)
        sent = keyboards(api)
        _post(port_b, api.number(api.press(STAFF, button(buttons, "yes"), message_id)))
        assert api.wait_for(lambda: answered(api, sent + 1), WAIT), b.output()
        assert api.toasts()[-1] is None
        assert api.wait_for(lambda: len(session(store)["state"]["answers"]) == len(middle["state"]["answers"]) + 1,
                            WAIT)
        b.stop()
        for p in (a, b):
            no_secrets(p.output())
    finally:
        api.stop()


# --- start-up failures ---------------------------------------------------------------------------------

@pytest.mark.parametrize("status", [401, 404])
def test_a_rejected_token_stops_with_one_line_and_no_secret_anywhere(tmp_path, status):
    store = str(tmp_path / "pathbot.db")
    api = FakeBotAPI(reject_token=status).start()
    try:
        done = subprocess.run([PATHBOT, "telegram", "--api-url", api.url], cwd=tmp_path, env=_env(store),
                              capture_output=True, text=True, timeout=WAIT)
    finally:
        api.stop()
    output = done.stdout + done.stderr
    assert done.returncode != 0
    assert "rejected the bot token" in output
    no_secrets(output)
    for f in tmp_path.iterdir():                       # nor in any file it wrote (the store included)
        if f.is_file():
            no_secrets(f.read_bytes().decode("latin-1"))


def test_an_unreachable_bot_api_at_start_up_is_waited_for(tmp_path, processes):
    store = str(tmp_path / "pathbot.db")
    code = invite(tmp_path, store)
    port = _free_port()                                # nothing listens there yet
    bot = BotProcess(tmp_path, store, "--api-url", f"http://127.0.0.1:{port}")
    processes.append(bot)
    time.sleep(4)
    assert bot.proc.poll() is None, bot.output()       # still there, trying again
    api = FakeBotAPI(port=port).start()
    try:
        api.push(api.text(STAFF, f"/start {code}"))
        assert api.wait_for(lambda: answered(api, 1), WAIT), bot.output()
        bot.stop()
        output = bot.output()
        no_secrets(output)
        assert "Bot API" in output and "again" in output   # the wait was said, in one of our lines
    finally:
        api.stop()
