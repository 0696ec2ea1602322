"""The appendices of the brief: methods, robustness detail, drivers, risks, scores,
evidence, the estimative scale and a glossary. Technical terms live here."""

from __future__ import annotations

from typing import Any

from policyopts.methods import spec as _method_spec
from policyopts.report import _figures
from policyopts.report._base import Brief, table
from policyopts.report._estimative import ESTIMATIVE_SCALE, estimative, percent

__all__ = [
    "GLOSSARY",
    "assessments",
    "drivers",
    "evidence",
    "glossary",
    "methods",
    "risks",
    "robustness",
    "scale",
]

#: Terms the appendices use, in plain words.
GLOSSARY: tuple[tuple[str, str], ...] = (
    ("Profile", "A stakeholder's priorities: the weight they give each criterion."),
    (
        "Simulation (SMAA)",
        "Stochastic multicriteria acceptability analysis: the options are ranked many times, "
        "each time with weights drawn around a profile and scores drawn from their stated "
        "ranges; the share of draws in which an option ranks first is its first-rank share.",
    ),
    ("Rank acceptability", "The share of simulations in which an option takes each rank."),
    (
        "Weight shift (L1)",
        "The total weight moved between criteria, summed over criteria (half of it is taken "
        "from some, half given to others).",
    ),
    (
        "WSM, TOPSIS, PROMETHEE and the other methods",
        "Ways of turning scores and weights into a ranking; the weighted sum (WSM) leads.",
    ),
    (
        "Normalisation",
        "Putting every criterion on a common 0–1 scale before weighting.",
    ),
    (
        "Regret",
        "How far an option falls short of the best option in a scenario; minimax regret picks "
        "the option whose largest shortfall is smallest.",
    ),
    (
        "EVPI",
        "Expected value of perfect information: what knowing which scenario will unfold would "
        "be worth, on the 0–1 value scale.",
    ),
    (
        "EVSI",
        "Expected value of sample information: what watching the signposts would be worth, "
        "on the same scale.",
    ),
    (
        "Core, borderline and exterior actions",
        "In robust portfolio modelling, an action in every (core), some (borderline) or no "
        "(exterior) combination that stays best as the weights move within ±20% of a profile.",
    ),
)


def methods(b: Brief) -> None:
    from policyopts.triangulation import triangulate

    tri = triangulate(b.case, b.profile)
    specs = [_method_spec(m) for m in [*tri.ranks.columns, *tri.skipped]]
    principles = ", ".join(f"{s.principle} ({s.abbreviation})" for s in specs)
    b.add(
        "methods",
        "Does the method matter?",
        "methods.html.j2",
        appendix=True,
        principles=principles,
        table=table(tri.to_html()),
        verdict="" if tri.agree_on_top else tri.verdict(),
    )


def _profile_table(b: Brief) -> str:
    from policyopts._tables import html_table
    from policyopts.sensitivity.summary import FIRM, FRAGILE

    a = b.analysis
    rows: list[list[object]] = []
    for pid, sm in a.smaa_by_profile.items():
        first = sm.first_rank.astype(float).sort_values(ascending=False)
        last = sm.rank_acceptability.iloc[:, -1].astype(float)
        top = str(first.index[0])
        worst = str(last.idxmax())
        share = float(first.iloc[0])
        rows.append(
            [
                b.case.profile(pid).name,
                f"{b.label(top)} ({percent(share)})",
                f"{b.label(str(first.index[1]))} ({percent(float(first.iloc[1]))})"
                if len(first) > 1
                else "—",
                f"{b.label(worst)} ({percent(float(last[worst]))})",
                "firm" if share >= FIRM else "contested" if share >= FRAGILE else "fragile",
            ]
        )
    return html_table(
        ["Profile", "Most often first", "Runner-up", "Most often last", "Verdict"],
        rows,
        caption=f"First and last places in {a.n_samples:,} simulations per profile "
        f"(SMAA-2, weights centred on the profile, seed {a.seed}).",
    )


def robustness(b: Brief) -> None:
    from policyopts.sensitivity.stability import stability_table
    from policyopts.sensitivity.summary import FIRM, FRAGILE
    from policyopts.sensitivity.tornado import tornado

    a = b.analysis
    sm = a.smaa()
    stability: dict[str, Any] | None = None
    flips: list[str] = []
    if _method_spec(b.method).linear_in_weights and a.flips is not None:
        stab = stability_table(b.case, b.profile, method=b.method)
        stability = {
            "sentences": stab.sentences(),
            "figure": _figures.stability(
                stab,
                caption="Range of each criterion's weight over which the top option stays "
                "first (others keep their proportions); the marker is the current weight.",
                alt="stability intervals",
            ),
        }
        flips = a.flips.sentences()
    sr = a.scenarios()
    tor = tornado(b.case, b.profile, method=b.method)
    b.add(
        "robustness",
        "How robust is the answer?",
        "robustness.html.j2",
        appendix=True,
        draws=f"{a.n_samples:,}",
        firm=percent(FIRM),
        fragile=percent(FRAGILE),
        summary_table=table(_profile_table(b)) if a.profile_ids else "",
        smaa_summary=sm.summary(),
        acceptability=_figures.acceptability(
            sm,
            caption="Share of draws in which each option takes each rank (SMAA-2, weights "
            "centred on the profile, scores and likelihoods drawn from their ranges).",
            alt="rank acceptability",
        ),
        stability=stability,
        flips=flips,
        scenario_summary=sr.summary() if sr is not None else "",
        scenario_table=table(sr.to_html()) if sr is not None else "",
        tornado_summary=tor.summary(),
        tornado=_figures.tornado(
            tor,
            caption="Margin between the top two options as each input moves across its range.",
            alt="tornado",
        ),
    )


def drivers(b: Brief) -> None:
    from policyopts.drivers import drivers as _drivers

    if len(b.case.criterion_ids) < 2:
        return
    result = _drivers(b.case, b.profile)
    b.add(
        "drivers",
        "What drives the answer",
        "drivers.html.j2",
        appendix=True,
        sentences=result.sentences(),
        table=table(result.to_html()),
        chart=_figures.drivers(
            result,
            caption="Each branch's weight beside its share of the differences between options.",
            alt="weights and shares of the differences by branch",
        ),
    )


def risks(b: Brief) -> None:
    from policyopts.riskregister import risk_register

    if not b.case.risks:
        return
    reg = risk_register(b.case)
    items = [
        {
            "name": r.name,
            "likelihood": r.likelihood,
            "chance": estimative(r.likelihood),
            "impact_text": f"{r.impact:g}",
            "rationale": r.rationale,
            "evidence": list(r.evidence),
        }
        for r in b.case.risks
    ]
    worst = str(reg.totals.idxmax())
    b.add(
        "risks",
        "Risks",
        "risks.html.j2",
        appendix=True,
        heaviest=f"{b.label(worst)} carries the heaviest risk burden "
        f"({float(reg.totals.max()):.2f}, against {float(reg.totals.min()):.2f} for the lightest).",
        table=table(reg.to_html()),
        matrix=_figures.risk_matrix(
            reg,
            b.analysis.top,
            b.case,
            caption=f"The risks by likelihood and impact; each bubble's size is how far the "
            f"first choice, {b.label(b.analysis.top)}, is exposed to it.",
            alt="risk matrix",
        ),
        risks=items,
    )


def assessments(b: Brief) -> None:
    from policyopts._tables import html_table

    case = b.case
    rows = []
    for a in case.assessments:
        lo, hi = a.bounds()
        rows.append(
            [
                case.option(a.option).label,
                case.criterion(a.criterion).label,
                a.score,
                f"{lo:g}–{hi:g}" if (lo, hi) != (a.score, a.score) else "",
                a.basis,
                a.rationale,
                ", ".join(a.evidence),
            ]
        )
    counts = case.basis_counts()
    total = max(1, len(case.assessments))
    tab = html_table(
        ["Option", "Criterion", "Score", "Range", "Basis", "Rationale", "Evidence"],
        rows,
        css_class="policyopts-table wide",
    )
    b.add(
        "assessments",
        "The scores and why",
        "assessments.html.j2",
        appendix=True,
        n_source=counts["source"],
        n_assessments=len(case.assessments),
        percent=f"{100 * counts['source'] / total:.0f}",
        table=table(tab),
    )


def evidence(b: Brief) -> None:
    case = b.case
    if not case.evidence:
        return
    by_id = {s.id: s for s in case.sources}
    sources = [
        {
            "id": s.id,
            "citation": s.citation(),
            "kind": s.kind,
            "relays": [by_id[r].citation() if r in by_id else r for r in s.relays],
        }
        for s in case.sources
    ]
    records = []
    for e in case.evidence:
        figs = "; ".join(
            (f.qualifier.replace("_", " ") + " " if f.qualifier != "exactly" else "")
            + f"{f.value:g} {f.unit} ({f.what})"
            for f in e.figures
        )
        src = by_id.get(e.source)
        short = f"{src.outlet}, {src.date}" if src is not None and src.date else e.source
        if src is not None and not src.date:
            short = src.outlet
        records.append(
            {"id": e.id, "source": short, "location": e.location, "claim": e.claim, "figures": figs}
        )
    b.add(
        "evidence",
        "Evidence",
        "evidence.html.j2",
        appendix=True,
        sources=sources,
        records=records,
    )


def scale(b: Brief) -> None:
    rows = [(phrase, f"{100 * lo:.0f}", f"{100 * hi:.0f}") for phrase, lo, hi in ESTIMATIVE_SCALE]
    b.add("estimative-scale", "Words of likelihood", "scale.html.j2", appendix=True, scale=rows)


def glossary(b: Brief) -> None:
    b.add("glossary", "Glossary", "glossary.html.j2", appendix=True, terms=GLOSSARY)
