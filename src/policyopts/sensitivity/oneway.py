r"""One-way weight sensitivity: move one criterion's weight from 0 to 1.

The weight of criterion :math:`j` is set to :math:`t \in [0, 1]` and the other
weights share the rest in their current proportions,

.. math::

    w_j(t) = t, \qquad
    w_k(t) = (1 - t)\,\frac{w_k}{\sum_{l \ne j} w_l} \quad (k \ne j),

so the path passes through the current weights at :math:`t = w_j` and always
sums to 1.  If every other weight is zero (:math:`w_j = 1`) their proportions are
undefined; the other criteria then share :math:`1 - t` equally,
:math:`w_k(t) = (1 - t)/(n - 1)`.

Along the path every alternative's score is computed in one batched call of the
method (all grid points stacked as weight vectors), and the weights at which two
alternatives swap places are found:

- exactly, in closed form, for methods whose score is linear in the weights
  (``wsm`` under any normalisation, and ``promethee_ii``, whose net flow is
  :math:`\sum_j w_j \phi_j`): on the path each score is a straight line
  :math:`s_i(t) = (1 - t)\,s_i(0) + t\,s_i(1)`, so lines :math:`i` and :math:`k`
  cross at :math:`t^* = d_0 / (d_0 - d_1)` with :math:`d_0 = s_i(0) - s_k(0)`,
  :math:`d_1 = s_i(1) - s_k(1)` whenever :math:`d_0` and :math:`d_1` have opposite
  signs;
- numerically for the other methods (``wpm``, ``topsis``, ``vikor``): a sign
  change of the score difference between neighbouring grid points is bracketed
  and refined with Brent's method (:func:`scipy.optimize.brentq`, absolute
  tolerance 1e-12 in the weight).  Two crossings of the same pair closer together
  than the grid spacing can be missed; a finer ``grid`` finds them.

Two scores tie when they differ by at most ``1e-12`` times the largest absolute
score (the tolerance of :func:`policyopts._kernels.rank.rank`); lines that only
touch, or tie at an end of the path, are not crossings.

:func:`one_way` works on arrays; :func:`one_way_case` and :func:`one_way_all`
take a :class:`~policyopts.Case` and return labelled results.  At case level
``wsm`` aggregates the criteria's value functions over their declared scales
(normalization ``"scale"``, as :func:`policyopts.compare` does), and the row at
the current weight equals :func:`policyopts.compare`'s scores exactly.

References
----------
Triantaphyllou, E., & Sánchez, A. (1997). A sensitivity analysis approach for some
deterministic multi-criteria decision-making methods. Decision Sciences, 28(1),
151-194.
Belton, V., & Stewart, T. J. (2002). Multiple Criteria Decision Analysis: An
Integrated Approach. Kluwer, ch. 5 (sensitivity analysis of value models).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from policyopts import _validate as V
from policyopts import methods as _methods
from policyopts._casearrays import CaseArrays, case_arrays
from policyopts._kernels.normalize import normalize as _normalize
from policyopts._kernels.rank import TIE_RTOL
from policyopts._kernels.rank import rank as _rank
from policyopts._tables import TableView
from policyopts._version import __version__
from policyopts.model import Case

__all__ = [
    "LINEAR_METHODS",
    "OneWay",
    "OneWayAll",
    "OneWayResult",
    "one_way",
    "one_way_all",
    "one_way_case",
    "weight_path",
]

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]

#: Methods whose scores are linear in the weights (closed-form crossings).
LINEAR_METHODS: frozenset[str] = frozenset({"wsm", "promethee_ii"})

#: Absolute tolerance (in weight) of Brent's method for numeric crossings.
XTOL = 1e-12

#: Crossings closer than this (in weight) are treated as one breakpoint.
_MERGE = 1e-12

#: A crossing this close to the current weight counts as at the current weight.
_TOUCH = 1e-9

#: Normalization name for case-level WSM on the criteria's value functions.
SCALE = "scale"


# ======================================================================================
# Shared numeric helpers
# ======================================================================================


def _frozen(a: NDArray[Any]) -> NDArray[Any]:
    a = np.ascontiguousarray(a)
    a.setflags(write=False)
    return a


def check_criterion(criterion: Any, n: int, name: str = "criterion") -> int:
    """Validate a criterion index in ``[0, n)`` and return it as an int.

    >>> check_criterion(3, 2)
    Traceback (most recent call last):
    ...
    ValueError: criterion: index 3 out of range for 2 criteria
    """
    if isinstance(criterion, bool) or not isinstance(criterion, int | np.integer):
        raise ValueError(f"{name}: expected an integer index, got {criterion!r}")
    j = int(criterion)
    if not 0 <= j < n:
        raise ValueError(f"{name}: index {j} out of range for {n} criteria")
    return j


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
            object.__setattr__(self, name, _frozen(getattr(self, name)))

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


# ======================================================================================
# Case level: shared setup
# ======================================================================================


@dataclass(frozen=True)
class CaseProblem:
    """A case turned into the arrays a sensitivity analysis works on.

    For ``wsm`` with normalization ``"scale"`` (the case-level default) the
    matrix is the criteria's values (:meth:`CaseArrays.values`, benefit-oriented
    in [0, 1]) aggregated without further normalisation; otherwise it is the raw
    score matrix and the method's own normalisation applies, as in
    :func:`policyopts.compare`.
    """

    arrays: CaseArrays
    problem: _Problem
    nominal_scores: FloatArray
    nominal_ranks: IntArray
    higher_is_better: bool
    normalization: str | None
    profile: str
    scenario: str | None
    case_id: str
    option_names: Mapping[str, str]
    option_labels: Mapping[str, str]
    criterion_names: Mapping[str, str]
    criterion_labels: Mapping[str, str]
    method_options: Mapping[str, Any]

    @property
    def option_ids(self) -> list[str]:
        return list(self.arrays.option_ids)

    @property
    def criterion_ids(self) -> list[str]:
        return list(self.arrays.criterion_ids)

    @property
    def top(self) -> int:
        """Row of the top-ranked option (the first in case order on a tie)."""
        return int(np.flatnonzero(self.nominal_ranks == 1)[0])

    def criterion_index(self, criterion: str) -> int:
        ids = self.criterion_ids
        if not isinstance(criterion, str) or criterion not in ids:
            raise ValueError(
                f"criterion: unknown criterion {criterion!r}; criteria: {', '.join(ids)}"
            )
        return ids.index(criterion)


def case_problem(
    case: Case,
    profile: str | None,
    method: str,
    scenario: str | None,
    options: Mapping[str, Any],
) -> CaseProblem:
    """Resolve a case, a profile, a scenario and a method into a :class:`CaseProblem`.

    The nominal scores are computed exactly as :func:`policyopts.compare` does.
    """
    if not isinstance(case, Case):
        raise TypeError(f"case: expected a policyopts Case, got {type(case).__name__}")
    name = V.check_choice(method, _methods.available(), "method")
    if scenario is not None:
        case.scenario(scenario)
    arrays = case_arrays(case, scenario)
    prof = case.profile(profile)
    w = prof.resolve(arrays.criterion_ids, case.tree_parents)
    opts = dict(options)
    if name == "wsm":
        norm = opts.pop("normalization", None)
        if opts:
            raise ValueError(f"method_options: wsm takes no method options, got {sorted(opts)}")
        norm = SCALE if norm is None else norm
        norm = V.check_choice(norm, (SCALE, *_methods.NORMALIZATIONS), "normalization")
        if norm == SCALE:
            values = arrays.values()
            problem = _Problem(values, w, np.ones(len(w)), "wsm", {"normalization": None})
        else:
            values = _normalize(arrays.matrix, arrays.types, norm)
            problem = _Problem(arrays.matrix, w, arrays.types, "wsm", {"normalization": norm})
        scores: FloatArray = (values * w).sum(axis=-1)  # as compare() computes them
        ranks = _rank(scores, higher_is_better=True)
        higher = True
        reported: str | None = norm
    else:
        problem = _Problem(arrays.matrix, w, arrays.types, name, opts)
        res = problem.run(w)
        scores = np.asarray(res.scores, dtype=np.float64)
        ranks = np.asarray(res.ranks, dtype=np.int64)
        higher = bool(res.higher_is_better)
        reported = res.normalization
    return CaseProblem(
        arrays=arrays,
        problem=problem,
        nominal_scores=scores,
        nominal_ranks=ranks,
        higher_is_better=higher,
        normalization=reported,
        profile=prof.id,
        scenario=scenario,
        case_id=case.id,
        option_names={o.id: o.name for o in case.options},
        option_labels={o.id: o.label for o in case.options},
        criterion_names={c.id: c.name for c in case.all_criteria},
        criterion_labels={c.id: c.label for c in case.all_criteria},
        method_options=dict(options),
    )


def provenance(
    method: str,
    normalization: str | None,
    profile: str,
    scenario: str | None,
    case_id: str,
    version: str,
) -> str:
    """The inputs of a case-level result, in words."""
    bits = [f"method {method}"]
    if normalization:
        bits.append(f"normalization {normalization}")
    bits.append(f"profile {profile}")
    bits.append(f"scenario {scenario}" if scenario else "baseline")
    bits.append(f"case {case_id}")
    bits.append(f"policyopts {version}")
    return ", ".join(bits)


def lower_first(name: str) -> str:
    """Lower-case a name's first letter unless it starts an acronym ("US ...")."""
    if len(name) > 1 and name[1].isupper():
        return name
    return name[:1].lower() + name[1:]


def wfmt(x: float) -> str:
    """A weight for a sentence: two decimals, three when below 0.01."""
    return f"{x:.3f}" if 0 < abs(x) < 0.01 else f"{x:.2f}"


# ======================================================================================
# Case level: one criterion
# ======================================================================================


@dataclass(frozen=True, eq=False)
class OneWayResult(TableView):
    """One-way sensitivity of a case's ranking to one criterion's weight.

    Attributes
    ----------
    criterion : str
        The criterion whose weight moves.
    current : float
        Its weight under the profile.
    scores, ranks : pandas.DataFrame
        Indexed by the criterion's weight (``"weight"``, ascending, the current
        weight included), one column per option id: the method's scores and the
        ranks (1 = best).  The row at ``current`` equals
        :func:`policyopts.compare`'s scores exactly.
    crossings : pandas.DataFrame
        One row per rank change, by ascending weight: ``"weight"``,
        ``"overtaking"`` and ``"overtaken"`` (option ids: as the weight rises past
        ``weight``, the first passes the second), ``"rank_before"`` and
        ``"rank_after"`` (the overtaking option's rank just below and just above),
        ``"top_change"`` (whether the first place changes hands).
    weights : pandas.Series
        The profile's weights by criterion id.
    exact : bool
        Whether crossings are exact (linear methods) or numeric.
    method, profile, scenario, normalization, case_id, version
        What produced the result.
    """

    criterion: str
    current: float
    scores: pd.DataFrame
    ranks: pd.DataFrame
    crossings: pd.DataFrame
    weights: pd.Series
    exact: bool
    higher_is_better: bool
    method: str
    profile: str
    scenario: str | None
    normalization: str | None
    case_id: str
    version: str
    option_names: Mapping[str, str] = field(repr=False)
    option_labels: Mapping[str, str] = field(repr=False)
    criterion_names: Mapping[str, str] = field(repr=False)
    criterion_labels: Mapping[str, str] = field(repr=False)
    breakpoints: tuple[float, ...] = field(repr=False, default=())
    segment_rankings: tuple[tuple[str, ...], ...] = field(repr=False, default=())
    method_options: Mapping[str, Any] = field(default_factory=dict, repr=False)

    @property
    def options(self) -> list[str]:
        """Option ids in case order."""
        return [str(c) for c in self.scores.columns]

    def _segments(self) -> list[tuple[float, float, tuple[str, ...], bool]]:
        bounds = [0.0, *self.breakpoints, 1.0]
        bp = np.asarray(self.breakpoints, dtype=np.float64)
        cur = int(np.searchsorted(bp, self.current - _TOUCH, side="left"))
        return [
            (bounds[k], bounds[k + 1], ranking, k == cur)
            for k, ranking in enumerate(self.segment_rankings)
        ]

    def _top_segments(self) -> list[tuple[float, float, str]]:
        out: list[tuple[float, float, str]] = []
        for low, high, ranking, _ in self._segments():
            if out and out[-1][2] == ranking[0]:
                out[-1] = (out[-1][0], high, ranking[0])
            else:
                out.append((low, high, ranking[0]))
        return out

    def ranges(self) -> pd.DataFrame:
        """The weight ranges over which the ranking is constant.

        Columns ``"low"``, ``"high"``, ``"ranking"`` (option ids, best first),
        ``"top"`` and ``"current"`` (whether the range holds the current weight;
        on a breakpoint, the range just below it).
        """
        rows = [
            {"low": lo, "high": hi, "ranking": list(r), "top": r[0], "current": c}
            for lo, hi, r, c in self._segments()
        ]
        return pd.DataFrame(rows, columns=["low", "high", "ranking", "top", "current"])

    def top_ranges(self) -> pd.DataFrame:
        """Consecutive ranges with the same top option merged: ``low``, ``high``, ``top``."""
        return pd.DataFrame(self._top_segments(), columns=["low", "high", "top"])

    def summary(self, *, short: bool = False) -> str:
        """The result in plain words: who ranks first over which weights."""
        names = self.option_labels if short else self.option_names
        cname = (self.criterion_labels if short else self.criterion_names)[self.criterion]
        parts = [
            f"{names[top]} first from {wfmt(low)} to {wfmt(high)}"
            for low, high, top in self._top_segments()
        ]
        n = len(self.crossings)
        changes = "no rank change" if n == 0 else f"{n} rank change{'s' if n != 1 else ''}"
        return (
            f"Weight of {lower_first(cname)} (now {wfmt(self.current)}, the others keeping "
            f"their proportions): " + "; ".join(parts) + f". {changes.capitalize()} in all "
            f"({self._provenance()})."
        )

    def _provenance(self) -> str:
        return provenance(
            self.method, self.normalization, self.profile, self.scenario, self.case_id, self.version
        )

    def caption(self) -> str:
        """How the table was produced."""
        cname = self.criterion_labels[self.criterion]
        return (
            f"Ranking as the weight of {cname} moves from 0 to 1, the others keeping their "
            f"proportions; now {wfmt(self.current)} ({self._provenance()})"
        )

    def _rows(self, names: bool) -> tuple[list[str], list[list[object]]]:
        header = (
            ["From", "To", "Ranking", "Now"] if names else ["low", "high", "ranking", "current"]
        )
        label = self.option_labels if names else {o: o for o in self.options}
        rows: list[list[object]] = []
        for low, high, ranking, current in self._segments():
            rows.append([low, high, " > ".join(label[o] for o in ranking), "*" if current else ""])
        return header, rows

    def _highlight_row(self) -> int | None:
        return next(k for k, seg in enumerate(self._segments()) if seg[3])

    _csv_index = False

    def _csv_frame(self) -> pd.DataFrame:
        return self.crossings


def _result_from(cp: CaseProblem, ow: OneWay) -> OneWayResult:
    options = cp.option_ids
    cid = cp.criterion_ids[ow.criterion]
    scores = np.array(ow.scores, dtype=np.float64)
    ranks = np.array(ow.ranks, dtype=np.int64)
    # The current row exactly as compare() computes it.
    scores[ow.current_index] = cp.nominal_scores
    ranks[ow.current_index] = cp.nominal_ranks
    index = pd.Index(ow.t, name="weight")
    cols = pd.Index(options, name="option")
    seg_ranks = ow.segment_ranks
    crossing_rows = []
    bp = ow.breakpoints
    for k in range(ow.crossing_weight.shape[0]):
        seg = int(np.abs(bp - ow.crossing_weight[k]).argmin())
        first_before = int(np.flatnonzero(seg_ranks[seg] == 1)[0])
        first_after = int(np.flatnonzero(seg_ranks[seg + 1] == 1)[0])
        crossing_rows.append(
            {
                "weight": float(ow.crossing_weight[k]),
                "overtaking": options[int(ow.overtaking[k])],
                "overtaken": options[int(ow.overtaken[k])],
                "rank_before": int(ow.rank_before[k]),
                "rank_after": int(ow.rank_after[k]),
                "top_change": first_before != first_after,
            }
        )
    crossings = pd.DataFrame(
        crossing_rows,
        columns=["weight", "overtaking", "overtaken", "rank_before", "rank_after", "top_change"],
    )
    rankings = tuple(
        tuple(options[i] for i in np.argsort(r, kind="stable")) for r in ow.segment_ranks
    )
    return OneWayResult(
        criterion=cid,
        current=ow.current,
        scores=pd.DataFrame(scores, index=index, columns=cols),
        ranks=pd.DataFrame(ranks, index=index.copy(), columns=cols.copy()),
        crossings=crossings,
        weights=pd.Series(
            cp.problem.weights, index=pd.Index(cp.criterion_ids, name="criterion"), name="weight"
        ),
        exact=ow.exact,
        higher_is_better=cp.higher_is_better,
        method=cp.problem.method,
        profile=cp.profile,
        scenario=cp.scenario,
        normalization=cp.normalization,
        case_id=cp.case_id,
        version=__version__,
        option_names=dict(cp.option_names),
        option_labels=dict(cp.option_labels),
        criterion_names=dict(cp.criterion_names),
        criterion_labels=dict(cp.criterion_labels),
        breakpoints=tuple(float(b) for b in ow.breakpoints),
        segment_rankings=rankings,
        method_options=dict(cp.method_options),
    )


def one_way_case(
    case: Case,
    criterion: str,
    profile: str | None = None,
    *,
    method: str = "wsm",
    scenario: str | None = None,
    grid: int | ArrayLike = 101,
    **method_options: Any,
) -> OneWayResult:
    r"""One-way sensitivity of a case's ranking to the weight of ``criterion``.

    The criterion's weight :math:`t` runs from 0 to 1 while the other weights of
    the profile keep their proportions (:func:`weight_path`); see
    :func:`one_way` for how crossings are found.

    Parameters
    ----------
    case : Case
    criterion : str
        Criterion id (the risk-burden criterion included).
    profile : str, optional
        Weight profile; the case's default when omitted.
    method : str, default "wsm"
        At case level ``wsm`` aggregates the criteria's value functions
        (normalization ``"scale"``, as :func:`policyopts.compare`); other methods
        work on the raw scores with their own default normalisation.
    scenario : str, optional
        Apply a scenario first.
    grid : int or array_like, default 101
        Points in [0, 1] (plus both ends and the current weight).
    **method_options
        Passed to the method (``normalization``, ``v``, ``preference`` ...).

    Returns
    -------
    OneWayResult

    Examples
    --------
    >>> import policyopts as po
    >>> r = one_way_case(po.load_case("mali"), "civilian_harm", "balanced")
    >>> bool(r.crossings["weight"].between(0, 1).all())
    True
    """
    cp = case_problem(case, profile, method, scenario, method_options)
    j = cp.criterion_index(criterion)
    return _result_from(cp, _one_way(cp.problem, j, grid))


@dataclass(frozen=True, eq=False)
class OneWayAll(TableView):
    """One-way sensitivity of a case's ranking to each criterion's weight in turn.

    Attributes
    ----------
    results : mapping
        The :class:`OneWayResult` of every criterion, by criterion id.
    table : pandas.DataFrame
        Indexed by criterion id: ``"name"``, ``"current"`` (weight),
        ``"rank_changes"`` (crossings over [0, 1]), ``"change_below"`` and
        ``"change_above"`` (the nearest weight at or below / at or above the current one at
        which any rank changes; NaN when none does on that side), ``"top_low"``
        and ``"top_high"`` (the top option stays first between them).
    crossings : pandas.DataFrame
        Every crossing, with a leading ``"criterion"`` column.
    """

    results: Mapping[str, OneWayResult]
    table: pd.DataFrame
    crossings: pd.DataFrame
    method: str
    profile: str
    scenario: str | None
    normalization: str | None
    case_id: str
    version: str
    criterion_labels: Mapping[str, str] = field(repr=False)

    def summary(self, *, short: bool = False) -> str:
        """One line per criterion, most sensitive first (nearest rank change)."""
        dist = np.fmin(
            (self.table["current"] - self.table["change_below"]).to_numpy(dtype=np.float64),
            (self.table["change_above"] - self.table["current"]).to_numpy(dtype=np.float64),
        )
        dist = np.where(np.isnan(dist), np.inf, dist)
        order = np.argsort(dist, kind="stable")
        ids = list(self.table.index)
        return "\n".join(self.results[ids[k]].summary(short=short) for k in order)

    def caption(self) -> str:
        """How the table was produced."""
        return (
            "How far each weight can move before the ranking changes ("
            + provenance(
                self.method,
                self.normalization,
                self.profile,
                self.scenario,
                self.case_id,
                self.version,
            )
            + ")"
        )

    def _rows(self, names: bool) -> tuple[list[str], list[list[object]]]:
        header = (
            [
                "Criterion",
                "Weight",
                "Rank changes",
                "Next change below",
                "Next change above",
                "Top from",
                "Top to",
            ]
            if names
            else [
                "criterion",
                "current",
                "rank_changes",
                "change_below",
                "change_above",
                "top_low",
                "top_high",
            ]
        )
        rows: list[list[object]] = []
        for cid, row in self.table.iterrows():
            rows.append(
                [
                    self.criterion_labels[str(cid)] if names else str(cid),
                    float(row["current"]),
                    int(row["rank_changes"]),
                    float(row["change_below"]),
                    float(row["change_above"]),
                    float(row["top_low"]),
                    float(row["top_high"]),
                ]
            )
        return header, rows

    def _csv_frame(self) -> pd.DataFrame:
        return self.table


def one_way_all(
    case: Case,
    profile: str | None = None,
    *,
    method: str = "wsm",
    scenario: str | None = None,
    grid: int | ArrayLike = 101,
    criteria: Sequence[str] | None = None,
    **method_options: Any,
) -> OneWayAll:
    """:func:`one_way_case` for every criterion (or those named in ``criteria``).

    Examples
    --------
    >>> import policyopts as po
    >>> allw = one_way_all(po.load_case("mali"), "balanced")
    >>> len(allw.results), list(allw.table.columns[:3])
    (12, ['name', 'current', 'rank_changes'])
    """
    cp = case_problem(case, profile, method, scenario, method_options)
    ids = list(criteria) if criteria is not None else cp.criterion_ids
    results: dict[str, OneWayResult] = {}
    rows = []
    frames = []
    for cid in ids:
        j = cp.criterion_index(cid)
        ow = _one_way(cp.problem, j, grid)
        res = _result_from(cp, ow)
        results[cid] = res
        w = res.crossings["weight"].to_numpy(dtype=np.float64)
        below = w[w <= res.current + _TOUCH]
        above = w[w >= res.current - _TOUCH]
        low, high = top_interval(ow, cp.top)
        rows.append(
            {
                "criterion": cid,
                "name": cp.criterion_names[cid],
                "current": res.current,
                "rank_changes": len(res.crossings),
                "change_below": float(below.max()) if below.size else np.nan,
                "change_above": float(above.min()) if above.size else np.nan,
                "top_low": low,
                "top_high": high,
            }
        )
        c = res.crossings.copy()
        c.insert(0, "criterion", cid)
        frames.append(c)
    table = pd.DataFrame(rows).set_index("criterion")
    crossings = (
        pd.concat(frames, ignore_index=True)
        if any(len(f) for f in frames)
        else pd.DataFrame(columns=["criterion", *results[ids[0]].crossings.columns])
    )
    return OneWayAll(
        results=results,
        table=table,
        crossings=crossings,
        method=cp.problem.method,
        profile=cp.profile,
        scenario=cp.scenario,
        normalization=cp.normalization,
        case_id=cp.case_id,
        version=__version__,
        criterion_labels=dict(cp.criterion_labels),
    )
