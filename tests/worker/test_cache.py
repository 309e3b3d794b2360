"""The activation cache stays bounded by entries and by bytes."""

from __future__ import annotations

import numpy as np

from explorer.worker.cache import ActivationCache, activation_bytes


def test_entry_bound_evicts_least_recently_used():
    cache = ActivationCache(max_entries=2, max_bytes=10**9)
    cache.put("a", 1, 10)
    cache.put("b", 2, 10)
    assert cache.get("a") == 1          # "a" is now the most recent
    cache.put("c", 3, 10)
    assert "b" not in cache and cache.get("a") == 1 and cache.get("c") == 3
    assert len(cache) == 2


def test_byte_bound_evicts_but_keeps_the_newest():
    cache = ActivationCache(max_entries=10, max_bytes=100)
    cache.put("a", 1, 60)
    cache.put("b", 2, 60)
    assert list(k for k in "ab" if k in cache) == ["b"]
    assert cache.nbytes == 60
    cache.put("huge", 3, 1000)          # over the bound alone, still kept
    assert len(cache) == 1 and cache.get("huge") == 3


def test_long_session_stays_bounded():
    cache = ActivationCache(max_entries=4, max_bytes=10**9)
    for i in range(100):
        cache.put(i, i, 8)
    assert len(cache) == 4 and cache.nbytes == 32
    assert [k for k in range(100) if k in cache] == [96, 97, 98, 99]


def test_activation_bytes_sums_arrays():
    acts = {"a": np.zeros((2, 3), np.float32), "b": np.zeros(5, np.float64)}
    assert activation_bytes(acts) == 2 * 3 * 4 + 5 * 8


def test_under_the_budget_room_is_made_first_and_nothing_is_exempt():
    cache = ActivationCache(max_entries=10, max_bytes=100)
    cache.put("a", 1, 30)
    cache.put("b", 2, 30)
    cache.put("c", 3, 30)
    cache.make_room(50)                 # 90 + 50 > 100: a, then b go
    assert [k for k in "abc" if k in cache] == ["c"] and cache.nbytes == 30
    cache.make_room(10, limit=20)       # a tighter limit than the bound: c goes too
    assert len(cache) == 0
    cache.put("d", 4, 40, keep_newest=False)
    cache.put("huge", 5, 1000, keep_newest=False)  # over the bound alone: not kept
    assert "huge" not in cache and "d" not in cache and cache.nbytes == 0
