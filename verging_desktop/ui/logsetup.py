"""Logging: named loggers per layer (``verging_desktop.core``, ``.api``, ``.media``, ``.jobs``,
``.ui``...), a rotating file in the platform log dir, and a redacting filter on every handler
so no API key ever reaches a log line."""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
from pathlib import Path

from ..core.redact import RedactingFilter

LOG_FILE_NAME = "verging-desktop.log"
_MARK = "_verging_handler"
FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


def setup_logging(log_dir: str | os.PathLike[str], *, debug: bool = False, console: bool = True,
                  max_bytes: int = 2 * 1024 * 1024, backups: int = 3) -> Path:
    """Install the handlers (replacing ones installed before by this function); returns the log file."""
    d = Path(log_dir)
    d.mkdir(parents=True, exist_ok=True)
    path = d / LOG_FILE_NAME
    root = logging.getLogger()
    for h in list(root.handlers):
        if getattr(h, _MARK, False):
            root.removeHandler(h)
            h.close()
    fmt = logging.Formatter(FORMAT)
    fh = logging.handlers.RotatingFileHandler(path, maxBytes=max_bytes, backupCount=backups, encoding="utf-8")
    fh.setFormatter(fmt)
    fh.addFilter(RedactingFilter())
    setattr(fh, _MARK, True)
    root.addHandler(fh)
    if console:
        sh = logging.StreamHandler(sys.stderr)
        sh.setFormatter(fmt)
        sh.setLevel(logging.DEBUG if debug else logging.WARNING)
        sh.addFilter(RedactingFilter())
        setattr(sh, _MARK, True)
        root.addHandler(sh)
    if root.level == logging.NOTSET or root.level > logging.WARNING:
        root.setLevel(logging.WARNING)
    logging.getLogger("verging_desktop").setLevel(logging.DEBUG if debug else logging.INFO)
    return path


def close_logging() -> None:
    root = logging.getLogger()
    for h in list(root.handlers):
        if getattr(h, _MARK, False):
            h.flush()
            root.removeHandler(h)
            h.close()


def flush_logging() -> None:
    for h in logging.getLogger().handlers:
        try:
            h.flush()
        except Exception:
            pass
