"""What the explorer shows besides its sliders: messages and the contribution
chart as a PNG."""

from __future__ import annotations

import importlib
import importlib.util
import io
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from policyopts.compare import Comparison

if TYPE_CHECKING:
    from matplotlib.figure import Figure


_BY = ("criterion", "branch")
#: Dropdown value standing for "no scenario" (not a valid id, so it cannot clash).
_BASELINE = ""
_ALL_ZERO = (
    "All weights are 0: move at least one slider above 0 to rank the options (or press Reset)."
)
_HINT = 'the weight explorer needs ipywidgets: pip install policyopts[widgets] (or "ipywidgets>=8")'


def _ipywidgets() -> Any:
    """The ``ipywidgets`` module, or an ImportError saying how to get it."""
    try:
        return importlib.import_module("ipywidgets")
    except ImportError as exc:
        raise ImportError(_HINT) from exc


def _fmt(x: float) -> str:
    return f"{x:.3f}"


def _error_html(text: str) -> str:
    return str(Markup('<span style="color:#b00020">{}</span>').format(text))


def _note_html(text: str) -> str:
    return str(Markup('<span style="color:#1b5e20">{}</span>').format(text))


def _root(node: str, parents: Mapping[str, str | None]) -> str:
    """The top-level ancestor of ``node`` in the value tree (``node`` itself at the top)."""
    seen = {node}
    while True:
        parent = parents.get(node)
        if parent is None or parent in seen:
            return node
        seen.add(parent)
        node = parent


def _fallback_chart(cmp: Comparison) -> Figure:
    """A horizontal stacked bar of ``cmp.contributions`` (or of the scores when
    the method is not additive), best option on top."""
    import matplotlib as mpl
    from matplotlib.figure import Figure

    order = cmp.ranking
    labels = [cmp.option_names[o] for o in order]
    fig = Figure(figsize=(7.0, 0.5 * len(order) + 1.6), layout="constrained")
    ax = fig.add_subplot()
    ypos = list(range(len(order)))[::-1]
    if cmp.contributions is not None:
        contrib = cmp.contributions.loc[order]
        left = [0.0] * len(order)
        colours = mpl.colormaps["tab20"]
        for k, cid in enumerate(contrib.columns):
            widths = [float(v) for v in contrib[cid]]
            ax.barh(
                ypos,
                widths,
                left=left,
                color=colours(k % 20),
                label=cmp.criterion_names[str(cid)],
            )
            left = [a + b for a, b in zip(left, widths, strict=True)]
        ax.set_xlabel("score = Σ weight × value")
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small", frameon=False)
    else:
        scores = [float(cmp.scores[o]) for o in order]
        ax.barh(ypos, scores, color="#4c72b0")
        direction = "higher is better" if cmp.higher_is_better else "lower is better"
        ax.set_xlabel(f"{cmp.method} score ({direction})")
    ax.set_yticks(ypos, labels)
    ax.set_title("Contributions by criterion" if cmp.contributions is not None else "Scores")
    return fig


def _chart_png(cmp: Comparison) -> bytes:
    """PNG bytes of the contribution chart of ``cmp``.

    Uses ``policyopts.plots.contributions`` when that module is installed and
    the comparison is additive, else :func:`_fallback_chart`.
    """
    fig: Any = None
    if cmp.contributions is not None and importlib.util.find_spec("policyopts.plots") is not None:
        plots = importlib.import_module("policyopts.plots")
        draw = getattr(plots, "contributions", None)
        if callable(draw):
            fig = draw(cmp)
    if fig is None:
        fig = _fallback_chart(cmp)
    buffer = io.BytesIO()
    try:
        fig.savefig(buffer, format="png", dpi=90)
    finally:
        pyplot = sys.modules.get("matplotlib.pyplot")
        if pyplot is not None:
            pyplot.close(fig)
    return buffer.getvalue()
