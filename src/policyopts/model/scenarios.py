"""Scenarios: how the future might unfold, and what changes under each."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from policyopts.model._base import Id, Model, RuleViolations, Text, outside_unit

__all__ = ["Scenario", "ScoreChange"]


class ScoreChange(Model):
    """Under a scenario, one assessment's score moves (``shift``) or is replaced (``set``)."""

    option: Id
    criterion: Id
    shift: float | None = None
    """Added to the baseline score."""
    set: float | None = None
    """Replaces the baseline score."""

    @model_validator(mode="after")
    def _one(self) -> ScoreChange:
        if (self.shift is None) == (self.set is None):
            raise RuleViolations(
                [
                    (
                        (),
                        "give exactly one of 'shift' and 'set'",
                        {"shift": self.shift, "set": self.set},
                    )
                ]
            )
        return self

    def apply(self, score: float) -> float:
        """The score under the scenario."""
        return self.set if self.set is not None else score + (self.shift or 0.0)


class Scenario(Model):
    """A possible future, with its probability and what it changes."""

    id: Id
    name: Text
    narrative: str = ""
    probability: float = Field(ge=0.0, le=1.0)
    basis: Literal["source", "judgement"] = "judgement"
    """Whether the probability rests on sources or on analyst judgement."""
    rationale: str = ""
    evidence: list[Id] = Field(default_factory=list)
    score_changes: list[ScoreChange] = Field(default_factory=list)
    likelihood_overrides: dict[Id, float] = Field(default_factory=dict)
    """Risk likelihoods under the scenario, by risk id."""

    @model_validator(mode="after")
    def _check(self) -> Scenario:
        problems = outside_unit("likelihood_overrides", self.likelihood_overrides, "likelihood")
        seen: set[tuple[str, str]] = set()
        for k, ch in enumerate(self.score_changes):
            key = (ch.option, ch.criterion)
            if key in seen:
                problems.append(
                    (("score_changes", k), "second change to the same score", list(key))
                )
            seen.add(key)
        if problems:
            raise RuleViolations(problems)
        return self
