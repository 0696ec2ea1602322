"""Aggregation kernels: WSM, WPM, TOPSIS, VIKOR and PROMETHEE II (pure numpy).

No validation happens here: callers pass a finite float64 ``matrix`` of shape
``(..., m, n)`` with ``m >= 2``, non-negative ``weights`` of shape ``(..., n)`` that
sum to 1 along the last axis, and ``types`` of shape ``(n,)`` with entries +1/-1.
The leading (sample) axes of ``matrix`` and ``weights`` broadcast; every kernel
returns arrays of shape ``(*batch, m)``.

Everything is vectorised over samples.  The common case of one matrix and many
weight vectors (``matrix (m, n)``, ``weights (S, n)``) is reduced to matrix
products ``weights @ per_criterion_values.T`` wherever the method is linear in
the weights (WSM, WPM in log space, TOPSIS distances in squared weights, VIKOR's S
and all PROMETHEE flows).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from numpy.typing import NDArray

from policyopts._kernels.normalize import normalize, safe_denominator
from policyopts._kernels.rank import TIE_RTOL

__all__ = [
    "PREFERENCE_FUNCTIONS",
    "preference",
    "promethee_ii",
    "topsis",
    "vikor",
    "weighted_sum",
    "wpm",
    "wsm",
]

FloatArray = NDArray[np.float64]


def weighted_sum(values: FloatArray, weights: FloatArray) -> FloatArray:
    """``sum_j weights[..., j] * values[..., i, j]`` with broadcasting -> ``(..., m)``.

    Uses a single matrix product when ``values`` is 2-D (one matrix, many weight
    vectors) or ``weights`` is 1-D (many matrices, one weight vector).

    >>> weighted_sum(np.array([[1.0, 0.0], [0.0, 1.0]]), np.array([[0.2, 0.8], [1.0, 0.0]]))
    array([[0.2, 0.8],
           [1. , 0. ]])
    """
    if values.ndim == 2:
        out: FloatArray = weights @ values.T
        return out
    if weights.ndim == 1:
        out = values @ weights
        return out
    out = np.matmul(values, weights[..., None])[..., 0]
    return out


def _values(matrix: FloatArray, types: FloatArray, normalization: str | None) -> FloatArray:
    if normalization is None:
        out: FloatArray = matrix * types
        return out
    return normalize(matrix, types, normalization)


def wsm(
    matrix: FloatArray, weights: FloatArray, types: FloatArray, normalization: str | None
) -> FloatArray:
    """Weighted sum ``sum_j w_j r_ij`` of normalised values ``r``.

    With ``normalization=None`` the raw values are used and cost criteria enter
    with a negative sign (``r_ij = t_j x_ij``).
    """
    return weighted_sum(_values(matrix, types, normalization), weights)


def wpm(
    matrix: FloatArray, weights: FloatArray, types: FloatArray, normalization: str | None
) -> FloatArray:
    """Weighted product ``prod_j r_ij ** w_j``, computed as ``exp(sum_j w_j log r_ij)``.

    With ``normalization=None``, ``r_ij = x_ij ** t_j`` (cost criteria enter with a
    negative exponent; requires ``x > 0``).  A normalised value of exactly 0 (e.g.
    the worst alternative under ``minmax``) makes the product 0 when its weight is
    positive and is ignored when its weight is 0 (``0 ** 0 = 1``).
    """
    if normalization is None:
        log_v: FloatArray = np.log(matrix) * types
        out: FloatArray = np.exp(weighted_sum(log_v, weights))
        return out
    v = normalize(matrix, types, normalization)
    zero = v <= 0
    log_v = np.log(np.where(zero, 1.0, v))
    out = np.exp(weighted_sum(log_v, weights))
    if zero.any():
        hit = weighted_sum(zero.astype(np.float64), weights) > 0
        out = np.where(hit, 0.0, out)
    return out


def topsis(
    matrix: FloatArray, weights: FloatArray, types: FloatArray, normalization: str
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """TOPSIS closeness ``d- / (d+ + d-)``; returns ``(closeness, d_plus, d_minus)``.

    After normalisation every column is benefit-oriented, so the ideal is the
    column maximum and the anti-ideal the column minimum of the weighted matrix
    ``v_ij = w_j r_ij``.  Because ``w_j >= 0``,
    ``d+_i**2 = sum_j w_j**2 (r_ij - max_k r_kj)**2`` (likewise ``d-``), a weighted sum
    in the squared weights.  When ``d+ + d- == 0`` (all alternatives identical on
    every positively weighted criterion) the closeness is 0.5.
    """
    r = normalize(matrix, types, normalization)
    w2 = weights * weights
    gap_best = r - r.max(axis=-2, keepdims=True)
    gap_worst = r - r.min(axis=-2, keepdims=True)
    d_plus: FloatArray = np.sqrt(weighted_sum(gap_best * gap_best, w2))
    d_minus: FloatArray = np.sqrt(weighted_sum(gap_worst * gap_worst, w2))
    den = d_plus + d_minus
    ok = den > 0
    closeness: FloatArray = np.where(ok, d_minus / safe_denominator(den, ok), 0.5)
    return closeness, d_plus, d_minus


def _unit_term(x: FloatArray) -> FloatArray:
    """``(x - min) / (max - min)`` along the last axis; 0 where max - min is negligible."""
    lo = x.min(axis=-1, keepdims=True)
    hi = x.max(axis=-1, keepdims=True)
    rng = hi - lo
    ok = rng > TIE_RTOL * np.maximum(np.abs(lo), np.abs(hi))
    out: FloatArray = np.where(ok, (x - lo) / safe_denominator(rng, ok), 0.0)
    return out


def vikor(
    matrix: FloatArray, weights: FloatArray, types: FloatArray, v: float
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """VIKOR (Opricovic & Tzeng 2004); returns ``(Q, S, R)`` (lower is better).

    ``d_ij = (f*_j - f_ij) / (f*_j - f-_j)`` with ``f*`` the best and ``f-`` the worst
    value of criterion ``j``; a constant criterion has ``d_ij = 0``.  ``S = sum_j w_j
    d_ij``, ``R = max_j w_j d_ij`` and ``Q = v (S - S*)/(S- - S*) + (1 - v)(R - R*)/(R- -
    R*)``, where a term whose denominator is zero (up to a relative ``TIE_RTOL``) is 0.
    """
    lo = matrix.min(axis=-2, keepdims=True)
    hi = matrix.max(axis=-2, keepdims=True)
    rng = hi - lo
    ok = rng > 0
    gap = np.where(types < 0, matrix - lo, hi - matrix)  # |f*_j - f_ij|
    d: FloatArray = np.where(ok, gap / safe_denominator(rng, ok), 0.0)
    s = weighted_sum(d, weights)
    r: FloatArray = (d * weights[..., None, :]).max(axis=-1)
    q: FloatArray = v * _unit_term(s) + (1.0 - v) * _unit_term(r)
    return q, s, r


# --- PROMETHEE preference functions (Brans, Vincke & Mareschal 1986) -----------------


def _usual(d: FloatArray, q: FloatArray, p: FloatArray, s: FloatArray) -> FloatArray:
    return (d > 0).astype(np.float64)


def _ushape(d: FloatArray, q: FloatArray, p: FloatArray, s: FloatArray) -> FloatArray:
    return (d > q).astype(np.float64)


def _vshape(d: FloatArray, q: FloatArray, p: FloatArray, s: FloatArray) -> FloatArray:
    out: FloatArray = np.clip(d / p, 0.0, 1.0)
    return out


def _level(d: FloatArray, q: FloatArray, p: FloatArray, s: FloatArray) -> FloatArray:
    out: FloatArray = np.where(d > p, 1.0, np.where(d > q, 0.5, 0.0))
    return out


def _linear(d: FloatArray, q: FloatArray, p: FloatArray, s: FloatArray) -> FloatArray:
    span = p - q
    ok = span > 0
    ramp = np.clip((d - q) / safe_denominator(span, ok), 0.0, 1.0)
    out: FloatArray = np.where(ok, ramp, (d > p).astype(np.float64))
    return out


def _gaussian(d: FloatArray, q: FloatArray, p: FloatArray, s: FloatArray) -> FloatArray:
    out: FloatArray = np.where(d > 0, -np.expm1(-(d * d) / (2.0 * s * s)), 0.0)
    return out


PreferenceFunction = Callable[[FloatArray, FloatArray, FloatArray, FloatArray], FloatArray]

#: Preference functions by name, with the parameters each one needs.
PREFERENCE_FUNCTIONS: dict[str, tuple[PreferenceFunction, tuple[str, ...]]] = {
    "usual": (_usual, ()),
    "ushape": (_ushape, ("q",)),
    "vshape": (_vshape, ("p",)),
    "level": (_level, ("q", "p")),
    "linear": (_linear, ("q", "p")),
    "gaussian": (_gaussian, ("s",)),
}


def preference(
    d: FloatArray,
    functions: Sequence[str],
    q: FloatArray,
    p: FloatArray,
    s: FloatArray,
) -> FloatArray:
    """Apply per-criterion preference functions to differences ``d`` of shape ``(..., n)``.

    ``functions`` has one name per criterion; ``q``, ``p``, ``s`` have shape ``(n,)``
    (entries for criteria whose function does not use them are ignored).  The loop
    runs over the distinct function names (at most six), never over samples.
    """
    kinds = np.asarray(functions)
    unique = list(dict.fromkeys(functions))
    if len(unique) == 1:
        fn = PREFERENCE_FUNCTIONS[unique[0]][0]
        return fn(d, q, p, s)
    out = np.zeros_like(d)
    for name in unique:
        cols = kinds == name
        fn = PREFERENCE_FUNCTIONS[name][0]
        out[..., cols] = fn(d[..., cols], q[cols], p[cols], s[cols])
    return out


def promethee_ii(
    matrix: FloatArray,
    weights: FloatArray,
    types: FloatArray,
    functions: Sequence[str],
    q: FloatArray,
    p: FloatArray,
    s: FloatArray,
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """PROMETHEE II net flows; returns ``(phi, phi_plus, phi_minus)``.

    ``d_j(a, b) = t_j (x_aj - x_bj)``, ``pi(a, b) = sum_j w_j P_j(d_j(a, b))``,
    ``phi+(a) = sum_b pi(a, b) / (m - 1)``, ``phi-(a) = sum_b pi(b, a) / (m - 1)`` and
    ``phi = phi+ - phi-``.  Pairwise differences have shape ``(..., m, m, n)``.
    """
    m = matrix.shape[-2]
    d = (matrix[..., :, None, :] - matrix[..., None, :, :]) * types
    pref = preference(d, functions, q, p, s)
    leaving = pref.sum(axis=-2) / (m - 1)  # per criterion, sum over b of P(a, b)
    entering = pref.sum(axis=-3) / (m - 1)  # per criterion, sum over b of P(b, a)
    phi_plus = weighted_sum(leaving, weights)
    phi_minus = weighted_sum(entering, weights)
    phi: FloatArray = phi_plus - phi_minus
    return phi, phi_plus, phi_minus
