"""``policyopts brief``: the bottom line of the brief, for a terminal."""

from __future__ import annotations

import argparse

from policyopts.cli._output import emit
from policyopts.io import load_case

__all__ = ["run"]


def run(args: argparse.Namespace) -> int:
    """``policyopts brief``: the sentences :func:`policyopts.report.bottom_line` returns,
    the same that open the HTML brief, wrapped at ``--width`` columns."""
    from policyopts.report import bottom_line

    case = load_case(args.case)
    line = bottom_line(
        case, profile=args.profile, method=args.method, seed=args.seed, n_samples=args.samples
    )
    emit(line.to_text(width=args.width), args)
    return 0
