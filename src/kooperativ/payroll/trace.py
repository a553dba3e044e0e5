# SPDX-License-Identifier: EUPL-1.2
"""Trace lines: how each amount of a salary calculation was found.

Every amount on a payslip can explain itself: the rule that produced it, the parameter
values used (by name, as in ``parameters/*.toml``), the legal reference and the
arithmetic written out. A :class:`TraceLine` holds that explanation for one field.

>>> from decimal import Decimal
>>> line = TraceLine("holiday_pay", Decimal("3000.00"), "semesterersattning",
...                  {"holiday.rate": "0.12"}, "Semesterlag (1977:480) 16 b §",
...                  "25000 × 12 % = 3000.00")
>>> line.as_dict()["amount"]
'3000.00'
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import NamedTuple

__all__ = ["TraceLine", "trace_as_dicts"]


class TraceLine(NamedTuple):
    """The explanation of one computed amount (an immutable named tuple: cheap to build).

    Attributes:
        field: The result field explained (``employer_contributions`` …).
        amount: The amount, in kronor.
        rule: Short name of the rule applied (``full``, ``table``, ``semesterersattning`` …).
        parameters: Parameter names and the values used, as strings.
        reference: The legal reference (or the cooperative policy) behind the rule.
        formula: The arithmetic, written out with the actual figures.
    """

    field: str
    amount: Decimal
    rule: str
    parameters: dict[str, str]
    reference: str
    formula: str

    def as_dict(self) -> dict[str, object]:
        """The line as JSON-ready data (the amount as a string)."""
        return {
            "field": self.field,
            "amount": str(self.amount),
            "rule": self.rule,
            "parameters": dict(self.parameters),
            "reference": self.reference,
            "formula": self.formula,
        }


def trace_as_dicts(lines: Iterable[TraceLine]) -> list[dict[str, object]]:
    """Every line as JSON-ready data, in order."""
    return [line.as_dict() for line in lines]
