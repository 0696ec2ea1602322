"""Figures across profiles and methods: weights by profile, ranks by profile and by method."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from policyopts.compare import ProfileComparison
from policyopts.model import Case
from policyopts.triangulation import Triangulation

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


from policyopts.plots._charts import (
    _Grid,
    _heatmap,
)
from policyopts.plots._common import (
    _FS_ANN,
    _FS_LABEL,
    _FS_TICK,
    PALETTE,
    Kind,
    RankKind,
    _axes,
    _bold_ticklabels,
    _check,
    _labelled_legend,
    _lighten,
    _literal,
    _provenance,
    _provenance_of,
    _row_labels,
    _rows,
    _style,
    _text_colour,
    _tidy,
    _titles,
    _wrap,
    method_abbreviation,
)


@_literal
def weights_by_profile(
    source: ProfileComparison | Case,
    *,
    kind: Kind = "heatmap",
    ax: Axes | None = None,
    figsize: tuple[float, float] | None = None,
    title: str | None = None,
) -> Figure:
    """The weight each stakeholder profile gives each criterion.

    A heatmap (criteria × profiles, weights in per cent written in the cells)
    or grouped horizontal bars. Weights are normalised to sum to 100% per
    profile; profiles given as swing points, ranks (rank-order centroid;
    Barron & Barrett 1996), AHP judgements or tree-local weights are shown as
    the global weights they resolve to.

    Parameters
    ----------
    source : ProfileComparison or Case
        The weights of :func:`~policyopts.compare_profiles`, or every profile
        of a case.
    kind : {"heatmap", "bars"}
    ax, figsize, title
        As for :func:`contributions`.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import policyopts as po
    >>> from policyopts import plots
    >>> fig = plots.weights_by_profile(po.load_case("mali"))
    >>> len(fig.axes[0].get_xticklabels())
    6
    """
    g = _profile_weights(source)
    if kind not in ("heatmap", "bars"):
        raise ValueError(f"kind: {kind!r} is not one of 'heatmap', 'bars'")
    values, row_labels, col_labels, subtitle = g.values, g.rows, g.columns, g.subtitle
    n, p = values.shape
    profiles, prof_names = g.keys, g.names
    if kind == "heatmap":
        fig, ax = _axes(ax, figsize, (max(7.5, 1.25 * p + 4.0), max(4.5, 0.42 * n + 2.2)))
        _heatmap(
            fig,
            ax,
            values,
            g.texts,
            row_labels,
            col_labels,
            cmap="Blues",
            vmin=0.0,
            vmax=float(values.max()),
            colourbar="Weight (% of total)",
        )
    else:
        fig, ax = _axes(ax, figsize, (11.0, max(5.0, 0.1 * n * p + 2.5)))
        y = _rows(n)
        h = 0.8 / p
        for k in range(p):  # loop over profiles
            colour, hatch = _style(k)
            ax.barh(
                y + 0.4 - h * (k + 0.5),
                values[:, k],
                height=h,
                color=colour,
                hatch=hatch or None,
                edgecolor="white",
                linewidth=0.5,
                label=prof_names.get(profiles[k], profiles[k]),
            )
        _row_labels(ax, row_labels)
        ax.set_xlabel("Weight (% of total)", fontsize=_FS_LABEL)
        _tidy(ax, grid="x")
        _labelled_legend(ax, wrap=24, title="Profile")
    _titles(fig, ax, title or g.title, subtitle)
    return fig


def _profile_weights(source: ProfileComparison | Case) -> _Grid:
    """What :func:`weights_by_profile` draws (also drawn by the HTML brief): weights
    in per cent, criteria x profiles."""
    if isinstance(source, ProfileComparison):
        weights = source.weights
        first = next(iter(source.comparisons.values()))
        crit_names: Mapping[str, str] = first.criterion_names
        prof_names: Mapping[str, str] = source.profile_names
        subtitle = _provenance_of(
            source, "method", "scenario", extra=["Global weights, % of total"]
        )
    elif isinstance(source, Case):
        if not source.profiles:
            raise ValueError(f"source: case {source.id!r} has no weight profiles")
        weights = pd.DataFrame(
            {p.id: pd.Series(source.weights(p.id)) for p in source.profiles}
        ).loc[source.criterion_ids]
        crit_names = {c.id: c.label for c in source.all_criteria}
        prof_names = {p.id: p.name for p in source.profiles}
        subtitle = _provenance(extra=["Global weights, % of total"], case_id=source.id)
    else:
        raise TypeError(
            f"source: expected a ProfileComparison or a Case, got {type(source).__name__}"
        )
    crits = [str(c) for c in weights.index]
    profiles = [str(p) for p in weights.columns]
    values = 100.0 * weights.to_numpy(dtype=np.float64)
    row_labels = [crit_names.get(c, c) for c in crits]
    col_labels = [_wrap(prof_names.get(q, q), 14) for q in profiles]
    title = "How much each stakeholder profile weighs each criterion"
    return _Grid(values, 1, row_labels, col_labels, subtitle, title, profiles, prof_names)


# -------------------------------------------------------------------- 4. ranks
def _dodge(ranks: NDArray[np.float64], step: float = 0.34) -> NDArray[np.float64]:
    """Spread tied ranks in each column a little apart so both stay visible."""
    out = ranks.copy()
    for j in range(ranks.shape[1]):  # loop over columns (profiles or methods)
        col = ranks[:, j]
        for value in np.unique(col):
            idx = np.flatnonzero(col == value)
            if len(idx) > 1:
                out[idx, j] = value + step * (np.arange(len(idx)) - (len(idx) - 1) / 2)
    return out


def _leader(ranks: NDArray[np.float64]) -> int:
    """Row ranked first most often; ties broken by the best mean rank."""
    firsts = (ranks == 1).sum(axis=1)
    means = ranks.mean(axis=1)
    return int(np.lexsort((means, -firsts))[0])


def _rank_chart(
    ranks: pd.DataFrame,
    option_names: Mapping[str, str],
    columns: Sequence[str],
    *,
    kind: RankKind,
    ax: Axes | None,
    figsize: tuple[float, float] | None,
    title: str,
    subtitle: str,
    xlabel: str,
) -> Figure:
    if kind not in ("bump", "heatmap"):
        raise ValueError(f"kind: {kind!r} is not one of 'bump', 'heatmap'")
    values = ranks.to_numpy(dtype=np.float64)
    options = [str(o) for o in ranks.index]
    names = [option_names.get(o, o) for o in options]
    m, k = values.shape
    lead = _leader(values)
    col_labels = [_wrap(c, 13) for c in columns]
    if kind == "heatmap":
        fig, ax = _axes(ax, figsize, (max(7.0, 1.3 * k + 4.0), max(3.8, 0.55 * m + 2.2)))
        order = np.lexsort((np.arange(m), values.mean(axis=1)))
        shown = values[order]
        _heatmap(
            fig,
            ax,
            shown,
            [[f"{int(v)}" for v in row] for row in shown],
            [names[i] for i in order],
            col_labels,
            cmap="Blues_r",
            vmin=1.0,
            vmax=m + 1.5,
        )
        _bold_ticklabels(ax.get_yticklabels(), [names[lead]])
        ax.set_xlabel(xlabel, fontsize=_FS_LABEL)
    else:
        fig, ax = _axes(ax, figsize, (max(8.0, 1.5 * k + 5.0), max(4.0, 0.65 * m + 2.2)))
        ys = _dodge(values)
        x = np.arange(k, dtype=np.float64)
        ax.hlines(np.arange(1, m + 1), -0.35, k - 0.65, color="#eeeeee", linewidth=1.0, zorder=0)
        for i in range(m):  # loop over options
            colour = PALETTE[i % len(PALETTE)]
            style = ("-", "--", ":")[(i // len(PALETTE)) % 3]
            bold = i == lead
            ax.plot(
                x,
                ys[i],
                linestyle=style,
                color=colour,
                linewidth=4.5 if bold else 2.5,
                marker="o",
                markersize=21,
                markerfacecolor=colour,
                markeredgecolor="white",
                markeredgewidth=1.5,
                zorder=3 if bold else 2,
                label=names[i],
            )
            ink = _text_colour(_lighten(colour, 0.0))
            for j in range(k):
                ax.text(
                    x[j],
                    ys[i, j],
                    f"{int(values[i, j])}",
                    ha="center",
                    va="center",
                    fontsize=_FS_ANN,
                    fontweight="bold",
                    color=ink,
                    zorder=4,
                )
            for xj, yj, dx, ha in ((x[0], ys[i, 0], -18, "right"), (x[-1], ys[i, -1], 18, "left")):
                ax.annotate(
                    names[i],
                    xy=(xj, yj),
                    xytext=(dx, 0),
                    textcoords="offset points",
                    ha=ha,
                    va="center",
                    fontsize=_FS_TICK,
                    fontweight="bold" if bold else "normal",
                    color="black",
                )
        ax.set_xlim(-0.35, k - 0.65)
        ax.set_ylim(m + 0.6, 0.4)
        ax.set_xticks(x, col_labels, fontsize=_FS_TICK)
        ax.set_yticks([])
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        ax.set_xlabel(xlabel, fontsize=_FS_LABEL)
    _titles(fig, ax, title, subtitle)
    return fig


@_literal
def ranks_by_profile(
    pc: ProfileComparison,
    *,
    kind: RankKind = "bump",
    ax: Axes | None = None,
    figsize: tuple[float, float] | None = None,
    title: str | None = None,
) -> Figure:
    """Each option's rank under each stakeholder profile.

    ``kind="bump"`` draws a bump chart: one line per option across the
    profiles, rank 1 at the top, the rank written in each marker and the
    option names at both ends; the option ranked first most often is drawn
    thicker and named in bold. ``kind="heatmap"`` draws the rank table
    (options by mean rank, rank 1 darkest). Tied ranks are drawn slightly
    apart.

    Parameters
    ----------
    pc : ProfileComparison
        From :func:`~policyopts.compare_profiles`.
    kind : {"bump", "heatmap"}
    ax, figsize, title
        As for :func:`contributions`.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import policyopts as po
    >>> from policyopts import plots
    >>> fig = plots.ranks_by_profile(po.compare_profiles(po.load_case("mali")))
    >>> len(fig.axes[0].get_lines())
    6
    """
    _check(pc, ProfileComparison, "pc")
    columns = [pc.profile_names.get(str(p), str(p)) for p in pc.ranks.columns]
    return _rank_chart(
        pc.ranks,
        pc.option_names,
        columns,
        kind=kind,
        ax=ax,
        figsize=figsize,
        title=title or "Rank of each option under each stakeholder profile",
        subtitle=_provenance_of(pc, "method", "scenario", extra=["Rank 1 = best"]),
        xlabel="Weight profile",
    )


@_literal
def ranks_by_method(
    tri: Triangulation,
    *,
    kind: RankKind = "bump",
    ax: Axes | None = None,
    figsize: tuple[float, float] | None = None,
    title: str | None = None,
) -> Figure:
    """Each option's rank under each MCDA method (method triangulation).

    Same drawing as :func:`ranks_by_profile`, with methods across; the
    subtitle carries the triangulation's verdict (do the methods agree on the
    top option?).

    Parameters
    ----------
    tri : Triangulation
        From :func:`~policyopts.triangulate`.
    kind : {"bump", "heatmap"}
    ax, figsize, title
        As for :func:`contributions`.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import policyopts as po
    >>> from policyopts import plots
    >>> fig = plots.ranks_by_method(po.triangulate(po.load_case("mali")), kind="heatmap")
    >>> [t.get_text() for t in fig.axes[0].get_xticklabels()][:2]
    ['WSM', 'WPM']
    """
    _check(tri, Triangulation, "tri")
    columns = [method_abbreviation(str(m)) for m in tri.ranks.columns]
    return _rank_chart(
        tri.ranks,
        tri.option_names,
        columns,
        kind=kind,
        ax=ax,
        figsize=figsize,
        title=title or "Rank of each option under each method",
        subtitle=tri.verdict()
        + " · "
        + _provenance_of(
            tri, "scenario", extra=["Rank 1 = best"], profile=tri.profile or "custom weights"
        ),
        xlabel="Method",
    )


# ------------------------------------------------------------------- 5. risk matrix
