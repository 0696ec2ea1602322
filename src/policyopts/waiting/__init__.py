"""Waiting and learning: signposts, Bayesian updating, the value of sample
information and of waiting, triggers, adaptive pathways and scenario discovery."""

from policyopts.waiting.bayes import ScenarioUpdate, observation_likelihoods, update_scenarios
from policyopts.waiting.brief import WatchBrief, watch_brief
from policyopts.waiting.discover import Discovery, discover
from policyopts.waiting.evsi import EVSIResult, evsi
from policyopts.waiting.pathways import Pathways, pathways
from policyopts.waiting.triggers import Triggers, triggers
from policyopts.waiting.value import WaitingValue, value_of_waiting

__all__ = [
    "Discovery",
    "EVSIResult",
    "Pathways",
    "ScenarioUpdate",
    "Triggers",
    "WaitingValue",
    "WatchBrief",
    "discover",
    "evsi",
    "observation_likelihoods",
    "pathways",
    "triggers",
    "update_scenarios",
    "value_of_waiting",
    "watch_brief",
]
