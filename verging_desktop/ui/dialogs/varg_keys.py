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

from PySide6.QtCore import QT_TRANSLATE_NOOP
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
    intro=QT_TRANSLATE_NOOP("KeysAccess",
                            "varg is one gateway to the video, image, speech and music models of Fal, ElevenLabs, "
                            "Higgsfield and Replicate. It bills in cents from your varg balance (a repeated request "
                            "is free from its cache)."),
    check_how=QT_TRANSLATE_NOOP("KeysAccess", "its account route, nothing is charged"),
    account_place=QT_TRANSLATE_NOOP("KeysAccess", "varg.ai, API keys"),
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
SANDBOX_BYOK = QT_TRANSLATE_NOOP("VargKeysPage", "In the sandbox your own provider keys are kept but not sent: "
                                                 "they go to varg's servers only.")

#: the names of BYOK_KEYS as the catalogue has them (shown through tr(); brand names stay as they are)
PROVIDER_NAMES = (QT_TRANSLATE_NOOP("VargKeysPage", "fal.ai"), QT_TRANSLATE_NOOP("VargKeysPage", "ElevenLabs"),
                  QT_TRANSLATE_NOOP("VargKeysPage", "Higgsfield"), QT_TRANSLATE_NOOP("VargKeysPage", "Replicate"))



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
        box = QGroupBox(self.tr("Your own provider keys (optional)"))
        box.setObjectName("byokBox")
        note = QLabel(self.tr("With your own key, varg does not bill that provider's models: the provider bills you. "
                              "varg cannot check a provider key, so it is checked when first used (a wrong one "
                              "fails that job)."))
        note.setObjectName("byokNote")
        note.setWordWrap(True)
        note.setEnabled(False)
        #: sandbox mode: the keys are stored but the session never sends them to the local sandbox
        self.byok_sandbox_note = QLabel(self.tr(SANDBOX_BYOK))
        self.byok_sandbox_note.setObjectName("byokSandboxNote")
        self.byok_sandbox_note.setWordWrap(True)
        self.byok_sandbox_note.setStyleSheet("QLabel#byokSandboxNote { color: #5f4200; }")
        grid = QGridLayout()
        for r, k in enumerate(BYOK_KEYS):
            name = QLabel(self.tr(k.name))
            state = QLabel()
            state.setObjectName(f"byok-{k.id}-state")
            edit = QLineEdit()
            edit.setObjectName(f"byok-{k.id}-edit")
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setPlaceholderText(self.tr("paste your %1 key").replace("%1", k.name))
            save = QPushButton(self.tr("Save"))
            save.setObjectName(f"byok-{k.id}-save")
            save.setToolTip(self.tr("Stored in the OS keyring, sent only to varg and only for %1 models.")
                         .replace("%1", k.name))
            remove = QPushButton(self.tr("Remove"))
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
                where = {"environment": self.tr("from %1 (read-only)").replace("%1", byok_key(kid).env_key),
                         "session": self.tr("for this session only")}.get(prof.source,
                                                                           self.tr("saved in the OS keyring"))
                _status(row.state, f"{masked} {where}", "ok")
            else:
                _status(row.state, self.tr("not set", "a provider key"))
            row.state.setToolTip("" if masked or problem else
                                 self.tr("Without your own key, varg uses its own %1 key and bills you.")
                                 .replace("%1", byok_key(kid).name))
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
                _status(self.byok_status, self.tr("The %1 key was not saved: %2")
                        .replace("%1", name).replace("%2", redact(str(e))), "error")
                return
            finally:
                self._set_busy(False)
            row.edit.clear()
            memory = prof is not None and prof.source == "session"
            if self.session.in_sandbox:  # kept, not sent: the note above says so
                text = (self.tr("Your %1 key is saved for this session only: varg uses it for %1 models once you "
                                "leave the sandbox.") if memory else
                        self.tr("Your %1 key is saved in the OS keyring: varg uses it for %1 models once you leave "
                                "the sandbox."))
            else:
                text = (self.tr("Your %1 key is saved for this session only: varg uses it for %1 models. It is "
                                "checked by the provider when first used.") if memory else
                        self.tr("Your %1 key is saved in the OS keyring: varg uses it for %1 models. It is checked "
                                "by the provider when first used."))
            _status(self.byok_status, text.replace("%1", name), "ok")
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
            _status(self.byok_status, self.tr("Removed your %1 key from this computer: varg bills %1 models "
                                              "again.").replace("%1", name), "ok")
            self.refresh_byok()

        self._run(go(), f"remove-byok-{kid}")

    def _set_busy(self, busy: bool) -> None:
        super()._set_busy(busy)
        if self.byok:
            self.refresh_byok()
