"""Single-attribute value functions."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from policyopts import value_functions as vf


def test_linear_benefit_and_cost() -> None:
    np.testing.assert_allclose(vf.linear([0, 2.5, 10], 0, 10), [0, 0.25, 1])
    np.testing.assert_allclose(vf.linear([0, 2.5, 10], 0, 10, direction=-1), [1, 0.75, 0])


def test_linear_clips_outside_the_scale() -> None:
    np.testing.assert_allclose(vf.linear([-5, 15], 0, 10), [0, 1])


def test_exponential_matches_kirkwood_formula() -> None:
    # Kirkwood (1997), eq. 4.8: v(z) = (1 - exp(-z/rho')) / (1 - exp(-1/rho')) with z in [0, 1];
    # here rho = 1/rho' so that rho > 0 is concave.
    z = np.linspace(0, 1, 11)
    rho = 1.7
    expected = (1 - np.exp(-rho * z)) / (1 - np.exp(-rho))
    np.testing.assert_allclose(vf.exponential(z * 10, 0, 10, rho), expected)
    assert np.all(vf.exponential(z * 10, 0, 10, -rho) <= z + 1e-12)  # convex below the line


def test_exponential_cost_direction() -> None:
    v = vf.exponential([0, 10], 0, 10, 2.0, direction=-1)
    np.testing.assert_allclose(v, [1, 0])


def test_piecewise_linear() -> None:
    v = vf.piecewise_linear([0, 3, 5, 7, 10], [0, 3, 7, 10], [0, 0.1, 0.8, 1])
    np.testing.assert_allclose(v, [0, 0.1, 0.1 + 0.7 * 2 / 4, 0.8 + 0.2 * 0 / 3 + 0.0, 1.0])


@pytest.mark.parametrize(
    ("call", "words"),
    [
        (lambda: vf.linear([1], 5, 5), "lo, hi: need lo < hi"),
        (lambda: vf.linear([1], 0, 10, direction=0), "direction"),
        (lambda: vf.linear([np.nan], 0, 10), "x: contains NaN"),
        (lambda: vf.exponential([1], 0, 10, 0.0), "rho"),
        (lambda: vf.piecewise_linear([1], [0, 0], [0, 1]), "xs: must be strictly increasing"),
        (lambda: vf.piecewise_linear([1], [0, 1], [0, 2]), "vs: values must lie in"),
        (lambda: vf.piecewise_linear([1], [0], [0]), "xs, vs"),
    ],
)
def test_bad_input(call: object, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        call()  # type: ignore[operator]


@given(
    st.lists(st.floats(-20, 20), min_size=1, max_size=20),
    st.floats(-5, 5).filter(lambda r: abs(r) > 1e-3),
)
def test_values_in_unit_interval_and_monotone(xs: list[float], rho: float) -> None:
    x = np.sort(np.asarray(xs))
    for v in (vf.linear(x, -10, 10), vf.exponential(x, -10, 10, rho)):
        assert np.all((v >= 0) & (v <= 1))
        assert np.all(np.diff(v) >= -1e-12)


def test_batched_shapes() -> None:
    x = np.random.default_rng(0).uniform(0, 10, size=(1000, 5, 3))
    assert vf.linear(x, 0, 10).shape == x.shape
    assert vf.exponential(x, 0, 10, 1.0).shape == x.shape


def test_exponential_curvature_is_bounded() -> None:
    """A fuzzed case with rho = -9223372036854775809 validated and then scored NaN."""
    import pytest

    import policyopts as po
    from policyopts.value_functions import exponential

    with pytest.raises(ValueError, match="rho: must lie between -700 and 700"):
        exponential([0.5], 0, 1, rho=-1e4)
    case = po.load_case("mali")
    data = case.model_dump()
    data["criteria"][0]["value_function"] = {"kind": "exponential", "rho": -9223372036854775809}
    with pytest.raises(po.CaseError, match="rho must lie between -50 and 50"):
        po.Case.model_validate(data)
    data["criteria"][0]["value_function"] = {"kind": "exponential", "rho": -50}
    scores = po.compare(po.Case.model_validate(data)).scores
    assert scores.notna().all()
