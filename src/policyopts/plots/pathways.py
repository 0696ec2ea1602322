"""Adaptive pathways ("metro") maps.

:func:`pathways_map` draws a :class:`policyopts.waiting.pathways.Pathways`
plan in the manner of Haasnoot et al. (2013): each option is a line, the
start option runs from the left, and each switch is a station on it where a
transfer leads to the option to switch to.  Stations sit at the signpost's
lead time (months watched); switches set off by a probability trigger, which
can come at any time, stand in a separate column on the right.  House style
as in :mod:`policyopts.plots`: Okabe-Ito colours, names not ids, the start
option in bold, provenance under the title; text from the case is never read
as mathtext.

References
----------
Haasnoot, M., Kwakkel, J. H., Walker, W. E., & ter Maat, J. (2013). Dynamic
adaptive policy pathways. Global Environmental Change, 23(2), 485-498.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from policyopts.plots._common import (
    _FS_ANN,
    _FS_LABEL,
    _FS_TICK,
    PALETTE,
    _axes,
    _check,
    _literal,
    _provenance,
    _titles,
    _wrap,
)
from policyopts.waiting.pathways import Pathways

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["pathways_map"]


@_literal
def pathways_map(
    plan: Pathways,
    *,
    ax: Axes | None = None,
    figsize: tuple[float, float] | None = None,
    title: str | None = None,
) -> Figure:
    """Draw an adaptive plan as a pathways (metro) map.

    Parameters
    ----------
    plan : Pathways
        From :func:`policyopts.pathways`.
    ax, figsize, title
        As for :func:`policyopts.plots.contributions`.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import policyopts as po
    >>> from policyopts.waiting.examples import with_signposts
    >>> fig = po.plots.pathways_map(po.pathways(with_signposts(po.load_case("mali"))))
    >>> type(fig).__name__
    'Figure'
    """
    _check(plan, Pathways, "plan")
    sw = plan.switches
    timed = sw[np.isfinite(sw["at"].to_numpy(dtype=np.float64))]
    untimed = sw[~np.isfinite(sw["at"].to_numpy(dtype=np.float64))]
    horizon = float(plan.horizon)
    end = horizon * 1.15
    trig_x = horizon * 1.35 if len(untimed) else end
    right = trig_x + horizon * (0.25 if len(untimed) else 0.0)

    lines = [plan.start]
    for o in sw["to_option"]:
        if o not in lines:
            lines.append(str(o))
    y = {o: -k for k, o in enumerate(lines)}
    colour = {o: PALETTE[k % len(PALETTE)] for k, o in enumerate(lines)}
    n_st = len(sw)
    fig, ax = _axes(ax, figsize, (10.0, max(3.6, 1.1 * len(lines) + 2.4 + 0.12 * n_st)))

    ax.plot([0.0, right], [0, 0], color=colour[plan.start], linewidth=7, solid_capstyle="round")
    for o in lines[1:]:
        xs = [float(x) for x in timed.loc[timed["to_option"] == o, "at"]]
        if (untimed["to_option"] == o).any():
            xs.append(trig_x)
        x0 = min(xs) if xs else end
        ax.plot([x0, right], [y[o], y[o]], color=colour[o], linewidth=7, solid_capstyle="round")

    def station(x: float, to: str, label: str, k: int) -> None:
        ax.plot([x, x], [0, y[to]], color="#555555", linewidth=2, linestyle=(0, (3, 2)), zorder=2)
        for yy in (0, y[to]):
            ax.plot(
                x,
                yy,
                marker="o",
                markersize=13,
                markerfacecolor="white",
                markeredgecolor="black",
                markeredgewidth=2,
                zorder=4,
            )
        ax.annotate(
            _wrap(label, 22),
            xy=(x, 0),
            xytext=(4, 14 + 26 * (k % 2)),
            textcoords="offset points",
            ha="left",
            va="bottom",
            fontsize=_FS_ANN,
            parse_math=False,
            annotation_clip=False,
        )

    names = plan.signpost_names
    snames = plan.scenario_names
    for k, (_, r) in enumerate(timed.sort_values("at", kind="stable").iterrows()):
        mark = "✓" if r["seen"] else "✗"
        station(float(r["at"]), str(r["to_option"]), f"{mark} {names[str(r['signpost'])]}", k)
    if len(untimed):
        labels = [
            f"P({snames[str(r['scenario'])]}) {'>' if r['posterior'] > r['prior'] else '<'} "
            f"{r['trigger']:.2f} → {plan.option_names[str(r['to_option'])]}"
            for _, r in untimed.iterrows()
        ]
        for o in untimed["to_option"].unique():
            station(trig_x, str(o), "", 0)
        ax.text(
            trig_x,
            min(y.values()) - 0.45,
            "\n".join(_wrap(t, 48) for t in labels),
            ha="center",
            va="top",
            fontsize=_FS_ANN - 1,
            parse_math=False,
        )

    for o in lines:
        ax.plot(right, y[o], marker="s", markersize=11, color=colour[o], zorder=5)
    ax.set_yticks([y[o] for o in lines])
    ax.set_yticklabels([plan.option_names[o] for o in lines], fontsize=_FS_TICK)
    for lab in ax.get_yticklabels():
        lab.set_parse_math(False)
        if lab.get_text() == plan.option_names[plan.start]:
            lab.set_fontweight("bold")
    ticks = [float(t) for t in np.linspace(0.0, horizon, min(7, int(horizon) + 1))]
    tick_labels = [f"{t:g}" for t in ticks]
    if len(untimed):
        ticks.append(trig_x)
        tick_labels.append("any time:\ntriggers")
    ax.set_xticks(ticks)
    ax.set_xticklabels(tick_labels, fontsize=_FS_TICK)
    ax.set_xlim(-0.05 * horizon, right + 0.08 * horizon)
    n_trig = len(untimed)
    ax.set_ylim(min(y.values()) - (0.9 + 0.28 * n_trig if n_trig else 0.6), 1.3)
    ax.set_xlabel("Months watched (signposts at their lead time)", fontsize=_FS_LABEL)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="y", length=0)
    p = plan.provenance
    _titles(
        fig,
        ax,
        title or f"Adaptive pathways: start with {plan.option_names[plan.start]}",
        _provenance(
            extra=["✓ seen, ✗ not seen by then"],
            method=str(p.method),
            profile=str(p.profile),
            case_id=str(p.case_id),
            version=p.version,
        ),
    )
    ax.title.set_parse_math(False)
    return fig
