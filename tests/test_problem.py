"""po.Problem: a labelled decision problem from a DataFrame or a case."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import policyopts as po


@pytest.fixture
def cars() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "price": [250.0, 200.0, 300.0, 275.0],
            "quality": [7.0, 6.0, 9.0, 8.0],
            "safety": [3.0, 4.0, 4.0, 5.0],
        },
        index=pd.Index(["corsa", "fiesta", "golf", "astra"], name="car"),
    )


def test_topsis_from_a_frame_is_labelled_by_the_index(cars: pd.DataFrame) -> None:
    p = po.Problem.from_frame(
        cars, types=["cost", "benefit", "benefit"], weights={"price": 2, "quality": 1, "safety": 1}
    )
    cmp = po.compare(p, method="topsis")
    assert list(cmp.table.index) == list(cars.index)
    assert cmp.table.index.name == "car"
    expected = po.methods.topsis(cars.to_numpy(), [0.5, 0.25, 0.25], [-1, 1, 1])
    np.testing.assert_allclose(cmp.table["score"].to_numpy(), expected.scores)
    np.testing.assert_array_equal(cmp.table["rank"].to_numpy(), expected.ranks)
    assert cmp.ranking[0] in cars.index
    assert "corsa" in cmp.to_markdown()


@pytest.mark.parametrize(
    "types",
    [
        [-1, 1, 1],
        ["cost", "benefit", "benefit"],
        ["min", "max", "MAX"],
        {"safety": "benefit", "price": "cost", "quality": 1},
    ],
)
def test_types_spellings_agree(cars: pd.DataFrame, types: object) -> None:
    p = po.Problem.from_frame(cars, types=types, weights=[1, 1, 1])  # type: ignore[arg-type]
    np.testing.assert_array_equal(p.types, [-1.0, 1.0, 1.0])
    np.testing.assert_allclose(p.weights, [1 / 3] * 3)  # type: ignore[arg-type]


def test_wsm_on_a_frame_defaults_to_minmax_and_uses_scales_when_declared(
    cars: pd.DataFrame,
) -> None:
    types = ["cost", "benefit", "benefit"]
    p = po.Problem.from_frame(cars, types=types, weights=[1, 1, 1])
    cmp = po.compare(p)
    assert cmp.normalization == "minmax"
    ref = po.methods.wsm(cars.to_numpy(), [1, 1, 1], [-1, 1, 1], normalization="minmax")
    np.testing.assert_allclose(cmp.scores.to_numpy(), ref.scores)

    scales = {"price": (0, 400), "quality": (0, 10), "safety": (1, 5)}
    ps = po.Problem.from_frame(cars, types=types, weights=[1, 1, 1], scales=scales)
    cmp = po.compare(ps)
    assert cmp.normalization == "scale"
    values = np.column_stack(
        [
            (400 - cars["price"]) / 400,
            cars["quality"] / 10,
            (cars["safety"] - 1) / 4,
        ]
    )
    np.testing.assert_allclose(cmp.scores.to_numpy(), values.mean(axis=1))
    contrib = cmp.why("golf", "fiesta")
    assert contrib["difference"].sum() == pytest.approx(
        float(cmp.scores["golf"] - cmp.scores["fiesta"])
    )


def test_from_case_matches_compare_on_the_case() -> None:
    case = po.load_case("mali")
    p = po.Problem.from_case(case, "balanced")
    assert p.source == case.id and p.profile == "balanced"
    assert p.alternatives == tuple(case.option_ids)
    assert p.criteria == tuple(case.criterion_ids)
    for method in ("wsm", "topsis", "promethee_ii"):
        a = po.compare(case, "balanced", method)
        b = po.compare(p, method=method)
        pd.testing.assert_frame_equal(a.table, b.table)
        assert a.ranking == b.ranking


def test_from_case_with_explicit_weights_and_scenario() -> None:
    case = po.load_case("mali")
    sc = case.scenarios[0].id
    weights = dict.fromkeys(case.criterion_ids, 1.0)
    p = po.Problem.from_case(case, scenario=sc, weights=weights)
    assert p.profile is None and p.scenario == sc
    cmp = po.compare(case, scenario=sc, weights=weights)
    pd.testing.assert_frame_equal(cmp.table, po.compare(p).table)


def test_errors_name_the_argument(cars: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="types: entry 1"):
        po.Problem.from_frame(cars, types=["cost", "good", "benefit"])
    with pytest.raises(ValueError, match="types: expected 3 entries"):
        po.Problem.from_frame(cars, types=["cost", "benefit"])
    with pytest.raises(ValueError, match=r"types: no type for columns \['safety'\]"):
        po.Problem.from_frame(cars, types={"price": -1, "quality": 1})
    with pytest.raises(ValueError, match=r"weights: missing criteria \['safety'\]"):
        po.Problem.from_frame(cars, types=[-1, 1, 1], weights={"price": 1, "quality": 1})
    with pytest.raises(ValueError, match="weights"):
        po.Problem.from_frame(cars, types=[-1, 1, 1], weights=[0, 0, 0])
    bad = cars.assign(quality=["a", "b", "c", "d"])
    with pytest.raises(ValueError, match=r"df: columns must be numeric, not \['quality'\]"):
        po.Problem.from_frame(bad, types=[-1, 1, 1])
    gap = cars.astype(float)
    gap.iloc[1, 2] = np.nan
    with pytest.raises(ValueError, match="df: missing score for 'fiesta' on 'safety'"):
        po.Problem.from_frame(gap, types=[-1, 1, 1])
    with pytest.raises(ValueError, match="scales: column 'price'"):
        po.Problem.from_frame(
            cars, types=[-1, 1, 1], scales={"price": (5, 1), "quality": (0, 1), "safety": (0, 9)}
        )
    dup = cars.set_axis(["a", "a", "b", "c"])
    with pytest.raises(ValueError, match="alternatives: labels must be unique"):
        po.Problem.from_frame(dup, types=[-1, 1, 1])


def test_compare_on_a_problem_needs_weights_and_refuses_a_profile(cars: pd.DataFrame) -> None:
    p = po.Problem.from_frame(cars, types=[-1, 1, 1])
    with pytest.raises(ValueError, match="weights: this problem has no weights"):
        po.compare(p)
    cmp = po.compare(p, weights={"price": 1, "quality": 1, "safety": 2})
    assert cmp.weights["safety"] == pytest.approx(0.5)
    with pytest.raises(ValueError, match="profile: a Problem carries"):
        po.compare(p, "balanced", weights={"price": 1, "quality": 1, "safety": 2})
    with pytest.raises(ValueError, match="normalization: 'scale' needs declared scales"):
        po.compare(p, weights=[1, 1, 1], normalization="scale")  # type: ignore[arg-type]


def test_problem_is_read_only_and_stacks(cars: pd.DataFrame) -> None:
    p = po.Problem.from_frame(cars, types=[-1, 1, 1], weights=[1, 1, 1])
    with pytest.raises(ValueError):
        p.matrix[0, 0] = 1.0
    stacked = p.with_matrix(np.stack([p.matrix, p.matrix + 1]))
    assert stacked.shape == (2, 4, 3)
    with pytest.raises(ValueError, match="compare needs one matrix"):
        po.compare(stacked)
    pd.testing.assert_frame_equal(p.frame(), cars.rename_axis("car"), check_names=False)
