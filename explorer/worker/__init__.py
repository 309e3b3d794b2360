"""The bridge between the window and TensorFlow: one thread, requests in, results out.

* :mod:`explorer.worker.messages` — the request and result dataclasses (no Qt, no TensorFlow).
* :mod:`explorer.worker.thread` — :class:`~explorer.worker.thread.Worker`, the thread and its
  Qt signal bridge.
* :mod:`explorer.worker.session` and :mod:`explorer.worker.jobs` — what the thread does; they
  import TensorFlow and are imported only on the worker's thread.
"""
