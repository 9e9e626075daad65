"""The key store against a real Secret Service: gnome-keyring in a private D-Bus session."""

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(
    not (shutil.which("dbus-run-session") and shutil.which("gnome-keyring-daemon")),
    reason="needs dbus-run-session and gnome-keyring-daemon (CI installs them)",
)

CHILD = textwrap.dedent(
    """
    import sys, keyring
    from verging_desktop.core.keystore import KeyStore
    kr = keyring.get_keyring()
    print("backend", type(kr).__module__, type(kr).__name__)
    ks = KeyStore(sys.argv[1])
    assert ks.keyring_problem() is None, ks.keyring_problem()
    key = "vrg_sk_ci_" + "k" * 20
    ks.add("ci", key)
    assert KeyStore(sys.argv[1]).get("ci") == key, "not read back"
    ks.remove("ci")
    assert KeyStore(sys.argv[1]).get("ci") is None, "not removed"
    import keyring as k2
    assert k2.get_password(ks.service, "ci") is None
    print("OK")
    """
)


def test_keystore_with_gnome_keyring(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    cfg = tmp_path / "cfg"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VERGING_", "DBUS_", "XDG_RUNTIME"))}
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / ".local/share"), XDG_CONFIG_HOME=str(home / ".config"),
               PYTHON_KEYRING_BACKEND="keyring.backends.SecretService.Keyring")
    script = tmp_path / "child.py"
    script.write_text(CHILD)
    inner = (f"echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; "
             f"{sys.executable} {script} {cfg}")
    r = subprocess.run(["dbus-run-session", "--", "sh", "-c", inner], env=env, capture_output=True, text=True,
                       timeout=120, cwd=Path(__file__).resolve().parents[2])
    assert r.returncode == 0 and "OK" in r.stdout, r.stdout + r.stderr
    assert "SecretService" in r.stdout
    # nothing secret was written to the config dir
    for f in cfg.rglob("*"):
        if f.is_file():
            assert "vrg_sk_" not in f.read_text()
