"""The documented limits on a case (policyopts.model.limits), checked at validation."""

from __future__ import annotations

import copy
from typing import Any

import pytest

import policyopts as po
from policyopts.model.limits import MAX_COUNTS, MAX_TREE_DEPTH


def _chain(data: dict[str, Any], levels: int) -> dict[str, Any]:
    out = copy.deepcopy(data)
    out["branches"] = [{"id": "effect", "name": "Effect"}] + [
        {"id": f"b{k}", "name": f"B{k}", "parent": f"b{k - 1}" if k else "effect"}
        for k in range(levels)
    ]
    out["criteria"][0]["parent"] = f"b{levels - 1}"
    return out


def test_tree_at_the_limit_validates(toy_data: dict[str, Any]) -> None:
    po.Case.model_validate(_chain(toy_data, MAX_TREE_DEPTH - 2))


def test_tree_one_level_too_deep_is_a_located_error(toy_data: dict[str, Any]) -> None:
    with pytest.raises(po.CaseError, match=r"branches\[b\d+\]\.parent: the value tree is deeper"):
        po.Case.model_validate(_chain(toy_data, MAX_TREE_DEPTH))


def test_a_thousand_level_tree_is_refused_not_a_recursion_error(
    toy_data: dict[str, Any],
) -> None:
    with pytest.raises(po.CaseError, match="more than 500 branches"):
        po.Case.model_validate(_chain(toy_data, 1000))


def test_counts_are_limited(toy_data: dict[str, Any]) -> None:
    data = copy.deepcopy(toy_data)
    data["scenarios"] = [
        {"id": f"s{k}", "name": f"S{k}", "probability": 1 / 501} for k in range(501)
    ]
    with pytest.raises(po.CaseError, match=r"scenarios: more than 500 scenarios"):
        po.Case.model_validate(data)
    assert MAX_COUNTS["options"] >= 400  # a 400 x 300 case is within the limits


def test_long_names_are_refused_with_a_short_excerpt(toy_data: dict[str, Any]) -> None:
    data = copy.deepcopy(toy_data)
    data["options"][0]["name"] = "n" * 100_000
    with pytest.raises(po.CaseError) as info:
        po.Case.model_validate(data)
    assert "options[act].name: name longer than 200 characters" in str(info.value)
    assert len(str(info.value)) < 300
