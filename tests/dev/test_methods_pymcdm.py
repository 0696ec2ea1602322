"""Dev-only cross-check of :mod:`policyopts.methods` against pymcdm (1.4).

Only like is compared with like.  Convention differences (see also the report in
the methods docstrings):

- Normalisations.  Ours ``"minmax"``, ``"sum"``, ``"vector"`` equal pymcdm's
  ``minmax_normalization``, ``sum_normalization``, ``vector_normalization``.  Our
  ``"max"`` (benefit x/max, cost min/x) is pymcdm's ``linear_normalization``;
  pymcdm's ``max_normalization`` uses ``1 - x/max`` for cost columns, which we do
  not offer.  pymcdm's minmax maps a constant column to 1 like ours; its ``max``,
  ``sum`` and ``vector`` divide by zero on degenerate columns (we have rules).
- Defaults differ: pymcdm WSM/WPM default to ``sum``, TOPSIS to ``minmax``; ours WSM
  ``minmax``, WPM ``sum``, TOPSIS ``vector``.  Tests pass the normalisation explicitly.
- VIKOR: pymcdm's default (no normalisation function) is Opricovic's linear
  normalisation, as ours.  pymcdm raises on a constant criterion and gives NaN when
  S* = S- or R* = R-; ours uses documented rules instead (not compared here).
- PROMETHEE II: pymcdm's ``vshape_2`` is our ``linear``; pymcdm has no Gaussian
  function.  Flows are divided by m - 1 in both.
- Ranks: pymcdm averages tied ranks (1, 2.5, 2.5, 4); ours are competition ranks
  (1, 2, 2, 4).  Ranks are compared directly when there are no ties, otherwise
  against scipy's ``rankdata(..., method="min")`` of pymcdm's scores.
- WPM with ``minmax``: both give score 0 to an alternative that is worst on a
  positively weighted criterion (pymcdm via ``0 ** w``, ours via the log-space rule).
- MOORA: pymcdm refuses a problem without a cost criterion; ours does not.
- COPRAS: pymcdm 1.4 writes the cost term as ``min(S-) * S- / (S- * (min(S-) / S-))``,
  which simplifies to ``S-``, so its ``Q = S+ + S-`` counts cost ratios as benefits.  Ours
  is Zavadskas et al.'s ``S+ + sum(S-) / (S- * sum(1 / S-))`` and reproduces the published
  example of Goswami & Mitra (2020) (``tests/test_methods_more.py``).  Here the shared
  intermediates ``S+`` and ``S-`` are compared, and our ``Q`` is checked against the
  published formula applied to pymcdm's ``S+`` and ``S-``.
- SPOTIS: pymcdm takes ``bounds`` of shape ``(n, 2)``, ours ``(2, n)``; pymcdm always needs
  bounds, ours defaults to the data's column range (the same as pymcdm's
  ``SPOTIS.make_bounds(matrix)``).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from scipy.stats import rankdata

from policyopts import methods

pm = pytest.importorskip("pymcdm")
pmm = pytest.importorskip("pymcdm.methods")
pmn = pytest.importorskip("pymcdm.normalizations")

SEEDS = [0, 1, 2]
PYMCDM_NORMALIZATION = {
    "minmax": "minmax_normalization",
    "max": "linear_normalization",
    "sum": "sum_normalization",
    "vector": "vector_normalization",
}


def _problem(seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    m, n = 4 + seed, 5
    matrix = rng.random((m, n)) * 10 + 0.5
    weights = rng.dirichlet(np.ones(n), size=8)
    types = np.where(rng.random(n) < 0.5, 1, -1)
    types[0], types[1] = 1, -1
    return matrix, weights, types


def _compare(
    ours: methods.MethodResult,
    body: Any,
    matrix: np.ndarray,
    weights: np.ndarray,
    types: np.ndarray,
) -> None:
    for k in range(weights.shape[0]):
        pref = body(matrix, weights[k], types, validation=False)
        np.testing.assert_allclose(ours.scores[k], pref, rtol=1e-10, atol=1e-12)
        _compare_ranks(ours.ranks[k], pref, body, ours.higher_is_better)


def _compare_ranks(ours: np.ndarray, pref: np.ndarray, body: Any, higher: bool) -> None:
    if np.unique(pref).size == pref.size:
        np.testing.assert_array_equal(ours, body.rank(pref).astype(int))
    else:
        # Exact ties (e.g. WPM with minmax scores 0): pymcdm averages tied ranks, we
        # use competition ranks, which is scipy's method="min".
        np.testing.assert_array_equal(ours, rankdata(-pref if higher else pref, method="min"))


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("norm", list(PYMCDM_NORMALIZATION))
def test_normalize(seed: int, norm: str) -> None:
    matrix, _, types = _problem(seed)
    fn = getattr(pmn, PYMCDM_NORMALIZATION[norm])
    expected = pm.helpers.normalize_matrix(matrix, fn, types)
    np.testing.assert_allclose(methods.normalize(matrix, types, norm), expected, rtol=1e-13)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("norm", list(PYMCDM_NORMALIZATION))
@pytest.mark.parametrize("name", ["wsm", "wpm", "topsis"])
def test_normalized_methods(seed: int, norm: str, name: str) -> None:
    matrix, weights, types = _problem(seed)
    cls = {"wsm": pmm.WSM, "wpm": pmm.WPM, "topsis": pmm.TOPSIS}[name]
    body = cls(getattr(pmn, PYMCDM_NORMALIZATION[norm]))
    ours = methods.METHODS[name](matrix, weights, types, normalization=norm)
    _compare(ours, body, matrix, weights, types)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("v", [0.0, 0.3, 0.5, 1.0])
def test_vikor(seed: int, v: float) -> None:
    matrix, weights, types = _problem(seed)
    ours = methods.vikor(matrix, weights, types, v=v)
    _compare(ours, pmm.VIKOR(v=v), matrix, weights, types)


PROMETHEE_CASES: list[tuple[str, str, dict[str, Any]]] = [
    ("usual", "usual", {}),
    ("ushape", "ushape", {"q": 1.0}),
    ("vshape", "vshape", {"p": 4.0}),
    ("level", "level", {"q": 1.0, "p": 3.0}),
    ("linear", "vshape_2", {"q": 0.5, "p": 5.0}),
]


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize(("ours_name", "their_name", "params"), PROMETHEE_CASES)
def test_promethee_ii(seed: int, ours_name: str, their_name: str, params: dict[str, Any]) -> None:
    matrix, weights, types = _problem(seed)
    n = matrix.shape[1]
    ours = methods.promethee_ii(matrix, weights, types, preference=ours_name, **params)
    their_params = {key: [value] * n for key, value in params.items()}
    for k in range(weights.shape[0]):
        # pymcdm stores per-criterion preference functions in a one-shot generator:
        # build a fresh instance for every call.
        body = pmm.PROMETHEE_II(their_name, **their_params)
        pref = body(matrix, weights[k], types, validation=False)
        np.testing.assert_allclose(ours.scores[k], pref, rtol=1e-10, atol=1e-12)
        _compare_ranks(ours.ranks[k], pref, body, True)


# ------------------------------------------------ MOORA, COPRAS, EDAS, ARAS, MABAC, SPOTIS


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("name", ["moora", "edas"])
def test_fixed_normalization_methods(seed: int, name: str) -> None:
    matrix, weights, types = _problem(seed)
    body = {"moora": pmm.MOORA, "edas": pmm.EDAS}[name]()
    _compare(methods.METHODS[name](matrix, weights, types), body, matrix, weights, types)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("norm", list(PYMCDM_NORMALIZATION))
@pytest.mark.parametrize("name", ["aras", "mabac"])
def test_aras_and_mabac(seed: int, norm: str, name: str) -> None:
    matrix, weights, types = _problem(seed)
    cls = {"aras": pmm.ARAS, "mabac": pmm.MABAC}[name]
    body = cls(getattr(pmn, PYMCDM_NORMALIZATION[norm]))
    ours = methods.METHODS[name](matrix, weights, types, normalization=norm)
    _compare(ours, body, matrix, weights, types)


@pytest.mark.parametrize("seed", SEEDS)
def test_spotis(seed: int) -> None:
    matrix, weights, types = _problem(seed)
    data_bounds = pmm.SPOTIS.make_bounds(matrix)  # (n, 2)
    _compare(
        methods.spotis(matrix, weights, types), pmm.SPOTIS(data_bounds), matrix, weights, types
    )
    wide = np.vstack([matrix.min(axis=0) - 1.0, matrix.max(axis=0) + 2.0])  # (2, n)
    ours = methods.spotis(matrix, weights, types, bounds=wide)
    _compare(ours, pmm.SPOTIS(wide.T), matrix, weights, types)


@pytest.mark.parametrize("seed", SEEDS)
def test_copras_intermediates(seed: int) -> None:
    matrix, weights, types = _problem(seed)
    ours = methods.copras(matrix, weights, types)
    body = pmm.COPRAS()
    for k in range(weights.shape[0]):
        _, _, s_minus, s_plus, _, _ = body._method(matrix, weights[k], types)
        np.testing.assert_allclose(ours.extras["S_plus"][k], s_plus, rtol=1e-12)
        np.testing.assert_allclose(ours.extras["S_minus"][k], s_minus, rtol=1e-12)
        q = s_plus + s_minus.sum() / (s_minus * (1.0 / s_minus).sum())
        np.testing.assert_allclose(ours.extras["Q"][k], q, rtol=1e-12)
        np.testing.assert_allclose(ours.scores[k], q / q.max(), rtol=1e-12)
