"""Figures of how far to trust the ranking: rank acceptability, one-way sensitivity, tornado."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from numpy.typing import NDArray

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from policyopts.sensitivity.oneway import OneWayResult
    from policyopts.sensitivity.tornado import TornadoResult


from policyopts.plots._charts import (
    _heatmap,
    _stacked_barh,
)
from policyopts.plots._common import (
    _FS_ANN,
    _FS_LABEL,
    _LOSS,
    PALETTE,
    Kind,
    _axes,
    _bold_ticklabels,
    _check,
    _criterion_labels,
    _labelled_legend,
    _legend_outside,
    _lighten,
    _literal,
    _option_labels,
    _percent_axis,
    _result_provenance,
    _row_labels,
    _rows,
    _sequential,
    _text_colour,
    _tidy,
    _titles,
    _top_two,
    _wrap,
)
from policyopts.plots.risks import (
    _place_labels,
)


@_literal
def rank_acceptability(
    result: Any,
    *,
    labels: Sequence[str] | None = None,
    kind: Kind = "bars",
    ax: Axes | None = None,
    figsize: tuple[float, float] | None = None,
    title: str | None = None,
) -> Figure:
    """SMAA rank acceptability: the share of draws in which each option takes each rank.

    The rank acceptability index :math:`b_i^r` is the share of the sampled
    weights (and scores) for which option :math:`i` ranks :math:`r`-th
    (Lahdelma, Hokkanen & Salminen 1998; Lahdelma & Salminen 2001, SMAA-2).
    ``kind="bars"`` stacks, for each option, its acceptabilities from rank 1
    (darkest) to rank m, options sorted by first-rank acceptability (highest
    on top, in bold); shares of 6% or more are written on the bars.
    ``kind="heatmap"`` draws options × ranks with the shares in the cells.

    Parameters
    ----------
    result : SMAA result, pandas.DataFrame or array_like
        A case-level SMAA result whose ``rank_acceptability`` is a DataFrame
        (options × ranks), the array-level result whose
        ``rank_acceptability`` is an (m, m) array, or either table itself.
    labels : sequence of str, optional
        Option names for an array (``"Alternative 1"`` … otherwise); for a
        DataFrame they replace the names the result carries.
    kind : {"bars", "heatmap"}
    ax, figsize, title
        As for :func:`contributions`.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import numpy as np
    >>> from policyopts import plots
    >>> ra = np.array([[0.6, 0.3, 0.1], [0.3, 0.5, 0.2], [0.1, 0.2, 0.7]])
    >>> fig = plots.rank_acceptability(ra, labels=["Act", "Talk", "Wait"])
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ['Act', 'Talk', 'Wait']
    """
    if kind not in ("bars", "heatmap"):
        raise ValueError(f"kind: {kind!r} is not one of 'bars', 'heatmap'")
    shown, shown_names = _acceptability_data(result, labels)
    m, r = shown.shape
    ranks = [f"Rank {k + 1}" for k in range(r)]
    if kind == "bars":
        fig, ax = _axes(ax, figsize, (11.0, max(4.2, 0.65 * m + 2.4)))
        colours = _rank_colours(r)
        styles = [(colours[k], "") for k in range(r)]
        _stacked_barh(ax, shown, styles, ranks)
        y = _rows(m)
        starts = np.cumsum(shown, axis=1) - shown
        for i in range(m):  # loop over options
            for k in range(r):
                v = shown[i, k]
                if v >= 0.06:
                    ax.text(
                        starts[i, k] + v / 2,
                        y[i],
                        f"{100 * v:.0f}%",
                        ha="center",
                        va="center",
                        fontsize=_FS_ANN,
                        color=_text_colour(colours[k]),
                    )
        ax.set_xlim(0.0, 1.0)
        _percent_axis(ax.xaxis)
        _row_labels(ax, shown_names)
        _tidy(ax, grid="none")
        ax.set_xlabel("Share of draws", fontsize=_FS_LABEL)
        _labelled_legend(ax, title="Rank")
    else:
        fig, ax = _axes(ax, figsize, (max(7.0, 0.9 * r + 4.5), max(3.8, 0.55 * m + 2.2)))
        _heatmap(
            fig,
            ax,
            100 * shown,
            [[f"{100 * v:.0f}%" for v in row] for row in shown],
            shown_names,
            [str(k + 1) for k in range(r)],
            cmap="Blues",
            vmin=0.0,
            vmax=100.0,
            colourbar="Share of draws (%)",
        )
        ax.set_xlabel("Rank", fontsize=_FS_LABEL)
    _bold_ticklabels(ax.get_yticklabels(), [shown_names[0]])
    _titles(
        fig,
        ax,
        title or "How often each option takes each rank",
        _result_provenance(result, ["SMAA rank acceptability"]),
    )
    return fig


def _acceptability_data(
    result: Any, labels: Sequence[str] | None
) -> tuple[NDArray[np.float64], list[str]]:
    """The rank acceptabilities :func:`rank_acceptability` draws (also drawn by
    the HTML brief), options sorted by first-rank share (then second, ...),
    and the options' names in that order."""
    table = getattr(result, "rank_acceptability", result)
    if isinstance(table, pd.DataFrame):
        values = table.to_numpy(dtype=np.float64)
        known = _option_labels(result)
        names = [known.get(str(i), str(i)) for i in table.index]
    else:
        try:
            values = np.asarray(table, dtype=np.float64)
        except (TypeError, ValueError):
            raise ValueError(
                "result: expected an SMAA result, a DataFrame or an (m, m) array of rank "
                f"acceptabilities, got {type(result).__name__}"
            ) from None
        names = [f"Alternative {i + 1}" for i in range(values.shape[0])] if values.ndim else []
    if values.ndim != 2 or values.shape[0] == 0 or values.shape[1] == 0:
        raise ValueError(
            f"result: rank acceptabilities must be a 2-d table (options × ranks), "
            f"got shape {values.shape}"
        )
    if not np.all(np.isfinite(values)) or values.min() < -1e-9 or values.max() > 1 + 1e-9:
        raise ValueError("result: rank acceptabilities must be finite shares in [0, 1]")
    m, r = values.shape
    if labels is not None:
        names = [str(x) for x in labels]
        if len(names) != m:
            raise ValueError(f"labels: need {m} labels, one per option, got {len(names)}")
    keys = [-values[:, k] for k in reversed(range(r))]
    order = np.lexsort(keys)
    shown = values[order]
    shown_names = [names[i] for i in order]
    return shown, shown_names


def _rank_colours(r: int) -> list[tuple[float, float, float]]:
    """Colours of ranks 1 to ``r``: dark blue for the first, paling with rank."""
    return [_sequential("Blues", float(t)) for t in np.linspace(0.95, 0.18, r)]


# ----------------------------------------------------------------------- 9. one-way
@_literal
def one_way(
    result: OneWayResult,
    *,
    ax: Axes | None = None,
    figsize: tuple[float, float] | None = None,
    title: str | None = None,
) -> Figure:
    """Each option's score as one criterion's weight runs from 0 to 1.

    The other weights keep their proportions, :math:`w_k(t) = (1 - t)\\,w_k /
    \\sum_{l \\ne j} w_l` (for additive models the scores are straight lines
    in :math:`t`; Triantaphyllou & Sánchez 1997). A dashed vertical line marks
    the profile's current weight; each crossing where two options swap
    places is marked and labelled with its weight, the crossings that change
    the top option with a filled diamond and the names of the two options.
    The option ranked first at the current weight is drawn thicker.

    Parameters
    ----------
    result : OneWayResult
        From :func:`policyopts.sensitivity.oneway.one_way_case`.
    ax, figsize, title
        As for :func:`contributions`.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import policyopts as po
    >>> from policyopts import plots
    >>> from policyopts.sensitivity.oneway import one_way_case
    >>> fig = plots.one_way(one_way_case(po.load_case("mali"), "ct_effect", "balanced"))
    >>> len(fig.axes[0].get_lines()) >= 6
    True
    """
    from policyopts.sensitivity.oneway import OneWayResult

    _check(result, OneWayResult, "result")
    scores = result.scores
    t = np.asarray(scores.index, dtype=np.float64)
    options = [str(o) for o in scores.columns]
    names = _option_labels(result)
    crit = _criterion_labels(result).get(result.criterion, result.criterion)
    values = scores.to_numpy(dtype=np.float64)
    current_row = int(np.argmin(np.abs(t - result.current)))
    ranks_now = result.ranks.to_numpy()[current_row]
    top = int(np.flatnonzero(ranks_now == ranks_now.min())[0])
    fig, ax = _axes(ax, figsize, (11.0, 6.5))
    for i, oid in enumerate(options):  # loop over options
        colour = PALETTE[i % len(PALETTE)]
        ax.plot(
            t,
            values[:, i],
            color=colour,
            linewidth=3.6 if i == top else 2.0,
            linestyle=("-", "--", ":")[(i // len(PALETTE)) % 3],
            label=names.get(oid, oid),
            zorder=3 if i == top else 2,
        )
    ax.axvline(result.current, color="#333333", linestyle="--", linewidth=1.3, zorder=1)
    ax.annotate(
        f"now {result.current:.2f}",
        xy=(result.current, 1.0),
        xycoords=("data", "axes fraction"),
        xytext=(4, -4),
        textcoords="offset points",
        ha="left",
        va="top",
        fontsize=_FS_ANN,
        fontweight="bold",
    )
    cross = result.crossings
    from matplotlib.lines import Line2D

    ax.set_xlim(0.0, 1.0)
    lo, hi = float(values.min()), float(values.max())
    pad = 0.06 * (hi - lo if hi > lo else 1.0)
    ax.set_ylim(lo - pad, hi + pad)
    _tidy(ax, grid="y")
    ax.set_xlabel(f"Weight of {crit}", fontsize=_FS_LABEL)
    better = "higher" if result.higher_is_better else "lower"
    ax.set_ylabel(f"Score ({better} is better)", fontsize=_FS_LABEL)
    handles, labels = ax.get_legend_handles_labels()
    handles += [
        Line2D([], [], linestyle="none", marker="D", markersize=9, color="black"),
        Line2D(
            [],
            [],
            linestyle="none",
            marker="o",
            markersize=8,
            markerfacecolor="white",
            markeredgecolor="black",
        ),
    ]
    labels += ["top option changes", "rank change"]
    _legend_outside(ax, handles, labels, title="Option")
    _titles(
        fig,
        ax,
        title or f"Sensitivity of the scores to the weight of {crit}",
        _result_provenance(result, ["Other weights keep their proportions"]),
    )
    if len(cross):
        w = cross["weight"].to_numpy(dtype=np.float64)
        col = {o: k for k, o in enumerate(options)}
        over = [col[str(o)] for o in cross["overtaking"]]
        y = np.array([np.interp(wk, t, values[:, i]) for wk, i in zip(w, over, strict=True)])
        flips = cross["top_change"].to_numpy(dtype=bool)
        ax.scatter(
            w[~flips],
            y[~flips],
            s=64,
            facecolors="white",
            edgecolors="black",
            linewidths=1.4,
            zorder=6,
        )
        ax.scatter(w[flips], y[flips], s=90, marker="D", color="black", zorder=6)
        texts = [
            (
                f"{wk:.2f}: {names.get(str(a), str(a))} passes {names.get(str(b), str(b))}"
                if f
                else f"{wk:.2f}"
            )
            for wk, a, b, f in zip(w, cross["overtaking"], cross["overtaken"], flips, strict=True)
        ]
        order = [int(i) for i in np.flatnonzero(flips)] + [int(i) for i in np.flatnonzero(~flips)]
        _place_labels(
            fig,
            ax,
            w,
            y,
            [_wrap(s, 28) for s in texts],
            np.full(len(w), 5.0),
            fontsize=_FS_ANN,
            order=order,
            boxed=True,
        )
    return fig


# ----------------------------------------------------------------------- 10. tornado
@_literal
def tornado(
    result: TornadoResult,
    *,
    option: str | None = None,
    top: int = 15,
    ax: Axes | None = None,
    figsize: tuple[float, float] | None = None,
    title: str | None = None,
) -> Figure:
    """Tornado diagram: how far each input, alone, moves the result.

    For each uncertain input (a score's low and high, a risk likelihood's
    range, each weight ± a step), a bar from the nominal value of the output
    to its value with the input at its low end and one to its value at its
    high end; inputs sorted by swing, largest on top (Eschenbach 1992). The
    output is the margin of the nominal top option over the runner-up (below
    zero the runner-up leads; a dashed line marks zero) or, with ``option``,
    that option's score. The input's end values are written at the bar ends;
    inputs that change the top option at an end of their range are starred.

    Parameters
    ----------
    result : TornadoResult
        From :func:`policyopts.sensitivity.tornado.tornado`.
    option : str, optional
        Show this option's score instead of the margin.
    top : int, default 15
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
    >>> from policyopts.sensitivity.tornado import tornado
    >>> fig = plots.tornado(tornado(po.load_case("mali"), "balanced"), top=8)
    >>> len(fig.axes[0].get_yticklabels())
    8
    """
    d = _tornado_data(result, option, top)
    k, nominal, lo, hi = len(d.labels), d.nominal, d.lo, d.hi
    low_v, high_v, ends_low, ends_high = d.low, d.high, d.ends_low, d.ends_high
    fig, ax = _axes(ax, figsize, (11.0, max(4.5, 0.42 * k + 2.4)))
    y = _rows(k)
    c_low, c_high = d.colours
    for i in range(k):  # loop over the inputs shown
        bars = [(low_v[i], c_low, ends_low[i]), (high_v[i], c_high, ends_high[i])]
        bars.sort(key=lambda item: -abs(item[0] - nominal))
        for z, (end, colour, _) in enumerate(bars):
            ax.barh(
                y[i],
                end - nominal,
                left=nominal,
                height=0.62,
                color=colour,
                edgecolor="white",
                zorder=2 + z,
            )
        for end, _, value in bars:
            right = end >= nominal
            ax.annotate(
                f"{value:.3g}",
                xy=(end, y[i]),
                xytext=(3 if right else -3, 0),
                textcoords="offset points",
                ha="left" if right else "right",
                va="center",
                fontsize=_FS_ANN,
                color="#333333",
            )
    ax.axvline(nominal, color="#333333", linewidth=1.2, zorder=4)
    if d.lead is not None:
        ax.axvspan(lo, 0.0, color=_LOSS, alpha=0.08, linewidth=0, zorder=0)
        ax.axvline(0.0, color=_LOSS, linestyle="--", linewidth=1.3, zorder=1)
    ax.set_xlim(lo, hi)
    _row_labels(ax, [_wrap(s, 34) + star for s, star in zip(d.labels, d.stars, strict=True)])
    _tidy(ax, grid="x")
    ax.set_xlabel(d.xlabel, fontsize=_FS_LABEL)
    from matplotlib.patches import Patch

    handles: list[Any] = [Patch(color=c_low), Patch(color=c_high)]
    legend_labels = list(d.keys)
    if d.lead is not None:
        handles.append(Patch(facecolor=_lighten(_LOSS, 0.85), edgecolor=_LOSS, linestyle="--"))
        legend_labels.append(f"{_wrap(d.lead, 24)}\n(margin below 0)")
    _legend_outside(ax, handles, legend_labels, title="Bar ends")
    _titles(fig, ax, title or d.title, d.subtitle)
    return fig


@dataclass(frozen=True, eq=False)
class _Tornado:
    """What :func:`tornado` draws (also drawn by the HTML brief): per input its
    label, a star if it changes the top option, the output at the input's low
    and high ends and those ends' values; the nominal output, the axis range,
    who leads below a zero margin (None: no zero line)."""

    labels: list[str]
    stars: list[str]
    low: NDArray[np.float64]
    high: NDArray[np.float64]
    ends_low: NDArray[np.float64]
    ends_high: NDArray[np.float64]
    nominal: float
    lo: float
    hi: float
    lead: str | None
    xlabel: str
    title: str
    subtitle: str
    colours: tuple[str, str] = (PALETTE[1], PALETTE[0])
    keys: tuple[str, str] = ("input at its low end", "input at its high end")


def _tornado_data(result: TornadoResult, option: str | None, top: int) -> _Tornado:
    from policyopts.sensitivity.tornado import TornadoResult

    names, a, b = _top_two(result, TornadoResult, top)
    if option is None:
        frame = result.table.head(top)
        low_v = frame["margin_low"].to_numpy(dtype=np.float64)
        high_v = frame["margin_high"].to_numpy(dtype=np.float64)
        nominal = float(result.margin)
        flips = frame["flips_top"].to_numpy(dtype=bool)
        what = f"Margin of {names.get(a, a)} over {names.get(b, b)}"
    else:
        frame = result.for_option(option).head(top)
        low_v = frame["score_low"].to_numpy(dtype=np.float64)
        high_v = frame["score_high"].to_numpy(dtype=np.float64)
        nominal = float(result.nominal[option])
        flips = result.table.loc[frame.index, "flips_top"].to_numpy(dtype=bool)
        what = f"Score of {names.get(option, option)}"
    k = len(frame)
    reach = float(np.max(np.abs(np.concatenate([low_v, high_v]) - nominal))) if k else 0.0
    reach = reach * 1.3 if reach > 0 else 1.0
    lo, hi = nominal - reach, nominal + reach
    extra = [f"Top {k} inputs by swing"]
    if flips.any():
        extra.append("* changes the top option at an end of its range")
    return _Tornado(
        labels=[str(s) for s in frame["label"]],
        stars=[" *" if f else "" for f in flips],
        low=low_v,
        high=high_v,
        ends_low=frame["low"].to_numpy(dtype=np.float64),
        ends_high=frame["high"].to_numpy(dtype=np.float64),
        nominal=nominal,
        lo=lo,
        hi=hi,
        lead=names.get(b, b) + " leads" if option is None and lo < 0.0 < hi else None,
        xlabel=f"{what} (nominal {nominal:.3f})",
        title=f"Tornado: {what.lower()[:1] + what[1:]}",
        subtitle=_result_provenance(result, extra),
    )


# ------------------------------------------------------------------ 11. regret heatmap
