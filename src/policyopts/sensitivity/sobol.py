r"""Variance-based (Sobol') sensitivity indices of a case's result.

For an output :math:`Y = f(X_1, \dots, X_d)` of independent inputs, the
first-order index of :math:`X_i` is the share of the variance of :math:`Y`
that :math:`X_i` explains on its own, and the total-order index the share it
touches at all, interactions included (Sobol' 1993, 2001):

.. math::

    S_i = \frac{V[E(Y \mid X_i)]}{V[Y]}, \qquad
    S_{T_i} = 1 - \frac{V[E(Y \mid X_{\sim i})]}{V[Y]} = \frac{E[V(Y \mid X_{\sim i})]}{V[Y]}.

For a group of inputs :math:`G` (e.g. all the weights) the same formulas hold
with :math:`X_G` in place of :math:`X_i`.  The outputs here are the margin of
the option ranked first at nominal inputs over the runner-up (oriented so a
positive margin means the nominal ranking holds) and each option's score.
Indices are estimated with the Saltelli (2010) estimators of
:func:`scipy.stats.sobol_indices` on a scrambled Sobol' design: matrices
:math:`A`, :math:`B` (n points each) and, per input or group, :math:`A_B^{(G)}`
(:math:`A` with the columns of :math:`G` taken from :math:`B`), i.e.
:math:`(2 + g) n` model evaluations, scored in whole blocks by the batched
methods.

The inputs are the uncertain assessments and risk likelihoods of the case
(their SciPy distributions) and, optionally, the weights.  So that the inputs
stay independent, each positive weight :math:`w_j` is given an independent
*factor* :math:`F_j \sim U[w_j (1 - \delta), w_j (1 + \delta)]` (``spread``
:math:`\delta`), and the weights used are :math:`F_j / \sum_k F_k`.  The
indices of "weight j" refer to that factor; the normalised weights are not
independent of each other, which is why the factors, not the weights, are the
inputs.

References
----------
Sobol', I. M. (1993). Sensitivity estimates for nonlinear mathematical models.
Mathematical Modelling and Computational Experiments, 1, 407-414.
Sobol', I. M. (2001). Global sensitivity indices for nonlinear mathematical
models and their Monte Carlo estimates. Mathematics and Computers in
Simulation, 55(1-3), 271-280.
Saltelli, A., Annoni, P., Azzini, I., Campolongo, F., Ratto, M., & Tarantola,
S. (2010). Variance based sensitivity analysis of model output. Design and
estimator for the total sensitivity index. Computer Physics Communications,
181(2), 259-270.
Saltelli, A., Ratto, M., Andres, T., Campolongo, F., Cariboni, J., Gatelli,
D., Saisana, M., & Tarantola, S. (2008). Global Sensitivity Analysis: The
Primer. Wiley.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from policyopts import _validate as V
from policyopts._random import SeedLike, seed_sequence
from policyopts._tables import (
    fmt,
)
from policyopts.model import Case
from policyopts.results import Provenance, Result
from policyopts.sensitivity.tornado import _case_model, _listing, _top_two

__all__ = ["SobolResult", "sobol"]

FloatArray = NDArray[np.float64]

#: Budget of matrix cells (rows x m x n) scored per batched call; whole blocks
#: of ``n`` design points are always scored together.
_CELL_BUDGET = 2**22


# ------------------------------------------------------------ generic engine


def _design(
    ppf: Callable[[FloatArray], FloatArray], d: int, n: int, rng: np.random.Generator
) -> tuple[FloatArray, FloatArray]:
    """Matrices A and B (n, d each) from one scrambled Sobol' sequence of 2d
    dimensions, mapped through the inputs' quantile functions.

    This is the design of :func:`scipy.stats.sobol_indices` (same generator
    calls, so the same ``rng`` state gives the same points).
    """
    from scipy.stats import qmc  # imported here: scipy.stats is slow to import

    u = qmc.Sobol(d=2 * d, rng=rng, bits=64).random(n)  # (n, 2d)
    return ppf(u[:, :d]), ppf(u[:, d:])


def _stack(a: FloatArray, b: FloatArray, groups: Sequence[Sequence[int]]) -> FloatArray:
    """Rows of A, B and each A_B^(G) (A with the columns of G from B): ((2+g) n, d)."""
    blocks = [a, b]
    for cols in groups:
        ab = a.copy()
        idx = list(cols)
        ab[:, idx] = b[:, idx]
        blocks.append(ab)
    return np.concatenate(blocks, axis=0)


def _grouped_indices(
    func: Callable[[FloatArray], FloatArray],
    a: FloatArray,
    b: FloatArray,
    groups: Sequence[Sequence[int]],
    *,
    rows_per_call: int | None = None,
) -> tuple[FloatArray, FloatArray, dict[str, FloatArray]]:
    """First- and total-order indices (s, g) of the outputs of ``func`` per group.

    ``func`` maps points (N, d) to outputs (N, s) in one batched call;
    ``rows_per_call`` (a multiple of n) caps the rows per call.  The indices
    come from :func:`scipy.stats.sobol_indices` (Saltelli 2010 estimators)
    given the evaluations; the evaluations are returned for the bootstrap.
    """
    n = a.shape[0]
    g = len(groups)
    x = _stack(a, b, groups)
    step = x.shape[0] if rows_per_call is None else max(n, rows_per_call // n * n)
    parts = [np.asarray(func(x[i : i + step]), dtype=np.float64) for i in range(0, len(x), step)]
    y = np.concatenate(parts, axis=0)
    if y.ndim == 1:
        y = y[:, None]
    s = y.shape[1]
    y = y.T.reshape(s, 2 + g, n)  # (s, block, n)
    f_a, f_b = y[:, 0], y[:, 1]
    f_ab = np.moveaxis(y[:, 2:], 1, 0)  # (g, s, n)
    from scipy import stats

    res = stats.sobol_indices(func={"f_A": f_a, "f_B": f_b, "f_AB": f_ab}, n=n)
    first = np.reshape(res.first_order, (s, g))
    total = np.reshape(res.total_order, (s, g))
    return first, total, {"f_A": f_a, "f_B": f_b, "f_AB": f_ab}


def _saltelli(f_a: FloatArray, f_b: FloatArray, f_ab: FloatArray) -> FloatArray:
    """Saltelli (2010) first and total indices along the last axis; (2, g, s, ...)."""
    var = np.var(np.concatenate([f_a, f_b], axis=-1), axis=-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        first = np.mean(f_b * (f_ab - f_a), axis=-1) / var
        total = 0.5 * np.mean((f_a - f_ab) ** 2, axis=-1) / var
    out = np.stack(np.broadcast_arrays(first, total))
    out[~np.isfinite(out)] = 0.0  # no variance: nothing to attribute
    return out


def _bootstrap(
    evals: Mapping[str, FloatArray],
    *,
    confidence_level: float,
    n_resamples: int,
    rng: np.random.Generator,
) -> tuple[FloatArray, FloatArray]:
    """Percentile bootstrap intervals (low, high), each (2, s, g): first, total.

    Design points are resampled with replacement (Archer, Saltelli & Sobol'
    1997, J. Stat. Comput. Simul. 58(2), 99-120), with
    :func:`scipy.stats.bootstrap` and a seeded generator.
    """
    f_a, f_b, f_ab = evals["f_A"], evals["f_B"], evals["f_AB"]
    mean = np.mean([f_a, f_b], axis=(0, -1))[:, None]
    f_a, f_b, f_ab = f_a - mean, f_b - mean, f_ab - mean
    g, s, n = f_ab.shape

    def statistic(idx: NDArray[Any], axis: int = -1) -> FloatArray:
        i = np.asarray(idx, dtype=np.intp)
        est = _saltelli(f_a[:, i], f_b[:, i], f_ab[:, :, i])  # (2, g, s, ...)
        return est.reshape(2 * g * s, *est.shape[3:])

    batch = max(1, int(2**24 // max(1, (g + 2) * s * n)))
    from scipy import stats

    res = stats.bootstrap(
        (np.arange(n),),
        statistic,
        n_resamples=n_resamples,
        batch=batch,
        vectorized=True,
        confidence_level=confidence_level,
        method="percentile",
        rng=rng,
    )
    low = np.asarray(res.confidence_interval.low, dtype=np.float64).reshape(2, g, s)
    high = np.asarray(res.confidence_interval.high, dtype=np.float64).reshape(2, g, s)
    return np.swapaxes(low, 1, 2), np.swapaxes(high, 1, 2)


# --------------------------------------------------------------------- result


@dataclass(frozen=True, eq=False)
class SobolResult(Result):
    """Sobol' indices of a case's margin and option scores.

    Attributes
    ----------
    margin : pandas.DataFrame
        Indexed by input id (``score:<option>:<criterion>``, ``likelihood:<risk>``,
        ``weight:<criterion>``, or ``weights`` for the grouped weights), sorted
        by total-order index: ``label``, ``kind``, ``first``, ``total`` for the
        margin of the nominal top option over the runner-up, and, when
        bootstrapped, ``first_low``, ``first_high``, ``total_low``,
        ``total_high``.
    first_order, total_order : pandas.DataFrame
        Input (rows, same order as ``margin``) by option: indices of each
        option's score.
    inputs : pandas.DataFrame
        What was varied: one row per input (before grouping) with ``kind``,
        ``label``, ``distribution``, ``low``, ``high``, ``group``.
    variance : pandas.Series
        Variance of each output (``"margin"`` and every option) over the design.
    share_reversed : float
        Share of the design points (A and B) where the runner-up beats the
        nominal top option (margin < 0).
    top_two : tuple of str
        Nominal top option and runner-up.
    n, seed, spread, include_weights, group_weights, confidence_level
        The settings; ``n_evaluations`` = (2 + groups) x n.
    method, normalization, profile, scenario, case_id, version
        Provenance.
    """

    _default_limit: ClassVar[int | None] = 15

    margin: pd.DataFrame
    first_order: pd.DataFrame
    total_order: pd.DataFrame
    inputs: pd.DataFrame
    variance: pd.Series
    share_reversed: float
    top_two: tuple[str, str]
    n: int
    n_evaluations: int
    provenance: Provenance
    spread: float
    include_weights: bool
    group_weights: bool
    confidence_level: float | None
    option_names: Mapping[str, str] = field(repr=False)

    def head(self, n: int = 10) -> pd.DataFrame:
        """The ``n`` inputs with the largest total-order index on the margin."""
        if int(n) < 1:
            raise ValueError(f"n: need at least 1, got {n!r}")
        return self.margin.head(int(n))

    def for_option(self, option: str) -> pd.DataFrame:
        """First and total indices of one option's score, largest total first."""
        if option not in self.first_order.columns:
            raise ValueError(
                f"option: unknown option {option!r}; options: "
                f"{', '.join(map(str, self.first_order.columns))}"
            )
        out = pd.DataFrame(
            {
                "label": self.margin["label"],
                "kind": self.margin["kind"],
                "first": self.first_order[option],
                "total": self.total_order[option],
            }
        )
        return out.sort_values("total", ascending=False, kind="stable")

    @property
    def interactions(self) -> float:
        """``1 - Σ first``: the margin's variance not explained by any input alone."""
        return float(1.0 - self.margin["first"].clip(lower=0.0).sum())

    def summary(self, n: int = 3) -> str:
        """A few sentences in plain words."""
        a, b = self.top_two
        na, nb = self.option_names[a], self.option_names[b]
        k = len(self.margin)
        head = self.margin.head(n)
        items = [
            f"{lab} (total {fmt(float(t))}, alone {fmt(float(f))})"
            for lab, t, f in zip(head["label"], head["total"], head["first"], strict=True)
        ]
        w = (
            f", weights varied ±{fmt(self.spread * 100, 0)}%"
            if self.include_weights
            else ", weights fixed"
        )
        text = (
            f"{na} ranks first and {nb} second at nominal inputs; across {k} uncertain "
            f"inputs{w}, {nb} comes out ahead in {fmt(100 * self.share_reversed, 0)}% of draws. "
            f"The margin's variance is driven most by {_listing(items)}."
        )
        inter = self.interactions
        if inter > 0.1:
            text += f" About {fmt(100 * inter, 0)}% comes from inputs acting together."
        return text + f" ({self._provenance()}.)"

    def _provenance(self) -> str:
        bits = [f"method {self.method}"]
        if self.normalization:
            bits.append(f"normalization {self.normalization}")
        bits.append(f"profile {self.profile}")
        bits.append(f"scenario {self.scenario}" if self.scenario else "baseline")
        bits.append(f"n={self.n}, {self.n_evaluations} evaluations, seed {self.seed}")
        return ", ".join(bits)

    def caption(self) -> str:
        """How the indices were produced."""
        a, b = self.top_two
        return (
            f"Sobol' indices of the margin of {self.option_names[a]} over "
            f"{self.option_names[b]} ({self._provenance()}, case {self.case_id}, "
            f"policyopts {self.version})"
        )

    def _rows(
        self, *, names: bool, limit: int | None, **options: Any
    ) -> tuple[list[str], list[list[object]]]:
        frame = self.margin if limit is None else self.margin.head(limit)
        ci = "first_low" in frame.columns
        header = ["Input", "First order", "Total order"]
        if ci:
            header += ["Total low", "Total high"]
        labels = [str(x) for x in frame["label"]]
        first = frame["first"].to_numpy(dtype=np.float64)
        total = frame["total"].to_numpy(dtype=np.float64)
        rows: list[list[object]] = []
        for r, lab in enumerate(labels):
            row: list[object] = [lab, float(first[r]), float(total[r])]
            if ci:
                row += [
                    float(frame["total_low"].to_numpy(dtype=np.float64)[r]),
                    float(frame["total_high"].to_numpy(dtype=np.float64)[r]),
                ]
            rows.append(row)
        return header, rows

    def to_frame(self) -> pd.DataFrame:
        """The result's main table."""
        return self.margin


# ------------------------------------------------------------------- function


def sobol(
    case: Case,
    profile: str | None = None,
    *,
    method: str = "wsm",
    scenario: str | None = None,
    n: int = 2**10,
    seed: SeedLike = None,
    include_weights: bool = True,
    group_weights: bool = False,
    spread: float = 0.25,
    confidence_level: float | None = None,
    n_resamples: int = 200,
    normalization: str | None = None,
    **options: Any,
) -> SobolResult:
    r"""First- and total-order Sobol' indices of a case's margin and scores.

    Inputs: every uncertain assessment and risk likelihood of ``case`` (their
    distributions from :func:`policyopts.uncertain_inputs`) and, with
    ``include_weights``, one independent factor per positive weight,
    :math:`F_j \sim U[w_j(1-\delta), w_j(1+\delta)]`, normalised to weights
    :math:`F_j / \sum_k F_k` (see the module notes).  Outputs: the margin
    :math:`\sigma (s_{top} - s_{second})` between the options ranked first
    and second at nominal inputs (:math:`\sigma = -1` for VIKOR's Q), and each
    option's score, computed exactly as :func:`policyopts.compare` does.

    Indices are Saltelli (2010) estimates from :func:`scipy.stats.sobol_indices`
    over a scrambled Sobol' design of ``n`` points (a power of 2), i.e.
    :math:`(2 + g) n` evaluations for :math:`g` inputs or groups, scored in
    blocks of whole design matrices by the batched methods.  Estimates carry
    sampling noise (small negative values mean zero); raise ``n`` to reduce
    it, or ask for bootstrap intervals.

    Parameters
    ----------
    case : Case
    profile : str, optional
        Weight profile; the case's default when omitted.
    method : str, default "wsm"
        Any of :func:`policyopts.methods.available`.
    scenario : str, optional
        Apply a scenario first.
    n : int, default 1024
        Design size, a power of 2.
    seed : int, Generator or None
        Same seed, same indices.
    include_weights : bool, default True
        Vary the weights as well.
    group_weights : bool, default False
        Report the weights as one input, ``"weights"`` (a group index).
    spread : float in (0, 1], default 0.25
        :math:`\delta`, the relative half-width of each weight factor.
    confidence_level : float in (0, 1), optional
        Add percentile-bootstrap intervals at this level (``n_resamples``
        resamples of the design points, seeded).
    normalization : str, optional
        As in :func:`policyopts.compare`.
    **options
        Method options.

    Returns
    -------
    SobolResult

    References
    ----------
    Saltelli et al. (2010); Sobol' (2001); Saltelli et al. (2008), ch. 4 --
    see the module references.

    Examples
    --------
    >>> import policyopts as po
    >>> from policyopts.sensitivity.sobol import sobol
    >>> s = sobol(po.load_case("mali"), "balanced", n=256, seed=1, group_weights=True)
    >>> s.top_two
    ('humanitarian', 'negotiate')
    >>> list(s.margin.columns)
    ['label', 'kind', 'first', 'total']
    """
    n_int = int(n) if isinstance(n, int | np.integer) else -1
    if n_int < 2 or n_int & (n_int - 1):
        raise ValueError(f"n: must be a power of 2 (at least 2), got {n!r}")
    delta = V.as_scalar(spread, "spread")
    if include_weights and not 0.0 < delta <= 1.0:
        raise ValueError(f"spread: must be in (0, 1], got {delta!r}")
    level: float | None = None
    if confidence_level is not None:
        level = V.as_scalar(confidence_level, "confidence_level")
        if not 0.0 < level < 1.0:
            raise ValueError(f"confidence_level: must be in (0, 1), got {level!r}")
        if int(n_resamples) < 10:
            raise ValueError(f"n_resamples: need at least 10, got {n_resamples!r}")
    cm = _case_model(
        case,
        profile,
        method=method,
        scenario=scenario,
        normalization=normalization,
        options=options,
    )
    inputs = cm.inputs
    k = len(inputs)
    w = cm.weights
    crit_ids = cm.criterion_ids
    weighted = np.flatnonzero(w > 0) if include_weights and w.size > 1 else np.array([], int)
    j = weighted.size
    d = k + j
    if d == 0:
        raise ValueError(
            "case: nothing to vary: no uncertain scores or likelihoods"
            + (" and the weights are excluded" if not include_weights else "")
        )
    nominal, _, higher = cm.nominal()
    i_top, i_second = _top_two(nominal, higher)
    sign = 1.0 if higher else -1.0
    loc = w[weighted] * (1.0 - delta)
    width = w[weighted] * 2.0 * delta

    def ppf(u: FloatArray) -> FloatArray:
        out = np.empty_like(u)
        if k:
            out[:, :k] = inputs.ppf(u[:, :k])
        out[:, k:] = loc + width * u[:, k:]
        return out

    def model(x: FloatArray) -> FloatArray:
        mats = inputs.matrices(x[:, :k])
        if j:
            factors = np.broadcast_to(w, (x.shape[0], w.size)).copy()
            factors[:, weighted] = x[:, k:]
            weights = factors
        else:
            weights = w
        scores, _, _ = cm.scorer(mats, weights)
        margin = sign * (scores[:, i_top] - scores[:, i_second])
        return np.column_stack([margin, scores])

    ids = [*inputs.ids, *(f"weight:{crit_ids[c]}" for c in weighted)]
    crit_names = cm.criterion_names
    labels = [*(i.label or i.id for i in inputs.inputs)] + [
        f"Weight · {crit_names[crit_ids[c]]}" for c in weighted
    ]
    kinds = [*(i.kind for i in inputs.inputs)] + ["weight"] * j
    if group_weights and j:
        groups: list[list[int]] = [[i] for i in range(k)] + [list(range(k, d))]
        g_ids = [*inputs.ids, "weights"]
        g_labels = [*labels[:k], "All weights"]
        g_kinds = [*kinds[:k], "weights"]
    else:
        groups = [[i] for i in range(d)]
        g_ids, g_labels, g_kinds = ids, labels, kinds

    design_ss, boot_ss = seed_sequence(seed).spawn(2)
    a, b = _design(ppf, d, n_int, np.random.default_rng(design_ss))
    m, n_crit = cm.arrays.matrix.shape
    first, total, evals = _grouped_indices(
        model, a, b, groups, rows_per_call=max(n_int, _CELL_BUDGET // (m * n_crit))
    )

    g_index = pd.Index(g_ids, name="input")
    margin = pd.DataFrame(
        {"label": g_labels, "kind": g_kinds, "first": first[0], "total": total[0]},
        index=g_index,
    )
    if level is not None:
        low, high = _bootstrap(
            evals,
            confidence_level=level,
            n_resamples=int(n_resamples),
            rng=np.random.default_rng(boot_ss),
        )
        margin["first_low"], margin["first_high"] = low[0, 0], high[0, 0]
        margin["total_low"], margin["total_high"] = low[1, 0], high[1, 0]
    order = np.argsort(-margin["total"].to_numpy(dtype=np.float64), kind="stable")
    margin = margin.iloc[order]
    opt_index = pd.Index(cm.option_ids, name="option")
    first_order = pd.DataFrame(first[1:].T, index=g_index, columns=opt_index).iloc[order]
    total_order = pd.DataFrame(total[1:].T, index=g_index, columns=opt_index).iloc[order]

    group_of = {c: g_ids[gi] for gi, cols in enumerate(groups) for c in cols}
    dists = [i.distribution for i in inputs.inputs] + ["uniform factor"] * j
    lows = [i.low for i in inputs.inputs] + list(loc)
    highs = [i.high for i in inputs.inputs] + list(loc + width)
    inputs_frame = pd.DataFrame(
        {
            "kind": kinds,
            "label": labels,
            "distribution": dists,
            "low": np.asarray(lows, dtype=np.float64),
            "high": np.asarray(highs, dtype=np.float64),
            "group": [group_of[c] for c in range(d)],
        },
        index=pd.Index(ids, name="input"),
    )
    both = np.concatenate([evals["f_A"], evals["f_B"]], axis=-1)  # (s, 2n)
    variance = pd.Series(
        np.var(both, axis=-1), index=pd.Index(["margin", *cm.option_ids]), name="variance"
    )
    seed_int = int(seed) if isinstance(seed, int | np.integer) else None
    return SobolResult(
        margin=margin,
        first_order=first_order,
        total_order=total_order,
        inputs=inputs_frame,
        variance=variance,
        share_reversed=float(np.mean(both[0] < 0)),
        top_two=(cm.option_ids[i_top], cm.option_ids[i_second]),
        n=n_int,
        n_evaluations=(2 + len(groups)) * n_int,
        provenance=cm.provenance(seed=seed_int, n_samples=n),
        spread=delta,
        include_weights=bool(include_weights),
        group_weights=bool(group_weights and j),
        confidence_level=level,
        option_names=cm.option_names,
    )
