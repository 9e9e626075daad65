"""Pieces shared by the AI tool tabs (image generation, chat, speech, vision).

- :class:`PromptEdit`: a multi-line editor that submits on Ctrl+Enter;
- :class:`ErrorLine`: one readable line for an error, with a Retry button (a user action, never
  automatic; after a 429 it counts down the wait the server asked for);
- :class:`BusyBar`: a busy indicator with progress, a status text and a Cancel button;
- :class:`DropZone`: drop a file (or browse for one, non-blocking);
- :class:`CallRunner`: runs one call at a time for a tab: busy bar, cancel, controls disabled,
  errors turned into the error line, the balance refreshed afterwards;
- :func:`choose_file` / :func:`choose_save_path`: non-blocking file dialogs (``open()`` + signal,
  never a nested ``exec()`` inside the asyncio loop);
- :func:`tool_header`: the tab's title, summary and price lines.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Coroutine, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeyEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import Progress, VergingError
from ...services.errors import can_retry, error_line, retry_wait
from .submit_guard import SubmitGuard, Ticket, may_have_been_sent

if TYPE_CHECKING:  # pragma: no cover
    from ..context import ToolContext

log = logging.getLogger("verging_desktop.ui.ai")


def alive(obj: Any) -> bool:
    from shiboken6 import isValid

    return obj is not None and bool(isValid(obj))


class PromptEdit(QPlainTextEdit):
    """A plain-text editor; Ctrl+Enter (or Ctrl+Return) emits ``submitted``.

    Signals:
        submitted(): the user pressed Ctrl+Enter.
    """

    submitted = Signal()

    def __init__(self, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setTabChangesFocus(True)

    def keyPressEvent(self, e: QKeyEvent) -> None:
        if e.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and e.modifiers() & Qt.KeyboardModifier.ControlModifier:
            e.accept()
            self.submitted.emit()
            return
        super().keyPressEvent(e)

    def text(self) -> str:
        return self.toPlainText()


class ErrorLine(QFrame):
    """A readable line for the last error, with Retry and dismiss buttons. Hidden when empty.

    Signals:
        retryRequested(): the user clicked Retry.
    """

    retryRequested = Signal()

    _STYLES: ClassVar[dict[str, str]] = {
        "error": "QFrame#aiErrorLine { background: #fce8e6; border: 1px solid #f4c7c3; border-radius: 6px; }"
                 " QLabel { color: #a50e0e; }",
        "info": "QFrame#aiErrorLine { background: #e8f0fe; border: 1px solid #c6dafc; border-radius: 6px; }"
                " QLabel { color: #174ea6; }",
    }

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aiErrorLine")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(10, 6, 6, 6)
        self.label = QLabel()
        self.label.setObjectName("aiErrorText")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.retry = QPushButton(QCoreApplication.translate("ErrorLine", "Retry"))
        self.retry.setObjectName("aiRetry")
        self.retry.clicked.connect(self._retry_clicked)
        self.dismiss = QToolButton()
        self.dismiss.setText("✕")
        self.dismiss.setAutoRaise(True)
        self.dismiss.setToolTip(QCoreApplication.translate("ErrorLine", "Dismiss"))
        self.dismiss.clicked.connect(self.clear)
        lay.addWidget(self.label, 1)
        lay.addWidget(self.retry)
        lay.addWidget(self.dismiss)
        self._retry_cb: Callable[[], None] | None = None
        #: runs a Retry click's callback (the call runner sends it through the submit guard)
        self.gate: Callable[[Callable[[], None]], None] | None = None
        self._ready_at = 0.0
        self._retry_text = "Retry"
        self._timer = QTimer(self)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self._tick)
        self.kind = ""
        self.hide()

    @property
    def text(self) -> str:
        """The line shown ("" when hidden)."""
        return "" if self.isHidden() else self.label.text()

    def show_error(self, err: BaseException | str, retry: Callable[[], None] | None = None, *,
                   wait: float = 0.0, retry_text: str = "Retry") -> None:
        """Show ``err``; a Retry button when ``retry`` is given (enabled after ``wait`` seconds)."""
        self._show("error", err if isinstance(err, str) else error_line(err))
        self._retry_cb = retry
        self._retry_text = retry_text
        self.retry.setVisible(retry is not None)
        self._ready_at = time.monotonic() + max(0.0, wait)
        self._tick()
        if wait > 0 and retry is not None:
            self._timer.start()

    def show_info(self, text: str) -> None:
        self._show("info", text)
        self._retry_cb = None
        self.retry.hide()

    def _show(self, kind: str, text: str) -> None:
        self.kind = kind
        self.setStyleSheet(self._STYLES[kind])
        self.label.setText(text)
        self._timer.stop()
        self.show()

    def _tick(self) -> None:
        left = self._ready_at - time.monotonic()
        if left > 0:
            self.retry.setEnabled(False)
            self.retry.setText(QCoreApplication.translate("ErrorLine", "%1 in %2 s", "a retry button's countdown").replace(
                "%1", self._retry_text).replace("%2", str(int(left) + 1)))
        else:
            self._timer.stop()
            self.retry.setEnabled(True)
            self.retry.setText(self._retry_text)

    def _retry_clicked(self) -> None:
        cb = self._retry_cb
        self.clear()
        self.retryRequested.emit()
        if cb is not None:
            if self.gate is not None:
                self.gate(cb)
            else:
                cb()

    def clear(self) -> None:
        self._timer.stop()
        self._retry_cb = None
        self.label.setText("")
        self.kind = ""
        self.hide()


class BusyBar(QWidget):
    """A busy indicator: status text, a progress bar (indeterminate until a total is known) and Cancel.

    Signals:
        cancelRequested(): the user clicked Cancel.
    """

    cancelRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aiBusyBar")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.label.setObjectName("aiBusyText")
        # the text wraps: "Processing on varg…" or a long upload step never asks for its whole width
        # (unwrapped, it widened a narrow request pane, and with it the window, past a 1024 px screen)
        self.label.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setMaximumHeight(14)
        self.bar.setTextVisible(False)
        self.bar.setMinimumWidth(120)
        self.cancel = QPushButton(QCoreApplication.translate("BusyBar", "Cancel"))
        self.cancel.setObjectName("aiCancel")
        self.cancel.setToolTip(QCoreApplication.translate("BusyBar", "Stop this call now (Esc)"))
        self.cancel.clicked.connect(self.cancelRequested)
        lay.addWidget(self.label, 1)
        lay.addWidget(self.bar, 1)
        lay.addWidget(self.cancel)
        self.hide()

    def start(self, text: str) -> None:
        self.label.setText(text)
        self.bar.setRange(0, 0)  # busy
        self.cancel.setEnabled(True)
        self.show()

    def update_progress(self, p: Progress) -> None:
        if p.stage:
            self.label.setText(p.stage)
        frac = p.fraction
        if frac is None:
            self.bar.setRange(0, 0)
        else:
            self.bar.setRange(0, 1000)
            self.bar.setValue(int(frac * 1000))

    def stop(self) -> None:
        self.hide()
        self.bar.setRange(0, 1000)
        self.bar.setValue(0)


class DropZone(QFrame):
    """Drop a file here (file URLs from a file manager) or click Browse (non-blocking).

    Once the tab called :meth:`enable_remote`, a web address works too ("From URL…", Ctrl+V on
    the focused zone, a link dragged from a browser): :meth:`open_url` fetches it in the zone
    (:mod:`~verging_desktop.ui.widgets.remote_input`) and emits ``fileDropped`` with the fetched file.

    Signals:
        fileDropped(str): a local file was dropped or chosen (or a web address was fetched).
        urlDropped(str): a web address was given; its fetch begins.
    """

    fileDropped = Signal(str)
    urlDropped = Signal(str)

    def __init__(self, placeholder: str, file_filter: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aiDropZone")
        self.setAcceptDrops(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumHeight(84)
        self._style(False)
        self.file_filter = file_filter
        self.placeholder = placeholder
        lay = QVBoxLayout(self)
        self.label = QLabel(placeholder)
        self.label.setObjectName("aiDropText")
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.browse = QPushButton(QCoreApplication.translate("AiDropZone", "Browse…"))
        self.browse.setObjectName("aiBrowse")
        self.browse.clicked.connect(self._browse)
        self.url_button = QPushButton(QCoreApplication.translate("AiDropZone", "From URL…"))
        self.url_button.setObjectName("aiUrlButton")
        self.url_button.setToolTip(QCoreApplication.translate(
            "AiDropZone", "Fetch the file from a web address (or paste one here with Ctrl+V)"))
        self.url_button.clicked.connect(self.ask_url)
        self.url_button.hide()
        from .remote_input import RemoteInput

        self.remote = RemoteInput(self._fetched)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.browse)
        row.addWidget(self.url_button)
        row.addStretch(1)
        lay.addWidget(self.label, 1)
        lay.addWidget(self.remote)
        lay.addLayout(row)
        self.file_dialog: QFileDialog | None = None
        self.path: str | None = None

    def _style(self, hot: bool) -> None:
        color = "#1a73e8" if hot else "#9aa0a6"
        self.setStyleSheet(f"QFrame#aiDropZone {{ border: 2px dashed {color}; border-radius: 8px; }}")

    def set_path(self, path: str | None, text: str | None = None) -> None:
        self.path = path
        self.label.setText(text or (self.display_name(path) if path else self.placeholder))

    def display_name(self, path: str) -> str:
        """The name shown for ``path``: a fetched file's title, else its file name."""
        media = self.remote.origin(path)
        return media.title if media is not None else Path(path).name

    # -- web addresses ------------------------------------------------------------------------------
    def enable_remote(self, ctx: ToolContext, want: Any) -> None:
        """Take web addresses too (``want``: "video", "image", "audio" or None for any media)."""
        from .remote_input import ctx_spawn, remote_dir

        self.remote.configure(ctx_spawn(ctx), remote_dir(ctx), want)
        self.url_button.show()

    def origin(self, path: str) -> Any:
        """The :class:`~verging_desktop.services.remote.RemoteMedia` ``path`` was fetched as (None: local)."""
        return self.remote.origin(path)

    def ask_url(self) -> None:
        self.remote.ask()

    def open_url(self, url: str) -> None:
        if not self.remote.enabled:
            return
        self.urlDropped.emit(url)
        self.remote.open_url(url)

    def _fetched(self, path: str) -> None:
        self.fileDropped.emit(path)

    def _drag_url(self, e: QDragEnterEvent | QDropEvent) -> str | None:
        from .remote_input import url_from_mime

        return url_from_mime(e.mimeData()) if self.remote.enabled and not self._local_file(e) else None

    def keyPressEvent(self, e: QKeyEvent) -> None:
        from PySide6.QtGui import QKeySequence

        if e.matches(QKeySequence.StandardKey.Paste) and self.remote.enabled:
            from .remote_input import clipboard_url

            url = clipboard_url()
            if url:
                e.accept()
                self.open_url(url)
                return
        super().keyPressEvent(e)

    @staticmethod
    def _local_file(e: QDragEnterEvent | QDropEvent) -> str | None:
        md = e.mimeData()
        if md is None or not md.hasUrls():
            return None
        for url in md.urls():
            if url.isLocalFile() and Path(url.toLocalFile()).is_file():
                return url.toLocalFile()
        return None

    def dragEnterEvent(self, e: QDragEnterEvent) -> None:
        if self._local_file(e) or self._drag_url(e):
            e.acceptProposedAction()
            self._style(True)
        else:
            e.ignore()

    def dragLeaveEvent(self, e: QEvent) -> None:
        self._style(False)

    def dropEvent(self, e: QDropEvent) -> None:
        self._style(False)
        path = self._local_file(e)
        url = None if path else self._drag_url(e)
        if not path and not url:
            e.ignore()
            return
        e.acceptProposedAction()
        if url:
            self.open_url(url)
            return
        assert path is not None
        self.remote.clear_error()
        self.fileDropped.emit(path)

    def _browse(self) -> None:
        self.file_dialog = choose_file(self, QCoreApplication.translate("AiDropZone", "Choose a file"), self.file_filter, self.fileDropped.emit)


def _dialog(parent: QWidget, title: str, file_filter: str, on_selected: Callable[[str], None], *,
            save: bool, name: str = "") -> QFileDialog:
    fd = QFileDialog(parent, title)
    fd.setObjectName("aiSaveDialog" if save else "aiOpenDialog")
    fd.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    if save:
        fd.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        fd.setFileMode(QFileDialog.FileMode.AnyFile)
        if name:
            fd.selectFile(name)
    else:
        fd.setFileMode(QFileDialog.FileMode.ExistingFile)
    if file_filter:
        fd.setNameFilter(file_filter)
    fd.fileSelected.connect(lambda p: on_selected(p) if p else None)
    fd.finished.connect(fd.deleteLater)
    fd.open()
    return fd


def choose_file(parent: QWidget, title: str, file_filter: str, on_selected: Callable[[str], None]) -> QFileDialog:
    """A non-blocking open dialog; ``on_selected(path)`` runs when a file is chosen."""
    return _dialog(parent, title, file_filter, on_selected, save=False)


def choose_save_path(parent: QWidget, title: str, suggested: str, on_selected: Callable[[str], None],
                     file_filter: str = "") -> QFileDialog:
    """A non-blocking save dialog starting at ``suggested`` (a path or a name)."""
    return _dialog(parent, title, file_filter, on_selected, save=True, name=suggested)


class _Repeat:
    """The default Retry: the same call again (a repeat, unlike a tab's "continue from part N")."""

    def __init__(self, fn: Callable[[], object]) -> None:
        self.fn = fn

    def __call__(self) -> None:
        self.fn()


class CallRunner(QObject):
    """Runs one call at a time for a tab.

    While it runs the busy bar shows (with Cancel), ``lock`` widgets are disabled and the error
    line is cleared. A :class:`VergingError` (or OSError) becomes the error line, with Retry
    when retrying makes sense; anything else is also reported to the crash dialog. The balance is
    read again after every call.

    Signals:
        running(bool): a call started (True) or ended (False).
    """

    running = Signal(bool)

    def __init__(self, ctx: ToolContext, busy: BusyBar, error: ErrorLine, lock: Sequence[QWidget] = (),
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.busy = busy
        self.error = error
        self.lock = list(lock)
        self.task: asyncio.Task[Any] | None = None
        self._active = False
        #: the last call ended with a result (not an error, not cancelled)
        self.ok = False
        #: the last call failed or was stopped after its request may have reached the server
        self.maybe_sent = False
        #: the guard of the call under way and its submit (released as the call ends)
        self._guard: tuple[SubmitGuard, Ticket] | None = None
        #: the guard and keys of the last guarded call, for its Retry button
        self._retry_guard: tuple[SubmitGuard, list[str], float | None] | None = None
        busy.cancelRequested.connect(self.cancel)
        error.gate = self._retry_through_guard

    @property
    def is_running(self) -> bool:
        """A call is under way (False already while its result callback runs)."""
        return self._active and self.task is not None and not self.task.done()

    def run(self, factory: Callable[[], Coroutine[Any, Any, Any]], *, busy_text: str,
            on_result: Callable[[Any], None], on_failure: Callable[[BaseException], None] | None = None,
            on_cancel: Callable[[], None] | None = None, retry: Callable[[], None] | None = None,
            retry_text: str = "Retry", name: str = "ai-call") -> asyncio.Task[Any] | None:
        """Start ``factory()`` unless a call is running. ``retry`` (default: run it again) backs the Retry button."""
        if self.is_running:
            return None
        self.ok = False
        self.maybe_sent = False
        self.error.clear()
        self.busy.start(busy_text)
        for w in self.lock:
            w.setEnabled(False)
        self._active = True
        self.running.emit(True)
        if retry is None:  # the same call again: a repeat (asked about when the call may have been charged)
            retry = _Repeat(lambda: self.run(factory, busy_text=busy_text, on_result=on_result,
                                             on_failure=on_failure, on_cancel=on_cancel, name=name))
        self.task = self.ctx.spawn(self._go(factory, on_result, on_failure, on_cancel, retry, retry_text), name=name)
        self.task.add_done_callback(self._task_done)
        return self.task

    def run_guarded(self, guard: SubmitGuard, key: str, credits: float | None,
                    factory: Callable[[], Coroutine[Any, Any, Any]], **kw: Any) -> bool:
        """:meth:`run` behind ``guard``: ignored while the guard is busy; asks first when ``key``
        (the fingerprint of this request) was sent before; ``key`` is recorded when the call
        succeeds. The guard stays busy (its button disabled) until the call is over."""
        def send() -> Any:
            return self.guard_call(guard, self.run(factory, **kw))

        return guard.submit([key], credits, send)

    def guard_call(self, guard: SubmitGuard, task: asyncio.Task[Any] | None) -> Any:
        """For a ``send()`` that started :meth:`run` itself: release ``guard``'s current submit
        (and only that one) as the call ends."""
        if task is None or guard.current is None:
            return None
        self._guard = (guard, guard.current)
        return self._outcome(task)

    def _retry_through_guard(self, retry: Callable[[], None]) -> None:
        """A Retry click: the user's explicit choice, but still sent once and recorded.

        After a guarded call the retry goes through that call's guard: ignored while it is busy.
        The default retry repeats the call: when the failed call may have reached the server (its
        key is recorded) the usual "send again?" question comes first; a call that failed before
        sending is retried without one. A tab's own retry that submits again (chat's reply, a new
        speech run) asks, or not, by that submit; one that continues the call ("retry from part 2",
        not a repeat) is not asked about. Either way the retry is held by the guard like any
        submit: its button is disabled while it runs and its key is recorded."""
        info = self._retry_guard
        if info is None:
            retry()
            return
        guard, keys, credits = info
        if not alive(guard) or guard.busy:
            return

        def go() -> None:
            before = self.task
            retry()
            task = self.task
            if guard.busy or task is before or task is None or task.done() or self._guard is not None:
                return  # it went through the guard itself (the tab's submit), or nothing started
            guard.submit(keys, credits, lambda: self.guard_call(guard, task), ask=False)

        if isinstance(retry, _Repeat):
            guard.confirm_repeat(keys, credits, go)
        else:
            go()

    async def _outcome(self, task: asyncio.Task[Any]) -> bool:
        await asyncio.wait([task])
        return self.ok and task is self.task

    def _task_done(self, task: asyncio.Task[Any]) -> None:
        # a task cancelled before its first step never ran _go(): end the busy state here
        if task is self.task and self._active and alive(self.error):
            self._finish()
            self.error.show_info(QCoreApplication.translate("CallRunner", "Cancelled."))

    def cancel(self) -> None:
        if self.is_running and self.task is not None:
            self.busy.cancel.setEnabled(False)
            self.task.cancel()

    async def _go(self, factory: Callable[[], Coroutine[Any, Any, Any]], on_result: Callable[[Any], None],
                  on_failure: Callable[[BaseException], None] | None, on_cancel: Callable[[], None] | None,
                  retry: Callable[[], None], retry_text: str) -> None:
        try:
            result = await factory()
        except asyncio.CancelledError:
            self.maybe_sent = True  # stopped while under way: the request may have reached the server
            if alive(self.error):
                self._finish()
                if on_cancel is not None:
                    on_cancel()
                elif not self.error.isVisible():
                    self.error.show_info(QCoreApplication.translate("CallRunner", "Cancelled."))
            raise
        except Exception as e:
            self.maybe_sent = may_have_been_sent(e)
            if not alive(self.error):
                raise
            self._finish()
            self.error.show_error(e, retry if can_retry(e) else None, wait=retry_wait(e), retry_text=retry_text)
            if on_failure is not None:
                on_failure(e)
            if not isinstance(e, (VergingError, OSError)):
                raise  # a bug: the crash dialog shows the details
            log.info("call failed: %s", e)
        else:
            if not alive(self.error):
                return
            self.ok = True
            self._finish()
            on_result(result)
        finally:
            self._refresh()

    def _finish(self) -> None:
        self._active = False
        self.busy.stop()
        for w in self.lock:
            if alive(w):
                w.setEnabled(True)
        held, self._guard = self._guard, None
        self._retry_guard = None
        if held is not None and alive(held[0]):
            guard, ticket = held
            self._retry_guard = (guard, list(ticket.keys), ticket.credits)
            # the button is free as the call ends, not a loop turn later; a call that may have
            # reached the server counts as sent (recorded: sending it again asks first)
            guard.release(ticket, self.ok or self.maybe_sent)
        self.running.emit(False)

    def _refresh(self) -> None:
        try:
            self.ctx.session.refresh_account()
        except Exception:  # never let a refresh break the call's ending
            log.debug("balance refresh failed", exc_info=True)


def tool_header(title: str, summary: str) -> QWidget:
    """The tab's title and one-line summary (the header shared by every tab)."""
    from .header import page_header

    return page_header(title, summary)


class PriceLabel(QLabel):
    """A small grey label with a service's prices; follows pricing-table changes."""

    def __init__(self, ctx: ToolContext, service: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.service = service
        self.setObjectName("aiPriceText")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.update_prices()
        ctx.session.settingsChanged.connect(self.update_prices)

    def update_prices(self, _settings: Any = None) -> None:
        from ...app_core.pricing_text import price_lines, price_source_line

        p = self.ctx.session.pricing
        translate = QCoreApplication.translate
        lines = translate("PriceLabel", "; ", "the separator of price lines").join(price_lines(p, self.service))
        text = translate("PriceLabel", "Price: %1 — %2").replace("%1", lines).replace("%2", price_source_line(p))
        self.setText(f"<span style='color:gray'>{text}</span>")


def open_url(url: str) -> None:
    from PySide6.QtGui import QDesktopServices

    QDesktopServices.openUrl(QUrl(url))


def add_call_status(layout: Any, ctx: Any, service: str) -> tuple[BusyBar, ErrorLine, PriceLabel]:
    """Add the busy bar (with Cancel), the error line (with Retry) and the price label that sit
    under every AI tool's action button; returns them in that order."""
    busy = BusyBar()
    layout.addWidget(busy)
    error = ErrorLine()
    layout.addWidget(error)
    price = PriceLabel(ctx, service)
    layout.addWidget(price)
    return busy, error, price


def two_panes(page: QWidget, left: QWidget, right: QWidget, sizes: tuple[int, int],
              stretch: tuple[int, int] = (0, 1)) -> QSplitter:
    """Lay a tool tab out as a request pane and a result pane side by side (user-resizable)."""
    # the request pane's own margin would set the header further in than on the video tabs:
    # the page's margin is the one margin, the same on every tab
    lay = left.layout()
    if lay is not None:
        m = lay.contentsMargins()
        lay.setContentsMargins(0, 0, m.right(), m.bottom())
    split = QSplitter()
    split.addWidget(left)
    split.addWidget(right)
    split.setStretchFactor(0, stretch[0])
    split.setStretchFactor(1, stretch[1])
    split.setSizes(list(sizes))
    outer = QHBoxLayout(page)
    outer.addWidget(split)
    return split
