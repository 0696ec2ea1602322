"""Hostile case text shared by the output-safety tests and the brief fuzzer."""

from __future__ import annotations

import copy
from html.parser import HTMLParser
from typing import Any

#: Keys whose values are identifiers or references, not free text.
REFERENCE_KEYS = frozenset(
    {
        "id",
        "option",
        "criterion",
        "parent",
        "source",
        "evidence",
        "default_profile",
        "basis",
        "direction",
        "kind",
        "qualifier",
        "date",
        "as_of",
        "document",
        "format_version",
        "url",
        "scale",
    }
)

#: Markup that must never reach the brief as markup.
XSS = "<img src=x onerror=alert(document.domain)>"

#: Tags and attributes the brief itself uses; anything else came from case text.
ALLOWED_TAGS = frozenset(
    [
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "main",
        "header",
        "div",
        "h1",
        "h2",
        "h3",
        "p",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "b",
        "i",
        "code",
        "section",
        "figure",
        "img",
        "figcaption",
        "table",
        "caption",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "details",
        "summary",
        "span",
    ]
)
#: Elements of the brief's inline SVG charts (names as the HTML parser lowers them).
SVG_TAGS = frozenset(
    [
        "svg",
        "defs",
        "lineargradient",
        "radialgradient",
        "stop",
        "rect",
        "line",
        "circle",
        "polygon",
        "text",
        "tspan",
        "title",
    ]
)
ALLOWED_ATTRS = frozenset(
    ["lang", "charset", "name", "content", "class", "id", "alt", "src", "style"]
)
#: Attributes the SVG charts write: geometry and presentation, never an event
#: handler or a link.
SVG_ATTRS = frozenset(
    [
        "xmlns",
        "viewbox",
        "role",
        "aria-label",
        "font-family",
        "font-size",
        "font-weight",
        "x",
        "y",
        "x1",
        "y1",
        "x2",
        "y2",
        "cx",
        "cy",
        "r",
        "fx",
        "fy",
        "width",
        "height",
        "points",
        "fill",
        "fill-opacity",
        "stroke",
        "stroke-width",
        "stroke-dasharray",
        "text-anchor",
        "dominant-baseline",
        "transform",
        "offset",
        "stop-color",
    ]
)


def poison(data: Any, payload: str, key: str | None = None) -> Any:
    """``data`` with ``payload`` appended to every free-text string."""
    if isinstance(data, dict):
        return {k: poison(v, payload, k) for k, v in data.items()}
    if isinstance(data, list):
        return [poison(v, payload, key) for v in data]
    if isinstance(data, str) and key not in REFERENCE_KEYS:
        return data + payload
    return copy.copy(data)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def injected(html: str) -> list[str]:
    """Elements and attributes in ``html`` that the brief's templates and SVG charts
    never write (so they came from case text), plus any ``src`` that is not an
    inline PNG and any fill that refers outside the charts' own gradients."""
    parser = _Tags()
    parser.feed(html)
    parser.close()
    found = []
    for tag, attrs in parser.tags:
        svg = tag in SVG_TAGS
        if tag not in ALLOWED_TAGS and not svg:
            found.append(f"<{tag}>")
        for name, value in attrs:
            if name not in ALLOWED_ATTRS and not (svg and name in SVG_ATTRS):
                found.append(f"<{tag} {name}=...>")
            if (
                svg
                and name == "fill"
                and (value or "").startswith("url(")
                and not (value or "").startswith("url(#po-")
            ):
                found.append(f"<{tag} fill={value!r}>")
            if name == "src" and not (value or "").startswith("data:image/png;base64,"):
                found.append(f"<{tag} src={value!r}>")
            if name == "style" and tag != "th" and tag != "td":
                found.append(f"<{tag} style=...>")
    return found


def visible_text(html: str) -> str:
    """The text a reader sees (entities decoded)."""
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return "".join(parser.text)
