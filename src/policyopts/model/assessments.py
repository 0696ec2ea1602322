"""Assessments: one option's score on one criterion, with why and how sure."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from policyopts.model._base import Id, Model, RuleViolations, Text
from policyopts.model.uncertainty import Uncertainty

__all__ = ["Assessment"]


class Assessment(Model):
    """The score of ``option`` on ``criterion``.

    Every score carries a rationale; a score that rests on sources
    (``basis: source``) must cite at least one evidence record.
    """

    option: Id
    criterion: Id
    score: float
    """Point estimate on the criterion's scale."""
    uncertainty: Uncertainty | None = None
    """Range or distribution around the point estimate."""
    basis: Literal["source", "judgement"] = "judgement"
    """Whether the score rests on cited sources or on analyst judgement."""
    rationale: Text
    """Why this score, in our own words."""
    evidence: list[Id] = Field(default_factory=list)
    """Ids of the evidence records behind the score."""

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
        if self.basis == "source" and not self.evidence:
            problems.append(
                (("evidence",), "a score with basis 'source' must cite evidence", self.evidence)
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
