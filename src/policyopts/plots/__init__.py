"""Matplotlib figures for workshops and briefs.

Every function draws a result the analysis layer already computed (presentation
never computes) and returns a :class:`matplotlib.figure.Figure`. Figures are
built with the object-oriented API (``Figure()``, ``fig.subplots()``), never
through pyplot, so nothing is registered globally and nothing leaks: a figure
is garbage once the caller drops it. Pass ``ax=`` to draw into an Axes of your
own (the function then returns that Axes' figure); ``figsize`` and ``title``
adjust the figure the function makes.

Conventions, chosen for a projector: labels are option, criterion, risk and
profile *names*; fonts are 10 pt or larger; layout is constrained so that
labels and legends are not cut off; colours come from the Okabe–Ito palette,
which stays distinguishable under the common colour-vision deficiencies
(Okabe & Ito 2008); the top option is set in bold where a plot has one; and a
subtitle under the title says what produced the figure (profile, method,
scenario, case, library version).

Matplotlib is imported inside the functions, so ``import policyopts`` stays
fast for users who never plot.

Examples
--------
>>> import policyopts as po
>>> from policyopts import plots
>>> fig = plots.contributions(po.compare(po.load_case("mali"), "balanced"))
>>> type(fig).__name__
'Figure'
"""

from __future__ import annotations

from policyopts.plots._common import (
    MAX_FIGURE_INCHES,
    MAX_LABEL,
    MAX_TICK_LABEL,
    PALETTE,
    literal_text,
)
from policyopts.plots.comparison import (
    contributions,
    why,
)
from policyopts.plots.drivers import drivers
from policyopts.plots.pathways import pathways_map
from policyopts.plots.profiles import (
    ranks_by_method,
    ranks_by_profile,
    weights_by_profile,
)
from policyopts.plots.risks import (
    risk_burden,
    risk_matrix,
)
from policyopts.plots.robustness import (
    regret_heatmap,
    sobol,
    stability,
)
from policyopts.plots.sensitivity import (
    one_way,
    rank_acceptability,
    tornado,
)
from policyopts.plots.tree import (
    value_tree,
)

__all__ = [
    "MAX_FIGURE_INCHES",
    "MAX_LABEL",
    "MAX_TICK_LABEL",
    "PALETTE",
    "contributions",
    "core_index",
    "drivers",
    "literal_text",
    "one_way",
    "pathways_map",
    "portfolio_frontier",
    "portfolio_membership",
    "rank_acceptability",
    "ranks_by_method",
    "ranks_by_profile",
    "regret_heatmap",
    "risk_burden",
    "risk_matrix",
    "sobol",
    "stability",
    "tornado",
    "value_tree",
    "weights_by_profile",
    "why",
]

from policyopts.plots.portfolio import core_index, portfolio_frontier, portfolio_membership
