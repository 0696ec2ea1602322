r"""The best portfolio under one weight vector, as a 0-1 programme (numpy/scipy only).

.. math::

    \max_{x \in \{0,1\}^k,\ y \in \{0,1\}^T}\ a \cdot x + g \cdot y
    \quad\text{s.t.}\quad C^\top x \le B,\quad
    \sum_{i \in E} x_i \le 1,\quad x_a \le x_r,\quad
    y_t \le x_i\ (i \in S_t),\quad y_t \ge \sum_{i \in S_t} x_i - |S_t| + 1,

with :math:`a_i = w \cdot v_i` the value of action i, :math:`g_t = w \cdot
\delta_t` that of interaction t (present, :math:`y_t = 1`, exactly when every
action of :math:`S_t` is in), E an exclusive set and :math:`a \to r` a
prerequisite.  Solved by HiGHS through :func:`scipy.optimize.milp`
(branch and bound), which scales to hundreds of actions where enumerating
:math:`2^k` portfolios does not.  Nothing here validates its input.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

__all__ = ["solve"]

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]


def solve(
    action_values: FloatArray,
    costs: FloatArray,
    budget: FloatArray,
    exclusive: Sequence[Sequence[int]],
    requires: Sequence[tuple[int, Sequence[int]]],
    sets: Sequence[Sequence[int]],
    set_values: FloatArray,
) -> tuple[BoolArray, float, bool]:
    """Members (k,), value and whether HiGHS proved optimality."""
    from scipy.optimize import Bounds, LinearConstraint, milp

    k = action_values.shape[0]
    t = len(sets)
    nvar = k + t
    rows: list[FloatArray] = []
    upper: list[float] = []
    lower: list[float] = []

    def add(row: FloatArray, lo: float, hi: float) -> None:
        rows.append(row)
        lower.append(lo)
        upper.append(hi)

    for r in range(costs.shape[1]):
        row = np.zeros(nvar)
        row[:k] = costs[:, r]
        add(row, -np.inf, float(budget[r]))
    for group in exclusive:
        row = np.zeros(nvar)
        row[list(group)] = 1.0
        add(row, -np.inf, 1.0)
    for action, prereqs in requires:
        for p in prereqs:
            row = np.zeros(nvar)
            row[action], row[p] = 1.0, -1.0
            add(row, -np.inf, 0.0)
    for j, members in enumerate(sets):
        for i in members:
            row = np.zeros(nvar)
            row[k + j], row[i] = 1.0, -1.0
            add(row, -np.inf, 0.0)
        row = np.zeros(nvar)
        row[k + j] = 1.0
        row[list(members)] = -1.0
        add(row, 1.0 - len(members), np.inf)
    objective = -np.concatenate([action_values, set_values])
    constraints = (
        [LinearConstraint(np.asarray(rows), np.asarray(lower), np.asarray(upper))] if rows else []
    )
    res = milp(
        objective,
        integrality=np.ones(nvar),
        bounds=Bounds(np.zeros(nvar), np.ones(nvar)),
        constraints=constraints,
    )
    if res.x is None:  # the empty portfolio is feasible whenever budgets are >= 0
        return np.zeros(k, dtype=bool), 0.0, False
    x = np.round(res.x[:k]).astype(bool)
    value = float(action_values[x].sum())
    for j, members in enumerate(sets):
        if x[list(members)].all():
            value += float(set_values[j])
    return x, value, bool(res.status == 0)
