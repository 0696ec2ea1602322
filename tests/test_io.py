"""Loading, saving and the schema: file-level faults, round trips, atomic saves."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

import policyopts as po
from policyopts import io as po_io

REPO = Path(__file__).resolve().parents[1]


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _dump(tmp_path: Path, data: dict[str, Any], name: str = "case.yaml") -> Path:
    return _write(tmp_path / name, yaml.safe_dump(data, sort_keys=False, allow_unicode=True))


# ------------------------------------------------------------------ bundled
def test_bundled_mali_loads_by_name(mali: po.Case) -> None:
    assert mali.id == "mali"
    assert "mali" in po.bundled_cases()


def test_unknown_bundled_name_lists_the_bundled_cases() -> None:
    with pytest.raises(po.CaseError, match=r"no bundled case named 'atlantis'.*mali"):
        po.load_case("atlantis")


# ------------------------------------------------------------ file faults
@pytest.mark.parametrize(
    ("name", "text", "words"),
    [
        ("empty.yaml", "", "empty"),
        ("blank.yaml", "  \n\n", "empty"),
        ("comment.yaml", "# nothing here\n", "empty"),
        ("list.yaml", "- a\n- b\n", "must be a mapping"),
        ("scalar.yaml", "just words\n", "must be a mapping"),
        ("bad.yaml", "id: x\ntitle: [unclosed\n", "invalid YAML at line"),
        ("tabs.yaml", "id: x\n\ttitle: y\n", "invalid YAML at line 2"),
        ("tag.yaml", "id: !!python/object:os.system x\n", "YAML tags are not allowed"),
        ("dupe.yaml", "id: a\nid: b\n", "duplicate key 'id'"),
        ("bad.json", '{"id": "x", "title": }', "invalid JSON at line 1, column 22"),
        ("dupe.json", '{"id": "x", "id": "y"}', "duplicate key in a JSON object (got 'id')"),
        (
            "nan.json",
            '{"id": "x", "title": NaN}',
            "title: input should be a valid string (got nan)",
        ),
        ("case.txt", "id: x\n", "unsupported file type '.txt'"),
    ],
)
def test_file_level_faults(tmp_path: Path, name: str, text: str, words: str) -> None:
    path = _write(tmp_path / name, text)
    with pytest.raises(po.CaseError) as info:
        po.load_case(path)
    assert words in str(info.value)
    assert name in str(info.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(po.CaseError, match=r"nowhere\.yaml: file not found"):
        po.load_case(tmp_path / "nowhere.yaml")


def test_folder_is_not_a_case(tmp_path: Path) -> None:
    (tmp_path / "dir.yaml").mkdir()
    with pytest.raises(po.CaseError, match="is a folder"):
        po.load_case(tmp_path / "dir.yaml")


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin.yaml"
    path.write_bytes("title: caf\xe9\n".encode("latin-1"))
    with pytest.raises(po.CaseError, match="not UTF-8"):
        po.load_case(path)


def test_truncated_file(tmp_path: Path, toy_data: dict[str, Any]) -> None:
    text = yaml.safe_dump(toy_data, sort_keys=False)
    path = _write(tmp_path / "cut.yaml", text[: len(text) // 2])
    with pytest.raises(po.CaseError) as info:
        po.load_case(path)
    assert "cut.yaml" in str(info.value)


def test_unreadable_file(
    tmp_path: Path, toy_data: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _dump(tmp_path, toy_data)

    import policyopts.io._files as files

    real_open = files.os.open

    def denied(target: Any, *args: Any, **kwargs: Any) -> int:
        if Path(target) == path:
            raise PermissionError(13, "Permission denied")
        return real_open(target, *args, **kwargs)

    monkeypatch.setattr(files.os, "open", denied)
    with pytest.raises(po.CaseError, match="cannot read the file: Permission denied"):
        po.load_case(path)


def test_validation_errors_name_file_path_line_and_value(
    tmp_path: Path, toy_data: dict[str, Any]
) -> None:
    toy_data["assessments"][1]["uncertainty"] = {"kind": "uniform", "low": 70, "high": 50}
    path = _dump(tmp_path, toy_data)
    with pytest.raises(po.CaseError) as info:
        po.load_case(path)
    problem = info.value.problems[0]
    assert problem.file is not None and problem.file.endswith("case.yaml")
    assert problem.path == "assessments[act][cost].uncertainty.low"
    assert problem.value == 70
    lines = path.read_text().splitlines()
    assert problem.line is not None
    assert lines[problem.line - 1].strip().startswith("low: 70")
    assert "70 > high 50" in str(info.value)


def test_json_case_errors_are_located_too(tmp_path: Path, toy_data: dict[str, Any]) -> None:
    toy_data["risks"][0]["likelihood"] = 3
    path = _write(tmp_path / "case.json", json.dumps(toy_data))
    with pytest.raises(po.CaseError) as info:
        po.load_case(path)
    assert info.value.path == "risks[backfire].likelihood"
    assert info.value.value == 3


# -------------------------------------------------------------- evidence files
def test_evidence_files_are_merged_and_their_errors_located(
    tmp_path: Path, toy_data: dict[str, Any]
) -> None:
    evidence = {"sources": toy_data.pop("sources"), "evidence": toy_data.pop("evidence")}
    (tmp_path / "seeds").mkdir()
    (tmp_path / "criteria").mkdir()
    _dump(tmp_path / "seeds", evidence, "ev.yaml")
    toy_data["evidence_files"] = ["../seeds/ev.yaml"]
    case_path = _dump(tmp_path / "criteria", toy_data)
    with pytest.raises(po.CaseError, match="outside the case file's folder"):
        po.load_case(case_path)  # '..' leads out of the case's folder
    case = po.load_case(case_path, evidence_root=tmp_path)
    assert [e.id for e in case.evidence] == ["ev1"]

    evidence["evidence"][0]["source"] = "ghost"
    _dump(tmp_path / "seeds", evidence, "ev.yaml")
    with pytest.raises(po.CaseError) as info:
        po.load_case(case_path, evidence_root=[tmp_path])
    problem = info.value.problems[0]
    assert problem.file is not None and problem.file.endswith("ev.yaml")
    assert problem.path == "evidence[ev1].source"
    assert problem.line is not None


def test_missing_evidence_file(tmp_path: Path, toy_data: dict[str, Any]) -> None:
    toy_data["evidence_files"] = ["nowhere.yaml"]
    with pytest.raises(po.CaseError, match=r"evidence_files\[0\]: evidence file not found"):
        po.load_case(_dump(tmp_path, toy_data))


def test_evidence_file_with_unknown_key(tmp_path: Path, toy_data: dict[str, Any]) -> None:
    _dump(tmp_path, {"sources": [], "evidence": [], "notes": "x"}, "ev.yaml")
    toy_data["evidence_files"] = ["ev.yaml"]
    with pytest.raises(po.CaseError, match=r"ev\.yaml:3: notes: unknown field"):
        po.load_case(_dump(tmp_path, toy_data))


# ---------------------------------------------------------------- round trips
@pytest.mark.parametrize("suffix", [".yaml", ".yml", ".json"])
def test_round_trip_is_lossless(tmp_path: Path, mali: po.Case, suffix: str) -> None:
    first = po.save_case(mali, tmp_path / f"one{suffix}")
    again = po.load_case(first)
    assert again == mali
    second = po.save_case(again, tmp_path / f"two{suffix}")
    assert po.load_case(second) == mali
    assert first.read_text() == second.read_text()


def test_round_trip_keeps_unicode(tmp_path: Path, toy_data: dict[str, Any]) -> None:
    toy_data["options"][0]["name"] = "Réengager Bamako — 再合作 ✓"
    case = po.Case.model_validate(toy_data)
    for suffix in (".yaml", ".json"):
        path = po.save_case(case, tmp_path / f"u{suffix}")
        assert "Réengager" in path.read_text(encoding="utf-8")
        assert po.load_case(path) == case


def test_save_is_atomic_and_failure_keeps_the_old_file(
    tmp_path: Path, toy_case: po.Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = po.save_case(toy_case, tmp_path / "case.yaml")
    before = path.read_bytes()

    def broken_replace(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(po_io.os, "replace", broken_replace)
    changed = toy_case.model_copy(update={"title": "Changed"})
    with pytest.raises(OSError, match="disk full"):
        po.save_case(changed, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["case.yaml"]  # no temp file left


def test_save_rejects_unknown_suffix_and_non_case(tmp_path: Path, toy_case: po.Case) -> None:
    with pytest.raises(ValueError, match="path: unsupported suffix"):
        po.save_case(toy_case, tmp_path / "case.txt")
    with pytest.raises(TypeError, match="case: expected a policyopts Case"):
        po.save_case({"id": "x"}, tmp_path / "x.yaml")  # type: ignore[arg-type]


def test_save_keeps_file_mode(tmp_path: Path, toy_case: po.Case) -> None:
    path = po.save_case(toy_case, tmp_path / "case.yaml")
    path.chmod(0o640)
    po.save_case(toy_case, path)
    assert path.stat().st_mode & 0o777 == 0o640


# ---------------------------------------------------------------------- schema
def test_schema_describes_the_format(tmp_path: Path) -> None:
    schema = po.case_schema()
    props = schema["properties"]
    for key in ("options", "criteria", "assessments", "risks", "scenarios", "profiles"):
        assert key in props
    assert "evidence_files" in props
    json.dumps(schema)  # serialisable


def test_bundled_case_validates_against_schema(mali: po.Case) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    data = po_io.case_to_data(mali)
    jsonschema.validate(data, po.case_schema())


def test_copy_of_bundled_case_loads_from_elsewhere(tmp_path: Path) -> None:
    shutil.copytree(REPO / "criteria", tmp_path / "criteria")
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    with pytest.raises(po.CaseError, match="outside the case file's folder"):
        po.load_case(tmp_path / "criteria" / "mali.yaml")
    case = po.load_case(tmp_path / "criteria" / "mali.yaml", evidence_root=tmp_path)
    assert case == po.load_case("mali")
    # the bundled file itself, named by its path, may read the bundled evidence
    assert po.load_case(REPO / "criteria" / "mali.yaml") == case
