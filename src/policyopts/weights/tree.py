"""Local weights in a value tree rolled up to global leaf weights."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

# ---------------------------------------------------------------------------
# Value trees
# ---------------------------------------------------------------------------


def hierarchical(
    local_weights: Mapping[str, float], parent: Mapping[str, str | None]
) -> dict[str, float]:
    """Roll local weights in a value tree up to global weights of the leaves.

    Each node's local weight is normalised within its sibling group (the
    nodes sharing a parent; nodes whose parent is ``None`` form the top
    group), and the global weight of a leaf is the product of the normalised
    local weights along its path from the top (Keeney & Raiffa, 1976;
    Belton & Stewart, 2002, ch. 5):

    .. math:: W_{leaf} = \\prod_{v \\in path(leaf)} \\frac{w_v}{\\sum_{u \\in sib(v)} w_u}

    The global leaf weights sum to 1.

    Parameters
    ----------
    local_weights : Mapping[str, float]
        Local weight of every node (branches and leaves), non-negative and
        finite; each sibling group must have a positive sum. Any scale works
        (e.g. AHP priorities or swing points per group).
    parent : Mapping[str, str | None]
        Parent of every node, ``None`` for top-level nodes. Every parent must
        itself be a key; cycles are rejected.

    Returns
    -------
    dict[str, float]
        Global weights of the leaves (nodes that are nobody's parent), in the
        order of ``parent``.

    Examples
    --------
    >>> tree = {"security": None, "cost": None, "ct": "security", "spill": "security"}
    >>> w = hierarchical({"security": 3, "cost": 1, "ct": 2, "spill": 1}, tree)
    >>> {k: round(v, 4) for k, v in w.items()}
    {'cost': 0.25, 'ct': 0.5, 'spill': 0.25}
    """
    if not isinstance(parent, Mapping) or not parent:
        raise ValueError(f"parent: must be a non-empty mapping node -> parent, got {parent!r:.80}")
    if not isinstance(local_weights, Mapping):
        raise ValueError(
            f"local_weights: must be a mapping node -> weight, got {local_weights!r:.80}"
        )
    nodes = list(parent)
    for node in nodes:
        p = parent[node]
        if p is not None and p not in parent:
            raise ValueError(f"parent[{node!r}]: unknown parent {p!r} (not a node of the tree)")
    for node in local_weights:
        if node not in parent:
            raise ValueError(f"local_weights[{node!r}]: unknown node (not a key of parent)")
    values: dict[str, float] = {}
    for node in nodes:
        if node not in local_weights:
            raise ValueError(f"local_weights: missing weight for node {node!r}")
        raw = local_weights[node]
        try:
            v = float(raw)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"local_weights[{node!r}]: must be a number, got {raw!r}") from exc
        if not np.isfinite(v) or v < 0:
            raise ValueError(f"local_weights[{node!r}]: must be finite and >= 0, got {raw!r}")
        values[node] = v
    # cycle check: walk up from every node
    for node in nodes:
        seen = {node}
        p = parent[node]
        while p is not None:
            if p in seen:
                raise ValueError(f"parent: cycle through {node!r} -> {p!r}")
            seen.add(p)
            p = parent[p]
    groups: dict[str | None, float] = {}
    for node in nodes:
        groups[parent[node]] = groups.get(parent[node], 0.0) + values[node]
    for group, total in groups.items():
        if total <= 0:
            where = "the top-level nodes" if group is None else f"the children of {group!r}"
            raise ValueError(f"local_weights: {where} all have weight 0")
    has_children = {p for p in parent.values() if p is not None}
    out: dict[str, float] = {}
    for node in nodes:
        if node in has_children:
            continue
        product = 1.0
        cur: str | None = node
        while cur is not None:
            product *= values[cur] / groups[parent[cur]]
            cur = parent[cur]
        out[node] = product
    return out
