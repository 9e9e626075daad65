"""Speech to text for any audio or video file, whatever its size.

:func:`plan_stt` looks at the file (content, streams, duration, size) and decides, before
anything is sent, what will be sent:

- ``as_is``:   an accepted audio format (mp3, mp4/m4a, mpeg, wav, webm) within the size limit;
- ``extract``: a video: its sound track is extracted as compact speech audio;
- ``convert``: an audio format the endpoint does not take (ogg, flac, aiff...);
- ``compact``: an accepted file over the limit (25 MB), re-encoded as 16 kHz mono MP3;
- ``split``:   when even compact audio would be too big: consecutive parts, each within the limit.

The plan carries the estimated size of what is sent and the estimated cost (each part is its
own request with its own minimum). :class:`SttRun` prepares the files with ffmpeg, sends every
part with ``response_format=verbose_json`` and shifts each part's segment times by where the
part starts, so subtitles of a split file line up with the original.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..api.verging.models import Segment
from ..core import filetypes as ft
from ..core.errors import ApiError, BadRequest, InputError, Progress, VergingError
from ..core.i18n import _, n_
from ..core.pricing import Pricing
from .errors import credits_text, error_line
from .subtitles import to_srt, to_txt, to_vtt

ProgressCallback = Callable[[Progress], None]

AS_IS, EXTRACT, CONVERT, COMPACT, SPLIT = "as_is", "extract", "convert", "compact", "split"

#: compact speech audio: 16 kHz mono MP3 (what speech recognition resamples to anyway)
SAMPLE_RATE = 16000
#: bit rates tried for a single compact file, best first; the last is also used for parts
BITRATES = (48_000, 32_000)
#: keep this share of the limit as the target size (container overhead, encoder variance)
MARGIN = 0.92
_HEADER_BYTES = 8192
_SENDABLE = ("mp3", "mp4", "mpeg", "wav", "webm")
_IMAGES = ("jpeg", "png", "webp", "gif", "bmp", "tiff", "heic")


def _mb(n: float) -> str:
    return f"{n / ft.MB:.1f} MB" if n >= 0.1 * ft.MB else f"{n / 1024:.0f} KB"


def clock(seconds: float) -> str:
    s = round(seconds)
    h, rem = divmod(s, 3600)
    m, s = divmod(rem, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def compact_size(duration: float, bps: int) -> int:
    """Expected bytes of ``duration`` seconds of constant-bit-rate MP3 at ``bps``."""
    return math.floor(duration * bps / 8 * 1.01) + _HEADER_BYTES


def max_bytes_for(pricing: Pricing | None) -> int:
    if pricing is None:
        return ft.AUDIO_MAX_BYTES
    try:
        return int(pricing.service("stt").get("max_bytes", ft.AUDIO_MAX_BYTES))
    except (KeyError, VergingError):
        return ft.AUDIO_MAX_BYTES


@dataclass(frozen=True)
class SttPlan:
    """What will be sent for a file, decided before anything is sent."""

    source: Path
    duration: float
    size: int
    kind: str | None
    has_video: bool
    action: str
    max_bytes: int
    bitrate: int | None = None
    part_seconds: float | None = None
    parts: int = 1
    send_bytes: int = 0
    estimates: list[int] = field(default_factory=list)

    @property
    def estimate(self) -> int:
        return sum(self.estimates)

    @property
    def converts(self) -> bool:
        return self.action != AS_IS

    def describe(self) -> str:
        """One paragraph: what is sent, its size and the estimated cost."""
        name = self.source.name
        fmt = _("16 kHz mono MP3 at {kbps} kbps").format(kbps=(self.bitrate or 0) // 1000)
        if self.parts > 1:
            cost = n_("Estimated cost: %n credit(s) ({each}, each part is billed on its own).", self.estimate).format(
                each=" + ".join(str(e) for e in self.estimates))
        else:
            cost = n_("Estimated cost: %n credit(s).", self.estimate)
        length = _("{clock} of audio").format(clock=clock(self.duration))
        if self.action == AS_IS:
            return _("{name} is sent as it is: {size}, {length}. {cost}").format(
                name=name, size=_mb(self.size), length=length, cost=cost)
        if self.action == EXTRACT:
            return _("{name} is a video: its sound track is extracted as {fmt} and sent (about {send} instead of "
                     "{size}), {length}. {cost}").format(name=name, fmt=fmt, send=_mb(self.send_bytes),
                                                         size=_mb(self.size), length=length, cost=cost)
        if self.action == CONVERT:
            return _("{name}: {what} audio is not accepted by speech to text, so it is converted to {fmt} (about "
                     "{send}), {length}. {cost}").format(name=name, what=(self.kind or "this").upper(), fmt=fmt,
                                                         send=_mb(self.send_bytes), length=length, cost=cost)
        if self.action == COMPACT:
            return _("{name} is {size}, over the {limit} limit: it is re-encoded as {fmt} (about {send}), {length}. "
                     "{cost}").format(name=name, size=_mb(self.size), limit=_mb(self.max_bytes), fmt=fmt,
                                      send=_mb(self.send_bytes), length=length, cost=cost)
        per = self.send_bytes / max(1, self.parts)
        return _("{name} lasts {clock}; even compact audio would be over the {limit} limit, so it is split into "
                 "{parts} parts of about {part} each, {fmt} (about {per} each, {send} in all). {cost}").format(
                     name=name, clock=clock(self.duration), limit=_mb(self.max_bytes), parts=self.parts,
                     part=clock(self.part_seconds or 0), fmt=fmt, per=_mb(per), send=_mb(self.send_bytes), cost=cost)


def _part_lengths(duration: float, part_seconds: float, parts: int) -> list[float]:
    return [part_seconds] * (parts - 1) + [max(0.0, duration - part_seconds * (parts - 1))]


def _split_plan(duration: float, max_bytes: int) -> tuple[float, int]:
    bps = BITRATES[-1]
    fit = (max_bytes * MARGIN - _HEADER_BYTES) / (bps / 8 * 1.01)
    if fit < 10:
        raise InputError(_("The size limit ({limit}) is too small to send audio in parts.").format(limit=_mb(max_bytes)))
    parts = max(2, math.ceil(duration / fit))
    part_seconds = math.ceil(duration / parts * 1000) / 1000  # balanced parts
    return part_seconds, parts


def _split_fields(duration: float, max_bytes: int, pricing: Pricing) -> dict[str, Any]:
    part_seconds, parts = _split_plan(duration, max_bytes)
    lengths = _part_lengths(duration, part_seconds, parts)
    return {"action": SPLIT, "bitrate": BITRATES[-1], "part_seconds": part_seconds, "parts": parts,
            "send_bytes": sum(compact_size(x, BITRATES[-1]) for x in lengths),
            "estimates": [pricing.stt(x).credits for x in lengths]}


async def plan_stt(path: str | os.PathLike[str], pricing: Pricing, *, max_bytes: int | None = None) -> SttPlan:
    """Look at ``path`` and decide what to send. Raises :class:`InputError` for unusable files."""
    from ..media.probe import aprobe

    limit = max_bytes or max_bytes_for(pricing)
    p = ft.existing_file(path, "audio or video file")
    kind = ft.sniff(p)
    if kind in _IMAGES:
        raise InputError(_("{name} is an image, not audio. Choose a recording or a video.").format(name=p.name))
    try:
        info = await aprobe(p, require_video=False, scan_packets=False)
    except InputError as e:
        raise InputError(_("{name} cannot be read as audio or video. {reason}").format(name=p.name, reason=e)) from None
    if not info.has_audio:
        raise InputError(_("{name} has no sound track to transcribe.").format(name=p.name))
    duration = info.duration
    size = info.size_bytes
    base: dict[str, Any] = {"source": p, "duration": duration, "size": size, "kind": kind,
                            "has_video": info.has_video, "max_bytes": limit}
    sendable = (not info.has_video and kind in _SENDABLE and p.suffix.lower() in ft.STT_EXTENSIONS)
    if sendable and size <= limit:
        return SttPlan(**base, action=AS_IS, send_bytes=size, estimates=[pricing.stt(duration).credits])
    action = EXTRACT if info.has_video else (CONVERT if not sendable else COMPACT)
    for bps in BITRATES:
        est = compact_size(duration, bps)
        if est <= limit * MARGIN:
            return SttPlan(**base, action=action, bitrate=bps, send_bytes=est,
                           estimates=[pricing.stt(duration).credits])
    return SttPlan(**base, **_split_fields(duration, limit, pricing))


@dataclass(frozen=True)
class SttPart:
    """A file to send and where it starts in the original (seconds)."""

    path: Path
    offset: float
    duration: float
    size: int


@dataclass(frozen=True)
class Transcript:
    text: str
    segments: list[Segment]
    language: str | None
    duration: float
    charged: float
    parts: int
    #: every part came back with timed segments (subtitles can be written)
    timed: bool

    def to_txt(self) -> str:
        return to_txt(self.text)

    def to_srt(self) -> str:
        return to_srt(self.segments)

    def to_vtt(self) -> str:
        return to_vtt(self.segments)


class SttPartFailed(VergingError):
    """A part failed; the run stopped. Earlier parts were transcribed and charged."""

    def __init__(self, index: int, total: int, cause: BaseException, *, charged_parts: int, charged: float) -> None:
        line = error_line(cause)
        if total <= 1:
            msg = line
        elif charged_parts:
            msg = n_("Part {k} of {n} failed: {error} So far %n part(s) (was|were) transcribed and charged "
                     "({credits}).", charged_parts).format(k=index + 1, n=total, error=line,
                                                          credits=credits_text(charged))
        else:
            msg = _("Part {k} of {n} failed: {error}").format(k=index + 1, n=total, error=line)
        super().__init__(msg, status=getattr(cause, "status", None), error_code=getattr(cause, "error_code", None))
        self.exit_code = getattr(cause, "exit_code", 5)
        self.index = index
        self.total = total
        self.cause = cause
        self.charged_parts = charged_parts
        self.charged = charged


class SttRun:
    """Prepare (ffmpeg) and send a planned file. Fields can be read while it runs and after a cancel.

    ``work_dir`` holds converted files; a temporary folder (removed at the end) when None.
    """

    def __init__(self, client: Any, plan: SttPlan, pricing: Pricing, *, language: str | None = None,
                 model: str | None = None, progress: ProgressCallback | None = None,
                 work_dir: str | os.PathLike[str] | None = None) -> None:
        self.client = client
        self.plan = plan
        self.pricing = pricing
        self.language = (language or "").strip() or None
        self.model = model
        self.progress = progress
        self._work_dir = Path(work_dir) if work_dir is not None else None
        self.parts: list[SttPart] = []
        self.done = 0
        self.charged = 0.0

    def _report(self, p: Progress) -> None:
        if self.progress is not None:
            with contextlib.suppress(Exception):
                self.progress(p)

    async def prepare(self, work: Path) -> list[SttPart]:
        """Write the files to send (nothing for ``as_is``). A file ffmpeg cannot convert is an
        :class:`InputError` (raised before anything is sent)."""
        from ..media.ffrun import FfmpegFailed

        try:
            return await self._prepare(work)
        except FfmpegFailed as e:
            detail = (e.stderr_tail or e.message).strip().splitlines()
            why = detail[-1] if detail else ""
            if why:
                raise InputError(_("{name} could not be converted (is the file damaged?): {reason}").format(
                    name=self.plan.source.name, reason=why[:200])) from None
            raise InputError(_("{name} could not be converted (is the file damaged?).").format(
                name=self.plan.source.name)) from None

    async def _prepare(self, work: Path) -> list[SttPart]:
        from ..media.audio import extract_audio, split_audio

        plan = self.plan
        if plan.action == AS_IS:
            return [SttPart(plan.source, 0.0, plan.duration, plan.size)]
        stem = ft.safe_filename(plan.source.stem, "audio")
        total = plan.duration

        def cb(stage: str) -> ProgressCallback:
            return lambda p: self._report(Progress(p.done, p.total or total, stage))

        if plan.action != SPLIT:
            stage = _("Extracting the sound track") if plan.action == EXTRACT else _("Converting to compact audio")
            res = await extract_audio(plan.source, work / f"{stem}.mp3", bitrate=f"{plan.bitrate // 1000}k"
                                      if plan.bitrate else None, mono=True, sample_rate=SAMPLE_RATE,
                                      progress=cb(stage))
            if res.size_bytes <= plan.max_bytes:
                return [SttPart(res.path, 0.0, res.duration, res.size_bytes)]
            # the encoder overshot: fall back to parts
            with contextlib.suppress(OSError):
                res.path.unlink()
            self.plan = plan = SttPlan(**{**plan.__dict__, **_split_fields(plan.duration, plan.max_bytes,
                                                                            self.pricing)})
        results = await split_audio(plan.source, plan.part_seconds or plan.duration, work, ext=".mp3",
                                    bitrate=f"{BITRATES[-1] // 1000}k", mono=True, sample_rate=SAMPLE_RATE,
                                    progress=cb(f"Splitting into {plan.parts} parts"))
        parts: list[SttPart] = []
        offset = 0.0
        for r in results:
            if r.size_bytes > plan.max_bytes:
                raise InputError(_("A part of {name} is still {size} after compression; the limit is {limit}.").format(
                    name=plan.source.name, size=_mb(r.size_bytes), limit=_mb(plan.max_bytes)))
            parts.append(SttPart(r.path, offset, r.duration, r.size_bytes))
            offset += r.duration
        return parts

    async def _send(self, part: SttPart) -> Any:
        try:
            return await self.client.stt(part.path, language=self.language, model=self.model,
                                         response_format="verbose_json")
        except BadRequest as e:
            if "response_format" not in e.message:
                raise
            # a server that only knows json: a refused request was not charged, ask again without timestamps
            return await self.client.stt(part.path, language=self.language, model=self.model)

    async def run(self) -> Transcript:
        base = self._work_dir
        if base is not None:
            base.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=".verging-stt-", dir=base))
        try:
            self.parts = parts = await self.prepare(work)
            n = len(parts)
            texts: list[str] = []
            segments: list[Segment] = []
            timed = True
            language: str | None = None
            for i, part in enumerate(parts):
                self._report(Progress(i, n, _("Transcribing part {k} of {n}").format(k=i + 1, n=n) if n > 1
                                     else _("Transcribing")))
                try:
                    r = await self._send(part)
                except ApiError as e:
                    raise SttPartFailed(i, n, e, charged_parts=self.done, charged=self.charged) from e
                self.done += 1
                self.charged += float(r.credits_consumed if r.credits_consumed is not None
                                      else self.pricing.stt(part.duration).credits)
                language = language or r.language
                if r.text.strip():
                    texts.append(r.text.strip())
                if r.segments:
                    segments.extend(Segment(s.start + part.offset, s.end + part.offset, s.text) for s in r.segments)
                else:
                    timed = False
            self._report(Progress(n, n, _("Done")))
            duration = sum(p.duration for p in parts)
            return Transcript(" ".join(texts), segments, language, duration, self.charged, n, timed and bool(segments))
        finally:
            await asyncio.to_thread(shutil.rmtree, work, True)
