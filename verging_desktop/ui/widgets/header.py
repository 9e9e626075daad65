"""The header every tool tab starts with: its title and a one-line summary, the same everywhere.

A tool page takes its title and summary from the tool registry (:func:`tool_page_header`), so
the page, the navigation's tooltips and the "Go to tool" list say the same. The summary never wraps or widens the tab: it is elided at the end to the room there is, with
the whole sentence as its tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ...core.i18n import _
from ...core.tools import tool
from .elide import ElidedLabel

#: the title's size relative to the application font
TITLE_SCALE = 1.5


def tool_page_header(tool_id: str) -> QWidget:
    """The header of the tool ``tool_id``: its title and summary from the registry
    (:data:`verging_desktop.core.tools.TOOLS`, the words the navigation shows too)."""
    spec = tool(tool_id)
    return page_header(_(spec.title), _(spec.summary))


def page_header(title: str, summary: str) -> QWidget:
    """A ``pageHeader`` widget: a ``pageTitle`` label and a ``pageSummary`` line."""
    w = QWidget()
    w.setObjectName("pageHeader")
    lay = QVBoxLayout(w)
    lay.setContentsMargins(0, 0, 0, 4)
    lay.setSpacing(2)
    t = QLabel(title)
    t.setObjectName("pageTitle")
    f = t.font()
    f.setPointSizeF(f.pointSizeF() * TITLE_SCALE)
    f.setBold(True)
    t.setFont(f)
    s = ElidedLabel(mode=Qt.TextElideMode.ElideRight)
    s.setObjectName("pageSummary")
    s.set_full_text(summary)
    s.setEnabled(False)
    lay.addWidget(t)
    lay.addWidget(s)
    return w
