"""``verging-sandbox`` / ``python -m verging_desktop.sandbox``: run the sandbox until SIGINT/SIGTERM.

The first line on stdout is the base URL (``http://127.0.0.1:PORT/api/v1``) and nothing else, so
a parent process can read it to find the port.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
from types import FrameType

from ..core.redact import RedactingFilter
from .faults import FaultConfig
from .server import DEMO_KEY, Sandbox


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="verging-sandbox", description="A local server speaking the Verging API.")
    p.add_argument("--host", default="127.0.0.1", help="interface to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=0, help="port, 0 picks a free one (default 0)")
    p.add_argument("--data-dir", default=None, help="keep state here (default: a temporary directory)")
    p.add_argument("--key", action="append", default=None, metavar="KEY",
                   help=f"accept this API key (repeatable; default {DEMO_KEY})")
    p.add_argument("--credits", type=float, default=1000, help="balance of new accounts (default 1000)")
    p.add_argument("--job-seconds", type=float, default=6.0, help="how long a job takes (default 6)")
    p.add_argument("--speed", type=float, default=1.0, help="speed multiplier (default 1)")
    p.add_argument("--varg-job-seconds", type=float, default=3.0,
                   help="how long a varg job runs (default 3; the paths under /varg/v1)")
    p.add_argument("--error-rate", type=float, default=0.0, help="share of API requests answered 502/503")
    p.add_argument("--latency-ms", type=float, default=0.0, help="extra latency per API request")
    p.add_argument("--log-level", default="WARNING", help="logging level on stderr (default WARNING)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(RedactingFilter())
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=getattr(logging, str(args.log_level).upper(), logging.WARNING), handlers=[handler])

    keys = None
    if args.key:
        keys = {k: {"credits": args.credits} for k in args.key}
    faults = FaultConfig(latency_ms=args.latency_ms, error_rate=args.error_rate)
    sandbox = Sandbox(data_dir=args.data_dir, port=args.port, host=args.host, keys=keys, credits=args.credits,
                      job_seconds=args.job_seconds, speed=args.speed, faults=faults)
    sandbox.varg_job_seconds = args.varg_job_seconds
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    try:
        url = sandbox.start()
    except RuntimeError as e:
        print(f"verging-sandbox: {e}", file=sys.stderr)
        return 1
    print(url, flush=True)
    try:
        while not stop.wait(0.5):
            pass
    finally:
        sandbox.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
