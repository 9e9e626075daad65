"""The Image Generation tab: a prompt, model, size, quality and count with a live cost, and a gallery
of every image made in this session (view large, save, copy, use as face, remove background, ask
Vision about it). A content-policy refusal is shown as such in the tab.

Two providers make images here (:class:`~verging_desktop.ui.widgets.provider_choice.ProviderChoice`,
each with its cost beside it): Verging (gpt-image-1: size, quality, count) or varg (flux-schnell,
flux-pro, nano-banana-pro, recraft-v3, soul: an aspect ratio and, for the models that take one, a
reference image). A varg image goes through the job queue
(:class:`~verging_desktop.ui.tools.varg_choice.VargSide`) and lands in the same gallery; the line
under the button says what it came to ("From cache: free", "Charged 0.3 ¢ ($0.003), estimate 0.3 ¢").
"""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import (
    QGuiApplication,
    QImage,
    QKeySequence,
    QPixmap,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ...core import filetypes as ft
from ...core.errors import VergingError
from ...core.i18n import _
from ...core.submissions import fingerprint
from ...core.tools import tool
from ...services.files import copy_result
from ..plural import credits, plural
from ..widgets.ai_common import (
    CallRunner,
    DropZone,
    PromptEdit,
    add_call_status,
    choose_save_path,
    two_panes,
)
from ..widgets.ai_handoff import hand_off
from ..widgets.combo_fit import fit_names
from ..widgets.header import tool_page_header
from ..widgets.photo_icon import photo_icon
from ..widgets.provider_choice import ProviderChoice, one_place
from ..widgets.submit_guard import SubmitGuard
from .varg_choice import VargSide
from .varg_outcome import reserve_lines

if TYPE_CHECKING:  # pragma: no cover
    from ...api.varg.models import VargRequest
    from ...jobs.store import JobRecord
    from ..context import ToolContext

MODELS = ("gpt-image-1",)
SIZES = ("1024x1024", "1024x1536", "1536x1024", "auto")
QUALITIES = ("auto", "standard", "hd")
THUMB = 176
PATH_ROLE = Qt.ItemDataRole.UserRole
PROMPT_ROLE = Qt.ItemDataRole.UserRole + 1
#: the providers of this tab, in order
PROVIDERS = [("verging", "Verging (gpt-image-1)"), ("varg", "varg")]
IMAGE_FILTER = "Images (*.png *.jpg *.jpeg *.webp);;All files (*)"


def _thumbnail(path: str, size: int) -> QImage:
    """Load and scale an image (runs in a worker thread: QImage is safe off the GUI thread)."""
    img = QImage(path)
    if img.isNull():
        return img
    return img.scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)


class ReferenceDrop(DropZone):
    """The varg reference image: drop or Browse, then a thumbnail and the name (elided in the middle,
    the full path in the tooltip) with Browse… and Remove in one row. No text wraps in it, so its
    height is the same empty or full, at any width."""

    THUMB = 40

    def __init__(self, placeholder: str, file_filter: str = "") -> None:
        super().__init__(placeholder, file_filter)
        self.setMinimumHeight(0)
        old = self.layout()
        while old.count():  # the base's label over a centred Browse: rebuilt as one compact grid
            item = old.takeAt(0)
            inner = item.layout()
            if inner is not None:
                while inner.count():
                    inner.takeAt(0)
                inner.deleteLater()
        QWidget().setLayout(old)  # drop the old layout (a widget keeps one layout)
        self.label.setWordWrap(False)
        self.label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.label.setMinimumWidth(40)
        self.label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.thumb = QLabel()
        self.thumb.setObjectName("vargReferenceThumb")
        self.thumb.setFixedSize(self.THUMB, self.THUMB)
        self.thumb.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumb.hide()
        self.remove = QPushButton(self.tr("Remove"))
        self.remove.setObjectName("vargReferenceClear")
        self.remove.setToolTip(self.tr("Make the image from the prompt alone"))
        self.remove.hide()
        grid = QGridLayout(self)
        grid.setContentsMargins(8, 6, 8, 6)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)
        grid.addWidget(self.thumb, 0, 0, 2, 1, Qt.AlignmentFlag.AlignVCenter)
        grid.addWidget(self.label, 0, 1)
        row = QHBoxLayout()
        row.setSpacing(6)
        row.addWidget(self.browse)
        row.addWidget(self.url_button)
        row.addWidget(self.remove)
        row.addStretch(1)
        grid.addLayout(row, 1, 1)
        grid.addWidget(self.remote, 2, 0, 1, 2)  # a download from a web address (hidden when idle)
        grid.setColumnStretch(1, 1)
        # the thumbnail's room is kept when there is none: the box does not change height
        grid.setRowMinimumHeight(0, self.label.sizeHint().height())
        self._full = placeholder

    def set_path(self, path: str | None, text: str | None = None) -> None:
        self.path = path or None
        self._full = text or (self.display_name(path) if path else self.placeholder)
        self.setToolTip(str(path) if path else "")
        self.label.setToolTip(str(path) if path else self.placeholder)
        pix = QPixmap()
        if path:
            img = _thumbnail(str(path), self.THUMB)
            if not img.isNull():
                pix = QPixmap.fromImage(img)
        self.thumb.setPixmap(pix)
        self.thumb.setVisible(bool(path))
        self.remove.setVisible(bool(path))
        # From URL… while empty, Remove once filled: the row keeps its width (a 1024 px window)
        self.url_button.setVisible(self.remote.enabled and not path)
        self._elide()

    def full_text(self) -> str:
        return self._full

    def _elide(self) -> None:
        room = max(10, self.label.contentsRect().width())
        shown = self.label.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideMiddle, room)
        self.label.setText(shown)
        self.label.setProperty("fullText", self._full)

    def sizeHint(self) -> QSize:
        return self.minimumSizeHint()

    def resizeEvent(self, e: Any) -> None:
        super().resizeEvent(e)
        self._elide()

    def showEvent(self, e: Any) -> None:
        super().showEvent(e)
        self._elide()


class ImageViewer(QDialog):
    """A large view of one image (non-modal)."""

    def __init__(self, path: str, prompt: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("imageViewer")
        self.setWindowTitle(Path(path).name)
        self.path = path
        lay = QVBoxLayout(self)
        self.image = QLabel()
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        pix = QPixmap(path)
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        maxw = int(screen.width() * 0.8) if screen else 1000
        maxh = int(screen.height() * 0.75) if screen else 700
        if not pix.isNull() and (pix.width() > maxw or pix.height() > maxh):
            pix = pix.scaled(maxw, maxh, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
        self.image.setPixmap(pix)
        area = QScrollArea()
        area.setWidget(self.image)
        area.setWidgetResizable(True)
        cap = QLabel(prompt)
        cap.setWordWrap(True)
        cap.setEnabled(False)
        lay.addWidget(area, 1)
        lay.addWidget(cap)
        self.resize(min(maxw, max(480, pix.width() + 40)), min(maxh + 80, max(400, pix.height() + 90)))


class ImageGenerationTab(QWidget):
    def __init__(self, ctx: ToolContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("imageGenerationTab")
        self.out_dir = Path(ctx.dirs.data) / "generated images"
        self.viewer: ImageViewer | None = None
        self.file_dialog: Any = None
        self.last_charged: float | None = None

        # -- left: the request ----------------------------------------------------------------
        left = QWidget()
        left.setMinimumWidth(300)  # with the results pane, fits a 1024 px window beside the Job Queue
        left.setMaximumWidth(460)
        ll = QVBoxLayout(left)
        ll.addWidget(tool_page_header("image-generation"))
        self.prompt = PromptEdit(self.tr("Describe the image: subject, style, light, colours…  (Ctrl+Enter to generate)"))
        self.prompt.setObjectName("imagePrompt")
        self.prompt.setMinimumHeight(120)
        self.prompt.submitted.connect(self.generate)
        ll.addWidget(self.prompt, 2)
        form = QFormLayout()
        self.form = form
        self.providers = ProviderChoice(stacked=True)  # each cost under its radio: room for it
        self.providers.set_providers([("verging", self.tr("Verging (gpt-image-1)")), ("varg", self.tr("varg"))])
        self.providers.setToolTip(self.tr("Who makes the image; what each costs for these settings is beside it"))
        form.addRow(self.tr("Provider"), self.providers)
        self.model = QComboBox()
        self.model.setEditable(True)
        for m in MODELS:  # model ids: the words stay, the data is the id
            self.model.addItem(self.tr("gpt-image-1") if m == "gpt-image-1" else m, m)
        self.size = QComboBox()
        for s in SIZES:
            self.size.addItem(self.tr("auto", "image size") if s == "auto" else s, s)
        self.quality = QComboBox()
        quality_words = {"auto": self.tr("auto", "image quality"), "standard": self.tr("standard", "image quality"),
                         "hd": self.tr("hd", "image quality")}
        for q in QUALITIES:
            self.quality.addItem(quality_words.get(q, q), q)
        self.quality.setToolTip(self.tr("auto and standard cost the same; HD costs more"))
        self.count = QSpinBox()
        self.count.setRange(1, 4)
        self.count.valueChanged.connect(self._count_suffix)
        self._count_suffix(self.count.value())
        form.addRow(self.tr("Model"), self.model)
        form.addRow(self.tr("Size"), self.size)
        form.addRow(self.tr("Quality"), self.quality)
        form.addRow(self.tr("Count"), self.count)
        # -- varg's settings (shown when varg is chosen)
        from ...core.varg_models import DEFAULTS, IMAGE_ASPECTS, Capability, models_for

        self.varg_model = QComboBox()
        self.varg_model.setObjectName("vargImageModel")
        for m in models_for(Capability.IMAGE, kind="varg-image"):  # not background-remover
            # the model's name, as on the other tabs ("Nano Banana Pro"; "nano-banana-pro (Nano
            # Banana Pro)" was cut at 1024 px); its id, what the CLI takes, in the tooltip
            self.varg_model.addItem(m.shown_name, m.id)
            tip = f"{m.id}: {m.shown_summary}" if m.summary else m.id
            self.varg_model.setItemData(self.varg_model.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
        fit_names(self.varg_model)
        self.varg_model.setCurrentIndex(max(0, self.varg_model.findData(DEFAULTS["image"])))
        self.aspect = QComboBox()
        self.aspect.setObjectName("vargAspect")
        self.aspect.addItems(IMAGE_ASPECTS)
        self.reference = ReferenceDrop(self.tr("Optional: drop an image here"),
                                       self.tr("Images (*.png *.jpg *.jpeg *.webp);;All files (*)"))
        self.reference.setAccessibleName(self.tr("Reference image (varg)"))
        self.reference.fileDropped.connect(self.set_reference)
        self.reference.enable_remote(ctx, "image")
        self.reference_clear = self.reference.remove
        self.reference_clear.clicked.connect(lambda: self.set_reference(None))
        # the row stays when the model takes no reference (its note instead): the form keeps its height
        self.reference_none = QLabel()
        self.reference_none.setObjectName("vargReferenceNone")
        self.reference_none.setWordWrap(True)
        self.reference_none.setEnabled(False)
        ref = QStackedWidget()
        ref.addWidget(self.reference)
        ref.addWidget(self.reference_none)
        self.reference_box = ref
        self.reference_path: str | None = None
        form.addRow(self.tr("Model"), self.varg_model)
        form.addRow(self.tr("Aspect ratio"), self.aspect)
        form.addRow(self.tr("Reference"), ref)
        # one label column for both providers' rows (its width from the widest, "Aspect ratio"):
        # the provider radios stay under the pointer when a click on one shows the other's rows
        labels = [form.itemAt(i, QFormLayout.ItemRole.LabelRole) for i in range(form.rowCount())]
        label_widgets = [it.widget() for it in labels if it is not None and it.widget() is not None]
        column = max((lw.sizeHint().width() for lw in label_widgets), default=0)
        for lw in label_widgets:
            lw.setMinimumWidth(column)
        ll.addLayout(form)
        #: the room one provider's settings take less than the other's: the button stays put on a switch
        self.settings_pad = QWidget()
        self.settings_pad.setObjectName("settingsPad")
        self.settings_pad.setFixedHeight(0)
        ll.addWidget(self.settings_pad)
        self._rows_height: dict[str, int] = {}
        self.cost = QLabel()
        self.cost.setObjectName("aiCost")
        self.cost.setWordWrap(True)
        reserve_lines(self.cost, 2)  # a longer estimate never pushes the button down
        self.generate_btn = QPushButton(self.tr("Generate"))
        self.generate_btn.setObjectName("aiGenerate")
        self.generate_btn.setDefault(True)
        self.generate_btn.setToolTip(self.tr("Generate (Ctrl+Enter)"))
        self.generate_btn.clicked.connect(self.generate)
        #: varg: its runner, busy bar and outcome line (the estimate, then what it came to), where
        #: Verging's estimate is
        self.varg = VargSide(ctx, self.providers, self.generate_btn, parent=self)
        ll.addWidget(one_place(self.cost, self.varg.outcome))
        ll.addWidget(self.varg.time_label)
        ll.addWidget(self.generate_btn)
        ll.addWidget(self.varg.busy)
        self.busy, self.error, self.price_label = add_call_status(ll, ctx, "imagegen")
        # Verging's published prices keep their room under the button with varg too: the prompt above
        # does not grow or shrink (and move the button) on a provider switch
        sp = self.price_label.sizePolicy()
        sp.setRetainSizeWhenHidden(True)
        self.price_label.setSizePolicy(sp)
        ll.addStretch(1)

        # -- right: the gallery ---------------------------------------------------------------
        right = QWidget()
        rl = QVBoxLayout(right)
        self.gallery_title = QLabel(self.tr("<b>This session's images</b>"))
        rl.addWidget(self.gallery_title)
        self.empty = QLabel(self.tr("No images yet. Write a prompt and press Generate; every image you make in this "
                                    "session stays here, newest first."))
        self.empty.setObjectName("aiEmpty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setEnabled(False)
        self.gallery = QListWidget()
        self.gallery.setObjectName("imageGallery")
        self.gallery.setViewMode(QListView.ViewMode.IconMode)
        self.gallery.setIconSize(QSize(THUMB, THUMB))
        self.gallery.setGridSize(QSize(THUMB + 24, THUMB + 44))
        self.gallery.setResizeMode(QListView.ResizeMode.Adjust)
        self.gallery.setMovement(QListView.Movement.Static)
        self.gallery.setWordWrap(True)
        self.gallery.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.gallery.itemDoubleClicked.connect(lambda _it: self.view_selected())
        self.gallery.itemSelectionChanged.connect(self._update_actions)
        self.gallery.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.gallery.customContextMenuRequested.connect(self._menu)
        rl.addWidget(self.empty, 1)
        rl.addWidget(self.gallery, 4)
        actions = QGridLayout()  # two rows of three: the tab fits a small screen beside the queue
        self.view_btn = QPushButton(self.tr("View"))
        self.save_btn = QPushButton(self.tr("Save…"))
        self.copy_btn = QPushButton(self.tr("Copy"))
        self.face_btn = QPushButton(self.tr("Use as face"))
        self.bg_btn = QPushButton(self.tr("Remove background"))
        self.vision_btn = QPushButton(self.tr("Ask Vision"))
        buttons = (
            (self.view_btn, self.view_selected, self.tr("Show the image large (double-click)")),
            (self.save_btn, self.save_selected, self.tr("Save a copy where you choose")),
            (self.copy_btn, self.copy_selected, self.tr("Copy the image to the clipboard")),
            (self.face_btn, lambda: self.send_to("face-swap"),
             self.tr("Use this image as the face in %1").replace("%1", _(tool('face-swap').title))),
            (self.bg_btn, lambda: self.send_to("background-removal"),
             self.tr("Cut the subject out in %1").replace("%1", _(tool('background-removal').title))),
            (self.vision_btn, lambda: self.send_to("vision"), self.tr("Ask a question about it in %1").replace("%1", _(tool('vision').title))),
        )
        for i, (b, slot, tip) in enumerate(buttons):
            b.setToolTip(tip)
            b.clicked.connect(slot)
            actions.addWidget(b, i // 3, i % 3)
        actions.setColumnStretch(3, 1)
        rl.addLayout(actions)
        self.note = QLabel()
        self.note.setObjectName("aiNote")
        self.note.setWordWrap(True)
        rl.addWidget(self.note)

        two_panes(self, left, right, (400, 860))

        self.runner = CallRunner(ctx, self.busy, self.error,
                                 [self.generate_btn, self.prompt, self.model, self.size, self.quality, self.count],
                                 parent=self)
        #: one click, one call; asks before the same request is sent again
        self.guard = SubmitGuard(ctx, self.generate_btn, noun="request", parent=self)
        for sig in (self.quality.currentIndexChanged, self.count.valueChanged):
            sig.connect(self.update_cost)
        ctx.session.accountChanged.connect(self.update_cost)
        ctx.session.settingsChanged.connect(self.update_cost)
        for seq in ("Ctrl+Return", "Ctrl+Enter"):
            sc = QShortcut(QKeySequence(seq), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(self.generate)
        QShortcut(QKeySequence("Esc"), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
                  activated=self.runner.cancel)
        self.varg.runner.finished.connect(self._varg_done)
        self.varg.runner.failed.connect(self._varg_failed)
        self.varg.runner.cancelled.connect(self.error.show_info)
        self.varg.runner.started.connect(lambda _lid: self.note.setText(""))
        # while a varg order runs its settings stay as sent
        self.varg.runner.busyChanged.connect(
            lambda on: [w.setEnabled(not on) for w in (self.providers, self.varg_model, self.aspect, self.reference_box)])
        self.varg.keyChanged.connect(lambda _on: self.update_cost())
        self.providers.changed.connect(self._provider_changed)
        for sig in (self.varg_model.currentIndexChanged, self.aspect.currentIndexChanged):
            sig.connect(self._varg_settings_changed)
        self.prompt.textChanged.connect(self._prompt_changed)
        self.varg.remember("image-generation")
        self._provider_changed(self.providers.current())
        self._update_actions()

    # -- provider ----------------------------------------------------------------------------
    @property
    def provider(self) -> str:
        return self.providers.current()

    def _show_rows(self, varg: bool) -> None:
        for w in (self.model, self.size, self.quality, self.count):
            self.form.setRowVisible(w, not varg)
        for w in (self.varg_model, self.aspect, self.reference_box):
            self.form.setRowVisible(w, varg)

    def _pad_settings(self, pid: str) -> None:
        """Pad the shorter provider's settings to the taller one's height (measured once, both at the
        same width: what differs is only their own rows)."""
        if not self._rows_height:
            for p in ("verging", "varg"):
                self._show_rows(p == "varg")
                self.form.invalidate()
                self._rows_height[p] = self.form.sizeHint().height()
            self._show_rows(pid == "varg")
        self.settings_pad.setFixedHeight(max(self._rows_height.values()) - self._rows_height.get(pid, 0))

    def _provider_changed(self, pid: str) -> None:
        varg = pid == "varg"
        self._show_rows(varg)
        self._pad_settings(pid)
        self.cost.setVisible(not varg)
        self.price_label.setVisible(not varg)  # Verging's published prices
        self.varg.outcome.setVisible(varg)
        self._varg_settings_changed()

    def quality_value(self) -> str:
        """The chosen quality as the API names it ("auto", "standard", "hd"), whatever the words shown."""
        return str(self.quality.currentData() or self.quality.currentText())

    def varg_model_id(self) -> str:
        return str(self.varg_model.currentData() or self.varg_model.currentText())

    def _varg_settings_changed(self, *_: Any) -> None:
        """The reference image row only for a model that takes one; the costs again."""
        from ...core.varg_models import find_model

        m = find_model(self.varg_model_id())
        takes = m is not None and m.max_images > 0
        self.form.setRowVisible(self.reference_box, self.provider == "varg")
        self.reference_none.setText(self.tr("%1 takes no reference image.").replace("%1", self.varg_model.currentText()))
        self.reference_box.setCurrentWidget(self.reference if takes else self.reference_none)
        self.update_cost()

    def _prompt_changed(self) -> None:
        if self.provider == "varg":
            self.update_cost()

    def set_reference(self, path: str | None) -> None:
        """The reference image for varg (None: none)."""
        self.reference_path = path or None
        self.reference.set_path(path)
        self.update_cost()

    def varg_request(self) -> VargRequest:
        """What a varg submit would send now (the reference only for a model that takes one)."""
        from ...api.varg.models import VargRequest
        from ...core.varg_models import find_model

        m = find_model(self.varg_model_id())
        files = (self.reference_path,) if self.reference_path and m is not None and m.max_images > 0 else ()
        return VargRequest(kind="varg-image", model=self.varg_model_id(), prompt=self.prompt.text().strip(),
                           aspect_ratio=self.aspect.currentText(), files=files)

    # -- cost --------------------------------------------------------------------------------
    def _count_suffix(self, n: int) -> None:
        """" image" or " images" after the number in the Count box (never "1 image(s)")."""
        self.count.setSuffix(plural(self.tr(" image(s)", "the Count box's suffix after %n", n), n))

    def estimate(self) -> int:
        return self.ctx.pricing.imagegen(self.count.value(), self.quality_value()).credits

    def update_cost(self, *_: Any) -> None:
        est = self.ctx.pricing.imagegen(self.count.value(), self.quality_value())
        acct = self.ctx.session.account
        text = self.tr("Estimate: <b>%1</b> (%2), about $%3").replace("%1", credits(est.credits)).replace(
            "%2", est.detail).replace("%3", f"{self.ctx.pricing.dollars(est.credits):.2f}")
        if acct is not None:
            text += self.tr(" · balance %1").replace("%1", credits(acct.credits))
            if acct.credits < est.credits:
                text += " <span style='color:#d93025'>" + self.tr("(more than your balance)") + "</span>"
        if self.last_charged is not None:
            text += "<br>" + self.tr("Last generation charged <b>%1</b>.").replace("%1", credits(self.last_charged))
        self.cost.setText(text)
        self.providers.set_cost("verging", credits(est.credits), est.detail)
        self.varg.price(self.varg_request())
        n = self.count.value()
        if self.provider == "varg":
            self.generate_btn.setText(self.tr("Generate with varg"))
            return
        # several images are a batch: its count and its total on the button
        self.generate_btn.setText(self.tr("Generate") if n == 1 else
                                  plural(self.tr("Generate %n image(s)", "", n), n) + f" ({credits(est.credits)})")

    # -- generating ------------------------------------------------------------------------
    def generate(self) -> None:
        if self.runner.is_running or self.guard.busy or self.varg.runner.busy:
            return
        prompt = self.prompt.text().strip()
        if not prompt:
            self.error.show_error(self.tr("Write a prompt first: describe the image you want."))
            self.prompt.setFocus()
            return
        if self.provider == "varg":
            self.generate_varg()
            return
        model = str(self.model.currentData() or "").strip() or None
        size = str(self.size.currentData() or self.size.currentText())
        quality = self.quality_value()
        n = self.count.value()
        est = self.estimate()
        client = self.ctx.client
        out_dir = self.out_dir

        async def call() -> tuple[Any, list[tuple[Path, QImage]]]:
            res = await client.imagegen(prompt, model=model, size=size, quality=quality, n=n)
            stamp = time.strftime("%Y%m%d-%H%M%S")
            made: list[tuple[Path, QImage]] = []
            for i, url in enumerate(res.images, 1):
                ext = os.path.splitext(ft.filename_from_url(url, "image.png"))[1] or ".png"
                claimed = ft.reserve_path(out_dir / f"image {stamp} {i}{ext}")
                try:
                    # the file really written: the next free name if another program took this one meanwhile
                    dest = await client.download(url, claimed)
                finally:
                    claimed.with_name(claimed.name + ".part").unlink(missing_ok=True)
                made.append((dest, await asyncio.to_thread(_thumbnail, str(dest), THUMB)))
            return res, made

        def done(result: tuple[Any, list[tuple[Path, QImage]]]) -> None:
            res, made = result
            for path, thumb in reversed(made):
                self._add(path, thumb, prompt, size, quality)
            self.gallery.setCurrentRow(0)
            self.last_charged = res.credits_consumed if res.credits_consumed is not None else float(est)
            self.note.setText(plural(self.tr("%n image(s) made", "", len(made)), len(made)) + self.tr("; charged %1 (estimated %2).").replace(
                "%1", credits(self.last_charged)).replace("%2", credits(est)))
            self.update_cost()

        key = fingerprint("imagegen", prompt=prompt, model=model, size=size, quality=quality, n=n)
        self.note.setText("")
        busy = plural(self.tr("Generating %n image(s)", "", n), n)
        self.runner.run_guarded(self.guard, key, est, call, busy_text=f"{busy} ({credits(est)})…",
                                on_result=done, name="imagegen")

    # -- varg ----------------------------------------------------------------------------------
    def generate_varg(self) -> bool:
        """Send the prompt to varg once (checked first; a double click is one job)."""
        if not self.varg.has_key():
            self.error.show_error(self.tr("Add a varg key first (File > Manage API keys, varg tab), or choose Verging."))
            return False
        req = self.varg_request()
        self.error.clear()
        from ...core.errors import InputError
        from ...services.varg_inputs import ImageTooLarge, check_request

        try:
            check_request(req)
        except ImageTooLarge as e:  # offered a smaller copy instead (nothing is sent)
            path = e.path
            self.error.show_error(self.tr("%1 Nothing was sent.").replace("%1", str(e)), retry=lambda: self.downscale_reference(path),
                                  retry_text=self.tr("Use a smaller copy"))
            return False
        except InputError:
            pass  # the runner says why, in the same words
        short = req.prompt if len(req.prompt) <= 40 else req.prompt[:39] + "…"
        return self.varg.run(req, input_name=short)

    def downscale_reference(self, path: str | Path) -> asyncio.Task[Any]:
        """A smaller copy of the reference image (made with ffmpeg in a worker thread; the original is
        not changed) becomes the reference."""
        from ...core.errors import InputError
        from ...services.varg_inputs import downscale_image

        out_dir = Path(self.ctx.dirs.data) / "downscaled"

        async def go() -> None:
            self.note.setText(self.tr("Making a smaller copy of %1…").replace("%1", Path(path).name))
            try:
                small = await asyncio.to_thread(downscale_image, path, out_dir)
            except (InputError, OSError) as e:
                self.note.setText("")
                self.error.show_error(self.tr("No smaller copy could be made: %1").replace("%1", str(e)))
                return
            self.set_reference(str(small))
            self.note.setText(self.tr("The reference is now %1, a smaller copy (%2 MB) of %3.").replace(
                "%1", small.name).replace("%2", f"{small.stat().st_size / ft.MB:.1f}").replace("%3", Path(path).name))

        return self.ctx.spawn(go(), name="varg-downscale-reference")

    def _varg_done(self, rec: JobRecord) -> None:
        path = Path(rec.result_path or "")
        prompt = str(rec.params.get("prompt") or rec.input_name)
        thumb = _thumbnail(str(path), THUMB)
        self._add(path, thumb, prompt, str(rec.params.get("aspect_ratio") or ""), "",
                  detail=f"varg {rec.params.get('model') or ''}".strip())
        self.gallery.setCurrentRow(0)
        self.note.setText(self.tr("1 image made with varg %1.").replace("%1", str(rec.params.get("model") or "")))
        self.update_cost()  # the same request again is probably from the cache now

    def show_job(self, local_id: int) -> None:
        """The queue's double click on a varg image: select it in the gallery (added when it is not there)."""
        from ...jobs.store import DownloadState, LocalStatus
        from .varg_choice import varg_record

        rec = varg_record(self.ctx, local_id)
        if rec is None or rec.status is not LocalStatus.COMPLETED or rec.download_state is not DownloadState.DONE:
            return
        for row in range(self.gallery.count()):
            if self.gallery.item(row).data(PATH_ROLE) == str(rec.result_path):
                self.gallery.setCurrentRow(row)
                return
        if rec.result_path and Path(rec.result_path).is_file():
            self._add(Path(rec.result_path), _thumbnail(str(rec.result_path), THUMB),
                      str(rec.params.get("prompt") or rec.input_name), str(rec.params.get("aspect_ratio") or ""), "",
                      detail=f"varg {rec.params.get('model') or ''}".strip())
            self.gallery.setCurrentRow(0)

    def _varg_failed(self, text: str) -> None:
        self.error.show_error(text)

    def _add(self, path: Path, thumb: QImage, prompt: str, size: str, quality: str, *, detail: str = "") -> None:
        short = prompt if len(prompt) <= 40 else prompt[:39] + "…"
        item = QListWidgetItem(photo_icon(thumb), short)
        item.setData(PATH_ROLE, str(path))
        item.setData(PROMPT_ROLE, prompt)
        made = detail or self.tr("%1, %2 quality").replace("%1", size).replace("%2", quality)
        if detail and size:
            made += f", {size}"
        item.setToolTip(f"{prompt}\n{made}\n{path}")
        self.gallery.insertItem(0, item)
        self.empty.hide()
        self.gallery_title.setText(self.tr("<b>This session's images</b> (%1)").replace("%1", str(self.gallery.count())))

    def reset_session_results(self) -> None:
        """The connection changed (live <-> sandbox): the gallery starts empty (the files stay)."""
        self.gallery.clear()
        self.gallery_title.setText(self.tr("<b>This session's images</b>"))
        self.empty.show()
        self.note.setText("")
        self._update_actions()

    # -- gallery actions ------------------------------------------------------------------------
    def selected_path(self) -> str | None:
        it = self.gallery.currentItem()
        return str(it.data(PATH_ROLE)) if it is not None else None

    def _update_actions(self) -> None:
        has = self.gallery.currentItem() is not None
        for b in (self.view_btn, self.save_btn, self.copy_btn, self.face_btn, self.bg_btn, self.vision_btn):
            b.setEnabled(has)
        self.empty.setVisible(self.gallery.count() == 0)

    def _menu(self, pos: Any) -> None:
        if self.gallery.itemAt(pos) is None:
            return
        m = QMenu(self)
        m.addAction(self.tr("View"), self.view_selected)
        m.addAction(self.tr("Save…"), self.save_selected)
        m.addAction(self.tr("Copy"), self.copy_selected)
        m.addSeparator()
        m.addAction(self.tr("Use as face"), lambda: self.send_to("face-swap"))
        m.addAction(self.tr("Remove background"), lambda: self.send_to("background-removal"))
        m.addAction(self.tr("Ask %1 about it").replace("%1", _(tool('vision').title)), lambda: self.send_to("vision"))
        m.popup(self.gallery.viewport().mapToGlobal(pos))

    def view_selected(self) -> ImageViewer | None:
        it = self.gallery.currentItem()
        if it is None:
            return None
        if self.viewer is not None:
            self.viewer.close()
            self.viewer.deleteLater()
        self.viewer = ImageViewer(str(it.data(PATH_ROLE)), str(it.data(PROMPT_ROLE)), self)
        self.viewer.open()
        return self.viewer

    def save_selected(self) -> None:
        src = self.selected_path()
        if src is None:
            return
        suggested = str(Path(self.ctx.settings.download_dir or Path.home()) / Path(src).name)
        self.file_dialog = choose_save_path(self, self.tr("Save image"), suggested, lambda dst: self.save_to(src, dst),
                                            self.tr("Images (*.png *.jpg *.jpeg *.webp)"))

    def save_to(self, src: str, dst: str) -> Path | None:
        d = Path(dst)
        if not d.suffix:
            d = d.with_suffix(Path(src).suffix)
        try:
            # the save dialog already asked before replacing an existing file
            d = copy_result(src, d, overwrite=True)
        except (OSError, VergingError) as e:
            self.error.show_error(self.tr("Could not save the image: %1").replace("%1", str(getattr(e, 'strerror', None) or e)))
            return None
        self.note.setText(self.tr("Saved %1").replace("%1", str(d)))
        return d

    def copy_selected(self) -> None:
        src = self.selected_path()
        if src is None:
            return
        img = QImage(src)
        if img.isNull():
            self.error.show_error(self.tr("The image could not be read from disk."))
            return
        QGuiApplication.clipboard().setImage(img)
        self.note.setText(self.tr("Image copied to the clipboard."))

    def send_to(self, tool_id: str) -> None:
        """Hand the selected image to the tool ``tool_id`` ("face-swap")."""
        src = self.selected_path()
        if src is not None:
            self.note.setText(hand_off(self.ctx, tool_id, src))


def create(ctx: ToolContext) -> QWidget:
    return ImageGenerationTab(ctx)
