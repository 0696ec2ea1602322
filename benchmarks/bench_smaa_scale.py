"""Scale-out benchmark of SMAA-2: tens of millions of draws in bounded memory, and Dask.

Run with ``python benchmarks/bench_smaa_scale.py`` (options: ``--draws``,
``--dask-draws``, ``--chunk-size``, ``--no-dask``).  It prints:

1. a local run of ``--draws`` (default 50,000,000) uniform weight draws on a
   5 x 10 matrix (WSM, min-max), streamed in chunks: wall time, draws per
   second and the peak resident memory of the process
   (``resource.getrusage(...).ru_maxrss``, which includes the interpreter and
   the imported libraries; the baseline before the run is printed too) --
   goal: under 1 GB;
2. the same analysis on ``--dask-draws`` (default 10,000,000) draws, once in
   this process and once on a ``LocalCluster`` of 2 worker processes with 1
   thread each: both wall times, their ratio, and whether the two results
   are bit-identical (they must be).  The cluster's start-up is timed
   separately and not counted.

Nothing is asserted; numbers depend on the machine and its load.
"""

from __future__ import annotations

import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import platform  # noqa: E402
import resource  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402

from policyopts.sensitivity.smaa import SMAAResult, smaa  # noqa: E402

SEED = 20240601
M, N = 5, 10
DASK_CHUNK = 250_000
FIELDS = ("rank_acceptability", "central_weights", "confidence", "pairwise_winning")


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def identical(a: SMAAResult, b: SMAAResult) -> bool:
    return all(np.array_equal(getattr(a, f), getattr(b, f)) for f in FIELDS)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=50_000_000)
    parser.add_argument("--dask-draws", type=int, default=10_000_000)
    parser.add_argument("--chunk-size", type=int, default=None)
    parser.add_argument("--no-dask", action="store_true")
    args = parser.parse_args()

    rng = np.random.default_rng(SEED)
    x = rng.random((M, N)) * 9 + 1
    t = np.where(np.arange(N) % 3 == 2, -1.0, 1.0)
    print(
        f"python {platform.python_version()}, numpy {np.__version__}, cpus {os.cpu_count()}, "
        f"OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS', 'unset')}, "
        f"load average {os.getloadavg()[0]:.2f} (other processes compete for the cores)"
    )

    # 1. Many draws locally, streamed.
    base = peak_rss_mb()
    t0 = time.perf_counter()
    big = smaa(x, t, n_samples=args.draws, seed=SEED, chunk_size=args.chunk_size, progress=False)
    elapsed = time.perf_counter() - t0
    print(
        f"local: {args.draws:,} draws on {M}x{N} (WSM minmax) in {big.n_chunks:,} chunks of "
        f"{big.chunk_size:,}: {elapsed:.1f} s ({args.draws / elapsed / 1e6:.2f} M draws/s)"
    )
    print(
        f"peak RSS {peak_rss_mb():.0f} MB (baseline before the run {base:.0f} MB; goal < 1024 MB)"
    )
    print("first-rank acceptability:", np.round(big.rank_acceptability[:, 0], 4).tolist())
    if args.no_dask:
        return

    # 2. Dask: 2 worker processes vs this process, same seed and chunk size.
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        print("dask.distributed not installed (pip install policyopts[dask]): skipped")
        return
    n = args.dask_draws
    # A task costs milliseconds of scheduling: cluster chunks should be large (the
    # cache-sized local default would make ~1,000 tasks of a few ms of work each).
    chunk = args.chunk_size or DASK_CHUNK
    t0 = time.perf_counter()
    local = smaa(x, t, n_samples=n, seed=SEED, chunk_size=chunk)
    t_local = time.perf_counter() - t0
    t0 = time.perf_counter()
    with (
        LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,  # type: ignore[no-untyped-call]
    ):
        t_start = time.perf_counter() - t0
        client.run(lambda: __import__("policyopts.sensitivity.smaa"))  # warm the workers
        t0 = time.perf_counter()
        remote = smaa(x, t, n_samples=n, seed=SEED, chunk_size=chunk, client=client)
        t_dask = time.perf_counter() - t0
    print(
        f"dask: {n:,} draws, chunk {local.chunk_size:,} ({local.n_chunks} chunks): "
        f"1 local process {t_local:.1f} s, LocalCluster 2 workers x 1 thread {t_dask:.1f} s "
        f"(cluster start-up {t_start:.1f} s, not counted)"
    )
    print(
        f"time ratio dask(2 workers) / local(1 process) = {t_dask / t_local:.2f}; "
        f"bit-identical results: {identical(local, remote)}"
    )


if __name__ == "__main__":
    main()
