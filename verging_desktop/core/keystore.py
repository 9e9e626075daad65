"""API keys in the OS keyring (and in memory), never in a file: one store per provider.

Profiles: several named keys per provider, one active. The *names* of profiles and which one is
active are not secrets and live in the config dir (``profiles.json`` for Verging, as before
providers existed; ``profiles-<provider>.json`` for the others); the keys themselves live only in
the OS keyring (the provider's ``keyring_service``, ``verging-desktop:verging`` for Verging, one
entry per profile) or, when the keyring is unavailable and the user agrees, in this process's
memory for the session. The provider's ``env_key`` (``VERGING_API_KEY``) is honoured as a
read-only profile named ``environment``.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import InputError, KeyringUnavailable
from .i18n import _
from .providers import VERGING, Provider, foreign_key_problem, key_looks_like
from .redact import mask, register_secret

log = logging.getLogger("verging_desktop.core.keystore")

ENV_PROFILE = "environment"
ENV_VAR = VERGING.env_key  # "VERGING_API_KEY"
KEY_PREFIX = VERGING.key_starts_with  # "vrg_sk_"


def check_key_format(key: str, provider: Provider = VERGING) -> str:
    """Strip a pasted key and check its shape (another provider's key is refused, saying whose it
    looks like: :func:`~verging_desktop.core.providers.foreign_key_problem`); the message never
    repeats the key."""
    k = (key or "").strip().strip('"').strip("'")
    if k.lower().startswith(("apikey ", "bearer ")):
        k = k.split(None, 1)[1].strip()
    prefix = provider.key_starts_with
    if not k:
        if prefix:
            raise InputError(_("The key is empty. Paste the key shown once on {site} (it starts with {prefix}).")
                             .format(site=provider.website_host, prefix=prefix))
        raise InputError(_("The key is empty. Paste the key shown once on {site}.").format(site=provider.website_host))
    if any(c.isspace() for c in k):
        raise InputError(_("The key contains spaces or line breaks. Paste the key alone, on one line."))
    if prefix and not k.startswith(prefix):
        other = key_looks_like(k, provider)
        also = " " + _("It looks like a {provider} key.").format(provider=other.label) if other is not None else ""
        raise InputError(_("That does not look like a {provider} key: keys start with {prefix}.").format(
            provider=provider.label, prefix=prefix) + also)
    foreign = foreign_key_problem(k, provider)
    if foreign:  # a provider whose keys have no shape of their own: another provider's key is still refused
        raise InputError(foreign)
    if len(k) < len(prefix) + 8:
        raise InputError(_("The key is too short: it may have been cut when copying. Copy it again."))
    return k


def _backend_problem() -> str | None:
    """Why the active keyring backend cannot keep secrets safely, or None when it can."""
    try:
        import keyring
        from keyring.backends import fail
    except Exception as e:  # pragma: no cover - keyring is a dependency
        return _("the keyring library is not available ({error})").format(error=e)
    kr = keyring.get_keyring()
    mod = type(kr).__module__
    if isinstance(kr, fail.Keyring):
        return _("no OS keyring (secret service) is running on this system")
    if mod.startswith("keyrings.alt"):
        return _("the only keyring backend stores secrets in a plain file, which Verging Desktop refuses to use")
    try:
        if float(getattr(kr, "priority", 1)) <= 0:
            return _("the OS keyring backend is disabled")
    except Exception:
        pass
    return None


def keyring_problem() -> str | None:
    """Why no OS keyring can hold keys on this system (None: one can), in plain words."""
    return _backend_problem()


@dataclass(frozen=True)
class Profile:
    name: str
    source: str  # "keyring", "session" or "environment"
    read_only: bool = False
    env_var: str = ENV_VAR  # the variable an "environment" profile comes from

    @property
    def label(self) -> str:
        if self.source == "session":
            return _("{name} (this session only)", "a key profile").format(name=self.name)
        if self.source == "environment":
            return _("{name} (from {variable}, read-only)", "a key profile").format(name=self.name, variable=self.env_var)
        return self.name


def profiles_file(provider: Provider) -> str:
    """The name of the file that lists ``provider``'s profile names (Verging's is the old one)."""
    return "profiles.json" if provider.id == VERGING.id else f"profiles-{provider.id}.json"


class KeyStore:
    """Profiles of one provider's API keys (Verging by default). Thread-safe; every keyring
    failure becomes :class:`KeyringUnavailable`."""

    def __init__(self, config_dir: str | os.PathLike[str], *, provider: Provider = VERGING,
                 service: str | None = None, environ: Mapping[str, str] | None = None) -> None:
        self.config_dir = Path(config_dir)
        self.provider = provider
        self.service = service or provider.keyring_service
        self._environ = os.environ if environ is None else environ
        self._lock = threading.RLock()
        self._session: dict[str, str] = {}
        self._cache: dict[str, str] = {}
        self._meta = self._load_meta()

    @property
    def environ(self) -> Mapping[str, str]:
        """Where the provider's ``env_key`` is read from (``os.environ`` unless given)."""
        return self._environ

    # -- non-secret metadata --------------------------------------------------------------
    @property
    def _meta_path(self) -> Path:
        return self.config_dir / profiles_file(self.provider)

    def _load_meta(self) -> dict[str, Any]:
        try:
            data = json.loads(self._meta_path.read_text("utf-8"))
            if isinstance(data, dict) and isinstance(data.get("profiles"), list):
                return {"profiles": [str(p) for p in data["profiles"]], "active": data.get("active")}
        except (OSError, ValueError):
            pass
        return {"profiles": [], "active": None}

    def _save_meta(self) -> None:
        self.config_dir.mkdir(parents=True, exist_ok=True)
        tmp = self._meta_path.with_suffix(".tmp")
        tmp.write_text(json.dumps({"profiles": self._meta["profiles"], "active": self._meta["active"]}, indent=1), "utf-8")
        os.replace(tmp, self._meta_path)

    # -- keyring ---------------------------------------------------------------------------
    def keyring_problem(self) -> str | None:
        return _backend_problem()

    @property
    def keyring_available(self) -> bool:
        return self.keyring_problem() is None

    def _kr_get(self, name: str) -> str | None:
        problem = _backend_problem()
        if problem:
            raise KeyringUnavailable(_("Cannot read keys: {problem}.").format(problem=problem))
        import keyring
        from keyring.errors import KeyringError

        try:
            return keyring.get_password(self.service, name)
        except (KeyringError, Exception) as e:
            raise KeyringUnavailable(_("The OS keyring refused to give the key for '{name}' (is it locked?): "
                                       "{error}.").format(name=name, error=type(e).__name__)) from None

    def _kr_set(self, name: str, key: str) -> None:
        problem = _backend_problem()
        if problem:
            raise KeyringUnavailable(_("Cannot store the key: {problem}. You can use it for this session only.").format(
                problem=problem))
        import keyring

        try:
            keyring.set_password(self.service, name, key)
        except Exception as e:
            raise KeyringUnavailable(_("The OS keyring refused to store the key (is it locked?): {error}. "
                                       "You can use it for this session only.").format(error=type(e).__name__)) from None

    def _kr_delete(self, name: str) -> None:
        if _backend_problem():
            return
        import keyring
        from keyring.errors import PasswordDeleteError

        try:
            keyring.delete_password(self.service, name)
        except PasswordDeleteError:
            pass
        except Exception as e:
            raise KeyringUnavailable(_("The OS keyring refused to delete the key: {error}.").format(
                error=type(e).__name__)) from None

    # -- profiles -----------------------------------------------------------------------------
    def env_key(self) -> str | None:
        v = (self._environ.get(self.provider.env_key) or "").strip()
        if v:
            register_secret(v)
        return v or None

    def profiles(self) -> list[Profile]:
        with self._lock:
            out = [Profile(n, "keyring") for n in self._meta["profiles"] if n not in self._session]
            out += [Profile(n, "session") for n in self._session]
            if self.env_key():
                out.append(Profile(ENV_PROFILE, "environment", read_only=True, env_var=self.provider.env_key))
            return out

    def names(self) -> list[str]:
        return [p.name for p in self.profiles()]

    @property
    def active(self) -> str | None:
        with self._lock:
            names = self.names()
            act = self._meta.get("active")
            if act in names:
                return str(act)
            return names[0] if names else None

    def set_active(self, name: str) -> None:
        with self._lock:
            if name not in self.names():
                raise InputError(_("There is no profile named '{name}'.").format(name=name))
            self._meta["active"] = name
            if name != ENV_PROFILE and name not in self._session:
                self._save_meta()

    def get(self, name: str | None = None) -> str | None:
        """The key of a profile (the active one by default), or None."""
        with self._lock:
            name = name or self.active
            if name is None:
                return None
            if name == ENV_PROFILE:
                return self.env_key()
            if name in self._session:
                return self._session[name]
            if name in self._cache:
                return self._cache[name]
            if name not in self._meta["profiles"]:
                return None
            key = self._kr_get(name)
            if key:
                register_secret(key)
                self._cache[name] = key
            return key

    def add(self, name: str, key: str, *, session_only: bool = False, make_active: bool = True) -> Profile:
        """Store a key under a profile name. Overwriting an existing profile must be asked for by
        removing it first: a stored key is never silently replaced."""
        name = (name or "").strip()
        if not name:
            raise InputError(_("Give the profile a name, for example 'personal' or 'studio'."))
        if name == ENV_PROFILE:
            raise InputError(_("'{name}' is reserved for the {variable} variable; choose another name.").format(
                name=ENV_PROFILE, variable=self.provider.env_key))
        if len(name) > 64 or any(c in name for c in "\n\r\t"):
            raise InputError(_("Profile names are one line of at most 64 characters."))
        key = check_key_format(key, self.provider)
        register_secret(key)
        with self._lock:
            if name in self._meta["profiles"] or name in self._session:
                raise InputError(_("A profile named '{name}' exists already. Remove it first or choose another name.").format(
                    name=name))
            if session_only:
                self._session[name] = key
            else:
                self._kr_set(name, key)
                self._cache[name] = key
                self._meta["profiles"].append(name)
            if make_active or self._meta.get("active") is None:
                self._meta["active"] = name
            self._save_meta() if not session_only else None
            log.info("added profile %s (%s) %s", name, "session" if session_only else "keyring", mask(key))
            return Profile(name, "session" if session_only else "keyring")

    def remove(self, name: str) -> None:
        with self._lock:
            if name == ENV_PROFILE:
                raise InputError(_("The environment profile comes from {variable}; unset the variable to remove it.")
                                 .format(variable=self.provider.env_key))
            if name in self._session:
                del self._session[name]
            elif name in self._meta["profiles"]:
                self._kr_delete(name)
                self._meta["profiles"].remove(name)
                self._cache.pop(name, None)
            else:
                raise InputError(_("There is no profile named '{name}'.").format(name=name))
            if self._meta.get("active") == name:
                rest = self.names()
                self._meta["active"] = rest[0] if rest else None
            self._save_meta()
            log.info("removed profile %s", name)

    def forget_cache(self) -> None:
        with self._lock:
            self._cache.clear()
