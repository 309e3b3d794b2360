"""The architecture as a picture: a plain :class:`~explorer.core.diagram.model.Diagram` of
nodes, edges and groups (``model``; built from a model graph by ``core.graph.diagram``), laid out
top to bottom with grandalf's Sugiyama layout (``layout``), and written as SVG (``svg``) or PNG
(``png``). Nothing here imports Qt, TensorFlow or Keras."""
