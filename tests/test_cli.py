"""The command line: output, formats, one-line errors and exit codes."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import policyopts as po
from policyopts.cli import main

REPO = Path(__file__).resolve().parents[1]


def test_compare_default_case(capsys: pytest.CaptureFixture[str], mali: po.Case) -> None:
    assert main(["compare"]) == 0
    out = capsys.readouterr().out
    for option in mali.options:
        assert option.label in out


def test_compare_all_profiles(capsys: pytest.CaptureFixture[str], mali: po.Case) -> None:
    assert main(["compare", "mali", "--profile", "all"]) == 0
    out = capsys.readouterr().out
    for profile in mali.profiles:
        assert f"== {profile.name} ==" in out
    assert "Ranks by profile" in out


@pytest.mark.parametrize(
    ("fmt", "marker"),
    [("markdown", "|:--|"), ("csv", "profile,name,"), ("html", "<table"), ("latex", r"\toprule")],
)
def test_compare_formats(capsys: pytest.CaptureFixture[str], fmt: str, marker: str) -> None:
    assert main(["compare", "--format", fmt]) == 0
    assert marker in capsys.readouterr().out


def test_compare_to_file(tmp_path: Path) -> None:
    out = tmp_path / "t.md"
    assert main(["compare", "--format", "markdown", "-o", str(out)]) == 0
    assert "| Option |" in out.read_text()


def test_validate_reports_the_audit(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "mali"]) == 0
    out = capsys.readouterr().out
    assert "valid case 'mali'" in out
    assert "assessments resting on sources" in out
    assert "citations by source" in out


def test_validate_broken_copy_prints_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = yaml.safe_load((REPO / "criteria" / "mali.yaml").read_text())
    shutil.copy(REPO / "seeds" / "mali.yaml", tmp_path / "evidence.yaml")
    data["evidence_files"] = ["evidence.yaml"]
    data["assessments"][0]["uncertainty"]["low"] = 11
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    first = data["assessments"][0]
    assert "broken.yaml:" in err
    assert f"assessments[{first['option']}][{first['criterion']}].uncertainty" in err
    assert "11" in err


def test_validate_all_lists_every_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], toy_data: dict[str, object]
) -> None:
    toy_data["title"] = ""
    toy_data["options"][0]["name"] = ""  # type: ignore[index]
    path = tmp_path / "c.yaml"
    path.write_text(yaml.safe_dump(toy_data))
    assert main(["validate", str(path), "--all"]) == 1
    assert len(capsys.readouterr().err.strip().splitlines()) == 2


def test_errors_are_one_line_without_traceback(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "policyopts.cli", "compare", str(tmp_path / "none.yaml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1
    assert proc.stderr.strip() == f"policyopts: error: {tmp_path / 'none.yaml'}: file not found"
    assert "Traceback" not in proc.stderr


def test_bad_profile_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", "--profile", "ghost"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "unknown profile 'ghost'" in err


def test_schema_command(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["schema"]) == 0
    assert '"options"' in capsys.readouterr().out
    out = tmp_path / "s.json"
    assert main(["schema", "-o", str(out)]) == 0
    assert out.read_text().startswith("{")


def test_cases_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cases"]) == 0
    assert capsys.readouterr().out.startswith("mali: ")


def test_usage_error_exits_2() -> None:
    with pytest.raises(SystemExit) as info:
        main(["compare", "--method", "nope"])
    assert info.value.code == 2


def test_compare_every_method(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", "--method", "all", "--profile", "humanitarian_first"]) == 0
    out = capsys.readouterr().out
    assert "PROMETHEE II" in out and "All 11 methods put Aid first." in out
    assert main(["compare", "--method", "all", "--profile", "regional_partners"]) == 0
    out = capsys.readouterr().out
    assert "VIKOR, MABAC, SPOTIS put Contain first." in out


@pytest.mark.parametrize("method", ["wsm", "wpm", "topsis", "vikor", "promethee_ii"])
def test_every_method_and_profile(method: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", "--method", method, "--profile", "all"]) == 0
    assert "Ranks by profile" in capsys.readouterr().out


def test_risks_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["risks", "--scenario", "strangulation", "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert "Total burden" in out and "scenario strangulation" in out


def test_sensitivity_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sensitivity", "--samples", "2000", "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert "How robust is the top option" in out
    assert "Rank 1" in out and "stays first unless" in out


def test_sensitivity_all_profiles_markdown(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sensitivity", "-p", "all", "-n", "1000", "-f", "markdown"]) == 0
    out = capsys.readouterr().out
    assert out.count(": SMAA") == 0
    assert main(["sensitivity", "-p", "all", "-n", "1000", "-f", "markdown", "--detail"]) == 0
    assert capsys.readouterr().out.count(": SMAA") == 6


def test_xlsx_exports(tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    pytest.importorskip("openpyxl")
    out = tmp_path / "m.xlsx"
    assert main(["compare", "--profile", "all", "-f", "xlsx", "-o", str(out)]) == 0
    with pd.ExcelFile(out) as book:
        assert "balanced" in book.sheet_names and len(book.sheet_names) == 6
    frame = pd.read_excel(out, sheet_name="balanced", index_col=0)
    assert {"name", "score", "rank"} <= set(frame.columns)
    risks = tmp_path / "r.xlsx"
    assert main(["risks", "-f", "xlsx", "-o", str(risks)]) == 0
    with pd.ExcelFile(risks) as book:
        assert book.sheet_names == ["register", "burdens"]


def test_xlsx_needs_an_output_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", "-f", "xlsx"]) == 1
    assert "needs a file" in capsys.readouterr().err


def test_report_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "brief.html"
    assert main(["report", "-o", str(out), "--samples", "2000"]) == 0
    text = out.read_text(encoding="utf-8")
    assert "wrote" in capsys.readouterr().out
    assert text.count('<figure><svg xmlns="http://www.w3.org/2000/svg"') == 9
    # nothing loaded from the network (the SVG namespace is a name, not a fetch)
    bare = text.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "http://" not in bare and "https://" not in bare


@pytest.mark.parametrize("columns", [100, 120])
def test_terminal_output_fits_the_width_and_marks_costs(
    columns: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Tables fit the terminal (COLUMNS) and say which criteria are lower-is-better."""
    monkeypatch.setenv("COLUMNS", str(columns))
    assert main(["compare", "mali"]) == 0
    assert (
        main(["sensitivity", "mali", "--profile", "all", "--samples", "500", "--no-progress"]) == 0
    )
    out = capsys.readouterr().out
    assert max(len(line) for line in out.splitlines()) <= columns
    costs = [c for c in po.load_case("mali").all_criteria if c.direction == "cost"]
    assert out.count("↓") >= len(costs) + 1 and "lower is" in out  # each cost, and the note
