"""A plain (non-editable) install ships the bundled cases and the CLI finds them."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("hatchling")
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(REPO),
        ],
        check=True,
        capture_output=True,
    )
    (found,) = out.glob("policyopts-*.whl")
    return found


def test_wheel_contains_cases_and_typing_marker(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "policyopts/_data/criteria/mali.yaml" in names
    assert "policyopts/_data/seeds/mali.yaml" in names
    assert "policyopts/py.typed" in names
    # The brief's templates ship with the code that renders them.
    assert "policyopts/report/templates/brief.html.j2" in names
    assert "policyopts/report/templates/bottom_line.html.j2" in names


def test_installed_package_runs_from_another_folder(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    code = (
        "import policyopts, sys; from policyopts.cli import main; "
        "print(policyopts.__file__); sys.exit(main(['compare', '--format', 'csv']))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    first, *rest = proc.stdout.splitlines()
    assert first.startswith(str(target))
    assert sum(1 for line in rest if ",balanced," in line) == 6  # one row per Mali option
