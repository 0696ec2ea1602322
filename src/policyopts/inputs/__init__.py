"""The uncertain inputs of a case, as probability distributions.

Every assessment with an ``uncertainty`` and every risk with a
``likelihood_uncertainty`` is one uncertain input. :func:`uncertain_inputs`
lists them, each with a frozen SciPy distribution (so they can feed
``scipy.stats.sobol_indices``), its plausible low/high and its point value,
and turns draws of them into batched score matrices ``(S, m, n)`` with the
risk-burden column recomputed from the drawn likelihoods — the form every
Monte Carlo analysis (SMAA, Sobol, scenario sampling) takes.
"""

from policyopts.inputs._draw import PERT_TABLE_CELLS as PERT_TABLE_CELLS
from policyopts.inputs._model import UncertainInput as UncertainInput
from policyopts.inputs._model import UncertainInputs as UncertainInputs
from policyopts.inputs._model import distribution as distribution
from policyopts.inputs._model import uncertain_inputs as uncertain_inputs
from policyopts.inputs._values import VALUE_BLOCK as VALUE_BLOCK
from policyopts.inputs._values import ValueMap as ValueMap
from policyopts.inputs._values import ValueScores as ValueScores

__all__ = [
    "UncertainInput",
    "UncertainInputs",
    "ValueMap",
    "ValueScores",
    "distribution",
    "uncertain_inputs",
]
