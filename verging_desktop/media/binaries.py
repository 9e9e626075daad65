"""Locate a working ffmpeg: one on PATH if it runs, else the one shipped by imageio-ffmpeg."""

from __future__ import annotations

import functools
import logging
import os
import shutil
import subprocess

from ..core.errors import VergingError
from ..core.i18n import _


class FfmpegMissing(VergingError):
    exit_code = 5


#: encoders the media layer needs (cutting re-encodes H.264 + AAC)
REQUIRED_ENCODERS = ("libx264", "aac")

log = logging.getLogger("verging_desktop.media")


def _works(exe: str) -> bool:
    try:
        r = subprocess.run([exe, "-hide_banner", "-version"], capture_output=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return False
    return r.returncode == 0


def _has_encoders(exe: str) -> bool:
    """True when ``exe`` was built with every encoder in :data:`REQUIRED_ENCODERS`.

    Some distributions ship ffmpeg without libx264; the bundled binary is better then.
    """
    try:
        r = subprocess.run([exe, "-hide_banner", "-encoders"], capture_output=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return False
    names = {line.split()[1] for line in r.stdout.decode("utf-8", "replace").splitlines()
             if len(line.split()) > 1 and len(line.split()[0]) == 6}
    return all(e in names for e in REQUIRED_ENCODERS)


@functools.lru_cache(maxsize=1)
def ffmpeg_exe() -> str:
    """The path of a working ffmpeg binary, or :class:`FfmpegMissing` with what to do."""
    override = os.environ.get("VERGING_FFMPEG")
    if override and _works(override):
        return override
    on_path = shutil.which("ffmpeg")
    if on_path and _works(on_path):
        if _has_encoders(on_path):
            return on_path
        log.info("%s lacks %s; using the bundled ffmpeg", on_path, " or ".join(REQUIRED_ENCODERS))
    try:
        import imageio_ffmpeg  # type: ignore[import-untyped]

        bundled = str(imageio_ffmpeg.get_ffmpeg_exe())
    except Exception:  # the wheel is missing or has no binary for this platform
        bundled = None
    if bundled and _works(bundled):
        return bundled
    if on_path and _works(on_path):
        return on_path  # better than nothing: stream copy and probing still work
    raise FfmpegMissing(_(
        "No working ffmpeg was found. Reinstall Verging Desktop (pip install verging-desktop ships one) "
        "or install ffmpeg from your system's package manager."
    ))
