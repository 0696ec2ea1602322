"""Single-attribute value functions: map a score on a criterion's scale to a
value in [0, 1], where 1 is best.

These are the building blocks of multi-attribute value theory (MAVT): an
option's overall value is the weighted sum of its single-attribute values
(Keeney & Raiffa, 1976; Belton & Stewart, 2002, ch. 5). All functions are pure
numpy and accept arrays of any shape (they broadcast), so a million sampled
scores are transformed in one call.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = ["exponential", "linear", "piecewise_linear"]

FloatArray = NDArray[np.float64]


def _check_bounds(lo: float, hi: float) -> None:
    if not (np.isfinite(lo) and np.isfinite(hi)):
        raise ValueError(f"lo, hi: must be finite, got {lo!r}, {hi!r}")
    if not lo < hi:
        raise ValueError(f"lo, hi: need lo < hi, got lo={lo!r}, hi={hi!r}")


def _check_direction(direction: int) -> None:
    if direction not in (1, -1):
        raise ValueError(f"direction: must be +1 (benefit) or -1 (cost), got {direction!r}")


def _position(x: ArrayLike, lo: float, hi: float, direction: int) -> FloatArray:
    _check_bounds(lo, hi)
    _check_direction(direction)
    arr = np.asarray(x, dtype=np.float64)
    if not np.all(np.isfinite(arr)):
        raise ValueError("x: contains NaN or infinity")
    z = (arr - lo) / (hi - lo)
    if direction == -1:
        z = 1.0 - z
    return np.clip(z, 0.0, 1.0)


def linear(x: ArrayLike, lo: float, hi: float, *, direction: int = 1) -> FloatArray:
    """Linear value on the scale ``[lo, hi]``.

    .. math:: v(x) = \\frac{x - lo}{hi - lo} \\ \\text{(benefit)}, \\quad
              v(x) = \\frac{hi - x}{hi - lo} \\ \\text{(cost)}

    Scores outside the scale are clipped to it.

    Parameters
    ----------
    x : array_like
        Scores, any shape.
    lo, hi : float
        Ends of the criterion's scale, ``lo < hi``.
    direction : {1, -1}
        +1 for a benefit criterion (more is better), -1 for a cost criterion.

    Returns
    -------
    ndarray
        Values in [0, 1], the shape of ``x``.

    Examples
    --------
    >>> linear([0, 5, 10], 0, 10)
    array([0. , 0.5, 1. ])
    >>> linear([0, 5, 10], 0, 10, direction=-1)
    array([1. , 0.5, 0. ])
    """
    return _position(x, lo, hi, direction)


def exponential(
    x: ArrayLike, lo: float, hi: float, rho: float, *, direction: int = 1
) -> FloatArray:
    """Exponential value function (Kirkwood, 1997, sec. 4.2).

    With :math:`z` the position of ``x`` on the scale in the preferred
    direction (0 worst, 1 best),

    .. math:: v(z) = \\frac{1 - e^{-\\rho z}}{1 - e^{-\\rho}}

    ``rho > 0`` gives a concave function (early gains matter most, diminishing
    returns); ``rho < 0`` a convex one; ``rho = 0`` is rejected (use linear).

    Examples
    --------
    >>> v = exponential([0, 5, 10], 0, 10, rho=2.0)
    >>> [round(float(a), 3) for a in v]
    [0.0, 0.731, 1.0]
    """
    if not np.isfinite(rho) or rho == 0:
        raise ValueError(f"rho: must be a finite non-zero number, got {rho!r}")
    if abs(rho) > 700:  # exp(700) is near the largest float64
        raise ValueError(f"rho: must lie between -700 and 700 (exp overflows), got {rho!r}")
    z = _position(x, lo, hi, direction)
    return np.asarray(np.expm1(-rho * z) / np.expm1(-rho), dtype=np.float64)


def piecewise_linear(x: ArrayLike, xs: ArrayLike, vs: ArrayLike) -> FloatArray:
    """Piecewise-linear value function through the points ``(xs[k], vs[k])``.

    ``xs`` must be strictly increasing and ``vs`` within [0, 1]; scores beyond
    the first or last point take the end values. The direction of preference
    is carried by the points themselves (decreasing ``vs`` for a cost
    criterion), as in the bisection and difference methods of eliciting value
    functions (von Winterfeldt & Edwards, 1986, ch. 7).

    Examples
    --------
    >>> piecewise_linear([0, 2.5, 5, 10], [0, 5, 10], [0, 0.8, 1])
    array([0. , 0.4, 0.8, 1. ])
    """
    xa = np.asarray(xs, dtype=np.float64)
    va = np.asarray(vs, dtype=np.float64)
    if xa.ndim != 1 or xa.shape != va.shape or xa.size < 2:
        raise ValueError(
            f"xs, vs: need two 1-d arrays of equal length >= 2, got {xa.shape} and {va.shape}"
        )
    if not (np.all(np.isfinite(xa)) and np.all(np.isfinite(va))):
        raise ValueError("xs, vs: contain NaN or infinity")
    if np.any(np.diff(xa) <= 0):
        raise ValueError(f"xs: must be strictly increasing, got {xa.tolist()}")
    if np.any((va < 0) | (va > 1)):
        raise ValueError(f"vs: values must lie in [0, 1], got {va.tolist()}")
    arr = np.asarray(x, dtype=np.float64)
    if not np.all(np.isfinite(arr)):
        raise ValueError("x: contains NaN or infinity")
    return np.asarray(np.interp(arr, xa, va), dtype=np.float64)
