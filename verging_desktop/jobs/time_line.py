"""The submit area's time line for every provider: how long the upload should take and how long
results of this kind usually take ("About 12 s to upload 8.3 MB at your 5.0 Mbit/s. Results
usually take about 1 min 20 s.").

The video tools say the first part through :mod:`.prep_choice` (which also chooses how the video
is prepared); the other submit areas (Vimmerse's Lip Sync, Sound, Replace Background, Generate
Video; the varg panels) say the bytes of the local files that will be uploaded at the measured
uplink (:mod:`verging_desktop.core.uplink`), and the results part from the job store's history
(:mod:`.durations`). Nothing uploaded: no upload part; no history: no results part. No Qt, no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..core.i18n import _
from .prep_choice import DEFAULT_UPLINK, assumed_text, duration_text, mb_text, rate_text

#: uploads smaller than this are not worth a sentence (a photo, a short audio clip on any link)
MIN_SAID_BYTES = 200_000


def upload_sentence(nbytes: int, uplink: float | None) -> str:
    """"About 12 s to upload 8.3 MB at your 5.0 Mbit/s." ("" for nothing, or for a few KB)."""
    if nbytes < MIN_SAID_BYTES:
        return ""
    known = uplink is not None and uplink > 0
    rate = float(uplink) if known and uplink is not None else DEFAULT_UPLINK
    text = _("About {time} to upload {size} at your {rate}.").format(
        time=duration_text(nbytes / rate), size=mb_text(nbytes), rate=rate_text(rate))
    return text if known else text + " " + assumed_text(rate)


def also_sentence(nbytes: int, uplink: float | None) -> str:
    """"The other files (1.2 MB) take about 2 s more." after a video's sentence ("" for a few KB)."""
    if nbytes < MIN_SAID_BYTES:
        return ""
    rate = float(uplink) if uplink is not None and uplink > 0 else DEFAULT_UPLINK
    return _("The other files ({size}) take about {time} more.").format(
        size=mb_text(nbytes), time=duration_text(nbytes / rate))


def results_sentence(typical: float | None, *, each: bool = False) -> str:
    """"Results usually take about 40 s." (``each``: for a batch, "… about 40 s each."); "" with
    no history."""
    if typical is None:
        return ""
    if each:
        return _("Results usually take about {time} each.").format(time=duration_text(typical))
    return _("Results usually take about {time}.").format(time=duration_text(typical))


def join(parts: Iterable[str]) -> str:
    """The sentences of a time line, in one line (empty ones left out)."""
    return " ".join(p for p in parts if p)


def time_line(nbytes: int, uplink: float | None, typical: float | None) -> str:
    """The whole line for a submit that uploads ``nbytes`` at ``uplink`` bytes/s (None: not
    measured) whose results usually take ``typical`` seconds (None: no history)."""
    return join([upload_sentence(nbytes, uplink), results_sentence(typical)])
