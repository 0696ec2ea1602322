"""Robust portfolio modelling of a case: non-dominated portfolios under
incomplete weights (rpm_case) and SMAA over portfolios."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
import pandas as pd

from policyopts._random import SeedLike, rng_from
from policyopts.inputs import ValueMap, uncertain_inputs
from policyopts.methods import SCALE_NORMALIZATION
from policyopts.model import Case
from policyopts.portfolio._setup import (
    _present,
    _setup,
)
from policyopts.portfolio._weightsets import (
    DEFAULT_CONCENTRATION,
    DEFAULT_SPREAD,
    case_source,
    case_weights,
)
from policyopts.portfolio.rpm import RPMResult, rpm
from policyopts.results import Provenance, Result


# ------------------------------------------------------------------ RPM
@dataclass(frozen=True, eq=False)
class CaseRPM(Result):
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
    weight_set : str
        The weight set, in words.
    baseline : str or None
        The option that stands for choosing nothing.
    budgets : dict
        Budget by resource id.
    provenance : Provenance
        Case, profile and scenario (method ``wsm`` on value scales).
    option_names : dict
        Display name by option id.
    """

    portfolios: pd.DataFrame
    core_index: pd.Series
    status: pd.Series
    result: RPMResult
    weight_set: str
    baseline: str | None
    budgets: dict[str, float]
    provenance: Provenance
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
        """How the table was produced."""
        budget = ", ".join(f"{r} {v:g}" for r, v in self.budgets.items()) or "none"
        return (
            f"{len(self.portfolios)} non-dominated of {self.result.n_feasible} feasible "
            f"portfolios · weights {self.weight_set} · budgets {budget} · case {self.case_id} · "
            f"policyopts {self.version}"
        )

    def _rows(
        self, *, names: bool, limit: int | None, **options: Any
    ) -> tuple[list[str], list[list[object]]]:
        header = ["action", "core index", "status"]
        rows: list[list[object]] = [
            [self.option_names.get(str(a), str(a)) if names else str(a), float(ci), s]
            for (a, ci), s in zip(self.core_index.items(), self.status, strict=True)
        ]
        return header, rows[:limit]

    def to_frame(self) -> pd.DataFrame:
        """Core index and status by action id."""
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
        weight_set=described,
        baseline=setup.baseline,
        budgets=setup.budgets,
        provenance=Provenance.of(
            case,
            profile=profile_id,
            scenario=scenario,
            method="wsm",
            normalization=SCALE_NORMALIZATION,
        ),
        option_names={o.id: o.label for o in case.options},
    )


# ------------------------------------------------------------------ SMAA
@dataclass(frozen=True, eq=False)
class PortfolioSMAA(Result):
    """Share of draws in which each portfolio is best, and each action in the best.

    Attributes
    ----------
    best_share : pandas.Series
        By portfolio label (every feasible portfolio), sums to 1.
    action_share : pandas.Series
        By action id: the share of draws whose best portfolio contains it.
    membership : pandas.DataFrame
        Boolean, portfolio x action.
    weight_set : str
        The weight information, in words.
    uncertain_scores : bool
        Whether uncertain scores were drawn.
    provenance : Provenance
        Case, profile, scenario, method, seed and number of draws.
    """

    _default_limit: ClassVar[int | None] = 15

    best_share: pd.Series
    action_share: pd.Series
    membership: pd.DataFrame
    weight_set: str
    uncertain_scores: bool
    provenance: Provenance

    @property
    def ranking(self) -> list[str]:
        """Portfolio labels by the share of draws in which each is best, most often first."""
        return [str(p) for p in self.best_share.sort_values(ascending=False, kind="stable").index]

    @property
    def top(self) -> str:
        """Label of the portfolio that is best most often."""
        return self.ranking[0]

    def caption(self) -> str:
        """How the table was produced."""
        scores = "uncertain scores" if self.uncertain_scores else "fixed scores"
        return (
            f"Share of draws in which each portfolio is best · weights {self.weight_set} · "
            f"{scores} · {self.provenance.describe()}"
        )

    def _rows(
        self, *, names: bool, limit: int | None, **options: Any
    ) -> tuple[list[str], list[list[object]]]:
        header = ["portfolio", "best share"]
        rows: list[list[object]] = [[p, float(self.best_share[p])] for p in self.ranking]
        return header, rows[:limit]

    def _highlight_row(self) -> int | None:
        return 0

    def to_frame(self) -> pd.DataFrame:
        """Best share and membership by portfolio, most often best first."""
        frame = self.membership.copy()
        frame.insert(0, "best_share", self.best_share)
        return frame.loc[self.ranking]


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
        weight_set=described,
        uncertain_scores=source is not None,
        provenance=Provenance.of(
            case,
            profile=profile_id,
            scenario=scenario,
            method="wsm",
            normalization=SCALE_NORMALIZATION,
            seed=seed,
            n_samples=int(n_samples),
        ),
    )
