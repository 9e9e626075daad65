"""One window per user: a second launch hands its files to the running app and exits.

The first instance listens on a :class:`QLocalServer` (a Unix socket in ``$XDG_RUNTIME_DIR``,
readable by the user only; a named pipe on Windows). A later ``verging-desktop FILE...`` (a
file manager's "Open with", the desktop entry's ``%F``) connects, sends one line of JSON
``{"files": [absolute paths], "token": activation token}`` and waits for ``ok``; the running
window raises itself and opens each file in the tool for it (``ui/open_files.py``); the second
process exits 0. ``--new-instance`` skips all of this (a second, independent window).

The name of the socket is per user and per configuration folder (``VERGING_CONFIG_DIR``), so two
configurations (and tests) never meet. A socket left by a crashed instance is removed when
nobody answers on it.

Signals of :class:`InstanceServer`:
    filesReceived(list, str): paths sent by another launch (maybe none: "just show yourself")
        and the launcher's activation token ("" when it sent none).
"""

from __future__ import annotations

import logging
import os
import re
import sys
import zlib
from pathlib import Path

from PySide6.QtCore import QByteArray, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger("verging_desktop.ui.single_instance")

#: how long a second launch waits for the running window to connect and to answer
CONNECT_MS = 1500
ANSWER_MS = 5000
#: the largest message the server reads (a few thousand paths)
MAX_MESSAGE = 1 << 20
_UNIX_PATH_MAX = 100


def configuration_root() -> str:
    """The folder that tells one configuration from another, from the environment alone: the
    configuration folder when ``VERGING_CONFIG_DIR`` names it, else the folder the platform's
    configuration folder is made in (``XDG_CONFIG_HOME``, ``APPDATA``, the home folder). Cheaper
    than :func:`verging_desktop.core.settings.app_dirs` (platformdirs: ~4 ms before the first
    frame), and two launches that would read the same settings give the same answer."""
    for key in ("VERGING_CONFIG_DIR", "XDG_CONFIG_HOME", "APPDATA"):
        value = os.environ.get(key, "").strip()
        if value:
            return value
    return os.path.expanduser("~")


def instance_name(config_dir: str | os.PathLike[str]) -> str:
    """The server's name for this user and configuration folder (an absolute socket path in
    ``$XDG_RUNTIME_DIR`` when there is one; otherwise a name Qt places in the temp folder)."""
    # the login name as getpass.getuser() finds it, without importing getpass (nor hashlib: this
    # runs before the first frame, and those imports cost ~4 ms of it)
    user = next((os.environ[k] for k in ("LOGNAME", "USER", "LNAME", "USERNAME") if os.environ.get(k)), "")
    if not user:  # no login name in the environment (a container): the uid, or nothing
        user = str(os.getuid()) if hasattr(os, "getuid") else "user"
    user = re.sub(r"[^A-Za-z0-9_.-]", "_", user)[:32]
    folder = str(Path(config_dir).expanduser().absolute()).encode("utf-8")
    digest = f"{zlib.crc32(folder):08x}{zlib.adler32(folder):08x}"[:12]  # (a socket path has ~100 bytes)
    base = f"verging-desktop-{user}-{digest}"
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if sys.platform != "win32" and runtime and os.path.isdir(runtime):
        path = os.path.join(runtime, base)
        if len(path) <= _UNIX_PATH_MAX:
            return path
    return base


def activation_token() -> str:
    """The launcher's token that lets the running window raise itself (Wayland's
    XDG_ACTIVATION_TOKEN, X11's DESKTOP_STARTUP_ID), "" when there is none."""
    return os.environ.get("XDG_ACTIVATION_TOKEN") or os.environ.get("DESKTOP_STARTUP_ID") or ""


def send_to_running(name: str, files: list[str], *, token: str = "",
                    connect_ms: int = CONNECT_MS, answer_ms: int = ANSWER_MS) -> bool | None:
    """Hand ``files`` to the instance listening on ``name``.

    True: it took them. False: nobody listens (this launch is the first). None: somebody
    listens but did not answer in time (a hung window)."""
    sock = QLocalSocket()
    sock.connectToServer(name)
    if not sock.waitForConnected(connect_ms):
        return False
    import json  # here: only a second launch sends

    msg = json.dumps({"files": files, "token": token}).encode("utf-8") + b"\n"
    sock.write(QByteArray(msg))
    sock.flush()
    while sock.bytesToWrite() > 0:
        if not sock.waitForBytesWritten(answer_ms):
            break
    if sock.bytesToWrite() > 0:
        sock.abort()
        return None
    answer = bytes(sock.readAll().data())  # the answer may be here already
    while b"\n" not in answer and sock.waitForReadyRead(answer_ms):
        answer += bytes(sock.readAll().data())
    answer += bytes(sock.readAll().data())
    sock.disconnectFromServer()
    return True if answer.strip() == b"ok" else None


class InstanceServer(QObject):
    """The running window's end: listens on ``name``, reads each launch's line, answers ``ok``."""

    filesReceived = Signal(list, str)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._connection)
        self._buffers: dict[QLocalSocket, bytes] = {}

    def listen(self) -> bool:
        """Listen; a socket left behind by an instance that is gone is removed first."""
        if self.server.listen(self.name):
            return True
        if self.server.serverError() == QLocalSocket.LocalSocketError.AddressInUseError:
            QLocalServer.removeServer(self.name)
            if self.server.listen(self.name):
                return True
        log.warning("cannot listen for other launches on %s: %s", self.name, self.server.errorString())
        return False

    @property
    def listening(self) -> bool:
        return self.server.isListening()

    def close(self) -> None:
        if self.server.isListening():
            self.server.close()

    def _connection(self) -> None:
        while self.server.hasPendingConnections():
            sock = self.server.nextPendingConnection()
            if sock is None:
                break
            self._buffers[sock] = b""
            sock.readyRead.connect(lambda s=sock: self._read(s))
            sock.disconnected.connect(lambda s=sock: self._gone(s))

    def _gone(self, sock: QLocalSocket) -> None:
        self._buffers.pop(sock, None)
        sock.deleteLater()

    def _read(self, sock: QLocalSocket) -> None:
        if sock not in self._buffers:
            return
        data = self._buffers[sock] + bytes(sock.readAll().data())
        if b"\n" not in data:
            if len(data) > MAX_MESSAGE:
                log.warning("a message from another launch was too long; ignored")
                self._buffers.pop(sock, None)
                sock.abort()
            else:
                self._buffers[sock] = data
            return
        self._buffers.pop(sock, None)
        line = data.split(b"\n", 1)[0]
        import json  # here: not before the first frame

        try:
            msg = json.loads(line.decode("utf-8"))
            files = [str(f) for f in msg.get("files", []) if isinstance(f, str)]
            token = str(msg.get("token") or "")
        except (ValueError, AttributeError):
            log.warning("a message from another launch could not be read; ignored")
            sock.abort()
            return
        sock.write(QByteArray(b"ok\n"))
        sock.flush()
        sock.disconnectFromServer()
        log.info("another launch handed over %d file(s)", len(files))
        self.filesReceived.emit(files, token)


def claim(name: str, files: list[str]) -> InstanceServer | None:
    """At start: hand ``files`` to a running instance (None: it took them, exit now), or become
    the one that listens (the returned server; it may not be listening if the socket could not
    be made, and the app then simply runs on its own)."""
    sent = send_to_running(name, files, token=activation_token())
    if sent:
        return None
    server = InstanceServer(name)
    if sent is None:  # somebody holds the name but does not answer: run on our own, leave it be
        log.warning("another Verging Desktop is running but does not answer; starting a second window")
        return server
    if not server.server.listen(name):
        # two launches at once: the other may have just started listening; ask it again
        again = send_to_running(name, files, token=activation_token())
        if again:
            server.deleteLater()
            return None
        if again is False:
            server.listen()  # nobody answers on it: a stale socket, removed and taken over
    return server
