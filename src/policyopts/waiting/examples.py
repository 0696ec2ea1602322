"""Illustrative signposts for the bundled Mali case.

The bundled case carries its own signposts (in ``criteria/mali.yaml``); these
four extra ones show what a dependent signpost looks like and feed the
examples, the notebook and the ``policyopts watch --example-signposts`` demo.  The
likelihoods are analyst judgement made for illustration, not estimates drawn
from the sources (the evidence ids point at the reporting that motivates
each indicator).
"""

from __future__ import annotations

from typing import Any

from policyopts.model import Case

__all__ = ["MALI_SIGNPOSTS", "with_signposts"]

#: Extra signposts for the Mali case's six scenarios (decline without collapse,
#: regional centres first, strangulation of Bamako, JNIM advances on the
#: capital, the junta falls, negotiated de-escalation).
MALI_SIGNPOSTS: list[dict[str, Any]] = [
    {
        "id": "fuel_blockade_bamako",
        "name": "Fuel convoys into Bamako stop",
        "description": "The blockade shuts the fuel supply of the capital.",
        "observation": "No fuel convoy reaches Bamako for 30 consecutive days.",
        "lead_time": {"value": 3, "unit": "months"},
        "likelihoods": {
            "decline_without_collapse": 0.2,
            "regional_centres_first": 0.35,
            "strangulation": 0.85,
            "advance_on_capital": 0.7,
            "junta_falls": 0.5,
            "negotiated_deescalation": 0.05,
        },
        "rationale": (
            "A blockade that holds for a month is the mechanism of strangulation and the "
            "prelude to an advance; under slow decline convoys keep getting through."
        ),
        "evidence": ["ev_fuel_blockade_trucks"],
    },
    {
        "id": "jnim_massing_near_bamako",
        "name": "JNIM masses near Bamako",
        "observation": "Several JNIM units are reported within 100 km of Bamako at once.",
        "lead_time": {"value": 2, "unit": "months"},
        "likelihoods": {
            "decline_without_collapse": 0.05,
            "regional_centres_first": 0.1,
            "strangulation": 0.25,
            "advance_on_capital": 0.9,
            "junta_falls": 0.1,
            "negotiated_deescalation": 0.02,
        },
        "rationale": (
            "An advance on a city of three million needs most of JNIM's fighters close by; "
            "nothing else calls for massing."
        ),
        "evidence": ["ev_6000_vs_3m"],
    },
    {
        "id": "bamako_jnim_talks",
        "name": "Bamako and JNIM open talks",
        "observation": "Bamako confirms, or mediators credibly report, talks with JNIM's leaders.",
        "lead_time": {"value": 3, "unit": "months"},
        "likelihoods": {
            "decline_without_collapse": 0.1,
            "regional_centres_first": 0.05,
            "strangulation": 0.1,
            "advance_on_capital": 0.02,
            "junta_falls": 0.15,
            "negotiated_deescalation": 0.9,
        },
        "rationale": (
            "Open talks are the first step of a negotiated de-escalation and rare in any "
            "other future, where the juntas have preferred crackdowns."
        ),
        "evidence": ["ev_deals_with_armed_groups"],
    },
    {
        "id": "junta_split",
        "name": "The junta splits",
        "observation": "A unit mutinies or a junta member breaks publicly with its leader.",
        "lead_time": {"value": 4, "unit": "months"},
        "depends_on": ["fuel_blockade_bamako"],
        "conditional": [
            {
                "when": {"fuel_blockade_bamako": True},
                "likelihoods": {
                    "decline_without_collapse": 0.15,
                    "regional_centres_first": 0.25,
                    "strangulation": 0.6,
                    "advance_on_capital": 0.5,
                    "junta_falls": 0.8,
                    "negotiated_deescalation": 0.1,
                },
            },
            {
                "when": {"fuel_blockade_bamako": False},
                "likelihoods": {
                    "decline_without_collapse": 0.05,
                    "regional_centres_first": 0.1,
                    "strangulation": 0.3,
                    "advance_on_capital": 0.3,
                    "junta_falls": 0.5,
                    "negotiated_deescalation": 0.05,
                },
            },
        ],
        "rationale": (
            "Shortages strain the army whatever the scenario, so a split is not independent "
            "of the blockade given the scenario: it is given conditionally on it."
        ),
        "evidence": ["ev_scenarios_capital"],
    },
]


def with_signposts(case: Case, signposts: list[dict[str, Any]] | None = None) -> Case:
    """A validated copy of ``case`` whose signposts are ``signposts`` (default
    :data:`MALI_SIGNPOSTS`), in place of any the case has.

    The signposts replace the case's own rather than join them: two sets
    written separately can watch the same event (both Mali sets watch the fuel
    convoys into Bamako), and Bayes' rule would count it twice as independent
    evidence.

    Examples
    --------
    >>> import policyopts as po
    >>> [s.id for s in with_signposts(po.load_case("mali")).signposts][:2]
    ['fuel_blockade_bamako', 'jnim_massing_near_bamako']
    """
    data = case.model_dump(mode="python")
    data["signposts"] = list(signposts or MALI_SIGNPOSTS)
    return Case.model_validate(data)
