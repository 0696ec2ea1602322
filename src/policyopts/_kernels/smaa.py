"""Counting kernels of SMAA-2 (pure numpy, no validation).

A SMAA run scores many draws (weights and, optionally, score matrices) and
keeps only small tallies.  The tallies of one chunk of draws are a
:class:`Tally`; tallies of chunks add up, so a run over any number of chunks
needs memory for one chunk only.  Everything that is counted is counted in
integers -- exact and independent of the order in which chunks are added --
except the sums of weight vectors behind the central weights, which the
callers add in chunk order so that results are bit-for-bit reproducible.

Ties.  Ranks are competition ranks (1 = best; a tie of ``g`` alternatives at
rank ``r`` gives each of them rank ``r`` and leaves ranks ``r+1 .. r+g-1``
empty).  To keep the rank acceptability matrix doubly stochastic, a tied
alternative is spread evenly over the ``g`` rank slots ``r .. r+g-1`` of its
tie, ``1/g`` each.  So the kernels count, for each alternative, its
competition rank *and* the size of its tie: ``rank_ties[i, r-1, g-1]``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "Tally",
    "confidence_counts",
    "first_rank_shares",
    "pairwise_winning",
    "rank_acceptability",
    "shares_by_tie_size",
    "tally",
    "tie_sizes",
]

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]


@dataclass(frozen=True, eq=False)
class Tally:
    """What one chunk of draws contributes to a SMAA result.

    Attributes
    ----------
    count : int
        Number of draws.
    rank_ties : ndarray of int64, shape (m, m, m)
        ``[i, r-1, g-1]`` = draws where alternative i has competition rank r
        in a tie of size g (g = 1: no tie).
    weight_sums : ndarray of float64, shape (m, n)
        Sum over draws of ``share_i * w`` where ``share_i = 1/g`` if i is among
        the g alternatives ranked first, else 0.
    less : ndarray of int64, shape (m, m)
        ``[i, j]`` = draws where i has a strictly better rank than j.
    """

    count: int
    rank_ties: IntArray
    weight_sums: FloatArray
    less: IntArray

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            self.count + other.count,
            self.rank_ties + other.rank_ties,
            self.weight_sums + other.weight_sums,
            self.less + other.less,
        )

    @classmethod
    def zeros(cls, m: int, n: int) -> Tally:
        """An empty tally for m alternatives and n criteria."""
        return cls(
            0,
            np.zeros((m, m, m), dtype=np.int64),
            np.zeros((m, n), dtype=np.float64),
            np.zeros((m, m), dtype=np.int64),
        )


def _small_int(ranks: IntArray) -> NDArray[np.signedinteger]:
    """Ranks transposed to (m, c), contiguous, in the smallest integer type that fits."""
    m = ranks.shape[1]
    dtype = np.int8 if m < 127 else np.int16 if m < 32767 else np.int64
    out: NDArray[np.signedinteger] = np.ascontiguousarray(ranks.T, dtype=dtype)
    return out


def tie_sizes(ranks: IntArray) -> IntArray:
    """Size of each alternative's tie (1 = untied), shape (c, m).

    >>> tie_sizes(np.array([[1, 2, 2, 4], [1, 2, 3, 4]]))
    array([[1, 2, 2, 1],
           [1, 1, 1, 1]])
    """
    m = ranks.shape[1]
    g = np.zeros(ranks.shape, dtype=np.int64)
    for j in range(m):
        g += ranks == ranks[:, j : j + 1]
    return g


def tally(ranks: IntArray, weights: FloatArray) -> Tally:
    """Tally competition ``ranks`` (c, m) of c draws made with ``weights`` (c, n).

    Draws without ties (the rank sum is ``m(m+1)/2`` exactly when a row has
    no tie, since a tie of size g lowers it by ``g(g-1)/2``) take a fast path;
    tie sizes are computed only for the rows that need them.

    >>> ranks = np.array([[1, 2], [2, 1], [1, 1]])
    >>> t = tally(ranks, np.array([[0.6, 0.4], [0.2, 0.8], [0.5, 0.5]]))
    >>> t.rank_ties[:, :, 0].tolist(), t.rank_ties[:, 0, 1].tolist()
    ([[1, 1], [1, 1]], [1, 1])
    >>> t.weight_sums.round(3).tolist()
    [[0.85, 0.65], [0.45, 1.05]]
    >>> t.less.tolist()
    [[0, 1], [1, 0]]
    """
    c, m = ranks.shape
    n = weights.shape[1]
    full = m * (m + 1) // 2
    tied_rows = np.flatnonzero(ranks.sum(axis=1) != full)
    base = np.arange(m, dtype=np.int64) * (m * m)

    # Rank-with-tie-size counts: one bincount over all (draw, alternative) pairs.
    code = base + (ranks - 1) * m
    if tied_rows.size:
        code[tied_rows] += tie_sizes(ranks[tied_rows]) - 1
    rank_ties = np.bincount(code.ravel(), minlength=m * m * m).reshape(m, m, m)

    # Central-weight sums.  Untied rows: exactly one winner, share 1.
    winner = np.argmin(ranks, axis=1)
    if tied_rows.size:
        untied = np.ones(c, dtype=bool)
        untied[tied_rows] = False
        w_main, win_main = weights[untied], winner[untied]
    else:
        w_main, win_main = weights, winner
    idx = (win_main[:, None] * n + np.arange(n, dtype=np.int64)).ravel()
    sums = np.bincount(idx, weights=w_main.ravel(), minlength=m * n)
    if tied_rows.size:
        tr = ranks[tied_rows]
        first = tr == 1
        share = first / first.sum(axis=1, keepdims=True)
        rows, alts = np.nonzero(first)
        wt = weights[tied_rows][rows] * share[rows, alts][:, None]
        idx_t = (alts[:, None] * n + np.arange(n, dtype=np.int64)).ravel()
        sums = sums + np.bincount(idx_t, weights=wt.ravel(), minlength=m * n)
    weight_sums = np.asarray(sums, dtype=np.float64).reshape(m, n)

    # Pairwise strict wins, on a compact transposed copy of the ranks.
    rt = _small_int(ranks)
    less = np.zeros((m, m), dtype=np.int64)
    for i in range(m):
        for j in range(i + 1, m):
            a, b = rt[i], rt[j]
            less[i, j] = np.count_nonzero(a < b)
            less[j, i] = np.count_nonzero(b < a)
    return Tally(c, rank_ties, weight_sums, less)


def shares_by_tie_size(counts: IntArray) -> FloatArray:
    """Fractional counts ``sum_g counts[..., g-1] / g`` (each tied member gets 1/g).

    >>> shares_by_tie_size(np.array([[4, 2, 3], [0, 0, 0]])).tolist()
    [6.0, 0.0]
    """
    g = np.arange(1, counts.shape[-1] + 1, dtype=np.float64)
    out: FloatArray = (counts / g).sum(axis=-1)
    return out


def first_rank_shares(rank_ties: IntArray) -> FloatArray:
    """Fractional number of draws in which each alternative ranks first, shape (m,)."""
    return shares_by_tie_size(rank_ties[:, 0, :])


def rank_acceptability(rank_ties: IntArray, count: int) -> FloatArray:
    """Rank acceptability matrix ``b[i, s]`` (share of draws with i in rank slot s+1).

    A tie of size g at competition rank r spreads 1/g over slots r .. r+g-1, so
    rows and columns each sum to 1.

    >>> t = np.zeros((2, 2, 2), dtype=np.int64)
    >>> t[0, 0, 0] = 3; t[1, 1, 0] = 3; t[0, 0, 1] = 1; t[1, 0, 1] = 1
    >>> rank_acceptability(t, 4).tolist()
    [[0.875, 0.125], [0.125, 0.875]]
    """
    m = rank_ties.shape[0]
    out = np.zeros((m, m), dtype=np.float64)
    for r in range(m):  # competition rank r + 1
        for g in range(1, m - r + 1):  # tie size
            part = rank_ties[:, r, g - 1] / g
            out[:, r : r + g] += part[:, None]
    return out / count


def pairwise_winning(less: IntArray, count: int) -> FloatArray:
    """Pairwise winning shares ``p[i, j]``: i beats j, ties counted 1/2 each way.

    So ``p[i, j] + p[j, i] = 1`` for ``i != j``; the diagonal is 0.

    >>> pairwise_winning(np.array([[0, 6], [2, 0]]), 10).tolist()
    [[0.0, 0.7], [0.3, 0.0]]
    """
    ties = count - less - less.T
    out: FloatArray = (less + 0.5 * ties) / count
    np.fill_diagonal(out, 0.0)
    return out


def confidence_counts(ranks: IntArray, alternative: int) -> IntArray:
    """Counts, by tie size, of the draws in which ``alternative`` ranks first.

    ``ranks`` (c, m) are the ranks of draws scored with the alternative's
    central weights; returns ``out[g-1]`` = draws where it is first in a tie
    of size g (shape (m,)).  :func:`shares_by_tie_size` turns this into the
    fractional number of first places.

    >>> confidence_counts(np.array([[1, 2], [1, 1], [2, 1]]), 0).tolist()
    [1, 1]
    """
    m = ranks.shape[1]
    first = ranks[:, alternative] == 1
    g = (ranks[first] == 1).sum(axis=1)
    return np.bincount(g - 1, minlength=m).astype(np.int64)
