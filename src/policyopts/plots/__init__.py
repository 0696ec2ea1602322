"""Matplotlib figures for workshops and briefs.

Every function draws a result the analysis layer already computed (presentation
never computes) and returns a :class:`matplotlib.figure.Figure`. Figures are
built with the object-oriented API (``Figure()``, ``fig.subplots()``), never
through pyplot, so nothing is registered globally and nothing leaks: a figure
is garbage once the caller drops it. Pass ``ax=`` to draw into an Axes of your
own (the function then returns that Axes' figure); ``figsize`` and ``title``
adjust the figure the function makes.

Conventions, chosen for a projector: labels are option, criterion, risk and
profile *names*; fonts are 10 pt or larger; layout is constrained so that
labels and legends are not cut off; colours come from the Okabe–Ito palette,
which stays distinguishable under the common colour-vision deficiencies
(Okabe & Ito 2008); the top option is set in bold where a plot has one; and a
subtitle under the title says what produced the figure (profile, method,
scenario, case, library version).

Matplotlib is imported inside the functions, so ``import policyopts`` stays
fast for users who never plot.

Examples
--------
>>> import policyopts as po
>>> from policyopts import plots
>>> fig = plots.contributions(po.compare(po.load_case("mali"), "balanced"))
>>> type(fig).__name__
'Figure'
"""

from __future__ import annotations

import contextlib
import functools
import math
import textwrap
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, ParamSpec

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from policyopts.compare import Comparison, ProfileComparison
from policyopts.model import Case
from policyopts.riskregister import RiskRegister
from policyopts.triangulation import METHOD_NAMES, Triangulation

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.text import Annotation
    from matplotlib.transforms import Bbox

    from policyopts.scenarios import ScenarioRobustness
    from policyopts.sensitivity.oneway import OneWayResult
    from policyopts.sensitivity.sobol import SobolResult
    from policyopts.sensitivity.stability import StabilityTable
    from policyopts.sensitivity.tornado import TornadoResult

__all__ = [
    "PALETTE",
    "contributions",
    "literal_text",
    "one_way",
    "rank_acceptability",
    "ranks_by_method",
    "ranks_by_profile",
    "regret_heatmap",
    "risk_burden",
    "risk_matrix",
    "sobol",
    "stability",
    "tornado",
    "value_tree",
    "weights_by_profile",
    "why",
]

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

    Every figure function of this module draws under it; use it around
    ``fig.savefig`` too when saving a figure whose axes may add labels late.
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
        m = METHOD_NAMES.get(method, method)
        if normalization == "scale":
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


def _lighten(colour: str, amount: float) -> tuple[float, float, float]:
    from matplotlib.colors import to_rgb

    r, g, b = to_rgb(colour)
    return (r + (1 - r) * amount, g + (1 - g) * amount, b + (1 - b) * amount)


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
    legend = ax.legend(
        handles,
        labels,
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
        frameon=False,
        fontsize=_FS_LEGEND,
        title_fontsize=_FS_LEGEND + 1,
        borderaxespad=0.0,
        **kw,
    )
    return legend


def _stacked_barh(
    ax: Axes,
    values: NDArray[np.float64],
    styles: Sequence[tuple[Any, str]],
    labels: Sequence[str],
    *,
    height: float = 0.62,
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Stack the columns of ``values`` (rows: bars, top row on top); positive
    parts to the right of 0, negative parts to the left. Returns the ends."""
    rows = values.shape[0]
    y = np.arange(rows, dtype=np.float64)[::-1]
    right = np.zeros(rows)
    left = np.zeros(rows)
    for j in range(values.shape[1]):  # loop over segments (criteria or risks)
        v = values[:, j]
        start = np.where(v >= 0, right, left)
        colour, hatch = styles[j]
        ax.barh(
            y,
            v,
            left=start,
            height=height,
            color=colour,
            hatch=hatch or None,
            edgecolor="white",
            linewidth=0.8,
            label=labels[j],
        )
        right = right + np.clip(v, 0.0, None)
        left = left + np.clip(v, None, 0.0)
    return left, right


def _criterion_groups(case: Case, criteria: Sequence[str]) -> list[tuple[str | None, list[str]]]:
    """Criteria grouped under the top-level branch of the value tree they sit in
    (branch name, criterion ids), in the case's branch order; criteria with no
    branch last, under ``None``."""
    known = set(case.criterion_ids)
    if set(criteria) != known:
        raise ValueError(
            "case: its criteria do not match the result's "
            f"(case: {sorted(known)}, result: {sorted(criteria)})"
        )
    parents = case.tree_parents

    def top(node: str) -> str | None:
        current = parents.get(node)
        seen = {node}
        while current is not None:
            up = parents.get(current)
            if up is None or current in seen:
                return current
            seen.add(current)
            current = up
        return None

    groups: list[tuple[str | None, list[str]]] = []
    names = {b.id: b.name for b in case.all_branches}
    for b in case.all_branches:
        if b.parent is None:
            members = [c for c in criteria if top(c) == b.id]
            if members:
                groups.append((names[b.id], members))
    loose = [c for c in criteria if top(c) is None]
    if loose:
        groups.append((None, loose))
    return groups


def _group_styles(
    groups: Sequence[tuple[str | None, list[str]]],
) -> dict[str, tuple[Any, str]]:
    """One hue per branch, criteria within it in lighter shades."""
    out: dict[str, tuple[Any, str]] = {}
    for k, (_, members) in enumerate(groups):
        base = _BRANCH_PALETTE[k % len(_BRANCH_PALETTE)]
        shades = np.linspace(0.0, 0.6, len(members)) if len(members) > 1 else [0.0]
        for c, amount in zip(members, shades, strict=True):
            out[c] = (_lighten(base, float(amount)), "")
    return out


def _grouped_legend(
    ax: Axes,
    groups: Sequence[tuple[str | None, list[str]]],
    styles: Mapping[str, tuple[Any, str]],
    names: Mapping[str, str],
    *,
    title: str,
) -> Any:
    from matplotlib.patches import Patch

    handles: list[Any] = []
    labels: list[str] = []
    headers: list[bool] = []
    with_headers = any(g is not None for g, _ in groups)
    for group, members in groups:
        if with_headers:
            handles.append(Patch(visible=False))
            labels.append(group if group is not None else "Other")
            headers.append(True)
        for c in members:
            colour, hatch = styles[c]
            handles.append(
                Patch(facecolor=colour, hatch=hatch or None, edgecolor="white", linewidth=0.8)
            )
            labels.append(_wrap(names.get(c, c), 26))
            headers.append(False)
    legend = _legend_outside(ax, handles, labels, title=title, labelspacing=0.35)
    for text, header in zip(legend.get_texts(), headers, strict=True):
        if header:
            text.set_fontweight("bold")
    return legend


def _annotate_heatmap(
    ax: Axes,
    image: Any,
    values: NDArray[np.float64],
    texts: Sequence[Sequence[str]],
) -> None:
    cmap, norm = image.get_cmap(), image.norm
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            colour = _text_colour(cmap(norm(values[i, j])))
            ax.text(j, i, texts[i][j], ha="center", va="center", fontsize=_FS_ANN, color=colour)


def _heatmap_axes(ax: Axes, row_labels: Sequence[str], col_labels: Sequence[str]) -> None:
    ax.set_xticks(np.arange(len(col_labels)), list(col_labels), fontsize=_FS_TICK)
    ax.set_yticks(np.arange(len(row_labels)), list(row_labels), fontsize=_FS_TICK)
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_xticks(np.arange(len(col_labels) + 1) - 0.5, minor=True)
    ax.set_yticks(np.arange(len(row_labels) + 1) - 0.5, minor=True)
    ax.grid(which="minor", color="white", linewidth=2)
    ax.tick_params(which="minor", length=0)


# ------------------------------------------------------------------ 1. contributions
@_literal
def contributions(
    cmp: Comparison,
    *,
    case: Case | None = None,
    ax: Axes | None = None,
    figsize: tuple[float, float] | None = None,
    title: str | None = None,
) -> Figure:
    """What each criterion adds to each option's score (additive models).

    One horizontal bar per option, best on top, stacked from the
    contributions :math:`c_{ij} = w_j v_{ij}` of the criteria, so that a bar's
    length is the option's score :math:`S_i = \\sum_j w_j v_{ij}` (the weighted
    sum model; Belton & Stewart 2002, ch. 5). The score is written at the end
    of each bar and the top option's label is bold.

    Parameters
    ----------
    cmp : Comparison
        A comparison by an additive method (``method="wsm"``), which carries
        ``contributions``.
    case : Case, optional
        The case ``cmp`` came from: criteria are then grouped by the top-level
        branch of the value tree, one hue per branch, with branch headings in
        the legend.
    ax : matplotlib.axes.Axes, optional
        Draw into this Axes (its figure is returned); a new figure otherwise.
    figsize : (float, float), optional
        Size of the new figure in inches.
    title : str, optional
        Replaces the default title.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ValueError
        If the comparison has no contributions (a non-additive method), or
        ``case`` has other criteria than ``cmp``.

    Examples
    --------
    >>> import policyopts as po
    >>> from policyopts import plots
    >>> case = po.load_case("mali")
    >>> fig = plots.contributions(po.compare(case, "balanced"), case=case)
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()][0]
    'Aid'
    """
    _check(cmp, Comparison, "cmp")
    if cmp.contributions is None:
        raise ValueError(
            f"cmp: contributions need an additive model (method 'wsm'); "
            f"this comparison used {cmp.method!r}"
        )
    contrib = cmp.contributions
    criteria = [str(c) for c in contrib.columns]
    if case is not None:
        _check(case, Case, "case")
        groups = _criterion_groups(case, criteria)
        styles = _group_styles(groups)
    else:
        groups = [(None, criteria)]
        styles = {c: _style(k) for k, c in enumerate(criteria)}
    order = [c for _, members in groups for c in members]
    options = cmp.ranking
    m = len(options)
    fig, ax = _axes(ax, figsize, (11.0, max(4.8, 0.7 * m + 2.6)))
    values = contrib.loc[options, order].to_numpy(dtype=np.float64)
    names = [cmp.criterion_names.get(c, c) for c in order]
    left, right = _stacked_barh(ax, values, [styles[c] for c in order], names)
    scores = cmp.scores.loc[options].to_numpy(dtype=np.float64)
    y = np.arange(m, dtype=np.float64)[::-1]
    span = float(max(right.max(), 1e-12) - min(left.min(), 0.0))
    for k in range(m):
        ax.text(
            right[k] + 0.01 * span,
            y[k],
            f"{scores[k]:.3f}",
            va="center",
            ha="left",
            fontsize=_FS_ANN + 1,
            fontweight="bold" if k == 0 else "normal",
        )
    ax.set_xlim(min(left.min(), 0.0) * 1.05, right.max() + 0.12 * span)
    labels = [cmp.option_names.get(o, o) for o in options]
    ax.set_yticks(y, labels)
    ax.set_ylim(-0.6, m - 0.4)
    _tidy(ax, grid="x")
    _bold_ticklabels(ax.get_yticklabels(), [labels[0]])
    ax.set_xlabel("Contribution to the score (weight × value)", fontsize=_FS_LABEL)
    _grouped_legend(ax, groups, styles, cmp.criterion_names, title="Criteria")
    _titles(
        fig,
        ax,
        title or "What each criterion contributes to each option's score",
        _provenance(
            extra=["Best option on top"],
            method=cmp.method,
            normalization=cmp.normalization,
            profile=cmp.profile or "custom weights",
            scenario=cmp.scenario,
            case_id=cmp.case_id,
            version=cmp.version,
        ),
    )
    return fig


# ------------------------------------------------------------------------- 2. why
@_literal
def why(
    cmp: Comparison,
    a: str,
    b: str,
    *,
    top: int | None = None,
    ax: Axes | None = None,
    figsize: tuple[float, float] | None = None,
    title: str | None = None,
) -> Figure:
    """Where option ``a`` gains and loses against option ``b``, criterion by criterion.

    Diverging bars of the contribution differences
    :math:`d_j = w_j (v_{aj} - v_{bj})` from :meth:`Comparison.why`, largest
    on top: to the right (blue) where ``a`` gains, to the left (vermillion)
    where ``b`` does. The differences sum to :math:`S_a - S_b`, which the
    subtitle states.

    Parameters
    ----------
    cmp : Comparison
        A comparison by an additive method (``wsm``).
    a, b : str
        Option ids.
    top : int, optional
        Show only the ``top`` criteria with the largest differences.
    ax, figsize, title
        As for :func:`contributions`.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import policyopts as po
    >>> from policyopts import plots
    >>> cmp = po.compare(po.load_case("mali"), "balanced")
    >>> fig = plots.why(cmp, "humanitarian", "negotiate")
    >>> len(fig.axes[0].patches) >= 12
    True
    """
    _check(cmp, Comparison, "cmp")
    diff_table = cmp.why(a, b)
    if top is not None:
        if isinstance(top, bool) or not isinstance(top, int) or top < 1:
            raise ValueError(f"top: expected a positive integer, got {top!r}")
        diff_table = diff_table.head(top)
    diffs = diff_table["difference"].to_numpy(dtype=np.float64)
    crits = [str(c) for c in diff_table.index]
    k = len(crits)
    fig, ax = _axes(ax, figsize, (10.0, max(4.5, 0.42 * k + 2.2)))
    y = np.arange(k, dtype=np.float64)[::-1]
    colours = [_GAIN if d >= 0 else _LOSS for d in diffs]
    ax.barh(y, diffs, height=0.62, color=colours, edgecolor="white")
    ax.axvline(0.0, color="#333333", linewidth=1.0)
    lim = float(np.abs(diffs).max()) if k else 0.0
    lim = lim * 1.35 if lim > 0 else 1.0
    for yi, d in zip(y, diffs, strict=True):
        ax.annotate(
            _signed(float(d)),
            xy=(d, yi),
            xytext=(4 if d >= 0 else -4, 0),
            textcoords="offset points",
            ha="left" if d >= 0 else "right",
            va="center",
            fontsize=_FS_ANN,
        )
    ax.set_xlim(-lim, lim)
    ax.set_yticks(y, [cmp.criterion_names.get(c, c) for c in crits])
    ax.set_ylim(-0.6, k - 0.4)
    _tidy(ax, grid="x")
    na, nb = cmp.option_names.get(a, a), cmp.option_names.get(b, b)
    ax.set_xlabel(f"Contribution difference ({na} − {nb})", fontsize=_FS_LABEL)
    from matplotlib.patches import Patch

    _legend_outside(
        ax,
        [Patch(color=_GAIN), Patch(color=_LOSS)],
        [_wrap(f"favours {na}", 24), _wrap(f"favours {nb}", 24)],
    )
    sa, sb = float(cmp.scores[a]), float(cmp.scores[b])
    _titles(
        fig,
        ax,
        title or f"Why {na} and {nb} differ",
        f"Score {na} {sa:.3f}, {nb} {sb:.3f}: difference {_signed(sa - sb)} · "
        + _provenance(
            method=cmp.method,
            normalization=cmp.normalization,
            profile=cmp.profile or "custom weights",
            scenario=cmp.scenario,
            case_id=cmp.case_id,
            version=cmp.version,
        ),
    )
    return fig


# ---------------------------------------------------------- 3. weights by profile
@_literal
def weights_by_profile(
    source: ProfileComparison | Case,
    *,
    kind: Kind = "heatmap",
    ax: Axes | None = None,
    figsize: tuple[float, float] | None = None,
    title: str | None = None,
) -> Figure:
    """The weight each stakeholder profile gives each criterion.

    A heatmap (criteria × profiles, weights in per cent written in the cells)
    or grouped horizontal bars. Weights are normalised to sum to 100% per
    profile; profiles given as swing points, ranks (rank-order centroid;
    Barron & Barrett 1996), AHP judgements or tree-local weights are shown as
    the global weights they resolve to.

    Parameters
    ----------
    source : ProfileComparison or Case
        The weights of :func:`~policyopts.compare_profiles`, or every profile
        of a case.
    kind : {"heatmap", "bars"}
    ax, figsize, title
        As for :func:`contributions`.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import policyopts as po
    >>> from policyopts import plots
    >>> fig = plots.weights_by_profile(po.load_case("mali"))
    >>> len(fig.axes[0].get_xticklabels())
    6
    """
    if isinstance(source, ProfileComparison):
        weights = source.weights
        first = next(iter(source.comparisons.values()))
        crit_names: Mapping[str, str] = first.criterion_names
        prof_names: Mapping[str, str] = source.profile_names
        subtitle = _provenance(
            extra=["Global weights, % of total"],
            method=source.method,
            scenario=source.scenario,
            case_id=source.case_id,
            version=source.version,
        )
    elif isinstance(source, Case):
        if not source.profiles:
            raise ValueError(f"source: case {source.id!r} has no weight profiles")
        weights = pd.DataFrame(
            {p.id: pd.Series(source.weights(p.id)) for p in source.profiles}
        ).loc[source.criterion_ids]
        crit_names = {c.id: c.label for c in source.all_criteria}
        prof_names = {p.id: p.name for p in source.profiles}
        subtitle = _provenance(extra=["Global weights, % of total"], case_id=source.id)
    else:
        raise TypeError(
            f"source: expected a ProfileComparison or a Case, got {type(source).__name__}"
        )
    if kind not in ("heatmap", "bars"):
        raise ValueError(f"kind: {kind!r} is not one of 'heatmap', 'bars'")
    crits = [str(c) for c in weights.index]
    profiles = [str(p) for p in weights.columns]
    values = 100.0 * weights.to_numpy(dtype=np.float64)
    n, p = values.shape
    row_labels = [crit_names.get(c, c) for c in crits]
    col_labels = [_wrap(prof_names.get(q, q), 14) for q in profiles]
    if kind == "heatmap":
        fig, ax = _axes(ax, figsize, (max(7.5, 1.25 * p + 4.0), max(4.5, 0.42 * n + 2.2)))
        image = ax.imshow(values, cmap="Blues", vmin=0.0, vmax=float(values.max()), aspect="auto")
        _annotate_heatmap(ax, image, values, [[f"{v:.1f}" for v in row] for row in values])
        _heatmap_axes(ax, row_labels, col_labels)
        bar = fig.colorbar(image, ax=ax, shrink=0.8, pad=0.02)
        bar.set_label("Weight (% of total)", fontsize=_FS_LABEL)
        bar.ax.tick_params(labelsize=_FS_TICK)
    else:
        fig, ax = _axes(ax, figsize, (11.0, max(5.0, 0.1 * n * p + 2.5)))
        y = np.arange(n, dtype=np.float64)[::-1]
        h = 0.8 / p
        for k in range(p):  # loop over profiles
            colour, hatch = _style(k)
            ax.barh(
                y + 0.4 - h * (k + 0.5),
                values[:, k],
                height=h,
                color=colour,
                hatch=hatch or None,
                edgecolor="white",
                linewidth=0.5,
                label=prof_names.get(profiles[k], profiles[k]),
            )
        ax.set_yticks(y, row_labels)
        ax.set_ylim(-0.6, n - 0.4)
        ax.set_xlabel("Weight (% of total)", fontsize=_FS_LABEL)
        _tidy(ax, grid="x")
        handles, labels = ax.get_legend_handles_labels()
        _legend_outside(ax, handles, [_wrap(t, 24) for t in labels], title="Profile")
    _titles(fig, ax, title or "How much each stakeholder profile weighs each criterion", subtitle)
    return fig


# -------------------------------------------------------------------- 4. ranks
def _dodge(ranks: NDArray[np.float64], step: float = 0.34) -> NDArray[np.float64]:
    """Spread tied ranks in each column a little apart so both stay visible."""
    out = ranks.copy()
    for j in range(ranks.shape[1]):  # loop over columns (profiles or methods)
        col = ranks[:, j]
        for value in np.unique(col):
            idx = np.flatnonzero(col == value)
            if len(idx) > 1:
                out[idx, j] = value + step * (np.arange(len(idx)) - (len(idx) - 1) / 2)
    return out


def _leader(ranks: NDArray[np.float64]) -> int:
    """Row ranked first most often; ties broken by the best mean rank."""
    firsts = (ranks == 1).sum(axis=1)
    means = ranks.mean(axis=1)
    return int(np.lexsort((means, -firsts))[0])


def _rank_chart(
    ranks: pd.DataFrame,
    option_names: Mapping[str, str],
    columns: Sequence[str],
    *,
    kind: RankKind,
    ax: Axes | None,
    figsize: tuple[float, float] | None,
    title: str,
    subtitle: str,
    xlabel: str,
) -> Figure:
    if kind not in ("bump", "heatmap"):
        raise ValueError(f"kind: {kind!r} is not one of 'bump', 'heatmap'")
    values = ranks.to_numpy(dtype=np.float64)
    options = [str(o) for o in ranks.index]
    names = [option_names.get(o, o) for o in options]
    m, k = values.shape
    lead = _leader(values)
    col_labels = [_wrap(c, 13) for c in columns]
    if kind == "heatmap":
        fig, ax = _axes(ax, figsize, (max(7.0, 1.3 * k + 4.0), max(3.8, 0.55 * m + 2.2)))
        order = np.lexsort((np.arange(m), values.mean(axis=1)))
        shown = values[order]
        image = ax.imshow(shown, cmap="Blues_r", vmin=1.0, vmax=m + 1.5, aspect="auto")
        _annotate_heatmap(ax, image, shown, [[f"{int(v)}" for v in row] for row in shown])
        _heatmap_axes(ax, [names[i] for i in order], col_labels)
        _bold_ticklabels(ax.get_yticklabels(), [names[lead]])
        ax.set_xlabel(xlabel, fontsize=_FS_LABEL)
    else:
        fig, ax = _axes(ax, figsize, (max(8.0, 1.5 * k + 5.0), max(4.0, 0.65 * m + 2.2)))
        ys = _dodge(values)
        x = np.arange(k, dtype=np.float64)
        ax.hlines(np.arange(1, m + 1), -0.35, k - 0.65, color="#eeeeee", linewidth=1.0, zorder=0)
        for i in range(m):  # loop over options
            colour = PALETTE[i % len(PALETTE)]
            style = ("-", "--", ":")[(i // len(PALETTE)) % 3]
            bold = i == lead
            ax.plot(
                x,
                ys[i],
                linestyle=style,
                color=colour,
                linewidth=4.5 if bold else 2.5,
                marker="o",
                markersize=21,
                markerfacecolor=colour,
                markeredgecolor="white",
                markeredgewidth=1.5,
                zorder=3 if bold else 2,
                label=names[i],
            )
            ink = _text_colour(_lighten(colour, 0.0))
            for j in range(k):
                ax.text(
                    x[j],
                    ys[i, j],
                    f"{int(values[i, j])}",
                    ha="center",
                    va="center",
                    fontsize=_FS_ANN,
                    fontweight="bold",
                    color=ink,
                    zorder=4,
                )
            for xj, yj, dx, ha in ((x[0], ys[i, 0], -18, "right"), (x[-1], ys[i, -1], 18, "left")):
                ax.annotate(
                    names[i],
                    xy=(xj, yj),
                    xytext=(dx, 0),
                    textcoords="offset points",
                    ha=ha,
                    va="center",
                    fontsize=_FS_TICK,
                    fontweight="bold" if bold else "normal",
                    color="black",
                )
        ax.set_xlim(-0.35, k - 0.65)
        ax.set_ylim(m + 0.6, 0.4)
        ax.set_xticks(x, col_labels, fontsize=_FS_TICK)
        ax.set_yticks([])
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        ax.set_xlabel(xlabel, fontsize=_FS_LABEL)
    _titles(fig, ax, title, subtitle)
    return fig


@_literal
def ranks_by_profile(
    pc: ProfileComparison,
    *,
    kind: RankKind = "bump",
    ax: Axes | None = None,
    figsize: tuple[float, float] | None = None,
    title: str | None = None,
) -> Figure:
    """Each option's rank under each stakeholder profile.

    ``kind="bump"`` draws a bump chart: one line per option across the
    profiles, rank 1 at the top, the rank written in each marker and the
    option names at both ends; the option ranked first most often is drawn
    thicker and named in bold. ``kind="heatmap"`` draws the rank table
    (options by mean rank, rank 1 darkest). Tied ranks are drawn slightly
    apart.

    Parameters
    ----------
    pc : ProfileComparison
        From :func:`~policyopts.compare_profiles`.
    kind : {"bump", "heatmap"}
    ax, figsize, title
        As for :func:`contributions`.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import policyopts as po
    >>> from policyopts import plots
    >>> fig = plots.ranks_by_profile(po.compare_profiles(po.load_case("mali")))
    >>> len(fig.axes[0].get_lines())
    5
    """
    _check(pc, ProfileComparison, "pc")
    columns = [pc.profile_names.get(str(p), str(p)) for p in pc.ranks.columns]
    return _rank_chart(
        pc.ranks,
        pc.option_names,
        columns,
        kind=kind,
        ax=ax,
        figsize=figsize,
        title=title or "Rank of each option under each stakeholder profile",
        subtitle=_provenance(
            extra=["Rank 1 = best"],
            method=pc.method,
            scenario=pc.scenario,
            case_id=pc.case_id,
            version=pc.version,
        ),
        xlabel="Weight profile",
    )


@_literal
def ranks_by_method(
    tri: Triangulation,
    *,
    kind: RankKind = "bump",
    ax: Axes | None = None,
    figsize: tuple[float, float] | None = None,
    title: str | None = None,
) -> Figure:
    """Each option's rank under each MCDA method (method triangulation).

    Same drawing as :func:`ranks_by_profile`, with methods across; the
    subtitle carries the triangulation's verdict (do the methods agree on the
    top option?).

    Parameters
    ----------
    tri : Triangulation
        From :func:`~policyopts.triangulate`.
    kind : {"bump", "heatmap"}
    ax, figsize, title
        As for :func:`contributions`.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import policyopts as po
    >>> from policyopts import plots
    >>> fig = plots.ranks_by_method(po.triangulate(po.load_case("mali")), kind="heatmap")
    >>> [t.get_text() for t in fig.axes[0].get_xticklabels()][:2]
    ['WSM', 'WPM']
    """
    _check(tri, Triangulation, "tri")
    columns = [METHOD_NAMES.get(str(m), str(m)) for m in tri.ranks.columns]
    return _rank_chart(
        tri.ranks,
        tri.option_names,
        columns,
        kind=kind,
        ax=ax,
        figsize=figsize,
        title=title or "Rank of each option under each method",
        subtitle=tri.verdict()
        + " · "
        + _provenance(
            extra=["Rank 1 = best"],
            profile=tri.profile or "custom weights",
            scenario=tri.scenario,
            case_id=tri.case_id,
            version=tri.version,
        ),
        xlabel="Method",
    )


# ------------------------------------------------------------------- 5. risk matrix
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
        fig.draw_without_rendering()
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


def _impact_axis(ax: Axes, lo: float, hi: float, case: Case | None) -> None:
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
    >>> len(fig.axes[0].texts) >= 10
    True
    """
    _check(reg, RiskRegister, "reg")
    options = [str(o) for o in reg.burdens.columns]
    if option is not None and option not in options:
        raise ValueError(f"option: unknown option {option!r}; options: {', '.join(options)}")
    if case is not None:
        _check(case, Case, "case")
    lik = reg.table["likelihood"].to_numpy(dtype=np.float64)
    imp = reg.table["impact"].to_numpy(dtype=np.float64)
    names = [str(n) for n in reg.table["name"]]
    if case is not None:
        lo, hi = case.risk_impact_scale.min, case.risk_impact_scale.max
    else:
        lo = min(1.0, float(imp.min())) if len(imp) else 1.0
        hi = max(5.0, float(imp.max())) if len(imp) else 5.0
    xs = _spread_coincident(lik, imp, 0.025)
    order = list(np.lexsort((np.arange(len(lik)), -(lik * imp))))
    sub = _provenance(
        extra=["Bubble area ∝ exposure"],
        scenario=reg.scenario,
        case_id=reg.case_id,
        version=reg.version,
    )

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
        ax.legend(
            _size_handles(legend_exposures, colour),
            [f"{e:g}" for e in legend_exposures],
            title=f"Exposure of\n{reg.option_names.get(option, option)}",
            loc="upper left",
            bbox_to_anchor=(1.01, 1.0),
            frameon=False,
            fontsize=_FS_LEGEND,
            title_fontsize=_FS_LEGEND + 1,
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
    fig.draw_without_rendering()
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


# -------------------------------------------------------------------- 6. value tree
@_literal
def value_tree(
    case: Case,
    *,
    profile: str | None = None,
    ax: Axes | None = None,
    figsize: tuple[float, float] | None = None,
    title: str | None = None,
) -> Figure:
    """The case's value tree: the question, its branches and their criteria.

    Drawn as an indented tree, root at the top left, one row per node, each
    top-level branch in its own colour (the risk branch and the derived
    risk-burden criterion included). With ``profile``, each node carries its
    global weight — a criterion's weight, a branch's the sum over the
    criteria beneath it (Belton & Stewart 2002, sec. 5.4) — written in a
    column on the right, and connector widths grow with it.

    Parameters
    ----------
    case : Case
    profile : str, optional
        Id of a weight profile whose weights annotate the tree.
    ax, figsize, title
        As for :func:`contributions`.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import policyopts as po
    >>> from policyopts import plots
    >>> case = po.load_case("mali")
    >>> fig = plots.value_tree(case, profile="balanced")
    >>> "Risk burden" in [t.get_text() for t in fig.axes[0].texts]
    True
    """
    _check(case, Case, "case")
    weights: dict[str, float] | None = None
    prof_name = None
    if profile is not None:
        weights = dict(case.weights(profile))
        prof_name = case.profile(profile).name
    branches = case.all_branches
    criteria = case.all_criteria
    labels: dict[str, str] = {b.id: b.name for b in branches}
    labels.update({c.id: c.label for c in criteria})
    children: dict[str | None, list[str]] = {}
    for b in branches:
        children.setdefault(b.parent, []).append(b.id)
    for c in criteria:
        children.setdefault(c.parent, []).append(c.id)
    branch_ids = {b.id for b in branches}

    rows: list[tuple[str, int, str | None]] = []  # node, depth, top-level branch

    # Depth-first, children in case order, with an explicit stack: a tree of
    # any depth is walked without recursion.
    stack: list[tuple[str, int, str | None]] = [
        (child, 1, child if child in branch_ids else None)
        for child in reversed(children.get(None, []))
    ]
    while stack:
        node, depth, top = stack.pop()
        rows.append((node, depth, top))
        if node in branch_ids:
            stack.extend((c, depth + 1, top) for c in reversed(children.get(node, [])))
    totals: dict[str, float] = {}
    if weights is not None:
        for node, _, _ in reversed(rows):
            totals[node] = (
                sum(totals[c] for c in children.get(node, []))
                if node in branch_ids
                else float(weights[node])
            )
    tops = [b.id for b in branches if b.parent is None]
    colours = {b: _BRANCH_PALETTE[k % len(_BRANCH_PALETTE)] for k, b in enumerate(tops)}
    n = len(rows) + 1
    depth_max = max((d for _, d, _ in rows), default=1)
    fig, ax = _axes(ax, figsize, (8.0, 0.36 * n + 1.6))
    indent = 1.0
    weight_x = depth_max * indent + 5.2
    ax.set_xlim(-0.3, weight_x + 0.2)
    ax.set_ylim(-(n - 0.4), 0.8)
    ax.axis("off")
    ax.text(0.0, 0.0, _wrap(case.title, 60), fontsize=_FS_LABEL, fontweight="bold", va="center")
    position: dict[str | None, tuple[float, float]] = {None: (0.0, 0.0)}
    parents = case.tree_parents
    for r, (node, depth, top) in enumerate(rows, start=1):
        x, y = depth * indent, -float(r)
        position[node] = (x, y)
        px, py = position[parents.get(node)]
        colour = colours.get(top or "", "#555555")
        w = totals.get(node)
        lw = 1.2 if w is None else 0.8 + 18.0 * w
        ax.plot(
            [px + 0.3 * indent, px + 0.3 * indent],
            [py - 0.35, y],
            color="#bbbbbb",
            linewidth=1.0,
            zorder=1,
            solid_capstyle="butt",
        )
        ax.plot(
            [px + 0.3 * indent, x - 0.12],
            [y, y],
            color=colour,
            linewidth=lw,
            zorder=2,
            solid_capstyle="butt",
        )
        is_branch = node in branch_ids
        ax.plot([x], [y], marker="s" if is_branch else "o", markersize=8, color=colour, zorder=3)
        ax.text(
            x + 0.2,
            y,
            labels[node],
            va="center",
            ha="left",
            fontsize=_FS_LABEL if is_branch else _FS_TICK,
            fontweight="bold" if is_branch else "normal",
        )
        if w is not None:
            ax.text(
                weight_x,
                y,
                f"{100 * w:.1f}%",
                va="center",
                ha="right",
                fontsize=_FS_TICK,
                fontweight="bold" if is_branch else "normal",
                color="#222222",
            )
    if weights is not None:
        ax.text(
            weight_x,
            0.0,
            "Global weight",
            va="center",
            ha="right",
            fontsize=_FS_TICK,
            fontweight="bold",
        )
    sub = (
        f"Profile {prof_name}: global weights, line width ∝ weight · case {case.id}"
        if weights is not None
        else f"Branches and criteria of case {case.id}"
    )
    _titles(fig, ax, title or "Value tree", sub)
    return fig


# -------------------------------------------------------------------- 7. risk burden
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
    50
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
    _, right = _stacked_barh(ax, values, styles, [_wrap(n, 30) for n in names])
    y = np.arange(m, dtype=np.float64)[::-1]
    span = float(max(right.max(), 1e-12))
    tot = totals.loc[options].to_numpy(dtype=np.float64)
    for k in range(m):
        ax.text(
            right[k] + 0.01 * span,
            y[k],
            f"{tot[k]:.2f}",
            va="center",
            ha="left",
            fontsize=_FS_ANN + 1,
            fontweight="bold" if k == 0 else "normal",
        )
    ax.set_xlim(0.0, right.max() + 0.12 * span)
    labels = [reg.option_names.get(o, o) for o in options]
    ax.set_yticks(y, labels)
    ax.set_ylim(-0.6, m - 0.4)
    _tidy(ax, grid="x")
    _bold_ticklabels(ax.get_yticklabels(), [labels[0]])
    ax.set_xlabel("Risk burden (Σ likelihood × impact × exposure)", fontsize=_FS_LABEL)
    handles, legend_labels = ax.get_legend_handles_labels()
    _legend_outside(ax, handles, legend_labels, title="Risk", labelspacing=0.45)
    _titles(
        fig,
        ax,
        title or "Risk burden by option",
        _provenance(
            extra=["Lowest burden on top"],
            scenario=reg.scenario,
            case_id=reg.case_id,
            version=reg.version,
        ),
    )
    return fig


# ---------------------------------------------------------------- shared: results
def _option_labels(result: object) -> Mapping[str, str]:
    """Short option names of a result (``option_labels``), else ``option_names``."""
    for attr in ("option_labels", "option_names"):
        names = getattr(result, attr, None)
        if isinstance(names, Mapping):
            return names
    return {}


def _criterion_labels(result: object) -> Mapping[str, str]:
    for attr in ("criterion_labels", "criterion_names"):
        names = getattr(result, attr, None)
        if isinstance(names, Mapping):
            return names
    return {}


def _result_provenance(result: object, extra: Iterable[str] = ()) -> str:
    """Provenance from whichever of the usual attributes a result carries."""
    bits = list(extra)
    weights = getattr(result, "weights", None)
    if isinstance(weights, str):
        bits.append(f"weights {weights}")
    n = getattr(result, "n_samples", None)
    if n is not None:
        bits.append(f"{int(n):,} draws")
    seed = getattr(result, "seed", None)
    if n is not None or seed is not None:
        bits.append(f"seed {seed}")
    return _provenance(
        extra=bits,
        method=getattr(result, "method", None),
        normalization=getattr(result, "normalization", None),
        profile=getattr(result, "profile", None),
        scenario=getattr(result, "scenario", None) if hasattr(result, "scenario") else False,
        case_id=getattr(result, "case_id", None),
        version=getattr(result, "version", None),
    )


def _percent_axis(axis: Any) -> None:
    from matplotlib.ticker import PercentFormatter

    axis.set_major_formatter(PercentFormatter(1.0, decimals=0))


# ------------------------------------------------------------ 8. rank acceptability
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
    from matplotlib import colormaps

    ranks = [f"Rank {k + 1}" for k in range(r)]
    if kind == "bars":
        fig, ax = _axes(ax, figsize, (11.0, max(4.2, 0.65 * m + 2.4)))
        colours = colormaps["Blues"](np.linspace(0.95, 0.18, r))
        styles = [(colours[k], "") for k in range(r)]
        _stacked_barh(ax, shown, styles, ranks)
        y = np.arange(m, dtype=np.float64)[::-1]
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
        ax.set_yticks(y, shown_names)
        ax.set_ylim(-0.6, m - 0.4)
        _tidy(ax, grid="none")
        ax.set_xlabel("Share of draws", fontsize=_FS_LABEL)
        handles, legend_labels = ax.get_legend_handles_labels()
        _legend_outside(ax, handles, legend_labels, title="Rank")
    else:
        fig, ax = _axes(ax, figsize, (max(7.0, 0.9 * r + 4.5), max(3.8, 0.55 * m + 2.2)))
        image = ax.imshow(100 * shown, cmap="Blues", vmin=0.0, vmax=100.0, aspect="auto")
        _annotate_heatmap(
            ax, image, 100 * shown, [[f"{100 * v:.0f}%" for v in row] for row in shown]
        )
        _heatmap_axes(ax, shown_names, [str(k + 1) for k in range(r)])
        ax.set_xlabel("Rank", fontsize=_FS_LABEL)
        bar = fig.colorbar(image, ax=ax, shrink=0.8, pad=0.02)
        bar.set_label("Share of draws (%)", fontsize=_FS_LABEL)
        bar.ax.tick_params(labelsize=_FS_TICK)
    _bold_ticklabels(ax.get_yticklabels(), [shown_names[0]])
    _titles(
        fig,
        ax,
        title or "How often each option takes each rank",
        _result_provenance(result, ["SMAA rank acceptability"]),
    )
    return fig


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
    from policyopts.sensitivity.tornado import TornadoResult

    _check(result, TornadoResult, "result")
    if isinstance(top, bool) or not isinstance(top, int) or top < 1:
        raise ValueError(f"top: expected a positive integer, got {top!r}")
    names = _option_labels(result)
    a, b = result.top_two
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
    fig, ax = _axes(ax, figsize, (11.0, max(4.5, 0.42 * k + 2.4)))
    y = np.arange(k, dtype=np.float64)[::-1]
    ends_low = frame["low"].to_numpy(dtype=np.float64)
    ends_high = frame["high"].to_numpy(dtype=np.float64)
    c_low, c_high = PALETTE[1], PALETTE[0]
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
    reach = float(np.max(np.abs(np.concatenate([low_v, high_v]) - nominal))) if k else 0.0
    reach = reach * 1.3 if reach > 0 else 1.0
    lo, hi = nominal - reach, nominal + reach
    lead_patch = None
    if option is None and lo < 0.0 < hi:
        ax.axvspan(lo, 0.0, color=_LOSS, alpha=0.08, linewidth=0, zorder=0)
        ax.axvline(0.0, color=_LOSS, linestyle="--", linewidth=1.3, zorder=1)
        lead_patch = f"{_wrap(names.get(b, b) + ' leads', 24)}\n(margin below 0)"
    ax.set_xlim(lo, hi)
    labels = [
        _wrap(str(s), 34) + (" *" if f else "") for s, f in zip(frame["label"], flips, strict=True)
    ]
    ax.set_yticks(y, labels)
    ax.set_ylim(-0.6, k - 0.4)
    _tidy(ax, grid="x")
    ax.set_xlabel(f"{what} (nominal {nominal:.3f})", fontsize=_FS_LABEL)
    from matplotlib.patches import Patch

    handles: list[Any] = [Patch(color=c_low), Patch(color=c_high)]
    legend_labels = ["input at its low end", "input at its high end"]
    if lead_patch is not None:
        handles.append(Patch(facecolor=_lighten(_LOSS, 0.85), edgecolor=_LOSS, linestyle="--"))
        legend_labels.append(lead_patch)
    _legend_outside(ax, handles, legend_labels, title="Bar ends")
    extra = [f"Top {k} inputs by swing"]
    if flips.any():
        extra.append("* changes the top option at an end of its range")
    _titles(
        fig,
        ax,
        title or f"Tornado: {what.lower()[:1] + what[1:]}",
        _result_provenance(result, extra),
    )
    return fig


# ------------------------------------------------------------------ 11. regret heatmap
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
        :func:`policyopts.scenarios.scenario_table`; a ``"baseline"`` column
        is left out).
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
    from policyopts.robustness import regret_table
    from policyopts.scenarios import ScenarioRobustness

    if isinstance(result, ScenarioRobustness):
        regret = result.regret
        onames: Mapping[str, str] = result.option_names
        snames: Mapping[str, str] = result.scenario_names
        probs: Mapping[str, float] = {str(k): float(v) for k, v in result.probabilities.items()}
        subtitle = _provenance(
            extra=["Regret = best score in the scenario − the option's score"],
            method=result.method,
            profile=result.profile,
            case_id=result.case_id,
            version=result.version,
        )
    elif isinstance(result, pd.DataFrame):
        payoffs = result.drop(columns=[c for c in result.columns if str(c) == "baseline"])
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
    m, k = grid.shape
    col_labels = [
        _wrap(snames.get(s, s.replace("_", " ")), 14)
        + (f"\np = {probs[s]:.2f}" if s in probs else "")
        for s in scen
    ] + ["Max\nregret"]
    row_labels = [onames.get(o, o) for o in options]
    fig, ax = _axes(ax, figsize, (max(7.5, 1.5 * k + 4.0), max(3.8, 0.6 * m + 2.6)))
    image = ax.imshow(grid, cmap="Oranges", vmin=0.0, vmax=float(grid.max()) or 1.0, aspect="auto")
    _annotate_heatmap(ax, image, grid, [[f"{v:.3f}" for v in row] for row in grid])
    _heatmap_axes(ax, row_labels, col_labels)
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
    bar = fig.colorbar(image, ax=ax, shrink=0.8, pad=0.02)
    bar.set_label("Regret", fontsize=_FS_LABEL)
    bar.ax.tick_params(labelsize=_FS_TICK)
    _titles(fig, ax, title or "Regret of each option in each scenario", subtitle)
    return fig


# ------------------------------------------------------------------------- 12. sobol
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

    _check(result, SobolResult, "result")
    if isinstance(top, bool) or not isinstance(top, int) or top < 1:
        raise ValueError(f"top: expected a positive integer, got {top!r}")
    names = _option_labels(result)
    a, b = result.top_two
    if option is None:
        frame = result.margin.head(top)
        what = f"the margin of {names.get(a, a)} over {names.get(b, b)}"
    else:
        frame = result.for_option(option).head(top)
        what = f"the score of {names.get(option, option)}"
    k = len(frame)
    first = frame["first"].to_numpy(dtype=np.float64)
    total = frame["total"].to_numpy(dtype=np.float64)
    fig, ax = _axes(ax, figsize, (11.0, max(4.5, 0.55 * k + 2.4)))
    y = np.arange(k, dtype=np.float64)[::-1]
    h = 0.38
    err_first = err_total = None
    if "first_low" in frame.columns and "total_low" in frame.columns:
        err_first = np.clip(
            np.vstack(
                [
                    first - frame["first_low"].to_numpy(dtype=np.float64),
                    frame["first_high"].to_numpy(dtype=np.float64) - first,
                ]
            ),
            0.0,
            None,
        )
        err_total = np.clip(
            np.vstack(
                [
                    total - frame["total_low"].to_numpy(dtype=np.float64),
                    frame["total_high"].to_numpy(dtype=np.float64) - total,
                ]
            ),
            0.0,
            None,
        )
    ax.barh(
        y + h / 2,
        first,
        height=h,
        color=PALETTE[4],
        xerr=err_first,
        error_kw={"ecolor": "#333333", "capsize": 3, "linewidth": 1.0},
        label="First order (alone)",
    )
    ax.barh(
        y - h / 2,
        total,
        height=h,
        color=PALETTE[0],
        xerr=err_total,
        error_kw={"ecolor": "#333333", "capsize": 3, "linewidth": 1.0},
        label="Total order (with interactions)",
    )
    ax.axvline(0.0, color="#333333", linewidth=1.0)
    ax.set_yticks(y, [_wrap(str(s), 34) for s in frame["label"]])
    ax.set_ylim(-0.6, k - 0.4)
    _tidy(ax, grid="x")
    ax.set_xlabel("Sobol' index (share of the output's variance)", fontsize=_FS_LABEL)
    handles, labels = ax.get_legend_handles_labels()
    _legend_outside(ax, handles, labels, title="Index")
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
    12
    """
    from policyopts.sensitivity.stability import StabilityTable

    _check(result, StabilityTable, "result")
    table = result.table
    crits = [str(c) for c in table.index]
    labels = _criterion_labels(result)
    onames = _option_labels(result)
    low = table["low"].to_numpy(dtype=np.float64)
    high = table["high"].to_numpy(dtype=np.float64)
    cur = table["current"].to_numpy(dtype=np.float64)
    n = len(crits)
    fig, ax = _axes(ax, figsize, (11.0, max(4.5, 0.45 * n + 2.4)))
    y = np.arange(n, dtype=np.float64)[::-1]
    ax.barh(
        y,
        high - low,
        left=low,
        height=0.55,
        color=_lighten(PALETTE[0], 0.55),
        edgecolor=PALETTE[0],
        linewidth=1.2,
        label=f"{onames.get(result.top, result.top)} stays first",
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
        for col, end, dx, ha in (
            ("challenger_low", low[i], -5, "right"),
            ("challenger_high", high[i], 5, "left"),
        ):
            who = table[col].iloc[i]
            if not pd.isna(who):
                ax.annotate(
                    onames.get(str(who), str(who)),
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
    ax.set_yticks(y, [labels.get(c, c) for c in crits])
    ax.set_ylim(-0.6, n - 0.4)
    _tidy(ax, grid="x")
    ax.set_xlabel("Weight (the others keep their proportions)", fontsize=_FS_LABEL)
    handles, legend_labels = ax.get_legend_handles_labels()
    _legend_outside(ax, handles, [_wrap(t, 24) for t in legend_labels])
    top = onames.get(result.top, result.top)
    _titles(
        fig,
        ax,
        title or f"How far each weight can move before {top} loses first place",
        _result_provenance(result, ["Names at the ends: who takes over beyond them"]),
    )
    return fig
