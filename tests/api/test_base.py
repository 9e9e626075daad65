"""The pieces every provider client shares (api/base.py): status mapping worded per provider,
transport errors, and the Verging client built on them."""

from __future__ import annotations

import httpx

from verging_desktop.api.base import error_for_status, transport_error
from verging_desktop.api.verging import VergingClient
from verging_desktop.api.verging.wire import error_from_body
from verging_desktop.core.errors import (
    AuthError,
    BadRequest,
    ConnectionFailed,
    InsufficientCredits,
    NotFound,
    NotSent,
    RateLimited,
    RequestTimeout,
    ServerError,
    ServiceUnavailable,
    TransportError,
    UpstreamError,
)
from verging_desktop.core.providers import VARG, VERGING, VIMMERSE
from verging_desktop.core.settings import DEFAULT_BASE_URL


def test_status_codes_map_to_one_hierarchy_for_every_provider() -> None:
    for p in (VERGING, VIMMERSE, VARG):
        assert isinstance(error_for_status(p, 402, ""), InsufficientCredits)
        assert isinstance(error_for_status(p, 401, ""), AuthError)
        assert isinstance(error_for_status(p, 403, ""), AuthError)
        assert isinstance(error_for_status(p, 429, ""), RateLimited)
        assert isinstance(error_for_status(p, 400, ""), BadRequest)
        assert isinstance(error_for_status(p, 404, ""), NotFound)
        assert isinstance(error_for_status(p, 502, ""), UpstreamError)
        assert isinstance(error_for_status(p, 504, ""), ServiceUnavailable)
        assert isinstance(error_for_status(p, 500, ""), ServerError)
        assert type(error_for_status(p, 418, "tea")) is BadRequest
    assert "behind Vimmerse failed" in str(error_for_status(VIMMERSE, 502, ""))
    assert "Buy credits on varg.ai" in str(error_for_status(VARG, 402, ""))
    assert str(error_for_status(VERGING, 503, "")) == "Verging is unavailable or timed out (503). Try again in a moment."


def test_as_status_classifies_and_the_real_status_is_kept() -> None:
    e = error_for_status(VERGING, 200, "Required: 5, available: 2", as_status=402, error_code=40001)
    assert isinstance(e, InsufficientCredits) and e.status == 200 and e.required == 5 and e.available == 2


def test_verging_codes_and_paths_on_top_of_the_shared_rules() -> None:
    e = error_from_body(None, 40001, "no money", None)
    assert isinstance(e, InsufficientCredits) and str(e) == "Not enough credits: no money. Buy credits on verging.ai."
    assert isinstance(error_from_body(401, 40000, "", None), AuthError)
    assert isinstance(error_from_body(429, 40000, "", None), RateLimited)
    assert isinstance(error_from_body(404, 40000, "", None), BadRequest)
    # a refused presigned storage link is not a key problem
    e = error_from_body(403, None, "expired", None, path="/_storage/x.mp4")
    assert type(e) is BadRequest and str(e) == "The server answered an error (403): expired"


def test_transport_errors_share_one_base() -> None:
    req = httpx.Request("GET", "http://127.0.0.1:9/")
    refused = transport_error(httpx.ConnectError("refused", request=req), "Verging")
    assert isinstance(refused, NotSent) and isinstance(refused, TransportError)
    assert str(refused) == "Could not connect to Verging. Check your network connection and try again."
    slow = transport_error(httpx.ReadTimeout("slow", request=req), "the upload server")
    assert isinstance(slow, RequestTimeout) and isinstance(slow, TransportError) and not isinstance(slow, NotSent)
    dropped = transport_error(httpx.RemoteProtocolError("gone", request=req), "Verging")
    assert type(dropped) is ConnectionFailed and isinstance(dropped, TransportError)
    assert all(e.transient for e in (refused, slow, dropped))


def test_the_verging_client_takes_its_defaults_from_the_provider() -> None:
    assert VERGING.base_url == DEFAULT_BASE_URL
    c = VergingClient("vrg_sk_not_a_real_key_0000")
    try:
        assert c.base_url == VERGING.base_url
        assert c._auth() == {"Authorization": "ApiKey vrg_sk_not_a_real_key_0000"}
    finally:
        import asyncio

        asyncio.run(c.aclose())
