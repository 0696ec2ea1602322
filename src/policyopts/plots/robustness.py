"""Figures of robustness across scenarios and inputs: regret, Sobol indices, stability intervals."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from numpy.typing import NDArray

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from policyopts.scenarios import ScenarioRobustness
    from policyopts.sensitivity.sobol import SobolResult
    from policyopts.sensitivity.stability import StabilityTable


from policyopts.plots._charts import (
    _Grid,
    _heatmap,
)
from policyopts.plots._common import (
    _FS_ANN,
    _FS_LABEL,
    PALETTE,
    _axes,
    _bold_ticklabels,
    _check,
    _criterion_labels,
    _labelled_legend,
    _lighten,
    _literal,
    _option_labels,
    _provenance_of,
    _result_provenance,
    _row_labels,
    _rows,
    _tidy,
    _titles,
    _top_two,
    _wrap,
)


@_literal
def regret_heatmap(
    result: ScenarioRobustness | pd.DataFrame,
    *,
    ax: Axes | None = None,
    figsize: tuple[float, float] | None = None,
    title: str | None = None,
) -> Figure:
    """Regret of each option in each scenario, with each option's maximum regret.

    The regret of option :math:`i` in scenario :math:`s` is
    :math:`\\max_k x_{ks} - x_{is}`, what is lost by having chosen :math:`i`
    if :math:`s` unfolds; Savage's (1951) minimax-regret choice minimises the
    largest regret, shown in the last column. Options are sorted by maximum
    regret (the minimax-regret choice on top, in bold and framed).

    Parameters
    ----------
    result : ScenarioRobustness or pandas.DataFrame
        From :func:`policyopts.scenarios.scenario_robustness`, or a payoff
        table (options × scenarios, higher is better, such as
        :func:`policyopts.scenarios.scenario_table`; ``"baseline"`` and
        ``"expected"`` columns are left out).
    ax, figsize, title
        As for :func:`contributions`.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import pandas as pd
    >>> from policyopts import plots
    >>> pay = pd.DataFrame({"boom": [3.0, 2.0], "bust": [0.0, 2.0]}, index=["bold", "safe"])
    >>> fig = plots.regret_heatmap(pay)
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ['safe', 'bold']
    """
    g = _regret_grid(result)
    grid, row_labels = g.values, g.rows
    m, k = grid.shape
    fig, ax = _axes(ax, figsize, (max(7.5, 1.5 * k + 4.0), max(3.8, 0.6 * m + 2.6)))
    _heatmap(
        fig,
        ax,
        grid,
        g.texts,
        row_labels,
        g.columns,
        cmap="Oranges",
        vmin=0.0,
        vmax=float(grid.max()) or 1.0,
        colourbar="Regret",
    )
    ax.axvline(k - 1.5, color="white", linewidth=6)
    from matplotlib.patches import Rectangle

    ax.add_patch(
        Rectangle(
            (k - 1.44, -0.44),
            0.88,
            0.88,
            fill=False,
            edgecolor="black",
            linewidth=2.5,
            clip_on=False,
            zorder=10,
        )
    )
    _bold_ticklabels(ax.get_yticklabels(), [row_labels[0]])
    _titles(fig, ax, title or g.title, g.subtitle)
    return fig


def _regret_grid(result: ScenarioRobustness | pd.DataFrame) -> _Grid:
    """What :func:`regret_heatmap` draws (also drawn by the HTML brief): regret of
    each option (rows, smallest maximum regret first) in each scenario, and the
    maximum regret in the last column."""
    from policyopts.robustness import regret_table
    from policyopts.scenarios import ScenarioRobustness

    if isinstance(result, ScenarioRobustness):
        regret = result.regret
        onames: Mapping[str, str] = result.option_names
        snames: Mapping[str, str] = result.scenario_names
        probs: Mapping[str, float] = {str(k): float(v) for k, v in result.probabilities.items()}
        subtitle = _provenance_of(
            result,
            "method",
            "profile",
            extra=["Regret = best score in the scenario − the option's score"],
        )
    elif isinstance(result, pd.DataFrame):
        payoffs = result.drop(
            columns=[c for c in result.columns if str(c) in ("baseline", "expected")]
        )
        if payoffs.shape[0] < 1 or payoffs.shape[1] < 1:
            raise ValueError(f"result: need options × scenarios payoffs, got shape {payoffs.shape}")
        reg = regret_table(payoffs)
        assert isinstance(reg, pd.DataFrame)
        regret = reg
        onames, snames, probs = {}, {}, {}
        subtitle = "Regret = best payoff in the scenario − the option's payoff"
    else:
        raise TypeError(
            "result: expected a ScenarioRobustness or a DataFrame of payoffs, "
            f"got {type(result).__name__}"
        )
    values = regret.to_numpy(dtype=np.float64)
    worst = values.max(axis=1)
    order = np.lexsort((np.arange(len(worst)), worst))
    options = [str(regret.index[i]) for i in order]
    scen = [str(s) for s in regret.columns]
    grid = np.column_stack([values[order], worst[order]])
    col_labels = [
        _wrap(snames.get(s, s.replace("_", " ")), 14)
        + (f"\np = {probs[s]:.2f}" if s in probs else "")
        for s in scen
    ] + ["Max\nregret"]
    row_labels = [onames.get(o, o) for o in options]
    title = "Regret of each option in each scenario"
    return _Grid(grid, 3, row_labels, col_labels, subtitle, title)


# ------------------------------------------------------------------------- 12. sobol
def _error_bars(frame: pd.DataFrame, column: str) -> NDArray[np.float64]:
    """``(2, k)`` distances from ``column`` down to ``column_low`` and up to
    ``column_high`` (never negative), as ``Axes.barh(xerr=...)`` takes them."""
    centre = frame[column].to_numpy(dtype=np.float64)
    low = frame[f"{column}_low"].to_numpy(dtype=np.float64)
    high = frame[f"{column}_high"].to_numpy(dtype=np.float64)
    out: NDArray[np.float64] = np.clip(np.vstack([centre - low, high - centre]), 0.0, None)
    return out


@_literal
def sobol(
    result: SobolResult,
    *,
    option: str | None = None,
    top: int = 10,
    ax: Axes | None = None,
    figsize: tuple[float, float] | None = None,
    title: str | None = None,
) -> Figure:
    """First- and total-order Sobol' indices of the most influential inputs.

    The first-order index :math:`S_i = V[E(Y \\mid X_i)] / V(Y)` is the share
    of the output's variance an input explains alone; the total-order index
    :math:`S_{Ti} = E[V(Y \\mid X_{\\sim i})] / V(Y)` adds its interactions
    with the others (Sobol' 2001; Saltelli et al. 2008). Paired horizontal
    bars per input, sorted by total order, largest on top, with bootstrap
    confidence intervals as error bars when the result has them. The output
    is the margin of the nominal top option over the runner-up or, with
    ``option``, that option's score.

    Parameters
    ----------
    result : SobolResult
        From :func:`policyopts.sensitivity.sobol.sobol`.
    option : str, optional
        Show the indices of this option's score instead of the margin.
    top : int, default 10
        Number of inputs shown.
    ax, figsize, title
        As for :func:`contributions`.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import policyopts as po
    >>> from policyopts import plots
    >>> from policyopts.sensitivity.sobol import sobol
    >>> res = sobol(po.load_case("mali"), "balanced", n=64, seed=1)
    >>> fig = plots.sobol(res, top=5)
    >>> len(fig.axes[0].patches)
    10
    """
    from policyopts.sensitivity.sobol import SobolResult

    names, a, b = _top_two(result, SobolResult, top)
    if option is None:
        frame = result.margin.head(top)
        what = f"the margin of {names.get(a, a)} over {names.get(b, b)}"
    else:
        frame = result.for_option(option).head(top)
        what = f"the score of {names.get(option, option)}"
    k = len(frame)
    fig, ax = _axes(ax, figsize, (11.0, max(4.5, 0.55 * k + 2.4)))
    y = _rows(k)
    h = 0.38
    with_bars = "first_low" in frame.columns and "total_low" in frame.columns
    bars = (
        ("first", h / 2, PALETTE[4], "First order (alone)"),
        ("total", -h / 2, PALETTE[0], "Total order (with interactions)"),
    )
    for column, shift, colour, label in bars:  # two series: first and total order
        ax.barh(
            y + shift,
            frame[column].to_numpy(dtype=np.float64),
            height=h,
            color=colour,
            xerr=_error_bars(frame, column) if with_bars else None,
            error_kw={"ecolor": "#333333", "capsize": 3, "linewidth": 1.0},
            label=label,
        )
    ax.axvline(0.0, color="#333333", linewidth=1.0)
    _row_labels(ax, [_wrap(str(s), 34) for s in frame["label"]])
    _tidy(ax, grid="x")
    ax.set_xlabel("Sobol' index (share of the output's variance)", fontsize=_FS_LABEL)
    _labelled_legend(ax, title="Index")
    extra = [f"n = {result.n}, {result.n_evaluations:,} evaluations"]
    _titles(
        fig,
        ax,
        title or f"What drives {what}",
        _result_provenance(result, extra),
    )
    return fig


# --------------------------------------------------------------------- 13. stability
@_literal
def stability(
    result: StabilityTable,
    *,
    ax: Axes | None = None,
    figsize: tuple[float, float] | None = None,
    title: str | None = None,
) -> Figure:
    """Weight stability intervals: how far each weight can move before the top option changes.

    For each criterion, a bar over the interval :math:`[w_j^-, w_j^+]` of its
    weight (the others keeping their proportions) within which the top
    option stays first (Mareschal 1988), a black diamond at the current
    weight, and at each end of the interval the option that takes over
    beyond it, if any. The axis runs over [0, 1].

    Parameters
    ----------
    result : StabilityTable
        From :func:`policyopts.sensitivity.stability.stability_table`.
    ax, figsize, title
        As for :func:`contributions`.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import policyopts as po
    >>> from policyopts import plots
    >>> from policyopts.sensitivity.stability import stability_table
    >>> fig = plots.stability(stability_table(po.load_case("mali"), "balanced"))
    >>> len(fig.axes[0].patches)
    11
    """
    d = _stability_data(result)
    low, high, cur = d.low, d.high, d.current
    n = len(d.labels)
    fig, ax = _axes(ax, figsize, (11.0, max(4.5, 0.45 * n + 2.4)))
    y = _rows(n)
    ax.barh(
        y,
        high - low,
        left=low,
        height=0.55,
        color=_lighten(PALETTE[0], 0.55),
        edgecolor=PALETTE[0],
        linewidth=1.2,
        label=d.keeps,
    )
    ax.plot(
        cur,
        y,
        linestyle="none",
        marker="D",
        markersize=8,
        color="black",
        zorder=4,
        label="current weight",
    )
    for i in range(n):  # loop over criteria
        for who, end, dx, ha in (
            (d.ends[i][0], low[i], -5, "right"),
            (d.ends[i][1], high[i], 5, "left"),
        ):
            if who is not None:
                ax.annotate(
                    who,
                    xy=(end, y[i]),
                    xytext=(dx, 0),
                    textcoords="offset points",
                    ha=ha,
                    va="center",
                    fontsize=_FS_ANN,
                    color="#333333",
                )
    ax.set_xlim(-0.22, 1.22)
    ax.set_xticks(np.linspace(0.0, 1.0, 6))
    ax.spines["bottom"].set_bounds(0.0, 1.0)
    _row_labels(ax, d.labels)
    _tidy(ax, grid="x")
    ax.set_xlabel(d.xlabel, fontsize=_FS_LABEL)
    _labelled_legend(ax, wrap=24)
    _titles(fig, ax, title or d.title, d.subtitle)
    return fig


@dataclass(frozen=True, eq=False)
class _Stability:
    """What :func:`stability` draws (also drawn by the HTML brief): per criterion
    its label, the interval, the current weight and who takes over at each end."""

    labels: list[str]
    low: NDArray[np.float64]
    high: NDArray[np.float64]
    current: NDArray[np.float64]
    ends: list[tuple[str | None, str | None]]
    keeps: str
    title: str
    subtitle: str
    xlabel: str = "Weight (the others keep their proportions)"


def _stability_data(result: StabilityTable) -> _Stability:
    from policyopts.sensitivity.stability import StabilityTable

    _check(result, StabilityTable, "result")
    table = result.table
    labels = _criterion_labels(result)
    onames = _option_labels(result)

    def who(value: Any) -> str | None:
        return None if pd.isna(value) else onames.get(str(value), str(value))

    top = onames.get(result.top, result.top)
    return _Stability(
        labels=[labels.get(str(c), str(c)) for c in table.index],
        low=table["low"].to_numpy(dtype=np.float64),
        high=table["high"].to_numpy(dtype=np.float64),
        current=table["current"].to_numpy(dtype=np.float64),
        ends=[
            (who(a), who(b))
            for a, b in zip(table["challenger_low"], table["challenger_high"], strict=True)
        ],
        keeps=f"{top} stays first",
        title=f"How far each weight can move before {top} loses first place",
        subtitle=_result_provenance(result, ["Names at the ends: who takes over beyond them"]),
    )
