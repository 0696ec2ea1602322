"""SMAA speed and memory goals (issue 15), each printed with its ratio and "met"/"NOT met".

Run with ``python benchmarks/bench_smaa.py`` (``make bench``).  One BLAS thread
(set below, before numpy is imported); every comparison is measured in this
run, its variants interleaved (A B A B ...), and the minimum and median of
``REPEATS`` runs are printed.  A goal is judged on the ratio of the minima
(the least disturbed runs); the ratio of the medians is printed beside it.
Nothing is asserted: the numbers depend on the machine and on its load.

Goals
-----
1. SMAA-2, 10^6 uniform weight draws on a 5 x 10 matrix: ``po.smaa`` within
   1.3x a *tuned chunked numpy floor* for WSM, 1.5x for TOPSIS and PROMETHEE II.
   The floor is the least numpy for the same tallies, written for this
   comparison: 65,536-draw chunks, weights from standard exponentials (left
   unnormalised: ranks and central weights only need the row sums), scores by
   one matrix product per chunk (TOPSIS: two, on the squared weights), int8
   ranks and strict pairwise wins from the m(m-1)/2 comparisons, rank counts
   by bincount.  It ignores ties and validates nothing.  Also printed, not a
   goal: a one-shot numpy version (all draws at once, argsort ranks, 80 MB
   temporaries) -- the "bare-numpy floor" of earlier benchmarks, which is no
   floor.
2. ``po.smaa`` at least 300x faster than a per-draw pymcdm loop (one ``WSM``
   call and one ranking per weight vector), timed on the first 2,000 draws
   and scaled to 10^6.
3. m = 1,024 alternatives, 10^5 draws, WSM: peak resident memory of a fresh
   process under 1 GB (``resource.getrusage``); its time is printed.
4. ``smaa_case(mali)`` with uncertain scores within 4x the fixed-score run,
   10^6 draws (with numba installed, the ``fast`` extra, as ``make setup``
   does; the numpy-only ratio is printed beside it).
5. ``policyopts report mali`` within 3x ``policyopts compare mali``
   (subprocesses).
6. ``import policyopts`` within 5x ``import numpy`` (subprocesses).

Chunk sizes: the defaults chosen for the cache are printed; Dask runs being
bit-identical to local ones is tested in ``tests/sensitivity/test_smaa_dask.py``
and timed in ``benchmarks/bench_smaa_scale.py``.
"""

from __future__ import annotations

import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import platform  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import numpy as np  # noqa: E402
from numpy.typing import NDArray  # noqa: E402

import policyopts as po  # noqa: E402
from policyopts.sensitivity.smaa import smaa, smaa_case  # noqa: E402

SEED = 20240601
N_DRAWS = 1_000_000
N_LOOP = 2_000
M, N = 5, 10
REPEATS = 5
FLOOR_CHUNK = 1 << 16
PYTHON = sys.executable

FloatArray = NDArray[np.float64]


# ----------------------------------------------------------------------------- timing
def interleaved(
    fns: dict[str, Callable[[], Any]], repeats: int = REPEATS
) -> dict[str, list[float]]:
    """Run every function once per round, ``repeats`` rounds; wall times in seconds."""
    times: dict[str, list[float]] = {k: [] for k in fns}
    for _ in range(repeats):
        for name, fn in fns.items():
            t0 = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - t0)
    return times


def show(label: str, t: list[float]) -> None:
    print(f"  {label:<44} min {min(t):8.3f} s   median {statistics.median(t):8.3f} s")


def goal(
    label: str, ratio: float, median_ratio: float | None, limit: float, *, at_most: bool
) -> None:
    met = ratio <= limit if at_most else ratio >= limit
    sign = "<=" if at_most else ">="
    med = "" if median_ratio is None else f" (medians {median_ratio:.2f}x)"
    print(f"GOAL {label}: {ratio:.2f}x{med}, goal {sign} {limit:g}x: {'met' if met else 'NOT met'}")


def ratio_of(times: dict[str, list[float]], a: str, b: str) -> tuple[float, float]:
    return min(times[a]) / min(times[b]), statistics.median(times[a]) / statistics.median(times[b])


# ----------------------------------------------------------------------------- floors
def tuned_floor(
    score: Callable[[FloatArray], FloatArray], m: int, n: int, n_draws: int, seed: int
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Chunked numpy SMAA-2 tallies: rank acceptability, central weights, pairwise wins.

    ``score(e)`` maps unnormalised weight draws (c, n) to scores (m, c).
    """
    ones = np.ones(n)
    root = np.random.SeedSequence(seed)
    counts = np.zeros(m * m, dtype=np.int64)
    sums = np.zeros((m, n))
    less = np.zeros((m, m), dtype=np.int64)
    offsets = (np.arange(m) * m - 1)[:, None]
    for start in range(0, n_draws, FLOOR_CHUNK):
        c = min(FLOOR_CHUNK, n_draws - start)
        rng = np.random.default_rng(root.spawn(1)[0])
        e = rng.standard_exponential((c, n))
        total = e @ ones
        s = score(e)
        ranks = np.ones((m, c), dtype=np.int8)
        for a in range(m):
            for b in range(a + 1, m):
                win = s[a] > s[b]
                ranks[b] += win
                ranks[a] += ~win
                k = np.count_nonzero(win)
                less[a, b] += k
                less[b, a] += c - k
        counts += np.bincount((ranks + offsets).ravel(), minlength=m * m)
        sums += ((ranks == 1) * (1.0 / total)) @ e
    ra = counts.reshape(m, m) / n_draws
    cw = sums / np.maximum(ra[:, :1] * n_draws, 1)
    return ra, cw, less / n_draws


def one_shot(x: FloatArray, t: FloatArray, n_draws: int, seed: int) -> FloatArray:
    """All draws at once, argsort ranks: the old "bare-numpy floor" (not a floor)."""
    m, n = x.shape
    rng = np.random.default_rng(seed)
    e = rng.standard_exponential((n_draws, n))
    w = e / e.sum(axis=1, keepdims=True)
    lo, hi = x.min(0), x.max(0)
    v = np.where(t > 0, x - lo, hi - x) / (hi - lo)
    order = np.argsort(-(w @ v.T), axis=1)
    ranks = np.empty_like(order)
    np.put_along_axis(ranks, order, np.arange(m), axis=1)
    counts = np.bincount((np.arange(m) * m + ranks).ravel(), minlength=m * m)
    first = order[:, 0]
    np.bincount((first[:, None] * n + np.arange(n)).ravel(), weights=w.ravel(), minlength=m * n)
    for i in range(m):
        for j in range(m):
            if i != j:
                np.count_nonzero(ranks[:, i] < ranks[:, j])
    return counts.reshape(m, m) / n_draws


def wsm_score(x: FloatArray, t: FloatArray) -> Callable[[FloatArray], FloatArray]:
    lo, hi = x.min(0), x.max(0)
    v = np.where(t > 0, x - lo, hi - x) / (hi - lo)
    return lambda e: v @ e.T


def topsis_score(x: FloatArray, t: FloatArray) -> Callable[[FloatArray], FloatArray]:
    norm = np.sqrt((x * x).sum(axis=0))
    r = np.where(t > 0, x / norm, 1.0 - x / norm)
    g_plus = (r - r.max(axis=0)) ** 2
    g_minus = (r - r.min(axis=0)) ** 2

    def score(e: FloatArray) -> FloatArray:
        e2 = (e * e).T
        d_plus = np.sqrt(g_plus @ e2)
        d_minus = np.sqrt(g_minus @ e2)
        out: FloatArray = d_minus / (d_plus + d_minus)
        return out

    return score


def promethee_score(x: FloatArray, t: FloatArray) -> Callable[[FloatArray], FloatArray]:
    m = x.shape[0]
    d = (x[:, None, :] - x[None, :, :]) * t  # d[a, b, j]
    flows = ((d > 0).astype(float) - (d < 0)).sum(axis=1) / (m - 1)  # (m, n), usual criterion
    return lambda e: flows @ e.T


def pymcdm_loop(x: FloatArray, t: FloatArray, w: FloatArray) -> None:
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


# ----------------------------------------------------------------------------- sections
def section_methods(x: FloatArray, t: FloatArray) -> float:
    print(f"\n[1] SMAA-2, {N_DRAWS:,} uniform weight draws, {M}x{N} matrix, seed {SEED}")
    t_wsm = 0.0
    limits = {"wsm": 1.3, "topsis": 1.5, "promethee_ii": 1.5}
    scores = {"wsm": wsm_score, "topsis": topsis_score, "promethee_ii": promethee_score}
    for method, limit in limits.items():
        score = scores[method](x, t)
        fns: dict[str, Callable[[], Any]] = {
            "ours": lambda method=method: smaa(x, t, method=method, n_samples=N_DRAWS, seed=SEED),
            "floor": lambda score=score: tuned_floor(score, M, N, N_DRAWS, SEED),
        }
        if method == "wsm":
            fns["one-shot"] = lambda: one_shot(x, t, N_DRAWS, SEED)
        times = interleaved(fns)
        ours = smaa(x, t, method=method, n_samples=200_000, seed=SEED)
        ra_floor = tuned_floor(score, M, N, 200_000, SEED + 1)[0]
        diff = float(np.abs(ours.rank_acceptability - ra_floor).max())
        print(
            f" {method} (chunk {ours.chunk_size:,}; max |b ours - b floor| at 2e5 draws {diff:.4f})"
        )
        show(f"po.smaa({method})", times["ours"])
        show(f"tuned chunked numpy floor ({FLOOR_CHUNK:,} draws)", times["floor"])
        if "one-shot" in times:
            show("one-shot numpy, argsort (old 'floor', not one)", times["one-shot"])
            r1, r2 = ratio_of(times, "one-shot", "ours")
            print(f"  one-shot / ours: {r1:.2f}x (medians {r2:.2f}x)")
            t_wsm = min(times["ours"])
        r, rm = ratio_of(times, "ours", "floor")
        goal(f"{method} ours / tuned floor", r, rm, limit, at_most=True)
    return t_wsm


def section_pymcdm(x: FloatArray, t: FloatArray, t_ours: float) -> None:
    print(f"\n[2] per-draw pymcdm loop (timed on {N_LOOP:,} draws, scaled to {N_DRAWS:,})")
    try:
        import pymcdm  # noqa: F401
    except ImportError:  # pragma: no cover - dev dependency
        print("  pymcdm not installed: skipped")
        return
    w = np.random.default_rng(SEED).dirichlet(np.ones(N), size=N_LOOP)
    times = interleaved({"loop": lambda: pymcdm_loop(x, t, w)}, repeats=2)
    scaled = min(times["loop"]) * N_DRAWS / N_LOOP
    print(
        f"  pymcdm loop: {min(times['loop']):.3f} s for {N_LOOP:,} draws -> {scaled:.1f} s scaled"
    )
    goal("pymcdm loop / po.smaa(wsm)", scaled / t_ours, None, 300, at_most=False)


LARGE = """
import os, resource, sys, time
os.environ["OPENBLAS_NUM_THREADS"] = "1"
import numpy as np
from policyopts.sensitivity.smaa import smaa
m, n, draws = 1024, 10, 100_000
x = np.random.default_rng(0).random((m, n))
t = np.where(np.arange(n) % 3 == 2, -1.0, 1.0)
t0 = time.perf_counter()
s = smaa(x, t, n_samples=draws, seed=1)
elapsed = time.perf_counter() - t0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
b = s.rank_acceptability
ok = np.allclose(b.sum(axis=0), 1) and np.allclose(b.sum(axis=1), 1)
print(f"{elapsed:.2f} {peak:.1f} {s.chunk_size} {ok} {s.pairwise_winning is None}")
"""


def section_large() -> None:
    print("\n[3] m = 1,024 alternatives, 10 criteria, 100,000 draws, WSM (a fresh process)")
    out = subprocess.run([PYTHON, "-c", LARGE], capture_output=True, text=True, check=True)
    elapsed, peak, chunk, ok, no_pairwise = out.stdout.split()
    print(
        f"  time {float(elapsed):.1f} s, chunk {int(chunk):,} draws, "
        f"peak RSS {float(peak):.0f} MB, rows/columns sum to 1: {ok}; "
        f"pairwise wins skipped by default above 256: {no_pairwise}"
    )
    goal("m=1024 peak RSS / 1 GB", float(peak) / 1024, None, 1.0, at_most=True)


def section_case() -> None:
    from policyopts.inputs import VALUE_BLOCK

    case = po.load_case("mali")
    print(f"\n[4] smaa_case(mali), {N_DRAWS:,} draws: uncertain scores vs fixed scores")
    smaa_case(case, n_samples=1_000, seed=1)  # warm: imports, quantile tables, cached inputs
    from policyopts.inputs import _compiled

    compiled = _compiled.use_for(N_DRAWS)
    if compiled:
        smaa_case(case, n_samples=N_DRAWS, seed=1)  # warm: import numba, load the kernels

    def numpy_only() -> Any:
        os.environ["POLICYOPTS_NUMBA"] = "0"
        try:
            return smaa_case(case, n_samples=N_DRAWS, seed=1)
        finally:
            del os.environ["POLICYOPTS_NUMBA"]

    runs = {
        "fixed": lambda: smaa_case(case, n_samples=N_DRAWS, seed=1, uncertain_scores=False),
        "uncertain": lambda: smaa_case(case, n_samples=N_DRAWS, seed=1),
    }
    if compiled:
        runs["numpy only"] = numpy_only
    # Wall time (the goal) and CPU time of this process (what the other processes on a
    # shared machine do not inflate), interleaved.
    wall: dict[str, list[float]] = {k: [] for k in runs}
    cpu: dict[str, list[float]] = {k: [] for k in runs}
    for _ in range(REPEATS):
        for name, fn in runs.items():
            t0, c0 = time.perf_counter(), time.process_time()
            fn()
            wall[name].append(time.perf_counter() - t0)
            cpu[name].append(time.process_time() - c0)
    s = smaa_case(case, n_samples=N_DRAWS, seed=1)
    print(
        f"  {s.n_inputs} uncertain inputs; chunk {s.chunk_size:,} draws, drawn and scored "
        f"in blocks of {VALUE_BLOCK:,}; confidence pass {min(N_DRAWS, 100_000):,} draws"
    )
    print(
        "  uncertain scores drawn with the compiled kernels (numba, the 'fast' extra)"
        if compiled
        else "  numba is not installed: uncertain scores drawn with numpy only"
    )
    show("fixed scores", wall["fixed"])
    show("uncertain scores", wall["uncertain"])
    show("fixed scores (CPU time)", cpu["fixed"])
    show("uncertain scores (CPU time)", cpu["uncertain"])
    r, rm = ratio_of(wall, "uncertain", "fixed")
    cr, crm = ratio_of(cpu, "uncertain", "fixed")
    print(f"  CPU-time ratio uncertain / fixed: {cr:.2f}x (medians {crm:.2f}x)")
    if compiled:
        show("uncertain, numpy only", wall["numpy only"])
        nr, nrm = ratio_of(wall, "numpy only", "fixed")
        print(f"  without numba (POLICYOPTS_NUMBA=0): {nr:.2f}x (medians {nrm:.2f}x)")
    goal("smaa_case uncertain / fixed", r, rm, 4.0, at_most=True)


def _cli(*args: str) -> Callable[[], Any]:
    exe = str(Path(PYTHON).with_name("policyopts"))
    return lambda: subprocess.run([exe, *args], capture_output=True, check=True)


def section_report() -> None:
    print("\n[5] policyopts report mali vs policyopts compare mali (subprocesses)")
    with tempfile.TemporaryDirectory() as tmp:
        out = str(Path(tmp) / "brief.html")
        times = interleaved(
            {"compare": _cli("compare", "mali"), "report": _cli("report", "mali", "-o", out)}
        )
    show("policyopts compare mali", times["compare"])
    show("policyopts report mali", times["report"])
    r, rm = ratio_of(times, "report", "compare")
    goal("report / compare", r, rm, 3.0, at_most=True)


def section_import() -> None:
    print("\n[6] import policyopts vs import numpy (subprocesses)")
    times = interleaved(
        {
            "numpy": lambda: subprocess.run([PYTHON, "-c", "import numpy"], check=True),
            "policyopts": lambda: subprocess.run([PYTHON, "-c", "import policyopts"], check=True),
        }
    )
    show("import numpy", times["numpy"])
    show("import policyopts", times["policyopts"])
    r, rm = ratio_of(times, "policyopts", "numpy")
    goal("import policyopts / import numpy", r, rm, 5.0, at_most=True)


def main() -> None:
    rng = np.random.default_rng(SEED)
    x = rng.random((M, N)) * 9 + 1
    t = np.where(np.arange(N) % 3 == 2, -1.0, 1.0)
    print(
        f"python {platform.python_version()}, numpy {np.__version__}, policyopts {po.__version__}, "
        f"OPENBLAS_NUM_THREADS={os.environ['OPENBLAS_NUM_THREADS']}, cpus {os.cpu_count()}, "
        f"load average {os.getloadavg()[0]:.2f}; {REPEATS} interleaved repeats"
    )
    only = set(sys.argv[1:])
    t_wsm = 0.0
    if not only or "methods" in only:
        t_wsm = section_methods(x, t)
    if (not only or "pymcdm" in only) and t_wsm > 0:
        section_pymcdm(x, t, t_wsm)
    if not only or "large" in only:
        section_large()
    if not only or "case" in only:
        section_case()
    if not only or "report" in only:
        section_report()
    if not only or "import" in only:
        section_import()
    print(f"\nload average at the end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
