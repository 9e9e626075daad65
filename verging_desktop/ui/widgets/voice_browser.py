"""A voice browser for ElevenLabs voices through varg (``GET /voices``): a search box, a gender
filter, each voice with its gender, accent and style, and a play button for its preview.

The nine preset voices varg names (:data:`verging_desktop.core.varg_models.PRESET_VOICES`) are
always listed, also when ``/voices`` fails or there is no varg key: a preset is sent by its name
("rachel"), so the same request from the CLI (``--voice rachel``) is the same cache entry. A voice of
the list whose name is a preset's ("Rachel") lends the preset its labels and preview. Any other
voice is sent by its ``voice_id``.

The list is asked for with :meth:`VoiceBrowser.set_loader`'s coroutine ``load(search, gender)``
(the tab passes ``ctx.varg.voices``), debounced while typing; an answer to an older search is
dropped. A preview is downloaded once (``fetch_preview(url, dest)``: the tab passes
``ctx.varg.download``, which sends no key) into ``preview_dir`` and played from there with one
QMediaPlayer (one preview at a time; its button stops it). Without QtMultimedia
(:mod:`.multimedia`) the play buttons are off and say why; choosing voices works the same.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import re
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import Q_ARG, QT_TRANSLATE_NOOP, Qt, QTimer, QUrl, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.varg_models import DEFAULT_VOICE, PRESET_VOICES
from ..plural import plural
from . import multimedia

log = logging.getLogger("verging_desktop.ui.voice_browser")

#: how long typing must rest before the list is asked again
SEARCH_DELAY_MS = 300
GENDERS = (("", QT_TRANSLATE_NOOP("VoiceBrowser", "Any gender")), ("female", QT_TRANSLATE_NOOP("VoiceBrowser", "Female")),
           ("male", QT_TRANSLATE_NOOP("VoiceBrowser", "Male")))
COL_PLAY, COL_NAME, COL_GENDER, COL_ACCENT, COL_STYLE = range(5)
PLAY_TEXT, STOP_TEXT = "▶", "■"

Loader = Callable[[str, str], Awaitable[Sequence[Any]]]
Fetcher = Callable[[str, Path], Awaitable[Any]]
Spawner = Callable[[Coroutine[Any, Any, Any]], "asyncio.Task[Any]"]


@dataclass(frozen=True)
class VoiceEntry:
    """One row: ``value`` is what the request sends (a preset's name, else the voice_id)."""

    value: str
    name: str
    gender: str = ""
    accent: str = ""
    age: str = ""
    style: str = ""          # use case or description
    description: str = ""
    preview_url: str = ""
    preset: bool = False

    @property
    def labels(self) -> str:
        return " · ".join(x for x in (self.gender, self.accent, self.age) if x)


def _entry(v: Any, *, value: str | None = None, preset: bool = False) -> VoiceEntry:
    def a(name: str) -> str:
        return str(getattr(v, name, "") or "").strip()

    return VoiceEntry(value=value or a("voice_id"), name=a("name") or a("voice_id"), gender=a("gender"),
                      accent=a("accent"), age=a("age"),
                      style=", ".join(x for x in (a("description"), a("use_case")) if x) or a("category"),
                      description=a("description"), preview_url=a("preview_url"), preset=preset)


def _preset_of(name: str) -> str | None:
    """"rachel" for a voice called "Rachel" (or "Rachel - calm"), else None."""
    first = re.split(r"[\s\-–(,]+", name.strip().lower(), maxsplit=1)[0] if name.strip() else ""
    return first if first in PRESET_VOICES else None


#: ElevenLabs' own labels of the presets (shown when ``/voices`` cannot be read)
PRESET_LABELS: dict[str, tuple[str, str, str]] = {
    "rachel": ("female", "american", "calm, narration"),
    "domi": ("female", "american", "strong"),
    "sarah": ("female", "american", "soft, news"),
    "antoni": ("male", "american", "well-rounded"),
    "elli": ("female", "american", "emotional"),
    "josh": ("male", "american", "deep"),
    "arnold": ("male", "american", "crisp"),
    "adam": ("male", "american", "deep, narration"),
    "sam": ("male", "american", "raspy"),
}


def _preset_entry(p: str) -> VoiceEntry:
    g, a, style = PRESET_LABELS.get(p, ("", "", ""))
    return VoiceEntry(value=p, name=p.capitalize(), gender=g, accent=a, style=style, preset=True)


def merge_voices(answer: Sequence[Any] | None, search: str = "", gender: str = "") -> list[VoiceEntry]:
    """The rows to show: the presets, then the other voices of ``answer`` (the server's list for
    ``search``/``gender``; None: it could not be read). A preset in ``answer`` takes its labels and
    preview from there and is shown; a preset not in it is shown when it matches ``search`` and
    ``gender`` by its own labels."""
    found: dict[str, Any] = {}
    others: list[VoiceEntry] = []
    seen: set[str] = set()
    for v in answer or ():
        p = _preset_of(str(getattr(v, "name", "") or ""))
        if p is not None and p not in found:
            found[p] = v
            continue
        e = _entry(v)
        if e.value and e.value not in seen:
            seen.add(e.value)
            others.append(e)
    s, g = search.strip().lower(), gender.strip().lower()
    rows: list[VoiceEntry] = []
    for p in PRESET_VOICES:
        v = found.get(p)
        e = _preset_entry(p)
        if v is not None:
            got = _entry(v, value=p, preset=True)
            rows.append(replace(got, gender=got.gender or e.gender, accent=got.accent or e.accent,
                                style=got.style or e.style))
            continue
        if s and s not in f"{e.value} {e.labels} {e.style}".lower():
            continue
        if g and e.gender != g:
            continue
        rows.append(e)
    return rows + others


class VoiceBrowser(QWidget):
    """See the module docstring. Signal ``changed(str)``: the chosen voice's value."""

    changed = Signal(str)

    def __init__(self, *, preview_dir: Path, spawn: Spawner, load: Loader | None = None,
                 fetch_preview: Fetcher | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("voiceBrowser")
        self.preview_dir = Path(preview_dir)
        self._spawn = spawn
        self._load = load
        self._fetch = fetch_preview
        self._gen = 0
        self._task: asyncio.Task[Any] | None = None
        self._preview_task: asyncio.Task[Any] | None = None
        self._entries: list[VoiceEntry] = []
        #: every voice listed so far, value -> name (the chosen one keeps its name when a search hides it)
        self._names: dict[str, str] = {}
        self._answer: Sequence[Any] | None = None
        self._value = DEFAULT_VOICE
        self.player: Any = None
        self.audio_out: Any = None
        self.playing = ""           # the value whose preview plays ("" none)
        self.loads = 0              # /voices asked (for tests)
        self.load_error = ""
        self._stale = load is not None

        self.search = QLineEdit()
        self.search.setObjectName("voiceSearch")
        self.search.setPlaceholderText(self.tr("Search voices: name, accent, style…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.gender = QComboBox()
        self.gender.setObjectName("voiceGender")
        for g, text in GENDERS:
            self.gender.addItem(self.tr(text), g)
        self.gender.currentIndexChanged.connect(lambda _i: self.reload())
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.reload)

        self.tree = QTreeWidget()
        self.tree.setObjectName("voiceList")
        self.tree.setColumnCount(5)
        self.tree.setHeaderLabels(["", self.tr("Voice"), self.tr("Gender"), self.tr("Accent"), self.tr("Style", "of a voice")])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        head = self.tree.header()
        head.setStretchLastSection(True)
        head.setSectionResizeMode(COL_PLAY, QHeaderView.ResizeMode.Fixed)
        head.resizeSection(COL_PLAY, 34)
        for c in (COL_NAME, COL_GENDER, COL_ACCENT):
            head.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.currentItemChanged.connect(lambda cur, _prev: self._picked(cur))
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # the style elides
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.setMinimumHeight(150)

        self.status = QLabel()
        self.status.setObjectName("voiceStatus")
        self.status.setWordWrap(True)
        self.status.setEnabled(False)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.search, 1)
        top.addWidget(self.gender)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(top)
        lay.addWidget(self.tree, 1)
        lay.addWidget(self.status)
        self._show(merge_voices(None))
        self.status.setText(self.tr("The nine preset voices; add a varg key to browse all of ElevenLabs' voices."))

    #: below this width the Style column is left out (each row's tooltip still says it)
    NARROW = 300

    def resizeEvent(self, e: Any) -> None:
        super().resizeEvent(e)
        self.tree.setColumnHidden(COL_STYLE, self.width() < self.NARROW)

    # ==== the list ==================================================================================
    def showEvent(self, e: Any) -> None:
        super().showEvent(e)
        if self._stale:  # asked the first time the list is seen (or when it changed while hidden)
            self.reload()

    def set_loader(self, load: Loader | None, fetch_preview: Fetcher | None = None) -> None:
        """Where voices (and previews) come from now (None: presets only); asked again now when
        the browser is visible, else when it is next shown."""
        self._load = load
        if fetch_preview is not None:
            self._fetch = fetch_preview
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def reload(self) -> asyncio.Task[Any] | None:
        """Ask ``/voices`` for the current search and gender now (the presets stay listed)."""
        self._timer.stop()
        self._stale = False
        self._gen += 1
        search, gender = self.search.text().strip(), str(self.gender.currentData() or "")
        if self._load is None:
            self._answer = None
            self._show(merge_voices(None, search, gender))
            self.status.setText(self.tr("The nine preset voices; add a varg key to browse all of ElevenLabs' voices."))
            return None
        self.status.setText(self.tr("Loading voices…"))
        self._task = self._spawn(self._reload(self._gen, self._load, search, gender))
        return self._task

    async def _reload(self, gen: int, load: Loader, search: str, gender: str) -> None:
        self.loads += 1
        try:
            answer = list(await load(search, gender))
        except asyncio.CancelledError:
            raise
        except Exception as e:  # any failure: the presets stay usable
            if gen != self._gen:
                return
            log.info("voices could not be listed: %s", e)
            self.load_error = str(e) or type(e).__name__
            self._answer = None
            self._show(merge_voices(None, search, gender))
            self.status.setText(self.tr("Could not load the voice list (%1). The nine preset voices "
                                        "can still be used.").replace("%1", self.load_error))
            return
        if gen != self._gen:
            return  # an older search's answer
        self.load_error = ""
        self._answer = answer
        rows = merge_voices(answer, search, gender)
        self._show(rows)
        extra = len(rows) - sum(1 for r in rows if r.preset)
        if not rows:
            self.status.setText(self.tr("No voice matches. Clear the search to see them all."))
        else:
            self.status.setText(plural(self.tr("%n voice(s)", "", len(rows)), len(rows))
                                + (" " + self.tr("(%1 beyond the presets)").replace("%1", str(extra)) if extra else "")
                                + " · " + self.tr("▶ plays a preview"))

    def _show(self, rows: list[VoiceEntry]) -> None:
        self._stop_preview()
        self._entries = rows
        self._names.update((e.value, e.name) for e in rows if e.name)
        was = self.tree.blockSignals(True)
        self.tree.clear()
        current: QTreeWidgetItem | None = None
        for e in rows:
            it = QTreeWidgetItem(["", e.name, e.gender, e.accent, e.style])
            tip = "\n".join(x for x in (e.name + (" " + self.tr("(one of varg's preset voices)") if e.preset else ""),
                                        e.labels, e.style, self.tr("Sent as: %1").replace("%1", e.value)) if x)
            for c in range(5):
                it.setToolTip(c, tip)
            self.tree.addTopLevelItem(it)
            btn = QToolButton()
            btn.setObjectName(f"play-{e.value}")
            btn.setText(PLAY_TEXT)
            btn.setAutoRaise(True)
            if not multimedia.available:
                btn.setEnabled(False)
                btn.setToolTip(multimedia.reason)
            elif not e.preview_url:
                btn.setEnabled(False)
                btn.setToolTip(self.tr("No preview for this voice"))
            else:
                btn.setToolTip(self.tr("Play a preview of %1").replace("%1", e.name))
            btn.clicked.connect(lambda _c=False, v=e.value: self.toggle_preview(v))
            self.tree.setItemWidget(it, COL_PLAY, btn)
            if e.value == self._value:
                current = it
        if current is not None:
            self.tree.setCurrentItem(current)
        self.tree.blockSignals(was)
        if current is None and rows and not any(r.value == self._value for r in rows):
            # the chosen voice is filtered out: it stays chosen (nothing selected in the list)
            self.tree.clearSelection()

    @property
    def loading(self) -> bool:
        """``/voices`` is being asked (or about to be, while typing rests)."""
        return self._timer.isActive() or (self._task is not None and not self._task.done())

    def entries(self) -> list[VoiceEntry]:
        return list(self._entries)

    def entry(self, value: str) -> VoiceEntry | None:
        return next((e for e in self._entries if e.value == value), None)

    def item_of(self, value: str) -> QTreeWidgetItem | None:
        for i, e in enumerate(self._entries):
            if e.value == value:
                return self.tree.topLevelItem(i)
        return None

    def play_button(self, value: str) -> QToolButton | None:
        it = self.item_of(value)
        w = self.tree.itemWidget(it, COL_PLAY) if it is not None else None
        return w if isinstance(w, QToolButton) else None

    # ==== the choice ================================================================================
    def current(self) -> str:
        """The value to send as ``voice``."""
        return self._value

    def current_name(self) -> str:
        return self.name_of(self._value)

    def name_of(self, value: str) -> str:
        """A voice's name ("Lily") for the value sent ("pFZP5JQG7iQjIQuC4Bku"), when it was ever
        listed here; else the value itself (a preset's name capitalized)."""
        e = self.entry(value)
        if e is not None:
            return e.name
        return self._names.get(value) or (value.capitalize() if value in PRESET_VOICES else value)

    def set_current(self, value: str) -> None:
        value = value.strip() or DEFAULT_VOICE
        it = self.item_of(value)
        if it is not None:
            self.tree.setCurrentItem(it)  # -> _picked
        elif value != self._value:
            self._value = value
            self.changed.emit(value)

    def _picked(self, item: QTreeWidgetItem | None) -> None:
        if item is None:
            return
        i = self.tree.indexOfTopLevelItem(item)
        if 0 <= i < len(self._entries) and self._entries[i].value != self._value:
            self._value = self._entries[i].value
            self.changed.emit(self._value)

    # ==== previews ==================================================================================
    def preview_path(self, e: VoiceEntry) -> Path:
        digest = hashlib.sha256(e.preview_url.encode()).hexdigest()[:12]
        safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", e.value)[:60]
        suffix = Path(QUrl(e.preview_url).path()).suffix.lower()
        return self.preview_dir / f"{safe}-{digest}{suffix if suffix in ('.mp3', '.wav', '.ogg', '.m4a') else '.mp3'}"

    def toggle_preview(self, value: str) -> asyncio.Task[Any] | None:
        """Play ``value``'s preview (downloaded once), or stop it when it is the one playing."""
        if self.playing == value:
            self._stop_preview()
            return None
        self._stop_preview()
        e = self.entry(value)
        if e is None or not e.preview_url or not multimedia.available:
            return None
        btn = self.play_button(value)
        if btn is not None:
            btn.setText("…")
        self.playing = value
        self._preview_task = self._spawn(self._play(e))
        return self._preview_task

    async def _play(self, e: VoiceEntry) -> None:
        dest = self.preview_path(e)
        try:
            if not dest.is_file():
                if self._fetch is None:
                    raise RuntimeError("no way to download the preview")
                self.preview_dir.mkdir(parents=True, exist_ok=True)
                await self._fetch(e.preview_url, dest)
        except asyncio.CancelledError:
            raise
        except Exception as err:
            if self.playing == e.value:
                self._stop_preview()
            self.status.setText(self.tr("Could not download the preview of %1: %2").replace("%1", e.name).replace("%2", str(err)))
            return
        if self.playing != e.value:
            return  # stopped (or another started) while downloading
        player = self._ensure_player()
        if player is None:
            return
        btn = self.play_button(e.value)
        if btn is not None:
            btn.setText(STOP_TEXT)
            btn.setToolTip(self.tr("Stop the preview of %1").replace("%1", e.name))
        from ..video.player import queue_call

        queue_call(player, "setSource", Q_ARG(QUrl, QUrl.fromLocalFile(str(dest))))
        queue_call(player, "play")

    def _ensure_player(self) -> Any:
        if self.player is None and multimedia.ready():
            from ..video.player import attach_audio_if_present

            self.player = multimedia.QMediaPlayer(self)
            self.audio_out = multimedia.QAudioOutput(self)
            attach_audio_if_present(self.player, self.audio_out)
            self.player.mediaStatusChanged.connect(self._media_status)
            self.player.errorOccurred.connect(lambda _e, msg: self._preview_failed(msg))
        return self.player

    def _media_status(self, status: Any) -> None:
        if status == multimedia.QMediaPlayer.MediaStatus.EndOfMedia:
            self._stop_preview()

    def _preview_failed(self, msg: str) -> None:
        name = self.entry(self.playing).name if self.entry(self.playing) else self.playing
        self._stop_preview()
        self.status.setText(self.tr("Cannot play the preview of %1: %2").replace("%1", name).replace("%2", msg))

    def _stop_preview(self) -> None:
        was = self.playing
        self.playing = ""
        t = self._preview_task
        if t is not None and not t.done():
            t.cancel()
        self._preview_task = None
        if self.player is not None:
            from ..video.player import queue_call

            queue_call(self.player, "stop")
        if was:
            btn = self.play_button(was)
            if btn is not None:
                btn.setText(PLAY_TEXT)
                e = self.entry(was)
                btn.setToolTip(self.tr("Play a preview of %1").replace("%1", e.name if e else was))

    def is_playing(self) -> bool:
        """Whether the player is playing a preview now."""
        p = self.player
        return bool(p is not None and self.playing
                    and p.playbackState() == multimedia.QMediaPlayer.PlaybackState.PlayingState)

    def shutdown(self) -> None:
        self._timer.stop()
        self._stop_preview()
        if self._task is not None and not self._task.done():
            self._task.cancel()
