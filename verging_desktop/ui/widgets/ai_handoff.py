"""Hand a file from one tool tab to another ("use as face", "remove background", "ask Vision").

The mechanism, in the order it is tried by :func:`hand_off`, all through the typed
:class:`~verging_desktop.ui.context.HandoffBus` in ``ctx.handoff``:

1. **A hook.** Whoever wants to take hand-offs over (a later panel, a test) sets one with
   ``ctx.handoff.set_hook(hook)``::

       def hook(tool_id: str, path: str) -> bool | None: ...

   It should show the tool ``tool_id`` (an id from :data:`verging_desktop.core.tools.TOOLS`,
   e.g. "face-swap", "background-removal", "vision") with ``path`` loaded. Returning ``False``
   means "not handled" and the next step is tried.
2. **The target tab itself.** The main window registers with the bus; ``ctx.handoff.open_tool``
   shows and builds the target tab, and if its widget has a method
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
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from PySide6.QtCore import QCoreApplication

from ...core import i18n
from ...core.tools import ToolSpec, tool, tool_by_title

if TYPE_CHECKING:  # pragma: no cover
    from ..context import ToolContext

log = logging.getLogger("verging_desktop.ui.handoff")


@runtime_checkable
class AcceptsHandoff(Protocol):
    """A tool page that takes files from other tabs."""

    def accept_handoff(self, path: str) -> bool: ...  # pragma: no cover


def _spec(name: str) -> ToolSpec | None:
    """The tool named by its id ("face-swap") or its title ("Face Swap")."""
    for find in (tool, tool_by_title):
        try:
            return find(name)
        except KeyError:
            pass
    return None


def hand_off(ctx: ToolContext, target: str, path: str | Path) -> str:
    """Give ``path`` to the tool ``target`` (its id or its title); returns a line saying what
    happened."""
    p = str(path)
    name = Path(p).name
    spec = _spec(target)
    translate = QCoreApplication.translate
    title = i18n._(spec.title) if spec is not None else target
    if spec is None:
        return translate("AiHandoff", "%1 is not available here. The file is saved at %2.").replace(
            "%1", title).replace("%2", p)
    hook = ctx.handoff.hook
    if hook is not None:
        try:
            handled = hook(spec.id, p)
        except Exception:
            log.exception("hand-off hook failed")
            handled = False
        if handled is not False:
            return translate("AiHandoff", "%1 was sent to %2.").replace("%1", name).replace("%2", title)
    content = ctx.handoff.open_tool(spec.id)
    if content is None:
        return translate("AiHandoff", "%1 is not available here. The file is saved at %2.").replace(
            "%1", title).replace("%2", p)
    if isinstance(content, AcceptsHandoff):
        try:
            ok = content.accept_handoff(p)
        except Exception:
            log.exception("%s could not take the file", spec.title)
            ok = False
        if ok is not False:
            return translate("AiHandoff", "%1 was opened in %2.").replace("%1", name).replace("%2", title)
    return translate("AiHandoff", "%1 cannot take files from other tabs yet: drop %2 there yourself (saved at %3).")\
        .replace("%1", title).replace("%2", name).replace("%3", p)


def ask_replace_or_add(parent: Any, title: str, text: str, on_replace: Any, on_add: Any, *,
                       replace_text: str | None = None) -> Any:
    """A hand-off into a slot that already holds several files: ask (non-blocking) whether the
    file replaces them or joins them (a bigger batch); Cancel changes nothing. Returns the box."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.Cancel, parent)
    box.setObjectName("handoffQuestion")
    replace = box.addButton(replace_text or QCoreApplication.translate("AiHandoff", "Replace them"),
                            QMessageBox.ButtonRole.AcceptRole)
    replace.setObjectName("handoffReplace")
    add = box.addButton(QCoreApplication.translate("AiHandoff", "Add to the batch"), QMessageBox.ButtonRole.ActionRole)
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
