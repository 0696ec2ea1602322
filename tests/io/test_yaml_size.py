"""What save_case writes, load_case reads back, at any size: the YAML alias
guard counts what aliases add, not the document's own values."""

from __future__ import annotations

from pathlib import Path

import pytest

import policyopts as po
from policyopts.io import MAX_ALIAS_EXPANSION


def _big_case(m: int, n: int) -> po.Case:
    data = {
        "id": "big",
        "title": "A large case",
        "options": [{"id": f"o{i}", "name": f"Option {i}"} for i in range(m)],
        "criteria": [
            {"id": f"c{j}", "name": f"C{j}", "direction": "benefit", "scale": {"min": 0, "max": 10}}
            for j in range(n)
        ],
        "assessments": [
            {"option": f"o{i}", "criterion": f"c{j}", "score": (7 * i + j) % 11, "rationale": "r"}
            for i in range(m)
            for j in range(n)
        ],
        "profiles": [{"id": "even", "name": "Even", "weights": {f"c{j}": 1 for j in range(n)}}],
    }
    return po.Case.model_validate(data)


def test_400_by_300_case_round_trips_as_yaml(tmp_path: Path) -> None:
    # 120,000 assessments: about 1.3 million YAML nodes, more than the alias
    # limit, and no alias at all
    case = _big_case(400, 300)
    path = po.save_case(case, tmp_path / "big.yaml")
    assert po.load_case(path) == case


def _bomb(levels: int, width: int = 10) -> str:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for k in range(1, levels):
        refs = ", ".join([f"*a{k - 1}"] * width)
        lines.append(f"a{k}: &a{k} [{refs}]")
    return "\n".join(lines) + "\n"


def test_alias_bombs_are_still_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text(_bomb(9), encoding="utf-8")  # 10**9 values
    with pytest.raises(po.CaseError, match="YAML aliases add more than 1,000,000 values"):
        po.load_case(path)


def test_alias_guard_counts_only_what_aliases_add(tmp_path: Path) -> None:
    from policyopts.io._yaml import Loader, alias_expansion

    def excess(text: str) -> int:
        loader = Loader(text)
        try:
            return int(alias_expansion(loader.get_single_node()))
        finally:
            loader.dispose()

    plain = "[" + ", ".join(["1"] * 1000) + "]"
    assert excess(plain) == 0
    assert excess("a: &x [1, 2, 3]\nb: *x\nc: *x\n") == 8  # two more copies of a 4-node list
    assert excess(_bomb(6)) > MAX_ALIAS_EXPANSION
    assert excess("a: &x [1, *x]\n") > MAX_ALIAS_EXPANSION  # refers to itself
