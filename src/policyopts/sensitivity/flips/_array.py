"""Flips on arrays: the smallest weight change (an exact LP) and the single-score
changes that would change the top alternative."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from policyopts import _validate as V
from policyopts._kernels.normalize import normalize as _normalize
from policyopts._kernels.rank import TIE_RTOL
from policyopts.methods._result import frozen
from policyopts.model import Criterion
from policyopts.model.criteria import ExponentialValue, PiecewiseLinearValue

FloatArray = NDArray[np.float64]

NORMS: tuple[str, ...] = ("l1", "linf")

#: Feasibility tolerance passed to HiGHS (primal and dual).
LP_TOL = 1e-10

#: Changes smaller than this (in weight or value) count as none.
_ZERO = 1e-12


def _values(matrix: ArrayLike, types: ArrayLike, normalization: str | None) -> FloatArray:
    m_arr = V.as_matrix(matrix, "matrix")
    if m_arr.ndim != 2:
        raise ValueError(f"matrix: expected one matrix of shape (m, n), got shape {m_arr.shape}")
    t_arr = V.as_types(types, m_arr.shape[1], "types")
    norm = V.check_choice(normalization, ("minmax", "max", "sum", "vector", None), "normalization")
    if norm is None:
        out: FloatArray = m_arr * t_arr
        return out
    if norm in ("max", "sum"):
        V.check_positive_entries(
            m_arr, "matrix", strict=False, reason=f"for normalization {norm!r}"
        )
    return _normalize(m_arr, t_arr, norm)


def _weights(weights: ArrayLike, n: int) -> FloatArray:
    w = V.as_weights(weights, n, "weights")
    if w.ndim != 1:
        raise ValueError(f"weights: expected one weight vector of shape ({n},), got {w.shape}")
    return w


def _top(scores: FloatArray) -> int:
    tol = TIE_RTOL * max(1.0, float(np.abs(scores).max()))
    return int(np.flatnonzero(scores >= scores.max() - tol)[0])


# ======================================================================================
# Weights: linear programs
# ======================================================================================


@dataclass(frozen=True, eq=False)
class WeightFlip:
    """The smallest change to the weights that puts ``challenger`` (weakly) first.

    Attributes
    ----------
    challenger, top : int
        The alternative to put first and the one first now.
    norm : {"l1", "linf"}
        How the change is measured.
    feasible : bool
        False when no weights at all put the challenger first.
    distance : float
        :math:`\\lVert w' - w \\rVert` in ``norm``; ``inf`` when infeasible.
    weights, change : ndarray of shape (n,) or None
        The new weights :math:`w'` (summing to 1) and :math:`w' - w`; None when
        infeasible.
    margin : float or None
        At the new weights, the challenger's score minus the best other score
        (0 up to solver tolerance: it ties for first); None when infeasible.
    dominated_by : int or None
        When infeasible because one alternative beats the challenger on every
        criterion, that alternative.
    """

    challenger: int
    top: int
    norm: str
    feasible: bool
    distance: float
    weights: FloatArray | None
    change: FloatArray | None
    margin: float | None
    dominated_by: int | None = None

    def __post_init__(self) -> None:
        if self.weights is not None:
            object.__setattr__(self, "weights", frozen(np.asarray(self.weights, dtype=np.float64)))
        if self.change is not None:
            object.__setattr__(self, "change", frozen(np.asarray(self.change, dtype=np.float64)))


def _solve(values: FloatArray, w: FloatArray, c: int, norm: str) -> FloatArray | None:
    """The LP of the module docstring; the new weights, or None if infeasible."""
    from scipy.optimize import linprog  # imported here: scipy.optimize is slow to import

    m, n = values.shape
    diff = np.delete(values, c, axis=0) - values[c]  # (m-1, n): v_o - v_c
    bounds: Any
    if norm == "l1":
        # x = [p, q]; w' = w + p - q.
        cost = np.ones(2 * n)
        a_ub = np.vstack([np.hstack([diff, -diff]), np.hstack([-np.eye(n), np.eye(n)])])
        b_ub = np.concatenate([-(diff @ w), w])
        a_eq = np.hstack([np.ones(n), -np.ones(n)])[None, :]
        b_eq = 0.0
        bounds = (0, None)
    else:
        # x = [w', z].
        cost = np.zeros(n + 1)
        cost[-1] = 1.0
        eye = np.eye(n)
        col = np.ones((n, 1))
        a_ub = np.vstack(
            [
                np.hstack([eye, -col]),
                np.hstack([-eye, -col]),
                np.hstack([diff, np.zeros((m - 1, 1))]),
            ]
        )
        b_ub = np.concatenate([w, -w, np.zeros(m - 1)])
        a_eq = np.concatenate([np.ones(n), [0.0]])[None, :]
        b_eq = 1.0
        bounds = [(0.0, 1.0)] * n + [(0.0, None)]
    res = linprog(
        cost,
        A_ub=a_ub,
        b_ub=b_ub,
        A_eq=a_eq,
        b_eq=[b_eq],
        bounds=bounds,
        method="highs",
        options={"primal_feasibility_tolerance": LP_TOL, "dual_feasibility_tolerance": LP_TOL},
    )
    if res.status == 2:
        return None
    if res.status != 0:
        raise RuntimeError(f"linprog failed for challenger {c} ({norm}): {res.message}")
    x = np.asarray(res.x, dtype=np.float64)
    new = w + x[:n] - x[n:] if norm == "l1" else x[:n]
    new = np.clip(new, 0.0, None)
    out: FloatArray = new / new.sum()
    return out


def _dominator(values: FloatArray, c: int) -> int | None:
    better = (values > values[c]).all(axis=1)
    better[c] = False
    hits = np.flatnonzero(better)
    return int(hits[0]) if hits.size else None


def _flip(values: FloatArray, w: FloatArray, c: int, norm: str) -> WeightFlip:
    scores = values @ w
    top = _top(scores)
    new = _solve(values, w, c, norm)
    if new is None:
        return WeightFlip(c, top, norm, False, math.inf, None, None, None, _dominator(values, c))
    change = new - w
    change[np.abs(change) < _ZERO] = 0.0
    distance = float(np.abs(change).sum() if norm == "l1" else np.abs(change).max())
    s = values @ new
    margin = float(s[c] - np.delete(s, c).max())
    return WeightFlip(c, top, norm, True, distance, new, change, margin)


def weight_flip(
    matrix: ArrayLike,
    weights: ArrayLike,
    types: ArrayLike,
    challenger: int,
    *,
    norm: str = "l1",
    normalization: str | None = "minmax",
) -> WeightFlip:
    r"""Smallest change to the weights that makes ``challenger`` weakly top under WSM.

    Solves :math:`\min \lVert w' - w \rVert` over the simplex subject to
    :math:`(v_c - v_o) \cdot w' \ge 0` for every other alternative :math:`o`, with
    :math:`v` the matrix normalised as by :func:`policyopts.methods.wsm`, exactly,
    as a linear program (Wolters & Mareschal 1995).

    Parameters
    ----------
    matrix : array_like, shape (m, n)
    weights : array_like, shape (n,)
        Current weights (rescaled to sum 1).
    types : array_like, shape (n,)
        +1 benefit, -1 cost.
    challenger : int
        The alternative to put first.
    norm : {"l1", "linf"}, default "l1"
        ``"l1"``: total absolute change (twice the weight that shifts);
        ``"linf"``: largest change of any single weight.
    normalization : {"minmax", "max", "sum", "vector"} or None, default "minmax"
        As in :func:`policyopts.methods.wsm` (``None``: raw values, costs negated).

    Returns
    -------
    WeightFlip

    References
    ----------
    Wolters, W. T. M., & Mareschal, B. (1995). Novel types of sensitivity analysis
    for additive MCDM methods. European Journal of Operational Research, 81(2),
    281-290.

    Examples
    --------
    >>> f = weight_flip([[1.0, 0.0], [0.0, 1.0]], [0.7, 0.3], [1, 1], 1, normalization=None)
    >>> f.feasible, round(f.distance, 6), f.weights.round(6).tolist()
    (True, 0.4, [0.5, 0.5])
    >>> g = weight_flip([[2.0, 2.0], [1.0, 1.0]], [0.5, 0.5], [1, 1], 1, normalization=None)
    >>> g.feasible, g.distance, g.dominated_by
    (False, inf, 0)
    """
    values = _values(matrix, types, normalization)
    w = _weights(weights, values.shape[1])
    c = V.as_index(challenger, values.shape[0], "challenger", items="alternatives")
    name = V.check_choice(norm, NORMS, "norm")
    return _flip(values, w, c, name)


# ======================================================================================
# Single values
# ======================================================================================


@dataclass(frozen=True, eq=False)
class ValueFlips:
    """For each single value, the change that puts ``challenger`` (weakly) first.

    Attributes
    ----------
    challenger, top : int
    gap : float
        The best other score minus the challenger's (<= 0 if it is first already).
    change : ndarray, shape (m, n)
        The signed change of value :math:`v_{ij}` alone that makes the challenger
        tie for first: :math:`g/w_j` on the challenger's row, :math:`-(S_i -
        S_c)/w_j` on the row of the only alternative ahead of it; ``inf`` where no
        change of that value alone can do it (zero weight, or an alternative whose
        fall would not be enough); 0 everywhere when the challenger is first already.
    possible : ndarray of bool, shape (m, n)
        Whether the change is finite and keeps the value within ``[low, high]``.
    """

    challenger: int
    top: int
    gap: float
    change: FloatArray
    possible: NDArray[np.bool_]

    def __post_init__(self) -> None:
        object.__setattr__(self, "change", frozen(np.asarray(self.change, dtype=np.float64)))
        p = np.ascontiguousarray(self.possible)
        p.setflags(write=False)
        object.__setattr__(self, "possible", p)


def _value_flips(
    values: FloatArray, w: FloatArray, c: int, low: FloatArray, high: FloatArray
) -> ValueFlips:
    m, n = values.shape
    scores = values @ w
    tol = TIE_RTOL * max(1.0, float(np.abs(scores).max()))
    others = np.delete(np.arange(m), c)
    gap = float(scores[others].max() - scores[c])
    change = np.full((m, n), np.inf)
    pos = w > 0
    if gap <= tol:
        change[:] = 0.0  # first already: no change needed anywhere
    else:
        change[c, pos] = gap / w[pos]
        ahead = others[scores[others] > scores[c] + tol]
        if ahead.size == 1:
            o = int(ahead[0])
            change[o, pos] = -(scores[o] - scores[c]) / w[pos]
    finite = np.isfinite(change)
    target = np.where(finite, values + np.where(finite, change, 0.0), values)
    within = (target >= low - _ZERO) & (target <= high + _ZERO)
    return ValueFlips(c, _top(scores), gap, change, finite & within)


def value_flips(
    values: ArrayLike,
    weights: ArrayLike,
    challenger: int,
    *,
    low: ArrayLike = 0.0,
    high: ArrayLike = 1.0,
) -> ValueFlips:
    r"""Smallest change to each single value that makes ``challenger`` weakly top (WSM).

    With scores :math:`S = v w` and gap :math:`g = \max_{o \ne c} S_o - S_c`, raising
    the challenger's value on criterion :math:`j` by :math:`g / w_j`, or lowering the
    value of the only alternative ahead of it by :math:`(S_o - S_c)/w_j`, makes it
    tie for first (Triantaphyllou & Sánchez 1997 give the pairwise form).

    Parameters
    ----------
    values : array_like, shape (m, n)
        Benefit-oriented values (e.g. value-function outputs in [0, 1]).
    weights : array_like, shape (n,)
        Weights (rescaled to sum 1).
    challenger : int
    low, high : float or array_like of shape (n,), default 0 and 1
        The range each criterion's value can take.

    Returns
    -------
    ValueFlips

    Examples
    --------
    >>> r = value_flips([[0.9, 0.2], [0.5, 0.5], [0.1, 0.1]], [0.5, 0.5], 1)
    >>> print(round(r.gap, 6), r.change.round(3).tolist())
    0.05 [[-0.1, -0.1], [0.1, 0.1], [inf, inf]]
    """
    v = V.as_matrix(values, "values")
    if v.ndim != 2:
        raise ValueError(f"values: expected one matrix of shape (m, n), got shape {v.shape}")
    m, n = v.shape
    w = _weights(weights, n)
    c = V.as_index(challenger, m, "challenger", items="alternatives")
    lo = V.as_per_criterion(low, n, "low")
    hi = V.as_per_criterion(high, n, "high")
    if np.any(lo > hi):
        j = int(np.argmax(lo > hi))
        raise ValueError(f"low: must not exceed high, got {lo[j]!r} > {hi[j]!r} for criterion {j}")
    return _value_flips(v, w, c, lo, hi)


def _level_set(xs: FloatArray, vs: FloatArray, target: float) -> tuple[float, float] | None:
    """Scores where a monotone piecewise-linear function equals ``target``: [first, last]."""
    if vs[-1] < vs[0]:
        vs, target = -vs, -target
    if target < vs[0] or target > vs[-1]:
        return None
    k = int(np.searchsorted(vs, target, side="left"))
    if k == 0:
        first = float(xs[0])
    else:
        frac = (target - vs[k - 1]) / (vs[k] - vs[k - 1])
        first = float(xs[k - 1] + frac * (xs[k] - xs[k - 1]))
    k = int(np.searchsorted(vs, target, side="right")) - 1
    if k == len(vs) - 1:
        last = float(xs[-1])
    else:
        frac = (target - vs[k]) / (vs[k + 1] - vs[k])
        last = float(xs[k] + frac * (xs[k + 1] - xs[k]))
    return first, last


def score_for_value(criterion: Criterion, value: float, score: float) -> float | None:
    r"""The score on ``criterion``'s scale nearest to ``score`` whose value is ``value``.

    Inverts the criterion's value function (:meth:`Criterion.value`): linear,
    exponential (:math:`z = -\ln(1 + v(e^{-\rho} - 1))/\rho`, Kirkwood 1997) or
    piecewise-linear (where a flat piece gives a whole interval of scores, the one
    nearest the current score is returned).  None when no score within the scale
    has that value.

    Examples
    --------
    >>> from policyopts import Criterion
    >>> c = Criterion(id="x", name="X", direction="cost")
    >>> score_for_value(c, 0.25, 5.0)
    7.5
    >>> score_for_value(c, 1.5, 5.0) is None
    True
    """
    lo, hi = criterion.scale.min, criterion.scale.max
    fn = criterion.value_function
    ends = criterion.value(np.array([lo, hi]))
    vmin, vmax = float(ends.min()), float(ends.max())
    if vmin - _ZERO <= value < vmin:
        value = vmin
    if vmax < value <= vmax + _ZERO:
        value = vmax
    if isinstance(fn, ExponentialValue):
        if not vmin <= value <= vmax:
            return None
        z = -math.log1p(value * math.expm1(-fn.rho)) / fn.rho
        z = min(max(z, 0.0), 1.0)
        x = lo + z * (hi - lo) if criterion.sign > 0 else hi - z * (hi - lo)
        return float(x)
    if isinstance(fn, PiecewiseLinearValue):
        xs = np.array([p[0] for p in fn.points], dtype=np.float64)
        vs = np.array([p[1] for p in fn.points], dtype=np.float64)
    else:
        xs = np.array([lo, hi])
        vs = np.array([0.0, 1.0]) if criterion.sign > 0 else np.array([1.0, 0.0])
    level = _level_set(xs, vs, value)
    if level is None:
        return None
    first, last = max(level[0], lo), min(level[1], hi)
    if first > last:
        return None
    return float(min(max(score, first), last))
