"""A geometry check for real widget trees: what a person would call "broken layout".

:func:`layout_problems` walks the visible widgets under a root (a main window, a tab, a dialog)
and reports, in words that name the widgets:

* **overlap**: two visible controls (buttons, labels, inputs, lists, sliders...) whose visible
  rectangles intersect, where neither contains the other (a spin box's own line edit is fine);
* **clipped text**: a button or check box whose text (QFontMetrics) is wider than the room its
  style gives the text; a one-line label whose text is wider than the label; a word-wrapped label
  given less height than its text needs; an empty QTextEdit whose placeholder line is wider
  than the box;
* **elided without tooltip**: a label showing an elided text ("…") whose tooltip does not carry
  the full text (the full text is the ``fullText`` dynamic property when the label elides by code;
  the text measured is the one the label paints, ``QLabel.text``, even where a subclass answers
  ``text()`` with its full text);
* **cut off**: a control partly outside the area its parents show, where no scroll area is
  there to scroll it into view;
* **scrolls sideways**: a page (a scroll area that is not a list) needs a horizontal scroll bar
  at this window size (scrolling down is fine, sideways hides buttons).

Controls painted over another one on purpose (an overlay badge on a video, say) carry the
dynamic property ``layoutOverlay=True`` and are not counted in overlaps. Widgets inside item
views (index widgets), scroll bars, splitter handles and a tab bar's own scroll buttons are
Qt's business and are skipped.

Use::

    problems = layout_problems(window)
    assert not problems, format_problems(problems, "1024x700")
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6 import QtGui
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QScrollBar,
    QSplitterHandle,
    QStyle,
    QStyleOptionButton,
    QTabBar,
    QTextEdit,
    QToolButton,
    QWidget,
)

CONTROL_TYPES = (QAbstractButton, QLabel, QLineEdit, QAbstractSpinBox, QComboBox, QAbstractSlider,
                 QProgressBar, QAbstractItemView, QTextEdit, QPlainTextEdit)

#: pixels two rectangles may share before it counts as an overlap (anti-aliased frames touch)
TOLERANCE = 1


@dataclass(frozen=True)
class Problem:
    kind: str  # overlap, clipped-text, elided-no-tooltip, cut-off
    widgets: tuple[str, ...]
    detail: str

    def __str__(self) -> str:
        return f"{self.kind}: {' / '.join(self.widgets)}: {self.detail}"


def describe(w: QWidget) -> str:
    """``QPushButton#submitButton 'Swap face (5 credits)'``: class, objectName, a bit of the text."""
    name = w.objectName()
    text = _text_of(w)
    parts = [type(w).__name__ + (f"#{name}" if name else "")]
    if text:
        t = " ".join(text.split())
        parts.append(repr(t if len(t) <= 50 else t[:47] + "..."))
    if not name:  # say where it lives
        p = w.parentWidget()
        while p is not None and not p.objectName():
            p = p.parentWidget()
        if p is not None:
            parts.append(f"in {type(p).__name__}#{p.objectName()}")
    return " ".join(parts)


def _text_of(w: QWidget) -> str:
    if isinstance(w, (QAbstractButton, QLabel)):
        return w.text()
    if isinstance(w, QLineEdit):
        return w.text() or w.placeholderText()
    return ""


def _strip_mnemonic(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _skipped(w: QWidget) -> bool:
    if isinstance(w, (QScrollBar, QSplitterHandle)):
        return True
    p = w.parentWidget()
    while p is not None:
        if isinstance(p, QTabBar):
            return True  # the tab bar's scroll buttons
        if isinstance(p, QAbstractItemView) and w is not p:
            return True  # index widgets: the view's own business
        if isinstance(p, (QAbstractSpinBox, QComboBox)):
            return True  # a spin box's or combo box's own line edit
        p = p.parentWidget()
    return False


def _is_control(w: QWidget) -> bool:
    if not isinstance(w, CONTROL_TYPES) or _skipped(w):
        return False
    if isinstance(w, QLabel):
        pm = w.pixmap()
        return bool(w.text().strip()) or (pm is not None and not pm.isNull())
    return True


def _scrolls(w: QWidget, root: QWidget) -> bool:
    """True when some ancestor below ``root`` is a scroll area's viewport (content may scroll)."""
    p = w.parentWidget()
    while p is not None and p is not root:
        gp = p.parentWidget()
        if isinstance(gp, QAbstractScrollArea) and gp.viewport() is p:
            return True
        p = gp
    return False


def visible_rect(w: QWidget, root: QWidget) -> QRect:
    """``w``'s rectangle in ``root``'s coordinates, clipped by every ancestor up to ``root``."""
    r = QRect(QWidget.mapTo(w, root, QPoint(0, 0)), QWidget.size(w))
    p = w.parentWidget()
    while p is not None:
        pr = QRect(QWidget.mapTo(p, root, QPoint(0, 0)), QWidget.size(p)) if p is not root else QWidget.rect(root)
        r = r.intersected(pr)
        if p is root or r.isEmpty():
            break
        p = p.parentWidget()
    return r


def _shown(w: QWidget, root: QWidget) -> bool:
    return w.isVisible() and (w is root or w.isVisibleTo(root)) and w.width() > 0 and w.height() > 0


def controls(root: QWidget) -> list[QWidget]:
    """The visible controls under ``root`` (see the module docstring for what counts)."""
    out = []
    for w in root.findChildren(QWidget):
        if _shown(w, root) and _is_control(w) and not visible_rect(w, root).isEmpty():
            out.append(w)
    return out


def _related(a: QWidget, b: QWidget) -> bool:
    return a.isAncestorOf(b) or b.isAncestorOf(a)


def _overlay(w: QWidget) -> bool:
    while w is not None:
        if w.property("layoutOverlay"):
            return True
        w = w.parentWidget()
    return False


def overlaps(root: QWidget, ws: list[QWidget] | None = None) -> list[Problem]:
    ws = controls(root) if ws is None else ws
    rects = [(w, visible_rect(w, root)) for w in ws if not _overlay(w)]
    out = []
    for i, (a, ra) in enumerate(rects):
        for b, rb in rects[i + 1:]:
            if _related(a, b) or a.window() is not b.window():
                continue
            inter = ra.intersected(rb)
            if inter.width() > TOLERANCE and inter.height() > TOLERANCE:
                out.append(Problem("overlap", (describe(a), describe(b)),
                                   f"{_r(ra)} and {_r(rb)} share {inter.width()}x{inter.height()} px"))
    return out


def _r(r: QRect) -> str:
    return f"({r.x()},{r.y()} {r.width()}x{r.height()})"


def _button_text_room(b: QAbstractButton) -> int | None:
    """The width the style gives a button's text (None: not a kind this check measures)."""
    if isinstance(b, (QCheckBox, QRadioButton)):
        opt = QStyleOptionButton()
        b.initStyleOption(opt)
        el = QStyle.SubElement.SE_CheckBoxContents if isinstance(b, QCheckBox) else QStyle.SubElement.SE_RadioButtonContents
        r = b.style().subElementRect(el, opt, b)
        room = r.width()
        if not b.icon().isNull():
            room -= b.iconSize().width() + 4
        return room
    if isinstance(b, QPushButton):
        opt = QStyleOptionButton()
        b.initStyleOption(opt)
        r = b.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, opt, b)
        room = r.width() - 2 * b.style().pixelMetric(QStyle.PixelMetric.PM_ButtonMargin, opt, b) // 2
        if b.menu() is not None:
            room -= b.style().pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, opt, b)
        if not b.icon().isNull():
            room -= b.iconSize().width() + 4
        return room
    if isinstance(b, QToolButton):
        if b.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly and not b.icon().isNull():
            return None
        if b.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextOnly or b.icon().isNull():
            room = b.width() - 6
        elif b.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon:
            room = b.width() - 6 - b.iconSize().width() - 4
        else:
            room = b.width() - 6
        if b.popupMode() == QToolButton.ToolButtonPopupMode.MenuButtonPopup:
            room -= b.style().pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, None, b)
        return room
    return None


def _label_problem(lab: QLabel) -> Problem | None:
    # what the label paints: QLabel's own text, not an override (a label elided by code may answer
    # text() with its full text, which it never paints; its tooltip must carry that full text)
    text = QLabel.text(lab)
    if not text.strip():
        return None
    full = lab.property("fullText")
    if full is not None or "…" in text:
        if full is not None and str(full) != text and str(full) not in lab.toolTip():
            return Problem("elided-no-tooltip", (describe(lab),),
                           f"shows {text!r}; the tooltip {lab.toolTip()!r} lacks the full text {str(full)!r}")
        if full is None and "…" in text.strip("…").strip() and not lab.toolTip():
            return Problem("elided-no-tooltip", (describe(lab),), f"shows {text!r} with no tooltip")
    cr = lab.contentsRect()
    margin = lab.margin() + lab.indent() if lab.indent() > 0 else lab.margin()
    room_w = cr.width() - 2 * margin
    rich = lab.textFormat() == Qt.TextFormat.RichText or (
        lab.textFormat() == Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(text))
    if lab.wordWrap():
        need_h = lab.heightForWidth(lab.width())
        if need_h > lab.height() + 2:
            return Problem("clipped-text", (describe(lab),),
                           f"the wrapped text needs {need_h} px of height, the label has {lab.height()} px "
                           f"(width {lab.width()})")
        return None
    if rich:
        doc = QTextDocument()
        doc.setDefaultFont(lab.font())
        doc.setDocumentMargin(0)
        doc.setHtml(text)
        need = int(doc.idealWidth() + 0.999)
    else:
        fm = lab.fontMetrics()
        need = max(fm.horizontalAdvance(line) for line in text.split("\n"))
    if need > room_w + 1:
        return Problem("clipped-text", (describe(lab),), f"the text needs {need} px, the label has {room_w} px")
    return None


def clipped_texts(root: QWidget, ws: list[QWidget] | None = None) -> list[Problem]:
    ws = controls(root) if ws is None else ws
    out = []
    for w in ws:
        if isinstance(w, QAbstractButton) and w.text():
            room = _button_text_room(w)
            if room is None:
                continue
            text = _strip_mnemonic(w.text())
            need = max(w.fontMetrics().horizontalAdvance(line) for line in text.split("\n"))
            if need > room + 1:
                out.append(Problem("clipped-text", (describe(w),),
                                   f"the text needs {need} px, the button gives it {room} px (width {w.width()})"))
        elif isinstance(w, QLabel):
            p = _label_problem(w)
            if p is not None:
                out.append(p)
        elif isinstance(w, QTextEdit) and w.placeholderText() and not w.toPlainText():
            # an empty QTextEdit paints its placeholder on one line, unwrapped, and only up to a
            # line break: it must fit in one line
            room = w.viewport().width() - 2 * int(w.document().documentMargin())
            need = w.fontMetrics().horizontalAdvance(w.placeholderText())
            if need > room + 1 or "\n" in w.placeholderText():
                out.append(Problem("clipped-text", (describe(w),),
                                   f"its placeholder {w.placeholderText()!r} needs {need} px, the box shows {room} px"))
    return out


def cut_off(root: QWidget, ws: list[QWidget] | None = None) -> list[Problem]:
    ws = controls(root) if ws is None else ws
    out = []
    for w in ws:
        if _scrolls(w, root):
            continue
        full = QRect(QWidget.mapTo(w, root, QPoint(0, 0)), QWidget.size(w))
        vis = visible_rect(w, root)
        if vis.width() < full.width() - TOLERANCE or vis.height() < full.height() - TOLERANCE:
            out.append(Problem("cut-off", (describe(w),), f"{_r(full)} is shown only as {_r(vis)}"))
    return out


def sideways_scrolling(root: QWidget, skip: Iterable[QWidget] = ()) -> list[Problem]:
    """Pages (scroll areas that are not item views) that need a horizontal scroll bar: at the
    window's size their content does not fit across, so a button may be out of sight."""
    out = []
    skipped = list(skip)
    for sa in root.findChildren(QScrollArea):
        if not _shown(sa, root) or any(s is sa or s.isAncestorOf(sa) for s in skipped):
            continue
        bar = sa.horizontalScrollBar()
        if bar.isVisible() and bar.maximum() > 0:
            inner = sa.widget()
            need = inner.minimumSizeHint().width() if inner is not None else 0
            out.append(Problem("scrolls-sideways", (describe(sa),),
                               f"its content needs {need} px across, it is {sa.viewport().width()} px wide"))
    return out


def layout_problems(root: QWidget, *, skip: Iterable[QWidget] = ()) -> list[Problem]:
    """Every problem under ``root``; widgets under any of ``skip`` are left out."""
    skipped = list(skip)
    ws = [w for w in controls(root) if not any(s is w or s.isAncestorOf(w) for s in skipped)]
    return (overlaps(root, ws) + clipped_texts(root, ws) + cut_off(root, ws)
            + sideways_scrolling(root, skipped))


def format_problems(problems: list[Problem], where: str) -> str:
    lines = [f"{len(problems)} layout problem(s) at {where}:"]
    lines += [f"  - {p}" for p in problems]
    return "\n".join(lines)
