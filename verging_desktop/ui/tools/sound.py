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
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QRadioButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...api.vimmerse.models import ATTACH_MODES
from ...core.errors import InputError
from ...core.submissions import fingerprint
from ...core.tools import tool
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
from ..widgets.wrapfit import WrapFitColumn
from .vimmerse_page import Plan, VimmersePage, send_targets
from .vimmerse_slots import MediaSlot, VideoSlot, fmt_s

if TYPE_CHECKING:  # pragma: no cover
    from ..context import ToolContext

#: where a finished clip can go next
SEND_TARGETS = ("reframe", "generate-video", "video-enhance")


class SoundPage(VimmersePage):
    submit_word = "Add sound"

    def __init__(self, ctx: ToolContext) -> None:
        super().__init__(ctx, tool("sound"))
        self._build()
        self.refresh()

    # ==== construction ============================================================================
    def _build(self) -> None:
        from ...services import vimmerse_inputs as vi

        max_s = vi.LIMITS.video_seconds
        self.video = VideoSlot("Video", "Drop the video to give sound", spawn=lambda c: self._spawn(c, "sound-video"),
                               name="videoDrop", ctx=self.ctx, max_seconds=max_s, work_dir=self.cuts_dir)
        self.audio = MediaSlot("Audio", "Drop an audio file (MP3, WAV, M4A…)", ("audio",),
                               spawn=lambda c: self._spawn(c, "sound-audio"), name="audioDrop")
        for slot in (self.video, self.audio):
            slot.changed.connect(self.refresh)

        self.effect_radio = QRadioButton("AI sound effect")
        self.effect_radio.setObjectName("modeEffect")
        self.effect_radio.setToolTip("Vimmerse makes sound that matches the picture, steered by your words")
        self.audio_radio = QRadioButton("Add an audio file")
        self.audio_radio.setObjectName("modeAudio")
        self.audio_radio.setToolTip("Put your own music or voice-over onto the video")
        self.mode_group = QButtonGroup(self)
        self.mode_group.addButton(self.effect_radio)
        self.mode_group.addButton(self.audio_radio)
        self.effect_radio.setChecked(True)
        self.mode_group.buttonToggled.connect(lambda _b, _on: self._mode_changed())

        self.prompt = QLineEdit()
        self.prompt.setObjectName("soundPrompt")
        self.prompt.setPlaceholderText("Describe the sound, e.g. rain on a tin roof, distant thunder")
        self.prompt.setToolTip("Vimmerse makes this sound and times it to the picture")
        self.prompt.textChanged.connect(lambda _t: self.refresh())
        self.prompt.returnPressed.connect(self.submit)

        self.attach = QComboBox()
        self.attach.setObjectName("attachMode")
        for m in ATTACH_MODES:
            self.attach.addItem(ATTACH_MODE_LABELS[m], m)
            self.attach.setItemData(self.attach.count() - 1, ATTACH_MODE_HELP[m], Qt.ItemDataRole.ToolTipRole)
        self.attach.currentIndexChanged.connect(lambda _i: self.refresh())
        self.attach_help = QLabel()
        self.attach_help.setObjectName("attachHelp")
        self.attach_help.setWordWrap(True)
        self.attach_help.setEnabled(False)
        self.length_label = QLabel()
        self.length_label.setObjectName("resultLength")
        self.length_label.setWordWrap(True)

        self.result = ResultPanel(self.watcher, save_filter="MP4 video (*.mp4)", save_title="Save the video as",
                                  sound_from="result")
        self.result.message.connect(self.ctx.session.message.emit)
        self.result.retry_button.hide()
        self.result.compare.set_placeholder("Add sound: when it is done, the result plays here with its new sound.")
        self.send_button = QToolButton()
        self.send_button.setObjectName("sendResult")
        self.send_button.setText("Send to")
        self.send_button.setToolTip("Open the result in another tool")
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
        il.addWidget(self.header)
        il.addWidget(self.key_banner)
        il.addWidget(self.video)
        modes = QHBoxLayout()
        modes.addWidget(self.effect_radio)
        modes.addWidget(self.audio_radio)
        modes.addStretch(1)
        il.addLayout(modes)
        self.effect_box = QWidget()
        el = QVBoxLayout(self.effect_box)
        el.setContentsMargins(0, 0, 0, 0)
        el.addWidget(QLabel("Sound to make:"))
        el.addWidget(self.prompt)
        il.addWidget(self.effect_box)
        self.audio_box = QWidget()
        al = QVBoxLayout(self.audio_box)
        al.setContentsMargins(0, 0, 0, 0)
        al.addWidget(self.audio)
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("Attach", self.attach)
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
        self.lay_out(top, self.result)
        inputs.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self._mode_changed()

    def set_compact(self, on: bool) -> None:
        self.video.set_compact(on)

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
        self.submit_word = "Add audio" if audio else "Add sound"
        self.refresh()

    def form(self) -> SoundForm:
        v = self.video
        return SoundForm(mode=self.mode, video=str(v.path or ""), video_seconds=v.length, video_start=v.start,
                         prompt=self.prompt.text(), audio=str(self.audio.path or ""),
                         audio_seconds=self.audio.seconds, attach_mode=str(self.attach.currentData() or ""))

    def plan(self) -> Plan:
        why = self.video.why_not("a video")
        if why:
            raise InputError(why)
        if self.mode == AUDIO:
            why = self.audio.why_not("an audio file to put onto the video")
            if why:
                raise InputError(why)
        form = self.form()
        req = form.request(self.probes(self.video, self.audio))
        v = self.video
        digests = [v.digest] + ([self.audio.digest] if self.mode == AUDIO else [])
        key = fingerprint(self.spec.service, digests=digests, start=round(v.start, 3), end=round(v.end, 3),
                          mode=self.mode, prompt=form.prompt.strip() if self.mode == EFFECT else "",
                          attach=form.attach_mode if self.mode == AUDIO else "")
        what = ("sound effect" if self.mode == EFFECT
                else f"{self.audio.name}, {ATTACH_MODE_LABELS.get(form.attach_mode, form.attach_mode).lower()}")
        return Plan(request=req, seconds=round(v.length, 3), title=f"{v.name} + {what}",
                    input_name=f"{v.path.stem if v.path else 'video'}.mp4", key=key, video=v,
                    detail=f"{v.start:.1f}–{v.end:.1f} s")

    def refresh(self) -> None:
        super().refresh()
        if not hasattr(self, "attach_help"):
            return
        mode = str(self.attach.currentData() or "")
        self.attach_help.setText(ATTACH_MODE_HELP.get(mode, ""))
        v, a = self.video, self.audio
        if not v.ready or v.length <= 0 or (self.mode == AUDIO and not a.ready):
            self.length_label.setText("")
        elif self.mode == AUDIO and a.ready and a.seconds is not None:
            self.length_label.setText(result_length_text(mode, v.length, a.seconds))
        else:
            self.length_label.setText(f"Result: {fmt_s(v.length)}, the length of the selection.")

    # ==== results =================================================================================
    def show_result(self, rec: JobRecord) -> None:
        self.show_job(rec.local_id)

    def show_job(self, local_id: int) -> None:
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
            self.ctx.session.message.emit(f"{Path(path).name} is the video in {self.spec.title}.")
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
