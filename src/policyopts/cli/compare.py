"""``policyopts compare``: rank the options, by profile, by method (``--method
all``), or with what drives the answer (``--drivers``)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from policyopts._tables import csv_safe
from policyopts.cli._output import emit, plain, render, write_xlsx
from policyopts.compare import Comparison, compare, compare_profiles
from policyopts.io import load_case
from policyopts.model import Case
from policyopts.triangulation import triangulate

__all__ = ["run"]


def _title(case: Case, profile: str | None) -> str:
    return case.profile(profile).name if profile else "custom"


def _named(cmp: Comparison) -> Any:
    """The comparison table with the options' names as its first column."""
    frame = cmp.table.copy()
    frame.insert(0, "name", [cmp.option_names[o] for o in frame.index])
    return frame


def _triangulate(args: argparse.Namespace, case: Case, profiles: list[str | None]) -> int:
    blocks = []
    skipped: dict[str, str] = {}
    for prof in profiles:
        tri = triangulate(case, prof, scenario=args.scenario)
        skipped.update(tri.skipped)
        blocks.append(render(tri, args.format, f"{_title(case, tri.profile)}: ranks by method"))
    emit("\n\n".join(blocks), args)
    for method, why in skipped.items():
        print(f"skipped {method}: {why}", file=sys.stderr)
    return 0


def _drivers(args: argparse.Namespace, case: Case, profiles: list[str | None]) -> int:
    from policyopts.drivers import drivers

    blocks = []
    for prof in profiles:
        d = drivers(case, prof, scenario=args.scenario)
        block = render(d, args.format, f"{_title(case, d.profile)}: what drives the answer")
        if args.format == "table":
            block += "\n" + "\n".join(f"- {plain(t)}" for t in d.sentences())
        blocks.append(block)
    emit("\n\n".join(blocks), args)
    return 0


def _xlsx(args: argparse.Namespace, case: Case, profiles: list[str | None]) -> int:
    sheets: dict[str, Any] = {}
    for prof in profiles:
        if args.method == "all":
            tri = triangulate(case, prof, scenario=args.scenario)
            sheets[str(tri.profile)] = tri.ranks
            continue
        cmp = compare(case, prof, args.method, scenario=args.scenario)
        sheets[str(cmp.profile or "custom")] = _named(cmp)
    write_xlsx(sheets, args)
    return 0


def run(args: argparse.Namespace) -> int:
    """``policyopts compare``."""
    case = load_case(args.case)
    fmt = args.format
    profiles: list[str | None] = (
        [p.id for p in case.profiles] if args.profile == "all" else [args.profile]
    )
    if fmt == "xlsx":
        return _xlsx(args, case, profiles)
    if args.method == "all":
        return _triangulate(args, case, profiles)
    if args.drivers:
        return _drivers(args, case, profiles)
    blocks: list[str] = []
    for prof in profiles:
        cmp = compare(case, prof, args.method, scenario=args.scenario)
        if fmt == "csv":
            frame = _named(cmp)
            frame.insert(0, "profile", cmp.profile)
            blocks.append(csv_safe(frame).to_csv(header=not blocks))
        else:
            blocks.append(render(cmp, fmt, _title(case, cmp.profile)))
    if args.profile == "all" and fmt in ("table", "markdown") and len(profiles) > 1:
        pc = compare_profiles(case, args.method, scenario=args.scenario)
        title = "Ranks by profile"
        if fmt == "table":
            verdict = (
                "every profile puts the same option first"
                if pc.same_top
                else "the top option depends on the profile"
            )
            title += f" ({verdict})"
        blocks.append(render(pc, fmt, title))
    sep = "" if fmt == "csv" else "\n\n"
    emit(sep.join(b.rstrip("\n") if fmt == "csv" else b for b in blocks), args)
    return 0
