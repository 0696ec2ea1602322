"""A case turned into what a weight-sensitivity analysis works on, and the
wording its results share."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from policyopts import methods as _methods
from policyopts._casearrays import CaseArrays, case_arrays
from policyopts._suggest import unknown
from policyopts.model import Case, WeightProfile
from policyopts.model.require import require_case
from policyopts.results import Provenance
from policyopts.sensitivity.oneway._array import (
    FloatArray,
    IntArray,
    _Problem,
)

# ======================================================================================
# Case level: shared setup
# ======================================================================================


class CaseIds:
    """The option and criterion ids of a case setup holding :class:`CaseArrays`."""

    arrays: CaseArrays

    @property
    def option_ids(self) -> list[str]:
        return list(self.arrays.option_ids)

    @property
    def criterion_ids(self) -> list[str]:
        return list(self.arrays.criterion_ids)


def resolve_case(
    case: Case,
    profile: str | None,
    scenario: str | None,
    method: str,
    normalization: str | None,
    options: Mapping[str, Any] | None,
    *,
    options_name: str = "options",
) -> tuple[WeightProfile, _methods.MethodCall]:
    """Check ``case`` and ``scenario``, and resolve the profile and the method:
    the first steps of every case-level sensitivity analysis."""
    require_case(case)
    call = _methods.bind(method, normalization, options, options_name=options_name)
    if scenario is not None:
        case.scenario(scenario)
    return case.profile(profile), call


@dataclass(frozen=True)
class CaseProblem(CaseIds):
    """A case turned into the arrays a sensitivity analysis works on.

    For ``wsm`` with normalization ``"scale"`` (the case-level default) the
    matrix is the criteria's values (:meth:`CaseArrays.values`, benefit-oriented
    in [0, 1]) aggregated without further normalisation; otherwise it is the raw
    score matrix and the method's own normalisation applies, as in
    :func:`policyopts.compare`.
    """

    arrays: CaseArrays
    problem: _Problem
    nominal_scores: FloatArray
    nominal_ranks: IntArray
    higher_is_better: bool
    normalization: str | None
    profile: str
    scenario: str | None
    case_id: str
    option_names: Mapping[str, str]
    option_labels: Mapping[str, str]
    criterion_names: Mapping[str, str]
    criterion_labels: Mapping[str, str]
    method_options: Mapping[str, Any]
    provenance: Provenance

    @property
    def top(self) -> int:
        """Row of the top-ranked option (the first in case order on a tie)."""
        return int(np.flatnonzero(self.nominal_ranks == 1)[0])

    def criterion_index(self, criterion: str) -> int:
        ids = self.criterion_ids
        if not isinstance(criterion, str) or criterion not in ids:
            raise ValueError(f"criterion: {unknown('criterion', criterion, ids)}")
        return ids.index(criterion)


def case_problem(
    case: Case,
    profile: str | None,
    method: str,
    scenario: str | None,
    options: Mapping[str, Any],
) -> CaseProblem:
    """Resolve a case, a profile, a scenario and a method into a :class:`CaseProblem`.

    The nominal scores are computed exactly as :func:`policyopts.compare` does.
    """
    opts = dict(options)
    norm = opts.pop("normalization", None)
    prof, call = resolve_case(
        case, profile, scenario, method, norm, opts, options_name="method_options"
    )
    name = call.name
    arrays = case_arrays(case, scenario)
    w = prof.resolve(arrays.criterion_ids, case.tree_parents)
    matrix = arrays.values() if call.on_scale else arrays.matrix
    problem = _Problem(matrix, w, call.kernel_types(arrays.types), name, call.kwargs)
    res = problem.run(w)
    scores: FloatArray = np.asarray(res.scores, dtype=np.float64)
    ranks = np.asarray(res.ranks, dtype=np.int64)
    higher = bool(res.higher_is_better)
    reported = call.normalization
    return CaseProblem(
        arrays=arrays,
        problem=problem,
        nominal_scores=scores,
        nominal_ranks=ranks,
        higher_is_better=higher,
        normalization=reported,
        profile=prof.id,
        scenario=scenario,
        case_id=case.id,
        option_names={o.id: o.name for o in case.options},
        option_labels={o.id: o.label for o in case.options},
        criterion_names={c.id: c.name for c in case.all_criteria},
        criterion_labels={c.id: c.label for c in case.all_criteria},
        method_options=dict(options),
        provenance=Provenance.of(
            case, profile=prof.id, scenario=scenario, method=name, normalization=reported
        ),
    )


def lower_first(name: str) -> str:
    """Lower-case a name's first letter unless it starts an acronym ("US ...")."""
    if len(name) > 1 and name[1].isupper():
        return name
    return name[:1].lower() + name[1:]


def wfmt(x: float) -> str:
    """A weight for a sentence: two decimals, three when below 0.01."""
    return f"{x:.3f}" if 0 < abs(x) < 0.01 else f"{x:.2f}"
