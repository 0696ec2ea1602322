"""Shared fixtures: a small valid case as plain data, and the bundled Mali case."""

from __future__ import annotations

import copy
from typing import Any

import pytest

import policyopts as po
from toycase import _MINIMAL


@pytest.fixture
def toy_data() -> dict[str, Any]:
    """A small valid case as plain data (a fresh deep copy each time)."""
    return copy.deepcopy(_MINIMAL)


@pytest.fixture
def toy_case(toy_data: dict[str, Any]) -> po.Case:
    return po.Case.model_validate(toy_data)


@pytest.fixture(scope="session")
def mali() -> po.Case:
    return po.load_case("mali")
