"""The persistent job queue: SQLite store, batched poller, downloader. No Qt imports."""

from .store import JobRecord, JobStore, LocalStatus

__all__ = ["JobRecord", "JobStore", "LocalStatus"]
