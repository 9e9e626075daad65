"""The Video Enhance tab: trim a clip (or send several), choose who enhances it, see each provider's
cost side by side, and the compare view (wipe, side by side, toggle; zoom 100 % / 200 %) as the
main attraction once the upscaled result is back.

Two providers:

* **Verging**: normal or HD, priced per second from Verging's table, next to the Verging balance
  (the flow Face Swap shares, :mod:`verging_desktop.ui.tools.video_base`);
* **Vimmerse** (``/v2/video/enhance``): 2X or 4X upscaling, DeepClean (denoise) alone or with
  either, and the compression scale (0..1), priced in Vimmerse credits (Vimmerse's estimate or
  the local price table: the line says which), through the Vimmerse queue.

Both costs are shown at once, each in its own credits, for the clip as trimmed; the one chosen
is the one sent. See :mod:`.vimmerse_video` for the Vimmerse side.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QGridLayout,
    QLabel,
    QRadioButton,
    QSlider,
    QWidget,
)

from ...api.vimmerse.models import DEFAULT_ENHANCE_MODE, ENHANCE_MODES, App
from ...core.errors import InputError
from ...core.providers import VERGING, VIMMERSE
from ...core.tools import tool
from .video_base import PlannedJob, VideoItem, VideoToolPage
from .vimmerse_video import VimmerseVideoPage

if TYPE_CHECKING:  # pragma: no cover
    from ..context import ToolContext

#: Vimmerse's enhance modes in words
MODE_WORDS = {
    "4X&DeepClean": QT_TRANSLATE_NOOP("VideoEnhancePage", "4X upscale + DeepClean"),
    "4X": QT_TRANSLATE_NOOP("VideoEnhancePage", "4X upscale"),
    "2X": QT_TRANSLATE_NOOP("VideoEnhancePage", "2X upscale"),
    "2X&DeepClean": QT_TRANSLATE_NOOP("VideoEnhancePage", "2X upscale + DeepClean"),
    "DeepClean": QT_TRANSLATE_NOOP("VideoEnhancePage", "DeepClean only (denoise, same size)"),
}
MODE_TIPS = {
    "4X&DeepClean": QT_TRANSLATE_NOOP("VideoEnhancePage", "Four times the width and height, with noise and compression artefacts cleaned (Vimmerse's default)."),
    "4X": QT_TRANSLATE_NOOP("VideoEnhancePage", "Four times the width and height."),
    "2X": QT_TRANSLATE_NOOP("VideoEnhancePage", "Twice the width and height."),
    "2X&DeepClean": QT_TRANSLATE_NOOP("VideoEnhancePage", "Twice the width and height, with noise and compression artefacts cleaned."),
    "DeepClean": QT_TRANSLATE_NOOP("VideoEnhancePage", "Removes noise and compression artefacts; the size stays."),
}


class VideoEnhancePage(VimmerseVideoPage):
    #: translated where it is shown (``self.tr(self.submit_word)``: the context is this class)
    submit_word = QT_TRANSLATE_NOOP("VideoEnhancePage", "Enhance")

    def __init__(self, ctx: ToolContext, spec: Any) -> None:
        self._provider = VERGING.id
        super().__init__(ctx, spec)
        self._provider_changed()

    # ==== construction ============================================================================
    def _build(self) -> None:
        super()._build()
        cl = self.controls_layout
        box = QWidget()
        box.setObjectName("enhanceProviders")
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(2)
        self.verging_radio = QRadioButton(self.tr("Verging"))
        self.verging_radio.setObjectName("providerVerging")
        self.verging_radio.setToolTip(self.tr("Verging's enhancement: normal or HD, priced per second in Verging credits."))
        self.vimmerse_radio = QRadioButton(self.tr("Vimmerse"))
        self.vimmerse_radio.setObjectName("providerVimmerse")
        self.vimmerse_radio.setToolTip(self.tr("Vimmerse's enhancement: 2X or 4X upscaling and DeepClean, priced "
                                               "in Vimmerse credits."))
        self.verging_radio.setChecked(True)
        self.provider_group = QButtonGroup(self)
        self.provider_group.addButton(self.verging_radio)
        self.provider_group.addButton(self.vimmerse_radio)
        self.provider_group.buttonToggled.connect(lambda _b, on: on and self._provider_changed())
        for w in (self.cost, self.vimmerse_cost, self._key_row):
            cl.removeWidget(w)
        grid.addWidget(self.verging_radio, 0, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.cost, 0, 1)
        grid.addWidget(self.vimmerse_radio, 1, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.vimmerse_cost, 1, 1)
        grid.addWidget(self._key_row, 2, 1)
        grid.setColumnStretch(1, 1)
        self.providers_box = box

        # Vimmerse's options (shown when it is chosen; Verging's is the HD box)
        self.vim_options = QWidget()
        self.vim_options.setObjectName("vimmerseEnhanceOptions")
        vl = QGridLayout(self.vim_options)
        vl.setContentsMargins(0, 0, 0, 0)
        vl.setVerticalSpacing(2)
        self.mode_combo = QComboBox()
        self.mode_combo.setObjectName("vimmerseMode")
        self.mode_combo.setAccessibleName(self.tr("Vimmerse enhance mode"))
        for m in ENHANCE_MODES:
            self.mode_combo.addItem(self.tr(MODE_WORDS[m]) if m in MODE_WORDS else m, m)
            self.mode_combo.setItemData(self.mode_combo.count() - 1, self.tr(MODE_TIPS[m]) if m in MODE_TIPS else "", Qt.ItemDataRole.ToolTipRole)
        self.mode_combo.setCurrentIndex(max(0, self.mode_combo.findData(DEFAULT_ENHANCE_MODE)))
        # a narrow window shows the start of a long mode ("DeepClean only (den…"), the list all of it
        self.mode_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.mode_combo.setMinimumContentsLength(16)
        self.mode_combo.currentIndexChanged.connect(lambda _i: self._update())
        self.compression = QSlider(Qt.Orientation.Horizontal)
        self.compression.setObjectName("vimmerseCompression")
        self.compression.setAccessibleName(self.tr("Compression"))
        self.compression.setRange(0, 20)  # 0..1 in steps of 0.05
        self.compression.setValue(10)
        self.compression.setMaximumWidth(160)
        self.compression.setToolTip(self.tr("How strongly the result is compressed: 0 keeps the most detail "
                                            "(largest file), 1 the smallest file. Vimmerse's default is 0.5."))
        self.compression_label = QLabel()
        self.compression_label.setObjectName("compressionValue")
        self.compression.valueChanged.connect(self._compression_changed)
        mode_label = QLabel(self.tr("Mode"))
        mode_label.setBuddy(self.mode_combo)
        comp_label = QLabel(self.tr("Compression"))
        comp_label.setBuddy(self.compression)
        vl.addWidget(mode_label, 0, 0)
        vl.addWidget(self.mode_combo, 0, 1, 1, 2)
        vl.addWidget(comp_label, 1, 0)
        vl.addWidget(self.compression, 1, 1)
        vl.addWidget(self.compression_label, 1, 2)
        vl.setColumnStretch(3, 1)
        self._compression_changed(self.compression.value())

        # who enhances it (each with its cost), then that provider's options
        cl.insertWidget(cl.indexOf(self.hd_box), box)
        cl.insertWidget(cl.indexOf(self.hd_box) + 1, self.vim_options)

    def _compression_changed(self, v: int) -> None:
        self.compression_label.setText(f"{self.compression_value:g}")
        self._update()

    # ==== the provider ============================================================================
    @property
    def provider(self) -> str:
        return getattr(self, "_provider", VERGING.id)

    def set_provider(self, provider_id: str) -> None:
        (self.vimmerse_radio if provider_id == VIMMERSE.id else self.verging_radio).setChecked(True)

    def _provider_changed(self) -> None:
        self._provider = VIMMERSE.id if self.vimmerse_radio.isChecked() else VERGING.id
        vim = self._provider == VIMMERSE.id
        self.hd_box.setVisible(not vim)
        self.vim_options.setVisible(vim)
        self.submit_button.setToolTip(self.tr("Cut, upload and send to Vimmerse (Ctrl+Enter)") if vim else
                                      self.tr("Cut, upload and create the job(s) (Ctrl+Enter)"))
        self.update_prices()

    @property
    def max_seconds(self) -> float:
        return VideoToolPage.max_seconds.fget(self)  # type: ignore[attr-defined,no-any-return]

    @property
    def compression_value(self) -> float:
        return round(self.compression.value() * 0.05, 2)

    @property
    def vimmerse_mode(self) -> str:
        return str(self.mode_combo.currentData())

    def set_vimmerse_mode(self, mode: str) -> None:
        i = self.mode_combo.findData(mode)
        if i < 0:
            raise InputError(f"'{mode}' is not a Vimmerse enhance mode; use one of {', '.join(ENHANCE_MODES)}.")
        self.mode_combo.setCurrentIndex(i)

    def options(self) -> dict[str, Any]:
        return {"app": App.ENHANCE.value, "enhance_mode": self.vimmerse_mode,
                "compression_scale": f"{self.compression_value:g}"}

    def update_prices(self) -> None:
        VideoToolPage.update_prices(self)  # Verging's rates and the HD box's text, then the tab
        vim = self.price_text()
        self.price_label.setText(self.price_label.text() + "<br>" + self.tr("Vimmerse: %1").replace("%1", vim))

    def price_text(self) -> str:
        p = self.ctx.vimmerse_pricing
        try:
            four = p.credits(App.ENHANCE.app_name, duration=5, mode="4X&DeepClean")
            two = p.credits(App.ENHANCE.app_name, duration=5, mode="2X")
        except Exception:  # an edited table without this row: the cost line still says
            return super().price_text()
        return (self.tr("2X: %1, 4X + DeepClean: %2 Vimmerse credits per started 5 s (local price table).")
                .replace("%1", f"{two:g}").replace("%2", f"{four:g}"))

    # ==== both costs at once ======================================================================
    def _show_cost(self, jobs: list[PlannedJob]) -> None:
        """The chosen provider's cost from the plan, the other's for the same clips, side by side."""
        spans, _why = self.spans()
        vim_jobs: list[PlannedJob] = []
        verging_jobs: list[PlannedJob] = []
        pending = False
        for j in spans:
            v = VideoToolPage._job_credits(self, j.video, j.start, j.end)
            verging_jobs.append(PlannedJob(j.video, j.face, j.start, j.end, v or 0.0, j.note))
            w = self.vimmerse_credits(j.video, j.start, j.end)
            if w is None:
                pending = True
            else:
                vim_jobs.append(PlannedJob(j.video, j.face, j.start, j.end, w, j.note))
        VideoToolPage._show_cost(self, verging_jobs)
        self._key_row.setVisible(not self.has_key)
        self.vimmerse_cost.setVisible(self.has_key)
        if pending:
            self.vimmerse_cost.set_pending(self._why_no_cost or self.tr("working out…"))
        else:
            self.vimmerse_detail(vim_jobs)
        chosen = self.provider
        for bar, pid in ((self.cost, VERGING.id), (self.vimmerse_cost, VIMMERSE.id)):
            bar.label.setEnabled(pid == chosen)

    def _job_credits(self, video: VideoItem, start: float, end: float) -> float | None:
        if self.provider != VIMMERSE.id:
            return VideoToolPage._job_credits(self, video, start, end)
        return self.vimmerse_credits(video, start, end)

    def _submit_text(self, jobs: list[PlannedJob]) -> str:
        text = super()._submit_text(jobs)
        if self.provider == VIMMERSE.id:
            word = self.tr(self.submit_word)
            if word not in text:  # the base class shows it untranslated
                word = self.submit_word
            return text.replace(word, self.tr("%1 with Vimmerse").replace("%1", word), 1)
        return text


def create(ctx: ToolContext) -> QWidget:
    return VideoEnhancePage(ctx, tool("video-enhance"))
