"""save_case checks the case again before writing, and Case.model_validate_json
raises CaseError like every other way of building a case."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import policyopts as po


def test_save_refuses_a_case_mutated_after_validation(tmp_path: Path, toy_case: po.Case) -> None:
    dest = tmp_path / "case.yaml"
    dest.write_text("previous\n", encoding="utf-8")
    toy_case.options.append(toy_case.options[0])  # a duplicate id, after validation
    with pytest.raises(po.CaseError, match=r"options\[act\]\.id: duplicate id|duplicate id"):
        po.save_case(toy_case, dest)
    assert dest.read_text(encoding="utf-8") == "previous\n"


@pytest.mark.parametrize(
    "update",
    [{"title": ""}, {"default_profile": "nobody"}, {"options": []}],
)
def test_save_refuses_a_model_copy_with_bad_updates(
    tmp_path: Path, toy_case: po.Case, update: dict[str, Any]
) -> None:
    bad = toy_case.model_copy(update=update)
    with pytest.raises(po.CaseError):
        po.save_case(bad, tmp_path / "case.json")
    assert not (tmp_path / "case.json").exists()


def test_save_then_load_after_a_valid_update(tmp_path: Path, toy_case: po.Case) -> None:
    good = toy_case.model_copy(update={"title": "Renamed"})
    assert po.load_case(po.save_case(good, tmp_path / "c.yaml")).title == "Renamed"


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("{", "invalid JSON at line 1"),
        ("[1, 2]", "Case"),
        ('{"id": "x"}', "required field is missing"),
        ("[" * 100_000, "invalid JSON"),
    ],
)
def test_model_validate_json_raises_case_error(text: str, match: str) -> None:
    with pytest.raises(po.CaseError, match=match) as info:
        po.Case.model_validate_json(text)
    assert "\n" not in str(info.value)


def test_model_validate_json_round_trips(toy_case: po.Case) -> None:
    assert po.Case.model_validate_json(toy_case.model_dump_json()) == toy_case
