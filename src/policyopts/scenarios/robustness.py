"""Options scored under every scenario, and how robust each is across them:
expected value, worst case, Hurwicz, Savage regret and the EVPI."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from policyopts._tables import fmt
from policyopts._text import plural
from policyopts.compare import compare
from policyopts.exceptions import CaseError
from policyopts.model import Case
from policyopts.results import Provenance, Result
from policyopts.robustness import CRITERIA, evpi, regret_table, robustness
from policyopts.sensitivity.tornado import _listing

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


@dataclass(frozen=True, eq=False)
class ScenarioRobustness(Result):
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
    provenance: Provenance
    optimism: float
    threshold: float | None
    higher_is_better: bool
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
                f"{names[only]} is the robust choice across the {plural(k, 'scenario')}: "
                "it comes first on every criterion — "
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
                f"Across the {plural(k, 'scenario')} no option comes first on every criterion. "
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

    def _rows(
        self, *, names: bool, limit: int | None, **options: Any
    ) -> tuple[list[str], list[list[object]]]:
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

    def to_frame(self) -> pd.DataFrame:
        """The result's main table."""
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
        provenance=Provenance.of(case, profile=prof.id, method=method),
        optimism=float(optimism),
        threshold=None if threshold is None else float(threshold),
        higher_is_better=higher,
        option_names=dict(base.option_names),
        scenario_names={s.id: s.name for s in case.scenarios},
    )


# -------------------------------------------------------- value of information
