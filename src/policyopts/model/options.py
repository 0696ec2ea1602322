"""Policy options: the alternatives being compared."""

from __future__ import annotations

from pydantic import Field

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

    @property
    def label(self) -> str:
        """The short name if there is one, else the name."""
        return self.short_name or self.name
