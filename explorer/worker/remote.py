"""What crosses from the engine's process to the window's that plain pickling cannot carry.

- :class:`EngineBugError` stands for an exception of a class the window must not import (one of
  TensorFlow's, say): it keeps the original class's name and message, and the report keeps
  the traceback.
- :class:`EngineStopped` is what the window is told when the engine died under a request.
- :class:`Remote` is a steering object a request carries (a training run's pause and probe
  controls): in the window's process its methods also send themselves to the engine's copy
  (:func:`apply` runs them there), so both copies agree. In-process, nothing is forwarded.
"""

from __future__ import annotations

import itertools
import os
import threading
import weakref
from typing import Any, Callable

from explorer.core.errors import ExplorerError


class EngineBugError(Exception):
    """An unexpected error inside the engine, of a class the window does not import.

    Args:
        original: the original exception's ``module.Class``.
        message: its message.
    """

    def __init__(self, original: str, message: str):
        super().__init__(f"{original}: {message}")
        self.original, self.message = original, message

    def __reduce__(self):
        return type(self), (self.original, self.message)


class EngineStopped(ExplorerError):
    """The engine process ended while it answered a request (a crash, or killed for memory)."""


_ids = itertools.count(1)
_REMOTES: "weakref.WeakValueDictionary[tuple, Remote]" = weakref.WeakValueDictionary()
_lock = threading.Lock()


class Remote:
    """Base of an object a request carries into the engine and the window keeps steering.

    A subclass calls :meth:`_forward` at the end of each method that changes it; the method's
    name and arguments are then sent to the engine's copy, which runs the same method (with
    forwarding off). Pickling gives the engine a copy registered under the same id.
    """

    _forwarder: Callable[[tuple, str, tuple], None] | None = None

    def _remote_id(self) -> tuple:
        rid = self.__dict__.get("_rid")
        if rid is None:
            rid = self.__dict__["_rid"] = (os.getpid(), next(_ids))
        return rid

    def attach(self, forwarder: Callable[[tuple, str, tuple], None]) -> None:
        """Send this object's changes through ``forwarder(id, method, args)`` from now on."""
        self._forwarder = forwarder

    def _forward(self, method: str, *args: Any) -> None:
        forwarder = self._forwarder
        if forwarder is not None:
            forwarder(self._remote_id(), method, args)

    def remote_state(self) -> dict:
        """What the engine's copy starts from (a subclass returns its plain values)."""
        raise NotImplementedError

    def restore_state(self, state: dict) -> None:
        """Set up a fresh copy from :meth:`remote_state` (a subclass)."""
        raise NotImplementedError

    def __reduce__(self):
        return _rebuild, (type(self), self._remote_id(), self.remote_state())


def _rebuild(cls, rid: tuple, state: dict) -> Remote:
    with _lock:
        existing = _REMOTES.get(rid)
        if existing is not None:
            return existing
        obj = cls.__new__(cls)
        obj.__dict__["_rid"] = rid
        obj.restore_state(state)
        _REMOTES[rid] = obj
        return obj


def apply(rid: tuple, method: str, args: tuple) -> None:
    """Run ``method(*args)`` on the engine's copy of steering object ``rid`` (if it still
    exists; a finished run's controls are gone)."""
    with _lock:
        obj = _REMOTES.get(rid)
    if obj is not None:
        getattr(obj, method)(*args)


def remotes_in(request: Any) -> list[Remote]:
    """The steering objects among the fields of ``request`` (a dataclass)."""
    fields = getattr(request, "__dataclass_fields__", {})
    return [value for value in (getattr(request, name, None) for name in fields)
            if isinstance(value, Remote)]
