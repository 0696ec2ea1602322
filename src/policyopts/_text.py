"""Small helpers for the words the library prints."""

from __future__ import annotations

__all__ = ["plural"]


def plural(n: float, noun: str, nouns: str | None = None) -> str:
    """``n`` and ``noun``, the noun in the plural unless ``n`` is one.

    The plural is ``nouns`` when given, else ``noun`` + "es" after s, x, ch
    and sh, else ``noun`` + "s". Integers get thousands separators; other
    numbers print as with ``:g``.

    Examples
    --------
    >>> plural(1, "risk"), plural(3, "risk"), plural(0, "branch")
    ('1 risk', '3 risks', '0 branches')
    >>> plural(1, "criterion", "criteria"), plural(20000, "draw"), plural(1.0, "month")
    ('1 criterion', '20,000 draws', '1 month')
    """
    if nouns is None:
        nouns = noun + ("es" if noun.endswith(("s", "x", "ch", "sh")) else "s")
    number = f"{n:,}" if isinstance(n, int) else f"{n:g}"
    return f"{number} {noun if n == 1 else nouns}"
