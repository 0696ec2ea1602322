"""The method registry: one MethodSpec per method, and the facts it states hold."""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np
import pytest

import policyopts as po
from policyopts import methods
from policyopts.methods import REGISTRY, MethodSpec

NAMES = list(REGISTRY)
ADDITIVE = [n for n, s in REGISTRY.items() if s.additive]


def _problem(seed: int, m: int = 5, n: int = 4) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return (
        rng.uniform(0.5, 10.0, size=(m, n)),
        rng.dirichlet(np.ones(n)),
        np.array([1.0, -1.0] * (n // 2)),
    )


def test_registry_is_the_source_of_the_public_names() -> None:
    assert methods.available() == tuple(NAMES)
    assert dict(methods.METHODS) == {n: s.function for n, s in REGISTRY.items()}
    for name, spec in REGISTRY.items():
        assert spec.name == name and spec.function.__name__ == name
        assert spec.function is getattr(methods, name)
        assert methods.spec(name) is spec and methods.get_method(name) is spec.function
        assert spec.abbreviation in spec.label and spec.reference and spec.principle


def test_result_direction_and_normalization_follow_the_spec() -> None:
    matrix, w, t = _problem(0)
    for name, spec in REGISTRY.items():
        r = spec.function(matrix, w, t)
        assert r.method == name
        assert r.higher_is_better is spec.higher_is_better
        assert r.normalization == spec.default_normalization


def test_spec_lookup_lists_the_valid_names() -> None:
    with pytest.raises(ValueError, match=r"^method: 'electre' is not one of 'wsm', .*'spotis'$"):
        methods.spec("electre")


def test_spec_checks_its_own_consistency() -> None:
    wsm = REGISTRY["wsm"]
    with pytest.raises(ValueError, match="additive method needs terms"):
        dataclasses.replace(wsm, terms=None)
    with pytest.raises(ValueError, match="default_normalization must be allowed"):
        dataclasses.replace(wsm, default_normalization="l2")
    with pytest.raises(ValueError, match="case_scale needs"):
        dataclasses.replace(REGISTRY["topsis"], case_scale=True)
    with pytest.raises(dataclasses.FrozenInstanceError):
        wsm.name = "x"  # type: ignore[misc]


@pytest.mark.parametrize("name", NAMES)
def test_linear_in_weights_is_true_exactly_where_stated(name: str) -> None:
    matrix, w0, t = _problem(1)
    w1 = np.random.default_rng(2).dirichlet(np.ones(4))
    f = REGISTRY[name].function
    s0, s1 = f(matrix, w0, t).scores, f(matrix, w1, t).scores
    mid = f(matrix, 0.3 * w0 + 0.7 * w1, t).scores
    gap = float(np.abs(mid - (0.3 * s0 + 0.7 * s1)).max())
    if REGISTRY[name].linear_in_weights:
        assert gap < 1e-12
    else:
        assert gap > 1e-6


@pytest.mark.parametrize("name", ADDITIVE)
def test_additive_terms_sum_to_the_scores(name: str) -> None:
    matrix, w, t = _problem(3)
    spec = REGISTRY[name]
    norms = spec.case_normalizations[1:] if spec.case_scale else [spec.case_default_normalization]
    for norm in norms:
        call = methods.bind(name, norm)
        terms = call.terms(matrix, t)
        assert terms.shape == matrix.shape
        np.testing.assert_allclose((terms * w).sum(axis=-1), call(matrix, w, t).scores, atol=1e-14)


def test_non_additive_methods_have_no_terms() -> None:
    with pytest.raises(ValueError, match="topsis is not additive"):
        methods.bind("topsis").terms(np.ones((2, 2)), np.ones(2))


@pytest.mark.parametrize("name", ADDITIVE)
def test_compare_contributions_for_additive_methods(mali: po.Case, name: str) -> None:
    cmp = po.compare(mali, "balanced", name)
    assert cmp.contributions is not None
    np.testing.assert_allclose(cmp.contributions.sum(axis=1), cmp.scores, atol=1e-12)


def test_compare_has_no_contributions_for_other_methods(mali: po.Case) -> None:
    assert all(
        po.compare(mali, "balanced", n).contributions is None
        for n, s in REGISTRY.items()
        if not s.additive
    )


# ---------------------------------------------------------------------- applicable


def test_applicable_returns_none_when_a_method_can_run() -> None:
    matrix, _, t = _problem(4)
    assert all(methods.applicable(n, matrix, t) is None for n in NAMES)


def test_applicable_names_the_entry_even_in_a_stack() -> None:
    stack = np.ones((3, 2, 2))
    stack[2, 1, 0] = -0.5
    assert methods.applicable("wpm", stack, [1, 1]) == (
        "WPM needs strictly positive scores (ratio scale); entry [2, 1, 0] is -0.5"
    )
    assert methods.applicable("topsis", stack, [1, 1], normalization="max") == (
        "normalization 'max' needs non-negative scores; entry [2, 1, 0] is -0.5"
    )
    assert methods.applicable("topsis", stack, [1, 1]) is None
    with pytest.raises(ValueError, match=r"^normalization: 'l2' is not one of"):
        methods.applicable("topsis", stack, [1, 1], normalization="l2")


@pytest.mark.parametrize("name", NAMES)
def test_wrappers_refuse_exactly_what_applicable_reports(name: str) -> None:
    matrix = np.array([[1.0, 2.0], [0.0, 0.0], [3.0, 1.0]])
    reason = methods.applicable(name, matrix, [1, -1])
    spec = REGISTRY[name]
    expect = spec.requires_positive or spec.positive_costs
    assert (reason is not None) == expect
    if reason is None:
        assert np.isfinite(spec.function(matrix, [1, 1], [1, -1]).scores).all()
    else:
        with pytest.raises(ValueError) as err:
            spec.function(matrix, [1, 1], [1, -1])
        assert str(err.value) == f"matrix: {reason}"


# ---------------------------------------------------------------------- bind


def test_bind_resolves_case_level_defaults() -> None:
    assert methods.bind("wsm").normalization == methods.SCALE_NORMALIZATION
    assert methods.bind("wsm").on_scale
    assert methods.bind("wsm", "minmax").kwargs == {"normalization": "minmax"}
    assert methods.bind("wsm").kwargs == {"normalization": None}
    assert methods.bind("topsis").normalization == "vector"
    assert methods.bind("vikor", options={"v": 0.2}).kwargs == {"v": 0.2}
    assert methods.bind("vikor").normalization is None


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("topsis", "scale"), r"^normalization: 'scale' is not one of 'vector', 'minmax'"),
        (("vikor", "minmax"), r"^normalization: 'minmax' is not one of none \(it has its own\)"),
        (("wsm", None, {"v": 1}), r"^options: wsm takes no method options, got \['v'\]"),
        (("vikor", None, {"w": 1}), r"^options: vikor takes options \['v'\], got unknown \['w'\]"),
        (("nope",), r"^method: 'nope' is not one of"),
        (("wsm", "scale", None, False), r"^normalization: 'scale' needs declared scales"),
    ],
)
def test_bind_rejects(args: tuple[Any, ...], words: str) -> None:
    with pytest.raises(ValueError, match=words):
        methods.bind(*args[:3], scales=args[3] if len(args) > 3 else True)


def test_scale_call_aggregates_values_as_they_are() -> None:
    values = np.array([[0.2, 0.9], [0.8, 0.1]])
    r = methods.bind("wsm")(values, [0.25, 0.75], [1, -1])  # types ignored on the value scales
    np.testing.assert_allclose(r.scores, values @ [0.25, 0.75])
    assert r.normalization == "scale"
    assert methods.bind("wsm").reason(-values, [1, 1]) is None


def test_spec_is_a_frozen_dataclass() -> None:
    assert dataclasses.is_dataclass(MethodSpec)
    assert REGISTRY["spotis"].options == {"bounds": None}
