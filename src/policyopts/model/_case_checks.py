"""Case rules that span sections added later: signposts, portfolios, and the
risk-and-scenario model (views, burden scale, impacts). Called by
:meth:`policyopts.model.Case` validation; each appends (field path, message,
value) problems."""

from __future__ import annotations

from typing import TYPE_CHECKING

from policyopts._suggest import hint, unknown
from policyopts.model._base import Loc
from policyopts.model.portfolio import PortfolioSpec
from policyopts.model.views import PSEUDO_VIEWS

if TYPE_CHECKING:
    from policyopts.model.case import Case

__all__ = ["check_portfolio", "check_riskmodel", "check_signposts"]

_Problems = list[tuple[Loc, str, object]]
_PROB_TOL = 1e-6


def check_signposts(case: Case, problems: _Problems) -> None:
    if not case.signposts:
        return
    case._dupes("signposts", case.signposts, problems)
    if not case.scenarios:
        problems.append((("signposts",), "signposts need scenarios to tell apart", None))
        return
    scen = [s.id for s in case.scenarios]
    evidence = {e.id for e in case.evidence}
    earlier: set[str] = set()
    for k, sp in enumerate(case.signposts):
        for j, d in enumerate(sp.depends_on):
            if d not in earlier:
                problems.append(
                    (
                        ("signposts", k, "depends_on", j),
                        "not a signpost listed before this one",
                        d,
                    )
                )
        earlier.add(sp.id)
        tables: list[tuple[Loc, dict[str, float]]] = (
            [(("signposts", k, "likelihoods"), dict(sp.likelihoods))]
            if not sp.depends_on
            else [
                (("signposts", k, "conditional", r, "likelihoods"), dict(row.likelihoods))
                for r, row in enumerate(sp.conditional)
            ]
        )
        for loc, table in tables:
            for sid in table:
                if sid not in scen:
                    problems.append(((*loc, sid), "unknown scenario", sid))
            missing = [s for s in scen if s not in table]
            if missing:
                problems.append((loc, f"no probability for {', '.join(missing)}", None))
        if all(p == 0.0 for _, table in tables for p in table.values()):
            problems.append(
                (
                    ("signposts", k, "likelihoods"),
                    "probability 0 under every scenario: it can never be observed",
                    0.0,
                )
            )
        for j, ev in enumerate(sp.evidence):
            if ev not in evidence:
                problems.append((("signposts", k, "evidence", j), "unknown evidence id", ev))


def check_portfolio(case: Case, problems: _Problems) -> None:
    """Resources, costs, budgets, exclusive sets, prerequisites and interactions.

    Unknown ids, cyclic prerequisites and options that no feasible
    portfolio can contain (alone or with their prerequisites they exceed
    a budget, or they require two options of one exclusive set) are
    problems; the empty portfolio is always feasible.
    """
    case._dupes("resources", case.resources, problems)
    resources = [r.id for r in case.resources]
    for k, o in enumerate(case.options):
        for rid in o.costs:
            if rid not in resources:
                problems.append(
                    (("options", k, "costs", rid), unknown("resource", rid, resources), rid)
                )
    spec = case.portfolio
    if spec is None:
        return
    options = [o.id for o in case.options]
    for rid in spec.budgets:
        if rid not in resources:
            problems.append(
                (("portfolio", "budgets", rid), unknown("resource", rid, resources), rid)
            )
    base = spec.baseline_option
    if base is not None and base not in options:
        problems.append((("portfolio", "baseline_option"), unknown("option", base, options), base))

    def check(loc: Loc, ident: str) -> bool:
        if ident not in options:
            problems.append((loc, unknown("option", ident, options), ident))
            return False
        if ident == base:
            problems.append((loc, "the baseline option is not an action", ident))
            return False
        return True

    for k, group in enumerate(spec.exclusive):
        for j, ident in enumerate(group):
            check(("portfolio", "exclusive", k, j), ident)
    good = True
    for opt, pre in spec.requires.items():
        good &= check(("portfolio", "requires", opt), opt)
        for j, ident in enumerate(pre):
            good &= check(("portfolio", "requires", opt, j), ident)
    criteria = list(case.criterion_ids)
    evidence = {e.id for e in case.evidence}
    named: set[str] = set()
    for k, it in enumerate(spec.interactions):
        if it.id is not None and it.id in named:
            problems.append((("portfolio", "interactions", k, "id"), "duplicate id", it.id))
        named.add(it.id or "")
    for k, it in enumerate(spec.interactions):
        loc: Loc = ("portfolio", "interactions", k)
        for j, ident in enumerate(it.options):
            check((*loc, "options", j), ident)
        if it.criterion not in criteria:
            problems.append(
                (
                    (*loc, "criterion"),
                    unknown("criterion", it.criterion, criteria),
                    it.criterion,
                )
            )
        for j, ev in enumerate(it.evidence):
            if ev not in evidence:
                problems.append(((*loc, "evidence", j), "unknown evidence id", ev))
    if good:
        _check_feasible(case, spec, problems)


def _check_feasible(case: Case, spec: PortfolioSpec, problems: _Problems) -> None:
    # prerequisites: every option's full set of requirements; a cycle is a problem
    closure: dict[str, set[str]] = {}
    for opt in spec.requires:
        seen: set[str] = set()
        stack = list(spec.requires[opt])
        while stack:
            node = stack.pop()
            if node == opt:
                problems.append(
                    (("portfolio", "requires", opt), "the prerequisites form a cycle", opt)
                )
                return
            if node not in seen:
                seen.add(node)
                stack.extend(spec.requires.get(node, []))
        closure[opt] = seen
    costs = {o.id: o.costs for o in case.options}
    for k, o in enumerate(case.options):
        needed = {o.id} | closure.get(o.id, set())
        for rid, budget in spec.budgets.items():
            total = sum(costs[i].get(rid, 0.0) for i in needed)
            if total > budget * (1 + 1e-9):
                with_pre = " with its prerequisites" if len(needed) > 1 else ""
                problems.append(
                    (
                        ("options", k, "costs", rid) if rid in o.costs else ("options", k),
                        f"no feasible portfolio contains {o.id}: its cost{with_pre} "
                        f"{total:g} exceeds the {rid} budget {budget:g}",
                        total,
                    )
                )
        for j, group in enumerate(spec.exclusive):
            both = sorted(needed & set(group))
            if len(both) > 1:
                problems.append(
                    (
                        ("portfolio", "exclusive", j),
                        f"no feasible portfolio contains {o.id}: it needs "
                        f"{' and '.join(both)}, which exclude each other",
                        group,
                    )
                )


# --------------------------------------------------------------- queries


def check_riskmodel(case: Case, problems: _Problems) -> None:
    """Baseline, per-scenario scores, risk impacts and overlaps, source relays."""
    scenario_ids = {s.id for s in case.scenarios}
    for k, sc in enumerate(case.scenarios):
        if sc.id in PSEUDO_VIEWS:
            problems.append((("scenarios", k, "id"), "this id is reserved", sc.id))
    if case.baseline not in {*PSEUDO_VIEWS, *scenario_ids}:
        problems.append(
            (("baseline",), "not 'assessed', 'expected' or a scenario id", case.baseline)
        )
    criteria = {c.id: c for c in case.criteria}
    changed = {(s.id, ch.option, ch.criterion) for s in case.scenarios for ch in s.score_changes}
    for k, a in enumerate(case.assessments):
        crit = criteria.get(a.criterion)
        for sid, own in a.by_scenario.items():
            loc: Loc = ("assessments", k, "by_scenario", sid)
            if sid not in scenario_ids:
                problems.append((loc, "unknown scenario", sid))
                continue
            if (sid, a.option, a.criterion) in changed:
                problems.append((loc, "the scenario's score_changes also change this score", sid))
            if crit is None:
                continue
            lo, hi = crit.scale.min, crit.scale.max
            bounds = [own.score]
            if own.uncertainty is not None and own.uncertainty.kind != "normal":
                bounds += list(own.uncertainty.bounds(own.score))
            if not all(lo <= b <= hi for b in bounds):
                problems.append(((*loc, "score"), f"outside the scale [{lo:g}, {hi:g}]", own.score))
    for k, r in enumerate(case.risks):
        for cid in r.impacts:
            if cid not in criteria:
                problems.append(
                    (("risks", k, "impacts", cid), "unknown criterion" + hint(cid, criteria), cid)
                )
        for j, cid in enumerate(r.overlaps):
            if cid not in criteria:
                problems.append(
                    (("risks", k, "overlaps", j), "unknown criterion" + hint(cid, criteria), cid)
                )
    source_ids = {s.id for s in case.sources}
    for k, src in enumerate(case.sources):
        for j, rid in enumerate(src.relays):
            if rid not in source_ids or rid == src.id:
                problems.append((("sources", k, "relays", j), "unknown source", rid))
