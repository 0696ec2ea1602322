"""The ``policyopts`` command line.

Errors print one line (``policyopts: error: FILE: FIELD: message (got VALUE)``)
and exit with status 1; usage mistakes exit with status 2. No tracebacks.

One module per command (``compare``, ``sensitivity``, ``risks``, ``report``,
``validate``, ``cases`` with ``schema``, ``portfolios``, ``watch``, ``workshop``
with ``serve`` and ``form``); ``_parser`` builds the argument tree and
``_output`` holds what every command shares for printing and writing.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Sequence

from policyopts.cli._output import (
    SUFFIXES,
    PrintableStream,
    check_output,
    printable,
    quiet_broken_pipe,
)
from policyopts.exceptions import CaseError

__all__ = ["main", "printable"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status.

    Everything the commands print goes through :func:`printable`, so control
    characters in case text never reach the terminal; files written with
    ``-o`` keep each format's own escaping.
    """
    out, err = sys.stdout, sys.stderr
    with (
        contextlib.redirect_stdout(PrintableStream(out)),
        contextlib.redirect_stderr(PrintableStream(err, keep_cr=True)),
    ):
        try:
            return _main(argv)
        except BrokenPipeError:
            quiet_broken_pipe()
            return 0


def _main(argv: Sequence[str] | None) -> int:
    from policyopts.cli._parser import build_parser

    parser = build_parser()
    if not (sys.argv[1:] if argv is None else list(argv)):
        parser.print_help()
        return 0
    args = parser.parse_args(argv)
    try:
        fmt = getattr(args, "format", None) or {"report": "html", "schema": "json"}.get(
            args.command
        )
        if fmt in SUFFIXES:
            check_output(getattr(args, "output", None), fmt)
        status = int(args.func(args))
        sys.stdout.flush()
        return status
    except BrokenPipeError:
        raise
    except CaseError as exc:
        print(f"policyopts: error: {exc}", file=sys.stderr)
    except (ValueError, OSError) as exc:
        print(f"policyopts: error: {exc}", file=sys.stderr)
    except KeyboardInterrupt:
        print("policyopts: interrupted", file=sys.stderr)
        return 130
    return 1
