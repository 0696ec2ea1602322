"""The analytic hierarchy process (Saaty 1980): weights from a pairwise comparison matrix."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from policyopts._kernels import weights as _k
from policyopts.weights._result import (
    _AHP_CONSISTENT_LOG_TOL,
    _AHP_DIAGONAL_TOL,
    CR_THRESHOLD,
    SAATY_RANDOM_INDEX,
    FloatArray,
    Judgement,
    WeightsResult,
    _as_float_array,
    labelled,
)

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


@labelled
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
