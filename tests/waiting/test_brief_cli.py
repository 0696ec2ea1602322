"""``policyopts watch`` and the brief's "what to watch" section."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import policyopts as po
from policyopts.cli import main
from policyopts.waiting.examples import with_signposts


def test_watch_without_signposts(
    mali: po.Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = mali.model_dump()
    data["signposts"] = []
    path = po.save_case(po.Case.model_validate(data), tmp_path / "bare.yaml")
    assert main(["watch", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("What to watch")
    assert "lists no signposts" in out
    assert "Triggers to watch" in out
    assert "Negotiate overtakes Aid" in out


def test_watch_on_the_bundled_signposts(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["watch"]) == 0
    out = capsys.readouterr().out
    assert "Signposts by the value of their information" in out
    assert "Contacts between the junta and JNIM" in out
    assert "Adaptive plan: Start with Aid." in out


def test_watch_with_example_signposts(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["watch", "--example-signposts", "--delay", "3", "-f", "markdown"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("## What to watch")
    assert "### Signposts by the value of their information" in out
    assert "| Fuel convoys into Bamako stop |" in out
    assert "Adaptive plan: Start with Aid." in out


def test_watch_to_file_and_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "watch.md"
    assert main(["watch", "-f", "markdown", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("## What to watch")
    assert main(["watch", "--example-signposts", "--delay", "-1"]) == 1
    err = capsys.readouterr().err
    assert err.strip().endswith("delay: expected a number of months >= 0, got -1.0")
    assert main(["watch", "--profile", "nobody"]) == 1


def test_brief_content(mali: po.Case) -> None:
    case = with_signposts(mali)
    brief = po.watch_brief(case, delay=3, delay_cost={"relief": -1})
    assert brief.waiting is not None and brief.pathways is not None
    assert not brief.waiting.pays
    assert "waiting to watch the signposts does not pay" in brief.headline
    d = brief.as_dict()
    assert d["title"] == "What to watch"
    assert d["signposts"]["header"][0] == "Signpost"
    assert len(d["paragraphs"]) == 3
    assert "What to watch" in brief.to_text()
    pays = po.watch_brief(case, delay=3)
    assert "is worth more than deciding now" in pays.headline


def test_markdown_neutralises_case_text(mali: po.Case) -> None:
    data = mali.model_dump()
    aid = [o["id"] for o in data["options"]].index("humanitarian")
    data["options"][aid]["short_name"] = "Aid](http://evil) <script>x</script> *bold*"
    case = po.Case.model_validate(data)
    md = po.watch_brief(case).to_markdown()
    assert re.search(r"(?<!\\)\]\(", md) is None  # no live link anywhere
    assert "Aid\\](http://evil)" in md
    assert "<script>" not in md
    assert "\\<script\\>" in md
    fig = po.plots.pathways_map(po.pathways(case))
    assert not fig.axes[0].title.get_parse_math()
