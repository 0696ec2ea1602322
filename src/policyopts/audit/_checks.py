"""The checks of the coherence audit, one method per finding code."""

from __future__ import annotations

import re
from collections import Counter

import numpy as np
import pandas as pd

from policyopts._casearrays import case_arrays
from policyopts.audit._findings import (
    Finding,
    Severity,
)
from policyopts.compare import compare
from policyopts.drivers import drivers
from policyopts.model import Case
from policyopts.model._base import Loc, format_loc
from policyopts.model.assessments import SOURCED

# ---------------------------------------------------------------- helpers


def _years(date: str | None) -> float | None:
    """A partial date ``YYYY[-MM[-DD]]`` as fractional years (mid-period)."""
    if not date:
        return None
    parts = [int(p) for p in date.split("-")]
    year = float(parts[0])
    if len(parts) == 1:
        return year + 0.5
    month = parts[1]
    day = parts[2] if len(parts) > 2 else 15
    return year + (month - 1) / 12 + (day - 1) / 365.25


def _spearman(x: np.ndarray, y: np.ndarray) -> float | None:
    from scipy import stats

    if np.ptp(x) == 0 or np.ptp(y) == 0:
        return None
    rx, ry = stats.rankdata(x), stats.rankdata(y)
    return float(np.corrcoef(rx, ry)[0, 1])


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def _tokens(text: str) -> set[str]:
    return {t for t in re.split(r"[^a-z0-9]+", text.lower()) if len(t) > 3}


# ---------------------------------------------------------------- checks


class _Auditor:
    def __init__(self, case: Case, **tol: float) -> None:
        self.case = case
        self.tol = tol
        self.data = case.model_dump(mode="python")
        self.out: list[Finding] = []

    def add(
        self,
        code: str,
        severity: Severity,
        loc: Loc,
        message: str,
        **numbers: float,
    ) -> None:
        self.out.append(
            Finding(code, severity, format_loc(loc, self.data), message, dict(numbers), loc)
        )

    # likelihood_incoherent
    def likelihoods(self) -> None:
        case = self.case
        if not case.scenarios:
            return
        tol = self.tol["likelihood_tol"]
        for k, r in enumerate(case.risks):
            implied = sum(
                s.probability * s.likelihood_overrides.get(r.id, r.likelihood)
                for s in case.scenarios
            )
            if abs(implied - r.likelihood) > tol:
                self.add(
                    "likelihood_incoherent",
                    "warning",
                    ("risks", k, "likelihood"),
                    f"likelihood {r.likelihood:.3g} but the scenario probabilities and "
                    f"overrides imply {implied:.3g}",
                    stated=r.likelihood,
                    implied=float(implied),
                )
        words = {r.id: _tokens(r.name) for r in case.risks}
        for k, s in enumerate(case.scenarios):
            text = f"{s.id.replace('_', ' ')} {s.name}".lower()
            ruled_out = set(re.findall(r"\b(?:without|no|avoids?|averts?)\s+([a-z]+)", text))
            for word in sorted(ruled_out):
                for r in case.risks:
                    if word not in words[r.id]:
                        continue
                    lik = s.likelihood_overrides.get(r.id, r.likelihood)
                    if lik > 0:
                        field_: Loc = (
                            ("scenarios", k, "likelihood_overrides", r.id)
                            if r.id in s.likelihood_overrides
                            else ("scenarios", k, "name")
                        )
                        self.add(
                            "likelihood_incoherent",
                            "warning",
                            field_,
                            f"scenario {s.name!r} rules out {word!r} but gives risk {r.id} "
                            f"likelihood {lik:.3g}",
                            likelihood=float(lik),
                        )

    # scenario_inert
    def scenarios(self) -> None:
        case = self.case
        if not case.scenarios or not case.profiles:
            return
        from policyopts.scenarios import scenario_robustness

        tol = self.tol["score_tol"]
        prof = case.profile(None).id
        base = compare(case, prof, scenario="assessed").scores.to_numpy(dtype=np.float64)
        apart = np.abs(base[:, None] - base[None, :]) > tol
        for k, s in enumerate(case.scenarios):
            new = compare(case, prof, scenario=s.id).scores.to_numpy(dtype=np.float64)
            moved = float(np.max(np.abs(new - base)))
            order = np.sign(base[:, None] - base[None, :]) == np.sign(new[:, None] - new[None, :])
            if moved <= tol and bool(np.all(order | ~apart)):
                self.add(
                    "scenario_inert",
                    "warning",
                    ("scenarios", k),
                    f"under profile {prof} it moves no score by more than {moved:.3f} "
                    f"(threshold {tol:g}) and reorders no options further apart than that",
                    max_score_change=moved,
                )
        value = scenario_robustness(case, prof).evpi
        if value < self.tol["evpi_tol"]:
            self.add(
                "scenario_inert",
                "warning",
                ("scenarios",),
                f"knowing which scenario comes true is worth {value:.4f} (EVPI on the 0-1 "
                f"scale, profile {prof}): the choice hardly depends on the scenarios",
                evpi=float(value),
            )

    # risk_inert
    def risk(self) -> None:
        case = self.case
        if not case.has_risks or not case.profiles:
            return
        branch = case.risk_criterion.parent
        for k, p in enumerate(case.profiles):
            d = drivers(case, p.id, scenario="assessed")
            if branch not in d.branch_shares.index:
                continue
            share = float(d.branch_shares[branch])
            weight = float(d.branch_weights[branch])
            if weight >= self.tol["weight_floor"] and share < self.tol["share_ratio"] * weight:
                scale = case.risk_burden_scale
                burdens = compare(case, p.id, scenario="assessed").table[case.risk_criterion.id]
                self.add(
                    "risk_inert",
                    "warning",
                    ("profiles", k),
                    f"the risk branch has {100 * weight:.0f}% of the weight but "
                    f"{100 * share:.1f}% of the differences between options (burden scale "
                    f"{scale.min:.3g}-{scale.max:.3g}, options span "
                    f"{float(burdens.min()):.3g}-{float(burdens.max()):.3g})",
                    weight=weight,
                    share=share,
                    scale_min=scale.min,
                    scale_max=scale.max,
                )

    def _criterion_evidence(self) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {c.id: set() for c in self.case.criteria}
        for a in self.case.assessments:
            out[a.criterion].update(a.evidence)
        return out

    # redundant_criteria, non_discriminating
    def criteria(self) -> None:
        case = self.case
        arrays = case_arrays(case, "assessed")
        values = arrays.values()
        ids = list(arrays.criterion_ids)
        crit_k = {c.id: k for k, c in enumerate(case.criteria)}
        evidence = self._criterion_evidence()
        for j, c in enumerate(ids):
            if c in crit_k and np.ptp(values[:, j]) == 0:
                self.add(
                    "non_discriminating",
                    "warning",
                    ("criteria", crit_k[c]),
                    "every option scores the same: its weight cannot change the answer",
                    value=float(values[0, j]),
                )
        scored = [c for c in ids if c in crit_k]
        for x in range(len(scored)):
            for y in range(x + 1, len(scored)):
                a, b = scored[x], scored[y]
                rho = _spearman(values[:, ids.index(a)], values[:, ids.index(b)])
                jac = _jaccard(evidence[a], evidence[b])
                same_ev = jac >= self.tol["evidence_overlap"]
                if (rho is not None and abs(rho) >= self.tol["rank_corr"]) or same_ev:
                    why = []
                    if rho is not None and abs(rho) >= self.tol["rank_corr"]:
                        sense = "together" if rho > 0 else "in opposite directions"
                        why.append(
                            f"values move {sense} across the options (rank correlation {rho:+.2f})"
                        )
                    if same_ev:
                        why.append(f"{100 * jac:.0f}% of their evidence shared")
                    numbers = {"evidence_jaccard": jac}
                    if rho is not None:
                        numbers["rank_correlation"] = rho
                    self.add(
                        "redundant_criteria",
                        "warning",
                        ("criteria", crit_k[b]),
                        f"overlaps {a}: " + " and ".join(why),
                        **numbers,
                    )

    # risk_overlaps_criterion
    def overlaps(self) -> None:
        case = self.case
        evidence = self._criterion_evidence()
        names = {c.id: c.name.lower() for c in case.criteria}
        for k, r in enumerate(case.risks):
            text = f"{r.description} {r.rationale}".lower()
            for c in case.criteria:
                how: list[str] = []
                loc: Loc = ("risks", k)
                if c.id in r.overlaps:
                    how.append("declared in overlaps")
                    loc = ("risks", k, "overlaps", r.overlaps.index(c.id))
                elif re.search(rf"\b{re.escape(c.id)}\b", text) or names[c.id] in text:
                    how.append("its description names the criterion")
                    loc = ("risks", k, "description")
                shared = set(r.evidence) & evidence[c.id]
                frac = len(shared) / len(r.evidence) if r.evidence else 0.0
                if len(shared) >= 2 and frac >= self.tol["evidence_overlap"]:
                    how.append(f"{100 * frac:.0f}% of its evidence also scores the criterion")
                    if len(loc) == 2:
                        loc = ("risks", k, "evidence")
                if how:
                    self.add(
                        "risk_overlaps_criterion",
                        "warning",
                        loc,
                        f"criterion {c.id} may already count this risk (" + "; ".join(how) + ")",
                        shared_evidence=frac,
                    )

    # stale_evidence
    def stale(self) -> None:
        case = self.case
        now = _years(case.as_of)
        if now is None:
            return
        src_date = {s.id: s.date for s in case.sources}
        cited: Counter[str] = Counter(ev for a in case.assessments for ev in a.evidence)
        for k, e in enumerate(case.evidence):
            if not cited.get(e.id):
                continue
            when = _years(e.date or src_date.get(e.source))
            if when is None:
                continue
            age = now - when
            if age > self.tol["stale_years"]:
                self.add(
                    "stale_evidence",
                    "warning",
                    ("evidence", k, "date") if e.date else ("evidence", k),
                    f"dated {e.date or src_date.get(e.source)}, {age:.1f} years before the "
                    f"case's as_of {case.as_of}, yet cited by {cited[e.id]} current score(s)",
                    age_years=float(age),
                    scores=float(cited[e.id]),
                )

    # dependent_sources
    def sources(self) -> None:
        case = self.case
        seen: dict[tuple[str, str], int] = {}
        for k, s in enumerate(case.sources):
            keys = []
            if s.url:
                keys.append(("url", s.url.strip().lower().rstrip("/")))
            keys.append(("title", f"{s.outlet.strip().lower()}|{s.title.strip().lower()}"))
            keys.append(("document", s.document.strip().lower()))
            for key in keys:
                if key in seen:
                    other = case.sources[seen[key]].id
                    self.add(
                        "dependent_sources",
                        "warning",
                        ("sources", k),
                        f"same {key[0]} as source {other}: one document counted as two",
                    )
                    break
            for key in keys:
                seen.setdefault(key, k)
            for j, rid in enumerate(s.relays):
                self.add(
                    "dependent_sources",
                    "warning",
                    ("sources", k, "relays", j),
                    f"relays source {rid}: the two are not independent confirmations",
                )

    # basis_imbalance
    def basis(self) -> pd.DataFrame:
        case = self.case
        kinds = ["fact", "opinion", "source", "judgement"]
        rows = []
        for o in case.option_ids:
            counts: Counter[str] = Counter(str(a.basis) for a in case.assessments if a.option == o)
            n = sum(counts.values())
            sourced = sum(counts[k] for k in SOURCED)
            rows.append([*(counts.get(k, 0) for k in kinds), n, sourced / n if n else 0.0])
        frame = pd.DataFrame(
            rows,
            index=pd.Index(case.option_ids, name="option"),
            columns=[*kinds, "scores", "sourced_share"],
        )
        share = frame["sourced_share"].to_numpy(dtype=np.float64)
        if share.size and float(np.ptp(share)) > self.tol["basis_gap"]:
            lo = int(np.argmin(share))
            hi = int(np.argmax(share))
            self.add(
                "basis_imbalance",
                "warning",
                ("options", lo),
                f"{100 * share[lo]:.0f}% of its scores rest on sources against "
                f"{100 * share[hi]:.0f}% for {case.option_ids[hi]}",
                sourced_share=float(share[lo]),
                highest_share=float(share[hi]),
            )
        table = frame.to_numpy(dtype=np.float64)
        for k in range(len(case.option_ids)):
            f = dict(zip(frame.columns, table[k], strict=True))
            self.add(
                "basis_split",
                "info",
                ("options", k),
                f"{int(f['fact'])} sourced fact, {int(f['opinion'])} sourced opinion, "
                f"{int(f['source'])} sourced (unspecified), {int(f['judgement'])} analyst "
                "judgement",
                sourced_share=float(f["sourced_share"]),
            )
        return frame
