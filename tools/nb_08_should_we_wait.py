"""Build notebooks/08_should_we_wait.ipynb: a facilitated "should we wait?" discussion."""

import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from build_notebooks import build  # noqa: E402

CELLS = [
    (
        "md",
        """# Should we wait? Signposts, triggers and the value of waiting

"Wait and see" is one of the five options on Mali, and its case is about
learning: commit later, once JNIM's intentions are clearer. This notebook
runs the discussion a facilitator would hold around that claim:

1. What would change our mind? (**triggers**: the probabilities and weights
   at which the top option changes)
2. What could we watch for, and what would each sighting tell us?
   (**signposts** and **Bayesian updating**)
3. Is watching worth the delay? (**value of sample information**, **value
   of waiting** net of the harm that goes on meanwhile)
4. What is the plan? (**adaptive pathways**: start here, switch there)
5. Which combinations of uncertain inputs overturn the answer? (**scenario
   discovery** with PRIM)

The bundled case carries seven signposts of its own (fuel into Bamako,
JNIM around Kayes and Nioro, army defections, the Africa Corps' posture,
junta-JNIM contacts, attacks in the coastal states' north, the Islamic State
around Ménaka; `policyopts watch mali` uses them). Here we swap in four
illustrative ones instead (`policyopts.waiting.examples`), one of them
dependent on another: their likelihoods are analyst judgement made up for
the exercise, not estimates from the sources. In a workshop the room would
write its own.""",
    ),
    (
        "code",
        """%matplotlib inline
import policyopts as po
from policyopts.waiting.examples import with_signposts

case = with_signposts(po.load_case("mali"))
for sp in case.signposts:
    print(f"{sp.name} (within {sp.lead_time}): {sp.observation}")""",
    ),
    (
        "md",
        """## 1. What would change our mind?

The expected score over the four scenarios ranks Aid first, narrowly ahead
of Negotiate. `po.triggers` finds, exactly, how far each scenario
probability and each weight can move (the others keeping their
proportions) before that changes. The nearest triggers are the indicators
to watch.""",
    ),
    (
        "code",
        """trig = po.triggers(case)
print(trig.summary())
trig.table[trig.table["kind"] == "scenario"][["name", "current", "threshold", "challenger"]]""",
    ),
    (
        "md",
        """## 2. What would each signpost tell us?

Signposts are taken as independent once the scenario is known, except the
junta split, which is declared to depend on the blockade (a conditional
table). Suppose fuel convoys stop and the junta splits:""",
    ),
    (
        "code",
        """update = po.update_scenarios(case, {"fuel_blockade_bamako": True, "junta_split": True})
print(update.summary())
print(update.to_text())""",
    ),
    (
        "md",
        """## 3. Is watching worth the delay?

`po.value_of_waiting` compares deciding now with watching the signposts
that would show within the delay and then choosing. Without a delay cost
the answer is the EVSI of the signposts, never negative. But people go
hungry while Washington watches: here each month of delay costs half a
point of relief (on the 0-10 scale) under every option. Read the verdict
plainly — waiting can be worth less than nothing.""",
    ),
    (
        "code",
        """free = po.value_of_waiting(case, delay=3)
print(free.summary())
print()
costly = po.value_of_waiting(case, delay=3, delay_cost={"relief": -0.5})
print(costly.summary())
costly.signposts[["name", "lead_time", "evsi", "if_seen", "if_not_seen"]]""",
    ),
    (
        "md",
        """The EVSI at array level is the textbook computation: here is the
Thompson Lumber market survey (Render, Stair & Hanna), a survey positive
in 70% of favourable markets and 20% of unfavourable ones.""",
    ),
    (
        "code",
        """r = po.evsi([[200_000, -180_000], [100_000, -20_000], [0, 0]], [0.5, 0.5],
            [[0.7, 0.3], [0.2, 0.8]])
print(f"EVSI {r.evsi:,.0f} against EVPI {po.evpi([[200_000, -180_000], [100_000, -20_000], [0, 0]], [0.5, 0.5]):,.0f}")""",
    ),
    (
        "md",
        """## 4. The plan: start here, switch there

`po.pathways` turns the signposts and triggers into an adaptive plan, and
`po.plots.pathways_map` draws it as a metro map: each option a line, each
switch a station at the signpost's lead time.""",
    ),
    (
        "code",
        """plan = po.pathways(case)
for sentence in plan.sentences()[:5]:
    print("-", sentence)
po.plots.pathways_map(plan)""",
    ),
    (
        "md",
        """## 5. What overturns the answer?

`po.discover` samples the uncertain scores, risk likelihoods, weights and
scenario probabilities, marks the draws where Aid loses first place, and
finds with PRIM (Bryant & Lempert 2010) the box of inputs where those draws
concentrate, with its coverage and density.""",
    ),
    (
        "code",
        """found = po.discover(case, n_samples=3000, seed=1, max_inputs=3)
print(found.sentence)
found.box""",
    ),
    (
        "md",
        """## For the room

* Is the delay cost right? Rerun `value_of_waiting` with the room's own
  `delay_cost`; the verdict can flip.
* Which signpost would the room actually trust? Drop the others with
  `signposts=[...]`.
* `policyopts watch --example-signposts` prints the same section for a
  brief; `policyopts watch` prints it for the case's own signposts.""",
    ),
]

build("08_should_we_wait.ipynb", CELLS)
