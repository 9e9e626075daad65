"""A ``multipart/form-data`` upload written straight to its destination file as it arrives.

Starlette's ``request.form()`` spools every file part to a temporary file; a route that keeps the
file then copies it into place, so each uploaded byte is written to disk twice. The Vimmerse upload
routes use :func:`receive_file` instead: the part named ``field`` goes to the path ``dest_for``
gives for its file name, in one pass, like the presigned PUT route (``app.py``) writes its body.
Parsing is python-multipart's, the parser Starlette uses, with the same kind of limits.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from python_multipart import MultipartParser
from python_multipart.exceptions import FormParserError
from python_multipart.multipart import parse_options_header
from starlette.requests import Request

if TYPE_CHECKING:
    from python_multipart.multipart import MultipartCallbacks


class MultipartError(Exception):
    """The body is not a multipart form the route can take (the route answers 400)."""


@dataclass(frozen=True)
class ReceivedFile:
    """The file part kept: the name the client gave, where it was written and how many bytes."""

    file_name: str
    path: Path
    size: int


class _Receiver:
    """python-multipart callbacks: the ``field`` file part to disk, text fields kept (bounded)."""

    def __init__(self, field: str, dest_for: Callable[[str], Path], *, max_files: int, max_fields: int,
                 max_part_size: int) -> None:
        self.field = field
        self.dest_for = dest_for
        self.max_files, self.max_fields, self.max_part_size = max_files, max_fields, max_part_size
        self.fields: dict[str, str] = {}
        self.file: ReceivedFile | None = None
        self._files = 0
        self._texts = 0
        self._header_name = bytearray()
        self._header_value = bytearray()
        self._disposition = b""
        self._name = ""
        self._file_name: str | None = None
        self._text = bytearray()
        self._out: BinaryIO | None = None  # the kept file part, open while it arrives
        self._path: Path | None = None
        self._size = 0

    def callbacks(self) -> MultipartCallbacks:
        return {"on_part_begin": self.part_begin, "on_part_data": self.part_data, "on_part_end": self.part_end,
                "on_header_field": self.header_field, "on_header_value": self.header_value,
                "on_header_end": self.header_end, "on_headers_finished": self.headers_finished}

    def part_begin(self) -> None:
        self._disposition = b""
        self._name, self._file_name = "", None
        self._text.clear()

    def header_field(self, data: bytes, start: int, end: int) -> None:
        self._header_name += data[start:end]

    def header_value(self, data: bytes, start: int, end: int) -> None:
        self._header_value += data[start:end]

    def header_end(self) -> None:
        if bytes(self._header_name).lower() == b"content-disposition":
            self._disposition = bytes(self._header_value)
        self._header_name.clear()
        self._header_value.clear()

    def headers_finished(self) -> None:
        _, options = parse_options_header(self._disposition)
        if b"name" not in options:
            raise MultipartError('a part has no Content-Disposition "name"')
        self._name = options[b"name"].decode("utf-8", "replace")
        if b"filename" not in options:
            self._texts += 1
            if self._texts > self.max_fields:
                raise MultipartError(f"more than {self.max_fields} fields")
            return
        self._files += 1
        if self._files > self.max_files:
            raise MultipartError(f"more than {self.max_files} files")
        self._file_name = options[b"filename"].decode("utf-8", "replace")
        if self._name == self.field:
            path = self.dest_for(self._file_name)
            path.parent.mkdir(parents=True, exist_ok=True)
            self._path, self._size = path, 0
            self._out = path.open("wb")  # closed in part_end or discard

    def part_data(self, data: bytes, start: int, end: int) -> None:
        if self._file_name is None:
            if len(self._text) + end - start > self.max_part_size:
                raise MultipartError(f"a field is larger than {self.max_part_size // 1024} KB")
            self._text += data[start:end]
        elif self._out is not None:
            # the sandbox serves on its own thread and loop: written in place, as the PUT route does
            self._size += self._out.write(memoryview(data)[start:end])

    def part_end(self) -> None:
        if self._file_name is None:
            self.fields[self._name] = self._text.decode("utf-8", "replace")
        elif self._out is not None and self._path is not None:
            self._out.close()
            self._out = None
            self.file = ReceivedFile(self._file_name, self._path, self._size)

    def finish(self) -> None:
        """The body has ended: a file part it cut off is not kept."""
        if self._out is not None:
            self.discard()

    def discard(self) -> None:
        """Remove the file part written so far (a failed or cut-off upload keeps nothing)."""
        if self._out is not None:
            self._out.close()
            self._out = None
        path = self.file.path if self.file is not None else self._path
        self.file = None
        if path is not None:
            path.unlink(missing_ok=True)
            with contextlib.suppress(OSError):
                path.parent.rmdir()  # the folder made for it, when nothing else is in it


async def receive_file(request: Request, field: str, dest_for: Callable[[str], Path], *, max_files: int = 1,
                       max_fields: int = 20, max_part_size: int = 1024 * 1024) -> tuple[ReceivedFile | None,
                                                                                        dict[str, str]]:
    """Read the request's multipart body, writing the file part named ``field`` to
    ``dest_for(file_name)``; returns that file (None when the body has no such file part) and the
    text fields. Raises :class:`MultipartError` for a body that is not a valid form within the
    limits; on any failure (the client going away included) nothing written is left behind."""
    _, params = parse_options_header(request.headers.get("content-type", ""))
    boundary = params.get(b"boundary")
    if not boundary:
        raise MultipartError("the multipart body has no boundary")
    rx = _Receiver(field, dest_for, max_files=max_files, max_fields=max_fields, max_part_size=max_part_size)
    try:
        parser = MultipartParser(boundary, rx.callbacks())
        async for chunk in request.stream():
            parser.write(chunk)
        parser.finalize()
        rx.finish()
    except FormParserError:
        rx.discard()
        raise MultipartError("the multipart body is malformed") from None
    except BaseException:
        rx.discard()
        raise
    return rx.file, rx.fields
