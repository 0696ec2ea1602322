"""The bundled Mali case: coverage of the brief, evidence integrity, our own words."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

import policyopts as po

SOURCES = Path(__file__).resolve().parents[2] / "shared" / "seeds"
OPTION_IDS = [
    "re_partner",
    "re_partner_narrow",
    "contain_coastal",
    "negotiate",
    "wait_and_see",
    "humanitarian",
]


def test_six_options_with_commitments(mali: po.Case) -> None:
    assert mali.option_ids == OPTION_IDS
    for option in mali.options:
        assert option.description and option.commitments


def test_contain_covers_the_western_corridor(mali: po.Case) -> None:
    contain = mali.option("contain_coastal")
    text = contain.description + " ".join(contain.commitments)
    for country in ["Senegal", "Guinea", "Mauritania", "Côte d'Ivoire", "Ghana", "Togo", "Benin"]:
        assert country in text, country


def test_value_tree(mali: po.Case) -> None:
    assert len(mali.criteria) >= 8
    parents = Counter(c.parent for c in mali.criteria)
    assert None not in parents
    assert len(parents) >= 3
    assert {c.direction for c in mali.criteria} == {"benefit", "cost"}
    assert mali.risk_criterion.parent in {b.id for b in mali.all_branches}


def test_every_assessment_has_rationale_and_resolving_evidence(mali: po.Case) -> None:
    evidence = {e.id for e in mali.evidence}
    assert len(mali.assessments) == len(mali.options) * len(mali.criteria)
    for a in mali.assessments:
        assert len(a.rationale) > 20
        assert a.evidence and set(a.evidence) <= evidence
    for r in mali.risks:
        assert len(r.rationale) > 20
        assert r.evidence and set(r.evidence) <= evidence


def test_risks_scenarios_profiles(mali: po.Case) -> None:
    assert len(mali.risks) >= 6
    for r in mali.risks:
        assert set(r.exposure) == set(OPTION_IDS)
    assert len(mali.scenarios) >= 6
    ids = {s.id for s in mali.scenarios}
    assert {"negotiated_deescalation", "junta_falls", "regional_centres_first"} <= ids
    assert sum(s.probability for s in mali.scenarios) == pytest.approx(1.0)
    assert all(s.basis == "judgement" for s in mali.scenarios)
    assert len(mali.profiles) >= 4
    assert mali.default_profile == "balanced"


SEED_FILES = [
    "000_cd55eb2d15d376aa.txt",
    "001_e8c4028ca0759041.txt",
    "002_16e8501bda86517c.txt",
    "003_66301c8264d32b0a.txt",
    "004_1e40ac8446c2f0c0.txt",
]


def test_evidence_covers_all_five_files_as_four_documents(mali: po.Case) -> None:
    assert len(mali.evidence) >= 25
    cited = {e.source for e in mali.evidence}
    held = [s for s in mali.sources if s.id in cited]
    # 000 and 001 are one article: one source naming both files
    assert len(held) == 4
    documents = " ".join(s.document for s in held)
    for name in SEED_FILES:
        assert name in documents, name
    with_figures = [e for e in mali.evidence if e.figures]
    assert len(with_figures) >= 15


def test_sources_by_outlet_and_relays(mali: po.Case) -> None:
    by_outlet = Counter(s.outlet for s in mali.sources if ".txt" in s.document)
    # three of the four documents we hold are Responsible Statecraft or relay it
    assert by_outlet["Responsible Statecraft"] == 2
    assert by_outlet["FDD's Long War Journal"] == 1
    relayed = {r for s in mali.sources for r in s.relays}
    outlets = {s.id: s.outlet for s in mali.sources}
    assert {outlets[r] for r in relayed} == {"Responsible Statecraft"}
    news = next(s for s in mali.sources if s.id == "news_2025_test")
    assert news.relays
    for s in mali.sources:
        assert s.note, s.id


def test_every_evidence_id_resolves(mali: po.Case) -> None:
    evidence = {e.id for e in mali.evidence}
    sources = {s.id for s in mali.sources}
    assert {e.source for e in mali.evidence} <= sources
    cited = [ev for s in mali.scenarios for ev in s.evidence]
    cited += [ev for a in mali.assessments for ev in a.evidence]
    cited += [ev for r in mali.risks for ev in r.evidence]
    assert set(cited) <= evidence


def test_audit_has_no_errors_and_coherent_likelihoods(mali: po.Case) -> None:
    result = po.audit(mali)
    assert result.count("error") == 0
    assert "likelihood_incoherent" not in result.codes
    # each concern counted once: no risk declared or found to overlap a criterion
    assert "risk_overlaps_criterion" not in result.codes
    assert "risk_inert" not in result.codes
    # the burden runs on the plausible scale (no `scale: possible`)
    assert mali.risk_criterion.scale == "plausible"


def test_scenarios_change_scores_where_sources_give_reason(mali: po.Case) -> None:
    aid = mali.assessment("humanitarian", "relief")
    # relief under the fuel blockade is not relief without one
    assert aid.by_scenario["strangulation"].score < aid.score
    assert aid.by_scenario["negotiated_deescalation"].score > aid.score
    # the JNIM-Islamic State rivalry moves negotiate's counterterrorism score
    rivalry = next(r for r in mali.risks if r.id == "issp_rivalry")
    assert rivalry.impacts["ct_effect"] < 0 and rivalry.exposure["negotiate"] > 0.5
    assessed = po.compare(mali, scenario="assessed").table
    assert assessed.loc["negotiate", "ct_effect"] < mali.assessment("negotiate", "ct_effect").score


def test_broad_re_partnering_ranks_low_and_below_its_narrow_form(mali: po.Case) -> None:
    last = []
    for profile in mali.profiles:
        ranks = po.compare(mali, profile.id).ranks
        assert ranks["re_partner"] >= len(OPTION_IDS) - 1, profile.id
        assert ranks["re_partner_narrow"] < ranks["re_partner"], profile.id
        last.append(ranks["re_partner"] == len(OPTION_IDS))
    # last under every profile but counterterrorism-first (where waiting is last)
    assert sum(last) == len(mali.profiles) - 1


def test_both_kinds_of_basis_are_used(mali: po.Case) -> None:
    counts = mali.basis_counts()
    assert counts["source"] > 0 and counts["judgement"] > 0


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower().replace("’", "'"))


def _our_texts(case: po.Case) -> list[str]:
    texts = [case.description, case.question]
    texts += [o.description for o in case.options] + [
        c for o in case.options for c in o.commitments
    ]
    texts += [c.description for c in case.criteria]
    texts += [a.rationale for a in case.assessments]
    texts += [s.rationale for a in case.assessments for s in a.by_scenario.values()]
    texts += [s.note for s in case.sources]
    texts += [r.description for r in case.risks] + [r.rationale for r in case.risks]
    texts += [s.narrative for s in case.scenarios] + [s.rationale for s in case.scenarios]
    texts += [p.rationale for p in case.profiles]
    texts += [e.claim for e in case.evidence] + [f.what for e in case.evidence for f in e.figures]
    return texts


@pytest.mark.skipif(not SOURCES.is_dir(), reason="source documents not beside the repository")
def test_no_sentence_copied_from_the_sources(mali: po.Case) -> None:
    """No run of 8 consecutive words in our texts appears in a source document."""
    n = 8
    grams: set[tuple[str, ...]] = set()
    for path in SOURCES.glob("*.txt"):
        words = _words(path.read_text(encoding="utf-8"))
        grams.update(tuple(words[i : i + n]) for i in range(len(words) - n + 1))
    copied = []
    for text in _our_texts(mali):
        words = _words(text)
        for i in range(len(words) - n + 1):
            if tuple(words[i : i + n]) in grams:
                copied.append(" ".join(words[i : i + n]))
    assert not copied, copied


def test_signposts_from_the_sources(mali: po.Case) -> None:
    ids = {s.id for s in mali.signposts}
    assert {
        "fuel_convoys_bamako",
        "jnim_kayes_nioro",
        "army_defections",
        "africa_corps_drawdown",
        "junta_jnim_contacts",
        "coastal_north_attacks",
        "issp_menaka",
    } <= ids
    scenarios = {s.id for s in mali.scenarios}
    evidence = {e.id for e in mali.evidence}
    for s in mali.signposts:
        assert s.basis == "judgement" and set(s.likelihoods) == scenarios
        assert s.evidence and set(s.evidence) <= evidence
    # news of talks points to the negotiated de-escalation more than anything else
    up = po.update_scenarios(mali, {"junta_jnim_contacts": True})
    prior = {s.id: s.probability for s in mali.scenarios}
    assert up.posterior["negotiated_deescalation"] > 2 * prior["negotiated_deescalation"]


def test_strategies_under_budgets(mali: po.Case) -> None:
    assert mali.portfolio is not None
    assert mali.portfolio.baseline_option == "wait_and_see"  # no new commitments
    for option in mali.options:
        assert set(option.costs) <= {"money", "political_capital"}
    assert all("judgement" in r.description for r in mali.resources)
    pairs = {frozenset(i.options) for i in mali.portfolio.interactions}
    assert frozenset({"humanitarian", "negotiate"}) in pairs
    undercut = next(
        i for i in mali.portfolio.interactions if set(i.options) == {"re_partner", "negotiate"}
    )
    assert undercut.effect < 0
    best = po.portfolios(mali).best
    assert set(best) == {"humanitarian", "negotiate"}


def test_expected_view_keeps_cells_equal_across_scenarios_exact(mali: po.Case) -> None:
    # The expected view mixes the scenarios with their probabilities. A cell with
    # the same score in every scenario keeps that score exactly (a correctly
    # rounded sum), so no 1e-16 difference becomes a strict preference under
    # PROMETHEE's usual criterion or shows as 2.22e-16 in a table.
    from policyopts._casearrays import case_arrays

    expected = case_arrays(mali, "expected").matrix
    views = np.stack([case_arrays(mali, s.id).matrix for s in mali.scenarios])
    same = (views == views[0]).all(axis=0)
    assert same.any()
    np.testing.assert_array_equal(expected[same], views[0][same])
    inputs = po.uncertain_inputs(mali, "expected")
    assert not [i.id for i in inputs.inputs if 0 < abs(i.low) < 1e-9]
