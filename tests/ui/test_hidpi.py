"""At 200 % (QT_SCALE_FACTOR=2, offscreen, in a process of its own: the factor is read when Qt
starts) the glyph icons are drawn at the device pixel ratio: a 24 px icon is a 48 px drawing
with the same edges as the glyph painted at 48 px, not a 24 px one blown up; the Job Queue's
glyph thumbnails and the sidebar too."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHILD = r'''
import json
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QIcon, QImage, QPainter, QPixmap
from PySide6.QtWidgets import QApplication

app = QApplication([])
from verging_desktop.ui.icons import GLYPHS, glyph_color, paint_glyph, tool_icon

def direct(name, side, dpr):
    img = QImage(round(side * dpr), round(side * dpr), QImage.Format.Format_ARGB32_Premultiplied)
    img.setDevicePixelRatio(dpr)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img)
    paint_glyph(p, QRect(0, 0, side, side), name, glyph_color(QIcon.Mode.Normal))
    p.end()
    return img

def diff(a, b):
    a = a.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
    b = b.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
    if a.size() != b.size():
        return 10**9
    return sum(abs(a.pixelColor(x, y).alpha() - b.pixelColor(x, y).alpha())
               for x in range(a.width()) for y in range(a.height()))

out = {"dpr": app.devicePixelRatio(), "icons": {}}
for name in GLYPHS:
    pm = tool_icon(name).pixmap(QSize(24, 24))
    img = pm.toImage()
    blown_up = direct(name, 24, 1.0).scaled(48, 48, Qt.AspectRatioMode.IgnoreAspectRatio,
                                           Qt.TransformationMode.SmoothTransformation)
    out["icons"][name] = {"size": [pm.width(), pm.height()], "dpr": pm.devicePixelRatio(),
                          "vs_direct": diff(img, direct(name, 24, 2.0)), "vs_blown_up": diff(img, blown_up)}

from verging_desktop.ui.jobs.queue_panel import _glyph_thumb
t = _glyph_thumb("tts")
out["thumb"] = [t.width(), t.height(), t.devicePixelRatio()]

from verging_desktop.ui.widgets.nav_pages import NavEntry, NavPages
from PySide6.QtWidgets import QLabel
nav = NavPages()
nav.add_page(QLabel("a"), NavEntry("Face Swap", "Face Swap", "Video", "face", "", ""))
nav.build_nav()
nav.resize(600, 300)
nav.show()
app.processEvents()
g = nav.grab()
out["nav_grab"] = [g.width(), g.height(), g.devicePixelRatio()]
print("HIDPI " + json.dumps(out))
'''


def test_icons_are_drawn_at_the_device_pixel_ratio():
    env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
    env.update(QT_QPA_PLATFORM="offscreen", QT_SCALE_FACTOR="2", PYTHONPATH=str(ROOT))
    p = subprocess.run([sys.executable, "-c", CHILD], cwd=ROOT, env=env, capture_output=True, text=True,
                       timeout=120, check=False)
    lines = [ln for ln in p.stdout.splitlines() if ln.startswith("HIDPI ")]
    assert p.returncode == 0 and lines, p.stderr
    seen = json.loads(lines[-1][6:])
    assert seen["dpr"] == 2.0
    for name, icon in seen["icons"].items():
        assert icon["size"] == [48, 48] and icon["dpr"] == 2.0, (name, icon)
        # the same drawing as the glyph painted at 48 device pixels, and far from a blown-up 24 px one
        assert icon["vs_direct"] == 0, (name, icon)
        assert icon["vs_blown_up"] > 5000, (name, icon)
    assert seen["thumb"] == [128, 72, 2.0]
    w, h, dpr = seen["nav_grab"]
    assert dpr == 2.0 and w == 1200 and h == 600
