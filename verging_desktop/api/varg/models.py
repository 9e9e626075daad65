"""The varg gateway's requests and answers as typed, tolerant data (``specs/varg-gateway.md``).

Every answer is read the way the gateway has been seen to write it: a job's id as ``job_id``
(v1) or ``id`` (v2), its ``error`` as a string or as ``{"message", "_tag"}``, its cache facts in
the body (``cache: {"hit", "key"}``) or in the ``X-Cache`` / ``X-Cache-Key`` headers, a
transcription's text in ``output.text`` (or in a file at ``output.url``: see the client).
Unknown fields are ignored, missing ones get an empty value; nothing here raises on an answer.

Plain data, no I/O, no Qt.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ...core.errors import InputError
from ...core.i18n import _
from ...core.redact import redact
from ...core.varg_models import JOB_KINDS, Capability, VargModel, find_model, kind_capability

#: the prompt sent with a background removal (``POST /image`` needs one; the model ignores it)
BACKGROUND_PROMPT = "Remove the background and keep the main subject on a transparent background."


def is_url(value: str) -> bool:
    return value.startswith(("http://", "https://"))


def _s(v: Any) -> str:
    return "" if v is None else str(v)


def _num(v: Any) -> float | None:
    if isinstance(v, bool) or v is None:
        return None
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return f if math.isfinite(f) else None


def _bool(v: Any) -> bool | None:
    if isinstance(v, bool):
        return v
    if isinstance(v, str):
        t = v.strip().lower()
        if t in ("true", "hit", "yes", "1"):
            return True
        if t in ("false", "miss", "no", "0"):
            return False
    if isinstance(v, (int, float)):
        return bool(v)
    return None


def _lower_headers(headers: Mapping[str, str] | None) -> dict[str, str]:
    return {str(k).lower(): str(v) for k, v in (headers or {}).items()}


class CacheMode(str, enum.Enum):
    """What varg's result cache may do with a request: use it (the default), refresh it
    (``Cache-Control: no-cache``: skip the lookup, store the result) or stay out of it
    (``no-store``)."""

    USE = "use"
    REFRESH = "no-cache"
    NO_STORE = "no-store"

    @property
    def header(self) -> str | None:
        """The ``Cache-Control`` value to send, or None (use the cache)."""
        return None if self is CacheMode.USE else self.value

    @classmethod
    def parse(cls, value: Any) -> CacheMode:
        for m in cls:
            if value == m or value == m.value or value == m.name.lower():
                return m
        return cls.USE


class VargStatus(str, enum.Enum):
    QUEUED = "queued"
    PROCESSING = "processing"
    COMPLETED = "completed"
    FAILED = "failed"
    CANCELLED = "cancelled"

    @property
    def final(self) -> bool:
        return self in (VargStatus.COMPLETED, VargStatus.FAILED, VargStatus.CANCELLED)

    @classmethod
    def parse(cls, value: Any) -> VargStatus:
        """Tolerant: upper case, and the words other gateways use (``pending``, ``running``,
        ``succeeded``, ``canceled``...); an unknown word is PROCESSING (still open: keep following it)."""
        t = _s(value).strip().lower()
        for m in cls:
            if t == m.value:
                return m
        return _STATUS_ALIASES.get(t, cls.PROCESSING)


_STATUS_ALIASES: dict[str, VargStatus] = {
    "pending": VargStatus.QUEUED, "waiting": VargStatus.QUEUED, "submitted": VargStatus.QUEUED,
    "in_queue": VargStatus.QUEUED, "running": VargStatus.PROCESSING, "in_progress": VargStatus.PROCESSING,
    "started": VargStatus.PROCESSING, "succeeded": VargStatus.COMPLETED, "success": VargStatus.COMPLETED,
    "done": VargStatus.COMPLETED, "complete": VargStatus.COMPLETED, "error": VargStatus.FAILED,
    "errored": VargStatus.FAILED, "canceled": VargStatus.CANCELLED,
}


def _number_text(v: float) -> int | float:
    """5.0 -> 5 (the body says ``"duration": 5``, as the docs' examples do)."""
    return int(v) if float(v).is_integer() else v


@dataclass(frozen=True)
class VargRequest:
    """One generation request, as the app keeps it (in the job queue's params) and sends it.

    ``files`` and ``audio`` hold local paths or http(s) URLs: local files are uploaded first
    (``POST /files``) and :meth:`body` takes their URLs.
    """

    kind: str
    model: str
    prompt: str = ""
    text: str = ""
    voice: str = ""
    duration: float | None = None
    aspect_ratio: str = ""
    language: str = ""
    files: tuple[str, ...] = ()
    audio: str = ""
    cache: CacheMode = CacheMode.USE
    provider_options: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    def __post_init__(self) -> None:
        if self.kind not in JOB_KINDS:
            raise InputError(_("'{kind}' is not a varg job kind (one of {kinds}).").format(
                kind=self.kind, kinds=", ".join(JOB_KINDS)))
        object.__setattr__(self, "files", tuple(str(f) for f in self.files))
        object.__setattr__(self, "cache", CacheMode.parse(self.cache))
        if self.kind == "varg-background-removal" and not self.prompt.strip():
            object.__setattr__(self, "prompt", BACKGROUND_PROMPT)

    @property
    def capability(self) -> Capability:
        return kind_capability(self.kind)

    @property
    def model_info(self) -> VargModel | None:
        return find_model(self.model)

    def local_files(self) -> list[str]:
        """The inputs that are local paths (to upload), in order, each once."""
        items = [*self.files, *([self.audio] if self.audio else [])]
        return list(dict.fromkeys(f for f in items if f and not is_url(f)))

    def body(self, urls: Mapping[str, str] | None = None) -> dict[str, Any]:
        """The JSON body of ``POST /<capability>``; each local path replaced by ``urls[path]``.

        Raises :class:`InputError` when a local file has no URL yet (nothing is sent then).
        """
        urls = urls or {}
        missing = [f for f in self.local_files() if not urls.get(f)]
        if missing:
            raise InputError(_("Upload these files before sending the request (they have no varg URL yet): "
                               "{files}").format(files=", ".join(missing)))

        def url_of(v: str) -> str:
            return v if is_url(v) else urls[v]

        cap = self.capability
        body: dict[str, Any] = {"model": self.model}
        if cap is Capability.SPEECH:
            body["text"] = self.text
            if self.voice:
                body["voice"] = self.voice
        elif cap is Capability.TRANSCRIPTION:
            if self.audio:
                body["audio_url"] = url_of(self.audio)
            if self.language:
                body["language"] = self.language
        else:
            body["prompt"] = self.prompt
            if self.duration is not None and cap in (Capability.VIDEO, Capability.MUSIC):
                body["duration"] = _number_text(self.duration)
            if self.aspect_ratio and cap in (Capability.VIDEO, Capability.IMAGE):
                body["aspect_ratio"] = self.aspect_ratio
            if self.files and cap in (Capability.VIDEO, Capability.IMAGE):
                body["files"] = [{"url": url_of(f)} for f in self.files]
        if self.provider_options:
            body["provider_options"] = dict(self.provider_options)
        return body

    def to_params(self) -> dict[str, Any]:
        """The request as JSON-able params (the job queue stores them); empty fields left out.
        The cache mode is ``cache_mode`` (the queue's ``cache`` says hit or miss)."""
        out: dict[str, Any] = {"model": self.model}
        for name in ("prompt", "text", "voice", "aspect_ratio", "language", "audio"):
            v = getattr(self, name)
            if v:
                out[name] = v
        if self.duration is not None:
            out["duration"] = _number_text(self.duration)
        if self.files:
            out["files"] = list(self.files)
        if self.cache is not CacheMode.USE:
            out["cache_mode"] = self.cache.value
        if self.provider_options:
            out["provider_options"] = dict(self.provider_options)
        return out

    @classmethod
    def from_params(cls, kind: str, params: Mapping[str, Any]) -> VargRequest:
        """The request :meth:`to_params` wrote (other keys, such as the queue's, are ignored)."""
        files = params.get("files") or ()
        if isinstance(files, str):
            files = (files,)
        opts = params.get("provider_options")
        return cls(
            kind=kind,
            model=_s(params.get("model")),
            prompt=_s(params.get("prompt")),
            text=_s(params.get("text")),
            voice=_s(params.get("voice")),
            duration=_num(params.get("duration")),
            aspect_ratio=_s(params.get("aspect_ratio")),
            language=_s(params.get("language")),
            files=tuple(_s(f) for f in files if f),
            audio=_s(params.get("audio")),
            cache=CacheMode.parse(params.get("cache_mode")),
            provider_options=dict(opts) if isinstance(opts, Mapping) else {},
        )


def _error_of(v: Any) -> tuple[str, str]:
    """(message, tag) of a job's ``error``: a string, or ``{"message", "_tag"}``."""
    if v is None or v is False or v == "":
        return "", ""
    if isinstance(v, Mapping):
        tag = _s(v.get("_tag") or v.get("tag") or v.get("code") or v.get("type") or v.get("name"))
        msg = _s(v.get("message") or v.get("detail") or v.get("error"))
        return redact(msg or tag), tag
    return redact(_s(v)), ""


@dataclass(frozen=True)
class VargJob:
    id: str
    status: VargStatus
    model: str = ""
    created_at: str = ""
    completed_at: str = ""
    output_url: str = ""
    media_type: str = ""
    output_text: str = ""
    cache_hit: bool | None = None
    cache_key: str = ""
    error: str = ""
    error_tag: str = ""
    cost_cents: float | None = None
    byok: str = ""

    @property
    def final(self) -> bool:
        return self.status.final

    @classmethod
    def from_json(cls, d: Any, headers: Mapping[str, str] | None = None) -> VargJob:
        """A job from an answer (a POST, ``GET /jobs/{id}`` or a stream event) and its headers."""
        if not isinstance(d, Mapping):
            d = {}
        if isinstance(d.get("job"), Mapping) and not (d.get("job_id") or d.get("id")):
            d = d["job"]
        h = _lower_headers(headers)
        out = d.get("output")
        url = media = text = ""
        if isinstance(out, Mapping):
            url = _s(out.get("url"))
            media = _s(out.get("media_type") or out.get("content_type"))
            text = _s(out.get("text") if out.get("text") is not None else out.get("transcript"))
        elif isinstance(out, str):
            url = out
        cache = d.get("cache")
        hit: bool | None = None
        key = ""
        if isinstance(cache, Mapping):
            hit = _bool(cache.get("hit"))
            key = _s(cache.get("key"))
        if hit is None and "x-cache" in h:
            hit = _bool(h["x-cache"].strip())
        key = key or h.get("x-cache-key", "").strip()
        error, tag = _error_of(d.get("error"))
        cost = _num(d.get("cost_cents"))
        return cls(
            id=_s(d.get("job_id") or d.get("id")),
            status=VargStatus.parse(d.get("status")),
            model=_s(d.get("model")),
            created_at=_s(d.get("created_at")),
            completed_at=_s(d.get("completed_at")),
            output_url=url,
            media_type=media,
            output_text=text,
            cache_hit=hit,
            cache_key=key,
            error=error,
            error_tag=tag,
            cost_cents=cost,
        )


@dataclass(frozen=True)
class VargFile:
    """An uploaded file. ``sent_bytes`` is what this upload sent: 0 when the app already knew the
    hash (no request at all); ``deduplicated`` when varg (or the app) already had the bytes."""

    file_id: str
    url: str
    hash: str
    size: int
    media_type: str
    deduplicated: bool
    sent_bytes: int

    @classmethod
    def from_json(cls, d: Any, *, hash: str = "", size: int = 0, media_type: str = "",
                  sent_bytes: int = 0) -> VargFile:
        if not isinstance(d, Mapping):
            d = {}
        n = _num(d.get("size"))
        return cls(
            file_id=_s(d.get("file_id") or d.get("id")),
            url=_s(d.get("url")),
            hash=_s(d.get("hash")) or hash,
            size=int(n) if n is not None else size,
            media_type=_s(d.get("media_type") or d.get("content_type")) or media_type,
            deduplicated=bool(_bool(d.get("deduplicated"))),
            sent_bytes=sent_bytes,
        )


@dataclass(frozen=True)
class Voice:
    voice_id: str
    name: str
    category: str = ""
    gender: str = ""
    age: str = ""
    accent: str = ""
    description: str = ""
    use_case: str = ""
    preview_url: str = ""

    @classmethod
    def from_json(cls, d: Any) -> Voice:
        if not isinstance(d, Mapping):
            d = {}
        labels = d.get("labels")
        if not isinstance(labels, Mapping):
            labels = {}

        def lab(name: str) -> str:
            return _s(labels.get(name) or d.get(name))

        vid = _s(d.get("voice_id") or d.get("id"))
        return cls(
            voice_id=vid,
            name=_s(d.get("name")) or vid,
            category=_s(d.get("category")),
            gender=lab("gender"),
            age=lab("age"),
            accent=lab("accent"),
            description=_s(d.get("description") or labels.get("description")),
            use_case=_s(labels.get("use_case") or labels.get("use case") or d.get("use_case")),
            preview_url=_s(d.get("preview_url")),
        )

    def matches(self, search: str = "", gender: str = "") -> bool:
        """Whether the voice fits a search (any word in its name, id or labels) and a gender."""
        if gender and self.gender.lower() != gender.strip().lower():
            return False
        words = search.lower().split()
        hay = " ".join((self.voice_id, self.name, self.category, self.gender, self.age, self.accent,
                        self.description, self.use_case)).lower()
        return all(w in hay for w in words)


@dataclass(frozen=True)
class UsageRecord:
    job_id: str
    model: str
    capability: str
    cost_cents: float
    cache_hit: bool
    created_at: str

    @classmethod
    def from_json(cls, d: Any) -> UsageRecord:
        if not isinstance(d, Mapping):
            d = {}
        return cls(
            job_id=_s(d.get("job_id") or d.get("id")),
            model=_s(d.get("model")),
            capability=_s(d.get("capability")),
            cost_cents=_num(d.get("cost_cents")) or 0.0,
            cache_hit=bool(_bool(d.get("cache_hit"))),
            created_at=_s(d.get("created_at")),
        )


@dataclass(frozen=True)
class Usage:
    records: tuple[UsageRecord, ...]
    total_cents: float

    @classmethod
    def from_json(cls, d: Any) -> Usage:
        rows: Any = d.get("usage") if isinstance(d, Mapping) else d
        if isinstance(rows, Mapping):  # {"usage": {"records": [...]}} or similar
            rows = rows.get("records") or rows.get("data")
        recs = tuple(UsageRecord.from_json(r) for r in (rows if isinstance(rows, list) else []))
        total = _num(d.get("total_cents")) if isinstance(d, Mapping) else None
        return cls(recs, total if total is not None else sum(r.cost_cents for r in recs))

    def of_job(self, job_id: str) -> UsageRecord | None:
        return next((r for r in self.records if r.job_id == job_id), None)


@dataclass(frozen=True)
class Balance:
    cents: float
    currency: str = "usd"

    @property
    def dollars(self) -> float:
        return self.cents / 100.0

    @classmethod
    def from_json(cls, d: Any) -> Balance:
        if not isinstance(d, Mapping):
            d = {}
        c = _num(d.get("balance_cents"))
        if c is None:
            c = _num(d.get("cents"))
        if c is None:
            c = _num(d.get("balance"))
        return cls(c or 0.0, _s(d.get("currency")).lower() or "usd")


@dataclass(frozen=True)
class Me:
    user_id: str
    email: str = ""

    @classmethod
    def from_json(cls, d: Any) -> Me:
        if not isinstance(d, Mapping):
            d = {}
        if isinstance(d.get("user"), Mapping):
            d = d["user"]
        return cls(_s(d.get("userId") or d.get("user_id") or d.get("id")), _s(d.get("email")))


@dataclass(frozen=True)
class Transcript:
    text: str
    segments: tuple[tuple[float, float, str], ...] = ()
    language: str = ""
    duration: float | None = None

    @classmethod
    def from_json(cls, d: Any) -> Transcript:
        if isinstance(d, str):
            return cls(d.strip())
        if not isinstance(d, Mapping):
            return cls("")
        segs: list[tuple[float, float, str]] = []
        raw = d.get("segments") or d.get("chunks") or []
        for s in raw if isinstance(raw, list) else []:
            if not isinstance(s, Mapping):
                continue
            start, end = _num(s.get("start")), _num(s.get("end"))
            ts = s.get("timestamp")
            if (start is None or end is None) and isinstance(ts, list) and len(ts) == 2:
                start, end = _num(ts[0]), _num(ts[1])
            if start is None or end is None:
                continue
            segs.append((start, end, _s(s.get("text")).strip()))
        text = _s(d.get("text")).strip() or " ".join(t for _, _, t in segs if t)
        return cls(text, tuple(segs), _s(d.get("language")), _num(d.get("duration")))
