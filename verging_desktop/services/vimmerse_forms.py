"""What the Vimmerse tabs share when they check a request before anything is sent (no Qt).

A tab's video is a *source*: the trimmer's selection of it is cut to an MP4 and that cut is what
goes up. :func:`check_cut_request` checks a request whose video is such a source the way it will
be sent: the source as a video that will be cut (any container PyAV reads; the length limit on
the selection, :func:`~verging_desktop.services.vimmerse_inputs.check_selection`) and everything
else exactly as :func:`~verging_desktop.services.vimmerse_inputs.check_request` checks it. The
cut itself is checked again, whole, right before it is uploaded
(:func:`~verging_desktop.services.vimmerse_inputs.acheck_request`).

Probes the tab made already are passed in (``probes``: path -> MediaInfo), so a dropped file is
probed once, not on every keystroke.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

from ..api.vimmerse.models import VimmerseRequest
from ..core.i18n import N_, _
from .vimmerse_inputs import check_request, check_selection, check_video, is_url

if TYPE_CHECKING:  # pragma: no cover
    from ..media.probe import MediaInfo

#: stands in for the cut while the rest of a request is checked (never sent: the cut replaces it)
CUT_STAND_IN = "https://cut.invalid/selection.mp4"



#: the words shown for a model whose API name is not plain words (the API name is what is sent)
MODEL_LABELS: dict[str, str] = {
    "KlingO": "Kling O", "AutoR": N_("Automatic"), "Grok": "Grok Imagine", "HeygenAgent": N_("HeyGen agent"),
    "PikaScenes": N_("Pika scenes"), "MinimaxReference": N_("MiniMax reference"), "VeoReference": N_("Veo reference"),
    "ViduReference": N_("Vidu reference"), "LumaModify": "Luma Modify", "SeedanceFast": "Seedance Fast",
    "HappyHorse": "HappyHorse", "AutoLipSync": N_("Automatic"), "SyncLipSync": N_("Sync Labs lip sync"),
    "HummingBird": "Hummingbird", "NewportLipSync": N_("Newport lip sync"), "KlingAvatar": "Kling Avatar",
    "PVideo": "P-Video", "NewportDreamAvatar": "Newport Dream Avatar",
}
#: the words of the other API names (effects, effect families): what :func:`label` makes of them,
#: marked for translation (a name not listed is shown as :func:`label` spells it)
_NAME_WORDS = (
    N_("Bullet time"), N_("Dolly zoom"), N_("Crash zoom"), N_("360 orbit"), N_("Explosion"), N_("Melt"), N_("Squish"),
    N_("Inflate"), N_("Hug"), N_("Kiss"), N_("Hold hands"), N_("Dance together"), N_("Higgsfield effects"),
    N_("Pika effects"), N_("Kling effects"), N_("Wan effects"), N_("Vidu effects"), N_("Pixverse effects"),
)


def option_help(text: str) -> str:
    """An option's one-line description (a value of ``api/vimmerse/models``' option tables, marked
    there) in the interface's language ("" stays "")."""
    return _(text) if text else ""


def label(name: str) -> str:
    """The words a person reads for an API name: ``HiggsfieldEffects`` -> ``Higgsfield effects``,
    ``HoldHands`` -> ``Hold hands``, ``360 Orbit`` stays; a model by :data:`MODEL_LABELS`."""
    if name in MODEL_LABELS:
        return _(MODEL_LABELS[name])
    words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name).split()
    return _(" ".join([words[0], *(w.lower() for w in words[1:])])) if words else name


def check_cut_request(req: VimmerseRequest, *, probes: Mapping[str, MediaInfo] | None = None,
                      cut_field: str = "", selection: tuple[float, float] | None = None) -> VimmerseRequest:
    """``check_request(req)``, where ``req.<cut_field>`` (when set and local) is a source video
    that will be cut to ``selection`` before upload; returns the checked request with the source
    back in that field."""
    pr = dict(probes or {})
    src = str(getattr(req, cut_field, "") or "") if cut_field else ""
    if not src or is_url(src):
        return check_request(req, probes=pr)
    info = pr.get(src)
    check_video(src, info=info, cut=True)
    if info is not None and selection is not None:
        check_selection(info, selection[0], selection[1])
    out = check_request(replace(req, **{cut_field: CUT_STAND_IN}), probes=pr)
    return replace(out, **{cut_field: src})
