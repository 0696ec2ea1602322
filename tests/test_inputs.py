"""Uncertain inputs of a case: distributions, sampling, batched matrices."""

from __future__ import annotations

import copy
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import policyopts as po


def test_one_input_per_uncertain_number(toy_case: po.Case) -> None:
    inputs = po.uncertain_inputs(toy_case)
    assert len(inputs) == 6 + 1
    assert inputs.ids[0] == "score:act:gain" and inputs.ids[-1] == "likelihood:backfire"
    assert list(inputs.table.columns) == [
        "kind",
        "option",
        "criterion",
        "risk",
        "point",
        "low",
        "high",
        "distribution",
    ]


def test_point_values_reproduce_the_base_matrix(mali: po.Case) -> None:
    inputs = po.uncertain_inputs(mali)
    mats = inputs.matrices(inputs.point_values()[None, :])
    np.testing.assert_allclose(mats[0], po.compare(mali).table[mali.criterion_ids].to_numpy())


def test_sample_means_match_distributions(toy_case: po.Case) -> None:
    inputs = po.uncertain_inputs(toy_case)
    draws = inputs.sample(200_000, seed=3)
    # triangular(6, 7, 8): mean 7; uniform(0.2, 0.6): mean 0.4
    assert draws[:, 0].mean() == pytest.approx(7.0, abs=0.01)
    assert draws[:, -1].mean() == pytest.approx(0.4, abs=0.002)
    assert draws[:, 0].min() >= 6 and draws[:, 0].max() <= 8


def test_pert_mean(toy_data: dict[str, object]) -> None:
    toy_data["assessments"][0]["uncertainty"] = {"kind": "pert", "low": 4, "high": 10}  # type: ignore[index]
    inputs = po.uncertain_inputs(po.Case.model_validate(toy_data))
    # Beta-PERT mean (low + 4 mode + high) / 6 = (4 + 28 + 10) / 6 = 7
    assert inputs.inputs[0].dist.mean() == pytest.approx(7.0)


def test_burden_recomputed_from_drawn_likelihood(toy_case: po.Case) -> None:
    inputs = po.uncertain_inputs(toy_case)
    values = inputs.point_values()[None, :].copy()
    values[0, -1] = 0.5
    mats = inputs.matrices(values)
    np.testing.assert_allclose(mats[0, :, -1], 0.5 * 3 * np.array([0.8, 0.1, 0.3]))


def test_same_seed_same_draws(mali: po.Case) -> None:
    inputs = po.uncertain_inputs(mali)
    np.testing.assert_array_equal(inputs.sample(100, seed=7), inputs.sample(100, seed=7))
    assert not np.array_equal(inputs.sample(100, seed=7), inputs.sample(100, seed=8))


def test_scenario_fixes_set_scores_and_overridden_likelihoods(toy_case: po.Case) -> None:
    storm = po.uncertain_inputs(toy_case, "storm")
    assert "score:wait:gain" not in storm.ids and "likelihood:backfire" not in storm.ids
    calm = po.uncertain_inputs(toy_case, "calm")
    act_gain = calm.inputs[calm.ids.index("score:act:gain")]
    assert (act_gain.point, act_gain.low, act_gain.high) == (8.0, 7.0, 9.0)


def test_bad_arguments(toy_case: po.Case) -> None:
    inputs = po.uncertain_inputs(toy_case)
    with pytest.raises(ValueError, match="n: need at least 1"):
        inputs.sample(0)
    with pytest.raises(ValueError, match="values: expected shape"):
        inputs.matrices(np.zeros((2, 3)))
    with pytest.raises(ValueError, match="seed"):
        inputs.sample(5, seed="x")  # type: ignore[arg-type]


def test_value_map_matches_criterion_values_on_blocks(mali: po.Case) -> None:
    from policyopts.inputs import ValueMap

    inputs = po.uncertain_inputs(mali)
    criteria = inputs.base.criteria
    vm = ValueMap.from_criteria(criteria)
    rng = np.random.default_rng(0)
    mats = inputs.matrices(inputs.draw(rng, 500))
    lo = np.array([c.scale.min for c in criteria])
    hi = np.array([c.scale.max for c in criteria])
    mats[:50] = lo - 1.0  # below every scale and every first knot
    mats[50:100] = hi + 1.0  # above
    expected = np.stack([c.value(mats[..., j]) for j, c in enumerate(criteria)], axis=-1)
    np.testing.assert_allclose(vm(mats), expected, rtol=0, atol=1e-12)


def test_block_draws_follow_each_inputs_distribution(mali: po.Case) -> None:
    # Same distributions as the SciPy objects (another random stream): means and
    # standard deviations within 5 standard errors, every draw inside its range.
    inputs = po.uncertain_inputs(mali)
    n = 40_000
    d = inputs.draw(np.random.default_rng(3), n)
    assert d.shape == (n, len(inputs))
    for k, inp in enumerate(inputs.inputs):
        mean, sd = float(inp.dist.mean()), float(inp.dist.std())
        assert abs(d[:, k].mean() - mean) <= 5 * sd / np.sqrt(n) + 1e-3 * (inp.high - inp.low)
        assert abs(d[:, k].std() - sd) <= 0.02 * sd + 1e-3 * (inp.high - inp.low)
        assert d[:, k].min() >= inp.low - 1e-9 and d[:, k].max() <= inp.high + 1e-9


def test_block_draws_of_every_family(toy_data: dict[str, Any]) -> None:
    # Uniform, triangular, PERT, normal (truncated to the scale) and discrete inputs.
    from scipy import stats

    data = copy.deepcopy(toy_data)
    kinds = [
        {"kind": "uniform", "low": 2.0, "high": 6.0},
        {"kind": "triangular", "low": 1.0, "high": 9.0},
        {"kind": "pert", "low": 1.0, "high": 9.0},
        {"kind": "normal", "sd": 1.5},
        {"kind": "discrete", "values": [3.0, 5.0, 8.0], "probabilities": [0.2, 0.5, 0.3]},
    ]
    for a, u in zip(data["assessments"], kinds, strict=False):
        a["uncertainty"] = u
        a["score"] = 5.0
    inputs = po.uncertain_inputs(po.Case.model_validate(data))
    kinds_drawn = {i.distribution for i in inputs.inputs}
    assert kinds_drawn >= {"uniform", "triangular", "pert", "normal", "discrete"}
    d = inputs.draw(np.random.default_rng(11), 20_000)
    for k, inp in enumerate(inputs.inputs):
        if inp.distribution == "discrete":
            assert set(np.unique(d[:, k])) <= {3.0, 5.0, 8.0}
            continue
        assert stats.kstest(d[:, k], inp.dist.cdf).pvalue > 1e-4, inp.id


# ----------------------------------------------------------------- value-scale draws
def _every_kind_case(toy_data: dict[str, Any]) -> po.Case:
    """The toy case with every distribution family, an exponential value function on
    "gain", a piecewise-linear one on "cost", and a drawn likelihood."""
    data = copy.deepcopy(toy_data)
    data["criteria"][0]["value_function"] = {"kind": "exponential", "rho": 2.0}
    data["criteria"][1]["value_function"] = {
        "kind": "piecewise_linear",
        "points": [[0, 1.0], [30, 0.7], [70, 0.2], [100, 0.0]],
    }
    kinds = [
        {"kind": "uniform", "low": 4.0, "high": 9.0},
        {"kind": "pert", "low": 40.0, "high": 80.0},
        {"kind": "normal", "sd": 1.5},
        {"kind": "discrete", "values": [2.0, 10.0, 45.0], "probabilities": [0.2, 0.5, 0.3]},
        {"kind": "triangular", "low": 3.0, "high": 8.0},
        {"kind": "triangular", "low": 5.0, "high": 50.0},
    ]
    for a, u in zip(data["assessments"], kinds, strict=True):
        a["uncertainty"] = u
    return po.Case.model_validate(data)


def _reference_scores(inputs: Any, seed: int, size: int, w: np.ndarray) -> np.ndarray:
    """The plain pipeline: draws -> score matrices -> value functions -> weighted sums."""
    from policyopts.inputs import ValueMap

    vm = ValueMap.from_criteria(inputs.base.criteria)
    mats = vm(inputs.matrices(inputs.draw(np.random.default_rng(seed), size)))
    return np.einsum("cmn,cn->mc", mats, np.broadcast_to(w, (size, w.shape[-1])))


@pytest.mark.parametrize("scenario", [None, "calm", "storm", "expected"])
def test_value_scores_equal_the_plain_pipeline(toy_data: dict[str, Any], scenario: Any) -> None:
    # Exponential rows, hinge rows of piecewise-linear value functions, mapped rows
    # (discrete inputs).
    case = _every_kind_case(toy_data)
    inputs = po.uncertain_inputs(case, scenario)
    vs = inputs.value_scores()
    assert vs is inputs.value_scores()  # built once per inputs object
    assert vs.exp_rows.size and vs.hinge_src.size and vs.mapped.size
    rng = np.random.default_rng(5)
    w = rng.random((300, 3))
    y = vs.draw(np.random.default_rng(9), 300)
    expected = _reference_scores(inputs, 9, 300, w)
    np.testing.assert_allclose(vs.scores_t(y, w), expected, rtol=0, atol=1e-12)
    np.testing.assert_allclose(
        vs.scores_t(y, w[0]), _reference_scores(inputs, 9, 300, w[0]), rtol=0, atol=1e-12
    )
    many = vs.scores_many(y, w[:4])
    for d in range(4):
        np.testing.assert_allclose(many[d], vs.scores_t(y, w[d]), rtol=0, atol=1e-12)
    ones = np.ones(3)  # nominal values: the base case's matrix through its value functions
    np.testing.assert_allclose(vs.nominal.sum(axis=1), _value_rows(inputs) @ ones, atol=1e-12)


def _value_rows(inputs: Any) -> np.ndarray:
    from policyopts.inputs import ValueMap

    return ValueMap.from_criteria(inputs.base.criteria)(inputs.base.matrix)


@given(seed=st.integers(0, 2**32 - 1), size=st.integers(1, 2_500))
@settings(max_examples=15, deadline=None)
def test_value_scores_in_blocks_match_one_draw(mali: po.Case, seed: int, size: int) -> None:
    # draw_scores works in blocks of VALUE_BLOCK draws: the same numbers as drawing the
    # blocks one after the other and scoring them.
    from policyopts.inputs import VALUE_BLOCK

    vs = po.uncertain_inputs(mali).value_scores()
    w = np.random.default_rng(seed + 1).random((size, 11))
    got = vs.draw_scores(np.random.default_rng(seed), w)
    rng = np.random.default_rng(seed)
    parts = [
        vs.scores_t(vs.draw(rng, min(VALUE_BLOCK, size - s)), w[s : s + VALUE_BLOCK])
        for s in range(0, size, VALUE_BLOCK)
    ]
    np.testing.assert_array_equal(got, np.concatenate(parts, axis=1))
    central = np.random.default_rng(seed + 2).random((2, 11))
    many = vs.draw_scores_many(np.random.default_rng(seed), central, size)
    rng = np.random.default_rng(seed)
    y = np.concatenate(
        [vs.draw(rng, min(VALUE_BLOCK, size - s)) for s in range(0, size, VALUE_BLOCK)], axis=1
    )
    np.testing.assert_allclose(many, vs.scores_many(y, central), rtol=0, atol=1e-12)


@pytest.mark.parametrize("mode", [0.0, 0.1, 0.5, 0.9, 1.0])
def test_triangular_by_min_and_max_of_two_uniforms(mode: float) -> None:
    # (1 - c) min(U1, U2) + c max(U1, U2) is triangular with mode c (Stein & Keblis
    # 2009): Kolmogorov-Smirnov against SciPy, and the mean (1 + c) / 3 and variance
    # (1 - c + c^2) / 18 within 5 standard errors.
    from scipy import stats

    from policyopts.inputs import _DrawPlan

    empty: Any = (np.zeros(0, dtype=np.intp), np.zeros(0), np.zeros(0))
    plan = _DrawPlan(
        k=1,
        uniform=empty,
        triangular=(np.zeros(1, dtype=np.intp), np.zeros(1), np.ones(1), np.array([mode])),
        pert=(*empty, np.zeros(0), np.zeros(0)),
        normal=(*empty, np.zeros(0), np.zeros(0)),
        discrete=(np.zeros(0, dtype=np.intp), np.zeros((0, 1)), np.ones((0, 1))),
    )
    n = 100_000
    s = plan.standard(np.random.default_rng(int(mode * 10)).bit_generator.random_raw((1, n)))[0]
    assert s.min() >= 0.0 and s.max() <= 1.0
    assert stats.kstest(s, stats.triang(mode).cdf).pvalue > 1e-4
    var = (1 - mode + mode**2) / 18
    assert abs(s.mean() - (1 + mode) / 3) < 5 * np.sqrt(var / n)
    assert abs(s.var() - var) < 5 * var * np.sqrt(2 / n) + 1e-6


@given(
    x=arrays(np.float64, (7, 11), elements=st.floats(-5, 15, allow_nan=False)),
)
@settings(max_examples=40, deadline=None)
def test_value_map_rows_layout_equals_columns(mali: po.Case, x: np.ndarray) -> None:
    from policyopts.inputs import ValueMap

    criteria = po.uncertain_inputs(mali).base.criteria
    vm = ValueMap.from_criteria(criteria)
    np.testing.assert_allclose(vm(x.T.copy(), rows=True).T, vm(x), rtol=0, atol=1e-15)
    take = vm.take(np.array([6, 3, 6, 0]))
    np.testing.assert_allclose(take(x[:, [6, 3, 6, 0]]), vm(x)[:, [6, 3, 6, 0]], rtol=0, atol=0)
