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
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from importlib import resources
from pathlib import Path, PureWindowsPath
from typing import Any

import yaml

from policyopts.exceptions import CaseError, CaseProblem
from policyopts.io._files import MAX_FILE_BYTES, read_bounded, write_atomic
from policyopts.io._yaml import (
    EXCERPT_CHARS,
    MAX_ALIAS_EXPANSION,
    Dumper,
    Loader,
    Parsed,
    excerpt,
    parse_yaml,
)
from policyopts.model import Case
from policyopts.model._base import Loc, format_loc
from policyopts.model.evidence import EvidenceBase
from policyopts.model.require import require_case

__all__ = [
    "EXCERPT_CHARS",
    "MAX_ALIAS_EXPANSION",
    "MAX_FILE_BYTES",
    "bundled_cases",
    "case_schema",
    "field_locator",
    "load_case",
    "read_bounded",
    "save_case",
    "write_atomic",
]

_YAML_SUFFIXES = (".yaml", ".yml")
_JSON_SUFFIXES = (".json",)
_EVIDENCE_KEYS = ("sources", "evidence")


# ---------------------------------------------------------------- parsing
def _read_text(path: Path, label: str, what: str = "case file") -> str:
    text: str = read_bounded(
        path, max_bytes=MAX_FILE_BYTES, what=what, label=label, encoding="utf-8-sig"
    )
    return text


def _parse(text: str, suffix: str, label: str) -> Parsed:
    if not text.strip():
        raise CaseError("the file is empty", file=label)
    if suffix in _JSON_SUFFIXES:
        return Parsed(_parse_json(text, label), None)
    return parse_yaml(text, label)


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


def _mapping(parsed: Parsed, label: str, what: str) -> dict[str, Any]:
    if not isinstance(parsed.data, Mapping):
        kind = type(parsed.data).__name__
        raise CaseError(
            f"the top level must be a mapping of {what} fields, got {kind}",
            file=label,
            value=excerpt(parsed.data) if isinstance(parsed.data, str) else kind,
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


def _looks_like_a_name(source: str | os.PathLike[str]) -> bool:
    """A bare name (``"mali"``): text with no suffix, no separator, no leading dot."""
    if not isinstance(source, str) or not source or source.startswith("."):
        return False
    if "/" in source or "\\" in source or os.sep in source:
        return False
    return not Path(source).suffix


def _resolve(source: str | os.PathLike[str]) -> Path:
    """The file ``source`` names: a bundled case for a bare name, else a path.

    A bare name of a bundled case means the bundled case even when a file or
    folder of that name is in the working folder; write ``./mali`` for that.
    """
    if _looks_like_a_name(source):
        name = str(source)
        for suffix in _YAML_SUFFIXES + _JSON_SUFFIXES:
            candidate = _bundled_dir() / f"{name}{suffix}"
            if candidate.is_file():
                return candidate
        path = Path(name)
        with contextlib.suppress(OSError, ValueError):
            if path.exists():
                return path
        names = ", ".join(bundled_cases()) or "none"
        raise CaseError(
            f"no bundled case named {name!r} and no such file (bundled cases: {names})",
            file=name,
        )
    return Path(source)


def _display(path: Path) -> str:
    try:
        rel = path.resolve().relative_to(Path.cwd().resolve())
        return str(rel)
    except ValueError:
        return str(path)


# ---------------------------------------------------------------- loading
def _load_evidence_file(path: Path, label: str) -> tuple[dict[str, list[Any]], Parsed]:
    suffix = _suffix(path, label)
    parsed = _parse(_read_text(path, label, "evidence file"), suffix, label)
    data = _mapping(parsed, label, "evidence")
    try:
        EvidenceBase.model_validate(data)
    except CaseError as exc:
        raise _located(exc, label, parsed) from None
    return {k: list(data.get(k) or []) for k in _EVIDENCE_KEYS}, parsed


def _evidence_roots(
    path: Path,
    extra: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | None,
) -> list[Path]:
    """The folders evidence files of the case at ``path`` may be in."""
    if extra is None:
        given: list[str | os.PathLike[str]] = []
    elif isinstance(extra, str | os.PathLike):
        given = [extra]
    else:
        given = list(extra)
    roots = [Path(p) for p in given] or [path.parent]
    bundled = _bundled_dir()
    with contextlib.suppress(OSError, ValueError):
        if any(
            c.is_file() and os.path.samefile(c, path)
            for c in bundled.glob("*")
            if c.suffix in _YAML_SUFFIXES + _JSON_SUFFIXES
        ):
            roots.append(bundled.parent)  # the bundled data: cases and their evidence
    out: list[Path] = []
    for root in roots:
        try:
            out.append(root.resolve())
        except (OSError, RuntimeError, ValueError):
            continue
    return out


def _evidence_path(
    name: str, roots: list[Path], case_path: Path, label: str, parsed: Parsed, k: int
) -> Path:
    """Resolve evidence file ``name``, refusing anything outside ``roots``."""

    def refuse(message: str) -> CaseError:
        return CaseError(
            message,
            file=label,
            path=f"evidence_files[{k}]",
            line=parsed.line_of(("evidence_files", k)),
            value=name,
        )

    if not name.strip() or "\0" in name:
        raise refuse("not a usable file path")
    if (
        Path(name).is_absolute()
        or PureWindowsPath(name).drive
        or name.startswith(("/", "\\"))
        or name.startswith("~")
    ):
        raise refuse("evidence file paths must be relative to the case file's folder")
    joined = case_path.parent / name
    try:
        resolved = joined.resolve()
    except (OSError, RuntimeError, ValueError):
        raise refuse("not a usable file path") from None
    if not any(resolved.is_relative_to(root) for root in roots):
        raise refuse(
            "evidence file is outside the case file's folder (by '..' or a symbolic link); "
            "move it into that folder, or pass evidence_root= to load_case"
        )
    if not resolved.exists():
        raise refuse("evidence file not found")
    return joined


def _located(exc: CaseError, label: str, parsed: Parsed) -> CaseError:
    return CaseError(
        problems=[
            replace(p, file=p.file or label, line=p.line or parsed.line_of(p.loc))
            for p in exc.problems
        ]
    )


def load_case(
    source: str | os.PathLike[str],
    *,
    evidence_root: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | None = None,
) -> Case:
    """Load and validate a case.

    Parameters
    ----------
    source : str or path-like
        The name of a bundled case (``"mali"``) or the path of a ``.yaml``,
        ``.yml`` or ``.json`` case file. A bare name (no suffix, no folder
        separator, no leading dot) of a bundled case is the bundled case even
        if a file or folder of that name is in the working folder; write
        ``./mali`` to mean the local one. Evidence files listed under
        ``evidence_files`` (paths relative to the case file) are merged in.
    evidence_root : path-like or sequence of path-like, optional
        The folders evidence files may be in. By default only the case file's
        folder (and its subfolders): an absolute path, or a relative one that
        leads out of it (by ``..`` or a symbolic link), is refused. A bundled
        case may use the library's own data folder.

    Returns
    -------
    Case

    Raises
    ------
    CaseError
        For any problem, naming the file, the field path, the line and the
        value: missing or unreadable file, empty file, invalid YAML or JSON,
        YAML tags, duplicate keys, wrong types, unknown fields, dangling
        references, broken rules; an evidence file outside the allowed
        folders; a file that is not a regular file (a device, a FIFO) or is
        larger than :data:`MAX_FILE_BYTES`. File content is never quoted
        beyond a short excerpt.

    Examples
    --------
    >>> case = load_case("mali")
    >>> [o.id for o in case.options]  # doctest: +NORMALIZE_WHITESPACE
    ['re_partner', 're_partner_narrow', 'contain_coastal', 'negotiate', 'wait_and_see',
     'humanitarian']
    """
    data, label, parsed, origins = _read_case(source, evidence_root)
    try:
        return Case.model_validate(data)
    except CaseError as exc:
        problems: list[CaseProblem] = []
        for p in exc.problems:
            file, where, loc = _origin(label, parsed, origins, p.loc)
            problems.append(replace(p, file=file, line=where.line_of(loc), loc=loc))
        raise CaseError(problems=problems) from None


_Origins = dict[str, list[tuple[str, Parsed, int]]]


def _origin(label: str, parsed: Parsed, origins: _Origins, loc: Loc) -> tuple[str, Parsed, Loc]:
    """The file a merged case's location comes from, and the location in it."""
    if len(loc) >= 2 and loc[0] in origins and isinstance(loc[1], int):
        table = origins[str(loc[0])]
        if 0 <= loc[1] < len(table):
            file, where, local = table[loc[1]]
            return file, where, (loc[0], local, *loc[2:])
    return label, parsed, loc


def _read_case(
    source: str | os.PathLike[str],
    evidence_root: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | None = None,
) -> tuple[dict[str, Any], str, Parsed, _Origins]:
    """Read a case file and merge its evidence files, remembering where each
    merged list item came from."""
    path = _resolve(source)
    label = _display(path)
    suffix = _suffix(path, label)
    parsed = _parse(_read_text(path, label), suffix, label)
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
    origins: dict[str, list[tuple[str, Parsed, int]]] = {}
    for key in _EVIDENCE_KEYS:
        inline = data.get(key)
        if isinstance(inline, list):
            origins[key] = [(label, parsed, k) for k in range(len(inline))]
    roots = _evidence_roots(path, evidence_root)
    for k, name in enumerate(files):
        ev_path = _evidence_path(name, roots, path, label, parsed, k)
        ev_label = _display(ev_path)
        lists, ev_parsed = _load_evidence_file(ev_path, ev_label)
        for key in _EVIDENCE_KEYS:
            if not isinstance(data.get(key, []), list):
                continue
            data.setdefault(key, []).extend(lists[key])
            origins.setdefault(key, []).extend(
                (ev_label, ev_parsed, j) for j in range(len(lists[key]))
            )

    return data, label, parsed, origins


def field_locator(
    source: str | os.PathLike[str],
    *,
    evidence_root: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | None = None,
) -> Callable[[Loc], tuple[str, int | None]]:
    """A function giving the file and line of a field of the case at ``source``.

    The location is a field path as a tuple (``("risks", 3, "likelihood")``),
    indexed like the loaded :class:`~policyopts.Case` (evidence merged from
    ``evidence_files`` is traced back to its own file). ``evidence_root`` is
    as in :func:`load_case`.

    Examples
    --------
    >>> where = field_locator("mali")
    >>> file, line = where(("risks", 0, "likelihood"))
    >>> file.endswith("mali.yaml") and line is not None and line > 1
    True
    """
    _, label, parsed, origins = _read_case(source, evidence_root)

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

    Raises
    ------
    CaseError
        The case no longer passes validation (it was changed after it was
        built, through a list's ``append`` or ``model_copy(update=...)``);
        nothing is written.
    OutputError
        The path is a folder, a device, a FIFO or a socket, or the write
        failed (read-only folder, full disk); the previous file is intact.
    """
    require_case(case)
    dest = Path(path)
    fmt = format or ("json" if dest.suffix.lower() in _JSON_SUFFIXES else "yaml")
    if fmt not in ("yaml", "json"):
        raise ValueError(f"format: {fmt!r} is not one of 'yaml', 'json'")
    if format is None and dest.suffix.lower() not in _YAML_SUFFIXES + _JSON_SUFFIXES:
        raise ValueError(
            f"path: unsupported suffix {dest.suffix or '(none)'!r}; use .yaml, .yml or .json"
        )
    data = case_to_data(case)
    # a case changed after it was validated (a list appended to, model_copy's
    # update=) is checked again, so what is written loads back
    Case.model_validate(data)
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
    options: dict[str, Any] = {"sort_keys": False, "width": 88, "default_flow_style": False}
    text = str(yaml.dump(data, Dumper=Dumper, allow_unicode=True, **options))
    # ASCII text reads back as written; only the readable Unicode form needs the check
    if text.isascii() or yaml.load(text, Loader=Loader) == data:
        return text
    return str(yaml.dump(data, Dumper=Dumper, allow_unicode=False, **options))


def atomic_write_text(dest: Path, text: str) -> None:
    """Write ``text`` to ``dest`` atomically (an alias of :func:`write_atomic`)."""
    write_atomic(dest, text)


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
