"""A method that cannot run on a case's scores is skipped with its reason, never a crash.

The case here is the conftest toy case with one zero score ("wait" gains nothing)
and one zero risk exposure ("wait" is not exposed to the backfire risk), as every
"do nothing" option has: WPM, a ratio-scale method, cannot run on it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import policyopts as po
from policyopts.cli import main

REASON = "WPM needs strictly positive scores (ratio scale); entry [1, 0] is 0"


@pytest.fixture
def zero_case(toy_data: dict[str, Any]) -> po.Case:
    for a in toy_data["assessments"]:
        if (a["option"], a["criterion"]) == ("wait", "gain"):
            a["score"] = 0
            a["uncertainty"] = {"kind": "triangular", "low": 0, "high": 1}
    toy_data["risks"][0]["exposure"]["wait"] = 0.0
    return po.Case.model_validate(toy_data)


@pytest.fixture
def zero_path(zero_case: po.Case, tmp_path: Path) -> Path:
    path = tmp_path / "zero.yaml"
    po.save_case(zero_case, path)
    return path


def test_the_case_is_valid_and_has_zeros(zero_case: po.Case) -> None:
    arrays = po.compare(zero_case, method="topsis").table
    assert arrays.loc["wait", "gain"] == 0
    assert arrays.loc["wait", "risk_burden"] == 0


def test_compare_raises_the_plain_reason(zero_case: po.Case) -> None:
    with pytest.raises(ValueError) as err:
        po.compare(zero_case, method="wpm")
    assert str(err.value) == REASON


def test_triangulate_skips_with_reason(zero_case: po.Case) -> None:
    tri = po.triangulate(zero_case)
    assert dict(tri.skipped) == {"wpm": REASON}
    assert "wpm" not in tri.ranks.columns
    assert list(tri.ranks.columns) == [m for m in po.methods.available() if m != "wpm"]
    assert set(tri.similarity["kendall"].columns) == set(tri.ranks.columns)
    assert f"WPM skipped: {REASON}." in tri.verdict()
    assert f"WPM skipped: {REASON}." in tri.caption()
    assert "WPM skipped" in tri.to_markdown()


def test_triangulate_when_nothing_can_run(zero_case: po.Case) -> None:
    with pytest.raises(ValueError, match=r"^methods: none can run on these scores: WPM: WPM"):
        po.triangulate(zero_case, methods=["wpm"])


def test_robustness_summary_skips_with_reason(zero_case: po.Case) -> None:
    rs = po.robustness_summary(zero_case, n_samples=500, seed=0)
    assert dict(rs.skipped) == {"wpm": REASON}
    assert rs.sentences()[-1] == f"WPM is left out of the methods check: {REASON}."
    assert REASON in rs.caption()


def test_cli_compare_all(zero_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", str(zero_path), "--method", "all", "--profile", "all"]) == 0
    out, err = capsys.readouterr()
    assert "TOPSIS" in out and "WPM skipped" in out
    assert err.strip().splitlines() == [f"skipped wpm: {REASON}"]


def test_cli_sensitivity(zero_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["sensitivity", str(zero_path), "--profile", "all", "--samples", "500"]
    assert main([*args, "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert f"WPM is left out of the methods check: {REASON}." in out


def test_cli_report(zero_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "brief.html"
    assert main(["report", str(zero_path), "-o", str(target), "--samples", "500"]) == 0
    page = target.read_text(encoding="utf-8")
    assert "WPM skipped" in page and "strictly positive scores" in page
