"""Talking to the Bot Connector: retries, the outbound host check, and quiet logs.

The SDK posts every reply to `{serviceUrl}/v3/conversations/{id}/activities/...` through a fresh
aiohttp session per turn and does not retry. `RetryingClientFactory` gives each turn a session that
shares one connection pool (keep-alive) and retries a 429, a 412 or a 5xx (and a dropped
connection) with exponential backoff, honouring `Retry-After`, within a time budget per request and
per turn (Teams sends a message again if the bot takes more than about 15 s); in production
it also refuses to send to a host the outbound host validator does not allow. If a reply still
cannot be delivered the turn fails as a whole (`DeliveryFailed`), nothing of it is kept, and the
bot answers Teams with a 503 so the activity is delivered again and the reply, emergency advice
included, is sent again: never lost. A 5xx can also mean the connector took the message and failed
afterwards, so a retry may show a message twice: an occasional duplicate is the price of never
losing emergency advice.

Logging. The SDK logs conversation and activity ids (INFO) and request URLs (ERROR). Its loggers
are set to WARNING and every record they still emit keeps only its fixed wording (`Redact`).
"""
from __future__ import annotations

import asyncio
import contextvars
import logging
import random
import re
import time
import traceback
from pathlib import Path

import aiohttp
from microsoft_agents.activity import RoleTypes
from microsoft_agents.hosting.core import OutboundHostValidator, RestChannelServiceClientFactory
from microsoft_agents.hosting.core.connector.teams import TeamsConnectorClient

log = logging.getLogger(__name__)

RETRY_STATUSES = frozenset({412, 429, 500, 502, 503, 504})
ATTEMPTS = 6                      # the first try and five retries
FIRST_DELAY = 0.25                # seconds; doubles each time, with jitter
MAX_DELAY = 4.0
BUDGET = 10.0                     # seconds of waiting per request
TURN_BUDGET = 12.0                # and per turn: Teams gives up on a turn at about 15 s and sends it again
REQUEST_TIMEOUT = 10.0
# when the turn now running must be done by (time.monotonic()); set by the bot for each turn
turn_deadline: contextvars.ContextVar[float | None] = contextvars.ContextVar("turn_deadline", default=None)


class DeliveryFailed(Exception):
    """A reply could not be delivered to the connector after retries: the turn is not kept."""


class HostNotAllowed(aiohttp.ClientError):
    """The outbound host validator refused the connector's address."""


def _retry_after(response: aiohttp.ClientResponse) -> float | None:
    value = response.headers.get("Retry-After", "").strip()
    try:
        return max(0.0, float(value)) if value else None
    except ValueError:
        return None     # an HTTP date: fall back to our own backoff


def retrying(validator: OutboundHostValidator, attempts: int = ATTEMPTS, first_delay: float = FIRST_DELAY,
             budget: float = BUDGET, sleep=asyncio.sleep):
    """An aiohttp client middleware: the host check, then the request, retried when worth retrying."""

    async def middleware(request: aiohttp.ClientRequest, handler) -> aiohttp.ClientResponse:
        if validator.enabled and not validator.is_allowed(request.url):
            raise HostNotAllowed("connector host not allowed")
        deadline = min(time.monotonic() + budget, turn_deadline.get() or float("inf"))
        for attempt in range(attempts):
            last = attempt == attempts - 1
            try:
                response = await handler(request)
            except (aiohttp.ClientConnectionError, asyncio.TimeoutError):
                if last or time.monotonic() >= deadline:
                    raise
                response = None
            if response is not None and (response.status not in RETRY_STATUSES or last):
                return response
            delay = min(MAX_DELAY, first_delay * 2 ** attempt) * random.uniform(0.8, 1.2)
            if response is not None:
                delay = max(delay, min(_retry_after(response) or 0.0, MAX_DELAY))
            if time.monotonic() + delay > deadline:
                if response is not None:
                    return response
                raise aiohttp.ClientConnectionError("connector unreachable")
            if response is not None:
                log.warning("connector answered %d: retrying in %.2f s", response.status, delay)
                response.release()
            else:
                log.warning("connector unreachable: retrying in %.2f s", delay)
            await sleep(delay)
        raise AssertionError("unreachable")

    return middleware


class RetryingClientFactory(RestChannelServiceClientFactory):
    """The SDK's client factory, giving each turn's connector client the retrying session."""

    def __init__(self, connection_manager, validator: OutboundHostValidator, **retry_options):
        super().__init__(connection_manager)
        self.validator = validator
        self.retry_options = retry_options
        self._pool: aiohttp.TCPConnector | None = None

    def _connector(self) -> aiohttp.TCPConnector:
        if self._pool is None or self._pool.closed:
            self._pool = aiohttp.TCPConnector(limit=256, ttl_dns_cache=300)
        return self._pool

    async def close(self) -> None:
        if self._pool is not None:
            await self._pool.close()

    async def create_connector_client(self, context, claims_identity, service_url: str, audience: str,
                                      scopes: list[str] | None = None, use_anonymous: bool = False):
        activity = context.activity if context else None
        special = activity is not None and (
            activity.is_agentic_request()
            or (activity.recipient is not None and activity.recipient.role == RoleTypes.connector_user))
        if special or not service_url or not audience:      # not Teams' ordinary path: the SDK's own way
            return await super().create_connector_client(context, claims_identity, service_url, audience,
                                                         scopes, use_anonymous)
        provider = (self._ANONYMOUS_TOKEN_PROVIDER if use_anonymous
                    else self._connection_manager.get_token_provider(claims_identity, service_url))
        token = await provider.get_access_token(audience, scopes or claims_identity.get_token_scope())
        endpoint = service_url if service_url.endswith("/") else service_url + "/"
        session = aiohttp.ClientSession(
            base_url=endpoint, connector=self._connector(), connector_owner=False,
            timeout=aiohttp.ClientTimeout(total=REQUEST_TIMEOUT),
            middlewares=(retrying(self.validator, **self.retry_options),))
        return TeamsConnectorClient(endpoint=endpoint, token=token or "", session=session)


# --- logging ---------------------------------------------------------------------------------------

SDK_LOGGERS = ("microsoft_agents", "msal", "aiohttp.access", "aiohttp.client", "aiohttp.server",
               "aiohttp.web", "jwt")
_PLACEHOLDER = re.compile(r"%(\([^)]*\))?[-#0 +]*(\*|\d+)?(\.(\*|\d+))?[diouxXeEfFgGcrsa]")


class Redact(logging.Filter):
    """Keeps only a library record's fixed wording: its arguments (ids, URLs, activity JSON) become
    [redacted]; a traceback is cut to file, line and function names (an exception's message can
    hold a URL or a reply body)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.args:
            record.msg = _PLACEHOLDER.sub("[redacted]", str(record.msg)).replace("%%", "%")
            record.args = None
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = where(record.exc_info[1])
            record.exc_info = None
        record.stack_info = None
        return True


def where(error: BaseException) -> str:
    """Where an exception happened, without its message: type, then file:line function."""
    frames = traceback.extract_tb(error.__traceback__)[-4:]
    return f"{type(error).__name__} at " + "; ".join(f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in frames)


def quiet_logging() -> None:
    """The SDK's loggers at WARNING, each with its arguments redacted (they name conversations and
    URLs). A filter only sees records logged on its own logger, so every SDK logger gets one."""
    for name in SDK_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    names = set(SDK_LOGGERS) | {n for n in logging.root.manager.loggerDict if n.startswith(SDK_LOGGERS)}
    for name in names:
        logger = logging.getLogger(name)
        if not any(isinstance(f, Redact) for f in logger.filters):
            logger.addFilter(Redact())
