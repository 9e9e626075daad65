"""Which face images the user confirmed they have the right to use, for this run of the app.

One store for every tab that sends a face (the face swap tabs share it): a face confirmed in one
tab counts everywhere until the app quits. Faces are known by their content digest, so the same
image under another name counts too. Nothing is written to disk.
"""

from __future__ import annotations

from collections.abc import Iterator


class ConsentStore:
    """The digests of the face images the user confirmed (a small set, no persistence)."""

    def __init__(self) -> None:
        self._digests: set[str] = set()

    def __contains__(self, digest: object) -> bool:
        return digest in self._digests

    def __iter__(self) -> Iterator[str]:
        return iter(self._digests)

    def __len__(self) -> int:
        return len(self._digests)

    def add(self, digest: str) -> None:
        """The user confirmed the face with this digest."""
        self._digests.add(digest)

    def discard(self, digest: str) -> None:
        """The user took the confirmation back."""
        self._digests.discard(digest)
