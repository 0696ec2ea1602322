r"""Decisions under scenario uncertainty: robustness criteria, regret and EVPI.

A *payoff table* lists, for every option (rows) and every scenario (columns),
how good the option turns out if that scenario unfolds; higher is better.
:func:`robustness` scores each option by the classic criteria of decision
making under uncertainty and under risk, :func:`regret_table` gives Savage's
opportunity losses and :func:`evpi` the expected value of perfect information
(what it would be worth to know which scenario will occur before choosing).

These functions work on plain arrays or labelled pandas frames and know
nothing about cases; :mod:`policyopts.scenarios` builds payoff tables from a
:class:`~policyopts.Case`.

References
----------
Savage, L. J. (1951). The theory of statistical decision. Journal of the
American Statistical Association, 46(253), 55-67.
Hurwicz, L. (1951). Optimality criteria for decision making under ignorance.
Cowles Commission Discussion Paper, Statistics 370.
Raiffa, H., & Schlaifer, R. (1961). Applied Statistical Decision Theory.
Harvard University Press.
Simon, H. A. (1955). A behavioral model of rational choice. The Quarterly
Journal of Economics, 69(1), 99-118.
Render, B., Stair, R. M., & Hanna, M. E. Quantitative Analysis for
Management, ch. 3 "Decision Analysis" (Thompson Lumber example).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from policyopts import _validate as V
from policyopts._kernels.rank import rank as _rank

__all__ = ["CRITERIA", "evpi", "regret_table", "robustness"]

FloatArray = NDArray[np.float64]

#: Tolerance on the sum of scenario probabilities.
PROBABILITY_TOL = 1e-6

#: Robustness criteria: column of :func:`robustness` -> (plain name, higher is better).
CRITERIA: Mapping[str, tuple[str, bool]] = {
    "expected": ("highest expected payoff", True),
    "worst": ("best worst case (maximin)", True),
    "best": ("best best case (maximax)", True),
    "hurwicz": ("Hurwicz criterion of realism", True),
    "laplace": ("equally likely scenarios (Laplace)", True),
    "max_regret": ("least maximum regret (Savage minimax regret)", False),
    "satisficing": ("most likely to meet the threshold (satisficing)", True),
}


# ------------------------------------------------------------------- validation


def _labelled_array(
    x: ArrayLike | pd.DataFrame, name: str
) -> tuple[FloatArray, list[Any] | None, list[Any] | None]:
    """A float array with the row and column labels of a DataFrame (None for an
    array_like), naming ``name`` when ``x`` does not convert."""
    if isinstance(x, pd.DataFrame):
        try:
            arr = x.to_numpy(dtype=np.float64)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"{name}: could not convert to a float array ({exc})") from None
        return arr, list(x.index), list(x.columns)
    return V.as_float_array(x, name), None, None


def _payoffs(payoffs: ArrayLike | pd.DataFrame) -> tuple[FloatArray, list[Any], list[Any]]:
    """Payoff matrix (m, s) with row and column labels."""
    arr, row_labels, col_labels = _labelled_array(payoffs, "payoffs")
    if arr.ndim != 2:
        raise ValueError(
            f"payoffs: expected a 2-d table of options x scenarios, got shape {arr.shape}"
        )
    if arr.shape[0] < 1 or arr.shape[1] < 1:
        raise ValueError(f"payoffs: need at least one option and one scenario, got {arr.shape}")
    V.check_finite(arr, "payoffs")
    rows = list(range(arr.shape[0])) if row_labels is None else row_labels
    cols = list(range(arr.shape[1])) if col_labels is None else col_labels
    return arr, rows, cols


def _probabilities(
    probabilities: ArrayLike | pd.Series | Mapping[Any, float] | None,
    columns: Sequence[Any],
) -> FloatArray:
    """Scenario probabilities (s,); a Series or mapping is aligned to ``columns`` by label
    (the column positions 0..s-1 when the payoffs are a plain array)."""
    s = len(columns)
    if probabilities is None:
        return np.full(s, 1.0 / s)
    if isinstance(probabilities, pd.Series | Mapping):
        mapping = dict(probabilities.items())
        missing = [c for c in columns if c not in mapping]
        extra = [k for k in mapping if k not in set(columns)]
        if missing or extra:
            parts = []
            if missing:
                parts.append(f"no probability for scenarios {missing}")
            if extra:
                parts.append(f"unknown scenarios {extra}")
            raise ValueError("probabilities: " + "; ".join(parts))
        arr = V.as_float_array([mapping[c] for c in columns], "probabilities")
    else:
        arr = V.as_float_array(probabilities, "probabilities")
    if arr.shape != (s,):
        raise ValueError(
            f"probabilities: expected shape ({s},) to match the payoff table's {s} scenarios, "
            f"got {arr.shape}"
        )
    V.check_finite(arr, "probabilities")
    if arr.min() < 0:
        j = int(np.argmin(arr))
        raise ValueError(f"probabilities: must be non-negative, got {float(arr[j])!r} at index {j}")
    total = float(arr.sum())
    if abs(total - 1.0) > PROBABILITY_TOL:
        raise ValueError(f"probabilities: must sum to 1, got {total:.6g}")
    out: FloatArray = arr / total
    return out


# ------------------------------------------------------------------- public API


def regret_table(payoffs: ArrayLike | pd.DataFrame) -> FloatArray | pd.DataFrame:
    r"""Savage's regret (opportunity loss) of every option in every scenario.

    .. math:: r_{os} = \max_{o'} x_{o's} - x_{os} \ \ge 0

    Parameters
    ----------
    payoffs : array_like or DataFrame, shape (m, s)
        Options in rows, scenarios in columns; higher is better.

    Returns
    -------
    ndarray or DataFrame, shape (m, s)
        A DataFrame with the same labels when ``payoffs`` is one.

    References
    ----------
    Savage, L. J. (1951). The theory of statistical decision. JASA 46(253), 55-67.

    Examples
    --------
    >>> print(regret_table([[200, -180], [100, -20], [0, 0]]))
    [[  0. 180.]
     [100.  20.]
     [200.   0.]]
    """
    arr, _, _ = _payoffs(payoffs)
    reg: FloatArray = arr.max(axis=0, keepdims=True) - arr
    if isinstance(payoffs, pd.DataFrame):
        return pd.DataFrame(reg, index=payoffs.index.copy(), columns=payoffs.columns.copy())
    return reg


def evpi(
    payoffs: ArrayLike | pd.DataFrame,
    probabilities: ArrayLike | pd.Series | Mapping[Any, float] | None,
) -> float:
    r"""Expected value of perfect information about which scenario occurs.

    .. math::

        \mathrm{EVPI} = \sum_s p_s \max_o x_{os} - \max_o \sum_s p_s x_{os} \ \ge 0

    the expected payoff if the decision could wait until the scenario is known,
    minus the best expected payoff when deciding now (Raiffa & Schlaifer
    1961).  It is the most it is worth paying to learn the scenario first, and
    it equals the smallest expected regret over the options.

    Parameters
    ----------
    payoffs : array_like or DataFrame, shape (m, s)
        Options in rows, scenarios in columns; higher is better.
    probabilities : array_like, Series or mapping, shape (s,)
        Scenario probabilities: non-negative, summing to 1.  A Series or
        mapping is matched to the columns of a DataFrame by label.  ``None``
        treats the scenarios as equally likely.

    Returns
    -------
    float
        In the payoffs' unit; never negative.

    Examples
    --------
    Thompson Lumber (Render, Stair & Hanna, ch. 3): a large plant, a small
    plant or nothing, in a favourable or unfavourable market, 50/50:

    >>> evpi([[200_000, -180_000], [100_000, -20_000], [0, 0]], [0.5, 0.5])
    60000.0
    """
    arr, _, cols = _payoffs(payoffs)
    p = _probabilities(probabilities, cols)
    with_info = float(arr.max(axis=0) @ p)
    without = float((arr @ p).max())
    return max(with_info - without, 0.0)


def robustness(
    payoffs: ArrayLike | pd.DataFrame,
    probabilities: ArrayLike | pd.Series | Mapping[Any, float] | None,
    *,
    optimism: float = 0.5,
    threshold: float | None = None,
) -> pd.DataFrame:
    r"""Score options on a payoff table by the classic robustness criteria.

    With payoffs :math:`x_{os}` (higher is better) and scenario probabilities
    :math:`p_s`, one row per option with columns:

    ``expected``
        :math:`E_o = \sum_s p_s x_{os}` (expected monetary value).
    ``std``
        Probability-weighted spread, :math:`\sqrt{\sum_s p_s (x_{os} - E_o)^2}`.
    ``worst`` / ``best``
        :math:`\min_s x_{os}` (Wald's maximin picks the largest) and
        :math:`\max_s x_{os}` (maximax).
    ``hurwicz``
        :math:`\alpha \max_s x_{os} + (1 - \alpha) \min_s x_{os}` with
        :math:`\alpha` = ``optimism`` (Hurwicz 1951; Render & Stair's
        "criterion of realism").
    ``laplace``
        Mean over scenarios taken as equally likely.
    ``max_regret``
        :math:`\max_s (\max_{o'} x_{o's} - x_{os})` (Savage 1951; smallest is best).
    ``satisficing``
        Only when ``threshold`` is given: the probability mass of the scenarios
        in which the option reaches it, :math:`\sum_s p_s [x_{os} \ge t]`
        (Simon 1955).

    and, for each criterion, a ``rank_<criterion>`` column (1 = best, ties
    share the best rank).  Worst, best, Hurwicz, Laplace and regret ignore the
    probabilities (every listed scenario counts, even one with probability 0).

    Parameters
    ----------
    payoffs : array_like or DataFrame, shape (m, s)
        Options in rows, scenarios in columns; higher is better.  Labels of a
        DataFrame are kept (its index becomes the result's index).
    probabilities : array_like, Series or mapping, shape (s,)
        Non-negative, summing to 1 (within 1e-6); matched by label to a
        DataFrame's columns when given as a Series or mapping.  ``None``:
        equally likely.
    optimism : float in [0, 1], default 0.5
        Hurwicz's coefficient of optimism.
    threshold : float, optional
        Aspiration level for the satisficing column.

    Returns
    -------
    DataFrame
        Index: the options (``payoffs``' index, else 0..m-1), named ``option``.

    Raises
    ------
    ValueError
        Naming the argument: a payoff table that is not 2-d or has NaN/inf,
        probabilities of the wrong shape, negative or not summing to 1,
        ``optimism`` outside [0, 1], a non-finite ``threshold``.

    References
    ----------
    Hurwicz (1951); Savage (1951); Simon (1955) -- see the module references.
    Render, B., Stair, R. M., & Hanna, M. E. Quantitative Analysis for
    Management, ch. 3 (decision making under uncertainty and under risk).

    Examples
    --------
    >>> t = robustness([[200_000, -180_000], [100_000, -20_000], [0, 0]], [0.5, 0.5],
    ...                optimism=0.8)
    >>> t[["expected", "worst", "hurwicz", "max_regret"]].astype(int).to_numpy().tolist()
    [[10000, -180000, 124000, 180000], [40000, -20000, 76000, 100000], [0, 0, 0, 200000]]
    >>> t["rank_max_regret"].tolist()
    [2, 1, 3]
    """
    arr, _, cols = _payoffs(payoffs)
    p = _probabilities(probabilities, cols)
    alpha = V.check_in_range(optimism, "optimism", 0.0, 1.0)

    expected = arr @ p
    dev = arr - expected[:, None]
    std = np.sqrt(np.maximum((dev * dev) @ p, 0.0))
    worst = arr.min(axis=1)
    best = arr.max(axis=1)
    regret = arr.max(axis=0, keepdims=True) - arr
    columns: dict[str, FloatArray] = {
        "expected": expected,
        "std": std,
        "worst": worst,
        "best": best,
        "hurwicz": alpha * best + (1.0 - alpha) * worst,
        "laplace": arr.mean(axis=1),
        "max_regret": regret.max(axis=1),
    }
    if threshold is not None:
        t = V.as_scalar(threshold, "threshold")
        columns["satisficing"] = (arr >= t).astype(np.float64) @ p

    index = (
        payoffs.index.copy()
        if isinstance(payoffs, pd.DataFrame)
        else pd.RangeIndex(arr.shape[0], name="option")
    )
    if index.name is None:
        index = index.rename("option")
    frame = pd.DataFrame(columns, index=index)
    for name in list(columns):
        if name == "std":
            continue
        higher = CRITERIA[name][1]
        frame[f"rank_{name}"] = _rank(columns[name], higher_is_better=higher).astype(np.int64)
    return frame
