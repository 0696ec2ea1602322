"""The per-profile robustness summary agrees with the analyses it gathers."""

from __future__ import annotations

import numpy as np
import pytest

import policyopts as po
from policyopts.sensitivity.summary import FIRM, FRAGILE, _verdict


@pytest.fixture(scope="module")
def summary(mali: po.Case) -> po.RobustnessSummary:
    return po.robustness_summary(mali, n_samples=4_000, seed=1)


def test_one_row_per_profile(summary: po.RobustnessSummary, mali: po.Case) -> None:
    assert list(summary.table.index) == [p.id for p in mali.profiles]
    assert len(summary.sentences()) == len(mali.profiles)


def test_rows_match_the_underlying_analyses(summary: po.RobustnessSummary, mali: po.Case) -> None:
    for pid, row in summary.table.iterrows():
        cmp = po.compare(mali, str(pid))
        assert row["top"] == cmp.top
        sm = po.smaa_case(mali, str(pid), n_samples=4_000, seed=1, weights="profile")
        assert row["smaa_first"] == pytest.approx(sm.first_rank[cmp.top])
        flips = po.flip_analysis(mali, str(pid)).weight_flips
        assert row["flip_l1"] == pytest.approx(flips.loc[flips["feasible"], "l1"].min())
        assert row["methods_agree"] == po.triangulate(mali, str(pid)).agree_on_top
        assert row["verdict"] == _verdict(row["smaa_first"])


def test_verdict_thresholds() -> None:
    assert _verdict(FIRM) == "firm"
    assert _verdict(np.nextafter(FIRM, 0)) == "contested"
    assert _verdict(FRAGILE) == "contested"
    assert _verdict(np.nextafter(FRAGILE, 0)) == "fragile"


def test_renders(summary: po.RobustnessSummary) -> None:
    md = summary.to_markdown()
    assert "Minimax regret" in md and "SMAA-2" in md
    assert summary.to_html().startswith("<table")


def test_no_profiles(toy_data: dict[str, object]) -> None:
    case = po.Case.model_validate(toy_data)
    with pytest.raises(ValueError, match="profiles"):
        po.robustness_summary(case, profiles=[])
