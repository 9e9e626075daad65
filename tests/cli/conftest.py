"""The `cli` fixture: run the `verging` command in-process against the sandbox."""

from __future__ import annotations

import pytest

from verging_desktop.cli import main
from verging_desktop.sandbox import DEMO_KEY


@pytest.fixture
def cli(sandbox, capsys, monkeypatch, tmp_path):
    """``cli(*args, key=...)``: Verging commands get the sandbox's base URL and ``key`` (its demo key by
    default); ``verging vimmerse ...`` gets the sandbox's Vimmerse URL and ``key`` (the Vimmerse demo
    key by default). ``VIMMERSE_BASE_URL``/``VIMMERSE_API_KEY`` point at the sandbox too, so
    ``verging jobs`` follows the Vimmerse jobs (the key then comes from the environment)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("VERGING_POLL_INTERVAL", "0.2")
    monkeypatch.setenv("VIMMERSE_BASE_URL", sandbox.vimmerse_url)
    monkeypatch.setenv("VIMMERSE_API_KEY", sandbox.vimmerse_demo_key)

    def run(*args: str, key: str | None = DEMO_KEY):
        vimmerse = bool(args) and args[0] == "vimmerse"
        argv = list(args) + ["--base-url", sandbox.vimmerse_url if vimmerse else sandbox.base_url]
        if vimmerse and key == DEMO_KEY:
            key = sandbox.vimmerse_demo_key
        if key:
            argv += ["--api-key", key]
        code = main(argv)
        out, err = capsys.readouterr()
        return code, out, err

    return run
