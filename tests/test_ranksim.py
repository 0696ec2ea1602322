"""Tests for :mod:`policyopts.ranksim` (rank similarity measures)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

import numpy as np
import pytest
from scipy import stats

from policyopts import ranksim
from policyopts.ranksim import (
    METHODS,
    kendall_tau,
    rank_similarity,
    spearman,
    weighted_spearman,
    ws,
)

Measure = Callable[[Any, Any], Any]
ALL: list[Measure] = [spearman, kendall_tau, weighted_spearman, ws]
CORRELATIONS: list[Measure] = [spearman, kendall_tau]
TieMethod = Literal["average", "min", "dense"]
TIE_METHODS: list[TieMethod] = ["average", "min", "dense"]


def _rankings(
    rng: np.random.Generator, shape: tuple[int, ...], tie_method: TieMethod, levels: int = 4
) -> np.ndarray:
    """Random rankings with ties along the last axis, none constant."""
    scores = rng.integers(0, levels, size=shape)
    constant = scores.max(axis=-1) == scores.min(axis=-1)
    scores[..., 0] = np.where(constant, scores[..., 1] + 1, scores[..., 0])
    return np.asarray(stats.rankdata(scores, method=tie_method, axis=-1), dtype=float)


def _permutations(rng: np.random.Generator, n: int, m: int) -> np.ndarray:
    return np.argsort(rng.random((n, m)), axis=-1).astype(float) + 1.0


# ----------------------------------------------------------------- published examples


def test_published_example_paradowski_2021_weighted_spearman_and_ws() -> None:
    # Reference values r_w = 0.96 and WS = 0.90 (two decimals) for these two rankings
    # of 12 alternatives are attributed to Paradowski, B., Bączkiewicz, A., &
    # Wątróbski, J. (2021). Towards proper consumer choices - MCDM based product
    # selection. Procedia Computer Science, 192, 1347-1358.  Taken from the test
    # suite of pyfdm (github.com/jwieckowski/pyfdm, tests/test_correlations.py,
    # test_weighted_spearman_coef / test_ws_rank_similarity_coef), which cites that
    # paper; the paper itself (and its table number) could not be consulted here.
    x = np.array([7, 11, 2, 1, 4, 9, 6, 3, 5, 10, 8, 12])
    y = np.array([7, 11, 3, 2, 4, 9, 6, 1, 5, 10, 8, 12])
    assert round(float(weighted_spearman(x, y)), 2) == 0.96
    assert round(float(ws(x, y)), 2) == 0.90
    # Hand derivation (N = 12): r_w: sum of d^2 ((N-x+1) + (N-y+1)) over the three
    # moved alternatives = 1*(11+10) + 1*(12+11) + 4*(10+12) = 132, so
    # r_w = 1 - 6*132 / (12^4 + 12^3 - 12^2 - 12) = 1 - 792/22308 = 163/169.
    assert weighted_spearman(x, y) == pytest.approx(163 / 169, abs=1e-15)
    # WS: x=1 -> 2^-1 * 1/11, x=2 -> 2^-2 * 1/10, x=3 -> 2^-3 * 2/9.
    assert ws(x, y) == pytest.approx(1 - (1 / 22 + 1 / 40 + 1 / 36), abs=1e-15)
    # With the arguments swapped WS is 0.87, so the published 0.90 takes x as the
    # reference: the first argument.
    assert round(float(ws(y, x)), 2) == 0.87


def test_published_example_salabun_urbaniak_2020_spearman() -> None:
    # r_s = 0.9 (two decimals) for (1, 2, 3, 4, 5) vs (2, 1, 3, 4, 5), attributed to
    # Sałabun & Urbaniak (2020), ICCS 2020, LNCS 12138, 632-645, by the pyfdm test
    # suite (github.com/jwieckowski/pyfdm, tests/test_correlations.py,
    # test_spearman_coef); not checked against the paper itself.
    assert round(float(spearman([1, 2, 3, 4, 5], [2, 1, 3, 4, 5])), 2) == 0.9
    assert spearman([1, 2, 3, 4, 5], [2, 1, 3, 4, 5]) == pytest.approx(0.9, abs=1e-15)


def test_published_example_lowry_spearman_and_kendall() -> None:
    # rho = 0.833 and tau = 0.643 (three decimals) for these rankings of 8 items:
    # R. Lowry, "Concepts and Applications of Inferential Statistics", ch. 3b
    # (faculty.vassar.edu/lowry/ch3b.html), as cited by the test suite of the CPAN
    # module Statistics::RankCorrelation (t/01-methods.t); the page itself could
    # not be consulted here.
    x = [1, 2, 3, 4, 5, 6, 7, 8]
    y = [2, 1, 5, 3, 4, 7, 8, 6]
    assert round(float(spearman(x, y)), 3) == 0.833
    assert round(float(kendall_tau(x, y)), 3) == 0.643
    # Exact: sum d^2 = 14 -> 1 - 6*14/504 = 5/6; 23 concordant, 5 discordant of 28.
    assert spearman(x, y) == pytest.approx(5 / 6, abs=1e-15)
    assert kendall_tau(x, y) == pytest.approx(18 / 28, abs=1e-15)


# ------------------------------------------------------------------- agree with scipy


@pytest.mark.parametrize("tie_method", TIE_METHODS)
@pytest.mark.parametrize("m", [2, 3, 5, 8])
def test_spearman_and_kendall_equal_scipy_on_tied_rankings(tie_method: TieMethod, m: int) -> None:
    rng = np.random.default_rng(m)
    a = _rankings(rng, (40, m), tie_method)
    b = _rankings(rng, (40, m), tie_method)
    rho = np.asarray(spearman(a, b))
    tau = np.asarray(kendall_tau(a, b))
    for k in range(a.shape[0]):
        assert rho[k] == pytest.approx(stats.spearmanr(a[k], b[k]).statistic, abs=1e-12)
        assert tau[k] == pytest.approx(stats.kendalltau(a[k], b[k]).statistic, abs=1e-12)


def test_spearman_is_pearson_of_average_ranks() -> None:
    rng = np.random.default_rng(7)
    a = _rankings(rng, (30, 6), "average")
    b = _rankings(rng, (30, 6), "average")
    rho = np.asarray(spearman(a, b))
    for k in range(a.shape[0]):
        assert rho[k] == pytest.approx(np.corrcoef(a[k], b[k])[0, 1], abs=1e-12)


def test_spearman_without_ties_matches_classic_formula() -> None:
    rng = np.random.default_rng(3)
    m = 7
    a = _permutations(rng, 20, m)
    b = _permutations(rng, 20, m)
    classic = 1 - 6 * np.sum((a - b) ** 2, axis=-1) / (m * (m**2 - 1))
    np.testing.assert_allclose(spearman(a, b), classic, atol=1e-12)


def test_kendall_without_ties_is_tau_a() -> None:
    rng = np.random.default_rng(4)
    m = 6
    a = _permutations(rng, 20, m)
    b = _permutations(rng, 20, m)
    i, j = np.triu_indices(m, 1)
    tau_a = np.sum(np.sign(a[:, i] - a[:, j]) * np.sign(b[:, i] - b[:, j]), axis=-1) / (
        m * (m - 1) / 2
    )
    np.testing.assert_allclose(kendall_tau(a, b), tau_a, atol=1e-12)


# ------------------------------------------------------------------ batching and types


@pytest.mark.parametrize("measure", ALL)
def test_batched_equals_looped(measure: Measure) -> None:
    rng = np.random.default_rng(11)
    a = _rankings(rng, (3, 4, 5), "min")
    b = _rankings(rng, (3, 4, 5), "average")
    out = measure(a, b)
    assert isinstance(out, np.ndarray)
    assert out.shape == (3, 4)
    assert out.dtype == np.float64
    for idx in np.ndindex(3, 4):
        value = measure(a[idx], b[idx])
        assert out[idx] == pytest.approx(float(value), abs=1e-12)


@pytest.mark.parametrize("measure", ALL)
def test_leading_axes_broadcast(measure: Measure) -> None:
    rng = np.random.default_rng(12)
    ref = _rankings(rng, (6,), "min")
    many = _rankings(rng, (50, 6), "min")
    out = measure(ref, many)
    assert out.shape == (50,)
    np.testing.assert_allclose(out, [measure(ref, row) for row in many], atol=1e-12)
    grid = measure(many[:3, None, :], many[None, :4, :])
    assert grid.shape == (3, 4)
    assert grid[2, 1] == pytest.approx(float(measure(many[2], many[1])), abs=1e-12)


@pytest.mark.parametrize("measure", ALL)
def test_one_dimensional_inputs_return_float64_scalar(measure: Measure) -> None:
    out = measure([1, 2, 3, 4], [2, 1, 4, 3])
    assert type(out) is np.float64
    assert measure([[1, 2, 3, 4]], [2, 1, 4, 3]).shape == (1,)


def test_empty_batch_gives_empty_result() -> None:
    out = kendall_tau(np.ones((0, 4)), [1, 2, 3, 4])
    assert out.shape == (0,)


def test_dispatcher_matches_functions_and_lists_methods() -> None:
    assert METHODS == ("kendall", "spearman", "weighted_spearman", "ws")
    a, b = [1, 2, 2, 4, 5], [2, 1, 3, 5, 4]
    functions = [kendall_tau, spearman, weighted_spearman, ws]
    for name, function in zip(METHODS, functions, strict=True):
        assert rank_similarity(a, b, method=name) == function(a, b)
    assert rank_similarity(a, b) == kendall_tau(a, b)  # default


def test_many_samples_fast_path() -> None:
    rng = np.random.default_rng(5)
    ref = _permutations(rng, 1, 10)[0]
    draws = _permutations(rng, 20_000, 10)
    for name in METHODS:
        out = rank_similarity(ref, draws, method=name)
        assert out.shape == (20_000,)
        assert np.all(np.isfinite(out))


# ------------------------------------------------------------------------- invariants


@pytest.mark.parametrize("measure", ALL)
@pytest.mark.parametrize("tie_method", TIE_METHODS)
def test_identical_rankings_give_one(measure: Measure, tie_method: TieMethod) -> None:
    a = _rankings(np.random.default_rng(21), (30, 6), tie_method)
    np.testing.assert_allclose(measure(a, a), 1.0, rtol=0, atol=1e-12)


@pytest.mark.parametrize("measure", [weighted_spearman, ws])
def test_identical_constant_rankings_give_one_for_rw_and_ws(measure: Measure) -> None:
    assert measure([1, 1, 1], [1, 1, 1]) == 1.0
    assert measure([2.5, 2.5, 2.5, 2.5], [2.5, 2.5, 2.5, 2.5]) == 1.0


@pytest.mark.parametrize("measure", CORRELATIONS)
@pytest.mark.parametrize("tie_method", TIE_METHODS)
def test_reversed_rankings_give_minus_one(measure: Measure, tie_method: TieMethod) -> None:
    a = _rankings(np.random.default_rng(22), (30, 6), tie_method)
    reversed_ = a.max(axis=-1, keepdims=True) + 1 - a  # reverses the order, keeps ties
    np.testing.assert_allclose(measure(a, reversed_), -1.0, rtol=0, atol=1e-12)


def test_reversed_permutation_gives_minus_one_for_weighted_spearman() -> None:
    for m in range(2, 9):
        a = np.arange(1.0, m + 1)
        assert weighted_spearman(a, a[::-1]) == pytest.approx(-1.0, abs=1e-12)


@pytest.mark.parametrize("measure", [spearman, kendall_tau, weighted_spearman])
def test_symmetric_measures(measure: Measure) -> None:
    rng = np.random.default_rng(23)
    a = _rankings(rng, (40, 7), "min")
    b = _rankings(rng, (40, 7), "average")
    np.testing.assert_allclose(measure(a, b), measure(b, a), atol=1e-12)


def test_ws_is_asymmetric() -> None:
    a, b = [1, 2, 3, 4, 5], [2, 3, 1, 4, 5]
    assert ws(a, b) != pytest.approx(float(ws(b, a)))


@pytest.mark.parametrize("tie_method", TIE_METHODS)
def test_ws_in_unit_interval_when_reference_has_no_ties(tie_method: TieMethod) -> None:
    rng = np.random.default_rng(24)
    for m in (2, 3, 5, 9):
        a = _permutations(rng, 200, m)
        b = _rankings(rng, (200, m), tie_method, levels=m)
        out = ws(a, b)
        assert np.all((out >= 0) & (out <= 1))
        reversed_ = ws(a, m + 1 - a)
        assert np.all((reversed_ >= 0) & (reversed_ <= 1))


def test_ws_with_tied_reference_is_not_clipped() -> None:
    # Documented: with ties in the reference the formula can go below 0.
    # 2^-1 * (0 + 1/4 + 2/4 + 3/4 + 4/4) = 1.25.
    assert ws([1, 1, 1, 1, 1], [1, 2, 3, 4, 5]) == pytest.approx(-0.25, abs=1e-15)


def test_correlations_in_range_for_permutations() -> None:
    rng = np.random.default_rng(25)
    a = _permutations(rng, 300, 6)
    b = _permutations(rng, 300, 6)
    for measure in (spearman, kendall_tau, weighted_spearman):
        out = measure(a, b)
        assert np.all((out >= -1) & (out <= 1))


def test_top_swap_weighs_more_than_bottom_swap() -> None:
    ref = [1, 2, 3, 4, 5]
    top, bottom = [2, 1, 3, 4, 5], [1, 2, 3, 5, 4]
    assert spearman(ref, top) == spearman(ref, bottom)
    assert weighted_spearman(ref, top) < weighted_spearman(ref, bottom)
    assert ws(ref, top) < ws(ref, bottom)


# ------------------------------------------------------------------------- bad inputs


@pytest.mark.parametrize("measure", ALL)
def test_nan_raises(measure: Measure) -> None:
    with pytest.raises(ValueError, match=r"^a: contains NaN or inf at index 1$"):
        measure([1, np.nan, 3], [1, 2, 3])


@pytest.mark.parametrize("measure", ALL)
def test_inf_raises(measure: Measure) -> None:
    with pytest.raises(ValueError, match=r"^b: contains NaN or inf at \[1, 2\]$"):
        measure([1, 2, 3], [[1, 2, 3], [1, 2, np.inf]])


@pytest.mark.parametrize("measure", ALL)
def test_different_number_of_alternatives_raises(measure: Measure) -> None:
    with pytest.raises(ValueError, match=r"^b: has 3 alternatives \(last axis\) but a has 4"):
        measure([1, 2, 3, 4], [1, 2, 3])


@pytest.mark.parametrize("measure", ALL)
def test_non_broadcastable_leading_shapes_raise(measure: Measure) -> None:
    a = np.tile([1.0, 2.0, 3.0], (4, 1))
    b = np.tile([3.0, 2.0, 1.0], (3, 1))
    with pytest.raises(ValueError, match=r"^b: leading \(sample\) shape \(3,\) does not broad"):
        measure(a, b)


@pytest.mark.parametrize("measure", ALL)
def test_fewer_than_two_alternatives_raises(measure: Measure) -> None:
    with pytest.raises(ValueError, match=r"^a: need at least 2 alternatives .*got 1$"):
        measure([1], [1])


@pytest.mark.parametrize("measure", ALL)
def test_rank_below_one_raises(measure: Measure) -> None:
    with pytest.raises(ValueError, match=r"^b: ranks must be >= 1 .*got 0\.0 at index 0$"):
        measure([1, 2, 3], [0, 1, 2])


@pytest.mark.parametrize("measure", ALL)
def test_rank_above_m_raises(measure: Measure) -> None:
    with pytest.raises(ValueError, match=r"^a: ranks must be <= m = 3 .*got 4\.0 at index 2$"):
        measure([1, 2, 4], [1, 2, 3])


@pytest.mark.parametrize("measure", ALL)
def test_scalar_raises(measure: Measure) -> None:
    with pytest.raises(ValueError, match=r"^a: expected rank vectors of shape \(\.\.\., m\)"):
        measure(1, [1, 2])


@pytest.mark.parametrize("measure", ALL)
def test_non_numeric_raises(measure: Measure) -> None:
    with pytest.raises(ValueError, match=r"^b: expected an array of ranks, got str$"):
        measure([1, 2], "12")
    with pytest.raises(ValueError, match=r"^a: could not convert to a float array of ranks"):
        measure([1 + 1j, 2], [1, 2])
    with pytest.raises(ValueError, match=r"^a: could not convert to a float array of ranks"):
        measure([[1, 2], [1]], [1, 2])


@pytest.mark.parametrize("measure", CORRELATIONS)
def test_constant_ranking_raises_for_spearman_and_kendall(measure: Measure) -> None:
    with pytest.raises(ValueError, match=r"^a: ranking is constant: all alternatives tie"):
        measure([2, 2, 2], [1, 2, 3])
    with pytest.raises(ValueError, match=r"^b: ranking is constant \(sample \[1\]\)"):
        measure([1, 2, 3], [[1, 2, 3], [1, 1, 1]])


def test_unknown_method_raises_listing_choices() -> None:
    expected = "method: 'tau' is not one of 'kendall', 'spearman', 'weighted_spearman', 'ws'"
    with pytest.raises(ValueError, match=f"^{expected}$"):
        rank_similarity([1, 2], [2, 1], method="tau")
    with pytest.raises(ValueError, match=r"^method: None is not one of"):
        rank_similarity([1, 2], [2, 1], method=None)  # type: ignore[arg-type]


def test_module_exports() -> None:
    assert set(ranksim.__all__) >= {
        "METHODS",
        "kendall_tau",
        "rank_similarity",
        "spearman",
        "weighted_spearman",
        "ws",
    }
