"""The Verging provider: client, typed results, wire parsing."""

from .client import VergingClient
from .models import (
    Account,
    ApiKeyInfo,
    ChatDelta,
    ChatDone,
    ChatResult,
    ImageGenResult,
    Job,
    JobKind,
    JobRef,
    JobStatus,
    KeyValidation,
    Segment,
    STTResult,
    TTSResult,
    UploadTarget,
    Usage,
    UsagePage,
    UsageRecord,
    VisionResult,
)

__all__ = [
    "VergingClient", "Account", "ApiKeyInfo", "ChatDelta", "ChatDone", "ChatResult", "ImageGenResult", "Job",
    "JobKind", "JobRef", "JobStatus", "KeyValidation", "Segment", "STTResult", "TTSResult", "UploadTarget", "Usage",
    "UsagePage", "UsageRecord", "VisionResult",
]
