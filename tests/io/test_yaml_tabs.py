"""A tab in YAML indentation is named as a tab, with its line and column
(PyYAML alone says only "found character that cannot start any token" for some)."""

from __future__ import annotations

from pathlib import Path

import pytest

import policyopts as po
from policyopts.io.participants import read_participants

TAB_MESSAGE = "found a tab character; YAML indents with spaces, not tabs"


@pytest.mark.parametrize(
    ("text", "where"),
    [
        # a tab before a sequence item: PyYAML's "cannot start any token"
        ("id: x\noptions:\n\t- id: a\n", "line 3, column 1"),
        # a tab in a mapping's indentation: PyYAML's "violates indentation"
        ("id: x\noptions:\n  - id: a\n\tname: b\n", "line 4, column 1"),
    ],
)
def test_case_file_tab_is_named(tmp_path: Path, text: str, where: str) -> None:
    path = tmp_path / "case.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(po.CaseError) as info:
        po.load_case(path)
    message = str(info.value)
    assert f"invalid YAML at {where}: {TAB_MESSAGE}" in message
    assert "cannot start any token" not in message


def test_participants_file_tab_is_named(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("ana:\n\tcriteria: [a, b]\n", encoding="utf-8")
    with pytest.raises(po.CaseError, match=f"line 2, column 1: {TAB_MESSAGE}"):
        read_participants(path)


def test_other_syntax_errors_keep_their_words(tmp_path: Path) -> None:
    path = tmp_path / "case.yaml"
    path.write_text("id: x\ntitle: [unclosed\n", encoding="utf-8")
    with pytest.raises(po.CaseError) as info:
        po.load_case(path)
    assert "tab" not in str(info.value)
