"""What the facilitator's page and ``GET /api/group`` show, as plain data.

Every number comes from the library: :func:`policyopts.read_participants`,
:func:`policyopts.group_rankings` (which aggregates with
:func:`policyopts.aggregate`), :func:`policyopts.disagreement` and
:func:`policyopts.flip_analysis`. This module only gathers their results.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import policyopts as po
from policyopts.model import Case
from policyopts.serve.export import case_with_profiles
from policyopts.serve.store import Record, records_frame

__all__ = ["AGGREGATIONS", "group_summary"]

#: Aggregations offered in the workshop (see :func:`policyopts.aggregate`).
AGGREGATIONS: tuple[str, ...] = ("arithmetic", "geometric")


def group_summary(
    case: Case,
    records: Sequence[Record],
    *,
    aggregation: str = "arithmetic",
    flips: bool = False,
    widest: int = 3,
) -> dict[str, Any]:
    """The group's weights, ranking, disagreement and each participant's top option.

    Parameters
    ----------
    case : Case
    records : sequence of Record
        The stored answers (may be empty).
    aggregation : {"arithmetic", "geometric"}
    flips : bool
        Also say what would put another option first under the group's
        weights (:func:`policyopts.flip_analysis` on the case with the group's
        profile added).
    widest : int
        How many criteria with the widest spread of weights to list.

    Returns
    -------
    dict
        ``participants`` (count), ``aggregation``, ``weights`` (criterion ->
        group weight, or None without participants), ``ranking`` (options best
        first: ``option``, ``name``, ``rank``, ``score``, ``first_for``, the
        number of participants putting it first), ``kendall_w`` (None without
        participants), ``widest`` (criteria, largest spread first: ``criterion``,
        ``name``, ``std``, ``min``, ``max``, ``furthest``), ``top``
        (participant -> option), ``flips`` (sentences) and ``error`` (a
        message when the group's weights cannot be formed, else None).
    """
    if aggregation not in AGGREGATIONS:
        raise ValueError(f"aggregation: expected one of {AGGREGATIONS}, got {aggregation!r}")
    out: dict[str, Any] = {
        "participants": len(records),
        "aggregation": aggregation,
        "weights": None,
        "ranking": [],
        "kendall_w": None,
        "widest": [],
        "top": {},
        "flips": [],
        "error": None,
    }
    if not records:
        return out
    parts = po.read_participants(records_frame(case.criterion_ids, records), criteria=case)
    try:
        g = po.group_rankings(case, parts, aggregation=aggregation)
    except ValueError as exc:
        out["error"] = str(exc)
        return out
    names = {c.id: c.name for c in case.all_criteria}
    out["weights"] = {str(c): float(w) for c, w in g.group_weights.items()}
    counts = g.top_by_participant.value_counts()
    out["ranking"] = [
        {
            "option": o,
            "name": g.option_names[o],
            "rank": int(g.group_ranks[o]),
            "score": float(g.group_scores[o]),
            "first_for": int(counts.get(o, 0)),
        }
        for o in g.ranking
    ]
    d = po.disagreement(parts)
    out["kendall_w"] = float(d.attrs["kendall_w"])
    out["widest"] = [
        {
            "criterion": str(cid),
            "name": names.get(str(cid), str(cid)),
            "std": float(row["std"]),
            "min": float(row["min"]),
            "max": float(row["max"]),
            "furthest": str(row["furthest"]),
        }
        for cid, row in d.head(widest).iterrows()
    ]
    out["top"] = {str(p): str(o) for p, o in g.top_by_participant.items()}
    if flips:
        grouped, group_id = case_with_profiles(case, records, aggregation=aggregation)
        out["flips"] = po.flip_analysis(grouped, group_id, n_score_flips=1).sentences(short=True)
    return out
