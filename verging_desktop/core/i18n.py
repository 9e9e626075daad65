"""The message catalogue of the Qt-free layers (core, services, app_core, jobs, the CLI): no Qt here.

Strings made below ``ui/`` are written in English and marked where they are written:

* ``_("Saved {name}.")`` translates at once (a sentence made when it is shown);
* ``N_("Free (2 jobs at once)")`` only marks a constant (a table of labels made at import time);
  the code that shows it calls ``_(label)`` then;
* ``n_("%n job(s) waiting", n)`` is a count in the app's ``%n`` forms, finished for ``n`` by
  :func:`verging_desktop.core.plural.plural` (``(s)``, ``(is|are)``) when it stays English.

Nothing is translated until a hook is installed: the command line speaks English, and the desktop
app's ``ui/i18n.py`` installs :func:`set_translator` with a function that asks Qt's translators
(``QCoreApplication.translate`` with the context :data:`CONTEXT`). ``packaging/i18n/extract.py``
finds the marked strings (calls of ``_``, ``N_`` and ``n_`` with a literal first argument) and
puts them in the same ``.ts`` file as the Qt strings of ``ui/``, under that context.

Placeholders are Python's ``str.format`` names (``{name}``): translations keep them, and the
caller formats after translating (``_("Saved {name}.").format(name=...)``).

:func:`preferred_language` is the process-wide language of the interface ("en" or "zh_CN"); the
API clients read it to pick a server message's ``zh`` text when the UI is Chinese.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from .plural import plural

#: the translation context of every core string in the .ts files
CONTEXT = "core"
#: the interface languages the app ships, besides following the system ("system")
LANGUAGES: tuple[str, ...] = ("en", "zh_CN")

#: (msgid, disambiguation or None, n or -1) -> translated text (untranslated: msgid itself)
Translator = Callable[[str, str | None, int], str]

_translator: Translator | None = None
_language = "en"


def set_translator(hook: Translator | None) -> None:
    """Install (or with None remove) the function that translates the marked strings."""
    global _translator
    _translator = hook


def translator() -> Translator | None:
    return _translator


def _(msgid: str, disambiguation: str | None = None) -> str:
    """``msgid`` in the interface's language (``msgid`` itself when no translation is installed
    or the catalogue has none)."""
    hook = _translator
    if hook is None:
        return msgid
    try:
        return hook(msgid, disambiguation, -1) or msgid
    except Exception:  # a translation must never break the message it translates
        return msgid


def N_(msgid: str) -> str:
    """Mark ``msgid`` for translation without translating it now (see the module's doc)."""
    return msgid


def n_(msgid: str, n: int, disambiguation: str | None = None) -> str:
    """A count: ``n_("%n job(s)", 3)`` -> "3 jobs" in English; a translation's own plural form
    for ``n`` when one is installed."""
    hook = _translator
    text = msgid
    if hook is not None:
        try:
            text = hook(msgid, disambiguation, n) or msgid
        except Exception:
            text = msgid
    if abs(n) >= 1000:  # Qt writes %n ungrouped: the app groups thousands the same way everywhere
        text = text.replace(str(n), "%n", 1)
    return plural(text, n)


# -- the interface language ---------------------------------------------------------------------
def normalize_language(lang: str | None) -> str:
    """"zh_CN" for any Chinese (``zh``, ``zh-Hans``, ``zh_CN.UTF-8``), "en" for everything else."""
    v = (lang or "").strip().replace("-", "_").lower()
    return "zh_CN" if v.startswith("zh") else "en"


def set_preferred_language(lang: str) -> None:
    """The language the interface shows ("en" or "zh_CN"); set by the UI when it starts."""
    global _language
    _language = normalize_language(lang)


def preferred_language() -> str:
    return _language


def is_chinese() -> bool:
    return _language.startswith("zh")


def pick_message(m: Any) -> str:
    """A server message that may be a string or ``{"en": ..., "zh": ...}``: the ``zh`` text when
    the interface is Chinese and the server sent one, else the English one (else any)."""
    if isinstance(m, Mapping):
        order = ("zh", "zh_CN", "zh-CN", "en") if is_chinese() else ("en",)
        for k in order:
            v = m.get(k)
            if v:
                return str(v)
        return str(next((v for v in m.values() if v), "") or "")
    return "" if m is None else str(m)
