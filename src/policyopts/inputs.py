"""The uncertain inputs of a case, as probability distributions.

Every assessment with an ``uncertainty`` and every risk with a
``likelihood_uncertainty`` is one uncertain input. :func:`uncertain_inputs`
lists them, each with a frozen SciPy distribution (so they can feed
``scipy.stats.sobol_indices``), its plausible low/high and its point value,
and turns draws of them into batched score matrices ``(S, m, n)`` with the
risk-burden column recomputed from the drawn likelihoods — the form every
Monte Carlo analysis (SMAA, Sobol, scenario sampling) takes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any, Literal

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from policyopts._casearrays import CaseArrays, case_arrays, case_cells
from policyopts._random import SeedLike, rng_from
from policyopts.model import Case, Criterion
from policyopts.model.criteria import ExponentialValue, PiecewiseLinearValue
from policyopts.model.uncertainty import Discrete, Normal, Pert, Range, Triangular, Uniform

__all__ = [
    "UncertainInput",
    "UncertainInputs",
    "ValueMap",
    "ValueScores",
    "distribution",
    "uncertain_inputs",
]

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


#: Cells of the quantile table by which :meth:`UncertainInputs.draw` samples PERT inputs.
PERT_TABLE_CELLS = 1 << 12
#: Draws per block of :meth:`ValueScores.draw_scores`: a block's temporaries (one
#: random word, one float per input and draw, a few float32 rows) stay in a 2 MiB cache.
VALUE_BLOCK = 1 << 10


@dataclass(frozen=True, eq=False)
class _DrawPlan:
    """Inputs grouped by distribution family, with their parameters as arrays."""

    k: int
    uniform: tuple[NDArray[np.intp], FloatArray, FloatArray]  # cols, low, width
    triangular: tuple[NDArray[np.intp], FloatArray, FloatArray, FloatArray]  # cols, low, width, c
    pert: tuple[
        NDArray[np.intp], FloatArray, FloatArray, FloatArray, FloatArray
    ]  # cols, low, width, a, b
    normal: tuple[NDArray[np.intp], FloatArray, FloatArray, FloatArray, FloatArray]
    discrete: tuple[NDArray[np.intp], FloatArray, FloatArray]  # cols, values, cumprobs (padded)

    @classmethod
    def build(cls, inputs: Sequence[UncertainInput]) -> _DrawPlan:
        uni: list[tuple[int, float, float]] = []
        tri: list[tuple[int, float, float, float]] = []
        pert: list[tuple[int, float, float, float, float]] = []
        nor: list[tuple[int, float, float, float, float]] = []
        dis: list[tuple[int, list[float], list[float]]] = []
        for k, inp in enumerate(inputs):
            u = inp.uncertainty
            if isinstance(u, Range | Uniform):
                uni.append((k, u.low, u.high - u.low))
            elif isinstance(u, Triangular):
                width = u.high - u.low
                tri.append((k, u.low, width, (inp.point - u.low) / width))
            elif isinstance(u, Pert):
                width = u.high - u.low
                a = 1 + u.lamb * (inp.point - u.low) / width
                b = 1 + u.lamb * (u.high - inp.point) / width
                pert.append((k, u.low, width, a, b))
            elif isinstance(u, Normal):
                lo, hi = inp.bounds
                nor.append((k, inp.point, u.sd, (lo - inp.point) / u.sd, (hi - inp.point) / u.sd))
            elif isinstance(u, Discrete):
                probs = np.asarray(u.probabilities, dtype=np.float64)
                dis.append((k, list(u.values), list(np.cumsum(probs / probs.sum()))))
            else:
                raise ValueError(f"{inp.id}: no uncertainty model to draw from")

        def cols(rows: Sequence[tuple[Any, ...]]) -> list[Any]:
            arrays = [np.asarray([r[j] for r in rows]) for j in range(len(rows[0]))] if rows else []
            return [
                np.asarray(a, dtype=np.intp if j == 0 else np.float64) for j, a in enumerate(arrays)
            ]

        def empty(n: int) -> Any:
            return (np.zeros(0, dtype=np.intp), *(np.zeros(0) for _ in range(n - 1)))

        width = max((len(v) for _, v, _ in dis), default=0)
        values = np.zeros((len(dis), width))
        cum = np.ones((len(dis), width))
        for row, (_, v, c) in enumerate(dis):
            values[row, : len(v)] = v
            values[row, len(v) :] = v[-1]
            cum[row, : len(c)] = c
        cum[:, -1:] = 1.0
        return cls(
            k=len(inputs),
            uniform=tuple(cols(uni)) if uni else empty(3),
            triangular=tuple(cols(tri)) if tri else empty(4),
            pert=tuple(cols(pert)) if pert else empty(5),
            normal=tuple(cols(nor)) if nor else empty(5),
            discrete=(np.asarray([d[0] for d in dis], dtype=np.intp), values, cum),
        )

    @cached_property
    def order(self) -> NDArray[np.intp]:
        """Input index of each column of :meth:`standard` (families in turn: uniform,
        triangular, PERT, normal, discrete)."""
        return np.concatenate(
            [
                self.uniform[0],
                self.triangular[0],
                self.pert[0],
                self.normal[0],
                self.discrete[0],
            ]
        ).astype(np.intp)

    @cached_property
    def loc_scale(self) -> tuple[FloatArray, FloatArray]:
        """``(loc, scale)`` of each column: an input's value is ``loc + scale * s``."""
        n_dis = self.discrete[0].size
        loc = np.concatenate(
            [self.uniform[1], self.triangular[1], self.pert[1], self.normal[1], np.zeros(n_dis)]
        )
        scale = np.concatenate(
            [self.uniform[2], self.triangular[2], self.pert[2], self.normal[2], np.ones(n_dis)]
        )
        return loc, scale

    def draw(self, rng: np.random.Generator, size: int) -> FloatArray:
        s = self.standard(rng.bit_generator.random_raw((self.k, size)))
        loc, scale = self.loc_scale
        s *= scale[:, None]
        s += loc[:, None]
        out = np.empty((size, self.k), dtype=np.float64)
        out[:, self.order] = s.T
        return out

    def standard(self, raw: NDArray[np.uint64], out: FloatArray | None = None) -> FloatArray:
        """Standardised draws ``s`` (k, S) from random 64-bit words ``raw`` (k, S), one
        word per input and draw, rows in the order of :attr:`order`; the inputs'
        values are ``loc + scale * s`` (:attr:`loc_scale`).  ``out``: a (k, S)
        float64 array to write into.

        Each family is transformed in one vectorised step, along rows of S
        numbers.  A word gives one uniform in single precision (its low half's top
        24 bits; 2**-24 steps are ample for an input's uncertainty), or two
        (its halves) for a triangular input, drawn as
        :math:`(1 - c)\\min(U_1, U_2) + c\\max(U_1, U_2)` with mode ``c`` on [0, 1]
        (Stein & Keblis 2009) -- no square root, no branch.
        """
        size = raw.shape[1]
        s = np.empty((self.k, size), dtype=np.float64) if out is None else out
        halves = raw.view(np.uint32).reshape(self.k, size, 2)
        at = 0
        n_u, n_t, n_p, n_n, n_d = (
            self.uniform[0].size,
            self.triangular[0].size,
            self.pert[0].size,
            self.normal[0].size,
            self.discrete[0].size,
        )

        def uniforms(rows: slice) -> NDArray[np.float32]:
            q = (halves[rows, :, 0] >> np.uint32(8)).astype(np.float32)
            q *= np.float32(2.0**-24)
            return q

        if n_u:
            s[:n_u] = uniforms(slice(0, n_u))
            at += n_u
        if n_t:
            c = self.triangular[3][:, None]
            u = halves[at : at + n_t].astype(np.float32)  # in [0, 2**32]
            low = np.minimum(u[..., 0], u[..., 1])
            high = np.maximum(u[..., 0], u[..., 1])
            low *= ((1.0 - c) * 2.0**-32).astype(np.float32)
            high *= (c * 2.0**-32).astype(np.float32)
            np.add(low, high, out=s[at : at + n_t])
            at += n_t
        if n_p:
            # Inverse CDF by linear interpolation in each input's quantile table.
            s[at : at + n_p] = interpolate_tables(uniforms(slice(at, at + n_p)), self._pert_table)
            at += n_p
        if n_n:
            from scipy import special  # a light import, unlike scipy.stats

            _, _, _, a, b = self.normal
            a, b = a[:, None], b[:, None]
            pa, pb = special.ndtr(a), special.ndtr(b)
            qn = uniforms(slice(at, at + n_n)).astype(np.float64)
            z = special.ndtri(np.clip(pa + qn * (pb - pa), 1e-300, 1 - 1e-16))
            s[at : at + n_n] = np.clip(z, a, b)
            at += n_n
        if n_d:
            _, values, cum = self.discrete
            qd = uniforms(slice(at, at + n_d)).astype(np.float64)
            idx = (qd[:, :, None] >= cum[:, None, :]).sum(axis=2)
            idx = np.minimum(idx, values.shape[1] - 1)
            s[at : at + n_d] = np.take_along_axis(values, idx, axis=1)
        return s

    @cached_property
    def _pert_table(self) -> NDArray[np.float32]:
        """Beta quantiles (float32) of each PERT input at :data:`PERT_TABLE_CELLS` + 1
        even probabilities."""
        _, _, _, a, b = self.pert
        return np.stack([_beta_quantiles(float(x), float(y)) for x, y in zip(a, b, strict=True)])


@lru_cache(maxsize=1024)
def _beta_quantiles(a: float, b: float) -> NDArray[np.float32]:
    """Quantiles of Beta(a, b) at PERT_TABLE_CELLS + 1 even probabilities (cached: the
    same case analysed under several profiles or methods builds each table once)."""
    from scipy import special  # a light import, unlike scipy.stats

    q = np.linspace(0.0, 1.0, PERT_TABLE_CELLS + 1)
    table = special.betaincinv(a, b, q)
    table[0], table[-1] = 0.0, 1.0
    out = np.asarray(table, dtype=np.float32)
    out.setflags(write=False)
    return out


@dataclass(frozen=True, eq=False)
class ValueMap:
    """Every column of a score block through its criterion's value function, at once.

    Linear, exponential (Kirkwood 1997, sec. 4.2) and piecewise-linear value
    functions are each applied to all their columns in one vectorised step
    (no Python work per criterion).  Gives what
    :meth:`Criterion.value <policyopts.Criterion.value>` gives column by
    column, up to rounding.

    Examples
    --------
    >>> import policyopts as po
    >>> arrays = po.uncertain_inputs(po.load_case("mali"), scenario="assessed").base
    >>> vm = ValueMap.from_criteria(arrays.criteria)
    >>> bool(np.allclose(vm(arrays.matrix), arrays.values()))
    True
    """

    lo: FloatArray
    span: FloatArray
    cost: NDArray[np.bool_]
    exp_cols: NDArray[np.intp]
    exp_rho: FloatArray
    pw_cols: NDArray[np.intp]
    pw_xs: FloatArray  # (p, K) knots, padded with +inf
    pw_vs: FloatArray  # (p, K) values, padded with the last value
    pw_last: NDArray[np.intp]  # index of each criterion's last knot

    @classmethod
    def from_criteria(cls, criteria: Sequence[Criterion]) -> ValueMap:
        lo = np.array([c.scale.min for c in criteria], dtype=np.float64)
        hi = np.array([c.scale.max for c in criteria], dtype=np.float64)
        cost = np.array([c.sign < 0 for c in criteria], dtype=bool)
        exp = [
            (j, c.value_function.rho)
            for j, c in enumerate(criteria)
            if isinstance(c.value_function, ExponentialValue)
        ]
        pw = [
            (j, c.value_function.points)
            for j, c in enumerate(criteria)
            if isinstance(c.value_function, PiecewiseLinearValue)
        ]
        width = max((len(points) for _, points in pw), default=2)
        xs = np.full((len(pw), width), np.inf)
        vs = np.zeros((len(pw), width))
        for row, (_, points) in enumerate(pw):
            xs[row, : len(points)] = [p[0] for p in points]
            vs[row, :] = points[-1][1]
            vs[row, : len(points)] = [p[1] for p in points]
        return cls(
            lo,
            hi - lo,
            cost,
            np.array([j for j, _ in exp], dtype=np.intp),
            np.array([r for _, r in exp], dtype=np.float64),
            np.array([j for j, _ in pw], dtype=np.intp),
            xs,
            vs,
            np.array([len(points) - 1 for _, points in pw], dtype=np.intp),
        )

    @cached_property
    def _affine(self) -> tuple[FloatArray, FloatArray]:
        """``(slope, offset)``: the linear value ``(x - lo) / span`` (``1 -`` that for a
        cost criterion) as ``slope * x + offset``."""
        slope = np.where(self.cost, -1.0, 1.0) / self.span
        return slope, np.where(self.cost, 1.0, 0.0) - slope * self.lo

    def __call__(self, x: FloatArray, *, rows: bool = False) -> FloatArray:
        """Values in [0, 1], 1 best, of scores ``x`` (..., n); with ``rows=True`` of
        scores (n, ...), one criterion per row (then every step runs along rows)."""
        lead = (-1,) + (1,) * (x.ndim - 1)

        def param(a: NDArray[Any]) -> NDArray[Any]:
            return a.reshape(lead) if rows else a

        def pick(a: NDArray[Any], idx: NDArray[np.intp]) -> NDArray[Any]:
            return a[idx] if rows else np.take(a, idx, axis=-1)

        slope, offset = self._affine
        z: FloatArray = x * param(slope)
        z += param(offset)
        np.clip(z, 0.0, 1.0, out=z)
        if self.exp_cols.size:
            rho = param(self.exp_rho)
            v = pick(z, self.exp_cols)
            v *= -rho
            np.expm1(v, out=v)
            v /= np.expm1(-rho)
            if rows:
                z[self.exp_cols] = v
            else:
                z[..., self.exp_cols] = v
        if self.pw_cols.size:
            # np.interp for every piecewise-linear criterion at once: the segment is the
            # number of inner knots at or below x (one comparison per knot position;
            # padded knots are +inf), x clamped to the first and last knots.
            k = np.arange(self.pw_cols.size)
            xv = np.clip(
                pick(x, self.pw_cols),
                param(self.pw_xs[:, 0]),
                param(self.pw_xs[k, self.pw_last]),
            )
            seg = np.zeros(xv.shape, dtype=np.intp)
            for knot in self.pw_xs.T[1:-1]:
                seg += xv >= param(knot)
            np.minimum(seg, param(self.pw_last - 1), out=seg)
            seg += param(k * self.pw_xs.shape[1])
            xs, vs = self.pw_xs.ravel(), self.pw_vs.ravel()
            x0 = np.take(xs, seg)
            v0 = np.take(vs, seg)
            seg += 1
            t = xv - x0
            t /= np.take(xs, seg) - x0
            v1 = np.take(vs, seg)
            v1 -= v0
            v1 *= t
            v1 += v0
            if rows:
                z[self.pw_cols] = v1
            else:
                z[..., self.pw_cols] = v1
        return z

    def take(self, cols: NDArray[np.intp]) -> ValueMap:
        """The value functions of criteria ``cols`` (repeats allowed), as a map of
        blocks ``(..., len(cols))`` whose column ``p`` is criterion ``cols[p]``."""
        cols = np.asarray(cols, dtype=np.intp)
        exp_of = {int(j): r for r, j in enumerate(self.exp_cols)}
        pw_of = {int(j): r for r, j in enumerate(self.pw_cols)}
        exp_pos = [p for p, j in enumerate(cols) if int(j) in exp_of]
        pw_pos = [p for p, j in enumerate(cols) if int(j) in pw_of]
        pw_rows = np.array([pw_of[int(cols[p])] for p in pw_pos], dtype=np.intp)
        return ValueMap(
            self.lo[cols],
            self.span[cols],
            self.cost[cols],
            np.array(exp_pos, dtype=np.intp),
            self.exp_rho[np.array([exp_of[int(cols[p])] for p in exp_pos], dtype=np.intp)],
            np.array(pw_pos, dtype=np.intp),
            self.pw_xs[pw_rows].reshape(len(pw_pos), self.pw_xs.shape[1]),
            self.pw_vs[pw_rows].reshape(len(pw_pos), self.pw_vs.shape[1]),
            self.pw_last[pw_rows],
        )


@dataclass(frozen=True, eq=False)
class ValueScores:
    r"""A case's uncertain inputs drawn for the weighted sum on value functions.

    For the weighted sum on the criteria's value functions (what
    :func:`~policyopts.compare` does by default), a draw needs neither the
    drawn score matrix nor a pass of every cell through its value function.
    Each input's value is written as a sum of a few functions of its
    standardised draw :math:`s` (:meth:`_DrawPlan.standard`), and a block of
    draws ``y`` holds those functions, one row each:

    - linear value function: the value :math:`A + B s` is affine, the row is
      :math:`s` itself (:math:`A`, :math:`B` go into the score coefficients);
    - exponential (Kirkwood 1997): with :math:`z = \alpha + \beta s` the
      linear value, the value is :math:`\mathrm{expm1}(-\rho z) /
      \mathrm{expm1}(-\rho)`: the row is :math:`\mathrm{expm1}(-\rho\alpha
      - \rho\beta s)`;
    - piecewise linear: :math:`v(x) = v_0 + m_0 (x - x_0) + \sum_k \Delta m_k
      \max(x - x_k, 0)` over the inner knots (the knots span the scale, so no
      clamping): the row :math:`s` for the linear part and one hinge row
      :math:`\max(s - s_k, 0)` per knot inside the input's range;
    - discrete inputs are mapped through :class:`ValueMap`;
    - drawn likelihoods give the risk burden of each option (its value, one
      row per option, last).

    The scores of a draw are then :math:`s_i = \sum_j V_{ij} w_j + \sum_r
    C_{ir} y_r w_{j_r}`, with :math:`V` the nominal value matrix whose drawn
    cells hold their constant terms (the risk-burden column 0 when it is
    drawn), :math:`C_{ir}` the coefficient of row r in option i's value of
    criterion :math:`j_r` -- two matrix products per block of draws: the
    weighted sum of Lahdelma & Salminen (2001), split by cell.

    The same distributions as :meth:`UncertainInputs.draw` (the same words
    give the same standardised draws): the scores equal that draw followed by
    :meth:`UncertainInputs.matrices`, :class:`ValueMap` and the weighted sum,
    up to rounding.

    Examples
    --------
    >>> import policyopts as po
    >>> inputs = po.uncertain_inputs(po.load_case("mali"))
    >>> vs = inputs.value_scores()
    >>> y = vs.draw(np.random.default_rng(1), 4)
    >>> y.shape  # 61 inputs, 7 hinges, then the risk burden of the 6 options
    (74, 4)
    >>> vs.scores_t(y, np.full((4, 11), 1 / 11)).shape
    (6, 4)
    """

    plan: _DrawPlan
    exp_rows: NDArray[np.intp]  # rows of inputs on exponential value functions
    exp_affine: tuple[FloatArray, FloatArray]  # their row becomes expm1(a + b s)
    hinge_src: NDArray[np.intp]  # rows of inputs on piecewise-linear value functions
    hinge_knot: FloatArray  # ... one hinge row max(s - knot, 0) per knot inside the range
    mapped: NDArray[np.intp]  # discrete rows, mapped through their value functions
    mapped_loc: FloatArray  # their raw value: loc + scale * s
    mapped_scale: FloatArray
    mapped_map: ValueMap
    spread: FloatArray  # (n, width): one-hot, the criterion of each row
    coef: FloatArray  # (m, width): C above
    base: FloatArray  # (m, n): V above
    nominal: FloatArray  # (m, n) nominal values
    lik_rows: NDArray[np.intp]  # rows holding drawn likelihoods (standardised)
    burden_coef: FloatArray  # (r, m): risk burden = burden_coef.T @ s + burden_rest
    burden_rest: FloatArray  # (m,)
    burden_map: ValueMap | None  # the risk burden's value function over m rows

    @classmethod
    def build(cls, inputs: UncertainInputs) -> ValueScores:
        plan = inputs._plan
        order = plan.order
        vm = ValueMap.from_criteria(inputs.base.criteria)
        m, n = inputs.base.matrix.shape
        nominal = vm(inputs.base.matrix)
        k = len(inputs)
        # Rows in the plan's order; the cell each score input sits in.
        score = np.array([inputs.inputs[i].kind == "score" for i in order], dtype=bool)
        rows = np.zeros(k, dtype=np.intp)
        crits = np.zeros(k, dtype=np.intp)
        where = {int(c): p for p, c in enumerate(order)}
        for c, r, j in zip(*inputs._score_cells, strict=True):
            rows[where[int(c)]] = r
            crits[where[int(c)]] = j
        loc, scale = plan.loc_scale
        slope, offset = vm._affine
        discrete = np.zeros(k, dtype=bool)
        discrete[k - plan.discrete[0].size :] = True
        kind = np.zeros(n, dtype=np.int8)  # 0 linear, 1 exponential, 2 piecewise linear
        kind[vm.exp_cols] = 1
        kind[vm.pw_cols] = 2
        exp_rho = dict(zip(vm.exp_cols.tolist(), vm.exp_rho.tolist(), strict=True))
        pw_row = {int(j): r for r, j in enumerate(vm.pw_cols)}
        base = nominal.copy()
        base[rows[score], crits[score]] = 0.0
        a_row = np.zeros(k)  # value of a folded row: a_row + b_row * s
        b_row = np.zeros(k)
        exp_rows: list[int] = []
        exp_a: list[float] = []
        exp_b: list[float] = []
        exp_coef: list[float] = []
        hinges: list[tuple[int, float, float]] = []  # (row, knot in s, coefficient)
        for p in np.flatnonzero(score & ~discrete):
            j = int(crits[p])
            lo_x = loc[p]  # the input's range: [lo_x, lo_x + scale]
            alpha = offset[j] + slope[j] * loc[p]  # linear value alpha + beta s
            beta = slope[j] * scale[p]
            if kind[j] == 0:
                a_row[p], b_row[p] = alpha, beta
            elif kind[j] == 1:  # (exp(-rho z) - 1) / expm1(-rho), z = alpha + beta s
                rho = exp_rho[j]
                exp_rows.append(int(p))
                exp_a.append(-rho * alpha)
                exp_b.append(-rho * beta)
                exp_coef.append(1.0 / float(np.expm1(-rho)))
            else:
                r = pw_row[j]
                xs = vm.pw_xs[r, : vm.pw_last[r] + 1]
                vs = vm.pw_vs[r, : vm.pw_last[r] + 1]
                # v(x) = v0 + m0 (x - x0) + sum over inner knots of dm max(x - x_k, 0):
                # no clamping needed, the knots span the scale (a rule of the case).
                slopes = np.diff(vs) / np.diff(xs)
                a_row[p] = vs[0] + slopes[0] * (lo_x - xs[0])
                b_row[p] = slopes[0] * scale[p]
                for x_k, dm in zip(xs[1:-1], np.diff(slopes), strict=True):
                    knot = (x_k - lo_x) / scale[p]
                    if knot <= 0.0:  # always past this knot: linear
                        a_row[p] -= dm * scale[p] * knot
                        b_row[p] += dm * scale[p]
                    elif knot < 1.0:
                        hinges.append((int(p), float(knot), float(dm * scale[p])))
        mapped_rows = np.flatnonzero(score & discrete).astype(np.intp)
        folded = np.flatnonzero(b_row != 0.0)
        base[rows[folded], crits[folded]] = a_row[folded]
        lik_rows = np.flatnonzero(~score).astype(np.intp)
        risk_of = {int(c): int(r) for c, r in zip(*inputs._lik_cols, strict=True)}
        drawn = np.array([risk_of[int(order[p])] for p in lik_rows], dtype=np.intp)
        burden = inputs._impact[:, None] * inputs._exposure  # (R, m)
        burden_map = None
        rest = np.zeros(m)
        width = k + len(hinges)
        if lik_rows.size and inputs._exposure.size:
            others = np.ones(burden.shape[0], dtype=bool)
            others[drawn] = False
            rest = inputs._lik_points[others] @ burden[others] + loc[lik_rows] @ burden[drawn]
            base[:, -1] = 0.0
            burden_map = vm.take(np.full(m, n - 1, dtype=np.intp))
        coef = np.zeros((m, width + (m if burden_map is not None else 0)))
        spread = np.zeros((n, coef.shape[1]))
        coef[rows[folded], folded] = b_row[folded]
        coef[rows[exp_rows], exp_rows] = exp_coef
        coef[rows[mapped_rows], mapped_rows] = 1.0
        score_rows = np.flatnonzero(score)
        spread[crits[score_rows], score_rows] = 1.0
        for h, (src, _, dm) in enumerate(hinges):
            coef[rows[src], k + h] = dm
            spread[crits[src], k + h] = 1.0
        if burden_map is not None:
            coef[np.arange(m), width + np.arange(m)] = 1.0
            spread[n - 1, width:] = 1.0
        return cls(
            plan=plan,
            exp_rows=np.array(exp_rows, dtype=np.intp),
            exp_affine=(np.array(exp_a), np.array(exp_b)),
            hinge_src=np.array([h[0] for h in hinges], dtype=np.intp),
            hinge_knot=np.array([h[1] for h in hinges]),
            mapped=mapped_rows,
            mapped_loc=loc[mapped_rows],
            mapped_scale=scale[mapped_rows],
            mapped_map=vm.take(crits[mapped_rows]),
            spread=spread,
            coef=coef,
            base=base,
            nominal=nominal,
            lik_rows=lik_rows,
            burden_coef=np.ascontiguousarray(burden[drawn] * scale[lik_rows, None]),
            burden_rest=rest,
            burden_map=burden_map,
        )

    @property
    def width(self) -> int:
        """Rows of a block of draws: the inputs, then each option's risk burden if drawn."""
        return int(self.coef.shape[1])

    @property
    def bytes_per_draw(self) -> int:
        """Memory per draw of :meth:`draw_scores` beyond its blocks: the scores."""
        return 8 * int(self.base.shape[0])

    def draw(self, rng: np.random.Generator, size: int) -> FloatArray:
        """``size`` draws (width, size): one row per input, one per hinge of a
        piecewise-linear value function, then (with drawn likelihoods) the value of
        each option's risk burden; see the class notes."""
        k, h = self.plan.k, self.hinge_src.size
        y = np.empty((self.width, size), dtype=np.float64)
        self.plan.standard(rng.bit_generator.random_raw((k, size)), out=y[:k])
        if h:
            hinge = y[self.hinge_src]
            hinge -= self.hinge_knot[:, None]
            np.maximum(hinge, 0.0, out=y[k : k + h])
        if self.exp_rows.size:
            a, b = self.exp_affine
            e = y[self.exp_rows]
            e *= b[:, None]
            e += a[:, None]
            y[self.exp_rows] = np.expm1(e, out=e)
        if self.mapped.size:
            raw = y[self.mapped]
            raw *= self.mapped_scale[:, None]
            raw += self.mapped_loc[:, None]
            y[self.mapped] = self.mapped_map(raw, rows=True)
        if self.burden_map is not None:
            burden = self.burden_coef.T @ y[self.lik_rows]  # (m, size)
            burden += self.burden_rest[:, None]
            y[k + h :] = self.burden_map(burden, rows=True)
        return y

    def scores_t(self, y: FloatArray, w: FloatArray) -> FloatArray:
        """Weighted-sum scores (m, S) of draws ``y`` (width, S) under weights ``w``
        (S, n), or under one weight vector ``w`` (n,) for every draw."""
        if w.ndim == 1:
            scores = (self.coef * (w @ self.spread)) @ y
            scores += (self.base @ w)[:, None]
            return scores
        h = self.spread.T @ w.T  # (width, S): each draw's weight of each row
        h *= y
        scores = self.base @ w.T
        scores += self.coef @ h
        return scores

    def scores_many(self, y: FloatArray, weights: FloatArray) -> FloatArray:
        """Scores (d, m, S) of draws ``y`` (width, S) under each of ``d`` weight vectors
        ``weights`` (d, n): one matrix product for all of them."""
        d, m = weights.shape[0], self.base.shape[0]
        coef = self.coef[None, :, :] * (weights @ self.spread)[:, None, :]
        scores = (coef.reshape(d * m, -1) @ y).reshape(d, m, -1)
        scores += (weights @ self.base.T)[:, :, None]
        return scores

    def draw_scores(self, rng: np.random.Generator, w: FloatArray) -> FloatArray:
        """Scores (m, S) of S fresh draws, draw t under weights ``w[t]`` (S, n).

        Drawn and scored in blocks of :data:`VALUE_BLOCK` draws, so that a
        block's temporaries stay in the cache whatever S (a loop over blocks,
        never over draws).
        """
        size = w.shape[0]
        out = np.empty((self.base.shape[0], size), dtype=np.float64)
        for start in range(0, size, VALUE_BLOCK):
            stop = min(start + VALUE_BLOCK, size)
            out[:, start:stop] = self.scores_t(self.draw(rng, stop - start), w[start:stop])
        return out

    def draw_scores_many(
        self, rng: np.random.Generator, weights: FloatArray, size: int
    ) -> FloatArray:
        """Scores (d, m, size) of ``size`` fresh draws under each weight vector of
        ``weights`` (d, n), in blocks of :data:`VALUE_BLOCK` draws."""
        out = np.empty((weights.shape[0], self.base.shape[0], size), dtype=np.float64)
        for start in range(0, size, VALUE_BLOCK):
            stop = min(start + VALUE_BLOCK, size)
            out[:, :, start:stop] = self.scores_many(self.draw(rng, stop - start), weights)
        return out


def interpolate_tables(q: NDArray[np.float32], table: NDArray[Any]) -> NDArray[Any]:
    """Row p of ``q`` (p, S) through the piecewise-linear function tabulated in row p of
    ``table`` (p, cells + 1) at the even points ``0, 1/cells, ..., 1``.

    >>> t = np.array([[0.0, 1.0, 4.0]], dtype=np.float32)  # x^2 at 0, 1/2, 1 (scaled)
    >>> interpolate_tables(np.array([[0.25, 0.75]], dtype=np.float32), t).tolist()
    [[0.5, 2.5]]
    """
    cells = table.shape[1] - 1
    pos = q * np.float32(cells)
    cell = np.minimum(pos.astype(np.intp), cells - 1)
    frac = np.subtract(pos, cell, dtype=np.float32)  # exact: pos - floor(pos)
    cell += (np.arange(q.shape[0], dtype=np.intp) * (cells + 1))[:, None]
    flat = table.ravel()
    left = flat[cell]
    x: NDArray[Any] = flat[cell + 1] - left
    x *= frac
    x += left
    return x
