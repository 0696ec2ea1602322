"""Robust portfolio modelling on arrays: brute force on random problems, a textbook case."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

import policyopts as po
from policyopts.portfolio import (
    best_portfolio,
    feasible_portfolios,
    portfolio_values,
    rpm,
)
from policyopts.portfolio._enumerate import nondominated
from policyopts.portfolio._weightsets import extreme_points


# ------------------------------------------------------------------ brute force
def _brute_feasible(costs, budget, exclusive, requires):
    k = costs.shape[0]
    out = []
    for bits in itertools.product([0, 1], repeat=k):
        p = np.array(bits[::-1], dtype=bool)  # any order; sorted below
        if np.any(costs[p].sum(axis=0) > budget + 1e-9):
            continue
        if any(p[list(g)].sum() > 1 for g in exclusive):
            continue
        if any(p[a] and not p[list(r)].all() for a, r in requires.items()):
            continue
        out.append(p)
    return np.array(sorted(out, key=lambda p: sum(1 << i for i in np.flatnonzero(p))))


def _brute_vertices(rows, rhs, n):
    """Vertices of {w : rows @ w <= rhs, sum w = 1} by trying every n-1 active rows."""
    pts = []
    eq = np.ones((1, n))
    for active in itertools.combinations(range(rows.shape[0]), n - 1):
        a = np.vstack([rows[list(active)], eq])
        b = np.concatenate([rhs[list(active)], [1.0]])
        if abs(np.linalg.det(a)) < 1e-10:
            continue
        w = np.linalg.solve(a, b)
        if np.all(rows @ w <= rhs + 1e-9):
            pts.append(w)
    return np.unique(np.round(np.array(pts), 9), axis=0)


def _interval_polytope(lo, hi):
    n = lo.size
    rows = np.vstack([-np.eye(n), np.eye(n)])
    return rows, np.concatenate([-lo, hi])


def _ordinal_polytope(ranks):
    n = len(ranks)
    rows = [-np.eye(n)[j] for j in range(n)]
    for a in range(n):
        for b in range(n):
            if ranks[a] < ranks[b]:
                r = np.zeros(n)
                r[a], r[b] = -1.0, 1.0  # w_b - w_a <= 0
                rows.append(r)
    return np.array(rows), np.zeros(len(rows))


def _brute_value(p, values, inter, w):
    v = float(values[p].sum(axis=0) @ w)
    for s, d in inter:
        if p[list(s)].all():
            v += float(np.asarray(d) @ w)
    return v


def _brute_nondominated(feas, values, inter, verts):
    s = np.array([[_brute_value(p, values, inter, w) for w in verts] for p in feas])
    keep = []
    for i in range(len(feas)):
        dominated = any(
            np.all(s[j] >= s[i] - 1e-12) and np.any(s[j] > s[i] + 1e-12)
            for j in range(len(feas))
            if j != i
        )
        if not dominated:
            keep.append(i)
    return feas[keep]


def _as_set(portfolios):
    return {tuple(bool(x) for x in p) for p in portfolios}


def _random_problem(seed):
    rng = np.random.default_rng(seed)
    k = int(rng.integers(3, 9))
    n = int(rng.integers(2, 5))
    b = int(rng.integers(1, 3))
    values = np.round(rng.random((k, n)), 2)
    costs = np.round(rng.uniform(1, 10, (k, b)), 1)
    budget = np.round(costs.sum(axis=0) * rng.uniform(0.3, 0.7), 1)
    perm = rng.permutation(k)
    exclusive = [tuple(int(i) for i in perm[:2])] if rng.random() < 0.6 else []
    requires = {int(perm[2]): (int(perm[3 % k]),)} if rng.random() < 0.6 and k > 3 else {}
    inter = []
    if rng.random() < 0.7:
        pair = tuple(int(i) for i in rng.choice(k, 2, replace=False))
        inter.append((pair, np.round(rng.uniform(-0.4, 0.4, n), 2)))
    return values, costs, budget, exclusive, requires, inter


@pytest.mark.parametrize("seed", range(12))
def test_random_problems_match_brute_force_under_interval_weights(seed: int) -> None:
    values, costs, budget, exclusive, requires, inter = _random_problem(seed)
    _k, n = values.shape
    rng = np.random.default_rng(100 + seed)
    centre = rng.dirichlet(np.ones(n))
    lo, hi = centre * 0.6, np.minimum(centre * 1.4, 1.0)
    feas = _brute_feasible(costs, budget, exclusive, requires)
    got = feasible_portfolios(costs, budget, exclusive=exclusive, requires=requires)
    assert _as_set(got) == _as_set(feas)
    assert got.shape[0] == len(feas)

    verts = _brute_vertices(*_interval_polytope(lo, hi), n)
    want = _brute_nondominated(feas, values, inter, verts)
    res = rpm(
        values,
        costs,
        budget,
        po.interval_weights(lo, hi),
        exclusive=exclusive,
        requires=requires,
        interactions=inter,
    )
    assert _as_set(res.portfolios) == _as_set(want)
    assert res.n_feasible == len(feas)
    core = want.mean(axis=0)
    np.testing.assert_allclose(res.core_index, core)
    expected = np.where(core == 1, "core", np.where(core == 0, "exterior", "borderline"))
    assert res.status.tolist() == expected.tolist()
    # the computed extreme points are exactly the brute-force vertices
    pts, _ = extreme_points(po.interval_weights(lo, hi), n)
    assert {tuple(np.round(p, 9)) for p in pts} == {tuple(v) for v in verts}


@pytest.mark.parametrize("seed", range(12))
def test_random_problems_match_brute_force_under_ordinal_weights(seed: int) -> None:
    values, costs, budget, exclusive, requires, inter = _random_problem(seed)
    _k, n = values.shape
    rng = np.random.default_rng(200 + seed)
    ranks = [int(r) for r in rng.integers(1, n + 1, n)]  # ties allowed
    feas = _brute_feasible(costs, budget, exclusive, requires)
    verts = _brute_vertices(*_ordinal_polytope(ranks), n)
    want = _brute_nondominated(feas, values, inter, verts)
    res = rpm(
        values,
        costs,
        budget,
        po.ordinal_weights(ranks),
        exclusive=exclusive,
        requires=requires,
        interactions=inter,
    )
    assert _as_set(res.portfolios) == _as_set(want)
    core = want.mean(axis=0)
    np.testing.assert_allclose(res.core_index, core)
    # every brute-force vertex is among the points used
    pts, _ = extreme_points(po.ordinal_weights(ranks), n)
    have = {tuple(np.round(p, 9)) for p in pts}
    assert {tuple(v) for v in verts} <= have


def test_dominance_at_vertices_agrees_with_linear_programming_over_the_polytope() -> None:
    values, costs, budget, _exclusive, _requires, inter = _random_problem(3)
    n = values.shape[1]
    lo, hi = np.full(n, 0.5 / n), np.full(n, 1.6 / n)
    res = rpm(values, costs, budget, po.interval_weights(lo, hi), interactions=inter)
    feas = feasible_portfolios(costs, budget)
    rows, rhs = _interval_polytope(lo, hi)
    for p in feas[:12]:
        for q in res.portfolios[:4]:
            d = (
                portfolio_values(np.array([q]), values, np.eye(n), interactions=inter)[:, 0]
                - portfolio_values(np.array([p]), values, np.eye(n), interactions=inter)[:, 0]
            )
            lp = linprog(d, A_ub=rows, b_ub=rhs, A_eq=np.ones((1, n)), b_eq=[1.0])
            at_vertices = (
                portfolio_values(np.array([q, p]), values, res.extreme_points, interactions=inter)
                @ np.array([1.0, -1.0])
            ).min()
            assert lp.fun == pytest.approx(at_vertices, abs=1e-9)


# ------------------------------------------------------------------ textbook
def test_california_manufacturing_capital_budgeting() -> None:
    """Hillier & Lieberman, *Introduction to Operations Research* (McGraw-Hill),
    the prototype example of the integer-programming chapter (Sec. 12.1,
    Table 12.1, California Manufacturing Co.): factories and warehouses in Los
    Angeles and San Francisco; net present values 9, 5, 6, 4 and capital 6, 3, 5, 2 ($ million),
    $10 million available; at most one warehouse, and a warehouse only where a
    factory is built. The optimum builds both factories and no warehouse,
    NPV $14 million."""
    npv = np.array([[9.0], [5.0], [6.0], [4.0]])
    capital = [6.0, 3.0, 5.0, 2.0]
    kw = {"exclusive": [[2, 3]], "requires": {2: 0, 3: 1}}
    feas = feasible_portfolios(capital, 10.0, **kw)
    assert _as_set(feas) == _as_set(
        np.array(
            [
                [0, 0, 0, 0],
                [1, 0, 0, 0],
                [0, 1, 0, 0],
                [1, 1, 0, 0],
                [0, 1, 0, 1],
            ],
            dtype=bool,
        )
    )
    res = rpm(npv, capital, 10.0, po.fixed_weights([1.0]), **kw)
    assert res.portfolios.tolist() == [[True, True, False, False]]
    assert res.values[0, 0] == 14.0
    assert res.status.tolist() == ["core", "core", "exterior", "exterior"]
    best = best_portfolio(npv, capital, 10.0, [1.0], **kw)
    assert best.members.tolist() == [True, True, False, False]
    assert best.value == pytest.approx(14.0)
    assert best.optimal


# ------------------------------------------------------------------ MILP = enumeration
@pytest.mark.parametrize("seed", range(8))
def test_best_portfolio_matches_enumeration(seed: int) -> None:
    values, costs, budget, exclusive, requires, inter = _random_problem(seed)
    w = np.random.default_rng(seed).dirichlet(np.ones(values.shape[1]))
    best = best_portfolio(
        values, costs, budget, w, exclusive=exclusive, requires=requires, interactions=inter
    )
    feas = feasible_portfolios(costs, budget, exclusive=exclusive, requires=requires)
    vals = portfolio_values(feas, values, w, interactions=inter)
    assert best.value == pytest.approx(vals.max(), abs=1e-9)
    assert best.optimal


def test_best_portfolio_scales_beyond_enumeration() -> None:
    rng = np.random.default_rng(0)
    k = 60
    values = rng.random((k, 3))
    costs = rng.uniform(1, 10, (k, 2))
    best = best_portfolio(values, costs, costs.sum(axis=0) / 3, [0.5, 0.3, 0.2])
    assert best.optimal
    assert np.all(costs[best.members].sum(axis=0) <= costs.sum(axis=0) / 3 + 1e-9)
    with pytest.raises(ValueError, match="best_portfolio"):
        rpm(values, costs, costs.sum(axis=0) / 3, po.uniform_weights())


# ------------------------------------------------------------------ weight sets
def test_extreme_points_of_each_weight_set() -> None:
    assert extreme_points(po.uniform_weights(), 3)[0].tolist() == np.eye(3).tolist()
    assert extreme_points(po.centred_weights([0.2, 0.8]), 2)[0].tolist() == np.eye(2).tolist()
    assert extreme_points(po.fixed_weights([1, 3]), 2)[0].tolist() == [[0.25, 0.75]]
    pts = extreme_points(po.ordinal_weights([2, 1, 3]), 3)[0]
    assert np.round(pts, 3).tolist() == [[0, 1, 0], [0.5, 0.5, 0], [0.333, 0.333, 0.333]]
    explicit = extreme_points([[0.5, 0.5], [1.0, 0.0]], 2)
    assert explicit[0].shape == (2, 2)
    assert explicit[1] == "2 extreme point(s)"
    assert extreme_points({"kind": "ordinal", "ranks": [1, 2]}, 2)[0].shape == (2, 2)
    with pytest.raises(ValueError, match=r"shape \(V, 3\)"):
        extreme_points(np.ones((2, 2)), 3)


def test_fixed_weights_keep_only_the_best_portfolios() -> None:
    values = np.array([[1.0, 0.0], [0.0, 1.0], [0.5, 0.5]])
    res = rpm(values, [1, 1, 1], 2, po.fixed_weights([0.5, 0.5]))
    # all three pairs are worth 1.0: ties are not dominance
    assert res.portfolios.shape[0] == 3
    np.testing.assert_allclose(res.core_index, [2 / 3] * 3)


def test_uniform_weights_keep_trade_offs() -> None:
    values = np.array([[1.0, 0.0], [0.0, 1.0], [0.5, 0.0]])
    res = rpm(values, [1, 1, 1], 1, "uniform")
    assert _as_set(res.portfolios) == {(True, False, False), (False, True, False)}
    assert res.status.tolist() == ["borderline", "borderline", "exterior"]
    assert res.value_range.shape == (2, 2)
    assert "2 non-dominated of 4 feasible" in repr(res)


def test_negative_values_make_smaller_portfolios_non_dominated() -> None:
    values = np.array([[0.5, 0.5], [-0.2, -0.1]])
    res = rpm(values, [0, 0], 0, "uniform")
    assert res.portfolios.tolist() == [[True, False]]


# ------------------------------------------------------------------ kernels
def test_nondominated_kernel_matches_pairwise_on_random_scores() -> None:
    rng = np.random.default_rng(5)
    s = np.round(rng.random((400, 3)), 1)  # many ties
    got = nondominated(s, block=16)
    diff = s[:, None, :] - s[None, :, :]
    dom = np.all(diff >= 0, axis=-1) & np.any(diff > 0, axis=-1)
    assert got.tolist() == (~dom.any(axis=0)).tolist()
    assert nondominated(np.zeros((0, 2))).shape == (0,)


@settings(max_examples=30, deadline=None)
@given(
    k=st.integers(1, 7),
    seed=st.integers(0, 10_000),
    share=st.floats(0.0, 1.0),
)
def test_feasible_set_properties(k: int, seed: int, share: float) -> None:
    rng = np.random.default_rng(seed)
    costs = rng.uniform(0, 5, (k, 2))
    budget = costs.sum(axis=0) * share
    feas = feasible_portfolios(costs, budget)
    assert not feas[0].any()  # the empty portfolio is always feasible
    assert np.all(feas.astype(float) @ costs <= budget + 1e-9)
    # closed under removing an action
    codes = {tuple(p) for p in feas.tolist()}
    for p in feas:
        for i in np.flatnonzero(p):
            q = p.copy()
            q[i] = False
            assert tuple(q.tolist()) in codes


def test_portfolio_values_batched_over_weight_draws() -> None:
    values = np.array([[1.0, 0.0], [0.0, 1.0]])
    members = np.array([[True, False], [True, True]])
    w = np.array([[1.0, 0.0], [0.0, 1.0], [0.5, 0.5]])
    out = portfolio_values(members, values, w, interactions={(0, 1): [0.0, 0.5]})
    assert out.tolist() == [[1.0, 1.0], [0.0, 1.5], [0.5, 1.25]]


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"costs": [1, 2]}, r"costs: expected shape \(3,\)"),
        ({"costs": [1, -2, 1]}, "costs: must be >= 0"),
        ({"budget": [1, 2]}, "budget: expected a scalar"),
        ({"budget": -1}, "budget: must be >= 0"),
        ({"exclusive": [[0, 5]]}, r"exclusive\[0\]\[1\]: index 5 out of range for \d+ actions"),
        ({"exclusive": [[0, 0]]}, "repeated action index"),
        ({"exclusive": "ab"}, "exclusive: expected a sequence"),
        ({"requires": {1: 1}}, "cannot require itself"),
        ({"requires": [(1,)]}, r"requires\[0\]: expected \(action, prerequisites\)"),
        ({"requires": 3}, "requires: expected a mapping"),
        ({"requires": {1.5: 0}}, "expected an integer index"),
        ({"interactions": [((0,), [1, 1])]}, "needs at least 2 actions"),
        ({"interactions": [((0, 1), [1])]}, r"value vector of shape \(2,\)"),
        ({"interactions": [((0, 1),)]}, r"expected \(actions, values\)"),
        ({"interactions": 5}, "interactions: expected a mapping"),
        ({"values": [1, 2, 3]}, r"values: expected shape \(k, n\)"),
        ({"values": [[np.nan, 1]] * 3}, "values: contains NaN"),
    ],
)
def test_bad_input_is_a_named_value_error(kwargs: dict, match: str) -> None:
    args = {
        "values": [[1.0, 0.0], [0.0, 1.0], [0.5, 0.5]],
        "costs": [1, 1, 1],
        "budget": 2,
        "weights": "uniform",
    }
    args.update(kwargs)
    with pytest.raises(ValueError, match=match):
        rpm(
            args.pop("values"),
            args.pop("costs"),
            args.pop("budget"),
            args.pop("weights"),
            **args,
        )


def test_bad_portfolio_membership_and_weights() -> None:
    with pytest.raises(ValueError, match="portfolios: expected a boolean"):
        portfolio_values([[1, 0]], [[1.0], [2.0]], [1.0])
    with pytest.raises(ValueError, match=r"weights: expected shape \(..., 1\)"):
        portfolio_values([[True, False]], [[1.0], [2.0]], [1.0, 2.0])
    with pytest.raises(ValueError, match="weights: expected one weight vector"):
        best_portfolio([[1.0], [2.0]], [1, 1], 1, [[1.0]])
    with pytest.raises(ValueError, match="costs: expected shape"):
        feasible_portfolios(5.0, 1)


@pytest.mark.parametrize("seed", range(4))
def test_score_portfolios_agrees_with_membership_products(seed: int) -> None:
    values, costs, budget, exclusive, requires, inter = _random_problem(seed)
    w = np.random.default_rng(seed).dirichlet(np.ones(values.shape[1]))
    kw = {"exclusive": exclusive, "requires": requires}
    scored = po.score_portfolios(values, costs, budget, w, interactions=inter, **kw)
    member = feasible_portfolios(costs, budget, **kw)
    np.testing.assert_array_equal(scored.portfolios, member)
    assert scored.scores is not None
    np.testing.assert_allclose(
        scored.scores, portfolio_values(member, values, w, interactions=inter)
    )
    np.testing.assert_allclose(scored.costs, member.astype(float) @ costs)
    np.testing.assert_allclose(
        scored.criteria,
        np.stack(
            [portfolio_values(member, values, e, interactions=inter) for e in np.eye(len(w))],
            axis=1,
        ),
    )
    assert po.score_portfolios(values, costs, budget).scores is None
    with pytest.raises(ValueError, match="weights: expected one weight vector"):
        po.score_portfolios(values, costs, budget, [1.0])


def test_weight_set_edge_cases() -> None:
    from policyopts.portfolio._weightsets import MAX_INTERVAL_CRITERIA

    assert extreme_points(po.interval_weights([0.0], [1.0]), 1)[0].tolist() == [[1.0]]
    big = MAX_INTERVAL_CRITERIA + 1
    with pytest.raises(ValueError, match="at most 16 criteria"):
        extreme_points(po.interval_weights(np.zeros(big), np.full(big, 0.5)), big)
    with pytest.raises(ValueError, match="weights: contains NaN"):
        extreme_points([[np.nan, 1.0]], 2)
    one, text = extreme_points([0.3, 0.7], 2)
    assert one.tolist() == [[0.3, 0.7]] and text == "1 extreme point(s)"
    with pytest.raises(ValueError, match="for 3 criteria"):
        extreme_points(po.ordinal_weights([1, 2, 3]), 2)


def test_rpm_accepts_explicit_extreme_points() -> None:
    values = np.array([[1.0, 0.0], [0.0, 1.0], [0.6, 0.6]])
    # only weights near the middle: the balanced action wins alone
    res = rpm(values, [1, 1, 1], 1, [[0.45, 0.55], [0.55, 0.45]])
    assert res.portfolios.tolist() == [[False, False, True]]
    assert res.extreme_points.shape == (2, 2)
    assert res.costs.tolist() == [[1.0]]


@pytest.mark.parametrize("seed", range(8))
def test_vertex_portfolios_are_non_dominated(seed: int) -> None:
    values, costs, budget, exclusive, requires, inter = _random_problem(seed)
    n = values.shape[1]
    kw = {"exclusive": exclusive, "requires": requires, "interactions": inter}
    weights = po.interval_weights(np.full(n, 0.5 / n), np.full(n, 1.5 / n))
    found = po.vertex_portfolios(values, costs, budget, weights, **kw)
    full = rpm(values, costs, budget, weights, **kw)
    assert _as_set(found.portfolios) <= _as_set(full.portfolios)
    assert sorted(v for b in found.best_at for v in b) == list(range(len(found.extreme_points)))
    best = found.values.max(axis=0)
    np.testing.assert_allclose(best, full.values.max(axis=0))


def test_vertex_portfolios_scale_beyond_enumeration() -> None:
    rng = np.random.default_rng(1)
    k, n = 80, 4
    values = rng.random((k, n))
    costs = rng.uniform(1, 10, k)
    found = po.vertex_portfolios(values, costs, costs.sum() / 4, po.ordinal_weights([1, 2, 3, 4]))
    assert found.portfolios.shape[1] == k
    assert 1 <= found.portfolios.shape[0] <= 4
    assert np.all(found.portfolios.astype(float) @ costs <= costs.sum() / 4 + 1e-6)
