"""The Qt-free engine: images, models, inspection, rendering, predictions, training.

Nothing under ``explorer.core`` may import Qt or pyqtgraph (a test enforces it).
"""
