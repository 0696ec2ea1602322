"""po.drivers: each criterion's share of the differences between options."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import policyopts as po
from policyopts.drivers import drivers_section, pairwise_shares


def test_shares_by_hand(toy_case: po.Case) -> None:
    """Toy case, equal weights: values gain (.7, .2, .5), cost (.4, .95, .8),
    burden 1 - b/2.7 with b = (.96, .12, .36). Sums of absolute pairwise value
    differences: 1.0, 1.1 and 28/45, in total 49/18."""
    d = po.drivers(toy_case, "even")
    assert d.shares["gain"] == pytest.approx(18 / 49)
    assert d.shares["cost"] == pytest.approx(1.1 * 18 / 49)
    assert d.shares["risk_burden"] == pytest.approx(8 / 35)
    assert d.shares.sum() == pytest.approx(1.0)
    assert d.branch_shares.sum() == pytest.approx(1.0)
    # top option: talk (.5 + .8 + .866667)/3; gap to act by criterion, over 3
    assert d.top == "talk"
    gap = np.array([0.5 - 0.7, 0.8 - 0.4, (1 - 0.36 / 2.7) - (1 - 0.96 / 2.7)]) / 3
    np.testing.assert_allclose(d.gap.loc["act"], gap)
    np.testing.assert_allclose(d.gap_shares.loc["act"], np.abs(gap) / np.abs(gap).sum())
    np.testing.assert_allclose(d.gap_shares.sum(axis=1), 1.0)
    cmp = po.compare(toy_case, "even")
    np.testing.assert_allclose(
        d.gap.sum(axis=1), [cmp.scores["talk"] - cmp.scores[o] for o in d.gap.index]
    )


def test_branch_shares_aggregate_contributions(mali: po.Case) -> None:
    d = po.drivers(mali, "balanced")
    assert d.branch_shares.sum() == pytest.approx(1.0)
    assert set(d.branch_shares.index) == {b.id for b in mali.all_branches}
    assert d.branch_weights.sum() == pytest.approx(1.0)
    cmp = po.compare(mali, "balanced")
    assert cmp.contributions is not None
    parents = mali.tree_parents
    branch = {
        b: cmp.contributions[[c for c in d.shares.index if parents[str(c)] == b]]
        .sum(axis=1)
        .to_numpy()
        for b in d.branch_shares.index
    }
    raw = {b: sum(abs(x - y) for x in v for y in v) / 2 for b, v in branch.items()}
    total = sum(raw.values())
    for b, value in raw.items():
        assert d.branch_shares[b] == pytest.approx(value / total)


def test_drivers_renders_and_section(mali: po.Case) -> None:
    d = po.drivers(mali, "balanced", scenario="expected")
    assert "Share" in d.to_text()
    assert d.sentences()[0].startswith("Share of the differences")
    assert "gap_share_" in d.to_csv()
    sec = drivers_section(mali, "balanced")
    assert sec["title"] == "What drives the answer"
    assert "<table" in str(sec["table_html"])
    # the rebuilt case's plausible burden scale lets the risk weight count
    assert "risk" not in po.drivers(mali, "balanced").inert()
    data = mali.model_dump(mode="json", exclude_none=True)
    data["risk_criterion"]["scale"] = {"min": 0, "max": 200}
    swamped = po.drivers(po.Case.model_validate(data), "balanced")
    assert "risk" in swamped.inert()
    assert any("hardly reaches" in s for s in swamped.sentences())


def test_pairwise_shares_checks_shape() -> None:
    with pytest.raises(ValueError, match="contributions"):
        pairwise_shares(np.ones(3))
    np.testing.assert_array_equal(pairwise_shares(np.ones((3, 2))), [0.0, 0.0])


@settings(max_examples=50, deadline=None)
@given(
    values=hnp.arrays(np.float64, (4, 3), elements=st.floats(0, 1)),
    w=hnp.arrays(np.float64, 3, elements=st.floats(0.01, 10)),
    scale=st.floats(0.01, 100),
)
def test_shares_invariant_to_weight_rescaling(
    values: np.ndarray, w: np.ndarray, scale: float
) -> None:
    a = pairwise_shares(values * w)
    b = pairwise_shares(values * (scale * w))
    np.testing.assert_allclose(a, b, atol=1e-9)
    if a.sum() > 0:
        assert a.sum() == pytest.approx(1.0)


@settings(max_examples=15, deadline=None)
@given(
    w=st.lists(st.floats(0.05, 5), min_size=3, max_size=3),
    scale=st.floats(0.1, 50),
)
def test_case_drivers_invariant_to_weight_rescaling(w: list[float], scale: float) -> None:
    from tests.toycase import _MINIMAL

    toy_case = po.Case.model_validate(_MINIMAL)
    ids = ["gain", "cost", "risk_burden"]
    a = po.drivers(toy_case, weights=dict(zip(ids, w, strict=True)))
    b = po.drivers(toy_case, weights={c: scale * x for c, x in zip(ids, w, strict=True)})
    np.testing.assert_allclose(a.shares, b.shares, atol=1e-12)
    np.testing.assert_allclose(a.gap_shares, b.gap_shares, atol=1e-12)


def test_cli_compare_drivers(capsys: pytest.CaptureFixture[str]) -> None:
    from policyopts.cli import main

    assert main(["compare", "--drivers", "-p", "balanced"]) == 0
    out = capsys.readouterr().out
    assert "what drives the answer" in out and "Risk burden" in out
    assert main(["compare", "--drivers", "-p", "balanced", "-f", "csv"]) == 0
    assert "share" in capsys.readouterr().out
