"""Plain data classes with the pydantic-style methods callers use, so that reading and rendering never load pydantic.

A record is a ``@dataclass(kw_only=True)`` deriving from :class:`Record`. Construction takes the values as
given (lists and dicts are copied, as pydantic did); ``model_validate`` checks untrusted data with pydantic,
loaded on first use, against the same declaration: field types, ``field(metadata={"ge": 0, "description": …})``
and ``__pydantic_config__``. ``model_dump``, ``model_copy`` and ``model_fields`` behave as pydantic's did
for these classes.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import enum
import functools
from collections.abc import Mapping
from decimal import Decimal
from pathlib import PurePath
from typing import Any, Literal, Self

DumpMode = Literal["python", "json"]


@dataclasses.dataclass(frozen=True)
class FieldInfo:
    """What ``Model.model_fields[name]`` tells: the resolved type, the default and the description."""

    annotation: Any
    default: Any
    description: str | None
    exclude: bool


class _ModelFields:
    """``Model.model_fields``: each field's :class:`FieldInfo`, in declaration order, resolved on first use."""

    def __get__(self, instance: object, owner: type) -> dict[str, FieldInfo]:
        return _model_fields(owner)


@functools.cache
def _model_fields(cls: type) -> dict[str, FieldInfo]:
    import typing

    hints = typing.get_type_hints(cls)
    out: dict[str, FieldInfo] = {}
    for f in dataclasses.fields(cls):
        default = None if f.default is dataclasses.MISSING else f.default
        out[f.name] = FieldInfo(hints[f.name], default, f.metadata.get("description"), bool(f.metadata.get("exclude")))
    return out


SCALAR_TYPES = frozenset({"str", "int", "float", "bool", "None", "Decimal", "dt.date", "date"})


_CONTAINER_FIELDS: dict[type, tuple[str, ...]] = {}


def _container_fields(cls: type) -> tuple[str, ...]:
    """The fields of ``cls`` that may hold a list or dict: those whose declared type is not made of scalars only
    (a workbook read creates hundreds of :class:`Source` records, which need no look at their fields)."""
    names = _CONTAINER_FIELDS.get(cls)
    if names is None:
        fields = dataclasses.fields(cls)
        names = tuple(f.name for f in fields if not set(str(f.type).replace(" ", "").split("|")) <= SCALAR_TYPES)
        _CONTAINER_FIELDS[cls] = names
    return names


_ADAPTERS: dict[type, Any] = {}


def _adapter(cls: type) -> Any:
    if cls not in _ADAPTERS:
        from pydantic import TypeAdapter  # only input that must be validated pays for loading pydantic

        _ADAPTERS[cls] = TypeAdapter(cls)
    return _ADAPTERS[cls]


class Record:
    """Base of the package's data classes: pydantic's ``model_*`` methods over a dataclass."""

    model_fields = _ModelFields()

    def __post_init__(self) -> None:
        for name in _container_fields(type(self)):
            value = getattr(self, name)
            if type(value) is list or type(value) is dict:  # the record owns its containers
                object.__setattr__(self, name, type(value)(value))

    def serialize_field(self, name: str, value: Any) -> Any:
        """A field's value as dumped; a subclass converts some fields."""
        return value

    def model_dump(
        self,
        *,
        mode: DumpMode = "python",
        include: set[str] | None = None,
        exclude: set[str] | None = None,
        exclude_none: bool = False,
    ) -> dict[str, Any]:
        """The fields as a dict (nested records too); ``mode="json"`` gives only JSON types."""
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):  # type: ignore[arg-type]
            name = f.name
            if f.metadata.get("exclude") or (include is not None and name not in include) or (exclude is not None and name in exclude):
                continue
            value = self.serialize_field(name, getattr(self, name))
            if exclude_none and value is None:
                continue
            out[name] = dump_value(value, mode, exclude_none)
        return out

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """A copy (shallow unless ``deep``) with the fields in ``update`` replaced, unchecked as in pydantic."""
        new = copy.deepcopy(self) if deep else copy.copy(self)
        for name, value in (update or {}).items():
            object.__setattr__(new, name, value)
        return new

    @classmethod
    def model_validate(cls, data: Any) -> Self:
        """A record from untrusted data (a dict, nested dicts for nested records), checked and converted by pydantic;
        raises ``pydantic.ValidationError``."""
        if isinstance(data, cls):
            return data
        result: Self = _adapter(cls).validate_python(data)
        return result


def dump_value(value: Any, mode: DumpMode, exclude_none: bool = False) -> Any:
    """``value`` as pydantic dumps a value of any type: records as dicts; in JSON mode only JSON types."""
    if isinstance(value, Record):
        return value.model_dump(mode=mode, exclude_none=exclude_none)
    if isinstance(value, dict):
        return {dump_value(k, mode): dump_value(v, mode, exclude_none) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [dump_value(v, mode, exclude_none) for v in value]
        return items if mode == "json" or isinstance(value, list) else type(value)(items)
    if mode == "python" or value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Decimal | PurePath):
        return str(value)
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return dump_value(value.value, mode)
    return value
