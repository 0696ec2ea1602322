"""``policyopts risks``: the risk register with each option's burden."""

from __future__ import annotations

import argparse

from policyopts.cli._output import emit, render, write_xlsx
from policyopts.io import load_case
from policyopts.riskregister import risk_register

__all__ = ["run"]


def run(args: argparse.Namespace) -> int:
    """``policyopts risks``."""
    case = load_case(args.case)
    reg = risk_register(case, scenario=args.scenario)
    if args.format == "xlsx":
        write_xlsx({"register": reg.table, "burdens": reg.burdens}, args)
        return 0
    emit(render(reg, args.format, "Risk register"), args)
    return 0
