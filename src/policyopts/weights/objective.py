"""Objective (data-based) weights: entropy and CRITIC."""

from __future__ import annotations

from typing import Any, Literal

import numpy as np
from numpy.typing import ArrayLike

from policyopts._kernels import weights as _k
from policyopts.weights._result import (
    WeightsResult,
    _matrix,
    _types,
    labelled,
)

# ---------------------------------------------------------------------------
# Objective weights
# ---------------------------------------------------------------------------


@labelled
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


@labelled
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
