"""Fixtures for the workshop app: the app in-process, and a uvicorn server on loopback."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import policyopts as po

pytest.importorskip("shiny", reason='the workshop app needs: pip install "policyopts[serve]"')
uvicorn = pytest.importorskip("uvicorn")

from policyopts.serve import create_app  # noqa: E402

TOKEN = "workshop-token-123"


def swing_body(case: po.Case, name: str, top: str | None = None) -> dict[str, Any]:
    """A valid swing answer: 100 for ``top`` (the first criterion by default), 50 elsewhere."""
    ids = case.criterion_ids
    first = top or ids[0]
    return {"name": name, "swing": {c: (100 if c == first else 50) for c in ids}}


@pytest.fixture
def csv_path(tmp_path: Path) -> Path:
    return tmp_path / "participants.csv"


@pytest.fixture
def client(mali: po.Case, csv_path: Path) -> Iterator[Any]:
    from starlette.testclient import TestClient

    with TestClient(create_app(mali, participants_path=csv_path)) as c:
        yield c


class LiveServer:
    """A uvicorn server for an app, on a free loopback port, in a thread."""

    def __init__(self, app: Any) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.port = int(self.sock.getsockname()[1])
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, log_level="warning", lifespan="off", ws="websockets-sansio")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True
        )

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the uvicorn server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=20)
        self.sock.close()


@pytest.fixture
def live(mali: po.Case, csv_path: Path) -> Iterator[LiveServer]:
    with LiveServer(create_app(mali, participants_path=csv_path, token=TOKEN)) as server:
        yield server
