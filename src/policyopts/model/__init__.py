"""The domain model: pydantic v2, frozen, no unknown fields.

Every model raises :class:`~policyopts.CaseError` on bad input, naming the
field path and the value.
"""

from policyopts.model.assessments import Assessment
from policyopts.model.case import Case
from policyopts.model.criteria import (
    Branch,
    Criterion,
    ExponentialValue,
    LinearValue,
    PiecewiseLinearValue,
    Scale,
    ScaleLabel,
    ValueFunction,
)
from policyopts.model.evidence import Evidence, Figure, Source
from policyopts.model.options import Option
from policyopts.model.portfolio import Interaction, PortfolioSpec, Resource
from policyopts.model.profiles import AhpJudgements, WeightProfile
from policyopts.model.risks import Risk, RiskCriterion, risk_burdens
from policyopts.model.scenarios import Scenario, ScoreChange
from policyopts.model.signposts import ConditionalLikelihood, LeadTime, Signpost
from policyopts.model.uncertainty import (
    Discrete,
    Normal,
    Pert,
    Range,
    Triangular,
    Uncertainty,
    Uniform,
)

__all__ = [
    "AhpJudgements",
    "Assessment",
    "Branch",
    "Case",
    "ConditionalLikelihood",
    "Criterion",
    "Discrete",
    "Evidence",
    "ExponentialValue",
    "Figure",
    "Interaction",
    "LeadTime",
    "LinearValue",
    "Normal",
    "Option",
    "Pert",
    "PiecewiseLinearValue",
    "PortfolioSpec",
    "Range",
    "Resource",
    "Risk",
    "RiskCriterion",
    "Scale",
    "ScaleLabel",
    "Scenario",
    "ScoreChange",
    "Signpost",
    "Source",
    "Triangular",
    "Uncertainty",
    "Uniform",
    "ValueFunction",
    "WeightProfile",
    "risk_burdens",
]
