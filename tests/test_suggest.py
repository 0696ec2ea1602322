"""An unknown criterion id gets a "did you mean" wherever it is given: in a case
file, a weights mapping, a participants file, a workshop submission, an
analysis argument."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import policyopts as po
from policyopts._suggest import hint
from policyopts.io.participants import read_participants
from policyopts.serve.store import SubmissionError, validate_submission

DID_YOU_MEAN_GAIN = r"did you mean 'gain'\?"


def test_hint_lists_only_close_ids() -> None:
    assert hint("gian", ["gain", "cost"]) == " (did you mean 'gain'?)"
    assert hint(["gian", "cots"], ["gain", "cost"]) == " (did you mean 'gain', 'cost'?)"
    assert hint(["zzz"], ["gain", "cost"]) == ""
    assert hint(3, ["gain"]) == ""


@pytest.mark.parametrize(
    ("field", "where"), [("impacts", "impacts.gian"), ("overlaps", "overlaps[0]")]
)
def test_case_risk_criterion(toy_data: dict[str, Any], field: str, where: str) -> None:
    risk = toy_data["risks"][0]
    risk[field] = {"gian": 1.0} if field == "impacts" else ["gian"]
    with pytest.raises(po.CaseError) as info:
        po.Case.model_validate(toy_data)
    assert f"{where}: unknown criterion (did you mean 'gain'?)" in info.value.report()


def test_compare_weights_mapping(toy_case: po.Case) -> None:
    with pytest.raises(ValueError, match=rf"unknown criteria \['gian'\] \({DID_YOU_MEAN_GAIN}\)"):
        po.compare(toy_case, weights={"gian": 1, "cost": 1, "risk_burden": 1})


def test_problem_weights_mapping() -> None:
    df = pd.DataFrame({"gain": [1.0, 2.0], "cost": [3.0, 1.0]}, index=["a", "b"])
    with pytest.raises(ValueError, match=DID_YOU_MEAN_GAIN):
        po.Problem.from_frame(df, types=["benefit", "cost"], weights={"gian": 1, "cost": 1})


def test_participants_csv_header(tmp_path: Path, toy_case: po.Case) -> None:
    path = tmp_path / "p.csv"
    path.write_text("participant,gian,cost,risk_burden\na,1,2,3\n", encoding="utf-8")
    with pytest.raises(po.CaseError, match=DID_YOU_MEAN_GAIN):
        read_participants(path, criteria=toy_case)


def test_participants_ahp_yaml(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("ana:\n  - {a: gian, b: cost, value: 2}\n", encoding="utf-8")
    with pytest.raises(po.CaseError, match=DID_YOU_MEAN_GAIN):
        read_participants(path, criteria=["gain", "cost", "risk_burden"])


def test_group_rankings(tmp_path: Path, toy_case: po.Case) -> None:
    path = tmp_path / "p.csv"
    path.write_text("participant,gain,cost,risk_burden,gian\na,1,2,3,4\n", encoding="utf-8")
    with pytest.raises(po.CaseError, match=DID_YOU_MEAN_GAIN):
        po.group_rankings(toy_case, read_participants(path))


def test_workshop_submission(toy_case: po.Case) -> None:
    body = {"name": "Ana", "weights": {"gian": 1, "cost": 1, "risk_burden": 1}}
    with pytest.raises(SubmissionError, match=DID_YOU_MEAN_GAIN):
        validate_submission(body, toy_case)


def test_delay_cost(mali: po.Case) -> None:
    with pytest.raises(ValueError, match=r"delay_cost: unknown criterion 'fiscal_cots' "):
        po.value_of_waiting(mali, delay_cost={"fiscal_cots": 1})
    with pytest.raises(ValueError, match=r"did you mean 'fiscal_cost'\?"):
        po.value_of_waiting(mali, delay_cost={"fiscal_cots": 1})
