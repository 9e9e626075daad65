"""The varg page of Manage API keys: profiles of varg keys (checked with ``GET /me`` before they
are saved; ``VARG_API_KEY`` read-only), and the user's own keys of the providers varg calls (fal.ai,
ElevenLabs, Higgsfield, Replicate: "bring your own key").

A provider key is a secret like the varg key: each is kept in its own keyring service
(``verging-desktop:varg-byok:<id>``; ``VARG_PROVIDER_KEY_<ID>`` read-only), shown masked, and given
to the varg client, which sends it only to the varg base URL and only for that provider's models.
varg offers no route to check one, so it is refused here only when it is obviously wrong (empty,
on several lines, or another provider's key: a Verging or varg key) and checked by the provider
when first used.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import InputError, KeyringUnavailable, VergingError
from ...core.providers import BYOK_KEYS, VARG, byok_key
from ...core.redact import redact
from .provider_keys import KeysAccess, ProviderKeysPage, _status

if TYPE_CHECKING:  # pragma: no cover
    from ..session import Session

VARG_KEYS = KeysAccess(
    provider=VARG,
    prefix="varg",
    intro=("varg is one gateway to the video, image, speech and music models of Fal, ElevenLabs, Higgsfield and "
           "Replicate. It bills in cents from your varg balance (a repeated request is free from its cache)."),
    check_how="its account route, nothing is charged",
    account_place="varg.ai, API keys",
    keystore=lambda s: s.varg_keystore,
    in_use=lambda s: s.varg_profile,
    problem=lambda s: s.varg_problem,
    live_url=lambda s: s.live_varg_url,
    use=lambda s, name: s.use_varg_profile(name),
    add=lambda s, name, key, session_only: s.add_varg_key(name, key, session_only=session_only),
    remove=lambda s, name: s.remove_varg_profile(name),
    changed=lambda s: s.vargChanged,
    refused=lambda s: s.vargProblem,
)


#: the line the provider keys box shows in sandbox mode (the session sends them to varg's servers only)
SANDBOX_BYOK = ("In the sandbox your own provider keys are kept but not sent: they go to varg's servers only.")


@dataclass
class ByokRow:
    """The widgets of one provider's own key."""

    kid: str
    state: QLabel
    edit: QLineEdit
    save: QPushButton
    remove: QPushButton


class VargKeysPage(ProviderKeysPage):
    """varg's keys and the provider keys (see the module docstring)."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        self.byok: dict[str, ByokRow] = {}
        super().__init__(session, VARG_KEYS, parent)
        self.profile_list.setMaximumHeight(66)  # three rows: room for the provider keys below

    # -- provider keys -------------------------------------------------------------------------
    def add_extra(self, lay: QVBoxLayout) -> None:
        box = QGroupBox("Your own provider keys (optional)")
        box.setObjectName("byokBox")
        note = QLabel("With your own key, varg does not bill that provider's models: the provider bills you. varg "
                      "cannot check a provider key, so it is checked when first used (a wrong one fails that job).")
        note.setObjectName("byokNote")
        note.setWordWrap(True)
        note.setEnabled(False)
        #: sandbox mode: the keys are stored but the session never sends them to the local sandbox
        self.byok_sandbox_note = QLabel(SANDBOX_BYOK)
        self.byok_sandbox_note.setObjectName("byokSandboxNote")
        self.byok_sandbox_note.setWordWrap(True)
        self.byok_sandbox_note.setStyleSheet("QLabel#byokSandboxNote { color: #5f4200; }")
        grid = QGridLayout()
        for r, k in enumerate(BYOK_KEYS):
            name = QLabel(k.name)
            state = QLabel()
            state.setObjectName(f"byok-{k.id}-state")
            edit = QLineEdit()
            edit.setObjectName(f"byok-{k.id}-edit")
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setPlaceholderText(f"paste your {k.name} key")
            save = QPushButton("Save")
            save.setObjectName(f"byok-{k.id}-save")
            save.setToolTip(f"Stored in the OS keyring, sent only to varg and only for {k.name} models.")
            remove = QPushButton("Remove")
            remove.setObjectName(f"byok-{k.id}-remove")
            row = ByokRow(k.id, state, edit, save, remove)
            save.clicked.connect(lambda _c=False, kid=k.id: self.save_byok(kid))
            edit.returnPressed.connect(lambda kid=k.id: self.save_byok(kid))
            remove.clicked.connect(lambda _c=False, kid=k.id: self.remove_byok(kid))
            grid.addWidget(name, r, 0)
            grid.addWidget(edit, r, 1)
            grid.addWidget(save, r, 2)
            grid.addWidget(remove, r, 3)
            grid.addWidget(state, r, 4)
            self.byok[k.id] = row
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(4, 1)
        self.byok_status = QLabel()
        self.byok_status.setObjectName("byokStatus")
        self.byok_status.setWordWrap(True)
        self.byok_status.setVisible(False)  # shown with a text (see _status)
        bl = QVBoxLayout(box)
        bl.addWidget(note)
        bl.addWidget(self.byok_sandbox_note)
        bl.addLayout(grid)
        bl.addWidget(self.byok_status)
        lay.addWidget(box)
        self.session.vargChanged.connect(lambda _n: self.refresh_byok())
        self.session.profilesChanged.connect(self.refresh_byok)
        self.refresh_byok()

    def _update_texts(self) -> None:
        super()._update_texts()
        note = getattr(self, "byok_sandbox_note", None)  # None while the base class builds the page
        if note is not None:
            note.setVisible(self.session.in_sandbox)

    def refresh_byok(self) -> None:
        link = self.session.varg_link
        self.byok_sandbox_note.setVisible(self.session.in_sandbox)
        for kid, row in self.byok.items():
            masked = link.byok_masked(kid)
            prof = link.byok_source(kid)
            problem = link.byok_problems.get(kid, "")
            if problem:
                _status(row.state, problem, "error")
            elif masked and prof is not None:
                where = {"environment": f"from {byok_key(kid).env_key} (read-only)",
                         "session": "for this session only"}.get(prof.source, "saved in the OS keyring")
                _status(row.state, f"{masked} {where}", "ok")
            else:
                _status(row.state, "not set")
            row.state.setToolTip("" if masked or problem else
                                 f"Without your own key, varg uses its own {byok_key(kid).name} key and bills you.")
            stored = prof is not None and not prof.read_only
            row.remove.setEnabled(stored and self._busy == 0)
            row.save.setEnabled(self._busy == 0)
            row.edit.setEnabled(self._busy == 0)

    def save_byok(self, kid: str) -> None:
        row = self.byok[kid]
        key = row.edit.text()
        if self._busy:
            return
        name = byok_key(kid).name
        session_only = bool(self._keyring_problem)
        self._set_busy(True)

        async def go() -> None:
            try:
                prof = await self.session.set_byok_key(kid, key, session_only=session_only)
            except (InputError, KeyringUnavailable) as e:
                _status(self.byok_status, redact(str(e)), "error")
                return
            except VergingError as e:
                _status(self.byok_status, f"The {name} key was not saved: {redact(str(e))}", "error")
                return
            finally:
                self._set_busy(False)
            row.edit.clear()
            where = "for this session only" if prof is not None and prof.source == "session" else "in the OS keyring"
            if self.session.in_sandbox:  # kept, not sent: the note above says so
                _status(self.byok_status, f"Your {name} key is saved {where}: varg uses it for {name} models once "
                        "you leave the sandbox.", "ok")
            else:
                _status(self.byok_status, f"Your {name} key is saved {where}: varg uses it for {name} models. It "
                        "is checked by the provider when first used.", "ok")
            self.refresh_byok()

        self._run(go(), f"save-byok-{kid}")

    def remove_byok(self, kid: str) -> None:
        if self._busy:
            return
        name = byok_key(kid).name
        self._set_busy(True)

        async def go() -> None:
            try:
                await self.session.set_byok_key(kid, None)
            except VergingError as e:
                _status(self.byok_status, redact(str(e)), "error")
                return
            finally:
                self._set_busy(False)
            _status(self.byok_status, f"Removed your {name} key from this computer: varg bills {name} models "
                    "again.", "ok")
            self.refresh_byok()

        self._run(go(), f"remove-byok-{kid}")

    def _set_busy(self, busy: bool) -> None:
        super()._set_busy(busy)
        if self.byok:
            self.refresh_byok()
