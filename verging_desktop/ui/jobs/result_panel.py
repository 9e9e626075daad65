"""One job's result in a tool tab: its status, the estimate next to what was charged, the compare
view of the original and the result, and Save as, Open folder and Retry."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from ...core import filetypes as ft
from ...core.errors import InputError
from ...jobs.store import DownloadState, JobRecord, LocalStatus
from ...jobs.words import error_text, result_charge_text, result_status
from ...services.files import copy_result
from ..colors import error_color
from ..dialogs.common import ask_save_path
from ..images import save_png
from ..video.compare import CompareView
from ..widgets.elide import ElidedLabel
from .watcher import JobWatcher

#: what the compare view says in place of the result of a job that will not have one
NO_RESULT = {
    LocalStatus.FAILED: QT_TRANSLATE_NOOP("ResultPanel", "No result: the job failed."),
    LocalStatus.CANCELLED: QT_TRANSLATE_NOOP("ResultPanel", "No result: the job was cancelled."),
    LocalStatus.UNKNOWN: QT_TRANSLATE_NOOP("ResultPanel", "No result yet: see the Job Queue for this job's state."),
}


def result_file(rec: JobRecord | None) -> Path | None:
    if rec is None or rec.download_state is not DownloadState.DONE or not rec.result_path:
        return None
    p = Path(rec.result_path)
    return p if p.is_file() else None


class _FullTextLabel(ElidedLabel):
    """A one-line label elided to fit (the whole text on hover) whose ``text()`` is the whole text."""

    def __init__(self, text: str = "", *, mode: Qt.TextElideMode = Qt.TextElideMode.ElideMiddle) -> None:
        super().__init__(mode=mode)
        self.set_full_text(text)

    def setText(self, text: str) -> None:  # Qt's name
        self.set_full_text(text)

    def text(self) -> str:
        return self.full_text()


class _TitleLabel(_FullTextLabel):
    """The result's title ("Result: <input name>"): a long file name is elided in the middle (full
    name on hover) instead of widening the tab until its controls scroll out of sight. Only the
    name is shortened: "Result: " stays whole ("Result: Lisbon…take 2.mp4", never "Result:…2.mp4").

    It asks for no more than its shortest form: beside the status it takes the room left (its row
    gives it the stretch), so the name is whole whenever the row has room for it."""

    PREFIX = "Result: "

    @property
    def prefix(self) -> str:
        """``PREFIX`` in the language shown (what ``ResultPanel`` puts before the name)."""
        return QCoreApplication.translate("ResultPanel", "Result: ")

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)  # never squeezed to nothing

    def sizeHint(self) -> QSize:
        return self.minimumSizeHint()

    def minimumSizeHint(self) -> QSize:
        fm = self.fontMetrics()
        full = self.full_text()
        height = ElidedLabel.sizeHint(self).height()
        if not full:
            return QSize(0, height)
        prefix = self.prefix
        head = prefix if full.startswith(prefix) else ""
        room = min(fm.horizontalAdvance(full), fm.horizontalAdvance(head + "…" * 4))
        return QSize(room + 2 * self.margin(), height)

    def _elide(self) -> None:
        full = self.full_text()
        room = self.contentsRect().width() - 2 * self.margin()
        fm = self.fontMetrics()
        prefix = self.prefix
        if room <= 0 or fm.horizontalAdvance(full) <= room or not full.startswith(prefix):
            super()._elide()
            return
        name = full[len(prefix):]
        rest = max(0, room - fm.horizontalAdvance(prefix))
        QLabel.setText(self, prefix + fm.elidedText(name, Qt.TextElideMode.ElideMiddle, rest))


class ResultPanel(QWidget):
    """The result of one job: status, estimate vs charged, the compare view, and actions.

    Signals:
        retryRequested(int): the user pressed Retry on a failed job (the tab asks and sends).
        message(str): a line for the status bar.
        actionsChanged(): the job shown (or its result) changed: a tab's own actions follow.
    """

    retryRequested = Signal(int)
    message = Signal(str)
    actionsChanged = Signal()

    def __init__(self, watcher: JobWatcher, *, save_filter: str, save_title: str | None = None,
                 png_only: bool = False, sound_from: str = "original", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.png_only = png_only
        self.setObjectName("resultPanel")
        self.watcher = watcher
        self.save_filter = save_filter
        self.save_title = save_title if save_title is not None else self.tr("Save the result")
        self.local_id: int | None = None
        self.record: JobRecord | None = None
        #: the compare view's text before any job was shown (reset() puts it back)
        self._idle_text: str | None = None
        self._shown: tuple[str, str] | None = None
        self.last_saved: Path | None = None
        self.title = _TitleLabel(self.tr("Result"))
        self.title.setObjectName("resultTitle")
        f = self.title.font()
        f.setBold(True)
        self.title.setFont(f)
        # the state in a few words ("Completed", "Processing 40%", "Failed"), beside the title;
        # what went wrong and the charge go below, wrapped to the panel's width: a long error or
        # "a failed job is not charged…" never widens the tab (it once scrolled sideways)
        self.status = _FullTextLabel(mode=Qt.TextElideMode.ElideRight)
        self.status.setObjectName("resultStatus")
        self.status.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.error = QLabel()
        self.error.setObjectName("resultError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {error_color()};")
        self.error.hide()
        self.charge = QLabel()
        self.charge.setObjectName("resultCharge")
        self.charge.setWordWrap(True)
        self.compare = CompareView(sound_from=sound_from)
        self.save_button = QPushButton(self.tr("Save as…"))
        self.save_button.setObjectName("saveResult")
        self.save_button.clicked.connect(self.save_as)
        self.folder_button = QPushButton(self.tr("Open folder"))
        self.folder_button.setObjectName("openFolder")
        self.folder_button.clicked.connect(self.open_folder)
        self.retry_button = QPushButton(self.tr("Retry…"))
        self.retry_button.setObjectName("retryJob")
        self.retry_button.clicked.connect(lambda: self.local_id is not None and self.retryRequested.emit(self.local_id))
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.status)
        actions = QHBoxLayout()
        self._actions = actions
        actions.addStretch(1)
        actions.addWidget(self.retry_button)
        actions.addWidget(self.folder_button)
        actions.addWidget(self.save_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(head)
        lay.addWidget(self.error)
        lay.addWidget(self.charge)
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
            self.title.setText(self.tr("Result"))
            self.status.setText(self.tr("That job is no longer in the queue."))
            self._set_error("")
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
        self.title.setText(self.tr("Result"))
        self.status.setText("")
        self.status.setStyleSheet("")
        self._set_error("")
        self.charge.clear()
        self.compare.clear(self._idle_text or self.tr("Nothing to compare yet"))
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
        self.title.setText(self.tr("Result: %1").replace("%1", rec.input_name))
        bad = rec.status in (LocalStatus.FAILED, LocalStatus.UNKNOWN)
        self.status.setText(result_status(rec))
        self.status.setStyleSheet(f"color: {error_color()};" if bad else "")
        # what went wrong (an unknown job: what to check before sending it again), on its own lines
        self._set_error(error_text(rec) if bad else "")
        self.charge.setText(result_charge_text(rec))
        orig = self.original_path(rec)
        res = result_file(rec)
        missing = NO_RESULT.get(rec.status)
        self.compare.set_missing_text(QCoreApplication.translate("ResultPanel", missing) if missing else self.tr("Waiting for the result…"))
        key = (str(orig or ""), str(res or ""))
        if key != self._shown:
            self._shown = key
            if orig is None and res is None:
                self.compare.clear(self.tr("The original of this job is no longer on this computer."))
            else:
                if res is None:
                    self.compare.set_placeholder(self.tr("Waiting for the result…"))
                self.compare.set_media(orig, res)
        self._update_actions()

    def _set_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def _update_actions(self) -> None:
        rec = self.record
        has = result_file(rec) is not None
        self.save_button.setEnabled(has)
        self.folder_button.setEnabled(has)
        self.retry_button.setVisible(bool(rec and rec.status is LocalStatus.FAILED))
        self.actionsChanged.emit()

    def add_action(self, w: QWidget) -> None:
        """A tab's own button among the actions (before Retry, Open folder and Save as)."""
        self._actions.insertWidget(1, w)

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
                out = save_png(res, d, overwrite=overwrite)
            else:
                out = copy_result(res, d, overwrite=overwrite)
        except (OSError, InputError) as e:
            self.message.emit(self.tr("Could not save the result: %1").replace("%1", str(e)))
            return None
        self.last_saved = out
        self.message.emit(self.tr("Saved %1").replace("%1", str(out)))
        return out

    def open_folder(self) -> None:
        res = self.result_path
        if res is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(res.parent)))
