"""The guarded YAML reader shared by every file policyopts reads.

Case files, evidence files and participants files are parsed by the same
safe loader: plain data only (no tags), duplicate keys refused, dates kept as
text, alias bombs refused before they are expanded (:data:`MAX_ALIAS_EXPANSION`),
pathological nesting read by the pure-Python parser so that it fails with an
error rather than a crash, and never more than a short, printable excerpt of
the file quoted in a message (:data:`EXCERPT_CHARS`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import numpy as np
import yaml

from policyopts.exceptions import CaseError
from policyopts.model._base import Loc

__all__ = [
    "EXCERPT_CHARS",
    "MAX_ALIAS_EXPANSION",
    "Dumper",
    "Loader",
    "Parsed",
    "alias_expansion",
    "excerpt",
    "parse_yaml",
]

#: libyaml's parser when PyYAML was built with it (about 100 times faster),
#: else the pure-Python one; both only build plain data (safe constructors).
_SafeBase: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


#: libyaml's emitter when available (same output as the Python one, faster).
Dumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class Loader(_SafeBase):  # type: ignore[misc]
    """Safe YAML loader for case files.

    It refuses duplicate keys instead of silently keeping the last one, and
    reads unquoted dates (``2024-09-17``) as text, which is what case files
    expect, instead of converting them to date objects.
    """


# Dates stay text: drop the implicit timestamp resolver (a class-level copy).
Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

#: Largest number of values YAML aliases may add to a document, beyond the
#: document's own nodes, once every alias is expanded (guards against "billion
#: laughs" alias bombs; a document without aliases adds none, whatever its size).
MAX_ALIAS_EXPANSION = 1_000_000


#: Where a YAML alias could start (``*`` after a space, an indicator, a quote or
#: the start of a line; a generous test): text without one has no aliases.
_ALIAS = re.compile(r"(?:^|[\s,\[\]{}:?\-\"'])\*", re.M)


def alias_expansion(root: yaml.Node) -> int:
    """How many nodes aliases add to ``root`` once expanded.

    That is the size of the fully expanded tree less the number of distinct
    nodes in the document (each reached through an alias counts again every
    time). Memoised, so a bomb is measured without being expanded; returns
    more than :data:`MAX_ALIAS_EXPANSION` as soon as that is certain, and for
    an alias inside its own anchor (an endless expansion).
    """
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        if id(node) in sizes:
            continue
        if isinstance(node, yaml.MappingNode):
            children = [c for pair in node.value for c in pair]
        elif isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        else:
            sizes[id(node)] = 1
            continue
        if done:
            open_nodes.discard(id(node))
            sizes[id(node)] = 1 + sum(sizes.get(id(c), 1) for c in children)
            # every node not yet seen adds at least one to the final size,
            # so this excess can only grow
            if sizes[id(node)] - len(sizes) > MAX_ALIAS_EXPANSION:
                return sizes[id(node)] - len(sizes)
            continue
        open_nodes.add(id(node))
        stack.append((node, True))
        for c in children:
            if id(c) in open_nodes:
                return MAX_ALIAS_EXPANSION + 1  # an alias inside its own anchor: endless
            if id(c) not in sizes:
                stack.append((c, False))
    return sizes.get(id(root), 1) - len(sizes)


#: Deeper than this (by a cheap upper bound) a document is read with the
#: pure-Python parser: libyaml's composer recurses on the C stack and can crash
#: the interpreter on pathologically nested input, where the Python one raises
#: RecursionError, which becomes a CaseError.
_C_MAX_NESTING = 200


def _nesting_bound(text: str) -> int:
    """A cheap upper bound of how deeply ``text`` nests collections."""
    raw = np.frombuffer(text.encode("utf-8", "surrogatepass"), dtype=np.uint8)
    step = np.isin(raw, (ord("["), ord("{"))).astype(np.int64)
    step -= np.isin(raw, (ord("]"), ord("}")))
    flow = int(np.cumsum(step).max(initial=0))
    block = max((len(m.group()) for m in re.finditer(r"^[ \t\-:?]*", text, re.M)), default=0)
    return flow + block


def _construct_mapping(loader: Any, node: yaml.Node, deep: bool = False) -> Any:
    if not isinstance(node, yaml.MappingNode):
        raise yaml.constructor.ConstructorError(
            None, None, f"expected a mapping, found {type(node).__name__}", node.start_mark
        )
    seen: dict[object, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                "while constructing a mapping",
                node.start_mark,
                "found a key that is a list or a mapping; keys must be text",
                key_node.start_mark,
            ) from None
        if key in seen:
            raise yaml.constructor.ConstructorError(
                "while constructing a mapping",
                node.start_mark,
                f"found duplicate key {excerpt(repr(key))} (first at line {seen[key] + 1})",
                key_node.start_mark,
            )
        seen[key] = key_node.start_mark.line
    return loader.construct_mapping(node, deep=deep)


Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


class _PyLoader(yaml.SafeLoader):
    """The pure-Python twin of :class:`Loader`, for deeply nested input."""


_PyLoader.yaml_implicit_resolvers = Loader.yaml_implicit_resolvers
_PyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


#: Longest excerpt of a file's content quoted in an error message.
EXCERPT_CHARS = 40


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """At most ``limit`` characters of ``text``, control characters escaped."""
    shown = "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text[: limit + 1])
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def line_of(node: yaml.Node | None, loc: Sequence[str | int]) -> int | None:
    """The line (1-based) of the field at ``loc`` in a composed YAML document, or of
    its deepest ancestor present there; None without a document.

    A mapping key matches an element by its text (``1:`` matches ``1``); a string
    element that names no key but the mapping's ``kind`` is a member of a tagged
    union and is skipped, as is an integer element that names no key.
    """
    if node is None:
        return None
    best = node.start_mark.line + 1
    for elem in loc:
        if isinstance(node, yaml.MappingNode):
            keys = {k.value: (k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode)}
            if str(elem) in keys:
                key, node = keys[str(elem)]
                best = key.start_mark.line + 1
            elif isinstance(elem, int):
                continue  # a union tag in the location
            elif "kind" in keys and getattr(keys["kind"][1], "value", None) == elem:
                continue  # the member of a tagged union named in the location
            else:
                return best
        elif isinstance(node, yaml.SequenceNode) and isinstance(elem, int):
            if not 0 <= elem < len(node.value):
                return best
            node = node.value[elem]
            best = node.start_mark.line + 1
        else:
            return best
    return best


class Parsed:
    """A parsed document, with what is needed to find a field's line."""

    def __init__(self, data: Any, node: yaml.Node | None) -> None:
        self.data = data
        self.node = node

    def line_of(self, loc: Loc) -> int | None:
        return line_of(self.node, loc)


def parse_yaml(text: str, label: str, *, what: str = "case files", key: str = "key") -> Parsed:
    """Parse YAML ``text`` (from the file ``label``) with every guard.

    ``what`` names the kind of file in messages, ``key`` what a repeated
    mapping key is called ("duplicate key" by default).

    Raises
    ------
    CaseError
        One line naming the file, with the line and column and a short
        excerpt for a syntax error; YAML tags, duplicate keys, alias bombs
        and nesting too deep for the parser are refused.
    """
    loader: Any = None
    node: yaml.Node | None = None
    try:
        loader = Loader(text) if _nesting_bound(text) <= _C_MAX_NESTING else _PyLoader(text)
        node = loader.get_single_node()
        if node is not None and _ALIAS.search(text) and alias_expansion(node) > MAX_ALIAS_EXPANSION:
            raise CaseError(
                f"YAML aliases add more than {MAX_ALIAS_EXPANSION:,} values to this file "
                "(or refer to themselves); write the values out instead",
                file=label,
            )
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = excerpt((exc.problem or exc.context or "invalid YAML").strip(), 120)
        if "could not determine a constructor" in problem:
            problem = f"YAML tags are not allowed in {what}: " + problem
        if key != "key":
            problem = problem.replace("duplicate key", f"duplicate {key}")
        lines = text.splitlines()
        if mark is not None and 0 <= mark.line < len(lines):
            near: object = excerpt(lines[mark.line].strip())
        else:
            near = "<end of file>"
        raise CaseError(
            f"invalid YAML at {where}{problem}",
            file=label,
            line=mark.line + 1 if mark else None,
            value=near,
        ) from None
    except yaml.YAMLError as exc:
        raise CaseError(
            f"invalid YAML: {excerpt(' '.join(str(exc).split()), 120)}", file=label
        ) from None
    except RecursionError:
        raise CaseError("invalid YAML: nested too deeply", file=label) from None
    except CaseError:
        raise
    except (ValueError, TypeError, KeyError, AttributeError, OverflowError) as exc:
        # PyYAML's constructors fail this way on values that match a tag's
        # pattern but not its meaning (an explicit !!bool on a word, say)
        raise CaseError(
            f"invalid YAML: a value could not be read ({excerpt(str(exc))})", file=label
        ) from None
    finally:
        if loader is not None:
            loader.dispose()
    if data is None:
        raise CaseError("the file is empty", file=label)
    return Parsed(data, node)
