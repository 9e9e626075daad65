"""The Background Removal tab: drop images (or a folder), 1 credit each, jobs through the queue,
results over a checkerboard in the compare view, save as PNG.

Every dropped file is checked by its content before anything is sent: JPEG, PNG or WebP that
Qt can decode. A file over 10 MB is offered a downscale (a smaller copy made with QImage in a
worker thread); the bad ones are listed with their reasons and never uploaded.

Verging or varg (background-remover) does the work (the provider choice, each with its cost for
the ready images beside it). With varg the images go one by one through the job queue
(:class:`~verging_desktop.ui.tools.varg_choice.VargSide`: checked first, one order per click), up
to varg's 50 MB each; the same result view shows them, and the line under the button what the last
one came to ("From cache: free", "Charged 2 ¢ ($0.02), estimate 2 ¢").
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...app_core.pricing_text import price_lines
from ...core import filetypes as ft
from ...core.errors import InsufficientCredits, VergingError
from ...core.submissions import content_hash, fingerprint
from ...core.tools import tool
from ...jobs.store import JobRecord, LocalStatus
from ...jobs.words import error_text, result_status
from ..colors import error_color
from ..dialogs.common import confirm
from ..images import check_image_file, downscale_to_fit, make_thumbnail
from ..jobs.result_panel import ResultPanel, result_file
from ..jobs.watcher import JobWatcher
from ..plural import credits, plural
from ..widgets.cost_bar import CostBar
from ..widgets.dropzone import IMAGE_FILTER, DropZone
from ..widgets.header import tool_page_header
from ..widgets.photo_icon import photo_icon
from ..widgets.provider_choice import ProviderChoice, one_place
from ..widgets.rejections import RejectionList
from ..widgets.submit_guard import QueuedRecord, SubmitGuard
from .varg_choice import VargSide

if TYPE_CHECKING:  # pragma: no cover
    from ..context import ToolContext

log = logging.getLogger("verging_desktop.ui.tools.background_removal")

#: this page's tool (the registry) and the queue's job kind it makes
SPEC = tool("background-removal")
KIND = SPEC.job_kinds[0]
VARG_KIND = "varg-background-removal"


def drop_hint(max_bytes: int) -> str:
    """The drop zone's words for a provider's size limit per image."""
    return QCoreApplication.translate("BackgroundRemovalPage", "Drop JPG, PNG or WebP images (up to %1 MB each) or a folder"
                                      ).replace("%1", str(max_bytes // ft.MB))
VARG_MODEL = "background-remover"
PROVIDERS = [("verging", "Verging"), ("varg", "varg (background-remover)")]


@dataclass
class ImageItem:
    path: Path
    state: str = "checking"  # checking, ready, too_big, bad, sending, sent, failed
    reason: str = ""
    upload: Path | None = None  # the file sent (the original or its downscaled copy)
    note: str = ""
    local_id: int | None = None
    size_bytes: int = 0
    #: content hash of the file sent (the "same job" check)
    digest: str = ""
    widget: QListWidgetItem | None = field(default=None, repr=False)
    #: fetched from a web address: its title and the address (kept with the job)
    title: str = ""
    source_url: str = ""

    @property
    def name(self) -> str:
        return self.title or self.path.name


class BackgroundRemovalPage(QWidget):
    def __init__(self, ctx: ToolContext) -> None:
        super().__init__()
        self.setObjectName("backgroundRemovalTab")
        self.ctx = ctx
        self.watcher = JobWatcher(ctx, self)
        self.items: list[ImageItem] = []
        self.tasks: set[asyncio.Task[Any]] = set()

        self.header = tool_page_header(SPEC.id)
        self.price_label = QLabel()
        self.price_label.setObjectName("priceText")
        self.price_label.setEnabled(False)
        self.providers = ProviderChoice(stacked=True)
        self.providers.set_providers([("verging", self.tr("Verging")), ("varg", self.tr("varg (background-remover)"))])
        self.providers.setToolTip(self.tr("Who removes the backgrounds; what each costs for the ready images is beside it"))
        self.drop = DropZone(self.tr("Images"), drop_hint(ft.IMAGE_MAX_BYTES),
                             multiple=True, file_filter=IMAGE_FILTER, dialog_title=self.tr("Choose images"))
        self.drop.setObjectName("imageDrop")
        self.drop.filesDropped.connect(self.add_files)
        self.drop.enable_remote(ctx, "image")
        self.list = QListWidget()
        self.list.setObjectName("imageList")
        self.list.setIconSize(QSize(48, 48))
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.currentRowChanged.connect(self._row_selected)
        # every refused file in one compact, dismissible line
        self.problems = RejectionList(self.tr("not sent"))
        self.problems.dismissed.connect(self.forget_rejected)
        self.downscale_button = QPushButton()
        self.downscale_button.setObjectName("downscaleButton")
        self.downscale_button.setToolTip(self.tr("Make a smaller copy of each image over 10 MB (your files are not changed)"))
        self.downscale_button.clicked.connect(self.downscale_large)
        self.downscale_button.hide()
        self.cost = CostBar(ctx)
        self.cost.sufficiencyChanged.connect(lambda _ok: self._update())
        self.submit_button = QPushButton(self.tr("Remove backgrounds"))
        self.submit_button.setObjectName("submitButton")
        self.submit_button.setToolTip(self.tr("Send every ready image (Ctrl+Enter)"))
        self.submit_button.clicked.connect(self.submit)
        #: one click, one submit: disabled until the jobs are in the queue; asks before a repeat
        self.guard = SubmitGuard(ctx, self.submit_button, parent=self)
        #: varg: its runner (one image at a time: the rest wait in :attr:`varg_pending`), outcome line
        self.varg = VargSide(ctx, self.providers, None, parent=self)
        self.varg.runner.busyChanged.connect(lambda _on: self._update())
        self.varg.runner.started.connect(self._varg_started)
        self.varg.runner.finished.connect(self._varg_finished)
        self.varg.runner.failed.connect(self._varg_failed)
        self.varg.runner.cancelled.connect(self._varg_failed)  # the row and the status bar say it
        self.varg.keyChanged.connect(lambda _on: self._update())
        self.varg_pending: list[ImageItem] = []
        self.varg_current: ImageItem | None = None
        self.providers.changed.connect(lambda _p: self._update())
        self.clear_button = QPushButton(self.tr("Clear list"))
        self.clear_button.setObjectName("clearList")
        self.clear_button.clicked.connect(self.clear_list)
        self.result = ResultPanel(self.watcher, save_filter=self.tr("PNG image (*.png)"),
                                  save_title=self.tr("Save the cut-out as PNG"),
                                  png_only=True)
        self.result.retryRequested.connect(self.retry)
        self.result.message.connect(ctx.session.message.emit)
        self.result.compare.set_placeholder(self.tr("Drop images, remove their backgrounds, and the result shows here "
                                                    "over a checkerboard."))
        self.watcher.recordChanged.connect(self._on_record)

        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.header)
        ll.addWidget(self.price_label)
        ll.addWidget(self.providers)
        ll.addWidget(self.drop)
        ll.addWidget(self.list, 1)
        ll.addWidget(self.problems)
        ll.addWidget(self.downscale_button)
        # Clear list under the list, the submit on its own line: a long submit text ("Remove
        # backgrounds: 4 images (4 credits)") never widens the column beyond a 1024 px window's room
        ll.addWidget(self.clear_button, 0, Qt.AlignmentFlag.AlignLeft)
        ll.addWidget(one_place(self.cost, self.varg.outcome))
        ll.addWidget(self.varg.time_label)
        ll.addWidget(self.varg.busy)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.submit_button)
        ll.addLayout(buttons)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.result)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        split.setChildrenCollapsible(False)
        scroll.setWidget(split)
        lay = QVBoxLayout(self)
        lay.addWidget(scroll)
        self.update_prices()
        ctx.session.settingsChanged.connect(lambda _s: self.update_prices())
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.submit)
        self._update()
        self.varg.remember("background-removal")

    # -- prices -----------------------------------------------------------------------------------
    def update_prices(self) -> None:
        self.price_label.setText(" · ".join(price_lines(self.ctx.pricing, SPEC.service)))
        self._update()

    def unit_price(self) -> int:
        return self.ctx.pricing.background_removal(1).credits

    # -- adding files ------------------------------------------------------------------------------
    def _spawn(self, coro: Any, name: str) -> asyncio.Task[Any]:
        t = self.ctx.spawn(coro, name=name)
        self.tasks.add(t)
        t.add_done_callback(self.tasks.discard)
        return t

    def add_files(self, paths: list[str]) -> asyncio.Task[Any] | None:
        known = {i.path.resolve() for i in self.items}
        new: list[ImageItem] = []
        for p in paths:
            path = Path(p)
            with contextlib.suppress(OSError):
                if path.resolve() in known:
                    continue
                known.add(path.resolve())
            item = ImageItem(path)
            media = self.drop.origin(path)
            if media is not None:  # fetched from a web address
                item.title, item.source_url = media.title, media.url
            self._add_row(item)
            new.append(item)
        if not new:
            return None
        self._update()
        return self._spawn(self._check(new), "check-images")

    def _add_row(self, item: ImageItem) -> None:
        w = QListWidgetItem(item.name)
        item.widget = w
        self.items.append(item)
        self.list.addItem(w)
        self._render(item)

    async def _check(self, items: list[ImageItem]) -> None:
        for item in items:
            try:
                info = await asyncio.to_thread(check_image_file, item.path)
            except (VergingError, OSError) as e:
                item.state, item.reason = "bad", str(e)
            else:
                thumb = await asyncio.to_thread(make_thumbnail, item.path, 96)
                if thumb is not None and item.widget is not None:
                    item.widget.setIcon(photo_icon(thumb))
                item.size_bytes = info.size_bytes
                item.digest = await asyncio.to_thread(content_hash, item.path)
                if info.too_big:
                    item.state = "too_big"
                    item.reason = (f"{item.name} is {info.size_bytes / ft.MB:.1f} MB; the limit is "
                                   f"{ft.IMAGE_MAX_BYTES // ft.MB} MB. It can be downscaled before upload.")
                else:
                    item.state, item.upload = "ready", item.path
            self._render(item)
            self._update()

    def downscale_large(self) -> asyncio.Task[Any] | None:
        big = [i for i in self.items if i.state == "too_big"]
        if not big:
            return None

        async def go() -> None:
            out_dir = Path(self.ctx.dirs.data) / "downscaled"
            for item in big:
                item.state, item.reason = "checking", ""
                self._render(item)
                try:
                    path, note = await asyncio.to_thread(downscale_to_fit, item.path, out_dir)
                except (VergingError, OSError) as e:
                    item.state, item.reason = "bad", str(e)
                else:
                    item.state, item.upload, item.note = "ready", path, note
                self._render(item)
            self._update()

        self.downscale_button.setEnabled(False)
        return self._spawn(go(), "downscale-images")

    def reset_session_results(self) -> None:
        """The connection changed (live <-> sandbox): images already sent (their jobs belong to
        the other connection's queue) leave the list; images not sent yet stay."""
        self.varg_pending.clear()
        self.items = [i for i in self.items if i.local_id is None and i.state not in ("sent", "failed")]
        self.list.clear()
        for i in self.items:
            i.widget = QListWidgetItem(i.name)
            self.list.addItem(i.widget)
            self._render(i)
        self.result.reset()
        self._update()

    def clear_list(self) -> None:
        self.items = [i for i in self.items if i.state in ("checking", "sending")]
        self.list.clear()
        for i in self.items:
            i.widget = QListWidgetItem(i.name)
            self.list.addItem(i.widget)
            self._render(i)
        self._update()

    # -- rendering ---------------------------------------------------------------------------------
    def _render(self, item: ImageItem) -> None:
        w = item.widget
        if w is None:
            return
        text = item.name
        color = None
        if item.state == "checking":
            text += self.tr(" — checking…")
        elif item.state == "ready":
            text += self.tr(" — ready") + (f" ({item.note})" if item.note else "")
        elif item.state == "too_big":
            text += self.tr(" — too large (%1 MB): downscale first").replace("%1", f"{item.size_bytes / ft.MB:.1f}")
            color = error_color()
        elif item.state == "bad":
            text = item.reason if item.reason.startswith(item.name) else f"{text} — {item.reason}"
            color = error_color()
        elif item.state == "sending":
            text += self.tr(" — sending…")
        elif item.local_id is not None:
            rec = self.watcher.record(item.local_id)
            if rec is not None and rec.status is LocalStatus.UNKNOWN:
                text += self.tr(" — may have been sent: see the Job Queue (it looks for the job; not sent again)")
                color = error_color()
            elif rec is not None:
                text += f" — {result_status(rec)}"
                if rec.status is LocalStatus.FAILED:
                    color = error_color()
                    if rec.error:
                        text += self.tr(": %1", "before a job's error").replace("%1", error_text(rec))
                if rec.provider == "varg" and rec.status is LocalStatus.COMPLETED:
                    from ...services.varg_cost import outcome_text

                    text += f" · {outcome_text(rec)}"
                elif rec.charged_credits is not None and rec.provider != "varg":
                    text += self.tr(" · charged %1").replace("%1", credits(rec.charged_credits))
        elif item.state == "failed":
            text += self.tr(" — not sent: %1").replace("%1", item.reason)
            color = error_color()
        w.setText(text)
        w.setToolTip(f"{text}\n{item.path}")
        w.setHidden(item.state == "bad")  # listed with the other refused files instead
        if color:
            from PySide6.QtGui import QBrush, QColor

            w.setForeground(QBrush(QColor(color)))
        else:
            w.setData(Qt.ItemDataRole.ForegroundRole, None)

    def forget_rejected(self) -> None:
        """The refusal notice was dismissed: forget the unreadable files (dropping one again checks
        it again); images that are only too large stay, to be downscaled."""
        for item in [i for i in self.items if i.state == "bad"]:
            self.items.remove(item)
            if item.widget is not None:
                self.list.takeItem(self.list.row(item.widget))
        self._update()

    def ready_items(self) -> list[ImageItem]:
        """The images a submit sends now (with varg also those over Verging's 10 MB, up to varg's 50 MB)."""
        if self.provider == "varg":
            from ...core.varg_models import MAX_UPLOAD_BYTES

            return [i for i in self.items if i.state == "ready"
                    or (i.state == "too_big" and 0 < i.size_bytes <= MAX_UPLOAD_BYTES)]
        return [i for i in self.items if i.state == "ready"]

    @property
    def provider(self) -> str:
        return self.providers.current()

    def varg_request(self, item: ImageItem) -> Any:
        from ...api.varg.models import VargRequest

        src = item.upload if item.state == "ready" and item.upload is not None else item.path
        return VargRequest(kind=VARG_KIND, model=VARG_MODEL, files=(str(src),))

    def _update(self) -> None:
        ready = self.ready_items()
        n = len(ready)
        varg = self.provider == "varg"
        from ...core.varg_models import MAX_UPLOAD_BYTES

        if varg:
            self.price_label.setText(self.tr("varg: up to %1 MB an image").replace("%1", str(MAX_UPLOAD_BYTES // ft.MB)))
        else:
            self.price_label.setText(" · ".join(price_lines(self.ctx.pricing, SPEC.service)))
        # the drop zone says the chosen provider's limit (varg takes larger images than Verging)
        self.drop.hint_label.setText(drop_hint(MAX_UPLOAD_BYTES if varg else ft.IMAGE_MAX_BYTES))
        self.cost.setVisible(not varg)
        self.varg.outcome.setVisible(varg)
        self._price_varg(ready)
        est = self.ctx.pricing.background_removal(n) if n else None
        self.cost.set_cost(est.credits if est else 0, est.detail if est else "")
        if est is None:
            self.submit_button.setText(self.tr("Remove backgrounds"))
        elif n == 1:
            self.submit_button.setText(self.tr("Remove background (%1)").replace("%1", credits(est.credits)))
        else:  # a batch: its count and its total
            what = plural(self.tr("Remove %n background(s)", "", n), n)
            self.submit_button.setText(f"{what} ({credits(est.credits)})")
        est_credits = self.ctx.pricing.background_removal(max(1, n)).credits
        self.providers.set_cost("verging", (credits(est_credits) if n else self.tr("%1 each").replace("%1", credits(est_credits))),
                                est.detail if est else "")
        if varg:
            self.submit_button.setText(self.tr("Remove backgrounds with varg") if n != 1 else self.tr("Remove background with varg"))
            self.guard.set_enabled(n > 0 and self.varg.has_key() and not self.varg.runner.busy
                                   and not self.varg_pending)
        else:
            self.guard.set_enabled(n > 0 and self.cost.sufficient)
        bad = [i for i in self.items if i.state in ("bad", "too_big")]
        self.problems.set_items([(i.name, i.reason) for i in bad])
        big = [i for i in self.items if i.state == "too_big"]
        self.downscale_button.setVisible(bool(big))
        self.downscale_button.setEnabled(True)
        self.downscale_button.setText(plural(self.tr("Downscale %n large image(s) to fit %1 MB", "", len(big)), len(big))
                                      .replace("%1", str(ft.IMAGE_MAX_BYTES // ft.MB)))

    def _price_varg(self, ready: list[ImageItem]) -> None:
        """varg's line: the cost of the ready images (one image's when none is ready yet)."""
        if not ready:
            self.varg.price(None, why="")
            if self.varg.has_key():
                from ...api.varg.models import VargRequest

                est = self.varg.price(VargRequest(kind=VARG_KIND, model=VARG_MODEL, files=()), keep_outcome=True)
                if est is not None and est.cents is not None:
                    from ...services.varg_cost import cents_text

                    self.providers.set_cost("varg", self.tr("%1 each").replace("%1", cents_text(est.cents)))
            return
        ests = [self.varg.price(self.varg_request(i)) for i in ready]
        if len(ready) == 1 or any(e is None for e in ests):
            return  # the one image's own line (or "cost unknown")
        from ...services.varg_cost import cents_text

        total = sum(e.billed_cents or 0.0 for e in ests if e is not None)
        free = sum(1 for e in ests if e is not None and e.billed_cents == 0)
        text = (self.tr("%1 for %2 images").replace("%1", cents_text(total)).replace("%2", str(len(ready)))
                + (self.tr(" (%1 probably free)").replace("%1", str(free)) if free else ""))
        self.providers.set_cost("varg", text)
        self.varg.outcome.setText(self.tr("Estimate: %1").replace("%1", text))

    # -- submitting --------------------------------------------------------------------------------
    def submit(self) -> asyncio.Task[Any] | None:
        """Send every ready image once (the guard ignores clicks until they are in the queue, and
        asks first when the same images were sent before); returns the task when it started at once."""
        if self.provider == "varg":
            self.submit_varg()
            return None
        items = self.ready_items()
        if self.guard.busy or not items or not self.cost.sufficient:
            return None
        for i in items:  # taken out of "ready" now: a second click finds nothing to send
            i.state = "sending"
            self._render(i)
        self._update()
        keys = [fingerprint(SPEC.service, digests=[i.digest or str(i.path)], downscaled=i.upload != i.path)
                for i in items]
        out: list[asyncio.Task[Any]] = []

        def send() -> Any:
            task = self._spawn(self._send(items), "submit-background-removal")
            out.append(task)

            async def in_queue() -> list[str]:
                await asyncio.wait([task])
                return [k for k, i in zip(keys, items, strict=True) if i.local_id is not None]

            return in_queue()

        def declined() -> None:  # not sent: the images are ready again
            for i in items:
                if i.state == "sending":
                    i.state = "ready"
                    self._render(i)
            self._update()

        self.guard.submit(keys, self.unit_price() * len(items), send, declined=declined)
        return out[0] if out else None

    async def _send(self, items: list[ImageItem]) -> None:
        queue = await self.watcher.ready()
        est = self.unit_price()
        first = True
        for n, item in enumerate(items):
            assert item.upload is not None
            sent = QueuedRecord(queue, KIND, [item.upload])
            try:
                with sent:
                    rec = await queue.submit_background_removal(
                        item.upload, input_name=item.name, estimated=est,
                        extra={"source_url": item.source_url} if item.source_url else None)
            except asyncio.CancelledError:
                maybe = sent.may_exist()
                if maybe is not None:  # create-job was under way: the job may exist
                    item.state, item.local_id = "sent", maybe.local_id
                    self._render(item)
                raise
            except InsufficientCredits as e:
                for rest in items[n:]:
                    rest.state, rest.reason = "failed", str(e)
                    self._render(rest)
                break
            except VergingError as e:
                maybe = sent.may_exist()
                if maybe is not None:
                    # the connection failed while create-job was on its way: the job may exist (the
                    # queue looks for it). It counts as sent: the same image again asks first.
                    item.state, item.local_id = "sent", maybe.local_id
                else:
                    item.state, item.reason = "failed", str(e)
                self._render(item)
                continue
            except Exception as e:
                log.exception("submitting %s failed", item.name)
                item.state, item.reason = "failed", str(e)
                self._render(item)
                continue
            item.state, item.local_id = "sent", rec.local_id
            self._render(item)
            if first:
                first = False
                self.list.setCurrentRow(self.items.index(item))
                self.result.show_job(rec.local_id)
        self._update()
        self.ctx.session.refresh_account()

    # -- varg --------------------------------------------------------------------------------------
    def submit_varg(self) -> bool:
        """Send the ready images to varg, one order after the other (a second click finds none ready)."""
        items = self.ready_items()
        if not items or self.varg.runner.busy or self.varg_pending or self.guard.busy:
            return False
        if not self.varg.has_key():
            self.ctx.session.message.emit(self.tr("Add a varg key first (File > Manage API keys, varg tab)."))
            return False
        for i in items:  # out of "ready" now: a second click finds nothing to send
            i.state = "sending"
            self._render(i)
        self.varg_pending = list(items)
        self._update()
        self._varg_next()
        return True

    def _varg_next(self) -> None:
        """Send the next waiting image (one order at a time; a refusal moves on through failed())."""
        if self.varg.runner.busy or self.varg_current is not None:
            return
        if self.varg_pending:
            item = self.varg_pending.pop(0)
            self.varg_current = item
            self.varg.run(self.varg_request(item), input_name=item.name)
        self._update()

    def _varg_started(self, local_id: int) -> None:
        item = self.varg_current
        if item is None:
            return
        first = all(i.local_id is None for i in self.items if i.state == "sent")
        item.state, item.local_id = "sent", local_id
        self._render(item)
        if first or self.result.local_id is None:
            self.list.setCurrentRow(self.items.index(item))
            self.result.show_job(local_id)

    def _varg_finished(self, rec: JobRecord) -> None:
        item = self.varg_current
        if item is not None:
            self._render(item)
        self.varg_current = None
        self.update_prices()  # the same image again is probably from the cache now
        self._varg_next_later()

    def _varg_failed(self, text: str) -> None:
        item = self.varg_current
        if item is not None:
            if item.local_id is None:
                item.state, item.reason = "failed", text
            self._render(item)
        self.varg_current = None
        self.ctx.session.message.emit(text)
        self._varg_next_later()

    def _varg_next_later(self) -> None:
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, self, self._varg_next)  # after the runner's own end (its signals) is over

    def _on_record(self, rec: JobRecord) -> None:
        if rec.kind == VARG_KIND:
            for item in self.items:
                if item.local_id == rec.local_id:
                    self._render(item)
            return
        if rec.kind != KIND:
            return
        for item in self.items:
            if item.local_id == rec.local_id:
                self._render(item)

    def _row_selected(self, row: int) -> None:
        if 0 <= row < len(self.items):
            item = self.items[row]
            if item.local_id is not None:
                self.result.show_job(item.local_id)
            elif item.state in ("ready", "too_big", "checking"):
                self.result.local_id = None
                self.result.record = None
                self.result.compare.set_media(item.path, None)
                self.result.title.setText(self.tr("Original: %1").replace("%1", item.name))
                self.result.status.setText(self.tr("Not sent yet"))
                self.result.charge.clear()

    # -- from the queue ------------------------------------------------------------------------------
    #: the last hand-off question (for tests), None when none was asked
    handoff_box: Any = None

    def accept_handoff(self, path: str) -> bool:
        """An image handed over from another tab ("remove background"), checked like a drop.

        It never quietly joins images waiting to be sent (a bigger, dearer batch): with none
        waiting it is added; otherwise the user chooses to replace them or add it to the batch."""
        if not Path(path).is_file():
            return False
        p = Path(path)
        waiting = [i for i in self.items if i.state in ("checking", "ready", "too_big")]
        with contextlib.suppress(OSError):
            if any(i.path.resolve() == p.resolve() for i in waiting):
                self.ctx.session.message.emit(self.tr("%1 is already waiting to be sent.").replace("%1", p.name))
                return True
        if not waiting:
            self.add_files([path])
            return True

        def replace() -> None:
            self._replace_waiting(waiting, [path])

        from ..widgets.ai_handoff import ask_replace_or_add

        n = len(waiting)
        self.handoff_box = ask_replace_or_add(
            self, self.tr("Remove background"),
            plural(self.tr("%n image(s) (is|are) waiting to be sent.", "", n), n)
            + self.tr(" Replace them with %1, or add it to the batch (%2, %3)?").replace("%1", p.name)
            .replace("%2", plural(self.tr("%n image(s)", "", n + 1), n + 1))
            .replace("%3", credits(self.ctx.pricing.background_removal(n + 1).credits)),
            replace, lambda: self.add_files([path]))
        return True

    def _replace_waiting(self, waiting: list[Any], files: list[str]) -> None:
        """The hand-off's Replace: the images waiting to be sent go, ``files`` come in their place."""
        self.items = [i for i in self.items if i not in waiting]
        self.list.clear()
        for i in self.items:
            i.widget = QListWidgetItem(i.name)
            self.list.addItem(i.widget)
            self._render(i)
        self.add_files(files)
        self._update()

    def accept_opened(self, paths: list[str]) -> bool:
        """Images opened with the app (the file manager, a second launch): added as a drop would
        add them; when images are waiting to be sent the user is asked first (replace them, or
        add to the batch; Cancel keeps them), as for a hand-off."""
        files = [p for p in dict.fromkeys(paths) if Path(p).is_file()]
        if not files:
            return False
        if len(files) == 1:
            return self.accept_handoff(files[0])
        waiting = [i for i in self.items if i.state in ("checking", "ready", "too_big")]
        if not waiting:
            self.add_files(files)
            return True

        def replace() -> None:
            self._replace_waiting(waiting, files)

        from ..widgets.ai_handoff import ask_replace_or_add

        n = len(waiting)
        self.handoff_box = ask_replace_or_add(
            self, self.tr("Remove background"),
            plural(self.tr("%n image(s) (is|are) waiting to be sent.", "", n), n)
            + self.tr(" Replace them with the %1 opened, or add those to the batch (%2, %3)?")
            .replace("%1", str(len(files)))
            .replace("%2", plural(self.tr("%n image(s)", "", n + len(files)), n + len(files)))
            .replace("%3", credits(self.ctx.pricing.background_removal(n + len(files)).credits)),
            replace, lambda: self.add_files(files))
        return True

    def show_job(self, local_id: int) -> None:
        rec = self.watcher.record(local_id)
        if rec is None or rec.kind not in (KIND, VARG_KIND):
            self.result.show_job(local_id)
            return
        for n, item in enumerate(self.items):
            if item.local_id == local_id:
                self.list.setCurrentRow(n)
                break
        else:
            self.result.show_job(local_id)

    def retry(self, local_id: int) -> None:
        """Send a failed image again as a new job (after asking, with its cost)."""
        rec = self.watcher.record(local_id)
        if rec is None or not rec.inputs:
            return
        src = Path(rec.inputs[0])
        est = self.unit_price()

        async def go() -> None:
            queue = await self.watcher.ready()
            new = await queue.submit_background_removal(src, input_name=rec.input_name, estimated=est)
            for item in self.items:
                if item.local_id == local_id:
                    item.local_id = new.local_id
                    self._render(item)
            self.result.show_job(new.local_id)

        self.confirm(self.tr("Send again"), self.tr("Send %1 again as a new job? It costs %2.").replace("%1", rec.input_name).replace("%2", credits(est)),
                     lambda: self._spawn(go(), "retry-background-removal"))

    def confirm(self, title: str, text: str, on_yes: Any) -> None:
        confirm(self, title, text, on_yes)

    # convenience for tests and the queue hand-off
    def item_named(self, name: str) -> ImageItem:
        for i in self.items:
            if i.name == name:
                return i
        raise KeyError(name)

    def completed_result(self, item: ImageItem) -> Path | None:
        return result_file(self.watcher.record(item.local_id)) if item.local_id is not None else None


def create(ctx: ToolContext) -> QWidget:
    return BackgroundRemovalPage(ctx)
