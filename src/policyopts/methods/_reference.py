"""Reference-point methods: TOPSIS, VIKOR, EDAS, MABAC and SPOTIS.

Each scores an alternative by how far it lies from a reference: the ideal and
anti-ideal (TOPSIS, VIKOR), the average solution (EDAS), the border
approximation area (MABAC) or an ideal solution point on fixed bounds (SPOTIS).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from policyopts import _validate as V
from policyopts._kernels import aggregate as _agg
from policyopts._kernels import aggregate_more as _more
from policyopts.methods._common import FloatArray, finish, validate
from policyopts.methods._result import MethodResult

__all__ = ["edas", "mabac", "spotis", "spotis_bounds", "topsis", "vikor"]


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
    m_arr, w_arr, t_arr, norm = validate("topsis", matrix, weights, types, normalization)
    scores, d_plus, d_minus = _agg.topsis(m_arr, w_arr, t_arr, str(norm))
    return finish("topsis", scores, norm, {"d_plus": d_plus, "d_minus": d_minus})


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
    m_arr, w_arr, t_arr, _ = validate("vikor", matrix, weights, types)
    q, s, r = _agg.vikor(m_arr, w_arr, t_arr, v_val)
    return finish("vikor", q, None, {"S": s, "R": r})


def edas(matrix: ArrayLike, weights: ArrayLike, types: ArrayLike) -> MethodResult:
    r"""EDAS: evaluation based on distance from average solution.

    With :math:`AV_j` the mean of criterion :math:`j` over the alternatives, the
    positive and negative distances from the average are

    .. math::

        PDA_{ij} = \frac{\max(0, t_j (x_{ij} - AV_j))}{AV_j}, \qquad
        NDA_{ij} = \frac{\max(0, t_j (AV_j - x_{ij}))}{AV_j},

    :math:`SP_i = \sum_j w_j PDA_{ij}`, :math:`SN_i = \sum_j w_j NDA_{ij}`, and the
    appraisal score is

    .. math:: AS_i = \frac{1}{2}\Big(\frac{SP_i}{\max_k SP_k} + 1 - \frac{SN_i}{\max_k SN_k}\Big).

    Degenerate cases: a criterion whose average is 0 (all zeros) contributes 0;
    if no alternative departs from the average on a weighted criterion, every
    :math:`AS_i` is 0.5.

    Parameters
    ----------
    matrix : array_like, shape (..., m, n)
        Decision matrix; entries must be >= 0 (distances are relative to the mean).
    weights : array_like, shape (..., n)
        Non-negative criterion weights (rescaled to sum 1 per sample).
    types : array_like, shape (n,)
        +1 for benefit, -1 for cost criteria.

    Returns
    -------
    MethodResult
        ``scores`` = :math:`AS_i \in [0, 1]`, higher is better; extras ``SP`` and
        ``SN``.

    References
    ----------
    Keshavarz Ghorabaee, M., Zavadskas, E. K., Olfat, L., & Turskis, Z. (2015).
    Multi-criteria inventory classification using a new method of evaluation
    based on distance from average solution (EDAS). Informatica, 26(3), 435-451.

    Examples
    --------
    >>> r = edas([[3, 4], [4, 3], [2, 5]], [0.5, 0.5], [1, -1])
    >>> print(r.scores.round(4))
    [0.5 1.  0. ]
    """
    m_arr, w_arr, t_arr, _ = validate("edas", matrix, weights, types)
    score, sp, sn = _more.edas(m_arr, w_arr, t_arr)
    return finish("edas", score, None, {"SP": sp, "SN": sn})


def mabac(
    matrix: ArrayLike,
    weights: ArrayLike,
    types: ArrayLike,
    *,
    normalization: str = "minmax",
) -> MethodResult:
    r"""MABAC: multi-attributive border approximation area comparison.

    With :math:`r` the normalised matrix (min-max by default), the weighted matrix
    :math:`v_{ij} = w_j (r_{ij} + 1)`, the border approximation area
    :math:`g_j = (\prod_k v_{kj})^{1/m}` (a geometric mean over the alternatives),

    .. math:: Q_i = \sum_j (v_{ij} - g_j) = \sum_j w_j \big(r_{ij} + 1 - G_j\big),
        \qquad G_j = \Big(\prod_k (r_{kj} + 1)\Big)^{1/m}.

    An alternative above the border area on a criterion gains, one below loses.
    The score is additive and linear in the weights.

    Parameters
    ----------
    matrix : array_like, shape (..., m, n)
        Decision matrix.
    weights : array_like, shape (..., n)
        Non-negative criterion weights (rescaled to sum 1 per sample).
    types : array_like, shape (n,)
        +1 for benefit, -1 for cost criteria.
    normalization : {"minmax", "max", "sum", "vector"}, default "minmax"
        Column normalisation (Pamučar & Ćirović use ``"minmax"``).

    Returns
    -------
    MethodResult
        ``scores`` = :math:`Q_i`, higher is better; no extras.

    References
    ----------
    Pamučar, D., & Ćirović, G. (2015). The selection of transport and handling
    resources in logistics centers using Multi-Attributive Border Approximation
    area Comparison (MABAC). Expert Systems with Applications, 42(6), 3016-3028.

    Examples
    --------
    >>> r = mabac([[3, 4], [4, 3], [2, 5]], [0.5, 0.5], [1, -1])
    >>> print(r.scores.round(4))
    [ 0.0578  0.5578 -0.4422]
    """
    m_arr, w_arr, t_arr, norm = validate("mabac", matrix, weights, types, normalization)
    return finish("mabac", _more.mabac(m_arr, w_arr, t_arr, str(norm)), norm)


def spotis_bounds(bounds: ArrayLike | None, matrix: FloatArray) -> FloatArray | None:
    """Validate SPOTIS ``bounds`` of shape ``(2, n)`` (row 0 the minima, row 1 the maxima).

    Every bound must be finite, each minimum at most its maximum, and every entry
    of ``matrix`` must lie within its criterion's bounds.

    >>> spotis_bounds([[0, 0], [10, 5]], np.array([[1.0, 6.0], [2.0, 3.0]]))
    Traceback (most recent call last):
    ...
    ValueError: bounds: matrix entry [0, 1] = 6 lies outside criterion 1's bounds [0, 5]
    """
    if bounds is None:
        return None
    n = matrix.shape[-1]
    arr = V.as_float_array(bounds, "bounds")
    if arr.shape != (2, n):
        raise ValueError(
            f"bounds: expected shape (2, {n}) (row 0 the minima, row 1 the maxima), got {arr.shape}"
        )
    V.check_finite(arr, "bounds")
    if (arr[0] > arr[1]).any():
        j = int(np.argmax(arr[0] > arr[1]))
        raise ValueError(
            f"bounds: minimum {arr[0, j]:g} exceeds maximum {arr[1, j]:g} for criterion {j}"
        )
    bad = (matrix < arr[0]) | (matrix > arr[1])
    if bad.any():
        index = V.first_index(bad)
        j = index[-1]
        raise ValueError(
            f"bounds: matrix entry {V.format_index(index)} = {float(matrix[index]):g} lies "
            f"outside criterion {j}'s bounds [{arr[0, j]:g}, {arr[1, j]:g}]"
        )
    return arr


def spotis(
    matrix: ArrayLike,
    weights: ArrayLike,
    types: ArrayLike,
    *,
    bounds: ArrayLike | None = None,
) -> MethodResult:
    r"""SPOTIS: stable preference ordering towards the ideal solution.

    Each criterion has fixed bounds :math:`[\min_j, \max_j]`; the ideal solution
    point is :math:`s^*_j = \max_j` for a benefit and :math:`\min_j` for a cost
    criterion, and the score is the weighted normalised distance to it,

    .. math:: d_i = \sum_j w_j \frac{|x_{ij} - s^*_j|}{\max_j - \min_j}

    (lower is better).  With fixed bounds an alternative's score does not depend
    on the other alternatives, so adding or removing one cannot reverse a
    ranking.  A criterion whose bounds coincide contributes 0.  The score is
    additive and linear in the weights.

    Parameters
    ----------
    matrix : array_like, shape (..., m, n)
        Decision matrix.
    weights : array_like, shape (..., n)
        Non-negative criterion weights (rescaled to sum 1 per sample).
    types : array_like, shape (n,)
        +1 for benefit, -1 for cost criteria.
    bounds : array_like of shape (2, n), optional
        Row 0 the minimum, row 1 the maximum of each criterion; every entry of
        ``matrix`` must lie within them.  By default each sample's column minimum
        and maximum over the alternatives are used: convenient, but then the
        scores depend on which alternatives are present and the rank-reversal
        freedom is lost.  (pymcdm takes the transpose, shape ``(n, 2)``.)

    Returns
    -------
    MethodResult
        ``scores`` = distance :math:`d_i \in [0, 1]` with ``higher_is_better=False``;
        no extras.

    References
    ----------
    Dezert, J., Tchamova, A., Han, D., & Tacnet, J.-M. (2020). The SPOTIS rank
    reversal free method for multi-criteria decision-making support. In 2020 IEEE
    23rd International Conference on Information Fusion (FUSION), 1-8.

    Examples
    --------
    >>> r = spotis([[3, 4], [4, 3], [2, 5]], [0.5, 0.5], [1, -1], bounds=[[0, 0], [5, 10]])
    >>> print(r.scores.round(4))
    [0.4  0.25 0.55]
    >>> print(r.ranks)
    [2 1 3]
    """
    m_arr, w_arr, t_arr, _ = validate("spotis", matrix, weights, types)
    b_arr = spotis_bounds(bounds, m_arr)
    return finish("spotis", _more.spotis(m_arr, w_arr, t_arr, b_arr), None)
