"""``policyopts serve`` and ``policyopts form``: a workshop in the browser, or on
paper (an Excel form) where the room has no network."""

from __future__ import annotations

import argparse

from policyopts.io import load_case

__all__ = ["run_form", "run_serve"]


def run_serve(args: argparse.Namespace) -> int:
    """``policyopts serve``: runs until interrupted."""
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


def run_form(args: argparse.Namespace) -> int:
    """``policyopts form``."""
    from policyopts.io.participants_xlsx import write_form

    case = load_case(args.case)
    out = write_form(case, args.output, rows=args.rows)
    print(
        f"wrote {out}: participants fill in the sheet 'Weights'; "
        "read it back with po.read_participants"
    )
    return 0
