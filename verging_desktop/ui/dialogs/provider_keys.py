"""A provider's page of Manage API keys (Vimmerse, varg): profiles of its keys, adding one (checked
with the provider first), removing one, and its ``*_API_KEY`` variable shown read-only.

A key goes to the OS keyring (the provider's keyring service) or, when no keyring can hold it and
the user agrees, to memory for this session; never to a file or a log. It is checked with the
provider before it is saved (Vimmerse: a free estimate; varg: ``GET /me``); a refused key is not
saved and the message says what to do. In sandbox mode the sandbox's demo key is used: a key added
then is stored and checked with the provider when the sandbox is left.

:class:`ProviderKeysPage` is the page; :class:`KeysAccess` says how it reaches the session for
one provider (:mod:`.vimmerse_keys`, :mod:`.varg_keys`).
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import ApiError, InputError, KeyringUnavailable, VergingError
from ...core.providers import Provider
from ...core.redact import redact
from .profile_form import ProfileForm, suggest_name

if TYPE_CHECKING:  # pragma: no cover
    from PySide6.QtCore import SignalInstance

    from ...core.keystore import KeyStore, Profile
    from ..session import Session

#: a base class: its words under a fixed context ("translate(": the name the translation tools read)
translate = QCoreApplication.translate

ERROR_STYLE = "color: #c5221f;"
OK_STYLE = "color: #188038;"


def _status(label: QLabel, text: str, kind: str = "info") -> None:
    """Say ``text`` on a status line; an empty line takes no room (the page fits without scrolling)."""
    label.setText(text)
    label.setVisible(bool(text))
    label.setStyleSheet({"error": ERROR_STYLE, "ok": OK_STYLE}.get(kind, ""))
    label.setProperty("kind", kind)


@dataclass(frozen=True)
class KeysAccess:
    """How a :class:`ProviderKeysPage` reaches the session for one provider."""

    provider: Provider
    #: the start of the page's object names ("vimmerse": "vimmerseProfileList"...)
    prefix: str
    #: what the provider runs, and how it bills (the page's first line)
    intro: str
    #: how a key is checked, for the footnote ("a free price estimate")
    check_how: str
    #: where a key is made ("vimmerse.net, API keys"), for the removal question
    account_place: str
    keystore: Callable[[Session], KeyStore]
    in_use: Callable[[Session], str | None]
    problem: Callable[[Session], str]
    live_url: Callable[[Session], str]
    use: Callable[[Session, str], Coroutine[Any, Any, bool]]
    add: Callable[[Session, str, str, bool], Coroutine[Any, Any, Profile]]
    remove: Callable[[Session, str], Coroutine[Any, Any, None]]
    #: the session's signals: the connection changed, the key was refused
    changed: Callable[[Session], SignalInstance]
    refused: Callable[[Session], SignalInstance]


class ProviderKeysPage(ProfileForm, QWidget):
    """One provider's keys (see the module docstring). ``keyring_problem`` comes from the dialog,
    which checks the keyring once for every provider."""

    def __init__(self, session: Session, access: KeysAccess, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.access = access
        p = access.provider
        label, pre = p.label, access.prefix
        self.setObjectName(f"{pre}Keys")
        self.confirm_box: QMessageBox | None = None
        self._busy = 0
        self._keyring_problem: str | None = None

        intro = QLabel(translate("KeysAccess", access.intro))
        intro.setObjectName(f"{pre}Intro")
        intro.setWordWrap(True)
        self.sandbox_note = QLabel(
            translate("ProviderKeysPage",
                      "<b>Sandbox mode uses a demo %1 key</b> on this computer. A key you add here is for your "
                      "%1 account: no server is asked now; it is checked with %1 when you leave the sandbox.")
            .replace("%1", label))
        self.sandbox_note.setObjectName(f"{pre}SandboxNote")
        self.sandbox_note.setWordWrap(True)
        self.sandbox_note.setStyleSheet(f"QLabel#{pre}SandboxNote {{ background: #fef7e0; color: #5f4200;"
                                        " border: 1px solid #f6d67a; border-radius: 4px; padding: 8px; }")
        self.sandbox_note.setVisible(False)

        # -- profiles -------------------------------------------------------------------------
        prof_box = QGroupBox(translate("ProviderKeysPage", "%1 keys on this computer").replace("%1", label))
        self.profile_list = QListWidget()
        self.profile_list.setObjectName(f"{pre}ProfileList")
        self.profile_list.setMaximumHeight(130)
        self.profile_list.itemDoubleClicked.connect(lambda _i: self.use_selected())
        self.profile_list.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.use_button = QPushButton(translate("ProviderKeysPage", "Use this key"))
        self.use_button.setObjectName(f"{pre}UseProfile")
        self.use_button.clicked.connect(self.use_selected)
        self.remove_button = QPushButton(translate("ProviderKeysPage", "Remove…"))
        self.remove_button.setObjectName(f"{pre}RemoveProfile")
        self.remove_button.clicked.connect(self.ask_remove_selected)
        self.profile_status = QLabel()
        self.profile_status.setObjectName(f"{pre}ProfileStatus")
        self.profile_status.setWordWrap(True)
        self.profile_status.setVisible(False)  # shown with a text (see _status)
        prow = QHBoxLayout()
        prow.addWidget(self.use_button)
        prow.addWidget(self.remove_button)
        prow.addStretch(1)
        pl = QVBoxLayout(prof_box)
        pl.addWidget(self.profile_list)
        pl.addLayout(prow)
        pl.addWidget(self.profile_status)

        # -- add a key ----------------------------------------------------------------------------
        add_box = QGroupBox(translate("ProviderKeysPage", "Add a %1 key").replace("%1", label))
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName(f"{pre}ProfileName")
        self.name_edit.setPlaceholderText(translate("ProviderKeysPage", "a name for this key, e.g. personal or studio"))
        self.key_edit = QLineEdit()
        self.key_edit.setObjectName(f"{pre}KeyEdit")
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_edit.setPlaceholderText(
            (translate("ProviderKeysPage", "paste the API key from your %1 account (%2…)") if p.key_starts_with
             else translate("ProviderKeysPage", "paste the API key from your %1 account"))
            .replace("%1", label).replace("%2", p.key_starts_with or ""))
        self.key_edit.returnPressed.connect(self.save_key)
        self.show_key = QToolButton()
        self.show_key.setObjectName(f"{pre}ShowKey")
        self.show_key.setText(translate("ProfileForm", "Show"))
        self.show_key.setCheckable(True)
        self.show_key.setToolTip(translate("ProviderKeysPage", "Show or hide the key while you check it"))
        self.show_key.toggled.connect(self._toggle_echo)
        krow = QHBoxLayout()
        krow.addWidget(self.key_edit, 1)
        krow.addWidget(self.show_key)
        self.session_only = QCheckBox(translate("ProviderKeysPage",
                                                "Use for this session only (not stored; forgotten when you quit)"))
        self.session_only.setObjectName(f"{pre}SessionOnly")
        self.session_only.toggled.connect(lambda _on: self._update_texts())
        self.save_button = QPushButton(translate("ProviderKeysPage", "Validate and save"))
        self.save_button.setObjectName(f"{pre}SaveKey")
        self.save_button.clicked.connect(self.save_key)
        self.session_button = QPushButton(translate("ProviderKeysPage", "Use for this session only"))
        self.session_button.setObjectName(f"{pre}UseSessionOnly")
        self.session_button.setVisible(False)
        self.session_button.clicked.connect(lambda: self._add(session_only=True))
        self.add_status = QLabel()
        self.add_status.setObjectName(f"{pre}AddStatus")
        self.add_status.setWordWrap(True)
        self.add_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.add_status.setVisible(False)
        form = QFormLayout()
        form.addRow(translate("ProviderKeysPage", "Name", "the name of a key"), self.name_edit)
        form.addRow(translate("ProviderKeysPage", "Key", "an API key"), krow)
        brow = QHBoxLayout()
        brow.addWidget(self.save_button)
        brow.addWidget(self.session_button)
        brow.addStretch(1)
        self.hint = QLabel()
        self.hint.setObjectName(f"{pre}KeyHint")
        self.hint.setWordWrap(True)
        self.hint.setEnabled(False)
        al = QVBoxLayout(add_box)
        al.addLayout(form)
        al.addWidget(self.session_only)
        al.addLayout(brow)
        al.addWidget(self.add_status)
        al.addWidget(self.hint)

        # the page scrolls rather than squeezing its fields when the dialog is short (a small screen)
        inner = QWidget()
        inner.setObjectName(f"{pre}KeysContent")
        scroll = QScrollArea(self)
        #: the page's scroll area (the keys dialog grows to show all of it when the screen has room)
        self.scroll = scroll
        scroll.setObjectName(f"{pre}KeysScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        lay = QVBoxLayout(inner)
        lay.setContentsMargins(0, 6, 0, 0)
        lay.addWidget(intro)
        lay.addWidget(self.sandbox_note)
        lay.addWidget(prof_box)
        lay.addWidget(add_box)
        self.add_extra(lay)
        lay.addStretch(1)
        scroll.setWidget(inner)

        session.profilesChanged.connect(self.refresh_profiles)
        access.changed(session).connect(lambda _n: self.refresh_profiles())
        access.refused(session).connect(lambda text: _status(self.profile_status, text, "error"))
        session.modeChanged.connect(lambda _m: self.refresh())
        self.refresh()

    def add_extra(self, lay: QVBoxLayout) -> None:
        """More of the page below "Add a key" (varg's provider keys)."""

    def height_short(self) -> int:
        """How many pixels the page's content needs beyond what its scroll area shows (0: it all fits)."""
        inner = self.scroll.widget()
        if inner is None:
            return 0
        inner.layout().activate()
        return max(0, inner.sizeHint().height() - self.scroll.viewport().height())

    # -- state -------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.refresh_profiles()
        self._update_texts()
        problem = self.access.problem(self.session)
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
        label = self.access.provider.label
        if sandbox:
            self.save_button.setText(translate("ProviderKeysPage", "Keep for this session") if memory
                                     else translate("ProviderKeysPage", "Save for later"))
            self.hint.setText(
                (translate("ProviderKeysPage",
                           "The sandbox uses its own demo %1 key. A key added here is kept in memory for this "
                           "session only, never written to a file or a log, and checked with %1 when you leave "
                           "the sandbox.") if memory else
                 translate("ProviderKeysPage",
                           "The sandbox uses its own demo %1 key. A key added here is stored in your system's "
                           "keyring, never written to a file or a log, and checked with %1 when you leave the "
                           "sandbox.")).replace("%1", label))
        else:
            self.save_button.setText(translate("ProviderKeysPage", "Validate and use for this session") if memory
                                     else translate("ProviderKeysPage", "Validate and save"))
            self.hint.setText(
                (translate("ProviderKeysPage",
                           "The key is checked with %1 (%2) before it is kept in memory for this session only. "
                           "It is sent only to %3, never written to a file or a log.") if memory else
                 translate("ProviderKeysPage",
                           "The key is checked with %1 (%2) before it is stored in your system's keyring. "
                           "It is sent only to %3, never written to a file or a log."))
                .replace("%1", label).replace("%2", translate("KeysAccess", self.access.check_how))
                .replace("%3", self.access.live_url(self.session)))

    def suggest_name(self) -> str:
        return suggest_name(self.access.keystore(self.session).names())

    # -- profiles ------------------------------------------------------------------------------
    def refresh_profiles(self) -> None:
        in_use = self.access.in_use(self.session) if not self.session.in_sandbox else None
        p = self.access.provider
        self._fill_profiles(self.access.keystore(self.session), in_use,
                            translate("ProviderKeysPage", "No %1 key yet: add one below (or set %2).")
                            .replace("%1", p.label).replace("%2", p.env_key))

    def _update_buttons(self) -> None:
        name = self.selected_profile()
        read_only = self._selected_read_only()
        sandbox = self.session.in_sandbox
        in_use = name is not None and name == self.access.in_use(self.session) and not sandbox
        self.use_button.setEnabled(name is not None and not in_use and self._busy == 0)
        self.use_button.setText(translate("ProviderKeysPage", "Use this key after the sandbox") if sandbox
                                else translate("ProviderKeysPage", "Use this key"))
        self.remove_button.setEnabled(name is not None and not read_only and self._busy == 0)
        self.remove_button.setToolTip(translate("ProviderKeysPage", "The environment profile comes from %1")
                                      .replace("%1", self.access.provider.env_key) if read_only and name else "")

    def use_selected(self) -> None:
        name = self.selected_profile()
        if not name:
            return
        sandbox = self.session.in_sandbox
        label = self.access.provider.label

        async def go() -> None:
            try:
                ok = await self.access.use(self.session, name)
            except VergingError as e:
                _status(self.profile_status, redact(str(e)), "error")
                return
            if sandbox:
                _status(self.profile_status, translate("ProviderKeysPage", "'%1' is used when you leave the sandbox.")
                        .replace("%1", name), "ok")
            elif ok:
                _status(self.profile_status, translate("ProviderKeysPage", "%1 now uses '%2'.")
                        .replace("%1", label).replace("%2", name), "ok")
            else:
                _status(self.profile_status, self.access.problem(self.session)
                        or translate("ProviderKeysPage", "'%1' has no key.").replace("%1", name), "error")

        self._run(go(), f"use-{self.access.prefix}-profile")

    def ask_remove_selected(self) -> None:
        name = self.selected_profile()
        if not name:
            return
        label = self.access.provider.label
        box = QMessageBox(QMessageBox.Icon.Question,
                          translate("ProviderKeysPage", "Remove %1 key").replace("%1", label),
                          translate("ProviderKeysPage", "Remove the %1 key '%2' from this computer?")
                          .replace("%1", label).replace("%2", name), parent=self)
        box.setInformativeText(
            translate("ProviderKeysPage", "The key is deleted from the OS keyring here. It stays valid on your %1 "
                      "account: delete it there (%2) to disable it everywhere.")
            .replace("%1", label).replace("%2", translate("KeysAccess", self.access.account_place)))
        yes = box.addButton(translate("ProviderKeysPage", "Remove"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setObjectName(f"confirmRemove{self.access.prefix.capitalize()}")
        box.buttonClicked.connect(lambda b: self._remove(name) if b is yes else None)
        box.finished.connect(box.deleteLater)
        self.confirm_box = box
        box.open()

    def _remove(self, name: str) -> None:
        async def go() -> None:
            try:
                await self.access.remove(self.session, name)
            except VergingError as e:
                _status(self.profile_status, redact(str(e)), "error")
                return
            _status(self.profile_status, translate("ProviderKeysPage", "Removed the %1 key '%2'.")
                    .replace("%1", self.access.provider.label).replace("%2", name), "ok")

        self._run(go(), f"remove-{self.access.prefix}-profile")

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
        label = self.access.provider.label
        _status(self.add_status, translate("ProviderKeysPage", "Saving the key…") if sandbox
                else translate("ProviderKeysPage", "Checking the key with %1…").replace("%1", label))

        async def go() -> None:
            try:
                prof = await self.access.add(self.session, name, key, session_only)
            except KeyringUnavailable as e:
                checked = "" if sandbox else " " + translate("ProviderKeysPage", "The key is valid but was not saved.")
                _status(self.add_status, f"{e}{checked}", "error")
                self.session_button.setVisible(True)
                return
            except InputError as e:
                _status(self.add_status, redact(str(e)), "error")
                return
            except ApiError as e:
                _status(self.add_status, translate("ProviderKeysPage", "Could not check the key with %1: %2 It was not "
                                                  "saved; try again when %1 can be reached.")
                        .replace("%1", label).replace("%2", redact(str(e))), "error")
                return
            finally:
                self._set_busy(False)
            self.key_edit.clear()
            self.show_key.setChecked(False)
            self.name_edit.setText(self.suggest_name())
            memory = prof.source == "session"
            if sandbox:  # the grey hint below says the rest (demo key; checked when you leave the sandbox)
                _status(self.add_status, (translate("ProviderKeysPage", "Saved as '%1' for this session only (not "
                                                    "stored).") if memory else
                                          translate("ProviderKeysPage", "Saved as '%1' in the OS keyring."))
                        .replace("%1", prof.name), "ok")
                return
            _status(self.add_status, (translate("ProviderKeysPage", "Key checked with %1 and saved as '%2' for this "
                                                "session only (not stored). It is now in use.") if memory else
                                      translate("ProviderKeysPage", "Key checked with %1 and saved as '%2' in the "
                                                "OS keyring. It is now in use."))
                    .replace("%1", label).replace("%2", prof.name), "ok")

        self._run(go(), f"add-{self.access.prefix}-key")
