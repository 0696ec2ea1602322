"""``policyopts brief``: the bottom line in a terminal; ``make demo`` prints it first."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import policyopts as po
from policyopts.cli import main
from policyopts.report import bottom_line


def test_brief_prints_the_bottom_line(capsys: pytest.CaptureFixture[str], mali: po.Case) -> None:
    assert main(["brief", "mali", "--samples", "1000", "--seed", "4"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Bottom line: {mali.title}")
    assert all(len(line) <= 100 for line in out.splitlines())
    # the same sentences, wrapped the same way, as the brief's own bottom line
    assert out.strip() == bottom_line(mali, n_samples=1000, seed=4).to_text(width=100)


def test_brief_width_and_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "bottom_line.txt"
    assert main(["brief", "mali", "--samples", "500", "--width", "60", "-o", str(target)]) == 0
    text = target.read_text(encoding="utf-8")
    assert text.startswith("Bottom line:") and all(len(x) <= 60 for x in text.splitlines())


def test_brief_rejects_a_narrow_width() -> None:
    with pytest.raises(SystemExit):
        main(["brief", "mali", "--width", "10"])


def test_make_demo_prints_the_bottom_line_first() -> None:
    makefile = (Path(__file__).parents[1] / "Makefile").read_text(encoding="utf-8")
    demo = makefile[makefile.index("\ndemo:") :].split("\n\n")[0]
    commands = [line.strip() for line in demo.splitlines()[2:] if line.strip()]
    assert "policyopts brief mali" in commands[0]


def test_brief_refuses_an_oversized_case(
    toy_data: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from policyopts import _limits

    monkeypatch.setattr(_limits, "MAX_OPTIONS", 2)
    with pytest.raises(ValueError, match="options"):
        bottom_line(po.Case.model_validate(toy_data), n_samples=100)
