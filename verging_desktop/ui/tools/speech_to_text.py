"""The Speech to Text tab: drop an audio or video file, see what will be sent and what it costs,
transcribe, then copy the transcript or save it as .txt, .srt or .vtt.

``services.stt`` plans the upload before anything is sent: accepted audio goes as it is; a video's
sound track is extracted; other formats are converted; files over 25 MB are re-encoded to compact
16 kHz mono MP3, or split into parts when even that is too big (segment times are shifted so the
subtitles line up with the original).
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core import filetypes as ft
from ...core.errors import Progress
from ...core.submissions import content_hash, fingerprint
from ...services.files import atomic_write_text
from ...services.stt import SttPlan, SttRun, Transcript, clock, plan_stt
from ...services.subtitles import timestamp
from ..plural import credits
from ..widgets.ai_common import (
    CallRunner,
    DropZone,
    add_call_status,
    choose_save_path,
    two_panes,
)
from ..widgets.header import tool_page_header
from ..widgets.submit_guard import SubmitGuard

if TYPE_CHECKING:  # pragma: no cover
    from ..context import ToolContext

LANGUAGES = (
    ("", "Detect automatically"), ("en", "English"), ("es", "Spanish"), ("fr", "French"), ("de", "German"),
    ("it", "Italian"), ("pt", "Portuguese"), ("nl", "Dutch"), ("pl", "Polish"), ("ru", "Russian"),
    ("uk", "Ukrainian"), ("tr", "Turkish"), ("ar", "Arabic"), ("hi", "Hindi"), ("ja", "Japanese"),
    ("ko", "Korean"), ("zh", "Chinese"),
)
MODELS = ("whisper-1",)
FILE_FILTER = ("Audio and video (*.mp3 *.mp4 *.mpeg *.mpga *.m4a *.wav *.webm *.ogg *.oga *.opus *.flac *.aac "
               "*.aif *.aiff *.wma *.mov *.mkv *.avi);;All files (*)")


class SpeechToTextTab(QWidget):
    def __init__(self, ctx: ToolContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("speechToTextTab")
        self.plan: SttPlan | None = None
        self.transcript: Transcript | None = None
        self.stt_run: SttRun | None = None
        #: content hash of the planned file (the "same request" check)
        self.plan_digest = ""
        self.file_dialog: Any = None

        # -- left: file, plan, options ----------------------------------------------------------------
        left = QWidget()
        left.setMinimumWidth(280)  # with the transcript pane, fits a 1024 px window beside the Job Queue
        left.setMaximumWidth(520)
        ll = QVBoxLayout(left)
        ll.addWidget(tool_page_header("speech-to-text"))
        self.drop = DropZone("Drop an audio or video file here\n(MP3, M4A, WAV, WebM, MP4, OGG, FLAC, MOV…)",
                             FILE_FILTER)
        self.drop.setObjectName("sttDrop")
        self.drop.fileDropped.connect(self.set_file)
        ll.addWidget(self.drop)
        self.plan_box = QFrame()
        self.plan_box.setFrameShape(QFrame.Shape.StyledPanel)
        pl = QVBoxLayout(self.plan_box)
        pl.addWidget(QLabel("<b>What will be sent</b>"))
        self.plan_label = QLabel("Choose a file to see what will be sent, its size and the estimated cost.")
        self.plan_label.setObjectName("sttPlan")
        self.plan_label.setWordWrap(True)
        self.plan_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        pl.addWidget(self.plan_label)
        ll.addWidget(self.plan_box)
        form = QFormLayout()
        self.language = QComboBox()
        for code, name in LANGUAGES:
            self.language.addItem(f"{name} ({code})" if code else name, code)
        self.language.setToolTip("Choosing the spoken language helps with short or noisy recordings")
        self.model = QComboBox()
        self.model.setEditable(True)
        self.model.addItems(MODELS)
        form.addRow("Language", self.language)
        form.addRow("Model", self.model)
        ll.addLayout(form)
        self.go_btn = QPushButton("Transcribe")
        self.go_btn.setObjectName("sttTranscribe")
        self.go_btn.setToolTip("Transcribe (Ctrl+Enter)")
        self.go_btn.clicked.connect(self.transcribe)
        ll.addWidget(self.go_btn)
        self.busy, self.error, self.price_label = add_call_status(ll, ctx, "stt")
        ll.addStretch(1)

        # -- right: transcript ----------------------------------------------------------------------
        right = QWidget()
        rl = QVBoxLayout(right)
        self.result = QLabel("<b>Transcript</b>")
        self.result.setObjectName("sttResult")
        self.result.setWordWrap(True)
        rl.addWidget(self.result)
        self.views = QTabWidget()
        self.text = QPlainTextEdit()
        self.text.setObjectName("sttText")
        self.text.setReadOnly(True)
        self.text.setPlaceholderText("The transcript appears here.")
        self.segments = QTreeWidget()
        self.segments.setObjectName("sttSegments")
        self.segments.setHeaderLabels(["Start", "End", "Text"])
        self.segments.setRootIsDecorated(False)
        self.segments.header().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.views.addTab(self.text, "Text")
        self.views.addTab(self.segments, "Timed segments")
        rl.addWidget(self.views, 1)
        row = QHBoxLayout()
        self.copy_btn = QPushButton("Copy")
        self.copy_btn.setToolTip("Copy the transcript to the clipboard")
        self.copy_btn.clicked.connect(self.copy)
        self.txt_btn = QPushButton("Save .txt…")
        self.srt_btn = QPushButton("Save .srt…")
        self.vtt_btn = QPushButton("Save .vtt…")
        self.txt_btn.clicked.connect(lambda: self.ask_export("txt"))
        self.srt_btn.clicked.connect(lambda: self.ask_export("srt"))
        self.vtt_btn.clicked.connect(lambda: self.ask_export("vtt"))
        for b in (self.copy_btn, self.txt_btn, self.srt_btn, self.vtt_btn):
            row.addWidget(b)
        row.addStretch(1)
        rl.addLayout(row)
        self.note = QLabel()
        self.note.setObjectName("aiNote")
        self.note.setWordWrap(True)
        rl.addWidget(self.note)

        two_panes(self, left, right, (440, 820))

        self.runner = CallRunner(ctx, self.busy, self.error, [self.go_btn, self.drop, self.language, self.model],
                                 parent=self)
        #: one click, one transcription; asks before the same file is sent again with the same settings
        self.guard = SubmitGuard(ctx, self.go_btn, noun="request", parent=self)
        for seq in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(seq), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
                      activated=self.transcribe)
        QShortcut(QKeySequence("Esc"), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
                  activated=self.runner.cancel)
        ctx.session.settingsChanged.connect(lambda _s: self._replan())
        self._update_buttons()

    # -- file and plan ------------------------------------------------------------------------------
    def set_file(self, path: str) -> None:
        if self.runner.is_running:
            return
        self.plan = None
        self.drop.set_path(path)
        self.plan_label.setText("Reading the file…")
        self._update_buttons()
        pricing = self.ctx.pricing

        async def call() -> SttPlan:
            plan = await plan_stt(path, pricing)
            self.plan_digest = await asyncio.to_thread(content_hash, plan.source)
            return plan

        def failed(_e: BaseException) -> None:
            self.plan_label.setText("This file cannot be transcribed; see the message below.")
            self._update_buttons()

        self.runner.run(call, busy_text="Reading the file…", on_result=self._planned, on_failure=failed,
                        on_cancel=lambda: self.plan_label.setText("Choose a file."), name="stt-plan")

    def _replan(self) -> None:
        if self.plan is not None and not self.runner.is_running:
            self.set_file(str(self.plan.source))

    def _planned(self, plan: SttPlan) -> None:
        self.plan = plan
        self.drop.set_path(str(plan.source), f"{plan.source.name}\n{clock(plan.duration)} · "
                                             f"{plan.size / ft.MB:.1f} MB{' · video' if plan.has_video else ''}")
        acct = self.ctx.session.account
        text = plan.describe()
        if acct is not None and acct.credits < plan.estimate:
            text += f" <span style='color:#d93025'>Your balance is {credits(acct.credits)}.</span>"
        self.plan_label.setText(text)
        self._update_buttons()

    def accept_handoff(self, path: str) -> bool:
        """Audio and video files handed over from another tab are planned here."""
        if ft.sniff(path) in ("jpeg", "png", "webp", "gif", "bmp", "tiff", "heic", None):
            return False
        self.set_file(path)
        return True

    # -- transcribing ---------------------------------------------------------------------------------
    def transcribe(self) -> None:
        if self.runner.is_running or self.guard.busy:
            return
        plan = self.plan
        if plan is None:
            self.error.show_error("Choose an audio or video file first: drop it above or click Browse.")
            return
        language, model = self.language.currentData() or None, self.model.currentText().strip() or None
        key = fingerprint("stt", digests=[self.plan_digest or str(plan.source)], language=language, model=model)

        def send() -> Any:
            run = SttRun(self.ctx.client, plan, self.ctx.pricing, language=language, model=model,
                         progress=self._progress)
            self.stt_run = run
            what = "Preparing and transcribing" if plan.converts else "Transcribing"
            task = self.runner.run(run.run, busy_text=f"{what} (about {credits(plan.estimate)})…",
                                   on_result=self._done, on_cancel=self._cancelled, name="stt")
            return self.runner.guard_call(self.guard, task)

        self.guard.submit([key], plan.estimate, send)

    def _progress(self, p: Progress) -> None:
        self.busy.update_progress(p)

    def _cancelled(self) -> None:
        run = self.stt_run
        done = run.done if run is not None else 0
        self.error.show_info("Cancelled." + (f" {done} part{'s' if done != 1 else ''} had been transcribed and "
                                             f"charged ({credits(run.charged if run else 0)})."
                                             if done else " Nothing was charged."))
        self._update_buttons()

    def _done(self, t: Transcript) -> None:
        self.transcript = t
        self.text.setPlainText(t.text)
        self.segments.clear()
        for s in t.segments:
            QTreeWidgetItem(self.segments, [timestamp(s.start, vtt=True), timestamp(s.end, vtt=True), s.text])
        parts = f" in {t.parts} parts" if t.parts > 1 else ""
        est = self.plan.estimate if self.plan is not None else None
        lang = f" · language {t.language}" if t.language else ""
        self.result.setText(f"<b>Transcript</b> of {clock(t.duration)}{parts}{lang} · charged "
                            f"<b>{credits(t.charged)}</b>"
                            + (f" (estimated {credits(est)})" if est is not None else ""))
        self.note.setText("" if t.timed else "The server sent no timestamps, so subtitles (.srt, .vtt) "
                                             "cannot be made for this transcript.")
        self._update_buttons()

    # -- output ----------------------------------------------------------------------------------------
    def reset_session_results(self) -> None:
        """The connection changed (live <-> sandbox): the transcript shown goes (the file stays)."""
        self.transcript = None
        self.text.clear()
        self.segments.clear()
        self.result.setText("<b>Transcript</b>")
        self.note.setText("")
        self._update_buttons()

    def _update_buttons(self) -> None:
        t = self.transcript
        self.guard.set_enabled(self.plan is not None and not self.runner.is_running)
        self.copy_btn.setEnabled(t is not None)
        self.txt_btn.setEnabled(t is not None)
        self.srt_btn.setEnabled(t is not None and t.timed)
        self.vtt_btn.setEnabled(t is not None and t.timed)

    def copy(self) -> None:
        if self.transcript is not None:
            QGuiApplication.clipboard().setText(self.transcript.text)
            self.note.setText("Transcript copied to the clipboard.")

    def ask_export(self, kind: str) -> None:
        if self.transcript is None:
            return
        stem = self.plan.source.stem if self.plan is not None else "transcript"
        folder = Path(self.ctx.settings.download_dir or (self.plan.source.parent if self.plan else Path.home()))
        self.file_dialog = choose_save_path(self, f"Save the transcript as .{kind}", str(folder / f"{stem}.{kind}"),
                                            lambda p: self.export(kind, p), f"*.{kind}")

    def export(self, kind: str, path: str) -> Path | None:
        t = self.transcript
        if t is None:
            return None
        dest = Path(path)
        if dest.suffix.lower() != f".{kind}":
            dest = dest.with_name(dest.name + f".{kind}")
        body = {"txt": t.to_txt, "srt": t.to_srt, "vtt": t.to_vtt}[kind]()
        try:
            atomic_write_text(dest, body)
        except OSError as e:
            self.error.show_error(f"Could not save {dest.name}: {e.strerror or e}")
            return None
        self.note.setText(f"Saved {dest}")
        return dest


def create(ctx: ToolContext) -> QWidget:
    return SpeechToTextTab(ctx)
