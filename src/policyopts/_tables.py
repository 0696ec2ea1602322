"""Renderers of small labelled tables: text, Markdown, LaTeX, HTML, CSV.

Text, Markdown and LaTeX tables are laid out by tabulate, HTML tables by a
Jinja2 template with autoescaping. Case text is made safe for each format:
line breaks never split a Markdown or LaTeX table, ``|`` and the LaTeX
specials are escaped, HTML is escaped, and CSV and spreadsheet cells that
would start a formula are neutralised (:func:`csv_safe`). Cells are formatted
by :func:`fmt`. Result classes render through
:class:`policyopts.results.Result`, which lays its rows out with these.
"""

from __future__ import annotations

import functools
import math
import os
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

if TYPE_CHECKING:
    import jinja2
    import pandas as pd

__all__ = [
    "csv_safe",
    "fmt",
    "html_table",
    "latex_escape",
    "latex_table",
    "markdown_escape",
    "markdown_table",
    "neutralise",
    "one_line",
    "text_table",
    "to_csv_text",
]

Row = Sequence[object]


def fmt(value: object, digits: int = 3) -> str:
    """Format a cell: integers plainly, other numbers with ``digits`` decimals.

    Examples
    --------
    >>> fmt(4.0), fmt(0.61234), fmt("x"), fmt(None)
    ('4', '0.612', 'x', '')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if value.is_integer() and abs(value) < 1e12:
            return str(int(value))
        return f"{value:.{digits}f}"
    try:
        as_float = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(value)
    return fmt(as_float, digits) if not isinstance(value, str) else str(value)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _cells(header: Row, rows: Sequence[Row], digits: int) -> tuple[list[str], list[list[str]]]:
    """Format cells column by column: a column of whole numbers prints as
    integers, any other numeric column with ``digits`` decimals throughout."""
    ncol = len(header)
    whole = []
    for j in range(ncol):
        nums = [float(r[j]) for r in rows if j < len(r) and _is_number(r[j])]  # type: ignore[arg-type]
        whole.append(all(x.is_integer() for x in nums if not math.isnan(x)))
    body: list[list[str]] = []
    for row in rows:
        cells = []
        for j, c in enumerate(row):
            if _is_number(c) and not whole[j] and not math.isnan(float(c)):  # type: ignore[arg-type]
                cells.append(f"{float(c):.{digits}f}")  # type: ignore[arg-type]
            else:
                cells.append(fmt(c, digits))
        body.append(cells)
    return [str(h) for h in header], body


def _numeric(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def one_line(text: str) -> str:
    """``text`` with every line break (``\\n``, ``\\r``, form feed, the Unicode
    line and paragraph separators…) replaced by a space, so that a cell can
    never start a new row, paragraph or Markdown heading.

    Examples
    --------
    >>> one_line("a\\n\\n# b\\r\\nc")
    'a  # b c'
    """
    if not any(ch in text for ch in _BREAKS):
        return text
    return " ".join(text.splitlines())


#: Characters :meth:`str.splitlines` treats as line boundaries.
_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")


def _tabulate(
    header: Row,
    rows: Sequence[Row],
    digits: int,
    tablefmt: str,
    escape: Callable[[str], str],
    *,
    header_widths: Sequence[int] | None = None,
    cell_widths: Sequence[int | None] | None = None,
) -> str:
    from tabulate import tabulate

    head, body = _cells(header, rows, digits)
    align = [
        "right" if j and body and all(_numeric(r[j]) or r[j] == "" for r in body) else "left"
        for j in range(len(head))
    ]
    return tabulate(
        [[escape(one_line(c)) for c in r] for r in body],
        headers=[escape(one_line(h)) for h in head],
        tablefmt=tablefmt,
        colalign=align,
        disable_numparse=True,
        maxheadercolwidths=None if header_widths is None else list(header_widths),
        maxcolwidths=None if cell_widths is None else list(cell_widths),
    )


def _widest(text: str) -> int:
    return max((len(line) for line in text.splitlines()), default=0)


def _longest_word(texts: Sequence[str]) -> int:
    return max((len(w) for t in texts for w in one_line(t).split()), default=1)


def _wrapped(header: Row, rows: Sequence[Row], digits: int, *, cells: bool) -> str:
    """The table with headers (and, with ``cells``, text cells) wrapped at word breaks:
    each column as narrow as its longest word, or its widest number."""
    head, body = _cells(header, rows, digits)
    header_widths: list[int] = []
    cell_widths: list[int | None] = []
    for j in range(len(head)):
        column = [one_line(r[j]) for r in body]
        numeric = bool(column) and all(_numeric(c) or c == "" for c in column)
        widest = max((len(c) for c in column), default=1)
        head_word = _longest_word([head[j]])
        if cells and not numeric:
            w = max(_longest_word(column), head_word, 4)
            header_widths.append(w)
            cell_widths.append(w)
        else:
            header_widths.append(max(widest, head_word, 4))
            cell_widths.append(None)
    return _tabulate(
        header,
        rows,
        digits,
        "simple",
        str,
        header_widths=header_widths,
        cell_widths=cell_widths if cells else None,
    )


def text_table(
    header: Row, rows: Sequence[Row], *, digits: int = 3, width: int | None = None
) -> str:
    """A fixed-width table for terminals (tabulate's ``simple``); numbers
    right-aligned, line breaks in cells shown as spaces.

    With ``width`` (a terminal's columns), a table wider than that is made to
    fit where it can: it is turned on its side (the first column's entries
    become the columns), then its headers and then its text cells are wrapped
    at word breaks, either way round; the first layout that fits is used,
    else the narrowest.

    Examples
    --------
    >>> print(text_table(["option", "score"], [["a", 0.5], ["bb", 1.0]]))
    option      score
    --------  -------
    a           0.500
    bb          1.000
    """
    text = _tabulate(header, rows, digits, "simple", str)
    if width is None or _widest(text) <= width or not rows:
        return text
    head, body = _cells(header, rows, digits)
    side_header = [head[0], *(r[0] for r in body)]
    side_rows = [[head[j], *(r[j] for r in body)] for j in range(1, len(head))]
    turned = _tabulate(side_header, side_rows, digits, "simple", str)
    if _widest(turned) <= width:
        return turned
    layouts = [turned]
    for cells in (False, True):
        for h, r in ((header, rows), (side_header, side_rows)):
            layout = _wrapped(h, r, digits, cells=cells)
            if _widest(layout) <= width:
                return layout
            layouts.append(layout)
    return min(layouts, key=_widest)


def markdown_escape(text: str) -> str:
    r"""``text`` safe inside a Markdown table cell: backslashes, pipes and angle
    brackets are backslash-escaped (so a cell cannot end early or open raw
    HTML) and line breaks become spaces (so it cannot split the table).

    Examples
    --------
    >>> print(markdown_escape("a|b <i>\n\n# c"))
    a\|b \<i\>  # c
    """
    return "".join(_MARKDOWN_SPECIAL.get(ch, ch) for ch in one_line(text))


_MARKDOWN_SPECIAL = {"\\": "\\\\", "|": "\\|", "<": "\\<", ">": "\\>"}


def markdown_table(header: Row, rows: Sequence[Row], *, digits: int = 3) -> str:
    """A GitHub-flavoured Markdown table (tabulate's ``pipe``, without the
    padding); numeric columns right-aligned, every cell escaped by
    :func:`markdown_escape`.

    Examples
    --------
    >>> print(markdown_table(["option", "score"], [["a|b", 0.5]]))
    | option | score |
    |:--|--:|
    | a\\|b | 0.500 |
    """
    laid_out = _tabulate(header, rows, digits, "pipe", markdown_escape)
    lines = laid_out.splitlines()
    return "\n".join(_compact_pipe_row(line, rule=i == 1) for i, line in enumerate(lines))


#: A column delimiter of tabulate's pipe format: a ``|`` not escaped by
#: :func:`markdown_escape` (cell text is padded, so a delimiter never follows
#: a backslash of the text).
_DELIMITER = re.compile(r"(?<!\\)\|")


def _compact_pipe_row(line: str, *, rule: bool) -> str:
    """``| a   |   1 |`` -> ``| a | 1 |`` and ``|:----|----:|`` -> ``|:--|--:|``:
    the compact form the library has always written (diffs stay small)."""
    cells = [c.strip() for c in _DELIMITER.split(line)[1:-1]]
    if rule:
        return "|" + "|".join(("--:" if c.endswith(":") else ":--") for c in cells) + "|"
    return "| " + " | ".join(cells) + " |"


_LATEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def latex_escape(text: str) -> str:
    r"""``text`` safe in LaTeX: the special characters escaped and line breaks
    (a blank line would end the paragraph inside a table) made spaces.

    Examples
    --------
    >>> print(latex_escape("50% & $5_x\n\nmore"))
    50\% \& \$5\_x  more
    """
    return "".join(_LATEX_SPECIAL.get(ch, ch) for ch in one_line(text))


def latex_table(
    header: Row, rows: Sequence[Row], *, digits: int = 3, caption: str | None = None
) -> str:
    r"""A booktabs ``tabular`` (in a ``table`` float when ``caption`` is given),
    every cell's LaTeX specials escaped and line breaks made spaces.

    Examples
    --------
    >>> print(latex_table(["option", "score"], [["a_b", 0.5]]))
    \begin{tabular}{lr}
    \toprule
     option   &   score \\
    \midrule
     a\_b      &   0.500 \\
    \bottomrule
    \end{tabular}
    """
    # tabulate's booktabs format escapes the LaTeX specials itself.
    lines = _tabulate(header, rows, digits, "latex_booktabs", str)
    if caption is None:
        return lines
    return "\n".join(
        [
            r"\begin{table}[ht]",
            r"\centering",
            lines,
            rf"\caption{{{latex_escape(caption)}}}",
            r"\end{table}",
        ]
    )


#: First characters that make a spreadsheet read a cell as a formula (OWASP,
#: "CSV injection"); tab and carriage return are on the list too.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """A text cell that a spreadsheet would run as a formula, prefixed with
    ``'``; anything else (numbers included, negative ones too) unchanged.

    Examples
    --------
    >>> neutralise("=1+1"), neutralise("-x"), neutralise(-1.5), neutralise("ok")
    ("'=1+1", "'-x", -1.5, 'ok')
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells, index and column labels cannot
    start a spreadsheet formula (see :func:`neutralise`); numeric columns are
    left as numbers.

    Every CSV and XLSX file the library writes goes through this.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"name": ["=cmd()", "ok"], "v": [-1, 2]})
    >>> print(csv_safe(frame).to_csv(index=False), end="")
    name,v
    '=cmd(),-1
    ok,2
    """
    import pandas as pd

    out = frame.copy()
    for column in out.columns:
        if not (
            pd.api.types.is_numeric_dtype(out[column]) or pd.api.types.is_bool_dtype(out[column])
        ):
            out[column] = out[column].map(neutralise)
    out.index = out.index.map(neutralise)
    out.columns = out.columns.map(neutralise)
    return out


def to_csv_text(
    frame: pd.DataFrame, path: str | os.PathLike[str] | None = None, **kw: Any
) -> str | None:
    """``frame`` as CSV made safe by :func:`csv_safe`: the text, or written to
    ``path`` atomically (returning None)."""
    text = str(csv_safe(frame).to_csv(**kw))
    if path is None:
        return text
    from policyopts.io import write_atomic

    write_atomic(path, text)
    return None


_HTML_TABLE = """\
<table class="{{ css_class }}">
{%- if caption %}
<caption>{{ caption }}</caption>
{%- endif %}
<thead><tr>
{%- for h in head -%}
<th{% if numeric[loop.index0] %} style="text-align:right"{% endif %}>{{ h }}</th>
{%- endfor -%}
</tr></thead>
<tbody>
{%- for row in body %}
<tr{% if loop.index0 == highlight_row %} class="top"{% endif %}>
{%- for c in row -%}
<td{% if loop.index0 and c | is_number %} style="text-align:right"{% endif %}>{{ c }}</td>
{%- endfor -%}
</tr>
{%- endfor %}
</tbody></table>"""


@functools.cache
def _html_template() -> jinja2.Template:
    import jinja2

    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    env.filters["is_number"] = _numeric
    return env.from_string(_HTML_TABLE)


def html_table(
    header: Row,
    rows: Sequence[Row],
    *,
    digits: int = 3,
    caption: str | None = None,
    highlight_row: int | None = None,
    css_class: str = "policyopts-table",
) -> Markup:
    """An HTML ``<table>``, every cell escaped; numeric cells right-aligned.

    Rendered from a Jinja2 template with autoescaping, so cell text can never
    become markup; the result is :class:`markupsafe.Markup`, which templates
    insert without escaping it twice.

    Examples
    --------
    >>> "<td>a</td>" in html_table(["option"], [["a"]])
    True
    >>> "<td>&lt;b&gt;</td>" in html_table(["option"], [["<b>"]])
    True
    """
    head, body = _cells(header, rows, digits)
    numeric = [
        j > 0 and bool(body) and all(_numeric(r[j]) or r[j] == "" for r in body)
        for j in range(len(head))
    ]
    return Markup(
        _html_template().render(
            css_class=css_class,
            caption=caption,
            head=head,
            numeric=numeric,
            body=body,
            highlight_row=-1 if highlight_row is None else highlight_row,
        )
    )
