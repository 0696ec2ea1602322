"""Batched Pareto dominance (pure numpy, no validation)."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

__all__ = ["dominates"]


def dominates(matrix: NDArray[np.float64], types: NDArray[np.float64]) -> NDArray[np.bool_]:
    """``out[..., i, j]`` is True when alternative i Pareto-dominates alternative j.

    i dominates j when it is at least as good on every criterion and strictly
    better on at least one; ``types`` orients each column (+1 benefit, -1 cost).
    Shapes: ``matrix`` (..., m, n) -> (..., m, m).
    """
    oriented = matrix * types
    diff = oriented[..., :, None, :] - oriented[..., None, :, :]
    out: NDArray[np.bool_] = np.all(diff >= 0, axis=-1) & np.any(diff > 0, axis=-1)
    return out
