"""Shared style and helpers of the figures: palette, font sizes, axes, titles, legends."""

from __future__ import annotations

import contextlib
import functools
import math
import textwrap
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, ParamSpec

import numpy as np
from numpy.typing import NDArray

from policyopts.methods import REGISTRY, SCALE_NORMALIZATION

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


_P = ParamSpec("_P")

#: Longest line of text drawn in full; longer case text is cut with an
#: ellipsis (the brief's appendices keep the full text).
MAX_LABEL = 120
#: Longest line of a tick label or legend entry (names of options, criteria,
#: profiles and scenarios).
MAX_TICK_LABEL = 48
#: Most lines any one text of a figure may have.
MAX_LINES = 12
#: Largest default width or height of a figure, in inches (4,400 pixels at
#: the brief's 110 dpi).
MAX_FIGURE_INCHES = 40.0


@contextlib.contextmanager
def literal_text() -> Iterator[None]:
    """Within this block matplotlib draws text literally: a ``$`` in case text
    is a dollar sign, never the start of mathtext (``text.parse_math`` off).

    Every figure function of :mod:`policyopts.plots` draws under it; use it
    around ``fig.savefig`` too when saving a figure whose axes may add labels
    late.
    """
    import matplotlib as mpl

    with mpl.rc_context({"text.parse_math": False}):
        yield


def _clip(text: str, limit: int = MAX_LABEL, lines: int = MAX_LINES) -> str:
    """``text`` with each line cut to ``limit`` characters and at most
    ``lines`` lines, an ellipsis marking each cut.

    Examples
    --------
    >>> _clip("abcdef", 4)
    'abc…'
    >>> _clip("a\\nb\\nc", 4, lines=2)
    'a\\nb…'
    """
    parts = text.split("\n")
    cut = [p if len(p) <= limit else p[: limit - 1] + "…" for p in parts[:lines]]
    if len(parts) > lines:
        cut[-1] = cut[-1][: limit - 1] + "…"
    return "\n".join(cut)


def _clipped(func: Callable[..., Any]) -> Callable[..., str]:
    """A tick formatter function whose labels are cut to :data:`MAX_TICK_LABEL`."""

    def clipped(x: float, pos: int | None = None) -> str:
        return _clip(str(func(x, pos)), MAX_TICK_LABEL)

    return clipped


def _literal(func: Callable[_P, Figure]) -> Callable[_P, Figure]:
    """Draw ``func``'s figure with literal text (see :func:`literal_text`) and
    long case text cut for display: every text artist is told not to parse
    mathtext, tick labels and legend entries are cut to
    :data:`MAX_TICK_LABEL` characters a line, other text to :data:`MAX_LABEL`,
    and no text keeps more than :data:`MAX_LINES` lines."""

    @functools.wraps(func)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> Figure:
        from matplotlib.legend import Legend
        from matplotlib.text import Text
        from matplotlib.ticker import FixedFormatter, FuncFormatter

        with literal_text():
            fig = func(*args, **kwargs)
        names: set[int] = set()
        for ax in fig.get_axes():
            for axis in (ax.xaxis, ax.yaxis):
                # Tick labels are redrawn from the formatter: cut them there.
                for formatter in (axis.get_major_formatter(), axis.get_minor_formatter()):
                    if isinstance(formatter, FixedFormatter):
                        formatter.seq = [_clip(str(t), MAX_TICK_LABEL) for t in formatter.seq]
                    elif isinstance(formatter, FuncFormatter):
                        formatter.func = _clipped(formatter.func)
            names.update(id(t) for t in ax.get_xticklabels() + ax.get_yticklabels())
        for legend in fig.findobj(Legend):
            names.update(id(t) for t in legend.get_texts())
        for text in fig.findobj(Text):
            text.set_parse_math(False)
            content = text.get_text()
            limit = MAX_TICK_LABEL if id(text) in names else MAX_LABEL
            clipped = _clip(content, limit)
            if clipped != content:
                text.set_text(clipped)
        return fig

    return wrapper


#: Okabe–Ito colours (Okabe & Ito 2008), ordered so that the first six are
#: mutually distinct as fills; grey and yellow come last (yellow is weak on
#: white, and lightened yellow is almost white).
PALETTE: tuple[str, ...] = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#999999",  # grey
    "#F0E442",  # yellow
)
#: Hues for the branches of a value tree: distinct hue families, so that the
#: lighter shades of one branch's criteria are not confused with another branch.
_BRANCH_PALETTE: tuple[str, ...] = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#6E6E6E",  # grey
    "#D55E00",  # vermillion
    "#56B4E9",  # sky blue
    "#F0E442",  # yellow
)
_HATCHES = ("", "//", "..", "xx", "\\\\")
_GAIN = "#0072B2"  # blue: in favour
_LOSS = "#D55E00"  # vermillion: against

_FS_TICK = 11
_FS_LABEL = 12
_FS_TITLE = 14
_FS_SUB = 10
_FS_ANN = 10
_FS_LEGEND = 10

_RISK_COLOURS = ("#e5f5e0", "#fdf0b0", "#f4a582")  # light green → pale yellow → salmon
_BUBBLE = 2000.0  # marker area (pt²) of a fully exposed risk

Kind = Literal["bars", "heatmap"]
RankKind = Literal["bump", "heatmap"]


# --------------------------------------------------------------------------- helpers


def method_abbreviation(method: str) -> str:
    """A method's short display name from the registry (the name itself if unknown)."""
    spec = REGISTRY.get(method)
    return spec.abbreviation if spec is not None else method


def _axes(
    ax: Axes | None, figsize: tuple[float, float] | None, default: tuple[float, float]
) -> tuple[Figure, Axes]:
    """A new constrained-layout figure with one Axes, or ``ax`` and its figure."""
    if ax is None:
        from matplotlib.figure import Figure

        fig = Figure(figsize=_figsize(figsize, default), layout="constrained")
        return fig, fig.subplots()
    from matplotlib.axes import Axes as _Axes

    if not isinstance(ax, _Axes):
        raise ValueError(f"ax: expected a matplotlib Axes, got {type(ax).__name__}")
    owner = ax.get_figure(root=True)
    if owner is None:
        raise ValueError("ax: the Axes is not attached to a figure")
    return owner, ax


def _settle(fig: Figure) -> None:
    """Make ``fig``'s display coordinates final without drawing it.

    What a draw does before painting, and only that: the layout engine places
    the Axes, each Axes applies its aspect and brings autoscaled limits up to
    date. ``Figure.draw_without_rendering`` does the same and then walks every
    artist, which costs as much again.
    """
    engine = fig.get_layout_engine()
    if engine is not None:
        engine.execute(fig)
    for ax in fig.axes:
        ax.get_xlim()  # autoscaled limits are computed on first access
        ax.apply_aspect()


def _figsize(
    figsize: tuple[float, float] | None, default: tuple[float, float]
) -> tuple[float, float]:
    if figsize is None:
        # Sizes that grow with the case (rows per option, columns per
        # scenario) are capped: a huge case gives a dense figure, not a
        # canvas that cannot be allocated.
        return (min(default[0], MAX_FIGURE_INCHES), min(default[1], MAX_FIGURE_INCHES))
    try:
        w, h = (float(v) for v in figsize)
    except (TypeError, ValueError):
        raise ValueError(f"figsize: expected (width, height) in inches, got {figsize!r}") from None
    if not (w > 0 and h > 0 and math.isfinite(w) and math.isfinite(h)):
        raise ValueError(f"figsize: width and height must be positive, got {figsize!r}")
    return (w, h)


def _check(obj: object, types: type | tuple[type, ...], name: str) -> None:
    if not isinstance(obj, types):
        want = (
            " or ".join(t.__name__ for t in types) if isinstance(types, tuple) else types.__name__
        )
        raise TypeError(f"{name}: expected a {want}, got {type(obj).__name__}")


def _top_two(result: Any, kind: type, top: object) -> tuple[Mapping[str, str], str, str]:
    """Check a tornado or Sobol result and its ``top`` count; the result's option
    labels and its top two options."""
    _check(result, kind, "result")
    if isinstance(top, bool) or not isinstance(top, int) or top < 1:
        raise ValueError(f"top: expected a positive integer, got {top!r}")
    a, b = result.top_two
    return _option_labels(result), str(a), str(b)


def _wrap(text: str, width: int) -> str:
    lines = textwrap.wrap(str(text), width=width, break_long_words=False, break_on_hyphens=False)
    return "\n".join(lines) or str(text)


def _provenance(
    *,
    method: str | None = None,
    normalization: str | None = None,
    profile: str | None = None,
    scenario: str | Literal[False] | None = False,
    case_id: str | None = None,
    version: str | None = None,
    extra: Iterable[str] = (),
) -> str:
    """``Profile balanced · WSM on value scales · baseline · case mali · policyopts 0.1``."""
    bits = list(extra)
    if profile is not None:
        bits.append(f"profile {profile}")
    if method is not None:
        m = method_abbreviation(method)
        if normalization == SCALE_NORMALIZATION:
            m += " on value scales"
        elif normalization:
            m += f" ({normalization} normalization)"
        bits.append(m)
    if scenario is not False:
        bits.append(f"scenario {scenario}" if scenario else "baseline")
    if case_id:
        bits.append(f"case {case_id}")
    if version:
        bits.append(f"policyopts {version}")
    text = " · ".join(bits)
    return text[:1].upper() + text[1:]


def _wrap_parts(text: str, chars: int) -> list[str]:
    """Wrap a ``" · "``-separated line at the separators where possible."""
    lines: list[str] = []
    for part in text.split(" · "):
        if lines and len(lines[-1]) + 3 + len(part) <= chars:
            lines[-1] += " · " + part
        else:
            lines.extend(textwrap.wrap(part, width=chars, break_long_words=False) or [part])
    return lines


def _signed(x: float, digits: int = 3) -> str:
    """``+0.012`` / ``−0.012`` with a true minus sign."""
    if round(x, digits) == 0:
        return f"{0.0:.{digits}f}"
    return f"{x:+.{digits}f}".replace("-", "\u2212")


def _titles(fig: Figure, ax: Axes, title: str, subtitle: str | None) -> None:
    """A bold title on the left with a smaller provenance line beneath it."""
    width_in = float(fig.get_figwidth())
    chars = max(40, int(0.8 * width_in * 72 / (0.55 * _FS_SUB)))
    lines = _wrap_parts(subtitle, chars) if subtitle else []
    pad = 6.0 + (len(lines) * _FS_SUB * 1.25 + 4.0 if lines else 0.0)
    ax.set_title(title, loc="left", fontsize=_FS_TITLE, fontweight="bold", pad=pad)
    if lines:
        ax.annotate(
            "\n".join(lines),
            xy=(0.0, 1.0),
            xycoords="axes fraction",
            xytext=(0.0, 5.0),
            textcoords="offset points",
            ha="left",
            va="bottom",
            fontsize=_FS_SUB,
            color="#404040",
            annotation_clip=False,
        )


def _fig_titles(fig: Figure, title: str, subtitle: str | None) -> None:
    """Title on top and provenance as a caption at the bottom (multi-panel figures)."""
    fig.suptitle(title, fontsize=_FS_TITLE, fontweight="bold")
    if subtitle:
        width_in = float(fig.get_figwidth())
        chars = max(40, int(0.9 * width_in * 72 / (0.55 * _FS_SUB)))
        fig.supxlabel("\n".join(_wrap_parts(subtitle, chars)), fontsize=_FS_SUB, color="#404040")


def _rgb(colour: str) -> tuple[float, float, float]:
    """``"#RRGGBB"`` as red, green, blue in [0, 1] (no plotting library needed).

    Examples
    --------
    >>> _rgb("#ff8000")
    (1.0, 0.5019607843137255, 0.0)
    """
    text = colour.lstrip("#")
    if len(text) != 6:
        raise ValueError(f"colour: expected '#RRGGBB', got {colour!r}")
    r, g, b = (int(text[k : k + 2], 16) / 255.0 for k in (0, 2, 4))
    return (r, g, b)


def _lighten(colour: str, amount: float) -> tuple[float, float, float]:
    """``colour`` (``"#RRGGBB"``) mixed with white: ``amount`` 0 keeps it, 1 is white."""
    r, g, b = _rgb(colour)
    return (r + (1 - r) * amount, g + (1 - g) * amount, b + (1 - b) * amount)


#: The nine ColorBrewer classes of the sequential maps the figures use (Brewer
#: 2003); matplotlib's maps of the same names interpolate linearly between them.
_SEQUENTIAL: dict[str, tuple[str, ...]] = {
    "Blues": (
        "#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6",
        "#4292c6", "#2171b5", "#08519c", "#08306b",
    ),
    "Oranges": (
        "#fff5eb", "#fee6ce", "#fdd0a2", "#fdae6b", "#fd8d3c",
        "#f16913", "#d94801", "#a63603", "#7f2704",
    ),
}  # fmt: skip


def _sequential(name: str, t: float) -> tuple[float, float, float]:
    """The colour at ``t`` in [0, 1] (clipped) of the sequential map ``name``,
    as matplotlib's map of that name gives it, without matplotlib.

    Examples
    --------
    >>> _sequential("Blues", 0.0) == _rgb("#f7fbff")
    True
    """
    stops = [_rgb(c) for c in _SEQUENTIAL[name]]
    pos = min(max(float(t), 0.0), 1.0) * (len(stops) - 1)
    k = min(int(pos), len(stops) - 2)
    f = pos - k
    a, b = stops[k], stops[k + 1]
    return (a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f)


def _text_colour(rgba: Sequence[float]) -> str:
    """Black or white, whichever reads better on ``rgba`` (relative luminance)."""
    r, g, b = (float(c) for c in rgba[:3])
    lum = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "black" if lum > 0.5 else "white"


def _style(k: int) -> tuple[str, str]:
    """Colour and hatch of the k-th category: palette colours, then hatched repeats."""
    return PALETTE[k % len(PALETTE)], _HATCHES[(k // len(PALETTE)) % len(_HATCHES)]


def _bold_ticklabels(labels: Iterable[Any], bold: Iterable[str]) -> None:
    targets = set(bold)
    for lab in labels:
        if lab.get_text() in targets:
            lab.set_fontweight("bold")


def _tidy(ax: Axes, *, grid: Literal["x", "y", "none"] = "x") -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(labelsize=_FS_TICK)
    if grid != "none":
        ax.grid(axis=grid, color="#dddddd", linewidth=0.8)
        ax.set_axisbelow(True)


def _legend_outside(ax: Axes, handles: Sequence[Any], labels: Sequence[str], **kw: Any) -> Any:
    """A frameless legend to the right of ``ax``, top-aligned with it; ``kw``
    adds to or overrides the legend's settings."""
    settings: dict[str, Any] = {
        "loc": "upper left",
        "bbox_to_anchor": (1.01, 1.0),
        "frameon": False,
        "fontsize": _FS_LEGEND,
        "title_fontsize": _FS_LEGEND + 1,
        "borderaxespad": 0.0,
    }
    settings.update(kw)
    return ax.legend(handles, labels, **settings)


def _rows(n: int) -> NDArray[np.float64]:
    """Positions of ``n`` rows of a horizontal chart, the first row on top."""
    return np.arange(n, dtype=np.float64)[::-1]


def _row_labels(ax: Axes, labels: Sequence[str], *, pad: float = 0.6) -> None:
    """Label the rows of a horizontal chart (first on top) and fit the y-axis
    to them with ``pad`` rows of room beyond the first and the last."""
    n = len(labels)
    ax.set_yticks(_rows(n), list(labels))
    ax.set_ylim(-pad, n - 1 + pad)


def _labelled_legend(ax: Axes, *, wrap: int | None = None, **kw: Any) -> Any:
    """:func:`_legend_outside` of the artists drawn into ``ax`` with a label,
    each label wrapped at ``wrap`` characters if given."""
    handles, labels = ax.get_legend_handles_labels()
    if wrap is not None:
        labels = [_wrap(t, wrap) for t in labels]
    return _legend_outside(ax, handles, labels, **kw)


def _first_mapping(result: object, *attrs: str) -> Mapping[str, str]:
    """The first of ``attrs`` that ``result`` holds as a mapping (``{}`` if none)."""
    for attr in attrs:
        names = getattr(result, attr, None)
        if isinstance(names, Mapping):
            return names
    return {}


def _option_labels(result: object) -> Mapping[str, str]:
    """Short option names of a result (``option_labels``), else ``option_names``."""
    return _first_mapping(result, "option_labels", "option_names")


def _criterion_labels(result: object) -> Mapping[str, str]:
    """Short criterion names of a result (``criterion_labels``), else ``criterion_names``."""
    return _first_mapping(result, "criterion_labels", "criterion_names")


def _provenance_of(result: object, *fields: str, extra: Iterable[str] = (), **given: Any) -> str:
    """:func:`_provenance` of a result: its ``case_id``, ``version`` and each of
    ``fields`` read from its attributes (``None`` where it has none), and the
    ``given`` values as passed (``profile="custom weights"``, ``method="wsm"``)."""
    values: dict[str, Any] = {f: getattr(result, f, None) for f in ("case_id", "version", *fields)}
    values.update(given)
    return _provenance(extra=extra, **values)


def _result_provenance(result: object, extra: Iterable[str] = ()) -> str:
    """Provenance from whichever of the usual attributes a result carries."""
    bits = list(extra)
    weight_set = getattr(result, "weight_set", None)
    if isinstance(weight_set, str):
        bits.append(f"weights {weight_set}")
    n = getattr(result, "n_samples", None)
    if n is not None:
        bits.append(f"{int(n):,} draws")
    seed = getattr(result, "seed", None)
    if n is not None or seed is not None:
        bits.append(f"seed {seed}")
    fields = ["method", "normalization", "profile"]
    if hasattr(result, "scenario"):
        fields.append("scenario")
    return _provenance_of(result, *fields, extra=bits)


def _percent_axis(axis: Any) -> None:
    from matplotlib.ticker import PercentFormatter

    axis.set_major_formatter(PercentFormatter(1.0, decimals=0))


# ------------------------------------------------------------ 8. rank acceptability
