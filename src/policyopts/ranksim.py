"""Similarity of two rankings: Spearman, Kendall tau-b, weighted Spearman and WS.

Every function compares two rankings of the same ``m`` alternatives.  A ranking is
a vector of ranks, ``1`` = best; ties are equal ranks (competition ``1, 2, 2, 4``,
average ``1, 2.5, 2.5, 4`` or dense ``1, 2, 2, 3`` ranks are all accepted).

Shapes
    ``a`` and ``b`` have shape ``(..., m)``: the last axis holds the alternatives,
    leading axes are samples and broadcast against each other, e.g. a reference
    ranking ``(m,)`` against 100,000 sampled rankings ``(100000, m)``.  Both must
    have the same ``m >= 2``.  The result has the broadcast leading shape: a
    :class:`numpy.float64` scalar when both inputs are 1-d, otherwise a float64
    ndarray of shape ``(...)`` (typed as :data:`Similarity`; a typed caller that
    indexes a batched result narrows it with ``np.asarray``).  There is no Python
    loop over samples; loops run over the (small) alternatives axis only, each step
    vectorised over samples, so memory stays ``O(samples * m)``.

Validation
    Bad input raises :class:`ValueError` whose message starts with the argument's
    name: a value that is not a real number, a scalar (0-d) argument, fewer than two
    alternatives, NaN or inf, a rank below 1 or above ``m`` (no ranking of ``m``
    alternatives, whatever its tie convention, has such ranks), a different number
    of alternatives in ``a`` and ``b``, leading shapes that do not broadcast, and an
    unknown ``method``.  :func:`spearman` and :func:`kendall_tau` are undefined when
    a ranking is constant (every alternative tied) and raise rather than return NaN.
    Ranks are compared exactly: two ranks tie only when they are equal.

Measures
    - :func:`spearman` -- Spearman's rho, the Pearson correlation of mid-ranks;
      in [-1, 1], symmetric.
    - :func:`kendall_tau` -- Kendall's tau-b, corrected for ties as
      :func:`scipy.stats.kendalltau`; in [-1, 1], symmetric.
    - :func:`weighted_spearman` -- r_w of Pinto da Costa & Soares (2005), top ranks
      weigh more; in [-1, 1] (*), symmetric.
    - :func:`ws` -- WS of Sałabun & Urbaniak (2020); in [0, 1] (*), **not**
      symmetric: ``a`` is the reference ranking.

    (*) Guaranteed for rankings without ties (permutations of ``1..m``); for
    :func:`ws`, whenever the reference ``a`` has no ties.  With ties the formulas
    are applied unchanged to the given ranks, as pymcdm does, so the values of r_w
    and WS then depend on the tie convention (competition vs average ranks).

>>> a = [1, 2, 3, 4, 5]
>>> {name: round(float(rank_similarity(a, [2, 1, 3, 4, 5], method=name)), 4) for name in METHODS}
{'kendall': 0.8, 'spearman': 0.9, 'weighted_spearman': 0.85, 'ws': 0.7917}
"""

from __future__ import annotations

from typing import Any, TypeAlias

import numpy as np
from numpy.typing import ArrayLike, NDArray

from policyopts import _validate as V

__all__ = [
    "METHODS",
    "Similarity",
    "kendall_tau",
    "rank_similarity",
    "spearman",
    "weighted_spearman",
    "ws",
]

#: Names accepted by :func:`rank_similarity`.
METHODS: tuple[str, ...] = ("kendall", "spearman", "weighted_spearman", "ws")

FloatArray: TypeAlias = NDArray[np.float64]
#: Return type: a float64 scalar for 1-d inputs, else a float64 array of shape ``(...)``.
Similarity: TypeAlias = np.float64 | NDArray[np.float64]


# --------------------------------------------------------------------------- validation


def _as_ranks(x: ArrayLike, name: str) -> FloatArray:
    """Validate one ranking argument of shape ``(..., m)`` and return it as float64."""
    if isinstance(x, str | bytes):
        raise ValueError(f"{name}: expected an array of ranks, got {type(x).__name__}")
    try:
        raw = np.asarray(x)
        if raw.dtype.kind == "c":
            raise TypeError("complex values")
        arr = raw.astype(np.float64, copy=False)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name}: could not convert to a float array of ranks ({exc})") from None
    if arr.ndim == 0:
        raise ValueError(
            f"{name}: expected rank vectors of shape (..., m) (alternatives on the last "
            f"axis), got a scalar"
        )
    m = arr.shape[-1]
    if m < 2:
        raise ValueError(f"{name}: need at least 2 alternatives (last axis), got {m}")
    V.check_finite(arr, name)
    V.refuse_first(arr < 1.0, arr, name, "ranks must be >= 1 (1 = best)")
    V.refuse_first(arr > m, arr, name, f"ranks must be <= m = {m} (the number of alternatives)")
    return arr


def _pair(a: ArrayLike, b: ArrayLike) -> tuple[FloatArray, FloatArray, tuple[int, ...]]:
    """Validate both rankings; return them and the broadcast leading (sample) shape."""
    x = _as_ranks(a, "a")
    y = _as_ranks(b, "b")
    if x.shape[-1] != y.shape[-1]:
        raise ValueError(
            f"b: has {y.shape[-1]} alternatives (last axis) but a has {x.shape[-1]}; "
            f"both rankings must rank the same alternatives"
        )
    try:
        batch = tuple(np.broadcast_shapes(x.shape[:-1], y.shape[:-1]))
    except ValueError:
        raise ValueError(
            f"b: leading (sample) shape {y.shape[:-1]} does not broadcast with a's {x.shape[:-1]}"
        ) from None
    return x, y, batch


def _check_not_constant(x: FloatArray, name: str, measure: str) -> None:
    """Raise if a ranking of ``x`` ties all alternatives (the measure is then undefined)."""
    constant = x.max(axis=-1) == x.min(axis=-1)
    if constant.any():
        where = "" if x.ndim == 1 else f" (sample {V.format_index(V.first_index(constant))})"
        raise ValueError(
            f"{name}: ranking is constant{where}: all alternatives tie, so {measure} is undefined"
        )


def _finish(values: Any) -> Similarity:
    out = np.asarray(values, dtype=np.float64)
    if out.ndim == 0:
        return np.float64(out)
    return out


# ----------------------------------------------------------------------------- measures


def _mid_ranks(x: NDArray[np.float64]) -> NDArray[np.float64]:
    """Average ranks along the last axis (``scipy.stats.rankdata``'s default), in numpy.

    ``#{j: x_j < x_i} + (#{j: x_j == x_i} + 1) / 2``, exact; O(m^2) per ranking,
    which is small, and it spares importing scipy.stats (slow).
    """
    less = np.sum(x[..., None, :] < x[..., :, None], axis=-1)
    equal = np.sum(x[..., None, :] == x[..., :, None], axis=-1)
    return np.asarray(less + (equal + 1) / 2.0, dtype=np.float64)


def spearman(a: ArrayLike, b: ArrayLike) -> Similarity:
    r"""Spearman's rank correlation rho of two rankings.

    rho is the Pearson correlation of the mid-ranks (average ranks) of ``a`` and
    ``b``:

    .. math::

        \rho = \frac{\sum_i (r_i - \bar r)(s_i - \bar s)}
                    {\sqrt{\sum_i (r_i - \bar r)^2 \sum_i (s_i - \bar s)^2}},
        \qquad \bar r = \bar s = \frac{m + 1}{2},

    where ``r`` and ``s`` are ``a`` and ``b`` with ties replaced by the average of
    the positions they share.  Ranks that already use average ranks for ties
    (``1, 2.5, 2.5, 4``) are used unchanged, so rho is then exactly the Pearson
    correlation of ``a`` and ``b``; competition (``1, 2, 2, 4``) or dense ranks are
    first converted, exactly as :func:`scipy.stats.spearmanr` does.  Without ties
    this equals ``1 - 6 sum (a_i - b_i)^2 / (m (m^2 - 1))``.  Symmetric in ``a``
    and ``b``.

    Parameters
    ----------
    a, b : array_like, shape (..., m)
        Rankings (1 = best, ties allowed) of the same ``m >= 2`` alternatives;
        leading axes broadcast.

    Returns
    -------
    numpy.float64 or ndarray of float64, shape (...)
        rho in ``[-1, 1]``: a scalar for 1-d inputs.

    Raises
    ------
    ValueError
        For invalid rankings (see the module docstring), or when ``a`` or ``b`` is
        constant (all alternatives tied), where rho is undefined.

    References
    ----------
    Spearman, C. (1904). The proof and measurement of association between two
    things. American Journal of Psychology, 15(1), 72-101.

    Examples
    --------
    >>> round(float(spearman([1, 2, 3, 4, 5], [2, 1, 3, 4, 5])), 4)
    0.9
    >>> spearman([1, 2, 3, 4], [[4, 3, 2, 1], [1, 2, 2, 4]]).round(4)
    array([-1.    ,  0.9487])
    """
    x, y, _ = _pair(a, b)
    _check_not_constant(x, "a", "Spearman's rho")
    _check_not_constant(y, "b", "Spearman's rho")
    centre = (x.shape[-1] + 1) / 2.0  # mid-ranks always average (m + 1) / 2
    cx = _mid_ranks(x) - centre
    cy = _mid_ranks(y) - centre
    num = np.sum(cx * cy, axis=-1)
    den = np.sqrt(np.sum(cx * cx, axis=-1) * np.sum(cy * cy, axis=-1))
    return _finish(np.clip(num / den, -1.0, 1.0))


def kendall_tau(a: ArrayLike, b: ArrayLike) -> Similarity:
    r"""Kendall's rank correlation tau-b (corrected for ties) of two rankings.

    Over the ``m (m - 1) / 2`` pairs of alternatives ``i < j``:

    .. math::

        \tau_b = \frac{\sum_{i<j} \operatorname{sgn}(a_i - a_j)\,
                       \operatorname{sgn}(b_i - b_j)}
                      {\sqrt{(n_0 - n_a)(n_0 - n_b)}}
               = \frac{n_c - n_d}{\sqrt{(n_0 - n_a)(n_0 - n_b)}},

    with ``n_c``/``n_d`` the concordant/discordant pairs, ``n_0 = m (m - 1) / 2``,
    and ``n_a``, ``n_b`` the pairs tied in ``a``, in ``b``.  Equals
    :func:`scipy.stats.kendalltau` (``variant="b"``, its default); without ties it
    is Kendall's original tau-a.  Symmetric in ``a`` and ``b``.  Computed by
    pairwise sign comparisons: ``m - 1`` vectorised steps, ``O(samples * m)``
    memory.

    Parameters
    ----------
    a, b : array_like, shape (..., m)
        Rankings (1 = best, ties allowed) of the same ``m >= 2`` alternatives;
        leading axes broadcast.

    Returns
    -------
    numpy.float64 or ndarray of float64, shape (...)
        tau-b in ``[-1, 1]``: a scalar for 1-d inputs.

    Raises
    ------
    ValueError
        For invalid rankings (see the module docstring), or when ``a`` or ``b`` is
        constant (all alternatives tied), where tau-b is undefined.

    References
    ----------
    Kendall, M. G. (1945). The treatment of ties in ranking problems. Biometrika,
    33(3), 239-251.

    Examples
    --------
    >>> round(float(kendall_tau([1, 2, 3, 4, 5], [2, 1, 3, 4, 5])), 4)
    0.8
    >>> kendall_tau([1, 2, 3, 4], [[4, 3, 2, 1], [1, 2, 2, 4]]).round(4)
    array([-1.    ,  0.9129])
    """
    x, y, batch = _pair(a, b)
    _check_not_constant(x, "a", "Kendall's tau-b")
    _check_not_constant(y, "b", "Kendall's tau-b")
    num = np.zeros(batch)
    pairs_x = np.zeros(x.shape[:-1])  # pairs not tied in a: n_0 - n_a
    pairs_y = np.zeros(y.shape[:-1])
    for j in range(1, x.shape[-1]):
        sx = np.sign(x[..., :j] - x[..., j : j + 1])
        sy = np.sign(y[..., :j] - y[..., j : j + 1])
        num += np.sum(sx * sy, axis=-1)
        pairs_x += np.count_nonzero(sx, axis=-1)
        pairs_y += np.count_nonzero(sy, axis=-1)
    return _finish(np.clip(num / np.sqrt(pairs_x * pairs_y), -1.0, 1.0))


def weighted_spearman(a: ArrayLike, b: ArrayLike) -> Similarity:
    r"""Weighted Spearman rank correlation r_w of Pinto da Costa & Soares (2005).

    .. math::

        r_w = 1 - \frac{6 \sum_{i=1}^{N} (x_i - y_i)^2
                        \left((N - x_i + 1) + (N - y_i + 1)\right)}
                       {N^4 + N^3 - N^2 - N},

    with ``x = a``, ``y = b`` and ``N = m``.  A disagreement weighs more the nearer
    it is to the top of the rankings.  Symmetric in ``a`` and ``b``; ``1`` for
    identical rankings, in ``[-1, 1]`` for rankings without ties.  With ties the
    formula is applied unchanged to the given ranks (as in Sałabun & Urbaniak,
    2020, and pymcdm); it is defined for constant rankings too.

    Parameters
    ----------
    a, b : array_like, shape (..., m)
        Rankings (1 = best, ties allowed) of the same ``m >= 2`` alternatives;
        leading axes broadcast.

    Returns
    -------
    numpy.float64 or ndarray of float64, shape (...)
        r_w: a scalar for 1-d inputs.

    Raises
    ------
    ValueError
        For invalid rankings (see the module docstring).

    References
    ----------
    Pinto da Costa, J., & Soares, C. (2005). A weighted rank measure of correlation.
    Australian & New Zealand Journal of Statistics, 47(4), 515-529.

    Sałabun, W., & Urbaniak, K. (2020). A new coefficient of rankings similarity in
    decision-making problems. In Computational Science - ICCS 2020, LNCS 12138,
    632-645. Springer. https://doi.org/10.1007/978-3-030-50417-5_47

    Examples
    --------
    Swapping the top two alternatives costs more than swapping the bottom two:

    >>> round(float(weighted_spearman([1, 2, 3, 4, 5], [2, 1, 3, 4, 5])), 4)
    0.85
    >>> round(float(weighted_spearman([1, 2, 3, 4, 5], [1, 2, 3, 5, 4])), 4)
    0.95
    """
    x, y, _ = _pair(a, b)
    n = float(x.shape[-1])
    d = x - y
    num = 6.0 * np.sum(d * d * ((n - x + 1.0) + (n - y + 1.0)), axis=-1)
    return _finish(1.0 - num / (n**4 + n**3 - n**2 - n))


def ws(a: ArrayLike, b: ArrayLike) -> Similarity:
    r"""WS rank similarity coefficient of Sałabun & Urbaniak (2020).

    ``a`` is the *reference* ranking ``x`` and ``b`` the tested ranking ``y``:

    .. math::

        WS = 1 - \sum_{i=1}^{N} 2^{-x_i}
             \frac{|x_i - y_i|}{\max(|x_i - 1|, |x_i - N|)},

    with ``N = m``.  A disagreement is weighted by ``2^{-x_i}``, so errors on the
    alternatives the *reference* ranks highly dominate.  **Not symmetric**:
    ``ws(a, b) != ws(b, a)`` in general.  ``1`` for identical rankings; when ``a``
    has no ties WS lies in ``(0, 1]`` (each term is at most ``2^{-x_i}``).  With
    ties in ``a`` the formula is applied unchanged and WS can fall below 0 (e.g.
    ``a`` all 1s), as in pymcdm; it is never clipped.

    Parameters
    ----------
    a : array_like, shape (..., m)
        Reference ranking(s) (1 = best, ties allowed), ``m >= 2``.
    b : array_like, shape (..., m)
        Tested ranking(s) of the same alternatives; leading axes broadcast with
        ``a``'s.

    Returns
    -------
    numpy.float64 or ndarray of float64, shape (...)
        WS: a scalar for 1-d inputs.

    Raises
    ------
    ValueError
        For invalid rankings (see the module docstring).

    References
    ----------
    Sałabun, W., & Urbaniak, K. (2020). A new coefficient of rankings similarity in
    decision-making problems. In Computational Science - ICCS 2020, LNCS 12138,
    632-645. Springer. https://doi.org/10.1007/978-3-030-50417-5_47

    Examples
    --------
    >>> round(float(ws([1, 2, 3, 4, 5], [2, 1, 3, 4, 5])), 4)
    0.7917
    >>> round(float(ws([1, 2, 3, 4, 5], [1, 2, 3, 5, 4])), 4)
    0.9714
    """
    x, y, _ = _pair(a, b)
    n = float(x.shape[-1])
    # max(|x - 1|, |x - N|) >= (N - 1) / 2 > 0 because 1 <= x <= N and N >= 2.
    scale = np.maximum(x - 1.0, n - x)
    return _finish(1.0 - np.sum(np.exp2(-x) * np.abs(x - y) / scale, axis=-1))


_FUNCTIONS = {
    "kendall": kendall_tau,
    "spearman": spearman,
    "weighted_spearman": weighted_spearman,
    "ws": ws,
}


def rank_similarity(a: ArrayLike, b: ArrayLike, method: str = "kendall") -> Similarity:
    """Similarity of two rankings by the measure named ``method``.

    Parameters
    ----------
    a, b : array_like, shape (..., m)
        Rankings (1 = best, ties allowed) of the same ``m >= 2`` alternatives;
        leading axes broadcast.  For ``"ws"`` ``a`` is the reference ranking.
    method : {"kendall", "spearman", "weighted_spearman", "ws"}
        :func:`kendall_tau` (default), :func:`spearman`,
        :func:`weighted_spearman` or :func:`ws`; see :data:`METHODS`.

    Returns
    -------
    numpy.float64 or ndarray of float64, shape (...)
        A scalar for 1-d inputs.

    Raises
    ------
    ValueError
        For an unknown ``method`` (listing the valid names) and whatever the chosen
        measure raises.

    Examples
    --------
    >>> round(float(rank_similarity([1, 2, 3], [1, 3, 2], method="ws")), 4)
    0.6875
    >>> rank_similarity([1, 2, 3], [1, 3, 2], method="tau")
    Traceback (most recent call last):
    ...
    ValueError: method: 'tau' is not one of 'kendall', 'spearman', 'weighted_spearman', 'ws'
    """
    if not isinstance(method, str) or method not in _FUNCTIONS:
        listed = ", ".join(repr(name) for name in METHODS)
        raise ValueError(f"method: {method!r} is not one of {listed}")
    return _FUNCTIONS[method](a, b)
