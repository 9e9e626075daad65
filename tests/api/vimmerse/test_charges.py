"""The charge equals the estimate for every Vimmerse app, in the sandbox (estimate-credits or the table)."""

from __future__ import annotations

from verging_desktop.api.vimmerse import (
    AddAudioRequest,
    App,
    AssetState,
    AvatarRequest,
    CropRequest,
    EnhanceRequest,
    LipSyncRequest,
    ReferenceToVideoRequest,
    ReframeRequest,
    ReplaceBackgroundRequest,
    SoundEffectRequest,
    VideoEffectsRequest,
    VideoToVideoRequest,
    VimmerseRequest,
)
from verging_desktop.core.vimmerse_pricing import VimmersePricing, billed_media
from verging_desktop.media.probe import probe
from verging_desktop.services.vimmerse_cost import estimate_request

from .conftest import client_for, run, wait_final


def _requests(v: str, i: str, i2: str, a: str) -> list[VimmerseRequest]:
    script = "Hello, and welcome to the channel. Today we make a short video together. " * 2
    return [
        CropRequest(video_url=v, aspect_ratio="9:16", offset_x=0),
        ReframeRequest(video_url=v, aspect_ratio="1:1", prompt="a sunny beach"),
        EnhanceRequest(video_url=v, enhance_mode="2X&DeepClean", compression_scale="0.3"),
        SoundEffectRequest(video_url=v, prompt="rain on a tin roof"),
        AvatarRequest(avatar_id="sandbox-avatar", voice_id="sandbox-voice", prompt=script, aspect_ratio="9:16"),
        AvatarRequest(avatar_id="sandbox-avatar", audio_url=a, aspect_ratio="1:1", show_caption="Off"),
        LipSyncRequest(image_url=i, audio_url=a, option="KlingAvatar"),
        LipSyncRequest(video_url=v, prompt=script, voice="Rachel", option="SyncLipSync"),
        # the video's length beside a text: the text is what is spoken, so it is what is billed
        LipSyncRequest(video_url=v, prompt=script, voice="Rachel", video_duration=20.0),
        VideoEffectsRequest(image_url=i, ref_image_url=i2, effect="Hug", option="KlingEffects", quantity=2),
        ReplaceBackgroundRequest(video_url=v, bg_image_url=i2, alignment="left"),
        ReferenceToVideoRequest(image_urls=(i, i2), prompt="two friends wave", duration=7, quantity=2,
                                option="SeedanceFast", aspect_ratio="9:16"),
        VideoToVideoRequest(video_url=v, prompt="as an anime", option="LumaModify"),
        AddAudioRequest(video_url=v, audio_url=a, attach_mode="PadAudio"),
    ]


def test_the_charge_equals_the_estimate_for_every_app(vsb, vmedia) -> None:
    pricing = VimmersePricing.default()
    files = {"video_url": vmedia["clip"], "audio_url": vmedia["audio"]}
    seen_apps: set[App] = set()

    async def go() -> None:
        async with client_for(vsb) as c:
            v = await c.host(vmedia["clip"], "video")
            i = await c.host(vmedia["image"], "image")
            i2 = await c.host(vmedia["image2"], "image")
            a = await c.host(vmedia["audio"], "audio")
            for req in _requests(v, i, i2, a):
                field = billed_media(req.app.app_name)
                has = field is not None and bool(getattr(req, field, ""))
                duration = probe(files[field], require_video=False, scan_packets=False).duration if has else None
                before = vsb.vimmerse_credits(vsb.vimmerse_demo_key)
                est = await estimate_request(c, pricing, req, duration=duration)
                assert est.source == ("estimate-credits" if req.app.estimate_name else "table"), req.app
                assert est.total > 0 and est.total == pricing.for_request(req, duration=duration), req.app
                created = await c.create(req)
                assert created.credits == est.total, (req.app, created.credits, est.total)
                # what was sent: no empty optional media field (the sandbox takes its default)
                sent = {k: v for k, v in created.args.items() if k in req.MEDIA}
                assert "" not in sent.values() and set(sent) == set(req.media()), (req.app, sent)
                assert vsb.vimmerse_credits(vsb.vimmerse_demo_key) == before - est.total, req.app
                final, _ = await wait_final(c, created.id)
                assert final.state is AssetState.SUCCESS, (req.app, final.error)
                assert final.credits == est.total and final.results
                if isinstance(req, (VideoEffectsRequest, ReferenceToVideoRequest)):
                    assert final.quantity == 2 and len(final.results) == 2
                seen_apps.add(req.app)

    run(go())
    assert seen_apps == set(App)
    stats = vsb.vimmerse_stats()
    assert stats["refunded"] == 0 and stats["charged"] == 1000 - vsb.vimmerse_credits(vsb.vimmerse_demo_key)
