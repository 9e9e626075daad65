"""A small still of a video (its first frame) for lists such as the job queue, made by ffmpeg.

The picture comes from an ffmpeg process, not from PyAV in this process: a list of jobs can
show a thumbnail without loading the decoders (and their memory) into the app while it idles.
"""

from __future__ import annotations

import logging
import os
import subprocess

from ..core.errors import VergingError
from .binaries import ffmpeg_exe
from .ffrun import ffpath

log = logging.getLogger("verging_desktop.media")


def poster_png(path: str | os.PathLike[str], width: int, height: int, *, timeout: float = 15.0) -> bytes | None:
    """The first frame of ``path`` as PNG bytes, fitted into ``width`` x ``height``; None when there is none."""
    try:
        cmd = [ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-nostdin", "-i", ffpath(path),
               "-map", "0:v:0", "-frames:v", "1", "-an", "-sn",
               "-vf", f"scale={width}:{height}:force_original_aspect_ratio=decrease",
               "-f", "image2pipe", "-c:v", "png", "pipe:1"]
        r = subprocess.run(cmd, capture_output=True, timeout=timeout, check=False)
    except (OSError, subprocess.SubprocessError, VergingError) as e:
        log.debug("no still of %s: %s", path, e)
        return None
    if r.returncode != 0 or not r.stdout:
        log.debug("no still of %s: %s", path, r.stderr.decode("utf-8", "replace").strip()[-300:])
        return None
    return r.stdout
