"""Figures of the risk register: the risk matrix and the risk burden of each option."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from policyopts.model import Case
from policyopts.riskregister import RiskRegister

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.text import Annotation
    from matplotlib.transforms import Bbox


from policyopts.plots._charts import (
    _bar_ends,
    _stacked_barh,
)
from policyopts.plots._common import (
    _BUBBLE,
    _FS_ANN,
    _FS_LABEL,
    _FS_LEGEND,
    _FS_TICK,
    _RISK_COLOURS,
    PALETTE,
    _axes,
    _check,
    _fig_titles,
    _figsize,
    _labelled_legend,
    _legend_outside,
    _literal,
    _provenance_of,
    _settle,
    _style,
    _titles,
    _wrap,
)


def _overlap(a: Bbox, b: Bbox) -> float:
    w = min(a.x1, b.x1) - max(a.x0, b.x0)
    h = min(a.y1, b.y1) - max(a.y0, b.y0)
    return float(w * h) if w > 0 and h > 0 else 0.0


def _outside(bb: Bbox, area: Bbox) -> float:
    inside = _overlap(bb, area)
    return float(bb.width * bb.height) - inside


_ANGLES = (0, 180, 40, 140, -40, -140, 90, -90, 65, 115, -65, -115, 20, 160, -20, -160)
_STEPS = (3.0, 12.0, 24.0, 38.0, 54.0, 72.0, 94.0)


def _place_labels(
    fig: Figure,
    ax: Axes,
    xs: NDArray[np.float64],
    ys: NDArray[np.float64],
    texts: Sequence[str],
    radii: NDArray[np.float64],
    *,
    fontsize: float,
    order: Sequence[int],
    weight: str = "normal",
    boxed: bool = False,
    settle: bool = True,
) -> list[Annotation]:
    """Put each text near its point without overlapping other labels or markers.

    Greedy placement in display space (after the layout is settled): for each
    point, in ``order``, candidate offsets on rings of growing radius around
    the marker are tried, and the first whose box clears every placed label,
    every marker and the Axes' edges is kept (else the least-overlapping
    one). Labels placed away from their marker get a thin leader line.
    """
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.transforms import Bbox

    if settle:  # run the layout so that display coordinates are final
        _settle(fig)
    px = fig.dpi / 72.0
    renderer = RendererAgg(  # type: ignore[no-untyped-call]  # (untyped in matplotlib)
        int(fig.bbox.width) + 1, int(fig.bbox.height) + 1, fig.dpi
    )
    centres = ax.transData.transform(np.column_stack([xs, ys]))
    area = ax.get_window_extent(renderer)
    markers = [
        Bbox.from_extents(cx - r * px, cy - r * px, cx + r * px, cy + r * px)
        for (cx, cy), r in zip(centres, radii, strict=True)
    ]
    pad = (4.0 if boxed else 2.0) * px

    def box_at(i: int, dx: float, dy: float, ha: str, va: str, w: float, h: float) -> Bbox:
        x = centres[i][0] + dx * px
        y = centres[i][1] + dy * px
        x0 = x - w if ha == "right" else x - w / 2 if ha == "center" else x
        y0 = y - h if va == "top" else y - h / 2 if va == "center" else y
        return Bbox.from_extents(x0 - pad, y0 - pad, x0 + w + pad, y0 + h + pad)

    placed: list[Bbox] = []
    out: list[Annotation] = []
    for i in order:
        probe = ax.text(0.0, 0.0, texts[i], fontsize=fontsize, fontweight=weight)
        extent = probe.get_window_extent(renderer)
        probe.remove()
        w, h = float(extent.width), float(extent.height)
        best: tuple[float, float, float, str, str, Bbox] | None = None
        for step in _STEPS:
            for angle in _ANGLES:
                rad = math.radians(angle)
                cos, sin = math.cos(rad), math.sin(rad)
                reach = float(radii[i]) + step
                dx, dy = reach * cos, reach * sin
                ha = "left" if cos > 0.3 else "right" if cos < -0.3 else "center"
                va = "bottom" if sin > 0.3 else "top" if sin < -0.3 else "center"
                box = box_at(i, dx, dy, ha, va, w, h)
                cost = 20.0 * _outside(box, area)
                cost += sum(_overlap(box, other) for other in placed)
                cost += sum(_overlap(box, mk) for mk in markers)
                if best is None or cost < best[0]:
                    best = (cost, dx, dy, ha, va, box)
                if cost == 0.0:
                    break
            if best is not None and best[0] == 0.0:
                break
        assert best is not None
        _, dx, dy, ha, va, chosen = best
        far = math.hypot(dx, dy) > float(radii[i]) + 8.0
        ann = ax.annotate(
            texts[i],
            xy=(float(xs[i]), float(ys[i])),
            xytext=(dx, dy),
            textcoords="offset points",
            ha=ha,
            va=va,
            fontsize=fontsize,
            fontweight=weight,
            arrowprops=(
                {
                    "arrowstyle": "-",
                    "color": "#555555",
                    "linewidth": 0.8,
                    "shrinkA": 1.0,
                    "shrinkB": float(radii[i]),
                }
                if far
                else None
            ),
            bbox=(
                {
                    "boxstyle": "round,pad=0.2",
                    "facecolor": "white",
                    "edgecolor": "none",
                    "alpha": 0.7,
                }
                if boxed
                else None
            ),
            zorder=7,
        )
        ann.set_in_layout(False)
        placed.append(chosen)
        out.append(ann)
    return out


def _risk_background(ax: Axes, lo: float, hi: float) -> None:
    from matplotlib.colors import LinearSegmentedColormap

    lik = np.linspace(0.0, 1.0, 101)
    imp = np.linspace(lo - 0.5, hi + 0.5, 101)
    top = hi if hi > 0 else 1.0
    grid = lik[None, :] * np.clip(imp[:, None], 0.0, None) / top
    cmap = LinearSegmentedColormap.from_list("policyopts_risk", list(_RISK_COLOURS))
    ax.imshow(
        grid,
        extent=(0.0, 1.0, lo - 0.5, hi + 0.5),
        origin="lower",
        aspect="auto",
        cmap=cmap,
        vmin=0.0,
        vmax=1.0,
        interpolation="bilinear",
        zorder=0,
    )


def _spread_coincident(
    x: NDArray[np.float64], y: NDArray[np.float64], step: float
) -> NDArray[np.float64]:
    """Shift risks that sit on the same point apart along x so each stays visible."""
    out = x.copy()
    keys = [(round(float(a), 9), round(float(b), 9)) for a, b in zip(x, y, strict=True)]
    for key in dict.fromkeys(keys):
        idx = [i for i, k in enumerate(keys) if k == key]
        if len(idx) > 1:
            out[idx] = x[idx] + step * (np.arange(len(idx)) - (len(idx) - 1) / 2)
    return out


def _impact_ticks(
    lo: float, hi: float, case: Case | None
) -> tuple[NDArray[np.float64], list[str], str]:
    """Whole-number impacts from ``lo`` to ``hi``, their labels ("4 severe") and the unit."""
    ticks = np.arange(math.ceil(lo), math.floor(hi) + 1, dtype=np.float64)
    labels = [f"{t:g}" for t in ticks]
    unit = "severity"
    if case is not None:
        scale = case.risk_impact_scale
        unit = scale.unit
        labels = [
            f"{t:g} {scale.label_for(float(t))}" if scale.label_for(float(t)) else f"{t:g}"
            for t in ticks
        ]
    return ticks, labels, unit


def _impact_axis(ax: Axes, lo: float, hi: float, case: Case | None) -> None:
    ticks, labels, unit = _impact_ticks(lo, hi, case)
    ax.set_yticks(ticks, labels)
    ax.set_ylim(lo - 0.5, hi + 0.5)
    ax.set_xlim(0.0, 1.0)
    ax.set_ylabel(f"Impact ({unit})", fontsize=_FS_LABEL)
    ax.set_xlabel("Likelihood", fontsize=_FS_LABEL)
    ax.tick_params(labelsize=_FS_TICK)


def _size_handles(exposures: Sequence[float], colour: str) -> list[Any]:
    from matplotlib.lines import Line2D

    return [
        Line2D(
            [],
            [],
            linestyle="none",
            marker="o",
            markersize=math.sqrt(_BUBBLE * e),
            markerfacecolor=colour,
            markeredgecolor="#333333",
            alpha=0.75,
        )
        for e in exposures
    ]


@_literal
def risk_matrix(
    reg: RiskRegister,
    *,
    option: str | None = None,
    case: Case | None = None,
    ax: Axes | None = None,
    figsize: tuple[float, float] | None = None,
    title: str | None = None,
) -> Figure:
    """Likelihood × impact matrix of the risks, bubbles sized by exposure.

    Each risk sits at (likelihood, impact); its bubble's area is proportional
    to an option's exposure to it, so a bubble's size shows how far the
    option takes that risk on (its burden is likelihood × impact × exposure).
    The background shades from green to red with likelihood × impact.
    Risk matrices coarsen risk and should be read with the numbers beside
    them (Cox 2008); :func:`risk_burden` shows the burdens themselves.

    With ``option`` given, one panel with the risks' names placed clear of
    each other and of the bubbles (leader lines where a name sits away from
    its bubble). Without it, small multiples, one panel per option, with the
    risks numbered and named in a shared key. Risks at exactly the same
    point are drawn slightly apart along the likelihood axis.

    Parameters
    ----------
    reg : RiskRegister
        From :func:`~policyopts.risk_register`.
    option : str, optional
        Option id for a single panel; all options as small multiples if omitted.
    case : Case, optional
        The case, for its impact scale (range, unit and labels such as
        "severe"); the impact range of the risks, at least 1-5, otherwise.
    ax : matplotlib.axes.Axes, optional
        Only with ``option`` (small multiples need their own figure).
    figsize, title
        As for :func:`contributions`.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import policyopts as po
    >>> from policyopts import plots
    >>> case = po.load_case("mali")
    >>> fig = plots.risk_matrix(po.risk_register(case), option="negotiate", case=case)
    >>> len(fig.axes[0].texts) >= 5
    True
    """
    d = _risk_data(reg, option, case)
    options, imp, names, lo, hi, xs, order = d.options, d.impact, d.names, d.lo, d.hi, d.x, d.order
    sub = d.subtitle

    def bubbles(axis: Axes, oid: str, colour: str) -> NDArray[np.float64]:
        exposure = reg.table[oid].to_numpy(dtype=np.float64)
        sizes = _BUBBLE * exposure
        _risk_background(axis, lo, hi)
        axis.scatter(
            xs,
            imp,
            s=np.maximum(sizes, 1.0),
            color=colour,
            alpha=0.72,
            edgecolors="#333333",
            linewidths=1.0,
            zorder=3,
        )
        none = exposure <= 0
        if none.any():
            axis.scatter(
                xs[none],
                imp[none],
                s=36.0,
                facecolors="none",
                edgecolors="#333333",
                linewidths=1.0,
                zorder=3,
            )
        _impact_axis(axis, lo, hi, case)
        return np.maximum(np.sqrt(np.maximum(sizes, 36.0)) / 2.0, 3.0)

    if option is not None:
        k = options.index(option)
        fig, ax = _axes(ax, figsize, (11.0, 7.0))
        colour = PALETTE[k % len(PALETTE)]
        radii = bubbles(ax, option, colour)
        legend_exposures = (0.25, 0.5, 1.0)
        _legend_outside(
            ax,
            _size_handles(legend_exposures, colour),
            [f"{e:g}" for e in legend_exposures],
            title=f"Exposure of\n{reg.option_names.get(option, option)}",
            borderaxespad=0.5,
            labelspacing=2.0,
            borderpad=1.0,
            handletextpad=1.5,
        )
        _titles(
            fig,
            ax,
            title or f"Risks of {reg.option_names.get(option, option)}",
            sub,
        )
        _place_labels(
            fig,
            ax,
            xs,
            imp,
            [_wrap(n, 22) for n in names],
            radii,
            fontsize=_FS_ANN,
            order=order,
        )
        return fig

    if ax is not None:
        raise ValueError(
            "ax: small multiples of every option need their own figure; "
            "pass option= to draw one option into ax"
        )
    m = len(options)
    ncols = min(3, m)
    nrows = math.ceil(m / ncols)
    from matplotlib.figure import Figure as _Figure
    from matplotlib.patches import Patch

    fig = _Figure(
        figsize=_figsize(figsize, (4.3 * ncols + 3.6, 3.9 * nrows + 1.4)), layout="constrained"
    )
    grid = fig.subplots(nrows, ncols, sharex=True, sharey=True, squeeze=False)
    axes = list(grid.ravel())
    all_radii = []
    for k, oid in enumerate(options):
        axis = axes[k]
        all_radii.append(bubbles(axis, oid, PALETTE[k % len(PALETTE)]))
        axis.set_title(reg.option_names.get(oid, oid), fontsize=_FS_LABEL, fontweight="bold")
        if k % ncols:  # not in the first column
            axis.set_ylabel("")
            axis.tick_params(labelleft=False)
        if k + ncols < m:  # another panel below it
            axis.set_xlabel("")
            axis.tick_params(labelbottom=False)
        else:
            axis.tick_params(labelbottom=True)
    for axis in axes[m:]:
        axis.set_visible(False)
    key = fig.legend(
        [Patch(visible=False) for _ in names],
        [f"{k + 1}. {_wrap(n, 30)}" for k, n in enumerate(names)],
        loc="outside right upper",
        frameon=False,
        fontsize=_FS_LEGEND,
        title="Risks",
        title_fontsize=_FS_LEGEND + 1,
        handlelength=0.0,
        handletextpad=0.0,
        labelspacing=0.6,
        alignment="left",
    )
    key.get_title().set_fontweight("bold")
    spare = axes[m:]
    size_kw: dict[str, Any] = {
        "frameon": False,
        "fontsize": _FS_LEGEND,
        "title": "Exposure",
        "title_fontsize": _FS_LEGEND + 1,
        "labelspacing": 2.6,
        "borderpad": 1.4,
        "handletextpad": 1.6,
        "alignment": "left",
    }
    size_handles = _size_handles((0.25, 0.5, 1.0), "#999999")
    if spare:  # an empty panel of the grid holds the size key
        spare[0].set_visible(True)
        spare[0].axis("off")
        sizes = spare[0].legend(size_handles, ["0.25", "0.5", "1"], loc="center", **size_kw)
    else:
        sizes = fig.legend(size_handles, ["0.25", "0.5", "1"], loc="outside right lower", **size_kw)
    sizes.get_title().set_fontweight("bold")
    _fig_titles(fig, title or "Risk matrix: each option's exposure", sub)
    _settle(fig)
    for k in range(m):
        _place_labels(
            fig,
            axes[k],
            xs,
            imp,
            [str(i + 1) for i in range(len(names))],
            all_radii[k],
            fontsize=_FS_ANN,
            order=order,
            weight="bold",
            settle=False,
        )
    return fig


@dataclass(frozen=True, eq=False)
class _RiskMatrix:
    """What :func:`risk_matrix` draws (also drawn by the HTML brief): each risk's
    likelihood (spread apart where risks coincide), impact and name, the
    impact range, the order in which names are placed (heaviest first)."""

    options: list[str]
    x: NDArray[np.float64]
    impact: NDArray[np.float64]
    names: list[str]
    lo: float
    hi: float
    order: list[int]
    subtitle: str


def _risk_data(reg: RiskRegister, option: str | None, case: Case | None) -> _RiskMatrix:
    _check(reg, RiskRegister, "reg")
    options = [str(o) for o in reg.burdens.columns]
    if option is not None and option not in options:
        raise ValueError(f"option: unknown option {option!r}; options: {', '.join(options)}")
    if case is not None:
        _check(case, Case, "case")
    lik = reg.table["likelihood"].to_numpy(dtype=np.float64)
    imp = reg.table["impact"].to_numpy(dtype=np.float64)
    if case is not None:
        lo, hi = case.risk_impact_scale.min, case.risk_impact_scale.max
    else:
        lo = min(1.0, float(imp.min())) if len(imp) else 1.0
        hi = max(5.0, float(imp.max())) if len(imp) else 5.0
    return _RiskMatrix(
        options=options,
        x=_spread_coincident(lik, imp, 0.025),
        impact=imp,
        names=[str(n) for n in reg.table["name"]],
        lo=float(lo),
        hi=float(hi),
        order=[int(i) for i in np.lexsort((np.arange(len(lik)), -(lik * imp)))],
        subtitle=_provenance_of(reg, "scenario", extra=["Bubble area ∝ exposure"]),
    )


# -------------------------------------------------------------------- 6. value tree
@_literal
def risk_burden(
    reg: RiskRegister,
    *,
    ax: Axes | None = None,
    figsize: tuple[float, float] | None = None,
    title: str | None = None,
) -> Figure:
    """Each option's risk burden, stacked by risk.

    One horizontal bar per option, lowest total burden on top (and in bold),
    made of the burdens :math:`b_{ri} = p_r \\, s_r \\, e_{ri}` (likelihood ×
    impact × exposure) of the risks; the total, which enters the analysis as
    the risk-burden cost criterion, is written at the end of the bar.

    Parameters
    ----------
    reg : RiskRegister
        From :func:`~policyopts.risk_register`.
    ax, figsize, title
        As for :func:`contributions`.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import policyopts as po
    >>> from policyopts import plots
    >>> fig = plots.risk_burden(po.risk_register(po.load_case("mali")))
    >>> len(fig.axes[0].patches)
    30
    """
    _check(reg, RiskRegister, "reg")
    totals = reg.totals
    options = [str(o) for o in totals.sort_values(kind="stable").index]
    risks = [str(r) for r in reg.burdens.index]
    names = [str(n) for n in reg.table.loc[risks, "name"]]
    m = len(options)
    fig, ax = _axes(ax, figsize, (11.5, max(4.8, 0.7 * m + 2.6)))
    values = reg.burdens.loc[risks, options].to_numpy(dtype=np.float64).T
    styles = [_style(k) for k in range(len(risks))]
    left, right = _stacked_barh(ax, values, styles, [_wrap(n, 30) for n in names])
    tot = totals.loc[options].to_numpy(dtype=np.float64)
    labels = [reg.option_names.get(o, o) for o in options]
    _bar_ends(ax, left, right, [f"{v:.2f}" for v in tot], labels)
    ax.set_xlabel("Risk burden (Σ likelihood × impact × exposure)", fontsize=_FS_LABEL)
    _labelled_legend(ax, title="Risk", labelspacing=0.45)
    _titles(
        fig,
        ax,
        title or "Risk burden by option",
        _provenance_of(reg, "scenario", extra=["Lowest burden on top"]),
    )
    return fig


# ---------------------------------------------------------------- shared: results
