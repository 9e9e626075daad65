"""resource_path finds the top-level resources/ folder (shipped as verging_desktop.resources)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from verging_desktop.core import resources as res
from verging_desktop.core.pricing import Pricing
from verging_desktop.core.resources import resource_path, resource_text

ROOT = Path(__file__).resolve().parents[2]


def test_a_checkout_finds_its_own_resources_folder() -> None:
    assert resource_path() == ROOT / "resources"
    assert resource_path("pricing.json").is_file()
    assert json.loads(resource_text("varg_pricing.json"))


def test_the_package_folder_no_longer_holds_resources() -> None:
    # a stale verging_desktop/resources/ (even one holding only __pycache__) would be imported as a
    # namespace package in place of the mapped one
    assert not (ROOT / "verging_desktop" / "resources").exists()


def test_the_pricing_tables_load_from_it() -> None:
    assert Pricing.default().source == "built-in"


def test_a_frozen_bundle_uses_meipass(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bundled = tmp_path / "verging_desktop" / "resources"
    bundled.mkdir(parents=True)
    (bundled / "pricing.json").write_text("{}", "utf-8")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    res.resources_root.cache_clear()
    try:
        assert resource_path("pricing.json") == bundled / "pricing.json"
        assert resource_text("pricing.json") == "{}"
    finally:
        monkeypatch.undo()
        res.resources_root.cache_clear()
    assert resource_path() == ROOT / "resources"


def test_a_missing_file_is_a_file_not_found_error() -> None:
    with pytest.raises(FileNotFoundError):
        resource_text("no-such-file.json")
