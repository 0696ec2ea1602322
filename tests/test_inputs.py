"""Uncertain inputs of a case: distributions, sampling, batched matrices."""

from __future__ import annotations

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
