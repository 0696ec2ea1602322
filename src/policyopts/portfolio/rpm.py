r"""Robust portfolio modelling on arrays (Liesiö, Mild & Salo 2007).

k actions (projects, policy options) each have an additive value vector
:math:`v_i \in \mathbb{R}^n` on n criteria (a benefit value scale) and a cost
per resource.  A *portfolio* is a subset :math:`p` of the actions; it is
*feasible* when its total cost of every resource is within the budget and it
meets the logical constraints (at most one action of each *exclusive* set;
an action only with its *prerequisites*).  Its value under weights w is

.. math:: V(p, w) = \sum_{i \in p} w \cdot v_i
          + \sum_{t:\ S_t \subseteq p} w \cdot \delta_t,

where each *interaction* t adds :math:`\delta_t` (synergy > 0, conflict < 0)
when every action of its set :math:`S_t` is in the portfolio.

With incomplete weight information -- a set W of feasible weights -- a
portfolio q *dominates* p when :math:`V(q, w) \ge V(p, w)` for every
:math:`w \in W` and :math:`>` for some.  V is linear in w, so for a polytope
W this is decided at its extreme points (:mod:`._weightsets`).  The
non-dominated feasible portfolios are the robust candidates; the *core index*
of an action is the share of them that contain it: *core* actions (index 1)
belong to every one and can be started whatever the weights in W, *exterior*
actions (index 0) to none and can be dropped, the rest are *borderline*
(Liesiö, Mild & Salo 2007, Sec. 4).

Sizes.  :func:`rpm` enumerates all :math:`2^k` portfolios in chunks (up to
k = 24; :mod:`._enumerate`), then removes the portfolios dominated by a
neighbour with one more or one fewer action and runs a skyline filter on the
rest.  Beyond enumeration, :func:`best_portfolio` finds the best portfolio
for one weight vector by 0-1 programming (HiGHS via :func:`scipy.optimize.milp`),
which handles hundreds of actions; :func:`vertex_portfolios` calls it at each
extreme point and returns the portfolios that are optimal somewhere in W, a
subset of the non-dominated set.

References
----------
Liesiö, J., Mild, P., & Salo, A. (2007). Preference programming for robust
portfolio modeling and project selection. European Journal of Operational
Research, 181(3), 1488-1505.

Liesiö, J., Mild, P., & Salo, A. (2008). Robust portfolio modeling with
incomplete cost information and project interdependencies. European Journal
of Operational Research, 190(3), 679-695.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np
from numpy.typing import ArrayLike, NDArray

from policyopts import _validate as V
from policyopts.portfolio import _enumerate as E
from policyopts.portfolio._constraints import (
    BoolArray,
    Constraints,
    Exclusive,
    FloatArray,
    IntArray,
    Interactions,
    Requires,
    _check_size,
    _feasible,
    _interactions,
    _scores,
    _values,
)
from policyopts.portfolio._weightsets import extreme_points
from policyopts.results import Provenance, Result

if TYPE_CHECKING:
    import pandas as pd


def members_label(member: BoolArray) -> str:
    """A portfolio's actions by index, joined by ``" + "`` (``"(none)"`` when empty).

    Examples
    --------
    >>> members_label(np.array([True, False, True])), members_label(np.zeros(2, bool))
    ('0 + 2', '(none)')
    """
    return " + ".join(str(int(i)) for i in np.flatnonzero(member)) or "(none)"


# ------------------------------------------------------------------ public API
def feasible_portfolios(
    costs: ArrayLike,
    budget: ArrayLike,
    *,
    exclusive: Exclusive = (),
    requires: Requires = (),
) -> BoolArray:
    """Every feasible portfolio as a boolean membership matrix ``(F, k)``.

    Rows are in the order of the portfolios' bit codes (action i is bit i), so
    the empty portfolio, always feasible, comes first.

    Parameters
    ----------
    costs : array_like, shape (k,) or (k, b)
        Cost of each action in each of b resources (>= 0).
    budget : float or array_like, shape (b,)
        Budget of each resource (>= 0).
    exclusive : sequence of sequences of int
        Sets of actions of which at most one may be chosen.
    requires : mapping int -> int or sequence of int
        Prerequisites: ``{a: [r1, r2]}`` allows a only with r1 and r2.

    Examples
    --------
    >>> feasible_portfolios([2, 3, 4], 5, exclusive=[[0, 1]]).astype(int).tolist()
    [[0, 0, 0], [1, 0, 0], [0, 1, 0], [0, 0, 1]]
    """
    c = V.as_float_array(costs, "costs")
    k = int(c.shape[0]) if c.ndim >= 1 else 0
    if k < 1:
        raise ValueError(f"costs: expected shape (k,) or (k, b), got {c.shape}")
    _check_size(k)
    cons = Constraints.build(k, 1, costs, budget, exclusive, requires)
    return E.membership(_feasible(cons), k)


def portfolio_values(
    portfolios: ArrayLike,
    values: ArrayLike,
    weights: ArrayLike,
    *,
    interactions: Interactions = None,
) -> FloatArray:
    r"""Values of portfolios, batched over weight vectors.

    .. math:: V(p, w) = \sum_i p_i\, w \cdot v_i + \sum_t [S_t \subseteq p]\, w \cdot \delta_t

    Parameters
    ----------
    portfolios : array_like of bool, shape (P, k)
    values : array_like, shape (k, n)
    weights : array_like, shape (..., n)
        Used as given (not normalised).
    interactions : see :func:`rpm`

    Returns
    -------
    ndarray, shape (..., P)

    Examples
    --------
    >>> p = [[True, False], [True, True]]
    >>> portfolio_values(p, [[1.0, 0.0], [0.0, 1.0]], [0.5, 0.5],
    ...                  interactions=[([0, 1], [0.2, 0.0])]).tolist()
    [0.5, 1.1]
    """
    vals = _values(values)
    k, n = vals.shape
    member = np.asarray(portfolios)
    if member.ndim != 2 or member.shape[1] != k or member.dtype != np.bool_:
        raise ValueError(
            f"portfolios: expected a boolean array of shape (P, {k}), got "
            f"{member.dtype} {member.shape}"
        )
    w = V.as_float_array(weights, "weights")
    if w.ndim < 1 or w.shape[-1] != n:
        raise ValueError(f"weights: expected shape (..., {n}), got {w.shape}")
    V.check_finite(w, "weights")
    sets, svals = _interactions(interactions, k, n)
    action = np.einsum("kn,...n->...k", vals, w)  # (..., k)
    out: FloatArray = action @ member.T.astype(np.float64)
    if sets:
        present = np.stack([member[:, list(s)].all(axis=1) for s in sets], axis=1)
        out = out + np.einsum("tn,...n->...t", svals, w) @ present.T.astype(np.float64)
    return out


@dataclass(frozen=True, eq=False)
class ScoredPortfolios(Result):
    """Every feasible portfolio with its totals per criterion and per resource.

    Attributes
    ----------
    portfolios : ndarray of bool, shape (F, k)
        In bit-code order (action i is bit i); the empty portfolio first.
    criteria : ndarray, shape (F, n)
        Each portfolio's value on each criterion: the members' values plus
        the interactions it completes.
    costs : ndarray, shape (F, b)
        Total cost per resource.
    scores : ndarray, shape (F,) or None
        Weighted value ``criteria @ weights`` when weights were given.
    provenance : Provenance
        Array level: the library version only.
    """

    _default_limit: ClassVar[int | None] = 15

    portfolios: BoolArray
    criteria: FloatArray
    costs: FloatArray
    scores: FloatArray | None
    provenance: Provenance

    def caption(self) -> str:
        """How the table was produced."""
        return (
            f"{self.portfolios.shape[0]} feasible portfolios of {self.portfolios.shape[1]} "
            f"actions, in bit-code order (policyopts {self.version})"
        )

    def _rows(
        self, *, names: bool, limit: int | None, **options: Any
    ) -> tuple[list[str], list[list[object]]]:
        frame = self.to_frame() if limit is None else self.to_frame().head(limit)
        header = ["portfolio", *(str(c) for c in frame.columns)]
        rows: list[list[object]] = [
            [str(i), *r] for i, r in zip(frame.index, frame.to_numpy().tolist(), strict=True)
        ]
        return header, rows

    def to_frame(self) -> pd.DataFrame:
        """One row per portfolio (labelled by its action indices): criterion
        totals ``c0 ..``, costs ``cost 0 ..`` and ``score`` when weights were given."""
        import pandas as pd

        index = pd.Index([members_label(r) for r in self.portfolios], name="portfolio")
        frame = pd.DataFrame(
            self.criteria, index=index, columns=[f"c{j}" for j in range(self.criteria.shape[1])]
        )
        for j in range(self.costs.shape[1]):
            frame[f"cost {j}"] = self.costs[:, j]
        if self.scores is not None:
            frame["score"] = self.scores
        return frame


def score_portfolios(
    values: ArrayLike,
    costs: ArrayLike,
    budget: ArrayLike,
    weights: ArrayLike | None = None,
    *,
    exclusive: Exclusive = (),
    requires: Requires = (),
    interactions: Interactions = None,
) -> ScoredPortfolios:
    r"""Enumerate the feasible portfolios and total their values per criterion.

    Totals come from subset-sum tables over the bit codes of the portfolios
    (two table look-ups per portfolio, see :mod:`policyopts.portfolio._enumerate`),
    not from a dense membership product, so all :math:`2^{20}` portfolios of
    20 actions are enumerated and scored in well under a second.

    Parameters
    ----------
    values, costs, budget, exclusive, requires, interactions :
        As in :func:`rpm`.
    weights : array_like, shape (n,), optional
        One weight vector (used as given) for ``scores``.

    Examples
    --------
    >>> s = score_portfolios([[1.0, 0.0], [0.0, 1.0]], [1, 1], 1, [0.5, 0.5])
    >>> s.portfolios.astype(int).tolist(), s.scores.tolist()
    ([[0, 0], [1, 0], [0, 1]], [0.0, 0.5, 0.5])
    """
    vals = _values(values)
    k, n = vals.shape
    _check_size(k)
    cons = Constraints.build(k, n, costs, budget, exclusive, requires, interactions)
    codes = _feasible(cons)
    criteria = np.empty((codes.size, n))
    _, _, masks = cons.masks()
    tab = E.tables(vals)
    for start in range(0, codes.size, E.CHUNK):
        part = codes[start : start + E.CHUNK]
        block = E.subset_sums(part, tab)
        if masks.size:
            block += E.interaction_present(part, masks).astype(np.float64) @ cons.set_values
        criteria[start : start + E.CHUNK] = block
    scores = None
    if weights is not None:
        w = V.as_float_array(weights, "weights")
        if w.shape != (n,):
            raise ValueError(f"weights: expected one weight vector of shape ({n},), got {w.shape}")
        V.check_finite(w, "weights")
        scores = criteria @ w
    return ScoredPortfolios(
        portfolios=E.membership(codes, k),
        criteria=criteria,
        costs=E.subset_sums(codes, E.tables(cons.costs)),
        scores=scores,
        provenance=Provenance(),
    )


@dataclass(frozen=True, eq=False)
class RPMResult(Result):
    """Non-dominated portfolios under incomplete weight information.

    Attributes
    ----------
    portfolios : ndarray of bool, shape (P, k)
        The non-dominated feasible portfolios, by decreasing mean value over
        the extreme points.
    core_index : ndarray, shape (k,)
        Share of the non-dominated portfolios that contain each action.
    status : ndarray of str, shape (k,)
        ``"core"`` (in every non-dominated portfolio), ``"borderline"`` or
        ``"exterior"`` (in none).
    values : ndarray, shape (P, V)
        Each non-dominated portfolio's value at each extreme point.
    extreme_points : ndarray, shape (V, n)
        The weight vectors spanning the weight set.
    costs : ndarray, shape (P, b)
        Total cost of each non-dominated portfolio per resource.
    n_feasible : int
        How many portfolios are feasible (the empty one included).
    weight_set : str
        The weight set, in words.
    provenance : Provenance
        Array level: the method (``wsm``, additive value) and the library version.
    """

    portfolios: BoolArray
    core_index: FloatArray
    status: NDArray[np.str_]
    values: FloatArray
    extreme_points: FloatArray
    costs: FloatArray
    n_feasible: int
    weight_set: str
    provenance: Provenance

    @property
    def value_range(self) -> FloatArray:
        """(P, 2): least and greatest value of each portfolio over the weight set."""
        return np.stack([self.values.min(axis=1), self.values.max(axis=1)], axis=1)

    def __repr__(self) -> str:
        k = self.portfolios.shape[1]
        counts = {s: int((self.status == s).sum()) for s in ("core", "borderline", "exterior")}
        return (
            f"RPMResult({self.portfolios.shape[0]} non-dominated of {self.n_feasible} feasible "
            f"portfolios of {k} actions; core {counts['core']}, borderline "
            f"{counts['borderline']}, exterior {counts['exterior']}; weights {self.weight_set})"
        )

    def caption(self) -> str:
        """How the table was produced."""
        return (
            f"Core index of each action over {self.portfolios.shape[0]} non-dominated of "
            f"{self.n_feasible} feasible portfolios · weights {self.weight_set} · "
            f"policyopts {self.version}"
        )

    def _rows(
        self, *, names: bool, limit: int | None, **options: Any
    ) -> tuple[list[str], list[list[object]]]:
        header = ["action", "core index", "status"]
        rows: list[list[object]] = [
            [i, float(c), str(s)]
            for i, (c, s) in enumerate(zip(self.core_index, self.status, strict=True))
        ]
        return header, rows[:limit]

    def to_frame(self) -> pd.DataFrame:
        """Core index and status by action index."""
        import pandas as pd

        index = pd.RangeIndex(self.core_index.shape[0], name="action")
        return pd.DataFrame({"core_index": self.core_index, "status": self.status}, index=index)


def _statuses(core: FloatArray) -> NDArray[np.str_]:
    out = np.full(core.shape, "borderline", dtype="<U10")
    out[core >= 1.0] = "core"
    out[core <= 0.0] = "exterior"
    return out


def _neighbour_dominated(codes: IntArray, scores: FloatArray, k: int, tol: float) -> BoolArray:
    """Portfolios dominated by the feasible portfolio one action larger or smaller."""
    out = np.zeros(codes.size, dtype=bool)
    for i in range(k):
        bit = np.int64(1 << i)
        other = codes ^ bit
        pos = np.searchsorted(codes, other)
        pos = np.minimum(pos, codes.size - 1)
        found = np.flatnonzero(codes[pos] == other)
        if found.size == 0:
            continue
        diff = scores[pos[found]] - scores[found]
        hit = np.all(diff >= -tol, axis=1) & np.any(diff > tol, axis=1)
        out[found[hit]] = True
    return out


def rpm(
    values: ArrayLike,
    costs: ArrayLike,
    budget: ArrayLike,
    weights: Any,
    *,
    exclusive: Exclusive = (),
    requires: Requires = (),
    interactions: Interactions = None,
) -> RPMResult:
    r"""Robust portfolio modelling: the non-dominated portfolios and core indices.

    Parameters
    ----------
    values : array_like, shape (k, n)
        Additive value of each action on each criterion, on a benefit value
        scale (higher is better; typically in [0, 1]).
    costs : array_like, shape (k,) or (k, b)
        Cost of each action per resource, >= 0.
    budget : float or array_like, shape (b,)
        Budget per resource, >= 0.
    weights : WeightDistribution, mapping, "uniform" or array_like (V, n)
        The set of feasible weights: a distribution from
        :func:`~policyopts.interval_weights`, :func:`~policyopts.ordinal_weights`,
        :func:`~policyopts.uniform_weights`, :func:`~policyopts.centred_weights`
        (full support: the simplex) or :func:`~policyopts.fixed_weights`, or
        the extreme points of a polytope of weights, one per row.
    exclusive : sequence of sequences of int
        Sets of actions of which at most one may be chosen.
    requires : mapping int -> int or sequence of int
        Prerequisites: ``{2: [0]}`` allows action 2 only together with action 0.
    interactions : mapping or sequence of (actions, value vector (n,)), optional
        Each adds its value vector when all its actions are chosen: synergy
        (> 0) or conflict (< 0), on the scale of ``values``.

    Returns
    -------
    RPMResult

    Raises
    ------
    ValueError
        For a bad shape or value, an action index out of range, or more than
        24 actions (use :func:`best_portfolio`).

    Notes
    -----
    Portfolio q dominates p when :math:`V(q, w) \ge V(p, w)` at every extreme
    point of the weight set and :math:`>` at one (Liesiö, Mild & Salo 2007,
    Def. 2; equivalent to dominance over the whole polytope since V is linear
    in w).  Values are compared with a relative tolerance of 1e-12.

    References
    ----------
    Liesiö, J., Mild, P., & Salo, A. (2007). Preference programming for robust
    portfolio modeling and project selection. EJOR, 181(3), 1488-1505.

    Examples
    --------
    Three actions with values on two criteria, one budget of 5:

    >>> import policyopts as po
    >>> res = po.rpm([[0.6, 0.1], [0.2, 0.7], [0.1, 0.9]], [2, 3, 3], 5,
    ...              po.interval_weights([0.3, 0.3], [0.7, 0.7]))
    >>> res.portfolios.astype(int).tolist()
    [[1, 0, 1], [1, 1, 0]]
    >>> res.core_index.tolist(), res.status.tolist()
    ([1.0, 0.5, 0.5], ['core', 'borderline', 'borderline'])
    """
    vals = _values(values)
    k, n = vals.shape
    _check_size(k)
    cons = Constraints.build(k, n, costs, budget, exclusive, requires, interactions)
    points, described = extreme_points(weights, n)
    codes = _feasible(cons)
    scores = _scores(codes, vals, cons, points)
    tol = 1e-12 * max(1.0, float(np.max(np.abs(scores))) if scores.size else 1.0)
    alive = np.flatnonzero(~_neighbour_dominated(codes, scores, k, tol))
    keep = alive[E.nondominated(scores[alive], tol=tol)]
    order = np.lexsort((codes[keep], -scores[keep].mean(axis=1)))
    keep = keep[order]
    member = E.membership(codes[keep], k)
    core = member.mean(axis=0) if member.shape[0] else np.zeros(k)  # never empty: a maximum exists
    return RPMResult(
        portfolios=member,
        core_index=np.asarray(core, dtype=np.float64),
        status=_statuses(core),
        values=scores[keep],
        extreme_points=points,
        costs=member.astype(np.float64) @ cons.costs,
        n_feasible=int(codes.size),
        weight_set=described,
        provenance=Provenance(method="wsm"),
    )


__all__ = [
    "Constraints",
    "RPMResult",
    "ScoredPortfolios",
    "feasible_portfolios",
    "portfolio_values",
    "rpm",
    "score_portfolios",
]
