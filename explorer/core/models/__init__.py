"""Where models come from.

``types`` (the entry and loaded-model records) at the bottom; the sources above it — ``code``
(built from code and bundled; architectures in ``zoo/``), ``applications`` (the
``keras.applications`` table) with ``pretrained`` (building them) and ``weights`` (the Keras
cache, downloads), ``files`` (a user's ``.keras``/``.h5``); ``catalog`` lists every entry
without TensorFlow; ``loading`` loads any of them.
"""
