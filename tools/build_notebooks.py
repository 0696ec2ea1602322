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


if __name__ == "__main__":
    build("01_quickstart.ipynb", QUICKSTART)
