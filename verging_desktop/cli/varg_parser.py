"""The argparse tree of ``verging varg ...`` (issue 13's table: every command, every option).

Every command takes the common options (``--sandbox``, ``--json``, ``-q``; ``--api-key`` and
``--base-url`` are varg's here). The commands that make a job add ``-d/--download``,
``-o/--output``, ``--no-wait``, ``--no-cache`` and ``--no-store``; ``job`` adds ``-d`` and ``-o``
(to save a job's result). Values are checked by ``services/varg_inputs.py`` (the same checks as
the app's tabs), so models, durations and ratios are listed in the help rather than enforced here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.varg_models import (
    DEFAULT_VOICE,
    DEFAULTS,
    IMAGE_ASPECTS,
    PRESET_VOICES,
    VIDEO_ASPECTS,
    Capability,
    model_names,
)

if TYPE_CHECKING:  # pragma: no cover
    from .parser import CliArgumentParser, Commands

OUTPUT_HELP = ("where the result goes (implies -d): a file name, or an existing folder (or a path ending in /) "
               "that receives it under its own name. Nothing is overwritten")
NO_CACHE_HELP = "skip varg's cache lookup (the result is still stored: a later identical request is free)"
NO_STORE_HELP = "skip varg's cache entirely: no lookup, and the result is not stored"
DOWNSCALE_HELP = "send a smaller JPEG copy of an image over varg's 50 MB limit (instead of refusing it)"
MEDIA = ("a local file (uploaded once per content) or a URL: a media file's URL is passed on; a page's "
         "(YouTube, Bilibili, any page yt-dlp reads) is fetched first, then uploaded")


def _models(cap: Capability, default: str) -> str:
    return f"one of {model_names(cap)} (default {default})"


class _Group:
    """What the commands' functions share: the subparsers and the option parents."""

    def __init__(self, vs: Commands, common: CliArgumentParser) -> None:
        from .parser import CliArgumentParser

        self.vs = vs
        self.common = common
        self.out = CliArgumentParser(add_help=False)
        self.out.add_argument("-d", "--download", action="store_true", help="download the result")
        self.out.add_argument("-o", "--output", help=OUTPUT_HELP)
        self.job = CliArgumentParser(add_help=False, parents=[self.out])
        self.job.add_argument("--no-wait", action="store_true",
                              help="print the job and return at once; 'verging jobs wait ID' follows it later")
        self.job.add_argument("--no-cache", action="store_true", help=NO_CACHE_HELP)
        self.job.add_argument("--no-store", action="store_true", help=NO_STORE_HELP)

    def cmd(self, name: str, helptext: str, *, job: bool = False, out: bool = False) -> CliArgumentParser:
        parents = [self.common, self.job] if job else [self.common, self.out] if out else [self.common]
        return self.vs.add_parser(name, parents=parents, help=helptext, description=helptext)


def add_varg(sub: Commands, common: CliArgumentParser) -> None:
    """``verging varg COMMAND``: its own group of commands."""
    from .parser import CliArgumentParser

    g = sub.add_parser("varg", parents=[common], help="the varg gateway: video, image, speech, music and "
                                                      "transcription models (verging varg --help)",
                       description="The varg gateway (Kling, Seedance, Wan, Flux, ElevenLabs, Whisper...). Amounts "
                                   "are cents. Exit codes: 0 done, 2 bad input, 3 not enough balance, 4 key "
                                   "refused, 5 API, network or job failure.")
    vs = g.add_subparsers(dest="varg_command", metavar="COMMAND", parser_class=CliArgumentParser, required=True)
    grp = _Group(vs, common)
    for add in (_add_video, _add_image, _add_audio, _add_transcribe, _add_account, _add_jobs):  # 'varg --help' order
        add(grp)


def _add_video(g: _Group) -> None:
    s = g.cmd("video", "text or images to video (Kling, Seedance, Wan, MiniMax, LTX)", job=True)
    s.add_argument("-p", "--prompt", required=True, help="the video to make")
    s.add_argument("--model", default=DEFAULTS["video"], help=_models(Capability.VIDEO, DEFAULTS["video"]))
    s.add_argument("--duration", type=float, default=None, metavar="S",
                   help="seconds (default: the model's, 5 for Kling; most models take 5 or 10)")
    s.add_argument("--aspect", default="", metavar="W:H", help=f"aspect ratio, e.g. {', '.join(VIDEO_ASPECTS)}")
    s.add_argument("-i", "--image", action="append", default=[], help="a start image, for image to video "
                                                                       "(repeatable): " + MEDIA)
    s.add_argument("--downscale", action="store_true", help=DOWNSCALE_HELP)


def _add_image(g: _Group) -> None:
    s = g.cmd("image", "images from a prompt (Flux, Nano Banana, Recraft, Soul; background-remover)", job=True)
    s.add_argument("-p", "--prompt", default="", help="the image to make")
    s.add_argument("--model", default=DEFAULTS["image"], help=_models(Capability.IMAGE, DEFAULTS["image"]))
    s.add_argument("--aspect", default="", metavar="W:H", help=f"aspect ratio, e.g. {', '.join(IMAGE_ASPECTS)}")
    s.add_argument("-i", "--image", action="append", default=[], help="a reference image (repeatable): " + MEDIA)
    s.add_argument("--downscale", action="store_true", help=DOWNSCALE_HELP)


def _add_audio(g: _Group) -> None:
    s = g.cmd("speech", "text to speech with ElevenLabs voices", job=True)
    s.add_argument("-t", "--text", required=True, help="the text to speak")
    s.add_argument("--model", default=DEFAULTS["speech"], help=_models(Capability.SPEECH, DEFAULTS["speech"]))
    s.add_argument("--voice", default=DEFAULT_VOICE, help=f"{', '.join(PRESET_VOICES)}, or any ElevenLabs voice_id "
                                                          f"('verging varg voices'; default {DEFAULT_VOICE})")
    s = g.cmd("music", "music from a description", job=True)
    s.add_argument("-p", "--prompt", required=True, help="the music to make")
    s.add_argument("--model", default=DEFAULTS["music"], help=_models(Capability.MUSIC, DEFAULTS["music"]))
    s.add_argument("--duration", type=float, default=None, metavar="S", help="seconds (default 30; 10 to 300)")


def _add_transcribe(g: _Group) -> None:
    s = g.cmd("transcribe", "speech to text (Whisper); -o OUT.txt, .srt or .vtt", job=True)
    s.add_argument("-f", "--file", required=True, help="the audio (or video): " + MEDIA)
    s.add_argument("--model", default=DEFAULTS["transcription"],
                   help=_models(Capability.TRANSCRIPTION, DEFAULTS["transcription"]))
    s.add_argument("--language", default="", metavar="L", help="the spoken language (e.g. en); default: detected")


def _add_account(g: _Group) -> None:
    s = g.cmd("upload", "upload a file to varg: prints its url, hash and whether it was deduplicated")
    s.add_argument("-f", "--file", required=True, help="the file (at most 50 MB), or a URL (fetched first)")
    s = g.cmd("voices", "the voices speech can use")
    s.add_argument("--search", default="", metavar="S", help="only voices whose name or labels match")
    s.add_argument("--gender", default="", help="only voices of this gender (male, female)")
    g.cmd("balance", "the varg balance (cents and dollars)")
    s = g.cmd("usage", "what varg charged, job by job (cost in cents, cache hits)")
    s.add_argument("--from", dest="start", metavar="DATE", help="from this day (YYYY-MM-DD)")
    s.add_argument("--to", dest="end", metavar="DATE", help="to this day (YYYY-MM-DD)")
    g.cmd("me", "who the varg key belongs to")


def _add_jobs(g: _Group) -> None:
    s = g.cmd("job", "a varg job's status and result (its varg id, or the local id 'verging jobs' lists)", out=True)
    s.add_argument("id", metavar="ID")
    s = g.cmd("cancel", "cancel a varg job that has not finished (varg id or local id)")
    s.add_argument("id", metavar="ID")
