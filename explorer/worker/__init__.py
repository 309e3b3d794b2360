"""The bridge between the window and TensorFlow: requests in, results out.

* :mod:`explorer.worker.messages` — the request and result dataclasses (no Qt, no TensorFlow).
* :mod:`explorer.worker.thread` — :class:`~explorer.worker.thread.Worker`, the thread and its
  Qt signal bridge.
* :mod:`explorer.worker.session` — dispatch of one request to its job; stale model requests
  are skipped there.
* :mod:`explorer.worker.registry` — which job answers which request type.
* :mod:`explorer.worker.jobs` — one module per capability; they import TensorFlow and are
  imported only on the worker's side.
* :mod:`explorer.worker.state` and :mod:`explorer.worker.memory` — a job's progress/cancel
  channel, and what the worker keeps between requests.
"""
