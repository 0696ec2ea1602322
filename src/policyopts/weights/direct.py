"""Directly assessed weights: direct points, swing weights, and rank-based
weights (ROC, rank sum, rank reciprocal)."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from policyopts._kernels import weights as _k
from policyopts.weights._result import (
    WeightsResult,
    _nonneg_not_all_zero,
    _ranks,
    _vector,
    labelled,
)

# ---------------------------------------------------------------------------
# Direct and swing weights
# ---------------------------------------------------------------------------


@labelled
def direct(weights: ArrayLike) -> WeightsResult:
    """Normalise directly assessed weights to sum 1.

    .. math:: w_j = \\frac{v_j}{\\sum_k v_k}

    The numbers may be on any ratio scale (percentages, points, ...); direct
    rating / point allocation as described by von Winterfeldt & Edwards (1986,
    ch. 8).

    Parameters
    ----------
    weights : array_like, shape (n,)
        Non-negative, finite, not all zero.

    Returns
    -------
    WeightsResult
        ``method="direct"``.

    Examples
    --------
    >>> direct([2, 1, 1])
    WeightsResult(method='direct', weights=[0.5000, 0.2500, 0.2500])
    """
    v = _vector(weights, "weights")
    _nonneg_not_all_zero(v, "weights")
    return WeightsResult(weights=v / v.sum(), method="direct")


@labelled
def swing(points: ArrayLike) -> WeightsResult:
    """Swing weights (von Winterfeldt & Edwards, 1986; Edwards & Barron, 1994).

    The decision maker imagines every criterion at its worst level, picks the
    criterion whose swing from worst to best matters most and gives it 100
    points, then scores the other swings relative to it (0-100). Weights are

    .. math:: w_j = \\frac{p_j}{\\sum_k p_k}

    and are therefore invariant to a common rescaling of the points.

    Parameters
    ----------
    points : array_like, shape (n,)
        Swing points in [0, 100], finite, not all zero. The most important
        swing is usually 100, but this is not enforced.

    Returns
    -------
    WeightsResult
        ``method="swing"``; ``diagnostics["points"]`` holds the points.

    Examples
    --------
    >>> swing([100, 80, 20])
    WeightsResult(method='swing', weights=[0.5000, 0.4000, 0.1000])
    """
    p = _vector(points, "points")
    _nonneg_not_all_zero(p, "points")
    over = np.flatnonzero(p > 100)
    if over.size:
        raise ValueError(f"points[{over[0]}]: swing points must be <= 100, got {p[over[0]]}")
    return WeightsResult(weights=p / p.sum(), method="swing", diagnostics={"points": p})


# ---------------------------------------------------------------------------
# Rank-order weights
# ---------------------------------------------------------------------------


def _rank_result(ranks: ArrayLike, scheme: _k.RankScheme) -> WeightsResult:
    r = _ranks(ranks)
    return WeightsResult(
        weights=_k.rank_weights(r, scheme), method=scheme, diagnostics={"ranks": r}
    )


_TIES_NOTE = """
    Only the order of the ranks matters: rank 1 is the most important
    criterion. Ties are allowed, in competition (1, 2, 2, 4) or dense
    (1, 2, 2, 3) notation alike: the tied criteria occupy consecutive
    positions and each gets the mean of those positions' weights, e.g. ranks
    (1, 2, 2, 3) give the second and third criteria ``(w(2) + w(3)) / 2``
    each. Weights of a strict ranking need no normalisation; with ties they
    still sum to 1."""


@labelled
def roc(ranks: ArrayLike) -> WeightsResult:
    """Rank order centroid weights (Barron & Barrett, 1996).

    For position k of n (1 = most important),

    .. math:: w(k) = \\frac{1}{n} \\sum_{i=k}^{n} \\frac{1}{i}

    the centroid of the simplex of weight vectors compatible with the ranking
    (also credited to Solymosi & Dombi, 1985).
    {ties}

    Parameters
    ----------
    ranks : array_like of int, shape (n,)
        Positive integers, 1 = most important.

    Returns
    -------
    WeightsResult
        ``method="roc"``.

    Examples
    --------
    >>> roc([1, 2, 3, 4])
    WeightsResult(method='roc', weights=[0.5208, 0.2708, 0.1458, 0.0625])
    >>> roc([2, 1, 2])  # two criteria tied for second place
    WeightsResult(method='roc', weights=[0.1944, 0.6111, 0.1944])
    """
    return _rank_result(ranks, "roc")


@labelled
def rank_sum(ranks: ArrayLike) -> WeightsResult:
    """Rank sum weights (Stillwell, Seaver & Edwards, 1981).

    For position k of n (1 = most important),

    .. math:: w(k) = \\frac{2 (n + 1 - k)}{n (n + 1)}
    {ties}

    Parameters
    ----------
    ranks : array_like of int, shape (n,)
        Positive integers, 1 = most important.

    Returns
    -------
    WeightsResult
        ``method="rank_sum"``.

    Examples
    --------
    >>> rank_sum([1, 2, 3, 4])
    WeightsResult(method='rank_sum', weights=[0.4000, 0.3000, 0.2000, 0.1000])
    """
    return _rank_result(ranks, "rank_sum")


@labelled
def rank_reciprocal(ranks: ArrayLike) -> WeightsResult:
    """Rank reciprocal weights (Stillwell, Seaver & Edwards, 1981).

    For position k of n (1 = most important),

    .. math:: w(k) = \\frac{1/k}{\\sum_{i=1}^{n} 1/i}
    {ties}

    Parameters
    ----------
    ranks : array_like of int, shape (n,)
        Positive integers, 1 = most important.

    Returns
    -------
    WeightsResult
        ``method="rank_reciprocal"``.

    Examples
    --------
    >>> rank_reciprocal([1, 2, 3, 4])
    WeightsResult(method='rank_reciprocal', weights=[0.4800, 0.2400, 0.1600, 0.1200])
    """
    return _rank_result(ranks, "rank_reciprocal")


for _f in (roc, rank_sum, rank_reciprocal):
    if _f.__doc__:
        _f.__doc__ = _f.__doc__.replace("{ties}", _TIES_NOTE)
del _f
