"""Hand a file from one tool tab to another ("use as face", "remove background", "ask Vision").

The mechanism, in the order it is tried by :func:`hand_off`:

1. **A registered hook.** Whoever owns the tabs (the main window, the app, a later issue) may put
   a callable in ``ctx.services["handoff"]``::

       def handoff(tool_title: str, path: str) -> bool | None: ...

   It should show the tool ``tool_title`` (a title from ``ui.tools.TOOLS``, e.g. "Face Swap",
   "Background Removal", "Vision") with ``path`` loaded. Returning ``False`` means "not handled"
   and the next step is tried.
2. **The target tab itself.** If the window has ``tabs`` (QTabWidget) and ``pages``
   (``{title: LazyPage}``), the target tab is shown and built, and if its widget has a method
   ``accept_handoff(path: str) -> bool`` it is called. Tool tabs implement this method to accept
   files from other tabs (Vision takes images, Speech to Text takes audio and video).
3. **A message.** Otherwise the tab is shown (when possible) and the returned line tells the
   user where the file is, so they can drop it themselves.

:func:`hand_off` returns the line to show in the calling tab.

A hand-off *replaces* what the target's slot holds (it never quietly turns a one-job submit into a
batch); when the slot holds several files, :func:`ask_replace_or_add` asks first.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from ..context import ToolContext

log = logging.getLogger("verging_desktop.ui.handoff")

#: the key of the hand-off hook in ``ToolContext.services``
HANDOFF = "handoff"


def _switch_to(window: Any, title: str) -> Any:
    """Show the tab titled ``title``; return its built content widget (or None)."""
    tabs = getattr(window, "tabs", None)
    pages = getattr(window, "pages", None)
    if tabs is None or not isinstance(pages, dict) or title not in pages:
        return None
    page = pages[title]
    show_tools = getattr(window, "show_tools", None)
    if callable(show_tools):
        show_tools()
    tabs.setCurrentWidget(page)
    build = getattr(page, "build", None)
    content = build() if callable(build) else getattr(page, "content", None)
    return content if content is not None else True


def hand_off(ctx: ToolContext, tool_title: str, path: str | Path) -> str:
    """Give ``path`` to the tool ``tool_title``; returns a line saying what happened."""
    p = str(path)
    name = Path(p).name
    hook = ctx.services.get(HANDOFF)
    if callable(hook):
        try:
            handled = hook(tool_title, p)
        except Exception:
            log.exception("hand-off hook failed")
            handled = False
        if handled is not False:
            return f"{name} was sent to {tool_title}."
    content = _switch_to(ctx.window, tool_title)
    if content is None:
        return f"{tool_title} is not available here. The file is saved at {p}."
    accept = getattr(content, "accept_handoff", None)
    if callable(accept):
        try:
            ok = accept(p)
        except Exception:
            log.exception("%s could not take the file", tool_title)
            ok = False
        if ok is not False:
            return f"{name} was opened in {tool_title}."
    return f"{tool_title} cannot take files from other tabs yet: drop {name} there yourself (saved at {p})."


def ask_replace_or_add(parent: Any, title: str, text: str, on_replace: Any, on_add: Any) -> Any:
    """A hand-off into a slot that already holds several files: ask (non-blocking) whether the
    file replaces them or joins them (a bigger batch); Cancel changes nothing. Returns the box."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.Cancel, parent)
    box.setObjectName("handoffQuestion")
    replace = box.addButton("Replace them", QMessageBox.ButtonRole.AcceptRole)
    replace.setObjectName("handoffReplace")
    add = box.addButton("Add to the batch", QMessageBox.ButtonRole.ActionRole)
    add.setObjectName("handoffAdd")
    box.setDefaultButton(replace)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def clicked(b: Any) -> None:
        if b is replace:
            on_replace()
        elif b is add:
            on_add()

    box.buttonClicked.connect(clicked)
    box.open()
    return box
