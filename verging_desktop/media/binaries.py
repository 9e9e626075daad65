"""Locate a working ffmpeg: one on PATH if it runs, else the one shipped by imageio-ffmpeg."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess

from ..core.errors import VergingError


class FfmpegMissing(VergingError):
    exit_code = 5


def _works(exe: str) -> bool:
    try:
        r = subprocess.run([exe, "-hide_banner", "-version"], capture_output=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return False
    return r.returncode == 0


@functools.lru_cache(maxsize=1)
def ffmpeg_exe() -> str:
    """The path of a working ffmpeg binary, or :class:`FfmpegMissing` with what to do."""
    override = os.environ.get("VERGING_FFMPEG")
    if override and _works(override):
        return override
    on_path = shutil.which("ffmpeg")
    if on_path and _works(on_path):
        return on_path
    try:
        import imageio_ffmpeg

        bundled = imageio_ffmpeg.get_ffmpeg_exe()
    except Exception:  # the wheel is missing or has no binary for this platform
        bundled = None
    if bundled and _works(bundled):
        return bundled
    raise FfmpegMissing(
        "No working ffmpeg was found. Reinstall Verging Desktop (pip install verging-desktop ships one) "
        "or install ffmpeg from your system's package manager."
    )
