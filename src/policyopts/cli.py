"""The ``policyopts`` command line.

Errors print one line (``policyopts: error: FILE: FIELD: message (got VALUE)``)
and exit with status 1; usage mistakes exit with status 2. No tracebacks.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from policyopts import methods as _methods
from policyopts._version import __version__
from policyopts.audit import audit as run_audit
from policyopts.audit import evidence_summary
from policyopts.compare import compare, compare_profiles
from policyopts.exceptions import CaseError
from policyopts.io import bundled_cases, case_schema, field_locator, load_case
from policyopts.model import Case
from policyopts.riskregister import risk_register
from policyopts.triangulation import triangulate

__all__ = ["main"]

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
  policyopts portfolios toy_portfolio --budget money=120   combinations under budgets
"""


def _emit(text: str, output: str | None) -> None:
    if output:
        Path(output).write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
        print(f"wrote {output}", file=sys.stderr)
    else:
        print(text)


def _render(obj: Any, fmt: str, title: str) -> str:
    if fmt == "table":
        return f"== {title} ==\n{obj.to_text()}\n{obj.caption()}"
    if fmt == "markdown":
        return f"### {title}\n\n{obj.to_markdown()}"
    if fmt == "html":
        return str(obj.to_html())
    if fmt == "latex":
        return str(obj.to_latex())
    return str(obj.to_csv())


def _cmd_triangulate(args: argparse.Namespace, case: Case, profiles: list[str | None]) -> int:
    blocks = []
    for prof in profiles:
        tri = triangulate(case, prof, scenario=args.scenario)
        title = case.profile(tri.profile).name if tri.profile else "custom"
        blocks.append(_render(tri, args.format, f"{title}: ranks by method"))
    _emit("\n\n".join(blocks), args.output)
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
    _emit("\n\n".join(blocks), args.output)
    return 0


def _write_xlsx(sheets: dict[str, Any], output: str | None) -> None:
    """Write DataFrames to an Excel workbook, one sheet each (openpyxl)."""
    if not output:
        raise ValueError("--output: the xlsx format needs a file to write (-o FILE.xlsx)")
    if importlib.util.find_spec("openpyxl") is None:
        raise ValueError("--format xlsx needs openpyxl: pip install policyopts[xlsx]")
    import pandas as pd

    with pd.ExcelWriter(output, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            frame.to_excel(writer, sheet_name=name[:31])
    print(f"wrote {output}", file=sys.stderr)


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
        _write_xlsx(sheets, args.output)
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
            blocks.append(f"== {title} ==\n{cmp.to_text()}\n{cmp.caption()}")
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
            blocks.append(frame.to_csv(header=not blocks))
    if args.profile == "all" and fmt in ("table", "markdown") and len(profiles) > 1:
        pc = compare_profiles(case, args.method, scenario=args.scenario)
        if fmt == "table":
            verdict = (
                "every profile puts the same option first"
                if pc.same_top
                else "the top option depends on the profile"
            )
            blocks.append(f"== Ranks by profile ({verdict}) ==\n{pc.to_text()}\n{pc.caption()}")
        else:
            blocks.append(f"### Ranks by profile\n\n{pc.to_markdown()}")
    sep = "" if fmt == "csv" else "\n\n"
    _emit(sep.join(b.rstrip("\n") if fmt == "csv" else b for b in blocks), args.output)
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
        _write_xlsx(sheets, args.output)
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
            if args.method == "wsm":
                stab = stability_table(case, prof, method=args.method)
                lines = "\n".join(f"- {t}" for t in stab.sentences())
                title = f"{case.profile(prof).name}: stability"
                blocks.append(
                    f"== {title} ==\n{lines}"
                    if args.format == "table"
                    else f"### {title}\n\n{lines}"
                )
    _emit("\n\n".join(blocks), args.output)
    return 0


def _cmd_risks(args: argparse.Namespace) -> int:
    case = load_case(args.case)
    reg = risk_register(case, scenario=args.scenario)
    if args.format == "xlsx":
        _write_xlsx({"register": reg.table, "burdens": reg.burdens}, args.output)
        return 0
    _emit(_render(reg, args.format, "Risk register"), args.output)
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    from policyopts.report import report

    case = load_case(args.case)
    out = report(
        case,
        args.output,
        profile=args.profile,
        method=args.method,
        seed=args.seed,
        n_samples=args.samples,
    )
    print(f"wrote {out} ({out.stat().st_size / 1024:.0f} KiB): open it in a browser")
    return 0


def _cmd_schema(args: argparse.Namespace) -> int:
    _emit(json.dumps(case_schema(), indent=2), args.output)
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
            f"Non-dominated portfolios ({robust.weights}): {len(robust.portfolios)} "
            f"of {robust.result.n_feasible} feasible",
            f"Core actions (in every non-dominated portfolio): {listed(robust.core)}",
            f"Borderline actions: {listed(robust.borderline)}",
            f"Exterior actions (in none): {listed(robust.exterior)}",
        ]
        bullet = "" if args.format == "table" else "- "
        blocks.append("\n".join(bullet + line for line in lines))
    _emit("\n\n".join(blocks), args.output)
    return 0


def _cmd_cases(args: argparse.Namespace) -> int:
    for name in bundled_cases():
        case = load_case(name)
        print(f"{name}: {case.title}")
    return 0


def _cmd_watch(args: argparse.Namespace) -> int:
    from policyopts.waiting import watch_brief
    from policyopts.waiting.examples import with_signposts

    case = load_case(args.case)
    if args.example_signposts:
        case = with_signposts(case)
    brief = watch_brief(case, args.profile, delay=args.delay)
    text = brief.to_markdown() if args.format == "markdown" else brief.to_text()
    _emit(text, args.output)
    return 0


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
    p.add_argument("--format", "-f", default="table", choices=FORMATS)
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
    p.add_argument("--seed", type=int, default=0, help="seed of the Monte Carlo analyses")
    p.add_argument("--samples", type=int, default=20_000, help="Monte Carlo draws")
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
    p.add_argument("--samples", "-n", type=int, default=20_000, help="SMAA draws")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--format", "-f", default="table", choices=FORMATS)
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
    p.add_argument("--format", "-f", default="table", choices=FORMATS)
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

    p = sub.add_parser("cases", help="list the bundled cases")
    p.set_defaults(func=_cmd_cases)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
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
