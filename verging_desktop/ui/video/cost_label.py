"""A label saying what a trimmer's selection costs: ``"12.0 s × 3 credits/s (HD) = 36 credits"``.

Not used by the app's tabs (they show a ``CostBar`` for all their jobs); kept for its tests and
for a tool page that wants the cost of one selection next to its trimmer::

    cost = CostLabel(ctx.pricing, "faceswap", hd=hd_box.isChecked())
    cost.bind(trimmer)
    hd_box.toggled.connect(cost.set_hd)
    ctx.session.accountChanged.connect(cost.set_account)      # the balance, live
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QWidget

from ...core.pricing import Pricing
from ..plural import credits as n_credits

if TYPE_CHECKING:  # pragma: no cover
    from .trimmer import Trimmer

RED = "#e53935"

__all__ = ["CostLabel"]


class CostLabel(QLabel):
    """What the selection will cost: ``"12.0 s × 3 credits/s (HD) = 36 credits"``.

    Verging bills whole seconds (partial seconds round up past a small grace), so when the billed
    seconds differ from the selection it says so ("12.3 s (billed as 13 s) × ..."). Given a
    balance (:meth:`set_balance`), a shortfall is added in red.

    Signals:
        estimateChanged(int credits)
    """

    estimateChanged = Signal(int)

    def __init__(self, pricing: Pricing, service: str = "faceswap", hd: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("costLabel")
        self.pricing = pricing
        self._service = service
        self._hd = hd
        self._seconds = 0.0
        self._balance: float | None = None
        self._credits = 0
        self._plain = ""
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._render()

    # -- inputs ----------------------------------------------------------------------------------
    def bind(self, trimmer: Trimmer) -> None:
        """Follow a trimmer's selection."""
        trimmer.selectionChanged.connect(self.set_selection)
        s, e = trimmer.selection()
        self.set_seconds(e - s)

    def set_seconds(self, seconds: float) -> None:
        self._seconds = max(0.0, float(seconds))
        self._render()

    def set_selection(self, start: float, end: float) -> None:
        """Slot for :attr:`Trimmer.selectionChanged`."""
        self.set_seconds(end - start)

    def set_hd(self, hd: bool) -> None:
        self._hd = bool(hd)
        self._render()

    def set_service(self, service: str) -> None:
        self._service = service
        self._render()

    def set_pricing(self, pricing: Pricing) -> None:
        self.pricing = pricing
        self._render()

    def set_balance(self, credits: float | None) -> None:
        """The account's balance (None: unknown, nothing shown)."""
        self._balance = None if credits is None else float(credits)
        self._render()

    def set_account(self, account: Any) -> None:
        """Slot for ``Session.accountChanged``: takes the balance from ``account.credits``."""
        self.set_balance(getattr(account, "credits", None) if account is not None else None)

    # -- outputs ---------------------------------------------------------------------------------
    @property
    def credits(self) -> int:
        return self._credits

    @property
    def seconds(self) -> float:
        return self._seconds

    @property
    def hd(self) -> bool:
        return self._hd

    def shortfall(self) -> float | None:
        """Credits missing from the balance (0 when enough; None when the balance is unknown)."""
        if self._balance is None:
            return None
        return max(0.0, self._credits - self._balance)

    def plain_text(self) -> str:
        """The label's words without markup."""
        return self._plain

    def _render(self) -> None:
        before = self._credits
        if self._seconds <= 0:
            self._credits = 0
            self._plain = "No selection"
            self.setTextFormat(Qt.TextFormat.PlainText)
            self.setText(self._plain)
            self.setToolTip("")
            if before:
                self.estimateChanged.emit(0)
            return
        est = self.pricing.video(self._service, self._seconds, self._hd)
        rate = self.pricing.per_second_rate(self._service, self._hd)
        billed = self.pricing.billable_seconds(self._seconds)
        self._credits = int(est.credits)
        secs = f"{self._seconds:.1f} s"
        if abs(billed - self._seconds) > 0.05:
            secs += f" (billed as {billed} s)"
        main = f"{secs} × {n_credits(rate)}/s{' (HD)' if self._hd else ''} = {n_credits(self._credits)}"
        short = self.shortfall()
        if short:
            extra = f"balance {n_credits(self._balance)}, {short:g} more needed"
            self._plain = f"{main} · {extra}"
            self.setTextFormat(Qt.TextFormat.RichText)
            self.setText(f"{html.escape(main)} · <span style='color:{RED}'>{html.escape(extra)}</span>")
        else:
            self._plain = main
            if self._balance is not None:
                self._plain = f"{main} (balance {self._balance:g})"
            self.setTextFormat(Qt.TextFormat.PlainText)
            self.setText(self._plain)
        grace = self.pricing.grace
        self.setToolTip(
            "Verging bills whole seconds: a part of a second counts as a full one"
            + (f" (after a {grace:g} s grace)" if grace else "")
            + f". Rates: {self.pricing.published_text}. The charge shown on the "
              "finished job is what counts.")
        if self._credits != before:
            self.estimateChanged.emit(self._credits)
