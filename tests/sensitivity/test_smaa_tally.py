"""The fast SMAA tallies against a plain reference, on random small problems.

The reference counts draw by draw in Python, straight from the definitions:
competition ranks (b beats a when s_b > s_a + tol), a tie of size g at rank r
spreading 1/g over slots r .. r+g-1, central-weight sums with 1/g per tied
winner, strict pairwise wins.  Hypothesis draws scores on a coarse grid so that
ties (of every size) are common.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from policyopts._kernels import smaa as ksm
from policyopts._kernels.rank import TIE_RTOL
from policyopts.sensitivity.smaa.scoring import ranks_from_scores_t


def reference(
    scores: np.ndarray, weights: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    c, m = scores.shape
    n = weights.shape[1]
    ranks = np.ones((c, m), dtype=np.int64)
    ra = np.zeros((m, m))
    sums = np.zeros((m, n))
    less = np.zeros((m, m), dtype=np.int64)
    for d in range(c):
        s = scores[d]
        tol = TIE_RTOL * max(1.0, float(np.abs(s).max()))
        for a in range(m):
            ranks[d, a] = 1 + sum(1 for b in range(m) if s[b] > s[a] + tol)
        r = ranks[d]
        winners = [i for i in range(m) if r[i] == 1]
        for i in range(m):
            g = int(np.sum(r == r[i]))
            for slot in range(r[i] - 1, r[i] - 1 + g):
                ra[i, slot] += 1.0 / g
            if i in winners:
                sums[i] += weights[d] / len(winners)
            for j in range(m):
                less[i, j] += int(r[i] < r[j])
    return ranks, ra / c, sums, less


problems = st.integers(2, 7).flatmap(
    lambda m: st.tuples(
        arrays(
            np.float64,
            st.tuples(st.integers(1, 40), st.just(m)),
            elements=st.integers(0, 3).map(float),
        ),
        st.integers(2, 4),
    )
)


@settings(max_examples=60, deadline=None)
@given(problems, st.integers(0, 2**32 - 1))
def test_fast_tally_matches_reference(problem: tuple[np.ndarray, int], seed: int) -> None:
    """Ranks, rank acceptabilities, central-weight sums and wins equal the plain counts."""
    scores, n = problem
    c, m = scores.shape
    weights = np.random.default_rng(seed).dirichlet(np.ones(n), size=c)
    ranks, ra, sums, less = reference(scores, weights)

    scores_t = np.ascontiguousarray(scores.T)
    scale = np.maximum(1.0, np.abs(scores).max(axis=1))
    fast_ranks, fast_less = ranks_from_scores_t(scores_t, scale)
    np.testing.assert_array_equal(fast_ranks.T, ranks)
    sorted_ranks = ksm.sort_ranks(scores, TIE_RTOL * scale)
    np.testing.assert_array_equal(sorted_ranks, ranks)

    # In two chunks, added up, like the engine does.
    half = c // 2
    parts = [slice(0, half), slice(half, c)]
    total = ksm.Tally.zeros(m, n)
    for part in parts:
        rt = np.ascontiguousarray(fast_ranks[:, part])
        lp = None if fast_less is None else ksm.less_from_ranks(rt)
        total = total + ksm.tally_t(rt, weights[part], less=lp)
    assert total.count == c
    np.testing.assert_allclose(ksm.rank_acceptability(total), ra, rtol=0, atol=1e-12)
    np.testing.assert_allclose(total.weight_sums, sums, rtol=1e-12, atol=1e-12)
    np.testing.assert_array_equal(total.less, less)
    assert fast_less is None or np.array_equal(fast_less, less)
    ref_first = ra[:, 0] * c
    np.testing.assert_allclose(total.first_rank_shares(), ref_first, atol=1e-9)


@settings(max_examples=15, deadline=None)
@given(st.integers(25, 70), st.integers(1, 30), st.integers(0, 2**32 - 1))
def test_many_alternatives_paths_match_reference(m: int, c: int, seed: int) -> None:
    """Above SMALL_M: argsort ranks, bincount counts and blocked wins, ties included."""
    rng = np.random.default_rng(seed)
    scores = rng.integers(0, 6, size=(c, m)).astype(float)
    weights = rng.dirichlet(np.ones(3), size=c)
    ranks, ra, sums, less = reference(scores, weights)
    fast_ranks, fast_less = ranks_from_scores_t(np.ascontiguousarray(scores.T), np.ones(c))
    assert fast_less is None
    np.testing.assert_array_equal(fast_ranks.T, ranks)
    t = ksm.tally_t(fast_ranks, weights)
    np.testing.assert_allclose(ksm.rank_acceptability(t), ra, atol=1e-12)
    np.testing.assert_allclose(t.weight_sums, sums, atol=1e-12)
    np.testing.assert_array_equal(t.less, less)


def test_tally_memory_is_quadratic_in_alternatives() -> None:
    # No (m, m, m) array: the tally of 1,024 alternatives holds m*m counts, plus
    # the distinct ties seen.
    m, c = 1_024, 8
    ranks = np.tile(np.arange(1, m + 1, dtype=np.int16)[:, None], (1, c))
    ranks[1, :] = 1  # alternatives 0 and 1 tie first in every draw
    t = ksm.tally_t(ranks, np.full((c, 2), 0.5))
    assert t.rank_counts.shape == (m, m) and t.tie_codes.size == 2
    ra = ksm.rank_acceptability(t)
    assert ra[0, :2].tolist() == [0.5, 0.5] and ra[1, :2].tolist() == [0.5, 0.5]
    np.testing.assert_allclose(ra.sum(axis=0), 1.0)


@given(
    scores=arrays(
        np.float64,
        st.tuples(st.integers(1, 3), st.integers(1, 7), st.integers(1, 40)),
        elements=st.integers(0, 4).map(float),
    ),
    data=st.data(),
)
@settings(max_examples=60, deadline=None)
def test_first_place_counts_equal_counts_from_full_ranks(scores: np.ndarray, data: Any) -> None:
    # Scores on a coarse grid: ties of every size.  The shortcut (largest score within
    # the tolerance) against ranking every draw and counting first places.
    from policyopts.sensitivity.smaa.engine import first_place_counts

    d, m, _ = scores.shape
    own = np.array(data.draw(st.lists(st.integers(0, m - 1), min_size=d, max_size=d)))
    got = first_place_counts(scores, own)
    for p in range(d):
        s = scores[p]
        ranks, _ = ranks_from_scores_t(s, np.maximum(1.0, np.abs(s).max(axis=0)))
        np.testing.assert_array_equal(got[p], ksm.confidence_counts(ranks, int(own[p])))
