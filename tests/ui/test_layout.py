"""The layout check: every tool tab of the real main window, with real inputs loaded (videos,
several faces, 120-character file names, many rejected files, a loaded trimmer, images, text),
at 1024x700, 1440x900 and 1920x1080. Fails when two visible controls overlap, a button's or a
label's text does not fit, an elided label has no tooltip with the full text, or a control is cut
off where nothing scrolls; the message names the widgets and the window size.

The media is loaded once per tab; the window is resized between the sizes. Set
``VERGING_LAYOUT_SHOTS=DIR`` to save a PNG of every tab at every size there (for looking).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import make_audio, make_clip, make_image
from tests.e2e.helpers import forgive_multimedia_noise, open_tab, start_app
from tests.ui.conftest import run, until
from tests.ui.layout_check import format_problems, layout_problems

SIZES = ((1024, 700), (1440, 900), (1920, 1080))
#: tabs checked again once a job was sent: step cards and a result in the compare view
SUBMITTED = ("Face Swap", "Video Enhance", "Background Removal", "Reframe & Crop", "Lip Sync",
             "Replace Background")


def long_name(stem: str, ext: str, length: int = 120, spaces: bool = True) -> str:
    """A file name of exactly ``length`` characters (extension included)."""
    filler = " and the long way round through the old town" if spaces else "_and_the_long_way_round"
    body = stem
    while len(body) + len(ext) < length:
        body += filler
    return body[: length - len(ext)].rstrip(" _").ljust(length - len(ext), "x") + ext


@pytest.fixture(autouse=True)
def _multimedia_noise(request: Any) -> Any:
    yield
    forgive_multimedia_noise(request)


@pytest.fixture
def media(tmp_path: Path, ffmpeg: str) -> dict[str, Any]:
    d = tmp_path / "media"
    d.mkdir()
    clip = make_clip(ffmpeg, d / long_name("Lisbon tram 28 at golden hour", ".mp4"), seconds=3.0, size="320x180",
                     gop=25)
    clip2 = shutil.copy(clip, d / "second-take.mp4")
    faces = [make_image(ffmpeg, d / long_name("portrait_of_the_lead_actor", ".png", spaces=False), size="320x400"),
             make_image(ffmpeg, d / "face-two.png", size="256x256"),
             make_image(ffmpeg, d / "face-three.jpg", size="300x200")]
    wide = make_image(ffmpeg, d / long_name("wide street photo", ".png"), size="640x240")
    audio = make_audio(ffmpeg, d / long_name("voice note recorded on the tram", ".wav"), seconds=2.0)
    bad = []
    for i in range(8):
        p = d / (long_name(f"not really a video {i}", ".mp4") if i % 2 else f"broken-{i}.mp4")
        p.write_text("this is not a video at all")
        bad.append(p)
    bad_images = []
    for i in range(6):
        p = d / (long_name(f"not an image {i}", ".png") if i % 2 else f"notes-{i}.jpg")
        p.write_text("not an image")
        bad_images.append(p)
    return {"clip": clip, "clip2": Path(clip2), "faces": faces, "wide": wide, "audio": audio,
            "bad_videos": bad, "bad_images": bad_images}


def _video_tab(loop: Any, page: Any, media: dict[str, Any], faces: bool) -> None:
    page.add_videos([str(media["clip"]), str(media["clip2"]), *map(str, media["bad_videos"])])
    if faces:
        page.add_faces([*map(str, media["faces"]), *map(str, media["bad_images"])])
    run(loop, until(lambda: page.trimmer is not None and page.trimmer.info is not None and page.current is not None
                    and all(i.state != "checking" for i in [*page.videos, *page.faces]), 30, "the inputs"))
    page.trimmer.set_selection(0.5, 2.5)


def _load(loop: Any, title: str, page: Any, media: dict[str, Any]) -> None:
    if title in ("Face Swap", "Video Enhance", "Reframe & Crop"):
        _video_tab(loop, page, media, title == "Face Swap")
    elif title == "Background Removal":
        page.add_files([str(media["wide"]), *map(str, media["faces"]), *map(str, media["bad_images"])])
        run(loop, until(lambda: all(i.state != "checking" for i in page.items), 20, "the images"))
    elif title == "Image Generation":
        page.prompt.setPlainText("A yellow tram climbing a steep Lisbon street at golden hour, film photo " * 3)
    elif title == "Chat":
        page.input.setPlainText("Give me three title ideas for a travel vlog about Lisbon's trams.")
    elif title == "Text to Speech":
        page.text.setPlainText("Welcome back to the channel! Today we ride the famous tram twenty-eight. " * 4)
    elif title == "Speech to Text":
        page.set_file(str(media["audio"]))
        run(loop, until(lambda: page.plan is not None, 20, "the audio file"))
    elif title == "Sound":
        page.video.take(str(media["clip"]))
        page.set_mode("audio")
        page.audio.take(str(media["audio"]))
        run(loop, until(lambda: page.video.trimmer is not None and page.video.trimmer.info is not None
                        and page.audio.ready, 30, "the video and the audio"))
        page.video.trimmer.set_selection(0.5, 2.5)
    elif title == "Generate Video":
        page.add_references([*map(str, media["faces"]), str(media["wide"]), *map(str, media["bad_images"])])
        run(loop, until(lambda: page.refs.count() == 4 and not page._checking, 30, "the reference images"))
        page.prompt.setPlainText("A yellow tram climbing a steep Lisbon street at golden hour, film photo " * 3)
    elif title == "Lip Sync":
        page.face.set_file(str(media["faces"][0]))
        page.audio.set_file(str(media["audio"]))
        run(loop, until(lambda: page.face.ready_file and page.audio.ready_file, 20, "the face and the audio"))
    elif title == "Replace Background":
        page.video.set_file(str(media["clip"]))
        page.bg_buttons["image"].setChecked(True)
        page.bg_image.set_file(str(media["wide"]))
        run(loop, until(lambda: page.video.ready_file and page.bg_image.ready_file and page.trimmer is not None
                        and page.trimmer.info is not None, 30, "the video and the background"))
    elif title == "Vision":
        page.set_image(str(media["wide"]))
        run(loop, until(lambda: page.image_size is not None, 10, "the image"))
        page.prompt.setPlainText("What is shown in this picture? Describe the colours.")


def _submit(loop: Any, title: str, page: Any, media: dict[str, Any]) -> None:
    """Send the loaded work (a real click) and wait until a result is in the compare view: the
    results row (step cards with 120-character names, the compare view) is what must fit then."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    if title in ("Lip Sync", "Replace Background"):
        _load(loop, title, page, media)
        if title == "Lip Sync":
            page.consent_box.setChecked(True)
    elif getattr(page, "consent_box", None) is not None:
        page.clear_faces()  # one face with the two videos (the long-named face)
        page.add_faces([str(media["faces"][0])])
        run(loop, until(lambda: page.faces and all(i.state != "checking" for i in page.faces), 20, "the face"))
        page.consent_box.setChecked(True)
    run(loop, until(lambda: page.submit_button.isEnabled(), 10,
                    f"{title}: submit enabled ({getattr(page, 'why_label', page.submit_button).text()})"))
    QTest.mouseClick(page.submit_button, Qt.MouseButton.LeftButton)
    run(loop, until(lambda: page.result.result_path is not None
                    and (getattr(page.result, "view", "") or page.result.compare.info.text()), 90,
                    f"{title}: a result in the compare view (or the player)"))


async def _settle(seconds: float = 0.15) -> None:
    import asyncio

    await asyncio.sleep(seconds)


def test_every_tab_fits_at_every_size(harness: Any, store: Any, loop: Any, tmp_path: Path, media: dict[str, Any]
                                      ) -> None:
    ctl = start_app(harness, store, tmp_path / "downloads")
    w = ctl.window
    shots = os.environ.get("VERGING_LAYOUT_SHOTS")
    failures: list[str] = []
    titles = list(w.pages)
    assert len(titles) >= 8
    #: the Job Queue dock's width at 1024x700 on each tab: a tab's minimum width must not push it
    dock_widths: dict[str, int] = {}
    checks = [(t, False) for t in titles] + [(t, True) for t in SUBMITTED]
    for title, submitted in checks:
        page = open_tab(loop, ctl, title)
        if submitted:
            w.resize(*SIZES[-1])
            run(loop, _settle())
            _submit(loop, title, page, media)
            if hasattr(page, "steps"):  # the video tabs' step cards
                assert page.steps.rows(), f"{title}: no step card after the submit"
                assert any(len(r.title.full_text()) > 100 for r in page.steps.rows()), "a card with a long name"
        else:
            _load(loop, title, page, media)
        for width, height in SIZES:
            w.resize(width, height)
            run(loop, _settle())
            where = f"{width}x{height}, tab {title!r}" + (" after a submit" if submitted else "")
            if (width, height) == SIZES[0]:
                dock_widths[title + (" (after a submit)" if submitted else "")] = w.queue_dock.width()
            if (w.width(), w.height()) != (width, height):
                failures.append(f"the window cannot take {width}x{height} on tab {title!r}: it is "
                                f"{w.width()}x{w.height()} (minimum {w.minimumSizeHint().width()}x"
                                f"{w.minimumSizeHint().height()})")
            if shots:
                Path(shots).mkdir(parents=True, exist_ok=True)
                after = "-submitted" if submitted else ""
                w.grab().save(str(Path(shots) / f"{title.lower().replace(' ', '-')}{after}-{width}x{height}.png"))
            problems = layout_problems(w, skip=[w.queue_dock])
            if problems:
                failures.append(format_problems(problems, where))
    # let every job end before the app closes (no upload cut off at teardown)
    st = ctl.ctx.jobs.queue.store
    run(loop, until(lambda: all(r.status.final for r in st.list(include_hidden=True)), 90,
                    "every job ended"))
    if len(set(dock_widths.values())) > 1:
        failures.append(f"the Job Queue dock changes width between tabs at 1024x700: {dock_widths}")
    assert not failures, "\n".join(failures)


def test_the_checker_finds_overlaps_and_clipped_text(qtbot: Any) -> None:
    """The checker itself: it must be able to fail."""
    from PySide6.QtWidgets import QCheckBox, QLabel, QPushButton, QWidget

    from tests.ui.layout_check import Problem
    from verging_desktop.ui.widgets.elide import ElidedLabel

    root = QWidget()
    qtbot.addWidget(root)
    root.resize(400, 300)
    a = QPushButton("Remove backgrounds", root)
    a.setObjectName("first")
    a.setGeometry(10, 10, 60, 30)  # too narrow for its text
    b = QLabel("Overlapping label", root)
    b.setObjectName("second")
    b.setGeometry(40, 20, 200, 20)  # on top of the button
    c = QCheckBox("I have the right to use this face", root)
    c.setGeometry(10, 100, 80, 20)
    d = ElidedLabel(root)
    d.setObjectName("elided")
    d.setGeometry(10, 150, 120, 20)
    d.set_full_text("a-very-long-file-name-that-cannot-fit-into-one-hundred-and-twenty-pixels.mp4")
    d.setToolTip("")  # what the check must catch
    e = QLabel("fine", root)
    e.setGeometry(300, 250, 60, 20)
    root.show()
    problems = layout_problems(root)
    kinds = {(p.kind, p.widgets[0].split()[0]) for p in problems}
    assert ("overlap", "QPushButton#first") in kinds
    assert ("clipped-text", "QPushButton#first") in kinds
    assert ("clipped-text", "QCheckBox") in kinds
    assert ("elided-no-tooltip", "ElidedLabel#elided") in kinds
    assert not any("fine" in " ".join(p.widgets) for p in problems)
    assert all(isinstance(p, Problem) and str(p) for p in problems)
    text = format_problems(problems, "400x300")
    assert "QLabel#second 'Overlapping label'" in text and "400x300" in text
    # with its tooltip back, the elided label is fine
    d.set_full_text(d.full_text())
    assert not any(p.kind == "elided-no-tooltip" for p in layout_problems(root))


def test_the_checker_tells_elided_on_purpose_from_clipped(qtbot: Any) -> None:
    """A label elided by code whose text() answers the full text (the result panel's title) is not
    clipped: the checker measures what the label paints. Real clipping is still found, whatever
    text() says, and so is an elided label without its full text on hover."""
    from PySide6.QtWidgets import QLabel, QWidget

    from verging_desktop.ui.jobs.result_panel import _TitleLabel

    class Liar(QLabel):
        """Paints a long text but answers text() with a short one."""

        def text(self) -> str:
            return "short"

    long = "Result: " + long_name("Lisbon tram 28 at golden hour", ".mp4")
    root = QWidget()
    qtbot.addWidget(root)
    root.resize(500, 200)
    title = _TitleLabel(long)
    title.setParent(root)
    title.setObjectName("resultTitle")
    title.setGeometry(10, 10, 200, 20)
    assert title.text() == long and "…" in QLabel.text(title)
    clipped = QLabel(long, root)
    clipped.setObjectName("clipped")
    clipped.setGeometry(10, 50, 200, 20)
    liar = Liar(root)
    liar.setObjectName("liar")
    QLabel.setText(liar, long)
    liar.setGeometry(10, 90, 200, 20)
    from PySide6.QtWidgets import QTextBrowser

    answers = QTextBrowser(root)
    answers.setObjectName("answers")
    answers.setPlaceholderText("Answers appear here. Ask follow-ups about the same image.")
    answers.setGeometry(250, 10, 200, 80)
    root.show()
    problems = layout_problems(root)
    found = {(p.kind, p.widgets[0].split()[0]) for p in problems}
    assert ("clipped-text", "QLabel#clipped") in found
    assert ("clipped-text", "Liar#liar") in found
    assert ("clipped-text", "QTextBrowser#answers") in found  # its placeholder is cut at the right
    assert not any("resultTitle" in p.widgets[0] for p in problems), format_problems(problems, "500x200")
    # the same title without its full text on hover is reported
    title.setToolTip("")
    assert ("elided-no-tooltip", "_TitleLabel#resultTitle") in {
        (p.kind, p.widgets[0].split()[0]) for p in layout_problems(root)}


def test_a_step_card_with_a_long_name_shrinks_and_elides(qtbot: Any) -> None:
    """A progress card's title is elided in the middle (whole name on hover) and the card can be
    narrower than its name: a long input name never pushes the result panel aside."""
    from PySide6.QtWidgets import QLabel

    from verging_desktop.ui.widgets.steps import StepsList

    name = long_name("Lisbon tram 28 at golden hour", ".mp4") + " + " + long_name("portrait", ".png")
    steps = StepsList()
    qtbot.addWidget(steps)
    row = steps.add(name)
    row.set_step("Uploading the cut (2.00 s): 40%", 0.4)
    row.set_cancellable(False)
    assert row.minimumSizeHint().width() < 200
    steps.resize(200, 200)
    steps.show()
    qtbot.waitUntil(lambda: row.isVisible() and row.width() <= 200)
    shown = QLabel.text(row.title)
    assert "…" in shown and shown.endswith(".png") and row.title.toolTip() == name
    assert row.title.width() < row.title.fontMetrics().horizontalAdvance(name)
    problems = layout_problems(steps)
    assert not problems, format_problems(problems, "a 200 px steps column")


#: the states of the video pages a newcomer met that broke the layout at 1024x700 (sideways
#: scrolling, a one-word-per-line error, the result header cut off): checked one by one
SMALL = (1024, 700)


def _small_problems(loop: Any, ctl: Any, what: str) -> list[str]:
    w = ctl.window
    w.resize(*SMALL)
    run(loop, _settle(0.3))
    problems = layout_problems(w, skip=[w.queue_dock])
    return [format_problems(problems, f"{SMALL[0]}x{SMALL[1]}, {what}")] if problems else []


def test_video_pages_fit_at_1024x700_with_a_result_a_failed_job_and_long_names(
        harness: Any, store: Any, loop: Any, tmp_path: Path, ffmpeg: str) -> None:
    """Reframe & Crop with a crop's result shown, then a failed AI Reframe of a long-named portrait
    clip (its error, the "not charged" line), then a new video loaded over it; Video Enhance with a
    Vimmerse result: every state fits 1024x700 without sideways scrolling or cut-off text."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from tests.e2e.helpers import drop

    d = tmp_path / "media"
    d.mkdir()
    landscape = make_clip(ffmpeg, d / "landscape.mp4", seconds=2.0, size="640x360", gop=25)
    failing = make_clip(ffmpeg, d / long_name("portrait_sandbox-fail on the tram", ".mp4", spaces=False),
                        seconds=2.0, size="360x640", gop=25)
    ctl = start_app(harness, store, tmp_path / "downloads")
    w = ctl.window
    failures: list[str] = []

    def wait_result(page: Any, what: str) -> None:
        run(loop, until(lambda: page.submit_button.isEnabled(), 20,
                        f"{what}: submit enabled ({page.why_label.text()})"))
        QTest.mouseClick(page.submit_button, Qt.MouseButton.LeftButton)

    page = open_tab(loop, ctl, "Reframe & Crop")
    assert drop(page.video_drop, [landscape])
    run(loop, until(lambda: page.overlay is not None and page.overlay.plan is not None, 20, "the clip"))
    wait_result(page, "crop")
    run(loop, until(lambda: page.result.result_path is not None and page.result.compare.info.text(), 60,
                    "the crop's result"))
    from PySide6.QtWidgets import QLabel

    # the title is whole when the row has room for it (it was "Result: l…scape.mp4" at 1400x900)
    w.resize(1400, 900)
    run(loop, _settle(0.3))
    assert QLabel.text(page.result.title) == "Result: landscape.mp4"
    assert QLabel.text(page.result.status) == page.result.status.text() == "Completed"
    failures += _small_problems(loop, ctl, "Reframe & Crop with a crop's result")

    w.resize(1400, 900)
    page.clear_videos()
    assert drop(page.video_drop, [failing])
    run(loop, until(lambda: page.overlay is not None and page.current is not None
                    and page.current.path.name == failing.name and page.trimmer.info is not None, 20,
                    "the portrait clip"))
    page.set_mode("reframe")
    page.set_ratio("16:9")
    wait_result(page, "AI reframe")
    st = ctl.ctx.jobs.queue.store
    run(loop, until(lambda: page.result.record is not None and page.result.record.status.final
                    and page.result.record.input_name.startswith("portrait"), 60, "the failed job"))
    assert page.result.record.status.name == "FAILED"
    failures += _small_problems(loop, ctl, "Reframe & Crop with a failed AI Reframe of a long-named clip")
    res = page.result
    shown = QLabel.text(res.title)
    assert shown.startswith("Result: ") and "…" in shown and shown.endswith(".mp4"), shown  # never "Result:…"
    # the error and "not charged" are whole, wrapped to the panel's width, below the title
    assert res.error.isVisible() and "sandbox-fail" in res.error.text()
    assert "not charged" in res.charge.text() and res.charge.isVisible()
    assert res.error.width() >= res.width() - 2 and res.charge.width() >= res.width() - 2
    # a new video over it: still fits
    w.resize(1400, 900)
    page.clear_videos()
    assert drop(page.video_drop, [landscape])
    run(loop, until(lambda: page.trimmer.path is not None and page.trimmer.path.name == "landscape.mp4"
                    and page.trimmer.info is not None, 20, "the landscape clip again"))
    failures += _small_problems(loop, ctl, "Reframe & Crop, a new video after the failed job")

    w.resize(1400, 900)
    enh = open_tab(loop, ctl, "Video Enhance")
    enh.set_provider("vimmerse")
    assert drop(enh.video_drop, [landscape])
    run(loop, until(lambda: enh.trimmer is not None and enh.trimmer.info is not None, 20, "the clip to enhance"))
    wait_result(enh, "enhance")
    run(loop, until(lambda: enh.result.result_path is not None and enh.result.compare.info.text(), 60,
                    "the enhanced result"))
    failures += _small_problems(loop, ctl, "Video Enhance with a Vimmerse result")
    run(loop, until(lambda: all(r.status.final for r in st.list(include_hidden=True)), 60, "every job ended"))
    assert not failures, "\n".join(failures)
