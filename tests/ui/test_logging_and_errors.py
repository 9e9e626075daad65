"""The log file never contains an API key; unexpected errors show a dialog with redacted details."""

from __future__ import annotations

import asyncio
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from verging_desktop.app_core.logsetup import LOG_FILE_NAME, close_logging, setup_logging
from verging_desktop.core.redact import register_secret
from verging_desktop.ui.crash import CrashHandler

KEY = "vrg_sk_logs_test_0001_secretpart"
PLAIN_SECRET = "plain-secret-without-prefix-42"


@pytest.fixture
def log_file(isolated):
    path = setup_logging(isolated["log"], console=False)
    yield path
    close_logging()


def test_log_file_is_rotating_in_the_log_dir_and_redacts_keys(log_file, isolated):
    import logging.handlers

    assert log_file == isolated["log"] / LOG_FILE_NAME
    handlers = [h for h in logging.getLogger().handlers if isinstance(h, logging.handlers.RotatingFileHandler)]
    assert handlers and all(any(type(f).__name__ == "RedactingFilter" for f in h.filters) for h in handlers)

    register_secret(PLAIN_SECRET)
    for layer in ("api", "core", "jobs", "ui"):
        logging.getLogger(f"verging_desktop.{layer}").info("using key %s on layer %s", KEY, layer)
    logging.getLogger("verging_desktop.api").warning("header was Authorization: ApiKey %s", KEY)
    logging.getLogger("verging_desktop.ui").info(f"f-string with {KEY} and {PLAIN_SECRET}")
    try:
        raise RuntimeError(f"request failed for {KEY}")
    except RuntimeError:
        logging.getLogger("verging_desktop.api").exception("with a traceback")
    logging.getLogger("some.library").warning("third party logs %s", KEY)
    for h in logging.getLogger().handlers:
        h.flush()

    text = log_file.read_text("utf-8")
    assert KEY not in text
    assert "secretpart" not in text
    assert PLAIN_SECRET not in text
    assert "vrg_sk_…" in text or "vrg_sk_" in text  # the masked form is there
    assert "using key" in text and "layer api" in text and "layer ui" in text
    assert "with a traceback" in text and "RuntimeError" in text
    assert "verging_desktop.api" in text and "verging_desktop.ui" in text  # named loggers per layer


def test_crash_dialog_shows_redacted_details_and_copies_them(qtbot, loop, log_file):
    handler = CrashHandler()
    got = []
    handler.reported.connect(got.append)
    try:
        raise ValueError(f"boom with {KEY}")
    except ValueError:
        handler.excepthook(*sys.exc_info())

    async def wait():
        for _ in range(100):
            if got:
                return
            await asyncio.sleep(0.01)

    loop.run_until_complete(wait())
    dlg = handler.dialog
    assert dlg is not None and dlg.isVisible()
    assert "ValueError" in dlg.message.text() and KEY not in dlg.message.text()
    details = dlg.details.toPlainText()
    assert "Traceback" in details and KEY not in details and "test_crash_dialog" in details
    qtbot.mouseClick(dlg.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == details
    assert dlg.copy_button.text() == "Copied"
    assert KEY not in log_file.read_text("utf-8")

    # a second error goes to the same dialog
    handler.report(RuntimeError("second"))
    loop.run_until_complete(asyncio.sleep(0.05))
    assert dlg.count == 2 and "2 errors" in dlg.message.text()
    dlg.reject()


def test_loop_exception_handler_reports_unhandled_task_errors(qtbot, loop):
    handler = CrashHandler()
    handler.install(loop)
    try:
        async def bad():
            raise KeyError("oops")

        async def scenario():
            t = loop.create_task(bad())
            await asyncio.sleep(0.01)
            handler.loop_exception_handler(loop, {"message": "Task exception was never retrieved",
                                                  "exception": t.exception(), "task": t})
            await asyncio.sleep(0.05)

        loop.run_until_complete(scenario())
        assert handler.dialog is not None and "KeyError" in handler.dialog.message.text()
        assert sys.excepthook == handler.excepthook
    finally:
        handler.uninstall()
        loop.set_exception_handler(None)
        if handler.dialog is not None:
            handler.dialog.reject()
    assert sys.excepthook != handler.excepthook


def test_qt_warnings_the_app_handles_stay_off_the_terminal(isolated, capsys):
    """No browser to open the pricing page: Qt warns, the app shows the address to copy; the
    terminal stays quiet (the line is in the log file). Other Qt warnings still reach it."""
    from PySide6.QtCore import qInstallMessageHandler, qWarning

    from verging_desktop.ui.logsetup import install_qt_message_handler

    path = setup_logging(isolated["log"], console=True)
    install_qt_message_handler()
    try:
        qWarning("Unable to detect a web browser to launch 'https://verging.ai/pricing'")
        assert capsys.readouterr().err == ""
        qWarning("QPainter::begin: Paint device returned engine == 0, type: 2")
        assert "QPainter::begin" in capsys.readouterr().err
    finally:
        qInstallMessageHandler(None)
        close_logging()
    assert "Unable to detect a web browser to launch" in path.read_text(encoding="utf-8")
