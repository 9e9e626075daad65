"""The Generate Video tab (Vimmerse): clips from reference images, from an image and an effect, or a
video restyled from a prompt; the results as a gallery of clips.

Three modes, one page:

* **Reference images**: drop one image or several, put them in order (drag a thumbnail, or the
  arrow buttons), remove any; a prompt, the length (1-30 s), the aspect ratio, the model (each with
  a one-line description) and how many clips (1-4);
* **Image + effect**: a photo and an effect (each explained in a line); a two-person effect (Hug,
  Kiss…) asks for a photo of the second person too; the effect family, ratio and clips;
* **Video + prompt**: a video (trimmed: the selection is cut and sent), a prompt, an optional
  reference image and the model.

The cost follows the choices (Vimmerse's estimate, or the local table, said which). A photo of
people that gets animated asks for consent first (the way Face Swap does). Every clip made lands in
the gallery below: a grid of first frames; the selected clip plays in place; Save one or all;
"Send to" Reframe & Crop, Sound or Video Enhance.

The logic is Qt-free: :mod:`verging_desktop.services.vimmerse_generate`.

The provider choice under the header puts **varg** beside Vimmerse (each with its cost): varg's
video models (Kling, Seedance, Wan, MiniMax, LTX; not the lip-sync ones), text to video or image
to video (drop the image the clip starts from), the model, the duration (only the values the model
accepts) and the ratio (16:9, 9:16, 1:1); the clips land in the same kind of gallery, the outcome
line saying what the job cost (:mod:`.varg_panel`).
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ...api.vimmerse.models import EFFECT_OPTIONS, EFFECTS, REFERENCE_OPTIONS, V2V_OPTIONS
from ...core.errors import InputError, VergingError
from ...core.submissions import content_hash, fingerprint
from ...core.tools import tool
from ...core.varg_models import DEFAULTS, VIDEO_ASPECTS, Capability, find_model, models_for
from ...jobs.store import JobRecord
from ...services import vimmerse_generate as vg
from ...services.vimmerse_forms import label, option_help
from ..plural import plural
from ..video.clip_gallery import ClipGallery
from ..widgets.ai_common import PromptEdit
from ..widgets.dropzone import IMAGE_FILTER, DropZone
from ..widgets.image_list import ImageList
from ..widgets.rejections import RejectionList
from ..widgets.wrapfit import WrapFitColumn
from .varg_panel import VargChoice, VargPanel, short_name
from .vimmerse_page import Plan, VimmersePage, send_targets
from .vimmerse_slots import MediaSlot, VideoSlot

if TYPE_CHECKING:  # pragma: no cover
    from ..context import ToolContext

#: where a clip can go next (the pages take a video through accept_handoff)
SEND_TARGETS = ("reframe", "sound", "video-enhance")
#: translated where shown (``self.tr(...)`` in :class:`GenerateVideoPage`)
CONSENT_TEXT = QT_TRANSLATE_NOOP("GenerateVideoPage", "I have the right to use the people in these images")
MODE_LABELS = {vg.REFERENCE: QT_TRANSLATE_NOOP("GenerateVideoPage", "Reference images"),
               vg.EFFECT: QT_TRANSLATE_NOOP("GenerateVideoPage", "Image + effect"),
               vg.RESTYLE: QT_TRANSLATE_NOOP("GenerateVideoPage", "Video + prompt")}


def _options_box(name: str, options: dict[str, str]) -> QComboBox:
    box = QComboBox()
    box.setObjectName(name)
    for opt, text in options.items():
        box.addItem(label(opt), opt)
        box.setItemData(box.count() - 1, option_help(text), Qt.ItemDataRole.ToolTipRole)
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(12)
    return box


def _pair(left: QWidget, right: QWidget) -> QWidget:
    """Two slots side by side at the top of a mode's inputs."""
    page = QWidget()
    lay = QVBoxLayout(page)
    lay.setContentsMargins(0, 0, 0, 0)
    pair = QHBoxLayout()
    pair.addWidget(left)
    pair.addWidget(right)
    lay.addLayout(pair)
    lay.addStretch(1)
    return page


def _help_label(name: str) -> QLabel:
    lab = QLabel()
    lab.setObjectName(name)
    lab.setWordWrap(True)
    lab.setEnabled(False)
    return lab


def clip_caption(model: str, prompt: str) -> str:
    """"Kling v2.5 · a green parrot talks to a…": the model's name and the prompt's first words, once
    (the file's name is in the tooltip)."""
    m = find_model(model)
    head = short_name(prompt, 40)
    more = "…" if head and len(head) < len(" ".join(prompt.split())) else ""
    return " · ".join(x for x in ((m.name if m is not None else model), head + more) if x)


class VargVideoPanel(VargPanel):
    """varg's text to video and image to video."""

    submit_word = QT_TRANSLATE_NOOP("VargVideoPanel", "Generate")
    what = QT_TRANSLATE_NOOP("VargVideoPanel", "Video from varg's models")

    def __init__(self, ctx: ToolContext, targets: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("vargVideoPanel")
        self.submit_word = self.tr("Generate")
        self.submit_button.setText(self.submit_word)
        self.image_path = ""
        self._thumb_task: Any = None
        self.text_radio = QRadioButton(self.tr("Text to video"))
        self.text_radio.setObjectName("vargModeText")
        self.image_radio = QRadioButton(self.tr("Image to video"))
        self.image_radio.setObjectName("vargModeImage")
        self.mode_group = QButtonGroup(self)
        self.mode_group.addButton(self.text_radio)
        self.mode_group.addButton(self.image_radio)
        self.text_radio.setChecked(True)
        self.mode_group.buttonToggled.connect(lambda _b, on: on and self._mode_changed())
        self.image_drop = DropZone(self.tr("Start image"), self.tr("Drop the image the clip starts from (JPG, PNG, WebP)"),
                                   file_filter=IMAGE_FILTER, dialog_title=self.tr("Choose the start image"))
        self.image_drop.setObjectName("vargImageDrop")
        self.image_drop.filesDropped.connect(lambda paths: self.set_image(paths[0]) if paths else None)
        self.image_drop.enable_remote(self.ctx, "image")
        self.image_drop.cleared.connect(lambda: self.set_image(""))
        self.image_drop.setMinimumHeight(150)
        #: the start image's content digest ("" none yet): consent is kept by content, as on the Vimmerse side
        self.image_digest = ""
        self.consent_box = QCheckBox(self.tr("I have the right to use the people in this image"))
        self.consent_box.setObjectName("vargConsent")
        self.consent_box.toggled.connect(self._consent_toggled)
        keep = self.consent_box.sizePolicy()
        keep.setRetainSizeWhenHidden(True)  # its line stays in text to video: the button never moves
        self.consent_box.setSizePolicy(keep)
        self.prompt = PromptEdit(self.tr("Describe the clip: who, what happens, the camera, the light…  (Ctrl+Enter)"))
        self.prompt.setObjectName("vargPrompt")
        self.prompt.setMinimumHeight(54)
        self.prompt.setMaximumHeight(110)
        self.prompt.textChanged.connect(self.refresh)
        self.prompt.submitted.connect(self.submit)
        self.model = QComboBox()
        self.model.setObjectName("vargModel")
        for m in models_for(Capability.VIDEO):
            self.model.addItem(m.name, m.id)
            self.model.setItemData(self.model.count() - 1, m.shown_summary, Qt.ItemDataRole.ToolTipRole)
        self.model.setCurrentIndex(max(0, self.model.findData(DEFAULTS["video"])))
        self.model_help = _help_label("vargModelHelp")
        self.duration = QComboBox()
        self.duration.setObjectName("vargDuration")
        self.duration.setToolTip(self.tr("The clip's length: only the lengths this model makes"))
        self.ratio = QComboBox()
        self.ratio.setObjectName("vargRatio")
        for r in VIDEO_ASPECTS:
            self.ratio.addItem(r, r)
        self.ratio.setToolTip(self.tr("The clip's shape"))
        for box in (self.model, self.duration, self.ratio):
            box.setMaximumWidth(320)  # no page-wide combo boxes
        self.model.currentIndexChanged.connect(lambda _i: self._model_changed())
        self.duration.currentIndexChanged.connect(lambda _i: self.refresh())
        self.ratio.currentIndexChanged.connect(lambda _i: self.refresh())
        self.gallery = ClipGallery(targets, spawn=lambda c: ctx.spawn(c, name="varg-poster"),
                                   empty_text=self.tr("Your varg clips appear here: every clip made in this session, "
                                                      "newest first."))
        self.gallery.message.connect(ctx.session.message.emit)

        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.tr("Model"), self.model)
        form.addRow("", self.model_help)
        form.addRow(self.tr("Length", "a clip's duration"), self.duration)
        form.addRow(self.tr("Ratio", "aspect ratio"), self.ratio)
        modes = QHBoxLayout()
        modes.addWidget(QLabel(self.tr("Make a clip from:")))
        modes.addWidget(self.text_radio)
        modes.addWidget(self.image_radio)
        modes.addStretch(1)
        controls = QWidget()
        cl = QVBoxLayout(controls)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.addWidget(QLabel(self.tr("Prompt")))
        cl.addWidget(self.prompt)
        cl.addLayout(form)
        cl.addWidget(self.consent_box)
        cl.addWidget(self.submit_area())
        cl.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.image_drop, 2)
        top.addWidget(controls, 3)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.key_line)
        lay.addLayout(modes)
        lay.addLayout(top)
        lay.addWidget(self.gallery, 1)
        self._model_changed()
        self._mode_changed()

    # -- inputs ----------------------------------------------------------------------------------
    @property
    def image_mode(self) -> bool:
        return self.image_radio.isChecked()

    def _mode_changed(self) -> None:
        self.image_drop.setVisible(self.image_mode)
        self._sync_consent()
        self.refresh()

    def consent_given(self) -> bool:
        return bool(self.image_digest) and self.image_digest in self.ctx.consent

    def _consent_toggled(self, on: bool) -> None:
        if self.image_digest:
            (self.ctx.consent.add if on else self.ctx.consent.discard)(self.image_digest)
        self.refresh()

    def _sync_consent(self) -> None:
        was = self.consent_box.blockSignals(True)
        self.consent_box.setVisible(self.image_mode)
        self.consent_box.setEnabled(bool(self.image_digest))
        self.consent_box.setChecked(self.consent_given())
        self.consent_box.blockSignals(was)

    def current_model(self) -> Any:
        return find_model(str(self.model.currentData() or DEFAULTS["video"]))

    def _model_changed(self) -> None:
        """The lengths the model makes (the chosen one kept when the new model makes it too)."""
        m = self.current_model()
        if m is None:
            return
        self.model_help.setText(m.shown_summary)
        keep = self.duration.currentData()
        was = self.duration.blockSignals(True)
        self.duration.clear()
        for d in m.durations or ((m.default_duration,) if m.default_duration else (5,)):
            self.duration.addItem(self.tr("%1 s", "seconds").replace("%1", str(d)), d)
        idx = self.duration.findData(keep) if keep is not None else -1
        if idx < 0:
            idx = self.duration.findData(m.default_duration)
        self.duration.setCurrentIndex(max(0, idx))
        self.duration.blockSignals(was)
        self.refresh()

    def durations(self) -> list[int]:
        return [int(self.duration.itemData(i)) for i in range(self.duration.count())]

    def set_image(self, path: str) -> None:
        self.image_path = str(Path(path).absolute()) if path else ""
        self.image_digest = ""
        if not path:
            self.image_drop.set_preview(None, "")
        else:
            self.image_drop.set_preview(None, Path(path).name)
            self._thumb_task = self.ctx.spawn(self._thumb(self.image_path), name="varg-image-thumb")
        self._sync_consent()
        self.refresh()

    async def _thumb(self, path: str) -> None:
        from ..images import make_thumbnail

        img = await asyncio.to_thread(make_thumbnail, path, 320)
        try:
            digest = await asyncio.to_thread(content_hash, path)
        except OSError:
            digest = ""
        if path != self.image_path:
            return
        self.image_digest = digest
        self._sync_consent()
        self.refresh()
        if img is None:
            self.image_drop.set_preview(None, self.tr("%1: not an image this app can show").replace("%1", Path(path).name))
        else:
            self.image_drop.set_preview(QPixmap.fromImage(img), Path(path).name)

    def request(self) -> Any:
        from ...api.varg.models import VargRequest

        prompt = self.prompt.text().strip()
        if self.image_mode and not self.image_path:
            raise InputError(self.tr("Drop the image the clip starts from."))
        if not prompt:
            raise InputError(self.tr("Describe the clip first."))

        d = self.duration.currentData()
        return VargRequest(kind="varg-video", model=str(self.model.currentData() or DEFAULTS["video"]),
                           prompt=prompt, duration=float(d) if d is not None else None,
                           aspect_ratio=str(self.ratio.currentData() or VIDEO_ASPECTS[0]),
                           files=(self.image_path,) if self.image_mode else ())

    def input_name(self, req: Any) -> str:
        # the prompt first: the queue's narrow cell elides the middle, and rows read like the images'
        return f"{short_name(req.prompt) or 'clip'} - {req.model}.mp4"

    def blocker(self) -> str:
        if self.image_mode and not self.image_digest:
            return self.tr("Checking the image…")
        if self.image_mode and not self.consent_given():
            return self.tr("Tick the box to confirm you have the right to use the people in this image.")
        return ""

    # -- results ---------------------------------------------------------------------------------
    def show_record(self, rec: JobRecord) -> None:
        from ...services.varg_cost import outcome_text

        paths = [Path(p) for p in (rec.params.get("result_paths") or [rec.result_path]) if p and Path(p).is_file()]
        if not paths:
            self.error.show_error(self.tr("varg finished, but the clip could not be downloaded; see the Job Queue."))
            return
        if any(str(p) in self.gallery.paths() for p in paths):
            return
        prompt = str(rec.params.get("prompt") or "")
        caption = clip_caption(str(rec.params.get("model") or ""), prompt)
        self.gallery.add_clips(paths, caption=caption, tooltip=f"{prompt}\n{outcome_text(rec)}".strip())

    def reset_results(self) -> None:
        self.gallery.clear()
        super().reset_results()

    def shutdown(self) -> None:
        super().shutdown()
        self.gallery.shutdown()


class GenerateVideoPage(VargChoice, VimmersePage):
    submit_word = QT_TRANSLATE_NOOP("GenerateVideoPage", "Generate")
    vimmerse_label = QT_TRANSLATE_NOOP("GenerateVideoPage", "Vimmerse · clips from images, an effect, or a video restyled")
    varg_label = QT_TRANSLATE_NOOP("GenerateVideoPage", "varg · Kling, Seedance, Wan, MiniMax, LTX")
    inputs_share = 0.5

    def __init__(self, ctx: ToolContext) -> None:
        super().__init__(ctx, tool("generate-video"))
        self.vimmerse_label = self.tr("Vimmerse · clips from images, an effect, or a video restyled")
        self.varg_label = self.tr("varg · Kling, Seedance, Wan, MiniMax, LTX")
        #: reference image path -> its content digest (only checked images are in the list)
        self.digests: dict[str, str] = {}
        self.refused: list[tuple[str, str]] = []
        self._checking = 0
        #: each mode keeps its own prompt (a restyle's words are not a reference clip's)
        self.prompts: dict[str, str] = {}
        self._prompt_mode = vg.REFERENCE
        self._build()
        self.refresh()

    # ==== construction ============================================================================
    def _build(self) -> None:
        from ...services import vimmerse_inputs as vi

        spawn = self._spawn
        max_s = vi.LIMITS.video_seconds
        # -- modes
        self.mode_buttons: dict[str, QRadioButton] = {}
        self.mode_group = QButtonGroup(self)
        modes = QHBoxLayout()
        for m in vg.MODES:
            b = QRadioButton(self.tr(MODE_LABELS[m]))
            b.setObjectName(f"mode_{m}")
            self.mode_group.addButton(b)
            self.mode_buttons[m] = b
            modes.addWidget(b)
        modes.addStretch(1)
        self.mode_buttons[vg.REFERENCE].setChecked(True)
        self.mode_group.buttonToggled.connect(lambda _b, on: on and self._mode_changed())

        # -- reference images
        self.refs_drop = DropZone(self.tr("Reference images"), self.tr("Drop one image or several (JPG, PNG, WebP)"),
                                  multiple=True, file_filter=IMAGE_FILTER,
                                  dialog_title=self.tr("Choose reference images"))
        self.refs_drop.setObjectName("refsDrop")
        self.refs_drop.filesDropped.connect(self.add_references)
        self.refs_drop.enable_remote(self.ctx, "image")
        self.refs_drop.cleared.connect(self.clear_references)
        self.refs = ImageList()
        self.refs.changed.connect(self._refs_changed)
        self.problems = RejectionList(self.tr("not added"))
        self.problems.dismissed.connect(self._forget_refused)
        ref_page = QWidget()
        rl = QVBoxLayout(ref_page)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.refs_drop)
        rl.addWidget(self.refs)
        rl.addWidget(self.problems)
        rl.addStretch(1)

        # -- image + effect
        self.image = MediaSlot(self.tr("Photo"), self.tr("Drop the photo to animate"), ("image",),
                               spawn=lambda c: spawn(c, "generate-image"), name="imageDrop")
        self.second = MediaSlot(self.tr("Second person"), self.tr("Drop a photo of the second person"), ("image",),
                                spawn=lambda c: spawn(c, "generate-second"), name="secondDrop")
        fx_page = _pair(self.image, self.second)

        # -- video + prompt
        self.video = VideoSlot(self.tr("Video"), self.tr("Drop the video to restyle"),
                               spawn=lambda c: spawn(c, "generate-video"),
                               name="videoDrop", ctx=self.ctx, max_seconds=max_s, work_dir=self.cuts_dir)
        self.style_image = MediaSlot(self.tr("Reference image"), self.tr("Optional: an image of the look you want"),
                                     ("image",),
                                     spawn=lambda c: spawn(c, "generate-style"), name="styleDrop")
        v2v_page = _pair(self.video, self.style_image)
        for slot in (self.image, self.second, self.video, self.style_image):
            slot.changed.connect(self.refresh)

        self.inputs_stack = QStackedWidget()
        self.inputs_stack.setObjectName("modeInputs")
        for page in (ref_page, fx_page, v2v_page):
            self.inputs_stack.addWidget(page)

        # -- options
        self.prompt = PromptEdit(self.tr("Describe the clip: who, what happens, the camera, the light…  (Ctrl+Enter)"))
        self.prompt.setObjectName("generatePrompt")
        self.prompt.setMinimumHeight(54)
        self.prompt.setMaximumHeight(90)
        self.prompt.textChanged.connect(self.refresh)
        self.prompt.submitted.connect(self.submit)
        self.duration = QSpinBox()
        self.duration.setObjectName("durationBox")
        # typing past 30 is refused with a sentence (the spin box would silently keep "3" of "31")
        self.duration.setRange(1, 99)
        self.duration.setValue(vg.DEFAULT_DURATION)
        self.duration.setSuffix(self.tr(" s", "the suffix of a length in seconds"))
        self.duration.setToolTip(self.tr("How long each clip is (1 to 30 seconds; billed in 5-second blocks)"))
        self.ratio = QComboBox()
        self.ratio.setObjectName("ratioBox")
        self.ratio.setEditable(True)
        self.ratio.addItems(vg.RATIOS)
        self.ratio.setToolTip(self.tr("The clip's shape as W:H; type another, e.g. 2:1"))
        self.quantity = QSpinBox()
        self.quantity.setObjectName("quantityBox")
        self.quantity.setRange(1, 4)
        self.quantity.setToolTip(self.tr("How many clips to make (1 to 4); each is charged"))
        self.model = _options_box("modelBox", REFERENCE_OPTIONS)
        self.v2v_model = _options_box("v2vModelBox", V2V_OPTIONS)
        self.model_help = _help_label("modelHelp")
        self.effect = QComboBox()
        self.effect.setObjectName("effectBox")
        for e in EFFECTS:
            self.effect.addItem(label(e), e)
            self.effect.setItemData(self.effect.count() - 1, vg.effect_help(e), Qt.ItemDataRole.ToolTipRole)
        self.effect_help = _help_label("effectHelp")
        self.family = _options_box("familyBox", EFFECT_OPTIONS)
        self.consent_box = QCheckBox(self.tr(CONSENT_TEXT))
        self.consent_box.setObjectName("consentBox")
        self.consent_box.toggled.connect(self._consent_toggled)
        self.effect.currentIndexChanged.connect(self._effect_changed)
        for sig in (self.duration.valueChanged, self.quantity.valueChanged, self.model.currentIndexChanged,
                    self.v2v_model.currentIndexChanged, self.effect.currentIndexChanged,
                    self.family.currentIndexChanged, self.ratio.currentTextChanged):
            sig.connect(lambda *_a: self.refresh())

        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.form = form
        form.addRow(self.tr("Effect"), self.effect)
        form.addRow("", self.effect_help)
        form.addRow(self.tr("Family", "a family of effects"), self.family)
        form.addRow(self.tr("Model"), self.model)
        form.addRow(self.tr("Model"), self.v2v_model)
        form.addRow("", self.model_help)
        form.addRow(self.tr("Length", "a clip's duration"), self.duration)
        form.addRow(self.tr("Ratio", "aspect ratio"), self.ratio)
        form.addRow(self.tr("Clips", "how many clips"), self.quantity)

        # -- results
        targets = send_targets(SEND_TARGETS)
        self.gallery = ClipGallery(targets, spawn=lambda c: spawn(c, "generate-poster"),
                                   empty_text=self.tr("Your clips appear here: every clip made in this session, newest first."))
        self.gallery.sendRequested.connect(self.send_to)
        self.gallery.message.connect(self.ctx.session.message.emit)

        # -- layout
        inputs = QWidget()
        inputs.setObjectName("inputsColumn")
        il = QVBoxLayout(inputs)
        il.setContentsMargins(0, 0, 0, 0)
        il.addWidget(self.inputs_stack, 1)
        inputs.setMinimumWidth(270)

        controls = WrapFitColumn()
        controls.setObjectName("controlsColumn")
        cl = QVBoxLayout(controls)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.addWidget(self.video.box, 10)
        cl.addWidget(QLabel(self.tr("Prompt")))
        cl.addWidget(self.prompt)
        cl.addLayout(form)
        cl.addWidget(self.consent_box)
        cl.addWidget(self.cost_label)
        cl.addWidget(self.submit_row())
        cl.addStretch(1)

        top = self.side_by_side(inputs, controls, (380, 900))
        head = QWidget()
        hl = QVBoxLayout(head)
        hl.setContentsMargins(0, 0, 0, 0)
        hl.addWidget(self.header)
        hl.addWidget(self.key_banner)
        self.vimmerse_modes = QWidget()
        self.vimmerse_modes.setObjectName("vimmerseModes")
        mode_line = QHBoxLayout(self.vimmerse_modes)
        mode_line.setContentsMargins(0, 0, 0, 0)
        mode_line.addWidget(QLabel(self.tr("Make clips from:")))
        mode_line.addLayout(modes)
        hl.addWidget(self.vimmerse_modes)
        self.lay_out(top, self.gallery, head=head)
        inputs.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self._mode_changed()
        self.varg = VargVideoPanel(self.ctx, targets)
        self.varg.gallery.sendRequested.connect(self.send_to)
        self.varg.mode_group.buttonToggled.connect(lambda _b, on: on and self.refresh())  # Vimmerse's words
        self.add_varg_choice(self.varg, [self.key_banner, self.vimmerse_modes, self.page_scroll], layout=hl, index=1)

    def submit_label(self) -> str:
        return self.tr("Generate")

    def set_compact(self, on: bool) -> None:
        self.video.set_compact(on)

    # ==== modes ===================================================================================
    @property
    def mode(self) -> str:
        for m, b in self.mode_buttons.items():
            if b.isChecked():
                return m
        return vg.REFERENCE

    def set_mode(self, mode: str) -> None:
        self.mode_buttons[mode].setChecked(True)

    def _set_row(self, field: QWidget, on: bool) -> None:
        self.form.setRowVisible(field, on)

    def _mode_changed(self) -> None:
        m = self.mode
        if m != self._prompt_mode:  # keep the prompt with its mode; show the new mode's own
            self.prompts[self._prompt_mode] = self.prompt.toPlainText()
            self._prompt_mode = m
            was = self.prompt.blockSignals(True)
            self.prompt.setPlainText(self.prompts.get(m, ""))
            self.prompt.blockSignals(was)
        self.inputs_stack.setCurrentIndex(vg.MODES.index(m))
        self.video.box.setVisible(m == vg.RESTYLE)
        self._set_row(self.effect, m == vg.EFFECT)
        self._set_row(self.effect_help, m == vg.EFFECT)
        self._set_row(self.family, m == vg.EFFECT)
        self._set_row(self.model, m == vg.REFERENCE)
        self._set_row(self.v2v_model, m == vg.RESTYLE)
        self._set_row(self.model_help, m != vg.EFFECT)
        self._set_row(self.duration, m == vg.REFERENCE)
        self._set_row(self.ratio, m != vg.RESTYLE)
        self._set_row(self.quantity, m != vg.RESTYLE)
        self.prompt.setPlaceholderText({
            vg.REFERENCE: self.tr("Describe the clip: who, what happens, the camera, the light…  (Ctrl+Enter)"),
            vg.EFFECT: self.tr("Optional: add details to the effect…  (Ctrl+Enter)"),
            vg.RESTYLE: self.tr("Describe how the video should change, e.g. make it a watercolour painting  "
                                "(Ctrl+Enter)"),
        }[m])
        self.prompt.viewport().update()  # (an empty editor repaints its new placeholder only when asked)
        self.refresh()

    def _effect_changed(self) -> None:
        """A two-person effect picks the family known for them (Kling) while the default is chosen."""
        if vg.needs_second_person(self.effect_name) and self.family.currentData() == "HiggsfieldEffects":
            self.family.setCurrentIndex(self.family.findData("KlingEffects"))

    # ==== reference images ========================================================================
    def add_references(self, paths: list[str]) -> asyncio.Task[Any] | None:
        """Check the dropped images by content and add the good ones at the end, in drop order."""
        new = [str(Path(p).absolute()) for p in paths]
        new = [p for p in new if p not in self.refs.paths()]
        if not new:
            return None
        self._checking += 1
        self.refresh()
        return self._spawn(self._check_references(new), "generate-refs")

    async def _check_references(self, paths: list[str]) -> None:
        from ...services.vimmerse_inputs import check_image
        from ..images import make_thumbnail

        try:
            for p in paths:
                try:
                    await asyncio.to_thread(check_image, p)
                    thumb = await asyncio.to_thread(make_thumbnail, p, 160)
                    if thumb is None:
                        raise InputError(self.tr("%1 cannot be shown as an image.").replace("%1", Path(p).name))
                    digest = await asyncio.to_thread(content_hash, p)
                except (VergingError, OSError) as e:
                    self.refused.append((Path(p).name, str(e)))
                    self.problems.set_items(self.refused)
                    continue
                self.digests[p] = digest
                self.refs.add_image(p, QPixmap.fromImage(thumb), self.tr("%1×%2 preview").replace(
                    "%1", str(thumb.width())).replace("%2", str(thumb.height())))
        finally:
            self._checking -= 1
            self._refs_changed()

    def _refs_changed(self) -> None:
        n = self.refs.count()
        text = ""
        if n == 1:
            text = plural(self.tr("%n image(s)", "", n), n)
        elif n > 1:
            text = plural(self.tr("%n image(s) in this order", "", n), n)
        self.refs_drop.set_preview(None, text)
        self.refresh()

    def clear_references(self) -> None:
        self.refs.clear()
        self.digests.clear()
        self._refs_changed()

    def _forget_refused(self) -> None:
        self.refused = []
        self.problems.set_items([])

    # ==== consent =================================================================================
    def _people(self) -> list[str]:
        """The digests of the photos whose people a submit would animate (none for a restyle)."""
        if self.mode == vg.REFERENCE:
            return [self.digests[p] for p in self.refs.paths() if p in self.digests]
        if self.mode == vg.EFFECT:
            out = [self.image.digest] if self.image.ready else []
            if vg.needs_second_person(self.effect_name) and self.second.ready:
                out.append(self.second.digest)
            return out
        return []

    def consent_given(self) -> bool:
        people = self._people()
        return bool(people) and all(d in self.ctx.consent for d in people)

    def _consent_toggled(self, on: bool) -> None:
        for d in self._people():
            if on:
                self.ctx.consent.add(d)
            else:
                self.ctx.consent.discard(d)
        self.refresh()

    def _sync_consent(self) -> None:
        people = self._people()
        was = self.consent_box.blockSignals(True)
        self.consent_box.setVisible(self.mode != vg.RESTYLE)
        self.consent_box.setEnabled(bool(people))
        self.consent_box.setChecked(self.consent_given())
        self.consent_box.blockSignals(was)

    # ==== the plan ================================================================================
    @property
    def effect_name(self) -> str:
        return str(self.effect.currentData() or "")

    def form_now(self) -> vg.GenerateForm:
        m = self.mode
        return vg.GenerateForm(
            mode=m, images=tuple(self.refs.paths()),
            image=str(self.image.path or "") if m == vg.EFFECT else str(self.style_image.path or ""),
            second_image=str(self.second.path or ""), video=str(self.video.path or ""),
            video_seconds=round(self.video.length, 3) if self.video.ready else None, video_start=self.video.start,
            prompt=self.prompt.text(),
            duration=self.duration.value(), ratio=self.ratio.currentText(),
            option=str((self.model if m == vg.REFERENCE else self.family if m == vg.EFFECT
                        else self.v2v_model).currentData() or ""),
            effect=self.effect_name, quantity=self.quantity.value())

    def plan(self) -> Plan:
        m = self.mode
        if m == vg.REFERENCE and not 1 <= self.duration.value() <= 30:
            raise InputError(self.tr("The length is %1 s: Vimmerse makes clips of 1 to 30 seconds.").replace(
                "%1", str(self.duration.value())))
        if m == vg.REFERENCE:
            if self._checking:
                raise InputError(self.tr("Checking the images…"))
            if not self.refs.count():
                raise InputError(self.tr("Drop one or more reference images."))
            digests = [self.digests[p] for p in self.refs.paths()]
        elif m == vg.EFFECT:
            why = self.image.why_not(self.tr("a photo to animate"))
            if not why and vg.needs_second_person(self.effect_name):
                why = self.second.why_not(self.tr("a photo of the second person (%1 animates two people)").replace(
                    "%1", label(self.effect_name)))
            if not why and vg.needs_second_person(self.effect_name) and self.image.digest == self.second.digest:
                why = self.tr("The same photo is in both places: %1 animates two people, so drop a photo of the "
                              "second person.").replace("%1", label(self.effect_name))
            if why:
                raise InputError(why)
            digests = [d for d in (self.image.digest, self.second.digest
                                   if vg.needs_second_person(self.effect_name) else "") if d]
        else:
            why = self.video.why_not(self.tr("a video to restyle"))
            if not why and self.style_image.state in ("checking", "bad"):
                why = self.style_image.why_not("")
            if why:
                raise InputError(why)
            digests = [self.video.digest] + ([self.style_image.digest] if self.style_image.ready else [])
        form = self.form_now()
        req = form.request(self.probes(self.video))
        settings = vg.request_settings(req)
        if m == vg.RESTYLE:
            settings.update(start=round(self.video.start, 3), end=round(self.video.end, 3))
        key = fingerprint(self.spec.service, digests=digests, mode=m, **settings)
        clips = form.clips
        n_refs = self.refs.count()
        title = {vg.REFERENCE: (plural(self.tr("%n image(s)", "", n_refs), n_refs) + " → "
                                + plural(self.tr("%n clip(s)", "", clips), clips)),
                 vg.EFFECT: f"{self.image.name}: {label(self.effect_name)}" + (f" ×{clips}" if clips > 1 else ""),
                 vg.RESTYLE: self.tr("%1 restyled").replace("%1", self.video.name)}[m]
        option = label(form.option or ("HiggsfieldEffects" if m == vg.EFFECT else "KlingO"))
        detail = {vg.REFERENCE: self.tr("%1 s, %2, %3").replace("%1", str(form.duration)).replace(
                      "%2", form.ratio).replace("%3", option),
                  vg.EFFECT: option,
                  vg.RESTYLE: self.tr("%1–%2 s, %3").replace("%1", f"{self.video.start:.1f}").replace(
                      "%2", f"{self.video.end:.1f}").replace("%3", option)}[m]
        return Plan(request=req, seconds=form.seconds(), title=title, input_name=form.input_name(), key=key,
                    video=self.video if m == vg.RESTYLE else None, detail=detail)

    def blocker(self, plan: Plan) -> str:
        if self.mode != vg.RESTYLE and not self.consent_given():
            return self.tr("Tick the box to confirm you have the right to use the people in these images.")
        return ""

    def refresh(self) -> None:
        if not hasattr(self, "consent_box"):
            return
        self._sync_consent()
        m = self.mode
        if m == vg.REFERENCE:
            self.model_help.setText(option_help(REFERENCE_OPTIONS.get(str(self.model.currentData()), "")))
        elif m == vg.RESTYLE:
            self.model_help.setText(option_help(V2V_OPTIONS.get(str(self.v2v_model.currentData()), "")))
        self.effect_help.setText(vg.effect_help(self.effect_name) + " "
                                 + option_help(EFFECT_OPTIONS.get(str(self.family.currentData()), "")))
        two = m == vg.EFFECT and vg.needs_second_person(self.effect_name)
        self.second.setVisible(two)
        q = self.quantity.value()
        self.quantity.setSuffix(plural(self.tr("%n clip(s)", "the clips box: the number and its noun", q), q)
                                .replace(str(q), "", 1))
        super().refresh()

    def vimmerse_needs(self) -> str:
        """Vimmerse's side beside varg's cost: what it needs before it has a price, and that it
        makes no clip from words alone when varg's text to video is chosen."""
        m = self.mode
        if m == vg.REFERENCE and not self.refs.count() and not self._checking:
            need = self.tr("Vimmerse: needs reference images")
        elif m == vg.EFFECT and self.image.state == "empty":
            need = self.tr("Vimmerse: needs a photo to animate")
        elif m == vg.RESTYLE and self.video.state == "empty":
            need = self.tr("Vimmerse: needs a video to restyle")
        else:
            return ""
        if self.is_varg() and not self.varg.image_mode:
            return self.tr("Vimmerse has no text-to-video")
        return need

    def vimmerse_cost_tip(self) -> str:
        return self.tr("Vimmerse makes clips from reference images, from a photo and an effect, or restyles a video: "
                       "choose Vimmerse to drop them; then its cost shows here beside varg's.")

    def _submit_text(self, plan: Plan | None, est: Any) -> str:
        text = super()._submit_text(plan, est)
        clips = getattr(plan.request, "quantity", 1) if plan is not None else 1
        if plan is not None and est is not None and clips and clips > 1:
            from ..plural import vimmerse_credits as credits

            return plural(self.tr("Generate %n clip(s) (%1)", "", clips), clips).replace("%1", credits(est.total))
        return text

    # ==== results =================================================================================
    def show_result(self, rec: JobRecord) -> None:
        self.show_results_row()
        request = rec.params.get("request")
        prompt = str(request.get("prompt") or "") if isinstance(request, dict) else ""
        caption = rec.input_name.removesuffix(".mp4")
        self.gallery.add_clips(self.result_paths(rec), caption=caption,
                               tooltip=f"{caption}\n{prompt}".strip())

    def show_job(self, local_id: int) -> None:
        super().show_job(local_id)
        self.show_results_row()

    # ==== hand-offs ===============================================================================
    def accept_handoff(self, path: str) -> bool:
        """An image from another tool becomes a reference image (added at the end); a video is the
        video to restyle."""
        from ...core import filetypes as ft

        kind = ft.sniff(path) if Path(path).is_file() else None
        if kind in ("jpeg", "png", "webp"):
            if self.mode == vg.EFFECT:
                self.image.take(path)
            else:
                self.set_mode(vg.REFERENCE)
                self.add_references([path])
            return True
        if kind in ("mp4", "webm", "avi", "mpeg", "mpegts"):
            self.set_mode(vg.RESTYLE)
            self.video.take(path)
            return True
        return False

    def reset_session_results(self) -> None:
        super().reset_session_results()
        self.gallery.clear()

    def shutdown(self) -> None:
        super().shutdown()
        for slot in (self.image, self.second, self.video, self.style_image):
            slot.shutdown()
        self.gallery.shutdown()


def create(ctx: ToolContext) -> QWidget:
    return GenerateVideoPage(ctx)
