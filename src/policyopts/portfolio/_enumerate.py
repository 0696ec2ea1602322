r"""Enumeration kernel: every portfolio of k actions as one integer (numpy only).

A portfolio of k actions is the integer ``code`` whose bit i is set when
action i is in it, so all :math:`2^k` portfolios are ``arange(2**k)``.  Sums
over the members of a portfolio (costs per resource, values at weight points)
come from two subset-sum tables, one for the low ``h`` bits and one for the
high bits (a meet-in-the-middle split):

.. math:: s(\text{code}) = L[\text{code} \,\&\, (2^h - 1)] + H[\text{code} \gg h],

so a sum over :math:`2^k` portfolios costs two table look-ups each, and the
tables hold only :math:`2^h + 2^{k-h}` rows.  Constraints are bit tests:

- *exclusive* set with mask ``M``: at most one member, ``x & (x - 1) == 0``
  where ``x = code & M``;
- *requires* ``a -> R``: ``code`` lacks bit a, or has every bit of mask R;
- *interactions* with mask ``S``: present when ``code & S == S``.

Codes are processed in chunks, so memory stays bounded whatever k (up to
:data:`MAX_ACTIONS`).  Nothing here validates its input.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "CHUNK",
    "MAX_ACTIONS",
    "Tables",
    "feasible_codes",
    "interaction_present",
    "membership",
    "nondominated",
    "subset_sums",
    "tables",
]

#: Most actions whose 2**k portfolios are enumerated (16.8 million codes).
MAX_ACTIONS = 24
#: Codes handled at once.
CHUNK = 1 << 18

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]

Tables = tuple[FloatArray, FloatArray, int]


def _subset_table(vectors: FloatArray) -> FloatArray:
    """``out[c]`` = sum of ``vectors[i]`` over the bits i of ``c``; shape (2**len, d)."""
    out = np.zeros((1, vectors.shape[1]))
    for row in vectors:
        out = np.concatenate([out, out + row], axis=0)
    return out


def tables(vectors: FloatArray) -> Tables:
    """The low and high subset-sum tables of ``vectors`` (k, d) and the split h."""
    k = vectors.shape[0]
    h = k // 2
    return _subset_table(vectors[:h]), _subset_table(vectors[h:]), h


def subset_sums(codes: IntArray, tab: Tables) -> FloatArray:
    """Sum of the member rows for every code: (F,) codes -> (F, d)."""
    low, high, h = tab
    out: FloatArray = low[codes & ((1 << h) - 1)] + high[codes >> h]
    return out


def membership(codes: IntArray, k: int) -> BoolArray:
    """Boolean membership (F, k) of the codes: ``out[p, i]`` is bit i of ``codes[p]``."""
    bits = np.arange(k, dtype=np.int64)
    out: BoolArray = ((codes[:, None] >> bits) & 1).astype(bool)
    return out


def interaction_present(codes: IntArray, masks: IntArray) -> BoolArray:
    """(F, T): whether every action of interaction t is in portfolio p."""
    out: BoolArray = (codes[:, None] & masks[None, :]) == masks[None, :]
    return out


def _constraints_ok(
    codes: IntArray, exclusive: IntArray, requires: Sequence[tuple[int, int]]
) -> BoolArray:
    ok = np.ones(codes.shape, dtype=bool)
    for mask in exclusive:
        x = codes & mask
        ok &= (x & (x - 1)) == 0
    for action, prereq in requires:
        ok &= (((codes >> action) & 1) == 0) | ((codes & prereq) == prereq)
    return ok


def feasible_codes(
    k: int,
    cost_tables: Tables | None,
    budget: FloatArray,
    exclusive: IntArray,
    requires: Sequence[tuple[int, int]],
    *,
    tol: float = 1e-9,
) -> IntArray:
    """Codes (ascending) of the portfolios that meet every budget and constraint.

    ``cost_tables`` from :func:`tables` of the (k, b) costs (``None``: no
    budget); a portfolio fits when each resource's total is at most
    ``budget + tol * max(1, |budget|)``.
    """
    slack = budget + tol * np.maximum(1.0, np.abs(budget))
    found: list[IntArray] = []
    total = 1 << k
    for start in range(0, total, CHUNK):
        codes = np.arange(start, min(total, start + CHUNK), dtype=np.int64)
        codes = codes[_constraints_ok(codes, exclusive, requires)]
        if cost_tables is not None and codes.size:
            codes = codes[np.all(subset_sums(codes, cost_tables) <= slack, axis=1)]
        found.append(codes)
    return np.concatenate(found)


def _dominated_by(front: FloatArray, cand: FloatArray, tol: float) -> BoolArray:
    """(B,): whether some row of ``front`` (P, V) dominates each row of ``cand`` (B, V)."""
    out = np.zeros(cand.shape[0], dtype=bool)
    if front.shape[0] == 0 or cand.shape[0] == 0:
        return out
    step = max(1, 4_000_000 // max(1, cand.shape[0] * cand.shape[1]))
    for s in range(0, front.shape[0], step):
        diff = front[s : s + step, None, :] - cand[None, :, :]
        hit = np.all(diff >= -tol, axis=-1) & np.any(diff > tol, axis=-1)
        out |= hit.any(axis=0)
    return out


def nondominated(scores: FloatArray, *, tol: float | None = None, block: int = 256) -> BoolArray:
    r"""Mask (F,) of the rows of ``scores`` (F, V) that no other row dominates.

    Row q dominates row p when ``scores[q] >= scores[p]`` in every column and
    ``>`` in at least one (up to ``tol``).  A block-nested-loop skyline: rows
    are visited by decreasing row sum (a dominating row has the larger sum),
    each block is tested against the non-dominated rows kept so far and then
    within itself; a last pass tests the kept rows against each other, which
    makes near-ties in the order harmless.  Dominance is transitive, so
    testing against kept rows only is enough.
    """
    f = scores.shape[0]
    keep = np.zeros(f, dtype=bool)
    if f == 0:
        return keep
    if tol is None:
        tol = 1e-12 * max(1.0, float(np.max(np.abs(scores))))
    order = np.argsort(-scores.sum(axis=1), kind="stable")
    kept: list[IntArray] = []
    front = scores[:0]
    for s in range(0, f, block):
        idx = order[s : s + block]
        cand = scores[idx]
        alive = ~_dominated_by(front, cand, tol)
        idx, cand = idx[alive], cand[alive]
        if idx.size > 1:
            alive = ~_dominated_by(cand, cand, tol)
            idx, cand = idx[alive], cand[alive]
        if idx.size:
            kept.append(idx)
            front = np.concatenate([front, cand], axis=0)
    chosen = np.concatenate(kept) if kept else np.zeros(0, dtype=np.int64)
    final = ~_dominated_by(front, front, tol)
    keep[chosen[final]] = True
    return keep
