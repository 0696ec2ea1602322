"""Aggregation kernels: MOORA, COPRAS, EDAS, ARAS, MABAC and SPOTIS (pure numpy).

The contract is that of :mod:`policyopts._kernels.aggregate`: no validation; a
finite float64 ``matrix`` of shape ``(..., m, n)`` with ``m >= 2``, non-negative
``weights`` of shape ``(..., n)`` summing to 1, ``types`` of shape ``(n,)`` of
+1/-1; leading (sample) axes broadcast and every score has shape ``(*batch, m)``.

MOORA, MABAC and SPOTIS are additive: their score is ``sum_j w_j e_ij`` for
per-criterion terms ``e`` that do not depend on the weights; ``*_terms`` return
those terms so that callers can report each criterion's contribution.

Degenerate inputs never divide by zero; the rules are given with each kernel
and give every alternative the same value where a quantity is undefined.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from policyopts._kernels.aggregate import weighted_sum
from policyopts._kernels.normalize import normalize, safe_denominator

__all__ = [
    "aras",
    "copras",
    "edas",
    "mabac",
    "mabac_terms",
    "moora",
    "moora_terms",
    "spotis",
    "spotis_terms",
]

FloatArray = NDArray[np.float64]


def _div(num: FloatArray, den: FloatArray, fill: float) -> FloatArray:
    """``num / den`` where ``den != 0``, else ``fill`` (never warns)."""
    ok = den != 0
    out: FloatArray = np.where(ok, num / safe_denominator(den, ok), fill)
    return out


def moora_terms(matrix: FloatArray, types: FloatArray) -> FloatArray:
    """Signed vector-normalised values ``t_j x_ij / ||x_j||`` (0 for an all-zero column)."""
    norm = np.sqrt((matrix * matrix).sum(axis=-2, keepdims=True))
    out: FloatArray = _div(matrix, norm, 0.0) * types
    return out


def moora(
    matrix: FloatArray, weights: FloatArray, types: FloatArray
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """MOORA ratio system; returns ``(y, benefit, cost)`` with ``y = benefit - cost``.

    ``r_ij = x_ij / sqrt(sum_k x_kj**2)``; ``benefit_i`` sums ``w_j r_ij`` over the
    benefit criteria, ``cost_i`` over the cost criteria.
    """
    norm = np.sqrt((matrix * matrix).sum(axis=-2, keepdims=True))
    r = _div(matrix, norm, 0.0)
    benefit = weighted_sum(r * (types > 0), weights)
    cost = weighted_sum(r * (types < 0), weights)
    y: FloatArray = benefit - cost
    return y, benefit, cost


def copras(
    matrix: FloatArray, weights: FloatArray, types: FloatArray
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    """COPRAS; returns ``(utility, Q, S_plus, S_minus)``.

    ``r_ij = x_ij / sum_k x_kj`` (0 for an all-zero column), ``S+_i`` and ``S-_i``
    the weighted sums of ``r`` over the benefit and the cost criteria,

    ``Q_i = S+_i + sum_k S-_k / (S-_i sum_k 1/S-_k)`` and ``utility_i = Q_i / max_k Q_k``.

    When some ``S-_k`` of a sample is 0 (no weighted cost criterion) the cost term
    is dropped for that sample; when every ``Q`` is 0 the utility is 1.
    """
    r = _div(matrix, matrix.sum(axis=-2, keepdims=True), 0.0)
    s_plus = weighted_sum(r * (types > 0), weights)
    s_minus = weighted_sum(r * (types < 0), weights)
    ok = (s_minus > 0).all(axis=-1, keepdims=True)
    safe = np.where(ok, s_minus, 1.0)
    inv = 1.0 / safe
    term = s_minus.sum(axis=-1, keepdims=True) / (safe * inv.sum(axis=-1, keepdims=True))
    q: FloatArray = s_plus + np.where(ok, term, 0.0)
    utility = _div(q, q.max(axis=-1, keepdims=True), 1.0)
    return utility, q, s_plus, s_minus


def edas(
    matrix: FloatArray, weights: FloatArray, types: FloatArray
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """EDAS; returns ``(AS, SP, SN)``.

    With ``AV_j`` the column mean, ``PDA_ij = max(0, t_j (x_ij - AV_j)) / AV_j`` and
    ``NDA_ij = max(0, t_j (AV_j - x_ij)) / AV_j`` (both 0 where ``AV_j = 0``),
    ``SP = sum_j w_j PDA``, ``SN = sum_j w_j NDA`` and
    ``AS = (SP / max SP + 1 - SN / max SN) / 2``.  A sample whose ``max SP`` is 0
    also has ``max SN = 0`` (no alternative departs from the mean on a weighted
    criterion); its alternatives all get ``AS = 0.5``.
    """
    av = matrix.mean(axis=-2, keepdims=True)
    dev = (matrix - av) * types
    pda = _div(np.maximum(dev, 0.0), av, 0.0)
    nda = _div(np.maximum(-dev, 0.0), av, 0.0)
    sp = weighted_sum(pda, weights)
    sn = weighted_sum(nda, weights)
    nsp = _div(sp, sp.max(axis=-1, keepdims=True), 0.0)
    nsn = 1.0 - _div(sn, sn.max(axis=-1, keepdims=True), 0.0)
    score: FloatArray = 0.5 * (nsp + nsn)
    tied = (sp.max(axis=-1, keepdims=True) == 0) & (sn.max(axis=-1, keepdims=True) == 0)
    score = np.where(tied, 0.5, score)
    return score, sp, sn


def aras(
    matrix: FloatArray, weights: FloatArray, types: FloatArray, normalization: str
) -> tuple[FloatArray, FloatArray]:
    """ARAS; returns ``(K, S)``.

    An optimal alternative (the best value of every criterion: max for benefit,
    min for cost) is put on top of the matrix, the extended matrix is normalised
    (``"sum"`` in Zavadskas & Turskis 2010), ``S_i = sum_j w_j r_ij`` and the
    utility degree is ``K_i = S_i / S_0``.  Every normalisation offered is monotone,
    so ``S_0 >= S_i``; if ``S_0 = 0`` every ``K`` is 1.
    """
    best = np.where(types > 0, matrix.max(axis=-2), matrix.min(axis=-2))
    ext = np.concatenate([best[..., None, :], matrix], axis=-2)
    s_all = weighted_sum(normalize(ext, types, normalization), weights)
    s0 = s_all[..., :1]
    s = s_all[..., 1:]
    k = _div(s, np.broadcast_to(s0, s.shape), 1.0)
    return k, s


def mabac_terms(matrix: FloatArray, types: FloatArray, normalization: str) -> FloatArray:
    """``(r_ij + 1) - G_j`` with ``G_j`` the geometric mean of ``r_kj + 1`` over alternatives."""
    base = normalize(matrix, types, normalization) + 1.0
    pos = base > 0
    logs = np.log(np.where(pos, base, 1.0)).mean(axis=-2, keepdims=True)
    g = np.where(pos.all(axis=-2, keepdims=True), np.exp(logs), 0.0)
    out: FloatArray = base - g
    return out


def mabac(
    matrix: FloatArray, weights: FloatArray, types: FloatArray, normalization: str
) -> FloatArray:
    """MABAC: ``Q_i = sum_j (v_ij - g_j)`` with ``v_ij = w_j (r_ij + 1)`` and ``g_j`` the
    geometric mean of ``v_kj`` over the alternatives, i.e. ``sum_j w_j e_ij`` with
    :func:`mabac_terms` ``e``.  ``r`` is the normalised matrix (``"minmax"`` in
    Pamučar & Ćirović 2015).
    """
    return weighted_sum(mabac_terms(matrix, types, normalization), weights)


def spotis_terms(matrix: FloatArray, types: FloatArray, bounds: FloatArray | None) -> FloatArray:
    """``|x_ij - s*_j| / (max_j - min_j)``; 0 on a criterion whose bounds coincide.

    ``bounds`` has shape ``(2, n)`` (min, max); ``None`` takes each sample's column
    minimum and maximum.  The ideal ``s*_j`` is the max bound of a benefit and the
    min bound of a cost criterion.
    """
    if bounds is None:
        lo = matrix.min(axis=-2, keepdims=True)
        hi = matrix.max(axis=-2, keepdims=True)
    else:
        lo, hi = bounds[0], bounds[1]
    ideal = np.where(types > 0, hi, lo)
    return _div(np.abs(matrix - ideal), hi - lo, 0.0)


def spotis(
    matrix: FloatArray, weights: FloatArray, types: FloatArray, bounds: FloatArray | None
) -> FloatArray:
    """SPOTIS distance to the ideal solution point, ``sum_j w_j`` :func:`spotis_terms`;
    lower is better."""
    return weighted_sum(spotis_terms(matrix, types, bounds), weights)
