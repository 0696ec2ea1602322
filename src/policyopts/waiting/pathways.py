r"""Adaptive pathways: start with the best option now, and say when to switch to what.

A plan in the manner of dynamic adaptive policy pathways (Haasnoot et al.
2013) and assumption-based planning (Dewar et al. 1993; Walker et al. 2001),
built from the case's signposts and triggers:

* start with the option of the highest expected score over the scenarios;
* for each signpost (soonest first), if seeing it -- or not seeing it by its
  lead time -- moves the scenario probabilities (Bayes' rule,
  :func:`policyopts.update_scenarios`) far enough that another option has the
  highest expected score, that is a *switch*: at the signpost's lead time, to
  that option;
* the nearest probability triggers of :func:`policyopts.triggers` are the
  standing conditions to monitor: crossing one switches to its challenger
  whatever signpost brought it about.

Each switch says which scenario's probability moved most and whether it
crossed its trigger, so the map and the sentences agree with the triggers.

References
----------
Haasnoot, M., Kwakkel, J. H., Walker, W. E., & ter Maat, J. (2013). Dynamic
adaptive policy pathways: A method for crafting robust decisions for a deeply
uncertain world. Global Environmental Change, 23(2), 485-498.
Dewar, J. A., Builder, C. H., Hix, W. M., & Levin, M. H. (1993).
Assumption-Based Planning. RAND, MR-114-A.
Walker, W. E., Rahman, S. A., & Cave, J. (2001). Adaptive policies, policy
analysis, and policy-making. European Journal of Operational Research,
128(2), 282-289.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from policyopts._tables import fmt
from policyopts.exceptions import CaseError
from policyopts.methods import SCALE_NORMALIZATION
from policyopts.model import Case
from policyopts.model.require import require_case
from policyopts.results import Provenance, Result
from policyopts.scenarios import scenario_table
from policyopts.sensitivity.oneway._setup import lower_first
from policyopts.waiting.bayes import signpost, update_scenarios
from policyopts.waiting.triggers import Triggers, triggers

__all__ = ["Pathways", "pathways"]

_COLUMNS = [
    "kind",
    "signpost",
    "seen",
    "at",
    "from_option",
    "to_option",
    "scenario",
    "prior",
    "posterior",
    "trigger",
    "crosses",
    "sentence",
]


@dataclass(frozen=True, eq=False)
class Pathways(Result):
    """An adaptive plan: a start option and the switches that may follow.

    Attributes
    ----------
    start : str
        The option to start with (highest expected score now).
    switches : DataFrame
        One row per switch: ``kind`` ("signpost" or "trigger"), ``signpost``
        and ``seen`` (for a signpost switch: seen, or not seen by its lead
        time), ``at`` (months; NaN for a trigger or a signpost without lead
        time), ``from_option``, ``to_option``, ``scenario`` (whose
        probability moves most, or the trigger's), ``prior``, ``posterior``
        (its probability before and after), ``trigger`` (the threshold on it,
        NaN when none), ``crosses`` (the move crosses it) and ``sentence``.
    stays : list of str
        Signposts watched that would not change the start option either way.
    triggers : Triggers
        The triggers the plan was built with.
    horizon : float
        Months the map spans (the longest lead time, at least 1).
    provenance : Provenance
        Case, profile and method (expected ``wsm`` score over the scenarios).
    option_names, signpost_names, scenario_names : mapping
        Display names by id.
    """

    start: str
    switches: pd.DataFrame
    stays: list[str]
    triggers: Triggers = field(repr=False)
    horizon: float
    provenance: Provenance
    option_names: Mapping[str, str] = field(repr=False)
    signpost_names: Mapping[str, str] = field(repr=False)
    scenario_names: Mapping[str, str] = field(repr=False)

    def sentences(self) -> list[str]:
        """The plan, one sentence per step."""
        out = [f"Start with {self.option_names[self.start]}."]
        out += [str(s) for s in self.switches["sentence"]]
        if self.stays:
            names = ", ".join(lower_first(self.signpost_names[s]) for s in self.stays)
            out.append(f"Whatever {names} show{'s' if len(self.stays) == 1 else ''}, stay.")
        return out

    def summary(self) -> str:
        """The plan in plain words."""
        return " ".join(self.sentences())

    def caption(self) -> str:
        """How the table was produced."""
        return (
            f"Adaptive pathways (profile {self.profile}, expected wsm score over the "
            f"scenarios, case {self.case_id}, policyopts {self.version})"
        )

    def _rows(
        self, *, names: bool, limit: int | None, **options: Any
    ) -> tuple[list[str], list[list[object]]]:
        header = ["When" if names else "signpost", "At (months)", "Switch to", "Because"]
        rows: list[list[object]] = []
        for _, r in self.switches.iterrows():
            if r["kind"] == "signpost":
                what = self.signpost_names[str(r["signpost"])] if names else str(r["signpost"])
                what += " (seen)" if r["seen"] else " (not seen)"
            else:
                what = (
                    f"P({self.scenario_names[str(r['scenario'])]}) crosses {fmt(r['trigger'], 2)}"
                )
            because = (
                f"P({self.scenario_names[str(r['scenario'])]}) "
                f"{fmt(float(r['prior']), 2)} → {fmt(float(r['posterior']), 2)}"
            )
            at = None if not np.isfinite(float(r["at"])) else float(r["at"])
            to = self.option_names[str(r["to_option"])] if names else r["to_option"]
            rows.append([what, at, to, because])
        return header, rows[:limit]

    def to_frame(self) -> pd.DataFrame:
        """One row per switch (``switches``)."""
        return self.switches


def pathways(
    case: Case, profile: str | None = None, *, signposts: Sequence[str] | None = None
) -> Pathways:
    """An adaptive plan from the case's signposts and triggers (see the module docstring).

    Parameters
    ----------
    case : Case
        With at least two scenarios.
    profile : str, optional
        Weight profile; the case's default when omitted.
    signposts : sequence of str, optional
        Signposts to plan with; all of the case's by default (none is fine:
        the plan then rests on the triggers alone).

    Returns
    -------
    Pathways
        ``.start``, ``.switches``, ``.sentences()``; draw it with
        :func:`policyopts.plots.pathways_map`.

    Raises
    ------
    CaseError
        A case with fewer than two scenarios, an unknown signpost.

    Examples
    --------
    >>> import policyopts as po
    >>> from policyopts.waiting.examples import with_signposts
    >>> plan = po.pathways(with_signposts(po.load_case("mali")))
    >>> plan.start
    'humanitarian'
    >>> plan.sentences()[0]
    'Start with Aid.'
    """
    require_case(case)
    if len(case.scenarios) < 2:
        raise CaseError("adaptive pathways need at least two scenarios", path="scenarios")
    if isinstance(signposts, str):
        raise ValueError(f"signposts: expected a list of signpost ids, got {signposts!r}")
    prof = case.profile(profile)
    ids = [sp.id for sp in case.signposts] if signposts is None else list(signposts)
    sps = [signpost(case, i) for i in ids]
    scen = [s.id for s in case.scenarios]
    labels = {o.id: o.label for o in case.options}
    snames = {s.id: s.name for s in case.scenarios}
    pay = scenario_table(case, prof.id)[scen].to_numpy(dtype=np.float64)
    prior = np.array([s.probability for s in case.scenarios])
    options = case.option_ids
    start = options[int(np.argmax(pay @ prior))]
    trig = triggers(case, prof.id)
    ttab = trig.table[(trig.table["kind"] == "scenario") & trig.table["first"]]

    def trigger_for(sid: str, up: bool) -> float:
        rows = ttab[(ttab["target"] == sid) & (ttab["direction"] == ("above" if up else "below"))]
        return float(rows["threshold"].iloc[0]) if len(rows) else float("nan")

    rows: list[dict[str, object]] = []
    stays: list[str] = []
    order = sorted(
        sps, key=lambda s: (s.lead_time is None, 0 if s.lead_time is None else s.lead_time.months)
    )
    for sp in order:
        lead = float("nan") if sp.lead_time is None else sp.lead_time.months
        moved = False
        for seen in (True, False):
            try:
                post = update_scenarios(case, {sp.id: seen}).posterior.to_numpy()
            except ValueError:
                continue  # this outcome cannot happen
            top = options[int(np.argmax(pay @ post))]
            if top == start:
                continue
            moved = True
            k = int(np.argmax(np.abs(post - prior)))
            up = bool(post[k] > prior[k])
            threshold = trigger_for(scen[k], up)
            crosses = bool(
                np.isfinite(threshold) and (post[k] > threshold if up else post[k] < threshold)
            )
            when = f" within {sp.lead_time}" if sp.lead_time is not None else ""
            event = f"If “{lower_first(sp.name)}” is {'' if seen else 'not '}observed{when}"
            why = (
                f"the probability of {lower_first(snames[scen[k]])} moves from "
                f"{fmt(float(prior[k]), 2)} to {fmt(float(post[k]), 2)}"
            )
            if crosses:
                why += f", past its trigger of {fmt(threshold, 2)}"
            rows.append(
                {
                    "kind": "signpost",
                    "signpost": sp.id,
                    "seen": seen,
                    "at": lead,
                    "from_option": start,
                    "to_option": top,
                    "scenario": scen[k],
                    "prior": float(prior[k]),
                    "posterior": float(post[k]),
                    "trigger": threshold,
                    "crosses": crosses,
                    "sentence": f"{event}, switch to {labels[top]}: {why}.",
                }
            )
        if not moved:
            stays.append(sp.id)
    for _, t in ttab.iterrows():
        if t["leader"] != start:
            continue
        rows.append(
            {
                "kind": "trigger",
                "signpost": None,
                "seen": None,
                "at": float("nan"),
                "from_option": start,
                "to_option": t["challenger"],
                "scenario": t["target"],
                "prior": float(t["current"]),
                "posterior": float(t["threshold"]),
                "trigger": float(t["threshold"]),
                "crosses": True,
                "sentence": str(t["sentence"])[:1].upper()
                + str(t["sentence"])[1:]
                + f": switch to {labels[str(t['challenger'])]}.",
            }
        )
    switches = pd.DataFrame(rows, columns=_COLUMNS)
    leads = [sp.lead_time.months for sp in sps if sp.lead_time is not None]
    return Pathways(
        start=start,
        switches=switches,
        stays=stays,
        triggers=trig,
        horizon=max([1.0, *leads]),
        provenance=Provenance.of(
            case, profile=prof.id, method="wsm", normalization=SCALE_NORMALIZATION
        ),
        option_names=labels,
        signpost_names={sp.id: sp.name for sp in case.signposts},
        scenario_names=snames,
    )
