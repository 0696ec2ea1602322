r"""Should we wait?  The value of watching signposts before choosing, net of delay.

Deciding now picks the option with the highest expected score over the
scenario probabilities :math:`p_s`,

.. math:: V_{now} = \max_a \sum_s p_s x_{as},

with :math:`x_{as}` the option's score under scenario :math:`s`
(:func:`policyopts.scenario_table`, the weighted sum of values on the
criteria's scales).  Waiting means watching a set of signposts for the delay,
seeing one of the :math:`2^K` combinations :math:`o` of them (each seen or
not), and then choosing the option that is best given what was seen.  While
waiting the situation moves on: the *delay cost* shifts scores on named
criteria by a rate per month (harm that continues, options that close), so
after a delay of :math:`d` months option :math:`a` scores
:math:`x'_{as} = x_{as} - \ell_{as}` with
:math:`\ell_{as} = \sum_j w_j [v_j(z_{asj}) - v_j(\mathrm{clip}(z_{asj} + d\,r_{aj}))]`,
:math:`z` the scenario's scores on the criteria's own scales, :math:`r_{aj}`
the shift per month, the shifted score clipped to the criterion's scale.
Then

.. math::

    V_{wait} = \sum_o \max_a \sum_s p_s P(o \mid s)\, x'_{as}, \qquad
    \text{value of waiting} = V_{wait} - V_{now}

which is the EVSI of the signposts (:func:`policyopts.evsi`) minus what the
delay costs; it is negative when the delay costs more than the information
is worth.  :math:`P(o \mid s)` treats the signposts as conditionally
independent given the scenario unless they declare ``depends_on``
(:func:`policyopts.waiting.bayes.observation_likelihoods`).

References
----------
Raiffa, H., & Schlaifer, R. (1961). Applied Statistical Decision Theory.
Harvard University Press.
Walker, W. E., Rahman, S. A., & Cave, J. (2001). Adaptive policies, policy
analysis, and policy-making. European Journal of Operational Research,
128(2), 282-289.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from policyopts._casearrays import case_arrays
from policyopts._tables import fmt
from policyopts.exceptions import CaseError
from policyopts.methods import SCALE_NORMALIZATION
from policyopts.model import Case
from policyopts.model.require import require_case
from policyopts.results import Provenance, Result
from policyopts.scenarios import scenario_table
from policyopts.sensitivity.oneway._setup import lower_first
from policyopts.waiting.bayes import MAX_SIGNPOSTS, observation_likelihoods, signpost
from policyopts.waiting.evsi import evsi

__all__ = ["DelayCost", "WaitingValue", "delay_loss", "value_of_waiting"]

FloatArray = NDArray[np.float64]

#: Score shift per month on named criteria: ``{criterion: rate}`` (every option)
#: or ``{criterion: {option: rate}}``.
DelayCost = Mapping[str, float | Mapping[str, float]]


def _rates(case: Case, delay_cost: DelayCost | None) -> FloatArray:
    """Shift per month, (m, n) in case option x criterion order."""
    opts, crits = case.option_ids, case.criterion_ids
    out = np.zeros((len(opts), len(crits)))
    if delay_cost is None:
        return out
    if not isinstance(delay_cost, Mapping):
        raise ValueError(
            f"delay_cost: expected a mapping of criterion id to a shift per month, got "
            f"{type(delay_cost).__name__}"
        )
    for crit, rate in delay_cost.items():
        if crit not in crits:
            raise ValueError(
                f"delay_cost: unknown criterion {crit!r}; criteria: {', '.join(crits)}"
            )
        j = crits.index(crit)
        per = rate if isinstance(rate, Mapping) else dict.fromkeys(opts, rate)
        for opt, r in per.items():
            if opt not in opts:
                raise ValueError(
                    f"delay_cost[{crit}]: unknown option {opt!r}; options: {', '.join(opts)}"
                )
            if isinstance(r, bool) or not isinstance(r, int | float) or not np.isfinite(r):
                raise ValueError(f"delay_cost[{crit}][{opt}]: expected a finite number, got {r!r}")
            out[opts.index(opt), j] = float(r)
    return out


def delay_loss(
    case: Case,
    profile: str | None = None,
    *,
    delay: float,
    delay_cost: DelayCost | None,
) -> pd.DataFrame:
    r"""What a delay of ``delay`` months costs each option under each scenario.

    :math:`\ell_{as} = \sum_j w_j [v_j(z_{asj}) - v_j(\mathrm{clip}(z_{asj} +
    d\, r_{aj}))]` in score points (see the module docstring); positive is a
    loss.  A shift in the direction a criterion prefers is a gain (negative
    loss).

    Returns
    -------
    DataFrame
        Options by scenario ids.
    """
    rates = _rates(case, delay_cost)
    w = np.array(list(case.weights(profile).values()))
    cols: dict[str, FloatArray] = {}
    for s in case.scenarios:
        ca = case_arrays(case, s.id)
        lo = np.array([c.scale.min for c in ca.criteria])
        hi = np.array([c.scale.max for c in ca.criteria])
        moved = np.clip(ca.matrix + delay * rates, lo, hi)
        before = ca.values()
        after = np.stack([c.value(moved[:, j]) for j, c in enumerate(ca.criteria)], axis=-1)
        cols[s.id] = (before - after) @ w
    frame = pd.DataFrame(cols, index=pd.Index(case.option_ids, name="option"))
    frame.columns = pd.Index(list(cols), name="scenario")
    return frame


def _patterns(k: int) -> list[tuple[bool, ...]]:
    return [tuple(bool(b) for b in combo) for combo in itertools.product((True, False), repeat=k)]


@dataclass(frozen=True, eq=False)
class WaitingValue(Result):
    """Deciding now against watching signposts and deciding later.

    Attributes
    ----------
    value : float
        Value of waiting net of the delay cost, :math:`V_{wait} - V_{now}`,
        in score points; negative when waiting does not pay.
    evsi : float
        What the information alone is worth (no delay cost).
    delay_cost : float
        ``evsi - value``: what the delay costs the decision, in expectation.
    value_now, value_after : float
        :math:`V_{now}` and :math:`V_{wait}`.
    decide_now : str
        The option with the highest expected score now.
    delay : float
        Months watched.
    watched : list of str
        The signposts watched.
    rule : DataFrame
        One row per combination of the watched signposts (columns by signpost
        id, True = seen) with its ``probability``, the ``choice`` after it and
        that choice's ``expected`` score (after the delay).
    signposts : DataFrame
        Every signpost considered, by its EVSI alone (descending): ``name``,
        ``lead_time`` (months), ``evsi``, ``if_seen``, ``if_not_seen``,
        ``in_time`` (shows within the delay).
    payoffs, loss : DataFrame
        Options by scenarios: the scores now and the delay's loss.
    probabilities : Series
        Scenario probabilities.
    provenance : Provenance
        Case, profile and method; ``extra`` holds the ``delay``, the
        ``delay_cost`` given and the signposts ``watched``.
    option_names, option_labels, signpost_names : mapping
        Full option names, short option labels and signpost names by id.
    """

    value: float
    evsi: float
    delay_cost: float
    value_now: float
    value_after: float
    decide_now: str
    delay: float
    watched: list[str]
    rule: pd.DataFrame
    signposts: pd.DataFrame
    payoffs: pd.DataFrame
    loss: pd.DataFrame
    probabilities: pd.Series
    provenance: Provenance
    option_names: Mapping[str, str] = field(repr=False)
    signpost_names: Mapping[str, str] = field(repr=False)
    option_labels: Mapping[str, str] = field(repr=False, default_factory=dict)

    @property
    def pays(self) -> bool:
        """Whether waiting is worth more than deciding now (value > 0)."""
        return self.value > 1e-12

    def rule_tree(self) -> list[tuple[list[tuple[str, bool]], str, float]]:
        """The decision rule as the leaves of a small tree: ``(conditions, choice,
        probability)``, conditions a list of ``(signpost, seen)``.

        Built greedily: at each node the signpost whose split leaves the least
        probability off each side's most likely choice; a node stops when one
        choice covers it.  Combinations that cannot occur are left out.
        """
        rule = self.rule[self.rule["probability"] > 0]

        def grow(
            part: pd.DataFrame, conds: list[tuple[str, bool]], free: list[str]
        ) -> list[tuple[list[tuple[str, bool]], str, float]]:
            mass = part.groupby("choice", sort=False)["probability"].sum()
            if len(mass) == 1 or not free:
                return [(conds, str(mass.idxmax()), float(mass.sum()))]

            def impurity(sp: str) -> float:
                out = 0.0
                for side in (True, False):
                    m = part.loc[part[sp] == side].groupby("choice")["probability"].sum()
                    out += float(m.sum() - m.max()) if len(m) else 0.0
                return out

            best = min(free, key=impurity)
            rest = [f for f in free if f != best]
            leaves = []
            for side in (True, False):
                sub = part.loc[part[best] == side]
                if len(sub):
                    leaves += grow(sub, [*conds, (best, side)], rest)
            return leaves

        return grow(rule, [], list(self.watched))

    def rule_sentences(self) -> list[str]:
        """The decision rule after waiting, one sentence per branch
        ("If fuel convoys into Bamako stop (seen), choose X.")."""
        names, opts = self.signpost_names, self.option_names
        leaves = self.rule_tree()
        if len(leaves) == 1:
            return [
                f"Whatever the signposts show, choose {opts[leaves[0][1]]}: watching them "
                "would not change the choice."
            ]
        out = []
        for k, (conds, choice, prob) in enumerate(leaves):
            what = " and ".join(
                f"“{lower_first(names[sp])}” ({'seen' if seen else 'not seen'})"
                for sp, seen in conds
            )
            lead = "If" if k == 0 else "if"
            out.append(f"{lead} {what} (P = {fmt(prob, 2)}), choose {opts[choice]}")
        return ["; ".join(out) + "."]

    def summary(self) -> str:
        """Deciding now or waiting, in plain words."""
        opts = self.option_names
        now = f"Deciding now: {opts[self.decide_now]} (expected score {fmt(self.value_now)})."
        if not self.watched:
            return now + " No signpost would show within the delay, so waiting cannot pay."
        quoted = [f"“{lower_first(self.signpost_names[s])}”" for s in self.watched]
        watched = ", ".join(quoted[:-1]) + " and " + quoted[-1] if len(quoted) > 1 else quoted[0]
        cost = (
            f"the delay costs {fmt(self.delay_cost)}"
            if self.provenance.extra["delay_cost"]
            else "the delay is taken as free (no delay cost given)"
        )
        info = (
            f" Watching {watched} for {fmt(self.delay, 1)} months is worth {fmt(self.evsi)} "
            f"score points of information and {cost}"
        )
        if self.pays:
            verdict = f", so waiting pays: {fmt(self.value)} points better than deciding now."
        else:
            verdict = (
                f", so waiting does not pay: it is {fmt(-self.value)} points worse than "
                "deciding now."
                if self.value < -1e-12
                else ", so waiting is worth nothing more than deciding now."
            )
        return now + info + verdict + " " + " ".join(self.rule_sentences())

    def caption(self) -> str:
        """How the table was produced."""
        return (
            f"Signposts ranked by the expected value of their information (profile "
            f"{self.profile}, method {self.method}, delay {fmt(self.delay, 1)} months, case "
            f"{self.case_id}, policyopts {self.version})"
        )

    def _rows(
        self, *, names: bool, limit: int | None, **options: Any
    ) -> tuple[list[str], list[list[object]]]:
        header = [
            "Signpost" if names else "signpost",
            "Lead (months)",
            "EVSI",
            "If seen",
            "If not seen",
            "In time",
        ]
        rows: list[list[object]] = []
        for sid, r in self.signposts.iterrows():
            rows.append(
                [
                    r["name"] if names else sid,
                    r["lead_time"],
                    r["evsi"],
                    self.option_labels[str(r["if_seen"])] if names else r["if_seen"],
                    self.option_labels[str(r["if_not_seen"])] if names else r["if_not_seen"],
                    bool(r["in_time"]),
                ]
            )
        return header, rows[:limit]

    def to_frame(self) -> pd.DataFrame:
        """The signposts by EVSI (``signposts``)."""
        return self.signposts


def _custom(
    payoffs: pd.DataFrame, scen: list[str], delay_cost: object
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Validate user payoffs (alternatives x scenarios) and their delay losses."""
    if not isinstance(payoffs, pd.DataFrame):
        raise ValueError(f"payoffs: expected a DataFrame, got {type(payoffs).__name__}")
    missing = [s for s in scen if s not in payoffs.columns]
    if missing or payoffs.shape[0] < 1:
        raise ValueError(
            f"payoffs: need a column for every scenario of the case; missing {missing}"
        )
    pay = payoffs[scen].astype(np.float64)
    pay.index = pd.Index([str(i) for i in pay.index], name="option")
    if not np.isfinite(pay.to_numpy()).all():
        raise ValueError("payoffs: must be finite numbers")
    if delay_cost is None:
        return pay, pd.DataFrame(0.0, index=pay.index, columns=pay.columns)
    if not isinstance(delay_cost, pd.DataFrame):
        raise ValueError(
            "delay_cost: with 'payoffs', give the losses as a DataFrame of the same shape"
        )
    loss = delay_cost.reindex(index=payoffs.index, columns=scen)
    if loss.isna().to_numpy().any():
        raise ValueError("delay_cost: needs a loss for every alternative and scenario")
    loss = loss.astype(np.float64)
    loss.index = pay.index
    return pay, loss


def _check_delay(delay: float | None, leads: Sequence[float | None]) -> float:
    if delay is None:
        known = [x for x in leads if x is not None]
        return max(known) if known else 0.0
    if isinstance(delay, bool) or not isinstance(delay, int | float) or not np.isfinite(delay):
        raise ValueError(f"delay: expected a number of months >= 0, got {delay!r}")
    if delay < 0:
        raise ValueError(f"delay: expected a number of months >= 0, got {delay!r}")
    return float(delay)


def value_of_waiting(
    case: Case,
    profile: str | None = None,
    *,
    signposts: Sequence[str] | None = None,
    delay: float | None = None,
    delay_cost: DelayCost | pd.DataFrame | None = None,
    payoffs: pd.DataFrame | None = None,
) -> WaitingValue:
    r"""Compare deciding now with watching signposts for ``delay`` months, then deciding.

    .. math::

        \text{value of waiting} = \sum_o \max_a \sum_s p_s P(o \mid s)\,(x_{as} -
        \ell_{as}) - \max_a \sum_s p_s x_{as}

    (see :mod:`policyopts.waiting.value`): the EVSI of the watched signposts
    less what the delay costs.  Payoffs :math:`x_{as}` are the case's option
    by scenario scores (:func:`policyopts.scenario_table`, ``wsm`` on the
    criteria's value scales).

    Parameters
    ----------
    case : Case
        With scenarios and signposts.
    profile : str, optional
        Weight profile; the case's default when omitted.
    signposts : sequence of str, optional
        Signposts to consider; every signpost of the case by default.  Only
        those that would show within ``delay`` (lead time at most the delay; no
        lead time counts as in time) are watched; all are ranked.
    delay : float, optional
        Months to wait; by default the longest lead time among ``signposts``.
    delay_cost : mapping, optional
        Score shift per month of delay on named criteria, on each criterion's
        own scale: ``{"civilian_harm": 0.1}`` (every option) or
        ``{"civilian_harm": {"wait_and_see": 0.2}}``.  A shift towards the
        worse end of a criterion is a cost.  Shifted scores are clipped to the
        criterion's scale.  None: delay is free.  With ``payoffs``, a
        DataFrame of the same shape: the score points each alternative loses
        under each scenario over the whole delay.
    payoffs : DataFrame, optional
        Alternatives (rows: options, or portfolios of options) by the case's
        scenario ids, higher is better; replaces the case's option by
        scenario scores, so the analysis applies to any set of alternatives
        scored per scenario (the portfolios of a case, for instance).

    Returns
    -------
    WaitingValue
        ``.value`` (may be negative), ``.rule`` and ``.rule_sentences()``,
        ``.signposts`` ranked by EVSI, ``.summary()``.

    Raises
    ------
    CaseError
        A case without scenarios or signposts, an unknown signpost.
    ValueError
        A negative or non-numeric delay, a bad ``delay_cost``, more than 12
        watched signposts.

    References
    ----------
    Raiffa & Schlaifer (1961); Walker, Rahman & Cave (2001).

    Examples
    --------
    >>> import policyopts as po
    >>> from policyopts.waiting.examples import with_signposts
    >>> case = with_signposts(po.load_case("mali"))
    >>> w = po.value_of_waiting(case, delay=3, delay_cost={"relief": -0.1})
    >>> w.evsi >= 0, w.value <= w.evsi
    (True, True)
    """
    require_case(case)
    if not case.scenarios:
        raise CaseError("the case has no scenarios to learn about", path="scenarios")
    if not case.signposts:
        raise CaseError("the case has no signposts to watch", path="signposts")
    ids = [sp.id for sp in case.signposts] if signposts is None else list(signposts)
    if isinstance(signposts, str):
        raise ValueError(f"signposts: expected a list of signpost ids, got {signposts!r}")
    sps = [signpost(case, i) for i in ids]
    leads = [None if sp.lead_time is None else sp.lead_time.months for sp in sps]
    d = _check_delay(delay, leads)
    watched = [sp.id for sp, lead in zip(sps, leads, strict=True) if lead is None or lead <= d]
    if len(watched) > MAX_SIGNPOSTS:
        raise ValueError(
            f"signposts: at most {MAX_SIGNPOSTS} can be watched at once, got {len(watched)}"
        )
    prof = case.profile(profile)
    scen = [s.id for s in case.scenarios]
    names = {o.id: o.name for o in case.options}
    labels = {o.id: o.label for o in case.options}
    if payoffs is None:
        if isinstance(delay_cost, pd.DataFrame):
            raise ValueError(
                "delay_cost: a table of losses goes with 'payoffs'; for the case's options "
                "give shifts per month by criterion"
            )
        payoffs = scenario_table(case, prof.id)[scen]
        loss = delay_loss(case, prof.id, delay=d, delay_cost=delay_cost)
    else:
        payoffs, loss = _custom(payoffs, scen, delay_cost)
        for alt in payoffs.index:
            names.setdefault(str(alt), str(alt))
            labels.setdefault(str(alt), str(alt))
    prior = pd.Series([s.probability for s in case.scenarios], index=payoffs.columns)
    after_delay = payoffs - loss

    patterns = _patterns(len(watched))
    lik = np.stack(
        [observation_likelihoods(case, dict(zip(watched, pat, strict=True))) for pat in patterns],
        axis=1,
    )
    outcomes = [str(k) for k in range(len(patterns))]
    lik_frame = pd.DataFrame(lik, index=payoffs.columns, columns=outcomes)
    info = evsi(payoffs, prior, lik_frame)
    waited = evsi(after_delay, prior, lik_frame)
    value_now = info.value_now
    value_after = waited.value_after
    rule = pd.DataFrame(patterns, columns=watched) if watched else pd.DataFrame(index=[0])
    rule["probability"] = waited.outcome_probabilities.to_numpy()
    rule["choice"] = waited.actions.to_numpy()
    rule["expected"] = [
        float(waited.conditional_values.loc[a, o])
        for a, o in zip(waited.actions.to_numpy(), outcomes, strict=True)
    ]

    rows = []
    for sp, lead in zip(sps, leads, strict=True):
        one = evsi(
            payoffs,
            prior,
            pd.DataFrame(
                np.stack(
                    [
                        observation_likelihoods(case, {sp.id: True}),
                        observation_likelihoods(case, {sp.id: False}),
                    ],
                    axis=1,
                ),
                index=payoffs.columns,
                columns=["seen", "not_seen"],
            ),
        )
        rows.append(
            {
                "signpost": sp.id,
                "name": sp.name,
                "lead_time": np.nan if lead is None else lead,
                "evsi": one.evsi,
                "if_seen": one.actions["seen"],
                "if_not_seen": one.actions["not_seen"],
                "in_time": sp.id in watched,
            }
        )
    ranked = (
        pd.DataFrame(rows).set_index("signpost").sort_values("evsi", ascending=False, kind="stable")
    )
    value = value_after - value_now
    return WaitingValue(
        value=float(value),
        evsi=float(info.evsi),
        delay_cost=float(info.evsi - value),
        value_now=float(value_now),
        value_after=float(value_after),
        decide_now=str(info.action_now),
        delay=d,
        watched=watched,
        rule=rule,
        signposts=ranked,
        payoffs=payoffs,
        loss=loss,
        probabilities=prior,
        provenance=Provenance.of(
            case,
            profile=prof.id,
            method="wsm",
            normalization=SCALE_NORMALIZATION,
            delay=d,
            delay_cost=(
                {}
                if delay_cost is None
                else "a table of losses"
                if isinstance(delay_cost, pd.DataFrame)
                else dict(delay_cost)
            ),
            watched=list(watched),
        ),
        option_names=names,
        signpost_names={sp.id: sp.name for sp in case.signposts},
        option_labels=labels,
    )
