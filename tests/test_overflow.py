"""Overflow is an error naming the argument, never a silent answer (all scores
0, all ranks tied, NaN): matrices beyond ±1e150, weights whose sum overflows,
tiny entries under normalisations that divide by them."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import policyopts as po
from policyopts import methods

TYPES = np.array([1.0, -1.0, 1.0])
GOOD = np.array([[1.0, 2.0, 3.0], [2.0, 1.0, 4.0], [3.0, 3.0, 1.0]])
EVEN = np.full(3, 1 / 3)


@pytest.mark.parametrize("name", methods.available())
@pytest.mark.parametrize("big", [1e308, -1e308, 1e151])
def test_huge_matrix_entries_are_refused_by_every_method(name: str, big: float) -> None:
    matrix = GOOD.copy()
    matrix[1, 2] = abs(big) if name == "wpm" else big
    with pytest.raises(ValueError, match=r"^matrix: entries must lie within ±1e\+150.*at \[1, 2\]"):
        methods.get_method(name)(matrix, EVEN, TYPES)


@pytest.mark.parametrize("name", methods.available())
def test_weights_whose_sum_overflows_are_refused_by_every_method(name: str) -> None:
    with pytest.raises(ValueError, match=r"^weights: the sum overflows"):
        methods.get_method(name)(GOOD, [1e308, 1e308, 1e308], TYPES)


@pytest.mark.parametrize("name", ["wsm", "topsis", "wpm"])
@pytest.mark.parametrize("normalization", ["sum", "max"])
def test_tiny_entries_under_dividing_normalisations_are_refused(
    name: str, normalization: str
) -> None:
    matrix = GOOD.copy()
    matrix[0, 1] = 1e-320
    with pytest.raises(ValueError, match=r"^matrix: entries must be 0 or at least 1e-150"):
        methods.get_method(name)(matrix, EVEN, TYPES, normalization=normalization)


def test_wpm_refuses_tiny_entries_whatever_the_normalization() -> None:
    matrix = GOOD.copy()
    matrix[2, 0] = 1e-200
    for normalization in ("sum", "max", "vector", "minmax"):
        with pytest.raises(ValueError, match=r"^matrix: entries must be 0 or at least"):
            methods.wpm(matrix, EVEN, TYPES, normalization=normalization)


def test_case_compare_with_overflowing_weights(mali: po.Case) -> None:
    weights = dict.fromkeys(mali.criterion_ids, 1e308)
    with pytest.raises(ValueError, match=r"^weights: the sum overflows"):
        po.compare(mali, weights=weights)


def test_weight_schemes_refuse_overflow() -> None:
    with pytest.raises(ValueError, match="weights: the sum overflows"):
        po.weights.direct([1e308, 1e308])
    with pytest.raises(ValueError, match="within ±1e"):
        po.weights.entropy([[1.0, 1e300], [2.0, 3.0]])


@settings(max_examples=60, deadline=None)
@given(
    name=st.sampled_from(methods.available()),
    scale=st.floats(1e-100, 1e149),
    wscale=st.floats(1e-100, 1e300),
)
def test_large_but_allowed_values_give_finite_untied_scores(
    name: str, scale: float, wscale: float
) -> None:
    # rescaling the units and the weights changes no ranking, and never gives NaN
    result = methods.get_method(name)(GOOD * scale, EVEN * wscale, TYPES)
    reference = methods.get_method(name)(GOOD, EVEN, TYPES)
    assert np.isfinite(result.scores).all()
    np.testing.assert_array_equal(result.ranks, reference.ranks)
