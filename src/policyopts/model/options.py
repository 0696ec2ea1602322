"""Policy options: the alternatives being compared."""

from __future__ import annotations

from pydantic import Field, field_validator

from policyopts.model._base import Id, Model, Text

__all__ = ["Option"]


class Option(Model):
    """One course of action open to the decision maker."""

    id: Id
    name: Text
    short_name: str | None = None
    """A short label for plots and narrow tables."""
    description: str = ""
    """What the option is, in a sentence or two."""
    commitments: list[Text] = Field(default_factory=list)
    """What choosing the option commits the government to."""
    costs: dict[Id, float] = Field(default_factory=dict)
    """What the option consumes, by resource id (>= 0; see the case's ``resources``)."""

    @field_validator("costs")
    @classmethod
    def _non_negative(cls, costs: dict[str, float]) -> dict[str, float]:
        for rid, amount in costs.items():
            if amount < 0:
                raise ValueError(f"cost of {rid!r} must be >= 0, got {amount!r}")
        return costs

    @property
    def label(self) -> str:
        """The short name if there is one, else the name."""
        return self.short_name or self.name
