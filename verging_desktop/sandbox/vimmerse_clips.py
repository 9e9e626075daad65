"""The Vimmerse sandbox results made from pictures: talking clips and Ken Burns clips.

- lip-sync: the portrait image (held) or the video (looped) with the audio, or with a voice tone
  as long as the text takes to say (about 15 characters a second); the text burned in;
- avatar: the avatar drawn on its background (the image given, or a gradient of its own), with
  the audio or the voice tone, and captions when ``show_caption`` is On;
- reference-to-video, video-effects: a Ken Burns clip (zoom and pan) across the images, as long
  as asked (video-effects: 5 s), in the ratio asked; each of ``quantity`` clips moves differently.

Used by :func:`.vimmerse_media.render`; the helpers are that module's.
"""

from __future__ import annotations

from pathlib import Path

from ..api.vimmerse.models import AVATAR_RATIOS
from .media import _colors
from .vimmerse_media import (
    FPS,
    Job,
    RenderError,
    audio_seconds,
    canvas,
    even,
    fit,
    image_size,
    norm,
    out_args,
    ratio,
    secs,
    seed,
    speech_seconds,
    still,
    video_info,
    voice_tone,
)

#: video-effects clips last this long
EFFECT_SECONDS = 5.0
#: how much further in (or out) a Ken Burns move goes, by effect (default 0.25)
EFFECT_ZOOM = {"Crash Zoom": 0.9, "Dolly Zoom": 0.5, "Explosion": 0.6, "Inflate": 0.45, "Squish": 0.35}


def _speech(job: Job, audio: Path | None, text: str, voice: str) -> tuple[list[str], str, float]:
    """The audio input arguments (if a file), the filtergraph part that ends in ``[a]``, the length."""
    if audio is not None:
        return ["-i", str(audio)], "aresample=44100,aformat=channel_layouts=stereo", audio_seconds(audio)
    if not text:
        raise RenderError(f"{'An avatar' if job.app.name == 'AVATAR' else 'Lip sync'} needs an audio file "
                          "or a text to speak.")
    return [], voice_tone(voice, speech_seconds(text), "a"), speech_seconds(text)


def _audio_graph(inputs: list[str], part: str, index: int) -> str:
    """``[a]`` made from input ``index`` (``part`` a filter chain) or from a source (``part`` ends in [a])."""
    return f"[{index}:a]{part}[a]" if inputs else part


def lip_sync(job: Job) -> list[Path]:
    video = job.file("video_url", "video", required=False)
    image = job.file("image_url", "portrait image", required=False) if video is None else None
    if video is None and image is None:
        raise RenderError("Lip sync needs a portrait image or a video of the face.")
    audio = job.file("audio_url", "audio file", required=False)
    text = job.args.text("prompt")
    a_in, a_part, dur = _speech(job, audio, text, job.args.text("voice", "AutoV"))
    if video is not None:
        info = video_info(video)
        v_in = ["-stream_loop", "-1", "-i", str(video)]
        chain = norm(info)
        w, h = even(info.display_width), even(info.display_height)
    else:
        assert image is not None
        w, h = fit(*image_size(image))
        v_in = ["-i", str(image)]
        chain = f"{still()},scale={w}:{h},setsar=1"

    def build(label: str, out: str) -> list[str]:
        fc = f"[0:v]{chain},{label}{job.caption(label, text, w, h)}[v];{_audio_graph(a_in, a_part, 1)}"
        return [*v_in, *a_in, "-filter_complex", fc, "-map", "[v]", "-map", "[a]", "-t", secs(dur),
                *out_args(), out]

    return [job.run(build, job.out())]


def avatar(job: Job) -> list[Path]:
    avatar_id = job.args.text("avatar_id")
    if not avatar_id:
        raise RenderError("A talking avatar needs an avatar id (avatar_id is missing).")
    aspect = job.args.text("aspect_ratio", "16:9")
    if aspect not in AVATAR_RATIOS:
        raise RenderError(f"'{aspect}' is not an avatar ratio; use one of {', '.join(AVATAR_RATIOS)}.")
    cw, ch = canvas(*ratio(aspect), 1280) if aspect != "1:1" else (720, 720)
    bg = job.file("bg_image_url", "background image", required=False)
    audio = job.file("audio_url", "audio file", required=False)
    text = job.args.text("prompt")
    a_in, a_part, dur = _speech(job, audio, text, job.args.text("voice_id", "AutoV"))
    captions = job.args.flag("show_caption", True)
    if bg is not None:
        image_size(bg)
        bg_in, bg_pre = ["-i", str(bg)], f"{still()},"
    else:
        c0, c1 = _colors("avatar\x00" + avatar_id)
        bg_pre = ""
        bg_in = ["-f", "lavfi", "-i", f"gradients=s={cw}x{ch}:c0={c0}:c1={c1}:x0=0:y0=0:x1={cw}:y1={ch}:"
                 f"nb_colors=2:speed=0.01:r={FPS}:d={secs(dur + 1)}"]
    # the avatar: a head and shoulders in its own colour, standing on the bottom edge
    body_c, head_c = _colors("figure\x00" + avatar_id)
    bw, bh = even(min(cw, ch) * 0.5), even(ch * 0.3)
    hw = even(bw * 0.45)
    bx, by = (cw - bw) // 2, ch - bh
    hx, hy = (cw - hw) // 2, by - hw - ch // 60
    # the head nods with the speech
    figure = (f"drawbox=x={bx}:y={by}:w={bw}:h={bh}:color={body_c}@0.95:t=fill,"
              f"drawbox=x={hx}:y='{hy}+{max(2, ch // 120)}*sin(t*8)':w={hw}:h={hw}:color={head_c}@0.95:t=fill")

    def build(label: str, out: str) -> list[str]:
        cap = job.caption(label, text, cw, ch) if captions else ""
        name = job.caption(label, f"Avatar {avatar_id}", cw, ch, top=True, max_lines=1)
        fc = (f"[0:v]{bg_pre}scale={cw}:{ch}:force_original_aspect_ratio=increase,crop={cw}:{ch},setsar=1,fps={FPS},"
              f"{figure},{label}{name}{cap}[v];{_audio_graph(a_in, a_part, 1)}")
        return [*bg_in, *a_in, "-filter_complex", fc, "-map", "[v]", "-map", "[a]", "-t", secs(dur),
                *out_args(), out]

    return [job.run(build, job.out())]


def _ken_burns(job: Job, images: list[Path], seconds: float, aspect: str | None, count: int, caption: str,
               zoom: float = 0.25) -> list[Path]:
    """``count`` clips of ``seconds`` each, zooming and panning across ``images`` in turn."""
    sizes = [image_size(p) for p in images]
    if aspect:
        rw, rh = ratio(aspect)
    else:
        rw, rh = sizes[0]
    long = min(1280, max(256, max(max(s) for s in sizes)))
    cw, ch = canvas(rw, rh, long)
    frames = max(1, round(seconds * FPS))
    used = images[:frames]
    per = [frames // len(used) + (1 if i < frames % len(used) else 0) for i in range(len(used))]
    outs: list[Path] = []
    for q in range(count):
        parts: list[str] = []
        for i, n in enumerate(per):
            k = seed("kenburns", q, i)
            zin = (q + i) % 2 == 0
            z = f"1+{zoom:.3f}*on/{max(1, n - 1)}" if zin else f"{1 + zoom:.3f}-{zoom:.3f}*on/{max(1, n - 1)}"
            x0, x1 = (k % 101) / 100, ((k >> 8) % 101) / 100
            y0, y1 = ((k >> 16) % 101) / 100, ((k >> 24) % 101) / 100
            pan_x = f"(iw-iw/zoom)*({x0:.2f}+{x1 - x0:.2f}*on/{max(1, n - 1)})"
            pan_y = f"(ih-ih/zoom)*({y0:.2f}+{y1 - y0:.2f}*on/{max(1, n - 1)})"
            parts.append(f"[{i}:v]trim=end_frame=1,scale={cw * 2}:{ch * 2}:force_original_aspect_ratio=increase,crop={cw * 2}:{ch * 2},"
                         f"zoompan=z='{z}':x='{pan_x}':y='{pan_y}':d={n}:s={cw}x{ch}:fps={FPS},setsar=1,"
                         f"format=yuv420p[k{i}]")
        joined = "".join(f"[k{i}]" for i in range(len(per)))
        ins = [a for p in used for a in ("-i", str(p))]

        def build(label: str, out: str, parts: list[str] = parts, joined: str = joined, ins: list[str] = ins) -> list[str]:
            fc = (";".join(parts) + f";{joined}concat=n={len(per)}:v=1:a=0,{label}"
                  f"{job.caption(label, caption, cw, ch, max_lines=2)}[v];"
                  f"anullsrc=channel_layout=stereo:sample_rate=44100[a]")
            return [*ins, "-filter_complex", fc, "-map", "[v]", "-map", "[a]", "-t", secs(frames / FPS),
                    *out_args(), out]

        outs.append(job.run(build, job.out(q, count)))
    return outs


def reference_to_video(job: Job) -> list[Path]:
    images = job.files("image_urls")
    if not images:
        if job.args.data.get("image_urls"):
            raise RenderError("The sandbox does not hold the reference images; upload them to the sandbox first.")
        raise RenderError("Reference to video needs at least one reference image (image_urls is empty).")
    seconds = job.args.integer("duration", 5, what="The duration in seconds", lo=1, hi=30) or 5
    aspect = job.args.text("aspect_ratio", "16:9")
    return _ken_burns(job, images, float(seconds), aspect, job.args.quantity(), job.args.text("prompt"))


def video_effects(job: Job) -> list[Path]:
    image = job.need("image_url", "image")
    ref = job.file("ref_image_url", "second person's image", required=False)
    effect = job.args.text("effect", "BulletTime")
    images = [image] if ref is None else [image, ref]
    aspect = job.args.text("aspect_ratio") or None
    prompt = job.args.text("prompt")
    caption = f"{effect}: {prompt}" if prompt else effect
    return _ken_burns(job, images, EFFECT_SECONDS, aspect, job.args.quantity(), caption,
                      EFFECT_ZOOM.get(effect, 0.25))
