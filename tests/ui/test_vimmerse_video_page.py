"""The shared Vimmerse video page (ui/tools/vimmerse_video.py) with a route that estimate-credits
knows (video-to-video): the cost is Vimmerse's own estimate, said so; dragging the trimmer's out
point over and over asks for it a few times, not once per move; a key the sandbox refuses is said
in the cost line and nothing is sent."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from tests.conftest import make_clip
from tests.e2e.helpers import drop, forgive_multimedia_noise, start_app
from tests.ui.conftest import run, until
from verging_desktop.core.tools import tool
from verging_desktop.ui.tools.vimmerse_video import VimmerseVideoPage

ESTIMATE = "POST /v2/video/estimate-credits"


class RestylePage(VimmerseVideoPage):
    """A minimal page on the shared base: a video and a prompt, sent to video-to-video."""

    submit_word = "Restyle"

    def options(self) -> dict[str, Any]:
        return {"app": "vimmerse-video-to-video", "prompt": "as a watercolour", "option": "KlingO"}


@pytest.fixture(autouse=True)
def _multimedia_noise(request):
    yield
    forgive_multimedia_noise(request)


def test_the_estimate_comes_from_vimmerse_and_is_not_asked_for_every_move(harness, store, loop, qtbot, tmp_path,
                                                                          ffmpeg):
    video = make_clip(ffmpeg, tmp_path / "clip.mp4", seconds=12, size="160x120", gop=25)
    ctl = start_app(harness, store, tmp_path / "downloads")
    page = RestylePage(ctl.ctx, tool("reframe"))
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    client = ctl.ctx.vimmerse
    before = client.requests_sent[ESTIMATE]
    assert drop(page.video_drop, [video])
    run(loop, until(lambda: page.trimmer is not None and page.trimmer.info is not None, 15, "trimmer"))
    run(loop, until(lambda: page.submit_button.isEnabled(), 10, "the estimate"))
    text = page.vimmerse_cost.text()
    assert "(Vimmerse's estimate)" in text and "Vimmerse credits" in text, text
    asked = client.requests_sent[ESTIMATE] - before
    assert asked == 1
    # twenty quick moves of the out point: the estimate is asked again once they stop
    for i in range(20):
        page.trimmer.set_selection(0.0, 11.0 - i * 0.2)
        run(loop, asyncio.sleep(0.01))
    assert page.why_label.text() == "Working out the cost…" and not page.submit_button.isEnabled()
    run(loop, until(lambda: page.submit_button.isEnabled(), 10, "the new estimate"))
    again = client.requests_sent[ESTIMATE] - before - asked
    assert 1 <= again <= 3, again
    # the estimate of the last selection is what the button says
    est = page.estimate_of(page.build_request(page.current, str(page.current.path), page.options()),
                           page.trimmer.length())
    assert est is not None and est.source == "estimate-credits"
    assert page.submit_button.text().endswith(f"({int(est.total)} credits)")


def test_a_refused_key_is_said_in_the_cost_line_and_nothing_is_sent(harness, store, loop, qtbot, tmp_path, ffmpeg):
    video = make_clip(ffmpeg, tmp_path / "clip.mp4", seconds=2, size="160x120", gop=25)
    ctl = start_app(harness, store, tmp_path / "downloads")
    sb = ctl.session.sandbox
    page = RestylePage(ctl.ctx, tool("reframe"))
    qtbot.addWidget(page)
    page.show()
    client = ctl.ctx.vimmerse
    good = client.api_key
    client.api_key = "vim_made_up_key_for_this_test_only"  # a key the sandbox does not know
    try:
        assert drop(page.video_drop, [video])
        run(loop, until(lambda: page.why_label.text().startswith("The cost could not be worked out"), 15,
                        "the refusal"))
        assert not page.submit_button.isEnabled()
        assert sb.vimmerse_stats()["uploads"] == 0 and sb.vimmerse_stats()["created"] == {}
    finally:
        client.api_key = good


def test_a_job_sent_again_once_is_not_sent_again_from_the_page(harness, store, loop, qtbot, tmp_path, ffmpeg):
    """Retry on a failed Vimmerse job that was sent again already says which job to send instead,
    and asks nothing (nothing is sent)."""
    from verging_desktop.api.vimmerse import CropRequest
    from verging_desktop.api.vimmerse.models import request_params
    from verging_desktop.jobs.store import LocalStatus

    video = make_clip(ffmpeg, tmp_path / "clip.mp4", seconds=1, size="160x120", gop=25)
    ctl = start_app(harness, store, tmp_path / "downloads")
    sb = ctl.session.sandbox
    vq = run(loop, ctl.ctx.jobs.vimmerse_ready())
    old = vq.store.add(provider="vimmerse", kind="vimmerse-crop", input_name=video.name, inputs=[str(video)],
                       params={"request": request_params(CropRequest(video_url=str(video), aspect_ratio="9:16")),
                               "hosted": {}, "resent_as": 2},
                       estimated_credits=3, account=vq.account, status=LocalStatus.FAILED)
    vq.store.add(provider="vimmerse", kind="vimmerse-crop", input_name=video.name, inputs=[str(video)],
                 params={"resent_from": old.local_id}, estimated_credits=3, account=vq.account,
                 status=LocalStatus.FAILED)
    page = RestylePage(ctl.ctx, tool("reframe"))
    qtbot.addWidget(page)
    page.show()
    said: list[str] = []
    ctl.session.message.connect(said.append)
    asked: list[str] = []
    page.confirm = lambda title, text, yes: asked.append(text)  # type: ignore[method-assign]
    page.retry(old.local_id)
    assert said and "already sent again as job 2" in said[-1]
    assert asked == [] and len(vq.store.list()) == 2
    assert sb.vimmerse_stats()["uploads"] == 0 and sb.vimmerse_stats()["created"] == {}
