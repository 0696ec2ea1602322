"""``policyopts portfolios``."""

from __future__ import annotations

from pathlib import Path

import pytest

from policyopts.cli import main


def test_portfolios_command_prints_table_best_and_statuses(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["portfolios", "toy_portfolio", "--budget", "money=120"]) == 0
    out = capsys.readouterr().out
    assert "Feasible portfolios" in out
    assert "Best portfolio: Aid, Mediation" in out
    assert "Core actions (in every non-dominated portfolio): Mediation" in out
    assert "Exterior actions (in none): Governance, Sanctions, Relief" in out
    assert "budgets money 120, political_capital 5" in out


def test_portfolios_command_formats(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["portfolios", "toy_portfolio", "-f", "markdown", "--weights", "ordinal"]) == 0
    assert "- Best portfolio:" in capsys.readouterr().out
    target = tmp_path / "p.csv"
    assert main(["portfolios", "toy_portfolio", "-f", "csv", "-o", str(target)]) == 0
    assert "aid + mediation + governance" in target.read_text()


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--budget", "money"], "expected RESOURCE=AMOUNT"),
        (["--budget", "money=lots"], "expected RESOURCE=AMOUNT"),
        (["--budget", "=3"], "expected RESOURCE=AMOUNT"),
        (["--budget", "gold=3"], "unknown resource 'gold'"),
    ],
)
def test_portfolios_command_bad_budget(
    capsys: pytest.CaptureFixture[str], args: list[str], words: str
) -> None:
    assert main(["portfolios", "toy_portfolio", *args]) == 1
    err = capsys.readouterr().err
    assert words in err
    assert "Traceback" not in err
