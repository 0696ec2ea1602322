"""Figures for portfolios of options: value against cost, core indices, membership.

Each function draws a result of :mod:`policyopts.portfolio` and returns a
:class:`matplotlib.figure.Figure`, in the house style of
:mod:`policyopts.plots` (Okabe–Ito colours, 10 pt or larger, a provenance
line under the title, ``ax=`` to draw into an Axes of your own).

Examples
--------
>>> import policyopts as po
>>> from policyopts import plots
>>> case = po.load_case("toy_portfolio")
>>> fig = plots.portfolio_frontier(po.portfolios(case), robust=po.rpm_case(case))
>>> type(fig).__name__
'Figure'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from policyopts.plots._common import (
    _FS_ANN,
    _FS_LABEL,
    PALETTE,
    _axes,
    _bold_ticklabels,
    _labelled_legend,
    _literal,
    _percent_axis,
    _provenance,
    _provenance_of,
    _tidy,
    _titles,
)
from policyopts.plots.risks import _place_labels
from policyopts.portfolio._setup import EMPTY
from policyopts.portfolio.case import PortfolioRanking
from policyopts.portfolio.robust import CaseRPM, PortfolioSMAA
from policyopts.portfolio.rpm import RPMResult

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["core_index", "portfolio_frontier", "portfolio_membership"]

_STATUS_COLOURS = {"core": PALETTE[0], "borderline": PALETTE[1], "exterior": PALETTE[6]}


def _short(members: tuple[str, ...], names: Mapping[str, str]) -> str:
    return " + ".join(names.get(m, m) for m in members) or EMPTY


@_literal
def portfolio_frontier(
    ranking: PortfolioRanking,
    *,
    resource: str | None = None,
    robust: CaseRPM | None = None,
    ax: Axes | None = None,
    figsize: tuple[float, float] | None = None,
    title: str | None = None,
) -> Figure:
    """Score against cost of every feasible portfolio, the efficient ones joined.

    Every feasible portfolio is a grey dot at its total cost of ``resource``
    and its score; the efficient frontier of ``ranking.frontier`` (no other
    portfolio scores as well for no more of any resource) is drawn in blue and
    labelled, the best portfolio in bold; with ``robust`` (from
    :func:`~policyopts.rpm_case`) the non-dominated portfolios under
    incomplete weights are ringed in orange. A dashed line marks the budget.

    Parameters
    ----------
    ranking : PortfolioRanking
        From :func:`~policyopts.portfolios`.
    resource : str, optional
        Resource id on the x axis (the first with a budget, else the first).
    robust : CaseRPM, optional
    ax, figsize, title
        As for :func:`policyopts.plots.contributions`.
    """
    if not isinstance(ranking, PortfolioRanking):
        raise TypeError(f"ranking: expected a PortfolioRanking, got {type(ranking).__name__}")
    table = ranking.table
    resources = [str(c)[5:] for c in table.columns if str(c).startswith("cost ")]
    if resource is None:
        budgeted = [r for r in resources if r in ranking.budgets]
        resource = (budgeted or resources or [""])[0]
    if resource not in resources:
        raise ValueError(
            f"resource: {resource!r} is not one of the case's resources "
            f"({', '.join(resources) or 'none'})"
        )
    fig, ax = _axes(ax, figsize, (10.0, 6.0))
    x = table[f"cost {resource}"].to_numpy(dtype=np.float64)
    y = table["score"].to_numpy(dtype=np.float64)
    ax.scatter(x, y, s=28, color=PALETTE[6], alpha=0.7, label="feasible portfolio", zorder=2)
    # the best score reachable for at most each cost of this resource (a step line)
    by_cost = np.lexsort((-y, x))
    reach = np.maximum.accumulate(y[by_cost])
    ax.step(
        x[by_cost],
        reach,
        where="post",
        color=PALETTE[0],
        alpha=0.45,
        linewidth=1.2,
        label=f"best score for at most this {resource}",
        zorder=2,
    )
    front = ranking.frontier
    fx = front[f"cost {resource}"].to_numpy(dtype=np.float64)
    fy = front["score"].to_numpy(dtype=np.float64)
    ax.scatter(
        fx,
        fy,
        s=55,
        color=PALETTE[0],
        label="efficient (score against every cost)",
        zorder=3,
    )
    if robust is not None:
        keep = table.index.isin(robust.portfolios.index)
        ax.scatter(
            x[keep],
            y[keep],
            s=190,
            facecolors="none",
            edgecolors=PALETTE[1],
            linewidths=2.2,
            label=f"non-dominated ({robust.weight_set})",
            zorder=4,
        )
    if resource in ranking.budgets:
        ax.axvline(
            ranking.budgets[resource],
            color="#555555",
            linestyle="--",
            linewidth=1.0,
            label=f"{resource} budget",
            zorder=1,
        )
    shown = front
    if robust is not None:
        extra = table[table.index.isin(robust.portfolios.index) & ~table.index.isin(front.index)]
        shown = pd.concat([front, extra])
    lx = shown[f"cost {resource}"].to_numpy(dtype=np.float64)
    ly = shown["score"].to_numpy(dtype=np.float64)
    texts = [_short(tuple(m), ranking.option_names) for m in shown["members"]]
    best = [i for i, lab in enumerate(shown.index) if lab == table.index[0]]
    rest = [int(i) for i in np.argsort(-ly, kind="stable") if i not in best]
    placed = _place_labels(
        fig,
        ax,
        lx,
        ly,
        texts,
        np.full(lx.size, 5.0),
        fontsize=_FS_ANN,
        order=best + rest,
        boxed=True,
    )
    for ann in placed:
        if best and ann.get_text() == texts[best[0]]:
            ann.set_fontweight("bold")
    unit = ""
    if isinstance(ranking.resource_units, Mapping):
        unit = ranking.resource_units.get(resource, "")
    ax.set_xlabel(f"Cost: {resource}" + (f" ({unit})" if unit else ""), fontsize=_FS_LABEL)
    ax.set_ylabel("Portfolio score", fontsize=_FS_LABEL)
    _tidy(ax, grid="y")
    _labelled_legend(ax)
    _titles(
        fig,
        ax,
        title or "What each portfolio buys for its cost",
        _provenance_of(
            ranking,
            "profile",
            "scenario",
            extra=[f"method {ranking.method}", f"{len(table)} feasible"],
        ),
    )
    return fig


@_literal
def core_index(
    result: CaseRPM | RPMResult,
    *,
    labels: list[str] | None = None,
    ax: Axes | None = None,
    figsize: tuple[float, float] | None = None,
    title: str | None = None,
) -> Figure:
    """Core index of each action: the share of non-dominated portfolios containing it.

    Bars are coloured by status (core: in every non-dominated portfolio,
    borderline, exterior: in none; Liesiö, Mild & Salo 2007), highest first.

    Parameters
    ----------
    result : CaseRPM or RPMResult
    labels : list of str, optional
        Action names for an :class:`RPMResult` (``"Action 1"`` … otherwise).
    ax, figsize, title
        As for :func:`policyopts.plots.contributions`.
    """
    if isinstance(result, CaseRPM):
        values = result.core_index.to_numpy(dtype=np.float64)
        status = [str(s) for s in result.status]
        names = [result.option_names.get(str(a), str(a)) for a in result.core_index.index]
        n_port = len(result.portfolios)
        extra = [f"weights {result.weight_set}", f"{n_port} non-dominated portfolios"]
        subtitle = _provenance_of(result, "profile", "scenario", extra=extra)
    elif isinstance(result, RPMResult):
        values = np.asarray(result.core_index, dtype=np.float64)
        status = [str(s) for s in result.status]
        names = [f"Action {i + 1}" for i in range(values.size)]
        subtitle = _provenance(
            extra=[f"weights {result.weight_set}", f"{result.portfolios.shape[0]} non-dominated"]
        )
    else:
        raise TypeError(f"result: expected a CaseRPM or RPMResult, got {type(result).__name__}")
    if labels is not None:
        if len(labels) != values.size:
            raise ValueError(
                f"labels: need {values.size} labels, one per action, got {len(labels)}"
            )
        names = [str(x) for x in labels]
    order = np.argsort(-values, kind="stable")
    fig, ax = _axes(ax, figsize, (9.0, max(3.6, 0.5 * values.size + 2.0)))
    y = np.arange(values.size)[::-1]
    for pos, i in zip(y, order, strict=True):
        ax.barh(pos, values[i], color=_STATUS_COLOURS.get(status[i], PALETTE[6]), height=0.65)
        ax.text(
            min(values[i], 1.0) + 0.01,
            pos,
            f"{100 * values[i]:.0f}% · {status[i]}",
            va="center",
            fontsize=_FS_ANN,
        )
    ax.set_yticks(y, [names[i] for i in order])
    ax.set_xlim(0.0, 1.25)
    ax.set_xticks([0.0, 0.25, 0.5, 0.75, 1.0])
    _percent_axis(ax.xaxis)
    ax.set_xlabel("Share of non-dominated portfolios containing the action", fontsize=_FS_LABEL)
    _tidy(ax, grid="x")
    _bold_ticklabels(ax.get_yticklabels(), [names[i] for i in order if status[i] == "core"])
    _titles(fig, ax, title or "Which actions belong in every robust portfolio", subtitle)
    return fig


@_literal
def portfolio_membership(
    result: PortfolioRanking | CaseRPM | PortfolioSMAA,
    *,
    limit: int = 15,
    ax: Axes | None = None,
    figsize: tuple[float, float] | None = None,
    title: str | None = None,
) -> Figure:
    """Portfolio × action chart: which actions each of the leading portfolios holds.

    Rows are portfolios -- the top ``limit`` of a ranking (with score), the
    non-dominated portfolios of an RPM result (with their value range), or
    the portfolios most often best in a portfolio SMAA (with that share) --
    and columns are actions; a filled square marks a member.

    Parameters
    ----------
    result : PortfolioRanking, CaseRPM or PortfolioSMAA
    limit : int, default 15
        Most rows shown.
    ax, figsize, title
        As for :func:`policyopts.plots.contributions`.
    """
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise ValueError(f"limit: expected a positive int, got {limit!r}")
    names: Mapping[str, str]
    if isinstance(result, PortfolioRanking):
        member = result.membership.head(limit)
        notes = [f"{s:.3f}" for s in result.table["score"].head(limit)]
        names = result.option_names
        heading = "Leading portfolios and their members"
        extra = [f"method {result.method}", "score at right"]
    elif isinstance(result, CaseRPM):
        member = pd.DataFrame(
            result.result.portfolios[:limit],
            index=result.portfolios.index[:limit],
            columns=result.core_index.index,
        )
        notes = [
            f"{a:.3f}–{b:.3f}"
            for a, b in zip(
                result.portfolios["value min"].head(limit),
                result.portfolios["value max"].head(limit),
                strict=True,
            )
        ]
        names = result.option_names
        heading = "Non-dominated portfolios and their members"
        extra = [f"weights {result.weight_set}", "value range at right"]
    elif isinstance(result, PortfolioSMAA):
        order = result.best_share.sort_values(ascending=False, kind="stable").index[:limit]
        member = result.membership.loc[order]
        notes = [f"{100 * result.best_share[i]:.1f}%" for i in order]
        names = {}
        heading = "Portfolios most often best"
        extra = [
            f"weights {result.weight_set}",
            f"{result.n_samples:,} draws",
            f"seed {result.seed}",
            "share of draws at right",
        ]
    else:
        raise TypeError(
            "result: expected a PortfolioRanking, CaseRPM or PortfolioSMAA, got "
            f"{type(result).__name__}"
        )
    grid = member.to_numpy(dtype=bool)
    rows, cols = grid.shape
    fig, ax = _axes(ax, figsize, (max(7.5, 0.9 * cols + 5.0), max(3.5, 0.42 * rows + 2.4)))
    from matplotlib.colors import ListedColormap

    ax.imshow(
        grid.astype(float),
        cmap=ListedColormap(["#f2f2f2", PALETTE[0]]),
        vmin=0.0,
        vmax=1.0,
        aspect="auto",
    )
    ax.set_xticks(
        np.arange(cols),
        [names.get(str(c), str(c)) for c in member.columns],
        rotation=30,
        ha="right",
    )
    ax.set_yticks(np.arange(rows), [f"{k + 1}" for k in range(rows)])
    ax.set_ylabel("Portfolio", fontsize=_FS_LABEL)
    ax.set_xticks(np.arange(cols + 1) - 0.5, minor=True)
    ax.set_yticks(np.arange(rows + 1) - 0.5, minor=True)
    ax.grid(which="minor", color="white", linewidth=2)
    ax.tick_params(which="minor", length=0)
    for r, note in enumerate(notes):
        ax.annotate(
            note,
            xy=(1.0, r),
            xycoords=("axes fraction", "data"),
            xytext=(6.0, 0.0),
            textcoords="offset points",
            va="center",
            fontsize=_FS_ANN,
            annotation_clip=False,
        )
    for side in ("top", "right", "left", "bottom"):
        ax.spines[side].set_visible(False)
    _titles(fig, ax, title or heading, _provenance_of(result, "profile", "scenario", extra=extra))
    return fig
