"""The Text to Speech tab against the sandbox: long text in parts joined into one file, errors, playing."""

from __future__ import annotations

import asyncio

import av
import pytest
from PySide6.QtWidgets import QMessageBox

from tests.ui.conftest import until
from tests.ui.test_ai_common import click, ctrl_enter, open_tab, type_text
from verging_desktop.sandbox import DEMO_KEY

SENTENCE = "The lighthouse keeper climbed the stairs again, counting each step out loud. "


def _probe(path) -> float:
    with av.open(str(path)) as c:
        return float(c.duration) / 1e6


def test_long_text_is_split_synthesized_and_joined(harness, loop, qtbot) -> None:
    ctl, tab = open_tab(harness, loop, "Text to Speech")
    sb = ctl.session.sandbox
    tab.speed.setValue(4.0)  # shorter sandbox audio, same characters
    text = (SENTENCE * 140)[:10_000].rsplit(" ", 1)[0] + "."
    assert 9_900 < len(text) <= 10_000
    type_text(qtbot, tab.text, text)
    counter = tab.counter.text()
    assert f"{len(text):,}</b> characters" in counter and "3 parts" in counter
    from verging_desktop.services.tts import plan_tts

    plan = plan_tts(text, ctl.session.pricing)
    assert f"about <b>{plan.total} credits</b> in total" in counter
    stages = []
    orig = tab.busy.update_progress
    tab.busy.update_progress = lambda p: (stages.append(p.stage), orig(p))  # type: ignore[method-assign]
    ctrl_enter(qtbot, tab.text)
    loop.run_until_complete(until(lambda: tab.outcome is not None, 60, "speech"))
    out = tab.outcome
    assert out.chunks == 3 and out.path.exists() and out.path.suffix == ".mp3"
    expected = sum(len(c) * 0.06 / 4.0 for c in plan.chunks)
    assert _probe(out.path) == pytest.approx(expected, abs=0.3)
    assert _probe(out.path) == pytest.approx(sum(out.part_durations), abs=0.2)
    assert any("part 1 of 3" in s for s in stages) and any("part 3 of 3" in s for s in stages)
    assert any(s.startswith("Joining") for s in stages)
    assert out.charged == plan.total == 1000 - sb.credits(DEMO_KEY)
    assert f"Charged <b>{plan.total} credits</b>" in tab.result.text() and "3 parts joined" in tab.result.text()
    assert sb.stats()["requests"]["POST /api/v1/ai/tts"] == 3
    assert tab.results.count() == 1 and tab.play_btn.isEnabled()


def test_a_failed_part_stops_the_run_and_retry_continues(harness, loop, qtbot) -> None:
    ctl, tab = open_tab(harness, loop, "Text to Speech")
    sb = ctl.session.sandbox
    tab.speed.setValue(4.0)
    text = (SENTENCE * 110)[:8000]
    type_text(qtbot, tab.text, text)
    from verging_desktop.services.tts import plan_tts

    plan = plan_tts(text, ctl.session.pricing)
    assert len(plan) == 2
    sb.set_credits(DEMO_KEY, plan.estimates[0])  # enough for the first part only: 402 on the second
    click(qtbot, tab.generate_btn)
    loop.run_until_complete(until(lambda: tab.error.text and not tab.runner.is_running, 30, "402"))
    msg = tab.error.text
    assert "Part 2 of 2 failed" in msg and "Not enough credits" in msg and "So far 1 part was synthesized" in msg
    assert tab.error.retry.text() == "Retry from part 2" and tab.outcome is None
    assert sb.stats()["requests"]["POST /api/v1/ai/tts"] == 2  # never retried by itself
    sb.set_credits(DEMO_KEY, 100)
    click(qtbot, tab.error.retry)
    loop.run_until_complete(until(lambda: tab.outcome is not None, 30, "speech"))
    assert tab.outcome.chunks == 2 and sb.credits(DEMO_KEY) == 100 - plan.estimates[1]
    assert sb.stats()["requests"]["POST /api/v1/ai/tts"] == 3


def test_rate_limit_is_readable_and_retry_waits(harness, loop, qtbot) -> None:
    ctl, tab = open_tab(harness, loop, "Text to Speech")
    sb = ctl.session.sandbox
    type_text(qtbot, tab.text, "Hello there, this is a short test.")
    sb.faults.rate_limit_reset = 2
    sb.faults.rate_limit_burst = 1
    click(qtbot, tab.generate_btn)
    loop.run_until_complete(until(lambda: tab.error.text and not tab.runner.is_running, 20, "429"))
    assert "Too many requests (429)" in tab.error.text and "wait 2 s" in tab.error.text
    assert tab.error.retry.isVisible() and not tab.error.retry.isEnabled()
    assert tab.generate_btn.isEnabled() and tab.outcome is None
    loop.run_until_complete(until(lambda: tab.error.retry.isEnabled(), 5, "retry enabled"))
    click(qtbot, tab.error.retry)
    loop.run_until_complete(until(lambda: tab.outcome is not None, 20, "speech after retry"))
    assert sb.stats()["requests"]["POST /api/v1/ai/tts"] == 2


def test_502_and_503_are_readable_and_retry_is_a_user_action(harness, loop, qtbot) -> None:
    ctl, tab = open_tab(harness, loop, "Text to Speech")
    sb = ctl.session.sandbox
    type_text(qtbot, tab.text, "Hello there, this is a short test.")
    sb.faults.error_paths = ("/ai/tts",)
    sb.faults.error_rate = 1.0  # injected errors alternate: 502, then 503
    click(qtbot, tab.generate_btn)
    loop.run_until_complete(until(lambda: tab.error.text and not tab.runner.is_running, 20, "502"))
    assert "(502)" in tab.error.text and tab.error.retry.isEnabled()
    loop.run_until_complete(asyncio.sleep(0.3))
    assert sb.stats()["requests"]["POST /api/v1/ai/tts"] == 1  # nothing automatic
    click(qtbot, tab.error.retry)
    # the call may have been charged (a 502 or 503): Retry asks first, as any repeat does
    box = tab.guard.dialog
    assert box is not None and box.text().startswith("You sent this same request "), box
    click(qtbot, box.button(QMessageBox.StandardButton.Yes))
    loop.run_until_complete(until(lambda: "(503)" in tab.error.text and not tab.runner.is_running, 20, "503"))
    assert tab.error.retry.isEnabled() and tab.outcome is None
    sb.faults.error_rate = 0.0
    click(qtbot, tab.error.retry)
    # the call may have been charged (a 502 or 503): Retry asks first, as any repeat does
    box = tab.guard.dialog
    assert box is not None and box.text().startswith("You sent this same request "), box
    click(qtbot, box.button(QMessageBox.StandardButton.Yes))
    loop.run_until_complete(until(lambda: tab.outcome is not None, 20, "speech after retry"))
    assert sb.credits(DEMO_KEY) == 1000 - tab.outcome.charged


def test_cancel_stops_at_once(harness, loop, qtbot) -> None:
    ctl, tab = open_tab(harness, loop, "Text to Speech")
    sb = ctl.session.sandbox
    sb.faults.latency_ms = 1500
    type_text(qtbot, tab.text, "Some words to speak.")
    click(qtbot, tab.generate_btn)
    loop.run_until_complete(until(lambda: tab.runner.is_running, 5))
    click(qtbot, tab.busy.cancel)
    loop.run_until_complete(until(lambda: not tab.runner.is_running, 2, "cancelled at once"))
    assert "Cancelled" in tab.error.text and tab.generate_btn.isEnabled() and tab.outcome is None
    sb.faults.latency_ms = 0


def test_empty_text_is_refused(harness, loop, qtbot) -> None:
    _ctl, tab = open_tab(harness, loop, "Text to Speech")
    click(qtbot, tab.generate_btn)
    assert "text is empty" in tab.error.text and not tab.runner.is_running


@pytest.mark.no_qt_log  # QtMultimedia logs its backend probing (pipewire, VA-API, PulseAudio) on headless machines
def test_play_and_save(harness, loop, qtbot, tmp_path) -> None:
    _ctl, tab = open_tab(harness, loop, "Text to Speech")
    type_text(qtbot, tab.text, "Play me back, please.")
    click(qtbot, tab.generate_btn)
    loop.run_until_complete(until(lambda: tab.outcome is not None, 20, "speech"))
    click(qtbot, tab.play_btn)
    from PySide6.QtCore import QUrl

    assert tab.player is not None
    # player commands are queued to the event loop (never called with the GIL held)
    loop.run_until_complete(until(lambda: tab.player.source() == QUrl.fromLocalFile(str(tab.outcome.path)), 5,
                                  "the player got the file"))
    loop.run_until_complete(until(lambda: tab.player.duration() > 0, 10, "the player loaded the file"))
    click(qtbot, tab.save_btn)
    dest = tmp_path / "hello.mp3"
    tab.file_dialog.selectFile(str(dest))
    tab.file_dialog.accept()
    assert dest.read_bytes() == tab.outcome.path.read_bytes()
    tab.player.stop()
