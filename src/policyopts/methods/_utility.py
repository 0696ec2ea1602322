"""Utility and ratio methods: WSM, WPM, MOORA, COPRAS and ARAS.

Each scores an alternative by a weighted sum or product of its (normalised)
values, possibly split into benefit and cost parts.
"""

from __future__ import annotations

from numpy.typing import ArrayLike

from policyopts._kernels import aggregate as _agg
from policyopts._kernels import aggregate_more as _more
from policyopts.methods._common import finish, validate
from policyopts.methods._result import MethodResult

__all__ = ["aras", "copras", "moora", "wpm", "wsm"]


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
    m_arr, w_arr, t_arr, norm = validate("wsm", matrix, weights, types, normalization)
    return finish("wsm", _agg.wsm(m_arr, w_arr, t_arr, norm), norm)


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

    Raises
    ------
    ValueError
        If an entry of ``matrix`` is not strictly positive
        (see :func:`policyopts.methods.applicable`).

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
    >>> import numpy as np
    >>> bool(np.allclose(r0.scores / r0.scores[0], r.scores / r.scores[0]))
    True
    """
    m_arr, w_arr, t_arr, norm = validate("wpm", matrix, weights, types, normalization)
    return finish("wpm", _agg.wpm(m_arr, w_arr, t_arr, norm), norm)


def moora(matrix: ArrayLike, weights: ArrayLike, types: ArrayLike) -> MethodResult:
    r"""MOORA ratio system (Brauers & Zavadskas 2006).

    Each column is divided by its Euclidean norm, :math:`r_{ij} = x_{ij} /
    \sqrt{\sum_k x_{kj}^2}`, and the weighted cost ratios are subtracted from the
    weighted benefit ratios:

    .. math:: y_i = \sum_{j \in B} w_j r_{ij} - \sum_{j \in C} w_j r_{ij}.

    The score is additive (each criterion contributes :math:`t_j w_j r_{ij}`) and
    linear in the weights.  An all-zero column contributes 0.

    Parameters
    ----------
    matrix : array_like, shape (..., m, n)
        Decision matrix (raw values; the vector normalisation is built in).
    weights : array_like, shape (..., n)
        Non-negative criterion weights (rescaled to sum 1 per sample).
    types : array_like, shape (n,)
        +1 for benefit, -1 for cost criteria.

    Returns
    -------
    MethodResult
        ``scores`` = :math:`y_i`, higher is better; extras ``benefit`` and ``cost``
        (the two weighted sums).

    References
    ----------
    Brauers, W. K. M., & Zavadskas, E. K. (2006). The MOORA method and its
    application to privatization in a transition economy. Control and
    Cybernetics, 35(2), 445-469.

    Examples
    --------
    >>> r = moora([[3, 4], [4, 3], [0, 5]], [0.5, 0.5], [1, -1])
    >>> print(r.scores.round(4))
    [ 0.0172  0.1879 -0.3536]
    >>> print(r.ranks)
    [2 1 3]
    """
    m_arr, w_arr, t_arr, _ = validate("moora", matrix, weights, types)
    y, benefit, cost = _more.moora(m_arr, w_arr, t_arr)
    return finish("moora", y, None, {"benefit": benefit, "cost": cost})


def copras(matrix: ArrayLike, weights: ArrayLike, types: ArrayLike) -> MethodResult:
    r"""COPRAS: complex proportional assessment (Zavadskas, Kaklauskas & Šarka 1994).

    With :math:`r_{ij} = x_{ij} / \sum_k x_{kj}` (sum normalisation of the raw
    values, for benefit and cost columns alike), :math:`S^+_i = \sum_{j \in B} w_j
    r_{ij}` and :math:`S^-_i = \sum_{j \in C} w_j r_{ij}`, the relative significance
    and the utility degree are

    .. math::

        Q_i = S^+_i + \frac{\sum_k S^-_k}{S^-_i \sum_k 1 / S^-_k}, \qquad
        U_i = Q_i / \max_k Q_k.

    If some :math:`S^-_k` is 0 (no cost criteria, or zero weight on every cost
    criterion where alternative :math:`k` scores above 0) the cost term is
    dropped for that sample, :math:`Q_i = S^+_i`.

    Parameters
    ----------
    matrix : array_like, shape (..., m, n)
        Decision matrix.  COPRAS works on ratios: entries must be >= 0, and every
        alternative must score above 0 on at least one cost criterion (else its
        :math:`S^-_i` is 0 and the cost term divides by zero).
    weights : array_like, shape (..., n)
        Non-negative criterion weights (rescaled to sum 1 per sample).
    types : array_like, shape (n,)
        +1 for benefit, -1 for cost criteria.

    Returns
    -------
    MethodResult
        ``scores`` = utility degree :math:`U_i \in (0, 1]`, higher is better;
        extras ``Q``, ``S_plus`` and ``S_minus``.

    References
    ----------
    Zavadskas, E. K., Kaklauskas, A., & Šarka, V. (1994). The new method of
    multicriteria complex proportional assessment of projects. Technological and
    Economic Development of Economy, 1(3), 131-139.
    Zavadskas, E. K., Kaklauskas, A., Turskis, Z., & Tamošaitienė, J. (2008).
    Selection of the effective dwelling house walls by applying attributes values
    determined at intervals. Journal of Civil Engineering and Management, 14(2),
    85-93.

    Examples
    --------
    >>> r = copras([[3, 4], [4, 3], [1, 5]], [0.5, 0.5], [1, -1])
    >>> print(r.scores.round(4))
    [0.75   1.     0.4109]
    >>> print(r.ranks)
    [2 1 3]
    """
    m_arr, w_arr, t_arr, _ = validate("copras", matrix, weights, types)
    utility, q, s_plus, s_minus = _more.copras(m_arr, w_arr, t_arr)
    return finish("copras", utility, None, {"Q": q, "S_plus": s_plus, "S_minus": s_minus})


def aras(
    matrix: ArrayLike,
    weights: ArrayLike,
    types: ArrayLike,
    *,
    normalization: str = "sum",
) -> MethodResult:
    r"""ARAS: additive ratio assessment (Zavadskas & Turskis 2010).

    An optimal alternative :math:`x_{0j}` (the best value of each criterion:
    maximum for benefit, minimum for cost) is added as row 0, the extended matrix
    is normalised column-wise to a benefit scale (:math:`r`, including row 0), and

    .. math:: S_i = \sum_j w_j r_{ij}, \qquad K_i = S_i / S_0 \in [0, 1].

    With the default ``"sum"`` normalisation a cost value enters as
    :math:`(1/x_{ij}) / \sum_k (1/x_{kj})`, as in Zavadskas & Turskis (2010).

    Parameters
    ----------
    matrix : array_like, shape (..., m, n)
        Decision matrix; entries must be >= 0 for the ratio normalisations
        ``"sum"`` and ``"max"``.
    weights : array_like, shape (..., n)
        Non-negative criterion weights (rescaled to sum 1 per sample).
    types : array_like, shape (n,)
        +1 for benefit, -1 for cost criteria.
    normalization : {"sum", "max", "minmax", "vector"}, default "sum"
        Normalisation of the extended matrix (see :func:`normalize`).

    Returns
    -------
    MethodResult
        ``scores`` = utility degree :math:`K_i`, higher is better; extra ``S``
        (the optimality function values :math:`S_i`).

    References
    ----------
    Zavadskas, E. K., & Turskis, Z. (2010). A new additive ratio assessment (ARAS)
    method in multicriteria decision-making. Technological and Economic
    Development of Economy, 16(2), 159-172.

    Examples
    --------
    >>> r = aras([[3, 4], [4, 3], [1, 5]], [0.5, 0.5], [1, -1])
    >>> print(r.scores.round(4))
    [0.75   1.     0.4154]
    """
    m_arr, w_arr, t_arr, norm = validate("aras", matrix, weights, types, normalization)
    k, s = _more.aras(m_arr, w_arr, t_arr, str(norm))
    return finish("aras", k, norm, {"S": s})
