"""Messages for an unknown id: what was asked for, the closest known id, the known ids."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = ["close_match", "hint", "unknown"]


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


def hint(values: object, known: Iterable[str]) -> str:
    """`` (did you mean 'a'?)`` for the known ids closest to ``values`` (one id or
    a list of them), or "" when none is close.

    >>> hint(["gian", "zzz", "cots"], ["gain", "cost"])
    " (did you mean 'gain', 'cost'?)"
    >>> hint("zzz", ["gain", "cost"])
    ''
    """
    ids = list(known)
    items = values if isinstance(values, list | tuple) else [values]
    guesses = [g for g in (close_match(v, ids) for v in items) if g is not None]
    return f" (did you mean {', '.join(repr(g) for g in guesses)}?)" if guesses else ""
