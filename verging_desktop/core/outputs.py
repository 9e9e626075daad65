"""Where a result goes: one rule for every command's ``-o`` (and for every later download).

* An existing folder, or a path ending in a separator, receives the result under its usual name
  (``clip_faceswap.mp4``, ``photo_nobg.png``...).
* A name without an extension gets the result's extension (``-o swap`` -> ``swap.mp4``).
* With several results (a batch), ``-o`` must be a folder; it is created if missing.
* Nothing is overwritten: when the file exists by the time the result arrives, the result is
  saved as ``name (2).ext`` next to it (:func:`verging_desktop.core.filetypes.reserve_path`).

A destination is stored with a job before it is sent (:meth:`Destination.encode`), so a result
downloaded after a crash still goes where the user asked.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError
from .i18n import N_, _

#: suffixes that count as a file extension (anything else, like "take.v2", gets one added)
KNOWN_EXTENSIONS = frozenset(
    [".mp4", ".mov", ".m4v", ".mkv", ".webm", ".avi", ".png", ".jpg", ".jpeg", ".webp", ".gif", ".bmp", ".tif", ".tiff", ".mp3", ".opus", ".aac", ".flac", ".wav", ".pcm", ".m4a", ".ogg", ".mpeg", ".mpga", ".txt", ".srt", ".vtt", ".json", ".md"])

_SEPARATORS = tuple(s for s in (os.sep, os.altsep, "/") if s)


def has_extension(path: str | os.PathLike[str]) -> bool:
    return Path(path).suffix.lower() in KNOWN_EXTENSIONS


@dataclass(frozen=True)
class Destination:
    """An output chosen by the user: a folder (results keep their usual names) or a file name."""

    path: Path
    folder: bool

    def target(self, usual_name: str) -> Path:
        """The file for a result whose usual name (with its real extension) is ``usual_name``."""
        if self.folder:
            return self.path / usual_name
        if not has_extension(self.path):
            ext = Path(usual_name).suffix
            return self.path.with_name(self.path.name + ext) if ext else self.path
        return self.path

    def encode(self) -> str:
        """For the job store: a folder keeps a trailing separator."""
        s = str(self.path)
        return s + os.sep if self.folder and not s.endswith(_SEPARATORS) else s

    @classmethod
    def decode(cls, value: str) -> Destination:
        folder = value.endswith(_SEPARATORS)
        return cls(Path(value.rstrip("/" + os.sep) or value), folder)


def destination(value: str | os.PathLike[str] | None, *, count: int = 1, what: str = N_("result"),
                cwd: str | os.PathLike[str] | None = None, option: str = "-o") -> Destination | None:
    """Read ``-o VALUE`` for ``count`` results (absolute, so it stays right for a later ``jobs wait``).

    Raises :class:`InputError` with what to type instead when it cannot work: a batch into one file,
    a file where a folder is needed."""
    if value is None or str(value).strip() == "":
        return None
    raw = os.fspath(value)
    p = Path(raw).expanduser()
    if not p.is_absolute():
        p = Path(cwd or Path.cwd()) / p
    p = Path(os.path.normpath(p))
    folder = raw.endswith(_SEPARATORS) or p.is_dir()
    if folder and p.exists() and not p.is_dir():
        raise InputError(_("{path} is a file, not a folder. Give a folder or a new file name for {option}.").format(
            path=p, option=option))
    if count > 1 and not folder:
        # "{count} {what}s": the English plural of the noun; a translation writes its own form
        if p.exists():
            raise InputError(_("With {count} {what}s, {option} must be a folder, and {path} is a file. "
                               "Give a folder, for example {option} {stem}_results/").format(
                count=count, what=_(what), option=option, path=p, stem=p.stem))
        if has_extension(p):
            raise InputError(_("With {count} {what}s, {option} must be a folder (it is created if missing); "
                               "'{raw}' looks like a file name. Give a folder, for example {option} {stem}/").format(
                count=count, what=_(what), option=option, raw=raw, stem=p.stem))
        folder = True
    for parent in [p, *p.parents] if folder else list(p.parents):
        if parent.exists():
            if not parent.is_dir():
                raise InputError(_("{parent} is a file, so {path} cannot be created. Choose another {option}.").format(
                    parent=parent, path=p, option=option))
            break
    return Destination(p, folder)
