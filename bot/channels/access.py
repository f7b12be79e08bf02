"""Who may use the assistant: a staff allow-list and one-time invite codes, kept only as HMAC hashes.

    pathbot telegram invite --admin "A. Lead, practice safeguarding lead"   # prints a code, once

The access file (YAML, mode 0600, `telegram-access.yml` in the working directory by default)
holds HMAC-SHA256 hashes made with the deployment secret `PATHBOT_SESSION_SECRET`: never a
Telegram id, never an invite code. Each staff entry records when it was added and which
administrator's invite it came from, so an administrator can revoke access by deleting that
entry. Each invite records its hash, who issued it and when it expires; redeeming it removes it.

Changing the secret makes every hash in the file unmatchable: everyone needs a new invite.

Writers (the bot redeeming a code, `pathbot telegram invite`) hold an exclusive lock on
`<file>.lock` and replace the file atomically; the bot re-reads the file when it changes, so
invites issued while it runs work at once.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import logging
import os
import secrets
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

import yaml

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no cross-process lock, single writer assumed
    fcntl = None

log = logging.getLogger(__name__)

SECRET_ENV = "PATHBOT_SESSION_SECRET"
MIN_SECRET_CHARS = 32
DEFAULT_FILE = "telegram-access.yml"

# Invite codes: 16 letters in 4 groups, e.g. "bkmt-qrzw-hdnp-fvxs" (about 68 bits). No vowels, so
# no words or names; no digits, so the privacy guard never mistakes a code for an identifier;
# letters and "-" only, so a code also fits a Telegram deep link (t.me/<bot>?start=<code>).
CODE_ALPHABET = "bcdfghjkmnpqrstvwxz"
CODE_GROUPS, CODE_GROUP_LEN = 4, 4

_HEADER = """\
# pathbot staff access list. Written by `pathbot telegram invite` and by the bot.
# It holds only HMAC-SHA256 hashes made with PATHBOT_SESSION_SECRET: no Telegram ids, no codes.
# To revoke someone's access, delete their entry under `staff:`. Keep this file mode 0600.
"""


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
    """The staff allow-list and pending invites for one channel, backed by the access file."""

    def __init__(self, path: str | os.PathLike, secret: bytes, channel: str = "telegram",
                 now: Callable[[], dt.datetime] = _utcnow):
        self.path, self.secret, self.channel, self.now = Path(path), secret, channel, now
        self._seen: tuple[int, int, int] | None = None
        self._staff: frozenset[str] = frozenset()
        self.refresh()

    # --- reading -------------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read the file if it changed since the last read (cheap: one stat when it has not)."""
        try:
            st = self.path.stat()
        except FileNotFoundError:
            self._seen, self._staff = None, frozenset()
            return
        seen = (st.st_ino, st.st_mtime_ns, st.st_size)
        if self._seen == seen:
            return
        self._seen = seen                   # a broken version is reported once, not on every update
        data = self._read()
        self._staff = frozenset(str(e.get("user")) for e in data["staff"] if isinstance(e, dict))

    def is_staff(self, user_id: int) -> bool:
        """Whether this channel user id is on the allow-list. If the file has become unreadable or
        broken while running, the last good list stays in force and the problem is logged."""
        try:
            self.refresh()
        except SetupError as exc:
            log.warning("access file not re-read, keeping the last good list: %s", exc)
        return self._user_hash(user_id) in self._staff

    def __len__(self) -> int:
        self.refresh()
        return len(self._staff)

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
        with self._locked() as data:
            data["invites"].append({"code": self._code_hash(code), "issued_by": admin,
                                    "issued": _stamp(now), "expires": _stamp(expires)})
        return code, expires

    def redeem(self, code: str, user_id: int) -> bool:
        """Add this user if `code` is a valid, unexpired, unused invite; the code is used up either way."""
        canonical = normalise_code(code)
        if canonical is None:
            return False
        wanted = self._code_hash(canonical)
        with self._locked() as data:
            invite = next((i for i in data["invites"] if hmac.compare_digest(str(i.get("code")), wanted)), None)
            if invite is None:
                return False
            data["invites"].remove(invite)
            expires = _parse_stamp(invite.get("expires"))
            if expires is None or expires <= self.now():
                return False
            user = self._user_hash(user_id)
            if all(e.get("user") != user for e in data["staff"]):
                data["staff"].append({"user": user, "added": _stamp(self.now()),
                                      "invited_by": invite.get("issued_by", "unknown")})
        return True

    # --- the file --------------------------------------------------------------------------

    def _user_hash(self, user_id: int) -> str:
        return pseudonym(self.secret, f"{self.channel}-user", int(user_id))

    def _code_hash(self, code: str) -> str:
        return pseudonym(self.secret, f"{self.channel}-invite", code)

    def _read(self) -> dict:
        try:
            st = self.path.stat()
        except FileNotFoundError:
            return {"staff": [], "invites": []}
        if st.st_mode & 0o077:
            raise SetupError(f"{self.path} can be read by other users: run  chmod 600 {self.path}")
        try:
            raw = yaml.safe_load(self.path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise SetupError(f"{self.path} is not valid YAML ({type(exc).__name__})") from None
        if not isinstance(raw, dict):
            raise SetupError(f"{self.path} should hold `staff:` and `invites:` lists")
        staff, invites = raw.get("staff") or [], raw.get("invites") or []
        if not isinstance(staff, list) or not isinstance(invites, list):
            raise SetupError(f"{self.path}: `staff:` and `invites:` should be lists")
        return {"staff": staff, "invites": invites}

    @contextmanager
    def _locked(self) -> Iterator[dict]:
        """Read-modify-write under an exclusive lock; expired invites are dropped on the way."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(f"{self.path}.lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            if fcntl:
                fcntl.flock(fd, fcntl.LOCK_EX)
            data = self._read()
            yield data
            now = self.now()
            data["invites"] = [i for i in data["invites"]
                               if isinstance(i, dict) and (_parse_stamp(i.get("expires")) or now) > now]
            self._write(data)
        finally:
            os.close(fd)   # closing releases the lock
        self.refresh()

    def _write(self, data: dict) -> None:
        body = _HEADER + yaml.safe_dump({"staff": data["staff"], "invites": data["invites"]},
                                        sort_keys=False, allow_unicode=True, default_flow_style=False)
        fd, tmp = tempfile.mkstemp(prefix=".access-", dir=self.path.parent)   # created 0600
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(body)
                f.flush()
                os.fsync(f.fileno())
            os.chmod(tmp, 0o600)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
