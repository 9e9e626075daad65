"""Real local results for the sandbox's Vimmerse v2 routes, made with ffmpeg and marked SANDBOX.

:func:`render` turns one route's request (its JSON ``args``, and the local files the sandbox
stored for the hosted URLs in its media fields) into H.264/AAC MP4 files (yuv420p, even sizes),
each with the red SANDBOX band of :mod:`.media` burned in. What each route makes:

- crop: a real crop to the ratio, ``offset_x``/``offset_y`` the top-left corner of the kept frame
  in source pixels (centred when absent, clamped to the frame);
- reframe: the video fitted onto a blurred copy of itself that fills the new ratio;
- enhance: a 2x/4x Lanczos upscale (output capped at 4K), DeepClean a denoise (hqdn3d), the
  combinations both; ``compression_scale`` sets the quality;
- sound-effect: the video with a tone bed made from the prompt, mixed with its own audio if any;
- add-audio: the audio put onto the video with the attach mode honoured (:func:`attach_seconds`);
- lip-sync, avatar: the image (held) or video (looped) with the audio, or a voice tone as long as
  the text takes to say, and the text burned in (see :mod:`.vimmerse_clips`);
- replace-background: the video chroma-keyed over the background image, video or a prompt gradient,
  and video-to-video: the video with a visible filter chosen by the option (:mod:`.vimmerse_composite`);
- reference-to-video, video-effects: Ken Burns clips across the images (:mod:`.vimmerse_clips`).

Blocking: the sandbox calls it in a worker thread. Bad input raises :class:`RenderError` with a
sentence a person can act on; an ffmpeg failure is a :class:`RenderError` too.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import math
import secrets
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..api.vimmerse.models import ATTACH_MODES, DEFAULT_ENHANCE_MODE, ENHANCE_MODES, App, parse_ratio
from ..core.errors import InputError
from ..media.probe import MediaInfo, probe
from .media import (
    _VIDEO_OUT,
    MediaError,
    ProcessRegistry,
    _band_only,
    _esc,
    _run_labelled,
    find_font,
    probe_image_file,
)

log = logging.getLogger("verging_desktop.sandbox")

#: frames per second of the clips made from still images
FPS = 25
#: the largest enhance result (long side, short side)
MAX_4K = (3840, 2160)
#: the largest frame made from an image or a background (long side, short side)
MAX_HD = (1920, 1080)
#: how fast the sandbox "speaks" a text without audio (characters per second)
CHARS_PER_SECOND = 15.0


class RenderError(MediaError):
    """A request the sandbox cannot render (bad input), or ffmpeg failed on it. ``message`` says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# -- reading the request ---------------------------------------------------------------------------


class Args:
    """A route's JSON body, read tolerantly: numbers may arrive as strings, empty means absent."""

    def __init__(self, data: dict[str, Any] | None) -> None:
        self.data = dict(data or {})

    def text(self, name: str, default: str = "") -> str:
        v = self.data.get(name)
        return default if v is None or str(v).strip() == "" else str(v).strip()

    def number(self, name: str, default: float, *, lo: float, hi: float, what: str) -> float:
        v = self.data.get(name)
        if v is None or (isinstance(v, str) and not v.strip()):
            return default
        try:
            x = float(v)
        except (TypeError, ValueError):
            raise RenderError(f"{what} must be a number from {lo:g} to {hi:g} ({name} is '{v}').") from None
        if not math.isfinite(x) or not lo <= x <= hi:
            raise RenderError(f"{what} must be from {lo:g} to {hi:g} ({name} is {v}).")
        return x

    def integer(self, name: str, default: int | None, *, what: str, lo: int = -(10**6), hi: int = 10**6) -> int | None:
        v = self.data.get(name)
        if v is None or (isinstance(v, str) and not v.strip()):
            return default
        try:
            x = float(v)
        except (TypeError, ValueError):
            raise RenderError(f"{what} must be a whole number ({name} is '{v}').") from None
        if not math.isfinite(x) or x != int(x) or not lo <= x <= hi:
            span = "" if (lo, hi) == (-(10**6), 10**6) else f" from {lo} to {hi}"
            raise RenderError(f"{what} must be a whole number{span} ({name} is {v}).")
        return int(x)

    def flag(self, name: str, default: bool) -> bool:
        v = self.data.get(name)
        if v is None or v == "":
            return default
        if isinstance(v, bool):
            return v
        return str(v).strip().lower() in ("1", "true", "on", "yes")

    def quantity(self) -> int:
        n = self.integer("quantity", 1, what="The number of results", lo=1, hi=4)
        return 1 if n is None else n


@dataclass
class Job:
    """One render: the request, the files, where results go, how ffmpeg runs."""

    app: App
    args: Args
    inputs: dict[str, list[Path]]
    out_dir: Path
    registry: ProcessRegistry
    exe: str | None = None
    #: scratch files (caption texts) removed when the render ends
    scratch: list[Path] = field(default_factory=list)
    #: the results this render writes (removed, with their partial files, if it fails)
    made: list[Path] = field(default_factory=list)

    def files(self, name: str) -> list[Path]:
        paths = [Path(p) for p in self.inputs.get(name) or []]
        for p in paths:
            if not p.is_file():
                raise RenderError(f"The file for {name} is missing from the sandbox ({p.name}).")
        return paths

    def file(self, name: str, what: str, *, required: bool = True) -> Path | None:
        paths = self.files(name)
        if paths:
            return paths[0]
        if required:
            url = self.args.text(name)
            if url:
                raise RenderError(f"The sandbox does not hold the {what} at {url}; upload it to the sandbox first.")
            article = "an" if what[:1].lower() in "aeiou" else "a"
            raise RenderError(f"The request needs {article} {what} ({name} is missing).")
        return None

    def need(self, name: str, what: str) -> Path:
        p = self.file(name, what)
        assert p is not None
        return p

    def out(self, index: int = 0, count: int = 1) -> Path:
        """``<app_name>_sandbox[_N].mp4`` in the output folder (never a file already there)."""
        suffix = f"_{index + 1}" if count > 1 else ""
        out = self.out_dir / f"{self.app.app_name}_sandbox{suffix}.mp4"
        while out.exists() or out in self.made:
            out = self.out_dir / f"{self.app.app_name}_sandbox{suffix}_{secrets.token_hex(3)}.mp4"
        return out

    def run(self, build: Callable[[str, str], list[str]], out: Path) -> Path:
        """Run ffmpeg (label first, the plain band if drawtext fails) into ``out``, atomically."""
        self.made.append(out)
        _run_labelled(self.registry, build, out, exe=self.exe)
        return out

    def discard(self) -> None:
        """Remove what a failed render wrote (its results and their partial files)."""
        for out in self.made:
            for p in (out, out.with_name(out.stem + ".part" + out.suffix)):
                with contextlib.suppress(OSError):
                    p.unlink()

    def caption(self, label: str, text: str, w: int, h: int, *, top: bool = False, max_lines: int = 4) -> str:
        """A ``,drawtext=...`` chain that burns ``text`` in (empty when there is no text or no
        working drawtext: ``label`` is then the plain band)."""
        text = " ".join(text.split())
        if not text or label == _band_only():
            return ""
        font = find_font()
        if font is None:
            return ""
        size = max(10, min(w, h) // 18)
        per_line = max(8, int(w * 0.9 / (size * 0.6)))
        lines = textwrap.wrap(text, per_line)
        if len(lines) > max_lines:
            lines = lines[:max_lines]
            lines[-1] = lines[-1][: max(1, per_line - 1)] + "\u2026"
        tf = self.out_dir / f".caption_{secrets.token_hex(6)}.txt"
        tf.write_text("\n".join(lines), encoding="utf-8")
        self.scratch.append(tf)
        y = f"{h // 10 + h // 40}" if top else f"h-th-{h // 20}"
        return (f",drawtext=fontfile={_esc(font)}:textfile={_esc(str(tf))}:expansion=none:fontcolor=white:"
                f"fontsize={size}:line_spacing={size // 4}:x=(w-tw)/2:y={y}:box=1:boxcolor=black@0.55:"
                f"boxborderw={max(2, size // 3)}")


# -- probing and geometry --------------------------------------------------------------------------


def video_info(path: Path) -> MediaInfo:
    try:
        return probe(path, scan_packets=False)
    except InputError as e:
        raise RenderError(str(e)) from None


def audio_seconds(path: Path) -> float:
    try:
        info = probe(path, require_video=False, scan_packets=False)
    except InputError as e:
        raise RenderError(str(e)) from None
    if not info.has_audio:
        raise RenderError(f"{path.name} has no audio; choose an audio file.")
    return info.audio_duration or info.duration


def image_size(path: Path) -> tuple[int, int]:
    try:
        info = probe_image_file(path)
    except MediaError as e:
        raise RenderError(f"{path.name}: {e}") from None
    return info.width, info.height


def even(x: float) -> int:
    """``x`` rounded down to an even number of pixels (at least 2)."""
    return max(2, int(x) // 2 * 2)


def display_size(info: MediaInfo) -> tuple[int, int]:
    return even(info.display_width or info.width), even(info.display_height or info.height)


def norm(info: MediaInfo) -> str:
    """Square pixels, even size, as the picture is shown (ffmpeg has already applied the rotation)."""
    w, h = display_size(info)
    return f"scale={w}:{h},setsar=1"


def fit(w: int, h: int, box: tuple[int, int] = MAX_HD, *, grow: bool = False) -> tuple[int, int]:
    """``w`` x ``h`` scaled to fit a box (long side, short side) of the same orientation, even."""
    long, short = box
    bw, bh = (long, short) if w >= h else (short, long)
    s = min(bw / w, bh / h)
    if not grow:
        s = min(1.0, s)
    return even(w * s), even(h * s)


def ratio(text: str) -> tuple[int, int]:
    try:
        return parse_ratio(text)
    except ValueError as e:
        raise RenderError(str(e)) from None


def canvas(rw: int, rh: int, long: int) -> tuple[int, int]:
    """A ``rw:rh`` frame whose long side is ``long`` pixels (even sizes)."""
    if rw >= rh:
        return even(long), even(long * rh / rw)
    return even(long * rw / rh), even(long)


def seed(*parts: object) -> int:
    return int.from_bytes(hashlib.sha256("\x00".join(map(str, parts)).encode("utf-8")).digest()[:4], "big")


def out_args(crf: int | None = None) -> list[str]:
    args = list(_VIDEO_OUT)
    if crf is not None:
        args[args.index("-crf") + 1] = str(crf)
    return args


def still(fps: float = FPS) -> str:
    """Filters that make an image input (any format, GIF too) an endless ``fps`` stream of its first frame.

    (``-loop 1`` is an option of the image2 demuxers only; a GIF would refuse it.)
    """
    return f"trim=end_frame=1,loop=loop=-1:size=1,setpts=N/{fps:g}/TB"


def secs(t: float) -> str:
    return f"{max(0.0, t):.3f}"


def speech_seconds(text: str) -> float:
    """How long the sandbox's voice takes to say ``text`` (about 15 characters a second)."""
    return min(600.0, max(1.0, len(" ".join(text.split())) / CHARS_PER_SECOND))


def voice_tone(voice: str, seconds: float, out: str = "speech") -> str:
    """A filtergraph source: a sine with a speech-like tremolo, pitched by the voice name."""
    freq = 110 + seed("voice", voice) % 190
    return (f"sine=frequency={freq}:sample_rate=44100:duration={secs(seconds)},tremolo=f=5:d=0.6,volume=0.5,"
            f"aformat=channel_layouts=stereo[{out}]")


def tone_bed(prompt: str, seconds: float, out: str = "bed") -> str:
    """A filtergraph source: two sines and pink noise, their notes chosen by the prompt."""
    k = seed("bed", prompt)
    f1, f2 = 80 + k % 220, 300 + (k >> 8) % 500
    d = secs(seconds)
    return (f"sine=frequency={f1}:sample_rate=44100:duration={d}[b1];"
            f"sine=frequency={f2}:sample_rate=44100:duration={d},tremolo=f={2 + k % 6}:d=0.7[b2];"
            f"anoisesrc=color=pink:amplitude=0.4:sample_rate=44100:duration={d}[b3];"
            f"[b1][b2][b3]amix=inputs=3,volume=1.5,aformat=channel_layouts=stereo[{out}]")


def atempo_chain(factor: float) -> str:
    """``atempo`` filters (each within 0.5..2) whose product is ``factor``."""
    parts: list[float] = []
    f = factor
    while f > 2.0:
        parts.append(2.0)
        f /= 2.0
    while f < 0.5:
        parts.append(0.5)
        f /= 0.5
    parts.append(f)
    return ",".join(f"atempo={p:.6f}" for p in parts)


def attach_seconds(mode: str, video_s: float, audio_s: float) -> float:
    """How long add-audio's result lasts for each attach mode.

    MatchVideo and PadAudio: the video's length (the audio trimmed, or padded with silence);
    SpeedAdjust: the video's length (the audio's tempo changed to fit); MatchAudio: the audio's
    length (the video's last frame held, or the video trimmed); Strict: the shorter of the two.
    """
    if mode in ("MatchVideo", "PadAudio", "SpeedAdjust"):
        return video_s
    if mode == "MatchAudio":
        return audio_s
    if mode == "Strict":
        return min(video_s, audio_s)
    raise RenderError(f"'{mode}' is not an attach mode; use one of {', '.join(ATTACH_MODES)}.")


# -- the routes that take a video -----------------------------------------------------------------


def _crop(job: Job) -> list[Path]:
    src = job.need("video_url", "video")
    info = video_info(src)
    rw, rh = ratio(job.args.text("aspect_ratio", "16:9"))
    w, h = display_size(info)
    if w * rh > h * rw:
        cw, ch = even(h * rw / rh), h
    else:
        cw, ch = w, even(w * rh / rw)
    cw, ch = min(cw, w), min(ch, h)
    ox = job.args.integer("offset_x", None, what="The crop's left edge (offset_x)")
    oy = job.args.integer("offset_y", None, what="The crop's top edge (offset_y)")
    x = (w - cw) // 2 if ox is None else min(max(0, ox), w - cw)
    y = (h - ch) // 2 if oy is None else min(max(0, oy), h - ch)

    def build(label: str, out: str) -> list[str]:
        vf = f"{norm(info)},crop={cw}:{ch}:{x}:{y},{label}"
        return ["-i", str(src), "-vf", vf, "-map", "0:v:0", "-map", "0:a?", *out_args(), out]

    return [job.run(build, job.out())]


def _reframe(job: Job) -> list[Path]:
    src = job.need("video_url", "video")
    info = video_info(src)
    rw, rh = ratio(job.args.text("aspect_ratio", "16:9"))
    w, h = display_size(info)
    cw, ch = canvas(rw, rh, max(w, h))
    s = min(cw / w, ch / h)
    fw, fh = min(cw, even(w * s)), min(ch, even(h * s))
    blur = max(6, max(cw, ch) // 25)

    def build(label: str, out: str) -> list[str]:
        fc = (f"[0:v]{norm(info)},split=2[a][b];"
              f"[a]scale={cw}:{ch}:force_original_aspect_ratio=increase,crop={cw}:{ch},gblur=sigma={blur},"
              f"eq=brightness=-0.08[bg];[b]scale={fw}:{fh}[fg];"
              f"[bg][fg]overlay={(cw - fw) // 2}:{(ch - fh) // 2},{label}[v]")
        return ["-i", str(src), "-filter_complex", fc, "-map", "[v]", "-map", "0:a?", *out_args(), out]

    return [job.run(build, job.out())]


def _enhance(job: Job) -> list[Path]:
    src = job.need("video_url", "video")
    info = video_info(src)
    mode = job.args.text("enhance_mode", DEFAULT_ENHANCE_MODE)
    if mode not in ENHANCE_MODES:
        raise RenderError(f"'{mode}' is not an enhance mode; use one of {', '.join(ENHANCE_MODES)}.")
    comp = job.args.number("compression_scale", 0.5, lo=0.0, hi=1.0, what="The compression scale")
    factor = 4 if mode.startswith("4X") else 2 if mode.startswith("2X") else 1
    clean = "DeepClean" in mode
    w, h = display_size(info)
    tw, th = fit(w * factor, h * factor, MAX_4K)
    steps = [norm(info)]
    if clean:
        steps.append("hqdn3d=12:9:18:14")  # strong, so the cleaning shows
    if (tw, th) != (w, h):
        steps.append(f"scale={tw}:{th}:flags=lanczos")
    steps.append("unsharp=5:5:0.8:5:5:0.0")

    def build(label: str, out: str) -> list[str]:
        vf = ",".join([*steps, label])
        return ["-i", str(src), "-vf", vf, "-map", "0:v:0", "-map", "0:a?", *out_args(round(18 + 16 * comp)), out]

    return [job.run(build, job.out())]


def _sound_effect(job: Job) -> list[Path]:
    src = job.need("video_url", "video")
    info = video_info(src)
    prompt = job.args.text("prompt")
    dur = info.duration

    def build(label: str, out: str) -> list[str]:
        fc = f"[0:v]{norm(info)},{label}{job.caption(label, prompt, *display_size(info))}[v];{tone_bed(prompt, dur)}"
        if info.has_audio:
            fc += (";[0:a]aresample=44100,aformat=channel_layouts=stereo,volume=0.8[orig];"
                   "[orig][bed]amix=inputs=2:duration=first:dropout_transition=0,volume=1.6[a]")
        else:
            fc += ";[bed]anull[a]"
        return ["-i", str(src), "-filter_complex", fc, "-map", "[v]", "-map", "[a]", "-t", secs(dur),
                *out_args(), out]

    return [job.run(build, job.out())]


def _add_audio(job: Job) -> list[Path]:
    src = job.need("video_url", "video")
    aud = job.need("audio_url", "audio file")
    info = video_info(src)
    a_s = audio_seconds(aud)
    mode = job.args.text("attach_mode", "MatchVideo")
    v_s = info.duration
    total = attach_seconds(mode, v_s, a_s)
    video = f"[0:v]{norm(info)}"
    audio = "[1:a]aresample=44100,aformat=channel_layouts=stereo"
    if mode in ("MatchVideo", "PadAudio"):
        audio += ",apad"
    elif mode == "SpeedAdjust":
        audio += f",{atempo_chain(a_s / v_s)},apad"
    elif mode == "MatchAudio" and a_s > v_s:
        video += f",tpad=stop_mode=clone:stop_duration={secs(a_s - v_s + 1.0)}"

    def build(label: str, out: str) -> list[str]:
        fc = f"{video},{label}[v];{audio}[a]"
        return ["-i", str(src), "-i", str(aud), "-filter_complex", fc, "-map", "[v]", "-map", "[a]",
                "-t", secs(total), *out_args(), out]

    return [job.run(build, job.out())]


# -- the entry point -------------------------------------------------------------------------------


def _renderers() -> dict[App, Callable[[Job], list[Path]]]:
    from . import vimmerse_clips as clips
    from . import vimmerse_composite as composite

    return {
        App.CROP: _crop,
        App.REFRAME: _reframe,
        App.ENHANCE: _enhance,
        App.SOUND_EFFECT: _sound_effect,
        App.ADD_AUDIO: _add_audio,
        App.REPLACE_BACKGROUND: composite.replace_background,
        App.VIDEO_TO_VIDEO: composite.video_to_video,
        App.LIP_SYNC: clips.lip_sync,
        App.AVATAR: clips.avatar,
        App.REFERENCE_TO_VIDEO: clips.reference_to_video,
        App.VIDEO_EFFECTS: clips.video_effects,
    }


def render(app: App, args: dict[str, Any], inputs: dict[str, list[Path]], out_dir: Path, *,
           ffmpeg: str | None = None, registry: ProcessRegistry | None = None) -> list[Path]:
    """Make the sandbox results of one Vimmerse route; blocking (call it in a worker thread).

    :param args: the route's JSON body as received.
    :param inputs: media field name (``video_url``, ``image_urls`` ...) -> the local files the
        sandbox stored for the hosted URLs in that field.
    :param out_dir: where the result files go (created if missing).
    :param ffmpeg: the ffmpeg binary (default: :func:`~verging_desktop.media.binaries.ffmpeg_exe`).
    :param registry: the sandbox's process registry, so that shutting down ends a running render.
    :returns: the result files, ``quantity`` of them where the route takes a quantity.
    :raises RenderError: bad input (a sentence a person can act on) or ffmpeg failed.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    job = Job(App(app), Args(args), {k: [Path(p) for p in v] for k, v in inputs.items()}, out_dir,
              registry if registry is not None else ProcessRegistry(ffmpeg), ffmpeg)
    try:
        return _renderers()[job.app](job)
    except RenderError:
        job.discard()
        raise
    except MediaError as e:
        job.discard()
        raise RenderError(str(e)) from e
    except OSError as e:  # ffmpeg could not start, or a file could not be written
        job.discard()
        raise RenderError(f"ffmpeg could not run, or a result could not be written ({e.strerror or e}).") from e
    finally:
        for p in job.scratch:
            p.unlink(missing_ok=True)
