"""Video widgets: the trimmer (and its filmstrip timeline), the preview player and the compare view."""
