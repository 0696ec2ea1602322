"""``policyopts validate``: check a case file, summarise and audit its evidence."""

from __future__ import annotations

import argparse
import sys
from typing import Literal

from policyopts._text import plural
from policyopts.audit import audit as run_audit
from policyopts.audit import evidence_summary
from policyopts.cli._output import plain
from policyopts.exceptions import CaseError
from policyopts.io import field_locator, load_case

__all__ = ["run"]


#: How the audit's closing line counts each severity.
AUDIT_COUNTS: tuple[tuple[Literal["error", "warning", "info"], str], ...] = (
    ("error", "error"),
    ("warning", "warning"),
    ("info", "note"),
)


def run(args: argparse.Namespace) -> int:
    """``policyopts validate``."""
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
        print(plain(line))
    counts = [plural(result.count(k), noun) for k, noun in AUDIT_COUNTS]
    print(f"audit: {', '.join(counts)}")
    return 1 if result.failed(strict=args.strict) else 0
