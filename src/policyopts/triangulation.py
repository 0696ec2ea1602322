"""Method triangulation: do different MCDA methods tell the same story?

Each aggregation method embodies different assumptions (full compensation in
WSM, ratio scales in WPM, distance to ideal in TOPSIS, compromise in VIKOR,
outranking in PROMETHEE II; see :attr:`policyopts.methods.MethodSpec.principle`).
When they agree, the ranking does not hinge on that choice; when they disagree
on the top option, the brief should say so.  A method that cannot run on the
case's scores (WPM with a zero score, say) is skipped with its reason.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from policyopts import methods as _methods
from policyopts import ranksim
from policyopts._casearrays import case_arrays
from policyopts.compare import Comparison, compare
from policyopts.model import Case
from policyopts.results import Provenance, Result

__all__ = ["Triangulation", "triangulate"]


def _abbr(method: str) -> str:
    spec = _methods.REGISTRY.get(method)
    return spec.abbreviation if spec is not None else method


_MEASURES = ("kendall", "spearman", "ws")


@dataclass(frozen=True, eq=False)
class Triangulation(Result):
    """The options ranked by several methods, side by side.

    Attributes
    ----------
    ranks : pandas.DataFrame
        Options (rows, case order) by methods (columns): rank, 1 = best.
    scores : pandas.DataFrame
        The same layout with each method's score (VIKOR's Q: lower is better).
    top_by_method : pandas.Series
        The top option(s) under each method (ties joined by " = ").
    similarity : mapping of str to pandas.DataFrame
        Methods × methods rank similarity for ``"kendall"`` (Kendall's tau-b),
        ``"spearman"`` and ``"ws"`` (Sałabun & Urbaniak 2020; the row method is
        the reference, so the matrix is not symmetric). Empty when a method
        ties every option, where rank correlation is undefined.
    comparisons : mapping of str to Comparison
        The full comparison under each method.
    skipped : mapping of str to str
        Methods that could not run on the case's scores, each with the plain
        reason (:func:`policyopts.methods.applicable`); they have no column.
    """

    ranks: pd.DataFrame
    scores: pd.DataFrame
    top_by_method: pd.Series
    similarity: Mapping[str, pd.DataFrame]
    comparisons: Mapping[str, Comparison]
    provenance: Provenance
    option_names: Mapping[str, str] = field(repr=False)
    skipped: Mapping[str, str] = field(default_factory=dict)

    @property
    def agree_on_top(self) -> bool:
        """Whether every method puts the same option (or tie) first."""
        return self.top_by_method.nunique() == 1

    def verdict(self) -> str:
        """A plain statement of agreement, or where the methods part ways."""
        groups: dict[str, list[str]] = {}
        for method, top in self.top_by_method.items():
            groups.setdefault(str(top), []).append(_abbr(str(method)))
        names = {
            top: " and ".join(self.option_names.get(t, t) for t in top.split(" = "))
            + (" joint" if " = " in top else "")
            for top in groups
        }
        if len(groups) == 1:
            (top,) = groups
            n = len(self.top_by_method)
            told = (
                f"All {n} methods put {names[top]} first."
                if n > 1
                else f"{_abbr(str(self.top_by_method.index[0]))} puts {names[top]} first."
            )
        else:
            parts = [
                f"{', '.join(ms)} put{'s' if len(ms) == 1 else ''} {names[t]} first"
                for t, ms in groups.items()
            ]
            told = "Methods disagree on the top option: " + "; ".join(parts) + "."
        return " ".join([told, *self.skipped_sentences()])

    def skipped_sentences(self) -> list[str]:
        """One sentence per skipped method: ``"WPM skipped: <reason>."``."""
        return [f"{_abbr(m)} skipped: {why}." for m, why in self.skipped.items()]

    def _rows(
        self, *, names: bool, limit: int | None, **options: Any
    ) -> tuple[list[str], list[list[object]]]:
        methods = list(self.ranks.columns)
        header = ["Option" if names else "option"] + [_abbr(m) if names else m for m in methods]
        order = self.ranks.mean(axis=1).sort_values(kind="stable").index
        values = self.ranks.loc[order].to_numpy(dtype=np.int64)
        rows = [
            [self.option_names[str(o)] if names else str(o), *values[k].tolist()]
            for k, o in enumerate(order)
        ]
        return header, rows

    def caption(self) -> str:
        """How the ranks were produced."""
        prof = f"profile {self.profile}" if self.profile else "custom weights"
        sc = f"scenario {self.scenario}" if self.scenario else "baseline"
        return (
            f"Rank of each option under each method ({prof}, {sc}, case {self.case_id}, "
            f"policyopts {self.version}). {self.verdict()}"
        )

    _caption_period = False  # the caption ends with the verdict's own period

    def to_frame(self) -> pd.DataFrame:
        """The result's main table."""
        return self.ranks


def triangulate(
    case: Case,
    profile: str | None = None,
    *,
    methods: Sequence[str] | None = None,
    scenario: str | None = None,
    weights: Mapping[str, float] | None = None,
    method_options: Mapping[str, Mapping[str, Any]] | None = None,
) -> Triangulation:
    """Rank the options of ``case`` with several methods and compare the rankings.

    Parameters
    ----------
    case : Case
    profile : str, optional
        Weight profile (the case's default when omitted).
    methods : sequence of str, optional
        Methods to run; all of :func:`policyopts.methods.available` by default.
        A method that cannot run on the case's scores is skipped and listed in
        :attr:`Triangulation.skipped` with its reason; if none can run, a
        ValueError gives every reason.
    scenario : str, optional
    weights : mapping, optional
        Explicit weights instead of a profile.
    method_options : mapping, optional
        Per-method keyword arguments, e.g. ``{"vikor": {"v": 0.7}}``.

    Returns
    -------
    Triangulation
        Ranks and scores side by side, the top option per method, and rank
        similarity between methods: Kendall's tau-b, Spearman's rho and the WS
        coefficient (Sałabun & Urbaniak 2020).

    Examples
    --------
    >>> import policyopts as po
    >>> tri = po.triangulate(po.load_case("mali"), "balanced")
    >>> list(tri.ranks.columns)[:5]
    ['wsm', 'wpm', 'topsis', 'vikor', 'promethee_ii']
    >>> tri.similarity["kendall"].shape == (tri.ranks.shape[1],) * 2
    True
    """
    names = list(methods) if methods is not None else list(_methods.available())
    if not names:
        raise ValueError("methods: need at least one method")
    opts = dict(method_options or {})
    unknown = [m for m in opts if m not in names]
    if unknown:
        raise ValueError(f"method_options: {unknown} are not among the methods run ({names})")
    calls = {m: _methods.bind(m, None, opts.get(m)) for m in names}
    if scenario is not None:
        case.scenario(scenario)
    arrays = case_arrays(case, scenario)
    skipped: dict[str, str] = {}
    for m, call in calls.items():
        why = call.reason(arrays.values() if call.on_scale else arrays.matrix, arrays.types)
        if why is not None:
            skipped[m] = why
    if len(skipped) == len(names):
        raise ValueError(
            "methods: none can run on these scores: "
            + "; ".join(f"{_abbr(m)}: {why}" for m, why in skipped.items())
        )
    comps = {
        m: compare(case, profile, m, scenario=scenario, weights=weights, **dict(opts.get(m, {})))
        for m in names
        if m not in skipped
    }
    ranks = pd.DataFrame({m: c.ranks for m, c in comps.items()})
    scores = pd.DataFrame({m: c.scores for m, c in comps.items()})
    top = pd.Series(
        {
            m: " = ".join(str(o) for o in c.table.index[c.table["rank"] == 1])
            for m, c in comps.items()
        },
        name="top",
    )
    r = ranks.to_numpy(dtype=np.float64).T  # (methods, m)
    similarity: dict[str, pd.DataFrame] = {}
    if ranks.nunique().min() > 1:  # undefined when a method ties every option
        for measure in _MEASURES:
            grid = np.asarray(
                ranksim.rank_similarity(r[:, None, :], r[None, :, :], method=measure),
                dtype=np.float64,
            )
            ran = list(comps)
            similarity[measure] = pd.DataFrame(grid, index=ran, columns=ran)
    first = next(iter(comps.values()))
    return Triangulation(
        ranks=ranks,
        scores=scores,
        top_by_method=top,
        similarity=similarity,
        comparisons=comps,
        provenance=Provenance.of(case, profile=first.profile, scenario=scenario),
        option_names=dict(first.option_names),
        skipped=skipped,
    )
