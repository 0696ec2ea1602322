r"""A coherence audit of a case: findings an analyst should look at before trusting it.

:func:`audit` returns :class:`Finding` objects, each with a ``code``, a
``severity`` (``error``, ``warning`` or ``info``), the field ``path`` it is
about (as in :class:`~policyopts.CaseError` messages), a ``message`` and the
``numbers`` behind it. The checks:

``likelihood_incoherent``
    A risk's likelihood differs from what the scenarios imply,
    :math:`\sum_s p_s L_{rs}` (the scenario's override, else the risk's own
    likelihood), by more than ``likelihood_tol``; or a scenario whose name
    rules an event out ("decline *without collapse*") still gives the risk
    of that event a positive likelihood.
``scenario_inert``
    Under the default profile a scenario moves no option's score (WSM on the
    scales, 0-1) by more than ``score_tol`` and reorders no two options whose
    assessed scores are further apart than that; or, for the scenarios as a
    whole, the expected value of knowing which comes true (EVPI) is below
    ``evpi_tol``.
``risk_inert``
    Under a profile that weights the risk branch (at least ``weight_floor``),
    the branch's share of the differences between options
    (:func:`policyopts.drivers`) is below ``share_ratio`` times its weight.
``redundant_criteria``
    Two criteria whose values move together across options, Spearman's
    :math:`|\rho| \ge` ``rank_corr`` (Spearman 1904), or that cite the same
    evidence (Jaccard index of their evidence sets at least
    ``evidence_overlap``).
``risk_overlaps_criterion``
    A risk that names a criterion in ``overlaps``, mentions it in its
    description, or shares at least ``evidence_overlap`` of its evidence
    with the criterion's scores: its impact is counted twice.
``non_discriminating``
    A criterion on which every option scores the same (a weight on it cannot
    change the answer).
``stale_evidence``
    Evidence dated more than ``stale_years`` before the case's ``as_of`` cited
    for a present score.
``dependent_sources``
    Two source ids that are one document (same URL, or same outlet and
    title), or a source that relays another (``relays``): they are not
    independent confirmations.
``basis_imbalance``
    Options whose scores rest on sources to very different degrees (shares
    of sourced scores further apart than ``basis_gap``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

from policyopts._casearrays import case_arrays
from policyopts._version import __version__
from policyopts.compare import compare
from policyopts.drivers import drivers
from policyopts.model import Case
from policyopts.model._base import Loc, format_loc
from policyopts.model.assessments import SOURCED

__all__ = ["Audit", "Finding", "audit", "evidence_summary"]

Severity = Literal["error", "warning", "info"]
_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class Finding:
    """One finding of the audit.

    Attributes
    ----------
    code : str
        What kind of problem (``likelihood_incoherent``, ``scenario_inert``, …).
    severity : {"error", "warning", "info"}
    path : str
        The field the finding is about, e.g. ``risks[aid_blocked].likelihood``.
    message : str
        What is wrong, in plain words.
    numbers : mapping
        The numbers behind the finding.
    loc : tuple
        The field's location as a tuple (for finding its line in a file).
    """

    code: str
    severity: Severity
    path: str
    message: str
    numbers: Mapping[str, float] = field(default_factory=dict)
    loc: Loc = ()

    def line(self, where: Callable[[Loc], tuple[str, int | None]] | None = None) -> str:
        """One line: ``[file:line: ]severity code path: message``."""
        prefix = ""
        if where is not None:
            file, line = where(self.loc)
            prefix = f"{file}:{line}: " if line is not None else f"{file}: "
        return f"{prefix}{self.severity} {self.code} {self.path}: {self.message}"


@dataclass(frozen=True, eq=False)
class Audit:
    """The findings of :func:`audit`, most severe first, and the basis split.

    Attributes
    ----------
    findings : list of Finding
    basis : pandas.DataFrame
        Per option: counts of scores by basis (``fact``, ``opinion``,
        ``source``, ``judgement``) and ``sourced_share``.
    case_id, version : str
    """

    findings: list[Finding]
    basis: pd.DataFrame
    case_id: str
    version: str

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def __len__(self) -> int:
        return len(self.findings)

    @property
    def codes(self) -> list[str]:
        """The distinct codes found, in order of first appearance."""
        return list(dict.fromkeys(f.code for f in self.findings))

    def by_code(self, code: str) -> list[Finding]:
        """The findings with ``code``."""
        return [f for f in self.findings if f.code == code]

    def count(self, severity: Severity) -> int:
        """How many findings have ``severity``."""
        return sum(1 for f in self.findings if f.severity == severity)

    def failed(self, *, strict: bool = False) -> bool:
        """Whether an error remains (or, with ``strict``, a warning)."""
        return self.count("error") > 0 or (strict and self.count("warning") > 0)

    def lines(self, where: Callable[[Loc], tuple[str, int | None]] | None = None) -> list[str]:
        """One line per finding (with file and line when ``where`` locates fields)."""
        return [f.line(where) for f in self.findings]

    def to_frame(self) -> pd.DataFrame:
        """One row per finding: code, severity, path, message."""
        return pd.DataFrame(
            {
                "code": [f.code for f in self.findings],
                "severity": [f.severity for f in self.findings],
                "path": [f.path for f in self.findings],
                "message": [f.message for f in self.findings],
            }
        )


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


def audit(
    case: Case,
    *,
    likelihood_tol: float = 0.05,
    score_tol: float = 0.05,
    share_ratio: float = 0.25,
    weight_floor: float = 0.05,
    rank_corr: float = 0.9,
    evidence_overlap: float = 0.5,
    stale_years: float = 3.0,
    basis_gap: float = 0.3,
    evpi_tol: float = 0.01,
) -> Audit:
    """Check a case for coherence: what the numbers contradict or fail to use.

    Parameters
    ----------
    case : Case
    likelihood_tol : float, default 0.05
        Largest tolerated gap between a risk's likelihood and the one its
        scenarios imply.
    score_tol : float, default 0.05
        A scenario that moves no score (0-1 value scale) by more than this and
        changes no rank is inert.
    share_ratio, weight_floor : float, default 0.25, 0.05
        The risk branch is inert under a profile that gives it a weight of at
        least ``weight_floor`` when its share of the differences is below
        ``share_ratio`` times that weight.
    rank_corr : float, default 0.9
        |Spearman's rho| from which two criteria count as redundant.
    evidence_overlap : float, default 0.5
        Share of shared evidence from which two criteria, or a risk and a
        criterion, count as resting on the same evidence.
    stale_years : float, default 3
        Age (years before ``as_of``) from which cited evidence is stale.
    basis_gap : float, default 0.3
        Largest tolerated gap between options' shares of sourced scores.
    evpi_tol : float, default 0.01
        The scenarios as a whole are inert when knowing which one comes true
        is worth less than this (EVPI, 0-1 value scale, default profile).

    Returns
    -------
    Audit
        Findings most severe first (see the module docstring for the codes),
        and the basis split per option.

    Examples
    --------
    >>> import policyopts as po
    >>> report = po.audit(po.load_case("mali"))
    >>> report.count("error"), "likelihood_incoherent" in report.codes
    (0, False)
    >>> "dependent_sources" in report.codes  # a source that relays another
    True
    """
    tol = {
        "likelihood_tol": likelihood_tol,
        "score_tol": score_tol,
        "share_ratio": share_ratio,
        "weight_floor": weight_floor,
        "rank_corr": rank_corr,
        "evidence_overlap": evidence_overlap,
        "stale_years": stale_years,
        "basis_gap": basis_gap,
        "evpi_tol": evpi_tol,
    }
    for name, value in tol.items():
        if not np.isfinite(value) or value < 0:
            raise ValueError(f"{name}: expected a non-negative number, got {value!r}")
    a = _Auditor(case, **tol)
    a.likelihoods()
    a.scenarios()
    a.risk()
    a.criteria()
    a.overlaps()
    a.stale()
    a.sources()
    basis = a.basis()
    findings = sorted(a.out, key=lambda f: _ORDER[f.severity])
    return Audit(findings=findings, basis=basis, case_id=case.id, version=__version__)


def evidence_summary(case: Case) -> list[str]:
    """Lines of the evidence-coverage summary printed by ``policyopts validate``:
    counts, sources against judgement, citations by source, what is never cited."""
    n_ass = len(case.assessments)
    basis = case.basis_counts()
    lines = [
        f"{len(case.options)} options, {len(case.criteria)} criteria"
        + (" (+ risk burden)" if case.has_risks else "")
        + f" in {len(case.all_branches)} branches, {n_ass} assessments, {len(case.risks)} risks, "
        f"{len(case.scenarios)} scenarios, {len(case.profiles)} profiles",
        f"evidence: {len(case.evidence)} records from {len(case.sources)} sources",
    ]
    if n_ass:
        s, j = basis["source"], basis["judgement"]
        lines.append(
            f"assessments resting on sources: {s} of {n_ass} ({100 * s / n_ass:.0f}%); "
            f"on analyst judgement: {j} ({100 * j / n_ass:.0f}%)"
        )
    src_of = {e.id: e.source for e in case.evidence}
    cited: Counter[str] = Counter()
    used: set[str] = set()
    cited_ids: Sequence[str] = [
        *(ev for a in case.assessments for ev in a.evidence),
        *(ev for r in case.risks for ev in r.evidence),
        *(ev for s in case.scenarios for ev in s.evidence),
    ]
    for ev in cited_ids:
        used.add(ev)
        cited[src_of.get(ev, "?")] += 1
    if case.sources:
        lines.append(
            "citations by source: "
            + ", ".join(f"{s.id} {cited.get(s.id, 0)}" for s in case.sources)
        )
    unused_sources = [s.id for s in case.sources if not cited.get(s.id)]
    if unused_sources:
        lines.append("sources never cited: " + ", ".join(unused_sources))
    unused = [e.id for e in case.evidence if e.id not in used]
    if unused:
        lines.append(f"evidence records not cited by any score, risk or scenario: {len(unused)}")
    judged = sum(1 for s in case.scenarios if s.basis == "judgement")
    if case.scenarios:
        lines.append(
            f"scenario probabilities from analyst judgement: {judged} of {len(case.scenarios)}"
        )
    return lines
