"""Column normalisation: :func:`normalize`."""

from __future__ import annotations

from numpy.typing import ArrayLike

from policyopts import _validate as V
from policyopts._kernels import normalize as _norm
from policyopts.methods._common import NORMALIZATIONS, FloatArray, domain_reason

__all__ = ["normalize"]


def normalize(matrix: ArrayLike, types: ArrayLike, method: str = "minmax") -> FloatArray:
    """Normalise each column of ``matrix`` to a benefit scale (larger is better).

    Parameters
    ----------
    matrix : array_like, shape (..., m, n)
        Decision matrix; leading axes are samples.
    types : array_like, shape (n,)
        +1 for benefit, -1 for cost criteria.
    method : {"minmax", "max", "sum", "vector"}
        ============  ==========================  =============================
        method        benefit column              cost column
        ============  ==========================  =============================
        ``"minmax"``  (x - min) / (max - min)     (max - x) / (max - min)
        ``"max"``     x / max                     min / x
        ``"sum"``     x / sum(x)                  (1/x) / sum(1/x)
        ``"vector"``  x / ||x||                   1 - x / ||x||
        ============  ==========================  =============================

        ``"max"`` and ``"sum"`` are ratio scales and need non-negative entries.

    Returns
    -------
    ndarray of float64, shape (..., m, n)

    Notes
    -----
    Degenerate columns never divide by zero and never produce NaN; each rule gives
    every alternative the same value (so the column cannot change a ranking) or is
    the continuous limit of the formula:

    - ``"minmax"``: a constant column maps to 1.0 for every alternative.
    - ``"max"``: an all-zero benefit column maps to 1.0; in a cost column an entry
      equal to 0 maps to 1.0 (it is the best) and, if the minimum is 0, every other
      entry maps to 0.0.
    - ``"sum"``: an all-zero benefit column maps to 1/m each; a cost column with
      ``k`` zero entries maps them to 1/k and the others to 0.0.
    - ``"vector"``: an all-zero column is treated like a non-zero constant column:
      benefit 1/sqrt(m), cost 1 - 1/sqrt(m).

    Examples
    --------
    >>> print(normalize([[1, 10], [3, 30], [2, 20]], [1, -1]))
    [[0.  1. ]
     [1.  0. ]
     [0.5 0.5]]
    >>> print(normalize([[1, 7], [3, 7]], [1, 1]))  # constant column -> 1.0
    [[0. 1.]
     [1. 1.]]
    """
    method = V.check_choice(method, NORMALIZATIONS, "method")
    m_arr = V.as_matrix(matrix, "matrix", min_alternatives=1)
    t_arr = V.as_types(types, m_arr.shape[-1], "types")
    why = domain_reason("normalize", m_arr, t_arr, normalization=method)
    if why is not None:
        raise ValueError(f"matrix: {why}")
    return _norm.normalize(m_arr, t_arr, method)
