"""Weighting schemes: turn judgements or data into criterion weights.

Every function validates its input (a :class:`ValueError` names the argument and
the shape or value at fault) and returns a :class:`WeightsResult` whose
``weights`` are a read-only float64 vector that is non-negative and sums to 1.

Subjective schemes
    :func:`direct`, :func:`swing`, :func:`roc`, :func:`rank_sum`,
    :func:`rank_reciprocal`, :func:`ahp`, :func:`bwm`.
Objective (data-based) schemes
    :func:`entropy`, :func:`critic`.
Value trees
    :func:`hierarchical` rolls local weights up to global leaf weights.

The numerical cores live in :mod:`policyopts._kernels.weights`; they are pure
numpy/scipy and some accept batched input.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from policyopts._kernels import weights as _k
from policyopts._validate import check_magnitude

__all__ = [
    "CR_THRESHOLD",
    "SAATY_RANDOM_INDEX",
    "Judgement",
    "WeightsResult",
    "ahp",
    "bwm",
    "critic",
    "direct",
    "entropy",
    "hierarchical",
    "rank_reciprocal",
    "rank_sum",
    "roc",
    "swing",
]

FloatArray = NDArray[np.float64]

#: Saaty's random consistency index RI(n), n = 1..15 (``SAATY_RANDOM_INDEX[n - 1]``).
SAATY_RANDOM_INDEX: tuple[float, ...] = _k.SAATY_RANDOM_INDEX

#: Saaty's acceptance threshold for the consistency ratio (CR < 0.10).
CR_THRESHOLD = 0.10

_AHP_DIAGONAL_TOL = 1e-9
_AHP_CONSISTENT_LOG_TOL = 1e-9


# ---------------------------------------------------------------------------
# Result types
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Judgement:
    """One pairwise judgement ``a_ij`` of an AHP matrix and its consistent value.

    Attributes
    ----------
    i, j : int
        Row and column (0-based, ``i < j``: the upper-triangle judgement, "how
        much more important is criterion i than criterion j").
    value : float
        The judgement as given, ``a_ij``.
    consistent_value : float
        The value that would agree with the derived weights, ``w_i / w_j``.
    ratio : float
        ``value / consistent_value = a_ij w_j / w_i`` (Saaty's
        :math:`\\varepsilon_{ij}`); 1 means the judgement is consistent, > 1
        that it overstates i against j, < 1 that it understates it.
    """

    i: int
    j: int
    value: float
    consistent_value: float
    ratio: float

    def __str__(self) -> str:
        return (
            f"a[{self.i}, {self.j}] = {self.value:.4g}; "
            f"consistent value w[{self.i}]/w[{self.j}] = {self.consistent_value:.4g}"
        )


def _empty_mapping() -> Mapping[str, Any]:
    return MappingProxyType({})


@dataclass(frozen=True, repr=False, eq=False)
class WeightsResult:
    """Result of a weighting scheme.

    Attributes
    ----------
    weights : ndarray of float64, shape (n,)
        Non-negative weights summing to 1 (read-only).
    method : str
        Name of the scheme (``"ahp"``, ``"roc"``, ...).
    lambda_max, consistency_index, consistency_ratio : float or None
        AHP only: principal eigenvalue, :math:`CI = (\\lambda_{max} - n)/(n - 1)`
        and :math:`CR = CI / RI_n`.
    is_consistent : bool or None
        AHP only: ``consistency_ratio < 0.10``.
    most_inconsistent : Judgement or None
        AHP only: the judgement that deviates most from the derived weights
        (``None`` when the matrix is consistent).
    xi : float or None
        BWM only: optimal :math:`\\xi^L` of the linear model, also its
        consistency indicator (0 = fully consistent).
    diagnostics : Mapping[str, Any]
        Read-only, method-specific intermediate results (entropies, standard
        deviations, correlation matrix, best/worst index, ...).
    """

    weights: FloatArray
    method: str
    lambda_max: float | None = None
    consistency_index: float | None = None
    consistency_ratio: float | None = None
    is_consistent: bool | None = None
    most_inconsistent: Judgement | None = None
    xi: float | None = None
    diagnostics: Mapping[str, Any] = field(default_factory=_empty_mapping)

    def __post_init__(self) -> None:
        w = np.array(self.weights, dtype=np.float64, copy=True)
        w.setflags(write=False)
        object.__setattr__(self, "weights", w)
        if not isinstance(self.diagnostics, MappingProxyType):
            object.__setattr__(self, "diagnostics", MappingProxyType(dict(self.diagnostics)))

    def __repr__(self) -> str:
        w = self.weights
        shown = ", ".join(f"{x:.4f}" for x in w[:8])
        if w.size > 8:
            shown += f", ... ({w.size} in all)"
        parts = [f"method={self.method!r}", f"weights=[{shown}]"]
        if self.lambda_max is not None:
            parts.append(f"lambda_max={self.lambda_max:.4f}")
        if self.consistency_ratio is not None:
            parts.append(f"CR={self.consistency_ratio:.4f}")
        if self.xi is not None:
            parts.append(f"xi={self.xi:.4f}")
        return f"WeightsResult({', '.join(parts)})"


# ---------------------------------------------------------------------------
# Private validation helpers
# ---------------------------------------------------------------------------


def _as_float_array(x: ArrayLike, name: str) -> FloatArray:
    try:
        arr = np.asarray(x, dtype=np.float64)
    except (TypeError, ValueError, OverflowError) as exc:
        raise ValueError(f"{name}: must be numeric and finite, got {x!r:.80}") from exc
    return arr


def _vector(x: ArrayLike, name: str, *, min_size: int = 1) -> FloatArray:
    arr = _as_float_array(x, name)
    if arr.ndim != 1:
        raise ValueError(f"{name}: must be 1-d, got shape {arr.shape}")
    if arr.size < min_size:
        raise ValueError(f"{name}: needs at least {min_size} value(s), got {arr.size}")
    bad = np.flatnonzero(~np.isfinite(arr))
    if bad.size:
        raise ValueError(f"{name}[{bad[0]}]: must be finite, got {arr[bad[0]]}")
    return arr


def _nonneg_not_all_zero(arr: FloatArray, name: str) -> None:
    neg = np.flatnonzero(arr < 0)
    if neg.size:
        raise ValueError(f"{name}[{neg[0]}]: must be >= 0, got {arr[neg[0]]}")
    if not np.any(arr > 0):
        raise ValueError(f"{name}: must not be all zero, got {arr.tolist()}")
    with np.errstate(over="ignore"):
        total = arr.sum()
    if not np.isfinite(total):
        raise ValueError(
            f"{name}: the sum overflows to inf (values too large; rescale them), "
            f"largest {arr.max():g}"
        )


def _matrix(x: ArrayLike, name: str, *, min_rows: int = 1) -> FloatArray:
    arr = _as_float_array(x, name)
    if arr.ndim != 2:
        raise ValueError(f"{name}: must be 2-d (alternatives x criteria), got shape {arr.shape}")
    if arr.shape[0] < min_rows or arr.shape[1] < 1:
        raise ValueError(
            f"{name}: needs at least {min_rows} rows and 1 column, got shape {arr.shape}"
        )
    bad = np.argwhere(~np.isfinite(arr))
    if bad.size:
        i, j = (int(v) for v in bad[0])
        raise ValueError(f"{name}[{i}, {j}]: must be finite, got {arr[i, j]}")
    check_magnitude(arr, name)
    return arr


_TYPE_WORDS = {"benefit": 1, "max": 1, "cost": -1, "min": -1}


def _types(types: ArrayLike, n: int, name: str = "types") -> NDArray[np.bool_]:
    """Parse criterion types to a boolean cost mask of length n."""
    raw = np.asarray(types, dtype=object)
    if raw.ndim != 1 or raw.shape[0] != n:
        raise ValueError(f"{name}: need one entry per criterion ({n}), got shape {raw.shape}")
    out = np.empty(n, dtype=bool)
    for j, item in enumerate(raw):
        t = item.item() if isinstance(item, np.generic) else item
        if isinstance(t, str):
            code = _TYPE_WORDS.get(t.lower())
        elif isinstance(t, (int, float)) and not isinstance(t, bool) and t in (1, -1):
            code = int(t)
        else:
            code = None
        if code is None:
            raise ValueError(f"{name}[{j}]: must be 1/-1 or 'benefit'/'cost', got {t!r}")
        out[j] = code == -1
    return out


def _ranks(ranks: ArrayLike) -> NDArray[np.int64]:
    arr = _vector(ranks, "ranks")
    frac = np.flatnonzero(arr != np.round(arr))
    if frac.size:
        raise ValueError(f"ranks[{frac[0]}]: must be an integer, got {arr[frac[0]]}")
    low = np.flatnonzero(arr < 1)
    if low.size:
        raise ValueError(f"ranks[{low[0]}]: must be >= 1 (1 = most important), got {arr[low[0]]}")
    return arr.astype(np.int64)


# ---------------------------------------------------------------------------
# Direct and swing weights
# ---------------------------------------------------------------------------


def direct(weights: ArrayLike) -> WeightsResult:
    """Normalise directly assessed weights to sum 1.

    .. math:: w_j = \\frac{v_j}{\\sum_k v_k}

    The numbers may be on any ratio scale (percentages, points, ...); direct
    rating / point allocation as described by von Winterfeldt & Edwards (1986,
    ch. 8).

    Parameters
    ----------
    weights : array_like, shape (n,)
        Non-negative, finite, not all zero.

    Returns
    -------
    WeightsResult
        ``method="direct"``.

    Examples
    --------
    >>> direct([2, 1, 1])
    WeightsResult(method='direct', weights=[0.5000, 0.2500, 0.2500])
    """
    v = _vector(weights, "weights")
    _nonneg_not_all_zero(v, "weights")
    return WeightsResult(weights=v / v.sum(), method="direct")


def swing(points: ArrayLike) -> WeightsResult:
    """Swing weights (von Winterfeldt & Edwards, 1986; Edwards & Barron, 1994).

    The decision maker imagines every criterion at its worst level, picks the
    criterion whose swing from worst to best matters most and gives it 100
    points, then scores the other swings relative to it (0-100). Weights are

    .. math:: w_j = \\frac{p_j}{\\sum_k p_k}

    and are therefore invariant to a common rescaling of the points.

    Parameters
    ----------
    points : array_like, shape (n,)
        Swing points in [0, 100], finite, not all zero. The most important
        swing is usually 100, but this is not enforced.

    Returns
    -------
    WeightsResult
        ``method="swing"``; ``diagnostics["points"]`` holds the points.

    Examples
    --------
    >>> swing([100, 80, 20])
    WeightsResult(method='swing', weights=[0.5000, 0.4000, 0.1000])
    """
    p = _vector(points, "points")
    _nonneg_not_all_zero(p, "points")
    over = np.flatnonzero(p > 100)
    if over.size:
        raise ValueError(f"points[{over[0]}]: swing points must be <= 100, got {p[over[0]]}")
    return WeightsResult(weights=p / p.sum(), method="swing", diagnostics={"points": p})


# ---------------------------------------------------------------------------
# Rank-order weights
# ---------------------------------------------------------------------------


def _rank_result(ranks: ArrayLike, scheme: _k.RankScheme) -> WeightsResult:
    r = _ranks(ranks)
    return WeightsResult(
        weights=_k.rank_weights(r, scheme), method=scheme, diagnostics={"ranks": r}
    )


_TIES_NOTE = """
    Only the order of the ranks matters: rank 1 is the most important
    criterion. Ties are allowed, in competition (1, 2, 2, 4) or dense
    (1, 2, 2, 3) notation alike: the tied criteria occupy consecutive
    positions and each gets the mean of those positions' weights, e.g. ranks
    (1, 2, 2, 3) give the second and third criteria ``(w(2) + w(3)) / 2``
    each. Weights of a strict ranking need no normalisation; with ties they
    still sum to 1."""


def roc(ranks: ArrayLike) -> WeightsResult:
    """Rank order centroid weights (Barron & Barrett, 1996).

    For position k of n (1 = most important),

    .. math:: w(k) = \\frac{1}{n} \\sum_{i=k}^{n} \\frac{1}{i}

    the centroid of the simplex of weight vectors compatible with the ranking
    (also credited to Solymosi & Dombi, 1985).
    {ties}

    Parameters
    ----------
    ranks : array_like of int, shape (n,)
        Positive integers, 1 = most important.

    Returns
    -------
    WeightsResult
        ``method="roc"``.

    Examples
    --------
    >>> roc([1, 2, 3, 4])
    WeightsResult(method='roc', weights=[0.5208, 0.2708, 0.1458, 0.0625])
    >>> roc([2, 1, 2])  # two criteria tied for second place
    WeightsResult(method='roc', weights=[0.1944, 0.6111, 0.1944])
    """
    return _rank_result(ranks, "roc")


def rank_sum(ranks: ArrayLike) -> WeightsResult:
    """Rank sum weights (Stillwell, Seaver & Edwards, 1981).

    For position k of n (1 = most important),

    .. math:: w(k) = \\frac{2 (n + 1 - k)}{n (n + 1)}
    {ties}

    Parameters
    ----------
    ranks : array_like of int, shape (n,)
        Positive integers, 1 = most important.

    Returns
    -------
    WeightsResult
        ``method="rank_sum"``.

    Examples
    --------
    >>> rank_sum([1, 2, 3, 4])
    WeightsResult(method='rank_sum', weights=[0.4000, 0.3000, 0.2000, 0.1000])
    """
    return _rank_result(ranks, "rank_sum")


def rank_reciprocal(ranks: ArrayLike) -> WeightsResult:
    """Rank reciprocal weights (Stillwell, Seaver & Edwards, 1981).

    For position k of n (1 = most important),

    .. math:: w(k) = \\frac{1/k}{\\sum_{i=1}^{n} 1/i}
    {ties}

    Parameters
    ----------
    ranks : array_like of int, shape (n,)
        Positive integers, 1 = most important.

    Returns
    -------
    WeightsResult
        ``method="rank_reciprocal"``.

    Examples
    --------
    >>> rank_reciprocal([1, 2, 3, 4])
    WeightsResult(method='rank_reciprocal', weights=[0.4800, 0.2400, 0.1600, 0.1200])
    """
    return _rank_result(ranks, "rank_reciprocal")


for _f in (roc, rank_sum, rank_reciprocal):
    if _f.__doc__:
        _f.__doc__ = _f.__doc__.replace("{ties}", _TIES_NOTE)
del _f


# ---------------------------------------------------------------------------
# AHP
# ---------------------------------------------------------------------------


def _validate_pairwise(a: FloatArray, rtol: float) -> None:
    if a.ndim != 2 or a.shape[0] != a.shape[1]:
        raise ValueError(f"pairwise: must be a square (n, n) matrix, got shape {a.shape}")
    n = a.shape[0]
    if n < 1:
        raise ValueError("pairwise: must have at least one row, got shape (0, 0)")
    if n > len(SAATY_RANDOM_INDEX):
        raise ValueError(
            f"pairwise: at most {len(SAATY_RANDOM_INDEX)} criteria (Saaty's random index is "
            f"tabulated for n <= {len(SAATY_RANDOM_INDEX)}), got n = {n}; split the criteria "
            "into a value tree and use hierarchical()"
        )
    bad = np.argwhere(~np.isfinite(a))
    if bad.size:
        i, j = (int(v) for v in bad[0])
        raise ValueError(f"pairwise[{i}, {j}]: must be finite, got {a[i, j]}")
    bad = np.argwhere(a <= 0)
    if bad.size:
        i, j = (int(v) for v in bad[0])
        raise ValueError(f"pairwise[{i}, {j}]: must be > 0, got {a[i, j]}")
    diag = np.diagonal(a)
    off = np.flatnonzero(np.abs(diag - 1.0) > _AHP_DIAGONAL_TOL)
    if off.size:
        i = int(off[0])
        raise ValueError(f"pairwise[{i}, {i}]: diagonal must be 1, got {a[i, i]}")
    prod = a * a.T
    bad = np.argwhere(np.triu(np.abs(prod - 1.0) > rtol, k=1))
    if bad.size:
        i, j = (int(v) for v in bad[0])
        raise ValueError(
            f"pairwise[{i}, {j}] and pairwise[{j}, {i}]: not reciprocal, got "
            f"{a[i, j]:.6g} and {a[j, i]:.6g} (expected {a[j, i]:.6g} = 1/{a[i, j]:.6g}"
            f" = {1.0 / a[i, j]:.6g}, product {prod[i, j]:.6g} differs from 1 by more "
            f"than reciprocal_rtol={rtol:g})"
        )


def ahp(pairwise: ArrayLike, *, reciprocal_rtol: float = 0.05) -> WeightsResult:
    """Analytic hierarchy process weights: Saaty's principal eigenvector.

    The weights are the principal right (Perron) eigenvector of the positive
    reciprocal matrix :math:`A`, normalised to sum 1 (Saaty, 1977; 1980):

    .. math:: A w = \\lambda_{max} w, \\qquad
              CI = \\frac{\\lambda_{max} - n}{n - 1}, \\qquad
              CR = \\frac{CI}{RI_n}

    with Saaty's random index :math:`RI_n` (:data:`SAATY_RANDOM_INDEX`:
    0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56,
    1.57, 1.59 for n = 1..15). CR is defined as 0 for n <= 2 (every such
    matrix is consistent); judgements are conventionally acceptable when
    CR < 0.10 (Saaty, 1980). CI is clipped at 0 (``lambda_max >= n`` holds
    in exact arithmetic).

    ``most_inconsistent`` points a facilitator to the judgement to revisit:
    the upper-triangle entry with the largest
    :math:`|\\ln \\varepsilon_{ij}|`, :math:`\\varepsilon_{ij} = a_{ij} w_j / w_i`
    (all :math:`\\varepsilon_{ij} = 1` for a consistent matrix), together with
    the consistent value :math:`w_i / w_j` -- the judgement-revision heuristic
    of Saaty (2003, EJOR 145) and, via the sensitivity of
    :math:`\\lambda_{max}`, Harker (1987).

    Parameters
    ----------
    pairwise : array_like, shape (n, n)
        Positive reciprocal matrix, ``pairwise[i, j]`` = how many times more
        important criterion i is than criterion j (Saaty's 1-9 scale and
        reciprocals), diagonal 1, ``1 <= n <= 15``. Only a single matrix is
        accepted; batches of shape (..., n, n) can be passed to the kernel
        :func:`policyopts._kernels.weights.ahp_eigen`.
    reciprocal_rtol : float, default 0.05
        Tolerance on ``pairwise[i, j] * pairwise[j, i] == 1``. The default
        accepts reciprocals rounded to two decimals (0.33, 0.14, 0.13) and
        still catches typos: neighbouring values of Saaty's scale differ by
        10 % or more.

    Returns
    -------
    WeightsResult
        ``method="ahp"`` with ``lambda_max``, ``consistency_index``,
        ``consistency_ratio``, ``is_consistent`` and ``most_inconsistent``;
        ``diagnostics`` holds ``random_index`` and the matrix of
        :math:`\\varepsilon_{ij}` (``"ratios"``).

    Raises
    ------
    ValueError
        If the matrix is not square, has non-positive or non-finite entries, a
        diagonal entry other than 1, a non-reciprocal pair (the message names
        both cells and values), or more than 15 rows.

    References
    ----------
    Saaty, T. L. (1977). A scaling method for priorities in hierarchical
    structures. J. Math. Psychol. 15(3), 234-281.
    Saaty, T. L. (1980). The Analytic Hierarchy Process. McGraw-Hill.
    Saaty, T. L. (2003). Decision-making with the AHP: why is the principal
    eigenvector necessary. Eur. J. Oper. Res. 145(1), 85-91.
    Harker, P. T. (1987). Derivatives of the Perron root of a positive
    reciprocal matrix: with application to the analytic hierarchy process.
    Appl. Math. Comput. 22(2-3), 217-232.

    Examples
    --------
    >>> res = ahp([[1, 3, 5], [1 / 3, 1, 3], [1 / 5, 1 / 3, 1]])
    >>> res
    WeightsResult(method='ahp', weights=[0.6370, 0.2583, 0.1047], lambda_max=3.0385, CR=0.0332)
    >>> res.is_consistent
    True

    A doubling scale 1 : 2 : 4 : 8 with one judgement out of line
    (``a[0, 3] = 2`` instead of 8):

    >>> res = ahp([[1, 2, 4, 2], [1 / 2, 1, 2, 4], [1 / 4, 1 / 2, 1, 2], [1 / 2, 1 / 4, 1 / 2, 1]])
    >>> round(res.consistency_ratio, 4)
    0.0923
    >>> print(res.most_inconsistent)
    a[0, 3] = 2; consistent value w[0]/w[3] = 3.862
    """
    a = _as_float_array(pairwise, "pairwise")
    if not (np.isfinite(reciprocal_rtol) and reciprocal_rtol >= 0):
        raise ValueError(f"reciprocal_rtol: must be a finite number >= 0, got {reciprocal_rtol!r}")
    _validate_pairwise(a, reciprocal_rtol)
    n = a.shape[0]
    w, lam_arr = _k.ahp_eigen(a)
    lam = float(lam_arr)
    ri = SAATY_RANDOM_INDEX[n - 1]
    if n <= 2:
        ci = 0.0
        cr = 0.0
    else:
        ci = max((lam - n) / (n - 1), 0.0)
        cr = ci / ri
    ratios = _k.ahp_ratio_matrix(a, w)
    most: Judgement | None = None
    if n >= 3:
        dev = np.abs(np.log(ratios))
        iu, ju = np.triu_indices(n, k=1)
        k = int(np.argmax(dev[iu, ju]))
        i, j = int(iu[k]), int(ju[k])
        if dev[i, j] > _AHP_CONSISTENT_LOG_TOL:
            most = Judgement(
                i=i,
                j=j,
                value=float(a[i, j]),
                consistent_value=float(w[i] / w[j]),
                ratio=float(ratios[i, j]),
            )
    return WeightsResult(
        weights=w,
        method="ahp",
        lambda_max=lam,
        consistency_index=ci,
        consistency_ratio=cr,
        is_consistent=bool(cr < CR_THRESHOLD),
        most_inconsistent=most,
        diagnostics={"random_index": ri, "ratios": ratios},
    )


# ---------------------------------------------------------------------------
# Best-worst method
# ---------------------------------------------------------------------------


def _bwm_vector(x: ArrayLike, name: str) -> FloatArray:
    v = _vector(x, name, min_size=2)
    bad = np.flatnonzero((v < 1) | (v > 9))
    if bad.size:
        raise ValueError(f"{name}[{bad[0]}]: must lie in [1, 9], got {v[bad[0]]}")
    return v


def _bwm_index(v: FloatArray, given: int | None, name: str, vec_name: str) -> int:
    n = v.shape[0]
    if given is None:
        ones = np.flatnonzero(v == 1)
        if ones.size != 1:
            raise ValueError(
                f"{name}: cannot infer it from {vec_name}, which has {ones.size} entries "
                f"equal to 1 ({ones.tolist()}); pass {name}= explicitly"
            )
        return int(ones[0])
    if isinstance(given, bool) or not isinstance(given, (int, np.integer)):
        raise ValueError(f"{name}: must be an integer index, got {given!r}")
    idx = int(given)
    if not 0 <= idx < n:
        raise ValueError(f"{name}: index out of range for {n} criteria, got {idx}")
    if v[idx] != 1:
        raise ValueError(f"{vec_name}[{idx}]: must be 1 for the {name} criterion, got {v[idx]}")
    return idx


def bwm(
    best_to_others: ArrayLike,
    others_to_worst: ArrayLike,
    *,
    best: int | None = None,
    worst: int | None = None,
) -> WeightsResult:
    """Best-worst method weights, linear model (Rezaei, 2016).

    The decision maker names the best (most important) criterion B and the
    worst (least important) W, then gives ``a_Bj`` (how much more important B
    is than j) and ``a_jW`` (how much more important j is than W) on a 1-9
    scale. The weights solve the linear programme

    .. math::
        \\min \\xi^L \\ \\text{s.t.}\\ |w_B - a_{Bj} w_j| \\le \\xi^L,\\
        |w_j - a_{jW} w_W| \\le \\xi^L\\ \\forall j,\\ \\sum_j w_j = 1,\\ w \\ge 0

    (Rezaei, 2016, model (19)), solved with :func:`scipy.optimize.linprog`
    (HiGHS). Unlike the non-linear model of Rezaei (2015) its solution is
    unique.

    Consistency: ``xi`` is :math:`\\xi^L`, which Rezaei (2016) uses directly
    as the consistency indicator of the linear model (0 = fully consistent,
    i.e. :math:`a_{Bj} a_{jW} = a_{BW}` for all j; larger = less consistent).
    No consistency ratio is reported: the consistency-index table of Rezaei
    (2015) bounds :math:`\\xi^*` of the non-linear model and does not apply to
    :math:`\\xi^L`, which is on the scale of the weights.

    Parameters
    ----------
    best_to_others : array_like, shape (n,)
        ``a_Bj`` in [1, 9], ``a_BB = 1``; n >= 2.
    others_to_worst : array_like, shape (n,)
        ``a_jW`` in [1, 9], ``a_WW = 1``; ``others_to_worst[best]`` must equal
        ``best_to_others[worst]`` (both are :math:`a_{BW}`).
    best, worst : int, optional
        0-based indices of B and W. Inferred as the single entry equal to 1 of
        ``best_to_others`` (``others_to_worst``) when omitted; required when
        several criteria share the value 1.

    Returns
    -------
    WeightsResult
        ``method="bwm"`` with ``xi``; ``diagnostics`` holds ``best``,
        ``worst`` and ``a_bw``.

    References
    ----------
    Rezaei, J. (2015). Best-worst multi-criteria decision-making method.
    Omega 53, 49-57.
    Rezaei, J. (2016). Best-worst multi-criteria decision-making method: some
    properties and a linear model. Omega 64, 126-130.

    Examples
    --------
    >>> bwm([2, 1, 4, 2, 8], [4, 8, 2, 4, 1])  # consistent: xi = 0
    WeightsResult(method='bwm', weights=[0.2105, 0.4211, 0.1053, 0.2105, 0.0526], xi=0.0000)
    """
    a_b = _bwm_vector(best_to_others, "best_to_others")
    a_w = _bwm_vector(others_to_worst, "others_to_worst")
    if a_w.shape != a_b.shape:
        raise ValueError(
            f"others_to_worst: must have the same length as best_to_others ({a_b.size}), "
            f"got {a_w.size}"
        )
    b = _bwm_index(a_b, best, "best", "best_to_others")
    w = _bwm_index(a_w, worst, "worst", "others_to_worst")
    if b == w:
        raise ValueError(f"best, worst: must be different criteria, both are {b}")
    if a_b[w] != a_w[b]:
        raise ValueError(
            f"others_to_worst[{b}]: a_BW must match best_to_others[{w}] = {a_b[w]:g} "
            f"(both compare the best with the worst criterion), got {a_w[b]:g}"
        )
    weights, xi = _k.bwm_linear(a_b, a_w, b, w)
    return WeightsResult(
        weights=weights,
        method="bwm",
        xi=xi,
        diagnostics={"best": b, "worst": w, "a_bw": float(a_b[w])},
    )


# ---------------------------------------------------------------------------
# Objective weights
# ---------------------------------------------------------------------------


def entropy(
    matrix: ArrayLike,
    types: ArrayLike | None = None,
    *,
    normalization: Literal["sum", "minmax"] = "sum",
) -> WeightsResult:
    """Shannon-entropy weights (Hwang & Yoon, 1981; Zeleny, 1982).

    .. math::
        p_{ij} = \\frac{x_{ij}}{\\sum_i x_{ij}}, \\quad
        E_j = -\\frac{1}{\\ln m} \\sum_i p_{ij} \\ln p_{ij}\\ (0 \\ln 0 = 0), \\quad
        d_j = 1 - E_j, \\quad w_j = \\frac{d_j}{\\sum_k d_k}

    A criterion whose values are spread unevenly across the m alternatives
    carries more information and gets more weight.

    Cost criteria: with the default ``normalization="sum"`` the proportions
    are taken of the raw data and ``types`` is not used (it is validated if
    given). Entropy measures dispersion, not direction; this is the form of
    Hwang & Yoon (1981) and reproduces the published examples of Xu (2004)
    and Zavadskas & Podvezko (2016). With ``normalization="minmax"`` each
    column is first min-max normalised to a benefit scale using ``types``
    (required), then :math:`p_{ij} = r_{ij} / \\sum_i r_{ij}` (the variant in
    e.g. Krishnan et al., 2021); this also accepts negative data.

    Constant columns (including all-zero ones) have :math:`E_j = 1`, so
    :math:`d_j = 0` and weight 0. If every column is constant the weights are
    equal (``diagnostics["fallback"] == "equal"``) -- never NaN.

    Parameters
    ----------
    matrix : array_like, shape (m, n)
        Alternatives in rows, criteria in columns, m >= 2; non-negative for
        ``normalization="sum"``, finite.
    types : array_like, shape (n,), optional
        +1/"benefit" or -1/"cost" per criterion; only used by ``"minmax"``.
    normalization : {"sum", "minmax"}
        See above.

    Returns
    -------
    WeightsResult
        ``method="entropy"``; ``diagnostics`` holds ``entropy`` (E) and
        ``diversification`` (d).

    References
    ----------
    Hwang, C.-L. & Yoon, K. (1981). Multiple Attribute Decision Making.
    Springer, LNEMS 186.
    Zeleny, M. (1982). Multiple Criteria Decision Making. McGraw-Hill.

    Examples
    --------
    >>> entropy([[30, 30, 38], [19, 54, 86], [19, 15, 85], [68, 70, 60]])
    WeightsResult(method='entropy', weights=[0.4630, 0.3992, 0.1378])
    """
    x = _matrix(matrix, "matrix", min_rows=2)
    n = x.shape[1]
    cost = _types(types, n) if types is not None else None
    if normalization == "sum":
        neg = np.argwhere(x < 0)
        if neg.size:
            i, j = (int(v) for v in neg[0])
            raise ValueError(
                f"matrix[{i}, {j}]: must be >= 0 for normalization='sum', got {x[i, j]} "
                "(use normalization='minmax' for data with negative values)"
            )
        data = x
    elif normalization == "minmax":
        if cost is None:
            raise ValueError("types: required for normalization='minmax'")
        data = _k.minmax_benefit(x, cost)
    else:
        raise ValueError(f"normalization: must be 'sum' or 'minmax', got {normalization!r}")
    w, e, d = _k.entropy_weights(data)
    diag: dict[str, Any] = {"entropy": e, "diversification": d, "normalization": normalization}
    if not np.any(d > 0):
        diag["fallback"] = "equal"
    return WeightsResult(weights=w, method="entropy", diagnostics=diag)


def critic(matrix: ArrayLike, types: ArrayLike) -> WeightsResult:
    """CRITIC weights (Diakoulaki, Mavrotas & Papayannakis, 1995).

    Each column is min-max normalised to a benefit scale,
    :math:`r_{ij} = (x_{ij} - x_j^{min}) / (x_j^{max} - x_j^{min})` for
    benefit and :math:`(x_j^{max} - x_{ij}) / (x_j^{max} - x_j^{min})` for cost
    criteria; then

    .. math::
        C_j = \\sigma_j \\sum_{k=1}^{n} (1 - r_{jk}), \\qquad
        w_j = \\frac{C_j}{\\sum_k C_k}

    with :math:`\\sigma_j` the standard deviation of column j and
    :math:`r_{jk}` the Pearson correlation of columns j and k: a criterion
    gets weight for contrast (spread) and for conflict with the others.

    :math:`\\sigma_j` is the sample standard deviation (ddof = 1), as in
    pymcdm and Excel's STDEV; the weights do not depend on this choice (both
    conventions scale every :math:`\\sigma_j` by the same factor).

    Constant columns have no contrast and undefined correlations: they get
    weight 0 and are left out of the correlation sums, so the other weights
    are those of CRITIC on the matrix without them. If no column has positive
    information (all constant, a single non-constant column, or all
    perfectly correlated) the non-constant columns share the weight equally
    (``diagnostics["fallback"] == "equal"``) -- never NaN.

    Parameters
    ----------
    matrix : array_like, shape (m, n)
        Alternatives in rows, criteria in columns, m >= 2, finite (any sign).
    types : array_like, shape (n,)
        +1/"benefit" or -1/"cost" per criterion.

    Returns
    -------
    WeightsResult
        ``method="critic"``; ``diagnostics`` holds ``sigma``, ``correlation``
        and ``information`` (C).

    References
    ----------
    Diakoulaki, D., Mavrotas, G. & Papayannakis, L. (1995). Determining
    objective weights in multiple criteria problems: the CRITIC method.
    Comput. Oper. Res. 22(7), 763-770.

    Examples
    --------
    >>> critic([[1, 5, 3], [2, 3, 3.5], [4, 4, 1], [3, 1, 2]], [1, 1, -1])
    WeightsResult(method='critic', weights=[0.2867, 0.4704, 0.2429])
    """
    x = _matrix(matrix, "matrix", min_rows=2)
    cost = _types(types, x.shape[1])
    r = _k.minmax_benefit(x, cost)
    w, sigma, corr, info = _k.critic_weights(r)
    diag: dict[str, Any] = {"sigma": sigma, "correlation": corr, "information": info}
    if not np.any(info > 0):
        diag["fallback"] = "equal"
    return WeightsResult(weights=w, method="critic", diagnostics=diag)


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
