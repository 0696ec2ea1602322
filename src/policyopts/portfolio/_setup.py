"""A case prepared for portfolio analysis: arrays, constraints, and each
portfolio's performance per criterion."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from policyopts import _validate as V
from policyopts._casearrays import CaseArrays, case_arrays
from policyopts.model import Case
from policyopts.model.require import require_case
from policyopts.portfolio import _enumerate as E
from policyopts.portfolio.rpm import Constraints

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]

EMPTY = "(none)"


@dataclass(frozen=True, eq=False)
class _Setup:
    """A case as a portfolio problem."""

    arrays: CaseArrays
    actions: list[str]
    rows: NDArray[np.int64]  # option rows of the actions
    baseline: str | None
    resources: list[str]
    costs: FloatArray  # (k, R) every declared resource
    budgets: dict[str, float]
    cons: Constraints
    shifts: FloatArray  # (T, n) interaction score shifts
    slopes: FloatArray  # (n,) sign / (max - min)
    codes: NDArray[np.int64]  # feasible portfolios

    @property
    def k(self) -> int:
        return len(self.actions)

    def membership(self) -> BoolArray:
        return E.membership(self.codes, self.k)

    def labels(self, member: BoolArray) -> list[str]:
        return [
            " + ".join(a for a, m in zip(self.actions, row, strict=True) if m) or EMPTY
            for row in member
        ]

    def value_matrix(self, values: FloatArray) -> tuple[FloatArray, FloatArray]:
        """Action values relative to the baseline (..., k, n) and the baseline's (..., n)."""
        base = (
            values[..., self.arrays.option_ids.index(self.baseline), :]
            if self.baseline is not None
            else np.zeros(values.shape[:-2] + values.shape[-1:])
        )
        return values[..., self.rows, :] - base[..., None, :], base


def _setup(case: Case, scenario: str | None, budgets: Mapping[str, float] | None) -> _Setup:
    require_case(case)
    if scenario is not None:
        case.scenario(scenario)
    arrays = case_arrays(case, scenario)
    spec = case.portfolio
    baseline = spec.baseline_option if spec is not None else None
    actions = [o for o in arrays.option_ids if o != baseline]
    k = len(actions)
    if k > E.MAX_ACTIONS:
        raise ValueError(
            f"case: {k} actions are more than are enumerated (at most {E.MAX_ACTIONS})"
        )
    index = {a: i for i, a in enumerate(actions)}
    resources = [r.id for r in case.resources]
    costs = np.array(
        [[case.option(a).costs.get(r, 0.0) for r in resources] for a in actions],
        dtype=np.float64,
    ).reshape(k, len(resources))
    limits = dict(spec.budgets) if spec is not None else {}
    for rid, amount in (budgets or {}).items():
        if rid not in resources:
            raise ValueError(f"budgets: unknown resource {rid!r}; known: {', '.join(resources)}")
        amount = V.as_scalar(amount, f"budgets[{rid}]")
        if amount < 0:
            raise ValueError(f"budgets[{rid}]: must be >= 0, got {amount!r}")
        limits[rid] = amount
    limited = [r for r in resources if r in limits]
    cols = [resources.index(r) for r in limited]
    n = len(arrays.criterion_ids)
    col = {c: j for j, c in enumerate(arrays.criterion_ids)}
    sets: list[tuple[int, ...]] = []
    shifts = np.zeros((0, n))
    exclusive: list[list[int]] = []
    requires: dict[int, list[int]] = {}
    if spec is not None:
        exclusive = [[index[o] for o in g] for g in spec.exclusive]
        requires = {index[a]: [index[r] for r in pre] for a, pre in spec.requires.items()}
        rows = []
        for it in spec.interactions:
            sets.append(tuple(index[o] for o in it.options))
            row = np.zeros(n)
            row[col[it.criterion]] = it.effect
            rows.append(row)
        if rows:
            shifts = np.array(rows)
    slopes = np.array(
        [c.sign / (c.scale.max - c.scale.min) for c in arrays.criteria], dtype=np.float64
    )
    cons = Constraints.build(
        k,
        n,
        costs[:, cols],
        np.array([limits[r] for r in limited]),
        exclusive,
        requires,
        list(zip(sets, shifts * slopes, strict=True)),
    )
    excl, req, _ = cons.masks()
    tab = E.tables(cons.costs) if limited else None
    codes = E.feasible_codes(k, tab, cons.budget, excl, req)
    return _Setup(
        arrays=arrays,
        actions=actions,
        rows=np.array([arrays.option_ids.index(a) for a in actions], dtype=np.int64),
        baseline=baseline,
        resources=resources,
        costs=costs,
        budgets={r: limits[r] for r in limited},
        cons=cons,
        shifts=shifts,
        slopes=slopes,
        codes=codes,
    )


def _present(setup: _Setup) -> FloatArray:
    _, _, masks = setup.cons.masks()
    if not masks.size:
        return np.zeros((setup.codes.size, 0))
    return E.interaction_present(setup.codes, masks).astype(np.float64)


def _performance(setup: _Setup, member: BoolArray) -> FloatArray:
    """Criterion performance (F, n) of each portfolio (see the module notes)."""
    x = setup.arrays.matrix
    crit = setup.arrays.criteria
    lo = np.array([c.scale.min for c in crit])
    hi = np.array([c.scale.max for c in crit])
    if setup.baseline is not None:
        base = x[setup.arrays.option_ids.index(setup.baseline)]
    else:
        base = np.where(setup.arrays.types > 0, lo, hi)
    delta = x[setup.rows] - base
    perf = base + member.astype(np.float64) @ delta + _present(setup) @ setup.shifts
    out: FloatArray = np.clip(perf, lo, hi)
    return out
