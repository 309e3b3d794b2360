"""The error family every user-facing failure belongs to.

An :class:`ExplorerError` says what happened, what was expected and how to fix it, in the
Keras style ("Expected ... Received: ..."). The CLI prints :meth:`ExplorerError.one_line` and
exits 2; the window shows it in the status bar or a message box. Anything that is *not* an
``ExplorerError`` is a bug and keeps its traceback.
"""

from __future__ import annotations


class ExplorerError(Exception):
    """A problem the user can fix: bad input, missing file, no network.

    Args:
        what: what happened, one sentence.
        fix: how to fix it, one sentence (optional).
        expected: what was expected (optional).
        received: what was received (optional).
    """

    def __init__(self, what: str, fix: str | None = None, *, expected: str | None = None,
                 received: str | None = None):
        self.what = what.rstrip(".")
        self.fix = fix
        self.expected = expected
        self.received = received
        super().__init__(self.one_line())

    def one_line(self) -> str:
        """Everything on one line: what happened, expected/received, and the fix."""
        parts = [self.what + "."]
        if self.expected:
            parts.append(f"Expected {self.expected}.")
        if self.received:
            parts.append(f"Received: {self.received}.")
        if self.fix:
            parts.append(self.fix.rstrip(".") + ".")
        return " ".join(parts)

    def __reduce__(self):  # keep pickling (and copying across threads) faithful
        return (_rebuild, (type(self), self.what, self.fix, self.expected, self.received))


def _rebuild(cls, what, fix, expected, received):
    return cls(what, fix, expected=expected, received=received)


class ImageError(ExplorerError):
    """An image could not be read or is unusable."""


class ModelError(ExplorerError):
    """A model name, file or architecture is unusable."""


class UnsafeModelError(ModelError):
    """A model file would run code on load and the user has not allowed it."""


class WeightsError(ExplorerError):
    """Weights could not be found, downloaded or loaded."""


class DownloadError(WeightsError):
    """A download failed, stalled, was cut short or was cancelled."""


class DataError(ExplorerError):
    """A data set for training or evaluation is missing or malformed."""


class Cancelled(ExplorerError):
    """The user cancelled a long job."""

    def __init__(self, what: str = "Cancelled by the user", fix: str | None = None, **kw):
        super().__init__(what, fix, **kw)


def describe_unsafe(exc: Exception, path) -> UnsafeModelError:
    """Turn Keras's safe-mode refusal for the model file ``path`` into a message a user can act
    on."""
    return UnsafeModelError(
        f"{path.name} contains code (a Lambda layer or custom Python) that would run when it "
        "is loaded, so it was not loaded",
        "Only if you trust where the file came from, allow it (the window asks; on the "
        "command line pass --allow-unsafe)")
