"""Money is sent once: real double clicks (QTest.mouseDClick) and two quick clicks on EVERY submit
button, with real inputs loaded, against the sandbox, counting the charging requests (create-job
or the AI call) at the server: exactly one per double click. Submitting the same inputs and
settings again asks first ("You sent this same job 5 s ago. Send again for 5 credits?"): nothing
is sent when declined, exactly one more when accepted. Hand-offs replace the slot instead of
silently making a batch; progress cards say Hide (the job goes on) and offer Cancel only before
sending."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.conftest import make_audio, make_clip, make_image
from tests.e2e.helpers import drop, forgive_multimedia_noise, open_tab, start_app
from tests.ui.conftest import run, until
from tests.ui.test_ai_common import drop_file, type_text
from tests.ui.test_ai_common import open_tab as open_ai_tab
from verging_desktop.jobs.store import LocalStatus
from verging_desktop.sandbox import DEMO_KEY

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture(autouse=True)
def _multimedia_noise(request):
    yield
    forgive_multimedia_noise(request)


# -- helpers ---------------------------------------------------------------------------------------
def settle(loop, seconds: float = 0.6) -> None:
    """Let the loop run a while (anything sent by mistake would reach the server meanwhile)."""
    loop.run_until_complete(asyncio.sleep(seconds))


def questions() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.objectName() == "sendAgainQuestion" and w.isVisible()]


def answer(qtbot, guard, yes: bool) -> None:
    box = guard.dialog
    assert box is not None and box.isVisible(), "no question was asked"
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes if yes else QMessageBox.StandardButton.Cancel), LEFT)


def double_click(button) -> None:
    """A real double click as the window system delivers it: press, release, double-click press,
    release (QTest.mouseDClick alone sends only the double-click press, which never clicks)."""
    QTest.mouseClick(button, LEFT)
    QTest.mouseDClick(button, LEFT)
    QTest.mouseRelease(button, LEFT)


def tick(qtbot, box) -> None:
    """Click a check box where a person does: on its box, not the empty middle of a wide row."""
    qtbot.mouseClick(box, LEFT, pos=QPoint(8, box.height() // 2))


def requests(sb, route: str) -> int:
    return sb.stats()["requests"].get(route, 0)


def created(sb, kind: str) -> int:
    return sb.stats()["create_jobs"].get(kind, 0)


def exercise(loop, qtbot, button, guard, count: Callable[[], int], idle: Callable[[], bool], *,
             same_again: Callable[[], None] | None = None, change: Callable[[], None] | None = None,
             asks: bool = True, question: str = "", timeout: float = 60) -> None:
    """The double-submit scenario on one button.

    1. a real double click sends exactly one; the button is disabled from the first click;
    2. (``change``: new settings) two quick clicks send exactly one more, without a question;
    3. (``asks``) the same inputs again: two quick clicks ask once and send nothing when declined;
       a deliberate click, accepted, sends exactly one more.
    """
    def ready(n: int) -> Callable[[], bool]:
        return lambda: count() >= n and idle() and not guard.busy

    n0 = count()
    assert button.isEnabled() and button.isVisible()
    double_click(button)
    assert guard.busy and not button.isEnabled(), "the button must be disabled from the first click"
    run(loop, until(ready(n0 + 1), timeout, "the first submit sent"))
    settle(loop)
    assert count() == n0 + 1, f"a double click sent {count() - n0} requests"
    assert not questions()

    if change is not None:
        change()
        qtbot.mouseClick(button, LEFT)
        qtbot.mouseClick(button, LEFT)
        assert not questions(), "new settings are not a repeat"
        run(loop, until(ready(n0 + 2), timeout, "the changed submit sent"))
        settle(loop)
        assert count() == n0 + 2, f"two quick clicks sent {count() - n0 - 1} requests"
        n0 += 1

    if not asks:
        return
    if same_again is not None:
        same_again()
    assert button.isEnabled()
    qtbot.mouseClick(button, LEFT)
    qtbot.mouseClick(button, LEFT)  # impatient: lands on a disabled button while the question is open
    assert len(questions()) == 1, "exactly one question for two clicks"
    text = guard.dialog.text()
    assert text.startswith("You sent this same ") and " ago. Send " in text
    if question:
        assert question in text, text
    assert not button.isEnabled()
    answer(qtbot, guard, yes=False)
    settle(loop)
    assert count() == n0 + 1, "declined: nothing may be sent"
    assert not questions() and guard.dialog is None and not guard.busy and button.isEnabled()

    if same_again is not None:
        same_again()
    qtbot.mouseClick(button, LEFT)
    answer(qtbot, guard, yes=True)
    run(loop, until(ready(n0 + 2), timeout, "the repeat sent"))
    settle(loop)
    assert count() == n0 + 2, "accepted: exactly one more"


def clip(ffmpeg: str, path: Path, seconds: float) -> Path:
    return make_clip(ffmpeg, path, seconds=seconds, size="160x120", gop=25)


def load_video_tab(loop, ctl, title: str, video: Path, face: Path | None = None):
    page = open_tab(loop, ctl, title)
    assert drop(page.video_drop, [video])
    if face is not None:
        assert drop(page.face_drop, [face])
    run(loop, until(lambda: page.trimmer is not None and page.trimmer.info is not None and page.current is not None
                    and (face is None or page.ready_faces()), 20, "inputs loaded"))
    return page


# -- the job tools ---------------------------------------------------------------------------------
def test_face_swap_submit_is_sent_once(harness, store, loop, qtbot, tmp_path, ffmpeg):
    ctl = start_app(harness, store, tmp_path / "downloads")
    sb = ctl.session.sandbox
    page = load_video_tab(loop, ctl, "Face Swap", clip(ffmpeg, tmp_path / "holiday.mp4", 6),
                          make_image(ffmpeg, tmp_path / "face.png"))
    page.trimmer.set_selection(1.0, 6.0)
    tick(qtbot, page.consent_box)
    assert page.submit_button.text() == "Swap face (5 credits)"

    exercise(loop, qtbot, page.submit_button, page.guard, lambda: created(sb, "faceswap"), lambda: not page._sending,
             change=lambda: tick(qtbot, page.hd_box),
             question="Send again for 15 credits?")  # the last settings sent were HD: 5 s x 3 credits/s
    assert sb.stats()["uploads"] == created(sb, "faceswap") == 3


def test_video_enhance_submit_is_sent_once_and_cards_hide_or_cancel(harness, store, loop, qtbot, tmp_path, ffmpeg):
    ctl = start_app(harness, store, tmp_path / "downloads")
    sb = ctl.session.sandbox
    page = load_video_tab(loop, ctl, "Video Enhance", clip(ffmpeg, tmp_path / "street.mp4", 5))
    assert page.submit_button.text() == "Enhance (15 credits)"
    before = sb.credits(DEMO_KEY)

    exercise(loop, qtbot, page.submit_button, page.guard, lambda: created(sb, "video_enhance"),
             lambda: not page._sending, question="You sent this same job ")
    # the question named the cost; exactly two jobs were charged
    assert created(sb, "video_enhance") == 2
    st = ctl.ctx.jobs.queue.store
    run(loop, until(lambda: all(st.get(i).status is LocalStatus.COMPLETED for i in page.rows), 60, "done"))
    assert before - sb.credits(DEMO_KEY) == 30

    # a progress card: "Hide" (not "×") only takes the card away; Cancel only before sending
    row = page.steps.rows()[0]
    assert row.close_button.text() == "Hide" and "keeps running" in row.close_button.toolTip()
    assert row.cancel_button.isHidden()  # sent: no cancelling from the card
    page.trimmer.set_selection(0.0, 4.0)
    qtbot.mouseClick(page.submit_button, LEFT)
    row = page.steps.rows()[0]
    assert not row.cancel_button.isHidden() and "nothing is charged" in row.cancel_button.toolTip()
    qtbot.mouseClick(row.close_button, LEFT)  # Hide while it is being prepared: it goes on
    assert row.isHidden()
    run(loop, until(lambda: created(sb, "video_enhance") == 3 and not page.guard.busy, 60, "the hidden one sent"))
    lid = row.local_id
    assert lid is not None
    run(loop, until(lambda: st.get(lid).status is LocalStatus.COMPLETED, 60, "the hidden one done"))
    # Cancel really cancels: nothing reaches the server
    page.trimmer.set_selection(0.0, 3.0)
    uploads = sb.stats()["uploads"]
    qtbot.mouseClick(page.submit_button, LEFT)
    row = page.steps.rows()[0]
    qtbot.mouseClick(row.cancel_button, LEFT)
    run(loop, until(lambda: row.done and not page.guard.busy, 20, "cancelled"))
    assert "Cancelled before sending; nothing was charged." in row.step.text()
    settle(loop)
    assert created(sb, "video_enhance") == 3 and sb.stats()["uploads"] == uploads
    assert page.submit_button.isEnabled()


def vimmerse_created(sb) -> int:
    return sum(sb.vimmerse_stats()["created"].values())


def test_sound_submit_is_sent_once(harness, store, loop, qtbot, tmp_path, ffmpeg):
    ctl = start_app(harness, store, tmp_path / "downloads")
    sb = ctl.session.sandbox
    page = open_tab(loop, ctl, "Sound")
    assert drop(page.video.drop, [clip(ffmpeg, tmp_path / "pier.mp4", 4)])
    run(loop, until(lambda: page.video.trimmer is not None and page.video.trimmer.info is not None
                    and not page.video._loading, 20, "the video"))
    page.prompt.setText("seagulls and waves")
    run(loop, page.wait_estimate())
    assert page.submit_button.text().startswith("Add sound (")

    def change() -> None:
        page.prompt.setText("a busy harbour")
        run(loop, page.wait_estimate())

    exercise(loop, qtbot, page.submit_button, page.guard, lambda: vimmerse_created(sb), lambda: not page.guard.busy,
             change=change, question="You sent this same job ")
    assert vimmerse_created(sb) == 3


def test_generate_video_submit_is_sent_once(harness, store, loop, qtbot, tmp_path, ffmpeg):
    ctl = start_app(harness, store, tmp_path / "downloads")
    sb = ctl.session.sandbox
    page = open_tab(loop, ctl, "Generate Video")
    assert drop(page.refs_drop, [make_image(ffmpeg, tmp_path / "fox.png")])
    run(loop, until(lambda: page.refs.count() == 1 and not page._checking, 20, "the image"))
    page.prompt.setPlainText("a fox runs through snow")
    tick(qtbot, page.consent_box)
    run(loop, page.wait_estimate())

    def change() -> None:
        page.quantity.setValue(2)
        run(loop, page.wait_estimate())

    est = page.estimate.total
    exercise(loop, qtbot, page.submit_button, page.guard, lambda: vimmerse_created(sb), lambda: not page.guard.busy,
             change=change, question=f"Send again for {2 * est:g} Vimmerse credits?")
    assert vimmerse_created(sb) == 3


def test_background_removal_submit_is_sent_once(harness, store, loop, qtbot, tmp_path, ffmpeg):
    ctl = start_app(harness, store, tmp_path / "downloads")
    sb = ctl.session.sandbox
    page = open_tab(loop, ctl, "Background Removal")
    a = make_image(ffmpeg, tmp_path / "a.png")
    b = make_image(ffmpeg, tmp_path / "b.png", size="200x200")

    def load(*paths: Path) -> None:
        qtbot.mouseClick(page.clear_button, LEFT)
        assert drop(page.drop, list(paths))
        run(loop, until(lambda: len(page.ready_items()) == len(paths), 15, "images checked"))

    load(a)
    assert page.submit_button.text() == "Remove background (1 credit)"
    # a copy of the same picture under another name is the same content: asked first
    exercise(loop, qtbot, page.submit_button, page.guard, lambda: created(sb, "background_removal"),
             lambda: True, change=lambda: load(b), same_again=lambda: load(shutil.copy(a, tmp_path / "a copy.png")),
             question="Send again for 1 credit?")
    # a batch where one image was sent before: the question says which part repeats
    c = make_image(ffmpeg, tmp_path / "c.png", size="120x120")
    load(a, c)
    assert page.submit_button.text() == "Remove 2 backgrounds (2 credits)"
    n0 = created(sb, "background_removal")
    double_click(page.submit_button)
    assert len(questions()) == 1
    assert page.guard.dialog.text().startswith("1 of these jobs is the same as one you sent ")
    assert page.guard.dialog.text().endswith("Send all 2 jobs for 2 credits?")
    answer(qtbot, page.guard, yes=False)
    settle(loop)
    assert created(sb, "background_removal") == n0 and len(page.ready_items()) == 2


# -- the direct AI calls ---------------------------------------------------------------------------
def test_image_generation_is_sent_once(harness, loop, qtbot):
    ctl, tab = open_ai_tab(harness, loop, "Image Generation")
    sb = ctl.session.sandbox
    type_text(qtbot, tab.prompt, "a lighthouse")
    exercise(loop, qtbot, tab.generate_btn, tab.guard, lambda: requests(sb, "POST /api/v1/ai/imagegen"),
             lambda: not tab.runner.is_running, change=lambda: tab.count.setValue(2),
             question="You sent this same request ")
    assert tab.gallery.count() == 1 + 2 + 2


def test_chat_send_is_sent_once(harness, loop, qtbot):
    ctl, tab = open_ai_tab(harness, loop, "Chat")
    sb = ctl.session.sandbox
    type_text(qtbot, tab.input, "Hello there")

    def again() -> None:  # the same words, but the conversation has moved on: a new message
        type_text(qtbot, tab.input, "Hello there")

    exercise(loop, qtbot, tab.send_btn, tab.guard, lambda: requests(sb, "POST /api/v1/ai/chat"),
             lambda: not tab.runner.is_running, change=again, asks=False)
    assert [m.role for m in tab.current.messages] == ["user", "assistant"] * 2


def test_text_to_speech_is_sent_once(harness, loop, qtbot):
    ctl, tab = open_ai_tab(harness, loop, "Text to Speech")
    sb = ctl.session.sandbox
    type_text(qtbot, tab.text, "One short sentence.")
    exercise(loop, qtbot, tab.generate_btn, tab.guard, lambda: requests(sb, "POST /api/v1/ai/tts"),
             lambda: not tab.runner.is_running, change=lambda: tab.voice.setCurrentText("nova"),
             question="Send it again for about ")
    assert tab.results.count() == 3


def test_speech_to_text_is_sent_once(harness, loop, qtbot, ffmpeg, tmp_path):
    ctl, tab = open_ai_tab(harness, loop, "Speech to Text")
    sb = ctl.session.sandbox
    audio = make_audio(ffmpeg, tmp_path / "note.mp3", seconds=2)
    assert drop_file(tab.drop, audio)
    run(loop, until(lambda: tab.plan is not None and tab.go_btn.isEnabled(), 15, "plan"))
    exercise(loop, qtbot, tab.go_btn, tab.guard, lambda: requests(sb, "POST /api/v1/ai/stt"),
             lambda: not tab.runner.is_running, change=lambda: tab.language.setCurrentIndex(1))


def test_vision_ask_is_sent_once(harness, loop, qtbot, ffmpeg, tmp_path):
    ctl, tab = open_ai_tab(harness, loop, "Vision")
    sb = ctl.session.sandbox
    img = make_image(ffmpeg, tmp_path / "sign.png", size="300x200")
    assert drop_file(tab.drop, img)
    run(loop, until(lambda: tab.image_size == (300, 200) and tab.image_digest, 10, "preview"))
    question = "What is written on the sign?"
    type_text(qtbot, tab.prompt, question)

    def same() -> None:  # the prompt is cleared after an answer: the user types it again
        tab.prompt.clear()
        type_text(qtbot, tab.prompt, question)

    exercise(loop, qtbot, tab.ask_btn, tab.guard, lambda: requests(sb, "POST /api/v1/ai/vision/upload"),
             lambda: not tab.runner.is_running, same_again=same)
    assert len(tab.answers) == 2


# -- hand-offs -------------------------------------------------------------------------------------
def test_use_as_face_replaces_the_face_and_keeps_the_single_job_cost(harness, store, loop, qtbot, tmp_path, ffmpeg):
    ctl = start_app(harness, store, tmp_path / "downloads")
    w = ctl.window
    gen = open_tab(loop, ctl, "Image Generation")
    type_text(qtbot, gen.prompt, "two portraits")
    gen.count.setValue(2)
    qtbot.mouseClick(gen.generate_btn, LEFT)
    run(loop, until(lambda: gen.gallery.count() == 2 and not gen.guard.busy, 20, "two images"))
    page = load_video_tab(loop, ctl, "Face Swap", clip(ffmpeg, tmp_path / "v.mp4", 5))
    assert page.submit_button.text() == "Swap face"  # no face yet

    def use_as_face(row: int) -> Path:
        w.tabs.setCurrentWidget(w.pages["Image Generation"])
        gen.gallery.setCurrentRow(row)
        qtbot.mouseClick(gen.face_btn, LEFT)
        assert w.tabs.currentWidget() is w.pages["Face Swap"]
        run(loop, until(lambda: page.faces and all(f.state == "ready" for f in page.faces), 10, "face checked"))
        return Path(gen.gallery.item(row).data(Qt.ItemDataRole.UserRole))

    first = use_as_face(0)
    assert [f.path for f in page.faces] == [first]
    tick(qtbot, page.consent_box)
    assert page.submit_button.text() == "Swap face (5 credits)"
    # the same image again: still one face, still one job
    use_as_face(0)
    assert [f.path for f in page.faces] == [first]
    assert page.submit_button.text() == "Swap face (5 credits)" and len(page.plan()[0]) == 1
    # another image: it replaces the face (it never becomes a silent second job)
    second = use_as_face(1)
    assert [f.path for f in page.faces] == [second]
    assert not page.consent_box.isChecked()  # a new face needs its own consent
    tick(qtbot, page.consent_box)
    assert page.submit_button.text() == "Swap face (5 credits)" and len(page.plan()[0]) == 1
    assert page.cost.credits == 5

    # a batch of two faces in the slot: the hand-off asks; Cancel changes nothing
    other = make_image(ffmpeg, tmp_path / "other.png", size="200x200")
    assert drop(page.face_drop, [other])
    run(loop, until(lambda: len(page.ready_faces()) == 2, 10, "two faces"))
    tick(qtbot, page.consent_box)
    assert page.submit_button.text() == "Swap face: 2 jobs (10 credits)"
    use_as_face(0)
    box = page.handoff_box
    assert box is not None and box.isVisible()
    assert "already has 2 faces (a batch of 2 jobs)" in box.text() and "(3 jobs)" in box.text()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Cancel), LEFT)
    assert sorted(f.path.name for f in page.faces) == sorted([second.name, "other.png"])
    use_as_face(0)
    qtbot.mouseClick(next(b for b in page.handoff_box.buttons() if b.objectName() == "handoffReplace"), LEFT)
    run(loop, until(lambda: [f.path for f in page.faces] == [first] and page.ready_faces(), 10, "replaced"))
    assert page.submit_button.text() == "Swap face (5 credits)"  # consent for it was given before
    assert ctl.session.sandbox.stats()["create_jobs"]["faceswap"] == 0  # a hand-off never sends


def test_remove_background_hand_off_asks_when_images_are_waiting(harness, store, loop, qtbot, tmp_path, ffmpeg):
    ctl = start_app(harness, store, tmp_path / "downloads")
    page = open_tab(loop, ctl, "Background Removal")
    a = make_image(ffmpeg, tmp_path / "a.png")
    b = make_image(ffmpeg, tmp_path / "b.png", size="200x200")
    assert page.accept_handoff(str(a))  # nothing waiting: added
    run(loop, until(lambda: len(page.ready_items()) == 1, 10, "a ready"))
    assert page.accept_handoff(str(a)) and len(page.items) == 1  # the same image: not twice
    assert page.accept_handoff(str(b))
    box = page.handoff_box
    assert box is not None and box.isVisible()
    assert box.text().startswith("1 image is waiting to be sent.") and "(2 images, 2 credits)" in box.text()
    qtbot.mouseClick(next(x for x in box.buttons() if x.objectName() == "handoffReplace"), LEFT)
    run(loop, until(lambda: [i.name for i in page.ready_items()] == ["b.png"], 10, "replaced"))
    assert page.submit_button.text() == "Remove background (1 credit)"


# -- the Qt side of the wording --------------------------------------------------------------------
def test_credit_formatters_use_plural_forms(qapp):
    from verging_desktop.ui.plural import credits

    for f in (credits,):
        assert [f(v) for v in (None, 0, 1, 2, 1000, 1.5, 0.5, 1.0)] == [
            "–", "0 credits", "1 credit", "2 credits", "1,000 credits", "1.5 credits", "0.5 credits", "1 credit"]


def test_the_question_names_the_age_the_count_and_the_cost(qapp):
    from verging_desktop.core.submissions import SubmissionRegistry
    from verging_desktop.ui.widgets.submit_guard import repeat_question

    now = [100.0]
    reg = SubmissionRegistry(clock=lambda: now[0])
    reg.record(["a", "b"], 45)
    now[0] = 105.2
    assert repeat_question(reg.check(["a"]), 90) == "You sent this same job 5 s ago. Send again for 90 credits?"
    assert repeat_question(reg.check(["a"]), 1) == "You sent this same job 5 s ago. Send again for 1 credit?"
    assert (repeat_question(reg.check(["a", "b"]), 90)
            == "You sent these same 2 jobs 5 s ago. Send them again for 90 credits?")
    assert (repeat_question(reg.check(["a", "c"]), 30)
            == "1 of these jobs is the same as one you sent 5 s ago. Send all 2 jobs for 30 credits?")
    assert (repeat_question(reg.check(["a", "b", "c"]), 45)
            == "2 of these jobs are the same as ones you sent 5 s ago. Send all 3 jobs for 45 credits?")
    now[0] = 100 + 125
    assert (repeat_question(reg.check(["a"]), 0.5, noun="request")
            == "You sent this same request 2 min ago. Send it again for about 0.5 credits?")


def test_guard_ignores_clicks_while_busy_and_records_only_what_was_sent(qtbot, loop):
    from PySide6.QtWidgets import QPushButton

    from verging_desktop.core.submissions import SubmissionRegistry
    from verging_desktop.ui.widgets.submit_guard import SubmitGuard

    class Ctx:
        def __init__(self) -> None:
            self.submissions = SubmissionRegistry()

        @staticmethod
        def spawn(coro, name=""):
            return asyncio.ensure_future(coro)

    btn = QPushButton("Send")
    qtbot.addWidget(btn)
    guard = SubmitGuard(Ctx(), btn)
    gate = asyncio.Event()
    calls = []

    def send():
        calls.append(1)

        async def sent():
            await gate.wait()
            return ["k1"]  # only k1 reached the queue

        return sent()

    plain = QPushButton("Plain")
    qtbot.addWidget(plain)
    plain_clicks = []
    plain.clicked.connect(lambda: plain_clicks.append(1))
    plain.show()
    double_click(plain)
    assert plain_clicks == [1, 1]  # a real double click clicks twice: the guard is what stops it

    btn.clicked.connect(lambda: guard.submit(["k1", "k2"], 10, send))
    btn.show()
    double_click(btn)
    assert calls == [1] and guard.busy and not btn.isEnabled()
    guard.set_enabled(True)  # the tab's own rule cannot re-enable it while sending
    assert not btn.isEnabled()
    gate.set()
    run(loop, until(lambda: not guard.busy, 5, "done"))
    assert btn.isEnabled()
    assert guard.registry.last("k1") is not None and guard.registry.last("k2") is None
    assert guard.registry.last("k1").credits == 5  # each job's share
