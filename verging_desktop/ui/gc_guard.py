"""Run Python's cyclic garbage collector on the GUI thread only (as qutebrowser does).

Worker threads (keyring calls, the embedded sandbox's server) allocate too; an automatic
collection triggered there could free a QObject that is part of a reference cycle on the
wrong thread, which crashes Qt. So automatic collection is switched off and a timer on the
GUI thread collects instead.
"""

from __future__ import annotations

import gc
import logging

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger("verging_desktop.ui.gc")


class GuiThreadGarbageCollector(QObject):
    def __init__(self, interval_ms: int = 1000, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.collect)
        self._was_enabled = gc.isenabled()
        self.active = False

    def install(self) -> None:
        if not self.active:
            self._was_enabled = gc.isenabled()
            gc.disable()
            self._timer.start()
            self.active = True

    def uninstall(self) -> None:
        if self.active:
            self._timer.stop()
            self.active = False
            gc.collect()
            if self._was_enabled:
                gc.enable()

    def collect(self) -> int:
        """Collect the generations whose counts passed their thresholds (cheap when nothing did)."""
        t0, t1, t2 = gc.get_threshold()
        c0, c1, c2 = gc.get_count()
        if c0 <= t0:
            return 0
        gen = 2 if c2 > t2 else 1 if c1 > t1 else 0
        n = gc.collect(gen)
        if n:
            log.debug("collected %d objects (generation %d)", n, gen)
        return n
