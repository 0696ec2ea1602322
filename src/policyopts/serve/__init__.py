"""The workshop in the browser: ``policyopts serve``.

One local web app for a live workshop. Participants give their weights on
their own devices (``/participant/``); the facilitator projects the group's
view (``/facilitator/``); scripts and forms use the JSON API beside them:

- ``POST /api/participants`` with ``{"name": ..., "weights": {criterion: number}}``
  or ``{"name": ..., "swing": {criterion: points}}`` answers 201 and the stored
  record (200 when it replaces that participant's earlier answer); a bad body
  answers 400 ``{"error": "<field>: <problem>"}`` and stores nothing; changing
  someone else's answer answers 403;
- ``GET /api/participants``: the stored records; ``GET /api/group``: the
  group's weights, ranking and Kendall's W (``?aggregation=geometric``);
- ``GET /export/case.yaml``: the case with the group's and each participant's
  profile; ``GET /export/participants.csv``: the participants file.

The pages are Shiny for Python apps and the API plain Starlette routes, in one
ASGI app (:func:`create_app`) that uvicorn serves. The app computes nothing
itself: every number comes from :func:`policyopts.read_participants`,
:func:`policyopts.group_rankings`, :func:`policyopts.disagreement`,
:func:`policyopts.flip_analysis`, :func:`policyopts.compare` and
:mod:`policyopts.weights`.

The web packages are optional (``pip install "policyopts[serve]"``) and are
imported only when an app is built.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from policyopts.model import Case
from policyopts.serve.export import case_with_profiles
from policyopts.serve.store import ParticipantStore, Record, SubmissionError, validate_submission
from policyopts.serve.views import group_summary

__all__ = [
    "ParticipantStore",
    "Record",
    "SubmissionError",
    "case_with_profiles",
    "create_app",
    "group_summary",
    "run",
    "validate_submission",
]


def create_app(case: Case, *, participants_path: str | Path, token: str | None = None) -> Any:
    """The workshop web app for ``case``, an ASGI app.

    See :func:`policyopts.serve.app.create_app` for the parameters and routes.
    """
    from policyopts.serve.app import create_app as _create

    return _create(case, participants_path=participants_path, token=token)


def run(
    case: Case,
    *,
    participants_path: str | Path,
    host: str = "127.0.0.1",
    port: int = 8765,
    token: str | None = None,
) -> None:
    """Serve the workshop with uvicorn until interrupted (``policyopts serve``)."""
    app = create_app(case, participants_path=participants_path, token=token)
    import uvicorn

    shown = f"[{host}]" if ":" in host else host
    base = f"http://{shown}:{port}/"
    join = f"?token={token}" if token else ""
    n = len(app.state.store)
    if token is None and host not in ("127.0.0.1", "localhost", "::1"):
        print(
            f"policyopts serve: warning: listening on {host} without --token: anyone who can "
            "reach this address can read and submit answers",
            file=sys.stderr,
        )
    print(
        f"policyopts serve: {case.title}\n"
        f"  participants file: {Path(participants_path)} ({n} restored)\n"
        f"  participants join: {base}participant/{join}\n"
        f"  facilitator view:  {base}facilitator/{join}\n"
        f"  JSON API:          {base}api/participants, {base}api/group"
        + (" (Authorization: Bearer <token>)" if token else ""),
        file=sys.stderr,
    )
    uvicorn.run(app, host=host, port=port, log_level="warning")
