"""The HTML brief: self-contained, complete, reproducible, and it renders."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from markupsafe import escape

import policyopts as po
from policyopts.report import ESTIMATIVE_SCALE, bottom_line, build_report, case_hash, estimative
from policyopts.report._estimative import percent


@pytest.fixture(scope="module")
def html(mali: po.Case) -> str:
    return build_report(mali, n_samples=2_000, seed=3, date=dt.date(2026, 1, 2))


def test_self_contained(html: str) -> None:
    assert html.startswith("<!DOCTYPE html>")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "<script" not in html
    assert html.count('<figure><svg xmlns="http://www.w3.org/2000/svg"') == 9
    assert "data:image/png" not in html


#: The brief's sections in reading order: the policymaker's part, then the appendices.
MAIN = ["strategy", "assumptions", "red-team", "watch", "options", "comparison", "criteria"]
MAIN += ["priorities", "scenarios"]
APPENDICES = ["methods", "robustness", "drivers", "risks", "assessments", "evidence"]
APPENDICES += ["estimative-scale", "glossary"]


def _anchors(html: str) -> list[str]:
    return re.findall(r'<section id="([^"]+)"', html)


def test_every_option_and_section_in_order(html: str, mali: po.Case) -> None:
    for option in mali.options:
        assert option.name in html
    assert _anchors(html) == MAIN + APPENDICES
    # the bottom line comes before every section, the appendices after the main part
    assert html.index('id="bottom-line"') < html.index('<section id="strategy"')
    assert html.index('id="appendices"') < html.index('<section id="methods"')
    assert html.index('<section id="scenarios"') < html.index('id="appendices"')
    for source in mali.sources:
        assert escape(source.title) in html


def test_bottom_line_names_top_and_contender(html: str, mali: po.Case) -> None:
    line = bottom_line(mali, n_samples=2_000, seed=3)
    assert line.contested and line.contender is not None
    box = html[html.index('id="bottom-line"') : html.index('<section id="strategy"')]
    assert str(escape(line.sentences[0])) in box
    for option, share in ((line.top, line.top_share), (line.contender, line.contender_share)):
        assert mali.option(option).label in line.sentences[0]
        assert percent(share) in line.sentences[0]
    for sentence in line.sentences[1:]:
        assert str(escape(sentence)) in box


def test_no_jargon_above_the_appendices(html: str) -> None:
    main = html[html.index("<body>") : html.index('id="appendices"')]
    text = re.sub(r"<[^>]+>", " ", main)
    text = re.sub(r'alt="[^"]*"', "", text)
    for word in ("SMAA", "L1", "EVSI", "EVPI", "TOPSIS", "WSM", "minimax", "maximin", "Hurwicz"):
        assert not re.search(rf"\b{word}\b", text), word
    # "profile" is the library's word for a stakeholder's priorities ("low-profile" is case text)
    assert not re.search(r"(?<!-)\bprofiles?\b", text, re.IGNORECASE)
    assert not re.search(r"normali[sz]", text, re.IGNORECASE)


def test_dated_assumptions_and_sources_by_outlet(html: str, mali: po.Case) -> None:
    assert "Assumptions as of December 2025" in html
    assert "Generated on 2026-01-02" in html
    evidence = html[html.index('<section id="evidence"') :]
    for source in mali.sources:
        assert str(escape(source.citation())) in evidence
        for name in source.document.replace(";", " ").split():
            if name.endswith(".txt"):
                assert name not in html  # never by file name


def test_estimative_words_and_scale(html: str, mali: po.Case) -> None:
    for s in mali.scenarios:
        assert f"{estimative(s.probability)} ({percent(s.probability)})" in html
    scale = html[html.index('<section id="estimative-scale"') :]
    for phrase, low, high in ESTIMATIVE_SCALE:
        assert f"<td>{phrase}</td><td>{100 * low:.0f}–{100 * high:.0f}%</td>" in scale


def test_strategy_costs_and_decision_points(html: str, mali: po.Case) -> None:
    part = html[html.index('<section id="strategy"') : html.index('<section id="assumptions"')]
    assert "Negotiate + Aid" in part
    assert "620" in part and "1200" in part  # total and budget, in the case's units
    assert escape("USD million over three years") in part
    assert "analyst judgement" in part  # the costs are flagged as judgement, as the case does
    assert "Decision point" in part


def test_red_team_argues_for_the_last_option(html: str, mali: po.Case) -> None:
    part = html[html.index('<section id="red-team"') : html.index('<section id="watch"')]
    assert "Red team: the case for Re-partner" in part
    assert "counterterrorism effect" in part


def test_reproducibility_footer(html: str, mali: po.Case) -> None:
    assert f"policyopts {po.__version__}" in html
    assert "2026-01-02" in html and "seed 3" in html and "2,000 draws" in html
    assert case_hash(mali) in html
    assert len(case_hash(mali)) == 64


def test_same_inputs_same_report(mali: po.Case, html: str) -> None:
    again = build_report(mali, n_samples=2_000, seed=3, date=dt.date(2026, 1, 2))
    assert again == html


def test_report_writes_atomically(tmp_path: Path, mali: po.Case) -> None:
    out = po.report(mali, tmp_path / "brief.html", n_samples=1_000)
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["brief.html"]


def test_case_hash_tracks_content(mali: po.Case) -> None:
    changed = mali.model_copy(update={"title": "Another title"})
    assert case_hash(changed) != case_hash(mali)


@pytest.mark.skipif(shutil.which("chromium") is None, reason="headless Chromium not installed")
def test_renders_in_headless_chromium(tmp_path: Path, html: str) -> None:
    page = tmp_path / "brief.html"
    page.write_text(html, encoding="utf-8")
    shot = tmp_path / "shot.png"
    subprocess.run(
        [
            "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--window-size=1100,3000",
            f"--screenshot={shot}",
            page.as_uri(),
        ],
        check=False,
        capture_output=True,
        timeout=120,
    )
    assert shot.is_file() and shot.stat().st_size > 50_000


def test_first_screen_shows_the_bottom_line(tmp_path: Path, html: str, mali: po.Case) -> None:
    """In headless Chromium (1280 x 800, a laptop screen) the bottom line's lead sentence,
    naming the top option and its contender, is visible without scrolling."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright not installed")
    exe = os.environ.get("POLICYOPTS_CHROMIUM") or shutil.which("chromium")
    if exe is None:
        pytest.skip("headless Chromium not installed")
    page_file = tmp_path / "brief.html"
    page_file.write_text(html, encoding="utf-8")
    line = bottom_line(mali, n_samples=2_000, seed=3)
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=exe, args=["--headless=new", "--no-sandbox", "--disable-gpu"]
        )
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.goto(page_file.as_uri())
            lead = page.locator(".bottom-line p.lead")
            box = lead.bounding_box()
            assert box is not None and box["y"] + box["height"] <= 800
            shown = lead.inner_text()
            assert shown == line.sentences[0]
            for option in (line.top, line.contender):
                assert option is not None and mali.option(option).label in shown
            headings = page.locator("h2").all_inner_texts()
            assert headings[:2] == ["Bottom line", "Recommended strategy"]
        finally:
            browser.close()


def test_drivers_and_indicators_to_watch(html: str, mali: po.Case) -> None:
    """The brief says what drives the answer and what to watch (issues 12 and 14)."""
    d = po.drivers(mali, mali.profile().id)
    assert escape(d.sentences()[0]) in html
    w = po.watch_brief(mali, mali.profile().id)
    for sentence in w.triggers.sentences()[:1]:
        assert escape(sentence.split(",")[0][3:]) in html  # "the weight on …" / "the probability …"
    assert "Indicators to watch" in html and "What drives the answer" in html
    assert "worth little" in html
