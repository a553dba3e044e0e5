# SPDX-License-Identifier: EUPL-1.2
"""Benchmark of the salary calculation, the net → invoice solve and tax-table generation.

Run with ``python benchmarks/bench_salary.py``. Prints complete salary calculations per
second (invoice → payout with the full trace, formulas included) on one core, in tax-table
mode and in side-income mode; the time of one net → invoice solve (the smallest invoice
that gives a wanted net pay) at 1e4 … 1e8 kronor, with the number of tax evaluations it
took; and the time to compute every monthly tax table (tables 29–42, columns 1 and 3) for
each year.
"""

from __future__ import annotations

import statistics
import time
from datetime import date
from decimal import Decimal

from kooperativ.countries.se.parameters import load_swedish_parameters
from kooperativ.countries.se.tax import compute_table
from kooperativ.payroll import SalaryInput, calculate_salary, invoice_for_net
from kooperativ.rules.country import get_country

SWEDEN = get_country("SE").payroll()

ROUNDS = 20_000
BLOCKS = 10


def _inputs(tax: str) -> list[SalaryInput]:
    """Varied inputs: invoices from 5 000 to 105 000 kr, four birth years, two fee rates.

    In table mode the column follows the age (``table:33`` → column 3 for the member born
    1955, who had turned 66 at the start of 2026; column 1 for the others).
    """
    births = [date(1985, 3, 1), date(2004, 7, 1), date(1955, 1, 1), date(1990, 12, 31)]
    return [
        SalaryInput.create(
            invoiced=Decimal(5000 + (i * 97) % 100_000) + Decimal(i % 100) / 100,
            fee_rate=Decimal("0.06") if i % 2 else Decimal("0.08"),
            birth_date=births[i % 4],
            paid_on=date(2026, 11, 25),
            tax=f"{tax}:{3 if i % 4 == 2 else 1}" if tax.startswith("table:") else tax,
            pension_rate=Decimal("0.045") if i % 5 == 0 else Decimal(0),
        )
        for i in range(1000)
    ]


def bench_salary(tax: str) -> tuple[float, float]:
    """Calculations per second (best and median of the blocks), reading every formula.

    The machine may be shared, so the work is split into blocks and the best block shows
    what one undisturbed core does; the median shows a typical block.
    """
    inputs = _inputs(tax)
    for inp in inputs[:50]:  # warm-up: tables and rules are computed once per year
        calculate_salary(inp, SWEDEN)
    rates = []
    chars = 0
    for block in range(BLOCKS):
        start = time.perf_counter()
        for n in range(ROUNDS // BLOCKS):
            result = calculate_salary(inputs[(block * 997 + n) % len(inputs)], SWEDEN)
            chars += sum(len(line.formula) for line in result.trace)
        rates.append((ROUNDS // BLOCKS) / (time.perf_counter() - start))
    if not chars:
        raise RuntimeError("no trace was produced")
    return max(rates), statistics.median(rates)


class _CountingModel:
    """Counts the tax evaluations of one solve (the costly question)."""

    def __init__(self, model: object) -> None:
        self._model = model
        self.taxes = 0

    def __getattr__(self, name: str) -> object:
        return getattr(self._model, name)

    def withheld(self, taxable: Decimal) -> Decimal:
        self.taxes += 1
        return self._model.withheld(taxable)  # type: ignore[attr-defined, no-any-return]


class _CountingRules:
    def __init__(self) -> None:
        self.last: _CountingModel | None = None

    def __getattr__(self, name: str) -> object:
        return getattr(SWEDEN, name)

    def model(self, inp: SalaryInput) -> _CountingModel:
        self.last = _CountingModel(SWEDEN.model(inp))
        return self.last


def bench_net_to_invoice(wanted: int, tax: str = "table:33:1") -> tuple[float, int]:
    """Milliseconds of one net → invoice solve (best of 200), and its tax evaluations."""
    inp = SalaryInput.create(
        net=Decimal(wanted),
        fee_rate=Decimal("0.06"),
        birth_date=date(1985, 3, 1),
        paid_on=date(2026, 11, 25),
        tax=tax,
    )
    counting = _CountingRules()
    invoice_for_net(inp, counting)  # type: ignore[arg-type]
    taxes = counting.last.taxes if counting.last is not None else 0
    best = float("inf")
    for _ in range(200):
        start = time.perf_counter()
        invoice_for_net(inp, SWEDEN)
        best = min(best, time.perf_counter() - start)
    return best * 1000, taxes


def bench_tables(year: int) -> float:
    """Seconds to compute all tables (29–42) of columns 1 and 3 for ``year``, uncached.

    Best of three runs (the tax package caches tables, so each run starts cold).
    """
    params = load_swedish_parameters()
    times = []
    for _ in range(3):
        _clear_table_caches()
        start = time.perf_counter()
        for table in range(29, 43):
            for column in (1, 3):
                compute_table(params, year, table, column)
        times.append(time.perf_counter() - start)
    return min(times)


def _clear_table_caches() -> None:
    from kooperativ.countries.se.tax import tables

    for name in dir(tables):
        clear = getattr(getattr(tables, name), "cache_clear", None)
        if callable(clear):
            clear()


def calibration() -> float:
    """Nanoseconds for one ``Decimal`` multiply + quantize: how fast this machine is.

    On a current laptop with CPython 3.11 this is about 150–250 ns; the salary figures
    scale roughly with it.
    """
    amount, rate, ore = Decimal("21456.96"), Decimal("0.3142"), Decimal("0.01")
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter_ns()
        for _ in range(100_000):
            (amount * rate).quantize(ore)
        best = min(best, (time.perf_counter_ns() - start) / 100_000)
    return best


def main() -> None:
    """Run the benchmarks and print the figures."""
    print(f"calibration: Decimal multiply + quantize {calibration():.0f} ns")
    for tax in ("table:33", "side-income"):
        best, median = bench_salary(tax)
        print(
            f"salary, tax {tax:<12}: {best:>9,.0f} calculations/second "
            f"(best block; median {median:,.0f})"
        )
    for wanted in (10**4, 10**5, 10**6, 10**7, 10**8):
        for tax in ("table:33:1", "side-income"):
            ms, taxes = bench_net_to_invoice(wanted, tax)
            print(
                f"net → invoice, {wanted:>11,} kr, tax {tax:<12}: {ms:6.3f} ms "
                f"({taxes} tax evaluations)"
            )
    for year in (2025, 2026):
        seconds = bench_tables(year)
        print(f"tax tables {year} (14 tables × columns 1, 3): {seconds:.3f} s (best of 3)")


if __name__ == "__main__":
    main()
