"""Each tool's options kept across restarts: the model, voice, size, HD, mode... a person chose
last time are there again when the tab is next built.

:data:`OPTIONS` names, per tool id, the option widgets of its page (attributes of the page, a
dotted path for a part of it). Only choices are kept: never a consent box (it is given for each
use), nor inputs, positions or a trim. A value is stored under ``options/<tool id>/<name>`` in
the settings when the user changes it (a combo box's ``activated``, a box's ``clicked``, a spin
box's ``editingFinished``, a slider's ``sliderReleased``) and for all of them at quit; it is put
back when the tab is built. A combo box whose items come later (a model list read from the
server) gets its choice back when that item arrives, unless the user picked another one first.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QDoubleSpinBox,
    QSpinBox,
    QWidget,
)

from ..core.tools import tool_by_title

if TYPE_CHECKING:  # pragma: no cover
    from .main_window import MainWindow

log = logging.getLogger("verging_desktop.ui.tool_options")

#: the option widgets of each tool's page, by attribute name
OPTIONS: dict[str, tuple[str, ...]] = {
    "face-swap": ("hd_box",),
    "video-enhance": ("verging_radio", "vimmerse_radio", "hd_box", "mode_combo", "compression"),
    "reframe": ("crop_radio", "reframe_radio"),
    "chat": ("model", "temperature", "max_tokens"),
    "image-generation": ("model", "size", "quality", "count", "varg_model", "aspect"),
    "text-to-speech": ("voice", "speed", "format", "model", "varg_model"),
    "speech-to-text": ("language", "model"),
    "vision": ("model", "max_tokens"),
    "sound": ("effect_radio", "audio_radio", "attach", "varg.model", "varg.duration"),
    "generate-video": ("duration", "ratio", "quantity", "model", "effect",
                       "varg.text_radio", "varg.image_radio", "varg.model", "varg.duration", "varg.ratio"),
    "lip-sync": ("speech_audio", "speech_text", "voice", "option", "aspect", "captions"),
    "replace-background": ("align", "key_auto", "key_picked"),
}

_PLAIN = (str, int, float, bool, type(None))


def _widget(page: Any, name: str) -> QWidget | None:
    obj = page
    for part in name.split("."):
        obj = getattr(obj, part, None)
        if obj is None:
            return None
    return obj if isinstance(obj, QWidget) else None


def _value(w: QWidget) -> Any:
    if isinstance(w, QComboBox):
        if w.currentIndex() < 0:
            return None
        data = w.currentData()
        return json.dumps({"text": w.currentText(), "data": data if isinstance(data, _PLAIN) else None})
    if isinstance(w, QAbstractButton):
        return w.isChecked()
    if isinstance(w, (QSpinBox, QDoubleSpinBox, QAbstractSlider)):
        return w.value()
    return None


def _combo_index(w: QComboBox, stored: str) -> int:
    try:
        v = json.loads(stored)
    except (TypeError, ValueError):
        return -1
    if not isinstance(v, dict):
        return -1
    if v.get("data") is not None:
        i = w.findData(v["data"])
        if i >= 0:
            return i
    return w.findText(str(v.get("text", ""))) if v.get("text") else -1


def _as_bool(v: Any) -> bool:
    return v is True or str(v).strip().lower() in ("1", "true", "yes")


class ToolOptions:
    """Puts each built tab's options back and keeps them (see the module's docstring)."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.store = window.store
        #: combo boxes waiting for their stored item: (tool id, name) -> the stored value
        self.waiting: dict[tuple[str, str], str] = {}
        self.pages: dict[str, Any] = {}
        for title, lazy in window.pages.items():
            try:
                tool_id = tool_by_title(title).id
            except KeyError:
                continue
            if tool_id in OPTIONS:
                lazy.built.connect(lambda content, t=tool_id: self.restore(t, content))
                if lazy.content is not None:
                    self.restore(tool_id, lazy.content)

    def _key(self, tool_id: str, name: str) -> str:
        return f"options/{tool_id}/{name}"

    def widgets(self, tool_id: str, page: Any) -> Iterator[tuple[str, QWidget]]:
        for name in OPTIONS.get(tool_id, ()):
            w = _widget(page, name)
            if w is not None:
                yield name, w

    # -- putting back --------------------------------------------------------------------------
    def restore(self, tool_id: str, page: Any) -> None:
        self.pages[tool_id] = page
        for name, w in self.widgets(tool_id, page):
            stored = self.store.value(self._key(tool_id, name))
            try:
                if stored is not None:
                    self._put(tool_id, name, w, stored)
            except Exception:  # never lose a tab over a stored option
                log.exception("could not put back %s's %s", tool_id, name)
            self._watch(tool_id, name, w)

    def _put(self, tool_id: str, name: str, w: QWidget, stored: Any) -> None:
        if isinstance(w, QComboBox):
            i = _combo_index(w, str(stored))
            if i >= 0:
                w.setCurrentIndex(i)
            else:  # its items are not there yet (read from the server): when they come
                self.waiting[(tool_id, name)] = str(stored)
                w.model().rowsInserted.connect(lambda *_a, t=tool_id, n=name, c=w: self._arrived(t, n, c))
        elif isinstance(w, QAbstractButton):
            if w.isCheckable() and (_as_bool(stored) or not w.autoExclusive()):
                w.setChecked(_as_bool(stored))
        elif isinstance(w, QSpinBox):
            w.setValue(int(float(stored)))
        elif isinstance(w, QDoubleSpinBox):
            w.setValue(float(stored))
        elif isinstance(w, QAbstractSlider):
            w.setValue(int(float(stored)))

    def _arrived(self, tool_id: str, name: str, w: QComboBox) -> None:
        stored = self.waiting.get((tool_id, name))
        if stored is None:
            return
        i = _combo_index(w, stored)
        if i >= 0:
            del self.waiting[(tool_id, name)]
            w.setCurrentIndex(i)

    # -- keeping ----------------------------------------------------------------------------------
    def _watch(self, tool_id: str, name: str, w: QWidget) -> None:
        def save(*_a: Any) -> None:
            self.waiting.pop((tool_id, name), None)  # the user chose: nothing to put back any more
            self.save_tool(tool_id)  # all of them: a click on one radio button unchecks another

        if isinstance(w, QComboBox):
            w.activated.connect(save)
        elif isinstance(w, QAbstractButton):
            w.clicked.connect(save)
        elif isinstance(w, QAbstractSpinBox):
            w.editingFinished.connect(save)
        elif isinstance(w, QAbstractSlider):
            w.sliderReleased.connect(save)

    def _save(self, tool_id: str, name: str, w: QWidget) -> None:
        from shiboken6 import isValid

        if (tool_id, name) in self.waiting or not isValid(w):
            return  # still waiting for its stored item: keep what was stored
        v = _value(w)
        if v is None:
            return
        try:
            self.store.set_value(self._key(tool_id, name), v)
        except ValueError:  # a value that looks like a key is never stored
            log.warning("not keeping %s's %s: it looks like a key", tool_id, name)

    def save_tool(self, tool_id: str) -> None:
        page = self.pages.get(tool_id)
        if page is not None:
            for name, w in self.widgets(tool_id, page):
                self._save(tool_id, name, w)

    def save_all(self) -> None:
        """At quit: every built tab's options as they are now."""
        for tool_id in self.pages:
            self.save_tool(tool_id)
        self.store.sync()
