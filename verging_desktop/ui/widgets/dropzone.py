"""A drop zone: drag files (or folders) onto it, or press Browse; shows a preview once filled.

A web address works too, once the tab called :meth:`DropZone.enable_remote`: "From URL…" beside
Browse, Ctrl+V on the focused zone, or a link dragged from a browser all end in
:meth:`DropZone.open_url`, which fetches it in the zone (progress, Cancel; see
:mod:`~verging_desktop.ui.widgets.remote_input`) and then emits ``filesDropped`` with the fetched
file, as for a dropped one. :meth:`DropZone.origin` tells the tab the file's title and URL.

The zone only collects paths: what a file *is* is decided by its content afterwards (the tab
checks every file with ``core.filetypes`` / ``media.probe`` before anything is uploaded), so a
file named ``.jpg`` that holds a video is refused with a reason, not accepted by its name.

Signals:
    filesDropped(list): local paths (str) dropped or chosen, folders expanded to their files
        (one level, sorted, hidden files skipped).
    cleared(): the user pressed the clear button.
    urlDropped(str): a web address was given (pasted, typed or dragged); its fetch begins.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QMimeData, QSize, Qt, QUrl, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeyEvent,
    QKeySequence,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from .elide import ElidedLabel
from .remote_input import RemoteInput, Spawn, clipboard_url, url_from_mime

if TYPE_CHECKING:  # pragma: no cover
    from ...services.remote import RemoteMedia, Want
    from ..context import ToolContext

#: at most this many files are taken from one drop (a folder of thousands is cut short)
MAX_FILES = 500

#: file dialog filters, translated where the dialog opens (DropZone.browse)
IMAGE_FILTER = QT_TRANSLATE_NOOP("DropZone", "Images (*.jpg *.jpeg *.png *.webp);;All files (*)")
VIDEO_FILTER = QT_TRANSLATE_NOOP("DropZone", "Videos (*.mp4 *.mov *.m4v *.mkv *.webm *.avi);;All files (*)")


def local_paths(mime: QMimeData | None) -> list[str]:
    """The local file paths carried by a drag (non-file URLs are ignored)."""
    if mime is None or not mime.hasUrls():
        return []
    out = []
    for url in mime.urls():
        if url.isLocalFile():
            p = url.toLocalFile()
            if p:
                out.append(p)
    return out


def expand(paths: Iterable[str], limit: int = MAX_FILES) -> list[str]:
    """Files from ``paths``: folders give their files (one level, sorted, no hidden ones)."""
    out: list[str] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            try:
                children = sorted((c for c in path.iterdir() if c.is_file() and not c.name.startswith(".")),
                                  key=lambda c: c.name.lower())
            except OSError:
                children = []
            out.extend(str(c) for c in children)
        else:
            out.append(str(path))
        if len(out) >= limit:
            return out[:limit]
    return out


class ButtonRow(QWidget):
    """A centred row of buttons that puts its last button(s) on a second line when it is too
    narrow for one: its minimum width is the widest line of the two-line arrangement, so a narrow
    column never has to grow (nor a page scroll sideways) for a button."""

    def __init__(self, buttons: list[QAbstractButton], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dropButtons")
        self._buttons = buttons
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(6)
        self._grid.setVerticalSpacing(4)
        for b in buttons:
            b.setParent(self)
        self._one_line: bool | None = None
        self._place(True)

    def _shown(self) -> list[QAbstractButton]:
        return [b for b in self._buttons if not b.isHidden()]

    def _width(self, buttons: list[QAbstractButton]) -> int:
        if not buttons:
            return 0
        return sum(b.sizeHint().width() for b in buttons) + self._grid.horizontalSpacing() * (len(buttons) - 1)

    def _lines(self, one_line: bool) -> list[list[QAbstractButton]]:
        shown = self._shown()
        if one_line or len(shown) < 2:
            return [shown]
        # the first button and the last stay together (Browse… and Clear); the middle one goes below
        first = [shown[0], shown[-1]] if len(shown) > 2 else [shown[0]]
        return [first, [b for b in shown if b not in first]]

    def _place(self, one_line: bool) -> None:
        self._one_line = one_line
        while self._grid.count():
            item = self._grid.takeAt(0)
            inner = item.layout() if item is not None else None
            if inner is not None:
                while inner.count():
                    inner.takeAt(0)  # (the buttons stay this widget's children)
                inner.deleteLater()
        for row, line in enumerate(self._lines(one_line)):
            inner = QHBoxLayout()
            inner.setSpacing(self._grid.horizontalSpacing())
            inner.addStretch(1)
            for b in line:
                inner.addWidget(b)
            inner.addStretch(1)
            self._grid.addLayout(inner, row, 0)
        self._grid.invalidate()
        self._grid.activate()
        self.updateGeometry()

    def refresh(self) -> None:
        """A button was shown or hidden: lay the row out again."""
        self._place(self.width() >= self._width(self._shown()) if self.width() > 0 else True)

    def minimumSizeHint(self) -> QSize:
        lines = self._lines(False)
        w = max((self._width(line) for line in lines), default=0)
        h = self._height(self._lines(bool(self._one_line)))
        return QSize(w, h)

    def sizeHint(self) -> QSize:
        return QSize(self._width(self._shown()), self._height(self._lines(bool(self._one_line))))

    def _height(self, lines: list[list[QAbstractButton]]) -> int:
        rows = [max(b.sizeHint().height() for b in line) for line in lines if line]
        return sum(rows) + self._grid.verticalSpacing() * max(0, len(rows) - 1)

    def resizeEvent(self, e: QResizeEvent) -> None:
        super().resizeEvent(e)
        one = e.size().width() >= self._width(self._shown())
        if one != self._one_line:
            self._place(one)


class DropZone(QFrame):
    """A framed area that accepts dropped files and has a Browse button.

    ``multiple`` allows several files (and folders) at once; otherwise only the first file of
    a drop is kept. ``set_preview`` shows a picture (a face, a first frame) and a caption.
    """

    filesDropped = Signal(list)
    cleared = Signal()
    urlDropped = Signal(str)

    def __init__(self, title: str, hint: str = "", *, multiple: bool = False, file_filter: str = "",
                 dialog_title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setObjectName("dropZone")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.multiple = multiple
        self.file_filter = file_filter
        self.dialog_title = dialog_title or title
        self._hover = False
        self._pixmap: QPixmap | None = None
        self._dialog: QFileDialog | None = None
        self._start_dir = ""

        self.title_label = QLabel(f"<b>{title}</b>")
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        translate = QCoreApplication.translate  # DropZone is subclassed (ReferenceDrop): not self.tr
        self.hint_label = QLabel(hint or (translate("DropZone", "Drop files here") if multiple
                                          else translate("DropZone", "Drop a file here")))
        self.hint_label.setObjectName("dropHint")
        self.hint_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint_label.setWordWrap(True)
        self.hint_label.setEnabled(False)
        self.preview = QLabel()
        self.preview.setObjectName("dropPreview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.preview.setMinimumHeight(60)
        self.preview.hide()
        # one line, a long file name elided in the middle (the whole of it on hover)
        self.caption = ElidedLabel()
        self.caption.setObjectName("dropCaption")
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption.hide()
        self.browse_button = QPushButton(QCoreApplication.translate("DropZone", "Browse…"))
        self.browse_button.setObjectName("browseButton")
        self.browse_button.clicked.connect(self.browse)
        self.clear_button = QToolButton()
        self.clear_button.setText(QCoreApplication.translate("DropZone", "Clear"))
        self.clear_button.setObjectName("clearButton")
        self.clear_button.setToolTip(QCoreApplication.translate("DropZone", "Remove the file(s) from this slot"))
        self.clear_button.clicked.connect(self._clear_clicked)
        self.clear_button.hide()
        self.url_button = QPushButton(QCoreApplication.translate("DropZone", "From URL…"))
        self.url_button.setObjectName("urlButton")
        self.url_button.setToolTip(QCoreApplication.translate(
            "DropZone", "Fetch a video or image from a web address (or paste one here with Ctrl+V)"))
        self.url_button.clicked.connect(self.ask_url)
        self.url_button.hide()
        self.remote = RemoteInput(lambda path: self.take([path]))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        # Browse…, From URL… and Clear in one row when the zone is wide enough; in a narrow zone
        # (two zones side by side at the window's smallest) From URL… goes under the others
        self.buttons = ButtonRow([self.browse_button, self.url_button, self.clear_button])
        lay = QVBoxLayout(self)
        lay.setContentsMargins(10, 8, 10, 8)
        lay.addWidget(self.title_label)
        lay.addWidget(self.preview, 1)
        lay.addWidget(self.caption)
        lay.addWidget(self.hint_label)
        lay.addWidget(self.remote)
        lay.addWidget(self.buttons)
        self._apply_style()

    def sizeHint(self) -> QSize:
        return QSize(260, 170)

    # -- look -----------------------------------------------------------------------------------
    def _apply_style(self) -> None:
        color = "#3d7be0" if self._hover else "palette(mid)"
        bg = "rgba(61,123,224,0.10)" if self._hover else "transparent"
        self.setStyleSheet(f"QFrame#dropZone {{ border: 2px dashed {color}; border-radius: 8px; background: {bg}; }}"
                           " QFrame#dropZone:focus { border-color: palette(highlight); }")

    @property
    def hovering(self) -> bool:
        return self._hover

    def set_preview(self, pixmap: QPixmap | None, caption: str = "") -> None:
        """Show a picture and a caption (None and "" go back to the empty look)."""
        self._pixmap = pixmap if pixmap is not None and not pixmap.isNull() else None
        self.preview.setVisible(self._pixmap is not None)
        self._scale_preview()
        self.caption.set_full_text(caption)
        self.caption.setVisible(bool(caption))
        filled = self._pixmap is not None or bool(caption)
        self.hint_label.setVisible(not filled)
        self.clear_button.setVisible(filled)
        self.buttons.refresh()

    def clear(self) -> None:
        self.set_preview(None, "")

    def _scale_preview(self) -> None:
        if self._pixmap is None:
            self.preview.clear()
            return
        size = self.preview.size()
        if size.width() < 8 or size.height() < 8:
            size = QSize(200, 120)
        self.preview.setPixmap(self._pixmap.scaled(size, Qt.AspectRatioMode.KeepAspectRatio,
                                                   Qt.TransformationMode.SmoothTransformation))

    def resizeEvent(self, e: QResizeEvent) -> None:
        super().resizeEvent(e)
        self._scale_preview()

    def _clear_clicked(self) -> None:
        self.clear()
        self.cleared.emit()

    # -- drag and drop -----------------------------------------------------------------------------
    # -- web addresses ------------------------------------------------------------------------------
    def enable_remote(self, ctx: ToolContext, want: Want | None) -> None:
        """Take web addresses too (``want``: what the fetched file must be: "video", "image"...)."""
        from .remote_input import ctx_spawn, remote_dir

        self.accept_urls(ctx_spawn(ctx), remote_dir(ctx), want)

    def accept_urls(self, spawn: Spawn, cache_dir: Path, want: Want | None) -> None:
        """:meth:`enable_remote` for a widget without the tool context: fetched with ``spawn``
        (``spawn(coro, name)``) into ``cache_dir``."""
        self.remote.configure(spawn, cache_dir, want)
        self.url_button.show()
        self.buttons.refresh()

    def origin(self, path: str | os.PathLike[str]) -> RemoteMedia | None:
        """The web address ``path`` was fetched from, with its title (None: a local file)."""
        return self.remote.origin(path)

    def ask_url(self) -> None:
        """The "From URL…" dialog (prefilled from the clipboard when it holds an address)."""
        self.remote.ask()

    def open_url(self, url: str) -> None:
        """Fetch ``url`` here, then hand the file on as a dropped one (``filesDropped``)."""
        if not self.remote.enabled:
            return
        self.urlDropped.emit(url)
        self.remote.open_url(url)

    def _drag_url(self, mime: QMimeData | None) -> str | None:
        return url_from_mime(mime) if self.remote.enabled and not local_paths(mime) else None

    def keyPressEvent(self, e: QKeyEvent) -> None:
        if e.matches(QKeySequence.StandardKey.Paste):
            url = clipboard_url() if self.remote.enabled else None
            if url:
                e.accept()
                self.open_url(url)
                return
            from PySide6.QtGui import QGuiApplication

            cb = QGuiApplication.clipboard()
            files = local_paths(cb.mimeData()) if cb is not None else []
            if files:  # files copied in a file manager
                e.accept()
                self.take(files)
                return
        super().keyPressEvent(e)

    def dragEnterEvent(self, e: QDragEnterEvent) -> None:
        if local_paths(e.mimeData()) or self._drag_url(e.mimeData()):
            e.setDropAction(Qt.DropAction.CopyAction)
            e.accept()
            self._hover = True
            self._apply_style()
        else:
            e.ignore()

    def dragMoveEvent(self, e: QDragMoveEvent) -> None:
        if local_paths(e.mimeData()) or self._drag_url(e.mimeData()):
            e.setDropAction(Qt.DropAction.CopyAction)
            e.accept()
        else:
            e.ignore()

    def dragLeaveEvent(self, e: QDragLeaveEvent) -> None:
        self._hover = False
        self._apply_style()
        super().dragLeaveEvent(e)

    def dropEvent(self, e: QDropEvent) -> None:
        self._hover = False
        self._apply_style()
        paths = local_paths(e.mimeData())
        url = None if paths else self._drag_url(e.mimeData())
        if not paths and not url:
            e.ignore()
            return
        e.setDropAction(Qt.DropAction.CopyAction)
        e.accept()
        if url:
            self.open_url(url)
        else:
            self.take(paths)

    def take(self, paths: Iterable[str]) -> None:
        """Accept ``paths`` as if they had been dropped (folders expanded)."""
        files = expand(paths) if self.multiple else expand(list(paths)[:1], limit=1)
        if not files:
            return
        self.remote.clear_error()
        self._start_dir = str(Path(files[0]).parent)
        self.filesDropped.emit(files)

    # -- browse ----------------------------------------------------------------------------------
    def browse(self) -> None:
        """Open a file chooser without blocking the event loop (the answer arrives later)."""
        if self._dialog is not None:
            self._dialog.raise_()
            return
        file_filter = QCoreApplication.translate("DropZone", self.file_filter) if self.file_filter else ""
        d = QFileDialog(self.window(), self.dialog_title, self._start_dir or os.path.expanduser("~"), file_filter)
        d.setFileMode(QFileDialog.FileMode.ExistingFiles if self.multiple else QFileDialog.FileMode.ExistingFile)
        d.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        d.filesSelected.connect(self.take)
        d.finished.connect(lambda _r: setattr(self, "_dialog", None))
        self._dialog = d
        d.open()


def web_urls_mime(urls: Iterable[str]) -> QMimeData:
    """A QMimeData carrying web ``urls`` as a browser puts a dragged link (``text/uri-list`` and text)."""
    m = QMimeData()
    listed = list(urls)
    m.setUrls([QUrl(u) for u in listed])
    m.setText("\n".join(listed))
    return m


def drop_urls_mime(paths: Iterable[str | os.PathLike[str]]) -> QMimeData:
    """A QMimeData carrying ``paths`` as file URLs (what a file manager puts in a drag)."""
    m = QMimeData()
    m.setUrls([QUrl.fromLocalFile(str(Path(p).resolve())) for p in paths])
    return m
