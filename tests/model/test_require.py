"""The shared case-argument check, and the functions that rely on it."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import policyopts as po
from policyopts.model.require import require_case


def test_a_case_passes() -> None:
    require_case(po.load_case("mali"))


@pytest.mark.parametrize("value", [None, "mali", {"id": "mali"}, 3])
def test_anything_else_is_a_type_error_naming_the_argument(value: object) -> None:
    kind = type(value).__name__
    with pytest.raises(TypeError, match=rf"^case: expected a policyopts Case, got {kind}$"):
        require_case(value)


def test_the_name_is_the_callers() -> None:
    with pytest.raises(TypeError, match=r"^base: expected a policyopts Case"):
        require_case([], "base")


@pytest.mark.parametrize(
    "call",
    [
        lambda: po.save_case("mali", "x.yaml"),  # type: ignore[arg-type]
        lambda: po.Problem.from_case("mali"),  # type: ignore[arg-type]
        lambda: po.one_way_all("mali"),  # type: ignore[arg-type]
    ],
)
def test_public_functions_refuse_a_non_case(call: Callable[[], object]) -> None:
    with pytest.raises(TypeError, match=r"^case: expected a policyopts Case, got str$"):
        call()
