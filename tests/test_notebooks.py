"""Every notebook in notebooks/ runs top to bottom in a fresh kernel and shows a picture."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))


def test_there_are_notebooks() -> None:
    assert NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    )
    client.execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
    errors = [o for o in outputs if o.get("output_type") == "error"]
    assert not errors
    assert any("image/png" in o.get("data", {}) for o in outputs), "no picture in the notebook"
    assert [o for o in outputs if _escaped_text(o)] == [], "text shown as a repr; print() it"


def _escaped_text(output: dict[str, Any]) -> bool:
    """A cell whose value is a multi-line str: Jupyter shows its repr, escapes and all."""
    data = output.get("data", {})
    text = str(data.get("text/plain", ""))
    return (
        output.get("output_type") == "execute_result"
        and set(data) == {"text/plain"}
        and text[:1] in ("'", '"')
        and "\\n" in text
    )
