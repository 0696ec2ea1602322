"""Case text never becomes markup in the brief (issue 11).

The brief is built from Jinja2 templates with autoescaping; these tests put
markup into every free-text field of a case and check, by parsing the HTML,
that no element or attribute came from it and that the text is still shown.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

import policyopts as po
from fuzz.hostile import XSS, injected, poison, visible_text
from policyopts._tables import html_table
from policyopts.report import build_report


def _brief(data: dict[str, Any]) -> str:
    case = po.Case.model_validate(data)
    return build_report(case, n_samples=200, seed=0, date=dt.date(2026, 1, 2))


def test_profile_name_is_escaped_in_the_bottom_line(toy_data: dict[str, Any]) -> None:
    # The reported defect: the profile name went into the bottom line raw.
    toy_data["profiles"][0]["name"] = XSS
    html = _brief(toy_data)
    assert injected(html) == []
    assert "onerror" not in html.replace("onerror=alert", "")  # only as escaped text
    assert XSS.lower() in visible_text(html)


@pytest.mark.parametrize(
    "payload",
    [
        XSS,
        '"><script>alert(1)</script>',
        "' onmouseover='alert(1)",
        "</style><svg onload=alert(1)>",
        "<!-- x --><a href='javascript:alert(1)'>y</a>",
        "&lt;b&gt;",
    ],
)
def test_every_text_field_is_escaped(toy_data: dict[str, Any], payload: str) -> None:
    html = _brief(poison(toy_data, payload))
    assert injected(html) == []
    assert "<script" not in html.lower()
    # Case text is shown as text: the payload survives decoding, verbatim.
    assert payload in visible_text(html)


def test_html_table_escapes_cells_and_caption() -> None:
    table = html_table(["<th>"], [[XSS]], caption="<caption>")
    assert injected(table) == []
    assert "&lt;img" in table and "&lt;th&gt;" in table


def test_templates_ship_with_the_package() -> None:
    folder = Path(po.__file__).parent / "report" / "templates"
    names = {p.name for p in folder.glob("*.html.j2")}
    assert {"brief.html.j2", "bottom_line.html.j2", "macros.html.j2"} <= names


def test_no_html_built_with_f_strings() -> None:
    src = Path(po.__file__).parent
    offenders = [
        f"{path.relative_to(src)}:{n}"
        for path in src.rglob("*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if 'f"<' in line or "f'<" in line
    ]
    assert offenders == []
