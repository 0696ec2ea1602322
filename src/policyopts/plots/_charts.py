"""Chart building blocks shared by the figures: stacked bars, grouped criteria, heatmaps."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from policyopts.model import Case
from policyopts.plots._common import (
    _BRANCH_PALETTE,
    _FS_ANN,
    _FS_LABEL,
    _FS_TICK,
    _bold_ticklabels,
    _legend_outside,
    _lighten,
    _row_labels,
    _rows,
    _text_colour,
    _tidy,
    _wrap,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


@dataclass(frozen=True, eq=False)
class _Grid:
    """A table a heatmap draws (the matplotlib figure and the HTML brief's alike):
    values, the decimals written in each cell, row and column labels, the
    figure's provenance line and title; ``keys`` and ``names`` are the column
    ids and names."""

    values: NDArray[np.float64]
    digits: int
    rows: list[str]
    columns: list[str]
    subtitle: str
    title: str
    keys: list[str] = field(default_factory=list)
    names: Mapping[str, str] = field(default_factory=dict)

    @property
    def texts(self) -> list[list[str]]:
        """Each value written with :attr:`digits` decimals."""
        return [[f"{v:.{self.digits}f}" for v in row] for row in self.values]


def _bar_ends(
    ax: Axes,
    left: NDArray[np.float64],
    right: NDArray[np.float64],
    totals: Sequence[str],
    labels: Sequence[str],
) -> None:
    """Finish horizontal bars ranked best first (top row on top): each bar's
    total written past its right end, ``labels`` as tick labels with the
    first in bold, limits with room for the totals, an x grid."""
    m = len(labels)
    y = _rows(m)
    low = min(float(left.min()), 0.0)
    span = float(max(right.max(), 1e-12) - low)
    for k in range(m):
        ax.text(
            right[k] + 0.01 * span,
            y[k],
            totals[k],
            va="center",
            ha="left",
            fontsize=_FS_ANN + 1,
            fontweight="bold" if k == 0 else "normal",
        )
    ax.set_xlim(low * 1.05, right.max() + 0.12 * span)
    _row_labels(ax, list(labels))
    _tidy(ax, grid="x")
    _bold_ticklabels(ax.get_yticklabels(), [labels[0]])


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
    y = _rows(rows)
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


def _heatmap(
    fig: Figure,
    ax: Axes,
    values: NDArray[np.float64],
    texts: Sequence[Sequence[str]],
    rows: Sequence[str],
    columns: Sequence[str],
    *,
    cmap: str,
    vmin: float,
    vmax: float,
    colourbar: str | None = None,
) -> Any:
    """A labelled heatmap: one cell per value with its text written in it,
    white lines between the cells, and a colour bar labelled ``colourbar`` if
    given. Returns the image."""
    image = ax.imshow(values, cmap=cmap, vmin=vmin, vmax=vmax, aspect="auto")
    _annotate_heatmap(ax, image, values, texts)
    _heatmap_axes(ax, rows, columns)
    if colourbar is not None:
        bar = fig.colorbar(image, ax=ax, shrink=0.8, pad=0.02)
        bar.set_label(colourbar, fontsize=_FS_LABEL)
        bar.ax.tick_params(labelsize=_FS_TICK)
    return image


# ------------------------------------------------------------------ 1. contributions
