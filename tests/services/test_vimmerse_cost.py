"""What a Vimmerse job will cost: Vimmerse's estimate where it has one, the local table otherwise or
when the estimate route cannot answer (and saying so)."""

from __future__ import annotations

import asyncio
import socket

import pytest

from verging_desktop.api.retry import RetryPolicy
from verging_desktop.api.vimmerse import (
    CreditEstimate,
    CropRequest,
    EnhanceRequest,
    LipSyncRequest,
    VideoEffectsRequest,
    VimmerseClient,
)
from verging_desktop.core.errors import AuthError
from verging_desktop.core.vimmerse_pricing import VimmersePricing
from verging_desktop.services.vimmerse_cost import describe, estimate_request

FAST = RetryPolicy(attempts=2, base_delay=0.01, max_delay=0.02)
PRICING = VimmersePricing.default()


def test_the_route_answers_where_it_knows_the_app_and_the_table_elsewhere(sandbox) -> None:
    async def go() -> None:
        async with VimmerseClient(sandbox.vimmerse_demo_key, sandbox.vimmerse_url, retry=FAST) as c:
            fx = VideoEffectsRequest(image_url="https://h/i.png", option="KlingEffects", quantity=2)
            est = await estimate_request(c, PRICING, fx, duration=None)
            assert est.source == "estimate-credits" and est.total == 60
            lip = LipSyncRequest(image_url="https://h/i.png", audio_url="https://h/a.wav", option="PVideo")
            est = await estimate_request(c, PRICING, lip, duration=9.0)
            assert est.source == "estimate-credits" and est.total == 30
            crop = CropRequest(video_url="https://h/v.mp4")
            est = await estimate_request(c, PRICING, crop, duration=11.0)
            assert est.source == "table" and est.total == 3 and "reason" not in est.breakdown
            assert c.requests_sent["POST /v2/video/estimate-credits"] == 2

    asyncio.run(go())


def test_a_route_that_fails_falls_back_to_the_table_and_says_why(sandbox) -> None:
    fx = VideoEffectsRequest(image_url="https://h/i.png", option="PikaEffects", quantity=3)

    async def go() -> None:
        sandbox.faults.error_paths = ("/estimate-credits",)
        sandbox.faults.error_rate = 1.0
        async with VimmerseClient(sandbox.vimmerse_demo_key, sandbox.vimmerse_url, retry=FAST) as c:
            est = await estimate_request(c, PRICING, fx, duration=None)
            assert est.source == "table" and est.total == 45
            assert "did not answer" in est.breakdown["reason"]
            assert c.requests_sent["POST /v2/video/estimate-credits"] == 2  # retried once, then the table
        sandbox.faults.error_rate = 0.0
        with socket.socket() as s:  # a port nobody listens on
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
            async with VimmerseClient("vim_test_key", f"http://127.0.0.1:{port}", retry=FAST) as c:
                est = await estimate_request(c, PRICING, fx, duration=None)
                assert est.source == "table" and "Could not connect" in est.breakdown["reason"]
        async with VimmerseClient("vim_test_refused_key", sandbox.vimmerse_url, retry=FAST) as c:
            with pytest.raises(AuthError):  # a refused key is not hidden behind the table
                await estimate_request(c, PRICING, fx, duration=None)

    asyncio.run(go())


def test_describe_says_where_the_figure_comes_from() -> None:
    assert describe(CreditEstimate(12, {}, "estimate-credits")) == "12 credits (Vimmerse's estimate)"
    assert describe(CreditEstimate(1, {}, "table")) == "1 credit (local price table, editable in Settings)"
    est = asyncio.run(estimate_request(VimmerseClient(None), PRICING,
                                       EnhanceRequest(video_url="https://h/v.mp4", enhance_mode="2X"), duration=4))
    assert describe(est) == "5 credits (local price table, editable in Settings)"


def test_an_app_or_option_vimmerse_does_not_know_is_priced_from_the_table(tmp_path) -> None:
    """A 400 INVALID_OPTION / INVALID_APP_NAME from estimate-credits: the local table answers and
    says why; any other 400 is raised with a sentence that is true."""
    import copy

    from verging_desktop.core.errors import BadRequest
    from verging_desktop.sandbox import Sandbox

    # a Vimmerse whose estimate route does not know PikaEffects (the local table does)
    data = copy.deepcopy(PRICING.data)
    del data["apps"]["video-effects"]["credits"]["PikaEffects"]
    sb = Sandbox(data_dir=tmp_path / "sb", job_seconds=0.5, vimmerse_pricing=VimmersePricing(data))
    sb.start()
    fx = VideoEffectsRequest(image_url="https://h/i.png", option="PikaEffects", quantity=3)
    lip = LipSyncRequest(image_url="https://h/i.png", audio_url="https://h/a.wav", option="PVideo")

    async def go() -> None:
        async with VimmerseClient(sb.vimmerse_demo_key, sb.vimmerse_url, retry=FAST) as c:
            est = await estimate_request(c, PRICING, fx, duration=None)
            assert est.source == "table" and est.total == 45
            reason = est.breakdown["reason"]
            assert "did not know" in reason and "PikaEffects" in reason and "local price table" in reason
            assert c.requests_sent["POST /v2/video/estimate-credits"] == 1  # asked once, not retried
            # an app the estimate route does not know (yet): the table, saying so
            sb.vimmerse.estimate_app_names = frozenset()
            est = await estimate_request(c, PRICING, lip, duration=9.0)
            assert est.source == "table" and est.total == PRICING.for_request(lip, duration=9.0)
            assert "did not know" in est.breakdown["reason"] and "lip-sync" in est.breakdown["reason"]
            # another 400 (a quantity out of range) is raised, and its sentence does not promise the table
            sb.vimmerse.estimate_app_names = frozenset({"video-effects"})
            bad = VideoEffectsRequest(image_url="https://h/i.png", option="KlingEffects", quantity=9)
            with pytest.raises(BadRequest, match="1 to 4") as e:
                await estimate_request(c, PRICING, bad, duration=None)
            assert "price table" not in str(e.value)

    try:
        asyncio.run(go())
    finally:
        sb.stop()
