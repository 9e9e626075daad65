"""Settings: servers (Verging, Vimmerse, varg), varg's plan (how many varg jobs run at once),
downloads, polling, the interface language (read at start-up), theme, sandbox speed, which of
Verging's price lists.

Stored with QSettings by :class:`SettingsStore`; the API key never is (keys: Manage API keys).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...app_core.pricing_text import price_choice_sentence
from ...core.i18n import _
from ...core.settings import (
    DEFAULT_BASE_URL,
    DEFAULT_VARG_URL,
    DEFAULT_VIMMERSE_URL,
    VARG_PLAN_LABELS,
    VARG_PLANS,
    VARG_RUNNING_RANGE,
    Settings,
    app_dirs,
    env_base_url,
    env_varg_url,
    env_vimmerse_url,
)
from ..i18n import LANGUAGE_CHOICES

if TYPE_CHECKING:  # pragma: no cover
    from ...core.pricing import Pricing

#: the theme choices (their labels are translated where shown: SettingsDialog._theme_label)
THEME_LABELS = {"system": "Follow the system", "light": "Light", "dark": "Dark"}


class SettingsDialog(QDialog):
    """Signals:
        applied(Settings): the user accepted new settings (already validated).
    """

    applied = Signal(object)

    def __init__(self, settings: Settings, pricing: Pricing, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.resize(640, 560)
        self._settings = settings
        self._pricing = pricing

        self.base_url = QLineEdit()
        self.base_url.setObjectName("baseUrl")
        self.base_url.setPlaceholderText(DEFAULT_BASE_URL)
        self.base_note = QLabel("")
        self.base_note.setWordWrap(True)
        self.base_note.setEnabled(False)
        self.vimmerse_url = QLineEdit()
        self.vimmerse_url.setObjectName("vimmerseUrl")
        self.vimmerse_url.setPlaceholderText(DEFAULT_VIMMERSE_URL)
        self.vimmerse_note = QLabel("")
        self.vimmerse_note.setWordWrap(True)
        self.vimmerse_note.setEnabled(False)
        self.varg_url = QLineEdit()
        self.varg_url.setObjectName("vargUrl")
        self.varg_url.setPlaceholderText(DEFAULT_VARG_URL)
        self.varg_note = QLabel("")
        self.varg_note.setWordWrap(True)
        self.varg_note.setEnabled(False)
        self.varg_plan = QComboBox()
        self.varg_plan.setObjectName("vargPlan")
        for k, v in VARG_PLAN_LABELS.items():
            self.varg_plan.addItem(_(v), k)
        self.varg_running = QSpinBox()
        self.varg_running.setObjectName("vargRunning")
        self.varg_running.setRange(*VARG_RUNNING_RANGE)
        self.varg_running.setSuffix(self.tr(" jobs at once", "the suffix of the number of varg jobs"))
        self.varg_plan.currentIndexChanged.connect(lambda _i: self._plan_changed())
        prow = QHBoxLayout()
        prow.addWidget(self.varg_plan, 1)
        prow.addWidget(self.varg_running)
        self.varg_plan_note = QLabel(self.tr("varg runs 2 jobs at once on Free and 10 on Pro; more wait in this "
                                             "app's queue instead of being refused by varg."))
        self.varg_plan_note.setObjectName("vargPlanNote")
        self.varg_plan_note.setWordWrap(True)
        self.varg_plan_note.setEnabled(False)
        self.download_dir = QLineEdit()
        self.download_dir.setObjectName("downloadDir")
        self.download_dir.setPlaceholderText(str(app_dirs().downloads))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        drow = QHBoxLayout()
        drow.addWidget(self.download_dir, 1)
        drow.addWidget(browse)
        self.poll = QDoubleSpinBox()
        self.poll.setObjectName("pollInterval")
        self.poll.setRange(0.5, 60.0)
        self.poll.setSingleStep(0.5)
        self.poll.setDecimals(1)
        self.poll.setSuffix(self.tr(" s", "the suffix of a number of seconds"))
        self.theme = QComboBox()
        self.theme.setObjectName("theme")
        themes = {"system": self.tr("Follow the system"), "light": self.tr("Light"), "dark": self.tr("Dark")}
        for k in THEME_LABELS:
            self.theme.addItem(themes[k], k)
        self.language = QComboBox()
        self.language.setObjectName("language")
        names = {"system": self.tr("Follow the system"),
                 # each language's own name, the same in every translation
                 "en": self.tr("English", "the language's own name: keep it in English"),
                 "zh_CN": self.tr("简体中文", "the language's own name: keep it in Chinese")}
        for k, _label in LANGUAGE_CHOICES:
            self.language.addItem(names[k], k)
        self.language_note = QLabel(self.tr("A new language is shown the next time Verging Desktop starts."))
        self.language_note.setObjectName("languageNote")
        self.language_note.setWordWrap(True)
        self.language_note.setEnabled(False)
        self.language.currentIndexChanged.connect(lambda _i: self._language_changed())
        self.speed = QDoubleSpinBox()
        self.speed.setObjectName("sandboxSpeed")
        self.speed.setRange(0.1, 50.0)
        self.speed.setSingleStep(0.5)
        self.speed.setDecimals(1)
        self.speed.setSuffix(self.tr(" ×", "the suffix of the sandbox speed, a multiplier"))
        self.speed.setToolTip(self.tr("2 × finishes sandbox jobs twice as fast. Applies the next time the sandbox starts."))
        self.pricing_table = QComboBox()
        self.pricing_table.setObjectName("pricingTable")
        for t in pricing.tables or ["docs"]:
            self.pricing_table.addItem(pricing.list_label(t), t)
        pnote = QLabel(price_choice_sentence(pricing))
        pnote.setObjectName("pricingNote")
        pnote.setWordWrap(True)
        pnote.setEnabled(False)
        self.pricing_note = pnote
        self.error = QLabel("")
        self.error.setObjectName("settingsError")
        self.error.setStyleSheet("color: #c5221f;")
        self.error.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("Server (base URL)"), self.base_url)
        form.addRow("", self.base_note)
        form.addRow(self.tr("Vimmerse server"), self.vimmerse_url)
        form.addRow("", self.vimmerse_note)
        form.addRow(self.tr("varg server"), self.varg_url)
        form.addRow("", self.varg_note)
        form.addRow(self.tr("varg plan"), prow)
        form.addRow("", self.varg_plan_note)
        form.addRow(self.tr("Download folder"), drow)
        form.addRow(self.tr("Job polling interval"), self.poll)
        form.addRow(self.tr("Language"), self.language)
        form.addRow("", self.language_note)
        form.addRow(self.tr("Theme"), self.theme)
        form.addRow(self.tr("Sandbox speed"), self.speed)
        form.addRow(self.tr("Prices"), self.pricing_table)
        form.addRow("", pnote)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
                                   | QDialogButtonBox.StandardButton.RestoreDefaults)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).clicked.connect(
            lambda: self.load(Settings()))
        self.buttons = buttons
        note = QLabel("")
        note.setObjectName("keysNote")
        note.setWordWrap(True)
        note.setEnabled(False)
        self.keys_note = note
        self._update_keys_note()

        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(note)
        lay.addWidget(self.error)
        lay.addStretch(1)
        lay.addWidget(buttons)
        self.load(settings)

    def load(self, s: Settings) -> None:
        env = env_base_url()
        self.base_url.setText(s.base_url if s.base_url != DEFAULT_BASE_URL else "")
        self.base_url.setEnabled(env is None)
        self.base_note.setText(self.tr("VERGING_BASE_URL is set, so %1 is used.").replace("%1", env) if env else
                               self.tr("Leave empty for verging.ai."))
        venv = env_vimmerse_url()
        self.vimmerse_url.setText(s.vimmerse_base_url if s.vimmerse_base_url != DEFAULT_VIMMERSE_URL else "")
        self.vimmerse_url.setEnabled(venv is None)
        self.vimmerse_note.setText(self.tr("VIMMERSE_BASE_URL is set, so %1 is used.").replace("%1", venv) if venv
                                   else self.tr("Leave empty for api.vimmerse.net."))
        genv = env_varg_url()
        self.varg_url.setText(s.varg_base_url if s.varg_base_url != DEFAULT_VARG_URL else "")
        self.varg_url.setEnabled(genv is None)
        self.varg_note.setText(self.tr("VARG_BASE_URL is set, so %1 is used.").replace("%1", genv) if genv else
                               self.tr("Leave empty for api.varg.ai."))
        self.varg_plan.setCurrentIndex(max(0, self.varg_plan.findData(s.varg_plan)))
        self.varg_running.setValue(s.varg_custom_running if s.varg_plan == "custom" else s.varg_max_running)
        self._plan_changed()
        self.download_dir.setText(s.download_dir)
        self.poll.setValue(s.poll_interval)
        i = self.theme.findData(s.theme)
        self.theme.setCurrentIndex(max(0, i))
        self._loaded_language = s.language
        self.language.setCurrentIndex(max(0, self.language.findData(s.language)))
        self._language_changed()
        self.speed.setValue(s.sandbox_speed)
        j = self.pricing_table.findData(s.pricing_table)
        self.pricing_table.setCurrentIndex(max(0, j))
        self.error.setText("")

    def _plan_changed(self) -> None:
        """Free and Pro have their own limit (shown, not editable); Custom takes the number."""
        plan = str(self.varg_plan.currentData())
        custom = plan == "custom"
        self.varg_running.setEnabled(custom)
        if not custom:
            self.varg_running.setValue(VARG_PLANS[plan])

    def _language_changed(self) -> None:
        """The language is read at start-up: a new choice says so."""
        changed = str(self.language.currentData()) != getattr(self, "_loaded_language", "system")
        self.language_note.setText(
            self.tr("Restart Verging Desktop to see the new language.") if changed else
            self.tr("A new language is shown the next time Verging Desktop starts."))
        self.language_note.setEnabled(changed)

    def open_with(self, s: Settings) -> None:
        self._settings = s
        self.load(s)
        self._update_keys_note()
        self.open()

    def _update_keys_note(self) -> None:
        """Where keys really go: the system keyring, or (when none can be used here) memory for
        this session only, as the keys dialog and the welcome page say."""
        from ...core.keystore import keyring_problem

        if keyring_problem():
            text = self.tr("API keys are not settings: as no system keyring is available here, they are kept in "
                           "memory for this session only, never in a file (Account → Manage API keys).")
        else:
            text = self.tr("API keys are not settings: they live in your system's keyring "
                           "(Account → Manage API keys).")
        self.keys_note.setText(text)

    def _browse(self) -> None:
        """A non-blocking folder chooser (open() + signal, never a nested exec())."""
        fd = QFileDialog(self, self.tr("Download folder"), self.download_dir.text() or str(app_dirs().downloads))
        fd.setObjectName("downloadFolderChooser")
        fd.setFileMode(QFileDialog.FileMode.Directory)
        fd.setOption(QFileDialog.Option.ShowDirsOnly, True)
        fd.fileSelected.connect(lambda d: self.download_dir.setText(d) if d else None)
        fd.finished.connect(fd.deleteLater)
        self.folder_dialog = fd
        fd.open()

    def result_settings(self) -> Settings:
        url = self.base_url.text().strip().rstrip("/") or DEFAULT_BASE_URL
        return replace(
            self._settings,
            base_url=url,
            vimmerse_base_url=self.vimmerse_url.text().strip().rstrip("/") or DEFAULT_VIMMERSE_URL,
            varg_base_url=self.varg_url.text().strip().rstrip("/") or DEFAULT_VARG_URL,
            varg_plan=str(self.varg_plan.currentData()),
            varg_custom_running=(int(self.varg_running.value()) if self.varg_plan.currentData() == "custom"
                                 else self._settings.varg_custom_running),
            download_dir=self.download_dir.text().strip(),
            poll_interval=float(self.poll.value()),
            theme=str(self.theme.currentData()),
            language=str(self.language.currentData()),
            sandbox_speed=float(self.speed.value()),
            pricing_table=str(self.pricing_table.currentData()),
        )

    def validate(self, s: Settings) -> str | None:
        if not s.base_url.startswith(("http://", "https://")):
            return self.tr("The server address must start with https:// (or http:// for a local sandbox).")
        if not s.vimmerse_base_url.startswith(("http://", "https://")):
            return self.tr("The Vimmerse server address must start with https:// (or http:// for a local sandbox).")
        if not s.varg_base_url.startswith(("http://", "https://")):
            return self.tr("The varg server address must start with https:// (or http:// for a local sandbox).")
        if any(k in u for u in (s.base_url, s.vimmerse_base_url, s.varg_base_url) for k in ("vrg_sk_", "varg_")) \
                or "vrg_sk_" in s.download_dir:
            return self.tr("That looks like an API key. Keys go in Manage API keys, never in settings.")
        return None

    def accept(self) -> None:
        s = self.result_settings()
        err = self.validate(s)
        if err:
            self.error.setText(err)
            return
        self._settings = s
        self.applied.emit(s)
        super().accept()
