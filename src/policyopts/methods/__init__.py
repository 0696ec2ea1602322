"""Batched MCDA methods: WSM, WPM, TOPSIS, VIKOR and PROMETHEE II.

Every method takes a decision ``matrix`` of shape ``(..., m, n)`` (``m >= 2``
alternatives in rows, ``n`` criteria in columns), ``weights`` of shape ``(..., n)``
and ``types`` of shape ``(n,)`` with +1 for a benefit criterion (larger is better)
and -1 for a cost criterion (smaller is better).  Leading axes are *samples*:
they broadcast between ``matrix`` and ``weights``, so one call scores a matrix
under 100,000 weight draws (``matrix (m, n)``, ``weights (100000, n)`` -> scores
``(100000, m)``), or a stack of perturbed matrices (``matrix (S, m, n)`` with
``weights (S, n)`` or ``(n,)``).  No method loops over samples in Python.

Weights must be finite, non-negative and not all zero; each weight vector is
divided by its sum, so multiplying the weights by a positive constant changes
nothing.  Bad input raises :class:`ValueError` naming the argument at fault.

Each method returns a :class:`MethodResult` with ``scores``, competition
``ranks`` (1 = best; ties share the best rank of the tie, e.g. 1, 2, 2, 4; scores
equal up to a relative 1e-12 of the sample's largest |score| tie), the direction
``higher_is_better`` and method-specific ``extras``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from policyopts import _validate as V
from policyopts._kernels import aggregate as _agg
from policyopts._kernels import normalize as _norm
from policyopts._kernels.rank import rank as _rank

__all__ = [
    "METHODS",
    "NORMALIZATIONS",
    "PREFERENCE_FUNCTIONS",
    "MethodResult",
    "available",
    "evaluate",
    "get_method",
    "normalize",
    "promethee_ii",
    "topsis",
    "vikor",
    "wpm",
    "wsm",
]

#: Names of the column normalisations (see :func:`normalize`).
NORMALIZATIONS: tuple[str, ...] = tuple(_norm.NORMALIZATIONS)
#: Names of the PROMETHEE preference functions (see :func:`promethee_ii`).
PREFERENCE_FUNCTIONS: tuple[str, ...] = tuple(_agg.PREFERENCE_FUNCTIONS)

FloatArray = NDArray[np.float64]

_EMPTY: Mapping[str, FloatArray] = MappingProxyType({})


def _frozen(a: NDArray[Any]) -> NDArray[Any]:
    a = np.ascontiguousarray(a)
    a.setflags(write=False)
    return a


def _describe(a: NDArray[Any]) -> str:
    if a.ndim <= 1 and a.size <= 12:
        return np.array2string(a, precision=4, separator=", ", suppress_small=True)
    return "<" + f"{a.dtype} array of shape {a.shape}>"


@dataclass(frozen=True, eq=False, repr=False)
class MethodResult:
    """Result of an MCDA method.

    Attributes
    ----------
    scores : ndarray of float64, shape (..., m)
        One score per alternative (and sample).  Read-only.
    ranks : ndarray of int64, shape (..., m)
        Competition ranks, 1 = best; ties share the best rank of the tie.  Read-only.
    higher_is_better : bool
        Direction of ``scores`` (False for VIKOR's Q).
    method : str
        Method name, a key of :data:`METHODS`.
    normalization : str or None
        Column normalisation used, or None when the method works on raw values.
    extras : Mapping[str, ndarray]
        Read-only mapping of further per-alternative arrays (same shape as
        ``scores``): TOPSIS ``d_plus``/``d_minus``, VIKOR ``S``/``R``,
        PROMETHEE II ``phi_plus``/``phi_minus``.
    """

    scores: FloatArray
    ranks: NDArray[np.int64]
    higher_is_better: bool
    method: str
    normalization: str | None = None
    extras: Mapping[str, FloatArray] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "scores", _frozen(self.scores))
        object.__setattr__(self, "ranks", _frozen(self.ranks))
        extras = {str(k): _frozen(np.asarray(v)) for k, v in self.extras.items()}
        object.__setattr__(self, "extras", MappingProxyType(extras))

    @property
    def shape(self) -> tuple[int, ...]:
        """Shape of ``scores``: ``(*samples, m)``."""
        return tuple(self.scores.shape)

    def __repr__(self) -> str:
        return (
            f"MethodResult(method={self.method!r}, normalization={self.normalization!r}, "
            f"higher_is_better={self.higher_is_better}, scores={_describe(self.scores)}, "
            f"ranks={_describe(self.ranks)}, extras={list(self.extras)})"
        )


# --- shared validation ------------------------------------------------------------------


def _prepare(
    matrix: ArrayLike, weights: ArrayLike, types: ArrayLike
) -> tuple[FloatArray, FloatArray, FloatArray]:
    m_arr = V.as_matrix(matrix, "matrix")
    n = m_arr.shape[-1]
    t_arr = V.as_types(types, n, "types")
    w_arr = V.as_weights(weights, n, "weights")
    V.broadcast_batch(m_arr.shape, w_arr.shape)
    return m_arr, w_arr, t_arr


def _check_domain(matrix: FloatArray, normalization: str | None) -> None:
    if normalization in ("max", "sum"):
        V.check_positive_entries(
            matrix, "matrix", strict=False, reason=f"for normalization {normalization!r}"
        )
        # these divide by the entries (cost columns): a tiny one overflows
        V.check_not_tiny(matrix, "matrix", reason=f"for normalization {normalization!r}")


def _result(
    scores: FloatArray,
    higher_is_better: bool,
    method: str,
    normalization: str | None,
    extras: Mapping[str, FloatArray] = _EMPTY,
) -> MethodResult:
    if not np.isfinite(scores).all():
        index = tuple(int(i) for i in np.argwhere(~np.isfinite(scores))[0])
        raise ValueError(
            f"matrix: {method} scores overflow (not finite at {list(index)}); "
            "entries too large or too close to zero: rescale the units"
        )
    ranks = _rank(scores, higher_is_better=higher_is_better)
    return MethodResult(scores, ranks, higher_is_better, method, normalization, extras)


# --- public API ---------------------------------------------------------------------------


def normalize(matrix: ArrayLike, types: ArrayLike, method: str = "minmax") -> FloatArray:
    """Normalise each column of ``matrix`` to a benefit scale (larger is better).

    Parameters
    ----------
    matrix : array_like, shape (..., m, n)
        Decision matrix; leading axes are samples.
    types : array_like, shape (n,)
        +1 for benefit, -1 for cost criteria.
    method : {"minmax", "max", "sum", "vector"}
        ============  ==========================  =============================
        method        benefit column              cost column
        ============  ==========================  =============================
        ``"minmax"``  (x - min) / (max - min)     (max - x) / (max - min)
        ``"max"``     x / max                     min / x
        ``"sum"``     x / sum(x)                  (1/x) / sum(1/x)
        ``"vector"``  x / ||x||                   1 - x / ||x||
        ============  ==========================  =============================

        ``"max"`` and ``"sum"`` are ratio scales and need non-negative entries.

    Returns
    -------
    ndarray of float64, shape (..., m, n)

    Notes
    -----
    Degenerate columns never divide by zero and never produce NaN; each rule gives
    every alternative the same value (so the column cannot change a ranking) or is
    the continuous limit of the formula:

    - ``"minmax"``: a constant column maps to 1.0 for every alternative.
    - ``"max"``: an all-zero benefit column maps to 1.0; in a cost column an entry
      equal to 0 maps to 1.0 (it is the best) and, if the minimum is 0, every other
      entry maps to 0.0.
    - ``"sum"``: an all-zero benefit column maps to 1/m each; a cost column with
      ``k`` zero entries maps them to 1/k and the others to 0.0.
    - ``"vector"``: an all-zero column is treated like a non-zero constant column:
      benefit 1/sqrt(m), cost 1 - 1/sqrt(m).

    Examples
    --------
    >>> print(normalize([[1, 10], [3, 30], [2, 20]], [1, -1]))
    [[0.  1. ]
     [1.  0. ]
     [0.5 0.5]]
    >>> print(normalize([[1, 7], [3, 7]], [1, 1]))  # constant column -> 1.0
    [[0. 1.]
     [1. 1.]]
    """
    method = V.check_choice(method, NORMALIZATIONS, "method")
    m_arr = V.as_matrix(matrix, "matrix", min_alternatives=1)
    t_arr = V.as_types(types, m_arr.shape[-1], "types")
    _check_domain(m_arr, method)
    return _norm.normalize(m_arr, t_arr, method)


def wsm(
    matrix: ArrayLike,
    weights: ArrayLike,
    types: ArrayLike,
    *,
    normalization: str | None = "minmax",
) -> MethodResult:
    r"""Weighted sum model (simple additive weighting).

    .. math:: A_i = \sum_j w_j \, r_{ij}

    where :math:`r` is the matrix normalised column-wise to a benefit scale
    (see :func:`normalize`) and the weights are normalised to sum 1.

    Parameters
    ----------
    matrix : array_like, shape (..., m, n)
        Decision matrix, alternatives in rows, criteria in columns.
    weights : array_like, shape (..., n)
        Non-negative criterion weights (rescaled to sum 1 per sample).
    types : array_like, shape (n,)
        +1 for benefit, -1 for cost criteria.
    normalization : {"minmax", "max", "sum", "vector"} or None, default "minmax"
        Column normalisation.  ``None`` uses the raw values, which is only
        meaningful when all criteria share one unit (the classic WSM); cost
        criteria then enter with a negative sign, :math:`r_{ij} = t_j x_{ij}`.

    Returns
    -------
    MethodResult
        ``scores`` of shape ``(..., m)``, higher is better; no extras.

    References
    ----------
    Fishburn, P. C. (1967). Additive utilities with incomplete product sets:
    application to priorities and assignments. Operations Research, 15(3), 537-542.
    Triantaphyllou, E. (2000). Multi-Criteria Decision Making Methods: A Comparative
    Study. Kluwer, ch. 2.

    Examples
    --------
    >>> r = wsm([[250, 16], [200, 32], [300, 32]], [0.6, 0.4], [-1, 1])
    >>> print(r.scores.round(4))
    [0.3 1.  0.4]
    >>> print(r.ranks)
    [3 1 2]
    """
    norm = V.check_choice(normalization, (*NORMALIZATIONS, None), "normalization")
    m_arr, w_arr, t_arr = _prepare(matrix, weights, types)
    _check_domain(m_arr, norm)
    scores = _agg.wsm(m_arr, w_arr, t_arr, norm)
    return _result(scores, True, "wsm", norm)


def wpm(
    matrix: ArrayLike,
    weights: ArrayLike,
    types: ArrayLike,
    *,
    normalization: str | None = "sum",
) -> MethodResult:
    r"""Weighted product model.

    .. math:: A_i = \prod_j r_{ij}^{\,w_j} = \exp\Big(\sum_j w_j \log r_{ij}\Big)

    computed in log space for stability, with :math:`r` the normalised matrix and
    weights summing to 1 (so the score is a weighted geometric mean).

    Parameters
    ----------
    matrix : array_like, shape (..., m, n)
        Decision matrix.  WPM is a ratio-scale method: every entry must be > 0.
    weights : array_like, shape (..., n)
        Non-negative criterion weights (rescaled to sum 1 per sample).
    types : array_like, shape (n,)
        +1 for benefit, -1 for cost criteria.
    normalization : {"sum", "max", "minmax", "vector"} or None, default "sum"
        Column normalisation.  ``None`` is the classic Bridgman / Miller-Starr
        form on the raw values, cost criteria entering with a negative exponent:
        :math:`A_i = \prod_j x_{ij}^{\,t_j w_j}`.  Since ``"sum"`` and ``"max"``
        divide each column by a constant, they give the same ranking as ``None``
        and the same ratios :math:`A_K / A_L` for benefit criteria.  With
        ``"minmax"`` the worst alternative of a criterion gets 0, so any
        alternative that is worst on a positively weighted criterion scores 0
        (a zero value with zero weight counts as :math:`0^0 = 1`).

    Returns
    -------
    MethodResult
        ``scores`` of shape ``(..., m)``, higher is better; no extras.

    References
    ----------
    Bridgman, P. W. (1922). Dimensional Analysis. Yale University Press.
    Miller, D. W., & Starr, M. K. (1969). Executive Decisions and Operations
    Research. Prentice-Hall.
    Triantaphyllou, E. (2000). Multi-Criteria Decision Making Methods: A Comparative
    Study. Kluwer, ch. 2.

    Examples
    --------
    >>> r = wpm([[250, 16], [200, 32], [300, 32]], [0.6, 0.4], [-1, 1])
    >>> print(r.ranks)
    [3 1 2]
    >>> r0 = wpm([[250, 16], [200, 32], [300, 32]], [0.6, 0.4], [-1, 1], normalization=None)
    >>> bool(np.allclose(r0.scores / r0.scores[0], r.scores / r.scores[0]))
    True
    """
    norm = V.check_choice(normalization, ("sum", "max", "minmax", "vector", None), "normalization")
    m_arr, w_arr, t_arr = _prepare(matrix, weights, types)
    V.check_positive_entries(m_arr, "matrix", reason="for wpm (a ratio-scale method)")
    V.check_not_tiny(m_arr, "matrix", reason="for wpm (a ratio-scale method)")
    scores = _agg.wpm(m_arr, w_arr, t_arr, norm)
    return _result(scores, True, "wpm", norm)


def topsis(
    matrix: ArrayLike,
    weights: ArrayLike,
    types: ArrayLike,
    *,
    normalization: str = "vector",
) -> MethodResult:
    r"""TOPSIS: closeness to the ideal solution.

    With :math:`v_{ij} = w_j r_{ij}` the weighted normalised matrix (every column
    benefit-oriented after normalisation), ideal :math:`v_j^+ = \max_i v_{ij}` and
    anti-ideal :math:`v_j^- = \min_i v_{ij}`,

    .. math::

        d_i^\pm = \sqrt{\sum_j (v_{ij} - v_j^\pm)^2}, \qquad
        C_i = \frac{d_i^-}{d_i^+ + d_i^-}.

    If :math:`d_i^+ + d_i^- = 0` (every alternative identical on every positively
    weighted criterion) the closeness is defined as 0.5.

    Parameters
    ----------
    matrix : array_like, shape (..., m, n)
        Decision matrix.
    weights : array_like, shape (..., n)
        Non-negative criterion weights (rescaled to sum 1 per sample).
    types : array_like, shape (n,)
        +1 for benefit, -1 for cost criteria.
    normalization : {"vector", "minmax", "max", "sum"}, default "vector"
        Column normalisation (Hwang & Yoon use ``"vector"``).  Note that
        ``"vector"`` maps a cost column to ``1 - x/||x||``.

    Returns
    -------
    MethodResult
        ``scores`` = closeness :math:`C_i \in [0, 1]`, higher is better; extras
        ``d_plus`` and ``d_minus``.

    References
    ----------
    Hwang, C. L., & Yoon, K. (1981). Multiple Attribute Decision Making: Methods
    and Applications. Springer, pp. 128-140.

    Examples
    --------
    >>> r = topsis([[5, 8, 4], [7, 6, 8], [8, 8, 6], [7, 4, 6]], [0.3, 0.4, 0.3], [1, 1, 1])
    >>> print(r.scores.round(4))
    [0.5037 0.6581 0.7482 0.334 ]
    >>> print(r.ranks)
    [3 2 1 4]
    """
    norm = V.check_choice(normalization, ("vector", "minmax", "max", "sum"), "normalization")
    m_arr, w_arr, t_arr = _prepare(matrix, weights, types)
    _check_domain(m_arr, norm)
    scores, d_plus, d_minus = _agg.topsis(m_arr, w_arr, t_arr, norm)
    return _result(scores, True, "topsis", norm, {"d_plus": d_plus, "d_minus": d_minus})


def vikor(
    matrix: ArrayLike,
    weights: ArrayLike,
    types: ArrayLike,
    *,
    v: float = 0.5,
) -> MethodResult:
    r"""VIKOR compromise ranking (Opricovic & Tzeng 2004).

    With :math:`f_j^*` the best and :math:`f_j^-` the worst value of criterion
    :math:`j` (max/min for benefit, min/max for cost):

    .. math::

        S_i = \sum_j w_j \frac{f_j^* - f_{ij}}{f_j^* - f_j^-}, \qquad
        R_i = \max_j w_j \frac{f_j^* - f_{ij}}{f_j^* - f_j^-},

        Q_i = v \frac{S_i - S^*}{S^- - S^*} + (1 - v) \frac{R_i - R^*}{R^- - R^*}

    with :math:`S^* = \min_i S_i`, :math:`S^- = \max_i S_i` (likewise for R).
    Lower Q is better.

    Degenerate cases (documented rules, never NaN): a constant criterion
    (:math:`f_j^* = f_j^-`) contributes 0 to S and R; if :math:`S^- = S^*` (up to a
    relative 1e-12) the S term of Q is 0, and likewise for R, so alternatives that
    are indistinguishable get Q = 0.

    Parameters
    ----------
    matrix : array_like, shape (..., m, n)
        Decision matrix (raw values; VIKOR's own linear normalisation is built in).
    weights : array_like, shape (..., n)
        Non-negative criterion weights (rescaled to sum 1 per sample).
    types : array_like, shape (n,)
        +1 for benefit, -1 for cost criteria.
    v : float in [0, 1], default 0.5
        Weight of the "group utility" (S) strategy versus the "individual regret" (R).

    Returns
    -------
    MethodResult
        ``scores`` = Q with ``higher_is_better=False``; extras ``S`` and ``R``.
        The acceptability conditions C1/C2 of the compromise solution are not
        applied: ranks are by Q alone.

    References
    ----------
    Opricovic, S., & Tzeng, G. H. (2004). Compromise solution by MCDM methods: A
    comparative analysis of VIKOR and TOPSIS. European Journal of Operational
    Research, 156(2), 445-455.

    Examples
    --------
    >>> r = vikor([[1, 3000], [2, 3750], [5, 4500]], [0.5, 0.5], [-1, 1])
    >>> print(r.scores, r.extras["S"], r.extras["R"])
    [1. 0. 1.] [0.5   0.375 0.5  ] [0.5  0.25 0.5 ]
    >>> print(r.ranks)
    [2 1 2]
    """
    v_val = V.check_in_range(v, "v", 0.0, 1.0)
    m_arr, w_arr, t_arr = _prepare(matrix, weights, types)
    q, s, r = _agg.vikor(m_arr, w_arr, t_arr, v_val)
    return _result(q, False, "vikor", None, {"S": s, "R": r})


def _preference_names(preference: str | Sequence[str], n: int) -> list[str]:
    if isinstance(preference, str):
        name = V.check_choice(preference, PREFERENCE_FUNCTIONS, "preference")
        return [name] * n
    try:
        items = list(preference)
    except TypeError:
        raise ValueError(
            f"preference: expected one name or a sequence of {n} names, "
            f"got {type(preference).__name__}"
        ) from None
    if len(items) != n:
        raise ValueError(
            f"preference: expected one name or a sequence of {n} names "
            f"(one per criterion), got {len(items)}"
        )
    return [
        V.check_choice(item, PREFERENCE_FUNCTIONS, f"preference[{j}]")
        for j, item in enumerate(items)
    ]


def _threshold(
    value: ArrayLike | None,
    name: str,
    n: int,
    functions: Sequence[str],
    *,
    strict: bool,
) -> FloatArray:
    needed = np.array([name in _agg.PREFERENCE_FUNCTIONS[f][1] for f in functions])
    if value is None:
        if needed.any():
            j = int(np.argmax(needed))
            raise ValueError(
                f"{name}: required by preference {functions[j]!r} for criterion {j}, got None"
            )
        return np.ones(n)
    arr = V.as_per_criterion(value, n, name)
    bad = needed & ((arr <= 0) if strict else (arr < 0))
    if bad.any():
        j = int(np.argmax(bad))
        op = ">" if strict else ">="
        raise ValueError(
            f"{name}: must be {op} 0 for preference {functions[j]!r}, "
            f"got {float(arr[j])!r} for criterion {j}"
        )
    return arr


def promethee_ii(
    matrix: ArrayLike,
    weights: ArrayLike,
    types: ArrayLike,
    *,
    preference: str | Sequence[str] = "usual",
    q: ArrayLike | None = None,
    p: ArrayLike | None = None,
    s: ArrayLike | None = None,
) -> MethodResult:
    r"""PROMETHEE II complete ranking by net outranking flow.

    For alternatives :math:`a, b` and criterion :math:`j`, the difference is
    :math:`d_j(a, b) = x_{aj} - x_{bj}` for a benefit and :math:`x_{bj} - x_{aj}` for a
    cost criterion.  With preference functions :math:`P_j`:

    .. math::

        \pi(a, b) = \sum_j w_j P_j(d_j(a, b)), \quad
        \phi^+(a) = \frac{1}{m-1}\sum_{b} \pi(a, b), \quad
        \phi^-(a) = \frac{1}{m-1}\sum_{b} \pi(b, a), \quad
        \phi(a) = \phi^+(a) - \phi^-(a).

    Preference functions (Brans, Vincke & Mareschal 1986), all 0 for :math:`d \le 0`:

    ============  ======  =====================================================
    name          params  :math:`P(d)` for :math:`d > 0`
    ============  ======  =====================================================
    ``usual``     --      1
    ``ushape``    q       1 if d > q else 0 (quasi-criterion)
    ``vshape``    p       min(d / p, 1)
    ``level``     q, p    0 if d <= q, 1/2 if q < d <= p, 1 if d > p
    ``linear``    q, p    0 if d <= q, (d - q)/(p - q) if q < d <= p, 1 if d > p
    ``gaussian``  s       1 - exp(-d^2 / (2 s^2))
    ============  ======  =====================================================

    Parameters
    ----------
    matrix : array_like, shape (..., m, n)
        Decision matrix.
    weights : array_like, shape (..., n)
        Non-negative criterion weights (rescaled to sum 1 per sample).
    types : array_like, shape (n,)
        +1 for benefit, -1 for cost criteria.
    preference : str or sequence of n str, default "usual"
        Preference function for all criteria, or one per criterion.
    q, p, s : float or array_like of shape (n,), optional
        Indifference threshold ``q >= 0``, preference threshold ``p > 0`` (with
        ``q <= p``) and Gaussian parameter ``s > 0``, in the units of each
        criterion.  Required where the chosen function needs them; values for
        criteria whose function does not use them are ignored.

    Returns
    -------
    MethodResult
        ``scores`` = net flow :math:`\phi \in [-1, 1]`, higher is better; extras
        ``phi_plus`` and ``phi_minus``.

    Notes
    -----
    Pairwise differences of shape ``(..., m, m, n)`` are formed, which is cheap for
    the small ``m`` of policy problems.  For one matrix and many weight vectors
    the flows are computed once per criterion and combined with one matrix
    product.

    References
    ----------
    Brans, J. P., Vincke, Ph., & Mareschal, B. (1986). How to select and how to rank
    projects: The PROMETHEE method. European Journal of Operational Research,
    24(2), 228-238.
    Brans, J. P., & Mareschal, B. (2005). PROMETHEE methods. In Multiple Criteria
    Decision Analysis: State of the Art Surveys (pp. 163-186). Springer.

    Examples
    --------
    >>> r = promethee_ii([[4, 3, 2], [3, 2, 4], [5, 1, 3]], [0.5, 0.3, 0.2], [1, 1, 1])
    >>> print(r.scores.round(4))
    [ 0.1 -0.3  0.2]
    >>> print(r.ranks)
    [2 3 1]
    """
    m_arr, w_arr, t_arr = _prepare(matrix, weights, types)
    n = m_arr.shape[-1]
    functions = _preference_names(preference, n)
    q_arr = _threshold(q, "q", n, functions, strict=False)
    p_arr = _threshold(p, "p", n, functions, strict=True)
    s_arr = _threshold(s, "s", n, functions, strict=True)
    both = np.array([f in ("level", "linear") for f in functions])
    bad = both & (q_arr > p_arr)
    if bad.any():
        j = int(np.argmax(bad))
        raise ValueError(
            f"q: must not exceed p, got q={float(q_arr[j])!r} > p={float(p_arr[j])!r} "
            f"for criterion {j}"
        )
    phi, phi_plus, phi_minus = _agg.promethee_ii(
        m_arr, w_arr, t_arr, functions, q_arr, p_arr, s_arr
    )
    return _result(phi, True, "promethee_ii", None, {"phi_plus": phi_plus, "phi_minus": phi_minus})


#: Registry of the methods by name.
METHODS: Mapping[str, Callable[..., MethodResult]] = MappingProxyType(
    {
        "wsm": wsm,
        "wpm": wpm,
        "topsis": topsis,
        "vikor": vikor,
        "promethee_ii": promethee_ii,
    }
)


def available() -> tuple[str, ...]:
    """Names of the available methods.

    >>> available()
    ('wsm', 'wpm', 'topsis', 'vikor', 'promethee_ii')
    """
    return tuple(METHODS)


def get_method(name: str) -> Callable[..., MethodResult]:
    """Look up a method by name, raising ValueError listing the valid names.

    >>> get_method("electre")
    Traceback (most recent call last):
    ...
    ValueError: method: 'electre' is not one of 'wsm', 'wpm', 'topsis', 'vikor', 'promethee_ii'
    """
    return METHODS[V.check_choice(name, METHODS, "method")]


def evaluate(
    method: str, matrix: ArrayLike, weights: ArrayLike, types: ArrayLike, **options: Any
) -> MethodResult:
    """Run the method named ``method`` with keyword ``options``.

    >>> print(evaluate("topsis", [[1, 2], [2, 1]], [1, 1], [1, 1]).scores)
    [0.5 0.5]
    """
    return get_method(method)(matrix, weights, types, **options)
