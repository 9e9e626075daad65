"""The output rule (core/outputs.py) and job identity (core/identity.py) as plain functions."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from verging_desktop.core.errors import InputError
from verging_desktop.core.identity import account_identity, server_key
from verging_desktop.core.outputs import Destination, destination


def test_existing_folder_and_trailing_separator_are_folders(tmp_path: Path) -> None:
    (tmp_path / "have").mkdir()
    d = destination("have", cwd=tmp_path)
    assert d == Destination(tmp_path / "have", True)
    assert d.target("clip_faceswap.mp4") == tmp_path / "have" / "clip_faceswap.mp4"
    d = destination("new/", cwd=tmp_path)
    assert d is not None and d.folder and d.target("a_nobg.png") == tmp_path / "new" / "a_nobg.png"


def test_a_bare_name_gets_the_result_extension_and_a_named_one_is_kept(tmp_path: Path) -> None:
    assert destination("swap", cwd=tmp_path).target("clip_faceswap.mp4") == tmp_path / "swap.mp4"
    assert destination("take.v2", cwd=tmp_path).target("x.mp4") == tmp_path / "take.v2.mp4"
    assert destination("q/swap1.mp4", cwd=tmp_path).target("clip_faceswap.mp4") == tmp_path / "q" / "swap1.mp4"
    assert destination("Out.PNG", cwd=tmp_path).target("a_nobg.png") == tmp_path / "Out.PNG"


def test_batches_need_a_folder(tmp_path: Path) -> None:
    d = destination("many", count=3, what="image", cwd=tmp_path)
    assert d is not None and d.folder
    with pytest.raises(InputError, match="With 3 images, -o must be a folder.*looks like a file name"):
        destination("many.png", count=3, what="image", cwd=tmp_path)
    (tmp_path / "f").write_text("x")
    with pytest.raises(InputError, match="is a file"):
        destination("f", count=2, cwd=tmp_path)
    with pytest.raises(InputError, match="is a file"):
        destination("f/inside.png", cwd=tmp_path)


def test_encode_decode_round_trip(tmp_path: Path) -> None:
    for d in (Destination(tmp_path / "dir", True), Destination(tmp_path / "file.mp4", False),
              Destination(tmp_path / "bare", False)):
        assert Destination.decode(d.encode()) == d
    assert Destination(tmp_path, True).encode().endswith(os.sep)


@pytest.mark.parametrize("url", [
    "https://verging.ai/api/v1", "https://verging.ai/api/v1/", "HTTPS://Verging.AI/api/v1",
    "https://verging.ai:443/api/v1", "http://verging.ai/api/v1", "http://verging.ai:80/api/v1/", "verging.ai/api/v1",
])
def test_base_urls_that_differ_only_in_form_are_one_server(url: str) -> None:
    assert server_key(url) == "verging.ai"
    assert account_identity("verging", url, "Me@Example.com") == "verging|verging.ai|me@example.com"


def test_other_servers_ports_and_accounts_differ() -> None:
    a = account_identity("verging", "https://verging.ai/api/v1", "me@example.com")
    assert account_identity("verging", "https://staging.verging.ai/api/v1", "me@example.com") != a
    assert account_identity("verging", "https://verging.ai:8443/api/v1", "me@example.com") != a
    assert account_identity("verging", "https://verging.ai/api/v1", "you@example.com") != a


def test_a_sandbox_is_known_by_its_instance_not_its_port() -> None:
    a = account_identity("verging", "http://127.0.0.1:40001/api/v1", "demo@sandbox", "abc123")
    b = account_identity("verging", "http://127.0.0.1:40999/api/v1", "demo@sandbox", "abc123")
    c = account_identity("verging", "http://127.0.0.1:40001/api/v1", "demo@sandbox", "other")
    assert a == b != c
