"""Compare a case's options under one weight profile and one MCDA method.

:func:`compare` turns the case into arrays, resolves the profile's weights,
calls the numeric core and returns a labelled :class:`Comparison`: the option
comparison table for a brief, the ranking, per-criterion contributions for
additive models, and the inputs that produced them.
:func:`compare_profiles` does the same under every stakeholder profile and
puts the rankings side by side.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from policyopts import methods as _methods
from policyopts._tables import fmt, to_csv_text
from policyopts.exceptions import CaseError
from policyopts.model import Case
from policyopts.problem import Problem
from policyopts.results import Provenance, Result

__all__ = ["Comparison", "ProfileComparison", "compare", "compare_profiles"]


def _frame(
    values: NDArray[np.float64],
    rows: Sequence[Any],
    cols: Sequence[str],
    axis: str | None = "option",
) -> pd.DataFrame:
    frame = pd.DataFrame(np.asarray(values), index=pd.Index(list(rows), name=axis))
    frame.columns = pd.Index(list(cols), name="criterion")
    return frame


@dataclass(frozen=True, eq=False)
class Comparison(Result):
    """The options of a case compared under one profile and one method.

    Attributes
    ----------
    table : pandas.DataFrame
        Indexed by option id: one column per criterion with the assessed
        score (on the criterion's own scale; the risk-burden column holds
        Σ likelihood × impact × exposure), then ``"score"`` (the method's
        aggregate) and ``"rank"`` (1 = best; ties share a rank).
    values : pandas.DataFrame
        For additive methods (``MethodSpec.additive``: WSM, MOORA, MABAC,
        SPOTIS) the per-criterion terms the method weighs (for WSM the
        normalised, benefit-oriented matrix); the raw scores otherwise.
    contributions : pandas.DataFrame or None
        For additive methods: weight × term of every option on every
        criterion; each row sums to the option's score. ``None`` otherwise.
    weights : pandas.Series
        The weights used, by criterion id, summing to 1.
    provenance : Provenance
        What produced the result: case (id and content hash), profile,
        scenario, method, normalisation, library version; also readable as
        ``method``, ``profile``, ``scenario``, ``normalization``, ``case_id``
        and ``version``.
    higher_is_better : bool
        Whether a higher ``score`` is better (False for VIKOR's Q).
    option_names, criterion_names : mapping
        Display names by id.
    """

    table: pd.DataFrame
    values: pd.DataFrame
    contributions: pd.DataFrame | None
    weights: pd.Series
    provenance: Provenance
    higher_is_better: bool
    option_names: Mapping[str, str] = field(repr=False)
    criterion_names: Mapping[str, str] = field(repr=False)
    method_options: Mapping[str, Any] = field(default_factory=dict, repr=False)
    lower_is_better: frozenset[str] = field(default_factory=frozenset, repr=False)
    """Ids of the cost criteria (less is better), marked ↓ in rendered tables."""

    # ---------------------------------------------------------------- views
    @property
    def ranking(self) -> list[str]:
        """Option ids, best first (ties in case order)."""
        ordered = self.table.sort_values("rank", kind="stable")
        return list(ordered.index)

    @property
    def scores(self) -> pd.Series:
        """The aggregate score of each option."""
        return self.table["score"]

    @property
    def ranks(self) -> pd.Series:
        """The rank of each option (1 = best)."""
        return self.table["rank"]

    @property
    def top(self) -> str:
        """Id of the top-ranked option."""
        return self.ranking[0]

    @property
    def criteria(self) -> list[str]:
        """Criterion ids in column order."""
        return [str(c) for c in self.weights.index]

    def why(self, a: str, b: str) -> pd.DataFrame:
        """Criterion by criterion, why option ``a`` scores what it does against ``b``.

        Only for additive methods (``MethodSpec.additive``: WSM, MOORA, MABAC,
        SPOTIS), where an option's score is the sum of its contributions. Rows
        are criteria sorted by the size of the difference; columns
        ``value_a``, ``value_b``, ``weight``, ``contribution_a``,
        ``contribution_b`` and ``difference`` (``contribution_a -
        contribution_b``, positive where ``a`` gains).
        The differences sum to ``score[a] - score[b]``.
        """
        if self.contributions is None:
            raise ValueError(
                f"method: why() needs an additive method; this comparison used {self.method!r}"
            )
        for name, ident in (("a", a), ("b", b)):
            if ident not in self.table.index:
                raise ValueError(
                    f"{name}: unknown option {ident!r}; options: {', '.join(self.table.index)}"
                )
        out = pd.DataFrame(
            {
                "value_a": self.values.loc[a],
                "value_b": self.values.loc[b],
                "weight": self.weights,
                "contribution_a": self.contributions.loc[a],
                "contribution_b": self.contributions.loc[b],
            }
        )
        out["difference"] = out["contribution_a"] - out["contribution_b"]
        order = out["difference"].abs().sort_values(ascending=False, kind="stable").index
        return out.loc[order]

    def explain(self, a: str, b: str, *, top: int = 2) -> str:
        """A sentence saying where ``a`` gains and loses against ``b`` (WSM only)."""
        diff = self.why(a, b)["difference"]
        na, nb = self.option_names[a], self.option_names[b]
        margin = float(self.scores[a] - self.scores[b])
        verb = "beats" if margin > 0 else "trails" if margin < 0 else "ties with"
        gains = diff[diff > 0].sort_values(ascending=False).head(top)
        losses = diff[diff < 0].sort_values().head(top)

        def listing(s: pd.Series) -> str:
            return " and ".join(
                f"{self.criterion_names[str(c)].lower()} ({float(v):+.3f})" for c, v in s.items()
            )

        text = f"{na} {verb} {nb} by {abs(margin):.3f}"
        parts = []
        if len(gains):
            parts.append(f"it gains most on {listing(gains)}")
        if len(losses):
            parts.append(f"loses most on {listing(losses)}")
        return text + (": " + "; ".join(parts) if parts else "") + "."

    def summary(self) -> str:
        """One sentence on the result and how it was obtained."""
        first, *rest = self.ranking
        s = self.scores
        lead = f"{self.option_names[first]} ranks first ({fmt(float(s[first]))})"
        if rest:
            lead += f", ahead of {self.option_names[rest[0]]} ({fmt(float(s[rest[0]]))})"
        return f"{lead} — {self.provenance.describe()}."

    # ------------------------------------------------------------ rendering
    def to_frame(self) -> pd.DataFrame:
        """The comparison table: criterion scores, ``"score"`` and ``"rank"``, by option."""
        return self.table

    def _highlight_row(self) -> int | None:
        return 0

    def _rows(
        self, *, names: bool, limit: int | None, detail: bool = True, **options: Any
    ) -> tuple[list[str], list[list[object]]]:
        if options:
            raise TypeError(f"unexpected rendering options {sorted(options)}")
        crits = self.criteria if detail else []
        header = ["Option" if names else "option"]
        header += [
            (self.criterion_names[c] if names else c) + (" ↓" if c in self.lower_is_better else "")
            for c in crits
        ]
        header += ["Score" if names else "score", "Rank" if names else "rank"]
        rows: list[list[object]] = []
        cells = self.table.loc[self.ranking, crits].to_numpy(dtype=np.float64)
        scores = self.table.loc[self.ranking, "score"].to_numpy(dtype=np.float64)
        ranks = self.table.loc[self.ranking, "rank"].to_numpy(dtype=np.int64)
        for k, oid in enumerate(self.ranking):
            label = self.option_names[oid] if names else oid
            rows.append([label, *cells[k].tolist(), float(scores[k]), int(ranks[k])])
        return header, rows[:limit]

    def caption(self) -> str:
        """A caption naming how the table was produced."""
        mark = "; ↓ lower is better" if self.lower_is_better else ""
        return f"Options ranked ({self.provenance.describe()}{mark})"

    def to_csv(self, path: str | os.PathLike[str] | None = None) -> str | None:
        """The table as CSV (option ids and criterion ids as headers); text
        cells that would start a spreadsheet formula are prefixed with ``'``.

        Writes to ``path`` if given (returning ``None``), else returns the text.
        """
        frame = self.table.copy()
        frame.insert(0, "name", [self.option_names[o] for o in frame.index])
        return to_csv_text(frame, path)

    def __str__(self) -> str:
        return self.to_text() + "\n" + self.caption()


def compare(
    case: Case | Problem,
    profile: str | None = None,
    method: str = "wsm",
    *,
    scenario: str | None = None,
    weights: Mapping[str, float] | None = None,
    normalization: str | None = None,
    **options: Any,
) -> Comparison:
    """Compare the options of a case (or the alternatives of a problem) under one method.

    Parameters
    ----------
    case : Case or Problem
        A case, or a labelled :class:`~policyopts.Problem` (for example one
        built from a DataFrame with :meth:`Problem.from_frame`).
    profile : str, optional
        Id of a weight profile of the case; the case's default profile when
        omitted. Not for a Problem, which carries its weights.
    method : str
        One of :func:`policyopts.methods.available` (``"wsm"``, ``"wpm"``,
        ``"topsis"``, ``"vikor"``, ``"promethee_ii"``, ``"moora"``,
        ``"copras"``, ``"edas"``, ``"aras"``, ``"mabac"``, ``"spotis"``).
    scenario : str, optional
        Apply a scenario's scores, score changes and risk-likelihood
        overrides; ``"expected"``: the probability-weighted mix of the
        scenarios (expected values for WSM on scales, the expected score
        matrix for the other methods); ``"assessed"``: the assessed scores.
        ``None``: the case's ``baseline``.
    weights : mapping, optional
        Explicit weights by criterion id instead of a profile (or instead of
        the problem's own weights).
    normalization : str, optional
        For ``wsm`` on a case (or a problem with declared scales) the default
        is ``"scale"``: every score goes through its criterion's value function
        over the criterion's declared scale, so scores are values in [0, 1]
        that do not depend on which other options are on the table
        (multi-attribute value theory; Belton & Stewart 2002). ``"minmax"``,
        ``"max"``, ``"sum"`` and ``"vector"`` normalise over the options
        instead. Other methods use their own default; the ones listed in their
        :class:`~policyopts.methods.MethodSpec` (``normalizations``) can be
        chosen.
    **options
        Passed to the method (``v`` for VIKOR; ``preference``, ``q``, ``p``,
        ``s`` for PROMETHEE II; ``bounds`` for SPOTIS; see
        :attr:`~policyopts.methods.MethodSpec.options`).

    Returns
    -------
    Comparison

    Raises
    ------
    ValueError
        If the method cannot run on the case's scores; the message is the plain
        reason (:func:`policyopts.methods.applicable`), e.g. WPM on a zero score.

    Examples
    --------
    >>> import policyopts as po
    >>> cmp = po.compare(po.load_case("mali"), profile="balanced")
    >>> len(cmp.ranking), list(cmp.table.columns[-2:])
    (6, ['score', 'rank'])
    """
    if isinstance(case, Problem):
        if profile is not None or scenario is not None:
            raise ValueError(
                "profile: a Problem carries its own weights and scenario; build it with "
                "Problem.from_case(case, profile, scenario) or pass weights="
            )
        problem = case
        w = problem.weight_vector(weights)
        profile_id = None if weights is not None else problem.profile
    elif isinstance(case, Case):
        if weights is None:
            case.profile(profile)  # a CaseError when the case has no such profile
        problem = Problem.from_case(case, profile, scenario, weights=weights)
        w = problem.weight_vector()
        profile_id = problem.profile
    else:
        raise TypeError(f"case: expected a policyopts Case or Problem, got {type(case).__name__}")
    if problem.matrix.ndim != 2:
        raise ValueError(f"case: compare needs one matrix (m, n), got shape {problem.shape}")
    call = _methods.bind(method, normalization, options, scales=problem.has_scales)

    matrix = np.asarray(problem.matrix, dtype=np.float64)
    aggregated = problem.values() if call.on_scale else matrix
    why = call.reason(aggregated, problem.types)
    if why is not None:
        raise ValueError(why)
    result = call(aggregated, w, problem.types)
    scores = np.asarray(result.scores, dtype=np.float64)
    ranks = np.asarray(result.ranks)
    higher = bool(result.higher_is_better)
    norm = result.normalization
    contributions: NDArray[np.float64] | None = None
    values = matrix
    if call.spec.additive:
        values = call.terms(aggregated, problem.types)
        contributions = values * (w / w.sum())

    rows, cols, axis = problem.alternatives, problem.criteria, problem.index_name
    table = _frame(matrix, rows, cols, axis)
    table["score"] = scores
    table["rank"] = ranks.astype(np.int64)
    table.columns.name = None
    return Comparison(
        table=table,
        values=_frame(values, rows, cols, axis),
        contributions=(None if contributions is None else _frame(contributions, rows, cols, axis)),
        weights=pd.Series(w, index=pd.Index(list(cols), name="criterion"), name="weight"),
        provenance=Provenance.of(
            problem.case,
            case_id=problem.source,
            profile=profile_id,
            scenario=problem.scenario,
            method=method,
            normalization=norm,
        ),
        higher_is_better=higher,
        option_names=dict(problem.alternative_names),
        criterion_names=dict(problem.criterion_names),
        method_options=dict(options),
        lower_is_better=frozenset(
            c for c, t in zip(problem.criteria, problem.types, strict=True) if t < 0
        ),
    )


@dataclass(frozen=True, eq=False)
class ProfileComparison(Result):
    """The options ranked under every weight profile of a case.

    Attributes
    ----------
    ranks : pandas.DataFrame
        Options (rows, case order) by profiles (columns): rank, 1 = best.
    scores : pandas.DataFrame
        The same layout with the method's scores.
    weights : pandas.DataFrame
        Criteria (rows) by profiles (columns): the weights used.
    comparisons : mapping
        The full :class:`Comparison` of each profile.
    """

    ranks: pd.DataFrame
    scores: pd.DataFrame
    weights: pd.DataFrame
    comparisons: Mapping[str, Comparison]
    provenance: Provenance
    option_names: Mapping[str, str] = field(repr=False)
    profile_names: Mapping[str, str] = field(repr=False)

    @property
    def top_by_profile(self) -> pd.Series:
        """The top option's id under each profile."""
        return pd.Series({p: c.top for p, c in self.comparisons.items()}, name="top")

    @property
    def same_top(self) -> bool:
        """Whether every profile puts the same option first."""
        return self.top_by_profile.nunique() == 1

    def _rows(
        self, *, names: bool, limit: int | None, **options: Any
    ) -> tuple[list[str], list[list[object]]]:
        profiles = list(self.ranks.columns)
        header = ["Option" if names else "option"] + [
            self.profile_names[p] if names else p for p in profiles
        ]
        order = self.ranks.mean(axis=1).sort_values(kind="stable").index
        rows = [
            [self.option_names[o] if names else o, *(int(self.ranks.loc[o, p]) for p in profiles)]
            for o in order
        ]
        return header, rows

    def caption(self) -> str:
        """How the ranks were produced."""
        sc = f"scenario {self.scenario}" if self.scenario else "baseline"
        return (
            f"Rank of each option under each stakeholder profile (method {self.method}, "
            f"{sc}, case {self.case_id}, policyopts {self.version})"
        )

    def to_frame(self) -> pd.DataFrame:
        """The result's main table."""
        return self.ranks


def compare_profiles(
    case: Case,
    method: str = "wsm",
    *,
    profiles: Sequence[str] | None = None,
    scenario: str | None = None,
    normalization: str | None = None,
    **options: Any,
) -> ProfileComparison:
    """Rank the options under every weight profile of ``case`` (or those named).

    Examples
    --------
    >>> import policyopts as po
    >>> pc = po.compare_profiles(po.load_case("mali"))
    >>> pc.ranks.shape
    (6, 6)
    """
    ids = list(profiles) if profiles is not None else [p.id for p in case.profiles]
    if not ids:
        raise CaseError("the case has no weight profiles to compare", path="profiles")
    comps = {
        p: compare(case, p, method, scenario=scenario, normalization=normalization, **options)
        for p in ids
    }
    first = next(iter(comps.values()))
    return ProfileComparison(
        ranks=pd.DataFrame({p: c.ranks for p, c in comps.items()}),
        scores=pd.DataFrame({p: c.scores for p, c in comps.items()}),
        weights=pd.DataFrame({p: c.weights for p, c in comps.items()}),
        comparisons=comps,
        provenance=Provenance.of(case, method=method, scenario=scenario),
        option_names=dict(first.option_names),
        profile_names={p: case.profile(p).name for p in ids},
    )
