"""What every command shares for its output: the terminal width, ``-o`` files
written through :func:`policyopts.io.write_atomic`, Excel workbooks, and the
filter that keeps control characters off the terminal."""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from policyopts._tables import csv_safe
from policyopts.io import write_atomic

__all__ = [
    "DEFAULT_WIDTH",
    "SUFFIXES",
    "PrintableStream",
    "bullets",
    "check_output",
    "emit",
    "fit",
    "plain",
    "printable",
    "quiet_broken_pipe",
    "render",
    "sheet_names",
    "width",
    "write",
    "write_xlsx",
]

#: Suffixes an output file of each format may have ("" for none).
SUFFIXES: dict[str, tuple[str, ...]] = {
    "table": (".txt", ".text", ""),
    "markdown": (".md", ".markdown", ".txt"),
    "csv": (".csv", ".txt"),
    "html": (".html", ".htm"),
    "latex": (".tex", ".latex"),
    "xlsx": (".xlsx",),
    "json": (".json",),
}


def check_output(output: str | None, fmt: str) -> None:
    """Refuse an output file whose suffix does not fit ``fmt`` (before any work)."""
    if not output:
        return
    allowed = SUFFIXES[fmt]
    suffix = Path(output).suffix.lower()
    if suffix not in allowed:
        names = ", ".join(s for s in allowed if s)
        raise ValueError(
            f"--output: {output!r} does not fit the {fmt} format; use a file ending in {names}"
        )


def _inputs(args: argparse.Namespace) -> list[str]:
    """Files an output is made from, which it must never overwrite."""
    case = getattr(args, "case", None)
    return [case] if isinstance(case, str) and Path(case).exists() else []


def write(args: argparse.Namespace, data: str | bytes, *, announce: bool = True) -> Path:
    """Write a command's ``-o`` output: the one place the CLI writes a file,
    atomically, never over one of its inputs or a device (see
    :func:`policyopts.io.write_atomic`)."""
    out = write_atomic(args.output, data, inputs=_inputs(args))
    if announce:
        print(f"wrote {args.output}", file=sys.stderr)
    return out


#: Widest terminal line we aim for when the terminal does not say (``COLUMNS`` does).
DEFAULT_WIDTH = 100


def width() -> int:
    """Columns to fit: the terminal's (``COLUMNS`` overrides), else 100."""
    import shutil

    return max(40, shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns)


def fit(text: str, width: int) -> str:
    """Wrap prose lines longer than ``width`` (table rows, which hold runs of
    two or more spaces between columns, are left alone)."""
    import textwrap

    out: list[str] = []
    for line in text.splitlines():
        table_row = "  " in line.strip() and not line.startswith("- ")
        if len(line) <= width or table_row:
            out.append(line)
            continue
        indent = "  " if line.startswith("- ") else ""
        out.append(textwrap.fill(line, width=width, subsequent_indent=indent))
    return "\n".join(out)


def emit(text: str, args: argparse.Namespace) -> None:
    """Print ``text``, or write it to ``args.output`` when ``-o`` was given."""
    if args.output:
        write(args, text if text.endswith("\n") else text + "\n")
    else:
        # Prose is wrapped for a reader at a terminal (or when COLUMNS says how wide);
        # piped output keeps one sentence a line for the programs that read it.
        wrap = sys.stdout.isatty() or "COLUMNS" in os.environ
        print(fit(text, width()) if wrap else text)


def render(obj: Any, fmt: str, title: str) -> str:
    """One result in one text format, under ``title`` where the format has titles."""
    if fmt == "table":
        from policyopts.results import Result

        text = obj.to_text(width=width()) if isinstance(obj, Result) else obj.to_text()
        return f"== {title} ==\n{text}\n{obj.caption()}"
    if fmt == "markdown":
        return f"### {title}\n\n{obj.to_markdown()}"
    if fmt == "html":
        return str(obj.to_html())
    if fmt == "latex":
        return str(obj.to_latex())
    return str(obj.to_csv())


def bullets(title: str, lines: Sequence[str], fmt: str) -> str:
    """Sentences as a list under a ``table`` or ``markdown`` title."""
    body = "\n".join(f"- {t}" for t in lines)
    return f"== {title} ==\n{body}" if fmt == "table" else f"### {title}\n\n{body}"


def plain(text: str) -> str:
    """Text for the terminal: control characters replaced."""
    return "".join(ch if ch.isprintable() else "?" for ch in text)


def sheet_names(names: Sequence[str]) -> list[str]:
    """Unique Excel sheet names (at most 31 characters, none of ``[]:*?/\\``)
    for ``names``, in order; a clash gets a ``~2``, ``~3``... suffix."""
    out: list[str] = []
    for name in names:
        base = re.sub(r"[\[\]:*?/\\]", "_", name).strip("'") or "sheet"
        candidate, k = base[:31], 1
        while candidate.lower() in {o.lower() for o in out}:
            k += 1
            tail = f"~{k}"
            candidate = base[: 31 - len(tail)] + tail
        out.append(candidate)
    return out


_XLSX_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def write_xlsx(sheets: dict[str, Any], args: argparse.Namespace) -> None:
    """Write DataFrames to an Excel workbook, one sheet each (openpyxl).

    Text cells that would start a formula are prefixed with ``'``
    (:func:`~policyopts._tables.csv_safe`); sheet names are made unique, and
    when any had to be shortened or changed a ``sheets`` sheet says which is which.
    """
    if not args.output:
        raise ValueError("--output: the xlsx format needs a file to write (-o FILE.xlsx)")
    if importlib.util.find_spec("openpyxl") is None:
        raise ValueError("--format xlsx needs openpyxl: pip install policyopts[xlsx]")
    import pandas as pd

    def cell(value: object) -> object:
        # openpyxl refuses the C0 controls other than tab, newline and return.
        return _XLSX_ILLEGAL.sub("\ufffd", value) if isinstance(value, str) else value

    names = list(sheets)
    titles = sheet_names(names)
    if titles != names:
        key = pd.DataFrame({"sheet": titles, "name": names})
        titles = sheet_names([*titles, "sheets"])
        sheets = {**sheets, "sheets": key.set_index("sheet")}
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for title, frame in zip(titles, sheets.values(), strict=True):
            safe = csv_safe(frame).map(cell)
            safe.index = safe.index.map(cell)
            safe.columns = safe.columns.map(cell)
            safe.to_excel(writer, sheet_name=title)
    write(args, buffer.getvalue())


#: Control characters a terminal acts on: C0 (but tab and newline), DEL, C1,
#: and the bidirectional overrides that can make text read differently.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
#: The same, less carriage return (the progress bar on stderr redraws with it).
_CONTROL_BUT_CR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str, *, keep_cr: bool = False) -> str:
    """``text`` with the control characters a terminal would act on (escape
    sequences, OSC 52 clipboard writes, bell, C1 controls, bidirectional
    overrides) replaced by U+FFFD; tabs and newlines are kept.

    Examples
    --------
    >>> printable("red\x1b[31m \x1b]52;c;aGk=\x07 ok")
    'red\ufffd[31m \ufffd]52;c;aGk=\ufffd ok'
    """
    return (_CONTROL_BUT_CR if keep_cr else _CONTROL).sub("\ufffd", text)


class PrintableStream:
    """A text stream that passes writes through :func:`printable`."""

    def __init__(self, stream: TextIO, *, keep_cr: bool = False) -> None:
        self._stream = stream
        self._keep_cr = keep_cr

    def write(self, text: str) -> int:
        return self._stream.write(printable(text, keep_cr=self._keep_cr))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def quiet_broken_pipe() -> None:
    """The reader of stdout went away (``policyopts ... | head``): point stdout at
    /dev/null so the interpreter's final flush does not complain (the recipe in
    Python's documentation of SIGPIPE)."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.__stdout__.fileno() if sys.__stdout__ else 1)
