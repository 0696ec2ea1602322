"""Batched competition ranking with a floating-point tie tolerance."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import rankdata

from policyopts._kernels.rank import TIE_RTOL, rank


def test_simple_descending() -> None:
    np.testing.assert_array_equal(rank(np.array([0.2, 0.9, 0.5])), [3, 1, 2])


def test_lower_is_better() -> None:
    np.testing.assert_array_equal(
        rank(np.array([0.2, 0.9, 0.5]), higher_is_better=False), [1, 3, 2]
    )


def test_ties_share_best_rank_competition_style() -> None:
    # 1, 2, 2, 4 ("1224") ranking.
    np.testing.assert_array_equal(rank(np.array([4.0, 3.0, 3.0, 1.0])), [1, 2, 2, 4])
    np.testing.assert_array_equal(rank(np.array([1.0, 1.0, 1.0])), [1, 1, 1])
    np.testing.assert_array_equal(
        rank(np.array([1.0, 2.0, 2.0, 0.5]), higher_is_better=False), [2, 3, 3, 1]
    )


def test_rounding_level_differences_tie() -> None:
    a = 0.1 + 0.2  # 0.30000000000000004
    np.testing.assert_array_equal(rank(np.array([0.3, a, 0.1])), [1, 1, 3])
    # 22 computed two ways (Triantaphyllou's WSM example) ties.
    x = 10 * 0.2 + 30 * 0.15 + 20 * 0.4 + 30 * 0.25
    y = 30 * 0.2 + 10 * 0.15 + 30 * 0.4 + 10 * 0.25
    np.testing.assert_array_equal(rank(np.array([21.5, x, y])), [3, 1, 1])


def test_differences_above_tolerance_do_not_tie() -> None:
    s = np.array([1.0, 1.0 + 1e-9, 0.0])
    np.testing.assert_array_equal(rank(s), [2, 1, 3])
    assert TIE_RTOL < 1e-9


def test_tolerance_is_relative_to_sample_scale_with_a_floor_of_one() -> None:
    small = np.array([1e-3, 2e-3, 3e-3])
    np.testing.assert_array_equal(rank(small), [3, 2, 1])
    noise = np.array([-1.1e-16, 1.1e-16, 0.5])  # both 0 in exact arithmetic: a tie
    np.testing.assert_array_equal(rank(noise), [2, 2, 1])
    big = np.array([1e20, 1e20 + 1e5, 0.0])  # 1e5 is below 1e-12 * 1e20: a tie
    np.testing.assert_array_equal(rank(big), [1, 1, 3])


def test_batched_equals_looped_and_scipy_min_method() -> None:
    rng = np.random.default_rng(5)
    scores = rng.integers(0, 4, size=(200, 6)).astype(float)  # many ties
    got = rank(scores)
    assert got.shape == scores.shape
    assert got.dtype == np.int64
    for k in range(scores.shape[0]):
        np.testing.assert_array_equal(got[k], rank(scores[k]))
        np.testing.assert_array_equal(got[k], rankdata(-scores[k], method="min"))


def test_multiple_leading_axes() -> None:
    rng = np.random.default_rng(6)
    scores = rng.random((3, 4, 5))
    got = rank(scores, higher_is_better=False)
    for i in range(3):
        for j in range(4):
            np.testing.assert_array_equal(got[i, j], rankdata(scores[i, j], method="min"))


@pytest.mark.parametrize("higher", [True, False])
def test_best_has_rank_one(higher: bool) -> None:
    rng = np.random.default_rng(7)
    scores = rng.random((50, 5))
    got = rank(scores, higher_is_better=higher)
    best = scores.argmax(-1) if higher else scores.argmin(-1)
    np.testing.assert_array_equal(got[np.arange(50), best], 1)
