"""The brief's bottom line: robust findings first; a contested top says so, with both shares."""

from __future__ import annotations

import copy
from typing import Any

import pytest

import policyopts as po
from policyopts.report import BriefAnalysis, bottom_line
from policyopts.report._bottom_line import CONTESTED_BELOW, WORTH_LITTLE
from policyopts.report._estimative import percent
from policyopts.sensitivity.summary import FIRM


@pytest.fixture(scope="module")
def mali_line(mali: po.Case) -> Any:
    return bottom_line(mali, n_samples=4_000, seed=1)


def test_mali_is_contested_and_names_both_shares(mali: po.Case, mali_line: Any) -> None:
    analysis = BriefAnalysis(mali, n_samples=4_000, seed=1)
    shares = analysis.first_shares()
    top, contender = mali_line.top, mali_line.contender
    assert top == analysis.comparison.ranking[0] == "humanitarian"
    # the contender is the option most often first after the top one
    assert contender == str(shares.drop(top).idxmax()) == "negotiate"
    assert mali_line.top_share == pytest.approx(float(shares[top]))
    assert mali_line.contested is (mali_line.top_share < CONTESTED_BELOW)
    assert mali_line.contested
    first = mali_line.sentences[0]
    assert first.startswith("The top choice is contested")
    for option, share in ((top, mali_line.top_share), (contender, mali_line.contender_share)):
        assert mali.option(option).label in first
        assert percent(share) in first


def test_mali_leads_with_what_is_robust(mali: po.Case, mali_line: Any) -> None:
    text = " ".join(mali_line.sentences)
    # broad re-partnering ranks last under five of six profiles: the robust finding
    assert "Re-partner ranks last under 5 of 6 sets of stakeholder priorities" in text
    # the best strategy, from the portfolio model, and how far it holds across scenarios
    assert mali_line.strategy == ("negotiate", "humanitarian")
    assert "The best strategy is Negotiate + Aid" in text
    assert "stays best in 4 of 6 scenarios" in text
    # the value of waiting, plainly
    w = po.value_of_waiting(mali, mali.profile().id)
    assert w.value < WORTH_LITTLE
    assert f"worth little ({w.value:.3f} on a 0–1 scale): decide now" in text


def test_terminal_text_fits_100_columns(mali_line: Any, mali: po.Case) -> None:
    text = mali_line.to_text()
    assert all(len(line) <= 100 for line in text.splitlines())
    assert text.startswith(f"Bottom line: {mali.title}")
    assert "Assumptions as of December 2025." in text
    narrow = mali_line.to_text(width=60)
    assert all(len(line) <= 60 for line in narrow.splitlines())


def _clear_toy(toy_data: dict[str, Any]) -> po.Case:
    """The toy case with Talk made best on both criteria under every profile."""
    data = copy.deepcopy(toy_data)
    for a in data["assessments"]:
        if a["option"] == "talk":
            a["score"] = 9 if a["criterion"] == "gain" else 4
            a["uncertainty"] = {"kind": "triangular", "low": a["score"] - 1, "high": a["score"] + 1}
    data["risks"][0]["exposure"]["talk"] = 0.0
    return po.Case.model_validate(data)


def test_toy_case_with_a_clear_top(toy_data: dict[str, Any]) -> None:
    case = _clear_toy(toy_data)
    line = bottom_line(case, n_samples=2_000, seed=0)
    assert line.top == "talk"
    assert line.top_share >= FIRM and not line.contested
    first = line.sentences[0]
    assert first.startswith("Talk is the clear first choice")
    assert "contested" not in first and "contender" not in first
    assert percent(line.top_share) in first
    assert line.strategy == ()  # the toy case prices no option: no strategy sentence
    assert not any("strategy" in s for s in line.sentences)


def test_toy_case_contested(toy_case: po.Case) -> None:
    line = bottom_line(toy_case, n_samples=2_000, seed=0)
    if line.contested:
        assert line.contender is not None
        assert toy_case.option(line.contender).label in line.sentences[0]
    else:
        assert "clear first choice" in line.sentences[0]


def test_shared_analysis_is_reused(mali: po.Case) -> None:
    analysis = BriefAnalysis(mali, n_samples=1_000, seed=2)
    line = bottom_line(analysis)
    assert analysis.smaa() is analysis.smaa(None)  # computed once
    assert line.n_samples == 1_000


def test_waiting_sentence_branches(mali: po.Case, monkeypatch: pytest.MonkeyPatch) -> None:
    from policyopts.report import _bottom_line

    analysis = BriefAnalysis(mali, n_samples=500)
    value = analysis.waiting.value
    monkeypatch.setattr(_bottom_line, "WORTH_LITTLE", value / 2)
    text = _bottom_line.waiting_sentence(analysis)
    assert text is not None and f"is worth {value:.3f}" in text and "commit after watching" in text

    class Costly:
        value, delay, watched = -0.01, 3.0, ["a", "b"]

    analysis.__dict__["waiting"] = Costly()
    text = _bottom_line.waiting_sentence(analysis)
    assert text is not None and "three months to watch the two signposts does not pay" in text


def _bare(toy_data: dict[str, Any]) -> po.Case:
    """The toy case with one profile and no scenarios: the brief leaves those parts out."""
    data = copy.deepcopy(toy_data)
    data["scenarios"] = []
    data["profiles"] = data["profiles"][:1]
    return po.Case.model_validate(data)


def test_bare_case_bottom_line_and_brief(toy_data: dict[str, Any]) -> None:
    import datetime as dt

    from policyopts.report import build_report

    case = _bare(toy_data)
    line = bottom_line(case, n_samples=300)
    assert line.sentences and line.top in case.option_ids
    assert not any("scenario" in s for s in line.sentences)
    html = build_report(case, n_samples=300, date=dt.date(2026, 1, 2))
    assert 'id="bottom-line"' in html
    for absent in ("scenarios", "watch", "priorities"):
        assert f'<section id="{absent}"' not in html
    assert '<section id="strategy"' in html and '<section id="glossary"' in html


@pytest.mark.parametrize(
    ("as_of", "shown"),
    [("2025-12", "December 2025"), ("2025-12-03", "3 December 2025"), ("2025", "2025"), ("", "")],
)
def test_as_of_in_words(as_of: str, shown: str) -> None:
    from policyopts.report import _as_of

    assert _as_of(as_of) == shown
