"""Excel participant forms, for workshops without a network.

:func:`write_form` writes a workbook that participants fill in by hand: an
``Instructions`` sheet, a ``Criteria`` sheet (names, descriptions, scales, what
a swing from worst to best means) and a ``Weights`` sheet whose first row is
the header :func:`policyopts.read_participants` expects (``participant``,
``method``, then one column per criterion id), with validated input cells
(``method`` from a list, numbers 0-100 for swing points or any non-negative
number for direct weights).

:func:`xlsx_to_csv_text` turns the filled ``Weights`` sheet back into the CSV
text that :func:`policyopts.read_participants` parses, so a filled form is read
(and every problem reported) exactly like a CSV file.

Both need the optional ``openpyxl`` package (``pip install policyopts[xlsx]``),
imported only when called.
"""

from __future__ import annotations

import csv
import importlib
import io
import os
from pathlib import Path
from typing import Any

from policyopts.exceptions import CaseError
from policyopts.io._files import read_bounded, write_atomic
from policyopts.model import Case
from policyopts.model.require import require_case

__all__ = ["FORM_SHEET", "MAX_FORM_BYTES", "write_form", "xlsx_to_csv_text"]

#: The sheet holding the participants' numbers.
FORM_SHEET = "Weights"
#: Largest workbook read (bytes).
MAX_FORM_BYTES = 20 * 1024 * 1024
_MAX_ROWS = 10_000
_MAX_COLS = 500
_HINT = "Excel forms need openpyxl: pip install policyopts[xlsx] (or openpyxl>=3.1)"


def _openpyxl() -> Any:
    try:
        return importlib.import_module("openpyxl")
    except ImportError as exc:  # pragma: no cover - openpyxl is in the dev extra
        raise ImportError(_HINT) from exc


def _text(ws: Any, row: int, col: int, value: str) -> Any:
    """Write ``value`` as a text cell (never a formula, whatever it starts with)."""
    cell = ws.cell(row=row, column=col)
    cell.value = value
    cell.data_type = "s"
    return cell


def write_form(case: Case, path: str | os.PathLike[str], *, rows: int = 40) -> Path:
    """Write an Excel participant form for ``case``.

    Parameters
    ----------
    case : Case
    path : path-like
        The ``.xlsx`` file to write.
    rows : int, default 40
        How many participant rows carry input validation.

    Returns
    -------
    pathlib.Path
        The path written.

    Examples
    --------
    >>> import tempfile, pathlib, policyopts as po
    >>> from policyopts.io.participants_xlsx import write_form
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> write_form(po.load_case("mali"), folder / "form.xlsx").name
    'form.xlsx'
    """
    require_case(case)
    if isinstance(rows, bool) or not isinstance(rows, int) or not 1 <= rows <= _MAX_ROWS:
        raise ValueError(f"rows: expected an int from 1 to {_MAX_ROWS}, got {rows!r}")
    dest = Path(path)
    if dest.suffix.lower() != ".xlsx":
        raise ValueError(f"path: the form is an Excel workbook, use .xlsx (got {dest.name!r})")
    openpyxl = _openpyxl()
    Comment = importlib.import_module("openpyxl.comments").Comment
    Font = importlib.import_module("openpyxl.styles").Font
    get_column_letter = importlib.import_module("openpyxl.utils").get_column_letter
    DataValidation = importlib.import_module("openpyxl.worksheet.datavalidation").DataValidation

    crits = list(case.all_criteria)
    wb = openpyxl.Workbook()
    intro = wb.active
    intro.title = "Instructions"
    lines = [
        case.title,
        case.question,
        "",
        f"Fill in the sheet '{FORM_SHEET}': one row per participant.",
        "participant: your name (each name once).",
        "method: 'swing' or 'weights'.",
        "swing: imagine every criterion at its worst; give 100 to the swing from worst to "
        "best you want most, and 0-100 to every other swing for how much it is worth "
        "next to that one (see the sheet 'Criteria').",
        "weights: any non-negative numbers; only their proportions count.",
        "Give a number in every criterion column. Do not change the first row.",
    ]
    for k, line in enumerate(lines, start=1):
        _text(intro, k, 1, line)
    intro["A1"].font = Font(bold=True, size=14)
    intro.column_dimensions["A"].width = 110

    info = wb.create_sheet("Criteria")
    head = ["id", "criterion", "description", "direction", "worst", "best", "unit"]
    for j, h in enumerate(head, start=1):
        _text(info, 1, j, h).font = Font(bold=True)
    for i, c in enumerate(crits, start=2):
        sc = c.scale
        worst, best = (sc.min, sc.max) if c.direction == "benefit" else (sc.max, sc.min)
        for j, v in enumerate([c.id, c.name, c.description, c.direction], start=1):
            _text(info, i, j, v)
        info.cell(row=i, column=5, value=float(worst))
        info.cell(row=i, column=6, value=float(best))
        _text(info, i, 7, sc.unit)
    for letter, width in zip("ABCDEFG", (24, 34, 80, 10, 8, 8, 12), strict=True):
        info.column_dimensions[letter].width = width

    ws = wb.create_sheet(FORM_SHEET)
    header = ["participant", "method", *(c.id for c in crits)]
    for j, h in enumerate(header, start=1):
        cell = _text(ws, 1, j, h)
        cell.font = Font(bold=True)
        if j > 2:
            crit = crits[j - 3]
            cell.comment = Comment(f"{crit.name} ({crit.direction})", "policyopts")
    last = rows + 1
    checks = (
        # (cells, rule, message): a blank cell is allowed, anything else must pass
        (f"B2:B{last}", {"type": "list", "formula1": '"swing,weights"'}, "Choose swing or weights"),
        (
            f"C2:{get_column_letter(len(header))}{last}",
            {"type": "decimal", "operator": "greaterThanOrEqual", "formula1": "0"},
            "A non-negative number (swing points: 0 to 100)",
        ),
        (
            f"A2:A{last}",
            {"type": "textLength", "operator": "lessThanOrEqual", "formula1": "60"},
            "A name of at most 60 characters",
        ),
    )
    for cells, rule, message in checks:
        dv = DataValidation(**rule, allow_blank=True, showErrorMessage=True, error=message)
        dv.add(cells)
        ws.add_data_validation(dv)
    ws.freeze_panes = "C2"
    ws.column_dimensions["A"].width = 22
    ws.active = True
    wb.active = wb.sheetnames.index(FORM_SHEET)
    buffer = io.BytesIO()
    wb.save(buffer)
    write_atomic(dest, buffer.getvalue())
    return dest


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return repr(int(value)) if value.is_integer() and abs(value) < 2**53 else repr(value)
    return str(value)


def xlsx_to_csv_text(path: str | os.PathLike[str], label: str | None = None) -> str:
    """The ``Weights`` sheet of a filled form as CSV text for the participants reader.

    Rows that are entirely empty are dropped; everything else is passed on as
    written, so :func:`policyopts.read_participants` reports bad cells with
    the participant and the column.

    Raises
    ------
    CaseError
        If the file is missing, too large, not an Excel workbook, or has no
        ``Weights`` sheet.
    """
    name = label or os.fspath(path)
    data = read_bounded(path, max_bytes=MAX_FORM_BYTES, what="participant form", label=name)
    openpyxl = _openpyxl()
    from zipfile import BadZipFile

    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (BadZipFile, OSError, KeyError, ValueError) as exc:
        raise CaseError(f"not a readable Excel workbook ({exc})", file=name) from None
    try:
        if FORM_SHEET not in wb.sheetnames:
            raise CaseError(
                f"no sheet {FORM_SHEET!r} (sheets: {', '.join(wb.sheetnames)})", file=name
            )
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        width: int | None = None
        for k, row in enumerate(wb[FORM_SHEET].iter_rows(values_only=True)):
            if k >= _MAX_ROWS:
                raise CaseError(f"more than {_MAX_ROWS} rows", file=name, path=FORM_SHEET)
            cells = [_cell_text(v) for v in row[:_MAX_COLS]]
            while cells and not cells[-1].strip():
                cells.pop()
            if not cells:
                continue
            if width is None:
                width = len(cells)  # the header
            # pad short rows to the header: an empty cell is reported as a missing value
            writer.writerow(cells + [""] * (width - len(cells)))
        return out.getvalue()
    finally:
        wb.close()
