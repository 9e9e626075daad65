"""Vimmerse's error answers as sentences, and the streamed multipart body (no server needed)."""

from __future__ import annotations

import asyncio
import json

import httpx
import pytest
from python_multipart import parse_form

from verging_desktop.api.vimmerse.models import Asset, AssetState, CreditEstimate
from verging_desktop.api.vimmerse.wire import MultipartFile, detail_sentence, error_from_response, word_sentence
from verging_desktop.core.errors import (
    AuthError,
    BadRequest,
    InputError,
    InsufficientCredits,
    NotFound,
    RateLimited,
    ServerError,
    ServiceUnavailable,
)
from verging_desktop.core.redact import register_secret


def _resp(status: int, body=None, headers=None, raw: bytes | None = None) -> httpx.Response:
    content = raw if raw is not None else (json.dumps(body).encode() if body is not None else b"")
    return httpx.Response(status, content=content, headers=headers,
                          request=httpx.Request("POST", "https://api.vimmerse.net/v2/video/crop-to-aspect-ratio"))


def test_422_details_name_the_field_in_plain_words() -> None:
    miss = {"detail": [{"loc": ["body", "video_url"], "msg": "field required", "type": "value_error.missing"}]}
    e = error_from_response(_resp(422, miss))
    assert isinstance(e, BadRequest) and str(e) == "Vimmerse needs a video URL (video_url is missing)."
    pydantic2 = {"detail": [{"loc": ["body", "audio_url"], "msg": "Field required", "type": "missing"},
                            {"loc": ["body", "aspect_ratio"], "msg": "String should match pattern '^\\d+:\\d+$'",
                             "type": "string_pattern_mismatch"}]}
    text = str(error_from_response(_resp(422, pydantic2)))
    assert "Vimmerse needs an audio URL (audio_url is missing)." in text
    assert "Vimmerse needs an aspect ratio written W:H (for example 9:16)" in text
    odd = {"detail": [{"loc": ["body", "frobnicate_level"], "msg": "value is not a valid integer"}]}
    assert "frobnicate level" in detail_sentence(odd["detail"])
    assert detail_sentence("Not allowed") == "Vimmerse did not accept the request: Not allowed."


def test_upper_case_words_become_sentences() -> None:
    for w in ("BAD_REQUEST", "MEDIA_NOT_FOUND", "INVALID_ASPECT_RATIO", "INVALID_QUANTITY"):
        e = error_from_response(_resp(400, {"message": w}))
        assert isinstance(e, BadRequest) and w not in str(e) and str(e).endswith(".")
    assert "media file" in word_sentence("MEDIA_NOT_FOUND")
    assert word_sentence("TOO_MANY_FACES") == "Vimmerse rejected the request (too many faces)."
    e = error_from_response(_resp(404, {"message": "MEDIA_NOT_FOUND"}))
    assert isinstance(e, NotFound) and "could not find the media" in str(e)
    e = error_from_response(_resp(404, {"detail": "Not Found"}))
    assert isinstance(e, NotFound)
    e = error_from_response(_resp(400, raw=b"plain words from a proxy"))
    assert isinstance(e, BadRequest) and "plain words from a proxy" in str(e)


def test_statuses_map_to_the_shared_typed_errors() -> None:
    e = error_from_response(_resp(402, {"message": "INSUFFICIENT_CREDIT"}))
    assert isinstance(e, InsufficientCredits) and "vimmerse.net" in str(e) and "INSUFFICIENT" not in str(e)
    assert isinstance(error_from_response(_resp(401, {"message": "UNAUTHORIZED"})), AuthError)
    assert isinstance(error_from_response(_resp(403, {"detail": "Not authenticated"})), AuthError)
    e = error_from_response(_resp(429, {"message": "RATE_LIMIT_EXCEEDED"}, headers={"Retry-After": "12"}))
    assert isinstance(e, RateLimited) and 10 < e.wait_seconds() <= 12
    assert isinstance(error_from_response(_resp(503, raw=b"<html>busy</html>")), ServiceUnavailable)
    assert isinstance(error_from_response(_resp(500, {"message": "boom"})), ServerError)


def test_server_text_is_redacted() -> None:
    secret = "vim_test_secret_in_an_error"
    register_secret(secret)
    e = error_from_response(_resp(400, {"message": f"key {secret} is odd"}))
    assert secret not in str(e)


def test_tolerant_asset_parsing() -> None:
    a = Asset.from_json({"data": {"id": "x", "status": "processing_bullet", "credits": "7.5", "results": "https://r",
                                  "created_at": "2025-05-06 16:35:59.840508+00:00", "surprise": {"a": 1}}})
    b = Asset.from_json({"id": "x", "status": "queue_bullet", "created_at": "2025-05-06T16:35:59.840508+00:00"})
    assert a.credits == 7.5 and a.results == ("https://r",) and a.state is AssetState.WORKING
    assert a.created_at == b.created_at and b.state is AssetState.WORKING
    assert Asset.from_json({"id": "x", "status": "cancel"}).state is AssetState.CANCELLED
    assert CreditEstimate.from_json({"total_credits": "12"}).total == 12


def test_the_multipart_body_is_exact_and_streamed_in_pieces(tmp_path) -> None:
    src = tmp_path / 'my "clip".mp4'
    data = bytes(range(256)) * 9000  # 2.3 MB: three reads
    src.write_bytes(data)
    body = MultipartFile("video_file", src, content_type="video/mp4")
    progress = []

    async def collect() -> list[bytes]:
        return [c async for c in body.stream(progress.append)]

    pieces = asyncio.run(collect())
    raw = b"".join(pieces)
    assert len(raw) == body.content_length and max(len(p) for p in pieces) <= 1024 * 1024
    assert [p.done for p in progress] == [1024 * 1024, 2 * 1024 * 1024, len(data)]
    got: dict = {}

    def on_file(f) -> None:
        f.file_object.seek(0)
        got[f.field_name] = (f.file_name, f.file_object.read())

    parse_form({"Content-Type": body.content_type.encode(), "Content-Length": str(len(raw)).encode()},
               __import__("io").BytesIO(raw), lambda f: None, on_file)
    assert got[b"video_file"][1] == data
    assert got[b"video_file"][0] == b'my %22clip%22.mp4'
    # a file that changes size while it is sent is refused, not sent with a wrong length
    grow = MultipartFile("video_file", src)
    src.write_bytes(data + b"more")

    async def drain() -> None:
        async for _ in grow.stream():
            pass

    with pytest.raises(InputError, match="changed while it was being uploaded"):
        asyncio.run(drain())


#: JSON values a server (or a proxy in front of it) might put in any field
HOSTILE = [None, True, False, 0, -1, 10**30, -(10**30), 1e308, -1e308, float("inf"), float("-inf"), float("nan"),
           "", " ", "inf", "-inf", "nan", "Infinity", "1e999", "-1e999", "9" * 400, "abc", "2025-13-45T99:99:99",
           "2025-05-06T16:35:59+99:00", "0000-00-00 00:00:00", [], [None], [1, {"a": 1}], {}, {"a": [1]},
           1e20, -1e20, 253402300800, -62135596801, 1e15, 2**63]
FIELDS = ("id", "asset_id", "app_name", "status", "results", "thumbnails", "credits", "quantity", "mime_type", "args",
          "created_at", "updated_at", "progress", "failure_reason", "error", "error_message", "message")


@pytest.mark.parametrize("value", HOSTILE, ids=repr)
def test_odd_informational_fields_are_ignored_never_raised(value) -> None:
    import math
    from datetime import datetime

    from verging_desktop.api.vimmerse.models import _num, parse_time

    n = _num(value)
    assert n is None or (isinstance(n, float) and math.isfinite(n))
    t = parse_time(value)
    assert t is None or (isinstance(t, datetime) and t.tzinfo is not None)
    for name in FIELDS:
        for status in ("processing", "fail"):
            a = Asset.from_json({"id": "a1", "status": status, name: value})
            assert a.credits is None or math.isfinite(a.credits)
            assert a.quantity is None or isinstance(a.quantity, int)
            assert a.progress is None or math.isfinite(a.progress)
            assert all(isinstance(r, str) for r in a.results + a.thumbnails)
            assert a.created_at is None or isinstance(a.created_at, datetime)
            assert isinstance(a.state, AssetState) and isinstance(a.id, str)
    assert isinstance(Asset.from_json(value), Asset)
    assert isinstance(Asset.from_json({"data": value}), Asset)
    assert isinstance(CreditEstimate.from_json(value).total, float)
    assert math.isfinite(CreditEstimate.from_json({"total_credits": value}).total)


def test_a_422_about_the_body_itself_says_so_in_plain_words() -> None:
    for item in ({"loc": ["body"], "msg": "field required", "type": "value_error.missing"},
                 {"loc": ["body"], "msg": "Expecting value: line 1 column 1 (char 0)", "type": "value_error.jsondecode"},
                 {"loc": ["body"], "msg": "value is not a valid dict", "type": "type_error.dict"}):
        text = str(error_from_response(_resp(422, {"detail": [item]})))
        assert text.startswith("Vimmerse could not read the request body"), text
        assert "( is missing)" not in text and "a field" not in text


def test_insufficient_credit_in_a_400_is_not_enough_credits() -> None:
    e = error_from_response(_resp(400, {"message": "INSUFFICIENT_CREDIT"}))
    assert isinstance(e, InsufficientCredits) and "vimmerse.net" in str(e) and "INSUFFICIENT" not in str(e)
    assert e.status == 400  # the real status is kept


def test_a_body_leaves_out_empty_optional_media_fields_and_keeps_required_ones() -> None:
    from dataclasses import fields

    from verging_desktop.api.vimmerse.models import (
        REQUEST_TYPES,
        AvatarRequest,
        CropRequest,
        LipSyncRequest,
        ReplaceBackgroundRequest,
        VideoEffectsRequest,
        request_from_params,
        request_params,
    )

    lip = LipSyncRequest(image_url="https://h/face.png", audio_url="https://h/voice.wav")
    body = lip.body()
    assert body["image_url"] == "https://h/face.png" and body["audio_url"] == "https://h/voice.wav"
    assert "video_url" not in body and body["option"] == "AutoLipSync" and body["async_mode"] is True
    assert "bg_image_url" not in ReplaceBackgroundRequest(video_url="https://h/v.mp4", prompt="a beach").body()
    assert "bg_video_url" not in ReplaceBackgroundRequest(video_url="https://h/v.mp4", prompt="a beach").body()
    assert "ref_image_url" not in VideoEffectsRequest(image_url="https://h/i.png").body()
    avatar = AvatarRequest(avatar_id="a", prompt="hello").body()
    assert "bg_image_url" not in avatar and "audio_url" not in avatar and avatar["prompt"] == "hello"
    # a required media field stays, even empty (the checks refuse it before anything is sent)
    assert CropRequest(video_url="").body()["video_url"] == ""
    # the queue's stored params still rebuild the same request
    for req in (lip, AvatarRequest(avatar_id="a", prompt="hello"), CropRequest(video_url="https://h/v.mp4")):
        assert request_from_params(req.app, request_params(req)) == req
    # only media fields are left out: every other field is sent as before
    for cls in REQUEST_TYPES.values():
        names = {f.name for f in fields(cls)}
        assert set(cls.MEDIA) <= names, cls
