"""Turn a :class:`~policyopts.Case` into the arrays the numeric core takes.

This is where ids become axes: options along rows (m), weighted criteria along
columns (n), the derived risk-burden column last when the case has risks.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from policyopts.model import Case, Criterion, risk_burdens

__all__ = ["CaseArrays", "case_arrays"]


@dataclass(frozen=True)
class CaseArrays:
    """A case as arrays, under one scenario (or the baseline).

    Attributes
    ----------
    option_ids : list of str
        Row labels (m).
    criterion_ids : list of str
        Column labels (n); the risk-burden criterion last if present.
    criteria : list of Criterion
        The criteria in column order (the derived risk criterion included).
    matrix : ndarray, shape (m, n)
        Scores on each criterion's own scale; the risk-burden column holds
        Σ likelihood × impact × exposure.
    types : ndarray, shape (n,)
        +1 for benefit criteria, -1 for cost criteria.
    scenario : str or None
        The scenario applied, ``None`` for the baseline.
    """

    option_ids: list[str]
    criterion_ids: list[str]
    criteria: list[Criterion]
    matrix: NDArray[np.float64]
    types: NDArray[np.float64]
    scenario: str | None

    def values(self) -> NDArray[np.float64]:
        """Each score mapped through its criterion's value function: (m, n) in [0, 1], 1 best."""
        cols = [c.value(self.matrix[:, j]) for j, c in enumerate(self.criteria)]
        return np.stack(cols, axis=-1)


def case_arrays(case: Case, scenario: str | None = None) -> CaseArrays:
    """The score matrix of ``case`` under ``scenario`` (``None``: the baseline).

    A scenario's score changes replace or shift the assessed scores, and its
    likelihood overrides feed the risk burdens.
    """
    options = case.option_ids
    criteria = case.all_criteria
    scored = [c.id for c in case.criteria]
    row = {o: i for i, o in enumerate(options)}
    col = {c: j for j, c in enumerate(scored)}
    matrix = np.zeros((len(options), len(criteria)))
    for a in case.assessments:
        matrix[row[a.option], col[a.criterion]] = a.score
    overrides: dict[str, float] = {}
    if scenario is not None:
        sc = case.scenario(scenario)
        for ch in sc.score_changes:
            i, j = row[ch.option], col[ch.criterion]
            matrix[i, j] = ch.apply(float(matrix[i, j]))
        overrides = dict(sc.likelihood_overrides)
    if case.has_risks:
        matrix[:, -1] = risk_burdens(case.risks, options, likelihoods=overrides)
    types = np.array([float(c.sign) for c in criteria])
    return CaseArrays(
        option_ids=list(options),
        criterion_ids=[c.id for c in criteria],
        criteria=list(criteria),
        matrix=matrix,
        types=types,
        scenario=scenario,
    )
