"""The Vision tab: drop an image or paste an image URL, ask a question, read the answer and what
it cost. Follow-up questions about the same image are listed under the first.

Images the endpoint does not take (it takes PNG, JPEG, GIF and WebP) are converted to PNG first
with ffmpeg (``services.vision.prepare_image``). The minimum balance vision needs is checked
before sending.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...core import filetypes as ft
from ...core.submissions import content_hash, fingerprint
from ...services import vision as vs
from ...services.errors import check_minimum_balance
from ..plural import credits
from ..widgets.ai_common import (
    CallRunner,
    DropZone,
    PromptEdit,
    add_call_status,
    alive,
    two_panes,
)
from ..widgets.elide import AspectPixmapLabel
from ..widgets.header import tool_page_header
from ..widgets.submit_guard import SubmitGuard

if TYPE_CHECKING:  # pragma: no cover
    from ..context import ToolContext

MODELS = ("gpt-4o", "gpt-4o-mini")
PREVIEW = 720
FILE_FILTER = "Images (*.png *.jpg *.jpeg *.gif *.webp *.bmp *.tif *.tiff);;All files (*)"


def _load_preview(path: str) -> tuple[QImage, int, int]:
    """Read and scale an image in a worker thread (QImage is safe off the GUI thread)."""
    img = QImage(path)
    if img.isNull():
        return img, 0, 0
    w, h = img.width(), img.height()
    return img.scaled(PREVIEW, PREVIEW, Qt.AspectRatioMode.KeepAspectRatio,
                      Qt.TransformationMode.SmoothTransformation), w, h


class VisionTab(QWidget):
    def __init__(self, ctx: ToolContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("visionTab")
        self.image_path: str | None = None
        self.image_size: tuple[int, int] | None = None
        self.answers: list[dict[str, Any]] = []
        #: content hash of the image (the "same request" check)
        self.image_digest = ""
        #: the image is being read (Ask waits for its content hash)
        self.reading = False
        #: converted images live here only while they are sent
        self._work = Path(ctx.dirs.data) / "vision"

        # -- left: image, question ---------------------------------------------------------------
        left = QWidget()
        left.setMinimumWidth(280)  # with the answers pane, fits a 1024 px window beside the Job Queue
        left.setMaximumWidth(500)
        ll = QVBoxLayout(left)
        ll.addWidget(tool_page_header("vision"))
        self.drop = DropZone(self.tr("Drop an image here (PNG, JPEG, GIF, WebP; BMP and TIFF are converted)"), FILE_FILTER)
        self.drop.setObjectName("visionDrop")
        self.drop.fileDropped.connect(self.set_image)
        self.drop.enable_remote(ctx, "image")
        ll.addWidget(self.drop)
        self.url = QLineEdit()
        self.url.setObjectName("visionUrl")
        self.url.setPlaceholderText(self.tr("…or paste an image URL: https://…/picture.png"))
        self.url.setClearButtonEnabled(True)
        self.url.textEdited.connect(self._url_edited)
        ll.addWidget(self.url)
        self.preview = AspectPixmapLabel()  # the image's own shape, whatever the room
        self.preview.setText(self.tr("No image yet."))
        self.preview.setObjectName("visionPreview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumHeight(100)  # a 1024x700 window: the prompt keeps its room
        self.preview.setEnabled(False)
        self.preview.setWordWrap(True)
        ll.addWidget(self.preview, 1)
        self.prompt = PromptEdit(self.tr("Ask about the image, e.g. 'What is written on the sign?'  (Ctrl+Enter to ask)"))
        self.prompt.setObjectName("visionPrompt")
        self.prompt.setMaximumHeight(110)
        self.prompt.submitted.connect(self.ask)
        self.prompt.textChanged.connect(self.update_cost)
        ll.addWidget(self.prompt)
        form = QFormLayout()
        self.max_tokens = QSpinBox()
        self.max_tokens.setRange(1, 16384)
        self.max_tokens.setValue(1024)
        self.max_tokens.setToolTip(self.tr("The longest answer, in tokens (about 4 characters each)"))
        self.max_tokens.valueChanged.connect(self.update_cost)
        self.model = QComboBox()
        self.model.setProperty("i18nDataItems", True)  # the API's own names (model, voice, format): not translated
        self.model.setEditable(True)
        self.model.addItems(MODELS)
        form.addRow(self.tr("Max tokens"), self.max_tokens)
        form.addRow(self.tr("Model", "the AI model"), self.model)
        ll.addLayout(form)
        self.cost = QLabel()
        self.cost.setObjectName("aiCost")
        self.cost.setWordWrap(True)
        ll.addWidget(self.cost)
        self.ask_btn = QPushButton(self.tr("Ask"))
        self.ask_btn.setObjectName("visionAsk")
        self.ask_btn.setToolTip(self.tr("Ask (Ctrl+Enter)"))
        self.ask_btn.clicked.connect(self.ask)
        ll.addWidget(self.ask_btn)
        self.busy, self.error, self.price_label = add_call_status(ll, ctx, "vision")

        # -- right: answers ------------------------------------------------------------------------
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.addWidget(QLabel(self.tr("<b>Answers</b>")))
        self.view = QTextBrowser()
        self.view.setObjectName("visionAnswers")
        self.view.setOpenExternalLinks(True)
        self.view.setPlaceholderText(self.tr("Answers and follow-ups appear here."))
        rl.addWidget(self.view, 1)
        row = QHBoxLayout()
        self.copy_btn = QPushButton(self.tr("Copy answer"))
        self.copy_btn.clicked.connect(self.copy_answer)
        self.clear_btn = QPushButton(self.tr("Clear"))
        self.clear_btn.clicked.connect(self.clear_answers)
        row.addWidget(self.copy_btn)
        row.addWidget(self.clear_btn)
        row.addStretch(1)
        rl.addLayout(row)

        two_panes(self, left, right, (380, 820))  # a 1024 px window leaves the answers room

        self.runner = CallRunner(ctx, self.busy, self.error,
                                 [self.drop, self.url, self.max_tokens, self.model], parent=self)
        # (Ask is the guard's: disabled while a question is sent and while the image is read)
        #: one click, one question; asks before the same question about the same image is sent again
        self.guard = SubmitGuard(ctx, self.ask_btn, noun="request", parent=self)
        for seq in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(seq), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
                      activated=self.ask)
        QShortcut(QKeySequence("Esc"), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
                  activated=self.runner.cancel)
        ctx.session.accountChanged.connect(self.update_cost)
        ctx.session.settingsChanged.connect(self.update_cost)
        self.update_cost()
        self._update_buttons()

    # -- image ---------------------------------------------------------------------------------------
    def set_image(self, path: str) -> None:
        self.image_path = path
        self.image_size = None
        self.image_digest = ""
        self.url.clear()
        self.drop.set_path(path)
        self.preview.setText(self.tr("Loading…"))
        self.clear_answers()
        self._set_reading(True)
        self.ctx.spawn(self._load(path), name="vision-preview")

    def _set_reading(self, on: bool) -> None:
        """While the image is read (its content hash is the key of the "same request" check),
        Ask stays disabled and says so: a request keyed on the path would not match one keyed on
        the content, and the repeat question would be missed."""
        self.reading = on
        self.ask_btn.setText(self.tr("Reading the image…") if on else self.tr("Ask"))
        self.guard.set_enabled(not on)

    async def _load(self, path: str) -> None:
        try:
            img, w, h = await asyncio.to_thread(_load_preview, path)
            try:
                digest = await asyncio.to_thread(content_hash, path)
            except OSError:
                digest = ""
        finally:
            if alive(self) and self.image_path == path:
                self._set_reading(False)
        if not alive(self) or self.image_path != path:
            return
        self.image_digest = digest
        if img.isNull():
            kind = ft.sniff(path) if Path(path).is_file() else None
            self.preview.set_source_pixmap(None)
            fmt = kind.upper() if kind else self.tr("unknown format")
            self.preview.setText(self.tr("No preview (%1); it is converted when you ask, if it is an image.")
                                 .replace("%1", fmt))
        else:
            self.image_size = (w, h)
            self.preview.set_source_pixmap(QPixmap.fromImage(img))
            self.preview.setEnabled(True)
            self.drop.set_path(path, f"{self.drop.display_name(path)}\n{w}×{h}")
        self.update_cost()

    def _url_edited(self, text: str) -> None:
        if text.strip() and self.image_path is not None:
            self._set_reading(False)
            self.image_path = None
            self.image_size = None
            self.drop.set_path(None)
            self.preview.set_source_pixmap(None)
            self.preview.setText(self.tr("Image from a URL: the server fetches it when you ask."))
            self.clear_answers()
        self.update_cost()

    def accept_handoff(self, path: str) -> bool:
        """Images handed over from another tab (an image generation result, for example)."""
        if ft.sniff(path) not in ("png", "jpeg", "gif", "webp", "bmp", "tiff"):
            return False
        self.set_image(path)
        self.prompt.setFocus()
        return True

    # -- cost ------------------------------------------------------------------------------------------
    def update_cost(self, *_: Any) -> None:
        p = self.ctx.pricing
        prompt = self.prompt.toPlainText()
        w, h = self.image_size or (None, None)
        est = vs.estimate(p, prompt, self.max_tokens.value(), w, h)
        need = p.minimum_balance("vision")
        line = (self.tr("Estimate: up to <b>%1</b> (image ~%2 tokens, answer up to %3 tokens)") if w else
                self.tr("Estimate: up to <b>%1</b> (image ~%2 tokens, size unknown, answer up to %3 tokens)"))
        line = (line.replace("%1", credits(est)).replace("%2", f"{vs.image_tokens(w, h):,}")
                .replace("%3", f"{self.max_tokens.value():,}"))
        if need:
            line += self.tr(" · needs a balance of %1").replace("%1", credits(need))
        acct = self.ctx.session.account
        if acct is not None:
            line += self.tr(" · balance %1").replace("%1", credits(acct.credits))
        self.cost.setText(line)

    def _update_buttons(self) -> None:
        has = bool(self.answers)
        self.copy_btn.setEnabled(has)
        self.clear_btn.setEnabled(has)

    # -- asking ------------------------------------------------------------------------------------------
    def ask(self) -> None:
        if self.runner.is_running or self.guard.busy or self.reading:
            return
        prompt = self.prompt.toPlainText().strip()
        url = self.url.text().strip()
        path = self.image_path
        if not path and not url:
            self.error.show_error(self.tr("Drop an image or paste its URL first."))
            return
        if url and not vs.is_url(url):
            self.error.show_error(self.tr("The image URL must start with http:// or https:// (a web address, no spaces)."))
            self.url.setFocus()
            return
        if not prompt:
            self.error.show_error(self.tr("Write a question about the image first."))
            self.prompt.setFocus()
            return
        model = self.model.currentText().strip() or None
        max_tokens = self.max_tokens.value()
        w, h = self.image_size or (None, None)
        est = vs.estimate(self.ctx.pricing, prompt, max_tokens, w, h)
        client = self.ctx.client
        work = self._work

        async def call() -> tuple[Any, str]:
            acct = self.ctx.session.account
            check_minimum_balance("Vision", self.ctx.pricing.minimum_balance("vision"),
                                  acct.credits if acct is not None else None)
            if path:
                prepared = await vs.prepare_image(path, work)
                note = self.tr(" (%1 converted to PNG)").replace(
                    "%1", prepared.source.suffix.lstrip('.').upper() or self.tr("image")) if prepared.converted else ""
                try:
                    r = await client.vision_upload(prompt, prepared.path, model=model, max_tokens=max_tokens)
                finally:
                    if prepared.converted:
                        prepared.path.unlink(missing_ok=True)
                return r, note
            return await client.vision(prompt, url, model=model, max_tokens=max_tokens), ""

        def done(result: tuple[Any, str]) -> None:
            r, note = result
            self.answers.append({"q": prompt, "a": r.content, "in": r.usage.prompt_tokens,
                                 "out": r.usage.completion_tokens, "credits": r.credits_consumed, "est": est,
                                 "note": note})
            self.render()
            self.prompt.clear()
            self._update_buttons()

        key = fingerprint("vision", digests=[self.image_digest or path] if path else [], url=None if path else url,
                          prompt=prompt, model=model, max_tokens=max_tokens)
        self.runner.run_guarded(self.guard, key, est, call, busy_text=self.tr("Asking (up to %1)…").replace("%1", credits(est)),
                                on_result=done, name="vision")

    def render(self) -> None:
        parts = []
        for a in self.answers:
            meta = self.tr("%1 in + %2 out tokens").replace("%1", f"{a['in']:,}").replace("%2", f"{a['out']:,}")
            if a["credits"] is not None:
                meta += self.tr(" · charged %1 (estimated up to %2)").replace("%1", credits(a["credits"])).replace(
                    "%2", credits(a["est"]))
            parts.append(self.tr("**Q:**") + f" {a['q']}{a['note']}\n\n{a['a']}\n\n*{meta}*")
        self.view.setMarkdown("\n\n---\n\n".join(parts))
        sb = self.view.verticalScrollBar()
        sb.setValue(sb.maximum())

    def copy_answer(self) -> None:
        if self.answers:
            QGuiApplication.clipboard().setText(self.answers[-1]["a"])

    def reset_session_results(self) -> None:
        """The connection changed (live <-> sandbox): the answers go; the image stays."""
        self.clear_answers()

    def clear_answers(self) -> None:
        self.answers = []
        self.view.clear()
        self._update_buttons()


def create(ctx: ToolContext) -> QWidget:
    return VisionTab(ctx)
