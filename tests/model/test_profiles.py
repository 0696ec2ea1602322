"""Weight profiles: each form resolves to normalised weights."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

import policyopts as po


def test_each_form_resolves(toy_case: po.Case) -> None:
    assert toy_case.weights("even") == pytest.approx(
        {"gain": 1 / 3, "cost": 1 / 3, "risk_burden": 1 / 3}
    )
    assert toy_case.weights("thrifty") == pytest.approx(
        {"gain": 40 / 160, "cost": 100 / 160, "risk_burden": 20 / 160}
    )
    # rank-order centroid for 3 criteria (Barron & Barrett 1996): 11/18, 5/18, 2/18
    assert toy_case.weights("ranked") == pytest.approx(
        {"gain": 11 / 18, "cost": 5 / 18, "risk_burden": 2 / 18}
    )


def test_ahp_profile_in_any_order(toy_data: dict[str, Any]) -> None:
    toy_data["profiles"].append(
        {
            "id": "pairwise",
            "name": "Pairwise",
            "ahp": {
                "criteria": ["risk_burden", "gain", "cost"],
                "matrix": [[1, 0.5, 1], [2, 1, 2], [1, 0.5, 1]],
            },
        }
    )
    case = po.Case.model_validate(toy_data)
    assert case.weights("pairwise") == pytest.approx(
        {"gain": 0.5, "cost": 0.25, "risk_burden": 0.25}
    )


def test_tree_profile_rolls_local_weights_up(toy_data: dict[str, Any]) -> None:
    # gain sits under branch "effect"; cost at the top; risk_burden under the derived "risk"
    toy_data["profiles"].append(
        {
            "id": "tree",
            "name": "Tree",
            "tree": {"effect": 2, "cost": 1, "risk": 1, "gain": 1, "risk_burden": 5},
        }
    )
    case = po.Case.model_validate(toy_data)
    assert case.weights("tree") == pytest.approx({"gain": 0.5, "cost": 0.25, "risk_burden": 0.25})


def test_tree_profile_must_cover_the_tree(toy_data: dict[str, Any]) -> None:
    toy_data["profiles"].append(
        {"id": "tree", "name": "Tree", "tree": {"effect": 2, "gain": 1, "risk_burden": 5}}
    )
    with pytest.raises(po.CaseError, match=r"profiles\[tree\]\.tree: .*no local weight for"):
        po.Case.model_validate(toy_data)


def test_mali_even_branches_gives_each_branch_a_sixth(mali: po.Case) -> None:
    w = mali.weights("even_branches")
    by_branch: dict[str | None, float] = {}
    parents = mali.tree_parents
    for cid, value in w.items():
        by_branch[parents[cid]] = by_branch.get(parents[cid], 0.0) + value
    np.testing.assert_allclose(sorted(by_branch.values()), [1 / 6] * 6)
