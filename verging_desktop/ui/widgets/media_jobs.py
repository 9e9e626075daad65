"""Pieces shared by the Face Swap, Video Enhance and Background Removal tabs.

* :class:`JobWatcher` follows the current job queue (live or sandbox) and re-emits every job
  record change as a Qt signal on the GUI thread;
* :class:`CostBar` shows what a submit will cost next to the balance, in red with the shortfall
  (and a link to buy credits) when the balance is too low;
* :class:`StepsList` shows each submission's steps (cut, upload, create job, queue) with progress;
* :class:`ResultPanel` is the compare view of one job with Save as, Open folder and Retry, and
  the estimate next to what was charged;
* helpers: content hashes, image checks and downscaling (QImage, in a worker thread), non-blocking
  confirmation and save dialogs.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QImage, QImageReader
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core import filetypes as ft
from ...core.errors import InputError
from ...core.settings import BUY_CREDITS_URL
from ...jobs.store import DownloadState, JobRecord, LocalStatus
from ...jobs.words import result_status
from ..plural import credits as _credits
from ..video.compare import CompareView
from .elide import ElidedLabel

if TYPE_CHECKING:  # pragma: no cover
    from ..context import ToolContext
    from ..jobs_service import JobsService

log = logging.getLogger("verging_desktop.ui.media_jobs")

RED = "#c62828"
GREEN = "#2e7d32"


#: ``1 credit``, ``15 credits``, ``0.5 credits``, ``–`` (Qt's %n forms: :func:`ui.plural.credits`)
n_credits = _credits


# ------------------------------------------------------------------------------------------------
# images: content checks and downscaling (worker-thread safe: QImage only, no QPixmap)


@dataclass(frozen=True)
class ImageCheck:
    path: Path
    kind: str
    size_bytes: int
    width: int
    height: int

    @property
    def too_big(self) -> bool:
        return self.size_bytes > ft.IMAGE_MAX_BYTES


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
        raise InputError(f"{p.name} is not a readable image: its {kind.upper()} data is damaged or incomplete.")
    return ImageCheck(p, kind, p.stat().st_size, size.width(), size.height())


def read_image(path: str | os.PathLike[str]) -> QImage:
    reader = QImageReader(str(path))
    reader.setDecideFormatFromContent(True)
    reader.setAutoTransform(True)
    img = reader.read()
    if img.isNull():
        raise InputError(f"{Path(path).name} cannot be decoded: {reader.errorString()}")
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
            raise InputError(f"Could not write a smaller copy of {src_p.name} to {dst.parent}.")
        if dst.stat().st_size <= max_bytes:
            return dst, f"downscaled from {w0}×{h0} to {w}×{h} ({dst.stat().st_size / ft.MB:.1f} MB)"
        factor *= 0.8
    with contextlib.suppress(OSError):
        dst.unlink()
    raise InputError(f"{src_p.name} could not be made smaller than {max_bytes // ft.MB} MB.")


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


# ------------------------------------------------------------------------------------------------
# the job queue as a Qt signal


class JobWatcher(QObject):
    """Follows ``ctx.jobs`` and re-emits every record change on the GUI thread.

    Signals:
        recordChanged(object): a :class:`JobRecord` was written.
        queueChanged(object): the queue was replaced (live <-> sandbox) or is gone (None).
    """

    recordChanged = Signal(object)
    queueChanged = Signal(object)
    _relay = Signal(object)

    def __init__(self, ctx: ToolContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.service: JobsService | None = ctx.jobs
        self._unsubscribe: Callable[[], None] | None = None
        # a queued hop when the store was written by another thread; direct otherwise
        self._relay.connect(self.recordChanged)
        if self.service is not None:
            self.service.queueChanged.connect(self._bind)
            if self.service.queue is not None:
                self._bind(self.service.queue)

    @property
    def queue(self) -> Any:
        return self.service.queue if self.service is not None else None

    async def ready(self) -> Any:
        if self.service is None:
            raise InputError("The job queue is not available.")
        return await self.service.ready()

    def record(self, local_id: int) -> JobRecord | None:
        q = self.queue
        return q.store.get(local_id) if q is not None else None

    def _bind(self, queue: Any) -> None:
        if self._unsubscribe is not None:
            with contextlib.suppress(Exception):
                self._unsubscribe()
            self._unsubscribe = None
        if queue is not None:
            self._unsubscribe = queue.store.subscribe(self._relay.emit)
        self.queueChanged.emit(queue)

    def close(self) -> None:
        self._bind(None)


# ------------------------------------------------------------------------------------------------
# cost next to the balance


class CostBar(QWidget):
    """``Cost: 15 credits (5 s x 3 credits/s (HD)) · Balance: 1,000 credits``; red when short.

    Signals:
        sufficiencyChanged(bool): whether the balance covers the cost (True when unknown).
    """

    sufficiencyChanged = Signal(bool)

    def __init__(self, ctx: ToolContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("costBar")
        self.ctx = ctx
        self.credits = 0.0
        self.detail = ""
        self.label = QLabel()
        self.label.setObjectName("costLabel")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.buy = QLabel(f"<a href='{BUY_CREDITS_URL}'>Buy credits</a>")
        self.buy.setObjectName("buyCredits")
        self.buy.setToolTip(BUY_CREDITS_URL)
        self.buy.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.buy.linkActivated.connect(lambda _url: self.buy_credits())
        self.buy.hide()
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.label, 1)
        lay.addWidget(self.buy)
        self._ok = True
        ctx.session.accountChanged.connect(lambda _a: self._render())
        self._render()

    def buy_credits(self) -> None:
        from ..dialogs.buy_credits import buy_credits

        buy_credits(self.window())

    @property
    def balance(self) -> float | None:
        acct = self.ctx.session.account
        return None if acct is None else float(acct.credits)

    @property
    def shortfall(self) -> float:
        b = self.balance
        return 0.0 if b is None else max(0.0, self.credits - b)

    @property
    def sufficient(self) -> bool:
        return self.shortfall <= 1e-9

    def set_cost(self, credits: float, detail: str = "") -> None:
        self.credits = float(credits)
        self.detail = detail
        self._render()

    def text(self) -> str:
        """The plain text shown (for tests and accessibility)."""
        from PySide6.QtGui import QTextDocument

        d = QTextDocument()
        d.setHtml(self.label.text())
        return d.toPlainText()

    def _render(self) -> None:
        b = self.balance
        cost = f"<b>Cost: {n_credits(self.credits)}</b>"
        if self.detail:
            cost += f" ({self.detail})"
        bal = f"Balance: {n_credits(b)}" if b is not None else "Balance: unknown"
        short = self.shortfall
        if short > 1e-9:
            html = (f"<span style='color:{RED}'>{cost} · {bal} — not enough credits: "
                    f"{n_credits(short)} short</span>")
        else:
            html = f"{cost} · {bal}"
            if b is not None and self.credits:
                html += f" <span style='color:gray'>(after: {n_credits(b - self.credits)})</span>"
        self.label.setText(html)
        self.buy.setVisible(short > 1e-9)
        ok = short <= 1e-9
        if ok != self._ok:
            self._ok = ok
            self.sufficiencyChanged.emit(ok)


# ------------------------------------------------------------------------------------------------
# the steps of each submission


class StepRow(QFrame):
    """One submission: its name, the step it is on, a progress bar, Cancel and Hide.

    *Cancel* shows only while cancelling is possible: before create-job is sent (while the
    selection is cut and uploaded); it really stops the submission and nothing is charged.
    *Hide* only takes the card away: the job goes on (it is in the Job Queue once sent).
    """

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stepRow")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # a long input name is elided in the middle (whole on hover): the card shrinks with its column
        self.title = ElidedLabel()
        self.title.setObjectName("stepTitle")
        f = self.title.font()
        f.setBold(True)
        self.title.setFont(f)
        self.title.set_full_text(title)
        self.step = QLabel("Waiting…")
        self.step.setObjectName("stepText")
        self.step.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 100)
        self.bar.setValue(0)
        self.bar.setMaximumHeight(14)
        self.bar.setTextVisible(False)
        self.cancel_button = QToolButton()
        self.cancel_button.setObjectName("cancelStep")
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop this submission now: it has not been sent to the server yet, "
                                              "so nothing is charged"))
        self.cancel_button.setAutoRaise(True)
        self.cancel_button.clicked.connect(self._cancel_clicked)
        self.cancel_button.hide()
        self.close_button = QToolButton()
        self.close_button.setObjectName("hideStep")
        self.close_button.setText(self.tr("Hide"))
        self.close_button.setToolTip(self.tr("Hide this card. The job keeps running; follow it in the Job Queue."))
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self._close_clicked)
        #: cancels the submission while it is still being prepared (set by the tab)
        self.on_cancel: Callable[[], None] | None = None
        self.local_id: int | None = None
        self.done = False
        self.failed = False
        self._cancellable = True
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.title, 1)
        top.addWidget(self.cancel_button)
        top.addWidget(self.close_button)
        self._top = top
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 4, 6, 4)
        lay.setSpacing(2)
        lay.addLayout(top)
        lay.addWidget(self.step)
        lay.addWidget(self.bar)

    def add_action(self, w: QWidget) -> None:
        """A button next to the title (before Cancel and Hide)."""
        self._top.insertWidget(self._top.count() - 2, w)

    @property
    def cancellable(self) -> bool:
        return not self.done and self.local_id is None and self.on_cancel is not None and self._cancellable

    def set_cancellable(self, on: bool) -> None:
        """Offer Cancel (only while the submission has not been sent to the server)."""
        self._cancellable = on
        self.cancel_button.setVisible(self.cancellable)

    def set_step(self, text: str, fraction: float | None = None) -> None:
        self.step.setText(text)
        self.step.setStyleSheet("")
        if fraction is None:
            self.bar.setRange(0, 0)  # busy
        else:
            self.bar.setRange(0, 100)
            self.bar.setValue(int(max(0.0, min(1.0, fraction)) * 100))

    def _cancel_clicked(self) -> None:
        if self.cancellable and self.on_cancel is not None:
            self.cancel_button.setEnabled(False)
            self.on_cancel()

    def _close_clicked(self) -> None:
        """Hide the card; the submission goes on (a finished one is removed for good)."""
        if self.done:
            self.deleteLater()
        else:
            self.hide()  # kept (hidden) so the running submission can still report to it

    def finish(self, text: str, ok: bool = True) -> None:
        self.done = True
        self.failed = not ok
        self.cancel_button.hide()
        self.step.setText(text)
        self.step.setStyleSheet("" if ok else f"color: {RED};")
        self.bar.setRange(0, 100)
        self.bar.setValue(100 if ok else 0)
        self.bar.setVisible(ok)


class StepsList(QScrollArea):
    """The submissions of a tab, newest first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stepsList")
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget()
        self._lay = QVBoxLayout(inner)
        self._lay.setContentsMargins(0, 0, 0, 0)
        self._lay.setSpacing(4)
        self._lay.addStretch(1)
        self.setWidget(inner)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setMinimumHeight(70)

    def add(self, title: str) -> StepRow:
        row = StepRow(title)
        self._lay.insertWidget(0, row)
        return row

    def clear(self) -> None:
        """Remove every row (the connection changed: they were jobs of another queue)."""
        for row in self.rows():
            self._lay.removeWidget(row)
            row.setParent(None)
            row.deleteLater()

    def rows(self) -> list[StepRow]:
        out = []
        for i in range(self._lay.count()):
            w = self._lay.itemAt(i).widget()
            if isinstance(w, StepRow):
                out.append(w)
        return out


# ------------------------------------------------------------------------------------------------
# non-blocking dialogs


def confirm(parent: QWidget, title: str, text: str, on_yes: Callable[[], None]) -> None:
    """Ask before spending credits; never a blocking exec() inside a coroutine."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, parent)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.buttonClicked.connect(lambda b: on_yes() if box.buttonRole(b) == QMessageBox.ButtonRole.YesRole else None)
    box.open()


def ask_save_path(parent: QWidget, title: str, suggested: Path, name_filter: str,
                  on_chosen: Callable[[Path], None]) -> QFileDialog:
    """A non-blocking Save dialog; it asks before replacing an existing file."""
    d = QFileDialog(parent, title, str(suggested), name_filter)
    d.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    d.setFileMode(QFileDialog.FileMode.AnyFile)
    d.setDefaultSuffix(suggested.suffix.lstrip("."))
    d.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    d.fileSelected.connect(lambda p: on_chosen(Path(p)) if p else None)
    d.open()
    return d


def copy_result(src: str | os.PathLike[str], dest: str | os.PathLike[str], *, overwrite: bool = False) -> Path:
    """Copy a result; an existing file is replaced only when ``overwrite`` (the user said so),
    else the copy gets a free name like ``name (2).png``. Written through a ``.part`` file."""
    s, d = Path(src), Path(dest)
    if not s.is_file():
        raise InputError(f"The result file {s} is missing; download it again from the job queue.")
    if d.exists() and d.resolve() == s.resolve():
        return d
    if not overwrite:
        d = ft.unique_path(d)
    d.parent.mkdir(parents=True, exist_ok=True)
    part = d.with_name(d.name + ".part")
    shutil.copyfile(s, part)
    os.replace(part, d)
    return d


def _save_png(src: Path, dest: Path, *, overwrite: bool) -> Path:
    img = read_image(src)
    d = dest if overwrite else ft.unique_path(dest)
    part = d.with_name(d.name + ".part")
    if not img.save(str(part), "PNG"):
        raise InputError(f"Could not write {d}.")
    os.replace(part, d)
    return d


# ------------------------------------------------------------------------------------------------
# a job's result with the compare view


#: a result panel's status line (the long form of :data:`verging_desktop.jobs.words.STATUS_WORDS`)
record_status = result_status


def charge_text(rec: JobRecord) -> str:
    est = n_credits(rec.estimated_credits) if rec.estimated_credits is not None else "?"
    if rec.status is LocalStatus.FAILED:
        return f"Estimated {est} · a failed job is not charged (its credits are returned)"
    if rec.charged_credits is not None:
        mark = ""
        if rec.estimated_credits is not None and abs(rec.charged_credits - rec.estimated_credits) > 1e-9:
            mark = " (differs from the estimate)"
        return f"Estimated {est} · charged {n_credits(rec.charged_credits)}{mark}"
    return f"Estimated {est}"


def result_file(rec: JobRecord | None) -> Path | None:
    if rec is None or rec.download_state is not DownloadState.DONE or not rec.result_path:
        return None
    p = Path(rec.result_path)
    return p if p.is_file() else None


class _TitleLabel(ElidedLabel):
    """The result's title ("Result: <input name>"): a long file name is elided in the middle (full
    name on hover) instead of widening the tab until its controls scroll out of sight."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)  # never squeezed to nothing
        self.set_full_text(text)

    def setText(self, text: str) -> None:  # Qt's name
        self.set_full_text(text)

    def text(self) -> str:
        return self.full_text()


class ResultPanel(QWidget):
    """The result of one job: status, estimate vs charged, the compare view, and actions.

    Signals:
        retryRequested(int): the user pressed Retry on a failed job (the tab asks and sends).
        message(str): a line for the status bar.
    """

    retryRequested = Signal(int)
    message = Signal(str)

    def __init__(self, watcher: JobWatcher, *, save_filter: str, save_title: str = "Save the result",
                 png_only: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.png_only = png_only
        self.setObjectName("resultPanel")
        self.watcher = watcher
        self.save_filter = save_filter
        self.save_title = save_title
        self.local_id: int | None = None
        self.record: JobRecord | None = None
        #: the compare view's text before any job was shown (reset() puts it back)
        self._idle_text: str | None = None
        self._shown: tuple[str, str] | None = None
        self.last_saved: Path | None = None
        self.title = _TitleLabel("Result")
        self.title.setObjectName("resultTitle")
        f = self.title.font()
        f.setBold(True)
        self.title.setFont(f)
        self.status = QLabel()
        self.status.setObjectName("resultStatus")
        self.status.setWordWrap(True)
        self.charge = QLabel()
        self.charge.setObjectName("resultCharge")
        self.compare = CompareView()
        self.save_button = QPushButton("Save as…")
        self.save_button.setObjectName("saveResult")
        self.save_button.clicked.connect(self.save_as)
        self.folder_button = QPushButton("Open folder")
        self.folder_button.setObjectName("openFolder")
        self.folder_button.clicked.connect(self.open_folder)
        self.retry_button = QPushButton("Retry…")
        self.retry_button.setObjectName("retryJob")
        self.retry_button.clicked.connect(lambda: self.local_id is not None and self.retryRequested.emit(self.local_id))
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addWidget(self.status, 1)
        head.addWidget(self.charge)
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.retry_button)
        actions.addWidget(self.folder_button)
        actions.addWidget(self.save_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(head)
        lay.addWidget(self.compare, 1)
        lay.addLayout(actions)
        watcher.recordChanged.connect(self._on_record)
        self._update_actions()

    # -- showing ----------------------------------------------------------------------------------
    def show_job(self, local_id: int, original: str | Path | None = None) -> None:
        """Show job ``local_id``: its uploaded input as the original, its result once downloaded."""
        if self._idle_text is None:
            self._idle_text = self.compare.canvas.placeholder
        self.local_id = local_id
        self._original_override = Path(original) if original else None
        self._shown = None
        rec = self.watcher.record(local_id)
        if rec is None:
            self.record = None
            self.title.setText("Result")
            self.status.setText("That job is no longer in the queue.")
            self.charge.clear()
            self.compare.clear()
            self._update_actions()
            return
        self._apply(rec)

    def reset(self) -> None:
        """Show nothing again: the connection changed (live <-> sandbox) and the job shown belongs
        to the other one's queue (its local id means another job, or none, in the new queue)."""
        if self.local_id is None and self.record is None and self._idle_text is None:
            return  # nothing was shown yet (the tab keeps its own placeholder)
        self.local_id = None
        self.record = None
        self._shown = None
        self._original_override = None
        self.title.setText("Result")
        self.status.clear()
        self.status.setStyleSheet("")
        self.charge.clear()
        self.compare.clear(self._idle_text or "Nothing to compare yet")
        self._update_actions()

    def _on_record(self, rec: JobRecord) -> None:
        if rec.local_id == self.local_id:
            self._apply(rec)

    def original_path(self, rec: JobRecord) -> Path | None:
        o = getattr(self, "_original_override", None)
        if o is not None and o.is_file():
            return o
        if rec.inputs and Path(rec.inputs[0]).is_file():
            return Path(rec.inputs[0])
        return None

    def _apply(self, rec: JobRecord) -> None:
        self.record = rec
        self.title.setText(f"Result: {rec.input_name}")
        text = record_status(rec)
        if rec.status is LocalStatus.FAILED and rec.error:
            text += f": {rec.error}"
        self.status.setText(text)
        self.status.setStyleSheet(f"color: {RED};" if rec.status is LocalStatus.FAILED else "")
        self.charge.setText(charge_text(rec))
        orig = self.original_path(rec)
        res = result_file(rec)
        key = (str(orig or ""), str(res or ""))
        if key != self._shown:
            self._shown = key
            if orig is None and res is None:
                self.compare.clear("The original of this job is no longer on this computer.")
            else:
                if res is None:
                    self.compare.set_placeholder("Waiting for the result…")
                self.compare.set_media(orig, res)
        self._update_actions()

    def _update_actions(self) -> None:
        rec = self.record
        has = result_file(rec) is not None
        self.save_button.setEnabled(has)
        self.folder_button.setEnabled(has)
        self.retry_button.setVisible(bool(rec and rec.status is LocalStatus.FAILED))

    @property
    def result_path(self) -> Path | None:
        return result_file(self.record)

    # -- actions ----------------------------------------------------------------------------------
    def suggested_name(self) -> Path:
        res = self.result_path
        assert res is not None
        return res.with_suffix(".png") if self.png_only else res

    def save_as(self) -> None:
        res = self.result_path
        if res is None:
            return
        ask_save_path(self, self.save_title, self.suggested_name(), self.save_filter,
                      lambda p: self.save_to(p, overwrite=True))

    def save_to(self, dest: str | Path, *, overwrite: bool = False) -> Path | None:
        """Copy the result to ``dest`` (``overwrite`` only when the user confirmed replacing)."""
        res = self.result_path
        if res is None:
            return None
        d = Path(dest)
        want = Path(self.suggested_name()).suffix
        if want and d.suffix.lower() != want.lower():
            d = d.with_name(d.name + want)
        try:
            if self.png_only and ft.sniff(res) != "png":
                out = _save_png(res, d, overwrite=overwrite)
            else:
                out = copy_result(res, d, overwrite=overwrite)
        except (OSError, InputError) as e:
            self.message.emit(f"Could not save the result: {e}")
            return None
        self.last_saved = out
        self.message.emit(f"Saved {out}")
        return out

    def open_folder(self) -> None:
        res = self.result_path
        if res is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(res.parent)))


async def in_thread(fn: Callable[..., Any], *args: Any) -> Any:
    return await asyncio.to_thread(fn, *args)
