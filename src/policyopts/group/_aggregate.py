"""Group weights and how far participants disagree: aggregation (arithmetic,
geometric, AHP AIJ), Kendall's W, concordance and cosine disagreement."""

from __future__ import annotations

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from policyopts import _validate as V
from policyopts import weights as _weights
from policyopts.io._ahp import RECIPROCAL_RTOL
from policyopts.io.participants import (
    Participants,
    _require_ahp,
)

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
    >>> from policyopts import read_participants
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
    x = V.as_table(scores, "scores", shape="(k raters, n objects)")
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
    >>> from policyopts import read_participants
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
