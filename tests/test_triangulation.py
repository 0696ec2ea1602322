"""Method triangulation: ranks side by side, similarity, disagreement flag."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

import policyopts as po


def test_ranks_match_compare(mali: po.Case) -> None:
    tri = po.triangulate(mali, "balanced")
    for method in po.methods.available():
        assert tri.ranks[method].tolist() == po.compare(mali, "balanced", method).ranks.tolist()


def test_similarity_matches_scipy(mali: po.Case) -> None:
    tri = po.triangulate(mali, "even_branches")
    r = tri.ranks
    for a in r.columns:
        for b in r.columns:
            tau = stats.kendalltau(r[a], r[b]).statistic
            rho = stats.spearmanr(r[a], r[b]).statistic
            assert tri.similarity["kendall"].loc[a, b] == pytest.approx(tau)
            assert tri.similarity["spearman"].loc[a, b] == pytest.approx(rho)
    np.testing.assert_allclose(np.diag(tri.similarity["ws"]), 1.0)


def test_disagreement_is_flagged_in_words(mali: po.Case) -> None:
    agree = po.triangulate(mali, "humanitarian_first")
    n = len(po.methods.available())
    assert agree.agree_on_top and agree.verdict().startswith(f"All {n} methods put")
    split = po.triangulate(mali, "regional_partners")
    assert not split.agree_on_top
    assert split.verdict().startswith("Methods disagree on the top option:")
    assert "Methods disagree" in split.to_markdown()


def test_subset_and_options(toy_case: po.Case) -> None:
    tri = po.triangulate(toy_case, methods=["wsm", "vikor"], method_options={"vikor": {"v": 0.9}})
    assert list(tri.ranks.columns) == ["wsm", "vikor"]
    assert tri.comparisons["vikor"].method_options == {"v": 0.9}


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"methods": []}, "methods: need at least one"),
        ({"methods": ["electre"]}, "method: 'electre' is not one of"),
        ({"methods": ["wsm"], "method_options": {"vikor": {"v": 1}}}, "method_options"),
    ],
)
def test_bad_arguments(toy_case: po.Case, kwargs: dict[str, object], words: str) -> None:
    with pytest.raises(ValueError, match=words):
        po.triangulate(toy_case, **kwargs)  # type: ignore[arg-type]
