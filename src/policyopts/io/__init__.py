"""Reading and writing cases: the only module that touches files.

- :func:`load_case` reads a case from YAML or JSON (or a bundled case by name),
  merges the evidence files it lists, and validates everything.
- :func:`save_case` writes a case atomically (temporary file, then rename), in
  a form that loads back equal to the original.
- :func:`case_schema` gives the JSON Schema of the case format.

Every problem — missing or unreadable file, empty file, syntax error (with
line and column), YAML tags, duplicate keys, wrong types, unknown fields,
dangling references, broken rules — raises :class:`~policyopts.CaseError`
naming the file, the field path, the line where it can be found, and the value.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from policyopts.exceptions import CaseError, CaseProblem
from policyopts.model import Case
from policyopts.model._base import Loc, format_loc
from policyopts.model.evidence import EvidenceBase

__all__ = ["bundled_cases", "case_schema", "field_locator", "load_case", "save_case"]

_YAML_SUFFIXES = (".yaml", ".yml")
_JSON_SUFFIXES = (".json",)
_EVIDENCE_KEYS = ("sources", "evidence")


# ---------------------------------------------------------------- parsing
#: libyaml's parser when PyYAML was built with it (about 100 times faster),
#: else the pure-Python one; both only build plain data (safe constructors).
_SafeBase: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_SafeBase):  # type: ignore[misc]
    """Safe YAML loader for case files.

    It refuses duplicate keys instead of silently keeping the last one, and
    reads unquoted dates (``2024-09-17``) as text, which is what case files
    expect, instead of converting them to date objects.
    """


# Dates stay text: drop the implicit timestamp resolver (a class-level copy).
_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

#: Largest number of nodes a document may expand to once YAML aliases are
#: followed (guards against "billion laughs" alias bombs).
MAX_EXPANDED_NODES = 1_000_000


def _expanded_size(root: yaml.Node) -> int:
    """Number of nodes ``root`` stands for with every alias expanded (memoised)."""
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
            if sizes[id(node)] > MAX_EXPANDED_NODES:
                return sizes[id(node)]
            continue
        open_nodes.add(id(node))
        stack.append((node, True))
        for c in children:
            if id(c) in open_nodes:
                return MAX_EXPANDED_NODES + 1  # an alias inside its own anchor: endless
            if id(c) not in sizes:
                stack.append((c, False))
    return sizes.get(id(root), 1)


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
                f"found duplicate key {key!r} (first at line {seen[key] + 1})",
                key_node.start_mark,
            )
        seen[key] = key_node.start_mark.line
    return loader.construct_mapping(node, deep=deep)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


class _PyLoader(yaml.SafeLoader):
    """The pure-Python twin of :class:`_Loader`, for deeply nested input."""


_PyLoader.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers
_PyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


class _Parsed:
    """A parsed document, with what is needed to find a field's line."""

    def __init__(self, data: Any, node: yaml.Node | None) -> None:
        self.data = data
        self.node = node

    def line_of(self, loc: Loc) -> int | None:
        node = self.node
        if node is None:
            return None
        best = node.start_mark.line + 1
        for elem in loc:
            if isinstance(node, yaml.MappingNode) and isinstance(elem, str):
                keys = {k.value: (k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode)}
                if elem in keys:
                    key, node = keys[elem]
                    best = key.start_mark.line + 1
                elif "kind" in keys and getattr(keys["kind"][1], "value", None) == elem:
                    continue  # the member of a tagged union named in the location
                else:
                    return best
            elif isinstance(node, yaml.SequenceNode) and isinstance(elem, int):
                if not 0 <= elem < len(node.value):
                    return best
                node = node.value[elem]
                best = node.start_mark.line + 1
            elif isinstance(node, yaml.MappingNode):
                continue  # a union tag in the location
            else:
                return best
        return best


def _read_text(path: Path, label: str) -> str:
    try:
        exists = path.exists()
    except (OSError, ValueError) as exc:
        raise CaseError(f"not a usable file path: {exc}", file=label) from None
    if not exists:
        raise CaseError("file not found", file=label)
    if path.is_dir():
        raise CaseError("is a folder, not a case file", file=label)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CaseError(f"cannot read the file: {exc.strerror or exc}", file=label) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CaseError(
            f"not UTF-8 text: byte 0x{raw[exc.start]:02x} at offset {exc.start} "
            "(save the file as UTF-8)",
            file=label,
            line=raw.count(b"\n", 0, exc.start) + 1,
        ) from None


def _parse(text: str, suffix: str, label: str) -> _Parsed:
    if not text.strip():
        raise CaseError("the file is empty", file=label)
    if suffix in _JSON_SUFFIXES:
        return _Parsed(_parse_json(text, label), None)
    loader: Any = None
    node: yaml.Node | None = None
    try:
        loader = _Loader(text) if _nesting_bound(text) <= _C_MAX_NESTING else _PyLoader(text)
        node = loader.get_single_node()
        if node is not None and _expanded_size(node) > MAX_EXPANDED_NODES:
            raise CaseError(
                f"YAML aliases expand this file to more than {MAX_EXPANDED_NODES:,} values "
                "(or refer to themselves); write the values out instead",
                file=label,
            )
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        if "could not determine a constructor" in problem:
            problem = "YAML tags are not allowed in case files: " + problem
        lines = text.splitlines()
        if mark is not None and 0 <= mark.line < len(lines):
            near: object = lines[mark.line].strip()[:60]
        else:
            near = "<end of file>"
        raise CaseError(
            f"invalid YAML at {where}{problem}",
            file=label,
            line=mark.line + 1 if mark else None,
            value=near,
        ) from None
    except yaml.YAMLError as exc:
        raise CaseError(f"invalid YAML: {exc}", file=label) from None
    except RecursionError:
        raise CaseError("invalid YAML: nested too deeply", file=label) from None
    except CaseError:
        raise
    except (ValueError, TypeError, KeyError, AttributeError, OverflowError) as exc:
        # PyYAML's constructors fail this way on values that match a tag's
        # pattern but not its meaning (an explicit !!bool on a word, say)
        raise CaseError(f"invalid YAML: a value could not be read ({exc})", file=label) from None
    finally:
        if loader is not None:
            loader.dispose()
    if data is None:
        raise CaseError("the file is empty", file=label)
    return _Parsed(data, node)


def _parse_json(text: str, label: str) -> Any:
    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in items:
            if key in out:
                pattern = rf"{re.escape(json.dumps(key))}\s*:"
                marks = [m.start() for m in re.finditer(pattern, text)]
                line = text.count("\n", 0, marks[1]) + 1 if len(marks) > 1 else None
                raise CaseError("duplicate key in a JSON object", file=label, line=line, value=key)
            out[key] = value
        return out

    # NaN and Infinity parse as floats; validation then rejects them with their path.
    try:
        return json.loads(text, object_pairs_hook=pairs)
    except json.JSONDecodeError as exc:
        raise CaseError(
            f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}",
            file=label,
            line=exc.lineno,
        ) from None
    except RecursionError:
        raise CaseError("invalid JSON: nested too deeply", file=label) from None
    except CaseError:
        raise
    except ValueError as exc:  # e.g. an integer with more digits than Python converts
        raise CaseError(f"invalid JSON: {exc}", file=label) from None


def _suffix(path: Path, label: str) -> str:
    suffix = path.suffix.lower()
    if suffix not in _YAML_SUFFIXES + _JSON_SUFFIXES:
        raise CaseError(
            f"unsupported file type {path.suffix or '(none)'!r}: use .yaml, .yml or .json",
            file=label,
        )
    return suffix


def _non_text_key(data: Any) -> tuple[Loc, object] | None:
    """Location of the first mapping key that is not text, if any."""
    stack: list[tuple[Loc, Any]] = [((), data)]
    while stack:
        loc, value = stack.pop()
        if isinstance(value, Mapping):
            for key, child in value.items():
                if not isinstance(key, str):
                    return loc, key
                stack.append(((*loc, key), child))
        elif isinstance(value, list):
            stack.extend(((*loc, k), child) for k, child in enumerate(value))
    return None


def _mapping(parsed: _Parsed, label: str, what: str) -> dict[str, Any]:
    if not isinstance(parsed.data, Mapping):
        kind = type(parsed.data).__name__
        raise CaseError(
            f"the top level must be a mapping of {what} fields, got {kind}",
            file=label,
            value=parsed.data if not isinstance(parsed.data, list | dict) else kind,
        )
    bad = _non_text_key(parsed.data)
    if bad is not None:
        loc, key = bad
        raise CaseError(
            "keys must be text (quote numbers, dates and yes/no used as keys)",
            file=label,
            path=format_loc(loc, parsed.data) or "(top level)",
            line=parsed.line_of(loc),
            value=key,
        )
    return dict(parsed.data)


# ---------------------------------------------------------------- bundled
def _bundled_dir() -> Path:
    installed = Path(str(resources.files("policyopts"))) / "_data" / "criteria"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[3] / "criteria"


def bundled_cases() -> list[str]:
    """Names of the cases shipped with the library (``["mali"]``).

    Examples
    --------
    >>> "mali" in bundled_cases()
    True
    """
    folder = _bundled_dir()
    if not folder.is_dir():
        return []
    return sorted(p.stem for p in folder.iterdir() if p.suffix in _YAML_SUFFIXES + _JSON_SUFFIXES)


def _resolve(source: str | os.PathLike[str]) -> Path:
    path = Path(source)
    if isinstance(source, str) and not path.suffix and len(path.parts) == 1 and not path.exists():
        for suffix in _YAML_SUFFIXES + _JSON_SUFFIXES:
            candidate = _bundled_dir() / f"{source}{suffix}"
            if candidate.is_file():
                return candidate
        names = ", ".join(bundled_cases()) or "none"
        raise CaseError(
            f"no bundled case named {source!r} and no such file (bundled cases: {names})",
            file=str(source),
        )
    return path


def _display(path: Path) -> str:
    try:
        rel = path.resolve().relative_to(Path.cwd().resolve())
        return str(rel)
    except ValueError:
        return str(path)


# ---------------------------------------------------------------- loading
def _load_evidence_file(path: Path, label: str) -> tuple[dict[str, list[Any]], _Parsed]:
    parsed = _parse(_read_text(path, label), _suffix(path, label), label)
    data = _mapping(parsed, label, "evidence")
    try:
        EvidenceBase.model_validate(data)
    except CaseError as exc:
        raise _located(exc, label, parsed) from None
    return {k: list(data.get(k) or []) for k in _EVIDENCE_KEYS}, parsed


def _located(exc: CaseError, label: str, parsed: _Parsed) -> CaseError:
    return CaseError(
        problems=[
            replace(p, file=p.file or label, line=p.line or parsed.line_of(p.loc))
            for p in exc.problems
        ]
    )


def load_case(source: str | os.PathLike[str]) -> Case:
    """Load and validate a case.

    Parameters
    ----------
    source : str or path-like
        The name of a bundled case (``"mali"``) or the path of a ``.yaml``,
        ``.yml`` or ``.json`` case file. Evidence files listed under
        ``evidence_files`` (paths relative to the case file) are merged in.

    Returns
    -------
    Case

    Raises
    ------
    CaseError
        For any problem, naming the file, the field path, the line and the
        value: missing or unreadable file, empty file, invalid YAML or JSON,
        YAML tags, duplicate keys, wrong types, unknown fields, dangling
        references, broken rules.

    Examples
    --------
    >>> case = load_case("mali")
    >>> [o.id for o in case.options]  # doctest: +NORMALIZE_WHITESPACE
    ['re_partner', 're_partner_narrow', 'contain_coastal', 'negotiate', 'wait_and_see',
     'humanitarian']
    """
    data, label, parsed, origins = _read_case(source)
    try:
        return Case.model_validate(data)
    except CaseError as exc:
        problems: list[CaseProblem] = []
        for p in exc.problems:
            file, where, loc = _origin(label, parsed, origins, p.loc)
            problems.append(replace(p, file=file, line=where.line_of(loc), loc=loc))
        raise CaseError(problems=problems) from None


_Origins = dict[str, list[tuple[str, _Parsed, int]]]


def _origin(label: str, parsed: _Parsed, origins: _Origins, loc: Loc) -> tuple[str, _Parsed, Loc]:
    """The file a merged case's location comes from, and the location in it."""
    if len(loc) >= 2 and loc[0] in origins and isinstance(loc[1], int):
        table = origins[str(loc[0])]
        if 0 <= loc[1] < len(table):
            file, where, local = table[loc[1]]
            return file, where, (loc[0], local, *loc[2:])
    return label, parsed, loc


def _read_case(
    source: str | os.PathLike[str],
) -> tuple[dict[str, Any], str, _Parsed, _Origins]:
    """Read a case file and merge its evidence files, remembering where each
    merged list item came from."""
    path = _resolve(source)
    label = _display(path)
    parsed = _parse(_read_text(path, label), _suffix(path, label), label)
    data = _mapping(parsed, label, "case")

    files = data.pop("evidence_files", None) or []
    if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
        raise CaseError(
            "evidence_files must be a list of file paths",
            file=label,
            path="evidence_files",
            line=parsed.line_of(("evidence_files",)),
            value=files,
        )
    origins: dict[str, list[tuple[str, _Parsed, int]]] = {}
    for key in _EVIDENCE_KEYS:
        inline = data.get(key)
        if isinstance(inline, list):
            origins[key] = [(label, parsed, k) for k in range(len(inline))]
    for k, name in enumerate(files):
        try:
            ev_path = (path.parent / name).resolve()
            found = ev_path.exists()
        except (OSError, ValueError, RuntimeError):
            found = False
        ev_label = _display(ev_path) if found else name
        if not found:
            raise CaseError(
                "evidence file not found",
                file=label,
                path=f"evidence_files[{k}]",
                line=parsed.line_of(("evidence_files", k)),
                value=name,
            )
        lists, ev_parsed = _load_evidence_file(ev_path, ev_label)
        for key in _EVIDENCE_KEYS:
            if not isinstance(data.get(key, []), list):
                continue
            data.setdefault(key, []).extend(lists[key])
            origins.setdefault(key, []).extend(
                (ev_label, ev_parsed, j) for j in range(len(lists[key]))
            )

    return data, label, parsed, origins


def field_locator(source: str | os.PathLike[str]) -> Callable[[Loc], tuple[str, int | None]]:
    """A function giving the file and line of a field of the case at ``source``.

    The location is a field path as a tuple (``("risks", 3, "likelihood")``),
    indexed like the loaded :class:`~policyopts.Case` (evidence merged from
    ``evidence_files`` is traced back to its own file).

    Examples
    --------
    >>> where = field_locator("mali")
    >>> file, line = where(("risks", 0, "likelihood"))
    >>> file.endswith("mali.yaml") and line is not None and line > 1
    True
    """
    _, label, parsed, origins = _read_case(source)

    def locate(loc: Loc) -> tuple[str, int | None]:
        file, where, local = _origin(label, parsed, origins, loc)
        return file, where.line_of(local)

    return locate


# ---------------------------------------------------------------- saving
def _tidy(value: Any) -> Any:
    """Integral floats as ints (they load back as equal floats)."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if isinstance(value, dict):
        return {k: _tidy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_tidy(v) for v in value]
    return value


def case_to_data(case: Case) -> dict[str, Any]:
    """The case as plain data (what :func:`save_case` writes)."""
    data = case.model_dump(mode="json", exclude_defaults=True)
    data.pop("format_version", None)
    return {"format_version": case.format_version, **_tidy(data)}


def save_case(case: Case, path: str | os.PathLike[str], *, format: str | None = None) -> Path:
    """Write ``case`` to ``path`` atomically, as YAML or JSON.

    The case is written whole (evidence included), to a temporary file in the
    same folder which then replaces ``path`` in one step: a reader never sees
    a half-written file, and if anything fails the previous file is left
    untouched. ``load_case(save_case(case, p)) == case``.

    Parameters
    ----------
    case : Case
    path : str or path-like
        Destination; its suffix (``.yaml``, ``.yml``, ``.json``) picks the
        format unless ``format`` is given.
    format : {"yaml", "json"}, optional

    Returns
    -------
    pathlib.Path
        The path written.
    """
    if not isinstance(case, Case):
        raise TypeError(f"case: expected a policyopts Case, got {type(case).__name__}")
    dest = Path(path)
    fmt = format or ("json" if dest.suffix.lower() in _JSON_SUFFIXES else "yaml")
    if fmt not in ("yaml", "json"):
        raise ValueError(f"format: {fmt!r} is not one of 'yaml', 'json'")
    if format is None and dest.suffix.lower() not in _YAML_SUFFIXES + _JSON_SUFFIXES:
        raise ValueError(
            f"path: unsupported suffix {dest.suffix or '(none)'!r}; use .yaml, .yml or .json"
        )
    data = case_to_data(case)
    if fmt == "json":
        text = json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    else:
        text = _yaml_text(data)
    atomic_write_text(dest, text)
    return dest


def _yaml_text(data: dict[str, Any]) -> str:
    """YAML for ``data`` that reads back equal to it.

    Unicode is written as is for readability; a few characters (NEL, the
    Unicode line and paragraph separators) are folded by YAML readers inside
    plain or single-quoted scalars, so when the readable form does not read
    back identically the file is written with every non-ASCII character
    escaped instead.
    """
    text = yaml.safe_dump(
        data, sort_keys=False, allow_unicode=True, width=88, default_flow_style=False
    )
    if yaml.load(text, Loader=_Loader) == data:
        return text
    return yaml.safe_dump(
        data, sort_keys=False, allow_unicode=False, width=88, default_flow_style=False
    )


def atomic_write_text(dest: Path, text: str) -> None:
    """Write ``text`` to ``dest`` through a temporary file in the same folder,
    flushed to disk, then renamed over ``dest``: readers see the old file or
    the new one, never a mix; on failure the old file is left as it was."""
    folder = dest.parent if str(dest.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if dest.exists():
            with contextlib.suppress(OSError):
                os.chmod(tmp, dest.stat().st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, dest)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


# ---------------------------------------------------------------- schema
def case_schema() -> dict[str, Any]:
    """JSON Schema of the case file format, for editors and validators.

    Point an editor's YAML language server at it (``policyopts schema -o
    case.schema.json``) to get completion and checking while writing a case.

    Examples
    --------
    >>> schema = case_schema()
    >>> "options" in schema["properties"]
    True
    """
    schema = Case.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "policyopts case"
    schema["properties"]["evidence_files"] = {
        "type": "array",
        "items": {"type": "string"},
        "description": "Evidence files (sources and evidence lists) merged into the case; "
        "paths are relative to the case file.",
    }
    return schema
