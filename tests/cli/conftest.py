"""The `cli` fixture: run the `verging` command in-process against the sandbox."""

from __future__ import annotations

import pytest

from verging_desktop.cli import main
from verging_desktop.sandbox import DEMO_KEY


@pytest.fixture
def cli(sandbox, capsys, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("VERGING_POLL_INTERVAL", "0.2")

    def run(*args: str, key: str | None = DEMO_KEY):
        argv = list(args) + ["--base-url", sandbox.base_url]
        if key:
            argv += ["--api-key", key]
        code = main(argv)
        out, err = capsys.readouterr()
        return code, out, err

    return run
