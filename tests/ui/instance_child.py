"""The running app of the single-instance test: the real ``verging_desktop.app.main``.

    python -m tests.ui.instance_child N -- [verging-desktop arguments]

It runs the app until N batches of files have been opened in its window (its own command line's
and those other launches hand over), waits until each tool has checked its files, then prints
one line ``INSTANCE_CHILD {json}`` with what the window shows, and quits through the normal
shutdown. It gives up after 90 s (the line then has "error").
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from pathlib import Path
from typing import Any

MARKER = "INSTANCE_CHILD"
LISTENING = "INSTANCE_LISTENING"


def _state(ctl: Any) -> dict[str, Any]:
    w = ctl.window
    out: dict[str, Any] = {"current": w.current_tool, "raised": ctl.opener.raised}
    fs = w.pages["Face Swap"].content
    out["face_swap_videos"] = [i.name for i in fs.videos if i.state == "ready"] if fs is not None else []
    br = w.pages["Background Removal"].content
    out["background_removal"] = [i.name for i in br.items] if br is not None else []
    stt = w.pages["Speech to Text"].content
    out["speech_to_text"] = stt.plan.source.name if stt is not None and stt.plan is not None else None
    return out


async def watch(ctl: Any, n: int, opened: list[Any]) -> dict[str, Any]:
    print(f"{LISTENING} {bool(ctl.instance is not None and ctl.instance.listening)}", flush=True)
    deadline = time.monotonic() + 90
    while len(opened) < n:
        if time.monotonic() > deadline:
            return {"error": f"only {opened} were opened"}
        await asyncio.sleep(0.05)
    while True:  # the tools' own checks of the files (probe, image check, plan) are done
        s = _state(ctl)
        expected = sum(len(files) for _t, files in opened)
        got = len(s["face_swap_videos"]) + len(s["background_removal"]) + (1 if s["speech_to_text"] else 0)
        if got >= expected:
            break
        if time.monotonic() > deadline:
            return {"error": f"the tools did not take the files: {s}", "opened": opened}
        await asyncio.sleep(0.05)
    s["opened"] = opened
    return s


def main(argv: list[str]) -> int:
    n = int(argv[0])
    app_args = argv[2:] if len(argv) > 1 and argv[1] == "--" else argv[1:]

    from verging_desktop import app as appmod

    original_start = appmod.AppController.start

    async def start(self: Any) -> None:
        opened: list[Any] = []
        self.opener.opened.connect(lambda tool_id, files: opened.append([tool_id, [Path(f).name for f in files]]))
        await original_start(self)
        try:
            result = await watch(self, n, opened)
        except BaseException as e:
            result = {"error": f"{type(e).__name__}: {e}"}
        print(f"{MARKER} {json.dumps(result)}", flush=True)
        self.request_quit()

    appmod.AppController.start = start  # type: ignore[method-assign]
    return appmod.main(app_args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
