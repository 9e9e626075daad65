"""A dropped video is probed once, from the drop to the upload, also when a part of it is cut.

Probes are counted where every probe opens its file (:func:`verging_desktop.media.probe.open_for_probe`),
so a probe made anywhere counts: the blocking ``probe()``, ``aprobe()`` in a worker thread, and the
modules that imported either by name (``media.cut``, the trimmer, ``jobs.prepare``). The cut's own
output is probed (its duration is read from the written file): probes are counted per path.
"""

from __future__ import annotations

import threading
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import make_clip, make_image
from tests.e2e.helpers import drop, forgive_multimedia_noise, open_tab, start_app
from tests.ui.conftest import run, until
from verging_desktop.jobs.store import DownloadState, LocalStatus
from verging_desktop.media import probe as media_probe


@pytest.fixture(autouse=True)
def _multimedia_noise(request):
    yield
    forgive_multimedia_noise(request)


@pytest.fixture
def probes(monkeypatch) -> Counter[Path]:
    """How many times each file (resolved path) has been opened for probing."""
    seen: Counter[Path] = Counter()
    lock = threading.Lock()  # probes run in worker threads
    real = media_probe.open_for_probe

    def counting(path):
        with lock:
            seen[Path(path).resolve()] += 1
        return real(path)

    monkeypatch.setattr(media_probe, "open_for_probe", counting)
    return seen


def test_a_dropped_clip_cut_to_a_part_is_probed_once(harness, store, loop, qtbot, tmp_path, ffmpeg, probes):
    video = make_clip(ffmpeg, tmp_path / "party.mp4", seconds=4, size="160x120", gop=25)
    face = make_image(ffmpeg, tmp_path / "face.png")
    src = video.resolve()
    ctl = start_app(harness, store, tmp_path / "downloads")
    page = open_tab(loop, ctl, "Face Swap")
    assert drop(page.video_drop, [video]) and drop(page.face_drop, [face])
    run(loop, until(lambda: page.trimmer is not None and page.trimmer.info is not None
                    and page.current is not None and page.current.name == "party.mp4", 15, "the clip loaded"))
    run(loop, until(lambda: page.ready_faces(), 10, "the face"))
    assert probes[src] == 1  # the drop's probe; the trimmer shows it
    assert page.trimmer.info is page.current.info

    page.trimmer.set_selection(1.0, 2.0)  # a part: it is cut before it goes up
    assert page.trimmer.selection() == pytest.approx((1.0, 2.0))
    page.consent_box.click()
    assert page.submit_button.isEnabled()
    page.submit_button.click()
    run(loop, until(lambda: page.rows, 30, "sent"))
    lid = sorted(page.rows)[0]
    st = ctl.ctx.jobs.queue.store
    run(loop, until(lambda: st.get(lid).status is LocalStatus.COMPLETED
                    and st.get(lid).download_state is DownloadState.DONE, 60, "the job done and downloaded"))

    rec = st.get(lid)
    sent = Path(rec.inputs[0]).resolve()
    assert sent != src and sent.exists()  # a cut went up, not the dropped file
    assert probes[src] == 1, dict(probes)  # the source: probed once, from the drop to the upload
    # and nothing else was probed more than once (the cut's output at most once per file it was written to)
    assert all(n == 1 for n in probes.values()), dict(probes)
