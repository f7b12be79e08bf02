"""Who may use the assistant: a staff allow-list and one-time invite codes, kept only as HMAC hashes.

    pathbot telegram invite --admin "A. Lead, practice safeguarding lead"   # prints a code, once
    pathbot telegram staff                                                   # who is on the list
    pathbot telegram revoke 3f9a1c2b                                         # take someone off it

Both live in the store (bot/store: SQLite `pathbot.db` by default, or Redis), as HMAC-SHA256
hashes made with the deployment secret `PATHBOT_SESSION_SECRET`: never a Telegram id, never an
invite code. Each staff entry records when it was added and which administrator's invite it came
from, so access can be revoked entry by entry. Each invite records who issued it and when it
expires; redeeming it removes it in the same step, so a code works once even with replicas.
Checking access and redeeming are single indexed look-ups: a stranger's made-up codes cost
microseconds, and invites issued while the bot runs work at once.

An access file from before the store (YAML, `telegram-access.yml`) is moved into the store once,
the first time the bot or `invite` runs, with one message; the file is then renamed
`<file>.migrated` and no longer read.

Changing the secret makes every hash unmatchable: everyone needs a new invite.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import logging
import os
import secrets
from pathlib import Path
from typing import Callable

import yaml

from ..store import Staff

log = logging.getLogger(__name__)

SECRET_ENV = "PATHBOT_SESSION_SECRET"
MIN_SECRET_CHARS = 32
DEFAULT_FILE = "telegram-access.yml"

# Invite codes: 16 letters in 4 groups, e.g. "bkmt-qrzw-hdnp-fvxs" (about 68 bits). No vowels, so
# no words or names; no digits, so the privacy guard never mistakes a code for an identifier;
# letters and "-" only, so a code also fits a Telegram deep link (t.me/<bot>?start=<code>).
CODE_ALPHABET = "bcdfghjkmnpqrstvwxz"
CODE_GROUPS, CODE_GROUP_LEN = 4, 4


class SetupError(Exception):
    """The deployment is not configured well enough to run safely: say what to fix."""


def load_secret(environ=os.environ) -> bytes:
    """The per-deployment HMAC secret from PATHBOT_SESSION_SECRET; refuse to go on without one."""
    value = environ.get(SECRET_ENV, "")
    hint = 'generate one with: python3 -c "import secrets; print(secrets.token_hex(32))"'
    if not value:
        raise SetupError(f"{SECRET_ENV} is not set: it keys chats and staff ids by HMAC; {hint}")
    if len(value) < MIN_SECRET_CHARS:
        raise SetupError(f"{SECRET_ENV} is too short (at least {MIN_SECRET_CHARS} characters); {hint}")
    return value.encode()


def pseudonym(secret: bytes, kind: str, value: object) -> str:
    """HMAC-SHA256 of `kind:value` under the deployment secret, as hex: the only form an id is kept in."""
    return hmac.new(secret, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()


def new_code() -> str:
    """A fresh random invite code."""
    return "-".join("".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_GROUP_LEN))
                    for _ in range(CODE_GROUPS))


def normalise_code(text: str) -> str | None:
    """The code in canonical form, or None if `text` cannot be an invite code at all."""
    letters = "".join(c for c in text.strip().lower() if c not in "- ")
    if len(letters) != CODE_GROUPS * CODE_GROUP_LEN or any(c not in CODE_ALPHABET for c in letters):
        return None
    return "-".join(letters[i:i + CODE_GROUP_LEN] for i in range(0, len(letters), CODE_GROUP_LEN))


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def _stamp(when: dt.datetime) -> str:
    return when.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _parse_stamp(text: object) -> dt.datetime | None:
    try:
        return dt.datetime.strptime(str(text), "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.timezone.utc)
    except ValueError:
        return None



class AccessList:
    """The staff allow-list and pending invites for one channel, kept in the store by hash only."""

    def __init__(self, staff: Staff, secret: bytes, channel: str = "telegram",
                 now: Callable[[], dt.datetime] = _utcnow):
        self.store, self.secret, self.channel, self.now = staff, secret, channel, now

    # --- reading -------------------------------------------------------------------------

    def is_staff(self, user_id: int) -> bool:
        """Whether this channel user id is on the allow-list (one indexed look-up).
        Raises StoreUnavailable when the store cannot answer: the caller says so plainly."""
        return self.store.is_staff(self._user_hash(user_id))

    def __len__(self) -> int:
        return self.store.count_staff()

    def entries(self) -> list[dict]:
        """Every staff entry: a short id (the start of the hash), when added and by whose invite."""
        return [{**e, "id": e["user"][:12]} for e in self.store.staff()]

    # --- writing -------------------------------------------------------------------------

    def issue(self, admin: str, hours: float = 72) -> tuple[str, dt.datetime]:
        """A new one-time code from a named administrator; only its hash is stored. Returns (code, expiry)."""
        admin = " ".join(str(admin).split())
        if not admin or len(admin) > 120:
            raise SetupError('--admin needs the issuing administrator\'s name and role, e.g. "A. Lead, safeguarding lead"')
        if not 0 < hours <= 24 * 31:
            raise SetupError("an invite can last from a few minutes up to 31 days (--hours)")
        code, now = new_code(), self.now()
        expires = now + dt.timedelta(hours=hours)
        self.store.add_invite(self._code_hash(code), admin, _stamp(now), expires.timestamp())
        return code, expires

    def redeem(self, code: str, user_id: int) -> bool:
        """Add this user if `code` is a valid, unexpired, unused invite; the code is used up either way."""
        canonical = normalise_code(code)
        if canonical is None:
            return False
        invite = self.store.take_invite(self._code_hash(canonical))
        if invite is None or invite["expires"] <= self.now().timestamp():
            return False
        self.grant(user_id, invite.get("issued_by") or "unknown")
        return True

    def grant(self, user_id: int, invited_by: str) -> None:
        """Put a user straight on the allow-list (what a redeemed invite does)."""
        self.store.add_staff(self._user_hash(user_id), _stamp(self.now()), invited_by)

    def revoke(self, short_id: str) -> int:
        """Take off the list every entry whose hash starts with `short_id` (at least 6 characters)."""
        short_id = short_id.strip().lower()
        if len(short_id) < 6 or any(c not in "0123456789abcdef" for c in short_id):
            raise SetupError("give at least the first 6 characters of the entry's id (pathbot telegram staff)")
        matches = [e["user"] for e in self.store.staff() if e["user"].startswith(short_id)]
        if len(matches) > 1:
            raise SetupError(f"{len(matches)} entries start with {short_id}: give more of the id")
        return sum(self.store.remove_staff(u) for u in matches)

    def _user_hash(self, user_id: int) -> str:
        return pseudonym(self.secret, f"{self.channel}-user", int(user_id))

    def _code_hash(self, code: str) -> str:
        return pseudonym(self.secret, f"{self.channel}-invite", code)


# --- the access file from before the store -------------------------------------------------------

def migrate_yaml(path: str | os.PathLike, staff: Staff, log_to: Callable[[str], None] = log.warning) -> int:
    """Move a YAML access file (the format used before the store) into the store, once: its staff
    entries and unexpired invites are added, and the file is renamed `<file>.migrated`. Returns how
    many entries moved (0 if there is no file). A file that cannot be read is left where it is."""
    path = Path(path)
    if not path.is_file():
        return 0
    st = path.stat()
    if st.st_mode & 0o077:
        raise SetupError(f"{path} can be read by other users: run  chmod 600 {path}")
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise SetupError(f"{path} is not valid YAML ({type(exc).__name__}): fix it, or move it aside") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("staff") or [], list) \
            or not isinstance(raw.get("invites") or [], list):
        raise SetupError(f"{path} should hold `staff:` and `invites:` lists")
    moved, now = 0, _utcnow().timestamp()
    for entry in raw.get("staff") or []:
        if isinstance(entry, dict) and _is_hash(entry.get("user")):
            staff.add_staff(str(entry["user"]), str(entry.get("added") or _stamp(_utcnow())),
                            str(entry.get("invited_by") or "unknown"))
            moved += 1
    for invite in raw.get("invites") or []:
        expires = _parse_stamp(invite.get("expires")) if isinstance(invite, dict) else None
        if expires is not None and expires.timestamp() > now and _is_hash(invite.get("code")):
            staff.add_invite(str(invite["code"]), str(invite.get("issued_by") or "unknown"),
                             str(invite.get("issued") or ""), expires.timestamp())
            moved += 1
    done = path.with_name(path.name + ".migrated")
    os.replace(path, done)
    Path(f"{path}.lock").unlink(missing_ok=True)
    log_to(f"moved {moved} staff and invite entries from {path} into the store; "
           f"the file is now {done.name} and is no longer read")
    return moved


def _is_hash(value: object) -> bool:
    return isinstance(value, str) and len(value) == 64 and all(c in "0123456789abcdef" for c in value)
