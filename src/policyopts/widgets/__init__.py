"""Live weight sliders for workshops: move a weight, watch the ranking move.

:class:`WeightExplorer` puts one slider per criterion (or per branch of the
value tree) next to the ranking table and a contribution chart of a case.
Every slider move re-runs :func:`policyopts.compare` with the current weights,
so the table a workshop sees is exactly the table a brief would print. A
weighting the room agrees on can be kept as a named
:class:`~policyopts.model.WeightProfile` and added to the case.

The widgets need the optional ``ipywidgets`` package
(``pip install policyopts[widgets]``); it is imported only when an explorer
is built. Nothing here computes anything beyond renormalising the sliders:
the numbers come from :func:`policyopts.compare`.
"""

from __future__ import annotations

from policyopts.widgets._render import _chart_png as _chart_png
from policyopts.widgets._render import _fallback_chart as _fallback_chart
from policyopts.widgets.explorer import WeightExplorer as WeightExplorer
from policyopts.widgets.explorer import explore as explore

__all__ = ["WeightExplorer", "explore"]
