"""What every tab of Manage API keys shares (Verging's :class:`~.keys.KeysDialog` and the
providers' :class:`~.provider_keys.ProviderKeysPage`): the list of the key store's profiles, the
selection in it, the key field's Show/Hide and the busy state of the add form.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine, Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QPushButton, QToolButton

if TYPE_CHECKING:  # pragma: no cover
    from ...core.keystore import KeyStore
    from ..session import Session


def suggest_name(names: Iterable[str]) -> str:
    """A name for the next key that no profile has yet ("personal", "studio"..., "key 2"...)."""
    taken = set(names)
    for n in ("personal", "studio", "work", "team"):
        if n not in taken:
            return n
    i = 2
    while f"key {i}" in taken:
        i += 1
    return f"key {i}"


class ProfileForm:
    """The profile list and the add form of a keys tab; the tab (a QWidget) makes the widgets
    named here and has its own ``_update_buttons``."""

    session: Session
    profile_list: QListWidget
    name_edit: QLineEdit
    key_edit: QLineEdit
    show_key: QToolButton
    save_button: QPushButton
    session_button: QPushButton
    _busy: int

    def _update_buttons(self) -> None:
        raise NotImplementedError  # pragma: no cover - every tab has its own

    def _run(self, coro: Coroutine[Any, Any, Any], name: str) -> asyncio.Task[Any]:
        return self.session.spawn(coro, name=name)

    def _toggle_echo(self, show: bool) -> None:
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Normal if show else QLineEdit.EchoMode.Password)
        self.show_key.setText("Hide" if show else "Show")

    # -- profiles ------------------------------------------------------------------------------
    def _fill_profiles(self, ks: KeyStore, in_use: str | None, empty: str) -> None:
        """List ``ks``'s profiles (the one ``in_use`` bold and ticked, the active one marked), keep
        the selection (else select the one in use); ``empty`` is shown when there is none."""
        current = self.selected_profile()
        self.profile_list.clear()
        active = ks.active
        for p in ks.profiles():
            text = p.label
            if p.name == in_use:
                text += "   ✓ in use"
            elif p.name == active:
                text += "   (active)"
            it = QListWidgetItem(text)
            it.setData(Qt.ItemDataRole.UserRole, p.name)
            it.setData(Qt.ItemDataRole.UserRole + 1, p.read_only)
            if p.name == in_use:
                f = it.font()
                f.setBold(True)
                it.setFont(f)
            self.profile_list.addItem(it)
            if p.name == (current or in_use):
                self.profile_list.setCurrentItem(it)
        if self.profile_list.count() == 0:
            it = QListWidgetItem(empty)
            it.setFlags(Qt.ItemFlag.NoItemFlags)
            self.profile_list.addItem(it)
        self._update_buttons()

    def selected_profile(self) -> str | None:
        it = self.profile_list.currentItem()
        if it is None:
            return None
        v = it.data(Qt.ItemDataRole.UserRole)
        return str(v) if v else None

    def select_profile(self, name: str) -> None:
        for i in range(self.profile_list.count()):
            it = self.profile_list.item(i)
            if it.data(Qt.ItemDataRole.UserRole) == name:
                self.profile_list.setCurrentItem(it)
                return
        raise KeyError(name)

    def _selected_read_only(self) -> bool:
        """Whether the selected profile is read-only (the environment's); True with none."""
        it = self.profile_list.currentItem()
        name = self.selected_profile()
        return bool(it.data(Qt.ItemDataRole.UserRole + 1)) if it is not None and name else True

    # -- adding ------------------------------------------------------------------------------------
    def _set_busy(self, busy: bool) -> None:
        self._busy += 1 if busy else -1
        b = self._busy > 0
        self.save_button.setEnabled(not b)
        self.session_button.setEnabled(not b)
        self.key_edit.setEnabled(not b)
        self.name_edit.setEnabled(not b)
        self._update_buttons()
