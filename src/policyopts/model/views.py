r"""What the scores and likelihoods of a case are under one view of the future.

A *view* is ``"assessed"`` (the assessed scores and likelihoods), the id of
one scenario, or ``"expected"`` (the probability-weighted mix of the
scenarios). ``None`` stands for the case's declared ``baseline``.

Under a scenario ``s`` a cell's score is, in order of precedence:

1. ``assessment.by_scenario[s].score`` (with its own uncertainty, or certain);
2. the scenario's ``score_changes``: ``set`` (certain) or ``shift`` (the
   assessed uncertainty moves with it);
3. the assessed score.

A risk's likelihood is the scenario's override, else the assessed one. Risks
that name ``impacts`` on criteria then move those criteria's scores by their
expected impact :math:`L_r \, I_{rc} \, e_{ro}` (clipped to the scale).

The expected view mixes the scenarios with their probabilities :math:`p_s`:
:math:`\bar L_r = \sum_s p_s L_{rs}` and :math:`\bar x_{oc} = \sum_s p_s x_{ocs}`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from policyopts.exceptions import CaseError
from policyopts.model.scenarios import Scenario, ScoreChange
from policyopts.model.uncertainty import Uncertainty

if TYPE_CHECKING:
    from policyopts.model.case import Case

__all__ = [
    "ASSESSED",
    "EXPECTED",
    "PSEUDO_VIEWS",
    "Cell",
    "burdens_by_view",
    "impact_shifts",
    "pseudo_scenario",
    "resolve_view",
    "view_cells",
    "view_likelihoods",
    "view_weights",
]

ASSESSED = "assessed"
EXPECTED = "expected"
#: Views that are not scenarios of the case.
PSEUDO_VIEWS = (ASSESSED, EXPECTED)


@dataclass(frozen=True)
class Cell:
    """One score under a view, before risk impacts.

    Attributes
    ----------
    point : float
        The score.
    uncertainty : Uncertainty or None
        Its uncertainty (``None``: certain under this view).
    anchor : float
        The point the uncertainty is stated around (it moves with the score
        by ``point - anchor``).
    """

    point: float
    uncertainty: Uncertainty | None
    anchor: float


def resolve_view(case: Case, scenario: str | None) -> str:
    """The view ``scenario`` names: ``"assessed"``, ``"expected"`` or a scenario id.

    ``None`` is the case's ``baseline``. An unknown id raises
    :class:`~policyopts.CaseError` listing the known ones.
    """
    view = case.baseline if scenario is None else scenario
    if view in PSEUDO_VIEWS:
        return view
    known = {s.id for s in case.scenarios}
    if view not in known:
        names = ", ".join([*PSEUDO_VIEWS, *sorted(known)])
        raise CaseError(f"unknown scenario {view!r}; known: {names}", path="scenario", value=view)
    return view


def view_weights(case: Case, view: str) -> list[tuple[str, float]]:
    """The plain views a view mixes, with their weights (one, weight 1, unless expected)."""
    if view == EXPECTED:
        if not case.scenarios:
            return [(ASSESSED, 1.0)]
        return [(s.id, float(s.probability)) for s in case.scenarios]
    return [(view, 1.0)]


def _plain_cells(case: Case, view: str) -> dict[tuple[str, str], Cell]:
    changes: dict[tuple[str, str], ScoreChange] = {}
    if view != ASSESSED:
        changes = {(c.option, c.criterion): c for c in case.scenario(view).score_changes}
    out: dict[tuple[str, str], Cell] = {}
    for a in case.assessments:
        key = (a.option, a.criterion)
        own = a.by_scenario.get(view) if view != ASSESSED else None
        ch = changes.get(key)
        if own is not None:
            out[key] = Cell(own.score, own.uncertainty, own.score)
        elif ch is not None and ch.set is not None:
            out[key] = Cell(ch.set, None, ch.set)
        elif ch is not None:
            out[key] = Cell(a.score + (ch.shift or 0.0), a.uncertainty, a.score)
        else:
            out[key] = Cell(a.score, a.uncertainty, a.score)
    return out


def view_cells(case: Case, view: str) -> dict[tuple[str, str], Cell]:
    """Every assessed cell under ``view`` (resolved), before risk impacts.

    Under ``"expected"`` the point is the probability-weighted score and the
    assessed uncertainty (if any) is carried, anchored at the assessed score,
    so it keeps its width around the expected score.
    """
    if view != EXPECTED:
        return _plain_cells(case, view)
    mixes = [(_plain_cells(case, v), p) for v, p in view_weights(case, view)]
    out: dict[tuple[str, str], Cell] = {}
    for a in case.assessments:
        key = (a.option, a.criterion)
        point = math.fsum(p * cells[key].point for cells, p in mixes)  # correctly rounded
        out[key] = Cell(point, a.uncertainty, a.score)
    return out


def view_likelihoods(case: Case, view: str) -> dict[str, tuple[float, bool]]:
    """Each risk's likelihood under ``view`` and whether it stays uncertain.

    A likelihood overridden by the scenario (for ``"expected"``: by any
    scenario) is taken as certain; under ``"expected"`` it is
    :math:`\\sum_s p_s L_{rs}`.
    """
    out: dict[str, tuple[float, bool]] = {}
    parts = view_weights(case, view)
    overrides = [
        ({} if v == ASSESSED else dict(case.scenario(v).likelihood_overrides), p) for v, p in parts
    ]
    for r in case.risks:
        lik = math.fsum(p * over.get(r.id, r.likelihood) for over, p in overrides)
        free = not any(r.id in over for over, _ in overrides)
        out[r.id] = (lik, free)
    return out


def impact_shifts(case: Case, likelihoods: dict[str, float]) -> dict[tuple[str, str], float]:
    """Expected score shift of each (option, criterion) from risks with ``impacts``.

    .. math:: \\Delta x_{oc} = \\sum_r L_r \\, I_{rc} \\, e_{ro}
    """
    out: dict[tuple[str, str], float] = {}
    for r in case.risks:
        lik = likelihoods.get(r.id, r.likelihood)
        for crit, impact in r.impacts.items():
            for opt, e in r.exposure.items():
                out[(opt, crit)] = out.get((opt, crit), 0.0) + lik * impact * e
    return out


def burdens_by_view(case: Case) -> NDArray[np.float64]:
    """Risk burdens at the point likelihoods, one row per plain view.

    Rows: the assessed likelihoods, then every scenario's; columns: options.
    """
    from policyopts.model.risks import risk_burdens

    views = [ASSESSED, *(s.id for s in case.scenarios)]
    rows = []
    for v in views:
        over = {} if v == ASSESSED else dict(case.scenario(v).likelihood_overrides)
        rows.append(risk_burdens(case.risks, case.option_ids, likelihoods=over))
    return np.asarray(rows, dtype=np.float64)


def pseudo_scenario(case: Case, view: str) -> Scenario:
    """A :class:`Scenario` standing for ``"assessed"`` or ``"expected"``.

    ``"assessed"`` changes nothing; ``"expected"`` sets every score to its
    probability-weighted score and every likelihood to its expected value.
    """
    if view == ASSESSED:
        return Scenario(id=ASSESSED, name="Assessed scores", probability=1.0)
    cells = view_cells(case, EXPECTED)
    liks = view_likelihoods(case, EXPECTED)
    return Scenario(
        id=EXPECTED,
        name="Expected (probability-weighted mix of the scenarios)",
        probability=1.0,
        score_changes=[
            ScoreChange(option=o, criterion=c, set=cell.point) for (o, c), cell in cells.items()
        ],
        likelihood_overrides={r.id: liks[r.id][0] for r in case.risks if not liks[r.id][1]},
    )
