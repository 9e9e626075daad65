"""The before/after compare view as a small package, split by role:

- :mod:`.common`: modes, zoom steps, time text, image sniffing;
- :mod:`.side`: one side (a still image, or a video in a player feeding a sink);
- :mod:`.canvas`: :class:`CompareCanvas`, which paints both sides in one widget;
- :mod:`.view`: :class:`CompareView`, the transport over the canvas (see its module docstring).
"""

from .canvas import CompareCanvas
from .common import DRIFT_FRAMES, MODES, fmt_ms, is_image_file
from .side import Side
from .view import CompareView

__all__ = ["DRIFT_FRAMES", "MODES", "CompareCanvas", "CompareView", "Side", "fmt_ms", "is_image_file"]
