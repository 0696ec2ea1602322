"""Batched MCDA methods and the method registry.

Eleven methods: WSM, WPM, TOPSIS, VIKOR, PROMETHEE II, MOORA, COPRAS, EDAS,
ARAS, MABAC and SPOTIS.  Every method takes a decision ``matrix`` of shape
``(..., m, n)`` (``m >= 2`` alternatives in rows, ``n`` criteria in columns),
``weights`` of shape ``(..., n)`` and ``types`` of shape ``(n,)`` with +1 for a
benefit criterion (larger is better) and -1 for a cost criterion (smaller is
better).  Leading axes are *samples*: they broadcast between ``matrix`` and
``weights``, so one call scores a matrix under 100,000 weight draws (``matrix
(m, n)``, ``weights (100000, n)`` -> scores ``(100000, m)``), or a stack of
perturbed matrices (``matrix (S, m, n)`` with ``weights (S, n)`` or ``(n,)``).
No method loops over samples in Python.

Weights must be finite, non-negative and not all zero; each weight vector is
divided by its sum, so multiplying the weights by a positive constant changes
nothing.  Bad input raises :class:`ValueError` naming the argument at fault;
data outside a method's domain (WPM with a zero score, say) raise a ValueError
whose message is the plain reason that :func:`applicable` returns.

Each method returns a :class:`MethodResult` with ``scores``, competition
``ranks`` (1 = best; ties share the best rank of the tie, e.g. 1, 2, 2, 4; scores
equal up to a relative 1e-12 of the sample's largest |score| tie), the direction
``higher_is_better`` and method-specific ``extras``.

The registry
------------
:data:`REGISTRY` maps each name to a :class:`MethodSpec`, the only place that
knows method facts: display names, reference, direction, allowed and default
normalisations, options, data domain (``requires_positive`` ...), and the
structural facts analyses rely on (``additive``: per-criterion contributions
exist; ``linear_in_weights``: exact rank crossings; ``pairwise``;
``case_scale``: the case-level ``"scale"`` normalisation).  :func:`spec` looks
one up, :func:`applicable` says why a method cannot run on some data, and
:func:`bind` resolves a method with its normalisation and options for the
case-level analyses.

Adding a method
---------------
Write the kernel (pure numpy, batched, no validation) in
:mod:`policyopts._kernels`; write its validating wrapper in the family module
of this package (``_utility``, ``_reference`` or ``_outranking``: call
``validate(name, ...)``, the kernel, then ``finish(name, ...)``); add one
:class:`MethodSpec` to ``_SPECS`` in ``_registry.py`` and the name to
``__all__`` here.  Every analysis (compare, triangulation, sensitivity, SMAA,
the CLI and the report) then offers it.  Add a test against a published worked
example and, where pymcdm has the method, a cross-check in ``tests/dev``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from numpy.typing import ArrayLike

from policyopts.methods._common import NORMALIZATIONS
from policyopts.methods._normalize import normalize
from policyopts.methods._outranking import PREFERENCE_FUNCTIONS, promethee_ii
from policyopts.methods._reference import edas, mabac, spotis, topsis, vikor
from policyopts.methods._registry import (
    METHODS,
    REGISTRY,
    SCALE_NORMALIZATION,
    MethodCall,
    MethodSpec,
    applicable,
    available,
    bind,
    spec,
)
from policyopts.methods._result import MethodResult
from policyopts.methods._utility import aras, copras, moora, wpm, wsm

__all__ = [
    "METHODS",
    "NORMALIZATIONS",
    "PREFERENCE_FUNCTIONS",
    "REGISTRY",
    "SCALE_NORMALIZATION",
    "MethodCall",
    "MethodResult",
    "MethodSpec",
    "applicable",
    "aras",
    "available",
    "bind",
    "copras",
    "edas",
    "evaluate",
    "get_method",
    "mabac",
    "moora",
    "normalize",
    "promethee_ii",
    "spec",
    "spotis",
    "topsis",
    "vikor",
    "wpm",
    "wsm",
]


def get_method(name: str) -> Callable[..., MethodResult]:
    """The validating function of method ``name``; a ValueError lists the valid names.

    >>> get_method("topsis").__name__
    'topsis'
    """
    return METHODS[spec(name).name]


def evaluate(
    method: str, matrix: ArrayLike, weights: ArrayLike, types: ArrayLike, **options: Any
) -> MethodResult:
    """Run the method named ``method`` with keyword ``options``.

    >>> print(evaluate("topsis", [[1, 2], [2, 1]], [1, 1], [1, 1]).scores)
    [0.5 0.5]
    """
    return get_method(method)(matrix, weights, types, **options)
