"""The Qt bindings keep Python's books: a void method returns None without stealing a reference
(PySide6 6.12.0 on Python 3.11 did, and the window aborted after a few thousand grid lines)."""

from __future__ import annotations

import sys


def test_void_qt_methods_keep_the_reference_count_of_none(qapp):
    from PySide6.QtGui import QPainterPath

    before = sys.getrefcount(None)
    for i in range(200):  # well below the count at which None would be freed
        path = QPainterPath()
        path.moveTo(0, i)
        path.lineTo(5, i)
    assert sys.getrefcount(None) - before > -50, "PySide6 drops a reference to None per call"
