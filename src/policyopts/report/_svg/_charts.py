"""Chart primitives of the brief: plain data (labels, numbers, colours) in, an SVG out.

Each function draws one kind of chart on a :class:`~._canvas.Canvas` and
returns it as :class:`markupsafe.Markup`, built only from escaped text and
numbers formatted here. None of them computes an analysis: the numbers come
from the analysis results, the order and colours from the helpers the
matplotlib figures use.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from markupsafe import Markup
from numpy.typing import ArrayLike

from policyopts.plots._common import _text_colour
from policyopts.report._svg._canvas import (
    FS_LABEL,
    FS_TICK,
    INK,
    PAD,
    Canvas,
    Key,
    fit,
    nice_ticks,
    row_chart,
    text_width,
)

__all__ = [
    "Bar",
    "TreeNode",
    "diverging_bars",
    "grouped_bars",
    "heatmap",
    "range_bars",
    "stacked_bars",
    "tree",
]


def _rgb(colour: str) -> tuple[float, float, float]:
    from policyopts.plots._common import _rgb as rgb

    return rgb(colour)


def _axis(lo: float, hi: float, percent: bool) -> tuple[list[float], list[str]]:
    ticks = nice_ticks(lo, hi)
    text = [f"{100 * t:.0f}%" if percent else f"{t:g}" for t in ticks]
    return ticks, text


def stacked_bars(
    labels: Sequence[str],
    values: ArrayLike,
    colours: Sequence[str],
    *,
    names: Sequence[str],
    title: str,
    subtitle: str | None,
    xlabel: str,
    label: str,
    keys: Sequence[Key],
    key_title: str | None = None,
    totals: Sequence[str] | None = None,
    cells: Sequence[Sequence[str]] | None = None,
    percent: bool = False,
) -> Markup:
    """One bar per row (first on top), stacked from the columns of ``values``
    (``(rows, segments)``): positive parts to the right of 0, negative to the
    left. ``totals`` are written past each bar's end, ``cells`` inside the
    segments (an empty string writes nothing); ``percent`` draws shares on
    a 0-100% axis."""
    v = np.asarray(values, dtype=np.float64)
    pos = np.cumsum(np.clip(v, 0.0, None), axis=1)
    neg = np.cumsum(np.clip(v, None, 0.0), axis=1)
    if percent:
        lo, hi = 0.0, 1.0
    else:
        lo, hi = min(0.0, float(neg.min(initial=0.0))), float(pos.max(initial=0.0)) or 1.0
    ticks, tick_text = _axis(lo, hi, percent)
    room = max((text_width(t, FS_TICK, bold=True) for t in totals or ()), default=0.0)
    c = Canvas()
    rows, bottom = row_chart(
        c,
        labels,
        title=title,
        subtitle=subtitle,
        lo=ticks[0],
        hi=ticks[-1],
        ticks=ticks,
        tick_text=tick_text,
        xlabel=xlabel,
        keys=keys,
        key_title=key_title,
        end_room=room + 8 if totals else 0.0,
        grid=not percent,
    )
    h = 0.62 * rows.step
    for i in range(v.shape[0]):
        y = rows.y(i)
        for j in range(v.shape[1]):
            end = pos[i, j] if v[i, j] >= 0 else neg[i, j]
            x0, x1 = sorted((rows.x(end - v[i, j]), rows.x(end)))
            if x1 - x0 <= 0:
                continue
            shown = f"{100 * v[i, j]:.1f}%" if percent else f"{v[i, j]:.3f}"
            c.add(
                "rect",
                x=x0,
                y=y - h / 2,
                width=x1 - x0,
                height=h,
                fill=colours[j],
                stroke="#ffffff",
                stroke_width=0.8,
                title=f"{labels[i]} · {names[j]}: {shown}",
            )
            text = cells[i][j] if cells is not None else ""
            if text:
                ink = "#ffffff" if _text_colour(_rgb(colours[j])) == "white" else "#000000"
                c.text((x0 + x1) / 2, y, text, anchor="middle", fill=ink)
        if totals is not None:
            c.text(rows.x(pos[i, -1]) + 5, y, totals[i], bold=i == 0)
    return c.svg(bottom, label)


@dataclass(frozen=True)
class Bar:
    """One series of :func:`grouped_bars`: a name, a value per row, a colour and,
    optionally, the text written past each bar's end."""

    name: str
    values: Sequence[float]
    colour: str
    texts: Sequence[str] | None = None


def grouped_bars(
    labels: Sequence[str],
    series: Sequence[Bar],
    *,
    title: str,
    subtitle: str | None,
    xlabel: str,
    label: str,
    percent: bool = False,
) -> Markup:
    """Several thin bars per row, one per series, from 0 (first series on top)."""
    top = max((float(x) for s in series for x in s.values), default=0.0)
    ticks, tick_text = _axis(0.0, top if top > 0 else 1.0, percent)
    c = Canvas()
    keys = [Key(s.name, s.colour) for s in series]
    rows, bottom = row_chart(
        c,
        labels,
        title=title,
        subtitle=subtitle,
        lo=0.0,
        hi=ticks[-1],
        ticks=ticks,
        tick_text=tick_text,
        xlabel=xlabel,
        keys=keys,
        step=24.0 * len(series) + 12,
        bold=(),
    )
    h = (rows.step - 12) / len(series)
    for i, name in enumerate(labels):
        for k, s in enumerate(series):
            y = rows.y(i) - (rows.step - 12) / 2 + k * h
            x1 = rows.x(float(s.values[i]))
            c.add(
                "rect",
                x=rows.left,
                y=y,
                width=x1 - rows.left,
                height=h,
                fill=s.colour,
                title=f"{name} · {s.name}: {100 * float(s.values[i]):.1f}%",
            )
            if s.texts is not None:
                c.text(x1 + 5, y + h / 2, s.texts[i])
    return c.svg(bottom, label)


def range_bars(
    labels: Sequence[str],
    low: Sequence[float],
    high: Sequence[float],
    marks: Sequence[float],
    *,
    ends: Sequence[tuple[str | None, str | None]],
    fill: str,
    edge: str,
    keys: Sequence[Key],
    title: str,
    subtitle: str | None,
    xlabel: str,
    label: str,
) -> Markup:
    """A bar over [low, high] per row on a 0-1 axis, a diamond at ``marks``
    and the texts ``ends`` (low end, high end) beside the bar's ends."""
    ticks = [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]
    c = Canvas()
    rows, bottom = row_chart(
        c,
        labels,
        title=title,
        subtitle=subtitle,
        lo=-0.22,
        hi=1.22,
        ticks=ticks,
        tick_text=[f"{t:.1f}" for t in ticks],
        xlabel=xlabel,
        keys=keys,
        step=30.0,
        bold=(),
    )
    h = 0.55 * rows.step
    for i in range(len(labels)):
        y, x0, x1 = rows.y(i), rows.x(low[i]), rows.x(high[i])
        c.add(
            "rect",
            x=x0,
            y=y - h / 2,
            width=max(x1 - x0, 0.0),
            height=h,
            fill=fill,
            stroke=edge,
            stroke_width=1.2,
            title=f"{labels[i]}: {low[i]:.3f} to {high[i]:.3f}",
        )
        c.marker(rows.x(marks[i]), y, INK)
        below, above = ends[i]
        if below:
            c.text(x0 - 5, y, below, anchor="end", fill="#333333")
        if above:
            c.text(x1 + 5, y, above, fill="#333333")
    return c.svg(bottom, label)


def diverging_bars(
    labels: Sequence[str],
    centre: float,
    ends: Sequence[Sequence[tuple[float, str, str]]],
    *,
    lo: float,
    hi: float,
    keys: Sequence[Key],
    key_title: str | None,
    title: str,
    subtitle: str | None,
    xlabel: str,
    label: str,
    threshold: float | None = None,
    shade: str = "#D55E00",
) -> Markup:
    """Tornado bars: from ``centre`` to each end ``(value, colour, text)`` of
    ``ends[i]``, the longer drawn first, each end's text beside it; a line at
    ``centre``. With ``threshold``, the part of the axis below it is shaded and
    a dashed line marks it."""
    ticks = [t for t in nice_ticks(lo, hi) if lo - 1e-12 <= t <= hi + 1e-12]
    c = Canvas()
    rows, bottom = row_chart(
        c,
        labels,
        title=title,
        subtitle=subtitle,
        lo=lo,
        hi=hi,
        ticks=ticks,
        tick_text=[f"{t:g}" for t in ticks],
        xlabel=xlabel,
        keys=keys,
        key_title=key_title,
        step=28.0,
        bold=(),
    )
    if threshold is not None:
        xt = rows.x(threshold)
        c.add(
            "rect",
            x=rows.left,
            y=rows.top,
            width=xt - rows.left,
            height=rows.bottom - rows.top,
            fill=shade,
            fill_opacity=0.08,
        )
        c.add(
            "line",
            x1=xt,
            y1=rows.top,
            x2=xt,
            y2=rows.bottom,
            stroke=shade,
            stroke_width=1.3,
            stroke_dasharray="5 3",
        )
    h = 0.62 * rows.step
    x0 = rows.x(centre)
    for i, row in enumerate(ends):
        y = rows.y(i)
        for value, colour, _ in sorted(row, key=lambda e: -abs(e[0] - centre)):
            a, b = sorted((x0, rows.x(value)))
            c.add("rect", x=a, y=y - h / 2, width=b - a, height=h, fill=colour, stroke="#ffffff")
        for value, _, text in row:
            right = value >= centre
            c.text(
                rows.x(value) + (4 if right else -4),
                y,
                text,
                anchor="start" if right else "end",
                fill="#333333",
            )
    c.add("line", x1=x0, y1=rows.top, x2=x0, y2=rows.bottom, stroke="#333333", stroke_width=1.2)
    return c.svg(bottom, label)


def heatmap(
    row_labels: Sequence[str],
    col_labels: Sequence[str],
    values: ArrayLike,
    texts: Sequence[Sequence[str]],
    *,
    cmap: str,
    vmin: float,
    vmax: float,
    bar_label: str,
    title: str,
    subtitle: str | None,
    label: str,
    bold_rows: Sequence[int] = (),
    framed: tuple[int, int] | None = None,
    split_before: int | None = None,
) -> Markup:
    """A cell per value, coloured on the sequential map ``cmap`` over
    [``vmin``, ``vmax``], its text written in it; column labels under the
    cells (a line break in a label starts a new line), a colour bar on the
    right. ``framed`` draws a frame round one cell; ``split_before`` leaves a
    gap before that column."""
    from policyopts.plots._common import _sequential

    v = np.asarray(values, dtype=np.float64)
    m, k = v.shape
    c = Canvas()
    top = c.header(title, subtitle)
    room = 0.3 * c.width
    shown = [fit(t, room, FS_TICK) for t in row_labels]
    left = PAD + min(room, max(text_width(s, FS_TICK, bold=True) for ls in shown for s in ls)) + 10
    gap = 8.0 if split_before is not None else 0.0
    cell_w = float(c.width - PAD - 86 - left - gap) / int(k)
    cell_h = 36.0
    span = (vmax - vmin) or 1.0

    def cx(j: int) -> float:
        return left + j * cell_w + (gap if split_before is not None and j >= split_before else 0.0)

    for i in range(m):
        y = top + i * cell_h
        c.text(
            left - 8,
            y + cell_h / 2,
            shown[i],
            anchor="end",
            bold=i in bold_rows,
            full=row_labels[i],
        )
        for j in range(k):
            rgb = _sequential(cmap, (v[i, j] - vmin) / span)
            c.add(
                "rect",
                x=cx(j),
                y=y,
                width=cell_w,
                height=cell_h,
                fill=_hex(rgb),
                stroke="#ffffff",
                stroke_width=2,
                title=f"{row_labels[i]} · {col_labels[j]}: {texts[i][j]}",
            )
            ink = "#ffffff" if _text_colour(rgb) == "white" else "#000000"
            c.text(cx(j) + cell_w / 2, y + cell_h / 2, texts[i][j], anchor="middle", fill=ink)
    if framed is not None:
        i, j = framed
        c.add(
            "rect",
            x=cx(j) + 4,
            y=top + i * cell_h + 4,
            width=cell_w - 8,
            height=cell_h - 8,
            fill="none",
            stroke="#000000",
            stroke_width=2.5,
        )
    base = top + m * cell_h
    deepest = 0
    for j, text in enumerate(col_labels):
        lines = [
            s for part in str(text).split("\n") for s in fit(part, cell_w - 6, FS_TICK, lines=3)
        ]
        deepest = max(deepest, len(lines))
        c.text(cx(j) + cell_w / 2, base + 8 + len(lines) * 8, lines, anchor="middle", full=text)
    # colour bar
    bx, bh = c.width - PAD - 78, min(m * cell_h * 0.8, 260.0)
    by = top + (m * cell_h - bh) / 2
    stops = [(t / 8, _hex(_sequential(cmap, t / 8))) for t in range(9)]
    c.define(
        "linearGradient", {"id": f"po-{cmap}", "x1": "0", "y1": "1", "x2": "0", "y2": "0"}, stops
    )
    c.add(
        "rect",
        x=bx,
        y=by,
        width=14,
        height=bh,
        fill=f"url(#po-{cmap})",
        stroke="#333333",
        stroke_width=0.6,
    )
    for t in nice_ticks(vmin, vmax, 5):
        if vmin - 1e-9 <= t <= vmax + 1e-9:
            ty = by + bh - (t - vmin) / span * bh
            c.add("line", x1=bx + 14, y1=ty, x2=bx + 18, y2=ty, stroke=INK)
            c.text(bx + 21, ty, f"{t:g}")
    c.text(bx + 62, by + bh / 2, bar_label, size=FS_LABEL, anchor="middle", rotate=True)
    return c.svg(base + 18 + 15 * deepest, label)


def _hex(rgb: Sequence[float]) -> str:
    from policyopts.report._svg._canvas import hex_colour

    return hex_colour(rgb)


@dataclass(frozen=True)
class TreeNode:
    """A row of :func:`tree`: its label, depth (1 under the root), the row of
    its parent (-1: the root), colour, whether it is a branch, and its
    weight (None: no weights shown)."""

    label: str
    depth: int
    parent: int
    colour: str
    branch: bool
    weight: float | None = None


def tree(
    nodes: Sequence[TreeNode],
    *,
    root: str,
    header: str | None,
    title: str,
    subtitle: str | None,
    label: str,
) -> Markup:
    """An indented tree, root at the top left, one row per node: elbow
    connectors (their width grows with the weight), squares for branches,
    dots for leaves, weights in per cent in a column on the right."""
    c = Canvas()
    top = c.header(title, subtitle)
    step, indent = 30.0, 40.0
    right = c.width - PAD

    def pos(row: int) -> tuple[float, float]:
        if row < 0:
            return PAD + 4, top + step / 2
        return PAD + 4 + nodes[row].depth * indent, top + (row + 1.5) * step

    c.text(
        PAD + 4,
        top + step / 2,
        fit(root, right - 160, FS_LABEL, lines=1, bold=True),
        size=FS_LABEL,
        bold=True,
        full=root,
    )
    if header is not None:
        c.text(right, top + step / 2, header, anchor="end", bold=True)
    for r, node in enumerate(nodes):
        x, y = pos(r)
        px, py = pos(node.parent)
        elbow = px + 0.3 * indent
        width = 1.5 if node.weight is None else 1.0 + 24.0 * node.weight
        c.add("line", x1=elbow, y1=py + 10, x2=elbow, y2=y, stroke="#bbbbbb")
        c.add("line", x1=elbow, y1=y, x2=x - 8, y2=y, stroke=node.colour, stroke_width=width)
        if node.branch:
            c.add("rect", x=x - 6, y=y - 6, width=12, height=12, fill=node.colour)
        else:
            c.add("circle", cx=x, cy=y, r=5.5, fill=node.colour)
        size = FS_LABEL if node.branch else FS_TICK
        room = right - x - 110
        c.text(
            x + 12,
            y,
            fit(node.label, room, size, lines=1, bold=node.branch),
            size=size,
            bold=node.branch,
            full=node.label,
        )
        if node.weight is not None:
            c.text(right, y, f"{100 * node.weight:.1f}%", anchor="end", bold=node.branch)
    return c.svg(top + (len(nodes) + 1) * step + 8, label)
