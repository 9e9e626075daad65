"""Small file helpers shared by the services: atomic writes, never a half-written file; a result
copied to where the user wants it."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

from ..core.errors import InputError
from ..core.filetypes import unique_path
from ..core.i18n import _


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename it.

    A crash leaves either the old file or the new one, never a mix.
    """
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, p)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return p


def atomic_write_text(path: str | os.PathLike[str], text: str) -> Path:
    return atomic_write_bytes(path, text.encode("utf-8"))


def copy_result(src: str | os.PathLike[str], dest: str | os.PathLike[str], *, overwrite: bool = False) -> Path:
    """Copy a result; an existing file is replaced only when ``overwrite`` (the user said so),
    else the copy gets a free name like ``name (2).png``. Written through a ``.part`` file."""
    s, d = Path(src), Path(dest)
    if not s.is_file():
        raise InputError(_("The result file {path} is missing; download it again from the job queue.").format(path=s))
    if d.exists() and d.resolve() == s.resolve():
        return d
    if not overwrite:
        d = unique_path(d)
    d.parent.mkdir(parents=True, exist_ok=True)
    part = d.with_name(d.name + ".part")
    shutil.copyfile(s, part)
    os.replace(part, d)
    return d
