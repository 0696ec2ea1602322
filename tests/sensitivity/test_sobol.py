"""Sobol' indices.

References for the checks
-------------------------
* Ishigami function, a = 7, b = 0.1, inputs uniform on [-pi, pi]
  (Ishigami & Homma 1990).  Analytic variances (Saltelli et al. 2008, *Global
  Sensitivity Analysis: The Primer*, ch. 4, exercise 5; the V13 term as
  corrected in later derivations and in SciPy's own test suite):
  V = a^2/8 + b pi^4/5 + b^2 pi^8/18 + 1/2, V1 = (1 + b pi^4/5)^2 / 2,
  V2 = a^2/8, V3 = 0, V13 = 8 b^2 pi^8 / 225; S1 ~ 0.3139, S2 ~ 0.4424,
  S3 = 0, ST1 ~ 0.5576, ST2 ~ 0.4424, ST3 ~ 0.2437.  The values below are
  computed from these formulas, not copied.
* A linear function of independent inputs, Y = sum a_i X_i, has
  S_i = ST_i = a_i^2 Var(X_i) / sum_k a_k^2 Var(X_k) (exact), and a group's
  index is the sum of its members'.  With the weights fixed, every option's
  score in the toy case is linear in its uncertain scores and in the risk
  likelihood (linear value functions, no clipping), so its indices are exact.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from scipy import stats

import policyopts as po
from policyopts.sensitivity.sobol import SobolResult, _design, _grouped_indices, sobol
from policyopts.sensitivity.tornado import _Scorer

A_ISH, B_ISH = 7.0, 0.1


def _ishigami(x: np.ndarray) -> np.ndarray:
    return np.sin(x[:, 0]) + A_ISH * np.sin(x[:, 1]) ** 2 + B_ISH * x[:, 2] ** 4 * np.sin(x[:, 0])


def _ishigami_reference() -> tuple[np.ndarray, np.ndarray]:
    a, b, pi = A_ISH, B_ISH, np.pi
    var = a**2 / 8 + b * pi**4 / 5 + b**2 * pi**8 / 18 + 0.5
    v1 = 0.5 * (1 + b * pi**4 / 5) ** 2
    v2 = a**2 / 8
    v13 = 8 * b**2 * pi**8 / 225
    return np.array([v1, v2, 0.0]) / var, np.array([v1 + v13, v2, v13]) / var


def _uniform_pi(u: np.ndarray) -> np.ndarray:
    return -np.pi + 2 * np.pi * u


def test_ishigami_against_analytic_indices() -> None:
    first_ref, total_ref = _ishigami_reference()
    assert first_ref[0] == pytest.approx(0.3139, abs=1e-4)  # the textbook's rounded values
    assert total_ref[2] == pytest.approx(0.2437, abs=1e-4)
    a, b = _design(_uniform_pi, 3, 2**14, np.random.default_rng(7))
    first, total, _ = _grouped_indices(_ishigami, a, b, [[0], [1], [2]])
    np.testing.assert_allclose(first[0], first_ref, atol=5e-3)
    np.testing.assert_allclose(total[0], total_ref, atol=5e-3)


def test_design_and_estimates_equal_scipy_callable_path() -> None:
    dist = stats.uniform(loc=-np.pi, scale=2 * np.pi)
    ref = stats.sobol_indices(
        func=lambda x: _ishigami(x.T), n=1024, dists=[dist] * 3, rng=np.random.default_rng(3)
    )
    a, b = _design(dist.ppf, 3, 1024, np.random.default_rng(3))
    first, total, _ = _grouped_indices(_ishigami, a, b, [[0], [1], [2]], rows_per_call=1024)
    np.testing.assert_allclose(first[0], ref.first_order, atol=1e-12)
    np.testing.assert_allclose(total[0], ref.total_order, atol=1e-12)


def test_linear_function_exact_and_grouped() -> None:
    coef = np.array([1.0, 2.0, 3.0])
    var = np.array([1.0, 4.0, 1.0]) / 12  # U[0,1], U[0,2], U[0,1]
    scale = np.array([1.0, 2.0, 1.0])
    exact = coef**2 * var / np.sum(coef**2 * var)

    def model(x: np.ndarray) -> np.ndarray:
        return np.column_stack([x @ coef, -2 * (x @ coef) + 5])  # two outputs, same indices

    a, b = _design(lambda u: u * scale, 3, 2**12, np.random.default_rng(11))
    first, total, _ = _grouped_indices(model, a, b, [[0], [1], [2]])
    np.testing.assert_allclose(first, np.vstack([exact, exact]), atol=1e-2)
    np.testing.assert_allclose(total, np.vstack([exact, exact]), atol=1e-2)
    gf, gt, _ = _grouped_indices(model, a, b, [[0, 1], [2]])
    np.testing.assert_allclose(gf[0], [exact[0] + exact[1], exact[2]], atol=1e-2)
    np.testing.assert_allclose(gt[0], [exact[0] + exact[1], exact[2]], atol=1e-2)


def _linear_coefficients(case: po.Case, profile: str) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """d score_o / d X_i for every option and input (weights fixed), and Var(X_i)."""
    inputs = po.uncertain_inputs(case)
    w = case.weights(profile)
    crit = {c.id: c for c in case.all_criteria}
    risk = {r.id: r for r in case.risks}
    span_rb = crit["risk_burden"].scale.span
    coef = {o: np.zeros(len(inputs)) for o in case.option_ids}
    for k, inp in enumerate(inputs.inputs):
        for o in case.option_ids:
            if inp.kind == "score":
                c = crit[str(inp.criterion)]
                coef[o][k] = w[c.id] * c.sign / c.scale.span if inp.option == o else 0.0
            else:
                r = risk[str(inp.risk)]
                coef[o][k] = -w["risk_burden"] * r.impact * r.exposure[o] / span_rb
    var = np.array([float(i.dist.var()) for i in inputs.inputs])
    return coef, var


def _exact(a: np.ndarray, var: np.ndarray) -> np.ndarray:
    return a * a * var / np.sum(a * a * var)


def test_toy_case_linear_scores_have_exact_indices(toy_case: po.Case) -> None:
    s = sobol(toy_case, "even", n=2**12, seed=5, include_weights=False)
    coef, var = _linear_coefficients(toy_case, "even")
    ids = po.uncertain_inputs(toy_case).ids
    for option in toy_case.option_ids:
        got = s.for_option(option).loc[ids]
        expected = _exact(coef[option], var)
        np.testing.assert_allclose(got["first"], expected, atol=5e-3)
        np.testing.assert_allclose(got["total"], expected, atol=5e-3)
    # the margin is linear too: coefficient differences of the top two options
    a, b = s.top_two
    assert (a, b) == tuple(po.compare(toy_case, "even").ranking[:2])
    expected = _exact(coef[a] - coef[b], var)
    np.testing.assert_allclose(s.margin.loc[ids, "first"], expected, atol=5e-3)
    np.testing.assert_allclose(s.margin.loc[ids, "total"], expected, atol=5e-3)
    assert s.interactions == pytest.approx(0.0, abs=0.01)


def test_weights_grouping_and_inputs_frame(mali: po.Case) -> None:
    s = sobol(mali, "balanced", n=256, seed=2)
    g = sobol(mali, "balanced", n=256, seed=2, group_weights=True)
    n_weights = sum(1 for v in mali.weights("balanced").values() if v > 0)
    n_inputs = len(po.uncertain_inputs(mali))
    assert len(s.margin) == n_inputs + n_weights
    assert len(g.margin) == n_inputs + 1 and "weights" in g.margin.index
    assert g.n_evaluations == (2 + n_inputs + 1) * 256
    assert list(g.inputs["group"]).count("weights") == n_weights
    weights_rows = s.inputs[s.inputs["kind"] == "weight"]
    w = mali.weights("balanced")
    for input_id, row in weights_rows.iterrows():
        crit = str(input_id).split(":", 1)[1]
        assert row["low"] == pytest.approx(w[crit] * 0.75)
        assert row["high"] == pytest.approx(w[crit] * 1.25)
    # same design, so the non-weight rows agree between grouped and ungrouped runs
    shared = [i for i in g.margin.index if i != "weights"]
    np.testing.assert_allclose(s.margin.loc[shared, "total"], g.margin.loc[shared, "total"])
    assert s.margin["total"].is_monotonic_decreasing
    assert 0.0 <= s.share_reversed <= 1.0
    assert set(s.variance.index) == {"margin", *mali.option_ids}


def test_reproducible_with_seed(toy_case: po.Case) -> None:
    a = sobol(toy_case, n=64, seed=9)
    b = sobol(toy_case, n=64, seed=9)
    c = sobol(toy_case, n=64, seed=10)
    np.testing.assert_array_equal(a.margin["total"], b.margin["total"])
    np.testing.assert_array_equal(a.first_order, b.first_order)
    assert not np.array_equal(a.margin["total"], c.margin["total"])
    assert a.seed == 9


def test_bootstrap_intervals(toy_case: po.Case) -> None:
    s = sobol(toy_case, "even", n=256, seed=1, confidence_level=0.9, n_resamples=50)
    m = s.margin
    assert {"first_low", "first_high", "total_low", "total_high"} <= set(m.columns)
    assert (m["total_low"] <= m["total_high"]).all()
    assert (m["total_low"] - 0.05 <= m["total"]).all() and (
        m["total"] <= m["total_high"] + 0.05
    ).all()
    again = sobol(toy_case, "even", n=256, seed=1, confidence_level=0.9, n_resamples=50)
    np.testing.assert_array_equal(m["total_low"], again.margin["total_low"])
    assert "Total low" in s.to_markdown()


def test_batched_in_whole_blocks(toy_case: po.Case, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    original = _Scorer.__call__

    def counting(self: Any, matrices: np.ndarray, weights: np.ndarray) -> Any:
        calls.append(matrices.shape[0])
        return original(self, matrices, weights)

    monkeypatch.setattr(_Scorer, "__call__", counting)
    s = sobol(toy_case, n=128, seed=0)
    assert calls[0] == 1  # the nominal evaluation
    assert calls[1:] == [s.n_evaluations]  # every design point in one call


def test_vikor_margin_is_oriented(mali: po.Case) -> None:
    s = sobol(mali, "balanced", method="vikor", n=64, seed=0, include_weights=False)
    cmp = po.compare(mali, "balanced", "vikor")
    assert s.top_two == (cmp.ranking[0], cmp.ranking[1])
    assert s.method == "vikor"


def test_rendering(toy_case: po.Case) -> None:
    s = sobol(toy_case, n=64, seed=0)
    assert isinstance(s, SobolResult)
    text = s.summary()
    assert "ranks first" in text and "n=64" in text
    assert s.to_markdown(limit=3).count("\n| ") == 3
    assert "<table" in s._repr_html_() and "\\begin{tabular}" in s.to_latex()
    assert s.head(2).equals(s.margin.head(2))
    csv = s.to_csv()
    assert csv is not None and csv.startswith("input,")
    assert "Sobol" in str(s)


def test_bad_arguments(toy_case: po.Case, toy_data: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match=r"n: must be a power of 2"):
        sobol(toy_case, n=100)
    with pytest.raises(ValueError, match=r"n: must be a power of 2"):
        sobol(toy_case, n=1.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"spread: must be in \(0, 1\]"):
        sobol(toy_case, spread=0)
    with pytest.raises(ValueError, match=r"confidence_level: must be in \(0, 1\)"):
        sobol(toy_case, confidence_level=1.0)
    with pytest.raises(ValueError, match=r"n_resamples: need at least 10"):
        sobol(toy_case, confidence_level=0.9, n_resamples=5)
    for a in toy_data["assessments"]:
        a.pop("uncertainty")
    toy_data["risks"][0].pop("likelihood_uncertainty")
    certain = po.Case.model_validate(toy_data)
    with pytest.raises(ValueError, match=r"case: nothing to vary"):
        sobol(certain, include_weights=False)
    s = sobol(certain, n=64, seed=0)  # weights alone still vary
    assert set(s.margin["kind"]) == {"weight"}
    s = sobol(toy_case, n=64, seed=0)
    with pytest.raises(ValueError, match=r"option: unknown option 'run'"):
        s.for_option("run")
