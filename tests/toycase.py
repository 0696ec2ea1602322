"""A small valid case as plain data (shared by the fixtures and by tests that import it)."""

from __future__ import annotations

from typing import Any

_MINIMAL: dict[str, Any] = {
    "id": "toy",
    "title": "Toy question",
    "default_profile": "even",
    "branches": [{"id": "effect", "name": "Effect"}],
    "options": [
        {"id": "act", "name": "Act", "commitments": ["do something"]},
        {"id": "wait", "name": "Wait"},
        {"id": "talk", "name": "Talk"},
    ],
    "criteria": [
        {"id": "gain", "name": "Gain", "parent": "effect", "direction": "benefit"},
        {
            "id": "cost",
            "name": "Cost",
            "direction": "cost",
            "scale": {"min": 0, "max": 100, "unit": "USD million"},
        },
    ],
    "assessments": [
        {
            "option": o,
            "criterion": c,
            "score": s,
            "uncertainty": {"kind": "triangular", "low": max(lo, s - 1), "high": min(hi, s + 1)},
            "basis": "source",
            "rationale": f"{o} on {c}",
            "evidence": ["ev1"],
        }
        for o, c, s, lo, hi in [
            ("act", "gain", 7, 0, 10),
            ("act", "cost", 60, 0, 100),
            ("wait", "gain", 2, 0, 10),
            ("wait", "cost", 5, 0, 100),
            ("talk", "gain", 5, 0, 10),
            ("talk", "cost", 20, 0, 100),
        ]
    ],
    "risks": [
        {
            "id": "backfire",
            "name": "Backfire",
            "likelihood": 0.4,
            "likelihood_uncertainty": {"kind": "uniform", "low": 0.2, "high": 0.6},
            "impact": 3,
            "exposure": {"act": 0.8, "wait": 0.1, "talk": 0.3},
            "rationale": "acting invites a response",
            "evidence": ["ev1"],
        }
    ],
    "scenarios": [
        {
            "id": "calm",
            "name": "Calm",
            "probability": 0.6,
            "rationale": "judgement",
            "score_changes": [{"option": "act", "criterion": "gain", "shift": 1}],
        },
        {
            "id": "storm",
            "name": "Storm",
            "probability": 0.4,
            "score_changes": [{"option": "wait", "criterion": "gain", "set": 0}],
            "likelihood_overrides": {"backfire": 0.9},
        },
    ],
    "profiles": [
        {"id": "even", "name": "Even", "weights": {"gain": 1, "cost": 1, "risk_burden": 1}},
        {"id": "thrifty", "name": "Thrifty", "swing": {"gain": 40, "cost": 100, "risk_burden": 20}},
        {"id": "ranked", "name": "Ranked", "ranks": {"gain": 1, "cost": 2, "risk_burden": 3}},
    ],
    "sources": [
        {
            "id": "src",
            "document": "doc.txt",
            "outlet": "Outlet",
            "title": "A title",
            "date": "2024-09",
        }
    ],
    "evidence": [
        {
            "id": "ev1",
            "source": "src",
            "claim": "something happened",
            "figures": [{"value": 77, "unit": "people", "what": "killed", "qualifier": "at_least"}],
        }
    ],
    # the burden scale from 0 to the most possible burden, which the hand
    # computations in the tests use (the default is the plausible range)
    "risk_criterion": {"scale": "possible"},
}
