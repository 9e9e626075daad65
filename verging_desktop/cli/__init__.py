"""The ``verging`` command: the same services as the app, no Qt.

Exit codes: 0 done; 2 bad input or usage; 3 insufficient credits; 4 authentication;
5 API, network or job failure. Every failure prints one clear line on stderr.

The package: ``parser`` (the argparse tree), ``context`` (key, base URL, sandbox, client, queue,
output), ``jobs`` (jobs through the persistent queue, ``verging jobs``) and the commands by area:
``video``, ``images``, ``audio``, ``chat``, ``account``, and a group per provider: ``vimmerse``
(``verging vimmerse ...``, its parser in ``vimmerse_parser``) and ``varg`` (``verging varg ...``, its
parser in ``varg_parser``), and ``remote_input`` (a URL wherever a file is taken: fetched into the
app's cache, then used as the file). This module maps commands to handlers.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections.abc import Awaitable, Callable

from ..core.errors import VergingError
from .account import cmd_estimate, cmd_keys, cmd_me, cmd_usage
from .audio import cmd_stt, cmd_tts
from .chat import cmd_chat
from .context import EXIT_API, EXIT_INPUT, Context
from .images import cmd_bg_remove, cmd_imagegen, cmd_vision
from .jobs import cmd_jobs
from .parser import build_parser
from .varg import cmd_varg
from .video import cmd_enhance, cmd_faceswap
from .vimmerse import cmd_vimmerse

__all__ = ["main"]

COMMANDS: dict[str, Callable[[Context], Awaitable[int]]] = {
    "me": cmd_me, "bg-remove": cmd_bg_remove, "imagegen": cmd_imagegen, "chat": cmd_chat, "tts": cmd_tts,
    "stt": cmd_stt, "vision": cmd_vision, "usage": cmd_usage, "keys": cmd_keys, "estimate": cmd_estimate, "jobs": cmd_jobs,
    "faceswap": cmd_faceswap, "enhance": cmd_enhance, "vimmerse": cmd_vimmerse,
    "varg": cmd_varg,
}


def _one_line(e: BaseException) -> str:
    from ..core.redact import redact

    return redact(" ".join(str(e).split())) or type(e).__name__


async def _run(ctx: Context, fn: Callable[[Context], Awaitable[int]]) -> int:
    try:
        return await fn(ctx)
    finally:
        await ctx.close()


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # usage errors (2) and --help/--version (0)
        return int(e.code or 0)
    if not args.command:
        parser.print_help(sys.stderr)
        return EXIT_INPUT
    from ..app_core.logsetup import remove_terminal_logging, setup_terminal_logging

    handler = setup_terminal_logging(bool(getattr(args, "verbose", False) or os.environ.get("VERGING_DEBUG")))
    try:
        return _main(args)
    finally:
        remove_terminal_logging(handler)


def _main(args: argparse.Namespace) -> int:
    fn = COMMANDS[args.command]
    try:
        ctx = Context(args)
        return asyncio.run(_run(ctx, fn))
    except KeyboardInterrupt:
        print("verging: interrupted", file=sys.stderr)
        return 130
    except VergingError as e:
        print(f"verging: {_one_line(e)}", file=sys.stderr)
        return e.exit_code
    except OSError as e:
        print(f"verging: {_one_line(e)}", file=sys.stderr)
        return EXIT_INPUT if isinstance(e, (FileNotFoundError, IsADirectoryError, PermissionError)) else EXIT_API
    except Exception as e:  # never a traceback
        print(f"verging: unexpected error: {type(e).__name__}: {_one_line(e)} "
              "(set VERGING_DEBUG=1 and report it)", file=sys.stderr)
        return EXIT_API
