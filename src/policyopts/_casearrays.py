r"""Turn a :class:`~policyopts.Case` into the arrays the numeric core takes.

This is where ids become axes: options along rows (m), weighted criteria along
columns (n), the derived risk-burden column last when the case has risks.

A scenario argument names a view of the future (see
:mod:`policyopts.model.views`): ``None`` (the case's ``baseline``),
``"assessed"``, a scenario id, or ``"expected"``. The expected view is the
probability-weighted mix of the scenarios' arrays: the score matrix is the
expected score :math:`\bar x_{oc} = \sum_s p_s x_{ocs}` and the values are
the expected values :math:`\bar v_{oc} = \sum_s p_s v_c(x_{ocs})`. An additive
model (WSM on the criteria's scales) is linear in the values, so scoring
:math:`\bar v` gives each option's expected score over the scenarios, exactly
(von Neumann & Morgenstern 1944; Keeney & Raiffa 1976); for a linear value
function :math:`\bar v = v(\bar x)`. Methods that normalise over the options
(TOPSIS, VIKOR, PROMETHEE II, WPM, WSM with an option-relative
normalisation) score the expected score matrix: their scores are not on a
common scale from one scenario to the next, so averaging them would mix
incommensurable numbers, while one matrix of expected performance is a
decision matrix like any other.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from policyopts.model import Case, Criterion, risk_burdens
from policyopts.model.views import (
    EXPECTED,
    Cell,
    impact_shifts,
    resolve_view,
    view_cells,
    view_likelihoods,
    view_weights,
)

__all__ = ["CaseArrays", "case_arrays", "case_cells"]


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
    view : str
        The view used: ``"assessed"``, ``"expected"`` or a scenario id.
    """

    option_ids: list[str]
    criterion_ids: list[str]
    criteria: list[Criterion]
    matrix: NDArray[np.float64]
    types: NDArray[np.float64]
    scenario: str | None
    view: str = "assessed"
    mixed_values: NDArray[np.float64] | None = field(default=None, repr=False)

    def values(self) -> NDArray[np.float64]:
        """Each score mapped through its criterion's value function: (m, n) in [0, 1], 1 best.

        Under the expected view, the probability-weighted mix of the scenarios' values.
        """
        if self.mixed_values is not None:
            return self.mixed_values.copy()
        cols = [c.value(self.matrix[:, j]) for j, c in enumerate(self.criteria)]
        return np.stack(cols, axis=-1)


def case_cells(case: Case, scenario: str | None = None) -> dict[tuple[str, str], Cell]:
    """Every assessed cell under ``scenario`` with its uncertainty, before risk impacts."""
    return view_cells(case, resolve_view(case, scenario))


def _plain(case: Case, view: str) -> NDArray[np.float64]:
    """The (m, n) score matrix under one plain view (assessed or one scenario)."""
    options = case.option_ids
    criteria = case.all_criteria
    row = {o: i for i, o in enumerate(options)}
    col = {c.id: j for j, c in enumerate(case.criteria)}
    matrix = np.zeros((len(options), len(criteria)))
    for (o, c), cell in view_cells(case, view).items():
        matrix[row[o], col[c]] = cell.point
    liks = {r: p for r, (p, _) in view_likelihoods(case, view).items()}
    shifts = impact_shifts(case, liks)
    for (o, c), delta in shifts.items():
        j = col[c]
        scale = case.criteria[j].scale
        matrix[row[o], j] = np.clip(matrix[row[o], j] + delta, scale.min, scale.max)
    if case.has_risks:
        matrix[:, -1] = risk_burdens(case.risks, options, likelihoods=liks)
    return matrix


def _mix(parts: list[tuple[NDArray[np.float64], float]]) -> NDArray[np.float64]:
    """The probability-weighted sum of the matrices, cell by cell, correctly rounded
    (:func:`math.fsum`): a cell equal in every scenario keeps its value exactly,
    rather than gaining a last-bit error that shows as ``2.22e-16`` in a table."""
    stack = np.stack([p * m for m, p in parts])
    return np.apply_along_axis(math.fsum, 0, stack).astype(np.float64)


def case_arrays(case: Case, scenario: str | None = None) -> CaseArrays:
    """The score matrix of ``case`` under ``scenario``.

    ``None`` is the case's ``baseline`` (``"assessed"`` unless declared);
    ``"assessed"`` the assessed scores; a scenario id applies its per-scenario
    scores, score changes and likelihood overrides; ``"expected"`` mixes the
    scenarios with their probabilities (see the module docstring). Risks that
    name ``impacts`` move those criteria's scores by their expected impact.

    Examples
    --------
    >>> import policyopts as po
    >>> case = po.load_case("mali")
    >>> a = case_arrays(case, "expected")
    >>> p = [s.probability for s in case.scenarios]
    >>> mix = sum(w * case_arrays(case, s.id).matrix for w, s in zip(p, case.scenarios))
    >>> bool(np.allclose(a.matrix, mix))
    True
    """
    view = resolve_view(case, scenario)
    criteria = case.all_criteria
    mixed: NDArray[np.float64] | None = None
    if view == EXPECTED:
        parts = [(_plain(case, v), p) for v, p in view_weights(case, view)]
        matrix = _mix([(m, p) for m, p in parts])
        mixed = _mix(
            [
                (np.stack([c.value(m[:, j]) for j, c in enumerate(criteria)], axis=-1), p)
                for m, p in parts
            ]
        )
    else:
        matrix = _plain(case, view)
    types = np.array([float(c.sign) for c in criteria])
    return CaseArrays(
        option_ids=list(case.option_ids),
        criterion_ids=[c.id for c in criteria],
        criteria=list(criteria),
        matrix=matrix,
        types=types,
        scenario=scenario,
        view=view,
        mixed_values=mixed,
    )
