"""``policyopts serve`` used as a person would: headless Chromium driven by Playwright.

Needs the ``playwright`` package (dev extra) and a Chromium binary: Debian's
``chromium`` package (``apt-get install -y chromium``); ``playwright install``
is not needed. Without Chromium these tests skip, unless
``POLICYOPTS_REQUIRE_BROWSER=1`` (set by ``.ci/run``), when they fail.
Set ``POLICYOPTS_SCREENSHOTS=<folder>`` to keep the two screenshots (the
README's pictures come from there).
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import policyopts as po
from conftest import TOKEN, LiveServer

_INSTALL = (
    "headless Chromium not found: apt-get install -y chromium (Debian), or set "
    "POLICYOPTS_CHROMIUM to a Chromium binary"
)
_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
_DATA = Path(__file__).parents[1] / "data" / "participants_swing.csv"


def _chromium() -> str | None:
    given = os.environ.get("POLICYOPTS_CHROMIUM")
    if given:
        return given
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _unavailable(reason: str) -> None:
    if os.environ.get("POLICYOPTS_REQUIRE_BROWSER") == "1":
        pytest.fail(f"POLICYOPTS_REQUIRE_BROWSER=1 but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable('playwright is not installed: pip install -e ".[dev]"')
    exe = _chromium()
    if exe is None:
        _unavailable(_INSTALL)
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=exe, args=_ARGS)
        try:
            yield b
        finally:
            b.close()


def _post(url: str, body: dict[str, Any]) -> int:
    req = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        method="POST",
        headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(req, timeout=30) as resp:
        return int(resp.status)


def _not_blank(png: bytes) -> float:
    from io import BytesIO

    from PIL import Image

    pixels = np.asarray(Image.open(BytesIO(png)).convert("L"), dtype=np.float64)
    return float(pixels.std())


def _keep(name: str, png: bytes) -> None:
    folder = os.environ.get("POLICYOPTS_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        (Path(folder) / name).write_bytes(png)


def test_participant_submits_and_facilitator_sees_them(
    browser: Any, live: LiveServer, mali: po.Case, csv_path: Path
) -> None:
    # five colleagues answered through the API already (the sample workshop file)
    with _DATA.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            kind = row.pop("method")
            name = row.pop("participant")
            values = {c: float(v) for c, v in row.items()}
            assert _post(f"{live.url}/api/participants", {"name": name, kind: values}) == 201

    name = "Zoë <b>not bold</b>"
    phone = browser.new_context(viewport={"width": 390, "height": 844})
    page = phone.new_page()
    page.goto(f"{live.url}/participant/?token={TOKEN}")
    page.wait_for_selector("#v_ct_effect", timeout=20_000)
    page.fill("#name", name)
    # step 1: rank the swings (relief first), and let the page suggest points from the ranking
    page.click("#swing_order + .selectize-control .selectize-input")
    for label in ("Relief for displaced", "Civilian harm", "Counterterrorism"):
        page.keyboard.type(label)
        page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.click("#from_order")
    page.wait_for_function("document.querySelector('#v_relief').value === '100'", timeout=20_000)
    assert page.input_value("#v_civilian_harm") == "67"
    assert page.input_value("#v_ct_effect") == "33"
    assert page.input_value("#v_durability") == "0"
    # step 2: adjust the points
    for cid, points in {"civilian_harm": 90, "ct_effect": 40, "fiscal_cost": 20}.items():
        page.fill(f"#v_{cid}", str(points))
    page.wait_for_function(
        "document.body.innerText.includes('Your ranking of the swings: 1. Relief')",
        timeout=20_000,
    )
    # the page fits a phone: nothing wider than the screen
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.click("#submit")
    page.wait_for_selector("#submit_message", timeout=20_000)
    assert page.inner_text("#submit_message").startswith("Saved: thank you, " + name)
    page.evaluate("window.scrollTo(0, 0)")
    shot = page.screenshot(full_page=False)
    assert _not_blank(shot) > 10
    _keep("serve_participant.png", shot)
    parts = po.read_participants(csv_path, criteria=mali)
    assert name in parts.ids and parts.raw.loc[name, "relief"] == 100

    # back later on the same phone: the answer is recognised and can be changed
    page.goto(f"{live.url}/participant/")
    page.wait_for_function(
        "document.body.innerText.includes('Submitting again replaces your answer')",
        timeout=20_000,
    )
    assert page.input_value("#name") == name
    page.fill("#v_relief", "95")
    page.click("#submit")
    page.wait_for_function(
        "document.querySelector('#submit_message')?.innerText.startsWith('Updated')",
        timeout=20_000,
    )
    assert po.read_participants(csv_path, criteria=mali).raw.loc[name, "relief"] == 95

    # AHP: the consistency ratio is shown as the judgements change
    page.check("input[name=kind][value=ahp]")
    page.wait_for_selector("#ahp_cr", timeout=20_000)
    assert page.inner_text("#ahp_cr").startswith("Consistency ratio 0.000")
    page.select_option("#ahp_ct_effect__spillover_containment", "-9")
    page.select_option("#ahp_spillover_containment__civilian_harm", "-9")
    page.wait_for_function(
        "document.querySelector('#ahp_cr')?.innerText.includes('above 0.10')", timeout=20_000
    )
    phone.close()

    projector = browser.new_context(viewport={"width": 1400, "height": 1000})
    fac = projector.new_page()
    fac.goto(f"{live.url}/facilitator/?token={TOKEN}")
    fac.wait_for_selector("#participant_tops", timeout=30_000)
    fac.wait_for_selector("#group_ranking", timeout=30_000)
    # the participant's name is shown as text, not as markup
    assert name in fac.inner_text("#participant_tops")
    assert fac.locator("#participant_tops b").count() == 0
    assert "6 participants have answered" in fac.inner_text("#headline")
    ranking = fac.inner_text("#group_ranking")
    g = po.group_rankings(mali, po.read_participants(csv_path, criteria=mali))
    assert mali.option(g.ranking[0]).label in ranking.splitlines()[1]
    fac.wait_for_function("document.body.innerText.includes('overtakes')", timeout=30_000)
    shot = fac.screenshot(full_page=False)
    assert _not_blank(shot) > 10
    _keep("serve_facilitator.png", shot)
    projector.close()


def test_pages_refuse_without_the_join_link(browser: Any, live: LiveServer) -> None:
    ctx = browser.new_context()
    page = ctx.new_page()
    response = page.goto(f"{live.url}/facilitator/")
    assert response is not None and response.status == 401
    ctx.close()
