"""policyopts: decision support for policy options.

Model a government's policy options as alternatives, score them with
multi-criteria decision analysis against weighted risks, and see how far the
ranking can be trusted.

>>> import policyopts as po
>>> case = po.load_case("mali")
>>> cmp = po.compare(case, profile="balanced", method="wsm")
>>> cmp.ranking[0] in case.option_ids
True
"""

from policyopts import distributions, group, methods, plots, ranksim, weights, widgets
from policyopts._version import __version__

# risks and scenarios that count
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
    rpm,
    rpm_case,
    score_portfolios,
    vertex_portfolios,
)
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
    discover,
    evsi,
    pathways,
    triggers,
    update_scenarios,
    value_of_waiting,
    watch_brief,
)

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
