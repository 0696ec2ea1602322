"""Benchmark the batched MCDA methods on 100,000 weight draws.

Run with ``python benchmarks/bench_methods.py``.  For each method it prints:

- ``ours``: one call of :mod:`policyopts.methods` (validation + scores + competition
  ranks for all draws);
- ``kernel``: the same scores from :mod:`policyopts._kernels.aggregate` alone (no
  validation, no ranks);
- ``floor``: a minimal bare-numpy computation of the same scores, measured in the
  same run, and the ratio ``ours / floor``;
- ``pymcdm``: a per-draw pymcdm loop (scores + pymcdm's ranking), timed on a subset
  of the draws and scaled per draw to the full count, and the speed-up of ours.

Times are the best of three ``time.perf_counter`` repeats.  Nothing is asserted:
numbers depend on the machine.
"""

from __future__ import annotations

import platform
import time
from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import NDArray

from policyopts import methods
from policyopts._kernels import aggregate as agg
from policyopts._kernels import aggregate_more as more

SEED = 20240601
N_DRAWS = 100_000
N_LOOP = 2_000
M, N = 5, 10
REPEATS = 3

FloatArray = NDArray[np.float64]


def best_of(fn: Callable[[], Any], repeats: int = REPEATS) -> float:
    """Best wall-clock time of ``repeats`` calls, in seconds."""
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


# --- bare-numpy floors: the least numpy needed for the same scores ------------------------


def floor_wsm(x: FloatArray, w: FloatArray, t: FloatArray) -> FloatArray:
    lo, hi = x.min(0), x.max(0)
    r = np.where(t > 0, x - lo, hi - x) / (hi - lo)
    out: FloatArray = w @ r.T
    return out


def floor_wpm(x: FloatArray, w: FloatArray, t: FloatArray) -> FloatArray:
    r = np.where(t > 0, x / x.sum(0), (1 / x) / (1 / x).sum(0))
    out: FloatArray = np.exp(w @ np.log(r).T)
    return out


def floor_topsis(x: FloatArray, w: FloatArray, t: FloatArray) -> FloatArray:
    r = x / np.sqrt((x * x).sum(0))
    r = np.where(t > 0, r, 1 - r)
    w2 = w * w
    dp = np.sqrt(w2 @ ((r - r.max(0)) ** 2).T)
    dm = np.sqrt(w2 @ ((r - r.min(0)) ** 2).T)
    out: FloatArray = dm / (dp + dm)
    return out


def floor_vikor(x: FloatArray, w: FloatArray, t: FloatArray) -> FloatArray:
    lo, hi = x.min(0), x.max(0)
    d = np.where(t > 0, hi - x, x - lo) / (hi - lo)
    s = w @ d.T
    r = (w[:, None, :] * d).max(-1)
    s_lo, s_hi = s.min(1, keepdims=True), s.max(1, keepdims=True)
    r_lo, r_hi = r.min(1, keepdims=True), r.max(1, keepdims=True)
    out: FloatArray = 0.5 * (s - s_lo) / (s_hi - s_lo) + 0.5 * (r - r_lo) / (r_hi - r_lo)
    return out


def floor_promethee(x: FloatArray, w: FloatArray, t: FloatArray) -> FloatArray:
    m = x.shape[0]
    pref = ((x[:, None, :] - x[None, :, :]) * t > 0).astype(np.float64)
    flows = (pref.sum(1) - pref.sum(0)) / (m - 1)
    out: FloatArray = w @ flows.T
    return out


def floor_moora(x: FloatArray, w: FloatArray, t: FloatArray) -> FloatArray:
    out: FloatArray = w @ (x / np.sqrt((x * x).sum(0)) * t).T
    return out


def floor_copras(x: FloatArray, w: FloatArray, t: FloatArray) -> FloatArray:
    r = x / x.sum(0)
    sp = w @ (r * (t > 0)).T
    sm = w @ (r * (t < 0)).T
    q = sp + sm.sum(1, keepdims=True) / (sm * (1 / sm).sum(1, keepdims=True))
    out: FloatArray = q / q.max(1, keepdims=True)
    return out


def floor_edas(x: FloatArray, w: FloatArray, t: FloatArray) -> FloatArray:
    av = x.mean(0)
    dev = (x - av) * t / av
    sp = w @ np.maximum(dev, 0).T
    sn = w @ np.maximum(-dev, 0).T
    out: FloatArray = 0.5 * (sp / sp.max(1, keepdims=True) + 1 - sn / sn.max(1, keepdims=True))
    return out


def floor_aras(x: FloatArray, w: FloatArray, t: FloatArray) -> FloatArray:
    ext = np.vstack([np.where(t > 0, x.max(0), x.min(0)), x])
    r = np.where(t > 0, ext / ext.sum(0), (1 / ext) / (1 / ext).sum(0))
    s = w @ r.T
    out: FloatArray = s[:, 1:] / s[:, :1]
    return out


def floor_mabac(x: FloatArray, w: FloatArray, t: FloatArray) -> FloatArray:
    lo, hi = x.min(0), x.max(0)
    n1 = np.where(t > 0, x - lo, hi - x) / (hi - lo) + 1
    out: FloatArray = w @ (n1 - np.exp(np.log(n1).mean(0))).T
    return out


def floor_spotis(x: FloatArray, w: FloatArray, t: FloatArray) -> FloatArray:
    lo, hi = x.min(0), x.max(0)
    out: FloatArray = w @ (np.abs(x - np.where(t > 0, hi, lo)) / (hi - lo)).T
    return out


def main() -> None:
    rng = np.random.default_rng(SEED)
    matrix = rng.random((M, N)) * 9 + 1
    types = np.where(np.arange(N) % 3 == 2, -1.0, 1.0)
    weights = rng.dirichlet(np.ones(N), size=N_DRAWS)

    try:
        import pymcdm
        from pymcdm import methods as pmm
        from pymcdm import normalizations as pmn
    except ImportError:  # pragma: no cover - dev dependency
        pymcdm = None

    ones = np.ones(N)
    cases: list[tuple[str, Callable[[], Any], Callable[[], Any], Callable[[], Any], Any]] = [
        (
            "wsm (minmax)",
            lambda: methods.wsm(matrix, weights, types, normalization="minmax"),
            lambda: agg.wsm(matrix, weights, types, "minmax"),
            lambda: floor_wsm(matrix, weights, types),
            (lambda: pmm.WSM(pmn.minmax_normalization)) if pymcdm else None,
        ),
        (
            "wpm (sum)",
            lambda: methods.wpm(matrix, weights, types, normalization="sum"),
            lambda: agg.wpm(matrix, weights, types, "sum"),
            lambda: floor_wpm(matrix, weights, types),
            (lambda: pmm.WPM(pmn.sum_normalization)) if pymcdm else None,
        ),
        (
            "topsis (vector)",
            lambda: methods.topsis(matrix, weights, types, normalization="vector"),
            lambda: agg.topsis(matrix, weights, types, "vector"),
            lambda: floor_topsis(matrix, weights, types),
            (lambda: pmm.TOPSIS(pmn.vector_normalization)) if pymcdm else None,
        ),
        (
            "vikor (v=0.5)",
            lambda: methods.vikor(matrix, weights, types, v=0.5),
            lambda: agg.vikor(matrix, weights, types, 0.5),
            lambda: floor_vikor(matrix, weights, types),
            (lambda: pmm.VIKOR(v=0.5)) if pymcdm else None,
        ),
        (
            "promethee_ii (usual)",
            lambda: methods.promethee_ii(matrix, weights, types, preference="usual"),
            lambda: agg.promethee_ii(matrix, weights, types, ["usual"] * N, 0 * ones, ones, ones),
            lambda: floor_promethee(matrix, weights, types),
            (lambda: pmm.PROMETHEE_II("usual")) if pymcdm else None,
        ),
        (
            "moora",
            lambda: methods.moora(matrix, weights, types),
            lambda: more.moora(matrix, weights, types),
            lambda: floor_moora(matrix, weights, types),
            (lambda: pmm.MOORA()) if pymcdm else None,
        ),
        (
            "copras",
            lambda: methods.copras(matrix, weights, types),
            lambda: more.copras(matrix, weights, types),
            lambda: floor_copras(matrix, weights, types),
            None,  # pymcdm 1.4 computes a different cost term (tests/dev/test_methods_pymcdm.py)
        ),
        (
            "edas",
            lambda: methods.edas(matrix, weights, types),
            lambda: more.edas(matrix, weights, types),
            lambda: floor_edas(matrix, weights, types),
            (lambda: pmm.EDAS()) if pymcdm else None,
        ),
        (
            "aras (sum)",
            lambda: methods.aras(matrix, weights, types),
            lambda: more.aras(matrix, weights, types, "sum"),
            lambda: floor_aras(matrix, weights, types),
            (lambda: pmm.ARAS()) if pymcdm else None,
        ),
        (
            "mabac (minmax)",
            lambda: methods.mabac(matrix, weights, types),
            lambda: more.mabac(matrix, weights, types, "minmax"),
            lambda: floor_mabac(matrix, weights, types),
            (lambda: pmm.MABAC()) if pymcdm else None,
        ),
        (
            "spotis (data bounds)",
            lambda: methods.spotis(matrix, weights, types),
            lambda: more.spotis(matrix, weights, types, None),
            lambda: floor_spotis(matrix, weights, types),
            (lambda: pmm.SPOTIS(pmm.SPOTIS.make_bounds(matrix))) if pymcdm else None,
        ),
    ]

    print(
        f"policyopts.methods benchmark: {N_DRAWS:,} Dirichlet(1,...,1) weight draws "
        f"(seed {SEED}) on a {M}x{N} random matrix"
    )
    print(
        f"python {platform.python_version()}, numpy {np.__version__}, "
        f"pymcdm {getattr(pymcdm, '__version__', None) or _dist_version('pymcdm')}; "
        f"best of {REPEATS} repeats (time.perf_counter)"
    )
    if pymcdm is not None:
        print(
            f"pymcdm: a per-draw loop (validation=False, scores + pymcdm's rank) timed on "
            f"the first {N_LOOP:,} draws and scaled per draw to {N_DRAWS:,} "
            f"(x{N_DRAWS / N_LOOP:g})"
        )
    print()
    header = (
        f"{'method':<22}{'ours [ms]':>11}{'kernel [ms]':>13}{'floor [ms]':>12}"
        f"{'ours/floor':>12}{'pymcdm est. [s]':>17}{'speed-up':>11}"
    )
    print(header)
    print("-" * len(header))
    for name, ours, kernel, floor, make_body in cases:
        # Sanity: ours and the floor agree.
        np.testing.assert_allclose(ours().scores, floor(), rtol=1e-9, atol=1e-12)
        t_ours = best_of(ours)
        t_kernel = best_of(kernel)
        t_floor = best_of(floor)
        if make_body is not None:
            body = make_body()
            sub = weights[:N_LOOP]

            def loop(body: Any = body, sub: FloatArray = sub) -> None:
                for w in sub:
                    body.rank(body(matrix, w, types, validation=False))

            t_pm = best_of(loop) * (N_DRAWS / N_LOOP)
            pm_text, speed = f"{t_pm:>17.2f}", f"{t_pm / t_ours:>10.0f}x"
        else:
            pm_text, speed = f"{'n/a':>17}", f"{'n/a':>11}"
        print(
            f"{name:<22}{t_ours * 1e3:>11.1f}{t_kernel * 1e3:>13.1f}{t_floor * 1e3:>12.1f}"
            f"{t_ours / t_floor:>12.1f}{pm_text}{speed}"
        )
    print()
    print(
        "ours = validation + scores + competition ranks of all draws in one call; kernel and "
        "floor = scores only."
    )


def _dist_version(name: str) -> str:
    try:
        from importlib.metadata import version

        return version(name)
    except Exception:  # pragma: no cover
        return "not installed"


if __name__ == "__main__":
    main()
