"""Weighting schemes: turn judgements or data into criterion weights.

Every function validates its input (a :class:`ValueError` names the argument and
the shape or value at fault) and returns a :class:`WeightsResult` whose
``weights`` are a read-only float64 vector that is non-negative and sums to 1.

Subjective schemes
    :func:`direct`, :func:`swing`, :func:`roc`, :func:`rank_sum`,
    :func:`rank_reciprocal`, :func:`ahp`, :func:`bwm`.
Objective (data-based) schemes
    :func:`entropy`, :func:`critic`.
Value trees
    :func:`hierarchical` rolls local weights up to global leaf weights.

The numerical cores live in :mod:`policyopts._kernels.weights`; they are pure
numpy/scipy and some accept batched input.
"""

from __future__ import annotations

from policyopts.weights._result import (
    CR_THRESHOLD,
    SAATY_RANDOM_INDEX,
    Judgement,
    WeightsResult,
)
from policyopts.weights.ahp import (
    ahp,
)
from policyopts.weights.bwm import (
    bwm,
)
from policyopts.weights.direct import (
    direct,
    rank_reciprocal,
    rank_sum,
    roc,
    swing,
)
from policyopts.weights.objective import (
    critic,
    entropy,
)
from policyopts.weights.tree import (
    hierarchical,
)

__all__ = [
    "CR_THRESHOLD",
    "SAATY_RANDOM_INDEX",
    "Judgement",
    "WeightsResult",
    "ahp",
    "bwm",
    "critic",
    "direct",
    "entropy",
    "hierarchical",
    "rank_reciprocal",
    "rank_sum",
    "roc",
    "swing",
]
