"""A bounded least-recently-used cache of inference results.

Activations are large (a ResNet50 pass keeps a few hundred megabytes), so the cache is bounded
both by a number of entries and by the bytes their arrays hold; whichever bound is hit first
evicts the oldest entry. The newest entry is always kept, even when it alone is over the byte
bound, so the view that is on screen never has to be recomputed; except under the activation
budget (``core.budget``), where the worker makes room before a capture and nothing is exempt
(the window holds its own copy of what it shows).
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Hashable, Mapping

import numpy as np

DEFAULT_MAX_ENTRIES = 4
DEFAULT_MAX_BYTES = 1536 * 2**20


def activation_bytes(activations: Mapping[str, np.ndarray]) -> int:
    """Bytes held by a dict of activation arrays."""
    return int(sum(a.nbytes for a in activations.values()))


class ActivationCache:
    """LRU cache keyed by (model, weights, image) with an entry and a byte bound.

    Args:
        max_entries: most results kept.
        max_bytes: most activation bytes kept (the newest entry is exempt).
    """

    def __init__(self, max_entries: int = DEFAULT_MAX_ENTRIES,
                 max_bytes: int = DEFAULT_MAX_BYTES):
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._items: OrderedDict[Hashable, tuple[object, int]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key: Hashable) -> bool:
        return key in self._items

    @property
    def nbytes(self) -> int:
        """Activation bytes currently held."""
        return sum(size for _, size in self._items.values())

    def get(self, key: Hashable):
        """The cached value for ``key`` (now the most recent), or ``None``."""
        if key not in self._items:
            return None
        self._items.move_to_end(key)
        return self._items[key][0]

    def put(self, key: Hashable, value, nbytes: int, keep_newest: bool = True) -> None:
        """Store ``value`` (holding ``nbytes``) and evict the oldest entries past the bounds
        (``keep_newest=False``: the new entry too, when it alone is over the byte bound)."""
        self._items[key] = (value, nbytes)
        self._items.move_to_end(key)
        least = 1 if keep_newest else 0
        while len(self._items) > least and (len(self._items) > self.max_entries
                                            or self.nbytes > self.max_bytes):
            self._items.popitem(last=False)

    def make_room(self, nbytes: int, limit: int | None = None) -> None:
        """Evict the oldest entries until ``nbytes`` more fit under ``limit`` (default: the byte
        bound), or the cache is empty."""
        limit = self.max_bytes if limit is None else limit
        while self._items and self.nbytes + nbytes > limit:
            self._items.popitem(last=False)

    def clear(self) -> None:
        """Drop everything."""
        self._items.clear()
