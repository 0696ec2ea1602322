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
    nbformat.write(nb, HERE / name)


QUICKSTART = [
    (
        "md",
        """# Quickstart: comparing US options on Mali

This notebook walks through the first thing an analyst does with `policyopts`:
load a case, look at what is on the table, and rank the options under a
stakeholder's weights. The bundled case is the US response to the crisis in
Mali (late 2025): five options, eleven criteria in a value tree plus a risk
burden, a risk register, four scenarios and five stakeholder profiles, every
score backed by a rationale and evidence drawn from five published analyses.""",
    ),
    ("code", "import policyopts as po\n\ncase = po.load_case(\"mali\")\nprint(case.title)\nprint(case.question)"),
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
values are added up with the profile's weights. The table shows the assessed
scores on each criterion's own scale, the overall score and the rank.""",
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
    (
        "code",
        """import matplotlib.pyplot as plt

contrib = cmp.contributions.loc[cmp.ranking]
contrib = contrib.rename(index=cmp.option_names, columns=cmp.criterion_names)
ax = contrib.plot.barh(stacked=True, figsize=(9, 4.5), colormap="tab20", width=0.75)
ax.invert_yaxis()
ax.set_xlabel("weighted value (sums to the overall score)")
ax.set_title("Where each option's score comes from (balanced profile)")
ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), fontsize=8, frameon=False)
plt.tight_layout()""",
    ),
    ("code", "first, second = cmp.ranking[:2]\nprint(cmp.explain(first, second))\ncmp.why(first, second).round(3)"),
    (
        "md",
        """## Whose weights?

Different people in the interagency weigh the criteria differently. Ranking
the options under every stakeholder profile shows at a glance whether the
answer depends on whose priorities win. (How robust each ranking is to the
weights and to the uncertain scores is the subject of the robustness notebook.)""",
    ),
    ("code", "profiles = po.compare_profiles(case)\nprofiles"),
    ("code", "print(\"Same top option under every profile:\", profiles.same_top)\nprofiles.top"),
    (
        "md",
        """## Tables for a brief

Every comparison renders as Markdown, HTML, LaTeX or CSV, with a caption that
records the method, profile, scenario, case and library version.""",
    ),
    ("code", "print(cmp.to_markdown(detail=False))"),
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
        """import policyopts as po

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


if __name__ == "__main__":
    build("01_quickstart.ipynb", QUICKSTART)
    build("05_build_your_own_case.ipynb", OWN_CASE)
