"""``policyopts sensitivity``: how robust the ranking is (SMAA and weight stability)."""

from __future__ import annotations

import argparse
from typing import Any

from policyopts import methods as _methods
from policyopts._limits import check_size
from policyopts.cli._output import bullets, emit, render, write_xlsx
from policyopts.compare import compare
from policyopts.io import load_case
from policyopts.model import Case

__all__ = ["run"]


def _smaa(args: argparse.Namespace, case: Case, profile: str) -> Any:
    """SMAA-2 with weights centred on ``profile``, as the command's options say."""
    from policyopts.sensitivity.smaa import smaa_case

    return smaa_case(
        case,
        profile,
        method=args.method,
        n_samples=args.samples,
        seed=args.seed,
        weights="profile",
        progress=args.progress,
    )


def run(args: argparse.Namespace) -> int:
    """``policyopts sensitivity``."""
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
            sheets[f"{prof} acceptability"] = _smaa(args, case, prof).rank_acceptability
        write_xlsx(sheets, args)
        return 0
    blocks = [render(summary, args.format, "How robust is the top option")]
    if args.format == "table":
        blocks[0] += "\n" + "\n".join(f"- {t}" for t in summary.sentences())
    detail = args.detail if args.detail is not None else args.profile != "all"
    if detail and args.format in ("table", "markdown"):
        for prof in profiles:
            name = case.profile(prof).name
            blocks.append(render(_smaa(args, case, prof), args.format, f"{name}: SMAA"))
            # Weight stability moves one weight against the others: it needs two.
            if (
                _methods.spec(args.method).linear_in_weights
                and len(compare(case, prof).criterion_names) > 1
            ):
                stab = stability_table(case, prof, method=args.method)
                blocks.append(bullets(f"{name}: stability", stab.sentences(), args.format))
    emit("\n\n".join(blocks), args)
    return 0
