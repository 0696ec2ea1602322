"""Tornado (one-at-a-time) sensitivity.

No published worked example exists for a tornado of an MCDA case, so every
swing is checked against a brute-force reference: the same case rebuilt from
its data with the one input changed (or explicit weights), scored by
``compare``.  Weight moves are checked against the hand formula
``w_k' = w_k (1 - w_j') / (1 - w_j)``.
"""

from __future__ import annotations

import copy
from typing import Any

import numpy as np
import pandas as pd
import pytest

import policyopts as po
from policyopts._kernels import aggregate as _aggregate
from policyopts.sensitivity.tornado import TornadoResult, _shifted_weights, tornado


def _rebuilt(case: po.Case, input_id: str, value: float) -> po.Case:
    """The case with one uncertain input set to ``value`` (an independent path)."""
    data: dict[str, Any] = case.model_dump(mode="json", exclude_none=True)
    kind, *rest = input_id.split(":")
    if kind == "score":
        option, criterion = rest
        for a in data["assessments"]:
            if a["option"] == option and a["criterion"] == criterion:
                a["score"] = value
                if a.get("uncertainty", {}).get("kind") in ("triangular", "pert"):
                    a["uncertainty"].pop("mode", None)
    else:
        (risk,) = rest
        for r in data["risks"]:
            if r["id"] == risk:
                r["likelihood"] = value
    return po.Case.model_validate(data)


def _check_against_compare(
    case: po.Case, result: TornadoResult, profile: str, rows: list[str], **kw: Any
) -> None:
    for input_id in rows:
        row = result.table.loc[input_id]
        for end in ("low", "high"):
            got = (result.scores_low if end == "low" else result.scores_high).loc[input_id]
            if row["kind"] == "weight":
                crit = input_id.split(":", 1)[1]
                w = pd.Series(case.weights(profile))
                new = float(row[end])
                ref_w = w * (1 - new) / (1 - w[crit])
                ref_w[crit] = new
                ref = po.compare(case, None, weights=ref_w.to_dict(), **kw).scores
            else:
                ref = po.compare(_rebuilt(case, input_id, float(row[end])), profile, **kw).scores
            np.testing.assert_allclose(got.to_numpy(), ref.to_numpy(), rtol=0, atol=1e-12)


def test_toy_every_swing_matches_compare(toy_case: po.Case) -> None:
    t = tornado(toy_case, "even")
    assert len(t.table) == 7 + 3  # 6 scores + 1 likelihood + 3 weights
    np.testing.assert_allclose(t.nominal, po.compare(toy_case, "even").scores, atol=1e-15)
    _check_against_compare(toy_case, t, "even", list(t.table.index))


def test_mali_swings_match_compare(mali: po.Case) -> None:
    # The assessed view: the rebuilt-case path below changes assessed scores,
    # which the scenario-specific (by_scenario) cells of the expected view ignore.
    t = tornado(mali, "balanced", scenario="assessed")
    cmp = po.compare(mali, "balanced", scenario="assessed")
    np.testing.assert_allclose(t.nominal, cmp.scores, atol=1e-15)
    assert t.top_two == (cmp.ranking[0], cmp.ranking[1])
    assert t.margin == pytest.approx(cmp.scores[cmp.ranking[0]] - cmp.scores[cmp.ranking[1]])
    picks = [
        "score:negotiate:durability",  # piecewise-linear value function
        "score:humanitarian:relief",  # exponential value function
        "likelihood:entanglement",
        "weight:fiscal_cost",
    ]
    _check_against_compare(mali, t, "balanced", picks, scenario="assessed")


@pytest.mark.parametrize(
    ("method", "kw"),
    [("topsis", {}), ("vikor", {}), ("promethee_ii", {"preference": "linear", "q": 0.5, "p": 2.0})],
)
def test_other_methods_match_compare(mali: po.Case, method: str, kw: dict[str, Any]) -> None:
    t = tornado(mali, "ct_first", method=method, scenario="strangulation", **kw)
    cmp = po.compare(mali, "ct_first", method, scenario="strangulation", **kw)
    np.testing.assert_allclose(t.nominal, cmp.scores, atol=1e-12)
    assert t.higher_is_better == cmp.higher_is_better
    assert t.top_two == (cmp.ranking[0], cmp.ranking[1])
    assert t.margin >= 0
    w = pd.Series(mali.weights("ct_first"))
    row = t.table.loc["weight:durability"]
    new = float(row["high"])
    ref_w = w * (1 - new) / (1 - w["durability"])
    ref_w["durability"] = new
    ref = po.compare(
        mali, None, method, scenario="strangulation", weights=ref_w.to_dict(), **kw
    ).scores
    np.testing.assert_allclose(t.scores_high.loc["weight:durability"], ref, atol=1e-12)


def test_margin_swing_and_flips_are_consistent(mali: po.Case) -> None:
    t = tornado(mali, "balanced")
    table = t.table
    assert table["swing"].is_monotonic_decreasing
    a, b = t.top_two
    np.testing.assert_allclose(table["margin_low"], t.scores_low[a] - t.scores_low[b])
    np.testing.assert_allclose(table["margin_high"], t.scores_high[a] - t.scores_high[b])
    np.testing.assert_allclose(table["swing"], (table["margin_high"] - table["margin_low"]).abs())
    flips = (table["top_low"] != a) | (table["top_high"] != a)
    pd.testing.assert_series_equal(table["flips_top"], flips, check_names=False)
    # a negative margin means the runner-up is ahead: the top option flipped
    assert ((table["margin_low"] < 0) | (table["margin_high"] < 0)).le(table["flips_top"]).all()
    assert t.flips.index.equals(table.index[table["flips_top"]])


def test_weight_steps_by_hand(toy_case: po.Case) -> None:
    w = np.array(list(toy_case.weights("thrifty").values()))  # 0.25, 0.625, 0.125
    t = tornado(toy_case, "thrifty", weight_step=0.1)
    rows = t.table.loc[["weight:gain", "weight:cost", "weight:risk_burden"]]
    np.testing.assert_allclose(rows["low"], w - 0.1)
    np.testing.assert_allclose(rows["high"], w + 0.1)
    r = tornado(toy_case, "thrifty", weight_step=0.5, weight_mode="relative")
    rows = r.table.loc[["weight:gain", "weight:cost", "weight:risk_burden"]]
    np.testing.assert_allclose(rows["low"], w * 0.5)
    np.testing.assert_allclose(rows["high"], np.minimum(w * 1.5, 1.0))


def test_shifted_weights_keep_proportions_and_sum() -> None:
    w = np.array([0.5, 0.3, 0.2])
    out = _shifted_weights(w, np.array([0.6, 0.1, 0.0]))
    np.testing.assert_allclose(out.sum(axis=1), 1.0)
    np.testing.assert_allclose(out[0], [0.6, 0.3 * 0.4 / 0.5, 0.2 * 0.4 / 0.5])
    np.testing.assert_allclose(out[2], [0.5 / 0.8, 0.3 / 0.8, 0.0])
    solo = _shifted_weights(np.array([1.0, 0.0, 0.0]), np.array([0.9, 0.0, 0.0]))
    np.testing.assert_allclose(solo[0], [0.9, 0.05, 0.05])


def test_one_batched_method_call(mali: po.Case, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[int, ...]] = []
    original = _aggregate.topsis

    def counting(matrix: Any, *args: Any) -> Any:
        calls.append(np.shape(matrix))
        return original(matrix, *args)

    monkeypatch.setattr(_aggregate, "topsis", counting)
    t = tornado(mali, "balanced", method="topsis")
    assert len(calls) == 1
    assert calls[0][0] == 1 + 2 * len(t.table)


def test_views_and_rendering(mali: po.Case) -> None:
    t = tornado(mali, "balanced")
    assert t.head(3).equals(t.table.head(3))
    view = t.for_option("negotiate")
    assert view["swing"].is_monotonic_decreasing
    assert set(view.columns) >= {"score_low", "score_high", "swing"}
    assert "Aid leads Negotiate" in t.summary()
    md = t.to_markdown(limit=5)
    assert md.startswith("| Input |") and md.count("\n| ") == 5 and "Tornado" in md
    assert "<table" in t._repr_html_() and "\\begin{tabular}" in t.to_latex()
    assert "Swing" in str(t)
    csv = t.to_csv()
    assert csv is not None and csv.startswith("input,")


def test_case_without_uncertainty_has_weight_rows_only(toy_data: dict[str, Any]) -> None:
    data = copy.deepcopy(toy_data)
    for a in data["assessments"]:
        a.pop("uncertainty")
    data["risks"][0].pop("likelihood_uncertainty")
    case = po.Case.model_validate(data)
    t = tornado(case, "even")
    assert list(t.table["kind"].unique()) == ["weight"]
    assert "No single input" in t.summary() or "change the top option" in t.summary()


def test_bad_arguments(toy_case: po.Case) -> None:
    with pytest.raises(ValueError, match=r"weight_step: an absolute step must be in \(0, 1\)"):
        tornado(toy_case, weight_step=1.5)
    with pytest.raises(ValueError, match=r"weight_step: a relative step must be > 0"):
        tornado(toy_case, weight_step=0, weight_mode="relative")
    with pytest.raises(ValueError, match=r"weight_mode: 'both' is not one of"):
        tornado(toy_case, weight_mode="both")
    with pytest.raises(ValueError, match=r"method: 'electre' is not one of"):
        tornado(toy_case, method="electre")
    with pytest.raises(ValueError, match=r"normalization: 'l2' is not one of"):
        tornado(toy_case, normalization="l2")
    with pytest.raises(ValueError, match=r"options: wsm takes no method options"):
        tornado(toy_case, v=0.3)
    with pytest.raises(po.CaseError, match="unknown profile"):
        tornado(toy_case, "nobody")
    with pytest.raises(po.CaseError, match="unknown scenario"):
        tornado(toy_case, scenario="flood")
    with pytest.raises(TypeError, match="case: expected a policyopts Case"):
        tornado({"id": "x"})  # type: ignore[arg-type]
    t = tornado(toy_case)
    with pytest.raises(ValueError, match=r"option: unknown option 'run'"):
        t.for_option("run")
    with pytest.raises(ValueError, match=r"n: need at least 1"):
        t.head(0)
