"""The tool tabs, in the order the main window shows them, and how each one is built.

A tab is built the first time it is shown, by a factory ``factory(ctx) -> QWidget`` where
``ctx`` is the :class:`~verging_desktop.ui.context.ToolContext`. ``default_factories()``
returns ``{tab title: factory}``; each factory imports ``verging_desktop.ui.tools.<module>``
and calls its ``create(ctx)``.

To add a tool: write ``ui/tools/<module>.py`` with ``def create(ctx: ToolContext) -> QWidget``
and add its :class:`~verging_desktop.core.tools.ToolSpec` to :data:`verging_desktop.core.tools.TOOLS`
(the one registry: titles, summaries, groups; the page header reads its title and summary there).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from PySide6.QtWidgets import QWidget

    from ..context import ToolContext

from ...core.tools import TOOLS, ToolSpec, tool_by_title

__all__ = ["TOOLS", "Factory", "ToolSpec", "build_tool", "default_factories", "tool_by_title"]

Factory = Callable[["ToolContext"], "QWidget"]


def build_tool(spec: ToolSpec, ctx: ToolContext) -> QWidget:
    """Build the tab of ``spec``: its module's ``create(ctx)``."""
    mod: Any = importlib.import_module(f"{__name__}.{spec.module}")
    return mod.create(ctx)  # type: ignore[no-any-return]


def default_factories() -> dict[str, Factory]:
    """``{tab title: factory}`` in display order (dicts keep insertion order)."""
    return {spec.title: _factory(spec) for spec in TOOLS}


def _factory(spec: ToolSpec) -> Factory:
    def factory(ctx: ToolContext) -> QWidget:
        return build_tool(spec, ctx)

    return factory
