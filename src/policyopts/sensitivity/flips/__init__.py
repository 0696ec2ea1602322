r"""What flips the top option: the smallest changes that put a challenger first.

For an additive model (WSM) with values :math:`v_{ij}` (benefit-oriented) and
weights :math:`w` on the simplex, alternative :math:`c` is (weakly) top under
weights :math:`w'` when :math:`(v_c - v_o) \cdot w' \ge 0` for every other
alternative :math:`o`.  Two kinds of change are looked for.

**Weights.**  The weight vector closest to the current one that makes :math:`c`
weakly top solves a linear program (Wolters & Mareschal 1995):

.. math::

    \min_{w'} \; \lVert w' - w \rVert \quad \text{s.t.} \quad w' \ge 0,\;
    \textstyle\sum_j w'_j = 1,\; (v_c - v_o) \cdot w' \ge 0 \;\; \forall o \ne c.

In the :math:`L_1` norm, :math:`w' = w + p - q` with :math:`p, q \ge 0` and the
objective :math:`\sum_j (p_j + q_j)`; half of it is the weight that has to shift
from some criteria to others.  In the :math:`L_\infty` norm a bound variable
:math:`z \ge |w'_j - w_j|` is minimised: the largest change any single weight
needs when the change is spread out.  Both are solved exactly by
:func:`scipy.optimize.linprog` (HiGHS).  The program is infeasible exactly when no
weighting puts :math:`c` first, e.g. when another alternative beats it on every
criterion.

**Single assessments.**  Changing one value :math:`v_{ij}` by :math:`\delta` moves
alternative :math:`i`'s score by :math:`w_j \delta` and nobody else's, so with
:math:`S` the scores and :math:`g = \max_{o \ne c} S_o - S_c` the gap:

- raising the challenger's own value needs :math:`\delta = g / w_j`;
- lowering another alternative's value helps only if it is the only one ahead of
  :math:`c`, and needs :math:`\delta = -(S_o - S_c)/w_j`.

At case level the new value is mapped back to a score through the inverse of the
criterion's value function (linear, exponential or piecewise-linear) and must stay
within the criterion's declared scale; otherwise the change is "not possible
within the scale".  The derived risk-burden criterion is not an assessment and is
left out of the score changes (change the risks instead).

References
----------
Wolters, W. T. M., & Mareschal, B. (1995). Novel types of sensitivity analysis for
additive MCDM methods. European Journal of Operational Research, 81(2), 281-290.
Triantaphyllou, E., & Sánchez, A. (1997). A sensitivity analysis approach for some
deterministic multi-criteria decision-making methods. Decision Sciences, 28(1),
151-194.
"""

from __future__ import annotations

from policyopts.sensitivity.flips._array import (
    LP_TOL as LP_TOL,
)
from policyopts.sensitivity.flips._array import (
    NORMS as NORMS,
)
from policyopts.sensitivity.flips._array import (
    ValueFlips as ValueFlips,
)
from policyopts.sensitivity.flips._array import (
    WeightFlip as WeightFlip,
)
from policyopts.sensitivity.flips._array import (
    score_for_value as score_for_value,
)
from policyopts.sensitivity.flips._array import (
    value_flips as value_flips,
)
from policyopts.sensitivity.flips._array import (
    weight_flip as weight_flip,
)
from policyopts.sensitivity.flips._case import (
    FlipAnalysis as FlipAnalysis,
)
from policyopts.sensitivity.flips._case import (
    flip_analysis as flip_analysis,
)

__all__ = [
    "FlipAnalysis",
    "ValueFlips",
    "WeightFlip",
    "flip_analysis",
    "score_for_value",
    "value_flips",
    "weight_flip",
]
