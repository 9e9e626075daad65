"""Where the FFmpeg inside PyAV writes its messages.

PyAV ignores FFmpeg's messages by default, and that is kept: its bridge to Python's logging
calls into Python from FFmpeg's own threads and can deadlock or slow decoding
(PyAV-Org/PyAV#751, #2276). With ``verbose`` they go straight to the terminal through FFmpeg's
own callback (no Python involved), at FFmpeg's normal level.
"""

from __future__ import annotations

import logging

log = logging.getLogger("verging_desktop.media")


def libav_to_terminal(verbose: bool) -> None:
    """Show PyAV's FFmpeg messages on stderr when ``verbose``; otherwise keep them silent."""
    import av.logging

    if verbose:
        av.logging.restore_default_callback()
        av.logging.set_libav_level(av.logging.INFO)
    else:
        av.logging.set_level(None)
    log.debug("PyAV's FFmpeg messages: %s", "to the terminal" if verbose else "off")
