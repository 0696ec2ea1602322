r"""One-way weight sensitivity: move one criterion's weight from 0 to 1.

The weight of criterion :math:`j` is set to :math:`t \in [0, 1]` and the other
weights share the rest in their current proportions,

.. math::

    w_j(t) = t, \qquad
    w_k(t) = (1 - t)\,\frac{w_k}{\sum_{l \ne j} w_l} \quad (k \ne j),

so the path passes through the current weights at :math:`t = w_j` and always
sums to 1.  If every other weight is zero (:math:`w_j = 1`) their proportions are
undefined; the other criteria then share :math:`1 - t` equally,
:math:`w_k(t) = (1 - t)/(n - 1)`.

Along the path every alternative's score is computed in one batched call of the
method (all grid points stacked as weight vectors), and the weights at which two
alternatives swap places are found:

- exactly, in closed form, for methods whose score is linear in the weights
  (``wsm`` under any normalisation, and ``promethee_ii``, whose net flow is
  :math:`\sum_j w_j \phi_j`): on the path each score is a straight line
  :math:`s_i(t) = (1 - t)\,s_i(0) + t\,s_i(1)`, so lines :math:`i` and :math:`k`
  cross at :math:`t^* = d_0 / (d_0 - d_1)` with :math:`d_0 = s_i(0) - s_k(0)`,
  :math:`d_1 = s_i(1) - s_k(1)` whenever :math:`d_0` and :math:`d_1` have opposite
  signs;
- numerically for the other methods (``wpm``, ``topsis``, ``vikor``): a sign
  change of the score difference between neighbouring grid points is bracketed
  and refined with Brent's method (:func:`scipy.optimize.brentq`, absolute
  tolerance 1e-12 in the weight).  Two crossings of the same pair closer together
  than the grid spacing can be missed; a finer ``grid`` finds them.

Two scores tie when they differ by at most ``1e-12`` times the largest absolute
score (the tolerance of :func:`policyopts._kernels.rank.rank`); lines that only
touch, or tie at an end of the path, are not crossings.

:func:`one_way` works on arrays; :func:`one_way_case` and :func:`one_way_all`
take a :class:`~policyopts.Case` and return labelled results.  At case level
``wsm`` aggregates the criteria's value functions over their declared scales
(normalization ``"scale"``, as :func:`policyopts.compare` does), and the row at
the current weight equals :func:`policyopts.compare`'s scores exactly.

References
----------
Triantaphyllou, E., & Sánchez, A. (1997). A sensitivity analysis approach for some
deterministic multi-criteria decision-making methods. Decision Sciences, 28(1),
151-194.
Belton, V., & Stewart, T. J. (2002). Multiple Criteria Decision Analysis: An
Integrated Approach. Kluwer, ch. 5 (sensitivity analysis of value models).
"""

from __future__ import annotations

from policyopts.sensitivity.oneway._array import (
    LINEAR_METHODS as LINEAR_METHODS,
)
from policyopts.sensitivity.oneway._array import (
    OneWay as OneWay,
)
from policyopts.sensitivity.oneway._array import (
    one_way as one_way,
)
from policyopts.sensitivity.oneway._array import (
    prepare as prepare,
)
from policyopts.sensitivity.oneway._array import (
    weight_path as weight_path,
)
from policyopts.sensitivity.oneway._case import (
    OneWayAll as OneWayAll,
)
from policyopts.sensitivity.oneway._case import (
    OneWayResult as OneWayResult,
)
from policyopts.sensitivity.oneway._case import (
    one_way_all as one_way_all,
)
from policyopts.sensitivity.oneway._case import (
    one_way_case as one_way_case,
)
from policyopts.sensitivity.oneway._setup import (
    CaseProblem as CaseProblem,
)
from policyopts.sensitivity.oneway._setup import (
    case_problem as case_problem,
)

__all__ = [
    "LINEAR_METHODS",
    "OneWay",
    "OneWayAll",
    "OneWayResult",
    "one_way",
    "one_way_all",
    "one_way_case",
    "weight_path",
]
