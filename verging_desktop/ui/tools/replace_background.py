"""The Replace Background tab (Vimmerse): put the person in a video over a new background.

Drop the video (trimmed with the trimmer, cut before upload), then choose exactly one new
background: an image, a video, or a prompt Vimmerse makes one from. Place the person: alignment
(left, centre, right; standing on the bottom edge), scale (the share of the background's height,
slider and number), offsets, and the key: the backdrop colour found by Vimmerse ("origin",
Automatic) or picked from the frame with the colour picker (click the person's backdrop in the
preview), and the tolerance. The preview draws the video's frame scaled and aligned over the
background as :func:`verging_desktop.services.vimmerse_background.placement` places it (the app's
model of the route's fields; it does not key). When the job is done, the compare view shows the
uploaded cut against the result; save it or send it to another tool.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QLinearGradient, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QBoxLayout,
    QButtonGroup,
    QColorDialog,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QSizePolicy,
    QSlider,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...api.vimmerse.models import ALIGNMENTS
from ...core.errors import InputError
from ...core.tools import tool
from ...services import vimmerse_background as rb
from .vimmerse_slots import MediaSlot
from .vimmerse_tab import OneOf, Plan, VimmerseTab

if TYPE_CHECKING:  # pragma: no cover
    from ..context import ToolContext

ALIGN_LABELS = {"center": QT_TRANSLATE_NOOP("ReplaceBackgroundPage", "Centre"), "left": QT_TRANSLATE_NOOP("ReplaceBackgroundPage", "Left"), "right": QT_TRANSLATE_NOOP("ReplaceBackgroundPage", "Right")}
BG_LABELS = {rb.BG_IMAGE: QT_TRANSLATE_NOOP("ReplaceBackgroundPage", "An image"), rb.BG_VIDEO: QT_TRANSLATE_NOOP("ReplaceBackgroundPage", "A video"),
             rb.BG_PROMPT: QT_TRANSLATE_NOOP("ReplaceBackgroundPage", "A prompt")}


class PlacementPreview(QWidget):
    """The video's frame over the background, as the placement puts it (see the module docstring).

    With :attr:`picking` on, a click on the frame picks the colour under the mouse (``colorPicked``).

    Signals:
        colorPicked(object): an ``(r, g, b)`` tuple picked from the frame.
    """

    colorPicked = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("placementPreview")
        self.fg: QImage | None = None
        self.fg_size = (0, 0)
        self.bg: QImage | None = None
        self.bg_size = (0, 0)
        self.bg_text = ""
        self.scale = rb.DEFAULT_SCALE
        self.alignment = "center"
        self.offsets = (0, 0)
        self.key: tuple[int, int, int] | None = None
        self.picking = False
        self.setMinimumSize(200, 130)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setToolTip(self.tr("Where the person lands on the new background (a sketch: the backdrop is not keyed here)"))

    def sizeHint(self) -> QSize:
        return QSize(360, 200)

    def canvas_size(self) -> tuple[int, int]:
        """The background's size (the video's for a prompt: Vimmerse makes one that size)."""
        if self.bg_size[0] > 0 and self.bg_size[1] > 0:
            return self.bg_size
        return self.fg_size if self.fg_size[0] > 0 else (1280, 720)

    def set_state(self, **kw: Any) -> None:
        for k, v in kw.items():
            setattr(self, k, v)
        self.setCursor(Qt.CursorShape.CrossCursor if self.picking else Qt.CursorShape.ArrowCursor)
        self.update()

    def _frame(self) -> tuple[QRectF, float]:
        """The background's rectangle in the widget and its scale (widget px per background px)."""
        cw, ch = self.canvas_size()
        s = min((self.width() - 2) / cw, (self.height() - 2) / ch)
        w, h = cw * s, ch * s
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h), s

    def fg_rect(self) -> QRectF | None:
        """Where the foreground is drawn in the widget (None without a video)."""
        fw, fh = self.fg_size
        if fw <= 0 or fh <= 0:
            return None
        cw, ch = self.canvas_size()
        r = rb.placement(fw, fh, cw, ch, scale=self.scale, alignment=self.alignment,
                         x_offset=self.offsets[0], y_offset=self.offsets[1])
        frame, s = self._frame()
        return QRectF(frame.x() + r.x * s, frame.y() + r.y * s, r.w * s, r.h * s)

    def paintEvent(self, e: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        frame, _s = self._frame()
        if self.bg is not None and not self.bg.isNull():
            p.drawImage(frame, self.bg)
        else:
            g = QLinearGradient(frame.topLeft(), frame.bottomRight())
            g.setColorAt(0, QColor("#3b4a6b"))
            g.setColorAt(1, QColor("#8a5a7a"))
            p.fillRect(frame, g)
            if self.bg_text:
                p.setPen(QColor("#f0f0f0"))
                p.drawText(frame.adjusted(8, 8, -8, -8), Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft
                           | Qt.TextFlag.TextWordWrap, self.bg_text)
        p.save()
        p.setClipRect(frame)
        r = self.fg_rect()
        if r is not None:
            if self.fg is not None and not self.fg.isNull():
                p.setOpacity(0.9)
                p.drawImage(r, self.fg)
                p.setOpacity(1.0)
            pen = QPen(QColor("#ffd54a"), 1.5, Qt.PenStyle.DashLine)
            p.setPen(pen)
            p.drawRect(r)
        p.restore()
        if self.key is not None:
            p.setPen(QPen(QColor("#202020"), 1))
            p.setBrush(QColor(*self.key))
            p.drawRect(QRectF(frame.right() - 22, frame.top() + 6, 16, 16))
        p.end()

    def color_at(self, pos: QPointF) -> tuple[int, int, int] | None:
        """The colour of the video's frame under ``pos`` (None outside it)."""
        r = self.fg_rect()
        if r is None or self.fg is None or self.fg.isNull() or not r.contains(pos):
            return None
        x = int((pos.x() - r.x()) / r.width() * self.fg.width())
        y = int((pos.y() - r.y()) / r.height() * self.fg.height())
        c = self.fg.pixelColor(min(self.fg.width() - 1, max(0, x)), min(self.fg.height() - 1, max(0, y)))
        return c.red(), c.green(), c.blue()

    def mousePressEvent(self, e: QMouseEvent) -> None:
        if self.picking and e.button() == Qt.MouseButton.LeftButton:
            c = self.color_at(e.position())
            if c is not None:
                self.colorPicked.emit(c)
                e.accept()
                return
        super().mousePressEvent(e)


class ReplaceBackgroundPage(VimmerseTab):
    submit_word = QT_TRANSLATE_NOOP("ReplaceBackgroundPage", "Replace background")
    compare_first = True

    def __init__(self, ctx: ToolContext) -> None:
        self.key_color: tuple[int, int, int] | None = None
        self.submit_word = QCoreApplication.translate("ReplaceBackgroundPage", "Replace background")
        super().__init__(ctx, tool("replace-background"))
        self._preview_changed()

    # ==== construction ==============================================================================
    def build_inputs(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        lay.setContentsMargins(0, 0, 0, 0)
        spawn = self.ctx.spawn
        self.video = MediaSlot(self.tr("Video"), self.tr("Drop the video of the person (a plain backdrop keys best)"),
                               ("video",), spawn=spawn)
        self.video.setObjectName("videoSlot")
        self.video.changed.connect(self._video_changed)

        self.bg_buttons: dict[str, QRadioButton] = {}
        self.bg_group = QButtonGroup(self)
        choose = QHBoxLayout()
        choose.addWidget(QLabel(self.tr("<b>New background:</b>")))
        for kind in rb.BG_KINDS:
            b = QRadioButton(self.tr(BG_LABELS[kind]))
            b.setObjectName(f"bg-{kind}")
            self.bg_group.addButton(b)
            self.bg_buttons[kind] = b
            b.toggled.connect(lambda on, k=kind: on and self._bg_kind_changed(k))
            choose.addWidget(b)
        choose.addStretch(1)
        self.bg_image = MediaSlot(self.tr("Background image"), self.tr("Drop the picture to put behind the person"),
                                  ("image",), spawn=spawn)
        self.bg_image.setObjectName("bgImageSlot")
        self.bg_video = MediaSlot(self.tr("Background video"), self.tr("Drop the video to put behind the person"),
                                  ("video",), spawn=spawn)
        self.bg_video.setObjectName("bgVideoSlot")
        for slot in (self.bg_image, self.bg_video):
            slot.changed.connect(self._preview_changed)
        self.prompt = QPlainTextEdit()
        self.prompt.setObjectName("bgPrompt")
        self.prompt.setPlaceholderText(self.tr("Describe the new background: \"a sunny beach at noon\"…"))
        self.prompt.textChanged.connect(self._preview_changed)
        self.bg_stack = OneOf()
        self.none_label = QLabel(self.tr("Choose the new background above: an image, a video, or a prompt."))
        self.none_label.setWordWrap(True)
        self.none_label.setEnabled(False)
        for page in (self.none_label, self.bg_image, self.bg_video, self.prompt):
            self.bg_stack.addWidget(page)
        # the choice of background on its own line above the two slots (they stay side by side)
        lay.addLayout(choose)
        row = QHBoxLayout()
        row.addWidget(self.video, 1)
        row.addWidget(self.bg_stack, 1)
        lay.addLayout(row, 1)
        lay.addWidget(self.make_trimmer_box(self.tr("The video is trimmed here: mark the part to send.")))
        self.trimmer_box.hide()

        # placement
        self.align = QComboBox()
        self.align.setObjectName("alignment")
        for a in ALIGNMENTS:
            self.align.addItem(self.tr(ALIGN_LABELS[a]) if a in ALIGN_LABELS else a, a)
        self.align.currentIndexChanged.connect(lambda _i: self._preview_changed())
        self.scale_slider = QSlider(Qt.Orientation.Horizontal)
        self.scale_slider.setObjectName("scaleSlider")
        self.scale_slider.setRange(int(rb.MIN_SCALE * 100), int(rb.MAX_SCALE * 100))
        self.scale_slider.setToolTip(self.tr("How tall the person is: a share of the background's height"))
        self.scale_spin = QDoubleSpinBox()
        self.scale_spin.setObjectName("scaleSpin")
        self.scale_spin.setRange(rb.MIN_SCALE, rb.MAX_SCALE)
        self.scale_spin.setDecimals(4)
        self.scale_spin.setSingleStep(0.05)
        self.scale_spin.setValue(rb.DEFAULT_SCALE)
        self.scale_slider.setValue(round(rb.DEFAULT_SCALE * 100))
        self.scale_slider.valueChanged.connect(self._slider_moved)
        self.scale_spin.valueChanged.connect(self._spin_changed)
        self.x_off = QSpinBox()
        self.x_off.setObjectName("xOffset")
        self.y_off = QSpinBox()
        self.y_off.setObjectName("yOffset")
        for sp, tip in ((self.x_off, self.tr("Move right (negative: left), in pixels of the background")),
                        (self.y_off, self.tr("Move down (negative: up), in pixels of the background"))):
            sp.setRange(-rb.MAX_OFFSET, rb.MAX_OFFSET)
            sp.setSuffix(" " + self.tr("px", "pixels"))
            sp.setToolTip(tip)
            sp.valueChanged.connect(lambda _v: self._preview_changed())
        # the key
        self.key_auto = QRadioButton(self.tr("Automatic", "the key colour"))
        self.key_auto.setObjectName("keyAuto")
        self.key_auto.setToolTip(self.tr("Vimmerse finds the backdrop's colour (chroma_key_color \"origin\")"))
        self.key_picked = QRadioButton(self.tr("Picked", "the key colour"))
        self.key_picked.setObjectName("keyPicked")
        self.key_auto.setChecked(True)
        self.key_auto.toggled.connect(lambda _on: self._key_changed())
        self.pick_button = QToolButton()
        self.pick_button.setObjectName("pickColor")
        self.pick_button.setText(self.tr("Pick from the frame"))
        self.pick_button.setCheckable(True)
        self.pick_button.setToolTip(self.tr("Then click the backdrop behind the person in the preview"))
        self.pick_button.toggled.connect(lambda on: self.preview.set_state(picking=on))
        self.swatch = QToolButton()
        self.swatch.setObjectName("keySwatch")
        self.swatch.setToolTip(self.tr("Choose the key colour in a colour dialog"))
        self.swatch.setMinimumSize(QSize(28, 22))
        self.swatch.clicked.connect(self._choose_color)
        self.tol_slider = QSlider(Qt.Orientation.Horizontal)
        self.tol_slider.setObjectName("toleranceSlider")
        self.tol_slider.setRange(int(rb.MIN_TOLERANCE * 100), int(rb.MAX_TOLERANCE * 100))
        self.tol_slider.setValue(round(rb.DEFAULT_TOLERANCE * 100))
        self.tol_slider.setToolTip(self.tr("How far from the key colour still counts as backdrop"))
        self.tol_label = QLabel()
        self.tol_slider.valueChanged.connect(lambda _v: self._key_changed())

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        srow = QHBoxLayout()
        srow.addWidget(self.scale_slider, 1)
        srow.addWidget(self.scale_spin)
        orow = QHBoxLayout()
        orow.addWidget(self.align, 1)
        orow.addWidget(QLabel(self.tr("x")))
        orow.addWidget(self.x_off)
        orow.addWidget(QLabel(self.tr("y")))
        orow.addWidget(self.y_off)
        krow = QHBoxLayout()
        krow.addWidget(self.key_auto)
        krow.addWidget(self.key_picked)
        krow.addWidget(self.swatch)
        krow.addStretch(1)
        prow = QHBoxLayout()
        prow.addWidget(self.pick_button)
        prow.addStretch(1)
        trow = QHBoxLayout()
        trow.addWidget(self.tol_slider, 1)
        trow.addWidget(self.tol_label)
        form.addRow(self.tr("Align:"), orow)
        form.addRow(self.tr("Scale:"), srow)
        form.addRow(self.tr("Key colour:"), krow)
        form.addRow("", prow)
        form.addRow(self.tr("Tolerance:"), trow)
        self.preview = PlacementPreview()
        self.preview.colorPicked.connect(self._picked)
        # the options beside the preview; one above the other in a narrow window (see resizeEvent)
        self.options_row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        ow = QWidget()
        ow.setObjectName("placementOptions")
        ow.setLayout(form)
        self.options_row.addWidget(ow, 3)
        self.options_row.addWidget(self.preview, 2)
        lay.addLayout(self.options_row)
        self._key_changed(refresh=False)
        return w

    #: below this page width the preview goes under the placement options
    NARROW_WIDTH = 760

    def resizeEvent(self, e: Any) -> None:
        super().resizeEvent(e)
        want = (QBoxLayout.Direction.TopToBottom if self.width() < self.NARROW_WIDTH
                else QBoxLayout.Direction.LeftToRight)
        if self.options_row.direction() != want:
            self.options_row.setDirection(want)
            self.preview.setMinimumHeight(150 if want == QBoxLayout.Direction.TopToBottom else 130)

    # ==== reacting ==================================================================================
    @property
    def bg_kind(self) -> str:
        for k, b in self.bg_buttons.items():
            if b.isChecked():
                return k
        return ""

    def _bg_kind_changed(self, kind: str) -> None:
        self.bg_stack.setCurrentIndex(1 + rb.BG_KINDS.index(kind))
        self._preview_changed()

    def _video_changed(self) -> None:
        f = self.video.ready_file
        self.trimmer_box.setVisible(f is not None)
        self.show_in_trimmer(f.path if f else None, f.info if f else None)
        if f is None or f.path != getattr(self, "_key_source", None):
            # a colour picked from another video's frame does not key this one
            self.key_color = None
            self.key_auto.setChecked(True)
        self._preview_changed()

    def _slider_moved(self, v: int) -> None:
        if abs(self.scale_spin.value() * 100 - v) >= 0.5:
            self.scale_spin.setValue(v / 100.0)

    def _spin_changed(self, v: float) -> None:
        if self.scale_slider.value() != round(v * 100):
            was = self.scale_slider.blockSignals(True)
            self.scale_slider.setValue(round(v * 100))
            self.scale_slider.blockSignals(was)
        self._preview_changed()

    @property
    def tolerance(self) -> float:
        return self.tol_slider.value() / 100.0

    def _key_changed(self, refresh: bool = True) -> None:
        c = self.key_color
        self.swatch.setStyleSheet(f"background: rgb({c[0]},{c[1]},{c[2]});" if c else "")
        self.swatch.setText("" if c else self.tr("Colour…"))
        self.key_picked.setEnabled(c is not None)
        self.tol_label.setText(rb.tolerance_text(self.tolerance))
        if refresh:
            self._preview_changed()

    def _picked(self, rgb: tuple[int, int, int]) -> None:
        self.key_color = tuple(rgb)  # type: ignore[assignment]
        f = self.video.ready_file
        self._key_source = f.path if f else None
        self.pick_button.setChecked(False)
        self.key_picked.setEnabled(True)
        self.key_picked.setChecked(True)
        self._key_changed()

    def _choose_color(self) -> None:
        start = QColor(*self.key_color) if self.key_color else QColor(0, 177, 64)
        d = QColorDialog(start, self)
        d.setWindowTitle(self.tr("Key colour"))
        d.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        d.colorSelected.connect(lambda c: self._picked((c.red(), c.green(), c.blue())))
        d.open()

    def _preview_changed(self) -> None:
        f = self.video.ready_file
        kind = self.bg_kind
        bg_file = {rb.BG_IMAGE: self.bg_image.ready_file, rb.BG_VIDEO: self.bg_video.ready_file}.get(kind)
        text = ""
        if kind == rb.BG_PROMPT:
            text = self.prompt.toPlainText().strip() or self.tr("Vimmerse makes the background from your prompt")
        elif not kind:
            text = self.tr("Choose a background")
        self.preview.set_state(fg=f.preview if f else None, fg_size=(f.width, f.height) if f else (0, 0),
                               bg=bg_file.preview if bg_file else None,
                               bg_size=(bg_file.width, bg_file.height) if bg_file else (0, 0), bg_text=text,
                               scale=self.scale_spin.value(), alignment=str(self.align.currentData()),
                               offsets=(self.x_off.value(), self.y_off.value()),
                               key=self.key_color if self.key_picked.isChecked() else None)
        self.refresh()

    # ==== planning ==================================================================================

    def plan(self) -> Plan:
        problem = self.video.problem(self.tr("video"))
        if problem:
            raise InputError(problem)
        v = self.video.ready_file
        if v is None or v.info is None:
            raise InputError(self.tr("Drop the video whose background to replace."))
        kind = self.bg_kind
        bg_file = None
        if kind in (rb.BG_IMAGE, rb.BG_VIDEO):
            slot = self.bg_image if kind == rb.BG_IMAGE else self.bg_video
            problem = slot.problem(self.tr("background image") if kind == rb.BG_IMAGE else self.tr("background video"))
            if problem:
                raise InputError(problem)
            bg_file = slot.ready_file
        extra: dict[str, object] = {}
        cut = self.video_cut(v.path, v.info, extra)
        key = self.key_color if self.key_picked.isChecked() else None
        req = rb.replace_background_request(video=str(v.path), bg_kind=kind,
                                            background=str(bg_file.path) if bg_file else "",
                                            prompt=self.prompt.toPlainText(), scale=self.scale_spin.value(),
                                            alignment=str(self.align.currentData()), x_offset=self.x_off.value(),
                                            y_offset=self.y_off.value(), key_color=key, tolerance=self.tolerance)
        req = self.checked(req, v, bg_file)
        over = bg_file.name if bg_file else f"\u201c{req.prompt[:40]}\u201d"
        digests = [v.digest, bg_file.digest if bg_file else ""]
        return Plan(request=req, seconds=round(cut.length, 3), title=self.tr("%1 over %2").replace("%1", v.name).replace("%2", over), input_name=v.name,
                    key=self.job_key(req, digests, cut.length, cut), video=cut,  # type: ignore[arg-type]
                    detail=self.tr("%1–%2 s · %3, scale %4").replace("%1", f"{cut.start:.1f}")
                    .replace("%2", f"{cut.end:.1f}").replace("%4", str(req.overlay_scale))
                    .replace("%3", self.tr(ALIGN_LABELS[req.alignment]) if req.alignment in ALIGN_LABELS
                             else req.alignment), extra=extra)

    def cost_detail(self, plan: Plan) -> str:
        return (self.tr(" — for %1 s of video%2").replace("%1", f"{plan.seconds:.1f}").replace("%2", self.blocks_text())
                if plan.seconds else "")

    # ==== hand-offs =================================================================================
    def accept_handoff(self, path: str) -> bool:
        """A video from another tool becomes the video; an image the background image."""
        from ...core import filetypes as ft

        p = Path(path)
        kind = ft.sniff(p) if p.is_file() else None
        if kind in ("jpeg", "png", "webp", "gif", "bmp", "tiff"):
            self.bg_buttons[rb.BG_IMAGE].setChecked(True)
            self.bg_image.set_file(p)
            return True
        if kind in ("mp4", "webm", "avi", "mpeg", "mpegts"):
            self.video.set_file(p)
            return True
        return False

    def shutdown(self) -> None:
        for slot in (self.video, self.bg_image, self.bg_video):
            slot.shutdown()
        super().shutdown()


def create(ctx: ToolContext) -> QWidget:
    return ReplaceBackgroundPage(ctx)
