"""The live cost next to the balance (ui/widgets/cost_bar.py): the texts the video tabs show."""

from __future__ import annotations

from types import SimpleNamespace

from PySide6.QtCore import QObject, Signal

from verging_desktop.core.pricing import Pricing
from verging_desktop.ui.plural import credits as n_credits
from verging_desktop.ui.widgets.cost_bar import CostBar


class _Session(QObject):
    accountChanged = Signal(object)

    def __init__(self, credits: float | None) -> None:
        super().__init__()
        self.account = None if credits is None else SimpleNamespace(credits=credits)

    def set_credits(self, credits: float) -> None:
        self.account = SimpleNamespace(credits=credits)
        self.accountChanged.emit(self.account)


def _cost(bar: CostBar, pricing: Pricing, service: str, seconds: float, hd: bool) -> None:
    """What a video tab gives the bar for one job of ``seconds`` (ui/tools/video_base.py)."""
    est = pricing.video(service, seconds, hd)
    rate = pricing.per_second_rate(service, hd)
    bar.set_cost(est.credits, f"{pricing.billable_seconds(seconds)} s x {n_credits(rate)}/s{' (HD)' if hd else ''}")


def test_the_cost_follows_seconds_hd_rounding_and_the_balance(qtbot) -> None:
    pricing = Pricing.default()
    session = _Session(1000)
    bar = CostBar(SimpleNamespace(session=session))  # type: ignore[arg-type]
    qtbot.addWidget(bar)
    seen: list[bool] = []
    bar.sufficiencyChanged.connect(seen.append)
    assert bar.text() == "Cost: 0 credits · Balance: 1,000 credits"
    _cost(bar, pricing, "faceswap", 5.0, False)
    assert bar.text() == "Cost: 5 credits (5 s x 1 credit/s) · Balance: 1,000 credits (after: 995 credits)"
    _cost(bar, pricing, "faceswap", 5.0, True)
    assert bar.text() == "Cost: 15 credits (5 s x 3 credits/s (HD)) · Balance: 1,000 credits (after: 985 credits)"
    _cost(bar, pricing, "faceswap", 12.3, True)  # billed as 13 s
    assert bar.text().startswith("Cost: 39 credits (13 s x 3 credits/s (HD))")
    _cost(bar, pricing, "video_enhance", 12.0, True)
    assert bar.credits == 60 and bar.sufficient and not bar.buy.isVisibleTo(bar) and seen == []
    # too little: red, the shortfall, a link to buy credits
    session.set_credits(40)
    assert bar.text() == ("Cost: 60 credits (12 s x 5 credits/s (HD)) · Balance: 40 credits — "
                          "not enough credits: 20 credits short")
    assert "color:#c62828" in bar.label.text().replace(" ", "")
    assert bar.shortfall == 20 and not bar.sufficient and bar.buy.isVisibleTo(bar) and seen == [False]
    session.set_credits(100)
    assert bar.text() == "Cost: 60 credits (12 s x 5 credits/s (HD)) · Balance: 100 credits (after: 40 credits)"
    assert "c62828" not in bar.label.text() and not bar.buy.isVisibleTo(bar) and seen == [False, True]


def test_an_unknown_balance_is_said_and_never_blocks(qtbot) -> None:
    bar = CostBar(SimpleNamespace(session=_Session(None)))  # type: ignore[arg-type]
    qtbot.addWidget(bar)
    bar.set_cost(15, "5 s x 3 credits/s (HD)")
    assert bar.text() == "Cost: 15 credits (5 s x 3 credits/s (HD)) · Balance: unknown"
    assert bar.sufficient and bar.shortfall == 0
