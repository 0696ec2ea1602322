"""The argument parser of the ``policyopts`` command line: one sub-command per
module of this package, the options they share built by one helper each."""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable
from typing import Any

from policyopts import methods as _methods
from policyopts._limits import BRIEF_DRAWS
from policyopts._version import __version__

__all__ = ["DEFAULT_CASE", "FORMATS", "build_parser"]

DEFAULT_CASE = "mali"
FORMATS = ("table", "markdown", "csv", "html", "latex", "xlsx")

_EPILOG = """\
examples:
  policyopts compare                         the bundled Mali case, default profile
  policyopts compare --profile all           every stakeholder profile, then ranks side by side
  policyopts compare my_case.yaml --profile ct_first --method topsis --format markdown
  policyopts compare --method all            every MCDA method side by side, with agreement
  policyopts risks --scenario strangulation  the risk register under a scenario
  policyopts sensitivity --profile all       SMAA and stability, with a verdict per profile
  policyopts compare --profile all -f xlsx -o mali.xlsx   one sheet per profile
  policyopts validate criteria/mali.yaml     check a case and audit its evidence
  policyopts validate mali --audit           coherence audit: findings with file and line
  policyopts compare --drivers               what drives the answer: shares of the differences
  policyopts report -o mali.html             a self-contained HTML brief
  policyopts brief                           the brief's bottom line, in 100 columns
  policyopts schema -o case.schema.json      JSON Schema for editor autocompletion
  policyopts serve --token T                 a live workshop in the browser (join link printed)
  policyopts form -o form.xlsx               an Excel participant form for offline workshops
  policyopts portfolios toy_portfolio --budget money=120   combinations under budgets
"""

_TO_FILE = "write to this file instead of stdout"


def _at_least(low: int) -> Callable[[str], int]:
    """An argparse ``type``: an integer >= ``low``."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"expected an integer >= {low}, got {text!r}"
            ) from None
        if value < low:
            raise argparse.ArgumentTypeError(f"expected an integer >= {low}, got {value}")
        return value

    return parse


#: ``--seed``: an integer >= 0 (what :func:`numpy.random.default_rng` takes).
_seed = _at_least(0)
#: ``--samples``: an integer >= 1.
_positive = _at_least(1)


def _command(sub: Any, name: str, target: str, **kw: Any) -> argparse.ArgumentParser:
    """A sub-command ``name`` that runs ``target`` (``"module.function"`` in this
    package), imported only when the command runs, so that ``--help`` and the
    light commands do not load the analysis layer."""
    p: argparse.ArgumentParser = sub.add_parser(name, **kw)
    p.set_defaults(func=_deferred(target))
    return p


def _deferred(target: str) -> Callable[[argparse.Namespace], int]:
    module, _, function = target.partition(".")

    def run(args: argparse.Namespace) -> int:
        loaded = importlib.import_module(f"policyopts.cli.{module}")
        result: int = getattr(loaded, function)(args)
        return result

    run.__qualname__ = run.__name__ = f"{module}.{function}"
    return run


def _case(p: argparse.ArgumentParser, *, optional: bool = True) -> None:
    """The positional case: a bundled name or a file (the Mali case when left out)."""
    if optional:
        p.add_argument("case", nargs="?", default=DEFAULT_CASE, help="bundled case name or file")
    else:
        p.add_argument("case", help="bundled case name or file")


def _profile(p: argparse.ArgumentParser, help: str) -> None:
    p.add_argument("--profile", "-p", default=None, help=help)


def _method(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--method",
        "-m",
        default="wsm",
        choices=_methods.available(),
        help="MCDA method (default: %(default)s)",
    )


def _scenario(p: argparse.ArgumentParser, help: str) -> None:
    p.add_argument("--scenario", "-s", default=None, help=help)


def _format(
    p: argparse.ArgumentParser,
    choices: tuple[str, ...] = FORMATS,
    help: str = "output format (default: %(default)s; xlsx needs -o FILE.xlsx)",
) -> None:
    p.add_argument("--format", "-f", default="table", choices=choices, help=help)


def _output(p: argparse.ArgumentParser, help: str = _TO_FILE, *, required: bool = False) -> None:
    if required:
        p.add_argument("--output", "-o", required=True, help=help)
    else:
        p.add_argument("--output", "-o", default=None, help=help)


def _seed_option(p: argparse.ArgumentParser, what: str) -> None:
    p.add_argument(
        "--seed",
        type=_seed,
        default=0,
        help=f"seed of {what}, an integer >= 0 (default: %(default)s)",
    )


def _samples_option(
    p: argparse.ArgumentParser, help: str, *short: str, default: int = 20_000
) -> None:
    p.add_argument(
        "--samples", *short, type=_positive, default=default, help=f"{help} (default: %(default)s)"
    )


def build_parser() -> argparse.ArgumentParser:
    """The ``policyopts`` parser; each sub-command's ``func`` runs it."""
    parser = argparse.ArgumentParser(
        prog="policyopts",
        description="Compare policy options with multi-criteria decision analysis.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"policyopts {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    p = _command(
        sub,
        "compare",
        "compare.run",
        help="rank the options of a case",
        description="Rank the options of a case under a weight profile and an MCDA method.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _case(p)
    _profile(p, "profile id, or 'all' (default: the case's default)")
    p.add_argument(
        "--method",
        "-m",
        default="wsm",
        choices=[*_methods.available(), "all"],
        help="MCDA method, or 'all' to rank with every method side by side (default: %(default)s)",
    )
    _scenario(p, "apply a scenario, or 'expected' / 'assessed'")
    _format(p)
    _output(p)
    p.add_argument(
        "--drivers",
        action="store_true",
        help="each criterion's share of the differences between options (wsm)",
    )

    p = _command(
        sub,
        "report",
        "report.run",
        help="write a self-contained HTML brief",
        description="Write a self-contained HTML brief (styles and pictures inline).",
    )
    _case(p)
    _output(p, "the .html file to write", required=True)
    _profile(p, "profile the brief leads with")
    _method(p)
    _seed_option(p, "the Monte Carlo analyses")
    _samples_option(p, "Monte Carlo draws per profile", default=BRIEF_DRAWS)

    p = _command(
        sub,
        "brief",
        "brief.run",
        help="print the bottom line of the brief",
        description="The bottom line that opens the HTML brief (policyopts report), robust "
        "findings first: whether the top choice is clear or contested, what ranks last under "
        "nearly every view, the best strategy, and whether waiting pays.",
    )
    _case(p)
    _profile(p, "profile the brief leads with (default: the case's)")
    _method(p)
    _seed_option(p, "the simulations")
    _samples_option(p, "simulations per profile", default=BRIEF_DRAWS)
    p.add_argument(
        "--width", type=_at_least(40), default=100, help="columns to wrap at (default: %(default)s)"
    )
    _output(p)

    p = _command(
        sub,
        "sensitivity",
        "sensitivity.run",
        help="how robust the ranking is: SMAA and stability summary",
        description="SMAA-2 (weights centred on each profile, uncertain scores) and "
        "weight-stability intervals, with a per-profile verdict.",
    )
    _case(p)
    _profile(p, "profile id, or 'all'")
    _method(p)
    _samples_option(p, "SMAA draws", "-n")
    _seed_option(p, "the draws")
    _format(p)
    _output(p)
    p.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="progress bar on stderr (default: when stderr is a terminal)",
    )
    p.add_argument(
        "--detail",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="rank acceptability and stability per profile (default: unless --profile all)",
    )

    p = _command(sub, "risks", "risks.run", help="the risk register with each option's burden")
    _case(p)
    _scenario(p, "apply a scenario's likelihoods")
    _format(p)
    _output(p)

    p = _command(sub, "validate", "validate.run", help="check a case file and audit its evidence")
    _case(p, optional=False)
    p.add_argument("--all", action="store_true", help="list every problem, one per line")
    p.add_argument(
        "--audit",
        action="store_true",
        help="run the coherence audit: one line per finding with file and line; "
        "exit 1 only on errors",
    )
    p.add_argument("--strict", action="store_true", help="with --audit, warnings fail too")

    p = _command(sub, "schema", "cases.run_schema", help="print the JSON Schema of the case format")
    _output(p, "write to this file")

    p = _command(
        sub,
        "serve",
        "workshop.run_serve",
        help="run a live workshop in the browser (participant and facilitator pages, JSON API)",
        description="Serve the workshop: participants give weights at /participant/, the "
        "facilitator projects /facilitator/, scripts use /api/participants and /api/group. "
        "Every answer is written to the participants file before it is acknowledged.",
    )
    _case(p)
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default: loopback only)")
    p.add_argument(
        "--port", type=int, default=8765, help="port to listen on (default: %(default)s)"
    )
    p.add_argument(
        "--participants",
        default=None,
        help="participants CSV, restored on start and rewritten on every answer "
        "(default: <case id>_participants.csv)",
    )
    p.add_argument(
        "--token",
        default=None,
        help="require this token: a join link ?token=... for the pages, "
        "'Authorization: Bearer ...' for the API",
    )

    p = _command(
        sub,
        "form",
        "workshop.run_form",
        help="write an Excel participant form (for rooms without a network)",
        description="Write an Excel workbook participants fill in by hand (criteria, scales, "
        "validated input cells); po.read_participants reads the filled form.",
    )
    _case(p)
    _output(p, "the .xlsx file to write", required=True)
    p.add_argument(
        "--rows",
        type=int,
        default=40,
        help="participant rows with validation (default: %(default)s)",
    )

    p = _command(
        sub,
        "watch",
        "watch.run",
        help="indicators to watch: triggers, signposts and the value of waiting",
        description="The thresholds of scenario probabilities and weights at which the top "
        "option changes, the signposts ranked by the value of their information, the value "
        "of waiting for them net of delay, and an adaptive plan.",
    )
    _case(p)
    _profile(p, "profile id (default: the case's)")
    p.add_argument(
        "--delay", type=float, default=None, help="months to wait (default: longest lead time)"
    )
    p.add_argument(
        "--example-signposts",
        action="store_true",
        help="use the illustrative Mali signposts (policyopts.waiting.examples) in place of "
        "the case's own",
    )
    _format(p, ("table", "markdown"), "output format (default: %(default)s)")
    _output(p)

    p = _command(
        sub,
        "portfolios",
        "portfolios.run",
        help="combinations of options under budgets, with robust portfolio modelling",
        description="Rank every feasible portfolio of options under the case's budgets and "
        "constraints, and list the core, borderline and exterior actions (robust portfolio "
        "modelling, Liesiö, Mild & Salo 2007).",
    )
    _case(p)
    _profile(p, "profile id (default: the case's)")
    _method(p)
    _scenario(p, "apply a scenario")
    p.add_argument(
        "--budget",
        "-b",
        action="append",
        default=[],
        metavar="RESOURCE=AMOUNT",
        help="set a budget (repeatable), e.g. --budget money=150",
    )
    p.add_argument(
        "--weights",
        default="intervals",
        choices=["intervals", "ordinal", "uniform", "fixed"],
        help="weight information for the non-dominated portfolios (default: %(default)s)",
    )
    p.add_argument(
        "--spread",
        type=float,
        default=0.2,
        help="relative spread of the weight intervals (default: %(default)s)",
    )
    _format(p, FORMATS[:-1], "output format (default: %(default)s)")
    _output(p)

    _command(sub, "cases", "cases.run_cases", help="list the bundled cases")
    return parser
