"""Triggers: exact thresholds where the top option changes, checked on grids."""

from __future__ import annotations

import copy
from typing import Any

import numpy as np
import pytest

import policyopts as po
from policyopts.sensitivity.oneway import weight_path
from policyopts.waiting.triggers import decision_basis, triggers


def random_case(seed: int) -> po.Case:
    rng = np.random.default_rng(seed)
    m = int(rng.integers(2, 5))
    n = int(rng.integers(2, 4))
    k = int(rng.integers(2, 4))
    opts = [f"o{i}" for i in range(m)]
    crits = [f"c{j}" for j in range(n)]
    scores = rng.uniform(2, 8, size=(m, n))
    probs = rng.dirichlet(np.ones(k))
    data: dict[str, Any] = {
        "id": "rand",
        "title": "Random",
        "options": [{"id": o, "name": o.upper()} for o in opts],
        "criteria": [
            {"id": c, "name": c.upper(), "direction": "benefit" if j % 2 == 0 else "cost"}
            for j, c in enumerate(crits)
        ],
        "assessments": [
            {"option": o, "criterion": c, "score": float(scores[i, j]), "rationale": "r"}
            for i, o in enumerate(opts)
            for j, c in enumerate(crits)
        ],
        "scenarios": [
            {
                "id": f"s{t}",
                "name": f"S{t}",
                "probability": float(probs[t]),
                "score_changes": [
                    {"option": o, "criterion": c, "shift": float(rng.uniform(-2, 2))}
                    for o in opts
                    for c in crits
                    if rng.random() < 0.5
                ],
            }
            for t in range(k)
        ],
        "profiles": [
            {
                "id": "p",
                "name": "P",
                "weights": dict(zip(crits, rng.uniform(0.1, 1, n).tolist(), strict=True)),
            }
        ],
    }
    data["scenarios"][-1]["probability"] = 1.0 - sum(float(p) for p in probs[:-1])
    return po.Case.model_validate(data)


def _prob_top(pay: np.ndarray, prior: np.ndarray, j: int, t: np.ndarray) -> np.ndarray:
    """Independent path: p_j = t, the others rescaled to 1 - t."""
    others = np.delete(prior, j)
    share = others / others.sum()
    p = np.empty((t.size, prior.size))
    p[:, j] = t
    p[:, np.arange(prior.size) != j] = (1 - t)[:, None] * share[None, :]
    return np.argmax(p @ pay.T, axis=1)


def _weight_top_by_profile(case: po.Case, weights: np.ndarray) -> str:
    """The top option (expected score) for a profile with these weights, through the case."""
    data = case.model_dump(mode="python")
    data["profiles"] = [
        {
            "id": "probe",
            "name": "Probe",
            "weights": dict(zip(case.criterion_ids, weights.tolist(), strict=True)),
        }
    ]
    data["default_profile"] = None
    probe = po.Case.model_validate(data)
    scen = [s.id for s in probe.scenarios]
    exp = po.scenario_table(probe)[scen].to_numpy() @ np.array(
        [s.probability for s in probe.scenarios]
    )
    return probe.option_ids[int(np.argmax(exp))]


@pytest.mark.parametrize("seed", range(12))
def test_against_fine_grid(seed: int) -> None:
    case = random_case(seed)
    trig = triggers(case)
    tab = trig.table
    grid = np.linspace(0, 1, 4001)
    scen = [s.id for s in case.scenarios]
    pay = po.scenario_table(case)[scen].to_numpy()
    prior = np.array([s.probability for s in case.scenarios])
    values, w = decision_basis(case)
    for j, sid in enumerate(scen):
        tops = _prob_top(pay, prior, j, grid)
        changes = grid[1:][np.diff(tops) != 0]
        found = np.sort(
            tab.loc[(tab["kind"] == "scenario") & (tab["target"] == sid), "threshold"].to_numpy(
                float
            )
        )
        assert len(found) == len(changes), (sid, found, changes)
        np.testing.assert_allclose(found, changes, atol=1 / 4000)
    for j, cid in enumerate(case.criterion_ids):
        tops = np.argmax(weight_path(w, j, grid) @ values.T, axis=1)
        changes = grid[1:][np.diff(tops) != 0]
        found = np.sort(
            tab.loc[(tab["kind"] == "weight") & (tab["target"] == cid), "threshold"].to_numpy(float)
        )
        assert len(found) == len(changes), (cid, found, changes)
        np.testing.assert_allclose(found, changes, atol=1 / 4000)


@pytest.mark.parametrize("seed", range(12))
def test_crossing_by_001_changes_the_top(seed: int) -> None:
    case = random_case(seed)
    trig = triggers(case)
    tab = trig.table
    scen = [s.id for s in case.scenarios]
    pay = po.scenario_table(case)[scen].to_numpy()
    prior = np.array([s.probability for s in case.scenarios])
    _, w = decision_basis(case)
    opts = case.option_ids
    for _, r in tab.iterrows():
        same = tab[(tab["kind"] == r["kind"]) & (tab["target"] == r["target"])]["threshold"]
        if ((same - r["threshold"]).abs().between(1e-12, 0.0101)).any():
            continue  # another threshold within 0.01: crossing by 0.01 passes both
        t = r["threshold"]
        lo, hi = max(t - 0.01, 0.0), min(t + 0.01, 1.0)
        inside, outside = (lo, hi) if r["direction"] == "above" else (hi, lo)
        if r["kind"] == "scenario":
            j = scen.index(r["target"])
            a, b = _prob_top(pay, prior, j, np.array([inside, outside]))
            before, after = opts[a], opts[b]
        else:
            j = case.criterion_ids.index(r["target"])
            path = weight_path(w, j, [inside, outside])
            before = _weight_top_by_profile(case, path[0])
            after = _weight_top_by_profile(case, path[1])
        assert before == r["leader"]
        assert after == r["challenger"]
        assert before != after


def test_sentences_and_table(mali: po.Case) -> None:
    trig = po.triggers(mali)
    assert trig.top == po.compare(mali).top or trig.top in mali.option_ids
    sentences = trig.sentences()
    assert sentences
    assert all(s.startswith("if the ") and " overtakes " in s for s in sentences)
    first = trig.table[trig.table["first"]]
    # at most one first trigger per target and side
    assert not first.duplicated(["target", "direction"]).any()
    assert "Threshold" in trig.to_markdown()
    assert trig.summary().startswith("Aid comes first now")


def test_no_trigger(toy_data: dict[str, Any]) -> None:
    data = copy.deepcopy(toy_data)
    # one option better on everything in every scenario: nothing can change the top
    for a in data["assessments"]:
        if a["option"] == "talk":
            a["score"] = 10.0 if a["criterion"] == "gain" else 0.0
            a["uncertainty"] = None
    for r in data["risks"]:
        r["exposure"]["talk"] = 0.0
    data["scenarios"] = []
    trig = triggers(po.Case.model_validate(data))
    assert trig.table.empty
    assert "stays first" in trig.summary()


def test_errors() -> None:
    with pytest.raises(TypeError, match="case"):
        triggers("mali")  # type: ignore[arg-type]
