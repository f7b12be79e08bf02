"""How the Telegram channel talks HTTP to the Bot API: python-telegram-bot's `BaseRequest` over aiohttp.

python-telegram-bot's own `HTTPXRequest` costs about 0.9 ms of CPU per Bot API call in httpx and
httpcore (measured against a local server, `make bench`); aiohttp, already in the lock for the web
chat and Teams, does the same call in about 0.25 ms with its C HTTP parser. A turn makes three to
five calls (answer the button, one or two messages, take the buttons off the last question), so
this is most of the bot's own time. Everything above the HTTP layer (Bot, Application, rate limiter,
the error classes) is python-telegram-bot's, unchanged.

What it keeps of HTTPXRequest's behaviour:
- keep-alive connections, at most `connection_pool_size` at once, a call waiting up to
  `pool_timeout` for a free one; idle connections closed after 5 s (as httpx does), well before
  Telegram closes them;
- the same trusted roots for TLS (certifi's bundle, as httpx uses, so a slim image without the
  system's CA certificates still reaches api.telegram.org), hostnames checked;
- HTTPS_PROXY / HTTP_PROXY / NO_PROXY from the environment, read once per Bot API origin (aiohttp's
  `trust_env` reads them, and ~/.netrc, in a worker thread on every call: a third of the time);
- the User-Agent, and multipart bodies when a file is sent; other calls go as JSON bodies (the
  Bot API takes application/json; form encoding cost more than the rest of the call);
- timeouts raise `telegram.error.TimedOut` and other failures `NetworkError`, named by the
  aiohttp exception's class only: its message can hold the URL, and the URL holds the token.
"""
from __future__ import annotations

import asyncio
import json
import ssl
from typing import Any

import aiohttp
from aiohttp.helpers import get_env_proxy_for_url
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData
from yarl import URL

_JSON = {"Content-Type": "application/json"}


def tls_context() -> ssl.SSLContext:
    """Certificates checked against certifi's roots (httpx's choice), else the system's."""
    try:
        import certifi
        return ssl.create_default_context(cafile=certifi.where())
    except ImportError:
        return ssl.create_default_context()


class AiohttpRequest(BaseRequest):
    __slots__ = ("_size", "_read", "_write", "_connect", "_pool", "_media_write", "_session", "_proxies")

    def __init__(self, connection_pool_size: int = 16, read_timeout: float | None = 5.0,
                 write_timeout: float | None = 5.0, connect_timeout: float | None = 5.0,
                 pool_timeout: float | None = 10.0, media_write_timeout: float | None = 20.0):
        self._size = connection_pool_size
        self._read, self._write, self._connect = read_timeout, write_timeout, connect_timeout
        self._pool, self._media_write = pool_timeout, media_write_timeout
        self._session: aiohttp.ClientSession | None = None
        self._proxies: dict[str, tuple[URL | None, aiohttp.BasicAuth | None]] = {}

    @property
    def read_timeout(self) -> float | None:
        return self._read

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=self._size, keepalive_timeout=5.0, ssl=tls_context())
            self._proxies.clear()
            self._session = aiohttp.ClientSession(connector=connector,
                                                  headers={"User-Agent": self.USER_AGENT})

    async def shutdown(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()

    async def do_request(self, url: str, method: str, request_data: RequestData | None = None,
                         read_timeout: Any = BaseRequest.DEFAULT_NONE,
                         write_timeout: Any = BaseRequest.DEFAULT_NONE,
                         connect_timeout: Any = BaseRequest.DEFAULT_NONE,
                         pool_timeout: Any = BaseRequest.DEFAULT_NONE) -> tuple[int, bytes]:
        if self._session is None or self._session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        files = request_data.multipart_data if request_data else None
        read = self._read if isinstance(read_timeout, type(BaseRequest.DEFAULT_NONE)) else read_timeout
        connect = self._connect if isinstance(connect_timeout, type(BaseRequest.DEFAULT_NONE)) else connect_timeout
        pool = self._pool if isinstance(pool_timeout, type(BaseRequest.DEFAULT_NONE)) else pool_timeout
        write = (self._write if not files else self._media_write) \
            if isinstance(write_timeout, type(BaseRequest.DEFAULT_NONE)) else write_timeout
        # aiohttp has no write timeout of its own: the whole call is bounded by all four together
        # (a finite total is what stops a send hanging on a stalled upload)
        parts = (read, write, connect, pool)
        timeout = aiohttp.ClientTimeout(
            total=None if None in parts else sum(parts),
            connect=None if connect is None or pool is None else connect + pool,   # a free connection, then connected
            sock_connect=connect, sock_read=read)
        if files:
            body: Any = aiohttp.FormData()
            for name, value in request_data.json_parameters.items():
                body.add_field(name, value)
            for name, part in files.items():
                filename, content, mimetype = part if len(part) == 3 else (*part, None)
                body.add_field(name, content, filename=filename, content_type=mimetype)
            headers = None
        elif request_data and request_data.parameters:
            # a JSON body, as the Bot API documents: one C-speed dumps, where form encoding quotes
            # every character of the text in Python
            body, headers = json.dumps(request_data.parameters).encode(), _JSON
        else:
            body, headers = None, None
        proxy, proxy_auth = self._proxy(url)
        try:
            async with self._session.request(method, url, data=body, headers=headers, timeout=timeout,
                                             proxy=proxy, proxy_auth=proxy_auth) as reply:
                return reply.status, await reply.read()
        except (asyncio.TimeoutError, aiohttp.ServerTimeoutError) as exc:
            raise TimedOut(f"Timed out ({type(exc).__name__})") from None
        except aiohttp.ClientError as exc:
            raise NetworkError(f"aiohttp.{type(exc).__name__}") from None

    def _proxy(self, url: str) -> tuple[URL | None, aiohttp.BasicAuth | None]:
        """The proxy the environment names for this URL's origin (None: go direct), looked up once."""
        cut = url.find("/", url.find("//") + 2)
        origin = url if cut < 0 else url[:cut]
        if origin not in self._proxies:
            try:
                self._proxies[origin] = get_env_proxy_for_url(URL(origin))
            except LookupError:                          # no proxy for it, or NO_PROXY names it
                self._proxies[origin] = (None, None)
        return self._proxies[origin]
