"""The Speech to Text tab: drop an audio or video file, see what will be sent and what it costs,
transcribe, then copy the transcript or save it as .txt, .srt or .vtt.

``services.stt`` plans the upload before anything is sent: accepted audio goes as it is; a video's
sound track is extracted; other formats are converted; files over 25 MB are re-encoded to compact
16 kHz mono MP3, or split into parts when even that is too big (segment times are shifted so the
subtitles line up with the original).

Verging (Whisper) or varg (whisper) transcribes (the provider choice, each with its cost for the
file beside it). varg takes the file as it is (audio, or a video's MP4/WebM, up to 50 MB), through
the job queue (:class:`~verging_desktop.ui.tools.varg_choice.VargSide`); its transcript fills the
same views and exports (.txt, .srt, .vtt), and the line under the button says what it came to.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
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
    QStackedWidget,
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
from ..plural import credits, plural
from ..widgets.ai_common import (
    CallRunner,
    DropZone,
    add_call_status,
    choose_save_path,
    two_panes,
)
from ..widgets.header import tool_page_header
from ..widgets.provider_choice import ProviderChoice, one_place
from ..widgets.submit_guard import SubmitGuard
from .varg_choice import VargSide

if TYPE_CHECKING:  # pragma: no cover
    from ...api.varg.models import VargRequest
    from ...jobs.store import JobRecord
    from ..context import ToolContext

LANGUAGES = (
    ("", QT_TRANSLATE_NOOP("SpeechToTextTab", "Detect automatically")),
    ("en", QT_TRANSLATE_NOOP("SpeechToTextTab", "English")),
    ("es", QT_TRANSLATE_NOOP("SpeechToTextTab", "Spanish")),
    ("fr", QT_TRANSLATE_NOOP("SpeechToTextTab", "French")),
    ("de", QT_TRANSLATE_NOOP("SpeechToTextTab", "German")),
    ("it", QT_TRANSLATE_NOOP("SpeechToTextTab", "Italian")),
    ("pt", QT_TRANSLATE_NOOP("SpeechToTextTab", "Portuguese")),
    ("nl", QT_TRANSLATE_NOOP("SpeechToTextTab", "Dutch")),
    ("pl", QT_TRANSLATE_NOOP("SpeechToTextTab", "Polish")),
    ("ru", QT_TRANSLATE_NOOP("SpeechToTextTab", "Russian")),
    ("uk", QT_TRANSLATE_NOOP("SpeechToTextTab", "Ukrainian")),
    ("tr", QT_TRANSLATE_NOOP("SpeechToTextTab", "Turkish")),
    ("ar", QT_TRANSLATE_NOOP("SpeechToTextTab", "Arabic")),
    ("hi", QT_TRANSLATE_NOOP("SpeechToTextTab", "Hindi")),
    ("ja", QT_TRANSLATE_NOOP("SpeechToTextTab", "Japanese")),
    ("ko", QT_TRANSLATE_NOOP("SpeechToTextTab", "Korean")),
    ("zh", QT_TRANSLATE_NOOP("SpeechToTextTab", "Chinese")),
)
MODELS = ("whisper-1",)
PROVIDERS = [("verging", QT_TRANSLATE_NOOP("SpeechToTextTab", "Verging (Whisper)")),
             ("varg", QT_TRANSLATE_NOOP("SpeechToTextTab", "varg (whisper)"))]
VARG_MODEL = "whisper"
FILE_FILTER = QT_TRANSLATE_NOOP("SpeechToTextTab", "Audio and video (*.mp3 *.mp4 *.mpeg *.mpga *.m4a *.wav *.webm "
                                                   "*.ogg *.oga *.opus *.flac *.aac *.aif *.aiff *.wma *.mov *.mkv "
                                                   "*.avi);;All files (*)")


def size_text(n: int) -> str:
    """"3.4 MB", or "24 KB" for a small file (never "0.0 MB")."""
    return f"{n / ft.MB:.1f} MB" if n >= ft.MB else f"{max(1, round(n / 1024))} KB"


class SpeechToTextTab(QWidget):
    def __init__(self, ctx: ToolContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("speechToTextTab")
        self.plan: SttPlan | None = None
        self.transcript: Transcript | None = None
        self.stt_run: SttRun | None = None
        #: reading a varg transcript's timing (its file) when the job's answer had only the text
        self.varg_timing_task: asyncio.Task[Any] | None = None
        #: content hash of the planned file (the "same request" check)
        self.plan_digest = ""
        self.file_dialog: Any = None

        # -- left: file, plan, options ----------------------------------------------------------------
        left = QWidget()
        left.setMinimumWidth(280)  # with the transcript pane, fits a 1024 px window beside the Job Queue
        left.setMaximumWidth(520)
        ll = QVBoxLayout(left)
        ll.addWidget(tool_page_header("speech-to-text"))
        self.drop = DropZone(self.tr("Drop an audio or video file here\n(MP3, M4A, WAV, WebM, MP4, OGG, FLAC, MOV…)"),
                             self.tr(FILE_FILTER))
        self.drop.setObjectName("sttDrop")
        self.drop.fileDropped.connect(self.set_file)
        self.drop.enable_remote(ctx, "audio")
        ll.addWidget(self.drop)
        self.plan_box = QFrame()
        self.plan_box.setFrameShape(QFrame.Shape.StyledPanel)
        pl = QVBoxLayout(self.plan_box)
        pl.addWidget(QLabel(self.tr("<b>What will be sent</b>")))
        self.plan_label = QLabel(self.tr("Choose a file to see what will be sent, its size and the estimated cost."))
        self.plan_label.setObjectName("sttPlan")
        self.plan_label.setWordWrap(True)
        self.plan_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        pl.addWidget(self.plan_label)
        ll.addWidget(self.plan_box)
        form = QFormLayout()
        self.form = form
        self.providers = ProviderChoice(stacked=True)
        self.providers.set_providers([(pid, self.tr(label)) for pid, label in PROVIDERS])
        self.providers.setToolTip(self.tr("Who transcribes; what each costs for this file is beside it"))
        form.addRow(self.tr("Provider"), self.providers)
        self.language = QComboBox()
        for code, name in LANGUAGES:
            label = self.tr(name)
            self.language.addItem(self.tr("%1 (%2)", "a language and its code").replace("%1", label).replace(
                "%2", code) if code else label, code)
        self.language.setToolTip(self.tr("Choosing the spoken language helps with short or noisy recordings"))
        self.model = QComboBox()
        self.model.setProperty("i18nDataItems", True)  # the API's own names (model, voice, format): not translated
        self.model.setEditable(True)
        self.model.addItems(MODELS)
        form.addRow(self.tr("Language"), self.language)
        # varg's model in the same row (its room kept): choosing a provider does not move the button
        self.varg_model_label = QLabel(self.tr("%1 (through varg)", "a model").replace("%1", VARG_MODEL))
        self.varg_model_label.setObjectName("vargSttModel")
        self.varg_model_label.setEnabled(False)
        self.model_box = QStackedWidget()
        self.model_box.addWidget(self.model)
        self.model_box.addWidget(self.varg_model_label)
        form.addRow(self.tr("Model"), self.model_box)
        ll.addLayout(form)
        self.go_btn = QPushButton(self.tr("Transcribe"))
        self.go_btn.setObjectName("sttTranscribe")
        self.go_btn.setToolTip(self.tr("Transcribe (Ctrl+Enter)"))
        self.go_btn.clicked.connect(self.transcribe)
        #: varg: its runner, busy bar and outcome line (the estimate, then what it came to)
        self.varg = VargSide(ctx, self.providers, self.go_btn, parent=self)
        ll.addWidget(one_place(self.varg.outcome))  # its room kept with Verging too
        ll.addWidget(self.varg.time_label)
        ll.addWidget(self.go_btn)
        ll.addWidget(self.varg.busy)
        self.busy, self.error, self.price_label = add_call_status(ll, ctx, "stt")
        ll.addStretch(1)

        # -- right: transcript ----------------------------------------------------------------------
        right = QWidget()
        rl = QVBoxLayout(right)
        self.result = QLabel(self.tr("<b>Transcript</b>"))
        self.result.setObjectName("sttResult")
        self.result.setWordWrap(True)
        rl.addWidget(self.result)
        self.views = QTabWidget()
        self.text = QPlainTextEdit()
        self.text.setObjectName("sttText")
        self.text.setReadOnly(True)
        self.text.setPlaceholderText(self.tr("The transcript appears here."))
        self.segments = QTreeWidget()
        self.segments.setObjectName("sttSegments")
        self.segments.setHeaderLabels([self.tr("Start"), self.tr("End"), self.tr("Text")])
        self.segments.setRootIsDecorated(False)
        self.segments.header().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.views.addTab(self.text, self.tr("Text"))
        self.views.addTab(self.segments, self.tr("Timed segments"))
        rl.addWidget(self.views, 1)
        row = QHBoxLayout()
        self.copy_btn = QPushButton(self.tr("Copy"))
        self.copy_btn.setToolTip(self.tr("Copy the transcript to the clipboard"))
        self.copy_btn.clicked.connect(self.copy)
        self.txt_btn = QPushButton(self.tr("Save .txt…"))
        self.srt_btn = QPushButton(self.tr("Save .srt…"))
        self.vtt_btn = QPushButton(self.tr("Save .vtt…"))
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
        self.varg.runner.finished.connect(self._varg_done)
        self.varg.runner.failed.connect(self._varg_failed)
        self.varg.runner.cancelled.connect(self._varg_cancelled)
        self.varg.runner.busyChanged.connect(self._varg_busy)
        self.varg.keyChanged.connect(lambda _on: self._update_costs())
        self.providers.changed.connect(self._provider_changed)
        self.language.currentIndexChanged.connect(lambda _i: self._update_costs())
        self.varg.remember("speech-to-text")
        self._provider_changed(self.providers.current())
        self._update_buttons()

    # -- provider ---------------------------------------------------------------------------------
    @property
    def provider(self) -> str:
        return self.providers.current()

    def _provider_changed(self, pid: str) -> None:
        varg = pid == "varg"
        self.model_box.setCurrentWidget(self.varg_model_label if varg else self.model)
        self.varg.outcome.setVisible(varg)
        self.price_label.setVisible(not varg)  # Verging's published prices
        self.go_btn.setText(self.tr("Transcribe with varg") if varg else self.tr("Transcribe"))
        self._update_costs()
        self._update_buttons()

    def varg_request(self) -> VargRequest | None:
        """What a varg submit would send now (the file as it is), None without a file."""
        from ...api.varg.models import VargRequest

        if self.plan is None:
            return None
        return VargRequest(kind="varg-transcription", model=VARG_MODEL, audio=str(self.plan.source),
                           language=str(self.language.currentData() or ""))

    def _update_costs(self) -> None:
        """Both providers' cost for the planned file, side by side."""
        plan = self.plan
        if plan is None:  # the price of a minute of audio on each, until a file is chosen
            from ...api.varg.models import VargRequest

            self.providers.set_cost("verging", self.tr("%1 a minute", "a price").replace(
                "%1", credits(self.ctx.pricing.stt(60).credits)))
            self.varg.price(VargRequest(kind="varg-transcription", model=VARG_MODEL), keep_outcome=True)
            return
        self.providers.set_cost("verging", credits(plan.estimate))
        self.varg.price(self.varg_request(), media_seconds=plan.duration)
        self._show_plan()

    def _show_plan(self) -> None:
        """What will be sent: Verging's plan (converted, split), or for varg the file as it is."""
        plan = self.plan
        if plan is None:
            return
        if self.provider == "varg":
            from ...core.varg_models import MAX_UPLOAD_BYTES

            name = plan.source.name
            if plan.size > MAX_UPLOAD_BYTES:
                text = (self.tr("%1 is %2 MB; varg takes files of at most %3 MB: choose Verging (it converts it) "
                                "or a smaller file.").replace("%1", name).replace("%2", f"{plan.size / ft.MB:.1f}")
                        .replace("%3", str(MAX_UPLOAD_BYTES // ft.MB)))
            else:
                what = (self.tr("The video %1 (%2, %3) is sent to varg as it is: varg takes files of up to %4 MB.")
                        if plan.has_video else
                        self.tr("The file %1 (%2, %3) is sent to varg as it is: varg takes files of up to %4 MB."))
                text = (what.replace("%1", name).replace("%2", clock(plan.duration)).replace("%3", size_text(plan.size))
                        .replace("%4", str(MAX_UPLOAD_BYTES // ft.MB)))
            self.plan_label.setText(text)
            return
        acct = self.ctx.session.account
        text = plan.describe()
        if acct is not None and acct.credits < plan.estimate:
            text += " <span style='color:#d93025'>" + self.tr("Your balance is %1.").replace(
                "%1", credits(acct.credits)) + "</span>"
        self.plan_label.setText(text)

    # -- file and plan ------------------------------------------------------------------------------
    def set_file(self, path: str) -> None:
        if self.runner.is_running:
            return
        self.plan = None
        self.drop.set_path(path)
        self.plan_label.setText(self.tr("Reading the file…"))
        self._update_buttons()
        pricing = self.ctx.pricing

        async def call() -> SttPlan:
            plan = await plan_stt(path, pricing)
            self.plan_digest = await asyncio.to_thread(content_hash, plan.source)
            return plan

        def failed(_e: BaseException) -> None:
            self.plan_label.setText(self.tr("This file cannot be transcribed; see the message below."))
            self._update_buttons()

        self.runner.run(call, busy_text=self.tr("Reading the file…"), on_result=self._planned, on_failure=failed,
                        on_cancel=lambda: self.plan_label.setText(self.tr("Choose a file.")), name="stt-plan")

    def _replan(self) -> None:
        if self.plan is not None and not self.runner.is_running:
            self.set_file(str(self.plan.source))

    def _planned(self, plan: SttPlan) -> None:
        self.plan = plan
        video = " · " + self.tr("video", "the file has a video track") if plan.has_video else ""
        self.drop.set_path(str(plan.source), f"{self.drop.display_name(str(plan.source))}\n{clock(plan.duration)} · "
                                             f"{size_text(plan.size)}{video}")
        self._update_costs()
        self._update_buttons()

    def accept_handoff(self, path: str) -> bool:
        """Audio and video files handed over from another tab are planned here."""
        if ft.sniff(path) in ("jpeg", "png", "webp", "gif", "bmp", "tiff", "heic", None):
            return False
        self.set_file(path)
        return True

    #: the last "replace the file?" question (for tests), None when none was asked
    open_box: Any = None
    #: a file opened while a file was being read or transcribed: offered when that is done
    opened_next: str | None = None

    def accept_opened(self, paths: list[str]) -> bool:
        """A recording opened with the app (the file manager, a second launch): it goes in as a
        drop would put it. One file at a time: when another file is here the user is asked
        whether it replaces it (Cancel keeps it); while one is being read or transcribed the new
        one waits and is offered when that is done, so the running work is never lost."""
        files = [p for p in dict.fromkeys(paths) if Path(p).is_file()]
        if not files:
            return False
        path, rest = files[0], files[1:]
        msg = self.ctx.session.message.emit
        if rest:
            msg(self.tr("Speech to Text takes one file at a time: %1 not opened.").replace(
                "%1", ", ".join(Path(p).name for p in rest)))
        if self.runner.is_running or self.varg.runner.busy:
            if self.opened_next is None:
                self.runner.running.connect(self._offer_opened)
                self.varg.runner.busyChanged.connect(self._offer_opened)
            self.opened_next = path
            msg(self.tr("Speech to Text is busy; %1 is offered when it is done.").replace("%1", Path(path).name))
            return True
        held = self.plan.source if self.plan is not None else None
        if held is None:
            self.set_file(path)
            return True
        if Path(held).absolute() == Path(path).absolute():
            msg(self.tr("%1 is already here.").replace("%1", Path(path).name))
            return True
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Open recording"),
                          self.tr("Speech to Text has %1. Replace it with %2?").replace(
                              "%1", Path(held).name).replace("%2", Path(path).name),
                          QMessageBox.StandardButton.Cancel, self)
        box.setObjectName("openReplaceQuestion")
        replace = box.addButton(self.tr("Replace"), QMessageBox.ButtonRole.AcceptRole)
        replace.setObjectName("openReplace")
        box.setDefaultButton(replace)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(lambda b: self.set_file(path) if b is replace else None)
        box.open()
        self.open_box = box
        return True

    def _offer_opened(self, busy: bool) -> None:
        """The file being read or transcribed is done: the file opened meanwhile, once the result
        is in (the runner says it stopped just before it hands its result over)."""
        if not busy:
            from PySide6.QtCore import QTimer

            QTimer.singleShot(0, self._offer_opened_now)

    def _offer_opened_now(self) -> None:
        if self.runner.is_running or self.varg.runner.busy or self.opened_next is None:
            return
        path, self.opened_next = self.opened_next, None
        self.runner.running.disconnect(self._offer_opened)
        self.varg.runner.busyChanged.disconnect(self._offer_opened)
        self.accept_opened([path])

    # -- transcribing ---------------------------------------------------------------------------------
    def transcribe(self) -> None:
        if self.runner.is_running or self.guard.busy or self.varg.runner.busy:
            return
        plan = self.plan
        if plan is None:
            self.error.show_error(self.tr("Choose an audio or video file first: drop it above or click Browse."))
            return
        if self.provider == "varg":
            self.transcribe_varg()
            return
        language, model = self.language.currentData() or None, self.model.currentText().strip() or None
        key = fingerprint("stt", digests=[self.plan_digest or str(plan.source)], language=language, model=model)

        def send() -> Any:
            run = SttRun(self.ctx.client, plan, self.ctx.pricing, language=language, model=model,
                         progress=self._progress)
            self.stt_run = run
            what = (self.tr("Preparing and transcribing (about %1)…") if plan.converts
                    else self.tr("Transcribing (about %1)…"))
            task = self.runner.run(run.run, busy_text=what.replace("%1", credits(plan.estimate)),
                                   on_result=self._done, on_cancel=self._cancelled, name="stt")
            return self.runner.guard_call(self.guard, task)

        self.guard.submit([key], plan.estimate, send)

    # -- varg -------------------------------------------------------------------------------------------
    def transcribe_varg(self) -> bool:
        """Send the file to varg once (checked first; a double click is one job)."""
        req = self.varg_request()
        if req is None:
            return False
        if not self.varg.has_key():
            self.error.show_error(self.tr("Add a varg key first (File > Manage API keys, varg tab), or choose Verging."))
            return False
        self.error.clear()
        plan = self.plan
        return self.varg.run(req, input_name=plan.source.name if plan else "audio",
                             media_seconds=plan.duration if plan else None)

    def _varg_busy(self, on: bool) -> None:
        for w in (self.drop, self.language, self.providers):
            w.setEnabled(not on)

    def _varg_done(self, rec: JobRecord) -> None:
        from ...api.verging.models import Segment

        p = rec.params or {}
        text = str(p.get("transcript") or "")
        if not text and rec.result_path and Path(rec.result_path).is_file():
            text = Path(rec.result_path).read_text(encoding="utf-8", errors="replace").strip()
        segs = [Segment(float(s[0]), float(s[1]), str(s[2])) for s in (p.get("segments") or [])
                if isinstance(s, (list, tuple)) and len(s) >= 3]
        if not segs and rec.result_url and self.varg_timing_task is None:
            # the job's text came without its timing: read the timed transcript at its file (no key)
            self.varg_timing_task = self.ctx.spawn(self._varg_timing(rec), name="varg-stt-timing")
        duration = p.get("media_seconds")
        if not isinstance(duration, (int, float)):
            duration = segs[-1].end if segs else (self.plan.duration if self.plan is not None else 0.0)
        lang = p.get("language") or None
        t = Transcript(text=text, segments=segs, language=str(lang) if lang else None, duration=float(duration),
                       charged=float(rec.charged_credits or 0.0), parts=1, timed=bool(segs))
        self.transcript = t
        self.text.setPlainText(t.text)
        self.segments.clear()
        for s in t.segments:
            QTreeWidgetItem(self.segments, [timestamp(s.start, vtt=True), timestamp(s.end, vtt=True), s.text])
        langs = " · " + self.tr("language %1").replace("%1", t.language) if t.language else ""
        self.result.setText(self.tr("<b>Transcript</b> of %1").replace("%1", clock(t.duration))
                            + f"{langs} · varg {p.get('model') or VARG_MODEL}")
        self.note.setText("" if t.timed else self.tr("varg sent no timestamps, so subtitles (.srt, .vtt) "
                                                     "cannot be made for this transcript."))
        self._update_costs()  # the same file again is probably from the cache now
        self._update_buttons()

    async def _varg_timing(self, rec: JobRecord) -> None:
        """The timed segments of ``rec``'s transcript, from the file at its result URL."""
        from ...api.varg.models import VargJob, VargStatus
        from ...core.errors import VergingError

        try:
            job = VargJob(id=str(rec.remote_id or ""), status=VargStatus.COMPLETED, output_url=str(rec.result_url))
            got = await self.ctx.varg.transcript(job)
        except VergingError as e:
            self.note.setText(self.tr("The transcript's timing could not be read (%1); subtitles cannot be made.")
                              .replace("%1", str(e)))
            return
        finally:
            self.varg_timing_task = None
        if not got.segments or self.transcript is None:
            return
        p = dict(rec.params or {})
        p["segments"] = [list(s) for s in got.segments]
        if got.duration:
            p["media_seconds"] = got.duration
        from dataclasses import replace

        self._varg_done(replace(rec, params=p))

    def show_job(self, local_id: int) -> None:
        """The queue's double click on a varg transcription: its transcript in the views."""
        from ...jobs.store import LocalStatus
        from .varg_choice import varg_record

        rec = varg_record(self.ctx, local_id)
        if rec is not None and rec.status is LocalStatus.COMPLETED and rec.params.get("transcript") is not None:
            self._varg_done(rec)
            self.varg.outcome.show_record(rec)

    def _varg_failed(self, text: str) -> None:
        self.error.show_error(text)
        self._update_buttons()

    def _varg_cancelled(self, text: str) -> None:
        self.error.show_info(text)
        self._update_buttons()

    def _progress(self, p: Progress) -> None:
        self.busy.update_progress(p)

    def _cancelled(self) -> None:
        run = self.stt_run
        done = run.done if run is not None else 0
        if done:
            text = plural(self.tr("Cancelled. %n part(s) had been transcribed and charged (%1).", "", done),
                          done).replace("%1", credits(run.charged if run else 0))
        else:
            text = self.tr("Cancelled. Nothing was charged.")
        self.error.show_info(text)
        self._update_buttons()

    def _done(self, t: Transcript) -> None:
        self.transcript = t
        self.text.setPlainText(t.text)
        self.segments.clear()
        for s in t.segments:
            QTreeWidgetItem(self.segments, [timestamp(s.start, vtt=True), timestamp(s.end, vtt=True), s.text])
        est = self.plan.estimate if self.plan is not None else None
        head = (plural(self.tr("<b>Transcript</b> of %1 in %n part(s)", "", t.parts), t.parts) if t.parts > 1
                else self.tr("<b>Transcript</b> of %1")).replace("%1", clock(t.duration))
        lang = " · " + self.tr("language %1").replace("%1", t.language) if t.language else ""
        charged = " · " + self.tr("charged %1").replace("%1", f"<b>{credits(t.charged)}</b>")
        if est is not None:
            charged += " " + self.tr("(estimated %1)").replace("%1", credits(est))
        self.result.setText(head + lang + charged)
        self.note.setText("" if t.timed else self.tr("The server sent no timestamps, so subtitles (.srt, .vtt) "
                                                     "cannot be made for this transcript."))
        self._update_buttons()

    # -- output ----------------------------------------------------------------------------------------
    def reset_session_results(self) -> None:
        """The connection changed (live <-> sandbox): the transcript shown goes (the file stays)."""
        self.transcript = None
        self.text.clear()
        self.segments.clear()
        self.result.setText(self.tr("<b>Transcript</b>"))
        self.note.setText("")
        self._update_buttons()

    def _update_buttons(self) -> None:
        t = self.transcript
        self.guard.set_enabled(self.plan is not None and not self.runner.is_running and not self.varg.runner.busy)
        self.varg.runner.set_enabled(self.plan is not None and not self.runner.is_running)
        self.copy_btn.setEnabled(t is not None)
        self.txt_btn.setEnabled(t is not None)
        self.srt_btn.setEnabled(t is not None and t.timed)
        self.vtt_btn.setEnabled(t is not None and t.timed)

    def copy(self) -> None:
        if self.transcript is not None:
            QGuiApplication.clipboard().setText(self.transcript.text)
            self.note.setText(self.tr("Transcript copied to the clipboard."))

    def ask_export(self, kind: str) -> None:
        if self.transcript is None:
            return
        stem = self.plan.source.stem if self.plan is not None else "transcript"
        folder = Path(self.ctx.settings.download_dir or (self.plan.source.parent if self.plan else Path.home()))
        self.file_dialog = choose_save_path(self, self.tr("Save the transcript as .%1").replace("%1", kind), str(folder / f"{stem}.{kind}"),
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
            self.error.show_error(self.tr("Could not save %1: %2").replace("%1", dest.name).replace(
                "%2", str(e.strerror or e)))
            return None
        self.note.setText(self.tr("Saved %1").replace("%1", str(dest)))
        return dest


def create(ctx: ToolContext) -> QWidget:
    return SpeechToTextTab(ctx)
