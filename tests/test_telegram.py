"""The Telegram channel, driven offline: the real python-telegram-bot Application processes real
update JSON (as Telegram sends it), and a fake Bot API (a `BaseRequest`) records every call and
answers with canned JSON. Identifiers are synthetic (NHS numbers from the 999 test range).

There is no "Rasa is down, fall back to embedded" test: no Rasa backend exists yet.
"""
from __future__ import annotations

import asyncio
import datetime as dt
import itertools
import json
import logging
import os
import socket
import stat
import time

import pytest
from telegram import Update
from telegram.request import BaseRequest

from bot import cli, engine, privacy
from bot.channels import telegram as tg
from bot.channels.access import CODE_ALPHABET, AccessList, SetupError, load_secret, migrate_yaml, new_code, normalise_code
from bot.messages import Button, Message
from bot.store import StoreUnavailable, open_store
from bot.turn import EmbeddedBackend

TOKEN = "123456789:AAFakeTokenForOfflineTestsOnly_xyz0123"
SECRET = b"test-deployment-secret-for-hmac-keys-only"
BOT_USER = {"id": 123456789, "is_bot": True, "first_name": "Pathbot", "username": "pathbot_test_bot",
            "can_join_groups": False, "can_read_all_group_messages": False, "supports_inline_queries": False}
SUMMARY = "Summary for the record"
HELPLINE = "0808 2000 247"
STAFF = 1001            # a chat (and user) id on the allow-list
STRANGER = 2002         # one that is not
NO_OR_FIRST = object()  # press "No" if the keyboard has it, else its first button


class FakeBotAPI(BaseRequest):
    """Telegram's Bot API, offline: records (endpoint, params) for every call, answers with canned JSON."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict]] = []
        self.urls: list[str] = []
        self.failing: set[str] = set()
        self._ids = itertools.count(500)

    @property
    def read_timeout(self) -> float:
        return 5.0

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    async def do_request(self, url, method, request_data=None, read_timeout=None, write_timeout=None,
                         connect_timeout=None, pool_timeout=None):
        endpoint = url.rsplit("/", 1)[-1]
        params = dict(request_data.parameters) if request_data else {}
        self.urls.append(url)
        if endpoint in self.failing:
            self.calls.append((endpoint, params))
            return 400, json.dumps({"ok": False, "error_code": 400,
                                    "description": "Bad Request: message can't be deleted"}).encode()
        result: object = True
        if endpoint == "getMe":
            result = BOT_USER
        elif endpoint == "sendMessage":
            params["message_id"] = next(self._ids)
            result = {"message_id": params["message_id"], "date": int(time.time()), "from": BOT_USER,
                      "chat": {"id": params["chat_id"], "type": "private"}, "text": params["text"]}
        elif endpoint == "getUpdates":
            result = []
        self.calls.append((endpoint, params))
        return 200, json.dumps({"ok": True, "result": result}).encode()

    # --- what a test asks of the record ---------------------------------------------------------

    def to(self, chat_id: int, endpoint: str = "sendMessage") -> list[dict]:
        return [p for e, p in self.calls if e == endpoint and p.get("chat_id") == chat_id]

    def texts(self, chat_id: int) -> list[str]:
        return [p["text"] for p in self.to(chat_id)]

    def endpoints(self) -> list[str]:
        return [e for e, _ in self.calls]

    def keyboard(self, chat_id: int) -> tuple[int, list[dict]]:
        """The last message with buttons sent to this chat: (message_id, buttons in order)."""
        sent = [p for p in self.to(chat_id) if p.get("reply_markup")]
        last = sent[-1]
        return last["message_id"], [b for row in last["reply_markup"]["inline_keyboard"] for b in row]


_update_ids = itertools.count(1)
_message_ids = itertools.count(1)


def _person(user_id: int) -> dict:
    return {"id": user_id, "is_bot": False, "first_name": "Test", "language_code": "en"}


def text_update(chat_id: int, text: str, user_id: int | None = None, chat_type: str = "private",
                edited: bool = False) -> dict:
    """A message update as Telegram sends it; a leading /command gets its bot_command entity."""
    message = {"message_id": next(_message_ids), "date": int(time.time()), "text": text,
               "chat": {"id": chat_id, "type": chat_type, **({"first_name": "Test"} if chat_type == "private"
                                                            else {"title": "Ward team"})},
               "from": _person(user_id or chat_id)}
    if text.startswith("/"):
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
    if edited:
        message["edit_date"] = int(time.time())
    return {"update_id": next(_update_ids), ("edited_message" if edited else "message"): message}


def press_update(chat_id: int, data: str, message_id: int, user_id: int | None = None) -> dict:
    """A callback_query update: the clinician pressed an inline button on one of the bot's messages."""
    return {"update_id": next(_update_ids), "callback_query": {
        "id": str(next(_update_ids)), "from": _person(user_id or chat_id), "chat_instance": f"ci{chat_id}",
        "data": data, "message": {"message_id": message_id, "date": int(time.time()), "from": BOT_USER,
                                  "chat": {"id": chat_id, "type": "private", "first_name": "Test"},
                                  "text": "a question"}}}


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(autouse=True)
def _restore_logger_levels():
    """Tests turn library loggers up to DEBUG to prove redaction; put them back afterwards."""
    names = [*tg.LOUD, "telegram.ext.Updater", "telegram.Bot"]
    levels = {n: logging.getLogger(n).level for n in names}
    yield
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)


@pytest.fixture(scope="module")
def backend():
    return EmbeddedBackend()


def grant(access: AccessList, *user_ids: int) -> None:
    """Put users straight on the allow-list (as redeemed invites would)."""
    for u in user_ids:
        access.grant(u, "Test admin")


def unpaced() -> tg.Delivery:
    """The real delivery layer with Telegram's pacing lifted: for tests that are not about pacing."""
    return tg.Delivery(per_second=1_000_000, chat_burst=1_000_000, chat_period=1)


class Bot:
    """The real Application, wired by build_application, talking to the fake Bot API, with its
    sessions and staff list in a SQLite store in tmp_path."""

    def __init__(self, tmp_path, backend, staff=(STAFF,), api=None, store=None, **options) -> None:
        self.api = api or FakeBotAPI()
        self.store = store or open_store(str(tmp_path / "pathbot.db"), clock=options.get("clock", time.time))
        self.access = AccessList(self.store.staff, SECRET)
        if staff:
            grant(self.access, *staff)
        options.setdefault("delivery", unpaced())
        self.app = tg.build_application(TOKEN, backend, self.access, SECRET, request=self.api,
                                        get_updates_request=FakeBotAPI(), store=self.store, **options)
        self.svc: tg.Services = self.app.bot_data[tg.SERVICES]

    async def __aenter__(self) -> "Bot":
        await self.app.initialize()
        return self

    async def __aexit__(self, *exc) -> None:
        await self.app.shutdown()

    async def feed(self, data: dict) -> dict:
        await self.app.process_update(Update.de_json(data, self.app.bot))
        return data

    async def say(self, chat_id: int, text: str, **kw) -> dict:
        return await self.feed(text_update(chat_id, text, **kw))

    async def press(self, chat_id: int, choose) -> str:
        """Press a button on the latest keyboard in this chat: by title, or the first one `choose` accepts."""
        message_id, buttons = self.api.keyboard(chat_id)
        if choose is NO_OR_FIRST:
            pick = next((b for b in buttons if b["text"] == "No"), buttons[0])
        else:
            pick = next(b for b in buttons if (b["text"] == choose if isinstance(choose, str) else choose(b)))
        await self.feed(press_update(chat_id, pick["callback_data"], message_id))
        return pick["text"]

    def record(self, chat_id: int) -> dict | None:
        return self.svc.sessions.load(self.svc.key(chat_id))


def run(coro):
    return asyncio.run(coro)


async def typed(tmp_path, backend, *texts: str) -> "Bot":
    """A member of staff types each line in turn; the finished bot, for its Bot API calls and sessions."""
    async with Bot(tmp_path, backend) as bot:
        for text in texts:
            await bot.say(STAFF, text)
        return bot


# --- a whole conversation ----------------------------------------------------------------------------

@pytest.mark.parametrize("enquiry", ["no", "yes"])
def test_full_conversation_by_buttons_reaches_the_summary(tmp_path, backend, enquiry):
    """/start, then button presses only: "No" (or, on the long path, "Yes" to the safe-enquiry
    questions so the whole checklist is asked), the first button where there is no "No"."""
    yes_to = {"Yes"} if enquiry == "yes" else set()
    none_apply = backend.library.get("national").messages["none_apply"]

    async def scenario():
        async with Bot(tmp_path, backend) as bot:
            await bot.say(STAFF, "/start")
            assert "walk you" in bot.api.texts(STAFF)[0]
            pressed = []
            for _ in range(80):
                if any(SUMMARY in t for t in bot.api.texts(STAFF)):
                    break
                _, buttons = bot.api.keyboard(STAFF)
                titles = [b["text"] for b in buttons]
                question = engine.current_question(bot.record(STAFF)["state"], backend.library)
                asks = question.asks if question else None
                want = "Yes" if yes_to and asks in ("alone", "safe_to_talk", "disclosure") else "No"
                if none_apply in titles:                  # a tick list (its toggles come first): none of these
                    want = none_apply
                pressed.append(await bot.press(STAFF, want if want in titles else NO_OR_FIRST))
            else:
                pytest.fail("the summary never came")
            return bot, pressed

    bot, pressed = run(scenario())
    api = bot.api
    assert pressed[0].startswith("Exampleshire")          # first area button
    # the ten needs are one tick-all-that-apply question ("None of these" is one press)
    assert len(pressed) == (3 if enquiry == "no" else 38)
    # every press answered at once, and the pressed keyboard taken away
    assert api.endpoints().count("answerCallbackQuery") == len(pressed)
    assert all(p.get("text") is None for e, p in api.calls if e == "answerCallbackQuery")
    assert api.endpoints().count("editMessageReplyMarkup") >= len(pressed)
    sends = api.to(STAFF)
    assert sends and all(p["parse_mode"] == "HTML" for p in sends)
    assert all(len(p["text"].encode("utf-16-le")) // 2 <= 4096 for p in sends)
    assert all(p["link_preview_options"] == {"is_disabled": True} for p in sends)
    datas = [b["callback_data"] for p in sends if p.get("reply_markup")
             for row in p["reply_markup"]["inline_keyboard"] for b in row]
    assert datas and all(len(d.encode()) <= 64 for d in datas)
    state = bot.record(STAFF)["state"]
    assert "done" in state["flags"] and state["area"] == "exampleshire"
    assert "Exampleshire" in "\n".join(bot.api.texts(STAFF))
    assert bot.app.user_data == {} and bot.app.chat_data == {}     # PTB keeps nothing keyed by raw id


def test_typed_answers_work_and_the_session_holds_no_text(tmp_path, backend):
    bot = run(typed(tmp_path, backend, "exampleshire please", "she told me her partner hurts her",
                    "yes", "yes she is on her own"))       # a typed concern is confirmed with "yes" first
    record = bot.record(STAFF)
    assert record["state"]["area"] == "exampleshire"
    assert record["state"]["answers"].get("alone") == "yes"
    kept = json.dumps(record)
    on_disk = b"".join(f.read_bytes() for f in tmp_path.iterdir() if f.name.startswith("pathbot.db"))
    for words in ("please", "partner hurts", "on her own"):
        assert words not in kept and words.encode() not in on_disk
    keys = [k for (k,) in bot.store.sessions.db.conn.execute("SELECT key FROM sessions")]
    assert keys == [bot.svc.key(STAFF)] and len(keys[0]) == 64 and str(STAFF) not in keys[0]


# --- privacy ----------------------------------------------------------------------------------------

def test_a_message_with_an_identifier_is_deleted_and_explained(tmp_path, backend):
    typed = "her NHS number is 999 123 4567 and she is scared"

    async def scenario():
        async with Bot(tmp_path, backend) as bot:
            await bot.say(STAFF, "/start exampleshire")
            before = len(bot.api.to(STAFF))
            waiting = bot.record(STAFF)["state"]
            update = await bot.say(STAFF, typed)
            return bot, update, before, waiting

    bot, update, before, waiting = run(scenario())
    deleted = bot.api.to(STAFF, "deleteMessage")
    assert deleted == [{"chat_id": STAFF, "message_id": update["message"]["message_id"]}]
    replies = [p["text"] for p in bot.api.to(STAFF)[before:]]
    assert "deleted your message" in replies[0]
    assert "NHS number" in replies[1] and replies[1] == "\N{WARNING SIGN}\ufe0f " + tg.html.escape(
        privacy.check(typed).explain(), quote=False)
    assert bot.api.to(STAFF)[-1].get("reply_markup")                   # the question, asked again
    assert bot.record(STAFF)["state"] == waiting                      # nothing of it went further
    assert not any("999 123 4567" in p.get("text", "") for _, p in bot.api.calls)


def test_danger_in_a_refused_message_still_gets_emergency_advice(tmp_path, backend):
    async def scenario():
        async with Bot(tmp_path, backend) as bot:
            await bot.say(STAFF, "/start exampleshire")
            await bot.say(STAFF, "he is in the waiting room with a knife, NHS 999 123 4567")
            return bot

    bot = run(scenario())
    assert bot.api.to(STAFF, "deleteMessage")
    emergency = [t for t in bot.api.texts(STAFF) if t.startswith("\N{POLICE CARS REVOLVING LIGHT} <b>")]
    assert emergency and "999" in emergency[0] and emergency[0].endswith("</b>")
    assert "emergency" in bot.record(STAFF)["state"]["flags"]


def test_when_telegram_will_not_delete_the_clinician_is_asked_to(tmp_path, backend):
    async def scenario():
        async with Bot(tmp_path, backend) as bot:
            bot.api.failing.add("deleteMessage")
            await bot.say(STAFF, "the patient is Jane, NHS 999 123 4567")
            return bot

    bot = run(scenario())
    assert any("please delete it yourself" in t for t in bot.api.texts(STAFF))


def test_an_edit_that_adds_an_identifier_is_deleted(tmp_path, backend):
    async def scenario():
        async with Bot(tmp_path, backend) as bot:
            await bot.say(STAFF, "/start exampleshire")
            first = await bot.say(STAFF, "yes")
            edit = text_update(STAFF, "yes, date of birth 12/03/1985", edited=True)
            edit["edited_message"]["message_id"] = first["message"]["message_id"]
            await bot.feed(edit)
            await bot.feed(text_update(STAFF, "yes she is alone", edited=True))
            return bot, first

    bot, first = run(scenario())
    assert bot.api.to(STAFF, "deleteMessage") == [{"chat_id": STAFF, "message_id": first["message"]["message_id"]}]
    texts = bot.api.texts(STAFF)
    assert any("date of birth" in t for t in texts)
    assert "I do not read edited messages" in texts[-1]


def test_attachments_are_deleted(tmp_path, backend):
    async def scenario():
        async with Bot(tmp_path, backend) as bot:
            update = text_update(STAFF, "x")
            message = update["message"]
            del message["text"]
            message["photo"] = [{"file_id": "AgAD", "file_unique_id": "u1", "width": 90, "height": 90}]
            message["caption"] = "her letter"
            await bot.feed(update)
            return bot, message

    bot, message = run(scenario())
    assert bot.api.to(STAFF, "deleteMessage") == [{"chat_id": STAFF, "message_id": message["message_id"]}]
    assert "I can only read text" in bot.api.texts(STAFF)[0]


def test_group_chats_are_never_read_and_the_bot_leaves(tmp_path, backend):
    async def scenario():
        async with Bot(tmp_path, backend) as bot:
            await bot.say(-100123, "/start", user_id=STAFF, chat_type="group")
            return bot

    bot = run(scenario())
    assert bot.api.endpoints()[-1] == "leaveChat" and "sendMessage" not in bot.api.endpoints()


def test_no_message_text_and_no_token_reach_the_log_at_debug(tmp_path, backend, caplog):
    caplog.set_level(logging.DEBUG)
    marker = "she says he reads every message on her phone"
    clinician, stranger = 73409817, 88123457

    async def scenario():
        async with Bot(tmp_path, backend, staff=(clinician,)) as bot:
            # even if an operator turns the libraries up to DEBUG, their records are redacted
            for name in ("telegram", "telegram.ext.Application", "telegram.Bot", "telegram.ext.ExtBot", "httpx"):
                logging.getLogger(name).setLevel(logging.DEBUG)
            await bot.say(clinician, "/start exampleshire")
            await bot.say(clinician, marker)
            await bot.say(clinician, "NHS 999 123 4567 is hers")
            await bot.say(stranger, "hello, is this the helpline?")
            await bot.press(clinician, lambda b: True)
            return bot

    run(scenario())
    text = caplog.text
    assert any(r.name.startswith("telegram") for r in caplog.records)          # the libraries did log
    assert "Calling Bot API endpoint `[redacted]` with parameters `[redacted]`" in text
    for secret in (TOKEN, TOKEN.split(":")[1], marker, "reads every message", "999 123 4567",
                   "is this the helpline", SECRET.decode(), str(clinician), str(stranger)):
        assert secret not in text, secret
    assert "refused a message holding nhs_number" in text


def test_library_loggers_are_turned_down(tmp_path, backend):
    Bot(tmp_path, backend)
    assert logging.getLogger("httpx").level == logging.WARNING
    assert logging.getLogger("telegram").level == logging.INFO


# --- who may use it ------------------------------------------------------------------------------------

def test_someone_not_on_the_allow_list_is_refused_with_the_helpline(tmp_path, backend):
    async def scenario():
        async with Bot(tmp_path, backend) as bot:
            await bot.say(STRANGER, "/start")
            await bot.say(STRANGER, "my partner hits me")
            await bot.feed(press_update(STRANGER, "abcdef:yes", 99))
            return bot

    bot = run(scenario())
    texts = bot.api.texts(STRANGER)
    assert len(texts) == 3 and all(HELPLINE in t and "999" in t for t in texts)
    assert all(not p.get("reply_markup") for p in bot.api.to(STRANGER))
    assert bot.api.endpoints().count("answerCallbackQuery") == 1
    assert len(bot.svc.sessions) == 0                                  # nothing was started for them
    assert HELPLINE in tg.load_wording()["not_staff"]


def test_invite_code_flow(tmp_path, backend):
    async def scenario():
        async with Bot(tmp_path, backend, staff=()) as bot:
            code, expires = bot.access.issue("A. Lead, safeguarding lead", hours=24)
            stored = _db_bytes(tmp_path)
            assert code.encode() not in stored and b"A. Lead, safeguarding lead" in stored
            await bot.say(STRANGER, "/start")                                   # no code: refused
            await bot.say(STRANGER, f"/start {code.upper()}")                   # redeemed
            assert bot.access.is_staff(STRANGER)
            await bot.press(STRANGER, lambda b: b["text"].startswith("Northdale"))
            await bot.say(3003, f"/start {code}")                               # used up
            other, _ = bot.access.issue("A. Lead, safeguarding lead", hours=1)
            bot.access.now = lambda: dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=2)
            await bot.say(4004, f"/start {other}")                              # expired
            return bot

    bot = run(scenario())
    first = bot.api.texts(STRANGER)
    assert HELPLINE in first[0]
    assert "you can now use this assistant" in first[1]
    assert bot.record(STRANGER)["state"]["area"] == "northdale"
    for late in (3003, 4004):
        texts = bot.api.texts(late)
        assert "did not work" in texts[0] and HELPLINE in texts[1]
        assert not bot.access.is_staff(late)
    stored = _db_bytes(tmp_path)
    assert str(STRANGER).encode() not in stored and bot.access._user_hash(STRANGER).encode() in stored
    assert bot.store.staff.count_invites() == 0                                 # both codes gone
    assert stat.S_IMODE(os.stat(tmp_path / "pathbot.db").st_mode) == 0o600


def _db_bytes(folder) -> bytes:
    """Everything the SQLite store has written (the file and its write-ahead log)."""
    return b"".join(f.read_bytes() for f in folder.iterdir() if f.name.startswith("pathbot.db"))


def test_no_listed_name_is_made_of_invite_code_letters_alone():
    # invite codes are consonant groups ("zcgm-zqpp-xmvn-bjrg"): a listed name with no vowel, such as a
    # badly folded "Bjørg" -> "bjrg", refused 2 codes in 10,000 before the names list was mended
    from bot.privacy.names import ALL_NAMES
    assert not [n for n in ALL_NAMES if set(n) <= set(CODE_ALPHABET)]


def test_invite_codes_pass_the_privacy_guard_and_fit_a_deep_link():
    for _ in range(2000):
        code = new_code()
        assert not privacy.check(f"/start {code}").blocked, code
        assert not privacy.check(f"/start {code.upper()}").blocked, code
        assert normalise_code(code.replace("-", "").upper()) == code
        assert len(code) <= 64 and set(code) <= set("abcdefghijklmnopqrstuvwxyz-")
    assert normalise_code("1234-5678-9abc-defg") is None and normalise_code("hello") is None


def test_invite_command_prints_a_code_once_and_stores_its_hash(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PATHBOT_SESSION_SECRET", SECRET.decode())
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "pathbot.db"
    assert cli.main(["telegram", "invite", "--admin", "Dr B, named GP", "--store", str(path),
                     "--bot-username", "@pathbot_test_bot"]) == 0
    out = capsys.readouterr().out
    code = out.split("kept): ")[1].split()[0]
    assert f"/start {code}" in out and f"t.me/pathbot_test_bot?start={code}" in out
    assert code.encode() not in _db_bytes(tmp_path) and b"Dr B, named GP" in _db_bytes(tmp_path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    access = AccessList(open_store(str(path)).staff, SECRET)
    assert access.redeem(code, 42) and access.is_staff(42) and not access.redeem(code, 43)
    # an administrator lists the staff and revokes one entry by its short id
    assert cli.main(["telegram", "staff", "--store", str(path)]) == 0
    listed = capsys.readouterr()
    (line,) = listed.out.splitlines()
    assert "invited by Dr B, named GP" in line and "42" not in line.split()[0]
    assert cli.main(["telegram", "revoke", line.split()[0], "--store", str(path)]) == 0
    assert not access.is_staff(42)
    assert cli.main(["telegram", "revoke", "abc", "--store", str(path)]) == 2


def test_a_store_readable_by_others_is_refused(tmp_path):
    path = tmp_path / "pathbot.db"
    open_store(str(path)).close()
    os.chmod(path, 0o644)
    with pytest.raises(StoreUnavailable, match="chmod 600"):
        open_store(str(path))


def test_an_old_yaml_access_file_is_moved_into_the_store_once(tmp_path, caplog):
    access_yaml = tmp_path / "telegram-access.yml"
    store = open_store(str(tmp_path / "pathbot.db"))
    old = AccessList(open_store(":memory:").staff, SECRET)
    later = (dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=5)).strftime("%Y-%m-%dT%H:%M:%SZ")
    code = new_code()
    access_yaml.write_text(
        "staff:\n"
        f"- user: {old._user_hash(STAFF)}\n  added: '2026-01-01T00:00:00Z'\n  invited_by: Dr A, lead\n"
        "invites:\n"
        f"- code: {old._code_hash(code)}\n  issued_by: Dr A, lead\n  issued: '2026-01-01T00:00:00Z'\n"
        f"  expires: '{later}'\n"
        f"- code: {'0' * 64}\n  issued_by: Dr A, lead\n  issued: '2020-01-01T00:00:00Z'\n"
        "  expires: '2020-01-02T00:00:00Z'\n")
    os.chmod(access_yaml, 0o600)
    caplog.set_level(logging.INFO)
    lines: list[str] = []
    assert migrate_yaml(access_yaml, store.staff, lines.append) == 2           # the expired invite stays behind
    assert len(lines) == 1 and "moved 2" in lines[0] and "telegram-access.yml.migrated" in lines[0]
    assert not access_yaml.exists() and (tmp_path / "telegram-access.yml.migrated").exists()
    assert migrate_yaml(access_yaml, store.staff, lines.append) == 0 and len(lines) == 1   # once only
    access = AccessList(store.staff, SECRET)
    assert access.is_staff(STAFF) and access.redeem(code, STRANGER) and access.is_staff(STRANGER)
    broken = tmp_path / "other.yml"
    broken.write_text("staff: [unclosed")
    os.chmod(broken, 0o600)
    with pytest.raises(SetupError, match="not valid YAML"):
        migrate_yaml(broken, store.staff)
    assert broken.exists()


def test_the_bot_refuses_to_start_without_its_secrets(tmp_path, backend, monkeypatch):
    with pytest.raises(SetupError, match="PATHBOT_SESSION_SECRET is not set"):
        load_secret({})
    with pytest.raises(SetupError, match="too short"):
        load_secret({"PATHBOT_SESSION_SECRET": "short"})
    env = {"PATHBOT_SESSION_SECRET": SECRET.decode()}
    with pytest.raises(SetupError, match="TELEGRAM_BOT_TOKEN"):
        tg.run(backend, str(tmp_path / "a.yml"), environ=env)
    env["TELEGRAM_BOT_TOKEN"] = TOKEN
    with pytest.raises(SetupError, match="TELEGRAM_WEBHOOK_SECRET"):
        tg.run(backend, str(tmp_path / "a.yml"), webhook="https://bot.example.org/hook", environ=env)
    with pytest.raises(SetupError, match="https"):
        tg.run(backend, str(tmp_path / "a.yml"), webhook="http://bot.example.org/hook",
               environ={**env, "TELEGRAM_WEBHOOK_SECRET": "s" * 32})
    monkeypatch.delenv("PATHBOT_SESSION_SECRET", raising=False)
    assert cli.main(["telegram"]) == 2
    assert cli.main(["telegram", "--backend", "rasa"]) == 2


# --- buttons ------------------------------------------------------------------------------------------

def test_stale_and_forged_buttons_are_answered_and_the_question_asked_again(tmp_path, backend):
    async def scenario():
        async with Bot(tmp_path, backend) as bot:
            await bot.say(STAFF, "/start exampleshire")
            old_id, old_buttons = bot.api.keyboard(STAFF)
            await bot.press(STAFF, lambda b: True)                   # answers the concern question
            waiting = bot.record(STAFF)["state"]
            results = []
            for data in (old_buttons[0]["callback_data"],            # stale: an earlier question
                         "zzzzzz:yes", "not-ours", "x" * 64,          # forged
                         bot.record(STAFF)["gen"] + "#7"):            # right generation, no such button
                before = len(bot.api.calls)
                await bot.feed(press_update(STAFF, data, old_id))
                results.append(bot.api.calls[before:])
            return bot, waiting, results

    bot, waiting, results = run(scenario())
    for calls in results:
        answers = [p for e, p in calls if e == "answerCallbackQuery"]
        assert answers[0]["text"] == "That button is from an earlier question. Here is the current one."
        sent = [p for e, p in calls if e == "sendMessage"]
        assert len(sent) == 1 and sent[0]["reply_markup"]             # the current question, fresh buttons
    assert bot.record(STAFF)["state"] == waiting                     # no answer was taken from them


def test_a_button_from_an_expired_conversation_starts_again(tmp_path, backend):
    clock = FakeClock()

    async def scenario():
        async with Bot(tmp_path, backend, idle_minutes=30, clock=clock) as bot:
            await bot.say(STAFF, "/start exampleshire")
            clock.now += 31 * 60
            assert bot.svc.sessions.sweep() == 1 and len(bot.svc.sessions) == 0
            await bot.press(STAFF, lambda b: True)
            return bot

    bot = run(scenario())
    toast = [p for e, p in bot.api.calls if e == "answerCallbackQuery"][-1]["text"]
    assert "nothing from it was kept" in toast
    assert bot.record(STAFF)["state"]["step"] == "area"


def test_post_init_publishes_the_commands_and_sweeps_idle_sessions(tmp_path, backend):
    async def scenario():
        async with Bot(tmp_path, backend) as bot:
            await bot.app.post_init(bot.app)
            assert bot.svc.sweeper is not None and not bot.svc.sweeper.done()
            await bot.app.post_stop(bot.app)
            assert bot.svc.sweeper.cancelled()
            return bot

    bot = run(scenario())
    (commands,) = [p["commands"] for e, p in bot.api.calls if e == "setMyCommands"]
    assert [c["command"] for c in commands] == ["start", "area", "restart", "back", "help", "emergency"]
    assert all(3 <= len(c["description"]) <= 256 for c in commands)


def test_commands(tmp_path, backend):
    async def scenario():
        async with Bot(tmp_path, backend) as bot:
            steps = {}
            for command in ("/emergency", "/area northdale", "/help", "/back", "/restart", "/frobnicate",
                            "/start@pathbot_test_bot exampleshire"):
                before = len(bot.api.to(STAFF))
                await bot.say(STAFF, command)
                steps[command.split()[0]] = (bot.api.texts(STAFF)[before:], bot.record(STAFF)["state"])
            return steps

    steps = run(scenario())
    emergency, state = steps["/emergency"]
    assert emergency[0].startswith("\N{POLICE CARS REVOLVING LIGHT} <b>IMMEDIATE DANGER")
    assert "emergency" in state["flags"]
    assert steps["/area"][1]["area"] == "northdale"
    assert "Answer with the buttons" in steps["/help"][0][0]
    assert "no earlier answer" in steps["/back"][0][0]
    assert "Starting again" in steps["/restart"][0][0] and steps["/restart"][1]["area"] == "northdale"
    assert "I do not know that command" in steps["/frobnicate"][0][0]
    assert steps["/start@pathbot_test_bot"][1]["area"] == "exampleshire"


# --- rendering ------------------------------------------------------------------------------------------

def test_long_messages_are_split_escaped_and_emergencies_stand_out():
    text = ("Line with <tags> & ampersands 🚑.\n" * 400).strip()
    bodies = tg.render(Message(text, "emergency"))
    assert len(bodies) > 1
    assert all(len(b.encode("utf-16-le")) // 2 <= 4096 for b in bodies)
    assert bodies[0].startswith("\N{POLICE CARS REVOLVING LIGHT} <b>") and all(b.endswith("</b>") for b in bodies)
    assert "<tags>" not in "".join(bodies) and "&lt;tags&gt; &amp; ampersands" in bodies[0]
    unescaped = "\n".join(tg.html.unescape(b.replace("<b>", "").replace("</b>", "")) for b in bodies)
    assert unescaped.replace("\N{POLICE CARS REVOLVING LIGHT} ", "", 1) == text   # nothing lost
    assert tg.split_text("x" * 10000, 4096) == ["x" * 4096, "x" * 4096, "x" * 1808]
    assert tg.render(Message("a < b", "info")) == ["a &lt; b"]


def test_callback_data_stays_within_64_bytes_even_for_long_payloads():
    long_payload = "a_very_long_option_value_" * 4
    buttons = (Button("Yes", "yes"), Button("Long", long_payload), Button("Back", "/back"))
    parts, long = tg.prepare([Message("Q?", "question", buttons, "q")], "abc123")
    datas = [b.callback_data for row in parts[-1][1].inline_keyboard for b in row]
    assert all(len(d.encode()) <= 64 for d in datas)
    record = {"gen": "abc123", "long": long}
    assert [tg.read_callback(d, record) for d in datas] == ["yes", long_payload, "/back"]
    assert tg.read_callback("abc124:yes", record) is None and tg.read_callback(None, record) is None


# --- scale and isolation ----------------------------------------------------------------------------------

def _choices(chat: int) -> list:
    """The buttons one clinician presses, by position or rule: its area, a concern, then "No"s."""
    return [("area", chat % 2), ("option", chat % 3)] + [NO_OR_FIRST] * (chat % 4 + 1)


def _pick(buttons: list, choice) -> int:
    if choice is NO_OR_FIRST:
        return next((i for i, b in enumerate(buttons) if b == "No"), 0)
    return choice[1]


def _expected(backend, chat: int) -> tuple[dict, list[str]]:
    """The same presses straight on the backend: the state and rendered replies this chat must get."""
    state, messages = backend.start()
    seen = [body for m in messages for body in tg.render(m)]
    for choice in _choices(chat):
        last = [m for m in messages if m.buttons][-1].buttons
        state, messages = backend.press(state, last[_pick([b.title for b in last], choice)].payload)
        seen += [body for m in messages for body in tg.render(m)]
    return state, seen


def test_500_concurrent_chats_do_not_cross_talk(tmp_path, backend):
    """500 clinicians at once, each pressing through its own path; every chat must end in the state,
    and have been sent exactly the replies, that the same presses give on the backend alone."""
    chats = list(range(10_000, 10_500))

    async def clinician(bot: Bot, chat: int) -> None:
        await bot.say(chat, "/start")
        for choice in _choices(chat):
            _, buttons = bot.api.keyboard(chat)
            i = _pick([b["text"] for b in buttons], choice)
            await bot.press(chat, lambda b, target=buttons[i]: b is target)

    async def scenario():
        async with Bot(tmp_path, backend, staff=chats) as bot:
            await asyncio.gather(*(clinician(bot, c) for c in chats))
            return bot

    started = time.perf_counter()
    bot = run(scenario())
    elapsed = time.perf_counter() - started
    finals = set()
    for chat in chats:
        state, replies = _expected(backend, chat)
        assert bot.record(chat)["state"] == state, chat
        assert bot.api.texts(chat) == replies, chat
        finals.add(json.dumps(state, sort_keys=True))
    assert len(finals) >= 8                                              # the paths really differ
    presses = [p for e, p in bot.api.calls if e == "answerCallbackQuery"]
    assert len(presses) == sum(len(_choices(c)) for c in chats)
    assert not any(p.get("text") for p in presses)                       # not one stale button
    assert {p["chat_id"] for e, p in bot.api.calls if e == "sendMessage"} == set(chats)
    assert len(bot.svc.sessions) == 500 and len(bot.svc.locks) == 0      # no lock left behind
    assert elapsed < 60


# --- how it reaches Telegram --------------------------------------------------------------------------

def test_api_url_points_the_bot_at_a_self_hosted_bot_api_server(tmp_path, backend):
    async def scenario():
        async with Bot(tmp_path, backend, api_url="http://127.0.0.1:8081/") as bot:
            await bot.say(STAFF, "/start")
            return bot

    bot = run(scenario())
    assert bot.api.urls and all(u.startswith(f"http://127.0.0.1:8081/bot{TOKEN}/") for u in bot.api.urls)
    assert tg.bot_api_urls("https://api.example.org/bot") == ("https://api.example.org/bot",
                                                              "https://api.example.org/file/bot")
    with pytest.raises(SetupError):
        tg.bot_api_urls("127.0.0.1:8081")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_webhook_turns_away_requests_without_telegrams_secret_header(tmp_path, backend, caplog):
    """The real webhook server on the loopback interface: only requests carrying the secret token
    header get through, and even at DEBUG the update's text is not logged."""
    import httpx
    caplog.set_level(logging.DEBUG)
    hook_secret, port = "webhook-secret-" + "k" * 24, _free_port()
    marker = "typed words that must stay out of every log"

    async def scenario():
        async with Bot(tmp_path, backend) as bot:
            logging.getLogger("telegram.ext.Updater").setLevel(logging.DEBUG)
            options = tg.webhook_options("https://bot.example.org/pathbot/hook", hook_secret, "127.0.0.1", port)
            await bot.app.updater.start_webhook(**options)
            await bot.app.start()
            url = f"http://127.0.0.1:{port}/pathbot/hook"
            body = text_update(STAFF, marker)
            statuses = {}
            async with httpx.AsyncClient() as client:
                for name, headers in {"none": {}, "wrong": {"X-Telegram-Bot-Api-Secret-Token": "guess" * 4},
                                      "right": {"X-Telegram-Bot-Api-Secret-Token": hook_secret}}.items():
                    reply = await client.post(url, json=body, headers=headers)
                    statuses[name] = reply.status_code
            for _ in range(100):                       # let the update queue hand it to the handlers
                if bot.api.to(STAFF):
                    break
                await asyncio.sleep(0.02)
            await bot.app.updater.stop()
            await bot.app.stop()
            return bot, statuses

    bot, statuses = run(scenario())
    assert statuses == {"none": 403, "wrong": 403, "right": 200}
    (hook,) = [p for e, p in bot.api.calls if e == "setWebhook"]
    assert hook["url"] == "https://bot.example.org/pathbot/hook" and hook["secret_token"] == hook_secret
    assert hook["allowed_updates"] == ["message", "edited_message", "callback_query"]
    assert len(bot.api.to(STAFF)) >= 2                 # processed once: the welcome and a question
    assert marker not in caplog.text and hook_secret not in caplog.text and "guess" not in caplog.text
    assert "Webhook received data: [redacted]" in caplog.text


def test_a_rasa_outage_falls_back_to_the_embedded_backend(tmp_path):
    """--backend rasa with nothing listening: the clinician still gets the pathway, with one short notice."""
    from bot.rasa_backend import RasaBackend
    rasa = RasaBackend(url=f"http://127.0.0.1:{_free_port()}", timeout=0.5)

    bot = run(typed(tmp_path, rasa, "/start", "exampleshire", "a patient told me her partner hits her", "yes"))
    texts = "\n".join(bot.api.texts(STAFF))
    assert "Is the person alone with you" in texts
    assert texts.lower().count("unavailable") == 1
    assert "Traceback" not in texts
    assert bot.record(STAFF)["state"]["answers"]["concern"] == "experiencing"


# --- tick all that apply: toggle buttons -------------------------------------------------------------

def _at_the_tick_list(backend) -> dict:
    """A case walked to the needs question, a "tick all that apply" list (Message.select "many")."""
    prefer = {"alone": "yes", "family_interpreter": "no", "safe_to_talk": "yes", "disclosure": "yes",
              "immediate_danger": "no", "concern": "experiencing"}
    state, said = backend.start("exampleshire")
    for _ in range(100):
        q = [m for m in said if m.asks][-1]
        if q.select == "many":
            return state
        answers = [b.payload for b in q.buttons if not b.payload.startswith("/")]
        state, said = backend.press(state, prefer.get(q.asks) or ("no" if "no" in answers else answers[0]))
    raise AssertionError("no tick list on the way")


def test_a_tick_list_toggles_on_the_same_message_and_done_sends_one_answer(tmp_path, backend):
    state = _at_the_tick_list(backend)
    question = [m for m in backend.repeat(state) if m.select == "many"][-1]

    async def scenario():
        async with Bot(tmp_path, backend) as bot:
            bot.svc.sessions.save(bot.svc.key(STAFF), {"state": state, "gen": "abc123"})
            await bot.say(STAFF, "/nosuchcommand")                  # the question asked again, as toggles
            message_id, buttons = bot.api.keyboard(STAFF)
            toggles = [b for b in buttons if "!" in b["callback_data"] and not b["callback_data"].endswith("!done")]
            assert [b["text"][2:] for b in toggles] == [i.title for i in question.items]
            assert all(len(b["callback_data"].encode()) <= 64 and b["callback_data"][7:].isdigit() for b in toggles)
            sends = len(bot.api.to(STAFF))
            for pick in (toggles[0], toggles[2], toggles[5], toggles[5]):   # the last one ticked, then unticked
                await bot.feed(press_update(STAFF, pick["callback_data"], message_id))
            assert len(bot.api.to(STAFF)) == sends                  # no new message: the same one edited
            edits = bot.api.to(STAFF, "editMessageReplyMarkup")
            shown = [b["text"] for row in edits[-1]["reply_markup"]["inline_keyboard"] for b in row]
            assert shown[0].startswith(tg.TICKED) and shown[2].startswith(tg.TICKED)
            assert shown[1].startswith(tg.UNTICKED) and shown[5].startswith(tg.UNTICKED)
            record = bot.record(STAFF)
            assert record["tick"] == [0, 2]
            for item in question.items:                             # only numbers kept, never the words
                assert item.title not in json.dumps(record)
            done = next(b for b in buttons if b["callback_data"].endswith("!done"))
            await bot.feed(press_update(STAFF, done["callback_data"], message_id))
            return bot.record(STAFF)["state"]

    after = run(scenario())
    ids = [i.id for i in question.items]
    assert after["answers"][ids[0]] == "yes" and after["answers"][ids[2]] == "yes"
    assert all(after["answers"].get(i) != "yes" for i in ids if i not in (ids[0], ids[2]))


def test_a_toggle_from_an_earlier_question_is_stale(tmp_path, backend):
    state = _at_the_tick_list(backend)

    async def scenario():
        async with Bot(tmp_path, backend) as bot:
            bot.svc.sessions.save(bot.svc.key(STAFF), {"state": state, "gen": "abc123", "tick": []})
            await bot.feed(press_update(STAFF, "ffffff!1", 999))      # a forged or old toggle
            return bot

    bot = run(scenario())
    assert [p.get("text") for e, p in bot.api.calls if e == "answerCallbackQuery"] == [
        bot.svc.wording["stale_button"]]
