r"""Weight stability intervals: how far each weight can move before the top option changes.

For criterion :math:`j` the weight moves along the one-way path of
:func:`policyopts.sensitivity.oneway.weight_path` (:math:`w_j = t`, the others
keeping their proportions and summing to :math:`1 - t`).  The *stability
interval* of :math:`w_j` is the largest interval :math:`[t_{lo}, t_{hi}]`
containing the current weight over which the currently top-ranked alternative
stays first, i.e. no alternative scores strictly better (ties, within the
ranking tolerance of 1e-12 of the largest score, do not dethrone it).  At each
end the *challenger* is the alternative that takes first place just beyond it.

- For methods whose scores are linear in the weights (``wsm``,
  ``promethee_ii``) the interval is exact: with :math:`d_o(t) = s_{top}(t) -
  s_o(t) = (1 - t)\,d_o(0) + t\,d_o(1)`, each challenger :math:`o` bounds the
  interval at :math:`t_o = d_o(0) / (d_o(0) - d_o(1))` (from above when
  :math:`d_o(1) < 0`, from below when :math:`d_o(0) < 0`), and
  :math:`t_{hi} = \min_o t_o`, :math:`t_{lo} = \max_o t_o`.
- For the other methods the top option's rank is checked on a grid of
  ``grid`` weights in [0, 1] (plus the current weight) in one batched call, and
  each end of the run of grid points where it stays first is refined with
  Brent's method on its lead :math:`s_{top}(t) - \max_{o \ne top} s_o(t)` to an
  absolute tolerance of 1e-12 in the weight.  This is exact as long as the lead
  changes sign at most once between neighbouring grid points (spacing
  :math:`1/(grid - 1)`, 0.005 by default); a shorter excursion can be missed.

This is the weight stability interval of Mareschal (1988) for PROMETHEE,
applied to every method of :mod:`policyopts.methods`.

References
----------
Mareschal, B. (1988). Weight stability intervals in multicriteria decision aid.
European Journal of Operational Research, 33(1), 54-64.
Triantaphyllou, E., & Sánchez, A. (1997). A sensitivity analysis approach for some
deterministic multi-criteria decision-making methods. Decision Sciences, 28(1),
151-194.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from policyopts._kernels.rank import TIE_RTOL
from policyopts.model import Case
from policyopts.results import Provenance, Result
from policyopts.sensitivity.oneway._array import XTOL, _path, _Problem, oriented, prepare
from policyopts.sensitivity.oneway._setup import case_problem, lower_first, wfmt

__all__ = ["StabilityTable", "stability_table", "weight_stability"]

FloatArray = NDArray[np.float64]

#: Default number of grid points for the numeric (non-linear) methods.
GRID = 201

#: Challengers whose bounds differ by less than this tie for the binding one.
_BIND = 1e-12


@dataclass(frozen=True)
class _Intervals:
    top: int
    current: FloatArray
    low: FloatArray
    high: FloatArray
    challenger_low: list[int | None]
    challenger_high: list[int | None]
    exact: bool


def _check_grid(grid: int) -> int:
    if isinstance(grid, bool) or not isinstance(grid, int | np.integer) or int(grid) < 2:
        raise ValueError(f"grid: expected an int >= 2, got {grid!r}")
    return int(grid)


def _top_of(prob: _Problem) -> int:
    ranks = np.asarray(prob.run(prob.weights).ranks)
    return int(np.flatnonzero(ranks == 1)[0])


def _linear_intervals(prob: _Problem, top: int) -> _Intervals:
    n = prob.n
    w = prob.weights
    ends = np.concatenate(
        [_path(w, j, np.array([0.0, 1.0])) for j in range(n)], axis=0
    )  # rows: (j, t=0), (j, t=1)
    s = oriented(prob.run(ends)).reshape(n, 2, prob.m)
    s0, s1 = s[:, 0, :], s[:, 1, :]
    scale = np.maximum(np.maximum(np.abs(s0).max(axis=1), np.abs(s1).max(axis=1)), 1.0)
    tol = TIE_RTOL * scale[:, None]
    d0 = s0[:, top : top + 1] - s0  # (n, m): the top's lead over each alternative at t = 0
    d1 = s1[:, top : top + 1] - s1
    cur = w[:, None]
    den = d0 - d1
    with np.errstate(divide="ignore", invalid="ignore"):
        root = np.where(den != 0, d0 / np.where(den != 0, den, 1.0), cur)
    others = np.ones(prob.m, dtype=bool)
    others[top] = False
    beat_hi = (d1 < -tol) & others  # overtakes the top somewhere above the current weight
    beat_lo = (d0 < -tol) & others  # ... somewhere below it
    hi = np.where(beat_hi, np.clip(root, cur, 1.0), 1.0)
    lo = np.where(beat_lo, np.clip(root, 0.0, cur), 0.0)
    high = hi.min(axis=1)
    low = lo.max(axis=1)
    slope = d1 - d0
    ch_hi: list[int | None] = []
    ch_lo: list[int | None] = []
    for j in range(n):
        bind = np.flatnonzero(beat_hi[j] & (hi[j] <= high[j] + _BIND))
        # The one that leads just beyond the bound: steepest fall of the top's lead.
        ch_hi.append(int(bind[np.argmin(slope[j, bind])]) if bind.size else None)
        bind = np.flatnonzero(beat_lo[j] & (lo[j] >= low[j] - _BIND))
        ch_lo.append(int(bind[np.argmax(slope[j, bind])]) if bind.size else None)
    return _Intervals(top, w.copy(), low, high, ch_lo, ch_hi, True)


def _numeric_intervals(prob: _Problem, top: int, grid: int) -> _Intervals:
    from scipy.optimize import brentq  # imported here: scipy.optimize is slow to import

    n = prob.n
    w = prob.weights
    base = np.linspace(0.0, 1.0, grid)
    low = np.empty(n)
    high = np.empty(n)
    ch_lo: list[int | None] = []
    ch_hi: list[int | None] = []
    for j in range(n):
        cur = float(w[j])
        t = np.unique(np.concatenate([base, [cur]]))
        ci = int(np.searchsorted(t, cur))
        wp = _path(w, j, t)
        wp[ci] = w
        ranks = np.asarray(prob.run(wp).ranks)
        ok = ranks[:, top] == 1
        ok[ci] = True  # the top option is first at the current weights by definition

        def lead(x: float, j: int = j) -> float:
            s = prob.scores_at(j, x)
            return float(s[top] - np.delete(s, top).max())

        def best_other(x: float, j: int = j) -> int:
            s = prob.scores_at(j, x).copy()
            s[top] = -np.inf
            return int(np.argmax(s))

        bad = np.flatnonzero(~ok[:ci])
        if bad.size == 0:
            low[j], c_lo = 0.0, None
        else:
            a = int(bad[-1]) + 1  # first good point of the run
            edge = float(t[a])
            low[j] = edge if lead(edge) <= 0 else float(brentq(lead, t[a - 1], edge, xtol=XTOL))
            c_lo = best_other(0.5 * (low[j] + t[a - 1]))
        bad = np.flatnonzero(~ok[ci + 1 :])
        if bad.size == 0:
            high[j], c_hi = 1.0, None
        else:
            b = ci + int(bad[0])  # last good point of the run
            edge = float(t[b])
            high[j] = edge if lead(edge) <= 0 else float(brentq(lead, edge, t[b + 1], xtol=XTOL))
            c_hi = best_other(0.5 * (high[j] + t[b + 1]))
        ch_lo.append(c_lo)
        ch_hi.append(c_hi)
    return _Intervals(top, w.copy(), low, high, ch_lo, ch_hi, False)


def _intervals(prob: _Problem, top: int, grid: int) -> _Intervals:
    if prob.linear:
        return _linear_intervals(prob, top)
    return _numeric_intervals(prob, top, grid)


def weight_stability(
    matrix: ArrayLike,
    weights: ArrayLike,
    types: ArrayLike,
    *,
    method: str = "wsm",
    grid: int = GRID,
    **method_options: Any,
) -> pd.DataFrame:
    r"""Weight stability interval of every criterion for the top-ranked alternative.

    For criterion :math:`j`, the interval of its weight :math:`t` (the other
    weights keeping their proportions and summing to :math:`1 - t`) that contains
    the current weight and over which the currently top-ranked alternative stays
    first.  Exact for methods linear in the weights (``wsm``, ``promethee_ii``):
    :math:`t_o = d_o(0)/(d_o(0) - d_o(1))` with :math:`d_o(t)` the top's lead over
    alternative :math:`o`; otherwise found on a grid of ``grid`` points and
    refined with Brent's method to 1e-12 (exact unless the lead changes sign twice
    between neighbouring grid points).

    Parameters
    ----------
    matrix : array_like, shape (m, n)
        One decision matrix (``n >= 2``).
    weights : array_like, shape (n,)
        Current weights (rescaled to sum 1).
    types : array_like, shape (n,)
        +1 benefit, -1 cost.
    method : str, default "wsm"
        One of :func:`policyopts.methods.available`.
    grid : int, default 201
        Grid points for the numeric methods (ignored by ``wsm``/``promethee_ii``).
    **method_options
        Passed to the method (``normalization``, ``v``, ``preference`` ...).

    Returns
    -------
    pandas.DataFrame
        One row per criterion (index ``0 .. n-1``, named ``"criterion"``) with
        columns ``"current"``, ``"low"``, ``"high"``, ``"width"`` (``high -
        low``), ``"challenger_low"`` and ``"challenger_high"`` (index of the
        alternative that takes first place just below ``low`` / above ``high``;
        None when the top stays first all the way to 0 / 1).  ``attrs`` holds
        ``"top"`` (index of the top alternative; the first one on a tie),
        ``"method"`` and ``"exact"``.

    References
    ----------
    Mareschal, B. (1988). Weight stability intervals in multicriteria decision
    aid. European Journal of Operational Research, 33(1), 54-64.

    Examples
    --------
    >>> ws = weight_stability([[1.0, 0.0], [0.0, 1.0], [0.6, 0.6]], [0.5, 0.5], [1, 1],
    ...                       normalization=None)
    >>> print(ws["low"].round(6).tolist(), ws["high"].round(6).tolist())
    [0.4, 0.4] [0.6, 0.6]
    >>> print(ws["challenger_low"].tolist(), ws["challenger_high"].tolist(), ws.attrs["top"])
    [1, 0] [0, 1] 2
    """
    prob = prepare(matrix, weights, types, method, method_options, what="weight stability")
    iv = _intervals(prob, _top_of(prob), _check_grid(grid))
    out = pd.DataFrame(
        {
            "current": iv.current,
            "low": iv.low,
            "high": iv.high,
            "width": iv.high - iv.low,
            "challenger_low": pd.Series(iv.challenger_low, dtype=object),
            "challenger_high": pd.Series(iv.challenger_high, dtype=object),
        },
        index=pd.RangeIndex(prob.n, name="criterion"),
    )
    out.attrs.update({"top": iv.top, "method": prob.method, "exact": iv.exact})
    return out


# ======================================================================================
# Case level
# ======================================================================================


@dataclass(frozen=True, eq=False)
class StabilityTable(Result):
    """Weight stability intervals of a case's top option, one row per criterion.

    Attributes
    ----------
    table : pandas.DataFrame
        Indexed by criterion id: ``"name"``, ``"current"`` (the profile's
        weight), ``"low"``, ``"high"`` (the top option stays first while the
        weight stays in [low, high], the others keeping their proportions),
        ``"width"``, ``"challenger_low"`` and ``"challenger_high"`` (the option id
        that takes first place below ``low`` / above ``high``, or None).
    top : str
        The option ranked first under the profile (as :func:`policyopts.compare`).
    exact : bool
        Whether the intervals are exact (linear methods) or numeric.
    method, profile, scenario, normalization, case_id, version
        What produced the result.
    """

    table: pd.DataFrame
    top: str
    exact: bool
    provenance: Provenance
    option_names: Mapping[str, str] = field(repr=False)
    option_labels: Mapping[str, str] = field(repr=False)
    criterion_names: Mapping[str, str] = field(repr=False)
    criterion_labels: Mapping[str, str] = field(repr=False)
    method_options: Mapping[str, Any] = field(default_factory=dict, repr=False)

    def _records(self) -> dict[str, dict[str, Any]]:
        records = self.table.to_dict(orient="index")
        return {str(k): {str(c): x for c, x in v.items()} for k, v in records.items()}

    def _order(self) -> list[str]:
        """Criterion ids, the one whose weight can move least first."""
        t = self.table
        up = np.where(t["challenger_high"].isna(), np.inf, t["high"] - t["current"])
        down = np.where(t["challenger_low"].isna(), np.inf, t["current"] - t["low"])
        room = np.minimum(up.astype(np.float64), down.astype(np.float64))
        return [str(t.index[k]) for k in np.argsort(room, kind="stable")]

    def sentences(self, *, short: bool = False) -> list[str]:
        """One plain sentence per criterion, the most sensitive first."""
        onames = self.option_labels if short else self.option_names
        cnames = self.criterion_labels if short else self.criterion_names
        top = onames[self.top]
        out = []
        table = self._records()
        for cid in self._order():
            row = table[cid]
            crit = lower_first(cnames[cid])
            cur = wfmt(float(row["current"]))
            ch_hi, ch_lo = row["challenger_high"], row["challenger_low"]
            parts = []
            if ch_hi is not None:
                parts.append(
                    f"rises above {wfmt(float(row['high']))} (now {cur}), "
                    f"when {onames[str(ch_hi)]} takes over"
                )
            if ch_lo is not None:
                now = "" if parts else f" (now {cur})"
                parts.append(
                    f"falls below {wfmt(float(row['low']))}{now}, "
                    f"when {onames[str(ch_lo)]} takes over"
                )
            if parts:
                out.append(
                    f"{top} stays first unless the weight of {crit} " + ", or ".join(parts) + "."
                )
            else:
                out.append(f"{top} stays first whatever the weight of {crit} (now {cur}).")
        return out

    def summary(self, *, short: bool = False) -> str:
        """The sentences, after a line saying which option is first and how it was computed."""
        onames = self.option_labels if short else self.option_names
        lead = f"{onames[self.top]} ranks first ({self.provenance.describe()})."
        return "\n".join([lead, *self.sentences(short=short)])

    def caption(self) -> str:
        """How the table was produced."""
        return (
            f"Weight interval of each criterion over which {self.option_labels[self.top]} stays "
            f"first, the other weights keeping their proportions ({self.provenance.describe()})"
        )

    def _rows(
        self, *, names: bool, limit: int | None, **options: Any
    ) -> tuple[list[str], list[list[object]]]:
        header = (
            ["Criterion", "Weight", "Low", "High", "Taken over below by", "Taken over above by"]
            if names
            else ["criterion", "current", "low", "high", "challenger_low", "challenger_high"]
        )
        rows: list[list[object]] = []
        table = self._records()
        for cid in self._order():
            row = table[cid]

            def who(x: object) -> str:
                if x is None:
                    return "-"
                return self.option_labels[str(x)] if names else str(x)

            rows.append(
                [
                    self.criterion_labels[cid] if names else cid,
                    float(row["current"]),
                    float(row["low"]),
                    float(row["high"]),
                    who(row["challenger_low"]),
                    who(row["challenger_high"]),
                ]
            )
        return header, rows

    def to_frame(self) -> pd.DataFrame:
        """The result's main table."""
        return self.table


def stability_table(
    case: Case,
    profile: str | None = None,
    *,
    method: str = "wsm",
    scenario: str | None = None,
    grid: int = GRID,
    **method_options: Any,
) -> StabilityTable:
    """Weight stability intervals of the top option of ``case``, one row per criterion.

    The top option is the one :func:`policyopts.compare` ranks first (the first
    in case order on a tie).  At case level ``wsm`` aggregates the criteria's
    value functions over their scales (normalization ``"scale"``); see
    :func:`weight_stability` for the method.

    Examples
    --------
    >>> import policyopts as po
    >>> st = stability_table(po.load_case("mali"), "balanced")
    >>> st.top == po.compare(po.load_case("mali"), "balanced").top
    True
    >>> bool((st.table["low"] <= st.table["current"]).all())
    True
    """
    cp = case_problem(case, profile, method, scenario, method_options)
    iv = _intervals(cp.problem, cp.top, _check_grid(grid))
    opts = cp.option_ids

    def ids(xs: list[int | None]) -> pd.Series:
        return pd.Series([None if x is None else opts[x] for x in xs], dtype=object)

    crit = cp.criterion_ids
    table = pd.DataFrame(
        {
            "name": [cp.criterion_names[c] for c in crit],
            "current": iv.current,
            "low": iv.low,
            "high": iv.high,
            "width": iv.high - iv.low,
            "challenger_low": ids(iv.challenger_low),
            "challenger_high": ids(iv.challenger_high),
        }
    )
    table.index = pd.Index(crit, name="criterion")
    return StabilityTable(
        table=table,
        top=opts[cp.top],
        exact=iv.exact,
        provenance=cp.provenance,
        option_names=dict(cp.option_names),
        option_labels=dict(cp.option_labels),
        criterion_names=dict(cp.criterion_names),
        criterion_labels=dict(cp.criterion_labels),
        method_options=dict(cp.method_options),
    )
