"""What the command line prints and writes, under hostile input (issue 11)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import policyopts as po
from policyopts.cli import main, printable

REPO = Path(__file__).resolve().parents[1]

#: SGR colour, OSC 52 clipboard write, bell, a C1 CSI and a bidi override.
NASTY = "Act\x1b[31m\x1b]52;c;cHduZWQ=\x07\x9b2J\u202e"


def _case(tmp_path: Path, toy_data: dict[str, Any], name: str = "case.yaml") -> Path:
    path = tmp_path / name
    po.save_case(po.Case.model_validate(toy_data), path)
    return path


def _controls(text: str) -> list[str]:
    return [ch for ch in text if (ord(ch) < 32 and ch not in "\n\t") or 0x7F <= ord(ch) <= 0x9F]


@pytest.mark.parametrize("argv", [["validate"], ["compare"], ["compare", "-f", "markdown"]])
def test_control_characters_never_printed(
    tmp_path: Path, toy_data: dict[str, Any], capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    toy_data["title"] = NASTY
    toy_data["options"][0]["name"] = NASTY
    case = _case(tmp_path, toy_data)
    assert main([argv[0], str(case), *argv[1:]]) == 0
    out, err = capsys.readouterr()
    assert _controls(out) == [] and _controls(err) == []
    assert "\u202e" not in out
    assert "Act" in out


def test_printable_keeps_text() -> None:
    assert printable("é\tb\nc") == "é\tb\nc"
    assert printable("a\rb") == "a\ufffdb"
    assert printable("a\rb", keep_cr=True) == "a\rb"


def test_report_refuses_to_overwrite_its_case(
    tmp_path: Path, toy_data: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    case = _case(tmp_path, toy_data)
    before = case.read_bytes()
    assert main(["report", str(case), "-o", str(case), "--samples", "100"]) == 1
    assert case.read_bytes() == before
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_compare_refuses_to_overwrite_its_case(
    tmp_path: Path, toy_data: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    case = _case(tmp_path, toy_data)
    before = case.read_bytes()
    assert main(["compare", str(case), "-o", str(case)]) == 1
    assert case.read_bytes() == before
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_output_through_a_link_to_the_case_is_refused(
    tmp_path: Path, toy_data: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    case = _case(tmp_path, toy_data)
    before = case.read_bytes()
    link = tmp_path / "brief.html"
    link.symlink_to(case)
    assert main(["report", str(case), "-o", str(link), "--samples", "100"]) == 1
    assert case.read_bytes() == before
    assert "input" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [
        ["report", "-o", "x.csv"],
        ["compare", "-f", "xlsx", "-o", "x.csv"],
        ["compare", "-f", "markdown", "-o", "x.html"],
        ["risks", "-f", "csv", "-o", "x.xlsx"],
        ["sensitivity", "-f", "latex", "-o", "x.md"],
        ["schema", "-o", "x.yaml"],
    ],
)
def test_suffix_must_fit_the_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    argv = [a if not a.startswith("x.") else str(tmp_path / a) for a in argv]
    assert main(argv) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "--output" in err
    assert "engine" not in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_xlsx_to_a_device_is_one_line() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "policyopts.cli", "compare", "-f", "xlsx", "-o", "/dev/full"],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )
    assert proc.returncode == 1
    assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert "Traceback" not in proc.stderr and "Exception ignored" not in proc.stderr


def test_every_output_is_written_atomically(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each command's -o goes through write_atomic: a failing write leaves the
    previous file whole."""
    from policyopts.cli import _output
    from policyopts.exceptions import OutputError

    calls: list[str] = []

    def failing(dest: Any, data: Any, *, inputs: Any = ()) -> Path:
        calls.append(os.fspath(dest))
        raise OutputError(f"{dest}: cannot write: No space left on device")

    monkeypatch.setattr(_output, "write_atomic", failing)
    for argv, name in [
        (["compare", "-o"], "c.txt"),
        (["risks", "-o"], "r.txt"),
        (["sensitivity", "-n", "200", "-o"], "s.txt"),
        (["schema", "-o"], "s.json"),
        (["report", "--samples", "200", "-o"], "r.html"),
        (["compare", "-f", "xlsx", "-o"], "c.xlsx"),
    ]:
        old = tmp_path / name
        old.write_text("previous", encoding="utf-8")
        assert main([*argv, str(old)]) == 1
        assert old.read_text(encoding="utf-8") == "previous"
    assert len(calls) == 6


def test_negative_seed_names_the_argument(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["sensitivity", "--seed", "-1"])
    assert exc.value.code == 2
    assert "--seed" in capsys.readouterr().err


def test_no_arguments_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 0
    out = capsys.readouterr().out
    assert "usage: policyopts" in out and "compare" in out


def test_help_shows_defaults(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["sensitivity", "--help"])
    out = capsys.readouterr().out
    assert "default: table" in out and "default: 20000" in out and "default: 0" in out


def test_broken_pipe_is_quiet() -> None:
    """``policyopts compare --profile all | head -1``: the reader goes away
    before the output is written; no "Broken pipe" message, exit 0."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "policyopts.cli", "compare", "--profile", "all"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=REPO,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader is gone before anything is written
    with proc.stderr:
        err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 0, err
    assert err == ""
