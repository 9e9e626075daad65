"""The Lip Sync tab's logic, without Qt: what a lip-sync or talking-avatar job will send, how long
its result will be, and the avatar and voice ids the user typed before.

Two kinds of job come from the tab:

* **lip sync** (``/v2/video/lip-sync``): a face (a portrait image, or a video of the person) made to
  speak an audio file, or a text said by one of Vimmerse's voices (:data:`models.VOICES`), with a
  model option (:data:`models.LIP_SYNC_OPTIONS`);
* **talking avatar** (``/v2/video/avatars/lip-sync``): one of the account's avatars (by id) says a
  script in a voice (by id), or speaks an audio file, in 1:1, 16:9 or 9:16, with captions on or off
  and an optional background image.

The result is as long as what is said: the audio file's duration, or for a text the time it takes
to say it (:func:`speech_seconds`, about :data:`CHARS_PER_SECOND` characters a second, the rate
Vimmerse's price table and the sandbox use for a script). That length is what the cost is asked
for (estimate-credits bills it in 5-second blocks).

Vimmerse publishes neither the avatar nor the voice list of an account, so those ids are typed;
:class:`RecentIds` remembers the last ones used (a small JSON file in the config folder: ids are
not secrets), and :data:`AVATAR_ID_HELP` / :data:`VOICE_ID_HELP` explain where to find them.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..api.vimmerse.models import (
    AVATAR_RATIOS,
    LIP_SYNC_OPTIONS,
    VOICES,
    AvatarRequest,
    LipSyncRequest,
)
from ..core.errors import InputError
from ..core.i18n import N_, _

#: how fast a text is said, for the length shown before submit (and priced): about 15 characters
#: a second, an ordinary speaking pace (the price table's and the sandbox's rate for a script)
CHARS_PER_SECOND = 15.0
#: the longest text (characters) one job takes; Vimmerse documents none: ten minutes of speech
MAX_TEXT_CHARS = int(CHARS_PER_SECOND * 600)
#: a typed avatar or voice id: letters, digits and ``_ - . :``, no spaces (what ids look like)
ID_RE = re.compile(r"^[A-Za-z0-9_.:\-]{1,128}$")

#: shown through ``_()`` (English here)
AVATAR_ID_HELP = N_("Vimmerse does not publish the list of avatars. Copy the avatar's id from your avatars on "
                    "vimmerse.net (a name or a code without spaces); the ids you use are remembered here.")
_VOICE_ID_HELP = N_("Vimmerse does not publish the list of voices for avatars. Type a voice id from your account, "
                    "or one of the voice names ({voices}...); leave AutoV to let Vimmerse choose.")
VOICE_ID_HELP = _VOICE_ID_HELP.format(voices=", ".join(VOICES[1:6]))


def voice_id_help() -> str:
    """:data:`VOICE_ID_HELP` in the interface's language."""
    return _(_VOICE_ID_HELP).format(voices=", ".join(VOICES[1:6]))

#: what the face slot holds
FACE_IMAGE = "image"
FACE_VIDEO = "video"


def speech_seconds(text: str) -> float:
    """How long saying ``text`` takes, in seconds (0 for no text): its characters at
    :data:`CHARS_PER_SECOND`, the rule the price table bills a script by."""
    return len(text.strip()) / CHARS_PER_SECOND


def fmt_length(seconds: float) -> str:
    """``7.4 s``, ``1:05`` (minutes and seconds past a minute)."""
    s = max(0.0, seconds)
    if s < 60:
        return _("{seconds} s", "seconds").format(seconds=f"{s:.1f}")
    m, rest = divmod(int(round(s)), 60)
    return f"{m}:{rest:02d}"


def billed_blocks(seconds: float) -> int:
    """The 5-second blocks a length is billed in (at least one)."""
    return max(1, math.ceil(max(0.0, seconds) / 5.0 - 1e-9))


@dataclass(frozen=True)
class ResultLength:
    """How long the result will be, and where that figure comes from."""

    seconds: float
    #: "audio" (the audio file's duration), "text" (estimated speech time) or "" (nothing to say yet)
    source: str

    def describe(self) -> str:
        if self.source == "audio":
            return _("Result: {length} (the audio's length)").format(length=fmt_length(self.seconds))
        if self.source == "text":
            return _("Result: about {length} (estimated speech time)").format(length=fmt_length(self.seconds))
        return _("Result length: add audio or type a text")


def result_length(*, audio_seconds: float | None, text: str) -> ResultLength:
    """The result's length: the audio's duration when there is audio, else the text's speech time."""
    if audio_seconds is not None and audio_seconds > 0:
        return ResultLength(float(audio_seconds), "audio")
    t = speech_seconds(text)
    return ResultLength(t, "text") if t > 0 else ResultLength(0.0, "")


def check_text(text: str, what: str = "text") -> str:
    """The text, tidied; an InputError when it is longer than one job takes."""
    t = text.strip()
    if len(t) > MAX_TEXT_CHARS:
        text = (_("The script is {n} characters; one job takes at most {max} (about {minutes} minutes of speech). "
                  "Shorten it or split it into several jobs.") if what == "script" else
                _("The text is {n} characters; one job takes at most {max} (about {minutes} minutes of speech). "
                  "Shorten it or split it into several jobs."))
        raise InputError(text.format(n=f"{len(t):,}", max=f"{MAX_TEXT_CHARS:,}",
                                     minutes=f"{MAX_TEXT_CHARS / CHARS_PER_SECOND / 60:.0f}"))
    return t


def check_id(value: str, what: str) -> str:
    """A typed avatar or voice id, stripped; an InputError a person can act on otherwise."""
    v = value.strip()
    if not v:
        raise InputError(_("Type the avatar id.") if what == "avatar" else _("Type the voice id."))
    if not ID_RE.match(v):
        text = (_("'{value}' does not look like an avatar id: use the id from your Vimmerse account "
                  "(letters, digits, '-', '_', '.' or ':', no spaces).") if what == "avatar" else
                _("'{value}' does not look like a voice id: use the id from your Vimmerse account "
                  "(letters, digits, '-', '_', '.' or ':', no spaces)."))
        raise InputError(text.format(value=v))
    return v


def lip_sync_request(*, face: str, face_kind: str, audio: str = "", text: str = "", voice: str = "AutoV",
                     option: str = "AutoLipSync", audio_seconds: float | None = None) -> LipSyncRequest:
    """The lip-sync request for a face (local path or URL) and audio or a text with a voice.

    Audio wins over a text when both are given (the tab offers one or the other).
    :raises InputError: no face, neither audio nor text, an unknown option or voice.
    """
    if not face:
        raise InputError(_("Drop a portrait image or a video of the face."))
    if face_kind not in (FACE_IMAGE, FACE_VIDEO):
        raise InputError(_("The face must be an image or a video, not {kind}.").format(kind=repr(face_kind)))
    if option not in LIP_SYNC_OPTIONS:
        raise InputError(_("'{option}' is not a lip-sync option; use one of {options}.").format(
            option=option, options=", ".join(LIP_SYNC_OPTIONS)))
    said = check_text(text)
    if not audio and not said:
        raise InputError(_("Add an audio file, or type the text to say and pick a voice."))
    if not audio and voice not in VOICES:
        raise InputError(_("'{voice}' is not a Vimmerse voice; use one of {voices}.").format(
            voice=voice, voices=", ".join(VOICES)))
    return LipSyncRequest(
        image_url=face if face_kind == FACE_IMAGE else "",
        video_url=face if face_kind == FACE_VIDEO else "",
        audio_url=audio,
        prompt="" if audio else said,
        option=option,
        voice=voice if not audio else "AutoV",
        # not sent: a lip sync is billed by what is said (the audio, or the text's characters), and
        # estimate-credits would bill a face video's length instead (the sandbox does)
        video_duration=None,
        audio_duration=round(audio_seconds, 3) if audio and audio_seconds else None,
    )


def avatar_request(*, avatar_id: str, voice_id: str = "", script: str = "", audio: str = "",
                   background: str = "", aspect_ratio: str = "16:9", captions: bool = True) -> AvatarRequest:
    """The talking-avatar request: an avatar says ``script`` in ``voice_id`` (or speaks ``audio``).

    :raises InputError: no avatar id, neither a script nor audio, a script without a voice, an
        aspect ratio the route does not take.
    """
    aid = check_id(avatar_id, "avatar")
    said = check_text(script, "script")
    if not audio and not said:
        raise InputError(_("Type the script for the avatar to say, or add an audio file."))
    vid = ""
    if said and not audio:
        vid = check_id(voice_id or "AutoV", "voice")
    elif voice_id.strip():
        vid = check_id(voice_id, "voice")
    if aspect_ratio not in AVATAR_RATIOS:
        raise InputError(_("A talking avatar is made in {ratios}, not {ratio}.").format(
            ratios=", ".join(AVATAR_RATIOS), ratio=aspect_ratio))
    return AvatarRequest(avatar_id=aid, voice_id=vid, prompt=said, bg_image_url=background, audio_url=audio,
                         aspect_ratio=aspect_ratio, show_caption="On" if captions else "Off")


class RecentIds:
    """The avatar and voice ids used last, newest first (at most :attr:`LIMIT` of each kind),
    kept in a small JSON file. A missing or damaged file is an empty list; writes are atomic."""

    LIMIT = 8
    KINDS = ("avatar", "voice")

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._data: dict[str, list[str]] = {k: [] for k in self.KINDS}
        self._load()

    def _load(self) -> None:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if not isinstance(raw, dict):
            return
        for k in self.KINDS:
            vals = raw.get(k)
            if isinstance(vals, list):
                self._data[k] = [v for v in vals if isinstance(v, str) and ID_RE.match(v)][: self.LIMIT]

    def get(self, kind: str) -> list[str]:
        return list(self._data.get(kind, []))

    def add(self, kind: str, value: str) -> None:
        """``value`` becomes the newest ``kind`` id (once); the file is written."""
        v = value.strip()
        if kind not in self._data or not ID_RE.match(v):
            return
        vals = [v] + [x for x in self._data[kind] if x != v]
        if vals == self._data[kind]:
            return
        self._data[kind] = vals[: self.LIMIT]
        self._save()

    def forget(self, kind: str, value: str) -> None:
        if value in self._data.get(kind, []):
            self._data[kind] = [x for x in self._data[kind] if x != value]
            self._save()

    def _save(self) -> None:
        """Write the file (a failure only loses the memory of ids, never anything the user made)."""
        tmp: str | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".recent-", suffix=".json", dir=self.path.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(self._data, f, indent=1)
            os.replace(tmp, self.path)
        except OSError:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
