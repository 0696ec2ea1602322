"""The portfolio part of the case model: resources, costs, budgets, constraints."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import policyopts as po

Data = dict[str, Any]


@pytest.fixture
def data() -> Data:
    case = po.load_case("toy_portfolio")
    out: Data = json.loads(case.model_dump_json(exclude_defaults=True))
    return out


def _error(data: Data) -> po.CaseError:
    with pytest.raises(po.CaseError) as info:
        po.Case.model_validate(data)
    return info.value


def test_toy_case_loads_with_its_portfolio_section() -> None:
    case = po.load_case("toy_portfolio")
    assert case.portfolio is not None
    assert case.portfolio.budgets == {"money": 180.0, "political_capital": 5.0}
    assert [r.id for r in case.resources] == ["money", "political_capital"]
    assert case.option("aid").costs == {"money": 80.0, "political_capital": 1.0}
    assert case.portfolio.interactions[0].options == ["aid", "mediation"]


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_round_trip_keeps_the_portfolio(tmp_path: Path, suffix: str) -> None:
    case = po.load_case("toy_portfolio")
    again = po.load_case(po.save_case(case, tmp_path / f"c{suffix}"))
    assert again == case
    assert again.portfolio == case.portfolio


def test_schema_knows_the_portfolio_fields() -> None:
    schema = po.case_schema()
    assert "portfolio" in schema["properties"]
    assert "resources" in schema["properties"]
    text = json.dumps(schema)
    for word in ("budgets", "exclusive", "requires", "interactions", "baseline_option", "costs"):
        assert word in text


def test_toy_case_validates_against_the_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    case = po.load_case("toy_portfolio")
    jsonschema.validate(json.loads(case.model_dump_json()), po.case_schema())


def test_unknown_option_in_an_interaction(data: Data) -> None:
    data["portfolio"]["interactions"][0]["options"][1] = "nobody"
    err = _error(data)
    assert err.path == "portfolio.interactions[access_deal].options[1]"
    assert err.value == "nobody"
    assert "unknown option" in str(err)


def test_unknown_criterion_and_evidence_in_an_interaction(data: Data) -> None:
    data["portfolio"]["interactions"][1]["criterion"] = "morale"
    data["portfolio"]["interactions"][1]["evidence"] = ["ev_missing"]
    err = _error(data)
    paths = {p.path for p in err.problems}
    assert "portfolio.interactions[squeeze].criterion" in paths
    assert "portfolio.interactions[squeeze].evidence[0]" in paths


def test_cyclic_prerequisites(data: Data) -> None:
    data["portfolio"]["requires"]["mediation"] = ["governance"]
    err = _error(data)
    assert "cycle" in str(err)
    assert err.path.startswith("portfolio.requires.")


def test_an_option_that_no_budget_fits(data: Data) -> None:
    data["options"][3]["costs"]["money"] = 500  # border
    err = _error(data)
    assert err.path == "options[border].costs.money"
    assert err.value == 500
    assert "exceeds the money budget 180" in str(err)


def test_an_option_whose_prerequisites_exceed_the_budget(data: Data) -> None:
    data["portfolio"]["budgets"]["political_capital"] = 2.5
    err = _error(data)
    assert any(
        p.path == "options[governance].costs.political_capital"
        and "with its prerequisites 3" in p.message
        for p in err.problems
    )


def test_an_option_that_needs_two_exclusive_options(data: Data) -> None:
    data["portfolio"]["requires"]["aid"] = ["sanctions", "relief"]
    err = _error(data)
    assert any(
        p.path == "portfolio.exclusive[0]" and "relief and sanctions" in p.message
        for p in err.problems
    )


@pytest.mark.parametrize(
    ("mutate", "path", "words"),
    [
        (lambda d: d["options"][1]["costs"].update(gold=1), "options[aid].costs.gold", "unknown"),
        (lambda d: d["options"][1]["costs"].update(money=-1), "options[aid].costs", ">= 0"),
        (
            lambda d: d["portfolio"]["budgets"].update(gold=1),
            "portfolio.budgets.gold",
            "unknown resource",
        ),
        (
            lambda d: d["portfolio"]["budgets"].update(money=-5),
            "portfolio.budgets.money",
            ">= 0",
        ),
        (
            lambda d: d["portfolio"].update(baseline_option="nobody"),
            "portfolio.baseline_option",
            "unknown option",
        ),
        (
            lambda d: d["portfolio"]["exclusive"].append(["aid"]),
            "portfolio.exclusive[1]",
            "needs two",
        ),
        (
            lambda d: d["portfolio"]["exclusive"].append(["aid", "aid"]),
            "portfolio.exclusive[1]",
            "repeated",
        ),
        (
            lambda d: d["portfolio"]["exclusive"].append(["aid", "status_quo"]),
            "portfolio.exclusive[1][1]",
            "baseline option is not an action",
        ),
        (
            lambda d: d["portfolio"]["requires"].update(aid=["aid"]),
            "portfolio.requires.aid",
            "require itself",
        ),
        (
            lambda d: d["portfolio"]["requires"].update(aid=[]),
            "portfolio.requires.aid",
            "no prerequisites",
        ),
        (
            lambda d: d["portfolio"]["requires"].update(aid=["ghost"]),
            "portfolio.requires.aid[0]",
            "unknown option",
        ),
        (
            lambda d: d["portfolio"]["interactions"][0].update(options=["aid", "aid"]),
            "portfolio.interactions[access_deal].options",
            "repeated",
        ),
        (
            lambda d: d["portfolio"]["interactions"][0].update(basis="source"),
            "portfolio.interactions[access_deal].evidence",
            "must cite evidence",
        ),
        (
            lambda d: d["portfolio"]["interactions"][0].update(evidence=["a", "a"]),
            "portfolio.interactions[access_deal].evidence",
            "repeated",
        ),
        (
            lambda d: d["portfolio"]["interactions"][1].update(id="access_deal"),
            "portfolio.interactions[access_deal].id",
            "duplicate id",
        ),
        (
            lambda d: d["resources"].append({"id": "money", "name": "Cash"}),
            "resources[money].id",
            "duplicate id",
        ),
    ],
)
def test_located_portfolio_errors(data: Data, mutate: Any, path: str, words: str) -> None:
    mutate(data)
    err = _error(data)
    assert any(path in p.path and words in p.message for p in err.problems), err.report()


def test_error_in_a_file_names_file_and_line(tmp_path: Path, data: Data) -> None:
    import yaml

    data["portfolio"]["interactions"][0]["options"][1] = "nobody"
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    with pytest.raises(po.CaseError) as info:
        po.load_case(path)
    problem = info.value.problems[0]
    assert problem.file is not None and problem.file.endswith("bad.yaml")
    assert problem.line is not None
    assert "portfolio.interactions[access_deal].options[1]" in str(info.value)


def test_a_case_without_portfolio_section_still_checks_costs() -> None:
    data = po.load_case("mali").model_dump()
    data["portfolio"] = None
    case = po.Case.model_validate(data)
    assert case.portfolio is None and case.resources
    data["options"][0]["costs"] = {"goodwill": 1.0}
    with pytest.raises(po.CaseError, match="goodwill"):
        po.Case.model_validate(data)
