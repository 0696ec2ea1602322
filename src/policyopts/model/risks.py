"""Risks: what could go wrong, how likely, how bad, and who is exposed."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

import numpy as np
from numpy.typing import NDArray
from pydantic import Field, model_validator

from policyopts.model._base import Id, Model, RuleViolations, Text, outside_unit
from policyopts.model.criteria import Scale
from policyopts.model.uncertainty import Uncertainty

__all__ = ["Risk", "RiskCriterion", "risk_burdens"]


class Risk(Model):
    """A risk to the policy's goals.

    An option's burden from this risk is ``likelihood × impact × exposure``.
    A risk that names ``impacts`` on criteria instead moves those criteria's
    scores by ``likelihood × impacts[criterion] × exposure`` (clipped to the
    scale) and stays out of the burden.
    """

    id: Id
    name: Text
    description: str = ""
    likelihood: float = Field(ge=0.0, le=1.0)
    """Probability that the risk materialises over the case's horizon."""
    likelihood_uncertainty: Uncertainty | None = None
    """Range or distribution of the likelihood (within [0, 1])."""
    impact: float
    """Severity, on the case's ``risk_impact_scale``."""
    exposure: dict[Id, float] = Field(default_factory=dict)
    """For every option, how far it exposes the policy to the risk (0-1)."""
    rationale: Text
    evidence: list[Id] = Field(default_factory=list)
    impacts: dict[Id, float] = Field(default_factory=dict)
    """Impact on criteria, by criterion id, in the criterion's own units (a
    score shift if the risk materialises for a fully exposed option; negative
    lowers the score). When given, the risk moves those scores by its expected
    impact and does not enter the risk burden."""
    overlaps: list[Id] = Field(default_factory=list)
    """Criteria that already count (part of) this risk's impact; the audit
    reports the overlap."""

    @property
    def in_burden(self) -> bool:
        """Whether the risk enters the risk burden (it names no ``impacts``)."""
        return not self.impacts

    @model_validator(mode="after")
    def _check(self) -> Risk:
        problems = outside_unit("exposure", self.exposure, "exposure")
        u = self.likelihood_uncertainty
        if u is not None:
            low, high = u.bounds(self.likelihood)
            if u.kind != "normal" and not low <= self.likelihood <= high:
                problems.append(
                    (
                        ("likelihood",),
                        f"{self.likelihood:g} outside its range [{low:g}, {high:g}]",
                        self.likelihood,
                    )
                )
            if u.kind != "normal" and (low < 0.0 or high > 1.0):
                problems.append(
                    (
                        ("likelihood_uncertainty",),
                        f"range [{low:g}, {high:g}] leaves [0, 1]",
                        [low, high],
                    )
                )
        if problems:
            raise RuleViolations(problems)
        return self


class RiskCriterion(Model):
    """How risk burdens enter the value tree: one cost criterion."""

    id: Id = "risk_burden"
    name: Text = "Risk burden"
    parent: Id = "risk"
    """The branch it sits under (created if the case does not define it)."""
    description: str = (
        "Sum over the case's risks of likelihood × impact × exposure; lower is better."
    )
    scale: Literal["plausible", "possible"] | Scale = "plausible"
    """The burden scale the weight swings over. ``plausible`` (default): from
    the least to the most burdened option over the assessed likelihoods and
    every scenario's (point likelihoods), so the risk weight reads "from the
    least to the most risky option", like every other swing weight.
    ``possible``: from 0 to an option fully exposed to every risk at its
    highest likelihood anywhere in the case (the behaviour of earlier
    versions). Or a declared scale ``{min, max}``."""


def risk_burdens(
    risks: Sequence[Risk],
    option_ids: Sequence[str],
    *,
    likelihoods: Mapping[str, float] | None = None,
) -> NDArray[np.float64]:
    """Risk burden of each option: ``Σ_r likelihood_r × impact_r × exposure_r,o``.

    Risks that name ``impacts`` on criteria are left out (they move scores).

    Parameters
    ----------
    risks : sequence of Risk
    option_ids : sequence of str
        Order of the result.
    likelihoods : mapping, optional
        Likelihoods to use instead of the risks' own (scenario overrides).

    Returns
    -------
    ndarray, shape (len(option_ids),)
    """
    over = likelihoods or {}
    risks = [r for r in risks if r.in_burden]
    if not risks:
        return np.zeros(len(option_ids))
    lik = np.array([over.get(r.id, r.likelihood) for r in risks])
    imp = np.array([r.impact for r in risks])
    exp = np.array([[r.exposure.get(o, 0.0) for o in option_ids] for r in risks])
    return np.asarray((lik * imp) @ exp, dtype=np.float64)
