"""Keys per provider and profile: Verging's saved keys stay where they were, each provider has
its own keyring service, profiles file and environment variable."""

from __future__ import annotations

from pathlib import Path

import pytest

from verging_desktop.core.errors import InputError
from verging_desktop.core.keystore import ENV_PROFILE, ENV_VAR, KeyStore, check_key_format, profiles_file
from verging_desktop.core.providers import VARG, VERGING, VIMMERSE
from verging_desktop.core.settings import KEYRING_SERVICE

VKEY = "vrg_sk_abcdefghijklmnop0123"
VARG_KEY = "varg_abcdefghijklmnop0123"
VIM_KEY = "0f3c9a7be2d14c55"


def test_verging_keys_stay_where_they_were(tmp_path: Path, memory_keyring) -> None:
    assert VERGING.keyring_service == KEYRING_SERVICE == "verging-desktop:verging"
    assert ENV_VAR == VERGING.env_key == "VERGING_API_KEY"
    # a key saved before providers existed: the old service name and the old profiles file
    memory_keyring.store[(KEYRING_SERVICE, "personal")] = VKEY
    (tmp_path / "profiles.json").write_text('{"profiles": ["personal"], "active": "personal"}', "utf-8")
    for ks in (KeyStore(tmp_path), KeyStore(tmp_path, provider=VERGING)):
        assert ks.service == KEYRING_SERVICE
        assert ks.names() == ["personal"] and ks.get() == VKEY


def test_each_provider_has_its_own_service_file_and_variable(tmp_path: Path, memory_keyring) -> None:
    verging = KeyStore(tmp_path, environ={})
    varg = KeyStore(tmp_path, provider=VARG, environ={"VARG_API_KEY": VARG_KEY, "VERGING_API_KEY": VKEY})
    vimmerse = KeyStore(tmp_path, provider=VIMMERSE, environ={})
    verging.add("studio", VKEY)
    vimmerse.add("studio", VIM_KEY)
    assert memory_keyring.store[("verging-desktop:verging", "studio")] == VKEY
    assert memory_keyring.store[("verging-desktop:vimmerse", "studio")] == VIM_KEY
    assert (tmp_path / profiles_file(VIMMERSE)).exists() and profiles_file(VIMMERSE) != profiles_file(VERGING)
    # the same profile name, separate keys; the other providers' files do not list it
    assert KeyStore(tmp_path, provider=VIMMERSE).get("studio") == VIM_KEY
    assert KeyStore(tmp_path, environ={}).get("studio") == VKEY
    assert varg.names() == [ENV_PROFILE] and varg.get() == VARG_KEY
    [env] = varg.profiles()
    assert env.label == "environment (from VARG_API_KEY, read-only)"
    with pytest.raises(InputError, match="VARG_API_KEY"):
        varg.remove(ENV_PROFILE)
    # removing a Vimmerse profile leaves the Verging key of the same name alone
    vimmerse.remove("studio")
    assert ("verging-desktop:vimmerse", "studio") not in memory_keyring.store
    assert memory_keyring.store[("verging-desktop:verging", "studio")] == VKEY


def test_key_shapes_per_provider() -> None:
    assert check_key_format(f"Bearer {VARG_KEY}", VARG) == VARG_KEY
    with pytest.raises(InputError, match="does not look like a varg key: keys start with varg_"):
        check_key_format(VKEY, VARG)
    with pytest.raises(InputError, match="Verging key"):
        check_key_format(VARG_KEY)
    assert check_key_format(VIM_KEY, VIMMERSE) == VIM_KEY  # Vimmerse keys have no prefix
    with pytest.raises(InputError, match="shown once on vimmerse.net"):
        check_key_format("  ", VIMMERSE)
    with pytest.raises(InputError, match="too short"):
        check_key_format("abc", VIMMERSE)
