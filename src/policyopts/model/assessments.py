"""Assessments: one option's score on one criterion, with why and how sure."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from policyopts.model._base import Id, Model, RuleViolations, Text
from policyopts.model.uncertainty import Uncertainty

__all__ = ["Assessment", "Basis", "ScenarioScore"]

#: What a score rests on: ``fact`` (a sourced fact), ``opinion`` (a sourced
#: author's judgement, attributed to them), ``judgement`` (the analyst's own),
#: or ``source`` (sourced, without saying whether fact or opinion; older files).
Basis = Literal["fact", "opinion", "judgement", "source"]

#: Bases that rest on cited sources.
SOURCED: frozenset[str] = frozenset({"fact", "opinion", "source"})


class ScenarioScore(Model):
    """An assessment's score under one scenario, stated directly."""

    score: float
    """Point estimate on the criterion's scale under the scenario."""
    uncertainty: Uncertainty | None = None
    """Range or distribution under the scenario; the score is taken as certain
    when omitted."""
    rationale: str = ""
    """Why the score differs under this scenario."""

    @model_validator(mode="after")
    def _check(self) -> ScenarioScore:
        if self.uncertainty is not None:
            low, high = self.uncertainty.bounds(self.score)
            if self.uncertainty.kind != "normal" and not low <= self.score <= high:
                raise RuleViolations(
                    [
                        (
                            ("score",),
                            f"{self.score:g} outside its range [{low:g}, {high:g}]",
                            self.score,
                        )
                    ]
                )
        return self


class Assessment(Model):
    """The score of ``option`` on ``criterion``.

    Every score carries a rationale; a score that rests on sources
    (``basis`` ``fact``, ``opinion`` or ``source``) must cite at least one
    evidence record. ``by_scenario`` states the score under a scenario
    directly (it then replaces the scenario's shifts for this cell).
    """

    option: Id
    criterion: Id
    score: float
    """Point estimate on the criterion's scale."""
    uncertainty: Uncertainty | None = None
    """Range or distribution around the point estimate."""
    basis: Basis = "judgement"
    """What the score rests on: ``fact`` (a sourced fact), ``opinion`` (a
    sourced author's judgement, attributed), ``judgement`` (the analyst's), or
    ``source`` (sourced, fact or opinion unstated)."""
    rationale: Text
    """Why this score, in our own words."""
    evidence: list[Id] = Field(default_factory=list)
    """Ids of the evidence records behind the score."""
    by_scenario: dict[Id, ScenarioScore] = Field(default_factory=dict)
    """The score (and uncertainty) under named scenarios, by scenario id."""

    @model_validator(mode="after")
    def _check(self) -> Assessment:
        problems: list[tuple[tuple[str | int, ...], str, object]] = []
        if self.uncertainty is not None:
            low, high = self.uncertainty.bounds(self.score)
            if self.uncertainty.kind != "normal" and not low <= self.score <= high:
                problems.append(
                    (
                        ("score",),
                        f"{self.score:g} outside its range [{low:g}, {high:g}]",
                        self.score,
                    )
                )
        if self.basis in SOURCED and not self.evidence:
            problems.append(
                (
                    ("evidence",),
                    f"a score with basis {self.basis!r} must cite evidence",
                    self.evidence,
                )
            )
        if len(set(self.evidence)) != len(self.evidence):
            problems.append((("evidence",), "evidence ids repeated", self.evidence))
        if problems:
            raise RuleViolations(problems)
        return self

    def bounds(self) -> tuple[float, float]:
        """Lowest and highest plausible score (the point if certain)."""
        if self.uncertainty is None:
            return self.score, self.score
        return self.uncertainty.bounds(self.score)
