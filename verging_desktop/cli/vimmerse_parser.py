"""The argparse tree of ``verging vimmerse ...`` (issue 12's table: every command, every option).

Every command takes the common options (``--sandbox``, ``--json``, ``-q``; ``--api-key`` and
``--base-url`` are Vimmerse's here). The commands that make a job add ``-d/--download``,
``-o/--output`` and ``--no-wait``; ``asset`` adds ``-d`` and ``-o`` (to save an asset's results).
A media argument is a local file (checked, then uploaded) or an http(s) URL: a media file's URL is
passed on as it is; a page's (and a video URL with ``enhance -s/-e``) is fetched first, then goes
the local-file way (``cli/remote_input.py``).
Values are checked by ``services/vimmerse_inputs.py`` (the same checks as the app's tabs), so
the choices are listed in the help rather than enforced by argparse.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..api.vimmerse.models import (
    ALIGNMENTS,
    ATTACH_MODES,
    AVATAR_RATIOS,
    DEFAULT_ENHANCE_MODE,
    EFFECT_OPTIONS,
    ENHANCE_MODES,
    ESTIMATE_APP_NAMES,
    LIP_SYNC_OPTIONS,
    REFERENCE_OPTIONS,
    V2V_OPTIONS,
    VOICES,
)

if TYPE_CHECKING:  # pragma: no cover
    from .parser import CliArgumentParser, Commands

OUTPUT_HELP = ("where the result goes (implies -d): a file name, or an existing folder (or a path ending in /) "
               "that receives it under its own name; with -n 2 or more, a folder. Nothing is overwritten")
MEDIA = ("a local file (uploaded first) or a URL: a media file's URL is passed on without upload; a page's "
         "(YouTube, Bilibili, any page yt-dlp reads) is fetched first, then uploaded")


def _one_of(choices: Iterable[str]) -> str:
    return "one of " + ", ".join(choices)


class _Group:
    """What the commands' functions share: the subparsers and the option parents."""

    def __init__(self, vs: Commands, common: CliArgumentParser) -> None:
        from .parser import CliArgumentParser

        self.vs = vs
        self.common = common
        self.out = CliArgumentParser(add_help=False)
        self.out.add_argument("-d", "--download", action="store_true", help="download the results")
        self.out.add_argument("-o", "--output", help=OUTPUT_HELP)
        self.job = CliArgumentParser(add_help=False, parents=[self.out])
        self.job.add_argument("--no-wait", action="store_true",
                              help="print the job and return at once; 'verging jobs wait ID' follows it later")

    def cmd(self, name: str, helptext: str, *, jobs: bool = True, out: bool = False) -> CliArgumentParser:
        parents = [self.common, self.job] if jobs else [self.common, self.out] if out else [self.common]
        return self.vs.add_parser(name, parents=parents, help=helptext, description=helptext)


def add_vimmerse(sub: Commands, common: CliArgumentParser) -> None:
    """``verging vimmerse COMMAND``: its own group of commands."""
    from .parser import CliArgumentParser

    g = sub.add_parser("vimmerse", parents=[common], help="Vimmerse v2 video: reframe, lip sync, backgrounds, "
                                                          "sound, generation (verging vimmerse --help)",
                       description="Vimmerse's v2 video API. Exit codes: 0 done, 2 bad input, 3 not enough "
                                   "credits, 4 key refused, 5 API, network or job failure.")
    vs = g.add_subparsers(dest="vimmerse_command", metavar="COMMAND", parser_class=CliArgumentParser, required=True)
    grp = _Group(vs, common)
    for add in (_add_upload, _add_video_edits, _add_lip_sync, _add_effects, _add_replace_bg, _add_generation,
                _add_audio_and_avatar, _add_estimate_and_asset):  # the order of 'verging vimmerse --help'
        add(grp)


def _add_upload(g: _Group) -> None:
    s = g.cmd("upload", "upload a video to Vimmerse and print its hosted URL (0 credits)", jobs=False)
    s.add_argument("-v", "--video", required=True, help="the video file (MP4, MOV, AVI or WebM), or a URL (a "
                                                        "media file's or a page's), fetched first")


def _add_video_edits(g: _Group) -> None:
    s = g.cmd("enhance", "upscale and clean a video (2X, 4X, DeepClean)")
    s.add_argument("-v", "--video", required=True, help="the video: " + MEDIA)
    s.add_argument("--mode", default=DEFAULT_ENHANCE_MODE, help=f"{_one_of(ENHANCE_MODES)} (default "
                                                                f"{DEFAULT_ENHANCE_MODE})")
    s.add_argument("--compression", default="0.5", help="compression scale from 0 to 1 (default 0.5)")
    s.add_argument("-s", "--start", type=float, help="in point, seconds (the selection is cut first, smart cut; "
                                                      "with a URL, only this section is fetched when the site "
                                                      "allows it, then uploaded)")
    s.add_argument("-e", "--end", type=float, help="out point, seconds (with a URL, only the section is fetched "
                                                    "when the site allows it)")
    s = g.cmd("crop", "crop a video to an aspect ratio (exact, cheap)")
    s.add_argument("-v", "--video", required=True, help="the video: " + MEDIA)
    s.add_argument("--aspect", required=True, help="W:H, for example 9:16")
    s.add_argument("--offset-x", type=int, help="the kept frame's left edge, pixels (default: centred)")
    s.add_argument("--offset-y", type=int, help="the kept frame's top edge, pixels (default: centred)")
    s = g.cmd("reframe", "AI reframe: fill a new aspect ratio instead of cropping")
    s.add_argument("-v", "--video", required=True, help="the video: " + MEDIA)
    s.add_argument("--aspect", required=True, help="W:H, for example 9:16")
    s.add_argument("-p", "--prompt", default="", help="how to fill the new frame (default: Make it realistic)")
    s = g.cmd("sound-effect", "add AI sound matched to the picture")
    s.add_argument("-v", "--video", required=True, help="the video: " + MEDIA)
    s.add_argument("-p", "--prompt", required=True, help="the sound to add")


def _add_lip_sync(g: _Group) -> None:
    s = g.cmd("lip-sync", "make a portrait or a video speak an audio file or a text")
    face = s.add_mutually_exclusive_group()
    face.add_argument("-v", "--video", help="a video of the face: " + MEDIA)
    face.add_argument("-i", "--image", help="a portrait image: " + MEDIA)
    speech = s.add_mutually_exclusive_group()
    speech.add_argument("-a", "--audio", help="the speech: " + MEDIA)
    speech.add_argument("-t", "--text", help="a text to speak (with --voice)")
    s.add_argument("--voice", help=f"the voice that speaks -t: {_one_of(VOICES)} (default AutoV)")
    s.add_argument("--option", default="AutoLipSync", help=f"the model: {_one_of(LIP_SYNC_OPTIONS)}")


def _add_effects(g: _Group) -> None:
    s = g.cmd("effects", "animate an image with an effect (BulletTime, Hug...)")
    s.add_argument("-i", "--image", required=True, help="the image: " + MEDIA)
    s.add_argument("--ref", help="a second person's image, for two-person effects: " + MEDIA)
    s.add_argument("--effect", default="BulletTime", help="the effect (default BulletTime)")
    s.add_argument("--option", default="HiggsfieldEffects", help=f"the model: {_one_of(EFFECT_OPTIONS)}")
    s.add_argument("-p", "--prompt", default="", help="what happens (optional)")
    s.add_argument("-n", type=int, default=1, dest="quantity", help="how many results, 1 to 4")
    s.add_argument("--aspect", help="W:H of the result")


def _add_replace_bg(g: _Group) -> None:
    s = g.cmd("replace-bg", "put a video's subject onto another background")
    s.add_argument("-v", "--video", required=True, help="the video: " + MEDIA)
    bg = s.add_mutually_exclusive_group()
    bg.add_argument("--bg-image", help="the background image: " + MEDIA)
    bg.add_argument("--bg-video", help="the background video: " + MEDIA)
    bg.add_argument("-p", "--prompt", help="a background described in words")
    s.add_argument("--align", default="center", help=f"where the subject stands: {_one_of(ALIGNMENTS)}")
    s.add_argument("--scale", help="the subject's size, above 0 and at most 1 of the frame (default 0.6666)")


def _add_generation(g: _Group) -> None:
    s = g.cmd("ref2video", "generate a video from reference images and a prompt")
    s.add_argument("-i", "--image", required=True, action="append", help="a reference image (repeat -i): " + MEDIA)
    s.add_argument("-p", "--prompt", required=True, help="the video to make")
    s.add_argument("--duration", default="5", help="seconds, 1 to 30 (default 5)")
    s.add_argument("--aspect", default="16:9", help="W:H (default 16:9)")
    s.add_argument("--option", default="KlingO", help=f"the model: {_one_of(REFERENCE_OPTIONS)} (default KlingO)")
    s.add_argument("-n", type=int, default=1, dest="quantity", help="how many results, 1 to 4")
    s = g.cmd("v2v", "restyle or edit a video from a prompt")
    s.add_argument("-v", "--video", required=True, help="the video: " + MEDIA)
    s.add_argument("-p", "--prompt", required=True, help="the change to make")
    s.add_argument("-i", "--image", help="a reference image: " + MEDIA)
    s.add_argument("--option", default="KlingO", help=f"the model: {_one_of(V2V_OPTIONS)} (default KlingO)")


def _add_audio_and_avatar(g: _Group) -> None:
    s = g.cmd("add-audio", "put an audio file onto a video")
    s.add_argument("-v", "--video", required=True, help="the video: " + MEDIA)
    s.add_argument("-a", "--audio", required=True, help="the audio: " + MEDIA)
    s.add_argument("--mode", default="MatchVideo", help=f"how the lengths are matched: {_one_of(ATTACH_MODES)} "
                                                        "(default MatchVideo)")
    s = g.cmd("avatar", "a talking avatar speaking a text")
    s.add_argument("--avatar", required=True, help="the avatar's id")
    s.add_argument("--voice", required=True, help="the voice's id")
    s.add_argument("-p", "--prompt", required=True, help="the text to speak")
    s.add_argument("--aspect", default="16:9", help=f"{_one_of(AVATAR_RATIOS)} (default 16:9)")
    s.add_argument("--captions", action="store_true", help="burn in captions")


def _add_estimate_and_asset(g: _Group) -> None:
    s = g.cmd("estimate", "what a job would cost (asks Vimmerse's estimate-credits)", jobs=False)
    s.add_argument("app", metavar="APP", help=f"{_one_of(ESTIMATE_APP_NAMES)}; crop, reframe, enhance, "
                                              "sound-effect and audio are priced from the local table")
    s.add_argument("--option", required=True, help="the model (or the enhance mode)")
    s.add_argument("--duration", type=float, help="seconds of media")
    s.add_argument("-n", type=int, default=1, dest="quantity", help="how many results")
    s.add_argument("-p", "--prompt", default="", help="the prompt (some models price by it)")
    s = g.cmd("asset", "print an asset (status, credits, results); -d/-o save its results", jobs=False, out=True)
    s.add_argument("id", metavar="ID", help="the asset id")
