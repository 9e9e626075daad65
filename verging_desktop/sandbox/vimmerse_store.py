"""The Vimmerse side of the sandbox's database: keys with their own balance, and assets.

The tables are ``store.py``'s (``vimmerse_keys``, ``vimmerse_assets``); this module is the one
place that reads and writes them, through the :class:`~verging_desktop.sandbox.store.Store`'s
lock and transactions. An asset's state is computed from the clock, as a Verging job's is
(:func:`asset_status`), so it keeps progressing across a restart on the same data directory.
"""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass
from typing import Any

from .store import Store

#: the status words Vimmerse uses, in the order an asset passes through them
QUEUED, PROCESSING_BULLET, PROCESSING, SUCCESS, FAIL = "queue_bullet", "processing_bullet", "processing", "success", "fail"


def asset_status(row: sqlite3.Row, now: float) -> tuple[str, int, float]:
    """(status word, progress 0-100, updated_at) of an asset at ``now``.

    With ``T`` its run time and ``t`` the time since creation: ``queue_bullet`` before 0.1 T,
    ``processing_bullet`` before 0.5 T, then ``processing`` until ``t >= T`` and its results
    exist (``success``); ``fail`` once a failure time has passed.
    """
    start = float(row["created_at"])
    total = float(row["run_seconds"])
    failed_at = row["failed_at"]
    if failed_at is not None and float(failed_at) <= now:
        return FAIL, _progress(float(failed_at) - start, total), float(failed_at)
    ready = row["result_ready_at"]
    t = now - start
    if ready is not None and t >= total:
        return SUCCESS, 100, max(start + total, float(ready))
    if total <= 0 or t < 0.1 * total:
        return QUEUED, 0, start
    return (PROCESSING_BULLET if t < 0.5 * total else PROCESSING), _progress(t, total), now


def _progress(elapsed: float, total: float) -> int:
    if total <= 0 or elapsed < 0.1 * total:
        return 0
    return max(1, min(99, int(100 * elapsed / total)))


@dataclass(frozen=True)
class NewAsset:
    """What :meth:`VimmerseStore.create` inserts."""

    id: str
    key: str
    app_name: str
    args: dict[str, Any]
    inputs: dict[str, list[str]]
    quantity: int
    mime_type: str
    credits: float
    run_seconds: float
    failure: str | None = None       # a planned failure's reason (it happens at 0.5 T)
    results: tuple[str, ...] = ()    # rel paths ready at once (an upload)


class VimmerseStore:
    """Keys, balances and assets of the Vimmerse wire format."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # -- keys and balances -----------------------------------------------------------------------
    def ensure_key(self, key: str, credits: float | None, default_credits: float) -> None:
        """Accept ``key``; a new key starts with ``credits`` (or the default); a known key's balance
        is set only when ``credits`` is given."""
        with self.store.tx() as db:
            row = db.execute("SELECT credits FROM vimmerse_keys WHERE key = ?", (key,)).fetchone()
            if row is None:
                db.execute("INSERT INTO vimmerse_keys(key, credits, created_at) VALUES (?, ?, ?)",
                           (key, float(default_credits if credits is None else credits), time.time()))
            elif credits is not None:
                db.execute("UPDATE vimmerse_keys SET credits = ? WHERE key = ?", (float(credits), key))

    def known(self, key: str) -> bool:
        return self.store.query_one("SELECT 1 FROM vimmerse_keys WHERE key = ?", (key,)) is not None

    def balance(self, key: str) -> float | None:
        row = self.store.query_one("SELECT credits FROM vimmerse_keys WHERE key = ?", (key,))
        return None if row is None else float(row["credits"])

    # -- assets ----------------------------------------------------------------------------------
    def create(self, a: NewAsset) -> tuple[bool, float]:
        """Charge ``a.credits`` and insert the asset in one transaction; (False, balance) when short."""
        now = time.time()
        with self.store.tx() as db:
            bal = float(db.execute("SELECT credits FROM vimmerse_keys WHERE key = ?", (a.key,)).fetchone()["credits"])
            if a.credits > bal + 1e-9:
                return False, bal
            if a.credits:
                db.execute("UPDATE vimmerse_keys SET credits = credits - ? WHERE key = ?", (a.credits, a.key))
            db.execute(
                "INSERT INTO vimmerse_assets(id, key, app_name, args, inputs, quantity, mime_type, credits, created_at, "
                "run_seconds, planned_fail, failed_at, error, results, result_ready_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (a.id, a.key, a.app_name, json.dumps(a.args), json.dumps(a.inputs), a.quantity, a.mime_type,
                 float(a.credits), now, a.run_seconds, int(a.failure is not None),
                 (now + 0.5 * a.run_seconds) if a.failure else None, a.failure, json.dumps(list(a.results)),
                 now if a.results else None),
            )
            return True, bal

    def asset(self, asset_id: str) -> sqlite3.Row | None:
        return self.store.query_one("SELECT * FROM vimmerse_assets WHERE id = ?", (asset_id,))

    def unfinished(self) -> list[sqlite3.Row]:
        """Assets whose results still have to be made (after a restart)."""
        return self.store.query("SELECT * FROM vimmerse_assets WHERE result_ready_at IS NULL AND failed_at IS NULL "
                                "AND planned_fail = 0 ORDER BY created_at")

    def mark_results(self, asset_id: str, rels: list[str]) -> None:
        self.store.execute("UPDATE vimmerse_assets SET results = ?, result_ready_at = ? WHERE id = ? AND failed_at IS NULL",
                           (json.dumps(rels), time.time(), asset_id))

    def mark_failed(self, asset_id: str, error: str) -> None:
        self.store.execute("UPDATE vimmerse_assets SET failed_at = ?, error = ? WHERE id = ? AND failed_at IS NULL",
                           (time.time(), error, asset_id))

    def settle(self, now: float) -> float:
        """Refund every asset that has failed by ``now`` and is not refunded yet; returns the sum."""
        pending = self.store.query_one("SELECT 1 FROM vimmerse_assets WHERE refunded = 0 AND failed_at IS NOT NULL "
                                       "AND failed_at <= ? LIMIT 1", (now,))
        if pending is None:
            return 0.0
        total = 0.0
        with self.store.tx() as db:
            rows = db.execute("SELECT id, key, credits FROM vimmerse_assets WHERE refunded = 0 AND failed_at IS NOT NULL "
                              "AND failed_at <= ?", (now,)).fetchall()
            for r in rows:
                db.execute("UPDATE vimmerse_keys SET credits = credits + ? WHERE key = ?", (r["credits"], r["key"]))
                db.execute("UPDATE vimmerse_assets SET refunded = 1 WHERE id = ?", (r["id"],))
                total += float(r["credits"])
        return total
