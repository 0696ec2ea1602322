"""Criteria, their scales and value functions, and the branches of the value tree."""

from __future__ import annotations

from typing import Annotated, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray
from pydantic import Field, model_validator

from policyopts import value_functions as vf
from policyopts.model._base import Id, Model, RuleViolations, Text

__all__ = [
    "Branch",
    "Criterion",
    "ExponentialValue",
    "LinearValue",
    "PiecewiseLinearValue",
    "Scale",
    "ScaleLabel",
    "ValueFunction",
]


class ScaleLabel(Model):
    """A named point of an ordinal or anchored scale."""

    value: float
    """The point on the scale."""
    label: Text
    """What the point means ("none", "decisive" …)."""


class Scale(Model):
    """The scale a criterion is scored on."""

    min: float = 0.0
    """Lowest possible score."""
    max: float = 10.0
    """Highest possible score."""
    unit: str = "points"
    """Unit of the scores ("points", "USD million", "severity" …)."""
    labels: list[ScaleLabel] = Field(default_factory=list)
    """Optional anchors, for ordinal scales and workshop prompts."""

    @model_validator(mode="after")
    def _check(self) -> Scale:
        problems: list[tuple[tuple[str | int, ...], str, object]] = []
        if not self.min < self.max:
            problems.append((("max",), f"scale max must exceed min {self.min:g}", self.max))
        seen: set[float] = set()
        for k, lab in enumerate(self.labels):
            if not self.min <= lab.value <= self.max:
                problems.append(
                    (
                        ("labels", k, "value"),
                        f"label outside the scale [{self.min:g}, {self.max:g}]",
                        lab.value,
                    )
                )
            if lab.value in seen:
                problems.append((("labels", k, "value"), "duplicate label value", lab.value))
            seen.add(lab.value)
        if problems:
            raise RuleViolations(problems)
        return self

    @property
    def span(self) -> float:
        """``max - min``."""
        return self.max - self.min

    def label_for(self, value: float) -> str | None:
        """The label of ``value`` if the scale names it."""
        for lab in self.labels:
            if lab.value == value:
                return lab.label
        return None


class LinearValue(Model):
    """Linear value over the criterion's scale (the default)."""

    kind: Literal["linear"]


#: Largest curvature of an exponential value function: beyond it the function is a step
#: for every practical purpose, and far beyond it exp() overflows.
MAX_RHO = 50.0


class ExponentialValue(Model):
    """Exponential value (Kirkwood 1997): concave for ``rho > 0``, convex below 0."""

    kind: Literal["exponential"]
    rho: float
    """Curvature; 0 is not allowed (that is the linear function)."""

    @model_validator(mode="after")
    def _check(self) -> ExponentialValue:
        if self.rho == 0:
            raise RuleViolations([(("rho",), "rho must be non-zero (use kind: linear)", 0.0)])
        if abs(self.rho) > MAX_RHO:
            raise RuleViolations(
                [(("rho",), f"rho must lie between -{MAX_RHO:g} and {MAX_RHO:g}", self.rho)]
            )
        return self


class PiecewiseLinearValue(Model):
    """Piecewise-linear value through ``points`` ``[score, value]``."""

    kind: Literal["piecewise_linear"]
    points: list[tuple[float, float]] = Field(min_length=2)
    """``[score, value]`` pairs, scores strictly increasing, values in [0, 1]."""

    @model_validator(mode="after")
    def _check(self) -> PiecewiseLinearValue:
        problems: list[tuple[tuple[str | int, ...], str, object]] = []
        for k, (x, v) in enumerate(self.points):
            if not 0.0 <= v <= 1.0:
                problems.append((("points", k), "value must lie in [0, 1]", [x, v]))
            if k and x <= self.points[k - 1][0]:
                problems.append((("points", k), "scores must be strictly increasing", [x, v]))
        if problems:
            raise RuleViolations(problems)
        return self


ValueFunction = Annotated[
    LinearValue | ExponentialValue | PiecewiseLinearValue, Field(discriminator="kind")
]


class Branch(Model):
    """An inner node of the value tree (security, humanitarian, risk …)."""

    id: Id
    name: Text
    description: str = ""
    parent: Id | None = None
    """The branch this branch sits under, if any."""


class Criterion(Model):
    """A leaf of the value tree: something every option is scored on."""

    id: Id
    name: Text
    short_name: str | None = None
    """A short label for plots and narrow tables."""
    description: str = ""
    """What is measured and how to read the scale."""
    parent: Id | None = None
    """The branch of the value tree this criterion belongs to."""
    direction: Literal["benefit", "cost"]
    """``benefit``: more is better; ``cost``: less is better."""
    scale: Scale = Field(default_factory=Scale)
    value_function: ValueFunction | None = None
    """How scores map to value; linear over the scale when omitted."""

    @model_validator(mode="after")
    def _check(self) -> Criterion:
        fn = self.value_function
        if isinstance(fn, PiecewiseLinearValue):
            xs = [x for x, _ in fn.points]
            vs = [v for _, v in fn.points]
            problems: list[tuple[tuple[str | int, ...], str, object]] = []
            if xs[0] > self.scale.min or xs[-1] < self.scale.max:
                problems.append(
                    (
                        ("value_function", "points"),
                        f"points must span the scale [{self.scale.min:g}, {self.scale.max:g}]",
                        [xs[0], xs[-1]],
                    )
                )
            steps = np.diff(vs)
            wrong = np.any(steps < 0) if self.direction == "benefit" else np.any(steps > 0)
            if wrong:
                trend = "non-decreasing" if self.direction == "benefit" else "non-increasing"
                problems.append(
                    (
                        ("value_function", "points"),
                        f"values must be {trend} for a {self.direction} criterion",
                        vs,
                    )
                )
            if problems:
                raise RuleViolations(problems)
        return self

    @property
    def sign(self) -> int:
        """+1 for a benefit criterion, -1 for a cost criterion."""
        return 1 if self.direction == "benefit" else -1

    @property
    def label(self) -> str:
        """The short name if there is one, else the name."""
        return self.short_name or self.name

    def value(self, x: ArrayLike) -> NDArray[np.float64]:
        """Map scores (any array shape) to values in [0, 1], 1 best."""
        lo, hi = self.scale.min, self.scale.max
        fn = self.value_function
        if isinstance(fn, ExponentialValue):
            return vf.exponential(x, lo, hi, fn.rho, direction=self.sign)
        if isinstance(fn, PiecewiseLinearValue):
            return vf.piecewise_linear(x, [p[0] for p in fn.points], [p[1] for p in fn.points])
        return vf.linear(x, lo, hi, direction=self.sign)
