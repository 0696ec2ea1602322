"""Weight stability intervals: brute force for every method, hand derivations, case level."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest

import policyopts as po
from policyopts import methods
from policyopts.sensitivity.oneway import LINEAR_METHODS, one_way_all, prepare, weight_path
from policyopts.sensitivity.stability import (
    StabilityTable,
    _numeric_intervals,
    stability_table,
    weight_stability,
)

ALL_METHODS = methods.available()
FINE = 4001  # brute-force grid: spacing 2.5e-4

# Triantaphyllou (2000), ch. 2 WSM example as reproduced in the Wikipedia article "Weighted
# sum model" (scores 21.50, 22.00, 22.00); see tests/test_methods.py.
TRIANTAPHYLLOU = np.array([[25.0, 20, 15, 30], [10, 30, 20, 30], [30, 10, 30, 10]])
TRIANTAPHYLLOU_W = np.array([0.20, 0.15, 0.40, 0.25])

# Tzeng & Huang (2011) TOPSIS example data (see tests/test_methods.py): 4 alternatives,
# 3 benefit criteria, weights 0.3, 0.4, 0.3; A3 ranks first.
TZENG_HUANG = np.array([[5.0, 8, 4], [7, 6, 8], [8, 8, 6], [7, 4, 6]])


def _brute_force(
    matrix: np.ndarray, weights: np.ndarray, types: np.ndarray, method: str, top: int, j: int
) -> tuple[float, float, int | None, int | None]:
    """Interval on a fine grid: the run of points around the current weight where ``top``
    keeps rank 1, and who is first just outside it."""
    w = weights / weights.sum()
    t = np.unique(np.concatenate([np.linspace(0, 1, FINE), [w[j]]]))
    r = methods.evaluate(method, matrix, weight_path(w, j, t), types)
    ok = r.ranks[:, top] == 1
    ci = int(np.searchsorted(t, w[j]))
    ok[ci] = True
    a = ci
    while a > 0 and ok[a - 1]:
        a -= 1
    b = ci
    while b < len(t) - 1 and ok[b + 1]:
        b += 1
    below = None if a == 0 else int(np.argmin(r.ranks[a - 1]))
    above = None if b == len(t) - 1 else int(np.argmin(r.ranks[b + 1]))
    return float(t[a]), float(t[b]), below, above


def _random_problem(seed: int, m: int, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return (
        rng.uniform(1.0, 10.0, size=(m, n)),
        rng.dirichlet(np.ones(n)),
        np.where(rng.random(n) < 0.5, -1.0, 1.0),
    )


@pytest.mark.parametrize("method", ALL_METHODS)
@pytest.mark.parametrize("seed", range(5))
def test_intervals_agree_with_brute_force(method: str, seed: int) -> None:
    """Endpoints agree with a 4001-point grid within its resolution; challengers too."""
    matrix, weights, types = _random_problem(seed, m=5, n=4)
    ws = weight_stability(matrix, weights, types, method=method)
    top = ws.attrs["top"]
    assert ws.attrs["exact"] == po.methods.spec(method).linear_in_weights
    step = 1.0 / (FINE - 1)
    for j in range(matrix.shape[1]):
        lo, hi, below, above = _brute_force(matrix, weights, types, method, top, j)
        row = ws.loc[j]
        assert lo - step - 1e-12 <= row["low"] <= lo + 1e-12, (j, row["low"], lo)
        assert hi - 1e-12 <= row["high"] <= hi + step + 1e-12, (j, row["high"], hi)
        if row["low"] > step:  # room for a point beyond the end on the fine grid
            assert row["challenger_low"] == below
        if row["high"] < 1 - step:
            assert row["challenger_high"] == above
        assert (row["challenger_low"] is None) == (row["low"] == 0.0)
        assert (row["challenger_high"] is None) == (row["high"] == 1.0)


@pytest.mark.parametrize("method", sorted(LINEAR_METHODS))
def test_numeric_path_matches_closed_form(method: str) -> None:
    """The grid-and-Brent machinery of the non-linear methods reproduces the exact
    intervals of the linear ones to Brent's tolerance."""
    for seed in range(4):
        matrix, weights, types = _random_problem(100 + seed, m=5, n=4)
        ws = weight_stability(matrix, weights, types, method=method)
        prob = prepare(matrix, weights, types, method, {}, what="test")
        iv = _numeric_intervals(prob, ws.attrs["top"], 201)
        np.testing.assert_allclose(iv.low, ws["low"], atol=1e-10)
        np.testing.assert_allclose(iv.high, ws["high"], atol=1e-10)
        assert iv.challenger_low == list(ws["challenger_low"])
        assert iv.challenger_high == list(ws["challenger_high"])


def test_triantaphyllou_hand_derivation() -> None:
    """Published data of Triantaphyllou (2000): A2 (index 1) is first, tied with A3.
    Along criterion k's path (Triantaphyllou & Sánchez 1997: raise w_k by delta, rescale)
    A2 loses first place to A_i when delta passes (P_i - P_2)/(a_2k - a_ik); the interval
    is bounded by the nearest such point on each side, t = (w_k + delta)/(1 + delta)."""
    a, w = TRIANTAPHYLLOU, TRIANTAPHYLLOU_W
    p = a @ w
    ws = weight_stability(a, w, [1, 1, 1, 1], normalization=None)
    assert ws.attrs["top"] == 1
    for k in range(4):
        lo, hi, ch_lo, ch_hi = 0.0, 1.0, None, None
        for i in (0, 2):
            if a[1, k] == a[i, k]:
                continue
            delta = (p[i] - p[1]) / (a[1, k] - a[i, k])
            t = (w[k] + delta) / (1 + delta) if delta > -w[k] else 0.0
            # A_i is ahead of A2 on the side where its value on criterion k is larger
            if a[i, k] > a[1, k] and t < hi:
                hi, ch_hi = t, i
            if a[i, k] < a[1, k] and t > lo:
                lo, ch_lo = t, i
        row = ws.loc[k]
        assert row["low"] == pytest.approx(lo, abs=1e-12)
        assert row["high"] == pytest.approx(hi, abs=1e-12)
        assert (row["challenger_low"], row["challenger_high"]) == (ch_lo, ch_hi)
    # A3 ties with A2 now, so on every criterion where they differ A2 can only move one way.
    assert ((ws["low"] == ws["current"]) | (ws["high"] == ws["current"])).all()


def test_hand_example_three_alternatives() -> None:
    ws = weight_stability(
        [[1.0, 0.0], [0.0, 1.0], [0.6, 0.6]], [0.5, 0.5], [1, 1], normalization=None
    )
    np.testing.assert_allclose(ws["low"], [0.4, 0.4], atol=1e-15)
    np.testing.assert_allclose(ws["high"], [0.6, 0.6], atol=1e-15)
    np.testing.assert_allclose(ws["width"], [0.2, 0.2], atol=1e-15)
    assert list(ws["challenger_low"]) == [1, 0] and list(ws["challenger_high"]) == [0, 1]
    assert list(ws.columns) == [
        "current",
        "low",
        "high",
        "width",
        "challenger_low",
        "challenger_high",
    ]
    assert ws.index.name == "criterion" and list(ws.index) == [0, 1]


@pytest.mark.parametrize("method", ["topsis", "vikor", "wpm"])
def test_tzeng_huang_data_against_brute_force(method: str) -> None:
    ws = weight_stability(TZENG_HUANG, [0.3, 0.4, 0.3], [1, 1, 1], method=method)
    for j in range(3):
        lo, hi, _, _ = _brute_force(
            TZENG_HUANG, np.array([0.3, 0.4, 0.3]), np.ones(3), method, ws.attrs["top"], j
        )
        low, high = float(ws["low"].to_numpy()[j]), float(ws["high"].to_numpy()[j])
        assert lo - 2.5e-4 - 1e-12 <= low <= lo + 1e-12
        assert hi - 1e-12 <= high <= hi + 2.5e-4 + 1e-12


def test_always_stable_criterion() -> None:
    # Alternative 0 is best on every criterion: nothing can dethrone it.
    ws = weight_stability(
        [[9.0, 9.0, 9.0], [1.0, 5.0, 2.0], [3.0, 1.0, 4.0]], [0.2, 0.3, 0.5], [1, 1, 1]
    )
    assert (ws["low"] == 0.0).all() and (ws["high"] == 1.0).all()
    assert ws["challenger_low"].isna().all() and ws["challenger_high"].isna().all()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"method": "nope"}, "method: 'nope' is not one of"),
        ({"grid": 1}, "grid: expected an int >= 2"),
        ({"grid": 2.5}, "grid: expected an int >= 2"),
        ({"weights": [[0.5, 0.5]]}, "weights: weight stability takes one weight vector"),
        ({"types": [1, 0]}, r"types: entries must be \+1 or -1"),
        ({"v": 2.0, "method": "vikor"}, r"v: must be in \[0, 1\]"),
    ],
)
def test_validation(kwargs: dict[str, Any], message: str) -> None:
    args: dict[str, Any] = {
        "matrix": [[1.0, 2.0], [2.0, 1.0]],
        "weights": [0.5, 0.5],
        "types": [1, 1],
    }
    args.update(kwargs)
    with pytest.raises(ValueError, match=message):
        weight_stability(**args)


# ------------------------------------------------------------------------ case level


@pytest.mark.parametrize("method", ALL_METHODS)
def test_case_table(mali: po.Case, method: str) -> None:
    st = stability_table(mali, "balanced", method=method)
    assert isinstance(st, StabilityTable)
    cmp = po.compare(mali, "balanced", method)
    assert st.top == cmp.top
    t = st.table
    assert list(t.index) == mali.criterion_ids and t.index.name == "criterion"
    assert list(t.columns) == [
        "name",
        "current",
        "low",
        "high",
        "width",
        "challenger_low",
        "challenger_high",
    ]
    np.testing.assert_array_equal(t["current"].to_numpy(), cmp.weights.to_numpy())
    assert ((t["low"] <= t["current"]) & (t["current"] <= t["high"])).all()
    challengers = set(t["challenger_low"].dropna()) | set(t["challenger_high"].dropna())
    assert challengers <= set(mali.option_ids) - {st.top}


def test_case_agrees_with_one_way(mali: po.Case) -> None:
    for profile in ("balanced", "ct_first", "humanitarian_first"):
        st = stability_table(mali, profile)
        ow = one_way_all(mali, profile)
        np.testing.assert_allclose(st.table["low"], ow.table["top_low"], atol=1e-12)
        np.testing.assert_allclose(st.table["high"], ow.table["top_high"], atol=1e-12)


def test_case_top_stays_first_inside_and_loses_outside(mali: po.Case) -> None:
    st = stability_table(mali, "balanced")
    w = st.table["current"]
    for cid, row in st.table.iterrows():
        for t, first in ((row["low"] + 1e-6, True), (row["high"] - 1e-6, True)):
            cmp = po.compare(mali, weights=_weights_at(w, str(cid), t))
            assert (cmp.top == st.top) is first
        if row["challenger_high"] is not None:
            cmp = po.compare(mali, weights=_weights_at(w, str(cid), row["high"] + 1e-6))
            assert cmp.top == row["challenger_high"]
        if row["challenger_low"] is not None:
            cmp = po.compare(mali, weights=_weights_at(w, str(cid), row["low"] - 1e-6))
            assert cmp.top == row["challenger_low"]


def _weights_at(current: pd.Series, cid: str, t: float) -> dict[str, float]:
    j = list(current.index).index(cid)
    path = weight_path(current.to_numpy(), j, [t])[0]
    return dict(zip(current.index, path.tolist(), strict=True))


def test_case_summary_and_rendering(mali: po.Case) -> None:
    st = stability_table(mali, "balanced")
    lines = st.summary().splitlines()
    assert lines[0].startswith("Scale up humanitarian aid ranks first (method wsm")
    assert len(lines) == 1 + len(mali.criterion_ids)
    sentences = st.sentences()
    assert all(s.startswith("Scale up humanitarian aid stays first") for s in sentences)
    # the brief's form: "... unless X's weight rises above H (now C), when Y takes over"
    fiscal = next(s for s in sentences if "fiscal cost" in s)
    row = st.table.loc["fiscal_cost"]
    assert f"rises above {row['high']:.2f} (now {row['current']:.2f})" in fiscal
    assert "Quietly encourage negotiation and de-escalation takes over" in fiscal
    short = st.sentences(short=True)
    assert short[0].startswith("Aid stays first")
    md = st.to_markdown()
    assert md.splitlines()[0] == (
        "| Criterion | Weight | Low | High | Taken over below by | Taken over above by |"
    )
    assert "<table" in st.to_html() and st._repr_html_() == st.to_html()
    assert r"\caption{" in st.to_latex()
    assert "Weight interval of each criterion" in str(st)
    assert st.to_csv() is not None


def test_case_toy_and_scenarios(toy_case: po.Case) -> None:
    for scenario in (None, "calm", "storm"):
        st = stability_table(toy_case, "thrifty", scenario=scenario)
        assert st.top == po.compare(toy_case, "thrifty", scenario=scenario).top
    with pytest.raises(ValueError, match="wsm takes no method options"):
        stability_table(toy_case, preference="usual")
    pr = stability_table(toy_case, method="promethee_ii", preference="vshape", p=5.0)
    assert pr.method == "promethee_ii" and pr.exact
