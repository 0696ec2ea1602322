"""The brief's figures as inline SVG, drawn by a small chart module of our own.

The HTML brief does not draw its figures with matplotlib (that stays for
notebooks and :mod:`policyopts.plots`): each figure is an ``<svg>`` element
written into the page. Why:

- crisp at any zoom, on a projector or in print (vector, not pixels);
- the figure's text is real text: selectable, searchable, read by screen
  readers (each chart has ``role="img"``, an ``aria-label`` and a ``<title>``;
  cut labels keep their full text as a tooltip);
- a smaller HTML file, and no plotting stack needed to write a brief (writing
  one never imports matplotlib), so it is written faster.

Safety: case text reaches a chart only through :func:`escape` (text nodes and
attribute values alike) and numbers only through :func:`num`; the chart is
handed to the autoescaping templates as :class:`markupsafe.Markup` only after
it was built from those parts.

The primitives take plain data (labels, numbers, colours) and return the SVG:
:func:`stacked_bars`, :func:`grouped_bars`, :func:`range_bars`,
:func:`diverging_bars`, :func:`heatmap`, :func:`tree` and :func:`bubbles`.
"""

from policyopts.report._svg._canvas import WIDTH, Canvas, Key, escape, num
from policyopts.report._svg._charts import (
    Bar,
    TreeNode,
    diverging_bars,
    grouped_bars,
    heatmap,
    range_bars,
    stacked_bars,
    tree,
)
from policyopts.report._svg._scatter import bubbles

__all__ = [
    "WIDTH",
    "Bar",
    "Canvas",
    "Key",
    "TreeNode",
    "bubbles",
    "diverging_bars",
    "escape",
    "grouped_bars",
    "heatmap",
    "num",
    "range_bars",
    "stacked_bars",
    "tree",
]
