"""Fixtures for the GUI tests (pytest-qt, QT_QPA_PLATFORM=offscreen).

* every test gets its own config/data/log dirs and QSettings file, and an in-memory keyring,
  so nothing touches the real home folder or the OS keyring;
* ``loop`` is a qasync loop on the test QApplication; scenarios run with
  ``loop.run_until_complete(...)`` and wait with :func:`until` (never qtbot.waitUntil inside a
  coroutine);
* ``sandbox`` is a real local sandbox server on 127.0.0.1, stopped after the test;
* an unexpected Qt warning fails the test (qutebrowser style).
"""

from __future__ import annotations

import asyncio
import gc
import os
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import keyring
import keyring.backend
import pytest
import qasync
from keyring.backends import fail
from keyring.errors import KeyringLocked
from PySide6.QtCore import QSettings

from tests.conftest import MemoryKeyring
from verging_desktop.sandbox import DEMO_KEY, Sandbox
from verging_desktop.ui.settings_store import SettingsStore

#: Qt warnings that are expected on the offscreen platform
QT_WARNINGS_OK = ("propagateSizeHints", "QFont::", "Fontconfig", "This plugin does not support")


class LockedKeyring(MemoryKeyring):
    """A keyring that is present but refuses to store (a locked collection)."""

    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringLocked("the collection is locked")


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Path]]:
    dirs = {name: tmp_path / name for name in ("config", "data", "log", "qsettings", "default-downloads")}
    for d in dirs.values():
        d.mkdir()
    monkeypatch.setenv("VERGING_CONFIG_DIR", str(dirs["config"]))
    monkeypatch.setenv("VERGING_DATA_DIR", str(dirs["data"]))
    monkeypatch.setenv("VERGING_LOG_DIR", str(dirs["log"]))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(dirs["qsettings"]))
    # results of apps started without a download folder land here, not in the real ~/Downloads
    monkeypatch.setenv("VERGING_DOWNLOAD_DIR", str(dirs["default-downloads"]))
    for var in ("VERGING_API_KEY", "VERGING_BASE_URL", "VERGING_PRICING_FILE", "VERGING_PRICING_TABLE",
                "VERGING_STARTUP_PROBE", "VIMMERSE_API_KEY", "VIMMERSE_BASE_URL", "VIMMERSE_PRICING_FILE"):
        monkeypatch.delenv(var, raising=False)
    for fmt in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(dirs["qsettings"]))
    yield dirs


@pytest.fixture(autouse=True)
def collect_garbage_on_the_gui_thread() -> Iterator[None]:
    """Free the test's Qt objects now, on this thread.

    A QObject kept alive only by a reference cycle is otherwise freed by whichever thread
    triggers the next garbage collection, maybe a worker thread (asyncio.to_thread), and Qt
    objects must be destroyed on their own thread.
    """
    yield
    gc.collect()


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    old = keyring.get_keyring()
    kr = MemoryKeyring()
    keyring.set_keyring(kr)
    yield kr
    keyring.set_keyring(old)


@pytest.fixture
def fail_keyring(memory_keyring: MemoryKeyring) -> Iterator[Any]:
    kr = fail.Keyring()
    keyring.set_keyring(kr)
    yield kr


@pytest.fixture
def locked_keyring(memory_keyring: MemoryKeyring) -> Iterator[LockedKeyring]:
    kr = LockedKeyring()
    keyring.set_keyring(kr)
    yield kr


@pytest.fixture
def store(isolated: dict[str, Path]) -> SettingsStore:
    return SettingsStore(QSettings(str(isolated["qsettings"] / "verging.ini"), QSettings.Format.IniFormat))


class TestLoop(qasync.QEventLoop):
    """A qasync loop that stays the *running* loop between ``run_until_complete`` calls.

    In the app the loop runs for the whole session. In a test, Qt also processes events outside
    ``run_until_complete`` (a dialog opening, pytest-qt's teardown, qasync's own last
    ``processEvents``), and a task step run then must still find its loop (httpx asks sniffio,
    which asks ``asyncio.current_task()``).
    """

    def run_forever(self) -> Any:
        try:
            return super().run_forever()
        finally:
            asyncio.events._set_running_loop(self)


@pytest.fixture
def loop(qapp: Any) -> Iterator[asyncio.AbstractEventLoop]:
    lp = TestLoop(qapp)
    asyncio.set_event_loop(lp)
    asyncio.events._set_running_loop(lp)
    yield lp
    try:
        pending = [t for t in asyncio.all_tasks(lp) if not t.done()]
        for t in pending:
            t.cancel()
        if pending:
            lp.run_until_complete(asyncio.wait(pending, timeout=5))
    finally:
        asyncio.events._set_running_loop(None)
        lp.close()
        asyncio.set_event_loop(None)


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[Sandbox]:
    sb = Sandbox(data_dir=tmp_path / "sandbox", port=0, credits=1000, job_seconds=0.5, speed=10.0)
    sb.start()
    try:
        yield sb
    finally:
        sb.stop()


@pytest.fixture(autouse=True)
def no_unexpected_qt_warnings(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    qtlog = getattr(request.node, "qt_log_capture", None)
    records = getattr(qtlog, "records", None) if qtlog is not None else None
    if not records:
        return
    from PySide6.QtCore import QtMsgType

    bad = [r.message for r in records
           if r.type in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg)
           and not any(ok in r.message for ok in QT_WARNINGS_OK)]
    assert not bad, f"unexpected Qt warnings: {bad}"


async def until(pred: Callable[[], Any], timeout: float = 10.0, what: str = "") -> Any:
    """Wait (processing Qt and asyncio events) until ``pred()`` is truthy; returns its value."""
    deadline = time.monotonic() + timeout
    while True:
        v = pred()
        if v:
            return v
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what or pred}")
        await asyncio.sleep(0.02)


def run(loop: asyncio.AbstractEventLoop, coro: Awaitable[Any]) -> Any:
    return loop.run_until_complete(coro)


class AppHarness:
    """Builds the real :class:`AppController` the way ``main()`` does, minus the blocking loop."""

    def __init__(self, loop: asyncio.AbstractEventLoop, store: SettingsStore, qtbot: Any) -> None:
        self.loop = loop
        self.store = store
        self.qtbot = qtbot
        self.controllers: list[Any] = []

    def start(self, *argv: str, connect: bool = True) -> Any:
        from PySide6.QtWidgets import QApplication

        from verging_desktop.app import AppController, parse_args

        ctl = AppController(parse_args(list(argv)), QApplication.instance(), store=self.store,
                            setup_logs=False, install_crash_handler=False, manage_gc=False)
        self.controllers.append(ctl)
        ctl.show()
        assert ctl.wait_first_paint(5.0), "the window was never painted"
        if connect:
            self.loop.run_until_complete(ctl.start())
        return ctl

    def close_all(self) -> None:
        crashes = []
        for ctl in self.controllers:
            if ctl.crash is not None and ctl.crash.dialog is not None and ctl.crash.dialog.count:
                crashes.append(ctl.crash.dialog.details.toPlainText())
            if ctl.session is not None:
                self.loop.run_until_complete(ctl.close())
            for d in (ctl.window.keys_dialog, ctl.window.account_dialog, ctl.window.settings_dialog):
                if d is not None:
                    d.close()
            ctl.window.hide()
            ctl.window.deleteLater()
        assert not crashes, "unexpected errors were shown:\n" + "\n".join(crashes)


def vimmerse_sandbox(ctl: Any) -> Sandbox:
    """The sandbox an app started with ``--sandbox`` runs, after checking that the app's Vimmerse
    client (``ctl.ctx.vimmerse``) is wired to its Vimmerse paths with its demo key. For the
    Vimmerse tabs' tests: ``sb.set_vimmerse_credits(sb.vimmerse_demo_key, 5)``,
    ``sb.vimmerse_fail_next()``, ``sb.vimmerse_credits(sb.vimmerse_demo_key)`` after a job."""
    sb = ctl.session.sandbox
    assert sb is not None and ctl.session.in_sandbox, "start the app with --sandbox"
    client = ctl.ctx.vimmerse
    assert client.base_url == sb.vimmerse_url.rstrip("/") and client.api_key == sb.vimmerse_demo_key
    return sb  # type: ignore[no-any-return]


@pytest.fixture
def harness(loop: asyncio.AbstractEventLoop, store: SettingsStore, qtbot: Any) -> Iterator[AppHarness]:
    h = AppHarness(loop, store, qtbot)
    yield h
    h.close_all()


__all__ = ["DEMO_KEY", "AppHarness", "LockedKeyring", "MemoryKeyring", "run", "until", "vimmerse_sandbox"]
