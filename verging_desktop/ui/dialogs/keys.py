"""Manage API keys: local profiles (OS keyring or this session only) and the account's keys,
one tab per provider (Verging here; Vimmerse in :mod:`.vimmerse_keys`; varg and the provider keys
it accepts in :mod:`.varg_keys`).

Nothing here blocks: every server or keyring call runs as a task kept by the session, and
confirmations are non-modal message boxes opened with ``open()``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import (
    ApiError,
    AuthError,
    InputError,
    KeyringUnavailable,
    VergingError,
)
from ...core.redact import redact
from ..plural import plural
from .profile_form import ProfileForm, suggest_name
from .varg_keys import VargKeysPage
from .vimmerse_keys import VimmerseKeysPage

if TYPE_CHECKING:  # pragma: no cover
    from ...api.verging.models import ApiKeyInfo
    from ..session import Session

log = logging.getLogger("verging_desktop.ui.keys")

ERROR_STYLE = "color: #c5221f;"
OK_STYLE = "color: #188038;"
INFO_STYLE = ""


def _date(d: Any) -> str:
    if d is None:
        return "never"
    try:
        return d.astimezone().strftime("%Y-%m-%d %H:%M")
    except Exception:
        return str(d)


def set_status(label: QLabel, text: str, kind: str = "info") -> None:
    label.setText(text)
    label.setStyleSheet({"error": ERROR_STYLE, "ok": OK_STYLE}.get(kind, INFO_STYLE))
    label.setProperty("kind", kind)


#: runs a connection switch now, or asks first while work is under way (the main window's
#: ``confirm_switch``: it stops that work before the switch)
ConfirmSwitch = Callable[[Callable[[], None]], object]


class KeysDialog(ProfileForm, QDialog):
    """The API keys: profiles in the OS keyring, the account's keys on the server.

    ``confirm_switch``: how a switch to another profile is run (the main window passes its own,
    which asks first while uploads or submits are under way); without one it runs at once.
    """

    def __init__(self, session: Session, parent: QWidget | None = None, *,
                 confirm_switch: ConfirmSwitch | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.confirm_switch = confirm_switch
        self.setObjectName("keysDialog")
        self.setWindowTitle("Manage API keys")
        self.resize(820, 760)
        self.confirm_box: QMessageBox | None = None
        self._keyring_problem: str | None = None
        self.remote_keys: list[ApiKeyInfo] = []
        self._busy = 0
        self._last_add: tuple[str, str] | None = None

        # -- keyring problem banner -----------------------------------------------------
        self.keyring_banner = QLabel()
        self.keyring_banner.setObjectName("keyringBanner")
        self.keyring_banner.setWordWrap(True)
        self.keyring_banner.setStyleSheet("QLabel#keyringBanner { background: #fce8e6; color: #7a1d12;"
                                          " border: 1px solid #f1b4ae; border-radius: 4px; padding: 8px; }")
        self.keyring_banner.setVisible(False)
        # -- sandbox mode: no key is needed ---------------------------------------------------
        self.sandbox_note = QLabel()
        self.sandbox_note.setObjectName("sandboxKeyNote")
        self.sandbox_note.setWordWrap(True)
        self.sandbox_note.setStyleSheet("QLabel#sandboxKeyNote { background: #fef7e0; color: #5f4200;"
                                        " border: 1px solid #f6d67a; border-radius: 4px; padding: 8px; }")
        self.sandbox_note.setText(
            "<b>Sandbox mode needs no key</b>: it uses a demo account on this computer. A key you add here "
            "is for your Verging account: no server is asked now; it is checked with the Verging server when "
            "you leave the sandbox (Account ▸ Leave the sandbox).")
        self.sandbox_note.setVisible(False)

        # -- local profiles -----------------------------------------------------------------
        prof_box = QGroupBox("Profiles on this computer")
        self.profile_list = QListWidget()
        self.profile_list.setObjectName("profileList")
        self.profile_list.setMaximumHeight(130)
        self.profile_list.itemDoubleClicked.connect(lambda _i: self.use_selected())
        self.profile_list.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.use_button = QPushButton("Use this key")
        self.use_button.setObjectName("useProfile")
        self.use_button.clicked.connect(self.use_selected)
        self.remove_button = QPushButton("Remove…")
        self.remove_button.setObjectName("removeProfile")
        self.remove_button.clicked.connect(self.ask_remove_selected)
        self.profile_status = QLabel()
        self.profile_status.setObjectName("profileStatus")
        self.profile_status.setWordWrap(True)
        prow = QHBoxLayout()
        prow.addWidget(self.use_button)
        prow.addWidget(self.remove_button)
        prow.addStretch(1)
        pl = QVBoxLayout(prof_box)
        pl.addWidget(self.profile_list)
        pl.addLayout(prow)
        pl.addWidget(self.profile_status)

        # -- add a key ----------------------------------------------------------------------
        add_box = QGroupBox("Add a key")
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("profileName")
        self.name_edit.setPlaceholderText("a name for this key, e.g. personal or studio")
        self.key_edit = QLineEdit()
        self.key_edit.setObjectName("keyEdit")
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_edit.setPlaceholderText("paste the key (vrg_sk_…)")
        self.key_edit.returnPressed.connect(self.save_key)
        self.show_key = QToolButton()
        self.show_key.setObjectName("showKey")
        self.show_key.setText("Show")
        self.show_key.setCheckable(True)
        self.show_key.setToolTip("Show or hide the key while you check it")
        self.show_key.toggled.connect(self._toggle_echo)
        krow = QHBoxLayout()
        krow.addWidget(self.key_edit, 1)
        krow.addWidget(self.show_key)
        self.session_only = QCheckBox("Use for this session only (not stored; forgotten when you quit)")
        self.session_only.setObjectName("sessionOnly")
        self.session_only.toggled.connect(lambda _on: self._update_texts())
        self.save_button = QPushButton("Validate and save")
        self.save_button.setObjectName("saveKey")
        self.save_button.clicked.connect(self.save_key)
        self.session_button = QPushButton("Use for this session only")
        self.session_button.setObjectName("useSessionOnly")
        self.session_button.setVisible(False)
        self.session_button.clicked.connect(self.save_session_only)
        self.add_status = QLabel()
        self.add_status.setObjectName("addStatus")
        self.add_status.setWordWrap(True)
        self.add_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout()
        form.addRow("Name", self.name_edit)
        form.addRow("Key", krow)
        brow = QHBoxLayout()
        brow.addWidget(self.save_button)
        brow.addWidget(self.session_button)
        brow.addStretch(1)
        al = QVBoxLayout(add_box)
        al.addLayout(form)
        al.addWidget(self.session_only)
        al.addLayout(brow)
        al.addWidget(self.add_status)
        #: where the key goes and when it is checked: one true sentence (see _update_texts)
        self.hint = QLabel()
        self.hint.setObjectName("keyHint")
        self.hint.setWordWrap(True)
        self.hint.setEnabled(False)
        al.addWidget(self.hint)

        # -- remote keys ----------------------------------------------------------------------
        self.remote_box = QGroupBox("Keys on your account")
        self.remote_table = QTableWidget(0, 5)
        self.remote_table.setObjectName("remoteKeys")
        self.remote_table.setHorizontalHeaderLabels(["Name", "Key", "Created", "Last used", "Status"])
        self.remote_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.remote_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.remote_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.remote_table.verticalHeader().setVisible(False)
        self.remote_table.setMinimumHeight(72)  # the table gives way to the notes above it, not them to it
        hh = self.remote_table.horizontalHeader()
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in range(2, 5):
            hh.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        bold = self.remote_table.font()
        bold.setBold(True)
        from PySide6.QtGui import QFontMetrics

        hh.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        self.remote_table.setColumnWidth(1, QFontMetrics(bold).horizontalAdvance("vrg_sk_MMMMM…") + 16)
        self.remote_table.itemSelectionChanged.connect(self._update_buttons)
        self.refresh_button = QPushButton("Refresh")
        self.refresh_button.setObjectName("refreshRemote")
        self.refresh_button.clicked.connect(self.refresh_remote)
        self.revoke_button = QPushButton("Revoke…")
        self.revoke_button.setObjectName("revokeKey")
        self.revoke_button.clicked.connect(self.ask_revoke_selected)
        self.remote_status = QLabel()
        self.remote_status.setObjectName("remoteStatus")
        self.remote_status.setWordWrap(True)
        rrow = QHBoxLayout()
        rrow.addWidget(self.refresh_button)
        rrow.addWidget(self.revoke_button)
        rrow.addStretch(1)
        rl = QVBoxLayout(self.remote_box)
        rl.addWidget(self.remote_table)
        rl.addLayout(rrow)
        rl.addWidget(self.remote_status)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        # -- one tab per provider -------------------------------------------------------------
        verging = QWidget()
        verging.setObjectName("vergingKeys")
        vl = QVBoxLayout(verging)
        vl.setContentsMargins(0, 6, 0, 0)
        vl.addWidget(self.sandbox_note)
        vl.addWidget(prof_box)
        vl.addWidget(add_box)
        vl.addWidget(self.remote_box, 1)
        #: Vimmerse's keys (its own profiles, checked with Vimmerse before saving)
        self.vimmerse = VimmerseKeysPage(session)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("keysTabs")
        self.tabs.addTab(verging, "Verging")
        self.tabs.addTab(self.vimmerse, "Vimmerse")
        #: varg's keys and the user's own provider keys (fal.ai, ElevenLabs, Higgsfield, Replicate)
        self.varg = VargKeysPage(session)
        self.tabs.addTab(self.varg, "varg")

        lay = QVBoxLayout(self)
        lay.addWidget(self.keyring_banner)
        lay.addWidget(self.tabs, 1)
        lay.addWidget(buttons)

        session.profilesChanged.connect(self.refresh_profiles)
        session.stateChanged.connect(lambda _s: self._on_state())
        session.modeChanged.connect(lambda _m: self.refresh_keyring_banner())
        session.accountChanged.connect(lambda _a: self._update_remote_title())
        self.refresh_profiles()
        self.refresh_keyring_banner()

    # -- lifecycle ---------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.fit_height()

    def fit_height(self, avail: QRect | None = None) -> None:
        """Grow tall enough for the varg tab (its provider keys down to Replicate) when the screen
        has room, and shrink to the screen's free area when it has not (a 1024x700 screen: the tabs
        scroll, the buttons stay on the screen); a title bar's height is kept for the frame.
        ``avail``: the free area (the dialog's screen's by default)."""
        if avail is None:
            screen = self.screen()
            if screen is None:
                return
            avail = screen.availableGeometry()
        lay = self.layout()
        if lay is not None:
            lay.activate()
        frame = max(self.frameGeometry().height() - self.height(), 32)
        room = avail.height() - frame
        short = self.varg.height_short()
        h = min(self.height() + max(0, short), room)
        if h == self.height():
            return
        self.setMinimumHeight(min(self.minimumHeight(), h))
        self.resize(self.width(), h)
        top = self.frameGeometry().top()
        if top + h + frame > avail.bottom() + 1 or top < avail.top():  # keep all of it on the screen
            self.move(self.x(), max(avail.top(), avail.bottom() + 1 - h - frame))

    def open(self) -> None:
        self.refresh_keyring_banner()
        self.refresh_profiles()
        self._update_remote_title()
        if self.session.has_key:
            self.refresh_remote()
        else:
            self.remote_table.setRowCount(0)
            set_status(self.remote_status, "Add a key to see the keys of your account.")
        if not self.name_edit.text():
            self.name_edit.setText(self._suggest_name())
        for page in (self.vimmerse, self.varg):
            page.refresh()
            if not page.name_edit.text():
                page.name_edit.setText(page.suggest_name())
        self.varg.refresh_byok()
        super().open()
        current = self.tabs.currentWidget()
        (current.key_edit if current in (self.vimmerse, self.varg) else self.key_edit).setFocus()

    def show_provider(self, provider_id: str) -> None:
        """Show the tab of ``provider_id`` ("verging", "vimmerse", "varg", or a provider whose own
        key varg takes: "fal", "elevenlabs"...) with its key field focused."""
        if provider_id in self.varg.byok:
            self.tabs.setCurrentWidget(self.varg)
            self.varg.byok[provider_id].edit.setFocus()
            return
        page = {"vimmerse": self.vimmerse, "varg": self.varg}.get(provider_id, self.tabs.widget(0))
        self.tabs.setCurrentWidget(page)
        (page.key_edit if page in (self.vimmerse, self.varg) else self.key_edit).setFocus()

    def _suggest_name(self) -> str:
        return suggest_name(self.session.keystore.names())

    # -- keyring -----------------------------------------------------------------------------
    def refresh_keyring_banner(self) -> None:
        problem = self.session.keystore.keyring_problem()
        if problem:
            self.keyring_banner.setText(
                f"<b>Your system keyring is not available</b>: {problem}. Verging Desktop never writes API keys "
                "to a file, so a key you add now can be used <b>for this session only</b>: it is kept in memory "
                "and forgotten when you quit."
            )
            self.keyring_banner.setVisible(True)
            self.session_only.setChecked(True)
            self.session_only.setEnabled(False)
        else:
            self.keyring_banner.setVisible(False)
            self.session_only.setEnabled(True)
        self._keyring_problem = problem
        self.vimmerse.set_keyring_problem(problem)
        self.varg.set_keyring_problem(problem)
        self._update_texts()

    def _update_texts(self) -> None:
        """The save button and the footnote say what really happens: where the key goes
        (the keyring, or memory for this session) and when it is checked (now, or on leaving
        the sandbox)."""
        memory = bool(self._keyring_problem) or self.session_only.isChecked()
        sandbox = self.session.in_sandbox
        self.sandbox_note.setVisible(sandbox)
        if sandbox:
            self.save_button.setText("Keep for this session" if memory else "Save for later")
            self.save_button.setToolTip("Stored now, used and checked with the Verging server when you leave "
                                        "the sandbox.")
            where = ("kept in memory for this session only" if memory
                     else "stored in your system's keyring")
            self.hint.setText(f"Sandbox mode needs no key. A key added here is {where}, never written to a file "
                              "or a log, and checked with the Verging server when you leave the sandbox.")
        else:
            self.save_button.setText("Validate and use for this session" if memory else "Validate and save")
            self.save_button.setToolTip("")
            if memory:
                self.hint.setText("The key is checked with the server, then kept in memory for this session only: "
                                  "it is never stored, written to a file or a log, and is forgotten when you quit.")
            else:
                self.hint.setText("The key is checked with the server before it is saved. It is stored in your "
                                  "system's keyring and never written to a file or a log.")

    # -- profiles ----------------------------------------------------------------------------
    def refresh_profiles(self) -> None:
        in_use = self.session.profile if not self.session.in_sandbox else None
        self._fill_profiles(self.session.keystore, in_use, "No keys yet: add one below.")

    def _update_buttons(self) -> None:
        name = self.selected_profile()
        read_only = self._selected_read_only()
        in_use = name is not None and name == self.session.profile and not self.session.in_sandbox
        self.use_button.setEnabled(name is not None and not in_use and self._busy == 0)
        self.use_button.setText("Leave the sandbox and use this key" if self.session.in_sandbox else "Use this key")
        self.remove_button.setEnabled(name is not None and not read_only and self._busy == 0)
        self.remove_button.setToolTip("The environment profile comes from VERGING_API_KEY" if read_only and name else "")
        self.revoke_button.setEnabled(self.selected_remote() is not None)

    def use_selected(self) -> None:
        name = self.selected_profile()
        if not name:
            return
        set_status(self.profile_status, f"Switching to '{name}'…")

        async def go() -> None:
            try:
                acct = await self.session.use_profile(name)
            except VergingError as e:
                set_status(self.profile_status, str(e), "error")
                return
            if acct is not None:
                set_status(self.profile_status, f"Using '{name}' ({acct.email}). Balance re-read.", "ok")
                self.refresh_remote()
            else:
                set_status(self.profile_status, f"Switched to '{name}', but the server did not accept it. "
                           "See the status bar.", "error")

        # uploads or submits in progress: the main window asks first and stops them before the switch
        if self.confirm_switch is not None:
            self.confirm_switch(lambda: self._run(go(), "use-profile"))
        else:
            self._run(go(), "use-profile")

    def ask_remove_selected(self) -> None:
        name = self.selected_profile()
        if not name:
            return
        box = QMessageBox(QMessageBox.Icon.Question, "Remove profile",
                          f"Remove the profile '{name}' from this computer?", parent=self)
        box.setInformativeText("The key is deleted from the OS keyring here. It stays valid on your account: "
                               "revoke it under 'Keys on your account' to disable it everywhere.")
        yes = box.addButton("Remove", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setObjectName("confirmRemove")
        box.buttonClicked.connect(lambda b: self._remove(name) if b is yes else None)
        box.finished.connect(box.deleteLater)
        self.confirm_box = box
        box.open()

    def _remove(self, name: str) -> None:
        async def go() -> None:
            try:
                await self.session.remove_profile(name)
            except VergingError as e:
                set_status(self.profile_status, str(e), "error")
                return
            set_status(self.profile_status, f"Removed '{name}'.", "ok")

        self._run(go(), "remove-profile")

    # -- adding ----------------------------------------------------------------------------
    def save_key(self) -> None:
        self._add(session_only=self.session_only.isChecked())

    def save_session_only(self) -> None:
        self._add(session_only=True)

    def _add(self, *, session_only: bool) -> None:
        if self._busy:
            return
        name = self.name_edit.text().strip()
        key = self.key_edit.text()
        self.session_button.setVisible(False)
        self._set_busy(True)
        sandbox = self.session.in_sandbox
        set_status(self.add_status, "Saving the key…" if sandbox else "Checking the key with the server…")

        async def go() -> None:
            try:
                prof = await self.session.add_key(name, key, session_only=session_only)
            except KeyringUnavailable as e:
                set_status(self.add_status, f"{e} The key is valid but was not saved.", "error")
                self.session_button.setVisible(True)
                self.refresh_keyring_banner()
                return
            except AuthError as e:
                set_status(self.add_status, f"The server refused this key: {redact(e.message)}. It was not saved.",
                           "error")
                return
            except InputError as e:
                set_status(self.add_status, redact(str(e)), "error")
                return
            except ApiError as e:
                set_status(self.add_status, f"Could not check the key: {redact(str(e))} It was not saved.", "error")
                return
            finally:
                self._set_busy(False)
            self.key_edit.clear()
            self.show_key.setChecked(False)
            self.name_edit.setText(self._suggest_name())
            where = "for this session only (not stored)" if prof.source == "session" else "in the OS keyring"
            if sandbox:
                set_status(self.add_status, f"Saved as '{prof.name}' {where}. The sandbox needs no key: this one is "
                           "checked with the Verging server and used when you leave the sandbox.", "ok")
                return
            set_status(self.add_status, f"Key checked and saved as '{prof.name}' {where}. It is now in use.", "ok")
            self.refresh_remote()

        self._run(go(), "add-key")

    # -- remote keys -------------------------------------------------------------------------
    def _update_remote_title(self) -> None:
        if self.session.in_sandbox:
            self.remote_box.setTitle("Keys on the sandbox account")
        elif self.session.account is not None:
            self.remote_box.setTitle(f"Keys on the account {self.session.account.email}")
        else:
            self.remote_box.setTitle("Keys on your account")

    def _on_state(self) -> None:
        self._update_remote_title()
        self.refresh_profiles()

    def refresh_remote(self) -> None:
        if not self.session.has_key:
            return
        set_status(self.remote_status, "Loading the keys of your account…")

        async def go() -> None:
            try:
                keys = await self.session.list_remote_keys()
            except VergingError as e:
                set_status(self.remote_status, f"Could not list the keys: {redact(str(e))}", "error")
                return
            self.show_remote(keys)

        self._run(go(), "list-keys")

    def show_remote(self, keys: list[ApiKeyInfo]) -> None:
        self.remote_keys = list(keys)
        current = self.session.client.api_key or ""
        self.remote_table.setRowCount(len(keys))
        in_use_name = None
        for r, k in enumerate(keys):
            in_use = k.matches(current)
            status = "revoked" if not k.active else ("in use by this app" if in_use else "active")
            cells = [k.name or "(unnamed)", k.prefix + ("…" if k.prefix and not k.prefix.endswith("…") else ""),
                     _date(k.created_at), _date(k.last_used_at), status]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, k.id)
                if in_use:
                    f = item.font()
                    f.setBold(True)
                    item.setFont(f)
                if not k.active:
                    item.setForeground(Qt.GlobalColor.gray)
                self.remote_table.setItem(r, c, item)
            if in_use:
                in_use_name = k.name or k.prefix
        if not keys:
            set_status(self.remote_status, "No keys listed for this account.")
        elif in_use_name:
            set_status(self.remote_status, f"{plural(self.tr('%n key(s)', '', len(keys)), len(keys))}. This app is using "
                       f"'{in_use_name}'.")
        else:
            set_status(self.remote_status, f"{plural(self.tr('%n key(s)', '', len(keys)), len(keys))}. The key in use is not "
                       "in this list (it may belong to another account).")
        self._update_buttons()

    def selected_remote(self) -> ApiKeyInfo | None:
        rows = self.remote_table.selectionModel().selectedRows() if self.remote_table.selectionModel() else []
        if not rows:
            return None
        r = rows[0].row()
        return self.remote_keys[r] if 0 <= r < len(self.remote_keys) else None

    def select_remote(self, key_id: str) -> None:
        for r, k in enumerate(self.remote_keys):
            if k.id == key_id:
                self.remote_table.selectRow(r)
                return
        raise KeyError(key_id)

    def ask_revoke_selected(self) -> None:
        k = self.selected_remote()
        if k is None:
            return
        label = f"'{k.name}' ({k.prefix}…)" if k.name else f"{k.prefix}…"
        in_use = k.matches(self.session.client.api_key or "")
        box = QMessageBox(QMessageBox.Icon.Warning, "Revoke API key", f"Revoke the key {label}?", parent=self)
        text = "Every app and script using this key stops working at once. This cannot be undone."
        if in_use:
            text = ("This is the key Verging Desktop is using right now: after revoking it you need another key. "
                    + text)
        box.setInformativeText(text)
        yes = box.addButton("Revoke", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setObjectName("confirmRevoke")
        box.buttonClicked.connect(lambda b: self._revoke(k, label, in_use) if b is yes else None)
        box.finished.connect(box.deleteLater)
        self.confirm_box = box
        box.open()

    def _revoke(self, k: ApiKeyInfo, label: str, in_use: bool) -> None:
        set_status(self.remote_status, f"Revoking {label}…")

        async def go() -> None:
            try:
                await self.session.revoke_remote_key(k.id)
            except VergingError as e:
                set_status(self.remote_status, f"Could not revoke {label}: {redact(str(e))}", "error")
                return
            set_status(self.remote_status, f"Revoked {label}.", "ok")
            if in_use:
                self.session.refresh_account()
            else:
                self.refresh_remote()

        self._run(go(), "revoke-key")

