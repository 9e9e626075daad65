"""One submit button, sent once: the UI side of :mod:`verging_desktop.core.submissions`.

:class:`SubmitGuard` wires a tab's submit button to the app's
:class:`~verging_desktop.core.submissions.SubmissionRegistry` (``ctx.services["submissions"]``):

* from the first click until the work is in the queue (or, for a direct AI call, until the call
  is finished or cancelled) the guard is *busy*: the button is disabled and every further submit
  (a double click, an impatient second click, Ctrl+Enter) is ignored;
* submitting the same inputs and settings again since the app started asks first, with what it
  costs ("You sent this same job 5 s ago. Send again for 90 credits?"); nothing is sent when the
  answer is no.

A tab keeps its own rules for when the button may be enabled and tells the guard with
:meth:`SubmitGuard.set_enabled`; the guard only ever adds "not while sending".
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Collection, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget
from shiboken6 import isValid

from ...core.submissions import RepeatCheck, SubmissionRegistry, format_ago
from ..plural import credits as credits_text
from ..plural import plural

if TYPE_CHECKING:  # pragma: no cover
    from ..context import ToolContext

log = logging.getLogger("verging_desktop.ui.submit_guard")

#: the key of the app-wide registry in ``ToolContext.services``
SUBMISSIONS = "submissions"

#: what ``send()`` reports: True (all keys sent), False/None (nothing sent) or the keys sent
SendResult = bool | Collection[str] | None


def registry_for(ctx: Any) -> SubmissionRegistry:
    """The app's registry (made on first use; it lives as long as the services)."""
    services = ctx.services
    reg = services.get(SUBMISSIONS)
    if not isinstance(reg, SubmissionRegistry):
        reg = SubmissionRegistry()
        services[SUBMISSIONS] = reg
    return reg


def repeat_question(check: RepeatCheck, credits: float | None, *, noun: str = "job") -> str:
    """The question asked before sending the same work again (plural-correct)."""
    tr = QCoreApplication.translate
    n, k = len(check.keys), len(check.repeated)
    cost = credits_text(credits) if credits is not None else None
    last = check.latest
    if last is not None and last.times == 0:
        ago_part = tr("SubmitGuard", "right now")
    else:
        ago_part = tr("SubmitGuard", "%1 ago").replace("%1", format_ago(check.seconds_ago))
    if noun == "request":
        if cost is None:
            return tr("SubmitGuard", "You sent this same request %1. Send it again?").replace("%1", ago_part)
        return tr("SubmitGuard", "You sent this same request %1. Send it again for about %2?").replace(
            "%1", ago_part).replace("%2", cost)
    if n == 1:
        if cost is None:
            return tr("SubmitGuard", "You sent this same job %1. Send again?").replace("%1", ago_part)
        return tr("SubmitGuard", "You sent this same job %1. Send again for %2?").replace(
            "%1", ago_part).replace("%2", cost)
    if k == n:
        text = plural(tr("SubmitGuard", "You sent these same %n job(s) %1. Send them again for %2?", None, n), n)
    else:
        head = plural(tr("SubmitGuard", "%n of these jobs (is|are) the same as (one|ones) you sent %1.", None, k), k)
        tail = plural(tr("SubmitGuard", "Send all %n job(s) for %2?", None, n), n)
        text = f"{head} {tail}"
    return text.replace("%1", ago_part).replace("%2", cost or "?")


class SubmitGuard(QObject):
    """Keeps one submit button from sending the same work twice.

    Signals:
        busyChanged(bool): a submit started (True: the button is disabled) or ended (False).
    """

    busyChanged = Signal(bool)

    def __init__(self, ctx: ToolContext, button: QAbstractButton | None, *, noun: str = "job",
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.button = button
        self.noun = noun
        self.registry = registry_for(ctx)
        self.busy = False
        self._want = True if button is None else button.isEnabled()
        #: the open "send again?" question (tests answer it), None when none is open
        self.dialog: QMessageBox | None = None
        self.task: asyncio.Task[Any] | None = None
        #: (keys, credits of each) of the submit being sent
        self._pending: tuple[list[str], float | None] | None = None
        #: the last question asked (for tests and the log)
        self.last_question = ""

    # -- the button ------------------------------------------------------------------------------
    def set_enabled(self, on: bool) -> None:
        """The tab's own rule for the button; it is enabled only when also not busy."""
        self._want = bool(on)
        self._apply()

    def _apply(self) -> None:
        b = self.button
        if b is not None and isValid(b):
            b.setEnabled(self._want and not self.busy)

    def _set_busy(self, on: bool) -> None:
        if on == self.busy:
            return
        self.busy = on
        self._apply()
        self.busyChanged.emit(on)

    # -- submitting ------------------------------------------------------------------------------
    def submit(self, keys: Sequence[str], credits: float | None,
               send: Callable[[], Awaitable[SendResult] | None], *,
               declined: Callable[[], None] | None = None) -> bool:
        """Send once: ignored (False) while busy; asks first when ``keys`` were sent before.

        ``send()`` starts the work *synchronously* and returns an awaitable that ends when the
        work is in the queue (or the call is over), with what was sent: True (every key), the keys
        sent, or False/None (nothing). ``send()`` returning None means nothing was started.
        ``credits`` is the cost of the whole submit, shown in the question; ``declined()`` runs when
        the user answers no (nothing is sent).
        """
        if self.busy:
            log.info("submit ignored: the previous one is still being sent")
            return False
        keys = list(keys)
        self._set_busy(True)
        check = self.registry.check(keys)
        if check.any:
            def answered(yes: bool) -> None:
                if yes:
                    self._go(keys, credits, send)
                    return
                self._set_busy(False)
                if declined is not None:
                    declined()

            self._ask(check, credits, answered)
            return True
        self._go(keys, credits, send)
        return True

    def _go(self, keys: list[str], credits: float | None, send: Callable[[], Awaitable[SendResult] | None]) -> None:
        self.registry.begin(keys)
        try:
            aw = send()
        except BaseException:
            self.registry.end(keys)
            self._set_busy(False)
            raise
        if aw is None:
            self.registry.end(keys)
            self._set_busy(False)
            return
        each = None if credits is None or not keys else credits / len(keys)
        self._pending = (keys, each)
        self.task = self.ctx.spawn(self._wait(keys, aw), name="guard-wait")  # not local work itself: it waits for the submit tasks

    def release(self, sent: SendResult) -> None:
        """The submit being sent is over (in the queue, or the call ended): ``sent`` as for ``send()``.

        Called by the awaitable's end, or earlier and synchronously by whoever knows (the AI call
        runner, as the call ends), so the button is free at once. Only the first call counts."""
        pending, self._pending = self._pending, None
        if pending is None:
            return
        keys, each = pending
        self.registry.end(keys)
        done = keys if sent is True else (list(sent) if sent else [])
        if done:
            self.registry.record(done, each)
        if isValid(self):
            self._set_busy(False)

    async def _wait(self, keys: list[str], aw: Awaitable[SendResult]) -> None:
        sent: SendResult = None
        try:
            fut = asyncio.ensure_future(aw)
            await asyncio.wait([fut])
            if not fut.cancelled() and fut.exception() is None:
                sent = fut.result()
        finally:
            self.release(sent)

    # -- asking ----------------------------------------------------------------------------------
    def _ask(self, check: RepeatCheck, credits: float | None, answer: Callable[[bool], None]) -> None:
        text = repeat_question(check, credits, noun=self.noun)
        self.last_question = text
        parent: QWidget | None = self.button.window() if self.button is not None and isValid(self.button) else None
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Send again?"), text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, parent)
        box.setObjectName("sendAgainQuestion")
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Send again"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setEscapeButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        done = [False]

        def finished(_result: int) -> None:
            if done[0]:
                return
            done[0] = True
            yes = box.standardButton(box.clickedButton()) == QMessageBox.StandardButton.Yes
            self.dialog = None
            log.info("asked before sending again: %s", "send" if yes else "not sent")
            answer(yes)

        box.finished.connect(finished)
        self.dialog = box
        box.open()

    def answer(self, yes: bool) -> None:
        """Answer the open question (as a click on its button would)."""
        box = self.dialog
        if box is None:
            return
        btn = box.button(QMessageBox.StandardButton.Yes if yes else QMessageBox.StandardButton.Cancel)
        btn.click()
