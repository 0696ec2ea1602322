"""Forty participants submitting at once over loopback: all stored, none duplicated."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import policyopts as po
from conftest import TOKEN, LiveServer, swing_body

N = 40


def _request(url: str, body: dict[str, Any] | None = None) -> tuple[int, Any]:
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(
        url,
        data=data,
        method="GET" if body is None else "POST",
        headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def test_forty_at_once(live: LiveServer, mali: po.Case, csv_path: Path) -> None:
    ids = mali.criterion_ids
    bodies = [swing_body(mali, f"participant {k:02d}", top=ids[k % len(ids)]) for k in range(N)]
    with ThreadPoolExecutor(max_workers=N) as pool:
        results = list(pool.map(lambda b: _request(f"{live.url}/api/participants", b), bodies))
    assert [status for status, _ in results] == [201] * N
    assert len({data["secret"] for _, data in results}) == N

    status, listed = _request(f"{live.url}/api/participants")
    names = [p["name"] for p in listed["participants"]]
    assert status == 200
    assert sorted(names) == sorted(b["name"] for b in bodies)
    assert len(set(names)) == N

    on_disk = po.read_participants(csv_path, criteria=mali)
    assert sorted(on_disk.ids) == sorted(names)

    status, group = _request(f"{live.url}/api/group")
    assert status == 200
    assert group["participants"] == N
    assert sum(r["first_for"] for r in group["ranking"]) == N
    assert group["weights"] == _approx(po.aggregate(on_disk).to_dict())

    # everyone again at once, replacing their own answers: still forty, none duplicated
    again = [
        {**swing_body(mali, b["name"], top=ids[-1]), "secret": data["secret"]}
        for b, (_, data) in zip(bodies, results, strict=True)
    ]
    with ThreadPoolExecutor(max_workers=N) as pool:
        replaced = list(pool.map(lambda b: _request(f"{live.url}/api/participants", b), again))
    assert [status for status, _ in replaced] == [200] * N
    on_disk = po.read_participants(csv_path, criteria=mali)
    assert len(on_disk) == N
    assert (on_disk.raw[ids[-1]] == 100).all()


def _approx(expected: dict[str, float]) -> Any:
    import pytest

    return pytest.approx(expected)
