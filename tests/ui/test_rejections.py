"""The refused-files notice: a long file name is shortened so the reason can still be read."""

from __future__ import annotations

from verging_desktop.ui.widgets.rejections import RejectionList


def test_a_long_name_is_shortened_and_the_reason_stays_readable(qtbot) -> None:
    w = RejectionList()
    qtbot.addWidget(w)
    w.resize(420, 200)
    w.show()
    name = "Lisbon tram 28 at golden hour and the long way round through the old town, take 3 (final).mp4"
    reason = f"{name} is not a media file (it holds text); choose a video file"
    w.set_items([(name, reason), ("short.mp4", "short.mp4 is empty")])
    w.set_expanded(True)
    qtbot.waitUntil(lambda: w.details.isVisible())
    first = w.details.item(0)
    # wrapped at spaces to the list's width: the whole reason is on screen, no line is cut at the end
    whole = first.text().replace("\n", " ")
    assert whole.endswith(" is not a media file (it holds text); choose a video file"), first.text()
    assert "…" in whole and len(whole) < len(reason)
    fm = w.details.fontMetrics()
    assert all(fm.horizontalAdvance(line) <= w.details.viewport().width() for line in first.text().splitlines())
    assert w.details.visualItemRect(first).height() >= fm.height() * len(first.text().splitlines())
    assert first.toolTip() == reason
    assert w.details.item(1).text() == "short.mp4 is empty"
    assert w.text().splitlines() == ["2 files not added", reason, "short.mp4 is empty"]
