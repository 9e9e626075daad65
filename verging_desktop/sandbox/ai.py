"""The synchronous AI proxy endpoints: imagegen, chat (JSON and SSE), tts, stt, vision, usage.

Billing follows the real service: image generation, speech and transcription are charged before
the work (402 when short; refunded if the sandbox fails to make the file), chat and vision need a
minimum balance before the call and are billed after it (never below a zero balance). Every paid
call writes a usage record. A chat stream that the client abandons is billed for the chunks that
were sent (status ``client_disconnected``); a stream the sandbox drops on purpose
(``drop_stream_after``) is not billed (status ``error``, 0 credits).
"""

from __future__ import annotations

import asyncio
import json
import logging
import math
import re
import secrets
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

from ..core.pricing import chars_to_tokens
from . import media
from .common import (
    API_PREFIX,
    HttpError,
    SandboxState,
    authenticate,
    bad,
    form_body,
    form_file,
    form_str,
    insufficient,
    iso,
    json_body,
    num,
    parse_float,
    parse_int,
    sleep_or_disconnect,
)
from .media import MediaError
from .transport import abort_connection

log = logging.getLogger("verging_desktop.sandbox")

SERVICE_TYPES = ("imagegen", "chat", "tts", "stt", "vision")
IMAGE_QUALITIES = ("auto", "standard", "hd")
VOICES = ("alloy", "echo", "fable", "onyx", "nova", "shimmer")
STT_EXTENSIONS = ("mp3", "mp4", "mpeg", "mpga", "m4a", "wav", "webm")
STT_FORMATS = ("json", "text", "verbose_json", "srt", "vtt")
ROLES = ("system", "user", "assistant")
MAX_IMAGE_BYTES = 20 * 1024 * 1024
_FORBIDDEN = re.compile(r"\bforbidden\b", re.IGNORECASE)

SAFETY_MESSAGE = (
    "Your request was rejected by the safety system. Your prompt may contain text that is not allowed "
    "by our safety system. (Sandbox: prompts containing the word 'forbidden' are refused.)"
)


def _ms(started: float) -> int:
    return int((time.monotonic() - started) * 1000)


def _words(text: str) -> list[str]:
    """Text split into stream chunks: each word keeps its trailing space."""
    parts = text.split(" ")
    return [p + " " for p in parts[:-1]] + [parts[-1]]


def _truncate(chunks: list[str], max_tokens: int | None) -> list[str]:
    if max_tokens is not None and len(chunks) > max_tokens:
        chunks = chunks[:max_tokens]
    if chunks:
        chunks[-1] = chunks[-1].rstrip()
    return chunks


def chat_reply(last_user: str, max_tokens: int | None) -> list[str]:
    """The deterministic sandbox answer, as stream chunks (one per word)."""
    snippet = " ".join(last_user.split())
    if len(snippet) > 200:
        snippet = snippet[:197] + "..."
    text = (
        f"Sandbox reply to: {snippet or '(empty message)'} -- "
        "This answer was written by the local Verging sandbox, not by a language model, so it costs only "
        "pretend credits. The sandbox repeats your last message so that you can check that streaming, token "
        "counting and billing work from end to end. Turn sandbox mode off to talk to the real model."
    )
    return _truncate(_words(text), max_tokens)


def _content_text(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):  # OpenAI style content parts
        return " ".join(str(p.get("text", "")) for p in content if isinstance(p, dict))
    raise bad("Each message needs a 'content' string.")


class ChatStream(Response):
    """The SSE answer of /ai/chat with stream=true, written straight to the ASGI channel."""

    media_type = "text/event-stream"

    def __init__(self, api: AiApi, account_id: int, chunks: list[str], prompt_tokens: int, started: float) -> None:
        # no super().__init__: that would declare Content-Length: 0
        self.status_code = 200
        self.background = None
        self.raw_headers = [
            (b"content-type", b"text/event-stream; charset=utf-8"),
            (b"cache-control", b"no-cache"),
            (b"x-accel-buffering", b"no"),
        ]
        self.api = api
        self.account_id = account_id
        self.chunks = chunks
        self.prompt_tokens = prompt_tokens
        self.started = started

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        st = self.api.state
        disconnected = asyncio.Event()

        async def watch() -> None:
            while True:
                msg = await receive()
                if msg["type"] == "http.disconnect":
                    disconnected.set()
                    return

        watcher = asyncio.create_task(watch())
        drop = st.injector.take_stream_drop()
        sent = 0
        outcome = "success"
        try:
            await send({"type": "http.response.start", "status": 200, "headers": self.raw_headers})
            for chunk in self.chunks:
                if disconnected.is_set():
                    outcome = "client_disconnected"
                    break
                if drop is not None and sent >= drop:
                    outcome = "error"
                    break
                data = json.dumps({"content": chunk}, ensure_ascii=False)
                await send({"type": "http.response.body", "body": f"data: {data}\n\n".encode(), "more_body": True})
                sent += 1
                await sleep_or_disconnect(disconnected, st.chunk_delay())
            if outcome == "success" and disconnected.is_set():
                outcome = "client_disconnected"
            if outcome == "error":
                log.info("chat stream dropped after %d chunks (fault injection)", sent)
                st.store.add_usage(self.account_id, "chat", 0, self.prompt_tokens, sent, _ms(self.started), "error")
                watcher.cancel()
                if not await abort_connection(receive):
                    raise ConnectionAbortedError("sandbox fault: chat stream dropped")
                return
            usage = {"prompt_tokens": self.prompt_tokens, "completion_tokens": sent,
                     "total_tokens": self.prompt_tokens + sent}
            credits = self.api.bill_chat(self.account_id, self.prompt_tokens, sent, self.started, outcome)
            if outcome == "client_disconnected":
                log.info("chat client disconnected after %d chunks; billed %s", sent, num(credits))
                return
            final = json.dumps({"usage": usage, "credits_consumed": num(credits)})
            await send({"type": "http.response.body", "body": f"data: {final}\n\ndata: [DONE]\n\n".encode(),
                        "more_body": False})
        finally:
            watcher.cancel()


class AiApi:
    def __init__(self, state: SandboxState) -> None:
        self.state = state

    def routes(self) -> list[Route]:
        p = f"{API_PREFIX}/ai"
        return [
            Route(f"{p}/imagegen", self.imagegen, methods=["POST"]),
            Route(f"{p}/chat", self.chat, methods=["POST"]),
            Route(f"{p}/tts", self.tts, methods=["POST"]),
            Route(f"{p}/stt", self.stt, methods=["POST"]),
            Route(f"{p}/vision", self.vision, methods=["POST"]),
            Route(f"{p}/vision/upload", self.vision_upload, methods=["POST"]),
            Route(f"{p}/usage", self.usage, methods=["GET"]),
        ]

    # -- billing ---------------------------------------------------------------------------
    def _precharge(self, account_id: int, credits: float, service: str) -> None:
        st = self.state
        with st.store.tx() as db:
            ok, balance = st.store.charge(db, account_id, credits, service, service)
            if not ok:
                raise insufficient(credits, balance)
        st.stats.add_charge(credits)

    def _refund(self, account_id: int, credits: float, service: str) -> None:
        st = self.state
        with st.store.tx() as db:
            db.execute("UPDATE accounts SET credits = credits + ? WHERE id = ?", (credits, account_id))
            db.execute(
                "INSERT INTO ledger(account_id, amount, kind, ref, created_at) VALUES (?, ?, 'refund', ?, ?)",
                (account_id, credits, service, time.time()),
            )
        st.stats.add_refund(credits)

    def _min_balance(self, service: str, balance: float) -> None:
        need = self.state.pricing.minimum_balance(service)
        if balance + 1e-9 < need:
            raise insufficient(need, balance)

    def bill_chat(self, account_id: int, prompt_tokens: int, completion_tokens: int, started: float, status: str) -> float:
        st = self.state
        credits = float(st.pricing.chat(prompt_tokens, completion_tokens).credits)
        taken = st.store.debit_after(account_id, credits, "chat", "chat")
        st.stats.add_charge(taken)
        st.store.add_usage(account_id, "chat", credits, prompt_tokens, completion_tokens, _ms(started), status)
        return credits

    # -- image generation ------------------------------------------------------------------
    async def imagegen(self, request: Request) -> Response:
        st = self.state
        started = time.monotonic()
        who = authenticate(st, request)
        body = await json_body(request)
        prompt = body.get("prompt")
        if not isinstance(prompt, str) or not prompt.strip():
            raise bad("'prompt' is required.")
        if len(prompt) > 32000:
            raise bad("'prompt' is too long (max 32000 characters).")
        size = str(body.get("size") or "1024x1024").strip().lower()
        if size == "auto":
            size = "1024x1024"
        m = re.fullmatch(r"(\d{2,5})x(\d{2,5})", size)
        if not m:
            raise bad("'size' must look like 1024x1024.")
        width, height = int(m.group(1)), int(m.group(2))
        if not (256 <= width <= 2048 and 256 <= height <= 2048):
            raise bad("'size' must be between 256x256 and 2048x2048.")
        quality = str(body.get("quality") or "auto").strip().lower()
        if quality not in IMAGE_QUALITIES:
            raise bad(f"'quality' must be one of {', '.join(IMAGE_QUALITIES)}.")
        n = parse_int(body.get("n"), "n", 1, 4, default=1)
        if _FORBIDDEN.search(prompt):
            raise bad(SAFETY_MESSAGE)
        credits = float(st.pricing.imagegen(n, quality).credits)
        self._precharge(who.account.id, credits, "imagegen")
        token = secrets.token_hex(12)
        out_dir = st.store.files_dir / "results" / token
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
            names = []
            for i in range(n):
                out = out_dir / f"sandbox_image_{i + 1}.png"
                await asyncio.to_thread(media.make_generated_image, st.registry, prompt, width, height, i, out)
                names.append(out.name)
        except Exception as e:
            self._refund(who.account.id, credits, "imagegen")
            log.warning("imagegen failed: %s", e)
            raise HttpError(502, f"Upstream provider error: the sandbox could not make the image ({e}).") from None
        st.store.add_usage(who.account.id, "imagegen", credits, chars_to_tokens(len(prompt)), 0, _ms(started))
        urls = [st.url(f"/_storage/results/{token}/{name}") for name in names]
        return JSONResponse({"images": urls, "credits_consumed": num(credits)})

    # -- chat ------------------------------------------------------------------------------
    async def chat(self, request: Request) -> Response:
        st = self.state
        started = time.monotonic()
        who = authenticate(st, request)
        body = await json_body(request)
        messages = body.get("messages")
        if not isinstance(messages, list) or not messages:
            raise bad("'messages' must be a non-empty list of {role, content} objects.")
        texts: list[str] = []
        last_user = ""
        for msg in messages:
            if not isinstance(msg, dict):
                raise bad("Each message must be an object with 'role' and 'content'.")
            role = msg.get("role")
            if role not in ROLES:
                raise bad(f"Message role must be one of {', '.join(ROLES)}.")
            text = _content_text(msg.get("content"))
            texts.append(text)
            if role == "user":
                last_user = text
        if body.get("temperature") is not None:
            parse_float(body.get("temperature"), "temperature", 0.0, 2.0)
        max_tokens = None
        if body.get("max_tokens") is not None:
            max_tokens = parse_int(body.get("max_tokens"), "max_tokens", 1, 128000)
        stream = body.get("stream") in (True, "true", 1, "1")
        self._min_balance("chat", who.account.credits)
        prompt_tokens = max(1, math.ceil(sum(len(t) for t in texts) / 4))
        chunks = chat_reply(last_user, max_tokens)
        if stream:
            return ChatStream(self, who.account.id, chunks, prompt_tokens, started)
        content = "".join(chunks)
        credits = self.bill_chat(who.account.id, prompt_tokens, len(chunks), started, "success")
        return JSONResponse({
            "content": content,
            "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": len(chunks),
                      "total_tokens": prompt_tokens + len(chunks)},
            "credits_consumed": num(credits),
        })

    # -- text to speech --------------------------------------------------------------------
    async def tts(self, request: Request) -> Response:
        st = self.state
        started = time.monotonic()
        who = authenticate(st, request)
        body = await json_body(request)
        text = body.get("input")
        max_chars = int(st.pricing.service("tts").get("max_chars", 4096))
        if not isinstance(text, str) or not text:
            raise bad("'input' is required.")
        if len(text) > max_chars:
            raise bad(f"'input' is too long ({len(text)} characters; max {max_chars}).")
        voice = str(body.get("voice") or "alloy").lower()
        if voice not in VOICES:
            raise bad(f"'voice' must be one of {', '.join(VOICES)}.")
        fmt = str(body.get("response_format") or "mp3").lower()
        if fmt not in media.TTS_FORMATS:
            raise bad(f"'response_format' must be one of {', '.join(media.TTS_FORMATS)}.")
        speed = parse_float(body.get("speed"), "speed", 0.25, 4.0, default=1.0)
        duration = max(0.5, len(text) * 0.06 / speed)
        credits = float(st.pricing.tts(len(text)).credits)
        self._precharge(who.account.id, credits, "tts")
        token = secrets.token_hex(12)
        ext, _ = media.TTS_FORMATS[fmt]
        out = st.store.files_dir / "results" / token / f"sandbox_speech.{ext}"
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            await asyncio.to_thread(media.make_speech, st.registry, duration, voice, fmt, out)
        except Exception as e:
            self._refund(who.account.id, credits, "tts")
            raise HttpError(502, f"Upstream provider error: the sandbox could not make the audio ({e}).") from None
        st.store.add_usage(who.account.id, "tts", credits, len(text), 0, _ms(started))
        return JSONResponse({"audio_url": st.url(f"/_storage/results/{token}/{out.name}"), "credits_consumed": num(credits)})

    # -- speech to text --------------------------------------------------------------------
    async def stt(self, request: Request) -> Response:
        st = self.state
        started = time.monotonic()
        who = authenticate(st, request)
        max_bytes = int(st.pricing.service("stt").get("max_bytes", 25 * 1024 * 1024))
        form = await form_body(request, max_size=max_bytes)
        upload = form_file(form, "file")
        ext = Path(upload.filename or "").suffix.lower().lstrip(".")
        if ext not in STT_EXTENSIONS:
            raise bad(f"Unsupported audio file type '{ext or '?'}'. Use one of: {', '.join(STT_EXTENSIONS)}.")
        size = upload.size if upload.size is not None else 0
        if size > max_bytes:
            raise bad(f"The audio file is too large ({size / 1048576:.1f} MB); the limit is {max_bytes // 1048576} MB.")
        language = (form_str(form, "language") or "en").strip()
        fmt = (form_str(form, "response_format") or "json").strip().lower()
        if fmt not in STT_FORMATS:
            raise bad(f"'response_format' must be one of {', '.join(STT_FORMATS)}.")
        if form.get("temperature") not in (None, ""):
            parse_float(form.get("temperature"), "temperature", 0.0, 1.0)
        duration = await self._probe_upload(upload, ext, max_bytes)
        credits = float(st.pricing.stt(duration).credits)
        self._precharge(who.account.id, credits, "stt")
        text, segments = stt_transcript(duration)
        st.store.add_usage(who.account.id, "stt", credits, 0, len(text.split()), _ms(started))
        result: dict[str, Any] = {"text": text, "language": language, "duration": round(duration, 3),
                                  "credits_consumed": num(credits)}
        if fmt == "verbose_json":
            result["segments"] = segments
        elif fmt == "srt":
            result["text"] = _subtitles(segments, vtt=False)
        elif fmt == "vtt":
            result["text"] = _subtitles(segments, vtt=True)
        return JSONResponse(result)

    async def _probe_upload(self, upload: UploadFile, ext: str, max_bytes: int) -> float:
        tmp_dir = self.state.store.data_dir / "tmp"
        tmp_dir.mkdir(exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=tmp_dir, suffix=f".{ext}", delete=False) as f:
            path = Path(f.name)
        try:
            total = 0
            # the sandbox serves on its own thread and loop: 1 MB writes to a local temp file
            with open(path, "wb") as out:  # noqa: ASYNC230
                while chunk := await upload.read(1024 * 1024):
                    total += len(chunk)
                    if total > max_bytes:
                        raise bad(f"The audio file is too large; the limit is {max_bytes // 1048576} MB.")
                    out.write(chunk)
            try:
                duration = await asyncio.to_thread(media.probe_duration, path)
            except MediaError as e:
                raise bad(f"The audio file cannot be decoded: {e}") from None
            if duration <= 0:
                raise bad("The audio file has no audio.")
            return duration
        finally:
            path.unlink(missing_ok=True)

    # -- vision ----------------------------------------------------------------------------
    async def vision(self, request: Request) -> Response:
        st = self.state
        started = time.monotonic()
        who = authenticate(st, request)
        body = await json_body(request)
        prompt = body.get("prompt")
        if not isinstance(prompt, str) or not prompt.strip():
            raise bad("'prompt' is required.")
        url = body.get("image_url")
        if not isinstance(url, str) or not url.strip():
            raise bad("'image_url' is required.")
        max_tokens = parse_int(body.get("max_tokens"), "max_tokens", 1, 16384, default=1024)
        self._min_balance("vision", who.account.credits)
        data = await self._fetch_image(url.strip())
        return await self._vision_answer(who.account.id, prompt, data, max_tokens, started)

    async def vision_upload(self, request: Request) -> Response:
        st = self.state
        started = time.monotonic()
        who = authenticate(st, request)
        form = await form_body(request, max_size=MAX_IMAGE_BYTES)
        prompt = form_str(form, "prompt", required=True) or ""
        upload = form_file(form, "file")
        max_tokens = parse_int(form.get("max_tokens"), "max_tokens", 1, 16384, default=1024)
        self._min_balance("vision", who.account.credits)
        data = await upload.read()
        if len(data) > MAX_IMAGE_BYTES:
            raise bad("The image is too large (max 20 MB).")
        return await self._vision_answer(who.account.id, prompt, data, max_tokens, started)

    async def _fetch_image(self, url: str) -> bytes:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise bad("'image_url' must be an http(s) URL.")
        loopback = parts.hostname in ("127.0.0.1", "localhost", "::1")
        try:
            async with httpx.AsyncClient(timeout=5.0, follow_redirects=True, trust_env=not loopback) as client:
                r = await client.get(url)
        except httpx.HTTPError as e:
            raise bad(f"Could not fetch image_url: {type(e).__name__}: {e}") from None
        if r.status_code >= 400:
            raise bad(f"Could not fetch image_url: HTTP {r.status_code}.")
        ctype = r.headers.get("content-type", "").split(";")[0].strip().lower()
        ext_ok = parts.path.lower().endswith((".png", ".jpg", ".jpeg", ".gif", ".webp"))
        type_ok = ctype in ("image/png", "image/jpeg", "image/jpg", "image/gif", "image/webp")
        if not (ext_ok or type_ok):
            raise bad("image_url must point to a PNG, JPEG, GIF or WebP image.")
        if len(r.content) > MAX_IMAGE_BYTES:
            raise bad("The image is too large (max 20 MB).")
        return r.content

    async def _vision_answer(self, account_id: int, prompt: str, data: bytes, max_tokens: int, started: float) -> Response:
        st = self.state
        try:
            info = await asyncio.to_thread(media.probe_image, data)
        except MediaError as e:
            raise bad(f"The image cannot be read: {e}") from None
        short = " ".join(prompt.split())
        if len(short) > 150:
            short = short[:147] + "..."
        text = (
            f"Sandbox vision reply: the image is {info.width}x{info.height} pixels in {info.format.upper()} format. "
            f'You asked: "{short}". The local Verging sandbox only reads the size and format of the picture; '
            "turn sandbox mode off for a real description."
        )
        chunks = _truncate(_words(text), max_tokens)
        content = "".join(chunks)
        tiles = math.ceil(info.width / 512) * math.ceil(info.height / 512)
        prompt_tokens = max(1, math.ceil(len(prompt) / 4)) + 85 + 170 * min(tiles, 16)
        completion = len(chunks)
        credits = float(st.pricing.vision(prompt_tokens, completion).credits)
        taken = st.store.debit_after(account_id, credits, "vision", "vision")
        st.stats.add_charge(taken)
        st.store.add_usage(account_id, "vision", credits, prompt_tokens, completion, _ms(started))
        return JSONResponse({
            "content": content,
            "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion,
                      "total_tokens": prompt_tokens + completion},
            "credits_consumed": num(credits),
        })

    # -- usage -----------------------------------------------------------------------------
    async def usage(self, request: Request) -> Response:
        st = self.state
        who = authenticate(st, request)
        q = request.query_params
        service = (q.get("service_type") or "").strip().lower() or None
        if service is not None and service not in SERVICE_TYPES:
            raise bad(f"service_type must be one of {', '.join(SERVICE_TYPES)}.")
        page = parse_int(q.get("page"), "page", 1, 1_000_000, default=1)
        page_size = parse_int(q.get("page_size"), "page_size", 1, 100, default=20)
        rows, total = st.store.usage_page(who.account.id, service, page, page_size)
        records = [
            {
                "id": int(r["id"]),
                "service_type": r["service_type"],
                "credits_consumed": num(r["credits_consumed"]),
                "input_tokens": int(r["input_tokens"]),
                "output_tokens": int(r["output_tokens"]),
                "latency_ms": int(r["latency_ms"]),
                "status": r["status"],
                "created_at": iso(float(r["created_at"])),
            }
            for r in rows
        ]
        return JSONResponse({"records": records, "total": total, "page": page, "page_size": page_size})


def stt_transcript(duration: float) -> tuple[str, list[dict[str, Any]]]:
    """The fixed sandbox transcript and segments of at most 5 s that cover ``duration``."""
    text = (
        "This is a sandbox transcript from the local Verging sandbox. No speech recognition was run; "
        f"the audio lasted {duration:.1f} seconds."
    )
    segments: list[dict[str, Any]] = []
    n = max(1, math.ceil(duration / 5.0 - 1e-9))
    for i in range(n):
        start = round(i * duration / n, 3)
        end = round((i + 1) * duration / n, 3) if i < n - 1 else round(duration, 3)
        segments.append({"id": i, "start": start, "end": end, "text": f"Sandbox transcript, part {i + 1} of {n}."})
    return text, segments


def _ts(t: float, vtt: bool) -> str:
    ms = int(round(t * 1000))
    h, rem = divmod(ms, 3_600_000)
    m, rem = divmod(rem, 60_000)
    s, ms = divmod(rem, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{'.' if vtt else ','}{ms:03d}"


def _subtitles(segments: list[dict[str, Any]], vtt: bool) -> str:
    lines = ["WEBVTT", ""] if vtt else []
    for i, seg in enumerate(segments, 1):
        if not vtt:
            lines.append(str(i))
        lines.append(f"{_ts(seg['start'], vtt)} --> {_ts(seg['end'], vtt)}")
        lines.append(seg["text"])
        lines.append("")
    return "\n".join(lines)
