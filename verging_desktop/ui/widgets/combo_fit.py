"""A model combo whose names stay readable in a narrow request pane (1024 px wide windows).

``fit_names(combo)``: the closed combo never gets narrower than its longest name (up to
``most`` characters: the layout keeps room for it instead of cutting "Nano Banana Pr…"), and its
list opens at least as wide as its widest entry, whatever the combo's own width.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QStyle


def widest_item(combo: QComboBox) -> int:
    """The advance, in pixels, of the combo's widest entry."""
    fm = combo.fontMetrics()
    return max((fm.horizontalAdvance(combo.itemText(i)) for i in range(combo.count())), default=0)


def fit_names(combo: QComboBox, most: int = 24) -> None:
    """Keep ``combo``'s entries readable; call again after its entries change."""
    longest = max((len(combo.itemText(i)) for i in range(combo.count())), default=0)
    combo.setMinimumContentsLength(min(longest, most))
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    scroll = combo.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
    # the entries' own margins (the view's frame and the item's padding) and a scroll bar's room
    combo.view().setMinimumWidth(widest_item(combo) + scroll + 24)
