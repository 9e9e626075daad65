"""Asynchronous jobs: face swap, video enhancement, background removal.

A job's state is computed from the clock, never stored as a status: with ``T`` the job's run
time (``job_seconds / speed`` when it was created or retried) and ``t`` the time since it started,

* ``t < 0.1 T``: PENDING, progress 0
* ``0.1 T <= t``: PROCESSING, progress ``100 t / T`` (1..99)
* ``t >= T`` and the result file exists: COMPLETED, progress 100
* a failure time has passed: FAILED (planned failures fail at ``0.5 T``; an ffmpeg error fails
  the job when it happens)

so progress continues across a restart of the sandbox on the same data directory. The result file
is made in a worker thread right after creation (and again after a restart if it was not finished).
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import sqlite3
import time
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ..core.redact import mask
from . import media
from .common import (
    API_PREFIX,
    HttpError,
    SandboxState,
    authenticate,
    bad,
    envelope,
    form_body,
    form_file,
    form_str,
    insufficient,
    iso,
    num,
    parse_bool,
    parse_float,
    safe_name,
)
from .media import MediaError

log = logging.getLogger("verging_desktop.sandbox")

JOB_TYPES = {"faceswap": "face-swap", "video_enhance": "video-enhance", "background_removal": "background-removal"}
STATUSES = ("pending", "processing", "completed", "failed")
FAIL_MARKER = "sandbox-fail"
#: extra seconds allowed over the 30 s limit (durations probed by clients differ slightly)
DURATION_GRACE = 0.5


# -- lifecycle -------------------------------------------------------------------------------
def job_state(row: sqlite3.Row, now: float) -> tuple[str, int, float]:
    """(status, progress, updated_at) of a job at time ``now``."""
    start = float(row["started_at"])
    total = max(0.05, float(row["run_seconds"]))
    failed_at = row["failed_at"]
    if failed_at is not None and float(failed_at) <= now:
        return "FAILED", _progress(float(failed_at) - start, total), float(failed_at)
    elapsed = now - start
    if elapsed < 0.1 * total:
        return "PENDING", 0, start
    ready = row["result_ready_at"]
    if elapsed >= total and ready is not None:
        return "COMPLETED", 100, max(start + total, float(ready))
    return "PROCESSING", _progress(elapsed, total), now


def _progress(elapsed: float, total: float) -> int:
    if elapsed < 0.1 * total:
        return 0
    return max(1, min(99, int(100 * elapsed / total)))


def job_json(state: SandboxState, row: sqlite3.Row, now: float, with_type: bool = False) -> dict[str, Any]:
    status, progress, updated = job_state(row, now)
    d: dict[str, Any] = {
        "id": int(row["id"]),
        "status": status,
        "progress": progress,
        "result_url": state.url(f"/_storage/results/{row['result_rel']}") if status == "COMPLETED" else None,
        "created_at": iso(float(row["created_at"])),
        "updated_at": iso(updated),
        "file_name": row["file_name"],
        "credits": num(row["credits"]),
    }
    if row["kind"] == "background_removal":
        d["image_url"] = state.url(f"/_storage/files/{row['input_rel'].split('/', 1)[1]}")
    if with_type:
        d["job_type"] = JOB_TYPES[row["kind"]]
    if status == "FAILED":
        d["error_message"] = row["error"]
    return d


# -- result production -----------------------------------------------------------------------
def produce(state: SandboxState, job_id: int) -> None:
    """Make the result file of a job (runs in a worker thread)."""
    store = state.store
    row = store.job(job_id)
    if row is None or row["failed_at"] is not None or row["result_ready_at"] is not None or state.registry.closed:
        return
    files = store.files_dir
    src = files / row["input_rel"]
    stem = safe_name(Path(row["file_name"]).stem, "result")[:60]
    kind = row["kind"]
    token = secrets.token_hex(12)
    out_dir = files / "results" / token
    out_dir.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    try:
        if kind == "faceswap":
            out = out_dir / f"{stem}_faceswap_sandbox.mp4"
            media.make_faceswap(state.registry, src, files / row["face_rel"], out)
        elif kind == "video_enhance":
            out = out_dir / f"{stem}_enhanced_sandbox.mp4"
            media.make_enhanced(state.registry, src, out)
        else:
            out = out_dir / f"{stem}_nobg_sandbox.png"
            media.make_cutout(state.registry, src, out)
    except Exception as e:
        if state.registry.closed:
            log.info("job %s: result interrupted by shutdown; it resumes on the next start", job_id)
            return
        log.warning("job %s failed in the sandbox: %s", job_id, e)
        store.mark_failed(job_id, f"Sandbox processing failed: {e}")
        return
    store.mark_result(job_id, f"{token}/{out.name}")
    log.info("job %s result ready in %.2f s: %s", job_id, time.monotonic() - started, out.name)


def submit(state: SandboxState, job_id: int) -> None:
    try:
        state.executor.submit(produce, state, job_id)
    except RuntimeError:  # the executor is shut down: the sandbox is stopping
        log.info("job %s not queued: the sandbox is stopping", job_id)


# -- helpers ---------------------------------------------------------------------------------
def resolve_upload(state: SandboxState, url: str | None) -> sqlite3.Row:
    """The completed upload behind a ``public_url`` this sandbox issued, or a 400."""
    hint = "target_video_url must be the public_url returned by /upload-video, after the PUT upload finished"
    if not url:
        raise bad(f"'target_video_url' is required ({hint}).")
    parts = urlsplit(url)
    segs = [unquote(s) for s in parts.path.split("/") if s]
    if parts.scheme not in ("http", "https") or len(segs) < 3 or segs[0] != "_storage" or segs[1] != "files":
        raise bad(f"Unknown target_video_url: {hint}.")
    up = state.store.upload(segs[2])
    if up is None:
        raise bad(f"Unknown target_video_url: {hint}.")
    if up["completed_at"] is None or not (state.store.files_dir / up["rel_path"]).is_file():
        raise bad("The video behind target_video_url has not been uploaded yet: PUT the file to the presigned url first.")
    return up


def parse_duration(state: SandboxState, value: Any, service: str) -> float:
    d = parse_float(value, "user_video_duration")
    limit = state.pricing.max_seconds(service)
    if d <= 0:
        raise bad("'user_video_duration' must be greater than 0.")
    if d > limit + DURATION_GRACE:
        raise bad(f"Videos are limited to {num(limit)} seconds per job (user_video_duration={num(d)}). Trim the video first.")
    return d


def parse_ids(value: str | None) -> list[int] | None:
    if value is None or value.strip() == "":
        return None
    ids: list[int] = []
    for part in value.split(","):
        p = part.strip()
        if not p:
            continue
        try:
            ids.append(int(p))
        except ValueError:
            raise bad(f"job_ids must be comma separated integers (got '{p}').") from None
    return ids


def create_job(
    state: SandboxState,
    account_id: int,
    kind: str,
    file_name: str,
    price: float,
    input_rel: str,
    face_rel: str | None = None,
    image_token: str | None = None,
    duration: float | None = None,
    hd: bool = False,
) -> int:
    """Charge and insert a job; 402 when the balance is short (nothing is created then)."""
    store = state.store
    now = time.time()
    run = state.run_seconds()
    with store.tx() as db:
        ok, balance = store.charge(db, account_id, price, "job", f"{kind}:{file_name}")
        if not ok:
            raise insufficient(price, balance)
        reason = None
        if state.take_fail_next():
            reason = "Sandbox: this job was set to fail (fail_next)."
        elif FAIL_MARKER in file_name.lower():
            reason = f"Sandbox: the file name contains '{FAIL_MARKER}'."
        job_id = int(
            db.execute(
                "INSERT INTO jobs(account_id, kind, file_name, input_rel, face_rel, image_token, video_duration, is_hd, "
                "credits, created_at, started_at, run_seconds, planned_fail, failed_at, error) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    account_id, kind, file_name, input_rel, face_rel, image_token, duration, int(hd), float(price),
                    now, now, run, int(reason is not None), (now + 0.5 * run) if reason else None, reason,
                ),
            ).lastrowid
            or 0
        )
    state.stats.add_charge(price)
    state.stats.count_job(kind)
    if reason is None:
        submit(state, job_id)
    log.info("created %s job %s (%s credits)%s", kind, job_id, num(price), " - will fail" if reason else "")
    return job_id


def _save(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


# -- handlers --------------------------------------------------------------------------------
class JobsApi:
    def __init__(self, state: SandboxState) -> None:
        self.state = state

    def routes(self) -> list[Route]:
        p = API_PREFIX
        routes = [
            Route(f"{p}/faceswap/create-job", self.faceswap_create, methods=["POST"]),
            Route(f"{p}/faceswap/jobs", self.list_faceswap, methods=["GET"]),
            Route(f"{p}/faceswap/retry-job/{{job_id}}", self.retry_faceswap, methods=["POST"]),
            Route(f"{p}/background-removal/create-job", self.bg_create, methods=["POST"]),
            Route(f"{p}/background-removal/jobs", self.list_bg, methods=["GET"]),
            Route(f"{p}/background-removal/retry-job/{{job_id}}", self.retry_bg, methods=["POST"]),
            Route(f"{p}/jobs/list-jobs", self.list_all, methods=["GET"]),
        ]
        for spelling in ("video-enhance", "video_enhance"):
            routes += [
                Route(f"{p}/{spelling}/create-job", self.enhance_create, methods=["POST"]),
                Route(f"{p}/{spelling}/jobs", self.list_enhance, methods=["GET"]),
                Route(f"{p}/{spelling}/retry-job/{{job_id}}", self.retry_enhance, methods=["POST"]),
            ]
        return routes

    # -- create ----------------------------------------------------------------------------
    async def faceswap_create(self, request: Request) -> Response:
        st = self.state
        who = authenticate(st, request)
        form = await form_body(request, max_size=20 * 1024 * 1024)
        swap = form_file(form, "swap_image")
        file_name = form_str(form, "file_name", required=True) or ""
        up = resolve_upload(st, form_str(form, "target_video_url", required=True))
        duration = parse_duration(st, form.get("user_video_duration"), "faceswap")
        hd = parse_bool(form.get("is_hd"), "is_hd")
        data = await swap.read()
        if len(data) > 10 * 1024 * 1024:
            raise bad("swap_image is too large (max 10 MB).")
        try:
            info = await asyncio.to_thread(media.probe_image, data)
        except MediaError as e:
            raise bad(f"swap_image is not a readable image: {e}") from None
        price = st.pricing.faceswap(duration, hd).credits
        if who.account.credits + 1e-9 < price:
            raise insufficient(price, who.account.credits)
        face_rel = f"inputs/{secrets.token_hex(12)}/face.{'jpg' if info.format == 'jpeg' else info.format}"
        await asyncio.to_thread(_save, st.store.files_dir / face_rel, data)
        try:
            job_id = create_job(st, who.account.id, "faceswap", file_name, price, up["rel_path"], face_rel=face_rel,
                                duration=duration, hd=hd)
        except HttpError:
            (st.store.files_dir / face_rel).unlink(missing_ok=True)
            raise
        return envelope({"job_id": job_id}, code=10000)

    async def enhance_create(self, request: Request) -> Response:
        st = self.state
        route = request.url.path[len(API_PREFIX):]
        if route not in st.faults.enhance_paths:
            raise HttpError(404, "Not Found")
        who = authenticate(st, request)
        form = await form_body(request, max_size=1024 * 1024)
        file_name = form_str(form, "file_name", required=True) or ""
        up = resolve_upload(st, form_str(form, "target_video_url", required=True))
        duration = parse_duration(st, form.get("user_video_duration"), "video_enhance")
        hd = parse_bool(form.get("is_hd"), "is_hd")
        price = st.pricing.video_enhance(duration, hd).credits
        job_id = create_job(st, who.account.id, "video_enhance", file_name, price, up["rel_path"], duration=duration, hd=hd)
        return envelope({"job_id": str(job_id)}, code=10000)

    async def bg_create(self, request: Request) -> Response:
        st = self.state
        who = authenticate(st, request)
        max_bytes = int(st.pricing.service("background_removal").get("max_bytes", 10 * 1024 * 1024))
        form = await form_body(request, max_size=max_bytes)
        image = form_file(form, "image")
        file_name = form_str(form, "file_name", required=True) or ""
        data = await image.read()
        if len(data) > max_bytes:
            raise bad(f"The image is too large ({len(data) / 1048576:.1f} MB); the limit is {max_bytes // 1048576} MB.")
        fmt = media.sniff_image(data[:64])
        if fmt not in ("png", "jpeg", "webp"):
            raise bad("The image must be a JPG, JPEG, PNG or WebP file.")
        try:
            await asyncio.to_thread(media.probe_image, data)
        except MediaError as e:
            raise bad(f"The image cannot be read: {e}") from None
        price = st.pricing.background_removal(1).credits
        if who.account.credits + 1e-9 < price:
            raise insufficient(price, who.account.credits)
        token = secrets.token_hex(16)
        ext = {"jpeg": "jpg"}.get(fmt, fmt)
        name = safe_name(file_name, f"image.{ext}")
        if "." not in name:
            name += f".{ext}"
        rel = f"uploads/{token}/{name}"
        await asyncio.to_thread(_save, st.store.files_dir / rel, data)
        st.store.new_upload(who.account.id, name, "background-removal", rel, token, ttl=0)
        st.store.complete_upload(token, len(data))
        job_id = create_job(st, who.account.id, "background_removal", file_name, price, rel, image_token=token)
        return envelope({"job_id": job_id}, code=10000)

    # -- lists -----------------------------------------------------------------------------
    def _list(self, request: Request, kind: str | None) -> Response:
        st = self.state
        who = authenticate(st, request)
        ids = parse_ids(request.query_params.get("job_ids"))
        status = (request.query_params.get("status") or "").strip().lower()
        if status and status not in STATUSES:
            raise bad(f"status must be one of {', '.join(STATUSES)}.")
        rows = st.store.jobs(who.account.id, kind, ids)
        if ids is not None:
            order = {i: n for n, i in enumerate(ids)}
            rows.sort(key=lambda r: order.get(int(r["id"]), 0))
        now = time.time()
        items = [job_json(st, r, now, with_type=kind is None) for r in rows]
        if status:
            items = [i for i in items if i["status"] == status.upper()]
        return JSONResponse(items)

    async def list_faceswap(self, request: Request) -> Response:
        return self._list(request, "faceswap")

    async def list_enhance(self, request: Request) -> Response:
        return self._list(request, "video_enhance")

    async def list_bg(self, request: Request) -> Response:
        return self._list(request, "background_removal")

    async def list_all(self, request: Request) -> Response:
        return self._list(request, None)

    # -- retry -----------------------------------------------------------------------------
    def _retry(self, request: Request, kind: str) -> Response:
        st = self.state
        who = authenticate(st, request)
        try:
            job_id = int(request.path_params["job_id"])
        except ValueError:
            raise HttpError(404, "Job not found") from None
        row = st.store.job(job_id)
        if row is None or int(row["account_id"]) != who.account.id or row["kind"] != kind:
            raise HttpError(404, f"Job {job_id} not found")
        now = time.time()
        status, _, _ = job_state(row, now)
        if status != "FAILED":
            raise bad(f"Only failed jobs can be retried; job {job_id} is {status}.")
        st.settle(now)
        price = float(row["credits"])
        run = st.run_seconds()
        planned = FAIL_MARKER in str(row["file_name"]).lower()
        with st.store.tx() as db:
            ok, balance = st.store.charge(db, who.account.id, price, "retry", f"job:{job_id}")
            if not ok:
                raise insufficient(price, balance)
            db.execute(
                "UPDATE jobs SET started_at = ?, run_seconds = ?, failed_at = ?, error = ?, refunded = 0, "
                "planned_fail = ?, attempts = attempts + 1 WHERE id = ?",
                (now, run, (now + 0.5 * run) if planned else None,
                 f"Sandbox: the file name contains '{FAIL_MARKER}'." if planned else None, int(planned), job_id),
            )
        st.stats.add_charge(price)
        if not planned and row["result_ready_at"] is None:
            submit(st, job_id)
        log.info("retried job %s for key %s", job_id, mask(who.key))
        return envelope({"job_id": str(job_id) if kind == "video_enhance" else job_id})

    async def retry_faceswap(self, request: Request) -> Response:
        return self._retry(request, "faceswap")

    async def retry_enhance(self, request: Request) -> Response:
        return self._retry(request, "video_enhance")

    async def retry_bg(self, request: Request) -> Response:
        return self._retry(request, "background_removal")


def resume_unfinished(state: SandboxState) -> int:
    """Queue result production for jobs a previous run did not finish; returns how many."""
    rows = state.store.unfinished_jobs()
    for r in rows:
        submit(state, int(r["id"]))
    return len(rows)
