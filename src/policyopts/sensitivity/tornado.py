r"""Tornado analysis: which single input moves the result most.

Every uncertain input of a case (an assessment's plausible low/high, a risk
likelihood's low/high, from :func:`policyopts.uncertain_inputs`) and every
criterion weight (nudged down and up by a step, the other weights rescaled in
proportion so they still sum to 1) is moved alone to each end of its range
while everything else stays at its nominal value.  For each move the options
are re-scored; the *swing* of an input is how far the margin between the two
options ranked first and second at nominal inputs moves:

.. math::

    \text{swing}_i = |\,M(x_i^{high}) - M(x_i^{low})\,|, \qquad
    M = \sigma\,(s_{top} - s_{second})

with :math:`\sigma = +1` when higher scores are better (-1 for VIKOR's Q).
Sorting inputs by swing gives the tornado diagram (Howard 1988; Clemen &
Reilly 2014, ch. 5).  All one-at-a-time evaluations are stacked and scored in
one batched method call.

References
----------
Howard, R. A. (1988). Decision analysis: practice and promise. Management
Science, 34(6), 679-695.
Clemen, R. T., & Reilly, T. (2014). Making Hard Decisions with
DecisionTools, 3rd ed. Cengage, ch. 5.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from policyopts import _validate as V
from policyopts import methods as _methods
from policyopts._casearrays import CaseArrays
from policyopts._tables import (
    fmt,
)
from policyopts.inputs import UncertainInputs, uncertain_inputs
from policyopts.model import Case, Criterion
from policyopts.results import Provenance, Result
from policyopts.sensitivity.oneway._setup import CaseIds, resolve_case

__all__ = ["TornadoResult", "tornado"]

FloatArray = NDArray[np.float64]

WEIGHT_MODES = ("absolute", "relative")


# ------------------------------------------------- shared case-level evaluation


@dataclass(frozen=True)
class _Scorer:
    """Score stacks of matrices exactly as :func:`policyopts.compare` scores one.

    With normalization ``"scale"`` (see :data:`policyopts.methods.SCALE_NORMALIZATION`)
    each score goes through its criterion's value function over the declared
    scale before the method aggregates it; otherwise the method gets the raw
    scores.
    """

    criteria: tuple[Criterion, ...]
    types: FloatArray
    call: _methods.MethodCall

    @property
    def method(self) -> str:
        return self.call.name

    @property
    def normalization(self) -> str | None:
        return self.call.normalization

    def values(self, matrices: FloatArray) -> FloatArray:
        """Value-function values of ``matrices`` (..., m, n), in [0, 1]."""
        cols = [c.value(matrices[..., j]) for j, c in enumerate(self.criteria)]
        return np.stack(cols, axis=-1)

    def __call__(
        self, matrices: FloatArray, weights: FloatArray
    ) -> tuple[FloatArray, NDArray[np.int64], bool]:
        """Scores and ranks (S, m) of matrices (S, m, n) under weights (S, n) or (n,)."""
        mats = self.values(matrices) if self.call.on_scale else matrices
        res = self.call(mats, weights, self.types)
        return (
            np.asarray(res.scores, dtype=np.float64),
            np.asarray(res.ranks, dtype=np.int64),
            bool(res.higher_is_better),
        )


@dataclass(frozen=True)
class _CaseModel(CaseIds):
    """A case prepared for repeated scoring: arrays, uncertain inputs, weights."""

    case: Case
    profile: str
    scenario: str | None
    arrays: CaseArrays
    inputs: UncertainInputs
    weights: FloatArray
    scorer: _Scorer

    @property
    def option_names(self) -> dict[str, str]:
        return {o.id: o.label for o in self.case.options}

    @property
    def criterion_names(self) -> dict[str, str]:
        return {c.id: c.label for c in self.case.all_criteria}

    def provenance(self, *, seed: int | None = None, n_samples: int | None = None) -> Provenance:
        """Provenance of a result computed from this setup."""
        return Provenance.of(
            self.case,
            profile=self.profile,
            scenario=self.scenario,
            method=self.scorer.method,
            normalization=self.scorer.normalization,
            seed=seed,
            n_samples=n_samples,
        )

    def nominal(self) -> tuple[FloatArray, NDArray[np.int64], bool]:
        """Scores, ranks and direction at the point inputs and profile weights."""
        scores, ranks, higher = self.scorer(self.arrays.matrix[None], self.weights[None])
        return scores[0], ranks[0], higher


def _case_model(
    case: Case,
    profile: str | None,
    *,
    method: str = "wsm",
    scenario: str | None = None,
    normalization: str | None = None,
    options: Mapping[str, Any] | None = None,
) -> _CaseModel:
    """Arrays, uncertain inputs, profile weights and a scorer for ``case``."""
    prof, call = resolve_case(case, profile, scenario, method, normalization, options)
    inputs = uncertain_inputs(case, scenario)
    arrays = inputs.base
    weights = np.asarray(prof.resolve(arrays.criterion_ids, case.tree_parents), dtype=np.float64)
    scorer = _Scorer(tuple(arrays.criteria), arrays.types, call)
    return _CaseModel(case, prof.id, scenario, arrays, inputs, weights, scorer)


def _top_two(scores: FloatArray, higher: bool) -> tuple[int, int]:
    """Positions of the first and second option (ties in case order)."""
    oriented = scores if higher else -scores
    order = np.argsort(-oriented, kind="stable")
    return int(order[0]), int(order[1])


def _shifted_weights(weights: FloatArray, new: FloatArray) -> FloatArray:
    """Row j: weight j set to ``new[j]``, the others rescaled to sum ``1 - new[j]``.

    The others keep their proportions; if they are all zero (weight j was 1)
    they share ``1 - new[j]`` equally.
    """
    n = weights.size
    rest = 1.0 - weights
    new_rest = 1.0 - new
    solo = rest <= 1e-15
    scale = np.divide(new_rest, rest, out=np.zeros(n), where=~solo)
    out = weights[None, :] * scale[:, None]
    if solo.any() and n > 1:
        out[solo] = (new_rest[solo] / (n - 1))[:, None]
    out[np.arange(n), np.arange(n)] = new
    return out


def _weight_ends(
    weights: FloatArray, step: float, mode: str
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    """Low and high value of each weight, and the weight vectors they give."""
    if mode == "absolute":
        low = np.clip(weights - step, 0.0, 1.0)
        high = np.clip(weights + step, 0.0, 1.0)
    else:
        low = np.clip(weights * (1.0 - step), 0.0, 1.0)
        high = np.clip(weights * (1.0 + step), 0.0, 1.0)
    return low, high, _shifted_weights(weights, low), _shifted_weights(weights, high)


# --------------------------------------------------------------------- result


@dataclass(frozen=True, eq=False)
class TornadoResult(Result):
    """One-at-a-time swings of a case's result.

    Attributes
    ----------
    table : pandas.DataFrame
        One row per input, indexed by input id (``score:<option>:<criterion>``,
        ``likelihood:<risk>``, ``weight:<criterion>``), sorted by ``swing``
        (largest first).  Columns: ``kind`` (score, likelihood, weight),
        ``label``, ``point``, ``low``, ``high`` (the input's nominal value and
        the two ends it is moved to; for a weight, its normalised value),
        ``margin_low``, ``margin_high`` (margin of the nominal top option over
        the nominal runner-up with the input at each end), ``swing``
        (``|margin_high - margin_low|``), ``top_low``, ``top_high`` (the
        option ranked first at each end) and ``flips_top`` (whether the
        nominal top option loses first place at either end).
    scores_low, scores_high : pandas.DataFrame
        Input (rows, same order as ``table``) by option: every option's score
        with the input at its low / high end.
    nominal : pandas.Series
        Every option's score at nominal inputs.
    top_two : tuple of str
        The option ranked first and the runner-up at nominal inputs.
    margin : float
        Their nominal margin (positive unless they tie).
    higher_is_better : bool
        Direction of the scores (False for VIKOR's Q).
    method, normalization, profile, scenario : str or None
        What produced the scores.
    weight_step : float
        The weight step; ``weight_mode`` says whether it is absolute or relative.
    case_id, version : str
        The case and the library version.
    """

    _default_limit: ClassVar[int | None] = 15

    table: pd.DataFrame
    scores_low: pd.DataFrame
    scores_high: pd.DataFrame
    nominal: pd.Series
    top_two: tuple[str, str]
    margin: float
    higher_is_better: bool
    provenance: Provenance
    weight_step: float
    weight_mode: str
    option_names: Mapping[str, str] = field(repr=False)

    # ---------------------------------------------------------------- views
    @property
    def flips(self) -> pd.DataFrame:
        """The rows whose input, at one end of its range, changes the top option."""
        return self.table[self.table["flips_top"]]

    def head(self, n: int = 10) -> pd.DataFrame:
        """The ``n`` inputs with the largest swing."""
        if int(n) < 1:
            raise ValueError(f"n: need at least 1, got {n!r}")
        return self.table.head(int(n))

    def for_option(self, option: str) -> pd.DataFrame:
        """How each input moves one option's score, largest swing first.

        Columns ``kind``, ``label``, ``low``, ``high``, ``score_low``,
        ``score_high`` and ``swing`` (``|score_high - score_low|``).
        """
        if option not in self.nominal.index:
            raise ValueError(
                f"option: unknown option {option!r}; options: {', '.join(self.nominal.index)}"
            )
        out = self.table[["kind", "label", "low", "high"]].copy()
        out["score_low"] = self.scores_low[option]
        out["score_high"] = self.scores_high[option]
        out["swing"] = (out["score_high"] - out["score_low"]).abs()
        return out.sort_values("swing", ascending=False, kind="stable")

    def summary(self, n: int = 3) -> str:
        """A few sentences in plain words: the margin, the biggest swings, the flips."""
        a, b = self.top_two
        na, nb = self.option_names[a], self.option_names[b]
        text = f"At nominal inputs {na} leads {nb} by {fmt(self.margin)} ({self._provenance()})."
        big = self.table[self.table["swing"] > 0].head(n)
        if len(big):
            items = [
                f"{lab} (swing {fmt(float(s))})"
                for lab, s in zip(big["label"], big["swing"], strict=True)
            ]
            text += " The margin moves most with " + _listing(items) + "."
        flips = self.flips
        if len(flips):
            labels = [str(x) for x in flips["label"]]
            shown = (
                _listing(labels)
                if len(labels) <= n
                else ", ".join(labels[:n]) + f" and {len(labels) - n} more"
            )
            text += (
                f" {len(flips)} of {len(self.table)} inputs change the top option at an end "
                f"of their range: {shown}."
            )
        else:
            text += " No single input, moved alone to an end of its range, changes the top option."
        return text

    def _provenance(self) -> str:
        bits = [f"method {self.method}"]
        if self.normalization:
            bits.append(f"normalization {self.normalization}")
        bits.append(f"profile {self.profile}")
        bits.append(f"scenario {self.scenario}" if self.scenario else "baseline")
        return ", ".join(bits)

    def caption(self) -> str:
        """How the table was produced."""
        a, b = self.top_two
        unit = "" if self.weight_mode == "absolute" else " relative"
        return (
            f"Tornado: margin of {self.option_names[a]} over {self.option_names[b]} with each "
            f"input alone at its low and high value (weights ±{fmt(self.weight_step)}{unit}; "
            f"{self._provenance()}, case {self.case_id}, policyopts {self.version})"
        )

    # ------------------------------------------------------------ rendering
    def _rows(
        self, *, names: bool, limit: int | None, **options: Any
    ) -> tuple[list[str], list[list[object]]]:
        header = ["Input", "Low", "High", "Margin at low", "Margin at high", "Swing", "Flips top"]
        frame = self.table if limit is None else self.table.head(limit)
        rows: list[list[object]] = []
        for lab, lo, hi, ml, mh, sw, fl in zip(
            frame["label"],
            frame["low"].to_numpy(dtype=np.float64),
            frame["high"].to_numpy(dtype=np.float64),
            frame["margin_low"].to_numpy(dtype=np.float64),
            frame["margin_high"].to_numpy(dtype=np.float64),
            frame["swing"].to_numpy(dtype=np.float64),
            frame["flips_top"].to_numpy(dtype=bool),
            strict=True,
        ):
            rows.append([str(lab), float(lo), float(hi), float(ml), float(mh), float(sw), bool(fl)])
        return header, rows

    def to_frame(self) -> pd.DataFrame:
        """The result's main table."""
        return self.table


def _listing(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


# ------------------------------------------------------------------- function


def tornado(
    case: Case,
    profile: str | None = None,
    *,
    method: str = "wsm",
    scenario: str | None = None,
    weight_step: float = 0.05,
    weight_mode: str = "absolute",
    normalization: str | None = None,
    **options: Any,
) -> TornadoResult:
    r"""One-at-a-time sensitivity (tornado) of a case's ranking.

    Each uncertain input is set to its plausible low and then high value
    (:attr:`policyopts.UncertainInput.low` / ``high``; a likelihood moves every
    option's risk burden), and each criterion weight :math:`w_j` to
    :math:`w_j \mp \delta` (``weight_mode="absolute"``) or
    :math:`w_j (1 \mp \delta)` (``"relative"``), clipped to [0, 1], with the
    other weights rescaled in proportion to sum :math:`1 - w_j'`:
    :math:`w_k' = w_k (1 - w_j') / (1 - w_j)`.  Everything else stays at its
    nominal value (point scores, point likelihoods, profile weights).  The
    :math:`2k` perturbed matrices and weight vectors, plus the nominal one,
    are scored in one batched call, exactly as :func:`policyopts.compare`
    scores the case (so ``wsm`` uses the criteria's value functions over
    their declared scales unless ``normalization`` says otherwise).

    Parameters
    ----------
    case : Case
    profile : str, optional
        Weight profile; the case's default when omitted.
    method : str, default "wsm"
        Any of :func:`policyopts.methods.available`.
    scenario : str, optional
        Apply a scenario first (its score changes and likelihood overrides).
    weight_step : float, default 0.05
        :math:`\delta`: an absolute step (in (0, 1)) or a relative one (> 0).
    weight_mode : {"absolute", "relative"}, default "absolute"
    normalization : str, optional
        As in :func:`policyopts.compare`.
    **options
        Method options (``v`` for VIKOR; ``preference``, ``q``, ``p``, ``s``
        for PROMETHEE II; ``bounds`` for SPOTIS).

    Returns
    -------
    TornadoResult
        ``table`` sorted by swing, with ``flips_top``; ``for_option``, ``top``,
        ``summary``, ``to_markdown``.

    References
    ----------
    Howard, R. A. (1988). Decision analysis: practice and promise. Management
    Science, 34(6), 679-695.
    Clemen, R. T., & Reilly, T. (2014). Making Hard Decisions, 3rd ed., ch. 5.

    Examples
    --------
    >>> import policyopts as po
    >>> from policyopts.sensitivity.tornado import tornado
    >>> t = tornado(po.load_case("mali"), "balanced")
    >>> t.top_two
    ('humanitarian', 'negotiate')
    >>> bool(t.table["swing"].is_monotonic_decreasing)
    True
    """
    mode = V.check_choice(weight_mode, WEIGHT_MODES, "weight_mode")
    step = V.as_scalar(weight_step, "weight_step")
    if mode == "absolute" and not 0.0 < step < 1.0:
        raise ValueError(f"weight_step: an absolute step must be in (0, 1), got {step!r}")
    if mode == "relative" and not step > 0.0:
        raise ValueError(f"weight_step: a relative step must be > 0, got {step!r}")
    cm = _case_model(
        case,
        profile,
        method=method,
        scenario=scenario,
        normalization=normalization,
        options=options,
    )
    inputs = cm.inputs
    k = len(inputs)
    n = len(cm.criterion_ids)
    base = inputs.point_values()
    lows_in = np.array([i.low for i in inputs.inputs], dtype=np.float64)
    highs_in = np.array([i.high for i in inputs.inputs], dtype=np.float64)
    low_vals = np.tile(base, (k, 1))
    high_vals = np.tile(base, (k, 1))
    low_vals[np.arange(k), np.arange(k)] = lows_in
    high_vals[np.arange(k), np.arange(k)] = highs_in
    input_mats = inputs.matrices(np.vstack([base[None, :], low_vals, high_vals]))

    w = cm.weights
    n_w = n if n > 1 else 0  # a single weight is always 1: nothing to perturb
    w_low, w_high, wv_low, wv_high = _weight_ends(w, step, mode)
    w_low, w_high, wv_low, wv_high = w_low[:n_w], w_high[:n_w], wv_low[:n_w], wv_high[:n_w]

    nominal_matrix = input_mats[0]
    matrices = np.concatenate(
        [input_mats, np.broadcast_to(nominal_matrix, (2 * n_w, *nominal_matrix.shape))], axis=0
    )
    weights = np.concatenate([np.broadcast_to(w, (1 + 2 * k, n)), wv_low, wv_high], axis=0)
    scores, ranks, higher = cm.scorer(matrices, weights)  # the one batched method call

    nominal_scores = scores[0]
    i_top, i_second = _top_two(nominal_scores, higher)
    sign = 1.0 if higher else -1.0
    margins = sign * (scores[:, i_top] - scores[:, i_second])
    first = np.argmin(ranks, axis=1)  # first option ranked 1 (case order)
    top_lost = ranks[:, i_top] > 1

    w0 = 1 + 2 * k  # first weight row
    lo_rows = np.r_[np.arange(1, 1 + k), np.arange(w0, w0 + n_w)]
    hi_rows = np.r_[np.arange(1 + k, 1 + 2 * k), np.arange(w0 + n_w, w0 + 2 * n_w)]

    crit_names = cm.criterion_names
    weight_ids = [f"weight:{c}" for c in cm.criterion_ids[:n_w]]
    ids = [*inputs.ids, *weight_ids]
    options_ids = cm.option_ids
    table = pd.DataFrame(
        {
            "kind": [i.kind for i in inputs.inputs] + ["weight"] * n_w,
            "label": [i.label or i.id for i in inputs.inputs]
            + [f"Weight · {crit_names[c]}" for c in cm.criterion_ids[:n_w]],
            "point": np.r_[base, w[:n_w]],
            "low": np.r_[lows_in, w_low],
            "high": np.r_[highs_in, w_high],
            "margin_low": margins[lo_rows],
            "margin_high": margins[hi_rows],
        },
        index=pd.Index(ids, name="input"),
    )
    table["swing"] = (table["margin_high"] - table["margin_low"]).abs()
    table["top_low"] = [options_ids[int(j)] for j in first[lo_rows]]
    table["top_high"] = [options_ids[int(j)] for j in first[hi_rows]]
    table["flips_top"] = top_lost[lo_rows] | top_lost[hi_rows]
    order = np.argsort(-table["swing"].to_numpy(dtype=np.float64), kind="stable")
    table = table.iloc[order]

    opt_index = pd.Index(options_ids, name="option")

    def score_frame(rows: NDArray[np.intp]) -> pd.DataFrame:
        frame = pd.DataFrame(scores[rows], index=pd.Index(ids, name="input"), columns=opt_index)
        return frame.iloc[order]

    return TornadoResult(
        table=table,
        scores_low=score_frame(lo_rows),
        scores_high=score_frame(hi_rows),
        nominal=pd.Series(nominal_scores, index=opt_index, name="score"),
        top_two=(options_ids[i_top], options_ids[i_second]),
        margin=float(margins[0]),
        higher_is_better=higher,
        provenance=cm.provenance(),
        weight_step=step,
        weight_mode=mode,
        option_names=cm.option_names,
    )
