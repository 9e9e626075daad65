import logging
from pathlib import Path

import pytest

from verging_desktop.core.errors import InputError, KeyringUnavailable
from verging_desktop.core.keystore import ENV_PROFILE, KeyStore, check_key_format
from verging_desktop.core.redact import RedactingFilter, mask, redact, register_secret

KEY = "vrg_sk_test_" + "abc123" * 3


def test_redact_removes_keys_and_auth_headers() -> None:
    assert KEY not in redact(f"sent {KEY} to server")
    assert "[redacted]" in redact("Authorization: ApiKey something-secret")
    register_secret("odd-secret-without-prefix")
    assert "odd-secret" not in redact("value odd-secret-without-prefix here")
    assert mask(KEY).startswith("vrg_sk_") and KEY not in mask(KEY)


def test_a_key_without_a_public_prefix_is_masked_to_its_last_four() -> None:
    vimmerse = "vim-test-mask-" + "x7q2" * 4  # made up; Vimmerse keys have no public prefix
    assert mask(vimmerse) == "…" + vimmerse[-4:]
    assert vimmerse[:7] not in mask(vimmerse)
    assert mask("short-k3y") == "…"


def test_logging_filter_redacts_message_args_and_tracebacks(tmp_path: Path) -> None:
    log_file = tmp_path / "app.log"
    h = logging.FileHandler(log_file)
    h.addFilter(RedactingFilter())
    lg = logging.getLogger("verging_desktop.test_redact")
    lg.addHandler(h)
    lg.setLevel(logging.INFO)
    try:
        lg.info("key is %s", KEY)
        try:
            raise ValueError(f"bad {KEY}")
        except ValueError:
            lg.exception("failed")
    finally:
        lg.removeHandler(h)
        h.close()
    text = log_file.read_text()
    assert "key is" in text and "ValueError" in text
    assert KEY not in text


def test_key_format_messages() -> None:
    assert check_key_format(f"  ApiKey {KEY}\n") == KEY
    for bad, msg in (("", "empty"), ("sk-openai-thing", "vrg_sk_"), ("vrg_sk_abc", "too short"),
                     ("vrg_sk_abc def ghi jkl", "spaces")):
        with pytest.raises(InputError, match=msg) as e:
            check_key_format(bad)
        assert "vrg_sk_abc def" not in str(e.value)


def test_profiles_live_in_the_keyring_only(tmp_path: Path, memory_keyring) -> None:
    ks = KeyStore(tmp_path)
    ks.add("personal", KEY)
    ks.add("studio", KEY.replace("abc", "xyz"), make_active=False)
    assert ks.active == "personal"
    assert ks.get() == KEY
    ks.set_active("studio")
    assert ks.get() == KEY.replace("abc", "xyz")
    # names are on disk, keys are not
    on_disk = "".join(p.read_text() for p in tmp_path.rglob("*") if p.is_file())
    assert "studio" in on_disk and "vrg_sk_" not in on_disk
    assert len(memory_keyring.store) == 2
    # a fresh store (a new process) finds them again
    ks2 = KeyStore(tmp_path)
    assert ks2.active == "studio" and ks2.get("personal") == KEY
    with pytest.raises(InputError, match="exists already"):
        ks2.add("personal", KEY)
    ks2.remove("studio")
    assert ks2.names() == ["personal"] and ks2.active == "personal"
    assert len(memory_keyring.store) == 1


def test_environment_profile_is_read_only(tmp_path: Path) -> None:
    ks = KeyStore(tmp_path, environ={"VERGING_API_KEY": KEY})
    assert ks.names() == [ENV_PROFILE]
    assert ks.get() == KEY
    with pytest.raises(InputError):
        ks.remove(ENV_PROFILE)


def test_unavailable_keyring_offers_session_only(tmp_path: Path) -> None:
    import keyring
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())
    ks = KeyStore(tmp_path)
    assert ks.keyring_problem()
    with pytest.raises(KeyringUnavailable, match="this session only"):
        ks.add("personal", KEY)
    ks.add("personal", KEY, session_only=True)
    assert ks.get() == KEY
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert all("vrg_sk_" not in p.read_text() for p in files)
    assert KeyStore(tmp_path).get() is None  # gone with the session
