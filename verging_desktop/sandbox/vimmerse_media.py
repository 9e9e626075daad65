"""Sandbox results for the Vimmerse routes (a placeholder until the real renderer lands).

The real module (task H2) renders each app with ffmpeg; this minimal version copies the first
input once per result so the wire format can be tested. It keeps the contract's signature.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from ..api.vimmerse.models import App


class RenderError(Exception):
    """A result cannot be made from these inputs (the message says why)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def render(app: App, args: dict[str, Any], inputs: dict[str, list[Path]], out_dir: Path, *,
           ffmpeg: str | None = None) -> list[Path]:
    files = [p for paths in inputs.values() for p in paths]
    out_dir.mkdir(parents=True, exist_ok=True)
    if files:
        src = files[0]
    else:  # a talking avatar from a text: a short plain clip
        import subprocess

        from ..media.binaries import ffmpeg_exe

        src = out_dir / "blank.mp4"
        subprocess.run([ffmpeg or ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                        "color=c=red:s=160x120:d=1", "-pix_fmt", "yuv420p", str(src)], check=True, timeout=60)
    try:
        n = max(1, min(4, int(args.get("quantity") or 1)))
    except (TypeError, ValueError):
        n = 1
    out: list[Path] = []
    for i in range(n):
        dest = out_dir / f"{app.app_name}_sandbox_{i + 1}{src.suffix}"
        shutil.copyfile(src, dest)
        out.append(dest)
    return out
