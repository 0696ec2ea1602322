r"""PRIM: the Patient Rule Induction Method (Friedman & Fisher 1999), numpy only.

Finds a box (a lower and upper bound per input) in which a binary outcome is
concentrated:

* *peeling*: starting from the box that holds every point, repeatedly cut
  the share ``alpha`` of the points in the box off the low or the high end of
  one input, choosing the cut that leaves the highest density (share of
  cases of interest) in the box; stop when the box holds less than
  ``min_mass`` of the points.  All 2D candidate cuts of a step are scored in
  one vectorised pass.
* *selection*: Bryant & Lempert (2010) read the trade-off between coverage
  (share of all cases of interest inside the box) and density along the
  peeling trajectory by eye; we take, among the boxes at least ``threshold``
  dense, the one with the largest coverage x density (the densest box when
  none reaches the threshold).
* *pasting*: widen a bound again, by one point or by a share ``alpha`` of
  the box, while that raises the density (or keeps it and raises the
  coverage).
* *simplification*: drop a restriction when the box without it is at most
  ``0.01`` less dense, so the rule names only inputs that matter, and then
  the least useful ones until at most ``max_inputs`` remain.

References
----------
Friedman, J. H., & Fisher, N. I. (1999). Bump hunting in high-dimensional
data. Statistics and Computing, 9(2), 123-143.
Bryant, B. P., & Lempert, R. J. (2010). Thinking inside the box: A
participatory, computer-assisted approach to scenario discovery.
Technological Forecasting and Social Change, 77(1), 34-49.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

__all__ = ["PrimBox", "prim"]

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]

#: Largest loss of density accepted when dropping a restriction.
DROP_TOLERANCE = 0.01


@dataclass(frozen=True, eq=False)
class PrimBox:
    """One PRIM box and the peeling trajectory it was chosen from.

    ``low``/``high`` are ``-inf``/``inf`` where an input is not restricted.
    ``trajectory`` has one row per peel: coverage, density, mass, number of
    restricted inputs.
    """

    low: FloatArray
    high: FloatArray
    coverage: float
    density: float
    mass: float
    trajectory: FloatArray

    @property
    def restricted(self) -> NDArray[np.intp]:
        """Indices of the inputs the box restricts."""
        return np.flatnonzero(np.isfinite(self.low) | np.isfinite(self.high))


def _inside(x: FloatArray, low: FloatArray, high: FloatArray) -> BoolArray:
    out: BoolArray = np.all((x >= low) & (x <= high), axis=1)
    return out


def _stats(inside: BoolArray, y: BoolArray, total: int) -> tuple[float, float, float]:
    n_in = int(inside.sum())
    hits = int((inside & y).sum())
    density = hits / n_in if n_in else 0.0
    coverage = hits / total if total else 0.0
    return coverage, density, n_in / inside.size


def _peel(
    x: FloatArray, y: BoolArray, alpha: float, min_mass: float
) -> list[tuple[FloatArray, FloatArray]]:
    n, d = x.shape
    low = np.full(d, -np.inf)
    high = np.full(d, np.inf)
    boxes = [(low.copy(), high.copy())]
    inside = np.ones(n, dtype=bool)
    yf = y.astype(np.float64)
    while True:
        xb, yb = x[inside], yf[inside]
        nb = xb.shape[0]
        if nb / n < min_mass or yb.mean() >= 1.0:
            break
        k = max(1, int(np.floor(alpha * nb)))
        if k >= nb:
            break
        srt = np.sort(xb, axis=0)
        q_lo, q_hi = srt[k], srt[nb - 1 - k]
        keep_lo = xb >= q_lo[None, :]  # (nb, d): cut the low end of each input
        keep_hi = xb <= q_hi[None, :]
        keep = np.concatenate([keep_lo, keep_hi], axis=1)  # (nb, 2d)
        kept = keep.sum(axis=0)
        valid = (kept < nb) & (kept >= max(1, int(np.ceil(min_mass * n))))
        if not valid.any():
            break
        dens = np.where(valid, (keep * yb[:, None]).sum(axis=0) / np.maximum(kept, 1), -1.0)
        best = np.flatnonzero(dens == dens.max())
        c = int(best[np.argmax(kept[best])])  # on a tie, the cut that keeps more points
        j = c % d
        if c < d:
            low[j] = q_lo[j]
        else:
            high[j] = q_hi[j]
        inside = _inside(x, low, high)
        boxes.append((low.copy(), high.copy()))
    return boxes


def _paste(
    x: FloatArray, y: BoolArray, low: FloatArray, high: FloatArray, alpha: float
) -> tuple[FloatArray, FloatArray]:
    low, high = low.copy(), high.copy()
    total = int(y.sum())
    while True:
        inside = _inside(x, low, high)
        cov, dens, _ = _stats(inside, y, total)
        step = max(1, int(np.floor(alpha * inside.sum())))
        best: tuple[float, float, int, bool, float] | None = None
        for j in np.flatnonzero(np.isfinite(low) | np.isfinite(high)):
            other_low, other_high = low.copy(), high.copy()
            other_low[j], other_high[j] = -np.inf, np.inf
            near = _inside(x, other_low, other_high) & ~inside
            for is_low in (True, False):
                bound = low[j] if is_low else high[j]
                if not np.isfinite(bound):
                    continue
                cand = x[near, j]
                cand = np.sort(cand[cand < bound])[::-1] if is_low else np.sort(cand[cand > bound])
                if cand.size == 0:
                    continue
                for size in {1, min(step, cand.size)}:
                    new = float(cand[size - 1])
                    lo2, hi2 = low.copy(), high.copy()
                    if is_low:
                        lo2[j] = new
                    else:
                        hi2[j] = new
                    c2, d2, _ = _stats(_inside(x, lo2, hi2), y, total)
                    better = d2 > dens or (d2 >= dens and c2 > cov)
                    if better and (best is None or (d2, c2) > best[:2]):
                        best = (d2, c2, int(j), is_low, new)
        if best is None:
            return low, high
        _, _, jj, is_low, new = best
        if is_low:
            low[jj] = new
        else:
            high[jj] = new


def _simplify(
    x: FloatArray, y: BoolArray, low: FloatArray, high: FloatArray, max_inputs: int | None
) -> tuple[FloatArray, FloatArray]:
    low, high = low.copy(), high.copy()
    total = int(y.sum())
    while True:
        n_restricted = int(np.sum(np.isfinite(low) | np.isfinite(high)))
        too_many = max_inputs is not None and n_restricted > max_inputs
        _, dens, _ = _stats(_inside(x, low, high), y, total)
        options = []
        for j in np.flatnonzero(np.isfinite(low) | np.isfinite(high)):
            sides = ("both",) if too_many else ("low", "high")
            for side in sides:
                lo2, hi2 = low.copy(), high.copy()
                if side in ("low", "both") and np.isfinite(low[j]):
                    lo2[j] = -np.inf
                if side in ("high", "both") and np.isfinite(high[j]):
                    hi2[j] = np.inf
                if np.array_equal(lo2, low) and np.array_equal(hi2, high):
                    continue
                _, d2, _ = _stats(_inside(x, lo2, hi2), y, total)
                options.append((d2, lo2, hi2))
        if not options:
            return low, high
        d2, lo2, hi2 = max(options, key=lambda t: t[0])
        if d2 < dens - DROP_TOLERANCE and not too_many:
            return low, high
        low, high = lo2, hi2


def prim(
    x: FloatArray,
    y: BoolArray,
    *,
    alpha: float = 0.05,
    min_mass: float = 0.05,
    threshold: float = 0.8,
    paste: bool = True,
    max_inputs: int | None = None,
) -> PrimBox:
    """One PRIM box for the cases ``y`` among the points ``x`` (see the module docstring).

    Parameters
    ----------
    x : ndarray (N, D)
    y : ndarray of bool (N,)
    alpha : float in (0, 0.5), default 0.05
        Share of the box's points peeled (or pasted) per step.
    min_mass : float in (0, 1), default 0.05
        Smallest share of the points a box may hold.
    threshold : float in [0, 1], default 0.8
        Density the chosen box should reach.
    paste : bool, default True
    max_inputs : int, optional
        Most inputs the box may restrict: the restrictions whose removal
        costs the least density go first.
    """
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=bool)
    if x.ndim != 2 or y.shape != (x.shape[0],):
        raise ValueError(f"x, y: expected shapes (N, D) and (N,), got {x.shape} and {y.shape}")
    if not 0.0 < alpha < 0.5:
        raise ValueError(f"alpha: expected a share in (0, 0.5), got {alpha!r}")
    if not 0.0 < min_mass < 1.0:
        raise ValueError(f"min_mass: expected a share in (0, 1), got {min_mass!r}")
    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"threshold: expected a density in [0, 1], got {threshold!r}")
    total = int(y.sum())
    boxes = _peel(x, y, alpha, min_mass)
    traj = np.array(
        [
            [
                *_stats(_inside(x, lo, hi), y, total),
                float(np.sum(np.isfinite(lo) | np.isfinite(hi))),
            ]
            for lo, hi in boxes
        ]
    )
    ok = np.flatnonzero(traj[:, 1] >= threshold)
    pick = int(ok[np.argmax(traj[ok, 0] * traj[ok, 1])]) if ok.size else int(np.argmax(traj[:, 1]))
    low, high = boxes[pick]
    if paste:
        low, high = _paste(x, y, low, high, alpha)
    low, high = _simplify(x, y, low, high, max_inputs)
    cov, dens, mass = _stats(_inside(x, low, high), y, total)
    return PrimBox(low=low, high=high, coverage=cov, density=dens, mass=mass, trajectory=traj)
