"""Text to speech without the 4,096-character limit.

Long text is split at sentence boundaries into chunks the endpoint takes (a sentence longer
than a chunk is split at word boundaries, a "word" longer than that is cut), each chunk is
synthesized and downloaded, and the parts are joined with ffmpeg into one file. The cost shown
before starting is the sum of the per-chunk estimates (each request has its own minimum).

A chunk that fails stops the run with :class:`TtsChunkFailed`, which says how many chunks were
already synthesized (and charged). Nothing is retried automatically: a charging request is only
ever repeated by the user. With ``keep_on_failure`` the finished parts are kept, and running the
same :class:`TtsRun` again (the app's Retry button) continues at the failed chunk, so nothing is
paid twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core import filetypes as ft
from ..core.errors import ApiError, InputError, Progress, VergingError
from ..core.i18n import _, n_
from ..core.plural import credits
from ..core.pricing import Pricing
from .errors import credits_text, error_line

ProgressCallback = Callable[[Progress], None]

#: what one request takes (the pricing table may say otherwise: ``tts.max_chars``)
MAX_CHARS = ft.TTS_MAX_CHARS

#: file extension written for each response_format
FORMAT_EXT = {"mp3": ".mp3", "opus": ".opus", "aac": ".aac", "flac": ".flac", "wav": ".wav", "pcm": ".pcm"}

# the end of a sentence: terminal punctuation (and closing quotes/brackets) before whitespace,
# or a line break
# (CJK full stops need no following space)
_SENTENCE_END = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019\u00bb)\]]*(?=\s|$)"
                           r"|[\u3002\uff01\uff1f]+[\u300d\u300f\uff09\"'\u201d\u2019]*|\n")


def max_chars(pricing: Pricing | None) -> int:
    if pricing is None:
        return MAX_CHARS
    try:
        return int(pricing.service("tts").get("max_chars", MAX_CHARS))
    except (KeyError, VergingError):
        return MAX_CHARS


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _split_long(piece: str, limit: int) -> list[str]:
    """A sentence longer than ``limit``: split at word boundaries; cut words longer than that."""
    out: list[str] = []
    cur = ""
    for word in piece.split():
        while len(word) > limit:  # no boundary at all (a URL, a hash, CJK text without spaces)
            if cur:
                out.append(cur)
                cur = ""
            out.append(word[:limit])
            word = word[limit:]
        if not word:
            continue
        if not cur:
            cur = word
        elif len(cur) + 1 + len(word) <= limit:
            cur = f"{cur} {word}"
        else:
            out.append(cur)
            cur = word
    if cur:
        out.append(cur)
    return out


def split_text(text: str, limit: int = MAX_CHARS) -> list[str]:
    """Split ``text`` into chunks of at most ``limit`` characters at sentence boundaries.

    Sentences are packed greedily, so a chunk ends at the end of a sentence whenever one fits;
    a sentence longer than ``limit`` is split at word boundaries. The chunks hold every word of
    the text in order (whitespace between chunks is dropped; inside a chunk it is kept).
    """
    if limit < 1:
        raise InputError(_("The chunk size must be at least one character."))
    t = text.strip()
    if not t:
        return []
    if len(t) <= limit:
        return [t]
    chunks: list[str] = []
    cur_start: int | None = None
    cur_end = 0
    for a, b in _sentence_spans(t):
        if cur_start is not None and len(t[cur_start:b].strip()) <= limit:
            cur_end = b
            continue
        if cur_start is not None:
            chunks.append(t[cur_start:cur_end].strip())
            cur_start = None
        piece = t[a:b].strip()
        if len(piece) <= limit:
            cur_start, cur_end = a, b
        else:
            chunks.extend(_split_long(piece, limit))
    if cur_start is not None:
        chunks.append(t[cur_start:cur_end].strip())
    return [c for c in chunks if c]


@dataclass(frozen=True)
class TtsPlan:
    """What a run will send: the chunks and what each is estimated to cost."""

    chunks: list[str]
    estimates: list[int]

    @property
    def total(self) -> int:
        return sum(self.estimates)

    @property
    def chars(self) -> int:
        return sum(len(c) for c in self.chunks)

    def __len__(self) -> int:
        return len(self.chunks)

    def describe(self) -> str:
        n = len(self.chunks)
        if n <= 1:
            return f"{self.chars:,} characters in one request: about {self.total} credit{'s' if self.total != 1 else ''}."
        return (f"{self.chars:,} characters in {n} parts (split at sentence ends, each at most "
                f"{max(len(c) for c in self.chunks):,} characters), joined into one file: about "
                f"{credits(self.total)} in total ({' + '.join(str(e) for e in self.estimates)}).")


def plan_tts(text: str, pricing: Pricing, limit: int | None = None) -> TtsPlan:
    """Check the text and split it; raises :class:`InputError` when it is empty."""
    t = ft.check_prompt(text, "text")
    chunks = split_text(t, limit or max_chars(pricing))
    return TtsPlan(chunks, [pricing.tts(len(c)).credits for c in chunks])


class TtsChunkFailed(VergingError):
    """A chunk failed; the run stopped. Earlier chunks were synthesized and charged."""

    def __init__(self, index: int, total: int, cause: BaseException, *, charged_chunks: int,
                 charged: float) -> None:
        line = error_line(cause)
        if total <= 1:
            what = line
        elif charged_chunks:
            what = n_("Part {k} of {n} failed: {error} So far %n part(s) (was|were) synthesized and charged "
                      "({credits}); nothing was joined.", charged_chunks).format(
                k=index + 1, n=total, error=line, credits=credits_text(charged))
        else:
            what = _("Part {k} of {n} failed: {error} Nothing was charged.").format(k=index + 1, n=total, error=line)
        super().__init__(what, status=getattr(cause, "status", None), error_code=getattr(cause, "error_code", None))
        self.exit_code = getattr(cause, "exit_code", 5)
        self.index = index
        self.total = total
        self.cause = cause
        self.charged_chunks = charged_chunks
        self.charged = charged


@dataclass(frozen=True)
class TtsOutcome:
    path: Path
    duration: float
    chunks: int
    charged: float
    estimated: int
    part_durations: list[float] = field(default_factory=list)
    #: the audio URL of every part, in order
    urls: list[str] = field(default_factory=list)


class TtsRun:
    """One synthesis run. Its fields can be read while it runs and after a cancel.

    ``client`` is a :class:`~verging_desktop.api.verging.client.VergingClient` (anything with
    ``tts()`` and ``download()``).
    """

    def __init__(self, client: Any, plan: TtsPlan, out: str | os.PathLike[str], *, voice: str | None = None,
                 speed: float | None = None, fmt: str = "mp3", model: str | None = None,
                 progress: ProgressCallback | None = None, keep_on_failure: bool = False) -> None:
        if not plan.chunks:
            raise InputError(_("The text is empty. Write what should be spoken."))
        self.client = client
        self.plan = plan
        self.out = Path(out)
        self.voice = voice
        self.speed = speed
        self.fmt = (fmt or "mp3").lower()
        if self.fmt not in FORMAT_EXT:
            raise InputError(_("Format must be one of {formats} (got '{fmt}').").format(formats=", ".join(FORMAT_EXT), fmt=fmt))
        self.model = model
        self.progress = progress
        #: chunks synthesized (and charged) so far
        self.done = 0
        #: credits charged so far (the server's figures)
        self.charged = 0.0
        #: keep finished parts after a failed chunk, so that run() can resume (the app's Retry)
        self.keep_on_failure = keep_on_failure
        self.work: Path | None = None
        self.parts: list[Path] = []
        self._urls: dict[int, str] = {}

    def _report(self, done: float, stage: str) -> None:
        if self.progress is not None:
            with contextlib.suppress(Exception):
                self.progress(Progress(done, len(self.plan), stage))

    @property
    def resumable(self) -> bool:
        """A failed run kept its finished parts (``keep_on_failure``): :meth:`run` continues after them."""
        return bool(self.parts) and self.work is not None and self.work.is_dir()

    async def cleanup(self) -> None:
        """Remove the parts kept for a resume (safe to call twice)."""
        work, self.work = self.work, None
        self.parts = []
        self._urls = {}
        if work is not None:
            await asyncio.to_thread(shutil.rmtree, work, True)

    async def run(self) -> TtsOutcome:
        """Synthesize every chunk not done yet, then join. Calling it again after a
        :class:`TtsChunkFailed` (with ``keep_on_failure``) resumes at the failed chunk."""
        if self.work is None or not self.work.is_dir():
            self.out.parent.mkdir(parents=True, exist_ok=True)
            self.work = Path(tempfile.mkdtemp(prefix=".verging-tts-", dir=self.out.parent))
            self.parts = []
        try:
            outcome = await self._run(self.work)
        except TtsChunkFailed:
            if not self.keep_on_failure:
                await self.cleanup()
            raise
        except BaseException:
            await self.cleanup()
            raise
        await self.cleanup()
        return outcome

    async def _run(self, work: Path) -> TtsOutcome:
        from ..media.audio import concat_audio
        from ..media.probe import aprobe

        n = len(self.plan)
        ext = FORMAT_EXT[self.fmt]
        parts = self.parts
        for i in range(len(parts), n):
            chunk = self.plan.chunks[i]
            url = self._urls.get(i)
            if url is None:  # not synthesized yet (a resume may only need the download)
                self._report(i, _("Synthesizing part {k} of {n}: {chars:,} characters").format(k=i + 1, n=n, chars=len(chunk))
                             if n > 1 else _("Synthesizing {chars:,} characters").format(chars=len(chunk)))
                try:
                    r = await self.client.tts(chunk, voice=self.voice, model=self.model, response_format=self.fmt,
                                              speed=self.speed)
                except ApiError as e:
                    raise TtsChunkFailed(i, n, e, charged_chunks=self.done, charged=self.charged) from e
                self.done += 1
                self.charged += float(r.credits_consumed if r.credits_consumed is not None
                                      else self.plan.estimates[i])
                if not r.audio_url:
                    raise TtsChunkFailed(i, n, ApiError(_("The server sent no audio URL.")),
                                         charged_chunks=self.done, charged=self.charged)
                url = self._urls[i] = r.audio_url
            part = work / f"part{i + 1:03d}{ext}"
            self._report(i + 0.5, _("Downloading part {k} of {n}").format(k=i + 1, n=n) if n > 1 else _("Downloading"))
            try:
                await self.client.download(url, part, overwrite=True)
            except ApiError as e:
                raise TtsChunkFailed(i, n, e, charged_chunks=self.done, charged=self.charged) from e
            parts.append(part)
        durations: list[float] = []
        final_tmp = work / f"joined{ext}"
        if n == 1:
            os.replace(parts[0], final_tmp)
        elif self.fmt == "pcm":  # raw samples: joining is concatenation
            with final_tmp.open("wb") as out:
                for p in parts:
                    with p.open("rb") as f:
                        shutil.copyfileobj(f, out)
        else:
            self._report(n, n_("Joining %n part(s)", n))
            for p in parts:
                durations.append((await aprobe(p, require_video=False, scan_packets=False)).duration)
            await concat_audio(parts, final_tmp)
        os.replace(final_tmp, self.out)
        duration = 0.0
        if self.fmt != "pcm":
            with contextlib.suppress(VergingError, OSError):
                duration = (await aprobe(self.out, require_video=False, scan_packets=False)).duration
        self._report(n, _("Done"))
        return TtsOutcome(self.out, duration, n, self.charged, self.plan.total, durations,
                          [self._urls[i] for i in range(n)])
