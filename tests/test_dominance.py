"""Pareto dominance."""

from __future__ import annotations

import numpy as np
import pytest

import policyopts as po


def test_dominance_matrix_by_hand() -> None:
    m = np.array([[3.0, 1.0], [2.0, 1.0], [1.0, 5.0], [3.0, 1.0]])
    d = po.dominance_matrix(m, [1, -1])
    expected = np.zeros((4, 4), dtype=bool)
    expected[0, [1, 2]] = True
    expected[3, [1, 2]] = True
    expected[1, 2] = True
    np.testing.assert_array_equal(d, expected)  # equal rows 0 and 3 do not dominate each other


def test_batched() -> None:
    rng = np.random.default_rng(0)
    mats = rng.random((50, 4, 3))
    types = np.array([1, -1, 1])
    batched = po.dominance_matrix(mats, types)
    for k in range(50):
        np.testing.assert_array_equal(batched[k], po.dominance_matrix(mats[k], types))


def test_case_level(toy_data: dict[str, object]) -> None:
    # make "wait" worse than "talk" everywhere: lower gain, higher cost, more exposure
    toy_data["assessments"][2]["score"] = 1  # type: ignore[index]
    toy_data["assessments"][3]["score"] = 30  # type: ignore[index]
    toy_data["assessments"][3]["uncertainty"] = None  # type: ignore[index]
    toy_data["risks"][0]["exposure"]["wait"] = 0.5  # type: ignore[index]
    frame = po.dominated_options(po.Case.model_validate(toy_data))
    assert frame.loc["wait", "dominated"]
    assert frame.loc["wait", "dominated_by"] == ["talk"]
    assert frame.loc["talk", "dominates"] == ["wait"]
    assert not frame.loc["act", "dominated"]


def test_bad_types() -> None:
    with pytest.raises(ValueError, match="types"):
        po.dominance_matrix([[1, 2], [3, 4]], [1, 0])
