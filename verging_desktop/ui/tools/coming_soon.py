"""The page a tool tab shows until its module lands: what the tool does and what it costs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from . import ToolSpec
from .pricing_text import example_cost, price_lines

if TYPE_CHECKING:  # pragma: no cover
    from ..context import ToolContext


class ComingSoonPage(QScrollArea):
    def __init__(self, spec: ToolSpec, ctx: ToolContext) -> None:
        super().__init__()
        self.spec = spec
        self.ctx = ctx
        self.setObjectName(f"comingSoon_{spec.module}")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)

        inner = QWidget()
        outer = QHBoxLayout(inner)
        outer.addStretch(1)
        col = QWidget()
        col.setMaximumWidth(760)
        lay = QVBoxLayout(col)
        lay.setSpacing(14)
        outer.addWidget(col, 4)
        outer.addStretch(1)

        title = QLabel(spec.title)
        f = title.font()
        f.setPointSizeF(f.pointSizeF() * 1.9)
        f.setBold(True)
        title.setFont(f)
        summary = QLabel(spec.summary)
        sf = summary.font()
        sf.setPointSizeF(sf.pointSizeF() * 1.2)
        summary.setFont(sf)
        summary.setWordWrap(True)

        badge = QLabel("Coming in the next update")
        badge.setObjectName("comingSoonBadge")
        badge.setStyleSheet("QLabel#comingSoonBadge { background: #e8f0fe; color: #1a4fb4; border-radius: 9px;"
                            " padding: 3px 10px; font-weight: bold; }")
        badge.setSizePolicy(badge.sizePolicy().horizontalPolicy(), badge.sizePolicy().verticalPolicy())
        brow = QHBoxLayout()
        brow.addWidget(badge)
        brow.addStretch(1)

        self.price_box = QFrame()
        self.price_box.setObjectName("priceBox")
        self.price_box.setFrameShape(QFrame.Shape.StyledPanel)
        pl = QVBoxLayout(self.price_box)
        ph = QLabel("Price")
        hf = ph.font()
        hf.setBold(True)
        ph.setFont(hf)
        pl.addWidget(ph)
        self.price_label = QLabel()
        self.price_label.setObjectName("priceText")
        self.price_label.setWordWrap(True)
        self.price_label.setTextFormat(Qt.TextFormat.RichText)
        pl.addWidget(self.price_label)

        feats = QLabel("<b>What you will be able to do</b><ul style='margin-left:-18px'>"
                       + "".join(f"<li style='margin-bottom:4px'>{x}</li>" for x in spec.features) + "</ul>")
        feats.setWordWrap(True)
        feats.setTextFormat(Qt.TextFormat.RichText)

        note = QLabel("Your account, API keys, balance and usage history already work: see the Account menu.")
        note.setWordWrap(True)
        note.setEnabled(False)

        lay.addSpacing(24)
        lay.addWidget(title)
        lay.addLayout(brow)
        lay.addWidget(summary)
        lay.addWidget(self.price_box)
        lay.addWidget(feats)
        lay.addWidget(note)
        lay.addStretch(1)
        self.setWidget(inner)
        self.update_prices()
        ctx.session.settingsChanged.connect(lambda _s: self.update_prices())

    def update_prices(self) -> None:
        p = self.ctx.session.pricing
        lines = price_lines(p, self.spec.service)
        ex = example_cost(p, self.spec.service)
        html = "<br>".join(lines)
        if ex:
            html += f"<br><span style='color:gray'>{ex}</span>"
        html += (f"<br><span style='color:gray'>Prices from the '{p.table_name}' pricing table; "
                 f"$10 buys {round(10 / p.usd_per_credit):,} credits.</span>")
        self.price_label.setText(html)
