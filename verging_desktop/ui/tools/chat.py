"""The Chat tab: conversations with a system prompt, model, temperature and length limit; replies
stream in as they are written (SSE) and Stop cancels the stream at once, keeping what arrived.

Replies are rendered as Markdown; each shows its tokens and credits. Conversations are saved as
JSON files in the data folder (``services.chat_store``: atomic writes, never the API key) and
listed on the left: new, rename (edit in place), delete. Sandbox conversations are kept apart, in
``chats/sandbox/``: they are listed only in sandbox mode, and switching between live and sandbox
shows the other set. The minimum balance chat needs (5 credits)
is checked before sending.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...api.verging.models import ChatDelta, ChatDone
from ...core.errors import InputError, VergingError
from ...core.pricing import chars_to_tokens
from ...core.submissions import fingerprint
from ...services.chat_store import ChatStore, Conversation, Message, estimate_reply, shown_title
from ...services.errors import check_minimum_balance, error_line
from ...services.usage import match_chat_record
from ..dialogs.common import confirm
from ..plural import credits, plural
from ..widgets.ai_common import (
    BusyBar,
    CallRunner,
    ErrorLine,
    PriceLabel,
    PromptEdit,
    two_panes,
)
from ..widgets.header import tool_page_header
from ..widgets.submit_guard import SubmitGuard

if TYPE_CHECKING:  # pragma: no cover
    from ..context import ToolContext

MODELS = ("gpt-4o", "gpt-4o-mini")
ID_ROLE = Qt.ItemDataRole.UserRole
RENDER_MS = 30
#: after a Stop, when the usage is asked for the server's count of the reply (s, cumulative)
SERVER_COUNT_DELAYS = (0.5, 1.0, 2.0, 4.0, 8.0)


def render_markdown(conv: Conversation) -> str:
    """The conversation as Markdown: who said what, and what each reply used and cost."""
    translate = QCoreApplication.translate
    if not conv.messages:
        return translate("ChatTab", "*No messages yet.* Type below and press **Send** (Ctrl+Enter). Replies stream "
                         "in as they are written; **Stop** (Esc) ends a reply at once and keeps what arrived.")
    parts = []
    for m in conv.messages:
        if m.role == "user":
            parts.append(translate("ChatTab", "#### You") + f"\n\n{m.content}")
            continue
        body = m.content if m.content else "…"
        meta = []
        if m.prompt_tokens is not None or m.completion_tokens is not None:
            tokens = translate("ChatTab", "%1 in + %2 out tokens").replace("%1", f"{m.prompt_tokens or 0:,}").replace(
                "%2", f"{m.completion_tokens or 0:,}")
            if m.stopped:  # what the server counted once known; until then our estimate, marked so
                tokens += (translate("ChatTab", ", estimated here") if m.estimated
                           else translate("ChatTab", ", counted by Verging"))
            meta.append(tokens)
        if m.credits is not None:
            meta.append(translate("ChatTab", "about %1").replace("%1", credits(m.credits)) if m.estimated
                        else credits(m.credits))
        if m.stopped:
            meta.append(translate("ChatTab", "stopped, the part that arrived is kept"))
        if m.error:
            meta.append(translate("ChatTab", "error: %1").replace("%1", str(m.error)))
        tail = f"\n\n*{' · '.join(meta)}*" if meta else ""
        parts.append(translate("ChatTab", "#### Assistant") + f"\n\n{body}{tail}")
    return "\n\n---\n\n".join(parts)


class ChatTab(QWidget):
    def __init__(self, ctx: ToolContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("chatTab")
        self.store = ChatStore(self._chats_dir())
        self.current: Conversation = self.store.new()
        self.streaming: Message | None = None
        self._filling = False
        self._retry_reply = False
        self._count_task: asyncio.Task[bool] | None = None
        self.confirm = self._confirm

        # -- left: conversations -------------------------------------------------------------
        left = QWidget()
        left.setMinimumWidth(180)  # with the conversation, fits a 1024 px window beside the Job Queue
        left.setMaximumWidth(320)
        ll = QVBoxLayout(left)
        ll.addWidget(tool_page_header("chat"))
        ll.addWidget(QLabel(self.tr("<b>Conversations</b>")))
        self.list = QListWidget()
        self.list.setObjectName("chatList")
        # a long title is cut at its end (the tooltip has it whole), never a sideways scroll bar
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.currentItemChanged.connect(self._selected)
        self.list.itemChanged.connect(self._renamed)
        ll.addWidget(self.list, 1)
        self.list_empty = QLabel(self.tr("Saved conversations appear here."))
        self.list_empty.setEnabled(False)
        self.list_empty.setWordWrap(True)
        ll.addWidget(self.list_empty)
        # what the conversation shown has cost, under the list it belongs to (beside the model
        # settings it made the page too wide for the sidebar's titles at 1280 px)
        self.total = QLabel()
        self.total.setObjectName("chatTotal")
        self.total.setWordWrap(True)
        ll.addWidget(self.total)
        row = QHBoxLayout()
        self.new_btn = QPushButton(self.tr("New", "a new conversation"))
        self.new_btn.setToolTip(self.tr("Start a new conversation (Ctrl+N)"))
        self.new_btn.clicked.connect(self.new_conversation)
        self.rename_btn = QPushButton(self.tr("Rename"))
        self.rename_btn.clicked.connect(self.rename_current)
        self.delete_btn = QPushButton(self.tr("Delete"))
        self.delete_btn.clicked.connect(self.delete_current)
        for b in (self.new_btn, self.rename_btn, self.delete_btn):
            row.addWidget(b)
        ll.addLayout(row)

        # -- right: the conversation ------------------------------------------------------------
        right = QWidget()
        rl = QVBoxLayout(right)
        settings = QHBoxLayout()
        self.model = QComboBox()
        self.model.setProperty("i18nDataItems", True)  # the API's own names (model, voice, format): not translated
        self.model.setEditable(True)
        self.model.addItems(MODELS)
        self.temperature = QDoubleSpinBox()
        self.temperature.setRange(0.0, 2.0)
        self.temperature.setSingleStep(0.1)
        self.temperature.setDecimals(1)
        self.temperature.setValue(1.0)
        self.temperature.setToolTip(self.tr("0 is focused and repeatable; 2 is very random"))
        self.max_tokens = QSpinBox()
        self.max_tokens.setRange(0, 16384)
        self.max_tokens.setSingleStep(100)
        self.max_tokens.setSpecialValueText(self.tr("no limit"))
        self.max_tokens.setToolTip(self.tr("The longest reply, in tokens (about 4 characters each)"))
        settings.addWidget(QLabel(self.tr("Model", "the AI model")))
        settings.addWidget(self.model)
        settings.addWidget(QLabel(self.tr("Temperature")))
        settings.addWidget(self.temperature)
        settings.addWidget(QLabel(self.tr("Max tokens")))
        settings.addWidget(self.max_tokens)
        settings.addStretch(1)
        rl.addLayout(settings)
        self.system = QPlainTextEdit()
        self.system.setObjectName("chatSystem")
        self.system.setPlaceholderText(self.tr("System prompt (optional): how the assistant should behave, e.g. "
                                               "'Answer in two sentences.'"))
        self.system.setMaximumHeight(64)
        self.system.setTabChangesFocus(True)
        rl.addWidget(self.system)
        self.view = QTextBrowser()
        self.view.setObjectName("chatView")
        self.view.setOpenExternalLinks(True)
        rl.addWidget(self.view, 1)
        self.error = ErrorLine()
        rl.addWidget(self.error)
        self.busy = BusyBar()
        self.busy.cancel.setText(self.tr("Stop", "stop the reply"))
        self.busy.cancel.setObjectName("chatStop")
        self.busy.cancel.setToolTip(self.tr("Stop the reply now; what arrived is kept (Esc)"))
        self.stop_btn = self.busy.cancel
        rl.addWidget(self.busy)
        inrow = QHBoxLayout()
        self.input = PromptEdit(self.tr("Message…  (Ctrl+Enter to send)"))
        self.input.setObjectName("chatInput")
        self.input.setMaximumHeight(110)
        self.input.submitted.connect(self.send)
        self.input.textChanged.connect(self.update_cost)
        self.send_btn = QPushButton(self.tr("Send"))
        self.send_btn.setObjectName("chatSend")
        self.send_btn.setToolTip(self.tr("Send (Ctrl+Enter)"))
        self.send_btn.clicked.connect(self.send)
        inrow.addWidget(self.input, 1)
        inrow.addWidget(self.send_btn)
        rl.addLayout(inrow)
        self.cost = QLabel()
        self.cost.setObjectName("aiCost")
        self.cost.setWordWrap(True)
        rl.addWidget(self.cost)
        self.price_label = PriceLabel(ctx, "chat")
        rl.addWidget(self.price_label)

        two_panes(self, left, right, (240, 1000))

        self.runner = CallRunner(ctx, self.busy, self.error,
                                 [self.send_btn, self.list, self.new_btn, self.rename_btn, self.delete_btn,
                                  self.model, self.temperature, self.max_tokens, self.system],
                                 parent=self)
        self.runner.running.connect(lambda on: self.send_btn.setVisible(not on))
        #: one click, one message; asks before the very same message is sent again
        self.guard = SubmitGuard(ctx, self.send_btn, noun="request", parent=self)
        self._render_timer = QTimer(self)
        self._render_timer.setSingleShot(True)
        self._render_timer.setInterval(RENDER_MS)
        self._render_timer.timeout.connect(self.render)
        for seq, slot in (("Ctrl+Return", self.send), ("Ctrl+Enter", self.send), ("Esc", self.runner.cancel),
                          ("Ctrl+N", self.new_conversation)):
            sc = QShortcut(QKeySequence(seq), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(slot)
        for sig in (self.max_tokens.valueChanged, self.system.textChanged):
            sig.connect(self.update_cost)
        ctx.session.accountChanged.connect(self.update_cost)
        ctx.session.settingsChanged.connect(self.update_cost)

        self.reload_list()
        if self.list.count():
            self.list.setCurrentRow(0)
        else:
            self.show_conversation(self.current)

    # -- conversations ------------------------------------------------------------------------
    def _chats_dir(self) -> Path:
        """Live conversations in ``<data>/chats``; the sandbox's (simulated replies) apart from them."""
        base = Path(self.ctx.dirs.data) / "chats"
        return base / "sandbox" if self.ctx.session.in_sandbox else base

    def reset_session_results(self) -> None:
        """The connection changed (live <-> sandbox): show that connection's conversations and a
        new, empty one. A reply streaming meanwhile is stopped first (what arrived is kept)."""
        task = self.runner.task if self.runner.is_running else None
        if task is not None:
            self.runner.cancel()
            task.add_done_callback(lambda _t: QTimer.singleShot(0, self._switch_store))
            return
        self._switch_store()

    def _switch_store(self) -> None:
        want = self._chats_dir()
        if want == self.store.root:
            return
        self.store = ChatStore(want)
        self.current = self.store.new()
        self.reload_list()
        self.list.clearSelection()
        self.list.setCurrentItem(None)
        self.show_conversation(self.current)

    def reload_list(self, select: str | None = None) -> None:
        self._filling = True
        try:
            self.list.clear()
            for s in self.store.list():
                it = QListWidgetItem(shown_title(s.title))
                it.setData(ID_ROLE, s.id)
                it.setFlags(it.flags() | Qt.ItemFlag.ItemIsEditable)
                count = plural(self.tr("%n message(s)", "", s.messages), s.messages)
                it.setToolTip(f"{shown_title(s.title)}\n{count} · {credits(s.credits)}")
                self.list.addItem(it)
                if s.id == select:
                    self.list.setCurrentItem(it)
        finally:
            self._filling = False
        self.list_empty.setVisible(self.list.count() == 0)
        self._update_buttons()

    def _item_for(self, cid: str) -> QListWidgetItem | None:
        for i in range(self.list.count()):
            it = self.list.item(i)
            if it.data(ID_ROLE) == cid:
                return it
        return None

    def _update_buttons(self) -> None:
        saved = self._item_for(self.current.id) is not None
        self.rename_btn.setEnabled(saved and not self.runner.is_running)
        self.delete_btn.setEnabled(saved and not self.runner.is_running)

    def _selected(self, it: QListWidgetItem | None, _prev: Any = None) -> None:
        if self._filling or it is None or it.data(ID_ROLE) == self.current.id:
            return
        try:
            conv = self.store.load(str(it.data(ID_ROLE)))
        except InputError as e:
            self.error.show_error(e)
            return
        self.show_conversation(conv)

    def show_conversation(self, conv: Conversation) -> None:
        self.current = conv
        self.error.clear()
        self.system.setPlainText(conv.system)
        i = self.model.findText(conv.model)
        if i < 0:
            self.model.addItem(conv.model)
            i = self.model.findText(conv.model)
        self.model.setCurrentIndex(i)
        self.temperature.setValue(conv.temperature)
        self.max_tokens.setValue(conv.max_tokens or 0)
        self.render()
        self.update_cost()
        self._update_buttons()

    def new_conversation(self) -> None:
        if self.runner.is_running:
            return
        conv = self.store.new(system=self.system.toPlainText().strip(), model=self.model.currentText().strip() or MODELS[0],
                              temperature=self.temperature.value(), max_tokens=self.max_tokens.value() or None)
        self.list.clearSelection()
        self.list.setCurrentItem(None)
        self.show_conversation(conv)
        self.input.setFocus()

    def rename_current(self) -> None:
        it = self._item_for(self.current.id)
        if it is not None:
            self.list.setCurrentItem(it)
            self.list.editItem(it)

    def rename(self, cid: str, title: str) -> None:
        try:
            conv = self.store.rename(cid, title)
        except InputError as e:
            self.error.show_error(e)
            self.reload_list(select=self.current.id)
            return
        if conv.id == self.current.id:
            self.current.title = conv.title
            self.current.titled = True

    def _renamed(self, it: QListWidgetItem) -> None:
        if self._filling:
            return
        cid = str(it.data(ID_ROLE))
        if not it.text().strip():
            self.reload_list(select=self.current.id)
            return
        self.rename(cid, it.text())

    def _confirm(self, text: str, on_yes: Any) -> None:
        confirm(self, self.tr("Delete conversation"), text, on_yes)

    def delete_current(self) -> None:
        conv = self.current
        if self._item_for(conv.id) is None or self.runner.is_running:
            return

        def yes() -> None:
            self.store.delete(conv.id)
            self.reload_list()
            if self.list.count():
                self.list.setCurrentRow(0)
            else:
                self.show_conversation(self.store.new())

        self.confirm(self.tr("Delete '%1' and its %2 messages from this computer?").replace("%1", shown_title(conv.title)).replace(
            "%2", str(len(conv.messages))), yes)

    # -- view -----------------------------------------------------------------------------------
    def render(self) -> None:
        sb = self.view.verticalScrollBar()
        at_end = sb.value() >= sb.maximum() - 4
        self.view.setMarkdown(render_markdown(self.current))
        if at_end or self.streaming is not None:
            sb.setValue(sb.maximum())
        spent = self.current.credits
        self.total.setText(self.tr("This conversation: %1").replace("%1", credits(spent)) if self.current.messages else "")

    def _schedule_render(self) -> None:
        if not self._render_timer.isActive():
            self._render_timer.start()

    def _apply_settings(self, conv: Conversation) -> None:
        conv.system = self.system.toPlainText().strip()
        conv.model = self.model.currentText().strip() or MODELS[0]
        conv.temperature = round(self.temperature.value(), 2)
        conv.max_tokens = self.max_tokens.value() or None

    def update_cost(self, *_: Any) -> None:
        text = self.input.toPlainText().strip()
        msgs = self.current.api_messages(text or "")
        if self.system.toPlainText().strip() and not self.current.system:
            msgs.insert(0, {"role": "system", "content": self.system.toPlainText().strip()})
        p = self.ctx.pricing
        est = estimate_reply(p, msgs, self.max_tokens.value() or None)
        need = p.minimum_balance("chat")
        acct = self.ctx.session.account
        line = (self.tr("Next reply: about <b>%1</b> (~%2 input tokens, up to %3 output tokens)")
                if self.max_tokens.value() else
                self.tr("Next reply: about <b>%1</b> (~%2 input tokens, about %3 output tokens)"))
        line = (line.replace("%1", credits(est))
                .replace("%2", format(chars_to_tokens(sum(len(m["content"]) for m in msgs)), ","))
                .replace("%3", format(self.max_tokens.value() or 1000, ",")))
        if need:
            line += self.tr(" · needs a balance of %1").replace("%1", credits(need))
        if acct is not None:
            low = acct.credits < need
            bal = credits(acct.credits)
            line += self.tr(" · balance %1").replace("%1", f"<span style=color:#d93025>{bal}</span>" if low else bal)
        self.cost.setText(line)

    # -- sending --------------------------------------------------------------------------------
    def send(self) -> None:
        if self.runner.is_running or self.guard.busy:
            return
        text = self.input.toPlainText().strip()
        if not text:
            self.error.show_error(self.tr("Type a message first."))
            self.input.setFocus()
            return
        conv = self.current
        self._apply_settings(conv)
        history = conv.api_messages(text)
        key = fingerprint("chat", conversation=conv.id, messages=history, system=conv.system, model=conv.model,
                          temperature=conv.temperature, max_tokens=conv.max_tokens)
        est = estimate_reply(self.ctx.pricing, history, conv.max_tokens)

        async def call() -> Message:
            acct = self.ctx.session.account
            check_minimum_balance("Chat", self.ctx.pricing.minimum_balance("chat"),
                                  acct.credits if acct is not None else None)
            self.input.clear()
            conv.messages.append(Message("user", text))
            conv.auto_title()
            return await self._reply(conv)

        self._start(call, self.tr("Sending…"), key=key, credits=est)

    def regenerate(self) -> None:
        """Ask again for a reply to the last message (after an error), through the submit guard:
        sent once, recorded, and asked about first when the failed reply may have been charged
        (the same conversation and settings as the send it repeats)."""
        if self.runner.is_running or self.guard.busy:
            return
        conv = self.current
        while conv.messages and conv.messages[-1].role == "assistant" and (conv.messages[-1].error or
                                                                            not conv.messages[-1].content):
            conv.messages.pop()
        if not conv.messages or conv.messages[-1].role != "user":
            return
        self._apply_settings(conv)
        history = conv.api_messages()
        key = fingerprint("chat", conversation=conv.id, messages=history, system=conv.system, model=conv.model,
                          temperature=conv.temperature, max_tokens=conv.max_tokens)
        est = estimate_reply(self.ctx.pricing, history, conv.max_tokens)

        async def call() -> Message:
            return await self._reply(conv)

        self._start(call, self.tr("Asking again…"), key=key, credits=est)

    def _start(self, call: Any, text: str, *, key: str | None = None, credits: float | None = None) -> None:
        kw: dict[str, Any] = {"busy_text": text, "on_result": self._done, "on_failure": self._failed,
                              "on_cancel": self._stopped, "retry": self._retry, "name": "chat"}
        if key is None:
            self.runner.run(call, **kw)
        else:
            self.runner.run_guarded(self.guard, key, credits, call, **kw)
        self._update_buttons()

    def _retry(self) -> None:
        """Retry after an error: ask again for the reply, or send the message again if it never left."""
        if self._retry_reply:
            self.regenerate()
        else:
            self.send()

    async def _reply(self, conv: Conversation) -> Message:
        reply = Message("assistant", "")
        messages = conv.api_messages()
        conv.messages.append(reply)
        self.streaming = reply
        self._save(conv)
        self.render()
        self.busy.label.setText(self.tr("Writing…"))
        stream = self.ctx.client.chat_stream(messages, model=conv.model, temperature=conv.temperature,
                                             max_tokens=conv.max_tokens)
        try:
            async for ev in stream:
                if isinstance(ev, ChatDelta):
                    reply.content += ev.content
                    self._schedule_render()
                elif isinstance(ev, ChatDone):
                    if ev.usage.total_tokens:
                        reply.prompt_tokens = ev.usage.prompt_tokens
                        reply.completion_tokens = ev.usage.completion_tokens
                    reply.credits = ev.credits_consumed
        finally:
            await stream.aclose()
        return reply

    def _end_stream(self) -> None:
        self.streaming = None
        self._render_timer.stop()
        self._save(self.current)
        self.render()
        self.update_cost()
        self._update_buttons()

    def _done(self, reply: Message) -> None:
        self._end_stream()
        if reply.credits is not None:
            self.error.clear()

    def _stopped(self) -> None:
        reply = self.streaming
        if reply is not None:
            reply.stopped = True
            reply.stopped_at = time.time()
            msgs_chars = sum(len(m["content"]) for m in self.current.api_messages()[:-1])
            reply.prompt_tokens = chars_to_tokens(msgs_chars)
            reply.completion_tokens = chars_to_tokens(len(reply.content))
            reply.credits = float(self.ctx.pricing.chat(reply.prompt_tokens, reply.completion_tokens).credits)
            if not reply.content:
                self.current.messages.remove(reply)
            else:
                self._count_task = self.ctx.spawn(self._server_count(self.current, reply), name="chat-usage")
        self._end_stream()
        self.error.show_info(self.tr("Stopped. The part of the reply that arrived is kept; the server bills the "
                                     "tokens it sent (the balance is read again)."))

    async def _server_count(self, conv: Conversation, reply: Message) -> bool:
        """Replace a stopped reply's estimate with what the server counted, once it is in the usage."""
        claimed = {m.usage_id for m in conv.messages if m.usage_id}
        for delay in SERVER_COUNT_DELAYS:
            await asyncio.sleep(delay)
            try:
                page = await self.ctx.session.usage("chat", 1, 20)
            except VergingError:
                return False  # the estimate stays, marked as such
            rec = match_chat_record(page.records, reply.created_at, reply.stopped_at or time.time(), claimed)
            if rec is None:
                continue
            reply.usage_id = rec.id
            if rec.input_tokens is not None:
                reply.prompt_tokens = rec.input_tokens
            if rec.output_tokens is not None:
                reply.completion_tokens = rec.output_tokens
            reply.credits = float(rec.credits_consumed)
            if reply in conv.messages:
                self._save(conv)
            if conv is self.current:
                self.render()
            return True
        return False

    def _failed(self, e: BaseException) -> None:
        reply = self.streaming
        # the message was added to the conversation: Retry asks again; otherwise it sends it again
        self._retry_reply = reply is not None
        if reply is not None:
            reply.error = error_line(e)
            if not reply.content:
                self.current.messages.remove(reply)
            self._end_stream()
        else:
            self._update_buttons()

    def _save(self, conv: Conversation) -> None:
        if not conv.messages:
            return
        try:
            self.store.save(conv)
        except OSError as e:
            self.error.show_error(self.tr("The conversation could not be saved: %1").replace("%1", str(e.strerror or e)))
            return
        it = self._item_for(conv.id)
        if it is None:
            self.reload_list(select=conv.id)
        elif it.text() != shown_title(conv.title):
            self._filling = True
            it.setText(shown_title(conv.title))
            self._filling = False


def create(ctx: ToolContext) -> QWidget:
    return ChatTab(ctx)

