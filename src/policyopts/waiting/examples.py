"""Illustrative signposts for the bundled Mali case.

The bundled case has no signposts yet; these four show what they look like
and feed the examples, the notebook and the ``policyopts watch`` demo.  The
likelihoods are analyst judgement made for illustration, not estimates drawn
from the sources (the evidence ids point at the reporting that motivates
each indicator).
"""

from __future__ import annotations

from typing import Any

from policyopts.model import Case

__all__ = ["MALI_SIGNPOSTS", "with_signposts"]

#: Signposts for the Mali case's four scenarios (decline without collapse,
#: strangulation of Bamako, JNIM advances on the capital, two statelets).
MALI_SIGNPOSTS: list[dict[str, Any]] = [
    {
        "id": "fuel_blockade_bamako",
        "name": "Fuel convoys into Bamako stop",
        "description": "The blockade shuts the fuel supply of the capital.",
        "observation": "No fuel convoy reaches Bamako for 30 consecutive days.",
        "lead_time": {"value": 3, "unit": "months"},
        "likelihoods": {
            "decline_without_collapse": 0.2,
            "strangulation": 0.85,
            "advance_on_capital": 0.7,
            "northern_rebellion_statelets": 0.3,
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
            "strangulation": 0.3,
            "advance_on_capital": 0.9,
            "northern_rebellion_statelets": 0.1,
        },
        "rationale": (
            "An advance on a city of three million needs most of JNIM's fighters close by; "
            "nothing else calls for massing."
        ),
        "evidence": ["ev_6000_vs_3m"],
    },
    {
        "id": "northern_towns_fall",
        "name": "Northern armed groups take a regional capital",
        "observation": "Northern armed groups hold Kidal, Gao or Timbuktu for a week.",
        "lead_time": {"value": 6, "unit": "months"},
        "likelihoods": {
            "decline_without_collapse": 0.1,
            "strangulation": 0.15,
            "advance_on_capital": 0.2,
            "northern_rebellion_statelets": 0.8,
        },
        "rationale": "Full northern rebellion shows first as the loss of a regional capital.",
        "evidence": ["ev_algiers_crumbling"],
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
                    "strangulation": 0.6,
                    "advance_on_capital": 0.5,
                    "northern_rebellion_statelets": 0.2,
                },
            },
            {
                "when": {"fuel_blockade_bamako": False},
                "likelihoods": {
                    "decline_without_collapse": 0.05,
                    "strangulation": 0.3,
                    "advance_on_capital": 0.3,
                    "northern_rebellion_statelets": 0.1,
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
    """A validated copy of ``case`` with ``signposts`` (default :data:`MALI_SIGNPOSTS`) added.

    Examples
    --------
    >>> import policyopts as po
    >>> [s.id for s in with_signposts(po.load_case("mali")).signposts][:2]
    ['fuel_blockade_bamako', 'jnim_massing_near_bamako']
    """
    data = case.model_dump(mode="python")
    data["signposts"] = [*data.get("signposts", []), *(signposts or MALI_SIGNPOSTS)]
    return Case.model_validate(data)
