"""The messages between the window's process and the engine's, as they travel.

A message is ``(kind, request_id, payload)``. The window sends ``run`` (a request), ``cancel``,
``release`` (shared blocks it let go of), ``call`` (a method call on a steering object) and
``stop``; the engine sends ``ready``, ``progress``, ``result``, ``failed`` and ``finished``.

Each message is one frame on the duplex pipe: ``(kind, request_id, blocks, offsets, data)``
where ``data`` is the payload pickled by :mod:`explorer.worker.shm` (big arrays replaced by
references) and ``blocks`` lists the ``(id, size)`` of the shared blocks it refers to. The
descriptors of those blocks are sent just before the frame, one datagram each, on a second
socket (``SCM_RIGHTS``); only one thread sends at a time on each side, so the receiver finds
them waiting in order.
"""

from __future__ import annotations

import io
import os
import pickle
import socket
import threading
from typing import Any

from explorer.worker import shm

FD_MESSAGE_BYTES = 32


class BadMessage(Exception):
    """A message arrived whose payload could not be unpickled (its kind and id are known)."""

    def __init__(self, kind: str, request_id: int, error: Exception):
        super().__init__(f"{kind} message {request_id}: {error}")
        self.kind, self.request_id, self.error = kind, request_id, error


def check_portable(obj: Any) -> None:
    """Raise if ``obj`` does not survive a pickle round trip (a cheap test for exceptions)."""
    pickle.loads(pickle.dumps(obj))


class Channel:
    """One side's end of the pipe and of the descriptor socket.

    Args:
        connection: a ``multiprocessing`` duplex ``Connection``.
        fd_socket: the datagram socket for descriptors, or None (arrays then travel in-band).
        engine: True in the engine (it owns the shared blocks), False in the window.
    """

    def __init__(self, connection, fd_socket: socket.socket | None, engine: bool):
        self.connection, self.fd_socket, self.engine = connection, fd_socket, engine
        self.shared = fd_socket is not None and shm.available()
        self.arena = shm.EngineArena() if engine and self.shared else None
        self.window_blocks = shm.WindowBlocks() if not engine and self.shared else None
        self._send_lock = threading.Lock()

    # ------------------------------------------------------------------ sending
    def send(self, kind: str, request_id: int, payload: Any = None) -> None:
        """Send one message (thread-safe)."""
        with self._send_lock:
            if self.arena is None:
                owner = self.window_blocks  # None: no blocks on this channel
                self._send_frame(kind, request_id, shm.plain_dumps(payload, owner=owner))
                return
            data, blocks, offsets = self.arena.dumps(payload)
            try:
                self._send_frame(kind, request_id, data, blocks, offsets)
            finally:
                self.arena.after_send()

    def _send_frame(self, kind: str, request_id: int, data: bytes, blocks=(),
                    offsets=()) -> None:
        """The blocks' descriptors first (one datagram each), then the frame naming them."""
        for block in blocks:
            socket.send_fds(self.fd_socket, [str(block.id).encode()], [block.fd])
        self.connection.send_bytes(pickle.dumps(
            (kind, request_id, [(b.id, b.size) for b in blocks], list(offsets), data),
            protocol=5))

    # ------------------------------------------------------------------ receiving
    def receive(self) -> tuple[str, int, Any]:
        """The next message (blocking). Raises ``EOFError`` when the other side is gone."""
        frame = self.connection.recv_bytes()
        kind, request_id, blocks, offsets, data = pickle.loads(frame)
        if self.window_blocks is not None:
            fds = []
            for block_id, _size in blocks:
                message, got, _flags, _address = socket.recv_fds(self.fd_socket,
                                                                 FD_MESSAGE_BYTES, 1)
                if message != str(block_id).encode() or len(got) != 1:
                    for fd in got:
                        os.close(fd)
                    raise OSError(f"Shared block {block_id} arrived out of order")
                fds.extend(got)
            mapped = self.window_blocks.receive([b for b, _ in blocks],
                                                [s for _, s in blocks], fds)
        try:
            if self.window_blocks is not None:
                return kind, request_id, self.window_blocks.loads(data, mapped, offsets)
            if self.arena is not None:
                return kind, request_id, shm.GuardedUnpickler(
                    io.BytesIO(data), self.arena.resolve, window=False).load()
            return kind, request_id, shm.plain_loads(data, window=not self.engine)
        except Exception as error:  # noqa: BLE001 - the caller answers for this message
            raise BadMessage(kind, request_id, error) from error

    def poll(self, timeout: float) -> bool:
        """True when a message is waiting (waits at most ``timeout`` seconds)."""
        return self.connection.poll(timeout)

    def released(self) -> list[int]:
        """Blocks the window let go of since the last call (the window's side)."""
        if self.window_blocks is None:
            return []
        return self.window_blocks.unmap_released()

    def close(self) -> None:
        """Close both ends (the engine's blocks too)."""
        for closer in (self.connection.close, getattr(self.fd_socket, "close", None)):
            try:
                if closer is not None:
                    closer()
            except OSError:
                pass
        if self.arena is not None:
            self.arena.close()
