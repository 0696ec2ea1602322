"""Signposts: observable indicators whose odds differ between scenarios.

A signpost is something that can be watched for (fuel convoys into the
capital stop; a junta announces elections) together with the probability of
seeing it under each scenario.  Observing it (or not) shifts the scenario
probabilities by Bayes' rule; :func:`policyopts.update_scenarios` does the
updating and :func:`policyopts.value_of_waiting` asks whether watching is worth
the delay.

Independence.  Unless a signpost declares ``depends_on``, signposts are
*conditionally independent given the scenario*: once the scenario is known,
seeing one tells nothing more about whether another shows.  Where that fails
(two indicators driven by the same event beyond the scenario), the dependent
signpost lists the earlier signposts it depends on and gives, for every
combination of theirs (observed or not), the probability of being observed
under each scenario: a conditional table, which with the parents' own
likelihoods is the joint table of the group (chain rule).
"""

from __future__ import annotations

import itertools
from typing import Literal

from pydantic import Field, model_validator

from policyopts.model._base import Id, Model, RuleViolations, Text, outside_unit

__all__ = ["ConditionalLikelihood", "LeadTime", "Signpost"]


class LeadTime(Model):
    """How soon a signpost would show, e.g. ``{value: 3, unit: months}``."""

    value: float = Field(ge=0.0)
    unit: Literal["days", "weeks", "months", "years"] = "months"

    def __str__(self) -> str:
        unit = self.unit[:-1] if self.value == 1 else self.unit
        return f"{self.value:g} {unit}"

    @property
    def months(self) -> float:
        """The lead time in months (a month is 365.25 / 12 days)."""
        days = {"days": 1.0, "weeks": 7.0, "months": 365.25 / 12, "years": 365.25}[self.unit]
        return self.value * days / (365.25 / 12)


class ConditionalLikelihood(Model):
    """One row of a dependent signpost's table: when the signposts it depends on
    are as in ``when``, the probability of observing it under each scenario."""

    when: dict[Id, bool]
    """Whether each signpost in ``depends_on`` was observed."""
    likelihoods: dict[Id, float]
    """P(observed | scenario, ``when``), by scenario id."""

    @model_validator(mode="after")
    def _check(self) -> ConditionalLikelihood:
        problems = outside_unit("likelihoods", self.likelihoods, "probability")
        if problems:
            raise RuleViolations(problems)
        return self


class Signpost(Model):
    """An observable indicator and how likely it is to show under each scenario."""

    id: Id
    name: Text
    description: str = ""
    observation: Text
    """What counts as observing it, precisely enough that two people agree."""
    lead_time: LeadTime | None = None
    """How soon it would show if it is going to."""
    likelihoods: dict[Id, float] = Field(default_factory=dict)
    """P(observed | scenario), by scenario id; every scenario of the case.
    Left empty by a signpost that ``depends_on`` others (its ``conditional``
    table gives the probabilities instead)."""
    depends_on: list[Id] = Field(default_factory=list)
    """Earlier signposts this one is not conditionally independent of."""
    conditional: list[ConditionalLikelihood] = Field(default_factory=list)
    """With ``depends_on``: one row for every combination of those signposts."""
    basis: Literal["source", "judgement"] = "judgement"
    """Whether the likelihoods rest on sources or on analyst judgement."""
    rationale: Text
    evidence: list[Id] = Field(default_factory=list)

    @model_validator(mode="after")
    def _check(self) -> Signpost:
        problems = outside_unit("likelihoods", self.likelihoods, "probability")
        if self.depends_on:
            if self.likelihoods:
                problems.append(
                    (
                        ("likelihoods",),
                        "a signpost that depends on others gives its probabilities in "
                        "'conditional', not 'likelihoods'",
                        None,
                    )
                )
            if len(set(self.depends_on)) != len(self.depends_on):
                problems.append((("depends_on",), "signpost ids repeated", self.depends_on))
            if self.id in self.depends_on:
                problems.append((("depends_on",), "a signpost cannot depend on itself", self.id))
            need = set(itertools.product((False, True), repeat=len(set(self.depends_on))))
            parents = sorted(set(self.depends_on), key=self.depends_on.index)
            seen: set[tuple[bool, ...]] = set()
            for k, row in enumerate(self.conditional):
                if set(row.when) != set(parents):
                    problems.append(
                        (
                            ("conditional", k, "when"),
                            f"must say, for each of {', '.join(parents)}, whether it was observed",
                            sorted(row.when),
                        )
                    )
                    continue
                key = tuple(row.when[p] for p in parents)
                if key in seen:
                    problems.append((("conditional", k, "when"), "combination repeated", None))
                seen.add(key)
            if not problems and seen != need:
                problems.append(
                    (
                        ("conditional",),
                        f"needs one row for each of the {len(need)} combinations of "
                        f"{', '.join(parents)} (observed or not), got {len(seen)}",
                        None,
                    )
                )
        elif self.conditional:
            problems.append((("conditional",), "a conditional table needs 'depends_on'", None))
        if not self.depends_on and not self.likelihoods:
            problems.append(
                (("likelihoods",), "give P(observed | scenario) for every scenario", None)
            )
        if len(set(self.evidence)) != len(self.evidence):
            problems.append((("evidence",), "evidence ids repeated", self.evidence))
        if problems:
            raise RuleViolations(problems)
        return self

    def rows(self) -> list[tuple[dict[str, bool], dict[str, float]]]:
        """The likelihood table: ``(when, likelihoods)`` pairs (one with an empty
        ``when`` for an independent signpost)."""
        if not self.depends_on:
            return [({}, dict(self.likelihoods))]
        return [(dict(r.when), dict(r.likelihoods)) for r in self.conditional]
