"""Figures of one comparison: contributions by criterion and why one option beats another."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from policyopts.compare import Comparison
from policyopts.methods import REGISTRY
from policyopts.model import Case

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


from policyopts.plots._charts import (
    _bar_ends,
    _criterion_groups,
    _group_styles,
    _grouped_legend,
    _stacked_barh,
)
from policyopts.plots._common import (
    _FS_ANN,
    _FS_LABEL,
    _GAIN,
    _LOSS,
    _axes,
    _check,
    _legend_outside,
    _literal,
    _provenance_of,
    _row_labels,
    _rows,
    _signed,
    _style,
    _tidy,
    _titles,
    _wrap,
)


def _comparison_provenance(cmp: Comparison, extra: Sequence[str] = ()) -> str:
    """The provenance line of a comparison (weights passed directly show as
    "custom weights")."""
    return _provenance_of(
        cmp,
        "method",
        "normalization",
        "scenario",
        extra=extra,
        profile=cmp.profile or "custom weights",
    )


@_literal
def contributions(
    cmp: Comparison,
    *,
    case: Case | None = None,
    ax: Axes | None = None,
    figsize: tuple[float, float] | None = None,
    title: str | None = None,
) -> Figure:
    """What each criterion adds to each option's score (additive models).

    One horizontal bar per option, best on top, stacked from the
    contributions :math:`c_{ij} = w_j v_{ij}` of the criteria, so that a bar's
    length is the option's score :math:`S_i = \\sum_j w_j v_{ij}` (the weighted
    sum model; Belton & Stewart 2002, ch. 5). The score is written at the end
    of each bar and the top option's label is bold.

    Parameters
    ----------
    cmp : Comparison
        A comparison by an additive method (``method="wsm"``), which carries
        ``contributions``.
    case : Case, optional
        The case ``cmp`` came from: criteria are then grouped by the top-level
        branch of the value tree, one hue per branch, with branch headings in
        the legend.
    ax : matplotlib.axes.Axes, optional
        Draw into this Axes (its figure is returned); a new figure otherwise.
    figsize : (float, float), optional
        Size of the new figure in inches.
    title : str, optional
        Replaces the default title.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ValueError
        If the comparison has no contributions (a non-additive method), or
        ``case`` has other criteria than ``cmp``.

    Examples
    --------
    >>> import policyopts as po
    >>> from policyopts import plots
    >>> case = po.load_case("mali")
    >>> fig = plots.contributions(po.compare(case, "balanced"), case=case)
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()][0]
    'Aid'
    """
    d = _contributions_data(cmp, case)
    fig, ax = _axes(ax, figsize, (11.0, max(4.8, 0.7 * len(d.labels) + 2.6)))
    left, right = _stacked_barh(ax, d.values, [d.styles[c] for c in d.order], d.names)
    _bar_ends(ax, left, right, d.totals, d.labels)
    ax.set_xlabel(d.xlabel, fontsize=_FS_LABEL)
    _grouped_legend(ax, d.groups, d.styles, cmp.criterion_names, title="Criteria")
    _titles(fig, ax, title or d.title, d.subtitle)
    return fig


@dataclass(frozen=True, eq=False)
class _Contributions:
    """What :func:`contributions` draws, in drawing order (also drawn by the HTML brief)."""

    groups: list[tuple[str | None, list[str]]]
    styles: dict[str, tuple[Any, str]]
    order: list[str]  # criteria
    names: list[str]  # criterion names, in ``order``
    labels: list[str]  # option names, best first
    values: NDArray[np.float64]  # options x criteria
    totals: list[str]
    title: str = "What each criterion contributes to each option's score"
    xlabel: str = "Contribution to the score (weight × value)"
    subtitle: str = ""


def _contributions_data(cmp: Comparison, case: Case | None) -> _Contributions:
    _check(cmp, Comparison, "cmp")
    if cmp.contributions is None:
        additive = ", ".join(repr(n) for n, s in REGISTRY.items() if s.additive)
        raise ValueError(
            f"cmp: contributions need an additive method ({additive}); "
            f"this comparison used {cmp.method!r}"
        )
    contrib = cmp.contributions
    criteria = [str(c) for c in contrib.columns]
    if case is not None:
        _check(case, Case, "case")
        groups = _criterion_groups(case, criteria)
        styles = _group_styles(groups)
    else:
        groups = [(None, criteria)]
        styles = {c: _style(k) for k, c in enumerate(criteria)}
    order = [c for _, members in groups for c in members]
    options = cmp.ranking
    scores = cmp.scores.loc[options].to_numpy(dtype=np.float64)
    return _Contributions(
        groups=groups,
        styles=styles,
        order=order,
        names=[cmp.criterion_names.get(c, c) for c in order],
        labels=[cmp.option_names.get(o, o) for o in options],
        values=contrib.loc[options, order].to_numpy(dtype=np.float64),
        totals=[f"{v:.3f}" for v in scores],
        subtitle=_comparison_provenance(cmp, ["Best option on top"]),
    )


# ------------------------------------------------------------------------- 2. why
@_literal
def why(
    cmp: Comparison,
    a: str,
    b: str,
    *,
    top: int | None = None,
    ax: Axes | None = None,
    figsize: tuple[float, float] | None = None,
    title: str | None = None,
) -> Figure:
    """Where option ``a`` gains and loses against option ``b``, criterion by criterion.

    Diverging bars of the contribution differences
    :math:`d_j = w_j (v_{aj} - v_{bj})` from :meth:`Comparison.why`, largest
    on top: to the right (blue) where ``a`` gains, to the left (vermillion)
    where ``b`` does. The differences sum to :math:`S_a - S_b`, which the
    subtitle states.

    Parameters
    ----------
    cmp : Comparison
        A comparison by an additive method (``wsm``).
    a, b : str
        Option ids.
    top : int, optional
        Show only the ``top`` criteria with the largest differences.
    ax, figsize, title
        As for :func:`contributions`.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import policyopts as po
    >>> from policyopts import plots
    >>> cmp = po.compare(po.load_case("mali"), "balanced")
    >>> fig = plots.why(cmp, "humanitarian", "negotiate")
    >>> len(fig.axes[0].patches) >= 11
    True
    """
    _check(cmp, Comparison, "cmp")
    diff_table = cmp.why(a, b)
    if top is not None:
        if isinstance(top, bool) or not isinstance(top, int) or top < 1:
            raise ValueError(f"top: expected a positive integer, got {top!r}")
        diff_table = diff_table.head(top)
    diffs = diff_table["difference"].to_numpy(dtype=np.float64)
    crits = [str(c) for c in diff_table.index]
    k = len(crits)
    fig, ax = _axes(ax, figsize, (10.0, max(4.5, 0.42 * k + 2.2)))
    y = _rows(k)
    colours = [_GAIN if d >= 0 else _LOSS for d in diffs]
    ax.barh(y, diffs, height=0.62, color=colours, edgecolor="white")
    ax.axvline(0.0, color="#333333", linewidth=1.0)
    lim = float(np.abs(diffs).max()) if k else 0.0
    lim = lim * 1.35 if lim > 0 else 1.0
    for yi, d in zip(y, diffs, strict=True):
        ax.annotate(
            _signed(float(d)),
            xy=(d, yi),
            xytext=(4 if d >= 0 else -4, 0),
            textcoords="offset points",
            ha="left" if d >= 0 else "right",
            va="center",
            fontsize=_FS_ANN,
        )
    ax.set_xlim(-lim, lim)
    _row_labels(ax, [cmp.criterion_names.get(c, c) for c in crits])
    _tidy(ax, grid="x")
    na, nb = cmp.option_names.get(a, a), cmp.option_names.get(b, b)
    ax.set_xlabel(f"Contribution difference ({na} − {nb})", fontsize=_FS_LABEL)
    from matplotlib.patches import Patch

    _legend_outside(
        ax,
        [Patch(color=_GAIN), Patch(color=_LOSS)],
        [_wrap(f"favours {na}", 24), _wrap(f"favours {nb}", 24)],
    )
    sa, sb = float(cmp.scores[a]), float(cmp.scores[b])
    _titles(
        fig,
        ax,
        title or f"Why {na} and {nb} differ",
        f"Score {na} {sa:.3f}, {nb} {sb:.3f}: difference {_signed(sa - sb)} · "
        + _comparison_provenance(cmp),
    )
    return fig


# ---------------------------------------------------------- 3. weights by profile
