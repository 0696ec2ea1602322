"""``policyopts watch``: triggers, signposts and the value of waiting."""

from __future__ import annotations

import argparse

from policyopts.cli._output import emit
from policyopts.io import load_case

__all__ = ["run"]


def run(args: argparse.Namespace) -> int:
    """``policyopts watch``."""
    from policyopts.waiting import watch_brief
    from policyopts.waiting.examples import with_signposts

    case = load_case(args.case)
    if args.example_signposts:
        case = with_signposts(case)
    brief = watch_brief(case, args.profile, delay=args.delay)
    text = brief.to_markdown() if args.format == "markdown" else brief.to_text()
    emit(text, args)
    return 0
