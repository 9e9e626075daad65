"""The uploads in progress, as the tabs see them: local id -> fraction done and time left.

A tab that uploads a job's file (``ui/tools/video_base.py``) reports each progress step here
with the time left its :class:`~verging_desktop.core.eta.Eta` measured; the Job Queue's rows
read it while the job is still being prepared ("Uploading… 40 % · about 25 s left"). Nothing
is stored: an upload that ends (or a row of another run) simply has no entry.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class UploadState:
    fraction: float | None
    seconds_left: float | None


_UPLOADS: dict[int, UploadState] = {}


def report(local_id: int, fraction: float | None, seconds_left: float | None) -> None:
    _UPLOADS[local_id] = UploadState(fraction, seconds_left)


def finished(local_id: int) -> None:
    _UPLOADS.pop(local_id, None)


def state(local_id: int) -> UploadState | None:
    return _UPLOADS.get(local_id)
