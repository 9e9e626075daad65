"""The pages behind the sidebar, cheap to build before the first paint.

- :class:`NavEntry`: one page's title, group, icon (or the name of one of :mod:`..icons`' tool
  icons, made when the sidebar is built) and summary.
- :class:`NavPages`: the sidebar (:class:`.tool_nav.ToolNav`) beside a stack of pages, with the
  part of QTabWidget's API the rest of the app uses (``count``, ``tabText``, ``widget``,
  ``indexOf``, ``currentIndex``, ``setCurrentIndex``, ``currentWidget``, ``setCurrentWidget``,
  ``currentChanged``), so a page is reached the same way it was in tabs. It turns the sidebar
  compact when it is narrower than :attr:`NavPages.compact_below` pixels.

This module imports only the few Qt types the first frame needs anyway. The sidebar is built on
the first use of :attr:`NavPages.nav` (the main window does that right after the first paint):
the list view, its delegate, the icons and the first ``Qt.*`` enum (all of them at once, ~20 ms)
are not worth the first frame's wait. Until then a plain slot of the sidebar's width stands in its
place, and badges and the current page are recorded and given to the sidebar when it is built.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QHBoxLayout, QStackedWidget, QWidget

if TYPE_CHECKING:  # pragma: no cover
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtGui import QIcon, QResizeEvent

    from .tool_nav import ToolNav

#: icons only: as narrow as an icon allows (at 1024 px every pixel goes to the tool)
COMPACT_WIDTH = 34
ICON = 20


def entry_width(title_advance: int) -> int:
    """The sidebar's width for the longest title (``title_advance`` pixels): margins + icon + gap
    + the title + room for a badge."""
    return 6 + 10 + ICON + 10 + title_advance + 8 + 30 + 7


@dataclass(frozen=True)
class NavEntry:
    """One page in the navigation. ``key`` is unique (the page's title). ``icon``: a QIcon, the
    name of a tool icon (:func:`verging_desktop.ui.icons.tool_icon`, made when shown), or None."""

    key: str
    title: str
    group: str = ""
    icon: QIcon | str | None = field(default=None, compare=False)
    summary: str = ""
    shortcut: str = ""


class NavPages(QWidget):
    """The sidebar and the pages, with a QTabWidget-like API (see the module docstring).

    Signals:
        currentChanged(int): another page is shown (its index).
    """

    currentChanged = Signal(int)

    def __init__(self, parent: QWidget | None = None, *, compact_below: int = 820) -> None:
        super().__init__(parent)
        #: the sidebar turns to icons only when this widget is narrower than that (0: never)
        self.compact_below = compact_below
        self._nav: ToolNav | None = None
        #: where the sidebar goes, as wide as it will be, until it is built (see :attr:`nav`)
        self._slot: QWidget | None = QWidget()
        self._slot.setObjectName("toolNavSlot")
        self._slot.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self._slot.setAutoFillBackground(True)
        self.stack = QStackedWidget()
        self.stack.setObjectName("toolPages")
        self._lay = QHBoxLayout(self)
        self._lay.setContentsMargins(0, 0, 0, 0)
        self._lay.setSpacing(0)
        self._lay.addWidget(self._slot)
        self._lay.addWidget(self.stack, 1)
        self._entries: list[NavEntry] = []
        self._badges: dict[int, int] = {}  # set before the sidebar was built
        self.stack.currentChanged.connect(self._stack_changed)
        self.update_compact()

    # -- the sidebar -----------------------------------------------------------------------------
    @property
    def nav(self) -> ToolNav:
        """The sidebar, built on first use (see :meth:`build_nav`)."""
        return self.build_nav()

    @property
    def nav_built(self) -> bool:
        return self._nav is not None

    def build_nav(self) -> ToolNav:
        """Build the sidebar, if not yet, with the entries, badges and current page so far; it
        takes the slot's place."""
        if self._nav is not None:
            return self._nav
        from .tool_nav import ToolNav

        nav = ToolNav()
        for e in self._entries:
            nav.add_entry(e)
        for i, n in self._badges.items():
            nav.set_badge(i, n)
        self._badges.clear()
        nav.set_current_page(self.currentIndex())
        nav.pageChosen.connect(self.setCurrentIndex)
        slot, self._slot = self._slot, None
        assert slot is not None
        self._lay.replaceWidget(slot, nav)
        slot.hide()
        slot.deleteLater()
        self._nav = nav
        self.stack.installEventFilter(self)
        nav.fit_width()
        self.update_compact()
        if self.isVisible():  # at once, not on the next turn of the event loop
            nav.show()
            self._lay.activate()
            nav.doItemsLayout()
        return nav

    def _slot_width(self, compact: bool) -> int:
        if compact:
            return COMPACT_WIDTH
        fm = self.fontMetrics()
        return entry_width(max(fm.horizontalAdvance(t) for t in [e.title for e in self._entries] or ["Tools"]))

    def add_page(self, widget: QWidget, entry: NavEntry) -> int:
        self._entries.append(entry)
        if self._nav is not None:
            self._nav.add_entry(entry)
        i = self.stack.addWidget(widget)
        if self._nav is not None:
            self._nav.fit_width()
            if i == 0:
                self._nav.set_current_page(0)
        else:
            self.update_compact()
        return i

    def entries(self) -> list[NavEntry]:
        return list(self._entries)

    def entry(self, index: int) -> NavEntry:
        return self._entries[index]

    # -- QTabWidget's API -----------------------------------------------------------------------
    def count(self) -> int:
        return self.stack.count()

    def widget(self, index: int) -> QWidget | None:
        return self.stack.widget(index)

    def indexOf(self, widget: QWidget) -> int:
        return self.stack.indexOf(widget)

    def currentIndex(self) -> int:
        return self.stack.currentIndex()

    def currentWidget(self) -> QWidget | None:
        return self.stack.currentWidget()

    def setCurrentIndex(self, index: int) -> None:
        if 0 <= index < self.count():
            self.stack.setCurrentIndex(index)
            if self._nav is not None:
                self._nav.set_current_page(index)

    def setCurrentWidget(self, widget: QWidget) -> None:
        self.setCurrentIndex(self.indexOf(widget))

    def tabText(self, index: int) -> str:
        """The entry's title, with its badge count as a tab showed it: "Face Swap (2)"."""
        if not 0 <= index < self.count():
            return ""
        n = self.badge(index)
        title = self._entries[index].title
        return f"{title} ({n})" if n else title

    # -- badges, moving -------------------------------------------------------------------------
    def set_badge(self, index: int, n: int) -> None:
        if self._nav is not None:
            self._nav.set_badge(index, n)
        else:
            self._badges[self._entry_index(index)] = n

    def badge(self, index: int) -> int:
        if self._nav is not None:
            return self._nav.badge(index)
        return self._badges.get(self._entry_index(index), 0)

    def _entry_index(self, index: int) -> int:
        """``index`` as a list index means it (an unknown one fails as it does on the sidebar)."""
        if not -len(self._entries) <= index < len(self._entries):
            raise IndexError(index)
        return index % len(self._entries)

    def step(self, delta: int) -> None:
        """Show the page ``delta`` places on (wrapping around)."""
        if self.count():
            self.setCurrentIndex((max(self.currentIndex(), 0) + delta) % self.count())

    def _stack_changed(self, index: int) -> None:
        if self._nav is not None:
            self._nav.set_current_page(index)
        self.currentChanged.emit(index)

    def resizeEvent(self, e: QResizeEvent) -> None:
        super().resizeEvent(e)
        self.update_compact()

    def eventFilter(self, obj: QObject, e: QEvent) -> bool:
        from PySide6.QtCore import QEvent  # installed with the sidebar: after the first paint

        if obj is self.stack and e.type() == QEvent.Type.LayoutRequest:  # a page was built, or resized
            self.update_compact()
        return super().eventFilter(obj, e)

    def update_compact(self) -> None:
        """Icons only when this widget is narrower than :attr:`compact_below`, or when the pages'
        minimum width leaves the titles less than they need (never half a title). Before the
        sidebar is built, the slot standing in for it gets the width it will have."""
        compact = False
        if self.compact_below:
            expanded = self._nav.expanded_width() if self._nav is not None else self._slot_width(False)
            room = self.width() - self.stack.minimumSizeHint().width()
            compact = self.width() < self.compact_below or room < expanded
        if self._nav is not None:
            self._nav.set_compact(compact)
        elif self._slot is not None:
            self._slot.setFixedWidth(self._slot_width(compact))
