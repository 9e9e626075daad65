"""Which jobs of the history a view shows: one filter, run in SQL and, for live updates, in Python.

The Job Queue panel pages through the history newest first (``ORDER BY local_id DESC``), holding
only the rows on screen and a few pages around them. Its filter is a :class:`HistoryFilter`:
:meth:`HistoryFilter.where` is the SQL the store runs, :meth:`HistoryFilter.matches` the same
test on one changed record, so an update can add, move or remove exactly one row without a reload.
Hidden jobs ("Remove from list") are never part of the history.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..core import tools as registry
from .store import JobRecord, LocalStatus
from .words import tool_text

#: status groups of the panel's status filter ("" is every status)
GROUPS: dict[str, tuple[LocalStatus, ...]] = {
    "active": (LocalStatus.PREPARING, LocalStatus.SUBMITTING, LocalStatus.PENDING, LocalStatus.PROCESSING),
    "completed": (LocalStatus.COMPLETED,),
    "failed": (LocalStatus.FAILED, LocalStatus.UNKNOWN),
    "other": (LocalStatus.CANCELLED,),
}


def group_of(status: LocalStatus) -> str:
    for key, statuses in GROUPS.items():
        if status in statuses:
            return key
    return ""


def fold(text: str | None) -> str:
    """Case-insensitive form of a name (the store registers the same function as ``vd_fold``)."""
    return (text or "").casefold()


def tool_choices() -> list[tuple[str, tuple[str, ...]]]:
    """The tool filter's choices, in the registry's order: each tool's job kinds per provider, so a
    tool of two providers is two choices (``Video Enhance`` and ``Video Enhance · Vimmerse``) and a
    tool of two kinds one (``Reframe & Crop · Vimmerse``: crop and reframe)."""
    out: list[tuple[str, tuple[str, ...]]] = []
    for t in registry.TOOLS:
        by_provider: dict[str, list[str]] = {}
        for k in t.job_kinds:
            by_provider.setdefault(registry.kind_provider(k), []).append(k)
        for kinds in by_provider.values():
            out.append((tool_text(kinds[0]), tuple(kinds)))
    return out


@dataclass(frozen=True)
class HistoryFilter:
    group: str = ""   # "", "active", "completed", "failed", "other"
    kind: str = ""    # "" or a job kind ("face-swap", ...)
    text: str = ""    # part of the input file name, any case
    kinds: tuple[str, ...] = ()  # or any of several kinds (one tool's)

    def _kind_ok(self, kind: str) -> bool:
        return (not self.kind or kind == self.kind) and (not self.kinds or kind in self.kinds)

    def __post_init__(self) -> None:
        if self.group and self.group not in GROUPS:
            raise ValueError(f"unknown status group {self.group!r}")

    def where(self, *, group: bool = True, kind: bool = True) -> tuple[str, list[Any]]:
        """The SQL condition (and its arguments); ``group``/``kind`` False leave that part out (counts)."""
        sql = ["hidden=0"]
        args: list[Any] = []
        if group and self.group:
            sts = [s.value for s in GROUPS[self.group]]
            sql.append(f"status IN ({','.join('?' * len(sts))})")
            args += sts
        if kind and self.kind:
            sql.append("kind=?")
            args.append(self.kind)
        if kind and self.kinds:
            sql.append(f"kind IN ({','.join('?' * len(self.kinds))})")
            args += list(self.kinds)
        needle = fold(self.text.strip())
        if needle:
            sql.append("instr(vd_fold(input_name), ?) > 0")
            args.append(needle)
        return " AND ".join(sql), args

    def matches(self, rec: JobRecord) -> bool:
        if rec.hidden:
            return False
        if self.group and rec.status not in GROUPS[self.group]:
            return False
        if not self._kind_ok(rec.kind):
            return False
        needle = fold(self.text.strip())
        return not needle or needle in fold(rec.input_name)


@dataclass(frozen=True)
class HistoryCounts:
    """How many jobs of the history each filter choice would show (from one SQL aggregate)."""

    by_group: dict[str, int]   # "" (all) and every key of GROUPS, under the filter's kind and text
    by_kind: dict[str, int]    # "" (all) and every kind seen, under the filter's group and text
    total: int                 # what the filter itself shows

    @classmethod
    def from_rows(cls, flt: HistoryFilter, rows: list[tuple[str, str, int]]) -> HistoryCounts:
        """``rows`` are (status, kind, count) of the jobs matching the filter's text."""
        by_group = {"": 0, **{k: 0 for k in GROUPS}}
        by_kind: dict[str, int] = {"": 0}
        total = 0
        for status, kind, n in rows:
            g = group_of(LocalStatus(status))
            in_group = not flt.group or g == flt.group
            in_kind = flt._kind_ok(kind)
            if in_kind:
                by_group[""] += n
                if g:
                    by_group[g] += n
            if in_group:
                by_kind[""] += n
                by_kind[kind] = by_kind.get(kind, 0) + n
            if in_group and in_kind:
                total += n
        return cls(by_group, by_kind, total)
