"""``policyopts report``: the self-contained HTML brief."""

from __future__ import annotations

import argparse

from policyopts.cli._output import write
from policyopts.io import load_case

__all__ = ["run"]


def run(args: argparse.Namespace) -> int:
    """``policyopts report``."""
    from policyopts.report import build_report

    case = load_case(args.case)
    text = build_report(
        case,
        profile=args.profile,
        method=args.method,
        seed=args.seed,
        n_samples=args.samples,
    )
    out = write(args, text, announce=False)
    size = len(text.encode("utf-8"))
    print(f"wrote {out} ({size / 1024:.0f} KiB): open it in a browser")
    return 0
