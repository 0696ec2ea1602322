"""The estimative scale of the brief (ICD 203, ODNI 2015, p. 3): phrases at the boundaries."""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policyopts.report import ESTIMATIVE_SCALE, estimative
from policyopts.report._estimative import percent

PHRASES = [phrase for phrase, _, _ in ESTIMATIVE_SCALE]


@pytest.mark.parametrize(
    ("p", "phrase"),
    [
        (0.0, "almost no chance"),
        (0.01, "almost no chance"),
        (0.049, "almost no chance"),
        (0.05, "very unlikely"),  # a boundary takes the band nearer even odds
        (0.15, "very unlikely"),
        (0.199, "very unlikely"),
        (0.20, "unlikely"),
        (0.35, "unlikely"),
        (0.449, "unlikely"),
        (0.45, "roughly even chance"),
        (0.50, "roughly even chance"),
        (0.55, "roughly even chance"),
        (0.551, "likely"),
        (0.61, "likely"),
        (0.80, "likely"),
        (0.801, "very likely"),
        (0.95, "very likely"),
        (0.951, "almost certain"),
        (0.99, "almost certain"),
        (1.0, "almost certain"),
    ],
)
def test_boundaries(p: float, phrase: str) -> None:
    assert estimative(p) == phrase


def test_scale_is_the_icd_203_scale() -> None:
    assert PHRASES == [
        "almost no chance",
        "very unlikely",
        "unlikely",
        "roughly even chance",
        "likely",
        "very likely",
        "almost certain",
    ]
    bounds = [(lo, hi) for _, lo, hi in ESTIMATIVE_SCALE]
    assert bounds[0] == (0.01, 0.05) and bounds[-1] == (0.95, 0.99)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(bounds))


@given(st.floats(0.0, 1.0))
def test_symmetric_and_monotone(p: float) -> None:
    """p and 1 - p get mirrored phrases; a larger probability never gets a weaker phrase."""
    mirrored = PHRASES[len(PHRASES) - 1 - PHRASES.index(estimative(p))]
    q = 1.0 - p
    edges = {x for _, lo, hi in ESTIMATIVE_SCALE for x in (lo, hi)}
    if not any(math.isclose(q, e, abs_tol=1e-9) for e in edges):  # rounding at an edge
        assert estimative(q) == mirrored
    assert PHRASES.index(estimative(min(1.0, p + 0.1))) >= PHRASES.index(estimative(p))


@pytest.mark.parametrize("bad", [-0.01, 1.01, float("nan"), float("inf")])
def test_rejects_non_probabilities(bad: float) -> None:
    with pytest.raises(ValueError, match="probability"):
        estimative(bad)


def test_percent_keeps_small_shares_honest() -> None:
    shown = [percent(x) for x in (0.0, 0.004, 0.61, 0.996, 1.0)]
    assert shown == ["0%", "<1%", "61%", ">99%", "100%"]
