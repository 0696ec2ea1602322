"""Standard estimative language: one phrase for every probability the brief states.

The scale is the one US intelligence analysts use (Office of the Director of
National Intelligence, 2015, *Intelligence Community Directive 203:
Analytic Standards*, p. 3):

=====================  ============
phrase                 probability
=====================  ============
almost no chance       1–5%
very unlikely          5–20%
unlikely               20–45%
roughly even chance    45–55%
likely                 55–80%
very likely            80–95%
almost certain         95–99%
=====================  ============

A probability on a boundary takes the phrase nearer to even odds (0.05 is
"very unlikely", 0.55 "roughly even chance", 0.95 "very likely"), so the scale
is symmetric (``p`` and ``1 - p`` get mirrored phrases) and never overstates.
Below 1% reads as "almost no chance", above 99% as "almost certain".
"""

from __future__ import annotations

import math

__all__ = ["ESTIMATIVE_SCALE", "estimative", "percent"]

#: The phrases with their probability ranges, least to most likely.
ESTIMATIVE_SCALE: tuple[tuple[str, float, float], ...] = (
    ("almost no chance", 0.01, 0.05),
    ("very unlikely", 0.05, 0.20),
    ("unlikely", 0.20, 0.45),
    ("roughly even chance", 0.45, 0.55),
    ("likely", 0.55, 0.80),
    ("very likely", 0.80, 0.95),
    ("almost certain", 0.95, 0.99),
)


def estimative(probability: float) -> str:
    """The estimative phrase for ``probability`` (ICD 203 scale).

    Parameters
    ----------
    probability : float
        In [0, 1].

    Returns
    -------
    str
        One of the phrases of :data:`ESTIMATIVE_SCALE`.

    Raises
    ------
    ValueError
        When ``probability`` is not a number in [0, 1].

    Examples
    --------
    >>> estimative(0.61), estimative(0.05), estimative(0.5), estimative(0.95)
    ('likely', 'very unlikely', 'roughly even chance', 'very likely')
    """
    p = float(probability)
    if not math.isfinite(p) or not 0.0 <= p <= 1.0:
        raise ValueError(f"probability: expected a number in [0, 1], got {probability!r}")
    if p <= 0.5:
        # at or below even odds a boundary belongs to the band above it
        return next(phrase for phrase, _, high in ESTIMATIVE_SCALE if p < high)
    # above even odds a boundary belongs to the band below it
    return next(phrase for phrase, low, _ in reversed(ESTIMATIVE_SCALE) if p > low)


def percent(probability: float) -> str:
    """A share as a whole percentage, keeping "<1%" and ">99%" honest.

    Examples
    --------
    >>> percent(0.614), percent(0.001), percent(0.9996), percent(0.0)
    ('61%', '<1%', '>99%', '0%')
    """
    p = float(probability)
    if 0.0 < p < 0.005:
        return "<1%"
    if 0.995 < p < 1.0:
        return ">99%"
    return f"{100 * p:.0f}%"
