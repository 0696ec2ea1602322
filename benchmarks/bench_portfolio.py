"""Benchmark of portfolio enumeration, robust portfolio modelling and portfolio SMAA.

Run with ``python benchmarks/bench_portfolio.py``.  It prints, with the goals
of issue 13 (measured on the machine at hand; nothing is asserted):

1. all feasible portfolios of 20 actions under 2 budgets, scored on 12
   criteria (:func:`policyopts.score_portfolios`: membership, each
   portfolio's value per criterion and cost per resource, its weighted score):
   wall time -- goal under 1 s -- and the ratio to a dense reference measured
   in the same run (all 2**20 subsets as a boolean matrix times the values);
2. the non-dominated set of 20 actions under interval weights on 6 criteria
   (:func:`policyopts.rpm`): wall time -- goal under 10 s -- and its ratio to
   the enumeration alone;
3. SMAA over m = 128 ... 1,024 (and 2,048) portfolios (:func:`policyopts.portfolio_smaa`
   on a synthetic case without budgets, so m = 2**k): peak memory of the
   run traced by :mod:`tracemalloc` for a fixed chunk of draws, and the
   log-log slope of memory against m -- goal: growth as m**2 or slower (slope
   <= 2; the tallies are argmax counts per draw, so the slope is about 1).
"""

from __future__ import annotations

import argparse
import math
import time
import tracemalloc

import numpy as np

import policyopts as po
from policyopts.portfolio import _enumerate as E
from policyopts.portfolio import feasible_portfolios

SEED = 20260101


def _timed(fn, repeat: int = 3):  # type: ignore[no-untyped-def]
    best = math.inf
    out = None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    return best, out


def bench_scoring() -> None:
    rng = np.random.default_rng(SEED)
    k, n = 20, 12
    values = rng.random((k, n))
    costs = rng.uniform(1, 10, (k, 2))
    budget = costs.sum(axis=0) * 0.5
    w = rng.dirichlet(np.ones(n))

    def ours() -> tuple[int, float]:
        scored = po.score_portfolios(values, costs, budget, w)
        assert scored.scores is not None
        return scored.portfolios.shape[0], float(scored.scores.sum())

    def dense() -> float:
        codes = np.arange(1 << k, dtype=np.int64)
        member = E.membership(codes, k)
        ok = np.all(member.astype(np.float64) @ costs <= budget, axis=1)
        per_criterion = member[ok].astype(np.float64) @ values
        return float((per_criterion @ w).sum())

    t_ours, (count, _) = _timed(ours)
    t_ref, _ = _timed(dense)
    print(
        f"1. scoring: {count:,} feasible of {2**k:,} portfolios ({k} actions, 2 budgets, "
        f"{n} criteria) in {t_ours:.3f} s; dense reference {t_ref:.3f} s, ratio "
        f"{t_ours / t_ref:.2f}; goal < 1 s: {'met' if t_ours < 1 else 'NOT met'}"
    )


def bench_rpm() -> None:
    rng = np.random.default_rng(SEED + 1)
    k, n = 20, 6
    values = rng.random((k, n))
    costs = rng.uniform(1, 10, (k, 2))
    budget = costs.sum(axis=0) * 0.4
    centre = np.full(n, 1 / n)
    weights = po.interval_weights(centre * 0.5, centre * 1.5)
    t_rpm, res = _timed(lambda: po.rpm(values, costs, budget, weights), repeat=1)
    t_feas, _ = _timed(lambda: feasible_portfolios(costs, budget), repeat=1)
    print(
        f"2. RPM: {res.portfolios.shape[0]} non-dominated of {res.n_feasible:,} feasible "
        f"portfolios ({k} actions, interval weights on {n} criteria, "
        f"{res.extreme_points.shape[0]} extreme points) in {t_rpm:.2f} s; enumeration alone "
        f"{t_feas:.2f} s, ratio {t_rpm / t_feas:.1f}; goal < 10 s: "
        f"{'met' if t_rpm < 10 else 'NOT met'}"
    )


def _case(k: int, n: int) -> po.Case:
    rng = np.random.default_rng(SEED + k)
    options = [{"id": "base", "name": "Baseline"}] + [
        {"id": f"a{i}", "name": f"Action {i}"} for i in range(k)
    ]
    criteria = [
        {
            "id": f"c{j}",
            "name": f"Criterion {j}",
            "direction": "benefit",
            "scale": {"min": 0, "max": 10},
        }
        for j in range(n)
    ]
    assessments = []
    for o in options:
        for c in criteria:
            s = float(np.round(rng.uniform(2, 8), 1))
            assessments.append(
                {
                    "option": o["id"],
                    "criterion": c["id"],
                    "score": s,
                    "uncertainty": {"kind": "triangular", "low": s - 1, "high": s + 1},
                    "rationale": "synthetic",
                }
            )
    return po.Case.model_validate(
        {
            "id": "bench",
            "title": "Synthetic portfolio benchmark",
            "options": options,
            "criteria": criteria,
            "assessments": assessments,
            "profiles": [{"id": "p", "name": "P", "weights": {c["id"]: 1.0 for c in criteria}}],
            "portfolio": {"baseline_option": "base"},
        }
    )


def bench_smaa(n_samples: int, chunk: int) -> None:
    sizes, peaks, times = [], [], []
    for k in (7, 8, 9, 10, 11):
        case = _case(k, 6)
        po.portfolio_smaa(case, n_samples=10, seed=0)  # warm up imports and caches
        tracemalloc.start()
        t = time.perf_counter()
        po.portfolio_smaa(case, n_samples=n_samples, seed=0, chunk_size=chunk)
        elapsed = time.perf_counter() - t
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        sizes.append(2**k)
        peaks.append(peak / 2**20)
        times.append(elapsed)
        print(
            f"   m = {2**k:5,d} portfolios: {n_samples:,} draws (chunks of {chunk:,}) in "
            f"{elapsed:.2f} s, peak traced memory {peak / 2**20:.1f} MB"
        )
    slope = float(np.polyfit(np.log(sizes), np.log(peaks), 1)[0])
    print(
        f"3. portfolio SMAA: memory grows as m^{slope:.2f} from m = {sizes[0]} to {sizes[-1]}; "
        f"goal m^2 or slower: {'met' if slope <= 2 else 'NOT met'}; time ratio "
        f"m={sizes[-1]} / m={sizes[0]}: {times[-1] / times[0]:.1f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=20_000)
    parser.add_argument("--chunk-size", type=int, default=2_000)
    args = parser.parse_args()
    bench_scoring()
    bench_rpm()
    bench_smaa(args.draws, args.chunk_size)


if __name__ == "__main__":
    main()
