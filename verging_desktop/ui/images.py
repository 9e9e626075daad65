"""Images through Qt: a content check that the picture decodes, reading, downscaling to a size
limit, thumbnails and a PNG copy. Worker-thread safe: QImage and QImageReader only, no QPixmap
(call these through ``asyncio.to_thread``).

The Qt-free part of the checks (format by content, size on disk) is
:func:`verging_desktop.core.filetypes.check_image`; its result here is a
:class:`~verging_desktop.core.filetypes.ImageCheck`.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QImage, QImageReader

from ..core import filetypes as ft
from ..core.errors import InputError
from ..core.filetypes import ImageCheck

__all__ = ["ImageCheck", "check_image_file", "downscale_to_fit", "make_thumbnail", "read_image", "save_png"]

#: no QObject here (worker threads): the messages are translated in the context "Images"
translate = QCoreApplication.translate


def check_image_file(path: str | os.PathLike[str], formats: tuple[str, ...] = ft.BG_REMOVAL_FORMATS,
                     what: str = "image") -> ImageCheck:
    """An image of one of ``formats`` that Qt can decode, by content; size is checked by the caller.

    Raises :class:`InputError` with a reason a person can act on.
    """
    p, kind = ft.check_image(path, formats=formats, max_bytes=None, what=what)
    reader = QImageReader(str(p))
    reader.setDecideFormatFromContent(True)
    size = reader.size()
    if not reader.canRead() or not size.isValid() or size.isEmpty():
        raise InputError(translate("Images", "%1 is not a readable image: its %2 data is damaged or incomplete.")
                         .replace("%1", p.name).replace("%2", kind.upper()))
    return ImageCheck(p, kind, p.stat().st_size, size.width(), size.height())


def read_image(path: str | os.PathLike[str]) -> QImage:
    reader = QImageReader(str(path))
    reader.setDecideFormatFromContent(True)
    reader.setAutoTransform(True)
    img = reader.read()
    if img.isNull():
        raise InputError(translate("Images", "%1 cannot be decoded: %2").replace("%1", Path(path).name)
                         .replace("%2", reader.errorString()))
    return img


def downscale_to_fit(src: str | os.PathLike[str], dst_dir: str | os.PathLike[str],
                     max_bytes: int = ft.IMAGE_MAX_BYTES) -> tuple[Path, str]:
    """Write a smaller copy of ``src`` (same format family) under ``max_bytes``; returns (path, note).

    PNG and WebP keep their transparency; JPEG is re-encoded at quality 90. The picture is
    scaled down in steps of about 20 % until the file fits. Run in a worker thread.
    """
    src_p = Path(src)
    img = read_image(src_p)
    kind = ft.sniff(src_p) or "png"
    fmt, ext, quality = {"jpeg": ("JPEG", ".jpg", 90), "webp": ("WEBP", ".webp", 90)}.get(kind, ("PNG", ".png", -1))
    out_dir = Path(dst_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    dst = ft.unique_path(out_dir / f"{src_p.stem}_downscaled{ext}")
    w0, h0 = img.width(), img.height()
    # a first guess from the byte ratio (area scales with the square of the side), then shrink
    factor = min(1.0, (max_bytes / max(1, src_p.stat().st_size)) ** 0.5 * 0.95)
    for _ in range(25):
        w, h = max(1, int(w0 * factor)), max(1, int(h0 * factor))
        scaled = img.scaled(w, h, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation)
        if not scaled.save(str(dst), fmt, quality):
            raise InputError(translate("Images", "Could not write a smaller copy of %1 to %2.")
                             .replace("%1", src_p.name).replace("%2", str(dst.parent)))
        if dst.stat().st_size <= max_bytes:
            return dst, (translate("Images", "downscaled from %1 to %2 (%3 MB)")
                         .replace("%1", f"{w0}×{h0}").replace("%2", f"{w}×{h}")
                         .replace("%3", f"{dst.stat().st_size / ft.MB:.1f}"))
        factor *= 0.8
    with contextlib.suppress(OSError):
        dst.unlink()
    raise InputError(translate("Images", "%1 could not be made smaller than %2 MB.").replace("%1", src_p.name)
                     .replace("%2", str(max_bytes // ft.MB)))


def make_thumbnail(path: str | os.PathLike[str], size: int = 256) -> QImage | None:
    """A small picture of an image file (worker-thread safe)."""
    reader = QImageReader(str(path))
    reader.setDecideFormatFromContent(True)
    reader.setAutoTransform(True)
    s = reader.size()
    if s.isValid() and (s.width() > size or s.height() > size):
        s.scale(size, size, Qt.AspectRatioMode.KeepAspectRatio)
        reader.setScaledSize(s)
    img = reader.read()
    return None if img.isNull() else img


def save_png(src: str | os.PathLike[str], dest: str | os.PathLike[str], *, overwrite: bool) -> Path:
    """Write ``src`` (any format Qt reads) as a PNG at ``dest``, through a ``.part`` file; an
    existing file is replaced only when ``overwrite``, else the copy gets a free name."""
    img = read_image(src)
    d = Path(dest) if overwrite else ft.unique_path(dest)
    part = d.with_name(d.name + ".part")
    if not img.save(str(part), "PNG"):
        raise InputError(translate("Images", "Could not write %1.").replace("%1", str(d)))
    os.replace(part, d)
    return d
