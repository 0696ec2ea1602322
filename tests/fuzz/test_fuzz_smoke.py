"""A few seconds of the fuzzer (a fixed 40 inputs: case files and participants files).

The long runs are ``make fuzz`` (``FUZZ_SECONDS``, 600 by default).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _fuzz(tmp_path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.fuzz.fuzz_load_case",
            "--seconds",
            "20",
            "--max-inputs",
            "40",
            "--out",
            str(tmp_path / "failures"),
            *extra,
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], Path]:
    """One short run shared by the tests below: the first 40 inputs of seed 2 (a
    few seconds; a fixed count rather than a fixed time keeps it deterministic)."""
    tmp_path = tmp_path_factory.mktemp("fuzz")
    return _fuzz(tmp_path, "--seed", "2"), tmp_path


def test_fuzzer_runs_counts_and_saves_reproducers(
    run: tuple[subprocess.CompletedProcess[str], Path],
) -> None:
    """The fuzzer runs for the time asked, reports how many inputs it tried and how
    they ended, and saves a reproducer (with a README naming the replay command)
    for every failure it reports."""
    proc, tmp_path = run
    assert proc.returncode in (0, 1), proc.stderr
    found = re.search(r"^(\d+) inputs in \d+ s", proc.stdout, flags=re.M)
    assert found, proc.stdout
    assert int(found.group(1)) == 40
    assert "case_error:" in proc.stdout
    saved = sorted((tmp_path / "failures").glob("*/*/README.txt"))
    if proc.returncode == 1:
        assert saved, proc.stdout
        assert "--replay" in saved[0].read_text(encoding="utf-8")
    else:
        assert not saved


def test_replay_regenerates_one_input(tmp_path: Path) -> None:
    """``--seed S --replay K`` writes input K again and loads it in-process."""
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.fuzz.fuzz_load_case",
            "--seed",
            "11",
            "--replay",
            "0",
            "--out",
            str(tmp_path),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert proc.returncode in (0, 1), proc.stderr
    assert "input 0 of seed 11" in proc.stdout
    assert (tmp_path / "replay-11-0" / "criteria").is_dir()


def test_first_inputs_of_seed_2_find_nothing(
    run: tuple[subprocess.CompletedProcess[str], Path],
) -> None:
    """The first 40 inputs of seed 2 all load or are rejected with a CaseError."""
    proc, _ = run
    assert proc.returncode == 0, proc.stdout[-3000:]


def test_participants_target_is_in_the_stream() -> None:
    """About a quarter of the inputs are participants files, CSV and YAML."""
    from tests.fuzz import fuzz_load_case as fz

    seeds = fz.load_seeds()
    inputs = [fz.generate(seeds, 2, k, set()) for k in range(200)]
    kinds = [i.suffix for i in inputs if i.kind == "participants"]
    assert 20 < len(kinds) < 90
    assert ".csv" in kinds and ({".yaml", ".yml"} & set(kinds))


def test_participants_check_classifies(tmp_path: Path) -> None:
    from tests.fuzz import fuzz_participants as fp

    good = tmp_path / "participants.csv"
    good.write_text(fp.CSV_SEED, encoding="utf-8")
    assert fp.check(str(good))["outcome"] == "p_read"
    bad = tmp_path / "participants.yaml"
    bad.write_text("a: &a [*a]\n", encoding="utf-8")
    assert fp.check(str(bad))["outcome"] == "p_error"
