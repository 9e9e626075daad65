"""The Qt side's lists of tools are the registry's (core.tools): the tabs, the Job Queue's tool
filter and names, the notifications' names, the tab badges' kinds, the hand-off targets."""

from __future__ import annotations

from pathlib import Path

from verging_desktop.api.verging import VergingClient
from verging_desktop.core import tools
from verging_desktop.jobs.queue import JobQueue
from verging_desktop.jobs.store import JobStore
from verging_desktop.ui.context import HandoffBus
from verging_desktop.ui.jobs import notify, queue_panel
from verging_desktop.ui.jobs import service as jobs_service
from verging_desktop.ui.tools import default_factories


def test_the_tabs_are_the_registry() -> None:
    assert list(default_factories()) == [t.title for t in tools.TOOLS]


def test_queue_filter_and_names_are_the_registry(qtbot, tmp_path: Path) -> None:
    store = JobStore(tmp_path / "jobs.db")
    q = JobQueue(store, VergingClient("vd_test", "http://127.0.0.1:9"), download_dir=tmp_path / "out")
    panel = queue_panel.QueuePanel(q)
    qtbot.addWidget(panel)
    f = panel.tool_filter
    entries = [(f.itemData(i, f.LabelRole), f.itemData(i)) for i in range(f.count())]
    assert entries == [("All tools", "")] + [(tools.kind_title(k), k) for k in tools.job_kinds()]
    assert {k: tools.kind_title(k) for k in tools.job_kinds()} == queue_panel.TOOL_NAMES
    panel.detach()
    store.close()


def test_notifications_and_badges_name_the_registry() -> None:
    assert {k: tools.kind_noun(k) for k in tools.job_kinds()} == notify.TOOL_NAMES
    assert notify.TOOL_NAMES["face-swap"] == "Face swap"
    assert {k: tools.tool_for_kind(k).title for k in tools.job_kinds()} == jobs_service.KIND_TABS  # type: ignore[union-attr]


def test_handoff_bus_goes_to_the_registered_target() -> None:
    bus = HandoffBus()
    assert bus.open_tool("vision") is None  # nobody registered
    opened: list[str] = []

    class Window:
        def open_tool(self, tool_id: str) -> object | None:
            opened.append(tool_id)
            return "page"

    bus.register(Window())
    assert bus.open_tool("vision") == "page" and opened == ["vision"]
    assert bus.hook is None
    bus.set_hook(lambda tool_id, path: None)
    assert bus.hook is not None
