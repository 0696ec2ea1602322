"""Case-level portfolios: ranking, frontier, robust portfolio modelling, SMAA."""

from __future__ import annotations

import itertools
import json
from typing import Any

import numpy as np
import pandas as pd
import pytest

import policyopts as po


@pytest.fixture(scope="module")
def toy() -> po.Case:
    return po.load_case("toy_portfolio")


def _with(case: po.Case, **changes: Any) -> po.Case:
    data = json.loads(case.model_dump_json())
    data["portfolio"].update(changes)
    return po.Case.model_validate(data)


def _feasible_by_hand(case: po.Case) -> set[tuple[str, ...]]:
    spec = case.portfolio
    assert spec is not None
    actions = [o.id for o in case.options if o.id != spec.baseline_option]
    out = set()
    for size in range(len(actions) + 1):
        for combo in itertools.combinations(actions, size):
            chosen = set(combo)
            if any(
                sum(case.option(a).costs.get(r, 0) for a in chosen) > b
                for r, b in spec.budgets.items()
            ):
                continue
            if any(len(chosen & set(g)) > 1 for g in spec.exclusive):
                continue
            if any(a in chosen and not set(p) <= chosen for a, p in spec.requires.items()):
                continue
            out.add(tuple(a for a in actions if a in chosen))
    return out


def test_table_has_every_feasible_portfolio(toy: po.Case) -> None:
    res = po.portfolios(toy)
    assert set(res.table["members"]) == _feasible_by_hand(toy)
    assert res.table["rank"].iloc[0] == 1
    assert res.table["score"].is_monotonic_decreasing
    assert res.best == res.table["members"].iloc[0]
    assert res.membership.shape == (len(res.table), 6)
    assert list(res.membership.columns) == [
        "aid",
        "mediation",
        "border",
        "governance",
        "sanctions",
        "relief",
    ]


def test_empty_portfolio_scores_like_the_baseline_option(toy: po.Case) -> None:
    res = po.portfolios(toy, "balanced")
    cmp = po.compare(toy, "balanced")
    assert res.table.loc["(none)", "score"] == pytest.approx(cmp.table.loc["status_quo", "score"])


def test_additive_value_with_interactions_by_hand(toy: po.Case) -> None:
    """Score of aid + mediation = baseline + both improvements + the access synergy
    (+1 point on humanitarian, a 0-10 benefit scale: 0.1 of value)."""
    res = po.portfolios(toy, "balanced")
    cmp = po.compare(toy, "balanced")
    s = cmp.table["score"]
    w = toy.weights("balanced")
    want = s["status_quo"] + (s["aid"] - s["status_quo"]) + (s["mediation"] - s["status_quo"])
    want += w["humanitarian"] * 0.1
    assert res.table.loc["aid + mediation", "score"] == pytest.approx(want)
    # a conflict on a cost criterion: +1 point of escalation risk is a loss
    want = s["status_quo"] + (s["border"] - s["status_quo"]) + (s["sanctions"] - s["status_quo"])
    want -= w["escalation"] * 0.1
    assert res.table.loc["border + sanctions", "score"] == pytest.approx(want)


def test_costs_and_frontier(toy: po.Case) -> None:
    res = po.portfolios(toy)
    row = res.table.loc["aid + mediation + governance"]
    assert row["cost money"] == 160 and row["cost political_capital"] == 4
    front = res.frontier
    assert "(none)" in front.index  # nothing is cheaper
    assert res.table.index[0] in front.index  # the best is efficient
    # no frontier portfolio is beaten on score at no more cost
    t = res.table
    for label, r in front.iterrows():
        better = (
            (t["score"] >= r["score"])
            & (t["cost money"] <= r["cost money"])
            & (t["cost political_capital"] <= r["cost political_capital"])
            & (
                (t["score"] > r["score"])
                | (t["cost money"] < r["cost money"])
                | (t["cost political_capital"] < r["cost political_capital"])
            )
        )
        assert not better.any(), label


def test_budget_override_moves_the_best(toy: po.Case) -> None:
    tight = po.portfolios(toy, budgets={"money": 30})
    assert all(tight.table["cost money"] <= 30)
    assert tight.best == ("mediation", "relief")
    assert tight.budgets["money"] == 30
    with pytest.raises(ValueError, match="unknown resource 'gold'"):
        po.portfolios(toy, budgets={"gold": 1})
    with pytest.raises(ValueError, match="must be >= 0"):
        po.portfolios(toy, budgets={"money": -1})


def test_other_methods_rank_combined_performance(toy: po.Case) -> None:
    res = po.portfolios(toy, method="topsis")
    assert res.table["rank"].min() == 1
    assert not res.higher_is_better or res.table["score"].is_monotonic_decreasing
    vik = po.portfolios(toy, method="vikor")
    assert not vik.higher_is_better
    assert vik.table["score"].is_monotonic_increasing
    with pytest.raises(ValueError, match="method"):
        po.portfolios(toy, method="magic")
    with pytest.raises(ValueError, match="wsm takes no method options"):
        po.portfolios(toy, v=0.3)
    with pytest.raises(ValueError, match="options"):
        po.portfolios(toy, method="topsis", bogus=1)


def test_performance_sums_changes_and_clips_to_the_scale(toy: po.Case) -> None:
    from policyopts.portfolio._setup import _performance, _setup

    setup = _setup(toy, None, None)
    member = np.zeros((1, 6), dtype=bool)
    member[0, [0, 1]] = True  # aid + mediation
    perf_all = _performance(setup, setup.membership())
    row = int(np.flatnonzero((setup.membership() == member[0]).all(axis=1))[0])
    base = np.array([3, 3, 4, 5.0])
    aid = np.array([3.5, 6, 5, 5.0])
    med = np.array([5, 4, 5, 4.0])
    want = base + (aid - base) + (med - base) + np.array([0, 1.0, 0, 0])
    np.testing.assert_allclose(perf_all[row], np.clip(want, 0, 10))


def test_mali_strategies() -> None:
    mali = po.load_case("mali")
    res = po.portfolios(mali)
    # the empty portfolio is wait and see, the no-new-commitments baseline
    assert res.table.loc["(none)", "score"] == pytest.approx(
        po.compare(mali).scores["wait_and_see"]
    )
    assert set(res.best) == {"negotiate", "humanitarian"}
    assert not any({"re_partner", "re_partner_narrow"} <= set(m) for m in res.table["members"])
    rpm = po.rpm_case(mali)
    assert "humanitarian" in rpm.core and "re_partner" not in rpm.core


def test_case_without_baseline_or_portfolio_section() -> None:
    data = po.load_case("mali").model_dump()
    data["portfolio"] = None
    data["resources"] = []
    for option in data["options"]:
        option["costs"] = {}
    mali = po.Case.model_validate(data)
    res = po.portfolios(mali)
    assert len(res.table) == 2**6  # no budgets, no constraints
    assert res.table.loc["(none)", "score"] == 0.0
    assert res.best == tuple(mali.option_ids)  # every option adds value
    assert res.baseline is None
    rpm = po.rpm_case(mali, weights="fixed")
    assert rpm.core == mali.option_ids


def test_rendering(toy: po.Case) -> None:
    res = po.portfolios(toy)
    text = res.to_text()
    assert "Aid + Mediation + Governance" in text.splitlines()[2]
    assert "budgets money 180" in res.caption()
    assert "aid + mediation" in res.to_csv()
    assert "<table" in res.to_html()
    assert "(none)" in res.to_text(names=False)


def test_rpm_case(toy: po.Case) -> None:
    r = po.rpm_case(toy, "balanced")
    assert r.core == ["mediation", "governance"]
    assert r.borderline == ["aid", "border"]
    assert r.exterior == ["sanctions", "relief"]
    assert list(r.portfolios.index) == [
        "aid + mediation + governance",
        "mediation + border + governance",
    ]
    assert (r.portfolios["value min"] <= r.portfolios["value max"]).all()
    assert "2 non-dominated of 21 feasible" in r.caption()
    assert "core" in r.to_text()
    assert "core_index" in r.to_csv()
    # the best WSM portfolio is always non-dominated
    best = po.portfolios(toy, "balanced").best
    assert best in set(r.portfolios["members"])
    # fewer assumptions about the weights: more non-dominated portfolios
    wide = po.rpm_case(toy, weights="uniform")
    assert len(wide.portfolios) >= len(r.portfolios)
    assert set(r.portfolios["members"]) <= set(wide.portfolios["members"])


def test_rpm_case_matches_array_level(toy: po.Case) -> None:
    r = po.rpm_case(toy, weights="ordinal")
    assert r.result.portfolios.shape[1] == 6
    np.testing.assert_allclose(r.core_index.to_numpy(), r.result.core_index)
    assert r.weight_set.startswith("ordinal")


def test_portfolio_smaa(toy: po.Case) -> None:
    s = po.portfolio_smaa(toy, n_samples=3000, seed=1)
    assert s.best_share.sum() == pytest.approx(1.0)
    assert s.best_share.idxmax() == "aid + mediation + governance"
    np.testing.assert_allclose(
        s.action_share.to_numpy(), s.best_share.to_numpy() @ s.membership.to_numpy()
    )
    assert s.uncertain_scores
    again = po.portfolio_smaa(toy, n_samples=3000, seed=1)
    pd.testing.assert_series_equal(s.best_share, again.best_share)
    # only portfolios that are non-dominated for the weight set can ever be best
    r = po.rpm_case(toy)
    fixed = po.portfolio_smaa(toy, n_samples=3000, seed=1, uncertain_scores=False)
    winners = set(fixed.best_share[fixed.best_share > 0].index)
    assert winners <= set(r.portfolios.index)
    assert not fixed.uncertain_scores
    chunked = po.portfolio_smaa(toy, n_samples=3000, seed=1, uncertain_scores=False, chunk_size=128)
    assert chunked.best_share.sum() == pytest.approx(1.0)


def test_portfolio_smaa_bad_arguments(toy: po.Case) -> None:
    with pytest.raises(ValueError, match="n_samples"):
        po.portfolio_smaa(toy, n_samples=0)
    with pytest.raises(ValueError, match="chunk_size"):
        po.portfolio_smaa(toy, n_samples=10, chunk_size=0)
    with pytest.raises(ValueError, match="uncertain_scores"):
        po.portfolio_smaa(toy, n_samples=10, uncertain_scores="yes")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="case"):
        po.portfolios("toy")  # type: ignore[arg-type]


def test_scenario_changes_the_table(toy: po.Case) -> None:
    data = json.loads(toy.model_dump_json())
    data["scenarios"] = [
        {
            "id": "talks_fail",
            "name": "Talks fail",
            "probability": 1.0,
            "score_changes": [{"option": "mediation", "criterion": "stability", "set": 2.0}],
        }
    ]
    case = po.Case.model_validate(data)
    base = po.portfolios(case)
    worse = po.portfolios(case, scenario="talks_fail")
    assert worse.table.loc["mediation", "score"] < base.table.loc["mediation", "score"]
    assert worse.scenario == "talks_fail"
