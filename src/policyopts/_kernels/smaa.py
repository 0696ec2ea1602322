"""Counting kernels of SMAA-2 (pure numpy, no validation).

A SMAA run scores many draws (weights and, optionally, score matrices) and
keeps only small tallies.  The tallies of one chunk of draws are a
:class:`Tally`; tallies of chunks add up, so a run over any number of chunks
needs memory for one chunk only.  Everything that is counted is counted in
integers -- exact and independent of the order in which chunks are added --
except the sums of weight vectors behind the central weights, which the
callers add in chunk order so that results are bit-for-bit reproducible.

Ranks.  Ranks are competition ranks (1 = best; a tie of ``g`` alternatives at
rank ``r`` gives each of them rank ``r`` and leaves ranks ``r+1 .. r+g-1``
empty); b beats a when ``s_b > s_a + tol`` (the rule of
:func:`policyopts._kernels.rank.rank`).  Two kernels make them from scores:

- :func:`compare_ranks`, for few alternatives: the ``m(m-1)/2`` pairwise
  comparisons, vectorised over draws, give int8 ranks *and* the pairwise
  win counts at once;
- :func:`sort_ranks`, for many: one argsort per chunk, exact
  comparisons only for the rare draws with near-ties.

Ties.  To keep the rank acceptability matrix doubly stochastic, a tied
alternative is spread evenly over the ``g`` rank slots ``r .. r+g-1`` of its
tie, ``1/g`` each.  The tally keeps an ``(m, m)`` count of untied ranks and,
for tied entries only, sparse counts keyed by (alternative, rank, tie size):
memory is ``O(m^2)`` plus the number of distinct ties seen, never ``m^3``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "SMALL_M",
    "Tally",
    "compare_ranks",
    "confidence_counts",
    "less_from_ranks",
    "pairwise_winning",
    "rank_acceptability",
    "rank_dtype",
    "shares_by_tie_size",
    "sort_ranks",
    "tally",
    "tally_t",
    "tie_sizes",
]

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
SmallInt = NDArray[np.signedinteger]

#: Up to this many alternatives ranks come from pairwise comparisons, above from argsort.
SMALL_M = 24
#: Up to this many alternatives rank counts are per-(alternative, rank) counts, above bincount.
_COUNT_M = 12
#: Bytes of comparison results one block of :func:`less_from_ranks` may hold.
_BLOCK_BYTES = 1 << 23


def rank_dtype(m: int) -> np.dtype[np.signedinteger]:
    """The smallest signed integer type that holds ranks 1..m (and their row sums)."""
    if m < 127:
        return np.dtype(np.int8)
    if m < 32767:
        return np.dtype(np.int16)
    return np.dtype(np.int32)


@dataclass(frozen=True, eq=False)
class Tally:
    """What one chunk of draws contributes to a SMAA result.

    Attributes
    ----------
    count : int
        Number of draws.
    rank_counts : ndarray of int64, shape (m, m)
        ``[i, r-1]`` = draws where alternative i has competition rank r and is
        tied with no other alternative.
    tie_codes, tie_counts : ndarray of int64, shape (k,)
        Tied entries: code ``((g - 2) * m + i) * m + (r - 1)`` for alternative
        i at competition rank r in a tie of size g >= 2, sorted, and how many
        draws had it.
    weight_sums : ndarray of float64, shape (m, n)
        Sum over draws of ``share_i * w`` where ``share_i = 1/g`` if i is among
        the g alternatives ranked first, else 0.
    less : ndarray of int64, shape (m, m)
        ``[i, j]`` = draws where i has a strictly better rank than j.
    """

    count: int
    rank_counts: IntArray
    tie_codes: IntArray
    tie_counts: IntArray
    weight_sums: FloatArray
    less: IntArray

    @property
    def m(self) -> int:
        """Number of alternatives."""
        return int(self.rank_counts.shape[0])

    def __add__(self, other: Tally) -> Tally:
        codes, counts = _merge(self.tie_codes, self.tie_counts, other.tie_codes, other.tie_counts)
        return Tally(
            self.count + other.count,
            self.rank_counts + other.rank_counts,
            codes,
            counts,
            self.weight_sums + other.weight_sums,
            self.less + other.less,
        )

    @classmethod
    def zeros(cls, m: int, n: int) -> Tally:
        """An empty tally for m alternatives and n criteria."""
        empty = np.zeros(0, dtype=np.int64)
        return cls(
            0,
            np.zeros((m, m), dtype=np.int64),
            empty,
            empty.copy(),
            np.zeros((m, n), dtype=np.float64),
            np.zeros((m, m), dtype=np.int64),
        )

    def ties(self) -> tuple[IntArray, IntArray, IntArray, IntArray]:
        """Decoded tied entries: ``(alternative, rank - 1, tie size, count)``."""
        m = self.m
        codes = self.tie_codes
        return codes // m % m, codes % m, codes // (m * m) + 2, self.tie_counts

    def first_rank_shares(self) -> FloatArray:
        """Fractional number of draws in which each alternative ranks first, shape (m,)."""
        out = self.rank_counts[:, 0].astype(np.float64)
        alt, r0, g, cnt = self.ties()
        first = r0 == 0
        np.add.at(out, alt[first], cnt[first] / g[first])
        return out


def _merge(
    codes_a: IntArray, counts_a: IntArray, codes_b: IntArray, counts_b: IntArray
) -> tuple[IntArray, IntArray]:
    """Sparse counts of two tallies added up (exact, order-independent)."""
    if codes_b.size == 0:
        return codes_a, counts_a
    if codes_a.size == 0:
        return codes_b, counts_b
    codes = np.concatenate([codes_a, codes_b])
    uniq, inverse = np.unique(codes, return_inverse=True)
    out = np.zeros(uniq.size, dtype=np.int64)
    np.add.at(out, inverse.reshape(-1), np.concatenate([counts_a, counts_b]))
    return uniq.astype(np.int64), out


def compare_ranks(scores_t: FloatArray, thresholds_t: FloatArray) -> tuple[SmallInt, IntArray]:
    """Ranks and pairwise win counts from the m(m-1)/2 pairwise comparisons.

    ``scores_t`` (m, c) are scores (higher is better) of c draws, alternatives
    in rows; ``thresholds_t = scores_t + tol``: b beats a when
    ``scores_t[b] > thresholds_t[a]``.  Returns ranks (m, c) in
    :func:`rank_dtype` and ``less`` (m, m), ``less[a, b]`` = draws where a
    beats b.  The Python loop runs over pairs, each step over all draws: meant
    for few alternatives (see :data:`SMALL_M`).

    >>> s = np.array([[0.5, 0.1], [0.2, 0.1], [0.9, 0.3]])
    >>> ranks, less = compare_ranks(s, s + 1e-12)
    >>> ranks.tolist(), less.tolist()
    ([[2, 2], [3, 2], [1, 1]], [[0, 1, 0], [0, 0, 0], [2, 2, 0]])
    """
    m, c = scores_t.shape
    ranks: SmallInt = np.ones((m, c), dtype=rank_dtype(m))
    less = np.zeros((m, m), dtype=np.int64)
    ab = np.empty(c, dtype=bool)
    ba = np.empty(c, dtype=bool)
    for a in range(m):
        for b in range(a + 1, m):
            np.greater(scores_t[a], thresholds_t[b], out=ab)
            np.greater(scores_t[b], thresholds_t[a], out=ba)
            ranks[b] += ab
            ranks[a] += ba
            less[a, b] = np.count_nonzero(ab)
            less[b, a] = np.count_nonzero(ba)
    return ranks, less


def sort_ranks(scores: FloatArray, tol: FloatArray) -> SmallInt:
    """Competition ranks (c, m) of scores (c, m) by one argsort (many alternatives).

    ``tol`` (c,) is each draw's tie tolerance.  When consecutive sorted scores
    of a draw all differ by more than ``tol``, the ranks are the sort
    positions; the few draws with near-ties are ranked by counting, which is
    exact for the rule "b beats a when ``s_b > s_a + tol``".

    >>> sort_ranks(np.array([[0.3, 0.9, 0.5, 0.9]]), np.array([1e-12])).tolist()
    [[4, 1, 3, 1]]
    """
    c, m = scores.shape
    dtype = rank_dtype(m)
    order = np.argsort(-scores, axis=1)
    ordered = np.take_along_axis(scores, order, axis=1)
    separated = ordered[:, :-1] > ordered[:, 1:] + tol[:, None]
    ranks: SmallInt = np.empty((c, m), dtype=dtype)
    positions = np.broadcast_to(np.arange(1, m + 1, dtype=dtype), (c, m))
    np.put_along_axis(ranks, order, positions, axis=1)
    near = np.flatnonzero(~separated.all(axis=1))
    if near.size:
        s = scores[near]
        threshold = s + tol[near, None]
        out = np.ones(s.shape, dtype=dtype)
        for b in range(m):  # over alternatives, for the few draws with near-ties
            out += s[:, b : b + 1] > threshold
        ranks[near] = out
    return ranks


def less_from_ranks(ranks_t: SmallInt) -> IntArray:
    """``less[i, j]`` = draws (columns of ``ranks_t``, shape (m, c)) where i ranks above j.

    Few alternatives: one comparison per pair.  Many: blocks of alternatives
    against all, so the Python loop runs over blocks, never over pairs.

    >>> less_from_ranks(np.array([[1, 2, 1], [2, 1, 1]], dtype=np.int8)).tolist()
    [[0, 1], [1, 0]]
    """
    m, c = ranks_t.shape
    less = np.zeros((m, m), dtype=np.int64)
    if m <= SMALL_M:
        for a in range(m):
            for b in range(a + 1, m):
                less[a, b] = np.count_nonzero(ranks_t[a] < ranks_t[b])
                less[b, a] = np.count_nonzero(ranks_t[b] < ranks_t[a])
        return less
    block = max(1, _BLOCK_BYTES // max(1, m * c))
    for start in range(0, m, block):
        part = ranks_t[start : start + block]
        less[start : start + block] = np.count_nonzero(part[:, None, :] < ranks_t[None], axis=2)
    return less


def tie_sizes(ranks: IntArray) -> IntArray:
    """Size of each alternative's tie (1 = untied), shape (c, m).

    >>> tie_sizes(np.array([[1, 2, 2, 4], [1, 2, 3, 4]]))
    array([[1, 2, 2, 1],
           [1, 1, 1, 1]])
    """
    c, m = ranks.shape
    codes = np.arange(c, dtype=np.int64)[:, None] * m + (ranks.astype(np.int64) - 1)
    counts = np.bincount(codes.ravel(), minlength=c * m)
    return np.asarray(counts[codes], dtype=np.int64)


def tally(ranks: IntArray, weights: FloatArray) -> Tally:
    """Tally competition ``ranks`` (c, m) of c draws made with ``weights`` (c, n).

    >>> ranks = np.array([[1, 2], [2, 1], [1, 1]])
    >>> t = tally(ranks, np.array([[0.6, 0.4], [0.2, 0.8], [0.5, 0.5]]))
    >>> t.rank_counts.tolist(), t.ties()[3].tolist()
    ([[1, 1], [1, 1]], [1, 1])
    >>> t.weight_sums.round(3).tolist()
    [[0.85, 0.65], [0.45, 1.05]]
    >>> t.less.tolist()
    [[0, 1], [1, 0]]
    """
    m = ranks.shape[1]
    ranks_t = np.ascontiguousarray(np.asarray(ranks).T, dtype=rank_dtype(m))
    return tally_t(ranks_t, weights)


def tally_t(
    ranks_t: SmallInt,
    weights: FloatArray,
    *,
    inv_total: FloatArray | None = None,
    less: IntArray | None = None,
) -> Tally:
    """Tally ranks (m, c), alternatives in rows, of draws made with ``weights`` (c, n).

    ``inv_total`` (c,), if given, scales each draw's weight row (weights given
    unnormalised, see :meth:`~policyopts.distributions.WeightDistribution.draw_scaled`);
    ``less``, if given, are the pairwise win counts already counted by
    :func:`compare_ranks`.  Draws without ties (the rank sum is ``m(m+1)/2``
    exactly when a draw has no tie, since a tie of size g lowers it by
    ``g(g-1)/2``) take the fast path; tie sizes are computed only for the
    draws that need them.
    """
    m, c = ranks_t.shape
    n = weights.shape[-1]
    full = m * (m + 1) // 2
    tied = np.flatnonzero(ranks_t.sum(axis=0, dtype=np.int64) != full)

    # Rank counts over all entries, then the tied entries moved to the sparse part.
    if m <= _COUNT_M:
        counts = np.empty((m, m), dtype=np.int64)
        for i in range(m):  # few alternatives: byte comparisons beat a bincount
            row = ranks_t[i]
            for r in range(m):
                counts[i, r] = np.count_nonzero(row == r + 1)
    else:
        codes = np.arange(m, dtype=np.int64)[:, None] * m + (ranks_t - 1)
        counts = np.bincount(codes.ravel(), minlength=m * m).reshape(m, m).astype(np.int64)
    tie_codes = np.zeros(0, dtype=np.int64)
    tie_counts = np.zeros(0, dtype=np.int64)
    if tied.size:
        sub = np.ascontiguousarray(ranks_t[:, tied].T).astype(np.int64)  # (k, m)
        g = tie_sizes(sub)
        rows, alts = np.nonzero(g >= 2)
        r0 = sub[rows, alts] - 1
        gg = g[rows, alts]
        counts -= np.bincount(alts * m + r0, minlength=m * m).reshape(m, m)
        tie_codes, tie_counts = np.unique(((gg - 2) * m + alts) * m + r0, return_counts=True)
        tie_codes = tie_codes.astype(np.int64)
        tie_counts = tie_counts.astype(np.int64)

    # Central-weight sums: each draw's weights go to its winners, 1/g each.
    first = ranks_t == 1
    if m <= 64:
        share = first.astype(np.float64)
        if tied.size:
            share /= first.sum(axis=0)
        if inv_total is not None:
            share *= inv_total
        weight_sums = np.asarray(share @ weights, dtype=np.float64)
    else:
        alts, cols = np.nonzero(first)
        value = np.ones(cols.size, dtype=np.float64)
        if tied.size:
            value /= first.sum(axis=0)[cols]
        if inv_total is not None:
            value *= inv_total[cols]
        idx = (alts[:, None] * n + np.arange(n, dtype=np.int64)).ravel()
        weighted = (weights[cols] * value[:, None]).ravel()
        weight_sums = np.asarray(
            np.bincount(idx, weights=weighted, minlength=m * n).reshape(m, n), dtype=np.float64
        )

    if less is None:
        less = less_from_ranks(ranks_t)
    return Tally(c, counts, tie_codes, tie_counts, weight_sums, less)


def shares_by_tie_size(counts: IntArray) -> FloatArray:
    """Fractional counts ``sum_g counts[..., g-1] / g`` (each tied member gets 1/g).

    >>> shares_by_tie_size(np.array([[4, 2, 3], [0, 0, 0]])).tolist()
    [6.0, 0.0]
    """
    g = np.arange(1, counts.shape[-1] + 1, dtype=np.float64)
    out: FloatArray = (counts / g).sum(axis=-1)
    return out


def rank_acceptability(t: Tally) -> FloatArray:
    """Rank acceptability matrix ``b[i, s]`` (share of draws with i in rank slot s+1).

    A tie of size g at competition rank r spreads 1/g over slots r .. r+g-1, so
    rows and columns each sum to 1.  Vectorised: one integer difference array
    per distinct tie size (exact counts, divided by g once).

    >>> t = tally(np.array([[1, 2], [1, 2], [1, 2], [1, 1]]), np.ones((4, 2)) / 2)
    >>> rank_acceptability(t).tolist()
    [[0.875, 0.125], [0.125, 0.875]]
    """
    m = t.m
    out = t.rank_counts.astype(np.float64)
    alt, r0, g, cnt = t.ties()
    for size in np.unique(g):  # over distinct tie sizes (few), never over draws
        sel = g == size
        diff = np.zeros((m, m + 1), dtype=np.int64)
        np.add.at(diff, (alt[sel], r0[sel]), cnt[sel])
        np.add.at(diff, (alt[sel], r0[sel] + size), -cnt[sel])
        out += np.cumsum(diff, axis=1)[:, :m] / float(size)
    result: FloatArray = out / t.count
    return result


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


def confidence_counts(ranks_t: SmallInt, alternative: int) -> IntArray:
    """Counts, by tie size, of the draws in which ``alternative`` ranks first.

    ``ranks_t`` (m, c) are the ranks of draws scored with the alternative's
    central weights; returns ``out[g-1]`` = draws where it is first in a tie
    of size g (shape (m,)).  :func:`shares_by_tie_size` turns this into the
    fractional number of first places.

    >>> confidence_counts(np.array([[1, 1, 2], [2, 1, 1]]), 0).tolist()
    [1, 1]
    """
    m = ranks_t.shape[0]
    first = ranks_t[alternative] == 1
    g = (ranks_t[:, first] == 1).sum(axis=0)
    return np.bincount(g - 1, minlength=m).astype(np.int64)
