"""Public MCDA methods: published worked examples, batching, degenerate cases, validation."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from policyopts import methods
from policyopts.methods import MethodResult

# =========================================================================================
# Published worked examples
# =========================================================================================

# Triantaphyllou, E. (2000). Multi-Criteria Decision Making Methods: A Comparative Study.
# Kluwer, ch. 2 numerical example (3 alternatives, 4 benefit criteria, same units),
# as reproduced in the Wikipedia article "Weighted sum model" (Example section, table
# "WSM Score": A1 21.50, A2 22.00, A3 22.00).  Confirmed from stored copies of that
# article's text found with the search tool.
TRIANTAPHYLLOU = np.array([[25.0, 20, 15, 30], [10, 30, 20, 30], [30, 10, 30, 10]])
TRIANTAPHYLLOU_W = np.array([0.20, 0.15, 0.40, 0.25])


def test_wsm_triantaphyllou_2000() -> None:
    r = methods.wsm(TRIANTAPHYLLOU, TRIANTAPHYLLOU_W, [1, 1, 1, 1], normalization=None)
    np.testing.assert_array_equal(np.round(r.scores, 2), [21.50, 22.00, 22.00])
    # A2 and A3 tie (22.00 each, equal up to floating-point rounding).
    np.testing.assert_array_equal(r.ranks, [3, 1, 1])


def test_wpm_triantaphyllou_2000() -> None:
    # Same data, weighted product model.  Expected values are those stored in
    # scikit-criteria's test suite (tests/agg/test_simple.py,
    # test_WeightedProductModel_enwiki_1015567716, citing the Wikipedia article
    # "Weighted product model", which reproduces Triantaphyllou 2000): log10 of the
    # products of sum-normalised values with weights 20, 15, 40, 25.
    r = methods.wpm(TRIANTAPHYLLOU, [20, 15, 40, 25], [1, 1, 1, 1], normalization="sum")
    np.testing.assert_allclose(
        np.log10(r.scores), [-0.50128589, -0.50448471, -0.52947246], atol=1e-8
    )
    np.testing.assert_array_equal(r.ranks, [1, 2, 3])
    # The pairwise ratios P(AK/AL) of the classic (raw-value) form; the figures to 3
    # decimals (1.007, 1.067, 1.059) are derived from the stored values above.
    raw = methods.wpm(TRIANTAPHYLLOU, TRIANTAPHYLLOU_W, [1, 1, 1, 1], normalization=None)
    s = raw.scores
    np.testing.assert_array_equal(
        np.round([s[0] / s[1], s[0] / s[2], s[1] / s[2]], 3), [1.007, 1.067, 1.059]
    )


def test_topsis_tzeng_huang_2011() -> None:
    # Tzeng, G. H., & Huang, J. J. (2011). Multiple Attribute Decision Making: Methods
    # and Applications. CRC Press -- TOPSIS example with vector normalisation.  Matrix,
    # weights and closeness coefficients as reproduced in scikit-criteria's test suite
    # (tests/agg/test_similarity.py, test_TOPSIS_tzeng2011multiple); the book itself
    # was not available to confirm.
    matrix = [[5, 8, 4], [7, 6, 8], [8, 8, 6], [7, 4, 6]]
    r = methods.topsis(matrix, [0.3, 0.4, 0.3], [1, 1, 1], normalization="vector")
    np.testing.assert_array_equal(np.round(r.scores, 4), [0.5037, 0.6581, 0.7482, 0.3340])
    np.testing.assert_array_equal(r.ranks, [3, 2, 1, 4])


# Opricovic, S., & Tzeng, G. H. (2007). Extended VIKOR method in comparison with
# outranking methods. European Journal of Operational Research, 178(2), 514-529:
# hydro-power example, 6 alternatives x 8 criteria, four weight sets W1-W4, S, R, Q
# to three decimals.  Data and figures as reproduced in scikit-criteria's test suite
# (tests/agg/test_vikor.py, test_VIKOR_opricovic2007extended); the paper's tables could
# not be read from a stored copy to confirm independently.
OT2007 = np.array(
    [
        [4184.3, 2914.0, 407.2, 251.0, 195, 244, 15, 2.41],
        [5211.9, 3630.0, 501.7, 308.3, 282, 346, 21, 1.41],
        [5021.3, 3920.5, 504.0, 278.6, 12, 56, 3, 4.42],
        [5566.1, 3957.9, 559.5, 335.3, 167, 268, 16, 3.36],
        [5060.5, 3293.5, 514.1, 284.2, 69, 90, 7, 4.04],
        [4317.9, 2925.9, 432.8, 239.3, 12, 55, 3, 4.36],
    ]
)
OT2007_TYPES = [1, -1, 1, 1, -1, -1, -1, 1]
OT2007_CASES: dict[str, tuple[list[float], list[float], list[float], list[float], list[int]]] = {
    "W1": (
        [1, 1, 1, 1, 1, 1, 1, 1],
        [0.692, 0.7, 0.29, 0.423, 0.28, 0.346],
        [0.125, 0.125, 0.121, 0.125, 0.067, 0.125],
        [0.991, 1.0, 0.473, 0.670, 0.0, 0.578],
        [5, 6, 2, 4, 1, 3],
    ),
    "W2": (
        [2, 2, 2, 2, 1, 1, 1, 1],
        [0.701, 0.6, 0.386, 0.365, 0.317, 0.459],
        [0.167, 0.114, 0.161, 0.167, 0.089, 0.167],
        [1.0, 0.533, 0.552, 0.563, 0.0, 0.686],
        [6, 2, 3, 4, 1, 5],
    ),
    "W3": (
        [1, 1, 1, 1, 2, 2, 2, 2],
        [0.683, 0.8, 0.193, 0.48, 0.243, 0.232],
        [0.113, 0.167, 0.08, 0.122, 0.044, 0.083],
        [0.684, 1.0, 0.147, 0.554, 0.041, 0.191],
        [5, 6, 2, 4, 1, 3],
    ),
    "W4": (
        [1, 1, 1, 1, 3.2, 3.2, 3.2, 3.2],
        [0.678, 0.857, 0.138, 0.513, 0.222, 0.167],
        [0.129, 0.190, 0.057, 0.139, 0.042, 0.060],
        [0.668, 1.0, 0.051, 0.588, 0.058, 0.078],
        [5, 6, 1, 4, 2, 3],
    ),
}


@pytest.mark.parametrize("case", list(OT2007_CASES))
def test_vikor_opricovic_tzeng_2007(case: str) -> None:
    weights, s, r, q, ranks = OT2007_CASES[case]
    res = methods.vikor(OT2007, weights, OT2007_TYPES, v=0.5)
    np.testing.assert_array_equal(np.round(res.extras["S"], 3), s)
    np.testing.assert_array_equal(np.round(res.extras["R"], 3), r)
    np.testing.assert_array_equal(np.round(res.scores, 3), q)
    np.testing.assert_array_equal(res.ranks, ranks)


def test_vikor_opricovic_tzeng_2004() -> None:
    # Opricovic, S., & Tzeng, G. H. (2004). Compromise solution by MCDM methods: A
    # comparative analysis of VIKOR and TOPSIS. EJOR, 156(2), 445-455, numerical
    # example (f1 cost: 1, 2, 5; f2 benefit: 3000, 3750, 4500; equal weights).  S, R, Q
    # as reproduced in scikit-criteria's tests/agg/test_vikor.py
    # (test_VIKOR_opricovic2004compromise) and pymcdm's test/test_mcdm.py (TestVIKOR).
    res = methods.vikor([[1, 3000], [2, 3750], [5, 4500]], [0.5, 0.5], [-1, 1])
    np.testing.assert_allclose(res.extras["S"], [0.5, 0.375, 0.5], atol=1e-15)
    np.testing.assert_allclose(res.extras["R"], [0.5, 0.25, 0.5], atol=1e-15)
    np.testing.assert_allclose(res.scores, [1.0, 0.0, 1.0], atol=1e-15)
    np.testing.assert_array_equal(res.ranks, [2, 1, 2])


def test_promethee_ii_zhao_peng_li_2013() -> None:
    # Zhao, H., Peng, Y., & Li, W. (2013). Revised PROMETHEE II for improving efficiency
    # in emergency response. Procedia Computer Science, 17, 181-188.  Usual criterion,
    # net flows to two decimals, as reproduced in pymcdm's test suite
    # (test/test_mcdm.py, TestPROMETHEE_II); the paper was not available to confirm.
    matrix = [[4, 3, 2], [3, 2, 4], [5, 1, 3]]
    res = methods.promethee_ii(matrix, [0.5, 0.3, 0.2], [1, 1, 1], preference="usual")
    np.testing.assert_array_equal(np.round(res.scores, 2), [0.1, -0.3, 0.2])
    np.testing.assert_array_equal(res.ranks, [2, 3, 1])
    # Leaving/entering flows for the same matrix as printed in pymcdm's PROMETHEE_I
    # docstring (not a published figure; a consistency check of phi = phi+ - phi-).
    np.testing.assert_allclose(res.extras["phi_plus"], [0.55, 0.35, 0.6], atol=1e-15)
    np.testing.assert_allclose(res.extras["phi_minus"], [0.45, 0.65, 0.4], atol=1e-15)


# =========================================================================================
# Method configurations used by the generic tests
# =========================================================================================

Config = tuple[str, Callable[..., MethodResult], dict[str, Any]]

CONFIGS: list[Config] = [
    *[("wsm", methods.wsm, {"normalization": n}) for n in (*methods.NORMALIZATIONS, None)],
    *[("wpm", methods.wpm, {"normalization": n}) for n in (*methods.NORMALIZATIONS, None)],
    *[("topsis", methods.topsis, {"normalization": n}) for n in methods.NORMALIZATIONS],
    ("vikor", methods.vikor, {"v": 0.5}),
    ("vikor", methods.vikor, {"v": 0.0}),
    ("vikor", methods.vikor, {"v": 1.0}),
    *[
        ("promethee_ii", methods.promethee_ii, kw)
        for kw in (
            {"preference": "usual"},
            {"preference": "ushape", "q": 0.1},
            {"preference": "vshape", "p": 0.4},
            {"preference": "level", "q": 0.1, "p": 0.3},
            {"preference": "linear", "q": 0.05, "p": 0.5},
            {"preference": "gaussian", "s": 0.2},
            {
                "preference": ["usual", "ushape", "vshape", "level", "linear", "gaussian"],
                "q": [0, 0.1, 0, 0.1, 0.05, 0],
                "p": [1, 1, 0.4, 0.3, 0.5, 1],
                "s": 0.2,
            },
        )
    ],
    ("moora", methods.moora, {}),
    ("copras", methods.copras, {}),
    ("edas", methods.edas, {}),
    *[("aras", methods.aras, {"normalization": n}) for n in methods.NORMALIZATIONS],
    *[("mabac", methods.mabac, {"normalization": n}) for n in methods.NORMALIZATIONS],
    ("spotis", methods.spotis, {}),
    ("spotis", methods.spotis, {"bounds": [[0.0] * 6, [1.1] * 6]}),
]
IDS = [f"{name}-{'-'.join(str(v) for v in kw.values())}"[:60] for name, _, kw in CONFIGS]

M, N = 5, 6
TYPES = np.array([1, -1, 1, 1, -1, 1])


def _matrix(rng: np.random.Generator, *shape: int) -> np.ndarray:
    return rng.random((*shape, M, N)) + 0.05  # strictly positive for WPM


@pytest.mark.parametrize(("name", "fn", "kw"), CONFIGS, ids=IDS)
def test_batched_weights_equal_looped(name: str, fn: Callable[..., MethodResult], kw: Any) -> None:
    rng = np.random.default_rng(1)
    matrix = _matrix(rng)
    weights = rng.dirichlet(np.ones(N), size=40)
    batched = fn(matrix, weights, TYPES, **kw)
    assert batched.shape == (40, M)
    for k in range(weights.shape[0]):
        single = fn(matrix, weights[k], TYPES, **kw)
        np.testing.assert_allclose(batched.scores[k], single.scores, rtol=1e-12, atol=1e-15)
        np.testing.assert_array_equal(batched.ranks[k], single.ranks)
        for key, value in single.extras.items():
            np.testing.assert_allclose(batched.extras[key][k], value, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize(("name", "fn", "kw"), CONFIGS, ids=IDS)
def test_batched_matrices_equal_looped(name: str, fn: Callable[..., MethodResult], kw: Any) -> None:
    rng = np.random.default_rng(2)
    stack = _matrix(rng, 12)
    weights = rng.dirichlet(np.ones(N), size=12)
    paired = fn(stack, weights, TYPES, **kw)  # (S, m, n) with (S, n)
    shared = fn(stack, weights[0], TYPES, **kw)  # (S, m, n) with (n,)
    assert paired.shape == shared.shape == (12, M)
    for k in range(stack.shape[0]):
        a = fn(stack[k], weights[k], TYPES, **kw)
        b = fn(stack[k], weights[0], TYPES, **kw)
        np.testing.assert_allclose(paired.scores[k], a.scores, rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(shared.scores[k], b.scores, rtol=1e-12, atol=1e-15)
        np.testing.assert_array_equal(paired.ranks[k], a.ranks)
        np.testing.assert_array_equal(shared.ranks[k], b.ranks)


@pytest.mark.parametrize(("name", "fn", "kw"), CONFIGS[::3], ids=IDS[::3])
def test_multiple_leading_axes_broadcast(
    name: str, fn: Callable[..., MethodResult], kw: Any
) -> None:
    rng = np.random.default_rng(3)
    stack = _matrix(rng, 4, 1)  # (4, 1, m, n)
    weights = rng.dirichlet(np.ones(N), size=3)  # (3, n) -> batch (4, 3)
    res = fn(stack, weights, TYPES, **kw)
    assert res.shape == (4, 3, M)
    for i in range(4):
        for j in range(3):
            single = fn(stack[i, 0], weights[j], TYPES, **kw)
            np.testing.assert_allclose(res.scores[i, j], single.scores, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("name", methods.available())
def test_hundred_thousand_weight_draws(name: str) -> None:
    rng = np.random.default_rng(4)
    matrix = _matrix(rng)
    weights = rng.dirichlet(np.ones(N), size=100_000)
    res = methods.METHODS[name](matrix, weights, TYPES)
    assert res.scores.shape == (100_000, M)
    assert res.ranks.shape == (100_000, M)
    assert np.isfinite(res.scores).all()
    assert (res.ranks.min(axis=-1) == 1).all()
    for value in res.extras.values():
        assert value.shape == (100_000, M)


@pytest.mark.parametrize(("name", "fn", "kw"), CONFIGS, ids=IDS)
def test_positive_rescaling_of_weights_changes_nothing(
    name: str, fn: Callable[..., MethodResult], kw: Any
) -> None:
    rng = np.random.default_rng(5)
    matrix = _matrix(rng)
    w = rng.random(N)
    a, b = fn(matrix, w, TYPES, **kw), fn(matrix, 37.5 * w, TYPES, **kw)
    np.testing.assert_allclose(a.scores, b.scores, rtol=1e-12, atol=1e-15)
    np.testing.assert_array_equal(a.ranks, b.ranks)


# =========================================================================================
# Method-specific behaviour and degenerate cases
# =========================================================================================


def test_wsm_matches_bare_numpy() -> None:
    rng = np.random.default_rng(6)
    matrix, w = _matrix(rng), rng.dirichlet(np.ones(N), size=7)
    norm = methods.normalize(matrix, TYPES, "minmax")
    np.testing.assert_allclose(methods.wsm(matrix, w, TYPES).scores, w @ norm.T, rtol=1e-14)


def test_wsm_raw_costs_enter_negatively() -> None:
    r = methods.wsm([[1, 10], [2, 30]], [1, 1], [1, -1], normalization=None)
    np.testing.assert_allclose(r.scores, [0.5 * 1 - 0.5 * 10, 0.5 * 2 - 0.5 * 30])


def test_wpm_raw_cost_has_negative_exponent() -> None:
    matrix = np.array([[2.0, 4.0], [3.0, 5.0]])
    r = methods.wpm(matrix, [0.25, 0.75], [1, -1], normalization=None)
    np.testing.assert_allclose(r.scores, matrix[:, 0] ** 0.25 * matrix[:, 1] ** -0.75)


def test_wpm_sum_max_and_raw_give_the_same_ranking() -> None:
    rng = np.random.default_rng(7)
    matrix, w = _matrix(rng), rng.dirichlet(np.ones(N), size=50)
    raw = methods.wpm(matrix, w, TYPES, normalization=None).ranks
    for norm in ("sum", "max"):
        np.testing.assert_array_equal(methods.wpm(matrix, w, TYPES, normalization=norm).ranks, raw)


def test_wpm_minmax_zero_rule() -> None:
    matrix = [[1.0, 5.0], [2.0, 3.0], [3.0, 4.0]]
    r = methods.wpm(matrix, [0.5, 0.5], [1, 1], normalization="minmax")
    # minmax columns: [0, 0.5, 1] and [1, 0, 0.5]; worst on a weighted criterion -> 0.
    np.testing.assert_allclose(r.scores, [0.0, 0.0, np.sqrt(0.5)])
    r0 = methods.wpm(matrix, [1.0, 0.0], [1, 1], normalization="minmax")
    np.testing.assert_allclose(r0.scores, [0.0, 0.5, 1.0])  # 0 ** 0 = 1 for criterion 2


def test_topsis_identical_alternatives_score_half() -> None:
    r = methods.topsis([[3.0, 4.0], [3.0, 4.0], [3.0, 4.0]], [0.5, 0.5], [1, -1])
    np.testing.assert_array_equal(r.scores, [0.5, 0.5, 0.5])
    np.testing.assert_array_equal(r.ranks, [1, 1, 1])
    # Identical on the only positively weighted criterion -> also 0.5.
    r = methods.topsis([[3.0, 1.0], [3.0, 4.0]], [1.0, 0.0], [1, -1])
    np.testing.assert_array_equal(r.scores, [0.5, 0.5])


def test_topsis_distances_match_definition() -> None:
    rng = np.random.default_rng(8)
    matrix, w = _matrix(rng), rng.dirichlet(np.ones(N))
    r = methods.topsis(matrix, w, TYPES)
    v = methods.normalize(matrix, TYPES, "vector") * w
    d_plus = np.sqrt(((v - v.max(axis=0)) ** 2).sum(axis=1))
    d_minus = np.sqrt(((v - v.min(axis=0)) ** 2).sum(axis=1))
    np.testing.assert_allclose(r.extras["d_plus"], d_plus, rtol=1e-12)
    np.testing.assert_allclose(r.extras["d_minus"], d_minus, rtol=1e-12)
    np.testing.assert_allclose(r.scores, d_minus / (d_plus + d_minus), rtol=1e-12)


def test_vikor_degenerate_cases_are_finite() -> None:
    # Identical alternatives: S* = S-, R* = R- -> Q = 0 for everyone.
    r = methods.vikor([[1.0, 2.0], [1.0, 2.0]], [0.5, 0.5], [1, -1])
    np.testing.assert_array_equal(r.scores, [0.0, 0.0])
    np.testing.assert_array_equal(r.ranks, [1, 1])
    # A constant criterion contributes nothing to S and R.
    r = methods.vikor([[1.0, 7.0], [2.0, 7.0], [3.0, 7.0]], [0.5, 0.5], [1, 1])
    np.testing.assert_allclose(r.extras["S"], [0.5, 0.25, 0.0])
    np.testing.assert_allclose(r.scores, [1.0, 0.5, 0.0])
    # S spread but R equal: the R term is 0, so Q = v * S term.
    r = methods.vikor([[0.0, 1.0], [1.0, 0.0], [0.5, 0.5]], [0.5, 0.5], [1, 1], v=0.5)
    np.testing.assert_allclose(r.extras["R"], [0.5, 0.5, 0.25])
    assert np.isfinite(r.scores).all()


def test_vikor_direction_is_lower_better() -> None:
    r = methods.vikor([[1.0], [2.0], [3.0]], [1.0], [1])
    assert r.higher_is_better is False
    np.testing.assert_array_equal(r.ranks, [3, 2, 1])


def test_promethee_cost_criterion_reverses_difference() -> None:
    matrix = np.array([[1.0, 10.0], [2.0, 20.0], [4.0, 15.0]])
    a = methods.promethee_ii(matrix, [0.6, 0.4], [1, -1], preference="vshape", p=3.0)
    b = methods.promethee_ii(matrix * [1, -1], [0.6, 0.4], [1, 1], preference="vshape", p=3.0)
    np.testing.assert_allclose(a.scores, b.scores, atol=1e-15)


def test_promethee_preference_functions_hand_computed() -> None:
    # Two alternatives, one benefit criterion, d(a1, a2) = 2 -> phi(a1) = P(2) = -phi(a2).
    matrix = [[3.0], [1.0]]
    cases = {
        ("usual", None, None, None): 1.0,
        ("ushape", 2.0, None, None): 0.0,  # d <= q
        ("ushape", 1.5, None, None): 1.0,
        ("vshape", None, 4.0, None): 0.5,
        ("vshape", None, 1.0, None): 1.0,
        ("level", 1.0, 3.0, None): 0.5,
        ("level", 2.0, 3.0, None): 0.0,
        ("level", 0.5, 1.5, None): 1.0,
        ("linear", 1.0, 5.0, None): 0.25,
        ("linear", 2.0, 2.0, None): 0.0,  # q == p: a step at q
        ("gaussian", None, None, 2.0): 1.0 - np.exp(-0.5),
    }
    for (pref, q, p, s), expected in cases.items():
        r = methods.promethee_ii(matrix, [1.0], [1], preference=pref, q=q, p=p, s=s)
        np.testing.assert_allclose(r.scores, [expected, -expected], atol=1e-15, err_msg=pref)
        np.testing.assert_allclose(r.extras["phi_plus"], [expected, 0.0], atol=1e-15)


def test_promethee_net_flows_sum_to_zero() -> None:
    rng = np.random.default_rng(9)
    r = methods.promethee_ii(_matrix(rng, 20), rng.dirichlet(np.ones(N)), TYPES)
    np.testing.assert_allclose(r.scores.sum(axis=-1), 0.0, atol=1e-14)


# =========================================================================================
# Result object and registry
# =========================================================================================


def test_result_is_frozen_and_read_only() -> None:
    r = methods.topsis([[1, 2], [2, 1], [3, 3]], [1, 1], [1, 1])
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.method = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        r.extras["d_plus"] = np.zeros(3)  # type: ignore[index]
    with pytest.raises(ValueError, match="read-only"):
        r.scores[0] = 1.0
    assert r.method == "topsis" and r.normalization == "vector" and r.higher_is_better


def test_result_repr_is_short() -> None:
    small = methods.vikor([[1, 2], [2, 1], [3, 3]], [1, 1], [1, 1])
    text = repr(small)
    assert text.startswith("MethodResult(method='vikor'")
    assert "higher_is_better=False" in text and "['S', 'R']" in text
    rng = np.random.default_rng(10)
    big = methods.wsm(_matrix(rng), rng.dirichlet(np.ones(N), size=100_000), TYPES)
    assert "array of shape (100000, 5)" in repr(big)
    assert len(repr(big)) < 300


def test_registry() -> None:
    assert methods.available() == (
        "wsm", "wpm", "topsis", "vikor", "promethee_ii",
        "moora", "copras", "edas", "aras", "mabac", "spotis",
    )  # fmt: skip
    assert set(methods.METHODS) == set(methods.available())
    assert methods.get_method("vikor") is methods.vikor
    r = methods.evaluate("wsm", [[1, 2], [2, 1]], [1, 3], [1, 1], normalization="max")
    np.testing.assert_array_equal(r.ranks, [1, 2])


# =========================================================================================
# Bad input: one test each, the message names the argument
# =========================================================================================

GOOD_M = [[1.0, 2.0, 3.0], [2.0, 1.0, 4.0], [3.0, 3.0, 1.0]]
GOOD_W = [0.2, 0.3, 0.5]
GOOD_T = [1, -1, 1]

BAD_INPUTS: dict[str, tuple[Callable[[], Any], str]] = {
    "matrix_1d": (lambda: methods.wsm([1.0, 2.0], [1, 1], [1, 1]), r"^matrix: expected .*\(2,\)"),
    "matrix_not_numeric": (
        lambda: methods.wsm([["a", "b"], ["c", "d"]], [1, 1], [1, 1]),
        r"^matrix: could not convert",
    ),
    "matrix_nan": (
        lambda: methods.wsm([[1.0, 2.0], [np.nan, 1.0], [3.0, 3.0]], [1, 1], [1, 1]),
        r"^matrix: contains NaN or inf at \[1, 0\]",
    ),
    "matrix_inf": (
        lambda: methods.topsis([[1.0, 2.0], [2.0, 1.0], [3.0, np.inf]], [1, 1], [1, 1]),
        r"^matrix: contains NaN or inf at \[2, 1\]",
    ),
    "matrix_one_alternative": (
        lambda: methods.vikor([[1.0, 2.0]], [1, 1], [1, 1]),
        r"^matrix: need at least 2 alternatives, got 1",
    ),
    "matrix_no_criteria": (
        lambda: methods.wsm(np.zeros((3, 0)), np.zeros(0), np.zeros(0)),
        r"^matrix: need at least 1 criterion, got 0",
    ),
    "weights_wrong_length": (
        lambda: methods.wsm(GOOD_M, [1, 2], GOOD_T),
        r"^weights: expected shape \(\.\.\., 3\) to match matrix's 3 criteria, got \(2,\)",
    ),
    "weights_negative": (
        lambda: methods.topsis(GOOD_M, [0.5, -0.2, 0.7], GOOD_T),
        r"^weights: must be non-negative, got -0.2 at index 1",
    ),
    "weights_negative_batched": (
        lambda: methods.topsis(GOOD_M, [[0.5, 0.2, 0.7], [0.1, 0.1, -1]], GOOD_T),
        r"^weights: must be non-negative, got -1.0 at \[1, 2\]",
    ),
    "weights_zero_sum": (
        lambda: methods.vikor(GOOD_M, [0, 0, 0], GOOD_T),
        r"^weights: must not sum to zero",
    ),
    "weights_zero_sum_batched": (
        lambda: methods.vikor(GOOD_M, [[1, 0, 0], [0, 0, 0]], GOOD_T),
        r"^weights: must not sum to zero \(sample \[1\]\)",
    ),
    "weights_nan": (
        lambda: methods.wpm(GOOD_M, [np.nan, 1, 1], GOOD_T),
        r"^weights: contains NaN or inf at index 0",
    ),
    "weights_batch_mismatch": (
        lambda: methods.wsm(np.ones((4, 3, 3)), np.ones((5, 3)), GOOD_T),
        r"^weights: leading \(sample\) shape \(5,\) does not broadcast with matrix's \(4,\)",
    ),
    "types_bad_value": (
        lambda: methods.wsm(GOOD_M, GOOD_W, [1, 0, -1]),
        r"^types: entries must be \+1 or -1, got \[1, 0, -1\]",
    ),
    "types_wrong_length": (
        lambda: methods.wsm(GOOD_M, GOOD_W, [1, -1]),
        r"^types: expected shape \(3,\) to match matrix's 3 criteria, got \(2,\)",
    ),
    "normalization_unknown": (
        lambda: methods.wsm(GOOD_M, GOOD_W, GOOD_T, normalization="l2"),
        r"^normalization: 'l2' is not one of 'minmax', 'max', 'sum', 'vector', None",
    ),
    "normalization_none_topsis": (
        lambda: methods.topsis(GOOD_M, GOOD_W, GOOD_T, normalization=None),  # type: ignore[arg-type]
        r"^normalization: None is not one of 'vector', 'minmax', 'max', 'sum'",
    ),
    "normalization_sum_negative_matrix": (
        lambda: methods.wsm([[1, -2], [2, 1]], [1, 1], [1, 1], normalization="sum"),
        r"^matrix: normalization 'sum' needs non-negative scores; entry \[0, 1\] is -2$",
    ),
    "wpm_non_positive_entry": (
        lambda: methods.wpm([[1, 2], [0, 1]], [1, 1], [1, 1]),
        r"^matrix: WPM needs strictly positive scores \(ratio scale\); entry \[1, 0\] is 0$",
    ),
    "vikor_v_out_of_range": (
        lambda: methods.vikor(GOOD_M, GOOD_W, GOOD_T, v=1.5),
        r"^v: must be in \[0, 1\], got 1.5",
    ),
    "vikor_v_not_scalar": (
        lambda: methods.vikor(GOOD_M, GOOD_W, GOOD_T, v=[0.5, 0.5]),  # type: ignore[arg-type]
        r"^v: expected a real scalar",
    ),
    "preference_unknown": (
        lambda: methods.promethee_ii(GOOD_M, GOOD_W, GOOD_T, preference="step"),
        r"^preference: 'step' is not one of 'usual', 'ushape', 'vshape', 'level', 'linear', "
        r"'gaussian'",
    ),
    "preference_unknown_in_list": (
        lambda: methods.promethee_ii(GOOD_M, GOOD_W, GOOD_T, preference=["usual", "usual", "V"]),
        r"^preference\[2\]: 'V' is not one of 'usual'",
    ),
    "preference_wrong_length": (
        lambda: methods.promethee_ii(GOOD_M, GOOD_W, GOOD_T, preference=["usual"]),
        r"^preference: expected one name or a sequence of 3 names",
    ),
    "promethee_missing_q": (
        lambda: methods.promethee_ii(
            GOOD_M, GOOD_W, GOOD_T, preference=["usual", "level", "usual"], p=2
        ),
        r"^q: required by preference 'level' for criterion 1, got None",
    ),
    "promethee_missing_p": (
        lambda: methods.promethee_ii(GOOD_M, GOOD_W, GOOD_T, preference="vshape"),
        r"^p: required by preference 'vshape' for criterion 0, got None",
    ),
    "promethee_missing_s": (
        lambda: methods.promethee_ii(GOOD_M, GOOD_W, GOOD_T, preference="gaussian"),
        r"^s: required by preference 'gaussian' for criterion 0, got None",
    ),
    "promethee_q_above_p": (
        lambda: methods.promethee_ii(GOOD_M, GOOD_W, GOOD_T, preference="linear", q=[0, 3, 0], p=2),
        r"^q: must not exceed p, got q=3.0 > p=2.0 for criterion 1",
    ),
    "promethee_negative_q": (
        lambda: methods.promethee_ii(GOOD_M, GOOD_W, GOOD_T, preference="ushape", q=-1),
        r"^q: must be >= 0 for preference 'ushape', got -1.0 for criterion 0",
    ),
    "promethee_zero_p": (
        lambda: methods.promethee_ii(GOOD_M, GOOD_W, GOOD_T, preference="vshape", p=0),
        r"^p: must be > 0 for preference 'vshape', got 0.0 for criterion 0",
    ),
    "promethee_p_wrong_shape": (
        lambda: methods.promethee_ii(GOOD_M, GOOD_W, GOOD_T, preference="vshape", p=[1, 2]),
        r"^p: expected a scalar or shape \(3,\), got shape \(2,\)",
    ),
    "method_unknown": (
        lambda: methods.get_method("electre"),
        r"^method: 'electre' is not one of 'wsm', 'wpm', 'topsis', 'vikor', 'promethee_ii'",
    ),
}


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_bad_input_raises_value_error_naming_argument(case: str) -> None:
    call, pattern = BAD_INPUTS[case]
    with pytest.raises(ValueError, match=pattern):
        call()
