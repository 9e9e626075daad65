"""The Reframe & Crop tab (Vimmerse): a landscape clip to 9:16 for Shorts, 1:1, 4:5, 16:9 or any W:H.

Drop a video (or several: one job each with the same ratio), trim it, pick the ratio, and either

* **Crop** (``/v2/video/crop-to-aspect-ratio``, cheap and exact): the frame to keep is drawn over
  the player, the rest dimmed (:class:`~verging_desktop.ui.video.frame_overlay.FrameOverlay`); drag
  it, or move it with the arrow keys, to choose what stays: it sets ``offset_x``/``offset_y`` in the
  clip's pixels (each video keeps its own place);
* **AI Reframe** (``/v2/video/reframe``): the whole picture is kept and the model fills the new
  frame around it (drawn around the picture instead), from an optional prompt.

The geometry is Qt-free (:mod:`verging_desktop.services.reframe_geometry`). The cost comes from
Vimmerse's estimate or the local price table (said which); the job goes through the Vimmerse queue;
when it is done the compare view shows the original and the result side by side, with Save, Open
folder and "Send to" another tool. See :mod:`.vimmerse_video` for the shared flow.
"""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QRadioButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...api.vimmerse.models import App, CropRequest, ReframeRequest, VimmerseRequest, parse_ratio
from ...core import i18n
from ...core.errors import InputError
from ...core.tools import TOOLS, tool
from ...services.reframe_geometry import PRESETS, CropPlan, ReframePlan, same_shape
from ..colors import error_color
from .video_base import VideoItem
from .vimmerse_video import VimmerseVideoPage

if TYPE_CHECKING:  # pragma: no cover
    from ..context import ToolContext
    from ..video.frame_overlay import FrameOverlay

CROP = "crop"
REFRAME = "reframe"
DEFAULT_PROMPT = "Make it realistic"
#: the tools a reframed clip can be sent to (those that take a video), in this order when present
#: the presets' descriptions (services.reframe_geometry.PRESETS), marked here, translated where shown
PRESET_WORDS = (
    QT_TRANSLATE_NOOP("ReframePage", "Vertical: Shorts, Reels, TikTok"),
    QT_TRANSLATE_NOOP("ReframePage", "Square"),
    QT_TRANSLATE_NOOP("ReframePage", "Portrait: Instagram and Facebook feeds"),
    QT_TRANSLATE_NOOP("ReframePage", "Landscape: YouTube, TV"),
)
SEND_TO = ("video-enhance", "sound", "lip-sync", "replace-background", "generate-video", "face-swap")


def source_size(item: VideoItem) -> tuple[int, int]:
    """The picture's size as it is shown (a rotated clip upright)."""
    info = item.info
    if info is None:
        return 0, 0
    return (info.display_width or info.width), (info.display_height or info.height)


class ReframePage(VimmerseVideoPage):
    submit_word = QT_TRANSLATE_NOOP("ReframePage", "Reframe")

    def __init__(self, ctx: ToolContext, spec: Any) -> None:
        #: per video: where the user put the crop (its centre, in the clip's pixels)
        self.crop_focus: dict[Path, tuple[float, float]] = {}
        self.overlay: FrameOverlay | None = None
        self._ratio = "9:16"
        super().__init__(ctx, spec)
        self.result.compare.set_mode("side")  # a crop is narrower: side by side reads best
        self._add_send_to()

    # ==== construction ============================================================================
    def _build(self) -> None:
        super()._build()
        box = QWidget()
        box.setObjectName("reframeOptions")
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)

        ratios = QHBoxLayout()
        ratios.addWidget(QLabel(self.tr("Ratio")))
        self.ratio_group = QButtonGroup(self)
        self.ratio_group.setExclusive(True)
        self.ratio_buttons: dict[str, QPushButton] = {}
        for text, what in PRESETS:
            b = QToolButton()
            b.setText(text)
            b.setObjectName(f"ratio_{text.replace(':', 'x')}")
            b.setCheckable(True)
            b.setToolTip(self.tr(what))
            b.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            self.ratio_group.addButton(b)
            self.ratio_buttons[text] = b
            ratios.addWidget(b)
        self.custom_button = QToolButton()
        self.custom_button.setText(self.tr("Custom", "a ratio"))
        self.custom_button.setObjectName("ratioCustom")
        self.custom_button.setCheckable(True)
        self.custom_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.custom_button.setToolTip(self.tr("Any ratio, written W:H (for example 21:9 or 3:4)"))
        self.ratio_group.addButton(self.custom_button)
        ratios.addWidget(self.custom_button)
        ratios.addStretch(1)
        custom = QHBoxLayout()
        self.custom_label = QLabel(self.tr("Custom ratio (W:H)"))
        self.custom_edit = QLineEdit()
        self.custom_edit.setObjectName("customRatio")
        self.custom_edit.setPlaceholderText("21:9")
        self.custom_edit.setMaximumWidth(90)
        self.custom_edit.setAccessibleName(self.tr("Custom ratio"))
        self.custom_label.setBuddy(self.custom_edit)
        #: the custom ratio is being typed: "21" on the way to "21:9" is not an error yet
        self._typing = False
        self.custom_edit.textEdited.connect(lambda _t: setattr(self, "_typing", True))
        self.custom_edit.textChanged.connect(lambda _t: self._options_changed())
        self.custom_edit.editingFinished.connect(self._custom_done)
        custom.addWidget(self.custom_label)
        custom.addWidget(self.custom_edit)
        custom.addStretch(1)
        self.custom_row = QWidget()
        self.custom_row.setLayout(custom)
        custom.setContentsMargins(0, 0, 0, 0)
        self.custom_row.hide()
        self.ratio_buttons["9:16"].setChecked(True)
        self.ratio_group.buttonToggled.connect(self._ratio_toggled)

        modes = QVBoxLayout()
        modes.setSpacing(2)
        self.crop_radio = QRadioButton(self.tr("Crop: keep part of the picture (exact, cheaper)"))
        self.crop_radio.setObjectName("modeCrop")
        self.crop_radio.setToolTip(self.tr("Cuts the frame you place out of the video: nothing is invented."))
        self.reframe_radio = QRadioButton(self.tr("AI Reframe: keep all of it, AI fills the rest"))
        self.reframe_radio.setObjectName("modeReframe")
        self.reframe_radio.setToolTip(self.tr("The whole picture stays; an AI model paints the new parts of the frame."))
        self.crop_radio.setChecked(True)
        self.mode_group = QButtonGroup(self)
        self.mode_group.addButton(self.crop_radio)
        self.mode_group.addButton(self.reframe_radio)
        self.mode_group.buttonToggled.connect(lambda _b, on: on and self._options_changed())
        modes.addWidget(self.crop_radio)
        modes.addWidget(self.reframe_radio)

        self.prompt_edit = QLineEdit()
        self.prompt_edit.setObjectName("reframePrompt")
        self.prompt_edit.setPlaceholderText(self.tr("What the new parts should look like (default: %1)").replace("%1", DEFAULT_PROMPT))
        self.prompt_edit.setAccessibleName(self.tr("AI Reframe prompt"))
        self.prompt_edit.textChanged.connect(lambda _t: self._options_changed())

        frame_row = QHBoxLayout()
        self.frame_label = QLabel("")
        self.frame_label.setObjectName("frameInfo")
        self.frame_label.setWordWrap(True)
        self.centre_button = QPushButton(self.tr("Centre"))
        self.centre_button.setObjectName("centreFrame")
        self.centre_button.setToolTip(self.tr("Put the frame back in the middle (Home, with the picture focused)"))
        self.centre_button.clicked.connect(self.centre_frame)
        frame_row.addWidget(self.frame_label, 1)
        frame_row.addWidget(self.centre_button)
        self.ratio_error = QLabel("")
        self.ratio_error.setObjectName("ratioError")
        self.ratio_error.setWordWrap(True)
        self.ratio_error.setStyleSheet(f"color: {error_color()};")
        self.ratio_error.hide()
        # what the frame keeps, or what is wrong, in one place below the choices, with room kept
        # for three lines: a message appearing never moves the buttons under the cursor
        self.frame_box = QWidget()
        self.frame_box.setObjectName("frameBox")
        fb = QVBoxLayout(self.frame_box)
        fb.setContentsMargins(0, 0, 0, 0)
        fb.setSpacing(0)
        fb.addLayout(frame_row)
        fb.addWidget(self.ratio_error)
        fb.addStretch(1)
        self.frame_box.setMinimumHeight(3 * self.fontMetrics().lineSpacing() + 4)

        lay.addLayout(ratios)
        lay.addWidget(self.custom_row)
        lay.addLayout(modes)
        lay.addWidget(self.prompt_edit)
        lay.addWidget(self.frame_box)
        cl = self.controls_layout
        cl.insertWidget(cl.indexOf(self.trimmer_box) + 1, box)
        self.options_box = box
        self._sync_mode_widgets()
        self._show_frame_text(None)  # (no video yet: no frame to centre)

    def _add_send_to(self) -> None:
        btn = QToolButton()
        btn.setObjectName("sendTo")
        btn.setText(self.tr("Send to"))
        btn.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        btn.setToolTip(self.tr("Open the result in another tool"))
        menu = QMenu(btn)
        known = {t.id for t in TOOLS}
        for tid in SEND_TO:
            if tid in known:
                act = menu.addAction(i18n._(tool(tid).title))
                act.setObjectName(f"sendTo_{tid}")
                act.triggered.connect(lambda _c=False, t=tid: self.send_result_to(t))
        btn.setMenu(menu)
        self.send_button = btn
        self.result.add_action(btn)
        self.result.actionsChanged.connect(lambda: btn.setEnabled(self.result.result_path is not None))
        btn.setEnabled(False)

    def send_result_to(self, tool_id: str) -> str:
        """Hand the result shown to ``tool_id``; returns the line said in the status bar."""
        from ..widgets.ai_handoff import hand_off

        res = self.result.result_path
        if res is None:
            return ""
        line = hand_off(self.ctx, tool_id, res)
        self.ctx.session.message.emit(line)
        return line

    # ==== options =================================================================================
    @property
    def mode(self) -> str:
        return REFRAME if self.reframe_radio.isChecked() else CROP

    def set_mode(self, mode: str) -> None:
        (self.reframe_radio if mode == REFRAME else self.crop_radio).setChecked(True)

    @property
    def ratio_text(self) -> str:
        """The chosen ratio as written ("9:16"; the custom box's text when Custom is chosen)."""
        if self.custom_button.isChecked():
            return self.custom_edit.text().strip()
        b = self.ratio_group.checkedButton()
        return b.text() if b is not None else "9:16"

    def set_ratio(self, text: str) -> None:
        """Choose a preset, or type ``text`` into Custom (as entered: a wrong one is said at once)."""
        b = self.ratio_buttons.get(text)
        if b is not None:
            b.setChecked(True)
        else:
            self._typing = False
            self.custom_button.setChecked(True)
            self.custom_edit.setText(text)

    def ratio_label(self) -> str:
        """The chosen ratio as the user wrote it ("21:9", not reduced to 7:3); "" when it is not W:H."""
        try:
            return "{}:{}".format(*self.ratio())
        except InputError:
            return ""

    def ratio(self) -> tuple[int, int]:
        """The chosen ratio; InputError (a sentence) when the custom one is not W:H."""
        text = self.ratio_text
        if not text:
            raise InputError(self.tr("Type a ratio as W:H, for example 21:9."))
        from ...services.vimmerse_inputs import check_ratio

        try:
            return parse_ratio(check_ratio(text))
        except ValueError as e:
            raise InputError(str(e)) from e

    def _custom_done(self) -> None:
        """The custom ratio was entered (Enter, or the focus left the box): now it may be wrong."""
        if self._typing:
            self._typing = False
            self._sync_overlay()

    def _ratio_problem(self) -> str:
        """What is wrong with the ratio, to show in red: nothing while the custom box is empty (the
        button says what to type) or being typed."""
        try:
            self.ratio()
        except InputError as e:
            if self.custom_button.isChecked() and (self._typing or not self.custom_edit.text().strip()):
                return ""
            return str(e)
        return ""

    def _skip_reason(self, video: VideoItem) -> str:
        """A video the ratio does not suit (already that shape, or too far from it) is left out of
        the batch; the others are still sent. A ratio that is not W:H is no video's problem."""
        try:
            self.ratio()
        except InputError:
            return ""
        try:
            self.plan_of(video)
        except InputError as e:
            return str(e)
        return ""

    def _ratio_toggled(self, button: Any, on: bool) -> None:
        if not on:
            return
        self.custom_row.setVisible(button is self.custom_button)
        if button is self.custom_button:
            self.custom_edit.setFocus()
        self._options_changed()

    def _sync_mode_widgets(self) -> None:
        reframe = self.mode == REFRAME
        self.prompt_edit.setVisible(reframe)
        self.submit_word = self.tr("Reframe with AI") if reframe else self.tr("Crop", "a button: crop the video")

    def _options_changed(self) -> None:
        self._sync_mode_widgets()
        self._sync_overlay()
        self._update()

    def options(self) -> dict[str, Any]:
        ratio = "{}:{}".format(*self.ratio())
        if self.mode == CROP:
            return {"app": App.CROP.value, "aspect_ratio": ratio}
        return {"app": App.REFRAME.value, "aspect_ratio": ratio,
                "prompt": self.prompt_edit.text().strip() or DEFAULT_PROMPT}

    # ==== the frame of each video =================================================================
    def crop_plan(self, item: VideoItem, ratio: tuple[int, int] | None = None) -> CropPlan:
        """Where ``item`` is cropped for the chosen (or the given) ratio."""
        w, h = source_size(item)
        rw, rh = ratio or self.ratio()
        if same_shape(w, h, rw, rh):
            raise InputError(self.tr("%1 is already %2 (%3): there is nothing to crop.").replace("%1", item.name)
                             .replace("%2", f"{rw}:{rh}").replace("%3", f"{w}×{h}") + " " + self.tr("Choose another ratio."))
        plan = CropPlan.centered(w, h, rw, rh)
        focus = self.crop_focus.get(item.path)
        return plan.centered_on(*focus) if focus is not None else plan

    def reframe_plan(self, item: VideoItem, ratio: tuple[int, int] | None = None) -> ReframePlan:
        w, h = source_size(item)
        rw, rh = ratio or self.ratio()
        if same_shape(w, h, rw, rh):
            raise InputError(self.tr("%1 is already %2 (%3): there is nothing to reframe.").replace("%1", item.name)
                             .replace("%2", f"{rw}:{rh}").replace("%3", f"{w}×{h}") + " " + self.tr("Choose another ratio."))
        return ReframePlan.centered(w, h, rw, rh)

    def plan_of(self, item: VideoItem) -> CropPlan | ReframePlan:
        return self.reframe_plan(item) if self.mode == REFRAME else self.crop_plan(item)

    def build_request(self, video: VideoItem | None, path: str, options: dict[str, Any]) -> VimmerseRequest:
        req = super().build_request(video, path, options)
        if video is None or video.info is None:
            return req  # a retry: the options hold the offsets it was sent with
        ratio = parse_ratio(str(options["aspect_ratio"]))
        if isinstance(req, CropRequest):
            ox, oy = self.crop_plan(video, ratio).offsets
            return CropRequest(video_url=req.video_url, aspect_ratio=req.aspect_ratio, offset_x=ox, offset_y=oy)
        assert isinstance(req, ReframeRequest)
        self.reframe_plan(video, ratio)  # (refuses a ratio the picture already has, or one too far from it)
        return req

    def centre_frame(self) -> None:
        item = self.current
        if item is None:
            return
        self.crop_focus.pop(item.path, None)
        self._sync_overlay()
        self._update()

    def _frame_moved(self, plan: Any) -> None:
        item = self.current
        if item is None:
            return
        if isinstance(plan, CropPlan):
            r = plan.rect
            self.crop_focus[item.path] = (r.x + r.w / 2, r.y + r.h / 2)
        self._show_frame_text(plan)
        self._update()

    def _sync_overlay(self) -> None:
        """Show the current video's frame for the chosen ratio and mode."""
        ov = self.overlay
        item = self.current
        plan: CropPlan | ReframePlan | None = None
        err = self._ratio_problem()
        if self.ratio_label() and item is not None and item.info is not None:
            try:
                plan = self.plan_of(item)
            except InputError as e:  # this video's problem: the others still go
                err = str(e)
                others = [v for v in self.ready_videos() if v is not item and not self._skip_reason(v)]
                if others:
                    err = err.removesuffix(" " + self.tr("Choose another ratio.")) + " " + (
                        self.tr("It is left out; the other %1 videos are sent.").replace("%1", str(len(others)))
                        if len(others) > 1 else self.tr("It is left out; the other video is sent."))
        self.ratio_error.setText(err)
        self.ratio_error.setVisible(bool(err))
        if ov is not None:
            ov.set_ratio_label(self.ratio_label())
            ov.set_plan(plan)
        self._show_frame_text(plan)
        self.frame_label.setVisible(not err)

    def _show_frame_text(self, plan: CropPlan | ReframePlan | None) -> None:
        self.centre_button.setVisible(isinstance(plan, CropPlan))
        if plan is None:
            self.frame_label.setText("")
            self.centre_button.setEnabled(False)
            return
        mx, my = plan.movable
        if isinstance(plan, CropPlan):
            r = plan.rect
            where = (self.tr("centred") if plan.is_centered
                     else self.tr("from x %1, y %2").replace("%1", str(r.x)).replace("%2", str(r.y)))
            text = (self.tr("Keeps %1 of %2, %3.").replace("%1", f"{r.w}×{r.h}")
                    .replace("%2", f"{plan.src_w}×{plan.src_h}").replace("%3", where)
                    + (" " + self.tr("Drag the frame on the picture, or use the arrow keys.") if mx or my else " "))
        else:
            ow, oh = plan.output_size
            pw, ph = plan.picture_in_output
            scaled = (self.tr(", scaled down to %1,").replace("%1", f"{pw}×{ph}")
                      if (pw, ph) != (plan.src_w, plan.src_h) else "")
            text = (self.tr("Result %1: the whole %2 picture%3 in the middle; AI fills the hatched %4 % around it.")
                    .replace("%1", f"{ow}×{oh}").replace("%2", f"{plan.src_w}×{plan.src_h}").replace("%3", scaled)
                    .replace("%4", f"{plan.added_fraction() * 100:.0f}"))
        self.frame_label.setText(text)
        self.centre_button.setEnabled((mx or my) and not plan.is_centered)

    # ==== the trimmer and its overlay =============================================================
    def _ensure_trimmer(self) -> Any:
        tr = super()._ensure_trimmer()
        if self.overlay is None:
            from ..video.frame_overlay import FrameOverlay

            self.overlay = FrameOverlay(tr.player)
            self.overlay.planChanged.connect(self._frame_moved)
            note = getattr(tr.player, "message", "")
            if note:
                self.overlay.set_note(note)
            tr.player.set_overlay(self.overlay)
        return tr

    async def _load_in_trimmer(self, item: VideoItem) -> None:
        await super()._load_in_trimmer(item)
        if self.current is item and self.overlay is not None:
            self._sync_overlay()
            self._spawn(self._load_still(item), "reframe-still")

    async def _load_still(self, item: VideoItem) -> None:
        """A still of the clip for the overlay until the player shows a frame (or when it cannot)."""
        from ...media.poster import poster_png

        w, h = source_size(item)
        data = await asyncio.to_thread(poster_png, item.path, max(2, min(w, 960)), max(2, min(h, 960)))
        if data and self.current is item and self.overlay is not None:
            img = QImage.fromData(data)
            with contextlib.suppress(RuntimeError):
                self.overlay.set_still(img)

    def clear_videos(self) -> None:
        super().clear_videos()
        self.crop_focus.clear()
        if self.overlay is not None:
            self.overlay.clear()
        self._sync_overlay()

    def _update(self) -> None:
        super()._update()
        if hasattr(self, "frame_label") and self.overlay is not None and self.overlay.plan is None:
            self._sync_overlay()

    def price_text(self) -> str:
        p = self.ctx.vimmerse_pricing
        try:
            crop = p.credits(App.CROP.app_name, duration=5)
            ref = p.credits(App.REFRAME.app_name, duration=5)
        except Exception:  # an edited table without these rows: the cost line still says
            return super().price_text()
        return (self.tr("Crop: %1 and AI Reframe: %2 Vimmerse credits per started 5 s "
                        "(local price table, editable in Settings).").replace("%1", f"{crop:g}").replace("%2", f"{ref:g}"))


def create(ctx: ToolContext) -> QWidget:
    return ReframePage(ctx, tool("reframe"))


__all__ = ["CROP", "REFRAME", "ReframePage", "create"]
