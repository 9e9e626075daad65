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
    if not files:
        raise RenderError("no input file")
    src = files[0]
    try:
        n = max(1, min(4, int(args.get("quantity") or 1)))
    except (TypeError, ValueError):
        n = 1
    out_dir.mkdir(parents=True, exist_ok=True)
    out: list[Path] = []
    for i in range(n):
        dest = out_dir / f"{app.app_name}_sandbox_{i + 1}{src.suffix}"
        shutil.copyfile(src, dest)
        out.append(dest)
    return out
