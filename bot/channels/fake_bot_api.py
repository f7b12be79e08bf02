"""A stand-in for Telegram's Bot API on 127.0.0.1, for the black-box tests and `make bench`.

It speaks HTTP as api.telegram.org does (`/bot<token>/<method>`), so a real `pathbot telegram`
process, its python-telegram-bot Application and its HTTP client are used unchanged
(`pathbot telegram --api-url http://127.0.0.1:PORT`). It hands out queued updates through
getUpdates (long polling; updates go once the bot confirms them by offset, as Telegram's do),
records every other call, and can misbehave on purpose: reject the token (401 or 404 to every
call), answer sends slowly. Only ever listens on the loopback interface.

In a test (a thread of the test process):

    api = FakeBotAPI().start()
    api.push(api.text(1001, "/start"))
    api.wait_for(lambda: api.to(1001))
    api.stop()

For the bench it runs as a process of its own (`python -m bot.channels.fake_bot_api --port P
--clinicians`): then it also plays the clinicians, each pressing an answer on the newest keyboard
in their chat once the bot has been quiet there for `think` seconds (a reply of several messages
gets one press, as from a person; /start again when a case ends), and reports counts at GET /_stats.
"""
from __future__ import annotations

import argparse
import itertools
import json
import random
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl

BOT_USER = {"id": 123456789, "is_bot": True, "first_name": "Pathbot", "username": "pathbot_test_bot",
            "can_join_groups": False, "can_read_all_group_messages": False, "supports_inline_queries": False}
# form fields python-telegram-bot sends JSON-encoded; every other field (the text above all) stays a string
_JSON_FIELDS = {"chat_id", "message_id", "reply_markup", "offset", "timeout", "limit", "allowed_updates",
                "commands", "link_preview_options", "show_alert", "max_connections", "drop_pending_updates"}


class FakeBotAPI(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port: int = 0, reject_token: int = 0, send_delay: float = 0.0,
                 clinicians: bool = False, seed: int = 7, think: float = 0.05):
        super().__init__(("127.0.0.1", port), _Handler)
        self.reject_token = reject_token          # 401 or 404: Telegram's answers to a bad token
        self.send_delay = send_delay              # seconds before answering each sendMessage
        self.clinicians = clinicians              # press a button on each reply's newest keyboard (bench)
        self.think = think                        # seconds of quiet in a chat before its clinician acts
        self._newest: dict[int, tuple[float, dict]] = {}   # chat -> (when to act, newest message sent)
        self.calls: list[tuple[str, dict]] = []
        self.updates: list[dict] = []
        self.confirmed = 0                        # the highest update_id the bot has confirmed
        self.changed = threading.Condition()
        self._ids = itertools.count(500)
        self._update_ids = itertools.count(1)
        self._rng = random.Random(seed)
        self.thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def start(self) -> "FakeBotAPI":
        self.thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()
        return self

    def serve_forever(self, poll_interval: float = 0.5) -> None:
        if self.clinicians:
            threading.Thread(target=self._clinicians, daemon=True).start()
        super().serve_forever(poll_interval)

    def stop(self) -> None:
        self.shutdown()
        self.server_close()

    def handle_error(self, request, client_address) -> None:
        pass                                      # a bot killed mid-request: nothing to report

    # --- updates, as Telegram sends them ----------------------------------------------------------

    def push(self, update: dict) -> dict:
        """Queue an update (its update_id is set here) for the bot's next getUpdates."""
        with self.changed:
            update = self.number(update)
            self.updates.append(update)
            self.changed.notify_all()
        return update

    def number(self, update: dict) -> dict:
        """The update with its update_id, as Telegram posts it to a webhook."""
        return {**update, "update_id": next(self._update_ids)}

    @staticmethod
    def person(user_id: int) -> dict:
        return {"id": user_id, "is_bot": False, "first_name": "Test", "language_code": "en"}

    def text(self, chat_id: int, text: str) -> dict:
        """A private message from a clinician whose user id is the chat id; /commands get their entity."""
        message = {"message_id": next(self._ids), "date": int(time.time()), "text": text,
                   "chat": {"id": chat_id, "type": "private", "first_name": "Test"}, "from": self.person(chat_id)}
        if text.startswith("/"):
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
        return {"message": message}

    def press(self, chat_id: int, data: str, message_id: int) -> dict:
        """A callback_query: the clinician pressed an inline button on one of the bot's messages."""
        return {"callback_query": {
            "id": str(next(self._ids)), "from": self.person(chat_id), "chat_instance": f"ci{chat_id}", "data": data,
            "message": {"message_id": message_id, "date": int(time.time()), "from": BOT_USER,
                        "chat": {"id": chat_id, "type": "private", "first_name": "Test"}, "text": "a question"}}}

    # --- what a test asks of the record ---------------------------------------------------------

    def to(self, chat_id: int, method: str = "sendMessage") -> list[dict]:
        with self.changed:
            return [p for m, p in self.calls if m == method and p.get("chat_id") == chat_id]

    def texts(self, chat_id: int) -> list[str]:
        return [p.get("text", "") for p in self.to(chat_id)]

    def methods(self) -> list[str]:
        with self.changed:
            return [m for m, _ in self.calls]

    def keyboard(self, chat_id: int) -> tuple[int, list[dict]]:
        """The last message with buttons sent to this chat: (message_id, buttons in order)."""
        last = [p for p in self.to(chat_id) if p.get("reply_markup")][-1]
        return last["message_id"], [b for row in last["reply_markup"]["inline_keyboard"] for b in row]

    def toasts(self) -> list[str | None]:
        """The note shown for each pressed button, in order (None: the press was taken as an answer)."""
        with self.changed:
            return [p.get("text") for m, p in self.calls if m == "answerCallbackQuery"]

    def wait_for(self, test, timeout: float = 30.0) -> bool:
        """Wait until `test()` holds (checked whenever a call arrives); False on time-out."""
        deadline = time.monotonic() + timeout
        while True:
            with self.changed:
                if test():
                    return True
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self.changed.wait(min(left, 0.2))

    def all_confirmed(self) -> bool:
        """Every update pushed so far has been confirmed by the bot (its next getUpdates moved past it)."""
        with self.changed:
            return not self.updates

    # --- answering ------------------------------------------------------------------------------

    def answer(self, method: str, params: dict) -> tuple[int, dict]:
        if self.reject_token:
            description = "Unauthorized" if self.reject_token == 401 else "Not Found"
            return self.reject_token, {"ok": False, "error_code": self.reject_token, "description": description}
        if method == "getUpdates":
            return 200, {"ok": True, "result": self._take(params)}
        if method == "sendMessage" and self.send_delay:
            time.sleep(self.send_delay)
        with self.changed:
            result: object = True
            if method == "getMe":
                result = BOT_USER
            elif method == "sendMessage":
                params["message_id"] = next(self._ids)
                result = {"message_id": params["message_id"], "date": int(time.time()), "from": BOT_USER,
                          "chat": {"id": params.get("chat_id"), "type": "private", "first_name": "Test"},
                          "text": str(params.get("text", ""))}
            elif method == "getWebhookInfo":
                result = {"url": "", "has_custom_certificate": False, "pending_update_count": 0}
            self.calls.append((method, params))
            if self.clinicians and method == "sendMessage":
                self._newest[params.get("chat_id")] = (time.monotonic() + self.think, params)
            self.changed.notify_all()
        return 200, {"ok": True, "result": result}

    def _take(self, params: dict) -> list[dict]:
        offset = int(params.get("offset") or 0)
        wait = min(float(params.get("timeout") or 0), 1.0)
        deadline = time.monotonic() + wait
        with self.changed:
            if offset:
                self.confirmed = max(self.confirmed, offset - 1)
            self.updates = [u for u in self.updates if u["update_id"] >= offset]   # confirmed ones go
            self.changed.notify_all()
            while not self.updates and time.monotonic() < deadline:
                self.changed.wait(deadline - time.monotonic())
                self.updates = [u for u in self.updates if u["update_id"] >= offset]
            return list(self.updates[:100])

    def _clinicians(self) -> None:
        """Bench mode: in each chat where the bot has been quiet for `think` seconds, its clinician
        answers the newest message."""
        while True:
            time.sleep(min(self.think, 0.01) or 0.001)
            now = time.monotonic()
            with self.changed:
                due = [chat for chat, (when, _) in self._newest.items() if when <= now]
                for chat in due:
                    self._clinician(self._newest.pop(chat)[1])
                if due:
                    self.changed.notify_all()

    def _clinician(self, sent: dict) -> None:
        """Answer a question by pressing one of its answers at random; /start after the end."""
        chat_id = sent.get("chat_id")
        markup = sent.get("reply_markup") or {}
        answers = [b for row in markup.get("inline_keyboard", []) for b in row
                   if ":" in b.get("callback_data", "") and (not b["callback_data"].split(":", 1)[1].startswith("/")
                                                            or b["callback_data"].endswith(":/set"))]
        if answers:
            pick = self._rng.choice(answers)
            update = self.press(chat_id, pick["callback_data"], sent["message_id"])
        elif markup:                                   # only Back / Restart left: the case is over
            update = self.text(chat_id, "/start")
        else:
            return
        self.updates.append(self.number(update))

    def stats(self) -> dict:
        with self.changed:
            counts: dict[str, int] = {}
            for m, _ in self.calls:
                counts[m] = counts.get(m, 0) + 1
            counts["updates_confirmed"] = self.confirmed     # every update the bot has taken in
            return counts


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def setup(self) -> None:
        super().setup()
        # headers and body go out as two writes: without this, Nagle's algorithm and the client's
        # delayed ACK hold every answer back ~40 ms
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def do_POST(self) -> None:  # noqa: N802 - the http.server name
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode() if length else ""
        if self.path.startswith("/_"):
            return self._control(body)
        method = self.path.rsplit("/", 1)[-1]
        if self.headers.get("Content-Type", "").startswith("application/json"):
            params = json.loads(body or "{}")
        else:
            params = {k: _value(k, v) for k, v in parse_qsl(body)}
        status, reply = self.server.answer(method, params)
        self._send(status, reply)

    do_GET = do_POST

    def _control(self, body: str) -> None:
        """The bench's own door: POST /_push (an update as JSON), GET /_stats (calls by method)."""
        if self.path == "/_push":
            self._send(200, self.server.push(json.loads(body)))
        else:
            self._send(200, self.server.stats())

    def _send(self, status: int, reply: dict) -> None:
        data = json.dumps(reply).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args) -> None:   # quiet: URLs hold the token
        pass


def _value(key: str, text: str):
    if key not in _JSON_FIELDS:
        return text
    try:
        return json.loads(text)
    except ValueError:
        return text


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description="a fake Telegram Bot API on 127.0.0.1 (tests and bench)")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--clinicians", action="store_true", help="answer each reply's newest keyboard")
    parser.add_argument("--think", type=float, default=0.05, help="seconds of quiet in a chat before answering")
    args = parser.parse_args(argv)
    api = FakeBotAPI(args.port, clinicians=args.clinicians, think=args.think)
    print(api.url, flush=True)
    api.serve_forever(poll_interval=0.05)


if __name__ == "__main__":
    main()
