"""Scenario-conditional scores, the expected baseline, the risk-burden scale and
risks with impacts on criteria (issue 12).

The expected-baseline arithmetic is checked by hand on the toy case of
``conftest.py``: scenarios calm (p = 0.6: act's gain +1) and storm (p = 0.4:
wait's gain set to 0, backfire likelihood 0.9), plus a per-scenario score.
"""

from __future__ import annotations

import copy
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import policyopts as po
from policyopts._casearrays import case_arrays

Data = dict[str, Any]


def _with_talk_storm(data: Data, score: float = 3.0, uncertainty: Any = None) -> Data:
    d = copy.deepcopy(data)
    for a in d["assessments"]:
        if a["option"] == "talk" and a["criterion"] == "gain":
            own: dict[str, Any] = {"score": score}
            if uncertainty is not None:
                own["uncertainty"] = uncertainty
            a["by_scenario"] = {"storm": own}
    return d


def test_expected_baseline_by_hand(toy_data: Data) -> None:
    case = po.Case.model_validate(_with_talk_storm(toy_data))
    cmp = po.compare(case, "even", scenario="expected")
    # gain: act .6*8 + .4*7, wait .6*2 + .4*0, talk .6*5 + .4*3 (by_scenario)
    gain = {"act": 7.6, "wait": 1.2, "talk": 4.2}
    cost = {"act": 60, "wait": 5, "talk": 20}
    lik = 0.6 * 0.4 + 0.4 * 0.9  # expected likelihood of backfire: 0.6
    burden = {o: lik * 3 * e for o, e in {"act": 0.8, "wait": 0.1, "talk": 0.3}.items()}
    top = 0.9 * 3  # 'possible' scale: highest likelihood anywhere x impact
    for o in case.option_ids:
        assert cmp.table.loc[o, "gain"] == pytest.approx(gain[o])
        assert cmp.table.loc[o, "risk_burden"] == pytest.approx(burden[o])
        want = (gain[o] / 10 + (1 - cost[o] / 100) + (1 - burden[o] / top)) / 3
        assert cmp.scores[o] == pytest.approx(want)
    # the expected column of the scenario table is the probability-weighted mean
    t = po.scenario_table(case, "even")
    np.testing.assert_allclose(t["expected"], 0.6 * t["calm"] + 0.4 * t["storm"])
    # and the per-scenario score is used under its scenario only
    assert po.compare(case, "even", scenario="storm").table.loc["talk", "gain"] == 3
    assert po.compare(case, "even", scenario="calm").table.loc["talk", "gain"] == 5


def test_expected_mixes_values_for_a_nonlinear_value_function(toy_data: Data) -> None:
    toy_data["criteria"][0]["value_function"] = {"kind": "exponential", "rho": 2.0}
    case = po.Case.model_validate(toy_data)
    crit = case.criterion("gain")
    cmp = po.compare(case, "even", scenario="expected")
    act = 0.6 * crit.value(8.0) + 0.4 * crit.value(7.0)  # mix of values, not value of mix
    assert cmp.values.loc["act", "gain"] == pytest.approx(float(act))
    assert cmp.values.loc["act", "gain"] != pytest.approx(float(crit.value(7.6)))
    # other methods score the expected score matrix
    topsis = po.compare(case, "even", "topsis", scenario="expected")
    assert topsis.table.loc["act", "gain"] == pytest.approx(7.6)


def test_baseline_declared_by_the_case(toy_data: Data) -> None:
    storm = po.Case.model_validate({**toy_data, "baseline": "storm"})
    pd_equal = po.compare(storm, "even").table.equals(
        po.compare(storm, "even", scenario="storm").table
    )
    assert pd_equal
    assert po.compare(storm, "even", scenario="assessed").table.equals(
        po.compare(po.Case.model_validate(toy_data), "even").table
    )
    expected = po.Case.model_validate({**toy_data, "baseline": "expected"})
    np.testing.assert_allclose(
        po.compare(expected, "even").scores,
        po.compare(expected, "even", scenario="expected").scores,
    )
    assert po.risk_register(expected).table.loc["backfire", "likelihood"] == pytest.approx(0.6)
    with pytest.raises(po.CaseError, match="baseline"):
        po.Case.model_validate({**toy_data, "baseline": "sunny"})


def test_every_analysis_accepts_expected(toy_data: Data) -> None:
    case = po.Case.model_validate(
        _with_talk_storm(toy_data, 3.0, {"kind": "range", "low": 2, "high": 4})
    )
    inputs = po.uncertain_inputs(case, "expected")
    base = case_arrays(case, "expected")
    np.testing.assert_allclose(inputs.matrices(inputs.point_values()[None])[0], base.matrix)
    storm = po.uncertain_inputs(case, "storm")
    talk = storm.table.loc["score:talk:gain"]
    assert (talk["low"], talk["high"]) == (2, 4)  # the per-scenario uncertainty
    assert "score:wait:gain" not in storm.ids  # set by the scenario: certain
    assert "likelihood:backfire" not in storm.ids  # overridden: certain
    sm = po.smaa_case(case, "even", scenario="expected", n_samples=500, seed=0)
    assert sm.rank_acceptability.shape == (3, 3)
    assert po.triangulate(case, "even", scenario="expected").ranks.shape[0] == 3
    assert set(po.drivers(case, "even", scenario="expected").shares.index) == {
        "gain",
        "cost",
        "risk_burden",
    }


def test_by_scenario_is_checked(toy_data: Data) -> None:
    d = _with_talk_storm(toy_data, 12.0)
    with pytest.raises(po.CaseError, match=r"by_scenario\.storm\.score"):
        po.Case.model_validate(d)
    d = _with_talk_storm(toy_data)
    d["assessments"][4]["by_scenario"] = {"sunny": {"score": 1}}
    with pytest.raises(po.CaseError, match="unknown scenario"):
        po.Case.model_validate(d)
    d = copy.deepcopy(toy_data)
    d["assessments"][2]["by_scenario"] = {"storm": {"score": 1}}  # wait x gain, also set
    with pytest.raises(po.CaseError, match="also change"):
        po.Case.model_validate(d)


@settings(max_examples=25, deadline=None)
@given(
    gains=st.lists(st.floats(0, 10), min_size=3, max_size=3),
    lik=st.floats(0, 1),
)
def test_expected_with_one_certain_scenario_is_that_scenario(
    gains: list[float], lik: float
) -> None:
    from tests.toycase import _MINIMAL

    d = copy.deepcopy(_MINIMAL)
    d["scenarios"] = [
        {
            "id": "only",
            "name": "Only",
            "probability": 1.0,
            "likelihood_overrides": {"backfire": lik},
        }
    ]
    for a, g in zip([a for a in d["assessments"] if a["criterion"] == "gain"], gains, strict=True):
        a["by_scenario"] = {"only": {"score": g}}
    case = po.Case.model_validate(d)
    for method in ("wsm", "topsis"):
        exp = po.compare(case, "even", method, scenario="expected")
        one = po.compare(case, "even", method, scenario="only")
        np.testing.assert_allclose(exp.table.to_numpy(float), one.table.to_numpy(float))


def test_risk_scale_plausible_possible_declared(toy_data: Data) -> None:
    del toy_data["risk_criterion"]
    case = po.Case.model_validate(toy_data)
    # least burdened option anywhere (wait, assessed 0.4*3*0.1) to most (act, storm 0.9*3*0.8)
    scale = case.criterion("risk_burden").scale
    assert (scale.min, scale.max) == (pytest.approx(0.12), pytest.approx(2.16))
    possible = po.Case.model_validate({**toy_data, "risk_criterion": {"scale": "possible"}})
    assert possible.criterion("risk_burden").scale.max == pytest.approx(2.7)
    assert possible.criterion("risk_burden").scale.min == 0
    declared = po.Case.model_validate(
        {**toy_data, "risk_criterion": {"scale": {"min": 0, "max": 5}}}
    )
    assert declared.criterion("risk_burden").scale.max == 5
    # the plausible scale gives the risk weight more reach over the options
    d_pl = po.drivers(case, "even").shares["risk_burden"]
    d_po = po.drivers(possible, "even").shares["risk_burden"]
    assert d_pl > d_po


def test_risk_impacts_move_scores_and_leave_the_burden(toy_data: Data) -> None:
    toy_data["risks"].append(
        {
            "id": "blocked",
            "name": "Blocked",
            "likelihood": 0.5,
            "impact": 1,
            "impacts": {"gain": -2},
            "exposure": {"act": 1.0, "wait": 0.0, "talk": 0.5},
            "rationale": "access",
        }
    )
    toy_data["scenarios"][1]["likelihood_overrides"]["blocked"] = 1.0
    case = po.Case.model_validate(toy_data)
    base = po.compare(case, "even")
    assert base.table.loc["act", "gain"] == pytest.approx(7 - 0.5 * 2 * 1.0)
    assert base.table.loc["talk", "gain"] == pytest.approx(5 - 0.5 * 2 * 0.5)
    assert base.table.loc["wait", "gain"] == 2
    # not in the burden: same burdens as without the risk
    assert base.table.loc["act", "risk_burden"] == pytest.approx(0.4 * 3 * 0.8)
    assert list(po.risk_register(case).table.index) == ["backfire"]
    storm = po.compare(case, "even", scenario="storm")
    assert storm.table.loc["act", "gain"] == pytest.approx(7 - 1.0 * 2 * 1.0)
    # clipped to the scale
    toy_data["risks"][1]["impacts"] = {"gain": -20}
    clipped = po.compare(po.Case.model_validate(toy_data), "even")
    assert clipped.table.loc["act", "gain"] == 0
    toy_data["risks"][1]["impacts"] = {"nope": -1}
    with pytest.raises(po.CaseError, match=r"impacts\.nope"):
        po.Case.model_validate(toy_data)


def test_only_impact_risks_means_no_burden_criterion(toy_data: Data) -> None:
    toy_data["risks"][0]["impacts"] = {"gain": -1}
    for p in toy_data["profiles"]:
        for key in ("weights", "swing", "ranks"):
            if key in p:
                p[key].pop("risk_burden")
    case = po.Case.model_validate(toy_data)
    assert case.criterion_ids == ["gain", "cost"]
    assert po.compare(case, "even").table.loc["act", "gain"] == pytest.approx(7 - 0.4 * 0.8)


def test_reserved_scenario_ids_and_source_relays(toy_data: Data) -> None:
    d = copy.deepcopy(toy_data)
    d["scenarios"][0]["id"] = "expected"
    with pytest.raises(po.CaseError, match="reserved"):
        po.Case.model_validate(d)
    d = copy.deepcopy(toy_data)
    d["sources"][0]["relays"] = ["ghost"]
    with pytest.raises(po.CaseError, match="unknown source"):
        po.Case.model_validate(d)


def test_basis_kinds_and_old_files(toy_data: Data) -> None:
    toy_data["assessments"][0]["basis"] = "fact"
    toy_data["assessments"][1]["basis"] = "opinion"
    toy_data["assessments"][2]["basis"] = "judgement"
    case = po.Case.model_validate(toy_data)
    assert case.basis_counts() == {"source": 5, "judgement": 1}
    toy_data["assessments"][1]["evidence"] = []
    with pytest.raises(po.CaseError, match="basis 'opinion' must cite evidence"):
        po.Case.model_validate(toy_data)


def test_unknown_scenario_lists_the_views(toy_data: Data) -> None:
    case = po.Case.model_validate(toy_data)
    with pytest.raises(po.CaseError, match="expected"):
        case_arrays(case, "sunny")
