"""Batched competition ranking (pure numpy, no validation).

Ranks are computed by pairwise comparison over the alternatives axis (the last
axis, which is small): for each alternative ``b`` one vectorised comparison against
all alternatives of all samples, so a call on scores of shape ``(100000, m)`` costs
``m`` numpy operations, with no Python loop over samples, no argsort and only
``O(samples * m)`` memory.

Rule: rank 1 is best; an alternative's rank is one plus the number of
alternatives that are *strictly* better than it ("competition" or "1224"
ranking: tied alternatives share the best rank of the tie, and the next rank
skips, e.g. ``1, 2, 2, 4``).  Two scores of the same sample tie when they differ by
at most ``rtol * max(1, max_i |score_i|)`` (default ``rtol = 1e-12``), so values
equal up to floating-point rounding tie, also when every score is close to 0.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

__all__ = ["TIE_RTOL", "rank"]

#: Default relative tolerance for ties, relative to the largest |score| of a sample.
TIE_RTOL = 1e-12


def rank(
    scores: NDArray[np.float64], higher_is_better: bool = True, rtol: float = TIE_RTOL
) -> NDArray[np.int64]:
    """Competition ranks (1 = best) of ``scores`` along the last axis.

    Parameters
    ----------
    scores : ndarray, shape (..., m)
        Scores; leading axes are samples.
    higher_is_better : bool
        Direction of the scores.
    rtol : float
        Two scores of the same sample tie when
        ``|a - b| <= rtol * max(1, max(|scores|))``.

    Returns
    -------
    ndarray of int64, shape (..., m)

    Examples
    --------
    >>> rank(np.array([0.3, 0.9, 0.5, 0.9]))
    array([4, 1, 3, 1])
    >>> rank(np.array([[1.0, 2.0, 2.0 + 1e-15, 3.0]]), higher_is_better=False)
    array([[1, 2, 2, 4]])
    """
    s = np.asarray(scores, dtype=np.float64)
    if not higher_is_better:
        s = -s
    m = s.shape[-1]
    # Loops run over the m alternatives (small), each step vectorised over all samples;
    # numpy reductions over a short last axis are several times slower.
    # The floor of 1 keeps the tolerance above rounding noise when every score is
    # near zero (PROMETHEE net flows sum to 0 and can all be ~1e-16).
    scale = np.maximum(np.abs(s[..., :1]), 1.0)
    for b in range(1, m):
        np.maximum(scale, np.abs(s[..., b : b + 1]), out=scale)
    # b is strictly better than a when s_b > s_a + tol.
    threshold = s + rtol * scale
    out: NDArray[np.int64] = np.ones(s.shape, dtype=np.int64)
    for b in range(m):
        out += s[..., b : b + 1] > threshold
    return out
