"""The value of waiting: EVSI of the watched signposts net of the delay's cost."""

from __future__ import annotations

import copy
from typing import Any

import numpy as np
import pandas as pd
import pytest

import policyopts as po
from policyopts.waiting.bayes import observation_likelihoods
from policyopts.waiting.examples import with_signposts
from policyopts.waiting.value import delay_loss, value_of_waiting

SIGNPOSTS: list[dict[str, Any]] = [
    {
        "id": "clouds",
        "name": "Clouds gather",
        "observation": "the sky darkens",
        "lead_time": {"value": 2, "unit": "months"},
        "likelihoods": {"calm": 0.1, "storm": 0.9},
        "rationale": "storms bring clouds",
    },
    {
        "id": "wind",
        "name": "Wind rises",
        "observation": "flags stand out",
        "lead_time": {"value": 1, "unit": "years"},
        "likelihoods": {"calm": 0.5, "storm": 0.75},
        "rationale": "wind precedes storms",
    },
]


@pytest.fixture
def case(toy_data: dict[str, Any]) -> po.Case:
    data = copy.deepcopy(toy_data)
    data["signposts"] = copy.deepcopy(SIGNPOSTS)
    # make the storm matter: acting pays in calm, talking in a storm
    data["scenarios"][0]["score_changes"].append({"option": "act", "criterion": "cost", "set": 0})
    data["scenarios"][1]["score_changes"].append({"option": "act", "criterion": "gain", "set": 1})
    return po.Case.model_validate(data)


def test_free_delay_equals_evsi(case: po.Case) -> None:
    w = value_of_waiting(case, signposts=["clouds"], delay=2)
    pay = po.scenario_table(case)[["calm", "storm"]]
    lik = np.stack([observation_likelihoods(case, {"clouds": v}) for v in (True, False)], axis=1)
    expected = po.evsi(pay.to_numpy(), [0.6, 0.4], lik)
    assert w.evsi == pytest.approx(expected.evsi)
    assert w.value == pytest.approx(expected.evsi)
    assert w.value_now == pytest.approx(expected.value_now)
    assert w.watched == ["clouds"]
    assert w.delay_cost == pytest.approx(0.0)
    assert w.rule["probability"].sum() == pytest.approx(1.0)
    assert "taken as free" in w.summary()


def test_only_signposts_in_time_are_watched(case: po.Case) -> None:
    w = value_of_waiting(case, delay=3)
    assert w.watched == ["clouds"]
    assert list(w.signposts.index) == sorted(
        ["clouds", "wind"], key=lambda s: -float(w.signposts.loc[s, "evsi"])
    )
    assert w.signposts.loc["wind", "in_time"] == False  # noqa: E712
    default = value_of_waiting(case)  # delay: the longest lead time, 12 months
    assert default.delay == pytest.approx(12.0)
    assert default.watched == ["clouds", "wind"]
    assert len(default.rule) == 4
    assert default.evsi >= w.evsi - 1e-12  # more information is never worth less
    none = value_of_waiting(case, delay=0.5)
    assert none.watched == []
    assert none.value == pytest.approx(0.0)
    assert "cannot pay" in none.summary()


def test_delay_loss_matches_shifted_case(toy_case: po.Case) -> None:
    # 5 USD million more cost per month for every option, for 2 months (no scenario
    # overrides the cost scores, so shifting the assessments is the same thing)
    case = toy_case
    loss = delay_loss(case, delay=2, delay_cost={"cost": 5})
    data = case.model_dump(mode="python")
    for a in data["assessments"]:
        if a["criterion"] == "cost":
            a["score"] = min(100.0, a["score"] + 10)
            a["uncertainty"] = None
    shifted = po.Case.model_validate(data)
    before = po.scenario_table(case)[["calm", "storm"]]
    after = po.scenario_table(shifted)[["calm", "storm"]]
    pd.testing.assert_frame_equal(loss, before - after, check_names=False)
    assert (loss.to_numpy() > 0).all()


def test_costly_delay_can_make_waiting_negative(case: po.Case) -> None:
    cheap = value_of_waiting(case, signposts=["clouds"], delay=2)
    dear = value_of_waiting(
        case,
        signposts=["clouds"],
        delay=2,
        delay_cost={"gain": {"act": -1, "talk": -1, "wait": -1}},
    )
    assert dear.evsi == pytest.approx(cheap.evsi)
    assert dear.value < 0 < cheap.value
    assert dear.value == pytest.approx(dear.value_after - dear.value_now)
    assert not dear.pays
    assert "does not pay" in dear.summary()
    assert dear.provenance.extra["delay_cost"] == {"gain": {"act": -1, "talk": -1, "wait": -1}}


def test_rule_sentences(case: po.Case) -> None:
    w = value_of_waiting(case, signposts=["clouds"], delay=2)
    seen = w.rule.loc[w.rule["clouds"], "choice"].item()
    unseen = w.rule.loc[~w.rule["clouds"], "choice"].item()
    assert seen != unseen
    text = " ".join(w.rule_sentences())
    names = {o.id: o.name for o in case.options}
    assert f"“clouds gather” (seen) (P = 0.42), choose {names[seen]}" in text
    assert f"“clouds gather” (not seen) (P = 0.58), choose {names[unseen]}" in text
    assert "Signpost" in w.to_markdown()


def test_uninformative_rule(toy_data: dict[str, Any]) -> None:
    data = copy.deepcopy(toy_data)
    data["signposts"] = [dict(SIGNPOSTS[0], likelihoods={"calm": 0.5, "storm": 0.5})]
    w = value_of_waiting(po.Case.model_validate(data))
    assert w.evsi == pytest.approx(0.0)
    assert "would not change the choice" in w.summary()


def test_errors(case: po.Case, toy_case: po.Case) -> None:
    with pytest.raises(po.CaseError, match="no signposts"):
        value_of_waiting(toy_case)
    with pytest.raises(po.CaseError, match="unknown signpost"):
        value_of_waiting(case, signposts=["fog"])
    with pytest.raises(ValueError, match="signposts: expected a list"):
        value_of_waiting(case, signposts="clouds")
    with pytest.raises(ValueError, match="delay: expected a number"):
        value_of_waiting(case, delay=-1)
    with pytest.raises(ValueError, match="delay: expected a number"):
        value_of_waiting(case, delay="soon")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown criterion 'mood'"):
        value_of_waiting(case, delay_cost={"mood": 1})
    with pytest.raises(ValueError, match="unknown option 'nap'"):
        value_of_waiting(case, delay_cost={"gain": {"nap": 1}})
    with pytest.raises(ValueError, match="finite number"):
        value_of_waiting(case, delay_cost={"gain": float("nan")})
    with pytest.raises(ValueError, match="expected a mapping"):
        value_of_waiting(case, delay_cost=[1])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="case"):
        value_of_waiting("toy")  # type: ignore[arg-type]


def test_mali_example(mali: po.Case) -> None:
    case = with_signposts(mali)
    w = po.value_of_waiting(case, delay=3)
    # only signposts that show within 3 months are watched (the split takes 4)
    assert w.watched == ["fuel_blockade_bamako", "jnim_massing_near_bamako", "bamako_jnim_talks"]
    assert w.evsi > 0
    # only news of talks can change the choice (to negotiation), so it ranks first
    assert w.signposts.index[0] == "bamako_jnim_talks"


def test_custom_payoffs_such_as_portfolios(case: po.Case) -> None:
    pay = po.scenario_table(case)[["calm", "storm"]]
    same = value_of_waiting(case, signposts=["clouds"], delay=2, payoffs=pay)
    ref = value_of_waiting(case, signposts=["clouds"], delay=2)
    assert same.value == pytest.approx(ref.value)
    # two "portfolios": act+talk and wait alone, with a flat loss for the first
    port = pd.DataFrame({"calm": [0.9, 0.5], "storm": [0.2, 0.6]}, index=["act_talk", "wait_only"])
    loss = pd.DataFrame({"calm": [0.05, 0.0], "storm": [0.05, 0.0]}, index=port.index)
    w = value_of_waiting(case, signposts=["clouds"], delay=2, payoffs=port, delay_cost=loss)
    lik = np.stack([observation_likelihoods(case, {"clouds": v}) for v in (True, False)], axis=1)
    expected = po.evsi((port - loss).to_numpy(), [0.6, 0.4], lik).value_after
    assert w.value_after == pytest.approx(expected)
    assert set(w.rule["choice"]) <= {"act_talk", "wait_only"}
    assert "act_talk" in w.summary() or "wait_only" in w.summary()
    with pytest.raises(ValueError, match="missing"):
        value_of_waiting(case, payoffs=port[["calm"]])
    with pytest.raises(ValueError, match="same shape"):
        value_of_waiting(case, payoffs=port, delay_cost={"gain": 1})
    with pytest.raises(ValueError, match="every alternative"):
        value_of_waiting(case, payoffs=port, delay_cost=loss.iloc[:1])
    with pytest.raises(ValueError, match="goes with 'payoffs'"):
        value_of_waiting(case, delay_cost=loss)
    with pytest.raises(ValueError, match="expected a DataFrame"):
        value_of_waiting(case, payoffs=[[1, 2]])  # type: ignore[arg-type]
    bad = port.copy()
    bad.iloc[0, 0] = np.nan
    with pytest.raises(ValueError, match="finite"):
        value_of_waiting(case, payoffs=bad)
