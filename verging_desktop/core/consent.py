"""What the user confirmed they have the right to use, for this run of the app.

One store for every tab that sends a face (the face swap tabs share it): a confirmation given in
one tab counts everywhere until the app quits. Consent is for a face *and* a video: the tabs record
the pair (face digest, video digest), so a new or another video asks again, while the same image
(or the same clip) under another name counts too, being known by its content digest. Nothing is
written to disk.
"""

from __future__ import annotations

from collections.abc import Iterator

#: a key of the store: a face digest alone, or the pair (face digest, video digest)
Key = str | tuple[str, str]


class ConsentStore:
    """The confirmed faces and (face, video) pairs, by content digest (a small set, no persistence)."""

    def __init__(self) -> None:
        self._keys: set[Key] = set()

    def __contains__(self, key: object) -> bool:
        return key in self._keys

    def __iter__(self) -> Iterator[Key]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def add(self, face: str, video: str | None = None) -> None:
        """The user confirmed the face with this digest (with this video, when given)."""
        self._keys.add(face if video is None else (face, video))

    def discard(self, face: str, video: str | None = None) -> None:
        """The user took the confirmation back."""
        self._keys.discard(face if video is None else (face, video))

    def given(self, face: str, video: str) -> bool:
        """Whether the user confirmed this face with this video."""
        return (face, video) in self._keys
