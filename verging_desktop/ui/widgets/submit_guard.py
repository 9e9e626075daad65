"""One submit button, sent once: the UI side of :mod:`verging_desktop.core.submissions`.

:class:`SubmitGuard` wires a tab's submit button to the app's
:class:`~verging_desktop.core.submissions.SubmissionRegistry` (``ctx.submissions``):

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

from ...core.errors import ApiError, InputError, NotSent, TransportError, VergingError
from ...core.submissions import (
    RepeatCheck,
    SubmissionRegistry,
    connection_scope,
    format_ago,
    scoped,
)
from ..plural import credits as credits_text
from ..plural import plural

if TYPE_CHECKING:  # pragma: no cover
    from ...jobs.store import JobRecord
    from ..context import ToolContext

log = logging.getLogger("verging_desktop.ui.submit_guard")

#: what ``send()`` reports: True (all keys sent), False/None (nothing sent) or the keys sent
SendResult = bool | Collection[str] | None


def registry_for(ctx: ToolContext) -> SubmissionRegistry:
    """The app's registry (``ctx.submissions``: one for the app's whole run)."""
    return ctx.submissions


def repeat_question(check: RepeatCheck, credits: float | None, *, noun: str = "job",
                    unit: Callable[[float | None], str] = credits_text) -> str:
    """The question asked before sending the same work again (plural-correct); ``unit`` writes the
    amount (another provider's credits say whose they are)."""
    translate = QCoreApplication.translate  # "translate(": the name the translation tools read
    n, k = len(check.keys), len(check.repeated)
    cost = unit(credits) if credits is not None else None
    last = check.latest
    if last is not None and last.times == 0:
        ago_part = translate("SubmitGuard", "right now")
    else:
        ago_part = translate("SubmitGuard", "%1 ago").replace("%1", format_ago(check.seconds_ago))
    if noun == "request":
        if cost is None:
            return translate("SubmitGuard", "You sent this same request %1. Send it again?").replace("%1", ago_part)
        return translate("SubmitGuard", "You sent this same request %1. Send it again for about %2?").replace(
            "%1", ago_part).replace("%2", cost)
    if n == 1:
        if cost is None:
            return translate("SubmitGuard", "You sent this same job %1. Send again?").replace("%1", ago_part)
        return translate("SubmitGuard", "You sent this same job %1. Send again for %2?").replace(
            "%1", ago_part).replace("%2", cost)
    if k == n:
        text = plural(translate("SubmitGuard", "You sent these same %n job(s) %1. Send them again for %2?", None, n), n)
    else:
        head = plural(translate("SubmitGuard", "%n of these jobs (is|are) the same as (one|ones) you sent %1.", None, k), k)
        tail = plural(translate("SubmitGuard", "Send all %n job(s) for %2?", None, n), n)
        text = f"{head} {tail}"
    return text.replace("%1", ago_part).replace("%2", cost or "?")


def may_have_been_sent(err: BaseException) -> bool:
    """Whether a charging request that ended with ``err`` may have reached the server.

    Only a failure known to have sent nothing counts as "not sent": the request could not be
    sent at all (:class:`~verging_desktop.core.errors.NotSent`: connection refused, DNS, connect
    timeout), the server refused it (400, 401, 402, 403, 404, 429: nothing was charged), or it
    failed here before any request (bad input, a minimum balance, a local file). A connection that
    dropped or timed out while the request was on its way, a server error (5xx), a cancel while the
    call was under way, or a part failure after earlier parts were charged *may* have charged.
    """
    if isinstance(err, asyncio.CancelledError):
        return True
    if getattr(err, "charged_parts", 0) or getattr(err, "charged_chunks", 0):
        return True
    cause = getattr(err, "cause", None)
    if isinstance(cause, BaseException):
        err = cause
    if isinstance(err, NotSent):
        return False
    if isinstance(err, TransportError):
        return True
    if isinstance(err, InputError):
        return False
    if isinstance(err, ApiError):
        return err.status is not None and err.status >= 500
    # an unexpected failure (a bug) may come after the answer: assume it was sent
    return not isinstance(err, (VergingError, OSError))


def connection_scope_of(ctx: Any) -> str:
    """The :func:`~verging_desktop.core.submissions.connection_scope` of ``ctx``'s session now
    (live or sandbox, which server, which key profile); "" when the context has no session."""
    session = getattr(ctx, "session", None)
    if session is None:
        return ""
    client = getattr(session, "client", None)
    return connection_scope(str(getattr(session, "mode", "") or "live"),
                            str(getattr(client, "base_url", "") or ""),
                            getattr(session, "profile", None) if getattr(session, "mode", "") != "sandbox" else "")


class Ticket:
    """One submit: its keys (as the tab gave them and as the registry knows them, within the
    connection's scope), the cost of each, and whether it is over. :meth:`SubmitGuard.release`
    acts only on its own ticket, so a late release of an old submit never frees a new one."""

    __slots__ = ("credits", "done", "each", "keys", "scoped")

    def __init__(self, keys: list[str], scoped_keys: list[str], credits: float | None) -> None:
        self.keys = keys
        self.scoped = scoped_keys
        self.credits = credits
        self.each = None if credits is None or not keys else credits / len(keys)
        self.done = False

    def registry_keys(self, sent: SendResult) -> list[str]:
        if sent is True:
            return list(self.scoped)
        if not sent:
            return []
        by_key = dict(zip(self.keys, self.scoped, strict=True))
        return [by_key[k] for k in sent if k in by_key]


class SubmitGuard(QObject):
    """Keeps one submit button from sending the same work twice.

    Signals:
        busyChanged(bool): a submit started (True: the button is disabled) or ended (False).
    """

    busyChanged = Signal(bool)

    def __init__(self, ctx: ToolContext, button: QAbstractButton | None, *, noun: str = "job",
                 unit: Callable[[float | None], str] = credits_text, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.button = button
        self.noun = noun
        self.unit = unit
        self.registry = registry_for(ctx)
        self.busy = False
        self._want = True if button is None else button.isEnabled()
        #: where the keyboard focus was kept while the focused button was disabled (see _apply)
        self._parked: QWidget | None = None
        #: the open "send again?" question (tests answer it), None when none is open
        self.dialog: QMessageBox | None = None
        self.task: asyncio.Task[Any] | None = None
        #: the submit being sent (None when none is)
        self.current: Ticket | None = None
        #: the last question asked (for tests and the log)
        self.last_question = ""
        #: the keys of the last submit started, as the tab gave them (for tests and the log)
        self.last_keys: list[str] = []

    # -- the button ------------------------------------------------------------------------------
    def set_enabled(self, on: bool) -> None:
        """The tab's own rule for the button; it is enabled only when also not busy."""
        self._want = bool(on)
        self._apply()

    def _apply(self) -> None:
        b = self.button
        if b is None or not isValid(b):
            return
        on = self._want and not self.busy
        if not on and b.isEnabled() and b.window().focusWidget() is b:
            # Qt hands the focus of a widget being disabled to the next one in the window's focus
            # chain: after a tab's last control that is the Job Queue's search box. Keep it on the
            # tab (the button's own container) and give it back to the button once it is enabled.
            park = b.parentWidget()
            if park is not None:
                park.setFocus(Qt.FocusReason.OtherFocusReason)
                self._parked = park
        b.setEnabled(on)
        park, self._parked = self._parked, None
        if on and park is not None and isValid(park) and park.window().focusWidget() is park:
            b.setFocus(Qt.FocusReason.OtherFocusReason)
        elif not on:
            self._parked = park

    def _set_busy(self, on: bool) -> None:
        if on == self.busy:
            return
        self.busy = on
        self._apply()
        self.busyChanged.emit(on)

    # -- keys ------------------------------------------------------------------------------------
    def scoped_keys(self, keys: Sequence[str]) -> list[str]:
        """``keys`` as the registry knows them: within the current connection (live or sandbox,
        server, key profile), so a free sandbox run is never a repeat of a live send."""
        scope = connection_scope_of(self.ctx)
        return [scoped(scope, k) for k in keys]

    def check(self, keys: Sequence[str]) -> RepeatCheck:
        return self.registry.check(self.scoped_keys(keys))

    # -- submitting ------------------------------------------------------------------------------
    def submit(self, keys: Sequence[str], credits: float | None,
               send: Callable[[], Awaitable[SendResult] | None], *,
               declined: Callable[[], None] | None = None, ask: bool = True) -> bool:
        """Send once: ignored (False) while busy; asks first when ``keys`` were sent before
        (unless ``ask`` is False: the caller asked already, or it is not a repeat).

        ``send()`` starts the work *synchronously* and returns an awaitable that ends when the
        work is in the queue (or the call is over), with what was sent: True (every key), the keys
        sent, or False/None (nothing). ``send()`` returning None means nothing was started.
        While ``send()`` runs, :attr:`current` is this submit's ticket (for :meth:`release`).
        ``credits`` is the cost of the whole submit, shown in the question; ``declined()`` runs when
        the user answers no (nothing is sent).
        """
        if self.busy:
            log.info("submit ignored: the previous one is still being sent")
            return False
        keys = list(keys)
        reg_keys = self.scoped_keys(keys)
        self._set_busy(True)
        check = self.registry.check(reg_keys)
        if check.any and ask:
            def answered(yes: bool) -> None:
                if yes:
                    self._go(Ticket(keys, reg_keys, credits), send)
                    return
                self._set_busy(False)
                if declined is not None:
                    declined()

            self._ask(check, credits, answered)
            return True
        self._go(Ticket(keys, reg_keys, credits), send)
        return True

    def confirm_repeat(self, keys: Sequence[str], credits: float | None, then: Callable[[], None]) -> bool:
        """Run ``then()`` now when ``keys`` were not sent before; otherwise ask first (as
        :meth:`submit` does) and run it only on yes. Ignored (False) while busy."""
        if self.busy:
            return False
        check = self.check(keys)
        if not check.any:
            then()
            return True
        self._set_busy(True)

        def answered(yes: bool) -> None:
            self._set_busy(False)
            if yes:
                then()

        self._ask(check, credits, answered)
        return True

    def _go(self, ticket: Ticket, send: Callable[[], Awaitable[SendResult] | None]) -> None:
        self.registry.begin(ticket.scoped)
        self.current = ticket
        self.last_keys = list(ticket.keys)
        try:
            aw = send()
        except BaseException:
            self.release(ticket, None)
            raise
        if aw is None:
            self.release(ticket, None)
            return
        self.task = self.ctx.spawn(self._wait(ticket, aw), name="guard-wait")  # not local work itself: it waits for the submit tasks

    def release(self, ticket: Ticket | None, sent: SendResult) -> None:
        """``ticket``'s submit is over (in the queue, or the call ended): ``sent`` as for ``send()``.

        Called by the awaitable's end, or earlier and synchronously by whoever knows (the AI call
        runner, as the call ends), so the button is free at once. Only the first call for a ticket
        counts, and it frees the button only when that ticket is still the current submit."""
        if ticket is None or ticket.done:
            return
        ticket.done = True
        self.registry.end(ticket.scoped)
        done = ticket.registry_keys(sent)
        if done:
            self.registry.record(done, ticket.each)
        if self.current is ticket:
            self.current = None
            if isValid(self):
                self._set_busy(False)

    async def _wait(self, ticket: Ticket, aw: Awaitable[SendResult]) -> None:
        sent: SendResult = None
        try:
            fut = asyncio.ensure_future(aw)
            await asyncio.wait([fut])
            if not fut.cancelled() and fut.exception() is None:
                sent = fut.result()
        finally:
            self.release(ticket, sent)

    # -- asking ----------------------------------------------------------------------------------
    def _ask(self, check: RepeatCheck, credits: float | None, answer: Callable[[bool], None]) -> None:
        text = repeat_question(check, credits, noun=self.noun, unit=self.unit)
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


class QueuedRecord:
    """Catches the job record a queue submit writes (matched by its kind and inputs), so a failed
    submit can be told apart as the queue knows it: a job whose create-job request may have
    reached the server (status UNKNOWN: "the job may exist", or one with a server id) counts as
    *sent*; anything else that failed (a refusal, an upload that failed, nothing recorded) was not.

    Use as ``with QueuedRecord(queue, kind, inputs) as sent: await queue.submit_...(...)``, then
    ``sent.may_exist()`` in the ``except``.
    """

    def __init__(self, queue: Any, kind: str, inputs: Sequence[str | Any]) -> None:
        self.store = queue.store
        self.kind = kind
        self.inputs = [str(i) for i in inputs]
        self.local_id: int | None = None
        self._unsubscribe: Callable[[], None] | None = None

    def __enter__(self) -> QueuedRecord:
        self._unsubscribe = self.store.subscribe(self._seen)
        return self

    def __exit__(self, *_exc: object) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None

    def _seen(self, rec: Any) -> None:
        if (self.local_id is None and rec.kind == self.kind
                and list(rec.inputs[:len(self.inputs)]) == self.inputs):
            self.local_id = rec.local_id

    def may_exist(self) -> JobRecord | None:
        """The record when the job may exist on the server, else None (nothing was sent)."""
        from ...jobs.store import LocalStatus

        if self.local_id is None:
            return None
        rec: JobRecord | None = self.store.get(self.local_id)
        if rec is None:
            return None
        if rec.status is LocalStatus.UNKNOWN or rec.remote_id:
            return rec
        return None
