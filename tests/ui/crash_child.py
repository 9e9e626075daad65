"""A child process for the crash-resume test: the real app (AppController, Session, embedded
sandbox, job service) in sandbox mode with ``--sandbox-data DIR``; it submits one face swap
through the app's queue (with ``vimmerse``: a crop of CLIP through the app's Vimmerse queue),
prints ``PROCESSING <url>`` once the server works on it, and waits to be killed (SIGKILL, by the
test).

    python -m tests.ui.crash_child SETTINGS_INI SANDBOX_DIR CLIP FACE [vimmerse]
"""

from __future__ import annotations

import asyncio
import os
import sys
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(ini: str, sandbox_dir: str, clip: str, face: str, mode: str = "verging") -> int:
    import qasync
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from verging_desktop.app import AppController, parse_args
    from verging_desktop.jobs.store import LocalStatus
    from verging_desktop.ui.settings_store import SettingsStore

    app = QApplication([sys.argv[0]])
    store = SettingsStore(QSettings(ini, QSettings.Format.IniFormat))
    ctl = AppController(parse_args(["--sandbox-data", sandbox_dir]), app, store=store, setup_logs=False,
                        install_crash_handler=False, manage_gc=False)
    ctl.show()
    ctl.wait_first_paint(5.0)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)

    async def go() -> None:
        await ctl.start()
        assert ctl.ctx is not None and ctl.session is not None
        if mode == "vimmerse":
            from verging_desktop.api.vimmerse import CropRequest

            queue: Any = await ctl.ctx.jobs.vimmerse_ready()
            rec = await queue.submit(CropRequest(video_url=clip, aspect_ratio="1:1"), input_name="clip.mp4",
                                     estimated=3, duration=2.0)
        else:
            queue = await ctl.ctx.jobs.ready()
            rec = await queue.submit_faceswap(clip, face, duration=2.0, input_name="clip.mp4", estimated=2)
        # the queue's own tasks write the status; the child waits for it
        while (queue.store.get(rec.local_id) or rec).status is not LocalStatus.PROCESSING:  # noqa: ASYNC110
            await asyncio.sleep(0.05)
        print(f"PROCESSING {ctl.session.sandbox_url}", flush=True)
        await asyncio.sleep(3600)

    with loop:
        loop.run_until_complete(go())
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:6]))
