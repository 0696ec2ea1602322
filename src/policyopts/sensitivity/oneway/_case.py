"""One-way weight sensitivity of a case: one criterion (OneWayResult) or all
of them (OneWayAll), labelled."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from policyopts.model import Case
from policyopts.results import Provenance, Result
from policyopts.sensitivity.oneway._array import (
    _TOUCH,
    OneWay,
    _one_way,
    top_interval,
)
from policyopts.sensitivity.oneway._setup import (
    CaseProblem,
    case_problem,
    lower_first,
    wfmt,
)

# ======================================================================================
# Case level: one criterion
# ======================================================================================


@dataclass(frozen=True, eq=False)
class OneWayResult(Result):
    """One-way sensitivity of a case's ranking to one criterion's weight.

    Attributes
    ----------
    criterion : str
        The criterion whose weight moves.
    current : float
        Its weight under the profile.
    scores, ranks : pandas.DataFrame
        Indexed by the criterion's weight (``"weight"``, ascending, the current
        weight included), one column per option id: the method's scores and the
        ranks (1 = best).  The row at ``current`` equals
        :func:`policyopts.compare`'s scores exactly.
    crossings : pandas.DataFrame
        One row per rank change, by ascending weight: ``"weight"``,
        ``"overtaking"`` and ``"overtaken"`` (option ids: as the weight rises past
        ``weight``, the first passes the second), ``"rank_before"`` and
        ``"rank_after"`` (the overtaking option's rank just below and just above),
        ``"top_change"`` (whether the first place changes hands).
    weights : pandas.Series
        The profile's weights by criterion id.
    exact : bool
        Whether crossings are exact (linear methods) or numeric.
    method, profile, scenario, normalization, case_id, version
        What produced the result.
    """

    criterion: str
    current: float
    scores: pd.DataFrame
    ranks: pd.DataFrame
    crossings: pd.DataFrame
    weights: pd.Series
    exact: bool
    higher_is_better: bool
    provenance: Provenance
    option_names: Mapping[str, str] = field(repr=False)
    option_labels: Mapping[str, str] = field(repr=False)
    criterion_names: Mapping[str, str] = field(repr=False)
    criterion_labels: Mapping[str, str] = field(repr=False)
    breakpoints: tuple[float, ...] = field(repr=False, default=())
    segment_rankings: tuple[tuple[str, ...], ...] = field(repr=False, default=())
    method_options: Mapping[str, Any] = field(default_factory=dict, repr=False)

    @property
    def options(self) -> list[str]:
        """Option ids in case order."""
        return [str(c) for c in self.scores.columns]

    def _segments(self) -> list[tuple[float, float, tuple[str, ...], bool]]:
        bounds = [0.0, *self.breakpoints, 1.0]
        bp = np.asarray(self.breakpoints, dtype=np.float64)
        cur = int(np.searchsorted(bp, self.current - _TOUCH, side="left"))
        return [
            (bounds[k], bounds[k + 1], ranking, k == cur)
            for k, ranking in enumerate(self.segment_rankings)
        ]

    def _top_segments(self) -> list[tuple[float, float, str]]:
        out: list[tuple[float, float, str]] = []
        for low, high, ranking, _ in self._segments():
            if out and out[-1][2] == ranking[0]:
                out[-1] = (out[-1][0], high, ranking[0])
            else:
                out.append((low, high, ranking[0]))
        return out

    def ranges(self) -> pd.DataFrame:
        """The weight ranges over which the ranking is constant.

        Columns ``"low"``, ``"high"``, ``"ranking"`` (option ids, best first),
        ``"top"`` and ``"current"`` (whether the range holds the current weight;
        on a breakpoint, the range just below it).
        """
        rows = [
            {"low": lo, "high": hi, "ranking": list(r), "top": r[0], "current": c}
            for lo, hi, r, c in self._segments()
        ]
        return pd.DataFrame(rows, columns=["low", "high", "ranking", "top", "current"])

    def top_ranges(self) -> pd.DataFrame:
        """Consecutive ranges with the same top option merged: ``low``, ``high``, ``top``."""
        return pd.DataFrame(self._top_segments(), columns=["low", "high", "top"])

    def summary(self, *, short: bool = False) -> str:
        """The result in plain words: who ranks first over which weights."""
        names = self.option_labels if short else self.option_names
        cname = (self.criterion_labels if short else self.criterion_names)[self.criterion]
        parts = [
            f"{names[top]} first from {wfmt(low)} to {wfmt(high)}"
            for low, high, top in self._top_segments()
        ]
        n = len(self.crossings)
        changes = "no rank change" if n == 0 else f"{n} rank change{'s' if n != 1 else ''}"
        return (
            f"Weight of {lower_first(cname)} (now {wfmt(self.current)}, the others keeping "
            f"their proportions): " + "; ".join(parts) + f". {changes.capitalize()} in all "
            f"({self.provenance.describe()})."
        )

    def caption(self) -> str:
        """How the table was produced."""
        cname = self.criterion_labels[self.criterion]
        return (
            f"Ranking as the weight of {cname} moves from 0 to 1, the others keeping their "
            f"proportions; now {wfmt(self.current)} ({self.provenance.describe()})"
        )

    def _rows(
        self, *, names: bool, limit: int | None, **options: Any
    ) -> tuple[list[str], list[list[object]]]:
        header = (
            ["From", "To", "Ranking", "Now"] if names else ["low", "high", "ranking", "current"]
        )
        label = self.option_labels if names else {o: o for o in self.options}
        rows: list[list[object]] = []
        for low, high, ranking, current in self._segments():
            rows.append([low, high, " > ".join(label[o] for o in ranking), "*" if current else ""])
        return header, rows

    def _highlight_row(self) -> int | None:
        return next(k for k, seg in enumerate(self._segments()) if seg[3])

    _csv_index = False

    def to_frame(self) -> pd.DataFrame:
        """The result's main table."""
        return self.crossings


def _result_from(cp: CaseProblem, ow: OneWay) -> OneWayResult:
    options = cp.option_ids
    cid = cp.criterion_ids[ow.criterion]
    scores = np.array(ow.scores, dtype=np.float64)
    ranks = np.array(ow.ranks, dtype=np.int64)
    # The current row exactly as compare() computes it.
    scores[ow.current_index] = cp.nominal_scores
    ranks[ow.current_index] = cp.nominal_ranks
    index = pd.Index(ow.t, name="weight")
    cols = pd.Index(options, name="option")
    seg_ranks = ow.segment_ranks
    crossing_rows = []
    bp = ow.breakpoints
    for k in range(ow.crossing_weight.shape[0]):
        seg = int(np.abs(bp - ow.crossing_weight[k]).argmin())
        first_before = int(np.flatnonzero(seg_ranks[seg] == 1)[0])
        first_after = int(np.flatnonzero(seg_ranks[seg + 1] == 1)[0])
        crossing_rows.append(
            {
                "weight": float(ow.crossing_weight[k]),
                "overtaking": options[int(ow.overtaking[k])],
                "overtaken": options[int(ow.overtaken[k])],
                "rank_before": int(ow.rank_before[k]),
                "rank_after": int(ow.rank_after[k]),
                "top_change": first_before != first_after,
            }
        )
    crossings = pd.DataFrame(
        crossing_rows,
        columns=["weight", "overtaking", "overtaken", "rank_before", "rank_after", "top_change"],
    )
    rankings = tuple(
        tuple(options[i] for i in np.argsort(r, kind="stable")) for r in ow.segment_ranks
    )
    return OneWayResult(
        criterion=cid,
        current=ow.current,
        scores=pd.DataFrame(scores, index=index, columns=cols),
        ranks=pd.DataFrame(ranks, index=index.copy(), columns=cols.copy()),
        crossings=crossings,
        weights=pd.Series(
            cp.problem.weights, index=pd.Index(cp.criterion_ids, name="criterion"), name="weight"
        ),
        exact=ow.exact,
        higher_is_better=cp.higher_is_better,
        provenance=cp.provenance,
        option_names=dict(cp.option_names),
        option_labels=dict(cp.option_labels),
        criterion_names=dict(cp.criterion_names),
        criterion_labels=dict(cp.criterion_labels),
        breakpoints=tuple(float(b) for b in ow.breakpoints),
        segment_rankings=rankings,
        method_options=dict(cp.method_options),
    )


def one_way_case(
    case: Case,
    criterion: str,
    profile: str | None = None,
    *,
    method: str = "wsm",
    scenario: str | None = None,
    grid: int | ArrayLike = 101,
    **method_options: Any,
) -> OneWayResult:
    r"""One-way sensitivity of a case's ranking to the weight of ``criterion``.

    The criterion's weight :math:`t` runs from 0 to 1 while the other weights of
    the profile keep their proportions (:func:`weight_path`); see
    :func:`one_way` for how crossings are found.

    Parameters
    ----------
    case : Case
    criterion : str
        Criterion id (the risk-burden criterion included).
    profile : str, optional
        Weight profile; the case's default when omitted.
    method : str, default "wsm"
        At case level ``wsm`` aggregates the criteria's value functions
        (normalization ``"scale"``, as :func:`policyopts.compare`); other methods
        work on the raw scores with their own default normalisation.
    scenario : str, optional
        Apply a scenario first.
    grid : int or array_like, default 101
        Points in [0, 1] (plus both ends and the current weight).
    **method_options
        Passed to the method (``normalization``, ``v``, ``preference`` ...).

    Returns
    -------
    OneWayResult

    Examples
    --------
    >>> import policyopts as po
    >>> r = one_way_case(po.load_case("mali"), "civilian_harm", "balanced")
    >>> bool(r.crossings["weight"].between(0, 1).all())
    True
    """
    cp = case_problem(case, profile, method, scenario, method_options)
    j = cp.criterion_index(criterion)
    return _result_from(cp, _one_way(cp.problem, j, grid))


@dataclass(frozen=True, eq=False)
class OneWayAll(Result):
    """One-way sensitivity of a case's ranking to each criterion's weight in turn.

    Attributes
    ----------
    results : mapping
        The :class:`OneWayResult` of every criterion, by criterion id.
    table : pandas.DataFrame
        Indexed by criterion id: ``"name"``, ``"current"`` (weight),
        ``"rank_changes"`` (crossings over [0, 1]), ``"change_below"`` and
        ``"change_above"`` (the nearest weight at or below / at or above the current one at
        which any rank changes; NaN when none does on that side), ``"top_low"``
        and ``"top_high"`` (the top option stays first between them).
    crossings : pandas.DataFrame
        Every crossing, with a leading ``"criterion"`` column.
    """

    results: Mapping[str, OneWayResult]
    table: pd.DataFrame
    crossings: pd.DataFrame
    provenance: Provenance
    criterion_labels: Mapping[str, str] = field(repr=False)

    def summary(self, *, short: bool = False) -> str:
        """One line per criterion, most sensitive first (nearest rank change)."""
        dist = np.fmin(
            (self.table["current"] - self.table["change_below"]).to_numpy(dtype=np.float64),
            (self.table["change_above"] - self.table["current"]).to_numpy(dtype=np.float64),
        )
        dist = np.where(np.isnan(dist), np.inf, dist)
        order = np.argsort(dist, kind="stable")
        ids = list(self.table.index)
        return "\n".join(self.results[ids[k]].summary(short=short) for k in order)

    def caption(self) -> str:
        """How the table was produced."""
        return (
            "How far each weight can move before the ranking changes ("
            + self.provenance.describe()
            + ")"
        )

    def _rows(
        self, *, names: bool, limit: int | None, **options: Any
    ) -> tuple[list[str], list[list[object]]]:
        header = (
            [
                "Criterion",
                "Weight",
                "Rank changes",
                "Next change below",
                "Next change above",
                "Top from",
                "Top to",
            ]
            if names
            else [
                "criterion",
                "current",
                "rank_changes",
                "change_below",
                "change_above",
                "top_low",
                "top_high",
            ]
        )
        rows: list[list[object]] = []
        for cid, row in self.table.iterrows():
            rows.append(
                [
                    self.criterion_labels[str(cid)] if names else str(cid),
                    float(row["current"]),
                    int(row["rank_changes"]),
                    float(row["change_below"]),
                    float(row["change_above"]),
                    float(row["top_low"]),
                    float(row["top_high"]),
                ]
            )
        return header, rows

    def to_frame(self) -> pd.DataFrame:
        """The result's main table."""
        return self.table


def one_way_all(
    case: Case,
    profile: str | None = None,
    *,
    method: str = "wsm",
    scenario: str | None = None,
    grid: int | ArrayLike = 101,
    criteria: Sequence[str] | None = None,
    **method_options: Any,
) -> OneWayAll:
    """:func:`one_way_case` for every criterion (or those named in ``criteria``).

    Examples
    --------
    >>> import policyopts as po
    >>> allw = one_way_all(po.load_case("mali"), "balanced")
    >>> len(allw.results), list(allw.table.columns[:3])
    (11, ['name', 'current', 'rank_changes'])
    """
    cp = case_problem(case, profile, method, scenario, method_options)
    ids = list(criteria) if criteria is not None else cp.criterion_ids
    results: dict[str, OneWayResult] = {}
    rows = []
    frames = []
    for cid in ids:
        j = cp.criterion_index(cid)
        ow = _one_way(cp.problem, j, grid)
        res = _result_from(cp, ow)
        results[cid] = res
        w = res.crossings["weight"].to_numpy(dtype=np.float64)
        below = w[w <= res.current + _TOUCH]
        above = w[w >= res.current - _TOUCH]
        low, high = top_interval(ow, cp.top)
        rows.append(
            {
                "criterion": cid,
                "name": cp.criterion_names[cid],
                "current": res.current,
                "rank_changes": len(res.crossings),
                "change_below": float(below.max()) if below.size else np.nan,
                "change_above": float(above.min()) if above.size else np.nan,
                "top_low": low,
                "top_high": high,
            }
        )
        c = res.crossings.copy()
        c.insert(0, "criterion", cid)
        frames.append(c)
    table = pd.DataFrame(rows).set_index("criterion")
    crossings = (
        pd.concat(frames, ignore_index=True)
        if any(len(f) for f in frames)
        else pd.DataFrame(columns=["criterion", *results[ids[0]].crossings.columns])
    )
    return OneWayAll(
        results=results,
        table=table,
        crossings=crossings,
        provenance=cp.provenance,
        criterion_labels=dict(cp.criterion_labels),
    )
