"""The estimate line's tooltip says where the price came from (varg's list or the local table)."""

from __future__ import annotations

from types import SimpleNamespace

from verging_desktop.services.varg_cost import ROUTE, TABLE
from verging_desktop.ui.tools.varg_outcome import _estimate_tip


def test_the_estimate_tip_names_its_source(qapp) -> None:
    assert _estimate_tip(SimpleNamespace(source=ROUTE)) == "From varg's price list."
    assert _estimate_tip(SimpleNamespace(source=TABLE)) == "From local price table."
    assert _estimate_tip(SimpleNamespace(source="")) == ""
