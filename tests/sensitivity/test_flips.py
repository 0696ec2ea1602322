"""What flips the top option: LPs against brute force, single-value changes, case level."""

from __future__ import annotations

import itertools
from collections.abc import Hashable
from typing import Any

import numpy as np
import pytest

import policyopts as po
from policyopts.sensitivity.flips import (
    FlipAnalysis,
    flip_analysis,
    score_for_value,
    value_flips,
    weight_flip,
)

# Triantaphyllou (2000), ch. 2 WSM example as reproduced in the Wikipedia article "Weighted
# sum model" (scores 21.50, 22.00, 22.00); see tests/test_methods.py.
TRIANTAPHYLLOU = np.array([[25.0, 20, 15, 30], [10, 30, 20, 30], [30, 10, 30, 10]])
TRIANTAPHYLLOU_W = np.array([0.20, 0.15, 0.40, 0.25])

TOL = 1e-9


def _simplex_grid(n: int, steps: int) -> np.ndarray:
    """Every weight vector with entries k/steps summing to 1."""
    pts = [c for c in itertools.product(range(steps + 1), repeat=n - 1) if sum(c) <= steps]
    a = np.array(pts, dtype=np.float64)
    return np.hstack([a, steps - a.sum(axis=1, keepdims=True)]) / steps


def _flips_at(values: np.ndarray, grid: np.ndarray, c: int) -> np.ndarray:
    s = grid @ values.T
    out: np.ndarray = s[:, c] >= np.delete(s, c, axis=1).max(axis=1) - 1e-12
    return out


# ---------------------------------------------------------------------------- weight LPs


@pytest.mark.parametrize("seed", range(6))
def test_lp_against_simplex_grid(seed: int) -> None:
    """No weight vector on a fine simplex grid flips the top with a smaller change than the
    LP's, and the grid's best is within its resolution of the LP's."""
    rng = np.random.default_rng(seed)
    values = rng.uniform(0, 1, size=(4, 3))
    w = rng.dirichlet(np.ones(3))
    grid = _simplex_grid(3, 200)
    top = int(np.argmax(values @ w))
    for c in range(4):
        flips = _flips_at(values, grid, c)
        for norm, dist in (
            ("l1", np.abs(grid - w).sum(axis=1)),
            ("linf", np.abs(grid - w).max(axis=1)),
        ):
            f = weight_flip(values, w, np.ones(3), c, norm=norm, normalization=None)
            assert f.top == top and f.challenger == c
            if not flips.any():
                # nothing on the grid flips: the LP either is infeasible or needs an exact tie
                # off the grid (impossible to tell apart on a grid; both fine)
                continue
            assert f.feasible
            assert (dist[flips] >= f.distance - TOL).all()
            assert dist[flips].min() <= f.distance + (2.0 if norm == "l1" else 1.0) * 3 / 200
            assert f.weights is not None and f.change is not None and f.margin is not None
            np.testing.assert_allclose(f.weights.sum(), 1.0, atol=1e-12)
            assert (f.weights >= 0).all()
            s = values @ f.weights
            assert s[c] >= np.delete(s, c).max() - TOL  # the solution does flip
            assert f.margin >= -TOL
            np.testing.assert_allclose(f.change, f.weights - w, atol=1e-12)
            measured = np.abs(f.change).sum() if norm == "l1" else np.abs(f.change).max()
            assert f.distance == pytest.approx(measured, abs=1e-12)
            if c == top:
                assert f.distance == 0.0


@pytest.mark.parametrize("seed", range(3))
def test_lp_against_random_search_higher_dimension(seed: int) -> None:
    """Five criteria: 80,000 random weight vectors (uniform on the simplex, plus points
    scattered around the LP's solution) never flip with a smaller change."""
    rng = np.random.default_rng(seed)
    values = rng.uniform(0, 1, size=(5, 5))
    w = rng.dirichlet(np.ones(5))
    top = int(np.argmax(values @ w))
    for c in (i for i in range(5) if i != top):
        for norm in ("l1", "linf"):
            f = weight_flip(values, w, np.ones(5), c, norm=norm, normalization=None)
            if not f.feasible:
                assert not _flips_at(values, rng.dirichlet(np.ones(5), 50_000), c).any()
                continue
            assert f.weights is not None
            near = np.abs(f.weights + rng.normal(scale=0.02, size=(40_000, 5)))
            pts = np.vstack(
                [rng.dirichlet(np.ones(5), 100_000), near / near.sum(axis=1, keepdims=True)]
            )
            flips = _flips_at(values, pts, c)
            d = np.abs(pts - w)
            dist = d.sum(axis=1) if norm == "l1" else d.max(axis=1)
            assert (dist[flips] >= f.distance - TOL).all()


def test_lp_two_criteria_by_hand() -> None:
    # A = (1, 0), B = (0, 1), w = (0.7, 0.3): B ties A at w = (0.5, 0.5), a shift of 0.2.
    f = weight_flip([[1.0, 0.0], [0.0, 1.0]], [0.7, 0.3], [1, 1], 1, normalization=None)
    assert f.distance == pytest.approx(0.4, abs=1e-12)
    assert f.weights is not None
    np.testing.assert_allclose(f.weights, np.array([0.5, 0.5]), atol=1e-12)
    g = weight_flip(
        [[1.0, 0.0], [0.0, 1.0]], [0.7, 0.3], [1, 1], 1, norm="linf", normalization=None
    )
    assert g.distance == pytest.approx(0.2, abs=1e-12)


def test_lp_on_triantaphyllou_data() -> None:
    # Raw WSM on the published data: A2 and A3 tie for first, so A3 needs no change at
    # all and A1's L1 distance matches the simplex-grid search.
    tri = np.ones(4)
    f3 = weight_flip(TRIANTAPHYLLOU, TRIANTAPHYLLOU_W, tri, 2, normalization=None)
    assert f3.top == 1 and f3.feasible and f3.distance == 0.0
    f1 = weight_flip(TRIANTAPHYLLOU, TRIANTAPHYLLOU_W, tri, 0, normalization=None)
    grid = _simplex_grid(4, 60)
    flips = _flips_at(TRIANTAPHYLLOU, grid, 0)
    dist = np.abs(grid - TRIANTAPHYLLOU_W).sum(axis=1)
    assert (dist[flips] >= f1.distance - TOL).all()
    assert dist[flips].min() <= f1.distance + 2 * 4 / 60


def test_infeasible_challengers() -> None:
    # dominated on every criterion
    f = weight_flip([[2.0, 2.0], [1.0, 1.0], [0.0, 3.0]], [0.5, 0.5], [1, 1], 1, normalization=None)
    assert not f.feasible and f.distance == np.inf and f.dominated_by == 0
    assert f.weights is None and f.change is None and f.margin is None
    # not dominated by any single option, yet beaten under every weighting
    values = [[1.0, 0.0], [0.0, 1.0], [0.4, 0.4]]
    g = weight_flip(values, [0.5, 0.5], [1, 1], 2, norm="linf", normalization=None)
    assert not g.feasible and g.dominated_by is None
    grid = _simplex_grid(2, 1000)
    assert not _flips_at(np.array(values), grid, 2).any()


def test_weight_flip_uses_wsm_normalisation() -> None:
    matrix = np.array([[250.0, 16], [200, 32], [300, 32]])
    w = np.array([0.6, 0.4])
    f = weight_flip(matrix, w, [-1, 1], 2)  # minmax, as methods.wsm's default
    assert f.feasible and f.weights is not None
    r = po.methods.wsm(matrix, f.weights, [-1, 1])
    assert r.scores[2] >= r.scores.max() - TOL


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"norm": "l2"}, "norm: 'l2' is not one of 'l1', 'linf'"),
        ({"challenger": 3}, "challenger: index 3 out of range for 2 alternatives"),
        ({"challenger": True}, "challenger: expected an integer index"),
        ({"normalization": "z"}, "normalization: 'z' is not one of"),
        ({"weights": [0.5]}, r"weights: expected shape \(\.\.\., 2\)"),
        ({"matrix": [[1.0, -1.0], [2.0, 1.0]], "normalization": "max"}, "non-negative"),
    ],
)
def test_weight_flip_validation(kwargs: dict[str, Any], message: str) -> None:
    args: dict[str, Any] = {
        "matrix": [[1.0, 2.0], [2.0, 1.0]],
        "weights": [0.5, 0.5],
        "types": [1, 1],
        "challenger": 1,
    }
    args.update(kwargs)
    with pytest.raises(ValueError, match=message):
        weight_flip(**args)


# ---------------------------------------------------------------------- single values


@pytest.mark.parametrize("seed", range(6))
def test_value_flips_against_brute_force(seed: int) -> None:
    """For each single value, scanning a fine grid of new values in [0, 1] finds the
    smallest change that makes the challenger tie for first; it matches the closed form."""
    rng = np.random.default_rng(seed)
    values = rng.uniform(0, 1, size=(4, 3))
    w = rng.dirichlet(np.ones(3))
    grid = np.linspace(0, 1, 20001)
    for c in range(4):
        r = value_flips(values, w, c)
        for i, j in itertools.product(range(4), range(3)):
            trial = np.repeat(values[None], grid.size, axis=0)
            trial[:, i, j] = grid
            s = trial @ w
            ok = s[:, c] >= np.delete(s, c, axis=1).max(axis=1) - 1e-12
            if not ok.any():
                assert not r.possible[i, j]
                continue
            best = grid[ok][np.argmin(np.abs(grid[ok] - values[i, j]))] - values[i, j]
            assert r.possible[i, j], (c, i, j)
            assert abs(r.change[i, j] - best) <= 1 / 20000 + 1e-12


def test_value_flips_triantaphyllou_sanchez_form() -> None:
    """Triantaphyllou & Sánchez (1997), WSM: the change of a_ik that makes A_i and A_j tie
    is (P_j - P_i) / w_k.  On the published data, A1 (21.50) trails A2 and A3 (22.00)."""
    a, w = TRIANTAPHYLLOU, TRIANTAPHYLLOU_W
    p = a @ w
    r = value_flips(a, w, 0, low=0.0, high=100.0)
    np.testing.assert_allclose(r.change[0], (p[1] - p[0]) / w, rtol=1e-12)
    assert np.isinf(r.change[1:]).all()  # two options ahead: lowering one is not enough
    assert r.gap == pytest.approx(0.5) and r.top == 1
    r3 = value_flips(a, w, 2, low=0.0, high=100.0)
    assert r3.gap == pytest.approx(0.0, abs=1e-12)
    assert (r3.change == 0).all() and r3.possible.all()


def test_value_flips_lone_leader_and_bounds() -> None:
    values = np.array([[0.9, 0.9], [0.8, 0.1], [0.1, 0.2]])
    w = np.array([0.5, 0.5])
    r = value_flips(values, w, 1)
    # scores 0.9, 0.45, 0.15: the challenger needs +0.45 of score, i.e. +0.9 of value on
    # either criterion; or the lone leader loses 0.9 of value on either.
    assert r.gap == pytest.approx(0.45)
    np.testing.assert_allclose(r.change[1], [0.9, 0.9], atol=1e-12)
    np.testing.assert_allclose(r.change[0], [-0.9, -0.9], atol=1e-12)
    assert np.isinf(r.change[2]).all()  # the last option is not ahead: changing it is useless
    np.testing.assert_array_equal(r.possible, [[True, True], [False, True], [False, False]])
    r2 = value_flips(values, w, 1, low=[-1.0, -1.0], high=[2.0, 2.0])
    assert r2.possible[:2].all() and not r2.possible[2].any()
    zero = value_flips(values, [1.0, 0.0], 1)
    assert np.isinf(zero.change[:, 1]).all()  # a zero-weight criterion cannot help
    with pytest.raises(ValueError, match="low: must not exceed high"):
        value_flips(values, w, 1, low=1.0, high=0.0)


# ----------------------------------------------------------------- inverse value functions


def _crit(**kw: Any) -> po.Criterion:
    return po.Criterion(id="x", name="X", **kw)


def test_score_for_value_linear_and_exponential() -> None:
    ben = _crit(direction="benefit", scale={"min": 2, "max": 12})
    assert score_for_value(ben, 0.25, 3.0) == pytest.approx(4.5)
    assert score_for_value(ben, 1.0 + 1e-13, 3.0) == pytest.approx(12.0)  # rounding at the top
    assert score_for_value(ben, 1.01, 3.0) is None
    for direction in ("benefit", "cost"):
        for rho in (4.0, -2.5):
            c = _crit(
                direction=direction,
                scale={"min": 0, "max": 10},
                value_function={"kind": "exponential", "rho": rho},
            )
            for v in (0.0, 0.1, 0.5, 0.93, 1.0):
                x = score_for_value(c, v, 5.0)
                assert x is not None and 0 <= x <= 10
                assert float(c.value(x)) == pytest.approx(v, abs=1e-12)


def test_score_for_value_piecewise_flat_piece_gives_nearest_score() -> None:
    c = _crit(
        direction="benefit",
        scale={"min": 0, "max": 10},
        value_function={
            "kind": "piecewise_linear",
            "points": [[0, 0.0], [3, 0.1], [5, 0.5], [7, 0.5], [10, 1.0]],
        },
    )
    assert score_for_value(c, 0.5, 2.0) == pytest.approx(5.0)  # rising to the flat piece
    assert score_for_value(c, 0.5, 9.0) == pytest.approx(7.0)  # falling to it
    assert score_for_value(c, 0.5, 6.0) == pytest.approx(6.0)  # already on it
    assert score_for_value(c, 0.3, 8.0) == pytest.approx(4.0)
    assert score_for_value(c, 0.8, 0.0) == pytest.approx(8.8)
    cost = _crit(
        direction="cost",
        scale={"min": 0, "max": 10},
        value_function={"kind": "piecewise_linear", "points": [[0, 1.0], [4, 0.6], [10, 0.2]]},
    )
    assert score_for_value(cost, 0.4, 1.0) == pytest.approx(7.0)
    assert score_for_value(cost, 0.1, 1.0) is None  # below the worst value on the scale


# ------------------------------------------------------------------------ case level


def test_case_flip_analysis_mali(mali: po.Case) -> None:
    fa = flip_analysis(mali, "balanced")
    assert isinstance(fa, FlipAnalysis)
    cmp = po.compare(mali, "balanced")
    assert fa.top == cmp.top
    np.testing.assert_array_equal(fa.scores.to_numpy(), cmp.scores.to_numpy())
    wf = fa.weight_flips
    assert list(wf.index) == cmp.ranking[1:]
    assert list(wf["rank"]) == sorted(wf["rank"])
    np.testing.assert_allclose(wf["gap"], cmp.scores[fa.top] - cmp.scores[wf.index], atol=1e-15)
    np.testing.assert_allclose(wf["moved"], wf["l1"] / 2)
    assert (wf["linf"] <= wf["l1"] / 2 + 1e-12).all()
    for cid in fa.new_weights_l1.index:
        for frame in (fa.new_weights_l1, fa.new_weights_linf):
            new = dict(frame.loc[cid])
            res = po.compare(mali, weights=new)
            assert res.scores[cid] >= res.scores.max() - TOL  # the challenger ties for first
        delta = fa.new_weights_l1.loc[cid] - fa.weights
        assert delta.idxmax() == wf.loc[cid, "gains"] and delta.idxmin() == wf.loc[cid, "loses"]
        assert delta.max() == pytest.approx(wf.loc[cid, "gain"])


def test_case_score_flips_apply_and_are_minimal(mali: po.Case) -> None:
    fa = flip_analysis(mali, "balanced", n_score_flips=5)
    sf = fa.score_flips
    assert len(sf) > 0
    assert "risk_burden" not in set(sf["criterion"])
    arrays = po.compare(mali, "balanced")
    values = arrays.values.to_numpy().copy()
    w = fa.weights.to_numpy()
    opts = list(arrays.table.index)
    crits = list(fa.weights.index)
    rows: list[dict[Hashable, Any]] = sf.to_dict(orient="records")
    for row in rows:
        crit = mali.criterion(row["criterion"])
        i, j = opts.index(row["option"]), crits.index(row["criterion"])
        x0, x1 = float(row["score_from"]), float(row["score_to"])
        assert crit.scale.min <= x1 <= crit.scale.max
        c = opts.index(row["challenger"])
        for frac, flips in ((1.0, True), (0.98, False)):
            v = values.copy()
            v[i, j] = float(crit.value(x0 + frac * (x1 - x0)))
            s = v @ w
            assert bool(s[c] >= s.max() - TOL) is flips, (row, frac)
    for challenger, group in sf.groupby("challenger"):
        assert list(group["relative"]) == sorted(group["relative"])
        assert len(group) <= 5
        assert set(group["option"]) <= {challenger, fa.top}


def test_case_sentences(mali: po.Case) -> None:
    fa = flip_analysis(mali, "balanced")
    text = fa.sentences()
    assert any(" overtakes Scale up humanitarian aid if " in s for s in text)
    first = text[0]
    row = fa.weight_flips.iloc[0]
    assert first.startswith("Quietly encourage negotiation and de-escalation overtakes")
    if row["gains"] is not None:
        gain_name = mali.criterion(row["gains"]).name.lower()
        assert gain_name in first
    assert any("score rises from" in s or "score falls from" in s for s in text)
    # Re-partner trails by 0.17: no single score within its scale closes that gap
    assert fa.score_flips[fa.score_flips["challenger"] == "re_partner"].empty
    assert (
        "Putting Re-partner with Bamako first by changing a single score is not possible "
        "within the scales."
    ) in text
    summary = fa.summary()
    assert summary.splitlines()[0].startswith("Scale up humanitarian aid ranks first (method wsm")
    assert fa.summary(short=True).splitlines()[1].startswith("Negotiate overtakes Aid")
    table = fa.to_text()
    assert "Weight to shift" in table and "Negotiate" in table
    assert fa.to_markdown().endswith("*")
    assert "<table" in fa.to_html() and fa._repr_html_() == fa.to_html()
    assert r"\begin{table}" in fa.to_latex()
    assert fa.to_csv() is not None


def test_case_single_gainer_sentence_and_infeasible(toy_data: dict[str, Any]) -> None:
    # "wait" made worse than "talk" on every criterion: it can never come first.
    for a in toy_data["assessments"]:
        if a["option"] == "wait" and a["criterion"] == "cost":
            a["score"] = 30
            a["uncertainty"] = {"kind": "triangular", "low": 29, "high": 31}
    toy_data["risks"][0]["exposure"]["wait"] = 0.5
    case = po.Case.model_validate(toy_data)
    fa = flip_analysis(case, "even")
    wf = fa.weight_flips
    assert not wf.loc["wait", "feasible"] and wf.loc["wait", "dominated_by"] == "talk"
    assert wf.loc["wait", "l1"] == np.inf and "wait" not in fa.new_weights_l1.index
    text = fa.sentences()
    assert "Wait cannot overtake Talk under any weights: Talk beats it on every criterion." in text
    act = next(s for s in text if s.startswith("Act overtakes Talk"))
    # two criteria involved at most: one gains, one loses
    assert " of weight from " in act or " of weight shifts to " in act
    assert "no weight needs to move by more than" in act


def test_case_flip_validation(toy_case: po.Case) -> None:
    with pytest.raises(ValueError, match="n_score_flips: expected an int >= 0"):
        flip_analysis(toy_case, n_score_flips=-1)
    with pytest.raises(po.CaseError, match="unknown profile"):
        flip_analysis(toy_case, "nope")
    storm = flip_analysis(toy_case, scenario="storm", n_score_flips=0)
    assert storm.scenario == "storm" and len(storm.score_flips) == 0
    assert storm.top == po.compare(toy_case, scenario="storm").top
