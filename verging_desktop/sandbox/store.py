"""Persistent state of the sandbox: one SQLite file (``sandbox.db``) next to a ``files/`` folder.

Everything that a restarted sandbox must remember lives here: accounts and balances, API keys
(revoked ones too), presigned uploads, jobs, AI usage records and a credit ledger; and for the
Vimmerse wire format its keys (each with its own balance) and assets (``sandbox/vimmerse_store.py``).
A table added later is created by ``CREATE TABLE IF NOT EXISTS`` on the next start, so an older
``sandbox.db`` gains it without losing anything. Times are
stored as epoch seconds (floats). One connection is shared by all threads behind a lock; every
operation is short.
"""

from __future__ import annotations

import contextlib
import secrets
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS accounts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    credits REAL NOT NULL,
    created_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS api_keys (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id INTEGER NOT NULL REFERENCES accounts(id),
    key TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    created_at REAL NOT NULL,
    last_used_at REAL,
    is_active INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE IF NOT EXISTS uploads (
    token TEXT PRIMARY KEY,
    account_id INTEGER NOT NULL,
    file_name TEXT NOT NULL,
    job_type TEXT NOT NULL,
    rel_path TEXT NOT NULL,
    size INTEGER,
    created_at REAL NOT NULL,
    expires_at REAL NOT NULL,
    completed_at REAL
);
CREATE TABLE IF NOT EXISTS jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id INTEGER NOT NULL,
    kind TEXT NOT NULL,
    file_name TEXT NOT NULL,
    input_rel TEXT NOT NULL,
    face_rel TEXT,
    image_token TEXT,
    video_duration REAL,
    is_hd INTEGER NOT NULL DEFAULT 0,
    credits REAL NOT NULL,
    created_at REAL NOT NULL,
    started_at REAL NOT NULL,
    run_seconds REAL NOT NULL,
    planned_fail INTEGER NOT NULL DEFAULT 0,
    failed_at REAL,
    error TEXT,
    refunded INTEGER NOT NULL DEFAULT 0,
    result_rel TEXT,
    result_ready_at REAL,
    attempts INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX IF NOT EXISTS jobs_account ON jobs(account_id, kind);
CREATE INDEX IF NOT EXISTS jobs_unsettled ON jobs(refunded, failed_at);
CREATE TABLE IF NOT EXISTS usage (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id INTEGER NOT NULL,
    service_type TEXT NOT NULL,
    credits_consumed REAL NOT NULL,
    input_tokens INTEGER NOT NULL DEFAULT 0,
    output_tokens INTEGER NOT NULL DEFAULT 0,
    latency_ms INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL,
    created_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS usage_account ON usage(account_id, service_type);
CREATE TABLE IF NOT EXISTS ledger (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id INTEGER NOT NULL,
    amount REAL NOT NULL,
    kind TEXT NOT NULL,
    ref TEXT NOT NULL,
    created_at REAL NOT NULL
);
-- the Vimmerse wire format (sandbox/vimmerse.py): keys with their own balance, and assets
CREATE TABLE IF NOT EXISTS vimmerse_keys (
    key TEXT PRIMARY KEY,
    credits REAL NOT NULL,
    created_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS vimmerse_assets (
    id TEXT PRIMARY KEY,
    key TEXT NOT NULL,
    app_name TEXT NOT NULL,
    args TEXT NOT NULL,
    inputs TEXT NOT NULL DEFAULT '{}',
    quantity INTEGER NOT NULL DEFAULT 1,
    mime_type TEXT,
    credits REAL NOT NULL DEFAULT 0,
    created_at REAL NOT NULL,
    run_seconds REAL NOT NULL,
    planned_fail INTEGER NOT NULL DEFAULT 0,
    failed_at REAL,
    error TEXT,
    refunded INTEGER NOT NULL DEFAULT 0,
    results TEXT NOT NULL DEFAULT '[]',
    result_ready_at REAL
);
CREATE INDEX IF NOT EXISTS vimmerse_assets_key ON vimmerse_assets(key);
CREATE INDEX IF NOT EXISTS vimmerse_assets_unsettled ON vimmerse_assets(refunded, failed_at);
"""

#: job ids start here so they look like the real ones (and never collide with small test numbers)
FIRST_JOB_ID = 1001


@dataclass(frozen=True)
class Account:
    id: int
    email: str
    name: str
    credits: float


@dataclass(frozen=True)
class KeyInfo:
    """An authenticated key and its account."""

    id: int
    key: str
    account: Account


class Store:
    """Thread-safe access to ``sandbox.db``."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.files_dir = data_dir / "files"
        self.files_dir.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._db = sqlite3.connect(str(data_dir / "sandbox.db"), check_same_thread=False, isolation_level=None)
        self._db.row_factory = sqlite3.Row
        with self._lock:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(SCHEMA)
            row = self._db.execute("SELECT seq FROM sqlite_sequence WHERE name = 'jobs'").fetchone()
            if row is None:
                self._db.execute("INSERT INTO sqlite_sequence(name, seq) VALUES ('jobs', ?)", (FIRST_JOB_ID - 1,))
        self.secret = self._meta_value("signing_secret", lambda: secrets.token_hex(32))
        #: who this sandbox is, across restarts on other ports: jobs belong to it, not to its URL
        self.instance_id = self._meta_value("instance_id", lambda: secrets.token_hex(8))

    # -- plumbing ------------------------------------------------------------------------
    @contextmanager
    def tx(self) -> Iterator[sqlite3.Connection]:
        """A write transaction (BEGIN IMMEDIATE .. COMMIT) under the store lock."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            else:
                self._db.execute("COMMIT")

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._db.execute(sql, params).fetchall()

    def query_one(self, sql: str, params: tuple[Any, ...] = ()) -> sqlite3.Row | None:
        with self._lock:
            row: sqlite3.Row | None = self._db.execute(sql, params).fetchone()
            return row

    def execute(self, sql: str, params: tuple[Any, ...] = ()) -> int:
        """Run one write statement; returns lastrowid."""
        with self._lock:
            cur = self._db.execute(sql, params)
            return int(cur.lastrowid or 0)

    def close(self) -> None:
        with self._lock, contextlib.suppress(sqlite3.Error):  # pragma: no cover
            self._db.close()

    def _meta_value(self, key: str, default: Any) -> str:
        with self.tx() as db:
            row = db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
            if row is not None:
                return str(row["value"])
            value = str(default())
            db.execute("INSERT INTO meta(key, value) VALUES (?, ?)", (key, value))
            return value

    # -- accounts and keys ---------------------------------------------------------------
    def ensure_key(
        self,
        key: str,
        *,
        email: str | None = None,
        name: str | None = None,
        credits: float | None = None,
        default_credits: float = 1000.0,
        overwrite_credits: bool = False,
    ) -> int:
        """Make ``key`` exist and be active on the account of ``email``; returns the account id.

        A key seen before keeps its account. Keys given the same e-mail share one account
        (one balance). ``credits`` sets the balance of a new account; an existing account's
        balance changes only when ``overwrite_credits`` is true.
        """
        now = time.time()
        with self.tx() as db:
            krow = db.execute("SELECT account_id FROM api_keys WHERE key = ?", (key,)).fetchone()
            if krow is not None:
                account_id = int(krow["account_id"])
                if overwrite_credits and credits is not None:
                    db.execute("UPDATE accounts SET credits = ? WHERE id = ?", (float(credits), account_id))
                return account_id
            suffix = secrets.token_hex(3)
            email = email or f"sandbox-{suffix}@verging.local"
            arow = db.execute("SELECT id FROM accounts WHERE email = ?", (email,)).fetchone()
            if arow is None:
                account_id = int(
                    db.execute(
                        "INSERT INTO accounts(email, name, credits, created_at) VALUES (?, ?, ?, ?)",
                        (email, name or "Sandbox User", float(default_credits if credits is None else credits), now),
                    ).lastrowid
                    or 0
                )
            else:
                account_id = int(arow["id"])
                if credits is not None and overwrite_credits:
                    db.execute("UPDATE accounts SET credits = ? WHERE id = ?", (float(credits), account_id))
            count = db.execute("SELECT COUNT(*) AS n FROM api_keys WHERE account_id = ?", (account_id,)).fetchone()["n"]
            db.execute(
                "INSERT INTO api_keys(account_id, key, name, created_at, is_active) VALUES (?, ?, ?, ?, 1)",
                (account_id, key, "Sandbox key" if count == 0 else f"Sandbox key {count + 1}", now),
            )
            return account_id

    def authenticate(self, key: str, touch: bool = True) -> KeyInfo | None:
        """The active key ``key`` with its account, or None. Updates ``last_used_at``."""
        with self._lock:
            row = self._db.execute(
                "SELECT k.id AS kid, k.is_active, a.id, a.email, a.name, a.credits FROM api_keys k "
                "JOIN accounts a ON a.id = k.account_id WHERE k.key = ?",
                (key,),
            ).fetchone()
            if row is None or not row["is_active"]:
                return None
            if touch:
                self._db.execute("UPDATE api_keys SET last_used_at = ? WHERE id = ?", (time.time(), row["kid"]))
            return KeyInfo(int(row["kid"]), key, Account(int(row["id"]), row["email"], row["name"], float(row["credits"])))

    def account_for_key(self, key: str) -> Account | None:
        row = self.query_one(
            "SELECT a.id, a.email, a.name, a.credits FROM api_keys k JOIN accounts a ON a.id = k.account_id WHERE k.key = ?",
            (key,),
        )
        return None if row is None else Account(int(row["id"]), row["email"], row["name"], float(row["credits"]))

    def account(self, account_id: int) -> Account:
        row = self.query_one("SELECT id, email, name, credits FROM accounts WHERE id = ?", (account_id,))
        if row is None:  # pragma: no cover - accounts are never deleted
            raise KeyError(account_id)
        return Account(int(row["id"]), row["email"], row["name"], float(row["credits"]))

    def set_credits(self, account_id: int, credits: float) -> None:
        with self.tx() as db:
            old = float(db.execute("SELECT credits FROM accounts WHERE id = ?", (account_id,)).fetchone()["credits"])
            db.execute("UPDATE accounts SET credits = ? WHERE id = ?", (float(credits), account_id))
            db.execute(
                "INSERT INTO ledger(account_id, amount, kind, ref, created_at) VALUES (?, ?, 'adjust', 'set_credits', ?)",
                (account_id, float(credits) - old, time.time()),
            )

    def list_keys(self, account_id: int) -> list[sqlite3.Row]:
        return self.query("SELECT * FROM api_keys WHERE account_id = ? ORDER BY id", (account_id,))

    def revoke_key(self, account_id: int, key_id: int) -> bool:
        with self.tx() as db:
            row = db.execute("SELECT id FROM api_keys WHERE id = ? AND account_id = ?", (key_id, account_id)).fetchone()
            if row is None:
                return False
            db.execute("UPDATE api_keys SET is_active = 0 WHERE id = ?", (key_id,))
            return True

    # -- credits -------------------------------------------------------------------------
    def charge(self, db: sqlite3.Connection, account_id: int, amount: float, kind: str, ref: str) -> tuple[bool, float]:
        """Inside a transaction: take ``amount`` if the balance covers it.

        Returns (ok, balance before).
        """
        bal = float(db.execute("SELECT credits FROM accounts WHERE id = ?", (account_id,)).fetchone()["credits"])
        if amount > bal + 1e-9:
            return False, bal
        db.execute("UPDATE accounts SET credits = credits - ? WHERE id = ?", (amount, account_id))
        db.execute(
            "INSERT INTO ledger(account_id, amount, kind, ref, created_at) VALUES (?, ?, ?, ?, ?)",
            (account_id, -amount, kind, ref, time.time()),
        )
        return True, bal

    def debit_after(self, account_id: int, amount: float, kind: str, ref: str) -> float:
        """Post-billing (chat, vision): take ``amount`` but never below zero. Returns what was taken."""
        with self.tx() as db:
            bal = float(db.execute("SELECT credits FROM accounts WHERE id = ?", (account_id,)).fetchone()["credits"])
            taken = max(0.0, min(amount, bal))
            db.execute("UPDATE accounts SET credits = credits - ? WHERE id = ?", (taken, account_id))
            db.execute(
                "INSERT INTO ledger(account_id, amount, kind, ref, created_at) VALUES (?, ?, ?, ?, ?)",
                (account_id, -taken, kind, ref, time.time()),
            )
            return taken

    def add_usage(
        self,
        account_id: int,
        service_type: str,
        credits: float,
        input_tokens: int,
        output_tokens: int,
        latency_ms: int,
        status: str = "success",
    ) -> int:
        return self.execute(
            "INSERT INTO usage(account_id, service_type, credits_consumed, input_tokens, output_tokens, latency_ms, "
            "status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (account_id, service_type, float(credits), int(input_tokens), int(output_tokens), int(latency_ms), status, time.time()),
        )

    def usage_page(self, account_id: int, service_type: str | None, page: int, page_size: int) -> tuple[list[sqlite3.Row], int]:
        where = "account_id = ?"
        params: tuple[Any, ...] = (account_id,)
        if service_type:
            where += " AND service_type = ?"
            params += (service_type,)
        with self._lock:
            total = int(self._db.execute(f"SELECT COUNT(*) AS n FROM usage WHERE {where}", params).fetchone()["n"])
            rows = self._db.execute(
                f"SELECT * FROM usage WHERE {where} ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?",
                params + (page_size, (page - 1) * page_size),
            ).fetchall()
        return rows, total

    # -- uploads -------------------------------------------------------------------------
    def new_upload(self, account_id: int, file_name: str, job_type: str, rel_path: str, token: str, ttl: float) -> None:
        now = time.time()
        self.execute(
            "INSERT INTO uploads(token, account_id, file_name, job_type, rel_path, created_at, expires_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (token, account_id, file_name, job_type, rel_path, now, now + ttl),
        )

    def upload(self, token: str) -> sqlite3.Row | None:
        return self.query_one("SELECT * FROM uploads WHERE token = ?", (token,))

    def complete_upload(self, token: str, size: int) -> None:
        self.execute("UPDATE uploads SET size = ?, completed_at = ? WHERE token = ?", (size, time.time(), token))

    # -- jobs ----------------------------------------------------------------------------
    def job(self, job_id: int) -> sqlite3.Row | None:
        return self.query_one("SELECT * FROM jobs WHERE id = ?", (job_id,))

    def jobs(self, account_id: int, kind: str | None, ids: list[int] | None) -> list[sqlite3.Row]:
        sql = "SELECT * FROM jobs WHERE account_id = ?"
        params: tuple[Any, ...] = (account_id,)
        if kind is not None:
            sql += " AND kind = ?"
            params += (kind,)
        if ids is not None:
            if not ids:
                return []
            sql += f" AND id IN ({','.join('?' * len(ids))})"
            params += tuple(ids)
        return self.query(sql + " ORDER BY id DESC", params)

    def unfinished_jobs(self) -> list[sqlite3.Row]:
        """Jobs whose result still has to be made (after a restart)."""
        return self.query(
            "SELECT * FROM jobs WHERE result_ready_at IS NULL AND failed_at IS NULL AND planned_fail = 0 ORDER BY id"
        )

    def mark_result(self, job_id: int, rel: str) -> None:
        self.execute("UPDATE jobs SET result_rel = ?, result_ready_at = ? WHERE id = ?", (rel, time.time(), job_id))

    def mark_failed(self, job_id: int, error: str, at: float | None = None) -> None:
        self.execute(
            "UPDATE jobs SET failed_at = ?, error = ? WHERE id = ? AND failed_at IS NULL",
            (time.time() if at is None else at, error, job_id),
        )

    def settle_failed(self, now: float) -> float:
        """Refund every job that has failed by ``now`` and is not refunded yet; returns the sum."""
        total = 0.0
        pending = self.query_one(
            "SELECT 1 FROM jobs WHERE refunded = 0 AND failed_at IS NOT NULL AND failed_at <= ? LIMIT 1", (now,)
        )
        if pending is None:  # the common case: no write transaction
            return total
        with self.tx() as db:
            rows = db.execute(
                "SELECT id, account_id, credits, attempts FROM jobs WHERE refunded = 0 AND failed_at IS NOT NULL AND failed_at <= ?",
                (now,),
            ).fetchall()
            for r in rows:
                db.execute("UPDATE accounts SET credits = credits + ? WHERE id = ?", (r["credits"], r["account_id"]))
                db.execute(
                    "INSERT INTO ledger(account_id, amount, kind, ref, created_at) VALUES (?, ?, 'refund', ?, ?)",
                    (r["account_id"], r["credits"], f"job:{r['id']}:attempt:{r['attempts']}", now),
                )
                db.execute("UPDATE jobs SET refunded = 1 WHERE id = ?", (r["id"],))
                total += float(r["credits"])
        return total
