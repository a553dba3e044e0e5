# SPDX-License-Identifier: EUPL-1.2
"""The reference of ``cooperative.toml`` and ``bylaws.toml``: JSON Schemas and one page.

Both files are validated by pydantic models (:mod:`kooperativ.config`, the country's
section such as :class:`~kooperativ.countries.se.payroll.SwedishSettings`, and
:mod:`kooperativ.governance.bylaws`). Every field of those models carries a description,
so the schemas and the page are generated from the models and cannot drift from them; a
test fails when a field has no description or a committed file is out of date.
Regenerate them with::

    python -m kooperativ.config_reference page > docs/reference/configuration.md
    python -m kooperativ.config_reference cooperative > docs/reference/cooperative.schema.json
    python -m kooperativ.config_reference bylaws > docs/reference/bylaws.schema.json

``kooperativ config schema`` prints the same schemas.

The example column shows the value in the Interim kultur example's files.
"""

from __future__ import annotations

import enum
import json
import sys
import tomllib
import types
import typing
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

__all__ = [
    "FILES",
    "bylaws_schema",
    "cooperative_schema",
    "models",
    "render_configuration_reference",
    "undescribed_fields",
]

#: What ``python -m kooperativ.config_reference WHAT`` prints, and the file it belongs in.
FILES = {
    "page": "docs/reference/configuration.md",
    "cooperative": "docs/reference/cooperative.schema.json",
    "bylaws": "docs/reference/bylaws.schema.json",
}

_HEADER = """\
# Configuration reference

A cooperative is a folder: `cooperative.toml` configures it and `bylaws.toml` holds its
bylaws (stadgar) as dated rules. This page lists every key of both files, with its type,
its default and what it means; the *example* column shows the value in the Interim kultur
example (`kooperativ init`). It is generated from the models that validate the files, so
it is what `kooperativ check` accepts. Do not edit it by hand: regenerate it with

```
python -m kooperativ.config_reference page > docs/reference/configuration.md
```

The same models give JSON Schemas for editors and other tools:
[cooperative.schema.json](cooperative.schema.json) (with Sweden's section `[se]`) and
[bylaws.schema.json](bylaws.schema.json); `kooperativ config schema` prints them.

Amounts and rates are strings (`"0.06"`), read as exact decimals; shares in the bylaws are
fractions in strings (`"2/3"`); dates are TOML dates (`2026-01-01`). A key that is not
listed here is an error. The API behind the files: [kooperativ.config](config.md).
"""


def _country_section(country: str) -> tuple[str, type[BaseModel]]:
    from kooperativ.rules.country import get_country

    found = get_country(country)
    return found.code.lower(), found.config_section()


def models(country: str = "SE") -> dict[str, type[BaseModel]]:
    """The root models of the two files: ``cooperative.toml``, its country section, bylaws."""
    from kooperativ.config import CooperativeConfig
    from kooperativ.governance.bylaws import Bylaws

    key, section = _country_section(country)
    return {"cooperative.toml": CooperativeConfig, key: section, "bylaws.toml": Bylaws}


def _submodels(model: type[BaseModel]) -> Iterator[type[BaseModel]]:
    for info in model.model_fields.values():
        for inner in _flatten(info.annotation):
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                yield inner


def _flatten(annotation: Any) -> list[Any]:
    found = [annotation]
    for arg in typing.get_args(annotation):
        found.extend(_flatten(arg))
    return found


def undescribed_fields(country: str = "SE") -> list[str]:
    """Every field of the files' models without a description (``Model.field``)."""
    missing: list[str] = []
    seen: set[type[BaseModel]] = set()
    todo = list(models(country).values())
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, info in model.model_fields.items():
            if not (info.description or "").strip():
                missing.append(f"{model.__module__}.{model.__qualname__}.{name}")
        todo.extend(_submodels(model))
    return sorted(missing)


def cooperative_schema(country: str = "SE") -> dict[str, Any]:
    """The JSON Schema of ``cooperative.toml`` with ``country``'s own section."""
    from kooperativ.config import CooperativeConfig

    schema = CooperativeConfig.model_json_schema(by_alias=True)
    key, section = _country_section(country)
    national = section.model_json_schema(by_alias=True, ref_template="#/$defs/{model}")
    defs = schema.setdefault("$defs", {})
    defs.update(national.pop("$defs", {}))
    defs[section.__name__] = national
    schema["properties"][key] = {
        "$ref": f"#/$defs/{section.__name__}",
        "description": f"The law of {country}: the keys only a cooperative there sets",
    }
    roles = _accounts(country)
    schema["properties"]["accounts"]["propertyNames"] = {"enum": list(roles)}
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "cooperative.toml"
    return schema


def _accounts(country: str) -> dict[str, tuple[int, str]]:
    """The country's account roles: role → (default number, the account's name)."""
    from kooperativ.rules.country import get_country

    found = get_country(country)
    names = found.account_names()
    return {
        role: (number, names.get(number, "")) for role, number in found.chart_of_accounts().items()
    }


def bylaws_schema() -> dict[str, Any]:
    """The JSON Schema of ``bylaws.toml``."""
    from kooperativ.governance.bylaws import Bylaws

    schema = Bylaws.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "bylaws.toml"
    return schema


# -- the page -------------------------------------------------------------------------------


def _type(annotation: Any) -> str:
    """A reader's name for the type of a field."""
    origin = typing.get_origin(annotation)
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if origin in (typing.Union, types.UnionType):
        return " or ".join(_type(a) for a in args)
    if origin is typing.Literal:
        return " / ".join(f"`{json.dumps(a, ensure_ascii=False)}`" for a in args)
    if origin is tuple:
        inner = _type(args[0])
        return "list of tables" if inner == "table" else f"list of {inner}"
    if origin is dict:
        return f"table: {_type(args[0])} → {_type(args[1])}"
    if isinstance(annotation, type):
        if issubclass(annotation, BaseModel):
            return "table"
        if issubclass(annotation, enum.Enum):
            return " / ".join(f'`"{member.value}"`' for member in annotation)
        if issubclass(annotation, bool):
            return "boolean"
        if issubclass(annotation, int):
            return "integer"
        if issubclass(annotation, Decimal):
            return 'decimal string (`"0.06"`)'
        if issubclass(annotation, Fraction):
            return 'fraction string (`"2/3"`)'
        if issubclass(annotation, date):
            return "date"
        if issubclass(annotation, str):
            return "string"
    if "EmailStr" in repr(annotation):
        return "e-mail address"
    return "string"


def _toml(value: Any) -> str:
    """``value`` written as in a TOML file."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return _toml(value.value)
    if isinstance(value, Decimal | Fraction):
        return json.dumps(str(value))
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_toml(v)}" for k, v in value.items()) + " }"
    return str(value)


def _default(info: FieldInfo) -> str:
    if info.is_required():
        return "required"
    if info.default_factory is not None:
        value = info.default_factory()  # type: ignore[call-arg]
        if isinstance(value, BaseModel):
            return ""
    else:
        value = info.default
    if value is None or value in ((), {}):
        return ""
    return f"`{_cell(_toml(value))}`"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _example(example: Any, key: str) -> str:
    if not isinstance(example, dict) or key not in example:
        return ""
    value = example[key]
    return f"`{_cell(_toml(value))}`"


def _section(
    title: str, model: type[BaseModel], example: Any, lines: list[str], depth: int
) -> None:
    doc = (model.__doc__ or "").split("\n\n", 1)[0]
    doc = " ".join(doc.split()).replace("``", "`")
    lines.extend([f"{'#' * depth} `{title}`", "", doc, ""])
    rows = [
        "| key | type | default | description | example |",
        "|---|---|---|---|---|",
    ]
    nested: list[tuple[str, type[BaseModel], Any]] = []
    for name, info in model.model_fields.items():
        key = info.alias or name
        inner = [
            a for a in _flatten(info.annotation) if isinstance(a, type) and issubclass(a, BaseModel)
        ]
        sub_example = example.get(key) if isinstance(example, dict) else None
        if inner:
            is_list = typing.get_origin(info.annotation) is tuple
            path = f"{title.strip('[]')}.{key}" if title.startswith("[") else key
            nested.append(
                (
                    f"[[{path}]]" if is_list else f"[{path}]",
                    inner[0],
                    sub_example[0] if is_list and sub_example else sub_example,
                )
            )
        rows.append(
            f"| `{key}` | {_cell(_type(info.annotation))} | {_default(info)} | "
            f"{_cell(info.description or '')} | {'' if inner else _example(example, key)} |"
        )
    lines.extend([*rows, ""])
    for sub_title, sub_model, sub_example in nested:
        _section(sub_title, sub_model, sub_example, lines, min(depth + 1, 4))


def _example_files() -> tuple[dict[str, Any], dict[str, Any]]:
    from kooperativ.examples import examples_root

    folder = examples_root() / "interim_kultur"
    with (folder / "cooperative.toml").open("rb") as handle:
        cooperative = tomllib.load(handle)
    with (folder / "bylaws.toml").open("rb") as handle:
        bylaws = tomllib.load(handle)
    return cooperative, bylaws


def render_configuration_reference(country: str = "SE") -> str:
    """The Markdown page of every key of ``cooperative.toml`` and ``bylaws.toml``.

    Returns:
        The Markdown text, ending with a newline.
    """
    from kooperativ.config import CooperativeConfig
    from kooperativ.governance.bylaws import Bylaws

    cooperative, bylaws = _example_files()
    key, national = _country_section(country)
    lines = [_HEADER, "## cooperative.toml", ""]
    _section("cooperative.toml", CooperativeConfig, cooperative, lines, 3)
    lines.extend(
        [
            f"### `[{key}]`",
            "",
            f"The country's own section: the keys only a cooperative in {country} sets, "
            "validated by the country's model.",
            "",
        ]
    )
    _section(f"[{key}]", national, cooperative.get(key), lines, 4)
    lines.extend(
        [
            "### `[accounts]`",
            "",
            f"The account each role books to: {country}'s chart of accounts by default. A "
            "role may get another number; no role may be added (accounts of your own go "
            "under `[ledger.accounts]`). The description is the default account's name in the "
            "chart.",
            "",
            "| key | type | default | description | example |",
            "|---|---|---|---|---|",
        ]
    )
    example_accounts = cooperative.get("accounts", {})
    for role, (number, name) in _accounts(country).items():
        example = example_accounts.get(role)
        shown = "" if example is None else f"`{example}`"
        lines.append(f"| `{role}` | integer | `{number}` | {_cell(name)} | {shown} |")
    lines.append("")
    lines.extend(["## bylaws.toml", ""])
    _section("bylaws.toml", Bylaws, bylaws, lines, 3)
    text = "\n".join(lines)
    return text.rstrip("\n") + "\n"


def _json(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def render(what: str) -> str:
    """The text of ``what`` (a key of :data:`FILES`)."""
    if what == "page":
        return render_configuration_reference()
    if what == "cooperative":
        return _json(cooperative_schema())
    if what == "bylaws":
        return _json(bylaws_schema())
    raise ValueError(what)


def main(argv: list[str] | None = None) -> int:
    """Print the page or a schema named on the command line."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or args[0] not in FILES:
        sys.stderr.write(f"usage: python -m kooperativ.config_reference {{{'|'.join(FILES)}}}\n")
        return 2
    sys.stdout.write(render(args[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
