"""One-way weight sensitivity on arrays: the weight path, batched scores along
it, exact and numeric crossings."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from policyopts import _validate as V
from policyopts import methods as _methods
from policyopts._kernels.rank import TIE_RTOL
from policyopts.methods._result import frozen

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]

#: Methods whose scores are linear in the weights (closed-form crossings), from
#: the registry (:attr:`policyopts.methods.MethodSpec.linear_in_weights`).
LINEAR_METHODS: frozenset[str] = frozenset(
    name for name, spec in _methods.REGISTRY.items() if spec.linear_in_weights
)

#: Absolute tolerance (in weight) of Brent's method for numeric crossings.
XTOL = 1e-12

#: Crossings closer than this (in weight) are treated as one breakpoint.
_MERGE = 1e-12

#: A crossing this close to the current weight counts as at the current weight.
_TOUCH = 1e-9


# ======================================================================================
# Shared numeric helpers
# ======================================================================================


def check_criterion(criterion: Any, n: int, name: str = "criterion") -> int:
    """Validate a criterion index in ``[0, n)`` and return it as an int.

    >>> check_criterion(3, 2)
    Traceback (most recent call last):
    ...
    ValueError: criterion: index 3 out of range for 2 criteria
    """
    return V.as_index(criterion, n, name, items="criteria")


def weight_path(weights: ArrayLike, criterion: int, t: ArrayLike) -> FloatArray:
    r"""Weight vectors along the one-way path of ``criterion``.

    .. math::

        w_j(t) = t, \qquad w_k(t) = (1 - t)\, w_k / \textstyle\sum_{l \ne j} w_l
        \quad (k \ne j)

    and, when every other weight is zero, :math:`w_k(t) = (1 - t)/(n - 1)`.

    Parameters
    ----------
    weights : array_like, shape (n,)
        Current weights (non-negative, rescaled to sum 1); ``n >= 2``.
    criterion : int
        Index ``j`` of the criterion whose weight moves.
    t : array_like, shape (G,)
        Values of :math:`w_j`, each in [0, 1].

    Returns
    -------
    ndarray, shape (G, n)
        One weight vector per value of ``t``, each summing to 1.

    Examples
    --------
    >>> print(weight_path([0.2, 0.3, 0.5], 0, [0.0, 0.2, 1.0]).round(4))
    [[0.    0.375 0.625]
     [0.2   0.3   0.5  ]
     [1.    0.    0.   ]]
    """
    raw = V.as_float_array(weights, "weights")
    if raw.ndim != 1:
        raise ValueError(f"weights: expected shape (n,), got {raw.shape}")
    n = raw.shape[0]
    w = V.as_weights(raw, n, "weights")
    if n < 2:
        raise ValueError(f"weights: one-way sensitivity needs at least 2 criteria, got {n}")
    j = check_criterion(criterion, n)
    tt = V.as_float_array(t, "t")
    if tt.ndim != 1:
        raise ValueError(f"t: expected a 1-d array of weights, got shape {tt.shape}")
    V.check_finite(tt, "t")
    if tt.size and (tt.min() < 0.0 or tt.max() > 1.0):
        bad = tt[(tt < 0.0) | (tt > 1.0)][0]
        raise ValueError(f"t: values must lie in [0, 1], got {float(bad)!r}")
    return _path(w, j, tt)


def _path(w: FloatArray, j: int, t: FloatArray) -> FloatArray:
    """:func:`weight_path` without validation (but for the number of criteria)."""
    n = w.shape[0]
    if n < 2:
        raise ValueError(
            f"weights: moving one criterion's weight needs at least 2 criteria, got {n}"
        )
    others = np.ones(n, dtype=bool)
    others[j] = False
    rest = float(w[others].sum())
    share = w / rest if rest > 0 else np.full(n, 1.0 / (n - 1))
    out: FloatArray = (1.0 - t)[:, None] * share[None, :]
    out[:, j] = t
    return out


def evaluate(
    method: str,
    matrix: FloatArray,
    weights: FloatArray,
    types: FloatArray,
    options: Mapping[str, Any],
) -> _methods.MethodResult:
    """Run ``method`` with ``options``; a wrong option name is a ValueError."""
    try:
        return _methods.METHODS[method](matrix, weights, types, **options)
    except TypeError as exc:
        raise ValueError(f"method_options: {exc}") from None


def oriented(result: _methods.MethodResult) -> FloatArray:
    """Scores turned so that higher is better (VIKOR's Q is negated)."""
    s = np.asarray(result.scores, dtype=np.float64)
    out: FloatArray = s if result.higher_is_better else -s
    return out


def tie_tolerance(scores: FloatArray) -> float:
    """Absolute tie tolerance for a set of scores, as :func:`policyopts._kernels.rank.rank`
    uses it: ``TIE_RTOL * max(1, max |score|)``."""
    return float(TIE_RTOL * max(1.0, float(np.abs(scores).max()))) if scores.size else 0.0


def _grid_points(grid: int | ArrayLike, current: float) -> FloatArray:
    if isinstance(grid, bool):
        raise ValueError(f"grid: expected an int >= 2 or an array of weights, got {grid!r}")
    if isinstance(grid, int | np.integer):
        if int(grid) < 2:
            raise ValueError(f"grid: need at least 2 points, got {int(grid)}")
        base = np.linspace(0.0, 1.0, int(grid))
    else:
        base = V.as_float_array(grid, "grid")
        if base.ndim != 1 or base.size == 0:
            raise ValueError(f"grid: expected a 1-d array of weights, got shape {base.shape}")
        V.check_finite(base, "grid")
        if base.min() < 0.0 or base.max() > 1.0:
            bad = base[(base < 0.0) | (base > 1.0)][0]
            raise ValueError(f"grid: weights must lie in [0, 1], got {float(bad)!r}")
    out: FloatArray = np.unique(np.concatenate([base, [0.0, 1.0, current]]))
    return out


@dataclass(frozen=True)
class _Problem:
    """A validated single-matrix problem: what one-way and stability work on."""

    matrix: FloatArray
    weights: FloatArray
    types: FloatArray
    method: str
    options: Mapping[str, Any]

    @property
    def n(self) -> int:
        return int(self.matrix.shape[1])

    @property
    def m(self) -> int:
        return int(self.matrix.shape[0])

    @property
    def linear(self) -> bool:
        return self.method in LINEAR_METHODS

    def run(self, weights: FloatArray) -> _methods.MethodResult:
        return evaluate(self.method, self.matrix, weights, self.types, self.options)

    def scores_at(self, j: int, t: float) -> FloatArray:
        """Oriented scores (higher is better) at one point of criterion j's path."""
        return oriented(self.run(_path(self.weights, j, np.array([t]))[0]))


def prepare(
    matrix: ArrayLike,
    weights: ArrayLike,
    types: ArrayLike,
    method: str,
    options: Mapping[str, Any],
    *,
    what: str,
) -> _Problem:
    """Validate the inputs of a single-matrix sensitivity analysis."""
    name = V.check_choice(method, _methods.available(), "method")
    m_arr = V.as_matrix(matrix, "matrix")
    if m_arr.ndim != 2:
        raise ValueError(
            f"matrix: {what} takes one matrix of shape (m, n), got shape {m_arr.shape}"
        )
    n = m_arr.shape[1]
    if n < 2:
        raise ValueError(f"matrix: {what} needs at least 2 criteria, got {n}")
    t_arr = V.as_types(types, n, "types")
    w_arr = V.as_weights(weights, n, "weights")
    if w_arr.ndim != 1:
        raise ValueError(
            f"weights: {what} takes one weight vector of shape ({n},), got {w_arr.shape}"
        )
    return _Problem(m_arr, w_arr, t_arr, name, dict(options))


# ======================================================================================
# Crossings
# ======================================================================================


def _linear_crossings(s0: FloatArray, s1: FloatArray) -> tuple[FloatArray, IntArray, IntArray]:
    """Exact crossings of the lines ``(1 - t) s0 + t s1`` inside (0, 1)."""
    m = s0.shape[0]
    tol = tie_tolerance(np.concatenate([s0, s1]))
    iu, ku = np.triu_indices(m, 1)
    d0 = s0[iu] - s0[ku]
    d1 = s1[iu] - s1[ku]
    up = (d0 < -tol) & (d1 > tol)  # i overtakes k as t rises
    down = (d0 > tol) & (d1 < -tol)  # k overtakes i
    hit = up | down
    t_star: FloatArray = d0[hit] / (d0[hit] - d1[hit])
    over = np.where(up[hit], iu[hit], ku[hit]).astype(np.int64)
    under = np.where(up[hit], ku[hit], iu[hit]).astype(np.int64)
    return t_star, over, under


def _numeric_crossings(
    t: FloatArray, scores: FloatArray, score_at: Callable[[float], FloatArray]
) -> tuple[FloatArray, IntArray, IntArray]:
    """Crossings bracketed on the grid and refined with Brent's method."""
    from scipy.optimize import brentq  # imported here: scipy.optimize is slow to import

    m = scores.shape[1]
    tol = TIE_RTOL * np.maximum(np.abs(scores).max(axis=1), 1.0)
    roots: list[float] = []
    overs: list[int] = []
    unders: list[int] = []
    for i in range(m):
        for k in range(i + 1, m):
            d = scores[:, i] - scores[:, k]
            sign = np.where(d > tol, 1, np.where(d < -tol, -1, 0))
            nz = np.flatnonzero(sign)
            if nz.size < 2:
                continue
            changes = np.flatnonzero(sign[nz[1:]] != sign[nz[:-1]])
            for c in changes:
                a, b = int(nz[c]), int(nz[c + 1])

                def gap(x: float, i: int = i, k: int = k) -> float:
                    s = score_at(x)
                    return float(s[i] - s[k])

                root = float(brentq(gap, float(t[a]), float(t[b]), xtol=XTOL))
                roots.append(root)
                if sign[a] < 0:
                    overs.append(i)
                    unders.append(k)
                else:
                    overs.append(k)
                    unders.append(i)
    return (
        np.asarray(roots, dtype=np.float64),
        np.asarray(overs, dtype=np.int64),
        np.asarray(unders, dtype=np.int64),
    )


# ======================================================================================
# Array level
# ======================================================================================


@dataclass(frozen=True, eq=False)
class OneWay:
    """One-way sensitivity of the scores to one criterion's weight (array level).

    Attributes
    ----------
    t : ndarray, shape (G,)
        The weights of the criterion evaluated: the grid, both ends and the
        current weight, sorted.
    weights : ndarray, shape (G, n)
        The full weight vector at each point (row ``current_index`` is the
        current weight vector itself).
    scores, ranks : ndarray, shape (G, m)
        The method's scores and ranks (1 = best) at each point.
    higher_is_better : bool
        Direction of ``scores`` (False for VIKOR).
    method : str
        The method used.
    criterion : int
        The criterion whose weight moves.
    current : float
        Its current weight; ``t[current_index] == current``.
    current_index : int
    exact : bool
        True when crossings were solved in closed form (linear methods), False
        when they were found numerically.
    crossing_weight : ndarray, shape (K,)
        Weights at which two alternatives swap places, ascending.
    overtaking, overtaken : ndarray of int, shape (K,)
        At each crossing, as the weight rises past it, alternative
        ``overtaking[k]`` passes ``overtaken[k]``.
    rank_before, rank_after : ndarray of int, shape (K,)
        The overtaking alternative's rank just below and just above the crossing.
    breakpoints : ndarray, shape (B,)
        The distinct crossing weights (ascending); they cut [0, 1] into B + 1
        segments over which the ranking is constant.
    segment_ranks : ndarray of int, shape (B + 1, m)
        The ranks within each segment.
    """

    t: FloatArray
    weights: FloatArray
    scores: FloatArray
    ranks: IntArray
    higher_is_better: bool
    method: str
    criterion: int
    current: float
    current_index: int
    exact: bool
    crossing_weight: FloatArray
    overtaking: IntArray
    overtaken: IntArray
    rank_before: IntArray
    rank_after: IntArray
    breakpoints: FloatArray
    segment_ranks: IntArray

    def __post_init__(self) -> None:
        for name in (
            "t",
            "weights",
            "scores",
            "ranks",
            "crossing_weight",
            "overtaking",
            "overtaken",
            "rank_before",
            "rank_after",
            "breakpoints",
            "segment_ranks",
        ):
            object.__setattr__(self, name, frozen(getattr(self, name)))

    @property
    def segment_bounds(self) -> FloatArray:
        """Ends of the segments: ``[0, *breakpoints, 1]``."""
        out: FloatArray = np.concatenate([[0.0], self.breakpoints, [1.0]])
        return out

    @property
    def current_segment(self) -> int:
        """Index of the segment holding the current weight (the left one on a breakpoint)."""
        return int(np.searchsorted(self.breakpoints, self.current - _TOUCH, side="left"))

    def __repr__(self) -> str:
        return (
            f"OneWay(method={self.method!r}, criterion={self.criterion}, "
            f"current={self.current:.4g}, points={self.t.shape[0]}, "
            f"crossings={self.crossing_weight.shape[0]}, exact={self.exact})"
        )


def one_way(
    matrix: ArrayLike,
    weights: ArrayLike,
    types: ArrayLike,
    criterion: int,
    *,
    method: str = "wsm",
    grid: int | ArrayLike = 101,
    **method_options: Any,
) -> OneWay:
    r"""Scores and rank changes as one criterion's weight moves from 0 to 1.

    The other weights keep their proportions (see :func:`weight_path`):
    :math:`w_j(t) = t`, :math:`w_k(t) = (1 - t) w_k / \sum_{l \ne j} w_l`.  All
    points are scored in one batched call of the method.  Crossings are exact for
    methods linear in the weights (:data:`LINEAR_METHODS`: the scores are lines
    :math:`(1 - t) s(0) + t s(1)`, two of which cross at :math:`t^* = d_0/(d_0 -
    d_1)`), and bracketed on the grid then refined with Brent's method to 1e-12
    otherwise.

    Parameters
    ----------
    matrix : array_like, shape (m, n)
        One decision matrix (``n >= 2``).
    weights : array_like, shape (n,)
        Current weights (rescaled to sum 1).
    types : array_like, shape (n,)
        +1 benefit, -1 cost.
    criterion : int
        Index of the criterion whose weight moves.
    method : str, default "wsm"
        One of :func:`policyopts.methods.available`.
    grid : int or array_like, default 101
        Number of equally spaced weights in [0, 1], or the weights themselves;
        both ends and the current weight are always added.
    **method_options
        Passed to the method (``normalization``, ``v``, ``preference`` ...).

    Returns
    -------
    OneWay

    References
    ----------
    Triantaphyllou, E., & Sánchez, A. (1997). A sensitivity analysis approach for
    some deterministic multi-criteria decision-making methods. Decision Sciences,
    28(1), 151-194.

    Examples
    --------
    >>> r = one_way([[1.0, 0.0], [0.0, 1.0], [0.6, 0.6]], [0.5, 0.5], [1, 1], 0,
    ...             normalization=None, grid=5)
    >>> print(r.crossing_weight.round(4), r.overtaking, r.overtaken)
    [0.4 0.5 0.6] [2 0 0] [1 1 2]
    >>> print(r.segment_ranks)
    [[3 1 2]
     [3 2 1]
     [2 3 1]
     [1 3 2]]
    """
    prob = prepare(matrix, weights, types, method, method_options, what="one-way sensitivity")
    j = check_criterion(criterion, prob.n)
    return _one_way(prob, j, grid)


def _one_way(prob: _Problem, j: int, grid: int | ArrayLike) -> OneWay:
    current = float(prob.weights[j])
    t = _grid_points(grid, current)
    w_path = _path(prob.weights, j, t)
    ci = int(np.searchsorted(t, current))
    w_path[ci] = prob.weights
    result = prob.run(w_path)
    scores = np.asarray(result.scores, dtype=np.float64)
    ranks = np.asarray(result.ranks, dtype=np.int64)
    up = oriented(result)

    if prob.linear:
        cw, over, under = _linear_crossings(up[0], up[-1])
    else:
        cw, over, under = _numeric_crossings(t, up, lambda x: prob.scores_at(j, x))
    order = np.argsort(cw, kind="stable")
    cw, over, under = cw[order], over[order], under[order]

    keep = np.ones(cw.shape[0], dtype=bool)
    keep[1:] = np.diff(cw) > _MERGE
    breakpoints = cw[keep]
    bounds = np.concatenate([[0.0], breakpoints, [1.0]])
    mids = 0.5 * (bounds[:-1] + bounds[1:])
    seg = prob.run(_path(prob.weights, j, mids))
    segment_ranks = np.asarray(seg.ranks, dtype=np.int64)
    if cw.size:
        idx = np.abs(breakpoints[None, :] - cw[:, None]).argmin(axis=1)
        before = segment_ranks[idx, over]
        after = segment_ranks[idx + 1, over]
        order = np.lexsort((after, cw))
        cw, over, under, before, after = (
            cw[order],
            over[order],
            under[order],
            before[order],
            after[order],
        )
    else:
        before = after = np.zeros(0, dtype=np.int64)
    return OneWay(
        t=t,
        weights=w_path,
        scores=scores,
        ranks=ranks,
        higher_is_better=bool(result.higher_is_better),
        method=prob.method,
        criterion=j,
        current=current,
        current_index=ci,
        exact=prob.linear,
        crossing_weight=cw,
        overtaking=over,
        overtaken=under,
        rank_before=np.asarray(before, dtype=np.int64),
        rank_after=np.asarray(after, dtype=np.int64),
        breakpoints=breakpoints,
        segment_ranks=segment_ranks,
    )


def top_interval(ow: OneWay, top: int) -> tuple[float, float]:
    """The weights around the current one over which alternative ``top`` ranks first.

    Built from the segments of ``ow`` (constant ranking between breakpoints): the
    segments touching the current weight where ``top`` has rank 1, extended to
    neighbouring segments while it keeps rank 1.  ``(current, current)`` when it
    is first only at the current weight itself.
    """
    ok = ow.segment_ranks[:, top] == 1
    bounds = ow.segment_bounds
    nseg = ok.shape[0]
    cur = ow.current
    start = [
        k for k in range(nseg) if bounds[k] - _TOUCH <= cur <= bounds[k + 1] + _TOUCH and ok[k]
    ]
    if not start:
        return cur, cur
    lo_k, hi_k = min(start), max(start)
    while lo_k > 0 and ok[lo_k - 1]:
        lo_k -= 1
    while hi_k < nseg - 1 and ok[hi_k + 1]:
        hi_k += 1
    return float(bounds[lo_k]), float(bounds[hi_k + 1])
