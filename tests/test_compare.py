"""compare() and compare_profiles(): labelled tables, contributions, renderers."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import policyopts as po


def test_table_layout(mali: po.Case) -> None:
    cmp = po.compare(mali, profile="balanced", method="wsm")
    assert list(cmp.table.index) == mali.option_ids
    assert list(cmp.table.columns) == [*mali.criterion_ids, "score", "rank"]
    assert sorted(cmp.ranking) == sorted(mali.option_ids)
    assert cmp.table.loc[cmp.ranking[0], "rank"] == 1
    assert cmp.weights.sum() == pytest.approx(1.0)
    assert cmp.profile == "balanced" and cmp.method == "wsm" and cmp.normalization == "scale"
    assert cmp.version == po.__version__


def test_default_profile_is_the_cases(mali: po.Case) -> None:
    assert po.compare(mali).profile == mali.default_profile


def test_wsm_by_hand(toy_case: po.Case) -> None:
    """Score = Σ w_j v_j with linear values over each criterion's declared scale."""
    cmp = po.compare(toy_case, "even")
    w = np.full(3, 1 / 3)
    burden_max = 0.9 * 3  # highest likelihood anywhere x impact
    burdens = {"act": 0.4 * 3 * 0.8, "wait": 0.4 * 3 * 0.1, "talk": 0.4 * 3 * 0.3}
    expected = {
        "act": w @ [7 / 10, 1 - 60 / 100, 1 - burdens["act"] / burden_max],
        "wait": w @ [2 / 10, 1 - 5 / 100, 1 - burdens["wait"] / burden_max],
        "talk": w @ [5 / 10, 1 - 20 / 100, 1 - burdens["talk"] / burden_max],
    }
    for o, value in expected.items():
        assert cmp.scores[o] == pytest.approx(value)
    assert cmp.table.loc["act", "risk_burden"] == pytest.approx(burdens["act"])
    assert cmp.ranking == sorted(expected, key=lambda o: -expected[o])


def test_contributions_sum_to_scores(mali: po.Case) -> None:
    for profile in mali.profiles:
        cmp = po.compare(mali, profile.id)
        assert cmp.contributions is not None
        np.testing.assert_allclose(cmp.contributions.sum(axis=1), cmp.scores)


def test_why_and_explain(mali: po.Case) -> None:
    cmp = po.compare(mali, "balanced")
    a, b = cmp.ranking[0], cmp.ranking[-1]
    why = cmp.why(a, b)
    assert why["difference"].sum() == pytest.approx(cmp.scores[a] - cmp.scores[b])
    assert list(why.index) == list(why["difference"].abs().sort_values(ascending=False).index)
    text = cmp.explain(a, b)
    assert text.startswith(f"{mali.option(a).label} beats {mali.option(b).label} by ")
    with pytest.raises(ValueError, match="a: unknown option 'ghost'"):
        cmp.why("ghost", b)


def test_scenario_changes_scores_and_burdens(toy_case: po.Case) -> None:
    base = po.compare(toy_case, "even")
    storm = po.compare(toy_case, "even", scenario="storm")
    assert storm.table.loc["wait", "gain"] == 0
    assert storm.table.loc["act", "risk_burden"] == pytest.approx(0.9 * 3 * 0.8)
    assert base.table.loc["wait", "gain"] == 2
    assert storm.scenario == "storm"


def test_explicit_weights_and_kernel_normalization(toy_case: po.Case) -> None:
    cmp = po.compare(
        toy_case, weights={"gain": 2, "cost": 1, "risk_burden": 1}, normalization="minmax"
    )
    assert cmp.profile is None
    assert cmp.weights["gain"] == pytest.approx(0.5)
    # minmax over the options: gain 7,2,5 -> 1, 0, 0.6
    np.testing.assert_allclose(cmp.values["gain"], [1.0, 0.0, 0.6])


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"method": "electre"}, "method: 'electre' is not one of"),
        ({"normalization": "l2"}, "normalization: 'l2' is not one of"),
        ({"profile": "ghost"}, "unknown profile 'ghost'"),
        ({"scenario": "ghost"}, "unknown scenario 'ghost'"),
        ({"weights": {"gain": 1}}, "weights: missing criteria"),
    ],
)
def test_bad_arguments(toy_case: po.Case, kwargs: dict[str, object], words: str) -> None:
    with pytest.raises(ValueError, match=words):
        po.compare(toy_case, **kwargs)  # type: ignore[arg-type]


def test_renderers(tmp_path: Path, mali: po.Case) -> None:
    cmp = po.compare(mali, "balanced")
    md = cmp.to_markdown()
    for option in mali.options:
        assert option.label in md
    assert md.splitlines()[1].startswith("|:--|")
    html = cmp.to_html()
    assert html.startswith('<table class="policyopts-table">') and 'class="top"' in html
    assert cmp._repr_html_() == html
    latex = cmp.to_latex()
    assert r"\begin{tabular}" in latex and r"\toprule" in latex
    text = cmp.to_csv()
    assert text is not None and text.splitlines()[0].startswith("option,name,")
    out = tmp_path / "t.csv"
    cmp.to_csv(out)
    frame = pd.read_csv(out, index_col=0)
    assert list(frame.index) == mali.option_ids
    assert "balanced" in str(cmp)
    assert cmp.summary().startswith(mali.option(cmp.top).label + " ranks first")


def test_compare_profiles(mali: po.Case) -> None:
    pc = po.compare_profiles(mali)
    assert list(pc.ranks.columns) == [p.id for p in mali.profiles]
    for p in mali.profiles:
        assert pc.ranks[p.id].tolist() == po.compare(mali, p.id).ranks.tolist()
    assert pc.weights.sum().round(12).eq(1).all()
    assert isinstance(pc.same_top, bool)
    assert "Rank of each option" in pc.to_markdown()
