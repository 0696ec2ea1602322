"""The weight explorer, driven programmatically (no display, no kernel).

There is no published worked example for a slider widget; the checks are
(a) exact agreement with :func:`policyopts.compare` under the explorer's
weights, and (b) hand derivations of the renormalised weights and of the WSM
scores of the toy case (values from each criterion's linear value function
over its declared scale, as ``compare`` does at case level).
"""

from __future__ import annotations

import html
import sys
from typing import Any

import numpy as np
import pandas as pd
import pytest
from matplotlib.patches import Rectangle

import policyopts as po

pytest.importorskip("ipywidgets")

from policyopts import widgets
from policyopts.widgets import WeightExplorer, explore

# Toy case values, by hand (see tests/conftest.py):
#   gain, benefit on the default scale [0, 10]: act 7, wait 2, talk 5
#   cost, cost on [0, 100]: act 60, wait 5, talk 20 -> value (100 - x) / 100
#   risk burden = 0.4 * 3 * exposure (0.8, 0.1, 0.3) = 0.96, 0.12, 0.36, a cost
#   on [0, 2.7] (2.7 = 3 * 0.9, the highest likelihood anywhere: storm's 0.9)
V_GAIN = {"act": 0.7, "wait": 0.2, "talk": 0.5}
V_COST = {"act": 0.4, "wait": 0.95, "talk": 0.8}
V_RISK = {"act": 1 - 0.96 / 2.7, "wait": 1 - 0.12 / 2.7, "talk": 1 - 0.36 / 2.7}


def _wsm(w_gain: float, w_cost: float, w_risk: float) -> dict[str, float]:
    return {
        o: w_gain * V_GAIN[o] + w_cost * V_COST[o] + w_risk * V_RISK[o]
        for o in ("act", "wait", "talk")
    }


def _same(ex: WeightExplorer) -> None:
    """The explorer's comparison is compare() under its weights, exactly."""
    ref = po.compare(ex.case, weights=ex.weights, method=ex.method, scenario=ex.scenario)
    pd.testing.assert_frame_equal(ex.comparison.table, ref.table)
    assert ex.ranking == ref.ranking
    assert ex.table.value == ref.to_html(detail=False)


# ------------------------------------------------------------------ criteria
def test_starts_at_the_profile(mali: po.Case) -> None:
    ex = WeightExplorer(mali, "balanced")
    assert list(ex.sliders) == mali.criterion_ids
    for c in mali.all_criteria:
        assert ex.sliders[c.id].description == c.label
    expected = mali.weights("balanced")
    assert ex.slider_values == pytest.approx(expected, abs=0)
    ref = po.compare(mali, "balanced")
    np.testing.assert_allclose(ex.comparison.scores, ref.scores, rtol=1e-13)
    assert ex.ranking == ref.ranking
    assert ex.error is None and ex.message.value == ""
    _same(ex)


def test_default_profile_and_explore(toy_case: po.Case) -> None:
    ex = explore(toy_case, method="topsis", scenario="calm")
    assert isinstance(ex, WeightExplorer)
    assert ex.profile == "even" and ex.method == "topsis" and ex.scenario == "calm"
    assert repr(ex) == (
        "WeightExplorer(case='toy', profile='even', method='topsis', scenario='calm', "
        "by='criterion')"
    )
    _same(ex)


def test_slider_move_renormalises_and_reranks(toy_case: po.Case) -> None:
    ex = WeightExplorer(toy_case, "even")
    # even profile: 1/3 each -> scores by hand, talk > wait > act
    assert ex.comparison.scores.to_dict() == pytest.approx(_wsm(1 / 3, 1 / 3, 1 / 3), rel=1e-12)
    assert ex.ranking == ["talk", "wait", "act"]
    before = ex.table.value

    ex.sliders["gain"].value = 1.0  # raw (1, 1/3, 1/3) -> (0.6, 0.2, 0.2)
    assert ex.weights == pytest.approx({"gain": 0.6, "cost": 0.2, "risk_burden": 0.2}, rel=1e-12)
    assert ex.comparison.scores.to_dict() == pytest.approx(_wsm(0.6, 0.2, 0.2), rel=1e-12)
    assert ex.ranking == ["talk", "act", "wait"]
    assert ex.table.value != before
    assert "weights now:" in ex.weights_text.value and "0.600" in ex.weights_text.value
    _same(ex)

    ex.sliders["cost"].value = 0.0
    ex.sliders["risk_burden"].value = 0.0  # gain alone
    assert ex.weights == {"gain": 1.0, "cost": 0.0, "risk_burden": 0.0}
    assert ex.ranking == ["act", "talk", "wait"]
    _same(ex)


def test_set_weights(toy_case: po.Case) -> None:
    ex = WeightExplorer(toy_case)
    ex.set_weights({"cost": 0.5})  # partial: the others keep 1/3
    raw = {"gain": 1 / 3, "cost": 0.5, "risk_burden": 1 / 3}
    total = sum(raw.values())
    assert ex.weights == pytest.approx({k: v / total for k, v in raw.items()}, rel=1e-12)
    _same(ex)
    # a full mapping is rescaled by its maximum when above 1: proportions kept
    ex.set_weights({"gain": 4, "cost": 2, "risk_burden": 2})
    assert ex.slider_values == pytest.approx({"gain": 1.0, "cost": 0.5, "risk_burden": 0.5})
    assert ex.weights == pytest.approx({"gain": 0.5, "cost": 0.25, "risk_burden": 0.25})
    # the weights of another profile reproduce that profile's comparison
    ex.set_weights(toy_case.weights("thrifty"))
    np.testing.assert_allclose(
        ex.comparison.scores, po.compare(toy_case, "thrifty").scores, rtol=1e-12
    )


@pytest.mark.parametrize(
    ("weights", "match"),
    [
        ({"nope": 1.0}, r"unknown criterion \['nope'\]"),
        ({"gain": -0.1}, r"weights\['gain'\]: must be finite and non-negative"),
        ({"gain": float("nan")}, r"weights\['gain'\]: must be finite"),
        ({"gain": "heavy"}, r"weights\['gain'\]: expected a number"),
        ({"gain": 2.0}, r"weights\['gain'\]: sliders run from 0 to 1, got 2.0"),
        ([0.5, 0.5, 0.5], r"weights: expected a mapping"),
    ],
)
def test_set_weights_errors(toy_case: po.Case, weights: Any, match: str) -> None:
    ex = WeightExplorer(toy_case)
    before = ex.slider_values
    with pytest.raises(ValueError, match=match):
        ex.set_weights(weights)
    assert ex.slider_values == before


def test_set_weights_recomputes_once(toy_case: po.Case, monkeypatch: pytest.MonkeyPatch) -> None:
    ex = WeightExplorer(toy_case)
    calls: list[dict[str, float]] = []
    real = po.compare

    def counting(case: po.Case, **kwargs: Any) -> po.Comparison:
        calls.append(dict(kwargs["weights"]))
        return real(case, **kwargs)

    monkeypatch.setattr(widgets.explorer, "compare", counting)
    ex.set_weights({"gain": 0.2, "cost": 0.3, "risk_burden": 0.5})
    assert len(calls) == 1
    assert calls[0] == pytest.approx({"gain": 0.2, "cost": 0.3, "risk_burden": 0.5})
    ex.reset()
    assert len(calls) == 2


# ------------------------------------------------------ all zero, reset
def test_all_zero_shows_a_message_and_reset_restores(toy_case: po.Case) -> None:
    ex = WeightExplorer(toy_case, "thrifty")
    for slider in ex.sliders.values():
        slider.value = 0.0
    assert "All weights are 0" in ex.message.value
    assert ex.table.value == ""
    assert "(all 0)" in ex.weights_text.value
    with pytest.raises(ValueError, match="All weights are 0"):
        _ = ex.weights
    with pytest.raises(ValueError, match="All weights are 0"):
        _ = ex.ranking
    # changing the method while all zero still does not fail
    ex.method_select.value = "vikor"
    assert "All weights are 0" in ex.message.value

    ex.reset_button.click()
    assert ex.message.value == ""
    assert ex.slider_values == pytest.approx(toy_case.weights("thrifty"), abs=0)
    assert ex.ranking == po.compare(toy_case, "thrifty", "vikor").ranking
    _same(ex)


# ------------------------------------------------------ method and scenario
def test_method_and_scenario_dropdowns(mali: po.Case) -> None:
    ex = WeightExplorer(mali, "ct_first")
    assert list(ex.method_select.options) == list(po.methods.available())
    assert [v for _, v in ex.scenario_select.options] == ["", *(s.id for s in mali.scenarios)]
    ex.set_weights({"relief": 0.9, "civilian_harm": 0.9})
    for method in po.methods.available():
        ex.method_select.value = method
        assert ex.comparison.method == method
        _same(ex)
    for scen in mali.scenarios:
        ex.scenario_select.value = scen.id
        assert ex.scenario == scen.id and ex.comparison.scenario == scen.id
        _same(ex)
    ex.scenario = None
    assert ex.scenario_select.value == "" and ex.comparison.scenario is None
    ex.method = "wsm"
    _same(ex)
    with pytest.raises(ValueError, match="method: 'ahp' is not one of"):
        ex.method = "ahp"
    with pytest.raises(po.CaseError, match="unknown scenario"):
        ex.scenario = "monsoon"


def test_method_that_cannot_rank_shows_a_message(toy_case: po.Case) -> None:
    # under "storm" wait scores 0 on gain, and WPM needs positive entries
    ex = WeightExplorer(toy_case, scenario="storm")
    ex.method_select.value = "wpm"
    assert "wpm cannot rank these inputs" in ex.message.value
    assert "needs strictly positive scores" in ex.message.value
    assert ex.table.value == ""
    with pytest.raises(ValueError, match="wpm cannot rank"):
        _ = ex.comparison
    ex.scenario_select.value = "calm"
    assert ex.message.value == "" and ex.error is None
    _same(ex)


# ------------------------------------------------------------------ branches
def test_by_branch_keeps_within_branch_proportions(mali: po.Case) -> None:
    ex = WeightExplorer(mali, "balanced", by="branch")
    tops = [b.id for b in mali.all_branches if b.parent is None]
    assert list(ex.sliders) == tops
    assert [s.description for s in ex.sliders.values()] == [
        b.name for b in mali.all_branches if b.parent is None
    ]
    base = mali.weights("balanced")
    assert ex.weights == pytest.approx(base, rel=1e-12)
    members = {b: [c for c, p in mali.tree_parents.items() if p == b and c in base] for b in tops}
    for b in tops:
        assert ex.sliders[b].value == pytest.approx(sum(base[c] for c in members[b]), rel=1e-12)

    raw = {b: 0.1 for b in tops}
    raw["humanitarian"] = 0.8
    ex.set_weights(raw)
    w = ex.weights
    total = sum(raw.values())
    for b, cids in members.items():
        # branch total = its slider, renormalised
        assert sum(w[c] for c in cids) == pytest.approx(raw[b] / total, rel=1e-12)
        # within the branch: the profile's proportions
        inside = sum(base[c] for c in cids)
        for c in cids:
            assert w[c] == pytest.approx(raw[b] / total * base[c] / inside, rel=1e-12)
    assert "Humanitarian 0.615" in ex.weights_text.value  # 0.8 / (5 x 0.1 + 0.8)
    _same(ex)


def test_by_branch_toy_and_zero_branch(toy_data: dict[str, Any]) -> None:
    # add a second criterion under "effect" and a profile that zeroes that branch
    toy_data["criteria"].append(
        {"id": "reach", "name": "Reach", "parent": "effect", "direction": "benefit"}
    )
    for o, s in (("act", 4), ("wait", 6), ("talk", 8)):
        toy_data["assessments"].append(
            {
                "option": o,
                "criterion": "reach",
                "score": s,
                "basis": "source",
                "rationale": "r",
                "evidence": ["ev1"],
            }
        )
    for p in toy_data["profiles"]:
        key = next(k for k in ("weights", "swing", "ranks") if k in p)
        p[key]["reach"] = 1
    toy_data["profiles"].append(
        {
            "id": "no_effect",
            "name": "No effect",
            "weights": {"gain": 0, "reach": 0, "cost": 1, "risk_burden": 3},
        }
    )
    case = po.Case.model_validate(toy_data)
    ex = WeightExplorer(case, "no_effect", by="branch")
    # "cost" has no branch: it gets a slider of its own, labelled by name
    assert list(ex.sliders) == ["effect", "cost", "risk"]
    assert [s.description for s in ex.sliders.values()] == ["Effect", "Cost", "Risk"]
    assert ex.slider_values == pytest.approx({"effect": 0.0, "cost": 0.25, "risk": 0.75})
    ex.sliders["effect"].value = 0.5  # no proportions in the profile: even split
    # raw criterion weights: gain 0.25, reach 0.25, cost 0.25, risk 0.75 (total 1.5)
    assert ex.weights == pytest.approx(
        {"gain": 0.25 / 1.5, "reach": 0.25 / 1.5, "cost": 0.25 / 1.5, "risk_burden": 0.75 / 1.5},
        rel=1e-12,
    )
    with pytest.raises(ValueError, match=r"unknown branch \['gain'\]"):
        ex.set_weights({"gain": 0.5})
    _same(ex)


# ------------------------------------------------------------------ profiles
def test_save_profile_gives_a_valid_case(mali: po.Case) -> None:
    ex = WeightExplorer(mali, "balanced", method="wsm", scenario="strangulation")
    ex.set_weights({"relief": 0.6, "fiscal_cost": 0.0, "ct_effect": 0.3})
    prof = ex.save_profile("workshop_a", "Workshop A")
    assert ex.saved_profiles == {"workshop_a": prof}
    assert prof.holder == "workshop" and prof.name == "Workshop A"
    assert "balanced" in prof.rationale and "strangulation" in prof.rationale
    assert "Saved profile 'workshop_a'" in html.unescape(ex.message.value)

    # the button path, name derived from the id
    ex.sliders["durability"].value = 1.0
    ex.profile_id_text.value = "workshop_b"
    ex.save_button.click()
    assert set(ex.saved_profiles) == {"workshop_a", "workshop_b"}
    assert ex.saved_profiles["workshop_b"].name == "Workshop b"
    assert ex.profile_id_text.value == ""

    new = ex.case_with_saved()
    assert isinstance(new, po.Case) and new is not mali
    assert [p.id for p in new.profiles] == [
        *(p.id for p in mali.profiles),
        "workshop_a",
        "workshop_b",
    ]
    assert [p.id for p in mali.profiles][-1] != "workshop_b"  # the original is untouched
    got = po.compare(new, "workshop_b", scenario="strangulation")
    np.testing.assert_allclose(got.scores, ex.comparison.scores, rtol=1e-12)
    np.testing.assert_allclose(got.weights, ex.comparison.weights, rtol=1e-12)
    assert got.ranking == ex.ranking
    assert got.profile == "workshop_b"


@pytest.mark.parametrize(
    ("ident", "shown"),
    [
        ("Bad Id", "snake_case"),
        ("1st", "snake_case"),
        ("even", "is taken"),
        ("", "type an id"),
    ],
)
def test_bad_profile_id_shows_an_error(toy_case: po.Case, ident: str, shown: str) -> None:
    ex = WeightExplorer(toy_case)
    ex.profile_id_text.value = ident
    ex.save_button.click()  # must not raise
    assert shown in ex.message.value and "Cannot save profile" in ex.message.value
    assert ex.saved_profiles == {}
    assert ex.profile_id_text.value == ident  # left for the user to fix
    with pytest.raises(ValueError):
        ex.save_profile(ident)


def test_duplicate_saved_id_and_all_zero_save(toy_case: po.Case) -> None:
    ex = WeightExplorer(toy_case)
    ex.save_profile("mine")
    ex.profile_id_text.value = "mine"
    ex.save_button.click()
    assert "is taken" in ex.message.value
    ex.set_weights({"gain": 0, "cost": 0, "risk_burden": 0})
    ex.profile_id_text.value = "nothing"
    ex.save_button.click()
    assert "All weights are 0" in ex.message.value
    assert list(ex.saved_profiles) == ["mine"]
    assert ex.case_with_saved().profile("mine").weights == pytest.approx(toy_case.weights("even"))


# ------------------------------------------------------------------ display
def test_display_delegates_to_the_widget_and_draws_lazily(
    toy_case: po.Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    drawn: list[str] = []

    def fake_png(cmp: po.Comparison) -> bytes:
        drawn.append(cmp.ranking[0])
        return f"png{len(drawn)}".encode()

    monkeypatch.setattr(widgets.explorer, "_chart_png", fake_png)
    ex = WeightExplorer(toy_case)
    ex.sliders["gain"].value = 0.9
    assert drawn == []  # nothing drawn before display
    bundle = ex._repr_mimebundle_()
    view = bundle["application/vnd.jupyter.widget-view+json"]
    assert view["model_id"] == ex.widget.model_id
    assert ex.chart.value == b"png1" and ex.chart.layout.display is None
    ex.sliders["gain"].value = 1.0  # displayed + live: redrawn
    assert ex.chart.value == b"png2"
    ex.set_weights({"gain": 0, "cost": 0, "risk_burden": 0})
    assert ex.chart.value == b""  # no chart without a comparison
    assert ex.chart.layout.display == "none"
    assert len(drawn) == 2


def test_live_chart_off_draws_on_demand(toy_case: po.Case, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []

    def fake_png(cmp: po.Comparison) -> bytes:
        calls.append(1)
        return b"x"

    monkeypatch.setattr(widgets.explorer, "_chart_png", fake_png)
    ex = WeightExplorer(toy_case, live_chart=False)
    assert ex.draw_button.layout.display != "none"
    ex._repr_mimebundle_()
    assert len(calls) == 1
    ex.sliders["gain"].value = 0.9
    assert len(calls) == 1  # not redrawn by itself
    ex.draw_button.click()
    assert len(calls) == 2 and ex.chart.value == b"x"


def test_chart_png_is_a_png(toy_case: po.Case) -> None:
    for method in ("wsm", "vikor"):
        png = widgets._chart_png(po.compare(toy_case, method=method))
        assert png[:8] == b"\x89PNG\r\n\x1a\n"


def test_fallback_chart_stacks_contributions(toy_case: po.Case) -> None:
    cmp = po.compare(toy_case, "even")
    fig = widgets._fallback_chart(cmp)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Talk", "Wait", "Act"]
    # the right end of each stacked bar is the option's score
    ends: dict[int, float] = {}
    for patch in ax.patches:
        assert isinstance(patch, Rectangle)
        y = round(patch.get_y() + patch.get_height() / 2)
        ends[y] = max(ends.get(y, 0.0), patch.get_x() + patch.get_width())
    assert [ends[y] for y in (2, 1, 0)] == pytest.approx(
        [cmp.scores[o] for o in cmp.ranking], rel=1e-12
    )


# ------------------------------------------------------------------ errors
def test_constructor_errors(toy_case: po.Case) -> None:
    with pytest.raises(ValueError, match="by: 'tree' is not one of 'criterion', 'branch'"):
        WeightExplorer(toy_case, by="tree")
    with pytest.raises(ValueError, match="method: 'electre' is not one of"):
        WeightExplorer(toy_case, method="electre")
    with pytest.raises(po.CaseError, match="unknown scenario 'flood'"):
        WeightExplorer(toy_case, scenario="flood")
    with pytest.raises(po.CaseError, match="unknown profile 'nope'"):
        WeightExplorer(toy_case, "nope")
    with pytest.raises(TypeError, match="case: expected a policyopts Case"):
        WeightExplorer({"id": "toy"})  # type: ignore[arg-type]


def test_missing_ipywidgets_names_the_extra(
    toy_case: po.Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "ipywidgets", None)
    with pytest.raises(ImportError, match=r"pip install policyopts\[widgets\]"):
        WeightExplorer(toy_case)
