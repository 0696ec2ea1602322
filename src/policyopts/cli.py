"""The ``policyopts`` command line.

Errors print one line (``policyopts: error: FILE: FIELD: message (got VALUE)``)
and exit with status 1; usage mistakes exit with status 2. No tracebacks.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import json
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from policyopts import methods as _methods
from policyopts._limits import check_size
from policyopts._tables import csv_safe
from policyopts._version import __version__
from policyopts.audit import audit as run_audit
from policyopts.audit import evidence_summary
from policyopts.compare import compare, compare_profiles
from policyopts.exceptions import CaseError
from policyopts.io import bundled_cases, case_schema, field_locator, load_case, write_atomic
from policyopts.model import Case
from policyopts.riskregister import risk_register
from policyopts.triangulation import triangulate

__all__ = ["main", "printable"]

DEFAULT_CASE = "mali"
FORMATS = ("table", "markdown", "csv", "html", "latex", "xlsx")

_EPILOG = """\
examples:
  policyopts compare                         the bundled Mali case, default profile
  policyopts compare --profile all           every stakeholder profile, then ranks side by side
  policyopts compare my_case.yaml --profile ct_first --method topsis --format markdown
  policyopts compare --method all            every MCDA method side by side, with agreement
  policyopts risks --scenario strangulation  the risk register under a scenario
  policyopts sensitivity --profile all       SMAA and stability, with a verdict per profile
  policyopts compare --profile all -f xlsx -o mali.xlsx   one sheet per profile
  policyopts validate criteria/mali.yaml     check a case and audit its evidence
  policyopts validate mali --audit           coherence audit: findings with file and line
  policyopts compare --drivers               what drives the answer: shares of the differences
  policyopts report -o mali.html             a self-contained HTML brief
  policyopts schema -o case.schema.json      JSON Schema for editor autocompletion
  policyopts serve --token T                 a live workshop in the browser (join link printed)
  policyopts form -o form.xlsx               an Excel participant form for offline workshops
  policyopts portfolios toy_portfolio --budget money=120   combinations under budgets
"""


#: Suffixes an output file of each format may have ("" for none).
_SUFFIXES: dict[str, tuple[str, ...]] = {
    "table": (".txt", ".text", ""),
    "markdown": (".md", ".markdown", ".txt"),
    "csv": (".csv", ".txt"),
    "html": (".html", ".htm"),
    "latex": (".tex", ".latex"),
    "xlsx": (".xlsx",),
    "json": (".json",),
}


def _check_output(output: str | None, fmt: str) -> None:
    """Refuse an output file whose suffix does not fit ``fmt`` (before any work)."""
    if not output:
        return
    allowed = _SUFFIXES[fmt]
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


def _write(args: argparse.Namespace, data: str | bytes, *, announce: bool = True) -> Path:
    """Write a command's ``-o`` output: the one place the CLI writes a file,
    atomically, never over one of its inputs or a device (see
    :func:`policyopts.io.write_atomic`)."""
    out = write_atomic(args.output, data, inputs=_inputs(args))
    if announce:
        print(f"wrote {args.output}", file=sys.stderr)
    return out


#: Widest terminal line we aim for when the terminal does not say (``COLUMNS`` does).
DEFAULT_WIDTH = 100


def _width() -> int:
    """Columns to fit: the terminal's (``COLUMNS`` overrides), else 100."""
    import shutil

    return max(40, shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns)


def _fit(text: str, width: int) -> str:
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


def _emit(text: str, args: argparse.Namespace) -> None:
    if args.output:
        _write(args, text if text.endswith("\n") else text + "\n")
    else:
        # Prose is wrapped for a reader at a terminal (or when COLUMNS says how wide);
        # piped output keeps one sentence a line for the programs that read it.
        wrap = sys.stdout.isatty() or "COLUMNS" in os.environ
        print(_fit(text, _width()) if wrap else text)


def _render(obj: Any, fmt: str, title: str) -> str:
    if fmt == "table":
        from policyopts.results import Result

        text = obj.to_text(width=_width()) if isinstance(obj, Result) else obj.to_text()
        return f"== {title} ==\n{text}\n{obj.caption()}"
    if fmt == "markdown":
        return f"### {title}\n\n{obj.to_markdown()}"
    if fmt == "html":
        return str(obj.to_html())
    if fmt == "latex":
        return str(obj.to_latex())
    return str(obj.to_csv())


def _cmd_triangulate(args: argparse.Namespace, case: Case, profiles: list[str | None]) -> int:
    blocks = []
    skipped: dict[str, str] = {}
    for prof in profiles:
        tri = triangulate(case, prof, scenario=args.scenario)
        skipped.update(tri.skipped)
        title = case.profile(tri.profile).name if tri.profile else "custom"
        blocks.append(_render(tri, args.format, f"{title}: ranks by method"))
    _emit("\n\n".join(blocks), args)
    for method, why in skipped.items():
        print(f"skipped {method}: {why}", file=sys.stderr)
    return 0


def _cmd_drivers(args: argparse.Namespace, case: Case, profiles: list[str | None]) -> int:
    from policyopts.drivers import drivers

    blocks = []
    for prof in profiles:
        d = drivers(case, prof, scenario=args.scenario)
        title = f"{case.profile(d.profile).name if d.profile else 'custom'}: what drives the answer"
        block = _render(d, args.format, title)
        if args.format == "table":
            block += "\n" + "\n".join(f"- {_plain(t)}" for t in d.sentences())
        blocks.append(block)
    _emit("\n\n".join(blocks), args)
    return 0


def _sheet_names(names: Sequence[str]) -> list[str]:
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


def _write_xlsx(sheets: dict[str, Any], args: argparse.Namespace) -> None:
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
    titles = _sheet_names(names)
    if titles != names:
        key = pd.DataFrame({"sheet": titles, "name": names})
        titles = _sheet_names([*titles, "sheets"])
        sheets = {**sheets, "sheets": key.set_index("sheet")}
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for title, frame in zip(titles, sheets.values(), strict=True):
            safe = csv_safe(frame).map(cell)
            safe.index = safe.index.map(cell)
            safe.columns = safe.columns.map(cell)
            safe.to_excel(writer, sheet_name=title)
    _write(args, buffer.getvalue())


def _cmd_compare(args: argparse.Namespace) -> int:
    case = load_case(args.case)
    fmt = args.format
    if fmt == "xlsx":
        profiles_x = [p.id for p in case.profiles] if args.profile == "all" else [args.profile]
        sheets: dict[str, Any] = {}
        for prof in profiles_x:
            if args.method == "all":
                tri = triangulate(case, prof, scenario=args.scenario)
                sheets[str(tri.profile)] = tri.ranks
                continue
            cmp = compare(case, prof, args.method, scenario=args.scenario)
            frame = cmp.table.copy()
            frame.insert(0, "name", [cmp.option_names[o] for o in frame.index])
            sheets[str(cmp.profile or "custom")] = frame
        _write_xlsx(sheets, args)
        return 0
    profiles: list[str | None] = (
        [p.id for p in case.profiles] if args.profile == "all" else [args.profile]
    )
    if args.method == "all":
        return _cmd_triangulate(args, case, profiles)
    if args.drivers:
        return _cmd_drivers(args, case, profiles)
    blocks: list[str] = []
    for prof in profiles:
        cmp = compare(case, prof, args.method, scenario=args.scenario)
        if fmt == "table":
            title = case.profile(cmp.profile).name if cmp.profile else "custom"
            blocks.append(f"== {title} ==\n{cmp.to_text(width=_width())}\n{cmp.caption()}")
        elif fmt == "markdown":
            title = case.profile(cmp.profile).name if cmp.profile else "custom"
            blocks.append(f"### {title}\n\n{cmp.to_markdown()}")
        elif fmt == "html":
            blocks.append(cmp.to_html())
        elif fmt == "latex":
            blocks.append(cmp.to_latex())
        else:
            frame = cmp.table.copy()
            frame.insert(0, "profile", cmp.profile)
            frame.insert(1, "name", [cmp.option_names[o] for o in frame.index])
            blocks.append(csv_safe(frame).to_csv(header=not blocks))
    if args.profile == "all" and fmt in ("table", "markdown") and len(profiles) > 1:
        pc = compare_profiles(case, args.method, scenario=args.scenario)
        if fmt == "table":
            verdict = (
                "every profile puts the same option first"
                if pc.same_top
                else "the top option depends on the profile"
            )
            blocks.append(
                f"== Ranks by profile ({verdict}) ==\n{pc.to_text(width=_width())}\n{pc.caption()}"
            )
        else:
            blocks.append(f"### Ranks by profile\n\n{pc.to_markdown()}")
    sep = "" if fmt == "csv" else "\n\n"
    _emit(sep.join(b.rstrip("\n") if fmt == "csv" else b for b in blocks), args)
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    try:
        case = load_case(args.case)
    except CaseError as exc:
        if args.all:
            print(exc.report(), file=sys.stderr)
            return 1
        raise
    print(f"{args.case}: valid case {case.id!r} — {case.title}")
    for line in evidence_summary(case):
        print(f"  {line}")
    if not (args.audit or args.strict):
        return 0
    result = run_audit(case)
    where = field_locator(args.case)
    for line in result.lines(where):
        print(_plain(line))
    print(
        f"audit: {result.count('error')} error(s), {result.count('warning')} warning(s), "
        f"{result.count('info')} note(s)"
    )
    return 1 if result.failed(strict=args.strict) else 0


def _plain(text: str) -> str:
    """Text for the terminal: control characters replaced."""
    return "".join(ch if ch.isprintable() else "?" for ch in text)


def _cmd_sensitivity(args: argparse.Namespace) -> int:
    from policyopts.sensitivity.smaa import smaa_case
    from policyopts.sensitivity.stability import stability_table
    from policyopts.sensitivity.summary import robustness_summary

    case = load_case(args.case)
    check_size(case, "sensitivity")
    profiles = (
        [p.id for p in case.profiles] if args.profile == "all" else [case.profile(args.profile).id]
    )
    summary = robustness_summary(
        case, profiles=profiles, method=args.method, n_samples=args.samples, seed=args.seed
    )
    if args.format == "xlsx":
        sheets: dict[str, Any] = {"summary": summary.table}
        for prof in profiles:
            sm = smaa_case(
                case,
                prof,
                method=args.method,
                n_samples=args.samples,
                seed=args.seed,
                weights="profile",
                progress=args.progress,
            )
            sheets[f"{prof} acceptability"] = sm.rank_acceptability
        _write_xlsx(sheets, args)
        return 0
    blocks = [_render(summary, args.format, "How robust is the top option")]
    if args.format == "table":
        blocks[0] += "\n" + "\n".join(f"- {t}" for t in summary.sentences())
    detail = args.detail if args.detail is not None else args.profile != "all"
    if detail and args.format in ("table", "markdown"):
        for prof in profiles:
            sm = smaa_case(
                case,
                prof,
                method=args.method,
                n_samples=args.samples,
                seed=args.seed,
                weights="profile",
                progress=args.progress,
            )
            blocks.append(_render(sm, args.format, f"{case.profile(prof).name}: SMAA"))
            # Weight stability moves one weight against the others: it needs two.
            if (
                _methods.spec(args.method).linear_in_weights
                and len(compare(case, prof).criterion_names) > 1
            ):
                stab = stability_table(case, prof, method=args.method)
                lines = "\n".join(f"- {t}" for t in stab.sentences())
                title = f"{case.profile(prof).name}: stability"
                blocks.append(
                    f"== {title} ==\n{lines}"
                    if args.format == "table"
                    else f"### {title}\n\n{lines}"
                )
    _emit("\n\n".join(blocks), args)
    return 0


def _cmd_risks(args: argparse.Namespace) -> int:
    case = load_case(args.case)
    reg = risk_register(case, scenario=args.scenario)
    if args.format == "xlsx":
        _write_xlsx({"register": reg.table, "burdens": reg.burdens}, args)
        return 0
    _emit(_render(reg, args.format, "Risk register"), args)
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    from policyopts.report import build_report

    case = load_case(args.case)
    text = build_report(
        case,
        profile=args.profile,
        method=args.method,
        seed=args.seed,
        n_samples=args.samples,
    )
    out = _write(args, text, announce=False)
    size = len(text.encode("utf-8"))
    print(f"wrote {out} ({size / 1024:.0f} KiB): open it in a browser")
    return 0


def _cmd_schema(args: argparse.Namespace) -> int:
    _emit(json.dumps(case_schema(), indent=2), args)
    return 0


def _cmd_portfolios(args: argparse.Namespace) -> int:
    from policyopts.portfolio import portfolios, rpm_case

    budgets: dict[str, float] = {}
    for item in args.budget:
        rid, sep, amount = item.partition("=")
        try:
            budgets[rid.strip()] = float(amount)
        except ValueError:
            sep = ""
        if not sep or not rid.strip():
            raise ValueError(f"--budget: expected RESOURCE=AMOUNT, got {item!r}")
    case = load_case(args.case)
    res = portfolios(
        case, args.profile, method=args.method, scenario=args.scenario, budgets=budgets
    )
    robust = rpm_case(
        case,
        args.profile,
        weights=args.weights,
        spread=args.spread,
        scenario=args.scenario,
        budgets=budgets,
    )
    blocks = [_render(res, args.format, "Feasible portfolios")]
    if args.format in ("table", "markdown"):
        names = {o.id: o.label for o in case.options}

        def listed(ids: Sequence[str]) -> str:
            return ", ".join(names[i] for i in ids) or "none"

        lines = [
            f"Best portfolio: {listed(res.best)}",
            f"Non-dominated portfolios ({robust.weight_set}): {len(robust.portfolios)} "
            f"of {robust.result.n_feasible} feasible",
            f"Core actions (in every non-dominated portfolio): {listed(robust.core)}",
            f"Borderline actions: {listed(robust.borderline)}",
            f"Exterior actions (in none): {listed(robust.exterior)}",
        ]
        bullet = "" if args.format == "table" else "- "
        blocks.append("\n".join(bullet + line for line in lines))
    _emit("\n\n".join(blocks), args)
    return 0


def _cmd_cases(args: argparse.Namespace) -> int:
    for name in bundled_cases():
        case = load_case(name)
        print(f"{name}: {case.title}")
    return 0


def _cmd_serve(args: argparse.Namespace) -> int:
    try:
        from policyopts.serve import run
    except ImportError as exc:  # pragma: no cover - the serve extra is in dev
        raise ValueError(str(exc)) from None
    case = load_case(args.case)
    participants = args.participants or f"{case.id}_participants.csv"
    try:
        run(
            case,
            participants_path=participants,
            host=args.host,
            port=args.port,
            token=args.token,
        )
    except ImportError as exc:
        raise ValueError(str(exc)) from None
    return 0


def _cmd_form(args: argparse.Namespace) -> int:
    from policyopts.io.participants_xlsx import write_form

    case = load_case(args.case)
    out = write_form(case, args.output, rows=args.rows)
    print(
        f"wrote {out}: participants fill in the sheet 'Weights'; "
        "read it back with po.read_participants"
    )
    return 0


def _cmd_watch(args: argparse.Namespace) -> int:
    from policyopts.waiting import watch_brief
    from policyopts.waiting.examples import with_signposts

    case = load_case(args.case)
    if args.example_signposts:
        case = with_signposts(case)
    brief = watch_brief(case, args.profile, delay=args.delay)
    text = brief.to_markdown() if args.format == "markdown" else brief.to_text()
    _emit(text, args)
    return 0


def _seed(text: str) -> int:
    """``--seed``: an integer >= 0 (what :func:`numpy.random.default_rng` takes)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected an integer >= 0, got {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected an integer >= 0, got {value}")
    return value


def _positive(text: str) -> int:
    """``--samples``: an integer >= 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected an integer >= 1, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected an integer >= 1, got {value}")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="policyopts",
        description="Compare policy options with multi-criteria decision analysis.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"policyopts {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    p = sub.add_parser(
        "compare",
        help="rank the options of a case",
        description="Rank the options of a case under a weight profile and an MCDA method.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("case", nargs="?", default=DEFAULT_CASE, help="bundled case name or file")
    p.add_argument(
        "--profile", "-p", default=None, help="profile id, or 'all' (default: the case's default)"
    )
    p.add_argument(
        "--method",
        "-m",
        default="wsm",
        choices=[*_methods.available(), "all"],
        help="MCDA method, or 'all' to rank with every method side by side",
    )
    p.add_argument(
        "--scenario", "-s", default=None, help="apply a scenario, or 'expected' / 'assessed'"
    )
    p.add_argument(
        "--format",
        "-f",
        default="table",
        choices=FORMATS,
        help="output format (default: %(default)s; xlsx needs -o FILE.xlsx)",
    )
    p.add_argument("--output", "-o", default=None, help="write to this file instead of stdout")
    p.add_argument(
        "--drivers",
        action="store_true",
        help="each criterion's share of the differences between options (wsm)",
    )
    p.set_defaults(func=_cmd_compare)

    p = sub.add_parser(
        "report",
        help="write a self-contained HTML brief",
        description="Write a self-contained HTML brief (styles and pictures inline).",
    )
    p.add_argument("case", nargs="?", default=DEFAULT_CASE, help="bundled case name or file")
    p.add_argument("--output", "-o", required=True, help="the .html file to write")
    p.add_argument("--profile", "-p", default=None, help="profile the brief leads with")
    p.add_argument("--method", "-m", default="wsm", choices=_methods.available())
    p.add_argument(
        "--seed",
        type=_seed,
        default=0,
        help="seed of the Monte Carlo analyses, an integer >= 0 (default: %(default)s)",
    )
    p.add_argument(
        "--samples",
        type=_positive,
        default=20_000,
        help="Monte Carlo draws (default: %(default)s)",
    )
    p.set_defaults(func=_cmd_report)

    p = sub.add_parser(
        "sensitivity",
        help="how robust the ranking is: SMAA and stability summary",
        description="SMAA-2 (weights centred on each profile, uncertain scores) and "
        "weight-stability intervals, with a per-profile verdict.",
    )
    p.add_argument("case", nargs="?", default=DEFAULT_CASE, help="bundled case name or file")
    p.add_argument("--profile", "-p", default=None, help="profile id, or 'all'")
    p.add_argument("--method", "-m", default="wsm", choices=_methods.available())
    p.add_argument(
        "--samples", "-n", type=_positive, default=20_000, help="SMAA draws (default: %(default)s)"
    )
    p.add_argument(
        "--seed",
        type=_seed,
        default=0,
        help="seed of the draws, an integer >= 0 (default: %(default)s)",
    )
    p.add_argument(
        "--format",
        "-f",
        default="table",
        choices=FORMATS,
        help="output format (default: %(default)s; xlsx needs -o FILE.xlsx)",
    )
    p.add_argument("--output", "-o", default=None, help="write to this file instead of stdout")
    p.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="progress bar on stderr (default: when stderr is a terminal)",
    )
    p.add_argument(
        "--detail",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="rank acceptability and stability per profile (default: unless --profile all)",
    )
    p.set_defaults(func=_cmd_sensitivity)

    p = sub.add_parser("risks", help="the risk register with each option's burden")
    p.add_argument("case", nargs="?", default=DEFAULT_CASE, help="bundled case name or file")
    p.add_argument("--scenario", "-s", default=None, help="apply a scenario's likelihoods")
    p.add_argument(
        "--format",
        "-f",
        default="table",
        choices=FORMATS,
        help="output format (default: %(default)s; xlsx needs -o FILE.xlsx)",
    )
    p.add_argument("--output", "-o", default=None, help="write to this file instead of stdout")
    p.set_defaults(func=_cmd_risks)

    p = sub.add_parser("validate", help="check a case file and audit its evidence")
    p.add_argument("case", help="bundled case name or file")
    p.add_argument("--all", action="store_true", help="list every problem, one per line")
    p.add_argument(
        "--audit",
        action="store_true",
        help="run the coherence audit: one line per finding with file and line; "
        "exit 1 only on errors",
    )
    p.add_argument("--strict", action="store_true", help="with --audit, warnings fail too")
    p.set_defaults(func=_cmd_validate)

    p = sub.add_parser("schema", help="print the JSON Schema of the case format")
    p.add_argument("--output", "-o", default=None, help="write to this file")
    p.set_defaults(func=_cmd_schema)

    p = sub.add_parser(
        "serve",
        help="run a live workshop in the browser (participant and facilitator pages, JSON API)",
        description="Serve the workshop: participants give weights at /participant/, the "
        "facilitator projects /facilitator/, scripts use /api/participants and /api/group. "
        "Every answer is written to the participants file before it is acknowledged.",
    )
    p.add_argument("case", nargs="?", default=DEFAULT_CASE, help="bundled case name or file")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default: loopback only)")
    p.add_argument("--port", type=int, default=8765)
    p.add_argument(
        "--participants",
        default=None,
        help="participants CSV, restored on start and rewritten on every answer "
        "(default: <case id>_participants.csv)",
    )
    p.add_argument(
        "--token",
        default=None,
        help="require this token: a join link ?token=... for the pages, "
        "'Authorization: Bearer ...' for the API",
    )
    p.set_defaults(func=_cmd_serve)

    p = sub.add_parser(
        "form",
        help="write an Excel participant form (for rooms without a network)",
        description="Write an Excel workbook participants fill in by hand (criteria, scales, "
        "validated input cells); po.read_participants reads the filled form.",
    )
    p.add_argument("case", nargs="?", default=DEFAULT_CASE, help="bundled case name or file")
    p.add_argument("--output", "-o", required=True, help="the .xlsx file to write")
    p.add_argument("--rows", type=int, default=40, help="participant rows with validation")
    p.set_defaults(func=_cmd_form)

    p = sub.add_parser(
        "watch",
        help="indicators to watch: triggers, signposts and the value of waiting",
        description="The thresholds of scenario probabilities and weights at which the top "
        "option changes, the signposts ranked by the value of their information, the value "
        "of waiting for them net of delay, and an adaptive plan.",
    )
    p.add_argument("case", nargs="?", default=DEFAULT_CASE, help="bundled case name or file")
    p.add_argument("--profile", "-p", default=None, help="profile id (default: the case's)")
    p.add_argument(
        "--delay", type=float, default=None, help="months to wait (default: longest lead time)"
    )
    p.add_argument(
        "--example-signposts",
        action="store_true",
        help="use the illustrative Mali signposts (policyopts.waiting.examples) in place of "
        "the case's own",
    )
    p.add_argument("--format", "-f", default="table", choices=("table", "markdown"))
    p.add_argument("--output", "-o", default=None, help="write to this file instead of stdout")
    p.set_defaults(func=_cmd_watch)

    p = sub.add_parser(
        "portfolios",
        help="combinations of options under budgets, with robust portfolio modelling",
        description="Rank every feasible portfolio of options under the case's budgets and "
        "constraints, and list the core, borderline and exterior actions (robust portfolio "
        "modelling, Liesiö, Mild & Salo 2007).",
    )
    p.add_argument("case", nargs="?", default=DEFAULT_CASE, help="bundled case name or file")
    p.add_argument("--profile", "-p", default=None, help="profile id (default: the case's)")
    p.add_argument("--method", "-m", default="wsm", choices=_methods.available())
    p.add_argument("--scenario", "-s", default=None, help="apply a scenario")
    p.add_argument(
        "--budget",
        "-b",
        action="append",
        default=[],
        metavar="RESOURCE=AMOUNT",
        help="set a budget (repeatable), e.g. --budget money=150",
    )
    p.add_argument(
        "--weights",
        default="intervals",
        choices=["intervals", "ordinal", "uniform", "fixed"],
        help="weight information for the non-dominated portfolios (default: intervals)",
    )
    p.add_argument("--spread", type=float, default=0.2, help="relative spread of the intervals")
    p.add_argument("--format", "-f", default="table", choices=FORMATS[:-1])
    p.add_argument("--output", "-o", default=None, help="write to this file instead of stdout")
    p.set_defaults(func=_cmd_portfolios)

    p = sub.add_parser("cases", help="list the bundled cases")
    p.set_defaults(func=_cmd_cases)
    return parser


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


class _Printable:
    """A text stream that passes writes through :func:`printable`."""

    def __init__(self, stream: TextIO, *, keep_cr: bool = False) -> None:
        self._stream = stream
        self._keep_cr = keep_cr

    def write(self, text: str) -> int:
        return self._stream.write(printable(text, keep_cr=self._keep_cr))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _quiet_broken_pipe() -> None:
    """The reader of stdout went away (``policyopts ... | head``): point stdout at
    /dev/null so the interpreter's final flush does not complain (the recipe in
    Python's documentation of SIGPIPE)."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.__stdout__.fileno() if sys.__stdout__ else 1)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status.

    Everything the commands print goes through :func:`printable`, so control
    characters in case text never reach the terminal; files written with
    ``-o`` keep each format's own escaping.
    """
    out, err = sys.stdout, sys.stderr
    with (
        contextlib.redirect_stdout(_Printable(out)),
        contextlib.redirect_stderr(_Printable(err, keep_cr=True)),
    ):
        try:
            return _main(argv)
        except BrokenPipeError:
            _quiet_broken_pipe()
            return 0


def _main(argv: Sequence[str] | None) -> int:
    parser = _parser()
    if not (sys.argv[1:] if argv is None else list(argv)):
        parser.print_help()
        return 0
    args = parser.parse_args(argv)
    try:
        fmt = getattr(args, "format", None) or {"report": "html", "schema": "json"}.get(
            args.command
        )
        if fmt in _SUFFIXES:
            _check_output(getattr(args, "output", None), fmt)
        status = int(args.func(args))
        sys.stdout.flush()
        return status
    except BrokenPipeError:
        raise
    except CaseError as exc:
        print(f"policyopts: error: {exc}", file=sys.stderr)
    except (ValueError, OSError) as exc:
        print(f"policyopts: error: {exc}", file=sys.stderr)
    except KeyboardInterrupt:
        print("policyopts: interrupted", file=sys.stderr)
        return 130
    return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
