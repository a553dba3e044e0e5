# SPDX-License-Identifier: EUPL-1.2
"""Dated parameters: every legal figure as data with a validity period and a source.

A parameter file is TOML. Each table that has ``values`` is one parameter; its name is the
file's path below the parameter folder (``/`` → ``.``, without ``.toml``), then the table
keys. ``parameters/contributions.toml`` with a table ``[full_rate]`` defines
``contributions.full_rate``:

```toml
[full_rate]
description = "Arbetsgivaravgifter, full rate (incl. allmän löneavgift)"
unit = "rate"
reference = "Socialavgiftslag (2000:980) 2 kap. 26 §"
values = [
  { from = 2025-01-01, value = "0.3142" },
]
```

A value holds from its ``from`` date until the day before the next value's ``from`` (or
until its own optional ``to``, inclusive). Numbers are written as strings and read as
:class:`~decimal.Decimal`; floats are refused. Values may be lists or tables of numbers
(schedules, brackets) with ``unit = "table"``; ``unit = "text"`` keeps strings.

Examples:
    >>> from datetime import date
    >>> params = ParameterSet.from_mapping({"rate": {"description": "d", "unit": "rate",
    ...     "reference": "r", "values": [{"from": date(2025, 1, 1), "value": "0.25"}]}})
    >>> params.at(date(2026, 1, 1))["rate"]
    Decimal('0.25')
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic import ValidationError as PydanticValidationError

from kooperativ.errors import (
    ConfigError,
    InputError,
    MissingParameterError,
    RulesError,
    config_reason,
    syntax_reason,
)

__all__ = [
    "OVERRIDES_FOLDER",
    "DatedValue",
    "Parameter",
    "ParameterSet",
    "Resolved",
    "with_overrides",
]

Unit = Literal["rate", "amount", "percent", "count", "year", "date", "text", "table", "flag"]
_TEXT_UNITS = {"text", "date", "flag"}


class DatedValue(BaseModel):
    """One value of a parameter and the period it is in force."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    valid_from: date = Field(alias="from")
    valid_to: date | None = Field(default=None, alias="to")
    value: Any
    note: str | None = None


def _convert(value: Any, unit: str, where: str) -> Any:
    """``value`` as the parameter's type; a bad value raises an :class:`InputError` whose
    field is ``where`` (the key path)."""
    if isinstance(value, float):
        raise InputError(where, "floats are not allowed; write the number as a string")
    if isinstance(value, bool):
        return value
    if isinstance(value, dict):
        return {k: _convert(v, unit, f"{where}.{k}") for k, v in value.items()}
    if isinstance(value, list):
        return [_convert(v, unit, f"{where}[{i}]") for i, v in enumerate(value)]
    if unit in _TEXT_UNITS or isinstance(value, date):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, str):
        try:
            number = Decimal(value)
        except InvalidOperation:
            # Words inside tables (e.g. a rule name) stay text.
            if unit == "table":
                return value
            raise InputError(where, "{value!r} is not a number", value=value) from None
        if not number.is_finite():
            raise InputError(where, "{value!r} is not a finite number", value=value)
        return number
    return value


class Parameter(BaseModel):
    """A legal figure with its description, unit, source reference and dated values."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    description: str
    unit: Unit
    reference: str
    values: tuple[DatedValue, ...]

    def value_on(self, on: date) -> Any:
        """The value in force on ``on``.

        Raises:
            MissingParameterError: If no value is in force that day.
        """
        chosen: DatedValue | None = None
        for item in self.values:
            if item.valid_from <= on:
                chosen = item
            else:
                break
        if chosen is None or (chosen.valid_to is not None and on > chosen.valid_to):
            raise MissingParameterError(self.name, on)
        return chosen.value

    def period_on(self, on: date) -> tuple[date, date | None]:
        """The first and last day (``None``: open-ended) of the value in force on ``on``."""
        self.value_on(on)
        for index, item in enumerate(self.values):
            if item.valid_from <= on and (
                index + 1 == len(self.values) or self.values[index + 1].valid_from > on
            ):
                end = item.valid_to
                if end is None and index + 1 < len(self.values):
                    end = self.values[index + 1].valid_from - timedelta(days=1)
                return item.valid_from, end
        raise MissingParameterError(self.name, on)  # pragma: no cover - value_on raised


def _build_parameter(name: str, raw: Mapping[str, Any], source: str) -> Parameter:
    data = dict(raw)
    unit = data.get("unit", "")
    values = data.get("values")
    if not isinstance(values, list) or not values:
        raise ConfigError(source, f"{name}.values", "at least one dated value is required")
    converted = []
    for i, item in enumerate(values):
        if not isinstance(item, dict):
            raise ConfigError(source, f"{name}.values[{i}]", "each value must be a table")
        entry = dict(item)
        if "value" in entry:
            try:
                entry["value"] = _convert(entry["value"], str(unit), f"{name}.values[{i}].value")
            except InputError as exc:
                raise ConfigError(source, exc.field, exc.reason_template, **exc.params) from None
        converted.append(entry)
    data["values"] = converted
    data["name"] = name
    try:
        parameter = Parameter.model_validate(data)
    except PydanticValidationError as exc:
        err = exc.errors()[0]
        key = ".".join(str(p) for p in err["loc"])
        template, values = config_reason(err)
        raise ConfigError(source, f"{name}.{key}", template, **values) from None
    previous: DatedValue | None = None
    for i, item in enumerate(parameter.values):
        if item.valid_to is not None and item.valid_to < item.valid_from:
            raise ConfigError(source, f"{name}.values[{i}]", "'to' is before 'from'")
        if previous is not None:
            if item.valid_from <= previous.valid_from:
                raise ConfigError(
                    source,
                    f"{name}.values[{i}]",
                    "periods overlap or are out of order ({start} is not after {previous})",
                    start=item.valid_from,
                    previous=previous.valid_from,
                )
            if previous.valid_to is not None and previous.valid_to >= item.valid_from:
                raise ConfigError(
                    source,
                    f"{name}.values[{i}]",
                    "periods overlap: the value before runs to {end}",
                    end=previous.valid_to,
                )
        previous = item
    return parameter


def _walk(prefix: str, table: Mapping[str, Any], source: str) -> Iterator[Parameter]:
    for key, value in table.items():
        name = f"{prefix}.{key}" if prefix else key
        if not isinstance(value, dict):
            raise ConfigError(source, name, "expected a table describing a parameter")
        if "values" in value:
            yield _build_parameter(name, value, source)
        else:
            yield from _walk(name, value, source)


class ParameterSet(Mapping[str, Parameter]):
    """A collection of named :class:`Parameter` objects.

    Build one with :meth:`load` (a folder of TOML files) or :meth:`from_mapping`, combine
    with :meth:`overlay`, and resolve a day with :meth:`at`.
    """

    def __init__(self, parameters: Mapping[str, Parameter] | None = None) -> None:
        self._parameters: dict[str, Parameter] = dict(parameters or {})

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], source: str = "<mapping>") -> ParameterSet:
        """Build from an already parsed TOML-like mapping."""
        return cls({p.name: p for p in _walk("", data, source)})

    @classmethod
    def load(cls, folder: Path | str) -> ParameterSet:
        """Load every ``*.toml`` below ``folder``.

        Raises:
            ConfigError: Naming the file and key of the first problem found.
        """
        root = Path(folder)
        if not root.is_dir():
            raise ConfigError(str(root), "", "parameter folder does not exist")
        found: dict[str, Parameter] = {}
        for path in sorted(root.rglob("*.toml")):
            relative = path.relative_to(root).with_suffix("")
            prefix = ".".join(relative.parts)
            try:
                data = tomllib.loads(path.read_text(encoding="utf-8"))
            except tomllib.TOMLDecodeError as exc:
                template, values = syntax_reason(exc, "TOML")
                raise ConfigError(str(path), "", template, **values) from None
            except UnicodeDecodeError as exc:
                raise ConfigError(
                    str(path), "", "is not UTF-8 text (byte {position}): save it as UTF-8",
                    position=exc.start,
                ) from None  # fmt: skip
            for parameter in _walk(prefix, data, str(path)):
                if parameter.name in found:
                    raise ConfigError(str(path), parameter.name, "parameter defined twice")
                found[parameter.name] = parameter
        return cls(found)

    def overlay(self, other: ParameterSet) -> ParameterSet:
        """A new set where ``other``'s parameters replace (or add to) these."""
        merged = dict(self._parameters)
        merged.update(other._parameters)
        return ParameterSet(merged)

    def at(self, on: date) -> Resolved:
        """Every parameter as in force on ``on``; a missing one raises when asked for."""
        return Resolved(self, on)

    def __getitem__(self, name: str) -> Parameter:
        try:
            return self._parameters[name]
        except KeyError:
            raise RulesError("unknown parameter {name!r}", name=name) from None

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._parameters))

    def __len__(self) -> int:
        return len(self._parameters)


@dataclass(frozen=True)
class Resolved(Mapping[str, Any]):
    """The values of a :class:`ParameterSet` on one day."""

    parameters: ParameterSet
    on: date

    def __getitem__(self, name: str) -> Any:
        return self.parameters[name].value_on(self.on)

    def decimal(self, name: str) -> Decimal:
        """The value of ``name`` as a Decimal (raises if it is not a number)."""
        value = self[name]
        if not isinstance(value, Decimal):
            raise RulesError("parameter {name!r} is not a number", name=name)
        return value

    def reference(self, name: str) -> str:
        """The legal reference of ``name``."""
        return self.parameters[name].reference

    def __iter__(self) -> Iterator[str]:
        return iter(self.parameters)

    def __len__(self) -> int:
        return len(self.parameters)


#: The folder of a cooperative that holds its overrides of the country's parameters.
OVERRIDES_FOLDER = "parameters"


def with_overrides(base: ParameterSet, folder: Path | str | None) -> ParameterSet:
    """``base`` (a country's parameters) with a cooperative's overrides, if it has any.

    The overrides are the TOML files in ``folder/parameters/``, in the same format as the
    country's; each replaces the country's parameter of the same name as a whole (with all
    its dated values) or adds one. Every way kooperativ reads a cooperative (the API, the
    CLI's ``--coop``, the scenario tests) calls this, so all use the same figures.

    Args:
        base: The country's parameters.
        folder: The cooperative's folder (``None``: no overrides).

    Raises:
        ConfigError: If an override file is malformed (naming the file and key).
    """
    if folder is None:
        return base
    overrides = Path(folder) / OVERRIDES_FOLDER
    if overrides.is_dir() and any(overrides.rglob("*.toml")):
        return base.overlay(ParameterSet.load(overrides))
    return base
