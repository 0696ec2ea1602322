"""Shared argument validation helpers.

Every helper converts its input to a float64 (or the documented) numpy array and
raises :class:`ValueError` with a message that starts with the argument's name and
states the shape or value at fault, e.g. ``"weights: must be non-negative, got -0.2
at index 3"``.  Nothing here ever returns NaN or inf silently.

The helpers are deliberately general so that other modules (weights, sensitivity,
case loading) can reuse them:

- :func:`as_matrix` -- a decision matrix of shape ``(..., m, n)``;
- :func:`as_weights` -- criterion weights of shape ``(..., n)``, normalised to sum 1;
- :func:`as_types` -- criterion directions, +1 (benefit) / -1 (cost), shape ``(n,)``;
- :func:`as_per_criterion` -- a scalar or ``(n,)`` parameter, returned as ``(n,)``;
- :func:`check_choice` -- a name that must be one of a fixed set;
- :func:`check_in_range`, :func:`check_positive_entries`, :func:`broadcast_batch`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = [
    "as_float_array",
    "as_matrix",
    "as_per_criterion",
    "as_scalar",
    "as_types",
    "as_weights",
    "broadcast_batch",
    "check_choice",
    "check_finite",
    "check_in_range",
    "check_positive_entries",
    "format_index",
]

_T = TypeVar("_T")


def format_index(index: Sequence[int] | tuple[int, ...]) -> str:
    """Format an array index as ``[i, j]`` for error messages.

    >>> format_index((2, 1))
    '[2, 1]'
    """
    return "[" + ", ".join(str(int(i)) for i in index) + "]"


def where(index: tuple[int, ...]) -> str:
    """Describe the location of an entry: ``at index 3`` (1-d) or ``at [2, 1]`` (n-d).

    >>> where((3,)), where((2, 1))
    ('at index 3', 'at [2, 1]')
    """
    if len(index) == 1:
        return f"at index {int(index[0])}"
    return f"at {format_index(index)}"


def first_index(mask: ArrayLike) -> tuple[int, ...]:
    """Index of the first True entry of ``mask`` (C order); ``mask`` must have one.

    >>> first_index(np.array([[False, False], [True, True]]))
    (1, 0)
    """
    return tuple(int(i) for i in np.argwhere(mask)[0])


def _fmt_value(value: Any) -> str:
    return f"{float(value)!r}"


def refuse_first(
    bad: NDArray[np.bool_], arr: NDArray[np.float64], name: str, requirement: str
) -> None:
    """Raise ``"{name}: {requirement}, got {value} at ..."`` for the first True entry of
    ``bad``; do nothing when there is none."""
    if bad.any():
        index = first_index(bad)
        raise ValueError(f"{name}: {requirement}, got {_fmt_value(arr[index])} {where(index)}")


def as_float_array(x: ArrayLike, name: str) -> NDArray[np.float64]:
    """Convert ``x`` to a float64 array, naming ``name`` if that is impossible.

    >>> as_float_array([1, 2], "x")
    array([1., 2.])
    >>> as_float_array("abc", "x")
    Traceback (most recent call last):
    ...
    ValueError: x: could not convert to a float array (got str)
    """
    if isinstance(x, str | bytes):
        raise ValueError(f"{name}: could not convert to a float array (got {type(x).__name__})")
    try:
        arr = np.asarray(x, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ValueError(
            f"{name}: could not convert to a float array (got {type(x).__name__}: {exc})"
        ) from None
    return arr


def as_index(value: Any, size: int, name: str, *, items: str) -> int:
    """``value`` as an integer index into ``size`` ``items`` (``0 <= value < size``).

    >>> as_index(3, 2, "criterion", items="criteria")
    Traceback (most recent call last):
    ...
    ValueError: criterion: index 3 out of range for 2 criteria
    """
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        raise ValueError(f"{name}: expected an integer index, got {value!r}")
    i = int(value)
    if not 0 <= i < size:
        raise ValueError(f"{name}: index {i} out of range for {size} {items}")
    return i


def check_finite(arr: NDArray[np.float64], name: str) -> None:
    """Raise if ``arr`` has a NaN or inf, naming the first offending index.

    >>> check_finite(np.array([[1.0, 2.0], [3.0, np.nan]]), "matrix")
    Traceback (most recent call last):
    ...
    ValueError: matrix: contains NaN or inf at [1, 1]
    """
    bad = ~np.isfinite(arr)
    if bad.any():
        raise ValueError(f"{name}: contains NaN or inf {where(first_index(bad))}")


#: Largest magnitude of a decision-matrix entry. Normalisations square entries
#: (vector) or add a column up (sum); beyond about 1e154 a square overflows to
#: inf and the scores become NaN or all tied, so larger values are refused.
MAX_ABS_ENTRY = 1e150


def check_magnitude(arr: NDArray[np.float64], name: str, limit: float = MAX_ABS_ENTRY) -> None:
    """Raise if an entry of ``arr`` exceeds ``limit`` in magnitude, naming it.

    >>> check_magnitude(np.array([[1.0, 2.0], [3.0, -1e300]]), "matrix")
    Traceback (most recent call last):
    ...
    ValueError: matrix: entries must lie within ±1e+150 (rescale the units), got -1e+300 at [1, 1]
    """
    refuse_first(
        np.abs(arr) > limit, arr, name, f"entries must lie within ±{limit:g} (rescale the units)"
    )


def check_not_tiny(
    arr: NDArray[np.float64], name: str, *, reason: str, limit: float = 1 / MAX_ABS_ENTRY
) -> None:
    """Raise if a non-zero entry of ``arr`` is smaller than ``limit`` in magnitude.

    Normalisations that divide by the entries (``"max"`` and ``"sum"`` on a cost
    criterion) overflow on such values.

    >>> check_not_tiny(np.array([1.0, 1e-300]), "x", reason="here")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: x: entries must be 0 or at least 1e-150 in magnitude here, got 1e-300 at index 1
    """
    tiny = (arr != 0) & (np.abs(arr) < limit)
    refuse_first(tiny, arr, name, f"entries must be 0 or at least {limit:g} in magnitude {reason}")


def as_matrix(
    x: ArrayLike, name: str = "matrix", *, min_alternatives: int = 2
) -> NDArray[np.float64]:
    """Validate a decision matrix of shape ``(..., m, n)``.

    ``m`` (alternatives, axis -2) must be at least ``min_alternatives`` and ``n``
    (criteria, axis -1) at least 1; every entry must be finite and within
    ±:data:`MAX_ABS_ENTRY` (1e150), so that no normalisation overflows.  Leading
    axes are sample (batch) axes.  Returns a float64 array (a copy only when needed).

    >>> as_matrix([[1, 2], [3, 4]]).shape
    (2, 2)
    >>> as_matrix([[1, 2]])
    Traceback (most recent call last):
    ...
    ValueError: matrix: need at least 2 alternatives, got 1
    """
    arr = as_float_array(x, name)
    if arr.ndim < 2:
        raise ValueError(
            f"{name}: expected an array of shape (..., m, n) "
            f"(alternatives x criteria), got shape {arr.shape}"
        )
    m, n = arr.shape[-2], arr.shape[-1]
    if m < min_alternatives:
        raise ValueError(f"{name}: need at least {min_alternatives} alternatives, got {m}")
    if n < 1:
        raise ValueError(f"{name}: need at least 1 criterion, got {n}")
    check_finite(arr, name)
    check_magnitude(arr, name)
    return arr


def as_weights(
    w: ArrayLike, n: int, name: str = "weights", *, normalize: bool = True
) -> NDArray[np.float64]:
    """Validate criterion weights of shape ``(..., n)``.

    Weights must be finite and non-negative and must not sum to zero (per sample).
    With ``normalize=True`` (the default) each weight vector is divided by its sum,
    so the result sums to 1 along the last axis.  Because every method in
    :mod:`policyopts.methods` normalises, multiplying the weights by any positive
    constant changes nothing.

    >>> as_weights([1, 3], 2)
    array([0.25, 0.75])
    >>> as_weights([1, 2, 3, 4], 10)
    Traceback (most recent call last):
    ...
    ValueError: weights: expected shape (..., 10) to match matrix's 10 criteria, got (4,)
    """
    arr = as_float_array(w, name)
    if arr.ndim < 1 or arr.shape[-1] != n:
        raise ValueError(
            f"{name}: expected shape (..., {n}) to match matrix's {n} criteria, got {arr.shape}"
        )
    if arr.size == 0:
        return arr
    with np.errstate(over="ignore"):
        total = arr.sum(axis=-1, keepdims=True)
    if not np.isfinite(total).all():  # a NaN/inf entry (or overflow) makes a sum non-finite
        check_finite(arr, name)
        raise ValueError(
            f"{name}: the sum overflows to inf (values too large; rescale them), "
            f"largest {_fmt_value(arr.max())}"
        )
    refuse_first(arr < 0, arr, name, "must be non-negative")
    zero = total[..., 0] <= 0
    if zero.any():
        if arr.ndim == 1:
            raise ValueError(f"{name}: must not sum to zero")
        index = first_index(zero)
        raise ValueError(f"{name}: must not sum to zero (sample {format_index(index)})")
    if not normalize:
        return arr
    out: NDArray[np.float64] = arr / total
    return out


def as_types(t: ArrayLike, n: int, name: str = "types") -> NDArray[np.float64]:
    """Validate criterion directions: shape ``(n,)``, each +1 (benefit) or -1 (cost).

    >>> as_types([1, -1], 2)
    array([ 1., -1.])
    >>> as_types([1, 0, -1], 3)
    Traceback (most recent call last):
    ...
    ValueError: types: entries must be +1 or -1, got [1, 0, -1]
    """
    arr = as_float_array(t, name)
    if arr.shape != (n,):
        raise ValueError(
            f"{name}: expected shape ({n},) to match matrix's {n} criteria, got {arr.shape}"
        )
    if not np.all((arr == 1.0) | (arr == -1.0)):
        shown = ", ".join(f"{v:g}" for v in arr.tolist())
        raise ValueError(f"{name}: entries must be +1 or -1, got [{shown}]")
    return arr


def as_per_criterion(
    x: ArrayLike, n: int, name: str, *, min_value: float | None = None, strict: bool = False
) -> NDArray[np.float64]:
    """Validate a per-criterion parameter given as a scalar or an ``(n,)`` array.

    Returns a float64 array of shape ``(n,)`` (a scalar is repeated).  With
    ``min_value`` every entry must be ``>= min_value`` (``> min_value`` when
    ``strict``).

    >>> as_per_criterion(2, 3, "p")
    array([2., 2., 2.])
    >>> as_per_criterion([1, 2], 3, "p")
    Traceback (most recent call last):
    ...
    ValueError: p: expected a scalar or shape (3,), got shape (2,)
    >>> as_per_criterion([1, -2, 3], 3, "q", min_value=0)
    Traceback (most recent call last):
    ...
    ValueError: q: must be >= 0, got -2.0 for criterion 1
    """
    arr = as_float_array(x, name)
    if arr.ndim == 0:
        arr = np.full(n, float(arr))
    elif arr.shape != (n,):
        raise ValueError(f"{name}: expected a scalar or shape ({n},), got shape {arr.shape}")
    check_finite(arr, name)
    if min_value is not None:
        bad = arr <= min_value if strict else arr < min_value
        if bad.any():
            j = int(np.argmax(bad))
            op = ">" if strict else ">="
            raise ValueError(
                f"{name}: must be {op} {min_value:g}, got {_fmt_value(arr[j])} for criterion {j}"
            )
    return arr


def as_scalar(x: Any, name: str) -> float:
    """Validate a finite real scalar.

    >>> as_scalar(0.5, "v")
    0.5
    >>> as_scalar([1, 2], "v")
    Traceback (most recent call last):
    ...
    ValueError: v: expected a real scalar, got shape (2,)
    """
    arr = as_float_array(x, name)
    if arr.ndim != 0:
        raise ValueError(f"{name}: expected a real scalar, got shape {arr.shape}")
    value = float(arr)
    if not np.isfinite(value):
        raise ValueError(f"{name}: must be finite, got {value!r}")
    return value


def check_in_range(x: Any, name: str, lo: float, hi: float) -> float:
    """Validate a scalar in the closed interval ``[lo, hi]``.

    >>> check_in_range(1.5, "v", 0, 1)
    Traceback (most recent call last):
    ...
    ValueError: v: must be in [0, 1], got 1.5
    """
    value = as_scalar(x, name)
    if not lo <= value <= hi:
        raise ValueError(f"{name}: must be in [{lo:g}, {hi:g}], got {value!r}")
    return value


def check_choice(value: Any, choices: Iterable[_T], name: str) -> _T:
    """Check that ``value`` is one of ``choices`` and return it.

    >>> check_choice("l2", ("minmax", "max", "sum", "vector"), "normalization")
    Traceback (most recent call last):
    ...
    ValueError: normalization: 'l2' is not one of 'minmax', 'max', 'sum', 'vector'
    """
    options = tuple(choices)
    for option in options:
        if option is None:
            if value is None:
                return option
        elif isinstance(option, str):
            if isinstance(value, str) and value == option:
                return option
        elif value is not None and not isinstance(value, str):
            try:
                if bool(value == option):
                    return option
            except (TypeError, ValueError):
                continue
    listed = ", ".join(repr(c) for c in options)
    raise ValueError(f"{name}: {value!r} is not one of {listed}")


def check_positive_entries(
    arr: NDArray[np.float64], name: str, *, strict: bool = True, reason: str = ""
) -> None:
    """Raise unless every entry is ``> 0`` (``strict``) or ``>= 0``.

    ``reason`` is inserted into the message, e.g. ``"(WPM is a ratio-scale method)"``.

    >>> check_positive_entries(np.array([[1.0, 0.0]]), "matrix", reason="for wpm")
    Traceback (most recent call last):
    ...
    ValueError: matrix: entries must be positive for wpm, got 0.0 at [0, 1]
    """
    kind = "positive" if strict else "non-negative"
    extra = f" {reason}" if reason else ""
    refuse_first(arr <= 0 if strict else arr < 0, arr, name, f"entries must be {kind}{extra}")


def broadcast_batch(
    matrix_shape: tuple[int, ...],
    weights_shape: tuple[int, ...],
    *,
    matrix_name: str = "matrix",
    weights_name: str = "weights",
) -> tuple[int, ...]:
    """Broadcast the leading (sample) axes of a matrix ``(..., m, n)`` and weights ``(..., n)``.

    Returns the broadcast batch shape, e.g. ``()`` for a single problem.

    >>> broadcast_batch((5, 3), (100, 3))
    (100,)
    >>> broadcast_batch((4, 5, 3), (7, 3))
    Traceback (most recent call last):
    ...
    ValueError: weights: leading (sample) shape (7,) does not broadcast with matrix's (4,)
    """
    mb, wb = tuple(matrix_shape[:-2]), tuple(weights_shape[:-1])
    try:
        return tuple(np.broadcast_shapes(mb, wb))
    except ValueError:
        raise ValueError(
            f"{weights_name}: leading (sample) shape {wb} does not broadcast "
            f"with {matrix_name}'s {mb}"
        ) from None
