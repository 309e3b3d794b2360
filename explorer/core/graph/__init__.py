"""A model's graph: walked once (``model_graph``) through nested models (``walk``), and what is
built on it — the layer table (``layer_table``, ``layer_math``), kernels (``kernels``), the
one-pass activation probe (``probe``). ``keras_compat`` is the only user of ``keras.src``."""
