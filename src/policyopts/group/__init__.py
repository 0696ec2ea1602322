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
