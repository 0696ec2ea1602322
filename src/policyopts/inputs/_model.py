"""Uncertain inputs of a case: one distribution per uncertain score or likelihood."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from policyopts._casearrays import CaseArrays, case_arrays, case_cells
from policyopts._random import SeedLike, rng_from
from policyopts.inputs._draw import _DrawPlan
from policyopts.inputs._values import ValueScores
from policyopts.model import Case
from policyopts.model.uncertainty import Discrete, Normal, Pert, Range, Triangular, Uniform

Uncertainty = Range | Uniform | Triangular | Pert | Normal | Discrete

FloatArray = NDArray[np.float64]


def distribution(
    uncertainty: Range | Uniform | Triangular | Pert | Normal | Discrete,
    point: float,
    lo: float,
    hi: float,
) -> Any:
    """A frozen SciPy distribution for an uncertainty around ``point``.

    ``lo`` and ``hi`` bound the quantity (the criterion's scale, or [0, 1] for
    a likelihood): a normal uncertainty is truncated to them.

    - range, uniform: uniform on [low, high];
    - triangular: mode at ``point``;
    - pert: Beta-PERT with mode at ``point`` (Vose 2008):
      :math:`\\alpha = 1 + \\lambda (mode - low)/(high - low)`,
      :math:`\\beta = 1 + \\lambda (high - mode)/(high - low)`;
    - normal: mean ``point``, sd, truncated to [lo, hi];
    - discrete: the listed values with their probabilities.
    """
    from scipy import stats  # imported here: scipy.stats is slow to import

    if isinstance(uncertainty, Range | Uniform):
        return stats.uniform(loc=uncertainty.low, scale=uncertainty.high - uncertainty.low)
    if isinstance(uncertainty, Triangular):
        width = uncertainty.high - uncertainty.low
        return stats.triang(c=(point - uncertainty.low) / width, loc=uncertainty.low, scale=width)
    if isinstance(uncertainty, Pert):
        width = uncertainty.high - uncertainty.low
        a = 1 + uncertainty.lamb * (point - uncertainty.low) / width
        b = 1 + uncertainty.lamb * (uncertainty.high - point) / width
        return stats.beta(a, b, loc=uncertainty.low, scale=width)
    if isinstance(uncertainty, Normal):
        sd = uncertainty.sd
        return stats.truncnorm((lo - point) / sd, (hi - point) / sd, loc=point, scale=sd)
    values = np.asarray(uncertainty.values, dtype=np.float64)
    probs = np.asarray(uncertainty.probabilities, dtype=np.float64)
    return stats.rv_discrete(values=(values, probs / probs.sum()))


@dataclass(frozen=True)
class UncertainInput:
    """One uncertain number in a case.

    Attributes
    ----------
    id : str
        ``"score:<option>:<criterion>"`` or ``"likelihood:<risk>"``.
    kind : {"score", "likelihood"}
    option, criterion, risk : str or None
        What the input is.
    point, low, high : float
        Point estimate and plausible range.
    dist : scipy frozen distribution
        Has ``ppf``, ``rvs``, ``mean``; feeds ``scipy.stats.sobol_indices``.
        Built on first use (SciPy's distributions are slow to import and to
        build; block sampling with :meth:`UncertainInputs.draw` needs none).
    uncertainty : model, optional
        The uncertainty as the case states it (shifted by a scenario).
    bounds : (float, float)
        The quantity's own bounds (the criterion's scale, or [0, 1]).
    """

    id: str
    kind: Literal["score", "likelihood"]
    point: float
    low: float
    high: float
    distribution: str
    uncertainty: Uncertainty | None = field(default=None, repr=False)
    bounds: tuple[float, float] = field(default=(-np.inf, np.inf), repr=False)
    option: str | None = None
    criterion: str | None = None
    risk: str | None = None
    label: str = ""

    @cached_property
    def dist(self) -> Any:
        """The frozen SciPy distribution of this input."""
        if self.uncertainty is None:
            raise ValueError(f"{self.id}: no uncertainty model to build a distribution from")
        return distribution(self.uncertainty, self.point, *self.bounds)


@dataclass(frozen=True)
class UncertainInputs:
    """The uncertain inputs of a case and how draws of them become score matrices.

    Attributes
    ----------
    inputs : list of UncertainInput
    base : CaseArrays
        The point-estimate arrays (under the scenario, if any).
    """

    inputs: list[UncertainInput]
    base: CaseArrays
    _score_cells: tuple[NDArray[np.intp], NDArray[np.intp], NDArray[np.intp]] = field(repr=False)
    _lik_cols: NDArray[np.intp] = field(repr=False)
    _lik_points: FloatArray = field(repr=False)
    _impact: FloatArray = field(repr=False)
    _exposure: FloatArray = field(repr=False)

    def __len__(self) -> int:
        return len(self.inputs)

    @property
    def ids(self) -> list[str]:
        """Input ids in order."""
        return [i.id for i in self.inputs]

    @property
    def table(self) -> pd.DataFrame:
        """One row per input: kind, option, criterion, risk, point, low, high, distribution."""
        return pd.DataFrame(
            {
                "kind": [i.kind for i in self.inputs],
                "option": [i.option for i in self.inputs],
                "criterion": [i.criterion for i in self.inputs],
                "risk": [i.risk for i in self.inputs],
                "point": [i.point for i in self.inputs],
                "low": [i.low for i in self.inputs],
                "high": [i.high for i in self.inputs],
                "distribution": [i.distribution for i in self.inputs],
            },
            index=pd.Index(self.ids, name="input"),
        )

    def ppf(self, q: FloatArray) -> FloatArray:
        """Map uniform quantiles ``q`` of shape (S, k) to input values (S, k)."""
        q = np.asarray(q, dtype=np.float64)
        if q.ndim != 2 or q.shape[1] != len(self.inputs):
            raise ValueError(f"q: expected shape (S, {len(self.inputs)}), got {q.shape}")
        out = np.empty_like(q)
        for k, inp in enumerate(self.inputs):  # loop over inputs, vectorised over draws
            out[:, k] = inp.dist.ppf(q[:, k])
        return out

    def sample(self, n: int, *, seed: SeedLike = None) -> FloatArray:
        """``n`` joint draws of the inputs (independent), shape (n, k)."""
        if n < 1:
            raise ValueError(f"n: need at least 1 draw, got {n}")
        rng = rng_from(seed)
        return self.ppf(rng.random((n, len(self.inputs))))

    @cached_property
    def _plan(self) -> _DrawPlan:
        return _DrawPlan.build(self.inputs)

    def draw(self, rng: np.random.Generator, size: int) -> FloatArray:
        """``size`` joint draws of the inputs (independent), shape (size, k), in blocks.

        Unlike :meth:`sample` (quantiles through each input's SciPy ``ppf``,
        one call per input), each distribution family is drawn for all its
        inputs at once: one uniform block, transformed by the inverse CDF of
        the uniform, triangular, truncated normal and discrete inputs (exact),
        and one uniform block for the PERT inputs, mapped through a table of
        each one's Beta quantiles at 4,097 even probabilities by linear
        interpolation (an inverse-CDF sampler whose quantiles are off by about
        1e-3 of the range at most outside the outermost cells, which hold
        2 / 4,096 of the mass; a ``rng.beta`` draw costs ten times more).
        Same distributions (up to that table), another random stream than
        :meth:`sample`; no Python work per input.
        """
        return self._plan.draw(rng, size)

    def value_scores(self) -> ValueScores:
        """The inputs drawn on the value scale with their weighted sums (cached)."""
        return self._value_scores

    @cached_property
    def _value_scores(self) -> ValueScores:
        return ValueScores.build(self)

    def matrices(self, values: FloatArray) -> FloatArray:
        """Score matrices (S, m, n) from input values (S, k).

        Cells without uncertainty keep their point score; the risk-burden
        column is Σ likelihood × impact × exposure with the drawn likelihoods.
        """
        values = np.asarray(values, dtype=np.float64)
        if values.ndim != 2 or values.shape[1] != len(self.inputs):
            raise ValueError(f"values: expected shape (S, {len(self.inputs)}), got {values.shape}")
        s = values.shape[0]
        out = np.broadcast_to(self.base.matrix, (s, *self.base.matrix.shape)).copy()
        cols, rows, crits = self._score_cells
        out[:, rows, crits] = values[:, cols]
        if self._exposure.size:
            lik = np.broadcast_to(self._lik_points, (s, self._lik_points.size)).copy()
            lik[:, self._lik_cols[1]] = values[:, self._lik_cols[0]]
            out[:, :, -1] = (lik * self._impact) @ self._exposure
        return out

    def point_values(self) -> FloatArray:
        """The inputs at their point estimates, shape (k,)."""
        return np.array([i.point for i in self.inputs], dtype=np.float64)


def uncertain_inputs(case: Case, scenario: str | None = None) -> UncertainInputs:
    """List the uncertain inputs of ``case`` (under ``scenario``).

    A scenario's score changes move the point estimate; a shifted score keeps
    the width of its range (shifted with it and clipped to the scale), a
    score set by the scenario is taken as certain, a score given per scenario
    (``by_scenario``) carries its own uncertainty. A likelihood overridden by
    the scenario is taken as certain. Under ``"expected"`` each uncertain
    score keeps its assessed width around the expected score, and a
    likelihood overridden by any scenario is certain at its expected value.
    A risk that names ``impacts`` on criteria moves the scores it touches at
    its point likelihood (its likelihood is not sampled).

    Examples
    --------
    >>> import policyopts as po
    >>> inputs = po.uncertain_inputs(po.load_case("mali"))
    >>> draws = inputs.sample(1000, seed=1)
    >>> inputs.matrices(draws).shape
    (1000, 6, 11)
    """
    base = case_arrays(case, scenario)
    row = {o: i for i, o in enumerate(base.option_ids)}
    col = {c: j for j, c in enumerate(base.criterion_ids)}
    crit = {c.id: c for c in case.criteria}
    cells_under = case_cells(case, scenario)
    sc = case.scenario(base.view) if base.view != "assessed" else None
    overrides = dict(sc.likelihood_overrides) if sc is not None else {}

    inputs: list[UncertainInput] = []
    cells: list[tuple[int, int, int]] = []
    for a in case.assessments:
        cell = cells_under[(a.option, a.criterion)]
        u = cell.uncertainty
        if u is None:
            continue
        c = crit[a.criterion]
        lo, hi = c.scale.min, c.scale.max
        point = float(base.matrix[row[a.option], col[a.criterion]])
        shift = point - cell.anchor
        if shift:
            u = _shifted(u, shift, lo, hi)
        low, high = u.bounds(point)
        low, high = max(low, lo), min(high, hi)
        if high <= low:
            continue
        cells.append((len(inputs), row[a.option], col[a.criterion]))
        inputs.append(
            UncertainInput(
                id=f"score:{a.option}:{a.criterion}",
                kind="score",
                point=point,
                low=low,
                high=high,
                distribution=u.kind,
                uncertainty=u,
                bounds=(lo, hi),
                option=a.option,
                criterion=a.criterion,
                label=f"{case.option(a.option).label} · {c.label}",
            )
        )
    lik_cols: list[tuple[int, int]] = []
    for r_index, r in enumerate(case.risks):
        lu = r.likelihood_uncertainty
        if lu is None or r.id in overrides or not r.in_burden:
            continue
        low, high = lu.bounds(r.likelihood)
        low, high = max(low, 0.0), min(high, 1.0)
        if high <= low:
            continue
        lik_cols.append((len(inputs), r_index))
        inputs.append(
            UncertainInput(
                id=f"likelihood:{r.id}",
                kind="likelihood",
                point=r.likelihood,
                low=low,
                high=high,
                distribution=lu.kind,
                uncertainty=lu,
                bounds=(0.0, 1.0),
                risk=r.id,
                label=f"Likelihood · {r.name}",
            )
        )
    cell_arr = np.array(cells, dtype=np.intp).reshape(-1, 3)
    lik_arr = np.array(lik_cols, dtype=np.intp).reshape(-1, 2).T
    lik_points = np.array([overrides.get(r.id, r.likelihood) for r in case.risks], dtype=np.float64)
    impact = np.array([r.impact for r in case.risks], dtype=np.float64)
    exposure = np.array(
        [[r.exposure[o] * r.in_burden for o in base.option_ids] for r in case.risks],
        dtype=np.float64,
    ).reshape(len(case.risks), len(base.option_ids))
    return UncertainInputs(
        inputs=inputs,
        base=base,
        _score_cells=(cell_arr[:, 0], cell_arr[:, 1], cell_arr[:, 2]),
        _lik_cols=lik_arr,
        _lik_points=lik_points,
        _impact=impact,
        _exposure=exposure if case.risks else np.zeros((0, len(base.option_ids))),
    )


def _shifted(
    u: Range | Uniform | Triangular | Pert | Normal | Discrete, shift: float, lo: float, hi: float
) -> Range | Uniform | Triangular | Pert | Normal | Discrete:
    if isinstance(u, Normal):
        return u
    if isinstance(u, Discrete):
        vals = [float(np.clip(v + shift, lo, hi)) for v in u.values]
        return u.model_copy(update={"values": vals})
    return u.model_copy(
        update={
            "low": float(np.clip(u.low + shift, lo, hi)),
            "high": float(np.clip(u.high + shift, lo, hi)),
        }
    )
