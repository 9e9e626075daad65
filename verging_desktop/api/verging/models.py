"""Typed results of the Verging API. Parsing is tolerant: unknown fields are ignored and
missing optional fields become None."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from ...core.tools import kind_service


def _num(v: Any) -> float | None:
    if v is None or v == "":
        return None
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


def _int(v: Any) -> int | None:
    f = _num(v)
    return None if f is None else int(f)


def _str(v: Any) -> str | None:
    if v is None:
        return None
    return str(v)


def parse_time(v: Any) -> datetime | None:
    """ISO 8601 (with or without zone, 'Z' allowed) or epoch seconds/milliseconds."""
    if v is None or v == "":
        return None
    if isinstance(v, (int, float)):
        t = float(v)
        if t > 1e12:
            t /= 1000.0
        return datetime.fromtimestamp(t, tz=UTC)
    s = str(v).strip()
    if s.endswith("Z"):
        s = s[:-1] + "+00:00"
    try:
        d = datetime.fromisoformat(s)
    except ValueError:
        return None
    if d.tzinfo is None:
        d = d.replace(tzinfo=UTC)
    return d


class JobKind(str, enum.Enum):
    FACESWAP = "face-swap"
    VIDEO_ENHANCE = "video-enhance"
    BACKGROUND_REMOVAL = "background-removal"

    @classmethod
    def parse(cls, v: Any) -> JobKind | None:
        if v is None:
            return None
        s = str(v).strip().lower().replace("_", "-")
        aliases = {"faceswap": "face-swap", "enhance": "video-enhance", "video-enhancement": "video-enhance",
                   "bg-removal": "background-removal", "bg-remove": "background-removal"}
        s = aliases.get(s, s)
        for k in cls:
            if k.value == s:
                return k
        return None

    @property
    def pricing_service(self) -> str:
        """The pricing service of this kind, from the tool registry (``face-swap`` -> ``faceswap``)."""
        service = kind_service(self.value)
        if service is None:  # pragma: no cover - a test keeps JobKind and the registry together
            raise KeyError(self.value)
        return service


class JobStatus(str, enum.Enum):
    PENDING = "PENDING"
    PROCESSING = "PROCESSING"
    COMPLETED = "COMPLETED"
    FAILED = "FAILED"
    UNKNOWN = "UNKNOWN"

    @classmethod
    def parse(cls, v: Any) -> JobStatus:
        s = str(v or "").strip().upper()
        aliases = {"QUEUED": "PENDING", "WAITING": "PENDING", "RUNNING": "PROCESSING", "IN_PROGRESS": "PROCESSING",
                   "SUCCESS": "COMPLETED", "SUCCEEDED": "COMPLETED", "DONE": "COMPLETED", "COMPLETE": "COMPLETED",
                   "ERROR": "FAILED", "FAILURE": "FAILED"}
        s = aliases.get(s, s)
        try:
            return cls(s)
        except ValueError:
            return cls.UNKNOWN

    @property
    def final(self) -> bool:
        return self in (JobStatus.COMPLETED, JobStatus.FAILED)


@dataclass(frozen=True)
class Account:
    email: str
    name: str
    credits: float
    #: a server instance id when the server reports one (the sandbox does; Verging does not)
    instance: str = ""

    @classmethod
    def parse(cls, d: dict[str, Any]) -> Account:
        nested = d.get("user")
        user: dict[str, Any] = nested if isinstance(nested, dict) else d
        credits = _num(user.get("credits", user.get("balance", d.get("credits"))))
        return cls(email=str(user.get("email") or ""), name=str(user.get("name") or user.get("username") or ""),
                   credits=credits if credits is not None else 0.0,
                   instance=str(d.get("instance_id") or user.get("instance_id") or ""))


@dataclass(frozen=True)
class UploadTarget:
    url: str
    public_url: str


@dataclass(frozen=True)
class JobRef:
    """What create-job and retry-job answer: the remote job id."""

    job_id: str
    kind: JobKind | None = None


@dataclass(frozen=True)
class Job:
    id: str
    status: JobStatus
    progress: float | None = None
    result_url: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    kind: JobKind | None = None
    image_url: str | None = None
    file_name: str | None = None
    credits: float | None = None
    error: str | None = None
    raw: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def parse(cls, d: dict[str, Any], kind: JobKind | None = None) -> Job:
        jid = d.get("id", d.get("job_id"))
        if jid is None:
            raise ValueError("job without id")
        result = d.get("result_url") or d.get("output_url") or d.get("result")
        if isinstance(result, dict):
            result = result.get("url")
        err = d.get("error") or d.get("error_message") or d.get("fail_reason")
        if isinstance(err, dict):
            err = err.get("message") or str(err)
        return cls(
            id=str(jid),
            status=JobStatus.parse(d.get("status")),
            progress=_num(d.get("progress")),
            result_url=_str(result) if result else None,
            created_at=parse_time(d.get("created_at")),
            updated_at=parse_time(d.get("updated_at")),
            kind=JobKind.parse(d.get("job_type")) or kind,
            image_url=_str(d.get("image_url")),
            file_name=_str(d.get("file_name")),
            credits=_num(d.get("credits", d.get("credits_consumed"))),
            error=_str(err) if err else None,
            raw=d,
        )


@dataclass(frozen=True)
class Usage:
    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0

    @classmethod
    def parse(cls, d: Any) -> Usage:
        if not isinstance(d, dict):
            return cls()
        p = _int(d.get("prompt_tokens", d.get("input_tokens"))) or 0
        c = _int(d.get("completion_tokens", d.get("output_tokens"))) or 0
        t = _int(d.get("total_tokens")) or (p + c)
        return cls(p, c, t)


@dataclass(frozen=True)
class ImageGenResult:
    images: list[str]
    credits_consumed: float | None

    @classmethod
    def parse(cls, d: dict[str, Any]) -> ImageGenResult:
        imgs = d.get("images") or d.get("data") or []
        urls = [i.get("url") if isinstance(i, dict) else i for i in imgs]
        return cls([str(u) for u in urls if u], _num(d.get("credits_consumed")))


@dataclass(frozen=True)
class ChatResult:
    content: str
    usage: Usage
    credits_consumed: float | None

    @classmethod
    def parse(cls, d: dict[str, Any]) -> ChatResult:
        content = d.get("content")
        if content is None and isinstance(d.get("choices"), list) and d["choices"]:
            content = (d["choices"][0].get("message") or {}).get("content")
        return cls(str(content or ""), Usage.parse(d.get("usage")), _num(d.get("credits_consumed")))


@dataclass(frozen=True)
class ChatDelta:
    """A piece of a streamed reply."""

    content: str


@dataclass(frozen=True)
class ChatDone:
    """The end of a streamed reply, with what it cost."""

    usage: Usage
    credits_consumed: float | None


@dataclass(frozen=True)
class TTSResult:
    audio_url: str
    credits_consumed: float | None

    @classmethod
    def parse(cls, d: dict[str, Any]) -> TTSResult:
        return cls(str(d.get("audio_url") or d.get("url") or ""), _num(d.get("credits_consumed")))


@dataclass(frozen=True)
class Segment:
    start: float
    end: float
    text: str


@dataclass(frozen=True)
class STTResult:
    text: str
    language: str | None
    duration: float | None
    credits_consumed: float | None
    segments: list[Segment] = field(default_factory=list)

    @classmethod
    def parse(cls, d: dict[str, Any]) -> STTResult:
        segs = []
        for s in d.get("segments") or []:
            if isinstance(s, dict):
                st, en = _num(s.get("start")), _num(s.get("end"))
                if st is not None and en is not None:
                    segs.append(Segment(st, en, str(s.get("text") or "").strip()))
        return cls(str(d.get("text") or ""), _str(d.get("language")), _num(d.get("duration")),
                   _num(d.get("credits_consumed")), segs)


@dataclass(frozen=True)
class VisionResult:
    content: str
    usage: Usage
    credits_consumed: float | None

    @classmethod
    def parse(cls, d: dict[str, Any]) -> VisionResult:
        c = ChatResult.parse(d)
        return cls(c.content, c.usage, c.credits_consumed)


@dataclass(frozen=True)
class UsageRecord:
    id: str
    service_type: str
    credits_consumed: float
    input_tokens: int | None
    output_tokens: int | None
    latency_ms: float | None
    status: str
    created_at: datetime | None

    @classmethod
    def parse(cls, d: dict[str, Any]) -> UsageRecord:
        return cls(
            id=str(d.get("id", "")),
            service_type=str(d.get("service_type") or d.get("service") or ""),
            credits_consumed=_num(d.get("credits_consumed")) or 0.0,
            input_tokens=_int(d.get("input_tokens")),
            output_tokens=_int(d.get("output_tokens")),
            latency_ms=_num(d.get("latency_ms")),
            status=str(d.get("status") or ""),
            created_at=parse_time(d.get("created_at")),
        )


@dataclass(frozen=True)
class UsagePage:
    records: list[UsageRecord]
    total: int
    page: int
    page_size: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // max(1, self.page_size)))


@dataclass(frozen=True)
class ApiKeyInfo:
    id: str
    name: str
    prefix: str
    created_at: datetime | None
    last_used_at: datetime | None
    active: bool

    @classmethod
    def parse(cls, d: dict[str, Any]) -> ApiKeyInfo:
        active = d.get("is_active", d.get("active", True))
        return cls(
            id=str(d.get("id", d.get("key_id", ""))),
            name=str(d.get("name") or ""),
            prefix=str(d.get("prefix") or d.get("key_prefix") or d.get("key") or ""),
            created_at=parse_time(d.get("created_at")),
            last_used_at=parse_time(d.get("last_used_at")),
            active=bool(active) if not isinstance(active, str) else active.lower() in ("1", "true", "yes"),
        )

    def matches(self, key: str) -> bool:
        """Whether ``key`` is this key, judged by the listed prefix (the full key is never listed)."""
        p = self.prefix.rstrip("…").rstrip(".").rstrip("*")
        return bool(p) and key.startswith(p)


@dataclass(frozen=True)
class KeyValidation:
    valid: bool
    message: str = ""
    key_id: str | None = None
