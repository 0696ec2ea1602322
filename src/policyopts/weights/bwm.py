"""The best-worst method (Rezaei 2015, 2016), linear model."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any, cast

import numpy as np
from numpy.typing import ArrayLike

from policyopts import _validate as V
from policyopts._kernels import weights as _k
from policyopts.weights._result import (
    FloatArray,
    WeightsResult,
    _split_labels,
    _vector,
)

# ---------------------------------------------------------------------------
# Best-worst method
# ---------------------------------------------------------------------------


def _bwm_vector(x: ArrayLike, name: str) -> FloatArray:
    v = _vector(x, name, min_size=2)
    bad = np.flatnonzero((v < 1) | (v > 9))
    if bad.size:
        raise ValueError(f"{name}[{bad[0]}]: must lie in [1, 9], got {v[bad[0]]}")
    return v


def _bwm_index(v: FloatArray, given: int | None, name: str, vec_name: str) -> int:
    n = v.shape[0]
    if given is None:
        ones = np.flatnonzero(v == 1)
        if ones.size != 1:
            raise ValueError(
                f"{name}: cannot infer it from {vec_name}, which has {ones.size} entries "
                f"equal to 1 ({ones.tolist()}); pass {name}= explicitly"
            )
        return int(ones[0])
    idx = V.as_index(given, n, name, items="criteria")
    if v[idx] != 1:
        raise ValueError(f"{vec_name}[{idx}]: must be 1 for the {name} criterion, got {v[idx]}")
    return idx


def _others_by_label(others: Any, labels: tuple[str, ...]) -> Any:
    """``others_to_worst`` in the order of the labelled ``best_to_others``."""
    values, have = _split_labels(others)
    if have is None:
        return others
    if sorted(have) != sorted(labels):
        raise ValueError(
            f"others_to_worst: must name the criteria of best_to_others ({', '.join(labels)}), "
            f"got {', '.join(have)}"
        )
    by_label = dict(zip(have, values, strict=True))
    return [by_label[k] for k in labels]


def bwm(
    best_to_others: ArrayLike | Mapping[str, float],
    others_to_worst: ArrayLike | Mapping[str, float],
    *,
    best: int | None = None,
    worst: int | None = None,
) -> WeightsResult:
    """Best-worst method weights, linear model (Rezaei, 2016).

    The decision maker names the best (most important) criterion B and the
    worst (least important) W, then gives ``a_Bj`` (how much more important B
    is than j) and ``a_jW`` (how much more important j is than W) on a 1-9
    scale. The weights solve the linear programme

    .. math::
        \\min \\xi^L \\ \\text{s.t.}\\ |w_B - a_{Bj} w_j| \\le \\xi^L,\\
        |w_j - a_{jW} w_W| \\le \\xi^L\\ \\forall j,\\ \\sum_j w_j = 1,\\ w \\ge 0

    (Rezaei, 2016, model (19)), solved with :func:`scipy.optimize.linprog`
    (HiGHS). Unlike the non-linear model of Rezaei (2015) its solution is
    unique.

    Consistency: ``xi`` is :math:`\\xi^L`, which Rezaei (2016) uses directly
    as the consistency indicator of the linear model (0 = fully consistent,
    i.e. :math:`a_{Bj} a_{jW} = a_{BW}` for all j; larger = less consistent).
    No consistency ratio is reported: the consistency-index table of Rezaei
    (2015) bounds :math:`\\xi^*` of the non-linear model and does not apply to
    :math:`\\xi^L`, which is on the scale of the weights.

    Parameters
    ----------
    best_to_others : array_like, shape (n,), or mapping / Series by criterion
        ``a_Bj`` in [1, 9], ``a_BB = 1``; n >= 2. Labelled input gives
        labelled weights (``result.series`` indexed by criterion).
    others_to_worst : array_like, shape (n,), or mapping / Series by criterion
        ``a_jW`` in [1, 9], ``a_WW = 1``; ``others_to_worst[best]`` must equal
        ``best_to_others[worst]`` (both are :math:`a_{BW}`). A mapping or
        Series is matched to ``best_to_others`` by criterion.
    best, worst : int, optional
        0-based indices of B and W. Inferred as the single entry equal to 1 of
        ``best_to_others`` (``others_to_worst``) when omitted; required when
        several criteria share the value 1.

    Returns
    -------
    WeightsResult
        ``method="bwm"`` with ``xi``; ``diagnostics`` holds ``best``,
        ``worst`` and ``a_bw``.

    References
    ----------
    Rezaei, J. (2015). Best-worst multi-criteria decision-making method.
    Omega 53, 49-57.
    Rezaei, J. (2016). Best-worst multi-criteria decision-making method: some
    properties and a linear model. Omega 64, 126-130.

    Examples
    --------
    >>> bwm([2, 1, 4, 2, 8], [4, 8, 2, 4, 1])  # consistent: xi = 0
    WeightsResult(method='bwm', weights=[0.2105, 0.4211, 0.1053, 0.2105, 0.0526], xi=0.0000)
    >>> bwm({"cost": 1, "reach": 3}, {"reach": 1, "cost": 3}).series.round(2).to_dict()
    {'cost': 0.75, 'reach': 0.25}
    """
    values, labels = _split_labels(best_to_others)
    if labels is not None:
        others_to_worst = _others_by_label(others_to_worst, labels)
    a_b = _bwm_vector(values, "best_to_others")
    a_w = _bwm_vector(cast(ArrayLike, others_to_worst), "others_to_worst")
    if a_w.shape != a_b.shape:
        raise ValueError(
            f"others_to_worst: must have the same length as best_to_others ({a_b.size}), "
            f"got {a_w.size}"
        )
    b = _bwm_index(a_b, best, "best", "best_to_others")
    w = _bwm_index(a_w, worst, "worst", "others_to_worst")
    if b == w:
        raise ValueError(f"best, worst: must be different criteria, both are {b}")
    if a_b[w] != a_w[b]:
        raise ValueError(
            f"others_to_worst[{b}]: a_BW must match best_to_others[{w}] = {a_b[w]:g} "
            f"(both compare the best with the worst criterion), got {a_w[b]:g}"
        )
    weights, xi = _k.bwm_linear(a_b, a_w, b, w)
    result = WeightsResult(
        weights=weights,
        method="bwm",
        xi=xi,
        diagnostics={"best": b, "worst": w, "a_bw": float(a_b[w])},
    )
    return result if labels is None else replace(result, labels=labels)
