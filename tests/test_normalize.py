"""Column normalisations: formulas, degenerate-column rules, batching, validation."""

from __future__ import annotations

import numpy as np
import pytest

from policyopts import methods
from policyopts._kernels import normalize as kn

TYPES = np.array([1.0, -1.0])
X = np.array([[1.0, 10.0], [3.0, 30.0], [2.0, 20.0], [4.0, 40.0]])


def _column(method: str, x: np.ndarray, cost: bool) -> np.ndarray:
    """Direct per-column reference formulas (non-degenerate columns only)."""
    if method == "minmax":
        out = (x.max() - x if cost else x - x.min()) / (x.max() - x.min())
    elif method == "max":
        out = x.min() / x if cost else x / x.max()
    elif method == "sum":
        out = (1 / x) / (1 / x).sum() if cost else x / x.sum()
    else:
        norm = np.sqrt((x**2).sum())
        out = 1 - x / norm if cost else x / norm
    return np.asarray(out, dtype=np.float64)


@pytest.mark.parametrize("method", methods.NORMALIZATIONS)
def test_formulas_match_reference(method: str) -> None:
    got = methods.normalize(X, TYPES, method)
    for j, t in enumerate(TYPES):
        np.testing.assert_allclose(got[:, j], _column(method, X[:, j], t < 0), rtol=1e-14)


@pytest.mark.parametrize("method", methods.NORMALIZATIONS)
def test_every_column_becomes_benefit_oriented(method: str) -> None:
    got = methods.normalize(X, TYPES, method)
    # Column 0 is a benefit (larger x better), column 1 a cost (smaller x better).
    assert np.argmax(got[:, 0]) == np.argmax(X[:, 0])
    assert np.argmax(got[:, 1]) == np.argmin(X[:, 1])


def test_minmax_range_is_unit_interval() -> None:
    got = methods.normalize(X, TYPES, "minmax")
    np.testing.assert_array_equal(got.min(axis=0), [0.0, 0.0])
    np.testing.assert_array_equal(got.max(axis=0), [1.0, 1.0])


def test_sum_columns_sum_to_one() -> None:
    got = methods.normalize(X, TYPES, "sum")
    np.testing.assert_allclose(got.sum(axis=0), [1.0, 1.0], rtol=1e-15)


# --- degenerate columns: documented rules, never NaN ------------------------------------

CONSTANT = np.array([[5.0, 5.0], [5.0, 5.0], [5.0, 5.0]])


@pytest.mark.parametrize(
    ("method", "benefit", "cost"),
    [
        ("minmax", 1.0, 1.0),
        ("max", 1.0, 1.0),
        ("sum", 1 / 3, 1 / 3),
        ("vector", 1 / np.sqrt(3), 1 - 1 / np.sqrt(3)),
    ],
)
def test_constant_column(method: str, benefit: float, cost: float) -> None:
    got = methods.normalize(CONSTANT, TYPES, method)
    np.testing.assert_allclose(got[:, 0], benefit, rtol=1e-15)
    np.testing.assert_allclose(got[:, 1], cost, rtol=1e-15)


@pytest.mark.parametrize(
    ("method", "benefit", "cost"),
    [
        ("minmax", 1.0, 1.0),
        ("max", 1.0, 1.0),
        ("sum", 1 / 3, 1 / 3),
        ("vector", 1 / np.sqrt(3), 1 - 1 / np.sqrt(3)),
    ],
)
def test_all_zero_column(method: str, benefit: float, cost: float) -> None:
    got = methods.normalize(np.zeros((3, 2)), TYPES, method)
    assert np.isfinite(got).all()
    np.testing.assert_allclose(got[:, 0], benefit, rtol=1e-15)
    np.testing.assert_allclose(got[:, 1], cost, rtol=1e-15)


def test_cost_column_with_zeros_uses_the_limit() -> None:
    x = np.array([[0.0], [2.0], [0.0], [4.0]])
    cost = np.array([-1.0])
    # max: min/x -> 1 at the minimum (0), 0 elsewhere.
    np.testing.assert_array_equal(methods.normalize(x, cost, "max")[:, 0], [1, 0, 1, 0])
    # sum: (1/x)/sum(1/x) -> 1/k on the k zeros, 0 elsewhere.
    np.testing.assert_array_equal(methods.normalize(x, cost, "sum")[:, 0], [0.5, 0, 0.5, 0])


def test_constant_column_does_not_change_wsm_ranking() -> None:
    rng = np.random.default_rng(3)
    base = rng.random((5, 3)) + 0.1
    const = np.hstack([base, np.full((5, 1), 7.0)])
    w = np.array([0.2, 0.3, 0.1, 0.4])
    for method in methods.NORMALIZATIONS:
        a = methods.wsm(base, w[:3], [1, -1, 1], normalization=method)
        b = methods.wsm(const, w, [1, -1, 1, -1], normalization=method)
        np.testing.assert_array_equal(a.ranks, b.ranks)


@pytest.mark.parametrize("method", methods.NORMALIZATIONS)
def test_no_warnings_or_nans_on_degenerate_input(method: str) -> None:
    x = np.array([[0.0, 3.0, 0.0], [0.0, 3.0, 1.0], [0.0, 3.0, 2.0]])
    got = methods.normalize(x, [1, -1, -1], method)
    assert np.isfinite(got).all()


# --- batching -----------------------------------------------------------------------------


@pytest.mark.parametrize("method", methods.NORMALIZATIONS)
def test_batched_equals_looped(method: str) -> None:
    rng = np.random.default_rng(11)
    stack = rng.random((6, 4, 3)) + 0.05
    types = np.array([1.0, -1.0, 1.0])
    got = methods.normalize(stack, types, method)
    assert got.shape == stack.shape
    for k in range(stack.shape[0]):
        np.testing.assert_allclose(got[k], kn.normalize(stack[k], types, method), rtol=1e-15)


# --- validation ---------------------------------------------------------------------------


def test_unknown_method_lists_choices() -> None:
    with pytest.raises(ValueError, match=r"method: 'l2' is not one of 'minmax', 'max'"):
        methods.normalize(X, TYPES, "l2")


@pytest.mark.parametrize("method", ["max", "sum"])
def test_ratio_normalizations_reject_negative_entries(method: str) -> None:
    with pytest.raises(
        ValueError,
        match=r"matrix: normalization .* needs non-negative scores; entry \[1, 0\] is -1",
    ):
        methods.normalize([[1.0, 2.0], [-1.0, 2.0]], TYPES, method)


def test_normalize_validates_types() -> None:
    with pytest.raises(ValueError, match=r"types: expected shape \(2,\)"):
        methods.normalize(X, [1, 1, 1], "minmax")
