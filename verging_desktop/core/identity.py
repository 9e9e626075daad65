"""Who a job belongs to: a provider, a server and an account, never a URL's spelling.

A job created through ``https://verging.ai/api/v1`` is the same job when the setting later reads
``HTTPS://Verging.ai:443/api/v1/``; a job created in a sandbox is the same job after the sandbox
restarts (same data folder) on another random port. :func:`account_identity` turns what the
server says about the account (``/auth/me``) and the base URL into one stable string that the job
store keeps with every job.
"""

from __future__ import annotations

from urllib.parse import urlsplit

_DEFAULT_PORTS = {80, 443}


def server_key(base_url: str) -> str:
    """The server part of a base URL, insensitive to form: host in lower case, the port only when it
    is not a default one (80, 443); scheme (http or https), path and trailing slash are ignored."""
    raw = (base_url or "").strip()
    if "://" not in raw:
        raw = "https://" + raw
    parts = urlsplit(raw)
    host = (parts.hostname or "").lower().rstrip(".")
    try:
        port = parts.port
    except ValueError:
        port = None
    if port is not None and port not in _DEFAULT_PORTS:
        return f"{host}:{port}"
    return host


def account_identity(provider: str, base_url: str, email: str, instance: str = "") -> str:
    """``provider|server|account``. A server that reports an instance id (the sandbox does) is known
    by it, so its port does not matter; otherwise by :func:`server_key`."""
    server = f"instance:{instance.strip()}" if instance and instance.strip() else server_key(base_url)
    return f"{provider}|{server}|{(email or '').strip().lower()}"

