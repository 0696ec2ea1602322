"""Property-based invariants of the robustness analyses (hypothesis).

Each test states its invariant in its docstring. Inputs are small random
matrices so that every example runs in milliseconds.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import policyopts as po

FAST = settings(max_examples=30, deadline=None)


@st.composite
def problems(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    m = draw(st.integers(2, 5))
    n = draw(st.integers(2, 4))
    matrix = draw(arrays(np.float64, (m, n), elements=st.floats(0.1, 10.0, allow_subnormal=False)))
    raw = draw(arrays(np.float64, (n,), elements=st.floats(0.05, 1.0)))
    types = np.array(draw(st.lists(st.sampled_from([1, -1]), min_size=n, max_size=n)))
    return matrix, raw / raw.sum(), types


@FAST
@given(problems(), st.integers(0, 2**31 - 1))
def test_rank_acceptability_rows_and_columns_sum_to_one(
    problem: tuple[np.ndarray, np.ndarray, np.ndarray], seed: int
) -> None:
    """Every alternative takes some rank in every draw and every rank is taken by
    someone: the rank acceptability matrix is doubly stochastic."""
    matrix, _, types = problem
    res = po.smaa(matrix, types, n_samples=500, seed=seed)
    np.testing.assert_allclose(res.rank_acceptability.sum(axis=1), 1.0, atol=1e-12)
    np.testing.assert_allclose(res.rank_acceptability.sum(axis=0), 1.0, atol=1e-12)


@FAST
@given(problems(), st.integers(0, 2**31 - 1))
def test_central_weights_lie_on_the_simplex(
    problem: tuple[np.ndarray, np.ndarray, np.ndarray], seed: int
) -> None:
    """A central weight vector is an average of weight vectors, so it is
    non-negative and sums to 1 (for alternatives that ever rank first)."""
    matrix, _, types = problem
    res = po.smaa(matrix, types, n_samples=500, seed=seed)
    cw = res.central_weights[res.has_central_weights]
    assert np.all(cw >= 0)
    np.testing.assert_allclose(cw.sum(axis=1), 1.0, atol=1e-12)


@FAST
@given(problems(), st.integers(0, 2**31 - 1))
def test_smaa_same_seed_same_result(
    problem: tuple[np.ndarray, np.ndarray, np.ndarray], seed: int
) -> None:
    """Same seed, same draws, bit-identical acceptabilities and central weights."""
    matrix, _, types = problem
    a = po.smaa(matrix, types, n_samples=300, seed=seed, chunk_size=100)
    b = po.smaa(matrix, types, n_samples=300, seed=seed, chunk_size=100)
    np.testing.assert_array_equal(a.rank_acceptability, b.rank_acceptability)
    np.testing.assert_array_equal(a.central_weights, b.central_weights)


@FAST
@given(problems(), st.sampled_from(["wsm", "topsis", "vikor"]))
def test_every_stability_interval_contains_the_current_weight(
    problem: tuple[np.ndarray, np.ndarray, np.ndarray], method: str
) -> None:
    """The interval over which the top alternative stays first is built around
    the current weights, so it contains them."""
    matrix, weights, types = problem
    table = po.weight_stability(matrix, weights, types, method=method)
    assert np.all(table["low"] <= table["current"] + 1e-12)
    assert np.all(table["current"] <= table["high"] + 1e-12)
    assert np.all((table["low"] >= 0) & (table["high"] <= 1))


@FAST
@given(
    arrays(
        np.float64, st.tuples(st.integers(2, 5), st.integers(1, 5)), elements=st.floats(-50, 50)
    ),
    st.integers(0, 2**31 - 1),
)
def test_evpi_is_never_negative(payoffs: np.ndarray, seed: int) -> None:
    """Knowing the scenario first can never hurt: E[max] >= max E."""
    rng = np.random.default_rng(seed)
    p = rng.dirichlet(np.ones(payoffs.shape[1]))
    assert po.evpi(payoffs, p) >= -1e-12


@FAST
@given(
    arrays(np.float64, st.tuples(st.integers(2, 5), st.integers(1, 5)), elements=st.floats(-50, 50))
)
def test_regret_is_non_negative_and_zero_for_the_best(payoffs: np.ndarray) -> None:
    """Regret is the shortfall from the best option in each scenario: never
    negative, and zero for the best option of that scenario."""
    regret = np.asarray(po.regret_table(pd.DataFrame(payoffs)), dtype=np.float64)
    assert np.all(regret >= 0)
    np.testing.assert_allclose(regret.min(axis=0), 0.0, atol=1e-12)


@FAST
@given(problems(), st.sampled_from(["wsm", "wpm", "topsis", "vikor", "promethee_ii"]))
def test_one_way_at_the_nominal_weight_equals_the_method(
    problem: tuple[np.ndarray, np.ndarray, np.ndarray], method: str
) -> None:
    """On the one-way path the current weight reproduces the nominal scores."""
    matrix, weights, types = problem
    ow = po.one_way(matrix, weights, types, 0, method=method, grid=11)
    nominal = po.methods.get_method(method)(matrix, weights, types)
    np.testing.assert_allclose(ow.scores[ow.current_index], nominal.scores, rtol=1e-9, atol=1e-12)


def test_one_way_at_the_nominal_weight_equals_compare_on_mali(mali: po.Case) -> None:
    """At case level too: every criterion's path passes through ``compare``."""
    cmp = po.compare(mali, "balanced")
    for criterion in mali.criterion_ids[:4]:
        ow = po.one_way_case(mali, criterion, "balanced")
        row = ow.scores.loc[ow.current]
        np.testing.assert_allclose(row.to_numpy(dtype=float), cmp.scores.to_numpy(), atol=1e-12)
