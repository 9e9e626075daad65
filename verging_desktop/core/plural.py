"""Plural forms for counts shown below ui/ (the command line, services): one small helper, no Qt.

Texts are written the way the app's Qt ``%n`` strings are: ``"%n credit(s)"``, ``"%n job(s)
(is|are) waiting"``. :func:`plural` finishes such a text for a count: ``%n`` becomes the number
(grouped: ``1,000``), ``(s)`` becomes ``s`` except for one, ``(a|b)`` picks ``a`` for one and ``b``
otherwise. :mod:`verging_desktop.ui.plural` uses it for the English forms when no translation is
loaded, so the app and the command line word their counts the same way.

Fractional amounts ("1.5 credits", "0.5 credits") always take the plural form.
"""

from __future__ import annotations

import re

_CHOICE = re.compile(r"\(([^()|]*)\|([^()|]*)\)")


def number(v: float) -> str:
    """``1``, ``1,000``, ``1.5``, ``0.25``: whole numbers grouped, others as short as exact."""
    if abs(v - round(v)) < 1e-9:
        return f"{round(v):,}"
    return f"{v:,.6g}"


def plural(text: str, n: float) -> str:
    """Finish ``text`` (``%n`` forms) for the count ``n``."""
    whole = abs(n - round(n)) < 1e-9
    one = whole and abs(round(n)) == 1
    text = text.replace("%n", number(n) if not whole else f"{round(n):,}")
    text = text.replace("(s)", "" if one else "s")
    return _CHOICE.sub(lambda m: m.group(1) if one else m.group(2), text)


def count(n: float, one: str, many: str | None = None) -> str:
    """``1 record``, ``2 records``, ``1,000 records``; ``many`` when the plural is not ``one + s``."""
    if many is None:
        return plural(f"%n {one}(s)", n)
    return plural(f"%n ({one}|{many})", n)


def credits(v: float) -> str:
    """``1 credit``, ``15 credits``, ``1,000 credits``, ``0.5 credits``, ``-3 credits``."""
    if v < 0:
        return "-" + credits(-v)
    return plural("%n credit(s)", v)
