"""The top-level namespace: every public name resolves, and resolves lazily."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
import types
from pathlib import Path

import pytest

import policyopts as po

INIT = Path(po.__file__)
HEAVY = ("pandas", "scipy", "matplotlib", "jinja2", "pydantic")


def _run(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return done.stdout.strip()


@pytest.mark.parametrize("name", po.__all__)
def test_every_public_name_resolves(name: str) -> None:
    namespace: dict[str, object] = {}
    exec(f"from policyopts import {name}", namespace)
    assert namespace[name] is getattr(po, name)
    if name != "__version__":
        assert namespace[name] is not None


def test_all_is_sorted_unique_and_listed_in_dir() -> None:
    assert po.__all__ == sorted(set(po.__all__))
    assert set(po.__all__) <= set(dir(po))


def test_every_public_name_is_seen_by_type_checkers() -> None:
    """The ``if TYPE_CHECKING:`` imports name exactly ``__all__`` (but the version)."""
    tree = ast.parse(INIT.read_text(encoding="utf-8"))
    guarded = next(
        node
        for node in tree.body
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING"
    )
    names = {
        alias.asname or alias.name
        for node in ast.walk(guarded)
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    assert names == set(po.__all__) - {"__version__"}


def test_lazy_table_names_exactly_all() -> None:
    """Every name of ``__all__`` has a module to come from, and nothing else does."""
    table = set(po._WHERE) | set(po._SUBMODULES)
    assert table == set(po.__all__) - {"__version__"}


def test_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="has no attribute 'no_such_name'"):
        _ = po.no_such_name
    with pytest.raises(ImportError, match="no_such_name"):
        exec("from policyopts import no_such_name", {})


def test_import_policyopts_loads_no_heavy_dependency() -> None:
    code = f"import sys, policyopts; print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    assert _run(code) == ""


def test_first_use_loads_only_what_it_needs() -> None:
    code = (
        "import sys, policyopts as po; po.CaseError; po.methods; "
        f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    loaded = _run(code).split(",")
    assert "pandas" not in loaded
    assert "matplotlib" not in loaded


@pytest.mark.parametrize("name", ["compare", "report", "audit", "drivers", "robustness"])
def test_function_keeps_its_name_after_its_submodule_is_imported(name: str) -> None:
    """``po.compare`` is the function even when ``policyopts.compare`` (the
    module) is imported first, in a fresh interpreter."""
    code = (
        f"import importlib, policyopts as po; importlib.import_module('policyopts.{name}'); "
        f"print(type(po.{name}).__name__)"
    )
    assert _run(code) == "function"
    module = importlib.import_module(f"policyopts.{name}")
    assert isinstance(module, types.ModuleType)
    assert callable(getattr(po, name))


def test_subpackages_are_modules() -> None:
    for name in ("distributions", "group", "methods", "plots", "ranksim", "weights", "widgets"):
        assert isinstance(getattr(po, name), types.ModuleType)


def test_case_error_is_catchable_from_the_top_level(tmp_path: Path) -> None:
    with pytest.raises(po.CaseError):
        po.load_case(tmp_path / "missing.yaml")


def test_the_package_pickles_by_reference() -> None:
    # The package's module type is a ModuleType subclass; pickling it (as Dask
    # does with the globals of a function that uses ``po``) must give back the
    # same module, not fail.
    import pickle

    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        assert pickle.loads(pickle.dumps(po, protocol=protocol)) is po
        assert pickle.loads(pickle.dumps({"po": po}, protocol=protocol))["po"] is po


def test_a_function_using_the_package_pickles_by_value() -> None:
    cloudpickle = __import__("cloudpickle")  # a dependency of dask, which `dev` installs

    def top(case_name: str) -> str:
        return str(po.compare(po.load_case(case_name)).top)

    again = cloudpickle.loads(cloudpickle.dumps(top))
    assert again("mali") == top("mali")
