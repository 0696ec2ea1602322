"""Uncertainty about a number: a range or a probability distribution."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from policyopts.model._base import Model, RuleViolations, outside_unit

__all__ = [
    "Discrete",
    "Normal",
    "Pert",
    "Range",
    "Triangular",
    "Uncertainty",
    "Uniform",
]


class _Bounded(Model):
    low: float
    high: float

    @model_validator(mode="after")
    def _order(self) -> _Bounded:
        if self.low > self.high:
            raise RuleViolations([(("low",), f"{self.low:g} > high {self.high:g}", self.low)])
        return self

    def bounds(self, point: float) -> tuple[float, float]:
        """Lowest and highest plausible values."""
        return self.low, self.high


class Range(_Bounded):
    """An interval with no distribution implied (sampled uniformly)."""

    kind: Literal["range"]


class Uniform(_Bounded):
    """Uniform between ``low`` and ``high``."""

    kind: Literal["uniform"]


class Triangular(_Bounded):
    """Triangular on ``[low, high]`` with its mode at the point estimate."""

    kind: Literal["triangular"]


class Pert(_Bounded):
    """Beta-PERT on ``[low, high]`` with its mode at the point estimate.

    ``lamb`` is the weight of the mode (4 in the classic PERT; Vose 2008).
    """

    kind: Literal["pert"]
    lamb: float = Field(default=4.0, gt=0)


class Normal(Model):
    """Normal around the point estimate with standard deviation ``sd``.

    Draws are clipped to the criterion's scale when sampled; the plausible
    range is taken as the point ± 2 sd.
    """

    kind: Literal["normal"]
    sd: float = Field(gt=0)

    def bounds(self, point: float) -> tuple[float, float]:
        """Point ± 2 sd."""
        return point - 2 * self.sd, point + 2 * self.sd


class Discrete(Model):
    """A finite set of values with their probabilities."""

    kind: Literal["discrete"]
    values: list[float] = Field(min_length=1)
    probabilities: list[float] = Field(min_length=1)

    @model_validator(mode="after")
    def _check(self) -> Discrete:
        problems: list[tuple[tuple[str | int, ...], str, object]] = []
        if len(self.values) != len(self.probabilities):
            problems.append(
                (
                    ("probabilities",),
                    f"need one probability per value ({len(self.values)})",
                    self.probabilities,
                )
            )
        problems += outside_unit("probabilities", self.probabilities, "probability")
        total = sum(self.probabilities)
        if abs(total - 1.0) > 1e-6:
            problems.append((("probabilities",), f"probabilities sum to {total:g}, not 1", total))
        if problems:
            raise RuleViolations(problems)
        return self

    def bounds(self, point: float) -> tuple[float, float]:
        """Smallest and largest value."""
        return min(self.values), max(self.values)


Uncertainty = Annotated[
    Range | Uniform | Triangular | Pert | Normal | Discrete, Field(discriminator="kind")
]
