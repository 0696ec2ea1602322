"""Outranking methods: PROMETHEE II."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike

from policyopts import _validate as V
from policyopts._kernels import aggregate as _agg
from policyopts.methods._common import FloatArray, finish, validate
from policyopts.methods._result import MethodResult

__all__ = ["PREFERENCE_FUNCTIONS", "promethee_ii"]

#: Names of the PROMETHEE preference functions (see :func:`promethee_ii`).
PREFERENCE_FUNCTIONS: tuple[str, ...] = tuple(_agg.PREFERENCE_FUNCTIONS)


def _preference_names(preference: str | Sequence[str], n: int) -> list[str]:
    if isinstance(preference, str):
        name = V.check_choice(preference, PREFERENCE_FUNCTIONS, "preference")
        return [name] * n
    try:
        items = list(preference)
    except TypeError:
        raise ValueError(
            f"preference: expected one name or a sequence of {n} names, "
            f"got {type(preference).__name__}"
        ) from None
    if len(items) != n:
        raise ValueError(
            f"preference: expected one name or a sequence of {n} names "
            f"(one per criterion), got {len(items)}"
        )
    return [
        V.check_choice(item, PREFERENCE_FUNCTIONS, f"preference[{j}]")
        for j, item in enumerate(items)
    ]


def _threshold(
    value: ArrayLike | None,
    name: str,
    n: int,
    functions: Sequence[str],
    *,
    strict: bool,
) -> FloatArray:
    needed = np.array([name in _agg.PREFERENCE_FUNCTIONS[f][1] for f in functions])
    if value is None:
        if needed.any():
            j = int(np.argmax(needed))
            raise ValueError(
                f"{name}: required by preference {functions[j]!r} for criterion {j}, got None"
            )
        return np.ones(n)
    arr = V.as_per_criterion(value, n, name)
    bad = needed & ((arr <= 0) if strict else (arr < 0))
    if bad.any():
        j = int(np.argmax(bad))
        op = ">" if strict else ">="
        raise ValueError(
            f"{name}: must be {op} 0 for preference {functions[j]!r}, "
            f"got {float(arr[j])!r} for criterion {j}"
        )
    return arr


def promethee_ii(
    matrix: ArrayLike,
    weights: ArrayLike,
    types: ArrayLike,
    *,
    preference: str | Sequence[str] = "usual",
    q: ArrayLike | None = None,
    p: ArrayLike | None = None,
    s: ArrayLike | None = None,
) -> MethodResult:
    r"""PROMETHEE II complete ranking by net outranking flow.

    For alternatives :math:`a, b` and criterion :math:`j`, the difference is
    :math:`d_j(a, b) = x_{aj} - x_{bj}` for a benefit and :math:`x_{bj} - x_{aj}` for a
    cost criterion.  With preference functions :math:`P_j`:

    .. math::

        \pi(a, b) = \sum_j w_j P_j(d_j(a, b)), \quad
        \phi^+(a) = \frac{1}{m-1}\sum_{b} \pi(a, b), \quad
        \phi^-(a) = \frac{1}{m-1}\sum_{b} \pi(b, a), \quad
        \phi(a) = \phi^+(a) - \phi^-(a).

    Preference functions (Brans, Vincke & Mareschal 1986), all 0 for :math:`d \le 0`:

    ============  ======  =====================================================
    name          params  :math:`P(d)` for :math:`d > 0`
    ============  ======  =====================================================
    ``usual``     --      1
    ``ushape``    q       1 if d > q else 0 (quasi-criterion)
    ``vshape``    p       min(d / p, 1)
    ``level``     q, p    0 if d <= q, 1/2 if q < d <= p, 1 if d > p
    ``linear``    q, p    0 if d <= q, (d - q)/(p - q) if q < d <= p, 1 if d > p
    ``gaussian``  s       1 - exp(-d^2 / (2 s^2))
    ============  ======  =====================================================

    Parameters
    ----------
    matrix : array_like, shape (..., m, n)
        Decision matrix.
    weights : array_like, shape (..., n)
        Non-negative criterion weights (rescaled to sum 1 per sample).
    types : array_like, shape (n,)
        +1 for benefit, -1 for cost criteria.
    preference : str or sequence of n str, default "usual"
        Preference function for all criteria, or one per criterion.
    q, p, s : float or array_like of shape (n,), optional
        Indifference threshold ``q >= 0``, preference threshold ``p > 0`` (with
        ``q <= p``) and Gaussian parameter ``s > 0``, in the units of each
        criterion.  Required where the chosen function needs them; values for
        criteria whose function does not use them are ignored.

    Returns
    -------
    MethodResult
        ``scores`` = net flow :math:`\phi \in [-1, 1]`, higher is better; extras
        ``phi_plus`` and ``phi_minus``.

    Notes
    -----
    Pairwise differences of shape ``(..., m, m, n)`` are formed, which is cheap for
    the small ``m`` of policy problems.  For one matrix and many weight vectors
    the flows are computed once per criterion and combined with one matrix
    product.

    References
    ----------
    Brans, J. P., Vincke, Ph., & Mareschal, B. (1986). How to select and how to rank
    projects: The PROMETHEE method. European Journal of Operational Research,
    24(2), 228-238.
    Brans, J. P., & Mareschal, B. (2005). PROMETHEE methods. In Multiple Criteria
    Decision Analysis: State of the Art Surveys (pp. 163-186). Springer.

    Examples
    --------
    >>> r = promethee_ii([[4, 3, 2], [3, 2, 4], [5, 1, 3]], [0.5, 0.3, 0.2], [1, 1, 1])
    >>> print(r.scores.round(4))
    [ 0.1 -0.3  0.2]
    >>> print(r.ranks)
    [2 3 1]
    """
    m_arr, w_arr, t_arr, _ = validate("promethee_ii", matrix, weights, types)
    n = m_arr.shape[-1]
    functions = _preference_names(preference, n)
    q_arr = _threshold(q, "q", n, functions, strict=False)
    p_arr = _threshold(p, "p", n, functions, strict=True)
    s_arr = _threshold(s, "s", n, functions, strict=True)
    both = np.array([f in ("level", "linear") for f in functions])
    bad = both & (q_arr > p_arr)
    if bad.any():
        j = int(np.argmax(bad))
        raise ValueError(
            f"q: must not exceed p, got q={float(q_arr[j])!r} > p={float(p_arr[j])!r} "
            f"for criterion {j}"
        )
    phi, phi_plus, phi_minus = _agg.promethee_ii(
        m_arr, w_arr, t_arr, functions, q_arr, p_arr, s_arr
    )
    return finish("promethee_ii", phi, None, {"phi_plus": phi_plus, "phi_minus": phi_minus})
