"""The worker's jobs, one module per capability (Orange3 style).

Each module registers its job functions with :func:`explorer.worker.registry.job`; each job is
``run(request, state) -> result``, knows nothing of threads or Qt, and is tested directly.
These modules import TensorFlow (through ``explorer.core``), so only the worker's side imports
them.
"""
