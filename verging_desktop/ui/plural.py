"""Plural forms for the user-visible counts (Qt's ``%n`` forms).

Every count string is written as a Qt numerus string: ``self.tr("%n credit(s)", "", n)`` or
``QCoreApplication.translate("Credits", "%n credit(s)", None, n)``, so a translation file can give
each language its own forms. Until a translation is installed (``ui/i18n.py``), :func:`plural`
finishes the untranslated English text: ``(s)`` becomes ``s`` except for one, ``(is|are)`` picks
the first form for one and the second otherwise, and a number of four digits or more is grouped
the way the app writes numbers elsewhere ("1,000 credits").

Fractional credits ("1.5 credits", "0.3 credits") always take the plural form, as English (and
CLDR's rules for decimals in most languages) does.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ..core import plural as _english


def plural(text: str, n: int) -> str:
    """Finish the result of a ``%n`` translation for the count ``n`` (untranslated: the English
    forms of :func:`verging_desktop.core.plural.plural`, the same as the command line's)."""
    if abs(n) >= 1000:
        text = text.replace(str(n), "%n", 1)  # grouped as the app writes numbers ("1,000")
    return _english.plural(text, n)


def tr_n(context: str, source: str, n: int, disambiguation: str | None = None) -> str:
    """``QCoreApplication.translate(context, source, disambiguation, n)`` finished by :func:`plural`.

    Prefer a literal ``self.tr(...)`` / ``QCoreApplication.translate(...)`` at the call site (the
    translation tools find those); this is for code that has no QObject at hand.
    """
    return plural(QCoreApplication.translate(context, source, disambiguation, n), n)


def credits(v: float | None) -> str:
    """``1 credit``, ``15 credits``, ``1,000 credits``, ``0.5 credits``; ``–`` when unknown.

    The translatable wrapper of :func:`verging_desktop.core.plural.credits`: without a translation
    both give the same text for every amount (a test holds them together)."""
    if v is None:
        return "–"
    if v < 0:  # Qt's %n is for counts (n >= 0): the sign goes in front
        return "-" + credits(-v)
    r = round(v)
    if abs(v - r) < 1e-9:
        n = int(r)
        return plural(QCoreApplication.translate("Credits", "%n credit(s)", None, n), n)
    # untranslated, this is exactly verging_desktop.core.plural.credits(v) (the command line's form)
    return QCoreApplication.translate("Credits", "%1 credits", "a fractional amount: always the plural form").replace(
        "%1", _english.number(v))


def vimmerse_credits(v: float | None) -> str:
    """``12 Vimmerse credits``: an amount in Vimmerse's own credits, never read as Verging's."""
    if v is None:
        return "–"
    if v < 0:
        return "-" + vimmerse_credits(-v)
    r = round(v)
    if abs(v - r) < 1e-9:
        n = int(r)
        return plural(QCoreApplication.translate("Credits", "%n Vimmerse credit(s)", None, n), n)
    return QCoreApplication.translate("Credits", "%1 Vimmerse credits", "a fractional amount: always the plural form"
                                      ).replace("%1", _english.number(v))


def count(n: int, what: str) -> str:
    """A few common counts: ``what`` is "job", "varg job", "image", "part", "face", "video", "clip" or
    "second"."""
    # each call spelled out: the translation tools read literal QCoreApplication.translate calls only
    forms = {
        "job": lambda: QCoreApplication.translate("Counts", "%n job(s)", None, n),
        "varg job": lambda: QCoreApplication.translate("Counts", "%n varg job(s)", None, n),
        "image": lambda: QCoreApplication.translate("Counts", "%n image(s)", None, n),
        "part": lambda: QCoreApplication.translate("Counts", "%n part(s)", None, n),
        "face": lambda: QCoreApplication.translate("Counts", "%n face(s)", None, n),
        "video": lambda: QCoreApplication.translate("Counts", "%n video(s)", None, n),
        "clip": lambda: QCoreApplication.translate("Counts", "%n clip(s)", None, n),
        "second": lambda: QCoreApplication.translate("Counts", "%n second(s)", None, n),
    }
    return plural(forms[what](), n)
