"""The Lip Sync tab (Vimmerse): make a face speak, or have a talking avatar say a script.

*Lip sync*: drop a portrait photo or a video of the person (a video is trimmed with the trimmer
and cut before upload), then either an audio file or a text with one of Vimmerse's voices; pick
the model (each option with its one-line description). The result's length is shown before
submit (the audio's duration, or the text's estimated speech time) and is what the cost is asked
for. The face needs the user's confirmation that they may use it (the app's
:class:`~verging_desktop.core.consent.ConsentStore`, as Face Swap asks), once per face for the run.

*Talking avatar*: one of the account's avatars (its id: Vimmerse publishes no list, so ids are
typed, remembered and explained), a voice id, the script (or an audio file), 1:1, 16:9 or 9:16,
captions on or off, and an optional background image.

The result plays with its own sound; a lip sync of a video can be compared with the uploaded cut.
See :mod:`.vimmerse_tab` for the cost, the submit and the steps, and
:mod:`verging_desktop.services.vimmerse_lip_sync` for the logic below Qt.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ...api.vimmerse.models import AVATAR_RATIOS, LIP_SYNC_OPTIONS, VOICES
from ...core.errors import InputError
from ...core.i18n import _
from ...core.tools import tool
from ...services import vimmerse_lip_sync as ls
from ...services.vimmerse_forms import option_help
from ..plural import plural
from .vimmerse_slots import MediaSlot, SlotFile
from .vimmerse_tab import OneOf, Plan, VimmerseTab

if TYPE_CHECKING:  # pragma: no cover
    from ..context import ToolContext

#: translated where shown (``self.tr(...)`` in :class:`LipSyncPage`)
CONSENT_TEXT = QT_TRANSLATE_NOOP("LipSyncPage", "I have the right to use this face and to make it say this")
AVATAR_CONSENT_TEXT = QT_TRANSLATE_NOOP("LipSyncPage", "I have the right to use this avatar's face and voice")
RECENT_FILE = "vimmerse_recent_ids.json"


def option_label(name: str) -> str:
    """An option as the picker lists it: its name and its one-line description."""
    from ...services.vimmerse_forms import label

    return f"{label(name)} — {option_help(LIP_SYNC_OPTIONS[name])}"


class LipSyncPage(VimmerseTab):
    submit_word = "Lip sync"
    compare_sound = "result"  # the new speech is what is heard beside the source

    def submit_label(self) -> str:
        return self.tr("Lip sync", "the submit button")

    def __init__(self, ctx: ToolContext) -> None:
        self.recent = ls.RecentIds(Path(ctx.dirs.config) / RECENT_FILE)
        super().__init__(ctx, tool("lip-sync"))

    # ==== construction ==============================================================================
    def build_inputs(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        lay.setContentsMargins(0, 0, 0, 0)
        self.mode_lip = QPushButton(self.tr("Lip sync a face"))
        self.mode_lip.setObjectName("modeLipSync")
        self.mode_lip.setToolTip(self.tr("A photo or a video of a person says an audio file or a text"))
        self.mode_avatar = QPushButton(self.tr("Talking avatar"))
        self.mode_avatar.setObjectName("modeAvatar")
        self.mode_avatar.setToolTip(self.tr("One of your Vimmerse avatars says a script"))
        self.modes = QButtonGroup(self)
        for b in (self.mode_lip, self.mode_avatar):
            b.setCheckable(True)
            self.modes.addButton(b)
        self.mode_lip.setChecked(True)
        self.mode_lip.toggled.connect(lambda _on: self._mode_changed())
        modes = QHBoxLayout()
        modes.addWidget(self.mode_lip)
        modes.addWidget(self.mode_avatar)
        modes.addStretch(1)
        lay.addLayout(modes)
        self.stack = OneOf()
        self.stack.addWidget(self._build_lip())
        self.stack.addWidget(self._build_avatar())
        lay.addWidget(self.stack, 1)
        self.length_label = QLabel()
        self.length_label.setObjectName("resultLength")
        lay.addWidget(self.length_label)
        self.consent_box = QCheckBox(self.tr(CONSENT_TEXT))
        self.consent_box.setObjectName("consentBox")
        self.consent_box.toggled.connect(self._consent_toggled)
        lay.addWidget(self.consent_box)
        return w

    def _build_lip(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        lay.setContentsMargins(0, 0, 0, 0)
        spawn = self.ctx.spawn
        self.face = MediaSlot(self.tr("Face"), self.tr("Drop a portrait photo or a video of the person"), ("image", "video"),
                              spawn=spawn)
        self.face.setObjectName("faceSlot")
        self.face.changed.connect(self._face_changed)

        self.speech_audio = QRadioButton(self.tr("An audio file"))
        self.speech_audio.setObjectName("speechAudio")
        self.speech_text = QRadioButton(self.tr("A text, said by a voice"))
        self.speech_text.setObjectName("speechText")
        self.speech_audio.setChecked(True)
        self.speech_audio.toggled.connect(lambda _on: self._speech_changed())
        self.audio = MediaSlot(self.tr("Audio"), self.tr("Drop the speech (MP3, WAV, M4A…)"), ("audio",), spawn=spawn)
        self.audio.setObjectName("audioSlot")
        self.audio.changed.connect(self.refresh)
        self.text = QPlainTextEdit()
        self.text.setObjectName("speechTextEdit")
        self.text.setPlaceholderText(self.tr("Type what the person says…"))
        self.text.textChanged.connect(self.refresh)
        self.voice = QComboBox()
        self.voice.setObjectName("voiceCombo")
        self.voice.addItems(list(VOICES))
        self.voice.setItemText(0, self.tr("AutoV (Vimmerse chooses)"))
        self.voice.currentIndexChanged.connect(lambda _i: self.refresh())
        text_box = QWidget()
        tl = QVBoxLayout(text_box)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addWidget(self.text, 1)
        vl = QHBoxLayout()
        vl.addWidget(QLabel(self.tr("Voice:")))
        vl.addWidget(self.voice, 1)
        tl.addLayout(vl)
        self.speech_stack = OneOf()
        self.speech_stack.addWidget(self.audio)
        self.speech_stack.addWidget(text_box)
        # what is said: its own line above the two slots (a narrow window keeps both slots side by side)
        choose = QHBoxLayout()
        choose.addWidget(QLabel(self.tr("<b>Speech:</b>")))
        choose.addWidget(self.speech_audio)
        choose.addWidget(self.speech_text)
        choose.addStretch(1)
        lay.addLayout(choose)
        row = QHBoxLayout()
        row.addWidget(self.face, 1)
        row.addWidget(self.speech_stack, 1)
        lay.addLayout(row, 1)
        lay.addWidget(self.make_trimmer_box(self.tr("A video of the face is trimmed here: mark the part to send.")))
        self.trimmer_box.hide()

        self.option = QComboBox()
        self.option.setObjectName("optionCombo")
        self.option.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.option.setMinimumContentsLength(16)
        for name, desc in LIP_SYNC_OPTIONS.items():
            self.option.addItem(option_label(name), name)
            self.option.setItemData(self.option.count() - 1, option_help(desc), Qt.ItemDataRole.ToolTipRole)
        self.option.view().setMinimumWidth(self.option.view().sizeHintForColumn(0) + 24)
        self.option.currentIndexChanged.connect(lambda _i: self._option_changed())
        orow = QHBoxLayout()
        orow.addWidget(QLabel(self.tr("Model:")))
        orow.addWidget(self.option, 1)
        lay.addLayout(orow)
        self._option_changed(refresh=False)
        self._speech_changed(refresh=False)
        return w

    def _build_avatar(self) -> QWidget:
        w = QWidget()
        form = QFormLayout(w)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.avatar_id = QComboBox()
        self.avatar_id.setObjectName("avatarId")
        self.avatar_id.setEditable(True)
        self.avatar_id.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.avatar_id.lineEdit().setPlaceholderText(self.tr("the avatar's id from your Vimmerse account"))
        self.avatar_id.setToolTip(_(ls.AVATAR_ID_HELP))
        self.avatar_id.addItems(self.recent.get("avatar"))
        self.avatar_id.setCurrentText(self.recent.get("avatar")[0] if self.recent.get("avatar") else "")
        self.avatar_id.currentTextChanged.connect(lambda _t: self.refresh())
        self.voice_id = QComboBox()
        self.voice_id.setObjectName("voiceId")
        self.voice_id.setEditable(True)
        self.voice_id.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.voice_id.setToolTip(ls.voice_id_help())
        recent_voices = self.recent.get("voice")
        self.voice_id.addItems(recent_voices + [v for v in VOICES if v not in recent_voices])
        self.voice_id.setCurrentText(recent_voices[0] if recent_voices else "AutoV")
        self.voice_id.currentTextChanged.connect(lambda _t: self.refresh())
        self.id_help = QLabel(_(ls.AVATAR_ID_HELP))
        self.id_help.setObjectName("avatarIdHelp")
        self.id_help.setWordWrap(True)
        self.id_help.setEnabled(False)
        self.script = QPlainTextEdit()
        self.script.setObjectName("scriptEdit")
        self.script.setPlaceholderText(self.tr("The script the avatar says…"))
        self.script.textChanged.connect(self.refresh)
        self.aspect = QComboBox()
        self.aspect.setObjectName("avatarAspect")
        labels = {"1:1": self.tr("1:1 (square)"), "16:9": self.tr("16:9 (landscape)"),
                  "9:16": self.tr("9:16 (portrait, Shorts)")}
        for r in AVATAR_RATIOS:
            self.aspect.addItem(labels.get(r, r), r)
        self.aspect.setCurrentIndex(AVATAR_RATIOS.index("16:9"))
        self.aspect.currentIndexChanged.connect(lambda _i: self.refresh())
        self.captions = QCheckBox(self.tr("Captions"))
        self.captions.setObjectName("captionsBox")
        self.captions.setChecked(True)
        self.captions.setToolTip(self.tr("Burn the script in as captions"))
        self.captions.toggled.connect(lambda _on: self.refresh())
        spawn = self.ctx.spawn
        self.avatar_bg = MediaSlot(self.tr("Background (optional)"), self.tr("Drop an image to stand the avatar in front of"),
                                   ("image",), spawn=spawn)
        self.avatar_bg.setObjectName("avatarBackground")
        self.avatar_bg.changed.connect(self.refresh)
        self.avatar_audio = MediaSlot(self.tr("Audio (optional)"), self.tr("Drop speech to use instead of the script"), ("audio",),
                                      spawn=spawn)
        self.avatar_audio.setObjectName("avatarAudio")
        self.avatar_audio.changed.connect(self.refresh)
        ar = QHBoxLayout()
        ar.addWidget(self.aspect, 1)
        ar.addWidget(self.captions)
        slots = QHBoxLayout()
        slots.addWidget(self.avatar_bg, 1)
        slots.addWidget(self.avatar_audio, 1)
        form.addRow(self.tr("Avatar id:"), self.avatar_id)
        form.addRow(self.tr("Voice id:"), self.voice_id)
        form.addRow("", self.id_help)
        form.addRow(self.tr("Script:"), self.script)
        form.addRow(self.tr("Frame:"), ar)
        form.addRow(slots)
        return w

    # ==== reacting ==================================================================================
    @property
    def avatar_mode(self) -> bool:
        return self.mode_avatar.isChecked()

    def _mode_changed(self) -> None:
        self.stack.setCurrentIndex(1 if self.avatar_mode else 0)
        self.consent_box.setText(self.tr(AVATAR_CONSENT_TEXT) if self.avatar_mode else self.tr(CONSENT_TEXT))
        self.refresh()

    def _speech_changed(self, refresh: bool = True) -> None:
        self.speech_stack.setCurrentIndex(0 if self.speech_audio.isChecked() else 1)
        if refresh:
            self.refresh()

    def _option_changed(self, refresh: bool = True) -> None:
        # the closed picker shows the name and the description (elided when narrow: whole on hover)
        self.option.setToolTip(option_label(str(self.option.currentData())))
        if refresh:
            self.refresh()

    def _face_changed(self) -> None:
        f = self.face.ready_file
        video = f is not None and f.kind == "video"
        self.trimmer_box.setVisible(video)
        self.show_in_trimmer(f.path if video and f is not None else None, f.info if video and f else None)
        self.refresh()

    # -- consent ---------------------------------------------------------------------------------
    def consent_key(self) -> str | None:
        if self.avatar_mode:
            aid = self.avatar_id.currentText().strip()
            return f"avatar:{aid}" if aid else None
        f = self.face.ready_file
        return f.digest if f is not None else None

    def _consent_toggled(self, on: bool) -> None:
        key = self.consent_key()
        if key is not None:
            (self.ctx.consent.add if on else self.ctx.consent.discard)(key)
        self.refresh()

    def _sync_consent(self) -> None:
        key = self.consent_key()
        was = self.consent_box.blockSignals(True)
        self.consent_box.setEnabled(key is not None)
        self.consent_box.setChecked(key is not None and key in self.ctx.consent)
        self.consent_box.blockSignals(was)

    def blocker(self, plan: Plan) -> str:
        key = self.consent_key()
        if key is None or key in self.ctx.consent:
            return ""
        if self.avatar_mode:
            return self.tr("Tick the box to confirm you have the right to use this avatar.")
        return self.tr("Tick the box to confirm you have the right to use this face.")

    # ==== planning ==================================================================================
    def refresh(self) -> None:
        if hasattr(self, "consent_box"):
            self._sync_consent()
        super().refresh()
        if hasattr(self, "length_label"):
            self.length_label.setText(self._length().describe())

    def _audio_file(self) -> SlotFile | None:
        slot = self.avatar_audio if self.avatar_mode else self.audio
        if not self.avatar_mode and not self.speech_audio.isChecked():
            return None
        return slot.ready_file

    def _said_text(self) -> str:
        if self.avatar_mode:
            return self.script.toPlainText()
        return "" if self.speech_audio.isChecked() else self.text.toPlainText()

    def _length(self) -> ls.ResultLength:
        a = self._audio_file()
        return ls.result_length(audio_seconds=a.duration if a is not None else None, text=self._said_text())

    def cost_detail(self, plan: Plan) -> str:
        secs = float(plan.extra.get("result_seconds") or 0)
        if not secs:
            return ""
        about = plan.extra.get("length_source") == "text"
        text = self.tr(" — for about %1%2") if about else self.tr(" — for %1%2")
        return text.replace("%1", ls.fmt_length(secs)).replace("%2", self.blocks_text())

    def plan(self) -> Plan:
        return self._plan_avatar() if self.avatar_mode else self._plan_lip()


    def _plan_lip(self) -> Plan:
        problem = self.face.problem(self.tr("face", "what the slot holds"))
        if problem:
            raise InputError(problem)
        face = self.face.ready_file
        if face is None:
            raise InputError(self.tr("Drop a portrait photo or a video of the person."))
        audio = None
        if self.speech_audio.isChecked():
            problem = self.audio.problem(self.tr("audio", "what the slot holds"))
            if problem:
                raise InputError(problem)
            audio = self.audio.ready_file
            if audio is None:
                raise InputError(self.tr("Drop the audio file to lip sync to, or choose a text said by a voice."))
        elif not self.text.toPlainText().strip():
            raise InputError(self.tr("Type the text the person says, or choose an audio file."))
        length = self._length()
        extra: dict[str, object] = {"result_seconds": length.seconds, "length_source": length.source}
        cut = self.video_cut(face.path, face.info, extra) if face.kind == "video" and face.info else None
        req = ls.lip_sync_request(face=str(face.path), face_kind=face.kind,
                                  audio=str(audio.path) if audio is not None else "",
                                  text=self._said_text(), voice=VOICES[self.voice.currentIndex()],
                                  option=str(self.option.currentData()),
                                  audio_seconds=audio.duration if audio is not None else None)
        req = self.checked(req, face, audio)
        # a text is priced by its characters (the table's script rule, as Vimmerse bills it): no length;
        # a face video's cut is not what is billed either (bill_cut False)
        priced = length.seconds if audio is not None else None
        n_words = len(req.prompt.split())
        said = audio.name if audio is not None else plural(self.tr("%n word(s), %1", "", n_words), n_words).replace(
            "%1", VOICES[self.voice.currentIndex()])
        digests = [face.digest, audio.digest if audio is not None else ""]
        return Plan(request=req, seconds=priced, title=f"{face.name} + {said}", input_name=face.name,
                    key=self.job_key(req, digests, priced, cut), video=cut,  # type: ignore[arg-type]
                    detail=f"{req.option} · {ls.fmt_length(length.seconds)}", extra=extra, bill_cut=False)

    def _plan_avatar(self) -> Plan:
        for slot, what in ((self.avatar_bg, self.tr("background", "what the slot holds")),
                           (self.avatar_audio, self.tr("audio", "what the slot holds"))):
            problem = slot.problem(what)
            if problem:
                raise InputError(problem)
        bg, audio = self.avatar_bg.ready_file, self.avatar_audio.ready_file
        req = ls.avatar_request(avatar_id=self.avatar_id.currentText(), voice_id=self.voice_id.currentText(),
                                script=self.script.toPlainText(), audio=str(audio.path) if audio else "",
                                background=str(bg.path) if bg else "", aspect_ratio=str(self.aspect.currentData()),
                                captions=self.captions.isChecked())
        req = self.checked(req, bg, audio)
        length = self._length()
        digests = [bg.digest if bg else "", audio.digest if audio else ""]
        priced = length.seconds if audio else None
        return Plan(request=req, seconds=priced, title=self.tr("Avatar %1").replace("%1", req.avatar_id), input_name=f"avatar {req.avatar_id}",
                    key=self.job_key(req, digests, priced, None),
                    detail=f"{req.aspect_ratio} · {ls.fmt_length(length.seconds)}",
                    extra={"result_seconds": length.seconds, "length_source": length.source})

    def submit(self):  # type: ignore[no-untyped-def]
        task = super().submit()
        if task is not None and self.avatar_mode:
            # remembered once used (the ids are typed: the list of them is not public)
            plan = self._plan
            if plan is not None:
                self.recent.add("avatar", getattr(plan.request, "avatar_id", ""))
                self.recent.add("voice", getattr(plan.request, "voice_id", ""))
                self._refill_recent()
        return task

    def _refill_recent(self) -> None:
        for combo, kind, extra in ((self.avatar_id, "avatar", ()), (self.voice_id, "voice", VOICES)):
            text = combo.currentText()
            was = combo.blockSignals(True)
            combo.clear()
            ids = self.recent.get(kind)
            combo.addItems(ids + [v for v in extra if v not in ids])
            combo.setCurrentText(text)
            combo.blockSignals(was)

    # ==== hand-offs =================================================================================
    def accept_handoff(self, path: str) -> bool:
        """A photo or a video from another tool becomes the face; audio becomes the speech."""
        from ...core import filetypes as ft

        p = Path(path)
        kind = ft.sniff(p) if p.is_file() else None
        if kind is None:
            return False
        self.mode_lip.setChecked(True)
        if kind in ("mp3", "wav", "ogg", "flac"):
            self.speech_audio.setChecked(True)
            self.audio.set_file(p)
        else:
            self.face.set_file(p)
        return True

    def shutdown(self) -> None:
        for slot in (self.face, self.audio, self.avatar_bg, self.avatar_audio):
            slot.shutdown()
        super().shutdown()


def create(ctx: ToolContext) -> QWidget:
    return LipSyncPage(ctx)
