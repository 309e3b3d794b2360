"""The census's accumulators against statistics written out here in numpy (no TensorFlow)."""

from __future__ import annotations

import numpy as np
import pytest

from explorer.core.census.stats import ChannelStats, ClassTally, reduce_batch


def _fold(values, k, cuts, bounds=None):
    stats = ChannelStats(values.shape[-1], int(np.prod(values.shape[1:-1])), k)
    for lo, hi in zip(cuts[:-1], cuts[1:]):
        stats.add(reduce_batch(values[lo:hi], bounds), np.arange(lo, hi))
    return stats


def test_totals_and_top_k_equal_a_direct_numpy_computation():
    rng = np.random.default_rng(3)
    values = np.maximum(rng.normal(size=(37, 5, 4, 6)).astype(np.float32), 0)
    values[:, :, :, 2] = 0  # a dead channel
    stats = _fold(values, 4, [0, 10, 11, 30, 37])
    per_image = values.reshape(37, -1, 6)
    np.testing.assert_allclose(stats.mean, values.mean(axis=(0, 1, 2)), rtol=1e-6)
    np.testing.assert_array_equal(stats.peak, values.max(axis=(0, 1, 2)))
    np.testing.assert_allclose(stats.zero_fraction, (values == 0).mean(axis=(0, 1, 2)))
    assert stats.dead.tolist() == [False, False, True, False, False, False]
    for c in (0, 1, 3, 5):
        best = per_image[:, :, c].max(1)
        order = sorted(range(37), key=lambda i: (-best[i], i))[:4]
        assert stats.top_index[:, c].tolist() == order
        np.testing.assert_array_equal(stats.top_value[:, c], best[order])
        assert stats.top_where[:, c].tolist() == [int(np.argmax(per_image[i, :, c]))
                                                  for i in order]


def test_how_the_data_is_cut_into_batches_does_not_change_anything():
    rng = np.random.default_rng(5)
    values = np.round(rng.normal(size=(50, 3, 3, 4)), 1).astype(np.float32)  # many ties
    a = _fold(values, 9, [0, 50])
    b = _fold(values, 9, [0, 1, 7, 8, 33, 50])
    for name in ("total", "zeros", "peak", "top_value", "top_index", "top_where"):
        np.testing.assert_allclose(getattr(a, name), getattr(b, name), err_msg=name)


def test_saturation_counts_outputs_at_a_bound_and_a_saved_state_resumes_exactly():
    values = np.array([[[0.0, 1.0, 0.9995, 0.5]], [[0.2, 0.0004, 1.0, 1.0]]], np.float32)
    values = values.reshape(2, 4, 1)  # 2 images, 4 positions, 1 channel of a sigmoid
    stats = _fold(values, 2, [0, 1, 2], bounds=(0.0, 1.0))
    # at a bound within 1e-3: 0.0, 1.0, 0.9995 | 0.0004, 1.0, 1.0
    assert stats.saturated.tolist() == [6]
    assert stats.saturated_fraction.tolist() == [6 / 8]
    state = stats.state("x")
    again = ChannelStats.from_state(state, "x")
    more = reduce_batch(values[:1], (0.0, 1.0))
    stats.add(more, np.array([2]))
    again.add(more, np.array([2]))
    np.testing.assert_array_equal(stats.top_index, again.top_index)
    assert again.images == 3 and again.saturated.tolist() == [9]


def test_class_tally_confusion_rows_are_true_classes_and_keeps_the_wrong_top3():
    scores = np.array([[0.7, 0.2, 0.1], [0.1, 0.3, 0.6], [0.2, 0.5, 0.3], [0.1, 0.1, 0.8]])
    labels = np.array([0, 1, 1, 2])
    tally = ClassTally(3, 4)
    tally.add(scores[:2], labels[:2], np.arange(2))
    tally.add(scores[2:], labels[2:], np.arange(2, 4))
    assert tally.confusion.tolist() == [[1, 0, 0], [0, 1, 1], [0, 0, 1]]
    assert tally.accuracy == pytest.approx(0.75)
    assert tally.wrong_index.tolist() == [1]
    assert tally.wrong_top3.tolist() == [[2, 1, 0]]
    np.testing.assert_allclose(tally.wrong_score[0], [0.6, 0.3, 0.1], rtol=1e-6)
    assert tally.predicted.tolist() == [0, 2, 1, 2]
