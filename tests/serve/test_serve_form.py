"""Excel participant forms: written by ``policyopts form``, read back by read_participants."""

from __future__ import annotations

from pathlib import Path

import pytest

import policyopts as po
from policyopts.cli import main

openpyxl = pytest.importorskip("openpyxl")

from policyopts.io.participants_xlsx import FORM_SHEET, write_form  # noqa: E402

_DATA = Path(__file__).parents[1] / "data" / "participants_swing.csv"


def _fill(path: Path, rows: list[list[object]]) -> None:
    wb = openpyxl.load_workbook(path)
    ws = wb[FORM_SHEET]
    for i, row in enumerate(rows, start=2):
        for j, value in enumerate(row, start=1):
            ws.cell(row=i, column=j, value=value)
    wb.save(path)


def test_form_round_trip(tmp_path: Path, mali: po.Case, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "form.xlsx"
    assert main(["form", "mali", "-o", str(path)]) == 0
    assert "wrote" in capsys.readouterr().out
    wb = openpyxl.load_workbook(path)
    ws = wb[FORM_SHEET]
    header = [c.value for c in ws[1]]
    assert header == ["participant", "method", *mali.criterion_ids]
    kinds = {dv.type for dv in ws.data_validations.dataValidation}
    assert kinds == {"list", "decimal", "textLength"}
    assert wb.active.title == FORM_SHEET
    # fill it with the sample workshop, and read it back like the CSV
    expected = po.read_participants(_DATA, criteria=mali)
    rows: list[list[object]] = []
    for pid in expected.ids:
        rows.append([pid, str(expected.kinds[pid]), *expected.raw.loc[pid].tolist()])
    _fill(path, rows)
    got = po.read_participants(path, criteria=mali)
    assert got.ids == expected.ids
    assert got.weights.to_numpy() == pytest.approx(expected.weights.to_numpy())
    assert list(got.kinds) == list(expected.kinds)
    assert got.source == str(path)


def test_form_errors_name_the_cell(tmp_path: Path, mali: po.Case) -> None:
    path = write_form(mali, tmp_path / "form.xlsx", rows=5)
    ids = mali.criterion_ids
    _fill(path, [["ana", "swing", *([50] * (len(ids) - 1))]])  # last criterion left empty
    with pytest.raises(
        po.CaseError, match=rf"participant 'ana', column '{ids[-1]}'.*missing value"
    ):
        po.read_participants(path, criteria=mali)
    _fill(path, [["ana", "swing", *([50] * (len(ids) - 1)), "lots"]])
    with pytest.raises(po.CaseError, match="not a number"):
        po.read_participants(path, criteria=mali)


def test_case_text_is_never_a_formula(tmp_path: Path, mali: po.Case) -> None:
    data = mali.model_dump()
    data["title"] = "+1 title"
    data["criteria"][0]["description"] = '=HYPERLINK("http://x")'
    case = po.Case.model_validate(data)
    path = write_form(case, tmp_path / "form.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb["Instructions"]["A1"].data_type == "s"
    assert wb["Criteria"]["C2"].value == '=HYPERLINK("http://x")'
    assert wb["Criteria"]["C2"].data_type == "s"


def test_bad_forms(tmp_path: Path, mali: po.Case) -> None:
    with pytest.raises(ValueError, match="xlsx"):
        write_form(mali, tmp_path / "form.csv")
    with pytest.raises(ValueError, match="rows"):
        write_form(mali, tmp_path / "form.xlsx", rows=0)
    with pytest.raises(TypeError, match="case"):
        write_form("mali", tmp_path / "form.xlsx")  # type: ignore[arg-type]
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"not a zip")
    with pytest.raises(po.CaseError, match="not a readable Excel workbook"):
        po.read_participants(junk)
    with pytest.raises(po.CaseError, match="file not found"):
        po.read_participants(tmp_path / "missing.xlsx")
    other = tmp_path / "other.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "Sheet9"
    wb.save(other)
    with pytest.raises(po.CaseError, match="no sheet 'Weights'"):
        po.read_participants(other)


def test_serve_cli_passes_its_options(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, mali: po.Case
) -> None:
    pytest.importorskip("shiny")
    import policyopts.serve as serve

    seen: dict[str, object] = {}

    def fake_run(case: po.Case, **kwargs: object) -> None:
        seen.update(kwargs, case=case.id)

    monkeypatch.setattr(serve, "run", fake_run)
    target = str(tmp_path / "w.csv")
    assert main(["serve", "--port", "9999", "--participants", target, "--token", "t" * 10]) == 0
    assert seen == {
        "case": "mali",
        "participants_path": target,
        "host": "127.0.0.1",
        "port": 9999,
        "token": "t" * 10,
    }
    monkeypatch.chdir(tmp_path)
    assert main(["serve"]) == 0
    assert seen["participants_path"] == "mali_participants.csv" and seen["token"] is None


def test_run_prints_the_links_and_serves(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    mali: po.Case,
    capsys: pytest.CaptureFixture[str],
) -> None:
    pytest.importorskip("shiny")
    uvicorn = pytest.importorskip("uvicorn")
    from policyopts.serve import run

    served: dict[str, object] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: served.update(kw, app=app))
    run(mali, participants_path=tmp_path / "p.csv", port=9001, token="join-token-1")
    err = capsys.readouterr().err
    assert "http://127.0.0.1:9001/participant/?token=join-token-1" in err
    assert "(0 restored)" in err and "warning" not in err
    assert served["host"] == "127.0.0.1" and served["port"] == 9001
    run(mali, participants_path=tmp_path / "p.csv", host="0.0.0.0")
    assert "without --token" in capsys.readouterr().err
