"""Which job answers which request: a registry that is also a decorator (glue's habit).

A capability's job module under :mod:`explorer.worker.jobs` marks its job functions with
``@job(RequestType)``; :func:`job_for` imports every module of that package the first time it
is asked (on the worker's side: jobs import TensorFlow), so adding a capability means adding a
request, a job module and a panel, and editing nothing else.

A job is a plain function ``run(request, state) -> result or None``; ``state`` is a
:class:`~explorer.worker.state.JobState` (progress, partial results, cancellation, and the
worker's memory). Tests call jobs directly, without threads.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any, Callable

JOB_PACKAGE = "explorer.worker.jobs"

Job = Callable[[Any, Any], Any]
_JOBS: dict[type, Job] = {}
_loaded = False


def job(request_type: type) -> Callable[[Job], Job]:
    """Register the decorated function as the job answering ``request_type``.

    Raises:
        ValueError: another job already answers ``request_type``.
    """

    def register(function: Job) -> Job:
        if request_type in _JOBS and _JOBS[request_type] is not function:
            raise ValueError(f"Two jobs answer {request_type.__name__}: "
                             f"{_JOBS[request_type].__qualname__} and {function.__qualname__}")
        _JOBS[request_type] = function
        return function

    return register


def load_jobs() -> None:
    """Import every job module (once), so that each registers its jobs."""
    global _loaded
    if _loaded:
        return
    package = importlib.import_module(JOB_PACKAGE)
    for module in pkgutil.iter_modules(package.__path__, JOB_PACKAGE + "."):
        importlib.import_module(module.name)
    _loaded = True


def registered() -> dict[type, Job]:
    """Every request type and its job (loads the job modules)."""
    load_jobs()
    return dict(_JOBS)


def job_for(request: Any) -> Job:
    """The job answering ``request``.

    Raises:
        TypeError: no job answers this kind of request (a programming error).
    """
    load_jobs()
    function = _JOBS.get(type(request))
    if function is None:
        known = ", ".join(sorted(t.__name__ for t in _JOBS))
        raise TypeError(f"The worker cannot handle {type(request).__name__}. Expected one of "
                        f"{known}.")
    return function
