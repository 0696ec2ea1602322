"""The brief's nine figures, drawn as inline SVG from the analyses' results.

Each function takes the result the matching :mod:`policyopts.plots` figure
takes, reads what to draw from the same data helper that figure uses (order,
grouping, colours, titles; no analysis is computed here) and hands it to a
primitive of :mod:`policyopts.report._svg`. It returns what the ``figure``
macro of the templates draws: the ``<svg>`` markup, its caption and its alt
text (the chart's ``aria-label``). Nothing here imports matplotlib.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from policyopts.model import Case
from policyopts.plots._common import _GAIN, _LOSS, _RISK_COLOURS, PALETTE, _lighten
from policyopts.report import _svg
from policyopts.report._svg import Bar, Key, TreeNode
from policyopts.report._svg._canvas import INK, hex_colour

__all__ = [
    "acceptability",
    "contributions",
    "drivers",
    "regret",
    "risk_matrix",
    "stability",
    "tornado",
    "value_tree",
    "weights",
]

Figure = dict[str, Any]


def _figure(svg: Markup, caption: str, alt: str) -> Figure:
    """A figure as the ``figure`` macro draws it: the chart, its caption and alt text."""
    return {"svg": svg, "caption": caption, "alt": alt}


def contributions(cmp: Any, case: Case, *, caption: str, alt: str) -> Figure:
    """Stacked bars of each criterion's contribution to each option's score.

    Like every figure above the brief's appendices, it has no provenance line
    (method and profile are technical words; the footer records them)."""
    from policyopts.plots.comparison import _contributions_data

    d = _contributions_data(cmp, case)
    name = dict(zip(d.order, d.names, strict=True))
    colour = {c: hex_colour(d.styles[c][0]) for c in d.order}
    keys: list[Key] = []
    headed = any(group is not None for group, _ in d.groups)
    for group, members in d.groups:
        if headed:
            keys.append(Key(group if group is not None else "Other"))
        keys.extend(Key(name[c], colour[c]) for c in members)
    svg = _svg.stacked_bars(
        d.labels,
        d.values,
        [colour[c] for c in d.order],
        names=d.names,
        title=d.title,
        subtitle=None,
        xlabel=d.xlabel,
        label=alt,
        keys=keys,
        key_title="Criteria",
        totals=d.totals,
    )
    return _figure(svg, caption, alt)


def value_tree(case: Case, profile: str | None, *, caption: str, alt: str) -> Figure:
    """The value tree with each node's global weight under ``profile``."""
    from policyopts.plots.tree import _tree_layout

    t = _tree_layout(case, profile)
    parents = case.tree_parents
    row = {node: r for r, (node, _, _) in enumerate(t.rows)}
    nodes = [
        TreeNode(
            label=t.labels[node],
            depth=depth,
            parent=row.get(parents.get(node) or "", -1),
            colour=t.colours.get(top or "", "#555555"),
            branch=node in t.branches,
            weight=t.totals.get(node),
        )
        for node, depth, top in t.rows
    ]
    header = "Global weight" if t.weights is not None else None
    svg = _svg.tree(
        nodes, root=case.title, header=header, title="Value tree", subtitle=None, label=alt
    )
    return _figure(svg, caption, alt)


def _heatmap(g: Any, cmap: str, bar_label: str, alt: str, **kw: Any) -> Markup:
    """:func:`~policyopts.report._svg.heatmap` of a heatmap's table (``_Grid``) from 0 to its
    largest value, without a provenance line unless ``subtitle`` is given."""
    kw.setdefault("title", g.title)
    kw.setdefault("subtitle", None)
    top = float(g.values.max()) or 1.0
    return _svg.heatmap(
        g.rows,
        g.columns,
        g.values,
        g.texts,
        cmap=cmap,
        vmin=0.0,
        vmax=top,
        bar_label=bar_label,
        label=alt,
        **kw,
    )


def weights(pc: Any, *, caption: str, alt: str) -> Figure:
    """A heatmap of the weight each profile gives each criterion."""
    from policyopts.plots.profiles import _profile_weights

    title = "How much each stakeholder weighs each criterion"
    svg = _heatmap(_profile_weights(pc), "Blues", "Weight (% of total)", alt, title=title)
    return _figure(svg, caption, alt)


def regret(sr: Any, *, caption: str, alt: str) -> Figure:
    """A heatmap of each option's regret in each scenario and its maximum regret."""
    from policyopts.plots.robustness import _regret_grid

    g = _regret_grid(sr)
    last = g.values.shape[1] - 1
    svg = _heatmap(g, "Oranges", "Regret", alt, bold_rows=(0,), framed=(0, last), split_before=last)
    return _figure(svg, caption, alt)


def acceptability(sm: Any, *, caption: str, alt: str) -> Figure:
    """Stacked bars of the share of draws in which each option takes each rank."""
    from policyopts.plots._common import _result_provenance
    from policyopts.plots.sensitivity import _acceptability_data, _rank_colours

    shown, names = _acceptability_data(sm, None)
    colours = [hex_colour(c) for c in _rank_colours(shown.shape[1])]
    ranks = [f"Rank {k + 1}" for k in range(shown.shape[1])]
    svg = _svg.stacked_bars(
        names,
        shown,
        colours,
        names=ranks,
        title="How often each option takes each rank",
        subtitle=_result_provenance(sm, ["SMAA rank acceptability"]),
        xlabel="Share of draws",
        label=alt,
        keys=[Key(r, c) for r, c in zip(ranks, colours, strict=True)],
        key_title="Rank",
        cells=[[f"{100 * v:.0f}%" if v >= 0.06 else "" for v in row] for row in shown],
        percent=True,
    )
    return _figure(svg, caption, alt)


def stability(stab: Any, *, caption: str, alt: str) -> Figure:
    """The interval of each weight over which the top option stays first."""
    from policyopts.plots.robustness import _stability_data

    d = _stability_data(stab)
    fill = hex_colour(_lighten(PALETTE[0], 0.55))
    svg = _svg.range_bars(
        d.labels,
        list(d.low),
        list(d.high),
        list(d.current),
        ends=d.ends,
        fill=fill,
        edge=PALETTE[0],
        keys=[Key("current weight", INK, shape="diamond"), Key(d.keeps, fill)],
        title=d.title,
        subtitle=d.subtitle,
        xlabel=d.xlabel,
        label=alt,
    )
    return _figure(svg, caption, alt)


def tornado(tor: Any, *, caption: str, alt: str) -> Figure:
    """The margin between the top two options as each input moves across its range."""
    from policyopts.plots.sensitivity import _tornado_data

    d = _tornado_data(tor, None, 15)
    c_low, c_high = d.colours
    ends = [
        [(float(a), c_low, f"{x:.3g}"), (float(b), c_high, f"{y:.3g}")]
        for a, b, x, y in zip(d.low, d.high, d.ends_low, d.ends_high, strict=True)
    ]
    keys = [Key(d.keys[0], c_low), Key(d.keys[1], c_high)]
    if d.lead is not None:
        keys.append(Key(f"{d.lead} (margin below 0)", _LOSS, shape="dashed"))
    svg = _svg.diverging_bars(
        [s + star for s, star in zip(d.labels, d.stars, strict=True)],
        d.nominal,
        ends,
        lo=d.lo,
        hi=d.hi,
        keys=keys,
        key_title="Bar ends",
        title=d.title,
        subtitle=d.subtitle,
        xlabel=d.xlabel,
        label=alt,
        threshold=0.0 if d.lead is not None else None,
        shade=_LOSS,
    )
    return _figure(svg, caption, alt)


def drivers(result: Any, *, caption: str, alt: str) -> Figure:
    """Each branch's weight beside its share of the differences between options."""
    from policyopts.plots.drivers import _drivers_data

    d = _drivers_data(result, "branch")
    series = [
        Bar("Weight", list(d.weights), hex_colour(_lighten(_GAIN, 0.6))),
        Bar(
            "Share of the differences", list(d.shares), _GAIN, [f"{100 * s:.1f}%" for s in d.shares]
        ),
    ]
    svg = _svg.grouped_bars(
        d.labels,
        series,
        title=d.title,
        subtitle=d.subtitle,
        xlabel=d.xlabel,
        label=alt,
        percent=True,
    )
    return _figure(svg, caption, alt)


def risk_matrix(reg: Any, option: str, case: Case, *, caption: str, alt: str) -> Figure:
    """The risks by likelihood and impact, bubbles sized by ``option``'s exposure."""
    from policyopts.plots.risks import _impact_ticks, _risk_data

    d = _risk_data(reg, option, case)
    ticks, labels, unit = _impact_ticks(d.lo, d.hi, case)
    name = reg.option_names.get(option, option)
    svg = _svg.bubbles(
        list(d.x),
        list(d.impact),
        [float(e) for e in reg.table[option]],
        d.names,
        colour=PALETTE[d.options.index(option) % len(PALETTE)],
        y_range=(d.lo, d.hi),
        y_ticks=list(zip(ticks, labels, strict=True)),
        field=_RISK_COLOURS,
        xlabel="Likelihood",
        ylabel=f"Impact ({unit})",
        key_title=f"Exposure of\n{name}",
        key_sizes=(0.25, 0.5, 1.0),
        order=d.order,
        title=f"Risks of {name}",
        subtitle=d.subtitle,
        label=alt,
    )
    return _figure(svg, caption, alt)
