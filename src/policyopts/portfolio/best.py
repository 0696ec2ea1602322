"""Beyond enumeration: the best portfolio for one weight vector by 0-1
programming, and the best portfolio at each extreme point of a weight set."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import ArrayLike

from policyopts import _validate as V
from policyopts.portfolio import _milp
from policyopts.portfolio._constraints import (
    BoolArray,
    Constraints,
    Exclusive,
    FloatArray,
    Interactions,
    Requires,
    _values,
)
from policyopts.portfolio._weightsets import extreme_points
from policyopts.portfolio.rpm import members_label, portfolio_values
from policyopts.results import Provenance, Result

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True, eq=False)
class BestPortfolio(Result):
    """The best feasible portfolio under one weight vector.

    Attributes
    ----------
    members : ndarray of bool, shape (k,)
    value : float
    optimal : bool
        Whether the solver proved the portfolio optimal.
    provenance : Provenance
        Array level: the method (``wsm``, additive value) and the library version.
    """

    members: BoolArray
    value: float
    optimal: bool
    provenance: Provenance

    def caption(self) -> str:
        """How the portfolio was found."""
        proof = "proved optimal" if self.optimal else "not proved optimal"
        return (
            f"Best portfolio {members_label(self.members)} by 0-1 programming: value "
            f"{self.value:.6g}, {proof} (policyopts {self.version})"
        )

    def _rows(
        self, *, names: bool, limit: int | None, **options: Any
    ) -> tuple[list[str], list[list[object]]]:
        rows: list[list[object]] = [[i, bool(m)] for i, m in enumerate(self.members)]
        return ["action", "member"], rows[:limit]

    def to_frame(self) -> pd.DataFrame:
        """Membership by action index."""
        import pandas as pd

        index = pd.RangeIndex(self.members.shape[0], name="action")
        return pd.DataFrame({"member": self.members}, index=index)


def best_portfolio(
    values: ArrayLike,
    costs: ArrayLike,
    budget: ArrayLike,
    weights: ArrayLike,
    *,
    exclusive: Exclusive = (),
    requires: Requires = (),
    interactions: Interactions = None,
) -> BestPortfolio:
    r"""The best feasible portfolio for one weight vector, by 0-1 programming.

    Maximises :math:`V(p, w)` (see :func:`rpm`) over the feasible portfolios
    with HiGHS (:func:`scipy.optimize.milp`); interactions are linearised with
    one binary per interaction.  Works for hundreds of actions, where
    :func:`rpm` enumerates at most :math:`2^{24}` portfolios.

    Parameters
    ----------
    values, costs, budget, exclusive, requires, interactions :
        As in :func:`rpm`.
    weights : array_like, shape (n,)
        One weight vector (used as given).

    Examples
    --------
    >>> best = best_portfolio([[0.6, 0.1], [0.2, 0.7], [0.3, 0.3]], [2, 3, 3], 5, [0.5, 0.5])
    >>> best.members.tolist(), round(best.value, 3)
    ([True, True, False], 0.8)
    """
    vals = _values(values)
    k, n = vals.shape
    cons = Constraints.build(k, n, costs, budget, exclusive, requires, interactions)
    w = V.as_float_array(weights, "weights")
    if w.shape != (n,):
        raise ValueError(f"weights: expected one weight vector of shape ({n},), got {w.shape}")
    V.check_finite(w, "weights")
    members, value, optimal = _milp.solve(
        vals @ w,
        cons.costs,
        cons.budget,
        cons.exclusive,
        cons.requires,
        cons.sets,
        cons.set_values @ w,
    )
    return BestPortfolio(
        members=members, value=value, optimal=optimal, provenance=Provenance(method="wsm")
    )


@dataclass(frozen=True, eq=False)
class VertexPortfolios(Result):
    """Portfolios that are best at some extreme point of the weight set.

    Attributes
    ----------
    portfolios : ndarray of bool, shape (P, k)
        Distinct portfolios, in the order of the first extreme point each is best at.
    values : ndarray, shape (P, V)
        Their values at every extreme point.
    best_at : tuple of tuple of int
        For each portfolio, the extreme points (rows of ``extreme_points``) where it is best.
    extreme_points : ndarray, shape (V, n)
    weight_set : str
        The weight set, in words.
    provenance : Provenance
        Array level: the method (``wsm``, additive value) and the library version.
    """

    portfolios: BoolArray
    values: FloatArray
    best_at: tuple[tuple[int, ...], ...]
    extreme_points: FloatArray
    weight_set: str
    provenance: Provenance

    def caption(self) -> str:
        """How the portfolios were found."""
        return (
            f"Best portfolio at each of {self.extreme_points.shape[0]} extreme points of the "
            f"weight set ({self.weight_set}), by 0-1 programming (policyopts {self.version})"
        )

    def _rows(
        self, *, names: bool, limit: int | None, **options: Any
    ) -> tuple[list[str], list[list[object]]]:
        frame = self.to_frame()
        rows: list[list[object]] = [
            [str(p), r["best_at"], float(r["value_min"]), float(r["value_max"])]
            for p, r in frame.iterrows()
        ]
        return ["portfolio", "best at", "value min", "value max"], rows[:limit]

    def to_frame(self) -> pd.DataFrame:
        """One row per portfolio (its action indices): the extreme points where it
        is best and its least and greatest value over them."""
        import pandas as pd

        index = pd.Index([members_label(r) for r in self.portfolios], name="portfolio")
        return pd.DataFrame(
            {
                "best_at": [", ".join(map(str, b)) for b in self.best_at],
                "value_min": self.values.min(axis=1),
                "value_max": self.values.max(axis=1),
            },
            index=index,
        )


def vertex_portfolios(
    values: ArrayLike,
    costs: ArrayLike,
    budget: ArrayLike,
    weights: Any,
    *,
    exclusive: Exclusive = (),
    requires: Requires = (),
    interactions: Interactions = None,
) -> VertexPortfolios:
    r"""The best portfolio at each extreme point of the weight set, by 0-1 programming.

    The scaling path beyond enumeration: one :func:`best_portfolio` per
    extreme point, so hundreds of actions are within reach.  Each portfolio
    found maximises the value at some weight vector of the set, hence no
    feasible portfolio dominates it (ties at that point are broken towards
    the larger value at the centroid of the extreme points; only an exact tie
    there too could leave a weakly dominated one).  The result is a subset of
    the non-dominated set of :func:`rpm`: portfolios that are best only
    inside the weight set, or never best anywhere, are not found.

    Parameters
    ----------
    values, costs, budget, weights, exclusive, requires, interactions :
        As in :func:`rpm`.

    Examples
    --------
    >>> import policyopts as po
    >>> v = vertex_portfolios([[0.6, 0.1], [0.2, 0.7], [0.1, 0.9]], [2, 3, 3], 5,
    ...                       po.interval_weights([0.3, 0.3], [0.7, 0.7]))
    >>> v.portfolios.astype(int).tolist(), v.best_at
    ([[1, 1, 0], [1, 0, 1]], ((0,), (1,)))
    """
    vals = _values(values)
    k, n = vals.shape
    cons = Constraints.build(k, n, costs, budget, exclusive, requires, interactions)
    points, described = extreme_points(weights, n)
    centre = points.mean(axis=0)
    found: dict[bytes, int] = {}
    members: list[BoolArray] = []
    best_at: list[list[int]] = []
    scale = max(1.0, float(np.abs(vals).sum()) + float(np.abs(cons.set_values).sum()))
    for v, w in enumerate(points):
        tilt = w + 1e-7 / scale * centre
        x, _, _ = _milp.solve(
            vals @ tilt,
            cons.costs,
            cons.budget,
            cons.exclusive,
            cons.requires,
            cons.sets,
            cons.set_values @ tilt,
        )
        key = x.tobytes()
        if key not in found:
            found[key] = len(members)
            members.append(x)
            best_at.append([])
        best_at[found[key]].append(v)
    member = np.array(members, dtype=bool).reshape(-1, k)
    at_points = portfolio_values(
        member,
        vals,
        points,
        interactions=list(zip(cons.sets, cons.set_values, strict=True)),
    ).T
    return VertexPortfolios(
        portfolios=member,
        values=np.ascontiguousarray(at_points),
        best_at=tuple(tuple(b) for b in best_at),
        extreme_points=points,
        weight_set=described,
        provenance=Provenance(method="wsm"),
    )
