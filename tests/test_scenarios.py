"""Scenario robustness and value of information at case level.

No published worked example exists for these case-level workflows; they are
checked against the published-example-tested payoff-table functions
(``tests/test_robustness.py``) and against exact references:

* ``scenario_table`` column by column against ``compare``;
* EVPPI of a single input against numerical integration of
  ``max_o E(V_o | X_i = x)`` over the input's distribution, where
  ``E(V_o | X_i = x)`` comes from ``compare`` on the case rebuilt with that
  input set to ``x`` (in the toy case every other input is symmetric and every
  value function linear, so the point scores are the means): an independent
  path through the model;
* ``E[v(x)]`` under non-linear value functions against SciPy's ``expect``.
"""

from __future__ import annotations

import copy
from typing import Any

import numpy as np
import pandas as pd
import pytest
from scipy import integrate

import policyopts as po
from policyopts.robustness import evpi, robustness
from policyopts.scenarios import (
    ScenarioRobustness,
    scenario_robustness,
    scenario_table,
    value_of_information,
)
from policyopts.scenarios.information import _expected_value

# ---------------------------------------------------------------- scenario table


def test_scenario_table_matches_compare(mali: po.Case) -> None:
    t = scenario_table(mali, "ct_first")
    assert list(t.columns) == ["baseline", *(s.id for s in mali.scenarios), "expected"]
    assert list(t.index) == mali.option_ids
    # WSM on linear scales: the expected column is the probability-weighted mean
    probs = np.array([s.probability for s in mali.scenarios])
    mix = t[[s.id for s in mali.scenarios]].to_numpy() @ probs
    np.testing.assert_allclose(t["expected"], mix, atol=1e-12)
    np.testing.assert_array_equal(t["baseline"], po.compare(mali, "ct_first").scores)
    for s in mali.scenarios:
        ref = po.compare(mali, "ct_first", scenario=s.id).scores
        np.testing.assert_array_equal(t[s.id], ref)
    topsis = scenario_table(mali, method="topsis")
    np.testing.assert_array_equal(
        topsis["strangulation"], po.compare(mali, None, "topsis", scenario="strangulation").scores
    )


def test_scenario_robustness_uses_the_payoff_functions(mali: po.Case) -> None:
    r = scenario_robustness(mali, "balanced", optimism=0.3, threshold=0.55)
    scen = [s.id for s in mali.scenarios]
    probs = [s.probability for s in mali.scenarios]
    payoffs = scenario_table(mali, "balanced")[scen]
    pd.testing.assert_frame_equal(
        r.robustness, robustness(payoffs, probs, optimism=0.3, threshold=0.55)
    )
    assert r.evpi == pytest.approx(evpi(payoffs, probs))
    assert r.evpi == pytest.approx(float((r.regret.to_numpy() @ np.array(probs)).min()))
    for crit, opt in r.choices.items():
        assert r.robustness.loc[opt, f"rank_{crit}"] == 1
        assert opt in r.winners[crit]
    assert r.baseline_top == po.compare(mali, "balanced").top
    assert r.probabilities.sum() == pytest.approx(1.0)


def test_robust_choice_and_summary(mali: po.Case) -> None:
    r = scenario_robustness(mali, "restraint_cost")
    assert r.agree and r.robust_choice == "wait_and_see"
    assert r.summary().startswith("Wait is the robust choice across the 6 scenarios")
    r = scenario_robustness(mali, "humanitarian_first")
    # negotiation wins only in its best case (negotiated de-escalation)
    assert not r.agree and set(r.choices.values()) == {"humanitarian", "negotiate"}
    assert r.choices["best"] == "negotiate" and r.choices["worst"] == "humanitarian"
    r = scenario_robustness(mali, "balanced")
    assert not r.agree and r.robust_choice is None
    text = r.summary()
    assert "no option comes first on every criterion" in text and "EVPI" in text


def test_toy_robustness_by_hand(toy_case: po.Case) -> None:
    r = scenario_robustness(toy_case, "even", threshold=0.7)
    calm, storm = r.payoffs["calm"], r.payoffs["storm"]
    expected = 0.6 * calm + 0.4 * storm
    np.testing.assert_allclose(r.robustness["expected"], expected)
    both = np.column_stack([calm, storm])
    np.testing.assert_allclose(r.robustness["worst"], both.min(axis=1))
    best_by_scenario = both.max(axis=0)
    np.testing.assert_allclose(r.robustness["max_regret"], (best_by_scenario - both).max(axis=1))
    assert r.evpi == pytest.approx(0.6 * calm.max() + 0.4 * storm.max() - expected.max())


def test_vikor_payoffs_are_negated_q(mali: po.Case) -> None:
    r = scenario_robustness(mali, method="vikor")
    assert not r.higher_is_better
    scen = [s.id for s in mali.scenarios]
    np.testing.assert_array_equal(r.payoffs.to_numpy(), -r.table[scen].to_numpy())
    assert "negated Q" in r.summary()


def test_rendering(mali: po.Case) -> None:
    r = scenario_robustness(mali, threshold=0.5)
    assert isinstance(r, ScenarioRobustness)
    md = r.to_markdown()
    assert md.startswith("| Option | Baseline |") and "P(≥ threshold)" in md
    assert md.count("\n| ") == len(mali.options)
    assert "<table" in r._repr_html_() and "\\begin{tabular}" in r.to_latex()
    assert "Expected" in str(r)
    csv = r.to_csv()
    assert csv is not None and "max_regret" in csv
    assert "| option | baseline |" in r.to_markdown(names=False)


def test_no_scenarios_is_a_case_error(toy_data: dict[str, Any]) -> None:
    toy_data["scenarios"] = []
    case = po.Case.model_validate(toy_data)
    with pytest.raises(po.CaseError, match="no scenarios"):
        scenario_robustness(case)
    assert list(scenario_table(case).columns) == ["baseline"]


# ---------------------------------------------------------------- value of information


def _toy_with(data: dict[str, Any], **changes: Any) -> po.Case:
    d = copy.deepcopy(data)
    if "likelihood" in changes:
        d["risks"][0]["likelihood"] = changes["likelihood"]
    if "talk_gain" in changes:
        for a in d["assessments"]:
            if a["option"] == "talk" and a["criterion"] == "gain":
                a["score"] = changes["talk_gain"]
    return po.Case.model_validate(d)


def _exact_evppi(lo_scores: np.ndarray, hi_scores: np.ndarray, fractions: np.ndarray) -> float:
    """EVPPI for values linear in one input between two ends; ``fractions`` are
    quantile-midpoint positions of the input between them."""
    vals = lo_scores[None, :] + (hi_scores - lo_scores)[None, :] * fractions[:, None]
    return float(vals.max(axis=1).mean() - vals.mean(axis=0).max())


@pytest.fixture
def wide_toy(toy_data: dict[str, Any]) -> dict[str, Any]:
    """Toy data whose backfire likelihood is uncertain enough to change the choice."""
    toy_data["risks"][0]["likelihood_uncertainty"] = {"kind": "uniform", "low": 0.0, "high": 0.8}
    return toy_data


def test_evppi_of_a_likelihood_is_exact(wide_toy: dict[str, Any]) -> None:
    case = po.Case.model_validate(wide_toy)
    lo = po.compare(_toy_with(wide_toy, likelihood=0.0), "ranked").scores.to_numpy()
    hi = po.compare(_toy_with(wide_toy, likelihood=0.8), "ranked").scores.to_numpy()
    grid = (np.arange(200_000) + 0.5) / 200_000  # uniform on [0, 0.8]
    ref = _exact_evppi(lo, hi, grid)
    assert ref > 1e-3  # the likelihood can change the choice
    v = value_of_information(case, "ranked", n_samples=20_000, seed=0)
    row = v.table.loc["likelihood:backfire"]
    assert row["name"] == "Backfire"
    assert row["evppi"] == pytest.approx(ref, abs=4 * row["se"] + 1e-6)
    # P(change): the likelihood below which act beats talk, over the 0.8 range
    cross = (lo[2] - lo[0]) / ((lo[2] - lo[0]) - (hi[2] - hi[0]))
    assert row["p_change"] == pytest.approx(cross, abs=0.02)
    # exact expected values: compare at the mean likelihood (0.4)
    np.testing.assert_allclose(v.expected, po.compare(case, "ranked").scores, atol=1e-12)
    assert v.best == "talk"


def test_evppi_of_a_score_is_exact(toy_data: dict[str, Any]) -> None:
    case = po.Case.model_validate(toy_data)
    lo = po.compare(_toy_with(toy_data, talk_gain=4.0), "ranked").scores.to_numpy()
    hi = po.compare(_toy_with(toy_data, talk_gain=6.0), "ranked").scores.to_numpy()
    dist = po.uncertain_inputs(case).inputs[4].dist  # talk · gain, triangular 4-5-6
    assert po.uncertain_inputs(case).ids[4] == "score:talk:gain"
    q = (np.arange(200_000) + 0.5) / 200_000
    ref = _exact_evppi(lo, hi, (dist.ppf(q) - 4.0) / 2.0)
    assert ref > 1e-3
    v = value_of_information(case, "ranked", n_samples=20_000, seed=1, include_scores=True)
    row = v.table.loc["score:talk:gain"]
    assert row["evppi"] == pytest.approx(ref, abs=4 * row["se"] + 1e-6)
    assert v.table.loc["score:wait:cost", "evppi"] == 0.0  # cannot change the choice
    assert v.table["evppi"].is_monotonic_decreasing


def test_total_evpi_bounds_and_identity(wide_toy: dict[str, Any]) -> None:
    case = po.Case.model_validate(wide_toy)
    v = value_of_information(case, "ranked", n_samples=20_000, seed=3, include_scores=True)
    assert v.evpi > 0 and v.evpi_se > 0
    # resolving one input is worth no more than resolving all (up to noise)
    assert (v.table["evppi"] <= v.evpi + 4 * (v.table["se"] + v.evpi_se)).all()
    np.testing.assert_allclose(v.table["share_of_evpi"], v.table["evppi"] / v.evpi)
    assert v.table.loc["likelihood:backfire", "evppi"] == pytest.approx(
        value_of_information(case, "ranked", n_samples=20_000, seed=3).table.loc[
            "likelihood:backfire", "evppi"
        ]
    )  # the same draws whether or not scores are included


def test_value_of_information_reproducible_and_non_negative(mali: po.Case) -> None:
    a = value_of_information(mali, "ct_first", n_samples=500, seed=7, include_scores=True)
    b = value_of_information(mali, "ct_first", n_samples=500, seed=7, include_scores=True)
    pd.testing.assert_frame_equal(a.table, b.table)
    assert a.evpi == b.evpi
    assert (a.table["evppi"] >= 0).all() and a.evpi >= 0
    assert len(a.table) == len(po.uncertain_inputs(mali))
    risks = value_of_information(mali, n_samples=500, seed=7, include_scores=False)
    assert set(risks.table["kind"]) == {"likelihood"}
    assert set(risks.table["name"]) <= {r.name for r in mali.risks}


def test_scenario_overrides_make_likelihoods_certain(toy_case: po.Case) -> None:
    v = value_of_information(
        toy_case, scenario="storm", n_samples=200, seed=0, include_scores=False
    )
    assert len(v.table) == 0  # the storm sets the only likelihood
    assert v.scenario == "storm"
    assert "Resolving every uncertainty" in v.summary()


def test_expected_value_under_nonlinear_value_functions(mali: po.Case) -> None:
    inputs = po.uncertain_inputs(mali)
    crit = {c.id: c for c in mali.all_criteria}
    for inp in inputs.inputs:
        if inp.criterion in ("relief", "durability") and inp.option in (
            "negotiate",
            "wait_and_see",
        ):
            c = crit[inp.criterion]
            ref, _ = integrate.quad(
                lambda x, c=c, d=inp.dist: float(c.value(x)) * d.pdf(x),
                inp.low,
                inp.high,
                points=[inp.point],
                limit=200,
            )
            assert _expected_value(c, inp.dist) == pytest.approx(ref, abs=1e-6)


def test_voi_rendering_and_validation(mali: po.Case) -> None:
    v = value_of_information(mali, "balanced", n_samples=400, seed=0, include_scores=True)
    md = v.to_markdown()
    assert md.startswith("| Uncertainty |") and "EVPPI" in md
    assert "<table" in v._repr_html_() and "\\begin{tabular}" in v.to_latex()
    assert "Choosing now" in v.summary() and "EVPI" in str(v)
    assert v.head(2).equals(v.table.head(2))
    with pytest.raises(ValueError, match=r"n_samples: need an integer of at least 2"):
        value_of_information(mali, n_samples=1)
    with pytest.raises(po.CaseError, match="unknown profile"):
        value_of_information(mali, "nobody", n_samples=10)
    with pytest.raises(ValueError, match=r"n: need at least 1"):
        v.head(0)


def test_value_of_information_values_scores_by_default(mali: po.Case) -> None:
    """The default answers "which uncertainty is worth resolving first" over every input."""
    v = value_of_information(mali, "balanced", n_samples=400, seed=0)
    assert "score" in set(v.table["kind"])
    assert (v.table["evppi"] > 0).any()
