"""The Sound tab's logic, without Qt: an AI sound effect for a video, or an audio file put onto it.

Two Vimmerse routes (``../shared/specs/vimmerse-v2.md``):

* ``/v2/video/sound-effect`` (:class:`~verging_desktop.api.vimmerse.models.SoundEffectRequest`): AI
  sound matched to the picture, steered by an optional prompt;
* ``/v2/video/audio`` (:class:`~verging_desktop.api.vimmerse.models.AddAudioRequest`): the user's
  audio muxed onto the video with one of the five attach modes
  (:data:`~verging_desktop.api.vimmerse.models.ATTACH_MODES`).

How long the result will be is :func:`verging_desktop.services.vimmerse_inputs.attach_result_duration`'s
answer (the sandbox renders by the same rules); :func:`result_length_text` says it in a sentence
before anything is sent. Every check is :mod:`~verging_desktop.services.vimmerse_inputs`', so the
tab, the command line and the sandbox agree.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..api.vimmerse.models import ATTACH_MODES, AddAudioRequest, SoundEffectRequest, VimmerseRequest
from ..core.errors import InputError
from .vimmerse_inputs import attach_result_duration, check_request

#: the two things the tab does
EFFECT = "effect"
AUDIO = "audio"

#: each attach mode in one line a person can choose by (what the result will be)
ATTACH_MODE_HELP: dict[str, str] = {
    "MatchVideo": "Keeps the video's length: longer audio is cut, shorter audio ends in silence.",
    "PadAudio": "Keeps the video's length: shorter audio is padded with silence at the end.",
    "MatchAudio": "Lasts as long as the audio: the video is cut, or its last frame is held.",
    "SpeedAdjust": "Keeps the video's length: the audio is sped up or slowed down to fit exactly.",
    "Strict": "Both as they are: the result ends with the shorter of the two.",
}
assert tuple(ATTACH_MODE_HELP) == ATTACH_MODES

#: a prompt longer than this is refused (the service documents no limit; a sentence or two is plenty)
MAX_PROMPT_CHARS = 1000


def _fmt(s: float) -> str:
    m, sec = divmod(max(0.0, s), 60)
    return f"{int(m)}:{sec:04.1f}" if m else f"{sec:.1f} s"


@dataclass(frozen=True)
class SoundForm:
    """What the Sound tab holds: the (cut) video to send and its length, and either a prompt
    (``mode`` EFFECT) or an audio file, its length and an attach mode (``mode`` AUDIO)."""

    mode: str
    video: str
    video_seconds: float
    prompt: str = ""
    audio: str = ""
    audio_seconds: float | None = None
    attach_mode: str = "MatchVideo"

    def request(self) -> VimmerseRequest:
        """The request to send, checked (:class:`InputError` with a sentence a person can act on)."""
        if self.mode == EFFECT:
            prompt = " ".join(self.prompt.split())
            if len(prompt) > MAX_PROMPT_CHARS:
                raise InputError(f"The sound description is {len(prompt)} characters; keep it under "
                                 f"{MAX_PROMPT_CHARS}.")
            return check_request(SoundEffectRequest(video_url=self.video, prompt=prompt))
        if self.mode != AUDIO:
            raise InputError(f"Unknown Sound mode {self.mode!r}.")
        if not self.audio:
            raise InputError("Drop an audio file to put onto the video.")
        if self.attach_mode not in ATTACH_MODES:
            raise InputError(f"Choose how the audio is attached: one of {', '.join(ATTACH_MODES)}.")
        return check_request(AddAudioRequest(video_url=self.video, audio_url=self.audio, attach_mode=self.attach_mode,
                                             video_duration=round(self.video_seconds, 3),
                                             audio_duration=None if self.audio_seconds is None
                                             else round(self.audio_seconds, 3)))

    def result_seconds(self) -> float:
        """How long the result will be (the video's length for a sound effect)."""
        if self.mode == AUDIO and self.audio_seconds is not None:
            return attach_result_duration(self.attach_mode, self.video_seconds, self.audio_seconds)
        return self.video_seconds


def result_length_text(mode: str, video_s: float, audio_s: float) -> str:
    """The result's length in a sentence, shown before submit ("Result: 8.0 s, the video's length;
    the last 4.0 s of the 12.0 s audio are cut.")."""
    total = attach_result_duration(mode, video_s, audio_s)
    head = f"Result: {_fmt(total)}"
    diff = audio_s - video_s
    same = abs(diff) < 0.05
    if mode in ("MatchVideo", "PadAudio"):
        if same:
            return f"{head}; the audio fits the video."
        if diff > 0:
            return f"{head}, the video's length; the last {_fmt(diff)} of the {_fmt(audio_s)} audio are cut."
        return f"{head}, the video's length; {_fmt(-diff)} of silence after the {_fmt(audio_s)} audio."
    if mode == "MatchAudio":
        if same:
            return f"{head}; the audio fits the video."
        if diff > 0:
            return f"{head}, the audio's length; the video's last frame is held for {_fmt(diff)}."
        return f"{head}, the audio's length; the last {_fmt(-diff)} of the video are cut."
    if mode == "SpeedAdjust":
        if same or audio_s <= 0:
            return f"{head}; the audio fits the video."
        rate = audio_s / video_s if video_s > 0 else 1.0
        how = "faster" if rate > 1 else "slower"
        return f"{head}, the video's length; the audio plays {abs(rate - 1) * 100:.0f}% {how} to fit."
    # Strict
    if same:
        return f"{head}; the audio fits the video."
    shorter = "audio" if diff < 0 else "video"
    return f"{head}, the shorter {shorter}'s length; the rest of the longer one is left out."
