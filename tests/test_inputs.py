"""Uncertain inputs of a case: distributions, sampling, batched matrices."""

from __future__ import annotations

import copy
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import policyopts as po


def test_one_input_per_uncertain_number(toy_case: po.Case) -> None:
    inputs = po.uncertain_inputs(toy_case)
    assert len(inputs) == 6 + 1
    assert inputs.ids[0] == "score:act:gain" and inputs.ids[-1] == "likelihood:backfire"
    assert list(inputs.table.columns) == [
        "kind",
        "option",
        "criterion",
        "risk",
        "point",
        "low",
        "high",
        "distribution",
    ]


def test_point_values_reproduce_the_base_matrix(mali: po.Case) -> None:
    inputs = po.uncertain_inputs(mali)
    mats = inputs.matrices(inputs.point_values()[None, :])
    np.testing.assert_allclose(mats[0], po.compare(mali).table[mali.criterion_ids].to_numpy())


def test_sample_means_match_distributions(toy_case: po.Case) -> None:
    inputs = po.uncertain_inputs(toy_case)
    draws = inputs.sample(200_000, seed=3)
    # triangular(6, 7, 8): mean 7; uniform(0.2, 0.6): mean 0.4
    assert draws[:, 0].mean() == pytest.approx(7.0, abs=0.01)
    assert draws[:, -1].mean() == pytest.approx(0.4, abs=0.002)
    assert draws[:, 0].min() >= 6 and draws[:, 0].max() <= 8


def test_pert_mean(toy_data: dict[str, object]) -> None:
    toy_data["assessments"][0]["uncertainty"] = {"kind": "pert", "low": 4, "high": 10}  # type: ignore[index]
    inputs = po.uncertain_inputs(po.Case.model_validate(toy_data))
    # Beta-PERT mean (low + 4 mode + high) / 6 = (4 + 28 + 10) / 6 = 7
    assert inputs.inputs[0].dist.mean() == pytest.approx(7.0)


def test_burden_recomputed_from_drawn_likelihood(toy_case: po.Case) -> None:
    inputs = po.uncertain_inputs(toy_case)
    values = inputs.point_values()[None, :].copy()
    values[0, -1] = 0.5
    mats = inputs.matrices(values)
    np.testing.assert_allclose(mats[0, :, -1], 0.5 * 3 * np.array([0.8, 0.1, 0.3]))


def test_same_seed_same_draws(mali: po.Case) -> None:
    inputs = po.uncertain_inputs(mali)
    np.testing.assert_array_equal(inputs.sample(100, seed=7), inputs.sample(100, seed=7))
    assert not np.array_equal(inputs.sample(100, seed=7), inputs.sample(100, seed=8))


def test_scenario_fixes_set_scores_and_overridden_likelihoods(toy_case: po.Case) -> None:
    storm = po.uncertain_inputs(toy_case, "storm")
    assert "score:wait:gain" not in storm.ids and "likelihood:backfire" not in storm.ids
    calm = po.uncertain_inputs(toy_case, "calm")
    act_gain = calm.inputs[calm.ids.index("score:act:gain")]
    assert (act_gain.point, act_gain.low, act_gain.high) == (8.0, 7.0, 9.0)


def test_bad_arguments(toy_case: po.Case) -> None:
    inputs = po.uncertain_inputs(toy_case)
    with pytest.raises(ValueError, match="n: need at least 1"):
        inputs.sample(0)
    with pytest.raises(ValueError, match="values: expected shape"):
        inputs.matrices(np.zeros((2, 3)))
    with pytest.raises(ValueError, match="seed"):
        inputs.sample(5, seed="x")  # type: ignore[arg-type]


def test_value_map_matches_criterion_values_on_blocks(mali: po.Case) -> None:
    from policyopts.inputs import ValueMap

    inputs = po.uncertain_inputs(mali)
    criteria = inputs.base.criteria
    vm = ValueMap.from_criteria(criteria)
    rng = np.random.default_rng(0)
    mats = inputs.matrices(inputs.draw(rng, 500))
    lo = np.array([c.scale.min for c in criteria])
    hi = np.array([c.scale.max for c in criteria])
    mats[:50] = lo - 1.0  # below every scale and every first knot
    mats[50:100] = hi + 1.0  # above
    expected = np.stack([c.value(mats[..., j]) for j, c in enumerate(criteria)], axis=-1)
    np.testing.assert_allclose(vm(mats), expected, rtol=0, atol=1e-12)


def test_block_draws_follow_each_inputs_distribution(mali: po.Case) -> None:
    # Same distributions as the SciPy objects (another random stream): means and
    # standard deviations within 5 standard errors, every draw inside its range.
    inputs = po.uncertain_inputs(mali)
    n = 40_000
    d = inputs.draw(np.random.default_rng(3), n)
    assert d.shape == (n, len(inputs))
    for k, inp in enumerate(inputs.inputs):
        mean, sd = float(inp.dist.mean()), float(inp.dist.std())
        assert abs(d[:, k].mean() - mean) <= 5 * sd / np.sqrt(n) + 1e-3 * (inp.high - inp.low)
        assert abs(d[:, k].std() - sd) <= 0.02 * sd + 1e-3 * (inp.high - inp.low)
        assert d[:, k].min() >= inp.low - 1e-9 and d[:, k].max() <= inp.high + 1e-9


def test_block_draws_of_every_family(toy_data: dict[str, Any]) -> None:
    # Uniform, triangular, PERT, normal (truncated to the scale) and discrete inputs.
    from scipy import stats

    data = copy.deepcopy(toy_data)
    kinds = [
        {"kind": "uniform", "low": 2.0, "high": 6.0},
        {"kind": "triangular", "low": 1.0, "high": 9.0},
        {"kind": "pert", "low": 1.0, "high": 9.0},
        {"kind": "normal", "sd": 1.5},
        {"kind": "discrete", "values": [3.0, 5.0, 8.0], "probabilities": [0.2, 0.5, 0.3]},
    ]
    for a, u in zip(data["assessments"], kinds, strict=False):
        a["uncertainty"] = u
        a["score"] = 5.0
    inputs = po.uncertain_inputs(po.Case.model_validate(data))
    kinds_drawn = {i.distribution for i in inputs.inputs}
    assert kinds_drawn >= {"uniform", "triangular", "pert", "normal", "discrete"}
    d = inputs.draw(np.random.default_rng(11), 20_000)
    for k, inp in enumerate(inputs.inputs):
        if inp.distribution == "discrete":
            assert set(np.unique(d[:, k])) <= {3.0, 5.0, 8.0}
            continue
        assert stats.kstest(d[:, k], inp.dist.cdf).pvalue > 1e-4, inp.id


# ----------------------------------------------------------------- value-scale draws
def _every_kind_case(toy_data: dict[str, Any]) -> po.Case:
    """The toy case with every distribution family, an exponential value function on
    "gain", a piecewise-linear one on "cost", and a drawn likelihood."""
    data = copy.deepcopy(toy_data)
    data["criteria"][0]["value_function"] = {"kind": "exponential", "rho": 2.0}
    data["criteria"][1]["value_function"] = {
        "kind": "piecewise_linear",
        "points": [[0, 1.0], [30, 0.7], [70, 0.2], [100, 0.0]],
    }
    kinds = [
        {"kind": "uniform", "low": 4.0, "high": 9.0},
        {"kind": "pert", "low": 40.0, "high": 80.0},
        {"kind": "normal", "sd": 1.5},
        {"kind": "discrete", "values": [2.0, 10.0, 45.0], "probabilities": [0.2, 0.5, 0.3]},
        {"kind": "triangular", "low": 3.0, "high": 8.0},
        {"kind": "triangular", "low": 5.0, "high": 50.0},
    ]
    for a, u in zip(data["assessments"], kinds, strict=True):
        a["uncertainty"] = u
    return po.Case.model_validate(data)


def _reference_scores(inputs: Any, seed: int, size: int, w: np.ndarray) -> np.ndarray:
    """The plain pipeline: draws -> score matrices -> value functions -> weighted sums."""
    from policyopts.inputs import ValueMap

    vm = ValueMap.from_criteria(inputs.base.criteria)
    mats = vm(inputs.matrices(inputs.draw(np.random.default_rng(seed), size)))
    return np.einsum("cmn,cn->mc", mats, np.broadcast_to(w, (size, w.shape[-1])))


@pytest.mark.parametrize("scenario", [None, "calm", "storm", "expected"])
def test_value_scores_equal_the_plain_pipeline(toy_data: dict[str, Any], scenario: Any) -> None:
    # Exponential rows, hinge rows of piecewise-linear value functions, mapped rows
    # (discrete inputs).
    case = _every_kind_case(toy_data)
    inputs = po.uncertain_inputs(case, scenario)
    vs = inputs.value_scores()
    assert vs is inputs.value_scores()  # built once per inputs object
    assert vs.exp_rows.size and vs.hinge_src.size and vs.mapped.size
    rng = np.random.default_rng(5)
    w = rng.random((300, 3))
    y = vs.draw(np.random.default_rng(9), 300)
    expected = _reference_scores(inputs, 9, 300, w)
    np.testing.assert_allclose(vs.scores_t(y, w), expected, rtol=0, atol=1e-12)
    np.testing.assert_allclose(
        vs.scores_t(y, w[0]), _reference_scores(inputs, 9, 300, w[0]), rtol=0, atol=1e-12
    )
    many = vs.scores_many(y, w[:4])
    for d in range(4):
        np.testing.assert_allclose(many[d], vs.scores_t(y, w[d]), rtol=0, atol=1e-12)
    ones = np.ones(3)  # nominal values: the base case's matrix through its value functions
    np.testing.assert_allclose(vs.nominal.sum(axis=1), _value_rows(inputs) @ ones, atol=1e-12)


def _value_rows(inputs: Any) -> np.ndarray:
    from policyopts.inputs import ValueMap

    return ValueMap.from_criteria(inputs.base.criteria)(inputs.base.matrix)


@given(seed=st.integers(0, 2**32 - 1), size=st.integers(1, 2_500))
@settings(max_examples=15, deadline=None)
def test_value_scores_in_blocks_match_one_draw(mali: po.Case, seed: int, size: int) -> None:
    # draw_scores works in blocks of VALUE_BLOCK draws: the same numbers as drawing the
    # blocks one after the other and scoring them.
    from policyopts.inputs import VALUE_BLOCK

    vs = po.uncertain_inputs(mali).value_scores()
    w = np.random.default_rng(seed + 1).random((size, 11))
    got = vs.draw_scores(np.random.default_rng(seed), w)
    rng = np.random.default_rng(seed)
    parts = [
        vs.scores_t(vs.draw(rng, min(VALUE_BLOCK, size - s)), w[s : s + VALUE_BLOCK])
        for s in range(0, size, VALUE_BLOCK)
    ]
    np.testing.assert_array_equal(got, np.concatenate(parts, axis=1))
    central = np.random.default_rng(seed + 2).random((2, 11))
    many = vs.draw_scores_many(np.random.default_rng(seed), central, size)
    rng = np.random.default_rng(seed)
    y = np.concatenate(
        [vs.draw(rng, min(VALUE_BLOCK, size - s)) for s in range(0, size, VALUE_BLOCK)], axis=1
    )
    np.testing.assert_allclose(many, vs.scores_many(y, central), rtol=0, atol=1e-12)


@pytest.mark.parametrize("mode", [0.0, 0.1, 0.5, 0.9, 1.0])
def test_triangular_by_min_and_max_of_two_uniforms(mode: float) -> None:
    # (1 - c) min(U1, U2) + c max(U1, U2) is triangular with mode c (Stein & Keblis
    # 2009): Kolmogorov-Smirnov against SciPy, and the mean (1 + c) / 3 and variance
    # (1 - c + c^2) / 18 within 5 standard errors.
    from scipy import stats

    from policyopts.inputs._draw import _DrawPlan

    empty: Any = (np.zeros(0, dtype=np.intp), np.zeros(0), np.zeros(0))
    plan = _DrawPlan(
        k=1,
        uniform=empty,
        triangular=(np.zeros(1, dtype=np.intp), np.zeros(1), np.ones(1), np.array([mode])),
        pert=(*empty, np.zeros(0), np.zeros(0)),
        normal=(*empty, np.zeros(0), np.zeros(0)),
        discrete=(np.zeros(0, dtype=np.intp), np.zeros((0, 1)), np.ones((0, 1))),
    )
    n = 100_000
    s = plan.standard(np.random.default_rng(int(mode * 10)).bit_generator.random_raw((1, n)))[0]
    assert s.min() >= 0.0 and s.max() <= 1.0
    assert stats.kstest(s, stats.triang(mode).cdf).pvalue > 1e-4
    var = (1 - mode + mode**2) / 18
    assert abs(s.mean() - (1 + mode) / 3) < 5 * np.sqrt(var / n)
    assert abs(s.var() - var) < 5 * var * np.sqrt(2 / n) + 1e-6


@given(
    x=arrays(np.float64, (7, 11), elements=st.floats(-5, 15, allow_nan=False)),
)
@settings(max_examples=40, deadline=None)
def test_value_map_rows_layout_equals_columns(mali: po.Case, x: np.ndarray) -> None:
    from policyopts.inputs import ValueMap

    criteria = po.uncertain_inputs(mali).base.criteria
    vm = ValueMap.from_criteria(criteria)
    np.testing.assert_allclose(vm(x.T.copy(), rows=True).T, vm(x), rtol=0, atol=1e-15)
    take = vm.take(np.array([6, 3, 6, 0]))
    np.testing.assert_allclose(take(x[:, [6, 3, 6, 0]]), vm(x)[:, [6, 3, 6, 0]], rtol=0, atol=0)


# ----------------------------------------------------------------- risk burden folded
@pytest.mark.parametrize(
    ("scale", "folded"), [("possible", True), ({"min": 0.5, "max": 1.0}, False)]
)
def test_drawn_burden_folded_only_when_it_stays_on_its_scale(
    toy_data: dict[str, Any], scale: Any, folded: bool
) -> None:
    # A burden that no draw takes off its (linear) scale is affine in the likelihood:
    # its rows enter the scores directly. On a scale the draws leave, the clipped
    # value needs rows of its own. Both give the plain pipeline's scores.
    data = copy.deepcopy(toy_data)
    data["risk_criterion"] = {"scale": scale}
    inputs = po.uncertain_inputs(_every_kind_case(data))
    vs = inputs.value_scores()
    assert (vs.burden_map is None) is folded
    assert vs.width == len(inputs) + vs.hinge_src.size + (0 if folded else 3)
    w = np.random.default_rng(2).random((400, 3))
    expected = _reference_scores(inputs, 4, 400, w)
    np.testing.assert_allclose(
        vs.scores_t(vs.draw(np.random.default_rng(4), 400), w), expected, rtol=0, atol=1e-12
    )


# ----------------------------------------------------------------- compiled kernels
def _cases_for_kernels(toy_data: dict[str, Any], mali: po.Case) -> list[Any]:
    """Inputs with every family, value-function kind and both burden forms."""
    tight = copy.deepcopy(toy_data)
    tight["risk_criterion"] = {"scale": {"min": 0.5, "max": 1.0}}
    return [
        po.uncertain_inputs(_every_kind_case(toy_data)),
        po.uncertain_inputs(_every_kind_case(toy_data), "calm"),
        po.uncertain_inputs(_every_kind_case(tight)),
        po.uncertain_inputs(mali),
        po.uncertain_inputs(mali, "negotiated_deescalation"),
    ]


@pytest.mark.parametrize("size", [1, 37, 1024, 2_500])
def test_compiled_draws_are_the_numpy_draws_bit_for_bit(
    toy_data: dict[str, Any], mali: po.Case, size: int
) -> None:
    pytest.importorskip("numba")
    for inputs in _cases_for_kernels(toy_data, mali):
        vs = inputs.value_scores()
        numpy_draws = vs.draw(np.random.default_rng(size), size)
        compiled = vs.draw(np.random.default_rng(size), size, compiled=True)
        np.testing.assert_array_equal(compiled, numpy_draws)


def test_compiled_scores_equal_the_numpy_scores(toy_data: dict[str, Any], mali: po.Case) -> None:
    pytest.importorskip("numba")
    for inputs in _cases_for_kernels(toy_data, mali):
        vs = inputs.value_scores()
        n = vs.base.shape[1]
        w = np.random.default_rng(1).random((2_100, n))
        numpy_scores = vs.draw_scores(np.random.default_rng(6), w)
        compiled = vs.draw_scores(np.random.default_rng(6), w, compiled=True)
        np.testing.assert_allclose(compiled, numpy_scores, rtol=0, atol=1e-12)


@given(
    m=st.integers(2, 5),
    width=st.integers(1, 6),
    size=st.integers(1, 60),
    d=st.integers(1, 3),
    seed=st.integers(0, 2**32 - 1),
)
@settings(max_examples=40, deadline=None)
def test_compiled_first_places_count_like_the_engine(
    m: int, width: int, size: int, d: int, seed: int
) -> None:
    # Small integers: every sum is exact in any order, and ties of every size occur.
    pytest.importorskip("numba")
    from policyopts._kernels.rank import TIE_RTOL
    from policyopts.inputs import _compiled
    from policyopts.sensitivity.smaa.engine import first_place_counts

    rng = np.random.default_rng(seed)
    n = 3
    y = rng.integers(0, 3, (width, size)).astype(np.float64)
    coef = rng.integers(-1, 2, (m, width)).astype(np.float64)
    criterion = rng.integers(0, n, width).astype(np.intp)
    weights = rng.integers(0, 3, (d, n)).astype(np.float64)
    base = rng.integers(0, 3, (d, m)).astype(np.float64)
    own = rng.integers(0, m, d).astype(np.intp)
    spread = np.zeros((n, width))
    spread[criterion, np.arange(width)] = 1.0
    scores = base[:, :, None] + np.einsum("ir,pr,rt->pit", coef, weights @ spread, y)
    counts = np.zeros((d, m), dtype=np.int64)
    _compiled.kernel("first_places")(y, coef, criterion, weights, base, own, TIE_RTOL, counts)
    np.testing.assert_array_equal(counts, first_place_counts(scores, own))


def test_smaa_case_the_same_with_or_without_numba(
    mali: po.Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The same draws either way; scores equal to rounding, so the same tallies.
    pytest.importorskip("numba")
    import sys

    from policyopts.inputs import _compiled

    monkeypatch.setattr(_compiled, "MIN_DRAWS", 1)
    monkeypatch.setattr(_compiled, "MIN_DRAWS_LOADED", 1)
    monkeypatch.setenv("POLICYOPTS_NUMBA", "0")
    assert not _compiled.use_for(10**9)
    plain = po.smaa_case(mali, n_samples=20_000, seed=3)
    monkeypatch.setenv("POLICYOPTS_NUMBA", "1")
    assert _compiled.use_for(20_000)
    fast = po.smaa_case(mali, n_samples=20_000, seed=3)
    assert "numba" in sys.modules
    tol = 2 / 20_000  # a near-tie decided the other way in the last bit, at most
    np.testing.assert_allclose(fast.rank_acceptability, plain.rank_acceptability, atol=tol)
    np.testing.assert_allclose(fast.confidence, plain.confidence, atol=tol)
    np.testing.assert_allclose(fast.central_weights, plain.central_weights, atol=1e-9)


def test_compiled_kernels_only_for_large_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from policyopts.inputs import _compiled

    numba = pytest.importorskip("numba")
    monkeypatch.delenv("POLICYOPTS_NUMBA", raising=False)
    monkeypatch.delitem(sys.modules, "numba")  # not loaded yet: the import costs
    assert _compiled.use_for(_compiled.MIN_DRAWS)
    assert not _compiled.use_for(_compiled.MIN_DRAWS - 1)
    monkeypatch.setitem(sys.modules, "numba", numba)  # loaded: smaller runs gain
    assert _compiled.use_for(_compiled.MIN_DRAWS_LOADED)
    assert not _compiled.use_for(_compiled.MIN_DRAWS_LOADED - 1)
    monkeypatch.setenv("POLICYOPTS_NUMBA", "0")
    assert not _compiled.available() and not _compiled.use_for(10**9)
