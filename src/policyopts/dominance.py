"""Pareto dominance: options that another option beats on every criterion.

A dominated option cannot rank first under any additive weighting with
positive weights, so it can usually be set aside before weights are argued
over — or, if it is someone's favourite, the dominance is worth showing them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from policyopts._casearrays import case_arrays
from policyopts._kernels.dominance import dominates
from policyopts._validate import as_matrix, as_types
from policyopts.model import Case

__all__ = ["dominance_matrix", "dominated_options"]


def dominance_matrix(matrix: ArrayLike, types: ArrayLike) -> NDArray[np.bool_]:
    """Pairwise Pareto dominance between alternatives.

    Parameters
    ----------
    matrix : array_like, shape (..., m, n)
        Performance of m alternatives on n criteria; leading axes are samples.
    types : array_like, shape (n,)
        +1 for a benefit criterion, -1 for a cost criterion.

    Returns
    -------
    ndarray of bool, shape (..., m, m)
        ``[i, j]`` is True when alternative i dominates alternative j: at
        least as good on every criterion and strictly better on one.

    Examples
    --------
    >>> d = dominance_matrix([[3, 1], [2, 1], [1, 5]], [1, -1])
    >>> d.astype(int)
    array([[0, 1, 1],
           [0, 0, 1],
           [0, 0, 0]])
    """
    mat = as_matrix(matrix)
    typ = as_types(types, mat.shape[-1])
    return dominates(mat, typ)


def dominated_options(case: Case, *, scenario: str | None = None) -> pd.DataFrame:
    """Which options of ``case`` are Pareto-dominated, and by which.

    Point scores are compared on every weighted criterion, the risk burden
    included.

    Returns
    -------
    pandas.DataFrame
        Indexed by option id: ``dominated`` (bool), ``dominated_by`` and
        ``dominates`` (lists of option ids).

    Examples
    --------
    >>> import policyopts as po
    >>> frame = po.dominated_options(po.load_case("mali"))
    >>> list(frame.columns)
    ['dominated', 'dominated_by', 'dominates']
    """
    arrays = case_arrays(case, scenario)
    dom = dominates(arrays.matrix, arrays.types)
    ids = arrays.option_ids
    by = [[ids[i] for i in np.flatnonzero(dom[:, j])] for j in range(len(ids))]
    over = [[ids[j] for j in np.flatnonzero(dom[i, :])] for i in range(len(ids))]
    return pd.DataFrame(
        {"dominated": [bool(b) for b in by], "dominated_by": by, "dominates": over},
        index=pd.Index(ids, name="option"),
    )
