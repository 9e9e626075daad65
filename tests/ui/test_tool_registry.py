"""The Qt side's lists of tools are the registry's (core.tools): the tabs, the Job Queue's tool
filter and names, the notifications' names, the tab badges' kinds, the hand-off targets."""

from __future__ import annotations

from pathlib import Path

from verging_desktop.api.verging import VergingClient
from verging_desktop.core import providers, tools
from verging_desktop.jobs.history import tool_choices
from verging_desktop.jobs.queue import JobQueue
from verging_desktop.jobs.store import JobStore, LocalStatus
from verging_desktop.jobs.words import tool_text
from verging_desktop.ui.context import HandoffBus
from verging_desktop.ui.jobs import notify, queue_panel
from verging_desktop.ui.jobs.queue_model import COL_TOOL, RecordRole
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
    # a choice per tool and provider, covering every job kind once
    assert entries == [("All tools", "")] + [(label, ",".join(kinds)) for label, kinds in tool_choices()]
    assert sorted(k for _label, kinds in tool_choices() for k in kinds) == sorted(tools.job_kinds())
    for label, kinds in tool_choices():
        spec = tools.tool_for_kind(kinds[0])
        assert spec is not None and all(tools.tool_for_kind(k) is spec for k in kinds)
        assert len({tools.kind_provider(k) for k in kinds}) == 1
        provider = tools.kind_provider(kinds[0])
        assert label == (spec.title if provider == "verging" else f"{spec.title} · {providers.provider(provider).label}")
    # the Tool column names each job kind by its tool's title, and its provider when not Verging
    for k in tools.job_kinds():
        store.add(provider=tools.kind_provider(k), kind=k, input_name=f"{k}.bin")
    panel.model.reload()
    m = panel.model
    shown = {m.index(r, COL_TOOL).data(RecordRole).kind: m.index(r, COL_TOOL).data() for r in range(m.rowCount())}
    assert {k: tool_text(k) for k in tools.job_kinds()} == shown
    assert all(tool_text(k) == tools.kind_title(k) for k in tools.job_kinds() if tools.kind_provider(k) == "verging")
    panel.detach()
    store.close()


def test_notifications_name_the_registry(qtbot, tmp_path: Path) -> None:
    store = JobStore(tmp_path / "jobs.db")
    n = notify.Notifier(store, window_ms=0)
    titles: dict[str, str] = {}
    for k in tools.job_kinds():
        rec = store.add(provider="verging", kind=k, input_name=f"{k}.bin", status=LocalStatus.PROCESSING)
        with qtbot.waitSignal(n.notified, timeout=2000) as sig:
            store.update(rec.local_id, status=LocalStatus.COMPLETED)
        titles[k] = sig.args[0].removesuffix(" finished")
    assert {k: tools.kind_noun(k) for k in tools.job_kinds()} == titles
    assert titles["face-swap"] == "Face swap"
    n.close()
    store.close()


def test_badges_go_to_the_registry_tool_of_each_kind(harness, loop) -> None:
    w = harness.start("--sandbox").window
    w.set_badges({k: 1 for k in tools.job_kinds()})
    badged = {w.tabs.entries()[i].title for i in range(w.tabs.count()) if w.tabs.badge(i)}
    assert {tools.tool_for_kind(k).title for k in tools.job_kinds()} == badged  # type: ignore[union-attr]


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
