"""Which uncertainty is worth resolving first: the expected value of partial
perfect information of every uncertain input."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np
import pandas as pd

from policyopts._random import SeedLike, seed_sequence
from policyopts._tables import fmt
from policyopts.inputs import UncertainInputs
from policyopts.model import Case, Criterion
from policyopts.model.criteria import LinearValue
from policyopts.results import Provenance, Result
from policyopts.scenarios.robustness import (
    _QUADRATURE_POINTS,
    FloatArray,
)
from policyopts.sensitivity.tornado import _case_model, _listing


def _expected_value(criterion: Criterion, dist: Any) -> float:
    """E[v(x)] for x ~ ``dist`` under the criterion's value function."""
    if criterion.value_function is None or isinstance(criterion.value_function, LinearValue):
        return float(criterion.value(float(dist.mean())))
    u = (np.arange(_QUADRATURE_POINTS) + 0.5) / _QUADRATURE_POINTS
    return float(np.mean(criterion.value(dist.ppf(u))))


@dataclass(frozen=True, eq=False)
class ValueOfInformation(Result):
    """What resolving each uncertainty before choosing would be worth.

    Attributes
    ----------
    table : pandas.DataFrame
        One row per uncertain input studied, indexed by input id
        (``likelihood:<risk>``, and ``score:<option>:<criterion>`` when scores
        are included), sorted by ``evppi`` (largest first).  Columns ``kind``,
        ``name`` (the risk's name, or the option · criterion label), ``point``,
        ``low``, ``high``, ``evppi`` (expected value of perfect information
        on that input alone, in score points), ``se`` (its Monte Carlo
        standard error), ``share_of_evpi`` (``evppi / evpi``) and ``p_change``
        (probability that learning the input changes the best option).
    evpi : float
        Expected value of resolving every uncertain input at once.
    evpi_se : float
        Monte Carlo standard error of ``evpi``.
    expected : pandas.Series
        Every option's expected value over the input uncertainty (exact).
    best : str
        The option with the highest expected value: the choice made now.
    profile, scenario, n_samples, seed, case_id, version
        Provenance (method ``wsm`` on the criteria's scales).
    """

    _default_digits: ClassVar[int] = 4

    table: pd.DataFrame
    evpi: float
    evpi_se: float
    expected: pd.Series
    best: str
    provenance: Provenance
    option_names: Mapping[str, str] = field(repr=False)

    def head(self, n: int = 5) -> pd.DataFrame:
        """The ``n`` most valuable inputs to resolve."""
        if int(n) < 1:
            raise ValueError(f"n: need at least 1, got {n!r}")
        return self.table.head(int(n))

    def summary(self, n: int = 3) -> str:
        """Which question is worth asking first, in plain words."""
        best = self.option_names[self.best]
        text = (
            f"Choosing now, {best} has the highest expected value "
            f"({fmt(float(self.expected[self.best]))}). Resolving every uncertainty before "
            f"choosing would be worth {fmt(self.evpi)} score points (EVPI, ±{fmt(self.evpi_se)})."
        )
        worth = self.table[self.table["evppi"] > 2 * self.table["se"]].head(n)
        if len(worth):
            items = [
                f"{nm} ({fmt(float(v))}, {fmt(100 * float(p), 0)}% chance it changes the choice)"
                for nm, v, p in zip(worth["name"], worth["evppi"], worth["p_change"], strict=True)
            ]
            text += " Worth learning first: " + _listing(items) + "."
        elif len(self.table):
            text += (
                " No single uncertainty studied, resolved alone, is likely to change the "
                "choice: its value of information is indistinguishable from zero."
            )
        return text + f" ({self._provenance()}.)"

    def _provenance(self) -> str:
        sc = f"scenario {self.scenario}" if self.scenario else "baseline"
        return (
            f"method wsm on value scales, profile {self.profile}, {sc}, "
            f"{self.n_samples} draws, seed {self.seed}"
        )

    def caption(self) -> str:
        """How the values were produced."""
        return (
            f"Expected value of perfect information per uncertainty, in score points "
            f"(total EVPI {fmt(self.evpi)}; {self._provenance()}, case {self.case_id}, "
            f"policyopts {self.version})"
        )

    def _rows(
        self, *, names: bool, limit: int | None, **options: Any
    ) -> tuple[list[str], list[list[object]]]:
        header = ["Uncertainty", "Low", "High", "EVPPI", "± se", "Share of EVPI", "P(change)"]
        rows: list[list[object]] = []
        cols = ["low", "high", "evppi", "se", "share_of_evpi", "p_change"]
        values = self.table[cols].to_numpy(dtype=np.float64)
        for nm, vals in zip(self.table["name"], values, strict=True):
            rows.append([str(nm), *vals.tolist()])
        return header, rows

    def to_frame(self) -> pd.DataFrame:
        """The result's main table."""
        return self.table


def _draws(
    inputs: UncertainInputs, which: Sequence[int] | range, n: int, ss: np.random.SeedSequence
) -> FloatArray:
    """``n`` draws of the inputs ``which`` (n, len(which)).

    Input k always draws from its own stream ``ss.spawn(len(inputs))[k]``, so its
    draws do not depend on which other inputs are drawn.
    """
    streams = ss.spawn(len(inputs))
    cols = [
        np.asarray(
            inputs.inputs[k].dist.rvs(size=n, random_state=np.random.default_rng(streams[k])),
            dtype=np.float64,
        )
        for k in which  # loop over inputs, each vectorised over the draws
    ]
    return np.column_stack(cols) if cols else np.zeros((n, 0))


def _max_gap(cond: FloatArray) -> tuple[FloatArray, FloatArray]:
    """EVPPI-type estimate and its standard error over axis 0 of (S, ..., m)."""
    s = cond.shape[0]
    best_now = np.argmax(cond.mean(axis=0), axis=-1)  # (...,)
    chosen = np.take_along_axis(
        cond, np.broadcast_to(best_now[None, ..., None], (s, *best_now.shape, 1)), -1
    )[..., 0]
    gain = cond.max(axis=-1) - chosen  # (S, ...), >= 0
    return gain.mean(axis=0), gain.std(axis=0, ddof=1) / np.sqrt(s) if s > 1 else np.zeros(
        gain.shape[1:]
    )


def value_of_information(
    case: Case,
    profile: str | None = None,
    *,
    scenario: str | None = None,
    n_samples: int = 20_000,
    seed: SeedLike = None,
    include_scores: bool = True,
) -> ValueOfInformation:
    r"""Which uncertainty is worth resolving first: EVPPI per input, and the EVPI.

    For every uncertain risk likelihood :math:`L_r` (and, with
    ``include_scores``, every uncertain score) the expected value of partial
    perfect information

    .. math::

        \mathrm{EVPPI}_r = E_{L_r}\big[\max_o E(V_o \mid L_r)\big] - \max_o E[V_o]

    -- what it is worth, in score points, to learn :math:`L_r` exactly before
    choosing -- and the EVPI of learning every uncertain input at once.  The
    conditional expectations are exact for the additive value model (see the
    module notes); the outer expectation uses ``n_samples`` seeded draws of
    every input, evaluated in one batched step, and the EVPI ``n_samples``
    joint draws scored in one batched call.  Scores are ``wsm`` on the
    criteria's value scales, as :func:`policyopts.compare` computes them.

    Parameters
    ----------
    case : Case
    profile : str, optional
        Weight profile; the case's default when omitted.
    scenario : str, optional
        Study the uncertainty under a scenario (its overridden likelihoods are
        then certain).
    n_samples : int, default 20000
        Draws for the outer expectation and for the EVPI.
    seed : int, Generator or None
        Same seed, same result.
    include_scores : bool, default True
        Also value each uncertain score (which assessment to refine). Scores
        are usually where the decision-relevant uncertainty is; ``False``
        values the risk likelihoods only.

    Returns
    -------
    ValueOfInformation

    References
    ----------
    Raiffa, H., & Schlaifer, R. (1961). Applied Statistical Decision Theory.
    Harvard University Press.
    Howard, R. A. (1966). Information value theory. IEEE Transactions on
    Systems Science and Cybernetics, 2(1), 22-26.
    Brennan, A., Kharroubi, S., O'Hagan, A., & Chilcott, J. (2007).
    Calculating partial expected value of perfect information via Monte Carlo
    sampling algorithms. Medical Decision Making, 27(4), 448-470.

    Examples
    --------
    >>> import policyopts as po
    >>> voi = value_of_information(po.load_case("mali"), "balanced", n_samples=2000, seed=0)
    >>> list(voi.table.columns)[:3]
    ['kind', 'name', 'point']
    >>> bool((voi.table["evppi"] >= 0).all()) and voi.evpi >= 0
    True
    """
    n_s = int(n_samples) if isinstance(n_samples, int | np.integer) else 0
    if n_s < 2:
        raise ValueError(f"n_samples: need an integer of at least 2, got {n_samples!r}")
    cm = _case_model(case, profile, method="wsm", scenario=scenario)
    inputs = cm.inputs
    arrays = cm.arrays
    crit = arrays.criteria
    w = cm.weights
    mat = arrays.matrix
    m, n = mat.shape
    col = {c: j for j, c in enumerate(arrays.criterion_ids)}
    row = {o: i for i, o in enumerate(arrays.option_ids)}

    # E[v_j(x_oj)] for every cell; uncertain scores by their distribution.
    ev = np.stack([c.value(mat[:, j]) for j, c in enumerate(crit)], axis=-1)
    for inp in inputs.inputs:
        if inp.kind == "score" and inp.option is not None and inp.criterion is not None:
            i, j = row[inp.option], col[inp.criterion]
            ev[i, j] = _expected_value(crit[j], inp.dist)
    # Risk burden at mean likelihoods (the burden is linear in each likelihood).
    lik_inputs = [k for k, inp in enumerate(inputs.inputs) if inp.kind == "likelihood"]
    view = arrays.view
    overrides = dict(case.scenario(view).likelihood_overrides) if view != "assessed" else {}
    risk_pos = {r.id: k for k, r in enumerate(case.risks)}
    if case.has_risks:
        lik_mean = np.array([overrides.get(r.id, r.likelihood) for r in case.risks])
        for k in lik_inputs:
            rid = inputs.inputs[k].risk
            assert rid is not None
            lik_mean[risk_pos[rid]] = float(inputs.inputs[k].dist.mean())
        impact = np.array([r.impact for r in case.risks])
        exposure = np.array(
            [[r.exposure[o] * r.in_burden for o in arrays.option_ids] for r in case.risks]
        )
        mean_burden = (lik_mean * impact) @ exposure  # (m,)
        b = n - 1
        ev[:, b] = crit[b].value(mean_burden)
    expected = ev @ w  # exact E[V_o]

    study = [k for k, inp in enumerate(inputs.inputs) if include_scores or inp.kind != "score"]
    voi_ss, evpi_ss = seed_sequence(seed).spawn(2)
    ids: list[str] = []
    names: list[str] = []
    evppi = np.zeros(len(study))
    se = np.zeros(len(study))
    p_change = np.zeros(len(study))
    best_now = int(np.argmax(expected))
    if study:
        draws = _draws(inputs, study, n_s, voi_ss)  # (S, K)
        cond = np.broadcast_to(expected, (n_s, len(study), m)).copy()  # E(V | X_k), (S, K, m)
        for q, k in enumerate(study):  # loop over inputs, vectorised over draws
            inp = inputs.inputs[k]
            x = draws[:, q]
            if inp.kind == "score":
                assert inp.option is not None and inp.criterion is not None
                i, j = row[inp.option], col[inp.criterion]
                cond[:, q, i] += w[j] * (crit[j].value(x) - ev[i, j])
            else:
                assert inp.risk is not None
                r = risk_pos[inp.risk]
                burden = mean_burden[None, :] + np.outer(x - lik_mean[r], impact[r] * exposure[r])
                cond[:, q, :] += w[b] * (crit[b].value(burden) - ev[None, :, b])
        evppi, se = _max_gap(cond)
        p_change = np.mean(np.argmax(cond, axis=-1) != best_now, axis=0)
        for k in study:
            inp = inputs.inputs[k]
            ids.append(inp.id)
            if inp.kind == "likelihood" and inp.risk is not None:
                names.append(case.risk(inp.risk).name)
            else:
                names.append(inp.label or inp.id)

    # Total EVPI: joint draws of every input, scored in one batched call.
    if len(inputs):
        joint = _draws(inputs, range(len(inputs)), n_s, evpi_ss)
        scores, _, _ = cm.scorer(inputs.matrices(joint), w)
        total, total_se = _max_gap(scores)
        evpi_value, evpi_err = float(total), float(total_se)
    else:
        evpi_value, evpi_err = 0.0, 0.0

    share = np.divide(evppi, evpi_value, out=np.zeros_like(evppi), where=evpi_value > 0)
    sel = [inputs.inputs[k] for k in study]
    table = pd.DataFrame(
        {
            "kind": [i.kind for i in sel],
            "name": names,
            "point": np.array([i.point for i in sel], dtype=np.float64),
            "low": np.array([i.low for i in sel], dtype=np.float64),
            "high": np.array([i.high for i in sel], dtype=np.float64),
            "evppi": evppi,
            "se": se,
            "share_of_evpi": share,
            "p_change": p_change,
        },
        index=pd.Index(ids, name="input"),
    )
    order = np.argsort(-table["evppi"].to_numpy(dtype=np.float64), kind="stable")
    table = table.iloc[order]
    return ValueOfInformation(
        table=table,
        evpi=evpi_value,
        evpi_se=evpi_err,
        expected=pd.Series(
            expected, index=pd.Index(arrays.option_ids, name="option"), name="expected"
        ),
        best=arrays.option_ids[best_now],
        provenance=cm.provenance(
            seed=int(seed) if isinstance(seed, int | np.integer) else None, n_samples=n_s
        ),
        option_names=cm.option_names,
    )
