"""The varg key and the provider keys never travel unencrypted over a network."""

from __future__ import annotations

import asyncio

import pytest

from verging_desktop.api.varg.client import VargClient
from verging_desktop.core.errors import InputError


@pytest.mark.parametrize("url", ["http://api.varg.ai/v1", "http://192.168.1.20:8080/v1", "http://example.test"])
def test_plain_http_to_another_computer_is_refused(url: str) -> None:
    with pytest.raises(InputError, match="https://") as refused:
        VargClient("varg_" + "k" * 20, url)
    assert "varg_" not in str(refused.value)


@pytest.mark.parametrize("url", ["https://api.varg.ai/v1", "http://127.0.0.1:8123/varg/v1",
                                 "http://localhost:9/varg/v1", "http://[::1]:9/v1"])
def test_https_and_this_computer_are_taken(url: str) -> None:
    c = VargClient(None, url)
    try:
        assert c.base_url == url
        with pytest.raises(InputError):
            c.base_url = "http://10.0.0.1/v1"
        assert c.base_url == url  # a refused address changes nothing
    finally:
        asyncio.run(c.aclose())
