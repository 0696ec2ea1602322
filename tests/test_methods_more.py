"""MOORA, COPRAS, EDAS, ARAS, MABAC and SPOTIS: published worked examples and their rules.

Batching, broadcasting and weight rescaling are covered with the other methods by the
generic tests of ``tests/test_methods.py`` (``CONFIGS``).
"""

from __future__ import annotations

import numpy as np
import pytest

from policyopts import methods

# =========================================================================================
# Published worked examples
# =========================================================================================


def test_moora_karabasevic_2015() -> None:
    # Karabasevic, D., Stanujkic, D., Urosevic, S., & Maksimovic, M. (2015). Selection of
    # candidates in the mining industry based on the application of the SWARA and the
    # MULTIMOORA methods. Acta Montanistica Slovaca, 20(2): ratio system of MOORA, three
    # candidates, seven benefit criteria, SWARA weights.  Data and the three-decimal
    # results as reproduced in pyrepo-mcda's test suite (tests/test_mcda_methods_1.py,
    # Test_MOORA); the paper was not read directly.  The paper's weights sum to 0.999
    # and are used as they are; ours are rescaled to sum 1, hence the factor.
    matrix = [[4, 3, 3, 4, 3, 2, 4], [3, 3, 4, 3, 5, 4, 4], [5, 4, 4, 5, 5, 5, 4]]
    weights = [0.215, 0.215, 0.159, 0.133, 0.102, 0.102, 0.073]
    r = methods.moora(matrix, weights, np.ones(7))
    np.testing.assert_array_equal(np.round(r.scores * sum(weights), 3), [0.494, 0.527, 0.677])
    np.testing.assert_array_equal(r.ranks, [3, 2, 1])


# Goswami, S., & Mitra, S. (2020). Selecting the best mobile model by applying AHP-COPRAS
# and AHP-ARAS decision making methodology. International Journal of Data and Network
# Science, 4(1), 27-42: ten mobile phones, price (cost), RAM, storage... (benefit), AHP
# weights.  Data and five-decimal results as reproduced in pyrepo-mcda's test suite
# (tests/test_mcda_methods_2.py, Test_ARAS and Test_COPRAS); the paper was not read directly.
GOSWAMI = np.array(
    [
        [80, 16, 2, 5],
        [110, 32, 2, 9],
        [130, 64, 4, 9],
        [185, 64, 4, 1],
        [135, 64, 3, 4],
        [140, 32, 3, 5],
        [185, 64, 6, 7],
        [110, 16, 3, 3],
        [120, 16, 4, 3],
        [340, 128, 6, 5],
    ],
    dtype=float,
)
GOSWAMI_W = [0.60338, 0.13639, 0.19567, 0.06456]
GOSWAMI_T = [-1, 1, 1, 1]


def test_copras_goswami_mitra_2020() -> None:
    r = methods.copras(GOSWAMI, GOSWAMI_W, GOSWAMI_T)
    expected = [1, 0.85262, 0.91930, 0.68523, 0.80515, 0.72587, 0.83436, 0.79758, 0.79097, 0.79533]
    np.testing.assert_array_equal(np.round(r.scores, 5), expected)
    np.testing.assert_allclose(r.scores, r.extras["Q"] / r.extras["Q"].max())
    assert r.ranks[0] == 1


def test_aras_goswami_mitra_2020() -> None:
    r = methods.aras(GOSWAMI, GOSWAMI_W, GOSWAMI_T)
    expected = [
        0.68915, 0.58525, 0.62793, 0.46666, 0.54924, 0.49801, 0.56959, 0.54950, 0.54505, 0.53549,
    ]  # fmt: skip
    np.testing.assert_array_equal(np.round(r.scores, 5), expected)
    assert r.normalization == "sum"


def test_edas_ersoy_2021() -> None:
    # Ersoy, Y. (2021). Equipment selection for an e-commerce company using entropy-based
    # TOPSIS, EDAS and CODAS methods during the COVID-19. LogForum, 17(3): six laptops,
    # four benefit and two cost criteria, entropy weights.  Data and three-decimal
    # appraisal scores as reproduced in pyrepo-mcda's test suite
    # (tests/test_mcda_methods_1.py, Test_EDAS); the paper was not read directly.
    matrix = [
        [256, 8, 41, 1.6, 1.77, 7347.16],
        [256, 8, 32, 1.0, 1.8, 6919.99],
        [256, 8, 53, 1.6, 1.9, 8400],
        [256, 8, 41, 1.0, 1.75, 6808.9],
        [512, 8, 35, 1.6, 1.7, 8479.99],
        [256, 4, 35, 1.6, 1.7, 7499.99],
    ]
    weights = [0.405, 0.221, 0.134, 0.199, 0.007, 0.034]
    r = methods.edas(matrix, weights, [1, 1, 1, 1, -1, -1])
    np.testing.assert_array_equal(np.round(r.scores, 3), [0.414, 0.130, 0.461, 0.212, 0.944, 0.043])
    np.testing.assert_array_equal(r.ranks, [3, 5, 2, 4, 1, 6])


def test_mabac_isik_2020() -> None:
    # Isik, O., Aydin, Y., & Kosaroglu, S. M. (2020). The assessment of the logistics
    # performance index of CEE countries with the new combination of SV and MABAC
    # methods. LogForum, 16(4): eleven countries, six benefit criteria, min-max
    # normalisation.  Data and six-decimal results as reproduced in pyrepo-mcda's test
    # suite (tests/test_mcda_methods_1.py, Test_MABAC, compared there to 4 decimals);
    # the paper was not read directly.
    matrix = [
        [2.937588, 2.762986, 3.233723, 2.881315, 3.015289, 3.313491],
        [2.978555, 3.012820, 2.929487, 3.096154, 3.012820, 3.593939],
        [3.286673, 3.464600, 3.746009, 3.715632, 3.703427, 4.133620],
        [3.322037, 3.098638, 3.262154, 3.147851, 3.206675, 3.798684],
        [3.354866, 3.270945, 3.221880, 3.213207, 3.670508, 3.785941],
        [2.796570, 2.983000, 2.744904, 2.692550, 2.787563, 2.878851],
        [2.846491, 2.729618, 2.789990, 2.955624, 3.123323, 3.646595],
        [3.253458, 3.208902, 3.678499, 3.580044, 3.505663, 3.954262],
        [2.580718, 2.906903, 3.176497, 3.073653, 3.264727, 3.681887],
        [2.789011, 3.000000, 3.101099, 3.139194, 2.985348, 3.139194],
        [3.418681, 3.261905, 3.187912, 3.052381, 3.266667, 3.695238],
    ]
    weights = [0.171761, 0.105975, 0.191793, 0.168824, 0.161768, 0.199880]
    expected = [
        -0.155317, -0.089493, 0.505407, 0.132405, 0.246943, -0.386756,
        -0.179406, 0.362921, -0.084198, -0.167505, 0.139895,
    ]  # fmt: skip
    r = methods.mabac(matrix, weights, np.ones(6))
    np.testing.assert_allclose(r.scores, expected, atol=1.5e-6)
    assert r.ranks[2] == 1 and r.ranks[5] == 11


def test_spotis_dezert_2020() -> None:
    # Dezert, J., Tchamova, A., Han, D., & Tacnet, J.-M. (2020). The SPOTIS rank reversal
    # free method for multi-criteria decision-making support. FUSION 2020, 1-8: four cars
    # (price, fuel consumption, CO2 emissions: cost; fuel tank, trunk volume: benefit)
    # with fixed bounds.  Data and four-decimal scores as reproduced in pyrepo-mcda's test
    # suite (tests/test_mcda_methods_1.py, Test_SPOTIS, compared there to 3 decimals); the
    # paper's weights are rounded to four decimals, so its scores match ours to 1e-4.
    matrix = [
        [15000, 4.3, 99, 42, 737],
        [15290, 5.0, 116, 42, 892],
        [15350, 5.0, 114, 45, 952],
        [15490, 5.3, 123, 45, 1120],
    ]
    weights = [0.2941, 0.2353, 0.2353, 0.0588, 0.1765]
    bounds = [[14000, 3, 80, 35, 650], [16000, 8, 140, 60, 1300]]
    r = methods.spotis(matrix, weights, [-1, -1, -1, 1, 1], bounds=bounds)
    np.testing.assert_allclose(r.scores, [0.4779, 0.5781, 0.5558, 0.5801], atol=1e-4)
    np.testing.assert_array_equal(r.ranks, [1, 3, 2, 4])
    assert not r.higher_is_better


# =========================================================================================
# Method-specific rules
# =========================================================================================


def test_moora_is_benefit_minus_cost() -> None:
    x = np.array([[3.0, 4.0], [4.0, 3.0], [0.0, 5.0]])
    r = methods.moora(x, [0.25, 0.75], [1, -1])
    norm = np.sqrt((x**2).sum(axis=0))
    np.testing.assert_allclose(r.extras["benefit"], 0.25 * x[:, 0] / norm[0])
    np.testing.assert_allclose(r.extras["cost"], 0.75 * x[:, 1] / norm[1])
    np.testing.assert_allclose(r.scores, r.extras["benefit"] - r.extras["cost"])


def test_copras_without_cost_criteria_is_proportional_benefit() -> None:
    x = np.array([[1.0, 2.0], [3.0, 2.0], [4.0, 4.0]])
    r = methods.copras(x, [0.5, 0.5], [1, 1])
    s_plus = 0.5 * x[:, 0] / 8 + 0.5 * x[:, 1] / 8
    np.testing.assert_allclose(r.extras["Q"], s_plus)
    np.testing.assert_allclose(r.scores, s_plus / s_plus.max())


def test_copras_hand_computed_cost_term() -> None:
    x = np.array([[2.0, 1.0], [2.0, 3.0]])
    r = methods.copras(x, [0.5, 0.5], [1, -1])
    s_minus = np.array([0.5 * 1 / 4, 0.5 * 3 / 4])
    q = 0.25 + s_minus.sum() / (s_minus * (1 / s_minus).sum())
    np.testing.assert_allclose(r.extras["Q"], q)
    np.testing.assert_array_equal(r.ranks, [1, 2])


def test_edas_identical_alternatives_score_half() -> None:
    r = methods.edas([[2.0, 5.0], [2.0, 5.0], [2.0, 5.0]], [0.3, 0.7], [1, -1])
    np.testing.assert_array_equal(r.scores, [0.5, 0.5, 0.5])
    assert np.isfinite(methods.edas([[0.0, 1.0], [0.0, 2.0]], [0.5, 0.5], [1, 1]).scores).all()


def test_aras_optimal_row_has_utility_one() -> None:
    x = np.array([[3.0, 2.0], [1.0, 4.0], [3.0, 1.0]])  # row 2 is best on both
    for norm in methods.NORMALIZATIONS:
        r = methods.aras(x, [0.4, 0.6], [1, -1], normalization=norm)
        assert r.scores[2] == pytest.approx(1.0)
        assert (r.scores <= 1 + 1e-12).all()


def test_mabac_border_area_is_a_geometric_mean() -> None:
    x = np.array([[1.0, 4.0], [2.0, 2.0], [4.0, 1.0]])
    w = np.array([0.3, 0.7])
    r = methods.mabac(x, w, [1, -1])
    n = np.array([[0, 0], [1 / 3, 2 / 3], [1, 1]])
    v = w * (n + 1)
    g = np.prod(v, axis=0) ** (1 / 3)
    np.testing.assert_allclose(r.scores, (v - g).sum(axis=1))


def test_spotis_fixed_bounds_make_scores_independent_of_other_alternatives() -> None:
    rng = np.random.default_rng(0)
    x = rng.uniform(1, 9, size=(6, 4))
    bounds = [[0.0] * 4, [10.0] * 4]
    full = methods.spotis(x, [0.1, 0.2, 0.3, 0.4], [1, -1, 1, -1], bounds=bounds)
    part = methods.spotis(x[:3], [0.1, 0.2, 0.3, 0.4], [1, -1, 1, -1], bounds=bounds)
    np.testing.assert_allclose(full.scores[:3], part.scores)


def test_spotis_default_bounds_are_the_data_range() -> None:
    rng = np.random.default_rng(1)
    x = rng.uniform(1, 9, size=(3, 5, 4))  # a stack: bounds per sample
    t = [1, -1, 1, -1]
    r = methods.spotis(x, [0.25] * 4, t)
    for k in range(3):
        b = np.vstack([x[k].min(axis=0), x[k].max(axis=0)])
        single = methods.spotis(x[k], [0.25] * 4, t, bounds=b)
        np.testing.assert_allclose(r.scores[k], single.scores)


def test_spotis_constant_bounds_contribute_nothing() -> None:
    r = methods.spotis([[1.0, 5.0], [2.0, 5.0]], [0.5, 0.5], [1, 1], bounds=[[0, 5], [2, 5]])
    np.testing.assert_allclose(r.scores, [0.25, 0.0])


@pytest.mark.parametrize(
    ("bounds", "words"),
    [
        ([[0, 0, 0]], r"^bounds: expected shape \(2, 2\)"),
        ([[0, 5], [3, 4]], r"^bounds: minimum 5 exceeds maximum 4 for criterion 1"),
        ([[0, 0], [3, np.inf]], r"^bounds: "),
        ([[0, 0], [1, 9]], r"^bounds: matrix entry \[1, 0\] = 2 lies outside criterion 0's"),
    ],
)
def test_spotis_bad_bounds(bounds: object, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        methods.spotis([[1.0, 2.0], [2.0, 3.0]], [1, 1], [1, -1], bounds=bounds)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("name", "matrix", "reason"),
    [
        ("copras", [[1.0, 0.0], [2.0, 1.0]], "COPRAS needs every alternative to score above 0"),
        ("copras", [[-1.0, 1.0], [2.0, 1.0]], "COPRAS needs non-negative scores"),
        ("edas", [[-1.0, 1.0], [2.0, 1.0]], "EDAS needs non-negative scores; entry [0, 0] is -1"),
        ("aras", [[-1.0, 1.0], [2.0, 1.0]], "normalization 'sum' needs non-negative scores"),
    ],
)
def test_domains(name: str, matrix: list[list[float]], reason: str) -> None:
    with pytest.raises(ValueError) as err:
        methods.evaluate(name, matrix, [1, 1], [1, -1])
    assert str(err.value).startswith(f"matrix: {reason}")
    assert str(methods.applicable(name, matrix, [1, -1])).startswith(reason)


def test_degenerate_columns_never_give_nan() -> None:
    x = np.array([[0.0, 1.0, 3.0], [0.0, 1.0, 0.0], [0.0, 1.0, 1.0]])
    t = [1, -1, 1]
    for name in ("moora", "copras", "edas", "aras", "mabac", "spotis"):
        for w in ([1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [1.0, 1.0, 1.0]):
            r = methods.evaluate(name, x, w, t)
            assert np.isfinite(r.scores).all(), (name, w)
