"""Participants files go through the bounded reader and the guarded YAML loader
of case files: only one-line CaseErrors come out, whatever the input."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import policyopts as po
import policyopts.group
from policyopts.io.participants import read_participants


def _bomb(levels: int = 9) -> str:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{k}: &a{k} [{', '.join([f'*a{k - 1}'] * 10)}]" for k in range(1, levels)]
    return "\n".join(lines) + "\n"


def test_reader_lives_in_io_and_is_reexported() -> None:
    assert po.read_participants is read_participants
    assert policyopts.group.read_participants is read_participants
    assert policyopts.group.Participants is po.Participants


@pytest.mark.parametrize(
    ("text", "match"),
    [
        (_bomb(), "YAML aliases add more than"),
        ("[" * 50_000, "nested too deeply|invalid YAML"),
        ("ana: !!python/object/apply:os.system [echo]\n", "YAML tags are not allowed"),
        ("\x00bad: 1\n", "invalid YAML"),
        ("? [a]\n: 1\n", "keys must be text"),
        ("ana:\n  criteria: [a, b]\n  matrix: [[1, " + "9" * 5000 + "], [1, 1]]\n", "."),
        ("ana:\n  criteria: [a, b]\n  matrix: [[1, 1.0e308], [1.0e-308, 1]]\n", "judgements run"),
        ("ana: [{a: x, b: y, value: 1.0e300}]\n", "judgements run from"),
        ("ana:\n  - {a: x, b: y, value: 2}\nana: []\n", "duplicate participant or key"),
        ("- 1\n- 2\n", "top level must be a mapping"),
        ("ana: {criteria: {a: 1}, matrix: 3}\n", "criteria must be a non-empty list"),
    ],
)
def test_hostile_yaml_gives_one_line_case_errors(tmp_path: Path, text: str, match: str) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(po.CaseError, match=match) as info:
        read_participants(path)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("row", "column"),
    [("1e308,1e308,1e308", "b"), ("1e309,1,1", "a"), ("9" * 400 + ",1,1", "a")],
)
def test_csv_overflow_is_an_error_naming_the_field(tmp_path: Path, row: str, column: str) -> None:
    path = tmp_path / "p.csv"
    path.write_text(f"participant,a,b,c\nana,{row}\n", encoding="utf-8")
    with pytest.raises(po.CaseError, match=rf"participant 'ana', column '{column}'"):
        read_participants(path)


def test_csv_with_many_columns_is_read_quickly(tmp_path: Path) -> None:
    names = [f"c{k}" for k in range(20_000)]
    path = tmp_path / "p.csv"
    path.write_text(
        "participant," + ",".join(names) + "\nana," + ",".join("1" * len(names)) + "\n",
        encoding="utf-8",
    )
    p = read_participants(path)
    assert p.weights.shape == (1, 20_000)


def test_devices_and_fifos_are_refused(tmp_path: Path) -> None:
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "p.csv")
        with pytest.raises(po.CaseError, match="cannot read the participants file: it is a FIFO"):
            read_participants(tmp_path / "p.csv")
    if os.path.exists("/dev/zero"):
        (tmp_path / "z.yaml").symlink_to("/dev/zero")
        with pytest.raises(po.CaseError, match="character device"):
            read_participants(tmp_path / "z.yaml")


def test_oversized_participants_file_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import policyopts.io.participants as mod

    monkeypatch.setattr(mod, "MAX_FILE_BYTES", 64)
    path = tmp_path / "p.csv"
    path.write_text("participant,a,b\n" + "x,1,1\n" * 20, encoding="utf-8")
    with pytest.raises(po.CaseError, match="larger than the limit of 64 bytes"):
        read_participants(path)


def test_mapping_input_with_odd_values_is_a_case_error() -> None:
    with pytest.raises(po.CaseError):
        read_participants({"ana": {"criteria": ["a", "b"], "matrix": [[1, 2**2000], [1, 1]]}})
