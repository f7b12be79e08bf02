"""Getting replies to Telegram without losing any: pacing, retries, and the urgent lane.

`Delivery` is python-telegram-bot's own `AIORateLimiter` (the `rate-limiter` extra) with three
additions:
- every 429 is retried after the `retry_after` Telegram asks for (ordinary sends up to
  `max_retries` times, emergency advice up to `urgent_retries` times, network errors included);
- emergency advice (sent with `rate_limit_args=URGENT`) skips the queues: it waits neither behind
  other chats' sends for the overall limit nor behind its own chat's throttle;
- a per-chat throttle for private chats (a burst of `chat_burst`, then about one a second, as
  Telegram asks), so one busy chat cannot take everyone's share.

`Strangers` is the cheap path for people not on the allow-list: a few replies per window, then
silence, and a cap on invite-code attempts, all in memory keyed by an HMAC of their id.
"""
from __future__ import annotations

import asyncio
import logging
import time
from collections import OrderedDict

from aiolimiter import AsyncLimiter
from telegram.error import NetworkError, RetryAfter
from telegram.ext import AIORateLimiter

URGENT = "urgent"              # rate_limit_args value marking emergency advice
CHAT_ENDPOINTS = {"sendMessage", "editMessageReplyMarkup", "deleteMessage"}
log = logging.getLogger(__name__)


class Delivery(AIORateLimiter):
    def __init__(self, per_second: float = 30, max_retries: int = 6, urgent_retries: int = 20,
                 chat_burst: int = 6, chat_period: float = 6.0):
        super().__init__(overall_max_rate=per_second, overall_time_period=1, group_max_rate=20,
                         group_time_period=60, max_retries=max_retries)
        self.urgent_retries = urgent_retries
        self.chat_burst, self.chat_period = chat_burst, chat_period
        self._chats: OrderedDict[int, AsyncLimiter] = OrderedDict()

    def _chat_limiter(self, chat_id: int) -> AsyncLimiter:
        limiter = self._chats.pop(chat_id, None) or AsyncLimiter(self.chat_burst, self.chat_period)
        self._chats[chat_id] = limiter
        while len(self._chats) > 4096:                 # forget the chats idle longest
            self._chats.popitem(last=False)
        return limiter

    async def process_request(self, callback, args, kwargs, endpoint, data, rate_limit_args):
        if endpoint == "getMe":
            return await self._hello(callback, args, kwargs)
        if rate_limit_args == URGENT:
            return await self._urgent(callback, args, kwargs)
        chat_id = data.get("chat_id")
        if isinstance(chat_id, int) and chat_id > 0 and endpoint in CHAT_ENDPOINTS:
            async with self._chat_limiter(chat_id):
                return await super().process_request(callback, args, kwargs, endpoint, data, None)
        return await super().process_request(callback, args, kwargs, endpoint, data, None)

    async def _hello(self, callback, args, kwargs):
        """getMe, the bot's first call: if the Bot API cannot be reached, say so (python-telegram-bot
        then tries again, waiting longer each time, up to 30 s)."""
        try:
            return await callback(*args, **kwargs)
        except NetworkError as exc:
            log.warning("the Bot API cannot be reached (%s): trying again, waiting longer each time",
                        type(exc).__name__)
            raise

    async def _urgent(self, callback, args, kwargs):
        """Emergency advice: no queue; a 429 or a network failure is retried (with backoff) many times."""
        pause = 0.5
        for attempt in range(self.urgent_retries + 1):
            await self._retry_after_event.wait()       # sending while Telegram says wait only earns another 429
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as exc:
                if attempt == self.urgent_retries:
                    raise
                await asyncio.sleep(exc._retry_after.total_seconds() + 0.1)   # as PTB itself reads it
            except NetworkError:                       # TimedOut included; BadRequest is not a NetworkError
                if attempt == self.urgent_retries:
                    raise
                await asyncio.sleep(pause)
                pause = min(pause * 2, 5.0)
        raise AssertionError("unreachable")


class Strangers:
    """How much of the bot's time someone not on the allow-list may have: `replies` answers per
    `window` seconds (then nothing), and `codes` invite-code tries per `window`."""

    def __init__(self, replies: int = 3, codes: int = 5, window: float = 600.0, clock=time.monotonic,
                 size: int = 10_000):
        self.replies, self.codes, self.window, self.clock, self.size = replies, codes, window, clock, size
        self._seen: OrderedDict[str, list[float]] = OrderedDict()   # key -> [window start, replies, codes]

    def _entry(self, key: str) -> list[float]:
        now = self.clock()
        entry = self._seen.pop(key, None)
        if entry is None or now - entry[0] > self.window:
            entry = [now, 0, 0]
        self._seen[key] = entry
        while len(self._seen) > self.size:
            self._seen.popitem(last=False)
        return entry

    def may_reply(self, key: str) -> bool:
        entry = self._entry(key)
        entry[1] += 1
        return entry[1] <= self.replies

    def may_try_code(self, key: str) -> bool:
        entry = self._entry(key)
        entry[2] += 1
        return entry[2] <= self.codes
