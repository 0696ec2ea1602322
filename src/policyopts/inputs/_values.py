"""Value-scale scores of drawn inputs: value maps and the weighted sum as matrix products."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from policyopts.inputs._draw import _DrawPlan
from policyopts.model import Criterion
from policyopts.model.criteria import ExponentialValue, PiecewiseLinearValue

if TYPE_CHECKING:
    from policyopts.inputs._model import UncertainInputs

FloatArray = NDArray[np.float64]


#: Draws per block of :meth:`ValueScores.draw_scores`: a block's temporaries (one
#: random word, one float per input and draw, a few float32 rows) stay in a 2 MiB cache.
VALUE_BLOCK = 1 << 10


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
    - drawn likelihoods give the risk burden of each option.  When the
      burden's value function is linear and no drawn burden leaves its scale
      (no clipping), its value is affine in the likelihoods: their rows enter
      the scores directly, with one coefficient per exposed option.  Otherwise
      the value of each option's burden is a row of its own (last).

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
    >>> y.shape  # 61 inputs (one a likelihood) and 7 hinges
    (68, 4)
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
        burden_coef = np.ascontiguousarray(burden[drawn] * scale[lik_rows, None])  # (r, m)
        folded_burden = False
        if lik_rows.size and inputs._exposure.size:
            others = np.ones(burden.shape[0], dtype=bool)
            others[drawn] = False
            rest = inputs._lik_points[others] @ burden[others] + loc[lik_rows] @ burden[drawn]
            # A linear value function that no drawn burden takes past its scale
            # (no clipping): the burden's value is affine in the likelihood rows.
            s_lo, s_hi = (b[lik_rows, None] for b in plan.s_bounds)
            ends = (burden_coef * s_lo, burden_coef * s_hi)
            least = rest + np.minimum(*ends).sum(axis=0)
            most = rest + np.maximum(*ends).sum(axis=0)
            j = n - 1
            folded_burden = (
                kind[j] == 0
                and bool(np.all(least >= vm.lo[j]))
                and bool(np.all(most <= vm.lo[j] + vm.span[j]))
            )
            if folded_burden:
                base[:, j] = offset[j] + slope[j] * rest
            else:
                base[:, j] = 0.0
                burden_map = vm.take(np.full(m, j, dtype=np.intp))
        coef = np.zeros((m, width + (m if burden_map is not None else 0)))
        spread = np.zeros((n, coef.shape[1]))
        if folded_burden:
            coef[:, lik_rows] = (slope[n - 1] * burden_coef).T
            spread[n - 1, lik_rows] = 1.0
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
            burden_coef=burden_coef,
            burden_rest=rest,
            burden_map=burden_map,
        )

    @property
    def width(self) -> int:
        """Rows of a block of draws: the inputs, the hinges, then each option's risk
        burden when it is drawn and not folded into the coefficients."""
        return int(self.coef.shape[1])

    @property
    def bytes_per_draw(self) -> int:
        """Memory per draw of :meth:`draw_scores` beyond its blocks: the scores."""
        return 8 * int(self.base.shape[0])

    @cached_property
    def _criterion(self) -> NDArray[np.intp]:
        """The criterion whose weight multiplies each row."""
        return np.asarray(self.spread.argmax(axis=0), dtype=np.intp)

    def draw(self, rng: np.random.Generator, size: int, *, compiled: bool = False) -> FloatArray:
        """``size`` draws (width, size): one row per input, one per hinge of a
        piecewise-linear value function, then (with drawn likelihoods) the value of
        each option's risk burden; see the class notes.  ``compiled``: draw the
        inputs with the compiled kernels (:mod:`policyopts.inputs._compiled`; the
        same numbers)."""
        k, h = self.plan.k, self.hinge_src.size
        y = np.empty((self.width, size), dtype=np.float64)
        words = rng.bit_generator.random_raw((k, size))
        self.plan.standard(words, out=y[:k], compiled=compiled)
        if h and compiled:
            from policyopts.inputs import _compiled

            _compiled.kernel("hinges")(y, k, self.hinge_src, self.hinge_knot)
        elif h:
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

    def scores_t(self, y: FloatArray, w: FloatArray, *, compiled: bool = False) -> FloatArray:
        """Weighted-sum scores (m, S) of draws ``y`` (width, S) under weights ``w``
        (S, n), or under one weight vector ``w`` (n,) for every draw.  ``compiled``:
        add the rows' terms in one compiled pass per nonzero coefficient instead of
        two matrix products; the same sums up to rounding."""
        if compiled and w.ndim == 2:
            from policyopts.inputs import _compiled

            out = self.base @ w.T
            w_t = np.ascontiguousarray(w.T)
            _compiled.kernel("scores")(y, self.coef, self._criterion, w_t, out)
            return out
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

    def draw_scores(
        self, rng: np.random.Generator, w: FloatArray, *, compiled: bool = False
    ) -> FloatArray:
        """Scores (m, S) of S fresh draws, draw t under weights ``w[t]`` (S, n).

        Drawn and scored in blocks of :data:`VALUE_BLOCK` draws, so that a
        block's temporaries stay in the cache whatever S (a loop over blocks,
        never over draws).  ``compiled``: see :meth:`draw` and :meth:`scores_t`.
        """
        size = w.shape[0]
        out = np.empty((self.base.shape[0], size), dtype=np.float64)
        for start in range(0, size, VALUE_BLOCK):
            stop = min(start + VALUE_BLOCK, size)
            y = self.draw(rng, stop - start, compiled=compiled)
            out[:, start:stop] = self.scores_t(y, w[start:stop], compiled=compiled)
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

    def first_place_counts(
        self,
        rng: np.random.Generator,
        weights: FloatArray,
        own: NDArray[np.intp],
        size: int,
        *,
        rtol: float,
    ) -> NDArray[np.int64]:
        """Counts (d, m), by tie size, of ``size`` fresh draws in which option
        ``own[p]`` comes first under weight vector ``weights[p]`` (d, n), with the
        compiled kernels (:func:`policyopts.inputs._compiled.first_places`): the
        draws of :meth:`draw_scores_many`, no (d, m, size) array of scores."""
        from policyopts.inputs import _compiled

        count = _compiled.kernel("first_places")
        counts = np.zeros((weights.shape[0], self.base.shape[0]), dtype=np.int64)
        base = weights @ self.base.T
        own = np.asarray(own, dtype=np.intp)
        for start in range(0, size, VALUE_BLOCK):
            y = self.draw(rng, min(VALUE_BLOCK, size - start), compiled=True)
            count(y, self.coef, self._criterion, weights, base, own, rtol, counts)
        return counts
