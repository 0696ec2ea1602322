"""The result of every weighting scheme, and the input checks they share."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any, TypeVar, cast

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from policyopts._kernels import weights as _k
from policyopts._validate import check_magnitude

FloatArray = NDArray[np.float64]

#: Saaty's random consistency index RI(n), n = 1..15 (``SAATY_RANDOM_INDEX[n - 1]``).
SAATY_RANDOM_INDEX: tuple[float, ...] = _k.SAATY_RANDOM_INDEX

#: Saaty's acceptance threshold for the consistency ratio (CR < 0.10).
CR_THRESHOLD = 0.10

_AHP_DIAGONAL_TOL = 1e-9
_AHP_CONSISTENT_LOG_TOL = 1e-9


# ---------------------------------------------------------------------------
# Result types
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Judgement:
    """One pairwise judgement ``a_ij`` of an AHP matrix and its consistent value.

    Attributes
    ----------
    i, j : int
        Row and column (0-based, ``i < j``: the upper-triangle judgement, "how
        much more important is criterion i than criterion j").
    value : float
        The judgement as given, ``a_ij``.
    consistent_value : float
        The value that would agree with the derived weights, ``w_i / w_j``.
    ratio : float
        ``value / consistent_value = a_ij w_j / w_i`` (Saaty's
        :math:`\\varepsilon_{ij}`); 1 means the judgement is consistent, > 1
        that it overstates i against j, < 1 that it understates it.
    """

    i: int
    j: int
    value: float
    consistent_value: float
    ratio: float

    def __str__(self) -> str:
        return (
            f"a[{self.i}, {self.j}] = {self.value:.4g}; "
            f"consistent value w[{self.i}]/w[{self.j}] = {self.consistent_value:.4g}"
        )


def _empty_mapping() -> Mapping[str, Any]:
    return MappingProxyType({})


@dataclass(frozen=True, repr=False, eq=False)
class WeightsResult:
    """Result of a weighting scheme.

    Attributes
    ----------
    weights : ndarray of float64, shape (n,)
        Non-negative weights summing to 1 (read-only).
    method : str
        Name of the scheme (``"ahp"``, ``"roc"``, ...).
    lambda_max, consistency_index, consistency_ratio : float or None
        AHP only: principal eigenvalue, :math:`CI = (\\lambda_{max} - n)/(n - 1)`
        and :math:`CR = CI / RI_n`.
    is_consistent : bool or None
        AHP only: ``consistency_ratio < 0.10``.
    most_inconsistent : Judgement or None
        AHP only: the judgement that deviates most from the derived weights
        (``None`` when the matrix is consistent).
    xi : float or None
        BWM only: optimal :math:`\\xi^L` of the linear model, also its
        consistency indicator (0 = fully consistent).
    diagnostics : Mapping[str, Any]
        Read-only, method-specific intermediate results (entropies, standard
        deviations, correlation matrix, best/worst index, ...).
    labels : tuple of str or None
        Criterion labels, when the input carried them (a mapping, a pandas
        Series, or a DataFrame's columns); ``None`` for a plain array.
    """

    weights: FloatArray
    method: str
    lambda_max: float | None = None
    consistency_index: float | None = None
    consistency_ratio: float | None = None
    is_consistent: bool | None = None
    most_inconsistent: Judgement | None = None
    xi: float | None = None
    diagnostics: Mapping[str, Any] = field(default_factory=_empty_mapping)
    labels: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        w = np.array(self.weights, dtype=np.float64, copy=True)
        w.setflags(write=False)
        object.__setattr__(self, "weights", w)
        if not isinstance(self.diagnostics, MappingProxyType):
            object.__setattr__(self, "diagnostics", MappingProxyType(dict(self.diagnostics)))

    @property
    def series(self) -> pd.Series:
        """The weights as a pandas Series, indexed by label (by position when unlabelled)."""
        index = pd.Index(
            list(self.labels) if self.labels is not None else range(self.weights.size),
            name="criterion",
        )
        return pd.Series(np.array(self.weights), index=index, name="weight")

    def to_frame(self) -> pd.DataFrame:
        """The weights as a one-column DataFrame (``"weight"``), indexed by criterion."""
        return self.series.to_frame()

    def __repr__(self) -> str:
        w = self.weights
        if self.labels is not None:
            shown = ", ".join(f"{k}={x:.4f}" for k, x in zip(self.labels[:8], w[:8], strict=False))
        else:
            shown = ", ".join(f"{x:.4f}" for x in w[:8])
        if w.size > 8:
            shown += f", ... ({w.size} in all)"
        parts = [f"method={self.method!r}", f"weights=[{shown}]"]
        if self.lambda_max is not None:
            parts.append(f"lambda_max={self.lambda_max:.4f}")
        if self.consistency_ratio is not None:
            parts.append(f"CR={self.consistency_ratio:.4f}")
        if self.xi is not None:
            parts.append(f"xi={self.xi:.4f}")
        return f"WeightsResult({', '.join(parts)})"


_F = TypeVar("_F", bound=Callable[..., WeightsResult])


def _split_labels(x: Any) -> tuple[Any, tuple[str, ...] | None]:
    """Separate labels from values: a Series or mapping gives its keys, a DataFrame its columns."""
    if isinstance(x, pd.DataFrame):
        return x.to_numpy(), tuple(str(c) for c in x.columns)
    if isinstance(x, pd.Series):
        return x.to_numpy(), tuple(str(i) for i in x.index)
    if isinstance(x, Mapping):
        return list(x.values()), tuple(str(k) for k in x)
    return x, None


def labelled(fn: _F) -> _F:
    """Let a scheme take labelled input (a mapping, a Series, a DataFrame) as its
    first argument and return a result carrying the labels."""

    @functools.wraps(fn)
    def wrapper(first: Any, *args: Any, **kwargs: Any) -> WeightsResult:
        values, labels = _split_labels(first)
        result = fn(values, *args, **kwargs)
        return result if labels is None else replace(result, labels=labels)

    return cast(_F, wrapper)


# ---------------------------------------------------------------------------
# Private validation helpers
# ---------------------------------------------------------------------------


def _as_float_array(x: ArrayLike, name: str) -> FloatArray:
    try:
        arr = np.asarray(x, dtype=np.float64)
    except (TypeError, ValueError, OverflowError) as exc:
        raise ValueError(f"{name}: must be numeric and finite, got {x!r:.80}") from exc
    return arr


def _vector(x: ArrayLike, name: str, *, min_size: int = 1) -> FloatArray:
    arr = _as_float_array(x, name)
    if arr.ndim != 1:
        raise ValueError(f"{name}: must be 1-d, got shape {arr.shape}")
    if arr.size < min_size:
        raise ValueError(f"{name}: needs at least {min_size} value(s), got {arr.size}")
    bad = np.flatnonzero(~np.isfinite(arr))
    if bad.size:
        raise ValueError(f"{name}[{bad[0]}]: must be finite, got {arr[bad[0]]}")
    return arr


def _nonneg_not_all_zero(arr: FloatArray, name: str) -> None:
    neg = np.flatnonzero(arr < 0)
    if neg.size:
        raise ValueError(f"{name}[{neg[0]}]: must be >= 0, got {arr[neg[0]]}")
    if not np.any(arr > 0):
        raise ValueError(f"{name}: must not be all zero, got {arr.tolist()}")
    with np.errstate(over="ignore"):
        total = arr.sum()
    if not np.isfinite(total):
        raise ValueError(
            f"{name}: the sum overflows to inf (values too large; rescale them), "
            f"largest {arr.max():g}"
        )


def _matrix(x: ArrayLike, name: str, *, min_rows: int = 1) -> FloatArray:
    arr = _as_float_array(x, name)
    if arr.ndim != 2:
        raise ValueError(f"{name}: must be 2-d (alternatives x criteria), got shape {arr.shape}")
    if arr.shape[0] < min_rows or arr.shape[1] < 1:
        raise ValueError(
            f"{name}: needs at least {min_rows} rows and 1 column, got shape {arr.shape}"
        )
    bad = np.argwhere(~np.isfinite(arr))
    if bad.size:
        i, j = (int(v) for v in bad[0])
        raise ValueError(f"{name}[{i}, {j}]: must be finite, got {arr[i, j]}")
    check_magnitude(arr, name)
    return arr


_TYPE_WORDS = {"benefit": 1, "max": 1, "cost": -1, "min": -1}


def _types(types: ArrayLike, n: int, name: str = "types") -> NDArray[np.bool_]:
    """Parse criterion types to a boolean cost mask of length n."""
    raw = np.asarray(types, dtype=object)
    if raw.ndim != 1 or raw.shape[0] != n:
        raise ValueError(f"{name}: need one entry per criterion ({n}), got shape {raw.shape}")
    out = np.empty(n, dtype=bool)
    for j, item in enumerate(raw):
        t = item.item() if isinstance(item, np.generic) else item
        if isinstance(t, str):
            code = _TYPE_WORDS.get(t.lower())
        elif isinstance(t, (int, float)) and not isinstance(t, bool) and t in (1, -1):
            code = int(t)
        else:
            code = None
        if code is None:
            raise ValueError(f"{name}[{j}]: must be 1/-1 or 'benefit'/'cost', got {t!r}")
        out[j] = code == -1
    return out


def _ranks(ranks: ArrayLike) -> NDArray[np.int64]:
    arr = _vector(ranks, "ranks")
    frac = np.flatnonzero(arr != np.round(arr))
    if frac.size:
        raise ValueError(f"ranks[{frac[0]}]: must be an integer, got {arr[frac[0]]}")
    low = np.flatnonzero(arr < 1)
    if low.size:
        raise ValueError(f"ranks[{low[0]}]: must be >= 1 (1 = most important), got {arr[low[0]]}")
    return arr.astype(np.int64)
