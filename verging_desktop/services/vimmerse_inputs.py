"""Checks of what goes to Vimmerse, before anything is uploaded or charged (no Qt: the CLI and the
tabs share them). Every failure is an :class:`~verging_desktop.core.errors.InputError` with a
sentence a person can act on.

- :func:`check_video`, :func:`check_image`, :func:`check_audio`: a local file exists, is readable,
  is what it claims to be *by content* (magic bytes for images, a PyAV probe for video and audio)
  and is within :data:`LIMITS`. An argument starting with ``http://`` or ``https://`` is a URL
  that Vimmerse fetches itself: it passes through unchanged (its host is checked, nothing else).
  (They live in :mod:`.vimmerse_files`, with the limits; use them from here.)
- :func:`check_ratio`, :func:`check_quantity`, :func:`check_duration`, :func:`check_option`: one value.
- :func:`check_request` (:func:`checked_request`: with the probes it made): the whole request
  (each media field by its kind and the route's rules: lip-sync needs audio or text,
  replace-background a background, reference-to-video an image...).
  It returns the request normalised (ratios and option names as Vimmerse spells them, prompts
  stripped). :func:`acheck_request` runs it in a worker thread for async callers.
- :func:`attach_result_duration`: how long add-audio's result will be, per attach mode.

The probes block (a few milliseconds to a second for a long video): call them from a worker thread
in the app (:func:`acheck_request`, or ``asyncio.to_thread``). A caller that probed a file already
(the trimmer) passes its :class:`~verging_desktop.media.probe.MediaInfo` in, so a dropped file is
probed once.
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..api.vimmerse.models import (
    ALIGNMENTS,
    ATTACH_MODES,
    AVATAR_RATIOS,
    EFFECT_OPTIONS,
    ENHANCE_MODES,
    LIP_SYNC_OPTIONS,
    REFERENCE_OPTIONS,
    TWO_PERSON_EFFECTS,
    V2V_OPTIONS,
    VOICES,
    AddAudioRequest,
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
    parse_ratio,
)
from ..core.errors import InputError
from ..core.i18n import N_, _
from .vimmerse_files import (
    AUDIO_FORMATS,
    DURATION_RANGE,
    GB,
    IMAGE_FORMATS,
    LIMITS,
    MB,
    QUANTITY_RANGE,
    VIDEO_CONTAINERS,
    VimmerseLimits,
    _check_url,
    _checked_audio,
    _checked_video,
    check_audio,
    check_image,
    check_selection,
    check_video,
    is_url,
)

if TYPE_CHECKING:  # pragma: no cover - media.probe loads PyAV: imported where a file is probed
    from ..media.probe import MediaInfo

__all__ = [
    "AUDIO_FORMATS", "DURATION_RANGE", "GB", "IMAGE_FORMATS", "LIMITS", "MB", "QUANTITY_RANGE", "VIDEO_CONTAINERS",
    "CheckedRequest", "VimmerseLimits", "acheck_request", "achecked_request", "attach_result_duration", "check_audio",
    "check_compression", "check_duration", "check_image", "check_option", "check_quantity", "check_ratio",
    "check_request", "check_selection", "check_text", "check_video", "checked_request", "is_url",
]


# -- one value ----------------------------------------------------------------------------------------
def check_ratio(text: str, *, limits: VimmerseLimits = LIMITS, choices: tuple[str, ...] = ()) -> str:
    """``"9:16"``: two positive whole numbers as W:H, no wider than ``limits.max_ratio``:1 nor
    taller than 1:``limits.max_ratio`` (or one of ``choices`` when given). Returns ``"W:H"``."""
    try:
        w, h = parse_ratio(text)
    except ValueError as e:
        raise InputError(str(e)) from None
    ratio = f"{w}:{h}"
    if choices and ratio not in choices:
        raise InputError(_("The aspect ratio must be one of {choices} (got '{text}').").format(
            choices=", ".join(choices), text=text))
    if max(w / h, h / w) > limits.max_ratio:
        raise InputError(_("{ratio} is too extreme a frame: use a ratio between 1:{max} and {max}:1.").format(
            ratio=ratio, max=f"{limits.max_ratio:g}"))
    return ratio


def _whole(value: Any, name: str) -> int:
    if isinstance(value, bool):
        raise InputError(_('{name} must be a whole number.').format(name=_(name)))
    if isinstance(value, int):
        return value
    try:
        f = float(str(value).strip())
    except ValueError:
        raise InputError(_("{name} must be a whole number (got '{value}').").format(name=_(name), value=value)) from None
    if not math.isfinite(f) or f != int(f):
        raise InputError(_("{name} must be a whole number (got '{value}').").format(name=_(name), value=value))
    return int(f)


def check_quantity(n: Any) -> int:
    """How many results (1 to 4)."""
    lo, hi = QUANTITY_RANGE
    q = _whole(n, N_("The number of results"))
    if not lo <= q <= hi:
        raise InputError(_("The number of results must be between {lo} and {hi} (got {q}).").format(lo=lo, hi=hi, q=q))
    return q


def check_duration(s: Any) -> int:
    """Reference-to-video's length in whole seconds (1 to 30)."""
    lo, hi = DURATION_RANGE
    d = _whole(s, N_("The duration"))
    if not lo <= d <= hi:
        raise InputError(_("The duration must be between {lo} and {hi} seconds (got {d}).").format(lo=lo, hi=hi, d=d))
    return d


def check_option(value: str, choices: Mapping[str, str] | tuple[str, ...], what: str) -> str:
    """``value`` as one of ``choices`` (case and spaces forgiven); the choice as Vimmerse spells it."""
    v = (value or "").strip()
    norm = v.lower().replace(" ", "")
    for c in choices:
        if c.lower().replace(" ", "") == norm:
            return c
    raise InputError(_("'{value}' is not a known {what}; use one of {choices}.").format(
        value=value, what=_(what), choices=', '.join(choices)))


def check_text(text: str | None, what: str, *, required: bool = True, limits: VimmerseLimits = LIMITS) -> str:
    """A prompt or a text to speak: stripped, at most ``limits.prompt_chars``; empty refused when required."""
    t = (text or "").strip()
    if required and not t:
        raise InputError(_('The {what} is empty. Write what you want.').format(what=_(what)))
    if len(t) > limits.prompt_chars:
        raise InputError(_("The {what} has {n} characters; Vimmerse jobs here take at most {max}. Shorten it.").format(
            what=_(what), n=len(t), max=limits.prompt_chars))
    return t


def _number(value: Any, what: str, lo: float, hi: float, *, lo_open: bool = False) -> float:
    try:
        f = float(str(value).strip())
    except ValueError:
        raise InputError(_("{what} must be a number between {lo} and {hi} (got '{value}').").format(
            what=_(what), lo=f"{lo:g}", hi=f"{hi:g}", value=value)) from None
    if not math.isfinite(f) or f > hi or f < lo or (lo_open and f <= lo):
        text = (_("{what} must be more than {lo} and at most {hi} (got '{value}').") if lo_open
                else _("{what} must be between {lo} and {hi} (got '{value}')."))
        raise InputError(text.format(what=_(what), lo=f"{lo:g}", hi=f"{hi:g}", value=value))
    return f


def _num_text(f: float) -> str:
    """A number as the string Vimmerse takes (``0.5``, ``1``)."""
    return f"{f:.4f}".rstrip("0").rstrip(".") or "0"


def check_compression(value: Any) -> str:
    """Enhance's compression scale, 0 to 1, as the string Vimmerse takes (``"0.5"``)."""
    return _num_text(_number(value, N_("The compression"), 0.0, 1.0))


# -- the whole request ----------------------------------------------------------------------------------
def _media_check(kind: str, value: str, *, infos: dict[str, MediaInfo], limits: VimmerseLimits, what: str) -> str:
    """One media value checked by its kind; the probes of local videos and audio are kept in ``infos``."""
    if is_url(value):
        return _check_url(value, what)
    if kind == "video":
        p, info = _checked_video(value, info=infos.get(value), cut=False, limits=limits, what=what)
        infos[str(p)] = info
        return str(p)
    if kind == "image":
        return str(check_image(value, limits=limits, what=what))
    p, info = _checked_audio(value, info=infos.get(value), limits=limits, what=what)
    infos[str(p)] = info
    return str(p)


#: how a media field is named in messages
_FIELD_WORDS = {"video_url": N_("video"), "image_url": N_("image"), "audio_url": N_("audio file"),
                "bg_image_url": N_("background image"), "bg_video_url": N_("background video"),
                "ref_image_url": N_("second reference image"), "image_urls": N_("reference image")}


def _checked_media(req: VimmerseRequest, infos: dict[str, MediaInfo], limits: VimmerseLimits) -> dict[str, Any]:
    """Each media field's value checked by its kind (local files; URLs pass)."""
    changes: dict[str, Any] = {}
    for name, vals in req.media().items():
        kind = req.MEDIA[name]
        what = _FIELD_WORDS.get(name, kind)
        try:
            checked = tuple(_media_check(kind, v, infos=infos, limits=limits, what=what) for v in vals)
        except InputError as e:  # say which of the request's files it is about
            word = _(what)
            if word in str(e):
                raise
            raise InputError(_("{what}: {error}").format(what=word[:1].upper() + word[1:], error=e)) from None
        cur = getattr(req, name)
        changes[name] = checked if isinstance(cur, (tuple, list)) else checked[0]
    return changes


def _crop_offsets(req: CropRequest, probes: Mapping[str, MediaInfo]) -> None:
    for name in ("offset_x", "offset_y"):
        v = getattr(req, name)
        if v is not None and (isinstance(v, bool) or not isinstance(v, int) or v < 0):
            raise InputError(_("The crop offset {side} must be 0 or more pixels (got {v}).").format(
                side=name.removeprefix('offset_'), v=v))
    info = probes.get(req.video_url)
    if info is None or not info.display_width or not info.display_height:
        return
    w, h = parse_ratio(req.aspect_ratio)
    fw, fh = info.display_width, info.display_height
    box_w, box_h = (fw, fw * h // w) if fw * h <= fh * w else (fh * w // h, fh)
    for v, room, text in (
            (req.offset_x, fw - box_w, _("A {ratio} frame of {name} ({fw}x{fh}) can move at most {room} pixels across; "
                                         "the offset x {v} is outside the picture.")),
            (req.offset_y, fh - box_h, _("A {ratio} frame of {name} ({fw}x{fh}) can move at most {room} pixels down; "
                                         "the offset y {v} is outside the picture."))):
        if v is not None and v > room:
            raise InputError(text.format(ratio=req.aspect_ratio, name=Path(info.path).name, fw=fw, fh=fh, room=room, v=v))


@dataclass(frozen=True)
class CheckedRequest:
    """A request that passed :func:`check_request` (normalised), with the probes of its local
    videos and audio files by path (their lengths: what a job is billed by)."""

    request: VimmerseRequest
    probes: dict[str, MediaInfo]


def check_request(req: VimmerseRequest, *, probes: Mapping[str, MediaInfo] | None = None,
                  limits: VimmerseLimits = LIMITS) -> VimmerseRequest:
    """The whole request checked before anything is uploaded or charged; returns it normalised
    (:func:`checked_request` also gives the probes it made)."""
    return checked_request(req, probes=probes, limits=limits).request


def checked_request(req: VimmerseRequest, *, probes: Mapping[str, MediaInfo] | None = None,
                    limits: VimmerseLimits = LIMITS) -> CheckedRequest:
    """The whole request checked before anything is uploaded or charged; returns it normalised.

    Every media field is checked by its kind (:func:`check_video` / :func:`check_image` /
    :func:`check_audio`; URLs pass through), then the route's own rules:

    - crop / reframe: a W:H ratio; crop offsets 0 or more and, for a probed local video, inside
      the picture; reframe's prompt defaults to "Make it realistic" when empty;
    - enhance: one of the five modes; a compression scale from 0 to 1 (sent as a string);
    - sound-effect: a prompt;
    - avatar: an avatar id, and a text (with a voice id) or an audio file; 1:1, 16:9 or 9:16; captions On/Off;
    - lip-sync: an image or a video (one of them), and an audio file or a text (one of them;
      a text is spoken by one of the voices); one of the options;
    - video-effects: an image; one of the options; an effect; a second image for a two-person
      effect (Hug, Kiss...); 1 to 4 results; a ratio when given;
    - replace-background: a video and one background (an image, a video or a prompt); an
      alignment; a scale above 0 and at most 1 (of the frame's height);
    - reference-to-video: 1 to ``limits.reference_images`` images and a prompt; 1 to 30 seconds;
      a ratio; one of the options; 1 to 4 results;
    - video-to-video: a video and a prompt (an image optional); one of the options;
    - add-audio: a video and an audio file; one of the five attach modes.

    :param probes: local path -> its probe, for files the caller probed already.
    """
    pr: dict[str, MediaInfo] = dict(probes or {})
    ch: dict[str, Any] = _checked_media(req, pr, limits)
    r = replace(req, **ch) if ch else req
    names = {f.name for f in fields(r)}
    upd: dict[str, Any] = {}
    if "prompt" in names:
        upd["prompt"] = check_text(getattr(r, "prompt", ""), N_("prompt"), required=False, limits=limits)
    if isinstance(r, (CropRequest, ReframeRequest)):
        if not r.video_url:
            raise InputError(_("Choose the video to reframe."))
        upd["aspect_ratio"] = check_ratio(r.aspect_ratio, limits=limits)
        if isinstance(r, CropRequest):
            _crop_offsets(replace(r, aspect_ratio=upd["aspect_ratio"]), pr)
        elif not upd["prompt"]:
            upd["prompt"] = "Make it realistic"
    elif isinstance(r, EnhanceRequest):
        _need(r.video_url, _("Choose the video to enhance."))
        upd["enhance_mode"] = check_option(r.enhance_mode, ENHANCE_MODES, N_("enhance mode"))
        upd["compression_scale"] = check_compression(r.compression_scale)
    elif isinstance(r, SoundEffectRequest):
        _need(r.video_url, _("Choose the video to add sound to."))
        _need(upd["prompt"], _("Describe the sound to add (the prompt is empty)."))
    elif isinstance(r, AvatarRequest):
        _need(r.avatar_id.strip(), _("Give the avatar's id."))
        upd["avatar_id"] = r.avatar_id.strip()
        upd["voice_id"] = r.voice_id.strip()
        if bool(upd["prompt"]) == bool(r.audio_url):
            raise InputError(_("A talking avatar speaks a text or an audio file: give one of them.")
                             if not r.audio_url else _("Give a text or an audio file for the avatar, not both."))
        if upd["prompt"]:
            _need(upd["voice_id"], _("Give the voice id that speaks the avatar's text."))
        upd["aspect_ratio"] = check_ratio(r.aspect_ratio, limits=limits, choices=AVATAR_RATIOS)
        upd["show_caption"] = check_option(r.show_caption, ("On", "Off"), N_("caption setting"))
    elif isinstance(r, LipSyncRequest):
        if bool(r.image_url) == bool(r.video_url):
            raise InputError(_("Lip sync needs a portrait image or a video of a face: give one of them.")
                             if not r.image_url else _("Give a portrait image or a video for lip sync, not both."))
        if bool(r.audio_url) == bool(upd["prompt"]):
            raise InputError(_("Lip sync needs the speech: give an audio file or a text to speak.")
                             if not r.audio_url else _("Give an audio file or a text to speak, not both."))
        upd["option"] = check_option(r.option, LIP_SYNC_OPTIONS, N_("lip-sync option"))
        upd["voice"] = check_option(r.voice, VOICES, N_("voice"))
    elif isinstance(r, VideoEffectsRequest):
        _need(r.image_url, _("Choose the image to animate."))
        upd["option"] = check_option(r.option, EFFECT_OPTIONS, N_("video-effects option"))
        effect = " ".join((r.effect or "").split())
        _need(effect, _("Choose an effect (for example BulletTime)."))
        upd["effect"] = effect
        two = next((e for e in TWO_PERSON_EFFECTS if e.lower().replace(" ", "") == effect.lower().replace(" ", "")),
                   None)
        if two is not None:
            upd["effect"] = two
            _need(r.ref_image_url, _("The {effect} effect takes two people: add the second person's image.").format(
                effect=two))
        upd["quantity"] = check_quantity(r.quantity)
        if r.aspect_ratio:
            upd["aspect_ratio"] = check_ratio(r.aspect_ratio, limits=limits)
    elif isinstance(r, ReplaceBackgroundRequest):
        _need(r.video_url, _("Choose the video whose background to replace."))
        given = (bool(r.bg_image_url), bool(r.bg_video_url), bool(upd["prompt"]))
        if not any(given):
            raise InputError(_("Choose the new background: an image, a video, or a prompt that describes it."))
        too_many = {
            (True, True, False): _("Give one background, not a background image and a background video."),
            (True, False, True): _("Give one background, not a background image and a prompt."),
            (False, True, True): _("Give one background, not a background video and a prompt."),
            (True, True, True): _("Give one background, not a background image and a background video and a prompt."),
        }
        if given in too_many:
            raise InputError(too_many[given])
        upd["alignment"] = check_option(r.alignment, ALIGNMENTS, N_("alignment"))
        upd["overlay_scale"] = _num_text(_number(r.overlay_scale, N_("The scale"), 0.0, 1.0, lo_open=True))
    elif isinstance(r, ReferenceToVideoRequest):
        if not r.image_urls:
            raise InputError(_("Reference-to-video needs at least one reference image."))
        if len(r.image_urls) > limits.reference_images:
            raise InputError(_("{n} reference images is too many: give at most {max}.").format(
                n=len(r.image_urls), max=limits.reference_images))
        _need(upd["prompt"], _("Describe the video to make (the prompt is empty)."))
        upd["duration"] = check_duration(r.duration)
        upd["aspect_ratio"] = check_ratio(r.aspect_ratio, limits=limits)
        upd["option"] = check_option(r.option, REFERENCE_OPTIONS, N_("reference-to-video option"))
        upd["quantity"] = check_quantity(r.quantity)
    elif isinstance(r, VideoToVideoRequest):
        _need(r.video_url, _("Choose the video to restyle."))
        _need(upd["prompt"], _("Describe the change to make (the prompt is empty)."))
        upd["option"] = check_option(r.option, V2V_OPTIONS, N_("video-to-video option"))
    elif isinstance(r, AddAudioRequest):
        _need(r.video_url, _("Choose the video to put the audio on."))
        _need(r.audio_url, _("Choose the audio file to put on the video."))
        upd["attach_mode"] = check_option(r.attach_mode, ATTACH_MODES, N_("attach mode"))
    return CheckedRequest(replace(r, **upd) if upd else r, pr)


def _need(value: Any, message: str) -> None:
    if not value:
        raise InputError(message)


async def acheck_request(req: VimmerseRequest, *, probes: Mapping[str, MediaInfo] | None = None,
                         limits: VimmerseLimits = LIMITS) -> VimmerseRequest:
    """:func:`check_request` in a worker thread (it probes local videos and audio)."""
    return await asyncio.to_thread(check_request, req, probes=probes, limits=limits)


async def achecked_request(req: VimmerseRequest, *, probes: Mapping[str, MediaInfo] | None = None,
                           limits: VimmerseLimits = LIMITS) -> CheckedRequest:
    """:func:`checked_request` in a worker thread."""
    return await asyncio.to_thread(checked_request, req, probes=probes, limits=limits)


# -- add-audio's result -----------------------------------------------------------------------------
def attach_result_duration(mode: str, video_s: float, audio_s: float) -> float:
    """How long add-audio's result lasts, in seconds, for each attach mode (the sandbox renders the
    same rules, ``sandbox/vimmerse_media.attach_seconds``):

    - ``MatchVideo``: the video's length. The audio is made to match the video: cut at the video's
      end when longer, padded with silence when shorter.
    - ``PadAudio``: the video's length. A shorter audio is padded with silence to the video's end;
      the name promises only padding, and the picture still sets the length, so a longer audio is
      cut at the video's end (never the video frozen to wait for it).
    - ``MatchAudio``: the audio's length. The video is cut at the audio's end when longer, or its
      last frame held when shorter.
    - ``SpeedAdjust``: the video's length. The audio's tempo is changed so that it spans the video.
    - ``Strict``: the shorter of the two. Neither is stretched or padded; both end where the
      first one ends.

    :raises InputError: an unknown mode, or a length that is not a positive number.
    """
    m = check_option(mode, ATTACH_MODES, N_("attach mode"))
    for v, text in ((video_s, _("The video's length must be more than 0 seconds (got {v}).")),
                    (audio_s, _("The audio's length must be more than 0 seconds (got {v})."))):
        if not math.isfinite(v) or v <= 0:
            raise InputError(text.format(v=f"{v:g}"))
    if m in ("MatchVideo", "PadAudio", "SpeedAdjust"):
        return float(video_s)
    if m == "MatchAudio":
        return float(audio_s)
    return float(min(video_s, audio_s))
