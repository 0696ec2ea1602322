"""A bare bundled-case name means the bundled case, whatever is in the working folder."""

from __future__ import annotations

from pathlib import Path

import pytest

import policyopts as po
from policyopts.cli import main


@pytest.mark.parametrize("kind", ["folder", "file"])
def test_local_mali_does_not_shadow_the_bundled_case(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    monkeypatch.chdir(tmp_path)
    if kind == "folder":
        (tmp_path / "mali").mkdir()
    else:
        (tmp_path / "mali").write_text("not a case\n", encoding="utf-8")
    assert po.load_case("mali").id == "mali"
    assert main(["compare", "--format", "csv"]) == 0
    assert main(["validate", "mali"]) == 0
    # a name that looks like a path means the local one
    with pytest.raises(po.CaseError):
        po.load_case("./mali")
    with pytest.raises(po.CaseError):
        po.load_case(Path("mali"))


def test_unknown_bare_name_falls_back_to_a_local_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(po.CaseError, match="no bundled case named 'nothere'"):
        po.load_case("nothere")
    (tmp_path / "nothere").write_text("id: x\n", encoding="utf-8")
    with pytest.raises(po.CaseError, match="unsupported file type"):
        po.load_case("nothere")
