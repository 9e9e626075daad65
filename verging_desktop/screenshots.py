"""Screenshots of every view: ``python -m verging_desktop.screenshots DIR``.

Runs the real app offscreen, in throw-away config/data/log folders with an in-memory keyring
(your own settings and keyring are never touched), against local sandbox servers:

* a sandbox standing in for verging.ai, with two keys on one account, used in live mode:
  the welcome view, the keys dialog after adding profiles, the tool tabs, the account view with
  usage made by real calls (chat, text to speech, image generation), settings, about;
  the same stand-in serves the Vimmerse wire format (a Vimmerse key added in the keys dialog's
  Vimmerse tab), for the Vimmerse tabs, Video Enhance with Vimmerse chosen and the usage per provider;
  and the varg gateway's paths (a varg key and a provider key added in the keys dialog's varg tab),
  for Image Generation, Text to Speech, Generate Video and Sound with varg chosen and varg's usage;
* the embedded sandbox of sandbox mode, for the sandbox banner.

One PNG per view, grabbed with ``QWidget.grab()`` at 1280x800.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

#: fake keys for the stand-in server (never real ones)
STUDIO_KEY = "vrg_sk_stdo_screenshot_0000000001"
PERSONAL_KEY = "vrg_sk_prsn_screenshot_0000000002"
VIMMERSE_KEY = "vim_screenshot_key_0000000000000003"
VARG_KEY = "varg_" + "screenshot" + "0" * 10 + "4"
#: a made-up provider key for the varg tab's "your own provider keys" rows (shown masked)
HIGGSFIELD_KEY = "hf-" + "screenshot" + "0" * 12 + "5"
EMAIL = "alex@example.com"
NAME = "Alex Rivera"

WINDOW_SIZE = (1280, 800)
#: the Job Queue dock's width in the shots of the main window
QUEUE_DOCK_WIDTH = 340


async def until(pred: Callable[[], Any], timeout: float = 15.0) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        v = pred()
        if v:
            return v
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {pred}")
        await asyncio.sleep(0.03)


async def settle(seconds: float = 0.25) -> None:
    """Let layouts, lazy tabs and repaints happen."""
    from PySide6.QtWidgets import QApplication

    # the qasync loop runs Qt's events while we sleep; calling processEvents() from inside this task
    # would re-enter the loop and step other tasks while this one is running
    del QApplication
    await asyncio.sleep(seconds)


def _memory_keyring() -> Any:
    import keyring.backend
    from keyring.errors import PasswordDeleteError

    class MemoryKeyring(keyring.backend.KeyringBackend):
        priority = 1

        def __init__(self) -> None:
            super().__init__()  # type: ignore[no-untyped-call]
            self.d: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self.d.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.d[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            if self.d.pop((service, username), None) is None:
                raise PasswordDeleteError(username)

    return MemoryKeyring()


def _backfill_history(sb: Any, days: int = 12) -> None:
    """Older usage rows on the stand-in server, so the chart has a history (today's are real calls)."""
    import random

    try:
        acct = sb.store.account_for_key(STUDIO_KEY)
        rnd = random.Random(7)
        now = time.time()
        for d in range(1, days + 1):
            for svc, lo, hi in (("chat", 0, 6), ("imagegen", 0, 3), ("tts", 0, 3), ("vision", 0, 2), ("stt", 0, 2)):
                for _ in range(rnd.randint(lo, hi)):
                    credits = {"chat": rnd.choice([1, 1, 2]), "imagegen": 3, "tts": rnd.choice([1, 2, 4]),
                               "vision": rnd.choice([1, 2]), "stt": rnd.choice([1, 2, 3])}[svc]
                    rid = sb.store.add_usage(acct.id, svc, credits, rnd.randint(20, 900), rnd.randint(20, 600),
                                             rnd.randint(300, 4000))
                    sb.store.execute("UPDATE usage SET created_at = ? WHERE id = ?",
                                     (now - d * 86400 - rnd.randint(0, 30000), rid))
        for key, label in ((STUDIO_KEY, "Studio workstation"), (PERSONAL_KEY, "Laptop")):
            sb.store.execute("UPDATE api_keys SET name = ?, created_at = ? WHERE key = ?",
                             (label, now - (40 if key == STUDIO_KEY else 95) * 86400, key))
    except Exception as e:  # cosmetic only
        print(f"  (no usage history: {e})")


def _backfill_varg_history(sb: Any, days: int = 12) -> None:
    """Older varg jobs on the stand-in server (usage records for the chart; today's are real jobs)."""
    import json
    import random

    try:
        db = sb.varg.store.store
        rnd = random.Random(13)
        now = time.time()
        kinds = (("image", "fal:flux-schnell", 0.3), ("image", "fal:nano-banana-pro", 4.0),
                 ("speech", "elevenlabs:eleven_v3", 30.0), ("video", "fal:kling-v2.5", 35.0),
                 ("music", "elevenlabs:music_v1", 30.0))
        for d in range(1, days + 1):
            for _ in range(rnd.randint(0, 3)):
                cap, model, cents = rnd.choice(kinds)
                hit = rnd.random() < 0.2
                at = now - d * 86400 - rnd.randint(0, 30000)
                db.execute(
                    "INSERT INTO varg_jobs(id, key, capability, model, params, cost_cents, cache_key, cache_hit, "
                    "created_at, run_seconds, result_ready_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (f"job_hist{d:02d}{rnd.randint(0, 10**8):08d}", VARG_KEY, cap, model, json.dumps({}),
                     0.0 if hit else cents, f"hist-{d}-{rnd.random()}", int(hit), at, 0.0 if hit else 3.0, at + 3))
    except Exception as e:  # cosmetic only
        print(f"  (no varg usage history: {e})")


def out_tmp(ctl: Any) -> Path:
    """A folder for the demo media, inside the throw-away data dir."""
    d = Path(ctl.ctx.dirs.data) / "demo-media"
    d.mkdir(parents=True, exist_ok=True)
    return d


def _make_media(d: Path) -> dict[str, Path]:
    """A test clip, a face/photo image and a spoken-length audio file, made with ffmpeg."""
    import subprocess

    from .media.binaries import ffmpeg_exe

    ff = str(ffmpeg_exe())
    base = [ff, "-hide_banner", "-loglevel", "error", "-y"]
    clip, face, audio = d / "lisbon-tram.mp4", d / "portrait.png", d / "voice-note.wav"
    subprocess.run([*base, "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25:duration=8",
                    "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100:duration=8",
                    "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", "25",
                    "-c:a", "aac", "-shortest", str(clip)], check=True, timeout=60)
    subprocess.run([*base, "-f", "lavfi", "-i", "testsrc2=size=512x512:rate=1:duration=1", "-frames:v", "1",
                    str(face)], check=True, timeout=60)
    subprocess.run([*base, "-f", "lavfi", "-i", "sine=frequency=300:sample_rate=22050:duration=20", str(audio)],
                   check=True, timeout=60)
    out = {"clip": clip, "face": face, "audio": audio}
    # three different reference images (Generate Video) and a backdrop (Replace Background)
    for name, src in (("castle", "mandelbrot=size=480x360"), ("knight", "smptehdbars=size=480x360"),
                      ("dragon", "cellauto=size=480x360:rule=110"), ("beach", "gradients=size=640x360:seed=4")):
        out[name] = d / f"{name}.png"
        subprocess.run([*base, "-f", "lavfi", "-i", src, "-frames:v", "1", str(out[name])], check=True, timeout=60)
    # a person-sized box of test pattern in front of a green backdrop, with sound
    green = out["green"] = d / "interview green screen.mp4"
    subprocess.run([*base, "-f", "lavfi", "-i", "color=c=0x00ff00:s=320x240:r=25:d=5",
                    "-f", "lavfi", "-i", "testsrc2=s=120x180:r=25:d=5",
                    "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100:duration=5",
                    "-filter_complex", "[0:v][1:v]overlay=100:60[v]", "-map", "[v]", "-map", "2:a",
                    "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", "25",
                    "-c:a", "aac", "-shortest", str(green)], check=True, timeout=60)
    return out


def _drop(widget: Any, paths: list[Path]) -> bool:
    """Drag ``paths`` over ``widget`` and drop them, as a user does from a file manager."""
    from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    c = widget.rect().center()
    acts = Qt.DropAction.CopyAction | Qt.DropAction.MoveAction | Qt.DropAction.LinkAction
    btn, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPoint(c), acts, mime, btn, mods)
    QApplication.sendEvent(widget, enter)
    if not enter.isAccepted():
        return False
    QApplication.sendEvent(widget, QDragMoveEvent(QPoint(c), acts, mime, btn, mods))
    ev = QDropEvent(QPointF(c), acts, mime, btn, mods)
    QApplication.sendEvent(widget, ev)
    return bool(ev.isAccepted())


async def _reveal(widget: Any) -> None:
    """Scroll the tab's page so ``widget`` (a result) is in view, as a user does after a job ends."""
    from PySide6.QtWidgets import QScrollArea

    await settle(0.3)
    p = widget.parentWidget()
    while p is not None and not isinstance(p, QScrollArea):
        p = p.parentWidget()
    if p is not None:
        p.ensureWidgetVisible(widget, 0, 0)
    await settle(0.3)


async def _submitted_and_done(ctl: Any, tab: Any, timeout: float = 60) -> Any:
    """Press the tab's submit button once and wait for its job to complete and download."""
    from .jobs.store import DownloadState, LocalStatus

    await until(lambda: tab.submit_button.isEnabled(), 20)
    n = len(tab.rows)
    tab.submit_button.click()
    await until(lambda: len(tab.rows) > n, 30)
    lid = max(tab.rows)
    st = ctl.ctx.jobs.queue.store

    def done() -> bool:
        rec = st.get(lid)
        if rec.status.final and rec.status is not LocalStatus.COMPLETED:
            raise RuntimeError(f"the job ended {rec.status}: {rec.error}")
        return rec.status is LocalStatus.COMPLETED and rec.download_state is DownloadState.DONE

    await until(done, timeout)
    return st.get(lid)


async def _trimmed(tab: Any, media: dict[str, Path]) -> None:
    tab.add_videos([str(media["clip"])])
    await until(lambda: tab.trimmer is not None and tab.trimmer.info is not None and tab.current is not None, 20)
    tab.trimmer.set_selection(1.5, 6.5)


async def _face_swap(tab: Any, media: dict[str, Path]) -> None:
    tab.add_faces([str(media["face"])])
    await _trimmed(tab, media)
    await until(lambda: tab.ready_faces(), 10)
    if not tab.consent_box.isChecked():
        tab.consent_box.click()
    await until(lambda: tab.submit_button.isEnabled(), 5)
    tab.submit()
    res = tab.result
    await until(lambda: res.result_path is not None and res.compare.kind == "video"
                and res.compare.original.frames_seen and res.compare.result.frames_seen, 45)
    res.compare.slider.setValue(2500)
    await settle(0.5)


async def _video_enhance(tab: Any, media: dict[str, Path]) -> None:
    await _trimmed(tab, media)


async def _background_removal(tab: Any, media: dict[str, Path]) -> None:
    tab.add_files([str(media["face"])])
    await until(lambda: len(tab.ready_items()) == 1, 10)
    tab.submit()
    res = tab.result
    await until(lambda: res.result_path is not None and res.compare.result.image() is not None, 30)


async def _image_generation(tab: Any, media: dict[str, Path]) -> None:
    tab.prompt.setPlainText("A yellow tram climbing a steep Lisbon street at golden hour, film photo")
    tab.count.setValue(2)
    tab.generate()
    await until(lambda: tab.gallery.count() == 2, 30)


async def _chat(tab: Any, media: dict[str, Path]) -> None:
    tab.input.setPlainText("Give me three title ideas for a travel vlog about Lisbon's trams.")
    tab.send()
    await until(lambda: tab.runner.is_running, 5)
    await until(lambda: not tab.runner.is_running, 30)


async def _text_to_speech(tab: Any, media: dict[str, Path]) -> None:
    tab.text.setPlainText("Welcome back to the channel! Today we ride the famous tram twenty-eight "
                          "through the old streets of Lisbon.")
    tab.generate()
    await until(lambda: tab.outcome is not None, 40)


async def _speech_to_text(tab: Any, media: dict[str, Path]) -> None:
    tab.set_file(str(media["audio"]))
    await until(lambda: tab.plan is not None and tab.go_btn.isEnabled(), 20)
    tab.transcribe()
    await until(lambda: tab.transcript is not None, 40)


async def _vision(tab: Any, media: dict[str, Path]) -> None:
    tab.set_image(str(media["face"]))
    await until(lambda: tab.image_size is not None, 10)
    tab.prompt.setPlainText("What is shown in this picture? Describe the colours.")
    tab.ask()
    await until(lambda: tab.answers, 30)


async def _reframe(ctl: Any, tab: Any, media: dict[str, Path]) -> None:
    _drop(tab.video_drop, [media["clip"]])
    await until(lambda: tab.trimmer is not None and tab.trimmer.info is not None and tab.overlay is not None
                and tab.overlay.plan is not None, 20)
    tab.trimmer.set_selection(1.5, 4.5)  # 9:16 crop, the frame moved a little to the left
    tab.overlay.setFocus()
    await _submitted_and_done(ctl, tab)
    res = tab.result
    await until(lambda: res.result_path is not None and res.compare.duration() > 0
                and res.compare.original.frames_seen and res.compare.result.frames_seen, 30)
    await _reveal(res)


async def _lip_sync(ctl: Any, tab: Any, media: dict[str, Path]) -> None:
    _drop(tab.face.zone, [media["clip"]])
    await until(lambda: tab.trimmer is not None and tab.trimmer.info is not None, 20)
    tab.trimmer.set_selection(1.0, 4.5)
    tab.speech_text.click()
    tab.text.setPlainText("Welcome back to the channel! Today we ride tram twenty-eight through Lisbon.")
    i = tab.voice.findText("Aria")
    if i >= 0:
        tab.voice.setCurrentIndex(i)
    tab.consent_box.click()
    await _submitted_and_done(ctl, tab, 90)
    res = tab.result
    await until(lambda: res.result_path is not None and res.compare_view.isVisible(), 15)
    res.compare_view.click()
    await until(lambda: res.compare.original.frames_seen and res.compare.result.frames_seen, 30)
    await _reveal(res)


async def _replace_background(ctl: Any, tab: Any, media: dict[str, Path]) -> None:
    from .services import vimmerse_background as rb

    _drop(tab.video.zone, [media["green"]])
    await until(lambda: tab.trimmer is not None and tab.trimmer.info is not None, 20)
    tab.bg_buttons[rb.BG_IMAGE].click()
    _drop(tab.bg_image.zone, [media["beach"]])
    await until(lambda: tab.bg_image.ready_file, 10)
    tab.trimmer.set_selection(0.0, 3.0)
    tab.align.setCurrentIndex(tab.align.findData("left"))
    tab.scale_spin.setValue(0.6)
    tab.x_off.setValue(40)
    await _submitted_and_done(ctl, tab, 90)
    res = tab.result
    await until(lambda: res.result_path is not None and res.view == "compare", 15)
    await until(lambda: res.compare.original.frames_seen and res.compare.result.frames_seen, 30)
    res.compare.set_mode("side")  # the green-screen clip beside the person on the beach
    await _reveal(res)


async def _sound(ctl: Any, tab: Any, media: dict[str, Path]) -> None:
    _drop(tab.video.drop, [media["clip"]])
    await until(lambda: tab.video.ready and tab.video.trimmer is not None and tab.video.trimmer.info is not None
                and not tab.video._loading, 20)
    tab.video.trimmer.set_selection(1.0, 6.0)
    tab.prompt.setText("a tram bell, steel wheels on rails, a busy street")
    await until(lambda: tab.estimate is not None, 15)
    await _submitted_and_done(ctl, tab)
    await until(lambda: tab.results_row.isVisible() and tab.result.compare.result.frames_seen, 30)
    await settle(0.5)


async def _generate_video(ctl: Any, tab: Any, media: dict[str, Path]) -> None:
    _drop(tab.refs_drop, [media["castle"], media["knight"], media["dragon"]])
    await until(lambda: tab.refs.count() == 3 and not tab._checking, 20)
    tab.prompt.setPlainText("The knight rides to the castle as the dragon circles overhead, slow dolly-in")
    tab.ratio.setCurrentText("16:9")
    tab.duration.setValue(5)
    tab.quantity.setValue(3)
    tab.consent_box.click()
    await until(lambda: tab.estimate is not None, 15)
    await _submitted_and_done(ctl, tab, 90)
    g = tab.gallery
    await until(lambda: g.count() == 3 and g.posters_ready() == 3, 30)
    g.select(0)
    g.play_button.click()  # a frame of the chosen clip in the player
    await settle(0.8)
    g.player.pause()
    await _reveal(tab.results_row)


async def _video_enhance_vimmerse(ctl: Any, tab: Any, media: dict[str, Path]) -> None:
    tab.set_provider("vimmerse")
    tab.set_vimmerse_mode("2X")
    tab.trimmer.set_selection(2.0, 5.0)
    await until(lambda: any(ch.isdigit() for ch in tab.vimmerse_cost.text()), 15)  # a figure, in any language
    await _submitted_and_done(ctl, tab, 90)
    res = tab.result
    await until(lambda: res.result_path is not None and res.compare.kind == "video"
                and res.compare.original.frames_seen and res.compare.result.frames_seen, 45)
    res.compare.slider.setValue(1500)
    await _reveal(res)


async def _varg_done(panel_outcome: Any, busy: Callable[[], bool], timeout: float = 30) -> None:
    """Wait for a varg order to end and its outcome line to say what it came to."""
    await until(lambda: not busy(), 90)
    # what it came to, in any language: the line shows the finished job's record
    await until(lambda: getattr(panel_outcome, "showing", "") == "outcome" and bool(panel_outcome.text()), timeout)


async def _image_generation_varg(ctl: Any, tab: Any, media: dict[str, Path]) -> None:
    tab.providers.radios["varg"].click()
    await until(lambda: tab.provider == "varg", 5)
    tab.prompt.setPlainText("A yellow tram climbing a steep Lisbon street at golden hour, watercolour")
    tab.varg_model.setCurrentIndex(max(0, tab.varg_model.findData("flux-pro")))
    tab.aspect.setCurrentText("16:9")
    n = tab.gallery.count()
    await until(lambda: tab.generate_btn.isEnabled(), 10)
    tab.generate()
    await until(lambda: tab.gallery.count() > n, 60)
    await _varg_done(tab.varg.outcome, lambda: tab.varg.runner.busy)


async def _text_to_speech_varg(ctl: Any, tab: Any, media: dict[str, Path]) -> None:
    tab.provider.radios["varg"].click()
    await until(lambda: tab.is_varg() and tab.voices.isVisible(), 5)
    await until(lambda: tab.voices.loads and not tab.voices.loading and tab.voices.entries(), 15)
    tab.voices.set_current("adam")
    it = tab.voices.item_of("adam")
    if it is not None:
        tab.voices.tree.scrollToItem(it)
    n = tab.results.count()
    tab.generate()
    await until(lambda: tab.results.count() > n and not tab.varg_runner.busy, 60)
    await _varg_done(tab.varg_outcome, lambda: tab.varg_runner.busy)


async def _generate_video_varg(ctl: Any, tab: Any, media: dict[str, Path]) -> None:
    tab.provider.radios["varg"].click()
    await until(lambda: tab.is_varg() and tab.varg.isVisible(), 5)
    v = tab.varg
    v.image_radio.click()
    await until(lambda: v.image_drop.isVisible(), 5)
    _drop(v.image_drop, [media["castle"]])
    await until(lambda: v.consent_box.isEnabled(), 10)
    v.prompt.setPlainText("Slow aerial push-in over the castle as clouds drift past, golden light")
    v.model.setCurrentIndex(max(0, v.model.findData("kling-v2.5")))
    v.duration.setCurrentIndex(max(0, v.duration.findData(5)))
    v.ratio.setCurrentIndex(max(0, v.ratio.findData("16:9")))
    if not v.consent_box.isChecked():
        v.consent_box.click()
    await until(lambda: v.submit_button.isEnabled(), 10)
    v.submit_button.click()
    await until(lambda: v.gallery.count() == 1 and not v.runner.busy, 90)
    await _varg_done(v.outcome, lambda: v.runner.busy)
    g = v.gallery
    await until(lambda: g.posters_ready() == 1, 30)
    g.select(0)
    g.play_button.click()  # a frame of the clip in the player
    await settle(0.8)
    g.player.pause()
    # the panel scrolled as little as shows the clip's poster (the model and its settings stay in view)
    await settle(0.3)
    tab.varg_scroll.ensureWidgetVisible(g.grid, 0, 0)
    await settle(0.3)


async def _sound_varg(ctl: Any, tab: Any, media: dict[str, Path]) -> None:
    tab.provider.radios["varg"].click()
    await until(lambda: tab.is_varg() and tab.varg.isVisible(), 5)
    m = tab.varg
    m.prompt.setPlainText("Upbeat acoustic guitar and accordion, a sunny afternoon in Lisbon, 110 bpm")
    m.duration.setValue(30)
    await until(lambda: m.submit_button.isEnabled(), 10)
    m.submit_button.click()
    await until(lambda: m.results.count() == 1 and not m.runner.busy, 90)
    await _varg_done(m.outcome, lambda: m.runner.busy)


#: varg chosen on a tab (issue 13): the tab's title, how it is used before its shot, and the shot's name
VARG_PREP: list[tuple[str, Callable[[Any, Any, dict[str, Path]], Any], str]] = [
    ("Image Generation", _image_generation_varg, "24-tab-image-generation-varg"),
    ("Text to Speech", _text_to_speech_varg, "25-tab-text-to-speech-varg"),
    ("Generate Video", _generate_video_varg, "26-tab-generate-video-varg"),
    ("Sound", _sound_varg, "27-tab-sound-varg-music"),
]


#: the Vimmerse tabs (issue 12): how each is used before its shot, by tool id, and the shot's number
VIMMERSE_PREP: dict[str, tuple[int, Callable[[Any, Any, dict[str, Path]], Any]]] = {
    "reframe": (18, _reframe),
    "lip-sync": (19, _lip_sync),
    "replace-background": (20, _replace_background),
    "sound": (21, _sound),
    "generate-video": (22, _generate_video),
}

#: the numbers of the first tool tabs' shots (kept stable as tools are added)
TAB_NUMBER: dict[str, int] = {
    "face-swap": 10, "video-enhance": 11, "background-removal": 12, "image-generation": 13,
    "text-to-speech": 14, "speech-to-text": 15, "chat": 16, "vision": 17,
}

#: how each tool tab is used before its shot, by tool id (core.tools)
TAB_PREP: dict[str, Callable[[Any, dict[str, Path]], Any]] = {
    "face-swap": _face_swap,
    "video-enhance": _video_enhance,
    "background-removal": _background_removal,
    "image-generation": _image_generation,
    "chat": _chat,
    "text-to-speech": _text_to_speech,
    "speech-to-text": _speech_to_text,
    "vision": _vision,
}


async def scenario(ctl: Any, live: Any, out: Path) -> list[Path]:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QWidget

    from .core.tools import tool_by_title

    saved: list[Path] = []
    w = ctl.window

    async def shot(widget: QWidget, name: str, wait: float = 0.3) -> None:
        if widget is w:  # a tab with wide content may have grown the window; keep shots at one size
            dock = getattr(w, "queue_dock", None)
            if dock is not None and dock.isVisible():
                ctl.window.resizeDocks([dock], [QUEUE_DOCK_WIDTH], Qt.Orientation.Horizontal)
            w.resize(*WINDOW_SIZE)
        await settle(wait)
        path = out / f"{name}.png"
        if not widget.grab().save(str(path), "PNG", 0):  # 0: the smallest lossless PNG
            raise RuntimeError(f"could not save {path}")
        saved.append(path)
        print(f"  {path}")

    await ctl.start()
    s = ctl.session
    await until(lambda: w.showing_welcome)
    await shot(w, "01-welcome")

    # keys: add two profiles through the dialog, validated by the server
    w.welcome.add_key.click()
    dlg = w.keys_dialog
    for name, key in (("personal", PERSONAL_KEY), ("studio", STUDIO_KEY)):
        dlg.name_edit.setText(name)
        dlg.key_edit.setText(key)
        dlg.save_button.click()
        await until(lambda: dlg._busy == 0 and dlg.add_status.property("kind") in ("ok", "error"))
        if dlg.add_status.property("kind") != "ok":
            raise RuntimeError(dlg.add_status.text())
    await until(lambda: dlg.remote_table.rowCount() == 2)
    dlg.key_edit.setText("vrg_sk_pasted_but_not_saved_yet")
    dlg.name_edit.setText("render node")
    dlg.select_remote(next(k.id for k in dlg.remote_keys if k.matches(STUDIO_KEY)))
    dlg.select_profile("studio")
    await shot(dlg, "02-api-keys")
    dlg.key_edit.clear()

    # the Vimmerse tab: a key added (checked with the stand-in's Vimmerse paths), a second one typed
    dlg.show_provider("vimmerse")
    vk = dlg.vimmerse
    vk.name_edit.setText("studio")
    vk.key_edit.setText(VIMMERSE_KEY)
    vk.save_button.click()
    await until(lambda: vk._busy == 0 and vk.add_status.property("kind") in ("ok", "error"))
    if vk.add_status.property("kind") != "ok":
        raise RuntimeError(vk.add_status.text())
    vk.name_edit.setText("personal")
    vk.key_edit.setText("vim_pasted_but_not_saved_yet")
    vk.select_profile("studio")
    await shot(dlg, "07-api-keys-vimmerse")
    vk.key_edit.clear()

    # the varg tab: a varg key added (checked with the stand-in's GET /me), a Higgsfield key of the
    # user's own saved (shown masked), a second varg key typed
    dlg.show_provider("varg")
    gk = dlg.varg
    gk.name_edit.setText("studio")
    gk.key_edit.setText(VARG_KEY)
    gk.save_button.click()
    await until(lambda: gk._busy == 0 and gk.add_status.property("kind") in ("ok", "error"))
    if gk.add_status.property("kind") != "ok":
        raise RuntimeError(gk.add_status.text())
    row = gk.byok["higgsfield"]
    row.edit.setText(HIGGSFIELD_KEY)
    row.save.click()
    await until(lambda: gk._busy == 0 and gk.byok_status.property("kind") in ("ok", "error"))
    if gk.byok_status.property("kind") != "ok":
        raise RuntimeError(gk.byok_status.text())
    gk.name_edit.setText("personal")
    gk.key_edit.setText("varg_pasted_but_not_saved_yet")
    gk.select_profile("studio")
    await until(lambda: s.varg_balance is not None, 10)
    await shot(dlg, "09-api-keys-varg")
    gk.key_edit.clear()
    dlg.reject()

    # real paid calls (today's usage); the history of the previous days is backfilled
    for q in ("Suggest three titles for a travel vlog about Lisbon.",
              "Write a two-line hook for a cooking short.",
              "Summarise this script in one sentence: a chef rebuilds her grandmother's bakery.",
              "What is a good thumbnail text for a hiking video?"):
        await s.client.chat([{"role": "user", "content": q}])
    await s.client.tts("Welcome back to the channel! Today we are making sourdough from scratch.")
    await s.client.imagegen("A cosy bakery at dawn, warm light, film photo", quality="standard")
    await s.wait_refreshed()

    # every tool tab, used the way a user would before the shot
    await ctl.ctx.jobs.ready()
    media = _make_media(out_tmp(ctl))
    titles = list(w.pages)
    for i, title in enumerate(titles):
        w.tabs.setCurrentIndex(i)
        page = w.pages[title]

        def built(page: Any = page) -> bool:
            return page.content is not None

        await until(built)
        tid = tool_by_title(title).id
        vprep = VIMMERSE_PREP.get(tid)
        number = vprep[0] if vprep is not None else TAB_NUMBER.get(tid)
        if number is None:
            print(f"  ({title}: no screenshot number; add it to TAB_NUMBER)")
            continue
        try:
            if vprep is not None:
                await asyncio.wait_for(vprep[1](ctl, page.content, media), 150)
            elif (prep := TAB_PREP.get(tid)) is not None:
                await asyncio.wait_for(prep(page.content, media), 60)
        except Exception as e:  # a shot of the tab as it is beats no shot
            print(f"  ({title}: could not finish the demo use: {type(e).__name__}: {e})")
        await shot(w, f"{number}-tab-{title.lower().replace(' & ', '-').replace(' ', '-')}", 0.6)

    # Video Enhance again, with Vimmerse chosen: its modes, both costs, a finished 2X in the compare view
    w.tabs.setCurrentIndex(titles.index("Video Enhance"))
    try:
        await asyncio.wait_for(_video_enhance_vimmerse(ctl, w.pages["Video Enhance"].content, media), 150)
    except Exception as e:
        print(f"  (Video Enhance with Vimmerse: could not finish the demo use: {type(e).__name__}: {e})")
    await shot(w, "23-tab-video-enhance-vimmerse", 0.6)

    # the tabs again with varg chosen: both costs side by side, a finished varg job and its outcome line
    for title, vprep_varg, name in VARG_PREP:
        if title not in w.pages:
            print(f"  ({title}: no such tab)")
            continue
        w.tabs.setCurrentIndex(titles.index(title))
        try:
            await asyncio.wait_for(vprep_varg(ctl, w.pages[title].content, media), 150)
        except Exception as e:
            print(f"  ({title} with varg: could not finish the demo use: {type(e).__name__}: {e})")
        await shot(w, name, 0.6)
    # the same tune again: varg's cache answers, free (a "cache hit" row at 0 cents in the usage view)
    try:
        m = w.pages["Sound"].content.varg
        m.submit_button.click()
        from .core.i18n import _

        await until(lambda: not m.runner.busy and m.outcome.text() == _("From cache: free"), 30)
    except Exception as e:
        print(f"  (no varg cache hit: {type(e).__name__}: {e})")

    # account and usage
    w.tabs.setCurrentIndex(0)
    acc = w.open_account_dialog()
    await until(lambda: acc.page_info is not None and acc.table.rowCount() > 0)
    await until(lambda: acc.chart.data is not None and not acc.chart.data.empty)
    await shot(acc, "03-account-usage", 0.5)
    # the same view in Vimmerse credits: the charges of the Vimmerse jobs above, per tool
    acc.show_provider("vimmerse")
    await until(lambda: acc.history is not None and acc.history.provider == "vimmerse"
                and acc.chart.data is not None and not acc.chart.data.empty and acc.table.rowCount() > 0)
    await shot(acc, "08-account-usage-vimmerse", 0.5)
    # varg's charges in cents (the jobs above), its balance in the header
    acc.show_provider("varg")
    await until(lambda: acc.history is not None and acc.history.provider == "varg"
                and acc.chart.data is not None and not acc.chart.data.empty and acc.table.rowCount() > 0)
    await shot(acc, "28-account-usage-varg", 0.5)
    acc.show_provider("verging")
    acc.reject()

    # settings (shown as a user would see it: no base URL or download folder override)
    env_urls = {v: os.environ.pop(v, None)
                for v in ("VERGING_BASE_URL", "VIMMERSE_BASE_URL", "VARG_BASE_URL", "VERGING_DOWNLOAD_DIR")}
    try:
        st = w.open_settings_dialog()
        await shot(st, "04-settings")
        st.reject()
    finally:
        for var, url in env_urls.items():
            if url:
                os.environ[var] = url

    about = w.show_about()
    await shot(about, "05-about")
    about.done(0)

    # sandbox mode: the banner, the embedded simulator's balance
    w.act_sandbox.trigger()
    await until(lambda: s.in_sandbox and s.state == "sandbox", 30)
    await s.client.chat([{"role": "user", "content": "Hello sandbox"}])
    await s.wait_refreshed()
    w.tabs.setCurrentIndex(titles.index("Chat"))
    await shot(w, "06-sandbox-mode")
    return saved


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m verging_desktop.screenshots",
                                 description="Save a PNG of every view of Verging Desktop into DIR.")
    ap.add_argument("dir", type=Path)
    ap.add_argument("--language", choices=("en", "zh_CN"), default="en",
                    help="the interface language of the shots (docs/screenshots/zh/: zh_CN)")
    args = ap.parse_args(argv)
    out: Path = args.dir
    out.mkdir(parents=True, exist_ok=True)

    tmp = Path(tempfile.mkdtemp(prefix="verging-screenshots-"))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    for var, sub in (("VERGING_CONFIG_DIR", "config"), ("VERGING_DATA_DIR", "data"), ("VERGING_LOG_DIR", "log"),
                     ("XDG_CONFIG_HOME", "xdg"), ("VERGING_DOWNLOAD_DIR", "downloads")):
        os.environ[var] = str(tmp / sub)
    for var in ("VERGING_API_KEY", "VIMMERSE_API_KEY", "VIMMERSE_PRICING_FILE", "VERGING_PRICING_FILE",
                "VERGING_PRICING_TABLE", "VERGING_STARTUP_PROBE", "VARG_API_KEY", "VARG_PROVIDER_KEY_FAL",
                "VARG_PROVIDER_KEY_ELEVENLABS", "VARG_PROVIDER_KEY_HIGGSFIELD", "VARG_PROVIDER_KEY_REPLICATE"):
        os.environ.pop(var, None)

    import keyring

    keyring.set_keyring(_memory_keyring())

    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtWidgets import QApplication

    from .app import AppController, parse_args
    from .sandbox import Sandbox
    from .ui.settings_store import APPLICATION, ORGANIZATION, SettingsStore

    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    for fmt in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp / "qsettings"))
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)

    live = Sandbox(data_dir=tmp / "live", credits=2650, job_seconds=2, keys={
        STUDIO_KEY: {"email": EMAIL, "name": NAME, "credits": 2650},
        PERSONAL_KEY: {"email": EMAIL, "name": NAME},
    })
    os.environ["VERGING_BASE_URL"] = live.start()
    live.add_vimmerse_key(VIMMERSE_KEY, credits=1200)
    os.environ["VIMMERSE_BASE_URL"] = live.vimmerse_url
    live.add_varg_key(VARG_KEY, cents=5000, plan="pro")
    live.varg_job_seconds = 2.0
    os.environ["VARG_BASE_URL"] = live.varg_url
    _backfill_varg_history(live)
    _backfill_history(live)

    import qasync

    store = SettingsStore(QSettings(str(tmp / "settings.ini"), QSettings.Format.IniFormat))
    from .core.settings import Settings

    store.save(Settings(language=args.language))
    ctl = AppController(parse_args([]), app, store=store)
    ctl.window.resize(*WINDOW_SIZE)
    ctl.show()
    ctl.window.resize(*WINDOW_SIZE)
    ctl.wait_first_paint()
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    print(f"Saving screenshots to {out}")
    try:
        with loop:
            saved = loop.run_until_complete(scenario(ctl, live, out))
            loop.run_until_complete(ctl.close())
    finally:
        live.stop()
        from .app_core.logsetup import close_logging

        close_logging()
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{len(saved)} screenshots")
    return 0


if __name__ == "__main__":
    sys.exit(main())
