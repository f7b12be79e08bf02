"""Nothing lost (#13), through the real python-telegram-bot Application and the offline fake Bot API
of tests/test_telegram.py: restarts, rate limits (429), undelivered replies, the store failing,
expired conversations, and strangers who flood the bot."""
from __future__ import annotations

import asyncio
import json
import sqlite3

import pytest

from bot.channels import telegram as tg
from bot.store import open_store

from test_telegram import (HELPLINE, SECRET, STAFF, STRANGER, Bot, FakeBotAPI, FakeClock, press_update, run,
                           unpaced)

SIREN = "\N{POLICE CARS REVOLVING LIGHT} <b>"
DANGER = "he is in the waiting room now and he has a knife"


@pytest.fixture(scope="module")
def backend():
    from bot.turn import EmbeddedBackend
    return EmbeddedBackend()


class RateLimitedAPI(FakeBotAPI):
    """Answers 429 (retry_after 1 s, the least Telegram asks) to every third sendMessage, as a busy Telegram does."""

    def __init__(self, every: int = 3, refuse_keyboards: bool = False) -> None:
        super().__init__()
        self.every, self.sends, self.limited = every, 0, 0
        self.refuse_keyboards = refuse_keyboards

    async def do_request(self, url, method, request_data=None, **kw):
        endpoint = url.rsplit("/", 1)[-1]
        if endpoint == "sendMessage":
            params = dict(request_data.parameters) if request_data else {}
            if self.refuse_keyboards and params.get("reply_markup"):
                return 400, json.dumps({"ok": False, "error_code": 400,
                                        "description": "Bad Request: chat not found"}).encode()
            self.sends += 1
            if self.every and self.sends % self.every == 0:
                self.limited += 1
                return 429, json.dumps({"ok": False, "error_code": 429, "description": "Too Many Requests",
                                        "parameters": {"retry_after": 1}}).encode()
        return await super().do_request(url, method, request_data, **kw)


def test_a_restart_continues_the_case_where_it_was(tmp_path, backend):
    """The bot stops mid-case; a new Application on the same store takes the next press as the answer
    to the question that was waiting (not a stale button, not a new conversation)."""
    async def first():
        async with Bot(tmp_path, backend) as bot:
            await bot.say(STAFF, "/start exampleshire")
            await bot.press(STAFF, lambda b: True)           # answers the concern question
            return bot.record(STAFF), bot.api.keyboard(STAFF)

    before, (message_id, buttons) = run(first())

    async def second():
        async with Bot(tmp_path, backend, staff=()) as bot:     # staff list and session from the file
            await bot.feed(press_update(STAFF, buttons[0]["callback_data"], message_id))
            return bot

    bot = run(second())
    toasts = [p.get("text") for e, p in bot.api.calls if e == "answerCallbackQuery"]
    assert toasts == [None]                                  # taken as an answer: no "earlier question" note
    after = bot.record(STAFF)["state"]
    assert after["area"] == "exampleshire" and after != before["state"]
    assert len(after["answers"]) == len(before["state"]["answers"]) + 1


def test_every_reply_gets_through_a_429_on_one_send_in_three(tmp_path, backend):
    api = RateLimitedAPI(every=3)
    chats = list(range(20_000, 20_012))

    async def scenario():
        async def clinician(bot, chat):
            await bot.say(chat, "/start exampleshire")
            await bot.say(chat, DANGER if chat % 2 else "she told me her partner hits her")
            await bot.press(chat, lambda b: True)

        async with Bot(tmp_path, backend, staff=chats, api=api) as bot:
            await asyncio.gather(*(clinician(bot, chat) for chat in chats))
            return bot

    bot = run(scenario())
    assert api.limited >= 8
    for chat in chats:
        texts = bot.api.texts(chat)
        assert not any("not moved on" in t or "went wrong" in t for t in texts), chat
        state = bot.record(chat)["state"]
        assert state["answers"].get("concern") == "experiencing", chat
        if chat % 2:
            # the emergency advice came through, first in its reply
            danger_reply = texts[texts.index(next(t for t in texts if t.startswith(SIREN))) - 0:]
            assert danger_reply and "999" in danger_reply[0]
            assert "emergency" in state["flags"]


def test_emergency_advice_leads_the_reply_and_goes_in_the_urgent_lane(tmp_path, backend):
    async def scenario():
        async with Bot(tmp_path, backend) as bot:
            await bot.say(STAFF, "/start exampleshire")
            before = len(bot.api.to(STAFF))
            await bot.say(STAFF, DANGER)
            return bot, before

    bot, before = run(scenario())
    reply = bot.api.texts(STAFF)[before:]
    assert reply[0].startswith(SIREN) and "999" in reply[0]


def test_a_reply_telegram_will_not_take_leaves_the_conversation_where_it_was(tmp_path, backend):
    async def scenario():
        async with Bot(tmp_path, backend) as bot:
            await bot.say(STAFF, "/start exampleshire")
            waiting = bot.record(STAFF)
            bot.api.__class__ = RateLimitedAPI                   # from now on, questions cannot be sent
            bot.api.every, bot.api.sends, bot.api.limited, bot.api.refuse_keyboards = 0, 0, 0, True
            await bot.press(STAFF, lambda b: True)
            return bot, waiting

    bot, waiting = run(scenario())
    assert bot.record(STAFF) == waiting                          # not moved on
    assert "send your last answer again" in bot.api.texts(STAFF)[-1] and "999" in bot.api.texts(STAFF)[-1]


def test_a_typed_answer_to_an_expired_conversation_is_told_it_ended(tmp_path, backend):
    clock = FakeClock()

    async def scenario():
        async with Bot(tmp_path, backend, idle_minutes=30, clock=clock) as bot:
            await bot.say(STAFF, "/start exampleshire")
            clock.now += 31 * 60
            before = len(bot.api.to(STAFF))
            await bot.say(STAFF, "yes")
            return bot, before

    bot, before = run(scenario())
    reply = bot.api.texts(STAFF)[before:]
    assert reply[0] == tg.load_wording()["ended_button"]
    assert bot.record(STAFF)["state"]["step"] == "area"         # a new conversation, asking the area


def test_danger_in_the_first_message_gets_emergency_advice_before_the_intro(tmp_path, backend):
    bot = run(_typed_once(tmp_path, backend, DANGER))
    texts = bot.api.texts(STAFF)
    assert texts[0].startswith(SIREN) and "999" in texts[0]
    assert any("walk you" in t or "I can help" in t for t in texts[1:])
    assert "emergency" in bot.record(STAFF)["state"]["flags"]


async def _typed_once(tmp_path, backend, text):
    async with Bot(tmp_path, backend) as bot:
        await bot.say(STAFF, text)
        return bot


def test_when_the_store_is_locked_the_clinician_is_told_and_the_case_survives(tmp_path, backend):
    async def scenario():
        async with Bot(tmp_path, backend) as bot:
            await bot.say(STAFF, "/start exampleshire")
            waiting = bot.record(STAFF)
            bot.store.sessions.db.conn.execute("PRAGMA busy_timeout = 50")
            blocker = sqlite3.connect(tmp_path / "pathbot.db", isolation_level=None)
            blocker.execute("BEGIN EXCLUSIVE")
            before = len(bot.api.to(STAFF))
            await bot.press(STAFF, lambda b: True)
            await bot.say(STAFF, DANGER)
            down = bot.api.texts(STAFF)[before:]
            blocker.execute("ROLLBACK")
            blocker.close()
            assert bot.record(STAFF) == waiting
            await bot.press(STAFF, lambda b: True)                  # the store is back: the case goes on
            return bot, down, waiting

    bot, down, waiting = run(scenario())
    assert len(down) == 2
    for text in down:
        assert "cannot continue this case right now" in text and "999" in text and HELPLINE in text
    assert bot.record(STAFF)["state"] != waiting["state"]


def test_a_stranger_flooding_the_bot_gets_a_few_replies_then_silence(tmp_path, backend):
    async def scenario():
        async with Bot(tmp_path, backend) as bot:
            for i in range(10):
                await bot.say(STRANGER, f"hello {i}")
            for _ in range(10):
                await bot.say(STRANGER + 1, "/start bbbb-cccc-dddd-ffff")   # guessing codes
            return bot

    bot = run(scenario())
    assert len(bot.api.texts(STRANGER)) == 3 and all(HELPLINE in t for t in bot.api.texts(STRANGER))
    assert len(bot.api.to(STRANGER + 1)) <= 6
    assert len(bot.svc.sessions) == 0


def test_the_per_chat_throttle_paces_one_chat_but_not_its_emergency_advice(tmp_path, backend):
    """Eight quick turns from one chat: with a burst of 2 per 0.5 s the chat is paced, while the
    emergency advice in the last turn goes out in the urgent lane."""
    import time
    delivery = tg.Delivery(per_second=1000, chat_burst=2, chat_period=0.5)

    async def scenario():
        async with Bot(tmp_path, backend, delivery=delivery) as bot:
            started = time.perf_counter()
            for _ in range(4):
                await bot.say(STAFF, "/help")
            paced = time.perf_counter() - started
            await bot.say(STAFF, DANGER)
            return bot, paced

    bot, paced = run(scenario())
    assert paced >= 0.5                                           # 8+ sends at 2 per half second
    assert any(t.startswith(SIREN) for t in bot.api.texts(STAFF))


def test_by_default_the_bot_keeps_to_telegrams_30_messages_a_second(tmp_path, backend):
    """The production default (no `delivery` given): 90 replies to 90 chats at once take about two
    seconds (a burst of 30, then 30 a second), every one delivered. The bench lifts this only to
    measure the bot's own ceiling."""
    import time
    from test_telegram import TOKEN
    api = FakeBotAPI()
    app = tg.build_application(TOKEN, backend, None, SECRET, request=api, get_updates_request=FakeBotAPI(),
                               store=open_store(str(tmp_path / "pathbot.db")))
    assert isinstance(app.bot.rate_limiter, tg.Delivery)

    async def scenario():
        await app.initialize()
        try:
            started = time.perf_counter()
            await asyncio.gather(*(app.bot.send_message(5000 + i, "a reply") for i in range(90)))
            return time.perf_counter() - started
        finally:
            await app.shutdown()

    took = run(scenario())
    assert took >= 1.7
    assert sum(len(api.texts(5000 + i)) for i in range(90)) == 90
