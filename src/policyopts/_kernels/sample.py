"""Weight-sampling kernels for SMAA (pure numpy, no validation).

Every kernel takes a :class:`numpy.random.Generator` and a number of draws
``size`` and returns a float64 array of shape ``(size, n)`` whose rows lie on
the weight simplex ``{w : w_j >= 0, sum_j w_j = 1}``.  Draws are made in whole
batches: the number of generator calls does not grow with ``size`` (the
rejection sampler makes a handful of batch calls, see :func:`simplex_box`).

Kernels
-------
- :func:`simplex_uniform` -- uniform on the simplex (Dirichlet(1, ..., 1)).
- :func:`simplex_ordinal` -- uniform on the part of the simplex that respects a
  ranking of the criteria (ties allowed).
- :func:`simplex_box` -- uniform on the simplex cut by per-weight intervals,
  exact, by rejection on the upper bounds after an exact shift for the lower
  bounds; :func:`tighten_box` and :func:`box_acceptance` prepare it.
- :func:`dirichlet` -- Dirichlet with given concentration parameters (zeros
  allowed: that weight is always 0).

The callers (:mod:`policyopts.distributions`) validate their input and
guard the rejection sampler's efficiency.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "MAX_BATCH_ROWS",
    "box_acceptance",
    "dirichlet",
    "exponential_rows",
    "simplex_box",
    "simplex_ordinal",
    "simplex_uniform",
    "tighten_box",
]

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]

#: Largest number of proposals the rejection sampler draws in one batch (bounds memory).
MAX_BATCH_ROWS = 1 << 18

#: Up to this many free coordinates :func:`box_acceptance` is exact (inclusion-exclusion).
_EXACT_ACCEPTANCE_DIM = 16


def simplex_uniform(rng: np.random.Generator, size: int, n: int) -> FloatArray:
    r"""``size`` draws uniform on the simplex of dimension ``n``.

    Normalised independent standard exponentials are Dirichlet(1, ..., 1),
    the uniform distribution on the simplex (Rubinstein & Kroese 2016, sec. 4.3):

    .. math:: w_j = E_j / \textstyle\sum_k E_k, \quad E_j \sim \mathrm{Exp}(1).

    >>> w = simplex_uniform(np.random.default_rng(0), 4, 3)
    >>> w.shape, bool(np.allclose(w.sum(axis=1), 1.0))
    ((4, 3), True)
    """
    e, total = exponential_rows(rng, size, n)
    out: FloatArray = e / total[:, None]
    return out


def exponential_rows(rng: np.random.Generator, size: int, n: int) -> tuple[FloatArray, FloatArray]:
    """``size`` rows of ``n`` standard exponentials and their row sums.

    ``e / total[:, None]`` is :func:`simplex_uniform`; the row sums are a
    matrix-vector product (a sum over a short last axis is several times
    slower in numpy).

    >>> e, total = exponential_rows(np.random.default_rng(0), 2, 3)
    >>> bool(np.allclose(e.sum(axis=1), total))
    True
    """
    e = rng.standard_exponential((size, n))
    total: FloatArray = e @ np.ones(n)
    return e, total


def _dense_groups(ranks: IntArray) -> IntArray:
    """0-based dense group index of each criterion (0 = most important)."""
    _, inverse = np.unique(ranks, return_inverse=True)
    return np.asarray(inverse, dtype=np.int64).reshape(-1)


def simplex_ordinal(rng: np.random.Generator, size: int, ranks: IntArray) -> FloatArray:
    """``size`` draws uniform on ``{w in simplex : w_a >= w_b whenever rank_a < rank_b}``.

    ``ranks`` (1 = most important) may tie: criteria of equal rank are not
    ordered among themselves, but each of them weighs at least as much as
    any criterion of a larger rank and no more than any of a smaller rank.

    Method (exact): the region is a union of the ordered cones
    ``w_{p(1)} >= ... >= w_{p(n)}`` over the permutations ``p`` consistent
    with the ranking; all cones have the same volume, and sorting a uniform
    simplex draw maps it uniformly onto one cone.  So each draw is a uniform
    simplex draw sorted in decreasing order, handed out by rank, with the
    places inside each tied group shuffled at random.

    >>> w = simplex_ordinal(np.random.default_rng(1), 1000, np.array([2, 1, 3]))
    >>> bool(np.all(w[:, 1] >= w[:, 0]) and np.all(w[:, 0] >= w[:, 2]))
    True
    """
    n = int(ranks.shape[0])
    groups = _dense_groups(ranks)
    desc = np.sort(simplex_uniform(rng, size, n), axis=1)[:, ::-1]
    if np.unique(groups).size == n:
        order = np.argsort(groups, kind="stable")
        out = np.empty_like(desc)
        out[:, order] = desc
        return out
    # Random order inside tied groups: sort by group + U(0, 1) keys.
    keys = groups[None, :] + rng.random((size, n))
    perm = np.argsort(keys, axis=1)  # perm[k, p] = criterion at position p
    out = np.empty_like(desc)
    np.put_along_axis(out, perm, desc, axis=1)
    return out


def tighten_box(lower: FloatArray, upper: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Implied bounds of ``{w in simplex : lower <= w <= upper}``.

    Since the other weights sum to ``1 - w_j``, ``w_j >= 1 - sum_{k != j} upper_k``
    and ``w_j <= 1 - sum_{k != j} lower_k``; the bounds are also clipped to
    ``[0, 1]``.  The feasible set is unchanged; only the bounds get tighter,
    which makes the rejection step of :func:`simplex_box` cheaper.  The result
    may have ``lower > upper`` when the box misses the simplex.

    >>> lo, hi = tighten_box(np.array([0.0, 0.0]), np.array([0.3, 1.0]))
    >>> print(lo.round(12), hi.round(12))
    [0.  0.7] [0.3 1. ]
    """
    lo = np.clip(lower, 0.0, 1.0)
    hi = np.clip(upper, 0.0, 1.0)
    lo2 = np.maximum(lo, 1.0 - (hi.sum() - hi))
    hi2 = np.minimum(hi, 1.0 - (lo.sum() - lo))
    return np.asarray(lo2, dtype=np.float64), np.asarray(hi2, dtype=np.float64)


def _free(lower: FloatArray, upper: FloatArray, tol: float = 1e-12) -> NDArray[np.bool_]:
    out: NDArray[np.bool_] = (upper - lower) > tol
    return out


def box_acceptance(
    lower: FloatArray, upper: FloatArray, *, seed: int = 0, pilot: int = 1 << 17
) -> float:
    r"""Share of uniform proposals :func:`simplex_box` accepts for this box.

    After the exact shift ``w = lower + (1 - sum(lower)) u`` (``u`` uniform
    on the simplex of the free coordinates), a proposal is accepted when
    ``u_j <= b_j = (upper_j - lower_j) / (1 - sum(lower))`` for every ``j``.  For
    up to 16 free coordinates the probability is exact by inclusion-exclusion
    (for ``d`` coordinates, :math:`P(u_j > b_j \ \forall j \in S) = (1 - \sum_S b_j)_+^{d-1}`):

    .. math:: P = \sum_{S} (-1)^{|S|} \Big(1 - \sum_{j \in S} b_j\Big)_+^{d-1};

    beyond that it is estimated from ``pilot`` proposals drawn with ``seed``.
    ``lower`` and ``upper`` must be tightened (:func:`tighten_box`) and feasible.

    >>> round(box_acceptance(np.array([0.0, 0.0]), np.array([0.5, 1.0])), 12)
    0.5
    """
    free = _free(lower, upper)
    d = int(free.sum())
    rest = 1.0 - float(lower.sum())
    if d <= 1 or rest <= 0.0:
        return 1.0
    b = (upper[free] - lower[free]) / rest
    if d <= _EXACT_ACCEPTANCE_DIM:
        # Every subset S of the d coordinates as a row of 0/1 indicators.
        codes = np.arange(1 << d, dtype=np.int64)
        member = ((codes[:, None] >> np.arange(d, dtype=np.int64)) & 1).astype(np.float64)
        slack = np.clip(1.0 - member @ b, 0.0, None)
        sign = np.where(member.sum(axis=1) % 2 == 1, -1.0, 1.0)
        total = float(np.sum(sign * slack ** (d - 1)))
        return float(min(1.0, max(0.0, total)))
    u = simplex_uniform(np.random.default_rng(seed), pilot, d)
    return float(np.mean(np.all(u <= b, axis=1)))


def simplex_box(
    rng: np.random.Generator,
    size: int,
    lower: FloatArray,
    upper: FloatArray,
    *,
    acceptance: float,
) -> FloatArray:
    """``size`` draws uniform on ``{w in simplex : lower <= w <= upper}`` (exact).

    ``lower`` and ``upper`` must be tightened (:func:`tighten_box`) and the box
    must meet the simplex.  Coordinates with ``upper == lower`` are fixed.  The
    free coordinates are drawn as ``lower + (1 - sum(lower)) u`` with ``u``
    uniform on their simplex -- an affine map, so exactly uniform on the
    region with only the lower bounds -- and proposals breaking an upper bound
    are rejected.  Proposals come in batches of about
    ``remaining / acceptance`` rows (at most :data:`MAX_BATCH_ROWS`), so the
    number of generator calls depends on the acceptance rate, not on ``size``.

    >>> w = simplex_box(np.random.default_rng(2), 500, np.array([0.1, 0.2, 0.0]),
    ...                 np.array([0.5, 0.6, 0.7]), acceptance=0.5)
    >>> bool(np.all(w >= [0.1, 0.2, 0.0]) and np.all(w <= [0.5, 0.6, 0.7]))
    True
    """
    n = int(lower.shape[0])
    free = _free(lower, upper)
    d = int(free.sum())
    rest = max(0.0, 1.0 - float(lower.sum()))
    out = np.empty((size, n), dtype=np.float64)
    out[:] = lower
    if d == 0 or rest == 0.0 or size == 0:
        return out
    if d == 1:
        out[:, free] += rest
        return out
    caps = (upper[free] - lower[free]) / rest
    lo_free = lower[free]
    rate = min(1.0, max(float(acceptance), 1e-9))
    filled = 0
    cols = np.flatnonzero(free)
    while filled < size:
        need = size - filled
        rows = min(MAX_BATCH_ROWS, int(need / rate * 1.1) + 64)
        u = simplex_uniform(rng, rows, d)
        ok = np.all(u <= caps, axis=1)
        take = u[ok][:need]
        got = take.shape[0]
        out[filled : filled + got, cols] = lo_free + rest * take
        filled += got
    return out


def dirichlet(rng: np.random.Generator, size: int, alpha: FloatArray) -> FloatArray:
    r"""``size`` Dirichlet(``alpha``) draws by normalised gamma variates.

    :math:`w_j = G_j / \sum_k G_k` with :math:`G_j \sim \Gamma(\alpha_j, 1)`;
    a zero ``alpha_j`` gives ``w_j = 0`` always.  In the (practically
    impossible) event that every gamma variate of a row underflows to 0 the
    row is set to ``alpha / sum(alpha)``, the mean.

    >>> w = dirichlet(np.random.default_rng(3), 20000, np.array([50.0, 30.0, 20.0]))
    >>> np.round(w.mean(axis=0), 2).tolist()
    [0.5, 0.3, 0.2]
    """
    g = rng.standard_gamma(alpha, size=(size, alpha.shape[0]))
    total = g.sum(axis=1, keepdims=True)
    ok = total > 0
    mean = alpha / alpha.sum()
    out: FloatArray = np.where(ok, g / np.where(ok, total, 1.0), mean)
    return out
