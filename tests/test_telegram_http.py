"""The Telegram channel's HTTP layer (bot/channels/telegram_http.py, python-telegram-bot's
BaseRequest over aiohttp) against the HTTP fake Bot API on 127.0.0.1: calls go out and come back
as python-telegram-bot objects; a 429 reaches the rate limiter and the send is repeated after
retry_after; a slow or unreachable Bot API is TimedOut / NetworkError with no token in the error;
a proxy named in the environment is used, and NO_PROXY is honoured; a file goes as multipart."""
from __future__ import annotations

import asyncio
import json
import socket
import ssl

import pytest
from aiohttp import web
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import NetworkError, TimedOut
from telegram.ext import ExtBot

from bot.channels.delivery import Delivery
from bot.channels.fake_bot_api import BOT_USER, FakeBotAPI
from bot.channels.telegram_http import AiohttpRequest, tls_context

TOKEN = "123456789:AAHttpTestTokenNeverReal_k3Jq8Wm2Xp"
CHAT = 1001


@pytest.fixture
def api():
    server = FakeBotAPI().start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def no_proxy_from_the_machine(monkeypatch):
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def _with_bot(url: str, call, request: AiohttpRequest | None = None, bot_class=Bot, **options):
    async with bot_class(TOKEN, base_url=url + "/bot", request=request or AiohttpRequest(), **options) as bot:
        return await call(bot)


def test_a_message_goes_out_over_http_and_comes_back_as_a_message(api):
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Yes", callback_data="ab12cd:yes")]])
    sent = asyncio.run(_with_bot(api.url, lambda bot: bot.send_message(
        CHAT, "Is she <b>safe</b> to go home? £ – é", parse_mode="HTML", reply_markup=markup)))
    [params] = api.to(CHAT)
    assert params["text"] == "Is she <b>safe</b> to go home? £ – é"
    assert params["reply_markup"] == {"inline_keyboard": [[{"text": "Yes", "callback_data": "ab12cd:yes"}]]}
    assert sent.message_id == params["message_id"] and sent.chat.id == CHAT


class LimitedOnce(FakeBotAPI):
    """Answers the first sendMessage with 429 and retry_after 1, as a busy Telegram does."""
    limited = 0

    def answer(self, method, params):
        if method == "sendMessage" and not self.limited:
            self.limited += 1
            return 429, {"ok": False, "error_code": 429, "description": "Too Many Requests: retry after 1",
                         "parameters": {"retry_after": 1}}
        return super().answer(method, params)


def test_a_429_over_http_is_retried_after_retry_after_and_the_message_arrives():
    api = LimitedOnce().start()
    try:
        async def send(bot):
            loop = asyncio.get_running_loop()
            started = loop.time()
            await bot.send_message(CHAT, "the question")
            return loop.time() - started
        waited = asyncio.run(_with_bot(api.url, send, bot_class=ExtBot, rate_limiter=Delivery()))
        assert api.limited == 1 and api.texts(CHAT) == ["the question"]
        assert waited >= 1.0                   # Telegram's retry_after was honoured
    finally:
        api.stop()


def test_a_slow_bot_api_is_timed_out():
    api = FakeBotAPI(send_delay=1.5).start()
    try:
        with pytest.raises(TimedOut):
            asyncio.run(_with_bot(api.url, lambda bot: bot.send_message(CHAT, "x"), AiohttpRequest(read_timeout=0.3)))
    finally:
        api.stop()


def test_an_unreachable_bot_api_is_a_network_error_that_never_names_the_token():
    with pytest.raises(NetworkError) as caught:
        asyncio.run(_with_bot(f"http://127.0.0.1:{_closed_port()}", lambda bot: bot.send_message(CHAT, "x")))
    error = caught.value
    for text in (str(error), repr(error), str(error.__cause__), str(error.__context__)):
        assert TOKEN not in text and TOKEN.split(":")[1] not in text


def test_a_proxy_named_in_the_environment_carries_the_calls(api, monkeypatch):
    nowhere = f"http://127.0.0.1:{_closed_port()}"          # reachable only through the proxy
    monkeypatch.setenv("HTTP_PROXY", api.url)               # the fake answers as the proxy would
    asyncio.run(_with_bot(nowhere, lambda bot: bot.send_message(CHAT, "through the proxy")))
    assert api.texts(CHAT) == ["through the proxy"]


def test_no_proxy_sends_the_calls_direct(api, monkeypatch):
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{_closed_port()}")   # would fail if used
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    asyncio.run(_with_bot(api.url, lambda bot: bot.send_message(CHAT, "direct")))
    assert api.texts(CHAT) == ["direct"]


def test_a_file_goes_as_multipart_with_its_name_and_the_other_fields():
    got: dict = {}

    async def upload(request: web.Request) -> web.Response:
        form = await request.post()
        document = form["document"]
        got.update(chat_id=form["chat_id"], name=document.filename, content=document.file.read())
        return web.json_response({"ok": True, "result": {
            "message_id": 9, "date": 0, "chat": {"id": CHAT, "type": "private"},
            "document": {"file_id": "f", "file_unique_id": "u", "file_name": document.filename}}})

    async def me(request: web.Request) -> web.Response:
        return web.json_response({"ok": True, "result": BOT_USER})

    async def main():
        app = web.Application()
        app.router.add_post(f"/bot{TOKEN}/sendDocument", upload)
        app.router.add_post(f"/bot{TOKEN}/getMe", me)
        runner = web.AppRunner(app)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = runner.addresses[0][1]
        try:
            return await _with_bot(f"http://127.0.0.1:{port}", lambda bot: bot.send_document(
                CHAT, document=b"synthetic notes", filename="notes.txt"))
        finally:
            await runner.cleanup()

    sent = asyncio.run(main())
    assert got == {"chat_id": json.dumps(CHAT), "name": "notes.txt", "content": b"synthetic notes"}
    assert sent.document.file_name == "notes.txt"


def test_tls_checks_certificates_and_hostnames_against_a_root_bundle():
    context = tls_context()
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname
    assert len(context.get_ca_certs()) > 50               # a real bundle, not an empty store
