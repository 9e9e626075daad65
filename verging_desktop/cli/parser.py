"""The argparse tree of the ``verging`` command, one small function per command."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, NoReturn

from ..core.providers import BYOK_KEYS
from ..core.tools import call_services
from .context import EXIT_INPUT


class CliArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, exit 2
        words = self.prog.split()[1:]  # "verging vimmerse crop" -> see 'verging vimmerse crop --help'
        self.exit(EXIT_INPUT, f"verging: {message} (see 'verging {' '.join(words)} --help')\n"
                  if words else f"verging: {message} (see 'verging --help')\n")


if TYPE_CHECKING:
    from typing import TypeAlias

    #: what ``add_subparsers`` returns: each ``_add_<command>`` adds its command to it
    Commands: TypeAlias = argparse._SubParsersAction[CliArgumentParser]


def _common(suppress: bool, *, vimmerse: bool = False, varg: bool = False) -> CliArgumentParser:
    """Options accepted before or after the command; after it, they must not reset what came before.
    ``vimmerse``/``varg``: the same options for ``verging vimmerse ...``/``verging varg ...``, whose
    key and base URL are that provider's."""
    d = (lambda v: argparse.SUPPRESS) if suppress else (lambda v: v)
    common = CliArgumentParser(add_help=False)
    if varg:
        common.add_argument("--api-key", default=d(None),
                            help="varg API key (default: the OS keyring's active varg profile, then $VARG_API_KEY)")
        common.add_argument("--base-url", default=d(None),
                            help="varg base URL (default: $VARG_BASE_URL or https://api.varg.ai/v1)")
    elif vimmerse:
        common.add_argument("--api-key", default=d(None),
                            help="Vimmerse API key (default: the OS keyring's active Vimmerse profile, then "
                                 "$VIMMERSE_API_KEY)")
        common.add_argument("--base-url", default=d(None),
                            help="Vimmerse base URL (default: $VIMMERSE_BASE_URL or https://api.vimmerse.net)")
    else:
        common.add_argument("--api-key", default=d(None),
                            help="API key (default: the OS keyring's active profile, then $VERGING_API_KEY)")
        common.add_argument("--base-url", default=d(None),
                            help="API base URL (default: $VERGING_BASE_URL or https://verging.ai/api/v1)")
    common.add_argument("--sandbox", action="store_true", default=d(False),
                        help="use an embedded local sandbox: nothing is charged")
    common.add_argument("--sandbox-data", metavar="DIR", default=d(None), help="keep the sandbox's state in DIR")
    common.add_argument("--json", action="store_true", default=d(False), help="print machine-readable JSON")
    common.add_argument("-q", "--quiet", action="store_true", default=d(False), help="no progress on stderr")
    common.add_argument("--yes", action="store_true", default=d(False),
                        help="a URL given as input: download it even when it is large, without asking "
                             "(without a terminal to ask on, a large download is refused otherwise)")
    common.add_argument("--verbose", action="store_true", default=d(False),
                        help="debug messages and FFmpeg's own lines on stderr (also: VERGING_DEBUG=1)")
    return common


OUTPUT_HELP = ("where the result goes (implies -d): an existing folder or a path ending in / receives it under "
               "its usual name; a name without extension gets the result's; an existing file is never overwritten")


#: what a media argument takes (the URL side: cli/remote_input.py)
URL_MEDIA = ("a file, or a URL: a media file's, or a page's (YouTube, Bilibili, any page yt-dlp reads), fetched "
             "into the app's cache first (reused when given again)")
#: said by every -s/-e that can meet a URL
SECTION_HELP = "; with a URL, only this section is fetched when the site allows it"


#: ``verging usage --service``: the services of the AI-call tools (no queue jobs), in the registry's order
USAGE_SERVICES = call_services("verging")


def build_parser() -> argparse.ArgumentParser:
    top = _common(False)
    common = _common(True)

    p = CliArgumentParser(prog="verging", description="Verging AI from the command line.", parents=[top])
    p.add_argument("--version", action="version", version=f"verging {__import__('verging_desktop').__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=CliArgumentParser)
    for add in (_add_me, _add_bg_remove, _add_video, _add_imagegen, _add_chat, _add_tts, _add_stt, _add_vision,
                _add_usage, _add_keys, _add_jobs, _add_estimate):  # the order of 'verging --help'
        add(sub, common)
    from .vimmerse_parser import add_vimmerse

    add_vimmerse(sub, _common(True, vimmerse=True))
    from .varg_parser import add_varg

    add_varg(sub, _common(True, varg=True))
    return p


# -- account -------------------------------------------------------------------------------------
def _add_me(sub: Commands, common: CliArgumentParser) -> None:
    sub.add_parser("me", parents=[common], help="account email, name and credits")


def _add_usage(sub: Commands, common: CliArgumentParser) -> None:
    s = sub.add_parser("usage", parents=[common], help="AI proxy usage history")
    s.add_argument("--service", choices=USAGE_SERVICES)
    s.add_argument("--page", type=int, default=1)
    s.add_argument("--page-size", type=int, default=20)


#: whose keys ``verging keys --provider`` manages: the providers, then the keys varg takes from the user (BYOK)
KEY_PROVIDERS = ("verging", "vimmerse", "varg", *(k.id for k in BYOK_KEYS))
PROVIDER_HELP = ("whose key: verging (the default), vimmerse, varg, or a key varg passes on to its provider "
                 "(fal, elevenlabs, higgsfield, replicate)")


def _add_keys(sub: Commands, common: CliArgumentParser) -> None:
    s = sub.add_parser("keys", parents=[common], help="API keys: list, validate, delete, add, remove, profiles, use")
    ks = s.add_subparsers(dest="keys_action", metavar="ACTION", parser_class=CliArgumentParser, required=True)
    ks.add_parser("list", parents=[common], help="the account's keys (prefix only)")
    v = ks.add_parser("validate", parents=[common], help="check the key in use")
    v.add_argument("--provider", choices=("verging", "vimmerse", "varg"), default="verging", help="whose key to check")
    d = ks.add_parser("delete", parents=[common], help="revoke a key for good")
    d.add_argument("id")
    ad = ks.add_parser("add", parents=[common], help="store a key read from standard input in the OS keyring")
    ad.add_argument("--provider", choices=KEY_PROVIDERS, default="verging", help=PROVIDER_HELP)
    ad.add_argument("--profile", default="default")
    ad.add_argument("--no-validate", "--no-check", dest="no_validate", action="store_true",
                    help="store without asking the server first (Verging, Vimmerse and varg keys are checked)")
    rm = ks.add_parser("remove", parents=[common], help="remove a profile's key from the OS keyring")
    rm.add_argument("--provider", choices=KEY_PROVIDERS, default="verging", help=PROVIDER_HELP)
    rm.add_argument("--profile", default="default")
    pr = ks.add_parser("profiles", parents=[common], help="list local profiles")
    pr.add_argument("--provider", choices=KEY_PROVIDERS, default="verging", help=PROVIDER_HELP)
    use = ks.add_parser("use", parents=[common], help="make a profile active")
    use.add_argument("--provider", choices=KEY_PROVIDERS, default="verging", help=PROVIDER_HELP)
    use.add_argument("profile")


def _add_estimate(sub: Commands, common: CliArgumentParser) -> None:
    s = sub.add_parser("estimate", parents=[common], help="credit estimate from the pricing data")
    s.add_argument("service")
    s.add_argument("--duration", type=float, help="seconds (video, speech to text)")
    s.add_argument("--hd", action="store_true")
    s.add_argument("--chars", type=int, help="characters (text to speech, chat)")
    s.add_argument("--count", "-n", type=int, help="images")
    s.add_argument("--quality")
    s.add_argument("--input-tokens", type=int)
    s.add_argument("--output-tokens", type=int)


# -- video ---------------------------------------------------------------------------------------
def _add_video(sub: Commands, common: CliArgumentParser) -> None:
    for name, helptext in (("faceswap", "swap a face onto a video (1 credit/s, HD 3/s; 30 s per job)"),
                           ("enhance", "enhance a video (3 credits/s, HD 5/s; 30 s per job)")):
        s = sub.add_parser(name, parents=[common], help=helptext, conflict_handler="resolve")
        s.add_argument("-v", "--video", required=True, help="the video: " + URL_MEDIA)
        if name == "faceswap":
            s.add_argument("-f", "--face", required=True, help="the face image (jpg, png, webp): a file or an "
                                                                "image URL")
        s.add_argument("--hd", action="store_true", help="HD processing (costs more)")
        s.add_argument("-s", "--start", type=float, help="in point, seconds" + SECTION_HELP)
        s.add_argument("-e", "--end", type=float, help="out point, seconds" + SECTION_HELP)
        s.add_argument("--cut-mode", choices=("auto", "copy", "smart", "exact", "compact"), default="auto",
                       help="how the selection is prepared: auto (default: the fastest to upload at the measured "
                            "upload rate), copy, smart, exact, or compact (a smaller re-encode)")
        s.add_argument("-d", "--download", action="store_true", help="download the result")
        s.add_argument("-o", "--output", help=OUTPUT_HELP)


# -- images --------------------------------------------------------------------------------------
def _add_bg_remove(sub: Commands, common: CliArgumentParser) -> None:
    s = sub.add_parser("bg-remove", parents=[common], help="remove an image's background (1 credit each)")
    s.add_argument("-i", "--image", required=True, action="append",
                   help="an image: a file or an image URL; repeat -i for a batch")
    s.add_argument("-o", "--output", help=OUTPUT_HELP + "; with several images, a folder")
    s.add_argument("-d", "--download", action="store_true", help="download the result")


def _add_imagegen(sub: Commands, common: CliArgumentParser) -> None:
    s = sub.add_parser("imagegen", parents=[common], help="generate images from a prompt")
    s.add_argument("-p", "--prompt", required=True)
    s.add_argument("--size", default=None)
    s.add_argument("--quality", default="auto")
    s.add_argument("-n", type=int, default=1)
    s.add_argument("--model", default=None)
    s.add_argument("-o", "--output", help=OUTPUT_HELP + "; with -n 2 or more, a folder")
    s.add_argument("-d", "--download", action="store_true")


def _add_vision(sub: Commands, common: CliArgumentParser) -> None:
    s = sub.add_parser("vision", parents=[common], help="ask about an image (file or URL)")
    s.add_argument("-i", "--image", required=True, help="the image: a file or a URL (an image's own URL is "
                                                        "passed on; any other is fetched and uploaded)")
    s.add_argument("-p", "--prompt", required=True)
    s.add_argument("--model")
    s.add_argument("--max-tokens", type=int)


# -- audio and text ------------------------------------------------------------------------------
def _add_tts(sub: Commands, common: CliArgumentParser) -> None:
    s = sub.add_parser("tts", parents=[common], help="text to speech (long text is split and joined)")
    s.add_argument("-t", "--text", required=True)
    s.add_argument("-v", "--voice", default=None)
    s.add_argument("--speed", type=float, default=None)
    s.add_argument("--format", default="mp3")
    s.add_argument("--model", default=None)
    s.add_argument("-o", "--output", help="a file (the format's extension is added when missing) or a folder")


def _add_stt(sub: Commands, common: CliArgumentParser) -> None:
    s = sub.add_parser("stt", parents=[common], help="speech to text (audio or video; large files are compressed)")
    s.add_argument("-f", "--file", required=True, help="an audio or video file (converted as needed), or a URL: "
                                                       "a media file's, or a page's (YouTube, Bilibili...: its "
                                                       "sound is fetched)")
    s.add_argument("--language")
    s.add_argument("--model")
    s.add_argument("-o", "--output", help="write the transcript to this file (.srt or .vtt: subtitles; no "
                                          "extension: .txt) or into this folder")


def _add_chat(sub: Commands, common: CliArgumentParser) -> None:
    s = sub.add_parser("chat", parents=[common], help="chat completion (streams by default)")
    s.add_argument("-m", "--message", required=True)
    s.add_argument("--system")
    s.add_argument("--model")
    s.add_argument("--temperature", type=float)
    s.add_argument("--max-tokens", type=int)
    s.add_argument("--no-stream", action="store_true")


# -- the job queue -------------------------------------------------------------------------------
def _add_jobs(sub: Commands, common: CliArgumentParser) -> None:
    s = sub.add_parser("jobs", parents=[common], help="the local job queue (shared with the app)")
    s.add_argument("--status", help="list only jobs in this state (pending, processing, completed, failed, ...)")
    js = s.add_subparsers(dest="jobs_action", metavar="ACTION", parser_class=CliArgumentParser)
    # 'verging jobs' lists; 'verging jobs list' is the explicit form (its --status wins when given)
    ls = js.add_parser("list", parents=[common], help="list the jobs (what plain 'verging jobs' does)")
    ls.add_argument("--status", default=argparse.SUPPRESS,
                    help="list only jobs in this state (pending, processing, completed, failed, ...)")
    sh = js.add_parser("show", parents=[common], help="everything about one job (Verging or Vimmerse)")
    sh.add_argument("id", metavar="ID")
    for name, helptext in (("wait", "wait for jobs and download their results"),
                           ("retry", "retry failed face swaps on the server (charges again), then wait")):
        w = js.add_parser(name, parents=[common], help=helptext)
        w.add_argument("ids", nargs="*", metavar="ID")
        if name == "wait":
            w.add_argument("--all", action="store_true", help="wait for every unfinished job of this account")
        w.add_argument("-o", "--out-dir", "--output", dest="out_dir",
                       help="where results go (a folder, or a file name for one job); default: where "
                            "they were asked for when sent, else the current folder")
        w.add_argument("--no-download", action="store_true")
        w.add_argument("--timeout", type=float, default=None, help="give up waiting after SECONDS")
