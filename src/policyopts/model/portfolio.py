"""Portfolios: resources, budgets, and how options combine.

A case with a ``portfolio:`` section treats its options as actions that can
be taken together. Options carry ``costs`` per declared resource; the section
sets a budget per resource, sets of mutually exclusive options, prerequisites
(``requires``) and interactions: a set of options whose joint effect on one
criterion differs from the sum of their separate effects. The empty portfolio
("no new commitments") is always feasible.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from policyopts.model._base import Id, Model, RuleViolations, Text

__all__ = ["Interaction", "PortfolioSpec", "Resource"]


class Resource(Model):
    """Something options consume and budgets limit: money, staff, political capital."""

    id: Id
    name: Text
    unit: str = ""
    """Unit of costs and budgets (``"USD million"``, ``"points"``)."""
    description: str = ""


class Interaction(Model):
    """Options whose joint effect on one criterion differs from the sum of their effects.

    When every option in ``options`` is in a portfolio, the portfolio's score
    on ``criterion`` moves by ``effect``, in the criterion's own units (like a
    scenario's ``shift``): for a benefit criterion a positive effect is a
    synergy and a negative one a conflict; for a cost criterion the reverse.
    In the additive value model the effect counts at the criterion's average
    slope, ``effect / (scale.max - scale.min)`` on the 0-1 value scale
    (signed by direction).
    """

    id: Id | None = None
    options: list[Id] = Field(min_length=2)
    criterion: Id
    effect: float
    """Score shift on the criterion's scale when all the options are chosen."""
    basis: Literal["source", "judgement"] = "judgement"
    rationale: Text
    """Why the options interact, in our own words."""
    evidence: list[Id] = Field(default_factory=list)

    @model_validator(mode="after")
    def _check(self) -> Interaction:
        problems: list[tuple[tuple[str | int, ...], str, object]] = []
        if len(set(self.options)) != len(self.options):
            problems.append((("options",), "an option is repeated", self.options))
        if self.basis == "source" and not self.evidence:
            problems.append(
                (("evidence",), "an effect with basis 'source' must cite evidence", self.evidence)
            )
        if len(set(self.evidence)) != len(self.evidence):
            problems.append((("evidence",), "evidence ids repeated", self.evidence))
        if problems:
            raise RuleViolations(problems)
        return self


class PortfolioSpec(Model):
    """The ``portfolio:`` section of a case: budgets and constraints on combinations.

    ``baseline_option`` names the status-quo option, if the case has one: it
    is what the empty portfolio means, so it is not an action and every
    action's value is counted relative to it.
    """

    budgets: dict[Id, float] = Field(default_factory=dict)
    """Budget per resource id (>= 0); a resource without a budget is not limited."""
    exclusive: list[list[Id]] = Field(default_factory=list)
    """Sets of options of which at most one may be chosen."""
    requires: dict[Id, list[Id]] = Field(default_factory=dict)
    """Prerequisites: option id -> the options it can only be chosen with."""
    interactions: list[Interaction] = Field(default_factory=list)
    baseline_option: Id | None = None
    """The status-quo option (what choosing nothing means), if the case has one."""

    @model_validator(mode="after")
    def _check(self) -> PortfolioSpec:
        problems: list[tuple[tuple[str | int, ...], str, object]] = []
        for rid, amount in self.budgets.items():
            if amount < 0:
                problems.append((("budgets", rid), "a budget must be >= 0", amount))
        for k, group in enumerate(self.exclusive):
            if len(group) < 2:
                problems.append((("exclusive", k), "an exclusive set needs two options", group))
            if len(set(group)) != len(group):
                problems.append((("exclusive", k), "an option is repeated", group))
        for opt, pre in self.requires.items():
            if opt in pre:
                problems.append((("requires", opt), "an option cannot require itself", opt))
            if not pre:
                problems.append((("requires", opt), "no prerequisites listed", pre))
        if problems:
            raise RuleViolations(problems)
        return self
