r"""Portfolios of a case's options: ranking, robust portfolio modelling, SMAA.

The options of a case become *actions* (all of them but the case's
``portfolio.baseline_option``, which is what choosing nothing means), each
with its costs per resource; the case's ``portfolio`` section gives the
budgets, exclusive sets, prerequisites and interactions.

**Additive value (WSM on value scales).**  With :math:`v_{ij}` option i's
value on criterion j (its score through the criterion's value function, in
[0, 1]) and :math:`v_{0j}` the baseline option's (0 when the case names none),

.. math:: V(p) = \sum_j w_j v_{0j} + \sum_{i \in p} \sum_j w_j (v_{ij} - v_{0j})
          + \sum_{t:\ S_t \subseteq p} w_{c_t}\, s_{c_t} e_t / (\max_{c_t} - \min_{c_t}),

so the empty portfolio scores exactly the baseline option's WSM score, each
action adds its improvement over the baseline, and an interaction t with
score shift :math:`e_t` on criterion :math:`c_t` adds it at the criterion's
average slope (:math:`s = +1` benefit, :math:`-1` cost).  Sums are not capped:
the model is additive, as in Liesiö, Mild & Salo (2007).

**Other methods.**  Each portfolio's performance on criterion j is the
baseline level plus every member's change from it, plus the interaction
shifts, held within the criterion's scale:

.. math:: x_j(p) = \mathrm{clip}\Big(x_{0j} + \sum_{i \in p} (x_{ij} - x_{0j})
          + \sum_{t:\ S_t \subseteq p,\ c_t = j} e_t,\ \min_j, \max_j\Big),

where :math:`x_{0j}` is the baseline option's score, or the worst end of the
scale when the case names no baseline.  The method then ranks the feasible
portfolios as alternatives.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from policyopts import _validate as V
from policyopts import methods as _methods
from policyopts._casearrays import CaseArrays, case_arrays
from policyopts._random import SeedLike, rng_from
from policyopts._tables import TableView
from policyopts._version import __version__
from policyopts.inputs import ValueMap, uncertain_inputs
from policyopts.model import Case
from policyopts.portfolio import _enumerate as E
from policyopts.portfolio._weightsets import (
    DEFAULT_CONCENTRATION,
    DEFAULT_SPREAD,
    case_source,
    case_weights,
)
from policyopts.portfolio.rpm import Constraints, RPMResult, rpm

__all__ = [
    "CaseRPM",
    "PortfolioRanking",
    "PortfolioSMAA",
    "portfolio_smaa",
    "portfolios",
    "rpm_case",
]

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
    if not isinstance(case, Case):
        raise TypeError(f"case: expected a policyopts Case, got {type(case).__name__}")
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


# ------------------------------------------------------------------ ranking
@dataclass(frozen=True, eq=False)
class PortfolioRanking(TableView):
    """Every feasible portfolio of a case, scored and ranked.

    Attributes
    ----------
    table : pandas.DataFrame
        One row per feasible portfolio, indexed by its label (members joined
        by ``" + "``, ``"(none)"`` for the empty one), best first: ``members``
        (tuple of option ids), ``size``, ``cost <resource>`` per declared
        resource, ``score`` and ``rank`` (1 = best; ties share a rank).
    membership : pandas.DataFrame
        Boolean, portfolio x action.
    frontier : pandas.DataFrame
        The rows of ``table`` that are efficient on score against the cost of
        every resource: no other portfolio scores at least as well at no more
        cost of any resource, and better or cheaper somewhere.
    best : tuple of str
        Members of the top-ranked portfolio.
    """

    table: pd.DataFrame
    membership: pd.DataFrame
    frontier: pd.DataFrame
    best: tuple[str, ...]
    method: str
    profile: str | None
    scenario: str | None
    baseline: str | None
    budgets: dict[str, float]
    higher_is_better: bool
    case_id: str
    version: str
    option_names: dict[str, str]
    resource_units: dict[str, str]

    def caption(self) -> str:
        budget = ", ".join(f"{r} {v:g}" for r, v in self.budgets.items()) or "none"
        return (
            f"{len(self.table)} feasible portfolios · method {self.method} · profile "
            f"{self.profile} · budgets {budget} · baseline {self.baseline or 'none'} · "
            f"{'scenario ' + self.scenario if self.scenario else 'no scenario'} · case "
            f"{self.case_id} · policyopts {self.version}"
        )

    def _rows(self, names: bool) -> tuple[list[str], list[list[object]]]:
        costs = [c for c in self.table.columns if str(c).startswith("cost ")]
        header = ["portfolio", *costs, "score", "rank"]
        rows: list[list[object]] = []
        for label, row in self.table.iterrows():
            shown = (
                " + ".join(self.option_names.get(m, m) for m in row["members"]) or EMPTY
                if names
                else str(label)
            )
            rows.append([shown, *(row[c] for c in costs), row["score"], int(row["rank"])])
        return header, rows

    def _csv_frame(self) -> pd.DataFrame:
        out = self.table.copy()
        out["members"] = [" + ".join(m) for m in out["members"]]
        return out

    def _highlight_row(self) -> int | None:
        return 0


def _frontier_mask(scores: FloatArray, costs: FloatArray, higher: bool) -> BoolArray:
    oriented = np.column_stack([scores if higher else -scores, -costs])
    return E.nondominated(oriented)


def portfolios(
    case: Case,
    profile: str | None = None,
    *,
    method: str = "wsm",
    scenario: str | None = None,
    budgets: Mapping[str, float] | None = None,
    **options: Any,
) -> PortfolioRanking:
    """Score and rank every feasible portfolio of a case's options.

    Parameters
    ----------
    case : Case
    profile : str, optional
        Weight profile (the case's default when omitted).
    method : str, default "wsm"
        ``"wsm"``: additive value over the criteria's value scales (see the
        module notes); any other method of :func:`policyopts.methods.available`
        ranks the portfolios' criterion performance as alternatives.
    scenario : str, optional
        Apply a scenario's score changes first.
    budgets : mapping, optional
        Budgets by resource id, replacing or adding to the case's.
    **options
        Passed to the method (not for ``wsm``).

    Returns
    -------
    PortfolioRanking

    Examples
    --------
    >>> import policyopts as po
    >>> case = po.load_case("toy_portfolio")
    >>> res = po.portfolios(case)
    >>> res.best
    ('aid', 'mediation', 'governance')
    >>> list(res.table.columns)
    ['members', 'size', 'cost money', 'cost political_capital', 'score', 'rank']
    """
    names = _methods.available()
    if method not in names:
        raise ValueError(f"method: {method!r} is not one of {', '.join(map(repr, names))}")
    setup = _setup(case, scenario, budgets)
    prof = case.profile(profile)
    w = np.asarray(prof.resolve(setup.arrays.criterion_ids, case.tree_parents), dtype=np.float64)
    member = setup.membership()
    if _methods.spec(method).case_scale:  # additive value on the scales (MAVT)
        if options:
            raise ValueError(f"options: {method} takes no method options, got {sorted(options)}")
        rel, base = setup.value_matrix(setup.arrays.values())
        scores = (
            float(base @ w)
            + member.astype(np.float64) @ (rel @ w)
            + _present(setup) @ (setup.cons.set_values @ w)
        )
        higher = True
    else:
        perf = _performance(setup, member)
        if perf.shape[0] < 2:
            raise ValueError(f"method: {method!r} needs at least two feasible portfolios")
        try:
            res = _methods.METHODS[method](perf, w, setup.arrays.types, **options)
        except TypeError as exc:
            raise ValueError(f"options: {exc}") from None
        scores = np.asarray(res.scores, dtype=np.float64)
        higher = bool(res.higher_is_better)
    order = np.lexsort((setup.codes, -scores if higher else scores))
    member, scores, codes = member[order], scores[order], setup.codes[order]
    key = np.round(scores, 12) * (-1 if higher else 1)
    ranks = pd.Series(key).rank(method="min").to_numpy().astype(np.int64)
    labels = setup.labels(member)
    cost = member.astype(np.float64) @ setup.costs
    table = pd.DataFrame(
        {
            "members": [
                tuple(a for a, m in zip(setup.actions, r, strict=True) if m) for r in member
            ],
            "size": member.sum(axis=1).astype(np.int64),
            **{f"cost {r}": cost[:, j] for j, r in enumerate(setup.resources)},
            "score": scores,
            "rank": ranks,
        },
        index=pd.Index(labels, name="portfolio"),
    )
    del codes
    front = _frontier_mask(scores, cost, higher)
    return PortfolioRanking(
        table=table,
        membership=pd.DataFrame(
            member, index=table.index.copy(), columns=pd.Index(setup.actions, name="action")
        ),
        frontier=table[front],
        best=tuple(table["members"].iloc[0]),
        method=method,
        profile=prof.id,
        scenario=scenario,
        baseline=setup.baseline,
        budgets=setup.budgets,
        higher_is_better=higher,
        case_id=case.id,
        version=__version__,
        option_names={o.id: o.label for o in case.options},
        resource_units={r.id: r.unit for r in case.resources},
    )


# ------------------------------------------------------------------ RPM
@dataclass(frozen=True, eq=False)
class CaseRPM(TableView):
    """Robust portfolio modelling of a case (labelled :class:`RPMResult`).

    Attributes
    ----------
    portfolios : pandas.DataFrame
        The non-dominated portfolios: ``members``, ``size``, ``cost <resource>``,
        and the least and greatest additive value over the weight set
        (``value min``, ``value max``).
    core_index : pandas.Series
        By action id.
    status : pandas.Series
        ``core``, ``borderline`` or ``exterior`` by action id.
    result : RPMResult
        The array-level result.
    weights : str
        The weight set, in words.
    """

    portfolios: pd.DataFrame
    core_index: pd.Series
    status: pd.Series
    result: RPMResult
    weights: str
    profile: str | None
    scenario: str | None
    baseline: str | None
    budgets: dict[str, float]
    case_id: str
    version: str
    option_names: dict[str, str]

    @property
    def core(self) -> list[str]:
        """Actions in every non-dominated portfolio."""
        return [str(a) for a, s in self.status.items() if s == "core"]

    @property
    def borderline(self) -> list[str]:
        """Actions in some but not all non-dominated portfolios."""
        return [str(a) for a, s in self.status.items() if s == "borderline"]

    @property
    def exterior(self) -> list[str]:
        """Actions in no non-dominated portfolio."""
        return [str(a) for a, s in self.status.items() if s == "exterior"]

    def caption(self) -> str:
        budget = ", ".join(f"{r} {v:g}" for r, v in self.budgets.items()) or "none"
        return (
            f"{len(self.portfolios)} non-dominated of {self.result.n_feasible} feasible "
            f"portfolios · weights {self.weights} · budgets {budget} · case {self.case_id} · "
            f"policyopts {self.version}"
        )

    def _rows(self, names: bool) -> tuple[list[str], list[list[object]]]:
        header = ["action", "core index", "status"]
        rows: list[list[object]] = [
            [self.option_names.get(str(a), str(a)) if names else str(a), float(ci), s]
            for (a, ci), s in zip(self.core_index.items(), self.status, strict=True)
        ]
        return header, rows

    def _csv_frame(self) -> pd.DataFrame:
        return pd.DataFrame({"core_index": self.core_index, "status": self.status})


def rpm_case(
    case: Case,
    profile: str | None = None,
    *,
    weights: Any = "intervals",
    spread: float = DEFAULT_SPREAD,
    concentration: float = DEFAULT_CONCENTRATION,
    scenario: str | None = None,
    budgets: Mapping[str, float] | None = None,
) -> CaseRPM:
    """Robust portfolio modelling of a case: non-dominated portfolios and core indices.

    Action values are the additive values of :func:`portfolios` (each option's
    value on every criterion relative to the baseline, interactions at the
    criteria's average slopes); the weight set comes from the profile as in
    :func:`~policyopts.smaa_case`.

    Parameters
    ----------
    case : Case
    profile : str, optional
    weights : str, WeightDistribution or mapping, default "intervals"
        ``"intervals"`` (each weight within ``±spread`` of the profile's),
        ``"ordinal"`` (the profile's order of importance), ``"uniform"``,
        ``"profile"`` (full support: the simplex), ``"fixed"``, or a weight
        distribution over ``case.criterion_ids``.
    spread : float, default 0.2
    concentration : float, default 100
        Only for ``weights="profile"`` (which spans the whole simplex).
    scenario : str, optional
    budgets : mapping, optional
        Budgets by resource id, replacing or adding to the case's.

    Returns
    -------
    CaseRPM

    Examples
    --------
    >>> import policyopts as po
    >>> r = po.rpm_case(po.load_case("toy_portfolio"))
    >>> r.core, r.borderline
    (['mediation', 'governance'], ['aid', 'border'])
    """
    setup = _setup(case, scenario, budgets)
    ids = setup.arrays.criterion_ids
    dist, profile_id, described = case_weights(case, profile, weights, concentration, spread, ids)
    rel, _ = setup.value_matrix(setup.arrays.values())
    res = rpm(
        rel,
        setup.cons.costs,
        setup.cons.budget,
        dist,
        exclusive=setup.cons.exclusive,
        requires=setup.cons.requires,
        interactions=list(zip(setup.cons.sets, setup.cons.set_values, strict=True)),
    )
    labels = setup.labels(res.portfolios)
    cost = res.portfolios.astype(np.float64) @ setup.costs
    frame = pd.DataFrame(
        {
            "members": [
                tuple(a for a, m in zip(setup.actions, r, strict=True) if m) for r in res.portfolios
            ],
            "size": res.portfolios.sum(axis=1).astype(np.int64),
            **{f"cost {r}": cost[:, j] for j, r in enumerate(setup.resources)},
            "value min": res.values.min(axis=1),
            "value max": res.values.max(axis=1),
        },
        index=pd.Index(labels, name="portfolio"),
    )
    index = pd.Index(setup.actions, name="action")
    return CaseRPM(
        portfolios=frame,
        core_index=pd.Series(res.core_index, index=index, name="core_index"),
        status=pd.Series(res.status, index=index.copy(), name="status"),
        result=res,
        weights=described,
        profile=profile_id,
        scenario=scenario,
        baseline=setup.baseline,
        budgets=setup.budgets,
        case_id=case.id,
        version=__version__,
        option_names={o.id: o.label for o in case.options},
    )


# ------------------------------------------------------------------ SMAA
@dataclass(frozen=True, eq=False)
class PortfolioSMAA:
    """Share of draws in which each portfolio is best, and each action in the best.

    Attributes
    ----------
    best_share : pandas.Series
        By portfolio label (every feasible portfolio), sums to 1.
    action_share : pandas.Series
        By action id: the share of draws whose best portfolio contains it.
    membership : pandas.DataFrame
        Boolean, portfolio x action.
    """

    best_share: pd.Series
    action_share: pd.Series
    membership: pd.DataFrame
    weights: str
    profile: str | None
    scenario: str | None
    uncertain_scores: bool
    n_samples: int
    seed: SeedLike
    case_id: str
    version: str


def portfolio_smaa(
    case: Case,
    profile: str | None = None,
    *,
    weights: Any = "intervals",
    spread: float = DEFAULT_SPREAD,
    concentration: float = DEFAULT_CONCENTRATION,
    n_samples: int = 10_000,
    seed: SeedLike = None,
    uncertain_scores: bool = True,
    scenario: str | None = None,
    budgets: Mapping[str, float] | None = None,
    chunk_size: int | None = None,
) -> PortfolioSMAA:
    """SMAA over portfolios: how often each feasible portfolio is the best.

    Every draw takes a weight vector from the weight information (as in
    :func:`rpm_case`) and, with ``uncertain_scores``, every uncertain score of
    the case from its distribution; the additive value of every feasible
    portfolio (see :func:`portfolios`) is computed and the best one counted
    (the first in bit-code order on an exact tie).  Draws are processed in
    chunks of ``chunk_size`` (default: about 2 million portfolio values per
    chunk), so memory grows with the number of portfolios m as m per draw,
    never m².

    Parameters
    ----------
    case : Case
    profile, weights, spread, concentration, scenario, budgets :
        As in :func:`rpm_case`.
    n_samples : int, default 10,000
    seed : int, Generator or None
    uncertain_scores : bool, default True
    chunk_size : int, optional

    Returns
    -------
    PortfolioSMAA

    Examples
    --------
    >>> import policyopts as po
    >>> s = po.portfolio_smaa(po.load_case("toy_portfolio"),
    ...                       n_samples=2000, seed=0)
    >>> round(float(s.best_share.sum()), 6)
    1.0
    """
    setup = _setup(case, scenario, budgets)
    ids = setup.arrays.criterion_ids
    dist, profile_id, described = case_weights(case, profile, weights, concentration, spread, ids)
    if isinstance(n_samples, bool) or not isinstance(n_samples, int | np.integer) or n_samples < 1:
        raise ValueError(f"n_samples: expected a positive int, got {n_samples!r}")
    if not isinstance(uncertain_scores, bool):
        raise ValueError(f"uncertain_scores: expected True or False, got {uncertain_scores!r}")
    member = setup.membership()
    m = member.shape[0]
    if chunk_size is None:
        chunk_size = max(1, min(n_samples, 2_000_000 // max(1, m)))
    elif isinstance(chunk_size, bool) or not isinstance(chunk_size, int) or chunk_size < 1:
        raise ValueError(f"chunk_size: expected a positive int, got {chunk_size!r}")
    inputs = uncertain_inputs(case, scenario) if uncertain_scores else None
    source = (
        case_source(inputs, ValueMap.from_criteria(setup.arrays.criteria))
        if inputs is not None and len(inputs) > 0
        else None
    )
    nominal, _ = setup.value_matrix(setup.arrays.values())
    mf = member.astype(np.float64).T  # (k, m)
    present = _present(setup).T  # (T, m)
    inter = setup.cons.set_values  # (T, n)
    rng = rng_from(seed)
    n = len(ids)
    counts = np.zeros(m, dtype=np.int64)
    for start in range(0, n_samples, chunk_size):
        size = min(chunk_size, n_samples - start)
        w = np.broadcast_to(dist.draw(rng, size, n), (size, n))
        if source is not None:
            rel, _ = setup.value_matrix(source.draw(rng, start, size))  # (size, k, n)
            act = np.einsum("skn,sn->sk", rel, w)
        else:
            act = w @ nominal.T
        vals = act @ mf
        if present.size:
            vals += (w @ inter.T) @ present
        counts += np.bincount(np.argmax(vals, axis=1), minlength=m)
    share = counts / n_samples
    labels = setup.labels(member)
    index = pd.Index(labels, name="portfolio")
    actions = pd.Index(setup.actions, name="action")
    return PortfolioSMAA(
        best_share=pd.Series(share, index=index, name="best_share"),
        action_share=pd.Series(share @ member.astype(np.float64), index=actions, name="share"),
        membership=pd.DataFrame(member, index=index.copy(), columns=actions.copy()),
        weights=described,
        profile=profile_id,
        scenario=scenario,
        uncertain_scores=source is not None,
        n_samples=int(n_samples),
        seed=seed if isinstance(seed, int | None) else None,
        case_id=case.id,
        version=__version__,
    )
