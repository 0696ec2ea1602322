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

from collections import Counter
from collections.abc import Sequence

import numpy as np

from policyopts.audit._checks import (
    _Auditor,
)
from policyopts.audit._findings import (
    _ORDER,
    Audit,
    Finding,
)
from policyopts.model import Case
from policyopts.results import Provenance


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
    return Audit(findings=findings, basis=basis, provenance=Provenance.of(case))


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


__all__ = ["Audit", "Finding", "audit", "evidence_summary"]
