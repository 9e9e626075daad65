"""What Vimmerse's and varg's local price tables share: reading the JSON table (the built-in
one in ``resources/``, or a user's file of the same shape) and choosing which one is used.

A subclass of :class:`PricingTable` names its file (``FILE_NAME``), its environment variable
(``ENV_FILE``), the provider in messages (``LABEL``) and the section every table must have
(``SECTION``); its ``__init__`` calls this one first.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, ClassVar, Self

from .errors import InputError
from .i18n import _
from .resources import resource_text


class PricingTable:
    """Loading of a provider's pricing table (see the module docstring)."""

    FILE_NAME: ClassVar[str]
    ENV_FILE: ClassVar[str]
    LABEL: ClassVar[str]
    SECTION: ClassVar[str]

    def __init__(self, data: dict[str, Any], source: str = "") -> None:
        if not isinstance(data, dict) or not isinstance(data.get(self.SECTION), dict):
            raise InputError(_("The {provider} pricing file has no '{section}' section.").format(
                provider=self.LABEL, section=self.SECTION))
        self.data = data
        self.source = source

    # -- loading ----------------------------------------------------------------------------------
    @classmethod
    def default(cls) -> Self:
        text = resource_text(cls.FILE_NAME)  # resources/ wherever the app is installed (core/resources.py)
        return cls(json.loads(text), source="built-in")

    @classmethod
    def from_file(cls, path: str | os.PathLike[str], *, name: str = "") -> Self:
        """The table in ``path``; when it cannot be used, InputError with one plain sentence naming the
        file as ``name`` (default: its path)."""
        p = Path(path)
        name = name or str(p)
        who = {"provider": cls.LABEL, "name": name}
        try:
            text = p.read_text("utf-8")
        except FileNotFoundError:
            raise InputError(_("Cannot read the {provider} pricing file {name}: there is no such file.").format(
                **who)) from None
        except IsADirectoryError:
            raise InputError(_("Cannot read the {provider} pricing file {name}: it is a folder.").format(
                **who)) from None
        except OSError as e:
            why = (e.strerror or type(e).__name__).rstrip(".").lower()  # the system's words
            raise InputError(_("Cannot read the {provider} pricing file {name}: {reason}.").format(
                reason=why, **who)) from None
        except UnicodeDecodeError:
            raise InputError(_("The {provider} pricing file {name} is not UTF-8 text.").format(**who)) from None
        try:
            data = json.loads(text)
        except json.JSONDecodeError as e:
            raise InputError(_("The {provider} pricing file {name} is not valid JSON (line {line}, column {column}).")
                             .format(line=e.lineno, column=e.colno, **who)) from None
        if not isinstance(data, dict) or not isinstance(data.get(cls.SECTION), dict):
            raise InputError(_("The {provider} pricing file {name} has no '{section}' section.").format(
                section=cls.SECTION, **who))
        return cls(data, source=str(p))

    @classmethod
    def load(cls, path: str | os.PathLike[str] | None = None) -> Self:
        """``path`` (a file, or a folder holding ``FILE_NAME``), else ``ENV_FILE``, else the config
        folder's ``FILE_NAME``, else the built-in table."""
        if path is not None:
            p = Path(path)
            if p.is_dir():
                p = p / cls.FILE_NAME
                return cls.from_file(p) if p.is_file() else cls.default()
            return cls.from_file(p)
        env = os.environ.get(cls.ENV_FILE, "").strip()
        if env:
            return cls.from_file(env)
        from .settings import app_dirs

        p = app_dirs().config / cls.FILE_NAME
        if p.is_file():
            return cls.from_file(p)
        return cls.default()

    @classmethod
    def configured_file(cls, config_dir: str | os.PathLike[str]) -> str:
        """The file :meth:`from_config` reads first: ``ENV_FILE`` when set, else the config folder's."""
        return os.environ.get(cls.ENV_FILE, "").strip() or str(Path(config_dir) / cls.FILE_NAME)

    @classmethod
    def from_config(cls, config_dir: str | os.PathLike[str]) -> Self:
        """The session's table: ``ENV_FILE`` first (named by the user: a missing one is said), else
        ``FILE_NAME`` in ``config_dir`` when there is one (none, or no config folder yet: built in)."""
        env = os.environ.get(cls.ENV_FILE, "").strip()
        own = Path(config_dir) / cls.FILE_NAME
        if env:
            return cls.from_file(env)
        if own.is_file():  # named by its name: the whole path would not fit the status bar
            return cls.from_file(own, name=cls.FILE_NAME)
        return cls.default()

    # -- reading ---------------------------------------------------------------------------------
    @property
    def note(self) -> str:
        return str(self.data.get("note") or "")

    @property
    def custom_file(self) -> bool:
        """The prices come from the user's own file, not the table built into the app."""
        return self.source not in ("", "built-in")
