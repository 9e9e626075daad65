"""Web addresses where a file can be dropped, in the real app against the sandbox, with media
served by a local HTTP server (tests/media_host.py) on 127.0.0.1: Ctrl+V on the Face Swap zone
(progress, the trimmer, the title as the name, consent for this video, the 5 s cut uploaded),
"From URL…" with a page yt-dlp's generic extractor reads, a link dragged from a browser into
Background Removal, Cancel, a 404, and the cache making a second paste free."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.conftest import make_clip, make_image
from tests.e2e.helpers import drop, forgive_multimedia_noise, open_tab, start_app
from tests.media_host import MediaHost
from tests.ui.conftest import run, until
from verging_desktop.jobs.store import DownloadState, LocalStatus
from verging_desktop.media.probe import probe
from verging_desktop.ui.widgets.dropzone import web_urls_mime

pytestmark = pytest.mark.timeout(180)


@pytest.fixture(autouse=True)
def _multimedia_noise(request):
    yield
    forgive_multimedia_noise(request)


@pytest.fixture
def host(tmp_path, ffmpeg):
    root = tmp_path / "web"
    root.mkdir()
    make_clip(ffmpeg, root / "clip.mp4", seconds=9, size="640x360", gop=25, extra=["-movflags", "+faststart"])
    make_image(ffmpeg, root / "product.png")
    h = MediaHost(root).start()
    try:
        yield h
    finally:
        h.stop()


def cache_dir(ctl) -> Path:
    return Path(ctl.ctx.dirs.data) / "remote"


def cached_files(ctl) -> list[Path]:
    d = cache_dir(ctl)
    return sorted(p for p in d.rglob("*") if p.is_file()) if d.exists() else []


def paste(zone, url: str) -> None:
    """Put ``url`` on the clipboard, focus ``zone`` and press Ctrl+V there."""
    QGuiApplication.clipboard().setText(url)
    zone.setFocus(Qt.FocusReason.MouseFocusReason)
    QTest.keyClick(zone, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def drag_mime(widget, mime) -> bool:
    """Drag ``mime`` over ``widget`` (enter, move) and drop it there; whether the drop was accepted."""
    center = QPointF(widget.rect().center())
    actions = Qt.DropAction.CopyAction | Qt.DropAction.LinkAction
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(center.toPoint(), actions, mime, buttons, mods)
    QApplication.sendEvent(widget, enter)
    if not enter.isAccepted():
        return False
    QApplication.sendEvent(widget, QDragMoveEvent(center.toPoint(), actions, mime, buttons, mods))
    ev = QDropEvent(center, actions, mime, buttons, mods)
    QApplication.sendEvent(widget, ev)
    return ev.isAccepted()


def wait_video(loop, page, name: str, timeout: float = 30) -> None:
    run(loop, until(lambda: page.trimmer is not None and page.trimmer.info is not None and page.current is not None
                    and page.current.name == name, timeout, f"{name} in the trimmer"))


def test_paste_a_video_url_in_face_swap_trim_consent_and_submit(harness, store, loop, qtbot, tmp_path, ffmpeg, host):
    face = make_image(ffmpeg, tmp_path / "face.png")
    ctl = start_app(harness, store, tmp_path / "downloads")
    sb = ctl.session.sandbox
    page = open_tab(loop, ctl, "Face Swap")
    zone = page.video_drop
    assert zone.url_button.isVisible() and zone.url_button.text() == "From URL…"
    # slow enough to see the progress
    host.slow["clip.mp4"] = 0.03
    url = host.url("clip.mp4")
    paste(zone, url)
    strip = zone.remote
    run(loop, until(lambda: strip.isVisible() and "Downloading clip.mp4" in strip.status.text(), 5, "the progress"))
    run(loop, until(lambda: "%" in strip.status.text() and " of " in strip.status.text()
                    and strip.cancel_button.isVisible() and strip.bar.maximum() == 1000, 10,
                    f"a percentage (shown: {strip.status.text()!r})"))
    wait_video(loop, page, "clip.mp4")
    assert not strip.isVisible()
    video = page.current
    assert video.source_url == url and video.title == "clip.mp4"
    assert Path(page.trimmer.path).parent.parent.parent == cache_dir(ctl)  # the cached file, not a copy
    assert zone.caption.full_text() == "clip.mp4"

    assert drop(page.face_drop, [face])
    run(loop, until(lambda: page.ready_faces(), 10, "the face"))
    page.trimmer.set_selection(2.0, 7.0)
    assert page.trimmer.selection() == pytest.approx((2.0, 7.0))
    # a video from the web: the box asks for this face and this video
    box = page.consent_box
    assert "this face and this video" in box.text() and not box.isChecked()
    assert "web address" in box.toolTip()
    assert not page.submit_button.isEnabled()
    box.click()
    assert page.submit_button.isEnabled()
    before = sb.stats()["create_jobs"]["faceswap"]
    page.submit_button.click()
    run(loop, until(lambda: page.rows, 60, "the job sent"))
    lid = sorted(page.rows)[0]
    st = ctl.ctx.jobs.queue.store
    run(loop, until(lambda: st.get(lid).status is LocalStatus.COMPLETED
                    and st.get(lid).download_state is DownloadState.DONE, 60, "the job completed"))
    rec = st.get(lid)
    assert sb.stats()["create_jobs"]["faceswap"] == before + 1
    assert rec.params["duration"] == pytest.approx(5.0, abs=0.05)
    assert rec.params["source_url"] == url and rec.input_name == "clip.mp4"
    cut = probe(rec.inputs[0])
    assert cut.duration == pytest.approx(5.0, abs=0.1)  # the uploaded cut lasts 5 s

    # the same clip as a local file was not confirmed with it: consent is for the web video
    local = tmp_path / "clip-local.mp4"
    local.write_bytes((host.root / "clip.mp4").read_bytes())
    page.clear_videos()
    assert drop(zone, [local])
    wait_video(loop, page, "clip-local.mp4")
    assert not box.isChecked()


def test_from_url_dialog_with_a_page_takes_its_title(harness, store, loop, qtbot, tmp_path, host):
    ctl = start_app(harness, store, tmp_path / "downloads")
    page = open_tab(loop, ctl, "Video Enhance")
    page_url = host.video_page("watch/42", "clip.mp4", title="Tram 28 at dusk")
    QGuiApplication.clipboard().setText("not an address")
    zone = page.video_drop
    qtbot.mouseClick(zone.url_button, Qt.MouseButton.LeftButton)
    dialog = zone.remote.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.edit.text() == "" and not dialog.ok.isEnabled()
    dialog.edit.setText("www.example")
    assert not dialog.ok.isEnabled()
    dialog.edit.clear()
    QTest.keyClicks(dialog.edit, page_url)
    assert dialog.ok.isEnabled()
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert zone.remote.dialog is None
    wait_video(loop, page, "Tram 28 at dusk", 45)
    assert page.current.source_url == page_url
    assert zone.caption.full_text() == "Tram 28 at dusk"
    # prefilled from the clipboard when it holds an address
    QGuiApplication.clipboard().setText(page_url)
    zone.ask_url()
    assert zone.remote.dialog.edit.text() == page_url and zone.remote.dialog.ok.isEnabled()
    zone.remote.dialog.reject()


def test_a_link_dragged_into_background_removal(harness, store, loop, qtbot, tmp_path, host):
    ctl = start_app(harness, store, tmp_path / "downloads")
    page = open_tab(loop, ctl, "Background Removal")
    url = host.url("product.png")
    assert drop(page.drop, []) is False  # nothing to drop: refused as before
    # what a browser puts in the drag of a link: text/uri-list and the text
    assert drag_mime(page.drop, web_urls_mime([url]))
    run(loop, until(lambda: page.ready_items(), 20, "the image taken"))
    item = page.ready_items()[0]
    assert item.name == "product.png" and item.source_url == url
    assert item.path.is_relative_to(cache_dir(ctl))
    page.submit_button.click()
    run(loop, until(lambda: item.local_id is not None, 30, "the job sent"))
    rec = ctl.ctx.jobs.queue.store.get(item.local_id)
    assert rec.params["source_url"] == url


def test_cancel_a_slow_download_leaves_nothing(harness, store, loop, qtbot, tmp_path, host):
    ctl = start_app(harness, store, tmp_path / "downloads")
    page = open_tab(loop, ctl, "Face Swap")
    zone = page.video_drop
    host.slow["clip.mp4"] = 1.0
    paste(zone, host.url("clip.mp4"))
    strip = zone.remote
    run(loop, until(lambda: strip.isVisible() and host.count("clip.mp4") >= 1, 10, "the download started"))
    qtbot.mouseClick(strip.cancel_button, Qt.MouseButton.LeftButton)
    run(loop, until(lambda: not strip.isVisible() and not strip.busy, 15, "the zone empty again"))
    assert page.videos == [] and page.trimmer is None and zone.hint_label.isVisible()
    assert cached_files(ctl) == []


def test_a_404_is_one_sentence_and_nothing_is_sent(harness, store, loop, qtbot, tmp_path, host):
    ctl = start_app(harness, store, tmp_path / "downloads")
    sb = ctl.session.sandbox
    before = sb.stats()
    page = open_tab(loop, ctl, "Face Swap")
    zone = page.video_drop
    host.status["gone.mp4"] = 404
    paste(zone, host.url("gone.mp4"))
    run(loop, until(lambda: zone.remote.error.isVisible(), 15, "the refusal"))
    text = zone.remote.error.text()
    assert "404" in text or "not found" in text.lower()
    assert text.count(". ") <= 1 and "\n" not in text  # one sentence
    assert page.videos == [] and not page.submit_button.isEnabled()
    assert sb.stats()["uploads"] == before["uploads"] and sb.stats()["charged"] == before["charged"]
    assert cached_files(ctl) == []
    # a dropped file clears the refusal
    assert drop(zone, [host.root / "clip.mp4"])
    assert not zone.remote.error.isVisible()


def test_the_same_url_twice_makes_no_second_request(harness, store, loop, qtbot, tmp_path, host):
    ctl = start_app(harness, store, tmp_path / "downloads")
    page = open_tab(loop, ctl, "Face Swap")
    zone = page.video_drop
    url = host.url("clip.mp4")
    paste(zone, url)
    wait_video(loop, page, "clip.mp4")
    seen = host.count()
    page.clear_videos()
    assert page.videos == []
    paste(zone, url)
    wait_video(loop, page, "clip.mp4")
    assert host.count() == seen


def test_a_large_download_is_asked_first(harness, store, loop, qtbot, tmp_path, host, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from verging_desktop.services import remote

    monkeypatch.setattr(remote, "LARGE_BYTES", 100_000)  # the 2 MB clip counts as large
    ctl = start_app(harness, store, tmp_path / "downloads")
    page = open_tab(loop, ctl, "Video Enhance")
    zone = page.video_drop
    url = host.url("clip.mp4")
    # declined: one sentence, nothing downloaded or kept
    paste(zone, url)
    run(loop, until(lambda: zone.remote.size_box is not None and zone.remote.size_box.isVisible(), 10, "the question"))
    box = zone.remote.size_box
    assert "clip.mp4 is 2 MB" in box.text()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    run(loop, until(lambda: zone.remote.error.isVisible(), 10, "the refusal"))
    assert "not confirmed" in zone.remote.error.text()
    assert page.videos == [] and cached_files(ctl) == [] and host.sent("clip.mp4") == 0
    # accepted: fetched and loaded
    paste(zone, url)
    run(loop, until(lambda: zone.remote.size_box is not None and zone.remote.size_box.isVisible(), 10, "the question"))
    qtbot.mouseClick(zone.remote.size_box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    wait_video(loop, page, "clip.mp4")
    assert not zone.remote.error.isVisible()


def test_a_pasted_url_in_video_enhance_with_vimmerse_keeps_its_address(harness, store, loop, qtbot, tmp_path,
                                                                         host):
    """The Vimmerse side of a video tab keeps the web address with its job too."""
    ctl = start_app(harness, store, tmp_path / "downloads")
    page = open_tab(loop, ctl, "Video Enhance")
    page.set_provider("vimmerse")
    page.set_vimmerse_mode("DeepClean")
    url = host.url("clip.mp4")
    paste(page.video_drop, url)
    wait_video(loop, page, "clip.mp4")
    page.trimmer.set_selection(1.0, 3.0)
    run(loop, until(lambda: page.submit_button.isEnabled(), 20, "ready to send"))
    page.submit_button.click()
    run(loop, until(lambda: page.rows, 30, "sent"))
    lid = next(iter(page.rows))
    st = ctl.ctx.jobs.queue.store
    run(loop, until(lambda: st.get(lid).status is LocalStatus.COMPLETED, 60, "the job completed"))
    rec = st.get(lid)
    assert rec.kind.startswith("vimmerse") and rec.params["source_url"] == url


def test_a_pasted_url_in_a_vimmerse_slot_keeps_its_address(harness, store, loop, qtbot, tmp_path, host):
    """A Vimmerse tab built of slots (Sound) keeps the address of a video fetched into its slot."""
    ctl = start_app(harness, store, tmp_path / "downloads")
    page = open_tab(loop, ctl, "Sound")
    assert page.mode == "effect"
    url = host.url("clip.mp4")
    paste(page.video.drop, url)
    run(loop, until(lambda: page.video.ready and page.video.trimmer is not None
                    and page.video.trimmer.info is not None and not page.video._loading, 30, "the video loaded"))
    page.video.trimmer.set_selection(1.0, 4.0)
    qtbot.mouseClick(page.prompt, Qt.MouseButton.LeftButton)
    QTest.keyClicks(page.prompt, "rain on a tin roof")
    run(loop, until(lambda: page.estimate is not None and page.submit_button.isEnabled(), 15, "the cost"))
    page.submit_button.click()
    run(loop, until(lambda: page.rows, 30, "sent"))
    lid = next(iter(page.rows))
    st = ctl.ctx.jobs.queue.store
    run(loop, until(lambda: st.get(lid).status.final, 60, "the job to end"))
    rec = st.get(lid)
    assert rec.status is LocalStatus.COMPLETED and rec.params["source_url"] == url
    assert "source_urls" not in rec.params


def test_a_link_sent_through_varg_keeps_its_address(harness, store, loop, qtbot, tmp_path, host):
    """A varg order of an input fetched from the web keeps its address with the job too."""
    ctl = start_app(harness, store, tmp_path / "downloads")
    page = open_tab(loop, ctl, "Background Removal")
    url = host.url("product.png")
    assert drag_mime(page.drop, web_urls_mime([url]))
    run(loop, until(lambda: page.ready_items(), 20, "the image taken"))
    page.providers.radios["varg"].click()
    assert page.provider == "varg"
    page.submit_button.click()
    st = ctl.ctx.jobs.queue.store
    kinds = lambda: [r for r in st.list() if r.kind == "varg-background-removal"]  # noqa: E731
    run(loop, until(lambda: kinds() and kinds()[0].status.final, 40, "the varg job to end"))
    rec = kinds()[0]
    assert rec.status is LocalStatus.COMPLETED and rec.params["source_url"] == url
