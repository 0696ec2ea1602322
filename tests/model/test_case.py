"""Every validation rule of the case model, one test each.

Each test starts from a valid case (``toy_data``), breaks exactly one rule and
checks that a :class:`CaseError` names the field path and the value. Without the
rule, the broken case would load and the test would fail.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import policyopts as po

Data = dict[str, Any]


def _set(path: list[str | int], value: Any) -> Callable[[Data], None]:
    def mutate(data: Data) -> None:
        node: Any = data
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return mutate


def _delete(path: list[str | int]) -> Callable[[Data], None]:
    def mutate(data: Data) -> None:
        node: Any = data
        for key in path[:-1]:
            node = node[key]
        del node[path[-1]]

    return mutate


def _append(path: list[str | int], value: Any) -> Callable[[Data], None]:
    def mutate(data: Data) -> None:
        node: Any = data
        for key in path:
            node = node[key]
        node.append(value)

    return mutate


# (rule id, mutation, expected path, expected words in the message)
RULES: list[tuple[str, Callable[[Data], None], str, str]] = [
    ("id_pattern", _set(["options", 0, "id"], "Act"), "options[Act].id", "snake_case"),
    (
        "unknown_field",
        _set(["options", 0, "colour"], "red"),
        "options[act].colour",
        "unknown field",
    ),
    (
        "unknown_field_hint",
        _set(["criteria", 0, "directon"], "x"),
        "criteria[gain].directon",
        "did you mean 'direction'",
    ),
    (
        "missing_field",
        _delete(["criteria", 0, "direction"]),
        "criteria[gain].direction",
        "required",
    ),
    (
        "wrong_type",
        _set(["assessments", 0, "score"], "high"),
        "assessments[act][gain].score",
        "number",
    ),
    (
        "nan",
        _set(["assessments", 0, "score"], float("nan")),
        "assessments[act][gain].score",
        "finite",
    ),
    ("inf", _set(["risks", 0, "impact"], float("inf")), "risks[backfire].impact", "finite"),
    (
        "bad_direction",
        _set(["criteria", 0, "direction"], "good"),
        "criteria[gain].direction",
        "benefit",
    ),
    ("too_few_options", _set(["options"], [{"id": "a", "name": "A"}]), "options", "at least 2"),
    ("no_criteria", _set(["criteria"], []), "criteria", "at least 1"),
    (
        "duplicate_option",
        _append(["options"], {"id": "act", "name": "Again"}),
        "options[act].id",
        "duplicate id",
    ),
    (
        "duplicate_criterion",
        _append(["criteria"], {"id": "gain", "name": "G", "direction": "benefit"}),
        "criteria[gain].id",
        "duplicate id",
    ),
    (
        "duplicate_risk",
        _append(
            ["risks"],
            {
                "id": "backfire",
                "name": "B",
                "likelihood": 0.1,
                "impact": 1,
                "exposure": {"act": 0, "wait": 0, "talk": 0},
                "rationale": "r",
            },
        ),
        "risks[backfire].id",
        "duplicate id",
    ),
    (
        "duplicate_evidence",
        _append(["evidence"], {"id": "ev1", "source": "src", "claim": "c"}),
        "evidence[ev1].id",
        "duplicate id",
    ),
    (
        "criterion_branch_clash",
        _append(["branches"], {"id": "cost", "name": "Cost branch"}),
        "criteria[cost].id",
        "share this id",
    ),
    (
        "unknown_parent",
        _set(["criteria", 0, "parent"], "nowhere"),
        "criteria[gain].parent",
        "unknown branch",
    ),
    (
        "branch_cycle",
        _set(
            ["branches"],
            [{"id": "a", "name": "A", "parent": "b"}, {"id": "b", "name": "B", "parent": "a"}],
        ),
        "branches[a].parent",
        "cycle",
    ),
    (
        "scale_order",
        _set(["criteria", 1, "scale", "max"], -5),
        "criteria[cost].scale.max",
        "exceed min",
    ),
    (
        "unknown_option_in_assessment",
        _set(["assessments", 0, "option"], "ghost"),
        "assessments[ghost][gain].option",
        "unknown option",
    ),
    (
        "unknown_criterion_in_assessment",
        _set(["assessments", 0, "criterion"], "ghost"),
        "assessments[act][ghost].criterion",
        "unknown criterion",
    ),
    (
        "missing_assessment",
        _delete(["assessments", 5]),
        "assessments",
        "no assessment for talk × cost",
    ),
    (
        "duplicate_assessment",
        _append(
            ["assessments"],
            {"option": "act", "criterion": "gain", "score": 1, "rationale": "again"},
        ),
        "assessments[act][gain]",
        "second assessment",
    ),
    (
        "score_outside_scale",
        _set(
            ["assessments", 1],
            {"option": "act", "criterion": "cost", "score": 150, "rationale": "r"},
        ),
        "assessments[act][cost].score",
        "outside the scale",
    ),
    (
        "low_above_high",
        _set(["assessments", 0, "uncertainty"], {"kind": "uniform", "low": 9, "high": 5}),
        "assessments[act][gain].uncertainty.low",
        "9 > high 5",
    ),
    (
        "score_outside_range",
        _set(["assessments", 0, "uncertainty"], {"kind": "pert", "low": 8, "high": 9}),
        "assessments[act][gain].score",
        "outside its range",
    ),
    (
        "range_below_scale",
        _set(["assessments", 0, "uncertainty"], {"kind": "uniform", "low": -2, "high": 8}),
        "assessments[act][gain].uncertainty.low",
        "below the scale",
    ),
    (
        "unknown_uncertainty_kind",
        _set(["assessments", 0, "uncertainty"], {"kind": "lognormal", "low": 1, "high": 9}),
        "assessments[act][gain].uncertainty",
        "kind",
    ),
    (
        "discrete_probabilities",
        _set(
            ["assessments", 0, "uncertainty"],
            {"kind": "discrete", "values": [6, 7], "probabilities": [0.5, 0.2]},
        ),
        "assessments[act][gain].uncertainty.probabilities",
        "sum to 0.7",
    ),
    (
        "no_rationale",
        _set(["assessments", 0, "rationale"], "   "),
        "assessments[act][gain].rationale",
        "at least 1",
    ),
    (
        "source_without_evidence",
        _set(["assessments", 0, "evidence"], []),
        "assessments[act][gain].evidence",
        "must cite evidence",
    ),
    (
        "dangling_evidence",
        _set(["assessments", 0, "evidence"], ["ev404"]),
        "assessments[act][gain].evidence[0]",
        "unknown evidence id",
    ),
    (
        "dangling_source",
        _set(["evidence", 0, "source"], "nowhere"),
        "evidence[ev1].source",
        "unknown source",
    ),
    ("bad_date", _set(["sources", 0, "date"], "Sept 2024"), "sources[src].date", "pattern"),
    (
        "bad_qualifier",
        _set(["evidence", 0, "figures", 0, "qualifier"], "roughly"),
        "evidence[ev1].figures[0].qualifier",
        "about",
    ),
    (
        "likelihood_above_one",
        _set(["risks", 0, "likelihood"], 1.4),
        "risks[backfire].likelihood",
        "less than or equal to 1",
    ),
    (
        "likelihood_outside_range",
        _set(["risks", 0, "likelihood"], 0.9),
        "risks[backfire].likelihood",
        "outside its range",
    ),
    (
        "impact_outside_scale",
        _set(["risks", 0, "impact"], 9),
        "risks[backfire].impact",
        "impact scale",
    ),
    (
        "exposure_above_one",
        _set(["risks", 0, "exposure", "act"], 1.5),
        "risks[backfire].exposure.act",
        "outside [0, 1]",
    ),
    (
        "exposure_missing_option",
        _delete(["risks", 0, "exposure", "talk"]),
        "risks[backfire].exposure",
        "no exposure for talk",
    ),
    (
        "exposure_unknown_option",
        _set(["risks", 0, "exposure", "ghost"], 0.2),
        "risks[backfire].exposure.ghost",
        "unknown option",
    ),
    ("probabilities_sum", _set(["scenarios", 0, "probability"], 0.5), "scenarios", "sum to 0.9"),
    (
        "probability_negative",
        _set(["scenarios", 0, "probability"], -0.1),
        "scenarios[calm].probability",
        "greater than or equal to 0",
    ),
    (
        "change_both",
        _set(["scenarios", 0, "score_changes", 0, "set"], 3),
        "scenarios[calm].score_changes[act][gain]",
        "exactly one",
    ),
    (
        "change_outside_scale",
        _set(["scenarios", 0, "score_changes", 0, "shift"], 5),
        "scenarios[calm].score_changes[act][gain]",
        "outside the scale",
    ),
    (
        "change_unknown_criterion",
        _set(["scenarios", 0, "score_changes", 0, "criterion"], "ghost"),
        "scenarios[calm].score_changes[act][ghost].criterion",
        "unknown criterion",
    ),
    (
        "override_unknown_risk",
        _set(["scenarios", 1, "likelihood_overrides", "ghost"], 0.3),
        "scenarios[storm].likelihood_overrides.ghost",
        "unknown risk",
    ),
    (
        "override_outside",
        _set(["scenarios", 1, "likelihood_overrides", "backfire"], 2.0),
        "scenarios[storm].likelihood_overrides.backfire",
        "outside [0, 1]",
    ),
    (
        "negative_weight",
        _set(["profiles", 0, "weights", "gain"], -1),
        "profiles[even].weights.gain",
        "non-negative",
    ),
    (
        "all_zero_weights",
        _set(["profiles", 0, "weights"], {"gain": 0, "cost": 0, "risk_burden": 0}),
        "profiles[even].weights",
        "all zero",
    ),
    (
        "weight_missing_criterion",
        _delete(["profiles", 0, "weights", "risk_burden"]),
        "profiles[even].weights",
        "no weight for risk_burden",
    ),
    (
        "weight_unknown_criterion",
        _set(["profiles", 0, "weights", "ghost"], 1),
        "profiles[even].weights.ghost",
        "unknown criterion",
    ),
    (
        "two_weight_forms",
        _set(["profiles", 0, "swing"], {"gain": 1, "cost": 1, "risk_burden": 1}),
        "profiles[even]",
        "exactly one of",
    ),
    (
        "swing_above_100",
        _set(["profiles", 1, "swing", "cost"], 120),
        "profiles[thrifty].swing.cost",
        "0 to 100",
    ),
    (
        "rank_zero",
        _set(["profiles", 2, "ranks", "gain"], 0),
        "profiles[ranked].ranks.gain",
        "start at 1",
    ),
    (
        "ahp_not_reciprocal",
        _set(
            ["profiles", 2],
            {
                "id": "ranked",
                "name": "R",
                "ahp": {
                    "criteria": ["gain", "cost", "risk_burden"],
                    "matrix": [[1, 3, 5], [3, 1, 2], [0.2, 0.5, 1]],
                },
            },
        ),
        "profiles[ranked].ahp",
        "reciprocal",
    ),
    (
        "ahp_shape",
        _set(
            ["profiles", 2],
            {
                "id": "ranked",
                "name": "R",
                "ahp": {
                    "criteria": ["gain", "cost", "risk_burden"],
                    "matrix": [[1, 3], [0.333, 1]],
                },
            },
        ),
        "profiles[ranked].ahp.matrix",
        "3 x 3",
    ),
    (
        "unknown_default_profile",
        _set(["default_profile"], "nobody"),
        "default_profile",
        "unknown profile",
    ),
    (
        "value_function_span",
        _set(
            ["criteria", 0, "value_function"],
            {"kind": "piecewise_linear", "points": [[0, 0], [5, 1]]},
        ),
        "criteria[gain].value_function.points",
        "span the scale",
    ),
    (
        "value_function_monotone",
        _set(
            ["criteria", 0, "value_function"],
            {"kind": "piecewise_linear", "points": [[0, 0], [5, 0.9], [10, 0.5]]},
        ),
        "criteria[gain].value_function.points",
        "non-decreasing",
    ),
    (
        "exponential_zero",
        _set(["criteria", 0, "value_function"], {"kind": "exponential", "rho": 0}),
        "criteria[gain].value_function.rho",
        "non-zero",
    ),
]


@pytest.mark.parametrize(("rule", "mutate", "path", "words"), RULES, ids=[r[0] for r in RULES])
def test_rule(
    toy_data: Data, rule: str, mutate: Callable[[Data], None], path: str, words: str
) -> None:
    po.Case.model_validate(toy_data)  # the base case is valid
    mutate(toy_data)
    with pytest.raises(po.CaseError) as info:
        po.Case.model_validate(toy_data)
    problems = info.value.problems
    assert any(p.path == path for p in problems), [str(p) for p in problems]
    hit = next(p for p in problems if p.path == path)
    assert words.lower() in str(hit).lower(), str(hit)


def test_case_error_is_value_error(toy_data: Data) -> None:
    toy_data["options"][0]["id"] = "Bad Id"
    with pytest.raises(ValueError, match=r"options\[Bad Id\]\.id"):
        po.Case.model_validate(toy_data)


def test_several_problems_are_all_reported(toy_data: Data) -> None:
    toy_data["assessments"][2] = {
        "option": "wait",
        "criterion": "gain",
        "score": 99,
        "rationale": "r",
    }
    toy_data["risks"][0]["impact"] = 99
    with pytest.raises(po.CaseError) as info:
        po.Case.model_validate(toy_data)
    err = info.value
    assert len(err.problems) == 2
    assert "(and 1 more problem)" in str(err)
    assert len(err.report().splitlines()) == 2


def test_constructor_raises_case_error() -> None:
    with pytest.raises(po.CaseError, match="direction"):
        po.Criterion(id="c", name="C", direction="up")  # type: ignore[arg-type]


def test_models_are_frozen(toy_case: po.Case) -> None:
    with pytest.raises(Exception, match="frozen"):
        toy_case.options[0].name = "changed"  # type: ignore[misc]


def test_valid_case_queries(toy_case: po.Case) -> None:
    assert toy_case.criterion_ids == ["gain", "cost", "risk_burden"]
    assert toy_case.option("talk").name == "Talk"
    assert toy_case.profile().id == "even"
    assert toy_case.assessment("wait", "cost").score == 5
    assert toy_case.basis_counts() == {"source": 6, "judgement": 0}
    rc = toy_case.criterion("risk_burden")
    assert rc.direction == "cost"
    # top of the burden scale: the highest likelihood anywhere (0.9) x impact 3
    assert rc.scale.max == pytest.approx(0.9 * 3)
    assert [b.id for b in toy_case.all_branches] == ["effect", "risk"]


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.option("ghost"),
        lambda c: c.criterion("ghost"),
        lambda c: c.profile("ghost"),
        lambda c: c.scenario("ghost"),
        lambda c: c.risk("ghost"),
        lambda c: c.assessment("act", "ghost"),
    ],
)
def test_unknown_ids_raise_case_error_not_key_error(
    toy_case: po.Case, call: Callable[[po.Case], object]
) -> None:
    with pytest.raises(po.CaseError, match="ghost"):
        call(toy_case)


def test_case_without_risks_has_no_risk_criterion(toy_data: Data) -> None:
    toy_data["risks"] = []
    toy_data["scenarios"][1]["likelihood_overrides"] = {}
    for p in toy_data["profiles"]:
        for form in ("weights", "swing", "ranks"):
            if form in p:
                p[form].pop("risk_burden")
    case = po.Case.model_validate(toy_data)
    assert case.criterion_ids == ["gain", "cost"]


def test_unknown_ids_suggest_the_closest_known_one() -> None:
    import policyopts as po

    case = po.load_case("mali")
    hint = r"unknown criterion 'ct_efect' \(did you mean 'ct_effect'\?\)"
    with pytest.raises(po.CaseError, match=hint):
        case.criterion("ct_efect")
    with pytest.raises(po.CaseError, match=r"did you mean 'balanced'"):
        po.compare(case, "balancd")
    hint = r"criterion: unknown criterion 'relif' \(did you mean 'relief'\?\)"
    with pytest.raises(ValueError, match=hint):
        po.one_way_case(case, "relif")
    data = case.model_dump()
    data["assessments"][0]["criterion"] = "ct_efect"
    with pytest.raises(po.CaseError, match=r"unknown criterion \(did you mean 'ct_effect'\?\)"):
        po.Case.model_validate(data)
