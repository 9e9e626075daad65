"""Chat conversations saved on this computer.

One JSON file per conversation in ``<data dir>/chats/`` (``core.settings.app_dirs().data``),
written atomically (temporary file + rename), so a crash never leaves half a conversation.
Nothing about the account is stored: no key, no e-mail; only the messages, their settings and
what each reply cost. Text that looks like an API key is masked before it is written.
"""

from __future__ import annotations

import json
import logging
import os
import re
import time
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..core.errors import InputError
from ..core.i18n import N_, _
from ..core.pricing import Pricing, chars_to_tokens
from .files import atomic_write_text

log = logging.getLogger("verging_desktop.services.chat")

FORMAT_VERSION = 1
DEFAULT_MODEL = "gpt-4o"
#: the title of a conversation until its first message names it (stored in English; shown through
#: :func:`shown_title` in the interface's language)
DEFAULT_TITLE = N_("New conversation")


def shown_title(title: str) -> str:
    """A stored conversation title as the interface shows it (the default one translated)."""
    return _(title) if title == DEFAULT_TITLE else title
_ID = re.compile(r"^[0-9a-f]{32}$")
_KEY = re.compile(r"vrg_sk_[A-Za-z0-9_\-]{4,}")


def _mask_keys(text: str) -> str:
    return _KEY.sub(lambda m: m.group(0)[:11] + "…", text)


@dataclass
class Message:
    role: str  # "user" or "assistant"
    content: str
    created_at: float = field(default_factory=time.time)
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    credits: float | None = None
    #: the reply was stopped by the user (or the connection dropped): what arrived is kept
    stopped: bool = False
    error: str = ""
    #: when it was stopped (epoch s)
    stopped_at: float | None = None
    #: the server's usage record of a stopped reply, once found: its tokens and credits replace
    #: this app's estimate
    usage_id: str = ""

    @property
    def estimated(self) -> bool:
        """The tokens and credits are this app's count (a stopped reply the server has not reported)."""
        return self.stopped and not self.usage_id

    @classmethod
    def parse(cls, d: dict[str, Any]) -> Message:
        sa = d.get("stopped_at")
        return cls(role=str(d.get("role") or "user"), content=str(d.get("content") or ""),
                   created_at=float(d.get("created_at") or 0.0),
                   prompt_tokens=d.get("prompt_tokens"), completion_tokens=d.get("completion_tokens"),
                   credits=d.get("credits"), stopped=bool(d.get("stopped")), error=str(d.get("error") or ""),
                   stopped_at=float(sa) if sa else None, usage_id=str(d.get("usage_id") or ""))


@dataclass
class Conversation:
    id: str = field(default_factory=lambda: uuid.uuid4().hex)
    title: str = DEFAULT_TITLE
    system: str = ""
    model: str = DEFAULT_MODEL
    temperature: float = 1.0
    max_tokens: int | None = None
    messages: list[Message] = field(default_factory=list)
    created_at: float = field(default_factory=time.time)
    updated_at: float = field(default_factory=time.time)
    #: the title was chosen by the user (not derived from the first message)
    titled: bool = False

    @property
    def credits(self) -> float:
        return sum(m.credits or 0.0 for m in self.messages)

    def api_messages(self, extra_user: str | None = None) -> list[dict[str, str]]:
        """The messages to send: the system prompt, then every exchange with content."""
        out: list[dict[str, str]] = []
        if self.system.strip():
            out.append({"role": "system", "content": self.system.strip()})
        for m in self.messages:
            if m.role in ("user", "assistant") and m.content.strip():
                out.append({"role": m.role, "content": m.content})
        if extra_user is not None:
            out.append({"role": "user", "content": extra_user})
        return out

    def auto_title(self) -> None:
        if self.titled:
            return
        first = next((m.content for m in self.messages if m.role == "user" and m.content.strip()), "")
        t = " ".join(first.split())
        if t:
            self.title = t if len(t) <= 48 else t[:47].rstrip() + "…"

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["version"] = FORMAT_VERSION
        d["system"] = _mask_keys(d["system"])
        for m in d["messages"]:
            m["content"] = _mask_keys(m["content"])
        return d

    @classmethod
    def parse(cls, d: dict[str, Any]) -> Conversation:
        mt = d.get("max_tokens")
        return cls(id=str(d["id"]), title=str(d.get("title") or "Conversation"), system=str(d.get("system") or ""),
                   model=str(d.get("model") or DEFAULT_MODEL), temperature=float(d.get("temperature", 1.0)),
                   max_tokens=int(mt) if mt else None,
                   messages=[Message.parse(m) for m in d.get("messages") or [] if isinstance(m, dict)],
                   created_at=float(d.get("created_at") or 0.0), updated_at=float(d.get("updated_at") or 0.0),
                   titled=bool(d.get("titled")))


@dataclass(frozen=True)
class Summary:
    id: str
    title: str
    updated_at: float
    messages: int
    credits: float


def estimate_reply(pricing: Pricing, messages: list[dict[str, str]], max_tokens: int | None) -> int:
    """Credits for sending ``messages``: input from their length, output up to ``max_tokens`` (or 1,000)."""
    chars = sum(len(m["content"]) for m in messages) + 4 * len(messages)
    return pricing.chat(chars_to_tokens(chars), max_tokens or 1000).credits


class ChatStore:
    """Conversations as JSON files under ``root``."""

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root)

    def _path(self, cid: str) -> Path:
        if not _ID.match(cid):
            raise InputError(f"'{cid}' is not a conversation id.")
        return self.root / f"{cid}.json"

    def new(self, **kw: Any) -> Conversation:
        return Conversation(**kw)

    def save(self, conv: Conversation) -> Path:
        conv.updated_at = time.time()
        self.root.mkdir(parents=True, exist_ok=True)
        return atomic_write_text(self._path(conv.id), json.dumps(conv.to_json(), ensure_ascii=False, indent=1))

    def load(self, cid: str) -> Conversation:
        p = self._path(cid)
        try:
            return Conversation.parse(json.loads(p.read_text("utf-8")))
        except FileNotFoundError:
            raise InputError(_("That conversation no longer exists.")) from None
        except (OSError, ValueError, KeyError, TypeError) as e:
            raise InputError(_("The conversation file {name} cannot be read: {reason}").format(name=p.name, reason=e)) from None

    def list(self) -> list[Summary]:
        """Every saved conversation, most recently changed first (unreadable files are skipped)."""
        out: list[Summary] = []
        if not self.root.is_dir():
            return out
        for p in self.root.glob("*.json"):
            if not _ID.match(p.stem):
                continue
            try:
                d = json.loads(p.read_text("utf-8"))
                c = Conversation.parse(d)
            except (OSError, ValueError, KeyError, TypeError):
                log.warning("skipped unreadable conversation file %s", p.name)
                continue
            out.append(Summary(c.id, c.title, c.updated_at, len(c.messages), c.credits))
        out.sort(key=lambda s: s.updated_at, reverse=True)
        return out

    def rename(self, cid: str, title: str) -> Conversation:
        t = " ".join((title or "").split())
        if not t:
            raise InputError(_("A conversation needs a name."))
        c = self.load(cid)
        c.title = t[:120]
        c.titled = True
        self.save(c)
        return c

    def delete(self, cid: str) -> None:
        self._path(cid).unlink(missing_ok=True)
