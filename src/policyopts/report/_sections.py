"""The policymaker's part of the brief: strategy, key assumptions, red team, what to watch.

Each function adds one section to a :class:`~policyopts.report._base.Brief`
from the analyses it shares (:class:`~policyopts.report._analysis.BriefAnalysis`),
in plain words: no method names, no symbols; the estimative phrases come
from :func:`~policyopts.report._estimative.estimative`.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from policyopts.report._base import Brief, table
from policyopts.report._bottom_line import join, lower_first, waiting_sentence
from policyopts.report._estimative import estimative, percent

__all__ = ["assumptions", "red_team", "strategy", "watch"]


def _chance(p: float) -> str:
    """``"35%, unlikely"``."""
    return f"{percent(p)}, {estimative(p)}"


def _scenario_triggers(b: Brief) -> list[dict[str, Any]]:
    """The scenario probabilities at which the top option changes, nearest first."""
    if b.analysis.triggers is None:
        return []
    t = b.analysis.triggers.table
    rows = t[(t["kind"] == "scenario") & t["first"].astype(bool)].sort_values("distance")
    out = []
    for _, r in rows.iterrows():
        out.append(
            {
                "scenario": b.case.scenario(str(r["target"])).name,
                "direction": "rises above" if r["direction"] == "above" else "falls below",
                "threshold": percent(float(r["threshold"])),
                "now": _chance(float(r["current"])),
                "leader": b.label(str(r["leader"])),
                "challenger": b.label(str(r["challenger"])),
            }
        )
    return out


def _weight_triggers(b: Brief, n: int = 3) -> list[str]:
    """The nearest weight changes at which the top option changes, in words."""
    if b.analysis.triggers is None:
        return []
    t = b.analysis.triggers.table
    rows = t[(t["kind"] == "weight") & t["first"].astype(bool)].sort_values("distance").head(n)
    return [str(s)[:1].upper() + str(s)[1:] + "." for s in rows["sentence"]]


def _costs(b: Brief, members: tuple[str, ...]) -> dict[str, Any] | None:
    from policyopts._tables import html_table

    resources = list(b.case.resources)
    if not resources:
        return None
    header = ["", *(f"{r.name} ({r.unit})" for r in resources)]
    amounts = [[float(b.case.option(m).costs.get(r.id, 0.0)) for r in resources] for m in members]
    rows: list[list[object]] = [[b.name(m), *v] for m, v in zip(members, amounts, strict=True)]
    rows.append(["Total", *(sum(v[j] for v in amounts) for j in range(len(resources)))])
    budgets = b.case.portfolio.budgets if b.case.portfolio else {}
    rows.append(["Budget", *(budgets.get(r.id, "none") for r in resources)])
    notes = [f"{r.name}: {r.description}" for r in resources if r.description]
    return {
        "table": table(html_table(header, rows, caption="What the strategy costs.", digits=0)),
        "notes": notes,
    }


def strategy(b: Brief) -> None:
    """The recommended strategy: what first, what next, when to switch, what it costs."""
    a = b.analysis
    ranking = a.strategies
    best: tuple[str, ...] = tuple(ranking.best) if ranking is not None else (a.top,)
    steps: list[str] = []
    rpm = a.robust_strategies
    core = [m for m in (rpm.core if rpm is not None else [a.top]) if m in best] or [best[0]]
    rest = [m for m in best if m not in core]
    steps.append(
        f"First: {join([b.name(m) for m in core])}"
        + (" — in every strategy that stays best when the priorities shift." if rpm else ".")
    )
    if rest:
        steps.append(
            f"Alongside: {join([b.name(m) for m in rest])} — part of the best strategy, though not"
            " in every strategy that stays best when the priorities shift."
        )
    for s in b.case.scenarios:
        there = a.strategies_by_scenario.get(s.id)
        if there is None or set(there) == set(best):
            continue
        add = [b.label(m) for m in there if m not in best]
        drop = [b.label(m) for m in best if m not in there]
        change = "; ".join(
            part
            for part in (f"add {join(add)}" if add else "", f"drop {join(drop)}" if drop else "")
            if part
        )
        steps.append(f"In the scenario “{s.name}” (now {_chance(s.probability)}): {change}.")
    for t in _scenario_triggers(b):
        steps.append(
            f"Decision point: if the chance of “{t['scenario']}” {t['direction']} "
            f"{t['threshold']} (now {t['now']}), {t['challenger']} overtakes {t['leader']} as the "
            f"single best option: switch the lead effort to {t['challenger']}."
        )
    name = " + ".join(b.label(m) for m in best)
    intro = (
        f"Recommended: {name}, the best combination of options within the budgets."
        if ranking is not None
        else f"Recommended: {b.name(best[0])}. The case prices no option, so no combination"
        " is built."
    )
    b.add(
        "strategy",
        "Recommended strategy",
        "strategy.html.j2",
        intro=intro,
        members=[b.case.option(m) for m in best],
        steps=steps,
        costs=_costs(b, best) if ranking is not None else None,
    )


def assumptions(b: Brief) -> None:
    """What must be true for the recommended option to stay best."""
    a = b.analysis
    top = b.label(a.top)
    items: list[str] = []
    share = float(a.first_shares()[a.top])
    items.append(
        f"The judgements hold roughly as scored: {top} comes first in {percent(share)} "
        f"of {a.n_samples:,} simulations that vary the priorities and the scores within their "
        f"stated ranges ({estimative(share)})."
    )
    if a.flips is not None:
        wf = a.flips.weight_flips
        feasible = wf[wf["feasible"]]
        if len(feasible):
            nearest = str(feasible["l1"].idxmin())
            label = b.name(nearest)
            said = [s for s in a.flips.sentences() if s.startswith(label + " ")]
            items += [f"The priorities and scores do not shift this far: {s}" for s in said[:2]]
    for t in _scenario_triggers(b):
        items.append(
            f"The chance of “{t['scenario']}” stays below {t['threshold']} (now "
            f"{t['now']}); above it {t['challenger']} overtakes {t['leader']}."
        )
    items += _weight_triggers(b)
    if a.strategies is not None and a.strategies.best:
        best = set(a.strategies.best)
        other = [s for s in b.case.scenarios if set(a.strategies_by_scenario.get(s.id, ())) != best]
        if other:
            p = sum(s.probability for s in other)
            quoted = [f"“{s.name}”" for s in other]
            if len(other) == 1:
                which = f"{quoted[0]} does not unfold (now {_chance(p)})"
            elif len(other) == 2:
                which = f"neither {quoted[0]} nor {quoted[1]} unfolds (together {_chance(p)})"
            else:
                which = f"none of {join(quoted)} unfolds (together {_chance(p)})"
            items.append(f"For the strategy: {which}; there the best combination changes.")
    if a.strategies is not None and b.case.portfolio is not None:
        budgets = b.case.portfolio.budgets
        names = {r.id: (r.name, r.unit) for r in b.case.resources}
        within = [
            f"{names.get(r, (r, ''))[0]} {v:,g} {names.get(r, ('', ''))[1]}".strip()
            for r, v in budgets.items()
        ]
        items.append(
            "The cost estimates are about right and the budgets hold"
            + (f" ({join(within)})" if within else "")
            + ": every combination is built within them."
        )
    b.add(
        "assumptions",
        "Key assumptions",
        "assumptions.html.j2",
        top=top,
        items=items,
    )


def red_team(b: Brief) -> None:
    """The strongest case for the option the brief ranks last."""
    a = b.analysis
    low = a.bottom
    if low == a.top:
        return
    label = b.label(low)
    points: list[str] = []
    views = a.views
    ranks = views.to_numpy(dtype=int)[list(views.index).index(low)]
    at = int(ranks.argmin())
    best_rank = int(ranks[at])
    pid, sid = (str(k) for k in views.columns[at])
    sr = a.scenarios(pid or None) if sid else None
    whose = f"the {a.profile_name(pid)} priorities" if pid else "these priorities"
    if sr is not None:
        col = sr.payoffs[sid].astype(float)
        leader = str(col.idxmax())  # payoffs: higher is better, whatever the method
        points.append(
            f"It does best under {whose} in the scenario “{b.case.scenario(sid).name}”, where "
            f"it ranks {_ordinal(best_rank)} of {len(col)} (score {float(col[low]):.2f} against "
            f"{float(col[leader]):.2f} for {b.label(leader)})."
        )
    else:
        points.append(f"It does best under {whose}, where it ranks {_ordinal(best_rank)}.")
    contrib = a.comparison.contributions
    if contrib is not None:
        strong = [str(c) for c in contrib.columns if str(contrib[c].astype(float).idxmax()) == low]
        if strong:
            names = [lower_first(b.case.criterion(c).name) for c in strong]
            points.append(f"It is the strongest option on {join(names)}.")
    if a.flips is not None:
        said = [s for s in a.flips.sentences() if s.startswith(b.name(low) + " ")]
        points += [f"To put it first one would have to believe this: {s}" for s in said[:1]]
        points += said[1:2]
    shares = {
        pid2: float(sm.first_rank.astype(float)[low]) for pid2, sm in a.smaa_by_profile.items()
    }
    if shares:
        top_pid = max(shares, key=lambda k: shares[k])
        points.append(
            f"Even under the priorities that favour it most ({a.profile_name(top_pid)}), it "
            f"comes first in {percent(shares[top_pid])} of the simulations "
            f"({estimative(shares[top_pid])})."
        )
    b.add(
        "red-team",
        f"Red team: the case for {label}",
        "red_team.html.j2",
        option=b.case.option(low),
        points=points,
    )


def _lead_time(value: float, unit: str) -> str:
    """``1 month``, ``3 months``."""
    one = value == 1 and unit.endswith("s")
    return f"{value:g} {unit[:-1] if one else unit}"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def watch(b: Brief) -> None:
    """Indicators to watch: signposts, thresholds, what to switch to, the value of waiting."""
    from policyopts._tables import html_table

    a = b.analysis
    if a.triggers is None:
        return
    signposts = None
    w = a.waiting
    if w is not None:
        # the signposts ranked by what watching each is worth (EVSI)
        ranked = w.signposts
        evsi = ranked["evsi"].astype(float) if "evsi" in ranked else pd.Series(dtype=float)
        rows: list[list[object]] = []
        for sp in b.case.signposts:
            lk = pd.Series(sp.likelihoods, dtype=float)
            most = str(lk.idxmax()) if len(lk) else ""
            rows.append(
                [
                    sp.name,
                    sp.observation,
                    b.case.scenario(most).name if most else "",
                    _lead_time(sp.lead_time.value, sp.lead_time.unit) if sp.lead_time else "",
                    float(evsi.get(sp.id, 0.0)),
                ]
            )
        signposts = table(
            html_table(
                ["Signpost", "What to look for", "Most telling of", "Shows within", "Worth (0–1)"],
                rows,
                caption="Signposts: what each one would show, and what watching it alone is worth"
                " on the 0–1 value scale (analyst judgement of how likely each is under each"
                " scenario).",
                digits=3,
            )
        )
    thresholds = [
        [
            f"The chance of “{t['scenario']}” {t['direction']} {t['threshold']}",
            t["now"],
            t["challenger"],
        ]
        for t in _scenario_triggers(b)
    ]
    trig = (
        table(
            html_table(
                ["If", "Now", "Switch to"],
                thresholds,
                caption="Thresholds at which the first choice changes.",
            )
        )
        if thresholds
        else None
    )
    b.add(
        "watch",
        "Indicators to watch",
        "watch.html.j2",
        headline=waiting_sentence(a) or a.triggers.summary(),
        thresholds=trig,
        weights=_weight_triggers(b),
        signposts=signposts,
    )
