"""Case text in text, Markdown, LaTeX, CSV and XLSX tables (issue 11)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import policyopts as po
from policyopts._tables import (
    csv_safe,
    latex_table,
    markdown_table,
    neutralise,
    text_table,
)

#: A name that, written raw, ends a Markdown table and starts a heading.
SPLITTER = "Act\n\n# Heading | injected"


def test_markdown_cell_cannot_split_the_table() -> None:
    md = markdown_table(["option", "score"], [[SPLITTER, 0.5], ["b", 1.0]])
    lines = md.splitlines()
    assert len(lines) == 4
    assert not any(line.startswith("#") for line in lines)
    # Every row has the header's number of unescaped delimiters.
    assert {line.replace("\\|", "").count("|") for line in lines} == {3}


def test_markdown_escapes_backslash_before_pipe() -> None:
    md = markdown_table(["option"], [["a\\|b"]])
    assert md.splitlines()[2].replace("\\\\", "").replace("\\|", "").count("|") == 2


def test_latex_cell_has_no_blank_line_and_specials_escaped() -> None:
    tex = latex_table(["option"], [["50% & $x_1$\n\n\\input{/etc/passwd}"]], caption="a\n\nb")
    assert "\n\n" not in tex
    assert "\\input{" not in tex
    assert r"50\%" in tex and r"\&" in tex and r"\$" in tex


def test_text_table_one_row_per_option() -> None:
    assert len(text_table(["option"], [[SPLITTER], ["b"]]).splitlines()) == 4


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_neutralise_formula_starts(start: str) -> None:
    assert neutralise(start + "HYPERLINK(1)") == "'" + start + "HYPERLINK(1)"


def test_numbers_stay_numbers() -> None:
    frame = csv_safe(
        pd.DataFrame({"name": ["=1+1", "ok"], "score": [-0.5, 2.0]}, index=["-a", "b"])
    )
    assert frame["score"].tolist() == [-0.5, 2.0]
    assert frame["score"].dtype.kind == "f"
    assert frame["name"].tolist() == ["'=1+1", "ok"]
    assert frame.index.tolist() == ["'-a", "b"]


def _formula_case(toy_data: dict[str, Any]) -> po.Case:
    toy_data["options"][0]["name"] = '=HYPERLINK("http://x","y")'
    toy_data["options"][1]["name"] = "@SUM(1)"
    toy_data["options"][2]["name"] = "-2+3"
    return po.Case.model_validate(toy_data)


def test_comparison_csv_is_neutralised(toy_data: dict[str, Any], tmp_path: Path) -> None:
    cmp = po.compare(_formula_case(toy_data), "even")
    text = cmp.to_csv()
    assert text is not None
    frame = pd.read_csv(io.StringIO(text), index_col=0)
    assert {n[0] for n in frame["name"]} == {"'"}
    assert pd.api.types.is_numeric_dtype(frame["score"])
    cmp.to_csv(tmp_path / "c.csv")
    assert (tmp_path / "c.csv").read_text(encoding="utf-8") == text


def test_result_csv_is_neutralised(toy_data: dict[str, Any]) -> None:
    reg = po.risk_register(_formula_case(toy_data))
    text = reg.to_csv()
    assert text is not None and "\n=" not in text and ",=" not in text and ",@" not in text


def test_cli_csv_and_xlsx_are_neutralised(toy_data: dict[str, Any], tmp_path: Path) -> None:
    from policyopts.cli import main

    case = tmp_path / "case.yaml"
    po.save_case(_formula_case(toy_data), case)
    out = tmp_path / "out.csv"
    assert main(["compare", str(case), "-f", "csv", "-o", str(out)]) == 0
    body = out.read_text(encoding="utf-8")
    assert ",=" not in body and ",@" not in body and ",-2+3" not in body
    xlsx = tmp_path / "out.xlsx"
    assert main(["compare", str(case), "-f", "xlsx", "-o", str(xlsx)]) == 0
    from openpyxl import load_workbook

    sheet = load_workbook(xlsx).worksheets[0]
    cells = [c for row in sheet.iter_rows() for c in row]
    assert not any(c.data_type == "f" for c in cells)
    assert any(c.value == "'@SUM(1)" for c in cells)
    assert any(c.data_type == "n" and isinstance(c.value, float) for c in cells)


def test_xlsx_sheet_names_unique(toy_data: dict[str, Any], tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from policyopts.cli import main

    long = "a" * 31
    toy_data["profiles"][0]["id"] = long + "_one"
    toy_data["profiles"][1]["id"] = long + "_two"
    toy_data["default_profile"] = long + "_one"
    case = tmp_path / "case.yaml"
    po.save_case(po.Case.model_validate(toy_data), case)
    xlsx = tmp_path / "out.xlsx"
    assert main(["compare", str(case), "-p", "all", "-f", "xlsx", "-o", str(xlsx)]) == 0
    book = load_workbook(xlsx)
    assert len(book.sheetnames) == len(toy_data["profiles"]) + 1
    assert len(set(book.sheetnames)) == len(book.sheetnames)
    key = {row[0]: row[1] for row in book["sheets"].iter_rows(min_row=2, values_only=True)}
    assert sorted(key.values()) == sorted(p["id"] for p in toy_data["profiles"])
