"""``policyopts cases`` and ``policyopts schema``: the bundled cases and the
JSON Schema of the case format."""

from __future__ import annotations

import argparse
import json

from policyopts.cli._output import emit
from policyopts.io import bundled_cases, case_schema, load_case

__all__ = ["run_cases", "run_schema"]


def run_cases(args: argparse.Namespace) -> int:
    """``policyopts cases``: one line per bundled case, name and title."""
    for name in bundled_cases():
        case = load_case(name)
        print(f"{name}: {case.title}")
    return 0


def run_schema(args: argparse.Namespace) -> int:
    """``policyopts schema``."""
    emit(json.dumps(case_schema(), indent=2), args)
    return 0
