"""Compiled block kernels for large uncertain-score runs (optional: ``numba``).

With the ``fast`` extra (``pip install policyopts[fast]``, which installs
numba), :class:`~policyopts.inputs.ValueScores` draws and scores blocks of a
large run in a few compiled passes instead of many numpy passes:

Each kernel is a plain function here, compiled by :func:`kernel`:

- :func:`standard` turns the random words of uniform, triangular and PERT
  inputs into standardised draws with *the same float32 arithmetic* as the
  numpy path (:meth:`_DrawPlan.standard`), so the draws are bit for bit the
  same with or without numba;
- :func:`hinges` fills the hinge rows of piecewise-linear value functions
  (exponential rows stay with numpy, whose ``expm1`` is vectorised);
- :func:`scores` adds each row's terms :math:`C_{ir} w_{j_r} y_r` to the
  scores in one pass per nonzero coefficient (a row enters one option's
  score, or each exposed option's for a drawn likelihood), where the numpy
  path uses two matrix products; the sums are the same up to the last bits
  of rounding;
- :func:`first_places` counts, for the confidence factors, the draws in
  which each option comes first under its central weights, without the
  array of every option's score under every weight vector.

Only large runs use them (:data:`MIN_DRAWS`): importing numba and loading the
compiled code (cached on disk after the first run) costs about half a second,
more than a run of fewer draws saves.  The first run on a machine also
compiles them (a few seconds, once).  Set ``POLICYOPTS_NUMBA=0`` to turn them
off.  Nothing else in the package needs numba.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Callable
from functools import cache

import numpy as np
from numpy.typing import NDArray

#: Draws from which a run uses the compiled kernels when numba is installed: about
#: where the saving outweighs importing numba and loading the cached kernels
#: (about half a second; measured: 1,000,000 draws of the Mali case take 1.0 s
#: with numba in a fresh process against 1.3 s without, 200,000 draws 0.67 s
#: against 0.37 s).
MIN_DRAWS = 500_000

#: Draws from which a run uses them once numba is loaded (no import left to pay).
MIN_DRAWS_LOADED = 50_000


def available() -> bool:
    """Whether the compiled kernels can be used: numba is installed and
    ``POLICYOPTS_NUMBA`` is not ``0``."""
    if os.environ.get("POLICYOPTS_NUMBA", "1").strip() == "0":
        return False
    return importlib.util.find_spec("numba") is not None


def use_for(n_draws: int) -> bool:
    """Whether a run of ``n_draws`` draws should use the compiled kernels:
    :data:`MIN_DRAWS` draws or more, or :data:`MIN_DRAWS_LOADED` once numba is
    loaded, and :func:`available`."""
    least = MIN_DRAWS_LOADED if "numba" in sys.modules else MIN_DRAWS
    return n_draws >= least and available()


_LOW24 = np.uint64(0xFFFFFF00)
_LOW32 = np.uint64(0xFFFFFFFF)


def standard(
    raw: NDArray[np.uint64],
    n_u: int,
    n_t: int,
    n_p: int,
    tri_low: NDArray[np.float32],
    tri_high: NDArray[np.float32],
    table: NDArray[np.float32],
    out: NDArray[np.float64],
) -> None:  # pragma: no cover - run compiled (kernel("standard")); tested through ValueScores
    """Write the standardised draws of the first ``n_u + n_t + n_p`` rows
    (uniform, triangular, PERT inputs, in that order) of the words ``raw``
    (k, S) into ``out``: the arithmetic of :meth:`_DrawPlan.standard`, step by
    step in float32.  ``tri_low``, ``tri_high``: the factors of the smaller and
    the larger 32-bit uniform of each triangular input; ``table``: each PERT
    input's quantile table."""
    size = raw.shape[1]
    step = np.float32(2.0**-24)
    cells = table.shape[1] - 1
    fcells = np.float32(cells)
    for r in range(n_u):
        for t in range(size):
            out[r, t] = np.float32((raw[r, t] & _LOW24) >> np.uint64(8)) * step
    for i in range(n_t):
        r = n_u + i
        a, b = tri_low[i], tri_high[i]
        for t in range(size):
            word = raw[r, t]
            u1 = np.float32(word & _LOW32)
            u2 = np.float32(word >> np.uint64(32))
            lo = u1 if u1 < u2 else u2
            hi = u2 if u1 < u2 else u1
            out[r, t] = lo * a + hi * b
    for i in range(n_p):
        r = n_u + n_t + i
        for t in range(size):
            q = np.float32((raw[r, t] & _LOW24) >> np.uint64(8)) * step
            pos = q * fcells
            cell = min(int(pos), cells - 1)
            frac = pos - np.float32(cell)
            left = table[i, cell]
            out[r, t] = (table[i, cell + 1] - left) * frac + left


def hinges(
    y: NDArray[np.float64], k: int, src: NDArray[np.intp], knot: NDArray[np.float64]
) -> None:  # pragma: no cover - run compiled (kernel("hinges")); tested through ValueScores
    """Fill the hinge rows ``k, k + 1, ...`` of ``y`` with ``max(y[src] - knot, 0)``,
    in place (the numbers of numpy's ``maximum``)."""
    for h in range(src.shape[0]):
        r, x = src[h], knot[h]
        for t in range(y.shape[1]):
            d = y[r, t] - x
            y[k + h, t] = d if d > 0.0 else 0.0


def scores(
    y: NDArray[np.float64],
    coef: NDArray[np.float64],
    criterion: NDArray[np.intp],
    w_t: NDArray[np.float64],
    out: NDArray[np.float64],
) -> None:  # pragma: no cover - run compiled (kernel("scores")); tested through ValueScores
    """Add :math:`C_{ir} w_{j_r} y_r` over the rows ``r`` of ``y`` (width, S) to
    ``out`` (m, S), skipping zero coefficients: ``coef`` is C (m, width),
    ``criterion`` the :math:`j_r` of each row, ``w_t`` the weights (n, S)."""
    for r in range(y.shape[0]):
        j = criterion[r]
        for i in range(coef.shape[0]):
            c = coef[i, r]
            if c == 0.0:
                continue
            for t in range(y.shape[1]):
                out[i, t] += c * w_t[j, t] * y[r, t]


def first_places(
    y: NDArray[np.float64],
    coef: NDArray[np.float64],
    criterion: NDArray[np.intp],
    weights: NDArray[np.float64],
    base: NDArray[np.float64],
    own: NDArray[np.intp],
    rtol: float,
    counts: NDArray[np.int64],
) -> None:  # pragma: no cover - run compiled (kernel("first_places")); tested by hypothesis
    """Add to ``counts`` (d, m) the draws of ``y`` in which option ``own[p]`` comes
    first, by tie size, under weight vector ``weights[p]`` (d, n); ``base`` (d, m)
    holds the constant part of each option's score under each vector.  The tie
    rule of :func:`policyopts.sensitivity.smaa.engine.first_place_counts`,
    without the (d, m, S) array of scores."""
    m, width = coef.shape
    size = y.shape[1]
    s = np.empty((m, size))
    for p in range(weights.shape[0]):
        for i in range(m):
            s[i, :] = base[p, i]
        for r in range(width):
            wj = weights[p, criterion[r]]
            for i in range(m):
                c = coef[i, r] * wj
                if c == 0.0:
                    continue
                for t in range(size):
                    s[i, t] += c * y[r, t]
        a = own[p]
        for t in range(size):
            best = s[0, t]
            big = abs(best)
            for i in range(1, m):
                best = max(best, s[i, t])
                big = max(big, abs(s[i, t]))
            tol = rtol * max(1.0, big)
            if s[a, t] + tol >= best:
                ties = 0
                for i in range(m):
                    if s[i, t] + tol >= best:
                        ties += 1
                counts[p, ties - 1] += 1


_BODIES: dict[str, Callable[..., None]] = {
    "standard": standard,
    "hinges": hinges,
    "scores": scores,
    "first_places": first_places,
}


@cache
def kernel(name: str) -> Callable[..., None]:
    """The compiled form of the kernel ``name`` (``"standard"``, ``"hinges"``,
    ``"scores"`` or ``"first_places"``; numba caches it on disk)."""
    import numba

    compiled: Callable[..., None] = numba.njit(cache=True, boundscheck=False, nogil=True)(
        _BODIES[name]
    )
    return compiled
