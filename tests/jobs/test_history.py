"""The history filter: the SQL the store runs and the Python test of one record agree."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from verging_desktop.jobs.history import GROUPS, HistoryFilter
from verging_desktop.jobs.store import JobStore, LocalStatus

KINDS = ("face-swap", "video-enhance", "background-removal")
STATUSES = [s.value for s in LocalStatus]
NAMES = ("Straße am Meer.mp4", "IMG_0042.MOV", "holiday part 7.mp4", "Été à Nice.png", "face.JPG")


def seed(db: Path, n: int) -> None:
    JobStore(db).close()
    con = sqlite3.connect(db)
    with con:
        con.executemany(
            "INSERT INTO jobs (provider, kind, status, input_name, created_at, updated_at, hidden) "
            "VALUES ('verging', ?, ?, ?, ?, ?, ?)",
            [(KINDS[i % 3], STATUSES[i % len(STATUSES)], f"{i:04d} {NAMES[i % len(NAMES)]}", float(i), float(i),
              int(i % 11 == 0)) for i in range(n)])
    con.close()


FILTERS = [HistoryFilter(), HistoryFilter(group="failed"), HistoryFilter(kind="face-swap"),
           HistoryFilter(group="active", kind="video-enhance"), HistoryFilter(text="strasse"),
           HistoryFilter(text="STRASSE", group="completed"), HistoryFilter(text="été"), HistoryFilter(text="img_00"),
           HistoryFilter(text="  0042 "), HistoryFilter(text="no such name"), HistoryFilter(group="other")]


@pytest.mark.parametrize("flt", FILTERS, ids=repr)
def test_sql_and_python_agree_and_order_is_newest_first(tmp_path: Path, flt: HistoryFilter) -> None:
    seed(tmp_path / "jobs.db", 600)
    store = JobStore(tmp_path / "jobs.db")
    every = store.list(include_hidden=True)
    expected = [r.local_id for r in sorted(every, key=lambda r: -r.local_id) if flt.matches(r)]
    assert list(store.history_ids(flt)) == expected
    assert all(not r.hidden for r in every if r.local_id in set(expected))
    counts = store.history_counts(flt)
    assert counts.total == len(expected)
    for group in ("", *GROUPS):
        want = sum(1 for r in every if HistoryFilter(group=group, kind=flt.kind, text=flt.text).matches(r))
        assert counts.by_group[group] == want, group
    for kind in ("", *KINDS):
        want = sum(1 for r in every if HistoryFilter(group=flt.group, kind=kind, text=flt.text).matches(r))
        assert counts.by_kind.get(kind, 0) == want, kind
    store.close()


def test_case_insensitive_search_beyond_ascii(tmp_path: Path) -> None:
    seed(tmp_path / "jobs.db", 60)
    store = JobStore(tmp_path / "jobs.db")
    names = {r.input_name for r in store.list(include_hidden=True)}
    found = store.get_many(store.history_ids(HistoryFilter(text="ÉTÉ À")))
    assert found and all("Été à Nice" in r.input_name for r in found.values())
    assert len(found) == sum(1 for n in names if "Été à Nice" in n) - sum(
        1 for r in store.list(include_hidden=True) if r.hidden and "Été" in r.input_name)
    store.close()


def test_unknown_group_is_refused() -> None:
    with pytest.raises(ValueError):
        HistoryFilter(group="stuck")


def test_statuses_without_records(tmp_path: Path) -> None:
    seed(tmp_path / "jobs.db", 30)
    store = JobStore(tmp_path / "jobs.db")
    assert store.statuses() == {r.local_id: r.status for r in store.list(include_hidden=True)}
    store.close()


def test_a_filter_of_several_kinds_agrees_in_sql_and_python(tmp_path: Path) -> None:
    seed(tmp_path / "jobs.db", 300)
    store = JobStore(tmp_path / "jobs.db")
    for i in range(40):  # Vimmerse jobs in the same history
        store.add(provider="vimmerse", kind=("vimmerse-crop", "vimmerse-reframe", "vimmerse-enhance")[i % 3],
                  input_name=f"v{i}.mp4", status=LocalStatus.COMPLETED if i % 2 else LocalStatus.FAILED)
    every = store.list(include_hidden=True)
    for flt in (HistoryFilter(kinds=("vimmerse-crop", "vimmerse-reframe")),
                HistoryFilter(kinds=("vimmerse-crop", "vimmerse-reframe"), group="failed", text="v1"),
                HistoryFilter(kind="vimmerse-enhance")):
        expected = [r.local_id for r in sorted(every, key=lambda r: -r.local_id) if flt.matches(r)]
        assert expected and list(store.history_ids(flt)) == expected
        counts = store.history_counts(flt)
        assert counts.total == len(expected)
        assert sum(counts.by_kind.get(k, 0) for k in flt.kinds or (flt.kind,)) == len(expected)
    store.close()


def test_tool_choices_are_a_tool_per_provider(monkeypatch: pytest.MonkeyPatch) -> None:
    """A tool of two providers is two choices, a tool of two kinds one; Verging's tools keep their title."""
    from dataclasses import replace

    from verging_desktop.core import tools
    from verging_desktop.jobs.history import tool_choices

    enhance = replace(tools.tool("video-enhance"), providers=("verging", "vimmerse"),
                      job_kinds=("video-enhance", "vimmerse-enhance"))
    reframe = tools.ToolSpec("reframe", "Reframe & Crop", tools.ToolGroup.VIDEO, "reframe", "vimmerse_reframe",
                             "Reframe a video.", providers=("vimmerse",),
                             job_kinds=("vimmerse-crop", "vimmerse-reframe"))
    # Verging's tools (with Video Enhance offered by both) and one Vimmerse-only tool of two kinds
    verging = tuple(t for t in tools.TOOLS if "verging" in t.providers)
    registry = tuple(enhance if t.id == "video-enhance" else t for t in verging) + (reframe,)
    monkeypatch.setattr(tools, "TOOLS", registry)
    assert tool_choices() == [("Face Swap", ("face-swap",)), ("Video Enhance", ("video-enhance",)),
                              ("Video Enhance · Vimmerse", ("vimmerse-enhance",)),
                              ("Background Removal", ("background-removal",)),
                              ("Background Removal · varg", ("varg-background-removal",)),
                              ("Image Generation · varg", ("varg-image",)),
                              ("Text to Speech · varg", ("varg-speech",)),
                              ("Speech to Text · varg", ("varg-transcription",)),
                              ("Reframe & Crop · Vimmerse", ("vimmerse-crop", "vimmerse-reframe"))]
