"""Write the walkthrough notebooks from their cell sources (kept readable in git).

Run ``python tools/build_notebooks.py`` after editing a notebook's cells here;
`make test` executes every notebook in ``notebooks/`` top to bottom.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).resolve().parents[1] / "notebooks"


def build(name: str, cells: list[tuple[str, str]]) -> None:
    nb = new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [new_markdown_cell(src) if kind == "md" else new_code_cell(src) for kind, src in cells]
    for k, cell in enumerate(nb.cells):  # stable ids: rebuilding changes only what changed
        cell.id = f"cell-{k:03d}"
    nbformat.write(nb, HERE / name)


QUICKSTART = [
    (
        "md",
        """# Quickstart: comparing US options on Mali

This notebook walks through the first thing an analyst does with `policyopts`:
load a case, look at what is on the table, and rank the options under a
stakeholder's weights. The bundled case is the US response to the crisis in
Mali (late 2025): six options, ten criteria in a value tree plus a risk
burden, a risk register, six scenarios and six stakeholder profiles, every
score backed by a rationale and evidence drawn from four published analyses.""",
    ),
    ("code", "%matplotlib inline\nimport policyopts as po\n\ncase = po.load_case(\"mali\")\nprint(case.title)\nprint(case.question)"),
    (
        "md",
        """## What is on the table

Each option says what it would commit the United States to. Reading these
first keeps the discussion about choices, not labels.""",
    ),
    (
        "code",
        """for option in case.options:
    print(f"{option.name}:")
    for item in option.commitments:
        print(f"  - {item}")""",
    ),
    (
        "md",
        """## The comparison table

`po.compare` scores every option under one weight profile with one method.
With the weighted sum (`wsm`, the default) each score is first turned into a
value between 0 and 1 over the criterion's declared scale (so a 7 out of 10 on
counterterrorism effect is worth 0.7 whoever else is on the table), and the
values are added up with the profile's weights. The table shows the scores on
each criterion's own scale, the overall score and the rank. The Mali case takes
the **expected** view as its baseline: each option's value averaged over the
six scenarios with their probabilities, so a score such as aid's relief (high
without a blockade, low in a strangled capital) enters as its expectation.""",
    ),
    ("code", "cmp = po.compare(case, profile=\"balanced\", method=\"wsm\")\ncmp"),
    ("code", "print(cmp.summary())"),
    (
        "md",
        """## Why the leader leads

For an additive model every option's score is a sum of contributions,
weight × value, one per criterion. The stacked bars show where each option's
score comes from; `why` and `explain` compare two options criterion by
criterion, which is usually the question a principal asks first.""",
    ),
    ("code", "po.plots.contributions(cmp, case=case)"),
    ("code", "first, second = cmp.ranking[:2]\nprint(cmp.explain(first, second))\npo.plots.why(cmp, first, second)"),
    (
        "md",
        """## Whose weights?

Different people in the interagency weigh the criteria differently. Ranking
the options under every stakeholder profile shows at a glance whether the
answer depends on whose priorities win. (How robust each ranking is to the
weights and to the uncertain scores is the subject of the robustness notebook.)""",
    ),
    ("code", "profiles = po.compare_profiles(case)\nprofiles"),
    ("code", "po.plots.ranks_by_profile(profiles)"),
    ("code", "print(\"Same top option under every profile:\", profiles.same_top)\nprofiles.top_by_profile"),
    (
        "md",
        """## Tables for a brief

Every comparison renders as Markdown, HTML, LaTeX or CSV, with a caption that
records the method, profile, scenario, case and library version.""",
    ),
    ("code", "print(cmp.to_markdown(detail=False))"),
    (
        "md",
        """## The bottom line of the brief

`policyopts report mali -o brief.html` writes the whole brief for a
policymaker; it opens with the bottom line below, which `policyopts brief mali`
prints in a terminal. It leads with what is robust, and when the top choice
is contested (the leading option comes first in fewer than 75% of simulations
that vary the weights and the scores) its first sentence says so and names
the contender with the share each wins.""",
    ),
    (
        "code",
        """from policyopts.report import bottom_line

line = bottom_line(case)
print(line.to_text(width=100))""",
    ),
]


OWN_CASE = [
    (
        "md",
        """# Build your own case

`policyopts` is not tied to Mali: a case is data. This notebook builds a
different policy question from scratch — how a coastal town should protect
itself against flooding — first in Python, then as a YAML file that is
validated against the case schema, the way a team would keep it under version
control. The numbers are illustrative, invented for the exercise; in a real
case each score would cite evidence.""",
    ),
    (
        "md",
        """## Options, criteria and the value tree

Ids are short `snake_case` names; names are what people read. Every criterion
sits under a branch of the value tree, says whether more is better
(`benefit`) or worse (`cost`), and declares its scale.""",
    ),
    (
        "code",
        """%matplotlib inline
import policyopts as po

options = [
    po.Option(id="sea_wall", name="Build a sea wall", short_name="Sea wall",
              commitments=["Borrow for a 15-year construction programme"]),
    po.Option(id="wetlands", name="Restore the salt marsh", short_name="Wetlands",
              commitments=["Buy back 300 ha of farmland", "Annual maintenance budget"]),
    po.Option(id="retreat", name="Managed retreat", short_name="Retreat",
              commitments=["Relocate 400 households over ten years"]),
    po.Option(id="warning", name="Early warning and insurance", short_name="Warning",
              commitments=["Sensors, sirens and a subsidised insurance pool"]),
]
branches = [po.Branch(id="safety", name="Safety"), po.Branch(id="community", name="Community"),
            po.Branch(id="money", name="Money")]
criteria = [
    po.Criterion(id="protection", name="Homes protected", parent="safety", direction="benefit",
                 scale={"min": 0, "max": 100, "unit": "% of homes"}),
    po.Criterion(id="ecology", name="Ecological gain", parent="community", direction="benefit"),
    po.Criterion(id="displacement", name="Households displaced", parent="community",
                 direction="cost", scale={"min": 0, "max": 500, "unit": "households"}),
    po.Criterion(id="cost", name="Cost", parent="money", direction="cost",
                 scale={"min": 0, "max": 200, "unit": "million"}),
]""",
    ),
    (
        "md",
        """## Scores, with their uncertainty and a reason

One assessment per option and criterion. `basis` says whether a score rests on
sources or on judgement; judgement is fine, but it has to say why.""",
    ),
    (
        "code",
        """table = {  # option: (protection, ecology, displacement, cost)
    "sea_wall": (85, 1, 20, 160),
    "wetlands": (55, 9, 10, 70),
    "retreat": (90, 6, 400, 120),
    "warning": (25, 3, 0, 30),
}
assessments = []
for option, scores in table.items():
    for criterion, score in zip(["protection", "ecology", "displacement", "cost"], scores):
        spread = {"protection": 10, "ecology": 2, "displacement": 40, "cost": 30}[criterion]
        top = {"protection": 100, "ecology": 10, "displacement": 500, "cost": 200}[criterion]
        assessments.append(po.Assessment(
            option=option, criterion=criterion, score=score, basis="judgement",
            uncertainty={"kind": "triangular", "low": max(0, score - spread),
                         "high": min(top, score + spread)},
            rationale=f"Illustrative engineering estimate for {option} on {criterion}.",
        ))
len(assessments)""",
    ),
    (
        "md",
        """## Risks, scenarios and whose weights

A risk's burden on an option is likelihood × impact × exposure; the sum over
risks becomes a cost criterion, `risk_burden`, that every profile weighs.""",
    ),
    (
        "code",
        """risks = [
    po.Risk(id="overrun", name="Cost overrun", likelihood=0.4, impact=3,
            exposure={"sea_wall": 0.9, "wetlands": 0.4, "retreat": 0.6, "warning": 0.1},
            rationale="Large civil works overrun more often than small programmes."),
    po.Risk(id="early_storm", name="Major storm before completion", likelihood=0.3, impact=5,
            exposure={"sea_wall": 0.7, "wetlands": 0.8, "retreat": 0.5, "warning": 0.2},
            rationale="Slow options leave the town exposed for longer."),
]
scenarios = [
    po.Scenario(id="slow_rise", name="Slow sea-level rise", probability=0.6),
    po.Scenario(id="fast_rise", name="Fast sea-level rise", probability=0.4,
                score_changes=[{"option": "warning", "criterion": "protection", "shift": -15},
                               {"option": "wetlands", "criterion": "protection", "shift": -20}],
                likelihood_overrides={"early_storm": 0.5}),
]
profiles = [
    po.WeightProfile(id="residents", name="Residents", holder="residents' association",
                     swing={"protection": 100, "ecology": 20, "displacement": 90,
                            "cost": 30, "risk_burden": 40}),
    po.WeightProfile(id="treasury", name="Treasury", holder="the council's finance office",
                     ranks={"cost": 1, "risk_burden": 2, "protection": 3,
                            "displacement": 4, "ecology": 5}),
]
town = po.Case(id="flood_town", title="Protecting Saltmere from floods",
               question="How should Saltmere protect itself against coastal flooding?",
               default_profile="residents", branches=branches, options=options,
               criteria=criteria, assessments=assessments, risks=risks,
               scenarios=scenarios, profiles=profiles)
po.compare_profiles(town)""",
    ),
    (
        "code",
        """cmp = po.compare(town, "residents")
po.plots.contributions(cmp)""",
    ),
    (
        "md",
        """## The same case as a YAML file

`po.save_case` writes the case atomically; loading it back gives an equal
case. The JSON Schema from `po.case_schema()` (or `policyopts schema`) lets an
editor check the file while you type; here we check the file against it with
`jsonschema`.""",
    ),
    (
        "code",
        """import json, tempfile, pathlib, yaml, jsonschema

folder = pathlib.Path(tempfile.mkdtemp())
path = po.save_case(town, folder / "saltmere.yaml")
print(path.read_text()[:600], "...")
jsonschema.validate(yaml.safe_load(path.read_text()), po.case_schema())
assert po.load_case(path) == town""",
    ),
    (
        "md",
        """## When the file is wrong

A hand-edited file with a mistake fails with one line that names the file,
the line, the field and the value — here a range whose low end is above its
high end.""",
    ),
    (
        "code",
        """broken = path.read_text().replace("high: 95", "high: 50", 1)
bad = folder / "broken.yaml"
bad.write_text(broken)
try:
    po.load_case(bad)
except po.CaseError as err:
    print(err)""",
    ),
]

WEIGHTS = [
    (
        "md",
        """# Weights and stakeholder profiles

Weights say how much a full swing on each criterion — from the worst to the
best score on its scale — matters relative to the others. They are
judgements, and different people in the room will make them differently.
`policyopts` turns the usual elicitation formats into weights and keeps the
judgement that produced them, so the weights can be revisited.""",
    ),
    ("code", "%matplotlib inline\nimport numpy as np\nimport policyopts as po\n\ncase = po.load_case(\"mali\")"),
    (
        "md",
        """## Swing weighting

Ask: *of all the swings from worst to best, which one would you most like to
make?* That swing gets 100 points; every other swing is scored against it.
Weights are the points divided by their sum (von Winterfeldt & Edwards 1986).
The counterterrorism-first profile was elicited this way.""",
    ),
    (
        "code",
        """ct = case.profile("ct_first")
result = po.weights.swing(ct.swing)   # points by criterion id in, weights by criterion id out
result.series.round(3)""",
    ),
    (
        "md",
        """## Ranks only

Sometimes a group can agree on an order but not on numbers. Rank-order
centroid weights (Barron & Barrett 1996) are the centre of all weight
vectors consistent with the order; rank-sum and rank-reciprocal weights are
flatter and steeper alternatives. Ties share the weights of the positions
they occupy. The restraint-and-cost profile is a ranking.""",
    ),
    (
        "code",
        """import pandas as pd

restraint = case.profile("restraint_cost")
ranks = pd.Series(restraint.ranks)
pd.DataFrame({
    "rank": ranks,
    "ROC": po.weights.roc(ranks).series,
    "rank sum": po.weights.rank_sum(ranks).series,
    "rank reciprocal": po.weights.rank_reciprocal(ranks).series,
}).round(3)""",
    ),
    (
        "md",
        """## Pairwise comparisons (AHP) and how to repair an inconsistent judgement

With the analytic hierarchy process each pair of branches is compared on
Saaty's 1–9 scale. The weights are the principal eigenvector of the matrix;
the consistency ratio (CR) says how far the judgements contradict each other.
Above 0.10 the usual advice is to revisit the judgements — and
`most_inconsistent` says which one to ask about first, with the value that
would agree with the rest.""",
    ),
    (
        "code",
        """branches = ["security", "humanitarian", "governance", "strategic"]
judgements = pd.DataFrame([
    [1,   3,   5,   1/2],
    [1/3, 1,   3,   1/5],   # humanitarian vs strategic: 1/5 ...
    [1/5, 1/3, 1,   1/4],
    [2,   5,   4,   1  ],
], index=branches, columns=branches)
ahp = po.weights.ahp(judgements)
print(ahp)
print("consistent:", ahp.is_consistent)
print("ask about:", branches[ahp.most_inconsistent.i], "vs", branches[ahp.most_inconsistent.j],
      "- given", round(ahp.most_inconsistent.value, 2),
      "- consistent with the rest:", round(ahp.most_inconsistent.consistent_value, 2))""",
    ),
    (
        "md",
        """Suppose the participant, shown the suggestion, revises that judgement to the
nearest value on Saaty's scale. The consistency ratio falls.""",
    ),
    (
        "code",
        """j = ahp.most_inconsistent
revised = judgements.to_numpy().copy()
scale = np.array([1/9, 1/8, 1/7, 1/6, 1/5, 1/4, 1/3, 1/2, 1, 2, 3, 4, 5, 6, 7, 8, 9])
new = scale[np.argmin(np.abs(np.log(scale) - np.log(j.consistent_value)))]
revised[j.i, j.j], revised[j.j, j.i] = new, 1 / new
after = po.weights.ahp(pd.DataFrame(revised, index=branches, columns=branches))
print(f"CR before {ahp.consistency_ratio:.3f}, after {after.consistency_ratio:.3f}")
after.series.round(3)""",
    ),
    (
        "md",
        """## Best–worst method

The best–worst method (Rezaei 2015, 2016) needs fewer judgements: how much
better the best criterion is than each other, and how much better each is
than the worst. The linear model is solved exactly; ξ is its consistency
indicator (0 is perfectly consistent).""",
    ),
    (
        "code",
        """bwm = po.weights.bwm(
    best_to_others={"security": 1, "humanitarian": 2, "governance": 4, "strategic": 8},
    others_to_worst={"security": 8, "humanitarian": 4, "governance": 2, "strategic": 1},
)
print(f"xi = {bwm.xi:.4f}")
bwm.series.round(3)""",
    ),
    (
        "md",
        """## Weights in the value tree

A profile can also give *local* weights: each branch against its siblings and
each criterion within its branch. Global weights are the products along each
path. The `even_branches` profile gives every branch the same share.""",
    ),
    ("code", "po.plots.value_tree(case, profile=\"even_branches\")"),
    (
        "md",
        """## Profiles side by side

Each profile is a stakeholder's view. Seeing the weights and the resulting
ranks next to each other shows where the disagreement lies — and whether it
matters for the choice.""",
    ),
    ("code", "profiles = po.compare_profiles(case)\npo.plots.weights_by_profile(profiles)"),
    ("code", "profiles"),
    (
        "md",
        """Aid comes first under four of the six profiles, the
counterterrorism-first profile puts containment first and the restraint
profile waiting; broad re-partnering comes last or next to last under every
one. The robustness notebook asks how far each profile's weights could
move before its ranking changes.""",
    ),
    (
        "md",
        """## In the brief's words

The brief never says "profile" above its appendices: it speaks of each
stakeholder's priorities. Its bottom line reports what holds whoever's
priorities prevail (the option ranked last nearly everywhere) and which
option each set of priorities puts first.""",
    ),
    (
        "code",
        """from policyopts.report import bottom_line

line = bottom_line(case)
for sentence in line.sentences:
    if "stakeholder priorities" in sentence:
        print("-", sentence)""",
    ),
]

RISKS = [
    (
        "md",
        """# Risks and scenarios

Scores describe what each option is expected to achieve. Risks describe what
could go wrong, and scenarios describe different futures. This notebook shows
how they enter the analysis and which option holds up best when the future is
uncertain.""",
    ),
    ("code", "%matplotlib inline\nimport policyopts as po\n\ncase = po.load_case(\"mali\")"),
    (
        "md",
        """## The risk register

Each risk has a likelihood over the case's horizon, an impact on a 1–5
severity scale and, for every option, an exposure between 0 and 1: how far
choosing that option ties US goals to the risk. An option's burden from a risk
is likelihood × impact × exposure; the total burden is a cost criterion
(`risk_burden`) that each profile weighs, so risk appetite is a weight like
any other.""",
    ),
    ("code", "register = po.risk_register(case)\nregister"),
    ("code", "po.plots.risk_matrix(register, option=\"re_partner\", case=case)"),
    ("code", "po.plots.risk_burden(register)"),
    (
        "md",
        """Re-partnering with Bamako carries the heaviest burden, driven by a
collapse or coup in Bamako, entanglement and the escalating northern war;
containment's burden comes from distorting the partner states' politics. Two
risks are not in the register: coastal crackdowns that breed the threat and
the Islamic State's gains from the JNIM rivalry name `impacts` on a criterion
(spillover containment, counterterrorism effect), so they move those scores
instead of adding to the burden and each concern is counted once. Aid's
largest risk is being caught in a collapse of the capital; its access under
the blockade is in its relief scores per scenario.""",
    ),
    ("code", "register.top_risks(\"humanitarian\", 3)"),
    (
        "md",
        """## Scenarios

Six futures drawn from the sources, with probabilities that are analyst
judgement: slow decline without collapse, JNIM taking regional centres first,
strangulation of Bamako, an advance on the capital, the Africa Corps leaving
and the junta falling, and a negotiated de-escalation. Each states some scores
directly and sets the risk likelihoods, which average back to the register's
likelihoods. The scenario table scores every option under every scenario with
the same weights.""",
    ),
    (
        "code",
        """for s in case.scenarios:
    print(f"{s.name} (p = {s.probability}): {s.narrative}")""",
    ),
    ("code", "robust = po.scenario_robustness(case, \"balanced\")\nrobust"),
    ("code", "print(robust.summary())"),
    (
        "md",
        """## Regret

Regret is how far an option falls short of the best option in a scenario.
The minimax-regret choice (Savage 1951) is the option whose worst regret is
smallest: the choice that is hardest to regret, whatever happens.""",
    ),
    ("code", "po.plots.regret_heatmap(robust)"),
    (
        "md",
        """## Is it worth waiting to know more?

The expected value of perfect information (EVPI) is what knowing the
scenario before choosing would be worth, in score points. The value of
information about each single risk's likelihood says which question is worth
putting to intelligence analysts first.""",
    ),
    ("code", "print(f\"EVPI over the scenarios: {robust.evpi:.4f} score points\")"),
    (
        "code",
        """voi = po.value_of_information(case, "balanced", n_samples=20_000, seed=0,
                              include_scores=True)
print(voi.summary())
voi.table.head(8)""",
    ),
    (
        "md",
        """## Scores that depend on the scenario

A scenario can change a score by shifting or replacing it, or an assessment
can state its score under a scenario directly (`by_scenario`, with its own
uncertainty). The scenario table puts every option's score under each
scenario beside the baseline and the **expected** view: the probability-weighted
mix of the scenarios. With the weighted sum on value scales the expected
column is exactly the probability-weighted mean of the scenario columns.""",
    ),
    ("code", "po.scenario_table(case, \"balanced\").round(3)"),
    (
        "md",
        """The aid option's relief score, for instance, is stated per scenario: it
collapses when the capital is strangled or attacked and is highest when a
negotiated de-escalation lifts the blockade. The case takes the expected view
as its baseline, so every analysis without a scenario uses it; the assessed
scores remain available as `scenario="assessed"`.""",
    ),
    (
        "code",
        """relief = case.assessment("humanitarian", "relief")
print("assessed:", relief.score)
for sid, s in relief.by_scenario.items():
    print(f"{sid}: {s.score} ({s.rationale})")
po.compare(case, "balanced", scenario="assessed").table[["relief", "score", "rank"]].round(3)""",
    ),
    (
        "md",
        """## What drives the answer

`po.drivers` splits the differences between the options among the criteria
and branches: a share is the criterion's part of the summed absolute pairwise
differences of the weighted values, so the shares sum to 1 and do not depend
on how the weights are scaled. A weight far above its share does not reach
the answer. The case prices risk on the default, plausible scale (from the
least to the most burdened option across the scenarios), so the risk weight
reads "from the least to the most risky option".""",
    ),
    ("code", "drv = po.drivers(case, \"balanced\")\nfor line in drv.sentences():\n    print(line)"),
    ("code", "po.plots.drivers(drv)"),
    (
        "md",
        """On the scale used before the rebuild (`possible`: from 0 to an option
fully exposed to every risk at its highest likelihood) the options' burdens
fill a smaller part of the scale and the same weight reaches the answer less.""",
    ),
    (
        "code",
        """data = case.model_dump()
data["risk_criterion"]["scale"] = "possible"
possible = po.Case.model_validate(data)
po.drivers(possible, "balanced").branch_shares.round(3)""",
    ),
    (
        "md",
        """## The coherence audit

`po.audit` looks for what the numbers contradict or fail to use: risk
likelihoods that disagree with the scenarios, scenarios that move nothing, a
risk weight that does not reach the answer, criteria that move together or
rest on the same evidence, risks a criterion already counts, stale evidence,
sources that are not independent, and options whose scores rest on sources to
very different degrees. `policyopts validate mali --audit` prints the same
findings with the file and line of each field. The rebuilt Mali case has no
errors and none of the incoherent likelihoods, overlapping risks or inert risk
weight the earlier version had; the warnings that remain are explained in a
comment at the head of `criteria/mali.yaml` (the scenarios matter little to
the balanced profile's choice because aid leads in most of them).""",
    ),
    (
        "code",
        """report = po.audit(case)
print(f"{report.count('warning')} warnings; codes: {', '.join(report.codes)}")
report.to_frame().head(12)""",
    ),
    ("code", "report.basis"),
    (
        "md",
        """## The scenarios in estimative words

The brief states every likelihood in the words of the US intelligence
community's scale (ICD 203: "unlikely" is 20–45%, "very unlikely" 5–20%, …),
through one function, `estimative`. No single Mali future is likely: the
likeliest, slow decline without collapse, is "unlikely". The best strategy
(aid with quiet mediation) stays best in four of the six scenarios; only a
strangled capital (drop the mediation) and a fall of the junta (add the
narrow deal) change it.""",
    ),
    (
        "code",
        """from policyopts.report import BriefAnalysis, estimative

for s in case.scenarios:
    print(f"{s.name}: {estimative(s.probability)} ({s.probability:.0%}, {s.basis})")
analysis = BriefAnalysis(case)
for sid, members in analysis.strategies_by_scenario.items():
    print(f"best strategy if {sid}: {' + '.join(case.option(m).label for m in members)}")""",
    ),
]

WORKSHOP = [
    (
        "md",
        """# Running a workshop

In the room, people want to move the weights and see what happens, then
record what each of them thinks. This notebook shows the live weight explorer
and the group-elicitation tools. On a projector, the explorer's sliders are
the main thing on screen; here we also drive it from code so the notebook runs
unattended.""",
    ),
    ("code", "%matplotlib inline\nimport policyopts as po\n\ncase = po.load_case(\"mali\")"),
    (
        "md",
        """## Live weight sliders

One slider per criterion (or per branch of the value tree with
`by="branch"`). The ranking table and the contribution chart update as the
sliders move; *Save as profile* snapshots the current weights under a name.""",
    ),
    ("code", "explorer = po.widgets.explore(case, \"balanced\", by=\"branch\")\nexplorer"),
    (
        "md",
        """A participant argues that security deserves twice the weight of any other
branch. Moving that slider (here from code) re-ranks the options at once:""",
    ),
    (
        "code",
        """explorer.set_weights({"security": 0.6})
print(explorer.ranking)
explorer.save_profile("security_heavy", "Security heavy (workshop)")
workshop_case = explorer.case_with_saved()
print(po.compare(workshop_case, "security_heavy").to_text(detail=False))""",
    ),
    ("code", "po.plots.contributions(explorer.comparison, case=case)"),
    (
        "md",
        """## Everyone's weights

Each participant fills in swing points (or weights, or AHP judgements); the
file has one row per participant. Reading it checks every row against the
case's criteria and names the row, column and value of any mistake.""",
    ),
    (
        "code",
        """people = po.read_participants("data/mali_workshop_swing.csv", criteria=case)
people.weights.round(3)""",
    ),
    (
        "md",
        """## Where do people disagree?

The criteria with the widest spread of weights are where discussion time is
best spent. Kendall's W (1 = everyone orders the criteria the same way)
summarises overall agreement.""",
    ),
    ("code", "po.disagreement(people).head(6).round(3)"),
    ("code", "print(f\"Kendall's W: {po.group.concordance(people):.2f}\")"),
    (
        "md",
        """## Does the disagreement change the answer?

The ranking under each participant's weights, and under the group's
aggregated weights (here the geometric mean), shows whether the top option
survives the disagreement.""",
    ),
    (
        "code",
        """ranking = po.group_rankings(case, people, aggregation="geometric")
print(ranking.summary())
ranking""",
    ),
    (
        "code",
        """group_weights = po.aggregate(people, method="geometric")
po.plots.contributions(po.compare(case, weights=group_weights.to_dict()), case=case)""",
    ),
    (
        "md",
        """## The workshop in the browser: `policyopts serve`

Instead of collecting a CSV by hand, let participants answer on their own
phones. On the facilitator's laptop:

```sh
policyopts serve mali --participants workshop.csv --token "$(python -c 'import secrets; print(secrets.token_urlsafe(9))')"
```

It prints a join link (`http://127.0.0.1:8765/participant/?token=...`; add
`--host 0.0.0.0` to let phones on the room's network reach it). Participants
read the criteria and scales, give swing points, direct weights or AHP
judgements, and submit; they can change their answer later from the same
browser. The projector shows `/facilitator/`: the live group ranking and
weights, Kendall's W and the criteria people disagree on, each participant's
top option, what would put another option first, and weight sliders. Every
answer is written to `workshop.csv` before it is acknowledged, so restarting
with the same file loses nobody. See `docs/workshop.md`.

Scripts and other forms use the JSON API beside the pages. Here the app runs
in-process, without a server, so the notebook runs unattended:""",
    ),
    (
        "code",
        """import pathlib, tempfile
from starlette.testclient import TestClient
from policyopts.serve import create_app

folder = pathlib.Path(tempfile.mkdtemp())
app = create_app(case, participants_path=folder / "workshop.csv", token="demo-token-123")
api = TestClient(app, headers={"Authorization": "Bearer demo-token-123"})
for row in people.raw.itertuples():
    kind = people.kinds[row.Index]
    values = {c: float(getattr(row, c)) for c in case.criterion_ids}
    assert api.post("/api/participants", json={"name": row.Index, kind: values}).status_code == 201
group = api.get("/api/group", params={"aggregation": "geometric"}).json()
print("group's choice:", group["ranking"][0]["name"], "| Kendall's W:", round(group["kendall_w"], 2))""",
    ),
    (
        "md",
        """The participants file the app keeps is the format `read_participants`
reads, so everything above works on it unchanged; `/export/case.yaml` adds
the group's and every participant's weights to the case as profiles. For a
room without a network, `policyopts form mali -o form.xlsx` writes an Excel
form with validated cells, and `po.read_participants("form.xlsx",
criteria=case)` reads it back.""",
    ),
    ("code", """po.read_participants(folder / "workshop.csv", criteria=case).weights.round(3).head()"""),
    (
        "md",
        """## After the workshop: the bottom line under the room's weights

The weights saved in the room are a profile like any other, so the brief's
bottom line can be read under them: here under the security-heavy weights
saved from the sliders above. `policyopts report` with `--profile` writes
the whole brief led by them.""",
    ),
    (
        "code",
        """from policyopts.report import bottom_line

print(bottom_line(workshop_case, profile="security_heavy").to_text(width=100))""",
    ),
]

ROBUST = [
    (
        "md",
        """# How robust is the answer?

A ranking computed from point scores and one set of weights is a starting
point, not a conclusion. This notebook asks, for the Mali case, how far the
top option can be trusted: when the weights move, when the scores move within
their ranges, and which single inputs matter most. Everything is seeded, so
the numbers here are reproducible.""",
    ),
    ("code", "%matplotlib inline\nimport policyopts as po\n\ncase = po.load_case(\"mali\")"),
    (
        "md",
        """## The bottom line first

The brief (`policyopts report mali -o brief.html`) opens with this bottom
line, computed from the analyses below: the share of simulations in which
each option comes first (SMAA), what ranks last under every combination of
stakeholder priorities and scenarios, the best strategy from the portfolio
model and the value of waiting. The top choice is called contested when the
leading option comes first in fewer than 75% of the simulations — the line
between "firm" and "contested" in the summary below.""",
    ),
    (
        "code",
        """from policyopts.report import bottom_line

line = bottom_line(case, n_samples=20_000, seed=0)
print(line.to_text(width=100))
print("contested:", line.contested, "| top:", line.top, f"{line.top_share:.0%}",
      "| contender:", line.contender, f"{line.contender_share:.0%}")""",
    ),
    (
        "md",
        """## The short answer, profile by profile

`robustness_summary` gathers the analyses below into one table: the top
option's lead, how often it stays first in SMAA, the smallest weight shift
that dethrones it, whether the methods agree and the minimax-regret choice
across scenarios.""",
    ),
    ("code", "summary = po.robustness_summary(case, n_samples=20_000, seed=0)\nsummary"),
    ("code", "for line in summary.sentences():\n    print(\"-\", line)"),
    (
        "md",
        """Under the balanced profile aid leads negotiation by about three
hundredths of a point and comes first in about 60% of the SMAA draws: ahead,
but contested. Under the regional-partners profile aid and containment are
all but tied. The humanitarian-first and restraint profiles have firm
answers (aid and waiting); the others do not. What is robust is the bottom:
broad re-partnering ranks last or next to last under every profile. A brief
should say so.""",
    ),
    (
        "md",
        """## SMAA: rank acceptability

Stochastic multicriteria acceptability analysis (Lahdelma & Salminen 2001)
draws weights around the profile and scores from their ranges, ranks the
options for each draw, and counts. The rank acceptability index is the share
of draws in which an option takes each rank.""",
    ),
    (
        "code",
        """smaa = po.smaa_case(case, "balanced", weights="profile", n_samples=50_000, seed=0)
print(smaa.summary())
po.plots.rank_acceptability(smaa)""",
    ),
    (
        "md",
        """The central weight vector of an option is the average weight vector among
the draws where it ranks first: the kind of priorities under which it wins.
The confidence factor is how often it stays first under those weights when
only the scores vary.""",
    ),
    ("code", "smaa.central_weights.round(3)"),
    ("code", "smaa.confidence.round(3)"),
    (
        "md",
        """With no weight information at all (uniform on the simplex) the question
becomes: for what share of all possible priorities does each option win?""",
    ),
    ("code", "po.smaa_case(case, weights=\"uniform\", n_samples=50_000, seed=0).first_rank.round(3)"),
    (
        "md",
        """## One weight at a time

Move one criterion's weight from 0 to 1, the others keeping their
proportions. The lines are each option's score; the markers are where the
ranking changes, computed exactly.""",
    ),
    (
        "code",
        """oneway = po.one_way_case(case, "durability", "balanced")
print(oneway.summary())
po.plots.one_way(oneway)""",
    ),
    (
        "md",
        """## Stability intervals

For each criterion, the interval of its weight over which the top option
stays first (Triantaphyllou & Sánchez 1997 style). Narrow intervals around
the current weight are the judgements worth revisiting.""",
    ),
    ("code", "stab = po.stability_table(case, \"balanced\")\npo.plots.stability(stab)"),
    (
        "md",
        """## What flips the top option

The smallest change of the whole weight vector that lets each challenger
overtake — solved exactly as a linear program — and the smallest change to a
single score that would do it.""",
    ),
    ("code", "flips = po.flip_analysis(case, \"balanced\")\nfor line in flips.sentences():\n    print(\"-\", line)"),
    (
        "md",
        """## Tornado: which inputs matter most

Each uncertain score and risk likelihood is moved to the ends of its range,
and each weight up and down by 0.05, one at a time; the bars show what
happens to the lead of the top option over the runner-up.""",
    ),
    ("code", "tor = po.tornado(case, \"balanced\")\nprint(tor.summary())\npo.plots.tornado(tor)"),
    (
        "md",
        """## Sobol indices

Variance-based sensitivity (Sobol' 2001; Saltelli et al. 2008) apportions the
variance of the lead to the inputs, all varying at once: the first-order
index is an input's effect alone, the total index includes its interactions.""",
    ),
    (
        "code",
        """sob = po.sobol(case, "balanced", n=2**10, seed=0)
print(sob.summary())
po.plots.sobol(sob)""",
    ),
    (
        "md",
        """## Closing note: the new bottom line and what changed it

The bottom line of the rebuilt case: **the top choice is contested** — under
the balanced priorities aid comes first in about 60% of the simulations and
quiet negotiation, the contender, in about a quarter — while **the bottom is
robust**: broad re-partnering ranks last under five of the six stakeholder
profiles and in most combinations of priorities and scenarios. The best
strategy is aid with quiet mediation, which stays best in four of the six
scenarios, with aid in every strategy that stays best as the weights move.
Watching the seven signposts for six months is worth little (about 0.004 on
the 0–1 scale): decide now, and switch to negotiation if the chance of a
negotiated de-escalation rises above 40%.

What changed it, from the case before the rebuild (where aid led negotiation
by 0.005 under the balanced profile, a coin toss): negotiation lost ground
because the JNIM–Islamic State rivalry now lowers its counterterrorism score,
its relief and durability depend on the scenario (they collapse under
strangulation and rise under de-escalation), and the risk burden is priced on
the plausible scale, so the risk weight acts; aid's relief is stated per
scenario; each concern is counted once (partner abuses folded into civilian
harm; overlapping risks removed); re-partnering has a narrow, conditional form
beside the broad one, and the broad form fell further. The lead is now about
0.034.""",
    ),
]


if __name__ == "__main__":
    build("01_quickstart.ipynb", QUICKSTART)
    build("02_weights_and_profiles.ipynb", WEIGHTS)
    build("03_risks_and_scenarios.ipynb", RISKS)
    build("04_how_robust_is_the_answer.ipynb", ROBUST)
    build("05_build_your_own_case.ipynb", OWN_CASE)
    build("06_running_a_workshop.ipynb", WORKSHOP)
