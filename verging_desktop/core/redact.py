"""Keep API keys out of every string that leaves memory (logs, errors, crash reports)."""

from __future__ import annotations

import logging
import re
import threading

_KEY_RE = re.compile(r"vrg_sk_[A-Za-z0-9_\-]+")
_AUTH_RE = re.compile(r"((?:ApiKey|Bearer)\s+)[^\s'\"]+", re.IGNORECASE)

_lock = threading.Lock()
_secrets: set[str] = set()


def register_secret(secret: str) -> None:
    """Remember a secret so :func:`redact` removes it even if it lacks the usual prefix."""
    if secret and len(secret) >= 6:
        with _lock:
            _secrets.add(secret)


def mask(key: str) -> str:
    """A short, safe label for a key: its public prefix (``vrg_sk_``) and last four characters.

    A key without a known prefix (Vimmerse's) shows only its last four: its first characters are
    as secret as the rest."""
    if not key:
        return ""
    if not key.startswith("vrg_sk_"):
        return f"…{key[-4:]}" if len(key) > 12 else "…"
    if len(key) <= 12:
        return key[:3] + "…"
    return f"{key[:7]}…{key[-4:]}"


def redact(text: str) -> str:
    if not text:
        return text
    with _lock:
        secrets = sorted(_secrets, key=len, reverse=True)
    for s in secrets:
        if s in text:
            text = text.replace(s, mask(s) if s.startswith("vrg_sk_") else "[redacted]")
    text = _KEY_RE.sub(lambda m: mask(m.group(0)), text)
    text = _AUTH_RE.sub(lambda m: m.group(1) + "[redacted]", text)
    return text


class RedactingFilter(logging.Filter):
    """A logging filter that redacts secrets from the formatted message and arguments."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            msg = record.getMessage()
        except Exception:  # pragma: no cover - a broken format string
            msg = str(record.msg)
        record.msg = redact(msg)
        record.args = None
        if record.exc_info and record.exc_info[1] is not None:
            import traceback

            record.exc_text = redact("".join(traceback.format_exception(*record.exc_info)))
            record.exc_info = None
        return True
