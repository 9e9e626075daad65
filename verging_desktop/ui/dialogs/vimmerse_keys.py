"""The Vimmerse page of Manage API keys: profiles of Vimmerse keys, adding one (checked with
Vimmerse first), removing one, and ``VIMMERSE_API_KEY`` shown read-only.

A key goes to the OS keyring (``verging-desktop:vimmerse``) or, when no keyring can hold it and
the user agrees, to memory for this session; never to a file or a log. It is checked with
:meth:`VimmerseClient.validate_key` (an estimate of 0 credits) before it is saved; a refused key
is not saved and the message says what to do. In sandbox mode the sandbox's own Vimmerse demo
key is used: a key added then is stored and checked with Vimmerse when the sandbox is left.
Vimmerse has no account route, so there is no list of the account's keys here.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import ApiError, InputError, KeyringUnavailable, VergingError
from ...core.providers import VIMMERSE
from ...core.redact import redact

if TYPE_CHECKING:  # pragma: no cover
    from ..session import Session

ERROR_STYLE = "color: #c5221f;"
OK_STYLE = "color: #188038;"


def _status(label: QLabel, text: str, kind: str = "info") -> None:
    label.setText(text)
    label.setStyleSheet({"error": ERROR_STYLE, "ok": OK_STYLE}.get(kind, ""))
    label.setProperty("kind", kind)


class VimmerseKeysPage(QWidget):
    """Vimmerse's keys (see the module docstring). ``keyring_problem`` comes from the dialog,
    which checks the keyring once for both providers."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("vimmerseKeys")
        self.confirm_box: QMessageBox | None = None
        self._busy = 0
        self._keyring_problem: str | None = None

        intro = QLabel("Vimmerse runs Reframe & Crop, Lip Sync, Replace Background, Sound, Generate Video and "
                       "the Vimmerse modes of Video Enhance. It bills in its own Vimmerse credits, "
                       "separately from your Verging credits.")
        intro.setObjectName("vimmerseIntro")
        intro.setWordWrap(True)
        self.sandbox_note = QLabel(
            "<b>Sandbox mode uses a demo Vimmerse key</b> on this computer. A key you add here is for your "
            "Vimmerse account: no server is asked now; it is checked with Vimmerse when you leave the sandbox.")
        self.sandbox_note.setObjectName("vimmerseSandboxNote")
        self.sandbox_note.setWordWrap(True)
        self.sandbox_note.setStyleSheet("QLabel#vimmerseSandboxNote { background: #fef7e0; color: #5f4200;"
                                        " border: 1px solid #f6d67a; border-radius: 4px; padding: 8px; }")
        self.sandbox_note.setVisible(False)

        # -- profiles -------------------------------------------------------------------------
        prof_box = QGroupBox("Vimmerse keys on this computer")
        self.profile_list = QListWidget()
        self.profile_list.setObjectName("vimmerseProfileList")
        self.profile_list.setMaximumHeight(130)
        self.profile_list.itemDoubleClicked.connect(lambda _i: self.use_selected())
        self.profile_list.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.use_button = QPushButton("Use this key")
        self.use_button.setObjectName("vimmerseUseProfile")
        self.use_button.clicked.connect(self.use_selected)
        self.remove_button = QPushButton("Remove…")
        self.remove_button.setObjectName("vimmerseRemoveProfile")
        self.remove_button.clicked.connect(self.ask_remove_selected)
        self.profile_status = QLabel()
        self.profile_status.setObjectName("vimmerseProfileStatus")
        self.profile_status.setWordWrap(True)
        prow = QHBoxLayout()
        prow.addWidget(self.use_button)
        prow.addWidget(self.remove_button)
        prow.addStretch(1)
        pl = QVBoxLayout(prof_box)
        pl.addWidget(self.profile_list)
        pl.addLayout(prow)
        pl.addWidget(self.profile_status)

        # -- add a key ----------------------------------------------------------------------------
        add_box = QGroupBox("Add a Vimmerse key")
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("vimmerseProfileName")
        self.name_edit.setPlaceholderText("a name for this key, e.g. personal or studio")
        self.key_edit = QLineEdit()
        self.key_edit.setObjectName("vimmerseKeyEdit")
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_edit.setPlaceholderText("paste the API key from your Vimmerse account")
        self.key_edit.returnPressed.connect(self.save_key)
        self.show_key = QToolButton()
        self.show_key.setObjectName("vimmerseShowKey")
        self.show_key.setText("Show")
        self.show_key.setCheckable(True)
        self.show_key.setToolTip("Show or hide the key while you check it")
        self.show_key.toggled.connect(self._toggle_echo)
        krow = QHBoxLayout()
        krow.addWidget(self.key_edit, 1)
        krow.addWidget(self.show_key)
        self.session_only = QCheckBox("Use for this session only (not stored; forgotten when you quit)")
        self.session_only.setObjectName("vimmerseSessionOnly")
        self.session_only.toggled.connect(lambda _on: self._update_texts())
        self.save_button = QPushButton("Validate and save")
        self.save_button.setObjectName("vimmerseSaveKey")
        self.save_button.clicked.connect(self.save_key)
        self.session_button = QPushButton("Use for this session only")
        self.session_button.setObjectName("vimmerseUseSessionOnly")
        self.session_button.setVisible(False)
        self.session_button.clicked.connect(lambda: self._add(session_only=True))
        self.add_status = QLabel()
        self.add_status.setObjectName("vimmerseAddStatus")
        self.add_status.setWordWrap(True)
        self.add_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout()
        form.addRow("Name", self.name_edit)
        form.addRow("Key", krow)
        brow = QHBoxLayout()
        brow.addWidget(self.save_button)
        brow.addWidget(self.session_button)
        brow.addStretch(1)
        self.hint = QLabel()
        self.hint.setObjectName("vimmerseKeyHint")
        self.hint.setWordWrap(True)
        self.hint.setEnabled(False)
        al = QVBoxLayout(add_box)
        al.addLayout(form)
        al.addWidget(self.session_only)
        al.addLayout(brow)
        al.addWidget(self.add_status)
        al.addWidget(self.hint)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 6, 0, 0)
        lay.addWidget(intro)
        lay.addWidget(self.sandbox_note)
        lay.addWidget(prof_box)
        lay.addWidget(add_box)
        lay.addStretch(1)

        session.profilesChanged.connect(self.refresh_profiles)
        session.vimmerseChanged.connect(lambda _n: self.refresh_profiles())
        session.vimmerseProblem.connect(lambda text: _status(self.profile_status, text, "error"))
        session.modeChanged.connect(lambda _m: self.refresh())
        self.refresh()

    # -- state -------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.refresh_profiles()
        self._update_texts()
        problem = self.session.vimmerse_problem
        if problem:
            _status(self.profile_status, problem, "error")
        elif self.profile_status.property("kind") == "error":
            _status(self.profile_status, "")

    def set_keyring_problem(self, problem: str | None) -> None:
        self._keyring_problem = problem
        if problem:
            self.session_only.setChecked(True)
            self.session_only.setEnabled(False)
        else:
            self.session_only.setEnabled(True)
        self._update_texts()

    def _update_texts(self) -> None:
        memory = bool(self._keyring_problem) or self.session_only.isChecked()
        sandbox = self.session.in_sandbox
        self.sandbox_note.setVisible(sandbox)
        where = "kept in memory for this session only" if memory else "stored in your system's keyring"
        if sandbox:
            self.save_button.setText("Keep for this session" if memory else "Save for later")
            self.hint.setText(f"The sandbox uses its own demo Vimmerse key. A key added here is {where}, never "
                              "written to a file or a log, and checked with Vimmerse when you leave the sandbox.")
        else:
            self.save_button.setText("Validate and use for this session" if memory else "Validate and save")
            self.hint.setText(f"The key is checked with Vimmerse (a free price estimate) before it is {where}. "
                              f"It is sent only to {self.session.live_vimmerse_url}, never written to a file or "
                              "a log.")

    def suggest_name(self) -> str:
        names = set(self.session.vimmerse_keystore.names())
        for n in ("personal", "studio", "work", "team"):
            if n not in names:
                return n
        i = 2
        while f"key {i}" in names:
            i += 1
        return f"key {i}"

    def _toggle_echo(self, show: bool) -> None:
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Normal if show else QLineEdit.EchoMode.Password)
        self.show_key.setText("Hide" if show else "Show")

    def _run(self, coro: Coroutine[Any, Any, Any], name: str) -> asyncio.Task[Any]:
        return self.session.spawn(coro, name=name)

    # -- profiles ------------------------------------------------------------------------------
    def refresh_profiles(self) -> None:
        current = self.selected_profile()
        self.profile_list.clear()
        ks = self.session.vimmerse_keystore
        active = ks.active
        in_use = self.session.vimmerse_profile if not self.session.in_sandbox else None
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
            it = QListWidgetItem(f"No Vimmerse key yet: add one below (or set {VIMMERSE.env_key}).")
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

    def _update_buttons(self) -> None:
        it = self.profile_list.currentItem()
        name = self.selected_profile()
        read_only = bool(it.data(Qt.ItemDataRole.UserRole + 1)) if it is not None and name else True
        sandbox = self.session.in_sandbox
        in_use = name is not None and name == self.session.vimmerse_profile and not sandbox
        self.use_button.setEnabled(name is not None and not in_use and self._busy == 0)
        self.use_button.setText("Use this key after the sandbox" if sandbox else "Use this key")
        self.remove_button.setEnabled(name is not None and not read_only and self._busy == 0)
        self.remove_button.setToolTip(f"The environment profile comes from {VIMMERSE.env_key}"
                                      if read_only and name else "")

    def use_selected(self) -> None:
        name = self.selected_profile()
        if not name:
            return
        sandbox = self.session.in_sandbox

        async def go() -> None:
            try:
                ok = await self.session.use_vimmerse_profile(name)
            except VergingError as e:
                _status(self.profile_status, redact(str(e)), "error")
                return
            if sandbox:
                _status(self.profile_status, f"'{name}' is used when you leave the sandbox.", "ok")
            elif ok:
                _status(self.profile_status, f"Vimmerse now uses '{name}'.", "ok")
            else:
                _status(self.profile_status, self.session.vimmerse_problem or f"'{name}' has no key.", "error")

        self._run(go(), "use-vimmerse-profile")

    def ask_remove_selected(self) -> None:
        name = self.selected_profile()
        if not name:
            return
        box = QMessageBox(QMessageBox.Icon.Question, "Remove Vimmerse key",
                          f"Remove the Vimmerse key '{name}' from this computer?", parent=self)
        box.setInformativeText("The key is deleted from the OS keyring here. It stays valid on your Vimmerse "
                               "account: delete it there to disable it everywhere.")
        yes = box.addButton("Remove", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setObjectName("confirmRemoveVimmerse")
        box.buttonClicked.connect(lambda b: self._remove(name) if b is yes else None)
        box.finished.connect(box.deleteLater)
        self.confirm_box = box
        box.open()

    def _remove(self, name: str) -> None:
        async def go() -> None:
            try:
                await self.session.remove_vimmerse_profile(name)
            except VergingError as e:
                _status(self.profile_status, redact(str(e)), "error")
                return
            _status(self.profile_status, f"Removed the Vimmerse key '{name}'.", "ok")

        self._run(go(), "remove-vimmerse-profile")

    # -- adding ------------------------------------------------------------------------------------
    def save_key(self) -> None:
        self._add(session_only=self.session_only.isChecked())

    def _add(self, *, session_only: bool) -> None:
        if self._busy:
            return
        name = self.name_edit.text().strip()
        key = self.key_edit.text()
        self.session_button.setVisible(False)
        self._set_busy(True)
        sandbox = self.session.in_sandbox
        _status(self.add_status, "Saving the key…" if sandbox else "Checking the key with Vimmerse…")

        async def go() -> None:
            try:
                prof = await self.session.add_vimmerse_key(name, key, session_only=session_only)
            except KeyringUnavailable as e:
                checked = "" if sandbox else " The key is valid but was not saved."
                _status(self.add_status, f"{e}{checked}", "error")
                self.session_button.setVisible(True)
                return
            except InputError as e:
                _status(self.add_status, redact(str(e)), "error")
                return
            except ApiError as e:
                _status(self.add_status, f"Could not check the key with Vimmerse: {redact(str(e))} It was not "
                        "saved; try again when Vimmerse can be reached.", "error")
                return
            finally:
                self._set_busy(False)
            self.key_edit.clear()
            self.show_key.setChecked(False)
            self.name_edit.setText(self.suggest_name())
            where = "for this session only (not stored)" if prof.source == "session" else "in the OS keyring"
            if sandbox:
                _status(self.add_status, f"Saved as '{prof.name}' {where}. The sandbox uses its own demo key: this "
                        "one is checked with Vimmerse and used when you leave the sandbox.", "ok")
                return
            _status(self.add_status, f"Key checked with Vimmerse and saved as '{prof.name}' {where}. It is now in "
                    "use.", "ok")

        self._run(go(), "add-vimmerse-key")

    def _set_busy(self, busy: bool) -> None:
        self._busy += 1 if busy else -1
        b = self._busy > 0
        self.save_button.setEnabled(not b)
        self.session_button.setEnabled(not b)
        self.key_edit.setEnabled(not b)
        self.name_edit.setEnabled(not b)
        self._update_buttons()
