"""Messages for an unknown id: what was asked for, the closest known id, the known ids."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = ["close_match", "unknown"]


def close_match(value: object, known: Iterable[str]) -> str | None:
    """The known id closest to ``value`` (a likely typo), or None."""
    if not isinstance(value, str):
        return None
    close = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
    return close[0] if close else None


def unknown(what: str, value: object, known: Iterable[str]) -> str:
    """``unknown criterion 'ct_efect' (did you mean 'ct_effect'?); known: a, b, c``.

    >>> unknown("criterion", "ct_efect", ["ct_effect", "relief"])
    "unknown criterion 'ct_efect' (did you mean 'ct_effect'?); known: ct_effect, relief"
    """
    ids = list(known)
    text = f"unknown {what} {value!r}"
    guess = close_match(value, ids)
    if guess is not None:
        text += f" (did you mean {guess!r}?)"
    return f"{text}; known: {', '.join(ids) or 'none'}"
