r"""Bayesian updating of a case's scenario probabilities on observed signposts.

With prior scenario probabilities :math:`p_s` and an observation
:math:`O` (each watched signpost seen or not seen),

.. math::

    P(s \mid O) = \frac{p_s\, P(O \mid s)}{\sum_r p_r\, P(O \mid r)}.

For conditionally independent signposts (the default, see
:mod:`policyopts.model.signposts`) :math:`P(O \mid s) = \prod_i P(o_i \mid s)`
with :math:`P(o_i \mid s) = L_{is}` when signpost :math:`i` is seen and
:math:`1 - L_{is}` when it is not.  A signpost that ``depends_on`` others
contributes its conditional row instead, :math:`P(o_i \mid s, o_{pa(i)})`
(the chain rule); signposts that were not reported but that an observed one
depends on are summed out.  Signposts neither reported nor depended upon
drop out of the product (they sum to one).

References
----------
Bayes, T. (1763). An essay towards solving a problem in the doctrine of
chances. Philosophical Transactions of the Royal Society, 53, 370-418.
Walker, W. E., Rahman, S. A., & Cave, J. (2001). Adaptive policies, policy
analysis, and policy-making. European Journal of Operational Research,
128(2), 282-289 (signposts and triggers).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from policyopts._tables import fmt
from policyopts.exceptions import CaseError
from policyopts.model import Case, Signpost
from policyopts.model.require import require_case
from policyopts.results import Provenance, Result
from policyopts.sensitivity.oneway._setup import lower_first

__all__ = ["ScenarioUpdate", "observation_likelihoods", "signpost", "update_scenarios"]

FloatArray = NDArray[np.float64]

#: Most signposts whose joint outcomes are enumerated at once (2**k patterns).
MAX_SIGNPOSTS = 12


def signpost(case: Case, ident: str) -> Signpost:
    """The signpost with id ``ident`` (a located :class:`CaseError` if there is none)."""
    for sp in case.signposts:
        if sp.id == ident:
            return sp
    known = ", ".join(sp.id for sp in case.signposts) or "none"
    raise CaseError(f"unknown signpost {ident!r}; known: {known}", path="signposts", value=ident)


def _check_observed(case: Case, observed: Mapping[str, bool]) -> dict[str, bool]:
    if not isinstance(observed, Mapping):
        raise ValueError(
            f"observed: expected a mapping of signpost id to True/False, got "
            f"{type(observed).__name__}"
        )
    out: dict[str, bool] = {}
    for key, value in observed.items():
        signpost(case, key)
        if not isinstance(value, bool | np.bool_):
            raise ValueError(
                f"observed: {key!r} must be True (seen) or False (not seen), got {value!r}"
            )
        out[key] = bool(value)
    return out


def _ancestors(case: Case, ids: Sequence[str]) -> list[str]:
    """``ids`` and every signpost they depend on, in case order."""
    by_id = {sp.id: sp for sp in case.signposts}
    need: set[str] = set()
    stack = list(ids)
    while stack:
        k = stack.pop()
        if k in need:
            continue
        need.add(k)
        stack.extend(by_id[k].depends_on)
    return [sp.id for sp in case.signposts if sp.id in need]


def _factor(sp: Signpost, scen: Sequence[str], state: Mapping[str, bool]) -> FloatArray:
    """P(signpost = state[sp.id] | scenario, its parents as in ``state``), by scenario."""
    for when, lik in sp.rows():
        if all(state[p] == v for p, v in when.items()):
            p = np.array([lik[s] for s in scen], dtype=np.float64)
            return p if state[sp.id] else 1.0 - p
    raise CaseError(  # unreachable for a validated case
        "no likelihood row for this combination", path=f"signposts[{sp.id}].conditional"
    )


def observation_likelihoods(case: Case, observed: Mapping[str, bool]) -> FloatArray:
    r""":math:`P(O \mid s)` for every scenario of ``case`` (case order).

    Parameters
    ----------
    case : Case
    observed : mapping of signpost id to bool
        ``True``: seen; ``False``: watched for and not seen.

    Returns
    -------
    ndarray, shape (s,)
    """
    obs = _check_observed(case, observed)
    scen = [s.id for s in case.scenarios]
    ids = _ancestors(case, list(obs))
    hidden = [i for i in ids if i not in obs]
    if len(ids) > MAX_SIGNPOSTS:
        raise ValueError(
            f"observed: at most {MAX_SIGNPOSTS} signposts (with those they depend on) at once, "
            f"got {len(ids)}"
        )
    by_id = {sp.id: sp for sp in case.signposts}
    total = np.zeros(len(scen))
    for combo in itertools.product((False, True), repeat=len(hidden)):
        state = {**obs, **dict(zip(hidden, combo, strict=True))}
        term = np.ones(len(scen))
        for i in ids:
            term = term * _factor(by_id[i], scen, state)
        total += term
    return total


@dataclass(frozen=True, eq=False)
class ScenarioUpdate(Result):
    """Scenario probabilities before and after observing signposts.

    Attributes
    ----------
    prior, posterior : pandas.Series
        Scenario probabilities by scenario id.
    likelihood : pandas.Series
        :math:`P(O \\mid s)`: how likely the observation was under each scenario.
    probability : float
        :math:`P(O)` under the prior.
    observed : mapping
        Signpost id to seen (True) or not seen (False).
    case : Case
        A validated copy of the input case carrying the posterior probabilities.
    provenance : Provenance
        The case, and what was observed (``provenance.extra["observed"]``).
    """

    prior: pd.Series
    posterior: pd.Series
    likelihood: pd.Series
    probability: float
    observed: Mapping[str, bool]
    case: Case = field(repr=False)
    provenance: Provenance
    scenario_names: Mapping[str, str] = field(repr=False)
    signpost_names: Mapping[str, str] = field(repr=False)

    def observation_text(self) -> str:
        """What was observed, in words."""
        parts = [
            f"“{lower_first(self.signpost_names[k])}” ({'seen' if v else 'not seen'})"
            for k, v in self.observed.items()
        ]
        return " and ".join(parts) if parts else "nothing"

    def summary(self) -> str:
        """The biggest moves in plain words."""
        delta = self.posterior - self.prior
        order = delta.abs().sort_values(ascending=False, kind="stable").index
        moves = [
            f"{self.scenario_names[str(s)]} {fmt(float(self.prior[s]), 2)} → "
            f"{fmt(float(self.posterior[s]), 2)}"
            for s in order
            if abs(float(delta[s])) > 1e-9
        ]
        head = f"After observing {self.observation_text()} (P = {fmt(self.probability)})"
        if not moves:
            return head + ", the scenario probabilities do not change."
        return head + ": " + ", ".join(moves) + "."

    def caption(self) -> str:
        """How the table was produced."""
        return (
            f"Scenario probabilities updated by Bayes' rule after observing "
            f"{self.observation_text()} (case {self.case_id}, policyopts "
            f"{self.version})"
        )

    def _rows(
        self, *, names: bool, limit: int | None, **options: Any
    ) -> tuple[list[str], list[list[object]]]:
        header = ["Scenario" if names else "scenario", "Prior", "P(observation)", "Posterior"]
        rows: list[list[object]] = []
        for s in self.prior.index:
            label = self.scenario_names[str(s)] if names else str(s)
            rows.append(
                [label, float(self.prior[s]), float(self.likelihood[s]), float(self.posterior[s])]
            )
        return header, rows[:limit]

    def to_frame(self) -> pd.DataFrame:
        """Prior, likelihood of the observation and posterior by scenario."""
        return pd.DataFrame(
            {"prior": self.prior, "likelihood": self.likelihood, "posterior": self.posterior}
        )


def update_scenarios(case: Case, observed: Mapping[str, bool]) -> ScenarioUpdate:
    r"""Posterior scenario probabilities after observing signposts, and a case carrying them.

    .. math:: P(s \mid O) = p_s P(O \mid s) / \sum_r p_r P(O \mid r)

    with :math:`P(O \mid s)` from :func:`observation_likelihoods` (signposts
    conditionally independent given the scenario unless they declare
    ``depends_on``).

    Parameters
    ----------
    case : Case
        A case with scenarios and signposts.
    observed : mapping of signpost id to bool
        ``{"fuel_blockade_lifted": True, "elections_called": False}``.

    Returns
    -------
    ScenarioUpdate
        ``.posterior`` and ``.case`` (validated, same ids, the scenarios'
        probabilities replaced by the posterior).

    Raises
    ------
    CaseError
        An unknown signpost id, or a case without scenarios.
    ValueError
        A value that is not a bool, or an observation impossible under every
        scenario with a positive probability.

    References
    ----------
    Bayes (1763); Walker, Rahman & Cave (2001) -- see the module references.

    Examples
    --------
    >>> import policyopts as po
    >>> from policyopts.waiting.examples import with_signposts
    >>> case = with_signposts(po.load_case("mali"))
    >>> up = po.update_scenarios(case, {"fuel_blockade_bamako": True})
    >>> round(float(up.posterior.sum()), 12)
    1.0
    >>> up.case.scenarios[0].probability == float(up.posterior.iloc[0])
    True
    """
    require_case(case)
    if not case.scenarios:
        raise CaseError("the case has no scenarios to update", path="scenarios")
    obs = _check_observed(case, observed)
    scen = [s.id for s in case.scenarios]
    prior = np.array([s.probability for s in case.scenarios], dtype=np.float64)
    prior = prior / prior.sum()
    lik = observation_likelihoods(case, obs)
    joint = prior * lik
    total = float(joint.sum())
    if total <= 0.0:
        raise ValueError(
            f"observed: {obs!r} has probability 0 under every scenario the case deems possible"
        )
    post = joint / total
    data = case.model_dump(mode="python")
    for k, p in enumerate(post):
        data["scenarios"][k]["probability"] = float(p)
    new_case = Case.model_validate(data)
    index = pd.Index(scen, name="scenario")
    return ScenarioUpdate(
        prior=pd.Series(prior, index=index, name="prior"),
        posterior=pd.Series(post, index=index, name="posterior"),
        likelihood=pd.Series(lik, index=index, name="likelihood"),
        probability=total,
        observed=dict(obs),
        case=new_case,
        provenance=Provenance.of(case, observed=dict(obs)),
        scenario_names={s.id: s.name for s in case.scenarios},
        signpost_names={sp.id: sp.name for sp in case.signposts},
    )
