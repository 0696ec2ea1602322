"""Fast scoring for SMAA: a method's scores as a function of the weights.

For a fixed matrix several methods score every weight draw by matrix
products with coefficients computed once, which is what makes a million draws
cost little more than the draws themselves:

- *linear* methods (WSM, PROMETHEE II): ``s = F w`` with ``F[:, j]`` the scores
  under the unit weight vector ``e_j`` (one batched call of the method itself);
- TOPSIS: ``d± = sqrt(G± (w*w))`` with ``G±`` the squared gaps to the ideal and
  anti-ideal of the normalised matrix (Hwang & Yoon 1981), closeness
  ``d- / (d+ + d-)``.

:func:`method_facts` is the only place in the SMAA package that knows which
method is which; every other method is ranked by calling it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from policyopts import methods as _methods
from policyopts._kernels import smaa as _ksmaa
from policyopts._kernels.rank import TIE_RTOL

__all__ = ["MethodFacts", "ScoreForm", "method_facts", "ranks_from_scores_t", "score_form"]

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
SmallInt = NDArray[np.signedinteger]


@dataclass(frozen=True)
class MethodFacts:
    """What the SMAA package needs to know about a method.

    Attributes
    ----------
    form : {"linear", "topsis"} or None
        ``"linear"``: scores linear in the weights on a fixed matrix;
        ``"topsis"``: the TOPSIS quadratic form; None: call the method.
    linear_on_raw : bool
        The scores of *any* matrix are ``X w`` (WSM without normalisation), so
        a stack of matrices needs no method call either.
    additive : bool
        A weighted sum of per-criterion values: it can run on the criteria's
        value functions (``normalization="scale"`` in :func:`smaa_case`).
    pairwise : bool
        Compares alternatives pairwise: a method call holds ``m * m * n``
        numbers per draw.
    """

    form: str | None
    linear_on_raw: bool
    additive: bool
    pairwise: bool = False


def method_facts(method: str, options: Mapping[str, Any] | None = None) -> MethodFacts:
    """The :class:`MethodFacts` of ``method`` with its ``options``.

    Reads the method registry; the one engine fact kept here is which methods
    have a fast score form (the TOPSIS quadratic form).
    """
    from policyopts import methods as _methods

    opts = {} if options is None else options
    spec = _methods.spec(method)
    if spec.case_scale:  # the weighted sum: values times weights
        return MethodFacts("linear", opts.get("normalization", "minmax") is None, True)
    if spec.linear_in_weights and spec.pairwise:  # net flows: a fixed matrix times the weights
        return MethodFacts("linear", False, False, pairwise=True)
    if method == "topsis":  # the engine's quadratic fast form exists for TOPSIS only
        return MethodFacts("topsis", False, False)
    return MethodFacts(None, False, False, pairwise=spec.pairwise)


def ranks_from_scores_t(
    scores_t: FloatArray, scale: FloatArray | float
) -> tuple[SmallInt, IntArray | None]:
    """Ranks (m, c) of scores (m, c) with tie tolerance ``TIE_RTOL * scale``.

    Few alternatives: pairwise comparisons, which also count the pairwise wins
    (returned; else None).  Many: one argsort per chunk.
    """
    m, c = scores_t.shape
    tol = TIE_RTOL * np.broadcast_to(np.asarray(scale, dtype=np.float64), (c,))
    if m <= _ksmaa.SMALL_M:
        return _ksmaa.compare_ranks(scores_t, scores_t + tol)
    ranks = _ksmaa.sort_ranks(np.ascontiguousarray(scores_t.T), np.ascontiguousarray(tol))
    return np.ascontiguousarray(ranks.T), None


@dataclass(frozen=True, eq=False)
class ScoreForm:
    """Scores of one fixed (m, n) matrix as a function of the weights.

    Attributes
    ----------
    kind : {"linear", "topsis"}
    coef : ndarray, shape (m, n)
        ``F`` (linear) or ``G+`` (TOPSIS).
    coef2 : ndarray, shape (m, n) or None
        ``G-`` (TOPSIS).
    bounded : bool
        Whether every score lies in [-1, 1] for weights on the simplex (then
        the tie tolerance needs no per-draw scale).
    """

    kind: str
    coef: FloatArray
    coef2: FloatArray | None
    bounded: bool

    @property
    def m(self) -> int:
        return int(self.coef.shape[0])

    def rank_t(self, w: FloatArray, total: FloatArray | None) -> tuple[SmallInt, IntArray | None]:
        """Ranks (m, c) of draws ``w`` (c, n), weights ``w / total`` (``total=None``: 1).

        Also the pairwise win counts when the ranks came from comparisons.
        """
        c = w.shape[0]
        if self.kind == "linear":
            if self.bounded and self.m <= _ksmaa.SMALL_M:
                # Scores and thresholds s + rtol * sum(w) from one product.
                both = np.vstack([self.coef, self.coef + TIE_RTOL]) @ w.T
                return _ksmaa.compare_ranks(both[: self.m], both[self.m :])
            size = np.ones(c) if total is None else total
            if self.m > _ksmaa.SMALL_M:
                # Many alternatives: scores draw by draw in rows, for the argsort.
                scores = w @ self.coef.T
                scale = size if self.bounded else np.maximum(size, np.abs(scores).max(axis=1))
                return _ksmaa.sort_ranks(scores, TIE_RTOL * scale).T, None
            scores_t = self.coef @ w.T
            scale = size if self.bounded else np.maximum(size, np.abs(scores_t).max(axis=0))
            return ranks_from_scores_t(scores_t, scale)
        assert self.coef2 is not None
        w2 = (w * w).T
        d_plus = np.sqrt(self.coef @ w2)
        d_minus = np.sqrt(self.coef2 @ w2)
        den = d_plus + d_minus
        ok = den > 0
        closeness = np.where(ok, d_minus / np.where(ok, den, 1.0), 0.5)
        return ranks_from_scores_t(closeness, 1.0)


def score_form(
    method: str, options: Mapping[str, Any], matrix: FloatArray, types: FloatArray
) -> ScoreForm | None:
    """The fast scoring form of ``method`` on the fixed ``matrix``, or None."""
    kind = method_facts(method, options).form
    n = matrix.shape[-1]
    if kind == "linear":
        fn = _methods.get_method(method)
        coef = np.ascontiguousarray(fn(matrix, np.eye(n), types, **options).scores.T)
        return ScoreForm("linear", coef, None, bool(np.abs(coef).max() <= 1.0))
    if kind == "topsis":
        r = _methods.normalize(matrix, types, options.get("normalization", "vector"))
        g_plus = (r - r.max(axis=0)) ** 2
        g_minus = (r - r.min(axis=0)) ** 2
        return ScoreForm("topsis", g_plus, g_minus, True)
    return None
