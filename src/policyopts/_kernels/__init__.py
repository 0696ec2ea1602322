"""Pure numpy kernels for the MCDA methods (no validation, no pandas/pydantic).

- :mod:`policyopts._kernels.normalize` -- column normalisations;
- :mod:`policyopts._kernels.aggregate` -- WSM, WPM, TOPSIS, VIKOR, PROMETHEE II;
- :mod:`policyopts._kernels.aggregate_more` -- MOORA, COPRAS, EDAS, ARAS, MABAC, SPOTIS;
- :mod:`policyopts._kernels.rank` -- batched competition ranking.

Use :mod:`policyopts.methods` for the validating public API.
"""

from policyopts._kernels import aggregate, aggregate_more, normalize, rank

__all__ = ["aggregate", "aggregate_more", "normalize", "rank"]
