"""One input of the brief fuzzer, to keep the harness working (a few seconds).

The long runs are ``make fuzz`` (``FUZZ_SECONDS``).
"""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

from fuzz.fuzz_brief import FRAGMENTS, hostile_text, make_input

REPO = Path(__file__).resolve().parents[2]


def test_inputs_are_reproducible_and_hostile() -> None:
    a, payloads = make_input(5, 3)
    b, _ = make_input(5, 3)
    assert a == b and payloads
    text = hostile_text(random.Random(0))
    assert any(f in text for f in FRAGMENTS)


def test_one_input_finds_nothing(tmp_path: Path) -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.fuzz.fuzz_brief",
            "--seed",
            "1",
            "--max-inputs",
            "1",
            "--samples",
            "16",
            "--out",
            str(tmp_path),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "1 inputs in" in proc.stdout and "failure: 0" in proc.stdout
