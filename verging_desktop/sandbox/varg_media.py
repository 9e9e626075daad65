"""Real local results for the sandbox's varg routes, made with ffmpeg (and numpy for the tunes).

:func:`render` makes the one result file of a varg job:

- video: an H.264 MP4 (no audio, small: the long side 320 px, 8 frames a second) exactly as long
  as asked, in the ratio asked. From a prompt: a gradient in the prompt's colours (colour words
  in it win: "red", "ocean" ...), a square moving across it and the prompt burned in; from an
  image: a slow zoom and pan across it with the prompt as a caption;
- image: a PNG in the ratio asked (long side 512 px) showing the prompt over a gradient (with the
  reference image, when given, as the background instead);
- background removal: a PNG with a real alpha channel (transparent border, opaque subject) cut
  out of the input image (:func:`.media.make_cutout`);
- speech: an MP3 as long as the text takes to say (about 15 characters a second), a voice-like
  tone pitched by the voice;
- music: an MP3 tune of the asked length: notes of a scale (minor when the prompt sounds sad or
  dark) at the prompt's tempo ("120bpm"; else one picked from the prompt), over a bass note;
- transcription: a JSON file ``{"text","duration","segments":[{"start","end","text"}]}`` with
  the audio's real duration (PyAV) and a fixed text spread over it.

Every picture carries the red SANDBOX band of :mod:`.media`. Blocking: the sandbox calls it in a
worker thread; ffmpeg runs through the sandbox's :class:`~.media.ProcessRegistry` so shutting down
ends it.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import secrets
import textwrap
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .media import (
    MediaError,
    ProcessRegistry,
    _band_only,
    _colors,
    _esc,
    _run_labelled,
    find_font,
    make_cutout,
    probe_duration,
    probe_image_file,
)
from .media import make_generated_image as _generated_image

#: frames per second of the sandbox's videos (low: they must be quick to make)
VIDEO_FPS = 8
#: the long side of a video / an image, in pixels
VIDEO_LONG = 320
IMAGE_LONG = 512
CHARS_PER_SECOND = 15.0
SAMPLE_RATE = 22050
TRANSCRIPT_TEXT = ("This is the sandbox transcript. The local varg sandbox does not listen to your audio: "
                   "it measures how long it is and writes this fixed text across that time.")

_VIDEO_ARGS = ["-an", "-c:v", "libx264", "-preset", "ultrafast", "-crf", "28", "-pix_fmt", "yuv420p",
               "-movflags", "+faststart", "-f", "mp4"]
_MP3_ARGS = ["-c:a", "libmp3lame", "-b:a", "64k", "-f", "mp3"]

#: colour words a prompt may contain, and the colour they paint
COLOR_WORDS: dict[str, str] = {
    "red": "0xd62828", "orange": "0xf77f00", "yellow": "0xfcbf49", "gold": "0xd4a017", "green": "0x2a9d3f",
    "forest": "0x1b5e20", "blue": "0x1d4ed8", "ocean": "0x0b6e99", "sea": "0x1e88a8", "sky": "0x6ec6ff",
    "purple": "0x7b2cbf", "violet": "0x8f5bd6", "pink": "0xf472b6", "white": "0xf5f5f5", "black": "0x111111",
    "grey": "0x808080", "gray": "0x808080", "brown": "0x7f5539", "sunset": "0xff7b39", "night": "0x0b1026",
    "snow": "0xe8f1f8", "fire": "0xff4500", "cyan": "0x00bcd4", "teal": "0x008080", "desert": "0xd8b26e",
}
_SAD_WORDS = ("sad", "dark", "melanchol", "minor", "moody", "slow", "rain", "lonely", "tense", "horror")


class VargRenderError(MediaError):
    """The sandbox cannot make this result; ``message`` says why (the job fails with it)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Result:
    path: Path
    media_type: str
    text: str | None = None


# -- small helpers ------------------------------------------------------------------------------------
def even(x: float) -> int:
    return max(2, int(x) // 2 * 2)


def frame_size(aspect: str, long: int) -> tuple[int, int]:
    """A W:H frame whose long side is ``long`` (even sizes); 16:9 when ``aspect`` is not W:H."""
    m = re.fullmatch(r"\s*(\d+)\s*:\s*(\d+)\s*", aspect or "")
    rw, rh = (int(m.group(1)), int(m.group(2))) if m and int(m.group(1)) and int(m.group(2)) else (16, 9)
    if rw >= rh:
        return even(long), even(long * rh / rw)
    return even(long * rw / rh), even(long)


def _seed(*parts: object) -> int:
    return int.from_bytes(hashlib.sha256("\x00".join(map(str, parts)).encode("utf-8")).digest()[:4], "big")


def prompt_colors(prompt: str) -> tuple[str, str]:
    """Two colours for a prompt: the colour words it names (in order), else ones derived from it."""
    words = re.findall(r"[a-z]+", (prompt or "").lower())
    named = [COLOR_WORDS[w] for w in words if w in COLOR_WORDS]
    c0, c1 = _colors(prompt or "sandbox")
    if named:
        return named[0], named[1] if len(named) > 1 else c1
    return c0, c1


def speech_seconds(text: str) -> float:
    """How long the sandbox's voice takes to say ``text``."""
    return min(600.0, max(1.0, len(" ".join(text.split())) / CHARS_PER_SECOND))


def _caption_file(out: Path, text: str, width: int, size: int, max_lines: int) -> Path | None:
    text = " ".join(text.split())
    if not text:
        return None
    per_line = max(8, int(width * 0.9 / (size * 0.6)))
    lines = textwrap.wrap(text, per_line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: max(1, per_line - 1)] + "\u2026"
    tf = out.with_name(f".{out.stem}.{secrets.token_hex(4)}.txt")
    tf.write_text("\n".join(lines), encoding="utf-8")
    return tf


def _drawtext(label: str, tf: Path | None, size: int, y: str) -> str:
    font = find_font()
    if tf is None or font is None or label == _band_only():
        return ""
    return (f",drawtext=fontfile={_esc(font)}:textfile={_esc(str(tf))}:expansion=none:fontcolor=white:"
            f"fontsize={size}:line_spacing={max(1, size // 4)}:x=(w-tw)/2:y={y}:box=1:boxcolor=black@0.55:"
            f"boxborderw={max(2, size // 3)}")


# -- video ------------------------------------------------------------------------------------------
def make_video(reg: ProcessRegistry, prompt: str, seconds: float, aspect: str, image: Path | None, out: Path) -> None:
    """An MP4 of exactly ``seconds`` (at :data:`VIDEO_FPS`) from the prompt or the image."""
    w, h = frame_size(aspect, VIDEO_LONG)
    frames = max(1, round(seconds * VIDEO_FPS))
    dur = f"{frames / VIDEO_FPS:.3f}"
    size = max(10, min(w, h) // 14)
    tf = _caption_file(out, prompt, w, size, 3)
    try:
        if image is not None:
            try:
                probe_image_file(image)
            except MediaError as e:
                raise VargRenderError(f"The input image cannot be used: {e}") from None
            k = _seed("pan", prompt, image.name)
            x0, x1 = (k % 101) / 100, ((k >> 8) % 101) / 100
            n = max(1, frames - 1)
            zoom = f"1+0.25*on/{n}" if k % 2 == 0 else f"1.25-0.25*on/{n}"
            src = ["-i", str(image)]
            pre = (f"[0:v]trim=end_frame=1,scale={w * 2}:{h * 2}:force_original_aspect_ratio=increase,"
                   f"crop={w * 2}:{h * 2},zoompan=z='{zoom}':x='(iw-iw/zoom)*({x0:.2f}+{x1 - x0:.2f}*on/{n})':"
                   f"y='(ih-ih/zoom)/2':d={frames}:s={w}x{h}:fps={VIDEO_FPS},setsar=1,format=yuv420p")
            y = f"h-th-{h // 16}"
        else:
            c0, c1 = prompt_colors(prompt)
            k = _seed("shape", prompt)
            box = even(min(w, h) * (0.18 + (k % 10) / 100))
            shape_c = COLOR_WORDS["white"] if c0 != COLOR_WORDS["white"] else COLOR_WORDS["black"]
            src = ["-f", "lavfi", "-i", f"gradients=s={w}x{h}:c0={c0}:c1={c1}:x0=0:y0=0:x1={w}:y1={h}:nb_colors=2:"
                   f"speed=0.02:r={VIDEO_FPS}:d={dur}"]
            # a square crossing the frame once over the clip, bobbing up and down (overlay: drawbox
            # has no time variable)
            src += ["-f", "lavfi", "-i", f"color=c={shape_c}:s={box}x{box}:r={VIDEO_FPS}:d={dur}"]
            pre = (f"[0:v]format=yuv420p[bg];[1:v]format=yuva420p,colorchannelmixer=aa=0.85[sq];"
                   f"[bg][sq]overlay=x='(W-w)*t/{dur}':y='(H-h)/2+(H/5)*sin(t*{1 + k % 3})':eval=frame")
            y = "(h-th)/2+h/4"

        def build(label: str, path: str) -> list[str]:
            fc = f"{pre},{label}{_drawtext(label, tf, size, y)}[v]"
            return [*src, "-filter_complex", fc, "-map", "[v]", "-frames:v", str(frames), "-r", str(VIDEO_FPS),
                    *_VIDEO_ARGS, path]

        _run_labelled(reg, build, out)
    finally:
        if tf is not None:
            tf.unlink(missing_ok=True)


# -- images -----------------------------------------------------------------------------------------
def make_image(reg: ProcessRegistry, prompt: str, aspect: str, reference: Path | None, out: Path) -> None:
    """A PNG in the ratio asked that shows the prompt (over the reference image when given)."""
    w, h = frame_size(aspect, IMAGE_LONG)
    if reference is None:
        _generated_image(reg, prompt, w, h, 0, out)
        return
    try:
        probe_image_file(reference)
    except MediaError as e:
        raise VargRenderError(f"The reference image cannot be used: {e}") from None
    size = max(12, min(w, h) // 16)
    tf = _caption_file(out, prompt, w, size, 4)
    try:
        def build(label: str, path: str) -> list[str]:
            fc = (f"[0:v]trim=end_frame=1,scale={w}:{h}:force_original_aspect_ratio=increase,crop={w}:{h},setsar=1,"
                  f"{label}{_drawtext(label, tf, size, '(h-th)/2')}[v]")
            return ["-i", str(reference), "-filter_complex", fc, "-map", "[v]", "-frames:v", "1", "-update", "1",
                    "-c:v", "png", "-f", "image2", path]

        _run_labelled(reg, build, out)
    finally:
        if tf is not None:
            tf.unlink(missing_ok=True)


def make_cut_out(reg: ProcessRegistry, src: Path, out: Path) -> None:
    try:
        probe_image_file(src)
    except MediaError as e:
        raise VargRenderError(f"The input image cannot be used: {e}") from None
    make_cutout(reg, src, out)


# -- audio ------------------------------------------------------------------------------------------
def _write_wav(path: Path, samples: object) -> None:
    import numpy as np

    data = np.clip(np.asarray(samples, dtype=np.float64), -1.0, 1.0)
    pcm = (data * 32000).astype("<i2").tobytes()
    with wave.open(str(path), "wb") as wf:
        wf.setnchannels(1)
        wf.setsampwidth(2)
        wf.setframerate(SAMPLE_RATE)
        wf.writeframes(pcm)


def _to_mp3(reg: ProcessRegistry, wav: Path, out: Path) -> None:
    # a name of its own: two requests for the same voice preview may make it at once
    tmp = out.with_name(f"{out.stem}.{secrets.token_hex(4)}.part{out.suffix}")
    try:
        reg.run(["-i", str(wav), *_MP3_ARGS, str(tmp)])
        os.replace(tmp, out)
    finally:
        wav.unlink(missing_ok=True)
        tmp.unlink(missing_ok=True)


def voice_pitch(voice: str) -> float:
    return 100.0 + _seed("voice", (voice or "rachel").lower()) % 160


def speech_samples(text: str, voice: str, seconds: float) -> object:
    """A voice-like signal: syllables (one per ~4 characters) of a pitched, gliding tone with pauses."""
    import numpy as np

    n = max(1, int(seconds * SAMPLE_RATE))
    t = np.arange(n) / SAMPLE_RATE
    f0 = voice_pitch(voice)
    glide = 1.0 + 0.08 * np.sin(2 * np.pi * 0.7 * t)
    phase = 2 * np.pi * np.cumsum(f0 * glide) / SAMPLE_RATE
    tone = 0.6 * np.sin(phase) + 0.25 * np.sin(2 * phase) + 0.1 * np.sin(3 * phase)
    syllables = max(1.0, len(text) / 4.0) / seconds  # syllables per second
    env = np.clip(np.sin(np.pi * syllables * t) ** 2 * 1.4, 0, 1)
    # words: a short pause at each space's share of the text
    return 0.5 * tone * env


def make_speech(reg: ProcessRegistry, text: str, voice: str, out: Path) -> float:
    """An MP3 as long as ``text`` takes to say; returns that length."""
    seconds = speech_seconds(text)
    wav = out.with_name(f".{out.stem}.{secrets.token_hex(4)}.wav")
    _write_wav(wav, speech_samples(text, voice, seconds))
    _to_mp3(reg, wav, out)
    return seconds


def tune_samples(prompt: str, seconds: float) -> object:
    """A tune: notes of a major (or minor) scale at the prompt's tempo over a bass note, each note
    with an attack and a decay."""
    import numpy as np

    low = (prompt or "").lower()
    m = re.search(r"(\d{2,3})\s*bpm", low)
    bpm = float(m.group(1)) if m else float(80 + _seed("tempo", low) % 70)
    bpm = min(220.0, max(50.0, bpm))
    minor = any(w in low for w in _SAD_WORDS)
    scale = (0, 2, 3, 5, 7, 8, 10, 12) if minor else (0, 2, 4, 5, 7, 9, 11, 12)
    root = 220.0 * 2 ** ((_seed("key", low) % 7) / 12)
    beat = 60.0 / bpm / 2  # eighth notes
    n = max(1, int(seconds * SAMPLE_RATE))
    out = np.zeros(n)
    per = int(beat * SAMPLE_RATE)
    k = _seed("melody", low)
    step, i = 0, 0
    attack = max(1, int(0.01 * SAMPLE_RATE))
    while i < n:
        j = min(n, i + per)
        k = (k * 1103515245 + 12345) & 0x7FFFFFFF
        step = max(0, min(len(scale) - 1, step + (k >> 16) % 5 - 2))
        f = root * 2 ** (scale[step] / 12)
        tt = np.arange(j - i) / SAMPLE_RATE
        env = np.minimum(1.0, np.arange(j - i) / attack) * np.exp(-3.0 * tt / max(beat, 1e-3))
        out[i:j] += 0.45 * env * np.sin(2 * np.pi * f * tt)
        i = j
    t = np.arange(n) / SAMPLE_RATE
    bar = beat * 8
    bass_f = root / 2 * np.where((t // bar) % 2 == 0, 1.0, 2 ** ((7 if not minor else 8) / 12))
    out += 0.2 * np.sin(2 * np.pi * np.cumsum(bass_f) / SAMPLE_RATE)
    fade = min(n, int(0.05 * SAMPLE_RATE))
    if fade:
        out[-fade:] *= np.linspace(1.0, 0.0, fade)
    return out


def make_music(reg: ProcessRegistry, prompt: str, seconds: float, out: Path) -> None:
    wav = out.with_name(f".{out.stem}.{secrets.token_hex(4)}.wav")
    _write_wav(wav, tune_samples(prompt, seconds))
    _to_mp3(reg, wav, out)


def make_voice_preview(reg: ProcessRegistry, voice_id: str, name: str, out: Path) -> None:
    """A short MP3 in the voice (its preview)."""
    text = f"Hello, I am {name}, a sandbox voice."
    wav = out.with_name(f".{out.stem}.{secrets.token_hex(4)}.wav")
    _write_wav(wav, speech_samples(text, voice_id, 1.5))
    _to_mp3(reg, wav, out)


# -- transcription ------------------------------------------------------------------------------------
def audio_duration(path: Path) -> float:
    """The real duration of an audio (or video) file; :class:`VargRenderError` when it is not media."""
    try:
        d = probe_duration(path)
    except MediaError as e:
        raise VargRenderError(f"The audio cannot be read: {e}") from None
    if not d or not math.isfinite(d) or d <= 0:
        raise VargRenderError("The audio cannot be read: it has no duration.")
    return float(d)


def transcript(duration: float, language: str = "") -> dict[str, object]:
    """The fixed text with segments (one per sentence) spread over ``duration`` seconds."""
    sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s+", TRANSCRIPT_TEXT) if s.strip()]
    total = sum(len(s) for s in sentences)
    segments, t = [], 0.0
    for s in sentences:
        end = t + duration * len(s) / total
        segments.append({"start": round(t, 3), "end": round(end, 3), "text": s})
        t = end
    if segments:
        segments[-1]["end"] = round(duration, 3)
    d: dict[str, object] = {"text": TRANSCRIPT_TEXT, "duration": round(duration, 3), "segments": segments}
    if language:
        d["language"] = language
    return d


def make_transcript(audio: Path, language: str, out: Path) -> str:
    doc = transcript(audio_duration(audio), language)
    tmp = out.with_name(out.stem + ".part" + out.suffix)
    tmp.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, out)
    return str(doc["text"])


# -- the entry point ----------------------------------------------------------------------------------
def render(capability: str, model: str, params: dict[str, Any], inputs: list[Path], out_dir: Path,
           reg: ProcessRegistry) -> Result:
    """Make the result of one varg job in ``out_dir``; blocking.

    :param capability: ``video`` | ``image`` | ``speech`` | ``music`` | ``transcription``.
    :param model: the model id (``background-remover`` makes a cut-out on the image route).
    :param params: the validated request (``prompt``, ``text``, ``voice``, ``duration``, ``aspect_ratio``, ``language``).
    :param inputs: the local files of the request's hosted input URLs (images; the audio).
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    prompt = str(params.get("prompt") or "")
    first = inputs[0] if inputs else None
    if capability == "video":
        out = out_dir / "video.mp4"
        make_video(reg, prompt, float(params.get("duration") or 5), str(params.get("aspect_ratio") or "16:9"), first,
                   out)
        return Result(out, "video/mp4")
    if capability == "image" and model == "background-remover":
        if first is None:
            raise VargRenderError("Background removal needs an image.")
        out = out_dir / "cutout.png"
        make_cut_out(reg, first, out)
        return Result(out, "image/png")
    if capability == "image":
        out = out_dir / "image.png"
        make_image(reg, prompt, str(params.get("aspect_ratio") or "1:1"), first, out)
        return Result(out, "image/png")
    if capability == "speech":
        out = out_dir / "speech.mp3"
        make_speech(reg, str(params.get("text") or ""), str(params.get("voice") or "rachel"), out)
        return Result(out, "audio/mpeg")
    if capability == "music":
        out = out_dir / "music.mp3"
        make_music(reg, prompt, float(params.get("duration") or 30), out)
        return Result(out, "audio/mpeg")
    if capability == "transcription":
        if first is None:
            raise VargRenderError("Transcription needs an audio file.")
        out = out_dir / "transcript.json"
        text = make_transcript(first, str(params.get("language") or ""), out)
        return Result(out, "application/json", text)
    raise VargRenderError(f"Unknown capability {capability}.")
