"""The embedded store: one SQLite file (standard library, WAL mode), mode 0600.

WAL with synchronous=NORMAL: a save is on disk once the process has handed it to the operating
system, so killing the bot (even with SIGKILL) loses nothing it saved; only a power cut may lose
the last moments. Several processes may share the file (readers never wait for the writer);
a write that finds the file locked for more than `busy_seconds` fails as StoreUnavailable
rather than holding up every other chat.

Tables: sessions (key, state JSON, expires), session_locks (key, token, until), staff (user hash,
added, invited_by), invites (code hash, issued_by, issued, expires), meta (name, value), seen
(activity key, expires). Every
look-up is by primary key or by the expires index.
"""
from __future__ import annotations

import json
import os
import sqlite3
import stat
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from . import SessionLocks, Store, StoreUnavailable, new_token

SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (key TEXT PRIMARY KEY, state TEXT NOT NULL, expires REAL NOT NULL) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS sessions_expires ON sessions (expires);
CREATE TABLE IF NOT EXISTS session_locks (key TEXT PRIMARY KEY, token TEXT NOT NULL, until REAL NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS staff (user TEXT PRIMARY KEY, added TEXT NOT NULL, invited_by TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS invites (code TEXT PRIMARY KEY, issued_by TEXT NOT NULL, issued TEXT NOT NULL,
                                    expires REAL NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS seen (key TEXT PRIMARY KEY, expires REAL NOT NULL) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS seen_expires ON seen (expires);
"""


class SQLiteDB:
    """One connection, shared by threads under a lock; every error comes out as StoreUnavailable."""

    def __init__(self, path: str, busy_seconds: float = 2.0):
        self.path = path
        self._mutex = threading.RLock()
        if path != ":memory:":
            _prepare_file(Path(path))
        try:
            self.conn = sqlite3.connect(path, timeout=busy_seconds, isolation_level=None,
                                        check_same_thread=False)
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            problem = self.conn.execute("PRAGMA quick_check").fetchone()[0]
            if problem != "ok":
                raise sqlite3.DatabaseError(problem)
            self.conn.executescript(SCHEMA)
        except sqlite3.DatabaseError as exc:
            raise StoreUnavailable(_damaged(path, exc)) from None

    @contextmanager
    def cursor(self, write: bool = False) -> Iterator[sqlite3.Cursor]:
        """A cursor under the lock; `write` wraps the block in one transaction (BEGIN IMMEDIATE)."""
        with self._mutex:
            cur = self.conn.cursor()
            try:
                if write:
                    cur.execute("BEGIN IMMEDIATE")
                yield cur
                if write:
                    cur.execute("COMMIT")
            except sqlite3.Error as exc:
                if self.conn.in_transaction:
                    try:
                        self.conn.execute("ROLLBACK")
                    except sqlite3.Error:
                        pass
                raise StoreUnavailable(_failure(self.path, exc)) from None
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
            finally:
                cur.close()

    def close(self) -> None:
        with self._mutex:
            self.conn.close()


def _prepare_file(path: Path) -> None:
    """Create the file 0600 if new; refuse one others can read (it holds staff hashes and cases)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        os.close(fd)
        mode = path.stat().st_mode
    except OSError as exc:
        raise StoreUnavailable(f"cannot open the store {path}: {exc.strerror}") from None
    if mode & 0o077:
        raise StoreUnavailable(f"{path} can be read by other users: run  chmod 600 {path}")
    if not stat.S_ISREG(mode):
        raise StoreUnavailable(f"{path} is not a file")


def _damaged(path: str, exc: Exception) -> str:
    if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
        return f"the store {path} is locked by another program: stop it, or point PATHBOT_STORE elsewhere"
    return (f"the store {path} is damaged ({type(exc).__name__}): move it aside and start again "
            f"(every saved conversation and the staff list are in it), or restore a backup")


def _failure(path: str, exc: Exception) -> str:
    text = str(exc)
    if "locked" in text or "busy" in text:
        return f"the store {path} is locked"
    if isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.OperationalError):
        return f"the store {path} is damaged ({type(exc).__name__})"
    return f"the store {path} failed ({type(exc).__name__})"


class SQLiteSessions(SessionLocks):
    def __init__(self, db: SQLiteDB, idle_seconds: float, clock=time.time):
        self.db, self.idle_seconds, self.clock = db, idle_seconds, clock

    def load(self, key: str) -> dict | None:
        with self.db.cursor() as cur:
            row = cur.execute("SELECT state, expires FROM sessions WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        if row[1] <= self.clock():
            self.delete(key)
            return None
        try:
            return json.loads(row[0])
        except ValueError:
            raise StoreUnavailable(f"the store {self.db.path} is damaged (a session is not JSON)") from None

    def save(self, key: str, state: dict) -> None:
        body = json.dumps(state, separators=(",", ":"))
        with self.db.cursor() as cur:
            cur.execute("INSERT INTO sessions (key, state, expires) VALUES (?, ?, ?) ON CONFLICT (key) "
                        "DO UPDATE SET state = excluded.state, expires = excluded.expires",
                        (key, body, self.clock() + self.idle_seconds))

    def delete(self, key: str) -> None:
        with self.db.cursor() as cur:
            cur.execute("DELETE FROM sessions WHERE key = ?", (key,))

    def try_lock(self, key: str) -> str | None:
        token, now = new_token(), self.clock()
        with self.db.cursor() as cur:
            cur.execute("INSERT INTO session_locks (key, token, until) VALUES (?, ?, ?) ON CONFLICT (key) "
                        "DO UPDATE SET token = excluded.token, until = excluded.until WHERE session_locks.until <= ?",
                        (key, token, now + self.lease_seconds, now))
            return token if cur.rowcount == 1 else None

    def unlock(self, key: str, token: str) -> None:
        with self.db.cursor() as cur:
            cur.execute("DELETE FROM session_locks WHERE key = ? AND token = ?", (key, token))

    def renew(self, key: str, token: str) -> bool:
        with self.db.cursor() as cur:
            cur.execute("UPDATE session_locks SET until = ? WHERE key = ? AND token = ?",
                        (self.clock() + self.lease_seconds, key, token))
            return cur.rowcount == 1

    def sweep(self) -> int:
        """Wipe every idle session (and any lease left by a killed process); returns how many sessions."""
        now = self.clock()
        with self.db.cursor() as cur:
            wiped = cur.execute("DELETE FROM sessions WHERE expires <= ?", (now,)).rowcount
            cur.execute("DELETE FROM session_locks WHERE until <= ?", (now,))
            cur.execute("DELETE FROM seen WHERE expires <= ?", (now,))
        return wiped

    def seen(self, key: str) -> bool:
        with self.db.cursor() as cur:
            return cur.execute("SELECT 1 FROM seen WHERE key = ? AND expires > ?",
                               (key, self.clock())).fetchone() is not None

    def mark_seen(self, key: str, keep_seconds: float) -> None:
        with self.db.cursor() as cur:
            cur.execute("INSERT OR REPLACE INTO seen (key, expires) VALUES (?, ?)", (key, self.clock() + keep_seconds))

    def __len__(self) -> int:
        with self.db.cursor() as cur:
            return cur.execute("SELECT count(*) FROM sessions WHERE expires > ?", (self.clock(),)).fetchone()[0]


class SQLiteStaff:
    def __init__(self, db: SQLiteDB, clock=time.time):
        self.db, self.clock = db, clock

    def is_staff(self, user: str) -> bool:
        with self.db.cursor() as cur:
            return cur.execute("SELECT 1 FROM staff WHERE user = ?", (user,)).fetchone() is not None

    def add_staff(self, user: str, added: str, invited_by: str) -> None:
        with self.db.cursor() as cur:
            cur.execute("INSERT OR IGNORE INTO staff (user, added, invited_by) VALUES (?, ?, ?)",
                        (user, added, invited_by))

    def remove_staff(self, user: str) -> bool:
        with self.db.cursor() as cur:
            return cur.execute("DELETE FROM staff WHERE user = ?", (user,)).rowcount == 1

    def staff(self) -> list[dict]:
        with self.db.cursor() as cur:
            rows = cur.execute("SELECT user, added, invited_by FROM staff ORDER BY added, user").fetchall()
        return [{"user": u, "added": a, "invited_by": i} for u, a, i in rows]

    def count_staff(self) -> int:
        with self.db.cursor() as cur:
            return cur.execute("SELECT count(*) FROM staff").fetchone()[0]

    def add_invite(self, code: str, issued_by: str, issued: str, expires: float) -> None:
        with self.db.cursor(write=True) as cur:
            cur.execute("DELETE FROM invites WHERE expires <= ?", (self.clock(),))
            cur.execute("INSERT OR REPLACE INTO invites (code, issued_by, issued, expires) VALUES (?, ?, ?, ?)",
                        (code, issued_by, issued, expires))

    def take_invite(self, code: str) -> dict | None:
        """The invite with this hash, removed in the same transaction (so it works once); None if none."""
        with self.db.cursor(write=True) as cur:
            row = cur.execute("SELECT issued_by, issued, expires FROM invites WHERE code = ?", (code,)).fetchone()
            if row is not None:
                cur.execute("DELETE FROM invites WHERE code = ?", (code,))
        return None if row is None else {"issued_by": row[0], "issued": row[1], "expires": row[2]}

    def count_invites(self) -> int:
        with self.db.cursor() as cur:
            return cur.execute("SELECT count(*) FROM invites WHERE expires > ?", (self.clock(),)).fetchone()[0]

    def get_meta(self, name: str) -> str | None:
        with self.db.cursor() as cur:
            row = cur.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
        return row[0] if row else None

    def set_meta(self, name: str, value: str) -> None:
        with self.db.cursor() as cur:
            cur.execute("INSERT OR REPLACE INTO meta (name, value) VALUES (?, ?)", (name, value))


def open_sqlite(path: str, idle_seconds: float = 1800, *, clock=time.time, busy_seconds: float = 2.0) -> Store:
    """The SQLite store in `path` (created 0600 if new; ":memory:" for a throw-away one)."""
    db = SQLiteDB(path, busy_seconds)
    return Store(SQLiteSessions(db, idle_seconds, clock), SQLiteStaff(db, clock), path, db.close)
