"""Valid cases that used to crash the brief or the CLI (issue 11)."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest

import policyopts as po
from policyopts import plots
from policyopts._limits import MAX_OPTIONS
from policyopts.cli import main
from policyopts.report import build_report


def _one_criterion(toy_data: dict[str, Any]) -> dict[str, Any]:
    toy_data["criteria"] = [toy_data["criteria"][0]]
    toy_data["assessments"] = [a for a in toy_data["assessments"] if a["criterion"] == "gain"]
    toy_data["risks"] = []
    for s in toy_data["scenarios"]:
        s.pop("likelihood_overrides", None)
    toy_data["profiles"] = [
        {"id": "even", "name": "Even", "weights": {"gain": 1}},
        {"id": "ranked", "name": "Ranked", "ranks": {"gain": 1}},
    ]
    return toy_data


def test_one_criterion_sensitivity(
    toy_data: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "one.yaml"
    po.save_case(po.Case.model_validate(_one_criterion(toy_data)), path)
    assert main(["sensitivity", str(path), "-n", "100"]) == 0
    assert "SMAA" in capsys.readouterr().out


def test_one_criterion_report(toy_data: dict[str, Any]) -> None:
    case = po.Case.model_validate(_one_criterion(toy_data))
    html = build_report(case, n_samples=100, date=dt.date(2026, 1, 2))
    assert '<section id="robustness"' in html
    assert "How far can the weights move?" not in html


def test_one_criterion_stability_is_a_value_error(toy_data: dict[str, Any]) -> None:
    from policyopts.sensitivity.stability import stability_table

    case = po.Case.model_validate(_one_criterion(toy_data))
    with pytest.raises(ValueError, match="at least 2 criteria"):
        stability_table(case, "even")


def test_deep_value_tree_draws(toy_data: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    # Cases are refused beyond 32 levels when read; the figure does not rely on it.
    from policyopts.model import limits

    monkeypatch.setattr(limits, "MAX_TREE_DEPTH", 10_000)
    monkeypatch.setattr(limits, "MAX_COUNTS", {**limits.MAX_COUNTS, "branches": 10_000})
    depth = 1_200
    toy_data["branches"] = [
        {"id": f"b{i}", "name": f"B{i}", **({"parent": f"b{i - 1}"} if i else {})}
        for i in range(depth)
    ]
    toy_data["criteria"][0]["parent"] = f"b{depth - 1}"
    case = po.Case.model_validate(toy_data)
    fig = plots.value_tree(case, profile="even")
    assert max(fig.get_size_inches()) <= plots.MAX_FIGURE_INCHES
    fig.savefig(io.BytesIO(), format="png", dpi=30)


def test_long_option_name_report(toy_data: dict[str, Any]) -> None:
    name = "x" * 200  # the longest name a case may have, without a space to wrap at
    toy_data["options"][0]["name"] = name
    html = build_report(po.Case.model_validate(toy_data), n_samples=100)
    assert name in html  # the full text is kept (the options section)


def test_too_many_options_refused_up_front(
    toy_data: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    m = MAX_OPTIONS + 1
    toy_data["options"] = [{"id": f"o{i}", "name": f"O{i}"} for i in range(m)]
    toy_data["assessments"] = [
        {"option": f"o{i}", "criterion": c, "score": 1, "rationale": "r", "basis": "judgement"}
        for i in range(m)
        for c in ("gain", "cost")
    ]
    toy_data["risks"][0]["exposure"] = {f"o{i}": 0.5 for i in range(m)}
    for s in toy_data["scenarios"]:
        s["score_changes"] = []
    path = tmp_path / "big.yaml"
    po.save_case(po.Case.model_validate(toy_data), path)
    assert main(["sensitivity", str(path), "-n", "100"]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and f"at most {MAX_OPTIONS}" in err
