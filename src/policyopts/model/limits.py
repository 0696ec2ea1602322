"""Documented limits on a case, checked when it is validated.

A case within these limits can be loaded, saved and analysed in bounded
memory; one beyond them is refused up front with a located
:class:`~policyopts.CaseError` naming the limit, instead of failing later
(a ``RecursionError`` in the report, an out-of-memory array in a sensitivity
analysis, a brief that cannot be laid out). The limits are far above what a
policy question needs (the bundled Mali case has 5 options, 12 criteria,
4 scenarios and a tree 2 levels deep). ``docs/errors.md`` lists them with the
file-level limits of :mod:`policyopts.io`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

__all__ = [
    "MAX_COUNTS",
    "MAX_NAME_CHARS",
    "MAX_TEXT_CHARS",
    "MAX_TREE_DEPTH",
    "check_limits",
]

#: Deepest value tree: levels of branches above a criterion, the criterion included.
MAX_TREE_DEPTH = 32
#: Longest name or title (options, criteria, branches, risks, scenarios, profiles, the case).
MAX_NAME_CHARS = 200
#: Longest free text (a description, a rationale, a claim, a narrative).
MAX_TEXT_CHARS = 20_000
#: Most items per list of a case.
MAX_COUNTS: Mapping[str, int] = {
    "options": 500,
    "criteria": 500,
    "branches": 500,
    "risks": 500,
    "scenarios": 500,
    "profiles": 500,
    "sources": 100_000,
    "evidence": 100_000,
}

_NAME_FIELDS = frozenset({"name", "title"})
_MAX_REPORTED = 20

Loc = tuple[str | int, ...]
Problems = list[tuple[Loc, str, object]]


def _tree_depths(parents: Mapping[str, str | None]) -> dict[str, int]:
    """Depth of every node (1 for a root), ignoring cycles (reported elsewhere)."""
    depth: dict[str, int] = {}
    for start in parents:
        chain: list[str] = []
        node: str | None = start
        seen: set[str] = set()
        while node is not None and node not in depth and node not in seen:
            seen.add(node)
            chain.append(node)
            node = parents.get(node)
        base = depth.get(node, 0) if node is not None else 0
        for k, item in enumerate(reversed(chain)):
            depth[item] = base + k + 1
    return depth


def _long_text(value: Any, loc: Loc, field: str, problems: Problems) -> None:
    """Append a problem for every over-long string in ``value`` (a model tree)."""
    stack: list[tuple[Any, Loc, str]] = [(value, loc, field)]
    while stack and len(problems) < _MAX_REPORTED:
        item, here, name = stack.pop()
        if isinstance(item, str):
            limit = MAX_NAME_CHARS if name in _NAME_FIELDS else MAX_TEXT_CHARS
            if len(item) > limit:
                what = "name" if name in _NAME_FIELDS else "text"
                problems.append(
                    (here, f"{what} longer than {limit:,} characters ({len(item):,})", item[:40])
                )
        elif isinstance(item, BaseModel):
            stack.extend((v, (*here, k), k) for k, v in item.__dict__.items())
        elif isinstance(item, list | tuple):
            stack.extend((v, (*here, j), name) for j, v in enumerate(item))
        elif isinstance(item, Mapping):
            stack.extend((v, (*here, str(k)), str(k)) for k, v in item.items())


def check_limits(case: Any, problems: Problems) -> None:
    """Append a located problem for every limit ``case`` exceeds."""
    for field, limit in MAX_COUNTS.items():
        count = len(getattr(case, field))
        if count > limit:
            problems.append(((field,), f"more than {limit:,} {field}", count))
    parents: dict[str, str | None] = {b.id: b.parent for b in case.branches}
    for c in case.criteria:
        parents.setdefault(c.id, c.parent)
    depth = _tree_depths(parents)
    for field in ("branches", "criteria"):
        for k, item in enumerate(getattr(case, field)):
            if depth.get(item.id, 0) > MAX_TREE_DEPTH:
                problems.append(
                    (
                        (field, k, "parent"),
                        f"the value tree is deeper than {MAX_TREE_DEPTH} levels "
                        f"({depth[item.id]} at {item.id!r})",
                        item.parent,
                    )
                )
                return
    _long_text(case, (), "", problems)
