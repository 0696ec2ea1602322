"""Counted nouns in printed text agree with their number (no "1 risks")."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

import policyopts as po
from policyopts._text import plural
from policyopts.audit import evidence_summary


@pytest.mark.parametrize(
    ("n", "noun", "nouns", "expected"),
    [
        (1, "risk", None, "1 risk"),
        (2, "risk", None, "2 risks"),
        (0, "risk", None, "0 risks"),
        (1, "branch", None, "1 branch"),
        (2, "branch", None, "2 branches"),
        (3, "box", None, "3 boxes"),
        (1, "criterion", "criteria", "1 criterion"),
        (4, "criterion", "criteria", "4 criteria"),
        (12_345, "draw", None, "12,345 draws"),
        (1.0, "month", None, "1 month"),
        (1.5, "month", None, "1.5 months"),
    ],
)
def test_plural(n: float, noun: str, nouns: str | None, expected: str) -> None:
    assert plural(n, noun, nouns) == expected


def _one_of_each(toy_data: dict[str, Any]) -> po.Case:
    """The toy case cut down to one scenario, one profile, one risk, one source."""
    toy_data["scenarios"] = toy_data["scenarios"][:1]
    toy_data["scenarios"][0]["probability"] = 1.0
    toy_data["profiles"] = toy_data["profiles"][:1]
    return po.Case.model_validate(toy_data)


def test_evidence_summary_says_one_risk_not_one_risks(toy_data: dict[str, Any]) -> None:
    case = _one_of_each(toy_data)
    assert (len(case.risks), len(case.scenarios), len(case.profiles)) == (1, 1, 1)
    text = "\n".join(evidence_summary(case))
    assert "1 risk," in text and "1 scenario," in text and "1 profile" in text
    assert "1 record from 1 source" in text
    assert "2 criteria" in text and "3 options" in text
    assert not re.search(r"\b1 (risks|scenarios|profiles|branches|records|sources)\b", text)


def test_robustness_summary_with_one_scenario(toy_data: dict[str, Any]) -> None:
    case = _one_of_each(toy_data)
    text = po.scenario_robustness(case).summary()
    assert "1 scenarios" not in text
    assert "1 scenario" in text


def test_participants_caption_counts_one(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("participant,gain,cost\nana,1,2\n", encoding="utf-8")
    caption = po.read_participants(path).caption()
    assert "weights of 1 participant, from" in caption
    assert "1 participants" not in caption


def test_provenance_counts_one_draw() -> None:
    from policyopts.results import Provenance

    assert "baseline, 1 draw, seed 0" in Provenance(n_samples=1, seed=0).describe()
    assert "20,000 draws" in Provenance(n_samples=20_000).describe()


def test_provenance_describe_parts() -> None:
    from policyopts.results import Provenance

    p = Provenance(case_id="mali", profile="balanced", method="wsm", seed=3, n_samples=10)
    assert p.describe() == (
        "method wsm, profile balanced, baseline, 10 draws, seed 3, case mali, policyopts "
        + p.version
    )
    assert p.describe(details=(), case=False) == "method wsm, profile balanced, baseline"
    assert p.describe(weights="group weights", details=("n=4",), case=False) == (
        "method wsm, group weights, baseline, n=4"
    )
    assert p.describe(profile=False, case=False) == "method wsm, baseline, 10 draws, seed 3"
