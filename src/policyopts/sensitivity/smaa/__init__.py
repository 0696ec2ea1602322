"""SMAA-2: how far to trust a ranking when weights and scores are uncertain.

The package is split by job:

- :mod:`policyopts.distributions` -- the weight distributions (re-exported here);
- :mod:`~policyopts.sensitivity.smaa.scoring` -- fast scoring of a fixed matrix;
- :mod:`~policyopts.sensitivity.smaa.engine` -- chunks, seeds, local and Dask runs;
- :mod:`~policyopts.sensitivity.smaa.arrays` -- :func:`smaa` and :class:`SMAAResult`;
- :mod:`~policyopts.sensitivity.smaa.case` -- :func:`smaa_case` and :class:`CaseSMAA`.
"""

from policyopts.distributions import (
    DEFAULT_CONCENTRATION,
    MIN_ACCEPTANCE,
    WeightDistribution,
    centred_weights,
    fixed_weights,
    interval_weights,
    ordinal_weights,
    uniform_weights,
)
from policyopts.sensitivity.smaa.arrays import META_WEIGHTS, SMAAResult, meta_weights, smaa
from policyopts.sensitivity.smaa.case import DEFAULT_SPREAD, CaseSMAA, smaa_case

__all__ = [
    "DEFAULT_CONCENTRATION",
    "DEFAULT_SPREAD",
    "META_WEIGHTS",
    "MIN_ACCEPTANCE",
    "CaseSMAA",
    "SMAAResult",
    "WeightDistribution",
    "centred_weights",
    "fixed_weights",
    "interval_weights",
    "meta_weights",
    "ordinal_weights",
    "smaa",
    "smaa_case",
    "uniform_weights",
]
