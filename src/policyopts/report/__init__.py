"""A self-contained HTML brief for a case, written for a policymaker.

:func:`report` writes one HTML file — styles and figures inline, nothing
loaded from the network — that leads with the bottom line
(:func:`bottom_line`: what is robust first; when the top choice is contested,
the contender and the share of simulations each wins), then the recommended
strategy with its sequence, decision points and costs, the key assumptions,
a red team of the last-ranked option, the indicators to watch, the options,
how they compare, whose priorities change the answer and the scenarios.
Appendices follow: the methods, the robustness detail, the drivers, the
risks, every score with its rationale, the evidence (sources by outlet,
title, author and date), the scale of estimative words
(:func:`estimative`) and a glossary. Technical terms appear only in the
appendices. The header dates the case's assumptions ("as of") apart from the
day the brief was generated; a footer records how to reproduce it.

The figures are inline SVG drawn by :mod:`policyopts.report._svg` (crisp at
any zoom, their text real text for search and screen readers, no plotting
stack needed: writing a brief never imports matplotlib).

Each analysis runs once per brief and is shared between the sections that
use it (:class:`~policyopts.report._analysis.BriefAnalysis`): one simulation
run (SMAA) per stakeholder profile at ``n_samples`` draws (10,000 by default).
"""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Callable
from pathlib import Path

from markupsafe import Markup

from policyopts._version import __version__
from policyopts.model import Case
from policyopts.report import _appendix, _detail, _sections
from policyopts.report._analysis import DEFAULT_DRAWS, BriefAnalysis
from policyopts.report._analysis import as_of_words as _as_of
from policyopts.report._base import Brief, render
from policyopts.report._bottom_line import BottomLine, bottom_line
from policyopts.report._estimative import ESTIMATIVE_SCALE, estimative
from policyopts.results import case_hash

__all__ = [
    "ESTIMATIVE_SCALE",
    "BottomLine",
    "BriefAnalysis",
    "bottom_line",
    "build_report",
    "case_hash",
    "estimative",
    "report",
]


#: Sections in reading order; each adds itself to the brief (or not, when the
#: case lacks what it needs). Appendix sections come last.
SECTIONS: list[Callable[[Brief], None]] = [
    _sections.strategy,
    _sections.assumptions,
    _sections.red_team,
    _sections.watch,
    _detail.options,
    _detail.comparison,
    _detail.criteria,
    _detail.priorities,
    _detail.scenarios,
    _appendix.methods,
    _appendix.robustness,
    _appendix.drivers,
    _appendix.risks,
    _appendix.assessments,
    _appendix.evidence,
    _appendix.scale,
    _appendix.glossary,
]


def build_report(
    case: Case,
    *,
    profile: str | None = None,
    method: str = "wsm",
    seed: int = 0,
    n_samples: int = DEFAULT_DRAWS,
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
    analysis = BriefAnalysis(case, profile, method=method, seed=seed, n_samples=n_samples)
    b = Brief(analysis)
    line = bottom_line(analysis)
    bottom = render("bottom_line.html.j2", lead=line.sentences[0], rest=line.sentences[1:])
    for section in SECTIONS:
        section(b)
    return str(
        render(
            "brief.html.j2",
            case=case,
            css=Markup(CSS),
            as_of=_as_of(case.as_of),
            authors=", ".join(case.authors),
            bottom=bottom,
            sections=b.sections,
            version=__version__,
            today=(date or _dt.date.today()).isoformat(),
            method=method,
            profile=analysis.profile,
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
    n_samples: int = DEFAULT_DRAWS,
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
        Seed and number of draws per stakeholder profile of the simulations
        (10,000 by default: a share's standard error is then at most half a
        percentage point).
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
