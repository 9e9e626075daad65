"""Where the app keeps its files: the environment can move each folder (the tests move them all)."""

from __future__ import annotations

from pathlib import Path

import pytest

from verging_desktop.core.settings import app_dirs


def test_every_folder_follows_its_environment_variable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("VERGING_CONFIG_DIR", "VERGING_DATA_DIR", "VERGING_LOG_DIR", "VERGING_DOWNLOAD_DIR"):
        monkeypatch.setenv(var, str(tmp_path / var.lower()))
    d = app_dirs()
    assert (d.config, d.data, d.log, d.downloads) == tuple(
        tmp_path / v.lower() for v in ("VERGING_CONFIG_DIR", "VERGING_DATA_DIR", "VERGING_LOG_DIR",
                                       "VERGING_DOWNLOAD_DIR"))


def test_without_it_results_go_to_the_user_s_downloads_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    import platformdirs

    monkeypatch.delenv("VERGING_DOWNLOAD_DIR", raising=False)
    assert app_dirs().downloads == Path(platformdirs.user_downloads_dir()) / "Verging"
