"""One-way weight sensitivity: closed-form and numeric crossings, case-level results."""

from __future__ import annotations

import re
from collections.abc import Hashable
from typing import Any

import numpy as np
import pytest

import policyopts as po
from policyopts import methods
from policyopts.sensitivity.oneway import (
    LINEAR_METHODS,
    OneWayResult,
    one_way,
    one_way_all,
    one_way_case,
    weight_path,
)

ALL_METHODS = methods.available()

# Triantaphyllou, E. (2000). Multi-Criteria Decision Making Methods: A Comparative Study.
# Kluwer, ch. 2 numerical example (3 alternatives, 4 benefit criteria in one unit), as
# reproduced in the Wikipedia article "Weighted sum model" (WSM scores A1 21.50, A2 22.00,
# A3 22.00); the same data are used in tests/test_methods.py.
TRIANTAPHYLLOU = np.array([[25.0, 20, 15, 30], [10, 30, 20, 30], [30, 10, 30, 10]])
TRIANTAPHYLLOU_W = np.array([0.20, 0.15, 0.40, 0.25])


def _random_problem(seed: int, m: int = 4, n: int = 3) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    matrix = rng.uniform(1.0, 10.0, size=(m, n))
    weights = rng.dirichlet(np.ones(n))
    types = np.where(rng.random(n) < 0.5, -1.0, 1.0)
    return matrix, weights, types


# ------------------------------------------------------------------------------ weight path


def test_weight_path_keeps_proportions_and_passes_through_current() -> None:
    w = np.array([0.1, 0.2, 0.3, 0.4])
    t = np.linspace(0, 1, 11)
    path = weight_path(w, 2, t)
    np.testing.assert_allclose(path.sum(axis=1), 1.0, atol=1e-15)
    np.testing.assert_array_equal(path[:, 2], t)
    others = path[:-1][:, [0, 1, 3]]  # t < 1: the others still have weight
    # the other weights keep their proportions 1 : 2 : 4
    np.testing.assert_allclose(
        others / others.sum(axis=1, keepdims=True), [[1 / 7, 2 / 7, 4 / 7]] * 10
    )
    np.testing.assert_allclose(weight_path(w, 2, [0.3])[0], w, atol=1e-15)


def test_weight_path_degenerate_full_weight_shares_equally() -> None:
    # w_j = 1: the others have no proportions; they share 1 - t equally.
    path = weight_path([0.0, 1.0, 0.0], 1, [0.0, 0.4, 1.0])
    np.testing.assert_allclose(path, [[0.5, 0.0, 0.5], [0.3, 0.4, 0.3], [0.0, 1.0, 0.0]])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (([0.5, 0.5], 2, [0.5]), "criterion: index 2 out of range"),
        (([0.5, 0.5], 0, [1.5]), "t: values must lie in [0, 1]"),
        (([1.0], 0, [0.5]), "at least 2 criteria"),
        (([[0.5, 0.5]], 0, [0.5]), "weights: expected shape (n,)"),
        (([0.5, -0.5], 0, [0.5]), "weights: must be non-negative"),
    ],
)
def test_weight_path_validation(args: tuple[Any, ...], message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        weight_path(*args)


# --------------------------------------------------------------------- published data


def test_crossings_match_triantaphyllou_sanchez_closed_form() -> None:
    """Triantaphyllou & Sánchez (1997), WSM: raising w_k by delta (then rescaling, which
    keeps the WSM ranking) makes A_i and A_j tie when P_i + delta a_ik = P_j + delta a_jk,
    i.e. delta = (P_j - P_i) / (a_ik - a_jk).  On our path the rescaled weight is
    t = (w_k + delta) / (1 + delta).  Checked on the published data of Triantaphyllou (2000),
    where A2 and A3 tie at the current weights (so they cross exactly at the current weight).
    """
    a, w = TRIANTAPHYLLOU, TRIANTAPHYLLOU_W
    p = a @ w
    for k in range(4):
        expected = []
        for i in range(3):
            for j in range(i + 1, 3):
                if a[i, k] == a[j, k]:
                    continue
                delta = (p[j] - p[i]) / (a[i, k] - a[j, k])
                if delta > -w[k]:
                    expected.append((w[k] + delta) / (1 + delta))
        r = one_way(a, w, [1, 1, 1, 1], k, method="wsm", normalization=None)
        assert r.exact
        np.testing.assert_allclose(r.crossing_weight, sorted(expected), atol=1e-12)
    # A2 and A3 tie now, so for every criterion where they differ they cross at w_k itself.
    r = one_way(a, w, [1, 1, 1, 1], 2, normalization=None)
    at_current = np.isclose(r.crossing_weight, w[2], atol=1e-12)
    assert sorted({int(r.overtaking[at_current][0]), int(r.overtaken[at_current][0])}) == [1, 2]


def test_doctest_example_by_hand() -> None:
    # A = t, B = 1 - t, C = 0.6 along the path of criterion 0: C passes B at 0.4, A passes
    # B at 0.5 and C at 0.6.
    r = one_way([[1.0, 0.0], [0.0, 1.0], [0.6, 0.6]], [0.5, 0.5], [1, 1], 0, normalization=None)
    np.testing.assert_allclose(r.crossing_weight, [0.4, 0.5, 0.6], atol=1e-15)
    np.testing.assert_array_equal(r.overtaking, [2, 0, 0])
    np.testing.assert_array_equal(r.overtaken, [1, 1, 2])
    np.testing.assert_array_equal(r.rank_before, [2, 3, 2])
    np.testing.assert_array_equal(r.rank_after, [1, 2, 1])
    np.testing.assert_array_equal(r.segment_ranks[-1], [1, 3, 2])
    assert r.current == 0.5 and r.t[r.current_index] == 0.5


# ------------------------------------------------------------------- brute force


@pytest.mark.parametrize("method", ALL_METHODS)
@pytest.mark.parametrize("seed", range(6))
def test_segments_agree_with_fine_grid(method: str, seed: int) -> None:
    """Between the reported breakpoints the ranking is constant and equal to the
    reported segment ranking; at each breakpoint the fine-grid ranking changes."""
    matrix, weights, types = _random_problem(seed, m=5, n=3)
    for j in range(matrix.shape[1]):
        r = one_way(matrix, weights, types, j, method=method)
        assert r.exact == (method in LINEAR_METHODS)
        fine = np.linspace(0.0, 1.0, 4001)
        ranks = methods.evaluate(method, matrix, weight_path(weights, j, fine), types).ranks
        seg = np.searchsorted(r.breakpoints, fine)
        near = np.abs(fine[:, None] - r.breakpoints[None, :]).min(axis=1, initial=np.inf) < 1e-6
        np.testing.assert_array_equal(ranks[~near], r.segment_ranks[seg[~near]])
        for b in r.breakpoints:
            lo, hi = np.searchsorted(fine, b - 5e-4), np.searchsorted(fine, b + 5e-4)
            assert not np.array_equal(ranks[lo], ranks[min(hi, len(fine) - 1)])


@pytest.mark.parametrize("method", ALL_METHODS)
def test_scores_are_one_batched_evaluation(method: str) -> None:
    matrix, weights, types = _random_problem(7)
    r = one_way(matrix, weights, types, 1, method=method, grid=11)
    ref = methods.evaluate(method, matrix, r.weights, types)
    np.testing.assert_array_equal(r.scores, ref.scores)
    np.testing.assert_array_equal(r.ranks, ref.ranks)
    np.testing.assert_array_equal(r.weights[r.current_index], weights / weights.sum())
    assert set(np.linspace(0, 1, 11)) <= set(r.t) and weights[1] / weights.sum() in r.t


def test_crossing_scores_tie_and_swap() -> None:
    matrix, weights, types = _random_problem(11, m=5, n=4)
    for method in ("topsis", "vikor", "wpm"):
        r = one_way(matrix, weights, types, 0, method=method)
        for t, a, b in zip(r.crossing_weight, r.overtaking, r.overtaken, strict=True):
            s = methods.evaluate(
                method, matrix, weight_path(weights, 0, [t - 1e-7, t, t + 1e-7]), types
            )
            up = s.scores if s.higher_is_better else -s.scores
            assert abs(up[1, a] - up[1, b]) < 1e-8  # they tie at the crossing
            assert up[0, a] < up[0, b] and up[2, a] > up[2, b]  # and swap across it


def test_degenerate_weight_one_and_zero() -> None:
    matrix = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]])
    r = one_way(matrix, [1.0, 0.0, 0.0], [1, 1, 1], 0, normalization=None)
    # others share 1 - t equally: alternatives 1 and 2 score (1 - t)/2, alternative 0 scores t
    np.testing.assert_allclose(r.crossing_weight, [1 / 3, 1 / 3], atol=1e-15)
    assert len(r.breakpoints) == 1
    r0 = one_way(matrix, [0.0, 0.5, 0.5], [1, 1, 1], 0, normalization=None)
    assert r0.current == 0.0 and r0.current_index == 0


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"criterion": 5}, "criterion: index 5 out of range"),
        ({"criterion": 1.0}, "criterion: expected an integer index"),
        ({"method": "electre"}, "method: 'electre' is not one of"),
        ({"grid": 1}, "grid: need at least 2 points"),
        ({"grid": [0.5, 2.0]}, r"grid: weights must lie in \[0, 1\]"),
        ({"matrix": np.ones((2, 3, 2))}, r"matrix: one-way sensitivity takes one matrix"),
        ({"matrix": np.ones((3, 1)), "weights": [1.0], "types": [1]}, "at least 2 criteria"),
        ({"weights": [[0.5, 0.5]]}, "weights: one-way sensitivity takes one weight vector"),
        ({"bogus": 1}, "method_options: "),
    ],
)
def test_one_way_validation(kwargs: dict[str, Any], message: str) -> None:
    args: dict[str, Any] = {
        "matrix": [[1.0, 2.0], [2.0, 1.0], [1.5, 1.5]],
        "weights": [0.5, 0.5],
        "types": [1, 1],
        "criterion": 0,
    }
    args.update(kwargs)
    with pytest.raises(ValueError, match=message):
        one_way(**args)


# ------------------------------------------------------------------------ case level


@pytest.mark.parametrize("method", ALL_METHODS)
@pytest.mark.parametrize("profile", ["even", "thrifty", "ranked"])
def test_toy_current_row_equals_compare_exactly(
    toy_case: po.Case, method: str, profile: str
) -> None:
    cmp = po.compare(toy_case, profile, method)
    for cid in toy_case.criterion_ids:
        r = one_way_case(toy_case, cid, profile, method=method, grid=21)
        np.testing.assert_array_equal(r.scores.loc[r.current].to_numpy(), cmp.scores.to_numpy())
        np.testing.assert_array_equal(r.ranks.loc[r.current].to_numpy(), cmp.ranks.to_numpy())
        assert r.current == cmp.weights[cid]


@pytest.mark.parametrize("method", ALL_METHODS)
def test_mali_current_row_equals_compare_exactly(mali: po.Case, method: str) -> None:
    for profile, cid in [("balanced", "civilian_harm"), ("ct_first", "risk_burden")]:
        cmp = po.compare(mali, profile, method)
        r = one_way_case(mali, cid, profile, method=method)
        np.testing.assert_array_equal(r.scores.loc[r.current].to_numpy(), cmp.scores.to_numpy())
        assert list(r.scores.columns) == mali.option_ids


def test_case_level_wsm_is_the_value_model(toy_case: po.Case) -> None:
    # At case level wsm aggregates the value functions: scores are lines between the
    # value-model scores at t = 0 and t = 1, and crossings solve them exactly.
    r = one_way_case(toy_case, "gain", "even")
    s = r.scores.to_numpy()
    t = r.scores.index.to_numpy()
    line = (1 - t)[:, None] * s[0] + t[:, None] * s[-1]
    np.testing.assert_allclose(s, line, atol=1e-14)
    rows: list[dict[Hashable, Any]] = r.crossings.to_dict(orient="records")
    for row in rows:
        x = float(row["weight"])
        at = (1 - x) * s[0] + x * s[-1]
        gap = at[r.options.index(row["overtaking"])] - at[r.options.index(row["overtaken"])]
        assert abs(gap) < 1e-12


def test_case_result_frames_and_rendering(mali: po.Case) -> None:
    r = one_way_case(mali, "civilian_harm", "balanced")
    assert isinstance(r, OneWayResult)
    assert r.scores.index.name == "weight" and r.scores.columns.name == "option"
    assert list(r.crossings.columns) == [
        "weight",
        "overtaking",
        "overtaken",
        "rank_before",
        "rank_after",
        "top_change",
    ]
    assert r.crossings["weight"].is_monotonic_increasing
    assert set(r.crossings["overtaking"]) <= set(mali.option_ids)
    assert (r.crossings["rank_after"] < r.crossings["rank_before"]).all()
    ranges = r.ranges()
    assert ranges["current"].sum() == 1
    assert ranges["low"].iloc[0] == 0.0 and ranges["high"].iloc[-1] == 1.0
    top_now = ranges.loc[ranges["current"], "top"].iloc[0]
    assert top_now == po.compare(mali, "balanced").top
    text = r.summary()
    assert "civilian harm caused or enabled" in text and "profile balanced" in text
    assert "Scale up humanitarian aid" in text
    md = r.to_markdown()
    assert md.startswith("| From | To | Ranking | Now |") and "policyopts" in md
    assert "<table" in r.to_html() and r._repr_html_() == r.to_html()
    assert r"\begin{tabular}" in r.to_latex()
    assert "Ranking as the weight of Civilian harm" in str(r)
    csv = r.to_csv()
    assert csv is not None and csv.startswith("weight,overtaking")


def test_case_level_validation_and_scenario(toy_case: po.Case) -> None:
    with pytest.raises(ValueError, match="criterion: unknown criterion 'nope'"):
        one_way_case(toy_case, "nope")
    with pytest.raises(po.CaseError, match="unknown profile"):
        one_way_case(toy_case, "gain", "nope")
    with pytest.raises(po.CaseError, match="unknown scenario"):
        one_way_case(toy_case, "gain", scenario="nope")
    with pytest.raises(ValueError, match="wsm takes no method options"):
        one_way_case(toy_case, "gain", v=0.3)
    with pytest.raises(TypeError, match="case: expected a policyopts Case"):
        one_way_case("toy", "gain")  # type: ignore[arg-type]
    storm = one_way_case(toy_case, "gain", scenario="storm")
    cmp = po.compare(toy_case, scenario="storm")
    np.testing.assert_array_equal(storm.scores.loc[storm.current].to_numpy(), cmp.scores.to_numpy())
    assert storm.scenario == "storm" and "scenario storm" in storm.summary()
    minmax = one_way_case(toy_case, "gain", normalization="minmax")
    cmp = po.compare(toy_case, normalization="minmax")
    np.testing.assert_array_equal(
        minmax.scores.loc[minmax.current].to_numpy(), cmp.scores.to_numpy()
    )


def test_one_way_all(mali: po.Case) -> None:
    allw = one_way_all(mali, "balanced")
    assert list(allw.table.index) == mali.criterion_ids
    assert set(allw.results) == set(mali.criterion_ids)
    t = allw.table
    assert ((t["top_low"] <= t["current"]) & (t["current"] <= t["top_high"])).all()
    below = t["change_below"].dropna()
    assert (below <= t.loc[below.index, "current"] + 1e-9).all()
    assert len(allw.crossings) == int(t["rank_changes"].sum())
    assert allw.crossings.columns[0] == "criterion"
    assert len(allw.summary().splitlines()) == len(mali.criterion_ids)
    assert "Next change below" in allw.to_text() and "<table" in allw.to_html()
    sub = one_way_all(mali, "balanced", method="topsis", criteria=["ct_effect"], grid=41)
    assert list(sub.table.index) == ["ct_effect"] and sub.method == "topsis"
