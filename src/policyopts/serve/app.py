"""One ASGI app: the JSON API (Starlette routes), the two pages (Shiny), the guard."""

from __future__ import annotations

import hmac
import json
import secrets
import tempfile
import threading
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

import jinja2

import policyopts as po
from policyopts.model import Case
from policyopts.model.require import require_case
from policyopts.serve.export import case_with_profiles
from policyopts.serve.store import ParticipantStore, SubmissionError
from policyopts.serve.views import AGGREGATIONS, group_summary

__all__ = [
    "CLIENT_COOKIE",
    "MAX_BODY",
    "SECRET_HEADER",
    "TOKEN_COOKIE",
    "GroupCache",
    "Guard",
    "create_app",
    "export_case_yaml",
]

#: Largest request body the API reads (bytes); a larger one is refused with 400.
MAX_BODY = 16 * 1024
#: Cookie holding the workshop token once a join link was opened.
TOKEN_COOKIE = "policyopts_token"
#: Cookie identifying a browser: the secret that lets it change its own answer.
CLIENT_COOKIE = "policyopts_client"
#: Header with which a script presents a participant's secret.
SECRET_HEADER = "x-participant-secret"

_HINT = (
    "policyopts serve needs shiny, starlette and uvicorn: "
    'pip install "policyopts[serve]" (or "shiny>=1.0" "uvicorn>=0.30")'
)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


#: The landing page: the case title (escaped by the template) and the two pages.
_HOME = jinja2.Environment(autoescape=True).from_string(
    "<!doctype html><html><head><meta charset='utf-8'>"
    "<meta name='viewport' content='width=device-width, initial-scale=1'>"
    "<title>{{ title }}</title></head><body style='font-family:sans-serif;margin:2em'>"
    "<h1>{{ title }}</h1><ul>"
    "<li><a href='participant/'>Give your weights</a> (participants)</li>"
    "<li><a href='facilitator/'>Group view</a> (facilitator, projector)</li>"
    "</ul></body></html>"
)


def _require_web() -> None:
    try:
        import shiny  # noqa: F401
        import starlette  # noqa: F401
    except ImportError as exc:
        raise ImportError(_HINT) from exc


class GroupCache:
    """The group summary of the current answers, computed once per change."""

    def __init__(self, case: Case, store: ParticipantStore) -> None:
        self.case = case
        self.store = store
        self._lock = threading.Lock()
        self._cache: dict[tuple[int, str, bool], dict[str, Any]] = {}

    def get(self, aggregation: str, *, flips: bool = False) -> dict[str, Any]:
        """The summary for the stored answers (see :func:`group_summary`)."""
        version, records = self.store.snapshot()
        key = (version, aggregation, flips)
        with self._lock:
            hit = self._cache.get(key)
        if hit is not None:
            return hit
        out = group_summary(self.case, records, aggregation=aggregation, flips=flips)
        out["version"] = version
        with self._lock:
            self._cache = {k: v for k, v in self._cache.items() if k[0] == version}
            self._cache[key] = out
        return out


def export_case_yaml(case: Case, store: ParticipantStore, aggregation: str) -> str:
    """The case with the group's and every participant's profile, as YAML text.

    Written by :func:`policyopts.save_case` (which validates and writes
    losslessly) into a temporary folder, then read back.
    """
    grouped, _ = case_with_profiles(case, store.records(), aggregation=aggregation)
    with tempfile.TemporaryDirectory() as folder:
        path = po.save_case(grouped, Path(folder) / f"{case.id}_workshop.yaml")
        return path.read_text(encoding="utf-8")


def _cookies(scope: Scope) -> dict[str, str]:
    jar: SimpleCookie = SimpleCookie()
    for key, value in scope.get("headers", []):
        if key == b"cookie":
            try:
                jar.load(value.decode("latin-1"))
            except Exception:  # a malformed cookie header counts as no cookie
                continue
    return {k: m.value for k, m in jar.items()}


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return str(value.decode("latin-1"))
    return None


def _same(given: str | None, expected: str) -> bool:
    return given is not None and hmac.compare_digest(given.encode(), expected.encode())


class Guard:
    """ASGI middleware: the workshop token, and a per-browser client cookie.

    With a token, ``/api/...`` needs ``Authorization: Bearer <token>``; pages
    and exports (and the Shiny websockets behind them) need the token cookie,
    which a join link ``?token=<token>`` sets before redirecting to the same
    page without it, or the same bearer header. Anything else is refused with
    401. Every page response also gives the browser a random
    ``policyopts_client`` cookie if it has none: the secret with which that
    browser may change its own answer.
    """

    def __init__(self, app: ASGIApp, token: str | None) -> None:
        self.app = app
        self.token = token
        #: The wrapped Starlette app's state (``state.store``: the participants).
        self.state: Any = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        path = str(scope.get("path", ""))
        api = path.startswith("/api/") or path == "/api"
        cookies = _cookies(scope)
        if self.token is not None:
            auth = _header(scope, b"authorization") or ""
            scheme, _, given = auth.partition(" ")
            bearer = scheme.lower() == "bearer" and _same(given.strip(), self.token)
            if api:
                ok = bearer
            else:  # pages and exports: the join link's cookie (or a script's bearer token)
                ok = bearer or _same(cookies.get(TOKEN_COOKIE), self.token)
                query = parse_qsl(scope.get("query_string", b"").decode("latin-1"))
                joined = [v for k, v in query if k == "token"]
                if joined and scope["type"] == "http" and _same(joined[0], self.token):
                    rest = urlencode([(k, v) for k, v in query if k != "token"])
                    await self._redirect(send, path + (f"?{rest}" if rest else ""))
                    return
            if not ok:
                await self._refuse(scope, send, api)
                return
        if scope["type"] == "http" and not api and CLIENT_COOKIE not in cookies:
            client = secrets.token_urlsafe(24)
            # the page's own requests (and the websocket) see the new cookie at once
            scope["headers"] = [
                *scope.get("headers", []),
                (b"cookie", f"{CLIENT_COOKIE}={client}".encode()),
            ]
            cookie = f"{CLIENT_COOKIE}={client}; Path=/; HttpOnly; SameSite=Lax".encode()

            async def send_with_cookie(message: Message) -> None:
                if message["type"] == "http.response.start":
                    message["headers"] = [*message.get("headers", []), (b"set-cookie", cookie)]
                await send(message)

            await self.app(scope, receive, send_with_cookie)
            return
        await self.app(scope, receive, send)

    async def _redirect(self, send: Send, location: str) -> None:
        assert self.token is not None
        cookie = f"{TOKEN_COOKIE}={self.token}; Path=/; HttpOnly; SameSite=Lax"
        await send(
            {
                "type": "http.response.start",
                "status": 303,
                "headers": [
                    (b"location", location.encode("latin-1")),
                    (b"set-cookie", cookie.encode("latin-1")),
                    (b"content-length", b"0"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": b""})

    async def _refuse(self, scope: Scope, send: Send, api: bool) -> None:
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        if api:
            body = json.dumps({"error": "authorization: missing or wrong bearer token"}).encode()
            ctype = b"application/json"
        else:
            body = b"401 Unauthorized: open the join link the facilitator gave you.\n"
            ctype = b"text/plain; charset=utf-8"
        await send(
            {
                "type": "http.response.start",
                "status": 401,
                "headers": [
                    (b"content-type", ctype),
                    (b"content-length", str(len(body)).encode()),
                    (b"www-authenticate", b'Bearer realm="policyopts"'),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


def create_app(
    case: Case,
    *,
    participants_path: str | Path,
    token: str | None = None,
) -> Any:
    """The workshop web app for ``case``, as an ASGI application.

    Parameters
    ----------
    case : Case
    participants_path : path-like
        The participants file (``.csv``, the format
        :func:`policyopts.read_participants` reads). Existing participants are
        loaded from it; every accepted answer is written to it before the reply.
    token : str, optional
        Require this token: ``Authorization: Bearer <token>`` on the API, and
        a join link ``/?token=<token>`` (which sets a cookie) for the pages.

    Returns
    -------
    Guard
        An ASGI app (Starlette routes behind the token guard). Serve it with
        uvicorn (``policyopts serve`` does). Routes: ``/``
        (links), ``/participant/`` and ``/facilitator/`` (Shiny pages),
        ``POST``/``GET /api/participants``, ``GET /api/group``,
        ``GET /export/case.yaml`` and ``GET /export/participants.csv``.
        ``app.state.store`` is the :class:`~policyopts.serve.store.ParticipantStore`.

    Raises
    ------
    ImportError
        Without the optional web dependencies (``pip install "policyopts[serve]"``).
    """
    _require_web()
    from starlette.applications import Starlette
    from starlette.concurrency import run_in_threadpool
    from starlette.requests import Request
    from starlette.responses import (
        HTMLResponse,
        JSONResponse,
        PlainTextResponse,
        RedirectResponse,
        Response,
    )
    from starlette.routing import Mount, Route

    from policyopts.serve.pages import facilitator_app, participant_app

    require_case(case)
    if token is not None and (not isinstance(token, str) or len(token) < 8):
        raise ValueError("token: use at least 8 characters")
    store = ParticipantStore(case, participants_path)
    groups = GroupCache(case, store)

    def error(status: int, message: str) -> JSONResponse:
        return JSONResponse({"error": message}, status_code=status)

    async def read_json(request: Request) -> object:
        length = request.headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > MAX_BODY):
            raise SubmissionError("body", f"larger than {MAX_BODY} bytes")
        chunks: list[bytes] = []
        size = 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > MAX_BODY:
                raise SubmissionError("body", f"larger than {MAX_BODY} bytes")
            chunks.append(chunk)

        def no_constant(name: str) -> object:
            raise ValueError(f"{name} is not a number")

        try:
            return json.loads(b"".join(chunks).decode("utf-8"), parse_constant=no_constant)
        except (UnicodeDecodeError, ValueError) as exc:
            raise SubmissionError("body", f"not valid JSON ({exc})") from None

    async def post_participant(request: Request) -> Response:
        try:
            body = await read_json(request)
            given = body.get("secret") if isinstance(body, dict) else None
            if given is not None and not isinstance(given, str):
                raise SubmissionError("secret", "must be text")
            secret = (
                request.headers.get(SECRET_HEADER) or given or request.cookies.get(CLIENT_COOKIE)
            )
            record, new_secret, created = await run_in_threadpool(store.submit, body, secret=secret)
        except SubmissionError as exc:
            return error(exc.status, str(exc))
        data = record.to_json()
        if new_secret is not None:
            data["secret"] = new_secret
        return JSONResponse(data, status_code=201 if created else 200)

    async def get_participants(request: Request) -> Response:
        return JSONResponse({"participants": [r.to_json() for r in store.records()]})

    def aggregation_of(request: Request) -> str:
        agg = request.query_params.get("aggregation", "arithmetic")
        if agg not in AGGREGATIONS:
            raise SubmissionError("aggregation", f"use one of {', '.join(AGGREGATIONS)}")
        return agg

    async def get_group(request: Request) -> Response:
        try:
            agg = aggregation_of(request)
        except SubmissionError as exc:
            return error(400, str(exc))
        summary = await run_in_threadpool(groups.get, agg)
        return JSONResponse(summary)

    async def export_case(request: Request) -> Response:
        try:
            agg = aggregation_of(request)
        except SubmissionError as exc:
            return PlainTextResponse(str(exc), status_code=400)
        if not len(store):
            return PlainTextResponse("no participants yet: nothing to export\n", status_code=409)
        text = await run_in_threadpool(export_case_yaml, case, store, agg)
        return Response(
            text,
            media_type="application/x-yaml",
            headers={"content-disposition": f'attachment; filename="{case.id}_workshop.yaml"'},
        )

    async def export_participants(request: Request) -> Response:
        return Response(
            store.csv_text(),
            media_type="text/csv",
            headers={"content-disposition": 'attachment; filename="participants.csv"'},
        )

    async def home(request: Request) -> Response:
        return HTMLResponse(_HOME.render(title=case.title))

    async def slash(request: Request) -> Response:
        return RedirectResponse(request.url.path.rsplit("/", 1)[-1] + "/")

    routes = [
        Route("/", home),
        Route("/api/participants", post_participant, methods=["POST"]),
        Route("/api/participants", get_participants, methods=["GET"]),
        Route("/api/group", get_group, methods=["GET"]),
        Route("/export/case.yaml", export_case, methods=["GET"]),
        Route("/export/participants.csv", export_participants, methods=["GET"]),
        Route("/participant", slash, methods=["GET"]),
        Route("/facilitator", slash, methods=["GET"]),
        Mount("/participant", app=participant_app(case, store)),
        Mount("/facilitator", app=facilitator_app(case, store, groups)),
    ]
    inner = Starlette(routes=routes)
    inner.state.store = store
    inner.state.groups = groups
    guard = Guard(inner, token)
    guard.state = inner.state
    return guard
