"""What every provider's job queue shares: how often to ask, how a result is named, where it goes
and how it is saved.

* :func:`grown_interval`: the poll interval of a job of some age (quick while young, slower as it
  ages), for :class:`~verging_desktop.jobs.queue.PollPolicy` and the Vimmerse queue's policy.
* :func:`result_name`: ``<input stem>_<tool>.<ext>``; a job with several results numbers them
  (``clip_generated_1.mp4``, ``clip_generated_2.mp4``...).
* :func:`planned_target`: the destination stored with the job (chosen at submit), else a folder.
* :func:`save_results`: the download bookkeeping: a free name claimed at once (never overwriting),
  the planned paths stored before the first byte so an interrupted download resumes into the same
  file, progress written to the store a few times a second, ``done`` only when every result is saved;
  the job names the files really written (``name (2).ext`` when another program took the planned name
  meanwhile), and a download the file server refused for good leaves no ``.part`` file behind.
* :func:`wait_event`: wait for an event or a timeout (the pollers' sleep, woken by ``refresh``).
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from ..core import filetypes as ft
from ..core.errors import ApiError, InputError, NotFound, Progress, TransportError, VergingError
from ..core.i18n import N_, _
from ..core.outputs import Destination
from ..core.stored_text import stored, template
from .store import DownloadState, JobRecord, JobStore

#: the word a result's name gets for each job kind (``clip_faceswap.mp4``)
TOOL_SUFFIX: dict[str, str] = {
    "face-swap": "faceswap", "video-enhance": "enhanced", "background-removal": "nobg",
    "vimmerse-crop": "cropped", "vimmerse-reframe": "reframed", "vimmerse-enhance": "enhanced",
    "vimmerse-sound-effect": "sound", "vimmerse-avatar": "avatar", "vimmerse-lip-sync": "lipsync",
    "vimmerse-video-effects": "effect", "vimmerse-replace-background": "newbg",
    "vimmerse-reference-to-video": "generated", "vimmerse-video-to-video": "restyled",
    "vimmerse-add-audio": "withaudio",
    "varg-video": "generated", "varg-image": "image", "varg-background-removal": "nobg", "varg-speech": "speech",
    "varg-music": "music", "varg-transcription": "transcript",
}
#: the extension a result gets when its address has none
DEFAULT_EXT: dict[str, str] = {"background-removal": ".png", "varg-image": ".png", "varg-background-removal": ".png",
                               "varg-speech": ".mp3", "varg-music": ".mp3", "varg-transcription": ".txt"}
VIDEO_EXT = ".mp4"

#: fetches ``url`` into ``dest`` (atomically, through ``dest.part``), reporting progress
Fetch = Callable[[str, Path, Callable[[Progress], None]], Awaitable[Path]]

#: a stored job text (core.stored_text): why the result is not on this computer
DOWNLOAD_FAILED = template(N_("Download failed: {reason}"))
#: a stored job text: a job that failed before it left this computer (or was refused here)
NOTHING_CHARGED = template(N_("{reason} Nothing was charged."))


def grown_interval(base: float, slowest: float, ramp: float, age: float) -> float:
    """``base`` seconds for a new job, one more every ``ramp`` seconds of age, at most ``slowest``."""
    return max(base, min(slowest, base + max(0.0, age) / ramp))


def result_name(rec: JobRecord, url: str | None, index: int | None = None) -> str:
    """The usual name of ``rec``'s result at ``url``: ``<stem>_<tool><ext>``, with ``_<index>``
    (1-based) when the job has several results."""
    stem = Path(rec.input_name or "result").stem or "result"
    ext = ""
    if url:
        tail = ft.filename_from_url(url, "")
        if "." in tail:
            ext = "." + tail.rsplit(".", 1)[1].lower()
    if not ext or len(ext) > 6:
        ext = DEFAULT_EXT.get(rec.kind, VIDEO_EXT if rec.kind in TOOL_SUFFIX else ".bin")
    number = f"_{index}" if index is not None else ""
    return ft.safe_filename(f"{stem}_{TOOL_SUFFIX.get(rec.kind, 'result')}{number}{ext}")


def numbered(path: Path, index: int | None) -> Path:
    """``swap.mp4`` -> ``swap_2.mp4`` for the second of several results (a file name the user gave)."""
    if index is None:
        return path
    return path.with_name(f"{path.stem}_{index}{path.suffix}")


def planned_target(rec: JobRecord, usual: str, dest_dir: Path | None, download_dir: Path | None,
                   index: int | None = None) -> Path | None:
    """Where a result whose usual name is ``usual`` goes before a free name is picked: ``dest_dir``
    when given, else the destination stored at submit, else the download folder (None: nowhere)."""
    if dest_dir is None and rec.dest:
        d = Destination.decode(rec.dest)
        target = d.target(usual)
        return target if d.folder else numbered(target, index)
    folder = dest_dir or download_dir
    return Path(folder) / usual if folder is not None else None


def progress_writer(store: JobStore, local_id: int, index: int = 0, count: int = 1) -> Callable[[Progress], None]:
    """A download progress callback that writes the job's share done to the store (4 times a second)."""
    last = [0.0]

    def on_progress(p: Progress) -> None:
        now = time.monotonic()
        if p.fraction is not None and (now - last[0] > 0.25 or p.fraction >= 1):
            last[0] = now
            store.update(local_id, download_progress=(index + p.fraction) / count * 100)

    return on_progress


def failed_for_good(e: VergingError) -> bool:
    """A download refused by the file server (a 4xx: gone, expired, forbidden): trying again later
    cannot finish it. The network, a 5xx or a name that could not be given may pass."""
    return isinstance(e, ApiError) and not e.transient and e.status is not None and 400 <= e.status < 500


async def save_results(store: JobStore, local_id: int, urls: list[str], *, fetch: Fetch,
                       target: Callable[[JobRecord, int | None], Path | None],
                       dest: Path | None = None,
                       fresh_urls: Callable[[], Awaitable[list[str] | None]] | None = None,
                       record_paths: bool = False) -> Path | None:
    """Download every result of a completed job (``urls``), never overwriting; returns the first.

    ``target(rec, index)`` is the usual place of result ``index`` (None for a single result);
    ``dest`` a file name the user chose now (numbered for several results). A path planned earlier
    whose file is not there yet is used again, so a partial download resumes into it. When a
    download fails for a stale address, ``fresh_urls`` may give the current ones (asked once).
    With ``record_paths`` the planned paths are stored in ``params["result_paths"]`` (and how many
    are saved in ``params["results_saved"]``) before the first byte arrives."""
    rec = store.get(local_id)
    if rec is None or not urls:
        return None
    if rec.download_state is DownloadState.DONE and rec.result_path and Path(rec.result_path).exists():
        return Path(rec.result_path)
    count = len(urls)
    several = count > 1
    planned: list[str] = [str(p) for p in rec.params.get("result_paths") or []] if record_paths else []
    saved = int(rec.params.get("results_saved") or 0) if record_paths and dest is None else 0
    if not record_paths and rec.result_path:
        planned = [rec.result_path]
    paths: list[Path] = []
    for i in range(count):
        index = i + 1 if several else None
        if dest is not None:
            paths.append(ft.reserve_path(numbered(dest, index)))
            continue
        old = Path(planned[i]) if i < len(planned) else None
        if old is not None and (i < saved or not old.exists()):
            paths.append(old)  # saved already, or planned: a partial download resumes into it
            continue
        where = target(rec, index)
        if where is None:
            raise InputError(_("Choose a download folder in Settings first."))
        paths.append(ft.reserve_path(where))
    changes: dict[str, Any] = {"download_state": DownloadState.DOWNLOADING, "result_path": str(paths[0]),
                               "download_progress": saved / count * 100}
    if record_paths:
        changes["params"] = {**rec.params, "result_paths": [str(p) for p in paths], "results_saved": saved}
    rec = store.update(local_id, **changes)
    i = saved
    try:
        for i in range(saved, count):
            on_progress = progress_writer(store, local_id, i, count)
            try:
                got = await fetch(urls[i], paths[i], on_progress)
            except (TransportError, NotFound):
                # the address may be stale (a sandbox restarted on another port, an expired link): ask again once
                fresh = await fresh_urls() if fresh_urls is not None else None
                if not fresh or len(fresh) != count or fresh[i] == urls[i]:
                    raise
                urls = fresh
                got = await fetch(urls[i], paths[i], on_progress)
            # the file really written: the next free name when another program took the planned one meanwhile
            paths[i] = Path(got)
            cur = store.get(local_id) or rec
            ch: dict[str, Any] = {"result_path": str(paths[0])}
            if record_paths:
                ch["params"] = {**cur.params, "result_paths": [str(p) for p in paths], "results_saved": i + 1}
            rec = store.update(local_id, **ch)
    except asyncio.CancelledError:
        store.update(local_id, download_state=DownloadState.NONE)
        raise
    except VergingError as e:
        if failed_for_good(e):  # no .part left behind; a download that can go on keeps it for the resume
            for p in paths[i:]:
                with contextlib.suppress(OSError):
                    p.with_name(p.name + ".part").unlink(missing_ok=True)
        store.update(local_id, download_state=DownloadState.FAILED, error=stored(DOWNLOAD_FAILED, reason=e))
        return None
    store.update(local_id, download_state=DownloadState.DONE, result_path=str(paths[0]), download_progress=100.0)
    return paths[0]


def set_destination(store: JobStore, local_ids: list[int], dest: Destination) -> None:
    """The user chose a new destination for these jobs: it replaces the one stored at submit.

    Results planned for the old place and not saved yet are forgotten (their ``.part`` files
    removed), so the download goes to the new one; once some of a job's results are saved,
    the rest follow them (one job's results stay together)."""
    changes: dict[int, dict[str, Any]] = {}
    for rec in store.get_many(local_ids).values():
        ch: dict[str, Any] = {"dest": dest.encode()}
        planned = [Path(str(p)) for p in rec.params.get("result_paths") or []] or (
            [Path(rec.result_path)] if rec.result_path else [])
        if (rec.download_state is not DownloadState.DONE and rec.dest != dest.encode() and planned
                and not int(rec.params.get("results_saved") or 0)):
            for old in planned:
                with contextlib.suppress(OSError):
                    old.with_name(old.name + ".part").unlink(missing_ok=True)
            ch["params"] = {k: v for k, v in rec.params.items() if k not in ("result_paths", "results_saved")}
            ch["result_path"] = None
            ch["download_progress"] = None
        changes[rec.local_id] = ch
    if changes:
        store.update_many(changes)


async def wait_event(ev: asyncio.Event, timeout: float) -> None:
    """Until ``ev`` is set or ``timeout`` seconds pass."""
    with contextlib.suppress(asyncio.TimeoutError):
        await asyncio.wait_for(ev.wait(), timeout)
