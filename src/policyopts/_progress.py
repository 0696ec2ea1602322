"""Progress bars for long runs, drawn by tqdm (a widget in notebooks, text elsewhere).

Long-running functions take ``progress``:

- ``True``: show a bar (``tqdm.auto``: an ipywidgets bar in Jupyter, a text
  bar on stderr in a terminal);
- ``False``: stay silent;
- ``None`` (the default): show a bar only when stderr is a terminal and the
  run is long (the caller decides what long means, e.g. SMAA with at least
  :data:`LONG_RUN_DRAWS` draws);
- a callable ``progress(done, total)``: called after every finished piece of
  work with the amount done so far and the total, in the caller's units
  (SMAA: draws).  Use it to feed a notebook widget or a log.

:func:`resolve_progress` turns any of these into a callable or ``None``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import IO, Any

__all__ = ["LONG_RUN_DRAWS", "ProgressBar", "ProgressCallback", "resolve_progress"]

#: Progress callback: ``progress(done, total)``.
ProgressCallback = Callable[[int, int], None]

#: Runs of at least this many draws count as long (bar shown by default on a terminal).
LONG_RUN_DRAWS = 2_000_000


class ProgressBar:
    """A ``progress(done, total)`` callback that drives a tqdm bar.

    The bar is created on the first call (when the total is known) with
    ``tqdm.auto``, so notebooks get a widget and terminals a text bar.

    Parameters
    ----------
    label : str
        Text before the bar.
    stream : file-like, optional
        Where a text bar is drawn; ``sys.stderr`` when omitted.  Given a
        stream, the plain text bar is used (no widget).
    min_interval : float
        Least time in seconds between two redraws (the last one is always drawn).
    unit : str
        Name of what is counted.

    Examples
    --------
    >>> import io
    >>> out = io.StringIO()
    >>> bar = ProgressBar("smaa", stream=out, min_interval=0.0)
    >>> bar(5, 10); bar(10, 10)
    >>> "smaa" in out.getvalue() and "10/10" in out.getvalue()
    True
    """

    def __init__(
        self,
        label: str = "",
        *,
        stream: IO[str] | None = None,
        min_interval: float = 0.2,
        unit: str = "draws",
    ) -> None:
        self.label = label
        self.min_interval = float(min_interval)
        self.unit = unit
        self._stream = stream
        self._bar: Any = None
        self._finished = False

    def _open(self, total: int) -> Any:
        options: dict[str, Any] = {
            "total": total,
            "desc": self.label or None,
            "unit": f" {self.unit}" if self.unit else "it",
            "unit_scale": False,
            "mininterval": self.min_interval,
            "leave": True,
            "dynamic_ncols": True,
        }
        if self._stream is not None:
            from tqdm import tqdm as text_tqdm

            return text_tqdm(file=self._stream, **options)
        from tqdm.auto import tqdm

        return tqdm(file=sys.stderr, **options)

    def __call__(self, done: int, total: int) -> None:
        """Show that ``done`` of ``total`` units are finished."""
        if self._finished:
            return
        if self._bar is None:
            self._bar = self._open(total)
        bar = self._bar
        if bar.total != total:
            bar.total = total
        step = max(0, done - int(bar.n))
        bar.update(step)
        if done >= total:
            self.close()

    def close(self) -> None:
        """Close the bar (ends its line), also when it stopped short (e.g. an error)."""
        if self._bar is not None and not self._finished:
            self._bar.close()
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
