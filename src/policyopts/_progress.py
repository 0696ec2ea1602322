"""A tiny progress bar on stderr for long runs (no tqdm dependency).

Long-running functions take ``progress``:

- ``True``: draw a bar on stderr;
- ``False``: stay silent;
- ``None`` (the default): draw a bar only when stderr is a terminal and the
  run is long (the caller decides what long means, e.g. SMAA with at least
  :data:`LONG_RUN_DRAWS` draws);
- a callable ``progress(done, total)``: called after every finished piece of
  work with the amount done so far and the total, in the caller's units
  (SMAA: draws).  Use it to feed a notebook widget or a log.

:func:`resolve_progress` turns any of these into a callable or ``None``.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import IO, Any

__all__ = ["LONG_RUN_DRAWS", "ProgressBar", "ProgressCallback", "resolve_progress"]

#: Progress callback: ``progress(done, total)``.
ProgressCallback = Callable[[int, int], None]

#: Runs of at least this many draws count as long (bar shown by default on a terminal).
LONG_RUN_DRAWS = 2_000_000


class ProgressBar:
    """A one-line text progress bar, redrawn in place with a carriage return.

    Parameters
    ----------
    label : str
        Text before the bar.
    stream : file-like, optional
        Where to draw; ``sys.stderr`` (looked up at each write) when omitted.
    width : int
        Width of the bar in characters.
    min_interval : float
        Least time in seconds between two redraws (the last one is always drawn).
    unit : str
        Name of what is counted, shown after the counts.

    Examples
    --------
    >>> import io
    >>> out = io.StringIO()
    >>> bar = ProgressBar("smaa", stream=out, width=10, min_interval=0.0)
    >>> bar(5, 10); bar(10, 10)
    >>> print(out.getvalue().split("\\r")[-1].split("  ")[0])
    smaa [##########] 100%
    """

    def __init__(
        self,
        label: str = "",
        *,
        stream: IO[str] | None = None,
        width: int = 30,
        min_interval: float = 0.2,
        unit: str = "draws",
    ) -> None:
        self.label = label
        self.width = int(width)
        self.min_interval = float(min_interval)
        self.unit = unit
        self._stream = stream
        self._start = time.perf_counter()
        self._last = -float("inf")
        self._finished = False

    @property
    def stream(self) -> IO[str]:
        """The stream drawn on."""
        return self._stream if self._stream is not None else sys.stderr

    def __call__(self, done: int, total: int) -> None:
        """Show that ``done`` of ``total`` units are finished."""
        if self._finished:
            return
        now = time.perf_counter()
        last = done >= total
        if not last and now - self._last < self.min_interval:
            return
        self._last = now
        frac = 0.0 if total <= 0 else min(1.0, max(0.0, done / total))
        filled = round(frac * self.width)
        bar = "#" * filled + "." * (self.width - filled)
        head = f"{self.label} " if self.label else ""
        counts = f"{done:,}/{total:,} {self.unit}"
        text = f"\r{head}[{bar}] {frac:4.0%}  {counts}  {now - self._start:.1f} s"
        self.stream.write(text)
        if last:
            self.stream.write("\n")
            self._finished = True
        self.stream.flush()

    def close(self) -> None:
        """End the line if the bar did not reach 100% (e.g. after an error)."""
        if not self._finished and self._last > -float("inf"):
            self.stream.write("\n")
            self.stream.flush()
        self._finished = True


def _stderr_is_tty() -> bool:
    isatty = getattr(sys.stderr, "isatty", None)
    try:
        return bool(isatty()) if callable(isatty) else False
    except (ValueError, OSError):  # closed or detached stream
        return False


def resolve_progress(
    progress: bool | ProgressCallback | None,
    *,
    long_run: bool,
    label: str = "",
    unit: str = "draws",
) -> ProgressCallback | None:
    """Turn a ``progress`` argument into a callback or ``None``.

    Parameters
    ----------
    progress : bool, callable or None
        See the module docstring.
    long_run : bool
        Whether the caller's run counts as long (used when ``progress`` is None).
    label, unit : str
        Passed to :class:`ProgressBar`.

    Raises
    ------
    ValueError
        If ``progress`` is none of the accepted kinds.

    Examples
    --------
    >>> resolve_progress(False, long_run=True) is None
    True
    >>> isinstance(resolve_progress(True, long_run=False), ProgressBar)
    True
    >>> resolve_progress("yes", long_run=True)
    Traceback (most recent call last):
    ...
    ValueError: progress: expected True, False, None or a callable progress(done, total), got 'yes'
    """
    if progress is None:
        if long_run and _stderr_is_tty():
            return ProgressBar(label, unit=unit)
        return None
    if progress is True:
        return ProgressBar(label, unit=unit)
    if progress is False:
        return None
    if callable(progress):
        return progress
    shown: Any = progress
    raise ValueError(
        f"progress: expected True, False, None or a callable progress(done, total), got {shown!r}"
    )
