"""What drives the answer: each criterion's weight beside its share of the differences.

Drawn from :func:`policyopts.drivers`; house style as in :mod:`policyopts.plots`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import numpy as np
from numpy.typing import NDArray

from policyopts.drivers import Drivers
from policyopts.methods import SCALE_NORMALIZATION
from policyopts.plots._common import (
    _FS_ANN,
    _FS_LABEL,
    _GAIN,
    _axes,
    _check,
    _labelled_legend,
    _lighten,
    _literal,
    _percent_axis,
    _provenance_of,
    _row_labels,
    _rows,
    _tidy,
    _titles,
    _wrap,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["drivers"]


@_literal
def drivers(
    result: Drivers,
    *,
    level: Literal["branch", "criterion"] = "branch",
    ax: Axes | None = None,
    figsize: tuple[float, float] | None = None,
    title: str | None = None,
) -> Figure:
    """Weight against share of the differences between options, per branch or criterion.

    Two bars per row: the weight (light) and the share of the differences
    between options :math:`s_j = D_j / \\sum_k D_k` (solid; see
    :mod:`policyopts.drivers`). A weight far above its share is a weight
    that hardly reaches the answer: the options score alike there, or its
    scale is much wider than the options' spread. Rows are sorted by share,
    largest on top.

    Parameters
    ----------
    result : Drivers
        From :func:`policyopts.drivers`.
    level : {"branch", "criterion"}, default "branch"
    ax, figsize, title
        As for :func:`policyopts.plots.contributions`.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import policyopts as po
    >>> from policyopts import plots
    >>> fig = plots.drivers(po.drivers(po.load_case("mali"), "balanced"))
    >>> len(fig.axes[0].patches)
    12
    """
    d = _drivers_data(result, level)
    n, s, w = len(d.labels), d.shares, d.weights
    fig, ax = _axes(ax, figsize, (10.5, max(4.0, 0.55 * n + 2.4)))
    y = _rows(n)
    h = 0.38
    ax.barh(y + h / 2, w, height=h, color=_lighten(_GAIN, 0.6), label="Weight")
    ax.barh(y - h / 2, s, height=h, color=_GAIN, label="Share of the differences")
    top = float(max(s.max(initial=0.0), w.max(initial=0.0), 1e-12))
    for k in range(n):
        ax.text(
            s[k] + 0.01 * top,
            y[k] - h / 2,
            f"{100 * s[k]:.1f}%",
            va="center",
            ha="left",
            fontsize=_FS_ANN,
        )
    ax.set_xlim(0.0, 1.15 * top)
    _percent_axis(ax.xaxis)
    _row_labels(ax, [_wrap(label, 22) for label in d.labels], pad=0.7)
    _tidy(ax, grid="x")
    ax.set_xlabel(d.xlabel, fontsize=_FS_LABEL)
    _labelled_legend(ax)
    _titles(fig, ax, title or d.title, d.subtitle)
    return fig


@dataclass(frozen=True, eq=False)
class _Drivers:
    """What :func:`drivers` draws (also drawn by the HTML brief): rows sorted by
    share, largest first, with their labels, shares and weights."""

    labels: list[str]
    shares: NDArray[np.float64]
    weights: NDArray[np.float64]
    title: str
    subtitle: str
    xlabel: str = "Weight and share of the differences between options"


def _drivers_data(result: Drivers, level: str) -> _Drivers:
    _check(result, Drivers, "result")
    if level not in ("branch", "criterion"):
        raise ValueError(f"level: expected 'branch' or 'criterion', got {level!r}")
    if level == "branch":
        shares, weights, names = result.branch_shares, result.branch_weights, result.branch_names
    else:
        shares, weights, names = result.shares, result.weights, result.criterion_names
    order = [str(k) for k in shares.sort_values(ascending=False, kind="stable").index]
    what = "branch" if level == "branch" else "criterion"
    return _Drivers(
        labels=[names.get(k, k) for k in order],
        shares=shares.loc[order].to_numpy(dtype=np.float64),
        weights=weights.loc[order].to_numpy(dtype=np.float64),
        title=f"What drives the answer: each {what}'s weight and its reach",
        subtitle=_provenance_of(
            result,
            "profile",
            "scenario",
            extra=["Share: sum of absolute pairwise differences of weighted values"],
            method="wsm",
            normalization=SCALE_NORMALIZATION,
        ),
    )
