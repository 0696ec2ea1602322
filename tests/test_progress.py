"""The tqdm progress bar behind ``progress=True`` and the ``progress=`` argument convention."""

from __future__ import annotations

import io
import sys
from typing import Any

import pytest

from policyopts._progress import LONG_RUN_DRAWS, ProgressBar, resolve_progress


def test_bar_draws_in_place_and_ends_the_line() -> None:
    out = io.StringIO()
    bar = ProgressBar("smaa", stream=out, min_interval=0.0)
    bar(0, 200)
    bar(100, 200)
    bar(200, 200)
    text = out.getvalue()
    frames = [f for f in text.split("\r") if f.strip()]
    assert any("smaa" in f and " 50%" in f and "100/200" in f for f in frames)
    assert "100%" in frames[-1] and "200/200" in frames[-1] and "draws" in frames[-1]
    assert text.endswith("\n") and text.count("\n") == 1
    bar(200, 200)  # after finishing: silent
    assert out.getvalue() == text


def test_bar_throttles_redraws_but_always_draws_the_end() -> None:
    out = io.StringIO()
    bar = ProgressBar(stream=out, min_interval=3600.0, unit="chunks")
    for k in range(1, 11):
        bar(k, 10)
    frames = [f for f in out.getvalue().split("\r") if f.strip()]
    assert len(frames) <= 3  # the start, perhaps the first update, and the end
    assert "10/10" in frames[-1] and "chunks" in frames[-1]


def test_close_ends_an_unfinished_bar() -> None:
    out = io.StringIO()
    bar = ProgressBar(stream=out, min_interval=0.0)
    bar(3, 10)
    bar.close()
    assert out.getvalue().endswith("\n")
    assert "3/10" in out.getvalue()
    silent = io.StringIO()
    ProgressBar(stream=silent).close()  # never drawn: nothing to end
    assert silent.getvalue() == ""


def test_large_numbers_and_zero_total() -> None:
    out = io.StringIO()
    ProgressBar(stream=out, min_interval=0.0)(2_500_000, 100_000_000)
    assert "2500000/100000000" in out.getvalue()
    out = io.StringIO()
    ProgressBar(stream=out, min_interval=0.0)(0, 0)
    assert "0 draws" in out.getvalue() and out.getvalue().endswith("\n")  # no division


class _Tty(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty


@pytest.mark.parametrize(
    ("progress", "long_run", "tty", "expected"),
    [
        (True, False, False, ProgressBar),
        (False, True, True, type(None)),
        (None, True, True, ProgressBar),
        (None, True, False, type(None)),
        (None, False, True, type(None)),
    ],
)
def test_resolve_progress(
    monkeypatch: pytest.MonkeyPatch, progress: Any, long_run: bool, tty: bool, expected: type
) -> None:
    monkeypatch.setattr(sys, "stderr", _Tty(tty))
    assert isinstance(resolve_progress(progress, long_run=long_run), expected)


def test_default_bar_writes_to_stderr(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = _Tty(True)
    monkeypatch.setattr(sys, "stderr", fake)
    bar = resolve_progress(None, long_run=True, label="run")
    assert bar is not None
    bar(1, 1)
    assert "run" in fake.getvalue() and "1/1" in fake.getvalue()


def test_callable_is_passed_through() -> None:
    seen: list[tuple[int, int]] = []

    def callback(done: int, total: int) -> None:
        seen.append((done, total))

    assert resolve_progress(callback, long_run=False) is callback


@pytest.mark.parametrize("bad", ["yes", 1, 0.5, [True]])
def test_bad_progress_names_the_argument(bad: Any) -> None:
    with pytest.raises(ValueError, match=r"^progress: "):
        resolve_progress(bad, long_run=True)


def test_stderr_without_isatty(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stderr", object())
    assert resolve_progress(None, long_run=True) is None
    assert LONG_RUN_DRAWS >= 1_000_000
