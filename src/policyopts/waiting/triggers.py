r"""Triggers: the scenario probabilities and weights at which the top option changes.

The decision basis is the expected score over the scenarios,
:math:`E_a = \sum_s p_s x_{as}` with :math:`x_{as} = \sum_j w_j v_{asj}`
(``wsm`` on the criteria's value scales; the baseline scores when the case
has no scenarios).  It is linear both in a scenario probability moved along
the one-way path (:math:`p_s = t`, the others keeping their proportions and
summing to :math:`1 - t`) and in a weight moved the same way, because

.. math::

    E_a(t) = (1 - t)\, E_a(0) + t\, E_a(1)

in both cases: for a probability the payoff table :math:`x` plays the part of
a decision matrix weighted by :math:`p`; for a weight the expected values
:math:`\bar v_{aj} = \sum_s p_s v_{asj}` do.  The thresholds are therefore
exact: they are the crossings that
:func:`policyopts.sensitivity.oneway.one_way` solves in closed form, kept
where the top option changes.  Each threshold becomes a sentence ("if the
probability of strangulation rises above 0.46, Contain overtakes Aid"): the
indicators to watch, with the values that matter.

References
----------
Walker, W. E., Rahman, S. A., & Cave, J. (2001). Adaptive policies, policy
analysis, and policy-making. European Journal of Operational Research,
128(2), 282-289 (signposts and triggers).
Triantaphyllou, E., & Sánchez, A. (1997). A sensitivity analysis approach for
some deterministic multi-criteria decision-making methods. Decision Sciences,
28(1), 151-194.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from policyopts._tables import fmt
from policyopts.methods import SCALE_NORMALIZATION
from policyopts.model import Case
from policyopts.model.require import require_case
from policyopts.results import Provenance, Result
from policyopts.scenarios import scenario_table
from policyopts.sensitivity.oneway import OneWay, one_way
from policyopts.sensitivity.oneway._setup import case_problem, lower_first

__all__ = ["Triggers", "decision_basis", "triggers"]

FloatArray = NDArray[np.float64]


def decision_basis(case: Case, profile: str | None = None) -> tuple[FloatArray, FloatArray]:
    r"""The values the triggers move: :math:`\bar v` (m, n) and the weights (n,).

    :math:`\bar v_{aj} = \sum_s p_s v_{asj}`, the expected value of each option
    on each criterion over the scenarios (the baseline values without
    scenarios), so that the expected score is :math:`\bar v w`.
    """
    if not case.scenarios:
        cp = case_problem(case, profile, "wsm", None, {})
        return cp.problem.matrix, cp.problem.weights
    total = None
    w = None
    for s in case.scenarios:
        cp = case_problem(case, profile, "wsm", s.id, {})
        part = s.probability * cp.problem.matrix
        total = part if total is None else total + part
        w = cp.problem.weights
    assert total is not None and w is not None
    return total, w


def _pair(threshold: float, current: float) -> tuple[str, str]:
    """Threshold and current value with enough decimals (2 to 4) to tell them apart."""
    for digits in (2, 3, 4):
        a, b = fmt(threshold, digits), fmt(current, digits)
        if a != b:
            return a, b
    return fmt(threshold, 4), fmt(current, 4)


def _tops(ow: OneWay) -> list[int]:
    """The top option of every segment of a one-way analysis (first in order on a tie)."""
    return [int(np.flatnonzero(r == 1)[0]) for r in ow.segment_ranks]


@dataclass(frozen=True, eq=False)
class Triggers(Result):
    """Where the top option changes as one probability or one weight moves.

    Attributes
    ----------
    table : DataFrame
        One row per threshold: ``kind`` ("scenario" or "weight"), ``target``
        (scenario or criterion id), ``current``, ``threshold``, ``direction``
        ("above": the change happens as the value rises past the threshold,
        "below": as it falls past it), ``leader`` (top option on the current
        side), ``challenger`` (top option beyond), ``first`` (the first change
        met moving from the current value: the trigger to watch), ``distance``
        and ``sentence``.
    top : str
        The id of the top option at the current values.
    provenance : Provenance
        Case, profile and method (expected ``wsm`` score over the scenarios).
    option_names : mapping
        Display name by option id.
    """

    table: pd.DataFrame
    top: str
    provenance: Provenance
    option_names: Mapping[str, str] = field(repr=False)

    def sentences(self, *, first_only: bool = True) -> list[str]:
        """One sentence per trigger, nearest first (only the first on each side by default)."""
        t = self.table[self.table["first"]] if first_only else self.table
        return [str(x) for x in t.sort_values("distance", kind="stable")["sentence"]]

    def summary(self) -> str:
        """The nearest triggers in plain words."""
        label = self.option_names[self.top]
        found = self.sentences()
        if not found:
            return (
                f"{label} stays first whatever single scenario probability or weight changes "
                "(the others keeping their proportions)."
            )
        head = f"{label} comes first now. The nearest triggers: "
        return head + "; ".join(found[:5]) + "."

    def caption(self) -> str:
        """How the table was produced."""
        return (
            f"Triggers: thresholds where the top option changes (method wsm, profile "
            f"{self.profile}, expected score over the scenarios, case {self.case_id}, "
            f"policyopts {self.version})"
        )

    def _rows(
        self, *, names: bool, limit: int | None, **options: Any
    ) -> tuple[list[str], list[list[object]]]:
        header = ["Trigger" if names else "target", "Now", "Threshold", "Then first"]
        rows: list[list[object]] = []
        for _, r in self.table[self.table["first"]].sort_values("distance").iterrows():
            name = str(r["name"])
            what = f"{name[:1].upper()}{name[1:]} {'↑' if r['direction'] == 'above' else '↓'}"
            rows.append(
                [
                    what if names else r["target"],
                    float(r["current"]),
                    float(r["threshold"]),
                    self.option_names[str(r["challenger"])] if names else r["challenger"],
                ]
            )
        return header, rows[:limit]

    def to_frame(self) -> pd.DataFrame:
        """One row per threshold (``table``)."""
        return self.table


def _rows_from(
    ow: OneWay,
    kind: str,
    target: str,
    what: str,
    options: list[str],
    labels: Mapping[str, str],
) -> list[dict[str, object]]:
    tops = _tops(ow)
    cur = ow.current
    out: list[dict[str, object]] = []
    for k, b in enumerate(ow.breakpoints):
        lo, hi = tops[k], tops[k + 1]
        if lo == hi:
            continue
        above = b > cur
        leader, challenger = (options[lo], options[hi]) if above else (options[hi], options[lo])
        verb = "rises above" if above else "falls below"
        shown, now = _pair(float(b), cur)
        out.append(
            {
                "kind": kind,
                "target": target,
                "name": what,
                "current": cur,
                "threshold": float(b),
                "direction": "above" if above else "below",
                "leader": leader,
                "challenger": challenger,
                "distance": abs(float(b) - cur),
                "sentence": (
                    f"if {what} {verb} {shown} (now {now}), "
                    f"{labels[challenger]} overtakes {labels[leader]}"
                ),
            }
        )
    for direction in ("above", "below"):
        side = [r for r in out if r["direction"] == direction]
        if side:
            nearest = min(side, key=lambda r: float(str(r["distance"])))
            for r in side:
                r["first"] = r is nearest
    return out


def triggers(case: Case, profile: str | None = None) -> Triggers:
    r"""Thresholds of each scenario probability and each weight at which the top option changes.

    One-way, exact for the additive model (see :mod:`policyopts.waiting.triggers`):
    the expected score is linear in a probability or a weight moved with the
    others keeping their proportions, so the crossings of
    :func:`policyopts.sensitivity.oneway.one_way` are exact and every change
    of the top option in [0, 1] is found.

    Parameters
    ----------
    case : Case
    profile : str, optional
        Weight profile; the case's default when omitted.

    Returns
    -------
    Triggers
        ``.table`` (every threshold), ``.sentences()``, ``.summary()``.

    Examples
    --------
    >>> import policyopts as po
    >>> t = po.triggers(po.load_case("mali"))
    >>> t.top
    'humanitarian'
    >>> bool((t.table["threshold"].between(0, 1)).all())
    True
    """
    require_case(case)
    prof = case.profile(profile)
    options = case.option_ids
    labels = {o.id: o.label for o in case.options}
    rows: list[dict[str, object]] = []
    if len(case.scenarios) >= 2:
        scen = [s.id for s in case.scenarios]
        pay = scenario_table(case, prof.id)[scen].to_numpy(dtype=np.float64)
        prior = np.array([s.probability for s in case.scenarios])
        ones = np.ones(len(scen))
        for j, s in enumerate(case.scenarios):
            ow = one_way(pay, prior, ones, j, grid=2, normalization=None)
            rows += _rows_from(
                ow, "scenario", s.id, f"the probability of {lower_first(s.name)}", options, labels
            )
    values, w = decision_basis(case, prof.id)
    ones = np.ones(values.shape[1])
    for j, c in enumerate(case.all_criteria):
        ow = one_way(values, w, ones, j, grid=2, normalization=None)
        rows += _rows_from(
            ow, "weight", c.id, f"the weight on {lower_first(c.name)}", options, labels
        )
    cols = [
        "kind",
        "target",
        "name",
        "current",
        "threshold",
        "direction",
        "leader",
        "challenger",
        "first",
        "distance",
        "sentence",
    ]
    table = pd.DataFrame(rows, columns=cols)
    table["first"] = table["first"].astype(bool)
    expected = values @ w
    top = options[int(np.flatnonzero(expected >= expected.max() - 1e-12)[0])]
    return Triggers(
        table=table,
        top=top,
        provenance=Provenance.of(
            case, profile=prof.id, method="wsm", normalization=SCALE_NORMALIZATION
        ),
        option_names=labels,
    )
