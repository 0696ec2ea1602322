"""The result of an MCDA method: :class:`MethodResult`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np
from numpy.typing import NDArray

from policyopts._kernels.rank import rank as _rank

__all__ = ["MethodResult", "make_result"]

FloatArray = NDArray[np.float64]

_EMPTY: Mapping[str, FloatArray] = MappingProxyType({})


def frozen(a: NDArray[Any]) -> NDArray[Any]:
    """``a`` as a contiguous read-only array (a copy only where ``a`` is not contiguous)."""
    a = np.ascontiguousarray(a)
    a.setflags(write=False)
    return a


def _describe(a: NDArray[Any]) -> str:
    if a.ndim <= 1 and a.size <= 12:
        return np.array2string(a, precision=4, separator=", ", suppress_small=True)
    return "<" + f"{a.dtype} array of shape {a.shape}" + ">"


@dataclass(frozen=True, eq=False, repr=False)
class MethodResult:
    """Result of an MCDA method.

    Attributes
    ----------
    scores : ndarray of float64, shape (..., m)
        One score per alternative (and sample).  Read-only.
    ranks : ndarray of int64, shape (..., m)
        Competition ranks, 1 = best; ties share the best rank of the tie.  Read-only.
    higher_is_better : bool
        Direction of ``scores`` (False for VIKOR's Q and SPOTIS's distance).
    method : str
        Method name, a key of :data:`policyopts.methods.REGISTRY`.
    normalization : str or None
        Column normalisation used, or None when the method works on raw values
        or has its own built-in normalisation.
    extras : Mapping[str, ndarray]
        Read-only mapping of further per-alternative arrays (same shape as
        ``scores``): TOPSIS ``d_plus``/``d_minus``, VIKOR ``S``/``R``,
        PROMETHEE II ``phi_plus``/``phi_minus``, MOORA ``benefit``/``cost``,
        COPRAS ``Q``/``S_plus``/``S_minus``, EDAS ``SP``/``SN``, ARAS ``S``.
    """

    scores: FloatArray
    ranks: NDArray[np.int64]
    higher_is_better: bool
    method: str
    normalization: str | None = None
    extras: Mapping[str, FloatArray] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "scores", frozen(self.scores))
        object.__setattr__(self, "ranks", frozen(self.ranks))
        extras = {str(k): frozen(np.asarray(v)) for k, v in self.extras.items()}
        object.__setattr__(self, "extras", MappingProxyType(extras))

    @property
    def shape(self) -> tuple[int, ...]:
        """Shape of ``scores``: ``(*samples, m)``."""
        return tuple(self.scores.shape)

    def __repr__(self) -> str:
        return (
            f"MethodResult(method={self.method!r}, normalization={self.normalization!r}, "
            f"higher_is_better={self.higher_is_better}, scores={_describe(self.scores)}, "
            f"ranks={_describe(self.ranks)}, extras={list(self.extras)})"
        )


def make_result(
    scores: FloatArray,
    higher_is_better: bool,
    method: str,
    normalization: str | None,
    extras: Mapping[str, FloatArray] = _EMPTY,
) -> MethodResult:
    """Rank ``scores`` and wrap everything in a :class:`MethodResult`.

    Scores that are not finite (an overflow on extreme data) are a ``ValueError``.
    """
    if not np.isfinite(scores).all():
        index = tuple(int(i) for i in np.argwhere(~np.isfinite(scores))[0])
        raise ValueError(
            f"matrix: {method} scores overflow (not finite at {list(index)}); "
            "entries too large or too close to zero: rescale the units"
        )
    ranks = _rank(scores, higher_is_better=higher_is_better)
    return MethodResult(scores, ranks, higher_is_better, method, normalization, extras)
