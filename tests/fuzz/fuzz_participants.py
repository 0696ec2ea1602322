"""The participants-file target of the fuzzer (``make fuzz``).

A share of the fuzzer's inputs are participants files instead of case files: a
CSV of swing points and direct weights, or a YAML file of AHP judgements (both
the matrix and the list form), mutated at the data level (a cell or a value
replaced by a tricky scalar or a random subtree, rows and columns added,
removed or widened) and at the byte level (the fuzzer's text mutators). The
contract is the one of :func:`policyopts.read_participants`: it returns
:class:`~policyopts.Participants` or raises a one-line
:class:`~policyopts.CaseError` naming the file, within the timeout, and the
group weights of what it returns are finite and sum to 1.
"""

from __future__ import annotations

import json
import random
import traceback
import zlib
from pathlib import Path
from typing import Any

import yaml

#: Share of the fuzzer's inputs that are participants files.
SHARE = 0.25
#: Name (without suffix) a participants input is written under; the worker
#: dispatches on it.
STEM = "participants"
CRITERIA = ["gain", "cost", "risk_burden"]

CSV_SEED = (
    "participant,method,gain,cost,risk_burden\n"
    "ana,swing,100,40,20\n"
    "bo,weights,30,50,20\n"
    "cy,,1,1,1\n"
)
YAML_SEED: dict[str, Any] = {
    "ana": {
        "criteria": ["gain", "cost", "risk_burden"],
        "matrix": [[1, 3, 5], ["1/3", 1, 2], ["1/5", "1/2", 1]],
    },
    "bo": {
        "judgements": [
            {"a": "gain", "b": "cost", "value": 2},
            {"a": "gain", "b": "risk_burden", "value": 4},
            {"a": "cost", "b": "risk_burden", "value": 2},
        ]
    },
    "cy": [
        {"a": "cost", "b": "gain", "value": "1/2"},
        {"a": "gain", "b": "risk_burden", "value": 3},
        {"a": "risk_burden", "b": "cost", "value": 1},
    ],
}

TRICKY = [
    "", " ", "nan", "NaN", "inf", "-inf", "1e308", "1e309", "-1e308", "1.7976931348623157e308",
    "5e-324", "-0", "0", "-1", "101", "1/0", "0/0", "1/3", "9" * 400, "1_000", "0x10", "true",
    "~", "null", "swing", "weights", "ahp", "=1+1", '"', "'", ",", "\n", "\x00", "\u202e",
    "ana", "gain", "participant", "method",
]  # fmt: skip


def wanted(seed: int, index: int) -> bool:
    """Whether input ``index`` of ``seed`` is a participants file (its own stream)."""
    return random.Random(f"{seed}/{index}/participants").random() < SHARE


def _csv_mutation(rng: random.Random, text: str) -> tuple[str, str]:
    rows = [line.split(",") for line in text.splitlines()]
    op = rng.choice(["cell", "cell", "cell", "add_row", "add_column", "drop", "wide", "ragged"])
    if op == "cell":
        r, c = rng.randrange(len(rows)), rng.randrange(len(rows[0]))
        if c < len(rows[r]):
            rows[r][c] = rng.choice(TRICKY)
        return "\n".join(",".join(r) for r in rows) + "\n", f"csv cell [{r}][{c}]"
    if op == "add_row":
        rows.append([rng.choice(TRICKY) for _ in rows[0]])
    elif op == "add_column":
        name = rng.choice([*TRICKY, "extra"])
        rows = [[*row, name if k == 0 else rng.choice(TRICKY)] for k, row in enumerate(rows)]
    elif op == "drop":
        rows.pop(rng.randrange(len(rows)))
    elif op == "wide":
        n = rng.choice([100, 2000, 20000])
        rows[0] = [*rows[0], *(f"c{k}" for k in range(n))]
        rows[1:] = [[*row, *(["1"] * n)] for row in rows[1:]]
    else:
        row = rows[rng.randrange(len(rows))]
        row.append("1")
    return "\n".join(",".join(r) for r in rows) + "\n", f"csv {op}"


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix] if prefix else []
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for k, v in enumerate(node):
            out += _paths(v, (*prefix, k))
    return out


def _yaml_mutation(rng: random.Random, data: dict[str, Any]) -> str:
    path = rng.choice(_paths(data))
    parent: Any = data
    for key in path[:-1]:
        parent = parent[key]
    choice = rng.random()
    if choice < 0.5:
        value: Any = rng.choice([*TRICKY, 1e308, -1.0, 0, 10**400, 1e-320, True, None, [], {}])
    elif choice < 0.8:
        value = rng.choice([[1, 2], {"a": "gain"}, [[1, 2], [3, 4]], ["gain"] * 30, "x" * 10_000])
    else:
        value = {f"p{k}": json.loads(json.dumps(YAML_SEED["ana"])) for k in range(50)}
    parent[path[-1]] = value
    return "yaml set " + "/".join(map(str, path))


def generate(seed: int, index: int, text_mutators: dict[str, Any]) -> tuple[str, bytes, list[str]]:
    """Participants input ``index`` of ``seed``: its suffix, its bytes, how it was made."""
    rng = random.Random(f"{seed}/{index}/participants-input")
    steps: list[str] = []
    if rng.random() < 0.5:
        suffix = ".csv"
        text = CSV_SEED
        for _ in range(rng.choice([0, 1, 1, 2, 3])):
            text, desc = _csv_mutation(rng, text)
            steps.append(desc)
        raw = text.encode("utf-8")
    else:
        suffix = rng.choice([".yaml", ".yml"])
        data = json.loads(json.dumps(YAML_SEED))
        for _ in range(rng.choice([0, 1, 1, 2])):
            steps.append(_yaml_mutation(rng, data))
        raw = yaml.safe_dump(data, sort_keys=False, allow_unicode=True).encode("utf-8")
    names = sorted(text_mutators)
    for _ in range(rng.choice([0, 0, 1, 1, 2])):
        name = rng.choice(names)
        raw, desc = text_mutators[name](rng, raw, suffix if suffix != ".csv" else ".yaml")
        steps.append(desc)
    return suffix, raw, [f"participants{suffix}", *steps]


def check(path: str) -> dict[str, Any]:
    """Read ``path`` and classify the result (``p_read``, ``p_error`` or a failure)."""
    import numpy as np

    import policyopts as po

    # half the inputs name the criteria (decided by the content, so a replay agrees)
    given = zlib.crc32(Path(path).read_bytes()) % 2 == 0
    try:
        p = po.read_participants(path, criteria=CRITERIA if given else None)
        weights = p.weights.to_numpy(dtype=float)
        if not np.isfinite(weights).all() or not np.allclose(weights.sum(axis=1), 1.0):
            return {
                "outcome": "contract",
                "signature": "contract:participants weights not finite or not summing to 1",
                "detail": repr(weights)[:2000],
            }
        po.aggregate(p)
    except po.CaseError as exc:
        text = str(exc)
        if "\n" in text or "\r" in text or any(q.file is None for q in exc.problems):
            return {
                "outcome": "contract",
                "signature": "contract:participants CaseError not one line naming the file",
                "detail": text[:2000],
            }
        return {"outcome": "p_error", "detail": text[:300]}
    except BaseException as exc:
        frames = traceback.extract_tb(exc.__traceback__)
        where = f"{Path(frames[-1].filename).name}:{frames[-1].name}" if frames else "?"
        return {
            "outcome": "error",
            "signature": f"participants:{type(exc).__name__}@{where}",
            "detail": "".join(traceback.format_exception(exc))[-6000:],
        }
    return {"outcome": "p_read"}
