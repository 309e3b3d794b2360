"""The window: Qt and pyqtgraph views of what the worker computes.

Nothing here imports TensorFlow or Keras (a test enforces it); everything shown arrives as
numpy arrays in the frozen dataclasses of :mod:`explorer.worker.messages`.
"""
