"""Navigation between many pages: a sidebar with group headers, icons and badges, and a "Go to"
quick search. Generic: it knows entries and groups, not which tools exist (the main window gives
them, from ``core/tools.py``). Not imported before the first paint (its Qt types cost ~30 ms
the first time): :mod:`.nav_pages` builds the sidebar after it.

- :class:`ToolNav`: the sidebar list. Group headers are not selectable; the arrow keys, Home and
  End skip them. Each entry shows its icon, its title and a badge count (unseen finished jobs).
  Compact mode shows the icons only (the title and summary are in the tooltip).
- :func:`entry_icon`: an entry's QIcon (made from its icon name, when it has one).
- ``NavEntry`` and ``NavPages`` (the sidebar beside the pages, QTabWidget's API) are in
  :mod:`.nav_pages`.
- ``GoToPopup`` (in :mod:`.goto_popup`, built on the first Ctrl+K): a line edit over a filtered
  list of the entries.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QIcon,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from ..plural import plural
from .nav_pages import COMPACT_WIDTH, ICON, NavEntry, entry_width

HEADER_ROLE = Qt.ItemDataRole.UserRole + 1  # the group's name on a header row
PAGE_ROLE = Qt.ItemDataRole.UserRole + 2  # the page index on an entry row
BADGE_ROLE = Qt.ItemDataRole.UserRole + 3  # the entry's badge count
SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 4
SHORTCUT_ROLE = Qt.ItemDataRole.UserRole + 5

ENTRY_HEIGHT = 34
HEADER_HEIGHT = 28
COMPACT_HEADER_HEIGHT = 13


def entry_icon(entry: NavEntry) -> QIcon | None:
    """The entry's icon: its QIcon, or the tool icon its name says (a new QIcon each time)."""
    if isinstance(entry.icon, str):
        from ..icons import tool_icon

        return tool_icon(entry.icon)
    return entry.icon


def blend(a: QColor, b: QColor, t: float) -> QColor:
    """``t`` of ``a`` and ``1 - t`` of ``b``."""
    return QColor(round(a.red() * t + b.red() * (1 - t)), round(a.green() * t + b.green() * (1 - t)),
                  round(a.blue() * t + b.blue() * (1 - t)))


def header_color(pal: QPalette) -> QColor:
    """Group headers: quieter than the entries, still readable (about 5:1 on both themes)."""
    active = QPalette.ColorGroup.Active  # a header row is a disabled item: not its grey
    return blend(pal.color(active, QPalette.ColorRole.WindowText), pal.color(active, QPalette.ColorRole.AlternateBase),
                 0.62)


def badge_text(n: int) -> str:
    return "99+" if n > 99 else str(n)


def _paint_badge(p: QPainter, rect: QRect, n: int, fill: QColor, text: QColor, font: QFont) -> None:
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(fill)
    p.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
    p.setPen(text)
    p.setFont(font)
    p.drawText(rect, Qt.AlignmentFlag.AlignCenter, badge_text(n))
    p.restore()


def _badge_font(base: QFont) -> QFont:
    f = QFont(base)
    f.setBold(True)
    if f.pointSizeF() > 0:
        f.setPointSizeF(max(7.0, f.pointSizeF() - 1.5))
    else:
        f.setPixelSize(max(9, f.pixelSize() - 2))
    return f


def _header_font(base: QFont) -> QFont:
    f = QFont(base)
    f.setBold(True)
    f.setCapitalization(QFont.Capitalization.AllUppercase)
    f.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 108)
    if f.pointSizeF() > 0:
        f.setPointSizeF(max(7.0, f.pointSizeF() - 1.0))
    return f


class NavDelegate(QStyledItemDelegate):
    """Paints headers and entries of a :class:`ToolNav` (or of the Go to list)."""

    def __init__(self, view: QListWidget, *, compact: bool = False, summaries: bool = False) -> None:
        super().__init__(view)
        self.view = view
        self.compact = compact
        self.summaries = summaries

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        # narrow on purpose: a list view widens its rows to the viewport, never narrows them
        if index.data(HEADER_ROLE):
            return QSize(COMPACT_WIDTH // 2, COMPACT_HEADER_HEIGHT if self.compact else HEADER_HEIGHT)
        if self.summaries:
            fm = QFontMetrics(option.font)
            return QSize(COMPACT_WIDTH // 2, fm.height() * 2 + 14)
        return QSize(COMPACT_WIDTH // 2, ENTRY_HEIGHT)

    def paint(self, p: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        pal = option.palette
        rect: QRect = option.rect
        state = option.state
        font = QFont(option.font)
        header = index.data(HEADER_ROLE)
        if header:
            if not (self.compact and index.row() == 0):  # no line above the first group
                self._paint_header(p, rect, str(header), pal, font)
            return
        selected = bool(state & QStyle.StateFlag.State_Selected)
        hover = bool(state & QStyle.StateFlag.State_MouseOver)
        box = rect.adjusted(3, 1, -4, -1) if self.compact else rect.adjusted(6, 1, -7, -1)
        p.save()
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        highlight = pal.color(QPalette.ColorRole.Highlight)
        if selected:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(highlight)
            p.drawRoundedRect(box, 6, 6)
        elif hover:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(blend(pal.color(QPalette.ColorRole.WindowText), pal.color(QPalette.ColorRole.AlternateBase),
                             0.09))
            p.drawRoundedRect(box, 6, 6)
        p.restore()
        text_color = pal.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.WindowText)
        icon = index.data(Qt.ItemDataRole.DecorationRole)
        mode = QIcon.Mode.Selected if selected else QIcon.Mode.Normal
        n = int(index.data(BADGE_ROLE) or 0)
        bfont = _badge_font(font)
        bfm = QFontMetrics(bfont)
        bh = bfm.height() + 2
        bw = max(bh, bfm.horizontalAdvance(badge_text(n)) + 10)
        badge_fill = pal.color(QPalette.ColorRole.HighlightedText) if selected else highlight
        badge_ink = highlight if selected else pal.color(QPalette.ColorRole.HighlightedText)
        if self.compact:
            icon_rect = QRect(0, 0, ICON, ICON)
            icon_rect.moveCenter(box.center())
            if isinstance(icon, QIcon):
                icon.paint(p, icon_rect, Qt.AlignmentFlag.AlignCenter, mode)
            if n:  # no room for a number: a dot (the count is in the tooltip)
                p.save()
                p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
                p.setPen(QPen(pal.color(QPalette.ColorGroup.Active, QPalette.ColorRole.AlternateBase), 1.5))
                p.setBrush(badge_fill if selected else highlight)
                p.drawEllipse(QRect(icon_rect.right() - 4, icon_rect.top() - 3, 9, 9))
                p.restore()
            return
        x = box.left() + 10
        if isinstance(icon, QIcon):
            icon.paint(p, QRect(x, box.center().y() - ICON // 2 + 1, ICON, ICON), Qt.AlignmentFlag.AlignCenter, mode)
        x += ICON + 10
        right = box.right() - 8
        if self.summaries:
            shortcut = str(index.data(SHORTCUT_ROLE) or "")
            if shortcut:
                sfm = QFontMetrics(bfont)
                sw = sfm.horizontalAdvance(shortcut)
                p.save()
                p.setFont(bfont)
                p.setPen(text_color if selected else header_color(pal))
                p.drawText(QRect(right - sw, box.top(), sw, box.height()), Qt.AlignmentFlag.AlignVCenter, shortcut)
                p.restore()
                right -= sw + 10
            fm = QFontMetrics(font)
            title_font = QFont(font)
            title_font.setBold(True)
            half = box.height() // 2
            p.save()
            p.setFont(title_font)
            p.setPen(text_color)
            tr = QRect(x, box.top() + 4, right - x, half - 4)
            p.drawText(tr, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom),
                       QFontMetrics(title_font).elidedText(str(index.data()), Qt.TextElideMode.ElideRight, tr.width()))
            p.setFont(font)
            p.setPen(text_color if selected else header_color(pal))
            sr = QRect(x, box.top() + half, right - x, half - 4)
            p.drawText(sr, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop),
                       fm.elidedText(str(index.data(SUMMARY_ROLE) or ""), Qt.TextElideMode.ElideRight, sr.width()))
            p.restore()
            return
        if n:
            r = QRect(right - bw + 1, box.center().y() - bh // 2 + 1, bw, bh)
            _paint_badge(p, r, n, badge_fill, badge_ink, bfont)
            right = r.left() - 6
        fm = QFontMetrics(font)
        p.save()
        p.setFont(font)
        p.setPen(text_color)
        tr = QRect(x, box.top(), right - x, box.height())
        p.drawText(tr, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                   fm.elidedText(str(index.data()), Qt.TextElideMode.ElideRight, tr.width()))
        p.restore()

    def _paint_header(self, p: QPainter, rect: QRect, text: str, pal: QPalette, font: QFont) -> None:
        p.save()
        if self.compact:
            active = QPalette.ColorGroup.Active
            p.setPen(blend(pal.color(active, QPalette.ColorRole.WindowText),
                           pal.color(active, QPalette.ColorRole.AlternateBase), 0.25))
            y = rect.center().y()
            p.drawLine(rect.left() + 7, y, rect.right() - 8, y)
        else:
            p.setFont(_header_font(font))
            p.setPen(header_color(pal))
            p.drawText(rect.adjusted(16, 0, -8, -5), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom),
                       text)
        p.restore()


class ToolNav(QListWidget):
    """The sidebar: group headers and one entry per page.

    Signals:
        pageChosen(int): the user (mouse or keys) made the entry of this page index current.
    """

    pageChosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("toolNav")
        self.setAccessibleName(self.tr("Tools"))
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setUniformItemSizes(False)
        self.setMouseTracking(True)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.viewport().setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.setSpacing(0)
        self._delegate = NavDelegate(self)
        self.setItemDelegate(self._delegate)
        self._rows: list[int] = []  # page index -> row
        self._last_group: str | None = None
        self._compact = False
        self.currentRowChanged.connect(self._row_changed)

    # -- building ------------------------------------------------------------------------------
    def add_entry(self, entry: NavEntry) -> int:
        """Append ``entry`` (after a header when its group differs from the previous entry's);
        returns its page index. Add the entries grouped."""
        if entry.group and entry.group != self._last_group:
            h = QListWidgetItem(entry.group)
            h.setData(HEADER_ROLE, entry.group)
            h.setFlags(Qt.ItemFlag.NoItemFlags)
            h.setData(Qt.ItemDataRole.AccessibleTextRole, self.tr("%1 tools", "a group of tools, read aloud").replace(
                "%1", entry.group))
            self.addItem(h)
        self._last_group = entry.group
        item = QListWidgetItem(entry.title)
        icon = entry_icon(entry)
        if icon is not None:
            item.setIcon(icon)
        item.setData(PAGE_ROLE, len(self._rows))
        item.setData(SUMMARY_ROLE, entry.summary)
        item.setData(SHORTCUT_ROLE, entry.shortcut)
        item.setData(BADGE_ROLE, 0)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        self.addItem(item)
        self._rows.append(self.row(item))
        self._update_tooltip(len(self._rows) - 1)
        self.updateGeometry()
        return len(self._rows) - 1

    def _update_tooltip(self, index: int) -> None:
        item = self.entry_item(index)
        title, summary = item.text(), str(item.data(SUMMARY_ROLE) or "")
        shortcut = str(item.data(SHORTCUT_ROLE) or "")
        n = int(item.data(BADGE_ROLE) or 0)
        if self._compact and summary:
            tip = self.tr("%1: %2", "a tool's title and its summary").replace("%1", title).replace("%2", summary)
        else:
            tip = summary or title
        if shortcut:
            tip = self.tr("%1 (%2)", "a tooltip and its keyboard shortcut").replace("%1", tip).replace("%2", shortcut)
        if n:
            tip += "\n" + plural(self.tr("%n finished since you last looked", "", n), n)
        item.setToolTip(tip)
        spoken = plural(self.tr("%1, %n new", "a tool's title and its unseen finished jobs, read aloud", n), n)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, spoken.replace("%1", title) if n else title)

    # -- reading ---------------------------------------------------------------------------------
    def entry_count(self) -> int:
        return len(self._rows)

    def entry_item(self, index: int) -> QListWidgetItem:
        item = self.item(self._rows[index])
        assert item is not None
        return item

    def header_titles(self) -> list[str]:
        return [str(it.data(HEADER_ROLE)) for it in (self.item(r) for r in range(self.count()))
                if it is not None and it.data(HEADER_ROLE)]

    def is_header(self, row: int) -> bool:
        item = self.item(row)
        return item is not None and bool(item.data(HEADER_ROLE))

    def current_page(self) -> int:
        item = self.currentItem()
        if item is None or item.data(HEADER_ROLE):
            return -1
        return int(item.data(PAGE_ROLE))

    def set_current_page(self, index: int) -> None:
        if 0 <= index < len(self._rows):
            if self.currentRow() != self._rows[index]:
                self.setCurrentRow(self._rows[index])
            self.scrollToItem(self.entry_item(index))

    # -- badges, compact mode ------------------------------------------------------------------
    def set_badge(self, index: int, n: int) -> None:
        item = self.entry_item(index)
        if int(item.data(BADGE_ROLE) or 0) != n:
            item.setData(BADGE_ROLE, n)
            self._update_tooltip(index)

    def badge(self, index: int) -> int:
        return int(self.entry_item(index).data(BADGE_ROLE) or 0)

    @property
    def compact(self) -> bool:
        return self._compact

    def set_compact(self, compact: bool) -> None:
        if compact == self._compact:
            return
        self._compact = compact
        self._delegate.compact = compact
        for i in range(len(self._rows)):
            self._update_tooltip(i)
        self.fit_width()
        self.scheduleDelayedItemsLayout()  # row heights change with the headers
        self.viewport().update()

    def sizeHint(self) -> QSize:
        w = COMPACT_WIDTH if self._compact else self.expanded_width()
        rows = sum(self._row_height(r) for r in range(self.count()))
        return QSize(w, rows + 8)

    def expanded_width(self) -> int:
        """The width the titles, the headers and a badge need."""
        fm = self.fontMetrics()
        titles = [self.entry_item(i).text() for i in range(len(self._rows))] or ["Tools"]
        hfm = QFontMetrics(_header_font(self.font()))
        heads = [hfm.horizontalAdvance(h) + 24 for h in self.header_titles()]
        return max([entry_width(max(fm.horizontalAdvance(t) for t in titles)), *heads])

    def minimumSizeHint(self) -> QSize:
        return QSize(COMPACT_WIDTH, ENTRY_HEIGHT * 2)

    def fit_width(self) -> None:
        """As wide as the titles need (or the icons, when compact); never more. The minimum is
        always the compact width: a window may get narrow enough to turn the sidebar compact."""
        self.setMinimumWidth(COMPACT_WIDTH)
        self.setMaximumWidth(self.sizeHint().width())
        self.updateGeometry()

    def paintEvent(self, e: QPaintEvent) -> None:
        super().paintEvent(e)
        p = QPainter(self.viewport())  # the line between the sidebar and the page
        p.setPen(self.palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.Mid))
        x = self.viewport().width() - 1
        p.drawLine(x, 0, x, self.viewport().height())
        p.end()

    def _row_height(self, row: int) -> int:
        if self.is_header(row):
            return COMPACT_HEADER_HEIGHT if self._compact else HEADER_HEIGHT
        return ENTRY_HEIGHT

    # -- keys: headers are skipped -----------------------------------------------------------------
    def _entry_rows(self) -> list[int]:
        return list(self._rows)

    def moveCursor(self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier) -> QModelIndex:
        A = QAbstractItemView.CursorAction
        rows = self._entry_rows()
        if not rows:
            return QModelIndex()
        cur = self.currentRow()
        target: int | None = None
        if action in (A.MoveUp, A.MovePrevious, A.MoveLeft):
            before = [r for r in rows if r < cur]
            target = before[-1] if before else rows[0]
        elif action in (A.MoveDown, A.MoveNext, A.MoveRight):
            after = [r for r in rows if r > cur]
            target = after[0] if after else rows[-1]
        elif action == A.MoveHome:
            target = rows[0]
        elif action == A.MoveEnd:
            target = rows[-1]
        else:  # page up/down: Qt's move, then the nearest entry
            idx = super().moveCursor(action, modifiers)
            r = idx.row() if idx.isValid() else cur
            target = min(rows, key=lambda e: (abs(e - r), e))
        return self.model().index(target, 0)

    def _row_changed(self, row: int) -> None:
        item = self.item(row) if row >= 0 else None
        if item is not None and not item.data(HEADER_ROLE):
            self.pageChosen.emit(int(item.data(PAGE_ROLE)))

