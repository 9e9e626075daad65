"""The Sound tab's logic, without Qt: an AI sound effect for a video, or an audio file put onto it.

Two Vimmerse routes (``../shared/specs/vimmerse-v2.md``):

* ``/v2/video/sound-effect`` (:class:`~verging_desktop.api.vimmerse.models.SoundEffectRequest`): AI
  sound matched to the picture, described by a prompt;
* ``/v2/video/audio`` (:class:`~verging_desktop.api.vimmerse.models.AddAudioRequest`): the user's
  audio muxed onto the video with one of the five attach modes
  (:data:`~verging_desktop.api.vimmerse.models.ATTACH_MODES`).

How long the result will be is :func:`verging_desktop.services.vimmerse_inputs.attach_result_duration`'s
answer (the sandbox renders by the same rules); :func:`result_length_text` says it in a sentence
before anything is sent. Every check is :mod:`~verging_desktop.services.vimmerse_inputs`', so the
tab, the command line and the sandbox agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..api.vimmerse.models import ATTACH_MODES, AddAudioRequest, SoundEffectRequest, VimmerseRequest
from ..core.errors import InputError
from ..core.i18n import N_, _
from .vimmerse_forms import check_cut_request
from .vimmerse_inputs import attach_result_duration

if TYPE_CHECKING:  # pragma: no cover
    from ..media.probe import MediaInfo

#: the two things the tab does
EFFECT = "effect"
AUDIO = "audio"

#: each attach mode in one line a person can choose by (what the result will be)
ATTACH_MODE_HELP: dict[str, str] = {
    "MatchVideo": N_("Keeps the video's length: longer audio is cut, shorter audio ends in silence."),
    "PadAudio": N_("Keeps the video's length: shorter audio is padded with silence (longer audio is cut)."),
    "MatchAudio": N_("Lasts as long as the audio: the video is cut, or its last frame is held."),
    "SpeedAdjust": N_("Keeps the video's length: the audio is sped up or slowed down to fit exactly."),
    "Strict": N_("Both as they are: the result ends with the shorter of the two."),
}
assert tuple(ATTACH_MODE_HELP) == ATTACH_MODES
#: what the attach modes are called on screen (the API name is what is sent); these tables are
#: marked for translation: show them through ``_()``
ATTACH_MODE_LABELS: dict[str, str] = {
    "MatchVideo": N_("Match the video's length"),
    "PadAudio": N_("Pad the audio with silence"),
    "MatchAudio": N_("Match the audio's length"),
    "SpeedAdjust": N_("Speed the audio to fit"),
    "Strict": N_("Keep both as they are"),
}
assert tuple(ATTACH_MODE_LABELS) == ATTACH_MODES

def _fmt(s: float) -> str:
    m, sec = divmod(max(0.0, s), 60)
    return f"{int(m)}:{sec:04.1f}" if m else _("{seconds} s", "seconds").format(seconds=f"{sec:.1f}")


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
    #: where the selection starts in the source video (its length is ``video_seconds``)
    video_start: float = 0.0

    def request(self, probes: Mapping[str, MediaInfo] | None = None) -> VimmerseRequest:
        """The request to send, checked (:class:`InputError` with a sentence a person can act on);
        the video is the source of the selection ``video_start..video_end`` that will be cut."""
        sel = (self.video_start, self.video_start + self.video_seconds) if self.video_seconds else None
        if self.mode == EFFECT:
            req: VimmerseRequest = SoundEffectRequest(video_url=self.video, prompt=" ".join(self.prompt.split()))
        elif self.mode == AUDIO:
            if not self.audio:
                raise InputError(_("Drop an audio file to put onto the video."))
            req = AddAudioRequest(video_url=self.video, audio_url=self.audio, attach_mode=self.attach_mode,
                                  video_duration=round(self.video_seconds, 3),
                                  audio_duration=None if self.audio_seconds is None else round(self.audio_seconds, 3))
        else:
            raise InputError(_("Unknown Sound mode {mode}.").format(mode=repr(self.mode)))
        return check_cut_request(req, probes=probes, cut_field="video_url", selection=sel)

    def result_seconds(self) -> float:
        """How long the result will be (the video's length for a sound effect)."""
        if self.mode == AUDIO and self.audio_seconds is not None:
            return attach_result_duration(self.attach_mode, self.video_seconds, self.audio_seconds)
        return self.video_seconds


def result_length_text(mode: str, video_s: float, audio_s: float) -> str:
    """The result's length in a sentence, shown before submit ("Result: 8.0 s, the video's length;
    the last 4.0 s of the 12.0 s audio are cut.")."""
    total = attach_result_duration(mode, video_s, audio_s)
    diff = audio_s - video_s
    same = abs(diff) < 0.05
    args = {"total": _fmt(total), "audio": _fmt(audio_s), "over": _fmt(abs(diff))}
    fits = _("Result: {total}; the audio fits the video.")
    if mode in ("MatchVideo", "PadAudio"):
        if same:
            text = fits
        elif diff > 0:
            text = _("Result: {total}, the video's length; the last {over} of the {audio} audio are cut.")
        else:
            text = _("Result: {total}, the video's length; {over} of silence after the {audio} audio.")
    elif mode == "MatchAudio":
        if same:
            text = fits
        elif diff > 0:
            text = _("Result: {total}, the audio's length; the video's last frame is held for {over}.")
        else:
            text = _("Result: {total}, the audio's length; the last {over} of the video are cut.")
    elif mode == "SpeedAdjust":
        if same or audio_s <= 0:
            text = fits
        else:
            rate = audio_s / video_s if video_s > 0 else 1.0
            args["percent"] = f"{abs(rate - 1) * 100:.0f}"
            if rate > 1:
                text = _("Result: {total}, the video's length; the audio plays {percent}% faster to fit.")
            else:
                text = _("Result: {total}, the video's length; the audio plays {percent}% slower to fit.")
    elif same:  # Strict
        text = fits
    elif diff < 0:
        text = _("Result: {total}, the shorter audio's length; the rest of the longer one is left out.")
    else:
        text = _("Result: {total}, the shorter video's length; the rest of the longer one is left out.")
    return text.format(**args)
