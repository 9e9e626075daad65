"""Which provider does a tab's job: a radio per provider, each with what it costs beside it.

A tab that more than one provider can run (Image Generation: Verging or varg) shows one
:class:`ProviderChoice` above its settings; each radio carries the cost of the same work on that
provider (``set_cost``), so the prices are compared side by side before anything is sent. A
provider that cannot run yet (no key) says so in its cost text, with a link
(``set_link``: "Add a varg key") that emits :attr:`ProviderChoice.linkActivated`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QLabel, QRadioButton, QWidget

#: between an amount and its unit: a wrap never puts "¢" or "($0.30)" alone at a line's start
NBSP = "\u00a0"


def keep_amounts(text: str) -> str:
    """``text`` with no break inside an amount ("35 ¢ ($0.35)" stays whole on one line when wrapped)."""
    return text.replace(" ¢ (", f"{NBSP}¢{NBSP}(").replace(" ¢", f"{NBSP}¢")


def reserve_lines(label: QLabel, lines: int) -> None:
    """Keep room for ``lines`` lines of ``label`` even when it is shorter or empty, so a change of its
    text does not move what is under it (it still grows for a longer text: it wraps, never elides)."""
    label.setWordWrap(True)
    label.setMinimumHeight(lines * label.fontMetrics().lineSpacing() + label.margin() * 2)


def one_place(*widgets: QWidget) -> QWidget:
    """``widgets`` (one provider's estimate line and another's) in the same place, each keeping its
    room while hidden: switching provider shows the other line without moving what is under them."""
    box = QWidget()
    box.setObjectName("costSlot")
    grid = QGridLayout(box)
    grid.setContentsMargins(0, 0, 0, 0)
    for w in widgets:
        sp = w.sizePolicy()
        sp.setRetainSizeWhenHidden(True)
        w.setSizePolicy(sp)
        grid.addWidget(w, 0, 0, Qt.AlignmentFlag.AlignTop)
    return box


class ProviderChoice(QWidget):
    """A radio per provider with its cost text beside it.

    Signals:
        changed(str): the chosen provider's id (only when the choice changes).
        linkActivated(str, str): (provider id, link) of a link in a cost text.
    """

    changed = Signal(str)
    linkActivated = Signal(str, str)

    def __init__(self, parent: QWidget | None = None, *, stacked: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("providerChoice")
        #: each cost under its radio (a narrow column) instead of beside it
        self.stacked = stacked
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(10)
        self._grid.setVerticalSpacing(2)
        self._grid.setColumnStretch(1, 1)
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self.radios: dict[str, QRadioButton] = {}
        self.costs: dict[str, QLabel] = {}
        self._current = ""
        self._reserve = 1

    # -- the providers ---------------------------------------------------------------------------
    def set_providers(self, providers: list[tuple[str, str]]) -> None:
        """The providers, in order, as ``(id, label)``; the first is chosen unless the current one stays."""
        keep = self._current
        for pid in list(self.radios):
            r, c = self.radios.pop(pid), self.costs.pop(pid)
            self._group.removeButton(r)
            r.deleteLater()
            c.deleteLater()
        for row, (pid, label) in enumerate(providers):
            r = QRadioButton(label)
            r.setObjectName(f"provider-{pid}")
            c = QLabel()
            c.setObjectName(f"providerCost-{pid}")
            c.setTextFormat(Qt.TextFormat.RichText)
            # one line kept even while empty: a cost coming or changing does not move the radios under it
            reserve_lines(c, 1)
            c.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                      | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
            c.linkActivated.connect(lambda link, p=pid: self.linkActivated.emit(p, link))
            c.setBuddy(r)
            self._group.addButton(r)
            if self.stacked:
                indent = self.style().pixelMetric(self.style().PixelMetric.PM_ExclusiveIndicatorWidth) + 6
                c.setContentsMargins(indent, 0, 0, 2)
                self._grid.addWidget(r, 2 * row, 0, 1, 2, Qt.AlignmentFlag.AlignLeft)
                self._grid.addWidget(c, 2 * row + 1, 0, 1, 2)
            else:
                self._grid.addWidget(r, row, 0, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
                self._grid.addWidget(c, row, 1)
            r.toggled.connect(lambda on, p=pid: self._toggled(p, on))
            self.radios[pid] = r
            self.costs[pid] = c
        self._current = ""
        if self._reserve > 1:
            self.reserve_lines(self._reserve)
        ids = [p for p, _ in providers]
        if ids:
            pick = keep if keep in ids else ids[0]
            self.radios[pick].setChecked(True)  # emits changed when it differs from before
            if pick == keep:
                self._current = keep

    def reserve_lines(self, n: int) -> None:
        """Give each cost text room for ``n`` lines (its text and its radio at the top of the row),
        so a cost that grows to a second line does not move what is under the choice."""
        self._reserve = max(1, n)
        for pid, c in self.costs.items():
            c.setMinimumHeight(c.fontMetrics().lineSpacing() * self._reserve + 2)
            c.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            if not self.stacked:
                self._grid.setAlignment(self.radios[pid], Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)

    def providers(self) -> list[str]:
        return list(self.radios)

    # -- costs -----------------------------------------------------------------------------------
    def set_cost(self, pid: str, text: str, tooltip: str = "") -> None:
        """``pid``'s cost text (rich text allowed: a link to add a key); its tooltip."""
        label = self.costs.get(pid)
        if label is None:
            return
        label.setText(keep_amounts(text))
        label.setToolTip(tooltip)
        self.radios[pid].setToolTip(tooltip)

    def cost_text(self, pid: str) -> str:
        """``pid``'s cost as plain text (for tests and accessibility)."""
        from PySide6.QtGui import QTextDocument

        label = self.costs.get(pid)
        if label is None:
            return ""
        d = QTextDocument()
        d.setHtml(label.text())
        # raw: a no-break space stays one (toPlainText makes it a plain space; "33 ¢" must not break)
        return d.toRawText().replace("\u2029", "\n").replace("\u2028", "\n")

    # -- the choice ------------------------------------------------------------------------------
    def current(self) -> str:
        return self._current

    def set_current(self, pid: str) -> None:
        r = self.radios.get(pid)
        if r is not None and not r.isChecked():
            r.setChecked(True)

    def _toggled(self, pid: str, on: bool) -> None:
        if on and pid != self._current:
            self._current = pid
            self.changed.emit(pid)
