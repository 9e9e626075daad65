"""The Text to Speech tab: text with a character counter and the cost, voice, speed, format and
model; the result plays in the app (QtMultimedia) and can be saved.

Text over 4,096 characters is not refused: ``services.tts`` splits it at sentence ends, each part
is synthesized, and the parts are joined with ffmpeg into one file. The total cost (the sum of the
per-part estimates, each with its own minimum) is shown before starting, and progress per part
while it runs. A failed part stops the run with a readable line; Retry continues at that part
(the finished parts are kept, so nothing is paid twice). Nothing is retried automatically.

The provider choice at the top puts **varg** (ElevenLabs) beside Verging, each with its cost: the
model (Eleven v3, Multilingual v2, Flash v2.5) and a voice from the voice browser
(:mod:`..widgets.voice_browser`: ``GET /voices``, search, labels, previews; the nine presets
always). A varg request goes through the varg queue (:class:`.varg_runner.VargRunner`: checked
first, one order per click); the outcome line says "From cache: free", "Your own ElevenLabs key:
billed by the provider" or the charge in cents against the estimate. Without a varg key the choice
says so, with "Add a varg key".
"""

from __future__ import annotations

import contextlib
import html
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Q_ARG, QT_TRANSLATE_NOOP, Qt, QUrl
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from ...core import filetypes as ft
from ...core.errors import InputError, Progress, VergingError
from ...core.submissions import fingerprint
from ...core.varg_models import DEFAULTS, Capability, models_for
from ...services.files import copy_result
from ...services.stt import clock
from ...services.tts import (
    FORMAT_EXT,
    TtsChunkFailed,
    TtsOutcome,
    TtsRun,
    max_chars,
    plan_tts,
)
from ..plural import credits, plural
from ..video.player import attach_audio_if_present, queue_call
from ..widgets.ai_common import (
    CallRunner,
    PromptEdit,
    add_call_status,
    choose_save_path,
    two_panes,
)
from ..widgets.audio_results import ResultRowDelegate, row_detail, set_row, set_row_detail
from ..widgets.header import tool_page_header
from ..widgets.provider_choice import ProviderChoice
from ..widgets.submit_guard import SubmitGuard
from ..widgets.voice_browser import VoiceBrowser
from .varg_outcome import VargOutcome
from .varg_panel import button_text, choice_cost, remember_provider, remembered_provider
from .varg_runner import VargRunner

if TYPE_CHECKING:  # pragma: no cover
    from ..context import ToolContext

MODELS = ("tts-1-hd", "tts-1")
FORMATS = ("mp3", "opus", "aac", "flac", "wav")
PATH_ROLE = Qt.ItemDataRole.UserRole
DURATION_ROLE = Qt.ItemDataRole.UserRole + 1
VERGING, VARG = "verging", "varg"
PROVIDERS = ((VERGING, QT_TRANSLATE_NOOP("TextToSpeechTab", "Verging · OpenAI voices")),
             (VARG, QT_TRANSLATE_NOOP("TextToSpeechTab", "varg · ElevenLabs voices")))


class TextToSpeechTab(QWidget):
    def __init__(self, ctx: ToolContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("textToSpeechTab")
        self.out_dir = Path(ctx.dirs.data) / "speech"
        self.run_state: TtsRun | None = None
        self.outcome: TtsOutcome | None = None
        self.player: Any = None
        self.audio: Any = None
        self.file_dialog: Any = None
        self._seeking = False

        # -- left: text and options ---------------------------------------------------------------
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.addWidget(tool_page_header("text-to-speech"))
        self.provider = ProviderChoice()
        self.provider.set_providers([(pid, self.tr(label)) for pid, label in PROVIDERS])
        self.provider.set_current(VERGING)
        self.provider.changed.connect(self._provider_changed)
        self.provider.changed.connect(lambda pid: remember_provider(ctx, "text-to-speech", pid))
        self.provider.linkActivated.connect(lambda _pid, _link: self.add_varg_key())
        ll.addWidget(self.provider)
        self.text = PromptEdit(self.tr("Type or paste the text to speak…  (Ctrl+Enter to start)"))
        self.text.setObjectName("ttsText")
        self.text.textChanged.connect(self.update_cost)
        self.text.submitted.connect(self.generate)
        ll.addWidget(self.text, 1)
        self.counter = QLabel()
        self.counter.setObjectName("ttsCounter")
        self.counter.setWordWrap(True)
        ll.addWidget(self.counter)
        form = QFormLayout()
        self.voice = QComboBox()
        self.voice.setProperty("i18nDataItems", True)  # the API's own names (model, voice, format): not translated
        self.voice.addItems(ft.TTS_VOICES)
        self.speed = QDoubleSpinBox()
        self.speed.setRange(0.25, 4.0)
        self.speed.setSingleStep(0.05)
        self.speed.setValue(1.0)
        self.speed.setSuffix("×")
        self.format = QComboBox()
        self.format.setProperty("i18nDataItems", True)  # the API's own names (model, voice, format): not translated
        self.format.addItems(FORMATS)
        self.model = QComboBox()
        self.model.setProperty("i18nDataItems", True)  # the API's own names (model, voice, format): not translated
        self.model.setEditable(True)
        self.model.addItems(MODELS)
        self.verging_box = QWidget()
        self.verging_box.setObjectName("vergingOptions")
        opts = QHBoxLayout(self.verging_box)
        opts.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Voice"), self.voice)
        form.addRow(self.tr("Speed"), self.speed)
        opts.addLayout(form)
        form2 = QFormLayout()
        form2.addRow(self.tr("Format"), self.format)
        form2.addRow(self.tr("Model"), self.model)
        opts.addLayout(form2)
        ll.addWidget(self.verging_box)
        ll.addWidget(self._build_varg(), 2)
        row = QHBoxLayout()
        self.generate_btn = QPushButton(self.tr("Generate speech"))
        self.generate_btn.setObjectName("aiGenerate")
        self.generate_btn.setToolTip(self.tr("Generate (Ctrl+Enter)"))
        self.generate_btn.clicked.connect(self.generate)
        row.addWidget(self.generate_btn)
        #: varg's estimate before, what the job came to after (beside the button)
        self.varg_outcome = VargOutcome()
        self.varg_outcome.hide()
        row.addWidget(self.varg_outcome, 10)
        row.addStretch(1)
        ll.addLayout(row)
        self.busy, self.error, self.price_label = add_call_status(ll, ctx, "tts")

        # -- right: result and player -------------------------------------------------------------
        right = QWidget()
        right.setMinimumWidth(340)
        rl = QVBoxLayout(right)
        rl.addWidget(QLabel(self.tr("<b>Result</b>")))
        self.empty = QLabel(self.tr("No audio yet. Generated speech plays here; every file of this session is listed "
                                    "below."))
        self.empty.setObjectName("aiEmpty")
        self.empty.setWordWrap(True)
        self.empty.setEnabled(False)
        rl.addWidget(self.empty)
        self.result = QLabel()
        self.result.setObjectName("ttsResult")
        self.result.setWordWrap(True)
        rl.addWidget(self.result)
        prow = QHBoxLayout()
        self.play_btn = QPushButton(self.tr("Play"))
        self.play_btn.setObjectName("ttsPlay")
        self.play_btn.clicked.connect(self.toggle_play)
        self.position = QSlider(Qt.Orientation.Horizontal)
        self.position.setObjectName("ttsPosition")
        self.position.sliderPressed.connect(lambda: setattr(self, "_seeking", True))
        self.position.sliderReleased.connect(self._seek)
        self.time = QLabel("0:00 / 0:00")
        prow.addWidget(self.play_btn)
        prow.addWidget(self.position, 1)
        prow.addWidget(self.time)
        rl.addLayout(prow)
        from ..widgets import multimedia

        #: why nothing can play here (no QtMultimedia: libpulse missing), shown under the player row
        self.no_playback = QLabel(multimedia.shown_reason())
        self.no_playback.setObjectName("ttsNoPlayback")
        self.no_playback.setWordWrap(True)
        self.no_playback.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.no_playback.setVisible(not multimedia.available)
        rl.addWidget(self.no_playback)
        srow = QHBoxLayout()
        self.save_btn = QPushButton(self.tr("Save…"))
        self.save_btn.clicked.connect(self.save_selected)
        srow.addWidget(self.save_btn)
        srow.addStretch(1)
        rl.addLayout(srow)
        rl.addWidget(QLabel(self.tr("This session")))
        self.results = QListWidget()
        self.results.setObjectName("ttsResults")
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # names elide
        #: the name elided, the length and the cost under it never cut
        self.results.setItemDelegate(ResultRowDelegate(self.results))
        self.results.currentItemChanged.connect(lambda *_: self._select())
        rl.addWidget(self.results, 1)

        two_panes(self, left, right, (740, 500), (3, 2))

        self.runner = CallRunner(ctx, self.busy, self.error,
                                 [self.generate_btn, self.voice, self.speed, self.format, self.model], parent=self)
        #: one click, one synthesis; asks before the same text is sent again with the same settings
        self.guard = SubmitGuard(ctx, self.generate_btn, noun="request", parent=self)
        for seq in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(seq), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
                      activated=self.generate)
        QShortcut(QKeySequence("Esc"), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
                  activated=self.runner.cancel)
        ctx.session.accountChanged.connect(self.update_cost)
        ctx.session.settingsChanged.connect(self.update_cost)
        self.varg_runner = VargRunner(ctx, None, parent=self)
        self.varg_runner.busyChanged.connect(self._varg_busy)
        self.varg_runner.progress.connect(self.busy.label.setText)
        self.varg_runner.finished.connect(self._varg_done)
        self.varg_runner.charged.connect(self._varg_charged)
        self.varg_runner.failed.connect(self._varg_failed)
        self.varg_runner.cancelled.connect(self.error.show_info)
        for sig in ("vargChanged", "vargBalanceChanged"):
            if hasattr(ctx.session, sig):
                getattr(ctx.session, sig).connect(lambda *_a: self._varg_connection())
        self._varg_connection()
        self.provider.set_current(remembered_provider(ctx, "text-to-speech", VERGING))
        self._provider_changed(self.provider.current())
        self._select()

    def _build_varg(self) -> QWidget:
        """varg's options: the key line, the ElevenLabs model and the voice browser."""
        box = QWidget()
        box.setObjectName("vargOptions")
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        self.varg_key = QWidget()
        self.varg_key.setObjectName("vargKeyLine")
        kl = QHBoxLayout(self.varg_key)
        kl.setContentsMargins(0, 0, 0, 0)
        self.varg_key_text = QLabel(self.tr("ElevenLabs voices come through varg: add a varg API key to use them. "
                                            "Nothing is sent until you do."))
        self.varg_key_text.setWordWrap(True)
        self.varg_key_button = QPushButton(self.tr("Add a varg key…"))
        self.varg_key_button.setObjectName("addVargKey")
        self.varg_key_button.clicked.connect(self.add_varg_key)
        kl.addWidget(self.varg_key_text, 1)
        kl.addWidget(self.varg_key_button)
        lay.addWidget(self.varg_key)
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        self.varg_model = QComboBox()
        self.varg_model.setObjectName("vargSpeechModel")
        for m in models_for(Capability.SPEECH):
            self.varg_model.addItem(m.name, m.id)
            self.varg_model.setItemData(self.varg_model.count() - 1, m.shown_summary, Qt.ItemDataRole.ToolTipRole)
        self.varg_model.setCurrentIndex(max(0, self.varg_model.findData(DEFAULTS["speech"])))
        self.varg_model.currentIndexChanged.connect(lambda _i: self.update_cost())
        form.addRow(self.tr("Model"), self.varg_model)
        lay.addLayout(form)
        self.voices = VoiceBrowser(preview_dir=Path(self.ctx.dirs.data) / "voice-previews",
                                   spawn=lambda c: self.ctx.spawn(c, name="varg-voices"))
        self.voices.changed.connect(lambda _v: self.update_cost())
        lay.addWidget(QLabel(self.tr("Voice")))
        lay.addWidget(self.voices, 1)
        self.varg_box = box
        return box

    # -- the provider ----------------------------------------------------------------------------
    def is_varg(self) -> bool:
        return self.provider.current() == VARG

    def _provider_changed(self, _pid: str = "") -> None:
        varg = self.is_varg()
        self.verging_box.setVisible(not varg)
        self.varg_box.setVisible(varg)
        self.price_label.setVisible(not varg)
        self.varg_outcome.setVisible(varg and bool(self.varg_outcome.text()))
        self.update_cost()

    def has_varg_key(self) -> bool:
        return self.ctx.has_key(VARG)

    def add_varg_key(self) -> None:
        if self.ctx.open_keys is not None:
            self.ctx.open_keys(VARG)
        else:
            self.ctx.session.message.emit(self.tr("Add a varg key in File > Manage API keys (Ctrl+Shift+K)."))

    def _varg_connection(self) -> None:
        """The varg key or server changed: the key line, the voice list's source, the cost."""
        has = self.has_varg_key()
        self.varg_key.setVisible(not has)
        if has:
            client = self.ctx.varg
            self.voices.set_loader(lambda search, gender: client.voices(search=search, gender=gender),
                                   lambda url, dest: client.download(url, dest, overwrite=True))
        else:
            self.voices.set_loader(None)
        self.update_cost()

    def varg_request(self) -> Any:
        from ...api.varg.models import VargRequest

        return VargRequest(kind="varg-speech", model=str(self.varg_model.currentData() or DEFAULTS["speech"]),
                           text=self.text.toPlainText().strip(), voice=self.voices.current())

    def varg_estimate(self, req: Any = None) -> Any:
        req = req if req is not None else self.varg_request()
        return self.ctx.varg_cost.estimate(req, byok=self.ctx.byok_keys())

    # -- cost ------------------------------------------------------------------------------------
    def update_cost(self, *_: Any) -> None:
        if not hasattr(self, "varg_runner"):
            return  # still being built
        text = self.text.toPlainText()
        n = len(text.strip())
        est = self._varg_cost(n)
        plan = plan_tts(text, self.ctx.pricing) if n else None
        self.provider.set_cost(VERGING, "–" if plan is None else
                               self.tr("about %1 ($%2)").replace("%1", credits(plan.total)).replace(
                                   "%2", f"{self.ctx.pricing.dollars(plan.total):.2f}"))
        if self.is_varg():
            self.generate_btn.setText(button_text(self.tr("Generate speech"), est))
            self.counter.setText(self.tr("<b>%1</b> characters · ElevenLabs through varg, billed in cents").replace(
                "%1", f"{n:,}"))
            return
        limit = max_chars(self.ctx.pricing)
        if not n:
            self.counter.setText(self.tr("0 characters · up to %1 per request; longer text is split into parts").replace(
                "%1", f"{limit:,}"))
            self.generate_btn.setText(self.tr("Generate speech"))
            return
        assert plan is not None
        parts = len(plan)
        # several parts are several charged requests: their count and total on the button
        self.generate_btn.setText(self.tr("Generate speech") if parts == 1 else
                                  plural(self.tr("Generate speech: %n part(s)", "", parts), parts)
                                  + self.tr(" (about %1)").replace("%1", credits(plan.total)))
        line = self.tr("<b>%1</b> characters").replace("%1", f"{n:,}")
        if parts > 1:
            line += (self.tr(" · <b>%1 parts</b> (split at sentence ends, at most %2 each) · about "
                             "<b>%3</b> in total (%4)")
                     .replace("%1", str(parts)).replace("%2", f"{limit:,}").replace("%3", credits(plan.total))
                     .replace("%4", " + ".join(str(e) for e in plan.estimates)))
        else:
            line += self.tr(" · about <b>%1</b>").replace("%1", credits(plan.total))
        line += f" (${self.ctx.pricing.dollars(plan.total):.2f})"
        acct = self.ctx.session.account
        if acct is not None:
            line += self.tr(" · balance %1").replace("%1", credits(acct.credits))
            if acct.credits < plan.total:
                line += " <span style='color:#d93025'>" + self.tr("(more than your balance)") + "</span>"
        self.counter.setText(line)

    def _varg_cost(self, n: int) -> Any:
        """varg's side of the choice: its estimate (returned), or why there is none (None)."""
        if not self.has_varg_key():
            self.provider.set_cost(VARG, self.tr('needs a varg key · <a href="keys">Add a varg key</a>'),
                                   self.tr("varg runs ElevenLabs' voices; add its API key to use them"))
            return None
        if not n:
            self.provider.set_cost(VARG, "–")
            if self.is_varg():
                self.varg_outcome.setText("")
                self.varg_outcome.hide()
            return None
        try:
            est = self.varg_estimate()
        except Exception as e:  # an estimate never stops the page; the submit checks again
            self.provider.set_cost(VARG, self.tr("unknown", "a cost"), str(e))
            return None
        self.provider.set_cost(VARG, *choice_cost(est))
        shown = self.varg_outcome.record
        same = shown is not None and self.varg_request().to_params() == getattr(self, "_varg_order", None)
        if self.is_varg() and not self.varg_runner.busy and not (self.varg_outcome.showing == "outcome" and same):
            self.varg_outcome.show_estimate(est)
            self.varg_outcome.show()
        return est

    # -- generating ------------------------------------------------------------------------------
    def generate(self) -> None:
        if self.is_varg():
            self.generate_varg()
            return
        if self.runner.is_running or self.guard.busy:
            return
        try:
            plan = plan_tts(self.text.toPlainText(), self.ctx.pricing)
        except InputError as e:
            self.error.show_error(e)
            self.text.setFocus()
            return
        fmt = self.format.currentText()
        voice, speed, model = self.voice.currentText(), self.speed.value(), self.model.currentText().strip() or None
        key = fingerprint("tts", text=self.text.toPlainText().strip(), voice=voice, speed=speed, fmt=fmt, model=model)

        def send() -> Any:
            old = self.run_state
            if old is not None and old.resumable:
                self.ctx.spawn(old.cleanup(), name="tts-cleanup")
            out = ft.unique_path(self.out_dir / f"speech {time.strftime('%Y%m%d-%H%M%S')}{FORMAT_EXT[fmt]}")
            self.run_state = TtsRun(self.ctx.client, plan, out, voice=voice, speed=speed, fmt=fmt, model=model,
                                    progress=self._progress, keep_on_failure=True)
            parts = plural(self.tr("Synthesizing %n part(s)", "", len(plan)), len(plan))
            task = self._start(self.tr("%1 (about %2)…").replace("%1", parts).replace("%2", credits(plan.total)))
            return self.runner.guard_call(self.guard, task)

        self.guard.submit([key], plan.total, send)

    def _start(self, busy_text: str) -> Any:
        run = self.run_state
        assert run is not None
        return self.runner.run(run.run, busy_text=busy_text, on_result=self._done, on_failure=self._failed,
                               on_cancel=self._cancelled, retry=self._retry, name="tts")

    def _retry(self) -> None:
        run = self.run_state
        if run is not None and run.resumable:
            self._start(self.tr("Continuing at part %1 of %2…").replace("%1", str(len(run.parts) + 1)).replace(
                "%2", str(len(run.plan))))
        else:
            self.generate()

    def _progress(self, p: Progress) -> None:
        self.busy.update_progress(p)

    def _failed(self, e: BaseException) -> None:
        run = self.run_state
        if isinstance(e, TtsChunkFailed) and run is not None and run.resumable:
            self.error.show_error(e, self._retry, retry_text=self.tr("Retry from part %1").replace("%1", str(e.index + 1)))

    def _cancelled(self) -> None:
        run = self.run_state
        charged = run.charged if run is not None else 0
        done = run.done if run is not None else 0
        if done:
            text = plural(self.tr("Cancelled. %n part(s) had been synthesized and charged (%1).", "", done),
                          done).replace("%1", credits(charged))
        else:
            text = self.tr("Cancelled. Nothing was charged.")
        self.error.show_info(text)

    def _done(self, outcome: TtsOutcome) -> None:
        self.outcome = outcome
        it = QListWidgetItem()
        set_row(it, outcome.path.name, f"{clock(outcome.duration)} · {credits(outcome.charged)}")
        it.setData(PATH_ROLE, str(outcome.path))
        it.setData(DURATION_ROLE, float(outcome.duration))
        it.setToolTip(str(outcome.path))
        self.results.insertItem(0, it)
        self.results.setCurrentRow(0)
        parts = (self.tr(" from %1 parts joined into one file").replace("%1", str(outcome.chunks))
                 if outcome.chunks > 1 else "")
        self.result.setText(f"<b>{outcome.path.name}</b>: {clock(outcome.duration)}{parts}.<br>"
                            + self.tr("Charged <b>%1</b> (estimated %2).").replace("%1", credits(outcome.charged))
                            .replace("%2", credits(outcome.estimated)))
        self.update_cost()

    # -- varg --------------------------------------------------------------------------------------
    def generate_varg(self) -> bool:
        """Send the text to varg once (a second click while it runs does nothing)."""
        if self.varg_runner.busy:
            return False
        if not self.has_varg_key():
            self.error.show_error(self.tr("Add a varg key first: nothing is sent without one."))
            return False
        req = self.varg_request()
        est = self.varg_estimate(req)
        name = self.voices.current_name()
        self.error.clear()
        self._varg_order = req.to_params()  # the outcome line shows its result until the inputs change
        # the voice's name goes with the job: what this tab (and the queue's "show job") says of it
        return bool(self.varg_runner.run(req, est, input_name=_speech_name(name, req.text),
                                         extra={"voice_name": name}))

    def _varg_busy(self, on: bool) -> None:
        """While a varg order runs: the button is off (a double click is one order), the busy bar
        shows its steps and Cancel cancels it."""
        self.generate_btn.setEnabled(not on)
        self.varg_model.setEnabled(not on)
        if on:
            self.busy.start(self.tr("Sending to varg (%1)…").replace("%1", self.voices.current_name()))
            self.busy.cancel.clicked.connect(self.varg_runner.cancel)
        else:
            self.busy.stop()
            with contextlib.suppress(RuntimeError, TypeError):
                self.busy.cancel.clicked.disconnect(self.varg_runner.cancel)

    def _varg_failed(self, text: str) -> None:
        self.error.show_error(text)

    def _varg_done(self, rec: Any) -> None:
        self.varg_outcome.show_record(rec)
        self.varg_outcome.setVisible(self.is_varg())
        self.varg_record = rec
        path = Path(rec.result_path) if rec.result_path else None
        if path is None or not path.is_file():
            self.error.show_error(self.tr("varg finished, but the audio could not be downloaded; see the Job Queue."))
            return
        duration = _audio_seconds(path)
        from ...services.varg_cost import outcome_text

        it = self._row_of(path)
        if it is None:  # (shown again from the queue: the row it has already)
            it = QListWidgetItem()
            it.setData(PATH_ROLE, str(path))
            it.setData(DURATION_ROLE, float(duration))
            it.setToolTip(str(path))
            self.results.insertItem(0, it)
        set_row(it, path.name, f"{clock(duration)} · {outcome_text(rec)}")
        self.results.setCurrentItem(it)
        self.result.setText(f"<b>{html.escape(path.name)}</b>: "
                            + self.tr("%1, %2 through varg.").replace("%1", clock(duration))
                            .replace("%2", html.escape(self.voice_words(rec))))
        self.update_cost()

    def _row_of(self, path: Path) -> QListWidgetItem | None:
        for i in range(self.results.count()):
            it = self.results.item(i)
            if it.data(PATH_ROLE) == str(path):
                return it
        return None

    def voice_words(self, rec: Any) -> str:
        """"Lily (Eleven v3)": the voice's name kept with the job (else looked up), and the model."""
        from ...core.varg_models import find_model

        p = rec.params or {}
        voice = str(p.get("voice") or "")
        name = str(p.get("voice_name") or "") or self.voices.name_of(voice)
        m = find_model(str(p.get("model") or ""))
        model = m.name if m is not None else str(p.get("model") or "")
        return f"{name} ({model})" if model else name

    def _varg_charged(self, rec: Any) -> None:
        """The usage record's charge arrived after the result: the outcome line and the list say it."""
        from ...services.varg_cost import outcome_text

        self.varg_record = rec
        self.varg_outcome.show_record(rec)
        it = self._row_of(Path(rec.result_path)) if rec.result_path else None
        if it is not None:
            length = row_detail(it).split(" · ", 1)[0]
            set_row_detail(it, f"{length} · {outcome_text(rec)}")

    def show_job(self, local_id: int) -> None:
        """The queue's double click on a varg speech job: its audio here."""
        jobs = self.ctx.jobs
        q = getattr(jobs, "varg_queue", None) if jobs is not None else None
        store = getattr(q, "store", None) or (jobs.store if jobs is not None else None)
        rec = store.get(local_id) if store is not None else None
        if rec is not None and rec.provider == VARG and rec.result_path:
            self.provider.set_current(VARG)  # (its outcome line is varg's)
            self._varg_done(rec)

    # -- playing and saving ------------------------------------------------------------------------
    def selected_path(self) -> str | None:
        it = self.results.currentItem()
        return str(it.data(PATH_ROLE)) if it is not None else None

    def _select(self) -> None:
        path = self.selected_path()
        has = path is not None
        for w in (self.play_btn, self.position, self.save_btn):
            w.setEnabled(has)
        if not self.no_playback.isHidden():  # saving works; playing does not
            for w in (self.play_btn, self.position):
                w.setEnabled(False)
                w.setToolTip(self.no_playback.text())
        self.empty.setVisible(not has)
        it = self.results.currentItem()
        dur = it.data(DURATION_ROLE) if it is not None else None
        if has and dur:  # the length is known before anything plays
            self.position.setRange(0, int(float(dur) * 1000))
            self.position.setValue(0)
            self.time.setText(f"0:00 / {clock(float(dur))}")
        if self.player is not None and has:
            queue_call(self.player, "stop")
            queue_call(self.player, "setSource", Q_ARG(QUrl, QUrl.fromLocalFile(path)))

    def reset_session_results(self) -> None:
        """The connection changed (live <-> sandbox): "This session" starts empty (files stay)."""
        if self.player is not None:
            queue_call(self.player, "stop")
            queue_call(self.player, "setSource", Q_ARG(QUrl, QUrl()))
        self.results.clear()
        self.result.setText("")
        self.varg_outcome.clear_line()
        self._varg_order = None
        self._select()
        self.update_cost()

    def _ensure_player(self) -> Any:
        from ..widgets import multimedia

        if self.player is None and not multimedia.ready():
            return None
        if self.player is None:
            from ..widgets.multimedia import QAudioOutput, QMediaPlayer

            self.player = QMediaPlayer(self)
            self.audio = QAudioOutput(self)
            attach_audio_if_present(self.player, self.audio)
            self.player.positionChanged.connect(self._position)
            self.player.durationChanged.connect(self._duration)
            self.player.playbackStateChanged.connect(self._state)
            self.player.errorOccurred.connect(lambda _e, msg: self.error.show_error(self.tr("Cannot play the audio: %1").replace("%1", msg)))
            path = self.selected_path()
            if path:
                queue_call(self.player, "setSource", Q_ARG(QUrl, QUrl.fromLocalFile(path)))
        return self.player

    def toggle_play(self) -> None:
        if self.selected_path() is None:
            return
        from ..widgets.multimedia import QMediaPlayer

        p = self._ensure_player()
        if p is None:
            return
        if p.playbackState() == QMediaPlayer.PlaybackState.PlayingState:
            queue_call(p, "pause")
        else:
            queue_call(p, "play")

    def _state(self, state: Any) -> None:
        from ..widgets.multimedia import QMediaPlayer

        self.play_btn.setText(self.tr("Pause") if state == QMediaPlayer.PlaybackState.PlayingState else self.tr("Play"))

    def _position(self, ms: int) -> None:
        if not self._seeking:
            self.position.setValue(ms)
        dur = self.player.duration() if self.player is not None else 0
        self.time.setText(f"{clock(ms / 1000)} / {clock(dur / 1000)}")

    def _duration(self, ms: int) -> None:
        self.position.setRange(0, max(0, ms))
        self.time.setText(f"0:00 / {clock(ms / 1000)}")

    def _seek(self) -> None:
        self._seeking = False
        if self.player is not None:
            queue_call(self.player, "setPosition", Q_ARG("qint64", self.position.value()))

    def save_selected(self) -> None:
        src = self.selected_path()
        if src is None:
            return
        suggested = str(Path(self.ctx.settings.download_dir or Path.home()) / Path(src).name)
        self.file_dialog = choose_save_path(self, self.tr("Save speech"), suggested, lambda dst: self.save_to(src, dst))

    def save_to(self, src: str, dst: str) -> Path | None:
        d = Path(dst)
        if not d.suffix:
            d = d.with_suffix(Path(src).suffix)
        try:
            # the save dialog already asked before replacing an existing file
            d = copy_result(src, d, overwrite=True)
        except (OSError, VergingError) as e:
            self.error.show_error(self.tr("Could not save the audio: %1").replace("%1", str(getattr(e, 'strerror', None) or e)))
            return None
        self.result.setText(self.result.text() + "<br>" + self.tr("Saved %1").replace("%1", str(d)))
        return d

    def closeEvent(self, e: Any) -> None:
        if self.player is not None:
            queue_call(self.player, "stop")
        super().closeEvent(e)

    def accept_handoff(self, path: str) -> bool:
        """Text files handed over from another tab are loaded into the editor."""
        p = Path(path)
        if p.suffix.lower() not in (".txt", ".md", ".srt", ".vtt"):
            return False
        try:
            self.text.setPlainText(p.read_text("utf-8", errors="replace"))
        except OSError:
            return False
        return True


def _speech_name(voice: str, text: str) -> str:
    """"Rachel - The lighthouse keeper climbed.mp3": the voice and the first words (the result's name)."""
    import re

    from .varg_panel import short_name

    head = short_name(text)
    safe_voice = re.sub(r"[^\w\s-]+", "", voice).strip() or "speech"
    return f"{safe_voice} - {head}.mp3" if head else f"{safe_voice}.mp3"


def _audio_seconds(path: Path) -> float:
    """The length of a result (0 when it cannot be read)."""
    try:
        import av

        with av.open(str(path)) as c:
            return float(c.duration or 0) / 1e6
    except Exception:
        return 0.0


def create(ctx: ToolContext) -> QWidget:
    return TextToSpeechTab(ctx)

