"""One self-contained HTML page about one model and its images: the model card or summary,
the pipeline from file to tensor, the layer table, feature-map mosaics, first-layer kernels,
predictions and explanation maps (``cnn-explorer report``, File ▸ Export report…).

- :mod:`~explorer.core.report.content` turns plain results (layer rows, activations, kernels,
  explanations) into a :class:`~explorer.core.report.content.Report` of figures drawn by
  ``core.pixels.render``, the window's renderer; it imports no TensorFlow.
- :mod:`~explorer.core.report.collect` runs the model for the CLI (TensorFlow side).
- :mod:`~explorer.core.report.html` writes the page through the Jinja2 templates in
  ``resources/report/`` (autoescaping on: layer names come from user files).
- :mod:`~explorer.core.report.arrays` writes activations to one ``.npz`` keyed by layer path.
"""
