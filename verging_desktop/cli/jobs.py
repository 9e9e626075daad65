"""Jobs through the persistent queue: ``run_jobs`` for the commands that create them, ``verging jobs``."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from pathlib import Path

from ..core.errors import InputError, JobFailed
from ..core.outputs import destination
from ..core.plural import count, credits, plural
from ..core.tools import kind_retries
from ..jobs.queue import JobQueue
from ..jobs.store import JobRecord, LocalStatus
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


def _fmt_job(r: JobRecord) -> str:
    when = datetime.fromtimestamp(r.created_at).strftime("%Y-%m-%d %H:%M")
    cr = f"{r.charged_credits:g}" if r.charged_credits is not None else (
        f"~{r.estimated_credits:g}" if r.estimated_credits is not None else "-")
    tail = r.result_path or r.result_url or (r.error or "")
    return (f"{r.local_id:>5}  {when}  {r.kind:18} {cli_status(r):14} "
            f"{cr:>6}  {r.input_name[:40]:40}  {tail}")


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
        header = f"{'id':>5}  {'created':16}  {'tool':18} {'status':14} {'credits':>6}  {'input':40}  result"
        ctx.out.result("\n".join([header] + [_fmt_job(r) for r in recs]) if recs else "(no jobs)", recs)
        return EXIT_OK
    every = bool(getattr(a, "all", False))
    if every and a.ids:
        raise UsageError("Give job ids or --all, not both.")
    if not every and not a.ids:
        raise UsageError(f"Give the ids of the jobs to {action} (see 'verging jobs')"
                         + (", or --all to wait for every unfinished job." if action == "wait" else "."))
    try:
        ids = [int(i) for i in a.ids]
    except ValueError:
        raise InputError("Job ids are numbers, as 'verging jobs' lists them.") from None
    for i in ids:
        if store.get(i) is None:
            raise InputError(f"There is no job {i} in the local queue (see 'verging jobs').")
    # -o is checked before anything is sent or waited for; one id may name a file, several need a folder
    out = destination(a.out_dir, count=max(2, len(ids)) if every else len(ids), what="job result")
    q = await ctx.queue()
    if every:
        await q.ensure_account()
        ids = [r.local_id for r in q.unfinished()]
        lost = [r for r in store.list(statuses=[LocalStatus.UNKNOWN], account=q.current_account) if not r.remote_id]
        for r in lost:
            ctx.out.info(f"Job {r.local_id} ({r.input_name}) is unknown: it may exist on the server; check your "
                         "jobs on verging.ai.")
        others = len([r for r in store.list() if r.account != q.current_account and (r.status.open or (
            r.status is LocalStatus.COMPLETED and r.download_state.value != "done"))])
        if others:
            ctx.out.info(plural("%n unfinished job(s) of another account or server (is|are) not waited for "
                                "(use that account's key).", others))
        if not ids:
            ctx.out.info("No unfinished jobs.")
            if ctx.out.as_json:
                ctx.out.result("", [])
            return EXIT_OK
        ctx.out.info(f"Waiting for {count(len(ids), 'job')}: {', '.join(map(str, ids))}.")
    if action == "retry":
        for i in ids:
            rec = await q.retry(i)
            ctx.out.info(f"Job {i} sent again (estimated {credits(rec.estimated_credits or 0)}).")
    if out is not None:  # the user's latest choice replaces the one made at submit
        q.set_destination(ids, out)
    recs = await q.wait(ids, timeout=a.timeout, download=not a.no_download)
    failed = [r for r in recs if r.status is not LocalStatus.COMPLETED]
    for r in recs:
        if r.result_path and r.status is LocalStatus.COMPLETED:
            ctx.out.wrote(Path(r.result_path))
    if ctx.out.as_json:
        ctx.out.result("", recs)
    if failed:
        raise JobFailed("; ".join(f"job {r.local_id} {r.status.value}: {r.error or 'no details'}" for r in failed))
    return EXIT_OK
