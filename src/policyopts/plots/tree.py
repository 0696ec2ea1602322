"""The value tree as a figure: branches, criteria and their weights."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from policyopts.model import Case

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


from policyopts.plots._common import (
    _BRANCH_PALETTE,
    _FS_LABEL,
    _FS_TICK,
    _axes,
    _check,
    _literal,
    _titles,
    _wrap,
)


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
    t = _tree_layout(case, profile)
    rows, totals, colours, labels, branch_ids = t.rows, t.totals, t.colours, t.labels, t.branches
    weights = t.weights
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
    _titles(fig, ax, title or "Value tree", t.subtitle)
    return fig


# -------------------------------------------------------------------- 7. risk burden


@dataclass(frozen=True, eq=False)
class _TreeLayout:
    """The rows of :func:`value_tree`, depth first in case order (also drawn by the
    HTML brief): (node, depth, top-level branch) each, the global weight of each
    node, the colour of each top-level branch, the labels and the branch ids."""

    rows: list[tuple[str, int, str | None]]
    totals: dict[str, float]
    colours: dict[str, str]
    labels: dict[str, str]
    branches: set[str]
    weights: dict[str, float] | None
    subtitle: str


def _tree_layout(case: Case, profile: str | None) -> _TreeLayout:
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
    sub = (
        f"Profile {prof_name}: global weights, line width ∝ weight · case {case.id}"
        if weights is not None
        else f"Branches and criteria of case {case.id}"
    )
    return _TreeLayout(rows, totals, colours, labels, branch_ids, weights, sub)
