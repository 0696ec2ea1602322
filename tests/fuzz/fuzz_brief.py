"""Fuzz the HTML brief and the table renderers with hostile case text.

Run from the repository root::

    python -m tests.fuzz.fuzz_brief --seconds 60 [--seed 7]
    python -m tests.fuzz.fuzz_brief --seed 7 --replay 12     # one input again

The contract under test: a case whose free text (titles, names, descriptions,
rationales, claims, narratives...) holds markup, script, Markdown and LaTeX
syntax, spreadsheet formulas, mathtext, control characters, line breaks or very
long strings either is refused by :func:`policyopts.load_case` with a
:class:`~policyopts.CaseError`, or

- gives a brief (:func:`policyopts.report.build_report`) in which no element or
  attribute came from case text (checked by parsing the HTML) and no payload
  holding ``<>&"'`` appears unescaped;
- gives Markdown and LaTeX comparison tables with one line per option (a line
  break in a name never splits them);
- gives a CSV comparison in which no text cell starts a spreadsheet formula.

Any other exception, or a broken invariant, is a failure: the case is saved
under ``--out`` (``/tmp/fuzz-failures/brief`` by default) with a
``README.txt`` holding the traceback and the replay command, and the run exits
with status 1. Input ``k`` of seed ``s`` is regenerated from
``Random(f"{s}/{k}")``, so ``--replay`` needs no database. Briefs are built with
few Monte Carlo draws (``--samples``, 64 by default): the text, not the
statistics, is under test.
"""

from __future__ import annotations

import argparse
import copy
import csv
import io
import random
import re
import sys
import tempfile
import time
import traceback
import warnings
from collections import Counter
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import yaml
from tests.toycase import _MINIMAL

from .hostile import REFERENCE_KEYS, injected

DEFAULT_OUT = Path(tempfile.gettempdir()) / "fuzz-failures" / "brief"

#: Fragments hostile strings are built from.
FRAGMENTS = (
    "<img src=x onerror=alert(document.domain)>",
    "<script>alert(1)</script>",
    '"><svg onload=alert(1)>',
    "' autofocus onfocus='alert(1)",
    "</style></title></textarea>",
    "<!--",
    "]]>",
    "&amp;&lt;&#x3c;",
    "javascript:alert(1)",
    "{{ 7*7 }}{% raw %}",
    "| a | b |",
    "\n\n# Heading\n\n",
    "\r\n",
    "\\input{/etc/passwd}",
    "50% & $x_1^2$ # ~ ^ { } \\",
    '=HYPERLINK("http://x","y")',
    "+1",
    "-2+3",
    "@SUM(A1)",
    "\t=1",
    "Price $x^$",
    "Cost $5 to $10",
    "$\\frac{1}{0}$",
    "\x1b[31mred\x1b[0m",
    "\x1b]52;c;cHduZWQ=\x07",
    "\x9b2J",
    "\u202eevil",
    "\u2028\u2029\x85",
    "é ü 中文 🙂",
    "\x00",
)


def _text_paths(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Paths of the free-text strings of ``data`` (not ids or references)."""
    out: list[tuple[Any, ...]] = []
    if isinstance(data, dict):
        for k, v in data.items():
            if isinstance(v, str):
                if k not in REFERENCE_KEYS:
                    out.append((*path, k))
            elif isinstance(v, list) and v and all(isinstance(x, str) for x in v):
                if k not in REFERENCE_KEYS and k != "criteria":
                    out.extend((*path, k, i) for i in range(len(v)))
            else:
                out.extend(_text_paths(v, (*path, k)))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out.extend(_text_paths(v, (*path, i)))
    return out


def _set(data: Any, path: tuple[Any, ...], value: Any) -> None:
    for key in path[:-1]:
        data = data[key]
    data[path[-1]] = value


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        data = data[key]
    return data


def hostile_text(rng: random.Random) -> str:
    """A string of one to four fragments, sometimes very long."""
    parts = [rng.choice(FRAGMENTS) for _ in range(rng.randint(1, 4))]
    if rng.random() < 0.1:
        parts.append(rng.choice("ab <$|\n") * rng.randint(500, 5000))
    return "".join(parts)


def make_input(seed: int, k: int) -> tuple[dict[str, Any], list[str]]:
    """Input ``k`` of ``seed``: the toy case with hostile text in a few fields
    (and sometimes in an id, which the loader must refuse)."""
    rng = random.Random(f"{seed}/{k}")
    data = copy.deepcopy(_MINIMAL)
    data.setdefault("question", "What should we do?")
    data.setdefault("description", "A toy case.")
    paths = _text_paths(data)
    payloads = []
    for path in rng.sample(paths, k=min(len(paths), rng.randint(1, 6))):
        text = hostile_text(rng)
        payloads.append(text)
        mode = rng.random()
        old = str(_get(data, path))
        _set(data, path, text if mode < 0.5 else old + text if mode < 0.8 else text + old)
    if rng.random() < 0.05:
        data["options"][0]["id"] = hostile_text(rng)
    return data, payloads


def check(data: dict[str, Any], payloads: list[str], samples: int) -> str:
    """Load and render one input; returns "case_error" or "brief", raises on a failure."""
    import policyopts as po
    from policyopts.report import build_report

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "case.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
        try:
            case = po.load_case(path)
        except po.CaseError as exc:
            if "\n" in str(exc):
                raise AssertionError(f"multi-line CaseError: {exc!s:.300}") from None
            return "case_error"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # crowded layouts of hostile text
        html = build_report(case, n_samples=samples, seed=0)
    found = injected(html)
    if found:
        raise AssertionError(f"markup from case text in the brief: {found[:5]}")
    for chart in re.findall(r"<svg .*?</svg>", html, flags=re.S):
        ElementTree.fromstring(chart)  # every chart is well-formed XML
        if "<script" in chart.lower():
            raise AssertionError("<script in an SVG chart")
    for payload in payloads:
        if any(ch in payload for ch in "<>&\"'") and payload in html:
            raise AssertionError(f"payload unescaped in the brief: {payload[:80]!r}")
    cmp = po.compare(case)
    m = len(case.options)
    md = cmp.to_markdown().split("\n\n*")[0]
    if len(md.splitlines()) != m + 2:
        raise AssertionError(f"Markdown table has {len(md.splitlines())} lines, not {m + 2}")
    tex = cmp.to_latex()
    if "\n\n" in tex:
        raise AssertionError("blank line in the LaTeX table")
    rows = list(csv.reader(io.StringIO(cmp.to_csv() or "")))
    for row in rows:
        for cell in row:
            if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
                try:
                    float(cell)
                except ValueError:
                    raise AssertionError(f"CSV cell starts a formula: {cell[:40]!r}") from None
    return "brief"


def _save(out: Path, seed: int, k: int, data: dict[str, Any], error: str) -> Path:
    folder = out / f"{seed}-{k}"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "case.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8"
    )
    (folder / "README.txt").write_text(
        f"{error}\nReplay: python -m tests.fuzz.fuzz_brief --seed {seed} --replay {k}\n",
        "utf-8",
    )
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--max-inputs", type=int, default=None)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--samples", type=int, default=64)
    parser.add_argument("--replay", type=int, default=None)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else random.randrange(2**31)
    if args.replay is not None:
        data, payloads = make_input(seed, args.replay)
        print(f"input {args.replay} of seed {seed}")
        print(check(data, payloads, args.samples))
        return 0
    outcomes: Counter[str] = Counter()
    start = time.monotonic()
    k = 0
    while time.monotonic() - start < args.seconds and (
        args.max_inputs is None or k < args.max_inputs
    ):
        data, payloads = make_input(seed, k)
        try:
            outcomes[check(data, payloads, args.samples)] += 1
        except Exception:
            outcomes["failure"] += 1
            folder = _save(args.out, seed, k, data, traceback.format_exc())
            print(f"FAILURE input {k} of seed {seed}: saved to {folder}", flush=True)
        k += 1
    elapsed = time.monotonic() - start
    print(f"{k} inputs in {elapsed:.0f} s (seed {seed})")
    for name in ("brief", "case_error", "failure"):
        print(f"  {name}: {outcomes[name]}")
    return 1 if outcomes["failure"] else 0


if __name__ == "__main__":
    sys.exit(main())
