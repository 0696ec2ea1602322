"""Evidence files: one path policy (inside the case's folder), type and size
checked before reading, and no more than a short excerpt of any file quoted."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

import policyopts as po
from policyopts.cli import main

SECRET = "AKIAIOSFODNN7EXAMPLE-wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY-0123456789"


def _case(folder: Path, toy_data: dict[str, Any], files: list[str]) -> Path:
    data = dict(toy_data)
    data["evidence_files"] = files
    path = folder / "case.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("name", ["/etc/passwd.yaml", "/dev/zero", "~/x.yaml", "C:/x.yaml"])
def test_absolute_evidence_paths_are_refused(
    tmp_path: Path, toy_data: dict[str, Any], name: str
) -> None:
    with pytest.raises(po.CaseError, match=r"evidence_files\[0\]: evidence file paths must be"):
        po.load_case(_case(tmp_path, toy_data, [name]))


def test_dotdot_out_of_the_folder_is_refused(tmp_path: Path, toy_data: dict[str, Any]) -> None:
    (tmp_path / "config.yaml").write_text(f"password: {SECRET}\n", encoding="utf-8")
    inner = tmp_path / "case"
    inner.mkdir()
    with pytest.raises(po.CaseError, match="outside the case file's folder") as info:
        po.load_case(_case(inner, toy_data, ["../config.yaml"]))
    assert SECRET[:10] not in str(info.value)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_symlink_out_of_the_folder_is_refused(tmp_path: Path, toy_data: dict[str, Any]) -> None:
    outside = tmp_path / "secret.yaml"
    outside.write_text(f"token: {SECRET}\n", encoding="utf-8")
    inner = tmp_path / "case"
    inner.mkdir()
    try:
        (inner / "ev.yaml").symlink_to(outside)
    except OSError as exc:  # pragma: no cover - Windows without the privilege
        pytest.skip(f"cannot make a symlink: {exc}")
    with pytest.raises(po.CaseError, match="outside the case file's folder") as info:
        po.load_case(_case(inner, toy_data, ["ev.yaml"]))
    assert SECRET[:10] not in str(info.value)


def test_subfolder_evidence_is_read(tmp_path: Path, toy_data: dict[str, Any]) -> None:
    evidence = {"sources": toy_data.pop("sources"), "evidence": toy_data.pop("evidence")}
    (tmp_path / "ev").mkdir()
    (tmp_path / "ev" / "e.yaml").write_text(yaml.safe_dump(evidence), encoding="utf-8")
    case = po.load_case(_case(tmp_path, toy_data, ["ev/./e.yaml"]))
    assert [e.id for e in case.evidence] == ["ev1"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")
def test_fifo_evidence_does_not_hang(tmp_path: Path, toy_data: dict[str, Any]) -> None:
    os.mkfifo(tmp_path / "ev.yaml")
    with pytest.raises(
        po.CaseError, match=r"ev\.yaml: cannot read the evidence file: it is a FIFO"
    ):
        po.load_case(_case(tmp_path, toy_data, ["ev.yaml"]))


def test_device_evidence_is_refused(tmp_path: Path, toy_data: dict[str, Any]) -> None:
    if not os.path.exists("/dev/zero") or not hasattr(os, "symlink"):
        pytest.skip("no /dev/zero")
    (tmp_path / "zero.yaml").symlink_to("/dev/zero")
    # the link leads out of the folder; with the whole tree allowed, the type check refuses it
    with pytest.raises(po.CaseError, match="character device"):
        po.load_case(_case(tmp_path, toy_data, ["zero.yaml"]), evidence_root="/")


def test_oversized_evidence_is_refused_before_reading(
    tmp_path: Path, toy_data: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    import policyopts.io as po_io

    monkeypatch.setattr(po_io, "MAX_FILE_BYTES", 100)
    (tmp_path / "ev.yaml").write_text("sources: []\n" + "#" * 200 + "\n", encoding="utf-8")
    with pytest.raises(po.CaseError, match="larger than the limit of 100 bytes"):
        po.load_case(_case(tmp_path, toy_data, ["ev.yaml"]))


@pytest.mark.parametrize(
    "content",
    [
        f"{SECRET}\n",  # a scalar document
        f"key: [{SECRET}\n",  # a syntax error quotes the line
        f"sources: []\nevidence: []\nx: 1\n{SECRET}: [\n",
    ],
)
def test_errors_quote_at_most_a_short_excerpt(
    tmp_path: Path, toy_data: dict[str, Any], content: str
) -> None:
    (tmp_path / "ev.yaml").write_text(content, encoding="utf-8")
    with pytest.raises(po.CaseError) as info:
        po.load_case(_case(tmp_path, toy_data, ["ev.yaml"]))
    text = str(info.value)
    assert SECRET not in text and SECRET[30:50] not in text, text


def test_yaml_error_excerpt_is_printable(tmp_path: Path) -> None:
    path = tmp_path / "case.yaml"
    path.write_text("id: x\ntitle: [\x1b]52;c;ZXZpbA==\x07" + "y" * 500 + "\n", encoding="utf-8")
    with pytest.raises(po.CaseError) as info:
        po.load_case(path)
    text = str(info.value)
    assert "\x1b" not in text and "\x07" not in text
    assert "y" * 50 not in text


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX devices")
def test_cli_validate_dev_zero_and_fifo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if os.path.exists("/dev/zero"):
        assert main(["validate", "/dev/zero"]) == 1
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "f.yaml")
        assert main(["validate", str(tmp_path / "f.yaml")]) == 1
        assert "FIFO" in capsys.readouterr().err
