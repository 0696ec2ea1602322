"""Benchmark batched EVSI on 100,000 payoff tables (e.g. one per weight draw).

Run with ``python benchmarks/bench_evsi.py``.  Prints the time of one batched
:func:`policyopts.evsi` call on payoffs of shape (100000, 5, 4) with a 4 x 8
likelihood table, the time of a Python loop of single-table calls (timed on a
subset and scaled per table), the time of a bare-numpy floor computing only
the EVSI values, and the ratios.  Nothing is asserted: numbers depend on the
machine.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import numpy as np

import policyopts as po

SEED = 7
N, M, S, K = 100_000, 5, 4, 8
N_LOOP = 2_000
REPEATS = 3


def best_of(fn: Callable[[], Any], repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    rng = np.random.default_rng(SEED)
    x = rng.normal(size=(N, M, S))
    prior = rng.dirichlet(np.ones(S))
    lik = rng.dirichlet(np.ones(K), size=S)
    joint = prior[:, None] * lik

    def floor() -> Any:
        return (x @ joint).max(axis=-2).sum(axis=-1) - (x @ prior).max(axis=-1)

    ours = best_of(lambda: po.evsi(x, prior, lik))
    base = best_of(floor)
    loop = best_of(lambda: [po.evsi(x[i], prior, lik) for i in range(N_LOOP)], 1) * N / N_LOOP
    print(f"evsi on {N:,} tables of {M} options x {S} states, {K} outcomes")
    print(f"  batched call  {ours * 1e3:9.1f} ms   ({ours / base:.2f} x the bare-numpy floor)")
    print(f"  numpy floor   {base * 1e3:9.1f} ms")
    print(f"  python loop   {loop * 1e3:9.1f} ms   (batched is {loop / ours:.0f} x faster)")


if __name__ == "__main__":
    main()
