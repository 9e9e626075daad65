"""The varg side of the sandbox's database: keys (balance in cents, plan), jobs, files, the cache.

The tables live in the sandbox's one ``sandbox.db`` (created here with ``CREATE TABLE IF NOT
EXISTS``, so an older database gains them), read and written through the
:class:`~verging_desktop.sandbox.store.Store`'s lock and transactions, as
``sandbox/vimmerse_store.py`` does. A job's status is computed from the clock and its row
(:func:`job_status`), so a restarted sandbox on the same data directory keeps its jobs, and a job
that was running finishes after the restart (its result is made again: see ``varg.resume_unfinished``).

Usage records are the jobs themselves (one record per job, its ``cost_cents`` what it finally
cost: 0 for a cache hit, a BYOK request, or a job refunded because it was cancelled or failed).
"""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass
from typing import Any

from .store import Store

QUEUED, PROCESSING, COMPLETED, FAILED, CANCELLED = "queued", "processing", "completed", "failed", "cancelled"
FINAL = frozenset({COMPLETED, FAILED, CANCELLED})
#: a job is ``queued`` for this share of its run time, then ``processing``
QUEUED_SHARE = 0.25
#: how long a cache entry lives (X-Cache-TTL)
CACHE_TTL = 30 * 24 * 3600

SCHEMA = (
    """CREATE TABLE IF NOT EXISTS varg_keys (
        key TEXT PRIMARY KEY,
        cents REAL NOT NULL,
        plan TEXT NOT NULL DEFAULT 'free',
        user_id TEXT NOT NULL,
        email TEXT NOT NULL,
        created_at REAL NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS varg_jobs (
        id TEXT PRIMARY KEY,
        key TEXT NOT NULL,
        capability TEXT NOT NULL,
        model TEXT NOT NULL,
        params TEXT NOT NULL,
        inputs TEXT NOT NULL DEFAULT '[]',
        cost_cents REAL NOT NULL DEFAULT 0,
        refunded INTEGER NOT NULL DEFAULT 0,
        byok TEXT NOT NULL DEFAULT '',
        cache_key TEXT NOT NULL,
        cache_store INTEGER NOT NULL DEFAULT 1,
        cache_hit INTEGER NOT NULL DEFAULT 0,
        created_at REAL NOT NULL,
        run_seconds REAL NOT NULL,
        planned_error TEXT,
        failed_at REAL,
        error TEXT,
        cancelled_at REAL,
        result_rel TEXT,
        media_type TEXT,
        output_text TEXT,
        result_ready_at REAL
    )""",
    "CREATE INDEX IF NOT EXISTS varg_jobs_key ON varg_jobs(key, created_at)",
    """CREATE TABLE IF NOT EXISTS varg_files (
        rel TEXT PRIMARY KEY,
        file_id TEXT NOT NULL,
        key TEXT,
        hash TEXT NOT NULL,
        size INTEGER NOT NULL,
        media_type TEXT NOT NULL,
        origin TEXT NOT NULL,
        created_at REAL NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS varg_files_hash ON varg_files(key, hash)",
    """CREATE TABLE IF NOT EXISTS varg_cache (
        cache_key TEXT PRIMARY KEY,
        job_id TEXT NOT NULL,
        result_rel TEXT NOT NULL,
        media_type TEXT NOT NULL,
        output_text TEXT,
        created_at REAL NOT NULL,
        expires_at REAL NOT NULL
    )""",
)


def job_status(row: sqlite3.Row, now: float) -> tuple[str, float | None]:
    """(status, the time it reached a final status or None) of a job at ``now``.

    ``queued`` for the first :data:`QUEUED_SHARE` of its run time, then ``processing`` until the
    run time has passed and its result exists (``completed``); ``cancelled``/``failed`` from the
    moment that happened.
    """
    if row["cancelled_at"] is not None:
        return CANCELLED, float(row["cancelled_at"])
    failed = row["failed_at"]
    if failed is not None and float(failed) <= now:
        return FAILED, float(failed)
    start, total = float(row["created_at"]), float(row["run_seconds"])
    ready = row["result_ready_at"]
    if ready is not None and now >= start + total:
        return COMPLETED, max(start + total, float(ready))
    if now < start + QUEUED_SHARE * total:
        return QUEUED, None
    return PROCESSING, None


def next_change(row: sqlite3.Row, now: float) -> float | None:
    """When the clock alone changes the job's status next (None: only an event can: the result
    being made, a cancel)."""
    status, _ = job_status(row, now)
    if status in FINAL:
        return None
    start, total = float(row["created_at"]), float(row["run_seconds"])
    times = [start + QUEUED_SHARE * total] if status == QUEUED else []
    if row["result_ready_at"] is not None:
        times.append(start + total)
    if row["failed_at"] is not None:
        times.append(float(row["failed_at"]))
    future = [t for t in times if t > now]
    return min(future) if future else None


@dataclass(frozen=True)
class NewJob:
    """What :meth:`VargStore.create_job` inserts."""

    id: str
    key: str
    capability: str
    model: str                      # qualified: fal:kling-v2.5
    params: dict[str, Any]          # the request as validated (with defaults filled in)
    inputs: list[str]               # files/-relative paths of the hosted input files
    cost_cents: float
    byok: str
    cache_key: str
    cache_store: bool
    run_seconds: float
    planned_error: str | None = None  # the job fails halfway with this reason (nothing to make)
    hit: tuple[str, str, str | None] | None = None  # a cache hit: (result_rel, media_type, output_text)


class VargStore:
    """Keys, balances, jobs, files and the cache of the varg wire format."""

    def __init__(self, store: Store) -> None:
        self.store = store
        with store.tx() as db:
            for stmt in SCHEMA:
                db.execute(stmt)

    # -- keys and balances -----------------------------------------------------------------------
    def ensure_key(self, key: str, cents: float | None, default_cents: float, plan: str | None = None,
                   user_id: str = "", email: str = "") -> None:
        """Accept ``key``; a new key starts with ``cents`` (or the default); a known key's balance
        and plan change only when given."""
        with self.store.tx() as db:
            row = db.execute("SELECT cents FROM varg_keys WHERE key = ?", (key,)).fetchone()
            if row is None:
                db.execute("INSERT INTO varg_keys(key, cents, plan, user_id, email, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                           (key, float(default_cents if cents is None else cents), plan or "free", user_id, email,
                            time.time()))
                return
            if cents is not None:
                db.execute("UPDATE varg_keys SET cents = ? WHERE key = ?", (float(cents), key))
            if plan is not None:
                db.execute("UPDATE varg_keys SET plan = ? WHERE key = ?", (plan, key))

    def key_row(self, key: str) -> sqlite3.Row | None:
        return self.store.query_one("SELECT * FROM varg_keys WHERE key = ?", (key,))

    def balance(self, key: str) -> float | None:
        row = self.key_row(key)
        return None if row is None else float(row["cents"])

    # -- jobs -------------------------------------------------------------------------------------
    def running(self, key: str, now: float) -> list[sqlite3.Row]:
        """The key's jobs that are queued or processing at ``now``."""
        rows = self.store.query("SELECT * FROM varg_jobs WHERE key = ? AND cancelled_at IS NULL AND cache_hit = 0 "
                                "AND (failed_at IS NULL OR failed_at > ?) AND (result_ready_at IS NULL OR "
                                "created_at + run_seconds > ?)", (key, now, now))
        return [r for r in rows if job_status(r, now)[0] not in FINAL]

    def create_job(self, j: NewJob, limit: int | None = None) -> tuple[str, float, list[sqlite3.Row]]:
        """Charge and insert in one transaction. Returns ("ok" | "balance" | "busy", the balance
        before, the running jobs when busy). ``limit``: the most jobs the key may run at once."""
        now = time.time()
        with self.store.tx() as db:
            bal = float(db.execute("SELECT cents FROM varg_keys WHERE key = ?", (j.key,)).fetchone()["cents"])
            if j.hit is None and limit is not None:
                running = self.running(j.key, now)
                if len(running) >= limit:
                    return "busy", bal, running
            if j.cost_cents > bal + 1e-9:
                return "balance", bal, []
            if j.cost_cents:
                db.execute("UPDATE varg_keys SET cents = cents - ? WHERE key = ?", (j.cost_cents, j.key))
            rel, media, text = j.hit if j.hit is not None else (None, None, None)
            db.execute(
                "INSERT INTO varg_jobs(id, key, capability, model, params, inputs, cost_cents, byok, cache_key, "
                "cache_store, cache_hit, created_at, run_seconds, planned_error, failed_at, error, result_rel, "
                "media_type, output_text, result_ready_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                "?, ?, ?)",
                (j.id, j.key, j.capability, j.model, json.dumps(j.params), json.dumps(j.inputs), float(j.cost_cents),
                 j.byok, j.cache_key, int(j.cache_store), int(j.hit is not None), now,
                 0.0 if j.hit is not None else j.run_seconds, j.planned_error,
                 (now + 0.5 * j.run_seconds) if j.planned_error else None, j.planned_error, rel, media, text,
                 now if j.hit is not None else None),
            )
            return "ok", bal, []

    def job(self, job_id: str) -> sqlite3.Row | None:
        return self.store.query_one("SELECT * FROM varg_jobs WHERE id = ?", (job_id,))

    def unfinished(self) -> list[sqlite3.Row]:
        """Jobs whose result still has to be made (after a restart)."""
        return self.store.query("SELECT * FROM varg_jobs WHERE result_ready_at IS NULL AND failed_at IS NULL "
                                "AND cancelled_at IS NULL AND planned_error IS NULL ORDER BY created_at")

    def mark_result(self, job_id: str, rel: str, media_type: str, text: str | None) -> sqlite3.Row | None:
        """Store a made result (not for a cancelled or failed job); the row after, or None."""
        with self.store.tx() as db:
            cur = db.execute("UPDATE varg_jobs SET result_rel = ?, media_type = ?, output_text = ?, result_ready_at = ? "
                             "WHERE id = ? AND cancelled_at IS NULL AND failed_at IS NULL",
                             (rel, media_type, text, time.time(), job_id))
            if not cur.rowcount:
                return None
            row: sqlite3.Row = db.execute("SELECT * FROM varg_jobs WHERE id = ?", (job_id,)).fetchone()
            return row

    def mark_failed(self, job_id: str, error: str, *, halfway: bool = False) -> None:
        """The job's result cannot be made: it fails now, or (``halfway``) not before half its run
        time, as a provider's failure shows up; it is refunded then (:meth:`settle` refunds a
        failure whose time has come)."""
        now = time.time()
        with self.store.tx() as db:
            row = db.execute("SELECT * FROM varg_jobs WHERE id = ? AND cancelled_at IS NULL AND failed_at IS NULL "
                             "AND result_ready_at IS NULL", (job_id,)).fetchone()
            if row is None:
                return
            at = max(now, float(row["created_at"]) + 0.5 * float(row["run_seconds"])) if halfway else now
            db.execute("UPDATE varg_jobs SET failed_at = ?, error = ? WHERE id = ?", (at, error, job_id))
            if at <= now:
                self._refund(db, row)

    def cancel(self, job_id: str, now: float) -> bool:
        """Cancel a job that has not reached a final status; True when it was cancelled.

        Refunds: a job cancelled before it completed costs nothing (its charge goes back to the
        balance and its usage record says 0 cents); a completed job cannot be cancelled.
        """
        with self.store.tx() as db:
            row = db.execute("SELECT * FROM varg_jobs WHERE id = ?", (job_id,)).fetchone()
            if row is None or job_status(row, now)[0] in FINAL:
                return False
            db.execute("UPDATE varg_jobs SET cancelled_at = ? WHERE id = ?", (now, job_id))
            self._refund(db, row)
            return True

    @staticmethod
    def _refund(db: sqlite3.Connection, row: sqlite3.Row) -> None:
        if not row["refunded"] and float(row["cost_cents"]):
            db.execute("UPDATE varg_keys SET cents = cents + ? WHERE key = ?", (float(row["cost_cents"]), row["key"]))
        db.execute("UPDATE varg_jobs SET refunded = 1 WHERE id = ?", (row["id"],))

    def settle(self, now: float) -> None:
        """Refund the planned failures whose time has come."""
        rows = self.store.query("SELECT * FROM varg_jobs WHERE refunded = 0 AND failed_at IS NOT NULL AND failed_at <= ?",
                                (now,))
        if not rows:
            return
        with self.store.tx() as db:
            for r in rows:
                self._refund(db, r)

    def finish_now(self, job_id: str) -> None:
        """Make the job's run time end now (it completes as soon as its result exists; a coming
        failure happens now)."""
        now = time.time()
        self.store.execute("UPDATE varg_jobs SET run_seconds = MAX(0, ? - created_at), failed_at = MIN(failed_at, ?) "
                           "WHERE id = ? AND cancelled_at IS NULL", (now, now, job_id))
        self.settle(now)

    def jobs_of(self, key: str, start: float | None, end: float | None) -> list[sqlite3.Row]:
        sql = "SELECT * FROM varg_jobs WHERE key = ?"
        params: list[Any] = [key]
        if start is not None:
            sql += " AND created_at >= ?"
            params.append(start)
        if end is not None:
            sql += " AND created_at < ?"
            params.append(end)
        return self.store.query(sql + " ORDER BY created_at", tuple(params))

    # -- files ------------------------------------------------------------------------------------
    def add_file(self, rel: str, file_id: str, key: str | None, digest: str, size: int, media_type: str,
                 origin: str) -> None:
        self.store.execute("INSERT OR REPLACE INTO varg_files(rel, file_id, key, hash, size, media_type, origin, "
                           "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                           (rel, file_id, key, digest, size, media_type, origin, time.time()))

    def upload_by_hash(self, key: str, digest: str) -> sqlite3.Row | None:
        return self.store.query_one("SELECT * FROM varg_files WHERE key = ? AND hash = ? AND origin = 'upload' "
                                    "ORDER BY created_at LIMIT 1", (key, digest))

    def file(self, rel: str) -> sqlite3.Row | None:
        return self.store.query_one("SELECT * FROM varg_files WHERE rel = ?", (rel,))

    # -- cache ------------------------------------------------------------------------------------
    def cached(self, cache_key: str, now: float) -> sqlite3.Row | None:
        return self.store.query_one("SELECT * FROM varg_cache WHERE cache_key = ? AND expires_at > ?", (cache_key, now))

    def put_cache(self, cache_key: str, job_id: str, rel: str, media_type: str, text: str | None) -> None:
        now = time.time()
        self.store.execute("INSERT OR REPLACE INTO varg_cache(cache_key, job_id, result_rel, media_type, output_text, "
                           "created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                           (cache_key, job_id, rel, media_type, text, now, now + CACHE_TTL))
