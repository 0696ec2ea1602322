"""The HTML brief: self-contained, complete, reproducible, and it renders."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from markupsafe import escape

import policyopts as po
from policyopts.report import build_report, case_hash


@pytest.fixture(scope="module")
def html(mali: po.Case) -> str:
    return build_report(mali, n_samples=2_000, seed=3, date=dt.date(2026, 1, 2))


def test_self_contained(html: str) -> None:
    assert html.startswith("<!DOCTYPE html>")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "<script" not in html
    assert html.count('src="data:image/png;base64,') >= 8


def test_every_option_and_section(html: str, mali: po.Case) -> None:
    for option in mali.options:
        assert option.name in html
    for anchor in (
        "options",
        "criteria",
        "comparison",
        "profiles",
        "methods",
        "risks",
        "scenarios",
        "robustness",
        "assessments",
        "evidence",
    ):
        assert f'<section id="{anchor}">' in html
    for source in mali.sources:
        assert escape(source.title) in html
    assert "Bottom line" in html


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
