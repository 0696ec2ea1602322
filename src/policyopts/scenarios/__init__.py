r"""Scenario robustness and the value of information for a case.

- :func:`scenario_table` scores every option under every scenario of a case
  (and the baseline), each exactly as :func:`policyopts.compare` would.
- :func:`scenario_robustness` reads that table as a payoff table and applies
  the robustness criteria of :func:`policyopts.robustness.robustness`:
  expected score over the scenario probabilities, worst and best case,
  Hurwicz, minimax regret, satisficing, and the EVPI of learning which
  scenario will unfold.
- :func:`value_of_information` asks which single uncertainty is worth
  resolving first: the expected value of partial perfect information (EVPPI)
  of each uncertain risk likelihood (optionally each uncertain score), and the
  EVPI of resolving every uncertain input at once.

Value of information (Raiffa & Schlaifer 1961; Howard 1966).  With
:math:`V_o(X)` the value of option :math:`o` given the uncertain inputs
:math:`X`,

.. math::

    \mathrm{EVPI} = E_X[\max_o V_o(X)] - \max_o E_X[V_o(X)], \qquad
    \mathrm{EVPPI}_r = E_{X_r}\big[\max_o E(V_o \mid X_r)\big] - \max_o E[V_o].

With the weighted sum over value functions on declared scales (``wsm`` with
``normalization="scale"``, the default of :func:`policyopts.compare`),
:math:`V_o = \sum_j w_j v_j(x_{oj})` is additive over cells and the inputs are
independent, so the inner expectation is exact without nested sampling:

* a risk likelihood :math:`L_r` enters only the risk-burden column,
  :math:`b_o = \sum_r L_r I_r e_{ro}`, whose value function is linear on
  the burden scale (``risk_criterion.scale``); hence
  :math:`E(V_o \mid L_r = \ell) = \sum_{j \ne b} w_j E[v_j(x_{oj})] +
  w_b\, v_b\big(E[b_o] + (\ell - E L_r) I_r e_{ro}\big)` -- the option's value
  with :math:`L_r = \ell` and every other input at its mean (exact while the
  burden stays within its scale: the ``possible`` scale guarantees it for
  bounded likelihood distributions; on the ``plausible`` scale a drawn
  burden beyond the options' plausible range is clipped to it, as every
  value function clips);
* an uncertain score :math:`x_{oj}` moves only option :math:`o`:
  :math:`E(V_o \mid x_{oj}) = E[V_o] + w_j (v_j(x_{oj}) - E[v_j(x_{oj})])`.

:math:`E[v_j(x)]` is :math:`v_j(E x)` for a linear value function and a
quantile-midpoint average over 16,384 points otherwise.  The outer
expectation over :math:`X_r` uses seeded draws of the input (each input has
its own random stream, so its draws do not depend on which other inputs are
studied), all conditional values built in one batched step; the second term
uses the sample means over the same draws, so each estimate is non-negative
(Jensen) and consistent, with the Monte Carlo standard error of
:math:`\max_o E(V_o \mid X_r) - E(V_{o^*} \mid X_r)` reported beside it.  The
total EVPI is a plain Monte Carlo estimate over joint draws of all inputs,
scored in one batched call.  Both are in score points on the 0-1 value scale.
"""

from __future__ import annotations

from policyopts.scenarios.information import (
    ValueOfInformation as ValueOfInformation,
)
from policyopts.scenarios.information import (
    value_of_information as value_of_information,
)
from policyopts.scenarios.robustness import BASELINE as BASELINE
from policyopts.scenarios.robustness import EXPECTED as EXPECTED
from policyopts.scenarios.robustness import (
    ScenarioRobustness as ScenarioRobustness,
)
from policyopts.scenarios.robustness import (
    scenario_robustness as scenario_robustness,
)
from policyopts.scenarios.robustness import scenario_table as scenario_table

__all__ = [
    "ScenarioRobustness",
    "ValueOfInformation",
    "scenario_robustness",
    "scenario_table",
    "value_of_information",
]
