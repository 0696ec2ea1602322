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

from policyopts import group, methods, ranksim, weights, widgets
from policyopts._version import __version__
from policyopts.compare import Comparison, ProfileComparison, compare, compare_profiles
from policyopts.dominance import dominance_matrix, dominated_options
from policyopts.exceptions import CaseError, CaseProblem, PolicyoptsError
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
from policyopts.riskregister import RiskRegister, risk_register
from policyopts.triangulation import Triangulation, triangulate

__all__ = [
    "Assessment",
    "Branch",
    "Case",
    "CaseError",
    "CaseProblem",
    "Comparison",
    "Criterion",
    "Evidence",
    "GroupRanking",
    "Option",
    "Participants",
    "PolicyoptsError",
    "ProfileComparison",
    "Risk",
    "RiskRegister",
    "Scenario",
    "Source",
    "Triangulation",
    "UncertainInput",
    "UncertainInputs",
    "WeightProfile",
    "__version__",
    "aggregate",
    "bundled_cases",
    "case_schema",
    "compare",
    "compare_profiles",
    "disagreement",
    "dominance_matrix",
    "dominated_options",
    "group",
    "group_rankings",
    "load_case",
    "methods",
    "ranksim",
    "read_participants",
    "risk_register",
    "save_case",
    "triangulate",
    "uncertain_inputs",
    "weights",
    "widgets",
]
