r"""Scenario robustness and the value of information for a case.

- :func:`scenario_table` scores every option under every scenario of a case
  (and the baseline), each exactly as :func:`policyopts.compare` would.
- :func:`scenario_robustness` reads that table as a payoff table and applies
  the robustness criteria of :func:`policyopts.robustness.robustness`:
  expected score over the scenario probabilities, worst and best case,
  Hurwicz, minimax regret, satisficing, and the EVPI of learning which
  scenario will unfold.
- :func:`value_of_information` asks which single uncertainty is worth
  resolving first: the expected value of partial perfect information (EVPPI)
  of each uncertain risk likelihood (optionally each uncertain score), and the
  EVPI of resolving every uncertain input at once.

Value of information (Raiffa & Schlaifer 1961; Howard 1966).  With
:math:`V_o(X)` the value of option :math:`o` given the uncertain inputs
:math:`X`,

.. math::

    \mathrm{EVPI} = E_X[\max_o V_o(X)] - \max_o E_X[V_o(X)], \qquad
    \mathrm{EVPPI}_r = E_{X_r}\big[\max_o E(V_o \mid X_r)\big] - \max_o E[V_o].

With the weighted sum over value functions on declared scales (``wsm`` with
``normalization="scale"``, the default of :func:`policyopts.compare`),
:math:`V_o = \sum_j w_j v_j(x_{oj})` is additive over cells and the inputs are
independent, so the inner expectation is exact without nested sampling:

* a risk likelihood :math:`L_r` enters only the risk-burden column,
  :math:`b_o = \sum_r L_r I_r e_{ro}`, whose value function is linear on
  the burden scale (``risk_criterion.scale``); hence
  :math:`E(V_o \mid L_r = \ell) = \sum_{j \ne b} w_j E[v_j(x_{oj})] +
  w_b\, v_b\big(E[b_o] + (\ell - E L_r) I_r e_{ro}\big)` -- the option's value
  with :math:`L_r = \ell` and every other input at its mean (exact while the
  burden stays within its scale: the ``possible`` scale guarantees it for
  bounded likelihood distributions; on the ``plausible`` scale a drawn
  burden beyond the options' plausible range is clipped to it, as every
  value function clips);
* an uncertain score :math:`x_{oj}` moves only option :math:`o`:
  :math:`E(V_o \mid x_{oj}) = E[V_o] + w_j (v_j(x_{oj}) - E[v_j(x_{oj})])`.

:math:`E[v_j(x)]` is :math:`v_j(E x)` for a linear value function and a
quantile-midpoint average over 16,384 points otherwise.  The outer
expectation over :math:`X_r` uses seeded draws of the input (each input has
its own random stream, so its draws do not depend on which other inputs are
studied), all conditional values built in one batched step; the second term
uses the sample means over the same draws, so each estimate is non-negative
(Jensen) and consistent, with the Monte Carlo standard error of
:math:`\max_o E(V_o \mid X_r) - E(V_{o^*} \mid X_r)` reported beside it.  The
total EVPI is a plain Monte Carlo estimate over joint draws of all inputs,
scored in one batched call.  Both are in score points on the 0-1 value scale.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from policyopts._random import SeedLike, seed_sequence
from policyopts._tables import TableView, fmt
from policyopts._version import __version__
from policyopts.compare import compare
from policyopts.exceptions import CaseError
from policyopts.inputs import UncertainInputs
from policyopts.model import Case, Criterion
from policyopts.model.criteria import LinearValue
from policyopts.robustness import CRITERIA, evpi, regret_table, robustness
from policyopts.sensitivity.tornado import _case_model, _listing

__all__ = [
    "ScenarioRobustness",
    "ValueOfInformation",
    "scenario_robustness",
    "scenario_table",
    "value_of_information",
]

FloatArray = NDArray[np.float64]

#: Quantile midpoints used for E[v(x)] under a non-linear value function.
_QUADRATURE_POINTS = 2**14

BASELINE = "baseline"
EXPECTED = "expected"


# ------------------------------------------------------------------ scenarios


def scenario_table(
    case: Case, profile: str | None = None, *, method: str = "wsm", expected: bool = True
) -> pd.DataFrame:
    """Every option's score under the baseline, every scenario and the expected mix.

    Each column is ``compare(case, profile, method, scenario=s).scores``
    (``"baseline"``: the case's baseline, ``scenario=None``; ``"expected"``:
    the probability-weighted mix of the scenarios), so ``wsm`` scores are
    values on the criteria's declared scales and the ``"expected"`` column is
    the probability-weighted mean of the scenario columns.

    Parameters
    ----------
    case : Case
    profile : str, optional
        Weight profile; the case's default when omitted.
    method : str, default "wsm"
    expected : bool, default True
        Add the ``"expected"`` column (when the case has scenarios).

    Returns
    -------
    DataFrame
        Options (rows, case order, index ``option``) by ``"baseline"``, the
        scenario ids and ``"expected"`` (columns, index ``scenario``).

    Examples
    --------
    >>> import policyopts as po
    >>> t = scenario_table(po.load_case("mali"), "balanced")
    >>> list(t.columns)[:2], list(t.columns)[-1]
    (['baseline', 'decline_without_collapse'], 'expected')
    """
    cols = {BASELINE: compare(case, profile, method).scores}
    for s in case.scenarios:
        cols[s.id] = compare(case, profile, method, scenario=s.id).scores
    if expected and case.scenarios:
        cols[EXPECTED] = compare(case, profile, method, scenario=EXPECTED).scores
    frame = pd.DataFrame(cols)
    frame.index = pd.Index([str(i) for i in frame.index], name="option")
    frame.columns = pd.Index(list(cols), name="scenario")
    return frame


@dataclass(frozen=True)
class ScenarioRobustness(TableView):
    """How the options of a case fare across its scenarios.

    Attributes
    ----------
    table : pandas.DataFrame
        Options by ``"baseline"`` and scenario ids: the method's scores.
    payoffs : pandas.DataFrame
        Options by scenario ids, oriented so higher is better (VIKOR's Q is
        negated); the payoff table the criteria are computed on.
    probabilities : pandas.Series
        Scenario probabilities, by scenario id.
    robustness : pandas.DataFrame
        :func:`policyopts.robustness.robustness` of ``payoffs``: ``expected``,
        ``std``, ``worst``, ``best``, ``hurwicz``, ``laplace``, ``max_regret``
        (and ``satisficing``) with their ``rank_*`` columns.
    regret : pandas.DataFrame
        Savage regret of every option in every scenario.
    evpi : float
        Expected value of knowing which scenario unfolds before choosing.
    choices : mapping
        For each criterion (a column of ``robustness``), the option it picks
        (the first in case order when several tie).
    winners : mapping
        For each criterion, every option ranked first (ties included).
    baseline_top : str
        The option ranked first under the baseline.
    """

    table: pd.DataFrame
    payoffs: pd.DataFrame
    probabilities: pd.Series
    robustness: pd.DataFrame
    regret: pd.DataFrame
    evpi: float
    choices: Mapping[str, str]
    winners: Mapping[str, tuple[str, ...]]
    baseline_top: str
    method: str
    profile: str
    optimism: float
    threshold: float | None
    higher_is_better: bool
    case_id: str
    version: str
    option_names: Mapping[str, str] = field(repr=False)
    scenario_names: Mapping[str, str] = field(repr=False)

    def _value(self, option: str, column: str) -> float:
        return float(
            self.robustness[column].to_numpy(dtype=np.float64)[
                self.robustness.index.get_loc(option)
            ]
        )

    @property
    def robust_choice(self) -> str | None:
        """The option ranked first (ties allowed) on every criterion, if there is one."""
        for o in self.robustness.index:
            if all(str(o) in w for w in self.winners.values()):
                return str(o)
        return None

    @property
    def agree(self) -> bool:
        """Whether one option comes first (ties allowed) on every criterion."""
        return self.robust_choice is not None

    def _phrase(self, criterion: str, option: str) -> str:
        value = fmt(self._value(option, criterion))
        return {
            "expected": f"expected {self._unit} ({value})",
            "worst": f"worst case ({value}, maximin)",
            "best": f"best case ({value}, maximax)",
            "hurwicz": f"Hurwicz at optimism {fmt(self.optimism)} ({value})",
            "laplace": f"equal-weight average ({value}, Laplace)",
            "max_regret": f"maximum regret ({value}, minimax regret)",
            "satisficing": f"chance of reaching {fmt(self.threshold)} ({value})",
        }[criterion]

    @property
    def _unit(self) -> str:
        return "score" if self.higher_is_better else "negated Q"

    def summary(self) -> str:
        """The robust choices and the EVPI in plain words."""
        names = self.option_names
        k = len(self.payoffs.columns)
        by_option: dict[str, list[str]] = {}
        for crit, opts in self.winners.items():
            for o in opts:
                by_option.setdefault(o, []).append(crit)
        order = sorted(by_option, key=lambda o: (-len(by_option[o]), list(names).index(o)))
        only = self.robust_choice
        if only is not None:
            text = (
                f"{names[only]} is the robust choice across the {k} scenarios: it comes first "
                "on every criterion — "
                + _listing([self._phrase(c, only) for c in by_option[only]])
                + "."
            )
        else:
            parts = [
                f"{names[o]}{' comes first' if i == 0 else ''} on "
                + _listing([self._phrase(c, o) for c in by_option[o]])
                for i, o in enumerate(order)
            ]
            text = (
                f"Across the {k} scenarios no option comes first on every criterion. "
                + "; ".join(parts)
                + "."
            )
        text += (
            f" Under the baseline {names[self.baseline_top]} ranks first. Knowing which "
            f"scenario will unfold before choosing would be worth {fmt(self.evpi)} "
            f"{self._unit} points (EVPI)."
        )
        return text

    def caption(self) -> str:
        """How the table was produced."""
        return (
            f"Scores by scenario and robustness criteria (method {self.method}, profile "
            f"{self.profile}, Hurwicz optimism {fmt(self.optimism)}, case {self.case_id}, "
            f"policyopts {self.version})"
        )

    def _rows(self, names: bool) -> tuple[list[str], list[list[object]]]:
        scen = [str(s) for s in self.payoffs.columns]
        crit = ["expected", "worst", "max_regret"]
        if "satisficing" in self.robustness.columns:
            crit.append("satisficing")
        titles = {
            "expected": "Expected",
            "worst": "Worst",
            "max_regret": "Max regret",
            "satisficing": "P(≥ threshold)",
        }
        header = ["Option" if names else "option", "Baseline" if names else BASELINE]
        header += [self.scenario_names[s] if names else s for s in scen]
        header += [titles[c] if names else c for c in crit]
        order = self.robustness.sort_values("rank_expected", kind="stable").index
        table = self.table.to_numpy(dtype=np.float64)
        rob = self.robustness[crit].to_numpy(dtype=np.float64)
        pos = {o: i for i, o in enumerate(self.table.index)}
        rows: list[list[object]] = []
        for o in order:
            i = pos[o]
            label = self.option_names[str(o)] if names else str(o)
            rows.append([label, *table[i].tolist(), *rob[i].tolist()])
        return header, rows

    def _highlight_row(self) -> int | None:
        return 0

    def _csv_frame(self) -> pd.DataFrame:
        return self.table.join(self.robustness)


def scenario_robustness(
    case: Case,
    profile: str | None = None,
    *,
    method: str = "wsm",
    optimism: float = 0.5,
    threshold: float | None = None,
) -> ScenarioRobustness:
    r"""How robust each option is to which scenario unfolds.

    Builds :func:`scenario_table`, reads the scenario columns as a payoff
    table weighted by the scenarios' probabilities, and applies
    :func:`policyopts.robustness.robustness` (expected score, worst and best
    case, Hurwicz at ``optimism``, Laplace, Savage's minimax regret,
    satisficing at ``threshold``) and :func:`policyopts.robustness.evpi`.
    For a method where lower is better (VIKOR's Q) the payoffs are :math:`-Q`.

    Parameters
    ----------
    case : Case
        Must have scenarios.
    profile : str, optional
        Weight profile; the case's default when omitted.
    method : str, default "wsm"
    optimism : float in [0, 1], default 0.5
        Hurwicz coefficient of optimism.
    threshold : float, optional
        Aspiration level on the (oriented) score for the satisficing criterion.

    Returns
    -------
    ScenarioRobustness

    Raises
    ------
    CaseError
        If the case has no scenarios.

    References
    ----------
    Savage (1951); Hurwicz (1951); Raiffa & Schlaifer (1961) -- see
    :mod:`policyopts.robustness`.

    Examples
    --------
    >>> import policyopts as po
    >>> r = scenario_robustness(po.load_case("mali"), "balanced")
    >>> sorted(r.choices)[:3]
    ['best', 'expected', 'hurwicz']
    >>> r.evpi >= 0
    True
    """
    if not case.scenarios:
        raise CaseError("the case has no scenarios to compare", path="scenarios")
    prof = case.profile(profile)
    base = compare(case, prof.id, method)
    higher = base.higher_is_better
    table = scenario_table(case, prof.id, method=method, expected=False)
    scen = [s.id for s in case.scenarios]
    payoffs = table[scen] if higher else -table[scen]
    probs = pd.Series(
        [s.probability for s in case.scenarios],
        index=pd.Index(scen, name="scenario"),
        name="probability",
    )
    rob = robustness(payoffs, probs, optimism=optimism, threshold=threshold)
    winners: dict[str, tuple[str, ...]] = {}
    for name in CRITERIA:
        if name in rob.columns:
            ranks = rob[f"rank_{name}"].to_numpy()
            winners[name] = tuple(str(o) for o in rob.index[ranks == 1])
    choices = {name: opts[0] for name, opts in winners.items()}
    reg = regret_table(payoffs)
    assert isinstance(reg, pd.DataFrame)
    return ScenarioRobustness(
        table=table,
        payoffs=payoffs,
        probabilities=probs,
        robustness=rob,
        regret=reg,
        evpi=evpi(payoffs, probs),
        choices=choices,
        winners=winners,
        baseline_top=base.top,
        method=method,
        profile=prof.id,
        optimism=float(optimism),
        threshold=None if threshold is None else float(threshold),
        higher_is_better=higher,
        case_id=case.id,
        version=__version__,
        option_names=dict(base.option_names),
        scenario_names={s.id: s.name for s in case.scenarios},
    )


# -------------------------------------------------------- value of information


def _expected_value(criterion: Criterion, dist: Any) -> float:
    """E[v(x)] for x ~ ``dist`` under the criterion's value function."""
    if criterion.value_function is None or isinstance(criterion.value_function, LinearValue):
        return float(criterion.value(float(dist.mean())))
    u = (np.arange(_QUADRATURE_POINTS) + 0.5) / _QUADRATURE_POINTS
    return float(np.mean(criterion.value(dist.ppf(u))))


@dataclass(frozen=True)
class ValueOfInformation(TableView):
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

    table: pd.DataFrame
    evpi: float
    evpi_se: float
    expected: pd.Series
    best: str
    profile: str
    scenario: str | None
    n_samples: int
    seed: int | None
    case_id: str
    version: str
    option_names: Mapping[str, str] = field(repr=False)

    def top(self, n: int = 5) -> pd.DataFrame:
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

    def _rows(self, names: bool) -> tuple[list[str], list[list[object]]]:
        header = ["Uncertainty", "Low", "High", "EVPPI", "± se", "Share of EVPI", "P(change)"]
        rows: list[list[object]] = []
        cols = ["low", "high", "evppi", "se", "share_of_evpi", "p_change"]
        values = self.table[cols].to_numpy(dtype=np.float64)
        for nm, vals in zip(self.table["name"], values, strict=True):
            rows.append([str(nm), *vals.tolist()])
        return header, rows

    def to_text(self, *, names: bool = True, digits: int = 4) -> str:
        """Fixed-width table (``names`` is accepted and ignored)."""
        return super().to_text(names=names, digits=digits)

    def to_markdown(self, *, names: bool = True, digits: int = 4) -> str:
        """Markdown table with its caption."""
        return super().to_markdown(names=names, digits=digits)

    def to_html(self, *, names: bool = True, digits: int = 4) -> str:
        """HTML table."""
        return super().to_html(names=names, digits=digits)

    def to_latex(self, *, names: bool = True, digits: int = 4) -> str:
        """LaTeX table."""
        return super().to_latex(names=names, digits=digits)

    def _csv_frame(self) -> pd.DataFrame:
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
        profile=cm.profile,
        scenario=scenario,
        n_samples=n_s,
        seed=int(seed) if isinstance(seed, int | np.integer) else None,
        case_id=case.id,
        version=__version__,
        option_names=cm.option_names,
    )
