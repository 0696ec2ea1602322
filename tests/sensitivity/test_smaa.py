"""SMAA-2: weight samplers, the chunked engine, array- and case-level results.

Reference values are exact hand derivations (two criteria, where every
acceptability is an interval length on the weight simplex), closed-form
moments of the weight distributions, brute-force references, and one
published example: the heparin/enoxaparin ("thrombo") benefit-risk example
of Tervonen et al. (2011) as shipped with the R package ``smaa`` (van
Valkenhoef & Tervonen), whose saved example output gives rank
acceptabilities, central weights and confidence factors for N = 10,000 draws.
Monte Carlo tolerances are 4 standard errors, so they shrink like
``4 / sqrt(n_samples)``.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest

import policyopts as po
from policyopts import methods
from policyopts._kernels import sample as ks
from policyopts._kernels import smaa as ksm
from policyopts.sensitivity.smaa import (
    MIN_ACCEPTANCE,
    CaseSMAA,
    SMAAResult,
    WeightDistribution,
    centred_weights,
    fixed_weights,
    interval_weights,
    meta_weights,
    ordinal_weights,
    smaa,
    smaa_case,
    uniform_weights,
)


def mc_tol(p: Any, n: int, k: float = 4.0) -> Any:
    """k standard errors of a share p estimated from n draws (0 when p is 0 or 1)."""
    p = np.asarray(p, dtype=np.float64)
    return k * np.sqrt(p * (1 - p) / n) + 1e-12


# --- hand-derived example --------------------------------------------------------------
#
# WSM on values already on a common scale (normalization=None), two criteria, so a
# score is w x + (1 - w) y with w = w_1 ~ U(0, 1) (uniform on the 2-simplex):
#   A = (1, 0): w;  B = (0, 1): 1 - w;  C = (0.6, 0.6): 0.6.
#   w < 0.4: B > C > A;  0.4 < w < 0.5: C > B > A;  0.5 < w < 0.6: C > A > B;
#   w > 0.6: A > C > B.
ABC = np.array([[1.0, 0.0], [0.0, 1.0], [0.6, 0.6]])
ABC_RA = np.array([[0.4, 0.1, 0.5], [0.4, 0.1, 0.5], [0.2, 0.8, 0.0]])
ABC_CW = np.array([[0.8, 0.2], [0.2, 0.8], [0.5, 0.5]])  # E[w | interval]
ABC_PW = np.array([[0.0, 0.5, 0.4], [0.5, 0.0, 0.4], [0.6, 0.6, 0.0]])


@pytest.fixture(scope="module")
def abc() -> SMAAResult:
    return smaa(ABC, [1, 1], normalization=None, n_samples=60_000, seed=11)


def test_hand_example_rank_acceptability(abc: SMAAResult) -> None:
    n = abc.n_samples
    assert np.all(np.abs(abc.rank_acceptability - ABC_RA) <= mc_tol(ABC_RA, n))
    assert abc.rank_acceptability[2, 2] == 0.0  # C is never last: exact


def test_hand_example_central_weights_pairwise_confidence(abc: SMAAResult) -> None:
    n = abc.n_samples
    # w | w in an interval of length L is uniform: sd L / sqrt(12), from ~p n draws.
    lengths = np.array([0.4, 0.4, 0.2])
    se = lengths / math.sqrt(12) / np.sqrt(ABC_RA[:, 0] * n)
    assert np.all(np.abs(abc.central_weights[:, 0] - ABC_CW[:, 0]) <= 4 * se)
    np.testing.assert_allclose(abc.central_weights.sum(axis=1), 1.0, rtol=1e-12)
    assert np.all(np.abs(abc.pairwise_winning - ABC_PW) <= mc_tol(ABC_PW, n))
    # One fixed matrix: at its central weights each alternative is first for sure.
    assert abc.confidence.tolist() == [1.0, 1.0, 1.0]
    assert abc.has_central_weights.all()
    assert abc.score_draws == "fixed"


def test_doubly_stochastic_and_simplex(abc: SMAAResult) -> None:
    np.testing.assert_allclose(abc.rank_acceptability.sum(axis=0), 1.0, rtol=1e-12)
    np.testing.assert_allclose(abc.rank_acceptability.sum(axis=1), 1.0, rtol=1e-12)
    assert np.all(abc.central_weights >= 0)
    off = ~np.eye(3, dtype=bool)
    np.testing.assert_allclose((abc.pairwise_winning + abc.pairwise_winning.T)[off], 1.0)
    assert np.all(np.diag(abc.pairwise_winning) == 0)


def test_holistic_and_expected_rank(abc: SMAAResult) -> None:
    # Centroid meta-weights for m = 3: (1, (1/2 + 1/3) / H3, (1/3) / H3), H3 = 11/6.
    alpha = np.array([1.0, (5 / 6) / (11 / 6), (1 / 3) / (11 / 6)])
    np.testing.assert_allclose(meta_weights(3), alpha, rtol=1e-15)
    np.testing.assert_allclose(abc.holistic(), abc.rank_acceptability @ alpha, rtol=1e-15)
    np.testing.assert_allclose(meta_weights(3, "linear"), [1.0, 0.5, 0.0])
    np.testing.assert_allclose(meta_weights(4, "inverse"), [1, 1 / 2, 1 / 3, 1 / 4])
    np.testing.assert_allclose(meta_weights(3, [2, 1, 0]), [1, 0.5, 0])
    np.testing.assert_allclose(abc.expected_rank, abc.rank_acceptability @ [1, 2, 3])
    assert abc.first_rank_acceptability.tolist() == abc.rank_acceptability[:, 0].tolist()


def test_ties_split_fractionally() -> None:
    # A and B identical: for w > 1/2 they tie first (slots 1-2, 1/2 each) and C is 3rd;
    # for w < 1/2 C is first and A, B tie second (slots 2-3).
    s = smaa([[1, 0], [1, 0], [0, 1]], [1, 1], normalization=None, n_samples=40_000, seed=2)
    expected = np.array([[0.25, 0.5, 0.25], [0.25, 0.5, 0.25], [0.5, 0.0, 0.5]])
    assert np.all(np.abs(s.rank_acceptability - expected) <= mc_tol(0.5, 40_000))
    assert s.rank_acceptability[0].tolist() == s.rank_acceptability[1].tolist()
    np.testing.assert_allclose(s.rank_acceptability.sum(axis=0), 1.0)
    assert s.pairwise_winning[0, 1] == 0.5  # always tied: half each way
    # Central weights of A: E[w | w > 1/2] = 3/4; at (3/4, 1/4) A ties first with B.
    assert abs(s.central_weights[0, 0] - 0.75) <= 4 * 0.5 / math.sqrt(12 * 20_000)
    assert s.confidence.tolist() == [0.5, 0.5, 1.0]


def test_fixed_weights_and_matrix_exact() -> None:
    s = smaa([[1, 0], [1, 0], [0, 1]], [1, 1], normalization=None, weights=[0.7, 0.3], n_samples=7)
    np.testing.assert_array_equal(s.rank_acceptability, [[0.5, 0.5, 0], [0.5, 0.5, 0], [0, 0, 1]])
    np.testing.assert_allclose(s.central_weights, [[0.7, 0.3], [0.7, 0.3], [0.0, 0.0]])
    assert s.has_central_weights.tolist() == [True, True, False]
    assert s.confidence.tolist() == [0.5, 0.5, 0.0]  # never first: 0, no NaN anywhere
    assert not np.isnan(s.central_weights).any()
    assert s.weight_distribution.kind == "fixed"


# --- score uncertainty ------------------------------------------------------------------
#
# A = (1, 0), B = (x, x) with x ~ U(0, 1), w = w_1 ~ U(0, 1): A first iff w > x, so
# P = 1/2; E[w | w > x] = 2/3, E[w | w < x] = 1/3; at w = 2/3 A is first iff x < 2/3,
# at w = 1/3 B is first iff x > 1/3: both confidence factors are 2/3.


def _ab_stack(n: int, seed: int) -> np.ndarray:
    x = np.random.default_rng(seed).random(n)
    stack = np.zeros((n, 2, 2))
    stack[:, 0, 0] = 1.0
    stack[:, 1, :] = x[:, None]
    return stack


def test_score_uncertainty_paired_stack_confidence() -> None:
    n = 40_000
    s = smaa(_ab_stack(n, 5), [1, 1], normalization=None, n_samples=n, seed=6)
    assert s.score_draws == "paired"
    assert abs(s.rank_acceptability[0, 0] - 0.5) <= mc_tol(0.5, n)
    se_cw = (1 / math.sqrt(18)) / math.sqrt(n / 2)  # sd of w | A first is sqrt(1/18)
    np.testing.assert_allclose(s.central_weights[:, 0], [2 / 3, 1 / 3], atol=4 * se_cw)
    # confidence: binomial error plus the central weight's own error (dP/dw = 1).
    tol = 4 * math.sqrt((2 / 9) / n + se_cw**2)
    np.testing.assert_allclose(s.confidence, [2 / 3, 2 / 3], atol=tol)


def test_score_uncertainty_resampled_stack() -> None:
    s = smaa(_ab_stack(3_000, 8), [1, 1], normalization=None, n_samples=20_000, seed=9)
    assert s.score_draws == "resampled"
    assert abs(s.rank_acceptability[0, 0] - 0.5) <= 0.03  # stack of 3,000 plus 20,000 draws
    np.testing.assert_allclose(s.rank_acceptability.sum(axis=0), 1.0)


# --- published example: thrombo (Tervonen et al. 2011; R package smaa) ----------------
#
# Model (R package smaa / drugis mcda-elicitation-web "thrombolytics" example): event
# rates ~ Beta(events, n - events) from one trial -- heparin 20/136 proximal DVT, 40/136
# distal DVT, 1/136 major bleeding; enoxaparin 8/129, 32/129, 5/129 -- linear decreasing
# partial values over [0, 0.25], [0.15, 0.4], [0, 0.1]; weights uniform on the simplex.
# Reference output (gertvv/rsmaa, smaa/tests/Examples/smaa-Ex.Rout.save, N = 10,000):
#   rank 1: heparin 0.3504, enoxaparin 0.6496;
#   central weights heparin (0.1865097, 0.2772205, 0.5362698),
#                   enoxaparin (0.4073100, 0.3641477, 0.2285423);
#   confidence factors 0.6682, 0.8956;
#   with fixed weights (0.5, 0.2, 0.3): rank 1 heparin 0.1279, enoxaparin 0.8721.
# Those are Monte Carlo estimates themselves, so the tolerance combines both errors.

R_N = 10_000


def _thrombo(n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    heparin = [(20, 116), (40, 96), (1, 135)]
    enoxaparin = [(8, 121), (32, 97), (5, 124)]
    scales = [(0.25, 0.0), (0.4, 0.15), (0.1, 0.0)]  # (worst, best)
    out = np.empty((n, 2, 3))
    for j, (worst, best) in enumerate(scales):
        out[:, 0, j] = (worst - rng.beta(*heparin[j], size=n)) / (worst - best)
        out[:, 1, j] = (worst - rng.beta(*enoxaparin[j], size=n)) / (worst - best)
    return out


def test_published_thrombo_example() -> None:
    n = 40_000
    s = smaa(_thrombo(n, 2011), [1, 1, 1], normalization=None, n_samples=n, seed=2011)
    ra_ref = np.array([0.3504, 0.6496])
    tol_ra = 4 * np.sqrt(ra_ref * (1 - ra_ref) * (1 / R_N + 1 / n))
    assert np.all(np.abs(s.rank_acceptability[:, 0] - ra_ref) <= tol_ra)
    cw_ref = np.array([[0.1865097, 0.2772205, 0.5362698], [0.4073100, 0.3641477, 0.2285423]])
    # sd of a central weight component is at most 0.25 here; the R run has ~R_N * b draws.
    se_cw = 0.25 / np.sqrt(ra_ref[:, None] * R_N) + 0.25 / np.sqrt(ra_ref[:, None] * n)
    assert np.all(np.abs(s.central_weights - cw_ref) <= 4 * se_cw)
    # Confidence factors also inherit the central weights' error; 0.03 is ~4 combined SE.
    np.testing.assert_allclose(s.confidence, [0.6682, 0.8956], atol=0.03)


def test_published_thrombo_fixed_weights() -> None:
    n = 40_000
    s = smaa(
        _thrombo(n, 7), [1, 1, 1], normalization=None, weights=[0.5, 0.2, 0.3], n_samples=n, seed=7
    )
    ref = np.array([0.1279, 0.8721])
    tol = 4 * np.sqrt(ref * (1 - ref) * (1 / R_N + 1 / n))
    assert np.all(np.abs(s.rank_acceptability[:, 0] - ref) <= tol)


# --- reproducibility and chunking -------------------------------------------------------


def _equal(a: SMAAResult, b: SMAAResult) -> bool:
    return all(
        np.array_equal(getattr(a, f), getattr(b, f))
        for f in (
            "rank_acceptability",
            "central_weights",
            "has_central_weights",
            "confidence",
            "pairwise_winning",
        )
    )


MAT = np.random.default_rng(0).random((4, 3)) * 9 + 1
TYPES = [1, -1, 1]


def test_same_seed_same_result_bit_for_bit() -> None:
    a = smaa(MAT, TYPES, n_samples=5_000, seed=3, chunk_size=700)
    b = smaa(MAT, TYPES, n_samples=5_000, seed=3, chunk_size=700)
    assert _equal(a, b)
    assert a.n_chunks == 8 and a.chunk_size == 700 and a.seed == 3
    c = smaa(MAT, TYPES, n_samples=5_000, seed=4, chunk_size=700)
    assert not _equal(a, c)


def test_chunk_size_larger_than_run_is_one_chunk() -> None:
    a = smaa(MAT, TYPES, n_samples=3_000, seed=3, chunk_size=3_000)
    b = smaa(MAT, TYPES, n_samples=3_000, seed=3, chunk_size=50_000)
    c = smaa(MAT, TYPES, n_samples=3_000, seed=3)  # default chunk >= 3,000
    assert _equal(a, b) and _equal(a, c) and c.n_chunks == 1


def test_seed_none_and_generator_are_recorded_and_reproducible() -> None:
    a = smaa(MAT, TYPES, n_samples=2_000, seed=None, chunk_size=500)
    assert _equal(a, smaa(MAT, TYPES, n_samples=2_000, seed=a.seed, chunk_size=500))
    g = smaa(MAT, TYPES, n_samples=2_000, seed=np.random.default_rng(5), chunk_size=500)
    assert _equal(g, smaa(MAT, TYPES, n_samples=2_000, seed=g.seed, chunk_size=500))
    seq = np.random.SeedSequence(99)
    first = smaa(MAT, TYPES, n_samples=2_000, seed=seq, chunk_size=500)
    again = smaa(MAT, TYPES, n_samples=2_000, seed=seq, chunk_size=500)  # same object reused
    assert _equal(first, again) and _equal(
        first, smaa(MAT, TYPES, n_samples=2_000, seed=99, chunk_size=500)
    )


def test_chunks_use_spawned_child_seeds() -> None:
    # Chunk k of a run draws from SeedSequence(seed).spawn(n_chunks)[k] (child 0 of it).
    from policyopts._random import chunk_seeds
    from policyopts.sensitivity.smaa import engine as mod

    seqs = chunk_seeds(21, 3)
    child = np.random.SeedSequence(seqs[1].entropy, spawn_key=(*seqs[1].spawn_key, 0))
    w = ks.simplex_uniform(np.random.default_rng(child), 100, 3)
    assert np.array_equal(
        w, ks.simplex_uniform(np.random.default_rng(mod.child(seqs[1], 0)), 100, 3)
    )
    full = smaa(MAT, TYPES, n_samples=300, seed=21, chunk_size=100)
    assert full.n_chunks == 3


def test_no_python_loop_over_draws(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[int, ...]] = []
    real = methods.METHODS["vikor"]

    def counting(matrix: Any, weights: Any, types: Any, **kw: Any) -> Any:
        calls.append(np.shape(weights))
        return real(matrix, weights, types, **kw)

    monkeypatch.setattr(methods, "METHODS", {**methods.METHODS, "vikor": counting})
    s = smaa(MAT, TYPES, method="vikor", n_samples=30_000, seed=1, chunk_size=10_000)
    # VIKOR has no fast scoring form, so it is called: one probe, one call per chunk
    # (30,000 draws -> 3 calls of 10,000), then one call with every central weight
    # vector for the confidence factors of a fixed matrix.
    assert len(calls) == 1 + 3 + 1
    assert calls[1] == (10_000, 3)
    assert calls[-1] == (int(s.has_central_weights.sum()), 3)


def test_fast_forms_match_the_methods() -> None:
    # WSM, PROMETHEE II and TOPSIS score a fixed matrix through precomputed forms;
    # their ranks must be the methods' own ranks, draw by draw, ties included.
    from policyopts.sensitivity.smaa import scoring

    rng = np.random.default_rng(3)
    x = rng.integers(1, 4, size=(6, 3)).astype(float)  # small integers: many exact ties
    x[4] = x[1]  # an identical pair
    w = ks.simplex_uniform(rng, 4_000, 3)
    w[:50] = [1 / 3, 1 / 3, 1 / 3]
    t = np.array([1.0, -1.0, 1.0])
    for method, opts in (
        ("wsm", {}),
        ("wsm", {"normalization": "vector"}),
        ("promethee_ii", {}),
        ("promethee_ii", {"preference": "linear", "q": 0.5, "p": 1.5}),
        ("topsis", {}),
    ):
        form = scoring.score_form(method, opts, x, t)
        assert form is not None
        ranks_t, less = form.rank_t(w, None)
        expected = methods.get_method(method)(x, w, t, **opts).ranks
        np.testing.assert_array_equal(ranks_t.T, expected, err_msg=method)
        if less is not None:
            np.testing.assert_array_equal(less, ksm.less_from_ranks(ranks_t))


class CountingRNG:
    """A Generator proxy counting method calls (to show draws are batched)."""

    def __init__(self, seed: int) -> None:
        self._rng = np.random.default_rng(seed)
        self.calls = 0

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._rng, name)

        def wrapped(*args: Any, **kwargs: Any) -> Any:
            self.calls += 1
            return attr(*args, **kwargs)

        return wrapped


@pytest.mark.parametrize(
    "dist",
    [
        uniform_weights(),
        ordinal_weights([1, 2, 2, 3]),
        interval_weights([0.1, 0.0, 0.2, 0.0], [0.5, 0.4, 0.6, 0.5]),
        centred_weights([0.4, 0.3, 0.2, 0.1], 50),
    ],
)
def test_weight_draws_are_batched(dist: WeightDistribution) -> None:
    rng = CountingRNG(0)
    w = dist.draw(rng, 100_000, 4)  # type: ignore[arg-type]
    assert w.shape == (100_000, 4)
    assert rng.calls <= 4
    np.testing.assert_allclose(w.sum(axis=1), 1.0, rtol=1e-12)


# --- weight distributions ----------------------------------------------------------------


def test_uniform_moments() -> None:
    n, size = 4, 100_000
    w = uniform_weights().sample(size, n=n, seed=1)
    var = (n - 1) / (n**2 * (n + 1))  # Dirichlet(1,...,1)
    np.testing.assert_allclose(w.mean(axis=0), 1 / n, atol=4 * math.sqrt(var / size))
    np.testing.assert_allclose(w.var(axis=0), var, rtol=0.03)


def test_ordinal_means_are_roc_weights() -> None:
    # Uniform on w_(1) >= ... >= w_(n): the mean is the rank-order centroid (Barron &
    # Barrett 1996): w_(k) = (1/n) sum_{i=k}^{n} 1/i.
    n, size = 4, 100_000
    w = ordinal_weights([3, 1, 4, 2]).sample(size, seed=2)
    roc = np.array([sum(1 / i for i in range(k, n + 1)) / n for k in range(1, n + 1)])
    expected = roc[[2, 0, 3, 1]]
    assert np.all(w[:, 1] >= w[:, 3]) and np.all(w[:, 3] >= w[:, 0]) and np.all(w[:, 0] >= w[:, 2])
    np.testing.assert_allclose(w.mean(axis=0), expected, atol=4 * 0.2 / math.sqrt(size))


def test_ordinal_ties_are_unordered_within_group() -> None:
    size = 100_000
    w = ordinal_weights([1, 2, 2]).sample(size, seed=3)
    assert np.all(w[:, 0] >= w[:, 1]) and np.all(w[:, 0] >= w[:, 2])
    share = np.mean(w[:, 1] > w[:, 2])
    assert abs(share - 0.5) <= mc_tol(0.5, size)
    roc = np.array([11 / 18, 5 / 18, 2 / 18])  # ROC for n = 3
    np.testing.assert_allclose(
        w.mean(axis=0), [roc[0], roc[1:].mean(), roc[1:].mean()], atol=4 * 0.2 / math.sqrt(size)
    )


def test_intervals_two_criteria_uniform_segment() -> None:
    # n = 2: w_1 is uniform on [max(lo_1, 1 - hi_2), min(hi_1, 1 - lo_2)]
    # = [max(0.1, 0.2), min(0.6, 0.7)] = [0.2, 0.6].
    w = interval_weights([0.1, 0.3], [0.6, 0.8]).sample(50_000, seed=4)
    assert w[:, 0].min() >= 0.2 and w[:, 0].max() <= 0.6
    np.testing.assert_allclose(np.quantile(w[:, 0], [0.25, 0.5, 0.75]), [0.3, 0.4, 0.5], atol=0.01)


def test_intervals_match_brute_force_rejection() -> None:
    lo = np.array([0.1, 0.0, 0.2, 0.05])
    hi = np.array([0.4, 0.3, 0.6, 0.5])
    dist = interval_weights(lo, hi)
    w = dist.sample(60_000, seed=5)
    assert np.all(w >= lo - 1e-15) and np.all(w <= hi + 1e-15)
    # Brute force: uniform simplex draws kept when inside the box.
    u = ks.simplex_uniform(np.random.default_rng(6), 400_000, 4)
    ref = u[np.all((u >= lo) & (u <= hi), axis=1)]
    se = np.sqrt(w.var(axis=0) / w.shape[0] + ref.var(axis=0) / ref.shape[0])
    assert np.all(np.abs(w.mean(axis=0) - ref.mean(axis=0)) <= 4 * se)
    se_q = 0.01
    np.testing.assert_allclose(
        np.quantile(w, [0.1, 0.9], axis=0), np.quantile(ref, [0.1, 0.9], axis=0), atol=se_q
    )
    # Acceptance (exact, inclusion-exclusion) against the sampler's own proposals.
    tlo, thi = ks.tighten_box(lo, hi)
    b = (thi - tlo) / (1 - tlo.sum())
    v = ks.simplex_uniform(np.random.default_rng(7), 200_000, 4)
    empirical = np.mean(np.all(v <= b, axis=1))
    assert dist.acceptance is not None
    assert abs(dist.acceptance - empirical) <= mc_tol(empirical, 200_000)


def test_intervals_fixed_coordinate_and_point() -> None:
    w = interval_weights([0.2, 0.1, 0.0], [0.2, 0.5, 0.9]).sample(1000, seed=1)
    assert np.all(w[:, 0] == 0.2)
    np.testing.assert_allclose(w.sum(axis=1), 1.0)
    p = interval_weights([0.2, 0.3, 0.5], [0.4, 0.6, 0.9]).sample(10, seed=1)  # sum(lo) = 1
    np.testing.assert_allclose(p, np.tile([0.2, 0.3, 0.5], (10, 1)))


def test_interval_efficiency_guard() -> None:
    # [0, 0.12]^10 keeps about 5e-7 of the proposals: refused, with the rate named.
    with pytest.raises(ValueError, match=r"^lower, upper: .*accept only .*limit 0.001"):
        interval_weights(np.zeros(10), np.full(10, 0.12))
    assert interval_weights(np.full(10, 0.05), np.full(10, 0.15)).acceptance >= MIN_ACCEPTANCE  # type: ignore[operator]


def test_box_acceptance_pilot_for_many_weights() -> None:
    lo = np.zeros(18)
    hi = np.full(18, 0.3)
    exact_like = ks.box_acceptance(lo, hi)  # 18 > 16 free weights: pilot estimate
    assert 0.9 < exact_like <= 1.0


def test_centred_moments() -> None:
    w0, kappa, size = np.array([0.5, 0.3, 0.2, 0.0]), 40.0, 100_000
    w = centred_weights(w0, kappa).sample(size, seed=8)
    var = w0 * (1 - w0) / (kappa + 1)
    assert np.all(np.abs(w.mean(axis=0) - w0) <= 4 * np.sqrt(var / size) + 1e-15)
    np.testing.assert_allclose(w[:, :3].var(axis=0), var[:3], rtol=0.03)
    assert np.all(w[:, 3] == 0.0)


def test_distribution_objects() -> None:
    d = ordinal_weights([1, 2])
    assert d == WeightDistribution("ordinal", ranks=(1, 2)) and hash(d) == hash(
        WeightDistribution("ordinal", ranks=(1, 2))
    )
    assert fixed_weights([1, 1]).point == (0.5, 0.5)
    assert "concentration 7" in centred_weights([1, 1], 7).describe()
    assert uniform_weights().n is None and d.n == 2
    s = smaa(
        ABC,
        [1, 1],
        normalization=None,
        n_samples=500,
        seed=1,
        weights={"kind": "fixed", "weights": [0.9, 0.1]},
    )
    assert s.rank_acceptability[0, 0] == 1.0
    s2 = smaa(
        ABC,
        [1, 1],
        normalization=None,
        n_samples=2000,
        seed=1,
        weights={"kind": "ordinal", "ranks": [1, 2]},
    )
    # w_1 >= 1/2: A first for w > 0.6 (prob 0.8), C for 0.5 < w < 0.6 (0.2).
    np.testing.assert_allclose(s2.rank_acceptability[:, 0], [0.8, 0.0, 0.2], atol=mc_tol(0.2, 2000))


# --- all methods ------------------------------------------------------------------------


@pytest.mark.parametrize("method", methods.available())
def test_every_method(method: str) -> None:
    stack = MAT + np.random.default_rng(1).random((300, 4, 3))
    for matrix in (MAT, stack):
        s = smaa(matrix, TYPES, method=method, n_samples=1_500, seed=2, chunk_size=600)
        assert s.method == method
        np.testing.assert_allclose(s.rank_acceptability.sum(axis=0), 1.0)
        np.testing.assert_allclose(s.rank_acceptability.sum(axis=1), 1.0)
        defined = s.has_central_weights
        np.testing.assert_allclose(s.central_weights[defined].sum(axis=1), 1.0)
        assert np.all(s.central_weights[~defined] == 0)
        assert np.all((s.confidence >= 0) & (s.confidence <= 1))


def test_method_options_are_passed_through() -> None:
    a = smaa(MAT, TYPES, method="vikor", n_samples=2_000, seed=1, v=0.0)
    b = smaa(MAT, TYPES, method="vikor", n_samples=2_000, seed=1, v=1.0)
    assert a.method_options == {"v": 0.0} and not _equal(a, b)
    c = smaa(MAT, TYPES, method="promethee_ii", n_samples=500, seed=1, preference="vshape", p=2.0)
    assert c.method_options["preference"] == "vshape"


def test_progress_callback_counts_draws() -> None:
    seen: list[tuple[int, int]] = []
    smaa(
        MAT,
        TYPES,
        n_samples=2_500,
        seed=1,
        chunk_size=1_000,
        progress=lambda d, t: seen.append((d, t)),
    )
    assert seen == [(1_000, 2_500), (2_000, 2_500), (2_500, 2_500)]
    seen.clear()
    smaa(
        _ab_stack(1_000, 1),
        [1, 1],
        n_samples=1_000,
        seed=1,
        chunk_size=500,
        progress=lambda d, t: seen.append((d, t)),
    )
    assert seen[-1] == (2_000, 2_000) and len(seen) == 4  # two passes with uncertain scores


def test_str_and_repr(abc: SMAAResult) -> None:
    assert "rank 1" in str(abc) and "SMAAResult(method='wsm'" in repr(abc)
    assert abc.rank_acceptability.flags.writeable is False


# --- bad input ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"matrix": [1, 2, 3]}, "matrix"),
        ({"matrix": np.ones((2, 2, 3, 2))}, "matrix"),
        ({"matrix": [[1, np.nan], [2, 3]]}, "matrix"),
        ({"types": [1, 0]}, "types"),
        ({"types": [1, 1, 1]}, "types"),
        ({"method": "electre"}, "method"),
        ({"n_samples": 0}, "n_samples"),
        ({"n_samples": 10.5}, "n_samples"),
        ({"n_samples": True}, "n_samples"),
        ({"chunk_size": 0}, "chunk_size"),
        ({"weights": [0.5, 0.2, 0.3]}, "weights"),
        ({"weights": [-1, 2]}, "weights"),
        ({"weights": "ordinal"}, "weights"),
        ({"weights": {"kind": "ordinal", "rank": [1, 2]}}, "weights"),
        ({"weights": {"kind": "dirichlet"}}, r"weights\['kind'\]"),
        ({"weights": ordinal_weights([1, 2, 3])}, "weights"),
        ({"weights": np.ones((3, 2))}, "weights"),
        ({"seed": "abc"}, "seed"),
        ({"client": object()}, "client"),
        ({"progress": "yes"}, "progress"),
        ({"bogus": 1}, "method_options"),
        ({"normalization": "l2"}, "normalization"),
    ],
)
def test_bad_input_names_the_argument(kwargs: dict[str, Any], name: str) -> None:
    args: dict[str, Any] = {"matrix": [[1.0, 2.0], [2.0, 1.0]], "types": [1, 1], "n_samples": 10}
    args.update(kwargs)
    matrix, types = args.pop("matrix"), args.pop("types")
    with pytest.raises(ValueError, match=rf"^{name}: "):
        smaa(matrix, types, **args)


@pytest.mark.parametrize(
    ("factory", "name"),
    [
        (lambda: ordinal_weights([0, 1]), "ranks"),
        (lambda: ordinal_weights([1.5, 2]), "ranks"),
        (lambda: ordinal_weights(["a"]), "ranks"),
        (lambda: interval_weights([0.1, -0.1], [0.5, 0.5]), "lower"),
        (lambda: interval_weights([0.5, 0.1], [0.4, 0.9]), "upper"),
        (lambda: interval_weights([0.1, 0.1], [0.3, 0.3]), "upper"),
        (lambda: interval_weights([0.1], [0.3, 0.3]), "upper"),
        (lambda: interval_weights([[0.1]], [[0.3]]), "lower"),
        (lambda: interval_weights([0.1, np.inf], [0.3, 0.3]), "lower"),
        (lambda: centred_weights([0.5, -0.5]), "centre"),
        (lambda: centred_weights([0.5, 0.5], 0), "concentration"),
        (lambda: centred_weights([0.5, 0.5], [1, 2]), "concentration"),  # type: ignore[arg-type]
        (lambda: fixed_weights([0, 0]), "point"),
        (lambda: WeightDistribution("beta"), "kind"),
        (lambda: WeightDistribution("uniform", ranks=(1,)), "ranks"),
        (lambda: WeightDistribution("ordinal"), "ranks"),
        (lambda: meta_weights(3, "log"), "meta_weights"),
        (lambda: meta_weights(3, [1, 2, 0]), "meta_weights"),
        (lambda: meta_weights(3, [1, 0]), "meta_weights"),
        (lambda: uniform_weights().sample(3), "n"),
        (lambda: ordinal_weights([1, 2]).sample(3, n=3), "n"),
        (lambda: uniform_weights().sample(-1, n=2), "size"),
    ],
)
def test_bad_distribution_input(factory: Any, name: str) -> None:
    with pytest.raises(ValueError, match=rf"^{name}: "):
        factory()


def test_tally_kernel_counts_exactly() -> None:
    ranks = np.array([[1, 2, 3], [1, 1, 3], [2, 2, 1], [3, 1, 2]])
    w = np.array([[0.2, 0.8], [0.5, 0.5], [0.1, 0.9], [0.6, 0.4]])
    t = ksm.tally(ranks, w)
    ra = ksm.rank_acceptability(t)
    # Slot counts by hand (ties split over their slots), divided by the 4 draws.
    expected = np.array([[1.5, 1.0, 1.5], [1.5, 2.0, 0.5], [1.0, 1.0, 2.0]]) / 4
    np.testing.assert_allclose(ra, expected)
    np.testing.assert_allclose(ra.sum(axis=0), 1.0)
    np.testing.assert_allclose(t.weight_sums, [[0.45, 1.05], [0.85, 0.65], [0.1, 0.9]])
    assert t.less.tolist() == [[0, 1, 2], [1, 0, 3], [2, 1, 0]]
    assert t.first_rank_shares().tolist() == [1.5, 1.5, 1.0]


# --- case level ---------------------------------------------------------------------------


def test_case_agrees_with_compare_at_nominal_inputs(toy_case: po.Case) -> None:
    for method in methods.available():
        for profile in ("even", "thrifty"):
            cmp = po.compare(toy_case, profile, method)
            s = smaa_case(
                toy_case,
                profile,
                method=method,
                weights="fixed",
                uncertain_scores=False,
                n_samples=5,
            )
            assert isinstance(s, CaseSMAA)
            expected = np.zeros((3, 3))
            for i, o in enumerate(cmp.table.index):
                expected[i, int(cmp.table.loc[o, "rank"]) - 1] = 1.0
            np.testing.assert_array_equal(s.rank_acceptability.to_numpy(), expected)
            assert s.normalization == cmp.normalization
            assert s.n_inputs == 0 and not s.uncertain_scores


def test_case_labels_and_provenance(toy_case: po.Case) -> None:
    s = smaa_case(toy_case, n_samples=3_000, seed=4, chunk_size=1_000)
    assert list(s.rank_acceptability.index) == ["act", "wait", "talk"]
    assert list(s.rank_acceptability.columns) == ["rank 1", "rank 2", "rank 3"]
    assert list(s.central_weights.columns) == ["gain", "cost", "risk_burden"]
    assert list(s.pairwise_winning.columns) == ["act", "wait", "talk"]
    assert s.confidence.index.equals(s.rank_acceptability.index)
    assert (s.method, s.normalization, s.seed, s.n_samples, s.chunk_size) == (
        "wsm",
        "scale",
        4,
        3_000,
        1_000,
    )
    assert s.uncertain_scores and s.n_inputs == 7 and s.profile is None
    assert s.version == po.__version__ and s.case_id == "toy"
    np.testing.assert_allclose(s.rank_acceptability.sum(axis=0), 1.0)
    np.testing.assert_allclose(s.central_weights[s.has_central_weights].sum(axis=1), 1.0)
    summary = s.summary()
    assert "ranks first in" in summary and "% of draws" in summary and "seed 4" in summary
    md = s.to_markdown()
    assert md.startswith("| Option | Rank 1 |") and "SMAA-2, 3,000 draws" in md
    assert "<table" in s._repr_html_() and "\\begin{tabular}" in s.to_latex()
    assert "Confidence" in str(s)
    assert s.ranking[0] == s.first_rank.idxmax()
    assert s.holistic().shape == (3,) and s.expected_rank.shape == (3,)
    again = smaa_case(toy_case, n_samples=3_000, seed=4, chunk_size=1_000)
    assert s.rank_acceptability.equals(again.rank_acceptability)


def test_case_scores_match_brute_force(toy_case: po.Case) -> None:
    # Fixed weights, uncertain scores: first-rank shares against an independent
    # brute-force computation (ppf draws, value functions, weighted sum, argmax).
    n = 20_000
    s = smaa_case(toy_case, "even", weights="fixed", n_samples=n, seed=1, scenario="storm")
    inputs = po.uncertain_inputs(toy_case, "storm")
    mats = inputs.matrices(inputs.sample(n, seed=2))
    crit = toy_case.all_criteria
    values = np.stack([c.value(mats[..., j]) for j, c in enumerate(crit)], axis=-1)
    w = np.array([toy_case.weights("even")[c.id] for c in crit])
    winner = np.argmax(values @ w, axis=1)
    ref = np.bincount(winner, minlength=3) / n
    tol = 4 * np.sqrt(ref * (1 - ref) * 2 / n) + 1e-12
    assert np.all(np.abs(s.first_rank.to_numpy() - ref) <= tol)
    assert s.scenario == "storm"


@pytest.mark.parametrize("weights", ["uniform", "ordinal", "intervals", "profile", "fixed"])
def test_case_weight_modes(toy_case: po.Case, weights: str) -> None:
    s = smaa_case(toy_case, "thrifty", weights=weights, n_samples=2_000, seed=3, spread=0.3)  # type: ignore[arg-type]
    np.testing.assert_allclose(s.rank_acceptability.sum(axis=1), 1.0)
    w0 = np.array(list(toy_case.weights("thrifty").values()))
    cw = s.central_weights[s.has_central_weights].to_numpy()
    if weights == "fixed":
        np.testing.assert_allclose(cw, np.tile(w0, (cw.shape[0], 1)), rtol=1e-12)
    if weights == "intervals":
        assert np.all(cw >= w0 * 0.7 - 1e-12) and np.all(cw <= w0 * 1.3 + 1e-12)
        assert "±30%" in s.weight_set
    if weights == "ordinal":
        order = np.argsort(-w0)
        assert np.all(np.diff(cw[:, order], axis=1) <= 1e-12)
    assert (s.profile is None) == (weights == "uniform")


def test_case_weight_distribution_and_mali(mali: po.Case) -> None:
    n = len(mali.criterion_ids)
    s = smaa_case(mali, weights=ordinal_weights(np.arange(1, n + 1)), n_samples=1_000, seed=1)
    assert s.weight_set.startswith("ordinal (ranks 1, 2")
    assert s.rank_acceptability.shape == (6, 6) and s.central_weights.shape == (6, 11)
    t = smaa_case(
        mali, "humanitarian_first", method="topsis", n_samples=1_000, seed=1, weights="profile"
    )
    assert t.normalization == "vector" and "concentration 100" in t.weight_set


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"weights": "dirichlet"}, "weights"),
        ({"weights": 3}, "weights"),
        ({"weights": ordinal_weights([1, 2])}, "weights"),
        ({"weights": "intervals", "spread": 0}, "spread"),
        ({"weights": "profile", "concentration": -1}, "concentration"),
        ({"method": "electre"}, "method"),
        ({"normalization": "scale", "method": "topsis"}, "normalization"),
        ({"v": 0.3}, "method_options"),
        ({"uncertain_scores": "yes"}, "uncertain_scores"),
        ({"n_samples": 0}, "n_samples"),
        ({"chunk_size": -5}, "chunk_size"),
        ({"client": 1}, "client"),
        ({"progress": 2}, "progress"),
    ],
)
def test_case_bad_input(toy_case: po.Case, kwargs: dict[str, Any], name: str) -> None:
    with pytest.raises(ValueError, match=rf"^{name}: "):
        smaa_case(toy_case, **kwargs)


def test_case_bad_case_profile_scenario(toy_case: po.Case) -> None:
    with pytest.raises(ValueError, match=r"^case: "):
        smaa_case("mali")  # type: ignore[arg-type]
    with pytest.raises(po.CaseError, match="profile"):
        smaa_case(toy_case, "nobody", weights="ordinal")
    with pytest.raises(po.CaseError, match="scenario"):
        smaa_case(toy_case, scenario="flood")


def test_chunk_seeds_and_jobs_are_made_lazily() -> None:
    # Issue: 10^13 draws died in root.spawn(n_chunks), the per-chunk seeds and jobs
    # being built up front.  Jobs now come from a generator, one chunk at a time.
    import inspect
    import tracemalloc

    from policyopts.sensitivity.smaa import engine

    jobs = engine.chunk_jobs(np.random.SeedSequence(5), 10**13, 1)
    assert inspect.isgenerator(jobs)
    first = [next(jobs) for _ in range(3)]
    assert [(start, size) for _, start, size in first] == [(0, 1), (1, 1), (2, 1)]
    spawned = np.random.SeedSequence(5).spawn(3)
    assert [s.spawn_key for s, _, _ in first] == [s.spawn_key for s in spawned]

    class Stop(Exception):
        pass

    def stop(done: int, total: int) -> None:
        assert total == 10**13
        raise Stop

    tracemalloc.start()
    try:
        with pytest.raises(Stop):
            smaa(MAT, TYPES, n_samples=10**13, chunk_size=1_000, seed=0, progress=stop)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20 * 2**20  # one chunk's state, not one seed per chunk


@pytest.mark.parametrize("method", ["wsm", "topsis", "promethee_ii", "vikor"])
def test_many_alternatives_fixed_weights_match_the_method(method: str) -> None:
    # 40 alternatives: argsort ranks, bincount counts, sparse weight sums, blocked wins.
    rng = np.random.default_rng(8)
    x = rng.integers(1, 6, size=(40, 4)).astype(float)  # ties among alternatives
    t = np.array([1.0, -1.0, 1.0, 1.0])
    w = np.array([0.4, 0.3, 0.2, 0.1])
    s = smaa(x, t, method=method, weights=w, n_samples=300, seed=1, chunk_size=128, pairwise=True)
    ranks = methods.get_method(method)(x, w, t).ranks
    b = s.rank_acceptability
    np.testing.assert_allclose(b.sum(axis=0), 1.0)
    np.testing.assert_allclose(b.sum(axis=1), 1.0)
    for i in range(40):  # tie of size g at rank r: 1/g in slots r .. r+g-1
        g = int(np.sum(ranks == ranks[i]))
        expected = np.zeros(40)
        expected[ranks[i] - 1 : ranks[i] - 1 + g] = 1.0 / g
        np.testing.assert_allclose(b[i], expected, atol=1e-12)
    assert s.pairwise_winning is not None
    better = (ranks[:, None] < ranks[None, :]).astype(float)
    tied = (ranks[:, None] == ranks[None, :]) & ~np.eye(40, dtype=bool)
    np.testing.assert_allclose(s.pairwise_winning, better + 0.5 * tied)
    winners = ranks == 1
    np.testing.assert_allclose(s.central_weights[winners], np.tile(w, (int(winners.sum()), 1)))


def test_pairwise_is_optional_above_256_alternatives() -> None:
    x = np.random.default_rng(2).random((300, 3))
    s = smaa(x, [1, 1, 1], n_samples=500, seed=0)
    assert s.pairwise_winning is None
    np.testing.assert_allclose(s.rank_acceptability.sum(axis=0), 1.0)
    with pytest.raises(ValueError, match=r"^pairwise: "):
        smaa(x, [1, 1, 1], n_samples=10, pairwise="yes")  # type: ignore[arg-type]


def test_case_value_scores_agree_with_score_matrices(mali: po.Case) -> None:
    # smaa_case's default path (WSM on value functions: the source scores its own
    # value-scale draws, CaseValueSource) against the generic path (score matrices
    # drawn, mapped through the value functions, WSM called on the stack): rank
    # acceptabilities and confidence factors agree within Monte Carlo error (two
    # independent runs of 20,000 draws: 5 standard errors of a difference of shares).
    from policyopts.inputs import ValueMap
    from policyopts.sensitivity.smaa.case import CaseSource, CaseValueSource
    from policyopts.sensitivity.smaa.engine import Problem, run

    inputs = po.uncertain_inputs(mali)
    n = 20_000
    fast = smaa_case(mali, n_samples=n, seed=4)
    assert fast.uncertain_scores and fast.n_inputs == len(inputs)
    source = CaseSource(inputs, ValueMap.from_criteria(inputs.base.criteria))
    problem = Problem.build(
        "wsm", {"normalization": None}, np.ones(11), po.uniform_weights(), source
    )
    raw = run(problem, n, 5, None, None, False, n)
    a, b = fast.rank_acceptability.to_numpy(), ksm.rank_acceptability(raw.tally)
    tol = 5 * np.sqrt(2 * 0.25 / n)
    assert np.abs(a - b).max() < tol
    assert np.abs(fast.confidence.to_numpy() - raw.confidence).max() < tol
    fast_problem = Problem.build(
        "wsm",
        {"normalization": None},
        np.ones(11),
        po.uniform_weights(),
        CaseValueSource(inputs.value_scores()),
    )
    assert fast_problem.scores_direct and not problem.scores_direct
