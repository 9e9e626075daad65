"""The interface language: Qt translators for the app and for Qt's own dialogs, the locale.

:func:`install` runs once, before the first window is built (``AppController``): it picks the
language (the ``language`` setting: "system", "en" or "zh_CN"), loads the app's catalogue
``resources/translations/verging_desktop_<lang>.qm`` and Qt's ``qtbase_<lang>.qm`` (from
``QLibraryInfo.path(TranslationsPath)``: the standard buttons, the file dialog), sets the default
``QLocale`` (numbers and dates in the language's own way) and routes the Qt-free layers'
catalogue (:mod:`verging_desktop.core.i18n`, context ``core``) through the same translators.
A change of the setting takes effect at the next start.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ..core import i18n as core_i18n

log = logging.getLogger("verging_desktop.ui.i18n")

#: the base name of the app's catalogues (``verging_desktop_zh_CN.qm``)
CATALOGUE = "verging_desktop"
#: what the Settings dialog offers, in its order: value -> label (each label in its own language)
LANGUAGE_CHOICES: tuple[tuple[str, str], ...] = (
    ("system", "Follow the system"),
    ("en", "English"),
    ("zh_CN", "简体中文"),
)

_installed: list[QTranslator] = []


def translations_dir() -> Path:
    """Where the app's ``.qm`` files are: ``resources/translations`` (a checkout, a wheel, a bundle)."""
    from ..core.resources import resource_path

    return resource_path("translations")


def system_language() -> str:
    """The system's interface language as the app names it ("zh_CN" or "en")."""
    loc = QLocale.system()
    langs = loc.uiLanguages() or [loc.name()]
    for lang in langs:
        if core_i18n.normalize_language(lang) == "zh_CN":
            return "zh_CN"
        if lang.lower().startswith("en"):
            return "en"
    return "en"


def resolve_language(setting: str | None) -> str:
    """The language to show for the setting's value ("system" follows the system)."""
    if setting in core_i18n.LANGUAGES:
        return str(setting)
    return system_language()


def _core_hook(msgid: str, disambiguation: str | None, n: int) -> str:
    return QCoreApplication.translate(core_i18n.CONTEXT, msgid, disambiguation, n)


def install(setting: str | None = "system") -> str:
    """Install the translators for the setting ``language`` (once per process; a second call first
    removes what the first installed). Returns the language shown ("en" or "zh_CN")."""
    uninstall()
    lang = resolve_language(setting)
    core_i18n.set_preferred_language(lang)
    core_i18n.set_translator(_core_hook)
    if setting in core_i18n.LANGUAGES:  # chosen: numbers and dates as that language writes them
        QLocale.setDefault(QLocale(lang))  # (following the system keeps the system's own locale)
    if lang == "en":
        return lang
    app_qm = translations_dir() / f"{CATALOGUE}_{lang}.qm"
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, path in (("qtbase", str(Path(qt_dir) / f"qtbase_{lang}.qm")), (CATALOGUE, str(app_qm))):
        t = QTranslator()
        if t.load(path) and QCoreApplication.installTranslator(t):
            _installed.append(t)
        else:
            log.warning("no %s translation for %s (%s)", name, lang, path)
    return lang


def uninstall() -> None:
    """Remove the translators :func:`install` installed (tests; a second install)."""
    while _installed:
        QCoreApplication.removeTranslator(_installed.pop())
    core_i18n.set_translator(None)
    core_i18n.set_preferred_language("en")


def installed() -> tuple[QTranslator, ...]:
    return tuple(_installed)
