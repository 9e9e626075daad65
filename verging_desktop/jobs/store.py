"""SQLite store of every job, written before create-job is sent, so nothing is lost or sent twice.

WAL mode, schema versioned with migrations. One row per job. Listeners get a snapshot of every
changed row (the UI turns them into Qt signals); they are called on the thread that wrote.
"""

from __future__ import annotations

import array
import builtins
import enum
import json
import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.i18n import N_

if TYPE_CHECKING:  # pragma: no cover
    from .history import HistoryCounts, HistoryFilter

log = logging.getLogger("verging_desktop.jobs.store")


class LocalStatus(str, enum.Enum):
    PREPARING = "preparing"      # cutting / uploading on this machine; nothing charged yet
    SUBMITTING = "submitting"    # create-job is being sent: it may or may not exist on the server
    PENDING = "pending"
    PROCESSING = "processing"
    COMPLETED = "completed"
    FAILED = "failed"            # failed on the server (may be retried) or refused before creation
    UNKNOWN = "unknown"          # the app stopped while submitting: check the website; we look for it
    CANCELLED = "cancelled"      # the user cancelled before it was sent

    @property
    def open(self) -> bool:
        """Still waiting on the server."""
        return self in (LocalStatus.PENDING, LocalStatus.PROCESSING)

    @property
    def final(self) -> bool:
        return self in (LocalStatus.COMPLETED, LocalStatus.FAILED, LocalStatus.CANCELLED)


class DownloadState(str, enum.Enum):
    NONE = "none"
    DOWNLOADING = "downloading"
    DONE = "done"
    FAILED = "failed"


@dataclass(frozen=True)
class JobRecord:
    local_id: int
    provider: str
    kind: str
    status: LocalStatus
    remote_id: str | None = None
    params: dict[str, Any] = field(default_factory=dict)
    inputs: list[str] = field(default_factory=list)
    input_name: str = ""
    target_url: str | None = None
    base_url: str = ""
    estimated_credits: float | None = None
    charged_credits: float | None = None
    progress: float | None = None
    result_url: str | None = None
    result_path: str | None = None
    download_state: DownloadState = DownloadState.NONE
    download_progress: float | None = None
    error: str | None = None
    created_at: float = 0.0
    updated_at: float = 0.0
    submitted_at: float | None = None
    started_at: float | None = None
    finished_at: float | None = None
    hidden: bool = False
    attempts: int = 1
    #: who the job belongs to (provider|server|account, see core/identity.py); "" for jobs made before
    account: str = ""
    #: where the user asked the result to go, chosen at submit (see core/outputs.py); None: the download folder
    dest: str | None = None

    @property
    def age(self) -> float:
        return time.time() - (self.submitted_at or self.created_at)

    @property
    def elapsed(self) -> float:
        end = self.finished_at or time.time()
        return max(0.0, end - (self.submitted_at or self.created_at))


MIGRATIONS: list[str] = [
    # 1: the jobs table
    """
    CREATE TABLE jobs (
        local_id INTEGER PRIMARY KEY AUTOINCREMENT,
        provider TEXT NOT NULL,
        kind TEXT NOT NULL,
        status TEXT NOT NULL,
        remote_id TEXT,
        params TEXT NOT NULL DEFAULT '{}',
        inputs TEXT NOT NULL DEFAULT '[]',
        input_name TEXT NOT NULL DEFAULT '',
        target_url TEXT,
        base_url TEXT NOT NULL DEFAULT '',
        estimated_credits REAL,
        charged_credits REAL,
        progress REAL,
        result_url TEXT,
        result_path TEXT,
        download_state TEXT NOT NULL DEFAULT 'none',
        download_progress REAL,
        error TEXT,
        created_at REAL NOT NULL,
        updated_at REAL NOT NULL,
        submitted_at REAL,
        started_at REAL,
        finished_at REAL,
        hidden INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX jobs_status ON jobs(status);
    CREATE INDEX jobs_remote ON jobs(provider, kind, remote_id);
    """,
    # 2: how many times a job was sent (retries of failed face swaps)
    "ALTER TABLE jobs ADD COLUMN attempts INTEGER NOT NULL DEFAULT 1;",
    # 3: jobs belong to an account on a server (not to a base URL); the destination chosen at submit
    """
    ALTER TABLE jobs ADD COLUMN account TEXT NOT NULL DEFAULT '';
    ALTER TABLE jobs ADD COLUMN dest TEXT;
    CREATE INDEX jobs_account ON jobs(account, status);
    """,
]

_COLUMNS = ["local_id", "provider", "kind", "status", "remote_id", "params", "inputs", "input_name", "target_url", "base_url", "estimated_credits", "charged_credits", "progress", "result_url", "result_path", "download_state", "download_progress", "error", "created_at", "updated_at", "submitted_at", "started_at", "finished_at", "hidden", "attempts", "account", "dest"]

Listener = Callable[[JobRecord], None]

#: a Verging job found in 'submitting' at start-up (the Vimmerse queue has its own words)
INTERRUPTED_SENDING = N_("The app stopped while sending this job: it may have been created. "
                         "Check your jobs on verging.ai; Verging Desktop is looking for it too.")


class JobStore:
    """Thread-safe access to the jobs database."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._db = sqlite3.connect(str(self.path), check_same_thread=False, isolation_level=None, timeout=10)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA busy_timeout=10000")
        self._migrate()
        self._listeners: list[Listener] = []

    @property
    def schema_version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        with self._lock:
            version = self.schema_version
            for i, sql in enumerate(MIGRATIONS[version:], start=version + 1):
                self._db.execute("BEGIN IMMEDIATE")
                try:
                    # another process may have migrated meanwhile
                    if int(self._db.execute("PRAGMA user_version").fetchone()[0]) >= i:
                        self._db.execute("COMMIT")
                        continue
                    for stmt in [s for s in sql.split(";") if s.strip()]:
                        self._db.execute(stmt)
                    self._db.execute(f"PRAGMA user_version={i}")
                    self._db.execute("COMMIT")
                except Exception:
                    self._db.execute("ROLLBACK")
                    raise
                log.info("job store migrated to schema %d", i)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # -- listeners -----------------------------------------------------------------------------
    def subscribe(self, fn: Listener) -> Callable[[], None]:
        self._listeners.append(fn)
        return lambda: self._listeners.remove(fn) if fn in self._listeners else None

    def _emit(self, rec: JobRecord) -> None:
        for fn in list(self._listeners):
            try:
                fn(rec)
            except Exception:
                log.exception("job listener failed")

    # -- rows ------------------------------------------------------------------------------------
    @staticmethod
    def _row(r: tuple[Any, ...]) -> JobRecord:
        d = dict(zip(_COLUMNS, r, strict=True))
        d["status"] = LocalStatus(d["status"])
        d["download_state"] = DownloadState(d["download_state"])
        d["params"] = json.loads(d["params"] or "{}")
        d["inputs"] = json.loads(d["inputs"] or "[]")
        d["hidden"] = bool(d["hidden"])
        return JobRecord(**d)

    def get(self, local_id: int) -> JobRecord | None:
        with self._lock:
            r = self._db.execute(f"SELECT {','.join(_COLUMNS)} FROM jobs WHERE local_id=?", (local_id,)).fetchone()
        return self._row(r) if r else None

    def get_many(self, ids: Iterable[int]) -> dict[int, JobRecord]:
        ids = list(ids)
        if not ids:
            return {}
        with self._lock:
            rows = self._db.execute(f"SELECT {','.join(_COLUMNS)} FROM jobs WHERE local_id IN "
                                    f"({','.join('?' * len(ids))})", ids).fetchall()
        return {r.local_id: r for r in map(self._row, rows)}

    def find_remote(self, provider: str, kind: str, remote_id: str) -> JobRecord | None:
        with self._lock:
            r = self._db.execute(f"SELECT {','.join(_COLUMNS)} FROM jobs WHERE provider=? AND kind=? AND remote_id=?",
                                 (provider, kind, str(remote_id))).fetchone()
        return self._row(r) if r else None

    def list(self, *, statuses: Iterable[LocalStatus] | None = None, kind: str | None = None,
             include_hidden: bool = False, base_url: str | None = None,
             account: str | None = None, downloaded: bool | None = None,
             download_states: Iterable[DownloadState] | None = None) -> builtins.list[JobRecord]:
        """The jobs that match every filter given, oldest first; the filters run in SQL, so a
        long history is never loaded to find a few."""
        q = f"SELECT {','.join(_COLUMNS)} FROM jobs WHERE 1=1"
        args: list[Any] = []
        if download_states is not None:
            ds = [d.value for d in download_states]
            q += f" AND download_state IN ({','.join('?' * len(ds))})"
            args += ds
        if statuses is not None:
            sts = [s.value for s in statuses]
            q += f" AND status IN ({','.join('?' * len(sts))})"
            args += sts
        if kind:
            q += " AND kind=?"
            args.append(kind)
        if base_url is not None:
            q += " AND base_url=?"
            args.append(base_url)
        if account is not None:
            q += " AND account=?"
            args.append(account)
        if downloaded is not None:
            q += " AND download_state" + ("=?" if downloaded else "!=?")
            args.append(DownloadState.DONE.value)
        if not include_hidden:
            q += " AND hidden=0"
        q += " ORDER BY local_id"
        with self._lock:
            rows = self._db.execute(q, args).fetchall()
        return [self._row(r) for r in rows]

    def open_jobs(self, kind: str | None = None, base_url: str | None = None,
                  account: str | None = None) -> builtins.list[JobRecord]:
        return [j for j in self.list(statuses=[LocalStatus.PENDING, LocalStatus.PROCESSING], kind=kind,
                                     include_hidden=True, base_url=base_url, account=account) if j.remote_id]

    def claim(self, account: str, belongs: Callable[[str], bool]) -> int:
        """Give the jobs stored without an account (before schema 3) to ``account`` when ``belongs``
        says their base URL is this account's server; returns how many were claimed.

        Done in SQL, one UPDATE per distinct base URL, so a history of any length is claimed
        without loading it; only the open jobs among them are announced to listeners.
        """
        with self._lock:
            urls = [r[0] for r in self._db.execute("SELECT DISTINCT base_url FROM jobs WHERE account=''")]
        mine = [u for u in urls if belongs(u)]
        if not mine:
            return 0
        marks = ",".join("?" * len(mine))
        open_states = (LocalStatus.PENDING.value, LocalStatus.PROCESSING.value, LocalStatus.SUBMITTING.value)
        with self._lock:
            opened = [int(r[0]) for r in self._db.execute(
                f"SELECT local_id FROM jobs WHERE account='' AND base_url IN ({marks}) AND status IN (?,?,?)",
                (*mine, *open_states))]
            cur = self._db.execute(f"UPDATE jobs SET account=? WHERE account='' AND base_url IN ({marks})",
                                   (account, *mine))
            n = cur.rowcount
        for rec in self.get_many(opened).values():
            self._emit(rec)
        return int(n)

    def count_by_status(self, account: str | None = None, *, provider: str | None = None) -> dict[LocalStatus, int]:
        """How many jobs are in each state (all accounts unless ``account``, all providers unless ``provider``)."""
        where, args = self._account_provider(account, provider)
        with self._lock:
            rows = self._db.execute("SELECT status, COUNT(*) FROM jobs" + where + " GROUP BY status", args).fetchall()
        return {LocalStatus(st): int(n) for st, n in rows}

    def count_downloading(self, account: str | None = None, *, provider: str | None = None) -> int:
        """How many results are being saved right now (download state "downloading")."""
        where, args = self._account_provider(account, provider)
        where = (where + " AND" if where else " WHERE") + " download_state=?"
        args.append(DownloadState.DOWNLOADING.value)
        with self._lock:
            row = self._db.execute("SELECT COUNT(*) FROM jobs" + where, args).fetchone()
        return int(row[0]) if row else 0

    @staticmethod
    def _account_provider(account: str | None, provider: str | None) -> tuple[str, builtins.list[Any]]:
        conds, args = [], []
        if account is not None:
            conds.append("account=?")
            args.append(account)
        if provider is not None:
            conds.append("provider=?")
            args.append(provider)
        return (" WHERE " + " AND ".join(conds) if conds else ""), args

    def add(self, *, provider: str, kind: str, params: dict[str, Any] | None = None, inputs: builtins.list[str] | None = None,
            input_name: str = "", base_url: str = "", estimated_credits: float | None = None,
            status: LocalStatus = LocalStatus.PREPARING, account: str = "", dest: str | None = None) -> JobRecord:
        now = time.time()
        with self._lock:
            cur = self._db.execute(
                "INSERT INTO jobs (provider, kind, status, params, inputs, input_name, base_url, estimated_credits,"
                " created_at, updated_at, account, dest) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (provider, kind, status.value, json.dumps(params or {}), json.dumps(inputs or []), input_name,
                 base_url, estimated_credits, now, now, account, dest))
            rec = self.get(int(cur.lastrowid or 0))
        assert rec is not None
        self._emit(rec)
        return rec

    @staticmethod
    def _assignments(changes: dict[str, Any]) -> tuple[builtins.list[str], builtins.list[Any]]:
        sets, args = [], []
        for k, v in changes.items():
            if k not in _COLUMNS or k == "local_id":
                raise KeyError(k)
            if isinstance(v, enum.Enum):
                v = v.value
            elif k in ("params", "inputs"):
                v = json.dumps(v)
            elif k == "hidden":
                v = int(bool(v))
            sets.append(f"{k}=?")
            args.append(v)
        sets.append("updated_at=?")
        args.append(time.time())
        return sets, args

    def update(self, local_id: int, **changes: Any) -> JobRecord:
        """Change fields of a row (durably, before returning) and notify listeners."""
        return self.update_many({local_id: changes})[0]

    def update_many(self, changes: dict[int, dict[str, Any]]) -> builtins.list[JobRecord]:
        """Change several rows in one transaction (one poll round costs one commit) and notify."""
        ids = list(changes)
        with self._lock:
            if any(changes.values()):
                self._db.execute("BEGIN IMMEDIATE")
                try:
                    for local_id, ch in changes.items():
                        if ch:
                            sets, args = self._assignments(ch)
                            self._db.execute(f"UPDATE jobs SET {','.join(sets)} WHERE local_id=?", (*args, local_id))
                    self._db.execute("COMMIT")
                except BaseException:
                    self._db.execute("ROLLBACK")
                    raise
        recs = self.get_many(ids)
        missing = [i for i in ids if i not in recs]
        if missing:
            raise KeyError(f"no job {missing[0]}")
        out = [recs[i] for i in ids]
        for rec, i in zip(out, ids, strict=True):
            if changes[i]:
                self._emit(rec)
        return out

    def transition(self, local_id: int, expect: LocalStatus, **changes: Any) -> JobRecord | None:
        """Change a row only while its status is still ``expect`` (one UPDATE: atomic between the
        processes sharing the database); None when it was not (another process or task moved it)."""
        sets, args = self._assignments(changes)
        with self._lock:
            cur = self._db.execute(f"UPDATE jobs SET {','.join(sets)} WHERE local_id=? AND status=?",
                                   (*args, local_id, expect.value))
            done = cur.rowcount == 1
        if not done:
            return None
        rec = self.get(local_id)
        if rec is not None:
            self._emit(rec)
        return rec

    def delete(self, local_id: int) -> None:
        with self._lock:
            self._db.execute("DELETE FROM jobs WHERE local_id=?", (local_id,))

    def mark_interrupted(self, provider: str | None = None, *, unknown_error: str = INTERRUPTED_SENDING
                         ) -> builtins.list[JobRecord]:
        """At start-up: a job left in 'submitting' may exist on the server; never send it again.

        ``provider`` limits it to that provider's jobs (each provider's queue marks its own, with
        its own words in ``unknown_error``); None marks every job."""
        out: builtins.list[JobRecord] = []

        def mine(rows: builtins.list[JobRecord]) -> builtins.list[JobRecord]:
            return [j for j in rows if provider is None or j.provider == provider]

        for j in mine(self.list(statuses=[LocalStatus.SUBMITTING], include_hidden=True)):
            out.append(self.update(j.local_id, status=LocalStatus.UNKNOWN, error=unknown_error))
        for j in mine(self.list(statuses=[LocalStatus.PREPARING], include_hidden=True)):
            out.append(self.update(j.local_id, status=LocalStatus.CANCELLED,
                                   error="The app stopped before this job was sent; nothing was charged."))
        for j in mine(self.list(include_hidden=True, download_states=[DownloadState.DOWNLOADING])):
            out.append(self.update(j.local_id, download_state=DownloadState.NONE))
        return out

    def spent_since(self, since: float, provider: str | None = None) -> float:
        """Credits the jobs sent since ``since`` cost (charged, else estimated); of one provider
        when given (each provider counts its own credits)."""
        q = ("SELECT COALESCE(SUM(COALESCE(charged_credits, estimated_credits)),0) FROM jobs "
             "WHERE submitted_at>=? AND status IN ('pending','processing','completed')")
        args: builtins.list[Any] = [since]
        if provider is not None:
            q += " AND provider=?"
            args.append(provider)
        with self._lock:
            r = self._db.execute(q, args).fetchone()
        return float(r[0] or 0)

    # -- the history, page by page (the Job Queue panel) -----------------------------------------------
    def _history_ready(self) -> None:
        """The SQL function the history filter uses for case-insensitive names (once per connection)."""
        if not getattr(self, "_history_fn", False):
            from .history import fold

            self._db.create_function("vd_fold", 1, fold, deterministic=True)
            self._history_fn = True

    def history_ids(self, flt: HistoryFilter) -> array.array[int]:
        """Local ids of the jobs ``flt`` shows, newest first (8 bytes a job, no records built)."""
        where, args = flt.where()
        with self._lock:
            self._history_ready()
            cur = self._db.execute(f"SELECT local_id FROM jobs WHERE {where} ORDER BY local_id DESC", args)
            return array.array("q", (r[0] for r in cur))

    def history_counts(self, flt: HistoryFilter) -> HistoryCounts:
        """Counts per status group and per tool around ``flt``, from one aggregate query."""
        from .history import HistoryCounts

        where, args = flt.where(group=False, kind=False)
        with self._lock:
            self._history_ready()
            rows = self._db.execute(f"SELECT status, kind, COUNT(*) FROM jobs WHERE {where} GROUP BY status, kind",
                                    args).fetchall()
        return HistoryCounts.from_rows(flt, [(str(a), str(b), int(c)) for a, b, c in rows])

    def run_times(self, kind: str, *, provider: str | None = None, limit: int = 20) -> builtins.list[float]:
        """Seconds from submit to finish of the last ``limit`` completed jobs of ``kind`` (newest
        first; hidden ones count too: they ran all the same)."""
        q = ("SELECT finished_at - submitted_at FROM jobs WHERE status=? AND kind=? AND submitted_at IS NOT NULL"
             " AND finished_at IS NOT NULL AND finished_at >= submitted_at")
        args: builtins.list[Any] = [LocalStatus.COMPLETED.value, kind]
        if provider is not None:
            q += " AND provider=?"
            args.append(provider)
        q += " ORDER BY local_id DESC LIMIT ?"
        args.append(int(limit))
        with self._lock:
            rows = self._db.execute(q, args).fetchall()
        return [float(r[0]) for r in rows]

    def statuses(self) -> dict[int, LocalStatus]:
        """The status of every job (hidden ones too), without building records."""
        with self._lock:
            rows = self._db.execute("SELECT local_id, status FROM jobs").fetchall()
        return {int(i): LocalStatus(st) for i, st in rows}


def with_status(rec: JobRecord, status: LocalStatus) -> JobRecord:
    return replace(rec, status=status)
