"""Fuzz :func:`policyopts.load_case` with random and mutated case files.

Run from the repository root::

    python -m tests.fuzz.fuzz_load_case --seconds 60 [--seed 7]
    python -m tests.fuzz.fuzz_load_case --seed 7 --replay 1234   # one input again

The contract under test: whatever bytes a case file (or an evidence file it
lists) holds, ``load_case`` either returns a :class:`~policyopts.Case` or raises
:class:`~policyopts.CaseError` whose message is one line naming the file — within
``--timeout`` seconds (5 by default; the checks of a case that loaded get six
times as long). Any other exception, a hang, a crash of
the interpreter, or a multi-line / file-less ``CaseError`` is a failure: the
input is saved under ``--out`` (``/tmp/fuzz-failures`` by default) with a
``README.txt`` holding the traceback and the command that replays it, and the
run exits with status 1. A case that loads must also survive
``save_case``/``load_case`` in YAML and JSON unchanged and ``compare``.

Design
------
Plain seeded :class:`random.Random` and hand-written mutators rather than
hypothesis: inputs are independent, there is nothing to shrink against a slow
loader, and input ``k`` of seed ``s`` is regenerated on its own from
``Random(f"{s}/{k}")``, so ``--replay`` needs no database. The seeds are the
bundled Mali case (with its evidence file, as YAML and as JSON) and a small toy
case; each input applies one structural mutation to the parsed data (type
changes, NaN/inf, huge numbers, swapped values, dangling ids, duplicate items,
bad probabilities and weights, random subtrees, evidence-file lists) and/or a
few text and byte mutations (bit flips, truncation, line deletion and
duplication, tabs, unicode, YAML tags, duplicate keys, deep nesting, alias
bombs, random YAML/JSON fragments, re-encoding, empty files), to the case file
or to its evidence file; a few inputs are random documents built from scratch.

Each input is loaded by a worker process (this file with ``--worker``) under a
4 GiB address-space limit; the parent waits on the worker's pipe with a
timeout and kills and restarts it on a hang or crash. ``--known SIGNATURE``
counts a failure signature (printed with every failure) as known, so a run can
carry on past a reported bug; ``--skip-mutator NAME`` disables a mutator.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import random
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

try:
    from tests.fuzz import fuzz_participants
except ImportError:  # run as a script (the worker): the repository is not on the path
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from tests.fuzz import fuzz_participants

REPO = Path(__file__).resolve().parents[2]
#: Outcomes that keep the contract: a case loaded or refused with a CaseError,
#: a participants file read (p_read) or refused with a CaseError (p_error).
OK_OUTCOMES = ("loaded", "case_error", "p_read", "p_error")
DEFAULT_OUT = Path(tempfile.gettempdir()) / "fuzz-failures"
MEMORY_LIMIT = 4 * 1024**3
#: A loaded case's round trips and compare() may take this many times the timeout.
POST_LOAD_FACTOR = 6

Data = Any

# ------------------------------------------------------------------------ seeds
_TOY: dict[str, Any] = {
    "id": "toy",
    "title": "Toy question",
    "default_profile": "even",
    "branches": [{"id": "effect", "name": "Effect"}],
    "options": [
        {"id": "act", "name": "Act", "commitments": ["do something"]},
        {"id": "wait", "name": "Wait"},
        {"id": "talk", "name": "Talk"},
    ],
    "criteria": [
        {"id": "gain", "name": "Gain", "parent": "effect", "direction": "benefit"},
        {
            "id": "cost",
            "name": "Cost",
            "direction": "cost",
            "scale": {"min": 0, "max": 100, "unit": "USD million"},
            "value_function": {"kind": "exponential", "rho": 1.5},
        },
    ],
    "assessments": [
        {
            "option": o,
            "criterion": c,
            "score": s,
            "uncertainty": u,
            "basis": "source",
            "rationale": f"{o} on {c}",
            "evidence": ["ev1"],
        }
        for o, c, s, u in [
            ("act", "gain", 7, {"kind": "triangular", "low": 6, "high": 8}),
            ("act", "cost", 60, {"kind": "pert", "low": 50, "high": 70}),
            ("wait", "gain", 2, {"kind": "normal", "sd": 0.5}),
            (
                "wait",
                "cost",
                5,
                {"kind": "discrete", "values": [5, 9], "probabilities": [0.7, 0.3]},
            ),
            ("talk", "gain", 5, {"kind": "uniform", "low": 4, "high": 6}),
            ("talk", "cost", 20, {"kind": "range", "low": 15, "high": 25}),
        ]
    ],
    "risks": [
        {
            "id": "backfire",
            "name": "Backfire",
            "likelihood": 0.4,
            "likelihood_uncertainty": {"kind": "uniform", "low": 0.2, "high": 0.6},
            "impact": 3,
            "exposure": {"act": 0.8, "wait": 0.1, "talk": 0.3},
            "rationale": "acting invites a response",
            "evidence": ["ev1"],
        }
    ],
    "scenarios": [
        {
            "id": "calm",
            "name": "Calm",
            "probability": 0.6,
            "score_changes": [{"option": "act", "criterion": "gain", "shift": 1}],
        },
        {
            "id": "storm",
            "name": "Storm",
            "probability": 0.4,
            "score_changes": [{"option": "wait", "criterion": "gain", "set": 0}],
            "likelihood_overrides": {"backfire": 0.9},
        },
    ],
    "profiles": [
        {"id": "even", "name": "Even", "weights": {"gain": 1, "cost": 1, "risk_burden": 1}},
        {"id": "thrifty", "name": "Thrifty", "swing": {"gain": 40, "cost": 100, "risk_burden": 20}},
        {"id": "ranked", "name": "Ranked", "ranks": {"gain": 1, "cost": 2, "risk_burden": 3}},
        {
            "id": "paired",
            "name": "Paired",
            "ahp": {
                "criteria": ["gain", "cost", "risk_burden"],
                "matrix": [[1, 3, 5], [0.3333, 1, 2], [0.2, 0.5, 1]],
            },
        },
        {
            "id": "tree",
            "name": "Tree",
            "tree": {"effect": 2, "risk": 1, "gain": 1, "cost": 1, "risk_burden": 1},
        },
    ],
}
_TOY_EVIDENCE: dict[str, Any] = {
    "sources": [
        {
            "id": "src",
            "document": "doc.txt",
            "outlet": "Outlet",
            "title": "A title",
            "date": "2024-09",
        }
    ],
    "evidence": [
        {
            "id": "ev1",
            "source": "src",
            "claim": "something happened",
            "figures": [{"value": 77, "unit": "people", "what": "killed", "qualifier": "at_least"}],
        }
    ],
}


@dataclass(frozen=True)
class Seed:
    """A valid starting point: a case file and, optionally, its evidence file."""

    name: str
    suffix: str
    data: Data
    evidence: Data | None = None
    evidence_name: str = "evidence.yaml"
    case_text: str | None = None
    evidence_text: str | None = None


def _dump(data: Data, suffix: str) -> str:
    if suffix == ".json":
        return json.dumps(data, indent=1, ensure_ascii=False, allow_nan=True)
    return str(yaml.dump(data, Dumper=_DUMPER, sort_keys=False, allow_unicode=True))


_DUMPER: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def load_seeds() -> list[Seed]:
    """The corpus: Mali (YAML and JSON, evidence in its own file or inline) and the toy."""
    seeds: list[Seed] = []
    toy = json.loads(json.dumps(_TOY))
    merged = {**toy, **_TOY_EVIDENCE}
    seeds.append(Seed("toy-yaml", ".yaml", merged))
    seeds.append(Seed("toy-json", ".json", merged))
    with_file = {**toy, "evidence_files": ["../seeds/evidence.yaml"]}
    seeds.append(Seed("toy-evfile", ".yaml", with_file, evidence=_TOY_EVIDENCE))
    case_path = REPO / "criteria" / "mali.yaml"
    ev_path = REPO / "seeds" / "mali.yaml"
    if case_path.is_file() and ev_path.is_file():
        case_text = case_path.read_text(encoding="utf-8")
        ev_text = ev_path.read_text(encoding="utf-8")
        mali = yaml.safe_load(case_text)
        ev = yaml.safe_load(ev_text)
        seeds.append(Seed("mali-yaml", ".yaml", mali, ev, "mali.yaml", case_text, ev_text))
        seeds.append(Seed("mali-json", ".json", mali, ev, "mali.yaml", None, ev_text))
        inline = {k: v for k, v in mali.items() if k != "evidence_files"}
        inline.update(ev)
        seeds.append(Seed("mali-inline-json", ".json", inline))
    return seeds


# --------------------------------------------------------------------- inputs
@dataclass
class Input:
    """One generated input: file contents and how they were made."""

    seed: str
    suffix: str
    case: bytes
    evidence: bytes | None
    evidence_name: str
    steps: list[str] = field(default_factory=list)
    evidence_suffix: str = ".yaml"
    kind: str = "case"  # or "participants" (tests/fuzz/fuzz_participants.py)


Mutator = Callable[[random.Random, bytes, str], tuple[bytes, str]]
DataMutator = Callable[[random.Random, Data, "Seed"], str]

# fmt: off
TRICKY_CHARS = [
    '\x00', '\x01', '\x07', '\x0b', '\x0c', '\r', '\x1b', '\x7f', '\x85', '\xa0', '\u200b',
    '\u200d', '\u2028', '\u2029', '\u202e', '\ufeff', '�', '\uffff', '😀', 'é', 'ß', 'İ', 'ﬁ', '𝔘',
    '\t', '\n', ':', '#', '-', "'", '"', '&', '*', '!', '|', '>', '%', '@', '`', '{', '}', '[',
    ']', ',', '?',
]
# fmt: on
# fmt: off
TRICKY_SCALARS = [
    'NaN', 'nan', '.nan', '.NaN', 'inf', '.inf', '-.inf', 'Infinity', '-Infinity', '1e999',
    '-1e999', '1e308', '1.7976931348623157e308', '5e-324', '-0', '-0.0', '0x1F', '0o17', '0b101',
    '017', '1_000', '1:30', '190:20:30', '9' * 5000, '-' + '9' * 4400, '1' + '0' * 400, '~',
    'null', 'Null', 'NULL', 'true', 'yes', 'no', 'on', 'off', 'y', 'n', '2025-13-45',
    '2025-02-30', '2025-12-01', '2001-12-14t21:59:43.10-05:00', '2001-12-14 21:59:43.10 -25:00',
    '!!int abc', '!!float abc', '!!bool abc', '!!timestamp abc', '!!null abc', "!!binary '@@@'",
    '!!binary aGVsbG8=', '!!str 5', '!!set {a, b}', '!!omap [a: 1, a: 2]', '!!pairs [a: 1]',
    '!!python/object:os.system x', '!!python/name:os.system', '!!python/tuple [1]', '!custom x',
    '!<tag:yaml.org,2002:int> 7', '!<!> x', '*undefined', '&anchor 5', '[', ']', '{', '}',
    '"unterminated', "'", '|', '>', '|-\n  text', "'it''s'", '"\\x85\\u2028\\ud800"', '"\\ud800"',
    '[1, [2, [3]]]', '{a: 1, a: 2}', '? [a]\n: 1', '? {a: 1}\n: 1', '? !!set {a: null}\n: 1',
    '<<: 5', '<<: [1]', '<<: *a', "''", '""', '[]', '{}', '-', '- -', ': :', '\t1', '%', '@x',
    '`x',
]
# fmt: on
# fmt: off
FRAGMENTS_YAML = [
    '--- \n', '...\n', '%YAML 1.1\n---\n', '%YAML 1.3\n---\n', '%TAG ! tag:example.com:\n---\n',
    '---\na: 1\n---\nb: 2\n', 'extra: field\n', 'id: duplicate\n', 'options: 5\n',
    'options: [{id: x, name: X}]\n', 'criteria:\n  - {id: c, name: C, direction: sideways}\n',
    '? complex\n: key\n', '? [a, b]\n: 1\n', '? !!set {a: null}\n: 1\n', '&a x: *a\n',
    'a: &a [*a]\n', 'b: &b {k: *b}\n', '<<: {id: merged}\n', 'key: |\n  block\n   text\n',
    'key: >\n folded\n', '\t- tab\n', '\ttabbed: 1\n',
    "id: !!python/object/apply:os.system ['true']\n", 'x: !!python/module:os\n',
    'x: !!binary |\n  R0lGODlhDAAMAIQAAP//9/X17unp5WZmZgAAAOfn515eXvPz7Y6OjuDg4J+fn5\n',
    'x: !!timestamp 2025-13-45\n', 'x: 2025-02-30\n', '[1, 2\n', '{a: 1\n', '"a": "b"\n',
    '- item\nkey: value\n', '   misindented: 1\n', 'profiles: {}\n', 'scenarios: [1, 2]\n',
]
# fmt: on
# fmt: off
FRAGMENTS_JSON = [
    '{', '}', '[', ']', ',', ':', '"a": 1,', '"id": "x",', 'NaN', 'Infinity', '-Infinity',
    '1e999', '9' * 5000, '"\\ud800"', '"\\u0000"', 'true', 'null', '[[[[[[',
    '{"a":{"a":{"a":', '/* comment */', '// comment\n', "'single'", '"unterminated', '\x00',
    '\ufeff', '{"a": 1, "a": 2}',
]
# fmt: on


def _line_bounds(b: bytes) -> list[int]:
    return [0] + [m.end() for m in re.finditer(rb"\n", b)]


def m_bit_flip(rng: random.Random, b: bytes, suffix: str) -> tuple[bytes, str]:
    if not b:
        return b, "bit_flip (empty)"
    arr = bytearray(b)
    where = []
    for _ in range(rng.randint(1, 8)):
        k = rng.randrange(len(arr))
        arr[k] ^= 1 << rng.randrange(8)
        where.append(k)
    return bytes(arr), f"bit_flip at {where}"


def m_byte_insert(rng: random.Random, b: bytes, suffix: str) -> tuple[bytes, str]:
    k = rng.randint(0, len(b))
    junk = bytes(
        rng.choice(
            [
                0,
                0x09,
                0x0A,
                0x0D,
                0x22,
                0x27,
                0x3A,
                0x5B,
                0x7B,
                0x80,
                0x85,
                0xC2,
                0xE2,
                0xFE,
                0xFF,
                rng.randrange(256),
            ]
        )
        for _ in range(rng.randint(1, 6))
    )
    return b[:k] + junk + b[k:], f"byte_insert {junk!r} at {k}"


def m_byte_delete(rng: random.Random, b: bytes, suffix: str) -> tuple[bytes, str]:
    if not b:
        return b, "byte_delete (empty)"
    k = rng.randrange(len(b))
    n = rng.choice([1, 1, 2, 8, 64, 1024])
    return b[:k] + b[k + n :], f"byte_delete {n} at {k}"


def m_truncate(rng: random.Random, b: bytes, suffix: str) -> tuple[bytes, str]:
    k = rng.randint(0, len(b))
    return b[:k], f"truncate at {k} of {len(b)}"


def m_lines(rng: random.Random, b: bytes, suffix: str) -> tuple[bytes, str]:
    lines = b.split(b"\n")
    if len(lines) < 2:
        return b, "lines (single line)"
    op = rng.choice(["delete", "duplicate", "swap", "move"])
    i = rng.randrange(len(lines))
    n = rng.choice([1, 1, 1, 2, 5])
    chunk = lines[i : i + n]
    if op == "delete":
        del lines[i : i + n]
    elif op == "duplicate":
        lines[i:i] = chunk
    elif op == "swap":
        j = rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    else:
        del lines[i : i + n]
        j = rng.randint(0, len(lines))
        lines[j:j] = chunk
    return b"\n".join(lines), f"lines {op} {n} at line {i + 1}"


def m_tabs(rng: random.Random, b: bytes, suffix: str) -> tuple[bytes, str]:
    starts = _line_bounds(b)
    i = rng.randrange(len(starts))
    k = starts[i]
    if rng.random() < 0.5:
        return b[:k] + b"\t" + b[k:], f"tab at start of line {i + 1}"
    return b.replace(b"  ", b"\t", rng.randint(1, 50)), "tabs for double spaces"


def m_unicode(rng: random.Random, b: bytes, suffix: str) -> tuple[bytes, str]:
    k = rng.randint(0, len(b))
    chars = "".join(
        rng.choice(TRICKY_CHARS)
        if rng.random() < 0.7
        else chr(rng.choice([rng.randrange(0x20, 0xD800), rng.randrange(0xE000, 0x110000)]))
        for _ in range(rng.randint(1, 4))
    )
    return b[:k] + chars.encode("utf-8") + b[k:], f"unicode {chars!r} at {k}"


def m_scalar(rng: random.Random, b: bytes, suffix: str) -> tuple[bytes, str]:
    pattern = rb"(?<=: )[^\n]+" if suffix != ".json" else rb'(?<=": )[^,\n}\]]+'
    found = list(re.finditer(pattern, b))
    if not found:
        return b, "scalar (none)"
    hit = rng.choice(found)
    new = rng.choice(TRICKY_SCALARS)
    if suffix == ".json" and rng.random() < 0.5:
        new = json.dumps(new)
    old = hit.group().decode("utf-8", "replace")[:40]
    line = b.count(b"\n", 0, hit.start()) + 1
    return b[: hit.start()] + new.encode() + b[
        hit.end() :
    ], f"scalar line {line}: {old!r} -> {new[:40]!r}"


def m_fragment(rng: random.Random, b: bytes, suffix: str) -> tuple[bytes, str]:
    pool = FRAGMENTS_JSON if suffix == ".json" else FRAGMENTS_YAML
    frag = rng.choice(pool)
    if rng.random() < 0.6:
        starts = _line_bounds(b)
        i = rng.randrange(len(starts))
        k = starts[i]
        indent = b""
        if i < len(starts) - 1:
            line = b[k : starts[i + 1]]
            indent = line[: len(line) - len(line.lstrip(b" "))]
        return b[:k] + indent + frag.encode() + b[k:], f"fragment {frag[:30]!r} at line {i + 1}"
    k = rng.randint(0, len(b))
    return b[:k] + frag.encode() + b[k:], f"fragment {frag[:30]!r} at byte {k}"


def m_duplicate_key(rng: random.Random, b: bytes, suffix: str) -> tuple[bytes, str]:
    pattern = rb"^[ -]*[A-Za-z_\"]+[\"]?:[^\n]*\n" if suffix != ".json" else rb'"[a-z_]+": [^\n]*\n'
    found = list(re.finditer(pattern, b, flags=re.M))
    if not found:
        return b, "duplicate_key (none)"
    hit = rng.choice(found)
    text = hit.group()
    if text.lstrip().startswith(b"- "):
        text = text.replace(b"- ", b"  ", 1)
    if suffix == ".json" and not text.rstrip().endswith(b","):
        text = text.rstrip(b"\n") + b",\n"
    line = b.count(b"\n", 0, hit.start()) + 1
    return b[: hit.end()] + text + b[hit.end() :], f"duplicate_key line {line}"


def m_tag(rng: random.Random, b: bytes, suffix: str) -> tuple[bytes, str]:
    found = list(re.finditer(rb"(?<=: )(?=[^\n])", b))
    if not found:
        return b, "tag (none)"
    hit = rng.choice(found)
    tag = rng.choice(
        [
            "!!python/object:os.system ",
            "!!python/object/apply:os.system ",
            "!!python/name:os.system ",
            "!!python/tuple ",
            "!!binary ",
            "!!set ",
            "!!omap ",
            "!!pairs ",
            "!!timestamp ",
            "!!int ",
            "!!float ",
            "!!bool ",
            "!!str ",
            "!!null ",
            "!!map ",
            "!!seq ",
            "!custom ",
            "!! ",
            "!<tag:yaml.org,2002:int> ",
            "!<tag:yaml.org,2002:python/none> ",
            "!!merge ",
            "!!value ",
            "!!yaml ",
        ]
    )
    line = b.count(b"\n", 0, hit.start()) + 1
    return b[: hit.start()] + tag.encode() + b[hit.start() :], f"tag {tag.strip()} at line {line}"


def m_deep(rng: random.Random, b: bytes, suffix: str) -> tuple[bytes, str]:
    depth = rng.choice([50, 500, 990, 1000, 3000, 20000, 200000])
    kind = rng.choice(["list", "map", "mixed"])
    if kind == "list":
        value = "[" * depth + "]" * depth
    elif suffix == ".json" or kind == "mixed":
        value = '{"a": ' * depth + "1" + "}" * depth
    else:
        value = "{a: " * depth + "1" + "}" * depth
    if kind == "mixed":
        value = '[{"a": ' * depth + "1" + "}]" * depth
    found = list(re.finditer(rb"(?<=: )[^\n,]+" if suffix == ".json" else rb"(?<=: )[^\n]+", b))
    if not found or rng.random() < 0.2:
        return value.encode(), f"deep {kind} {depth} as the whole file"
    hit = rng.choice(found)
    line = b.count(b"\n", 0, hit.start()) + 1
    return b[: hit.start()] + value.encode() + b[hit.end() :], f"deep {kind} {depth} at line {line}"


def m_alias_bomb(rng: random.Random, b: bytes, suffix: str) -> tuple[bytes, str]:
    if suffix == ".json":
        return b, "alias_bomb (json)"
    levels = rng.choice([3, 5, 8, 10])
    width = rng.choice([3, 9])
    lines = ["x0: &a0 [" + ", ".join(["x"] * width) + "]"]
    for k in range(1, levels):
        lines.append(f"x{k}: &a{k} [" + ", ".join([f"*a{k - 1}"] * width) + "]")
    head = "\n".join(lines) + "\n"
    found = list(
        re.finditer(
            rb"^(options|criteria|assessments|risks|evidence|sources|profiles): *\n", b, flags=re.M
        )
    )
    desc = f"alias_bomb {width}^{levels}"
    if found:
        hit = rng.choice(found)
        key = hit.group(1).decode()
        # point an existing top-level list at the bomb (its old items are dropped)
        rest = b[hit.end() :]
        nxt = re.search(rb"^\S", rest, flags=re.M)
        tail = rest[nxt.start() :] if nxt else b""
        return (
            head.encode() + b[: hit.start()] + f"{key}: *a{levels - 1}\n".encode() + tail,
            f"{desc} as {key}",
        )
    return head.encode() + b, desc + " prepended"


def m_empty(rng: random.Random, b: bytes, suffix: str) -> tuple[bytes, str]:
    new = rng.choice(
        [
            b"",
            b" ",
            b"\n\n",
            b"# only a comment\n",
            b"---\n",
            b"...\n",
            b"~\n",
            b"null\n",
            b"[]\n",
            b"{}\n",
            b"0\n",
            b'"text"\n',
            b"\xef\xbb\xbf",
            b"\x00",
            b"- a\n- b\n",
        ]
    )
    return new, f"empty-ish file {new!r}"


def m_encoding(rng: random.Random, b: bytes, suffix: str) -> tuple[bytes, str]:
    text = b.decode("utf-8", "replace")
    choice = rng.choice(["utf-16", "utf-32", "latin-1", "bom", "crlf", "cr", "double-bom"])
    if choice in ("utf-16", "utf-32"):
        return text.encode(choice), f"encoded as {choice}"
    if choice == "latin-1":
        return text.encode("latin-1", "replace"), "encoded as latin-1"
    if choice == "bom":
        return b"\xef\xbb\xbf" + b, "utf-8 BOM"
    if choice == "double-bom":
        return b"\xef\xbb\xbf\xef\xbb\xbf" + b, "two utf-8 BOMs"
    if choice == "crlf":
        return b.replace(b"\n", b"\r\n"), "CRLF line ends"
    return b.replace(b"\n", b"\r"), "CR line ends"


def m_random_bytes(rng: random.Random, b: bytes, suffix: str) -> tuple[bytes, str]:
    n = rng.choice([1, 10, 100, 4096])
    if rng.random() < 0.5:
        return bytes(rng.randrange(256) for _ in range(n)), f"random bytes {n}"
    alphabet = "ab01 :-[]{}#&*!|>'\",.\n\t?%@"
    return "".join(rng.choice(alphabet) for _ in range(n)).encode(), f"random text {n}"


TEXT_MUTATORS: dict[str, Mutator] = {
    "bit_flip": m_bit_flip,
    "byte_insert": m_byte_insert,
    "byte_delete": m_byte_delete,
    "truncate": m_truncate,
    "lines": m_lines,
    "tabs": m_tabs,
    "unicode": m_unicode,
    "scalar": m_scalar,
    "fragment": m_fragment,
    "duplicate_key": m_duplicate_key,
    "tag": m_tag,
    "deep": m_deep,
    "alias_bomb": m_alias_bomb,
    "empty": m_empty,
    "encoding": m_encoding,
    "random_bytes": m_random_bytes,
}


# ------------------------------------------------------------ data mutators
def _paths(node: Data, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out: list[tuple[Any, ...]] = []
    if isinstance(node, dict):
        for k, v in node.items():
            out.append((*prefix, k))
            out.extend(_paths(v, (*prefix, k)))
    elif isinstance(node, list):
        for k, v in enumerate(node):
            out.append((*prefix, k))
            out.extend(_paths(v, (*prefix, k)))
    return out


def _get(node: Data, path: tuple[Any, ...]) -> Data:
    for k in path:
        node = node[k]
    return node


def _set(node: Data, path: tuple[Any, ...], value: Data) -> None:
    _get(node, path[:-1])[path[-1]] = value


def _fmt(path: tuple[Any, ...]) -> str:
    return "".join(f"[{k}]" if isinstance(k, int) else f".{k}" for k in path).lstrip(".")


def _random_value(rng: random.Random, depth: int = 0) -> Data:
    kinds = ["int", "float", "str", "null", "bool", "special"]
    if depth < 3:
        kinds += ["list", "dict"]
    kind = rng.choice(kinds)
    if kind == "int":
        return rng.choice([0, 1, -1, 7, 100, 2**31, 2**63, 2**64, -(2**63), 10**30, 10**300])
    if kind == "float":
        return rng.choice([0.5, -0.0, 1e-320, 1e308, -1e308, 0.1 + 0.2, 1.5, math.pi])
    if kind == "special":
        return rng.choice([math.nan, math.inf, -math.inf])
    if kind == "str":
        return rng.choice(
            [
                "",
                " ",
                "x",
                "act",
                "gain",
                "risk_burden",
                "ev1",
                "mali",
                "Act",
                "a" * 10000,
                "ünï\u2028cødé",
                "\x85",
                "line\nbreak",
                "tab\there",
                "2025-12",
                "2025-13",
                "NaN",
                "1e3",
                "benefit",
                "cost",
                "uniform",
                "../seeds/mali.yaml",
                "\ufeffbom",
                "\x00nul",
            ]
        )
    if kind == "null":
        return None
    if kind == "bool":
        return rng.choice([True, False])
    if kind == "list":
        return [_random_value(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    return {
        rng.choice(["id", "name", "kind", "low", "high", "x", "weights", "score"]): _random_value(
            rng, depth + 1
        )
        for _ in range(rng.randint(0, 3))
    }


def _convert(rng: random.Random, value: Data) -> Data:
    """Change the type of ``value``: str <-> number <-> list <-> null <-> dict <-> bool."""
    options: list[Data] = [None, [value], {"value": value}, True, [], {}]
    if isinstance(value, str):
        options += [len(value), 1.5, -3]
        with contextlib.suppress(ValueError):
            options.append(float(value))
    elif isinstance(value, bool):
        options += ["true", 1]
    elif isinstance(value, int | float):
        options += [str(value), f"{value} units", [value, value]]
    elif isinstance(value, list):
        options += [json.dumps(value)[:200], len(value), value[0] if value else "x"]
    elif isinstance(value, dict):
        options += [list(value.values()), list(value), json.dumps(value)[:200]]
    else:
        options += ["null", 0, "None", ""]
    return rng.choice(options)


def d_type_change(rng: random.Random, data: Data, seed: Seed) -> str:
    path = rng.choice(_paths(data))
    old = _get(data, path)
    new = _convert(rng, old)
    _set(data, path, new)
    return f"type_change {_fmt(path)}: {type(old).__name__} -> {type(new).__name__}"


def _numeric_paths(data: Data) -> list[tuple[Any, ...]]:
    return [
        p
        for p in _paths(data)
        if isinstance(_get(data, p), int | float) and not isinstance(_get(data, p), bool)
    ]


def d_nan_inf(rng: random.Random, data: Data, seed: Seed) -> str:
    paths = _numeric_paths(data) or _paths(data)
    path = rng.choice(paths)
    value = rng.choice([math.nan, math.inf, -math.inf])
    _set(data, path, value)
    return f"nan_inf {_fmt(path)} = {value}"


def d_huge(rng: random.Random, data: Data, seed: Seed) -> str:
    paths = _numeric_paths(data) or _paths(data)
    path = rng.choice(paths)
    value = rng.choice(
        [
            1e308,
            -1e308,
            1.7976931348623157e308,
            5e-324,
            2**63,
            2**64 + 1,
            -(2**63) - 1,
            10**100,
            10**1000,
            -(10**300),
            1e-300,
        ]
    )
    _set(data, path, value)
    return f"huge {_fmt(path)} = {str(value)[:30]}"


def d_swap(rng: random.Random, data: Data, seed: Seed) -> str:
    paths = _paths(data)
    a, b = rng.choice(paths), rng.choice(paths)
    if a[: len(b)] == b or b[: len(a)] == a:
        return "swap (nested paths, skipped)"
    va, vb = _get(data, a), _get(data, b)
    _set(data, a, vb)
    _set(data, b, va)
    return f"swap {_fmt(a)} <-> {_fmt(b)}"


def d_delete(rng: random.Random, data: Data, seed: Seed) -> str:
    path = rng.choice(_paths(data))
    parent = _get(data, path[:-1])
    del parent[path[-1]]
    return f"delete {_fmt(path)}"


def d_unknown_field(rng: random.Random, data: Data, seed: Seed) -> str:
    dicts = [p for p in _paths(data) if isinstance(_get(data, p), dict)] + [()]
    path = rng.choice(dicts)
    key = rng.choice(["colour", "directon", "weight", "Id", "", " ", "id ", "__class__", "kind"])
    _get(data, path)[key] = _random_value(rng)
    return f"unknown_field {_fmt(path)}.{key!r}"


def d_non_string_key(rng: random.Random, data: Data, seed: Seed) -> str:
    dicts = [p for p in _paths(data) if isinstance(_get(data, p), dict)] + [()]
    path = rng.choice(dicts)
    key = rng.choice([1, 2.5, None, True, -7])
    _get(data, path)[key] = _random_value(rng)
    return f"non_string_key {_fmt(path)}[{key!r}]"


def d_duplicate_item(rng: random.Random, data: Data, seed: Seed) -> str:
    lists = [p for p in _paths(data) if isinstance(_get(data, p), list) and _get(data, p)]
    if not lists:
        return "duplicate_item (none)"
    path = rng.choice(lists)
    items = _get(data, path)
    items.append(json.loads(json.dumps(rng.choice(items), allow_nan=True)))
    return f"duplicate_item {_fmt(path)}"


_REF_KEYS = {"option", "criterion", "source", "parent", "default_profile", "id"}


def d_dangling(rng: random.Random, data: Data, seed: Seed) -> str:
    paths = [
        p
        for p in _paths(data)
        if (p and p[-1] in _REF_KEYS) or (len(p) > 1 and p[-2] == "evidence")
    ]
    if not paths:
        return "dangling (none)"
    path = rng.choice(paths)
    new = rng.choice(["ghost", "x", "risk_burden", "risk", "Ghost", "a" * 80, "", "1abc"])
    _set(data, path, new)
    return f"dangling {_fmt(path)} = {new[:20]!r}"


_PROB_KEYS = {
    "probability",
    "likelihood",
    "low",
    "high",
    "sd",
    "lamb",
    "rho",
    "impact",
    "score",
    "shift",
    "set",
    "min",
    "max",
    "value",
}


def d_bad_number(rng: random.Random, data: Data, seed: Seed) -> str:
    paths = [
        p
        for p in _paths(data)
        if p
        and (
            p[-1] in _PROB_KEYS
            or (
                len(p) > 1
                and p[-2]
                in (
                    "exposure",
                    "weights",
                    "swing",
                    "ranks",
                    "tree",
                    "likelihood_overrides",
                    "probabilities",
                    "values",
                )
            )
        )
    ]
    if not paths:
        return "bad_number (none)"
    path = rng.choice(paths)
    new = rng.choice([-1, -0.5, 0, 1.0000001, 1.5, 2, 101, 1e9, -1e9, 0.3333333])
    _set(data, path, new)
    return f"bad_number {_fmt(path)} = {new}"


def d_zero_weights(rng: random.Random, data: Data, seed: Seed) -> str:
    profiles = data.get("profiles") if isinstance(data, dict) else None
    if not isinstance(profiles, list) or not profiles:
        return "zero_weights (none)"
    k = rng.randrange(len(profiles))
    prof = profiles[k]
    if not isinstance(prof, dict):
        return "zero_weights (not a dict)"
    for form in ("weights", "swing", "tree", "ranks"):
        if isinstance(prof.get(form), dict):
            fill = rng.choice([0, -1, 0.0])
            prof[form] = {c: fill for c in prof[form]}
            return f"zero_weights profiles[{k}].{form} = {fill}"
    return "zero_weights (no map)"


def d_low_high(rng: random.Random, data: Data, seed: Seed) -> str:
    paths = [
        p
        for p in _paths(data)
        if isinstance(_get(data, p), dict) and "low" in _get(data, p) and "high" in _get(data, p)
    ]
    if not paths:
        return "low_high (none)"
    path = rng.choice(paths)
    node = _get(data, path)
    node["low"], node["high"] = node["high"], node["low"]
    return f"low_high swapped at {_fmt(path)}"


def d_subtree(rng: random.Random, data: Data, seed: Seed) -> str:
    path = rng.choice(_paths(data))
    value = _random_value(rng)
    _set(data, path, value)
    return f"subtree {_fmt(path)} = {json.dumps(value, allow_nan=True)[:40]}"


def d_deep_data(rng: random.Random, data: Data, seed: Seed) -> str:
    path = rng.choice(_paths(data))
    depth = rng.choice([10, 100, 300])
    value: Data = 1
    for _ in range(depth):
        value = [value] if rng.random() < 0.5 else {"a": value}
    _set(data, path, value)
    return f"deep_data {_fmt(path)} depth {depth}"


def d_long_string(rng: random.Random, data: Data, seed: Seed) -> str:
    paths = [p for p in _paths(data) if isinstance(_get(data, p), str)]
    if not paths:
        return "long_string (none)"
    path = rng.choice(paths)
    n = rng.choice([1000, 100_000, 2_000_000])
    _set(data, path, rng.choice(["x", "é", " ", "\n"]) * n)
    return f"long_string {_fmt(path)} length {n}"


def d_evidence_files(rng: random.Random, data: Data, seed: Seed) -> str:
    if not isinstance(data, dict):
        return "evidence_files (not a dict)"
    own = f"../seeds/{seed.evidence_name}"
    new = rng.choice(
        [
            ["nowhere.yaml"],
            ["."],
            [".."],
            [""],
            ["case.yaml"],
            ["case.json"],
            [own, own],
            [own, "nowhere.yaml"],
            [123],
            "../seeds/x.yaml",
            {"a": own},
            None,
            [],
            [None],
            ["/dev/null"],
            ["../seeds"],
            ["../seeds/evidence.txt"],
            [own.upper()],
            [own + "\x00"],
            [str(REPO / "seeds" / "mali.yaml")],
            ["../criteria/../seeds/" + seed.evidence_name],
        ]
    )
    data["evidence_files"] = new
    return f"evidence_files = {new!r}"[:80]


DATA_MUTATORS: dict[str, DataMutator] = {
    "type_change": d_type_change,
    "nan_inf": d_nan_inf,
    "huge": d_huge,
    "swap": d_swap,
    "delete": d_delete,
    "unknown_field": d_unknown_field,
    "non_string_key": d_non_string_key,
    "duplicate_item": d_duplicate_item,
    "dangling": d_dangling,
    "bad_number": d_bad_number,
    "zero_weights": d_zero_weights,
    "low_high": d_low_high,
    "subtree": d_subtree,
    "deep_data": d_deep_data,
    "long_string": d_long_string,
    "evidence_files": d_evidence_files,
}


def _serialise(data: Data, suffix: str) -> bytes:
    limit = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)  # let the generator write huge integers
    try:
        text = _dump(data, suffix)
    except (ValueError, TypeError, RecursionError, yaml.YAMLError):
        text = json.dumps(data, default=str, allow_nan=True)
    finally:
        sys.set_int_max_str_digits(limit)
    return text.encode("utf-8", "surrogatepass")


def generate(seeds: list[Seed], seed: int, index: int, skip: set[str]) -> Input:
    """Input number ``index`` of the run with seed ``seed`` (independent of the others)."""
    if fuzz_participants.wanted(seed, index):
        p_suffix, p_bytes, p_steps = fuzz_participants.generate(
            seed, index, {k: v for k, v in TEXT_MUTATORS.items() if k not in skip}
        )
        return Input("participants", p_suffix, p_bytes, None, "", p_steps, kind="participants")
    rng = random.Random(f"{seed}/{index}")
    base = rng.choice(seeds)
    steps: list[str] = [f"seed {base.name}"]
    case_data: Data = json.loads(json.dumps(base.data))
    ev_data: Data = json.loads(json.dumps(base.evidence)) if base.evidence is not None else None
    target_evidence = ev_data is not None and rng.random() < 0.25
    suffix = base.suffix
    data_ops = [k for k in DATA_MUTATORS if k not in skip]
    text_ops = [k for k in TEXT_MUTATORS if k not in skip]
    if rng.random() < 0.04:
        case_data = {
            k: _random_value(rng)
            for k in rng.sample(
                [
                    "id",
                    "title",
                    "options",
                    "criteria",
                    "assessments",
                    "risks",
                    "scenarios",
                    "profiles",
                    "sources",
                    "evidence",
                    "branches",
                    "format_version",
                    "evidence_files",
                ],
                rng.randint(0, 8),
            )
        }
        steps.append("random document")
    changed_data = False
    if data_ops and rng.random() < 0.6:
        name = rng.choice(data_ops)
        tgt = ev_data if target_evidence else case_data
        if _paths(tgt):
            steps.append(
                ("evidence: " if target_evidence else "") + DATA_MUTATORS[name](rng, tgt, base)
            )
            changed_data = True
    if changed_data or base.case_text is None or suffix == ".json":
        case_bytes = _serialise(case_data, suffix)
    else:
        case_bytes = base.case_text.encode("utf-8")
    ev_bytes: bytes | None = None
    if ev_data is not None:
        if (changed_data and target_evidence) or base.evidence_text is None:
            ev_bytes = _serialise(ev_data, ".yaml")
        else:
            ev_bytes = base.evidence_text.encode("utf-8")
    n_text = rng.choice([0, 1, 1, 2, 3]) if changed_data else rng.choice([1, 1, 2, 3])
    for _ in range(n_text if text_ops else 0):
        name = rng.choice(text_ops)
        if target_evidence and ev_bytes is not None:
            ev_bytes, desc = TEXT_MUTATORS[name](rng, ev_bytes, ".yaml")
            steps.append("evidence: " + desc)
        else:
            case_bytes, desc = TEXT_MUTATORS[name](rng, case_bytes, suffix)
            steps.append(desc)
    if rng.random() < 0.03:
        suffix = rng.choice([".yml", ".json" if suffix != ".json" else ".yaml", ".txt", ""])
        steps.append(f"suffix {suffix!r}")
    return Input(base.name, suffix, case_bytes, ev_bytes, base.evidence_name, steps)


def write_input(inp: Input, root: Path) -> Path:
    """Write ``inp`` as ``root/criteria/case<suffix>`` (+ ``root/seeds/<evidence>``)."""
    for sub in ("criteria", "seeds"):
        folder = root / sub
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
    stem = fuzz_participants.STEM if inp.kind == "participants" else "case"
    case_path = root / "criteria" / f"{stem}{inp.suffix}"
    case_path.write_bytes(inp.case)
    if inp.evidence is not None:
        (root / "seeds" / inp.evidence_name).write_bytes(inp.evidence)
    return case_path


# --------------------------------------------------------------------- checking
def _signature(exc: BaseException) -> str:
    """``Type@innermost-file:function via innermost-policyopts-file:function``.

    For a ``RecursionError`` the innermost frame is wherever the stack ran out,
    so only the file is kept, which groups all deep-nesting failures of a parser.
    """
    frames = traceback.extract_tb(exc.__traceback__)
    name = type(exc).__name__
    if not frames:
        return name
    inner = frames[-1]
    ours = [f for f in frames if "policyopts" in f.filename]
    if isinstance(exc, RecursionError):
        where = Path(inner.filename).name
    else:
        where = f"{Path(inner.filename).name}:{inner.name}"
    if ours and ours[-1] is not inner:
        where += f" via {Path(ours[-1].filename).name}:{ours[-1].name}"
    return f"{name}@{where}"


def check_load(path: str) -> tuple[dict[str, Any], Any]:
    """Load ``path`` and classify the result; also return the case if it loaded."""
    import policyopts as po

    if Path(path).stem == fuzz_participants.STEM:
        return fuzz_participants.check(path), None
    try:
        # the fuzz root (criteria/ and seeds/) is the allowed evidence folder
        case = po.load_case(path, evidence_root=Path(path).resolve().parents[1])
    except po.CaseError as exc:
        text = str(exc)
        if "\n" in text or "\r" in text:
            problem = {
                "outcome": "contract",
                "signature": "contract:multi-line CaseError message",
                "detail": text[:2000],
            }
            return problem, None
        if any(p.file is None for p in exc.problems):
            problem = {
                "outcome": "contract",
                "signature": "contract:CaseError without a file",
                "detail": exc.report()[:2000],
            }
            return problem, None
        return {"outcome": "case_error", "detail": text[:300]}, None
    except BaseException as exc:
        problem = {
            "outcome": "error",
            "signature": _signature(exc),
            "detail": "".join(traceback.format_exception(exc))[-6000:],
        }
        return problem, None
    return {"outcome": "loaded"}, case


def check_loaded(case: Any) -> dict[str, Any]:
    """The oracle for a case that loaded: it survives a YAML and a JSON round trip
    unchanged, and ``compare`` runs on it."""
    import policyopts as po

    try:
        with tempfile.TemporaryDirectory() as tmp:
            for suffix in (".yaml", ".json"):
                again = po.load_case(po.save_case(case, Path(tmp) / f"again{suffix}"))
                if again != case:
                    return {
                        "outcome": "post_load",
                        "signature": f"post_load:{suffix} round trip changes the case",
                        "detail": f"saved and reloaded {suffix} differs",
                    }
        po.compare(case)
    except BaseException as exc:
        return {
            "outcome": "post_load",
            "signature": "post_load:" + _signature(exc),
            "detail": "".join(traceback.format_exception(exc))[-6000:],
        }
    return {"outcome": "loaded"}


def check(path: str) -> dict[str, Any]:
    """Load ``path``, and check the case if it loads (both stages in this process)."""
    answer, case = check_load(path)
    return answer if case is None else check_loaded(case)


def worker() -> int:
    """Answer one JSON line per request line: ``{"path": ...}`` -> outcome."""
    import resource

    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    out = os.fdopen(os.dup(1), "w", encoding="utf-8")
    sys.stdout = sys.stderr  # keep anything the library prints off the answer channel
    import policyopts  # noqa: F401 - import once, before the first timed input

    out.write('{"ready": true}\n')
    out.flush()
    for line in sys.stdin:
        request = json.loads(line)
        answer, case = check_load(request["path"])
        out.write(json.dumps(answer, ensure_ascii=True) + "\n")
        out.flush()
        if case is not None:  # a second answer: the checks of a loaded case
            out.write(json.dumps(check_loaded(case), ensure_ascii=True) + "\n")
            out.flush()
    return 0


class Worker:
    """A worker process fed one path at a time, killed and restarted on a hang."""

    def __init__(self) -> None:
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        env = dict(os.environ, PYTHONWARNINGS="ignore")
        self.proc = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        ready = self._read(60.0)
        if ready is None:
            raise RuntimeError("fuzz worker did not start")

    def _read(self, timeout: float) -> dict[str, Any] | None:
        assert self.proc is not None and self.proc.stdout is not None
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
        if not ready:
            return None
        line = self.proc.stdout.readline()
        if not line:
            return {
                "outcome": "crash",
                "signature": f"crash:exit {self.proc.wait()}",
                "detail": "the worker died",
            }
        answer: dict[str, Any] = json.loads(line)
        return answer

    def run(self, path: Path, timeout: float) -> dict[str, Any]:
        if self.proc is None or self.proc.poll() is not None:
            self.start()
        assert self.proc is not None and self.proc.stdin is not None
        try:
            self.proc.stdin.write((json.dumps({"path": str(path)}) + "\n").encode())
            self.proc.stdin.flush()
        except BrokenPipeError:
            self.stop()
            return {"outcome": "crash", "signature": "crash:broken pipe", "detail": ""}
        answer = self._read(timeout)
        if answer is None:
            self.stop()
            return {
                "outcome": "hang",
                "signature": f"hang:> {timeout:g} s",
                "detail": f"no answer within {timeout:g} s",
            }
        if answer["outcome"] == "loaded":
            # the round trips and compare() of a loaded case get a larger budget:
            # only load_case itself is held to the per-input timeout
            budget = POST_LOAD_FACTOR * timeout
            answer = self._read(budget)
            if answer is None:
                self.stop()
                return {
                    "outcome": "hang",
                    "signature": f"hang:post_load > {budget:g} s",
                    "detail": f"save/load round trips and compare took over {budget:g} s",
                }
        if answer["outcome"] == "crash":
            self.stop()
        return answer

    def stop(self) -> None:
        if self.proc is not None:
            with contextlib.suppress(OSError):
                self.proc.kill()
            with contextlib.suppress(OSError, subprocess.TimeoutExpired):
                self.proc.wait(timeout=10)
            self.proc = None


# ------------------------------------------------------------------------ main
def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")[:80] or "failure"


def save_reproducer(
    out: Path, inp: Input, answer: dict[str, Any], seed: int, index: int, work: Path
) -> Path:
    folder = out / _slug(str(answer.get("signature", "failure"))) / str(index)
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for sub in ("criteria", "seeds"):
        if (work / sub).exists():
            shutil.copytree(work / sub, folder / sub)
    readme = [
        f"signature: {answer.get('signature')}",
        f"input: case file criteria/case{inp.suffix}"
        + (f" with evidence file seeds/{inp.evidence_name}" if inp.evidence is not None else ""),
        "mutations: " + "; ".join(inp.steps),
        f"replay: python -m tests.fuzz.fuzz_load_case --seed {seed} --replay {index}",
        f"case file: {folder}/criteria/case{inp.suffix}",
        "",
        str(answer.get("detail", "")),
    ]
    (folder / "README.txt").write_text("\n".join(readme), encoding="utf-8")
    return folder


def run(args: argparse.Namespace) -> int:
    seeds = load_seeds()
    skip = set(args.skip_mutator)
    known = set(args.known)
    seed = args.seed if args.seed is not None else int(time.time()) % 1_000_000
    out = Path(args.out)
    counts: Counter[str] = Counter()
    failures: dict[str, list[int]] = {}
    print(
        f"fuzzing policyopts.load_case for {args.seconds:g} s, seed {seed}, "
        f"{len(seeds)} seed files; failures go to {out}",
        flush=True,
    )
    worker_ = Worker()
    start = time.monotonic()
    deadline = start + args.seconds
    index = args.start
    with tempfile.TemporaryDirectory(prefix="policyopts-fuzz-") as tmp:
        work = Path(tmp)
        try:
            worker_.start()
            while time.monotonic() < deadline and (
                args.max_inputs is None or index - args.start < args.max_inputs
            ):
                inp = generate(seeds, seed, index, skip)
                path = write_input(inp, work)
                answer = worker_.run(path, args.timeout)
                outcome = str(answer["outcome"])
                if outcome in OK_OUTCOMES:
                    counts[outcome] += 1
                else:
                    sig = str(answer["signature"])
                    if sig in known:
                        counts["known"] += 1
                    else:
                        counts[outcome] += 1
                        seen = failures.setdefault(sig, [])
                        seen.append(index)
                        if len(seen) <= args.max_saved:
                            folder = save_reproducer(out, inp, answer, seed, index, work)
                            print(
                                f"\nFAILURE {sig}\n  input {index}: {'; '.join(inp.steps)}"
                                f"\n  saved to {folder}",
                                flush=True,
                            )
                            if len(seen) == 1:
                                print(
                                    "  "
                                    + str(answer.get("detail", ""))[-1500:].replace("\n", "\n  "),
                                    flush=True,
                                )
                index += 1
                if args.progress and index % args.progress == 0:
                    print(f"... {index - args.start} inputs, {dict(counts)}", flush=True)
        finally:
            worker_.stop()
    tried = index - args.start
    elapsed = time.monotonic() - start
    print(f"\n{tried} inputs in {elapsed:.0f} s ({tried / max(elapsed, 1e-9):.1f}/s), seed {seed}")
    for key in (*OK_OUTCOMES, "known", "error", "contract", "post_load", "hang", "crash"):
        if counts.get(key):
            print(f"  {key}: {counts[key]}")
    if failures:
        print(f"{len(failures)} distinct failure(s):")
        for sig, where in failures.items():
            print(f"  {sig}: {len(where)} input(s), first {where[0]}")
        return 1
    print("no failures: every input loaded (or was read) or raised CaseError")
    return 0


def replay(args: argparse.Namespace) -> int:
    if args.seed is None:
        print("--replay needs --seed", file=sys.stderr)
        return 2
    seeds = load_seeds()
    inp = generate(seeds, args.seed, args.replay, set(args.skip_mutator))
    folder = Path(args.out) / f"replay-{args.seed}-{args.replay}"
    path = write_input(inp, folder)
    print(f"input {args.replay} of seed {args.seed}: {'; '.join(inp.steps)}\nwritten to {path}")
    answer = check(str(path))
    print(json.dumps({k: v for k, v in answer.items() if k != "detail"}))
    print(answer.get("detail", ""))
    return 0 if answer["outcome"] in OK_OUTCOMES else 1


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m tests.fuzz.fuzz_load_case",
        description="Feed random and mutated case files to policyopts.load_case.",
    )
    parser.add_argument("--seconds", type=float, default=60.0, help="how long to fuzz (60)")
    parser.add_argument("--seed", type=int, default=None, help="random seed (default: clock)")
    parser.add_argument("--start", type=int, default=0, help="index of the first input (0)")
    parser.add_argument(
        "--max-inputs", type=int, default=None, help="stop after this many inputs (no limit)"
    )
    parser.add_argument("--timeout", type=float, default=5.0, help="seconds per input (5)")
    parser.add_argument("--out", default=str(DEFAULT_OUT), help="where reproducers go")
    parser.add_argument("--max-saved", type=int, default=3, help="reproducers kept per failure")
    parser.add_argument("--progress", type=int, default=0, help="print counts every N inputs")
    parser.add_argument(
        "--known",
        action="append",
        default=[],
        metavar="SIGNATURE",
        help="count this failure signature as known (repeatable)",
    )
    parser.add_argument(
        "--skip-mutator",
        action="append",
        default=[],
        metavar="NAME",
        choices=sorted({*TEXT_MUTATORS, *DATA_MUTATORS}),
        help="disable a mutator (repeatable)",
    )
    parser.add_argument(
        "--replay",
        type=int,
        default=None,
        metavar="INDEX",
        help="regenerate input INDEX of --seed and load it in this process",
    )
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.worker:
        return worker()
    if args.replay is not None:
        return replay(args)
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
