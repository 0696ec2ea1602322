"""The argument check every function that takes a :class:`~policyopts.model.Case` makes."""

from __future__ import annotations

from policyopts.model.case import Case

__all__ = ["require_case"]


def require_case(case: object, name: str = "case") -> None:
    """Raise a TypeError naming ``name`` unless ``case`` is a :class:`Case`.

    >>> require_case({"id": "mali"})
    Traceback (most recent call last):
    ...
    TypeError: case: expected a policyopts Case, got dict
    """
    if not isinstance(case, Case):
        raise TypeError(f"{name}: expected a policyopts Case, got {type(case).__name__}")
