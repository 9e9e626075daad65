"""The Sound and Generate Video tabs' logic without Qt: what each form sends (the request the route
takes, checked before anything is uploaded), the result's length said for each attach mode, the
two-person effects, the job's name and the order of reference images."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import make_audio, make_clip, make_image
from verging_desktop.api.vimmerse.models import (
    ATTACH_MODES,
    EFFECTS,
    TWO_PERSON_EFFECTS,
    AddAudioRequest,
    App,
    ReferenceToVideoRequest,
    SoundEffectRequest,
    VideoEffectsRequest,
    VideoToVideoRequest,
)
from verging_desktop.core.errors import InputError
from verging_desktop.services import vimmerse_generate as vg
from verging_desktop.services import vimmerse_sound as vs
from verging_desktop.services.vimmerse_inputs import attach_result_duration


@pytest.fixture
def media(tmp_path: Path, ffmpeg: str) -> dict[str, str]:
    return {
        "video": str(make_clip(ffmpeg, tmp_path / "street.mp4", seconds=2, size="160x120")),
        "audio": str(make_audio(ffmpeg, tmp_path / "music.wav", seconds=3)),
        "image": str(make_image(ffmpeg, tmp_path / "me.png")),
        "image2": str(make_image(ffmpeg, tmp_path / "you.png")),
    }


# -- Sound ---------------------------------------------------------------------------------------
def test_a_sound_effect_sends_the_video_and_the_tidied_prompt(media):
    req = vs.SoundForm(vs.EFFECT, media["video"], 2.0, prompt="  rain   on a\ntin roof ").request()
    assert isinstance(req, SoundEffectRequest) and req.app is App.SOUND_EFFECT
    assert req.video_url == media["video"] and req.prompt == "rain on a tin roof"
    assert req.media() == {"video_url": (media["video"],)}
    with pytest.raises(InputError, match="Describe the sound"):
        vs.SoundForm(vs.EFFECT, media["video"], 2.0, prompt="  ").request()


def test_add_audio_needs_the_audio_and_a_known_mode(media):
    with pytest.raises(InputError, match="Drop an audio file"):
        vs.SoundForm(vs.AUDIO, media["video"], 2.0).request()
    with pytest.raises(InputError, match="MatchVideo, PadAudio"):
        vs.SoundForm(vs.AUDIO, media["video"], 2.0, audio=media["audio"], audio_seconds=3.0,
                     attach_mode="Louder").request()
    req = vs.SoundForm(vs.AUDIO, media["video"], 2.0, audio=media["audio"], audio_seconds=3.0,
                       attach_mode="SpeedAdjust").request()
    assert isinstance(req, AddAudioRequest) and req.attach_mode == "SpeedAdjust"
    assert (req.video_duration, req.audio_duration) == (2.0, 3.0)
    assert set(req.media()) == {"video_url", "audio_url"}


def test_every_attach_mode_is_explained_and_its_length_said(media):
    assert tuple(vs.ATTACH_MODE_HELP) == ATTACH_MODES and all(vs.ATTACH_MODE_HELP.values())
    for mode in ATTACH_MODES:
        for v, a in ((8.0, 12.0), (8.0, 5.0), (8.0, 8.0)):
            text = vs.result_length_text(mode, v, a)
            total = attach_result_duration(mode, v, a)
            assert text.startswith(f"Result: {total:.1f} s"), (mode, v, a, text)
            form = vs.SoundForm(vs.AUDIO, media["video"], v, audio=media["audio"], audio_seconds=a, attach_mode=mode)
            assert form.result_seconds() == total
    assert "last 4.0 s of the 12.0 s audio are cut" in vs.result_length_text("MatchVideo", 8, 12)
    assert "plays 50% faster" in vs.result_length_text("SpeedAdjust", 8, 12)
    assert "fits the video" in vs.result_length_text("Strict", 8, 8)
    # a sound effect keeps the selection's length
    assert vs.SoundForm(vs.EFFECT, media["video"], 6.5).result_seconds() == 6.5


# -- Generate Video --------------------------------------------------------------------------------
def test_reference_images_in_order_with_every_setting(media):
    f = vg.GenerateForm(vg.REFERENCE, images=(media["image2"], media["image"]), prompt=" a dog  runs ",
                        duration=12, ratio="9:16", option="SeedanceFast", quantity=3)
    req = f.request()
    assert isinstance(req, ReferenceToVideoRequest)
    assert req.image_urls == (media["image2"], media["image"])  # the order the user chose
    assert (req.prompt, req.duration, req.aspect_ratio, req.option, req.quantity) == (
        "a dog runs", 12, "9:16", "SeedanceFast", 3)
    assert req.body()["image_urls"] == [media["image2"], media["image"]]
    assert f.clips == 3 and f.seconds() == 12.0 and f.input_name() == "you.mp4"
    settings = vg.request_settings(req)
    assert "image_urls" not in settings and settings["quantity"] == 3


@pytest.mark.parametrize(("change", "message"), [
    ({"images": ()}, "at least one reference image"),
    ({"prompt": "  "}, "Write a prompt"),
    ({"quantity": 5}, "4"),
    ({"quantity": 0}, "4"),
    ({"duration": 31}, "30"),
    ({"duration": 0}, "30"),
    ({"ratio": "tall"}, "W:H"),
    ({"ratio": "0:16"}, "W:H"),
    ({"option": "Nope"}, "Unknown model"),
])
def test_bad_reference_settings_are_refused_with_a_sentence(media, change, message):
    base = {"images": (media["image"],), "prompt": "a dog", "duration": 5, "ratio": "16:9", "quantity": 1}
    base.update(change)
    with pytest.raises(InputError, match=message):
        vg.GenerateForm(vg.REFERENCE, **base).request()


def test_effects_take_a_second_person_only_when_two_are_animated(media):
    assert set(vg.EFFECT_HELP) == set(EFFECTS)
    assert all(vg.needs_second_person(e) for e in TWO_PERSON_EFFECTS) and not vg.needs_second_person("Melt")
    with pytest.raises(InputError, match="Hug animates two people"):
        vg.GenerateForm(vg.EFFECT, image=media["image"], effect="Hug").request()
    hug = vg.GenerateForm(vg.EFFECT, image=media["image"], second_image=media["image2"], effect="Hug",
                          option="KlingEffects", quantity=2, ratio="1:1").request()
    assert isinstance(hug, VideoEffectsRequest)
    assert (hug.image_url, hug.ref_image_url, hug.effect, hug.option, hug.quantity, hug.aspect_ratio) == (
        media["image"], media["image2"], "Hug", "KlingEffects", 2, "1:1")
    # a one-person effect never sends a second image left over from a two-person one
    melt = vg.GenerateForm(vg.EFFECT, image=media["image"], second_image=media["image2"], effect="Melt").request()
    assert isinstance(melt, VideoEffectsRequest) and melt.ref_image_url == "" and melt.media() == {
        "image_url": (media["image"],)}
    with pytest.raises(InputError, match="Drop a photo"):
        vg.GenerateForm(vg.EFFECT, effect="Melt").request()
    assert vg.GenerateForm(vg.EFFECT, image=media["image"], effect="Dolly Zoom").input_name() == "me-Dolly-Zoom.mp4"


def test_video_to_video_sends_one_clip_with_an_optional_image(media):
    f = vg.GenerateForm(vg.RESTYLE, video=media["video"], video_seconds=2.0, prompt="watercolour",
                        option="LumaModify", quantity=4)
    req = f.request()
    assert isinstance(req, VideoToVideoRequest) and req.image_url == "" and req.option == "LumaModify"
    assert f.clips == 1 and f.seconds() == 2.0 and f.input_name() == "street.mp4"
    with_image = vg.GenerateForm(vg.RESTYLE, video=media["video"], image=media["image"], prompt="x").request()
    assert isinstance(with_image, VideoToVideoRequest) and with_image.image_url == media["image"]
    with pytest.raises(InputError, match="Drop the video"):
        vg.GenerateForm(vg.RESTYLE, prompt="x").request()
    with pytest.raises(InputError, match="describe how the video should change"):
        vg.GenerateForm(vg.RESTYLE, video=media["video"]).request()


def test_reorder_moves_one_image_and_stops_at_the_ends():
    items = ("a", "b", "c")
    assert vg.reorder(items, 2, -1) == ("a", "c", "b")
    assert vg.reorder(items, 0, -1) == items
    assert vg.reorder(items, 0, 5) == ("b", "c", "a")
    assert vg.reorder(items, 9, 1) == items


def test_a_source_video_is_checked_as_one_that_is_cut_first(tmp_path, ffmpeg, media):
    """An MKV source is fine when its selection is cut to MP4 before upload (the cut is checked
    whole again right before it goes up); as it is, Vimmerse would not take it."""
    from verging_desktop.media.probe import probe
    from verging_desktop.services.vimmerse_forms import CUT_STAND_IN, check_cut_request
    from verging_desktop.services.vimmerse_inputs import check_request

    mkv = make_clip(ffmpeg, tmp_path / "screen recording.mkv", seconds=2, size="160x120")
    req = SoundEffectRequest(video_url=str(mkv), prompt="wind")
    with pytest.raises(InputError, match="Convert it to MP4"):
        check_request(req)
    info = probe(mkv)
    out = check_cut_request(req, probes={str(mkv): info}, cut_field="video_url", selection=(0.5, 1.5))
    assert out.video_url == str(mkv) and CUT_STAND_IN not in str(out.body())
    form = vs.SoundForm(vs.EFFECT, str(mkv), 1.0, prompt="wind", video_start=0.5)
    assert form.request({str(mkv): info}).video_url == str(mkv)
    with pytest.raises(InputError, match="past the end"):
        vs.SoundForm(vs.EFFECT, str(mkv), 1.0, prompt="wind", video_start=5.0).request({str(mkv): info})
    # a picture is not a video, cut or not
    with pytest.raises(InputError, match="image, not a video"):
        check_cut_request(SoundEffectRequest(video_url=media["image"], prompt="x"), cut_field="video_url")


def test_api_names_are_shown_as_words() -> None:
    from verging_desktop.api.vimmerse.models import EFFECT_OPTIONS, EFFECTS, LIP_SYNC_OPTIONS, REFERENCE_OPTIONS
    from verging_desktop.services.vimmerse_forms import label
    from verging_desktop.services.vimmerse_sound import ATTACH_MODE_LABELS

    assert label("HiggsfieldEffects") == "Higgsfield effects"
    assert label("HoldHands") == "Hold hands" and label("BulletTime") == "Bullet time" and label("Hug") == "Hug"
    assert label("AutoR") == "Automatic" and label("KlingAvatar") == "Kling Avatar"
    assert ATTACH_MODE_LABELS["MatchVideo"] == "Match the video's length"
    # no API name written together is shown as it is (HappyHorse is the brand's own spelling)
    import re

    names = [*EFFECT_OPTIONS, *EFFECTS, *LIP_SYNC_OPTIONS, *REFERENCE_OPTIONS]
    together = [n for n in names if re.search(r"[a-z][A-Z]", n) and n != "HappyHorse"]
    assert together and not [n for n in together if label(n) == n], [label(n) for n in together]
