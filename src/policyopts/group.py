"""Group elicitation: read participants' weights, aggregate them, measure disagreement.

In a workshop every participant states how much each criterion matters, either
as numbers per criterion (swing points or direct weights, one CSV row per
participant) or as Saaty pairwise judgements (a YAML file with one matrix or
one list of judgements per participant).  This module

- reads those inputs and checks them line by line (:func:`read_participants`,
  defined with the other readers in :mod:`policyopts.io.participants`; every
  problem a :class:`~policyopts.CaseError` naming the file, the participant,
  the column and the value);
- combines the participants' weights into group weights (:func:`aggregate`:
  arithmetic or geometric mean of priorities, or AHP aggregation of
  individual judgements);
- says where the group disagrees (:func:`disagreement`, with Kendall's
  coefficient of concordance :func:`kendall_w` and the mean cosine distance
  between weight vectors);
- ranks a case's options under every participant's weights in one batched
  call and shows whether the top option depends on who is asked
  (:func:`group_rankings`).

File formats
------------
CSV (``.csv``): a header row, first column ``participant``, then one column per
criterion id; an optional ``method`` column says how each row is meant,
``swing`` (points 0-100, the most valued swing usually 100) or ``weights``
(any non-negative numbers).  Either way a row's weights are its numbers
divided by their sum.  Example::

    participant,method,gain,cost,risk_burden
    ana,swing,100,40,20
    bo,weights,30,50,20

YAML (``.yaml``/``.yml``): a mapping from participant to AHP judgements, either
a full matrix or a list of upper-triangle judgements ``{a, b, value}`` (how many
times more important ``a`` is than ``b``; ``"1/3"`` style fractions are
accepted)::

    ana:
      criteria: [gain, cost, risk_burden]
      matrix: [[1, 3, 5], [1/3, 1, 2], [1/5, 1/2, 1]]
    bo:
      judgements:
        - {a: gain, b: cost, value: 2}
        - {a: gain, b: risk_burden, value: 4}
        - {a: cost, b: risk_burden, value: 2}
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from policyopts import _validate as V
from policyopts import methods as _methods
from policyopts import weights as _weights
from policyopts._casearrays import case_arrays
from policyopts._tables import TableView
from policyopts._version import __version__
from policyopts.exceptions import CaseError
from policyopts.io._ahp import RECIPROCAL_RTOL
from policyopts.io.participants import (
    KINDS,
    Participants,
    _require_ahp,
    read_participants,
)
from policyopts.model import Case

__all__ = [
    "AGGREGATIONS",
    "KINDS",
    "GroupRanking",
    "Participants",
    "aggregate",
    "concordance",
    "cosine_disagreement",
    "disagreement",
    "group_rankings",
    "kendall_w",
    "read_participants",
]

FloatArray = NDArray[np.float64]

#: Ways to combine the participants' weights (see :func:`aggregate`).
AGGREGATIONS: tuple[str, ...] = ("arithmetic", "geometric", "ahp_aij")


# =====================================================================================
# Aggregation
# =====================================================================================


def _check_participants(participants: object) -> Participants:
    if not isinstance(participants, Participants):
        raise TypeError(
            "participants: expected Participants (see read_participants), "
            f"got {type(participants).__name__}"
        )
    return participants


def aggregate(participants: Participants, *, method: str = "arithmetic") -> pd.Series:
    r"""Combine the participants' weights into the group's weights.

    With :math:`w_{kj}` participant k's normalised weight of criterion j
    (K participants):

    ``"arithmetic"``
        :math:`\bar w_j = \frac1K \sum_k w_{kj}` (already sums to 1).  Suits a
        group of separate individuals whose priorities are pooled; the
        aggregation of individual priorities (AIP) of Forman & Peniwati (1998).
    ``"geometric"``
        :math:`\tilde w_j \propto \prod_k w_{kj}^{1/K}`, renormalised to sum 1;
        AIP with the geometric mean.  One participant's zero weight makes the
        criterion's group weight zero.
    ``"ahp_aij"``
        Aggregation of individual judgements (AIJ): the element-wise geometric
        mean of the participants' pairwise matrices,
        :math:`a^G_{ij} = \prod_k (a^{(k)}_{ij})^{1/K}`, then its principal
        eigenvector (Forman & Peniwati, 1998).  The geometric mean is the
        aggregation that keeps the group matrix reciprocal, so that the group
        judgement of j over i is the reciprocal of that of i over j (Aczél &
        Saaty, 1983).  Needs AHP judgements from everyone.  For consistent
        matrices it equals ``"geometric"``.

    Parameters
    ----------
    participants : Participants
    method : {"arithmetic", "geometric", "ahp_aij"}

    Returns
    -------
    pandas.Series
        The group's weights by criterion id, summing to 1 (name ``"weight"``).

    Raises
    ------
    ValueError
        For an unknown method, ``"ahp_aij"`` with non-AHP participants, or a
        geometric mean that is zero on every criterion.

    References
    ----------
    Aczél, J., & Saaty, T. L. (1983). Procedures for synthesizing ratio
    judgements. J. Math. Psychol. 27(1), 93-102.
    Forman, E., & Peniwati, K. (1998). Aggregating individual judgments and
    priorities with the analytic hierarchy process. Eur. J. Oper. Res.
    108(1), 165-169.

    Examples
    --------
    >>> import pandas as pd
    >>> p = read_participants(
    ...     pd.DataFrame({"participant": ["ana", "bo"], "x": [1, 4], "y": [1, 1]})
    ... )
    >>> print(aggregate(p).round(4).tolist())
    [0.65, 0.35]
    >>> print(aggregate(p, method="geometric").round(4).tolist())  # sqrt(.5*.8), sqrt(.5*.2)
    [0.6667, 0.3333]
    """
    participants = _check_participants(participants)
    method = V.check_choice(method, AGGREGATIONS, "method")
    w = participants.weights.to_numpy(dtype=np.float64)
    if method == "arithmetic":
        out = w.mean(axis=0)
    elif method == "geometric":
        g = np.prod(w ** (1.0 / w.shape[0]), axis=0)
        total = g.sum()
        if total <= 0:
            raise ValueError(
                "method: the geometric mean is zero on every criterion (each criterion "
                "has a participant giving it weight 0); use 'arithmetic'"
            )
        out = g / total
    else:
        _require_ahp(participants, "'ahp_aij'")
        group = participants.aij_matrix().to_numpy(dtype=np.float64)
        out = np.asarray(_weights.ahp(group, reciprocal_rtol=RECIPROCAL_RTOL).weights)
    return pd.Series(out, index=pd.Index(participants.criteria, name="criterion"), name="weight")


# =====================================================================================
# Disagreement
# =====================================================================================


def kendall_w(scores: ArrayLike, *, correct_ties: bool = True) -> float:
    r"""Kendall's coefficient of concordance W of k rankings of n objects.

    Each row of ``scores`` is one rater's scores of the n objects (ranks, or
    numbers that are ranked, ties getting their average rank).  With
    :math:`R_j` the sum of the ranks of object j,

    .. math::

        S = \sum_j \Big(R_j - \frac{k (n + 1)}{2}\Big)^2, \qquad
        W = \frac{12 S}{k^2 (n^3 - n) - k \sum_i T_i}, \qquad
        T_i = \sum_{g} (t_g^3 - t_g)

    where :math:`t_g` are the sizes of the groups of tied ranks of rater i
    (the tie correction; ``correct_ties=False`` drops it).  W = 1 means every
    rater orders the objects the same way, W = 0 no agreement.  If every rater
    ties every object (or n = 1) the denominator vanishes; W is then 1 (the
    raters agree that nothing differs).

    Parameters
    ----------
    scores : array_like, shape (k, n)
        One row per rater, one column per object; finite.
    correct_ties : bool, default True

    Returns
    -------
    float

    References
    ----------
    Kendall, M. G., & Babington Smith, B. (1939). The problem of m rankings.
    Ann. Math. Statist. 10(3), 275-287.

    Examples
    --------
    >>> kendall_w([[1, 2, 3], [1, 2, 3]])
    1.0
    >>> round(kendall_w([[1, 2, 3], [3, 2, 1]]), 6)
    0.0
    """
    x = V.as_float_array(scores, "scores")
    if x.ndim != 2 or x.shape[0] < 1 or x.shape[1] < 1:
        raise ValueError(f"scores: expected shape (k raters, n objects), got {x.shape}")
    V.check_finite(x, "scores")
    k, n = x.shape
    from scipy.stats import rankdata  # imported here: scipy.stats is slow to import

    r = rankdata(x, axis=1)
    rank_sums = r.sum(axis=0)
    s = float(((rank_sums - k * (n + 1) / 2.0) ** 2).sum())
    denom = float(k * k * (n**3 - n))
    if correct_ties:
        # the tie group of each entry: sum over entries of (t^2 - 1) = sum over groups of t^3 - t
        t = (r[:, :, None] == r[:, None, :]).sum(axis=-1).astype(np.float64)
        denom -= k * float((t**2 - 1.0).sum())
    if denom <= 0:
        return 1.0
    return min(max(12.0 * s / denom, 0.0), 1.0)


def concordance(participants: Participants) -> float:
    """Kendall's W of the participants' rankings of the criteria by weight.

    See :func:`kendall_w` (ties corrected).  1 = everyone puts the criteria in
    the same order of importance.
    """
    participants = _check_participants(participants)
    return kendall_w(participants.weights.to_numpy(dtype=np.float64))


def cosine_disagreement(participants: Participants) -> float:
    r"""Mean pairwise cosine distance between the participants' weight vectors.

    .. math:: \bar d = \binom{K}{2}^{-1} \sum_{k < l}
              \Big(1 - \frac{w_k \cdot w_l}{\lVert w_k \rVert \, \lVert w_l \rVert}\Big)

    0 when everyone gives the same (proportional) weights; at most 1 (weights
    on disjoint criteria).  0 for a single participant.
    """
    participants = _check_participants(participants)
    w = participants.weights.to_numpy(dtype=np.float64)
    k = w.shape[0]
    if k < 2:
        return 0.0
    unit = w / np.linalg.norm(w, axis=1, keepdims=True)
    cos = unit @ unit.T
    iu = np.triu_indices(k, k=1)
    return float(np.clip(1.0 - cos[iu], 0.0, 1.0).mean())


def disagreement(participants: Participants) -> pd.DataFrame:
    r"""Where the participants disagree, criterion by criterion.

    Returns
    -------
    pandas.DataFrame
        One row per criterion (index ``criterion``), sorted by ``std``, the
        largest disagreement first: ``mean``, ``min``, ``max``, ``std``
        (population standard deviation of the normalised weights, ddof = 0:
        the workshop group is the whole population), ``cv`` (std / mean, the
        coefficient of variation; 0 when the mean is 0), ``range``
        (max - min), ``furthest`` (the participant whose weight is furthest
        from the mean; the first in input order on a tie) and
        ``furthest_deviation`` (that participant's weight minus the mean).
        ``attrs`` holds the overall indices ``"kendall_w"``
        (:func:`concordance`), ``"mean_cosine_distance"``
        (:func:`cosine_disagreement`) and ``"n_participants"``.

    References
    ----------
    Kendall, M. G., & Babington Smith, B. (1939). The problem of m rankings.
    Ann. Math. Statist. 10(3), 275-287.

    Examples
    --------
    >>> import pandas as pd
    >>> p = read_participants(
    ...     pd.DataFrame({"participant": ["ana", "bo"], "x": [3, 3], "y": [1, 2]})
    ... )
    >>> d = disagreement(p)
    >>> print(d[["mean", "std", "range", "furthest"]].round(3))  # doctest: +NORMALIZE_WHITESPACE
                mean    std  range furthest
    criterion
    x          0.675  0.075   0.15      ana
    y          0.325  0.075   0.15      ana
    >>> d.attrs["kendall_w"]  # both put x first
    1.0
    """
    participants = _check_participants(participants)
    w = participants.weights.to_numpy(dtype=np.float64)
    mean = w.mean(axis=0)
    std = w.std(axis=0)
    dev = w - mean
    gap = np.abs(dev)
    # first participant within rounding of the largest gap (ties in input order)
    far = np.argmax(gap >= gap.max(axis=0) - 1e-12, axis=0)
    cols = np.arange(w.shape[1])
    safe = np.where(mean > 0, mean, 1.0)
    table = pd.DataFrame(
        {
            "mean": mean,
            "min": w.min(axis=0),
            "max": w.max(axis=0),
            "std": std,
            "cv": np.where(mean > 0, std / safe, 0.0),
            "range": w.max(axis=0) - w.min(axis=0),
            "furthest": [participants.ids[i] for i in far],
            "furthest_deviation": dev[far, cols],
        },
        index=pd.Index(participants.criteria, name="criterion"),
    )
    table = table.sort_values("std", ascending=False, kind="stable")
    table.attrs["kendall_w"] = concordance(participants)
    table.attrs["mean_cosine_distance"] = cosine_disagreement(participants)
    table.attrs["n_participants"] = len(participants)
    return table


# =====================================================================================
# Group rankings
# =====================================================================================


@dataclass(frozen=True)
class GroupRanking(TableView):
    """A case's options ranked under each participant's weights and the group's.

    Attributes
    ----------
    ranks : pandas.DataFrame
        Options (rows, case order) by participants (columns): rank, 1 = best.
    scores : pandas.DataFrame
        The same layout with the method's scores.
    group_ranks, group_scores : pandas.Series
        Rank and score of each option under the aggregated weights.
    weights : pandas.DataFrame
        Participants by criteria: the weights used (case criterion order).
    group_weights : pandas.Series
        The aggregated weights.
    top : pandas.Series
        Each participant's top option (ties: the first in case order).
    group_top : str
        The top option under the group's weights.
    top_changes : bool
        Whether the participants' top options differ.
    top_share : pandas.Series
        Share of participants putting each option first (all options, largest first).
    method, normalization, aggregation, scenario : str or None
        How the ranks were produced.
    higher_is_better : bool
        Direction of ``scores`` (False for VIKOR's Q).
    case_id, version, source : str or None
        The case, the library version and the participants' file.
    option_names : mapping
        Display names by option id.
    """

    ranks: pd.DataFrame
    scores: pd.DataFrame
    group_ranks: pd.Series
    group_scores: pd.Series
    weights: pd.DataFrame
    group_weights: pd.Series
    top: pd.Series
    group_top: str
    top_changes: bool
    top_share: pd.Series
    method: str
    normalization: str | None
    aggregation: str
    scenario: str | None
    higher_is_better: bool
    case_id: str
    version: str
    source: str | None
    option_names: Mapping[str, str] = field(repr=False)

    @property
    def participants(self) -> list[str]:
        """Participant ids in column order."""
        return [str(p) for p in self.ranks.columns]

    @property
    def group_ranking(self) -> list[str]:
        """Option ids, best first under the group's weights (ties in case order)."""
        return [str(o) for o in self.group_ranks.sort_values(kind="stable").index]

    def _provenance(self) -> str:
        bits = [f"method {self.method}"]
        if self.normalization:
            bits.append(f"normalization {self.normalization}")
        bits.append(f"group weights: {self.aggregation} aggregation")
        bits.append(f"scenario {self.scenario}" if self.scenario else "baseline")
        bits.append(f"case {self.case_id}")
        if self.source:
            bits.append(f"participants from {self.source}")
        bits.append(f"policyopts {self.version}")
        return ", ".join(bits)

    def summary(self) -> str:
        """The result in plain words: who puts which option first, and the group's choice."""
        k = len(self.participants)
        name = self.option_names
        gt = self.group_top
        lines = [
            f"Under the group's weights ({self.aggregation} aggregation of {k} "
            f"participant{'s' if k != 1 else ''}), {name[gt]} ranks first."
        ]
        tops = self.top
        if not self.top_changes:
            only = str(tops.iloc[0])
            who = "The only participant" if k == 1 else f"All {k} participants"
            same = "too" if only == gt else f"while the group's weights favour {name[gt]}"
            lines.append(f"{who} put {name[only]} first, {same}.")
        else:
            parts = []
            for option, share in self.top_share.items():
                if share <= 0:
                    continue
                members = [str(p) for p in tops.index[tops == option]]
                parts.append(
                    f"{name[str(option)]} for {len(members)} of {k} ({share:.0%}: "
                    f"{', '.join(members)})"
                )
            lines.append("The top option depends on who is asked: " + "; ".join(parts) + ".")
            if float(self.top_share.get(gt, 0.0)) == 0.0:
                lines.append(f"No participant puts the group's choice, {name[gt]}, first.")
        lines.append(f"({self._provenance()}.)")
        return " ".join(lines)

    # ------------------------------------------------------------ rendering
    def _rows(self, names: bool) -> tuple[list[str], list[list[object]]]:
        header = ["Option" if names else "option", "Group" if names else "group"]
        header += self.participants
        rows: list[list[object]] = []
        order = self.group_ranking
        ranks = self.ranks.loc[order].to_numpy(dtype=np.int64)
        group = self.group_ranks.loc[order].to_numpy(dtype=np.int64)
        for k, o in enumerate(order):
            label = self.option_names[o] if names else o
            rows.append([label, int(group[k]), *ranks[k].tolist()])
        return header, rows

    def caption(self) -> str:
        """How the ranks were produced."""
        return f"Rank of each option under each participant's weights ({self._provenance()})"

    def _highlight_row(self) -> int | None:
        return 0

    def _csv_frame(self) -> pd.DataFrame:
        frame = self.ranks.copy()
        frame.insert(0, "group", self.group_ranks)
        return frame


def _aligned(case: Case, participants: Participants) -> pd.DataFrame:
    ids = case.criterion_ids
    have = participants.criteria
    for c in ids:
        if c not in have:
            raise CaseError(
                f"the participants give no weight for criterion {c!r} of case {case.id!r}",
                file=participants.source,
                path="criteria",
                value=c,
            )
    for c in have:
        if c not in ids:
            raise CaseError(
                f"unknown criterion {c!r} for case {case.id!r}; known: {', '.join(ids)}",
                file=participants.source,
                path="criteria",
                value=c,
            )
    return participants.weights.loc[:, ids]


def group_rankings(
    case: Case,
    participants: Participants,
    *,
    method: str = "wsm",
    scenario: str | None = None,
    aggregation: str = "arithmetic",
    normalization: str | None = None,
    **options: Any,
) -> GroupRanking:
    r"""Rank the options of ``case`` under each participant's weights, and the group's.

    All participants' weight vectors and the aggregated one are stacked into a
    ``(K + 1, n)`` array and scored in **one** batched method call.  The scoring
    follows :func:`policyopts.compare` exactly, so each participant's column
    equals ``compare(case, weights=<their weights>, method=method)``: for
    ``wsm`` the default normalization is ``"scale"``,

    .. math:: A_{ik} = \sum_j w_{kj} \, v_j(x_{ij})

    with :math:`v_j` criterion j's value function over its declared scale
    (multi-attribute value theory; Belton & Stewart, 2002); other methods run
    on the raw scores with their own default normalization.

    Parameters
    ----------
    case : Case
    participants : Participants
        Their criteria must be exactly ``case.criterion_ids`` (risk burden included).
    method : str, default "wsm"
        One of :func:`policyopts.methods.available`.
    scenario : str, optional
        Apply a scenario's score changes and likelihood overrides.
    aggregation : {"arithmetic", "geometric", "ahp_aij"}
        How the group's weights are formed (:func:`aggregate`).
    normalization : str, optional
        As in :func:`policyopts.compare`.
    **options
        Passed to the method (VIKOR ``v``; PROMETHEE ``preference``, ``q``, ...).

    Returns
    -------
    GroupRanking

    Raises
    ------
    CaseError
        If the participants' criteria do not match the case's, or the scenario
        is unknown.
    ValueError
        For an unknown method, normalization or aggregation.

    References
    ----------
    Belton, V., & Stewart, T. J. (2002). Multiple Criteria Decision Analysis:
    An Integrated Approach. Kluwer.

    Examples
    --------
    >>> import pandas as pd
    >>> import policyopts as po
    >>> case = po.load_case("mali")
    >>> ids = case.criterion_ids
    >>> frame = pd.DataFrame([[1.0] * len(ids), [2.0] + [1.0] * (len(ids) - 1)], columns=ids)
    >>> frame.insert(0, "participant", ["ana", "bo"])
    >>> g = group_rankings(case, read_participants(frame, criteria=case))
    >>> g.ranks.shape
    (6, 2)
    >>> g.group_top in case.option_ids
    True
    """
    if not isinstance(case, Case):
        raise TypeError(f"case: expected a policyopts Case, got {type(case).__name__}")
    participants = _check_participants(participants)
    method = V.check_choice(method, _methods.available(), "method")
    aggregation = V.check_choice(aggregation, AGGREGATIONS, "aggregation")
    if scenario is not None:
        case.scenario(scenario)
    call = _methods.bind(method, normalization, options)
    w_frame = _aligned(case, participants)
    group_w = aggregate(participants, method=aggregation).loc[case.criterion_ids]
    stacked = np.vstack(
        [w_frame.to_numpy(dtype=np.float64), group_w.to_numpy(dtype=np.float64)[None, :]]
    )
    arrays = case_arrays(case, scenario)
    matrix = arrays.values() if call.on_scale else arrays.matrix
    why = call.reason(matrix, arrays.types)
    if why is not None:
        raise ValueError(why)
    result = call(matrix, stacked, arrays.types)
    used_norm = result.normalization
    scores = np.asarray(result.scores, dtype=np.float64)  # (K + 1, m)
    ranks = np.asarray(result.ranks, dtype=np.int64)

    option_idx = pd.Index(arrays.option_ids, name="option")
    pids = pd.Index(participants.ids, name="participant")
    rank_frame = pd.DataFrame(ranks[:-1].T, index=option_idx, columns=pids)
    score_frame = pd.DataFrame(scores[:-1].T, index=option_idx, columns=pids)
    # top per participant: best rank, first in case order on a tie
    top_pos = np.argmin(ranks[:-1], axis=1)
    top = pd.Series([arrays.option_ids[i] for i in top_pos], index=pids, name="top")
    group_top = arrays.option_ids[int(np.argmin(ranks[-1]))]
    counts = top.value_counts()
    share = pd.Series(
        [float(counts.get(o, 0)) / len(pids) for o in arrays.option_ids],
        index=option_idx,
        name="share",
    ).sort_values(ascending=False, kind="stable")
    return GroupRanking(
        ranks=rank_frame,
        scores=score_frame,
        group_ranks=pd.Series(ranks[-1], index=option_idx, name="group"),
        group_scores=pd.Series(scores[-1], index=option_idx, name="group"),
        weights=w_frame,
        group_weights=group_w,
        top=top,
        group_top=group_top,
        top_changes=bool(top.nunique() > 1),
        top_share=share,
        method=method,
        normalization=used_norm,
        aggregation=aggregation,
        scenario=scenario,
        higher_is_better=bool(result.higher_is_better),
        case_id=case.id,
        version=__version__,
        source=participants.source,
        option_names={o.id: o.label for o in case.options},
    )
