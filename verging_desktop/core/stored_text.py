"""Job texts stored in English and shown in the interface's language.

A job's error is written to the database once, in English (older databases hold the same texts,
and the command line prints them as stored), and shown later, maybe in Chinese. A stored text is
either a fixed sentence, marked ``N_()`` where it is defined (``_()`` finds it in the catalogue by its
exact English), or a *template* with ``{name}`` placeholders registered here with
:func:`template`. :func:`stored` gives the exact English to store; :func:`shown` finds the template
a stored text was made from (an anchored pattern built once from the template), translates the
template and puts the arguments back (each argument shown the same way, so a stored text inside
another is translated too). A text that matches nothing (the API's own message, an older text) is
shown as it was stored.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .i18n import _

__all__ = ["shown", "stored", "template"]

_TEMPLATES: list[str] = []
_FIELD = re.compile(r"\{(\w+)\}")


def template(text: str) -> str:
    """Register ``text`` (marked ``N_()`` at its definition) as a stored template; returns it."""
    if text not in _TEMPLATES:
        names = _FIELD.findall(text)
        if len(names) != len(set(names)):
            raise ValueError(f"a stored template names each placeholder once: {text!r}")
        _TEMPLATES.append(text)
        _patterns.cache_clear()
    return text


def stored(tpl: str, **args: object) -> str:
    """The English text to store for the registered template ``tpl`` filled with ``args``."""
    if tpl not in _TEMPLATES:
        raise KeyError(f"not a registered stored template: {tpl!r}")
    return tpl.format(**args)


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    out = []
    for t in _TEMPLATES:
        parts = _FIELD.split(t)
        if len(parts) == 1:
            continue
        rx = "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+?)" for i, p in enumerate(parts))
        out.append((t, re.compile(rx, re.DOTALL)))
    # the template with the most fixed text first: "Cancelled; varg did not create it: {reason} Nothing
    # was charged." before "{reason} Nothing was charged."
    out.sort(key=lambda tp: -len(_FIELD.sub("", tp[0])))
    return tuple(out)


def shown(text: str | None, _depth: int = 0) -> str:
    """``text`` (a stored job text) in the interface's language; unchanged when it is not one of ours."""
    if not text:
        return ""
    direct = _(text)
    if direct != text:
        return direct
    if _depth > 2:
        return text
    for tpl, rx in _patterns():
        m = rx.fullmatch(text)
        if m is None:
            continue
        translated = _(tpl)
        args = {k: shown(v, _depth + 1) for k, v in m.groupdict().items()}
        if translated == tpl and all(args[k] == v for k, v in m.groupdict().items()):
            return text
        try:
            return translated.format(**args)
        except (KeyError, IndexError, ValueError):  # a broken translation never hides the message
            return text
    return text
