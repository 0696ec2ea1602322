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
import functools
import io as _io
import os
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from policyopts._version import __version__
from policyopts.methods import spec as _method_spec
from policyopts.model import Case
from policyopts.results import case_hash

__all__ = ["build_report", "case_hash", "report"]


@functools.cache
def _environment() -> jinja2.Environment:
    """The template environment: every value is HTML-escaped unless it is
    :class:`markupsafe.Markup` (markup rendered by another template)."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("policyopts.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=True,
    )


def _render(template: str, **context: Any) -> Markup:
    """Render ``template`` (escaping every value) into trusted markup."""
    return Markup(_environment().get_template(template).render(**context))


def _bottom(macro: str, *args: object) -> Markup:
    """One bottom-line item, from the macro of that name in ``bottom_line.html.j2``."""
    module = _environment().get_template("bottom_line.html.j2").module
    return Markup(getattr(module, macro)(*args))


def _figure(fig: Any, caption: str, alt: str) -> dict[str, str]:
    """A figure as the ``figure`` macro draws it: an inline PNG, its caption and alt text."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from policyopts.plots import literal_text

    buffer = _io.BytesIO()
    with literal_text(), warnings.catch_warnings():
        # Very long case text can leave constrained layout no room; the figure
        # is still drawn (labels are clipped), so the brief is not stopped.
        warnings.filterwarnings("ignore", "constrained_layout not applied", UserWarning)
        engine = fig.get_layout_engine()
        if engine is None:
            # No layout engine of its own: crop to the drawn extent.
            fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight", facecolor="white")
        else:
            # ``savefig`` draws a laid-out figure twice (once to lay it out,
            # once to paint it). Lay it out once at the output resolution,
            # then paint it once: the same pixels for half the drawing.
            fig.set_dpi(110)
            fig.set_facecolor("white")
            canvas = FigureCanvasAgg(fig)
            engine.execute(fig)
            fig.set_layout_engine("none")
            try:
                canvas.print_png(buffer)  # type: ignore[no-untyped-call]  # (untyped in matplotlib)
            finally:
                fig.set_layout_engine(engine)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return {"src": "data:image/png;base64," + data, "caption": caption, "alt": alt}


def _table(html: str) -> Markup:
    """A table rendered by :func:`policyopts._tables.html_table` (already escaped)."""
    return Markup(html)


@dataclass
class _Section:
    anchor: str
    title: str
    body: Markup


class _Brief:
    """Collects the sections of the brief."""

    def __init__(self, case: Case, profile: str | None, method: str, seed: int, n_samples: int):
        self.case = case
        self.profile = case.profile(profile).id if case.profiles else None
        self.method = method
        self.seed = seed
        self.n_samples = n_samples
        self.sections: list[_Section] = []
        self.bottom: list[Markup] = []
        self.cautions: list[str] = []

    def name(self, option: str) -> str:
        return self.case.option(option).name

    def add(self, anchor: str, title: str, template: str, **context: Any) -> None:
        """Render ``template`` with ``context`` as the section ``anchor``."""
        self.sections.append(_Section(anchor, title, _render(template, **context)))


def _options(b: _Brief) -> None:
    b.add("options", "The options", "options.html.j2", options=b.case.options)


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
    tree = _figure(
        plots.value_tree(case, profile=b.profile),
        "The value tree, with the global weights of the default profile.",
        "value tree",
    )
    b.add(
        "criteria",
        "What the options are judged on",
        "criteria.html.j2",
        tree=tree,
        table=_table(table),
    )


def _comparison(b: _Brief) -> None:
    from policyopts import plots
    from policyopts.compare import compare

    cmp = compare(b.case, b.profile, b.method)
    first = cmp.ranking[0]
    if len(cmp.ranking) > 1:
        b.bottom.append(
            _bottom(
                "leader",
                b.case.profile(b.profile).name.lower(),
                b.name(first),
                b.name(cmp.ranking[1]),
            )
        )
    contributions = explain = None
    if cmp.contributions is not None:
        contributions = _figure(
            plots.contributions(cmp, case=b.case),
            "Contribution of each criterion (weight × value) to each option's score.",
            "contributions",
        )
        if len(cmp.ranking) > 1:
            explain = cmp.explain(first, cmp.ranking[1])
    b.add(
        "comparison",
        "How the options compare",
        "comparison.html.j2",
        summary=cmp.summary(),
        table=_table(cmp.to_html()),
        contributions=contributions,
        explain=explain,
    )


def _profiles(b: _Brief) -> None:
    from policyopts import plots
    from policyopts.compare import compare_profiles

    if len(b.case.profiles) < 2:
        return
    pc = compare_profiles(b.case, b.method)
    tops = {b.name(t) for t in pc.top_by_profile}
    if pc.same_top:
        b.bottom.append(_bottom("same_top", next(iter(tops))))
    else:
        pairs = [
            (b.case.profile(str(p)).name, b.name(str(t))) for p, t in pc.top_by_profile.items()
        ]
        b.bottom.append(_bottom("top_depends", pairs))
    b.add(
        "profiles",
        "Whose priorities?",
        "profiles.html.j2",
        table=_table(pc.to_html()),
        weights=_figure(plots.weights_by_profile(pc), "Weights by stakeholder profile.", "weights"),
        profiles=b.case.profiles,
    )


def _methods(b: _Brief) -> None:
    from policyopts.triangulation import triangulate

    tri = triangulate(b.case, b.profile)
    if not tri.agree_on_top:
        b.cautions.append(tri.verdict())
    specs = [_method_spec(m) for m in [*tri.ranks.columns, *tri.skipped]]
    principles = ", ".join(f"{s.principle} ({s.abbreviation})" for s in specs)
    b.add(
        "methods",
        "Does the method matter?",
        "methods.html.j2",
        principles=principles,
        table=_table(tri.to_html()),
    )


def _risks(b: _Brief) -> None:
    from policyopts import plots
    from policyopts.riskregister import risk_register

    if not b.case.risks:
        return
    reg = risk_register(b.case)
    worst = str(reg.totals.idxmax())
    b.bottom.append(
        _bottom(
            "heaviest_risk",
            b.name(worst),
            f"{float(reg.totals.max()):.2f}",
            f"{float(reg.totals.min()):.2f}",
        )
    )
    risks = [
        {
            "name": r.name,
            "likelihood": r.likelihood,
            "impact_text": f"{r.impact:g}",
            "rationale": r.rationale,
            "evidence": list(r.evidence),
        }
        for r in b.case.risks
    ]
    b.add(
        "risks",
        "Risks",
        "risks.html.j2",
        table=_table(reg.to_html()),
        matrix=_figure(plots.risk_matrix(reg), "Risks by likelihood and impact.", "risk matrix"),
        risks=risks,
    )


def _scenarios(b: _Brief) -> None:
    from policyopts import plots
    from policyopts.scenarios import scenario_robustness

    if not b.case.scenarios:
        return
    sr = scenario_robustness(b.case, b.profile, method=b.method)
    b.add(
        "scenarios",
        "If the future unfolds differently",
        "scenarios.html.j2",
        scenarios=b.case.scenarios,
        summary=sr.summary(),
        table=_table(sr.to_html()),
        regret=_figure(
            plots.regret_heatmap(sr),
            "Regret: how far each option falls short of the best option in each scenario.",
            "regret heatmap",
        ),
    )


def _drivers(b: _Brief) -> None:
    from policyopts import plots
    from policyopts.drivers import drivers

    if len(b.case.criterion_ids) < 2:
        return
    result = drivers(b.case, b.profile)
    b.add(
        "drivers",
        "What drives the answer",
        "drivers.html.j2",
        sentences=result.sentences(),
        table=_table(result.to_html()),
        chart=_figure(
            plots.drivers(result),
            "Each branch's weight beside its share of the differences between options.",
            "weights and shares of the differences by branch",
        ),
    )


def _watch(b: _Brief) -> None:
    from policyopts._tables import html_table
    from policyopts.waiting import watch_brief

    # Triggers move one weight against the others: they need two criteria.
    if not b.case.scenarios or b.profile is None or len(b.case.criterion_ids) < 2:
        return
    brief = watch_brief(b.case, b.profile).as_dict()

    def table(part: Any) -> Markup | None:
        if not part or not part.get("rows"):
            return None
        return _table(html_table(part["header"], part["rows"], digits=3))

    b.add(
        "watch",
        "Indicators to watch",
        "watch.html.j2",
        headline=brief["headline"],
        paragraphs=brief["paragraphs"],
        triggers=table(brief["triggers"]),
        signposts=table(brief["signposts"]),
    )


def _robustness(b: _Brief) -> None:
    from policyopts import plots
    from policyopts.compare import compare
    from policyopts.sensitivity.flips import flip_analysis
    from policyopts.sensitivity.smaa import smaa_case
    from policyopts.sensitivity.stability import stability_table
    from policyopts.sensitivity.summary import robustness_summary
    from policyopts.sensitivity.tornado import tornado

    summary = robustness_summary(b.case, method=b.method, n_samples=b.n_samples, seed=b.seed)
    if b.profile in summary.table.index:
        verdict = str(summary.table.at[b.profile, "verdict"])
        top = str(summary.table.at[b.profile, "top"])
        share = float(summary.table["smaa_first"].astype(float)[str(b.profile)])
        b.bottom.append(
            _bottom("verdict", verdict, b.name(top), f"{100 * share:.0f}", f"{b.n_samples:,}")
        )
    sm = smaa_case(
        b.case, b.profile, method=b.method, n_samples=b.n_samples, seed=b.seed, weights="profile"
    )
    acceptability = _figure(
        plots.rank_acceptability(sm),
        "Share of draws in which each option takes each rank (SMAA-2, weights centred on "
        "the profile, scores and likelihoods drawn from their ranges).",
        "rank acceptability",
    )
    stability: dict[str, Any] | None = None
    flips: list[str] = []
    # Weight stability moves one weight against the others: it needs two criteria.
    if (
        _method_spec(b.method).linear_in_weights
        and len(compare(b.case, b.profile).criterion_names) > 1
    ):
        stab = stability_table(b.case, b.profile, method=b.method)
        stability = {
            "sentences": stab.sentences(),
            "figure": _figure(
                plots.stability(stab),
                "Range of each criterion's weight over which the top option stays first "
                "(others keep their proportions); the marker is the current weight.",
                "stability intervals",
            ),
        }
        flips = flip_analysis(b.case, b.profile).sentences()
    tor = tornado(b.case, b.profile, method=b.method)
    b.add(
        "robustness",
        "How robust is the answer?",
        "robustness.html.j2",
        summary_table=_table(summary.to_html()),
        summary_sentences=summary.sentences(),
        smaa_summary=sm.summary(),
        acceptability=acceptability,
        stability=stability,
        flips=flips,
        tornado_summary=tor.summary(),
        tornado=_figure(
            plots.tornado(tor),
            "Margin between the top two options as each input moves across its range.",
            "tornado",
        ),
    )


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
    table = html_table(
        ["Option", "Criterion", "Score", "Range", "Basis", "Rationale", "Evidence"],
        rows,
        css_class="policyopts-table wide",
    )
    b.add(
        "assessments",
        "Appendix A — the scores and why",
        "assessments.html.j2",
        n_source=counts["source"],
        n_assessments=len(case.assessments),
        percent=f"{100 * counts['source'] / total:.0f}",
        table=_table(table),
    )


def _evidence(b: _Brief) -> None:
    case = b.case
    if not case.evidence:
        return
    sources = [{"id": s.id, "citation": s.citation(), "document": s.document} for s in case.sources]
    records = []
    for e in case.evidence:
        figs = "; ".join(
            (f.qualifier.replace("_", " ") + " " if f.qualifier != "exactly" else "")
            + f"{f.value:g} {f.unit} ({f.what})"
            for f in e.figures
        )
        records.append(
            {
                "id": e.id,
                "source": e.source,
                "location": e.location,
                "claim": e.claim,
                "figures": figs,
            }
        )
    b.add("evidence", "Appendix B — evidence", "evidence.html.j2", sources=sources, records=records)


#: Sections in reading order; each adds itself to the brief.
SECTIONS: list[Callable[[_Brief], None]] = [
    _options,
    _criteria,
    _comparison,
    _drivers,
    _profiles,
    _methods,
    _risks,
    _scenarios,
    _watch,
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
    """The brief as one HTML string (see :func:`report`).

    Every piece of case text is HTML-escaped: the brief is rendered from
    Jinja2 templates with autoescaping on (``report/templates/``). A case
    beyond the sizes in :mod:`policyopts._limits` is refused with a
    :class:`ValueError` before any work.
    """
    from policyopts._limits import check_size
    from policyopts.report._style import CSS

    check_size(case, "the brief")
    b = _Brief(case, profile, method, seed, n_samples)
    for section in SECTIONS:
        section(b)
    meta = f"As of {case.as_of}" if case.as_of else ""
    if case.authors:
        meta += (" · " if meta else "") + ", ".join(case.authors)
    return str(
        _render(
            "brief.html.j2",
            case=case,
            css=Markup(CSS),
            meta=meta,
            bottom=b.bottom,
            cautions=b.cautions,
            sections=b.sections,
            version=__version__,
            today=(date or _dt.date.today()).isoformat(),
            method=method,
            profile=b.profile,
            seed=seed,
            draws=f"{n_samples:,}",
            sha256=case_hash(case),
        )
    )


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
        Where to write the ``.html`` file, atomically
        (:func:`policyopts.io.write_atomic`: never over the case file it was
        made from, a folder or a device).
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
    from policyopts.io import load_case, write_atomic

    inputs = []
    if not isinstance(case, Case):
        if Path(case).exists():
            inputs.append(case)
        case = load_case(case)
    text = build_report(
        case, profile=profile, method=method, seed=seed, n_samples=n_samples, date=date
    )
    return write_atomic(path, text, inputs=inputs)
