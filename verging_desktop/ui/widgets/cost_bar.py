"""What a submit will cost next to the balance: red with the shortfall (and a link to buy
credits) when the balance is too low.

A bar for another provider than Verging (``provider="vimmerse"``) shows that provider's cost in
its own credits, with the line the app has for its balance instead (Vimmerse publishes none:
``balance_text`` gives what the status bar says, e.g. what it charged this month); it never
blocks a submit on a balance it cannot see."""

from __future__ import annotations

import html as _html
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from ...core.plural import number
from ...core.settings import BUY_CREDITS_URL
from ..colors import error_color
from ..plural import credits, plural, vimmerse_credits

if TYPE_CHECKING:  # pragma: no cover
    from ..context import ToolContext


class CostBar(QWidget):
    """``Cost: 15 credits (5 s x 3 credits/s (HD)) · Balance: 1,000 credits``; red when short.

    Signals:
        sufficiencyChanged(bool): whether the balance covers the cost (True when unknown).
    """

    sufficiencyChanged = Signal(bool)

    def __init__(self, ctx: ToolContext, parent: QWidget | None = None, *, provider: str = "verging",
                 label: str = "", balance_text: Callable[[], str] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("costBar")
        self.ctx = ctx
        #: whose credits these are ("verging", "vimmerse"); ``label`` goes before the cost ("Vimmerse:")
        self.provider = provider
        self.prefix = label
        self._balance_text = balance_text
        self.credits = 0.0
        self.detail = ""
        self.pending = ""
        self.label = QLabel()
        self.label.setObjectName("costLabel")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        buy = self.tr("Buy credits")
        self.buy = QLabel(f"<a href='{BUY_CREDITS_URL}'>{buy}</a>")
        self.buy.setObjectName("buyCredits")
        self.buy.setToolTip(BUY_CREDITS_URL)
        self.buy.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.buy.linkActivated.connect(lambda _url: self.buy_credits())
        self.buy.hide()
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.label, 1)
        lay.addWidget(self.buy)
        self._ok = True
        ctx.session.accountChanged.connect(lambda _a: self._render())
        self._render()

    def buy_credits(self) -> None:
        from ..dialogs.buy_credits import buy_credits

        buy_credits(self.window())

    @property
    def balance(self) -> float | None:
        if self.provider != "verging":
            return None  # (no other provider's balance is known: see the module docstring)
        acct = self.ctx.session.account
        return None if acct is None else float(acct.credits)

    @property
    def shortfall(self) -> float:
        b = self.balance
        return 0.0 if b is None else max(0.0, self.credits - b)

    @property
    def sufficient(self) -> bool:
        return self.shortfall <= 1e-9

    def set_cost(self, credits: float, detail: str = "") -> None:
        self.credits = float(credits)
        self.detail = detail
        self.pending = ""
        self._render()

    def set_pending(self, text: str) -> None:
        """No figure yet: ``text`` says why ("working out the cost…"); the cost counts as 0."""
        self.credits = 0.0
        self.detail = ""
        self.pending = text
        self._render()

    def text(self) -> str:
        """The plain text shown (for tests and accessibility)."""
        d = QTextDocument()
        d.setHtml(self.label.text())
        return d.toPlainText()

    def _provider_name(self) -> str:
        from ...core.providers import PROVIDERS

        return next((p.short_name for p in PROVIDERS if p.id == self.provider), self.provider.capitalize())

    def refresh(self) -> None:
        """Show the balance line again (the provider's figures changed)."""
        self._render()

    def _render(self) -> None:
        b = self.balance
        lead = f"{_html.escape(self.prefix)} " if self.prefix else ""
        amount = credits(self.credits)
        if self.provider == "vimmerse":  # Vimmerse's own credits, named so ("12 Vimmerse credits")
            amount = vimmerse_credits(self.credits)
        elif self.provider != "verging":
            n = round(self.credits)
            if abs(self.credits - n) < 1e-9 and n >= 0:
                amount = plural(self.tr("%n %1 credit(s)", "", n).replace("%1", self._provider_name()), n)
            else:
                sign = "-" if self.credits < 0 else ""
                amount = sign + self.tr("%1 %2 credits", "a fractional amount in a provider's credits: always the plural "
                                        "form").replace("%1", number(abs(self.credits))).replace("%2", self._provider_name())
        words = self.tr("Cost: %1").replace("%1", amount)
        cost = f"{lead}<b>{words}</b>"
        if self.pending:
            words = self.tr("Cost:")
            cost = f"{lead}<b>{words}</b> {_html.escape(self.pending)}"
        elif self.detail:
            cost += f" ({_html.escape(self.detail)})"
        if self.provider != "verging":
            line = self._balance_text() if self._balance_text is not None else ""
            self.label.setText(f"{cost} · {_html.escape(line)}" if line else cost)
            self.buy.hide()
            if not self._ok:
                self._ok = True
                self.sufficiencyChanged.emit(True)
            return
        bal = self.tr("Balance: %1").replace("%1", credits(b)) if b is not None else self.tr("Balance: unknown")
        short = self.shortfall
        if short > 1e-9:
            lack = self.tr("not enough credits: %1 short").replace("%1", credits(short))
            html = f"<span style='color:{error_color()}'>{cost} · {bal} — {lack}</span>"
        else:
            html = f"{cost} · {bal}"
            if b is not None and self.credits:
                after = self.tr("(after: %1)").replace("%1", credits(b - self.credits))
                html += f" <span style='color:gray'>{after}</span>"
        self.label.setText(html)
        self.buy.setVisible(short > 1e-9)
        ok = short <= 1e-9
        if ok != self._ok:
            self._ok = ok
            self.sufficiencyChanged.emit(ok)
