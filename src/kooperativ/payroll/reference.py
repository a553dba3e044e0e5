# SPDX-License-Identifier: EUPL-1.2
"""The reference page of Sweden's parameters (``docs/parameters.md``), generated from data.

Every legal figure the library uses is a dated parameter with a description, a unit and a
source. This module renders them all as one Markdown page so that the documentation can
never drift from the data; a test fails when ``docs/parameters.md`` is out of date.
Regenerate it with::

    python -m kooperativ.payroll.reference > docs/parameters.md
"""

from __future__ import annotations

import sys
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from kooperativ.rules.parameters import Parameter, ParameterSet

__all__ = ["render_parameter_reference"]

_HEADER = """\
# Swedish parameters

Every legal figure kooperativ uses for Sweden, with its validity periods and its source.
This page is generated from `src/kooperativ/countries/se/parameters/*.toml`; do not edit it
by hand. Regenerate it with

```
python -m kooperativ.payroll.reference > docs/parameters.md
```

Each value holds from its first to its last day (inclusive); `open` means until changed.
Rates are fractions (`0.3142` = 31.42 %); amounts are kronor.
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


def render_parameter_reference(params: ParameterSet) -> str:
    """Render every parameter of ``params`` as a Markdown reference page.

    Parameters are grouped by their file (the first part of the name) and sorted by name,
    so the output is stable.

    Args:
        params: The parameter set, e.g. ``load_swedish_parameters()``.

    Returns:
        The Markdown text, ending with a newline.
    """
    lines = [_HEADER]
    group = None
    for name in sorted(params):
        parameter = params[name]
        head = name.split(".", 1)[0]
        if head != group:
            group = head
            lines.extend([f"## {head}", ""])
        lines.extend(_parameter(parameter))
    return "\n".join(lines).rstrip("\n") + "\n"


def main() -> None:
    """Print the reference of Sweden's parameters on standard output."""
    from kooperativ.countries.se.parameters import load_swedish_parameters

    sys.stdout.write(render_parameter_reference(load_swedish_parameters()))


if __name__ == "__main__":
    main()
