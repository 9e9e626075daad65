"""Run the real app (``verging_desktop.app.main``) in a child process and drive one scenario.

    python -m tests.ui.app_process SCENARIO VIDEO FACE -- [verging-desktop arguments]

The child does what a person would: opens the Face Swap tab, adds VIDEO (and FACE), waits for
the trimmer; scenario ``submit`` also ticks consent, submits and waits for the result. It then
quits through the normal shutdown and prints one line ``APP_PROCESS {json}`` on stdout with what
it saw. The parent test reads the child's stderr (the terminal) and the log file.

The caller isolates the child with VERGING_CONFIG_DIR / VERGING_DATA_DIR / VERGING_LOG_DIR and
XDG_CONFIG_HOME (QSettings), see :func:`child_env`.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

MARKER = "APP_PROCESS"


def child_env(tmp: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VERGING_", "QT_LOGGING", "QT_FFMPEG"))}
    for name in ("config", "data", "log", "qsettings"):
        (tmp / name).mkdir(parents=True, exist_ok=True)
    env.update(VERGING_CONFIG_DIR=str(tmp / "config"), VERGING_DATA_DIR=str(tmp / "data"),
               VERGING_LOG_DIR=str(tmp / "log"), XDG_CONFIG_HOME=str(tmp / "qsettings"),
               QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    env.update(extra)
    return env


async def _until(pred: Any, timeout: float, what: str) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        v = pred()
        if v:
            return v
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.05)


async def scenario(ctl: Any, name: str, video: str, face: str) -> dict[str, Any]:
    from verging_desktop.jobs.store import LocalStatus

    out: dict[str, Any] = {}
    w = ctl.window
    page = w.pages["Face Swap"]
    w.tabs.setCurrentWidget(page)
    await _until(lambda: page.content is not None, 10, "the Face Swap tab")
    tool = page.content
    out["tab"] = type(tool).__name__
    tool.add_videos([video])
    tool.add_faces([face])
    await _until(lambda: tool.trimmer is not None and tool.trimmer.info is not None and tool.ready_faces(), 20,
                 "the video in the trimmer")
    tr = tool.trimmer
    await _until(lambda: tr.thumbnails_ready[0] > 0, 20, "the filmstrip")
    await asyncio.sleep(1.0)  # let the preview player open the file (and FFmpeg say so)
    out["player"] = type(tr.player).__name__
    video_widget = tr.player.video
    out["player_text"] = video_widget.text() if hasattr(video_widget, "text") else ""
    out["frames"] = tr.frame_count
    out["filmstrip"] = tr.thumbnails_ready[0]
    out["play_enabled"] = tr.play_button.isEnabled()
    out["play_tip"] = tr.play_button.toolTip()
    if name == "submit":
        tr.set_selection(0.0, 1.0)
        tool.consent_box.setChecked(True)
        await _until(lambda: tool.submit_button.isEnabled(), 10, "the submit button")
        tool.submit_button.click()
        await _until(lambda: tool.rows, 30, "the job sent")
        store = ctl.ctx.jobs.queue.store
        lid = min(tool.rows)
        await _until(lambda: store.get(lid).status is LocalStatus.COMPLETED, 60, "the job completed")
        res = tool.result
        await _until(lambda: res.result_path is not None, 30, "the result")
        await asyncio.sleep(0.5)
        out["result"] = str(res.result_path)
        out["compare_message"] = res.compare.message.text()
        # the text-to-speech tab loads too, and says why it cannot play
        tts = w.pages["Text to Speech"]
        w.tabs.setCurrentWidget(tts)
        await _until(lambda: tts.content is not None, 10, "the Text to Speech tab")
        note = tts.content.no_playback
        out["tts_note"] = note.text() if note.isVisible() else ""
    return out


def main(argv: list[str]) -> int:
    name, video, face = argv[:3]
    app_args = argv[4:] if len(argv) > 3 and argv[3] == "--" else argv[3:]

    from verging_desktop import app as appmod
    from verging_desktop.core.settings import Settings
    from verging_desktop.ui.settings_store import SettingsStore

    downloads = Path(os.environ["VERGING_DATA_DIR"]) / "downloads"
    downloads.mkdir(parents=True, exist_ok=True)
    SettingsStore().save(Settings(download_dir=str(downloads), sandbox_speed=20.0, poll_interval=0.5))

    original_start = appmod.AppController.start

    async def start(self: Any) -> None:
        await original_start(self)
        try:
            result = await scenario(self, name, video, face)
        except BaseException as e:
            result = {"error": f"{type(e).__name__}: {e}"}
        print(f"{MARKER} {json.dumps(result)}", flush=True)
        self.request_quit()

    appmod.AppController.start = start  # type: ignore[method-assign]
    return appmod.main(app_args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
