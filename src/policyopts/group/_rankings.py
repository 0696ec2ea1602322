"""The ranking each participant's weights give, beside the group's."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from policyopts import _validate as V
from policyopts import methods as _methods
from policyopts._casearrays import case_arrays
from policyopts.exceptions import CaseError
from policyopts.group._aggregate import (
    AGGREGATIONS,
    _check_participants,
    aggregate,
)
from policyopts.io.participants import (
    Participants,
)
from policyopts.model import Case
from policyopts.model.require import require_case
from policyopts.results import Provenance, Result

# =====================================================================================
# Group rankings
# =====================================================================================


@dataclass(frozen=True, eq=False)
class GroupRanking(Result):
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
    top_by_participant : pandas.Series
        Each participant's top option (ties: the first in case order).
    top : str
        The id of the top option under the group's weights.
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
    top_by_participant: pd.Series
    top: str
    top_changes: bool
    top_share: pd.Series
    provenance: Provenance
    aggregation: str
    higher_is_better: bool
    source: str | None
    option_names: Mapping[str, str] = field(repr=False)

    @property
    def participants(self) -> list[str]:
        """Participant ids in column order."""
        return [str(p) for p in self.ranks.columns]

    @property
    def ranking(self) -> list[str]:
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
        gt = self.top
        lines = [
            f"Under the group's weights ({self.aggregation} aggregation of {k} "
            f"participant{'s' if k != 1 else ''}), {name[gt]} ranks first."
        ]
        tops = self.top_by_participant
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
    def _rows(
        self, *, names: bool, limit: int | None, **options: Any
    ) -> tuple[list[str], list[list[object]]]:
        header = ["Option" if names else "option", "Group" if names else "group"]
        header += self.participants
        rows: list[list[object]] = []
        order = self.ranking
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

    def to_frame(self) -> pd.DataFrame:
        """The result's main table."""
        frame = self.ranks.copy()
        frame.insert(0, "group", self.group_ranks)
        return frame


def _aligned(case: Case, participants: Participants) -> pd.DataFrame:
    ids = case.criterion_ids
    have = participants.criteria
    problems = [
        (c, f"the participants give no weight for criterion {c!r} of case {case.id!r}")
        for c in ids
        if c not in have
    ] + [
        (c, f"unknown criterion {c!r} for case {case.id!r}; known: {', '.join(ids)}")
        for c in have
        if c not in ids
    ]
    if problems:
        c, message = problems[0]
        raise CaseError(message, file=participants.source, path="criteria", value=c)
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
    >>> from policyopts import read_participants
    >>> import policyopts as po
    >>> case = po.load_case("mali")
    >>> ids = case.criterion_ids
    >>> frame = pd.DataFrame([[1.0] * len(ids), [2.0] + [1.0] * (len(ids) - 1)], columns=ids)
    >>> frame.insert(0, "participant", ["ana", "bo"])
    >>> g = group_rankings(case, read_participants(frame, criteria=case))
    >>> g.ranks.shape
    (6, 2)
    >>> g.top in case.option_ids
    True
    """
    require_case(case)
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
        top_by_participant=top,
        top=group_top,
        top_changes=bool(top.nunique() > 1),
        top_share=share,
        provenance=Provenance.of(
            case, scenario=scenario, method=method, normalization=used_norm, aggregation=aggregation
        ),
        aggregation=aggregation,
        higher_is_better=bool(result.higher_is_better),
        source=participants.source,
        option_names={o.id: o.label for o in case.options},
    )
