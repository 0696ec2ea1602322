"""Every analysis the brief needs, each computed once and shared between its parts.

:class:`BriefAnalysis` wraps a case and the brief's settings; each analysis is
a cached property, computed the first time a part of the brief asks for it
(the terminal bottom line asks for a few; the HTML brief for all). One SMAA
run per stakeholder profile, at the brief's number of draws and seed, feeds
the bottom line, the red team and the robustness appendix alike.
"""

from __future__ import annotations

import datetime as _dt
import functools
from collections.abc import Mapping
from typing import Any

import pandas as pd

from policyopts import methods as _methods
from policyopts._limits import BRIEF_DRAWS
from policyopts.model import Case

__all__ = ["DEFAULT_DRAWS", "BriefAnalysis", "as_of_words", "lower_first"]

#: Simulations per stakeholder profile in the brief (:data:`policyopts._limits.BRIEF_DRAWS`).
DEFAULT_DRAWS = BRIEF_DRAWS


def as_of_words(text: str | None) -> str:
    """``2025-12`` as ``December 2025`` (other forms unchanged)."""
    if not text:
        return ""
    try:
        if len(text) == 7:
            return _dt.datetime.strptime(text, "%Y-%m").strftime("%B %Y")
        if len(text) == 10:
            day = _dt.datetime.strptime(text, "%Y-%m-%d")
            return f"{day.day} {day:%B %Y}"
    except ValueError:
        return text
    return text


def lower_first(text: str) -> str:
    """A name for the middle of a sentence: ``"Strangulation of Bamako"`` becomes
    ``"strangulation of Bamako"``; a first word in capitals (``"JNIM"``, ``"US"``) stays."""
    head = text.split(" ", 1)[0]
    return text[:1].lower() + text[1:] if head[1:] == head[1:].lower() else text


class BriefAnalysis:
    """The analyses behind one brief: the case, its leading profile and method.

    Parameters
    ----------
    case : Case
    profile : str, optional
        The profile the brief leads with (the case's default when omitted).
    method : str
        The MCDA method the brief leads with.
    seed, n_samples : int
        Seed and number of draws of every simulation (SMAA) in the brief.
    """

    def __init__(
        self,
        case: Case,
        profile: str | None = None,
        *,
        method: str = "wsm",
        seed: int = 0,
        n_samples: int = DEFAULT_DRAWS,
    ) -> None:
        self.case = case
        self.profile: str | None = case.profile(profile).id if case.profiles else None
        self.method = method
        self.seed = seed
        self.n_samples = n_samples
        self._smaa: dict[str | None, Any] = {}
        self._scenarios: dict[str | None, Any] = {}

    # ---------------------------------------------------------------- names
    def label(self, option: str) -> str:
        """The option's short label (its name when it has none)."""
        return self.case.option(option).label

    def profile_name(self, profile: str | None = None) -> str:
        """The profile's name, in lower case for use inside a sentence."""
        pid = profile or self.profile
        return lower_first(self.case.profile(pid).name) if pid else "equal"

    @property
    def profile_ids(self) -> list[str]:
        return [p.id for p in self.case.profiles]

    # ---------------------------------------------------------------- analyses
    @functools.cached_property
    def comparison(self) -> Any:
        """:func:`policyopts.compare` under the leading profile."""
        from policyopts.compare import compare

        return compare(self.case, self.profile, self.method)

    @functools.cached_property
    def profiles(self) -> Any:
        """:func:`policyopts.compare_profiles`, or None with fewer than two profiles."""
        from policyopts.compare import compare_profiles

        return compare_profiles(self.case, self.method) if len(self.case.profiles) > 1 else None

    @functools.cached_property
    def _inputs(self) -> Any:
        from policyopts.inputs import uncertain_inputs

        return uncertain_inputs(self.case)

    def smaa(self, profile: str | None = None) -> Any:
        """SMAA-2 under ``profile`` (weights centred on it, scores drawn from their ranges),
        run once per profile."""
        from policyopts.sensitivity.smaa import smaa_case

        key = profile or self.profile
        if key not in self._smaa:
            self._smaa[key] = smaa_case(
                self.case,
                key,
                method=self.method,
                n_samples=self.n_samples,
                seed=self.seed,
                weights="profile",
                inputs=self._inputs,
            )
        return self._smaa[key]

    @functools.cached_property
    def smaa_by_profile(self) -> dict[str, Any]:
        """:meth:`smaa` for every profile (the leading one reused)."""
        return {pid: self.smaa(pid) for pid in self.profile_ids}

    def scenarios(self, profile: str | None = None) -> Any:
        """:func:`policyopts.scenario_robustness` under ``profile`` (run once per profile),
        or None without scenarios."""
        from policyopts.scenarios import scenario_robustness

        if not self.case.scenarios:
            return None
        key = profile or self.profile
        if key not in self._scenarios:
            self._scenarios[key] = scenario_robustness(self.case, key, method=self.method)
        return self._scenarios[key]

    @functools.cached_property
    def views(self) -> pd.DataFrame:
        """Rank of each option (1 = best) under every profile x scenario.

        Columns are ``(profile, scenario)`` pairs; without scenarios, one
        column per profile (scenario ``""``).
        """
        pids: list[str | None] = [*self.profile_ids] or [None]
        columns: dict[tuple[str, str], pd.Series] = {}
        for pid in pids:
            sr = self.scenarios(pid)
            key = pid or ""
            if sr is None:
                from policyopts.compare import compare

                table = compare(self.case, pid, self.method).table
                columns[(key, "")] = table["rank"].astype(int)
                continue
            for sid in sr.payoffs.columns:
                col = sr.payoffs[sid].astype(float)
                # payoffs are oriented so that higher is better (VIKOR's Q negated)
                ranks = col.rank(ascending=False, method="min")
                columns[(key, str(sid))] = ranks.astype(int)
        return pd.DataFrame(columns)

    @functools.cached_property
    def has_portfolios(self) -> bool:
        """Whether the case prices its options, so strategies can be built."""
        return bool(self.case.resources) and any(o.costs for o in self.case.options)

    @functools.cached_property
    def strategies(self) -> Any:
        """:func:`policyopts.portfolios` under the leading profile (None if not priced)."""
        from policyopts.portfolio import portfolios

        if not self.has_portfolios:
            return None
        return portfolios(self.case, self.profile, method=self.method)

    @functools.cached_property
    def strategies_by_scenario(self) -> Mapping[str, tuple[str, ...]]:
        """The best strategy's members in each scenario (empty without pricing)."""
        from policyopts.portfolio import portfolios

        if not self.has_portfolios:
            return {}
        return {
            s.id: tuple(portfolios(self.case, self.profile, method=self.method, scenario=s.id).best)
            for s in self.case.scenarios
        }

    @functools.cached_property
    def robust_strategies(self) -> Any:
        """:func:`policyopts.rpm_case` (core, borderline, exterior actions), or None."""
        from policyopts.portfolio import rpm_case

        return rpm_case(self.case, self.profile) if self.has_portfolios else None

    @functools.cached_property
    def flips(self) -> Any:
        """:func:`policyopts.flip_analysis` (additive models on value scales), or None."""
        from policyopts.sensitivity.flips import flip_analysis

        if not _methods.spec(self.method).case_scale or len(self.case.criterion_ids) < 2:
            return None
        return flip_analysis(self.case, self.profile)

    @functools.cached_property
    def triggers(self) -> Any:
        """:func:`policyopts.triggers`, or None (no scenarios or a single criterion: the
        triggers move a scenario probability or one weight against the others)."""
        from policyopts.waiting import triggers

        if not self.case.scenarios or self.profile is None or len(self.case.criterion_ids) < 2:
            return None
        return triggers(self.case, self.profile)

    @functools.cached_property
    def waiting(self) -> Any:
        """:func:`policyopts.value_of_waiting` over the case's signposts, or None without them."""
        from policyopts.waiting import value_of_waiting

        if self.triggers is None or not self.case.signposts:
            return None
        return value_of_waiting(self.case, self.profile)

    # ---------------------------------------------------------------- derived facts
    @property
    def top(self) -> str:
        """The leading profile's first option at the central estimates."""
        return str(self.comparison.ranking[0])

    @property
    def bottom(self) -> str:
        """The leading profile's last option at the central estimates."""
        return str(self.comparison.ranking[-1])

    def first_shares(self, profile: str | None = None) -> pd.Series:
        """Share of simulations in which each option ranks first, largest first."""
        first: pd.Series = self.smaa(profile).first_rank.astype(float)
        return first.sort_values(ascending=False)

    def last_counts(self) -> pd.Series:
        """In how many views (profile x scenario) each option ranks last."""
        views = self.views
        worst = views.max(axis=0)
        return (views == worst).sum(axis=1).sort_values(ascending=False)
