# SPDX-License-Identifier: EUPL-1.2
"""Travel allowances: the protocol a country implements for per diem and mileage.

What part of a per diem (*traktamente*) or a mileage allowance (*milersättning*) is
tax-free, how free meals and long stays reduce it, and how the employer reports it, is
national law. A country provides it through one object, returned by
``country.travel_rules(parameters)`` and bound to the dated parameters given (the
country's own, or the cooperative's with its overrides):

```python
rules = coop.country.travel_rules(coop.parameters)
per_diem = rules.per_diem(trip, Decimal("700"))
mileage = rules.mileage(claim, Decimal("780"), on=date(2026, 3, 4))
```

Both return results that split what was paid into ``tax_free + taxable == paid``, to the
öre, with a :class:`~kooperativ.payroll.trace.TraceLine` explaining every amount and the
boxes of the employer declaration to fill (:class:`~kooperativ.travel.models.ReportBox`).
The conformance suite (:mod:`kooperativ.testing.country`) checks the properties every
country's rules must have; the fictional Testland (``tests/testland``) is the worked
example of a second country.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Protocol, runtime_checkable

from kooperativ.travel.models import MileageAllowance, MileageClaim, TravelAllowance, Trip

__all__ = ["TravelRules"]


@runtime_checkable
class TravelRules(Protocol):
    """A country's rules for travel allowances, bound to its dated parameters."""

    def per_diem(self, trip: Trip, paid: Decimal) -> TravelAllowance:
        """The per diem of ``trip`` when the cooperative paid ``paid`` for it.

        Each day uses the parameters in force that day. The result's ``tax_free`` never
        exceeds ``paid`` nor the trip's maximum, and ``tax_free + taxable == paid``.

        Raises:
            InputError: ``paid`` negative, not whole hundredths, or too large.
            MissingParameterError: A day of the trip the parameters do not cover.
        """
        ...

    def mileage(self, claim: MileageClaim, paid: Decimal, on: date) -> MileageAllowance:
        """The mileage allowance of ``claim``, paid ``paid``, with the rates of ``on``.

        Raises:
            InputError: ``paid`` negative, not whole hundredths, or too large.
            MissingParameterError: ``on`` is not covered by the parameters.
        """
        ...
