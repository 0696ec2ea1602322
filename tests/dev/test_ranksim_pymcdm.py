"""Dev-only cross-check of :mod:`policyopts.ranksim` against pymcdm (1.4).

Only like is compared with like (``pymcdm.correlations``):

- ``weighted_spearman`` / ``rw`` and ``rank_similarity_coef`` / ``ws`` apply the same
  formulas to the given ranks, so they agree on any rankings, ties included.  In
  both libraries the first argument of WS is the reference ranking.
- ``spearman`` / ``rs``: pymcdm takes the Pearson correlation of the ranks as given;
  ours of their mid-ranks (as scipy's ``spearmanr``).  They agree on rankings
  without ties and on average (mid-) ranks, e.g. pymcdm's own ``rankdata``; they
  differ on competition ranks such as ``1, 2, 2, 4`` (not compared).  pymcdm warns
  and returns NaN/inf on a constant ranking; ours raises.
- ``kendall_tau``: pymcdm computes tau-a (no tie correction), ours tau-b; they agree
  only without ties, so only permutations are compared.
"""

from __future__ import annotations

import numpy as np
import pytest

from policyopts import ranksim

pmc = pytest.importorskip("pymcdm.correlations")
pmh = pytest.importorskip("pymcdm.helpers")

SEEDS = [0, 1, 2]


def _tied_average_ranks(rng: np.random.Generator, n: int, m: int) -> np.ndarray:
    """Random rankings (pymcdm's average ranks, ties likely), none constant."""
    out = np.empty((n, m))
    for k in range(n):
        scores = rng.integers(0, 4, size=m)
        if scores.min() == scores.max():
            scores[0] += 1
        out[k] = pmh.rankdata(scores)
    return out


def _permutations(rng: np.random.Generator, n: int, m: int) -> np.ndarray:
    return np.argsort(rng.random((n, m)), axis=-1).astype(float) + 1.0


@pytest.mark.parametrize("seed", SEEDS)
def test_weighted_spearman_and_ws_match_pymcdm_with_ties(seed: int) -> None:
    rng = np.random.default_rng(seed)
    m = 3 + 2 * seed
    a = _tied_average_ranks(rng, 30, m)
    b = _tied_average_ranks(rng, 30, m)
    b[:10] = _permutations(rng, 10, m)
    rw = np.asarray(ranksim.weighted_spearman(a, b))
    sim = np.asarray(ranksim.ws(a, b))
    for k in range(a.shape[0]):
        assert rw[k] == pytest.approx(pmc.weighted_spearman(a[k], b[k]), abs=1e-12)
        assert sim[k] == pytest.approx(pmc.rank_similarity_coef(a[k], b[k]), abs=1e-12)


@pytest.mark.parametrize("seed", SEEDS)
def test_spearman_matches_pymcdm_on_average_ranks(seed: int) -> None:
    rng = np.random.default_rng(seed)
    m = 4 + seed
    a = np.concatenate([_tied_average_ranks(rng, 20, m), _permutations(rng, 10, m)])
    b = np.concatenate([_tied_average_ranks(rng, 20, m), _permutations(rng, 10, m)])
    rho = np.asarray(ranksim.spearman(a, b))
    for k in range(a.shape[0]):
        assert rho[k] == pytest.approx(pmc.spearman(a[k], b[k]), abs=1e-12)


@pytest.mark.parametrize("seed", SEEDS)
def test_kendall_matches_pymcdm_on_permutations(seed: int) -> None:
    rng = np.random.default_rng(seed)
    m = 4 + seed
    a = _permutations(rng, 30, m)
    b = _permutations(rng, 30, m)
    tau = np.asarray(ranksim.kendall_tau(a, b))
    for k in range(a.shape[0]):
        assert tau[k] == pytest.approx(pmc.kendall_tau(a[k], b[k]), abs=1e-12)
