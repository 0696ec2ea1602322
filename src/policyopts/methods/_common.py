"""Validation shared by the method wrappers: arrays, normalisations and data domains."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import ArrayLike, NDArray

from policyopts import _validate as V
from policyopts._kernels import normalize as _norm
from policyopts.methods._result import MethodResult, make_result

if TYPE_CHECKING:
    from policyopts.methods._registry import MethodSpec

__all__ = [
    "NORMALIZATIONS",
    "RATIO_NORMALIZATIONS",
    "domain_reason",
    "finish",
    "prepare",
    "validate",
]

FloatArray = NDArray[np.float64]

#: Names of the column normalisations (see :func:`policyopts.methods.normalize`).
NORMALIZATIONS: tuple[str, ...] = tuple(_norm.NORMALIZATIONS)
#: Normalisations that divide by the column (ratio scales): they need data >= 0.
RATIO_NORMALIZATIONS: tuple[str, ...] = ("max", "sum")


def prepare(
    matrix: ArrayLike, weights: ArrayLike, types: ArrayLike
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Validate ``matrix (..., m, n)``, ``weights (..., n)`` (rescaled to sum 1) and ``types``."""
    m_arr = V.as_matrix(matrix, "matrix")
    n = m_arr.shape[-1]
    t_arr = V.as_types(types, n, "types")
    w_arr = V.as_weights(weights, n, "weights")
    V.broadcast_batch(m_arr.shape, w_arr.shape)
    return m_arr, w_arr, t_arr


def _first(bad: NDArray[np.bool_], matrix: FloatArray) -> str:
    index = V.first_index(bad)
    return f"entry {V.format_index(index)} is {float(matrix[index]):g}"


def domain_reason(
    who: str,
    matrix: FloatArray,
    types: FloatArray,
    *,
    positive: bool = False,
    nonnegative: bool = False,
    positive_costs: bool = False,
    normalization: str | None = None,
) -> str | None:
    """Why a method cannot run on ``matrix``, in plain language, or None when it can.

    >>> domain_reason("WPM", np.array([[1.0, 2.0], [3.0, 0.0]]), np.ones(2), positive=True)
    'WPM needs strictly positive scores (ratio scale); entry [1, 1] is 0'
    """
    if positive:
        bad = matrix <= 0
        if bad.any():
            return f"{who} needs strictly positive scores (ratio scale); {_first(bad, matrix)}"
    if nonnegative:
        bad = matrix < 0
        if bad.any():
            return f"{who} needs non-negative scores; {_first(bad, matrix)}"
    if positive_costs and (types < 0).any():
        none = ~((matrix > 0) & (types < 0)).any(axis=-1)
        if none.any():
            index = V.first_index(none)
            return (
                f"{who} needs every alternative to score above 0 on some cost criterion; "
                f"row {V.format_index(index)} scores 0 on all of them"
            )
    if normalization in RATIO_NORMALIZATIONS:
        bad = matrix < 0
        if bad.any():
            return (
                f"normalization {normalization!r} needs non-negative scores; {_first(bad, matrix)}"
            )
    return None


def _spec(name: str) -> MethodSpec:
    from policyopts.methods._registry import REGISTRY  # the registry imports the wrappers

    return REGISTRY[name]


def validate(
    name: str,
    matrix: ArrayLike,
    weights: ArrayLike,
    types: ArrayLike,
    normalization: str | None = None,
) -> tuple[FloatArray, FloatArray, FloatArray, str | None]:
    """Validate the inputs of method ``name`` against its registry entry.

    Checks the arrays (:func:`prepare`), that ``normalization`` is one the method
    allows, and that the data lie in the method's domain (a ``ValueError`` starting
    ``"matrix: "`` with the plain reason otherwise).  Returns ``(matrix, weights,
    types, normalization)``.
    """
    from policyopts.methods._registry import reason

    spec = _spec(name)
    norm = (
        V.check_choice(normalization, spec.normalizations, "normalization")
        if spec.normalizations
        else None
    )
    m_arr, w_arr, t_arr = prepare(matrix, weights, types)
    why = reason(spec, m_arr, t_arr, norm)
    if why is not None:
        raise ValueError(f"matrix: {why}")
    # methods and normalisations that divide by the entries: a tiny one overflows
    if spec.requires_positive:
        V.check_not_tiny(m_arr, "matrix", reason=f"for {name} (a ratio-scale method)")
    elif norm in ("max", "sum"):
        V.check_not_tiny(m_arr, "matrix", reason=f"for normalization {norm!r}")
    return m_arr, w_arr, t_arr, norm


_EMPTY: Mapping[str, FloatArray] = MappingProxyType({})


def finish(
    name: str,
    scores: FloatArray,
    normalization: str | None,
    extras: Mapping[str, FloatArray] = _EMPTY,
) -> MethodResult:
    """Rank the scores of method ``name`` in its registered direction and wrap them."""
    return make_result(scores, _spec(name).higher_is_better, name, normalization, extras)
