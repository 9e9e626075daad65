"""The line beside a varg action's button: the estimate before, what it came to after.

Before a submit it shows the estimate (:meth:`VargOutcome.show_estimate`: "35 ¢ ($0.35)",
"probably from cache: free", "your own fal.ai key: billed by the provider"); once the job is done,
what it really was (:meth:`VargOutcome.show_record`: "From cache: free", "Your own fal.ai key:
billed by the provider", or "Charged 35 ¢ ($0.35), estimate 35 ¢" from the usage record). The
words are the ones the command line prints (:mod:`verging_desktop.services.varg_cost`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QWidget

from ..widgets.provider_choice import NBSP, keep_amounts, reserve_lines

__all__ = ["VargOutcome", "keep_amounts", "reserve_lines"]

if TYPE_CHECKING:  # pragma: no cover
    from ...jobs.store import JobRecord
    from ...services.varg_cost import VargEstimate


class VargOutcome(QLabel):
    """The estimate, then the outcome, of one varg action."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("vargOutcome")
        # two lines kept: the button under it stays put as the estimate or the outcome changes
        reserve_lines(self, 2)
        #: "estimate", "outcome" or "" (what the line shows now)
        self.showing = ""
        self.estimate: VargEstimate | None = None
        self.record: JobRecord | None = None

    def show_estimate(self, est: VargEstimate | None) -> None:
        """What a submit would cost (None: not known yet)."""
        self.estimate, self.record = est, None
        if est is None:
            self.setText(self.tr("Estimate: working it out…"))
            self.setToolTip("")
        else:
            self.setText(self.tr("Estimate: %1").replace("%1", est.text()))
            self.setToolTip(_estimate_tip(est))
        self.showing = "estimate"

    def show_record(self, rec: JobRecord) -> None:
        """What the finished job came to (the usage record's charge, a cache hit, your own key)."""
        from ...services.varg_cost import outcome_text

        self.record = rec
        self.setText(outcome_text(rec))
        self.setToolTip(self.tr("varg job %1").replace("%1", str(rec.remote_id)) if rec.remote_id else "")
        self.showing = "outcome"

    def setText(self, text: str) -> None:
        """Every text of the line (a tab's own "Estimate: …" too) keeps its amounts whole."""
        super().setText(keep_amounts(text))

    def text(self) -> str:
        """The text as the command line prints it ("35\u00a0¢ ($0.35)": the no-break space before
        "(" that keeps the amount whole on screen is a plain one here)."""
        return super().text().replace(f"¢{NBSP}(", "¢ (")

    def clear_line(self) -> None:
        self.setText("")
        self.setToolTip("")
        self.showing = ""
        self.estimate = self.record = None


def _estimate_tip(est: Any) -> str:
    source = getattr(est, "source", "")
    from ...core.i18n import _

    # the estimate's source is one of services.varg_cost's marked words (ROUTE, TABLE)
    where = _(source) if source else ""
    return QCoreApplication.translate("VargOutcome", "From %1.").replace("%1", where) if where else ""
