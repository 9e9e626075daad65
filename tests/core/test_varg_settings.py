"""varg's settings: its base URL (VARG_BASE_URL overrides it) and the plan's limit of running jobs."""

from __future__ import annotations

import pytest

from verging_desktop.core.settings import DEFAULT_VARG_URL, Settings


def test_the_varg_url_is_the_setting_unless_varg_base_url_is_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VARG_BASE_URL", raising=False)
    assert Settings().effective_varg_url() == DEFAULT_VARG_URL == "https://api.varg.ai/v1"
    assert Settings(varg_base_url="http://127.0.0.1:9/varg/v1/").effective_varg_url() == "http://127.0.0.1:9/varg/v1"
    assert Settings(varg_base_url="  ").effective_varg_url() == DEFAULT_VARG_URL
    monkeypatch.setenv("VARG_BASE_URL", "http://localhost:8/varg/v1/")
    assert Settings(varg_base_url="http://127.0.0.1:9/varg/v1").effective_varg_url() == "http://localhost:8/varg/v1"


def test_the_plan_says_how_many_varg_jobs_run_at_once() -> None:
    assert Settings().varg_max_running == 2
    assert Settings(varg_plan="pro").varg_max_running == 10
    assert Settings(varg_plan="pro", varg_custom_running=3).varg_max_running == 10
    assert Settings(varg_plan="custom", varg_custom_running=4).varg_max_running == 4
    assert Settings(varg_plan="custom", varg_custom_running=0).varg_max_running == 1
    assert Settings(varg_plan="custom", varg_custom_running=500).varg_max_running == 50
