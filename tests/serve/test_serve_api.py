"""The JSON API of ``policyopts serve``: the contract of issue 17, tested in-process."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import policyopts as po
from conftest import TOKEN, swing_body
from policyopts.serve import create_app
from policyopts.serve.app import MAX_BODY


def test_post_swing_is_stored_before_the_reply(client: Any, mali: po.Case, csv_path: Path) -> None:
    r = client.post("/api/participants", json=swing_body(mali, "ana"))
    assert r.status_code == 201
    data = r.json()
    assert data["name"] == "ana" and data["kind"] == "swing"
    assert data["secret"]
    assert sum(data["weights"].values()) == pytest.approx(1.0)
    # on disk, in the format read_participants reads
    parts = po.read_participants(csv_path, criteria=mali)
    assert parts.ids == ["ana"]
    assert parts.weights.loc["ana"].to_dict() == pytest.approx(data["weights"])
    assert client.get("/api/participants").json()["participants"][0]["name"] == "ana"


def test_post_direct_weights(client: Any, mali: po.Case) -> None:
    weights = {c: k + 1 for k, c in enumerate(mali.criterion_ids)}
    r = client.post("/api/participants", json={"name": "bo", "weights": weights})
    assert r.status_code == 201
    total = sum(weights.values())
    assert r.json()["weights"] == pytest.approx({c: w / total for c, w in weights.items()})


def _body(mali: po.Case, **change: Any) -> dict[str, Any]:
    body = swing_body(mali, "ana")
    body.update(change)
    return body


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (
            lambda m: _body(m, swing={**swing_body(m, "x")["swing"], "nonsense": 5}),
            "swing.nonsense",
        ),
        (lambda m: _body(m, swing={**swing_body(m, "x")["swing"], "relief": -1}), "swing.relief"),
        (
            lambda m: _body(m, swing={**swing_body(m, "x")["swing"], "relief": "lots"}),
            "swing.relief",
        ),
        (lambda m: _body(m, swing={**swing_body(m, "x")["swing"], "relief": True}), "swing.relief"),
        (lambda m: _body(m, swing={**swing_body(m, "x")["swing"], "relief": 101}), "swing.relief"),
        (lambda m: _body(m, swing={c: 0 for c in m.criterion_ids}), "swing"),
        (lambda m: _body(m, swing={"relief": 10}), "swing.ct_effect"),
        (lambda m: _body(m, swing=[1, 2]), "swing"),
        (lambda m: {"swing": swing_body(m, "x")["swing"]}, "name"),
        (lambda m: _body(m, name=""), "name"),
        (lambda m: _body(m, name=7), "name"),
        (lambda m: _body(m, name="=cmd()"), "name"),
        (lambda m: _body(m, name="a\nb"), "name"),
        (lambda m: _body(m, name="x" * 61), "name"),
        (lambda m: {"name": "ana"}, "weights"),
        (lambda m: _body(m, weights={c: 1 for c in m.criterion_ids}), "swing"),
        (lambda m: _body(m, extra=1), "extra"),
        (lambda m: [1, 2, 3], "body"),
    ],
)
def test_bad_body_is_400_naming_the_field(
    client: Any, mali: po.Case, csv_path: Path, make: Any, field: str
) -> None:
    r = client.post("/api/participants", json=make(mali))
    assert r.status_code == 400
    assert r.json()["error"].startswith(f"{field}:")
    assert client.get("/api/participants").json() == {"participants": []}
    assert not csv_path.exists()


@pytest.mark.parametrize(
    "raw",
    [b"{not json", b'{"name": "a", "weights": {"x": NaN}}', b"\xff\xfe", b""],
)
def test_malformed_json_is_400(client: Any, raw: bytes) -> None:
    r = client.post("/api/participants", content=raw)
    assert r.status_code == 400
    assert r.json()["error"].startswith("body: not valid JSON")


def test_oversize_body_is_400(client: Any, mali: po.Case) -> None:
    body = _body(mali, name="x" * (MAX_BODY + 10))
    r = client.post("/api/participants", content=json.dumps(body).encode())
    assert r.status_code == 400
    assert r.json()["error"].startswith("body: larger than")

    def chunks() -> Any:  # no Content-Length: the cap applies while reading
        for _ in range(MAX_BODY // 1000 + 2):
            yield b" " * 1000

    r = client.post("/api/participants", content=chunks())
    assert r.status_code == 400
    assert r.json()["error"].startswith("body: larger than")


def test_same_name_replaces_only_with_the_secret(
    client: Any, mali: po.Case, csv_path: Path
) -> None:
    first = client.post("/api/participants", json=swing_body(mali, "ana")).json()
    secret = first["secret"]
    other = swing_body(mali, "ana", top="relief")
    # a stranger (no secret, or a wrong one) cannot overwrite ana's answer
    client.cookies.clear()
    assert client.post("/api/participants", json=other).status_code == 403
    wrong = {"X-Participant-Secret": "guess"}
    r = client.post("/api/participants", json=other, headers=wrong)
    assert r.status_code == 403 and r.json()["error"].startswith("name:")
    assert client.get("/api/participants").json()["participants"][0]["values"]["relief"] == 50
    # ana herself can
    r = client.post("/api/participants", json=other, headers={"X-Participant-Secret": secret})
    assert r.status_code == 200
    assert "secret" not in r.json()
    stored = client.get("/api/participants").json()["participants"]
    assert [p["name"] for p in stored] == ["ana"]
    assert stored[0]["values"]["relief"] == 100
    assert po.read_participants(csv_path, criteria=mali).raw.loc["ana", "relief"] == 100


def test_browser_cookie_is_the_secret(client: Any, mali: po.Case) -> None:
    client.get("/")  # a page gives the browser its client cookie
    assert client.cookies.get("policyopts_client")
    r = client.post("/api/participants", json=swing_body(mali, "cy"))
    assert r.status_code == 201 and "secret" not in r.json()
    r = client.post("/api/participants", json=swing_body(mali, "cy", top="relief"))
    assert r.status_code == 200


def test_restart_restores_everyone(mali: po.Case, csv_path: Path) -> None:
    from starlette.testclient import TestClient

    with TestClient(create_app(mali, participants_path=csv_path)) as c:
        secrets = {}
        for name in ("ana", "bo", "Zoë <script>"):
            secrets[name] = c.post("/api/participants", json=swing_body(mali, name)).json()[
                "secret"
            ]
        before = c.get("/api/participants").json()["participants"]
        group = c.get("/api/group").json()
    with TestClient(create_app(mali, participants_path=csv_path)) as c:
        after = c.get("/api/participants").json()["participants"]
        assert [(p["name"], p["kind"], p["values"]) for p in after] == [
            (p["name"], p["kind"], p["values"]) for p in before
        ]
        again = c.get("/api/group").json()
        assert again["weights"] == pytest.approx(group["weights"])
        # secrets survive the restart: ana can still change her answer, nobody else can
        c.cookies.clear()
        body = swing_body(mali, "ana", top="relief")
        assert c.post("/api/participants", json=body).status_code == 403
        ok = c.post(
            "/api/participants", json=body, headers={"X-Participant-Secret": secrets["ana"]}
        )
        assert ok.status_code == 200


def test_group_matches_the_library(client: Any, mali: po.Case, csv_path: Path) -> None:
    assert client.get("/api/group").json()["weights"] is None
    ids = mali.criterion_ids
    for k, name in enumerate(["ana", "bo", "cy"]):
        client.cookies.clear()
        client.post("/api/participants", json=swing_body(mali, name, top=ids[k]))
    for agg in ("arithmetic", "geometric"):
        got = client.get("/api/group", params={"aggregation": agg}).json()
        parts = po.read_participants(csv_path, criteria=mali)
        g = po.group_rankings(mali, parts, aggregation=agg)
        assert got["participants"] == 3
        assert got["weights"] == pytest.approx(po.aggregate(parts, method=agg).to_dict())
        assert [r["option"] for r in got["ranking"]] == g.ranking
        assert got["kendall_w"] == pytest.approx(po.disagreement(parts).attrs["kendall_w"])
        assert got["top"] == g.top_by_participant.to_dict()
        assert sum(r["first_for"] for r in got["ranking"]) == 3
    r = client.get("/api/group", params={"aggregation": "median"})
    assert r.status_code == 400 and r.json()["error"].startswith("aggregation:")


def test_geometric_mean_all_zero_is_reported(client: Any, mali: po.Case) -> None:
    ids = mali.criterion_ids
    for name, c in (("ana", ids[0]), ("bo", ids[1])):
        client.cookies.clear()
        only = {k: (100 if k == c else 0) for k in ids}
        assert (
            client.post("/api/participants", json={"name": name, "swing": only}).status_code == 201
        )
    got = client.get("/api/group", params={"aggregation": "geometric"}).json()
    assert got["weights"] is None and "arithmetic" in got["error"]


def test_export_case_and_participants(client: Any, mali: po.Case, tmp_path: Path) -> None:
    assert client.get("/export/case.yaml").status_code == 409
    client.post("/api/participants", json=swing_body(mali, "Ana María"))
    client.cookies.clear()
    weights = {c: 1.5 for c in mali.criterion_ids}
    client.post("/api/participants", json={"name": "bo", "weights": weights})
    r = client.get("/export/case.yaml")
    assert r.status_code == 200
    path = tmp_path / "exported.yaml"
    path.write_text(r.text, encoding="utf-8")
    case = po.load_case(path)
    new = {p.id: p for p in case.profiles}
    assert set(new) - {p.id for p in mali.profiles} == {
        "workshop_group",
        "participant_ana_mar_a",
        "participant_bo",
    }
    assert new["participant_ana_mar_a"].swing == swing_body(mali, "x")["swing"]
    assert new["participant_bo"].weights == weights
    assert case.weights("participant_bo") == pytest.approx(
        {c: 1 / len(weights) for c in mali.criterion_ids}
    )
    parts = po.read_participants(
        _write(tmp_path / "p.csv", client.get("/export/participants.csv").text), criteria=mali
    )
    group = po.aggregate(parts)
    assert case.weights("workshop_group") == pytest.approx(group.to_dict())
    # lossless: the exported case saves and loads back equal
    assert po.load_case(po.save_case(case, tmp_path / "again.yaml")) == case
    assert client.get("/export/case.yaml", params={"aggregation": "x"}).status_code == 400


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_token_guards_api_and_pages(mali: po.Case, csv_path: Path) -> None:
    from starlette.testclient import TestClient

    app = create_app(mali, participants_path=csv_path, token=TOKEN)
    with TestClient(app) as c:
        for path in ("/api/participants", "/api/group", "/", "/participant/", "/export/case.yaml"):
            r = c.get(path)
            assert r.status_code == 401, path
        r = c.get("/api/group", headers={"Authorization": "Bearer wrong-token"})
        assert r.status_code == 401 and r.json()["error"].startswith("authorization:")
        r = c.post("/api/participants", json=swing_body(mali, "ana"))
        assert r.status_code == 401 and not csv_path.exists()
        bearer = {"Authorization": f"Bearer {TOKEN}"}
        r = c.post("/api/participants", json=swing_body(mali, "ana"), headers=bearer)
        assert r.status_code == 201
        assert c.get("/api/group", headers=bearer).json()["participants"] == 1
        # a script can fetch the exports with the bearer token too
        assert c.get("/export/participants.csv", headers=bearer).text.startswith("participant,")
        # the join link sets a cookie and drops the token from the address
        r = c.get(f"/facilitator/?token={TOKEN}&x=1", follow_redirects=False)
        assert r.status_code == 303
        assert r.headers["location"] == "/facilitator/?x=1"
        assert c.cookies.get("policyopts_token") == TOKEN
        assert c.get("/participant/").status_code == 200
        assert c.get("/participant").status_code == 200  # redirected to the slash
        # the cookie does not open the API: it needs the bearer token
        assert c.get("/api/group").status_code == 401
        # a wrong join link does not set the cookie
        c.cookies.clear()
        assert c.get("/?token=nope", follow_redirects=False).status_code == 401


def test_home_page_escapes_the_case_title(mali: po.Case, csv_path: Path) -> None:
    from starlette.testclient import TestClient

    case = mali.model_copy(update={"title": "Mali <script>alert(1)</script>"})
    with TestClient(create_app(case, participants_path=csv_path)) as c:
        text = c.get("/").text
    assert "<script>alert" not in text and "&lt;script&gt;" in text


def test_create_app_checks_its_arguments(mali: po.Case, tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="case"):
        create_app("mali", participants_path=tmp_path / "p.csv")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="token"):
        create_app(mali, participants_path=tmp_path / "p.csv", token="short")
    with pytest.raises(ValueError, match=r"participants: .*\.csv"):
        create_app(mali, participants_path=tmp_path / "p.yaml")
    bad = tmp_path / "q.csv"
    bad.write_text("participant,x\nana,1\n", encoding="utf-8")
    with pytest.raises(po.CaseError, match="missing criterion column"):
        create_app(mali, participants_path=bad)
    (tmp_path / "r.csv.secrets.json").write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(ValueError, match="secrets"):
        create_app(mali, participants_path=tmp_path / "r.csv")


def test_weights_of_a_restored_file_match_read_participants(mali: po.Case, tmp_path: Path) -> None:
    src = Path(__file__).parents[1] / "data" / "participants_swing.csv"
    path = tmp_path / "p.csv"
    path.write_bytes(src.read_bytes())
    from starlette.testclient import TestClient

    with TestClient(create_app(mali, participants_path=path)) as c:
        got = c.get("/api/participants").json()["participants"]
    parts = po.read_participants(src, criteria=mali)
    assert [p["name"] for p in got] == parts.ids
    for p in got:
        assert np.allclose(list(p["weights"].values()), parts.weights.loc[p["name"]].to_numpy())
