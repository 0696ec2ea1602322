"""Benchmark of the HTML brief against ``policyopts compare`` (issue 15: report <= 3x compare).

Run with ``python benchmarks/bench_report.py``.  It prints (measured on the
machine at hand; nothing is asserted):

1. the wall time of ``policyopts compare mali`` and ``policyopts report mali``
   as fresh processes (import included), best of ``--repeat``, and their
   ratio -- goal: at most 3;
2. ``policyopts brief mali`` (the bottom line alone) against ``compare``;
3. in one warm process, the brief's analyses alone
   (:class:`policyopts.report.BriefAnalysis` with every section's needs) against
   the whole :func:`policyopts.report.build_report`, so the share taken by the
   figures is visible.
"""

from __future__ import annotations

import argparse
import math
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _best(cmd: list[str], repeat: int) -> float:
    best = math.inf
    for _ in range(repeat):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        best = min(best, time.perf_counter() - t)
    return best


def bench_cli(repeat: int) -> None:
    exe = [sys.executable, "-m", "policyopts.cli"]
    with tempfile.TemporaryDirectory() as folder:
        out = str(Path(folder) / "brief.html")
        compare = _best([*exe, "compare", "mali"], repeat)
        report = _best([*exe, "report", "mali", "-o", out], repeat)
        brief = _best([*exe, "brief", "mali"], repeat)
    print(f"compare {compare:.2f} s | report {report:.2f} s (x{report / compare:.2f}, goal <= 3)")
    print(f"brief   {brief:.2f} s (x{brief / compare:.2f} compare)")


def bench_in_process() -> None:
    import policyopts as po
    from policyopts.report import BriefAnalysis, bottom_line, build_report

    case = po.load_case("mali")
    build_report(case, n_samples=500)  # warm: imports and first calls

    def analyses() -> None:
        a = BriefAnalysis(case)
        bottom_line(a)
        a.smaa_by_profile, a.flips, a.robust_strategies  # noqa: B018 - what the sections use

    t = time.perf_counter()
    analyses()
    only = time.perf_counter() - t
    t = time.perf_counter()
    build_report(case)
    whole = time.perf_counter() - t
    print(f"warm: analyses {only:.2f} s of the whole brief {whole:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    bench_cli(args.repeat)
    bench_in_process()


if __name__ == "__main__":
    main()
