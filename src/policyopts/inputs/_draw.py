"""Block draws of uncertain inputs: each distribution family in one numpy pass."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from policyopts.model.uncertainty import Discrete, Normal, Pert, Range, Triangular, Uniform

if TYPE_CHECKING:
    from policyopts.inputs._model import UncertainInput

FloatArray = NDArray[np.float64]


#: Cells of the quantile table by which :meth:`UncertainInputs.draw` samples PERT inputs.
PERT_TABLE_CELLS = 1 << 12


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

    @cached_property
    def s_bounds(self) -> tuple[FloatArray, FloatArray]:
        """Least and greatest standardised draw ``s`` of each column (order of
        :attr:`order`): [0, 1] for uniform, triangular and PERT inputs, the
        truncation points for normal ones, the least and greatest value for
        discrete ones."""
        n_udt = self.uniform[0].size + self.triangular[0].size + self.pert[0].size
        _, _, _, a, b = self.normal
        values = self.discrete[1]
        lo = np.concatenate([np.zeros(n_udt), a, values.min(axis=1, initial=np.inf)])
        hi = np.concatenate([np.ones(n_udt), b, values.max(axis=1, initial=-np.inf)])
        return lo, hi

    def draw(self, rng: np.random.Generator, size: int) -> FloatArray:
        s = self.standard(rng.bit_generator.random_raw((self.k, size)))
        loc, scale = self.loc_scale
        s *= scale[:, None]
        s += loc[:, None]
        out = np.empty((size, self.k), dtype=np.float64)
        out[:, self.order] = s.T
        return out

    def standard(
        self, raw: NDArray[np.uint64], out: FloatArray | None = None, *, compiled: bool = False
    ) -> FloatArray:
        """Standardised draws ``s`` (k, S) from random 64-bit words ``raw`` (k, S), one
        word per input and draw, rows in the order of :attr:`order`; the inputs'
        values are ``loc + scale * s`` (:attr:`loc_scale`).  ``out``: a (k, S)
        float64 array to write into.

        Each family is transformed in one vectorised step, along rows of S
        numbers.  A word gives one uniform in single precision (its low half's top
        24 bits; 2**-24 steps are ample for an input's uncertainty), or two
        (its halves) for a triangular input, drawn as
        :math:`(1 - c)\\min(U_1, U_2) + c\\max(U_1, U_2)` with mode ``c`` on [0, 1]
        (Stein & Keblis 2009) -- no square root, no branch.  With ``compiled``
        (numba installed, see :mod:`policyopts.inputs._compiled`) the uniform,
        triangular and PERT rows are computed in one compiled pass each, bit for
        bit the same.
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

        if compiled:
            from policyopts.inputs import _compiled

            table = self._pert_table if n_p else np.zeros((1, 2), dtype=np.float32)
            _compiled.kernel("standard")(raw, n_u, n_t, n_p, *self._tri_coefs, table, s)
            at = n_u + n_t + n_p
        if n_u and not compiled:
            s[:n_u] = uniforms(slice(0, n_u))
            at += n_u
        if n_t and not compiled:
            u = halves[at : at + n_t].astype(np.float32)  # in [0, 2**32]
            low = np.minimum(u[..., 0], u[..., 1])
            high = np.maximum(u[..., 0], u[..., 1])
            low *= self._tri_coefs[0][:, None]
            high *= self._tri_coefs[1][:, None]
            np.add(low, high, out=s[at : at + n_t])
            at += n_t
        if n_p and not compiled:
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
    def _tri_coefs(self) -> tuple[NDArray[np.float32], NDArray[np.float32]]:
        """Factors (float32) of ``min(U1, U2)`` and ``max(U1, U2)`` of each triangular
        input, the uniforms as 32-bit integers: ``(1 - c) 2**-32`` and ``c 2**-32``."""
        c = self.triangular[3]
        return ((1.0 - c) * 2.0**-32).astype(np.float32), (c * 2.0**-32).astype(np.float32)

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
