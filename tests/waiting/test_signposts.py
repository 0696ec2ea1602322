"""Signposts in the case model and Bayesian updating of scenario probabilities."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import policyopts as po
from policyopts.waiting.bayes import observation_likelihoods
from policyopts.waiting.examples import with_signposts

SIGNPOSTS: list[dict[str, Any]] = [
    {
        "id": "clouds",
        "name": "Clouds gather",
        "observation": "the sky darkens",
        "lead_time": {"value": 2, "unit": "weeks"},
        "likelihoods": {"calm": 0.2, "storm": 0.9},
        "rationale": "storms bring clouds",
        "evidence": ["ev1"],
    },
    {
        "id": "wind",
        "name": "Wind rises",
        "observation": "flags stand out",
        "likelihoods": {"calm": 0.5, "storm": 0.75},
        "rationale": "wind precedes storms",
    },
]


def _case(toy_data: dict[str, Any], signposts: list[dict[str, Any]]) -> po.Case:
    data = copy.deepcopy(toy_data)
    data["signposts"] = copy.deepcopy(signposts)
    return po.Case.model_validate(data)


def test_valid_and_round_trip(toy_data: dict[str, Any], tmp_path: Path) -> None:
    case = _case(toy_data, SIGNPOSTS)
    assert [s.id for s in case.signposts] == ["clouds", "wind"]
    assert str(case.signposts[0].lead_time) == "2 weeks"
    assert case.signposts[0].lead_time is not None
    assert case.signposts[0].lead_time.months == pytest.approx(14 * 12 / 365.25)
    for suffix in (".yaml", ".json"):
        path = po.save_case(case, tmp_path / f"c{suffix}")
        assert po.load_case(path) == case


def test_schema_lists_signposts() -> None:
    schema = po.case_schema()
    assert "signposts" in schema["properties"]


@pytest.mark.parametrize(
    ("change", "path", "text"),
    [
        (
            lambda s: s[0]["likelihoods"].update(storm=1.2),
            "signposts[clouds].likelihoods.storm",
            "outside [0, 1]",
        ),
        (
            lambda s: s[0]["likelihoods"].update(storm=-0.1),
            "signposts[clouds].likelihoods.storm",
            "outside [0, 1]",
        ),
        (
            lambda s: s[0]["likelihoods"].update(storm=0.0, calm=0.0),
            "signposts[clouds].likelihoods",
            "never be observed",
        ),
        (
            lambda s: s[0]["likelihoods"].update(flood=0.3),
            "signposts[clouds].likelihoods.flood",
            "unknown scenario",
        ),
        (
            lambda s: s[0]["likelihoods"].pop("calm"),
            "signposts[clouds].likelihoods",
            "no probability for calm",
        ),
        (lambda s: s[1].update(id="clouds"), "signposts[clouds].id", "duplicate id"),
        (
            lambda s: s[0].update(evidence=["nope"]),
            "signposts[clouds].evidence[0]",
            "unknown evidence",
        ),
        (lambda s: s[0].pop("observation"), "signposts[clouds].observation", "required"),
        (
            lambda s: s[0].update(lead_time={"value": 2, "unit": "fortnights"}),
            "signposts[clouds].lead_time.unit",
            "",
        ),
        (lambda s: s[0].update(likelihoods={}), "signposts[clouds].likelihoods", "every scenario"),
    ],
)
def test_located_errors(toy_data: dict[str, Any], change: Any, path: str, text: str) -> None:
    sps = copy.deepcopy(SIGNPOSTS)
    change(sps)
    with pytest.raises(po.CaseError) as info:
        _case(toy_data, sps)
    paths = [p.path for p in info.value.problems]
    assert path in paths, paths
    assert text in str(info.value)


def test_signposts_need_scenarios(toy_data: dict[str, Any]) -> None:
    toy_data["scenarios"] = []
    sps = copy.deepcopy(SIGNPOSTS)
    with pytest.raises(po.CaseError, match="need scenarios"):
        _case(toy_data, sps)


DEPENDENT = {
    "id": "rain",
    "name": "Rain",
    "observation": "it rains",
    "depends_on": ["clouds"],
    "conditional": [
        {"when": {"clouds": True}, "likelihoods": {"calm": 0.3, "storm": 0.8}},
        {"when": {"clouds": False}, "likelihoods": {"calm": 0.05, "storm": 0.4}},
    ],
    "rationale": "rain needs clouds",
}


def test_dependent_signpost_errors(toy_data: dict[str, Any]) -> None:
    bad = copy.deepcopy(DEPENDENT)
    bad["conditional"] = bad["conditional"][:1]
    with pytest.raises(po.CaseError, match="one row for each of the 2 combinations"):
        _case(toy_data, [*SIGNPOSTS, bad])
    bad = copy.deepcopy(DEPENDENT)
    with pytest.raises(po.CaseError, match="not a signpost listed before"):
        _case(toy_data, [bad, *SIGNPOSTS])
    bad = copy.deepcopy(DEPENDENT)
    bad["likelihoods"] = {"calm": 0.1, "storm": 0.2}
    with pytest.raises(po.CaseError, match="in 'conditional'"):
        _case(toy_data, [*SIGNPOSTS, bad])
    bad = copy.deepcopy(DEPENDENT)
    bad["conditional"][0]["likelihoods"]["storm"] = 2
    with pytest.raises(po.CaseError, match="outside"):
        _case(toy_data, [*SIGNPOSTS, bad])
    bad = copy.deepcopy(DEPENDENT)
    bad["conditional"][1]["likelihoods"].pop("calm")
    with pytest.raises(po.CaseError, match="no probability for calm"):
        _case(toy_data, [*SIGNPOSTS, bad])


# ------------------------------------------------------------------ updating


def test_update_hand_computed(toy_data: dict[str, Any]) -> None:
    case = _case(toy_data, SIGNPOSTS)
    # clouds seen: calm 0.6 * 0.2 = 0.12, storm 0.4 * 0.9 = 0.36; P = 0.48
    up = po.update_scenarios(case, {"clouds": True})
    assert up.probability == pytest.approx(0.48)
    assert up.posterior.to_dict() == pytest.approx({"calm": 0.25, "storm": 0.75})
    assert [s.probability for s in up.case.scenarios] == pytest.approx([0.25, 0.75])
    assert up.provenance.extra["observed"] == {"clouds": True}
    assert "“clouds gather” (seen)" in up.summary()
    # clouds seen, wind not: calm 0.6*0.2*0.5 = 0.06, storm 0.4*0.9*0.25 = 0.09 -> 0.4 / 0.6
    up = po.update_scenarios(case, {"clouds": True, "wind": False})
    assert up.posterior.to_dict() == pytest.approx({"calm": 0.4, "storm": 0.6})
    # not seeing clouds: calm 0.6*0.8 = 0.48, storm 0.4*0.1 = 0.04 -> 12/13, 1/13
    up = po.update_scenarios(case, {"clouds": False})
    assert up.posterior["calm"] == pytest.approx(12 / 13)
    assert "Posterior" in up.to_markdown()


def test_update_with_dependent_signpost(toy_data: dict[str, Any]) -> None:
    case = _case(toy_data, [*SIGNPOSTS, DEPENDENT])
    # rain alone: P(rain | s) = P(c|s) P(r|s,c) + P(!c|s) P(r|s,!c)
    calm = 0.2 * 0.3 + 0.8 * 0.05  # 0.1
    storm = 0.9 * 0.8 + 0.1 * 0.4  # 0.76
    np.testing.assert_allclose(observation_likelihoods(case, {"rain": True}), [calm, storm])
    up = po.update_scenarios(case, {"rain": True})
    assert up.posterior["storm"] == pytest.approx(0.4 * storm / (0.6 * calm + 0.4 * storm))
    # rain and clouds: chain rule
    np.testing.assert_allclose(
        observation_likelihoods(case, {"rain": True, "clouds": True}), [0.2 * 0.3, 0.9 * 0.8]
    )


def test_sequential_equals_joint(toy_data: dict[str, Any]) -> None:
    case = _case(toy_data, SIGNPOSTS)
    both = po.update_scenarios(case, {"clouds": True, "wind": True})
    step = po.update_scenarios(po.update_scenarios(case, {"clouds": True}).case, {"wind": True})
    np.testing.assert_allclose(both.posterior, step.posterior)


def test_update_errors(toy_data: dict[str, Any]) -> None:
    case = _case(toy_data, SIGNPOSTS)
    with pytest.raises(po.CaseError, match="unknown signpost 'fog'"):
        po.update_scenarios(case, {"fog": True})
    with pytest.raises(ValueError, match="must be True"):
        po.update_scenarios(case, {"clouds": "yes"})  # type: ignore[dict-item]
    with pytest.raises(ValueError, match="expected a mapping"):
        po.update_scenarios(case, ["clouds"])  # type: ignore[arg-type]
    sure = copy.deepcopy(SIGNPOSTS)
    sure[0]["likelihoods"] = {"calm": 1.0, "storm": 1.0}
    with pytest.raises(ValueError, match="probability 0"):
        po.update_scenarios(_case(toy_data, sure), {"clouds": False})
    with pytest.raises(TypeError, match="case"):
        po.update_scenarios("toy", {})  # type: ignore[arg-type]


def test_mali_example(mali: po.Case) -> None:
    case = with_signposts(mali)
    up = po.update_scenarios(case, {"jnim_massing_near_bamako": True})
    assert up.posterior.idxmax() == "advance_on_capital"
    assert up.posterior.sum() == pytest.approx(1.0)


@settings(max_examples=25, deadline=None)
@given(
    st.lists(st.floats(0.01, 0.99), min_size=4, max_size=4),
    st.floats(0.05, 0.95),
    st.booleans(),
    st.booleans(),
)
def test_update_matches_evsi_posteriors(
    liks: list[float], p_calm: float, seen_a: bool, seen_b: bool
) -> None:
    from toycase import _MINIMAL

    data = copy.deepcopy(_MINIMAL)
    data["scenarios"][0]["probability"] = p_calm
    data["scenarios"][1]["probability"] = 1 - p_calm
    sps = copy.deepcopy(SIGNPOSTS)
    sps[0]["likelihoods"] = {"calm": liks[0], "storm": liks[1]}
    sps[1]["likelihoods"] = {"calm": liks[2], "storm": liks[3]}
    case = _case(data, sps)
    up = po.update_scenarios(case, {"clouds": seen_a, "wind": seen_b})
    a = np.array([liks[0], liks[1]]) if seen_a else 1 - np.array([liks[0], liks[1]])
    b = np.array([liks[2], liks[3]]) if seen_b else 1 - np.array([liks[2], liks[3]])
    prior = np.array([p_calm, 1 - p_calm])
    np.testing.assert_allclose(up.posterior.to_numpy(), prior * a * b / (prior * a * b).sum())
    # the same posterior as po.evsi's for that outcome of a two-outcome table
    lik = np.stack([a * b, 1 - a * b], axis=1)
    r = po.evsi(np.zeros((1, 2)), prior, lik)
    np.testing.assert_allclose(r.posteriors[0], up.posterior.to_numpy())
