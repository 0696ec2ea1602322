"""plots.drivers draws the weights and shares the analysis computed."""

from __future__ import annotations

import numpy as np
import pytest

import policyopts as po
from policyopts import plots


def test_drivers_plot_bars_match_the_result(mali: po.Case) -> None:
    d = po.drivers(mali, "balanced")
    fig = plots.drivers(d, level="criterion")
    ax = fig.axes[0]
    widths = sorted(p.get_width() for p in ax.patches)
    np.testing.assert_allclose(widths, sorted([*d.shares, *d.weights]))
    labels = [t.get_text() for t in ax.get_yticklabels()]
    top = str(d.shares.idxmax())
    assert labels[0] == d.criterion_names[top]  # largest share first (on top)
    assert any("profile balanced" in t.get_text() for t in ax.texts)


def test_drivers_plot_checks_input(mali: po.Case) -> None:
    with pytest.raises(TypeError, match="result"):
        plots.drivers(po.compare(mali))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="level"):
        plots.drivers(po.drivers(mali), level="option")  # type: ignore[arg-type]
