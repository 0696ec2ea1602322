"""Numerical kernels of the weighting schemes (pure numpy/scipy, no validation).

The public functions in :mod:`policyopts.weights` validate their input and call
these kernels. The kernels assume valid, float64 input of the documented shape;
they never raise for bad values (garbage in, garbage out) except where the
solver itself fails. Some accept batched input so that sampling code (SMAA,
sensitivity analysis) can call them on many problems at once.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "SAATY_RANDOM_INDEX",
    "ahp_eigen",
    "ahp_ratio_matrix",
    "bwm_linear",
    "critic_weights",
    "entropy_weights",
    "minmax_benefit",
    "rank_position_weights",
    "rank_weights",
]

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
RankScheme = Literal["roc", "rank_sum", "rank_reciprocal"]

#: Saaty's random consistency index RI(n) for n = 1..15 (index n - 1).
#: n = 1..10 as in Saaty (1980); n = 11..15 as commonly reproduced (e.g. by
#: pyDecision). Note RI(12) = 1.48 < RI(11) = 1.51 in the circulated table.
SAATY_RANDOM_INDEX: tuple[float, ...] = (
    0.0,
    0.0,
    0.58,
    0.90,
    1.12,
    1.24,
    1.32,
    1.41,
    1.45,
    1.49,
    1.51,
    1.48,
    1.56,
    1.57,
    1.59,
)


# ---------------------------------------------------------------------------
# Rank-order weights
# ---------------------------------------------------------------------------


def rank_position_weights(n: int, scheme: RankScheme) -> FloatArray:
    """Weights of the positions 1..n (position 1 = most important).

    ROC: ``w(k) = (1/n) sum_{i=k}^{n} 1/i``; rank sum:
    ``w(k) = 2 (n + 1 - k) / (n (n + 1))``; rank reciprocal:
    ``w(k) = (1/k) / sum_{i=1}^{n} 1/i``. Each sums to 1.
    """
    k = np.arange(1, n + 1, dtype=np.float64)
    if scheme == "roc":
        # reverse cumulative sum of 1/i, i = k..n
        tail = np.cumsum((1.0 / k)[::-1])[::-1]
        return np.asarray(tail / n, dtype=np.float64)
    if scheme == "rank_sum":
        return np.asarray(2.0 * (n + 1 - k) / (n * (n + 1)), dtype=np.float64)
    inv = 1.0 / k
    return np.asarray(inv / inv.sum(), dtype=np.float64)


def rank_weights(ranks: IntArray, scheme: RankScheme) -> FloatArray:
    """Weights from (possibly tied) ranks, 1 = most important.

    Only the order of the ranks matters. The criteria are sorted by rank and
    occupy positions 1..n; a group of tied criteria occupies consecutive
    positions and each member gets the mean of those positions' weights.
    """
    n = ranks.shape[0]
    pos_w = rank_position_weights(n, scheme)
    order = np.argsort(ranks, kind="stable")
    sorted_ranks = ranks[order]
    out = np.empty(n, dtype=np.float64)
    start = 0
    while start < n:
        stop = start + 1
        while stop < n and sorted_ranks[stop] == sorted_ranks[start]:
            stop += 1
        out[order[start:stop]] = pos_w[start:stop].mean()
        start = stop
    return out


# ---------------------------------------------------------------------------
# AHP
# ---------------------------------------------------------------------------


def ahp_eigen(pairwise: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Principal right eigenvector and eigenvalue of positive matrices.

    Parameters
    ----------
    pairwise : ndarray, shape (..., n, n)
        Positive (reciprocal) matrices; leading axes are a batch.

    Returns
    -------
    weights : ndarray, shape (..., n)
        Perron eigenvectors normalised to sum 1.
    lambda_max : ndarray, shape (...)
        Perron roots (real).
    """
    a = np.asarray(pairwise, dtype=np.float64)
    eigvals, eigvecs = np.linalg.eig(a)
    # The Perron root of a positive matrix is real, simple and has the largest
    # real part (and modulus) of all eigenvalues.
    k = np.argmax(eigvals.real, axis=-1)
    lam = np.take_along_axis(eigvals.real, k[..., None], axis=-1)[..., 0]
    vec = np.take_along_axis(eigvecs, k[..., None, None], axis=-1)[..., 0]
    # The Perron vector has entries of one sign; abs() removes the arbitrary
    # sign chosen by LAPACK (and any rounding-level imaginary part).
    w = np.abs(vec.real)
    w = w / w.sum(axis=-1, keepdims=True)
    return np.asarray(w, dtype=np.float64), np.asarray(lam, dtype=np.float64)


def ahp_ratio_matrix(pairwise: FloatArray, weights: FloatArray) -> FloatArray:
    """Deviations ``eps_ij = a_ij * w_j / w_i`` (all 1 for a consistent matrix)."""
    w = np.asarray(weights, dtype=np.float64)
    return np.asarray(pairwise * w[..., None, :] / w[..., :, None], dtype=np.float64)


# ---------------------------------------------------------------------------
# Best-worst method (linear model)
# ---------------------------------------------------------------------------


def bwm_linear(
    best_to_others: FloatArray, others_to_worst: FloatArray, best: int, worst: int
) -> tuple[FloatArray, float]:
    """Rezaei (2016) linear BWM: ``min xi`` s.t. ``|w_B - a_Bj w_j| <= xi``,
    ``|w_j - a_jW w_W| <= xi``, ``sum w = 1``, ``w >= 0``.

    Variables are ``(w_1, ..., w_n, xi)``; each absolute value is split into
    two linear inequalities. Solved with HiGHS via :func:`scipy.optimize.linprog`.

    Returns
    -------
    weights : ndarray, shape (n,)
    xi : float
        The optimal objective :math:`\\xi^L`.
    """
    from scipy.optimize import linprog  # imported here: scipy.optimize is slow to import

    a_b = np.asarray(best_to_others, dtype=np.float64)
    a_w = np.asarray(others_to_worst, dtype=np.float64)
    n = a_b.shape[0]

    def abs_le_xi(i: int, k: int, a: float) -> list[FloatArray]:
        # |w_i - a w_k| <= xi as w_i - a w_k - xi <= 0 and -(w_i - a w_k) - xi <= 0
        r = np.zeros(n + 1)
        r[i] += 1.0
        r[k] -= a
        r[n] = -1.0
        r2 = -r
        r2[n] = -1.0
        return [r, r2]

    rows: list[FloatArray] = []
    for j in range(n):
        rows += abs_le_xi(best, j, float(a_b[j]))  # |w_B - a_Bj w_j| <= xi
        rows += abs_le_xi(j, worst, float(a_w[j]))  # |w_j - a_jW w_W| <= xi
    a_ub = np.vstack(rows)
    b_ub = np.zeros(a_ub.shape[0])
    a_eq = np.ones((1, n + 1))
    a_eq[0, n] = 0.0
    c = np.zeros(n + 1)
    c[n] = 1.0
    res = linprog(
        c,
        A_ub=a_ub,
        b_ub=b_ub,
        A_eq=a_eq,
        b_eq=np.ones(1),
        bounds=[(0.0, None)] * (n + 1),
        method="highs",
    )
    if res.status != 0 or res.x is None:  # pragma: no cover - LP is always feasible
        raise RuntimeError(f"BWM linear programme failed: {res.message}")
    x = np.asarray(res.x, dtype=np.float64)
    w = np.clip(x[:n], 0.0, None)
    w = w / w.sum()
    return np.asarray(w, dtype=np.float64), float(np.maximum(x[n], 0.0))


# ---------------------------------------------------------------------------
# Objective weights (entropy, CRITIC)
# ---------------------------------------------------------------------------


def minmax_benefit(matrix: FloatArray, cost: NDArray[np.bool_]) -> FloatArray:
    """Min-max normalise each column to [0, 1] with 1 = best.

    Benefit: ``(x - min) / (max - min)``; cost: ``(max - x) / (max - min)``.
    Constant columns become all zeros.
    """
    x = np.asarray(matrix, dtype=np.float64)
    lo = x.min(axis=0)
    hi = x.max(axis=0)
    span = hi - lo
    constant = span == 0
    safe = np.where(constant, 1.0, span)
    r = (x - lo) / safe
    r = np.where(cost, 1.0 - r, r)
    r[:, constant] = 0.0
    return np.asarray(r, dtype=np.float64)


def entropy_weights(matrix: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Shannon-entropy weights of a non-negative ``(m, n)`` matrix, ``m >= 2``.

    ``p_ij = x_ij / sum_i x_ij``; ``E_j = -(1/ln m) sum_i p_ij ln p_ij`` with
    ``0 ln 0 = 0``; ``d_j = 1 - E_j``; ``w = d / sum d``. A constant column
    (including an all-zero one) has ``E_j = 1`` and ``d_j = 0`` exactly; if all
    ``d_j`` are 0 the weights are equal.

    Returns
    -------
    weights, entropy, diversification : ndarray, shape (n,)
    """
    x = np.asarray(matrix, dtype=np.float64)
    m = x.shape[0]
    constant = np.all(x == x[0], axis=0)
    col_sum = x.sum(axis=0)
    safe_sum = np.where(constant, 1.0, col_sum)
    p = x / safe_sum
    plogp = np.zeros_like(p)
    pos = p > 0
    plogp[pos] = p[pos] * np.log(p[pos])
    e = -plogp.sum(axis=0) / np.log(m)
    e = np.where(constant, 1.0, np.clip(e, 0.0, 1.0))
    d = 1.0 - e
    total = d.sum()
    n = x.shape[1]
    w = np.full(n, 1.0 / n) if total <= 0.0 else d / total
    return (
        np.asarray(w, dtype=np.float64),
        np.asarray(e, dtype=np.float64),
        np.asarray(d, dtype=np.float64),
    )


def critic_weights(
    normalized: FloatArray,
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    """CRITIC weights of a min-max normalised ``(m, n)`` matrix, ``m >= 2``.

    ``sigma_j`` is the sample standard deviation (ddof=1) of column j,
    ``r_jk`` the Pearson correlation, ``C_j = sigma_j sum_k (1 - r_jk)`` and
    ``w = C / sum C``. Constant columns are left out of the computation (their
    correlations are undefined) and get weight 0, so the other weights equal
    CRITIC on the matrix without them. If every column is constant, or all
    ``C_j`` of the non-constant columns are 0 (one informative column, or all
    perfectly correlated), the non-constant columns (or all, if none) share the
    weight equally.

    Returns
    -------
    weights, sigma, correlation, information : ndarray
        Shapes (n,), (n,), (n, n) and (n,). Correlations involving a constant
        column are reported as 0 (1 on the diagonal).
    """
    r = np.asarray(normalized, dtype=np.float64)
    n = r.shape[1]
    sigma = r.std(axis=0, ddof=1)
    active = sigma > 0
    corr = np.eye(n, dtype=np.float64)
    info = np.zeros(n, dtype=np.float64)
    k = int(active.sum())
    if k >= 2:
        sub = np.corrcoef(r[:, active], rowvar=False)
        corr[np.ix_(active, active)] = sub
        info[active] = sigma[active] * (1.0 - sub).sum(axis=0)
    total = info.sum()
    if total > 0.0:
        w = info / total
    elif k >= 1:
        w = np.where(active, 1.0 / k, 0.0)
    else:
        w = np.full(n, 1.0 / n)
    return (
        np.asarray(w, dtype=np.float64),
        np.asarray(sigma, dtype=np.float64),
        corr,
        info,
    )
