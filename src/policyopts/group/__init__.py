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

The participant file formats (CSV with swing points or weights, YAML with AHP
judgements) are described in :mod:`policyopts.io.participants`.
"""

from __future__ import annotations

from policyopts.group._aggregate import AGGREGATIONS as AGGREGATIONS
from policyopts.group._aggregate import aggregate as aggregate
from policyopts.group._aggregate import concordance as concordance
from policyopts.group._aggregate import cosine_disagreement as cosine_disagreement
from policyopts.group._aggregate import disagreement as disagreement
from policyopts.group._aggregate import kendall_w as kendall_w
from policyopts.group._rankings import GroupRanking as GroupRanking
from policyopts.group._rankings import group_rankings as group_rankings
from policyopts.io.participants import KINDS as KINDS
from policyopts.io.participants import Participants as Participants
from policyopts.io.participants import read_participants as read_participants

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
