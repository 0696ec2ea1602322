r"""What drives the answer: each criterion's share of the differences between options.

With the additive model (WSM on the criteria's scales) option :math:`o`
scores :math:`S_o = \sum_j c_{oj}` with contributions
:math:`c_{oj} = w_j\, v_j(x_{oj})`. A criterion matters to the choice only as
far as its contributions differ between options, so its share of the
differences is

.. math::

    s_j = \frac{D_j}{\sum_k D_k}, \qquad
    D_j = \sum_{o < p} \lvert c_{oj} - c_{pj} \rvert ,

the sum of absolute pairwise contribution differences (the criterion's
contribution to the mean absolute difference of the scores, before
cancellation). The shares are non-negative, sum to 1 and do not change when
every weight is multiplied by the same positive number. A criterion with a
large weight on which every option scores alike has a share near 0: its
weight does not reach the answer. This is the discriminating power of a
swing-weighted criterion (von Winterfeldt & Edwards 1986, ch. 8; Belton &
Stewart 2002, sec. 5.4).

Branch shares apply the same formula to the branch's summed contributions
:math:`c_{oB} = \sum_{j \in B} c_{oj}` (top-level branches of the value
tree), so differences that cancel inside a branch do not count.

The gap between the top option :math:`t` and another option :math:`o` splits
exactly into :math:`S_t - S_o = \sum_j (c_{tj} - c_{oj})`; ``gap`` holds these
signed terms (positive: the criterion favours the top option) and
``gap_shares`` their absolute shares,
:math:`\lvert c_{tj} - c_{oj}\rvert / \sum_k \lvert c_{tk} - c_{ok}\rvert`,
which sum to 1 for every option not identical to the top one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from policyopts.compare import compare
from policyopts.model import Case
from policyopts.results import Provenance, Result

__all__ = ["Drivers", "drivers", "drivers_section", "pairwise_shares"]

FloatArray = NDArray[np.float64]


def pairwise_shares(contributions: FloatArray) -> FloatArray:
    r"""Each column's share of the absolute pairwise differences between rows.

    .. math:: s_j = \frac{\sum_{o<p} |c_{oj} - c_{pj}|}{\sum_k \sum_{o<p} |c_{ok} - c_{pk}|}

    Parameters
    ----------
    contributions : array_like, shape (..., m, n)
        Weighted values, options along rows.

    Returns
    -------
    ndarray, shape (..., n)
        Shares summing to 1; all zero where every row is the same.

    Examples
    --------
    >>> pairwise_shares([[0.3, 0.1], [0.1, 0.2]]).round(4).tolist()
    [0.6667, 0.3333]
    """
    c = np.asarray(contributions, dtype=np.float64)
    if c.ndim < 2:
        raise ValueError(f"contributions: expected shape (..., m, n), got {c.shape}")
    diff = np.abs(c[..., :, None, :] - c[..., None, :, :]).sum(axis=(-3, -2)) / 2.0
    total = diff.sum(axis=-1, keepdims=True)
    safe = np.where(total > 0, total, 1.0)
    return np.asarray(np.where(total > 0, diff / safe, 0.0), dtype=np.float64)


@dataclass(frozen=True, eq=False)
class Drivers(Result):
    """Each criterion's and branch's share of the differences between options.

    Attributes
    ----------
    shares : pandas.Series
        By criterion id: share of the differences between options (sums to 1).
    branch_shares : pandas.Series
        By top-level branch id (a criterion outside any branch stands for
        itself): the same share computed on the branch's summed contributions.
    weights : pandas.Series
        The weights used, by criterion id.
    branch_weights : pandas.Series
        Total weight of each top-level branch.
    gap : pandas.DataFrame
        Options other than the top one (rows) by criteria: the signed terms
        of the score gap :math:`c_{tj} - c_{oj}` (rows sum to the gap).
    gap_shares : pandas.DataFrame
        The absolute shares of those terms (rows sum to 1).
    top : str
        The top option's id.
    provenance : Provenance
        Case, profile, scenario and method (``wsm`` on the criteria's scales).
    """

    shares: pd.Series
    branch_shares: pd.Series
    weights: pd.Series
    branch_weights: pd.Series
    gap: pd.DataFrame
    gap_shares: pd.DataFrame
    top: str
    provenance: Provenance
    criterion_names: Mapping[str, str] = field(repr=False)
    branch_names: Mapping[str, str] = field(repr=False)
    option_names: Mapping[str, str] = field(repr=False)

    def inert(self, *, ratio: float = 0.25, weight: float = 0.05) -> list[str]:
        """Branches with a weight of at least ``weight`` whose share of the
        differences is below ``ratio`` times that weight."""
        return [
            str(b)
            for b in self.branch_shares.index
            if float(self.branch_weights[b]) >= weight
            and float(self.branch_shares[b]) < ratio * float(self.branch_weights[b])
        ]

    def sentences(self) -> list[str]:
        """What drives the answer, in plain words."""
        out = []
        order = self.branch_shares.sort_values(ascending=False, kind="stable")
        lead = ", ".join(
            f"{self.branch_names.get(str(b), str(b))} {100 * float(v):.0f}%"
            for b, v in order.head(3).items()
        )
        out.append(f"Share of the differences between options by branch: {lead}.")
        for b in self.inert():
            out.append(
                f"{self.branch_names.get(b, b)} carries {100 * float(self.branch_weights[b]):.0f}% "
                f"of the weight but only {100 * float(self.branch_shares[b]):.1f}% of the "
                "differences: its weight hardly reaches the answer."
            )
        top = self.option_names[self.top]
        for o in self.gap.index:
            row = self.gap.loc[o]
            best = str(row.idxmax())
            out.append(
                f"{top} leads {self.option_names[str(o)]} by {float(row.sum()):.3f}, most of it "
                f"on {self.criterion_names.get(best, best)} ({float(row[best]):+.3f})."
            )
        return out

    def _rows(
        self, *, names: bool, limit: int | None, **options: Any
    ) -> tuple[list[str], list[list[object]]]:
        others = [str(o) for o in self.gap.index]
        header = ["Criterion" if names else "criterion", "Weight", "Share"]
        header += [f"gap vs {self.option_names[o] if names else o}" for o in others]
        rows: list[list[object]] = []
        for c in self.shares.index:
            label = self.criterion_names.get(str(c), str(c)) if names else str(c)
            rows.append(
                [
                    label,
                    float(self.weights[c]),
                    float(self.shares[c]),
                    *(float(self.gap_shares.loc[o, c]) for o in others),
                ]
            )
        return header, rows[:limit]

    def caption(self) -> str:
        """How the table was produced."""
        sc = f"scenario {self.scenario}" if self.scenario else "baseline"
        return (
            "Share of the differences between options (sum of absolute pairwise "
            f"contribution differences) and of the gap to {self.option_names[self.top]} "
            f"(profile {self.profile or 'custom'}, {sc}, method wsm, case {self.case_id}, "
            f"policyopts {self.version})"
        )

    def to_frame(self) -> pd.DataFrame:
        """Weight, share and gap shares by criterion."""
        frame = pd.DataFrame({"weight": self.weights, "share": self.shares})
        for o in self.gap_shares.index:
            frame[f"gap_share_{o}"] = self.gap_shares.loc[o]
        return frame


def _top_branch(node: str, parents: Mapping[str, str | None]) -> str:
    seen = {node}
    while parents.get(node) is not None:
        nxt = parents[node]
        assert nxt is not None
        if nxt in seen:
            break
        seen.add(nxt)
        node = nxt
    return node


def drivers(
    case: Case,
    profile: str | None = None,
    *,
    scenario: str | None = None,
    weights: Mapping[str, float] | None = None,
) -> Drivers:
    r"""Each criterion's and branch's share of the differences between options.

    See the module docstring for the formulas: shares of the summed absolute
    pairwise differences of the weighted values (additive model, WSM on the
    criteria's scales), and the split of the gap between the top option and
    each other.

    Parameters
    ----------
    case : Case
    profile : str, optional
        Weight profile; the case's default when omitted.
    scenario : str, optional
        A scenario id, ``"assessed"``, ``"expected"``; the baseline when omitted.
    weights : mapping, optional
        Explicit weights by criterion id instead of a profile.

    Returns
    -------
    Drivers

    Examples
    --------
    >>> import policyopts as po
    >>> d = po.drivers(po.load_case("mali"), "balanced")
    >>> round(float(d.shares.sum()), 12), round(float(d.branch_shares.sum()), 12)
    (1.0, 1.0)
    """
    cmp = compare(case, profile, "wsm", scenario=scenario, weights=weights)
    assert cmp.contributions is not None
    contrib = cmp.contributions.to_numpy(dtype=np.float64)
    crit_ids = [str(c) for c in cmp.contributions.columns]
    opts = [str(o) for o in cmp.contributions.index]
    parents = case.tree_parents
    branches: list[str] = []
    for c in crit_ids:
        b = _top_branch(c, parents)
        if b not in branches:
            branches.append(b)
    member = np.array([[_top_branch(c, parents) == b for b in branches] for c in crit_ids])
    branch_contrib = contrib @ member.astype(np.float64)
    w = cmp.weights.to_numpy(dtype=np.float64)

    top = cmp.top
    t = opts.index(top)
    others = [i for i in range(len(opts)) if i != t]
    gap = contrib[t] - contrib[others]
    abs_total = np.abs(gap).sum(axis=-1, keepdims=True)
    gap_shares = np.where(abs_total > 0, np.abs(gap) / np.where(abs_total > 0, abs_total, 1), 0.0)

    crit_index = pd.Index(crit_ids, name="criterion")
    other_index = pd.Index([opts[i] for i in others], name="option")
    names = {c.id: c.label for c in case.all_criteria}
    bnames = {b.id: b.name for b in case.all_branches}
    bnames.update({c: names[c] for c in crit_ids if c in branches})
    return Drivers(
        shares=pd.Series(pairwise_shares(contrib), index=crit_index, name="share"),
        branch_shares=pd.Series(
            pairwise_shares(branch_contrib), index=pd.Index(branches, name="branch"), name="share"
        ),
        weights=pd.Series(w, index=crit_index, name="weight"),
        branch_weights=pd.Series(
            w @ member.astype(np.float64), index=pd.Index(branches, name="branch"), name="weight"
        ),
        gap=pd.DataFrame(gap, index=other_index, columns=crit_index),
        gap_shares=pd.DataFrame(gap_shares, index=other_index, columns=crit_index),
        top=top,
        provenance=cmp.provenance,
        criterion_names=names,
        branch_names=bnames,
        option_names=dict(cmp.option_names),
    )


def drivers_section(
    case: Case, profile: str | None = None, *, scenario: str | None = None
) -> dict[str, object]:
    """The content of a brief's "What drives the answer" section.

    Returns
    -------
    dict
        ``title`` (str), ``sentences`` (list of str), ``table_html`` (an
        escaped HTML table with its caption) and ``result`` (the
        :class:`Drivers`), for a template to lay out.

    Examples
    --------
    >>> import policyopts as po
    >>> sec = drivers_section(po.load_case("mali"), "balanced")
    >>> sec["title"]
    'What drives the answer'
    """
    d = drivers(case, profile, scenario=scenario)
    return {
        "title": "What drives the answer",
        "sentences": d.sentences(),
        "table_html": d.to_html(),
        "result": d,
    }
