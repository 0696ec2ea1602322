"""Adaptive pathways and their metro map."""

from __future__ import annotations

import numpy as np
import pytest

import policyopts as po
from policyopts.waiting.examples import with_signposts


@pytest.fixture(scope="module")
def plan() -> po.Pathways:
    return po.pathways(with_signposts(po.load_case("mali")))


def test_switches_agree_with_bayes_and_triggers(plan: po.Pathways, mali: po.Case) -> None:
    case = with_signposts(mali)
    scen = [s.id for s in case.scenarios]
    pay = po.scenario_table(case)[scen].to_numpy()
    assert plan.start == po.triggers(case).top
    sig = plan.switches[plan.switches["kind"] == "signpost"]
    assert len(sig)
    for _, r in sig.iterrows():
        post = po.update_scenarios(case, {r["signpost"]: bool(r["seen"])}).posterior
        assert case.option_ids[int(np.argmax(pay @ post.to_numpy()))] == r["to_option"]
        assert post[r["scenario"]] == pytest.approx(r["posterior"])
        assert r["to_option"] != plan.start
    # switches come soonest first
    assert list(sig["at"]) == sorted(sig["at"])
    trig = plan.switches[plan.switches["kind"] == "trigger"]
    assert set(trig["trigger"]) <= set(plan.triggers.table["threshold"])
    text = plan.summary()
    assert text.startswith("Start with Aid.")
    assert "switch to Negotiate" in text
    assert "Switch to" in plan.to_markdown()


def test_stays(mali: po.Case) -> None:
    quiet = {
        "id": "quiet",
        "name": "Nothing much",
        "observation": "x",
        "likelihoods": {s.id: 0.5 for s in mali.scenarios},
        "rationale": "uninformative",
    }
    case = with_signposts(mali, [quiet])
    plan = po.pathways(case)
    assert plan.stays == ["quiet"]
    assert "Whatever nothing much shows, stay." in plan.sentences()


def test_map(plan: po.Pathways) -> None:
    fig = po.plots.pathways_map(plan)
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0] == "Aid"
    assert "Negotiate" in labels
    texts = " ".join(t.get_text().replace("\n", " ") for t in ax.texts)
    assert "Bamako and JNIM open talks" in texts
    assert "any time:\ntriggers" in [t.get_text() for t in ax.get_xticklabels()]
    with pytest.raises(TypeError, match="plan"):
        po.plots.pathways_map("plan")  # type: ignore[arg-type]


def test_errors(toy_case: po.Case, mali: po.Case) -> None:
    data = toy_case.model_dump()
    data["scenarios"] = data["scenarios"][:1]
    data["scenarios"][0]["probability"] = 1.0
    with pytest.raises(po.CaseError, match="two scenarios"):
        po.pathways(po.Case.model_validate(data))
    with pytest.raises(po.CaseError, match="unknown signpost"):
        po.pathways(mali, signposts=["fog"])
    with pytest.raises(ValueError, match="signposts: expected a list"):
        po.pathways(mali, signposts="fog")
    with pytest.raises(TypeError, match="case"):
        po.pathways("mali")  # type: ignore[arg-type]
