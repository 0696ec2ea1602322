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

from policyopts import methods as _methods
from policyopts.methods import SCALE_NORMALIZATION
from policyopts.model import Case
from policyopts.portfolio import _enumerate as E
from policyopts.portfolio._setup import (
    EMPTY,
    BoolArray,
    FloatArray,
    _performance,
    _present,
    _setup,
)
from policyopts.results import Provenance, Result


# ------------------------------------------------------------------ ranking
@dataclass(frozen=True, eq=False)
class PortfolioRanking(Result):
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
    baseline : str or None
        The option that stands for choosing nothing.
    budgets : dict
        Budget by resource id.
    higher_is_better : bool
        Whether a higher ``score`` is better (False for a method like VIKOR).
    provenance : Provenance
        Case, profile, scenario and method.
    option_names, resource_units : mapping
        Display name by option id; unit by resource id.
    """

    table: pd.DataFrame
    membership: pd.DataFrame
    frontier: pd.DataFrame
    best: tuple[str, ...]
    baseline: str | None
    budgets: dict[str, float]
    higher_is_better: bool
    provenance: Provenance
    option_names: dict[str, str]
    resource_units: dict[str, str]

    @property
    def top(self) -> str:
        """Label of the top-ranked portfolio (the first row of ``table``)."""
        return str(self.table.index[0])

    @property
    def ranking(self) -> list[str]:
        """Portfolio labels, best first."""
        return [str(p) for p in self.table.index]

    def caption(self) -> str:
        """How the table was produced."""
        budget = ", ".join(f"{r} {v:g}" for r, v in self.budgets.items()) or "none"
        return (
            f"{len(self.table)} feasible portfolios · method {self.method} · profile "
            f"{self.profile} · budgets {budget} · baseline {self.baseline or 'none'} · "
            f"{'scenario ' + self.scenario if self.scenario else 'no scenario'} · case "
            f"{self.case_id} · policyopts {self.version}"
        )

    def _rows(
        self, *, names: bool, limit: int | None, **options: Any
    ) -> tuple[list[str], list[list[object]]]:
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
        return header, rows[:limit]

    def to_frame(self) -> pd.DataFrame:
        """``table``, members joined by ``" + "``."""
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
        baseline=setup.baseline,
        budgets=setup.budgets,
        higher_is_better=higher,
        provenance=Provenance.of(
            case,
            profile=prof.id,
            scenario=scenario,
            method=method,
            normalization=SCALE_NORMALIZATION if _methods.spec(method).case_scale else None,
        ),
        option_names={o.id: o.label for o in case.options},
        resource_units={r.id: r.unit for r in case.resources},
    )


__all__ = ["PortfolioRanking", "portfolios"]
