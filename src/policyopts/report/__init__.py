"""A self-contained HTML brief for a case.

:func:`report` writes one HTML file — styles and pictures inline, nothing
loaded from the network — that reads like a policy brief: the bottom line
first, then the options, the criteria, the comparison and why the leader
leads, the stakeholder profiles, the methods, the risks, the scenarios, how
robust the answer is, and appendices with every assessment and the evidence
behind it. A footer records how to reproduce it: library version, seed,
number of draws, date and the hash of the case's content.
"""

from __future__ import annotations

import base64
import datetime as _dt
import hashlib
import html
import io as _io
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from policyopts._version import __version__
from policyopts.methods import spec as _method_spec
from policyopts.model import Case

__all__ = ["build_report", "case_hash", "report"]

_E = html.escape


def case_hash(case: Case) -> str:
    """SHA-256 of the case's canonical JSON (what :func:`policyopts.save_case` writes)."""
    from policyopts.io import case_to_data

    text = json.dumps(case_to_data(case), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _figure_html(fig: Any, caption: str, alt: str) -> str:
    buffer = _io.BytesIO()
    # A figure laid out by its own engine (constrained layout) needs no "tight" bounding
    # box, which would draw it twice.
    tight = None if fig.get_layout_engine() is not None else "tight"
    fig.savefig(buffer, format="png", dpi=110, bbox_inches=tight, facecolor="white")
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return (
        f'<figure><img alt="{_E(alt)}" src="data:image/png;base64,{data}">'
        f"<figcaption>{_E(caption)}</figcaption></figure>"
    )


def _para(text: str) -> str:
    return f"<p>{_E(text)}</p>"


class _Brief:
    """Collects the sections of the brief."""

    def __init__(self, case: Case, profile: str | None, method: str, seed: int, n_samples: int):
        self.case = case
        self.profile = case.profile(profile).id if case.profiles else None
        self.method = method
        self.seed = seed
        self.n_samples = n_samples
        self.sections: list[str] = []
        self.bottom: list[str] = []
        self.cautions: list[str] = []

    def name(self, option: str) -> str:
        return self.case.option(option).name

    def add(self, anchor: str, title: str, body: str) -> None:
        self.sections.append(f'<section id="{anchor}"><h2>{_E(title)}</h2>{body}</section>')


def _options(b: _Brief) -> None:
    items = []
    for o in b.case.options:
        commits = "".join(f"<li>{_E(c)}</li>" for c in o.commitments)
        items.append(
            f"<dt>{_E(o.name)}</dt><dd>{_E(o.description)}"
            + (f"<ul>{commits}</ul>" if commits else "")
            + "</dd>"
        )
    b.add("options", "The options", f'<dl class="options">{"".join(items)}</dl>')


def _criteria(b: _Brief) -> None:
    from policyopts import plots
    from policyopts._tables import html_table

    case = b.case
    branch_name = {br.id: br.name for br in case.all_branches}
    weights = case.weights(b.profile) if b.profile else {}
    rows = []
    for c in case.all_criteria:
        scale = f"{c.scale.min:g}–{c.scale.max:g} {c.scale.unit}"
        rows.append(
            [
                c.name,
                branch_name.get(c.parent or "", ""),
                "higher is better" if c.direction == "benefit" else "lower is better",
                scale,
                weights.get(c.id),
            ]
        )
    table = html_table(
        ["Criterion", "Branch", "Direction", "Scale", f"Weight ({b.profile})"],
        rows,
        caption="Criteria of the value tree; the risk burden is Σ likelihood × impact × "
        "exposure over the risk register.",
    )
    fig = plots.value_tree(case, profile=b.profile)
    body = (
        _figure_html(
            fig, "The value tree, with the global weights of the default profile.", "value tree"
        )
        + table
    )
    b.add("criteria", "What the options are judged on", body)


def _comparison(b: _Brief) -> None:
    from policyopts import plots
    from policyopts.compare import compare

    cmp = compare(b.case, b.profile, b.method)
    first, second = cmp.ranking[0], cmp.ranking[1]
    b.bottom.append(
        f"Under the {b.case.profile(b.profile).name.lower()} profile, "
        f"<b>{_E(b.name(first))}</b> ranks first, ahead of {_E(b.name(second))}."
    )
    body = _para(cmp.summary()) + f'<div class="wide">{cmp.to_html()}</div>'
    if cmp.contributions is not None:
        body += _figure_html(
            plots.contributions(cmp, case=b.case),
            "Contribution of each criterion (weight × value) to each option's score.",
            "contributions",
        )
        body += _para(cmp.explain(first, second))
    b.add("comparison", "How the options compare", body)


def _profiles(b: _Brief) -> None:
    from policyopts import plots
    from policyopts.compare import compare_profiles

    if len(b.case.profiles) < 2:
        return
    pc = compare_profiles(b.case, b.method)
    tops = {b.name(t) for t in pc.top}
    if pc.same_top:
        b.bottom.append(f"Every stakeholder profile puts {_E(next(iter(tops)))} first.")
    else:
        b.bottom.append(
            "The top option depends on whose priorities prevail: "
            + ", ".join(
                f"{_E(b.case.profile(str(p)).name)} → {_E(b.name(str(t)))}"
                for p, t in pc.top.items()
            )
            + "."
        )
    holders = "".join(
        f"<li><b>{_E(p.name)}</b> ({_E(p.holder or 'unattributed')}): {_E(p.rationale)}</li>"
        for p in b.case.profiles
    )
    body = (
        pc.to_html()
        + _figure_html(plots.weights_by_profile(pc), "Weights by stakeholder profile.", "weights")
        + f"<h3>Who holds each view</h3><ul>{holders}</ul>"
    )
    b.add("profiles", "Whose priorities?", body)


def _methods(b: _Brief) -> None:
    from policyopts.triangulation import triangulate

    tri = triangulate(b.case, b.profile)
    if not tri.agree_on_top:
        b.cautions.append(tri.verdict())
    specs = [_method_spec(m) for m in [*tri.ranks.columns, *tri.skipped]]
    body = (
        _para(
            "Each aggregation method rests on different assumptions: "
            + ", ".join(f"{s.principle} ({s.abbreviation})" for s in specs)
            + ". Agreement means the ranking does not hinge on that choice."
        )
        + tri.to_html()
    )
    b.add("methods", "Does the method matter?", body)


def _risks(b: _Brief) -> None:
    from policyopts import plots
    from policyopts.riskregister import risk_register

    if not b.case.risks:
        return
    reg = risk_register(b.case)
    worst = str(reg.totals.idxmax())
    b.bottom.append(
        f"{_E(b.name(worst))} carries the heaviest risk burden "
        f"({float(reg.totals.max()):.2f} against {float(reg.totals.min()):.2f} "
        "for the lightest)."
    )
    rows = "".join(
        f"<li><b>{_E(r.name)}</b> — likelihood {r.likelihood:.2f}, impact {r.impact:g}. "
        f"{_E(r.rationale)} <span class='tag'>{_E(', '.join(r.evidence))}</span></li>"
        for r in b.case.risks
    )
    body = (
        reg.to_html()
        + _figure_html(plots.risk_matrix(reg), "Risks by likelihood and impact.", "risk matrix")
        + f"<details><summary>Why each risk is rated as it is</summary><ul>{rows}</ul></details>"
    )
    b.add("risks", "Risks", body)


def _scenarios(b: _Brief) -> None:
    from policyopts import plots
    from policyopts.scenarios import scenario_robustness

    if not b.case.scenarios:
        return
    sr = scenario_robustness(b.case, b.profile, method=b.method)
    narratives = "".join(
        f"<li><b>{_E(s.name)}</b> (probability {s.probability:.2f}"
        f"{', analyst judgement' if s.basis == 'judgement' else ''}): {_E(s.narrative)}</li>"
        for s in b.case.scenarios
    )
    body = (
        f"<ul>{narratives}</ul>"
        + _para(sr.summary())
        + sr.to_html()
        + _figure_html(
            plots.regret_heatmap(sr),
            "Regret: how far each option falls short of the best option in each scenario.",
            "regret heatmap",
        )
    )
    b.add("scenarios", "If the future unfolds differently", body)


def _robustness(b: _Brief) -> None:
    from policyopts import plots
    from policyopts.sensitivity.flips import flip_analysis
    from policyopts.sensitivity.smaa import smaa_case
    from policyopts.sensitivity.stability import stability_table
    from policyopts.sensitivity.summary import robustness_summary
    from policyopts.sensitivity.tornado import tornado

    parts: list[str] = []
    summary = robustness_summary(b.case, method=b.method, n_samples=b.n_samples, seed=b.seed)
    if b.profile in summary.table.index:
        verdict = str(summary.table.at[b.profile, "verdict"])
        top = str(summary.table.at[b.profile, "top"])
        share = float(summary.table["smaa_first"].astype(float)[str(b.profile)])
        b.bottom.append(
            f"That answer is <b>{_E(verdict)}</b>: {_E(b.name(top))} ranks first in "
            f"{100 * share:.0f}% of {b.n_samples:,} draws of weights and scores (SMAA)."
        )
    parts.append(
        "<h3>Profile by profile</h3>"
        + summary.to_html()
        + "<ul>"
        + "".join(f"<li>{_E(t)}</li>" for t in summary.sentences())
        + "</ul>"
    )
    sm = smaa_case(
        b.case, b.profile, method=b.method, n_samples=b.n_samples, seed=b.seed, weights="profile"
    )
    parts.append(
        "<h3>Rank acceptability</h3>"
        + _para(sm.summary())
        + _figure_html(
            plots.rank_acceptability(sm),
            "Share of draws in which each option takes each rank (SMAA-2, weights centred on "
            "the profile, scores and likelihoods drawn from their ranges).",
            "rank acceptability",
        )
    )
    if _method_spec(b.method).linear_in_weights:
        stab = stability_table(b.case, b.profile, method=b.method)
        lines = "".join(f"<li>{_E(t)}</li>" for t in stab.sentences())
        parts.append(
            "<h3>How far can the weights move?</h3>"
            + _para(
                "Each criterion's weight is moved on its own, the others keeping their "
                "proportions; the top option holds until:"
            )
            + f"<ul>{lines}</ul>"
        )
        parts.append(
            _figure_html(
                plots.stability(stab),
                "Range of each criterion's weight over which the top option stays first "
                "(others keep their proportions); the marker is the current weight.",
                "stability intervals",
            )
        )
        flips = flip_analysis(b.case, b.profile)
        sentences = "".join(f"<li>{_E(t)}</li>" for t in flips.sentences())
        parts.append(f"<h3>What would change the answer</h3><ul>{sentences}</ul>")
    tor = tornado(b.case, b.profile, method=b.method)
    parts.append("<h3>Which uncertain inputs matter most</h3>" + _para(tor.summary()))
    parts.append(
        _figure_html(
            plots.tornado(tor),
            "Margin between the top two options as each input moves across its range.",
            "tornado",
        )
    )
    b.add("robustness", "How robust is the answer?", "".join(parts))


def _assessments(b: _Brief) -> None:
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
    body = _para(
        f"{counts['source']} of {len(case.assessments)} scores "
        f"({100 * counts['source'] / total:.0f}%) rest on cited sources; the rest are analyst "
        "judgement, each with its rationale."
    ) + (
        "<details><summary>Every score with its rationale and evidence</summary>"
        + html_table(
            ["Option", "Criterion", "Score", "Range", "Basis", "Rationale", "Evidence"],
            rows,
            css_class="policyopts-table wide",
        )
        + "</details>"
    )
    b.add("assessments", "Appendix A — the scores and why", body)


def _evidence(b: _Brief) -> None:
    case = b.case
    if not case.evidence:
        return
    sources = "".join(
        f"<li id='src-{_E(s.id)}'><b>{_E(s.id)}</b>: {_E(s.citation())}"
        + (f" <span class='tag'>{_E(s.document)}</span>" if s.document else "")
        + "</li>"
        for s in case.sources
    )
    records = []
    for e in case.evidence:
        figs = "; ".join(
            f"{f.qualifier.replace('_', ' ') + ' ' if f.qualifier != 'exactly' else ''}"
            f"{f.value:g} {f.unit} ({f.what})"
            for f in e.figures
        )
        records.append(
            f"<li id='ev-{_E(e.id)}'><b>{_E(e.id)}</b> [{_E(e.source)}"
            + (f", {_E(e.location)}" if e.location else "")
            + f"]: {_E(e.claim)}"
            + (f" <i>Figures: {_E(figs)}.</i>" if figs else "")
            + "</li>"
        )
    body = (
        f"<h3>Sources</h3><ul>{sources}</ul>"
        f"<details><summary>{len(records)} evidence records</summary>"
        f"<ol class='evidence'>{''.join(records)}</ol></details>"
    )
    b.add("evidence", "Appendix B — evidence", body)


#: Sections in reading order; each adds itself to the brief.
SECTIONS: list[Callable[[_Brief], None]] = [
    _options,
    _criteria,
    _comparison,
    _profiles,
    _methods,
    _risks,
    _scenarios,
    _robustness,
    _assessments,
    _evidence,
]


def build_report(
    case: Case,
    *,
    profile: str | None = None,
    method: str = "wsm",
    seed: int = 0,
    n_samples: int = 20_000,
    date: _dt.date | None = None,
) -> str:
    """The brief as one HTML string (see :func:`report`)."""
    from policyopts.report._style import CSS

    b = _Brief(case, profile, method, seed, n_samples)
    for section in SECTIONS:
        section(b)
    today = (date or _dt.date.today()).isoformat()
    bottom = "".join(f"<li>{item}</li>" for item in b.bottom)
    cautions = "".join(f'<div class="caution">{_E(c)}</div>' for c in b.cautions)
    meta = f"As of {case.as_of}" if case.as_of else ""
    if case.authors:
        meta += (" · " if meta else "") + ", ".join(case.authors)
    footer = (
        f"Generated by policyopts {__version__} on {today} · method {method} · "
        f"profile {b.profile} · seed {seed} · {n_samples:,} draws · "
        f"case <code>{_E(case.id)}</code> "
        f"content SHA-256 <code>{case_hash(case)}</code>. Regenerate with "
        f"<code>policyopts report {_E(case.id)} -o FILE.html</code>."
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_E(case.title)}</title><style>{CSS}</style></head>
<body><main>
<header class="brief"><div class="kicker">Options brief</div>
<h1>{_E(case.title)}</h1>
{f'<p class="question">{_E(case.question)}</p>' if case.question else ""}
<p class="meta">{_E(meta)}</p>
{_para(case.description) if case.description else ""}
</header>
<div class="bottom-line"><h2>Bottom line</h2><ul>{bottom}</ul></div>
{cautions}
{"".join(b.sections)}
<div class="footer">{footer}</div>
</main></body></html>
"""


def report(
    case: Case | str | os.PathLike[str],
    path: str | os.PathLike[str],
    *,
    profile: str | None = None,
    method: str = "wsm",
    seed: int = 0,
    n_samples: int = 20_000,
    date: _dt.date | None = None,
) -> Path:
    """Write a self-contained HTML brief of ``case`` to ``path``.

    Parameters
    ----------
    case : Case, or a bundled case name or case file path
    path : str or path-like
        Where to write the ``.html`` file (atomically).
    profile : str, optional
        The profile the brief leads with (the case's default when omitted).
    method : str
        The MCDA method the brief leads with.
    seed, n_samples : int
        Seed and number of draws of the Monte Carlo analyses.
    date : datetime.date, optional
        Date printed in the footer (today by default).

    Returns
    -------
    pathlib.Path
    """
    from policyopts.io import atomic_write_text, load_case

    if not isinstance(case, Case):
        case = load_case(case)
    text = build_report(
        case, profile=profile, method=method, seed=seed, n_samples=n_samples, date=date
    )
    dest = Path(path)
    atomic_write_text(dest, text)
    return dest
