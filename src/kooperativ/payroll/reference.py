# SPDX-License-Identifier: EUPL-1.2
"""The reference page of a country's parameters (``docs/parameters.md``), from data.

Every legal figure the library uses is a dated parameter with a description, a unit and a
source. This module renders a country's parameters as one Markdown page so that the
documentation can never drift from the data; a test fails when ``docs/parameters.md``
(Sweden's) is out of date. Regenerate it with::

    python -m kooperativ.payroll.reference SE > docs/parameters.md
"""

from __future__ import annotations

import sys
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from kooperativ.rules.parameters import Parameter, ParameterSet

__all__ = ["render_country_reference", "render_parameter_reference"]

_HEADER = """\
# {name}: parameters

Every legal figure kooperativ uses for {name}, with its validity periods and its source.
This page is generated from the country package's parameter files; do not edit it by hand.
Regenerate it with

```
python -m kooperativ.payroll.reference {code} > docs/parameters.md
```

Each value holds from its first to its last day (inclusive); `open` means until changed.
Rates are fractions (`0.3142` = 31.42 %); amounts are in {currency}.
"""


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_text(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_text(v) for v in value) + "]"
    return str(value)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _parameter(parameter: Parameter) -> list[str]:
    lines = [
        f"### `{parameter.name}`",
        "",
        _cell(parameter.description),
        "",
        f"- unit: {parameter.unit}",
        f"- source: {_cell(parameter.reference)}",
        "",
        "| from | to | value |",
        "|---|---|---|",
    ]
    values = parameter.values
    for index, item in enumerate(values):
        end = item.valid_to
        if end is None and index + 1 < len(values):
            end = values[index + 1].valid_from - timedelta(days=1)
        to_text = end.isoformat() if end is not None else "open"
        lines.append(f"| {item.valid_from.isoformat()} | {to_text} | {_cell(_text(item.value))} |")
    lines.append("")
    return lines


def render_parameter_reference(params: ParameterSet, *, name: str, code: str, currency: str) -> str:
    """Render every parameter of ``params`` as a Markdown reference page.

    Parameters are grouped by their file (the first part of the name) and sorted by name,
    so the output is stable.

    Args:
        params: The parameter set, e.g. ``get_country("SE").parameters()``.
        name: The country's name, for the title.
        code: The country's code, for the command that regenerates the page.
        currency: The currency amounts are in.

    Returns:
        The Markdown text, ending with a newline.
    """
    lines = [_HEADER.format(name=name, code=code, currency=currency)]
    group = None
    for name in sorted(params):
        parameter = params[name]
        head = name.split(".", 1)[0]
        if head != group:
            group = head
            lines.extend([f"## {head}", ""])
        lines.extend(_parameter(parameter))
    return "\n".join(lines).rstrip("\n") + "\n"


def render_country_reference(code: str) -> str:
    """The reference page of the registered country ``code``.

    Raises:
        ConfigError: If no such country is registered.
    """
    from kooperativ.rules.country import get_country

    country = get_country(code)
    return render_parameter_reference(
        country.parameters(), name=country.name, code=country.code, currency=country.currency
    )


def main(argv: list[str] | None = None) -> int:
    """Print the reference of the country named on the command line on standard output."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        sys.stderr.write("usage: python -m kooperativ.payroll.reference COUNTRY_CODE\n")
        return 2
    sys.stdout.write(render_country_reference(args[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
