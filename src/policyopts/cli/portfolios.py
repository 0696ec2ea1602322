"""``policyopts portfolios``: combinations of options under budgets, with robust
portfolio modelling."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from policyopts.cli._output import emit, render
from policyopts.io import load_case

__all__ = ["budgets", "run"]


def budgets(items: Sequence[str]) -> dict[str, float]:
    """``--budget RESOURCE=AMOUNT`` options as a mapping."""
    out: dict[str, float] = {}
    for item in items:
        rid, sep, amount = item.partition("=")
        try:
            out[rid.strip()] = float(amount)
        except ValueError:
            sep = ""
        if not sep or not rid.strip():
            raise ValueError(f"--budget: expected RESOURCE=AMOUNT, got {item!r}")
    return out


def run(args: argparse.Namespace) -> int:
    """``policyopts portfolios``."""
    from policyopts.portfolio import portfolios, rpm_case

    limits = budgets(args.budget)
    case = load_case(args.case)
    res = portfolios(case, args.profile, method=args.method, scenario=args.scenario, budgets=limits)
    robust = rpm_case(
        case,
        args.profile,
        weights=args.weights,
        spread=args.spread,
        scenario=args.scenario,
        budgets=limits,
    )
    blocks = [render(res, args.format, "Feasible portfolios")]
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
    emit("\n\n".join(blocks), args)
    return 0
