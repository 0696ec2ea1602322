"""Uncertain inputs of a case: distributions, sampling, batched matrices."""

from __future__ import annotations

import copy
from typing import Any

import numpy as np
import pytest

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
