"""Real media files for sandbox results, made with ffmpeg and probed with PyAV.

Every output is clearly sandbox output: a red "SANDBOX" label is burned in (or, when no font
can be found or drawtext fails, a red band without text). ffmpeg runs as a child process with an
argument list (never a shell) in a worker thread; the server's event loop never waits on it.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import logging
import os
import shutil
import subprocess
import textwrap
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..media.binaries import ffmpeg_exe

log = logging.getLogger("verging_desktop.sandbox")

#: seconds one ffmpeg run may take before it is killed
FFMPEG_TIMEOUT = 900.0

_FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "/System/Library/Fonts/Supplemental/Arial.ttf",
    "/Library/Fonts/Arial.ttf",
    "C:/Windows/Fonts/arial.ttf",
    "C:/Windows/Fonts/segoeui.ttf",
)

TTS_FORMATS: dict[str, tuple[str, list[str]]] = {
    # response_format: (file extension, ffmpeg output arguments)
    "mp3": ("mp3", ["-c:a", "libmp3lame", "-b:a", "64k", "-f", "mp3"]),
    "opus": ("opus", ["-c:a", "libopus", "-b:a", "32k", "-f", "ogg"]),
    "aac": ("aac", ["-c:a", "aac", "-b:a", "64k", "-f", "adts"]),
    "flac": ("flac", ["-c:a", "flac", "-f", "flac"]),
    "wav": ("wav", ["-c:a", "pcm_s16le", "-f", "wav"]),
    "pcm": ("pcm", ["-c:a", "pcm_s16le", "-f", "s16le"]),
}

VOICE_PITCH = {"alloy": 220.0, "echo": 165.0, "fable": 247.0, "onyx": 131.0, "nova": 262.0, "shimmer": 294.0}


class MediaError(Exception):
    """ffmpeg failed or an input could not be decoded."""


@functools.lru_cache(maxsize=1)
def find_font() -> str | None:
    """A TrueType font file for drawtext: $VERGING_SANDBOX_FONT, fontconfig, then well-known paths."""
    env = os.environ.get("VERGING_SANDBOX_FONT")
    if env and os.path.isfile(env):
        return env
    fc = shutil.which("fc-match")
    if fc:
        try:
            r = subprocess.run([fc, "-f", "%{file}", "DejaVu Sans:style=Book"], capture_output=True, text=True, timeout=5)
            path = r.stdout.strip()
            if r.returncode == 0 and path and os.path.isfile(path) and path.lower().endswith((".ttf", ".otf")):
                return path
        except (OSError, subprocess.SubprocessError):
            pass
    for c in _FONT_CANDIDATES:
        if os.path.isfile(c):
            return c
    return None


def _esc(value: str) -> str:
    """Escape a path for use as a filter option value inside a filtergraph."""
    v = value.replace("\\", "/")
    for ch in ("'", ":", ",", ";", "[", "]"):
        v = v.replace(ch, "\\" + ch)
    return v


def _label(size_expr: str = "h/14", y: str = "(h/10-th)/2", x: str = "12") -> str:
    """Filter chain text that burns in the red SANDBOX band (with text when a font exists)."""
    band = "drawbox=x=0:y=0:w=iw:h=ih/10:color=red@0.55:t=fill"
    font = find_font()
    if font is None:
        return band
    return (
        f"{band},drawtext=fontfile={_esc(font)}:text=SANDBOX:fontcolor=white:"
        f"fontsize={size_expr}:x={x}:y={y}"
    )


def _band_only() -> str:
    return "drawbox=x=0:y=0:w=iw:h=ih/10:color=red@0.55:t=fill"


class ProcessRegistry:
    """Keeps the running ffmpeg processes so that :meth:`kill_all` can end them on shutdown."""

    def __init__(self, exe: str | None = None) -> None:
        self._lock = threading.Lock()
        self._procs: set[subprocess.Popen[bytes]] = set()
        self.closed = False
        #: the ffmpeg binary to run (None: :func:`ffmpeg_exe`)
        self.exe = exe

    def run(self, args: list[str], timeout: float = FFMPEG_TIMEOUT, *, exe: str | None = None) -> None:
        """Run ffmpeg with ``args`` (without the executable); raise :class:`MediaError` on failure.

        ``exe`` overrides the registry's binary for this one run.
        """
        cmd = [exe or self.exe or ffmpeg_exe(), "-hide_banner", "-nostdin", "-loglevel", "error", "-y", *args]
        with self._lock:
            if self.closed:
                raise MediaError("The sandbox is shutting down.")
            proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            self._procs.add(proc)
        try:
            try:
                _, err = proc.communicate(timeout=timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.communicate()
                raise MediaError(f"ffmpeg took longer than {timeout:.0f} s") from None
        finally:
            with self._lock:
                self._procs.discard(proc)
        if proc.returncode != 0:
            tail = err.decode("utf-8", "replace").strip().splitlines()[-3:]
            raise MediaError("ffmpeg failed: " + " | ".join(tail) if tail else f"ffmpeg exited with {proc.returncode}")

    def kill_all(self) -> None:
        with self._lock:
            self.closed = True
            procs = list(self._procs)
        for p in procs:
            with contextlib.suppress(OSError):  # pragma: no cover - already gone
                p.kill()


def _run_labelled(reg: ProcessRegistry, build: Callable[[str, str], list[str]], out: Path, *,
                  exe: str | None = None) -> None:
    """Run a command built with the text label; if that fails, retry with the plain red band.

    ``build`` gets :func:`_band_only` on the retry: it should then leave out any other drawtext too.
    """
    tmp = out.with_name(out.stem + ".part" + out.suffix)
    try:
        reg.run(build(_label(), str(tmp)), exe=exe)
    except MediaError as e:
        if find_font() is None or reg.closed:
            raise
        log.warning("drawtext failed (%s); making the sandbox result without text", e)
        reg.run(build(_band_only(), str(tmp)), exe=exe)
    os.replace(tmp, out)


# -- probing ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class ImageInfo:
    width: int
    height: int
    format: str  # png, jpeg, gif, webp


def sniff_image(data: bytes) -> str | None:
    """The image format by magic bytes: png, jpeg, gif, webp, or None."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return None


def probe_image(data: bytes) -> ImageInfo:
    """Decode the first frame of an image held in memory; :class:`MediaError` if it is not one."""
    fmt = sniff_image(data)
    if fmt is None:
        raise MediaError("The file is not a PNG, JPEG, GIF or WebP image.")
    import av

    try:
        with av.open(io.BytesIO(data), mode="r") as c:
            frame = next(c.decode(video=0))
            return ImageInfo(int(frame.width), int(frame.height), fmt)
    except (av.error.FFmpegError, StopIteration, IndexError, ValueError) as e:
        raise MediaError(f"The image cannot be decoded ({e}).") from None


def probe_image_file(path: Path) -> ImageInfo:
    with open(path, "rb") as f:
        head = f.read(64)
    fmt = sniff_image(head)
    if fmt is None:
        raise MediaError("The file is not a PNG, JPEG, GIF or WebP image.")
    import av

    try:
        with av.open(str(path), mode="r") as c:
            frame = next(c.decode(video=0))
            return ImageInfo(int(frame.width), int(frame.height), fmt)
    except (av.error.FFmpegError, StopIteration, IndexError, ValueError) as e:
        raise MediaError(f"The image cannot be decoded ({e}).") from None


def probe_duration(path: Path) -> float:
    """The real duration of an audio or video file in seconds (PyAV)."""
    import av

    try:
        with av.open(str(path), mode="r") as c:
            if c.duration is not None and c.duration > 0:
                return float(c.duration) / 1_000_000.0
            best = 0.0
            for s in c.streams:
                if s.duration is not None and s.time_base is not None:
                    best = max(best, float(s.duration * s.time_base))
            if best > 0:
                return best
            # no duration in the headers: decode to the end
            last = 0.0
            for packet in c.demux():
                if packet.pts is not None and packet.time_base is not None:
                    last = max(last, float((packet.pts + (packet.duration or 0)) * packet.time_base))
            return last
    except (av.error.FFmpegError, ValueError) as e:
        raise MediaError(f"The media file cannot be decoded ({e}).") from None


def video_size(path: Path) -> tuple[int, int]:
    import av

    try:
        with av.open(str(path), mode="r") as c:
            s = c.streams.video[0]
            return int(s.codec_context.width), int(s.codec_context.height)
    except (av.error.FFmpegError, IndexError, ValueError) as e:
        raise MediaError(f"The video cannot be decoded ({e}).") from None


# -- results ---------------------------------------------------------------------------------
_VIDEO_OUT = ["-c:v", "libx264", "-preset", "ultrafast", "-crf", "26", "-pix_fmt", "yuv420p",
              "-c:a", "aac", "-b:a", "128k", "-movflags", "+faststart", "-f", "mp4"]


def make_enhanced(reg: ProcessRegistry, src: Path, out: Path) -> None:
    """2x Lanczos upscale plus unsharp, SANDBOX band burned in, audio kept (re-encoded to AAC)."""

    def build(label: str, out: str) -> list[str]:
        vf = f"scale=trunc(iw*2/2)*2:trunc(ih*2/2)*2:flags=lanczos,unsharp=5:5:1.0:5:5:0.0,{label}"
        return ["-i", str(src), "-vf", vf, "-map", "0:v:0", "-map", "0:a?", *_VIDEO_OUT, out]

    _run_labelled(reg, build, out)


def make_faceswap(reg: ProcessRegistry, src: Path, face: Path, out: Path) -> None:
    """The uploaded video with the face image composited in the lower right corner."""
    _, h = video_size(src)
    fh = max(16, (h // 4) // 2 * 2)

    def build(label: str, out: str) -> list[str]:
        fc = (
            f"[1:v]scale=-2:{fh},format=rgba[face];"
            f"[0:v][face]overlay=W-w-12:H-h-12:eof_action=repeat,scale=trunc(iw/2)*2:trunc(ih/2)*2,{label}[v]"
        )
        return ["-i", str(src), "-i", str(face), "-filter_complex", fc, "-map", "[v]", "-map", "0:a?", *_VIDEO_OUT, out]

    _run_labelled(reg, build, out)


def make_cutout(reg: ProcessRegistry, src: Path, out: Path) -> None:
    """A PNG with a real alpha channel: an elliptical cut-out of the image, SANDBOX labelled."""
    alpha = "if(lte(pow((X-W/2)/(W*0.42),2)+pow((Y-H/2)/(H*0.47),2),1),255,0)"
    font = find_font()

    def build(label: str, out: str) -> list[str]:
        chain = f"[0:v]format=rgba,geq=r='r(X,Y)':g='g(X,Y)':b='b(X,Y)':a='{alpha}'"
        if label != _band_only() and font is not None:
            chain += (
                f",drawtext=fontfile={_esc(font)}:text=SANDBOX:fontcolor=white:fontsize=max(12\\,h/12):"
                "x=(w-tw)/2:y=h-th-6:box=1:boxcolor=red@0.75:boxborderw=4"
            )
        else:
            chain += ",drawbox=x=0:y=ih-ih/14:w=iw:h=ih/14:color=red@0.75:t=fill"
        return ["-i", str(src), "-filter_complex", chain, "-frames:v", "1", "-update", "1", "-c:v", "png",
                "-pix_fmt", "rgba", "-f", "image2", out]

    _run_labelled(reg, build, out)


def _colors(seed: str) -> tuple[str, str]:
    h = hashlib.sha256(seed.encode("utf-8")).digest()
    return f"0x{h[0]:02x}{h[1]:02x}{h[2]:02x}", f"0x{h[3]:02x}{h[4]:02x}{h[5]:02x}"


def make_generated_image(reg: ProcessRegistry, prompt: str, width: int, height: int, index: int, out: Path) -> None:
    """A PNG of ``width`` x ``height`` showing the prompt and SANDBOX over a prompt-derived gradient.

    Falls back to a coloured pattern (gradient plus bands, no text) when drawtext fails.
    """
    c0, c1 = _colors(f"{prompt}\x00{index}")
    src = f"gradients=s={width}x{height}:c0={c0}:c1={c1}:x0=0:y0=0:x1={width}:y1={height}:nb_colors=2:d=1:r=1"
    fontsize = max(14, width // 30)
    wrap = max(8, int(width * 0.88 / (fontsize * 0.6)))
    lines = textwrap.wrap(prompt, wrap)[: max(1, int(height * 0.6 / (fontsize * 1.3)))] or [""]
    text_file = out.with_name(out.stem + ".prompt.txt")
    text_file.write_text("\n".join(lines), encoding="utf-8")
    font = find_font()
    tmp = out.with_name(out.stem + ".part.png")
    try:
        if font is not None:
            vf = (
                f"drawtext=fontfile={_esc(font)}:textfile={_esc(str(text_file))}:expansion=none:fontcolor=white:"
                f"fontsize={fontsize}:line_spacing={fontsize // 4}:x=(w-tw)/2:y=(h-th)/2:box=1:boxcolor=black@0.45:"
                f"boxborderw={fontsize // 2},"
                f"drawtext=fontfile={_esc(font)}:text=SANDBOX:fontcolor=white:fontsize=h/16:x=(w-tw)/2:y=h/24:"
                "box=1:boxcolor=red@0.7:boxborderw=8"
            )
            try:
                reg.run(["-f", "lavfi", "-i", src, "-vf", vf, "-frames:v", "1", "-update", "1", "-f", "image2", str(tmp)])
                os.replace(tmp, out)
                return
            except MediaError as e:
                if reg.closed:
                    raise
                log.warning("drawtext failed for imagegen (%s); using a plain pattern", e)
        band_y = int(hashlib.sha256(prompt.encode()).digest()[6]) % max(1, height // 2)
        vf = (
            f"drawbox=x=0:y={band_y}:w=iw:h=ih/8:color={c1}@0.8:t=fill,"
            "drawbox=x=0:y=0:w=iw:h=ih/10:color=red@0.7:t=fill,"
            f"drawgrid=w=iw/8:h=ih/8:t=2:c={c0}@0.5"
        )
        reg.run(["-f", "lavfi", "-i", src, "-vf", vf, "-frames:v", "1", "-update", "1", "-f", "image2", str(tmp)])
        os.replace(tmp, out)
    finally:
        text_file.unlink(missing_ok=True)


def make_speech(reg: ProcessRegistry, duration: float, voice: str, response_format: str, out: Path) -> None:
    """Tone audio (a sine with tremolo, pitch by voice) of exactly ``duration`` seconds."""
    _, args = TTS_FORMATS[response_format]
    freq = VOICE_PITCH.get(voice, 220.0)
    tmp = out.with_name(out.stem + ".part" + out.suffix)
    reg.run(
        ["-f", "lavfi", "-i", f"sine=frequency={freq:g}:sample_rate=24000:duration={duration:.3f}",
         "-af", "tremolo=f=5:d=0.6,volume=0.5", "-ac", "1", *args, str(tmp)]
    )
    os.replace(tmp, out)
