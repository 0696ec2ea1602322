"""Flip analysis of a case: what would have to change for another option to
come first, in sentences."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from policyopts.methods import SCALE_NORMALIZATION
from policyopts.model import Case
from policyopts.results import Provenance, Result
from policyopts.sensitivity.flips._array import (
    _ZERO,
    FloatArray,
    _flip,
    _value_flips,
    score_for_value,
)
from policyopts.sensitivity.oneway._setup import case_problem, lower_first, wfmt

# ======================================================================================
# Case level
# ======================================================================================


@dataclass(frozen=True, eq=False)
class FlipAnalysis(Result):
    """What it takes to put each challenger of a case's top option first (WSM).

    Attributes
    ----------
    top : str
        The option ranked first under the profile (as :func:`policyopts.compare`).
    scores, weights : pandas.Series
        The WSM scores by option and the profile's weights by criterion.
    weight_flips : pandas.DataFrame
        Indexed by challenger id (current rank order): ``"rank"``, ``"gap"``
        (score behind the top option), ``"feasible"``, ``"l1"`` (smallest total
        absolute weight change; ``inf`` if infeasible), ``"moved"`` (``l1 / 2``:
        the weight that shifts between criteria), ``"linf"`` (smallest largest
        change of any one weight), ``"gains"``/``"gain"`` and
        ``"loses"``/``"loss"`` (the criterion gaining / losing most weight in the
        :math:`L_1` solution, and how much; None and 0 when none),
        ``"dominated_by"`` (option beating the challenger on every criterion, or
        None).
    new_weights_l1, new_weights_linf : pandas.DataFrame
        The new weight vectors (feasible challengers by criterion ids).
    score_flips : pandas.DataFrame
        For each challenger, up to ``n_score_flips`` smallest single-score changes
        that put it first (ties count), smallest relative change first:
        ``"challenger"``, ``"option"`` (whose score changes: the challenger or the
        option ahead of it), ``"criterion"``, ``"score_from"``, ``"score_to"``,
        ``"change"`` (score units), ``"relative"`` (fraction of the scale),
        ``"value_from"``, ``"value_to"``.
    profile, scenario, case_id, version
        What produced the result (method ``wsm``, normalization ``scale``).
    """

    top: str
    scores: pd.Series
    weights: pd.Series
    weight_flips: pd.DataFrame
    new_weights_l1: pd.DataFrame
    new_weights_linf: pd.DataFrame
    score_flips: pd.DataFrame
    provenance: Provenance
    n_score_flips: int
    option_names: Mapping[str, str] = field(repr=False)
    option_labels: Mapping[str, str] = field(repr=False)
    criterion_names: Mapping[str, str] = field(repr=False)
    criterion_labels: Mapping[str, str] = field(repr=False)
    scales: Mapping[str, tuple[float, float, str]] = field(repr=False, default_factory=dict)

    def _weight_records(self) -> dict[str, dict[str, Any]]:
        rec = self.weight_flips.to_dict(orient="index")
        return {str(k): {str(c): x for c, x in v.items()} for k, v in rec.items()}

    def _best_score_flip(self, challenger: str) -> dict[str, Any] | None:
        rows = self.score_flips[self.score_flips["challenger"] == challenger]
        if not len(rows):
            return None
        first = rows.iloc[0].to_dict()
        return {str(k): v for k, v in first.items()}

    def sentences(self, *, short: bool = False) -> list[str]:
        """Plain sentences: for each challenger, the weight shift and the score change."""
        on = self.option_labels if short else self.option_names
        cn = self.criterion_labels if short else self.criterion_names
        top = on[self.top]
        out = []
        for cid, row in self._weight_records().items():
            ch = on[cid]
            if not row["feasible"]:
                why = (
                    f"{on[str(row['dominated_by'])]} beats it on every criterion"
                    if row["dominated_by"] is not None
                    else "under every weighting some option scores higher"
                )
                out.append(f"{ch} cannot overtake {top} under any weights: {why}.")
            elif float(row["moved"]) <= _ZERO:
                out.append(f"{ch} already ties with {top} for first place.")
            else:
                delta = self.new_weights_l1.loc[cid].to_numpy(dtype=np.float64)
                delta = delta - self.weights.to_numpy(dtype=np.float64)
                change = pd.Series(delta, index=[str(c) for c in self.weights.index])
                gains = change[delta > _ZERO].sort_values(ascending=False)
                losses = change[delta < -_ZERO].sort_values()
                moved = wfmt(float(row["moved"]))
                if len(gains) == 1 and len(losses) == 1:
                    how = (
                        f"{lower_first(cn[str(gains.index[0])])} gains {moved} of weight from "
                        f"{lower_first(cn[str(losses.index[0])])}"
                    )
                else:

                    def listing(s: pd.Series) -> str:
                        items = [
                            f"{lower_first(cn[str(k)])} ({float(v):+.2f})" for k, v in s.items()
                        ]
                        return (
                            ", ".join(items[:-1]) + " and " + items[-1]
                            if len(items) > 1
                            else items[0]
                        )

                    how = f"{moved} of weight shifts to {listing(gains)} from {listing(losses)}"
                linf = wfmt(float(row["linf"]))
                out.append(
                    f"{ch} overtakes {top} if {how}; spread over all criteria, no weight "
                    f"needs to move by more than {linf}."
                )
            best = self._best_score_flip(cid)
            if best is None:
                out.append(
                    f"Putting {ch} first by changing a single score is not possible within "
                    "the scales."
                )
                continue
            crit = str(best["criterion"])
            lo, hi, unit = self.scales[crit]
            also = "also " if row["feasible"] and float(row["moved"]) > _ZERO else ""
            whose = "its" if best["option"] == cid else f"{on[str(best['option'])]}'s"
            verb = "rises" if float(best["change"]) > 0 else "falls"
            out.append(
                f"{ch} {also}comes first if {whose} {lower_first(cn[crit])} score {verb} from "
                f"{_sfmt(float(best['score_from']))} to {_sfmt(float(best['score_to']))} "
                f"(scale {_sfmt(lo)}-{_sfmt(hi)} {unit})."
            )
        return out

    def summary(self, *, short: bool = False) -> str:
        """A line on the top option, then :meth:`sentences`."""
        on = self.option_labels if short else self.option_names
        lead = f"{on[self.top]} ranks first ({self.provenance.describe()})."
        return "\n".join([lead, *self.sentences(short=short)])

    def caption(self) -> str:
        """How the table was produced."""
        return (
            f"Smallest changes that put each option ahead of {self.option_labels[self.top]} "
            f"({self.provenance.describe()})"
        )

    def _rows(
        self, *, names: bool, limit: int | None, **options: Any
    ) -> tuple[list[str], list[list[object]]]:
        header = (
            [
                "Challenger",
                "Rank",
                "Gap",
                "Weight to shift",
                "Largest weight change",
                "Gains most",
                "Loses most",
                "Smallest score change",
            ]
            if names
            else ["challenger", "rank", "gap", "moved", "linf", "gains", "loses", "score_change"]
        )
        ol = self.option_labels if names else {k: k for k in self.option_labels}
        cl = self.criterion_labels if names else {k: k for k in self.criterion_labels}
        rows: list[list[object]] = []
        for cid, row in self._weight_records().items():
            best = self._best_score_flip(cid)
            if best is None:
                score = "-"
            else:
                who = "" if best["option"] == cid else f"{ol[str(best['option'])]} "
                score = (
                    f"{who}{cl[str(best['criterion'])]} {_sfmt(float(best['score_from']))}"
                    f" -> {_sfmt(float(best['score_to']))}"
                )
            feasible = bool(row["feasible"])
            rows.append(
                [
                    ol[cid],
                    int(row["rank"]),
                    float(row["gap"]),
                    float(row["moved"]) if feasible else "never",
                    float(row["linf"]) if feasible else "never",
                    cl[str(row["gains"])] if row["gains"] is not None else "-",
                    cl[str(row["loses"])] if row["loses"] is not None else "-",
                    score,
                ]
            )
        return header, rows

    def to_frame(self) -> pd.DataFrame:
        """The result's main table."""
        return self.weight_flips


def _sfmt(x: float) -> str:
    """A score for a sentence: three significant figures."""
    return f"{x:.3g}"


def flip_analysis(
    case: Case,
    profile: str | None = None,
    *,
    scenario: str | None = None,
    n_score_flips: int = 3,
) -> FlipAnalysis:
    """What it takes to put each other option ahead of the top option of ``case``.

    Uses the additive model of :func:`policyopts.compare` (WSM over the criteria's
    value functions, normalization ``"scale"``): for every challenger, the
    smallest weight changes in :math:`L_1` and :math:`L_\\infty` norm (exact linear
    programs) and the smallest single-score changes within the criteria's scales
    (closed form, mapped back through the value functions).

    Parameters
    ----------
    case : Case
    profile : str, optional
        Weight profile; the case's default when omitted.
    scenario : str, optional
        Apply a scenario first.
    n_score_flips : int, default 3
        How many single-score changes to keep per challenger.

    Returns
    -------
    FlipAnalysis

    Examples
    --------
    >>> import policyopts as po
    >>> fa = flip_analysis(po.load_case("mali"), "balanced")
    >>> fa.top, len(fa.weight_flips)
    ('humanitarian', 5)
    """
    if isinstance(n_score_flips, bool) or not isinstance(n_score_flips, int) or n_score_flips < 0:
        raise ValueError(f"n_score_flips: expected an int >= 0, got {n_score_flips!r}")
    cp = case_problem(case, profile, "wsm", scenario, {})
    values = cp.problem.matrix
    w = cp.problem.weights
    opts = cp.option_ids
    crit_ids = cp.criterion_ids
    criteria = cp.arrays.criteria
    raw = cp.arrays.matrix
    top = cp.top
    scores = cp.nominal_scores
    order = [i for i in np.lexsort((np.arange(len(opts)), cp.nominal_ranks)) if i != top]
    ends = np.array([c.value(np.array([c.scale.min, c.scale.max])) for c in criteria])
    vlow, vhigh = ends.min(axis=1), ends.max(axis=1)
    assessed = {c.id for c in case.criteria}

    rows: list[dict[str, Any]] = []
    new_l1: dict[str, FloatArray] = {}
    new_linf: dict[str, FloatArray] = {}
    score_rows: list[dict[str, Any]] = []
    for i in order:
        cid = opts[int(i)]
        f1 = _flip(values, w, int(i), "l1")
        fi = _flip(values, w, int(i), "linf")
        gains = loses = None
        gain = loss = 0.0
        if f1.feasible and f1.change is not None:
            new_l1[cid] = np.asarray(f1.weights)
            new_linf[cid] = np.asarray(fi.weights)
            ch = f1.change
            if ch.max() > _ZERO:
                gains, gain = crit_ids[int(np.argmax(ch))], float(ch.max())
            if ch.min() < -_ZERO:
                loses, loss = crit_ids[int(np.argmin(ch))], float(ch.min())
        rows.append(
            {
                "challenger": cid,
                "rank": int(cp.nominal_ranks[i]),
                "gap": float(scores[top] - scores[i]),
                "feasible": f1.feasible,
                "l1": f1.distance,
                "moved": f1.distance / 2,
                "linf": fi.distance,
                "gains": gains,
                "gain": gain,
                "loses": loses,
                "loss": loss,
                "dominated_by": None if f1.dominated_by is None else opts[f1.dominated_by],
            }
        )
        vf = _value_flips(values, w, int(i), vlow, vhigh)
        found: list[dict[str, Any]] = []
        for r, j in zip(*np.nonzero(vf.possible), strict=True):
            crit = criteria[int(j)]
            if crit.id not in assessed:
                continue
            x0 = float(raw[r, j])
            v0 = float(values[r, j])
            v1 = v0 + float(vf.change[r, j])
            x1 = score_for_value(crit, v1, x0)
            if x1 is None:
                continue
            span = crit.scale.max - crit.scale.min
            found.append(
                {
                    "challenger": cid,
                    "option": opts[int(r)],
                    "criterion": crit.id,
                    "score_from": x0,
                    "score_to": x1,
                    "change": x1 - x0,
                    "relative": abs(x1 - x0) / span,
                    "value_from": v0,
                    "value_to": v1,
                }
            )
        found.sort(key=lambda d: (d["relative"], crit_ids.index(d["criterion"])))
        score_rows.extend(found[:n_score_flips])

    weight_flips = pd.DataFrame(rows).set_index("challenger")
    cols = pd.Index(crit_ids, name="criterion")

    def frame(d: dict[str, FloatArray]) -> pd.DataFrame:
        out = pd.DataFrame(
            np.array(list(d.values())).reshape(len(d), len(crit_ids)),
            index=pd.Index(list(d), name="challenger"),
            columns=cols.copy(),
        )
        return out

    score_cols = [
        "challenger",
        "option",
        "criterion",
        "score_from",
        "score_to",
        "change",
        "relative",
        "value_from",
        "value_to",
    ]
    return FlipAnalysis(
        top=opts[top],
        scores=pd.Series(scores, index=pd.Index(opts, name="option"), name="score"),
        weights=pd.Series(w, index=cols.copy(), name="weight"),
        weight_flips=weight_flips,
        new_weights_l1=frame(new_l1),
        new_weights_linf=frame(new_linf),
        score_flips=pd.DataFrame(score_rows, columns=score_cols),
        provenance=Provenance.of(
            case,
            profile=cp.profile,
            scenario=cp.scenario,
            method="wsm",
            normalization=SCALE_NORMALIZATION,
        ),
        n_score_flips=n_score_flips,
        option_names=dict(cp.option_names),
        option_labels=dict(cp.option_labels),
        criterion_names=dict(cp.criterion_names),
        criterion_labels=dict(cp.criterion_labels),
        scales={c.id: (c.scale.min, c.scale.max, c.scale.unit) for c in criteria},
    )
