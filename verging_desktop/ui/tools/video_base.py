"""The page shared by the Face Swap and Video Enhance tabs.

Drop one or several videos (and, for face swap, one or several face images), trim the selected
video with the :class:`~verging_desktop.ui.video.trimmer.Trimmer`, choose HD, see the cost of
every job next to the balance, and submit. Each job runs as its own task with visible steps:

    cut (smart mode, kept under ``<data>/cuts``) -> upload -> create job -> in the queue

and the tab stays usable meanwhile. The steps are the shared video use case
(:mod:`verging_desktop.jobs.prepare`): a dropped video is probed once (:func:`probe_video`; the
trimmer shows that probe), :func:`plan_video` decides cut or pass through (a short H.264/AAC MP4
whose selection is the whole file goes up uncut), :func:`prepare` cuts (reusing the trimmer's
preview cut when there is one) and :func:`create_job` uploads and creates it through the queue.
The compare view below plays the uploaded file (the original) and the result in sync once the
job is done, with the estimate next to what was charged, Save as, Open folder and Retry.

Batch: several videos with one face, or one video with several faces: one job each with the same
settings; a video over the 30 s limit that was not trimmed sends its first 30 s (the list says
so). Every file is checked by its content first (``media.probe`` for videos,
``core.filetypes`` and Qt's image reader for faces); the bad ones are listed with reasons and
never uploaded.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import html
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSize, Qt, QTimer
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpacerItem,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...core import filetypes as ft
from ...core.errors import (
    Cancelled,
    InputError,
    InsufficientCredits,
    Progress,
    VergingError,
)
from ...core.eta import Eta
from ...core.i18n import _
from ...core.submissions import content_hash, fingerprint
from ...core.tools import ToolSpec
from ...jobs.durations import remaining_seconds, typical_seconds
from ...jobs.prep_choice import DEFAULT_UPLINK, duration_text, mb_text
from ...jobs.prepare import (
    VIDEO_KINDS,
    PreparedVideo,
    VideoQueue,
    create_job,
    plan_video,
    prepare,
    probe_video,
)
from ...jobs.store import JobRecord, LocalStatus
from ...jobs.time_line import join, results_sentence
from ...jobs.words import error_text, result_status
from ..colors import error_color, ok_color
from ..dialogs.common import confirm
from ..images import check_image_file, make_thumbnail
from ..jobs import uploads as upload_board
from ..jobs.result_panel import ResultPanel
from ..jobs.watcher import JobWatcher
from ..plural import credits, plural
from ..widgets.cost_bar import CostBar
from ..widgets.dropzone import IMAGE_FILTER, VIDEO_FILTER, DropZone
from ..widgets.header import tool_page_header
from ..widgets.rejections import RejectionList
from ..widgets.steps import StepRow, StepsList
from ..widgets.submit_guard import QueuedRecord, SubmitGuard
from ..widgets.wheel_guard import guard_wheel
from ..widgets.wrapfit import WrapFitColumn
from .varg_panel import class_word

if TYPE_CHECKING:  # pragma: no cover
    from ...core.consent import ConsentStore
    from ...media.probe import MediaInfo
    from ..context import ToolContext
    from ..video.trimmer import Trimmer

log = logging.getLogger("verging_desktop.ui.tools.video_base")
translate = QCoreApplication.translate


def n_of(n: int, word: str) -> str:
    """A count of jobs or videos in the interface's language ("3 jobs", "3 个任务")."""
    if word == "video":
        return plural(translate("VideoToolPage", "%n video(s)", "", n), n)
    if word == "job":
        return plural(translate("VideoToolPage", "%n job(s)", "", n), n)
    if word == "face":
        return plural(translate("VideoToolPage", "%n face(s)", "", n), n)
    raise ValueError(f"no translated count for {word!r}")

FACE_FORMATS = ("jpeg", "png", "webp")
CONSENT_TEXT = QT_TRANSLATE_NOOP("VideoToolPage", "I have the right to use this face and this video")


def tidy_list(lw: QListWidget, rows: int = 4) -> None:
    """One line per file, long names elided in the middle (the full text on hover), at most
    ``rows`` rows tall before it scrolls, never wider than its column."""
    lw.setWordWrap(False)
    lw.setTextElideMode(Qt.TextElideMode.ElideMiddle)
    lw.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    row_h = max(lw.fontMetrics().height() + 6, lw.iconSize().height() + 4)
    lw.setMaximumHeight(rows * row_h + 2 * lw.frameWidth() + 2)
    lw.setMinimumHeight(row_h + 2 * lw.frameWidth() + 2)
    lw.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Maximum)


def mid_elide(text: str, limit: int = 48) -> str:
    """``text`` cut in the middle to at most ``limit`` characters ("Lisbon tram…take 2.mp4")."""
    if len(text) <= limit:
        return text
    keep = limit - 1
    return text[: keep - keep // 2] + "…" + text[len(text) - keep // 2:]


def bad_text(name: str, reason: str) -> str:
    """A list line for a refused file (the reason usually starts with the name already)."""
    return reason if reason.startswith(name) else translate("VideoToolPage", "%1 — %2", "a file name and why it was refused").replace(
        "%1", name).replace("%2", reason)


def fmt_s(t: float) -> str:
    m, s = divmod(max(0.0, t), 60)
    return f"{int(m)}:{s:04.1f}" if m else translate("VideoToolPage", "%1 s").replace("%1", f"{s:.1f}")


@dataclass
class VideoItem:
    path: Path
    state: str = "checking"  # checking, ready, bad
    reason: str = ""
    info: MediaInfo | None = None
    start: float = 0.0
    end: float = 0.0
    trimmed: bool = False
    #: content hash (the "same job" check); "" until checked
    digest: str = ""
    widget: QListWidgetItem | None = field(default=None, repr=False)
    #: fetched from a web address: the page's (or file's) title, and the address
    title: str = ""
    source_url: str = ""

    @property
    def name(self) -> str:
        return self.title or self.path.name

    @property
    def stem(self) -> str:
        """A file name stem for the upload and the result (the title's, for a fetched video)."""
        return Path(ft.safe_filename(self.title, default=self.path.stem)).stem if self.title else self.path.stem

    @property
    def duration(self) -> float:
        return self.info.duration if self.info is not None else 0.0

    @property
    def length(self) -> float:
        return max(0.0, self.end - self.start)


@dataclass
class FaceItem:
    path: Path
    state: str = "checking"
    reason: str = ""
    digest: str = ""
    width: int = 0
    height: int = 0
    preview: QPixmap | None = field(default=None, repr=False)
    widget: QListWidgetItem | None = field(default=None, repr=False)
    title: str = ""
    source_url: str = ""

    @property
    def name(self) -> str:
        return self.title or self.path.name

    @property
    def stem(self) -> str:
        return Path(ft.safe_filename(self.title, default=self.path.stem)).stem if self.title else self.path.stem


@dataclass
class PlannedJob:
    video: VideoItem
    face: FaceItem | None
    start: float
    end: float
    credits: float
    note: str = ""

    @property
    def title(self) -> str:
        return f"{self.video.name} + {self.face.name}" if self.face is not None else self.video.name

    def key(self, service: str, hd: bool, **settings: Any) -> str:
        """The fingerprint of this job: the content of its inputs, the range, HD (and any other
        setting a provider's page adds)."""
        digests = [self.video.digest or str(self.video.path)]
        if self.face is not None:
            digests.append(self.face.digest or str(self.face.path))
        return fingerprint(service, digests=digests, start=self.start, end=self.end, hd=hd, **settings)


class VideoToolPage(QWidget):
    """A per-second video tool (a registry tool with ``video_job``): its service, job kind, face
    input, title and summary are its :class:`ToolSpec`'s; a subclass names its button."""

    #: the submit button's word ("Swap face", "Enhance")
    submit_word: ClassVar[str]

    @property
    def title_text(self) -> str:
        """The page's title, from the tool registry, in the interface's language."""
        return _(self.spec.title)

    def __init__(self, ctx: ToolContext, spec: ToolSpec) -> None:
        super().__init__()
        assert spec.video_job and spec.job_kinds, spec.id
        self.ctx = ctx
        self.spec = spec
        #: the pricing service ("faceswap"), the queue's job kind ("face-swap"), a face input or not
        self.service = spec.service
        self.kind = spec.job_kinds[0]
        self.needs_face = spec.needs_face
        self.setObjectName(f"{self.service}Tab")
        self.watcher = JobWatcher(ctx, self)
        self.videos: list[VideoItem] = []
        self.faces: list[FaceItem] = []
        self.current: VideoItem | None = None
        #: the videos the options shown do not apply to, with why (left out of the next submit)
        self.skipped: list[tuple[VideoItem, str]] = []
        self.trimmer: Trimmer | None = None
        self.tasks: set[asyncio.Task[Any]] = set()
        self.rows: dict[int, StepRow] = {}
        #: the balance change seen around a submit (when it was the only one in flight)
        self.balance_change: dict[int, float] = {}
        self._sending = 0
        self._autoshow = False
        self._batch: dict[Any, asyncio.Task[PreparedVideo]] = {}
        self._loading_trimmer = False
        self._consented: ConsentStore = ctx.consent
        #: the median seconds to a result of this tab's job kinds (None: no history), read once
        #: and again when one of its jobs completes
        self._typical: dict[str, float | None] = {}
        self._build()
        #: the rows of jobs on the server say the time left: refreshed once a second
        self._eta_timer = QTimer(self)
        self._eta_timer.setInterval(1000)
        self._eta_timer.timeout.connect(self._tick_rows)
        guard_wheel(self)  # the wheel scrolls the page, not the cut mode or an in point on the way
        self.update_prices()
        ctx.session.settingsChanged.connect(lambda _s: self.update_prices())
        self.watcher.recordChanged.connect(self._on_record)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.submit)
        self._update()

    # ==== construction ============================================================================
    def _build(self) -> None:
        from ...app_core.pricing_text import price_lines

        self._price_lines = price_lines
        self.header = tool_page_header(self.spec.id)
        self.price_label = QLabel()
        self.price_label.setObjectName("priceText")
        self.price_label.setEnabled(False)
        self.price_label.setWordWrap(True)

        self.video_drop = DropZone(translate("VideoToolPage", "Video"), translate("VideoToolPage", "Drop a video (or several for a batch)"),
                                   multiple=True, file_filter=VIDEO_FILTER,
                                   dialog_title=translate("VideoToolPage", "Choose videos"))
        self.video_drop.setObjectName("videoDrop")
        self.video_drop.filesDropped.connect(self.add_videos)
        self.video_drop.cleared.connect(self.clear_videos)
        # a web address too: the whole file is fetched (the trimmer needs it), then it is a drop
        self.video_drop.enable_remote(self.ctx, "video")
        self.video_list = QListWidget()
        self.video_list.setObjectName("videoList")
        self.video_list.currentRowChanged.connect(self._video_selected)
        self.video_list.setToolTip(translate("VideoToolPage", "Click a video to trim it; each keeps its own in and out points"))
        tidy_list(self.video_list)
        self.video_list.hide()

        self.face_drop: DropZone | None = None
        self.face_list: QListWidget | None = None
        if self.needs_face:
            self.face_drop = DropZone(translate("VideoToolPage", "Face"),
                                      translate("VideoToolPage", "Drop a photo of the face (JPG, PNG or WebP)"),
                                      multiple=True, file_filter=IMAGE_FILTER,
                                      dialog_title=translate("VideoToolPage", "Choose face images"))
            self.face_drop.setObjectName("faceDrop")
            self.face_drop.filesDropped.connect(self.add_faces)
            self.face_drop.cleared.connect(self.clear_faces)
            self.face_drop.enable_remote(self.ctx, "image")
            self.face_list = QListWidget()
            self.face_list.setObjectName("faceList")
            self.face_list.setIconSize(QSize(24, 24))
            tidy_list(self.face_list)
            self.face_list.hide()

        # every refused file in one compact, dismissible line
        self.problems = RejectionList("not added")
        self.problems.dismissed.connect(self.forget_rejected)

        # the trimmer is made when the first video arrives (it loads the multimedia back end)
        self.trimmer_box = QFrame()
        self.trimmer_box.setObjectName("trimmerBox")
        self._trim_lay = QVBoxLayout(self.trimmer_box)
        self._trim_lay.setContentsMargins(0, 0, 0, 0)
        limit = self.max_seconds
        limit_text = (translate("VideoToolPage", "%1 min").replace("%1", f"{limit / 60:g}") if limit >= 120
                      else translate("VideoToolPage", "%1 s").replace("%1", f"{limit:g}"))
        self.trimmer_placeholder = QLabel(translate("VideoToolPage", "Drop a video to trim it: mark the part to send (up to "
                                                    "%1 per job).").replace("%1", limit_text))
        self.trimmer_placeholder.setObjectName("trimmerPlaceholder")
        self.trimmer_placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.trimmer_placeholder.setWordWrap(True)
        self.trimmer_placeholder.setEnabled(False)
        self.trimmer_placeholder.setMinimumHeight(120)
        self._trim_lay.addWidget(self.trimmer_placeholder)

        self.hd_box = QCheckBox("HD")
        self.hd_box.setObjectName("hdBox")
        self.hd_box.toggled.connect(lambda _on: self._update())
        self.consent_box: QCheckBox | None = None
        if self.needs_face:
            self.consent_box = QCheckBox(translate("VideoToolPage", CONSENT_TEXT))
            self.consent_box.setObjectName("consentBox")
            self.consent_box.toggled.connect(self._consent_toggled)
        self.batch_label = QLabel()
        self.batch_label.setObjectName("batchLabel")
        self.batch_label.setWordWrap(True)
        self.batch_label.hide()
        self.cost = CostBar(self.ctx)
        self.cost.sufficiencyChanged.connect(lambda _ok: self._update_submit())
        #: what will be sent and how long it should take (Verging's video jobs)
        self.time_label = QLabel()
        self.time_label.setObjectName("timeToResult")
        self.time_label.setWordWrap(True)
        self.time_label.hide()
        self.submit_button = QPushButton(class_word(self, self.submit_word, "VideoToolPage"))
        self.submit_button.setObjectName("submitButton")
        self.submit_button.clicked.connect(self.submit)
        self.submit_button.setToolTip(translate("VideoToolPage", "Cut, upload and create the job(s) (Ctrl+Enter)"))
        #: one click, one submit: disabled until the jobs are in the queue; asks before a repeat
        self.guard = SubmitGuard(self.ctx, self.submit_button, parent=self)
        self.why_label = QLabel()
        self.why_label.setObjectName("whyDisabled")
        self.why_label.setWordWrap(True)
        self.why_label.setEnabled(False)

        self.steps = StepsList()
        # the cards shrink (their titles are elided) to the inputs column's width
        self.steps.setMinimumWidth(170)
        self.result = ResultPanel(self.watcher, save_filter=translate("VideoToolPage", "MP4 video (*.mp4)"),
                                  save_title=translate("VideoToolPage", "Save the result as"))
        self.result.retryRequested.connect(self.retry)
        self.result.message.connect(self.ctx.session.message.emit)
        self.result.compare.set_placeholder(translate("VideoToolPage", "Submit a job: when it is done, the original and the result play "
                                                      "here in sync."))
        # big enough to judge the result when the page is scrolled down to it
        self.result.compare.canvas.setMinimumHeight(self.COMPARE_MIN_HEIGHT)

        inputs = QWidget()
        inputs.setObjectName("inputsColumn")
        il = QVBoxLayout(inputs)
        il.setContentsMargins(0, 0, 0, 0)
        il.addWidget(self.header)
        il.addWidget(self.price_label)
        drops = QHBoxLayout()
        drops.addWidget(self.video_drop)
        if self.face_drop is not None:
            drops.addWidget(self.face_drop)
        il.addLayout(drops)
        il.addWidget(self.video_list)
        if self.face_list is not None:
            il.addWidget(self.face_list)
        il.addWidget(self.problems)
        # the jobs sent from this tab, under the files they came from: on screen right after the
        # submit whatever the window's size (the compare view may be further down the page)
        il.addWidget(self.steps, 100)
        self.steps.hide()
        il.addStretch(1)  # (the room left before the first job: the drop zones keep their size)
        # the column keeps room for the drop zones' buttons and the file names
        il.addSpacerItem(QSpacerItem(260, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Minimum))
        inputs.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

        # its minimum counts wrapped lines (the cost line): the trimmer is never squeezed under it
        controls = WrapFitColumn()
        controls.setObjectName("controlsColumn")
        cl = QVBoxLayout(controls)
        #: the columns' layouts (a provider's page adds its own controls to them)
        self.controls_layout = cl
        self.inputs_layout = il
        cl.setContentsMargins(0, 0, 0, 0)
        cl.addWidget(self.trimmer_box)
        cl.addWidget(self.hd_box)
        if self.consent_box is not None:
            cl.addWidget(self.consent_box)  # its own line: a narrow window keeps its whole text
        cl.addWidget(self.batch_label)
        cl.addWidget(self.cost)
        cl.addWidget(self.time_label)
        sub = QHBoxLayout()
        sub.addWidget(self.why_label, 1)
        sub.addWidget(self.submit_button)
        cl.addLayout(sub)
        # the spare room goes below the controls, never to the player (see _fit_player)
        cl.addStretch(1)

        top = QSplitter(Qt.Orientation.Horizontal)
        top.setObjectName("inputsSplitter")
        top.setChildrenCollapsible(False)
        top.addWidget(inputs)
        top.addWidget(controls)
        top.setStretchFactor(0, 0)
        top.setStretchFactor(1, 1)
        top.setSizes([330, 1000])
        # the compare view, across the page below the inputs and controls (from the first job on)
        bottom = self.result
        bottom.hide()
        self.results_row = bottom
        # on the list's own signal, once the card is in place (see StepsList)
        self.steps.rowAdded.connect(lambda _row: self.show_results_row())
        self.top_split = top
        split = QSplitter(Qt.Orientation.Vertical)
        split.setObjectName("pageSplitter")
        split.setChildrenCollapsible(False)
        split.addWidget(top)
        split.addWidget(bottom)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        self.page_split = split
        # a small window scrolls instead of forcing the main window to grow (and the splitter's
        # own minimum, from its contents, is what the scroll area keeps: nothing is squeezed)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(split)
        self.page_scroll = scroll
        lay = QVBoxLayout(self)
        lay.addWidget(scroll)

    #: below this page width the trimmer stacks its rows (1024 px windows beside the job queue)
    COMPACT_WIDTH = 900
    #: the trimmer's player is never smaller than this (big enough to judge the picture and to
    #: drag a crop frame on in a 1024x700 window: the page scrolls instead), nor taller than that
    PLAYER_MIN_HEIGHT = 220
    PLAYER_MAX_HEIGHT = 560
    #: the compare view's row is about this tall (scrolled to when the window is small), its
    #: picture never shorter than that
    RESULTS_HEIGHT = 440
    COMPARE_MIN_HEIGHT = 260

    def resizeEvent(self, e: Any) -> None:
        super().resizeEvent(e)
        if self.trimmer is not None:
            self.trimmer.set_compact(self.width() < self.COMPACT_WIDTH)
            self._fit_player()

    def show_results_row(self) -> None:
        """Show the steps (in the inputs column) and the compare view below (hidden until this tab
        has a job to show).

        The inputs and the controls keep their height (the player's follows the window, see
        :meth:`_fit_player`): the compare view takes the room below them, and the page scrolls down
        to it when there is not enough (the player once shrank from 265 to 115 px as a job was
        sent, under the hand dragging the crop frame on it)."""
        if self.results_row.isVisible():
            return
        self.steps.show()
        self.results_row.show()
        top = self.top_split.minimumSizeHint().height()
        room = max(self.page_split.height(), 600)
        bottom = max(self.results_row.minimumSizeHint().height(), room - top - self.page_split.handleWidth(),
                     self.RESULTS_HEIGHT)
        self.page_split.setSizes([top, bottom])

    def reveal_result(self) -> None:
        """Scroll the page to the compare view (asked for: a card's Show, the queue's Open)."""
        self.show_results_row()
        self.page_scroll.ensureWidgetVisible(self.result, 0, 0)

    def _fit_player(self) -> None:
        """The player's height follows the window's (about a third of the page, within limits), never
        what the page shows: a message appearing, a result below, a second video do not move the
        rows under the cursor (the controls column keeps its spare room at its bottom)."""
        tr = self.trimmer
        if tr is not None:
            h = min(self.PLAYER_MAX_HEIGHT, max(self.PLAYER_MIN_HEIGHT, round(self.height() * 0.36)))
            if tr.player.height() != h or tr.player.minimumHeight() != h:
                tr.player.setFixedHeight(h)

    def update_prices(self) -> None:
        p = self.ctx.pricing
        self.price_label.setText(" · ".join(self._price_lines(p, self.service)))
        rate = p.per_second_rate(self.service, True)
        self.hd_box.setText(translate("VideoToolPage", "HD (%1 per second)").replace("%1", credits(rate)))
        self._update()

    # ==== tasks ===================================================================================
    def _spawn(self, coro: Any, name: str) -> asyncio.Task[Any]:
        t = self.ctx.spawn(coro, name=name)
        self.tasks.add(t)
        t.add_done_callback(self.tasks.discard)
        return t

    @property
    def max_seconds(self) -> float:
        return self.ctx.pricing.max_seconds(self.service)

    @property
    def hd(self) -> bool:
        return self.hd_box.isChecked()

    # ==== videos ==================================================================================
    def _add_items(self, paths: list[str], items: list[Any], list_widget: QListWidget, make: Any, render: Any,
                   check: Any, what: str) -> asyncio.Task[Any] | None:
        """Add files to a list (once each), show them as "checking", and check them in a task."""
        known = {i.path for i in items}
        new = []
        for p in paths:
            path = Path(p).absolute()
            if path in known:
                continue
            known.add(path)
            item = make(path)
            media = self._origin(path)
            if media is not None:  # fetched from a web address: its title is its name
                item.title, item.source_url = media.title, media.url
            item.widget = QListWidgetItem(item.name)
            items.append(item)
            list_widget.addItem(item.widget)
            render(item)
            new.append(item)
        if not new:
            return None
        self._update()
        return self._spawn(check(new), f"{self.service}-check-{what}")

    def _origin(self, path: Path) -> Any:
        """The :class:`~verging_desktop.services.remote.RemoteMedia` ``path`` was fetched as (None: local)."""
        for zone in (self.video_drop, self.face_drop):
            media = zone.origin(path) if zone is not None else None
            if media is not None:
                return media
        return None

    def add_videos(self, paths: list[str]) -> asyncio.Task[Any] | None:
        return self._add_items(paths, self.videos, self.video_list, VideoItem, self._render_video,
                               self._check_videos, "videos")

    async def _check_videos(self, items: list[VideoItem]) -> None:
        for item in items:
            try:
                info = await probe_video(item.path)  # the one probe: the trimmer and the plan use it
                await self._check_video_file(item.path, info)
                item.digest = await asyncio.to_thread(content_hash, item.path)
            except (VergingError, OSError) as e:
                item.state, item.reason = "bad", str(e)
            else:
                item.info = info
                item.start, item.end = 0.0, min(info.duration, self.max_seconds)
                item.state = "ready"
                if self.current is None:
                    self._select_video(item)
            self._render_video(item)
            self._update()

    async def _check_video_file(self, path: Path, info: MediaInfo) -> None:
        """A provider's own checks of a dropped video, with its probe (its limits); raises
        InputError with the reason. Verging's are the probe's."""

    def _select_video(self, item: VideoItem) -> None:
        row = self.videos.index(item)
        if self.video_list.currentRow() != row:
            self.video_list.setCurrentRow(row)  # -> _video_selected
        else:
            self._video_selected(row)

    def _video_selected(self, row: int) -> None:
        if not 0 <= row < len(self.videos):
            return
        item = self.videos[row]
        if item.state != "ready" or item is self.current:
            return
        self.current = item
        self._spawn(self._load_in_trimmer(item), f"{self.service}-trimmer-load")

    def _ensure_trimmer(self) -> Trimmer:
        if self.trimmer is None:
            from ..video.trimmer import Trimmer

            self.trimmer = Trimmer(self, pricing=self.ctx.pricing, service=self.service, spawn=self.ctx.spawn,
                                   temp_dir=self.cuts_dir(), max_seconds=self.max_seconds)
            self.trimmer.selectionChanged.connect(self._trim_changed)
            self.trimmer.validityChanged.connect(lambda _ok, _why: self._update())
            self.trimmer.mode_combo.currentIndexChanged.connect(lambda _i: self._update_time_line())
            self.trimmer.set_compact(self.width() < self.COMPACT_WIDTH)
            self._trim_lay.addWidget(self.trimmer, 1)
            self._fit_player()
            guard_wheel(self.trimmer)
        self.trimmer_placeholder.hide()
        self.trimmer.show()
        return self.trimmer

    async def _load_in_trimmer(self, item: VideoItem) -> None:
        tr = self._ensure_trimmer()
        self._loading_trimmer = True
        try:
            await tr.load(item.path, info=item.info)
            if item.trimmed:
                tr.set_selection(item.start, item.end)
        except (InputError, Cancelled):
            return
        finally:
            self._loading_trimmer = False
        if self.current is item:
            item.start, item.end = tr.selection()
            self._render_video(item)
            self._update()

    def _trim_changed(self, start: float, end: float) -> None:
        item = self.current
        tr = self.trimmer
        if item is None or tr is None or tr.path is None or Path(tr.path).absolute() != item.path:
            return
        if self._loading_trimmer:
            return
        item.start, item.end = start, end
        item.trimmed = True
        self._render_video(item)
        self._update()

    def clear_videos(self) -> None:
        self.videos = []
        self.current = None
        self.video_list.clear()
        if self.trimmer is not None:
            self.trimmer.clear()  # the empty state: no film strip, points or length left over
            self.trimmer.hide()
            self.trimmer_placeholder.show()
        self._update()

    @staticmethod
    def _render_item(item: VideoItem | FaceItem, ready_text: str) -> None:
        """Show ``item`` in its list row: checking, refused (hidden: the refusals list names it) or
        ``ready_text``; the tooltip has the reason or the path."""
        from PySide6.QtGui import QBrush, QColor

        w = item.widget
        if w is None:
            return
        if item.state == "checking":
            text = translate("VideoToolPage", "%1 — checking…").replace("%1", item.name)
        elif item.state == "bad":
            text = bad_text(item.name, item.reason)
        else:
            text = ready_text
        w.setText(text)
        w.setToolTip(item.reason or f"{text}\n{item.path}")
        w.setForeground(QBrush(QColor(error_color())) if item.state == "bad" else QBrush())
        w.setHidden(item.state == "bad")  # listed with the other refused files instead

    def _render_video(self, item: VideoItem) -> None:
        text = (translate("VideoToolPage", "%1 — %2 to %3 (%4 s)", "a video's name, its trim start, end and length")
                .replace("%1", item.name).replace("%2", fmt_s(item.start)).replace("%3", fmt_s(item.end))
                .replace("%4", f"{item.length:.1f}"))
        if not item.trimmed and item.duration > self.max_seconds + 0.05:
            text += (translate("VideoToolPage", "; %1 long: the first %2 s unless trimmed")
                     .replace("%1", fmt_s(item.duration)).replace("%2", f"{self.max_seconds:g}"))
        self._render_item(item, text)

    def forget_rejected(self) -> None:
        """The refusal notice was dismissed: forget the refused files (dropping one again checks
        it again)."""
        for items, lw in ((self.videos, self.video_list), (self.faces, self.face_list)):
            if lw is None:
                continue
            for item in [i for i in items if i.state == "bad"]:
                items.remove(item)
                if item.widget is not None:
                    lw.takeItem(lw.row(item.widget))
        self._update()

    def video_named(self, name: str) -> VideoItem:
        for v in self.videos:
            if v.name == name:
                return v
        raise KeyError(name)

    # ==== faces ===================================================================================
    def add_faces(self, paths: list[str]) -> asyncio.Task[Any] | None:
        assert self.face_list is not None
        return self._add_items(paths, self.faces, self.face_list, FaceItem, self._render_face,
                               self._check_faces, "faces")

    async def _check_faces(self, items: list[FaceItem]) -> None:
        for item in items:
            try:
                info = await asyncio.to_thread(check_image_file, item.path, FACE_FORMATS, "face image")
                if info.too_big:
                    raise InputError(translate("VideoToolPage", "%1 is %2 MB; a face image may be at most %3 MB. "
                                               "Use a smaller photo.").replace("%1", item.name)
                                     .replace("%2", f"{info.size_bytes / ft.MB:.1f}")
                                     .replace("%3", str(ft.IMAGE_MAX_BYTES // ft.MB)))
                digest = await asyncio.to_thread(content_hash, item.path)
                thumb = await asyncio.to_thread(make_thumbnail, item.path, 320)
            except (VergingError, OSError) as e:
                item.state, item.reason = "bad", str(e)
            else:
                item.state, item.digest = "ready", digest
                item.width, item.height = info.width, info.height
                item.preview = QPixmap.fromImage(thumb) if thumb is not None else None
            self._render_face(item)
            self._show_face_preview()
            self._sync_consent()
            self._update()

    def _render_face(self, item: FaceItem) -> None:
        from PySide6.QtGui import QIcon

        self._render_item(item, translate("VideoToolPage", "%1 — %2×%3", "a face image's name and size in pixels")
                          .replace("%1", item.name).replace("%2", str(item.width)).replace("%3", str(item.height)))
        if item.widget is not None and item.preview is not None:
            item.widget.setIcon(QIcon(item.preview))

    def _show_face_preview(self) -> None:
        if self.face_drop is None:
            return
        good = self.ready_faces()
        if not good:
            self.face_drop.set_preview(None, "")
            return
        f = good[0]
        more = translate("VideoToolPage", " (+%1 more)").replace("%1", str(len(good) - 1)) if len(good) > 1 else ""
        self.face_drop.set_preview(f.preview, f"{f.name} · {f.width}×{f.height}{more}")

    def clear_faces(self) -> None:
        self.faces = []
        if self.face_list is not None:
            self.face_list.clear()
        self._sync_consent()
        self._update()

    def ready_faces(self) -> list[FaceItem]:
        return [f for f in self.faces if f.state == "ready"]

    # -- consent, once per (face, video) pair (by content) for the session -------------------------
    def _consent_pairs(self) -> list[tuple[str, str]]:
        """Every (face, video) pair a submit would send now, by content (the path until hashed).

        A video fetched from a web address is someone else's until the user says otherwise: its
        pair is its own ("url:" + digest), so the box is ticked again for it even when the same
        clip was confirmed as a local file."""
        vids = [("url:" if v.source_url else "") + (v.digest or str(v.path)) for v in self.ready_videos()]
        return [(f.digest or str(f.path), v) for f in self.ready_faces() for v in vids]

    def consent_given(self) -> bool:
        pairs = self._consent_pairs()
        return bool(pairs) and all(self._consented.given(f, v) for f, v in pairs)

    def _sync_consent(self) -> None:
        """The box shows the consent for this face and this video: a new face, a new video or a
        cleared one unticks it; nothing to confirm yet (no face or no video) disables it."""
        if self.consent_box is None:
            return
        was = self.consent_box.blockSignals(True)
        from_web = any(v.source_url for v in self.ready_videos())
        self.consent_box.setToolTip(translate(
            "VideoToolPage", "This video came from a web address: it is someone else's video unless you have "
            "the right to use it. Tick the box only if you do.") if from_web else "")
        self.consent_box.setChecked(self.consent_given())
        self.consent_box.setEnabled(bool(self._consent_pairs()))
        self.consent_box.blockSignals(was)

    def _consent_toggled(self, on: bool) -> None:
        for f, v in self._consent_pairs():
            if on:
                self._consented.add(f, v)
            else:
                self._consented.discard(f, v)
        self._update()

    # ==== planning and cost =======================================================================
    def ready_videos(self) -> list[VideoItem]:
        return [v for v in self.videos if v.state == "ready"]

    def plan(self) -> tuple[list[PlannedJob], str]:
        """The jobs a submit would send now, and why nothing can be sent ("" when something can)."""
        spans, why = self.spans()
        if why:
            return [], why
        jobs: list[PlannedJob] = []
        for j in spans:
            est = self._job_credits(j.video, j.start, j.end)
            if est is None:
                return [], self._no_cost_reason()
            j.credits = est
            jobs.append(j)
        return jobs, ""

    def spans(self) -> tuple[list[PlannedJob], str]:
        """The jobs a submit would send now without their cost (``credits`` 0), and why nothing
        can be sent ("" when something can)."""
        vids = self.ready_videos()
        faces = self.ready_faces() if self.needs_face else [None]
        if not vids:
            self.skipped = []
            return [], (translate("VideoToolPage", "Drop a video.") if not self.videos
                        else translate("VideoToolPage", "None of the videos can be used."))
        # a video the options do not apply to (a 9:16 clip asked to become 9:16) is left out and
        # said so; the others go on (one file never blocks a batch)
        self.skipped = [(v, why) for v in vids if (why := self._skip_reason(v))]
        if self.skipped:
            vids = [v for v in vids if all(v is not s for s, _ in self.skipped)]
            if not vids:
                if len(self.skipped) == 1:
                    return [], self.skipped[0][1]
                return [], translate("VideoToolPage", "None of the videos can be sent: %1").replace(
                    "%1", " ".join(why for _, why in self.skipped))
        if self.needs_face and not faces:
            return [], (translate("VideoToolPage", "Drop a photo of the face.") if not self.faces
                        else translate("VideoToolPage", "None of the face images can be used."))
        if len(vids) > 1 and len(faces) > 1:
            return [], translate("VideoToolPage", "Use one face with several videos, or one video with several faces.")
        tr = self.trimmer
        jobs: list[PlannedJob] = []
        for v in vids:
            start, end = v.start, v.end  # the selection, kept on the item (the trimmer edits it)
            note = ""
            if v is self.current and tr is not None and tr.path is not None and Path(tr.path).absolute() == v.path:
                if not tr.is_valid():
                    return [], f"{v.name}: {tr.reason()}"
            elif end - start > self.max_seconds + 1e-6:
                end = start + self.max_seconds
            if not v.trimmed and v.duration > self.max_seconds + 0.05:
                note = (translate("VideoToolPage", "%1: the first %2 s of %3").replace("%1", v.name)
                        .replace("%2", f"{self.max_seconds:g}").replace("%3", fmt_s(v.duration)))
            for f in faces:
                jobs.append(PlannedJob(v, f, start, end, 0.0, note))
        return jobs, ""

    def _skip_reason(self, video: VideoItem) -> str:
        """Why ``video`` is left out of the next submit with the options shown ("" when it is not);
        the other videos still go (a page whose options may not suit every file overrides)."""
        return ""

    def _update(self) -> None:
        jobs, why = self.plan()
        self._show_cost(jobs)
        left_out = [('• ' if len(jobs) > 1 else '') + translate("VideoToolPage", "Left out: %1").replace("%1", html.escape(r))
                    for _v, r in getattr(self, "skipped", [])] if jobs else []
        if len(jobs) > 1:
            lines = [translate("VideoToolPage", "Batch: %1 with the same settings (%2).").replace(
                "%1", n_of(len(jobs), 'job')).replace("%2", self._settings_text())]
            lines += ["• " + translate("VideoToolPage", "%1: %2 to %3, %4").replace("%1", html.escape(mid_elide(j.title)))
                      .replace("%2", fmt_s(j.start)).replace("%3", fmt_s(j.end)).replace("%4", credits(j.credits))
                      + (translate("VideoToolPage", " (first 30 s)") if j.note else "") for j in jobs]
            self.batch_label.setText("<br>".join(lines + left_out))
            self.batch_label.setToolTip("\n".join(j.title for j in jobs))
            self.batch_label.setVisible(True)
        else:
            notes = [translate("VideoToolPage", "%1 is used (not trimmed).").replace("%1", html.escape(j.note))
                     for j in jobs if j.note]
            self.batch_label.setText("<br>".join(notes + left_out))
            self.batch_label.setToolTip("")
            self.batch_label.setVisible(bool(notes or left_out))
        bad = [i for i in [*self.videos, *self.faces] if i.state == "bad"]
        self.problems.set_items([(i.name, i.reason) for i in bad])
        self.video_list.setVisible(any(v.state != "bad" for v in self.videos))
        if self.face_list is not None:
            self.face_list.setVisible(sum(f.state != "bad" for f in self.faces) > 1)
        if self.videos and self.current is not None:
            n = len(self.ready_videos())
            self.video_drop.set_preview(None, f"{self.current.name}" + (translate("VideoToolPage", " (+%1 more)").replace("%1", str(n - 1))
                                                               if n > 1 else ""))
        elif not self.videos:
            self.video_drop.set_preview(None, "")
        self._sync_consent()
        self._planned = jobs
        self._why = why
        self.submit_button.setText(self._submit_text(jobs))
        self._update_submit()
        self._update_time_line()

    # ==== time to result ==========================================================================
    def _prep_kind(self) -> str | None:
        """The Verging video kind whose preparation the upload choice makes (None: another
        provider's job, prepared as before)."""
        try:
            kind = self._kind_of(self._settings())
        except Exception:  # a page whose options are not built yet
            return None
        return kind if kind in VIDEO_KINDS else None

    def _uplink_client(self) -> tuple[str, Any] | None:
        """The provider id and the client the next submit uploads through (Verging's here; a
        page for another provider overrides)."""
        from ...core.providers import VERGING

        try:
            return VERGING.id, self.ctx.client
        except Exception:
            return None

    def upload_link(self) -> str:
        """The link the next submit's uploads share ("verging|api.example.com"): uploads on one
        link go one at a time (``jobs.pipeline``)."""
        from ...core.uplink import host_of

        got = self._uplink_client()
        if got is None:
            return self.service
        provider, client = got
        return f"{provider}|{host_of(str(getattr(client, 'base_url', '')))}"

    def uplink_rate(self) -> float | None:
        """The estimated upload rate of the next submit in bytes/s (None: not measured yet), from
        the estimator the client reports its uploads to (the app's ``uplink.json``)."""
        from ...core.uplink import client_rate

        got = self._uplink_client()
        if got is None:
            return None
        provider, client = got
        return client_rate(provider, client)

    def typical_seconds(self, kind: str | None = None) -> float | None:
        """The median seconds from submit to result of the last completed jobs of ``kind``."""
        kind = kind or self.kind
        if kind not in self._typical:
            q = self.watcher.queue
            store = getattr(q, "store", None)
            if store is None or not hasattr(store, "run_times"):
                return None
            try:
                self._typical[kind] = typical_seconds(store, kind)
            except Exception:
                log.exception("reading the time to result of %s failed", kind)
                self._typical[kind] = None
        return self._typical[kind]

    def _forced_mode(self, job: PlannedJob) -> str | None:
        """The cut mode the user forced for ``job`` (None: "auto", or the trimmer holds another video)."""
        tr = self.trimmer
        if tr is None or tr.path is None or Path(tr.path).absolute() != job.video.path:
            return None
        return tr.forced_mode

    def _chooser(self, job: PlannedJob, rate: float | None) -> Any:
        """``wait -> PrepChoice`` for ``job`` (None: no probe, or a range the plan refuses)."""
        from ...jobs import prep_choice as pc

        info = job.video.info
        if info is None:
            return None
        try:
            plan = plan_video(info, job.start, job.end, max_seconds=self.max_seconds)
        except (InputError, ValueError):
            return None
        forced = self._forced_mode(job)
        start, end = (0.0, info.duration) if plan.uncut else (plan.start, plan.end)
        want = ("uncut" if plan.uncut and forced != "compact" else forced) if forced else None
        return lambda wait: pc.choose(info, start, end, uplink=rate, forced=want, uncut=plan.uncut, wait=wait)

    def time_line_text(self) -> str:
        """"Re-encoding to 19 MB: about 31 s to upload at your 5 Mbit/s instead of 81 s. Results
        usually take about 40 s." for the current job; for a batch, when the last of its uploads
        should be done, as the pipeline sends them ("" when there is nothing to say)."""
        from ...jobs.pipeline import schedule

        kind = self._prep_kind()
        jobs: list[PlannedJob] = getattr(self, "_planned", [])
        if kind is None or not jobs:
            return ""
        rate = self.uplink_rate()
        parts: list[str] = []
        try:
            if len(jobs) > 1:
                choosers = [c for c in (self._chooser(j, rate) for j in jobs) if c is not None]
                if len(choosers) == len(jobs):
                    # jobs of one video and range (several faces) share one cut: made once
                    seen: set[tuple[Path, float, float]] = set()
                    for i, j in enumerate(jobs):
                        key = (j.video.path, j.start, j.end)
                        if key in seen:
                            choosers[i] = (lambda c: lambda wait: dataclasses.replace(c(wait), prepare_seconds=0.0))(
                                choosers[i])
                        seen.add(key)
                    plan = schedule(choosers)
                    total = sum(p.choice.predicted_bytes for p in plan)
                    modes = {p.choice.mode for p in plan}
                    how = (translate("VideoToolPage", "each re-encoded to fewer bytes") if modes == {"compact"}
                           else translate("VideoToolPage", "sent as they are, one after another") if modes == {"uncut"}
                           else translate("VideoToolPage", "each cut while the one before it uploads"))
                    parts.append(translate("VideoToolPage", "%1 jobs, %2 in all, %3: the last upload should be done "
                                           "in about %4.").replace("%1", str(len(jobs))).replace(
                        "%2", mb_text(total)).replace("%3", how).replace("%4", duration_text(plan[-1].uploaded_at)))
            else:
                chooser = self._chooser(jobs[0], rate)
                if chooser is not None:
                    parts.append(chooser(0.0).sentence)
        except (InputError, ValueError, ZeroDivisionError):
            pass
        parts.append(results_sentence(self.typical_seconds(kind), each=len(jobs) > 1))
        return join(parts)

    def _update_time_line(self) -> None:
        text = self.time_line_text()
        self.time_label.setText(text)
        self.time_label.setVisible(bool(text))

    def _tick_rows(self) -> None:
        q = self.watcher.queue
        open_rows = False
        for local_id in list(self.rows):
            rec = self.watcher.record(local_id) if q is not None else None
            if rec is not None and rec.status in (LocalStatus.PENDING, LocalStatus.PROCESSING):
                open_rows = True
                self._render_row(rec)
        if not open_rows:
            self._eta_timer.stop()

    def _server_left_text(self, rec: JobRecord) -> str:
        """" · about 25 s left" for a job on the server (from the history's median), or ""."""
        left = remaining_seconds(self.typical_seconds(rec.kind) if rec.kind in self.spec.job_kinds else None, rec.age)
        if left is None:
            return ""
        return " · " + translate("VideoToolPage", "about %1 s left").replace("%1", str(max(1, round(left))))

    # ==== the provider's side: Verging's per-second jobs (a page for another provider overrides) ===
    def _job_credits(self, video: VideoItem, start: float, end: float) -> float | None:
        """The estimate of one job of ``video`` from ``start`` to ``end`` (None: not known yet)."""
        return float(self.ctx.pricing.video(self.service, end - start, self.hd).credits)

    def _no_cost_reason(self) -> str:
        """Why a job has no estimate yet (the submit waits for it)."""
        return translate("VideoToolPage", "Working out the cost…")

    def _show_cost(self, jobs: list[PlannedJob]) -> None:
        """Put the cost of ``jobs`` in the cost bar."""
        total = sum(j.credits for j in jobs)
        if jobs:
            rate = self.ctx.pricing.per_second_rate(self.service, self.hd)
            secs = sum(self.ctx.pricing.billable_seconds(j.end - j.start) for j in jobs)
            unit = f"{credits(rate)}/s{' (HD)' if self.hd else ''}"
            detail = (translate("VideoToolPage", "%1 s x %2").replace("%1", str(secs)).replace("%2", unit)
                      if len(jobs) == 1 else translate("VideoToolPage", "%1, %2 s in all x %3").replace(
                          "%1", n_of(len(jobs), 'job')).replace("%2", str(secs)).replace("%3", unit))
            self.cost.set_cost(total, detail)
        else:
            self.cost.set_cost(0, "")

    def _settings_text(self) -> str:
        """The settings a batch shares, in words ("HD on")."""
        return translate("VideoToolPage", "HD on") if self.hd else translate("VideoToolPage", "HD off")

    def _settings(self) -> Any:
        """What a submit sends besides its inputs, taken when it is clicked (Verging: HD or not)."""
        return self.hd

    def _job_key(self, job: PlannedJob, settings: Any) -> str:
        """The fingerprint of ``job`` sent with ``settings`` (the "same job again?" check)."""
        return job.key(self.service, bool(settings))

    def _kind_of(self, settings: Any) -> str:
        """The queue's job kind of a job sent with ``settings``."""
        return self.kind

    def owns(self, rec: JobRecord) -> bool:
        """Whether ``rec`` is a job of this tool (any of its kinds)."""
        return rec.kind in self.spec.job_kinds

    async def _job_queue(self, settings: Any) -> Any:
        """The queue that sends a job with ``settings``."""
        return await self.watcher.ready()

    async def _upload_estimate(self, res: PreparedVideo, settings: Any) -> float:
        """The estimate of the job of the file that goes up (its real length)."""
        return float(self.ctx.pricing.video(self.service, res.duration, bool(settings)).credits)

    def _balance(self, settings: Any) -> float | None:
        """The balance a charge of a job with ``settings`` comes off (None: not known)."""
        acct = self.ctx.session.account
        return None if acct is None else float(acct.credits)

    def _submit_text(self, jobs: list[PlannedJob]) -> str:
        word = class_word(self, self.submit_word, "VideoToolPage")
        if not jobs:
            return word
        total = sum(j.credits for j in jobs)
        if len(jobs) == 1:
            return translate("VideoToolPage", "%1 (%2)").replace("%1", word).replace("%2", credits(total))
        return translate("VideoToolPage", "%1: %2 (%3)").replace("%1", word).replace(
            "%2", n_of(len(jobs), 'job')).replace("%3", credits(total))

    def _update_submit(self) -> None:
        jobs, why = getattr(self, "_planned", []), getattr(self, "_why", "")
        if not why and jobs and self.needs_face and not self.consent_given():
            why = translate("VideoToolPage", "Tick the box to confirm you have the right to use this face and this video.")
        if not why and jobs and not self.cost.sufficient:
            why = translate("VideoToolPage", "Not enough credits: %1 short.").replace("%1", credits(self.cost.shortfall))
        self.why_label.setText(why)
        self.guard.set_enabled(bool(jobs) and not why)

    # ==== submitting ==============================================================================
    def cuts_dir(self) -> Path:
        d = Path(self.ctx.dirs.data) / "cuts"
        d.mkdir(parents=True, exist_ok=True)
        return d

    def submit(self) -> list[asyncio.Task[Any]]:
        """Send the planned jobs once (the guard ignores clicks until they are in the queue, and
        asks first when the same inputs and settings were sent before); returns their tasks when
        they started at once."""
        if self.guard.busy:
            return []
        jobs, _skipped = self.plan()
        self._update()
        if not self.submit_button.isEnabled() or not jobs:
            return []
        settings = self._settings()
        keys = [self._job_key(j, settings) for j in jobs]
        out: list[asyncio.Task[Any]] = []

        def send() -> Any:
            queued: list[asyncio.Future[JobRecord | None]] = []
            self._autoshow = True  # the first job of this submit to be created is shown below
            self._batch = {}  # cuts shared by the jobs of this submit
            for j in jobs:
                row = self.steps.add(j.title, detail=f"{j.start:.1f}–{j.end:.1f} s")
                row.set_step(translate("VideoToolPage", "Waiting to start…"), 0.0)
                fut: asyncio.Future[JobRecord | None] = asyncio.get_event_loop().create_future()
                task = self._spawn(self._run_job(j, settings, row, fut), f"{self.service}-submit")
                row.on_cancel = task.cancel
                row.set_cancellable(True)
                task.add_done_callback(lambda t, r=row, f=fut: self._job_task_done(t, r, f))
                out.append(task)
                queued.append(fut)
            self.ctx.session.message.emit(translate("VideoToolPage", "Sending %1…").replace("%1", n_of(len(jobs), 'job')))
            self._report_when_queued(queued)
            self._forget_unrecorded_cuts(out[-len(jobs):], self._batch)

            async def in_queue() -> list[str]:
                recs = await asyncio.gather(*queued, return_exceptions=True)
                return [k for k, r in zip(keys, recs, strict=True) if isinstance(r, JobRecord)]

            return in_queue()

        self.guard.submit(keys, sum(j.credits for j in jobs), send)
        return out

    def _report_when_queued(self, tasks: list[asyncio.Future[JobRecord | None]]) -> None:
        """Replace "Sending N jobs…" in the status bar by what happened once every job of the
        submit is in the queue (or was not sent): as each job's ``queued`` future resolves, not
        when its task ends (that waits for the balance), so the line never lands after the job's
        outcome ("Face swap finished") and stays there stale."""
        pending = set(tasks)

        def done(t: asyncio.Future[JobRecord | None]) -> None:
            pending.discard(t)
            if pending:
                return
            recs = [x.result() for x in tasks if not x.cancelled() and x.exception() is None]
            maybe = sum(1 for r in recs if r is not None and r.status is LocalStatus.UNKNOWN)
            queued = sum(1 for r in recs if r is not None) - maybe
            failed = len(tasks) - queued - maybe
            parts = []
            if queued:
                parts.append(translate("VideoToolPage", "%1 queued").replace("%1", n_of(queued, "job")))
            if maybe:
                parts.append(translate("VideoToolPage", "%1 may have been sent (see the Job Queue)").replace(
                    "%1", n_of(maybe, "job")))
            if failed:
                parts.append(translate("VideoToolPage", "%1 not sent").replace("%1", n_of(failed, "job")))
            with contextlib.suppress(RuntimeError):  # the app is closing
                sep = translate("VideoToolPage", ", ", "between the parts of the submit's summary")
                self.ctx.session.message.emit(translate("VideoToolPage", "%1.", "the submit's summary").replace(
                    "%1", sep.join(parts)))

        for t in tasks:
            t.add_done_callback(done)

    def _forget_unrecorded_cuts(self, tasks: list[asyncio.Task[Any]],
                                batch: dict[Any, asyncio.Task[PreparedVideo]]) -> None:
        """Once every job of a submit has ended, delete the cuts it made under ``<data>/cuts`` that
        no job records (cancelled or failed before the queue recorded it: nothing reads them). A
        recorded job's cut stays: it is the compare view's original and what "Send again" uploads
        (``jobs.housekeeping`` removes it when old and final). The user's own files are never cut
        files (``PreparedVideo.cut`` is None when a video goes up as it is)."""
        pending = set(tasks)

        def done(t: asyncio.Task[Any]) -> None:
            pending.discard(t)
            if pending:
                return
            made = [c.result().path for c in batch.values()
                    if c.done() and not c.cancelled() and c.exception() is None and c.result().cut is not None]
            queue = self.watcher.queue
            if not made or queue is None:
                return
            used = {p for kind in self.spec.job_kinds
                    for rec in queue.store.list(kind=kind, include_hidden=True) for p in rec.inputs}
            for p in made:
                if str(p) not in used and p.parent == self.cuts_dir():
                    with contextlib.suppress(OSError):
                        p.unlink()

        for t in tasks:
            t.add_done_callback(done)

    @staticmethod
    def _job_task_done(task: asyncio.Task[Any], row: StepRow,
                       queued: asyncio.Future[Any] | None = None) -> None:
        if queued is not None and not queued.done():
            queued.set_result(None)  # ended (failed or cancelled) before it reached the queue
        if task.cancelled():
            with contextlib.suppress(RuntimeError):  # the row may be gone already
                if not row.done:
                    row.finish(translate("VideoToolPage", "Cancelled before sending; nothing was charged."), ok=False)

    async def _cut(self, job: PlannedJob, row: StepRow) -> PreparedVideo:
        """The file to upload for ``job`` (its cut, or the video itself); jobs of one submit that
        share a video and range share one."""
        key = (job.video.path, job.start, job.end, id(self._batch))
        task = self._batch.get(key)
        if task is None or task.cancelled():
            task = asyncio.ensure_future(self._make_cut(job, row))
            self._batch[key] = task
            self.tasks.add(task)  # cancelled with the tab (its errors are reported by the jobs)
            task.add_done_callback(self.tasks.discard)
            task.add_done_callback(lambda t: t.cancelled() or t.exception())  # retrieved: no log noise
        else:
            row.set_step(translate("VideoToolPage", "Cutting the selection (shared with another job)…"), None)
        return await asyncio.shield(task)

    async def _make_cut(self, job: PlannedJob, row: StepRow) -> PreparedVideo:
        """Plan and prepare ``job``'s video with the shared use case (probed when it was added).
        Cuts are made one at a time (``jobs.pipeline``: the next job's cut while this one
        uploads); the choice knows how long the link is still taken by the uploads before."""
        from ...jobs.pipeline import for_loop

        v = job.video
        info = v.info if v.info is not None else await probe_video(v.path)
        plan = plan_video(info, job.start, job.end, max_seconds=self.max_seconds)
        pipe = for_loop()
        if pipe.preparing_now:
            row.set_step(translate("VideoToolPage", "Waiting while the video before it is prepared…"), None)
        async with pipe.preparing():
            tr = self.trimmer
            cutter = None
            kind = self._prep_kind()
            forced = self._forced_mode(job)
            holds = tr is not None and tr.path is not None and Path(tr.path).absolute() == v.path
            same = (tr is not None and holds and not plan.uncut and tr.is_valid()
                    and tr.selection() == (job.start, job.end))
            if same and tr is not None and (forced is not None or kind is None):
                # a mode the user forced (or a job without the choice): the trimmer's cut, its preview reused
                row.set_step(translate("VideoToolPage", "Cutting the selection…"), None)
                cutter = tr.cut_selection
            elif not plan.uncut:
                row.set_step(translate("VideoToolPage", "Cutting the selection…"), 0.0)
            else:  # the whole file: the choice may still re-encode it (a slow link)
                row.set_step(translate("VideoToolPage", "Choosing how to send the video…"), None)
            mode = forced if holds else None

            def reuse(chosen: str) -> Any:
                """The trimmer's preview cut when the choice is the mode it was made in (Auto cuts
                its preview smart): no second cut of the same selection."""
                if same and tr is not None and tr.forced_mode is None and chosen == tr.cut_mode \
                        and tr.selection() == (job.start, job.end) and tr.holds_cut():
                    row.set_step(translate("VideoToolPage", "Using the preview's cut…"), None)
                    return tr.cut_selection
                return None

            def progress(p: Progress) -> None:
                row.set_step(translate("VideoToolPage", "Cutting the selection…"), p.fraction)

            link = self.upload_link()
            # a first batch: the upload before this one tells the rate within its first seconds
            rate = await pipe.learn_rate(link, self.uplink_rate) if kind else None
            wait = pipe.link_busy_seconds(link, rate or DEFAULT_UPLINK) if kind else 0.0
            res = await prepare(plan, work_dir=self.cuts_dir(), progress=progress, cutter=cutter, kind=kind,
                                mode=mode if cutter is None else None, uplink=rate, choose=kind is not None,
                                wait=wait, reuse=reuse)
        if res.sentence:
            log.info("%s: %s", job.title, res.sentence)
        return res

    async def _run_job(self, job: PlannedJob, settings: Any, row: StepRow,
                       queued: asyncio.Future[JobRecord | None] | None = None) -> JobRecord | None:
        try:
            res = await self._cut(job, row)
        except asyncio.CancelledError:
            row.finish(translate("VideoToolPage", "Cancelled before sending; nothing was charged."), ok=False)
            raise
        except (VergingError, OSError) as e:
            row.finish(translate("VideoToolPage", "Not sent: the cut failed (%1). Nothing was charged.").replace("%1", str(e)),
                       ok=False)
            return None
        try:
            est = await self._upload_estimate(res, settings)
        except VergingError as e:
            row.finish(translate("VideoToolPage", "Not sent: the cost could not be worked out (%1). Nothing was charged.")
                       .replace("%1", str(e)), ok=False)
            return None
        # a short whole MP4 goes up uncut
        what = translate("VideoToolPage", "the video") if res.cut is None else translate("VideoToolPage", "the cut")
        name = f"{job.video.stem}.mp4"
        if job.face is not None and len(self.ready_faces()) > 1:
            name = f"{job.video.stem}-{job.face.stem}.mp4"

        eta = Eta()
        sent: QueuedRecord | None = None

        def progress(p: Progress) -> None:
            frac = p.fraction
            eta.update(int(p.done), int(p.total) if p.total else None)
            local_id = sent.local_id if sent is not None else None
            if frac is not None and frac >= 1.0:
                if local_id is not None:
                    upload_board.finished(local_id)
                row.set_cancellable(False)  # create-job is being sent: no cancelling from here
                row.set_step(translate("VideoToolPage", "Creating the job…"), None)
            else:
                left = eta.seconds_left()
                if local_id is not None:
                    upload_board.report(local_id, frac, left)
                text = translate("VideoToolPage", "Uploading %1 (%2 s): %3%").replace("%1", what).replace(
                    "%2", f"{res.duration:.2f}").replace("%3", f"{0 if frac is None else frac * 100:.0f}")
                if left is not None:
                    text += " · " + translate("VideoToolPage", "about %1 s left").replace("%1", str(max(1, round(left))))
                row.set_step(text, frac)

        from ...jobs.pipeline import for_loop

        pipe = for_loop()
        link = self.upload_link()
        try:
            nbytes = res.path.stat().st_size
        except OSError:
            nbytes = 0
        self._sending += 1
        balance_before = self._balance(settings)
        try:
            if not pipe.link_free(link):
                row.set_step(translate("VideoToolPage", "Ready; waiting for the upload before it…"), None)
            async with pipe.uploading(link, nbytes) as slot:
                row.set_step(translate("VideoToolPage", "Uploading %1 (%2 s)…").replace("%1", what).replace(
                    "%2", f"{res.duration:.2f}"), 0.0)

                def sending(p: Progress) -> None:
                    slot.progress(int(p.done))
                    if p.fraction is not None and p.fraction >= 1.0:
                        slot.release()  # the body is out: the next job's upload may start
                    progress(p)

                queue = await self._job_queue(settings)
                inputs = [res.path] + ([job.face.path] if job.face is not None else [])
                with QueuedRecord(queue, self._kind_of(settings), inputs) as sent:
                    rec = await self._send(queue, res.path, job, name, res.duration, settings, est, sending)
        except asyncio.CancelledError:
            maybe = sent.may_exist() if sent is not None else None
            if maybe is not None:
                self._may_have_been_sent(maybe, row, queued)
            else:
                row.finish(translate("VideoToolPage", "Cancelled before sending; nothing was charged."), ok=False)
            raise
        except InsufficientCredits as e:
            row.finish(translate("VideoToolPage", "Not enough credits: %1").replace("%1", str(e)), ok=False)
            self.ctx.session.refresh_account()
            return None
        except VergingError as e:
            maybe = sent.may_exist() if sent is not None else None
            if maybe is not None:
                self._may_have_been_sent(maybe, row, queued)
                return maybe
            row.finish(translate("VideoToolPage", "Not sent: %1").replace("%1", str(e)), ok=False)
            return None
        finally:
            self._sending -= 1
            if sent is not None and sent.local_id is not None:
                upload_board.finished(sent.local_id)
        alone = self._sending == 0
        self._update_time_line()  # the upload measured the link again
        if queued is not None and not queued.done():
            queued.set_result(rec)  # in the queue: the submit button is free again
        row.set_cancellable(False)
        row.local_id = rec.local_id
        self.rows[rec.local_id] = row
        self._attach_show(row, rec.local_id)
        self._render_row(rec)
        if self._autoshow or self.result.local_id is None:
            self._autoshow = False
            self.result.show_job(rec.local_id)
        if balance_before is None:
            return rec
        acct = await self.ctx.session.wait_refreshed()
        if alone and acct is not None and self._sending == 0:
            # the balance change is the charge when nothing else was sent meanwhile (for servers
            # that do not report a job's credits)
            self.balance_change[rec.local_id] = balance_before - float(acct.credits)
            self._render_row(self.watcher.record(rec.local_id) or rec)
        return rec

    async def _send(self, queue: VideoQueue, path: Path, job: PlannedJob, name: str, duration: float,
                    settings: Any, est: float, progress: Callable[[Progress], None]) -> JobRecord:
        """Upload ``path`` and create this tab's job through the queue (``jobs.prepare.create_job``)."""
        face = job.face.path if job.face is not None else None
        return await create_job(queue, self.kind, path, face=face, duration=duration, hd=bool(settings),
                                input_name=name, estimated=est, progress=progress, extra=self._source_params(job))

    @staticmethod
    def _source_params(job: PlannedJob) -> dict[str, Any] | None:
        """What the job record keeps of inputs fetched from the web: their addresses."""
        extra: dict[str, Any] = {}
        if job.video.source_url:
            extra["source_url"] = job.video.source_url
        if job.face is not None and job.face.source_url:
            extra["face_source_url"] = job.face.source_url
        return extra or None

    def _may_have_been_sent(self, rec: JobRecord, row: StepRow, queued: asyncio.Future[Any] | None) -> None:
        """Create-job failed after its request may have reached the server: the job may exist (the
        queue looks for it). It counts as sent: never "Not sent", and the same job again asks first."""
        if queued is not None and not queued.done():
            queued.set_result(rec)
        row.set_cancellable(False)
        row.local_id = rec.local_id
        self.rows[rec.local_id] = row
        row.finish(translate("VideoToolPage", "May have been sent: the connection failed while the job was being created. "
                             "See the Job Queue (it looks for the job); it is not sent again by itself."), ok=False)

    def _attach_show(self, row: StepRow, local_id: int) -> None:
        btn = QPushButton(translate("VideoToolPage", "Show"))
        btn.setObjectName("showJob")
        btn.setToolTip(translate("VideoToolPage", "Show this job in the compare view"))
        btn.clicked.connect(lambda: (self.result.show_job(local_id), self.reveal_result()))
        row.add_action(btn)

    def _on_record(self, rec: JobRecord) -> None:
        if self.owns(rec) and rec.status is LocalStatus.COMPLETED and rec.finished_at:
            self._typical.pop(rec.kind, None)  # one more run in the history
            self._update_time_line()
        if self.owns(rec) and rec.local_id in self.rows:
            self._render_row(rec)

    def _render_row(self, rec: JobRecord) -> None:
        row = self.rows.get(rec.local_id)
        if row is None:
            return
        with contextlib.suppress(RuntimeError):  # the row was dismissed
            if rec.status is LocalStatus.COMPLETED:
                delta = self.balance_change.get(rec.local_id)
                if rec.charged_credits is not None:
                    charged = translate("VideoToolPage", "charged %1").replace("%1", credits(rec.charged_credits))
                elif delta is not None:
                    charged = translate("VideoToolPage", "the balance went down by %1").replace("%1", credits(delta))
                else:
                    charged = translate("VideoToolPage", "charge not reported")
                row.finish(translate("VideoToolPage", "%1 · estimated %2, %3").replace("%1", result_status(rec)).replace(
                    "%2", credits(rec.estimated_credits)).replace("%3", charged))
                row.step.setStyleSheet(f"color: {ok_color()};")
            elif rec.status is LocalStatus.FAILED:
                row.finish(translate("VideoToolPage", "Failed: %1").replace(
                    "%1", error_text(rec) or translate("VideoToolPage", "the job failed on the server")), ok=False)
            elif rec.status is LocalStatus.CANCELLED:
                row.finish(error_text(rec) or translate("VideoToolPage", "Cancelled"), ok=False)
            elif rec.status in (LocalStatus.PENDING, LocalStatus.PROCESSING):
                row.set_step(translate("VideoToolPage", "In the queue: %1").replace("%1", result_status(rec))
                             + self._server_left_text(rec), (rec.progress or 0) / 100.0)
                if not self._eta_timer.isActive():
                    self._eta_timer.start()
            elif rec.status is LocalStatus.UNKNOWN:
                row.finish(error_text(rec) or translate("VideoToolPage", "Unknown: check your jobs on verging.ai"), ok=False)

    # ==== results and retry =======================================================================
    def accept_handoff(self, path: str) -> bool:
        """A file handed over from another tab (Image Generation's "use as face"): an image becomes
        the face (where this tool takes faces), a video the video. Checked like a drop.

        A hand-off *replaces* the slot's content (never a silent second job): the face (or video)
        that was there is swapped out, and when the slot holds several (a batch) the user is asked
        whether to replace them or add to the batch."""
        from ...core import filetypes as ft

        kind = ft.sniff(path) if Path(path).is_file() else None
        if kind in ("jpeg", "png", "webp", "gif", "bmp", "tiff") and self.needs_face:
            self._handoff_into(path, self.faces, self.add_faces, self.clear_faces, "face")
            return True
        if kind in ("mp4", "webm", "avi", "mpeg", "mpegts"):
            self._handoff_into(path, self.videos, self.add_videos, self.clear_videos, "video")
            return True
        return False

    def accept_opened(self, paths: list[str]) -> bool:
        """Videos opened with the app (the file manager, a second launch): they go in as a drop
        would put them. When videos are here already the user is asked first (replace them, or
        add the new ones to the batch; Cancel keeps everything as it was): an opened file never
        quietly replaces a video whose trim the user set, nor turns one job into a batch."""
        new = [p for p in dict.fromkeys(paths) if Path(p).is_file()]
        if not new:
            return False
        held = [i for i in self.videos if i.state != "bad"]
        known = {i.path for i in held}
        new = [p for p in new if Path(p).absolute() not in known]
        msg = self.ctx.session.message.emit
        if not new:
            msg(translate("VideoToolPage", "%1 is already here.").replace("%1", Path(paths[0]).name))
            return True
        if not held:
            self.add_videos(new)
            return True

        def replace() -> None:
            self.clear_videos()
            self.add_videos(new)

        from ..widgets.ai_handoff import ask_replace_or_add

        names = translate("VideoToolPage", ", ", "between file names").join(Path(p).name for p in new)
        jobs = n_of(len(held) + len(new), "job")
        if len(held) == 1:
            question = (translate("VideoToolPage", "%1 already has %2. Replace it with %3, or add it to the batch (%4)?")
                        if len(new) == 1 else
                        translate("VideoToolPage", "%1 already has %2. Replace it with %3, or add them to the batch (%4)?"))
            had = held[0].name
        else:
            question = (translate("VideoToolPage", "%1 already has %2. Replace them with %3, or add it to the batch (%4)?")
                        if len(new) == 1 else
                        translate("VideoToolPage", "%1 already has %2. Replace them with %3, or add them to the batch (%4)?"))
            had = n_of(len(held), "video")
        self.handoff_box = ask_replace_or_add(
            self, translate("VideoToolPage", "Open video") if len(new) == 1 else translate("VideoToolPage", "Open videos"),
            question.replace("%1", self.title_text).replace("%2", had).replace("%3", names).replace("%4", jobs),
            replace, lambda: self.add_videos(new),
            replace_text=translate("VideoToolPage", "Replace it") if len(held) == 1 else translate("VideoToolPage", "Replace them"))
        return True

    def reset_session_results(self) -> None:
        """The connection changed (live <-> sandbox): forget the jobs sent and the result shown
        (they belong to the other connection's queue). The videos, faces and trim stay."""
        self.rows.clear()
        self.balance_change.clear()
        self.steps.clear()
        self.result.reset()

    #: the last hand-off question (for tests), None when none was asked
    handoff_box: Any = None

    def _handoff_into(self, path: str, items: list[Any], add: Callable[[list[str]], Any],
                      clear: Callable[[], None], what: str) -> None:
        p = Path(path).absolute()
        held = [i for i in items if i.state != "bad"]
        msg = self.ctx.session.message.emit
        if any(i.path == p for i in held):
            msg((translate("VideoToolPage", "%1 is already the face here.") if what == "face" else
                 translate("VideoToolPage", "%1 is already the video here.")).replace("%1", p.name))
            return

        def replace() -> None:
            clear()
            add([path])

        if not held:
            add([path])
            return
        if len(held) == 1:
            replace()
            msg((translate("VideoToolPage", "%1 replaced %2 as the face in %3.") if what == "face" else
                 translate("VideoToolPage", "%1 replaced %2 as the video in %3.")).replace("%1", p.name)
                .replace("%2", held[0].name).replace("%3", self.title_text))
            return
        from ..widgets.ai_handoff import ask_replace_or_add

        n = len(held)
        self.handoff_box = ask_replace_or_add(
            self, translate("VideoToolPage", "Use as face") if what == "face" else translate("VideoToolPage", "Use as video"),
            translate("VideoToolPage", "%1 already has %2 (a batch of %3). Replace them with %4, or add it to the batch (%5)?")
            .replace("%1", self.title_text).replace("%2", n_of(n, what)).replace("%3", n_of(n, "job"))
            .replace("%4", p.name).replace("%5", n_of(n + 1, "job")),
            replace, lambda: add([path]))

    def show_job(self, local_id: int) -> None:
        """Called by the main window when the job is double-clicked in the queue."""
        self.show_results_row()
        self.result.show_job(local_id)
        self.reveal_result()

    def retry(self, local_id: int) -> None:
        rec = self.watcher.record(local_id)
        if rec is None:
            return
        est = rec.estimated_credits
        if est is None:
            est = self._record_estimate(rec, self._record_settings(rec))
        text = self._retry_text(rec, est)
        if text is None:
            return
        self.confirm(translate("VideoToolPage", "Retry"), text, lambda: self._spawn(self._do_retry(rec), f"{self.service}-retry"))

    def _retry_text(self, rec: JobRecord, est: float) -> str | None:
        if not rec.inputs or not Path(rec.inputs[0]).is_file():
            self.ctx.session.message.emit(translate("VideoToolPage", "The uploaded cut of this job is no longer on this computer."))
            return None
        return (translate("VideoToolPage", "Send %1 again as a new job? It costs about %2 "
                          "(charged again; a failed job is not charged).")
                .replace("%1", rec.input_name).replace("%2", credits(est)))

    def _record_settings(self, rec: JobRecord) -> Any:
        """The settings job ``rec`` was sent with (what a retry sends again)."""
        return bool(rec.params.get("hd"))

    def _record_estimate(self, rec: JobRecord, settings: Any) -> float:
        """What sending ``rec``'s input again with ``settings`` costs."""
        return float(self.ctx.pricing.video(self.service, float(rec.params.get("duration") or 0),
                                            bool(settings)).credits)

    async def _do_retry(self, rec: JobRecord) -> None:
        settings = self._record_settings(rec)
        queue = await self._job_queue(settings)
        dur = float(rec.params.get("duration") or 0)
        est = self._record_estimate(rec, settings)
        row = self.steps.add(translate("VideoToolPage", "%1 (again)").replace("%1", rec.input_name))
        row.set_step(translate("VideoToolPage", "Uploading the cut…"), 0.0)
        face = FaceItem(Path(rec.inputs[1])) if self.needs_face and len(rec.inputs) > 1 else None
        job = PlannedJob(VideoItem(Path(rec.inputs[0])), face, 0.0, dur, est)
        try:
            with QueuedRecord(queue, self._kind_of(settings), rec.inputs[:2 if face is not None else 1]) as sent:
                new = await self._send(queue, Path(rec.inputs[0]), job, rec.input_name, dur, settings, est,
                                       lambda p: row.set_step(translate("VideoToolPage", "Uploading the cut…"), p.fraction))
        except VergingError as e:
            maybe = sent.may_exist()
            if maybe is not None:
                self._may_have_been_sent(maybe, row, None)
            else:
                row.finish(translate("VideoToolPage", "Not sent: %1").replace("%1", str(e)), ok=False)
            return
        row.local_id = new.local_id
        self.rows[new.local_id] = row
        self._attach_show(row, new.local_id)
        self._render_row(new)
        self.result.show_job(new.local_id)

    def confirm(self, title: str, text: str, on_yes: Any) -> None:
        confirm(self, title, text, on_yes)

    # ==== closing =================================================================================
    def closeEvent(self, e: Any) -> None:
        self.shutdown()
        super().closeEvent(e)

    def shutdown(self) -> None:
        for t in list(self.tasks):
            t.cancel()
        self.result.compare.shutdown()
        if self.trimmer is not None:
            self.trimmer.shutdown()
        self.watcher.close()

