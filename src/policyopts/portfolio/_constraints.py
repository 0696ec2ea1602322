"""Portfolio constraints at array level: budgets, exclusive sets, prerequisites
and interactions, validated once; feasible portfolios and their scores."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from policyopts import _validate as V
from policyopts.portfolio import _enumerate as E

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]

Exclusive = Sequence[Sequence[int]]
Requires = Mapping[int, int | Sequence[int]] | Sequence[tuple[int, int | Sequence[int]]]
Interactions = (
    Mapping[tuple[int, ...], ArrayLike] | Sequence[tuple[Sequence[int], ArrayLike]] | None
)


# ------------------------------------------------------------------ validation
def _index_set(values: Any, k: int, name: str, *, minimum: int) -> tuple[int, ...]:
    if isinstance(values, str | bytes) or not isinstance(values, Sequence | np.ndarray):
        raise ValueError(f"{name}: expected a sequence of action indices, got {values!r}")
    out = tuple(V.as_index(v, k, f"{name}[{j}]", items="actions") for j, v in enumerate(values))
    if len(set(out)) != len(out):
        raise ValueError(f"{name}: repeated action index in {list(out)}")
    if len(out) < minimum:
        raise ValueError(f"{name}: needs at least {minimum} actions, got {list(out)}")
    return out


@dataclass(frozen=True, eq=False)
class Constraints:
    """Validated portfolio constraints over k actions (see :func:`rpm`).

    Attributes
    ----------
    k : int
    costs : ndarray (k, b)
    budget : ndarray (b,)
    exclusive : tuple of tuple of int
    requires : tuple of (int, tuple of int)
    sets : tuple of tuple of int
        The action sets of the interactions.
    set_values : ndarray (T, n)
        Each interaction's value vector.
    """

    k: int
    costs: FloatArray
    budget: FloatArray
    exclusive: tuple[tuple[int, ...], ...]
    requires: tuple[tuple[int, tuple[int, ...]], ...]
    sets: tuple[tuple[int, ...], ...]
    set_values: FloatArray

    @classmethod
    def build(
        cls,
        k: int,
        n: int,
        costs: ArrayLike,
        budget: ArrayLike,
        exclusive: Exclusive = (),
        requires: Requires = (),
        interactions: Interactions = None,
    ) -> Constraints:
        """Check and normalise the constraints of :func:`rpm`."""
        c = V.as_float_array(costs, "costs")
        if c.ndim == 1:
            c = c[:, None]
        if c.ndim != 2 or c.shape[0] != k:
            raise ValueError(
                f"costs: expected shape ({k},) or ({k}, b), one row per action, got {c.shape}"
            )
        V.check_finite(c, "costs")
        if (c < 0).any():
            i, r = (int(x) for x in np.argwhere(c < 0)[0])
            raise ValueError(f"costs: must be >= 0, got {c[i, r]!r} at [{i}, {r}]")
        b = V.as_float_array(budget, "budget")
        if b.ndim == 0:
            b = b[None]
        if b.shape != (c.shape[1],):
            raise ValueError(
                f"budget: expected a scalar or shape ({c.shape[1]},), one per resource, "
                f"got shape {b.shape}"
            )
        V.check_finite(b, "budget")
        if (b < 0).any():
            raise ValueError(f"budget: must be >= 0, got {b.tolist()!r}")
        if isinstance(exclusive, str | bytes) or not isinstance(exclusive, Sequence):
            raise ValueError(f"exclusive: expected a sequence of action sets, got {exclusive!r}")
        excl = tuple(
            _index_set(g, k, f"exclusive[{j}]", minimum=1) for j, g in enumerate(exclusive)
        )
        req = _requires(requires, k)
        sets, vals = _interactions(interactions, k, n)
        return cls(k, c, b, excl, req, sets, vals)

    def masks(self) -> tuple[IntArray, list[tuple[int, int]], IntArray]:
        """Bit masks of the exclusive sets, the prerequisites and the interaction sets."""

        def mask(ix: Sequence[int]) -> int:
            return sum(1 << i for i in ix)

        excl = np.array([mask(g) for g in self.exclusive], dtype=np.int64)
        req = [(a, mask(r)) for a, r in self.requires]
        sets = np.array([mask(s) for s in self.sets], dtype=np.int64)
        return excl, req, sets


def _requires(requires: Requires, k: int) -> tuple[tuple[int, tuple[int, ...]], ...]:
    items: Sequence[Any]
    if isinstance(requires, Mapping):
        items = list(requires.items())
    elif isinstance(requires, str | bytes) or not isinstance(requires, Sequence):
        raise ValueError(f"requires: expected a mapping action -> prerequisites, got {requires!r}")
    else:
        items = list(requires)
    out: dict[int, set[int]] = {}
    for j, item in enumerate(items):
        if not isinstance(item, tuple | list) or len(item) != 2:
            raise ValueError(f"requires[{j}]: expected (action, prerequisites), got {item!r}")
        a = V.as_index(item[0], k, f"requires[{j}]", items="actions")
        pre = item[1]
        ps = (
            (V.as_index(pre, k, f"requires[{a}]", items="actions"),)
            if isinstance(pre, int | np.integer)
            else _index_set(pre, k, f"requires[{a}]", minimum=1)
        )
        if a in ps:
            raise ValueError(f"requires[{a}]: an action cannot require itself")
        out.setdefault(a, set()).update(ps)
    return tuple((a, tuple(sorted(ps))) for a, ps in sorted(out.items()))


def _interactions(
    interactions: Interactions, k: int, n: int
) -> tuple[tuple[tuple[int, ...], ...], FloatArray]:
    if interactions is None:
        return (), np.zeros((0, n))
    items: Sequence[Any]
    if isinstance(interactions, Mapping):
        items = list(interactions.items())
    elif isinstance(interactions, str | bytes) or not isinstance(interactions, Sequence):
        raise ValueError(
            f"interactions: expected a mapping (actions) -> value vector, got {interactions!r}"
        )
    else:
        items = list(interactions)
    sets: list[tuple[int, ...]] = []
    vals: list[FloatArray] = []
    for j, item in enumerate(items):
        if not isinstance(item, tuple | list) or len(item) != 2:
            raise ValueError(f"interactions[{j}]: expected (actions, values), got {item!r}")
        sets.append(_index_set(item[0], k, f"interactions[{j}]", minimum=2))
        v = V.as_float_array(item[1], f"interactions[{j}]")
        if v.shape != (n,):
            raise ValueError(
                f"interactions[{j}]: expected a value vector of shape ({n},), got {v.shape}"
            )
        V.check_finite(v, f"interactions[{j}]")
        vals.append(v)
    return tuple(sets), (np.stack(vals) if vals else np.zeros((0, n)))


def _values(values: ArrayLike) -> FloatArray:
    v = V.as_float_array(values, "values")
    if v.ndim != 2 or v.shape[0] < 1 or v.shape[1] < 1:
        raise ValueError(f"values: expected shape (k, n), actions x criteria, got {v.shape}")
    V.check_finite(v, "values")
    return v


def _check_size(k: int) -> None:
    if k > E.MAX_ACTIONS:
        raise ValueError(
            f"values: {k} actions have 2**{k} portfolios, more than are enumerated "
            f"(at most {E.MAX_ACTIONS} actions); use best_portfolio() (0-1 programming) "
            f"at given weights"
        )


def _feasible(cons: Constraints) -> IntArray:
    excl, req, _ = cons.masks()
    tab = E.tables(cons.costs) if cons.costs.shape[1] else None
    return E.feasible_codes(cons.k, tab, cons.budget, excl, req)


def _scores(
    codes: IntArray, values: FloatArray, cons: Constraints, points: FloatArray
) -> FloatArray:
    """Portfolio values (F, V) at the weight points (V, n), in chunks."""
    action = values @ points.T  # (k, V)
    inter = cons.set_values @ points.T  # (T, V)
    _, _, masks = cons.masks()
    tab = E.tables(action)
    out = np.empty((codes.size, points.shape[0]))
    for s in range(0, codes.size, E.CHUNK):
        part = codes[s : s + E.CHUNK]
        block = E.subset_sums(part, tab)
        if masks.size:
            block += E.interaction_present(part, masks).astype(np.float64) @ inter
        out[s : s + E.CHUNK] = block
    return out
