"""Benchmark SMAA-2 on 1,000,000 draws of a 5 x 10 problem (WSM, min-max).

Run with ``python benchmarks/bench_smaa.py``.  It prints three timings of the
same analysis -- uniform weights on the simplex, WSM with min-max normalisation,
rank acceptabilities, central weights, pairwise winning shares and confidence
factors -- and two ratios:

- ``ours``: :func:`policyopts.sensitivity.smaa.smaa` (validation, chunked
  streaming with per-chunk seeds, competition ranks with tie handling, tallies);
- ``floor``: a bare-numpy version doing the same sampling (normalised
  exponentials), scoring (one matrix product), ranking (argsort) and counting
  (bincount) in one run over all draws, without chunks, validation or ties;
  goal ``ours / floor <= 1.5``;
- ``pymcdm loop``: the textbook per-draw loop -- one pymcdm ``WSM`` call and one
  ranking per weight vector, tallies updated in Python -- timed on the first
  ``N_LOOP`` draws and scaled per draw to the full count; goal
  ``pymcdm / ours >= 300``.

Times are the best of ``REPEATS`` runs (``time.perf_counter``).  Nothing is
asserted: the numbers depend on the machine and on its load.  BLAS threads
matter on small machines: compare a run with ``OPENBLAS_NUM_THREADS=1``.
"""

from __future__ import annotations

import os
import platform
import time
from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import NDArray

from policyopts.sensitivity.smaa import smaa

SEED = 20240601
N_DRAWS = 1_000_000
N_LOOP = 2_000
M, N = 5, 10
REPEATS = 3

FloatArray = NDArray[np.float64]


def best_of(fn: Callable[[], Any], repeats: int = REPEATS) -> tuple[float, Any]:
    """Best wall-clock time of ``repeats`` calls (seconds) and the last result."""
    best, out = float("inf"), None
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def floor_smaa(
    x: FloatArray, t: FloatArray, n_draws: int, seed: int
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    """The least numpy for the same indices, all draws at once (no ties, no chunks)."""
    m, n = x.shape
    rng = np.random.default_rng(seed)
    e = rng.standard_exponential((n_draws, n))
    w = e / e.sum(axis=1, keepdims=True)
    lo, hi = x.min(0), x.max(0)
    v = np.where(t > 0, x - lo, hi - x) / (hi - lo)
    scores = w @ v.T
    order = np.argsort(-scores, axis=1)
    ranks = np.empty_like(order)
    np.put_along_axis(ranks, order, np.arange(m), axis=1)
    ra = np.bincount((np.arange(m) * m + ranks).ravel(), minlength=m * m).reshape(m, m) / n_draws
    first = order[:, 0]
    sums = np.bincount(
        (first[:, None] * n + np.arange(n)).ravel(), weights=w.ravel(), minlength=m * n
    ).reshape(m, n)
    counts = np.bincount(first, minlength=m)
    cw = sums / np.maximum(counts, 1)[:, None]
    pw = np.zeros((m, m))
    for i in range(m):
        for j in range(m):
            if i != j:
                pw[i, j] = np.count_nonzero(ranks[:, i] < ranks[:, j]) / n_draws
    conf = np.array([float(np.argmax(v @ cw[i]) == i) if counts[i] else 0.0 for i in range(m)])
    return ra, cw, pw, conf


def pymcdm_loop(x: FloatArray, t: FloatArray, w: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Per-draw loop with pymcdm: score and rank one weight vector at a time."""
    from pymcdm import methods as pmm
    from pymcdm import normalizations as pmn

    m, n = x.shape
    body = pmm.WSM(pmn.minmax_normalization)
    ra = np.zeros((m, m))
    cw = np.zeros((m, n))
    pw = np.zeros((m, m))
    for wk in w:
        ranks = body.rank(body(x, wk, t, validation=False))  # 1 = best
        for i in range(m):
            ra[i, int(ranks[i]) - 1] += 1
            if ranks[i] == 1:
                cw[i] += wk
            for j in range(m):
                if ranks[i] < ranks[j]:
                    pw[i, j] += 1
    return ra / len(w), cw


def main() -> None:
    rng = np.random.default_rng(SEED)
    x = rng.random((M, N)) * 9 + 1
    t = np.where(np.arange(N) % 3 == 2, -1.0, 1.0)

    print(
        f"SMAA-2 benchmark: {N_DRAWS:,} uniform weight draws on a {M}x{N} random matrix, "
        f"WSM (minmax), seed {SEED}"
    )
    print(
        f"python {platform.python_version()}, numpy {np.__version__}, "
        f"OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS', 'unset')}, "
        f"cpus {os.cpu_count()}, load average {os.getloadavg()[0]:.2f}; best of {REPEATS} repeats"
    )

    t_ours, ours = best_of(lambda: smaa(x, t, n_samples=N_DRAWS, seed=SEED))
    t_floor, floor = best_of(lambda: floor_smaa(x, t, N_DRAWS, SEED))

    # Sanity: same indices up to Monte Carlo error (different random streams).
    diff = np.abs(ours.rank_acceptability - floor[0]).max()
    print(f"max |rank acceptability ours - floor| = {diff:.4f} (MC error ~ {1 / N_DRAWS**0.5:.4f})")
    print()
    print(f"ours  (chunk {ours.chunk_size:,} x {ours.n_chunks}) {t_ours * 1e3:9.1f} ms")
    print(f"floor (one shot, bare numpy)      {t_floor * 1e3:9.1f} ms")
    print(f"ours / floor                      {t_ours / t_floor:9.2f}   (goal <= 1.5)")

    try:
        import pymcdm  # noqa: F401
    except ImportError:  # pragma: no cover - dev dependency
        print("pymcdm not installed: per-draw comparison skipped")
        return
    w_loop = rng.dirichlet(np.ones(N), size=N_LOOP)
    t_loop, _ = best_of(lambda: pymcdm_loop(x, t, w_loop), repeats=2)
    t_pm = t_loop * (N_DRAWS / N_LOOP)
    print(
        f"pymcdm per-draw loop: {t_loop * 1e3:.0f} ms for the first {N_LOOP:,} draws, "
        f"scaled x{N_DRAWS / N_LOOP:g} to {t_pm:.1f} s for {N_DRAWS:,}"
    )
    print(f"pymcdm loop / ours                {t_pm / t_ours:9.0f}x  (goal >= 300x)")


if __name__ == "__main__":
    main()
