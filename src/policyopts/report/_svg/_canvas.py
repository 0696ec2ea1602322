"""The drawing surface of the brief's SVG charts: escaping, numbers, text, frames, legends.

Every string that reaches the SVG passes through :func:`escape` (text nodes
and attribute values alike); every number through :func:`num`. Element and
attribute *names* are ours, written in this module and in
:mod:`policyopts.report._svg._charts`; nothing from a case becomes markup.
"""

from __future__ import annotations

import html
import math
import re
import textwrap
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup

from policyopts.plots._common import MAX_LABEL, MAX_TICK_LABEL, _clip, _wrap_parts

__all__ = [
    "WIDTH",
    "Canvas",
    "Key",
    "Rows",
    "escape",
    "hex_colour",
    "nice_ticks",
    "num",
    "text_width",
]

#: Width of every chart's coordinate system (``viewBox``); the brief's column
#: is about 850 px wide at 1280 px, so a unit is about a pixel there.
WIDTH = 860.0
PAD = 8.0
FONT = "Helvetica Neue, Arial, Liberation Sans, sans-serif"
FS_TITLE = 16.0
FS_SUB = 13.0
FS_TICK = 13.0
FS_LABEL = 14.0
INK = "#1d2733"
MUTED = "#404040"
GRID = "#dddddd"
SWATCH = 14.0

# Characters XML 1.0 forbids (C0 controls but tab and line breaks, lone
# surrogates, U+FFFE and U+FFFF): replaced so that every chart stays well formed.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def escape(text: object) -> str:
    """The one escape of text drawn into a chart, for text nodes and attribute values.

    ``& < > " '`` become character references (``html.escape`` with
    ``quote=True``) and characters XML forbids become U+FFFD, so that case
    text can never open an element, close an attribute or break the XML.

    Examples
    --------
    >>> escape('<script>"x" & ]]>')
    '&lt;script&gt;&quot;x&quot; &amp; ]]&gt;'
    """
    return html.escape(_NOT_XML.sub("\ufffd", str(text)), quote=True)


def num(x: float) -> str:
    """A coordinate as we write it: one decimal, no trailing ``.0``.

    Examples
    --------
    >>> num(12.04), num(-0.01), num(3)
    ('12', '0', '3')
    """
    v = float(x)
    if not math.isfinite(v):
        raise ValueError(f"x: expected a finite coordinate, got {x!r}")
    s = f"{v:.1f}".removesuffix(".0")
    return "0" if s == "-0" else s


def hex_colour(rgb: Sequence[float] | str) -> str:
    """``(r, g, b)`` in [0, 1] (or a ``"#RRGGBB"`` string, returned as is) as ``#rrggbb``."""
    if isinstance(rgb, str):
        return rgb
    r, g, b = (min(255, max(0, round(255 * float(c)))) for c in rgb[:3])
    return f"#{r:02x}{g:02x}{b:02x}"


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Estimated width of ``text`` at font ``size``: about 0.56 em a character
    (0.6 in bold), a full em for wide East Asian characters."""
    wide = sum(1 for ch in text if unicodedata.east_asian_width(ch) in "WF")
    return size * ((len(text) - wide) * (0.6 if bold else 0.56) + wide)


def fit(
    text: str,
    width: float,
    size: float,
    *,
    lines: int = 2,
    bold: bool = False,
    limit: int = MAX_TICK_LABEL,
) -> list[str]:
    """``text`` wrapped at word boundaries to about ``width`` units at ``size`` in
    at most ``lines`` lines, the last cut with an ellipsis if text is left over;
    no line longer than ``limit`` characters (a longer word is cut too)."""
    per = max(4, min(limit, int(width / (size * (0.6 if bold else 0.53)))))
    words = " ".join(str(text).split())
    wrapped = textwrap.wrap(words, width=per, break_long_words=False, break_on_hyphens=False)
    wrapped = wrapped or [""]
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = wrapped[-1][: per - 1] + "…"
    return [_clip(w, limit) for w in wrapped]


def nice_ticks(lo: float, hi: float, n: int = 6) -> list[float]:
    """Round tick values covering [lo, hi], about ``n`` of them (steps 1, 2, 2.5, 5 × 10^k).

    Examples
    --------
    >>> nice_ticks(0.0, 0.57)
    [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6]
    """
    span = hi - lo if hi > lo else 1.0
    raw = span / max(n, 1)
    mag = 10.0 ** math.floor(math.log10(raw))
    step = next(s * mag for s in (1.0, 2.0, 2.5, 5.0, 10.0) if s * mag >= raw)
    start = math.floor(lo / step + 1e-9)
    stop = math.ceil(hi / step - 1e-9)
    return [round(k * step, 12) for k in range(start, stop + 1)]


def _value(v: object) -> str:
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return num(v)
    return escape(v)


@dataclass(frozen=True)
class Key:
    """A legend entry: a swatch of ``colour`` (a heading in bold when None).

    ``shape`` is ``"square"``, ``"diamond"``, ``"dashed"`` (a shaded box with
    a dashed edge) or ``"circle"`` of radius ``size``.
    """

    label: str
    colour: str | None = None
    shape: str = "square"
    size: float = 0.0


class Canvas:
    """A chart being drawn: elements are appended, :meth:`svg` closes it."""

    def __init__(self, width: float = WIDTH) -> None:
        self.width = width
        self._parts: list[str] = []
        self._defs: list[str] = []

    def element(
        self, tag: str, attrs: Mapping[str, object], *, title: str | None = None, body: str = ""
    ) -> str:
        """``<tag attrs>`` with every value escaped (numbers formatted by :func:`num`),
        a ``<title>`` tooltip of ``title`` and ``body`` (markup built here) inside."""
        # Built by joining escaped parts, never by formatting text into markup:
        # tag and attribute names are ours, every value goes through escape().
        bits = "".join(f' {k}="{_value(v)}"' for k, v in attrs.items() if v is not None)
        tip = "".join(("<title>", escape(title), "</title>")) if title else ""
        if not (tip or body):
            return "".join(("<", tag, bits, "/>"))
        return "".join(("<", tag, bits, ">", tip, body, "</", tag, ">"))

    def add(self, tag: str, *, title: str | None = None, **attrs: object) -> None:
        """Draw one element (``stroke_width`` is written ``stroke-width``)."""
        names = {k.replace("_", "-"): v for k, v in attrs.items()}
        self._parts.append(self.element(tag, names, title=title))

    def define(
        self, tag: str, attrs: Mapping[str, object], stops: Sequence[tuple[float, str]]
    ) -> None:
        """A gradient in ``<defs>``: ``stops`` are (offset 0-1, colour)."""
        body = "".join(
            self.element("stop", {"offset": f"{100 * o:.0f}%", "stop-color": c}) for o, c in stops
        )
        self._defs.append(self.element(tag, attrs, body=body))

    def text(
        self,
        x: float,
        y: float,
        text: str | Sequence[str],
        *,
        size: float = FS_TICK,
        bold: bool = False,
        anchor: str = "start",
        fill: str = INK,
        full: str | None = None,
        line: float = 1.2,
        rotate: bool = False,
    ) -> None:
        """Text centred vertically on ``y`` (several lines centred as a block); ``full``
        is the uncut text, given as a tooltip when it differs from what is shown;
        ``rotate`` turns it a quarter to read upwards about (x, y)."""
        lines = [text] if isinstance(text, str) else list(text)
        top = y - (len(lines) - 1) * size * line / 2
        spans = "".join(
            self.element("tspan", {"x": x, "y": top + k * size * line}, body=escape(s))
            for k, s in enumerate(lines)
        )
        shown = " ".join(lines)
        tip = full if full is not None and " ".join(full.split()) != shown else None
        attrs = {
            "font-size": size,
            "font-weight": "bold" if bold else None,
            "text-anchor": anchor if anchor != "start" else None,
            "fill": fill,
            "dominant-baseline": "central",
            "transform": f"rotate(-90 {num(x)} {num(y)})" if rotate else None,
        }
        self._parts.append(self.element("text", attrs, title=tip, body=spans))

    def header(self, title: str, subtitle: str | None) -> float:
        """A bold title and a provenance line under it; returns the y below them."""
        self.text(
            PAD,
            PAD + FS_TITLE / 2,
            fit(title, self.width - 2 * PAD, FS_TITLE, lines=1, bold=True, limit=MAX_LABEL),
            size=FS_TITLE,
            bold=True,
            full=title,
        )
        y = PAD + FS_TITLE + 6
        if subtitle:
            chars = int((self.width - 2 * PAD) / (FS_SUB * 0.56))
            lines = _wrap_parts(subtitle, chars)[:3]
            for k, text in enumerate(lines):
                self.text(PAD, y + FS_SUB * (0.6 + 1.25 * k), text, size=FS_SUB, fill=MUTED)
            y += FS_SUB * 1.25 * len(lines)
        return y + 12

    def legend(self, x: float, y: float, keys: Sequence[Key], title: str | None = None) -> float:
        """A legend from (x, y) down; returns the y below it."""
        if title:
            heading = title.split("\n")
            self.text(
                x, y + 8 + 8 * (len(heading) - 1), heading, size=FS_TICK, bold=True, line=1.25
            )
            y += 6 + 16 * len(heading)
        room = self.width - PAD - x - SWATCH - 6
        for key in keys:
            lines = fit(key.label, room, FS_TICK, lines=3, bold=key.colour is None)
            step = max(SWATCH, key.size * 2) + 6 + 15 * (len(lines) - 1)
            cy = y + step / 2
            if key.colour is not None:
                self.swatch(x + SWATCH / 2, cy, key)
            indent = 0.0 if key.colour is None else max(SWATCH, 2 * key.size) + 6
            self.text(x + indent, cy, lines, size=FS_TICK, bold=key.colour is None, full=key.label)
            y += step
        return y

    def swatch(self, cx: float, cy: float, key: Key) -> None:
        h = SWATCH / 2
        if key.shape == "diamond":
            self.marker(cx, cy, key.colour or INK)
        elif key.shape == "circle":
            self.add(
                "circle",
                cx=cx + key.size - h,
                cy=cy,
                r=key.size,
                fill=key.colour,
                fill_opacity=0.75,
                stroke="#333333",
            )
        else:
            dashed = key.shape == "dashed"
            self.add(
                "rect",
                x=cx - h,
                y=cy - h,
                width=SWATCH,
                height=SWATCH,
                fill=key.colour,
                fill_opacity=0.25 if dashed else None,
                stroke="#D55E00" if dashed else None,
                stroke_dasharray="3 2" if dashed else None,
            )

    def marker(self, cx: float, cy: float, fill: str, r: float = 6.0) -> None:
        """A diamond marker centred on (cx, cy)."""
        pts = " ".join(
            f"{num(a)},{num(b)}"
            for a, b in ((cx, cy - r), (cx + r, cy), (cx, cy + r), (cx - r, cy))
        )
        self.add("polygon", points=pts, fill=fill)

    def svg(self, height: float, label: str) -> Markup:
        """The finished chart: ``role="img"``, its ``aria-label`` and ``<title>``
        (``label``), a ``viewBox`` so that it scales with the page."""
        attrs = {
            "xmlns": "http://www.w3.org/2000/svg",
            "viewBox": f"0 0 {num(self.width)} {num(height)}",
            "role": "img",
            "aria-label": label,
            "font-family": FONT,
            "class": "chart",
        }
        defs = self.element("defs", {}, body="".join(self._defs)) if self._defs else ""
        return Markup(self.element("svg", attrs, title=label, body=defs + "".join(self._parts)))


@dataclass(frozen=True)
class Rows:
    """Where a horizontal chart's rows and values go: row ``i`` is centred on
    :meth:`y`, value ``v`` sits at :meth:`x`."""

    left: float
    right: float
    top: float
    step: float
    n: int
    lo: float
    hi: float

    def x(self, v: float) -> float:
        span = self.hi - self.lo or 1.0
        return self.left + (float(v) - self.lo) / span * (self.right - self.left)

    def y(self, i: float) -> float:
        return self.top + (float(i) + 0.5) * self.step

    @property
    def bottom(self) -> float:
        return self.top + self.n * self.step


def row_chart(
    c: Canvas,
    labels: Sequence[str],
    *,
    title: str,
    subtitle: str | None,
    lo: float,
    hi: float,
    ticks: Sequence[float],
    tick_text: Sequence[str],
    xlabel: str,
    keys: Sequence[Key] = (),
    key_title: str | None = None,
    step: float = 34.0,
    end_room: float = 0.0,
    bold: Sequence[int] = (0,),
    grid: bool = True,
) -> tuple[Rows, float]:
    """Draw the frame of a horizontal chart (title, row labels, x ticks and
    grid, x label, legend on the right); returns its rows and the y below the
    legend."""
    top = c.header(title, subtitle)
    key_w = 0.0
    if keys:
        widest = max(text_width(k.label, FS_TICK, bold=k.colour is None) for k in keys)
        key_w = min(210.0, max(widest, text_width(key_title or "", FS_TICK, bold=True)) + 28)
    room = 0.32 * c.width
    shown = [fit(t, room, FS_TICK) for t in labels]
    widest_label = max((text_width(s, FS_TICK, bold=True) for ls in shown for s in ls), default=0)
    left = PAD + min(room, widest_label) + 10
    right = c.width - PAD - (key_w + 16 if keys else 0) - end_room
    rows = Rows(left, right, top + 6, step, len(labels), lo, hi)
    for i, (lines, full) in enumerate(zip(shown, labels, strict=True)):
        c.text(left - 8, rows.y(i), lines, anchor="end", bold=i in bold, full=full)
    base = rows.bottom + 6
    for v, t in zip(ticks, tick_text, strict=True):
        x = rows.x(v)
        if grid:
            c.add("line", x1=x, y1=rows.top, x2=x, y2=base, stroke=GRID, stroke_width=0.8)
        c.add("line", x1=x, y1=base, x2=x, y2=base + 4, stroke=INK)
        c.text(x, base + 14, t, anchor="middle")
    c.add("line", x1=rows.x(ticks[0]), y1=base, x2=rows.x(ticks[-1]), y2=base, stroke=INK)
    c.add("line", x1=left, y1=rows.top, x2=left, y2=base, stroke=INK)
    c.text((left + right) / 2, base + 36, xlabel, size=FS_LABEL, anchor="middle")
    below = c.legend(c.width - PAD - key_w, top + 6, keys, key_title) if keys else 0.0
    return rows, max(base + 52, below + 8)
