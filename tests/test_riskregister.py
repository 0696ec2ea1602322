"""The risk register view."""

from __future__ import annotations

import numpy as np
import pytest

import policyopts as po


def test_burdens_by_hand(toy_case: po.Case) -> None:
    reg = po.risk_register(toy_case)
    assert reg.table.loc["backfire", "severity"] == pytest.approx(1.2)
    np.testing.assert_allclose(reg.burdens.loc["backfire"], [0.96, 0.12, 0.36])
    np.testing.assert_allclose(reg.totals, po.compare(toy_case).table["risk_burden"])


def test_scenario_overrides_likelihood(toy_case: po.Case) -> None:
    reg = po.risk_register(toy_case, scenario="storm")
    assert reg.table.loc["backfire", "likelihood"] == 0.9
    np.testing.assert_allclose(
        reg.totals, po.compare(toy_case, scenario="storm").table["risk_burden"]
    )


def test_mali_register_renders(mali: po.Case) -> None:
    reg = po.risk_register(mali)
    # risks with impacts on criteria move scores and stay out of the register
    assert len(reg.table) == sum(r.in_burden for r in mali.risks) < len(mali.risks)
    md = reg.to_markdown()
    assert "Total burden" in md and mali.risks[0].name in md
    assert reg.top_risks("humanitarian", 1).index[0] == "bamako_collapse_or_coup"
    with pytest.raises(ValueError, match="option: unknown option"):
        reg.top_risks("ghost")
