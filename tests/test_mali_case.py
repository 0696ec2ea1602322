"""The bundled Mali case: coverage of the brief, evidence integrity, our own words."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

import policyopts as po

SOURCES = Path(__file__).resolve().parents[2] / "shared" / "seeds"
OPTION_IDS = ["re_partner", "contain_coastal", "negotiate", "wait_and_see", "humanitarian"]


def test_five_options_with_commitments(mali: po.Case) -> None:
    assert mali.option_ids == OPTION_IDS
    for option in mali.options:
        assert option.description and option.commitments


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
    assert len(mali.risks) >= 8
    for r in mali.risks:
        assert set(r.exposure) == set(OPTION_IDS)
    assert len(mali.scenarios) >= 4
    assert sum(s.probability for s in mali.scenarios) == pytest.approx(1.0)
    assert all(s.basis == "judgement" for s in mali.scenarios)
    assert len(mali.profiles) >= 4
    assert mali.default_profile == "balanced"


def test_evidence_covers_all_five_documents(mali: po.Case) -> None:
    assert len(mali.evidence) >= 25
    documents = {s.id: s.document for s in mali.sources}
    cited = {documents[e.source] for e in mali.evidence}
    assert len(cited) == 5
    with_figures = [e for e in mali.evidence if e.figures]
    assert len(with_figures) >= 15


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
