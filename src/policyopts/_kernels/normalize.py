"""Column normalisation kernels (pure numpy, no validation).

Every kernel takes a matrix of shape ``(..., m, n)`` (alternatives on axis -2,
criteria on axis -1) and ``types`` of shape ``(n,)`` (+1 benefit, -1 cost), and maps
each column to a *benefit* scale (larger is better) along axis -2:

==========  ==========================  =============================
method      benefit column              cost column
==========  ==========================  =============================
``minmax``  (x - min) / (max - min)     (max - x) / (max - min)
``max``     x / max                     min / x
``sum``     x / sum(x)                  (1/x) / sum(1/x)
``vector``  x / ||x||                   1 - x / ||x||
==========  ==========================  =============================

Degenerate columns never divide by zero; the rules (all chosen so that such a
column gives every alternative the same value, hence cannot change a ranking,
or are the continuous limit of the formula) are:

- ``minmax``: a constant column (max == min) maps to 1.0 for every alternative.
- ``max``: benefit column with max == 0 (all zeros for non-negative data) maps
  to 1.0; cost column: an entry equal to 0 maps to 1.0 (it is the minimum, and
  min/x -> 1 as x -> min), other entries of a column whose minimum is 0 map to 0.0.
- ``sum``: benefit column with sum == 0 maps to 1/m each; cost column containing
  k zero entries maps those to 1/k and the rest to 0.0 (the limit of
  (1/x)/sum(1/x)); if sum(1/x) == 0 (only possible with mixed signs) 1/m each.
- ``vector``: a column with zero Euclidean norm (all zeros) is treated as a
  non-zero constant column: benefit 1/sqrt(m), cost 1 - 1/sqrt(m).

``max`` and ``sum`` are ratio-scale normalisations and are meaningful only for
non-negative data; the public wrappers enforce that.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

__all__ = ["NORMALIZATIONS", "max_", "minmax", "normalize", "sum_", "vector"]

FloatArray = NDArray[np.float64]


def safe_denominator(den: FloatArray, ok: NDArray[np.bool_]) -> FloatArray:
    """Replace denominators where ``ok`` is False by 1 so that division never warns."""
    out: FloatArray = np.where(ok, den, 1.0)
    return out


def minmax(matrix: FloatArray, types: FloatArray) -> FloatArray:
    """Min-max (linear interval) normalisation; constant column -> 1.0.

    >>> minmax(np.array([[1.0, 5.0], [3.0, 5.0], [2.0, 5.0]]), np.array([-1.0, 1.0]))
    array([[1. , 1. ],
           [0. , 1. ],
           [0.5, 1. ]])
    """
    cost = types < 0
    lo = matrix.min(axis=-2, keepdims=True)
    hi = matrix.max(axis=-2, keepdims=True)
    rng = hi - lo
    ok = rng > 0
    num = np.where(cost, hi - matrix, matrix - lo)
    out: FloatArray = np.where(ok, num / safe_denominator(rng, ok), 1.0)
    return out


def max_(matrix: FloatArray, types: FloatArray) -> FloatArray:
    """Max (linear ratio) normalisation: benefit x/max, cost min/x.

    >>> max_(np.array([[1.0, 2.0], [4.0, 8.0]]), np.array([1.0, -1.0]))
    array([[0.25, 1.  ],
           [1.  , 0.25]])
    """
    cost = types < 0
    hi = matrix.max(axis=-2, keepdims=True)
    lo = matrix.min(axis=-2, keepdims=True)
    ok_hi = hi != 0
    benefit = np.where(ok_hi, matrix / safe_denominator(hi, ok_hi), 1.0)
    ok_x = matrix != 0
    cost_val = np.where(ok_x, lo / safe_denominator(matrix, ok_x), 1.0)
    out: FloatArray = np.where(cost, cost_val, benefit)
    return out


def sum_(matrix: FloatArray, types: FloatArray) -> FloatArray:
    """Sum (proportional) normalisation: benefit x/sum(x), cost (1/x)/sum(1/x).

    >>> sum_(np.array([[1.0, 1.0], [3.0, 3.0]]), np.array([1.0, -1.0]))
    array([[0.25, 0.75],
           [0.75, 0.25]])
    """
    m = matrix.shape[-2]
    cost = types < 0
    total = matrix.sum(axis=-2, keepdims=True)
    ok_t = total != 0
    benefit = np.where(ok_t, matrix / safe_denominator(total, ok_t), 1.0 / m)
    zero = matrix == 0
    inv = np.where(zero, 0.0, 1.0 / safe_denominator(matrix, ~zero))
    inv_total = inv.sum(axis=-2, keepdims=True)
    ok_i = inv_total != 0
    n_zero = zero.sum(axis=-2, keepdims=True)
    has_zero = n_zero > 0
    cost_val = np.where(
        has_zero,
        zero / np.maximum(n_zero, 1),
        np.where(ok_i, inv / safe_denominator(inv_total, ok_i), 1.0 / m),
    )
    out: FloatArray = np.where(cost, cost_val, benefit)
    return out


def vector(matrix: FloatArray, types: FloatArray) -> FloatArray:
    """Vector (Euclidean) normalisation: benefit x/||x||, cost 1 - x/||x||.

    >>> vector(np.array([[3.0, 0.0], [4.0, 0.0]]), np.array([1.0, -1.0])).round(4)
    array([[0.6   , 0.2929],
           [0.8   , 0.2929]])
    """
    m = matrix.shape[-2]
    cost = types < 0
    norm = np.sqrt((matrix * matrix).sum(axis=-2, keepdims=True))
    ok = norm > 0
    ratio = np.where(ok, matrix / safe_denominator(norm, ok), 1.0 / np.sqrt(m))
    out: FloatArray = np.where(cost, 1.0 - ratio, ratio)
    return out


NORMALIZATIONS: dict[str, Callable[[FloatArray, FloatArray], FloatArray]] = {
    "minmax": minmax,
    "max": max_,
    "sum": sum_,
    "vector": vector,
}


def normalize(matrix: FloatArray, types: FloatArray, method: str) -> FloatArray:
    """Dispatch to the kernel named ``method`` (one of :data:`NORMALIZATIONS`)."""
    return NORMALIZATIONS[method](matrix, types)
