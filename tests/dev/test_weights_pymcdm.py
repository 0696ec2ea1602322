"""Dev-only cross-check of policyopts.weights against pymcdm (1.4).

Compared like with like; the convention differences are:

* entropy -- pymcdm ``entropy_weights`` uses p = x / sum(x) on the raw data
  (criterion types ignored), as our default ``normalization="sum"``; but it sets
  E_j = 0 for any column containing a 0 (we use 0 ln 0 = 0) and rejects
  non-positive data. Compared on strictly positive matrices only.
* CRITIC -- pymcdm ``critic_weights`` min-max normalises every column as a
  benefit criterion (it takes no types), sample std (ddof=1), Pearson
  correlation, C_j = sigma_j sum_k (1 - r_jk). Equal to ours with all types
  +1; with a cost criterion ours equals pymcdm on the matrix with that column
  negated. pymcdm gives NaN (with a warning) for a constant column; we give it
  weight 0. Compared on matrices without constant columns.
* AHP -- pymcdm ``AHP(matrix=...)`` takes the eigenvector of the eigenvalue of
  largest modulus (the Perron root, as ours), so weights agree. Its CR uses the
  random index of Tummala & Ling (1998) (0.5799, 0.8921, ...) instead of
  Saaty's (0.58, 0.90, ...), so CI agrees and CR differs by the ratio of the
  two tables; it accepts CR <= 0.1 where we require CR < 0.1. pymcdm only
  accepts entries from Saaty's 1-9 scale and their reciprocals.
* equal weights -- pymcdm ``equal_weights`` equals ``direct(np.ones(n))``.
* Not comparable: pymcdm has no ROC / rank-sum / rank-reciprocal / swing /
  BWM; its RANCOM weights from a ranking and ``AHP(ranking=...)`` are other
  schemes (e.g. RANCOM gives 0.4375, 0.3125, 0.1875, 0.0625 for a strict
  ranking of four, rank sum gives 0.4, 0.3, 0.2, 0.1).
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from numpy.testing import assert_allclose

from policyopts import weights as pw

pytest.importorskip("pymcdm")

from pymcdm import weights as pmw
from pymcdm.weights.subjective import AHP as PymcdmAHP

SEEDS = range(20)


def _random_positive(seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    m = int(rng.integers(3, 15))
    n = int(rng.integers(2, 8))
    return rng.uniform(0.5, 50.0, size=(m, n))


@pytest.mark.parametrize("seed", SEEDS)
def test_entropy_matches_pymcdm(seed: int) -> None:
    x = _random_positive(seed)
    assert_allclose(pw.entropy(x).weights, pmw.entropy_weights(x), rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("seed", SEEDS)
def test_critic_matches_pymcdm_all_benefit(seed: int) -> None:
    x = _random_positive(seed)
    n = x.shape[1]
    assert_allclose(pw.critic(x, [1] * n).weights, pmw.critic_weights(x), rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("seed", SEEDS)
def test_critic_cost_criteria_equal_pymcdm_on_negated_columns(seed: int) -> None:
    x = _random_positive(seed)
    rng = np.random.default_rng(1000 + seed)
    types = rng.choice([1, -1], size=x.shape[1])
    flipped = x * types  # min-max of -x as benefit == min-max of x as cost
    assert_allclose(
        pw.critic(x, types).weights, pmw.critic_weights(flipped), rtol=1e-10, atol=1e-12
    )


_SCALE = [1, 2, 3, 4, 5, 6, 7, 8, 9] + [1 / v for v in range(2, 10)]
_TL_RI = PymcdmAHP.RI_M  # Tummala & Ling (1998)


def _random_saaty_matrix(seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(3, 10))
    a = np.ones((n, n))
    for i, j in itertools.combinations(range(n), 2):
        a[i, j] = _SCALE[int(rng.integers(len(_SCALE)))]
        a[j, i] = 1.0 / a[i, j]
    return a


@pytest.mark.parametrize("seed", SEEDS)
def test_ahp_matches_pymcdm(seed: int) -> None:
    a = _random_saaty_matrix(seed)
    n = a.shape[0]
    theirs = PymcdmAHP(matrix=a)
    ours = pw.ahp(a)
    assert_allclose(ours.weights, theirs(), rtol=1e-9, atol=1e-12)
    their_cr = float(theirs.get_cr())
    their_ci = their_cr * _TL_RI[n - 1]
    assert ours.consistency_index == pytest.approx(max(their_ci, 0.0), abs=1e-10)
    assert ours.consistency_ratio == pytest.approx(
        max(their_cr, 0.0) * _TL_RI[n - 1] / pw.SAATY_RANDOM_INDEX[n - 1], abs=1e-10
    )


@pytest.mark.parametrize("n", [1, 2, 5, 12])
def test_equal_weights_match_pymcdm(n: int) -> None:
    x = np.ones((3, n))
    assert_allclose(pw.direct(np.ones(n)).weights, pmw.equal_weights(x))
