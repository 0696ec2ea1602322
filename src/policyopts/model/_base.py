"""Shared base of the domain model: frozen, strict about unknown fields, and
turning every validation failure into a located :class:`~policyopts.CaseError`."""

from __future__ import annotations

import difflib
import json
import types
import typing
from collections.abc import Mapping, Sequence
from contextvars import ContextVar
from typing import Annotated, Any, ClassVar, Self

from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError
from pydantic_core import InitErrorDetails, PydanticCustomError

from policyopts.exceptions import CaseError, CaseProblem

__all__ = [
    "DateStr",
    "Id",
    "Loc",
    "Model",
    "RuleViolations",
    "Text",
    "format_loc",
    "outside_unit",
]

Loc = tuple[str | int, ...]

#: Identifier of an option, criterion, risk, … : lower-case snake_case.
Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
#: Non-blank free text.
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
#: A calendar date, possibly partial: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.
DateStr = Annotated[
    str, StringConstraints(pattern=r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
]


def outside_unit(
    field: str, values: Mapping[Any, float] | Sequence[float], what: str
) -> list[tuple[Loc, str, object]]:
    """A rule violation ``"{what} outside [0, 1]"`` at ``(field, key)`` for every entry
    of ``values`` (a mapping, or a sequence keyed by position) outside [0, 1].

    >>> outside_unit("exposure", {"a": 0.5, "b": 1.5}, "exposure")
    [(('exposure', 'b'), 'exposure outside [0, 1]', 1.5)]
    """
    items = values.items() if isinstance(values, Mapping) else enumerate(values)
    return [((field, k), f"{what} outside [0, 1]", v) for k, v in items if not 0.0 <= v <= 1.0]


class RuleViolations(Exception):
    """Raised by model validators to report located rule violations.

    It deliberately does not derive from :class:`ValueError`, so pydantic lets
    it through untouched; :class:`Model` turns it into a :class:`CaseError`.
    """

    def __init__(self, problems: Sequence[tuple[Loc, str, object]]) -> None:
        super().__init__(f"{len(problems)} rule violation(s)")
        self.problems = list(problems)


def _nameable(value: object) -> bool:
    """Whether ``value`` can stand for a list item in a path: short plain text."""
    return (
        isinstance(value, str)
        and 0 < len(value) <= 64
        and value.isprintable()
        and not any(ch in value for ch in "[].")
    )


def _label(item: object, index: int) -> str:
    if isinstance(item, Mapping):
        ident = item.get("id")
        if _nameable(ident):
            return f"[{ident}]"
        opt, crit = item.get("option"), item.get("criterion")
        if _nameable(opt) and _nameable(crit):
            return f"[{opt}][{crit}]"
    return f"[{index}]"


def format_loc(loc: Loc, data: object) -> str:
    """Render a pydantic-style location against the raw input ``data``.

    List items are named by their id (or option and criterion) where they have
    one, so ``("assessments", 3, "uncertainty", "low")`` becomes
    ``"assessments[re_partner][ct_effect].uncertainty.low"``.

    Examples
    --------
    >>> data = {"options": [{"id": "a"}, {"id": "b", "name": 3}]}
    >>> format_loc(("options", 1, "name"), data)
    'options[b].name'
    """
    out = ""
    current: object = data
    for elem in loc:
        if isinstance(elem, int) and isinstance(current, Sequence) and not isinstance(current, str):
            item = current[elem] if 0 <= elem < len(current) else None
            out += _label(item, elem)
            current = item
            continue
        if isinstance(elem, int):
            out += f"[{elem}]"
            current = None
            continue
        if elem == "[key]":
            out += " (key)"
            continue
        if isinstance(current, Mapping):
            if elem in current:
                shown = elem if _nameable(elem) else repr(elem)[:40]
                out += f".{shown}" if out else shown
                current = current[elem]
                continue
            if current.get("kind") == elem:
                # pydantic names the member of a tagged union in the location
                continue
        elif current is not None and not isinstance(current, Mapping):
            # a union member's type name inside the location: skip it
            continue
        out += f".{elem}" if out else str(elem)
        current = None
    return out


def _lookup(data: object, loc: Loc) -> tuple[bool, object]:
    current = data
    for elem in loc:
        if isinstance(elem, int) and isinstance(current, Sequence) and not isinstance(current, str):
            if not 0 <= elem < len(current):
                return False, None
            current = current[elem]
        elif isinstance(elem, str) and isinstance(current, Mapping):
            if elem in current:
                current = current[elem]
            elif current.get("kind") == elem:
                continue
            else:
                return False, None
        else:
            continue
    return True, current


def _expand(tp: object) -> list[object]:
    origin = typing.get_origin(tp)
    if origin is Annotated:
        return _expand(typing.get_args(tp)[0])
    if origin in (typing.Union, types.UnionType):
        return [x for arg in typing.get_args(tp) for x in _expand(arg)]
    return [tp]


def _models_at(root: type[BaseModel], loc: Loc) -> list[type[BaseModel]]:
    current: list[object] = [root]
    for elem in loc:
        nxt: list[object] = []
        for tp in [x for t in current for x in _expand(t)]:
            origin = typing.get_origin(tp)
            if isinstance(tp, type) and issubclass(tp, BaseModel):
                if isinstance(elem, str) and elem in tp.model_fields:
                    nxt.append(tp.model_fields[elem].annotation)
                elif isinstance(elem, str):
                    nxt.append(tp)  # a tagged-union tag: stay on this model
            elif origin in (list, tuple, Sequence) and isinstance(elem, int):
                nxt.extend(typing.get_args(tp)[:1])
            elif origin in (dict, Mapping) and isinstance(elem, str):
                nxt.extend(typing.get_args(tp)[1:2])
        current = nxt
    found = [x for t in current for x in _expand(t)]
    return [t for t in found if isinstance(t, type) and issubclass(t, BaseModel)]


def _message(err: Mapping[str, Any], root: type[BaseModel]) -> str:
    kind = err.get("type", "")
    msg = str(err.get("msg", "invalid value"))
    loc = tuple(err.get("loc", ()))
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        allowed = sorted({f for m in _models_at(root, loc[:-1]) for f in m.model_fields})
        name = str(loc[-1]) if loc else ""
        text = "unknown field"
        close = difflib.get_close_matches(name, allowed, n=1)
        if close:
            text += f" (did you mean '{close[0]}'?)"
        elif allowed:
            text += f"; allowed: {', '.join(allowed)}"
        return text
    if kind == "finite_number":
        return "must be a finite number, not NaN or infinity"
    if kind == "string_pattern_mismatch" and "a-z" in str(err.get("ctx", {}).get("pattern", "")):
        return "ids are lower-case snake_case (letters, digits, underscores; a letter first)"
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, ") :]
    if msg.startswith("Assertion failed, "):
        msg = msg[len("Assertion failed, ") :]
    return msg[:1].lower() + msg[1:]


def problems_from_validation(
    error: ValidationError, data: object, root: type[BaseModel]
) -> list[CaseProblem]:
    """Translate a pydantic :class:`ValidationError` into located problems."""
    out: list[CaseProblem] = []
    for err in error.errors(include_url=False):
        loc: Loc = tuple(err.get("loc", ()))
        kind = err.get("type", "")
        found, value = _lookup(data, loc)
        has_value = found and kind != "missing"
        if kind == "extra_forbidden":
            has_value = False
        if kind == "case_rule":  # a rule violation carries its own offending value
            value = err.get("input")
            has_value = value is not None
        out.append(
            CaseProblem(
                message=_message(err, root),
                path=format_loc(loc, data),
                value=value if has_value else None,
                has_value=has_value,
                loc=loc,
            )
        )
    return out


def problems_from_rules(violations: RuleViolations, data: object) -> list[CaseProblem]:
    """Translate :class:`RuleViolations` into located problems."""
    return [
        CaseProblem(
            message=message,
            path=format_loc(loc, data),
            value=value,
            has_value=value is not None,
            loc=loc,
        )
        for loc, message, value in violations.problems
    ]


#: How deep inside model construction we are: only the outermost call turns
#: validation failures into a CaseError, so nested locations stay whole.
_DEPTH: ContextVar[int] = ContextVar("policyopts_model_depth", default=0)


def _as_validation_error(title: str, violations: RuleViolations) -> ValidationError:
    return ValidationError.from_exception_data(
        title,
        [
            InitErrorDetails(
                type=PydanticCustomError("case_rule", message),
                loc=loc,
                input=value,
            )
            for loc, message, value in violations.problems
        ],
    )


class Model(BaseModel):
    """Base of every domain model: frozen, no unknown fields, finite numbers.

    Constructing a model with bad input raises :class:`~policyopts.CaseError`
    naming the field path and the value, never a raw pydantic error.
    """

    model_config: ClassVar[ConfigDict] = ConfigDict(
        frozen=True,
        extra="forbid",
        allow_inf_nan=False,
        validate_default=False,
        use_attribute_docstrings=True,
    )

    def __init__(self, /, **data: Any) -> None:
        outer = _DEPTH.get()
        token = _DEPTH.set(outer + 1)
        try:
            super().__init__(**data)
        except ValidationError as exc:
            if outer:  # nested: let pydantic prefix the location
                raise
            raise CaseError(problems=problems_from_validation(exc, data, type(self))) from None
        except RuleViolations as exc:
            if outer:
                raise _as_validation_error(type(self).__name__, exc) from None
            raise CaseError(problems=problems_from_rules(exc, data)) from None
        except TypeError as exc:
            if outer or "keywords must be strings" not in str(exc):
                raise
            raise CaseError("keys must be text", path=type(self).__name__) from None
        finally:
            _DEPTH.reset(token)

    @classmethod
    def model_validate(cls, obj: Any, *args: Any, **kwargs: Any) -> Self:
        """Validate ``obj``; bad input raises :class:`~policyopts.CaseError`."""
        outer = _DEPTH.get()
        token = _DEPTH.set(outer + 1)
        try:
            return super().model_validate(obj, *args, **kwargs)
        except ValidationError as exc:
            if outer:
                raise
            raise CaseError(problems=problems_from_validation(exc, obj, cls)) from None
        except RuleViolations as exc:
            if outer:
                raise _as_validation_error(cls.__name__, exc) from None
            raise CaseError(problems=problems_from_rules(exc, obj)) from None
        except TypeError as exc:
            if outer or "keywords must be strings" not in str(exc):
                raise
            raise CaseError("keys must be text", path=cls.__name__) from None
        finally:
            _DEPTH.reset(token)

    @classmethod
    def model_validate_json(
        cls,
        json_data: str | bytes | bytearray,
        *,
        strict: bool | None = None,
        context: Any | None = None,
        **kwargs: Any,
    ) -> Self:
        """Validate JSON text; bad JSON or bad input raises :class:`~policyopts.CaseError`.

        The text is parsed as :func:`~policyopts.load_case` parses a JSON
        file, then validated like :meth:`model_validate`, so the errors are
        the same located, one-line ones.
        """
        try:
            data = json.loads(json_data)
        except json.JSONDecodeError as exc:
            raise CaseError(
                f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}",
                line=exc.lineno,
            ) from None
        except RecursionError:
            raise CaseError("invalid JSON: nested too deeply") from None
        except (ValueError, TypeError) as exc:
            raise CaseError(f"invalid JSON: {exc}") from None
        return cls.model_validate(data, strict=strict, context=context, **kwargs)
