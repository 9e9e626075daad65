"""The Generate Video tab's logic, without Qt: three ways to make clips on Vimmerse.

* **Reference images** (``/v2/video/reference-to-video``): one or more images, in the order the user
  put them, a prompt, a length of 1-30 s, an aspect ratio, a model option
  (:data:`~verging_desktop.api.vimmerse.models.REFERENCE_OPTIONS`) and 1-4 clips;
* **Image + effect** (``/v2/video/video-effects``): one image, an effect
  (:data:`~verging_desktop.api.vimmerse.models.EFFECTS`; a two-person effect takes a second image),
  an effect family (:data:`~verging_desktop.api.vimmerse.models.EFFECT_OPTIONS`) and 1-4 clips;
* **Video + prompt** (``/v2/video/video-to-video``): a (cut) video restyled from a prompt, with an
  optional reference image (:data:`~verging_desktop.api.vimmerse.models.V2V_OPTIONS`).

:class:`GenerateForm` turns what the tab holds into the checked request
(:func:`~verging_desktop.services.vimmerse_inputs.check_request`, the same checks as the command
line), and names the job for the queue and the files it downloads.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..api.vimmerse.models import (
    EFFECT_OPTIONS,
    EFFECTS,
    REFERENCE_OPTIONS,
    TWO_PERSON_EFFECTS,
    V2V_OPTIONS,
    ReferenceToVideoRequest,
    VideoEffectsRequest,
    VideoToVideoRequest,
    VimmerseRequest,
    request_params,
)
from ..core.errors import InputError
from ..core.i18n import N_, _
from .vimmerse_forms import check_cut_request
from .vimmerse_inputs import check_duration, check_quantity, check_ratio, check_request

if TYPE_CHECKING:  # pragma: no cover
    from ..media.probe import MediaInfo

#: the three modes of the tab
REFERENCE = "reference"
EFFECT = "effect"
RESTYLE = "restyle"
MODES = (REFERENCE, EFFECT, RESTYLE)

#: the aspect ratios offered first (any W:H may be typed)
RATIOS = ("16:9", "9:16", "1:1", "4:5", "4:3", "3:4", "21:9")

DEFAULT_DURATION = 5

#: effect -> a one-line description (what the clip shows); the service publishes no catalogue
EFFECT_HELP: dict[str, str] = {
    "BulletTime": N_("Time freezes while the camera sweeps around the subject."),
    "Dolly Zoom": N_("The background stretches while the subject stays the same size (Vertigo)."),
    "Crash Zoom": N_("A fast, punchy zoom into the subject."),
    "360 Orbit": N_("The camera circles the subject once."),
    "Explosion": N_("The scene bursts apart behind the subject."),
    "Melt": N_("The subject melts away."),
    "Squish": N_("The subject is squeezed like a soft toy."),
    "Inflate": N_("The subject puffs up like a balloon."),
    "Hug": N_("The two people hug (needs a photo of each)."),
    "Kiss": N_("The two people kiss (needs a photo of each)."),
    "HoldHands": N_("The two people hold hands (needs a photo of each)."),
    "Dance Together": N_("The two people dance together (needs a photo of each)."),
}
assert set(EFFECT_HELP) == set(EFFECTS)


def effect_help(effect: str) -> str:
    """The effect's one-line explanation in the interface's language ("" for an unknown effect)."""
    text = EFFECT_HELP.get(effect, "")
    return _(text) if text else ""


def needs_second_person(effect: str) -> bool:
    """True when ``effect`` animates two people (a second reference image is required)."""
    return effect in TWO_PERSON_EFFECTS


def _prompt(text: str) -> str:
    return " ".join(text.split())  # (its length is checked by vimmerse_inputs.check_text)


def _ratio(text: str) -> str:
    return check_ratio(text.strip()) if text.strip() else ""


@dataclass(frozen=True)
class GenerateForm:
    """Everything the tab holds for one submit (media fields: local paths or URLs)."""

    mode: str
    images: tuple[str, ...] = ()       # reference images, in order (REFERENCE)
    image: str = ""                    # the image (EFFECT) or the optional reference (RESTYLE)
    second_image: str = ""             # the second person (EFFECT, two-person effects)
    video: str = ""                    # the (cut) video (RESTYLE)
    video_seconds: float | None = None
    video_start: float = 0.0
    prompt: str = ""
    duration: int = DEFAULT_DURATION
    ratio: str = "16:9"
    option: str = ""
    effect: str = "BulletTime"
    quantity: int = 1
    #: extra words for the job's name ("" for none)
    label: str = field(default="", compare=False)

    def request(self, probes: Mapping[str, MediaInfo] | None = None) -> VimmerseRequest:
        """The checked request (:class:`InputError` with a sentence a person can act on); a
        restyle's video is the source of the selection ``video_start..`` that will be cut."""
        if self.mode == REFERENCE:
            if not self.images:
                raise InputError(_("Add at least one reference image."))
            option = self.option or "KlingO"
            if option not in REFERENCE_OPTIONS:
                raise InputError(_("Unknown model {option!r}; choose one of {options}.").format(
                    option=option, options=", ".join(REFERENCE_OPTIONS)))
            prompt = _prompt(self.prompt)
            if not prompt:
                raise InputError(_("Write a prompt: describe what happens in the clip."))
            req: VimmerseRequest = ReferenceToVideoRequest(
                image_urls=tuple(self.images), prompt=prompt, aspect_ratio=_ratio(self.ratio) or "16:9",
                option=option, quantity=check_quantity(self.quantity), duration=check_duration(self.duration))
        elif self.mode == EFFECT:
            if not self.image:
                raise InputError(_("Drop a photo to animate with the effect."))
            option = self.option or "HiggsfieldEffects"
            if option not in EFFECT_OPTIONS:
                raise InputError(_("Unknown effect family {option!r}; choose one of {options}.").format(
                    option=option, options=", ".join(EFFECT_OPTIONS)))
            effect = self.effect.strip()
            if not effect:
                raise InputError(_("Choose an effect."))
            if needs_second_person(effect) and not self.second_image:
                raise InputError(_("{effect} animates two people: drop a photo of the second person too.").format(
                    effect=effect))
            req = VideoEffectsRequest(
                image_url=self.image, ref_image_url=self.second_image if needs_second_person(effect) else "",
                option=option, effect=effect, prompt=_prompt(self.prompt), aspect_ratio=_ratio(self.ratio) or None,
                quantity=check_quantity(self.quantity))
        elif self.mode == RESTYLE:
            if not self.video:
                raise InputError(_("Drop the video to restyle."))
            option = self.option or "KlingO"
            if option not in V2V_OPTIONS:
                raise InputError(_("Unknown model {option!r}; choose one of {options}.").format(
                    option=option, options=", ".join(V2V_OPTIONS)))
            prompt = _prompt(self.prompt)
            if not prompt:
                raise InputError(_("Write a prompt: describe how the video should change."))
            req = VideoToVideoRequest(video_url=self.video, image_url=self.image, prompt=prompt, option=option)
        else:
            raise InputError(_("Unknown mode {mode}.").format(mode=repr(self.mode)))
        if self.mode == RESTYLE:
            sel = (self.video_start, self.video_start + self.video_seconds) if self.video_seconds else None
            return check_cut_request(req, probes=probes, cut_field="video_url", selection=sel)
        return check_request(req, probes=probes)

    @property
    def clips(self) -> int:
        """How many clips the submit makes (video-to-video makes one)."""
        return 1 if self.mode == RESTYLE else max(1, int(self.quantity))

    def seconds(self) -> float | None:
        """The length the estimate is asked for (the clip's, or the video's for a restyle)."""
        if self.mode == REFERENCE:
            return float(self.duration)
        if self.mode == RESTYLE:
            return self.video_seconds
        return None

    def input_name(self) -> str:
        """The job's name in the queue (its results are named after it: ``<stem>_<tool>_1.mp4``)."""
        first = {REFERENCE: self.images[0] if self.images else "", EFFECT: self.image, RESTYLE: self.video}[self.mode]
        stem = Path(first).stem if first and "://" not in first else "clip"
        what = "-" + "-".join(self.effect.split()) if self.mode == EFFECT and self.effect.strip() else ""
        return f"{stem}{what}.mp4"


def reorder(items: Sequence[str], index: int, delta: int) -> tuple[str, ...]:
    """``items`` with the one at ``index`` moved by ``delta`` places (clamped at the ends)."""
    out = list(items)
    if not 0 <= index < len(out):
        return tuple(out)
    j = max(0, min(len(out) - 1, index + delta))
    out.insert(j, out.pop(index))
    return tuple(out)


def request_settings(req: VimmerseRequest) -> dict[str, object]:
    """The request's settings without its media fields (for the "same job" fingerprint, which
    names the media by their content instead)."""
    return {k: v for k, v in request_params(req).items() if k not in req.MEDIA}
