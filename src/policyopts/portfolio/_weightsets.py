r"""Weight sets as polytopes: their extreme points.

A linear value :math:`w \cdot v` over a convex polytope of weights takes its
least and greatest values at extreme points, so "at least as good for every
weight in the set" is decided by comparing values at the extreme points
(Liesiö, Mild & Salo 2007, Sec. 3).  This module turns the weight
distributions of :mod:`policyopts.sensitivity.smaa` into those points:

- ``uniform`` and ``centred`` (a Dirichlet with full support): the whole
  simplex, whose extreme points are the unit vectors :math:`e_j`;
- ``fixed``: the one weight vector;
- ``ordinal`` (``w_a >= w_b`` whenever a ranks before b; ties unordered):
  :math:`1/|T|` on each "top set" T, i.e. every criterion ranked before some
  level plus a non-empty subset of that level (with strict ranks these are the
  ``r`` vectors with :math:`1/r` on the first r criteria; Claessens et al. 1991
  give the generators of such order cones);
- ``intervals`` (:math:`l_j \le w_j \le u_j`, :math:`\sum_j w_j = 1`): a
  vertex has at most one weight strictly between its bounds, so it is found
  by putting every other weight at a bound and solving the sum for the free one.

This is the one place the portfolio package imports the weight distributions
(the integrator may re-point it).
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import combinations
from typing import Any

import numpy as np
from numpy.typing import NDArray

from policyopts import _validate as V
from policyopts.distributions import (
    DEFAULT_CONCENTRATION,
    WeightDistribution,
    centred_weights,
    fixed_weights,
    interval_weights,
    ordinal_weights,
    uniform_weights,
)
from policyopts.distributions import as_distribution as _as_distribution
from policyopts.sensitivity.smaa.case import DEFAULT_SPREAD, CaseSource, _case_weights

__all__ = [
    "DEFAULT_CONCENTRATION",
    "DEFAULT_SPREAD",
    "MAX_INTERVAL_CRITERIA",
    "WeightDistribution",
    "as_distribution",
    "case_source",
    "case_weights",
    "centred_weights",
    "extreme_points",
    "fixed_weights",
    "interval_weights",
    "ordinal_weights",
    "uniform_weights",
]

FloatArray = NDArray[np.float64]

#: Most criteria for which interval vertices are enumerated (n * 2**(n-1) candidates).
MAX_INTERVAL_CRITERIA = 16

as_distribution = _as_distribution
case_weights = _case_weights
case_source = CaseSource


def _unique_rows(points: FloatArray) -> FloatArray:
    if points.shape[0] <= 1:
        return points
    _, first = np.unique(np.round(points, 12), axis=0, return_index=True)
    out: FloatArray = points[np.sort(first)]
    return out


def _ordinal_points(ranks: tuple[int, ...]) -> FloatArray:
    r = np.asarray(ranks)
    n = r.size
    levels = np.unique(r)
    rows: list[FloatArray] = []
    for lev in levels:
        before = r < lev
        group = np.flatnonzero(r == lev)
        for size in range(1, group.size + 1):
            for sub in combinations(group.tolist(), size):
                top = before.copy()
                top[list(sub)] = True
                rows.append(top / top.sum())
    return _unique_rows(np.asarray(rows, dtype=np.float64).reshape(-1, n))


def _interval_points(lower: tuple[float, ...], upper: tuple[float, ...]) -> FloatArray:
    lo = np.clip(np.asarray(lower, dtype=np.float64), 0.0, 1.0)
    hi = np.clip(np.asarray(upper, dtype=np.float64), 0.0, 1.0)
    n = lo.size
    if n > MAX_INTERVAL_CRITERIA:
        raise ValueError(
            f"weights: interval vertices are enumerated for at most "
            f"{MAX_INTERVAL_CRITERIA} criteria, got {n}; pass the extreme points as an array"
        )
    if n == 1:
        return np.ones((1, 1))
    rows: list[FloatArray] = []
    others = n - 1
    bits = (np.arange(1 << others)[:, None] >> np.arange(others)) & 1  # (2**(n-1), n-1)
    tol = 1e-12
    for j in range(n):
        idx = [i for i in range(n) if i != j]
        fixed = np.where(bits == 1, hi[idx], lo[idx])
        free = 1.0 - fixed.sum(axis=1)
        ok = (free >= lo[j] - tol) & (free <= hi[j] + tol)
        pts = np.empty((int(ok.sum()), n))
        pts[:, idx] = fixed[ok]
        pts[:, j] = np.clip(free[ok], lo[j], hi[j])
        rows.append(pts)
    return _unique_rows(np.concatenate(rows, axis=0))


def extreme_points(weights: Any, n: int) -> tuple[FloatArray, str]:
    """Points spanning the weight set ``weights`` for ``n`` criteria, and its description.

    ``weights`` is a :class:`WeightDistribution`, a mapping with ``"kind"``,
    ``"uniform"``, or an explicit ``(V, n)`` array of extreme points (a ``(n,)``
    vector is one point).  The points always include every vertex of the set;
    for ordinal weights with ties they may include a few more points of the set
    (which changes no dominance test).

    Examples
    --------
    >>> extreme_points(ordinal_weights([1, 2, 3]), 3)[0].round(3).tolist()
    [[1.0, 0.0, 0.0], [0.5, 0.5, 0.0], [0.333, 0.333, 0.333]]
    >>> extreme_points(interval_weights([0.2, 0.2], [0.8, 0.8]), 2)[0].tolist()
    [[0.8, 0.2], [0.2, 0.8]]
    """
    if isinstance(weights, WeightDistribution | Mapping | str) or weights is None:
        dist = as_distribution(weights, n)
        if dist.kind in ("uniform", "centred"):
            return np.eye(n), dist.describe()
        if dist.kind == "fixed":
            return np.asarray(dist.point, dtype=np.float64)[None, :], dist.describe()
        if dist.kind == "ordinal":
            assert dist.ranks is not None
            return _ordinal_points(dist.ranks), dist.describe()
        assert dist.lower is not None and dist.upper is not None
        return _interval_points(dist.lower, dist.upper), dist.describe()
    pts = V.as_float_array(weights, "weights")
    if pts.ndim == 1:
        pts = pts[None, :]
    if pts.ndim != 2 or pts.shape[1] != n or pts.shape[0] < 1:
        raise ValueError(
            f"weights: expected a weight distribution or an array of extreme points of "
            f"shape (V, {n}), got shape {pts.shape}"
        )
    V.check_finite(pts, "weights")
    return np.ascontiguousarray(pts), f"{pts.shape[0]} extreme point(s)"
