"""Screenshots of every view: ``python -m verging_desktop.screenshots DIR``.

Runs the real app offscreen, in throw-away config/data/log folders with an in-memory keyring
(your own settings and keyring are never touched), against local sandbox servers:

* a sandbox standing in for verging.ai, with two keys on one account, used in live mode:
  the welcome view, the keys dialog after adding profiles, the tool tabs, the account view with
  usage made by real calls (chat, text to speech, image generation), settings, about;
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
    return {"clip": clip, "face": face, "audio": audio}


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
        if not widget.grab().save(str(path)):
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
        prep = TAB_PREP.get(tool_by_title(title).id)
        if prep is not None:
            try:
                await asyncio.wait_for(prep(page.content, media), 60)
            except Exception as e:  # a shot of the tab as it is beats no shot
                print(f"  ({title}: could not finish the demo use: {type(e).__name__}: {e})")
        await shot(w, f"1{i}-tab-{title.lower().replace(' ', '-')}", 0.6)

    # account and usage
    w.tabs.setCurrentIndex(0)
    acc = w.open_account_dialog()
    await until(lambda: acc.page_info is not None and acc.table.rowCount() > 0)
    await until(lambda: acc.chart.data is not None and not acc.chart.data.empty)
    await shot(acc, "03-account-usage", 0.5)
    acc.reject()

    # settings (shown as a user would see it: no VERGING_BASE_URL override)
    env_url = os.environ.pop("VERGING_BASE_URL", None)
    try:
        st = w.open_settings_dialog()
        await shot(st, "04-settings")
        st.reject()
    finally:
        if env_url:
            os.environ["VERGING_BASE_URL"] = env_url

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
    args = ap.parse_args(argv)
    out: Path = args.dir
    out.mkdir(parents=True, exist_ok=True)

    tmp = Path(tempfile.mkdtemp(prefix="verging-screenshots-"))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    for var, sub in (("VERGING_CONFIG_DIR", "config"), ("VERGING_DATA_DIR", "data"), ("VERGING_LOG_DIR", "log"),
                     ("XDG_CONFIG_HOME", "xdg")):
        os.environ[var] = str(tmp / sub)
    for var in ("VERGING_API_KEY", "VERGING_PRICING_FILE", "VERGING_PRICING_TABLE", "VERGING_STARTUP_PROBE"):
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
    _backfill_history(live)

    import qasync

    store = SettingsStore(QSettings(str(tmp / "settings.ini"), QSettings.Format.IniFormat))
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
