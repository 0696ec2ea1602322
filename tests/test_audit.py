"""po.audit: planted problems are found with the right code and field path."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

import policyopts as po
from policyopts.cli import main

Data = dict[str, Any]


def _coherent(data: Data) -> Data:
    """The toy case with its backfire likelihood matching the scenarios (0.9 =
    0.6 x 0.9 + 0.4 x 0.9) and a scenario that moves scores enough."""
    d = copy.deepcopy(data)
    d["risks"][0]["likelihood"] = 0.9
    del d["risks"][0]["likelihood_uncertainty"]
    d["scenarios"][0]["score_changes"] = [{"option": "act", "criterion": "gain", "shift": 3}]
    return d


def _paths(report: po.Audit, code: str) -> list[str]:
    return [f.path for f in report.by_code(code)]


def _add_criterion(d: Data, cid: str, scores: dict[str, float], evidence: list[str]) -> None:
    d["criteria"].append({"id": cid, "name": cid.title(), "direction": "benefit"})
    for o, s in scores.items():
        d["assessments"].append(
            {"option": o, "criterion": cid, "score": s, "rationale": "r", "evidence": evidence}
        )
    for p in d["profiles"]:
        for key in ("weights", "swing"):
            if key in p:
                p[key][cid] = 1
        if "ranks" in p:
            p["ranks"][cid] = 4


def test_planted_likelihood_contradiction(toy_data: Data) -> None:
    report = po.audit(po.Case.model_validate(toy_data))
    found = report.by_code("likelihood_incoherent")
    assert [f.path for f in found] == ["risks[backfire].likelihood"]
    assert found[0].numbers["implied"] == pytest.approx(0.6 * 0.4 + 0.4 * 0.9)
    assert found[0].severity == "warning"
    assert (
        _paths(po.audit(po.Case.model_validate(_coherent(toy_data))), "likelihood_incoherent") == []
    )


def test_scenario_that_rules_a_risk_out(toy_data: Data) -> None:
    d = _coherent(toy_data)
    d["risks"][0]["name"] = "Backfire collapse"
    d["scenarios"][0]["name"] = "Calm without collapse"
    d["scenarios"][0]["likelihood_overrides"] = {"backfire": 0.9}
    d["scenarios"][1]["likelihood_overrides"] = {"backfire": 0.9}
    paths = _paths(po.audit(po.Case.model_validate(d)), "likelihood_incoherent")
    assert paths == ["scenarios[calm].likelihood_overrides.backfire"]


def test_duplicated_criterion(toy_data: Data) -> None:
    d = _coherent(toy_data)
    _add_criterion(d, "gain_again", {"act": 7, "wait": 2, "talk": 5}, [])
    found = po.audit(po.Case.model_validate(d)).by_code("redundant_criteria")
    dup = [f for f in found if f.path == "criteria[gain_again]"]
    assert [f.message.split(":")[0] for f in dup] == ["overlaps gain", "overlaps cost"]
    assert "values move together" in dup[0].message
    assert dup[0].numbers["rank_correlation"] == pytest.approx(1.0)
    # in the toy, gain and cost rank the options in exactly opposite orders
    assert "criteria[cost]" in [f.path for f in found]


def test_inert_scenario(toy_data: Data) -> None:
    d = _coherent(toy_data)
    d["scenarios"][0]["probability"] = 0.5
    d["scenarios"].append({"id": "quiet", "name": "Quiet", "probability": 0.1})
    paths = _paths(po.audit(po.Case.model_validate(d)), "scenario_inert")
    assert "scenarios[quiet]" in paths
    assert "scenarios[storm]" not in paths


def test_non_discriminating_criterion(toy_data: Data) -> None:
    d = _coherent(toy_data)
    _add_criterion(d, "flat", {"act": 4, "wait": 4, "talk": 4}, [])
    report = po.audit(po.Case.model_validate(d))
    assert _paths(report, "non_discriminating") == ["criteria[flat]"]


def test_relayed_and_duplicate_sources(toy_data: Data) -> None:
    d = _coherent(toy_data)
    d["sources"].append(
        {"id": "wire", "document": "w.txt", "outlet": "Wire", "title": "Relay", "relays": ["src"]}
    )
    d["sources"].append({"id": "copy", "document": "c.txt", "outlet": "Outlet", "title": "A title"})
    report = po.audit(po.Case.model_validate(d))
    assert _paths(report, "dependent_sources") == ["sources[wire].relays[0]", "sources[copy]"]


def test_risk_overlap_stale_evidence_and_basis(toy_data: Data) -> None:
    d = _coherent(toy_data)
    d["as_of"] = "2030-01"
    d["risks"][0]["overlaps"] = ["cost"]
    d["risks"][0]["description"] = "It also raises the gain question."
    for a in d["assessments"]:
        if a["option"] == "wait":
            a["basis"] = "judgement"
    report = po.audit(po.Case.model_validate(d))
    assert _paths(report, "risk_overlaps_criterion") == [
        "risks[backfire].description",
        "risks[backfire].overlaps[0]",
    ]
    assert _paths(report, "stale_evidence") == ["evidence[ev1]"]
    assert _paths(report, "basis_imbalance") == ["options[wait]"]
    assert report.basis.loc["wait", "judgement"] == 2
    assert report.basis.loc["act", "sourced_share"] == 1.0


def test_risk_inert_when_the_scale_swamps_the_options(mali: po.Case) -> None:
    report = po.audit(mali)  # the rebuilt case uses the default 'plausible' scale
    assert "profiles[balanced]" not in _paths(report, "risk_inert")
    data = mali.model_dump()
    data["risk_criterion"]["scale"] = {"min": 0, "max": 200}
    swamped = po.audit(po.Case.model_validate(data))
    assert "profiles[balanced]" in _paths(swamped, "risk_inert")


def test_mali_findings_after_the_rebuild(mali: po.Case) -> None:
    report = po.audit(mali)
    paths = {f.path for f in report}
    # issue 16 cleared these: coherent likelihoods, each concern counted once
    assert not {"likelihood_incoherent", "risk_overlaps_criterion", "risk_inert"} & set(
        report.codes
    )
    # what remains is explained in the case file's header
    assert "scenarios" in paths  # aid leads in most scenarios: the EVPI is small
    assert "sources[news_2025_test].relays[0]" in paths
    assert {"dependent_sources", "stale_evidence", "basis_imbalance"} <= set(report.codes)
    assert not report.failed() and report.failed(strict=True)


def test_audit_checks_its_thresholds(toy_case: po.Case) -> None:
    with pytest.raises(ValueError, match="rank_corr"):
        po.audit(toy_case, rank_corr=-1)


def test_validate_audit_prints_file_and_line(
    toy_data: Data, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = po.save_case(po.Case.model_validate(toy_data), tmp_path / "toy.yaml")
    assert main(["validate", str(path), "--audit"]) == 0
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if "likelihood_incoherent" in x)
    file, number, rest = line.split(":", 2)
    assert Path(file).name == "toy.yaml"
    assert rest.startswith(" warning likelihood_incoherent risks[backfire].likelihood:")
    assert path.read_text().splitlines()[int(number) - 1].strip().startswith("likelihood:")
    assert main(["validate", str(path), "--audit", "--strict"]) == 1
    capsys.readouterr()
    assert main(["validate", str(path)]) == 0
    assert "likelihood_incoherent" not in capsys.readouterr().out


def test_validate_audit_on_mali_locates_evidence_in_its_own_file(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["validate", "mali", "--audit"]) == 0
    out = capsys.readouterr().out
    stale = next(x for x in out.splitlines() if "stale_evidence" in x)
    assert stale.split(":")[0].endswith("seeds/mali.yaml")
    assert "risk_inert" not in out and "audit: 0 errors, " in out
