"""Sizes the brief and the command line's analyses handle.

A case that validates (within the limits of :mod:`policyopts.model.limits`)
can still be too large to present: every figure of the brief has a row per
option, and the Monte Carlo analyses keep tallies that grow with the square
(or cube) of the number of options. Rather than run for minutes and fail on
memory, :func:`check_size` refuses such a case up front with one line naming
the limit. The limits are documented in ``docs/errors.md``.
"""

from __future__ import annotations

from policyopts.model import Case

__all__ = ["BRIEF_DRAWS", "MAX_CRITERIA", "MAX_OPTIONS", "check_size"]

#: Most options the brief and ``policyopts sensitivity`` handle.
MAX_OPTIONS = 200
#: Most criteria (risk burden included) the brief and ``sensitivity`` handle.
MAX_CRITERIA = 200
#: Simulations per stakeholder profile in the brief (``policyopts report`` and
#: ``policyopts brief``): at 10,000 draws the standard error of a share is at
#: most 0.5 percentage point (:math:`\sqrt{0.25 / 10\,000}`), below the whole
#: percentages the brief prints.
BRIEF_DRAWS = 10_000


def check_size(case: Case, what: str) -> None:
    """Raise :class:`ValueError` (one line) if ``case`` exceeds a limit of ``what``.

    Examples
    --------
    >>> import policyopts as po
    >>> check_size(po.load_case("mali"), "the brief") is None
    True
    """
    counts = (
        ("options", len(case.options), MAX_OPTIONS),
        ("criteria", len(case.all_criteria), MAX_CRITERIA),
    )
    for name, count, limit in counts:
        if count > limit:
            raise ValueError(
                f"case {case.id!r}: {count:,} {name}; {what} handles at most {limit:,} "
                "(limits: docs/errors.md)"
            )
