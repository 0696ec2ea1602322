"""The case: one policy question with everything needed to analyse it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cached_property
from typing import Literal, TypeVar

from pydantic import Field, model_validator

from policyopts._suggest import close_match, unknown
from policyopts.exceptions import CaseError
from policyopts.model._base import DateStr, Id, Loc, Model, RuleViolations, Text
from policyopts.model._case_checks import check_portfolio, check_riskmodel, check_signposts
from policyopts.model.assessments import Assessment
from policyopts.model.criteria import Branch, Criterion, Scale
from policyopts.model.evidence import Evidence, Source
from policyopts.model.limits import check_limits
from policyopts.model.options import Option
from policyopts.model.portfolio import PortfolioSpec, Resource
from policyopts.model.profiles import WeightProfile
from policyopts.model.risks import Risk, RiskCriterion
from policyopts.model.scenarios import Scenario
from policyopts.model.signposts import Signpost
from policyopts.model.views import PSEUDO_VIEWS, burdens_by_view, pseudo_scenario

__all__ = ["Case"]

_T = TypeVar("_T", Option, Criterion, Branch, Risk, Scenario, WeightProfile, Source, Evidence)
_Problems = list[tuple[Loc, str, object]]

_PROB_TOL = 1e-6


def _unknown_id(what: str, value: object, known: Iterable[str]) -> str:
    """``unknown criterion`` with a "did you mean" when a known id is close."""
    guess = close_match(value, known)
    return f"unknown {what}" + (f" (did you mean {guess!r}?)" if guess else "")


def _find(items: Sequence[_T], ident: str, what: str) -> _T:
    for item in items:
        if item.id == ident:
            return item
    raise CaseError(unknown(what, ident, [i.id for i in items]), path=what, value=ident)


class Case(Model):
    """A policy question: options, criteria, assessments, risks, scenarios,
    weight profiles and the evidence behind them.

    Constructing a case checks every rule and cross-reference and raises
    :class:`~policyopts.CaseError` listing each problem with its field path:
    unique ids; known options, criteria, branches, risks and evidence; one
    assessment for every option and criterion, within the criterion's scale;
    exposures for every option; scenario probabilities summing to 1; profiles
    weighting every criterion with non-negative weights, not all zero.
    """

    format_version: Literal[1] = 1
    id: Id
    title: Text
    question: str = ""
    description: str = ""
    as_of: DateStr | None = None
    """Date the case reflects (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``)."""
    authors: list[str] = Field(default_factory=list)
    default_profile: Id | None = None
    """Profile used when none is named; the first profile when omitted."""
    risk_impact_scale: Scale = Field(
        default_factory=lambda: Scale(min=1.0, max=5.0, unit="severity")
    )
    """The scale every risk's impact is stated on."""
    risk_criterion: RiskCriterion = Field(default_factory=RiskCriterion)
    """How risk burdens enter the value tree (used when the case has risks)."""
    baseline: Id = "assessed"
    """What an analysis without a scenario uses: ``assessed`` (the assessed
    scores), the id of one scenario, or ``expected`` (the probability-weighted
    mix of the scenarios)."""
    branches: list[Branch] = Field(default_factory=list)
    options: list[Option] = Field(min_length=2)
    criteria: list[Criterion] = Field(min_length=1)
    assessments: list[Assessment] = Field(default_factory=list)
    risks: list[Risk] = Field(default_factory=list)
    scenarios: list[Scenario] = Field(default_factory=list)
    signposts: list[Signpost] = Field(default_factory=list)
    """Observable indicators and their probabilities under each scenario."""
    profiles: list[WeightProfile] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    resources: list[Resource] = Field(default_factory=list)
    """What options consume (money, staff, political capital), with units."""
    portfolio: PortfolioSpec | None = None
    """Budgets and constraints when options can be combined into portfolios."""

    # ------------------------------------------------------------------ checks
    @model_validator(mode="after")
    def _check_case(self) -> Case:
        problems: _Problems = []
        self._check_limits(problems)  # first: beyond a limit, other checks may be slow
        self._check_unique(problems)
        self._check_tree(problems)
        self._check_assessments(problems)
        self._check_evidence(problems)
        self._check_risks(problems)
        self._check_scenarios(problems)
        self._check_profiles(problems)
        check_portfolio(self, problems)
        check_riskmodel(self, problems)
        check_signposts(self, problems)
        if problems:
            raise RuleViolations(problems)
        return self

    def _check_unique(self, problems: _Problems) -> None:
        for field in ("branches", "options", "criteria", "risks", "scenarios", "profiles"):
            self._dupes(field, getattr(self, field), problems)
        self._dupes("sources", self.sources, problems)
        self._dupes("evidence", self.evidence, problems)
        branch_ids = {b.id for b in self.branches}
        for k, c in enumerate(self.criteria):
            if c.id in branch_ids:
                problems.append(
                    (("criteria", k, "id"), "a criterion and a branch share this id", c.id)
                )
        if self.has_risks:
            rc = self.risk_criterion.id
            if rc in {c.id for c in self.criteria} | branch_ids:
                problems.append(
                    (
                        ("risk_criterion", "id"),
                        "risk criterion id clashes with a criterion or branch",
                        rc,
                    )
                )
            if self.risk_criterion.parent in {c.id for c in self.criteria}:
                problems.append(
                    (
                        ("risk_criterion", "parent"),
                        "the risk branch cannot be a criterion",
                        self.risk_criterion.parent,
                    )
                )

    @staticmethod
    def _dupes(field: str, items: Iterable[Model], problems: _Problems) -> None:
        seen: set[str] = set()
        for k, item in enumerate(items):
            ident = getattr(item, "id", None)
            if isinstance(ident, str):
                if ident in seen:
                    problems.append(((field, k, "id"), "duplicate id", ident))
                seen.add(ident)

    def _check_tree(self, problems: _Problems) -> None:
        branch_ids = {b.id for b in self.branches}
        for k, b in enumerate(self.branches):
            if b.parent is not None and b.parent not in branch_ids:
                problems.append((("branches", k, "parent"), "unknown branch", b.parent))
        parent = {b.id: b.parent for b in self.branches}
        for k, b in enumerate(self.branches):
            seen = {b.id}
            node = b.parent
            while node is not None and node in parent:
                if node in seen:
                    problems.append(
                        (("branches", k, "parent"), "the value tree has a cycle", b.parent)
                    )
                    break
                seen.add(node)
                node = parent[node]
        for k, c in enumerate(self.criteria):
            if c.parent is not None and c.parent not in branch_ids:
                problems.append((("criteria", k, "parent"), "unknown branch", c.parent))

    def _check_limits(self, problems: _Problems) -> None:
        """Sizes, lengths and tree depth (see :mod:`policyopts.model.limits`)."""
        check_limits(self, problems)

    def _check_assessments(self, problems: _Problems) -> None:
        options = {o.id for o in self.options}
        criteria = {c.id: c for c in self.criteria}
        seen: set[tuple[str, str]] = set()
        for k, a in enumerate(self.assessments):
            if a.option not in options:
                problems.append(
                    (
                        ("assessments", k, "option"),
                        _unknown_id("option", a.option, options),
                        a.option,
                    )
                )
            crit = criteria.get(a.criterion)
            if crit is None:
                problems.append(
                    (
                        ("assessments", k, "criterion"),
                        _unknown_id("criterion", a.criterion, criteria),
                        a.criterion,
                    )
                )
            if (a.option, a.criterion) in seen:
                problems.append(
                    (("assessments", k), "second assessment of this option and criterion", None)
                )
            seen.add((a.option, a.criterion))
            if crit is None:
                continue
            lo, hi = crit.scale.min, crit.scale.max
            if not lo <= a.score <= hi:
                problems.append(
                    (
                        ("assessments", k, "score"),
                        f"outside the scale [{lo:g}, {hi:g}] of {crit.id}",
                        a.score,
                    )
                )
            u = a.uncertainty
            if u is not None and u.kind not in ("normal",):
                ulo, uhi = u.bounds(a.score)
                if ulo < lo:
                    problems.append(
                        (
                            ("assessments", k, "uncertainty", "low"),
                            f"below the scale minimum {lo:g}",
                            ulo,
                        )
                    )
                if uhi > hi:
                    problems.append(
                        (
                            ("assessments", k, "uncertainty", "high"),
                            f"above the scale maximum {hi:g}",
                            uhi,
                        )
                    )
        missing = [
            f"{o.id} × {c.id}"
            for o in self.options
            for c in self.criteria
            if (o.id, c.id) not in seen
        ]
        if missing:
            shown = ", ".join(missing[:5]) + (
                f" and {len(missing) - 5} more" if len(missing) > 5 else ""
            )
            problems.append((("assessments",), f"no assessment for {shown}", None))

    def _check_evidence(self, problems: _Problems) -> None:
        sources = {s.id for s in self.sources}
        evidence = {e.id for e in self.evidence}
        for k, e in enumerate(self.evidence):
            if e.source not in sources:
                problems.append((("evidence", k, "source"), "unknown source", e.source))
        for field in ("assessments", "risks", "scenarios"):
            for k, item in enumerate(getattr(self, field)):
                for j, ev in enumerate(item.evidence):
                    if ev not in evidence:
                        problems.append(((field, k, "evidence", j), "unknown evidence id", ev))

    def _check_risks(self, problems: _Problems) -> None:
        options = [o.id for o in self.options]
        scale = self.risk_impact_scale
        for k, r in enumerate(self.risks):
            if not scale.min <= r.impact <= scale.max:
                problems.append(
                    (
                        ("risks", k, "impact"),
                        f"outside the impact scale [{scale.min:g}, {scale.max:g}]",
                        r.impact,
                    )
                )
            for opt in r.exposure:
                if opt not in options:
                    problems.append((("risks", k, "exposure", opt), "unknown option", opt))
            missing = [o for o in options if o not in r.exposure]
            if missing:
                problems.append(
                    (("risks", k, "exposure"), f"no exposure for {', '.join(missing)}", None)
                )

    def _check_scenarios(self, problems: _Problems) -> None:
        if not self.scenarios:
            return
        total = sum(s.probability for s in self.scenarios)
        if abs(total - 1.0) > _PROB_TOL:
            problems.append((("scenarios",), f"probabilities sum to {total:.6g}, not 1", total))
        options = {o.id for o in self.options}
        criteria = {c.id: c for c in self.criteria}
        base = {(a.option, a.criterion): a.score for a in self.assessments}
        risks = {r.id for r in self.risks}
        for k, s in enumerate(self.scenarios):
            for j, ch in enumerate(s.score_changes):
                loc: Loc = ("scenarios", k, "score_changes", j)
                if ch.option not in options:
                    problems.append(
                        ((*loc, "option"), _unknown_id("option", ch.option, options), ch.option)
                    )
                crit = criteria.get(ch.criterion)
                if crit is None:
                    problems.append(
                        (
                            (*loc, "criterion"),
                            _unknown_id("criterion", ch.criterion, criteria),
                            ch.criterion,
                        )
                    )
                    continue
                if (ch.option, ch.criterion) not in base:
                    continue
                new = ch.apply(base[(ch.option, ch.criterion)])
                if not crit.scale.min <= new <= crit.scale.max:
                    problems.append(
                        (
                            loc,
                            f"moves the score to {new:g}, outside the scale "
                            f"[{crit.scale.min:g}, {crit.scale.max:g}]",
                            ch.shift if ch.shift is not None else ch.set,
                        )
                    )
            for rid in s.likelihood_overrides:
                if rid not in risks:
                    problems.append(
                        (
                            ("scenarios", k, "likelihood_overrides", rid),
                            _unknown_id("risk", rid, risks),
                            rid,
                        )
                    )

    def _check_profiles(self, problems: _Problems) -> None:
        ids = self.criterion_ids
        parents = self.tree_parents
        for k, p in enumerate(self.profiles):
            field = p.form
            if field == "tree":
                try:
                    p.resolve(ids, parents)
                except (ValueError, ArithmeticError) as exc:
                    problems.append((("profiles", k, field), str(exc), None))
                continue
            named = p.criteria
            for cid in named:
                if cid not in ids:
                    problems.append(
                        (("profiles", k, field, cid), _unknown_id("criterion", cid, ids), cid)
                    )
            missing = [c for c in ids if c not in named]
            if missing:
                problems.append(
                    (("profiles", k, field), f"no weight for {', '.join(missing)}", None)
                )
            if missing or any(c not in ids for c in named):
                continue
            try:
                p.resolve(ids)
            except (ValueError, ArithmeticError) as exc:
                problems.append((("profiles", k, field), str(exc), None))
        if self.default_profile is not None and self.default_profile not in {
            p.id for p in self.profiles
        }:
            problems.append((("default_profile",), "unknown profile", self.default_profile))

    @cached_property
    def has_risks(self) -> bool:
        """Whether the case has a risk-burden criterion: a risk that names no
        ``impacts`` on criteria."""
        return any(r.in_burden for r in self.risks)

    @cached_property
    def criterion_ids(self) -> list[str]:
        """Ids of every weighted criterion: the scored ones, then the risk burden."""
        ids = [c.id for c in self.criteria]
        if self.has_risks:
            ids.append(self.risk_criterion.id)
        return ids

    @cached_property
    def tree_parents(self) -> dict[str, str | None]:
        """Parent of every node of the value tree: criteria (risk burden
        included) and branches; ``None`` at the top."""
        out: dict[str, str | None] = {c.id: c.parent for c in self.criteria}
        if self.has_risks:
            out[self.risk_criterion.id] = self.risk_criterion.parent
        for b in self.branches:
            out[b.id] = b.parent
        if self.has_risks and self.risk_criterion.parent not in out:
            out[self.risk_criterion.parent] = None
        return out

    def weights(self, profile: str | None = None) -> dict[str, float]:
        """The normalised weights of a profile (the default one when ``None``),
        by criterion id."""
        prof = self.profile(profile)
        values = prof.resolve(self.criterion_ids, self.tree_parents)
        return {c: float(v) for c, v in zip(self.criterion_ids, values, strict=True)}

    @cached_property
    def option_ids(self) -> list[str]:
        """Ids of the options, in case order."""
        return [o.id for o in self.options]

    @cached_property
    def risk_burden_max(self) -> float:
        """Top of the risk-burden scale: an option fully exposed to every risk
        at its highest likelihood anywhere in the case."""
        total = 0.0
        for r in self.risks:
            if not r.in_burden:
                continue
            top = r.likelihood
            if r.likelihood_uncertainty is not None:
                top = max(top, min(1.0, r.likelihood_uncertainty.bounds(r.likelihood)[1]))
            for s in self.scenarios:
                top = max(top, s.likelihood_overrides.get(r.id, top))
            total += top * r.impact
        return total if total > 0 else 1.0

    @cached_property
    def all_criteria(self) -> list[Criterion]:
        """Every weighted criterion, the derived risk-burden criterion included."""
        out = list(self.criteria)
        if self.has_risks:
            rc = self.risk_criterion
            out.append(
                Criterion(
                    id=rc.id,
                    name=rc.name,
                    description=rc.description,
                    parent=rc.parent,
                    direction="cost",
                    scale=self.risk_burden_scale,
                )
            )
        return out

    @cached_property
    def all_branches(self) -> list[Branch]:
        """The value tree's branches, the risk branch included when derived."""
        out = list(self.branches)
        if self.has_risks and self.risk_criterion.parent not in {b.id for b in out}:
            out.append(
                Branch(
                    id=self.risk_criterion.parent,
                    name="Risk",
                    description="Burdens from the case's risks.",
                )
            )
        return out

    def option(self, ident: str) -> Option:
        """The option with id ``ident`` (``CaseError`` if there is none)."""
        return _find(self.options, ident, "option")

    def criterion(self, ident: str) -> Criterion:
        """The criterion with id ``ident``, the risk criterion included."""
        return _find(self.all_criteria, ident, "criterion")

    def risk(self, ident: str) -> Risk:
        """The risk with id ``ident``."""
        return _find(self.risks, ident, "risk")

    def scenario(self, ident: str) -> Scenario:
        """The scenario with id ``ident``.

        ``"assessed"`` and ``"expected"`` give a stand-in scenario: no change,
        and the probability-weighted mix of the scenarios (every score set to
        its expected score, every overridden likelihood to its expected
        value); see :mod:`policyopts.model.views`.
        """
        if ident in PSEUDO_VIEWS:
            return pseudo_scenario(self, ident)
        return _find(self.scenarios, ident, "scenario")

    def profile(self, ident: str | None = None) -> WeightProfile:
        """The profile with id ``ident``; the default profile when ``None``."""
        if ident is None:
            if self.default_profile is not None:
                ident = self.default_profile
            elif self.profiles:
                return self.profiles[0]
            else:
                raise CaseError("the case has no weight profiles", path="profiles")
        return _find(self.profiles, ident, "profile")

    def source(self, ident: str) -> Source:
        """The source with id ``ident``."""
        return _find(self.sources, ident, "source")

    def evidence_record(self, ident: str) -> Evidence:
        """The evidence record with id ``ident``."""
        return _find(self.evidence, ident, "evidence")

    def assessment(self, option: str, criterion: str) -> Assessment:
        """The assessment of ``option`` on ``criterion``."""
        for a in self.assessments:
            if a.option == option and a.criterion == criterion:
                return a
        raise CaseError(
            f"no assessment of option {option!r} on criterion {criterion!r}",
            path="assessments",
            value=(option, criterion),
        )

    def basis_counts(self) -> dict[str, int]:
        """How many assessments rest on sources and how many on judgement.

        ``source`` counts every sourced basis (``fact``, ``opinion`` and
        ``source``); :func:`policyopts.audit` splits them per option.
        """
        counts = Counter(a.basis for a in self.assessments)
        sourced = counts.get("source", 0) + counts.get("fact", 0) + counts.get("opinion", 0)
        return {"source": sourced, "judgement": counts.get("judgement", 0)}

    @cached_property
    def risk_burden_scale(self) -> Scale:
        """The scale of the risk-burden criterion (see ``risk_criterion.scale``).

        ``plausible``: from the least to the most burdened option over the
        assessed likelihoods and every scenario's (point likelihoods; a
        sampled burden beyond the range is clipped to it, as on every scale);
        ``possible``: from 0 to
        :attr:`risk_burden_max`; or the declared scale. A plausible range of
        zero width (every option equally burdened everywhere) falls back to
        the possible scale.
        """
        unit = self.risk_impact_scale.unit
        declared = self.risk_criterion.scale
        if isinstance(declared, Scale):
            return declared
        if declared == "plausible" and self.has_risks:
            burdens = burdens_by_view(self)
            lo, hi = float(burdens.min()), float(burdens.max())
            if hi - lo > 1e-12 * max(1.0, abs(hi)):
                return Scale(min=lo, max=hi, unit=unit)
        return Scale(min=0.0, max=self.risk_burden_max, unit=unit)
