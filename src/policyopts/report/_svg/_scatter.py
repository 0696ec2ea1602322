"""A bubble chart on a shaded likelihood × impact field, its names placed clear of each other."""

from __future__ import annotations

import math
from collections.abc import Sequence

from markupsafe import Markup

from policyopts.report._svg import _canvas as cv

__all__ = ["bubbles"]

#: Radius of a bubble of size 1 (its area is proportional to the size).
RADIUS = 24.0
_ANGLES = (0, 180, 40, 140, -40, -140, 90, -90, 65, 115, -65, -115, 20, 160, -20, -160)
_STEPS = (3.0, 12.0, 24.0, 38.0, 54.0, 72.0, 94.0)

Box = tuple[float, float, float, float]


def _overlap(a: Box, b: Box) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def place(
    centres: Sequence[tuple[float, float]],
    radii: Sequence[float],
    sizes: Sequence[tuple[float, float]],
    area: Box,
    order: Sequence[int],
) -> list[tuple[float, float, str]]:
    """Where to write each point's label (width, height in ``sizes``): for each
    point in ``order``, offsets on rings of growing radius are tried and the
    first whose box clears the labels placed so far, every marker and the
    edges of ``area`` is kept (else the one overlapping least). Returns, per
    point, the anchor point of its text and its ``text-anchor``.

    Examples
    --------
    >>> place([(50.0, 50.0)], [5.0], [(30.0, 10.0)], (0.0, 0.0, 100.0, 100.0), [0])
    [(58.0, 50.0, 'start')]
    """
    markers = [(x - r, y - r, x + r, y + r) for (x, y), r in zip(centres, radii, strict=True)]
    placed: list[Box] = []
    out: list[tuple[float, float, str]] = [(0.0, 0.0, "start")] * len(centres)
    for i in order:
        (x, y), (w, h) = centres[i], sizes[i]
        best: tuple[float, float, float, str, Box] | None = None
        for step in _STEPS:
            for angle in _ANGLES:
                cos, sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))
                tx, ty = x + (radii[i] + step) * cos, y - (radii[i] + step) * sin
                anchor = "start" if cos > 0.3 else "end" if cos < -0.3 else "middle"
                x0 = tx if anchor == "start" else tx - w if anchor == "end" else tx - w / 2
                y0 = ty - h if sin > 0.3 else ty if sin < -0.3 else ty - h / 2
                box = (x0 - 2, y0 - 2, x0 + w + 2, y0 + h + 2)
                inside = _overlap(box, area)
                cost = 20.0 * ((box[2] - box[0]) * (box[3] - box[1]) - inside)
                cost += sum(_overlap(box, other) for other in placed)
                cost += sum(_overlap(box, mk) for mk in markers)
                if best is None or cost < best[0]:
                    best = (cost, tx, (box[1] + box[3]) / 2, anchor, box)
                if cost == 0.0:
                    break
            if best is not None and best[0] == 0.0:
                break
        assert best is not None
        _, tx, ty, anchor, box = best
        placed.append(box)
        out[i] = (tx, ty, anchor)
    return out


def bubbles(
    x: Sequence[float],
    y: Sequence[float],
    sizes: Sequence[float],
    names: Sequence[str],
    *,
    colour: str,
    y_range: tuple[float, float],
    y_ticks: Sequence[tuple[float, str]],
    field: Sequence[str],
    xlabel: str,
    ylabel: str,
    key_title: str,
    key_sizes: Sequence[float],
    order: Sequence[int],
    title: str,
    subtitle: str | None,
    label: str,
) -> Markup:
    """Bubbles at (x in [0, 1], y in ``y_range``) of area proportional to
    ``sizes`` (0: a small hollow ring), each named beside it (a leader line
    when the name sits away), over a field shading from ``field[0]`` (low x
    and y) to ``field[-1]`` (top right); a key of bubble sizes on the right."""
    c = cv.Canvas()
    top = c.header(title, subtitle)
    key_w = max(
        120.0, max(cv.text_width(t, cv.FS_TICK, bold=True) for t in key_title.split("\n")) + 12
    )
    tick_w = max((cv.text_width(t, cv.FS_TICK) for _, t in y_ticks), default=0.0)
    left, right = cv.PAD + 26 + tick_w + 10, c.width - cv.PAD - key_w - 16
    bottom = top + 420.0
    lo, hi = y_range[0] - 0.5, y_range[1] + 0.5

    def sx(v: float) -> float:
        return left + float(v) * (right - left)

    def sy(v: float) -> float:
        return bottom - (float(v) - lo) / ((hi - lo) or 1.0) * (bottom - top)

    stops = [(k / (len(field) - 1), col) for k, col in enumerate(reversed(field))]
    c.define(
        "radialGradient",
        {"id": "po-risk-field", "cx": "1", "cy": "0", "r": "1.3", "fx": "1", "fy": "0"},
        stops,
    )
    c.add(
        "rect", x=left, y=top, width=right - left, height=bottom - top, fill="url(#po-risk-field)"
    )
    for v, text in y_ticks:
        c.add("line", x1=left - 4, y1=sy(v), x2=left, y2=sy(v), stroke=cv.INK)
        c.text(left - 7, sy(v), text, anchor="end")
    for k in range(6):
        t = k / 5
        c.add("line", x1=sx(t), y1=bottom, x2=sx(t), y2=bottom + 4, stroke=cv.INK)
        c.text(sx(t), bottom + 14, f"{t:.1f}", anchor="middle")
    c.add(
        "rect", x=left, y=top, width=right - left, height=bottom - top, fill="none", stroke=cv.INK
    )
    c.text((left + right) / 2, bottom + 36, xlabel, size=cv.FS_LABEL, anchor="middle")
    c.text(cv.PAD + 8, (top + bottom) / 2, ylabel, size=cv.FS_LABEL, anchor="middle", rotate=True)
    centres = [(sx(a), sy(b)) for a, b in zip(x, y, strict=True)]
    radii = [RADIUS * math.sqrt(max(s, 0.0)) for s in sizes]
    for (cx, cy), r, name, s in zip(centres, radii, names, sizes, strict=True):
        if s > 0:
            c.add(
                "circle",
                cx=cx,
                cy=cy,
                r=r,
                fill=colour,
                fill_opacity=0.72,
                stroke="#333333",
                title=f"{name}: {s:g}",
            )
        else:
            c.add("circle", cx=cx, cy=cy, r=4, fill="none", stroke="#333333", title=f"{name}: 0")
    lines = [cv.fit(n, 170, cv.FS_TICK, lines=3) for n in names]
    boxes = [(max(cv.text_width(s, cv.FS_TICK) for s in ls), 15.6 * len(ls)) for ls in lines]
    spots = place(centres, [max(r, 4.0) for r in radii], boxes, (left, top, right, bottom), order)
    for (cx, cy), r, ls, (tx, ty, anchor), (w, h), full in zip(
        centres, radii, lines, spots, boxes, names, strict=True
    ):
        # a leader line from the bubble's edge to the nearest point of its name
        x0 = tx if anchor == "start" else tx - w if anchor == "end" else tx - w / 2
        ex, ey = min(max(cx, x0), x0 + w), min(max(cy, ty - h / 2), ty + h / 2)
        gap = math.hypot(ex - cx, ey - cy)
        if gap > max(r, 4.0) + 10:
            sx0, sy0 = cx + (ex - cx) * max(r, 4.0) / gap, cy + (ey - cy) * max(r, 4.0) / gap
            c.add("line", x1=sx0, y1=sy0, x2=ex, y2=ey, stroke="#555555", stroke_width=0.8)
        c.text(tx, ty, ls, anchor=anchor, full=full, line=1.2)
    ky = c.legend(right + 16, top, [], key_title)
    for s in key_sizes:
        r = RADIUS * math.sqrt(s)
        c.swatch(right + 16 + 7, ky + r + 4, cv.Key("", colour, shape="circle", size=r))
        c.text(right + 16 + 2 * r + 10, ky + r + 4, f"{s:g}")
        ky += 2 * r + 12
    return c.svg(max(bottom + 52, ky + 8), label)
