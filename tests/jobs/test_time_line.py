"""The time line's sentences for every submit area (jobs.time_line)."""

from __future__ import annotations

from verging_desktop.jobs import time_line as tl

MBIT = 1e6 / 8


def test_the_upload_at_a_measured_rate() -> None:
    assert tl.upload_sentence(8_300_000, 5 * MBIT) == "About 13 s to upload 8.3 MB at your 5.0 Mbit/s."
    # minutes past 90 s
    assert tl.upload_sentence(80_000_000, 5 * MBIT) == "About 2 min 8 s to upload 80 MB at your 5.0 Mbit/s."


def test_an_unmeasured_rate_is_said_to_be_assumed() -> None:
    text = tl.upload_sentence(8_300_000, None)
    assert text.startswith("About 7 s to upload 8.3 MB at your 10 Mbit/s.") and "not measured yet" in text


def test_nothing_to_upload_and_no_history_say_nothing() -> None:
    assert tl.upload_sentence(0, 5 * MBIT) == tl.upload_sentence(50_000, 5 * MBIT) == ""
    assert tl.results_sentence(None) == ""
    assert tl.time_line(0, None, None) == ""


def test_the_whole_line() -> None:
    assert tl.time_line(8_300_000, 5 * MBIT, 80.0) == ("About 13 s to upload 8.3 MB at your 5.0 Mbit/s. "
                                                       "Results usually take about 80 s.")
    assert tl.time_line(0, 5 * MBIT, 95.0) == "Results usually take about 1 min 35 s."
    assert tl.results_sentence(40.0, each=True) == "Results usually take about 40 s each."
    assert tl.also_sentence(1_200_000, 5 * MBIT) == "The other files (1.2 MB) take about 2 s more."
