"""Scenario discovery with PRIM: planted rules are found."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

import policyopts as po
from policyopts.waiting._prim import prim


def planted_case(with_scenarios: bool = False) -> po.Case:
    """A beats B exactly when A's c1 score is above 5 (c3 is weightless noise)."""
    unc = {"kind": "uniform", "low": 0.0, "high": 10.0}
    data: dict[str, Any] = {
        "id": "planted",
        "title": "Planted rule",
        "options": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
        "criteria": [
            {"id": "c1", "name": "First", "direction": "benefit"},
            {"id": "c2", "name": "Second", "direction": "benefit"},
            {"id": "c3", "name": "Noise", "direction": "benefit"},
        ],
        "assessments": [
            {"option": "a", "criterion": "c1", "score": 7, "uncertainty": unc, "rationale": "r"},
            {"option": "a", "criterion": "c2", "score": 5, "rationale": "r"},
            {"option": "a", "criterion": "c3", "score": 5, "uncertainty": unc, "rationale": "r"},
            {"option": "b", "criterion": "c1", "score": 5, "rationale": "r"},
            {"option": "b", "criterion": "c2", "score": 5, "rationale": "r"},
            {"option": "b", "criterion": "c3", "score": 5, "uncertainty": unc, "rationale": "r"},
        ],
        "profiles": [{"id": "p", "name": "P", "weights": {"c1": 1, "c2": 1, "c3": 0}}],
    }
    if with_scenarios:
        # A's c1 is 7 under s1 (A leads B by 0.5 x 0.2 = 0.1) and set to 1 under s2
        # (B leads by 0.5 x 0.4 = 0.2)
        data["assessments"][0]["uncertainty"] = None
        data["scenarios"] = [
            {"id": "s1", "name": "One", "probability": 0.6},
            {
                "id": "s2",
                "name": "Two",
                "probability": 0.4,
                "score_changes": [{"option": "a", "criterion": "c1", "set": 1}],
            },
        ]
    return po.Case.model_validate(data)


def test_planted_score_rule() -> None:
    case = planted_case()
    d = po.discover(case, n_samples=4000, seed=3, vary=["scores"])
    assert d.outcome == "A loses first place"
    assert list(d.box.index) == ["score:a:c1"]
    assert d.box.loc["score:a:c1", "high"] == pytest.approx(5.0, abs=0.1)
    assert not np.isfinite(d.box.loc["score:a:c1", "low"])
    assert d.coverage > 0.97
    assert d.density > 0.97
    assert d.base_rate == pytest.approx(0.5, abs=0.03)
    assert "A's first score is ≤ 5" in d.sentence
    assert "coverage" in d.sentence
    assert "Input" in d.to_markdown()
    # the cases are exactly the draws below 5
    np.testing.assert_array_equal(d.cases.to_numpy(), d.samples["score:a:c1"].to_numpy() < 5)


def test_planted_target_rule() -> None:
    case = planted_case()
    d = po.discover(case, n_samples=4000, seed=4, target="b", vary=["scores"])
    assert d.outcome == "B comes first"
    assert list(d.box.index) == ["score:a:c1"]
    assert d.box.loc["score:a:c1", "high"] == pytest.approx(5.0, abs=0.1)


def test_planted_probability_rule() -> None:
    case = planted_case(with_scenarios=True)
    # A's expected lead: 0.1 p - 0.2 (1 - p) = 0.3 p - 0.2 -> A comes first when p > 2/3
    d = po.discover(case, n_samples=4000, seed=5, vary=["probabilities"], concentration=5)
    assert d.outcome == "B loses first place"  # at p = 0.6 < 2/3 B comes first
    assert list(d.box.index) == ["probability:s1"]
    assert d.box.loc["probability:s1", "low"] == pytest.approx(2 / 3, abs=0.01)
    assert not np.isfinite(d.box.loc["probability:s1", "high"])
    assert d.coverage > 0.97 and d.density > 0.97


def test_nothing_to_find() -> None:
    case = planted_case()
    d = po.discover(case, n_samples=200, seed=1, vary=["weights"])  # c1 at its point: A wins
    assert d.box.empty
    assert "never happens" in d.sentence
    assert "(no restriction)" in d.to_text()


def test_reproducible_and_weights(mali: po.Case) -> None:
    one = po.discover(mali, n_samples=600, seed=7, max_inputs=2)
    two = po.discover(mali, n_samples=600, seed=7, max_inputs=2)
    assert one.sentence == two.sentence
    assert len(one.box) <= 2
    assert {"weight:relief", "probability:strangulation"} <= set(one.samples.columns)
    np.testing.assert_allclose(one.samples.filter(like="weight:").sum(axis=1), 1.0, rtol=1e-9)
    assert one.provenance.seed == 7


def test_errors(mali: po.Case) -> None:
    with pytest.raises(ValueError, match="target: unknown option"):
        po.discover(mali, target="invade")
    with pytest.raises(ValueError, match="n_samples"):
        po.discover(mali, n_samples=5)
    with pytest.raises(ValueError, match="vary"):
        po.discover(mali, vary=["moods"])
    with pytest.raises(ValueError, match="concentration"):
        po.discover(mali, concentration=0)
    with pytest.raises(TypeError, match="case"):
        po.discover("mali")  # type: ignore[arg-type]


def test_prim_array_level() -> None:
    rng = np.random.default_rng(0)
    x = rng.random((4000, 12))
    y = (x[:, 3] > 0.7) & (x[:, 5] < 0.5)
    box = prim(x, y)
    assert sorted(box.restricted.tolist()) == [3, 5]
    assert box.low[3] == pytest.approx(0.7, abs=0.02)
    assert box.high[5] == pytest.approx(0.5, abs=0.02)
    assert box.coverage > 0.95 and box.density > 0.95
    assert box.trajectory.shape[1] == 4
    with pytest.raises(ValueError, match="alpha"):
        prim(x, y, alpha=0.7)
    with pytest.raises(ValueError, match="min_mass"):
        prim(x, y, min_mass=0)
    with pytest.raises(ValueError, match="threshold"):
        prim(x, y, threshold=2)
    with pytest.raises(ValueError, match="shapes"):
        prim(x, y[:10])
