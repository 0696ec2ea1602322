"""Group elicitation: reading participants, aggregation, disagreement, group rankings."""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from scipy.stats import spearmanr

import policyopts as po
from policyopts import group as G
from policyopts.group import (
    GroupRanking,
    Participants,
    aggregate,
    concordance,
    cosine_disagreement,
    disagreement,
    group_rankings,
    kendall_w,
    read_participants,
)

DATA = Path(__file__).parent / "data"
SWING_CSV = DATA / "participants_swing.csv"
AHP_YAML = DATA / "participants_ahp.yaml"
TOY = ["gain", "cost", "risk_burden"]


def _frame(rows: dict[str, list[float]], criteria: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame.from_dict(rows, orient="index", columns=criteria)
    frame.index.name = "participant"
    return frame


def _consistent(w: Sequence[float]) -> list[list[float]]:
    v = np.asarray(w, dtype=float)
    return [[float(x) for x in row] for row in v[:, None] / v[None, :]]


def _weights_of(p: Participants, pid: str) -> dict[str, float]:
    row = p.weights.loc[pid].to_numpy(dtype=np.float64)
    return {c: float(v) for c, v in zip(p.criteria, row, strict=True)}


def _as_dict(s: pd.Series) -> dict[str, float]:
    return {str(c): float(v) for c, v in s.items()}


def _ahp_participants(mats: dict[str, Any], criteria: list[str]) -> Participants:
    return read_participants({p: {"criteria": criteria, "matrix": m} for p, m in mats.items()})


# =====================================================================================
# Reading: good input
# =====================================================================================


def test_read_swing_csv_against_case(mali: po.Case) -> None:
    p = read_participants(SWING_CSV, criteria=mali)
    assert p.criteria == mali.criterion_ids
    assert p.ids == ["sahel_desk", "ct_planner", "aid_liaison", "budget_staff", "coastal_envoy"]
    assert p.kind == "mixed"
    assert p.kinds.to_dict()["coastal_envoy"] == "weights"
    assert p.kinds.to_dict()["ct_planner"] == "swing"
    np.testing.assert_allclose(p.weights.sum(axis=1), 1.0)
    # weights = points / sum(points), row by row (von Winterfeldt & Edwards 1986)
    raw = p.raw.to_numpy()
    np.testing.assert_allclose(p.weights.to_numpy(), raw / raw.sum(axis=1, keepdims=True))
    assert p.raw.loc["budget_staff", "fiscal_cost"] == 100
    assert p.source == str(SWING_CSV)
    assert p.consistency_ratio.empty and p.inconsistent == []


def test_columns_follow_the_given_criteria_order(tmp_path: Path) -> None:
    f = tmp_path / "p.csv"
    f.write_text("participant,cost,gain,risk_burden\nana,50,100,50\n")
    p = read_participants(f, criteria=TOY)
    assert p.criteria == TOY
    assert list(_weights_of(p, "ana").values()) == [0.5, 0.25, 0.25]
    assert p.kind == "weights"


def test_default_kind_swing_and_method_column_default(tmp_path: Path) -> None:
    f = tmp_path / "p.csv"
    f.write_text("participant,method,x,y\nana,,100,50\nbo,Weights,1,1\n")
    p = read_participants(f, default_kind="swing")
    assert p.kinds.tolist() == ["swing", "weights"]


def test_read_frame_with_index_and_numbers() -> None:
    frame = _frame({"ana": [3, 1], "bo": [1, 1]}, ["x", "y"])
    p = read_participants(frame)
    assert p.ids == ["ana", "bo"] and p.source is None
    assert list(_weights_of(p, "ana").values()) == [0.75, 0.25]


def test_read_ahp_yaml_all_forms() -> None:
    p = read_participants(AHP_YAML, criteria=TOY)
    assert p.kind == "ahp" and p.criteria == TOY
    assert p.ids == ["ana", "bo", "chen", "dee"]
    # ana: consistent 4 : 2 : 1 matrix -> weights 4/7, 2/7, 1/7 and CR 0
    np.testing.assert_allclose(p.weights.loc["ana"], [4 / 7, 2 / 7, 1 / 7], atol=1e-12)
    assert p.consistency_ratio["ana"] == pytest.approx(0.0, abs=1e-12)
    # bo listed the criteria as [cost, gain, risk_burden]: reordered to TOY
    assert p.pairwise["bo"].loc["cost", "gain"] == 3
    assert p.pairwise["bo"].loc["gain", "cost"] == pytest.approx(0.33)
    # chen (judgement list) is the same as the matrix it describes
    chen = po.weights.ahp(np.array([[1, 1 / 2, 1 / 3], [2, 1, 1 / 2], [3, 2, 1]]))
    np.testing.assert_allclose(p.weights.loc["chen"], chen.weights, atol=1e-12)
    assert p.consistency_ratio["chen"] == pytest.approx(chen.consistency_ratio)
    # raw holds the upper-triangle judgements in TOY order
    assert len(p.raw) == 4 * 3
    row = p.raw[(p.raw.participant == "chen") & (p.raw.a == "gain") & (p.raw.b == "risk_burden")]
    assert row["value"].item() == pytest.approx(1 / 3)


def test_ahp_inconsistent_participant_is_flagged() -> None:
    bad = [[1, 9, 1 / 9], [1 / 9, 1, 9], [9, 1 / 9, 1]]  # a cycle: x > y > z > x
    p = _ahp_participants({"ok": _consistent([3, 2, 1]), "cyc": bad}, ["x", "y", "z"])
    assert p.inconsistent == ["cyc"]
    assert p.consistency_ratio["cyc"] > po.weights.CR_THRESHOLD


def test_participants_rendering() -> None:
    p = read_participants(AHP_YAML)
    text = str(p)
    assert "chen" in text and "CR" in text
    assert p.to_markdown().startswith("| participant | kind |")
    assert "<table" in p._repr_html_()
    assert len(p) == 4


# =====================================================================================
# Reading: every bad input is a CaseError naming file, participant, column and value
# =====================================================================================


def _case_error(tmp_path: Path, name: str, text: str | bytes, **kw: Any) -> po.CaseError:
    f = tmp_path / name
    if isinstance(text, bytes):
        f.write_bytes(text)
    else:
        f.write_text(text)
    with pytest.raises(po.CaseError) as info:
        read_participants(f, **kw)
    assert name in str(info.value)
    return info.value


def test_error_file_not_found(tmp_path: Path) -> None:
    with pytest.raises(po.CaseError, match=r"missing\.csv: file not found"):
        read_participants(tmp_path / "missing.csv")


def test_error_unsupported_file_type(tmp_path: Path) -> None:
    err = _case_error(tmp_path, "p.txt", "participant,x\na,1\n")
    assert "unsupported file type '.txt'" in str(err)


def test_error_empty_file(tmp_path: Path) -> None:
    assert "the file is empty" in str(_case_error(tmp_path, "p.csv", "\n  \n"))


def test_error_not_utf8(tmp_path: Path) -> None:
    assert "not UTF-8" in str(_case_error(tmp_path, "p.csv", b"participant,x\n\xff,1\n"))


def test_error_first_column_not_participant(tmp_path: Path) -> None:
    err = _case_error(tmp_path, "p.csv", "name,x\na,1\n")
    assert "first column must be 'participant'" in str(err) and "'name'" in str(err)


def test_error_header_only(tmp_path: Path) -> None:
    assert "no participants" in str(_case_error(tmp_path, "p.csv", "participant,x\n"))


def test_error_duplicate_column(tmp_path: Path) -> None:
    err = _case_error(tmp_path, "p.csv", "participant,x,x\na,1,2\n")
    assert "duplicate column" in str(err) and "'x'" in str(err)


def test_error_missing_criterion_column(tmp_path: Path, toy_case: po.Case) -> None:
    err = _case_error(tmp_path, "p.csv", "participant,gain,cost\na,1,2\n", criteria=toy_case)
    assert "missing criterion column 'risk_burden'" in str(err)
    assert err.value == "risk_burden"


def test_error_unknown_criterion(tmp_path: Path, toy_case: po.Case) -> None:
    text = "participant,gain,cost,risk_burden,speed\na,1,2,3,4\n"
    err = _case_error(tmp_path, "p.csv", text, criteria=toy_case)
    assert "unknown criterion 'speed'" in str(err) and "known: gain, cost, risk_burden" in str(err)


def test_error_negative_value(tmp_path: Path) -> None:
    err = _case_error(tmp_path, "p.csv", "participant,x,y\nana,1,2\nbo,3,-5\n")
    assert str(err) == f"{tmp_path / 'p.csv'}:3: participant 'bo', column 'y': " + (
        "must be non-negative (got '-5')"
    )


def test_error_non_numeric_value(tmp_path: Path) -> None:
    err = _case_error(tmp_path, "p.csv", "participant,x,y\nana,1,lots\n")
    assert ":2: participant 'ana', column 'y': not a number (got 'lots')" in str(err)


def test_error_missing_value(tmp_path: Path) -> None:
    err = _case_error(tmp_path, "p.csv", "participant,x,y\nana,1,\n")
    assert "participant 'ana', column 'y': missing value" in str(err)


def test_error_non_finite_value(tmp_path: Path) -> None:
    err = _case_error(tmp_path, "p.csv", "participant,x,y\nana,inf,1\n")
    assert "column 'x': must be a finite number (got 'inf')" in str(err)


def test_error_all_zero_row(tmp_path: Path) -> None:
    err = _case_error(tmp_path, "p.csv", "participant,x,y\nana,1,1\nbo,0,0\n")
    assert ":3: participant 'bo': all weights are zero" in str(err)


def test_error_duplicate_participant(tmp_path: Path) -> None:
    err = _case_error(tmp_path, "p.csv", "participant,x\nana,1\nbo,2\nana,3\n")
    assert ":4: participant 'ana'" in str(err) and "duplicate participant (first at line 2)" in str(
        err
    )


def test_error_empty_participant(tmp_path: Path) -> None:
    err = _case_error(tmp_path, "p.csv", "participant,x\n,1\n")
    assert ":2: column 'participant': empty participant id" in str(err)


def test_error_unknown_method(tmp_path: Path) -> None:
    err = _case_error(tmp_path, "p.csv", "participant,method,x\nana,vote,1\n")
    assert "participant 'ana', column 'method': unknown method 'vote'" in str(err)


def test_error_swing_points_above_100(tmp_path: Path) -> None:
    err = _case_error(tmp_path, "p.csv", "participant,method,x,y\nana,swing,100,150\n")
    assert "column 'y': swing points run from 0 to 100 (got '150')" in str(err)


def test_error_wrong_number_of_fields(tmp_path: Path) -> None:
    err = _case_error(tmp_path, "p.csv", "participant,x,y\nana,1\n")
    assert ":2: participant 'ana': expected 3 fields like the header, got 2" in str(err)


def test_error_frame_without_participants() -> None:
    with pytest.raises(po.CaseError, match="<DataFrame>: columns: no 'participant' column"):
        read_participants(pd.DataFrame({"x": [1.0], "y": [2.0]}))


def test_error_frame_bad_cell_names_row() -> None:
    frame = pd.DataFrame({"participant": ["ana", "bo"], "x": [1.0, -2.0]})
    with pytest.raises(po.CaseError, match=r"row 1, participant 'bo', column 'x': must be non"):
        read_participants(frame)


def test_error_yaml_syntax(tmp_path: Path) -> None:
    err = _case_error(tmp_path, "p.yaml", "ana: [1, 2\n")
    assert "invalid YAML" in str(err)


def test_error_yaml_duplicate_participant(tmp_path: Path) -> None:
    text = "ana:\n  - {a: x, b: y, value: 2}\nana:\n  - {a: x, b: y, value: 3}\n"
    err = _case_error(tmp_path, "p.yaml", text)
    assert "p.yaml:3:" in str(err) and "duplicate participant or key 'ana'" in str(err)


def test_error_yaml_top_level_not_mapping(tmp_path: Path) -> None:
    err = _case_error(tmp_path, "p.yaml", "- ana\n- bo\n")
    assert "top level must be a mapping" in str(err)


def test_error_non_reciprocal_matrix(tmp_path: Path) -> None:
    text = (
        "ana:\n  criteria: [x, y, z]\n  matrix:\n"
        "    - [1, 3, 5]\n    - [3, 1, 2]\n    - [1/5, 1/2, 1]\n"
    )
    err = _case_error(tmp_path, "p.yaml", text)
    assert "p.yaml:5: participant 'ana': matrix[1][0]: not reciprocal" in str(err)
    assert "expected 1/3 = 0.3333" in str(err)


def test_error_diagonal_not_one(tmp_path: Path) -> None:
    text = "ana:\n  criteria: [x, y]\n  matrix: [[2, 3], [1/3, 1]]\n"
    err = _case_error(tmp_path, "p.yaml", text)
    assert "matrix[0][0]: the diagonal must be 1 (got 2)" in str(err)


def test_error_non_positive_judgement(tmp_path: Path) -> None:
    text = "ana:\n  - {a: x, b: y, value: 0}\n"
    err = _case_error(tmp_path, "p.yaml", text)
    assert "participant 'ana': [0].value: judgements must be positive" in str(err)


def test_error_non_numeric_judgement(tmp_path: Path) -> None:
    text = "ana:\n  criteria: [x, y]\n  matrix: [[1, lots], [1, 1]]\n"
    err = _case_error(tmp_path, "p.yaml", text)
    assert "matrix[0][1]: not a number (got 'lots')" in str(err)


def test_error_matrix_shape(tmp_path: Path) -> None:
    text = "ana:\n  criteria: [x, y, z]\n  matrix: [[1, 2, 3], [1/2, 1, 2]]\n"
    err = _case_error(tmp_path, "p.yaml", text)
    assert "matrix must be a list of 3 rows" in str(err)


def test_error_missing_pair(tmp_path: Path) -> None:
    text = "ana:\n  judgements:\n    - {a: x, b: y, value: 2}\n    - {a: y, b: z, value: 2}\n"
    err = _case_error(tmp_path, "p.yaml", text)
    assert "participant 'ana': judgements: no judgement for the pair (x, z)" in str(err)


def test_error_pair_judged_twice(tmp_path: Path) -> None:
    text = "ana:\n  - {a: x, b: y, value: 2}\n  - {a: y, b: x, value: 2}\n"
    err = _case_error(tmp_path, "p.yaml", text)
    assert "p.yaml:3: participant 'ana': [1]: pair (y, x) judged twice" in str(err)


def test_error_self_comparison(tmp_path: Path) -> None:
    err = _case_error(tmp_path, "p.yaml", "ana:\n  - {a: x, b: x, value: 1}\n")
    assert "compares a criterion with itself" in str(err)


def test_error_ahp_unknown_criterion(tmp_path: Path) -> None:
    text = "ana:\n  - {a: gain, b: speed, value: 2}\n"
    err = _case_error(tmp_path, "p.yaml", text, criteria=TOY)
    assert "[0].b: unknown criterion 'speed'" in str(err)


def test_error_ahp_participant_missing_a_criterion(tmp_path: Path) -> None:
    text = (
        "ana:\n  - {a: x, b: y, value: 2}\n  - {a: x, b: z, value: 2}\n  - {a: y, b: z, value: 1}\n"
        "bo:\n  criteria: [x, y]\n  matrix: [[1, 2], [1/2, 1]]\n"
    )
    err = _case_error(tmp_path, "p.yaml", text)
    assert "participant 'bo': missing criterion 'z'" in str(err)


def test_error_ahp_unknown_keys(tmp_path: Path) -> None:
    text = "ana:\n  criteria: [x, y]\n  matrix: [[1, 2], [1/2, 1]]\n  weight: 3\n"
    err = _case_error(tmp_path, "p.yaml", text)
    assert "unknown keys ['weight']" in str(err)


def test_error_is_a_value_error(tmp_path: Path) -> None:
    f = tmp_path / "p.csv"
    f.write_text("participant,x\na,-1\n")
    with pytest.raises(ValueError):
        read_participants(f)


# =====================================================================================
# Aggregation
# =====================================================================================


def test_arithmetic_and_geometric_hand_derivation() -> None:
    p = read_participants(_frame({"a": [1, 1], "b": [4, 1]}, ["x", "y"]))
    # arithmetic: ((.5 + .8)/2, (.5 + .2)/2)
    np.testing.assert_allclose(aggregate(p), [0.65, 0.35])
    # geometric: sqrt(.5 * .8) : sqrt(.5 * .2) = 2 : 1
    np.testing.assert_allclose(aggregate(p, method="geometric"), [2 / 3, 1 / 3])
    s = aggregate(p)
    assert s.name == "weight" and s.index.name == "criterion" and list(s.index) == ["x", "y"]


def test_geometric_zero_weight_gives_zero() -> None:
    p = read_participants(_frame({"a": [1, 0, 1], "b": [1, 1, 1]}, ["x", "y", "z"]))
    g = aggregate(p, method="geometric")
    assert g["y"] == 0.0
    np.testing.assert_allclose(g[["x", "z"]], [0.5, 0.5])


def test_aij_of_consistent_matrices_is_geometric_mean_of_weights() -> None:
    # A_k = w_k / w_k^T; the element-wise geometric mean is the consistent matrix of
    # prod_k w_k^(1/K), so AIJ = normalised geometric mean of the weights (exact).
    ws = {"a": [4, 2, 1, 1], "b": [1, 3, 3, 1], "c": [2, 2, 1, 5]}
    p = _ahp_participants({k: _consistent(w) for k, w in ws.items()}, ["p", "q", "r", "s"])
    expected = np.prod([np.asarray(w) / sum(w) for w in ws.values()], axis=0) ** (1 / 3)
    expected /= expected.sum()
    np.testing.assert_allclose(aggregate(p, method="ahp_aij"), expected, atol=1e-12)
    np.testing.assert_allclose(aggregate(p, method="geometric"), expected, atol=1e-12)


def test_aij_equals_geometric_aip_for_three_criteria() -> None:
    # For n = 3 the principal eigenvector of a reciprocal matrix equals its row
    # geometric mean (Crawford & Williams 1985), and the row geometric mean of the
    # element-wise geometric mean matrix is the geometric mean of the individual row
    # geometric means -- so AIJ = geometric AIP even for inconsistent judgements.
    mats = {
        "a": [[1, 3, 1 / 5], [1 / 3, 1, 2], [5, 1 / 2, 1]],
        "b": [[1, 1 / 2, 4], [2, 1, 9], [1 / 4, 1 / 9, 1]],
        "c": [[1, 7, 3], [1 / 7, 1, 1 / 3], [1 / 3, 3, 1]],
    }
    p = _ahp_participants(mats, ["x", "y", "z"])
    assert p.consistency_ratio.max() > 0.1  # "a" is far from consistent
    np.testing.assert_allclose(
        aggregate(p, method="ahp_aij"), aggregate(p, method="geometric"), atol=1e-12
    )


def _perron_by_power_iteration(a: np.ndarray) -> np.ndarray:
    w = np.ones(a.shape[0])
    for _ in range(2000):
        w = a @ w
        w /= w.sum()
    return w


def test_aij_four_criteria_brute_force() -> None:
    mats = {
        "a": [[1, 2, 4, 2], [1 / 2, 1, 2, 4], [1 / 4, 1 / 2, 1, 2], [1 / 2, 1 / 4, 1 / 2, 1]],
        "b": [[1, 1 / 3, 5, 1], [3, 1, 7, 3], [1 / 5, 1 / 7, 1, 1 / 2], [1, 1 / 3, 2, 1]],
        "c": [[1, 5, 3, 7], [1 / 5, 1, 1 / 2, 2], [1 / 3, 2, 1, 3], [1 / 7, 1 / 2, 1 / 3, 1]],
    }
    crit = ["p", "q", "r", "s"]
    p = _ahp_participants(mats, crit)
    group = np.ones((4, 4))
    for m in mats.values():
        group *= np.asarray(m) ** (1 / 3)
    np.testing.assert_allclose(p.aij_matrix().to_numpy(), group, rtol=1e-12)
    # the geometric mean keeps the group matrix reciprocal (Aczél & Saaty 1983)
    np.testing.assert_allclose(group * group.T, np.ones((4, 4)), rtol=1e-12)
    np.testing.assert_allclose(
        aggregate(p, method="ahp_aij"), _perron_by_power_iteration(group), atol=1e-10
    )
    # and it differs from aggregating the individual priorities for n = 4
    assert not np.allclose(aggregate(p, method="ahp_aij"), aggregate(p, method="geometric"))


def test_error_aggregate_unknown_method() -> None:
    p = read_participants(SWING_CSV)
    with pytest.raises(ValueError, match="method: 'median' is not one of"):
        aggregate(p, method="median")


def test_error_aij_needs_ahp_participants() -> None:
    p = read_participants(SWING_CSV)
    with pytest.raises(ValueError, match=r"'ahp_aij' needs AHP judgements .* 'sahel_desk' gave"):
        aggregate(p, method="ahp_aij")
    with pytest.raises(ValueError, match="needs AHP judgements"):
        p.aij_matrix()


def test_error_geometric_zero_everywhere() -> None:
    p = read_participants(_frame({"a": [1, 0], "b": [0, 1]}, ["x", "y"]))
    with pytest.raises(ValueError, match="geometric mean is zero on every criterion"):
        aggregate(p, method="geometric")


def test_error_aggregate_wrong_type() -> None:
    with pytest.raises(TypeError, match="participants: expected Participants"):
        aggregate(pd.DataFrame({"x": [1.0]}))  # type: ignore[arg-type]


# =====================================================================================
# Disagreement and concordance
# =====================================================================================


def test_kendall_w_nag_g08daf_example() -> None:
    # NAG Library, routine G08DAF (nagf_nonpar_concordance_kendall), example program:
    # three comparisons of ten objects (with ties); the published result is
    # "Kendall's coefficient = 0.828" (ties corrected).
    x = [
        [1.0, 4.5, 2.0, 4.5, 3.0, 7.5, 6.0, 9.0, 7.5, 10.0],
        [2.5, 1.0, 2.5, 4.5, 4.5, 8.0, 9.0, 6.5, 10.0, 6.5],
        [2.0, 1.0, 4.5, 4.5, 4.5, 4.5, 8.0, 8.0, 8.0, 10.0],
    ]
    assert kendall_w(x) == pytest.approx(0.828, abs=5e-4)
    # without the tie correction the denominator is larger, so W is smaller
    assert kendall_w(x, correct_ties=False) < kendall_w(x)


def test_kendall_w_matches_mean_spearman_identity() -> None:
    # Without ties, mean pairwise Spearman rho = (k W - 1) / (k - 1) (Kendall 1948).
    rng = np.random.default_rng(7)
    x = np.array([rng.permutation(6) for _ in range(5)], dtype=float)
    k = x.shape[0]
    rhos = [spearmanr(x[i], x[j]).statistic for i, j in itertools.combinations(range(k), 2)]
    w = kendall_w(x)
    assert np.mean(rhos) == pytest.approx((k * w - 1) / (k - 1), abs=1e-12)


def test_kendall_w_extremes() -> None:
    assert kendall_w([[1, 2, 3, 4]] * 3) == 1.0
    assert kendall_w([[1, 2, 3], [3, 2, 1]]) == pytest.approx(0.0, abs=1e-15)
    assert kendall_w([[1, 1, 1], [2, 2, 2]]) == 1.0  # everyone indifferent
    assert kendall_w([[5.0], [3.0]]) == 1.0  # one object


def test_error_kendall_w_bad_input() -> None:
    with pytest.raises(ValueError, match=r"scores: expected shape \(k raters, n objects\)"):
        kendall_w([1, 2, 3])
    with pytest.raises(ValueError, match="scores"):
        kendall_w([[1, np.nan]])


def test_cosine_disagreement_hand_values() -> None:
    same = read_participants(_frame({"a": [1, 2], "b": [2, 4]}, ["x", "y"]))
    assert cosine_disagreement(same) == pytest.approx(0.0, abs=1e-15)
    apart = read_participants(_frame({"a": [1, 0], "b": [0, 1]}, ["x", "y"]))
    assert cosine_disagreement(apart) == pytest.approx(1.0)
    # three participants: pairs (a,b) 1, (a,c) and (b,c) 1 - 1/sqrt(2)
    three = read_participants(_frame({"a": [1, 0], "b": [0, 1], "c": [1, 1]}, ["x", "y"]))
    expected = (1 + 2 * (1 - 1 / np.sqrt(2))) / 3
    assert cosine_disagreement(three) == pytest.approx(expected)
    one = read_participants(_frame({"a": [1, 2]}, ["x", "y"]))
    assert cosine_disagreement(one) == 0.0


def test_disagreement_table_by_hand() -> None:
    p = read_participants(_frame({"a": [6, 2, 2], "b": [2, 6, 2], "c": [4, 4, 2]}, ["x", "y", "z"]))
    # normalised rows: a (.6, .2, .2), b (.2, .6, .2), c (.4, .4, .2)
    d = disagreement(p)
    assert list(d.columns) == [
        "mean",
        "min",
        "max",
        "std",
        "cv",
        "range",
        "furthest",
        "furthest_deviation",
    ]
    assert list(d.index) == ["x", "y", "z"]  # x and y tie on std; z has none
    sd = np.sqrt((0.2**2 + 0.2**2 + 0.0) / 3)
    np.testing.assert_allclose(
        d.loc["x", ["mean", "min", "max", "std", "range"]].astype(float), [0.4, 0.2, 0.6, sd, 0.4]
    )
    assert d.loc["x", "cv"] == pytest.approx(sd / 0.4)
    assert d.loc["x", "furthest"] == "a"  # a and b are both 0.2 away: first in input order
    assert d.loc["x", "furthest_deviation"] == pytest.approx(0.2)
    assert d.loc["y", "furthest_deviation"] == pytest.approx(-0.2)
    assert d.loc["z", "std"] == pytest.approx(0.0, abs=1e-15)
    assert d.attrs["n_participants"] == 3
    assert d.attrs["kendall_w"] == pytest.approx(concordance(p))
    assert d.attrs["mean_cosine_distance"] == pytest.approx(cosine_disagreement(p))


def test_disagreement_sorted_and_flags_the_outlier(mali: po.Case) -> None:
    p = read_participants(SWING_CSV, criteria=mali)
    d = disagreement(p)
    assert d["std"].is_monotonic_decreasing
    assert d.index[0] == "fiscal_cost" and d.loc["fiscal_cost", "furthest"] == "budget_staff"
    assert 0.0 < d.attrs["kendall_w"] < 1.0


def test_concordance_matches_kendall_w_of_the_weights() -> None:
    p = read_participants(AHP_YAML)
    assert concordance(p) == pytest.approx(kendall_w(p.weights.to_numpy()))


# =====================================================================================
# Group rankings
# =====================================================================================


@pytest.mark.parametrize(
    ("method", "scenario"),
    [("wsm", None), ("wsm", "strangulation"), ("topsis", None), ("promethee_ii", None)],
)
def test_group_rankings_equal_compare_per_participant(
    mali: po.Case, method: str, scenario: str | None
) -> None:
    p = read_participants(SWING_CSV, criteria=mali)
    g = group_rankings(mali, p, method=method, scenario=scenario)
    assert isinstance(g, GroupRanking)
    assert list(g.ranks.index) == mali.option_ids and g.participants == p.ids
    for pid in p.ids:
        cmp = po.compare(mali, weights=_weights_of(p, pid), method=method, scenario=scenario)
        np.testing.assert_allclose(g.scores[pid], cmp.scores, rtol=1e-12, atol=1e-14)
        assert g.ranks[pid].tolist() == cmp.ranks.tolist()
        assert g.top_by_participant[pid] == cmp.top
    group_cmp = po.compare(mali, weights=_as_dict(aggregate(p)), method=method, scenario=scenario)
    assert g.group_ranks.tolist() == group_cmp.ranks.tolist()
    assert g.top == group_cmp.top
    assert g.normalization == group_cmp.normalization


def test_group_rankings_one_batched_call(mali: po.Case, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[int, ...]] = []
    real = po.methods.wsm

    def counting(matrix: Any, weights: Any, types: Any, **kw: Any) -> Any:
        calls.append(np.shape(weights))
        return real(matrix, weights, types, **kw)

    from policyopts.methods import _registry

    spec = dataclasses.replace(_registry.REGISTRY["wsm"], function=counting)
    monkeypatch.setattr(_registry, "REGISTRY", {**_registry.REGISTRY, "wsm": spec})
    p = read_participants(SWING_CSV, criteria=mali)
    group_rankings(mali, p)
    assert calls == [(len(p) + 1, len(mali.criterion_ids))]


def test_group_rankings_top_changes_share_and_summary(mali: po.Case) -> None:
    p = read_participants(SWING_CSV, criteria=mali)
    g = group_rankings(mali, p)
    assert g.top_changes is (g.top_by_participant.nunique() > 1)
    assert g.top_share.sum() == pytest.approx(1.0)
    assert set(g.top_share.index) == set(mali.option_ids)
    for option, share in g.top_share.items():
        assert share == pytest.approx((g.top_by_participant == option).mean())
    text = g.summary()
    names = {o.id: o.label for o in mali.options}
    assert names[g.top] in text and "ranks first" in text
    if g.top_changes:
        assert "depends on who is asked" in text
    assert g.group_weights.sum() == pytest.approx(1.0)
    np.testing.assert_allclose(g.weights.sum(axis=1), 1.0)


def test_group_rankings_rendering(mali: po.Case, tmp_path: Path) -> None:
    g = group_rankings(mali, read_participants(SWING_CSV, criteria=mali))
    md = g.to_markdown()
    assert md.startswith("| Option | Group | sahel_desk |") and "method wsm" in md
    first_row = md.splitlines()[2]
    assert first_row.startswith(f"| {mali.option(g.top).label} | 1 |")
    assert "<table" in g._repr_html_() and 'class="top"' in g.to_html()
    assert "\\begin{tabular}" in g.to_latex()
    assert g.top in str(g.to_text(names=False))
    assert "participants from" in str(g)
    out = tmp_path / "ranks.csv"
    assert g.to_csv(out) is None
    back = pd.read_csv(out, index_col=0)
    assert list(back.columns) == ["group", *g.participants]


def test_group_rankings_toy_ahp_and_agreement(toy_case: po.Case) -> None:
    p = read_participants(AHP_YAML, criteria=toy_case)
    g = group_rankings(toy_case, p, aggregation="ahp_aij")
    assert g.aggregation == "ahp_aij"
    np.testing.assert_allclose(g.group_weights, aggregate(p, method="ahp_aij"))
    cmp = po.compare(toy_case, weights=_as_dict(g.group_weights))
    assert g.group_ranks.tolist() == cmp.ranks.tolist()
    # everybody the same -> the top cannot change
    same = read_participants(_frame({"a": [1, 1, 1], "b": [2, 2, 2]}, TOY), criteria=toy_case)
    s = group_rankings(toy_case, same)
    assert not s.top_changes
    assert s.top_share.max() == 1.0
    assert "All 2 participants put" in s.summary()


def test_error_group_rankings_criteria_mismatch(mali: po.Case) -> None:
    p = read_participants(AHP_YAML)  # toy criteria, not Mali's
    with pytest.raises(po.CaseError, match=r"participants_ahp\.yaml: criteria: the participants"):
        group_rankings(mali, p)


def test_error_group_rankings_unknown_scenario(mali: po.Case) -> None:
    p = read_participants(SWING_CSV, criteria=mali)
    with pytest.raises(po.CaseError, match="unknown scenario 'flood'"):
        group_rankings(mali, p, scenario="flood")


def test_error_group_rankings_unknown_method(mali: po.Case) -> None:
    p = read_participants(SWING_CSV, criteria=mali)
    with pytest.raises(ValueError, match="method: 'electre' is not one of"):
        group_rankings(mali, p, method="electre")


def test_error_group_rankings_bad_normalization(mali: po.Case) -> None:
    p = read_participants(SWING_CSV, criteria=mali)
    with pytest.raises(ValueError, match="normalization: 'scale' is not one of"):
        group_rankings(mali, p, method="topsis", normalization="scale")


def test_group_module_exports() -> None:
    for name in G.__all__:
        assert hasattr(G, name)
