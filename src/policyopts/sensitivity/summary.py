"""How robust is the top option under each stakeholder profile — in one table.

For every profile this gathers what the separate analyses say about the
option the profile puts first:

- its lead over the runner-up at the nominal inputs (:func:`policyopts.compare`);
- how often it still ranks first when the weights vary around the profile and
  the scores and risk likelihoods vary within their ranges (SMAA-2,
  :func:`policyopts.smaa_case`), and which option ranks first most often;
- the smallest change of the weight vector (L1 distance) that lets another
  option overtake it (:func:`policyopts.flip_analysis`, additive models);
- whether all MCDA methods agree on it (:func:`policyopts.triangulate`; a
  method that cannot run on the scores is left out, with its reason);
- the minimax-regret choice across the case's scenarios
  (:func:`policyopts.scenario_robustness`).

A plain verdict sums these up: **firm** when the option ranks first in at
least 75% of SMAA draws, **contested** from 40% to 75%, **fragile** below 40%.
The thresholds are conventions of this library, stated so that a reader can
apply their own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from policyopts import methods as _methods
from policyopts.compare import compare
from policyopts.model import Case
from policyopts.results import Provenance, Result

__all__ = ["FIRM", "FRAGILE", "RobustnessSummary", "robustness_summary"]

#: First-rank share in SMAA at or above which the top option is called firm.
FIRM = 0.75
#: First-rank share below which the top option is called fragile.
FRAGILE = 0.40


def _verdict(share: float) -> str:
    if share >= FIRM:
        return "firm"
    if share >= FRAGILE:
        return "contested"
    return "fragile"


@dataclass(frozen=True, eq=False)
class RobustnessSummary(Result):
    """The robustness of each profile's top option, one row per profile.

    Attributes
    ----------
    table : pandas.DataFrame
        Indexed by profile id, with columns ``top`` (the nominal top option),
        ``margin`` (its lead over the runner-up), ``runner_up``,
        ``smaa_first`` (share of SMAA draws where it ranks first),
        ``smaa_leader`` and ``smaa_leader_share`` (the option most often first),
        ``flip_l1`` (smallest L1 change of weights that dethrones it; NaN-free:
        ``inf`` when no challenger can overtake), ``flip_challenger``,
        ``methods_agree``, ``minimax_regret`` (choice across scenarios, or
        ``None`` without scenarios) and ``verdict``.
    skipped : mapping of str to str
        Methods left out of the methods-agree check because they cannot run on
        the case's scores, each with the plain reason.
    """

    table: pd.DataFrame
    provenance: Provenance
    option_names: Mapping[str, str] = field(repr=False)
    profile_names: Mapping[str, str] = field(repr=False)
    skipped: Mapping[str, str] = field(default_factory=dict)

    def sentences(self) -> list[str]:
        """One plain sentence per profile."""
        out = []
        for pid, row in self.table.iterrows():
            name = self.option_names[str(row["top"])]
            text = (
                f"{self.profile_names[str(pid)]}: {name} comes first, "
                f"{row['verdict']} — first in {100 * float(row['smaa_first']):.0f}% of SMAA draws"
            )
            if str(row["smaa_leader"]) != str(row["top"]):
                leader = self.option_names[str(row["smaa_leader"])]
                text += f" (where {leader} is first more often, "
                text += f"{100 * float(row['smaa_leader_share']):.0f}%)"
            if np.isfinite(float(row["flip_l1"])):
                text += (
                    f"; a weight shift of {float(row['flip_l1']):.3f} (L1) lets "
                    f"{self.option_names[str(row['flip_challenger'])]} overtake"
                )
            text += "; the methods agree" if row["methods_agree"] else "; the methods disagree"
            if row["minimax_regret"] is not None:
                mr = self.option_names.get(str(row["minimax_regret"]), str(row["minimax_regret"]))
                text += f"; across scenarios the minimax-regret choice is {mr}"
            out.append(text + ".")
        out.extend(
            f"{_methods.spec(m).abbreviation} is left out of the methods check: {why}."
            for m, why in self.skipped.items()
        )
        return out

    def _rows(
        self, *, names: bool, limit: int | None, **options: Any
    ) -> tuple[list[str], list[list[object]]]:
        header = [
            "Profile",
            "Top option",
            "Lead",
            "First in SMAA",
            "Most often first",
            "Weight shift to flip (L1)",
            "Methods agree",
            "Minimax regret",
            "Verdict",
        ]
        rows: list[list[object]] = []
        for pid, row in self.table.iterrows():
            flip = float(row["flip_l1"])
            rows.append(
                [
                    self.profile_names[str(pid)],
                    self.option_names[str(row["top"])],
                    float(row["margin"]),
                    f"{100 * float(row['smaa_first']):.0f}%",
                    f"{self.option_names[str(row['smaa_leader'])]} "
                    f"({100 * float(row['smaa_leader_share']):.0f}%)",
                    f"{flip:.3f}" if np.isfinite(flip) else "none",
                    "yes" if row["methods_agree"] else "no",
                    "—"
                    if row["minimax_regret"] is None
                    else self.option_names.get(
                        str(row["minimax_regret"]), str(row["minimax_regret"])
                    ),
                    str(row["verdict"]),
                ]
            )
        return header, rows

    def caption(self) -> str:
        """How the summary was produced."""
        return (
            f"Robustness of the top option under each profile (method {self.method}; SMAA-2 "
            f"with weights centred on each profile and uncertain scores, {self.n_samples:,} "
            f"draws, seed {self.seed}; firm ≥ {FIRM:.0%} first, fragile < {FRAGILE:.0%}; "
            f"case {self.case_id}, policyopts {self.version})"
            + "".join(
                f". {_methods.spec(m).abbreviation} skipped in the methods check: {why}"
                for m, why in self.skipped.items()
            )
        )

    def to_frame(self) -> pd.DataFrame:
        """The result's main table."""
        return self.table


def robustness_summary(
    case: Case,
    *,
    profiles: Sequence[str] | None = None,
    method: str = "wsm",
    n_samples: int = 20_000,
    seed: int = 0,
    concentration: float = 100.0,
) -> RobustnessSummary:
    """Summarise how robust each profile's top option is.

    Parameters
    ----------
    case : Case
    profiles : sequence of str, optional
        Profiles to summarise (all by default).
    method : str
        MCDA method. The weight-flip distance is computed for additive
        models (``"wsm"``) only; for other methods ``flip_l1`` is ``inf`` and
        ``flip_challenger`` ``None``.
    n_samples, seed : int
        SMAA draws and seed (each profile uses the same seed).
    concentration : float
        Concentration of the Dirichlet weight distribution centred on each
        profile (higher: weights stay closer to the profile).

    Examples
    --------
    >>> import policyopts as po
    >>> rs = po.robustness_summary(po.load_case("mali"), n_samples=2_000)
    >>> sorted(set(rs.table["verdict"])) <= ["contested", "firm", "fragile"]
    True
    """
    from policyopts.inputs import uncertain_inputs
    from policyopts.scenarios import scenario_robustness
    from policyopts.sensitivity.flips import flip_analysis
    from policyopts.sensitivity.smaa import smaa_case
    from policyopts.triangulation import triangulate

    ids = list(profiles) if profiles is not None else [p.id for p in case.profiles]
    if not ids:
        raise ValueError("profiles: the case has no weight profiles to summarise")
    records = []
    inputs = uncertain_inputs(case)  # the same for every profile: built once
    skipped: dict[str, str] = {}
    for pid in ids:
        cmp = compare(case, pid, method)
        top, second = cmp.ranking[0], cmp.ranking[1]
        margin = abs(float(cmp.scores[top]) - float(cmp.scores[second]))
        sm = smaa_case(
            case,
            pid,
            method=method,
            n_samples=n_samples,
            seed=seed,
            weights="profile",
            concentration=concentration,
            inputs=inputs,
        )
        first = sm.first_rank
        leader = str(first.idxmax())
        flip_l1, challenger = float("inf"), None
        if _methods.spec(method).case_scale:  # flips are computed on the value scales
            flips = flip_analysis(case, pid).weight_flips
            feasible = flips[flips["feasible"]]
            if len(feasible):
                challenger = str(feasible["l1"].idxmin())
                flip_l1 = float(feasible["l1"].min())
        tri = triangulate(case, pid)
        agree = tri.agree_on_top
        skipped.update(tri.skipped)
        regret = (
            scenario_robustness(case, pid, method=method).choices.get("max_regret")
            if case.scenarios
            else None
        )
        records.append(
            {
                "profile": pid,
                "top": top,
                "margin": margin,
                "runner_up": second,
                "smaa_first": float(first[top]),
                "smaa_leader": leader,
                "smaa_leader_share": float(first[leader]),
                "flip_l1": flip_l1,
                "flip_challenger": challenger,
                "methods_agree": bool(agree),
                "minimax_regret": regret,
                "verdict": _verdict(float(first[top])),
            }
        )
    table = pd.DataFrame.from_records(records, index="profile")
    return RobustnessSummary(
        table=table,
        provenance=Provenance.of(case, method=method, seed=seed, n_samples=n_samples),
        option_names={o.id: o.label for o in case.options},
        profile_names={p: case.profile(p).name for p in ids},
        skipped=skipped,
    )
