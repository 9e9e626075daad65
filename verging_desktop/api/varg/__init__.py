"""The varg gateway v1 (``../shared/specs/varg-gateway.md``): client, typed jobs, uploads, the SSE stream."""

from .client import VargClient, media_type_of
from .models import (
    BACKGROUND_PROMPT,
    Balance,
    CacheMode,
    Me,
    Transcript,
    Usage,
    UsageRecord,
    VargFile,
    VargJob,
    VargRequest,
    VargStatus,
    Voice,
    is_url,
)
from .sse import StreamDropped
from .uploads import UploadMemory, content_hash
from .wire import FileTooLarge, VargBadRequest, error_from_response

__all__ = [
    "VargClient", "media_type_of", "BACKGROUND_PROMPT", "Balance", "CacheMode", "Me", "Transcript", "Usage",
    "UsageRecord", "VargFile", "VargJob", "VargRequest", "VargStatus", "Voice", "is_url", "StreamDropped",
    "UploadMemory", "content_hash", "FileTooLarge", "VargBadRequest", "error_from_response",
]
