"""The pseudo-translator and the widget walk of the translation tests.

:class:`PseudoTranslator` answers every ``tr()`` / ``QCoreApplication.translate`` (the app's, the
core catalogue's through its hook, and Qt's own) with the source wrapped in ``⟦ ⟧``. A visible
string that has letters left once the wrapped parts (and what is data: web and mail addresses,
paths, file names, numbers) are taken out did not pass through translation.

:func:`walk` collects the visible strings of a window: its title, labels, buttons, tooltips,
placeholders, spin box prefixes and suffixes, combo box items, tab titles, group box titles, list
items, column headers and menu entries (every action of the menu bar, recursively, and of the
buttons' menus). Each string is attributed to the file of the nearest widget (itself or an
ancestor) whose class is the app's, so the allowlist says where it is.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import Qt, QTranslator
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDoubleSpinBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QSpinBox,
    QTabBar,
    QTabWidget,
    QTextEdit,
    QWidget,
)

OPEN, CLOSE = "⟦", "⟧"
ROOT = Path(__file__).resolve().parents[2]

_WRAPPED = re.compile(f"{OPEN}[^{OPEN}{CLOSE}]*{CLOSE}")
_DATA = [
    re.compile(r"<[^>]+>"),                               # rich text tags
    re.compile(r"&(?:[a-z]+|#\d+);"),                     # entities
    re.compile(r"\b[a-z][a-z0-9+.-]*://\S+", re.I),       # web addresses
    re.compile(r"\S+@\S+\.\w+"),                          # mail addresses
    re.compile(r"(?:[A-Za-z]:)?[/\\]\S+"),                # paths
    re.compile(r"\b[\w.-]+\.(?:mp4|mov|mkv|webm|png|jpe?g|webp|gif|wav|mp3|m4a|ogg|flac|txt|json|srt|vtt)\b", re.I),
    re.compile(r"\b(?:Ctrl|Shift|Alt|Meta|Esc|Tab|PgUp|PgDown|Backtab|Return|Enter|Del|F\d+)\b"),  # shortcuts
]
_LETTERS = re.compile(r"[A-Za-z]{2,}")


class PseudoTranslator(QTranslator):
    """Wraps every translated string in ``⟦ ⟧`` (it does not change the source's placeholders)."""

    def __init__(self) -> None:
        super().__init__()
        self.asked = 0

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
        self.asked += 1
        if not source:
            return ""
        return f"{OPEN}{source}{CLOSE}"

    def isEmpty(self) -> bool:
        return False


def untranslated(text: str) -> bool:
    """Does ``text`` show letters that did not pass through translation?"""
    rest = text
    while True:
        stripped = _WRAPPED.sub(" ", rest)
        if stripped == rest:
            break
        rest = stripped
    rest = rest.replace(OPEN, " ").replace(CLOSE, " ")
    for pattern in _DATA:
        rest = pattern.sub(" ", rest)
    return bool(_LETTERS.search(rest))


_MONTH = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b")
_PLURAL = re.compile(r"\b(credit|job|image|file|key|second|minute|part|record|message|video|clip|face|result)s\b")


def normalize(text: str) -> str:
    """One line, what changes between runs made constant (digits as 0, month names as Mmm, the
    plural of a counted noun as its singular), at most 160 characters."""
    t = re.sub(r"\s+", " ", text).strip()
    t = re.sub(r"\d+", "0", t)
    t = _MONTH.sub("Mmm", t)
    t = _PLURAL.sub(r"\1", t)
    return t[:160]


#: the app's plain label classes: a string they show is the widget's that uses them
GENERIC = frozenset({"verging_desktop/ui/widgets/wrapfit.py", "verging_desktop/ui/widgets/elide.py"})


def source_file(w: QWidget | None) -> str:
    """The app's file that made ``w`` (its class, or its nearest ancestor's of the app's; the
    plain label classes of :data:`GENERIC` apart)."""
    while w is not None:
        for cls in type(w).__mro__:
            mod = cls.__module__
            if mod.startswith("verging_desktop.") or mod.startswith("tests."):
                path = getattr(sys.modules.get(mod), "__file__", None)
                if path:
                    rel = Path(path).resolve().relative_to(ROOT).as_posix()
                    if rel not in GENERIC:
                        return rel
        w = w.parentWidget()
    return "(Qt)"


def _menu_texts(menu: QMenu, seen: set[int]) -> Iterator[str]:
    if id(menu) in seen:
        return
    seen.add(id(menu))
    yield menu.title()
    for a in menu.actions():
        yield from _action_texts(a, seen)


def _action_texts(a: QAction, seen: set[int]) -> Iterator[str]:
    if a.isSeparator():
        return
    yield a.text()
    if a.toolTip() and a.toolTip() != a.text().replace("&", ""):
        yield a.toolTip()
    sub = a.menu()
    if isinstance(sub, QMenu):
        yield from _menu_texts(sub, seen)


#: what an item of a combo marked ``i18nDataItems`` may be without translation: one lower-case
#: identifier (a model, voice or format name), no spaces, no capitals
DATA_ITEM = re.compile(r"[a-z0-9]+(?:[-._][a-z0-9]+)*")


def widget_texts(w: QWidget) -> Iterator[str]:
    """The strings ``w`` itself shows."""
    if w.isWindow() or isinstance(w, QMainWindow):
        yield w.windowTitle()
    yield w.toolTip()
    if isinstance(w, QLabel):
        full = getattr(w, "full_text", None)  # an elided label: its whole text (elision cuts the markers)
        yield full() if callable(full) else w.text()
    elif isinstance(w, QAbstractButton):
        yield w.text()
        menu = getattr(w, "menu", None)
        m = menu() if callable(menu) else None
        if isinstance(m, QMenu):
            yield from _menu_texts(m, set())
    elif isinstance(w, QGroupBox):
        yield w.title()
    elif isinstance(w, QLineEdit | QTextEdit | QPlainTextEdit):
        yield w.placeholderText()
    elif isinstance(w, QComboBox):
        ids = bool(w.property("i18nDataItems"))  # a combo of the API's own names (gpt-4o, alloy, mp3)
        for i in range(w.count()):
            text = w.itemText(i)
            if ids and DATA_ITEM.fullmatch(text):
                continue  # an identifier, not words: anything else in such a combo is still checked
            yield text
        if w.isEditable() and w.lineEdit() is not None:
            yield w.lineEdit().placeholderText()
    elif isinstance(w, QTabBar):
        for i in range(w.count()):
            yield w.tabText(i)
            yield w.tabToolTip(i)
    if isinstance(w, QSpinBox | QDoubleSpinBox):
        yield w.prefix()
        yield w.suffix()
        yield w.specialValueText()
    elif isinstance(w, QAbstractSpinBox):
        yield w.specialValueText()
    if isinstance(w, QListWidget):
        for i in range(w.count()):
            item = w.item(i)
            yield item.text()
            yield item.toolTip()
    elif isinstance(w, QAbstractItemView) and w.model() is not None:
        model = w.model()
        for section in range(model.columnCount()):
            v = model.headerData(section, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
            if isinstance(v, str):
                yield v
    if isinstance(w, QMainWindow):
        mb = w.menuBar()
        seen: set[int] = set()
        for a in mb.actions():
            yield from _action_texts(a, seen)


def walk(top: QWidget, *, visible_only: bool = True) -> Iterator[tuple[str, str]]:
    """``(file, text)`` for every visible string of the window ``top`` and its children."""
    widgets = [top, *top.findChildren(QWidget)]
    for w in widgets:
        if visible_only and w is not top and not w.isVisibleTo(top):
            continue
        if w.isWindow() and w is not top:
            continue  # another window (a dialog, a menu): walked on its own
        where = source_file(w)
        for t in widget_texts(w):
            if t and t.strip():
                yield where, t


def every_tab(top: QWidget) -> Iterator[None]:
    """Show each tab of every tab widget of ``top`` in turn (yields after each), then the first."""
    for tw in top.findChildren(QTabWidget):
        if not tw.isVisibleTo(top):
            continue
        current = tw.currentIndex()
        for i in range(tw.count()):
            tw.setCurrentIndex(i)
            yield
        tw.setCurrentIndex(current)
