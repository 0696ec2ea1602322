"""Portfolio figures show the numbers of the results they are given."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure

import policyopts as po
from policyopts import plots


@pytest.fixture(scope="module")
def toy() -> po.Case:
    return po.load_case("toy_portfolio")


def _texts(fig: Figure) -> list[str]:
    return [t.get_text() for ax in fig.axes for t in ax.texts]


def test_frontier_plots_every_portfolio_and_marks_the_robust_ones(toy: po.Case) -> None:
    ranking = po.portfolios(toy)
    robust = po.rpm_case(toy)
    fig = plots.portfolio_frontier(ranking, robust=robust)
    ax = fig.axes[0]
    dots, front, rings = (c for c in ax.collections if isinstance(c, PathCollection))
    np.testing.assert_allclose(
        dots.get_offsets(), ranking.table[["cost money", "score"]].to_numpy()
    )
    np.testing.assert_allclose(
        front.get_offsets(), ranking.frontier[["cost money", "score"]].to_numpy()
    )
    assert len(rings.get_offsets()) == len(robust.portfolios)
    texts = _texts(fig)
    assert "Aid + Mediation + Governance" in texts
    assert "Mediation + Border + Governance" in texts  # robust, off the frontier
    bold = [t for t in ax.texts if t.get_fontweight() == "bold"]
    assert [t.get_text() for t in bold] == ["Aid + Mediation + Governance"]
    assert ax.get_xlabel() == "Cost: money (USD million)"
    assert all(t.get_fontsize() >= 10 for t in ax.texts)


def test_frontier_other_resource_and_errors(toy: po.Case) -> None:
    ranking = po.portfolios(toy)
    fig = plots.portfolio_frontier(ranking, resource="political_capital", title="PC")
    assert fig.axes[0].get_xlabel() == "Cost: political_capital (points)"
    with pytest.raises(ValueError, match="resource: 'gold'"):
        plots.portfolio_frontier(ranking, resource="gold")
    with pytest.raises(TypeError, match="PortfolioRanking"):
        plots.portfolio_frontier(po.rpm_case(toy))  # type: ignore[arg-type]


def test_core_index_bars(toy: po.Case) -> None:
    robust = po.rpm_case(toy)
    fig = plots.core_index(robust)
    ax = fig.axes[0]
    widths = sorted(p.get_width() for p in ax.patches)
    assert widths == sorted(robust.core_index.tolist())
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[:2] == ["Mediation", "Governance"]
    assert "100% · core" in _texts(fig)
    arr = po.rpm(
        [[0.6, 0.1], [0.2, 0.7], [0.1, 0.9]],
        [2, 3, 3],
        5,
        po.interval_weights([0.3, 0.3], [0.7, 0.7]),
    )
    fig = plots.core_index(arr, labels=["A", "B", "C"])
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["A", "B", "C"]
    first = plots.core_index(arr).axes[0].get_yticklabels()[0]
    assert first.get_text() == "Action 1"
    with pytest.raises(ValueError, match="labels: need 3"):
        plots.core_index(arr, labels=["A"])
    with pytest.raises(TypeError, match="CaseRPM or RPMResult"):
        plots.core_index("x")  # type: ignore[arg-type]


def test_membership_grid_for_each_result(toy: po.Case) -> None:
    ranking = po.portfolios(toy)
    fig = plots.portfolio_membership(ranking, limit=4)
    grid = fig.axes[0].images[0].get_array()
    np.testing.assert_array_equal(np.asarray(grid), ranking.membership.head(4).to_numpy(float))
    assert "0.760" in _texts(fig)
    robust = po.rpm_case(toy)
    fig = plots.portfolio_membership(robust)
    assert np.asarray(fig.axes[0].images[0].get_array()).shape == (2, 6)
    smaa = po.portfolio_smaa(toy, n_samples=500, seed=0, uncertain_scores=False)
    fig = plots.portfolio_membership(smaa, limit=3)
    assert np.asarray(fig.axes[0].images[0].get_array()).shape == (3, 6)
    assert any(t.endswith("%") for t in _texts(fig))
    with pytest.raises(ValueError, match="limit"):
        plots.portfolio_membership(ranking, limit=0)
    with pytest.raises(TypeError, match="PortfolioRanking, CaseRPM or PortfolioSMAA"):
        plots.portfolio_membership("x")  # type: ignore[arg-type]
