"""The Sound tab (Vimmerse): give a video AI sound effects from a prompt, or put an audio file onto
it with one of the five attach modes, each explained in a line, with the result's length shown
before anything is sent.

Drop a video and trim it (the selection is cut with the smart cut and sent), then either describe
the sound ("rain on a tin roof, distant thunder") or drop an audio file and choose how it is
attached. The cost (Vimmerse's estimate or the local price table, said which) follows the inputs.
When the job is done the result plays in place in the compare view (its own sound, against the
original's picture), with Save as, Open folder and "Send to" another tool.

The logic is Qt-free: :mod:`verging_desktop.services.vimmerse_sound`; the shared flow (key, cost,
one submit, steps, queue) is :mod:`verging_desktop.ui.tools.vimmerse_page`.

The provider choice under the header puts **varg**'s music generation beside Vimmerse (each with
its cost): a prompt, the length (10 s to 5 min) and the model (Eleven Music); the tune plays here and
is saved (:mod:`.varg_panel`, :class:`~..widgets.audio_results.AudioResults`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...api.vimmerse.models import ATTACH_MODES
from ...core.errors import InputError
from ...core.i18n import _
from ...core.submissions import fingerprint
from ...core.tools import tool
from ...core.varg_models import DEFAULTS, Capability, find_model, models_for
from ...jobs.store import JobRecord
from ...services.vimmerse_sound import (
    ATTACH_MODE_HELP,
    ATTACH_MODE_LABELS,
    AUDIO,
    EFFECT,
    SoundForm,
    result_length_text,
)
from ..jobs.result_panel import ResultPanel
from ..widgets.ai_common import PromptEdit
from ..widgets.audio_results import AudioResults
from ..widgets.wrapfit import WrapFitColumn
from .varg_panel import VargChoice, VargPanel, short_name
from .vimmerse_page import Plan, VimmersePage, send_targets
from .vimmerse_slots import MediaSlot, VideoSlot, fmt_s

if TYPE_CHECKING:  # pragma: no cover
    from ..context import ToolContext

#: where a finished clip can go next
SEND_TARGETS = ("reframe", "generate-video", "video-enhance")


class VargMusicPanel(VargPanel):
    """varg's music from a prompt (Eleven Music)."""

    submit_word = QT_TRANSLATE_NOOP("VargMusicPanel", "Make music")
    what = QT_TRANSLATE_NOOP("VargMusicPanel", "Music generation")

    def __init__(self, ctx: ToolContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("vargMusicPanel")
        self.prompt = PromptEdit(self.tr("Describe the music: genre, mood, instruments, tempo…  (Ctrl+Enter)"))
        self.prompt.setObjectName("vargMusicPrompt")
        self.prompt.setMinimumHeight(54)
        self.prompt.setMaximumHeight(110)
        self.prompt.textChanged.connect(self.refresh)
        self.prompt.submitted.connect(self.submit)
        self.model = QComboBox()
        self.model.setObjectName("vargMusicModel")
        for m in models_for(Capability.MUSIC):
            self.model.addItem(m.shown_name, m.id)
            self.model.setItemData(self.model.count() - 1, m.shown_summary, Qt.ItemDataRole.ToolTipRole)
        self.model.setCurrentIndex(max(0, self.model.findData(DEFAULTS["music"])))
        self.model.setMaximumWidth(320)
        self.duration = QSpinBox()
        self.duration.setObjectName("vargMusicDuration")
        self.duration.setSuffix(self.tr(" s", "seconds"))
        self.model.currentIndexChanged.connect(lambda _i: self._model_changed())
        self.duration.valueChanged.connect(lambda _v: self.refresh())
        self.length_help = QLabel()
        self.length_help.setObjectName("vargMusicLengthHelp")
        self.length_help.setEnabled(False)
        self.results = AudioResults(empty_text=self.tr("No music yet. Every tune made in this session is listed here; "
                                                    "the selected one plays, and Save… keeps a copy where you choose."),
                                    save_dir=ctx.settings.download_dir or None)
        self.results.message.connect(ctx.session.message.emit)
        #: the selected tune as the audio file of the Vimmerse side (put onto a video)
        self.use_button = QPushButton(self.tr("Put onto a video…"))
        self.use_button.setObjectName("vargMusicOntoVideo")
        self.use_button.setToolTip(self.tr("Use this tune on the Vimmerse side: drop a video and choose how it is attached"))
        self.use_button.clicked.connect(self._use_on_video)
        self.results.list.currentItemChanged.connect(lambda *_: self._sync_use())

        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        len_row = QHBoxLayout()
        len_row.addWidget(self.duration)
        len_row.addWidget(self.length_help, 1)
        form.addRow(self.tr("Length"), len_row)
        form.addRow(self.tr("Model"), self.model)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.key_line)
        lay.addWidget(QLabel(self.tr("Music to make:")))
        lay.addWidget(self.prompt)
        lay.addLayout(form)
        lay.addWidget(self.submit_area())
        head = QHBoxLayout()
        head.addWidget(QLabel(self.tr("<b>Music</b>")))
        head.addStretch(1)
        head.addWidget(self.use_button)
        lay.addLayout(head)
        lay.addWidget(self.results, 1)
        self._sync_use()
        self._model_changed()

    useOnVideo = Signal(str)

    def _sync_use(self) -> None:
        self.use_button.setEnabled(self.results.selected_path() is not None)

    def _use_on_video(self) -> None:
        path = self.results.selected_path()
        if path:
            self.useOnVideo.emit(path)

    def _model_changed(self) -> None:
        m = find_model(str(self.model.currentData() or DEFAULTS["music"]))
        if m is None:
            return
        lo, hi = int(m.min_duration or 10), int(m.max_duration or 300)
        was = self.duration.blockSignals(True)
        self.duration.setRange(lo, hi)
        if not self.duration.value() or self.duration.value() == lo:
            self.duration.setValue(int(m.default_duration or lo))
        self.duration.blockSignals(was)
        span = self.tr("%1 s to %2 min").replace("%1", str(lo)).replace("%2", str(hi // 60))
        self.duration.setToolTip(span)
        self.length_help.setText(span)
        self.refresh()

    def request(self) -> Any:
        from ...api.varg.models import VargRequest

        prompt = self.prompt.text().strip()
        if not prompt:
            raise InputError(self.tr("Describe the music first."))
        return VargRequest(kind="varg-music", model=str(self.model.currentData() or DEFAULTS["music"]),
                           prompt=prompt, duration=float(self.duration.value()))

    def input_name(self, req: Any) -> str:
        return f"{short_name(req.prompt) or 'tune'}.mp3"

    def show_record(self, rec: JobRecord) -> None:
        from ...services.varg_cost import outcome_text

        path = Path(rec.result_path) if rec.result_path else None
        if path is None or not path.is_file():
            self.error.show_error(self.tr("varg finished, but the music could not be downloaded; see the Job Queue."))
            return
        if str(path) in self.results.paths():
            return
        seconds = _audio_seconds(path)
        prompt = str(rec.params.get("prompt") or "")
        self.results.add(path, path.name, tooltip=f"{path}\n{prompt}", duration=seconds,
                         detail=f"{fmt_s(seconds)} · {outcome_text(rec)}")

    def reset_results(self) -> None:
        self.results.clear()
        super().reset_results()

    def update_charge(self, rec: JobRecord) -> None:
        from ...services.varg_cost import outcome_text
        from ..widgets.audio_results import row_detail, set_row_detail

        lst = self.results.list
        for i in range(lst.count()):
            it = lst.item(i)
            if rec.result_path and it.data(Qt.ItemDataRole.UserRole) == str(rec.result_path):
                set_row_detail(it, f"{row_detail(it).split(' · ', 1)[0]} · {outcome_text(rec)}")

    def shutdown(self) -> None:
        super().shutdown()
        self.results.shutdown()


def _audio_seconds(path: Path) -> float:
    try:
        import av

        with av.open(str(path)) as c:
            return float(c.duration or 0) / 1e6
    except Exception:
        return 0.0


class SoundPage(VargChoice, VimmersePage):
    submit_word = QT_TRANSLATE_NOOP("SoundPage", "Add sound")
    vimmerse_label = QT_TRANSLATE_NOOP("SoundPage", "Vimmerse · sound for a video")
    varg_label = QT_TRANSLATE_NOOP("SoundPage", "varg · music from a prompt (ElevenLabs)")

    def __init__(self, ctx: ToolContext) -> None:
        super().__init__(ctx, tool("sound"))
        self.submit_word = self.tr("Add sound")  # the base reads it as it is: translated here
        self._build()
        self.refresh()

    # ==== construction ============================================================================
    def _build(self) -> None:
        from ...services import vimmerse_inputs as vi

        max_s = vi.LIMITS.video_seconds
        self.video = VideoSlot(self.tr("Video"), self.tr("Drop the video to give sound"), spawn=lambda c: self._spawn(c, "sound-video"),
                               name="videoDrop", ctx=self.ctx, max_seconds=max_s, work_dir=self.cuts_dir)
        self.audio = MediaSlot(self.tr("Audio"), self.tr("Drop an audio file (MP3, WAV, M4A…)"), ("audio",),
                               spawn=lambda c: self._spawn(c, "sound-audio"), name="audioDrop")
        for slot in (self.video, self.audio):
            slot.changed.connect(self.refresh)

        self.effect_radio = QRadioButton(self.tr("AI sound effect"))
        self.effect_radio.setObjectName("modeEffect")
        self.effect_radio.setToolTip(self.tr("Vimmerse makes sound that matches the picture, steered by your words"))
        self.audio_radio = QRadioButton(self.tr("Add an audio file"))
        self.audio_radio.setObjectName("modeAudio")
        self.audio_radio.setToolTip(self.tr("Put your own music or voice-over onto the video"))
        self.mode_group = QButtonGroup(self)
        self.mode_group.addButton(self.effect_radio)
        self.mode_group.addButton(self.audio_radio)
        self.effect_radio.setChecked(True)
        self.mode_group.buttonToggled.connect(lambda _b, _on: self._mode_changed())

        self.prompt = QLineEdit()
        self.prompt.setObjectName("soundPrompt")
        self.prompt.setPlaceholderText(self.tr("Describe the sound, e.g. rain on a tin roof, distant thunder"))
        self.prompt.setToolTip(self.tr("Vimmerse makes this sound and times it to the picture"))
        self.prompt.textChanged.connect(lambda _t: self.refresh())
        self.prompt.returnPressed.connect(self.submit)

        self.attach = QComboBox()
        self.attach.setObjectName("attachMode")
        for m in ATTACH_MODES:
            self.attach.addItem(_(ATTACH_MODE_LABELS[m]), m)
            self.attach.setItemData(self.attach.count() - 1, _(ATTACH_MODE_HELP[m]), Qt.ItemDataRole.ToolTipRole)
        self.attach.currentIndexChanged.connect(lambda _i: self.refresh())
        self.attach_help = QLabel()
        self.attach_help.setObjectName("attachHelp")
        self.attach_help.setWordWrap(True)
        self.attach_help.setEnabled(False)
        self.length_label = QLabel()
        self.length_label.setObjectName("resultLength")
        self.length_label.setWordWrap(True)

        self.result = ResultPanel(self.watcher, save_filter=self.tr("MP4 video (*.mp4)"), save_title=self.tr("Save the video as"),
                                  sound_from="result")
        self.result.message.connect(self.ctx.session.message.emit)
        self.result.retry_button.hide()
        self.result.compare.set_placeholder(self.tr("Add sound: when it is done, the result plays here with its new sound."))
        self.send_button = QToolButton()
        self.send_button.setObjectName("sendResult")
        self.send_button.setText(self.tr("Send to"))
        self.send_button.setToolTip(self.tr("Open the result in another tool"))
        self.send_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.send_button)
        for tid, title in send_targets(SEND_TARGETS):
            act = menu.addAction(title)
            act.setObjectName(f"sendTo_{tid}")
            act.triggered.connect(lambda _c=False, t=tid: self.send_result(t))
        self.send_button.setMenu(menu)
        self.send_button.setEnabled(False)
        self.result.add_action(self.send_button)

        # -- the inputs column
        inputs = QWidget()
        inputs.setObjectName("inputsColumn")
        il = QVBoxLayout(inputs)
        il.setContentsMargins(0, 0, 0, 0)
        il.addWidget(self.video)
        modes = QHBoxLayout()
        modes.addWidget(self.effect_radio)
        modes.addWidget(self.audio_radio)
        modes.addStretch(1)
        il.addLayout(modes)
        self.effect_box = QWidget()
        el = QVBoxLayout(self.effect_box)
        el.setContentsMargins(0, 0, 0, 0)
        el.addWidget(QLabel(self.tr("Sound to make:")))
        el.addWidget(self.prompt)
        il.addWidget(self.effect_box)
        self.audio_box = QWidget()
        al = QVBoxLayout(self.audio_box)
        al.setContentsMargins(0, 0, 0, 0)
        al.addWidget(self.audio)
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Attach"), self.attach)
        al.addLayout(form)
        al.addWidget(self.attach_help)
        il.addWidget(self.audio_box)
        il.addStretch(1)
        inputs.setMinimumWidth(260)

        controls = WrapFitColumn()
        controls.setObjectName("controlsColumn")
        cl = QVBoxLayout(controls)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.addWidget(self.video.box, 1)
        cl.addWidget(self.length_label)
        cl.addWidget(self.cost_label)
        cl.addWidget(self.submit_row())

        top = self.side_by_side(inputs, controls, (330, 1000))
        head = QWidget()
        hl = QVBoxLayout(head)
        hl.setContentsMargins(0, 0, 0, 0)
        hl.addWidget(self.header)
        hl.addWidget(self.key_banner)
        self.lay_out(top, self.result, head=head)
        inputs.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self._mode_changed()
        self.varg = VargMusicPanel(self.ctx)
        self.add_varg_choice(self.varg, [self.key_banner, self.page_scroll], layout=hl, index=1)
        self.varg.useOnVideo.connect(self.use_music)

    def set_compact(self, on: bool) -> None:
        self.video.set_compact(on)

    def vimmerse_needs(self) -> str:
        """Vimmerse's side beside varg's cost: it puts sound onto a video, so it needs one first."""
        if self.video.state == "empty":
            if self.is_varg():
                return self.tr("Vimmerse makes no music from words: it adds sound to a video")
            return self.tr("Vimmerse: needs a video")
        return ""

    # ==== state ===================================================================================
    @property
    def mode(self) -> str:
        return AUDIO if self.audio_radio.isChecked() else EFFECT

    def set_mode(self, mode: str) -> None:
        (self.audio_radio if mode == AUDIO else self.effect_radio).setChecked(True)

    def _mode_changed(self) -> None:
        audio = self.mode == AUDIO
        self.effect_box.setVisible(not audio)
        self.audio_box.setVisible(audio)
        self.submit_word = self.tr("Add audio") if audio else self.tr("Add sound")
        self.refresh()

    def form(self) -> SoundForm:
        v = self.video
        return SoundForm(mode=self.mode, video=str(v.path or ""), video_seconds=v.length, video_start=v.start,
                         prompt=self.prompt.text(), audio=str(self.audio.path or ""),
                         audio_seconds=self.audio.seconds, attach_mode=str(self.attach.currentData() or ""))

    def plan(self) -> Plan:
        why = self.video.why_not(self.tr("a video"))
        if why:
            raise InputError(why)
        if self.mode == AUDIO:
            why = self.audio.why_not(self.tr("an audio file to put onto the video"))
            if why:
                raise InputError(why)
        form = self.form()
        req = form.request(self.probes(self.video, self.audio))
        v = self.video
        digests = [v.digest] + ([self.audio.digest] if self.mode == AUDIO else [])
        key = fingerprint(self.spec.service, digests=digests, start=round(v.start, 3), end=round(v.end, 3),
                          mode=self.mode, prompt=form.prompt.strip() if self.mode == EFFECT else "",
                          attach=form.attach_mode if self.mode == AUDIO else "")
        what = (self.tr("sound effect") if self.mode == EFFECT
                else f"{self.audio.name}, {_(ATTACH_MODE_LABELS.get(form.attach_mode, form.attach_mode)).lower()}")
        return Plan(request=req, seconds=round(v.length, 3), title=f"{v.name} + {what}",
                    input_name=f"{v.path.stem if v.path else 'video'}.mp4", key=key, video=v,
                    detail=f"{v.start:.1f}–{v.end:.1f} s")

    def refresh(self) -> None:
        super().refresh()
        if not hasattr(self, "attach_help"):
            return
        mode = str(self.attach.currentData() or "")
        self.attach_help.setText(_(ATTACH_MODE_HELP[mode]) if mode in ATTACH_MODE_HELP else "")
        v, a = self.video, self.audio
        if not v.ready or v.length <= 0 or (self.mode == AUDIO and not a.ready):
            self.length_label.setText("")
        elif self.mode == AUDIO and a.ready and a.seconds is not None:
            self.length_label.setText(result_length_text(mode, v.length, a.seconds))
        else:
            self.length_label.setText(self.tr("Result: %1, the length of the selection.").replace("%1", fmt_s(v.length)))

    def use_music(self, path: str) -> None:
        """A tune made with varg becomes the audio file put onto a video (the Vimmerse side)."""
        self.provider.set_current("vimmerse")
        self.set_mode(AUDIO)
        self.audio.take(path)
        self.ctx.session.message.emit(self.tr("%1 is the audio file: drop the video to put it onto.").replace("%1", Path(path).name))

    # ==== results =================================================================================
    def show_result(self, rec: JobRecord) -> None:
        self.show_job(rec.local_id)

    def show_job(self, local_id: int) -> None:
        if self.show_varg_job(local_id):
            return
        self.show_results_row()
        self.result.show_job(local_id)
        self.send_button.setEnabled(self.result.result_path is not None)

    def send_result(self, tool_id: str) -> str | None:
        p = self.result.result_path
        if p is None:
            return None
        self.result.compare.pause()
        return self.send_to(tool_id, p)

    # ==== hand-offs ===============================================================================
    def accept_handoff(self, path: str) -> bool:
        """A video from another tool (a generated clip, a reframed one): it replaces the video here
        (checked like a drop); an audio file goes into the audio slot."""
        from ...core import filetypes as ft

        kind = ft.sniff(path) if Path(path).is_file() else None
        if kind in ("mp4", "webm", "avi", "mpeg", "mpegts"):
            self.video.take(path)
            self.ctx.session.message.emit(self.tr("%1 is the video in %2.").replace("%1", Path(path).name).replace("%2", _(self.spec.title)))
            return True
        if kind in ("mp3", "wav", "ogg", "flac"):
            self.set_mode(AUDIO)
            self.audio.take(path)
            return True
        return False

    def reset_session_results(self) -> None:
        super().reset_session_results()
        self.result.reset()
        self.send_button.setEnabled(False)

    def shutdown(self) -> None:
        super().shutdown()
        self.video.shutdown()
        self.audio.shutdown()
        self.result.compare.shutdown()


def create(ctx: ToolContext) -> QWidget:
    return SoundPage(ctx)
