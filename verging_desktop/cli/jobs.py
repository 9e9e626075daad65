"""Jobs through the persistent queue: ``run_jobs`` for the commands that create them, ``verging jobs``
(list, show, wait, retry) for the jobs of every provider (Verging and Vimmerse)."""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Awaitable, Callable
from datetime import datetime
from pathlib import Path
from typing import Protocol

from ..core.errors import AuthError, InputError, JobFailed
from ..core.outputs import destination
from ..core.plural import count, credits, plural
from ..core.providers import VARG, VIMMERSE
from ..core.tools import kind_retries
from ..jobs.queue import JobQueue
from ..jobs.store import JobRecord, JobStore, LocalStatus
from ..jobs.words import cli_status
from .context import EXIT_OK, Context, UsageError


async def run_jobs(ctx: Context, submits: list[Callable[[JobQueue], Awaitable[JobRecord]]], *,
                   download: bool) -> list[tuple[JobRecord, Path | None]]:
    """Submit through the persistent queue (visible to 'verging jobs' and the app), wait, download.

    Every job is recorded before it is sent, with its destination, so an interrupted run loses
    nothing: 'verging jobs wait' picks them up again and saves them where this run would have."""
    q = await ctx.queue()
    recs = []
    for submit in submits:
        rec = await submit(q)
        ctx.out.info(f"Job {rec.local_id} created on the server (id {rec.remote_id}).")
        recs.append(rec)
    ids = {r.local_id for r in recs}
    last: dict[int, str] = {}

    def show(r: JobRecord) -> None:
        if r.local_id not in ids:
            return
        line = f"Job {r.local_id}: {cli_status(r)}"
        if line != last.get(r.local_id):
            ctx.out.info(line)
            last[r.local_id] = line

    unsubscribe = q.store.subscribe(show)
    try:
        recs = await q.wait([r.local_id for r in recs], download=False)
    finally:
        unsubscribe()
    out: list[tuple[JobRecord, Path | None]] = []
    problems = []
    for rec in recs:
        if rec.status is not LocalStatus.COMPLETED or not rec.result_url:
            hint = f" Retry it with 'verging jobs retry {rec.local_id}'." if kind_retries(rec.kind) else ""
            problems.append(f"job {rec.local_id} {rec.status.value}{': ' + rec.error if rec.error else ''}.{hint}")
            continue
        path = None
        if download or rec.dest:
            path = await q.download(rec.local_id)
            if path is None:
                problems.append((q.store.get(rec.local_id) or rec).error or "The download failed.")
                continue
            ctx.out.wrote(path)
            rec = q.store.get(rec.local_id) or rec
        out.append((rec, path))
    if problems:
        raise JobFailed("; ".join(problems))
    return out


async def run_job(ctx: Context, submit: Callable[[JobQueue], Awaitable[JobRecord]], *,
                  download: bool) -> tuple[JobRecord, Path | None]:
    return (await run_jobs(ctx, [submit], download=download))[0]


class _Queue(Protocol):
    store: JobStore

    async def wait(self, ids: list[int], timeout: float | None = None, *,
                   download: bool = True) -> list[JobRecord]: ...  # pragma: no cover

    async def download(self, local_id: int) -> Path | None: ...  # pragma: no cover


async def follow_job(ctx: Context, q: _Queue, local_id: int, *, download: bool, who: str,
                     has_result: Callable[[JobRecord], bool] | None = None) -> tuple[JobRecord, list[Path]]:
    """Wait for one job of a provider's queue (Vimmerse, varg), status lines on stderr, then download
    its results when asked (or when the job has a destination). Raises :class:`JobFailed` unless it
    completed with a result (``has_result``: its result URL by default; varg's transcript may come
    inline, without one); ``who`` names the provider in that message."""
    last = [""]

    def show(r: JobRecord) -> None:
        if r.local_id == local_id:
            line = f"Job {r.local_id}: {cli_status(r)}"
            if line != last[0]:
                ctx.out.info(line)
                last[0] = line

    unsubscribe = q.store.subscribe(show)
    try:
        rec = (await q.wait([local_id], download=False))[0]
    finally:
        unsubscribe()
    if rec.status is not LocalStatus.COMPLETED or not (has_result(rec) if has_result else rec.result_url):
        raise JobFailed(f"Job {rec.local_id} {rec.status.value}: {rec.error or f'{who} gave no reason.'}")
    paths: list[Path] = []
    if (download or rec.dest) and rec.result_url:
        first = await q.download(local_id)
        rec = q.store.get(local_id) or rec
        if first is None:
            raise JobFailed(rec.error or f"The results of job {local_id} could not be downloaded.")
        paths = [Path(p) for p in rec.params.get("result_paths") or [first]]
        for p in paths:
            ctx.out.wrote(p)
    return rec, paths


def _tool(r: JobRecord) -> str:
    """The job's kind without its provider's prefix (``crop`` for ``vimmerse-crop``)."""
    return r.kind.removeprefix(f"{r.provider}-")


def _amount(r: JobRecord, v: float | None) -> str:
    """A job's estimate or charge in its provider's unit: credits, or varg's cents."""
    if v is None:
        return "-"
    if r.provider == VARG.id:
        from ..services.varg_cost import cents_text

        return cents_text(v)
    return credits(v)


def _fmt_job(r: JobRecord) -> str:
    when = datetime.fromtimestamp(r.created_at).strftime("%Y-%m-%d %H:%M")
    unit = "\u00a0¢" if r.provider == VARG.id else ""
    cr = f"{r.charged_credits:g}{unit}" if r.charged_credits is not None else (
        f"~{r.estimated_credits:g}{unit}" if r.estimated_credits is not None else "-")
    tail = r.result_path or r.result_url or (r.error or "")
    return (f"{r.local_id:>5}  {when}  {r.provider:8} {_tool(r):20} {cli_status(r):14} "
            f"{cr:>6}  {r.input_name[:40]:40}  {tail}")


def _show(r: JobRecord) -> str:
    """Everything about one job, one ``name: value`` a line."""
    def when(t: float | None) -> str:
        return datetime.fromtimestamp(t).strftime("%Y-%m-%d %H:%M:%S") if t else "-"

    lines = [f"job: {r.local_id}", f"provider: {r.provider}", f"tool: {_tool(r)} ({r.kind})",
             f"status: {cli_status(r)}", f"input: {r.input_name or '-'}",
             *([f"source: {r.params['source_url']}"] if r.params.get("source_url") else []),
             f"{'asset' if r.provider == 'vimmerse' else 'server id'}: {r.remote_id or '-'}",
             f"estimated: {_amount(r, r.estimated_credits)}", f"charged: {_amount(r, r.charged_credits)}",
             f"created: {when(r.created_at)}", f"finished: {when(r.finished_at)}"]
    if r.provider == VARG.id and r.params.get("cache"):
        lines.append(f"cache: {'hit (free)' if r.params.get('cache') == 'hit' else r.params.get('cache')}")
    if r.dest:
        lines.append(f"destination: {r.dest}")
    urls = [str(u) for u in r.params.get("result_urls") or [] if u] or ([r.result_url] if r.result_url else [])
    lines += [f"result: {u}" for u in urls]
    paths = [str(p) for p in r.params.get("result_paths") or [] if p] or ([r.result_path] if r.result_path else [])
    lines += [f"saved: {p}" for p in paths]
    if r.error:
        lines.append(f"error: {r.error}")
    return "\n".join(lines)


def _ids(a: argparse.Namespace) -> list[int]:
    try:
        return [int(i) for i in a.ids]
    except ValueError:
        raise InputError("Job ids are numbers, as 'verging jobs' lists them.") from None


async def cmd_jobs(ctx: Context) -> int:
    a = ctx.args
    action = a.jobs_action or "list"
    store = ctx.store()
    if action == "list":
        statuses = None
        if a.status:
            try:
                statuses = [LocalStatus(a.status.lower())]
            except ValueError:
                raise InputError(f"--status must be one of {', '.join(s.value for s in LocalStatus)}.") from None
        recs = store.list(statuses=statuses)
        header = (f"{'id':>5}  {'created':16}  {'provider':8} {'tool':20} {'status':14} {'credits':>6}  "
                  f"{'input':40}  result")
        ctx.out.result("\n".join([header] + [_fmt_job(r) for r in recs]) if recs else "(no jobs)", recs)
        return EXIT_OK
    if action == "show":
        try:
            rec = store.get(int(a.id))
        except ValueError:
            raise InputError("Job ids are numbers, as 'verging jobs' lists them.") from None
        if rec is None:
            raise InputError(f"There is no job {a.id} in the local queue (see 'verging jobs').")
        ctx.out.result(_show(rec), rec)
        return EXIT_OK
    every = bool(getattr(a, "all", False))
    if every and a.ids:
        raise UsageError("Give job ids or --all, not both.")
    if not every and not a.ids:
        raise UsageError(f"Give the ids of the jobs to {action} (see 'verging jobs')"
                         + (", or --all to wait for every unfinished job." if action == "wait" else "."))
    ids = _ids(a)
    recs_by_id = {}
    for i in ids:
        r = store.get(i)
        if r is None:
            raise InputError(f"There is no job {i} in the local queue (see 'verging jobs').")
        recs_by_id[i] = r
    vimmerse_ids = [i for i in ids if recs_by_id[i].provider == VIMMERSE.id]
    varg_ids = [i for i in ids if recs_by_id[i].provider == VARG.id]
    if action == "retry" and vimmerse_ids:
        raise InputError(f"Job {vimmerse_ids[0]} is a Vimmerse job: Vimmerse has no retry; send it again with the "
                         "same 'verging vimmerse' command (it charges again).")
    if action == "retry" and varg_ids:
        raise InputError(f"Job {varg_ids[0]} is a varg job: send it again with the same 'verging varg' command "
                         "(an identical request may come from varg's cache, free).")
    # -o is checked before anything is sent or waited for; one id may name a file, several need a folder
    out = destination(a.out_dir, count=max(2, len(ids)) if every else len(ids), what="job result")
    verging_ids = [i for i in ids if i not in vimmerse_ids and i not in varg_ids]
    if varg_ids:
        gq = await ctx.varg_queue()
        for i in varg_ids:
            if recs_by_id[i].account != gq.account:
                raise InputError(f"Job {i} was sent to varg with another key or server than this one's; wait for "
                                 "it with that key (the profile, VARG_API_KEY or --sandbox-data it was sent with).")
    if vimmerse_ids:
        vq = await ctx.vimmerse_queue()
        for i in vimmerse_ids:
            if recs_by_id[i].account != vq.current_account:
                raise InputError(f"Job {i} was sent to Vimmerse with another key or server than this one's; "
                                 "wait for it with that key (the profile, VIMMERSE_API_KEY or --sandbox-data it "
                                 "was sent with).")
    if every:
        verging_ids, vimmerse_ids, varg_ids = await _unfinished(ctx)
        ids = verging_ids + vimmerse_ids + varg_ids
        if not ids:
            ctx.out.info("No unfinished jobs.")
            if ctx.out.as_json:
                ctx.out.result("", [])
            return EXIT_OK
        ctx.out.info(f"Waiting for {count(len(ids), 'job')}: {', '.join(map(str, ids))}.")
    q = await ctx.queue() if verging_ids or action == "retry" else None
    if action == "retry":
        assert q is not None
        for i in ids:
            rec = await q.retry(i)
            ctx.out.info(f"Job {i} sent again (estimated {credits(rec.estimated_credits or 0)}).")
    if out is not None:  # the user's latest choice replaces the one made at submit
        if q is not None and verging_ids:
            q.set_destination(verging_ids, out)
        if vimmerse_ids:
            (await ctx.vimmerse_queue()).set_destination(vimmerse_ids, out)
        if varg_ids:
            (await ctx.varg_queue()).set_destination(varg_ids, out)
    waits = []
    if verging_ids:
        assert q is not None
        waits.append(q.wait(verging_ids, timeout=a.timeout, download=not a.no_download))
    if vimmerse_ids:
        waits.append((await ctx.vimmerse_queue()).wait(vimmerse_ids, timeout=a.timeout, download=not a.no_download))
    if varg_ids:
        waits.append((await ctx.varg_queue()).wait(varg_ids, timeout=a.timeout, download=not a.no_download))
    done = {r.local_id: r for batch in await asyncio.gather(*waits) for r in batch}
    recs = [done[i] for i in ids if i in done]
    failed = [r for r in recs if r.status is not LocalStatus.COMPLETED]
    for r in recs:
        if r.status is LocalStatus.COMPLETED:
            paths = [str(p) for p in r.params.get("result_paths") or [] if p] or (
                [r.result_path] if r.result_path else [])
            for p in paths:
                ctx.out.wrote(Path(p))
    if ctx.out.as_json:
        ctx.out.result("", recs)
    if failed:
        raise JobFailed("; ".join(f"job {r.local_id} {r.status.value}: {r.error or 'no details'}" for r in failed))
    return EXIT_OK


async def _unfinished(ctx: Context) -> tuple[list[int], list[int], list[int]]:
    """``jobs wait --all``: the unfinished jobs of this Verging account, of this Vimmerse key and of
    this varg key (each provider asked only when it has jobs to wait for), with what is not waited
    for said."""
    store = ctx.store()
    open_ = [r for r in store.list() if r.status.open or (
        r.status is LocalStatus.COMPLETED and r.download_state.value != "done" and r.result_url)]
    verging: list[int] = []
    vimmerse: list[int] = []
    varg: list[int] = []
    mine: set[str] = set()
    if any(r.provider not in (VIMMERSE.id, VARG.id) for r in open_):
        q = await ctx.queue()
        await q.ensure_account()
        verging = [r.local_id for r in q.unfinished()]
        mine.add(q.current_account or "")
        lost = [r for r in store.list(statuses=[LocalStatus.UNKNOWN], account=q.current_account) if not r.remote_id]
        for r in lost:
            ctx.out.info(f"Job {r.local_id} ({r.input_name}) is unknown: it may exist on the server; check your "
                         "jobs on verging.ai.")
    if any(r.provider == VIMMERSE.id for r in open_):
        try:
            vq = await ctx.vimmerse_queue()
        except AuthError:
            ctx.out.info("Vimmerse jobs are not waited for: no Vimmerse key (run 'verging keys add --provider "
                         "vimmerse' or set VIMMERSE_API_KEY).")
        else:
            vimmerse = [r.local_id for r in vq.unfinished()]
            mine.add(vq.current_account or "")
    if any(r.provider == VARG.id for r in open_):
        try:
            gq = await ctx.varg_queue()
        except AuthError:
            ctx.out.info("varg jobs are not waited for: no varg key (run 'verging keys add --provider varg' or "
                         "set VARG_API_KEY).")
        else:
            varg = [r.local_id for r in gq.unfinished()]
            mine.add(gq.account or "")
    others = len([r for r in open_ if r.account not in mine])
    if others:
        ctx.out.info(plural("%n unfinished job(s) of another account or server (is|are) not waited for "
                            "(use that account's key).", others))
    return verging, vimmerse, varg
