r"""Expected value of sample information: what watching a signpost is worth.

A *signpost* (a survey, an indicator, an intelligence report) has outcomes
whose probabilities depend on which state of the world holds.  With payoffs
:math:`x_{as}` (options :math:`a` in rows, states :math:`s` in columns,
higher is better), a prior :math:`p_s` and likelihoods
:math:`L_{so} = P(o \mid s)`,

.. math::

    P(o) = \sum_s p_s L_{so}, \qquad
    P(s \mid o) = \frac{p_s L_{so}}{P(o)}, \qquad
    \mathrm{EVSI} = \sum_o P(o) \max_a \sum_s P(s \mid o)\, x_{as}
                    - \max_a \sum_s p_s x_{as}
                  = \sum_o \max_a \sum_s x_{as} p_s L_{so} - \max_a \sum_s p_s x_{as}

(Raiffa & Schlaifer 1961).  The second form needs no division, so outcomes
that cannot occur (:math:`P(o) = 0`) contribute nothing and raise no
warning.  EVSI is never negative (the decision after observing can always
repeat the decision taken now) and never exceeds the EVPI; perfect
information is the identity likelihood, for which EVSI equals
:func:`policyopts.robustness.evpi`, and an uninformative signpost (identical
rows) is worth exactly zero.

References
----------
Raiffa, H., & Schlaifer, R. (1961). Applied Statistical Decision Theory.
Harvard University Press.
Render, B., Stair, R. M., & Hanna, M. E. Quantitative Analysis for
Management, ch. 3 (Thompson Lumber: the market survey).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from policyopts import _validate as V
from policyopts.results import Provenance, Result
from policyopts.robustness import PROBABILITY_TOL, _labelled_array, _probabilities

__all__ = ["EVSIResult", "evsi"]

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]


@dataclass(frozen=True, eq=False)
class EVSIResult(Result):
    """The value of observing a signpost before choosing.

    For a plain array input the attributes are numpy arrays (batched over the
    leading axes of ``payoffs``); for a labelled input (``payoffs`` a
    DataFrame) they are pandas objects labelled by option, state and outcome.

    Attributes
    ----------
    evsi : float or ndarray, shape (...)
        Expected value of sample information; never negative.
    value_now : float or ndarray, shape (...)
        :math:`\\max_a E[x_a]` under the prior: deciding now.
    value_after : float or ndarray, shape (...)
        :math:`\\sum_o P(o) \\max_a E[x_a \\mid o]`: deciding after the outcome.
    action_now : int, label or ndarray
        The option chosen now (the first in order on a tie).
    actions : ndarray (..., k) or Series
        The option chosen after each outcome (the first on a tie).
    outcome_probabilities : ndarray (k,) or Series
        :math:`P(o)`.
    posteriors : ndarray (k, s) or DataFrame
        :math:`P(s \\mid o)`, one row per outcome; an outcome of probability 0
        keeps the prior (it never happens, so nothing is learned from it).
    conditional_values : ndarray (..., m, k) or DataFrame
        :math:`E[x_a \\mid o]`, options by outcomes.
    provenance : Provenance
        Array level: the library version only.
    """

    evsi: Any
    value_now: Any
    value_after: Any
    action_now: Any
    actions: Any
    outcome_probabilities: Any
    posteriors: Any
    conditional_values: Any
    provenance: Provenance

    def caption(self) -> str:
        """What the table shows."""
        if np.ndim(self.evsi) == 0:
            return (
                f"Choice after each outcome of the signpost: EVSI {float(self.evsi):.6g} "
                f"(policyopts {self.version})"
            )
        return f"EVSI of a batch of {np.size(self.evsi)} payoff tables (policyopts {self.version})"

    def _rows(
        self, *, names: bool, limit: int | None, **options: Any
    ) -> tuple[list[str], list[list[object]]]:
        frame = self.to_frame()
        header = [str(frame.index.name), *(str(c) for c in frame.columns)]
        rows: list[list[object]] = [
            [i, *r] for i, r in zip(frame.index.tolist(), frame.to_numpy().tolist(), strict=True)
        ]
        return header, rows[:limit]

    def to_frame(self) -> pd.DataFrame:
        """One row per outcome: its probability, the choice after it and the
        posterior state probabilities; for a batch, one row per payoff table:
        ``evsi``, ``value_now`` and ``value_after``."""
        if np.ndim(self.evsi) > 0:
            return pd.DataFrame(
                {
                    "evsi": np.ravel(self.evsi),
                    "value_now": np.ravel(self.value_now),
                    "value_after": np.ravel(self.value_after),
                },
                index=pd.RangeIndex(np.size(self.evsi), name="table"),
            )
        post = pd.DataFrame(self.posteriors)
        index = pd.Index(post.index, name="outcome")
        frame = pd.DataFrame(
            {
                "probability": np.asarray(self.outcome_probabilities, dtype=np.float64),
                "choice": list(np.asarray(self.actions).tolist()),
            },
            index=index,
        )
        for s in post.columns:
            frame[f"P({s})"] = post[s].to_numpy(dtype=np.float64)
        return frame

    def __repr__(self) -> str:
        return (
            f"EVSIResult(evsi={self.evsi!r}, value_now={self.value_now!r}, "
            f"value_after={self.value_after!r})"
        )


def _likelihoods(
    likelihoods: ArrayLike | pd.DataFrame, states: list[Any], labelled: bool
) -> tuple[FloatArray, list[Any]]:
    s = len(states)
    if isinstance(likelihoods, pd.DataFrame) and labelled:
        missing = [x for x in states if x not in likelihoods.index]
        extra = [x for x in likelihoods.index if x not in set(states)]
        if missing or extra:
            raise ValueError(
                f"likelihoods: rows must be the payoff table's states; missing {missing}, "
                f"unknown {extra}"
            )
        likelihoods = likelihoods.loc[states]
    arr, _, outcomes = _labelled_array(likelihoods, "likelihoods")
    if outcomes is None:
        outcomes = list(range(arr.shape[1])) if arr.ndim == 2 else []
    if arr.ndim != 2 or arr.shape[0] != s or arr.shape[1] < 1:
        raise ValueError(
            f"likelihoods: expected shape ({s}, k) (states x outcomes, k >= 1), got {arr.shape}"
        )
    V.check_finite(arr, "likelihoods")
    bad = np.argwhere((arr < 0.0) | (arr > 1.0))
    if bad.size:
        i, j = (int(x) for x in bad[0])
        raise ValueError(f"likelihoods: must lie in [0, 1], got {float(arr[i, j])!r} at [{i}, {j}]")
    sums = arr.sum(axis=1)
    off = np.flatnonzero(np.abs(sums - 1.0) > PROBABILITY_TOL)
    if off.size:
        i = int(off[0])
        raise ValueError(
            f"likelihoods: each row (state) must sum to 1, row {i} sums to {float(sums[i]):.6g}"
        )
    out: FloatArray = arr / sums[:, None]
    return out, outcomes


def _kernel(
    x: FloatArray, prior: FloatArray, lik: FloatArray
) -> tuple[FloatArray, FloatArray, FloatArray, IntArray, IntArray, FloatArray, FloatArray]:
    """Batched EVSI: ``x`` (..., m, s), ``prior`` (s,), ``lik`` (s, k)."""
    joint = prior[:, None] * lik  # (s, k): P(s, o)
    p_out = joint.sum(axis=0)  # (k,)
    safe = np.where(p_out > 0.0, p_out, 1.0)
    post = np.where(p_out[None, :] > 0.0, joint / safe[None, :], prior[:, None]).T  # (k, s)
    now_values = x @ prior  # (..., m)
    a_now = np.argmax(now_values, axis=-1)
    v_now = np.take_along_axis(now_values, a_now[..., None], axis=-1)[..., 0]
    weighted = x @ joint  # (..., m, k): sum_s x_as P(s, o)
    a_out = np.argmax(weighted, axis=-2)  # (..., k)
    v_after = np.take_along_axis(weighted, a_out[..., None, :], axis=-2)[..., 0, :].sum(axis=-1)
    gain = np.maximum(v_after - v_now, 0.0)
    # E[x | o] = weighted / P(o) where P(o) > 0, else the prior's expectation
    cond = np.where(p_out > 0.0, weighted / safe, now_values[..., None])  # (..., m, k)
    return gain, v_now, v_after, a_now.astype(np.int64), a_out.astype(np.int64), post, cond


def evsi(
    payoffs: ArrayLike | pd.DataFrame,
    prior: ArrayLike | pd.Series | Mapping[Any, float] | None,
    likelihoods: ArrayLike | pd.DataFrame,
) -> EVSIResult:
    r"""Expected value of sample information of one signpost.

    .. math::

        \mathrm{EVSI} = \sum_o P(o) \max_a E[x_a \mid o] - \max_a E[x_a]
        \ \ge 0, \qquad P(o) = \sum_s p_s L_{so}

    (Raiffa & Schlaifer 1961): what observing the signpost before choosing is
    worth, in the payoffs' unit.

    Parameters
    ----------
    payoffs : array_like (..., m, s) or DataFrame (m, s)
        Options by states, higher is better.  Leading axes of an array are a
        batch (e.g. payoff tables under sampled weights) sharing the prior and
        the likelihoods.
    prior : array_like, Series or mapping, shape (s,)
        State probabilities: non-negative, summing to 1 (within 1e-6); a
        Series or mapping is matched to a DataFrame's columns by label.
        ``None``: equally likely.
    likelihoods : array_like or DataFrame, shape (s, k)
        :math:`P(o \mid s)`: states by outcomes, entries in [0, 1], each row
        summing to 1 (within 1e-6).  A DataFrame's index is matched to the
        payoff columns by label when ``payoffs`` is a DataFrame; its columns
        name the outcomes.

    Returns
    -------
    EVSIResult
        Labelled (pandas) when ``payoffs`` is a DataFrame.

    Raises
    ------
    ValueError
        Naming the argument: payoffs not at least 2-d or not finite; a prior
        of the wrong shape, negative or not summing to 1; likelihoods of the
        wrong shape, outside [0, 1] or with a row not summing to 1.

    References
    ----------
    Raiffa, H., & Schlaifer, R. (1961). Applied Statistical Decision Theory.
    Harvard University Press.

    Examples
    --------
    Thompson Lumber (Render, Stair & Hanna, ch. 3): a survey is positive with
    probability 0.70 in a favourable market and 0.20 in an unfavourable one.

    >>> r = evsi([[200_000, -180_000], [100_000, -20_000], [0, 0]], [0.5, 0.5],
    ...          [[0.7, 0.3], [0.2, 0.8]])
    >>> round(float(r.evsi)), r.actions.tolist(), r.outcome_probabilities.round(2).tolist()
    (19000, [0, 1], [0.45, 0.55])
    """
    labelled = isinstance(payoffs, pd.DataFrame)
    x, options, states = _labelled_array(payoffs, "payoffs")
    if options is None or states is None:
        if x.ndim < 2:
            raise ValueError(
                f"payoffs: expected options x states of shape (..., m, s), got shape {x.shape}"
            )
        options, states = list(range(x.shape[-2])), list(range(x.shape[-1]))
    if x.ndim < 2 or x.shape[-2] < 1 or x.shape[-1] < 1:
        raise ValueError(f"payoffs: need at least one option and one state, got {x.shape}")
    V.check_finite(x, "payoffs")
    p = _probabilities(prior, states)
    lik, outcomes = _likelihoods(likelihoods, states, labelled)
    gain, v_now, v_after, a_now, a_out, post, cond = _kernel(x, p, lik)
    if not labelled:
        scalar = x.ndim == 2
        return EVSIResult(
            evsi=float(gain) if scalar else gain,
            value_now=float(v_now) if scalar else v_now,
            value_after=float(v_after) if scalar else v_after,
            action_now=int(a_now) if scalar else a_now,
            actions=a_out,
            outcome_probabilities=lik.T @ p,
            posteriors=post,
            conditional_values=cond,
            provenance=Provenance(),
        )
    out_index = pd.Index(outcomes, name="outcome")
    return EVSIResult(
        evsi=float(gain),
        value_now=float(v_now),
        value_after=float(v_after),
        action_now=options[int(a_now)],
        actions=pd.Series([options[int(i)] for i in a_out], index=out_index, name="action"),
        outcome_probabilities=pd.Series(lik.T @ p, index=out_index, name="probability"),
        posteriors=pd.DataFrame(post, index=out_index, columns=pd.Index(states, name="state")),
        conditional_values=pd.DataFrame(
            cond, index=pd.Index(options, name="option"), columns=out_index
        ),
        provenance=Provenance(),
    )
