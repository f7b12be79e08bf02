"""The web server Teams posts to: `POST /api/messages` on aiohttp, through the SDK's CloudAdapter.

Production (the default): every request must carry a Bot Framework JWT, validated by the SDK's
`jwt_authorization_middleware` against the app registration in
`CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTID` / `__TENANTID` / `__CLIENTSECRET`, and the
outbound host validator only lets the bot answer Microsoft's connector hosts, so a forged
`serviceUrl` is refused (401) before anything is read.

Development (`PATHBOT_TEAMS_DEV=1`, and only when bound to a loopback address): activities without
an Authorization header are accepted and replies go to whatever `serviceUrl` they name, for the
offline tests and local checks (activities must still name a configured tenant). The bot says so
loudly when it starts.

Malformed requests get a plain JSON error and the right status (400 bad JSON or activity, 401,
413 too large, 503 when a reply could not be delivered so Teams should try again); never a
traceback.
"""
from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import logging
import os
import warnings
from dataclasses import dataclass

from aiohttp import web
from microsoft_agents.activity import Activity, load_configuration_from_env
from microsoft_agents.authentication.msal import MsalConnectionManager
from microsoft_agents.hosting.aiohttp import CloudAdapter, jwt_authorization_middleware
from microsoft_agents.hosting.core import AgentAuthConfiguration, OutboundHostValidator
from pydantic import ValidationError
from yarl import URL

from ...store import Store, StoreUnavailable, connect, open_store
from ..access import SetupError, load_secret
from ..listen import run_app
from .access import STAFF_ENV, TENANTS_ENV, Gate, StaffList, tenants_from
from .bot import TeamsBot, load_wording
from .delivery import DeliveryFailed, RetryingClientFactory, quiet_logging, where

log = logging.getLogger(__name__)

DEV_ENV = "PATHBOT_TEAMS_DEV"
SDK_PREFIX = "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__"
MAX_BODY = 256 * 1024                 # a Teams activity is a few kB
BOT = web.AppKey("pathbot_teams_bot", TeamsBot)
ADAPTER = web.AppKey("pathbot_teams_adapter", CloudAdapter)


@dataclass(frozen=True)
class Settings:
    tenants: frozenset[str]
    secret: bytes
    dev: bool = False
    staff_file: str | None = None
    idle_minutes: float = 30
    check_hosts: bool = True          # the outbound host validator; off only in development
    store: str | None = None          # where conversations are kept (PATHBOT_STORE, else ./pathbot.db)

    @classmethod
    def from_env(cls, host: str, environ=os.environ, staff_file: str | None = None,
                 idle_minutes: float = 30, store: str | None = None) -> "Settings":
        """Check the set-up: a secret, the tenant(s), and development mode only on loopback."""
        secret = load_secret(environ)
        tenants = tenants_from(environ.get(TENANTS_ENV, ""))
        dev = environ.get(DEV_ENV, "").strip() == "1"
        if dev and not is_loopback(host):
            raise SetupError(f"{DEV_ENV}=1 accepts unauthenticated requests: it only runs on a loopback "
                             "address (--host 127.0.0.1)")
        if not dev:
            if not environ.get(SDK_PREFIX + "CLIENTID", "").strip():
                raise SetupError(f"{SDK_PREFIX}CLIENTID is not set: the bot's app registration (README: Teams)")
            if environ.get(SDK_PREFIX + "ANONYMOUS_ALLOWED", "").strip().lower() in ("1", "true", "yes"):
                raise SetupError(f"{SDK_PREFIX}ANONYMOUS_ALLOWED turns off authentication: remove it "
                                 f"(for local tests use {DEV_ENV}=1 on 127.0.0.1)")
        if not idle_minutes > 0:
            raise SetupError("--idle-minutes must be more than 0")
        return cls(tenants, secret, dev, staff_file or environ.get(STAFF_ENV) or None, idle_minutes,
                   check_hosts=not dev, store=store)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _auth(settings: Settings, environ) -> tuple[object, AgentAuthConfiguration]:
    """The SDK's connection manager and the configuration the JWT middleware checks tokens against."""
    if settings.dev:
        # without an app id the SDK warns on every turn that its user token client has none
        logging.getLogger("microsoft_agents.hosting.core.connector.client.user_token_client").setLevel(logging.ERROR)
        config = AgentAuthConfiguration(anonymous_allowed=True)
        return MsalConnectionManager(connections_configurations={"SERVICE_CONNECTION": config}), config
    manager = MsalConnectionManager(**load_configuration_from_env(environ))
    return manager, manager.get_default_connection_configuration()


def _connector_address(service_url: str) -> bool:
    """An http(s) address with a host and no query, fragment or user name, as Teams sends: anything
    else cannot be a connector, and a query or fragment made the reply fail with a 500."""
    try:
        url = URL(service_url)
    except (ValueError, TypeError):
        return False
    return (url.scheme in ("https", "http") and bool(url.host) and not url.query_string and not url.fragment
            and url.user is None)


async def _messages(request: web.Request) -> web.Response:
    """POST /api/messages: check the body is an activity, then let the SDK run the turn."""
    try:
        body = await request.json()
    except web.HTTPException:
        raise                           # 413: larger than any activity
    except Exception:
        return web.json_response({"error": "the body is not JSON"}, status=400)
    if not isinstance(body, dict):
        return web.json_response({"error": "the body is not an activity"}, status=400)
    try:
        activity = Activity.model_validate(body)
    except ValidationError:
        return web.json_response({"error": "the body is not a valid activity"}, status=400)
    if not activity.type or not activity.conversation or not activity.conversation.id:
        return web.json_response({"error": "an activity needs a type and a conversation id"}, status=400)
    if activity.type in ("message", "conversationUpdate") and not activity.service_url:
        return web.json_response({"error": "an activity needs a serviceUrl"}, status=400)
    if activity.service_url and not _connector_address(activity.service_url):
        return web.json_response({"error": "the serviceUrl is not a connector address"}, status=400)
    try:
        response = await request.app[ADAPTER].process(request, request.app[BOT])
    except DeliveryFailed:
        log.warning("a reply could not be delivered: answered 503 so the activity comes again")
        return web.json_response({"error": "reply not delivered; try again"}, status=503,
                                 headers={"Retry-After": "2"})
    except Exception as exc:            # never a traceback to the caller
        log.error("a request failed: %s", where(exc))
        return web.json_response({"error": "internal error"}, status=500)
    return response or web.Response(status=202)


@web.middleware
async def _plain_errors(request: web.Request, handler):
    """aiohttp's own errors (404, 405, 413) and anything unexpected as short JSON, never an HTML page
    or a traceback."""
    try:
        return await handler(request)
    except web.HTTPException as exc:
        if exc.status < 400:
            raise
        return web.json_response({"error": exc.reason}, status=exc.status)
    except Exception as exc:            # e.g. token validation that could not reach its keys
        log.error("a request failed: %s", where(exc))
        return web.json_response({"error": "internal error"}, status=500)


def build_app(backend, settings: Settings, *, environ=os.environ, wording: dict | None = None,
              retry_options: dict | None = None, store: Store | None = None) -> web.Application:
    """The aiohttp application with the SDK wired in; nothing listens until it is run. `store` keeps
    the conversations and the answered activities (several apps, or replicas, may share one);
    without one, a throw-away in-memory SQLite store (tests)."""
    quiet_logging()
    # the SDK's JWT middleware keeps its claims under a plain string key; aiohttp warns about that
    warnings.filterwarnings("ignore", category=web.NotAppKeyWarning, module="microsoft_agents")
    manager, config = _auth(settings, environ)
    validator = OutboundHostValidator(enabled=settings.check_hosts)
    factory = RetryingClientFactory(manager, validator, **(retry_options or {}))
    adapter = CloudAdapter(channel_service_client_factory=factory, host_validator=validator)
    staff = StaffList(settings.staff_file, settings.secret) if settings.staff_file else None
    store = store or open_store(":memory:", settings.idle_minutes * 60)
    store.sessions.idle_seconds = settings.idle_minutes * 60
    bot = TeamsBot(backend, Gate(settings.tenants, staff), settings.secret, store.sessions,
                   wording or load_wording())
    adapter.on_turn_error = bot.on_turn_error
    app = web.Application(middlewares=[_plain_errors, jwt_authorization_middleware], client_max_size=MAX_BODY)
    with warnings.catch_warnings():         # the SDK's middleware reads this plain string key
        warnings.simplefilter("ignore")
        app["agent_configuration"] = config
    app[BOT], app[ADAPTER] = bot, adapter
    app.router.add_post("/api/messages", _messages)

    async def sweep(app: web.Application):
        every = max(1.0, min(60.0, bot.sessions.idle_seconds / 4))

        async def loop():
            while True:
                await asyncio.sleep(every)
                with contextlib.suppress(StoreUnavailable):     # said when a turn needs the store
                    wiped = await asyncio.to_thread(bot.sessions.sweep)
                    if wiped:
                        log.info("wiped %d idle session(s)", wiped)
        task = asyncio.create_task(loop())
        yield
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        await factory.close()

    app.cleanup_ctx.append(sweep)
    return app


def run(backend, host: str = "127.0.0.1", port: int = 3978, *, staff_file: str | None = None,
        idle_minutes: float = 30, store: str | None = None, environ=os.environ) -> int:
    """`pathbot teams`: check the set-up, say how it runs, then serve until stopped. The store is
    opened (SQLite ./pathbot.db, or PATHBOT_STORE / --store); if it cannot be used the bot still
    starts, says why, tells clinicians plainly, and tries again."""
    settings = Settings.from_env(host, environ, staff_file, idle_minutes, store)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    the_store, problem = connect(settings.store, idle_minutes * 60, environ=environ)
    if problem:
        log.error("the store cannot be used, so no case can be continued until it can: %s", problem)
    app = build_app(backend, settings, environ=environ, store=the_store)
    staff = app[BOT].gate.staff
    if settings.dev:
        log.warning("DEVELOPMENT MODE (%s=1): requests without a token are accepted and replies go to any "
                    "serviceUrl; listening on loopback only. Never run this way in production.", DEV_ENV)
    log.info("starting on %s:%d (%s backend, store %s): %d tenant(s); %s; sessions wiped after %g idle minutes",
             host, port, getattr(backend, "name", "?"), the_store.where, len(settings.tenants),
             f"{len(staff)} member(s) of staff on the list" if staff is not None else "everyone in the tenant(s)",
             idle_minutes)
    try:
        return run_app("teams", app, host, port, print=None, access_log=None, handle_signals=True)
    finally:
        the_store.close()
