"""Quitting while work runs says what happens and asks; with nothing running it quits at once.

The question is a non-blocking QMessageBox (``open()``), found and answered with real clicks."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from tests.conftest import make_clip, make_image
from tests.e2e.helpers import drop, forgive_multimedia_noise, open_tab, start_app
from tests.ui.conftest import run, until, vimmerse_sandbox
from verging_desktop.jobs.store import DownloadState, LocalStatus


@pytest.fixture(autouse=True)
def _multimedia_noise(request):
    yield
    forgive_multimedia_noise(request)


def quit_box(ctl) -> QMessageBox | None:
    box = ctl.window.findChild(QMessageBox, "quitConfirm")
    return box if box is not None and box.isVisible() else None


def click(qtbot, box: QMessageBox, name: str) -> None:
    button = box.findChild(QPushButton, name)
    assert button is not None and button.isVisible(), name
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_nothing_running_quits_without_asking(harness, store, loop, qtbot, tmp_path) -> None:
    ctl = start_app(harness, store, tmp_path / "downloads")
    run(loop, ctl.ctx.jobs.ready())
    assert ctl.window.quit_warning() == ""
    with qtbot.waitSignal(ctl.window.quitRequested, timeout=2000):
        ctl.window.close()
    assert quit_box(ctl) is None


def test_open_jobs_ask_and_say_they_go_on(harness, store, loop, qtbot, tmp_path, ffmpeg) -> None:
    ctl = start_app(harness, store, tmp_path / "downloads", speed=0.05)  # the job takes minutes
    queue = run(loop, ctl.ctx.jobs.ready())
    img = make_image(ffmpeg, tmp_path / "photo.png")
    rec = run(loop, queue.submit_background_removal(img))
    assert queue.store.get(rec.local_id).status.open
    quits: list[int] = []
    ctl.window.quitRequested.connect(lambda: quits.append(1))

    ctl.window.close()
    box = quit_box(ctl)
    assert box is not None, "closing with a job on the server must ask"
    assert "1 job on the server goes on" in box.text() and "next start" in box.text()
    assert "upload" not in box.text()
    assert ctl.window.isVisible() and quits == []
    click(qtbot, box, "keepWorking")
    run(loop, until(lambda: quit_box(ctl) is None, 5, "the question to close"))
    assert ctl.window.isVisible() and quits == []

    ctl.window.close()
    box = quit_box(ctl)
    assert box is not None
    click(qtbot, box, "quitAnyway")
    run(loop, until(lambda: quits, 5, "quit"))
    assert quits == [1] and not ctl.window.isVisible()
    assert queue.store.get(rec.local_id).status.open  # nothing cancelled on the server


def test_quitting_during_an_upload_says_it_is_lost_and_nothing_is_sent(harness, store, loop, qtbot, tmp_path,
                                                                       ffmpeg) -> None:
    video = make_clip(ffmpeg, tmp_path / "holiday.mp4", seconds=3, size="160x120", gop=25)
    face = make_image(ffmpeg, tmp_path / "face.png")
    ctl = start_app(harness, store, tmp_path / "downloads")
    sb = ctl.session.sandbox
    page = open_tab(loop, ctl, "Face Swap")
    assert drop(page.video_drop, [video]) and drop(page.face_drop, [face])
    run(loop, until(lambda: page.current is not None and page.ready_faces(), 15, "the inputs"))
    page.consent_box.click()
    run(loop, until(lambda: page.submit_button.isEnabled(), 5, "the submit button"))
    sb.faults.latency_ms = 60000  # the server is slow to hand out the upload address: the upload hangs
    qtbot.mouseClick(page.submit_button, Qt.MouseButton.LeftButton)
    jobs = ctl.ctx.jobs
    run(loop, until(lambda: jobs.store is not None
                    and jobs.store.count_by_status().get(LocalStatus.PREPARING), 15, "the upload to start"))
    quits: list[int] = []
    ctl.window.quitRequested.connect(lambda: quits.append(1))

    ctl.window.close()
    box = quit_box(ctl)
    assert box is not None, "closing during an upload must ask"
    assert "1 upload or cut in progress stops and is lost" in box.text()
    assert "nothing is charged" in box.text() and "job on the server" not in box.text()
    click(qtbot, box, "quitAnyway")
    run(loop, until(lambda: quits, 5, "quit"))
    seen = []
    jobs.store.subscribe(seen.append)
    run(loop, ctl.close())  # the app's shutdown, as after quitRequested
    assert sb.stats()["create_jobs"]["faceswap"] == 0  # nothing was sent, nothing charged
    assert seen and seen[-1].status is LocalStatus.CANCELLED and not seen[-1].remote_id


def test_the_question_follows_the_job_states_and_names_ai_calls(harness, store, loop, qtbot, tmp_path,
                                                                 ffmpeg) -> None:
    """A submit task still finishing after its job is queued is no upload; a job in the middle of
    create-job may have been sent; an AI call under way may still be charged."""
    import asyncio

    ctl = start_app(harness, store, tmp_path / "downloads", speed=0.05)  # the jobs take minutes
    s, sb = ctl.session, ctl.session.sandbox
    queue = run(loop, ctl.ctx.jobs.ready())
    run(loop, queue.ensure_account())
    linger = asyncio.Event()

    async def submit_then_linger():  # as a tool's submit task: the job is queued, then it reads the balance
        rec = await queue.submit_background_removal(make_image(ffmpeg, tmp_path / "one.png"))
        await linger.wait()
        return rec

    first = s.spawn(submit_then_linger(), name="background-removal-submit")
    run(loop, until(lambda: queue.store.count_by_status().get(LocalStatus.PENDING), 15, "the first job"))
    text = ctl.window.quit_warning()
    assert "1 job on the server goes on" in text and "next start" in text
    assert "upload" not in text and "being sent" not in text

    sb.faults.latency_ms = 60000  # create-job hangs: the second job stays in the middle of it
    second = s.spawn(queue.submit_background_removal(make_image(ffmpeg, tmp_path / "two.png")),
                     name="background-removal-submit")
    run(loop, until(lambda: queue.store.count_by_status().get(LocalStatus.SUBMITTING), 15, "the second job"))
    call = s.spawn(s.client.tts("a line being spoken"), name="tts")
    text = ctl.window.quit_warning()
    assert "1 job being sent may have reached the server" in text and "looks for it at the next start" in text
    assert "1 job on the server goes on" in text and "upload" not in text
    assert "1 AI request under way" in text and "may still be charged" in text
    assert "credits" not in text and "1 jobs" not in text

    ctl.window.close()
    box = quit_box(ctl)
    assert box is not None and box.text() == text
    click(qtbot, box, "keepWorking")
    run(loop, until(lambda: quit_box(ctl) is None, 5, "the question to close"))
    sb.faults.latency_ms = 0
    linger.set()
    for t in (second, call):
        t.cancel()
    run(loop, asyncio.wait([first, second, call], timeout=10))


def test_one_face_swap_being_cut_and_uploaded_is_one_upload(harness, store, loop, qtbot, tmp_path, ffmpeg) -> None:
    """One Face Swap submit is one piece of local work: while its selection is cut (the trimmer's
    own cut task runs for it) and while the cut is uploaded, the question says "1 upload", never 2."""
    video = make_clip(ffmpeg, tmp_path / "long.mp4", seconds=12, size="640x360", gop=300)
    face = make_image(ffmpeg, tmp_path / "face.png")
    ctl = start_app(harness, store, tmp_path / "downloads")
    sb = ctl.session.sandbox
    page = open_tab(loop, ctl, "Face Swap")
    assert drop(page.video_drop, [video]) and drop(page.face_drop, [face])
    run(loop, until(lambda: page.current is not None and page.ready_faces() and page.trimmer is not None
                    and page.trimmer.is_valid(), 15, "the inputs"))
    tr = page.trimmer
    tr.mode_combo.setCurrentIndex(tr.mode_combo.findData("exact"))  # a full re-encode: the cut takes a while
    tr.set_selection(0.5, 11.5)
    page.consent_box.click()
    run(loop, until(lambda: page.submit_button.isEnabled(), 5, "the submit button"))
    sb.faults.latency_ms = 60000  # then the upload hangs at its address
    tasks = ctl.session.tasks
    qtbot.mouseClick(page.submit_button, Qt.MouseButton.LeftButton)

    def while_cutting() -> str:
        names = [t.get_name() for t in tasks.tasks if not t.done()]
        return ctl.window.quit_warning() if any(n.startswith("trimmer-cut") for n in names) else ""

    text = run(loop, until(while_cutting, 15, "the cut to run"))
    assert "1 upload or cut in progress stops and is lost" in text, text
    jobs = ctl.ctx.jobs
    run(loop, until(lambda: jobs.store is not None
                    and jobs.store.count_by_status().get(LocalStatus.PREPARING), 30, "the upload to start"))
    text = ctl.window.quit_warning()
    assert "1 upload or cut in progress stops and is lost" in text, text
    sb.faults.latency_ms = 0
    for t in tasks.tasks:
        if t.get_name() == "faceswap-submit":
            t.cancel()
    run(loop, until(lambda: not any(t.get_name() == "faceswap-submit" for t in tasks.tasks), 10, "the submit to stop"))
    assert sb.stats()["create_jobs"]["faceswap"] == 0


def test_ctrl_q_asks_again_every_time_after_keep_working(harness, store, loop, qtbot, tmp_path, ffmpeg) -> None:
    """Ctrl+Q (real key presses on the window) asks; "Keep working" closes the question; Ctrl+Q asks
    again, every time; answering "Quit" then quits."""
    ctl = start_app(harness, store, tmp_path / "downloads", speed=0.05)  # the job takes minutes
    queue = run(loop, ctl.ctx.jobs.ready())
    run(loop, queue.submit_background_removal(make_image(ffmpeg, tmp_path / "photo.png")))
    w = ctl.window
    quits: list[int] = []
    w.quitRequested.connect(lambda: quits.append(1))
    w.activateWindow()
    run(loop, until(lambda: w.isActiveWindow(), 5, "the window to be active"))
    focus = w.focusWidget()
    assert focus is not None
    for attempt in range(3):
        qtbot.keyClick(w, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
        box = run(loop, until(lambda: quit_box(ctl), 5, f"the question (Ctrl+Q number {attempt + 1})"))
        click(qtbot, box, "keepWorking")
        run(loop, until(lambda: quit_box(ctl) is None, 5, "the question to close"))
        assert w.isVisible() and quits == []
        assert w.isActiveWindow() and w.focusWidget() is focus  # the focus is back where it was
    qtbot.keyClick(w, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    box = run(loop, until(lambda: quit_box(ctl), 5, "the question once more"))
    click(qtbot, box, "quitAnyway")
    run(loop, until(lambda: quits, 5, "quit"))


def test_a_vimmerse_job_being_sent_is_worded_for_vimmerse(harness, store, loop, qtbot, tmp_path) -> None:
    """Vimmerse has no list of jobs: a job in the middle of its create request cannot be looked for
    at the next start, so the question says to check vimmerse.net instead. The submit task whose job
    is recorded in the Vimmerse queue is no upload."""
    import asyncio

    from verging_desktop.api.vimmerse import CropRequest

    ctl = start_app(harness, store, tmp_path / "downloads")
    s, sb = ctl.session, ctl.session.sandbox
    run(loop, ctl.ctx.jobs.ready())
    vq = run(loop, ctl.ctx.jobs.vimmerse_ready())
    sb.faults.latency_ms = 60000  # the create request hangs: the job stays in the middle of it
    task = s.spawn(vq.submit(CropRequest(video_url="https://cdn.example/clip.mp4", aspect_ratio="9:16"),
                             input_name="clip.mp4", estimated=3), name="reframe-submit")
    run(loop, until(lambda: vq.store.count_by_status().get(LocalStatus.SUBMITTING), 15, "the job to be sent"))
    text = ctl.window.quit_warning()
    assert "1 Vimmerse job being sent may have been created on Vimmerse" in text, text
    assert "vimmerse.net" in text and "next start" not in text and "looks for" not in text
    assert "upload" not in text  # its task recorded the job: it is told by the job's state
    sb.faults.latency_ms = 0
    task.cancel()
    run(loop, asyncio.wait([task], timeout=10))
    assert vq.store.list()[0].status is LocalStatus.UNKNOWN
def test_a_vimmerse_job_on_the_server_asks_and_names_vimmerse(harness, store, loop, qtbot, tmp_path, ffmpeg) -> None:
    """A Vimmerse job belongs to the Vimmerse account, not to the Verging one: quitting while it is on
    the server (the Verging account known, no Verging job at all) says so, in Vimmerse's words, and asks."""
    from verging_desktop.api.vimmerse import CropRequest

    ctl = start_app(harness, store, tmp_path / "downloads", speed=0.05)  # the job takes minutes
    jobs = ctl.ctx.jobs
    run(loop, run(loop, jobs.ready()).ensure_account())  # the Verging account is known (its jobs: none)
    vimmerse_sandbox(ctl)
    vq = run(loop, jobs.vimmerse_ready())
    clip = make_clip(ffmpeg, tmp_path / "landscape.mp4", seconds=1, size="320x180")
    rec = run(loop, vq.submit(CropRequest(video_url=str(clip), aspect_ratio="9:16"), input_name=clip.name,
                              estimated=3, duration=1.0))
    assert jobs.store.get(rec.local_id).status.open
    text = ctl.window.quit_warning()
    assert "1 Vimmerse job on the server goes on" in text and "next start" in text, text
    assert "upload" not in text and "1 job on the server" not in text
    quits: list[int] = []
    ctl.window.quitRequested.connect(lambda: quits.append(1))
    ctl.window.close()
    box = quit_box(ctl)
    assert box is not None, "closing with a Vimmerse job on the server must ask"
    assert box.text() == text and ctl.window.isVisible() and quits == []
    click(qtbot, box, "keepWorking")
    run(loop, until(lambda: quit_box(ctl) is None, 5, "the question to close"))
    assert ctl.window.isVisible() and quits == []

    # a Vimmerse result being saved when the app quits is downloaded again at the next start
    jobs.store.update(rec.local_id, status=LocalStatus.COMPLETED, download_state=DownloadState.DOWNLOADING)
    text = ctl.window.quit_warning()
    assert "1 result being downloaded stops and is downloaded again at the next start" in text, text
    assert "on the server" not in text
