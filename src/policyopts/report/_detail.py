"""The middle of the brief: the options, how they compare, whose priorities, the scenarios.

Plain words above the appendices: tables carry captions written here, not
the analyses' technical captions (those are in the appendices).
"""

from __future__ import annotations

from policyopts.report import _figures
from policyopts.report._base import Brief, table
from policyopts.report._estimative import estimative, percent

__all__ = ["comparison", "criteria", "options", "priorities", "scenarios"]


def options(b: Brief) -> None:
    b.add(
        "options",
        "The options",
        "options.html.j2",
        description=b.case.description,
        options=b.case.options,
    )


def comparison(b: Brief) -> None:
    from policyopts._tables import html_table

    a = b.analysis
    cmp = a.comparison
    higher = bool(getattr(cmp, "higher_is_better", True))
    rows: list[list[object]] = [
        [b.name(str(o)), float(cmp.scores[o]), int(cmp.table.at[o, "rank"])] for o in cmp.ranking
    ]
    whose = f" under the {a.profile_name()} priorities" if b.profile else ""
    caption = f"Overall score of each option{whose} " + (
        "(0–1, higher is better)." if higher else "(lower is better)."
    )
    contributions = explain = None
    if cmp.contributions is not None:
        contributions = _figures.contributions(
            cmp,
            b.case,
            caption="What each criterion adds to each option's score (its weight times the"
            " option's value on it).",
            alt="contributions",
        )
        if len(cmp.ranking) > 1:
            explain = cmp.explain(cmp.ranking[0], cmp.ranking[1])
    b.add(
        "comparison",
        "How the options compare",
        "comparison.html.j2",
        table=table(html_table(["Option", "Score", "Rank"], rows, caption=caption, digits=3)),
        contributions=contributions,
        explain=explain,
    )


def criteria(b: Brief) -> None:
    from policyopts._tables import html_table

    case = b.case
    branch_name = {br.id: br.name for br in case.all_branches}
    weights = case.weights(b.profile) if b.profile else {}
    rows = []
    for c in case.all_criteria:
        scale = f"{c.scale.min:g}–{c.scale.max:g} {c.scale.unit}"
        rows.append(
            [
                c.name,
                branch_name.get(c.parent or "", ""),
                "higher is better" if c.direction == "benefit" else "lower is better",
                scale,
                weights.get(c.id),
            ]
        )
    whose = b.analysis.profile_name() if b.profile else "equal"
    tab = html_table(
        ["Criterion", "Branch", "Direction", "Scale", f"Weight ({whose})"],
        rows,
        caption="What the options are judged on; the risk burden adds up each risk's "
        "likelihood × impact × the option's exposure to it.",
    )
    tree = _figures.value_tree(
        case,
        b.profile,
        caption="The criteria and their weights under the leading stakeholder priorities.",
        alt="value tree",
    )
    b.add(
        "criteria",
        "What the options are judged on",
        "criteria.html.j2",
        tree=tree,
        table=table(tab),
    )


def priorities(b: Brief) -> None:
    from policyopts._tables import html_table

    pc = b.analysis.profiles
    if pc is None:
        return
    ranks = pc.ranks
    header = ["Option", *(b.case.profile(str(p)).name for p in ranks.columns)]
    rows = [[b.name(str(o)), *(int(v) for v in ranks.loc[o])] for o in ranks.index]
    b.add(
        "priorities",
        "Whose priorities?",
        "profiles.html.j2",
        table=table(
            html_table(
                header,
                rows,
                caption="Rank of each option (1 = first) under each stakeholder's priorities.",
            )
        ),
        weights=_figures.weights(
            pc, caption="Weights under each stakeholder's priorities.", alt="weights"
        ),
        profiles=b.case.profiles,
    )


def scenarios(b: Brief) -> None:
    from policyopts._tables import html_table

    a = b.analysis
    sr = a.scenarios()
    if sr is None:
        return
    items = [
        {
            "name": s.name,
            "chance": f"{estimative(s.probability)} ({percent(s.probability)})",
            "judgement": s.basis == "judgement",
            "narrative": s.narrative,
        }
        for s in b.case.scenarios
    ]
    likeliest = max(b.case.scenarios, key=lambda s: s.probability)
    lead = (
        f"No single future is likely: the likeliest, “{likeliest.name}”, is "
        f"{estimative(likeliest.probability)} ({percent(likeliest.probability)})."
        if likeliest.probability <= 0.55
        else f"The likeliest future, “{likeliest.name}”, is "
        f"{estimative(likeliest.probability)} ({percent(likeliest.probability)})."
    )
    pay = sr.payoffs
    header = ["Option", *(b.case.scenario(str(s)).name for s in pay.columns)]
    rows = [[b.name(str(o)), *(float(v) for v in pay.loc[o])] for o in pay.index]
    winners = {str(s): b.label(str(pay[s].idxmax())) for s in pay.columns}  # higher is better
    firsts = [f"{b.case.scenario(s).name}: {w}" for s, w in winners.items()]
    b.add(
        "scenarios",
        "If the future unfolds differently",
        "scenarios.html.j2",
        lead=lead,
        scenarios=items,
        firsts=firsts,
        table=table(
            html_table(
                header,
                rows,
                caption="Score of each option in each scenario"
                + (f" under the {a.profile_name()} priorities" if b.profile else "")
                + " (higher is better).",
                digits=3,
            )
        ),
        regret=_figures.regret(
            sr,
            caption="Regret: how far each option falls short of the best option in each scenario.",
            alt="regret heatmap",
        ),
    )
