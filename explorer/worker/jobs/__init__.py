"""The worker's jobs, one module per capability (Orange3 style).

Each module registers its job functions with :func:`explorer.worker.registry.job`; each job is
``run(request, state) -> result``, knows nothing of threads or Qt, and is tested directly.
These modules import TensorFlow (through ``explorer.core``), so only the worker's side imports
them; importing this package first starts TensorFlow through
:func:`explorer.core.device.start_tensorflow`, so its native start-up log is discarded at
``TF_CPP_MIN_LOG_LEVEL`` ≥ 2 in the window as in the CLI.
"""

from explorer.core.device import start_tensorflow

start_tensorflow()
