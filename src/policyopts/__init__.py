"""policyopts: decision support for policy options.

Model a government's policy options as alternatives, score them with
multi-criteria decision analysis against weighted risks, and see how far the
ranking can be trusted.

>>> import policyopts as po
>>> case = po.load_case("mali")
>>> cmp = po.compare(case, profile="balanced", method="wsm")
>>> cmp.ranking[0] in case.option_ids
True

Every name below is loaded the first time it is used, so ``import
policyopts`` costs little more than the packages it cannot do without: the
analysis (pandas, scipy), the report (jinja2) and the figures (matplotlib)
are imported by the first function that needs them.

Cases
=====
load_case, save_case        read and validate a case (bundled name or path); write one atomically
bundled_cases, case_schema  the cases shipped with the library; the JSON Schema of a case file
Case                        options, criteria, assessments, risks, scenarios, profiles, evidence
Option, Criterion, Branch   the alternatives and the value tree they are scored on
Assessment                  one option's score on one criterion, with its rationale and evidence
Risk, Scenario              risks to the goals; possible futures and what they change
WeightProfile               a stakeholder perspective: how much each criterion matters
Evidence, Source            the claims behind the scores and the documents they come from

Errors
======
PolicyoptsError             base class of the library's exceptions
CaseError, CaseProblem      an invalid case (a ``ValueError``) and each located problem in it
OutputError                 an output file that could not or must not be written

Comparing options
=================
Problem                     a labelled decision problem, from a case or a DataFrame
compare, Comparison         rank the options under one profile and one method
compare_profiles            the ranking under every stakeholder profile
ProfileComparison
triangulate, Triangulation  the ranking under several methods side by side
drivers, Drivers            which criteria and branches drive the differences between options
dominance_matrix            pairwise Pareto dominance (arrays)
dominated_options           the options another option beats on every criterion

How far to trust the ranking
============================
smaa, SMAAResult            SMAA-2 on arrays: acceptabilities, central weights, confidence
smaa_case, CaseSMAA         SMAA-2 of a case, with uncertain weights and scores
WeightDistribution          what is known about the weights, as a distribution on the simplex
uniform_weights, ordinal_weights, interval_weights, centred_weights, fixed_weights
uncertain_inputs            the uncertain numbers of a case (``UncertainInput``,
                            ``UncertainInputs``)
one_way, OneWay             scores as one weight moves from 0 to 1 (arrays)
one_way_case, OneWayResult  the same for a case; ``one_way_all``, ``OneWayAll`` for every criterion
weight_stability            the interval of each weight that keeps the top option (arrays)
stability_table             the same for a case (``StabilityTable``)
flip_analysis               what it takes to put each challenger first (``FlipAnalysis``)
tornado, TornadoResult      one-at-a-time swings of every uncertain input
sobol, SobolResult          variance-based (Sobol') sensitivity indices
robustness_summary          how robust each profile's top option is (``RobustnessSummary``)

Risks and scenarios
===================
risk_register, RiskRegister each option's exposure to each risk and its burden
robustness, regret_table    classic decision criteria and Savage regret on a payoff table
evpi                        expected value of perfect information about the scenario
scenario_robustness         how each option fares across a case's scenarios
ScenarioRobustness
scenario_table              every option's score under each scenario and the expected mix
value_of_information        which uncertainty is worth resolving first
ValueOfInformation

Waiting and signposts
=====================
update_scenarios            scenario probabilities after observing signposts (``ScenarioUpdate``)
evsi, EVSIResult            expected value of observing one signpost
value_of_waiting            deciding now against watching and deciding later (``WaitingValue``)
triggers, Triggers          thresholds at which the top option changes
pathways, Pathways          an adaptive plan: a start option and the switches that may follow
discover, Discovery         PRIM scenario discovery: where the top option loses
watch_brief, WatchBrief     the brief's "what to watch" section

Portfolios
==========
portfolios                  score and rank every feasible portfolio of a case
PortfolioRanking
feasible_portfolios         every feasible portfolio as a membership matrix (arrays)
score_portfolios            feasible portfolios with their totals (``ScoredPortfolios``)
portfolio_values            portfolio values, batched over weight vectors
best_portfolio              the best portfolio under one weight vector (``BestPortfolio``)
vertex_portfolios           the best portfolio at each vertex of a weight set
VertexPortfolios
rpm, RPMResult              robust portfolio modelling on arrays
rpm_case, CaseRPM           robust portfolio modelling of a case
portfolio_smaa              how often each portfolio is best (``PortfolioSMAA``)

Groups
======
read_participants           participants' weights from a workshop file (``Participants``)
aggregate, disagreement     the group's weights; where the participants disagree
group_rankings              the options ranked under each participant's weights
GroupRanking

Audit and brief
===============
audit, Audit, Finding       what a case's numbers contradict or leave unused
report                      write the self-contained HTML brief of a case

Subpackages
===========
methods                     batched MCDA methods and the method registry
weights                     weighting schemes: AHP, swing, rank-order, entropy, ...
distributions               weight distributions for SMAA and portfolio SMAA
ranksim                     similarity of two rankings
group                       group elicitation
plots                       matplotlib figures for workshops and briefs
widgets                     live weight sliders for notebooks
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING

from policyopts._version import __version__

if TYPE_CHECKING:
    from policyopts import distributions, group, methods, plots, ranksim, weights, widgets
    from policyopts.audit import Audit, Finding, audit
    from policyopts.compare import Comparison, ProfileComparison, compare, compare_profiles
    from policyopts.dominance import dominance_matrix, dominated_options
    from policyopts.drivers import Drivers, drivers
    from policyopts.exceptions import CaseError, CaseProblem, OutputError, PolicyoptsError
    from policyopts.group import (
        GroupRanking,
        Participants,
        aggregate,
        disagreement,
        group_rankings,
        read_participants,
    )
    from policyopts.inputs import UncertainInput, UncertainInputs, uncertain_inputs
    from policyopts.io import bundled_cases, case_schema, load_case, save_case
    from policyopts.model import (
        Assessment,
        Branch,
        Case,
        Criterion,
        Evidence,
        Option,
        Risk,
        Scenario,
        Source,
        WeightProfile,
    )
    from policyopts.portfolio import (
        BestPortfolio,
        CaseRPM,
        PortfolioRanking,
        PortfolioSMAA,
        RPMResult,
        ScoredPortfolios,
        VertexPortfolios,
        best_portfolio,
        feasible_portfolios,
        portfolio_smaa,
        portfolio_values,
        portfolios,
        rpm_case,
        score_portfolios,
        vertex_portfolios,
    )

    # Functions named like a submodule of their package are imported from the
    # module that defines them: that is the reading mypy does not confuse.
    from policyopts.portfolio.rpm import rpm
    from policyopts.problem import Problem
    from policyopts.report import report
    from policyopts.riskregister import RiskRegister, risk_register
    from policyopts.robustness import evpi, regret_table, robustness
    from policyopts.scenarios import (
        ScenarioRobustness,
        ValueOfInformation,
        scenario_robustness,
        scenario_table,
        value_of_information,
    )
    from policyopts.sensitivity.flips import FlipAnalysis, flip_analysis
    from policyopts.sensitivity.oneway import (
        OneWay,
        OneWayAll,
        OneWayResult,
        one_way,
        one_way_all,
        one_way_case,
    )
    from policyopts.sensitivity.smaa import (
        CaseSMAA,
        SMAAResult,
        WeightDistribution,
        centred_weights,
        fixed_weights,
        interval_weights,
        ordinal_weights,
        smaa,
        smaa_case,
        uniform_weights,
    )
    from policyopts.sensitivity.sobol import SobolResult, sobol
    from policyopts.sensitivity.stability import StabilityTable, stability_table, weight_stability
    from policyopts.sensitivity.summary import RobustnessSummary, robustness_summary
    from policyopts.sensitivity.tornado import TornadoResult, tornado
    from policyopts.triangulation import Triangulation, triangulate
    from policyopts.waiting import (
        Discovery,
        EVSIResult,
        Pathways,
        ScenarioUpdate,
        Triggers,
        WaitingValue,
        WatchBrief,
        update_scenarios,
        value_of_waiting,
        watch_brief,
    )
    from policyopts.waiting.discover import discover
    from policyopts.waiting.evsi import evsi
    from policyopts.waiting.pathways import pathways
    from policyopts.waiting.triggers import triggers

#: Subpackages exported as they are (``po.methods``, ``po.plots``, ...).
_SUBMODULES = frozenset(
    {"distributions", "group", "methods", "plots", "ranksim", "weights", "widgets"}
)

#: Where each public name lives: the module imported the first time it is used.
#: Keep it in step with the ``TYPE_CHECKING`` imports above and with ``__all__``.
_LOCATIONS: dict[str, tuple[str, ...]] = {
    "policyopts.audit": ("Audit", "Finding", "audit"),
    "policyopts.compare": ("Comparison", "ProfileComparison", "compare", "compare_profiles"),
    "policyopts.dominance": ("dominance_matrix", "dominated_options"),
    "policyopts.drivers": ("Drivers", "drivers"),
    "policyopts.exceptions": ("CaseError", "CaseProblem", "OutputError", "PolicyoptsError"),
    "policyopts.group": (
        "GroupRanking",
        "Participants",
        "aggregate",
        "disagreement",
        "group_rankings",
        "read_participants",
    ),
    "policyopts.inputs": ("UncertainInput", "UncertainInputs", "uncertain_inputs"),
    "policyopts.io": ("bundled_cases", "case_schema", "load_case", "save_case"),
    "policyopts.model": (
        "Assessment",
        "Branch",
        "Case",
        "Criterion",
        "Evidence",
        "Option",
        "Risk",
        "Scenario",
        "Source",
        "WeightProfile",
    ),
    "policyopts.portfolio": (
        "BestPortfolio",
        "CaseRPM",
        "PortfolioRanking",
        "PortfolioSMAA",
        "RPMResult",
        "ScoredPortfolios",
        "VertexPortfolios",
        "best_portfolio",
        "feasible_portfolios",
        "portfolio_smaa",
        "portfolio_values",
        "portfolios",
        "rpm",
        "rpm_case",
        "score_portfolios",
        "vertex_portfolios",
    ),
    "policyopts.problem": ("Problem",),
    "policyopts.report": ("report",),
    "policyopts.riskregister": ("RiskRegister", "risk_register"),
    "policyopts.robustness": ("evpi", "regret_table", "robustness"),
    "policyopts.scenarios": (
        "ScenarioRobustness",
        "ValueOfInformation",
        "scenario_robustness",
        "scenario_table",
        "value_of_information",
    ),
    "policyopts.sensitivity.flips": ("FlipAnalysis", "flip_analysis"),
    "policyopts.sensitivity.oneway": (
        "OneWay",
        "OneWayAll",
        "OneWayResult",
        "one_way",
        "one_way_all",
        "one_way_case",
    ),
    "policyopts.sensitivity.smaa": (
        "CaseSMAA",
        "SMAAResult",
        "WeightDistribution",
        "centred_weights",
        "fixed_weights",
        "interval_weights",
        "ordinal_weights",
        "smaa",
        "smaa_case",
        "uniform_weights",
    ),
    "policyopts.sensitivity.sobol": ("SobolResult", "sobol"),
    "policyopts.sensitivity.stability": ("StabilityTable", "stability_table", "weight_stability"),
    "policyopts.sensitivity.summary": ("RobustnessSummary", "robustness_summary"),
    "policyopts.sensitivity.tornado": ("TornadoResult", "tornado"),
    "policyopts.triangulation": ("Triangulation", "triangulate"),
    "policyopts.waiting": (
        "Discovery",
        "EVSIResult",
        "Pathways",
        "ScenarioUpdate",
        "Triggers",
        "WaitingValue",
        "WatchBrief",
        "discover",
        "evsi",
        "pathways",
        "triggers",
        "update_scenarios",
        "value_of_waiting",
        "watch_brief",
    ),
}
_WHERE: dict[str, str] = {name: module for module, names in _LOCATIONS.items() for name in names}

__all__ = [
    "Assessment",
    "Audit",
    "BestPortfolio",
    "Branch",
    "Case",
    "CaseError",
    "CaseProblem",
    "CaseRPM",
    "CaseSMAA",
    "Comparison",
    "Criterion",
    "Discovery",
    "Drivers",
    "EVSIResult",
    "Evidence",
    "Finding",
    "FlipAnalysis",
    "GroupRanking",
    "OneWay",
    "OneWayAll",
    "OneWayResult",
    "Option",
    "OutputError",
    "Participants",
    "Pathways",
    "PolicyoptsError",
    "PortfolioRanking",
    "PortfolioSMAA",
    "Problem",
    "ProfileComparison",
    "RPMResult",
    "Risk",
    "RiskRegister",
    "RobustnessSummary",
    "SMAAResult",
    "Scenario",
    "ScenarioRobustness",
    "ScenarioUpdate",
    "ScoredPortfolios",
    "SobolResult",
    "Source",
    "StabilityTable",
    "TornadoResult",
    "Triangulation",
    "Triggers",
    "UncertainInput",
    "UncertainInputs",
    "ValueOfInformation",
    "VertexPortfolios",
    "WaitingValue",
    "WatchBrief",
    "WeightDistribution",
    "WeightProfile",
    "__version__",
    "aggregate",
    "audit",
    "best_portfolio",
    "bundled_cases",
    "case_schema",
    "centred_weights",
    "compare",
    "compare_profiles",
    "disagreement",
    "discover",
    "distributions",
    "dominance_matrix",
    "dominated_options",
    "drivers",
    "evpi",
    "evsi",
    "feasible_portfolios",
    "fixed_weights",
    "flip_analysis",
    "group",
    "group_rankings",
    "interval_weights",
    "load_case",
    "methods",
    "one_way",
    "one_way_all",
    "one_way_case",
    "ordinal_weights",
    "pathways",
    "plots",
    "portfolio_smaa",
    "portfolio_values",
    "portfolios",
    "ranksim",
    "read_participants",
    "regret_table",
    "report",
    "risk_register",
    "robustness",
    "robustness_summary",
    "rpm",
    "rpm_case",
    "save_case",
    "scenario_robustness",
    "scenario_table",
    "score_portfolios",
    "smaa",
    "smaa_case",
    "sobol",
    "stability_table",
    "tornado",
    "triangulate",
    "triggers",
    "uncertain_inputs",
    "uniform_weights",
    "update_scenarios",
    "value_of_information",
    "value_of_waiting",
    "vertex_portfolios",
    "watch_brief",
    "weight_stability",
    "weights",
    "widgets",
]


def __getattr__(name: str) -> object:
    """Import a public name on first use (PEP 562) and keep it in the namespace."""
    if name in _SUBMODULES:
        value: object = importlib.import_module(f"{__name__}.{name}")
    elif name in _WHERE:
        value = getattr(importlib.import_module(_WHERE[name]), name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


class _Namespace(types.ModuleType):
    """The package's module type: a public function keeps its name when the
    submodule of the same name is imported.

    Importing ``policyopts.compare`` (or ``.report``, ``.audit``, ...) sets the
    package attribute ``compare`` to that module; eager imports used to
    overwrite it with the function right after. Here the function is looked up
    in the freshly imported module instead, so ``po.compare`` is the function
    whatever was imported first.
    """

    def __setattr__(self, name: str, value: object) -> None:
        if isinstance(value, types.ModuleType) and _WHERE.get(name) == value.__name__:
            value = getattr(value, name)
        super().__setattr__(name, value)

    def __reduce__(self) -> tuple[object, tuple[str]]:
        # Pickle by reference, as a plain module is: the pickler's table of
        # reducers is keyed by exact type, so a ModuleType subclass needs its own
        # (Dask and cloudpickle pickle the globals of a function that uses ``po``).
        return importlib.import_module, (self.__name__,)


sys.modules[__name__].__class__ = _Namespace
