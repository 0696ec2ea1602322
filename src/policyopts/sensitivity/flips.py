r"""What flips the top option: the smallest changes that put a challenger first.

For an additive model (WSM) with values :math:`v_{ij}` (benefit-oriented) and
weights :math:`w` on the simplex, alternative :math:`c` is (weakly) top under
weights :math:`w'` when :math:`(v_c - v_o) \cdot w' \ge 0` for every other
alternative :math:`o`.  Two kinds of change are looked for.

**Weights.**  The weight vector closest to the current one that makes :math:`c`
weakly top solves a linear program (Wolters & Mareschal 1995):

.. math::

    \min_{w'} \; \lVert w' - w \rVert \quad \text{s.t.} \quad w' \ge 0,\;
    \textstyle\sum_j w'_j = 1,\; (v_c - v_o) \cdot w' \ge 0 \;\; \forall o \ne c.

In the :math:`L_1` norm, :math:`w' = w + p - q` with :math:`p, q \ge 0` and the
objective :math:`\sum_j (p_j + q_j)`; half of it is the weight that has to shift
from some criteria to others.  In the :math:`L_\infty` norm a bound variable
:math:`z \ge |w'_j - w_j|` is minimised: the largest change any single weight
needs when the change is spread out.  Both are solved exactly by
:func:`scipy.optimize.linprog` (HiGHS).  The program is infeasible exactly when no
weighting puts :math:`c` first, e.g. when another alternative beats it on every
criterion.

**Single assessments.**  Changing one value :math:`v_{ij}` by :math:`\delta` moves
alternative :math:`i`'s score by :math:`w_j \delta` and nobody else's, so with
:math:`S` the scores and :math:`g = \max_{o \ne c} S_o - S_c` the gap:

- raising the challenger's own value needs :math:`\delta = g / w_j`;
- lowering another alternative's value helps only if it is the only one ahead of
  :math:`c`, and needs :math:`\delta = -(S_o - S_c)/w_j`.

At case level the new value is mapped back to a score through the inverse of the
criterion's value function (linear, exponential or piecewise-linear) and must stay
within the criterion's declared scale; otherwise the change is "not possible
within the scale".  The derived risk-burden criterion is not an assessment and is
left out of the score changes (change the risks instead).

References
----------
Wolters, W. T. M., & Mareschal, B. (1995). Novel types of sensitivity analysis for
additive MCDM methods. European Journal of Operational Research, 81(2), 281-290.
Triantaphyllou, E., & Sánchez, A. (1997). A sensitivity analysis approach for some
deterministic multi-criteria decision-making methods. Decision Sciences, 28(1),
151-194.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from policyopts import _validate as V
from policyopts._kernels.normalize import normalize as _normalize
from policyopts._kernels.rank import TIE_RTOL
from policyopts._tables import TableView
from policyopts._version import __version__
from policyopts.methods import SCALE_NORMALIZATION
from policyopts.model import Case, Criterion
from policyopts.model.criteria import ExponentialValue, PiecewiseLinearValue
from policyopts.sensitivity.oneway import case_problem, lower_first, provenance, wfmt

__all__ = [
    "FlipAnalysis",
    "ValueFlips",
    "WeightFlip",
    "flip_analysis",
    "score_for_value",
    "value_flips",
    "weight_flip",
]

FloatArray = NDArray[np.float64]

NORMS: tuple[str, ...] = ("l1", "linf")

#: Feasibility tolerance passed to HiGHS (primal and dual).
LP_TOL = 1e-10

#: Changes smaller than this (in weight or value) count as none.
_ZERO = 1e-12


def _frozen(a: FloatArray) -> FloatArray:
    a = np.ascontiguousarray(a, dtype=np.float64)
    a.setflags(write=False)
    return a


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


def _alternative(index: Any, m: int, name: str) -> int:
    if isinstance(index, bool) or not isinstance(index, int | np.integer):
        raise ValueError(f"{name}: expected an integer index, got {index!r}")
    i = int(index)
    if not 0 <= i < m:
        raise ValueError(f"{name}: index {i} out of range for {m} alternatives")
    return i


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
            object.__setattr__(self, "weights", _frozen(self.weights))
        if self.change is not None:
            object.__setattr__(self, "change", _frozen(self.change))


def _solve(values: FloatArray, w: FloatArray, c: int, norm: str) -> FloatArray | None:
    """The LP of the module docstring; the new weights, or None if infeasible."""
    from scipy.optimize import linprog  # imported here: scipy.optimize is slow to import

    m, n = values.shape
    diff = np.delete(values, c, axis=0) - values[c]  # (m-1, n): v_o - v_c
    if norm == "l1":
        # x = [p, q]; w' = w + p - q.
        cost = np.ones(2 * n)
        a_ub = np.vstack([np.hstack([diff, -diff]), np.hstack([-np.eye(n), np.eye(n)])])
        b_ub = np.concatenate([-(diff @ w), w])
        a_eq = np.hstack([np.ones(n), -np.ones(n)])[None, :]
        res = linprog(
            cost,
            A_ub=a_ub,
            b_ub=b_ub,
            A_eq=a_eq,
            b_eq=[0.0],
            bounds=(0, None),
            method="highs",
            options={"primal_feasibility_tolerance": LP_TOL, "dual_feasibility_tolerance": LP_TOL},
        )
        if res.status == 2:
            return None
        if res.status != 0:
            raise RuntimeError(f"linprog failed for challenger {c} ({norm}): {res.message}")
        x = np.asarray(res.x, dtype=np.float64)
        new = w + x[:n] - x[n:]
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
        bounds = [(0.0, 1.0)] * n + [(0.0, None)]
        res = linprog(
            cost,
            A_ub=a_ub,
            b_ub=b_ub,
            A_eq=a_eq,
            b_eq=[1.0],
            bounds=bounds,
            method="highs",
            options={"primal_feasibility_tolerance": LP_TOL, "dual_feasibility_tolerance": LP_TOL},
        )
        if res.status == 2:
            return None
        if res.status != 0:
            raise RuntimeError(f"linprog failed for challenger {c} ({norm}): {res.message}")
        new = np.asarray(res.x, dtype=np.float64)[:n]
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
    c = _alternative(challenger, values.shape[0], "challenger")
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
        object.__setattr__(self, "change", _frozen(self.change))
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
    c = _alternative(challenger, m, "challenger")
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


# ======================================================================================
# Case level
# ======================================================================================


@dataclass(frozen=True, eq=False)
class FlipAnalysis(TableView):
    """What it takes to put each challenger of a case's top option first (WSM).

    Attributes
    ----------
    top : str
        The option ranked first under the profile (as :func:`policyopts.compare`).
    scores, weights : pandas.Series
        The WSM scores by option and the profile's weights by criterion.
    weight_flips : pandas.DataFrame
        Indexed by challenger id (current rank order): ``"rank"``, ``"gap"``
        (score behind the top option), ``"feasible"``, ``"l1"`` (smallest total
        absolute weight change; ``inf`` if infeasible), ``"moved"`` (``l1 / 2``:
        the weight that shifts between criteria), ``"linf"`` (smallest largest
        change of any one weight), ``"gains"``/``"gain"`` and
        ``"loses"``/``"loss"`` (the criterion gaining / losing most weight in the
        :math:`L_1` solution, and how much; None and 0 when none),
        ``"dominated_by"`` (option beating the challenger on every criterion, or
        None).
    new_weights_l1, new_weights_linf : pandas.DataFrame
        The new weight vectors (feasible challengers by criterion ids).
    score_flips : pandas.DataFrame
        For each challenger, up to ``n_score_flips`` smallest single-score changes
        that put it first (ties count), smallest relative change first:
        ``"challenger"``, ``"option"`` (whose score changes: the challenger or the
        option ahead of it), ``"criterion"``, ``"score_from"``, ``"score_to"``,
        ``"change"`` (score units), ``"relative"`` (fraction of the scale),
        ``"value_from"``, ``"value_to"``.
    profile, scenario, case_id, version
        What produced the result (method ``wsm``, normalization ``scale``).
    """

    top: str
    scores: pd.Series
    weights: pd.Series
    weight_flips: pd.DataFrame
    new_weights_l1: pd.DataFrame
    new_weights_linf: pd.DataFrame
    score_flips: pd.DataFrame
    profile: str
    scenario: str | None
    case_id: str
    version: str
    n_score_flips: int
    option_names: Mapping[str, str] = field(repr=False)
    option_labels: Mapping[str, str] = field(repr=False)
    criterion_names: Mapping[str, str] = field(repr=False)
    criterion_labels: Mapping[str, str] = field(repr=False)
    scales: Mapping[str, tuple[float, float, str]] = field(repr=False, default_factory=dict)
    method: str = "wsm"
    normalization: str = SCALE_NORMALIZATION

    def _weight_records(self) -> dict[str, dict[str, Any]]:
        rec = self.weight_flips.to_dict(orient="index")
        return {str(k): {str(c): x for c, x in v.items()} for k, v in rec.items()}

    def _best_score_flip(self, challenger: str) -> dict[str, Any] | None:
        rows = self.score_flips[self.score_flips["challenger"] == challenger]
        if not len(rows):
            return None
        first = rows.iloc[0].to_dict()
        return {str(k): v for k, v in first.items()}

    def sentences(self, *, short: bool = False) -> list[str]:
        """Plain sentences: for each challenger, the weight shift and the score change."""
        on = self.option_labels if short else self.option_names
        cn = self.criterion_labels if short else self.criterion_names
        top = on[self.top]
        out = []
        for cid, row in self._weight_records().items():
            ch = on[cid]
            if not row["feasible"]:
                why = (
                    f"{on[str(row['dominated_by'])]} beats it on every criterion"
                    if row["dominated_by"] is not None
                    else "under every weighting some option scores higher"
                )
                out.append(f"{ch} cannot overtake {top} under any weights: {why}.")
            elif float(row["moved"]) <= _ZERO:
                out.append(f"{ch} already ties with {top} for first place.")
            else:
                delta = self.new_weights_l1.loc[cid].to_numpy(dtype=np.float64)
                delta = delta - self.weights.to_numpy(dtype=np.float64)
                change = pd.Series(delta, index=[str(c) for c in self.weights.index])
                gains = change[delta > _ZERO].sort_values(ascending=False)
                losses = change[delta < -_ZERO].sort_values()
                moved = wfmt(float(row["moved"]))
                if len(gains) == 1 and len(losses) == 1:
                    how = (
                        f"{lower_first(cn[str(gains.index[0])])} gains {moved} of weight from "
                        f"{lower_first(cn[str(losses.index[0])])}"
                    )
                else:

                    def listing(s: pd.Series) -> str:
                        items = [
                            f"{lower_first(cn[str(k)])} ({float(v):+.2f})" for k, v in s.items()
                        ]
                        return (
                            ", ".join(items[:-1]) + " and " + items[-1]
                            if len(items) > 1
                            else items[0]
                        )

                    how = f"{moved} of weight shifts to {listing(gains)} from {listing(losses)}"
                linf = wfmt(float(row["linf"]))
                out.append(
                    f"{ch} overtakes {top} if {how}; spread over all criteria, no weight "
                    f"needs to move by more than {linf}."
                )
            best = self._best_score_flip(cid)
            if best is None:
                out.append(
                    f"Putting {ch} first by changing a single score is not possible within "
                    "the scales."
                )
                continue
            crit = str(best["criterion"])
            lo, hi, unit = self.scales[crit]
            also = "also " if row["feasible"] and float(row["moved"]) > _ZERO else ""
            whose = "its" if best["option"] == cid else f"{on[str(best['option'])]}'s"
            verb = "rises" if float(best["change"]) > 0 else "falls"
            out.append(
                f"{ch} {also}comes first if {whose} {lower_first(cn[crit])} score {verb} from "
                f"{_sfmt(float(best['score_from']))} to {_sfmt(float(best['score_to']))} "
                f"(scale {_sfmt(lo)}-{_sfmt(hi)} {unit})."
            )
        return out

    def summary(self, *, short: bool = False) -> str:
        """A line on the top option, then :meth:`sentences`."""
        on = self.option_labels if short else self.option_names
        lead = f"{on[self.top]} ranks first ({self._provenance()})."
        return "\n".join([lead, *self.sentences(short=short)])

    def _provenance(self) -> str:
        return provenance(
            self.method, self.normalization, self.profile, self.scenario, self.case_id, self.version
        )

    def caption(self) -> str:
        """How the table was produced."""
        return (
            f"Smallest changes that put each option ahead of {self.option_labels[self.top]} "
            f"({self._provenance()})"
        )

    def _rows(self, names: bool) -> tuple[list[str], list[list[object]]]:
        header = (
            [
                "Challenger",
                "Rank",
                "Gap",
                "Weight to shift",
                "Largest weight change",
                "Gains most",
                "Loses most",
                "Smallest score change",
            ]
            if names
            else ["challenger", "rank", "gap", "moved", "linf", "gains", "loses", "score_change"]
        )
        ol = self.option_labels if names else {k: k for k in self.option_labels}
        cl = self.criterion_labels if names else {k: k for k in self.criterion_labels}
        rows: list[list[object]] = []
        for cid, row in self._weight_records().items():
            best = self._best_score_flip(cid)
            if best is None:
                score = "-"
            else:
                who = "" if best["option"] == cid else f"{ol[str(best['option'])]} "
                score = (
                    f"{who}{cl[str(best['criterion'])]} {_sfmt(float(best['score_from']))}"
                    f" -> {_sfmt(float(best['score_to']))}"
                )
            feasible = bool(row["feasible"])
            rows.append(
                [
                    ol[cid],
                    int(row["rank"]),
                    float(row["gap"]),
                    float(row["moved"]) if feasible else "never",
                    float(row["linf"]) if feasible else "never",
                    cl[str(row["gains"])] if row["gains"] is not None else "-",
                    cl[str(row["loses"])] if row["loses"] is not None else "-",
                    score,
                ]
            )
        return header, rows

    def _csv_frame(self) -> pd.DataFrame:
        return self.weight_flips


def _sfmt(x: float) -> str:
    """A score for a sentence: three significant figures."""
    return f"{x:.3g}"


def flip_analysis(
    case: Case,
    profile: str | None = None,
    *,
    scenario: str | None = None,
    n_score_flips: int = 3,
) -> FlipAnalysis:
    """What it takes to put each other option ahead of the top option of ``case``.

    Uses the additive model of :func:`policyopts.compare` (WSM over the criteria's
    value functions, normalization ``"scale"``): for every challenger, the
    smallest weight changes in :math:`L_1` and :math:`L_\\infty` norm (exact linear
    programs) and the smallest single-score changes within the criteria's scales
    (closed form, mapped back through the value functions).

    Parameters
    ----------
    case : Case
    profile : str, optional
        Weight profile; the case's default when omitted.
    scenario : str, optional
        Apply a scenario first.
    n_score_flips : int, default 3
        How many single-score changes to keep per challenger.

    Returns
    -------
    FlipAnalysis

    Examples
    --------
    >>> import policyopts as po
    >>> fa = flip_analysis(po.load_case("mali"), "balanced")
    >>> fa.top, len(fa.weight_flips)
    ('humanitarian', 4)
    """
    if isinstance(n_score_flips, bool) or not isinstance(n_score_flips, int) or n_score_flips < 0:
        raise ValueError(f"n_score_flips: expected an int >= 0, got {n_score_flips!r}")
    cp = case_problem(case, profile, "wsm", scenario, {})
    values = cp.problem.matrix
    w = cp.problem.weights
    opts = cp.option_ids
    crit_ids = cp.criterion_ids
    criteria = cp.arrays.criteria
    raw = cp.arrays.matrix
    top = cp.top
    scores = cp.nominal_scores
    order = [i for i in np.lexsort((np.arange(len(opts)), cp.nominal_ranks)) if i != top]
    ends = np.array([c.value(np.array([c.scale.min, c.scale.max])) for c in criteria])
    vlow, vhigh = ends.min(axis=1), ends.max(axis=1)
    assessed = {c.id for c in case.criteria}

    rows: list[dict[str, Any]] = []
    new_l1: dict[str, FloatArray] = {}
    new_linf: dict[str, FloatArray] = {}
    score_rows: list[dict[str, Any]] = []
    for i in order:
        cid = opts[int(i)]
        f1 = _flip(values, w, int(i), "l1")
        fi = _flip(values, w, int(i), "linf")
        gains = loses = None
        gain = loss = 0.0
        if f1.feasible and f1.change is not None:
            new_l1[cid] = np.asarray(f1.weights)
            new_linf[cid] = np.asarray(fi.weights)
            ch = f1.change
            if ch.max() > _ZERO:
                gains, gain = crit_ids[int(np.argmax(ch))], float(ch.max())
            if ch.min() < -_ZERO:
                loses, loss = crit_ids[int(np.argmin(ch))], float(ch.min())
        rows.append(
            {
                "challenger": cid,
                "rank": int(cp.nominal_ranks[i]),
                "gap": float(scores[top] - scores[i]),
                "feasible": f1.feasible,
                "l1": f1.distance,
                "moved": f1.distance / 2,
                "linf": fi.distance,
                "gains": gains,
                "gain": gain,
                "loses": loses,
                "loss": loss,
                "dominated_by": None if f1.dominated_by is None else opts[f1.dominated_by],
            }
        )
        vf = _value_flips(values, w, int(i), vlow, vhigh)
        found: list[dict[str, Any]] = []
        for r, j in zip(*np.nonzero(vf.possible), strict=True):
            crit = criteria[int(j)]
            if crit.id not in assessed:
                continue
            x0 = float(raw[r, j])
            v0 = float(values[r, j])
            v1 = v0 + float(vf.change[r, j])
            x1 = score_for_value(crit, v1, x0)
            if x1 is None:
                continue
            span = crit.scale.max - crit.scale.min
            found.append(
                {
                    "challenger": cid,
                    "option": opts[int(r)],
                    "criterion": crit.id,
                    "score_from": x0,
                    "score_to": x1,
                    "change": x1 - x0,
                    "relative": abs(x1 - x0) / span,
                    "value_from": v0,
                    "value_to": v1,
                }
            )
        found.sort(key=lambda d: (d["relative"], crit_ids.index(d["criterion"])))
        score_rows.extend(found[:n_score_flips])

    weight_flips = pd.DataFrame(rows).set_index("challenger")
    cols = pd.Index(crit_ids, name="criterion")

    def frame(d: dict[str, FloatArray]) -> pd.DataFrame:
        out = pd.DataFrame(
            np.array(list(d.values())).reshape(len(d), len(crit_ids)),
            index=pd.Index(list(d), name="challenger"),
            columns=cols.copy(),
        )
        return out

    score_cols = [
        "challenger",
        "option",
        "criterion",
        "score_from",
        "score_to",
        "change",
        "relative",
        "value_from",
        "value_to",
    ]
    return FlipAnalysis(
        top=opts[top],
        scores=pd.Series(scores, index=pd.Index(opts, name="option"), name="score"),
        weights=pd.Series(w, index=cols.copy(), name="weight"),
        weight_flips=weight_flips,
        new_weights_l1=frame(new_l1),
        new_weights_linf=frame(new_linf),
        score_flips=pd.DataFrame(score_rows, columns=score_cols),
        profile=cp.profile,
        scenario=cp.scenario,
        case_id=cp.case_id,
        version=__version__,
        n_score_flips=n_score_flips,
        option_names=dict(cp.option_names),
        option_labels=dict(cp.option_labels),
        criterion_names=dict(cp.criterion_names),
        criterion_labels=dict(cp.criterion_labels),
        scales={c.id: (c.scale.min, c.scale.max, c.scale.unit) for c in criteria},
    )
